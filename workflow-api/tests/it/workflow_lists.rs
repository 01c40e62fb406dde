//! The designer's, roles' and analytics' lists page by cursor, and their checks report every
//! problem at once by path.

use diesel_async::RunQueryDsl;
use reqwest::Method;
use serde_json::{Value, json};
use tts_shared::testing::{TestService, assert_walked_exactly, walk_pages};
use workflow_api::store::{roles, workflows};

use crate::{admin, agent, get, published_workflow, seed_roles, send, start};

/// Walks `path` (which may carry its own query) with `limit=100`.
async fn walk(s: &TestService, path: &str) -> Vec<Value> {
    let join = if path.contains('?') { '&' } else { '?' };
    walk_pages(100, |cursor| async move {
        let mut url = format!("{path}{join}limit=100");
        if let Some(c) = cursor {
            url.push_str(&format!("&cursor={c}"));
        }
        let (status, page) = get(s, &admin(), &url).await;
        assert_eq!(status, 200, "{url}: {page}");
        page
    })
    .await
}

fn fields(name: String) -> workflows::WorkflowFields {
    workflows::WorkflowFields {
        name,
        description: String::new(),
        department: "IT Department".into(),
        category: "IT Support".into(),
        sub_category: None,
        low_sla_seconds: 432_000,
        medium_sla_seconds: 172_800,
        high_sla_seconds: 28_800,
        urgent_sla_seconds: 7_200,
        calendar: None,
        escalate_on_breach: false,
        end_action: "none".into(),
        end_webhook_url: None,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn listing_workflows_walks_every_page_once() {
    let s = start().await;
    let mut conn = s.db.connect().await;
    let mut ids = Vec::new();
    for i in 0..250 {
        let w = workflows::insert(&mut conn, &fields(format!("Workflow {i}")), 1)
            .await
            .unwrap();
        ids.push(json!(w.id));
    }
    let items = walk(&s, "/workflows/").await;
    assert_walked_exactly(&items, "id", &ids);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn listing_workflow_versions_walks_every_page_once() {
    let s = start().await;
    let mut conn = s.db.connect().await;
    let id = workflows::insert(&mut conn, &fields("Versions".into()), 1)
        .await
        .unwrap()
        .id;
    let mut versions = Vec::new();
    for _ in 0..250 {
        let current = workflows::find(&mut conn, id).await.unwrap().unwrap();
        let v = workflows::publish(&mut conn, &current, &json!({}), 1)
            .await
            .unwrap();
        versions.push(json!(v.version));
    }
    let items = walk(&s, &format!("/workflows/{id}/versions/")).await;
    assert_walked_exactly(&items, "version", &versions);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn listing_roles_and_members_walks_every_page_once() {
    let s = start().await;
    let mut conn = s.db.connect().await;
    let mut role_ids = Vec::new();
    for role_id in 1..=250 {
        roles::upsert_role(
            &mut conn,
            &roles::RoleFields {
                role_id,
                name: &format!("Role {role_id}"),
                system: "tts",
                description: None,
                is_custom: true,
                source: "api",
            },
        )
        .await
        .unwrap();
        role_ids.push(json!(role_id));
    }
    let mut user_ids = Vec::new();
    for user_id in 1000..1250 {
        roles::upsert_member(
            &mut conn,
            &roles::MemberFields {
                role_id: 3,
                user_id,
                user_email: None,
                user_full_name: None,
                is_active: true,
            },
        )
        .await
        .unwrap();
        user_ids.push(json!(user_id));
    }
    let items = walk(&s, "/roles/").await;
    assert_walked_exactly(&items, "role_id", &role_ids);
    let items = walk(&s, "/roles/3/members/").await;
    assert_walked_exactly(&items, "user_id", &user_ids);
    assert_eq!(get(&s, &admin(), "/roles/999/members/").await.0, 404);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn listing_a_drafts_steps_and_transitions_walks_every_page_once() {
    let s = start().await;
    let steps: Vec<Value> = (0..250)
        .map(|i| json!({"key": format!("s{i}"), "name": format!("Step {i}"), "role_id": 4}))
        .collect();
    let transitions: Vec<Value> = (0..250)
        .map(|i| json!({"key": format!("t{i}"), "from": format!("s{i}"), "to": format!("s{}", (i + 1) % 250), "name": "Next"}))
        .collect();
    let (status, w) = send(
        &s,
        Method::POST,
        &admin(),
        "/workflows/",
        json!({
            "name": "Long", "department": "IT", "category": "Access",
            "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H",
            "graph": {"steps": steps, "transitions": transitions},
        }),
    )
    .await;
    assert_eq!(status, 201, "{w}");
    let id = w["id"].as_i64().unwrap();
    let step_ids: Vec<Value> = w["graph"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].clone())
        .collect();
    let transition_ids: Vec<Value> = w["graph"]["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].clone())
        .collect();
    assert_eq!((step_ids.len(), transition_ids.len()), (250, 250));
    let items = walk(&s, &format!("/steps/?workflow_id={id}")).await;
    assert_walked_exactly(&items, "id", &step_ids);
    assert_eq!(items[0]["key"], "s0", "in graph order");
    let items = walk(&s, &format!("/transitions/?workflow_id={id}")).await;
    assert_walked_exactly(&items, "id", &transition_ids);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn listing_the_tasks_behind_a_figure_walks_every_page_once_and_before_still_works() {
    let s = start().await;
    seed_roles(&s).await;
    let id = published_workflow(&s, None).await;
    let mut conn = s.db.connect().await;
    diesel::sql_query(
        "INSERT INTO tickets (ticket_number, subject, priority, status, payload, workflow_id) \
         SELECT 'TX' || g, 'Laptop', 'High', 'Open', '{}'::jsonb, $1 FROM generate_series(1, 250) g",
    )
    .bind::<diesel::sql_types::BigInt, _>(id)
    .execute(&mut conn)
    .await
    .unwrap();
    diesel::sql_query(
        "INSERT INTO tasks (ticket_number, workflow_id, version, current_step, priority, target_at, allowance_seconds) \
         SELECT ticket_number, $1, 1, 'triage', 'High', now() + interval '1 day', 28800 FROM tickets",
    )
    .bind::<diesel::sql_types::BigInt, _>(id)
    .execute(&mut conn)
    .await
    .unwrap();
    let expected: Vec<Value> = {
        #[derive(diesel::QueryableByName)]
        struct Id {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            id: i64,
        }
        let rows: Vec<Id> = diesel::sql_query("SELECT id FROM tasks")
            .load(&mut conn)
            .await
            .unwrap();
        rows.iter().map(|r| json!(r.id)).collect()
    };
    let items = walk(&s, "/analytics/tasks/?set=open").await;
    assert_walked_exactly(&items, "task_id", &expected);

    // The deprecated `before` keeps working for one release: the tasks below that id.
    let last = items[99]["task_id"].as_i64().unwrap();
    let (status, page) = get(
        &s,
        &admin(),
        &format!("/analytics/tasks/?set=open&limit=10&before={last}"),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["items"][0]["task_id"], items[100]["task_id"]);
    s.finish().await;
}

fn problem_fields(body: &Value) -> Vec<String> {
    body["error"]["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("fields: {body}"))
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn publishing_names_every_graph_problem_by_its_path() {
    let s = start().await;
    seed_roles(&s).await;
    let (status, w) = send(
        &s,
        Method::POST,
        &admin(),
        "/workflows/",
        json!({
            "name": "Paths", "department": "IT", "category": "Access",
            "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT8H",
            "graph": {
                "steps": [
                    {"key": "a", "name": "A", "role_id": 4, "is_start": true},
                    {"key": "b", "name": "B", "role_id": 404, "is_end": true}
                ],
                "transitions": [
                    {"key": "go", "from": "a", "to": "b", "name": "Go"},
                    {"key": "lost", "from": "b", "to": "nowhere", "name": "Lost"}
                ]
            },
        }),
    )
    .await;
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
    assert_eq!(body["error"]["code"], "validation_failed");
    let found = problem_fields(&body);
    for path in ["steps[1].role_id", "transitions[1].to", "urgent_sla"] {
        assert!(found.iter().any(|f| f == path), "{path} in {found:?}");
    }
    let (_, validation) = send(
        &s,
        Method::POST,
        &admin(),
        &format!("/workflows/{id}/validate/"),
        json!({}),
    )
    .await;
    assert!(
        validation["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["field"] == "steps[1].role_id" && p["code"] == "unknown_role"),
        "{validation}"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_malformed_graph_body_lists_every_bad_field_and_saves_nothing() {
    let s = start().await;
    seed_roles(&s).await;
    let id = published_workflow(&s, None).await;
    let (status, body) = send(
        &s,
        Method::PUT,
        &admin(),
        &format!("/workflows/{id}/graph/"),
        json!({
            "steps": [{"key": "a", "name": "A", "role_id": "four"}, {"key": "a", "name": "B", "role_id": 4}],
            "transitions": [{"key": "t", "from": "a", "name": "T"}]
        }),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let found = problem_fields(&body);
    for path in ["steps[0].role_id", "transitions[0].to"] {
        assert!(found.iter().any(|f| f == path), "{path} in {found:?}");
    }
    // Repeated keys of a well-formed body are all reported, by path.
    let (status, body) = send(
        &s,
        Method::PUT,
        &admin(),
        &format!("/workflows/{id}/graph/"),
        json!({
            "steps": [{"key": "a", "name": "A", "role_id": 4}, {"key": "a", "name": "B", "role_id": 4}],
            "transitions": [{"key": "t", "from": "a", "to": "a", "name": "T"}, {"key": "t", "from": "a", "to": "a", "name": "U"}]
        }),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        problem_fields(&body),
        ["steps[1].key", "transitions[1].key"]
    );
    let (_, w) = get(&s, &admin(), &format!("/workflows/{id}/")).await;
    assert_eq!(
        w["graph"]["steps"][0]["key"], "triage",
        "the draft is unchanged"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_list_parameters_are_reported_together_by_name() {
    let s = start().await;
    let (status, body) = get(&s, &admin(), "/workflows/?status=gone&limit=0&cursor=nope").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(problem_fields(&body), ["status", "limit", "cursor"]);
    // A cursor of one list is refused by another.
    let roles_cursor = tts_shared::http::cursor::encode('r', 4);
    let (status, body) = get(&s, &admin(), &format!("/workflows/?cursor={roles_cursor}")).await;
    assert_eq!(
        (status, problem_fields(&body)),
        (422, vec!["cursor".to_string()])
    );
    let (status, body) = send(
        &s,
        Method::PUT,
        &admin(),
        "/roles/0/",
        json!({"name": "  "}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(problem_fields(&body), ["name", "role_id"]);
    assert_eq!(get(&s, &agent(7), "/analytics/dashboard/").await.0, 403);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn each_report_refuses_parameters_it_does_not_read_naming_them() {
    let s = start().await;
    for (path, parameter) in [
        ("/analytics/dashboard/?interval=week", "interval"),
        ("/analytics/sla/?set=open", "set"),
        ("/analytics/workload/?assignee=7", "assignee"),
        ("/analytics/steps/?limit=10", "limit"),
        ("/analytics/trends/?interval=year", "interval"),
        ("/analytics/tasks/?set=open&assignee=7", "assignee"),
        ("/analytics/tasks/?set=agent_open", "assignee"),
        ("/analytics/dashboard/?format=xml", "format"),
    ] {
        let (status, body) = get(&s, &admin(), path).await;
        assert_eq!(status, 422, "{path}: {body}");
        assert!(
            problem_fields(&body).iter().any(|f| f == parameter),
            "{path} names {parameter}: {body}"
        );
    }
    let (status, _) = get(
        &s,
        &admin(),
        "/analytics/trends/?interval=week&priority=High",
    )
    .await;
    assert_eq!(status, 200);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn csv_reports_are_named_downloads_with_a_header_row() {
    let s = start().await;
    let csv = |path: &'static str| {
        let s = &s;
        async move {
            let r = s
                .http
                .get(s.url(path))
                .bearer_auth(admin())
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{path}");
            let headers = r.headers().clone();
            (headers, r.text().await.unwrap())
        }
    };
    let (headers, text) =
        csv("/analytics/sla/?format=csv&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z").await;
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"tts-sla-2026-01-01-2026-02-01.csv\""
    );
    assert_eq!(
        text,
        format!("{}\r\n", workflow_api::analytics::columns::SLA.join(",")),
        "no rows, still the header"
    );
    let (headers, text) = csv("/analytics/dashboard/?format=csv").await;
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"tts-summary-all-now.csv\""
    );
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert_eq!(lines[0], "figure,value,tasks");
    assert_eq!(lines[1], "tasks,0,/analytics/tasks/?set=all", "{text}");
    assert!(lines.contains(&"sla_compliance_percent,,"), "{text}");
    assert_eq!(lines.len(), 1 + 17, "one row per figure: {text}");
    s.finish().await;
}
