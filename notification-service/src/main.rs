#[tokio::main]
async fn main() -> std::process::ExitCode {
    tts_shared::platform::run_main(
        notification_service::SERVICE,
        notification_service::MIGRATIONS,
        notification_service::app,
    )
    .await
}
