//! Hand-off to the workflow engine and the status coming back.

use std::time::Duration;

use serde_json::{Value, json};
use tts_shared::amqp::TaskMessage;
use tts_shared::events::{CeleryTask, HelpdeskTicket, TicketStatusUpdate};
use tts_shared::testing::{self, CeleryWorker, HELPDESK_KEY, TcpProxy, eventually};

use crate::{QUEUE, agent, count, create, employee, get, start, start_via};

#[tokio::test(flavor = "multi_thread")]
async fn created_ticket_is_a_celery_task_a_real_worker_executes() {
    let s = start(&[]).await;
    let worker = CeleryWorker::start(&s.vhost, QUEUE, HelpdeskTicket::NAME);
    let (_, t) = create(&s, &employee(14), json!({"subject": "Laptop will not boot", "category": "IT Support", "data": {"asset": "LT-9"}})).await;
    let executed = worker.executed(1).await;
    let ticket = &executed[0]["args"][0];
    assert_eq!(ticket["ticket_number"], t["ticket_number"]);
    assert_eq!(ticket["subject"], "Laptop will not boot");
    assert_eq!(ticket["priority"], "Medium");
    assert_eq!(ticket["employee_id"], 14);
    assert_eq!(ticket["dynamic_data"]["asset"], "LT-9");
    assert_eq!(executed[0]["kwargs"], json!({}));
    s.finish().await;
}

fn reference_ticket() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/tests/fixtures/celery/receive_ticket.json"
    );
    let fixture: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    fixture["body"][0][0].clone()
}

