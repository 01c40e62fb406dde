//! The transactional outbox: 1,000 messages written in transactions all reach the queue and are
//! applied exactly once by message id, also when the broker drops the relay's connection
//! mid-stream and when the relay dies between publishing and marking.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel_async::{AsyncConnection, AsyncPgConnection};
use futures_util::future::BoxFuture;
use lapin::options::QueueDeclareOptions;
use lapin::types::FieldTable;
use serde_json::Map;
use tts_shared::amqp::outbox::{self, OutboxRelay, OutboxSignal, RelayConfig};
use tts_shared::amqp::{Consumer, ConsumerConfig, HandlerError, TaskHandler, TaskMessage};
use tts_shared::testing::eventually;

use crate::Harness;

const QUEUE: &str = "WORKFLOW_TASKS_PRODUCTION";
const TASK: &str = "workflow.tasks.test_outbox";
const TOTAL: usize = 1000;

/// Counts how often each message id was applied.
#[derive(Clone, Default)]
struct Applied(Arc<Mutex<HashMap<String, u32>>>);

impl Applied {
    fn distinct(&self) -> usize {
        self.0.lock().unwrap().len()
    }

    fn max_per_id(&self) -> u32 {
        self.0.lock().unwrap().values().copied().max().unwrap_or(0)
    }
}

impl TaskHandler for Applied {
    fn handle<'a>(
        &'a self,
        _conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<(), HandlerError>> {
        *self
            .0
            .lock()
            .unwrap()
            .entry(message.id.clone())
            .or_default() += 1;
        Box::pin(async { Ok(()) })
    }
}

fn relay(h: &Harness, signal: &OutboxSignal) -> OutboxRelay {
    OutboxRelay::new(
        h.pool.clone(),
        h.broker.clone(),
        signal.clone(),
        RelayConfig {
            batch_size: 50,
            poll_interval: Duration::from_millis(200),
            retention: Duration::from_secs(3600),
        },
    )
}

/// Writes `TOTAL` messages in transactions of ten, waking the relay after each commit.
async fn write_messages(h: &Harness, signal: &OutboxSignal) -> Vec<String> {
    let mut ids = Vec::with_capacity(TOTAL);
    let mut conn = h.pool.conn().await.unwrap();
    for batch in 0..TOTAL / 10 {
        let messages: Vec<TaskMessage> = (0..10)
            .map(|i| {
                let mut kwargs = Map::new();
                kwargs.insert("n".into(), (batch * 10 + i).into());
                TaskMessage::new(TASK, vec![], kwargs)
            })
            .collect();
        conn.transaction(async |conn| {
            for m in &messages {
                outbox::enqueue(conn, QUEUE, m).await?;
            }
            Ok::<_, diesel::result::Error>(())
        })
        .await
        .unwrap();
        signal.notify();
        ids.extend(messages.into_iter().map(|m| m.id));
    }
    ids
}

fn start_consumer(h: &Harness, applied: &Applied) {
    let consumer = Consumer::new(
        QUEUE,
        h.pool.clone(),
        h.broker.clone(),
        ConsumerConfig::from_settings(&h.settings),
    )
    .handle(TASK, applied.clone());
    tokio::spawn(consumer.run(h.cancel.clone()));
}

async fn pending(h: &Harness) -> i64 {
    let mut conn = h.pool.conn().await.unwrap();
    outbox::pending_count(&mut conn).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn thousand_messages_arrive_once_each_despite_a_forced_connection_close() {
    let h = Harness::new().await;
    let applied = Applied::default();
    start_consumer(&h, &applied);
    let signal = OutboxSignal::default();
    tokio::spawn(relay(&h, &signal).run(h.cancel.clone()));

    let (ids, ()) = tokio::join!(write_messages(&h, &signal), async {
        eventually(
            "a first part to be delivered",
            Duration::from_secs(30),
            || async { (applied.distinct() >= 200).then_some(()) },
        )
        .await;
        // Mid-stream: the broker drops every connection of this vhost (relay's and consumer's).
        eventually("connections to close", Duration::from_secs(10), || async {
            (h.vhost.close_connections().await > 0).then_some(())
        })
        .await;
    });

    eventually(
        "all messages to be applied",
        Duration::from_secs(60),
        || async { (applied.distinct() == TOTAL).then_some(()) },
    )
    .await;
    eventually(
        "the outbox to be drained",
        Duration::from_secs(30),
        || async { (pending(&h).await == 0).then_some(()) },
    )
    .await;
    let seen = applied.0.lock().unwrap().clone();
    assert!(
        ids.iter().all(|id| seen.get(id) == Some(&1)),
        "each id applied exactly once"
    );
    assert_eq!(seen.len(), TOTAL);
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn relay_dying_between_publish_and_mark_republishes_and_consumers_deduplicate() {
    let h = Harness::new().await;
    let signal = OutboxSignal::default();
    let ids = write_messages(&h, &signal).await;
    assert_eq!(pending(&h).await, TOTAL as i64);

    // A relay publishes a batch and dies before marking it: its transaction never commits.
    let dying = relay(&h, &signal);
    let mut conn = h.pool.conn().await.unwrap();
    let result = conn
        .transaction(async |conn| {
            let rows = outbox::claim(conn, 100).await.unwrap();
            dying.publish_rows(&rows).await.unwrap();
            Err::<(), _>(diesel::result::Error::RollbackTransaction)
        })
        .await;
    assert!(result.is_err());
    drop(conn);
    let channel = h.broker.channel().await.unwrap();
    let passive = QueueDeclareOptions {
        passive: true,
        ..Default::default()
    };
    let queued = eventually(
        "the dead relay's batch in the queue",
        Duration::from_secs(10),
        || async {
            let q = channel
                .queue_declare(QUEUE.into(), passive, FieldTable::default())
                .await
                .ok()?;
            (q.message_count() == 100).then_some(q.message_count())
        },
    )
    .await;
    assert_eq!(queued, 100);
    assert_eq!(pending(&h).await, TOTAL as i64, "nothing was marked");

    // A new relay publishes everything, those 100 again.
    let applied = Applied::default();
    start_consumer(&h, &applied);
    tokio::spawn(relay(&h, &signal).run(h.cancel.clone()));
    eventually(
        "all messages to be applied",
        Duration::from_secs(60),
        || async { (applied.distinct() == TOTAL && pending(&h).await == 0).then_some(()) },
    )
    .await;
    assert_eq!(applied.max_per_id(), 1, "duplicates were deduplicated");
    let seen = applied.0.lock().unwrap().clone();
    assert!(ids.iter().all(|id| seen.contains_key(id)));
    h.finish().await;
}
