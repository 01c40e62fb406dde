//! The SLA engine with time chosen by the test: warnings and breach once each, with two
//! sweepers; auto-escalation; pauses moving the targets.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde_json::json;
use tts_shared::testing::{TestService, eventually};
use workflow_api::sla;
use workflow_api::store::tasks as task_store;
use workflow_api::{AppState, WorkflowSettings};

use crate::{admin, agent, count, fixture, get, seed_roles, send};

async fn start() -> TestService {
    TestService::start(
        workflow_api::SERVICE,
        workflow_api::MIGRATIONS,
        workflow_api::app,
        // The background sweeper stays out of the way; the test sweeps at times it chooses.
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

/// A High ticket (8 h) on a workflow whose start step (weight 1 of 4: 2 h) escalates to role 5.
async fn task(s: &TestService, escalate_on_breach: bool) -> i64 {
    seed_roles(s).await;
    let mut graph = crate::graph();
    graph["steps"][0]["escalate_to_role_id"] = json!(5);
    let (status, w) = send(
        s,
        Method::POST,
        &admin(),
        "/workflows/",
        json!({
            "name": "SLA", "department": "IT Department", "category": "IT Support",
            "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H",
            "graph": graph, "escalate_on_breach": escalate_on_breach,
        }),
    )
    .await;
    assert_eq!(status, 201, "{w}");
    let id = w["id"].as_i64().unwrap();
    assert_eq!(
        send(
            s,
            Method::POST,
            &admin(),
            &format!("/workflows/{id}/publish/"),
            json!({})
        )
        .await
        .0,
        201
    );
    let (task_id, _assignee) = crate::ingest_reference_ticket(s).await;
    task_id
}

async fn item(s: &TestService, task_id: i64) -> task_store::ItemRow {
    let mut conn = s.db.connect().await;
    task_store::items(&mut conn, task_id)
        .await
        .unwrap()
        .remove(0)
}

/// `percent` of the item's allowance after its start.
fn at(item: &task_store::ItemRow, percent: i64) -> DateTime<Utc> {
    item.assigned_at + chrono::Duration::seconds(item.allowance_seconds * percent / 100)
}

async fn outbox(s: &TestService, task: &str) -> i64 {
    count(
        s,
        &format!("SELECT count(*) AS n FROM outbox_messages WHERE task = '{task}'"),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn each_warning_and_the_breach_are_sent_once_with_two_sweepers_and_a_restart() {
    let s = start().await;
    let id = task(&s, false).await;
    let item = item(&s, id).await;
    assert_eq!(item.allowance_seconds, 2 * 3600, "weight 1 of 4 of 8 h");
    let (a, b) = (state(&s), state(&s));

    let first = sla::sweep(&a, at(&item, 55)).await.unwrap();
    assert_eq!(first.warnings, 1);
    // Two sweepers at once: one sweeps, the other skips or finds nothing left.
    let (x, y) = tokio::join!(sla::sweep(&a, at(&item, 80)), sla::sweep(&b, at(&item, 80)));
    assert_eq!(x.unwrap().warnings + y.unwrap().warnings, 1);
    // A restarted sweeper repeats a round it already did.
    assert_eq!(sla::sweep(&b, at(&item, 80)).await.unwrap().warnings, 0);
    assert_eq!(sla::sweep(&b, at(&item, 95)).await.unwrap().warnings, 1);
    let (x, y) = tokio::join!(
        sla::sweep(&a, at(&item, 101)),
        sla::sweep(&b, at(&item, 101))
    );
    assert_eq!(x.unwrap().breaches + y.unwrap().breaches, 1);
    assert_eq!(
        sla::sweep(&a, at(&item, 150)).await.unwrap(),
        sla::SweepReport::default()
    );

    // Assignee and owner (30) each: 3 warnings and 1 breach.
    assert_eq!(
        outbox(&s, "notifications.send_sla_warning_notification").await,
        6
    );
    assert_eq!(
        outbox(&s, "notifications.send_sla_breach_notification").await,
        2
    );
    let (_, view) = get(&s, &agent(2), &format!("/tasks/{id}/sla/")).await;
    assert_eq!(view["items"][0]["warnings_sent"], json!([50, 75, 90]));
    assert_eq!(view["items"][0]["breached"], true);
    assert_eq!(view["items"][0]["status"], "breached");
    let (_, task) = get(&s, &agent(2), &format!("/tasks/{id}/")).await;
    let history: Vec<&str> = task["items"][0]["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["status"].as_str().unwrap())
        .collect();
    assert_eq!(history, vec!["new", "breached"]);

    // A breached item is still its assignee's to finish.
    let assignee = item.assignee_id;
    let (status, moved) = send(
        &s,
        Method::POST,
        &agent(assignee),
        &format!("/tasks/{id}/transition/"),
        json!({"transition_id": "submit", "notes": "late but done"}),
    )
    .await;
    assert_eq!(status, 200, "{moved}");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_breach_escalates_when_the_workflow_says_so_and_skipped_thresholds_send_one_warning() {
    let s = start().await;
    let id = task(&s, true).await;
    let item = item(&s, id).await;
    // The sweeper comes by late: 50 and 75 are passed unsent, only 90 % is announced.
    let report = sla::sweep(&state(&s), at(&item, 92)).await.unwrap();
    assert_eq!(report.warnings, 1);
    assert_eq!(
        outbox(&s, "notifications.send_sla_warning_notification").await,
        2
    );
    let report = sla::sweep(&state(&s), at(&item, 120)).await.unwrap();
    assert_eq!((report.breaches, report.escalations), (1, 1));
    let (_, task) = get(&s, &agent(2), &format!("/tasks/{id}/")).await;
    let items = task["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(
        (items[0]["status"].as_str(), items[1]["origin"].as_str()),
        (Some("escalated"), Some("escalation"))
    );
    assert_eq!(
        items[1]["assignee_id"], 9,
        "the only member of the escalation role"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pause_while_on_hold_moves_the_targets_by_its_working_time() {
    let s = start().await;
    let id = task(&s, false).await;
    let before = item(&s, id).await;
    let mut conn = s.db.connect().await;
    let t = task_store::find(&mut conn, id).await.unwrap().unwrap();
    let hold = before.assigned_at + chrono::Duration::minutes(30);
    assert!(
        sla::apply_ticket_status(&mut conn, &t, "On Hold", hold)
            .await
            .unwrap()
    );
    assert!(
        !sla::apply_ticket_status(&mut conn, &t, "Pending", hold)
            .await
            .unwrap(),
        "already paused"
    );
    // While paused, nothing is swept, however late it gets.
    assert_eq!(
        sla::sweep(&state(&s), at(&before, 300)).await.unwrap(),
        sla::SweepReport::default()
    );
    assert!(
        sla::apply_ticket_status(
            &mut conn,
            &t,
            "In Progress",
            hold + chrono::Duration::hours(2)
        )
        .await
        .unwrap()
    );
    let after = item(&s, id).await;
    assert_eq!(
        after.target_at - before.target_at,
        chrono::Duration::hours(2)
    );
    let t2 = task_store::find(&mut conn, id).await.unwrap().unwrap();
    assert_eq!(t2.target_at - t.target_at, chrono::Duration::hours(2));
    let (_, view) = get(&s, &agent(2), &format!("/tasks/{id}/sla/")).await;
    assert_eq!(view["pauses"][0]["working_seconds"], 7200);
    assert_eq!(view["paused"], false);

    // The same through the ticket's own status updates.
    s.vhost
        .publish(
            "TICKET_TASKS_PRODUCTION",
            &fixture("receive_ticket", |t| {
                t["sub_category"] = json!(null);
                t["status"] = json!("On Hold");
            }),
        )
        .await;
    eventually("the pause", Duration::from_secs(10), || async {
        (count(
            &s,
            "SELECT count(*) AS n FROM task_pauses WHERE ended_at IS NULL",
        )
        .await
            == 1)
            .then_some(())
    })
    .await;
    s.vhost
        .publish(
            "TICKET_TASKS_PRODUCTION",
            &fixture("receive_ticket", |t| {
                t["sub_category"] = json!(null);
                t["status"] = json!("Open");
            }),
        )
        .await;
    eventually("the pause to end", Duration::from_secs(10), || async {
        (count(
            &s,
            "SELECT count(*) AS n FROM task_pauses WHERE ended_at IS NULL",
        )
        .await
            == 0)
            .then_some(())
    })
    .await;
    assert_eq!(count(&s, "SELECT count(*) AS n FROM task_pauses").await, 2);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn targets_count_only_business_hours_of_the_workflows_calendar() {
    use workflow_api::domain::calendar::Calendar;
    let s = start().await;
    seed_roles(&s).await;
    let office = Calendar::office_hours(
        "Asia/Manila",
        chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
    );
    let mut body = json!({
        "name": "Office hours", "department": "IT Department", "category": "IT Support",
        "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H",
        "graph": crate::graph(), "calendar": office,
    });
    let mut broken = body.clone();
    broken["calendar"]["time_zone"] = json!("Mars/Olympus_Mons");
    let (status, e) = send(&s, Method::POST, &admin(), "/workflows/", broken).await;
    assert_eq!(
        (status, e["error"]["fields"][0]["field"].as_str()),
        (422, Some("calendar")),
        "{e}"
    );

    body["name"] = json!("Office hours");
    let (status, w) = send(&s, Method::POST, &admin(), "/workflows/", body).await;
    assert_eq!(status, 201, "{w}");
    let id = w["id"].as_i64().unwrap();
    assert_eq!(
        send(
            &s,
            Method::POST,
            &admin(),
            &format!("/workflows/{id}/publish/"),
            json!({})
        )
        .await
        .0,
        201
    );
    let (task_id, _) = crate::ingest_reference_ticket(&s).await;
    let item = item(&s, task_id).await;
    // Triage: 2 h of office time from whenever the ticket arrived.
    assert_eq!(
        item.target_at,
        office.add_working(item.assigned_at, chrono::Duration::hours(2))
    );
    let (_, view) = get(&s, &agent(2), &format!("/tasks/{task_id}/sla/")).await;
    assert_eq!(view["calendar"]["time_zone"], "Asia/Manila");

    // The warning carries the calendar's zone and the task, so people read its times and can
    // open the task.
    let just_before = item.target_at - chrono::Duration::minutes(1);
    let report = sla::sweep(&state(&s), just_before).await.unwrap();
    assert_eq!(report.warnings, 1);
    let zoned = format!(
        "SELECT count(*) AS n FROM outbox_messages \
         WHERE task = 'notifications.send_sla_warning_notification' \
           AND message::text LIKE '%\"time_zone\": \"Asia/Manila\"%' \
           AND message::text LIKE '%\"task_id\": {task_id}%'"
    );
    assert!(count(&s, &zoned).await >= 1, "{zoned}");
    s.finish().await;
}
