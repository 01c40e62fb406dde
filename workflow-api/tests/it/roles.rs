//! The roles cache: filled by the auth service's Celery messages, or by an admin.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use tts_shared::testing::eventually;

use crate::{admin, agent, fixture, get, requester, send, start};

const QUEUE: &str = "TTS_ROLE_SYNC_QUEUE";

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
    // Another system's role is not TTS's business.
    s.vhost
        .publish(
            QUEUE,
            &fixture("sync_role", |r| {
                r["role_id"] = json!(99);
                r["system"] = json!("hdts");
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
    assert_eq!(all.as_array().unwrap().len(), 1, "hdts role ignored: {all}");

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
    assert_eq!(s.vhost.depth("TTS_ROLE_SYNC_QUEUE.dlq").await, 0);
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
