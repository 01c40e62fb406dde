//! Creating, reading, listing and changing tickets.

use std::collections::HashSet;

use serde_json::{Value, json};
use tts_shared::testing::TestService;

use crate::{QUEUE, admin, agent, count, create, employee, get, start};

fn is_ticket_number(n: &str) -> bool {
    n.len() == 16 && n.starts_with("TX") && n[2..].chars().all(|c| c.is_ascii_digit())
}

#[tokio::test(flavor = "multi_thread")]
async fn create_returns_201_with_a_tx_number_and_the_requester_is_the_caller() {
    let s = start(&[]).await;
    let (status, body) = create(
        &s,
        &employee(5),
        json!({"subject": "Printer jam", "priority": "High"}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let number = body["ticket_number"].as_str().unwrap();
    assert!(is_ticket_number(number), "{number}");
    let today = chrono::Utc::now().format("%Y%m%d").to_string();
    assert_eq!(&number[2..10], today);
    assert_eq!(body["status"], "New");
    assert_eq!(body["priority"], "High");
    assert_eq!(body["requester"]["user_id"], 5);
    assert_eq!(body["requester"]["user_type"], "employee");
    assert_eq!(body["version"], 1);
    let (_, medium) = create(&s, &employee(5), json!({"subject": "Defaults"})).await;
    assert_eq!(medium["priority"], "Medium", "missing priority is Medium");

    let metrics = tts_shared::testing::eventually(
        "the metrics",
        std::time::Duration::from_secs(10),
        || async {
            let text = s
                .http
                .get(s.url("/metrics"))
                .send()
                .await
                .ok()?
                .text()
                .await
                .ok()?;
            (text.contains("tickets_created_total{source=\"api\"}")
                && text.contains("outbox_pending"))
            .then_some(text)
        },
    )
    .await;
    assert!(metrics.contains("outbox_published_total"), "{metrics}");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn same_idempotency_key_gives_one_ticket_and_the_same_answer() {
    let s = start(&[]).await;
    let post = |body: Value, key: &'static str| {
        s.http
            .post(s.url("/tickets/"))
            .bearer_auth(employee(8))
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
    };
    let first = post(json!({"subject": "VPN down"}), "key-1").await.unwrap();
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let again = post(json!({"subject": "VPN down"}), "key-1").await.unwrap();
    assert_eq!(again.status(), 201);
    assert_eq!(again.json::<Value>().await.unwrap(), first, "same response");
    assert_eq!(count(&s, "tickets").await, 1);

    let other = post(json!({"subject": "Something else"}), "key-1")
        .await
        .unwrap();
    assert_eq!(other.status(), 422);
    let body: Value = other.json().await.unwrap();
    assert_eq!(body["error"]["code"], "idempotency_key_reused");
    assert_eq!(count(&s, "tickets").await, 1);

    // Another user's key space is their own.
    let theirs = s
        .http
        .post(s.url("/tickets/"))
        .bearer_auth(employee(9))
        .header("Idempotency-Key", "key-1")
        .json(&json!({"subject": "Mine"}))
        .send()
        .await
        .unwrap();
    assert_eq!(theirs.status(), 201);
    assert_eq!(count(&s, "tickets").await, 2);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_hundred_concurrent_creates_get_distinct_numbers_and_one_hand_off_each() {
    let s = start(&[]).await;
    let creates = (0..200).map(|i| {
        let s = &s;
        async move {
            create(
                s,
                &employee(1000 + i),
                json!({"subject": format!("Ticket {i}")}),
            )
            .await
        }
    });
    let results = futures_util::future::join_all(creates).await;
    let numbers: HashSet<String> = results
        .iter()
        .map(|(status, body)| {
            assert_eq!(*status, 201, "{body}");
            body["ticket_number"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(numbers.len(), 200);

    let messages = s.vhost.take(QUEUE, 200).await;
    let handed: HashSet<String> = messages
        .iter()
        .map(|m| m.args[0]["ticket_number"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(handed, numbers, "each ticket handed off exactly once");
    assert_eq!(s.vhost.depth(QUEUE).await, 0, "no second message");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_gets_a_4xx_naming_the_problem_and_writes_nothing() {
    let s = start(&[]).await;
    let token = employee(3);
    let cases = [
        (json!({"description": "no subject"}), 422, "subject"),
        (
            json!({"subject": "x", "priority": "Urgent"}),
            422,
            "priority",
        ),
        (
            json!({"subject": "x", "data": {"blob": "y".repeat(70 * 1024)}}),
            422,
            "data",
        ),
        (json!({"subject": "x", "data": [1, 2]}), 422, "data"),
        (json!({"subject": "x".repeat(256)}), 422, "subject"),
        (json!({"subject": "x", "colour": "red"}), 422, "colour"),
    ];
    for (body, expected, field) in cases {
        let (status, error) = create(&s, &token, body).await;
        assert_eq!(status, expected, "{error}");
        let fields: Vec<&str> = tts_shared::testing::error_fields(&error);
        assert!(fields.contains(&field), "{field} in {error}");
    }
    let malformed = s
        .http
        .post(s.url("/tickets/"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{\"subject\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    let wrong_type = s
        .http
        .post(s.url("/tickets/"))
        .bearer_auth(&token)
        .header("content-type", "text/plain")
        .body("subject=x")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_type.status(), 415);
    let anonymous = s
        .http
        .post(s.url("/tickets/"))
        .json(&json!({"subject": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);

    assert_eq!(count(&s, "tickets").await, 0, "nothing written");
    assert_eq!(count(&s, "outbox_messages").await, 0, "nothing handed off");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn employees_see_their_own_tickets_and_agents_see_all() {
    let s = start(&[]).await;
    let (_, a) = create(
        &s,
        &employee(21),
        json!({"subject": "A's laptop", "department": "IT"}),
    )
    .await;
    let (_, b) = create(
        &s,
        &employee(22),
        json!({"subject": "B's phone", "department": "HR"}),
    )
    .await;
    // Staff user 21 is not employee 21.
    let (_, c) = create(
        &s,
        &tts_shared::testing::token(21, tts_shared::auth::UserType::Staff, &[]),
        json!({"subject": "Staff 21"}),
    )
    .await;
    let a_number = a["ticket_number"].as_str().unwrap();

    let (_, mine) = get(&s, &employee(21), "/tickets/").await;
    let subjects: Vec<&str> = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, vec!["A's laptop"]);

    let (status, not_yours) = get(&s, &employee(22), &format!("/tickets/{a_number}/")).await;
    assert_eq!(
        status, 404,
        "another requester's ticket is not found: {not_yours}"
    );
    let (status, _) = get(&s, &employee(21), "/tickets/TX20990101000000/").await;
    assert_eq!(status, 404);

    let (_, all) = get(&s, &agent(1), "/tickets/").await;
    assert_eq!(all["items"].as_array().unwrap().len(), 3);
    let (status, detail) = get(&s, &agent(1), &format!("/tickets/{a_number}/")).await;
    assert_eq!(status, 200);
    assert_eq!(detail["attachments"], json!([]));

    let (_, hr) = get(&s, &agent(1), "/tickets/?department=HR").await;
    assert_eq!(hr["items"][0]["ticket_number"], b["ticket_number"]);
    let (_, found) = get(&s, &agent(1), "/tickets/?q=laptop").await;
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    let (_, by_number) = get(
        &s,
        &agent(1),
        &format!("/tickets/?q={}", c["ticket_number"].as_str().unwrap()),
    )
    .await;
    assert_eq!(by_number["items"][0]["subject"], "Staff 21");
    let (status, bad) = get(&s, &agent(1), "/tickets/?status=Lost").await;
    assert_eq!(status, 422, "{bad}");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn cursor_pagination_walks_every_ticket_once() {
    let s = start(&[]).await;
    for i in 0..7 {
        create(&s, &employee(30), json!({"subject": format!("T{i}")})).await;
    }
    let mut seen = Vec::new();
    let mut path = "/tickets/?limit=3".to_string();
    loop {
        let (status, page) = get(&s, &employee(30), &path).await;
        assert_eq!(status, 200, "{page}");
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["subject"].as_str().unwrap().to_string()),
        );
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/tickets/?limit=3&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, vec!["T6", "T5", "T4", "T3", "T2", "T1", "T0"]);
    s.finish().await;
}

async fn patch(
    s: &TestService,
    token: &str,
    number: &str,
    if_match: Option<&str>,
    body: Value,
) -> (u16, Value) {
    let mut r = s
        .http
        .patch(s.url(&format!("/tickets/{number}/")))
        .bearer_auth(token)
        .json(&body);
    if let Some(v) = if_match {
        r = r.header("If-Match", v);
    }
    let r = r.send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn requester_edits_while_new_with_if_match_and_may_withdraw() {
    let s = start(&[]).await;
    let (_, t) = create(&s, &employee(40), json!({"subject": "Old subject"})).await;
    let n = t["ticket_number"].as_str().unwrap();

    let (status, stale) = patch(
        &s,
        &employee(40),
        n,
        Some("\"7\""),
        json!({"subject": "New"}),
    )
    .await;
    assert_eq!(status, 412, "{stale}");
    let (status, updated) = patch(
        &s,
        &employee(40),
        n,
        Some("\"1\""),
        json!({"subject": "New subject"}),
    )
    .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(
        (updated["subject"].as_str(), updated["version"].as_i64()),
        (Some("New subject"), Some(2))
    );

    let (status, _) = patch(&s, &employee(41), n, None, json!({"subject": "Hijack"})).await;
    assert_eq!(status, 404, "someone else's ticket");
    let (status, _) = patch(&s, &agent(2), n, None, json!({"subject": "Agent edit"})).await;
    assert_eq!(status, 403, "agents see but do not edit");
    let (status, e) = patch(&s, &employee(40), n, None, json!({"status": "Resolved"})).await;
    assert_eq!(
        (status, e["error"]["fields"][0]["field"].as_str()),
        (422, Some("status"))
    );
    let (status, withdrawn) =
        patch(&s, &employee(40), n, None, json!({"status": "Withdrawn"})).await;
    assert_eq!(
        (status, withdrawn["status"].as_str()),
        (200, Some("Withdrawn"))
    );
    let (status, _) = patch(&s, &employee(40), n, None, json!({"subject": "Too late"})).await;
    assert_eq!(
        status, 403,
        "only New or Open tickets are editable by the requester"
    );
    let (status, reopened) = patch(&s, &admin(1), n, None, json!({"status": "Open"})).await;
    assert_eq!((status, reopened["status"].as_str()), (200, Some("Open")));
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn another_service_reads_any_ticket_by_api_key_and_a_wrong_key_reads_none() {
    let s = start(&[]).await;
    let (_, ticket) = create(&s, &employee(5), json!({"subject": "VPN down"})).await;
    let path = format!("/tickets/{}/", ticket["ticket_number"].as_str().unwrap());
    let read = |key: &'static str| s.http.get(s.url(&path)).header("x-api-key", key).send();
    let r = read(tts_shared::testing::HELPDESK_KEY).await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["requester"]["user_id"], 5);
    assert_eq!(body["requester"]["user_type"], "employee");
    let wrong = read("not-a-key").await.unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    // People still see only their own.
    let (status, _) = get(&s, &employee(6), &path).await;
    assert_eq!(status, 404);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_service_key_may_do_only_what_its_scopes_say() {
    const READER: &str = "reader-key-0123456789abcdef";
    const WRITER: &str = "writer-key-0123456789abcdef";
    let keys = format!("reader={READER} tickets:read,writer={WRITER} helpdesk:upsert");
    let s = start(&[("service_api_keys", keys.as_str())]).await;
    let (_, ticket) = create(&s, &employee(5), json!({"subject": "VPN down"})).await;
    let path = format!("/tickets/{}/", ticket["ticket_number"].as_str().unwrap());
    let helpdesk_ticket = ticket_service::examples::helpdesk_ticket();
    let send = |key: &'static str| {
        s.http
            .post(s.url("/tickets/send/"))
            .header("x-api-key", key)
            .json(&helpdesk_ticket)
            .send()
    };

    let refused = send(READER).await.unwrap();
    assert_eq!(refused.status().as_u16(), 403);
    let body: Value = refused.json().await.unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("helpdesk:upsert"),
        "{body}"
    );
    let read = s.http.get(s.url(&path)).header("x-api-key", READER).send();
    assert_eq!(read.await.unwrap().status().as_u16(), 200);

    let upserted = send(WRITER).await.unwrap();
    assert_eq!(upserted.status().as_u16(), 201);
    let read = s.http.get(s.url(&path)).header("x-api-key", WRITER).send();
    let read = read.await.unwrap();
    assert_eq!(read.status().as_u16(), 403);
    let body: Value = read.json().await.unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("tickets:read"),
        "{body}"
    );
    s.finish().await;
}

fn fields_named(body: &Value) -> Vec<&str> {
    let mut fields: Vec<&str> = tts_shared::testing::error_fields(body);
    fields.sort();
    fields
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_header_is_reported_with_the_bodys_problems_in_one_422() {
    let s = start(&[]).await;
    let r = s
        .http
        .post(s.url("/tickets/"))
        .bearer_auth(employee(41))
        .header("Idempotency-Key", "k".repeat(256))
        .json(&json!({"subject": "  ", "data": [1]}))
        .send()
        .await
        .unwrap();
    let (status, body): (u16, Value) = (r.status().as_u16(), r.json().await.unwrap());
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "validation_failed");
    assert_eq!(fields_named(&body), ["Idempotency-Key", "data", "subject"]);
    assert_eq!(count(&s, "tickets").await, 0, "nothing written");

    let (_, t) = create(&s, &employee(41), json!({"subject": "Printer jammed"})).await;
    let number = t["ticket_number"].as_str().unwrap();
    let (status, body) = patch(
        &s,
        &employee(41),
        number,
        Some("\"three\""),
        json!({"subject": "x".repeat(256)}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields_named(&body), ["If-Match", "subject"]);
    let (_, after) = get(&s, &employee(41), &format!("/tickets/{number}/")).await;
    assert_eq!(after["version"], 1, "nothing changed");
    s.finish().await;
}
