//! Integration tests of the workflow API against real PostgreSQL and RabbitMQ.

mod access;
mod analytics;
mod binary;
mod designer;
mod end_logic;
mod intake;
mod lifecycle;
mod lists;
mod me;
mod originals;
mod people;
mod response_sla;
mod roles;
mod sign_in;
mod sla;
mod task_lists;
mod tasks;
mod ticket_record;
mod waiting;
mod workflow_lists;

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
    start_with(&[]).await
}

/// The service with test settings plus `extra`.
pub async fn start_with(extra: &[(&str, &str)]) -> TestService {
    TestService::start(
        workflow_api::SERVICE,
        workflow_api::MIGRATIONS,
        workflow_api::app,
        extra,
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

/// Roles 4 (Asset Manager: members 7 and 8) and 5 (Approvers: member 9), and the coordinator
/// role 6 (member 30), created through the admin API.
pub async fn seed_roles(s: &TestService) {
    use reqwest::Method;
    use serde_json::json;
    for (role, name) in [
        (4, "Asset Manager"),
        (5, "Approvers"),
        (6, "Ticket Coordinator"),
    ] {
        let (status, body) = send(
            s,
            Method::PUT,
            &admin(),
            &format!("/roles/{role}/"),
            json!({"name": name}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    for (role, user) in [(4, 7), (4, 8), (5, 9), (6, 30)] {
        let (status, body) = send(
            s,
            Method::PUT,
            &admin(),
            &format!("/roles/{role}/members/{user}/"),
            json!({}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
}

/// Triage (role 4, start) → Approval (role 5, escalates to 4) → Resolution (role 4, end), with a
/// Reject back-edge from Approval to Triage.
pub fn graph() -> Value {
    serde_json::json!({
        "steps": [
            {"key": "triage", "name": "Triage", "role_id": 4, "weight": 1, "is_start": true, "instruction": "Check the ticket"},
            {"key": "approve", "name": "Approval", "role_id": 5, "escalate_to_role_id": 4, "weight": 2},
            {"key": "resolve", "name": "Resolution", "role_id": 4, "weight": 1, "is_end": true}
        ],
        "transitions": [
            {"key": "submit", "from": "triage", "to": "approve", "name": "Submit"},
            {"key": "approve", "from": "approve", "to": "resolve", "name": "Approve"},
            {"key": "reject", "from": "approve", "to": "triage", "name": "Reject"}
        ]
    })
}

/// Creates and publishes a workflow for IT Department / IT Support (/ `sub_category`).
pub async fn published_workflow(s: &TestService, sub_category: Option<&str>) -> i64 {
    use reqwest::Method;
    let (status, w) = send(s, Method::POST, &admin(), "/workflows/", serde_json::json!({
        "name": format!("Hardware {}", sub_category.unwrap_or("any")), "department": "IT Department", "category": "IT Support",
        "sub_category": sub_category, "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H",
        "graph": graph(),
    })).await;
    assert_eq!(status, 201, "{w}");
    let id = w["id"].as_i64().unwrap();
    let (status, v) = send(
        s,
        Method::POST,
        &admin(),
        &format!("/workflows/{id}/publish/"),
        serde_json::json!({}),
    )
    .await;
    assert_eq!(status, 201, "{v}");
    id
}

/// Rows of the service's database matching `sql` (a full `SELECT count(*) AS n …`).
pub async fn count(s: &TestService, sql: &str) -> i64 {
    s.db.count(sql).await
}

/// Publishes the captured reference ticket (without sub-category) and waits for its task.
/// Returns the task id and the assignee of its first item.
pub async fn ingest_reference_ticket(s: &TestService) -> (i64, i64) {
    s.vhost
        .publish(
            "TICKET_TASKS_PRODUCTION",
            &fixture("receive_ticket", |t| {
                t["sub_category"] = serde_json::json!(null)
            }),
        )
        .await;
    let page = testing::eventually("the task", std::time::Duration::from_secs(10), || async {
        let (_, page) = get(s, &admin(), "/tasks/").await;
        (page["items"].as_array().map(Vec::len) == Some(1)).then_some(page)
    })
    .await;
    // The ticket came straight from a helpdesk: its record for the ticket service goes first.
    let recorded = s.vhost.take("TICKET_STATUS_QUEUE", 1).await;
    assert_eq!(recorded[0].task, "tickets.tasks.record_ticket");
    (
        page["items"][0]["task_id"].as_i64().unwrap(),
        page["items"][0]["assignee_id"].as_i64().unwrap(),
    )
}

/// Posts a task action (`transition`, `start`, `hold`, …) to task `id`.
pub async fn act(s: &TestService, token: &str, id: i64, action: &str, body: Value) -> (u16, Value) {
    send(
        s,
        reqwest::Method::POST,
        token,
        &format!("/tasks/{id}/{action}/"),
        body,
    )
    .await
}

/// The reference ticket's task on Triage, held by 7 (8 removed from role 4).
pub async fn task_held_by_7(s: &TestService) -> i64 {
    seed_roles(s).await;
    send(
        s,
        reqwest::Method::DELETE,
        &admin(),
        "/roles/4/members/8/",
        serde_json::json!({}),
    )
    .await;
    published_workflow(s, None).await;
    let (id, assignee) = ingest_reference_ticket(s).await;
    assert_eq!(assignee, 7);
    id
}
