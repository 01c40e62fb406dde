//! The audit log of comments: who edited or deleted which comment, when, and what it said
//! before. Written inside the transaction of the change; read by `tts:Admin` staff at
//! `GET /audit/`.

use axum::extract::State;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tts_shared::auth::{AuthUser, UserType};
use tts_shared::http::{ErrorBody, FieldError, Json, Query};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::error::MessagingError;
use crate::schema::audit_events;
use crate::store::CommentRow;

#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = audit_events)]
pub struct AuditEvent {
    pub id: i64,
    /// `staff` or `employee` (their ids are separate namespaces).
    pub actor_type: String,
    pub actor_id: i64,
    pub actor_name: String,
    /// `comment.edited` or `comment.deleted`.
    pub action: String,
    pub target_type: String,
    /// The comment id.
    pub target_id: String,
    pub ticket_number: String,
    /// `{body, mentions}` before the change.
    #[schema(value_type = Option<Object>)]
    pub before: Option<Value>,
    /// `{body, mentions}` after an edit; null for a delete.
    #[schema(value_type = Option<Object>)]
    pub after: Option<Value>,
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
    diesel::insert_into(audit_events::table)
        .values((
            audit_events::actor_type.eq(user.user_type.as_str()),
            audit_events::actor_id.eq(user.user_id),
            audit_events::actor_name.eq(&user.name),
            audit_events::action.eq(action),
            audit_events::target_type.eq("comment"),
            audit_events::target_id.eq(before.id.to_string()),
            audit_events::ticket_number.eq(&before.ticket_number),
            audit_events::before.eq(Some(content(before))),
            audit_events::after.eq(after.map(content)),
            audit_events::request_id.eq(tts_shared::telemetry::current_request_id()),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditParams {
    /// The acting person's user id.
    pub actor: Option<i64>,
    /// `staff` or `employee`.
    pub actor_type: Option<String>,
    /// `comment.edited` or `comment.deleted`.
    pub action: Option<String>,
    /// A comment id.
    pub target: Option<String>,
    /// A ticket number: events of its thread.
    pub ticket: Option<String>,
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

/// Comment audit events, newest first: edits with the previous body, and deletes.
#[utoipa::path(get, path = "/audit/", tag = "audit", params(AuditParams), security(("bearer" = [])),
    responses((status = 200, body = AuditPage), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
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
    let (limit, cursor) =
        tts_shared::http::cursor::page(p.limit, p.cursor.as_deref(), 'a', &mut problems);
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
    if !problems.is_empty() {
        return Err(MessagingError::Invalid(
            problems
                .into_iter()
                .map(|(field, message)| FieldError {
                    field: field.into(),
                    message,
                })
                .collect(),
        ));
    }
    let mut query = audit_events::table
        .select(AuditEvent::as_select())
        .into_boxed();
    if let Some(v) = p.actor {
        query = query.filter(audit_events::actor_id.eq(v));
    }
    if let Some(v) = p.actor_type {
        query = query.filter(audit_events::actor_type.eq(v));
    }
    if let Some(v) = p.action {
        query = query.filter(audit_events::action.eq(v));
    }
    if let Some(v) = p.target {
        query = query.filter(audit_events::target_id.eq(v));
    }
    if let Some(v) = p.ticket {
        query = query.filter(audit_events::ticket_number.eq(v));
    }
    if let Some(v) = p.from {
        query = query.filter(audit_events::at.ge(v));
    }
    if let Some(v) = p.to {
        query = query.filter(audit_events::at.lt(v));
    }
    if let Some(v) = cursor {
        query = query.filter(audit_events::id.lt(v));
    }
    let mut conn = state.platform.db().conn().await?;
    let mut items: Vec<AuditEvent> = query
        .order(audit_events::id.desc())
        .limit(limit + 1)
        .load(&mut conn)
        .await?;
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
