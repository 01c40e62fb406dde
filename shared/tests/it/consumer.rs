//! The consumer runtime: effect applied once, retries with backoff, dead letters with the error,
//! poison messages set aside without stopping the consumer, redeliveries not applied twice.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use diesel::sql_query;
use diesel::sql_types::Text;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use futures_util::future::BoxFuture;
use lapin::BasicProperties;
use lapin::options::BasicPublishOptions;
use serde_json::{Map, Value};
use tts_shared::amqp::celery::{json_to_table, table_to_json};
use tts_shared::amqp::consumer::{ERROR_HEADER, QUEUE_HEADER};
use tts_shared::amqp::{
    Consumer, ConsumerConfig, HandlerError, Outgoing, Publisher, TaskHandler, TaskMessage,
};
use tts_shared::testing::eventually;

use crate::Harness;

const QUEUE: &str = "TICKET_TASKS_PRODUCTION";
const TASK: &str = "tickets.tasks.receive_ticket";

/// Inserts one `effects` row per applied message; fails its first `failures` attempts (after
/// writing, so a rollback is what keeps the row out).
struct Recorder {
    attempts: Arc<AtomicU32>,
    failures: u32,
}

impl TaskHandler for Recorder {
    fn handle<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<(), HandlerError>> {
        Box::pin(async move {
            let attempt = self.attempts.fetch_add(1, Ordering::SeqCst) + 1;
            sql_query("INSERT INTO effects (message_id) VALUES ($1)")
                .bind::<Text, _>(&message.id)
                .execute(conn)
                .await?;
            if attempt <= self.failures {
                return Err(HandlerError::transient(format!("attempt {attempt} fails")));
            }
            Ok(())
        })
    }
}

async fn setup(extra: &[(&str, &str)]) -> Harness {
    let h = Harness::with_settings(extra).await;
    let mut conn = h.db.connect().await;
    sql_query("CREATE TABLE effects (id BIGSERIAL PRIMARY KEY, message_id TEXT NOT NULL)")
        .execute(&mut conn)
        .await
        .unwrap();
    h
}

async fn effects(h: &Harness) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut conn = h.db.connect().await;
    sql_query("SELECT count(*) AS n FROM effects")
        .get_result::<N>(&mut conn)
        .await
        .unwrap()
        .n
}

fn start(h: &Harness, handler: Recorder) {
    let consumer = Consumer::new(
        QUEUE,
        h.pool.clone(),
        h.broker.clone(),
        ConsumerConfig::from_settings(&h.settings),
    )
    .handle(TASK, handler);
    tokio::spawn(consumer.run(h.cancel.clone()));
}

async fn publish(h: &Harness, message: &TaskMessage) {
    Publisher::new(h.broker.clone())
        .publish(Outgoing::to_queue(QUEUE, message))
        .await
        .unwrap();
}

fn ticket(n: u32) -> TaskMessage {
    let mut ticket = Map::new();
    ticket.insert("ticket_number".into(), Value::from(format!("TX{n}")));
    TaskMessage::new(TASK, vec![Value::Object(ticket)], Map::new())
}

