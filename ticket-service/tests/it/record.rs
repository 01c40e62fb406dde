//! Tickets the workflow engine received straight from a helpdesk, recorded here
//! (`tickets.tasks.record_ticket`) so they exist, with their requester, like every other ticket.

use std::time::Duration;

use serde_json::{Value, json};
use tts_shared::amqp::TaskMessage;
use tts_shared::events::{CeleryTask, HelpdeskTicket, TicketRecord, TicketStatusUpdate};
use tts_shared::testing::{HELPDESK_KEY, TestService, eventually};

use crate::{QUEUE, admin, count, create, employee, get, start};

const STATUS_QUEUE: &str = "TICKET_STATUS_QUEUE";
const NUMBER: &str = "TX20251231962083";

/// The captured Celery `receive_ticket` payload (employee 14's ticket), changed by `edit`.
pub fn helpdesk_ticket(edit: impl FnOnce(&mut Value)) -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/tests/fixtures/celery/receive_ticket.json"
    );
    let fixture: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut ticket = fixture["body"][0][0].clone();
    edit(&mut ticket);
    ticket
}

/// The record the workflow engine writes for `ticket`.
fn record(ticket: Value) -> TaskMessage {
    let ticket: HelpdeskTicket = serde_json::from_value(ticket).unwrap();
    TicketRecord(ticket).to_message()
}

