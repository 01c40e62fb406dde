//! The caller's work list and the end-logic deliveries page in the one style: `?limit=&cursor=`
//! → `{items, next_cursor}`, every item exactly once.

use diesel_async::RunQueryDsl;
use serde_json::Value;
use tts_shared::testing::{TestService, assert_walked_exactly, walk_pages};

use crate::{admin, agent, get, published_workflow, seed_roles, start};

/// 250 tickets and their tasks of workflow `workflow_id`, each with one open assignment of agent 7 on Triage;
/// written straight to the store (the intake path is tested elsewhere).
async fn tasks_of_7(s: &TestService, workflow_id: i64) {
    let mut conn = s.db.connect().await;
    diesel::sql_query(
        "WITH k AS (
           INSERT INTO tickets (ticket_number, subject, priority, status, payload)
           SELECT 'TX20261202' || lpad(n::text, 6, '0'), 'Ticket ' || n, 'Medium', 'Open', '{}'
             FROM generate_series(1, 250) n
           RETURNING ticket_number),
         t AS (
           INSERT INTO tasks (ticket_number, workflow_id, version, current_step, priority, target_at,
                              allowance_seconds)
           SELECT ticket_number, $1, 1, 'triage', 'Medium', now() + interval '2 hours', 7200
             FROM k
           RETURNING id, target_at)
         INSERT INTO task_items (task_id, step, role_id, assignee_id, origin, target_at, allowance_seconds)
         SELECT id, 'triage', 4, 7, 'assignment', target_at, 7200 FROM t",
    )
    .bind::<diesel::sql_types::BigInt, _>(workflow_id)
    .execute(&mut conn)
    .await
    .unwrap();
}

async fn ids(s: &TestService, query: &str) -> Vec<Value> {
    #[derive(diesel::QueryableByName)]
    struct Id {
        #[diesel(sql_type = diesel::sql_types::Text)]
        id: String,
    }
    let mut conn = s.db.connect().await;
    let rows: Vec<Id> = diesel::sql_query(query).load(&mut conn).await.unwrap();
    rows.into_iter()
        .map(|r| serde_json::from_str(&r.id).unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn listing_my_tasks_newest_first_walks_every_page_once() {
    let s = start().await;
    seed_roles(&s).await;
    let workflow_id = published_workflow(&s, None).await;
    tasks_of_7(&s, workflow_id).await;
    let expected = ids(&s, "SELECT id::text AS id FROM task_items").await;
    assert_eq!(expected.len(), 250);
    let walked = walk_pages(100, |cursor| {
        let s = &s;
        async move {
            let path = match cursor {
                Some(c) => format!("/tasks/mine/?sort=newest&limit=100&cursor={c}"),
                None => "/tasks/mine/?sort=newest&limit=100".to_string(),
            };
            let (status, page) = get(s, &agent(7), &path).await;
            assert_eq!(status, 200, "{page}");
            page
        }
    })
    .await;
    assert_walked_exactly(&walked, "item_id", &expected);
    let first = walked[0]["item_id"].as_i64().unwrap();
    let last = walked[walked.len() - 1]["item_id"].as_i64().unwrap();
    assert!(first > last, "newest first");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn listing_end_logic_deliveries_walks_every_page_once_even_when_created_together() {
    let s = start().await;
    seed_roles(&s).await;
    let workflow_id = published_workflow(&s, None).await;
    tasks_of_7(&s, workflow_id).await;
    // One statement: every delivery has the same `created_at`, so only the id orders them.
    let mut conn = s.db.connect().await;
    diesel::sql_query(
        "INSERT INTO end_logic_deliveries (id, task_id, kind, url, payload)
         SELECT gen_random_uuid(), id, 'webhook', 'https://assets.example.com/hooks/tts', '{}'
           FROM tasks",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    let expected = ids(
        &s,
        "SELECT to_json(id)::text AS id FROM end_logic_deliveries",
    )
    .await;
    assert_eq!(expected.len(), 250);
    let walked = walk_pages(100, |cursor| {
        let s = &s;
        async move {
            let path = match cursor {
                Some(c) => format!("/end-logic/deliveries/?status=pending&limit=100&cursor={c}"),
                None => "/end-logic/deliveries/?status=pending&limit=100".to_string(),
            };
            let (status, page) = get(s, &admin(), &path).await;
            assert_eq!(status, 200, "{page}");
            page
        }
    })
    .await;
    assert_walked_exactly(&walked, "id", &expected);

    // Every problem at once, each naming its parameter.
    let (status, body) = get(
        &s,
        &admin(),
        "/end-logic/deliveries/?status=lost&limit=201&cursor=nope",
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let fields: Vec<&str> = tts_shared::testing::error_fields(&body);
    assert_eq!(fields, ["status", "limit", "cursor"], "{body}");
    s.finish().await;
}
