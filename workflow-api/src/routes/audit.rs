//! `/audit/events/`: who did what, for `tts:Admin`, newest first and a page at a time.

use axum::extract::State;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tts_shared::auth::AuthUser;
use tts_shared::http::{ErrorBody, FieldError, Json, Query};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::access::require_admin;
use crate::error::WorkflowError;
use crate::paging::PageRequest;
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
    /// Only events of this staff user.
    #[param(minimum = 1)]
    pub actor: Option<i64>,
    /// Only this action, e.g. `task.transition`, `role.member_put`.
    pub action: Option<String>,
    /// Only events about this kind of thing: `task`, `workflow`, `role`, `ticket`, …
    pub target_type: Option<String>,
    /// Only events about this thing (with `target_type`).
    pub target_id: Option<String>,
    /// Events at or after this time (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Events before this time (RFC 3339).
    pub to: Option<DateTime<Utc>>,
    /// Page size.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Id of the last event of the previous page; use `cursor`. Kept for one release.
    #[deprecated(note = "use `cursor`")]
    #[param(minimum = 1)]
    pub before: Option<i64>,
}

/// One page of audit events, newest first.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"items": [{
    "id": 42, "actor_id": 7, "actor_type": "user", "action": "task.transition",
    "target_type": "task", "target_id": "12",
    "before": {"step": "triage"}, "after": {"step": "approve", "transition": "submit"},
    "request_id": "0193d5a4-6f0e-7c51-9a43-1f2e3d4c5b6a", "at": "2026-12-01T09:30:12.345Z",
    "actor_name": "Ana Cruz"}],
    "next_cursor": "YTQy"}))]
pub struct AuditPage {
    pub items: Vec<AuditEventView>,
    /// Pass as `cursor` (with the same filters) for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// List audit events.
///
/// Who did what: the actions of staff and of the engine on tasks, tickets, workflows and roles,
/// newest first, filtered by actor or target, a page at a time (`tts:Admin`).
// Reads the deprecated parameters, kept for one release.
#[allow(deprecated)]
#[utoipa::path(get, path = "/audit/events/", tag = "audit", operation_id = "listAuditEvents",
    params(AuditParams), security(("bearer" = [])),
    responses((status = 200, description = "a page of events", body = AuditPage),
        (status = 403, description = "not staff holding `tts:Admin`", body = ErrorBody)))]
pub async fn events(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<AuditParams>,
) -> Result<Json<AuditPage>, WorkflowError> {
    require_admin(&user)?;
    let mut problems = Vec::new();
    let page = PageRequest::read(p.limit, p.cursor.as_deref(), 'a', &mut problems);
    if p.before.is_some_and(|b| b < 1) {
        problems.push(FieldError {
            field: "before".into(),
            message: "must be a positive event id".into(),
        });
    }
    if p.cursor.is_some() && p.before.is_some() {
        problems.push(FieldError {
            field: "before".into(),
            message: "is replaced by cursor; send one of them".into(),
        });
    }
    if let (Some(from), Some(to)) = (p.from, p.to)
        && from >= to
    {
        problems.push(FieldError {
            field: "to".into(),
            message: "must be after from".into(),
        });
    }
    if !problems.is_empty() {
        return Err(WorkflowError::Invalid(problems));
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
    if let Some(v) = page.after.or(p.before) {
        query = query.filter(audit_events::id.lt(v));
    }
    let mut conn = state.platform.db().conn().await?;
    let rows: Vec<AuditEvent> = query
        .order(audit_events::id.desc())
        .limit(page.fetch())
        .load(&mut conn)
        .await?;
    let (events, next_cursor) = page.finish(rows, |e| e.id);
    let actors: Vec<i64> = events.iter().filter_map(|e| e.actor_id).collect();
    let names = crate::tasks::names(&mut conn, &state.settings.role_system, &actors).await?;
    Ok(Json(AuditPage {
        items: events
            .into_iter()
            .map(|event| AuditEventView {
                actor_name: event.actor_id.and_then(|id| names.get(&id).cloned()),
                event,
            })
            .collect(),
        next_cursor,
    }))
}
