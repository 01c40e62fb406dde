//! The audit log of comments: who edited or deleted which comment, when, and what it said
//! before. Written inside the transaction of the change; read by `tts:Admin` staff at
//! `GET /audit/`. The queries are in [`crate::store`].

use axum::extract::State;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::AsyncPgConnection;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tts_shared::auth::{AuthUser, UserType};
use tts_shared::http::{ErrorBody, Json, Query, cursor};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::error::MessagingError;
use crate::schema::audit_events;
use crate::store::{self, CommentRow};
use crate::views::UserTypeName;

/// The kind of the audit list's cursors (`tts_shared::http::cursor`).
pub const AUDIT_CURSOR: char = 'a';

/// What an audit event records.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = AuditAction)]
pub enum AuditActionName {
    #[serde(rename = "comment.edited")]
    Edited,
    #[serde(rename = "comment.deleted")]
    Deleted,
}

/// A comment's content before or after a change.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"body": "Uplink replaced, monitoring", "mentions": [4]}))]
pub struct AuditedContent {
    pub body: String,
    /// Mentioned staff user ids.
    pub mentions: Vec<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = audit_events)]
#[schema(example = json!({"id": 3, "actor_type": "staff", "actor_id": 1, "actor_name": "Ana Reyes", "action": "comment.edited", "target_type": "comment", "target_id": "2", "ticket_number": "TX20261201000042", "before": {"body": "Uplink replaced, monitoring", "mentions": [4]}, "after": {"body": "Uplink replaced; monitoring for an hour", "mentions": [4, 5]}, "request_id": "01a23410-2d69-7555-a275-5746b025284f", "at": "2026-12-02T00:03:25.174717Z"}))]
pub struct AuditEvent {
    pub id: i64,
    /// `staff` or `employee` (their ids are separate namespaces).
    #[schema(value_type = UserTypeName)]
    pub actor_type: String,
    pub actor_id: i64,
    pub actor_name: String,
    #[schema(value_type = AuditActionName)]
    pub action: String,
    /// Always `comment`.
    pub target_type: String,
    /// The comment id.
    pub target_id: String,
    pub ticket_number: String,
    /// The content before the change.
    #[schema(value_type = Option<AuditedContent>)]
    pub before: Option<Value>,
    /// The content after an edit; null for a delete.
    #[schema(value_type = Option<AuditedContent>)]
    pub after: Option<Value>,
    /// The `X-Request-Id` of the request that made the change.
    pub request_id: Option<String>,
    pub at: DateTime<Utc>,
}

fn content(c: &CommentRow) -> Value {
    json!({"body": c.body, "mentions": c.mentions})
}

/// Records the change of `before` into `after` (`None`: deleted) by `user`, inside the caller's
/// transaction.
pub async fn record(
    conn: &mut AsyncPgConnection,
    user: &AuthUser,
    action: &str,
    before: &CommentRow,
    after: Option<&CommentRow>,
) -> QueryResult<()> {
    let target_id = before.id.to_string();
    let request_id = tts_shared::telemetry::current_request_id();
    store::insert_audit_event(
        conn,
        &store::NewAuditEvent {
            actor_type: user.user_type.as_str(),
            actor_id: user.user_id,
            actor_name: &user.name,
            action,
            target_type: "comment",
            target_id: &target_id,
            ticket_number: &before.ticket_number,
            before: Some(content(before)),
            after: after.map(content),
            request_id,
        },
    )
    .await
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// The acting person's user id (with `actor_type`, one person).
    #[param(minimum = 1)]
    pub actor: Option<i64>,
    /// `staff` or `employee`.
    #[param(value_type = Option<UserTypeName>)]
    pub actor_type: Option<String>,
    /// `comment.edited` or `comment.deleted`.
    #[param(value_type = Option<AuditActionName>)]
    pub action: Option<String>,
    /// A comment id: the events of that comment.
    pub target: Option<String>,
    /// A ticket number: the events of its thread.
    pub ticket: Option<String>,
    /// Events at or after this time (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Events before this time (RFC 3339); not before `from`.
    pub to: Option<DateTime<Utc>>,
    /// Events per page, 1–200.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page (opaque).
    pub cursor: Option<String>,
}

/// A page of the audit log, newest first.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"items": [{"id": 3, "actor_type": "staff", "actor_id": 1, "actor_name": "Ana Reyes", "action": "comment.edited", "target_type": "comment", "target_id": "2", "ticket_number": "TX20261201000042", "before": {"body": "Uplink replaced, monitoring", "mentions": [4]}, "after": {"body": "Uplink replaced; monitoring for an hour", "mentions": [4, 5]}, "request_id": "01a23410-2d69-7555-a275-5746b025284f", "at": "2026-12-02T00:03:25.174717Z"}, {"id": 2, "actor_type": "staff", "actor_id": 1, "actor_name": "Ana Reyes", "action": "comment.deleted", "target_type": "comment", "target_id": "1", "ticket_number": "TX20261201000042", "before": {"body": "Rebooted the core switch; @Ben please check the uplink", "mentions": [3]}, "after": null, "request_id": "01a23410-2ce3-77a0-92b0-56a3f89e0018", "at": "2026-12-02T00:03:25.028343Z"}], "next_cursor": "YTI"}))]
pub struct AuditPage {
    pub items: Vec<AuditEvent>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// List comment audit events
///
/// Edits (with the body before and after) and deletes (with the body that was deleted), newest
/// first, for `tts:Admin` staff. Filters combine; pages with `?limit=&cursor=`.
#[utoipa::path(get, path = "/audit/", tag = "audit", operation_id = "listAuditEvents",
    params(AuditParams), security(("bearer" = [])),
    responses((status = 200, description = "A page of audit events, newest first", body = AuditPage),
        (status = 403, description = "The caller is not `tts:Admin` staff", body = ErrorBody),
        (status = 422, description = "A parameter is invalid (`limit`, `cursor`, `actor_type`, `to` before `from`); every problem is listed", body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<AuditParams>,
) -> Result<Json<AuditPage>, MessagingError> {
    if user.user_type != UserType::Staff || !user.is_tts_admin() {
        return Err(MessagingError::Forbidden(
            "the audit log is for tts:Admin staff".into(),
        ));
    }
    let mut problems = Vec::new();
    let (limit, cursor) = cursor::page(p.limit, p.cursor.as_deref(), AUDIT_CURSOR, &mut problems);
    if let Some(t) = &p.actor_type
        && !["staff", "employee"].contains(&t.as_str())
    {
        problems.push(("actor_type", format!("`{t}` is not staff or employee")));
    }
    if let (Some(from), Some(to)) = (p.from, p.to)
        && from > to
    {
        problems.push(("to", "must not be before `from`".to_string()));
    }
    MessagingError::check(problems)?;
    let filter = store::AuditFilter {
        actor: p.actor,
        actor_type: p.actor_type,
        action: p.action,
        target: p.target,
        ticket: p.ticket,
        from: p.from,
        to: p.to,
    };
    let mut conn = state.platform.db().conn().await?;
    let mut items = store::audit_events(&mut conn, &filter, cursor, limit + 1).await?;
    let next_cursor = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items.last().map(|e| cursor::encode(AUDIT_CURSOR, e.id))
    } else {
        None
    };
    Ok(Json(AuditPage { items, next_cursor }))
}
