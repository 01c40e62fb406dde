//! Logs, request ids and metrics.
//!
//! The request id of the HTTP request (taken from `x-request-id` or generated) lives in a
//! task-local while the request is handled. Whatever the handler writes to the outbox picks it up
//! into the AMQP headers, and consumers put it back into a task-local around their handler, so one
//! id follows a ticket from the helpdesk's POST to the e-mail it causes.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

use crate::config::LogFormat;

/// HTTP header carrying the request id in and out.
pub const REQUEST_ID_HEADER: &str = "x-request-id";
/// AMQP header carrying the request id between services (Celery passes unknown headers through).
pub const REQUEST_ID_AMQP_HEADER: &str = "x_request_id";

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The request id of the work being done now, if any.
pub fn current_request_id() -> Option<String> {
    REQUEST_ID.try_with(|id| id.clone()).ok()
}

/// Runs `fut` with `id` as the current request id.
pub async fn with_request_id<F: Future>(id: String, fut: F) -> F::Output {
    REQUEST_ID.scope(id, fut).await
}

pub fn new_request_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Installs the global log subscriber. Safe to call more than once (later calls do nothing).
pub fn init_tracing(format: LogFormat, filter: &str) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let registry = tracing_subscriber::registry().with(filter);
    let result = match format {
        LogFormat::Json => registry.with(json_layer(std::io::stdout)).try_init(),
        LogFormat::Pretty => registry.with(tracing_subscriber::fmt::layer()).try_init(),
    };
    // Already installed (tests start several services in one process): keep the first.
    let _ = result;
}

/// JSON lines, one per event, with the event's fields, the current span and — at the top level
/// of every line written inside a request or a message handler — its `request_id`.
pub fn json_layer<S, W>(writer: W) -> impl tracing_subscriber::Layer<S>
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    let format = tracing_subscriber::fmt::format()
        .json()
        .flatten_event(true)
        .with_current_span(true)
        .with_span_list(false);
    tracing_subscriber::fmt::layer()
        .fmt_fields(tracing_subscriber::fmt::format::JsonFields::new())
        .event_format(RequestIdOnTop(format))
        .with_writer(writer)
}

/// Wraps the JSON event format so `request_id` is a top-level field, where log search finds it
/// without knowing which span carried it.
struct RequestIdOnTop<F>(F);

impl<S, N, F> tracing_subscriber::fmt::FormatEvent<S, N> for RequestIdOnTop<F>
where
    F: tracing_subscriber::fmt::FormatEvent<S, N>,
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
    N: for<'a> tracing_subscriber::fmt::FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &tracing_subscriber::fmt::FmtContext<'_, S, N>,
        mut writer: tracing_subscriber::fmt::format::Writer<'_>,
        event: &tracing::Event<'_>,
    ) -> std::fmt::Result {
        let mut line = String::new();
        self.0.format_event(
            ctx,
            tracing_subscriber::fmt::format::Writer::new(&mut line),
            event,
        )?;
        writer.write_str(&lift_request_id(&line, current_request_id()))
    }
}

/// Puts `request_id` at the top of one JSON log line: the task's current request id, else the
/// one a span on the line carries. A line that is not a JSON object is left as it is.
pub fn lift_request_id(line: &str, current: Option<String>) -> String {
    let Ok(serde_json::Value::Object(mut fields)) = serde_json::from_str(line.trim_end()) else {
        return line.to_string();
    };
    if fields.contains_key("request_id") {
        return line.to_string();
    }
    let from_span = || {
        let span = fields.get("span")?.get("request_id")?.clone();
        Some(span)
    };
    let from_spans = || {
        fields
            .get("spans")?
            .as_array()?
            .iter()
            .rev()
            .find_map(|s| s.get("request_id").cloned())
    };
    let Some(id) = current
        .map(serde_json::Value::String)
        .or_else(from_span)
        .or_else(from_spans)
    else {
        return line.to_string();
    };
    fields.insert("request_id".into(), id);
    let mut text = serde_json::Value::Object(fields).to_string();
    text.push('\n');
    text
}

