#[tokio::main]
async fn main() -> std::process::ExitCode {
    tts_shared::platform::run_main(messaging::SERVICE, messaging::MIGRATIONS, messaging::app).await
}
