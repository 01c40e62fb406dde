//! `tts-bench`: starts the whole system from its binaries (like the end-to-end test), runs each
//! load for a fixed time, repeats the whole set, and writes a report with the median, minimum and
//! maximum of each figure. Build with `--release` so it runs the release binaries beside it:
//!
//! ```sh
//! cargo build --release --bins && target/release/tts-bench --out docs/benchmarks.md
//! ```
//!
//! `./scripts/measure.sh bench` sets the machine up first, then does the same.

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
    /// A `POST /tickets/` rate the system keeps up with, measured first: latency and CPU cost
    /// per ticket below capacity (tickets/s; 0 skips).
    #[arg(long, default_value_t = 80.0)]
    steady_rate: f64,
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
    /// Run only these loads (comma-separated): intake-http, intake-celery, reads, transitions,
    /// fan-out, idle. All of them when not given. Reads and transitions act on the tasks an
    /// intake load created.
    #[arg(long, value_delimiter = ',', value_parser = LOADS)]
    only: Vec<String>,
}

const LOADS: [&str; 6] = [
    "intake-http",
    "intake-celery",
    "reads",
    "transitions",
    "fan-out",
    "idle",
];

impl Args {
    fn runs_load(&self, load: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|l| l == load)
    }
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
    if args.runs_load("intake-http") && args.steady_rate > 0.0 {
        let label = format!(" at {}/s", args.steady_rate);
        eprintln!("  intake over HTTP{label}");
        let before = bench::cpu_by_part(&sys);
        let steady = bench::intake_http(&sys, run, args.steady_rate, args.seconds, &label).await;
        let after = bench::cpu_by_part(&sys);
        let tickets = assigned(&steady, &format!("intake over HTTP{label}"));
        for ((part, b), (_, a)) in before.iter().zip(after.iter()) {
            figures.push(Figure {
                name: format!("CPU seconds per 1,000 tickets{label}: {part}"),
                unit: "s",
                value: (a - b) / tickets * 1000.0,
            });
        }
        figures.extend(steady);
    }
    if args.runs_load("intake-http") {
        let cpu_before = bench::total_cpu(&sys);
        eprintln!("  intake over HTTP at {}/s", args.http_rate);
        let http = bench::intake_http(&sys, run, args.http_rate, args.seconds, "").await;
        figures.extend(bench::rss_figures(&sys, "after HTTP intake"));
        let tickets = assigned(&http, "intake over HTTP");
        let cpu = bench::total_cpu(&sys) - cpu_before;
        figures.push(Figure {
            name: "CPU seconds per 1,000 tickets (HTTP intake, the four services)".into(),
            unit: "s",
            value: cpu / tickets * 1000.0,
        });
        figures.extend(http);
    }
    if args.runs_load("intake-celery") {
        eprintln!("  intake over Celery at {}/s", args.celery_rate);
        figures.extend(bench::intake_amqp(&sys, run, args.celery_rate, args.seconds).await);
    }
    if args.runs_load("reads") {
        eprintln!("  reads");
        figures.extend(bench::reads(&sys, args.concurrency, args.seconds).await);
    }
    if args.runs_load("transitions") {
        eprintln!("  transitions");
        figures.extend(bench::transitions(&sys, args.concurrency, args.seconds).await);
    }
    if args.runs_load("fan-out") {
        eprintln!("  fan-out to {} sockets", args.clients);
        figures.extend(bench::fan_out(&sys, args.clients, args.comments).await);
    }
    if run == 0 && args.idle > 0 && args.runs_load("idle") {
        eprintln!("  {} idle sockets", args.idle);
        figures.extend(bench::idle_sockets(&sys, args.idle).await);
    }
    sys.finish().await;
    figures
}

