//! Waiting states that pause the SLA, the requester's reply and the first response, withdrawn
//! tickets that stop the work, and the requester kept informed.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde_json::{Value, json};
use tts_shared::amqp::TaskMessage;
use tts_shared::events::{CeleryTask, CommentPosted, InappNotification, TicketStatusUpdate};
use tts_shared::testing::{TestService, eventually};
use workflow_api::store::{tasks as task_store, workflows};
use workflow_api::{AppState, WorkflowSettings, sla};

use crate::{act, admin, agent, count, fixture, get, published_workflow, seed_roles, send};

const WAIT: Duration = Duration::from_secs(10);

async fn start() -> TestService {
    // The background sweeper stays out of the way; the test sweeps at times it chooses.
    crate::start_with(&[("sla_sweep_interval_ms", "3600000")]).await
}

/// [`crate::task_held_by_7`], with the assignment notice and the requester's `ticket_received`
/// taken off the queue.
async fn task_held_by_7(s: &TestService) -> i64 {
    let id = crate::task_held_by_7(s).await;
    s.vhost.take("INAPP_NOTIFICATION_QUEUE", 2).await;
    id
}

fn actions(task: &Value) -> Vec<&str> {
    task["available_actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect()
}

fn statuses(messages: &[TaskMessage]) -> Vec<String> {
    messages
        .iter()
        .map(|m| TicketStatusUpdate::from_message(m).unwrap().status)
        .collect()
}

/// Queued requester notifications of `kind`.
async fn requester_notices(s: &TestService, kind: &str) -> i64 {
    count(
        s,
        &format!(
            "SELECT count(*) AS n FROM outbox_messages
              WHERE task = 'notifications.create_inapp_notification' AND message::text LIKE '%\"{kind}\"%'"
        ),
    )
    .await
}

fn comment(
    id: i64,
    author_type: &str,
    visibility: &str,
    by_requester: bool,
    at: DateTime<Utc>,
) -> TaskMessage {
    CommentPosted {
        ticket_number: "TX20251231962083".into(),
        comment_id: id,
        author_id: if by_requester { 14 } else { 7 },
        author_type: author_type.into(),
        visibility: visibility.into(),
        by_requester,
        posted_at: at,
    }
    .to_message()
}

/// Publishes a `comment_posted` as messaging does and waits until the engine has handled it.
async fn post_comment(s: &TestService, message: &TaskMessage) {
    let before = count(
        s,
        "SELECT count(*) AS n FROM processed_messages WHERE task = 'workflow.tasks.comment_posted'",
    )
    .await;
    s.vhost.publish("WORKFLOW_TASKS_PRODUCTION", message).await;
    eventually("the comment to be handled", WAIT, || async {
        (count(
            s,
            "SELECT count(*) AS n FROM processed_messages WHERE task = 'workflow.tasks.comment_posted'",
        )
        .await
            > before)
            .then_some(())
    })
    .await;
}

async fn open_pauses(s: &TestService) -> i64 {
    count(
        s,
        "SELECT count(*) AS n FROM task_pauses WHERE ended_at IS NULL",
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn an_assignee_puts_the_ticket_pending_with_notes_and_back_and_the_targets_move_by_the_pause()
{
    let s = start().await;
    let id = task_held_by_7(&s).await;
    let mut conn = s.db.connect().await;
    let task_before = task_store::find(&mut conn, id).await.unwrap().unwrap();
    let item_before = task_store::items(&mut conn, id).await.unwrap().remove(0);

    let (_, t) = get(&s, &agent(7), &format!("/tasks/{id}/")).await;
    assert!(actions(&t).contains(&"hold"), "{t}");
    assert!(t["waiting"].is_null(), "{t}");
    let pending = json!({"status": "Pending", "notes": "Please send the laptop's serial number"});
    assert_eq!(
        act(&s, &agent(9), id, "hold", pending.clone()).await.0,
        403,
        "not 9's"
    );
    assert_eq!(
        act(
            &s,
            &agent(7),
            id,
            "hold",
            json!({"status": "Sleeping", "notes": "x"})
        )
        .await
        .0,
        422
    );
    // Every problem at once, each naming its field.
    let (status, e) = act(
        &s,
        &agent(7),
        id,
        "hold",
        json!({"status": "Paused", "notes": " "}),
    )
    .await;
    assert_eq!(status, 422, "{e}");
    let fields: Vec<&str> = tts_shared::testing::error_fields(&e);
    assert_eq!(fields, ["status", "notes"], "{e}");
    let (status, e) = act(&s, &agent(7), id, "resume", json!({})).await;
    assert_eq!(status, 409, "not waiting: {e}");

    let (status, t) = act(&s, &agent(7), id, "hold", pending.clone()).await;
    assert_eq!(status, 200, "{t}");
    assert_eq!(t["waiting"], "Pending");
    assert!(
        actions(&t).contains(&"resume") && !actions(&t).contains(&"hold"),
        "{t}"
    );
    assert_eq!(
        act(&s, &agent(7), id, "hold", pending).await.0,
        409,
        "already Pending"
    );
    // The ticket service hears In Progress (the first action) and then Pending.
    let sent = s.vhost.take("TICKET_STATUS_QUEUE", 2).await;
    assert_eq!(statuses(&sent), vec!["In Progress", "Pending"]);
    // The requester is told, with the agent's notes, at the ticket's address.
    let notice = s.vhost.take("INAPP_NOTIFICATION_QUEUE", 1).await;
    let notice = InappNotification::from_message(&notice[0]).unwrap();
    assert_eq!(
        (
            notice.user_id,
            notice.user_type.as_str(),
            notice.notification_type.as_str()
        ),
        (14, "employee", "ticket_pending")
    );
    assert_eq!(notice.message, "Please send the laptop's serial number");
    assert_eq!(notice.email.as_deref(), Some("juan@example.com"));
    assert_eq!(
        notice.related_ticket_number.as_deref(),
        Some("TX20251231962083")
    );
    assert_eq!(notice.metadata["task_id"], id);
    let (_, tickets) = get(&s, &agent(7), "/tasks/mine/").await;
    assert_eq!(tickets["items"][0]["sla_state"], "paused", "{tickets}");
    assert_eq!(tickets["items"][0]["ticket_status"], "Pending", "{tickets}");

    let (status, t) = act(
        &s,
        &agent(7),
        id,
        "resume",
        json!({"notes": "serial received by phone"}),
    )
    .await;
    assert_eq!(status, 200, "{t}");
    assert!(t["waiting"].is_null(), "{t}");
    assert_eq!(
        statuses(&s.vhost.take("TICKET_STATUS_QUEUE", 1).await),
        vec!["In Progress"]
    );

    // The targets moved by exactly the working time the ticket waited.
    let (started, ended): (DateTime<Utc>, DateTime<Utc>) = {
        use diesel::prelude::*;
        use diesel_async::RunQueryDsl;
        use workflow_api::schema::task_pauses;
        let (started, ended): (DateTime<Utc>, Option<DateTime<Utc>>) = task_pauses::table
            .select((task_pauses::started_at, task_pauses::ended_at))
            .first(&mut conn)
            .await
            .unwrap();
        (started, ended.unwrap())
    };
    let version = workflows::version(&mut conn, task_before.workflow_id, task_before.version)
        .await
        .unwrap()
        .unwrap();
    let paused = sla::between(version.calendar().as_ref(), started, ended);
    assert!(paused > chrono::Duration::zero());
    let task_after = task_store::find(&mut conn, id).await.unwrap().unwrap();
    let item_after = task_store::items(&mut conn, id).await.unwrap().remove(0);
    assert_eq!(item_after.target_at - item_before.target_at, paused);
    assert_eq!(task_after.target_at - task_before.target_at, paused);

    let history: Vec<(&str, &str)> = t["items"][0]["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["action"].as_str().unwrap(), h["notes"].as_str().unwrap()))
        .collect();
    assert_eq!(
        history[1],
        ("hold", "Pending: Please send the laptop's serial number")
    );
    assert_eq!(
        history[2],
        ("resume", "Pending ended: serial received by phone")
    );
    assert_eq!(
        count(
            &s,
            "SELECT count(*) AS n FROM audit_events WHERE action IN ('task.hold', 'task.resume')"
        )
        .await,
        2
    );
    // On Hold is internal waiting: the requester hears nothing of it.
    let (status, t) = act(
        &s,
        &admin(),
        id,
        "hold",
        json!({"status": "On Hold", "notes": "waiting for the vendor"}),
    )
    .await;
    assert_eq!(
        (status, t["waiting"].as_str()),
        (200, Some("On Hold")),
        "{t}"
    );
    assert_eq!(requester_notices(&s, "ticket_pending").await, 1);
    assert_eq!(
        statuses(&s.vhost.take("TICKET_STATUS_QUEUE", 1).await),
        vec!["On Hold"]
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_requesters_reply_resumes_a_pending_ticket_and_the_first_public_staff_reply_is_recorded_once()
 {
    let s = start().await;
    let id = task_held_by_7(&s).await;
    let at = |minutes: i64| Utc::now() + chrono::Duration::minutes(minutes);

    // An internal note is not a response.
    post_comment(&s, &comment(1, "staff", "internal", false, at(0))).await;
    assert_eq!(first_response(&s, id).await, None);
    let replied = at(1);
    post_comment(&s, &comment(2, "staff", "public", false, replied)).await;
    let recorded = first_response(&s, id)
        .await
        .expect("the first public reply by staff");
    assert_eq!(
        DateTime::parse_from_rfc3339(&recorded).unwrap(),
        replied.trunc_subsecs_micro()
    );
    post_comment(&s, &comment(3, "staff", "public", false, at(5))).await;
    assert_eq!(
        first_response(&s, id).await,
        Some(recorded),
        "a second reply does not move it"
    );

    let (status, t) = act(
        &s,
        &agent(7),
        id,
        "hold",
        json!({"status": "Pending", "notes": "Which floor?"}),
    )
    .await;
    assert_eq!(status, 200, "{t}");
    s.vhost.take("TICKET_STATUS_QUEUE", 2).await;
    // Staff writing on a Pending ticket does not end the wait.
    post_comment(&s, &comment(4, "staff", "public", false, at(6))).await;
    assert_eq!(open_pauses(&s).await, 1);
    // The requester's reply does.
    post_comment(&s, &comment(5, "employee", "public", true, at(7))).await;
    assert_eq!(open_pauses(&s).await, 0);
    assert_eq!(
        statuses(&s.vhost.take("TICKET_STATUS_QUEUE", 1).await),
        vec!["In Progress"]
    );
    let (_, t) = get(&s, &agent(7), &format!("/tasks/{id}/")).await;
    assert!(t["waiting"].is_null(), "{t}");
    let last = t["items"][0]["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["action"], "requester_replied", "{last}");

    // On Hold waits on someone else: the requester's reply leaves it waiting.
    act(
        &s,
        &agent(7),
        id,
        "hold",
        json!({"status": "On Hold", "notes": "vendor"}),
    )
    .await;
    post_comment(&s, &comment(6, "employee", "public", true, at(8))).await;
    assert_eq!(open_pauses(&s).await, 1);
    s.finish().await;
}

async fn first_response(s: &TestService, id: i64) -> Option<String> {
    let (_, t) = get(s, &agent(7), &format!("/tasks/{id}/")).await;
    t["first_response_at"].as_str().map(str::to_string)
}

trait Micro {
    fn trunc_subsecs_micro(self) -> DateTime<Utc>;
}

impl Micro for DateTime<Utc> {
    /// PostgreSQL keeps microseconds.
    fn trunc_subsecs_micro(self) -> DateTime<Utc> {
        chrono::SubsecRound::trunc_subsecs(self, 6)
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_withdrawn_ticket_ends_its_task_closes_its_items_and_tells_the_assignees() {
    let s = start().await;
    let id = task_held_by_7(&s).await;
    let (status, t) = act(
        &s,
        &agent(7),
        id,
        "hold",
        json!({"status": "On Hold", "notes": "vendor"}),
    )
    .await;
    assert_eq!(status, 200, "{t}");
    let mut conn = s.db.connect().await;
    let item = task_store::items(&mut conn, id).await.unwrap().remove(0);

    s.vhost
        .publish(
            "TICKET_TASKS_PRODUCTION",
            &fixture("receive_ticket", |t| {
                t["sub_category"] = json!(null);
                t["status"] = json!("Withdrawn");
            }),
        )
        .await;
    let t = eventually("the task to end", WAIT, || async {
        let (_, t) = get(&s, &agent(7), &format!("/tasks/{id}/")).await;
        (t["status"] == "withdrawn").then_some(t)
    })
    .await;
    assert_eq!(t["items"][0]["status"], "withdrawn", "{t}");
    assert!(t["available_actions"].as_array().unwrap().is_empty(), "{t}");
    assert!(t["waiting"].is_null(), "the pause closed: {t}");
    assert_eq!(open_pauses(&s).await, 0);
    // The holder and the owner are told; the requester, who withdrew it, is not.
    let notices = s.vhost.take("INAPP_NOTIFICATION_QUEUE", 2).await;
    let mut told: Vec<(i64, String)> = notices
        .iter()
        .map(|m| {
            let n = InappNotification::from_message(m).unwrap();
            (n.user_id, n.notification_type)
        })
        .collect();
    told.sort();
    assert_eq!(
        told,
        vec![
            (7, "task_withdrawn".to_string()),
            (30, "task_withdrawn".to_string())
        ]
    );
    assert_eq!(
        count(
            &s,
            "SELECT count(*) AS n FROM outbox_messages
              WHERE task = 'notifications.create_inapp_notification'
                AND message -> 'kwargs' ->> 'user_type' = 'employee'
                AND message -> 'kwargs' ->> 'notification_type' <> 'ticket_received'"
        )
        .await,
        0,
        "no notice to the requester for their own withdrawal"
    );
    // Every action answers 409.
    for (action, body) in [
        (
            "transition",
            json!({"transition_id": "submit", "notes": "x"}),
        ),
        ("start", json!({})),
        ("hold", json!({"status": "Pending", "notes": "x"})),
        ("resume", json!({})),
    ] {
        assert_eq!(
            act(&s, &agent(7), id, action, body).await.0,
            409,
            "{action}"
        );
    }
    // Long after the target the sweeper has nothing to say.
    let state = AppState {
        platform: s.platform.clone(),
        settings: Arc::new(serde_json::from_value::<WorkflowSettings>(json!({})).unwrap()),
    };
    let report = sla::sweep(&state, item.target_at + chrono::Duration::hours(10))
        .await
        .unwrap();
    assert_eq!(report, sla::SweepReport::default());
    assert_eq!(
        count(
            &s,
            "SELECT count(*) AS n FROM outbox_messages WHERE task LIKE 'notifications.send_sla_%'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &s,
            "SELECT count(*) AS n FROM audit_events WHERE action = 'task.withdrawn'"
        )
        .await,
        1
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_requester_hears_once_that_the_ticket_arrived_and_once_that_it_was_resolved() {
    let s = start().await;
    seed_roles(&s).await;
    send(
        &s,
        Method::DELETE,
        &admin(),
        "/roles/4/members/8/",
        json!({}),
    )
    .await;
    published_workflow(&s, None).await;
    let (id, _) = crate::ingest_reference_ticket(&s).await;
    let received = s
        .vhost
        .take("INAPP_NOTIFICATION_QUEUE", 2)
        .await
        .into_iter()
        .find(|m| m.task == InappNotification::NAME)
        .map(|m| InappNotification::from_message(&m).unwrap())
        .expect("ticket_received");
    assert_eq!(
        (
            received.user_id,
            received.user_type.as_str(),
            received.notification_type.as_str()
        ),
        (14, "employee", "ticket_received")
    );
    assert_eq!(received.email.as_deref(), Some("juan@example.com"));
    assert_eq!(received.metadata["task_id"], id);
    assert_eq!(
        received.related_ticket_number.as_deref(),
        Some("TX20251231962083")
    );

    // A re-delivery tells nobody again.
    s.vhost
        .publish(
            "TICKET_TASKS_PRODUCTION",
            &fixture("receive_ticket", |t| {
                t["sub_category"] = json!(null);
                t["subject"] = json!("Laptop will not boot (update)");
            }),
        )
        .await;
    eventually("the re-delivery", WAIT, || async {
        let (_, t) = get(&s, &agent(2), "/tickets/TX20251231962083/").await;
        (t["received_count"] == 2).then_some(())
    })
    .await;
    assert_eq!(requester_notices(&s, "ticket_received").await, 1);

    for (who, action, body) in [
        (
            7,
            "transition",
            json!({"transition_id": "submit", "notes": "ok"}),
        ),
        (
            9,
            "transition",
            json!({"transition_id": "approve", "notes": "ok"}),
        ),
        (7, "finalize", json!({"notes": "replaced the battery"})),
    ] {
        let (status, t) = act(&s, &agent(who), id, action, body).await;
        assert_eq!(status, 200, "{action}: {t}");
    }
    assert_eq!(requester_notices(&s, "ticket_resolved").await, 1);
    assert_eq!(requester_notices(&s, "ticket_received").await, 1);
    let resolved: Value = {
        use diesel::prelude::*;
        use diesel_async::RunQueryDsl;
        use tts_shared::schema::outbox_messages;
        let all: Vec<Value> = outbox_messages::table
            .filter(outbox_messages::task.eq(InappNotification::NAME))
            .select(outbox_messages::message)
            .load(&mut s.db.connect().await)
            .await
            .unwrap();
        all.into_iter()
            .find(|m| m["kwargs"]["notification_type"] == "ticket_resolved")
            .unwrap()
    };
    assert_eq!(
        resolved["kwargs"]["email"], "juan@example.com",
        "{resolved}"
    );
    assert_eq!(resolved["kwargs"]["user_id"], 14, "{resolved}");
    s.finish().await;
}
