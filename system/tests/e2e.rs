//! The whole system, from its four binaries: a ticket from a Celery helpdesk and one over HTTP are
//! assigned, notified in the app and by e-mail, discussed live, worked through a workflow with a
//! back-edge and an escalation, resolved in the ticket service, reported to an end-logic receiver
//! and counted by analytics.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use tts_shared::testing::{self, WsClient, eventually};
use tts_system::{
    ADMIN, AGENT, END_LOGIC_SECRET, Receiver, SPECIALIST, System, call, employee_token as employee,
    staff_token as staff,
};

const WAIT: Duration = Duration::from_secs(30);
const REQUESTER: i64 = 500;

#[tokio::test(flavor = "multi_thread")]
async fn tickets_go_from_helpdesk_to_resolved_through_every_service() {
    let sys = System::start(&[]).await;
    let receiver = Receiver::start().await;
    let http = testing::http_client();
    let admin = staff(ADMIN, "tts:Admin");
    let agent = staff(AGENT, "tts:Agent");
    let specialist = staff(SPECIALIST, "tts:Agent");
    let wf = |path: &str| sys.workflow.url(path);
    sys.seed(Some(&receiver.url)).await;

    let mut inbox = WsClient::open(
        &sys.notifications
            .ws_url(&format!("/ws/notifications/?token={agent}")),
    )
    .await;
    inbox.next_of("unread_count", WAIT).await;
    // A helpdesk's Celery app hands one ticket straight to the workflow engine…
    let mut helpdesk_ticket: Value = serde_json::from_str::<Value>(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/tests/fixtures/celery/receive_ticket.json"
        ))
        .unwrap(),
    )
    .unwrap()["body"][0][0]
        .clone();
    helpdesk_ticket["ticket_number"] = json!("TX-HELPDESK-0001");
    helpdesk_ticket["category"] = json!("Hardware");
    helpdesk_ticket["sub_category"] = Value::Null;
    let sent = tokio::process::Command::new(testing::celery_python())
        .arg(testing::celery_app())
        .args([
            "send",
            "tickets.tasks.receive_ticket",
            "TICKET_TASKS_PRODUCTION",
        ])
        .arg(json!([helpdesk_ticket]).to_string())
        .arg("{}")
        .env("TTS_CELERY_BROKER_URL", sys.vhost.amqp_url())
        .output()
        .await
        .expect("celery runs");
    assert!(
        sent.status.success(),
        "celery send: {}",
        String::from_utf8_lossy(&sent.stderr)
    );

    // …and a person submits another over HTTP.
    let (status, ticket) = call(&http, Method::POST, &employee(REQUESTER), sys.tickets.url("/tickets/"), json!({
        "subject": "Monitor flickers", "description": "Since this morning", "department": "IT Department",
        "category": "Hardware", "priority": "High",
    })).await;
    assert_eq!(status, 201, "{ticket}");
    let number = ticket["ticket_number"].as_str().unwrap().to_string();

    // Both are assigned to the agent, who is told in the app (live) and by e-mail.
    let mine = eventually("both tasks", WAIT, || async {
        let (_, page) = call(&http, Method::GET, &agent, wf("/tasks/mine/"), Value::Null).await;
        let items = page["items"].as_array()?.clone();
        (items.len() == 2).then_some(items)
    })
    .await;
    let mut told = vec![];
    while told.len() < 2 {
        let frame = inbox.next_of("notification.created", WAIT).await;
        assert_eq!(
            frame["notification"]["notification_type"], "task_assignment",
            "{frame}"
        );
        told.push(
            frame["notification"]["related_ticket_number"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    told.sort();
    let mut expected = vec!["TX-HELPDESK-0001".to_string(), number.clone()];
    expected.sort();
    assert_eq!(told, expected);
    // The assignee is e-mailed about both tasks (the requesters hear of their tickets too).
    let to_agent = eventually("two e-mails to the assignee", WAIT, || async {
        let mail: Vec<String> = sys
            .smtp
            .messages()
            .into_iter()
            .filter(|m| m.contains("X-RcptTo: agent@example.com"))
            .collect();
        (mail.len() >= 2).then_some(mail)
    })
    .await;
    assert!(
        to_agent.iter().all(|m| m.contains("New task")),
        "{to_agent:?}"
    );

    // The ticket the helpdesk gave the engine directly is in the ticket service too, with its
    // requester (employee 14 in the helpdesk's message), whose thread is theirs to read.
    let celery_requester = employee(14);
    let seen = eventually("the Celery ticket in the ticket service", WAIT, || async {
        let (status, body) = call(
            &http,
            Method::GET,
            &celery_requester,
            sys.tickets.url("/tickets/TX-HELPDESK-0001/"),
            Value::Null,
        )
        .await;
        (status == 200).then_some(body)
    })
    .await;
    assert_eq!(seen["requester"]["user_id"], 14, "{seen}");
    let (status, thread_page) = call(
        &http,
        Method::GET,
        &celery_requester,
        sys.messaging.url("/tickets/TX-HELPDESK-0001/comments/"),
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{thread_page}");

    // The assignee comments; the requester watching the ticket's thread sees it live.
    let mut thread = WsClient::open(&sys.messaging.ws_url(&format!(
        "/ws/tickets/{number}/?token={}",
        employee(REQUESTER)
    )))
    .await;
    thread.next_of("ready", WAIT).await;
    let (status, posted) = call(
        &http,
        Method::POST,
        &agent,
        sys.messaging.url(&format!("/tickets/{number}/comments/")),
        json!({"body": "Swapping the cable first"}),
    )
    .await;
    assert_eq!(status, 201, "{posted}");
    let seen = thread.next_of("comment.created", WAIT).await;
    assert_eq!(seen["seq"], posted["seq"]);
    assert_eq!(seen["comment"]["body"], "Swapping the cable first");

    // Through the workflow: forward, back, escalated, forward, to the end.
    let task = mine
        .iter()
        .find(|t| t["ticket_number"] == number.as_str())
        .and_then(|t| t["task_id"].as_i64())
        .expect("the HTTP ticket's task");
    let act = |token: String, action: &'static str, body: Value| {
        let http = http.clone();
        let url = wf(&format!("/tasks/{task}/{action}/"));
        async move {
            let (status, answer) = call(&http, Method::POST, &token, url, body).await;
            assert_eq!(status, 200, "{action}: {answer}");
            answer
        }
    };
    act(
        agent.clone(),
        "transition",
        json!({"transition_id": "to_repair", "notes": "Cable checked"}),
    )
    .await;
    act(
        agent.clone(),
        "transition",
        json!({"transition_id": "needs_info", "notes": "Which monitor model?"}),
    )
    .await;
    act(
        agent.clone(),
        "escalate",
        json!({"reason": "Looks like a GPU fault"}),
    )
    .await;
    act(
        specialist.clone(),
        "transition",
        json!({"transition_id": "to_repair", "notes": "Replace the GPU"}),
    )
    .await;
    act(
        agent.clone(),
        "transition",
        json!({"transition_id": "repaired", "notes": "GPU replaced"}),
    )
    .await;
    let done = act(agent.clone(), "finalize", json!({"notes": "Working again"})).await;
    assert_eq!(done["status"], "completed", "{done}");

    // The ticket service hears it is resolved.
    eventually("the ticket to be Resolved", WAIT, || async {
        let (_, t) = call(
            &http,
            Method::GET,
            &employee(REQUESTER),
            sys.tickets.url(&format!("/tickets/{number}/")),
            Value::Null,
        )
        .await;
        (t["status"] == "Resolved").then_some(())
    })
    .await;

    // One signed callback, delivered on the first try.
    let deliveries = eventually("the end-logic delivery", WAIT, || async {
        let (_, d) = call(
            &http,
            Method::GET,
            &admin,
            wf("/end-logic/deliveries/?status=succeeded"),
            Value::Null,
        )
        .await;
        let items = d["items"].as_array()?.clone();
        (!items.is_empty()).then_some(items)
    })
    .await;
    assert_eq!(deliveries.len(), 1, "{deliveries:?}");
    let callbacks = receiver.received();
    assert_eq!(callbacks.len(), 1);
    assert!(
        callbacks[0].signed_with(END_LOGIC_SECRET),
        "the signature verifies"
    );
    let body: Value = serde_json::from_slice(&callbacks[0].body).unwrap();
    assert_eq!(body["ticket"]["ticket_number"], number.as_str(), "{body}");

    // Analytics: one task completed, within its SLA.
    let (status, dashboard) = call(
        &http,
        Method::GET,
        &admin,
        wf("/analytics/dashboard/"),
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{dashboard}");
    assert_eq!(dashboard["completed"]["count"], 1, "{dashboard}");
    assert_eq!(dashboard["met"]["count"], 1, "{dashboard}");
    assert_eq!(dashboard["breached"]["count"], 0, "{dashboard}");
    assert_eq!(dashboard["escalated"]["count"], 1, "{dashboard}");
    sys.finish().await;
}
