#[tokio::main]
async fn main() -> std::process::ExitCode {
    tts_shared::platform::run_main(
        workflow_api::SERVICE,
        workflow_api::MIGRATIONS,
        workflow_api::app,
    )
    .await
}
