//! `/audit/events/`: who did what, for `tts:Admin`.

use axum::extract::State;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tts_shared::auth::AuthUser;
use tts_shared::http::{ErrorBody, Json, Query};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::access::require_admin;
use crate::error::WorkflowError;
use crate::schema::audit_events;

#[derive(Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = audit_events)]
pub struct AuditEvent {
    pub id: i64,
    pub actor_id: Option<i64>,
    /// `user`, or the part of the system that acted (`sync`, `intake`).
    pub actor_type: String,
    pub action: String,
    pub target_type: String,
    pub target_id: String,
    #[schema(value_type = Option<Object>)]
    pub before: Option<Value>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<Value>,
    pub request_id: Option<String>,
    pub at: DateTime<Utc>,
}

/// An audit event with the acting person's name.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventView {
    #[serde(flatten)]
    pub event: AuditEvent,
    /// The actor's full name from the role-sync directory; `null` for the system or a person
    /// it has no name for.
    pub actor_name: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditParams {
    pub actor: Option<i64>,
    pub action: Option<String>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// 1–500, default 100.
    pub limit: Option<i64>,
    /// Id of the last event of the previous page.
    pub before: Option<i64>,
}

/// Audit events, newest first.
#[utoipa::path(get, path = "/audit/events/", tag = "audit", params(AuditParams), security(("bearer" = [])),
    responses((status = 200, body = Vec<AuditEventView>), (status = 403, body = ErrorBody)))]
pub async fn events(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<AuditParams>,
) -> Result<Json<Vec<AuditEventView>>, WorkflowError> {
    require_admin(&user)?;
    let limit = p.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(WorkflowError::invalid("limit", "must be between 1 and 500"));
    }
    let mut query = audit_events::table
        .select(AuditEvent::as_select())
        .into_boxed();
    if let Some(v) = p.actor {
        query = query.filter(audit_events::actor_id.eq(v));
    }
    if let Some(v) = p.action {
        query = query.filter(audit_events::action.eq(v));
    }
    if let Some(v) = p.target_type {
        query = query.filter(audit_events::target_type.eq(v));
    }
    if let Some(v) = p.target_id {
        query = query.filter(audit_events::target_id.eq(v));
    }
    if let Some(v) = p.from {
        query = query.filter(audit_events::at.ge(v));
    }
    if let Some(v) = p.to {
        query = query.filter(audit_events::at.lt(v));
    }
    if let Some(v) = p.before {
        query = query.filter(audit_events::id.lt(v));
    }
    let mut conn = state.platform.db().conn().await?;
    let events: Vec<AuditEvent> = query
        .order(audit_events::id.desc())
        .limit(limit)
        .load(&mut conn)
        .await?;
    let actors: Vec<i64> = events.iter().filter_map(|e| e.actor_id).collect();
    let names = crate::tasks::names(&mut conn, &state.settings.role_system, &actors).await?;
    Ok(Json(
        events
            .into_iter()
            .map(|event| AuditEventView {
                actor_name: event.actor_id.and_then(|id| names.get(&id).cloned()),
                event,
            })
            .collect(),
    ))
}
