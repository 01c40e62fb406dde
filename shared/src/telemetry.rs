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
        LogFormat::Json => registry
            .with(
                tracing_subscriber::fmt::layer()
                    .json()
                    .flatten_event(true)
                    .with_current_span(true)
                    .with_span_list(false),
            )
            .try_init(),
        LogFormat::Pretty => registry.with(tracing_subscriber::fmt::layer()).try_init(),
    };
    // Already installed (tests start several services in one process): keep the first.
    let _ = result;
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
    span.in_scope(|| {
        if status >= 500 {
            tracing::error!(status, elapsed_ms = elapsed * 1000.0, "request failed");
        } else {
            tracing::info!(status, elapsed_ms = elapsed * 1000.0, "request");
        }
    });
    response
}
