//! `tts simulate`: plays a helpdesk. Sends tickets of the demo kinds ([`crate::demo_data`]) at a
//! steady rate and reports the rate achieved, the errors and the latency of each send.
//!
//! - `--via amqp`: `tickets.tasks.receive_ticket` Celery messages straight to the ticket tasks
//!   queue, as the helpdesk's Celery producer sends them; a send is the publish and the broker's
//!   confirmation.
//! - `--via http`: through the ticket service, either as the requesters (`POST /tickets/` with a
//!   token per requester, minted like `tts token`) or, with `--api-key`, as the helpdesk itself
//!   (`POST /tickets/send/` with its service API key, tickets in the helpdesk's shape).
//!
//! Pacing: ticket `i` is due `i / rate` seconds after the start. Due times are counted from the
//! start, never from the previous send, so time spent waiting and sending does not add up into
//! drift; sends run concurrently (up to `--concurrency`), and a run that fell behind because
//! every slot was busy catches up as slots free, like a token bucket.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value, json};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::Instant;
use tts_shared::auth::{Claims, SystemRole, UserType};
use tts_shared::events::{CeleryTask, HelpdeskTicket, TicketEmployee};

use crate::Settings;
use crate::amqp::Amqp;
use crate::demo_data::{ASSET_REQUEST, BUDGET_REQUEST, EMPLOYEES, PRIORITIES, TICKET_KINDS};
use crate::signing::Signer;

/// How often a long run says how far it got.
const PROGRESS_EVERY: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Via {
    Amqp,
    Http,
}

#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// How many tickets to send.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub count: u64,
    /// Tickets per second; fractions are fine (0.5 is one every two seconds).
    #[arg(long, default_value_t = 5.0, value_parser = parse_rate)]
    pub rate: f64,
    /// `amqp`: Celery messages to the ticket tasks queue; `http`: through the ticket service.
    #[arg(long, value_enum, default_value_t = Via::Amqp)]
    pub via: Via,
    /// Broker for `--via amqp`; default: the `amqp_url` setting.
    #[arg(long)]
    pub amqp_url: Option<String>,
    /// Queue for `--via amqp`; default: the `queue_ticket_tasks` setting.
    #[arg(long)]
    pub queue: Option<String>,
    /// The ticket service, for `--via http`.
    #[arg(long, default_value = "http://127.0.0.1:8004")]
    pub ticket_url: String,
    /// With `--via http`: send as the helpdesk with this service API key (`POST /tickets/send/`)
    /// instead of as the requesters (`POST /tickets/`).
    #[arg(long)]
    pub api_key: Option<String>,
    /// Most sends in flight at once.
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub concurrency: u32,
    /// Longest one HTTP call may take, in milliseconds.
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout_ms: u64,
    /// Seed of the ticket contents: the same seed sends the same tickets (numbers aside).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Sign the requesters' tokens with this RS256 private key (PEM) instead of the HS256 secret.
    #[arg(long)]
    pub private_key: Option<PathBuf>,
}

fn parse_rate(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(rate) if rate.is_finite() && rate > 0.0 && rate <= 100_000.0 => Ok(rate),
        _ => Err(format!(
            "`{s}` is not a rate: tickets per second, above 0 and at most 100000"
        )),
    }
}

pub async fn run(
    args: SimulateArgs,
    settings: &Settings,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let seed = args.seed.unwrap_or_else(seed_from_clock);
    let mut factory = TicketFactory::new(seed, Utc::now());
    let submitter = Submitter::open(&args, settings).await?;
    writeln!(
        out,
        "Sending {} tickets at {}/s {} (seed {seed})",
        args.count,
        args.rate,
        submitter.describe()
    )?;
    let submitter = Arc::new(submitter);
    let report = pace(
        &submitter,
        &mut factory,
        args.count,
        args.rate,
        args.concurrency as usize,
        out,
    )
    .await?;
    // Every send has finished, so this is the only reference left.
    if let Ok(Submitter::Queue { amqp, .. }) = Arc::try_unwrap(submitter) {
        amqp.close().await;
    }
    write!(out, "{report}")?;
    if report.failed() > 0 {
        anyhow::bail!("{} of {} tickets failed", report.failed(), args.count);
    }
    Ok(())
}