#[tokio::test(flavor = "multi_thread")]
async fn handler_failing_twice_then_succeeding_applies_its_effect_once() {
    let h = setup(&[]).await;
    let attempts = Arc::new(AtomicU32::new(0));
    start(
        &h,
        Recorder {
            attempts: attempts.clone(),
            failures: 2,
        },
    );
    publish(&h, &ticket(1)).await;

    eventually("the third attempt", Duration::from_secs(15), || async {
        (tries(&attempts) >= 3).then_some(())
    })
    .await;
    eventually("the effect to commit", Duration::from_secs(5), || async {
        (effects(&h).await == 1).then_some(())
    })
    .await;
    assert_eq!(tries(&attempts), 3, "no attempt after success");
    assert!(h.get("TICKET_TASKS_PRODUCTION.dlq").await.is_none());
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn handler_always_failing_ends_in_dlq_with_the_error_after_the_configured_tries() {
    let h = setup(&[("amqp_max_retries", "3")]).await;
    let attempts = Arc::new(AtomicU32::new(0));
    start(
        &h,
        Recorder {
            attempts: attempts.clone(),
            failures: u32::MAX,
        },
    );
    let message = ticket(2);
    publish(&h, &message).await;

    let dead = h.wait_for_message("TICKET_TASKS_PRODUCTION.dlq").await;
    let headers = table_to_json(dead.delivery.properties.headers().as_ref().unwrap());
    let error = headers[ERROR_HEADER].as_str().unwrap();
    assert!(error.contains("failed after 4 tries"), "{error}");
    assert!(error.contains("attempt 4 fails"), "{error}");
    assert_eq!(headers[QUEUE_HEADER], QUEUE);
    assert_eq!(headers["retries"], 3);
    assert_eq!(headers["id"], Value::from(message.id.clone()));
    assert_eq!(tries(&attempts), 4, "first try + 3 retries");
    assert_eq!(effects(&h).await, 0, "failed attempts roll back");
    let body: Value = serde_json::from_slice(&dead.delivery.data).unwrap();
    assert_eq!(body[0][0]["ticket_number"], "TX2", "body kept intact");
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn non_json_body_goes_to_dlq_and_the_next_message_is_processed() {
    let h = setup(&[]).await;
    let attempts = Arc::new(AtomicU32::new(0));
    start(
        &h,
        Recorder {
            attempts: attempts.clone(),
            failures: 0,
        },
    );

    let headers = serde_json::json!({"task": TASK, "id": "not-json-1"});
    let channel = h.broker.channel().await.unwrap();
    channel
        .basic_publish(
            "".into(),
            QUEUE.into(),
            BasicPublishOptions::default(),
            b"this is not json",
            BasicProperties::default()
                .with_content_type("application/json".into())
                .with_headers(json_to_table(headers.as_object().unwrap())),
        )
        .await
        .unwrap();
    publish(&h, &ticket(3)).await;

    let dead = h.wait_for_message("TICKET_TASKS_PRODUCTION.dlq").await;
    assert_eq!(dead.delivery.data, b"this is not json");
    let headers = table_to_json(dead.delivery.properties.headers().as_ref().unwrap());
    assert!(
        headers[ERROR_HEADER]
            .as_str()
            .unwrap()
            .contains("undecodable")
    );
    eventually(
        "the good message to be applied",
        Duration::from_secs(10),
        || async { (effects(&h).await == 1).then_some(()) },
    )
    .await;
    assert_eq!(tries(&attempts), 1, "the handler never saw the bad one");
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_task_name_goes_to_dlq_naming_the_task() {
    let h = setup(&[]).await;
    start(
        &h,
        Recorder {
            attempts: Arc::default(),
            failures: 0,
        },
    );
    publish(
        &h,
        &TaskMessage::new("tickets.tasks.no_such_task", vec![], Map::new()),
    )
    .await;
    let dead = h.wait_for_message("TICKET_TASKS_PRODUCTION.dlq").await;
    let headers = table_to_json(dead.delivery.properties.headers().as_ref().unwrap());
    assert!(
        headers[ERROR_HEADER]
            .as_str()
            .unwrap()
            .contains("tickets.tasks.no_such_task")
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn redelivered_message_id_is_not_applied_twice() {
    // One at a time, so the marker message is handled after both copies.
    let h = setup(&[("amqp_concurrency", "1"), ("amqp_prefetch", "1")]).await;
    let attempts = Arc::new(AtomicU32::new(0));
    start(
        &h,
        Recorder {
            attempts: attempts.clone(),
            failures: 0,
        },
    );
    let message = ticket(4);
    publish(&h, &message).await;
    publish(&h, &message).await;
    let marker = ticket(5);
    publish(&h, &marker).await;

    eventually("the marker message", Duration::from_secs(10), || async {
        (effects(&h).await == 2).then_some(())
    })
    .await;
    assert_eq!(tries(&attempts), 2, "the copy was recognised");
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn consumer_resumes_after_the_broker_closes_its_connection() {
    let h = setup(&[]).await;
    let attempts = Arc::new(AtomicU32::new(0));
    start(
        &h,
        Recorder {
            attempts: attempts.clone(),
            failures: 0,
        },
    );
    publish(&h, &ticket(6)).await;
    eventually("the first message", Duration::from_secs(10), || async {
        (effects(&h).await == 1).then_some(())
    })
    .await;

    eventually("a connection to close", Duration::from_secs(10), || async {
        (h.vhost.close_connections().await > 0).then_some(())
    })
    .await;
    let publisher = Publisher::new(h.broker.clone());
    let next = ticket(7);
    eventually(
        "the broker to take a message again",
        Duration::from_secs(30),
        || async {
            publisher
                .publish(Outgoing::to_queue(QUEUE, &next))
                .await
                .ok()
        },
    )
    .await;
    eventually(
        "the message after the reconnect",
        Duration::from_secs(30),
        || async { (effects(&h).await == 2).then_some(()) },
    )
    .await;
    h.finish().await;
}

fn tries(attempts: &AtomicU32) -> u32 {
    attempts.load(Ordering::SeqCst)
}

#[tokio::test(flavor = "multi_thread")]
async fn request_id_travels_in_the_message_and_back_into_the_handler() {
    let h = setup(&[]).await;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Option<String>>();
    let consumer = Consumer::new(
        QUEUE,
        h.pool.clone(),
        h.broker.clone(),
        ConsumerConfig::from_settings(&h.settings),
    )
    .handle(
        TASK,
        tts_shared::amqp::handler_fn(
            move |_conn, _message| -> BoxFuture<'_, Result<(), HandlerError>> {
                let _ = tx.send(tts_shared::telemetry::current_request_id());
                Box::pin(async { Ok(()) })
            },
        ),
    );
    tokio::spawn(consumer.run(h.cancel.clone()));

    // A message created while handling a request carries that request's id.
    let message =
        tts_shared::telemetry::with_request_id("req-from-http-42".into(), async { ticket(8) })
            .await;
    assert_eq!(message.request_id(), Some("req-from-http-42"));
    publish(&h, &message).await;
    let seen = tokio::time::timeout(Duration::from_secs(10), rx.recv())
        .await
        .expect("handled")
        .unwrap();
    assert_eq!(seen.as_deref(), Some("req-from-http-42"));
    h.finish().await;
}
