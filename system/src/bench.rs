//! Load generators and measurements for `tts-bench`. Each scenario runs against a started and
//! seeded [`System`] and returns named figures; the binary repeats them and writes the report.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use tokio::sync::Semaphore;
use tts_shared::testing::{ServiceProcess, TestDatabase, WsClient};

use crate::{AGENT, System, call, employee_token, staff_token};

/// One figure of one run.
#[derive(Debug, Clone)]
pub struct Figure {
    pub name: String,
    pub unit: &'static str,
    pub value: f64,
}

fn figure(name: impl Into<String>, unit: &'static str, value: f64) -> Figure {
    Figure {
        name: name.into(),
        unit,
        value,
    }
}

/// The `q` quantile (0–1) of `values` (sorted here), nearest rank.
pub fn quantile(values: &mut [f64], q: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
    values[rank - 1]
}

/// Resident memory of a process, in MiB (`VmRSS` of `/proc/<pid>/status`).
pub fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// CPU seconds (user + system) a process has used (`/proc/<pid>/stat`, clock ticks of 1/100 s).
pub fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The command name may hold spaces; fields after its closing parenthesis are fixed.
    let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after the parenthesis.
    (ticks(11) + ticks(12)) / 100.0
}

/// CPU seconds used so far by the live processes `matches` picks by executable name and command
/// line: the servers the services share (PostgreSQL's backends, RabbitMQ, the SMTP sink), which
/// the services' own figures leave out.
pub fn cpu_of(matches: impl Fn(&str, &str) -> bool) -> f64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return f64::NAN;
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let exe = std::fs::read_link(format!("/proc/{pid}/exe"))
                .ok()
                .and_then(|p| Some(p.file_name()?.to_string_lossy().into_owned()))
                .unwrap_or_default();
            let cmdline = std::fs::read_to_string(format!("/proc/{pid}/cmdline"))
                .unwrap_or_default()
                .replace('\0', " ");
            matches(&exe, &cmdline)
        })
        .map(cpu_seconds)
        .sum()
}

/// CPU seconds so far of each part of the system: the four services together, PostgreSQL,
/// RabbitMQ and the SMTP sink.
pub fn cpu_by_part(sys: &System) -> [(&'static str, f64); 4] {
    [
        ("the four services", total_cpu(sys)),
        ("PostgreSQL", cpu_of(|exe, _| exe == "postgres")),
        ("RabbitMQ", cpu_of(|exe, _| exe == "beam.smp")),
        (
            "SMTP sink",
            cpu_of(|exe, cmd| exe.starts_with("python") && cmd.contains("aiosmtpd")),
        ),
    ]
}

pub fn services(sys: &System) -> [&ServiceProcess; 4] {
    [
        &sys.tickets,
        &sys.workflow,
        &sys.messaging,
        &sys.notifications,
    ]
}

/// Each service's RSS.
pub fn rss_figures(sys: &System, when: &str) -> Vec<Figure> {
    services(sys)
        .iter()
        .map(|s| {
            figure(
                format!("RSS {when}: {}", s.name.trim_start_matches("system-")),
                "MiB",
                s.pid().map(rss_mib).unwrap_or(f64::NAN),
            )
        })
        .collect()
}

/// CPU seconds used by all four services so far.
pub fn total_cpu(sys: &System) -> f64 {
    services(sys)
        .iter()
        .filter_map(|s| s.pid())
        .map(cpu_seconds)
        .sum()
}

#[derive(diesel::QueryableByName)]
struct Stored {
    #[diesel(sql_type = diesel::sql_types::Text)]
    ticket: String,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    at: DateTime<Utc>,
}

/// When each ticket's assignment notification was stored, for tickets whose number starts with
/// `prefix`.
pub async fn stored_assignments(db: &TestDatabase, prefix: &str) -> Vec<(String, DateTime<Utc>)> {
    let sql = format!(
        "SELECT related_ticket_number AS ticket, created_at AS at FROM notifications \
         WHERE notification_type = 'task_assignment' AND related_ticket_number LIKE '{prefix}%'"
    );
    let mut conn = db.connect().await;
    diesel_async::RunQueryDsl::load::<Stored>(diesel::sql_query(sql), &mut conn)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|s| (s.ticket, s.at))
        .collect()
}