fn seed_from_clock() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// When ticket `i` (from 0) is due.
fn due(start: Instant, i: u64, rate: f64) -> Instant {
    start + Duration::from_secs_f64(i as f64 / rate)
}

/// What became of one send.
#[derive(Debug)]
struct Outcome {
    /// When the send began, from the start of the run.
    began: Duration,
    latency: Duration,
    error: Option<String>,
}

async fn pace(
    submitter: &Arc<Submitter>,
    factory: &mut TicketFactory,
    count: u64,
    rate: f64,
    concurrency: usize,
    out: &mut impl Write,
) -> anyhow::Result<Report> {
    let slots = Arc::new(Semaphore::new(concurrency));
    let mut running = JoinSet::new();
    let mut outcomes = Vec::with_capacity(count as usize);
    let start = Instant::now();
    let mut last_progress = start;
    for i in 0..count {
        tokio::time::sleep_until(due(start, i, rate)).await;
        let slot = slots
            .clone()
            .acquire_owned()
            .await
            .context("send slots closed")?;
        let ticket = factory.ticket(i);
        let submitter = submitter.clone();
        running.spawn(async move {
            let began = Instant::now();
            let result = submitter.submit(&ticket).await;
            drop(slot);
            Outcome {
                began: began - start,
                latency: began.elapsed(),
                error: result.err(),
            }
        });
        while let Some(done) = running.try_join_next() {
            outcomes.push(done.context("a send stopped unexpectedly")?);
        }
        if last_progress.elapsed() >= PROGRESS_EVERY {
            let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
            writeln!(
                out,
                "  {}/{count} sent, {} answered, {failed} failed",
                i + 1,
                outcomes.len()
            )?;
            last_progress = Instant::now();
        }
    }
    while let Some(done) = running.join_next().await {
        outcomes.push(done.context("a send stopped unexpectedly")?);
    }
    Ok(Report::new(rate, start.elapsed(), outcomes))
}

/// Where the tickets go.
enum Submitter {
    Queue {
        amqp: Amqp,
        queue: String,
    },
    Requesters {
        http: reqwest::Client,
        url: String,
        /// A token per requester (employee id).
        tokens: HashMap<i64, String>,
    },
    Helpdesk {
        http: reqwest::Client,
        url: String,
        api_key: String,
    },
}

impl Submitter {
    async fn open(args: &SimulateArgs, settings: &Settings) -> anyhow::Result<Submitter> {
        let base = args.ticket_url.trim_end_matches('/');
        let timeout = Duration::from_millis(args.timeout_ms);
        match (args.via, &args.api_key) {
            (Via::Amqp, Some(_)) => {
                anyhow::bail!("--api-key is for --via http: messages on the queue carry no key")
            }
            (Via::Amqp, None) => {
                let url = args.amqp_url.as_deref().unwrap_or(&settings.cli.amqp_url);
                let queue = args
                    .queue
                    .clone()
                    .unwrap_or_else(|| settings.queues.queue_ticket_tasks.clone());
                let amqp = Amqp::connect(url, &[&queue], Duration::from_secs(10)).await?;
                Ok(Submitter::Queue { amqp, queue })
            }
            (Via::Http, Some(api_key)) => Ok(Submitter::Helpdesk {
                http: crate::http_client(timeout)?,
                url: format!("{base}/tickets/send/"),
                api_key: api_key.clone(),
            }),
            (Via::Http, None) => {
                let signer = Signer::new(args.private_key.as_deref(), &settings.cli.jwt_secret)?;
                let mut tokens = HashMap::new();
                for employee in EMPLOYEES {
                    let mut claims = Claims::access(
                        employee.user_id,
                        UserType::Employee,
                        vec![SystemRole::new("hdts", "Employee")],
                        3600,
                    );
                    claims.full_name = Some(employee.full_name());
                    claims.email = Some(employee.email());
                    tokens.insert(employee.user_id, signer.sign(&claims)?);
                }
                Ok(Submitter::Requesters {
                    http: crate::http_client(timeout)?,
                    url: format!("{base}/tickets/"),
                    tokens,
                })
            }
        }
    }

