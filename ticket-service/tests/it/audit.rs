//! The ticket audit log: every create, change and helpdesk upsert, who made it, when, and which
//! fields went from what to what; for `tts:Admin` staff only.

use serde_json::{Value, json};
use tts_shared::auth::UserType;
use tts_shared::testing::{self, TestService};

use crate::record::{helpdesk_ticket, send};
use crate::{admin, agent, count, create, employee, get, start};

async fn patch(s: &TestService, token: &str, number: &str, body: Value) -> (u16, Value) {
    let r = s
        .http
        .patch(s.url(&format!("/tickets/{number}/")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

async fn audit(s: &TestService, query: &str) -> Value {
    let (status, page) = get(s, &admin(1), &format!("/audit/{query}")).await;
    assert_eq!(status, 200, "{page}");
    page
}

fn actions(page: &Value) -> Vec<&str> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn creates_changes_and_helpdesk_upserts_are_audited_with_who_when_and_from_to() {
    let s = start(&[]).await;
    let before = chrono::Utc::now() - chrono::Duration::seconds(1);
    let (_, t) = create(
        &s,
        &employee(14),
        json!({"subject": "Printer jam", "category": "IT Support"}),
    )
    .await;
    let n = t["ticket_number"].as_str().unwrap().to_string();
    let (status, _) = patch(
        &s,
        &admin(2),
        &n,
        json!({"priority": "High", "subject": "Printer jam, tray 2"}),
    )
    .await;
    assert_eq!(status, 200);
    // A change that changes nothing is not an event.
    assert_eq!(
        patch(
            &s,
            &employee(14),
            &n,
            json!({"subject": "Printer jam, tray 2"})
        )
        .await
        .0,
        200
    );
    let (status, _) = send(&s, &helpdesk_ticket(|_| {})).await;
    assert_eq!(status, 201);

    let page = audit(&s, "").await;
    assert_eq!(
        actions(&page),
        vec!["ticket.upserted", "ticket.updated", "ticket.created"],
        "newest first"
    );
    let upsert = &page["items"][0];
    assert_eq!(
        (upsert["actor_type"].as_str(), upsert["actor_name"].as_str()),
        (Some("service"), Some("helpdesk"))
    );
    assert_eq!(upsert["target_id"], "TX20251231962083");
    let update = &page["items"][1];
    assert_eq!(
        (update["actor_type"].as_str(), update["actor_id"].as_i64()),
        (Some("staff"), Some(2))
    );
    assert_eq!(update["target_id"], n.as_str());
    assert_eq!(
        update["changes"],
        json!({"priority": {"from": "Medium", "to": "High"}, "subject": {"from": "Printer jam", "to": "Printer jam, tray 2"}})
    );
    assert!(update["at"].as_str().unwrap() > before.to_rfc3339().as_str());
    let created = &page["items"][2];
    assert_eq!(
        (created["actor_type"].as_str(), created["actor_id"].as_i64()),
        (Some("employee"), Some(14))
    );
    assert_eq!(
        created["changes"]["subject"],
        json!({"from": null, "to": "Printer jam"})
    );
    assert_eq!(
        created["changes"]["status"],
        json!({"from": null, "to": "New"})
    );

    // Filters: actor, action, target, time range.
    assert_eq!(
        actions(&audit(&s, "?actor=14&actor_type=employee").await),
        vec!["ticket.created"]
    );
    assert_eq!(
        actions(&audit(&s, "?action=ticket.updated").await),
        vec!["ticket.updated"]
    );
    assert_eq!(
        actions(&audit(&s, &format!("?target={n}")).await),
        vec!["ticket.updated", "ticket.created"]
    );
    let later = (chrono::Utc::now() + chrono::Duration::seconds(5)).to_rfc3339();
    let later = later.replace('+', "%2B");
    assert_eq!(
        actions(&audit(&s, &format!("?from={later}")).await).len(),
        0
    );
    assert_eq!(actions(&audit(&s, &format!("?to={later}")).await).len(), 3);

    // Cursor paging.
    let first = audit(&s, "?limit=2").await;
    assert_eq!(actions(&first), vec!["ticket.upserted", "ticket.updated"]);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = audit(&s, &format!("?limit=2&cursor={cursor}")).await;
    assert_eq!(actions(&second), vec!["ticket.created"]);
    assert!(
        second.get("next_cursor").is_none(),
        "the last page has no cursor"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn only_tts_admin_staff_read_the_audit_and_bad_parameters_are_refused_naming_them() {
    let s = start(&[]).await;
    let employee_admin = testing::token(3, UserType::Employee, &["tts:Admin"]);
    for token in [agent(1), employee(14), employee_admin] {
        assert_eq!(get(&s, &token, "/audit/").await.0, 403);
    }
    for (query, field) in [
        ("?limit=0", "limit"),
        ("?limit=201", "limit"),
        ("?cursor=nonsense", "cursor"),
        ("?actor_type=robot", "actor_type"),
        ("?actor=abc", "actor"),
        ("?from=yesterday", "from"),
        ("?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to"),
        ("?colour=red", "colour"),
    ] {
        let (status, body) = get(&s, &admin(1), &format!("/audit/{query}")).await;
        assert!((400..500).contains(&status), "{query}: {status} {body}");
        assert!(
            body.to_string().contains(field),
            "{query} names {field}: {body}"
        );
    }
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_change_writes_no_audit_event() {
    let s = start(&[]).await;
    let (_, t) = create(&s, &employee(14), json!({"subject": "Printer jam"})).await;
    let n = t["ticket_number"].as_str().unwrap().to_string();
    assert_eq!(
        patch(&s, &employee(14), &n, json!({"subject": ""})).await.0,
        422
    );
    assert_eq!(
        patch(&s, &employee(14), &n, json!({"status": "Resolved"}))
            .await
            .0,
        422
    );
    assert_eq!(
        patch(&s, &employee(15), &n, json!({"subject": "Mine now"}))
            .await
            .0,
        404
    );
    let r = s
        .http
        .patch(s.url(&format!("/tickets/{n}/")))
        .bearer_auth(admin(1))
        .header("if-match", "\"7\"")
        .json(&json!({"subject": "Stale"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 412);
    assert_eq!(count(&s, "audit_events").await, 1, "only the create");
    s.finish().await;
}