/// Waits (up to `patience`) until every ticket in `sent` has its assignment notification stored,
/// then reports sustained throughput and the latency from sending to stored.
async fn intake_figures(
    sys: &System,
    label: &str,
    prefix: &str,
    sent: &HashMap<String, DateTime<Utc>>,
    patience: Duration,
) -> Vec<Figure> {
    let deadline = Instant::now() + patience;
    // Only this load's tickets: an earlier load's share the prefix.
    let of_this_load = async || {
        let mut stored = stored_assignments(sys.database(3), prefix).await;
        stored.retain(|(t, _)| sent.contains_key(t));
        stored
    };
    let mut stored = of_this_load().await;
    while stored.len() < sent.len() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(250)).await;
        stored = of_this_load().await;
    }
    let mut latencies: Vec<f64> = stored
        .iter()
        .filter_map(|(t, at)| sent.get(t).map(|s| (*at - *s).as_seconds_f64() * 1000.0))
        .collect();
    // The rate at which the pipeline delivered: tickets stored between the first and the last.
    let first = stored.iter().map(|(_, at)| *at).min();
    let last = stored.iter().map(|(_, at)| *at).max();
    let throughput = match (first, last) {
        (Some(f), Some(l)) if l > f => (stored.len() - 1) as f64 / (l - f).as_seconds_f64(),
        _ => f64::NAN,
    };
    vec![
        figure(format!("{label}: tickets sent"), "", sent.len() as f64),
        figure(
            format!("{label}: tickets assigned and notified"),
            "",
            stored.len() as f64,
        ),
        figure(
            format!("{label}: sustained throughput"),
            "tickets/s",
            throughput,
        ),
        figure(
            format!("{label}: latency p50"),
            "ms",
            quantile(&mut latencies, 0.50),
        ),
        figure(
            format!("{label}: latency p95"),
            "ms",
            quantile(&mut latencies, 0.95),
        ),
        figure(
            format!("{label}: latency p99"),
            "ms",
            quantile(&mut latencies, 0.99),
        ),
    ]
}

/// Runs `request(i)` at `rate` per second for `seconds`, at most `in_flight` at once; answers the
/// latencies (ms) of the successful ones, the failures, and the achieved rate.
async fn open_loop<F, Fut>(
    rate: f64,
    seconds: u64,
    in_flight: usize,
    request: F,
) -> (Vec<f64>, usize, f64)
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = bool> + Send + 'static,
{
    let total = (rate * seconds as f64) as usize;
    let limit = Arc::new(Semaphore::new(in_flight));
    let start = tokio::time::Instant::now();
    let mut handles = Vec::with_capacity(total);
    for i in 0..total {
        // Each request is due at start + i/rate: the schedule never drifts.
        tokio::time::sleep_until(start + Duration::from_secs_f64(i as f64 / rate)).await;
        let permit = limit.clone().acquire_owned().await.expect("semaphore open");
        let fut = request(i);
        handles.push(tokio::spawn(async move {
            let began = Instant::now();
            let ok = fut.await;
            drop(permit);
            (ok, began.elapsed().as_secs_f64() * 1000.0)
        }));
    }
    let mut latencies = Vec::with_capacity(total);
    let mut failed = 0;
    for h in handles {
        match h.await {
            Ok((true, ms)) => latencies.push(ms),
            _ => failed += 1,
        }
    }
    let achieved = total as f64 / start.elapsed().as_secs_f64();
    (latencies, failed, achieved)
}

/// Runs `request()` back to back from `concurrency` workers for `seconds`.
async fn closed_loop<F, Fut>(concurrency: usize, seconds: u64, request: F) -> (Vec<f64>, usize, f64)
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Option<bool>> + Send,
{
    let request = Arc::new(request);
    let end = Instant::now() + Duration::from_secs(seconds);
    let counter = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let start = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let request = request.clone();
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut latencies = vec![];
                let mut failed = 0;
                while Instant::now() < end {
                    let i = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let began = Instant::now();
                    match request(i).await {
                        None => break, // nothing left to do
                        Some(true) => latencies.push(began.elapsed().as_secs_f64() * 1000.0),
                        Some(false) => failed += 1,
                    }
                }
                (latencies, failed)
            })
        })
        .collect();
    let mut latencies = vec![];
    let mut failed = 0;
    for w in workers {
        if let Ok((l, f)) = w.await {
            latencies.extend(l);
            failed += f;
        }
    }
    let rate = (latencies.len() + failed) as f64 / start.elapsed().as_secs_f64();
    (latencies, failed, rate)
}

