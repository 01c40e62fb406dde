//! The lists of tickets and audit events page in the one style: `?limit=&cursor=` →
//! `{items, next_cursor}`, every item once; the deprecated parameters still work; every problem
//! of a query is reported at once.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::{Value, json};
use tts_shared::testing::{assert_walked_exactly, walk_pages};
use workflow_api::schema::audit_events;
use workflow_api::store::audit::{self, Actor};

use crate::{admin, agent, get, start};

fn with_cursor(path: &str, cursor: Option<String>) -> String {
    match cursor {
        Some(c) => format!("{path}&cursor={c}"),
        None => path.to_string(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn listing_audit_events_walks_every_page_once() {
    let s = start().await;
    let mut conn = s.db.connect().await;
    for n in 0..250 {
        audit::record(
            &mut conn,
            Actor::User(7),
            "task.transition",
            ("task", &n.to_string()),
            None,
            Some(json!({"n": n})),
        )
        .await
        .unwrap();
    }
    let ids: Vec<i64> = audit_events::table
        .select(audit_events::id)
        .load(&mut conn)
        .await
        .unwrap();
    let expected: Vec<Value> = ids.iter().map(|id| json!(id)).collect();
    let walked = walk_pages(100, |cursor| {
        let s = &s;
        async move {
            let (status, page) = get(
                s,
                &admin(),
                &with_cursor("/audit/events/?limit=100", cursor),
            )
            .await;
            assert_eq!(status, 200, "{page}");
            page
        }
    })
    .await;
    assert_walked_exactly(&walked, "id", &expected);

    // The deprecated `before` still pages by id, newest first.
    let newest = ids.iter().max().unwrap();
    let (status, page) = get(
        &s,
        &admin(),
        &format!("/audit/events/?before={newest}&limit=3"),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["items"][0]["id"], json!(newest - 1));

    // Every problem at once, each naming its parameter.
    let (status, body) = get(
        &s,
        &admin(),
        "/audit/events/?limit=0&cursor=nope&from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z",
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let fields: Vec<&str> = tts_shared::testing::error_fields(&body);
    assert_eq!(fields, ["limit", "cursor", "to"], "{body}");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn listing_ticket_snapshots_walks_every_page_once() {
    let s = start().await;
    let mut conn = s.db.connect().await;
    diesel::sql_query(
        "INSERT INTO tickets (ticket_number, subject, priority, status, payload)
         SELECT 'TX20261201' || lpad(n::text, 6, '0'), 'Ticket ' || n, 'Medium', 'New', '{}'
           FROM generate_series(1, 250) n",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    let expected: Vec<Value> = (1..=250)
        .map(|n| json!(format!("TX20261201{n:06}")))
        .collect();
    let walked = walk_pages(100, |cursor| {
        let s = &s;
        async move {
            let (status, page) =
                get(s, &agent(2), &with_cursor("/tickets/?limit=100", cursor)).await;
            assert_eq!(status, 200, "{page}");
            page
        }
    })
    .await;
    assert_walked_exactly(&walked, "ticket_number", &expected);
    assert_eq!(walked[0]["ticket_number"], "TX20261201000250");

    // The deprecated `after` still works.
    let (_, page) = get(&s, &agent(2), "/tickets/?after=TX20261201000003").await;
    let numbers: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["ticket_number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["TX20261201000002", "TX20261201000001"]);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_work_list_query_names_every_parameter_at_once() {
    let s = start().await;
    let (status, body) = get(
        &s,
        &agent(7),
        "/tasks/mine/?limit=500&sort=oldest&status=lost&priority=urgent",
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let fields: Vec<&str> = tts_shared::testing::error_fields(&body);
    assert_eq!(fields, ["limit", "sort", "status", "priority"], "{body}");
    let (status, body) = get(&s, &agent(7), "/tasks/mine/?before=5").await;
    assert_eq!(status, 200, "a bare `before` selects sort=newest: {body}");
    s.finish().await;
}