    fn describe(&self) -> String {
        match self {
            Submitter::Queue { queue, .. } => format!("via amqp to {queue}"),
            Submitter::Requesters { url, tokens, .. } => {
                format!("via http: POST {url} as {} requesters", tokens.len())
            }
            Submitter::Helpdesk { url, .. } => format!("via http: POST {url} as the helpdesk"),
        }
    }

    /// Sends one ticket; the error is a short sentence, the same for the same cause, so the
    /// report can count causes.
    async fn submit(&self, ticket: &HelpdeskTicket) -> Result<(), String> {
        match self {
            Submitter::Queue { amqp, queue } => amqp
                .publish(queue, &ticket.to_message())
                .await
                .map_err(|e| format!("{e:#}")),
            Submitter::Requesters { http, url, tokens } => {
                let requester = ticket.employee_id.unwrap_or_default();
                let token = tokens.get(&requester).map(String::as_str).unwrap_or("");
                let body = json!({
                    "subject": ticket.subject,
                    "description": ticket.description,
                    "category": ticket.category,
                    "sub_category": ticket.sub_category,
                    "department": ticket.department,
                    "priority": ticket.priority,
                });
                answer(http.post(url).bearer_auth(token).json(&body).send().await).await
            }
            Submitter::Helpdesk { http, url, api_key } => {
                answer(
                    http.post(url)
                        .header("X-API-Key", api_key)
                        .json(ticket)
                        .send()
                        .await,
                )
                .await
            }
        }
    }
}

/// `Ok` for a 2xx answer (its body read, so the connection can be reused), else the status and
/// the service's error message.
async fn answer(sent: reqwest::Result<reqwest::Response>) -> Result<(), String> {
    let response = sent.map_err(|e| e.without_url().to_string())?;
    let status = response.status();
    let body = response.bytes().await.map_err(|e| e.to_string())?;
    if status.is_success() {
        return Ok(());
    }
    let message = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v["error"]["message"].as_str().map(str::to_string))
        .unwrap_or_else(|| String::from_utf8_lossy(&body).chars().take(200).collect());
    Err(format!("HTTP {status}: {message}"))
}

/// SplitMix64: tiny and well known; enough to vary tickets, and reproducible from a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Makes the simulated helpdesk's tickets.
pub struct TicketFactory {
    rng: Rng,
    /// UTC `yyyymmdd` of the run, for ticket numbers.
    date: String,
    /// The run's numbers are consecutive from a random start, so they are unique within a run
    /// and unlikely to meet an earlier run's.
    first_number: u64,
}

impl TicketFactory {
    /// Contents follow `seed`; numbers follow `now`, so repeating a run with the same seed
    /// sends new tickets rather than updating the earlier ones.
    pub fn new(seed: u64, now: DateTime<Utc>) -> TicketFactory {
        let clock = now.timestamp_nanos_opt().unwrap_or_default() as u64;
        TicketFactory {
            rng: Rng(seed),
            date: now.format("%Y%m%d").to_string(),
            first_number: Rng(clock).below(1_000_000),
        }
    }

