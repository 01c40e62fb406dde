//! `GET /audit/`: who created, changed or upserted which ticket, for `tts:Admin` staff.

use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tts_shared::auth::{AuthUser, UserType};
use tts_shared::http::{ErrorBody, FieldError, Json, Query};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::error::TicketError;
use crate::store::audit::{self, AuditEvent, AuditFilter};

const ACTOR_TYPES: [&str; 4] = ["staff", "employee", "service", "system"];

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditParams {
    /// The acting person's user id.
    pub actor: Option<i64>,
    /// `staff`, `employee`, `service` or `system`.
    pub actor_type: Option<String>,
    /// e.g. `ticket.updated`.
    pub action: Option<String>,
    /// A ticket number.
    pub target: Option<String>,
    /// Events at or after this time (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Events before this time (RFC 3339).
    pub to: Option<DateTime<Utc>>,
    /// 1–200, default 50.
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditEvent>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// Ticket audit events, newest first: creates, changes (`PATCH`), helpdesk upserts and tickets
/// recorded from the workflow engine, each with the fields it changed from → to.
#[utoipa::path(get, path = "/audit/", tag = "audit", params(AuditParams), security(("bearer" = [])),
    responses((status = 200, body = AuditPage), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<AuditParams>,
) -> Result<Json<AuditPage>, TicketError> {
    if user.user_type != UserType::Staff || !user.is_tts_admin() {
        return Err(TicketError::Forbidden(
            "the audit log is for tts:Admin staff".into(),
        ));
    }
    let mut problems = Vec::new();
    let (limit, cursor) =
        tts_shared::http::cursor::page(p.limit, p.cursor.as_deref(), 'a', &mut problems);
    if let Some(t) = &p.actor_type
        && !ACTOR_TYPES.contains(&t.as_str())
    {
        problems.push((
            "actor_type",
            format!("`{t}` is not one of staff, employee, service, system"),
        ));
    }
    if let (Some(from), Some(to)) = (p.from, p.to)
        && from > to
    {
        problems.push(("to", "must not be before `from`".to_string()));
    }
    if !problems.is_empty() {
        return Err(TicketError::Invalid(
            problems
                .into_iter()
                .map(|(field, message)| FieldError {
                    field: field.into(),
                    message,
                })
                .collect(),
        ));
    }
    let filter = AuditFilter {
        actor_id: p.actor,
        actor_type: p.actor_type,
        action: p.action,
        target: p.target,
        from: p.from,
        to: p.to,
    };
    let mut conn = state.platform.db().conn().await?;
    let mut items = audit::list(&mut conn, &filter, cursor, limit + 1).await?;
    let next_cursor = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items
            .last()
            .map(|e| tts_shared::http::cursor::encode('a', e.id))
    } else {
        None
    };
    Ok(Json(AuditPage { items, next_cursor }))
}
