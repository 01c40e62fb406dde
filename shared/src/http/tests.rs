//! The extractors' answers to bad input, through a real router.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use tower::ServiceExt;
use utoipa::ToSchema;

use super::{Json, Path, Query};

#[derive(Debug, Deserialize, ToSchema)]
enum Priority {
    Low,
    Medium,
    High,
    Critical,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct NewTicket {
    subject: String,
    priority: Priority,
    count: u32,
    due_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code)]
struct Step {
    name: String,
    role_id: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code)]
struct Graph {
    steps: Vec<Step>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Window {
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    limit: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Required {
    status: Priority,
    page: u32,
}

fn router() -> Router {
    Router::new()
        .route("/tickets", post(|Json(_): Json<NewTicket>| async { "ok" }))
        .route("/graphs", post(|Json(_): Json<Graph>| async { "ok" }))
        .route("/tickets", get(|Query(_): Query<Window>| async { "ok" }))
        .route("/required", get(|Query(_): Query<Required>| async { "ok" }))
        .route(
            "/tickets/{ticket_id}",
            get(|Path(_): Path<i64>| async { "ok" }),
        )
        .route(
            "/tickets/{ticket_id}/tasks/{task_id}",
            get(|Path(_): Path<(i64, uuid::Uuid)>| async { "ok" }),
        )
}

async fn call(request: Request<Body>) -> (StatusCode, Value) {
    let response = router().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, body)
}

async fn post_json(uri: &str, body: &str) -> (StatusCode, Value) {
    call(
        Request::post(uri)
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await
}

async fn get_uri(uri: &str) -> (StatusCode, Value) {
    call(Request::get(uri).body(Body::empty()).unwrap()).await
}

fn fields(body: &Value) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    fields.sort();
    fields
}

fn names(body: &Value) -> Vec<String> {
    fields(body).into_iter().map(|(f, _)| f).collect()
}

#[tokio::test]
async fn a_valid_body_passes() {
    let (status, _) = post_json(
        "/tickets",
        r#"{"subject": "VPN down", "priority": "High", "count": 2}"#,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn three_wrong_fields_in_one_body_are_three_fields() {
    let (status, body) = post_json(
        "/tickets",
        r#"{"subject": 5, "priority": "High", "count": "two", "due_at": "yesterday"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "validation_failed");
    assert_eq!(names(&body), ["count", "due_at", "subject"], "{body}");
    assert_eq!(body["error"]["message"], "3 fields are invalid");
}

#[tokio::test]
async fn an_unknown_field_is_reported_when_the_type_denies_unknown_fields() {
    let (status, body) = post_json(
        "/tickets",
        r#"{"subject": "VPN", "priority": "Low", "count": 1, "colour": "red"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        fields(&body),
        [("colour".to_string(), "is not a known field".to_string())]
    );
}

#[tokio::test]
async fn a_wrong_enum_value_lists_the_allowed_values() {
    let (status, body) = post_json(
        "/tickets",
        r#"{"subject": "VPN", "priority": "Urgent", "count": 1}"#,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        fields(&body),
        [(
            "priority".to_string(),
            "must be one of Low, Medium, High, Critical".to_string()
        )]
    );
}

#[tokio::test]
async fn missing_and_nested_fields_are_named_by_their_path() {
    let (status, body) = post_json(
        "/graphs",
        r#"{"steps": [{"name": "triage", "role_id": 1}, {"name": "fix"}, {"role_id": "x"}]}"#,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        fields(&body),
        [
            ("steps[1].role_id".to_string(), "is required".to_string()),
            ("steps[2].name".to_string(), "is required".to_string()),
            (
                "steps[2].role_id".to_string(),
                "expected an integer, got a string".to_string()
            ),
        ]
    );
}

#[tokio::test]
async fn a_body_that_is_not_json_is_still_malformed_json() {
    let (status, body) = post_json("/tickets", "{not json").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "malformed_json");
}

#[tokio::test]
async fn a_bad_query_date_names_its_parameter() {
    let (status, body) = get_uri("/tickets?from=2026-12-01").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["code"], "validation_failed");
    let found = fields(&body);
    assert_eq!(found.len(), 1, "{body}");
    assert_eq!(found[0].0, "from");
    assert!(found[0].1.contains("RFC 3339"), "{body}");
}

#[tokio::test]
async fn every_bad_query_parameter_is_named_once() {
    let (status, body) = get_uri("/tickets?from=x&to=2026-12-01T09:00:00Z&limit=-1&other=1").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(names(&body), ["from", "limit"], "{body}");
    let (status, body) = get_uri("/required?status=Soon").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        fields(&body),
        [(
            "status".to_string(),
            "must be one of Low, Medium, High, Critical".to_string()
        )]
    );
    let (status, body) = get_uri("/required?page=x").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        fields(&body),
        [
            (
                "page".to_string(),
                "expected an integer, got `x`".to_string()
            ),
            ("status".to_string(), "is required".to_string()),
        ]
    );
    let (status, _) = get_uri("/tickets?from=2026-12-01T09:00:00Z&limit=5&other=1").await;
    assert_eq!(status, StatusCode::OK, "unknown parameters stay accepted");
}

#[tokio::test]
async fn a_bad_path_parameter_is_named() {
    let (status, body) = get_uri("/tickets/abc").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["code"], "validation_failed");
    assert_eq!(names(&body), ["ticket_id"]);
    let (status, body) = get_uri("/tickets/7/tasks/not-a-uuid").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        fields(&body),
        [(
            "task_id".to_string(),
            "expected a UUID, got `not-a-uuid`".to_string()
        )]
    );
}
