//! Beside the original helpdesk (HDTS) and auth service: the messages they publish, captured off
//! RabbitMQ (`shared/reference/original-producers/`), published exactly as captured — same queue,
//! properties and body — do what they mean.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use tts_shared::testing::{TestService, eventually};

use crate::{admin, count, get, send, start_with};

const HELPDESK_STATUS_QUEUE: &str = "ticket_status-default";
const TICKET: &str = "TX20261201364808";

/// A captured message of the original producers.
fn captured(name: &str) -> Value {
    let path = format!(
        "{}/../../shared/reference/original-producers/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
        .unwrap()
}

async fn publish_as_captured(s: &TestService, message: &Value) {
    s.vhost.publish_captured(message).await;
}

/// `message` with a new Celery id (the original producers give every send its own).
fn resent(mut message: Value, edit: impl FnOnce(&mut Value)) -> Value {
    let id = uuid::Uuid::new_v4().to_string();
    message["properties"]["headers"]["id"] = json!(id);
    message["properties"]["correlation_id"] = json!(id);
    edit(&mut message["body"][0][0]);
    message
}

async fn metric(s: &TestService, needle: &str) -> f64 {
    let text = s
        .http
        .get(s.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .filter(|l| l.contains(needle))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

/// A workflow for the captured helpdesk ticket whose steps are done by the auth service's `tts`
/// Admin role (role 1).
async fn workflow_for_the_captured_ticket(s: &TestService) {
    let (status, w) = send(s, Method::POST, &admin(), "/workflows/", json!({
        "name": "Hardware", "department": "IT Department", "category": "IT Support",
        "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H",
        "graph": {
            "steps": [
                {"key": "triage", "name": "Triage", "role_id": 1, "weight": 1, "is_start": true},
                {"key": "resolve", "name": "Resolution", "role_id": 1, "weight": 1, "is_end": true}
            ],
            "transitions": [{"key": "submit", "from": "triage", "to": "resolve", "name": "Submit"}]
        }
    }))
    .await;
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
}

async fn task_of(s: &TestService, ticket: &str) -> i64 {
    let sql = format!("SELECT count(*) AS n FROM tasks WHERE ticket_number = '{ticket}'");
    eventually(
        &format!("the task of {ticket}"),
        Duration::from_secs(15),
        || async { (count(s, &sql).await == 1).then_some(()) },
    )
    .await;
    count(
        s,
        &format!("SELECT id AS n FROM tasks WHERE ticket_number = '{ticket}'"),
    )
    .await
}

async fn owner_of(s: &TestService, ticket: &str) -> i64 {
    task_of(s, ticket).await;
    count(
        s,
        &format!("SELECT owner_id AS n FROM tasks WHERE ticket_number = '{ticket}'"),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_original_auth_and_helpdesk_work_with_tts_as_they_publish() {
    let s = start_with(&[("ticket_status_listeners", HELPDESK_STATUS_QUEUE)]).await;

    // Auth: members first — they wait on their queue, retried, until their roles arrive on the
    // other queue.
    publish_as_captured(&s, &captured("auth_sync_user_system_role_hdts")).await;
    publish_as_captured(&s, &captured("auth_sync_user_system_role_tts")).await;
    eventually("the members to wait for their roles", Duration::from_secs(10), || async {
        (metric(&s, "queue=\"tts.user_system_role.sync\",task=\"role.tasks.sync_user_system_role\",outcome=\"retried\"").await >= 2.0)
            .then_some(())
    })
    .await;
    assert_eq!(count(&s, "SELECT count(*) AS n FROM role_members").await, 0);
    publish_as_captured(&s, &captured("auth_sync_role_hdts")).await;
    publish_as_captured(&s, &captured("auth_sync_role_tts")).await;
    // A second coordinator, sent as the auth service sends any member.
    publish_as_captured(
        &s,
        &resent(captured("auth_sync_user_system_role_hdts"), |m| {
            m["user_id"] = json!(5);
            m["user_email"] = json!("colin.coord@example.com");
            m["user_full_name"] = json!("Colin Coord");
        }),
    )
    .await;
    let roles = eventually(
        "both roles with their members",
        Duration::from_secs(20),
        || async {
            let (_, coordinator) = get(&s, &admin(), "/roles/4/").await;
            let (_, tts_admin) = get(&s, &admin(), "/roles/1/").await;
            (coordinator["members"].as_array().map(Vec::len) == Some(2)
                && tts_admin["members"].as_array().map(Vec::len) == Some(1))
            .then_some((coordinator, tts_admin))
        },
    )
    .await;
    let (coordinator, tts_admin) = roles;
    assert_eq!(coordinator["name"], "Ticket Coordinator");
    assert_eq!(coordinator["system"], "hdts");
    assert_eq!(
        coordinator["members"][0]["user_email"],
        "cora.coord@example.com"
    );
    assert_eq!(tts_admin["system"], "tts");
    assert_eq!(tts_admin["members"][0]["user_id"], 1);
    let (_, listed) = get(&s, &admin(), "/roles/").await;
    let names: Vec<&str> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Admin", "Ticket Coordinator"], "{listed}");
    for queue in ["tts.role.sync.dlq", "tts.user_system_role.sync.dlq"] {
        assert_eq!(s.vhost.depth(queue).await, 0, "{queue}");
    }

    // The helpdesk's ticket starts a task, owned by an hdts coordinator; owners go round robin.
    workflow_for_the_captured_ticket(&s).await;
    publish_as_captured(&s, &captured("hdts_receive_ticket")).await;
    let task = task_of(&s, TICKET).await;
    let mut owners = vec![owner_of(&s, TICKET).await];
    for n in 2..=4 {
        let number = format!("TX2026120136480{n}");
        publish_as_captured(
            &s,
            &resent(captured("hdts_receive_ticket"), |t| {
                t["id"] = json!(n);
                t["ticket_number"] = json!(number);
            }),
        )
        .await;
        owners.push(owner_of(&s, &number).await);
    }
    assert!(
        owners == [4, 5, 4, 5] || owners == [5, 4, 5, 4],
        "coordinators 4 and 5 own tickets in turn: {owners:?}"
    );

    // The helpdesk re-sends the ticket with a higher priority: its SLA targets move.
    let (_, before) = get(&s, &admin(), &format!("/tasks/{task}/sla/")).await;
    assert_eq!(before["allowance_seconds"], 8 * 3600, "High: {before}");
    publish_as_captured(
        &s,
        &resent(captured("hdts_receive_ticket"), |t| {
            t["priority"] = json!("Critical")
        }),
    )
    .await;
    let after = eventually("the task re-targeted", Duration::from_secs(15), || async {
        let (_, view) = get(&s, &admin(), &format!("/tasks/{task}/sla/")).await;
        (view["allowance_seconds"] == 2 * 3600).then_some(view)
    })
    .await;
    let at = |v: &Value, path: &str| {
        chrono::DateTime::parse_from_rfc3339(v.pointer(path).unwrap().as_str().unwrap()).unwrap()
    };
    // Targets count from the task's and the item's start (stored a moment after the intake
    // took its clock reading), so they move by the SLA difference give or take that moment.
    let moved = |path: &str| at(&before, path) - at(&after, path);
    let about = |d: chrono::Duration, hours: i64| {
        (d - chrono::Duration::hours(hours)).abs() < chrono::Duration::seconds(1)
    };
    assert!(
        about(moved("/target_at"), 6),
        "the task is due 6 h sooner: {before} → {after}"
    );
    assert_eq!(after["items"][0]["allowance_seconds"], 3600, "half of 2 h");
    assert!(
        about(moved("/items/0/target_at"), 3),
        "the item 3 h sooner: {before} → {after}"
    );
    let (_, t) = get(&s, &admin(), &format!("/tasks/{task}/")).await;
    let actions: Vec<&str> = t["items"][0]["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"priority_changed"), "{t}");
    assert_eq!(
        count(
            &s,
            &format!("SELECT count(*) AS n FROM audit_events WHERE action = 'task.priority_changed' AND target_id = '{task}'")
        )
        .await,
        1
    );

    // A status change reaches the ticket service's queue and the helpdesk's, once each.
    let (status, moved) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/tasks/{task}/transition/"),
        json!({"transition_id": "submit", "notes": "on it"}),
    )
    .await;
    assert_eq!(status, 200, "{moved}");
    eventually(
        "the outbox to be published",
        Duration::from_secs(10),
        || async {
            (count(
                &s,
                "SELECT count(*) AS n FROM outbox_messages WHERE published_at IS NULL",
            )
            .await
                == 0)
                .then_some(())
        },
    )
    .await;
    assert_eq!(
        count(
            &s,
            "SELECT count(*) AS n FROM outbox_messages WHERE task = 'send_ticket_status'"
        )
        .await,
        1,
        "one outbox row for the one status change"
    );
    // The ticket service's queue also holds the records of tickets the helpdesk sent straight
    // to the engine (`tickets.tasks.record_ticket`); only statuses go to every listener.
    for queue in ["TICKET_STATUS_QUEUE", HELPDESK_STATUS_QUEUE] {
        let depth = s.vhost.depth(queue).await as usize;
        let statuses: Vec<_> = s
            .vhost
            .take(queue, depth)
            .await
            .into_iter()
            .filter(|m| m.task == "send_ticket_status")
            .collect();
        assert_eq!(statuses.len(), 1, "{queue} gets the status exactly once");
        assert_eq!(statuses[0].args, vec![json!(TICKET), json!("In Progress")]);
    }
    assert_eq!(s.vhost.depth(HELPDESK_STATUS_QUEUE).await, 0);
    s.finish().await;
}
