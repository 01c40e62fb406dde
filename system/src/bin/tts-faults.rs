//! `tts-faults`: under a steady Celery intake load, injects one fault at a time into a running
//! system and writes a report of what each did: tickets submitted, tasks created, notifications
//! stored, duplicates, recovery time. It restarts the machine's RabbitMQ node and PostgreSQL, so
//! run it where nothing else uses them:
//!
//! ```sh
//! cargo build --release --bins && target/release/tts-faults
//! ```

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use chrono::Utc;
use clap::Parser;
use tts_system::System;
use tts_system::faults::{self, Helpdesk, Outcome};

#[derive(Debug, Parser)]
#[command(about = "Inject faults into the whole TTS system under load and write a report")]
struct Args {
    /// Tickets per second the helpdesk sends throughout.
    #[arg(long, default_value_t = 50.0)]
    rate: f64,
    /// Seconds of load before the fault.
    #[arg(long, default_value_t = 5)]
    before: u64,
    /// Seconds of load after the fault was injected.
    #[arg(long, default_value_t = 20)]
    after: u64,
    /// PostgreSQL cluster version and name, for `pg_ctlcluster`.
    #[arg(long, default_value = "15")]
    pg_version: String,
    #[arg(long, default_value = "main")]
    pg_cluster: String,
    #[arg(long, default_value = "docs/reliability.md")]
    out: PathBuf,
}

const FAULTS: [&str; 4] = [
    "kill -9 and restart the workflow API",
    "force-close every broker connection",
    "restart the RabbitMQ node (stop_app / start_app)",
    "restart PostgreSQL",
];

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut sys = System::start(&[("TTS_LOG", "warn")]).await;
    sys.seed(None).await;
    let mut outcomes = vec![];
    for (n, fault) in FAULTS.iter().enumerate() {
        eprintln!("{fault}");
        let prefix = format!("F{n}-");
        let helpdesk = Helpdesk::start(sys.vhost.amqp_url(), prefix.clone(), args.rate);
        tokio::time::sleep(Duration::from_secs(args.before)).await;
        let injected = Utc::now();
        inject(&mut sys, n, &args).await;
        let restored = Utc::now();
        tokio::time::sleep(Duration::from_secs(args.after)).await;
        let sent = helpdesk.finish().await;
        let outcome = faults::outcome(
            &sys,
            fault,
            &prefix,
            &sent,
            (injected, restored),
            Duration::from_secs(180),
        )
        .await;
        eprintln!("  {outcome:?}");
        outcomes.push(outcome);
    }
    let mut text = report(&args, &outcomes);
    // Other reports share the file (`measure.sh schemathesis` writes its own section): keep them.
    if let Some(kept) = std::fs::read_to_string(&args.out)
        .ok()
        .and_then(|old| kept_section(&old))
    {
        text.push('\n');
        text.push_str(&kept);
        text.push('\n');
    }
    std::fs::write(&args.out, text).expect("write the report");
    eprintln!("report written to {}", args.out.display());
    sys.finish().await;
}

async fn inject(sys: &mut System, fault: usize, args: &Args) {
    match fault {
        0 => sys.workflow.restart().await,
        1 => {
            let closed = sys.vhost.close_connections().await;
            eprintln!("  closed {closed} connections");
        }
        2 => {
            assert!(
                faults::shell("rabbitmqctl", &["stop_app"]).await,
                "rabbitmqctl stop_app"
            );
            assert!(
                faults::shell("rabbitmqctl", &["start_app"]).await,
                "rabbitmqctl start_app"
            );
        }
        _ => {
            let restarted = faults::shell(
                "pg_ctlcluster",
                &[
                    "--skip-systemctl-redirect",
                    &args.pg_version,
                    &args.pg_cluster,
                    "restart",
                ],
            )
            .await;
            assert!(restarted, "pg_ctlcluster restart");
        }
    }
}

fn report(args: &Args, outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Reliability under faults\n");
    let _ = writeln!(
        out,
        "Written by `tts-faults` (`system/src/bin/tts-faults.rs`); reproduce with\n`./scripts/measure.sh faults` on a machine whose PostgreSQL and RabbitMQ nothing else is using\n(it restarts both).\n"
    );
    let _ = writeln!(
        out,
        "A helpdesk sends Celery `tickets.tasks.receive_ticket` messages at {} tickets/s to the four\nservices started from their release binaries; each ticket is re-sent until the broker confirms it,\nas a Celery producer does. Each fault is injected after {} s of load, and the load goes on for {} s\nmore. Then every confirmed ticket is followed (up to 180 s) to its task in the workflow API and its\nassignment notification in the notification service. *Fault* is how long injecting it took (for a\nrestart, until the restarted part was up again); *recovery* is the time from then to the first ticket\nsent afterwards being assigned and notified. The goal is 0 lost and 0 duplicated\nin every case.\n",
        args.rate, args.before, args.after
    );
    let _ = writeln!(
        out,
        "| fault | tickets submitted | tasks created | notifications stored | lost | duplicate tasks | duplicate notifications | fault | recovery |\n|---|---|---|---|---|---|---|---|---|"
    );
    for o in outcomes {
        let recovery = o
            .recovery
            .map(|d| format!("{:.1} s", d.as_secs_f64()))
            .unwrap_or_else(|| "—".into());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {:.1} s | {} |",
            o.fault,
            o.submitted,
            o.tasks,
            o.notifications,
            o.lost(),
            o.duplicate_tasks,
            o.duplicate_notifications,
            o.fault_took.as_secs_f64(),
            recovery
        );
    }
    out
}

/// The schemathesis section of an existing report, markers included.
fn kept_section(old: &str) -> Option<String> {
    const BEGIN: &str = "<!-- schemathesis:begin -->";
    const END: &str = "<!-- schemathesis:end -->";
    let start = old.find(BEGIN)?;
    let end = old[start..].find(END)? + start + END.len();
    Some(old[start..end].to_string())
}
