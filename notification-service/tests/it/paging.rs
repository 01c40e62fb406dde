//! Every list walks page by page with nothing missing or repeated: the caller's notifications
//! (`limit=100` over 250, with and without a filter), and the complete one-page lists.

use notification_service::domain::render::TYPES;
use notification_service::store::{self, NewNotification};
use serde_json::{Value, json};
use tts_shared::testing::{SmtpSink, TestService, assert_walked_exactly, walk_pages};

use crate::{get, staff, start};

async fn walk(s: &TestService, token: &str, path: &str) -> Vec<Value> {
    walk_pages(100, |cursor| async move {
        let url = match cursor {
            None => format!("{path}limit=100"),
            Some(c) => format!("{path}limit=100&cursor={c}"),
        };
        let (status, page) = get(s, token, &url).await;
        assert_eq!(status, 200, "{url}: {page}");
        page
    })
    .await
}

/// 250 notifications for staff 7 (every fifth unread, the rest read), and a few for others.
async fn notifications(s: &TestService) -> (Vec<Value>, Vec<Value>) {
    let mut conn = s.platform.db().conn().await.unwrap();
    let metadata = json!({"task_id": 12});
    let (mut all, mut unread) = (Vec::new(), Vec::new());
    for i in 0..260 {
        let (user_type, user_id) = match i {
            0..250 => ("staff", 7),
            250..255 => ("staff", 8),
            _ => ("employee", 7),
        };
        let subject = format!("Task {i} assigned");
        let n = store::insert(
            &mut conn,
            &NewNotification {
                user_id,
                user_type,
                notification_type: "task_assignment",
                subject: &subject,
                message: "You were assigned a task.",
                related_ticket_number: Some("TX20261201000042"),
                metadata: &metadata,
            },
        )
        .await
        .unwrap();
        if i >= 250 {
            continue;
        }
        if i % 5 == 0 {
            unread.push(json!(n.id));
        } else {
            store::mark_read(&mut conn, ("staff", 7), n.id)
                .await
                .unwrap();
        }
        all.push(json!(n.id));
    }
    (all, unread)
}

#[tokio::test(flavor = "multi_thread")]
async fn listing_notifications_walks_every_page_once() {
    let smtp = SmtpSink::start().await;
    let s = start(&smtp).await;
    let (all, unread) = notifications(&s).await;
    let items = walk(&s, &staff(7), "/notifications/?").await;
    assert_walked_exactly(&items, "id", &all);
    let items = walk(
        &s,
        &staff(7),
        "/notifications/?unread=true&type=task_assignment&",
    )
    .await;
    assert_walked_exactly(&items, "id", &unread);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bare_id_cursor_of_earlier_releases_still_pages() {
    let smtp = SmtpSink::start().await;
    let s = start(&smtp).await;
    let (all, _) = notifications(&s).await;
    let newest = all.last().unwrap().as_i64().unwrap();
    let (status, page) = get(
        &s,
        &staff(7),
        &format!("/notifications/?limit=200&cursor={newest}"),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    let ids: Vec<i64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 200);
    assert!(
        ids.iter().all(|id| *id < newest),
        "older than the cursor only"
    );
    let next = page["next_cursor"].as_str().unwrap();
    assert!(
        next.parse::<i64>().is_err(),
        "the answer's cursor is opaque: {next}"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn complete_lists_come_as_one_page_of_items() {
    let smtp = SmtpSink::start().await;
    let s = start(&smtp).await;
    let types: Vec<Value> = TYPES.iter().map(|t| json!(t)).collect();
    let service = &s;
    for path in ["/notifications/types/", "/preferences/"] {
        let items = walk_pages(100, |cursor| async move {
            assert_eq!(cursor, None, "{path} is one page");
            let (status, page) = get(service, &staff(7), path).await;
            assert_eq!(status, 200, "{path}: {page}");
            page
        })
        .await;
        let items: Vec<Value> = match path {
            "/preferences/" => items
                .iter()
                .map(|p| json!({"t": p["notification_type"]}))
                .collect(),
            _ => items.into_iter().map(|t| json!({"t": t})).collect(),
        };
        assert_walked_exactly(&items, "t", &types);
    }
    s.finish().await;
}