    /// Ticket `i` of the run, in the helpdesk's shape (see `events.md`).
    pub fn ticket(&mut self, i: u64) -> HelpdeskTicket {
        let kind = *self.rng.pick(&TICKET_KINDS);
        let subject = *self.rng.pick(kind.subjects);
        let priority = self.priority();
        let employee = *self.rng.pick(&EMPLOYEES);
        let serial = (self.first_number + i) % 1_000_000;
        let now = Utc::now().to_rfc3339_opts(SecondsFormat::Micros, false);
        let route = (kind.department, kind.category);
        HelpdeskTicket {
            id: Some(Value::from(serial)),
            ticket_number: Some(format!("TX{}{serial:06}", self.date)),
            subject: subject.to_string(),
            description: Some(format!(
                "{subject}. Raised by {} of {}.",
                employee.full_name(),
                employee.department
            )),
            category: Some(kind.category.to_string()),
            sub_category: Some(kind.sub_category.to_string()),
            department: Some(kind.department.to_string()),
            priority: Some(priority.to_string()),
            status: Some("Open".into()),
            submit_date: Some(now.clone()),
            update_date: Some(now),
            employee_id: Some(employee.user_id),
            employee_company_id: Some(employee.company_id()),
            employee_email: Some(employee.email()),
            employee: Some(TicketEmployee {
                first_name: Some(employee.first_name.to_string()),
                last_name: Some(employee.last_name.to_string()),
                email: Some(employee.email()),
                company_id: Some(employee.company_id()),
                department: Some(employee.department.to_string()),
                extra: Map::new(),
            }),
            attachments: Vec::new(),
            dynamic_data: Value::Null,
            asset_name: (route == ASSET_REQUEST).then(|| subject.to_string()),
            requested_budget: (route == BUDGET_REQUEST)
                .then(|| Value::from(5_000 + 500 * self.rng.below(290))),
            ..HelpdeskTicket::default()
        }
    }

    /// A priority, drawn by the weights in [`PRIORITIES`].
    fn priority(&mut self) -> &'static str {
        let total: u64 = PRIORITIES.iter().map(|(_, w)| w).sum();
        let mut draw = self.rng.below(total);
        for (priority, weight) in PRIORITIES {
            if draw < weight {
                return priority;
            }
            draw -= weight;
        }
        "Medium"
    }
}

/// The end-of-run summary.
#[derive(Debug)]
struct Report {
    target_rate: f64,
    /// From the first send to the last answer.
    elapsed: Duration,
    /// Rate at which sends began: the gaps between first and last begin, as the target counts them.
    sending_rate: Option<f64>,
    /// Every send's latency, failed ones included, sorted.
    latencies: Vec<Duration>,
    ok: usize,
    /// Each distinct cause of failure and how often it happened.
    errors: BTreeMap<String, usize>,
}

impl Report {
    fn new(target_rate: f64, elapsed: Duration, outcomes: Vec<Outcome>) -> Report {
        let first = outcomes.iter().map(|o| o.began).min();
        let last = outcomes.iter().map(|o| o.began).max();
        let sending_rate = match (first, last) {
            (Some(first), Some(last)) if last > first => {
                Some((outcomes.len() - 1) as f64 / (last - first).as_secs_f64())
            }
            _ => None,
        };
        let mut latencies: Vec<Duration> = outcomes.iter().map(|o| o.latency).collect();
        latencies.sort_unstable();
        let mut errors = BTreeMap::new();
        let mut ok = 0;
        for outcome in outcomes {
            match outcome.error {
                Some(error) => *errors.entry(error).or_insert(0) += 1,
                None => ok += 1,
            }
        }
        Report {
            target_rate,
            elapsed,
            sending_rate,
            latencies,
            ok,
            errors,
        }
    }

    fn failed(&self) -> usize {
        self.errors.values().sum()
    }
}

/// Nearest-rank percentile of sorted values: the smallest value that at least `p` % of all
/// values are at or below.
fn percentile(sorted: &[Duration], p: f64) -> Option<Duration> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

