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

/// Who acted, in an audit event.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActorType {
    Staff,
    Employee,
    Service,
    System,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// The acting person's user id.
    pub actor: Option<i64>,
    /// The kind of actor.
    #[param(inline, value_type = Option<ActorType>)]
    pub actor_type: Option<String>,
    /// `ticket.created`, `ticket.updated`, `ticket.upserted` or `ticket.recorded`.
    #[param(example = "ticket.updated")]
    pub action: Option<String>,
    /// A ticket number.
    pub target: Option<String>,
    /// Events at or after this time (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Events before this time (RFC 3339); not before `from`.
    pub to: Option<DateTime<Utc>>,
    /// Page size.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page (opaque).
    pub cursor: Option<String>,
}

/// A page of audit events, newest first.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!(crate::examples::audit_page()))]
pub struct AuditPage {
    pub items: Vec<AuditEvent>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// List ticket audit events, newest first.
///
/// Creates, changes (`PATCH`), helpdesk upserts and tickets recorded from the workflow engine,
/// each with the fields it changed from → to. For `tts:Admin` staff. Paged with `limit` and
/// `cursor`: pass `next_cursor` as `cursor`; it is absent on the last page.
#[utoipa::path(get, path = "/audit/", tag = "audit", operation_id = "listTicketAuditEvents",
    params(AuditParams), security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of audit events, newest first.", body = AuditPage),
        (status = 403, description = "The caller is not `tts:Admin` staff (employees never are).", body = ErrorBody),
        (status = 422, description = "A filter or paging parameter is invalid, or `to` is before `from`; every problem is named (`validation_failed`).", body = ErrorBody)))]
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
