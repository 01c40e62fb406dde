//! A real Celery 5.5 app (from PyPI, in the test virtualenv) and TTS understand each other: a
//! task Celery sends is received by the Rust consumer runtime with the same args and kwargs, and
//! a message TTS publishes through its outbox is executed by a Celery worker with the same ones.

use std::time::Duration;

use diesel_async::AsyncConnection;
use futures_util::future::BoxFuture;
use serde_json::Value;
use tokio::process::Command;
use tokio::sync::mpsc;
use tts_shared::amqp::outbox::{self, OutboxSignal};
use tts_shared::amqp::{HandlerError, TaskMessage, handler_fn};
use tts_shared::events::{AssignmentNotification, CeleryTask, HelpdeskTicket};
use tts_shared::platform::{Platform, ServiceInfo};
use tts_shared::testing::{CeleryWorker, celery_app, celery_python};

use crate::Harness;

#[tokio::test(flavor = "multi_thread")]
async fn task_sent_by_celery_reaches_the_rust_consumer_with_its_arguments() {
    let h = Harness::new().await;
    let (tx, mut rx) = mpsc::unbounded_channel::<TaskMessage>();
    let consumer = tts_shared::amqp::Consumer::new(
        "TICKET_TASKS_PRODUCTION",
        h.pool.clone(),
        h.broker.clone(),
        tts_shared::amqp::ConsumerConfig::from_settings(&h.settings),
    )
    .handle(
        HelpdeskTicket::NAME,
        handler_fn(
            move |_conn, message| -> BoxFuture<'_, Result<(), HandlerError>> {
                let _ = tx.send(message.clone());
                Box::pin(async { Ok(()) })
            },
        ),
    );
    tokio::spawn(consumer.run(h.cancel.clone()));

    let ticket = serde_json::json!({
        "ticket_number": "TX20260101000001", "subject": "Printer jam", "category": "IT Support",
        "subcategory": "Printers", "department": "IT Department", "priority": "High",
        "attachments": [], "employee": {"first_name": "Ana", "email": "ana@example.com"}
    });
    let kwargs = serde_json::json!({"source": "helpdesk"});
    let output = Command::new(celery_python())
        .arg(celery_app())
        .args(["send", HelpdeskTicket::NAME, "TICKET_TASKS_PRODUCTION"])
        .arg(serde_json::to_string(&[&ticket]).unwrap())
        .arg(kwargs.to_string())
        .env("TTS_CELERY_BROKER_URL", h.vhost.amqp_url())
        .output()
        .await
        .expect("python runs");
    assert!(
        output.status.success(),
        "celery send failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let celery_id = String::from_utf8_lossy(&output.stdout).trim().to_string();

    let received = tokio::time::timeout(Duration::from_secs(20), rx.recv())
        .await
        .expect("the Rust consumer receives the Celery task")
        .unwrap();
    assert_eq!(received.id, celery_id);
    assert_eq!(received.task, HelpdeskTicket::NAME);
    assert_eq!(received.args, vec![ticket]);
    assert_eq!(Value::Object(received.kwargs.clone()), kwargs);
    let typed = HelpdeskTicket::from_message(&received).unwrap();
    assert_eq!(typed.number().as_deref(), Some("TX20260101000001"));
    assert_eq!(typed.sub_category.as_deref(), Some("Printers"));
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn message_published_by_tts_is_executed_by_a_celery_worker() {
    let h = Harness::new().await;
    let worker = CeleryWorker::start(
        &h.vhost,
        "INAPP_NOTIFICATION_QUEUE",
        AssignmentNotification::NAME,
    );

    // Published the production way: outbox row in a transaction, relay with confirms.
    let platform = Platform::start(
        ServiceInfo {
            name: "interop",
            port: 0,
            database: "unused",
            version: "0.0.0",
            about: "test service",
            settings: None,
        },
        h.settings.clone(),
        &[],
        h.cancel.clone(),
    )
    .await
    .unwrap();
    let payload = AssignmentNotification {
        user_id: 7,
        ticket_number: "TX20260101000002".into(),
        task_title: "Replace toner".into(),
        role_name: "Asset Manager".into(),
    };
    let message = payload.to_message();
    let mut conn = platform.db().conn().await.unwrap();
    conn.transaction(async |conn| {
        outbox::enqueue(conn, "INAPP_NOTIFICATION_QUEUE", &message).await
    })
    .await
    .unwrap();
    OutboxSignal::notify(platform.outbox());

    let executed = worker.executed(1).await;
    assert_eq!(executed[0]["id"], Value::from(message.id.clone()));
    assert_eq!(executed[0]["args"], serde_json::json!([]));
    assert_eq!(
        executed[0]["kwargs"],
        serde_json::to_value(&payload).unwrap()
    );
    h.finish().await;
}
