//! The consumer runtime every inbound queue uses.
//!
//! For each delivery: decode the Celery message, find the handler for its task name, and in one
//! database transaction record the message id (dedup) and apply the handler's effect (including
//! any outbox rows it writes). Commit, then acknowledge. What cannot be applied is never dropped:
//! - undecodable body or unknown task name → straight to `<queue>.dlq`, error in a header;
//! - handler error → a copy goes to `<queue>.retry` with a growing per-message expiration and
//!   `retries` + 1 (Celery's counter), and flows back to the queue when it expires; after the last
//!   try → `<queue>.dlq`;
//! - database unreachable → the delivery is returned to the queue after a pause, without using up
//!   a try, because the message is not at fault.
//!
//! The original is acknowledged only after the copy was confirmed by the broker, so a crash at
//! any point leaves at least one copy, and the dedup record makes the second one harmless.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use futures_util::StreamExt;
use futures_util::future::BoxFuture;
use lapin::message::Delivery;
use lapin::options::{BasicAckOptions, BasicConsumeOptions, BasicNackOptions, BasicQosOptions};
use lapin::types::{AMQPValue, FieldTable, LongString, ShortString};
use tokio_util::sync::CancellationToken;

use super::broker::Broker;
use super::celery::TaskMessage;
use super::outbox::OutboxSignal;
use super::publisher::{Outgoing, Publisher};
use super::topology::{dead_letter_queue, retry_queue};
use crate::config::PlatformSettings;
use crate::db::Db;
use crate::schema::processed_messages;
use crate::telemetry;

/// Header naming why a message was dead-lettered.
pub const ERROR_HEADER: &str = "x-tts-error";
/// Header naming when it was dead-lettered (RFC 3339).
pub const FAILED_AT_HEADER: &str = "x-tts-failed-at";
/// Header naming the queue it was consumed from.
pub const QUEUE_HEADER: &str = "x-tts-queue";

/// Why a handler could not apply a message.
#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    /// Retrying cannot help (the payload is wrong): dead-letter at once.
    #[error("{0}")]
    Permanent(String),
    /// May succeed later (a dependency is missing or busy): retry with backoff.
    #[error("{0}")]
    Transient(String),
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

impl HandlerError {
    pub fn permanent(message: impl std::fmt::Display) -> Self {
        HandlerError::Permanent(message.to_string())
    }

    pub fn transient(message: impl std::fmt::Display) -> Self {
        HandlerError::Transient(message.to_string())
    }
}

/// What a handler did with a message it accepted (the transaction commits either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    /// Its effect was applied.
    Applied,
    /// Deliberately not applied (e.g. a role sync of a system this service does not keep):
    /// acknowledged, and counted as `ignored`, never as `applied`.
    Ignored,
}

/// Applies one kind of task inside the consumer's transaction.
pub trait TaskHandler: Send + Sync + 'static {
    fn handle<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<(), HandlerError>>;

    /// [`TaskHandler::handle`], saying whether the effect was applied or the message ignored.
    /// The runtime calls this one; the default applies [`TaskHandler::handle`].
    fn handle_outcome<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<Handled, HandlerError>> {
        Box::pin(async move {
            self.handle(conn, message).await?;
            Ok(Handled::Applied)
        })
    }
}

/// What happened to one delivery; also the `outcome` label of `amqp_messages_total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Applied,
    Ignored,
    Duplicate,
    Retried,
    DeadLettered,
    Requeued,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Outcome::Applied => "applied",
            Outcome::Ignored => "ignored",
            Outcome::Duplicate => "duplicate",
            Outcome::Retried => "retried",
            Outcome::DeadLettered => "dead_lettered",
            Outcome::Requeued => "requeued",
        }
    }
}

enum Failure {
    /// Send to the DLQ now.
    Poison(String),
    /// Count a try.
    Retry(String),
    /// Not the message's fault: put it back without counting a try.
    Infrastructure(String),
}