#[cfg(test)]
mod log_tests {
    use std::sync::{Arc, Mutex};

    use tracing_subscriber::layer::SubscriberExt;

    use super::*;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn lines(run: impl FnOnce()) -> Vec<serde_json::Value> {
        let captured = Captured::default();
        let sink = captured.clone();
        let subscriber = tracing_subscriber::registry().with(json_layer(move || sink.clone()));
        tracing::subscriber::with_default(subscriber, run);
        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn request_id_is_a_top_level_field_of_a_line_inside_a_request_span() {
        let logged = lines(|| {
            let span = tracing::info_span!("http", request_id = "0193-abc", route = "/tickets");
            span.in_scope(|| tracing::info!(ticket = 7, "ticket created"));
            tracing::info!("outside any request");
        });
        assert_eq!(logged[0]["request_id"], "0193-abc", "{}", logged[0]);
        assert_eq!(logged[0]["ticket"], 7);
        assert_eq!(logged[0]["message"], "ticket created");
        assert!(logged[1].get("request_id").is_none(), "{}", logged[1]);
    }

    #[test]
    fn the_current_request_id_wins_and_non_json_lines_stay() {
        let line = "{\"message\":\"m\",\"span\":{\"request_id\":\"a\"}}\n";
        let lifted: serde_json::Value =
            serde_json::from_str(&lift_request_id(line, Some("b".into()))).unwrap();
        assert_eq!(lifted["request_id"], "b");
        assert_eq!(
            lift_request_id("plain text\n", Some("b".into())),
            "plain text\n"
        );
    }
}

/// The process-wide Prometheus recorder, installed on first use.
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets(&[
                    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
                ])
                .expect("static bucket list is not empty")
                .build_recorder();
            let handle = recorder.handle();
            // Another recorder may exist when a test process embeds several services; metrics then
            // go to that one and this handle renders an empty page, which is harmless.
            let _ = metrics::set_global_recorder(recorder);
            describe_metrics();
            handle
        })
        .clone()
}

/// Middleware: request id in, request id out, one span per request, HTTP metrics.
pub async fn http_middleware(request: Request, next: Next) -> Response {
    let request_id = request
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 128 && v.is_ascii())
        .map(str::to_string)
        .unwrap_or_else(new_request_id);
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let method = request.method().clone();
    let span = tracing::info_span!(
        "http",
        request_id = %request_id,
        method = %method,
        route = %route,
    );
    let started = Instant::now();
    let mut response = tracing::Instrument::instrument(
        with_request_id(request_id.clone(), next.run(request)),
        span.clone(),
    )
    .await;
    let elapsed = started.elapsed().as_secs_f64();
    let status = response.status().as_u16();
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    let labels = [
        ("method", method.to_string()),
        ("route", route),
        ("status", status.to_string()),
    ];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels[..2]).record(elapsed);
    let level = request_log_level(&labels[1].1, status, has_been_ready());
    span.in_scope(|| match level {
        tracing::Level::ERROR => {
            tracing::error!(status, elapsed_ms = elapsed * 1000.0, "request failed")
        }
        tracing::Level::WARN => {
            tracing::warn!(status, elapsed_ms = elapsed * 1000.0, "not ready")
        }
        _ if status >= 500 => {
            tracing::info!(
                status,
                elapsed_ms = elapsed * 1000.0,
                "not ready yet: starting"
            )
        }
        _ => tracing::info!(status, elapsed_ms = elapsed * 1000.0, "request"),
    });
    response
}

static READY_ONCE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Called when readiness first finds every dependency up: start-up is over.
pub fn mark_ready() {
    READY_ONCE.store(true, std::sync::atomic::Ordering::Relaxed);
}

fn has_been_ready() -> bool {
    READY_ONCE.load(std::sync::atomic::Ordering::Relaxed)
}