fn http_figures(label: &str, mut latencies: Vec<f64>, failed: usize, rate: f64) -> Vec<Figure> {
    vec![
        figure(format!("{label}: requests/s"), "req/s", rate),
        figure(
            format!("{label}: p50"),
            "ms",
            quantile(&mut latencies, 0.50),
        ),
        figure(
            format!("{label}: p99"),
            "ms",
            quantile(&mut latencies, 0.99),
        ),
        figure(format!("{label}: failed"), "", failed as f64),
    ]
}

fn now() -> DateTime<Utc> {
    DateTime::<Utc>::from(SystemTime::now())
}

/// `POST /tickets/` at `rate` per second: the HTTP latency, and the intake from the request to
/// "task assigned and in-app notification stored". `label` follows "POST /tickets/" and "intake
/// over HTTP" in the figures' names.
pub async fn intake_http(
    sys: &System,
    run: usize,
    rate: f64,
    seconds: u64,
    label: &str,
) -> Vec<Figure> {
    let http = tts_shared::testing::http_client();
    let url = sys.tickets.url("/tickets/");
    let sent: Arc<std::sync::Mutex<HashMap<String, DateTime<Utc>>>> = Arc::default();
    let tokens: Vec<String> = (0..50).map(|i| employee_token(10_000 + i)).collect();
    let (latencies, failed, achieved) = open_loop(rate, seconds, 256, |i| {
        let http = http.clone();
        let url = url.clone();
        let token = tokens[i % tokens.len()].clone();
        let sent = sent.clone();
        async move {
            let at = now();
            let body = json!({"subject": format!("Bench {run}-{i}"), "department": "IT Department", "category": "Hardware", "priority": "Medium"});
            let Ok(r) = http.post(&url).bearer_auth(token).json(&body).send().await else {
                return false;
            };
            if r.status() != 201 {
                return false;
            }
            let Ok(t) = r.json::<Value>().await else {
                return false;
            };
            if let (Some(n), Ok(mut all)) = (t["ticket_number"].as_str(), sent.lock()) {
                all.insert(n.to_string(), at);
            }
            true
        }
    })
    .await;
    let mut figures = vec![figure(
        format!("POST /tickets/{label}: offered rate"),
        "req/s",
        rate,
    )];
    figures.extend(http_figures(
        &format!("POST /tickets/{label} (open loop)"),
        latencies,
        failed,
        achieved,
    ));
    let sent = sent.lock().map(|s| s.clone()).unwrap_or_default();
    // HTTP tickets are numbered by the ticket service: TX<date>…
    figures.extend(
        intake_figures(
            sys,
            &format!("intake over HTTP{label}"),
            "TX",
            &sent,
            Duration::from_secs(120),
        )
        .await,
    );
    figures
}

/// Celery `receive_ticket` messages at `rate` per second, as a helpdesk sends them.
pub async fn intake_amqp(sys: &System, run: usize, rate: f64, seconds: u64) -> Vec<Figure> {
    use lapin::options::{BasicPublishOptions, ConfirmSelectOptions};
    let conn = lapin::Connection::connect(
        &sys.vhost.amqp_url(),
        lapin::ConnectionProperties::default(),
    )
    .await
    .expect("broker");
    let channel = conn.create_channel().await.expect("channel");
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await
        .expect("confirms");
    let prefix = format!("HD{run}-");
    let mut sent = HashMap::new();
    let total = (rate * seconds as f64) as usize;
    let start = tokio::time::Instant::now();
    let mut confirms = Vec::with_capacity(total);
    for i in 0..total {
        tokio::time::sleep_until(start + Duration::from_secs_f64(i as f64 / rate)).await;
        let number = format!("{prefix}{i:06}");
        let ticket = json!({
            "ticket_number": number, "subject": "Bench", "description": "", "category": "Hardware",
            "sub_category": null, "priority": "Medium", "department": "IT Department", "status": "Open",
            "employee_id": 20_000 + (i % 50), "employee": {"first_name": "Bench", "last_name": "User"},
        });
        let message = tts_shared::amqp::TaskMessage::new(
            "tickets.tasks.receive_ticket",
            vec![ticket],
            Default::default(),
        );
        let (properties, body) = message.encode();
        sent.insert(number, now());
        let confirm = channel
            .basic_publish(
                "".into(),
                "TICKET_TASKS_PRODUCTION".into(),
                BasicPublishOptions::default(),
                &body,
                properties,
            )
            .await
            .expect("publish");
        confirms.push(confirm);
    }
    for c in confirms {
        let _ = c.await;
    }
    let achieved = total as f64 / start.elapsed().as_secs_f64();
    let _ = conn.close(200, "done".into()).await;
    let mut figures = vec![
        figure("Celery intake: offered rate", "msg/s", rate),
        figure("Celery intake: achieved publish rate", "msg/s", achieved),
    ];
    figures.extend(
        intake_figures(
            sys,
            "intake over Celery",
            &prefix,
            &sent,
            Duration::from_secs(120),
        )
        .await,
    );
    figures
}

