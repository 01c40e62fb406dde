//! `/end-logic/deliveries/…`: callbacks to other systems (`tts:Admin`).

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use tts_shared::auth::AuthUser;
use tts_shared::http::{ErrorBody, FieldError, Json, Path, Query};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::AppState;
use crate::access::require_admin;
use crate::end_logic::{self, Delivery, DeliveryCursor};
use crate::error::WorkflowError;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DeliveryParams {
    /// `pending`, `succeeded` or `failed`.
    pub status: Option<String>,
    /// Page size.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page (with the same `status`).
    pub cursor: Option<String>,
}

/// One page of deliveries, newest first.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"items": [{"id": "0193d5a4-6f0e-7c51-9a43-1f2e3d4c5b6a", "task_id": 1, "kind": "webhook",
    "url": "https://assets.example.com/hooks/tts", "payload": {"task_id": 1, "ticket_number": "TX20251231962083",
        "status": "completed"},
    "status": "failed", "attempts": 5, "last_error": "HTTP 502", "last_status_code": 502,
    "created_at": "2026-12-02T01:21:44.120331Z", "delivered_at": null}],
    "next_cursor": "d.1764638504120331.0193d5a4-6f0e-7c51-9a43-1f2e3d4c5b6a"}))]
pub struct DeliveryPage {
    pub items: Vec<Delivery>,
    /// Pass as `cursor` (with the same `status`) for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// List end-logic deliveries.
///
/// The callbacks sent to other systems when tasks end (asset, budget, notification, webhook),
/// newest first, a page at a time, optionally of one `status` (`tts:Admin`).
#[utoipa::path(get, path = "/end-logic/deliveries/", tag = "end-logic", operation_id = "listEndLogicDeliveries",
    params(DeliveryParams), security(("bearer" = [])),
    responses(
        (status = 200, description = "one page of deliveries", body = DeliveryPage),
        (status = 403, description = "not staff holding `tts:Admin`", body = ErrorBody),
        (status = 422, description = "every bad parameter at once: `status`, `limit` or `cursor`", body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<DeliveryParams>,
) -> Result<Json<DeliveryPage>, WorkflowError> {
    require_admin(&user)?;
    let mut problems = Vec::new();
    let mut problem = |field: &str, message: &str| {
        problems.push(FieldError {
            field: field.into(),
            message: message.into(),
        })
    };
    if let Some(s) = &p.status
        && !["pending", "succeeded", "failed"].contains(&s.as_str())
    {
        problem("status", "must be pending, succeeded or failed");
    }
    let limit = p.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        problem("limit", "must be between 1 and 200");
    }
    let after = p.cursor.as_deref().and_then(|c| {
        let after = DeliveryCursor::decode(c);
        if after.is_none() {
            problem("cursor", "is not a cursor this API returned");
        }
        after
    });
    if !problems.is_empty() {
        return Err(WorkflowError::Invalid(problems));
    }
    let mut items = end_logic::list(&state, p.status.as_deref(), after, limit + 1).await?;
    let more = items.len() as i64 > limit;
    items.truncate(limit as usize);
    let next_cursor = items.last().filter(|_| more).map(|d| {
        DeliveryCursor {
            created_at: d.created_at,
            id: d.id,
        }
        .encode()
    });
    Ok(Json(DeliveryPage { items, next_cursor }))
}

/// Send an end-logic delivery again.
///
/// Sends a failed or pending delivery again, with the same delivery id (so the receiver can
/// tell a repeat), starting a fresh round of tries (`tts:Admin`).
#[utoipa::path(post, path = "/end-logic/deliveries/{id}/retry/", tag = "end-logic", operation_id = "retryEndLogicDelivery",
    params(("id" = Uuid, Path, description = "the delivery")),
    security(("bearer" = [])),
    responses(
        (status = 202, description = "the delivery, pending again", body = Delivery, example = json!({
            "id": "0193d5a4-6f0e-7c51-9a43-1f2e3d4c5b6a", "task_id": 1, "kind": "webhook",
            "url": "https://assets.example.com/hooks/tts", "payload": {"task_id": 1, "ticket_number": "TX20251231962083",
                "status": "completed"},
            "status": "pending", "attempts": 5, "last_error": "HTTP 502", "last_status_code": 502,
            "created_at": "2026-12-02T01:21:44.120331Z", "delivered_at": null})),
        (status = 403, description = "not staff holding `tts:Admin`", body = ErrorBody),
        (status = 404, description = "no such delivery", body = ErrorBody),
        (status = 409, description = "the delivery already succeeded", body = ErrorBody)))]
pub async fn retry(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<Uuid>,
) -> Result<(StatusCode, Json<Delivery>), WorkflowError> {
    require_admin(&user)?;
    Ok((
        StatusCode::ACCEPTED,
        Json(end_logic::resend(&state, &user, id).await?),
    ))
}
