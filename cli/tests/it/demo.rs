//! `tts demo` against a real workflow API: roles, members and published workflows appear through
//! the API, the printed tokens work, the e-mail directory is synced, and a second run changes
//! nothing.

use std::collections::BTreeSet;

use serde_json::Value;
use tts_shared::events::{BulkUserEmailSync, CeleryTask};
use tts_shared::testing::TestService;

use crate::{get, get_ok, tts_ok, workflow_api};

const DEMO_ROLES: [&str; 7] = [
    "Ticket Coordinator",
    "Service Desk Agent",
    "IT Specialist",
    "Service Desk Manager",
    "Asset Manager",
    "Finance Officer",
    "Finance Manager",
];

async fn demo(s: &TestService) -> String {
    tts_ok(&[
        "demo",
        "--workflow-url",
        &s.base,
        "--amqp-url",
        &s.vhost.amqp_url(),
    ])
    .await
}

/// The token printed under the first line that starts with `label`.
fn printed_token(output: &str, label: &str) -> String {
    let mut lines = output.lines();
    lines
        .by_ref()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no {label} in:\n{output}"));
    lines.next().expect("a token line").trim().to_string()
}

/// Everything the demo could have written: audit log, roles with members, workflows.
async fn snapshot(s: &TestService) -> Vec<Value> {
    let mut state = vec![
        get_ok(s, "/audit/events/?limit=200").await,
        get_ok(s, "/workflows/").await,
    ];
    let roles = get_ok(s, "/roles/").await;
    for role in roles["items"].as_array().unwrap() {
        state.push(get_ok(s, &format!("/roles/{}/", role["role_id"])).await);
    }
    state.push(roles);
    state
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_loads_roles_members_and_published_workflows_and_a_second_run_changes_nothing() {
    let s = workflow_api().await;
    let output = demo(&s).await;

    let roles = get_ok(&s, "/roles/").await;
    let names: BTreeSet<&str> = roles["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, DEMO_ROLES.into_iter().collect(), "{roles}");
    let service_desk = roles["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Service Desk Agent")
        .unwrap();
    let detail = get_ok(&s, &format!("/roles/{}/", service_desk["role_id"])).await;
    let members = detail["members"].as_array().unwrap();
    assert_eq!(members.len(), 4, "{detail}");
    let inactive: Vec<i64> = members
        .iter()
        .filter(|m| m["is_active"] == false)
        .map(|m| m["user_id"].as_i64().unwrap())
        .collect();
    assert_eq!(inactive, vec![14], "{detail}");
    assert!(
        members
            .iter()
            .all(|m| m["user_email"].as_str().unwrap().ends_with("@example.com")),
        "{detail}"
    );

    let workflows = get_ok(&s, "/workflows/?status=active").await;
    let workflows = workflows["items"].as_array().unwrap();
    let names: BTreeSet<&str> = workflows
        .iter()
        .map(|w| w["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from(["IT support", "Asset request", "Budget request"])
    );
    for w in workflows {
        assert_eq!(w["latest_version"], 1, "{w}");
        let id = &w["id"];
        let versions = get_ok(&s, &format!("/workflows/{id}/versions/")).await;
        assert_eq!(versions["items"].as_array().unwrap().len(), 1, "{versions}");
        let version = get_ok(&s, &format!("/workflows/{id}/versions/1/")).await;
        let graph = &version["definition"]["graph"];
        let steps = graph["steps"].as_array().unwrap();
        let position = |key: &Value| steps.iter().position(|s| &s["key"] == key).unwrap();
        assert!(
            graph["transitions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| position(&t["to"]) < position(&t["from"])),
            "a back-edge in {graph}"
        );
        assert!(
            steps.iter().any(|s| s["escalate_to_role_id"].is_i64()),
            "an escalation in {graph}"
        );
    }
    let it_support = workflows
        .iter()
        .find(|w| w["name"] == "IT support")
        .unwrap();
    assert_eq!(it_support["calendar"]["time_zone"], "Asia/Manila");
    assert!(
        !it_support["calendar"]["holidays"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(it_support["slas"]["urgent"], "PT4H");
    assert_eq!(it_support["escalate_on_breach"], true);

    // The printed tokens are ready to use, each with its own rights.
    let admin = printed_token(&output, "admin");
    assert_eq!(get(&s, &admin, "/audit/events/?limit=1").await.0, 200);
    let agent = printed_token(&output, "agent");
    assert_eq!(get(&s, &agent, "/tasks/mine/").await.0, 200);
    assert_eq!(get(&s, &agent, "/audit/events/").await.0, 403);
    let requester = printed_token(&output, "requester");
    assert_eq!(get(&s, &requester, "/roles/").await.0, 403);
    assert!(output.contains(&format!("{}/docs", s.base)), "{output}");
    assert!(
        output.contains("http://127.0.0.1:8004/docs")
            && output.contains("http://127.0.0.1:8005/docs")
            && output.contains("http://127.0.0.1:8006/docs"),
        "{output}"
    );

    // The staff's addresses went to the notification service's directory, as from the auth
    // service.
    let sync = s.vhost.take("USER_EMAIL_SYNC_QUEUE", 1).await;
    let directory = BulkUserEmailSync::from_message(&sync[0]).unwrap();
    let user = |id: i64| directory.users_data.iter().find(|u| u.user_id == id);
    assert_eq!(user(1).unwrap().email, "maria.santos@example.com");
    assert!(!user(14).unwrap().is_active);
    assert!(user(11).unwrap().is_active);

    let before = snapshot(&s).await;
    let again = demo(&s).await;
    assert!(
        again.contains("roles:     0 created, 0 changed, 7 already there"),
        "{again}"
    );
    assert!(again.contains("already active (version 1)"), "{again}");
    assert_eq!(snapshot(&s).await, before, "a second run changed something");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_keeps_roles_it_finds_and_puts_back_changed_members() {
    let s = workflow_api().await;
    // A coordinator role synced earlier under another id, and another role on a demo role's id.
    let admin = crate::admin();
    let put = |path: String, body: Value| {
        let s = &s;
        let admin = admin.clone();
        async move {
            let r = s
                .http
                .put(s.url(&path))
                .bearer_auth(admin)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "PUT {path}");
        }
    };
    put(
        "/roles/102/".into(),
        serde_json::json!({"name": "Auditors"}),
    )
    .await;
    put(
        "/roles/7/".into(),
        serde_json::json!({"name": "Ticket Coordinator"}),
    )
    .await;
    demo(&s).await;

    let roles = get_ok(&s, "/roles/").await;
    let id_of = |name: &str| {
        roles["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .map(|r| r["role_id"].as_i64().unwrap())
    };
    assert_eq!(id_of("Ticket Coordinator"), Some(7), "{roles}");
    assert_eq!(id_of("Auditors"), Some(102), "{roles}");
    assert_eq!(roles["items"].as_array().unwrap().len(), 8, "{roles}");
    // 102 was taken, so the service desk got the next id above every role's.
    let desk = id_of("Service Desk Agent").unwrap();
    assert_eq!(desk, 103, "{roles}");

    put(
        format!("/roles/{desk}/members/11/"),
        serde_json::json!({"is_active": false}),
    )
    .await;
    let output = demo(&s).await;
    assert!(
        output.contains("members:   0 created, 1 changed"),
        "{output}"
    );
    let detail = get_ok(&s, &format!("/roles/{desk}/")).await;
    let ana = detail["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["user_id"] == 11)
        .unwrap();
    assert_eq!(ana["is_active"], true, "{detail}");
    assert_eq!(ana["user_full_name"], "Ana Cruz", "{detail}");
    s.finish().await;
}
