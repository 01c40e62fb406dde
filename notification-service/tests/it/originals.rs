//! Beside the original auth service: its e-mail directory messages, captured off RabbitMQ
//! (`shared/reference/original-producers/`) and published exactly as captured — same queue,
//! properties and body — keep the directory, with `queue_user_email_sync` set to the queue the
//! original sends to.

use std::time::Duration;

use serde_json::{Value, json};
use tts_shared::amqp::TaskMessage;
use tts_shared::testing::{SmtpSink, eventually};

use crate::{count, start_with};

fn captured(name: &str) -> Value {
    let path = format!(
        "{}/../../shared/reference/original-producers/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
        .unwrap()
}

/// Publishes a captured message exactly as captured, on the queue the original sends to.
async fn publish(s: &tts_shared::testing::TestService, name: &str) {
    let message = captured(name);
    assert_eq!(message["routing_key"], "user-email-sync-queue", "{name}");
    s.vhost.publish_captured(&message).await;
}

/// Waits until `sql` counts `n` rows.
async fn rows(s: &tts_shared::testing::TestService, what: &str, sql: &str, n: i64) {
    eventually(what, Duration::from_secs(15), || async {
        (count(s, sql).await == n).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_original_auth_services_directory_messages_keep_the_directory() {
    let smtp = SmtpSink::start().await;
    let s = start_with(&smtp, &[("queue_user_email_sync", "user-email-sync-queue")]).await;

    // One at a time: the consumer takes messages in parallel, and each step builds on the last.
    let bulk = captured("auth_bulk_sync_user_emails");
    let people = bulk["body"][1]["users_data"].as_array().unwrap();
    publish(&s, "auth_bulk_sync_user_emails").await;
    let everyone = "SELECT count(*) AS n FROM user_directory";
    rows(&s, "the bulk sync", everyone, people.len() as i64).await;

    publish(&s, "auth_sync_user_email").await;
    rows(
        &s,
        "the single sync",
        "SELECT count(*) AS n FROM user_directory WHERE user_id = 2 AND email = 'jane.agent@example.com'",
        1,
    )
    .await;

    // The captured delete names user 4, whom the captured bulk sync did not hold: add them first.
    let four = TaskMessage::new(
        "notifications.sync_user_email",
        vec![],
        json!({"user_id": 4, "email": "four@example.com", "first_name": "Four", "last_name": "Staff", "is_active": true})
            .as_object()
            .unwrap()
            .clone(),
    );
    s.vhost.publish("user-email-sync-queue", &four).await;
    let fourth = "SELECT count(*) AS n FROM user_directory WHERE user_id = 4";
    rows(&s, "user 4", fourth, 1).await;
    publish(&s, "auth_delete_user_email_cache").await;
    rows(&s, "the delete", fourth, 0).await;
    assert_eq!(count(&s, everyone).await, people.len() as i64);
    s.finish().await;
}