/// Consumer settings, normally taken from [`PlatformSettings`].
#[derive(Debug, Clone)]
pub struct ConsumerConfig {
    /// `false`: [`Consumer::run`] returns at once.
    pub enabled: bool,
    pub prefetch: u16,
    pub concurrency: usize,
    pub max_retries: u32,
    pub retry_base_delay: Duration,
    pub retry_max_delay: Duration,
}

impl ConsumerConfig {
    pub fn from_settings(s: &PlatformSettings) -> Self {
        ConsumerConfig {
            enabled: s.amqp_consume,
            prefetch: s.amqp_prefetch,
            concurrency: s.amqp_concurrency,
            max_retries: s.amqp_max_retries,
            retry_base_delay: Duration::from_millis(s.amqp_retry_base_delay_ms),
            retry_max_delay: Duration::from_millis(s.amqp_retry_max_delay_ms),
        }
    }

    /// The fewest retries whose delays add up to at least `window`, and never fewer than
    /// `max_retries`: a message failing for a reason that `window` can cure (a member whose role
    /// has not arrived yet) is retried for at least that long before it is dead-lettered.
    pub fn retries_covering(&self, window: Duration) -> u32 {
        let mut waited = Duration::ZERO;
        let mut retries = 0u32;
        while waited < window && retries < 10_000 {
            retries += 1;
            waited += self.retry_delay(retries);
        }
        retries.max(self.max_retries)
    }

    /// Delay before retry number `retry` (1-based): base × 2^(retry-1), capped.
    pub fn retry_delay(&self, retry: u32) -> Duration {
        let factor = 1u32 << retry.saturating_sub(1).min(20);
        self.retry_base_delay
            .saturating_mul(factor)
            .min(self.retry_max_delay)
    }
}

/// Consumes one queue and dispatches by task name.
pub struct Consumer {
    queue: String,
    handlers: HashMap<String, Arc<dyn TaskHandler>>,
    db: Db,
    broker: Broker,
    publisher: Publisher,
    config: ConsumerConfig,
    outbox: Option<OutboxSignal>,
}

impl Consumer {
    pub fn new(queue: &str, db: Db, broker: Broker, config: ConsumerConfig) -> Self {
        Consumer {
            queue: queue.to_string(),
            handlers: HashMap::new(),
            db,
            publisher: Publisher::new(broker.clone()),
            broker,
            config,
            outbox: None,
        }
    }

    /// Registers the handler for messages whose `task` header is `task`.
    pub fn handle(mut self, task: &str, handler: impl TaskHandler) -> Self {
        self.handlers.insert(task.to_string(), Arc::new(handler));
        self
    }

    /// Retries failing messages for at least `window` (not only `amqp_max_retries` times) before
    /// dead-lettering them; see [`ConsumerConfig::retries_covering`].
    pub fn retry_for_at_least(mut self, window: Duration) -> Self {
        self.config.max_retries = self.config.retries_covering(window);
        self
    }

    /// Wakes this outbox relay after each applied message (handlers may have written to it).
    pub fn wake_outbox(mut self, signal: OutboxSignal) -> Self {
        self.outbox = Some(signal);
        self
    }

    /// Consumes until `cancel`, reconnecting whenever the broker goes away. In-flight messages
    /// finish before it returns; unacknowledged prefetched ones go back to the queue.
    pub async fn run(self, cancel: CancellationToken) {
        if !self.config.enabled {
            tracing::info!(queue = %self.queue, "consuming is switched off (amqp_consume)");
            return;
        }
        let this = Arc::new(self);
        loop {
            let Some(conn) = this.broker.connected().await else {
                break;
            };
            match this.consume(&conn, &cancel).await {
                Ok(()) => break,
                Err(e) => {
                    tracing::warn!(queue = %this.queue, error = %e, "consumer interrupted; resuming");
                    tokio::select! {
                        _ = cancel.cancelled() => break,
                        _ = tokio::time::sleep(Duration::from_millis(200)) => {}
                    }
                }
            }
        }
        tracing::info!(queue = %this.queue, "consumer stopped");
    }