/// How loudly to log one answered request. A failing readiness probe is expected while the
/// service starts (migrations, broker not yet connected): INFO; once it has been ready, losing a
/// dependency is WARN (readiness is doing its job, nothing failed in the service). Any other 5xx
/// is an ERROR.
pub fn request_log_level(route: &str, status: u16, has_been_ready: bool) -> tracing::Level {
    match (route, status) {
        ("/health/ready", 500..) if !has_been_ready => tracing::Level::INFO,
        ("/health/ready", 500..) => tracing::Level::WARN,
        (_, 500..) => tracing::Level::ERROR,
        _ => tracing::Level::INFO,
    }
}

#[cfg(test)]
mod level_tests {
    use tracing::Level;

    use super::request_log_level;

    #[test]
    fn failing_readiness_is_info_while_starting_and_warn_afterwards() {
        assert_eq!(request_log_level("/health/ready", 503, false), Level::INFO);
        assert_eq!(request_log_level("/health/ready", 503, true), Level::WARN);
        assert_eq!(request_log_level("/health/ready", 200, true), Level::INFO);
        assert_eq!(request_log_level("/tickets", 503, false), Level::ERROR);
        assert_eq!(request_log_level("/tickets", 422, true), Level::INFO);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricKind {
    Counter,
    Gauge,
    Histogram,
}

/// One metric some crate records, as `/metrics` describes it (`# HELP`, `# TYPE`).
#[derive(Debug, Clone, Copy)]
pub struct Metric {
    pub name: &'static str,
    pub kind: MetricKind,
    pub unit: Option<metrics::Unit>,
    pub help: &'static str,
}

const fn metric(name: &'static str, kind: MetricKind, help: &'static str) -> Metric {
    Metric {
        name,
        kind,
        unit: None,
        help,
    }
}

const fn seconds(name: &'static str, help: &'static str) -> Metric {
    Metric {
        name,
        kind: MetricKind::Histogram,
        unit: Some(metrics::Unit::Seconds),
        help,
    }
}

use MetricKind::{Counter, Gauge};

/// Every metric any TTS crate records, described once. A test fails when a crate records a name
/// that is not here.
pub const METRICS: &[Metric] = &[
    metric(
        "http_requests_total",
        Counter,
        "HTTP requests answered, by method, route and status",
    ),
    seconds(
        "http_request_duration_seconds",
        "time to answer an HTTP request, by method and route",
    ),
    metric(
        "amqp_messages_total",
        Counter,
        "messages consumed, by queue, task and outcome",
    ),
    seconds(
        "amqp_message_duration_seconds",
        "time to handle a consumed message, by queue and task",
    ),
    metric(
        "amqp_reconnects_total",
        Counter,
        "reconnections to the broker",
    ),
    metric(
        "outbox_published_total",
        Counter,
        "outbox messages published and confirmed",
    ),
    metric(
        "outbox_relay_errors_total",
        Counter,
        "failed outbox relay rounds (retried)",
    ),
    metric("outbox_pending", Gauge, "outbox messages not yet published"),
    metric(
        "live_events_received_total",
        Counter,
        "live events received from the broker, by exchange",
    ),
    metric(
        "websocket_connections",
        Gauge,
        "open WebSocket connections, by socket",
    ),
    metric(
        "tickets_created_total",
        Counter,
        "tickets created, by source",
    ),
    metric(
        "ticket_status_updates_total",
        Counter,
        "ticket status updates, by outcome",
    ),
    metric(
        "tickets_recorded_total",
        Counter,
        "tickets the workflow engine recorded",
    ),
    metric("tasks_started_total", Counter, "workflow tasks started"),
    metric("tasks_withdrawn_total", Counter, "workflow tasks withdrawn"),
    metric(
        "task_actions_total",
        Counter,
        "actions taken on tasks, by action",
    ),
    metric("sla_warnings_total", Counter, "SLA warnings raised"),
    metric("sla_breaches_total", Counter, "SLA breaches recorded"),
    metric(
        "end_logic_deliveries_total",
        Counter,
        "end-logic deliveries, by outcome",
    ),
    metric(
        "comments_created_total",
        Counter,
        "comments created, by visibility",
    ),
    metric(
        "notifications_created_total",
        Counter,
        "in-app notifications created, by type",
    ),
    metric(
        "emails_total",
        Counter,
        "e-mail notifications, by outcome (sent, skipped, failed)",
    ),
];

/// Gives every catalogued metric its `# HELP` and `# TYPE` on the current recorder.
pub fn describe_metrics() {
    for m in METRICS {
        match (m.kind, m.unit) {
            (MetricKind::Counter, Some(unit)) => metrics::describe_counter!(m.name, unit, m.help),
            (MetricKind::Counter, None) => metrics::describe_counter!(m.name, m.help),
            (MetricKind::Gauge, Some(unit)) => metrics::describe_gauge!(m.name, unit, m.help),
            (MetricKind::Gauge, None) => metrics::describe_gauge!(m.name, m.help),
            (MetricKind::Histogram, Some(unit)) => {
                metrics::describe_histogram!(m.name, unit, m.help)
            }
            (MetricKind::Histogram, None) => metrics::describe_histogram!(m.name, m.help),
        }
    }
}

#[cfg(test)]
mod metric_tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    #[test]
    fn every_rendered_metric_family_has_help_and_type() {
        let recorder = PrometheusBuilder::new().build_recorder();
        let handle = recorder.handle();
        metrics::with_local_recorder(&recorder, || {
            describe_metrics();
            for m in METRICS {
                match m.kind {
                    MetricKind::Counter => metrics::counter!(m.name).increment(1),
                    MetricKind::Gauge => metrics::gauge!(m.name).set(1.0),
                    MetricKind::Histogram => metrics::histogram!(m.name).record(0.5),
                }
            }
        });
        let page = handle.render();
        let described = |prefix: &str| -> BTreeSet<String> {
            page.lines()
                .filter_map(|l| l.strip_prefix(prefix))
                .filter_map(|l| l.split_whitespace().next())
                .map(str::to_string)
                .collect()
        };
        let (help, types) = (described("# HELP "), described("# TYPE "));
        let mut families = BTreeSet::new();
        for line in page
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let sample = line.split(['{', ' ']).next().unwrap();
            let family = ["_bucket", "_sum", "_count"]
                .iter()
                .find_map(|suffix| sample.strip_suffix(suffix).filter(|f| types.contains(*f)))
                .unwrap_or(sample);
            assert!(help.contains(family), "no # HELP for {family}:\n{page}");
            assert!(types.contains(family), "no # TYPE for {family}:\n{page}");
            families.insert(family.to_string());
        }
        assert_eq!(families.len(), METRICS.len(), "{page}");
    }

