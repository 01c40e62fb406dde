//! First-response targets, working-day SLAs, names in the audit log and the workload, with
//! time chosen by the test (sweeps at a given `now`).

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use serde_json::{Value, json};
use tts_shared::testing::{TestService, eventually};
use workflow_api::domain::calendar::Calendar;
use workflow_api::store::tasks as task_store;
use workflow_api::{AppState, WorkflowSettings, sla};

use crate::{admin, agent, count, fixture, get, seed_roles, send};

async fn start() -> TestService {
    TestService::start(
        workflow_api::SERVICE,
        workflow_api::MIGRATIONS,
        workflow_api::app,
        &[("sla_sweep_interval_ms", "3600000")],
        None,
    )
    .await
}

fn state(s: &TestService) -> AppState {
    AppState {
        platform: s.platform.clone(),
        settings: Arc::new(serde_json::from_value::<WorkflowSettings>(json!({})).unwrap()),
    }
}

fn office() -> Value {
    let day = json!([{"start": "09:00:00", "end": "17:00:00"}]);
    json!({"time_zone": "UTC", "hours": [day, day, day, day, day, [], []], "holidays": []})
}

/// Creates and publishes a workflow with `extra` fields; returns its id.
async fn workflow(s: &TestService, extra: Value) -> i64 {
    seed_roles(s).await;
    let mut body = json!({
        "name": "Response", "department": "IT Department", "category": "IT Support",
        "low_sla": "P3D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H",
        "graph": crate::graph(),
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let (status, w) = send(s, Method::POST, &admin(), "/workflows/", body).await;
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
    id
}

/// Sends the reference ticket with `priority`; returns its task id.
async fn ticket(s: &TestService, priority: &str) -> i64 {
    let priority = priority.to_string();
    s.vhost
        .publish(
            "TICKET_TASKS_PRODUCTION",
            &fixture("receive_ticket", move |t| {
                t["sub_category"] = json!(null);
                t["priority"] = json!(priority);
            }),
        )
        .await;
    let page = eventually("the task", std::time::Duration::from_secs(10), || async {
        let (_, page) = get(s, &admin(), "/tasks/").await;
        (page["items"].as_array().map(Vec::len) == Some(1)).then_some(page)
    })
    .await;
    page["items"][0]["task_id"].as_i64().unwrap()
}

async fn response_target(s: &TestService, task_id: i64) -> Option<DateTime<Utc>> {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    use workflow_api::schema::tasks;
    let mut conn = s.db.connect().await;
    tasks::table
        .find(task_id)
        .select(tasks::response_target_at)
        .first(&mut conn)
        .await
        .unwrap()
}

async fn set_first_response(s: &TestService, task_id: i64, at: DateTime<Utc>) {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    use workflow_api::schema::tasks;
    let mut conn = s.db.connect().await;
    diesel::update(tasks::table.find(task_id))
        .set(tasks::first_response_at.eq(at))
        .execute(&mut conn)
        .await
        .unwrap();
}

async fn outbox(s: &TestService, task: &str, needle: &str) -> i64 {
    count(
        s,
        &format!(
            "SELECT count(*) AS n FROM outbox_messages WHERE task = '{task}' AND message::text LIKE '%{needle}%'"
        ),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_low_p3d_ticket_in_business_hours_is_due_three_working_days_later() {
    let s = start().await;
    workflow(&s, json!({"calendar": office()})).await;
    let id = ticket(&s, "Low").await;
    let mut conn = s.db.connect().await;
    let task = task_store::find(&mut conn, id).await.unwrap().unwrap();
    let calendar: Calendar = serde_json::from_value(office()).unwrap();
    // Three working days of 8 hours, not 72 working hours (nine working days).
    let working = calendar.working_between(task.created_at, task.target_at);
    assert!(
        (working - Duration::hours(24)).num_seconds().abs() < 60,
        "{working:?}"
    );
    let (status, view) = get(&s, &agent(2), &format!("/tasks/{id}/sla/")).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["target"], "P3D");
    assert_eq!(view["target_words"], "3 working days");
    assert_eq!(view["business_hours"], true);
    assert_eq!(view["due_at"], view["target_at"]);
    // The start step has weight 1 of 4: a quarter of 24 working hours.
    assert_eq!(view["items"][0]["target"], "PT6H");
    assert_eq!(view["items"][0]["target_words"], "6 working hours");
    assert_eq!(view["items"][0]["due_at"], view["items"][0]["target_at"]);
    assert_eq!(view["response"]["state"], "none");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn response_slas_are_validated_frozen_and_shown() {
    let s = start().await;
    seed_roles(&s).await;
    let base = json!({
        "name": "Bad", "department": "IT Department", "category": "IT Support",
        "low_sla": "P3D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H",
        "graph": crate::graph(),
    });
    let mut bad = base.clone();
    bad["high_response_sla"] = json!("PT8H");
    bad["low_response_sla"] = json!("P1M");
    let (status, body) = send(&s, Method::POST, &admin(), "/workflows/", bad).await;
    assert_eq!(status, 422, "{body}");
    let text = body.to_string();
    assert!(text.contains("high_response_sla"), "{text}");
    assert!(text.contains("low_response_sla"), "{text}");
    assert_eq!(
        count(&s, "SELECT count(*) AS n FROM workflows").await,
        0,
        "nothing written"
    );

    let mut good = base.clone();
    good["high_response_sla"] = json!("PT1H");
    good["urgent_response_sla"] = json!("PT30M");
    let (status, w) = send(&s, Method::POST, &admin(), "/workflows/", good).await;
    assert_eq!(status, 201, "{w}");
    assert_eq!(
        w["response_slas"],
        json!({"low": null, "medium": null, "high": "PT1H", "urgent": "PT30M"})
    );
    let id = w["id"].as_i64().unwrap();
    let (status, v) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/workflows/{id}/publish/"),
        json!({}),
    )
    .await;
    assert_eq!(status, 201, "{v}");
    assert_eq!(v["response_slas"]["high"], "PT1H");
    // The draft changes (and a null clears one); the published version keeps its targets.
    let (status, w) = send(
        &s,
        Method::PATCH,
        &admin(),
        &format!("/workflows/{id}/"),
        json!({"high_response_sla": null, "medium_response_sla": "PT2H"}),
    )
    .await;
    assert_eq!(status, 200, "{w}");
    assert_eq!(w["response_slas"]["high"], Value::Null);
    assert_eq!(w["response_slas"]["medium"], "PT2H");
    let (status, w) = send(
        &s,
        Method::PATCH,
        &admin(),
        &format!("/workflows/{id}/"),
        json!({"medium_response_sla": "P2D"}),
    )
    .await;
    assert_eq!(status, 422, "{w}");
    assert!(w.to_string().contains("medium_response_sla"), "{w}");
    let (_, versions) = get(&s, &admin(), &format!("/workflows/{id}/versions/")).await;
    assert_eq!(
        versions["items"][0]["response_slas"]["high"], "PT1H",
        "{versions}"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_response_target_warns_and_breaches_once_and_stops_at_the_first_response() {
    let s = start().await;
    // Around the clock: a High ticket's first response is due an hour after creation.
    workflow(&s, json!({"high_response_sla": "PT1H"})).await;
    let id = ticket(&s, "High").await;
    let mut conn = s.db.connect().await;
    let task = task_store::find(&mut conn, id).await.unwrap().unwrap();
    let target = response_target(&s, id).await.expect("a response target");
    assert_eq!(target, task.created_at + Duration::hours(1));
    let at = |minutes: i64| task.created_at + Duration::minutes(minutes);
    let st = state(&s);

    // 50 % of the hour: one response warning (the 2-hour item is at 25 %).
    let report = sla::sweep(&st, at(31)).await.unwrap();
    assert_eq!((report.warnings, report.breaches), (1, 0));
    assert_eq!(sla::sweep(&st, at(32)).await.unwrap().warnings, 0, "once");
    let warning = "notifications.send_sla_warning_notification";
    // The assignee and the owner (30) are told.
    assert_eq!(outbox(&s, warning, "\"response\"").await, 2);
    let (_, view) = get(&s, &agent(2), &format!("/tasks/{id}/sla/")).await;
    assert_eq!(view["response"]["state"], "pending");
    assert_eq!(view["response"]["target"], "PT1H");
    assert_eq!(view["response"]["target_words"], "1 hour");
    assert_eq!(view["response"]["warnings_sent"], json!([50]));

    // Past the target: the breach, once.
    let report = sla::sweep(&st, at(61)).await.unwrap();
    assert_eq!(report.breaches, 1);
    assert_eq!(sla::sweep(&st, at(62)).await.unwrap().breaches, 0);
    let breach = "notifications.send_sla_breach_notification";
    assert_eq!(outbox(&s, breach, "\"response\"").await, 2);
    let (_, view) = get(&s, &agent(2), &format!("/tasks/{id}/sla/")).await;
    assert_eq!(view["response"]["state"], "breached");
    assert_eq!(view["response"]["breached"], true);

    // A late first response: breached, and nothing more about it is sent.
    set_first_response(&s, id, at(70)).await;
    sla::sweep(&st, at(200)).await.unwrap();
    assert_eq!(outbox(&s, warning, "\"response\"").await, 2);
    assert_eq!(outbox(&s, breach, "\"response\"").await, 2);
    let (_, view) = get(&s, &agent(2), &format!("/tasks/{id}/sla/")).await;
    assert_eq!(view["response"]["state"], "breached");
    assert_eq!(
        view["response"]["first_response_at"]
            .as_str()
            .map(|t| t.parse::<DateTime<Utc>>().unwrap()),
        Some(at(70))
    );

    // Analytics: one first response breached, with its drill-down.
    let (status, rows) = get(&s, &admin(), "/analytics/sla/").await;
    assert_eq!(status, 200, "{rows}");
    let high = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["by"] == "priority" && r["key"] == "High")
        .unwrap()
        .clone();
    assert_eq!(high["response_breached"]["count"], 1, "{high}");
    assert_eq!(high["response_met"]["count"], 0);
    assert_eq!(high["response_compliance_percent"], 0.0);
    let link = high["response_breached"]["tasks"].as_str().unwrap();
    let (status, listed) = get(&s, &admin(), link).await;
    assert_eq!(status, 200, "{listed}");
    assert_eq!(listed["items"].as_array().unwrap().len(), 1, "{listed}");
    let (_, dashboard) = get(&s, &admin(), "/analytics/dashboard/").await;
    assert_eq!(dashboard["response_breached"]["count"], 1, "{dashboard}");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_first_response_in_time_is_met_and_nothing_is_sent() {
    let s = start().await;
    workflow(&s, json!({"high_response_sla": "PT1H"})).await;
    let id = ticket(&s, "High").await;
    let mut conn = s.db.connect().await;
    let task = task_store::find(&mut conn, id).await.unwrap().unwrap();
    set_first_response(&s, id, task.created_at + Duration::minutes(10)).await;
    let report = sla::sweep(&state(&s), task.created_at + Duration::minutes(90))
        .await
        .unwrap();
    assert_eq!(
        outbox(
            &s,
            "notifications.send_sla_breach_notification",
            "\"response\""
        )
        .await,
        0
    );
    assert_eq!(
        outbox(
            &s,
            "notifications.send_sla_warning_notification",
            "\"response\""
        )
        .await,
        0,
        "{report:?}"
    );
    let (_, view) = get(&s, &agent(2), &format!("/tasks/{id}/sla/")).await;
    assert_eq!(view["response"]["state"], "met");
    let (_, dashboard) = get(&s, &admin(), "/analytics/dashboard/").await;
    assert_eq!(dashboard["response_met"]["count"], 1, "{dashboard}");
    assert_eq!(dashboard["response_compliance_percent"], 100.0);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pause_stops_the_response_clock_and_moves_its_target() {
    let s = start().await;
    workflow(&s, json!({"high_response_sla": "PT1H"})).await;
    let id = ticket(&s, "High").await;
    let mut conn = s.db.connect().await;
    let task = task_store::find(&mut conn, id).await.unwrap().unwrap();
    let target = response_target(&s, id).await.unwrap();
    let hold = task.created_at + Duration::minutes(20);
    assert!(
        sla::apply_ticket_status(&mut conn, &task, "On Hold", hold)
            .await
            .unwrap()
    );
    // Paused: the sweeper leaves it alone although the target passed.
    let report = sla::sweep(&state(&s), target + Duration::minutes(5))
        .await
        .unwrap();
    assert_eq!(report.breaches, 0);
    let (_, view) = get(&s, &agent(2), &format!("/tasks/{id}/sla/")).await;
    assert_eq!(view["response"]["state"], "paused");
    let resume = hold + Duration::hours(3);
    assert!(
        sla::apply_ticket_status(&mut conn, &task, "Open", resume)
            .await
            .unwrap()
    );
    assert_eq!(
        response_target(&s, id).await.unwrap(),
        target + Duration::hours(3)
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_audit_log_and_the_workload_name_people() {
    let s = start().await;
    workflow(&s, json!({})).await;
    for user in [7, 8] {
        let (status, body) = send(
            &s,
            Method::PUT,
            &admin(),
            &format!("/roles/4/members/{user}/"),
            json!({"user_full_name": format!("Agent {user}")}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    let id = ticket(&s, "High").await;
    let (_, task) = get(&s, &admin(), &format!("/tasks/{id}/")).await;
    let assignee = task["items"][0]["assignee_id"].as_i64().unwrap();
    let (status, moved) = send(
        &s,
        Method::POST,
        &agent(assignee),
        &format!("/tasks/{id}/transition/"),
        json!({"transition_id": "submit", "notes": "done"}),
    )
    .await;
    assert_eq!(status, 200, "{moved}");
    let (status, events) = get(&s, &admin(), &format!("/audit/events/?actor={assignee}")).await;
    assert_eq!(status, 200, "{events}");
    let events = events["items"].as_array().unwrap();
    assert!(!events.is_empty());
    assert!(
        events
            .iter()
            .all(|e| e["actor_name"] == format!("Agent {assignee}")),
        "{events:?}"
    );
    let (_, system) = get(&s, &admin(), "/audit/events/?action=task.started").await;
    for e in system["items"].as_array().unwrap() {
        assert_eq!(e["actor_name"], Value::Null, "{e}");
    }
    let (status, workload) = get(&s, &admin(), "/analytics/workload/").await;
    assert_eq!(status, 200, "{workload}");
    let row = workload
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["assignee_id"] == assignee)
        .unwrap()
        .clone();
    assert_eq!(row["assignee_name"], format!("Agent {assignee}"));
    s.finish().await;
}
