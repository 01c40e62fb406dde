//! `/tickets/…`: ticket snapshots as the workflow engine sees them, and manual allocation.

use axum::extract::State;
use diesel_async::AsyncConnection;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tts_shared::auth::AuthUser;
use tts_shared::http::{ErrorBody, Json, Path, Query};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::access::{require_admin_or_coordinator, require_agent};
use crate::error::WorkflowError;
use crate::intake::{self, Start};
use crate::store::audit::{self, Actor};
use crate::store::tickets::{self, TicketRow};

#[derive(Debug, Serialize, ToSchema)]
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
    /// `false`: only tickets waiting for a workflow.
    pub allocated: Option<bool>,
    /// 1–200, default 50.
    pub limit: Option<i64>,
    /// Ticket number of the last ticket of the previous page.
    pub after: Option<String>,
}

/// Tickets the engine received, by number (descending).
#[utoipa::path(get, path = "/tickets/", tag = "tickets", params(ListParams), security(("bearer" = [])),
    responses((status = 200, body = Vec<TicketView>)))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<ListParams>,
) -> Result<Json<Vec<TicketView>>, WorkflowError> {
    require_agent(&user)?;
    let limit = p.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(WorkflowError::invalid("limit", "must be between 1 and 200"));
    }
    let mut conn = state.platform.db().conn().await?;
    let rows = tickets::list(&mut conn, p.allocated, limit, p.after).await?;
    Ok(Json(rows.iter().map(TicketView::from).collect()))
}

/// One ticket snapshot.
#[utoipa::path(get, path = "/tickets/{ticket_number}/", tag = "tickets", params(("ticket_number" = String, Path)),
    security(("bearer" = [])), responses((status = 200, body = TicketView), (status = 404, body = ErrorBody)))]
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
pub struct AssignWorkflow {
    pub workflow_id: i64,
}

/// Start a waiting ticket on a chosen workflow (`tts:Admin` or a coordinator).
#[utoipa::path(post, path = "/tickets/{ticket_number}/assign-workflow/", tag = "tickets", params(("ticket_number" = String, Path)),
    request_body = AssignWorkflow, security(("bearer" = [])),
    responses((status = 200, description = "the task started", body = Object), (status = 409, body = ErrorBody)))]
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
