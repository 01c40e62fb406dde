//! Acting on tasks: transitions (with a back-edge), escalation, transfer, take-over, finalize,
//! concurrency, and what is refused.

use reqwest::Method;
use serde_json::{Value, json};
use tts_shared::events::{
    CeleryTask, EscalationNotification, InappNotification, TicketStatusUpdate,
};
use tts_shared::testing::{self, TestService};

use crate::{
    act, admin, agent, count, get, published_workflow, requester, seed_roles, send, start,
};

/// A task on Triage assigned to 7 (role 4 has only 7 active; Approvers: 9).
async fn task(s: &TestService) -> i64 {
    seed_roles(s).await;
    s.http
        .delete(s.url("/roles/4/members/8/"))
        .bearer_auth(admin())
        .send()
        .await
        .unwrap();
    published_workflow(s, None).await;
    let (task_id, _assignee) = crate::ingest_reference_ticket(s).await;
    // The assignment and the requester's ticket_received.
    s.vhost.take("INAPP_NOTIFICATION_QUEUE", 2).await;
    task_id
}

fn step(task: &Value) -> &str {
    task["current_step"]["key"].as_str().unwrap()
}

fn open_assignee(task: &Value) -> i64 {
    task["items"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|i| i["status"] == "new" || i["status"] == "in_progress")
        .and_then(|i| i["assignee_id"].as_i64())
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_task_goes_through_its_workflow_with_a_back_edge_and_an_escalation() {
    let s = start().await;
    let id = task(&s).await;
    let (_, t) = get(&s, &agent(7), &format!("/tasks/{id}/")).await;
    assert_eq!(step(&t), "triage");
    let submit = t["available_actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["transition_key"] == "submit")
        .unwrap()
        .clone();
    assert!(submit["transition_id"].is_i64(), "{submit}");
    let (_, other) = get(&s, &agent(9), &format!("/tasks/{id}/")).await;
    assert_eq!(
        other["available_actions"],
        json!([]),
        "someone without an item may do nothing"
    );

    // Refused attempts change nothing.
    let items_before = count(&s, "SELECT count(*) AS n FROM task_items").await;
    assert_eq!(
        act(
            &s,
            &agent(9),
            id,
            "transition",
            json!({"transition_id": submit["transition_id"], "notes": "not mine"})
        )
        .await
        .0,
        403
    );
    let (status, e) = act(
        &s,
        &agent(7),
        id,
        "transition",
        json!({"transition_id": submit["transition_id"], "notes": "  "}),
    )
    .await;
    assert_eq!(
        (status, e["error"]["code"].as_str()),
        (422, Some("validation_failed")),
        "{e}"
    );
    assert_eq!(e["error"]["fields"][0]["field"], "notes", "{e}");
    let (status, e) = act(
        &s,
        &agent(7),
        id,
        "transition",
        json!({"transition_id": "reject", "notes": "wrong edge"}),
    )
    .await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(
        act(&s, &agent(7), id, "finalize", json!({"notes": "too early"}))
            .await
            .0,
        422
    );
    assert_eq!(
        act(
            &s,
            &agent(7),
            999_999,
            "transition",
            json!({"transition_id": "submit", "notes": "x"})
        )
        .await
        .0,
        404
    );
    assert_eq!(
        act(
            &s,
            &requester(7),
            id,
            "transition",
            json!({"transition_id": "submit", "notes": "x"})
        )
        .await
        .0,
        403
    );
    assert_eq!(
        count(&s, "SELECT count(*) AS n FROM task_items").await,
        items_before
    );
    assert_eq!(s.vhost.depth("TICKET_STATUS_QUEUE").await, 0);

    // Triage → Approval (9).
    let (status, t) = act(
        &s,
        &agent(7),
        id,
        "transition",
        json!({"transition_id": submit["transition_id"], "notes": "looks right"}),
    )
    .await;
    assert_eq!(status, 200, "{t}");
    assert_eq!((step(&t), open_assignee(&t)), ("approve", 9));
    let statuses = s.vhost.take("TICKET_STATUS_QUEUE", 1).await;
    assert_eq!(
        TicketStatusUpdate::from_message(&statuses[0])
            .unwrap()
            .status,
        "In Progress"
    );

    // Reject goes back to Triage; 7 now holds two items on the task and can act.
    let (_, t) = act(
        &s,
        &agent(9),
        id,
        "transition",
        json!({"transition_id": "reject", "notes": "missing serial"}),
    )
    .await;
    assert_eq!((step(&t), open_assignee(&t)), ("triage", 7));
    assert_eq!(
        t["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["assignee_id"] == 7)
            .count(),
        2
    );
    assert_eq!(
        t["items"].as_array().unwrap().last().unwrap()["origin"],
        "back_edge"
    );
    let (status, t) = act(
        &s,
        &agent(7),
        id,
        "transition",
        json!({"transition_id": "submit", "notes": "serial added"}),
    )
    .await;
    assert_eq!((status, step(&t)), (200, "approve"));

    // Escalation from Approval to role 4.
    let (status, t) = act(
        &s,
        &agent(9),
        id,
        "escalate",
        json!({"reason": "above my limit"}),
    )
    .await;
    assert_eq!(status, 200, "{t}");
    assert_eq!((step(&t), open_assignee(&t)), ("approve", 7));
    // Three moves (each: assignment + step change for the owner, 30), then the escalation.
    let notices = s.vhost.take("INAPP_NOTIFICATION_QUEUE", 7).await;
    let step_changes: Vec<_> = notices
        .iter()
        .filter(|m| m.task == InappNotification::NAME)
        .collect();
    assert_eq!(step_changes.len(), 3);
    let first = InappNotification::from_message(step_changes[0]).unwrap();
    assert_eq!(
        (first.user_id, first.notification_type.as_str()),
        (30, "workflow_step_change")
    );
    assert!(first.subject.contains("Approval"), "{}", first.subject);
    let escalation = notices
        .iter()
        .find(|m| m.task == EscalationNotification::NAME)
        .unwrap();
    let escalation = EscalationNotification::from_message(escalation).unwrap();
    assert_eq!((escalation.from_user_id, escalation.to_user_id), (9, 7));
    assert_eq!(escalation.escalation_reason, "above my limit");

    // Approve → Resolution → finalize.
    let (_, t) = act(
        &s,
        &agent(7),
        id,
        "transition",
        json!({"transition_id": "approve", "notes": "approved"}),
    )
    .await;
    assert_eq!(step(&t), "resolve");
    let (status, t) = act(&s, &agent(7), id, "finalize", json!({"notes": "done"})).await;
    assert_eq!(status, 200, "{t}");
    assert_eq!(t["status"], "completed");
    let statuses = s.vhost.take("TICKET_STATUS_QUEUE", 1).await;
    assert_eq!(
        TicketStatusUpdate::from_message(&statuses[0])
            .unwrap()
            .status,
        "Resolved"
    );
    let (status, e) = act(&s, &agent(7), id, "finalize", json!({"notes": "again"})).await;
    assert_eq!(status, 409, "a completed task takes no action: {e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("completed")
    );
    assert_eq!(
        s.vhost.depth("TICKET_STATUS_QUEUE").await,
        0,
        "each status once"
    );

    let (_, timeline) = get(&s, &agent(7), &format!("/tasks/{id}/timeline/")).await;
    let actions: Vec<&str> = timeline["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"escalate")
            && actions.contains(&"finalize")
            && actions.contains(&"transition:reject"),
        "{actions:?}"
    );
    let (_, mine) = get(&s, &agent(7), "/tasks/mine/?status=done").await;
    assert!(mine["items"].as_array().unwrap().len() >= 4);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_actions_at_the_same_moment_one_wins_and_the_other_gets_409() {
    let s = start().await;
    let id = task(&s).await;
    let body = json!({"transition_id": "submit", "notes": "double click"});
    let token = agent(7);
    let (a, b) = tokio::join!(
        act(&s, &token, id, "transition", body.clone()),
        act(&s, &token, id, "transition", body.clone())
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{a:?} {b:?}");
    // However late the repeat arrives, the caller's own move took the step away: a conflict,
    // not a refusal.
    let (status, late) = act(&s, &token, id, "transition", body.clone()).await;
    assert_eq!(status, 409, "{late}");
    assert_eq!(
        count(
            &s,
            "SELECT count(*) AS n FROM task_items WHERE step = 'approve'"
        )
        .await,
        1,
        "one move only"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn transfer_to_a_role_member_and_take_over_by_an_admin() {
    let s = start().await;
    let id = task(&s).await;
    send(&s, Method::PUT, &admin(), "/roles/4/members/8/", json!({})).await;

    let (status, e) = act(
        &s,
        &agent(7),
        id,
        "transfer",
        json!({"user_id": 9, "notes": "please"}),
    )
    .await;
    assert_eq!(
        (status, e["error"]["fields"][0]["field"].as_str()),
        (422, Some("user_id")),
        "9 lacks the role"
    );
    let (status, t) = act(
        &s,
        &agent(7),
        id,
        "transfer",
        json!({"user_id": 8, "notes": "covering leave"}),
    )
    .await;
    assert_eq!(status, 200, "{t}");
    assert_eq!(open_assignee(&t), 8);
    assert_eq!(
        act(
            &s,
            &agent(7),
            id,
            "transition",
            json!({"transition_id": "submit", "notes": "x"})
        )
        .await
        .0,
        403,
        "7 gave it away"
    );

    let (status, t) = act(&s, &admin(), id, "take-over", json!({})).await;
    assert_eq!(status, 200, "{t}");
    assert_eq!(open_assignee(&t), 1);
    assert_eq!(act(&s, &agent(8), id, "take-over", json!({})).await.0, 403);
    let (status, t) = act(
        &s,
        &admin(),
        id,
        "transition",
        json!({"transition_id": "submit", "notes": "handled it"}),
    )
    .await;
    assert_eq!((status, step(&t)), (200, "approve"));

    let (_, events) = get(
        &s,
        &admin(),
        &format!("/audit/events/?target_type=task&target_id={id}"),
    )
    .await;
    let actions: Vec<&str> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        vec![
            "task.transition",
            "task.take_over",
            "task.transfer",
            "task.started"
        ]
    );
    assert!(events["items"][0]["request_id"].is_string());
    assert_eq!(get(&s, &agent(7), "/audit/events/").await.0, 403);
    let employee = testing::token(7, tts_shared::auth::UserType::Employee, &["hdts:Employee"]);
    for path in [
        "/tasks/mine/",
        "/workflows/",
        "/roles/",
        "/tickets/",
        "/audit/events/",
    ] {
        assert_eq!(get(&s, &employee, path).await.0, 403, "{path}");
    }
    s.finish().await;
}
