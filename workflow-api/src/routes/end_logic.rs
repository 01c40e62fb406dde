//! `/end-logic/deliveries/…`: callbacks to other systems (`tts:Admin`).

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use tts_shared::auth::AuthUser;
use tts_shared::http::{ErrorBody, Json, Path, Query};
use utoipa::IntoParams;
use uuid::Uuid;

use crate::AppState;
use crate::access::require_admin;
use crate::end_logic::{self, Delivery};
use crate::error::WorkflowError;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DeliveryParams {
    /// `pending`, `succeeded` or `failed`.
    pub status: Option<String>,
    /// 1–500, default 100.
    pub limit: Option<i64>,
}

/// End-logic deliveries, newest first.
#[utoipa::path(get, path = "/end-logic/deliveries/", tag = "end-logic", params(DeliveryParams), security(("bearer" = [])),
    responses((status = 200, body = Vec<Delivery>), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<DeliveryParams>,
) -> Result<Json<Vec<Delivery>>, WorkflowError> {
    require_admin(&user)?;
    if let Some(s) = &p.status
        && !["pending", "succeeded", "failed"].contains(&s.as_str())
    {
        return Err(WorkflowError::invalid(
            "status",
            "must be pending, succeeded or failed",
        ));
    }
    let limit = p.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(WorkflowError::invalid("limit", "must be between 1 and 500"));
    }
    Ok(Json(
        end_logic::list(&state, p.status.as_deref(), limit).await?,
    ))
}

/// Send a delivery again, with the same delivery id.
#[utoipa::path(post, path = "/end-logic/deliveries/{id}/retry/", tag = "end-logic", params(("id" = Uuid, Path)),
    security(("bearer" = [])),
    responses((status = 202, body = Delivery), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
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