    async fn consume(
        self: &Arc<Self>,
        conn: &lapin::Connection,
        cancel: &CancellationToken,
    ) -> Result<(), String> {
        let channel = conn.create_channel().await.map_err(|e| e.to_string())?;
        channel
            .basic_qos(self.config.prefetch, BasicQosOptions::default())
            .await
            .map_err(|e| e.to_string())?;
        let tag = format!("tts-{}-{}", self.queue, uuid::Uuid::new_v4().simple());
        let deliveries = channel
            .basic_consume(
                self.queue.as_str().into(),
                tag.into(),
                BasicConsumeOptions::default(),
                FieldTable::default(),
            )
            .await
            .map_err(|e| e.to_string())?;
        tracing::info!(queue = %self.queue, "consuming");
        // A delivery error means the channel or connection is gone, and the stream need not end
        // by itself: stop at the first one and resume on a new connection. Messages in flight
        // whose ack then fails are redelivered, and the dedup record absorbs them.
        let broken = std::sync::Mutex::new(None::<String>);
        deliveries
            .take_until(cancel.cancelled())
            .take_while(|delivery| {
                if let Err(e) = delivery
                    && let Ok(mut slot) = broken.lock()
                {
                    *slot = Some(e.to_string());
                }
                std::future::ready(delivery.is_ok())
            })
            .filter_map(|delivery| std::future::ready(delivery.ok()))
            .for_each_concurrent(self.config.concurrency, |delivery| {
                let this = self.clone();
                async move { this.process(delivery).await }
            })
            .await;
        if cancel.is_cancelled() {
            let _ = channel.close(200, "shutting down".into()).await;
            Ok(())
        } else {
            let reason = broken.lock().ok().and_then(|mut b| b.take());
            Err(reason.unwrap_or_else(|| "the broker ended the delivery stream".into()))
        }
    }

    async fn process(&self, delivery: Delivery) {
        let started = Instant::now();
        let decoded = TaskMessage::decode(&delivery.properties, &delivery.data);
        let task = decoded
            .as_ref()
            .map(|m| m.task.clone())
            .unwrap_or_else(|_| "undecodable".into());
        let request_id = decoded
            .as_ref()
            .ok()
            .and_then(|m| m.request_id().map(str::to_string))
            .unwrap_or_else(telemetry::new_request_id);
        let span = tracing::info_span!(
            "message",
            queue = %self.queue,
            task = %task,
            message_id = decoded.as_ref().map(|m| m.id.as_str()).unwrap_or(""),
            request_id = %request_id,
        );
        let work = async {
            let result = match &decoded {
                Err(e) => Err(Failure::Poison(format!("undecodable message: {e}"))),
                Ok(message) => self.apply(message).await,
            };
            let retries = decoded.as_ref().map(TaskMessage::retries).unwrap_or(0);
            let outcome = match result {
                Ok(outcome) => {
                    ack(&delivery).await;
                    outcome
                }
                Err(Failure::Poison(error)) => self.dead_letter(&delivery, &error).await,
                Err(Failure::Retry(error)) if retries < self.config.max_retries => {
                    self.retry(&delivery, retries + 1, &error).await
                }
                Err(Failure::Retry(error)) => {
                    let error = format!("failed after {} tries: {error}", retries + 1);
                    self.dead_letter(&delivery, &error).await
                }
                Err(Failure::Infrastructure(error)) => {
                    tracing::warn!(%error, "cannot apply message now; returning it to the queue");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    nack_requeue(&delivery).await;
                    Outcome::Requeued
                }
            };
            tracing::info!(
                outcome = outcome.as_str(),
                elapsed_ms = started.elapsed().as_secs_f64() * 1000.0,
                "message handled"
            );
            metrics::counter!("amqp_messages_total", "queue" => self.queue.clone(), "task" => task.clone(), "outcome" => outcome.as_str())
                .increment(1);
            metrics::histogram!("amqp_message_duration_seconds", "queue" => self.queue.clone(), "task" => task.clone())
                .record(started.elapsed().as_secs_f64());
        };
        telemetry::with_request_id(
            request_id.clone(),
            tracing::Instrument::instrument(work, span),
        )
        .await;
    }

