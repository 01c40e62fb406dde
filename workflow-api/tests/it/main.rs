//! Integration tests of the workflow API against real PostgreSQL and RabbitMQ.

mod roles;

use serde_json::Value;
use tts_shared::amqp::TaskMessage;
use tts_shared::auth::UserType;
use tts_shared::testing::{self, TestService};

#[tokio::test(flavor = "multi_thread")]
async fn binary_creates_its_database_reports_readiness_and_survives_a_broker_outage() {
    tts_shared::testing::check_service_binary(env!("CARGO_BIN_EXE_workflow-api"), "workflow-api")
        .await;
}

pub async fn start() -> TestService {
    TestService::start(
        workflow_api::SERVICE,
        workflow_api::MIGRATIONS,
        workflow_api::app,
        &[],
        None,
    )
    .await
}

pub fn admin() -> String {
    testing::token(1, UserType::Staff, &["tts:Admin"])
}

pub fn agent(id: i64) -> String {
    testing::token(id, UserType::Staff, &["tts:Agent"])
}

pub fn requester(id: i64) -> String {
    testing::token(id, UserType::Employee, &["hdts:Employee"])
}

/// A captured Celery message from `shared/tests/fixtures/celery/`, with its payload (args[0])
/// changed by `edit` and a fresh id.
pub fn fixture(name: &str, edit: impl FnOnce(&mut Value)) -> TaskMessage {
    let path = format!(
        "{}/../shared/tests/fixtures/celery/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let fixture: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut payload = fixture["body"][0][0].clone();
    edit(&mut payload);
    TaskMessage::new(
        fixture["headers"]["task"].as_str().unwrap(),
        vec![payload],
        Default::default(),
    )
}

pub async fn get(s: &TestService, token: &str, path: &str) -> (u16, Value) {
    let r = s
        .http
        .get(s.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

pub async fn send(
    s: &TestService,
    method: reqwest::Method,
    token: &str,
    path: &str,
    body: Value,
) -> (u16, Value) {
    let r = s
        .http
        .request(method, s.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}
