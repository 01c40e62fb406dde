//! Every list walks page by page (`limit=100` over 250 items) with nothing missing or repeated.

use serde_json::{Value, json};
use ticket_service::store::audit::{self, Actor};
use ticket_service::store::tickets::{self, TicketFields};
use tts_shared::testing::{TestService, assert_walked_exactly, walk_pages};

use crate::{admin, agent, get, start};

fn fields(i: usize) -> TicketFields {
    TicketFields {
        subject: format!("Printer {i} is jammed"),
        description: String::new(),
        category: None,
        sub_category: None,
        department: None,
        priority: "Medium".into(),
        status: "New".into(),
        requester_id: Some(14),
        requester_type: Some("employee".into()),
        requester_email: None,
        requester_name: None,
        data: json!({}),
        helpdesk_extra: json!({}),
    }
}

async fn walk(s: &TestService, token: &str, path: &str) -> Vec<Value> {
    walk_pages(100, |cursor| async move {
        let url = match cursor {
            None => format!("{path}?limit=100"),
            Some(c) => format!("{path}?limit=100&cursor={c}"),
        };
        let (status, page) = get(s, token, &url).await;
        assert_eq!(status, 200, "{url}: {page}");
        page
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn listing_tickets_walks_every_page_once() {
    let s = start(&[]).await;
    let mut conn = s.platform.db().conn().await.unwrap();
    let mut numbers = Vec::new();
    for i in 0..250 {
        let number = format!("TX20261201{i:06}");
        tickets::insert(&mut conn, &number, "api", &fields(i))
            .await
            .unwrap()
            .unwrap();
        numbers.push(json!(number));
    }
    drop(conn);
    let items = walk(&s, &agent(7), "/tickets/").await;
    assert_walked_exactly(&items, "ticket_number", &numbers);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn listing_audit_events_walks_every_page_once() {
    let s = start(&[]).await;
    let mut conn = s.platform.db().conn().await.unwrap();
    let mut targets = Vec::new();
    for i in 0..250 {
        let number = format!("HD-{i}");
        audit::record(
            &mut conn,
            Actor::System("workflow-engine"),
            "ticket.recorded",
            &number,
            json!({"subject": {"from": null, "to": "Printer jammed"}}),
        )
        .await
        .unwrap();
        targets.push(json!(number));
    }
    drop(conn);
    let items = walk(&s, &admin(3), "/audit/").await;
    assert_walked_exactly(&items, "target_id", &targets);
    s.finish().await;
}