    /// Dedup record + handler effect in one transaction.
    async fn apply(&self, message: &TaskMessage) -> Result<Outcome, Failure> {
        let handler = self.handlers.get(&message.task).ok_or_else(|| {
            Failure::Poison(format!(
                "no handler for task {:?} on queue {}",
                message.task, self.queue
            ))
        })?;
        let mut conn = self
            .db
            .conn()
            .await
            .map_err(|e| Failure::Infrastructure(e.to_string()))?;
        let queue = self.queue.as_str();
        let result = conn
            .transaction(async |conn| {
                let inserted = diesel::insert_into(processed_messages::table)
                    .values((
                        processed_messages::queue.eq(queue),
                        processed_messages::message_id.eq(&message.id),
                        processed_messages::task.eq(&message.task),
                    ))
                    .on_conflict_do_nothing()
                    .execute(conn)
                    .await?;
                if inserted == 0 {
                    return Ok(Outcome::Duplicate);
                }
                let outcome = match handler.handle_outcome(conn, message).await? {
                    Handled::Applied => Outcome::Applied,
                    Handled::Ignored => Outcome::Ignored,
                };
                Ok::<_, HandlerError>(outcome)
            })
            .await;
        match result {
            Ok(outcome) => {
                if outcome == Outcome::Applied
                    && let Some(signal) = &self.outbox
                {
                    signal.notify();
                }
                Ok(outcome)
            }
            Err(HandlerError::Permanent(e)) => Err(Failure::Poison(e)),
            Err(HandlerError::Transient(e)) => Err(Failure::Retry(e)),
            Err(HandlerError::Database(e)) => match crate::db::DbError::from(e) {
                crate::db::DbError::Unavailable(e) => Err(Failure::Infrastructure(e)),
                crate::db::DbError::Query(e) => Err(Failure::Retry(e.to_string())),
            },
        }
    }

    async fn retry(&self, delivery: &Delivery, retry: u32, error: &str) -> Outcome {
        let delay = self.config.retry_delay(retry);
        let mut headers = delivery.properties.headers().clone().unwrap_or_default();
        headers.insert("retries".into(), AMQPValue::LongLongInt(i64::from(retry)));
        headers.insert(
            ERROR_HEADER.into(),
            AMQPValue::LongString(LongString::from(truncate(error))),
        );
        let properties = delivery
            .properties
            .clone()
            .with_headers(headers)
            .with_expiration(ShortString::from(delay.as_millis().to_string()));
        let copy = Outgoing {
            exchange: String::new(),
            routing_key: retry_queue(&self.queue),
            properties,
            body: delivery.data.clone(),
        };
        tracing::warn!(%error, retry, delay_ms = delay.as_millis() as u64, "message failed; retrying");
        self.forward(delivery, copy, Outcome::Retried).await
    }

    async fn dead_letter(&self, delivery: &Delivery, error: &str) -> Outcome {
        let mut headers = delivery.properties.headers().clone().unwrap_or_default();
        headers.insert(
            ERROR_HEADER.into(),
            AMQPValue::LongString(LongString::from(truncate(error))),
        );
        headers.insert(
            FAILED_AT_HEADER.into(),
            AMQPValue::LongString(LongString::from(chrono::Utc::now().to_rfc3339())),
        );
        headers.insert(
            QUEUE_HEADER.into(),
            AMQPValue::LongString(LongString::from(self.queue.as_str())),
        );
        let copy = Outgoing {
            exchange: String::new(),
            routing_key: dead_letter_queue(&self.queue),
            properties: delivery.properties.clone().with_headers(headers),
            body: delivery.data.clone(),
        };
        tracing::error!(%error, "message dead-lettered");
        self.forward(delivery, copy, Outcome::DeadLettered).await
    }

