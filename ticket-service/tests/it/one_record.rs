//! One ticket record, whatever the channel: the ticket service and the workflow engine running
//! together on one broker, a helpdesk publishing a Celery `receive_ticket` straight to the engine.

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tts_shared::Platform;
use tts_shared::amqp::TaskMessage;
use tts_shared::config::ConfigSource;
use tts_shared::events::CeleryTask;
use tts_shared::events::HelpdeskTicket;
use tts_shared::testing::{self, TestDatabase, TestService, eventually};

use crate::record::{helpdesk_ticket, send};
use crate::{QUEUE, admin, count, employee, get, start};

/// The workflow API on `tickets`' broker vhost, with a database of its own.
struct Engine {
    base: String,
    http: reqwest::Client,
    db: TestDatabase,
    platform: Platform,
}

impl Engine {
    async fn start_beside(tickets: &TestService) -> Engine {
        let db = TestDatabase::migrated(workflow_api::MIGRATIONS).await;
        let settings = testing::settings_with(&db.url, &tickets.vhost.amqp_url(), &[]);
        let platform = Platform::start(
            workflow_api::SERVICE,
            settings,
            workflow_api::MIGRATIONS,
            tokio_util::sync::CancellationToken::new(),
        )
        .await
        .expect("the workflow API starts");
        eventually(
            "the engine's broker connection",
            Duration::from_secs(30),
            || async { platform.broker().connection().map(|_| ()) },
        )
        .await;
        let source = ConfigSource::from_layers(&[], None, []).unwrap();
        let app = workflow_api::app(&platform, &source).expect("the workflow API builds");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(tts_shared::platform::serve(listener, app, platform.clone()));
        Engine {
            base,
            http: testing::http_client(),
            db,
            platform,
        }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let r = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(admin(1))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        let body: Value = r.json().await.unwrap_or(Value::Null);
        assert!(status < 300, "{path}: {status} {body}");
        body
    }

    /// A published IT Support workflow whose one step is staffed by agent 7.
    async fn with_a_workflow(&self) {
        use reqwest::Method;
        self.call(Method::PUT, "/roles/4/", json!({"name": "Asset Manager"}))
            .await;
        self.call(Method::PUT, "/roles/4/members/7/", json!({}))
            .await;
        let w = self.call(Method::POST, "/workflows/", json!({
            "name": "Hardware", "department": "IT Department", "category": "IT Support",
            "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H",
            "graph": {
                "steps": [
                    {"key": "triage", "name": "Triage", "role_id": 4, "weight": 1, "is_start": true},
                    {"key": "resolve", "name": "Resolution", "role_id": 4, "weight": 1, "is_end": true}
                ],
                "transitions": [{"key": "submit", "from": "triage", "to": "resolve", "name": "Submit"}]
            }
        })).await;
        let id = w["id"].as_i64().unwrap();
        self.call(
            Method::POST,
            &format!("/workflows/{id}/publish/"),
            json!({}),
        )
        .await;
    }

    async fn count(&self, sql: &str) -> i64 {
        self.db.count(sql).await
    }

    async fn finish(self) {
        self.platform.shutdown().await;
        self.db.drop_now().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_celery_ticket_is_visible_to_its_requester_within_a_second_and_sent_again_stays_one_ticket_one_task()
 {
    let tickets = start(&[]).await;
    let engine = Engine::start_beside(&tickets).await;
    engine.with_a_workflow().await;
    let number = "TX20251231962083";

    // The helpdesk publishes straight to TICKET_TASKS_PRODUCTION, as its Celery app does.
    let celery: HelpdeskTicket = serde_json::from_value(helpdesk_ticket(|_| {})).unwrap();
    let message = TaskMessage::new(
        HelpdeskTicket::NAME,
        vec![serde_json::to_value(&celery).unwrap()],
        Default::default(),
    );
    let published = Instant::now();
    tickets.vhost.publish(QUEUE, &message).await;
    let seen = eventually(
        "the requester to see the ticket",
        Duration::from_secs(1),
        || async {
            let (status, t) = get(&tickets, &employee(14), &format!("/tickets/{number}/")).await;
            (status == 200).then_some(t)
        },
    )
    .await;
    assert!(published.elapsed() < Duration::from_secs(1));
    assert_eq!(seen["requester"]["user_id"], 14);
    assert_eq!(seen["subject"], "Laptop will not boot");
    eventually("the engine's task", Duration::from_secs(10), || async {
        (engine.count("SELECT count(*) AS n FROM tasks").await == 1).then_some(())
    })
    .await;

    // Sent again through the ticket service: one ticket, nothing handed off, one task.
    let (status, again) = send(&tickets, &helpdesk_ticket(|_| {})).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["created"], false);
    assert_eq!(again["handed_off"], false);
    assert_eq!(count(&tickets, "tickets").await, 1);
    assert_eq!(count(&tickets, "outbox_messages").await, 0);

    // Changed, it is handed off: the engine refreshes its snapshot, starts nothing and does not
    // record back what the ticket service itself sent.
    let (_, changed) = send(
        &tickets,
        &helpdesk_ticket(|t| t["priority"] = json!("Critical")),
    )
    .await;
    assert_eq!(changed["handed_off"], true, "{changed}");
    eventually(
        "the engine's refreshed snapshot",
        Duration::from_secs(10),
        || async {
            (engine
                .count("SELECT count(*) AS n FROM tickets WHERE priority = 'Critical'")
                .await
                == 1)
                .then_some(())
        },
    )
    .await;
    assert_eq!(engine.count("SELECT count(*) AS n FROM tasks").await, 1);
    assert_eq!(
        engine
            .count("SELECT count(*) AS n FROM outbox_messages WHERE task = 'tickets.tasks.record_ticket'")
            .await,
        1,
        "only the helpdesk's direct ticket was recorded back"
    );
    assert_eq!(count(&tickets, "tickets").await, 1);
    engine.finish().await;
    tickets.finish().await;
}
