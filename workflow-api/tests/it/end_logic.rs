//! End logic: a local receiver gets signed callbacks, retried with the same delivery id.

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

use crate::{admin, get, seed_roles, send, start};

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
    list.as_array().cloned().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_receiver_failing_three_times_gets_the_same_signed_delivery_four_times() {
    let s = start().await;
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
    let s = start().await;
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
