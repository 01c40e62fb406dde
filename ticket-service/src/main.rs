#[tokio::main]
async fn main() -> std::process::ExitCode {
    tts_shared::platform::run_main(
        ticket_service::SERVICE,
        ticket_service::MIGRATIONS,
        ticket_service::app,
    )
    .await
}
