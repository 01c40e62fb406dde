//! Analytics on a seeded dataset: every figure equals the one computed by hand, every drill-down
//! lists as many tasks as its figure says, and CSV parses.

use std::collections::HashMap;
use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use tts_shared::testing::{TestService, eventually};

use crate::{admin, agent, count, fixture, get, seed_roles, send};

async fn sql(s: &TestService, statement: &str) {
    let mut conn = s.db.connect().await;
    diesel_async::RunQueryDsl::execute(diesel::sql_query(statement), &mut conn)
        .await
        .unwrap();
}

/// Six tasks on a one-step workflow, then their times set by hand:
/// T1 High met (1 h), T2 High late (5 h, target 4 h), T3 Low met (3 h), T4 Low active past its
/// target, T5 Medium active and warned (at risk), T6 Medium active.
async fn seed(s: &TestService) -> HashMap<String, i64> {
    seed_roles(s).await;
    let (_, w) = send(s, Method::POST, &admin(), "/workflows/", json!({
        "name": "One step", "department": "IT Department", "category": "IT Support",
        "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H",
        "graph": {"steps": [{"key": "do", "name": "Do", "role_id": 4, "is_start": true, "is_end": true}], "transitions": []},
    })).await;
    let id = w["id"].as_i64().unwrap();
    assert_eq!(
        send(
            s,
            Method::POST,
            &admin(),
            &format!("/workflows/{id}/publish/"),
            json!({})
        )
        .await
        .0,
        201
    );
    let priorities = ["High", "High", "Low", "Low", "Medium", "Medium"];
    for (i, p) in priorities.iter().enumerate() {
        s.vhost
            .publish(
                "TICKET_TASKS_PRODUCTION",
                &fixture("receive_ticket", |t| {
                    t["ticket_number"] = json!(format!("T{}", i + 1));
                    t["priority"] = json!(p);
                    t["sub_category"] = json!(null);
                }),
            )
            .await;
    }
    let page = eventually("six tasks", Duration::from_secs(15), || async {
        let (_, page) = get(s, &admin(), "/tasks/").await;
        (page["items"].as_array().map(Vec::len) == Some(6)).then_some(page)
    })
    .await;
    let mut tasks = HashMap::new();
    for item in page["items"].as_array().unwrap() {
        let number = item["ticket_number"].as_str().unwrap().to_string();
        let task = item["task_id"].as_i64().unwrap();
        if ["T1", "T2", "T3"].contains(&number.as_str()) {
            let assignee = item["assignee_id"].as_i64().unwrap();
            let (status, body) = send(
                s,
                Method::POST,
                &agent(assignee),
                &format!("/tasks/{task}/finalize/"),
                json!({"notes": "done"}),
            )
            .await;
            assert_eq!(status, 200, "{body}");
        }
        tasks.insert(number, task);
    }
    let base = "'2026-01-05T00:00:00Z'::timestamptz";
    let times = [
        (
            "T1",
            base.to_string(),
            format!("{base} + interval '8 hours'"),
            format!("{base} + interval '1 hour'"),
        ),
        (
            "T2",
            base.to_string(),
            format!("{base} + interval '4 hours'"),
            format!("{base} + interval '5 hours'"),
        ),
        (
            "T3",
            base.to_string(),
            format!("{base} + interval '2 days'"),
            format!("{base} + interval '3 hours'"),
        ),
        (
            "T4",
            base.to_string(),
            format!("{base} + interval '1 hour'"),
            "NULL".into(),
        ),
        (
            "T5",
            "now() - interval '1 hour'".into(),
            "now() + interval '10 hours'".into(),
            "NULL".into(),
        ),
        (
            "T6",
            "now() - interval '1 hour'".into(),
            "now() + interval '10 hours'".into(),
            "NULL".into(),
        ),
    ];
    for (number, created, target, completed) in times {
        sql(s, &format!("UPDATE tasks SET created_at = {created}, target_at = {target}, completed_at = {completed} WHERE ticket_number = '{number}'")).await;
    }
    sql(s, &format!("INSERT INTO sla_events (item_id, kind, threshold, at) SELECT id, 'warning', 50, now() FROM task_items WHERE task_id = {}", tasks["T5"])).await;
    tasks
}

/// Follows a figure's drill-down link and counts the tasks it lists.
async fn drill(s: &TestService, figure: &Value) -> i64 {
    let (status, rows) = get(s, &admin(), figure["tasks"].as_str().unwrap()).await;
    assert_eq!(status, 200, "{rows}");
    rows["items"].as_array().unwrap().len() as i64
}