/// How many tickets an intake load saw assigned and notified.
fn assigned(figures: &[Figure], label: &str) -> f64 {
    let name = format!("{label}: tickets assigned and notified");
    figures
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.value)
        .unwrap_or(f64::NAN)
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
        "Written by `tts-bench` (`system/src/bin/tts-bench.rs`); reproduce with\n`./scripts/measure.sh bench`.\n"
    );
    let _ = writeln!(out, "## Machine\n\n{}", machine());
    let _ = writeln!(
        out,
        "## Settings\n\n- Runs: {} (each on a freshly started system; figures are median, min and max over the runs)\n- Each load: {} s\n- `POST /tickets/` offered at {} tickets/s first (a rate the system keeps up with), then at {} tickets/s (open loop, at most 256 in flight); Celery `receive_ticket` at {} messages/s\n- Reads and transitions: {} concurrent clients, back to back\n- Fan-out: {} sockets on one ticket, {} comments one after another\n- Idle sockets: {} (first run only)\n- Services with their default settings (database pool 16, prefetch 32, 8 handlers per consumer), logs at `warn`\n",
        args.runs,
        args.seconds,
        args.steady_rate,
        args.http_rate,
        args.celery_rate,
        args.concurrency,
        args.clients,
        args.comments,
        args.idle
    );
    let mut medians = BTreeMap::new();
    for (name, v) in &values {
        let mut v = v.clone();
        medians.insert(name.clone(), bench::quantile(&mut v, 0.5));
    }
    let _ = writeln!(out, "{}", goals_table(args, &medians));
    let _ = writeln!(
        out,
        "## Results\n\n| figure | unit | median | min | max |\n|---|---|---|---|---|"
    );
    for (name, unit) in &order {
        let v = values.get(name).cloned().unwrap_or_default();
        let median = medians[name];
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

/// A goal the report is held against: the median of `figure` at least or at most `target`.
struct Goal {
    what: &'static str,
    figure: String,
    at_most: bool,
    target: f64,
}

fn goals(args: &Args) -> Vec<Goal> {
    let mut goals = vec![];
    for intake in ["HTTP", "Celery"] {
        goals.push(Goal {
            what: "intake throughput ≥ 1,000 tickets/s",
            figure: format!("intake over {intake}: sustained throughput"),
            at_most: false,
            target: 1000.0,
        });
        goals.push(Goal {
            what: "intake latency p99 ≤ 250 ms",
            figure: format!("intake over {intake}: latency p99"),
            at_most: true,
            target: 250.0,
        });
    }
    if args.steady_rate > 0.0 {
        goals.push(Goal {
            what: "intake latency p99 ≤ 250 ms",
            figure: format!("intake over HTTP at {}/s: latency p99", args.steady_rate),
            at_most: true,
            target: 250.0,
        });
    }
    goals.push(Goal {
        what: "`POST /tickets/` p99 ≤ 10 ms at 500 req/s",
        figure: "POST /tickets/ (open loop): p99".into(),
        at_most: true,
        target: 10.0,
    });
    goals.push(Goal {
        what: "comment fan-out to 1,000 clients p99 ≤ 100 ms",
        figure: format!("fan-out to {} clients: last client p99", args.clients),
        at_most: true,
        target: 100.0,
    });
    for service in [
        "ticket-service",
        "workflow-api",
        "messaging",
        "notification-service",
    ] {
        goals.push(Goal {
            what: "each service ≤ 50 MB RSS idle",
            figure: format!("RSS idle: {service}"),
            at_most: true,
            // The figure is in MiB.
            target: 50e6 / (1024.0 * 1024.0),
        });
    }
    goals
}

/// The goals table: each goal with the median it is judged on and whether that meets it.
fn goals_table(args: &Args, medians: &BTreeMap<String, f64>) -> String {
    let mut out = String::from(
        "## Goals

Judged on the median of the runs. The goals are for this machine with everything on it.

| goal | figure | median | |
|---|---|---|---|
",
    );
    for goal in goals(args) {
        let Some(&median) = medians.get(&goal.figure) else {
            continue;
        };
        let met = if goal.at_most {
            median <= goal.target
        } else {
            median >= goal.target
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            goal.what,
            goal.figure,
            show(median),
            if met { "met" } else { "**missed**" }
        );
    }
    out.push_str(
        "
What limits the missed goals, with the profiles behind it: [performance.md](performance.md).
",
    );
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
