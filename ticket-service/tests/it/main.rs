//! Integration tests of the ticket service against real PostgreSQL and RabbitMQ (and a real
//! Celery worker for the hand-off).

mod attachments;
mod audit;
mod binary;
mod handoff;
mod one_record;
mod paging;
mod record;
mod tickets;

use serde_json::Value;
use tts_shared::auth::UserType;
use tts_shared::testing::{self, TestService};

pub const QUEUE: &str = "TICKET_TASKS_PRODUCTION";

pub async fn start(extra: &[(&str, &str)]) -> TestService {
    start_via(extra, None).await
}

pub async fn start_via(extra: &[(&str, &str)], amqp: Option<std::net::SocketAddr>) -> TestService {
    let dir = std::env::temp_dir().join(format!("tts-attachments-{}", uuid::Uuid::new_v4()));
    let dir = dir.to_string_lossy().into_owned();
    let mut settings: Vec<(&str, &str)> = vec![("attachment_dir", &dir)];
    settings.extend_from_slice(extra);
    TestService::start(
        ticket_service::SERVICE,
        ticket_service::MIGRATIONS,
        ticket_service::app,
        &settings,
        amqp,
    )
    .await
}

pub fn employee(id: i64) -> String {
    testing::token(id, UserType::Employee, &[])
}

pub fn agent(id: i64) -> String {
    testing::token(id, UserType::Staff, &["tts:Agent"])
}

pub fn admin(id: i64) -> String {
    testing::token(id, UserType::Staff, &["tts:Admin"])
}

/// POST /tickets/ as `token`; returns status and body.
pub async fn create(s: &TestService, token: &str, body: Value) -> (u16, Value) {
    let r = s
        .http
        .post(s.url("/tickets/"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

pub async fn get(s: &TestService, token: &str, path: &str) -> (u16, Value) {
    let r = s
        .http
        .get(s.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

/// Rows in `table` of the service's database.
pub async fn count(s: &TestService, table: &str) -> i64 {
    s.db.count(&format!("SELECT count(*) AS n FROM {table}"))
        .await
}
