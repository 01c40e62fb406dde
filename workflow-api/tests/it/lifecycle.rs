//! One ticket, one truthful lifecycle: starting work, escalations that end, designers who are
//! not admins, a work list people can work from, and the refusals that keep names and holders
//! straight.

use std::sync::Arc;

use reqwest::Method;
use serde_json::{Value, json};
use tts_shared::amqp::TaskMessage;
use tts_shared::events::{CeleryTask, EscalationNotification, TicketStatusUpdate};
use tts_shared::testing::{self, TestService};
use workflow_api::store::tasks as task_store;
use workflow_api::{AppState, WorkflowSettings, sla};

use crate::{
    act, admin, agent, count, fixture, get, published_workflow, seed_roles, send, start,
    task_held_by_7,
};

fn coordinator(id: i64) -> String {
    testing::token(
        id,
        tts_shared::auth::UserType::Staff,
        &["tts:Ticket Coordinator"],
    )
}

fn last_item(task: &Value) -> &Value {
    task["items"].as_array().unwrap().last().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn starting_work_puts_the_item_in_progress_and_the_filter_finds_it() {
    let s = start().await;
    let id = task_held_by_7(&s).await;
    let (_, before) = get(&s, &agent(7), &format!("/tasks/{id}/")).await;
    assert!(before["first_action_at"].is_null(), "{before}");
    assert!(
        before["available_actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["action"] == "start"),
        "{before}"
    );
    assert_eq!(
        act(&s, &agent(9), id, "start", json!({})).await.0,
        403,
        "not 9's"
    );

    let (status, t) = act(&s, &agent(7), id, "start", json!({})).await;
    assert_eq!(status, 200, "{t}");
    assert_eq!(last_item(&t)["status"], "in_progress");
    assert!(last_item(&t)["first_action_at"].is_string());
    assert!(
        t["first_action_at"].is_string(),
        "recorded on the task: {t}"
    );
    let history: Vec<&str> = last_item(&t)["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(history, vec!["assignment", "start"]);
    // The ticket goes In Progress once, at the first action.
    let statuses = s.vhost.take("TICKET_STATUS_QUEUE", 1).await;
    assert_eq!(
        TicketStatusUpdate::from_message(&statuses[0])
            .unwrap()
            .status,
        "In Progress"
    );

    let (status, page) = get(&s, &agent(7), "/tasks/mine/?status=in_progress").await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["items"].as_array().unwrap().len(), 1, "{page}");
    assert_eq!(page["items"][0]["status"], "in_progress");
    let (_, new) = get(&s, &agent(7), "/tasks/mine/?status=new").await;
    assert_eq!(new["items"], json!([]));

    let (status, e) = act(&s, &agent(7), id, "start", json!({})).await;
    assert_eq!(status, 409, "already started: {e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already started")
    );
    // Moving on from in progress works as from new.
    let (status, t) = act(
        &s,
        &agent(7),
        id,
        "transition",
        json!({"transition_id": "submit", "notes": "ok"}),
    )
    .await;
    assert_eq!(
        (status, t["current_step"]["key"].as_str()),
        (200, Some("approve"))
    );
    assert_eq!(
        s.vhost.depth("TICKET_STATUS_QUEUE").await,
        0,
        "In Progress only once"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn escalating_back_to_a_previous_holder_is_refused_with_409() {
    let s = start().await;
    seed_roles(&s).await;
    published_workflow(&s, None).await;
    let (id, holder) = crate::ingest_reference_ticket(&s).await;
    // Triage → Approval (9), which escalates to role 4 (7 and 8).
    let (status, t) = act(
        &s,
        &agent(holder),
        id,
        "transition",
        json!({"transition_id": "submit", "notes": "ok"}),
    )
    .await;
    assert_eq!(status, 200, "{t}");
    let due = last_item(&t)["target_at"].as_str().unwrap().to_string();
    let (status, t) = act(
        &s,
        &agent(9),
        id,
        "escalate",
        json!({"reason": "above my limit"}),
    )
    .await;
    assert_eq!(status, 200, "{t}");
    let first = last_item(&t)["assignee_id"].as_i64().unwrap();
    assert!([7, 8].contains(&first));
    assert_eq!(
        last_item(&t)["target_at"],
        due,
        "an escalation keeps the visit's due time"
    );

    // The holder escalates again: it goes to the other member, never back to themself.
    let (status, t) = act(
        &s,
        &agent(first),
        id,
        "escalate",
        json!({"reason": "not mine either"}),
    )
    .await;
    assert_eq!(status, 200, "{t}");
    let second = last_item(&t)["assignee_id"].as_i64().unwrap();
    assert_eq!(second, 15 - first, "the member who has not held it");
    assert_eq!(last_item(&t)["target_at"], due);

    // Everyone in the escalation role has held the step on this visit: nobody is left.
    let items = count(&s, "SELECT count(*) AS n FROM task_items").await;
    let (status, e) = act(
        &s,
        &agent(second),
        id,
        "escalate",
        json!({"reason": "round again"}),
    )
    .await;
    assert_eq!(status, 409, "{e}");
    let message = e["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("nobody is left") && message.contains("Asset Manager"),
        "{message}"
    );
    assert_eq!(
        count(&s, "SELECT count(*) AS n FROM task_items").await,
        items,
        "nothing written"
    );
    s.finish().await;
}

fn sweeper_state(s: &TestService) -> AppState {
    AppState {
        platform: s.platform.clone(),
        settings: Arc::new(serde_json::from_value::<WorkflowSettings>(json!({})).unwrap()),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_breach_escalates_automatically_once_and_tells_the_new_holder() {
    let s = crate::start_with(&[("sla_sweep_interval_ms", "3600000")]).await;
    seed_roles(&s).await;
    let mut graph = crate::graph();
    graph["steps"][0]["escalate_to_role_id"] = json!(5);
    let (status, w) = send(
        &s,
        Method::POST,
        &admin(),
        "/workflows/",
        json!({
            "name": "Breach", "department": "IT Department", "category": "IT Support",
            "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H",
            "graph": graph, "escalate_on_breach": true,
        }),
    )
    .await;
    assert_eq!(status, 201, "{w}");
    let wid = w["id"].as_i64().unwrap();
    send(
        &s,
        Method::POST,
        &admin(),
        &format!("/workflows/{wid}/publish/"),
        json!({}),
    )
    .await;
    let (id, holder) = crate::ingest_reference_ticket(&s).await;
    // The assignment and the requester's ticket_received.
    s.vhost.take("INAPP_NOTIFICATION_QUEUE", 2).await;
    let mut conn = s.db.connect().await;
    let item = task_store::items(&mut conn, id).await.unwrap().remove(0);
    let at = |seconds: i64| item.target_at + chrono::Duration::seconds(seconds);

    let report = sla::sweep(&sweeper_state(&s), at(60)).await.unwrap();
    assert_eq!((report.breaches, report.escalations), (1, 1));
    let (_, t) = get(&s, &admin(), &format!("/tasks/{id}/")).await;
    let escalated = last_item(&t);
    assert_eq!(
        (
            escalated["assignee_id"].as_i64(),
            escalated["origin"].as_str()
        ),
        (Some(9), Some("escalation"))
    );
    assert_eq!(
        escalated["status"], "breached",
        "the new item carries the breach"
    );
    assert_eq!(
        escalated["target_at"], t["items"][0]["target_at"],
        "no fresh deadline"
    );
    let notices = s.vhost.take("INAPP_NOTIFICATION_QUEUE", 3).await;
    let escalation = notices
        .iter()
        .find(|m| m.task == EscalationNotification::NAME)
        .map(|m: &TaskMessage| EscalationNotification::from_message(m).unwrap())
        .expect("task_escalation_in for the new holder");
    assert_eq!(
        (escalation.from_user_id, escalation.to_user_id),
        (holder, 9)
    );

    // Later sweeps leave it alone: no second breach, no bouncing.
    for hours in [3, 30, 300] {
        let report = sla::sweep(&sweeper_state(&s), at(hours * 3600))
            .await
            .unwrap();
        assert_eq!(report, sla::SweepReport::default(), "{hours} h later");
    }
    assert_eq!(
        count(
            &s,
            &format!("SELECT count(*) AS n FROM task_items WHERE task_id = {id}")
        )
        .await,
        2
    );
    // The new holder can still finish the step.
    let (status, t) = act(
        &s,
        &agent(9),
        id,
        "transition",
        json!({"transition_id": "submit", "notes": "late"}),
    )
    .await;
    assert_eq!(
        (status, t["current_step"]["key"].as_str()),
        (200, Some("approve")),
        "{t}"
    );
    s.finish().await;
}

async fn create(
    s: &TestService,
    token: &str,
    name: &str,
    sub_category: Option<&str>,
) -> (u16, Value) {
    send(s, Method::POST, token, "/workflows/", json!({
        "name": name, "department": "IT Department", "category": "IT Support", "sub_category": sub_category,
        "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H", "graph": crate::graph(),
    })).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_coordinator_designs_publishes_pauses_and_archives_but_manages_no_roles_or_audit() {
    let s = start().await;
    seed_roles(&s).await;
    let (status, w) = create(&s, &coordinator(30), "Coordinated", None).await;
    assert_eq!(status, 201, "{w}");
    let id = w["id"].as_i64().unwrap();
    for (method, path, expected) in [
        (Method::PUT, format!("/workflows/{id}/graph/"), 200),
        (Method::PATCH, format!("/workflows/{id}/"), 200),
        (Method::POST, format!("/workflows/{id}/validate/"), 200),
        (Method::POST, format!("/workflows/{id}/publish/"), 201),
        (Method::POST, format!("/workflows/{id}/pause/"), 200),
        (Method::POST, format!("/workflows/{id}/resume/"), 200),
    ] {
        let body = if path.ends_with("graph/") {
            crate::graph()
        } else if method == Method::PATCH {
            json!({"description": "by a coordinator"})
        } else {
            json!({})
        };
        let (status, b) = send(&s, method, &coordinator(30), &path, body).await;
        assert_eq!(status, expected, "{path}: {b}");
    }
    crate::ingest_reference_ticket(&s).await;
    let (status, b) = send(
        &s,
        Method::DELETE,
        &coordinator(30),
        &format!("/workflows/{id}/"),
        json!({}),
    )
    .await;
    assert_eq!((status, b["archived"].as_bool()), (200, Some(true)), "{b}");

    assert_eq!(
        send(
            &s,
            Method::PUT,
            &coordinator(30),
            "/roles/77/",
            json!({"name": "X"})
        )
        .await
        .0,
        403
    );
    assert_eq!(
        send(
            &s,
            Method::PUT,
            &coordinator(30),
            "/roles/4/members/99/",
            json!({})
        )
        .await
        .0,
        403
    );
    assert_eq!(get(&s, &coordinator(30), "/audit/events/").await.0, 403);
    let (status, e) = create(&s, &agent(7), "By an agent", None).await;
    assert_eq!(status, 403, "{e}");
    let employee = testing::token(
        30,
        tts_shared::auth::UserType::Employee,
        &["tts:Ticket Coordinator"],
    );
    assert_eq!(create(&s, &employee, "By an employee", None).await.0, 403);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_designer_roles_setting_chooses_who_designs() {
    let s = crate::start_with(&[("designer_roles", "Process Owner")]).await;
    let owner = testing::token(
        40,
        tts_shared::auth::UserType::Staff,
        &["tts:Process Owner"],
    );
    assert_eq!(create(&s, &owner, "Owned", None).await.0, 201);
    let (status, e) = create(&s, &coordinator(30), "Not any more", None).await;
    assert_eq!(status, 403, "{e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("tts:Process Owner"),
        "{e}"
    );
    assert_eq!(create(&s, &admin(), "Admins always", None).await.0, 201);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_duplicate_workflow_name_is_refused_with_409_naming_the_other_workflow() {
    let s = start().await;
    seed_roles(&s).await;
    let (_, first) = create(&s, &admin(), "Hardware", None).await;
    let first = first["id"].as_i64().unwrap();
    let workflows = count(&s, "SELECT count(*) AS n FROM workflows").await;
    let (status, e) = create(&s, &admin(), "  hardware ", Some("Printers")).await;
    assert_eq!(status, 409, "{e}");
    let message = e["error"]["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("workflow {first}")) && message.contains("\"Hardware\""),
        "{message}"
    );
    assert_eq!(
        count(&s, "SELECT count(*) AS n FROM workflows").await,
        workflows,
        "nothing written"
    );

    let (_, other) = create(&s, &admin(), "Printers", Some("Printers")).await;
    let other = other["id"].as_i64().unwrap();
    let (status, e) = send(
        &s,
        Method::PATCH,
        &admin(),
        &format!("/workflows/{other}/"),
        json!({"name": "HARDWARE"}),
    )
    .await;
    assert_eq!(status, 409, "{e}");
    let (status, _) = send(
        &s,
        Method::PATCH,
        &admin(),
        &format!("/workflows/{first}/"),
        json!({"name": "Hardware", "description": "same name, same workflow"}),
    )
    .await;
    assert_eq!(status, 200, "keeping one's own name is fine");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn ambiguous_match_names_the_sub_category_in_words() {
    let s = start().await;
    seed_roles(&s).await;
    let first = published_workflow(&s, None).await;
    let (_, twin) = create(&s, &admin(), "Twin", None).await;
    let twin = twin["id"].as_i64().unwrap();
    let (status, body) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/workflows/{twin}/publish/"),
        json!({}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let text = body.to_string();
    assert!(
        text.contains("and no sub-category") && !text.contains("None") && !text.contains("Some("),
        "{text}"
    );
    assert!(
        text.contains(&format!("\\\"Hardware any\\\" (id {first})")),
        "{text}"
    );

    published_workflow(&s, Some("Printers")).await;
    let (_, third) = create(&s, &admin(), "Printers twin", Some("Printers")).await;
    let third = third["id"].as_i64().unwrap();
    let (_, body) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/workflows/{third}/validate/"),
        json!({}),
    )
    .await;
    let text = body.to_string();
    assert!(text.contains("sub-category \\\"Printers\\\""), "{text}");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_taking_over_a_step_they_already_hold_gets_409() {
    let s = start().await;
    let id = task_held_by_7(&s).await;
    let (status, t) = act(&s, &admin(), id, "take-over", json!({})).await;
    assert_eq!(status, 200, "{t}");
    assert!(
        !t["available_actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["action"] == "take_over"),
        "{t}"
    );
    let items = count(&s, "SELECT count(*) AS n FROM task_items").await;
    let (status, e) = act(&s, &admin(), id, "take-over", json!({})).await;
    assert_eq!(status, 409, "{e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already hold"),
        "{e}"
    );
    assert_eq!(
        count(&s, "SELECT count(*) AS n FROM task_items").await,
        items
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_work_list_shows_what_people_work_from_sorted_by_due_time() {
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
    send(
        &s,
        Method::PUT,
        &admin(),
        "/roles/4/members/7/",
        json!({"user_full_name": "Ana Cruz"}),
    )
    .await;
    send(
        &s,
        Method::PUT,
        &admin(),
        "/roles/6/members/30/",
        json!({"user_full_name": "Carla Owner"}),
    )
    .await;
    published_workflow(&s, None).await;
    // A Low ticket first (due in 5 d × 1/4), then a High one (8 h × 1/4): the High one is due first.
    for (number, priority) in [("TX20260101000001", "Low"), ("TX20260101000002", "High")] {
        s.vhost
            .publish(
                "TICKET_TASKS_PRODUCTION",
                &fixture("receive_ticket", |t| {
                    t["sub_category"] = json!(null);
                    t["ticket_number"] = json!(number);
                    t["priority"] = json!(priority);
                }),
            )
            .await;
    }
    let page = testing::eventually("both items", std::time::Duration::from_secs(10), || async {
        let (_, page) = get(&s, &agent(7), "/tasks/mine/").await;
        (page["items"].as_array().map(Vec::len) == Some(2)).then_some(page)
    })
    .await;
    let first = &page["items"][0];
    assert_eq!(
        first["ticket_number"], "TX20260101000002",
        "due first: {page}"
    );
    assert_eq!(first["subject"], "Laptop will not boot");
    assert_eq!(first["requester_name"], "Juan Reyes");
    assert_eq!(first["step_name"], "Triage");
    assert_eq!(first["workflow_name"], "Hardware any");
    assert_eq!(first["ticket_status"], "Open");
    assert_eq!(first["sla_state"], "ok");
    assert_eq!(first["assignee_name"], "Ana Cruz");
    assert_eq!(
        (first["owner_id"].as_i64(), first["owner_name"].as_str()),
        (Some(30), Some("Carla Owner"))
    );
    assert!(page["next_cursor"].is_null());

    // Pages by due time: the cursor of the first page leads to the second.
    let (_, one) = get(&s, &agent(7), "/tasks/mine/?limit=1").await;
    assert_eq!(one["items"][0]["ticket_number"], "TX20260101000002");
    let cursor = one["next_cursor"].as_str().unwrap().to_string();
    let (status, two) = get(
        &s,
        &agent(7),
        &format!("/tasks/mine/?limit=1&cursor={cursor}"),
    )
    .await;
    assert_eq!(status, 200, "{two}");
    assert_eq!(two["items"][0]["ticket_number"], "TX20260101000001");
    assert!(two["next_cursor"].is_null());
    // Newest first on request, with the old `before` paging.
    let (_, newest) = get(&s, &agent(7), "/tasks/mine/?sort=newest&limit=1").await;
    assert_eq!(newest["items"][0]["ticket_number"], "TX20260101000002");
    let before = newest["next_before"].as_i64().unwrap();
    let (_, older) = get(&s, &agent(7), &format!("/tasks/mine/?before={before}")).await;
    assert_eq!(older["items"][0]["ticket_number"], "TX20260101000001");

    for (query, field) in [
        ("sort=priority", "sort"),
        ("cursor=nonsense", "cursor"),
        ("sort=due&before=5", "before"),
    ] {
        let (status, e) = get(&s, &agent(7), &format!("/tasks/mine/?{query}")).await;
        assert_eq!(
            (status, e["error"]["fields"][0]["field"].as_str()),
            (422, Some(field)),
            "{query}: {e}"
        );
    }
    // The task itself names its people too.
    let task_id = first["task_id"].as_i64().unwrap();
    let (_, t) = get(&s, &agent(7), &format!("/tasks/{task_id}/")).await;
    assert_eq!(
        (
            t["owner_name"].as_str(),
            t["items"][0]["assignee_name"].as_str()
        ),
        (Some("Carla Owner"), Some("Ana Cruz"))
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_work_list_reads_warned_breached_and_paused() {
    let s = crate::start_with(&[("sla_sweep_interval_ms", "3600000")]).await;
    let id = task_held_by_7(&s).await;
    let mut conn = s.db.connect().await;
    let item = task_store::items(&mut conn, id).await.unwrap().remove(0);
    let state = |state: &str| {
        let state = state.to_string();
        let s = &s;
        async move {
            let (_, page) = get(s, &agent(7), "/tasks/mine/").await;
            assert_eq!(page["items"][0]["sla_state"], state.as_str(), "{page}");
        }
    };
    let half = item.assigned_at + chrono::Duration::seconds(item.allowance_seconds * 6 / 10);
    sla::sweep(&sweeper_state(&s), half).await.unwrap();
    state("warned").await;
    let task = task_store::find(&mut conn, id).await.unwrap().unwrap();
    sla::apply_ticket_status(&mut conn, &task, "On Hold", chrono::Utc::now())
        .await
        .unwrap();
    state("paused").await;
    sla::apply_ticket_status(&mut conn, &task, "Open", chrono::Utc::now())
        .await
        .unwrap();
    let late = item.target_at + chrono::Duration::days(2);
    sla::sweep(&sweeper_state(&s), late).await.unwrap();
    state("breached").await;
    s.finish().await;
}