/// A reader who holds exactly [`READER_ITEMS`] open items, as the `GET /tasks/mine/` load wants.
const READER: i64 = 150;
const READER_ITEMS: i64 = 100;

/// Reads at fixed concurrency: `GET /tasks/mine/` by a user with 100 open items (moved to them
/// from the agent's, whom intake gave them all) and the agent's `GET /notifications/`.
pub async fn reads(sys: &System, concurrency: usize, seconds: u64) -> Vec<Figure> {
    let http = tts_shared::testing::http_client();
    let agent = staff_token(AGENT, "tts:Agent");
    let reader = staff_token(READER, "tts:Agent");
    let mut conn = sys.database(1).connect().await;
    diesel_async::RunQueryDsl::execute(
        diesel::sql_query(format!(
            "UPDATE task_items SET assignee_id = {READER} WHERE id IN (SELECT id FROM task_items \
             WHERE assignee_id = {AGENT} AND status = 'new' ORDER BY id LIMIT {READER_ITEMS})"
        )),
        &mut conn,
    )
    .await
    .expect("give the reader their items");
    let open = sys
        .database(1)
        .count(&format!(
            "SELECT count(*) AS n FROM task_items WHERE assignee_id = {READER} AND status = 'new'"
        ))
        .await;
    let notifications = sys
        .database(3)
        .count(&format!(
            "SELECT count(*) AS n FROM notifications WHERE user_id = {AGENT}"
        ))
        .await;
    let mut figures = vec![
        figure("reader's open items", "", open as f64),
        figure("agent's notifications", "", notifications as f64),
    ];
    for (label, url, token) in [
        ("GET /tasks/mine/", sys.workflow.url("/tasks/mine/"), reader),
        (
            "GET /notifications/",
            sys.notifications.url("/notifications/"),
            agent,
        ),
    ] {
        let http = http.clone();
        let agent = token;
        let (latencies, failed, rate) = closed_loop(concurrency, seconds, move |_| {
            let http = http.clone();
            let agent = agent.clone();
            let url = url.clone();
            async move {
                let r = http.get(&url).bearer_auth(&agent).send().await.ok()?;
                let ok = r.status() == 200;
                let _ = r.bytes().await;
                Some(ok)
            }
        })
        .await;
        figures.extend(http_figures(
            &format!("{label} (c={concurrency})"),
            latencies,
            failed,
            rate,
        ));
    }
    figures
}

#[derive(diesel::QueryableByName)]
struct TaskId {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
}

/// `POST /tasks/{id}/transition/` on distinct active tasks the agent holds, at fixed concurrency.
pub async fn transitions(sys: &System, concurrency: usize, seconds: u64) -> Vec<Figure> {
    let mut conn = sys.database(1).connect().await;
    let ids: Vec<i64> = diesel_async::RunQueryDsl::load::<TaskId>(
        diesel::sql_query(format!(
            "SELECT id FROM tasks t WHERE status = 'active' AND EXISTS (SELECT 1 FROM task_items i \
             WHERE i.task_id = t.id AND i.assignee_id = {AGENT} AND i.status = 'new') ORDER BY id"
        )),
        &mut conn,
    )
    .await
    .unwrap_or_default()
    .into_iter()
    .map(|t| t.id)
    .collect();
    let ids = Arc::new(ids);
    let http = tts_shared::testing::http_client();
    let agent = staff_token(AGENT, "tts:Agent");
    let base = sys.workflow.base.clone();
    let (latencies, failed, rate) = closed_loop(concurrency, seconds, move |i| {
        let id = ids.get(i).copied();
        let http = http.clone();
        let agent = agent.clone();
        let base = base.clone();
        async move {
            let id = id?;
            let r = http
                .post(format!("{base}/tasks/{id}/transition/"))
                .bearer_auth(&agent)
                .json(&json!({"transition_id": "to_repair", "notes": "bench"}))
                .send()
                .await
                .ok()?;
            Some(r.status() == 200)
        }
    })
    .await;
    http_figures(
        &format!("POST /tasks/{{id}}/transition/ (c={concurrency})"),
        latencies,
        failed,
        rate,
    )
}