async fn send(s: &tts_shared::testing::TestService, body: &Value) -> (u16, Value) {
    let r = s
        .http
        .post(s.url("/tickets/send/"))
        .header("x-api-key", HELPDESK_KEY)
        .json(body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn helpdesk_ticket_is_upserted_by_number_and_handed_off_again_only_when_it_changed() {
    let s = start(&[]).await;
    let reference = reference_ticket();
    let (status, first) = send(&s, &reference).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["created"], true);
    assert_eq!(first["handed_off"], true);
    assert_eq!(first["ticket"]["ticket_number"], "TX20251231962083");
    assert_eq!(first["ticket"]["requester"]["user_id"], 14);
    assert_eq!(first["ticket"]["requester"]["user_type"], "employee");
    let handed = s.vhost.take(QUEUE, 1).await;
    let payload = &handed[0].args[0];
    assert_eq!(payload["ticket_number"], "TX20251231962083");
    assert_eq!(
        payload["employee_company_id"], "MA0014",
        "helpdesk fields passed on"
    );
    assert_eq!(payload["attachments"][0]["file_name"], "photo.jpg");

    let (status, again) = send(&s, &reference).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(
        (again["created"].as_bool(), again["handed_off"].as_bool()),
        (Some(false), Some(false))
    );
    let mut touched = reference.clone();
    touched["update_date"] = json!("2026-01-02T00:00:00+00:00");
    let (_, same) = send(&s, &touched).await;
    assert_eq!(
        same["handed_off"], false,
        "a new update_date alone is not a change"
    );

    let mut changed = reference.clone();
    changed["priority"] = json!("Critical");
    let (status, updated) = send(&s, &changed).await;
    assert_eq!(status, 200);
    assert_eq!(updated["handed_off"], true);
    assert_eq!(updated["ticket"]["priority"], "Critical");
    assert_eq!(count(&s, "tickets").await, 1, "no duplicate");
    assert_eq!(
        s.vhost.take(QUEUE, 1).await[0].args[0]["priority"],
        "Critical"
    );
    assert_eq!(s.vhost.depth(QUEUE).await, 0);

    // Who may call it.
    let person = s
        .http
        .post(s.url("/tickets/send/"))
        .bearer_auth(employee(14))
        .json(&reference)
        .send()
        .await
        .unwrap();
    assert_eq!(person.status(), 403);
    let coordinator = testing::token(
        2,
        tts_shared::auth::UserType::Staff,
        &["hdts:Ticket Coordinator"],
    );
    let ok = s
        .http
        .post(s.url("/tickets/send/"))
        .bearer_auth(coordinator)
        .json(&reference)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let mut nameless = reference.clone();
    for key in ["ticket_number", "id"] {
        nameless.as_object_mut().unwrap().remove(key);
    }
    let (status, e) = send(&s, &nameless).await;
    assert_eq!(
        (status, e["error"]["fields"][0]["field"].as_str()),
        (422, Some("ticket_number"))
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn creates_succeed_while_the_broker_is_down_and_go_out_when_it_is_back() {
    let proxy = TcpProxy::start(testing::amqp_addr()).await;
    let s = start_via(&[], Some(proxy.addr)).await;
    proxy.down();
    eventually("the service to notice", Duration::from_secs(20), || async {
        s.platform.broker().connection().is_none().then_some(())
    })
    .await;
    let mut numbers = Vec::new();
    for i in 0..20 {
        let (status, t) =
            create(&s, &employee(7), json!({"subject": format!("Offline {i}")})).await;
        assert_eq!(status, 201, "{t}");
        numbers.push(t["ticket_number"].as_str().unwrap().to_string());
    }
    assert_eq!(
        count(&s, "outbox_messages WHERE published_at IS NULL").await,
        20
    );
    proxy.up();
    let mut handed: Vec<String> = s
        .vhost
        .take(QUEUE, 20)
        .await
        .iter()
        .map(|m| m.args[0]["ticket_number"].as_str().unwrap().to_string())
        .collect();
    handed.sort();
    numbers.sort();
    assert_eq!(handed, numbers);
    eventually(
        "the outbox to be marked",
        Duration::from_secs(10),
        || async {
            (count(&s, "outbox_messages WHERE published_at IS NULL").await == 0).then_some(())
        },
    )
    .await;
    s.finish().await;
}

async fn status_of(s: &tts_shared::testing::TestService, number: &str) -> String {
    let (_, t) = get(s, &agent(1), &format!("/tickets/{number}/")).await;
    t["status"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn status_updates_apply_forward_only_and_duplicates_are_harmless() {
    let s = start(&[]).await;
    let (_, t) = create(&s, &employee(11), json!({"subject": "Status"})).await;
    let n = t["ticket_number"].as_str().unwrap().to_string();
    let queue = "TICKET_STATUS_QUEUE";
    let update = |status: &str| {
        TicketStatusUpdate {
            ticket_number: n.clone(),
            status: status.into(),
        }
        .to_message()
    };

    let in_progress = update("In Progress");
    s.vhost.publish(queue, &in_progress).await;
    eventually("In Progress", Duration::from_secs(10), || async {
        (status_of(&s, &n).await == "In Progress").then_some(())
    })
    .await;
    // Redelivery of the same message, then older news, then a marker that must apply.
    s.vhost.publish(queue, &in_progress).await;
    s.vhost.publish(queue, &update("Open")).await;
    s.vhost.publish(queue, &update("Resolved")).await;
    eventually("Resolved", Duration::from_secs(10), || async {
        (status_of(&s, &n).await == "Resolved").then_some(())
    })
    .await;
    s.vhost.publish(queue, &update("In Progress")).await;
    let unknown = TicketStatusUpdate {
        ticket_number: "TX20990101999999".into(),
        status: "Closed".into(),
    }
    .to_message();
    s.vhost.publish(queue, &unknown).await;
    let marker = update("Closed");
    s.vhost.publish(queue, &marker).await;
    eventually("Closed", Duration::from_secs(10), || async {
        (status_of(&s, &n).await == "Closed").then_some(())
    })
    .await;
    let (_, t) = get(&s, &agent(1), &format!("/tickets/{n}/")).await;
    assert_eq!(
        t["version"], 4,
        "three changes applied: In Progress, Resolved, Closed"
    );

    // A status that is not one goes to the dead-letter queue, named.
    let bogus = TaskMessage::new(
        "send_ticket_status",
        vec![json!(n), json!("Exploded")],
        Default::default(),
    );
    s.vhost.publish(queue, &bogus).await;
    let dead = s.vhost.take("TICKET_STATUS_QUEUE.dlq", 1).await;
    assert!(
        dead[0].headers["x-tts-error"]
            .as_str()
            .unwrap()
            .contains("Exploded")
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_status_on_the_status_exchange_reaches_the_ticket_service_and_every_listener_once() {
    use tts_shared::amqp::topology::TICKET_STATUS_EXCHANGE;
    let s = start(&[("ticket_status_listeners", "ticket_status-default")]).await;
    let (_, t) = create(&s, &employee(11), json!({"subject": "Status for all"})).await;
    let n = t["ticket_number"].as_str().unwrap().to_string();
    // As the workflow API's outbox relay publishes it: once, to the fanout exchange.
    let update = TicketStatusUpdate {
        ticket_number: n.clone(),
        status: "In Progress".into(),
    }
    .to_message();
    let (properties, body) = update.encode();
    s.vhost
        .publish_captured(&json!({
            "exchange": TICKET_STATUS_EXCHANGE,
            "routing_key": "TICKET_STATUS_QUEUE",
            "properties": {
                "correlation_id": update.id, "delivery_mode": 2,
                "content_type": "application/json", "content_encoding": "utf-8",
                "headers": properties.headers().as_ref().map(tts_shared::amqp::celery::table_to_json),
            },
            "body": serde_json::from_slice::<serde_json::Value>(&body).unwrap(),
        }))
        .await;
    eventually(
        "the ticket service applies it",
        Duration::from_secs(10),
        || async { (status_of(&s, &n).await == "In Progress").then_some(()) },
    )
    .await;
    let helpdesk = s.vhost.take("ticket_status-default", 1).await;
    assert_eq!(helpdesk[0].id, update.id);
    assert_eq!(helpdesk[0].args, vec![json!(n), json!("In Progress")]);
    assert_eq!(s.vhost.depth("ticket_status-default").await, 0, "once");
    assert_eq!(s.vhost.depth("TICKET_STATUS_QUEUE").await, 0);
    assert_eq!(s.vhost.depth("TICKET_STATUS_QUEUE.dlq").await, 0);
    s.finish().await;
}