pub async fn send(s: &TestService, body: &Value) -> (u16, Value) {
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

/// The ticket as `token` sees it, once it answers 200.
async fn seen_by(s: &TestService, token: &str, number: &str) -> Value {
    eventually("the recorded ticket", Duration::from_secs(10), || async {
        let (status, t) = get(s, token, &format!("/tickets/{number}/")).await;
        (status == 200).then_some(t)
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_ticket_the_engine_received_directly_is_recorded_for_its_requester_and_not_handed_back() {
    let s = start(&[]).await;
    s.vhost
        .publish(STATUS_QUEUE, &record(helpdesk_ticket(|_| {})))
        .await;
    let t = seen_by(&s, &employee(14), NUMBER).await;
    assert_eq!(t["requester"]["user_id"], 14);
    assert_eq!(t["requester"]["user_type"], "employee");
    assert_eq!(t["requester"]["email"], "juan@example.com");
    assert_eq!(t["subject"], "Laptop will not boot");
    assert_eq!(t["priority"], "High");
    assert_eq!(t["status"], "Open");
    assert_eq!(
        get(&s, &employee(15), &format!("/tickets/{NUMBER}/"))
            .await
            .0,
        404,
        "only its requester (and staff) see it"
    );
    assert_eq!(
        count(&s, "outbox_messages").await,
        0,
        "the engine has it: nothing is handed back"
    );

    // The helpdesk later sends the same ticket over HTTP: still one ticket, not handed off again.
    let (status, same) = send(&s, &helpdesk_ticket(|_| {})).await;
    assert_eq!(status, 200, "{same}");
    assert_eq!(
        (same["created"].as_bool(), same["handed_off"].as_bool()),
        (Some(false), Some(false))
    );
    assert_eq!(count(&s, "tickets").await, 1);
    assert_eq!(count(&s, "outbox_messages").await, 0);
    // A changed one is handed off (the engine updates its snapshot; it never starts a second task).
    let (_, changed) = send(&s, &helpdesk_ticket(|t| t["priority"] = json!("Critical"))).await;
    assert_eq!(changed["handed_off"], true, "{changed}");
    let handed = s.vhost.take(QUEUE, 1).await;
    assert_eq!(handed[0].args[0]["priority"], "Critical");
    assert_eq!(
        handed[0].args[0]["tts_origin"], "ticket-service",
        "the engine recognises the hand-off and does not record it back"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redelivered_record_is_applied_once_and_a_late_one_never_moves_the_ticket_backwards() {
    let s = start(&[]).await;
    let first = record(helpdesk_ticket(|_| {}));
    s.vhost.publish(STATUS_QUEUE, &first).await;
    seen_by(&s, &admin(1), NUMBER).await;
    s.vhost
        .publish(
            STATUS_QUEUE,
            &TicketStatusUpdate {
                ticket_number: NUMBER.into(),
                status: "In Progress".into(),
            }
            .to_message(),
        )
        .await;
    eventually("In Progress", Duration::from_secs(10), || async {
        let (_, t) = get(&s, &admin(1), &format!("/tickets/{NUMBER}/")).await;
        (t["status"] == "In Progress").then_some(())
    })
    .await;
    // The same message again, then a newer record of the ticket as the helpdesk first sent it
    // (status Open) with a new subject, then a marker to know both were consumed.
    s.vhost.publish(STATUS_QUEUE, &first).await;
    s.vhost
        .publish(
            STATUS_QUEUE,
            &record(helpdesk_ticket(|t| {
                t["subject"] = json!("Laptop will not boot at all")
            })),
        )
        .await;
    let t = eventually("the new subject", Duration::from_secs(10), || async {
        let (_, t) = get(&s, &admin(1), &format!("/tickets/{NUMBER}/")).await;
        (t["subject"] == "Laptop will not boot at all").then_some(t)
    })
    .await;
    assert_eq!(
        t["status"], "In Progress",
        "a record never moves the status back"
    );
    assert_eq!(count(&s, "tickets").await, 1);
    assert_eq!(
        count(&s, "audit_events WHERE action = 'ticket.recorded'").await,
        2,
        "created once, changed once; the duplicate changed nothing"
    );
    assert_eq!(count(&s, "outbox_messages").await, 0);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_record_the_api_would_refuse_is_made_acceptable_and_one_without_a_number_is_dead_lettered()
 {
    let s = start(&[]).await;
    s.vhost
        .publish(
            STATUS_QUEUE,
            &record(helpdesk_ticket(|t| {
                t["subject"] = json!("  ");
                t["priority"] = json!("Urgent");
                t["status"] = json!("Cancelled");
                t["dynamic_data"] = json!([1, 2]);
            })),
        )
        .await;
    let t = seen_by(&s, &employee(14), NUMBER).await;
    assert_eq!(
        (
            t["subject"].as_str(),
            t["priority"].as_str(),
            t["status"].as_str()
        ),
        (Some("(no subject)"), Some("Medium"), Some("Open"))
    );
    assert_eq!(t["data"], json!({"dynamic_data": [1, 2]}));

    let nameless = record(helpdesk_ticket(|t| {
        let map = t.as_object_mut().unwrap();
        for k in ["ticket_number", "id"] {
            map.remove(k);
        }
    }));
    s.vhost.publish(STATUS_QUEUE, &nameless).await;
    let dead = s.vhost.take("TICKET_STATUS_QUEUE.dlq", 1).await;
    assert_eq!(dead[0].id, nameless.id);
    assert_eq!(count(&s, "tickets").await, 1);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_record_of_a_ticket_created_here_changes_nothing() {
    let s = start(&[]).await;
    let (_, t) = create(&s, &employee(11), json!({"subject": "Created here"})).await;
    let number = t["ticket_number"].as_str().unwrap().to_string();
    s.vhost.take(QUEUE, 1).await;
    // An echo of this service's own hand-off (as one sent before hand-offs were marked would be).
    let echo = record(helpdesk_ticket(|t| {
        t["ticket_number"] = json!(number);
        t["subject"] = json!("Someone else's subject");
    }));
    s.vhost.publish(STATUS_QUEUE, &echo).await;
    eventually(
        "the echo to be consumed",
        Duration::from_secs(10),
        || async { (count(&s, "processed_messages").await == 1).then_some(()) },
    )
    .await;
    let (_, after) = get(&s, &employee(11), &format!("/tickets/{number}/")).await;
    assert_eq!(after["subject"], "Created here");
    assert_eq!(after["requester"]["user_id"], 11);
    assert_eq!(
        count(&s, "audit_events WHERE action = 'ticket.recorded'").await,
        0
    );
    s.finish().await;
}