    /// The names `text` records literally: a metrics macro followed by a quoted name.
    fn recorded(text: &str) -> Vec<(MetricKind, String)> {
        let mut found = Vec::new();
        for (macro_name, kind) in [
            ("counter!(", MetricKind::Counter),
            ("gauge!(", MetricKind::Gauge),
            ("histogram!(", MetricKind::Histogram),
        ] {
            for (at, _) in text.match_indices(macro_name) {
                let rest = text[at + macro_name.len()..].trim_start();
                let name = rest.strip_prefix('"').and_then(|r| r.split('"').next());
                let is_metric_name = |n: &&str| {
                    !n.is_empty()
                        && n.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                };
                if let Some(name) = name.filter(is_metric_name) {
                    found.push((kind, name.to_string()));
                }
            }
        }
        found
    }

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_metric_recorded_in_the_workspace_is_catalogued() {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for crate_dir in std::fs::read_dir(&workspace).unwrap().flatten() {
            rust_files(&crate_dir.path().join("src"), &mut files);
        }
        assert!(files.len() > 20, "the workspace sources are readable");
        let mut seen = 0;
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (kind, name) in recorded(&text) {
                seen += 1;
                let entry = METRICS.iter().find(|m| m.name == name);
                assert!(
                    entry.is_some_and(|m| m.kind == kind),
                    "{}: {kind:?} `{name}` is not in telemetry::METRICS",
                    file.display()
                );
            }
        }
        assert!(seen >= METRICS.len(), "found {seen} recorded metrics");
    }
}
