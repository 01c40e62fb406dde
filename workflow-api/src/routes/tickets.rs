//! `/tickets/…`: ticket snapshots as the workflow engine sees them, and manual allocation.

use axum::extract::State;
use diesel_async::AsyncConnection;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tts_shared::auth::AuthUser;
use tts_shared::http::{ErrorBody, FieldError, Json, Path, Query};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::access::{require_admin_or_coordinator, require_agent};
use crate::error::WorkflowError;
use crate::intake::{self, Start};
use crate::store::audit::{self, Actor};
use crate::store::tickets::{self, TicketRow};

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"ticket_number": "TX20251231962083", "subject": "Laptop will not boot", "department": "IT Department",
    "category": "IT Support", "sub_category": null, "priority": "High", "status": "Open", "workflow_id": 1,
    "received_count": 1, "created_at": "2026-12-02T01:21:40.978669Z", "updated_at": "2026-12-02T01:21:40.978669Z",
    "payload": {"ticket_number": "TX20251231962083", "subject": "Laptop will not boot", "priority": "High",
        "status": "Open", "department": "IT Department", "category": "IT Support",
        "description": "Black screen after BIOS logo", "employee_id": 14,
        "employee": {"first_name": "Juan", "last_name": "Reyes", "email": "juan@example.com",
            "company_id": "MA0014", "department": "IT Department"},
        "submit_date": "2025-12-31T02:14:09.120000+00:00"}}))]
pub struct TicketView {
    pub ticket_number: String,
    pub subject: String,
    pub department: Option<String>,
    pub category: Option<String>,
    pub sub_category: Option<String>,
    pub priority: String,
    pub status: String,
    /// The workflow it was allocated to; absent while it waits for one.
    pub workflow_id: Option<i64>,
    pub received_count: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    #[schema(value_type = Object)]
    pub payload: Value,
}

impl From<&TicketRow> for TicketView {
    fn from(t: &TicketRow) -> Self {
        TicketView {
            ticket_number: t.ticket_number.clone(),
            subject: t.subject.clone(),
            department: t.department.clone(),
            category: t.category.clone(),
            sub_category: t.sub_category.clone(),
            priority: t.priority.clone(),
            status: t.status.clone(),
            workflow_id: t.workflow_id,
            received_count: t.received_count,
            created_at: t.created_at,
            updated_at: t.updated_at,
            payload: t.payload.clone(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    /// `false`: only tickets waiting for a workflow; `true`: only allocated ones.
    pub allocated: Option<bool>,
    /// Page size.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Ticket number of the last ticket of the previous page; use `cursor`. Kept for one release.
    #[deprecated(note = "use `cursor`")]
    pub after: Option<String>,
}

/// One page of ticket snapshots, by ticket number (descending).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"items": [{"ticket_number": "TX20251231962083", "subject": "Laptop will not boot", "department": "IT Department",
    "category": "IT Support", "sub_category": null, "priority": "High", "status": "Open", "workflow_id": 1,
    "received_count": 1, "created_at": "2026-12-02T01:21:40.978669Z", "updated_at": "2026-12-02T01:21:40.978669Z",
    "payload": {"ticket_number": "TX20251231962083", "subject": "Laptop will not boot", "priority": "High",
        "status": "Open", "department": "IT Department", "category": "IT Support",
        "description": "Black screen after BIOS logo", "employee_id": 14,
        "employee": {"first_name": "Juan", "last_name": "Reyes", "email": "juan@example.com",
            "company_id": "MA0014", "department": "IT Department"},
        "submit_date": "2025-12-31T02:14:09.120000+00:00"}}], "next_cursor": "a1RYMjAyNTEyMzE5NjIwODM"}))]
pub struct TicketPage {
    pub items: Vec<TicketView>,
    /// Pass as `cursor` (with the same filters) for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// The opaque cursor of the ticket list: base64url of `k` and the last ticket number of the page
/// (ticket numbers are text, so the id cursor of [`tts_shared::http::cursor`] does not fit).
mod ticket_cursor {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    pub fn encode(number: &str) -> String {
        URL_SAFE_NO_PAD.encode(format!("k{number}"))
    }

    pub fn decode(cursor: &str) -> Option<String> {
        let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).ok()?).ok()?;
        text.strip_prefix('k')
            .filter(|n| !n.is_empty())
            .map(str::to_string)
    }
}

