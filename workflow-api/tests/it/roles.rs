//! The roles cache: filled by the auth service's Celery messages, or by an admin.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use tts_shared::testing::eventually;

use crate::{admin, agent, fixture, get, requester, send, start};

const QUEUE: &str = "tts.role.sync";

#[tokio::test(flavor = "multi_thread")]
async fn role_syncs_fill_the_cache_and_deletes_and_inactive_members_are_respected() {
    let s = start().await;
    s.vhost.publish(QUEUE, &fixture("sync_role", |_| {})).await;
    s.vhost
        .publish(QUEUE, &fixture("sync_user_system_role", |_| {}))
        .await;
    s.vhost
        .publish(
            QUEUE,
            &fixture("sync_user_system_role", |m| {
                m["user_id"] = json!(8);
                m["user_full_name"] = json!("Inactive Agent");
                m["is_active"] = json!(false);
            }),
        )
        .await;
    // A role of a system not in `role_systems` is not TTS's business.
    s.vhost
        .publish(
            QUEUE,
            &fixture("sync_role", |r| {
                r["role_id"] = json!(99);
                r["system"] = json!("ams");
            }),
        )
        .await;

    let role = eventually(
        "the role with both members",
        Duration::from_secs(10),
        || async {
            let (status, role) = get(&s, &agent(3), "/roles/4/").await;
            (status == 200 && role["members"].as_array().map(Vec::len) == Some(2)).then_some(role)
        },
    )
    .await;
    assert_eq!(role["name"], "Asset Manager");
    assert_eq!(role["system"], "tts");
    assert_eq!(
        role["members"][0],
        json!({"user_id": 7, "user_email": "agent@example.com", "user_full_name": "Jane Agent", "is_active": true, "updated_at": role["members"][0]["updated_at"]})
    );
    assert_eq!(role["members"][1]["is_active"], false);
    let (_, all) = get(&s, &agent(3), "/roles/").await;
    assert_eq!(
        all["items"].as_array().unwrap().len(),
        1,
        "ams role ignored: {all}"
    );

    s.vhost
        .publish(
            QUEUE,
            &fixture("sync_user_system_role", |m| m["action"] = json!("delete")),
        )
        .await;
    eventually(
        "the member to be removed",
        Duration::from_secs(10),
        || async {
            let (_, role) = get(&s, &agent(3), "/roles/4/").await;
            (role["members"].as_array().map(Vec::len) == Some(1)).then_some(())
        },
    )
    .await;
    s.vhost
        .publish(
            QUEUE,
            &fixture("sync_role", |r| r["action"] = json!("delete")),
        )
        .await;
    eventually(
        "the role to be removed",
        Duration::from_secs(10),
        || async { (get(&s, &agent(3), "/roles/4/").await.0 == 404).then_some(()) },
    )
    .await;
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_member_arriving_before_its_role_is_retried_until_the_role_exists() {
    let s = start().await;
    s.vhost
        .publish(
            QUEUE,
            &fixture("sync_user_system_role", |m| m["role_id"] = json!(12)),
        )
        .await;
    // The member message is now bouncing through the retry queue.
    eventually("a retry", Duration::from_secs(10), || async {
        let text = s
            .http
            .get(s.url("/metrics"))
            .send()
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        text.contains("outcome=\"retried\"").then_some(())
    })
    .await;
    s.vhost
        .publish(QUEUE, &fixture("sync_role", |r| r["role_id"] = json!(12)))
        .await;
    let role = eventually("the member to land", Duration::from_secs(20), || async {
        let (status, role) = get(&s, &agent(3), "/roles/12/").await;
        (status == 200 && role["members"].as_array().map(Vec::len) == Some(1)).then_some(role)
    })
    .await;
    assert_eq!(role["members"][0]["user_id"], 7);
    assert_eq!(s.vhost.depth("tts.role.sync.dlq").await, 0);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn admins_manage_roles_by_api_and_others_may_not() {
    let s = start().await;
    let (status, role) = send(
        &s,
        Method::PUT,
        &admin(),
        "/roles/50/",
        json!({"name": "Network Team"}),
    )
    .await;
    assert_eq!(status, 200, "{role}");
    assert_eq!(role["source"], "api");
    let (status, member) = send(
        &s,
        Method::PUT,
        &admin(),
        "/roles/50/members/21/",
        json!({"user_full_name": "Net Admin"}),
    )
    .await;
    assert_eq!(status, 200, "{member}");
    assert_eq!(member["is_active"], true);

    let (status, _) = send(
        &s,
        Method::PUT,
        &agent(2),
        "/roles/51/",
        json!({"name": "Nope"}),
    )
    .await;
    assert_eq!(status, 403);
    let (status, body) = get(&s, &requester(5), "/roles/").await;
    assert_eq!(status, 403, "employees have no business here: {body}");
    let (status, _) = send(&s, Method::PUT, &admin(), "/roles/52/members/1/", json!({})).await;
    assert_eq!(status, 404, "no such role");
    let (status, body) = send(
        &s,
        Method::PUT,
        &admin(),
        "/roles/53/",
        json!({"name": " "}),
    )
    .await;
    assert_eq!(
        (status, body["error"]["fields"][0]["field"].clone()),
        (422, Value::from("name"))
    );

    let r = s
        .http
        .delete(s.url("/roles/50/members/21/"))
        .bearer_auth(admin())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let (_, role) = get(&s, &agent(2), "/roles/50/").await;
    assert_eq!(role["members"], json!([]));
    s.finish().await;
}

/// The sum of `amqp_messages_total` lines of `/metrics` containing every one of `labels`.
async fn messages_total(s: &tts_shared::testing::TestService, labels: &[&str]) -> f64 {
    let text = s
        .http
        .get(s.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .filter(|l| l.starts_with("amqp_messages_total{") && labels.iter().all(|n| l.contains(n)))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

#[tokio::test(flavor = "multi_thread")]
async fn syncs_of_systems_not_kept_are_counted_ignored_not_applied() {
    // Queue names of this test alone, so the process-wide metrics are this test's.
    let roles_queue = format!("roles-{}", uuid::Uuid::new_v4().simple());
    let members_queue = format!("members-{}", uuid::Uuid::new_v4().simple());
    let s = crate::start_with(&[
        ("queue_role_sync", &roles_queue),
        ("queue_member_sync", &members_queue),
        ("role_systems", "tts"),
    ])
    .await;
    let queue = format!("queue=\"{roles_queue}\"");
    s.vhost
        .publish(
            &roles_queue,
            &fixture("sync_role", |r| r["system"] = json!("ams")),
        )
        .await;
    s.vhost
        .publish(
            &members_queue,
            &fixture("sync_user_system_role", |m| m["system"] = json!("ams")),
        )
        .await;
    // The coordinator role of the coordinator's system (hdts) is kept although `role_systems`
    // names only tts; its other roles are not.
    s.vhost
        .publish(
            &roles_queue,
            &fixture("sync_role", |r| {
                r["role_id"] = json!(40);
                r["name"] = json!("Ticket Coordinator");
                r["system"] = json!("hdts");
            }),
        )
        .await;
    s.vhost
        .publish(
            &roles_queue,
            &fixture("sync_role", |r| {
                r["role_id"] = json!(41);
                r["name"] = json!("Employee");
                r["system"] = json!("hdts");
            }),
        )
        .await;
    eventually("every sync handled", Duration::from_secs(10), || async {
        let ignored = messages_total(&s, &[&queue, "outcome=\"ignored\""]).await;
        let members = format!("queue=\"{members_queue}\"");
        let member_ignored = messages_total(&s, &[&members, "outcome=\"ignored\""]).await;
        (ignored == 2.0 && member_ignored == 1.0).then_some(())
    })
    .await;
    assert_eq!(
        messages_total(&s, &[&queue, "outcome=\"applied\""]).await,
        1.0,
        "only the coordinator role was applied"
    );
    let (_, all) = get(&s, &admin(), "/roles/").await;
    let kept: Vec<(i64, &str)> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["role_id"].as_i64().unwrap(),
                r["system"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(kept, vec![(40, "hdts")]);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_member_waits_for_its_role_for_the_configured_window_not_only_the_retry_budget() {
    let members_queue = format!("members-{}", uuid::Uuid::new_v4().simple());
    // One retry alone would dead-letter the member within about 50 ms; the window keeps it
    // retrying (50, 100, 200, 200… ms) for at least 30 s.
    let s = crate::start_with(&[
        ("queue_member_sync", &members_queue),
        ("amqp_max_retries", "1"),
        ("role_sync_member_wait_ms", "30000"),
    ])
    .await;
    s.vhost
        .publish(
            &members_queue,
            &fixture("sync_user_system_role", |m| m["role_id"] = json!(12)),
        )
        .await;
    let queue = format!("queue=\"{members_queue}\"");
    eventually(
        "more retries than amqp_max_retries allows",
        Duration::from_secs(20),
        || async {
            (messages_total(&s, &[&queue, "outcome=\"retried\""]).await >= 4.0).then_some(())
        },
    )
    .await;
    assert_eq!(s.vhost.depth(&format!("{members_queue}.dlq")).await, 0);
    s.vhost
        .publish(QUEUE, &fixture("sync_role", |r| r["role_id"] = json!(12)))
        .await;
    let role = eventually("the member to land", Duration::from_secs(20), || async {
        let (status, role) = get(&s, &agent(3), "/roles/12/").await;
        (status == 200 && role["members"].as_array().map(Vec::len) == Some(1)).then_some(role)
    })
    .await;
    assert_eq!(role["members"][0]["user_id"], 7);
    assert_eq!(s.vhost.depth(&format!("{members_queue}.dlq")).await, 0);
    s.finish().await;
}
