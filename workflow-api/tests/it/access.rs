//! Requesters (employees) get 403 everywhere in the workflow API, whatever roles their token
//! carries; the same requests from staff with the role go through.

use reqwest::Method;
use serde_json::{Value, json};
use tts_shared::auth::UserType;
use tts_shared::testing;

use crate::{admin, send, start};

/// Method, path, body, and what staff holding `tts:Admin` get (proof the request is otherwise
/// fine, so a 403 for the employee is about who they are).
fn endpoints() -> Vec<(Method, &'static str, Value, u16)> {
    let workflow = json!({
        "name": "Laptops", "department": "IT Department", "category": "IT Support",
        "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H",
    });
    vec![
        (Method::GET, "/analytics/dashboard/", Value::Null, 200),
        (Method::GET, "/analytics/workload/", Value::Null, 200),
        (Method::GET, "/tasks/", Value::Null, 200),
        (Method::GET, "/tasks/mine/", Value::Null, 200),
        (
            Method::POST,
            "/tickets/TX0000000000001/assign-workflow/",
            json!({"workflow_id": 1}),
            404,
        ),
        (Method::POST, "/workflows/", workflow, 201),
        (Method::GET, "/workflows/", Value::Null, 200),
        (Method::PUT, "/roles/77/", json!({"name": "Printers"}), 200),
        (Method::GET, "/roles/", Value::Null, 200),
        (Method::GET, "/end-logic/deliveries/", Value::Null, 200),
        (Method::GET, "/audit/events/", Value::Null, 200),
        (Method::GET, "/people/?ids=1", Value::Null, 200),
    ]
}

async fn call(
    s: &testing::TestService,
    token: &str,
    method: &Method,
    path: &str,
    body: &Value,
) -> (u16, Value) {
    if body.is_null() {
        crate::get(s, token, path).await
    } else {
        send(s, method.clone(), token, path, body.clone()).await
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_employee_token_with_tts_roles_is_refused_on_every_endpoint() {
    let s = start().await;
    let employees = [
        (
            "employee with tts:Admin",
            testing::token(40, UserType::Employee, &["tts:Admin"]),
        ),
        (
            "employee with the coordinator role",
            testing::token(41, UserType::Employee, &["tts:Ticket Coordinator"]),
        ),
        (
            "employee with tts:Agent",
            testing::token(42, UserType::Employee, &["tts:Agent"]),
        ),
    ];
    for (method, path, body, staff_status) in endpoints() {
        for (who, token) in &employees {
            let (status, answer) = call(&s, token, &method, path, &body).await;
            assert_eq!(status, 403, "{who}: {method} {path}: {answer}");
            assert_eq!(answer["error"]["code"], "forbidden", "{answer}");
        }
        let (status, answer) = call(&s, &admin(), &method, path, &body).await;
        assert_eq!(
            status, staff_status,
            "staff tts:Admin: {method} {path}: {answer}"
        );
    }
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_coordinators_see_all_tasks_and_analytics_but_employees_with_the_role_do_not() {
    let s = start().await;
    let staff = testing::token(30, UserType::Staff, &["tts:Ticket Coordinator"]);
    let employee = testing::token(30, UserType::Employee, &["tts:Ticket Coordinator"]);
    for path in ["/tasks/", "/analytics/dashboard/", "/analytics/sla/"] {
        assert_eq!(
            crate::get(&s, &staff, path).await.0,
            200,
            "staff coordinator: {path}"
        );
        assert_eq!(
            crate::get(&s, &employee, path).await.0,
            403,
            "employee: {path}"
        );
    }
    s.finish().await;
}