/// `clients` sockets on one ticket; `comments` comments posted one after another: the time from
/// the POST to each client receiving it.
pub async fn fan_out(sys: &System, clients: usize, comments: usize) -> Vec<Figure> {
    let number = "BENCH-FANOUT";
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(usize, Instant)>();
    let mut ready = Vec::with_capacity(clients);
    for c in 0..clients {
        let url = sys.messaging.ws_url(&format!(
            "/ws/tickets/{number}/?token={}",
            staff_token(30_000 + c as i64, "tts:Agent")
        ));
        let tx = tx.clone();
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
        ready.push(ready_rx);
        tokio::spawn(async move {
            let mut ws = WsClient::open(&url).await;
            ws.next_of("ready", Duration::from_secs(120)).await;
            let _ = ready_tx.send(());
            for k in 0..comments {
                ws.next_of("comment.created", Duration::from_secs(120))
                    .await;
                let _ = tx.send((k, Instant::now()));
            }
            ws.close().await;
        });
    }
    for r in ready {
        let _ = r.await;
    }
    let rss_connected = sys.messaging.pid().map(rss_mib).unwrap_or(f64::NAN);
    let http = tts_shared::testing::http_client();
    let author = staff_token(AGENT, "tts:Agent");
    let mut all = Vec::with_capacity(clients * comments);
    let mut last = Vec::with_capacity(comments);
    for k in 0..comments {
        let posted = Instant::now();
        let (status, _) = call(
            &http,
            reqwest::Method::POST,
            &author,
            sys.messaging.url(&format!("/tickets/{number}/comments/")),
            json!({"body": format!("Fan-out {k}")}),
        )
        .await;
        assert_eq!(status, 201);
        let mut got = 0;
        let mut slowest = 0.0f64;
        while got < clients {
            let Some((kk, at)) = rx.recv().await else {
                break;
            };
            if kk == k {
                let ms = at.duration_since(posted).as_secs_f64() * 1000.0;
                all.push(ms);
                slowest = slowest.max(ms);
                got += 1;
            }
        }
        last.push(slowest);
    }
    vec![
        figure(
            format!("fan-out to {clients} clients: all clients p50"),
            "ms",
            quantile(&mut all.clone(), 0.50),
        ),
        figure(
            format!("fan-out to {clients} clients: all clients p99"),
            "ms",
            quantile(&mut all, 0.99),
        ),
        figure(
            format!("fan-out to {clients} clients: last client p50"),
            "ms",
            quantile(&mut last.clone(), 0.50),
        ),
        figure(
            format!("fan-out to {clients} clients: last client p99"),
            "ms",
            quantile(&mut last, 0.99),
        ),
        figure(
            format!("messaging RSS with {clients} sockets"),
            "MiB",
            rss_connected,
        ),
    ]
}

/// `clients` idle sockets on one messaging instance (spread over 100 tickets): its RSS.
pub async fn idle_sockets(sys: &System, clients: usize) -> Vec<Figure> {
    let before = sys.messaging.pid().map(rss_mib).unwrap_or(f64::NAN);
    let mut ready = Vec::with_capacity(clients);
    let mut stop = Vec::with_capacity(clients);
    for c in 0..clients {
        let url = sys.messaging.ws_url(&format!(
            "/ws/tickets/BENCH-IDLE-{}/?token={}",
            c % 100,
            staff_token(40_000 + c as i64, "tts:Agent")
        ));
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        ready.push(ready_rx);
        stop.push(stop_tx);
        tokio::spawn(async move {
            let Ok(mut ws) = WsClient::connect(&url).await else {
                return;
            };
            let _ = ready_tx.send(());
            // Read (and drop) presence frames so the server never waits on this client. The
            // system may stop before this task sees `stop`: a reset then just ends the drain.
            tokio::select! {
                _ = ws.drain() => {}
                _ = stop_rx => {}
            }
        });
        // Connect in waves, as clients do, rather than all in one instant.
        if c % 500 == 499 {
            tokio::task::yield_now().await;
        }
    }
    let mut connected = 0;
    for r in ready {
        if r.await.is_ok() {
            connected += 1;
        }
    }
    let during = sys.messaging.pid().map(rss_mib).unwrap_or(f64::NAN);
    drop(stop);
    vec![
        figure("idle sockets connected", "", connected as f64),
        figure("messaging RSS before the idle sockets", "MiB", before),
        figure(
            format!("messaging RSS with {clients} idle sockets"),
            "MiB",
            during,
        ),
    ]
}
