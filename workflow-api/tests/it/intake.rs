//! Tickets becoming tasks: matching, the first assignment, owner, SLA targets, notification.

use std::collections::HashMap;
use std::time::Duration;

use reqwest::Method;
use serde_json::json;
use tts_shared::events::{AssignmentNotification, CeleryTask};
use tts_shared::testing::{TestService, eventually};

use crate::{admin, agent, count, fixture, get, published_workflow, seed_roles, send, start};

const QUEUE: &str = "TICKET_TASKS_PRODUCTION";

async fn tasks(s: &TestService) -> i64 {
    count(s, "SELECT count(*) AS n FROM tasks").await
}

#[tokio::test(flavor = "multi_thread")]
async fn reference_ticket_becomes_one_task_with_assignee_owner_targets_and_one_notification() {
    let s = start().await;
    seed_roles(&s).await;
    published_workflow(&s, Some("Hardware Troubleshooting")).await;
    let before = chrono::Utc::now();
    s.vhost
        .publish(QUEUE, &fixture("receive_ticket", |_| {}))
        .await;
    eventually("the task", Duration::from_secs(10), || async {
        (tasks(&s).await == 1).then_some(())
    })
    .await;

    #[derive(diesel::QueryableByName, Debug)]
    struct Started {
        #[diesel(sql_type = diesel::sql_types::Text)]
        current_step: String,
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
        owner_id: Option<i64>,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        assignee_id: i64,
        #[diesel(sql_type = diesel::sql_types::Timestamptz)]
        task_target: chrono::DateTime<chrono::Utc>,
        #[diesel(sql_type = diesel::sql_types::Timestamptz)]
        item_target: chrono::DateTime<chrono::Utc>,
        #[diesel(sql_type = diesel::sql_types::Timestamptz)]
        created_at: chrono::DateTime<chrono::Utc>,
    }
    let mut conn = s.db.connect().await;
    let t: Started = diesel_async::RunQueryDsl::get_result(
        diesel::sql_query("SELECT t.current_step, t.owner_id, i.assignee_id, t.target_at AS task_target, i.target_at AS item_target, t.created_at FROM tasks t JOIN task_items i ON i.task_id = t.id"),
        &mut conn,
    )
    .await
    .unwrap();
    assert_eq!(t.current_step, "triage");
    assert!(
        [7, 8].contains(&t.assignee_id),
        "a member of the step's role: {t:?}"
    );
    assert_eq!(t.owner_id, Some(30), "the coordinator owns it");
    assert!(t.created_at >= before - chrono::Duration::seconds(5));
    // High priority: 8 h; Triage has weight 1 of 4, so 2 h.
    assert_eq!((t.task_target - t.created_at).num_minutes(), 8 * 60);
    assert_eq!((t.item_target - t.created_at).num_minutes(), 2 * 60);

    // The assignment, and the requester's ticket_received.
    let notices = s.vhost.take("INAPP_NOTIFICATION_QUEUE", 2).await;
    let notice = AssignmentNotification::from_message(&notices[0]).unwrap();
    assert_eq!(notices[1].task, "notifications.create_inapp_notification");
    assert_eq!(notice.user_id, t.assignee_id);
    assert_eq!(notice.ticket_number, "TX20251231962083");
    assert_eq!(notice.role_name, "Asset Manager");
    let recorded = s.vhost.take("TICKET_STATUS_QUEUE", 1).await;
    assert_eq!(
        recorded[0].task, "tickets.tasks.record_ticket",
        "the helpdesk's direct ticket is reported to the ticket service"
    );
    assert_eq!(
        s.vhost.depth("TICKET_STATUS_QUEUE").await,
        0,
        "In Progress waits for the first action"
    );

    // The same ticket again (a new message) refreshes the snapshot and starts nothing.
    s.vhost
        .publish(
            QUEUE,
            &fixture("receive_ticket", |t| {
                t["subject"] = json!("Laptop will not boot (update)")
            }),
        )
        .await;
    eventually("the second delivery", Duration::from_secs(10), || async {
        let (_, t) = get(&s, &agent(2), "/tickets/TX20251231962083/").await;
        (t["received_count"] == 2).then_some(())
    })
    .await;
    assert_eq!(tasks(&s).await, 1);
    assert_eq!(count(&s, "SELECT count(*) AS n FROM task_items").await, 1);
    assert_eq!(
        s.vhost.depth("INAPP_NOTIFICATION_QUEUE").await,
        0,
        "no second notification"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn round_robin_spreads_300_tickets_evenly_over_7_active_members_with_4_workers() {
    let s = TestService::start(
        workflow_api::SERVICE,
        workflow_api::MIGRATIONS,
        workflow_api::app,
        &[("amqp_concurrency", "4"), ("amqp_prefetch", "8")],
        None,
    )
    .await;
    seed_roles(&s).await;
    // Role 4: members 101..=107 active, 108 and 109 inactive (7 and 8 from seed_roles removed).
    for user in [7, 8] {
        s.http
            .delete(s.url(&format!("/roles/4/members/{user}/")))
            .bearer_auth(admin())
            .send()
            .await
            .unwrap();
    }
    for user in 101..=109 {
        let active = user <= 107;
        send(
            &s,
            Method::PUT,
            &admin(),
            &format!("/roles/4/members/{user}/"),
            json!({"is_active": active}),
        )
        .await;
    }
    published_workflow(&s, None).await;
    for i in 0..300 {
        let message = fixture("receive_ticket", |t| {
            t["ticket_number"] = json!(format!("TX20260101{i:06}"));
            t["sub_category"] = json!(null);
        });
        s.vhost.publish(QUEUE, &message).await;
    }
    eventually("300 tasks", Duration::from_secs(90), || async {
        (tasks(&s).await == 300).then_some(())
    })
    .await;

    #[derive(diesel::QueryableByName)]
    struct Load {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        assignee_id: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut conn = s.db.connect().await;
    let loads: Vec<Load> = diesel_async::RunQueryDsl::load(
        diesel::sql_query("SELECT assignee_id, count(*) AS n FROM task_items GROUP BY assignee_id"),
        &mut conn,
    )
    .await
    .unwrap();
    let loads: HashMap<i64, i64> = loads.into_iter().map(|l| (l.assignee_id, l.n)).collect();
    assert_eq!(loads.len(), 7, "{loads:?}");
    assert!(
        loads.keys().all(|u| (101..=107).contains(u)),
        "inactive members never picked: {loads:?}"
    );
    assert!(loads.values().all(|n| *n == 42 || *n == 43), "{loads:?}");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unmatched_tickets_wait_are_assigned_by_hand_or_allocated_when_a_workflow_is_published() {
    let s = start().await;
    seed_roles(&s).await;
    for n in ["TX20260101000001", "TX20260101000002"] {
        s.vhost
            .publish(
                QUEUE,
                &fixture("receive_ticket", |t| t["ticket_number"] = json!(n)),
            )
            .await;
    }
    let waiting = eventually("two waiting tickets", Duration::from_secs(10), || async {
        let (_, list) = get(&s, &agent(2), "/tickets/?allocated=false").await;
        (list["items"].as_array().map(Vec::len) == Some(2)).then_some(list)
    })
    .await;
    assert!(waiting["items"][0]["workflow_id"].is_null());
    assert_eq!(tasks(&s).await, 0);

    // A paused workflow takes nothing automatically, but can be chosen by hand.
    let (_, w) = send(&s, Method::POST, &admin(), "/workflows/", json!({
        "name": "Manual", "department": "Elsewhere", "category": "Other",
        "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H", "graph": crate::graph(),
    })).await;
    let manual = w["id"].as_i64().unwrap();
    send(
        &s,
        Method::POST,
        &admin(),
        &format!("/workflows/{manual}/publish/"),
        json!({}),
    )
    .await;
    let coordinator = tts_shared::testing::token(
        30,
        tts_shared::auth::UserType::Staff,
        &["tts:Ticket Coordinator"],
    );
    let (status, started) = send(
        &s,
        Method::POST,
        &coordinator,
        "/tickets/TX20260101000001/assign-workflow/",
        json!({"workflow_id": manual}),
    )
    .await;
    assert_eq!(status, 200, "{started}");
    let (status, _) = send(
        &s,
        Method::POST,
        &coordinator,
        "/tickets/TX20260101000001/assign-workflow/",
        json!({"workflow_id": manual}),
    )
    .await;
    assert_eq!(status, 409, "already has a task");
    let (status, _) = send(
        &s,
        Method::POST,
        &agent(2),
        "/tickets/TX20260101000002/assign-workflow/",
        json!({"workflow_id": manual}),
    )
    .await;
    assert_eq!(status, 403);

    // Publishing a matching workflow allocates the other one.
    published_workflow(&s, Some("Hardware Troubleshooting")).await;
    let (_, t) = get(&s, &agent(2), "/tickets/TX20260101000002/").await;
    assert!(t["workflow_id"].is_i64(), "{t}");
    assert_eq!(tasks(&s).await, 2);
    let (_, list) = get(&s, &agent(2), "/tickets/?allocated=false").await;
    assert_eq!(list, json!({"items": []}));
    s.finish().await;
}
