//! `tts-bench`: starts the whole system from its binaries (like the end-to-end test), runs each
//! load for a fixed time, repeats the whole set, and writes a report with the median, minimum and
//! maximum of each figure. Build with `--release` so it runs the release binaries beside it:
//!
//! ```sh
//! cargo build --release --bins && target/release/tts-bench --out docs/benchmarks.md
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Parser;
use tts_system::System;
use tts_system::bench::{self, Figure};

#[derive(Debug, Parser)]
#[command(about = "Benchmark the whole TTS system and write a report")]
struct Args {
    /// How many times the whole set runs (each on a fresh system).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Seconds each load runs.
    #[arg(long, default_value_t = 15)]
    seconds: u64,
    /// Offered rate of `POST /tickets/` (tickets/s).
    #[arg(long, default_value_t = 500.0)]
    http_rate: f64,
    /// Offered rate of Celery `receive_ticket` messages (messages/s).
    #[arg(long, default_value_t = 1000.0)]
    celery_rate: f64,
    /// Concurrency of the read and transition loads.
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Sockets on one ticket for the fan-out load.
    #[arg(long, default_value_t = 1000)]
    clients: usize,
    /// Comments posted during the fan-out load.
    #[arg(long, default_value_t = 20)]
    comments: usize,
    /// Idle sockets held on one messaging instance (measured in the first run only; 0 skips).
    #[arg(long, default_value_t = 10_000)]
    idle: usize,
    /// Where the report goes.
    #[arg(long, default_value = "docs/benchmarks.md")]
    out: PathBuf,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut runs: Vec<Vec<Figure>> = vec![];
    for run in 0..args.runs {
        eprintln!("run {} of {}", run + 1, args.runs);
        runs.push(one_run(&args, run).await);
    }
    let report = report(&args, &runs);
    std::fs::write(&args.out, report).expect("write the report");
    eprintln!("report written to {}", args.out.display());
}

async fn one_run(args: &Args, run: usize) -> Vec<Figure> {
    let sys = System::start(&[("TTS_LOG", "warn")]).await;
    sys.seed(None).await;
    let mut figures = bench::rss_figures(&sys, "idle");
    let cpu_before = bench::total_cpu(&sys);
    eprintln!("  intake over HTTP at {}/s", args.http_rate);
    let http = bench::intake_http(&sys, run, args.http_rate, args.seconds).await;
    figures.extend(bench::rss_figures(&sys, "after HTTP intake"));
    let tickets = http
        .iter()
        .find(|f| f.name == "intake over HTTP: tickets assigned and notified")
        .map(|f| f.value)
        .unwrap_or(f64::NAN);
    let cpu = bench::total_cpu(&sys) - cpu_before;
    figures.push(Figure {
        name: "CPU seconds per 1,000 tickets (HTTP intake, all services)".into(),
        unit: "s",
        value: cpu / tickets * 1000.0,
    });
    figures.extend(http);
    eprintln!("  intake over Celery at {}/s", args.celery_rate);
    figures.extend(bench::intake_amqp(&sys, run, args.celery_rate, args.seconds).await);
    eprintln!("  reads");
    figures.extend(bench::reads(&sys, args.concurrency, args.seconds).await);
    eprintln!("  transitions");
    figures.extend(bench::transitions(&sys, args.concurrency, args.seconds).await);
    eprintln!("  fan-out to {} sockets", args.clients);
    figures.extend(bench::fan_out(&sys, args.clients, args.comments).await);
    if run == 0 && args.idle > 0 {
        eprintln!("  {} idle sockets", args.idle);
        figures.extend(bench::idle_sockets(&sys, args.idle).await);
    }
    sys.finish().await;
    figures
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:").map(|v| v.trim().to_string()))
        .unwrap_or_default();
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!(
        "- CPU: {cpu}, {cores} cores available\n- Memory: {memory}\n- Kernel: {}\n- Everything on this one machine: the four services (release build), PostgreSQL, RabbitMQ, the SMTP sink and the load generator.\n",
        kernel.trim()
    )
}

fn report(args: &Args, runs: &[Vec<Figure>]) -> String {
    // Figures in first-seen order, with every run's value.
    let mut order: Vec<(String, &'static str)> = vec![];
    let mut values: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for run in runs {
        for f in run {
            if !values.contains_key(&f.name) {
                order.push((f.name.clone(), f.unit));
            }
            values.entry(f.name.clone()).or_default().push(f.value);
        }
    }
    let mut out = String::new();
    let _ = writeln!(out, "# Benchmarks\n");
    let _ = writeln!(
        out,
        "Written by `tts-bench` (`system/src/bin/tts-bench.rs`); reproduce with\n`cargo build --release --bins && target/release/tts-bench`.\n"
    );
    let _ = writeln!(out, "## Machine\n\n{}", machine());
    let _ = writeln!(
        out,
        "## Settings\n\n- Runs: {} (each on a freshly started system; figures are median, min and max over the runs)\n- Each load: {} s\n- `POST /tickets/` offered at {} tickets/s (open loop, at most 256 in flight), Celery `receive_ticket` at {} messages/s\n- Reads and transitions: {} concurrent clients, back to back\n- Fan-out: {} sockets on one ticket, {} comments one after another\n- Idle sockets: {} (first run only)\n- Services with their default settings (database pool 16, prefetch 32, 8 handlers per consumer), logs at `warn`\n",
        args.runs,
        args.seconds,
        args.http_rate,
        args.celery_rate,
        args.concurrency,
        args.clients,
        args.comments,
        args.idle
    );
    let _ = writeln!(
        out,
        "## Results\n\n| figure | unit | median | min | max |\n|---|---|---|---|---|"
    );
    for (name, unit) in &order {
        let mut v = values.get(name).cloned().unwrap_or_default();
        let median = bench::quantile(&mut v, 0.5);
        let min = v.iter().copied().fold(f64::INFINITY, f64::min);
        let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let _ = writeln!(
            out,
            "| {name} | {unit} | {} | {} | {} |",
            show(median),
            show(min),
            show(max)
        );
    }
    out
}

fn show(v: f64) -> String {
    if v.is_nan() || v.is_infinite() {
        "—".into()
    } else if v >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}
