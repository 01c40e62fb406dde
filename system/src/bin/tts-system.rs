//! `tts-system`: starts the whole system (four services on free ports, their own databases, a
//! RabbitMQ vhost and an SMTP sink), optionally seeds it, prints one JSON line naming the services'
//! base URLs and an admin token, and keeps it running until SIGTERM or Ctrl-C. For tools that
//! probe a running system from outside, e.g. `scripts/measure.sh schemathesis`:
//!
//! ```sh
//! target/release/tts-system --seed
//! {"admin_token":"…","messaging":"http://127.0.0.1:…","notifications":"…","tickets":"…",…}
//! ```

use std::io::Write as _;

use clap::Parser;
use serde_json::json;
use tts_system::{ADMIN, System, staff_token};

#[derive(Debug, Parser)]
#[command(about = "Start the whole TTS system and keep it running")]
struct Args {
    /// Seed roles, people and a published workflow (as the end-to-end test does).
    #[arg(long)]
    seed: bool,
    /// Log level of the services.
    #[arg(long, default_value = "warn")]
    log: String,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let sys = System::start(&[("TTS_LOG", args.log.as_str())]).await;
    if args.seed {
        sys.seed(None).await;
    }
    let ready = json!({
        "tickets": sys.tickets.base,
        "workflow": sys.workflow.base,
        "messaging": sys.messaging.base,
        "notifications": sys.notifications.base,
        "admin_token": staff_token(ADMIN, "tts:Admin"),
    });
    // One line on standard output, flushed: what a script waits for.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{ready}")
        .and_then(|()| stdout.flush())
        .expect("standard output");
    drop(stdout);
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("a SIGTERM handler");
    tokio::select! {
        _ = terminate.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    eprintln!("stopping the system");
    sys.finish().await;
}