    /// Publishes `copy` with confirm, then acknowledges the original. If the copy cannot be
    /// published the original goes back to the queue instead: it is never lost.
    async fn forward(&self, delivery: &Delivery, copy: Outgoing, outcome: Outcome) -> Outcome {
        match self.publisher.publish(copy).await {
            Ok(()) => {
                ack(delivery).await;
                outcome
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not forward message; returning it to the queue");
                nack_requeue(delivery).await;
                Outcome::Requeued
            }
        }
    }
}

fn truncate(error: &str) -> String {
    // Header values travel with every copy; keep them bounded.
    error.chars().take(2000).collect()
}

async fn ack(delivery: &Delivery) {
    if let Err(e) = delivery.acker.ack(BasicAckOptions::default()).await {
        // The channel died: the broker will redeliver, and the dedup record absorbs it.
        tracing::warn!(error = %e, "ack failed; message will be redelivered");
    }
}

async fn nack_requeue(delivery: &Delivery) {
    let options = BasicNackOptions {
        requeue: true,
        ..BasicNackOptions::default()
    };
    if let Err(e) = delivery.acker.nack(options).await {
        tracing::warn!(error = %e, "nack failed; message will be redelivered");
    }
}

/// Adapts an async fn to [`TaskHandler`]:
/// `handler_fn(|conn, message| Box::pin(async move { … }))`.
pub fn handler_fn<F>(f: F) -> impl TaskHandler
where
    F: for<'a> Fn(
            &'a mut AsyncPgConnection,
            &'a TaskMessage,
        ) -> BoxFuture<'a, Result<(), HandlerError>>
        + Send
        + Sync
        + 'static,
{
    struct FnHandler<F>(F);
    impl<F> TaskHandler for FnHandler<F>
    where
        F: for<'a> Fn(
                &'a mut AsyncPgConnection,
                &'a TaskMessage,
            ) -> BoxFuture<'a, Result<(), HandlerError>>
            + Send
            + Sync
            + 'static,
    {
        fn handle<'a>(
            &'a self,
            conn: &'a mut AsyncPgConnection,
            message: &'a TaskMessage,
        ) -> BoxFuture<'a, Result<(), HandlerError>> {
            (self.0)(conn, message)
        }
    }
    FnHandler(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_delay_doubles_and_is_capped() {
        let config = ConsumerConfig {
            enabled: true,
            prefetch: 1,
            concurrency: 1,
            max_retries: 5,
            retry_base_delay: Duration::from_millis(100),
            retry_max_delay: Duration::from_millis(350),
        };
        let delays: Vec<u128> = (1..=4).map(|n| config.retry_delay(n).as_millis()).collect();
        assert_eq!(delays, vec![100, 200, 350, 350]);
        assert_eq!(config.retry_delay(60).as_millis(), 350);
    }

    #[test]
    fn a_retry_window_becomes_enough_retries_to_cover_it() {
        let defaults = ConsumerConfig {
            enabled: true,
            prefetch: 1,
            concurrency: 1,
            max_retries: 5,
            retry_base_delay: Duration::from_secs(1),
            retry_max_delay: Duration::from_secs(300),
        };
        // The defaults alone give up after 1+2+4+8+16 = 31 s.
        let total = |n: u32| (1..=n).map(|r| defaults.retry_delay(r)).sum::<Duration>();
        assert_eq!(total(defaults.max_retries), Duration::from_secs(31));
        let fifteen_minutes = Duration::from_secs(15 * 60);
        let n = defaults.retries_covering(fifteen_minutes);
        assert!(total(n) >= fifteen_minutes, "{n} retries");
        assert!(total(n - 1) < fifteen_minutes, "{n} retries is the fewest");
        assert_eq!(n, 11, "1+2+…+256 = 511 s, then 300 s each");
        assert_eq!(
            defaults.retries_covering(Duration::from_secs(1)),
            5,
            "never fewer"
        );
    }
}
