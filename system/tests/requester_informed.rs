//! The issue's acceptance: the requester of a ticket resolved through three steps is told exactly
//! that it was received, of every public staff reply, and that it was resolved — in the app and by
//! e-mail (a real SMTP server), the e-mails in one thread — and never of an internal note.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use tts_shared::auth::{Claims, UserType, issue_hs256};
use tts_shared::config::DEVELOPMENT_JWT_SECRET;
use tts_shared::testing::{self, eventually};
use tts_system::{AGENT, System, call, staff_token as staff};

const WAIT: Duration = Duration::from_secs(30);
const REQUESTER: i64 = 500;
const ADDRESS: &str = "juan@example.com";
const NOTE: &str = "Out of warranty; we pay for it ourselves";

/// The requester's token, carrying their e-mail address (the ticket keeps it).
fn requester() -> String {
    let mut claims = Claims::access(REQUESTER, UserType::Employee, vec![], 3600);
    claims.email = Some(ADDRESS.into());
    issue_hs256(DEVELOPMENT_JWT_SECRET, &claims)
}

/// One header of a raw e-mail (folded lines joined), from the header block only.
fn header(raw: &str, name: &str) -> Option<String> {
    let head = raw.split("\r\n\r\n").next().unwrap_or(raw);
    let mut lines = head.lines().peekable();
    while let Some(line) = lines.next() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if key.eq_ignore_ascii_case(name) {
            let mut value = value.trim().to_string();
            while let Some(next) = lines.peek().filter(|l| l.starts_with([' ', '\t'])) {
                value.push(' ');
                value.push_str(next.trim());
                lines.next();
            }
            return Some(value);
        }
    }
    None
}

/// An e-mail's body with quoted-printable soft line breaks undone.
fn unwrapped(raw: &str) -> String {
    raw.replace("=\r\n", "").replace("=\n", "")
}

/// What the requester was told, each sorted: in-app notification types, and what each e-mail to
/// their address is about (by its subject).
#[derive(Debug, Clone, Default, PartialEq)]
struct Told {
    in_app: Vec<String>,
    emails: Vec<String>,
}

fn about(subject: &str) -> String {
    if subject.contains("received") {
        "received".into()
    } else if subject.contains("New comment") {
        "comment".into()
    } else if subject.contains("resolved") {
        "resolved".into()
    } else {
        subject.into()
    }
}