#[tokio::test(flavor = "multi_thread")]
async fn figures_match_the_seeded_data_and_drill_downs_count_the_same() {
    let s = crate::start().await;
    seed(&s).await;
    assert_eq!(count(&s, "SELECT count(*) AS n FROM tasks").await, 6);

    let (status, d) = get(&s, &admin(), "/analytics/dashboard/").await;
    assert_eq!(status, 200, "{d}");
    let expected = [
        ("tasks", 6),
        ("open", 3),
        ("completed", 3),
        ("met", 2),
        ("breached", 2),
        ("at_risk", 1),
        ("escalated", 0),
        ("transferred", 0),
    ];
    for (name, n) in expected {
        assert_eq!(d[name]["count"], n, "{name}: {d}");
        assert_eq!(drill(&s, &d[name]).await, n, "drill-down of {name}");
    }
    assert_eq!(d["sla_compliance_percent"], 50.0);
    assert_eq!(d["median_time_to_resolve_seconds"], 3.0 * 3600.0);
    assert_eq!(
        d["p90_time_to_resolve_seconds"],
        4.6 * 3600.0,
        "between 3 h and 5 h at 0.8"
    );
    assert_eq!(d["unassigned"], 0);

    let (_, rows) = get(&s, &admin(), "/analytics/sla/").await;
    let by_priority: HashMap<&str, &Value> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["by"] == "priority")
        .map(|r| (r["key"].as_str().unwrap(), r))
        .collect();
    assert_eq!(
        (
            by_priority["High"]["met"]["count"].as_i64(),
            by_priority["High"]["breached"]["count"].as_i64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(by_priority["High"]["compliance_percent"], 50.0);
    assert_eq!(
        (
            by_priority["Low"]["met"]["count"].as_i64(),
            by_priority["Low"]["breached"]["count"].as_i64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(by_priority["Medium"]["at_risk"]["count"], 1);
    assert!(
        by_priority["Medium"]["compliance_percent"].is_null(),
        "no verdict yet"
    );
    for row in rows.as_array().unwrap() {
        for figure in ["met", "breached", "at_risk"] {
            assert_eq!(
                drill(&s, &row[figure]).await,
                row[figure]["count"].as_i64().unwrap(),
                "{row}"
            );
        }
    }

    let (_, agents) = get(&s, &admin(), "/analytics/workload/").await;
    let open: i64 = agents
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["open"]["count"].as_i64().unwrap())
        .sum();
    let resolved: i64 = agents
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["resolved"]["count"].as_i64().unwrap())
        .sum();
    assert_eq!((open, resolved), (3, 3));
    for a in agents.as_array().unwrap() {
        for figure in ["open", "overdue", "resolved"] {
            assert_eq!(
                drill(&s, &a[figure]).await,
                a[figure]["count"].as_i64().unwrap(),
                "{a}"
            );
        }
    }

    let (_, flows) = get(&s, &admin(), "/analytics/workflows/").await;
    assert_eq!(
        (flows[0]["started"].as_i64(), flows[0]["completed"].as_i64()),
        (Some(6), Some(3))
    );
    let (_, steps) = get(&s, &admin(), "/analytics/steps/").await;
    assert_eq!(
        (steps[0]["items"].as_i64(), steps[0]["open_items"].as_i64()),
        (Some(6), Some(3))
    );
    let (_, trends) = get(&s, &admin(), "/analytics/trends/?interval=day").await;
    let first = &trends[0];
    assert!(
        first["period"].as_str().unwrap().starts_with("2026-01-05"),
        "{trends}"
    );
    assert_eq!(
        (first["created"].as_i64(), first["resolved"].as_i64()),
        (Some(4), Some(3))
    );

    // CSV parses: one header, one line per row, as many fields in each line.
    let text = s
        .http
        .get(s.url("/analytics/sla/?format=csv"))
        .bearer_auth(admin())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), rows.as_array().unwrap().len() + 1, "{text}");
    let columns = lines[0].split(',').count();
    assert!(
        lines.iter().all(|l| l.split(',').count() == columns),
        "{text}"
    );
    assert!(lines[0].contains("met.count"));
    let drill_csv = s
        .http
        .get(s.url("/analytics/tasks/?set=breached&format=csv"))
        .bearer_auth(admin())
        .send()
        .await
        .unwrap();
    assert_eq!(
        drill_csv.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    assert_eq!(
        drill_csv
            .text()
            .await
            .unwrap()
            .trim_end()
            .split("\r\n")
            .count(),
        3
    );

    // Filters narrow figures and links alike.
    let (_, high) = get(&s, &admin(), "/analytics/dashboard/?priority=High").await;
    assert_eq!(
        (
            high["tasks"]["count"].as_i64(),
            drill(&s, &high["breached"]).await
        ),
        (Some(2), 1)
    );
    assert_eq!(get(&s, &agent(7), "/analytics/dashboard/").await.0, 403);
    assert_eq!(
        get(&s, &admin(), "/analytics/trends/?interval=year")
            .await
            .0,
        422
    );
    s.finish().await;
}
