//! Transactional outbox: a message is written in the same transaction as the state change it
//! announces, so there is never one without the other. The relay publishes pending rows with
//! publisher confirms and marks them published. It is woken right after a commit
//! ([`OutboxSignal::notify`]) and also polls, for rows written by other processes or while the
//! broker was away. A crash between publish and mark publishes the row again with the same
//! message id, which consumers deduplicate.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::broker::{Broker, BrokerError};
use super::celery::TaskMessage;
use super::publisher::{Outgoing, Publisher};
use crate::db::{Db, DbError};
use crate::schema::{outbox_messages, processed_messages};

/// Wakes the relay after a commit that wrote outbox rows.
#[derive(Debug, Clone, Default)]
pub struct OutboxSignal(Arc<Notify>);

impl OutboxSignal {
    pub fn notify(&self) {
        // A stored permit means a wake-up is never lost, even if the relay is busy right now.
        self.0.notify_one();
    }

    async fn notified(&self) {
        self.0.notified().await;
    }
}

/// Queues `message` for `queue` inside the caller's transaction.
pub async fn enqueue(
    conn: &mut AsyncPgConnection,
    queue: &str,
    message: &TaskMessage,
) -> QueryResult<()> {
    enqueue_to(conn, "", queue, message).await
}

/// Queues `message` for `exchange` with `routing_key` inside the caller's transaction.
pub async fn enqueue_to(
    conn: &mut AsyncPgConnection,
    exchange: &str,
    routing_key: &str,
    message: &TaskMessage,
) -> QueryResult<()> {
    let json = serde_json::to_value(message).expect("task messages always serialise");
    diesel::insert_into(outbox_messages::table)
        .values((
            outbox_messages::message_id.eq(&message.id),
            outbox_messages::exchange.eq(exchange),
            outbox_messages::routing_key.eq(routing_key),
            outbox_messages::task.eq(&message.task),
            outbox_messages::message.eq(json),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// A pending outbox row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox_messages)]
pub struct OutboxRow {
    pub id: i64,
    pub message_id: String,
    pub exchange: String,
    pub routing_key: String,
    pub message: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

/// Locks up to `limit` unpublished rows, oldest first. Rows locked by another relay are skipped,
/// so several replicas share the work without publishing a row twice.
pub async fn claim(conn: &mut AsyncPgConnection, limit: i64) -> QueryResult<Vec<OutboxRow>> {
    outbox_messages::table
        .filter(outbox_messages::published_at.is_null())
        .order(outbox_messages::id)
        .limit(limit)
        .for_update()
        .skip_locked()
        .select(OutboxRow::as_select())
        .load(conn)
        .await
}

pub async fn mark_published(conn: &mut AsyncPgConnection, ids: &[i64]) -> QueryResult<usize> {
    diesel::update(outbox_messages::table.filter(outbox_messages::id.eq_any(ids)))
        .set(outbox_messages::published_at.eq(diesel::dsl::now))
        .execute(conn)
        .await
}

/// Number of rows not yet published.
pub async fn pending_count(conn: &mut AsyncPgConnection) -> QueryResult<i64> {
    outbox_messages::table
        .filter(outbox_messages::published_at.is_null())
        .count()
        .get_result(conn)
        .await
}

#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Broker(#[from] BrokerError),
    #[error("outbox row {0} does not hold a task message: {1}")]
    Corrupt(i64, String),
}

impl From<diesel::result::Error> for RelayError {
    fn from(e: diesel::result::Error) -> Self {
        RelayError::Db(e.into())
    }
}

/// Relay settings.
#[derive(Debug, Clone, Copy)]
pub struct RelayConfig {
    pub batch_size: i64,
    pub poll_interval: Duration,
    /// Published rows and dedup records older than this are deleted.
    pub retention: Duration,
}

/// Publishes what the service's transactions wrote to the outbox.
pub struct OutboxRelay {
    db: Db,
    publisher: Publisher,
    signal: OutboxSignal,
    config: RelayConfig,
    routes: Vec<super::topology::Route>,
}

impl OutboxRelay {
    pub fn new(db: Db, broker: Broker, signal: OutboxSignal, config: RelayConfig) -> Self {
        OutboxRelay {
            db,
            publisher: Publisher::new(broker),
            signal,
            config,
            routes: Vec::new(),
        }
    }

    /// Publishes rows written for a route's queue and task to the route's exchange instead (see
    /// [`super::topology::Topology::routes`]): one row, one publish, every bound queue a copy.
    pub fn with_routes(mut self, routes: Vec<super::topology::Route>) -> Self {
        self.routes = routes;
        self
    }

    /// The exchange and routing key `row` is published with.
    fn target(&self, row: &OutboxRow, message: &TaskMessage) -> (String, String) {
        if row.exchange.is_empty()
            && let Some(route) = self
                .routes
                .iter()
                .find(|r| r.queue == row.routing_key && r.task == message.task)
        {
            return (route.exchange.clone(), row.routing_key.clone());
        }
        (row.exchange.clone(), row.routing_key.clone())
    }

    /// Publishes `rows` and waits for every confirm.
    pub async fn publish_rows(&self, rows: &[OutboxRow]) -> Result<(), RelayError> {
        let mut outgoing = Vec::with_capacity(rows.len());
        for row in rows {
            let message: TaskMessage = serde_json::from_value(row.message.clone())
                .map_err(|e| RelayError::Corrupt(row.id, e.to_string()))?;
            let (properties, body) = message.encode();
            let (exchange, routing_key) = self.target(row, &message);
            outgoing.push(Outgoing {
                exchange,
                routing_key,
                properties,
                body,
            });
        }
        self.publisher.publish_all(&outgoing).await?;
        Ok(())
    }

    /// Claims, publishes and marks one batch in one transaction. Returns how many it published.
    pub async fn relay_once(&self) -> Result<usize, RelayError> {
        let mut conn = self.db.conn().await?;
        let batch = self.config.batch_size;
        let published = conn
            .transaction(async |conn| {
                let rows = claim(conn, batch).await?;
                if rows.is_empty() {
                    return Ok::<usize, RelayError>(0);
                }
                self.publish_rows(&rows).await?;
                let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
                mark_published(conn, &ids).await?;
                Ok(rows.len())
            })
            .await?;
        if published > 0 {
            metrics::counter!("outbox_published_total").increment(published as u64);
        }
        Ok(published)
    }

    /// Deletes published rows and dedup records past the retention period.
    pub async fn prune(&self) -> Result<(), RelayError> {
        let mut conn = self.db.conn().await?;
        let cutoff = Utc::now()
            - chrono::Duration::from_std(self.config.retention).unwrap_or(chrono::Duration::MAX);
        diesel::delete(outbox_messages::table.filter(outbox_messages::published_at.lt(cutoff)))
            .execute(&mut conn)
            .await?;
        diesel::delete(
            processed_messages::table.filter(processed_messages::processed_at.lt(cutoff)),
        )
        .execute(&mut conn)
        .await?;
        Ok(())
    }

    /// Runs until `cancel`: publishes whenever woken, polls as a fallback, backs off on errors.
    pub async fn run(self, cancel: CancellationToken) {
        let mut error_delay = Duration::from_millis(100);
        let mut last_prune = tokio::time::Instant::now();
        let mut last_gauge: Option<tokio::time::Instant> = None;
        loop {
            if cancel.is_cancelled() {
                break;
            }
            match self.relay_once().await {
                Ok(n) if n as i64 >= self.config.batch_size => continue,
                Ok(_) => error_delay = Duration::from_millis(100),
                Err(e) => {
                    tracing::warn!(error = %e, retry_in_ms = error_delay.as_millis() as u64, "outbox relay failed; will retry");
                    metrics::counter!("outbox_relay_errors_total").increment(1);
                    tokio::select! {
                        _ = cancel.cancelled() => break,
                        _ = tokio::time::sleep(error_delay) => {}
                    }
                    error_delay = (error_delay * 2).min(Duration::from_secs(5));
                    continue;
                }
            }
            // Idle: everything claimable was published. What is left pending (rows another
            // relay holds, or none) is the hand-off backlog operators watch. Counted at most
            // once a second: under load the relay goes idle after nearly every commit.
            if last_gauge.is_none_or(|at| at.elapsed() >= Duration::from_secs(1)) {
                last_gauge = Some(tokio::time::Instant::now());
                if let Ok(mut conn) = self.db.conn().await
                    && let Ok(pending) = pending_count(&mut conn).await
                {
                    metrics::gauge!("outbox_pending").set(pending as f64);
                }
            }
            if last_prune.elapsed() > Duration::from_secs(600) {
                last_prune = tokio::time::Instant::now();
                if let Err(e) = self.prune().await {
                    tracing::warn!(error = %e, "outbox prune failed");
                }
            }
            tokio::select! {
                _ = cancel.cancelled() => break,
                _ = self.signal.notified() => {}
                _ = tokio::time::sleep(self.config.poll_interval) => {}
            }
        }
    }
}
