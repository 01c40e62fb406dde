//! Designing, validating, publishing and pausing workflows.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    admin, agent, count, get, graph, published_workflow, requester, seed_roles, send, start,
};

fn codes(body: &Value) -> Vec<String> {
    body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["message"]
                .as_str()
                .unwrap()
                .split(':')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn publishing_reports_every_problem_at_once() {
    let s = start().await;
    seed_roles(&s).await;
    let broken = json!({
        "steps": [
            {"key": "a", "name": "A", "role_id": 4, "is_start": true},
            {"key": "b", "name": "B", "role_id": 404, "is_start": true},
            {"key": "c", "name": "C", "role_id": 5},
            {"key": "island", "name": "Island", "role_id": 4}
        ],
        "transitions": [{"key": "t1", "from": "a", "to": "c", "name": "Go"}]
    });
    let (status, w) = send(&s, Method::POST, &admin(), "/workflows/", json!({
        "name": "Broken", "department": "IT", "category": "Access",
        "low_sla": "PT1H", "medium_sla": "PT2H", "high_sla": "PT8H", "urgent_sla": "PT4H", "graph": broken,
    })).await;
    assert_eq!(status, 201, "{w}");
    let id = w["id"].as_i64().unwrap();

    let (status, body) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/workflows/{id}/publish/"),
        json!({}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let found = codes(&body);
    for code in [
        "multiple_starts",
        "no_end",
        "unreachable_step",
        "dead_end",
        "unknown_role",
        "sla_order",
    ] {
        assert!(
            found.iter().any(|c| c == code),
            "{code} missing from {found:?}"
        );
    }
    let (status, validation) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/workflows/{id}/validate/"),
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(validation["valid"], false);
    assert!(
        validation["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["code"] == "unreachable_step" && p["step"] == "island")
    );
    assert_eq!(
        count(&s, "SELECT count(*) AS n FROM workflow_versions").await,
        0,
        "nothing published"
    );

    // A graph without a start is reported as such too.
    let (_, _) = send(&s, Method::PUT, &admin(), &format!("/workflows/{id}/graph/"), json!({"steps": [{"key": "x", "name": "X", "role_id": 4, "is_end": true}], "transitions": []})).await;
    let (_, body) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/workflows/{id}/publish/"),
        json!({}),
    )
    .await;
    assert!(codes(&body).contains(&"no_start".to_string()), "{body}");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn republishing_makes_a_new_version_and_running_tasks_stay_on_theirs() {
    let s = start().await;
    seed_roles(&s).await;
    let id = published_workflow(&s, None).await;
    let (_, w) = get(&s, &agent(2), &format!("/workflows/{id}/")).await;
    assert_eq!(
        (w["status"].as_str(), w["latest_version"].as_i64()),
        (Some("active"), Some(1))
    );
    assert_eq!(w["slas"]["high"], "PT8H");
    let triage_id = w["graph"]["steps"][0]["id"].as_i64().unwrap();

    // A task starts on v1 at Triage.
    s.vhost
        .publish(
            "TICKET_TASKS_PRODUCTION",
            &crate::fixture("receive_ticket", |t| t["sub_category"] = json!(null)),
        )
        .await;
    tts_shared::testing::eventually("the task", std::time::Duration::from_secs(10), || async {
        (count(&s, "SELECT count(*) AS n FROM tasks").await == 1).then_some(())
    })
    .await;

    // v2 drops Triage altogether; the designer's ids survive for steps whose keys stay.
    let mut g = graph();
    g["steps"][1]["is_start"] = json!(true);
    g["steps"].as_array_mut().unwrap().remove(0);
    g["transitions"]
        .as_array_mut()
        .unwrap()
        .retain(|t| t["key"] == "approve");
    let (status, edited) = send(
        &s,
        Method::PUT,
        &admin(),
        &format!("/workflows/{id}/graph/"),
        json!(g),
    )
    .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["graph"]["steps"].as_array().unwrap().len(), 2);
    assert_ne!(edited["graph"]["steps"][0]["id"].as_i64(), Some(triage_id));
    let (status, v2) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/workflows/{id}/publish/"),
        json!({}),
    )
    .await;
    assert_eq!((status, v2["version"].as_i64()), (201, Some(2)), "{v2}");

    assert_eq!(
        count(
            &s,
            "SELECT count(*) AS n FROM tasks WHERE version = 1 AND current_step = 'triage'"
        )
        .await,
        1
    );
    // The v1 task still acts on v1's graph: its Triage assignee submits to Approval.
    let (_, page) = get(&s, &admin(), "/tasks/").await;
    let task_id = page["items"][0]["task_id"].as_i64().unwrap();
    let assignee = page["items"][0]["assignee_id"].as_i64().unwrap();
    let (status, moved) = send(
        &s,
        Method::POST,
        &agent(assignee),
        &format!("/tasks/{task_id}/transition/"),
        json!({"transition_id": "submit", "notes": "still on v1"}),
    )
    .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(
        (
            moved["version"].as_i64(),
            moved["current_step"]["key"].as_str()
        ),
        (Some(1), Some("approve"))
    );
    let (_, v1) = get(&s, &agent(2), &format!("/workflows/{id}/versions/1/")).await;
    assert_eq!(
        v1["definition"]["graph"]["steps"][0]["key"], "triage",
        "v1 is frozen"
    );
    let (_, list) = get(&s, &agent(2), &format!("/workflows/{id}/versions/")).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    let (_, steps) = get(&s, &agent(2), &format!("/steps/?workflow_id={id}")).await;
    assert_eq!(
        steps["items"].as_array().unwrap().len(),
        2,
        "the draft has two steps now"
    );

    // It ran a task, so deleting archives it.
    let r = s
        .http
        .delete(s.url(&format!("/workflows/{id}/")))
        .bearer_auth(admin())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let (_, w) = get(&s, &agent(2), &format!("/workflows/{id}/")).await;
    assert_eq!(w["status"], "archived");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn ambiguous_matching_is_refused_at_publish_and_pause_resume_work() {
    let s = start().await;
    seed_roles(&s).await;
    let first = published_workflow(&s, Some("Printers")).await;
    let (status, w) = send(&s, Method::POST, &admin(), "/workflows/", json!({
        "name": "Twin", "department": "it department", "category": "IT Support", "sub_category": "Printers",
        "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H", "graph": graph(),
    })).await;
    assert_eq!(status, 201);
    let twin = w["id"].as_i64().unwrap();
    let (status, body) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/workflows/{twin}/publish/"),
        json!({}),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        codes(&body).contains(&"ambiguous_match".to_string()),
        "{body}"
    );

    let (status, paused) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/workflows/{first}/pause/"),
        json!({}),
    )
    .await;
    assert_eq!((status, paused["status"].as_str()), (200, Some("paused")));
    let (status, _) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/workflows/{first}/pause/"),
        json!({}),
    )
    .await;
    assert_eq!(status, 409, "already paused");
    let (status, resumed) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/workflows/{first}/resume/"),
        json!({}),
    )
    .await;
    assert_eq!((status, resumed["status"].as_str()), (200, Some("active")));

    // A draft that never ran is deleted outright.
    let r = s
        .http
        .delete(s.url(&format!("/workflows/{twin}/")))
        .bearer_auth(admin())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(
        get(&s, &agent(2), &format!("/workflows/{twin}/")).await.0,
        404
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn designer_needs_admin_and_bad_input_names_the_field() {
    let s = start().await;
    let body = json!({"name": "X", "department": "IT", "category": "C", "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H"});
    assert_eq!(
        send(&s, Method::POST, &agent(2), "/workflows/", body.clone())
            .await
            .0,
        403
    );
    assert_eq!(get(&s, &requester(3), "/workflows/").await.0, 403);
    let anonymous = s.http.get(s.url("/workflows/")).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let mut bad = body.clone();
    bad["high_sla"] = json!("eight hours");
    bad["low_sla"] = json!("P1M");
    bad.as_object_mut().unwrap().remove("name");
    let (status, e) = send(&s, Method::POST, &admin(), "/workflows/", bad).await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = tts_shared::testing::error_fields(&e);
    assert_eq!(fields, vec!["name", "low_sla", "high_sla"], "{e}");
    let (status, _) = get(&s, &admin(), "/workflows/999/").await;
    assert_eq!(status, 404);
    assert_eq!(count(&s, "SELECT count(*) AS n FROM workflows").await, 0);
    s.finish().await;
}