fn millis(d: Option<Duration>) -> String {
    match d {
        Some(d) => format!("{:.1} ms", d.as_secs_f64() * 1000.0),
        None => "-".into(),
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sending = match self.sending_rate {
            Some(rate) => format!("{rate:.2}/s"),
            None => "-".into(),
        };
        writeln!(
            f,
            "  rate      {sending} achieved (target {}/s)",
            self.target_rate
        )?;
        writeln!(
            f,
            "  duration  {:.2} s to the last answer",
            self.elapsed.as_secs_f64()
        )?;
        writeln!(f, "  sent      {} ok, {} failed", self.ok, self.failed())?;
        writeln!(
            f,
            "  latency   p50 {}, p95 {}, p99 {}, max {}",
            millis(percentile(&self.latencies, 50.0)),
            millis(percentile(&self.latencies, 95.0)),
            millis(percentile(&self.latencies, 99.0)),
            millis(self.latencies.last().copied()),
        )?;
        // The commonest causes first; a handful is enough to see what is wrong.
        let mut causes: Vec<(&String, &usize)> = self.errors.iter().collect();
        causes.sort_by(|a, b| b.1.cmp(a.1));
        for (cause, n) in causes.into_iter().take(5) {
            writeln!(f, "  error     {n} × {cause}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_times_count_from_the_start_so_they_never_drift() {
        let start = Instant::now();
        assert_eq!(due(start, 0, 4.0), start);
        assert_eq!(due(start, 1, 4.0) - start, Duration::from_millis(250));
        // 3 per second: ticket 3000 is due at 1000 s exactly, not 3000 rounded gaps later.
        let late = due(start, 3000, 3.0) - start;
        assert!(late.abs_diff(Duration::from_secs(1000)) < Duration::from_micros(1));
        assert_eq!(due(start, 1, 0.5) - start, Duration::from_secs(2));
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let values: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&values, 50.0), Some(Duration::from_millis(50)));
        assert_eq!(percentile(&values, 95.0), Some(Duration::from_millis(95)));
        assert_eq!(percentile(&values, 99.0), Some(Duration::from_millis(99)));
        let one = [Duration::from_millis(7)];
        assert_eq!(percentile(&one, 99.0), Some(Duration::from_millis(7)));
        assert_eq!(percentile(&[], 50.0), None);
    }

    #[test]
    fn report_counts_each_cause_and_the_rate_between_first_and_last_send() {
        let outcome = |began_ms, error: Option<&str>| Outcome {
            began: Duration::from_millis(began_ms),
            latency: Duration::from_millis(3),
            error: error.map(str::to_string),
        };
        let report = Report::new(
            4.0,
            Duration::from_millis(760),
            vec![
                outcome(0, None),
                outcome(250, Some("HTTP 401 Unauthorized: token has expired")),
                outcome(500, Some("HTTP 401 Unauthorized: token has expired")),
                outcome(750, None),
            ],
        );
        assert_eq!(report.ok, 2);
        assert_eq!(report.failed(), 2);
        assert_eq!(report.sending_rate, Some(4.0));
        let text = report.to_string();
        assert!(
            text.contains("2 × HTTP 401 Unauthorized: token has expired"),
            "{text}"
        );
        assert!(text.contains("4.00/s achieved (target 4/s)"), "{text}");
    }

    #[test]
    fn tickets_vary_are_numbered_in_sequence_and_follow_the_seed() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T05:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mut factory = TicketFactory::new(7, now);
        let tickets: Vec<HelpdeskTicket> = (0..200).map(|i| factory.ticket(i)).collect();
        let numbers: Vec<String> = tickets.iter().filter_map(HelpdeskTicket::number).collect();
        assert_eq!(numbers.len(), 200);
        let mut unique = numbers.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 200);
        assert!(
            numbers
                .iter()
                .all(|n| n.len() == 16 && n.starts_with("TX20261122"))
        );
        let fields: [fn(&HelpdeskTicket) -> Option<String>; 3] = [
            |t| t.department.clone(),
            |t| t.priority.clone(),
            |t| t.employee_id.map(|id| id.to_string()),
        ];
        for field in fields {
            let mut seen: Vec<Option<String>> = tickets.iter().map(field).collect();
            seen.sort();
            seen.dedup();
            assert!(seen.len() >= 3, "{seen:?}");
        }
        let mut again = TicketFactory::new(7, now);
        let first = again.ticket(0);
        assert_eq!(first.subject, tickets[0].subject);
        assert_eq!(first.priority, tickets[0].priority);
        assert_eq!(first.ticket_number, tickets[0].ticket_number);
    }

    #[test]
    fn rates_must_be_positive_and_finite() {
        assert_eq!(parse_rate("2.5"), Ok(2.5));
        assert!(parse_rate("0").is_err());
        assert!(parse_rate("-1").is_err());
        assert!(parse_rate("NaN").is_err());
        assert!(parse_rate("lots").is_err());
    }
}
