//! End logic: a local receiver gets signed callbacks, retried with the same delivery id. A
//! webhook may reach only public addresses unless `end_webhook_allowed_hosts` lists it; the local
//! receiver is on 127.0.0.1, so the tests that call it allow that address.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use reqwest::Method;
use serde_json::{Value, json};
use tts_shared::testing::{TestService, eventually};

use crate::{admin, get, seed_roles, send, start, start_with};

/// The service allowed to call the local receiver.
async fn start_allowing_loopback() -> TestService {
    start_with(&[("end_webhook_allowed_hosts", "127.0.0.1")]).await
}

#[derive(Clone, Default)]
struct Receiver {
    calls: Arc<Mutex<Vec<(HeaderMap, Bytes)>>>,
    failures_left: Arc<AtomicU32>,
}

impl Receiver {
    async fn start(failures: u32) -> (Receiver, String) {
        let receiver = Receiver::default();
        receiver.failures_left.store(failures, Ordering::SeqCst);
        let r = receiver.clone();
        let app = Router::new().route(
            "/hook",
            post(move |headers: HeaderMap, body: Bytes| {
                let r = r.clone();
                async move {
                    r.calls.lock().unwrap().push((headers, body));
                    let failing = r
                        .failures_left
                        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                        .is_ok();
                    if failing {
                        StatusCode::SERVICE_UNAVAILABLE
                    } else {
                        StatusCode::OK
                    }
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.ok() });
        (receiver, url)
    }

    fn calls(&self) -> Vec<(HeaderMap, Bytes)> {
        self.calls.lock().unwrap().clone()
    }
}

/// A one-step workflow calling `url` when its task is finalized; returns the finished task's id.
async fn complete_a_task(s: &TestService, url: &str) -> i64 {
    publish_webhook_workflow(s, url).await;
    finish_reference_ticket(s).await
}

/// Publishes a one-step workflow whose end action is a webhook to `url`; returns its id.
async fn publish_webhook_workflow(s: &TestService, url: &str) -> i64 {
    seed_roles(s).await;
    let (status, w) = send(s, Method::POST, &admin(), "/workflows/", json!({
        "name": "Asset handover", "department": "IT Department", "category": "IT Support",
        "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H",
        "end_action": "webhook", "end_webhook_url": url,
        "graph": {"steps": [{"key": "do", "name": "Hand over", "role_id": 4, "is_start": true, "is_end": true}], "transitions": []},
    })).await;
    assert_eq!(status, 201, "{w}");
    let id = w["id"].as_i64().unwrap();
    let (status, v) = send(
        s,
        Method::POST,
        &admin(),
        &format!("/workflows/{id}/publish/"),
        json!({}),
    )
    .await;
    assert_eq!(status, 201, "{v}");
    id
}

/// Sends the reference ticket and finalizes its task; returns the task's id.
async fn finish_reference_ticket(s: &TestService) -> i64 {
    let (task, assignee) = crate::ingest_reference_ticket(s).await;
    let (status, done) = send(
        s,
        Method::POST,
        &crate::agent(assignee),
        &format!("/tasks/{task}/finalize/"),
        json!({"notes": "handed over"}),
    )
    .await;
    assert_eq!(status, 200, "{done}");
    task
}

async fn deliveries(s: &TestService, status: &str) -> Vec<Value> {
    let (_, list) = get(
        s,
        &admin(),
        &format!("/end-logic/deliveries/?status={status}"),
    )
    .await;
    list["items"].as_array().cloned().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_receiver_failing_three_times_gets_the_same_signed_delivery_four_times() {
    let s = start_allowing_loopback().await;
    let (receiver, url) = Receiver::start(3).await;
    let task = complete_a_task(&s, &url).await;
    let delivered = eventually(
        "the delivery to succeed",
        Duration::from_secs(30),
        || async { deliveries(&s, "succeeded").await.pop() },
    )
    .await;
    assert_eq!(delivered["attempts"], 4);
    let calls = receiver.calls();
    assert_eq!(calls.len(), 4);
    let ids: Vec<&str> = calls
        .iter()
        .map(|(h, _)| h["x-tts-delivery"].to_str().unwrap())
        .collect();
    assert!(
        ids.iter()
            .all(|id| *id == delivered["id"].as_str().unwrap()),
        "{ids:?}"
    );
    for (headers, body) in &calls {
        let timestamp: i64 = headers["x-tts-timestamp"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        let expected =
            workflow_api::end_logic::signature("tts-end-logic-development-secret", timestamp, body);
        assert_eq!(
            headers["x-tts-signature"].to_str().unwrap(),
            expected,
            "the signature verifies"
        );
    }
    let payload: Value = serde_json::from_slice(&calls[0].1).unwrap();
    assert_eq!(payload["task"]["id"], task);
    assert_eq!(payload["ticket"]["ticket_number"], "TX20251231962083");
    assert_eq!(payload["timeline"][0]["status"], "resolved");
    assert_eq!(payload["workflow"]["version"], 1);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_delivery_failing_every_try_is_listed_as_failed_and_can_be_sent_again() {
    let s = start_allowing_loopback().await;
    let (receiver, url) = Receiver::start(u32::MAX).await;
    complete_a_task(&s, &url).await;
    let failed = eventually("the delivery to fail", Duration::from_secs(30), || async {
        deliveries(&s, "failed").await.pop()
    })
    .await;
    assert_eq!(failed["attempts"], 4, "first try and three retries");
    assert_eq!(failed["last_status_code"], 503);
    assert_eq!(
        s.vhost.take("WORKFLOW_TASKS_PRODUCTION.dlq", 1).await.len(),
        1
    );

    receiver.failures_left.store(0, Ordering::SeqCst);
    let id = failed["id"].as_str().unwrap();
    let (status, resent) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/end-logic/deliveries/{id}/retry/"),
        json!({}),
    )
    .await;
    assert_eq!((status, resent["status"].as_str()), (202, Some("pending")));
    let delivered = eventually("the re-sent delivery", Duration::from_secs(30), || async {
        deliveries(&s, "succeeded").await.pop()
    })
    .await;
    assert_eq!(delivered["id"], failed["id"]);
    assert_eq!(receiver.calls().len(), 5);
    let (status, _) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/end-logic/deliveries/{id}/retry/"),
        json!({}),
    )
    .await;
    assert_eq!(status, 409, "nothing to re-send");
    assert_eq!(
        send(
            &s,
            Method::POST,
            &crate::agent(7),
            &format!("/end-logic/deliveries/{id}/retry/"),
            json!({})
        )
        .await
        .0,
        403
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_end_action_without_its_endpoint_cannot_be_published() {
    let s = start().await;
    seed_roles(&s).await;
    let (_, w) = send(
        &s,
        Method::POST,
        &admin(),
        "/workflows/",
        json!({
            "name": "Budget", "department": "Finance", "category": "Purchase",
            "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H",
            "end_action": "budget", "graph": crate::graph(),
        }),
    )
    .await;
    let id = w["id"].as_i64().unwrap();
    let (status, e) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/workflows/{id}/publish/"),
        json!({}),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        e["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["message"]
                .as_str()
                .unwrap()
                .contains("end_logic_budget_url")),
        "{e}"
    );
    let (status, e) = send(&s, Method::POST, &admin(), "/workflows/", json!({
        "name": "X", "department": "D", "category": "C", "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H",
        "end_action": "fax",
    })).await;
    assert_eq!(
        (status, e["error"]["fields"][0]["field"].as_str()),
        (422, Some("end_action"))
    );
    s.finish().await;
}

fn webhook_workflow(url: &str) -> Value {
    json!({
        // Workflow names are unique: one per address.
        "name": format!("Hook {url}"), "department": "IT Department", "category": "IT Support",
        "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H",
        "end_action": "webhook", "end_webhook_url": url, "graph": crate::graph(),
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn a_webhook_to_a_non_public_address_is_refused_when_the_workflow_is_saved() {
    let s = start().await;
    for url in [
        "http://127.0.0.1:9/x",
        "http://localhost/x",
        "http://api.localhost:8080/x",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/hook",
        "http://192.168.1.10/hook",
        "http://100.100.100.200/",
        "http://0.0.0.0:8002/",
        "http://[::1]/x",
        "http://[fd00:ec2::254]/",
        "http://[::ffff:127.0.0.1]/x",
        // 127.0.0.1 in decimal: the URL parser reads it as the address it is.
        "http://2130706433/x",
        "ftp://example.com/x",
        "file:///etc/passwd",
    ] {
        let (status, e) = send(
            &s,
            Method::POST,
            &admin(),
            "/workflows/",
            webhook_workflow(url),
        )
        .await;
        assert_eq!(status, 422, "{url}: {e}");
        assert_eq!(
            e["error"]["fields"][0]["field"], "end_webhook_url",
            "{url}: {e}"
        );
    }
    let (status, w) = send(
        &s,
        Method::POST,
        &admin(),
        "/workflows/",
        webhook_workflow("https://hooks.example.com/done"),
    )
    .await;
    assert_eq!(status, 201, "a public name is accepted: {w}");
    let id = w["id"].as_i64().unwrap();
    let path = format!("/workflows/{id}/");
    let (status, e) = send(
        &s,
        Method::PATCH,
        &admin(),
        &path,
        json!({"end_webhook_url": "http://169.254.169.254/"}),
    )
    .await;
    assert_eq!(
        (status, e["error"]["fields"][0]["field"].as_str()),
        (422, Some("end_webhook_url")),
        "{e}"
    );
    let (_, w) = get(&s, &admin(), &path).await;
    assert_eq!(
        w["end_webhook_url"], "https://hooks.example.com/done",
        "unchanged"
    );

    // A draft saved while an allow-list permitted it cannot be published once it does not.
    seed_roles(&s).await;
    let mut conn = s.db.connect().await;
    diesel_async::RunQueryDsl::execute(
        diesel::sql_query(format!(
            "UPDATE workflows SET end_webhook_url = 'http://localhost:9/x' WHERE id = {id}"
        )),
        &mut conn,
    )
    .await
    .unwrap();
    let (status, e) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/workflows/{id}/publish/"),
        json!({}),
    )
    .await;
    assert_eq!(status, 422, "{e}");
    assert!(
        e["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["message"]
                .as_str()
                .unwrap()
                .starts_with("end_webhook_forbidden")),
        "{e}"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_allow_list_lets_a_webhook_reach_a_listed_address_only() {
    let s = start_with(&[("end_webhook_allowed_hosts", "127.0.0.1, receiver.internal")]).await;
    for url in ["http://127.0.0.1:9/x", "http://receiver.internal/x"] {
        let (status, w) = send(
            &s,
            Method::POST,
            &admin(),
            "/workflows/",
            webhook_workflow(url),
        )
        .await;
        assert_eq!(status, 201, "{url}: {w}");
    }
    for url in [
        "http://127.0.0.2:9/x",
        "http://localhost/x",
        "http://169.254.169.254/",
    ] {
        let (status, e) = send(
            &s,
            Method::POST,
            &admin(),
            "/workflows/",
            webhook_workflow(url),
        )
        .await;
        assert_eq!(
            (status, e["error"]["fields"][0]["field"].as_str()),
            (422, Some("end_webhook_url")),
            "{url}: {e}"
        );
    }
    s.finish().await;
}

/// The webhook's host is checked again when it is called, by what it resolves to then: here a
/// URL accepted earlier (as under an allow-list since withdrawn) whose host is `localhost`.
#[tokio::test(flavor = "multi_thread")]
async fn a_webhook_whose_host_resolves_to_loopback_is_refused_when_called_and_not_retried() {
    let s = start().await;
    let (receiver, url) = Receiver::start(0).await;
    let id = publish_webhook_workflow(&s, "https://hooks.example.com/done").await;
    let port = reqwest::Url::parse(&url).unwrap().port().unwrap();
    let mut conn = s.db.connect().await;
    diesel_async::RunQueryDsl::execute(
        diesel::sql_query(format!(
            "UPDATE workflow_versions SET end_webhook_url = 'http://localhost:{port}/hook' WHERE workflow_id = {id}"
        )),
        &mut conn,
    )
    .await
    .unwrap();
    finish_reference_ticket(&s).await;

    let failed = eventually(
        "the delivery to be refused",
        Duration::from_secs(30),
        || async { deliveries(&s, "failed").await.pop() },
    )
    .await;
    assert_eq!(failed["attempts"], 1, "refused once, not retried: {failed}");
    let error = failed["last_error"].as_str().unwrap();
    assert!(
        error.contains("`localhost` resolves to") && error.contains("loopback"),
        "{error}"
    );
    assert_eq!(failed["last_status_code"], Value::Null);
    let dead = s.vhost.take("WORKFLOW_TASKS_PRODUCTION.dlq", 1).await;
    assert_eq!(dead.len(), 1, "dead-lettered at once");
    assert!(
        receiver.calls().is_empty(),
        "nothing was sent to the loopback address"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_public_default_end_logic_secret_stops_the_start_outside_development_mode() {
    let db = tts_shared::testing::TestDatabase::not_created();
    let vhost = tts_shared::testing::TestVhost::create().await;
    let run = tokio::process::Command::new(env!("CARGO_BIN_EXE_workflow-api"))
        .env_remove("TTS_DEVELOPMENT_MODE")
        .env_remove("TTS_END_LOGIC_SECRET")
        .env(
            "TTS_JWT_SECRET",
            "a-jwt-secret-of-this-deployment-only-0123456789",
        )
        .env(
            "TTS_HTTP_ADDR",
            format!("127.0.0.1:{}", tts_shared::testing::free_port()),
        )
        .env("TTS_DATABASE_URL", &db.url)
        .env("TTS_AMQP_URL", vhost.amqp_url())
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .expect("the service stops by itself")
        .expect("the binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(
        text.contains("end_logic_secret") && text.contains("TTS_END_LOGIC_SECRET"),
        "the message names the setting: {text}"
    );
    db.drop_now().await;
    vhost.delete().await;
}
