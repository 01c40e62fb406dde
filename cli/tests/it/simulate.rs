//! `tts simulate`: over AMQP it puts exactly the asked number of valid Celery tickets on the
//! queue, never faster than the rate; over HTTP it creates the tickets in the ticket service; and
//! the simulated tickets start tasks on the demo workflows.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use serde_json::Value;
use tts_shared::events::{CeleryTask, HelpdeskTicket};
use tts_shared::testing::{self, HELPDESK_KEY, TestVhost};

use crate::{get_ok, ticket_service, tts, tts_ok, workflow_api};

const QUEUE: &str = "TICKET_TASKS_PRODUCTION";

/// `TX` + `yyyymmdd` + 6 digits.
fn is_ticket_number(n: &str) -> bool {
    n.len() == 16 && n.starts_with("TX") && n[2..].chars().all(|c| c.is_ascii_digit())
}

#[tokio::test(flavor = "multi_thread")]
async fn over_amqp_exactly_n_receive_ticket_messages_reach_the_queue_at_the_rate() {
    let vhost = TestVhost::create().await;
    let began = Instant::now();
    let output = tts_ok(&[
        "simulate",
        "--via",
        "amqp",
        "--count",
        "25",
        "--rate",
        "100",
        "--seed",
        "3",
        "--amqp-url",
        &vhost.amqp_url(),
    ])
    .await;
    // 25 tickets at 100/s: the last is due 240 ms after the first, never earlier.
    assert!(began.elapsed() >= Duration::from_millis(240), "{output}");
    assert!(output.contains("25 ok, 0 failed"), "{output}");
    assert!(output.contains("p95"), "{output}");

    let messages = vhost.take(QUEUE, 25).await;
    assert_eq!(vhost.depth(QUEUE).await, 0, "exactly 25 messages");
    let mut ids = BTreeSet::new();
    let mut numbers = BTreeSet::new();
    let mut departments = BTreeSet::new();
    for message in &messages {
        assert_eq!(message.task, "tickets.tasks.receive_ticket");
        assert_eq!(message.properties.content_type, "application/json");
        assert_eq!(message.properties.delivery_mode, 2);
        assert_eq!(message.properties.correlation_id, message.id);
        assert_eq!(message.headers["id"], message.id.as_str());
        assert_eq!(message.args.len(), 1, "the ticket is args[0]");
        let ticket = HelpdeskTicket::from_message(message).expect("a valid helpdesk ticket");
        let number = ticket.number().unwrap();
        assert!(is_ticket_number(&number), "{number}");
        assert!(!ticket.subject.is_empty());
        assert!(
            ["Low", "Medium", "High", "Critical"].contains(&ticket.priority_or_default()),
            "{ticket:?}"
        );
        assert_eq!(ticket.status.as_deref(), Some("Open"));
        let employee = ticket.employee.as_ref().expect("the requester");
        assert_eq!(employee.email, ticket.employee_email);
        ids.insert(message.id.clone());
        numbers.insert(number);
        departments.insert(ticket.department.clone().unwrap());
    }
    assert_eq!(ids.len(), 25, "every message has its own id");
    assert_eq!(numbers.len(), 25, "every ticket has its own number");
    assert!(departments.len() >= 2, "tickets vary: {departments:?}");
    vhost.delete().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn simulated_tickets_start_tasks_on_the_demo_workflows_and_skip_inactive_members() {
    let s = workflow_api().await;
    let amqp = s.vhost.amqp_url();
    tts_ok(&["demo", "--workflow-url", &s.base, "--amqp-url", &amqp]).await;
    tts_ok(&[
        "simulate",
        "--count",
        "30",
        "--rate",
        "200",
        "--seed",
        "11",
        "--amqp-url",
        &amqp,
    ])
    .await;

    let items = testing::eventually("a task for every ticket", Duration::from_secs(30), || {
        let s = &s;
        async move {
            let page = get_ok(s, "/tasks/?limit=200").await;
            let items = page["items"].as_array()?.clone();
            (items.len() == 30).then_some(items)
        }
    })
    .await;
    let waiting = get_ok(&s, "/tickets/?allocated=false").await;
    assert_eq!(waiting["items"], Value::Array(vec![]), "no ticket waits");
    let workflows: BTreeSet<i64> = items
        .iter()
        .map(|i| i["workflow_id"].as_i64().unwrap())
        .collect();
    assert!(workflows.len() >= 2, "several workflows take tickets");
    for item in &items {
        let assignee = item["assignee_id"].as_i64().unwrap();
        assert!(
            assignee != 14 && assignee != 53,
            "inactive members get no work: {item}"
        );
    }
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn over_http_the_requesters_create_n_tickets_in_the_ticket_service() {
    let s = ticket_service().await;
    let output = tts_ok(&[
        "simulate",
        "--via",
        "http",
        "--ticket-url",
        &s.base,
        "--count",
        "12",
        "--rate",
        "100",
        "--seed",
        "5",
    ])
    .await;
    assert!(output.contains("12 ok, 0 failed"), "{output}");
    assert!(output.contains("latency   p50"), "{output}");

    let page = get_ok(&s, "/tickets/?limit=200").await;
    let tickets = page["items"].as_array().unwrap();
    assert_eq!(tickets.len(), 12, "{page}");
    let mut departments = BTreeSet::new();
    for t in tickets {
        assert_eq!(t["source"], "api");
        assert_eq!(t["requester"]["user_type"], "employee");
        let requester = t["requester"]["user_id"].as_i64().unwrap();
        assert!((501..=508).contains(&requester), "{t}");
        assert!(is_ticket_number(t["ticket_number"].as_str().unwrap()));
        departments.insert(t["department"].as_str().unwrap().to_string());
    }
    assert!(departments.len() >= 2, "{departments:?}");
    // Each was handed to the workflow engine.
    let handed_off = s.vhost.take(QUEUE, 12).await;
    assert!(
        handed_off
            .iter()
            .all(|m| m.task == "tickets.tasks.receive_ticket")
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn over_http_with_the_api_key_the_helpdesk_sends_its_numbered_tickets() {
    let s = ticket_service().await;
    let output = tts_ok(&[
        "simulate",
        "--via",
        "http",
        "--api-key",
        HELPDESK_KEY,
        "--ticket-url",
        &s.base,
        "--count",
        "8",
        "--rate",
        "50",
    ])
    .await;
    assert!(output.contains("8 ok, 0 failed"), "{output}");
    let page = get_ok(&s, "/tickets/?limit=200").await;
    let tickets = page["items"].as_array().unwrap();
    assert_eq!(tickets.len(), 8, "{page}");
    assert!(tickets.iter().all(|t| t["source"] == "helpdesk"), "{page}");

    // A wrong key: every ticket fails, the report says why, and the command fails.
    let refused = tts(&[
        "simulate",
        "--via",
        "http",
        "--api-key",
        "not-the-helpdesk-key-000",
        "--ticket-url",
        &s.base,
        "--count",
        "3",
        "--rate",
        "50",
    ])
    .await;
    let stdout = String::from_utf8_lossy(&refused.stdout);
    assert!(!refused.status.success(), "{stdout}");
    assert!(stdout.contains("0 ok, 3 failed"), "{stdout}");
    assert!(stdout.contains("3 × HTTP 401 Unauthorized"), "{stdout}");
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("3 of 3 tickets failed"),
        "{refused:?}"
    );
    let page = get_ok(&s, "/tickets/?limit=200").await;
    assert_eq!(page["items"].as_array().unwrap().len(), 8);
    s.finish().await;
}