/// List the tickets the engine received.
///
/// Tickets the engine received, by number (descending), a page at a time; `allocated=false`
/// shows those waiting for a workflow. Staff holding a `tts` role.
// Reads the deprecated parameters, kept for one release.
#[allow(deprecated)]
#[utoipa::path(get, path = "/tickets/", tag = "tickets", operation_id = "listTicketSnapshots",
    params(ListParams), security(("bearer" = [])),
    responses((status = 200, description = "a page of tickets", body = TicketPage),
        (status = 403, description = "not staff with a tts role", body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<ListParams>,
) -> Result<Json<TicketPage>, WorkflowError> {
    require_agent(&user)?;
    let mut problems = Vec::new();
    let limit = p.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        problems.push(FieldError {
            field: "limit".into(),
            message: "must be between 1 and 200".into(),
        });
    }
    let cursor = p.cursor.as_deref().map(ticket_cursor::decode);
    if cursor == Some(None) {
        problems.push(FieldError {
            field: "cursor".into(),
            message: "is not a cursor this API returned".into(),
        });
    }
    if p.cursor.is_some() && p.after.is_some() {
        problems.push(FieldError {
            field: "after".into(),
            message: "is replaced by cursor; send one of them".into(),
        });
    }
    if !problems.is_empty() {
        return Err(WorkflowError::Invalid(problems));
    }
    let after = cursor.flatten().or(p.after);
    let mut conn = state.platform.db().conn().await?;
    let mut rows = tickets::list(&mut conn, p.allocated, limit + 1, after).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = rows
        .last()
        .filter(|_| more)
        .map(|t| ticket_cursor::encode(&t.ticket_number));
    Ok(Json(TicketPage {
        items: rows.iter().map(TicketView::from).collect(),
        next_cursor,
    }))
}

/// Get a ticket snapshot.
///
/// The ticket as the engine last received it (its fields and the whole payload), with the
/// workflow it was allocated to. Staff holding a `tts` role.
#[utoipa::path(get, path = "/tickets/{ticket_number}/", tag = "tickets", operation_id = "getTicketSnapshot",
    params(("ticket_number" = String, Path, description = "the ticket's number", example = "TX20251231962083")),
    security(("bearer" = [])), responses(
        (status = 200, description = "the ticket snapshot", body = TicketView),
        (status = 404, description = "the engine received no such ticket", body = ErrorBody)))]
pub async fn detail(
    State(state): State<AppState>,
    user: AuthUser,
    Path(number): Path<String>,
) -> Result<Json<TicketView>, WorkflowError> {
    require_agent(&user)?;
    let mut conn = state.platform.db().conn().await?;
    let row = tickets::find(&mut conn, &number)
        .await?
        .ok_or(WorkflowError::NotFound("ticket"))?;
    Ok(Json(TicketView::from(&row)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"workflow_id": 1}))]
pub struct AssignWorkflow {
    pub workflow_id: i64,
}

/// Start a waiting ticket on a workflow.
///
/// Start a waiting ticket on a chosen workflow (`tts:Admin` or a coordinator).
#[utoipa::path(post, path = "/tickets/{ticket_number}/assign-workflow/", tag = "tickets", operation_id = "assignTicketWorkflow", params(("ticket_number" = String, Path, description = "the ticket's number", example = "TX20251231962083")),
    request_body = AssignWorkflow, security(("bearer" = [])),
    responses(
        (status = 200, description = "the task started", body = Object, example = json!({"task_id": 1})),
        (status = 403, description = "neither `tts:Admin` nor a coordinator", body = ErrorBody),
        (status = 404, description = "the engine received no such ticket, or no such workflow", body = ErrorBody),
        (status = 409, description = "the ticket already has a task or takes no task in its status, the workflow has no published version, or nobody can be assigned its first step", body = ErrorBody)))]
pub async fn assign_workflow(
    State(state): State<AppState>,
    user: AuthUser,
    Path(number): Path<String>,
    Json(input): Json<AssignWorkflow>,
) -> Result<Json<Value>, WorkflowError> {
    require_admin_or_coordinator(&state.settings, &user)?;
    let mut conn = state.platform.db().conn().await?;
    let task_id = conn
        .transaction(async |conn| {
            let ticket = tickets::find_for_update(conn, &number)
                .await?
                .ok_or(WorkflowError::NotFound("ticket"))?;
            match intake::start(&state, conn, &ticket, Some(input.workflow_id)).await? {
                Start::Started(task_id) => {
                    audit::record(
                        conn,
                        Actor::from(&user),
                        "ticket.workflow_assigned",
                        ("ticket", &number),
                        None,
                        Some(json!({"workflow_id": input.workflow_id, "task_id": task_id})),
                    )
                    .await?;
                    Ok(task_id)
                }
                Start::Exists => Err(WorkflowError::Conflict(
                    "the ticket already has a task".into(),
                )),
                Start::Unmatched => Err(WorkflowError::Conflict(format!(
                    "ticket {number} is {} and takes no task",
                    ticket.status
                ))),
                Start::Unstaffed(reason) => Err(WorkflowError::Conflict(reason)),
            }
        })
        .await?;
    state.platform.outbox().notify();
    Ok(Json(json!({"task_id": task_id})))
}