async fn told(sys: &System, http: &reqwest::Client) -> (Told, Vec<String>, Vec<Value>) {
    let (_, page) = call(
        http,
        Method::GET,
        &requester(),
        sys.notifications.url("/notifications/?limit=200"),
        Value::Null,
    )
    .await;
    let items = page["items"].as_array().cloned().unwrap_or_default();
    let mut in_app: Vec<String> = items
        .iter()
        .map(|n| {
            n["notification_type"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    in_app.sort();
    let mail: Vec<String> = sys
        .smtp
        .messages()
        .into_iter()
        .filter(|m| header(m, "To").is_some_and(|to| to.contains(ADDRESS)))
        .collect();
    let mut emails: Vec<String> = mail
        .iter()
        .map(|m| about(&header(m, "Subject").unwrap_or_default()))
        .collect();
    emails.sort();
    (Told { in_app, emails }, mail, items)
}

/// Nothing more is on its way: every service's outbox is published and the notification queues
/// are empty.
async fn settled(sys: &System) -> bool {
    for db in 0..4 {
        let unpublished = sys
            .database(db)
            .count("SELECT count(*) AS n FROM outbox_messages WHERE published_at IS NULL")
            .await;
        if unpublished != 0 {
            return false;
        }
    }
    sys.vhost.depth("INAPP_NOTIFICATION_QUEUE").await == 0
        && sys.vhost.depth("EMAIL_NOTIFICATION_QUEUE").await == 0
}

#[tokio::test(flavor = "multi_thread")]
async fn the_requester_is_told_of_receipt_each_public_reply_and_resolution_in_app_and_by_email() {
    let sys = System::start(&[]).await;
    let http = testing::http_client();
    let agent = staff(AGENT, "tts:Agent");
    sys.seed(None).await;

    let (status, ticket) = call(
        &http,
        Method::POST,
        &requester(),
        sys.tickets.url("/tickets/"),
        json!({"subject": "Monitor flickers", "description": "Since this morning",
               "department": "IT Department", "category": "Hardware", "priority": "High"}),
    )
    .await;
    assert_eq!(status, 201, "{ticket}");
    let number = ticket["ticket_number"].as_str().unwrap().to_string();
    let task = eventually("the agent's task", WAIT, || async {
        let (_, page) = call(
            &http,
            Method::GET,
            &agent,
            sys.workflow.url("/tasks/mine/"),
            Value::Null,
        )
        .await;
        page["items"].as_array()?.first()?["task_id"].as_i64()
    })
    .await;

    let post = |body: Value| {
        let http = http.clone();
        let url = sys.messaging.url(&format!("/tickets/{number}/comments/"));
        let agent = agent.clone();
        async move {
            let (status, posted) = call(&http, Method::POST, &agent, url, body).await;
            assert_eq!(status, 201, "{posted}");
        }
    };
    let act = |action: &'static str, body: Value| {
        let http = http.clone();
        let url = sys.workflow.url(&format!("/tasks/{task}/{action}/"));
        let agent = agent.clone();
        async move {
            let (status, answer) = call(&http, Method::POST, &agent, url, body).await;
            assert_eq!(status, 200, "{action}: {answer}");
            answer
        }
    };
    // Triage: a public reply and an internal note; repair: another public reply; then done.
    post(json!({"body": "Swapping the cable first"})).await;
    post(json!({"body": NOTE, "visibility": "internal"})).await;
    act(
        "transition",
        json!({"transition_id": "to_repair", "notes": "Cable is fine"}),
    )
    .await;
    post(json!({"body": "A new graphics card is on its way"})).await;
    act(
        "transition",
        json!({"transition_id": "repaired", "notes": "Card replaced"}),
    )
    .await;
    let done = act("finalize", json!({"notes": "Working again"})).await;
    assert_eq!(done["status"], "completed", "{done}");
    eventually("the ticket to be Resolved", WAIT, || async {
        let (_, t) = call(
            &http,
            Method::GET,
            &requester(),
            sys.tickets.url(&format!("/tickets/{number}/")),
            Value::Null,
        )
        .await;
        (t["status"] == "Resolved").then_some(())
    })
    .await;

    let expected = Told {
        in_app: vec![
            "comment_added".into(),
            "comment_added".into(),
            "ticket_received".into(),
            "ticket_resolved".into(),
        ],
        emails: vec![
            "comment".into(),
            "comment".into(),
            "received".into(),
            "resolved".into(),
        ],
    };
    // Wait until everything is delivered and what was told is what is expected; on a timeout,
    // compare what was last seen, so the failure says what is missing or extra.
    let last = Arc::new(Mutex::new(Told::default()));
    let _ = tokio::time::timeout(
        WAIT,
        eventually("the requester's notifications", WAIT * 2, || async {
            let (now, _, _) = told(&sys, &http).await;
            *last.lock().unwrap() = now.clone();
            (now == expected && settled(&sys).await).then_some(())
        }),
    )
    .await;
    let seen = last.lock().unwrap().clone();
    assert_eq!(
        seen.in_app, expected.in_app,
        "in the app: received, one per public staff reply, resolved — none for the internal note"
    );
    assert_eq!(
        seen.emails, expected.emails,
        "by e-mail to {ADDRESS}, the same"
    );

    // Exactly: still so once nothing more is on its way.
    eventually("every message delivered", WAIT, || async {
        settled(&sys).await.then_some(())
    })
    .await;
    let (now, mail, items) = told(&sys, &http).await;
    assert_eq!(now, expected, "nothing more arrived");
    assert!(
        items.iter().all(|n| !n.to_string().contains(NOTE)),
        "the internal note reached the requester: {items:?}"
    );

    // One thread: every e-mail answers the ticket's thread root, each with its own Message-ID,
    // and links to the ticket's page the requester can open, never a task page.
    let root = format!("<ticket.{number}@example.com>");
    let mut ids = Vec::new();
    for email in &mail {
        assert_eq!(header(email, "In-Reply-To"), Some(root.clone()), "{email}");
        assert_eq!(header(email, "References"), Some(root.clone()), "{email}");
        assert!(
            header(email, "Subject").is_some_and(|s| s.starts_with(&format!("[{number}]"))),
            "{email}"
        );
        let body = unwrapped(email);
        assert!(
            body.contains(&format!("/tickets/{number}")),
            "a link to the ticket's page: {body}"
        );
        assert!(!body.contains("/tasks/"), "no task page: {body}");
        assert!(!body.contains(NOTE), "the internal note by e-mail: {body}");
        ids.push(header(email, "Message-ID").expect("a Message-ID"));
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 4, "each e-mail its own Message-ID: {ids:?}");
    sys.finish().await;
}
