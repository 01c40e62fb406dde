//! `tts-system`: starts the whole system (four services on free ports, their own databases, a
//! RabbitMQ vhost and an SMTP sink), optionally seeds it, prints one JSON line naming the services'
//! base URLs and an admin token, and keeps it running until SIGTERM or Ctrl-C. For tools that
//! probe a running system from outside, e.g. `scripts/measure.sh schemathesis`:
//!
//! ```sh
//! target/release/tts-system --seed
//! {"admin_token":"…","messaging":"http://127.0.0.1:…","notifications":"…","tickets":"…",…}
//! ```
//!
//! The web console's browser tests run it as `tts-system --demo --demo-sign-in --cors-origin
//! http://127.0.0.1:<port>`: the demo organisation of `tts demo`, its people offered on the
//! sign-in page, and the console's origin allowed to call the services with the session cookie.

use std::io::Write as _;
use std::process::Stdio;

use clap::Parser;
use serde_json::json;
use tts_system::{ADMIN, System, binary, staff_token};

#[derive(Debug, Parser)]
#[command(about = "Start the whole TTS system and keep it running")]
struct Args {
    /// Seed roles, people and a published workflow (as the end-to-end test does).
    #[arg(long)]
    seed: bool,
    /// Load the demo organisation (roles, people, workflows) with `tts demo`, as
    /// `scripts/run.sh` does.
    #[arg(long)]
    demo: bool,
    /// Offer the demo people on a sign-in page (`TTS_DEMO_SIGN_IN` of the workflow API).
    #[arg(long)]
    demo_sign_in: bool,
    /// An origin (e.g. `http://127.0.0.1:5173`) whose pages may call the services with the
    /// session cookie, beside the default console origins; repeat for several.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    cors_origins: Vec<String>,
    /// Log level of the services.
    #[arg(long, default_value = "warn")]
    log: String,
}

/// The console's default origins, kept when more are allowed (the setting replaces the default).
const CONSOLE_ORIGINS: [&str; 2] = ["http://localhost:1000", "http://127.0.0.1:1000"];

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let origins = CONSOLE_ORIGINS
        .iter()
        .map(|o| o.to_string())
        .chain(args.cors_origins.iter().cloned())
        .collect::<Vec<_>>()
        .join(",");
    let mut settings = vec![
        ("TTS_LOG", args.log.as_str()),
        ("TTS_CORS_ALLOWED_ORIGINS", origins.as_str()),
    ];
    if args.demo_sign_in {
        settings.push(("TTS_DEMO_SIGN_IN", "true"));
    }
    let sys = System::start(&settings).await;
    if args.seed {
        sys.seed(None).await;
    }
    if args.demo {
        load_demo(&sys).await;
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

/// Runs `tts demo` (beside this binary) against the system; its report goes to standard error,
/// keeping standard output for the one JSON line.
async fn load_demo(sys: &System) {
    let output = tokio::process::Command::new(binary("tts"))
        .arg("demo")
        .args(["--workflow-url", &sys.workflow.base])
        .args(["--ticket-url", &sys.tickets.base])
        .args(["--messaging-url", &sys.messaging.base])
        .args(["--notification-url", &sys.notifications.base])
        .args(["--amqp-url", &sys.vhost.amqp_url()])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .output()
        .await
        .expect("tts demo runs");
    std::io::stderr()
        .write_all(&output.stdout)
        .expect("standard error");
    assert!(
        output.status.success(),
        "tts demo failed: {}",
        output.status
    );
}
