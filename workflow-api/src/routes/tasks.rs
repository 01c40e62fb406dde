//! `/tasks/…`: the caller's work, task detail with what the caller may do, and the actions.

use axum::extract::State;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tts_shared::auth::AuthUser;
use tts_shared::http::{ErrorBody, Json, Path, Query};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::access::{require_admin_or_coordinator, require_agent};
use crate::error::WorkflowError;
use crate::store::tasks::{self, ItemFilter};
use crate::tasks::{Action, TaskView, TransitionRef};

#[derive(Debug, Serialize, ToSchema)]
pub struct WorkItem {
    pub item_id: i64,
    pub task_id: i64,
    pub ticket_number: String,
    pub step: String,
    pub assignee_id: i64,
    pub status: String,
    pub priority: String,
    pub workflow_id: i64,
    pub target_at: chrono::DateTime<chrono::Utc>,
    pub assigned_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WorkPage {
    pub items: Vec<WorkItem>,
    /// Pass as `before` for the next page; absent on the last.
    pub next_before: Option<i64>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct WorkParams {
    /// `active`, `done`, or one item status.
    pub status: Option<String>,
    pub workflow_id: Option<i64>,
    pub priority: Option<String>,
    /// Admin list only: one assignee.
    pub assignee: Option<i64>,
    /// Admin list only: step key.
    pub step: Option<String>,
    /// Admin list only: past their target.
    pub breached: Option<bool>,
    /// 1–200, default 50.
    pub limit: Option<i64>,
    pub before: Option<i64>,
}

async fn page(
    state: &AppState,
    filter: ItemFilter,
    p: &WorkParams,
) -> Result<Json<WorkPage>, WorkflowError> {
    let limit = p.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(WorkflowError::invalid("limit", "must be between 1 and 200"));
    }
    if let Some(s) = &filter.status
        && ![
            "active",
            "done",
            "new",
            "in_progress",
            "resolved",
            "escalated",
            "reassigned",
            "breached",
        ]
        .contains(&s.as_str())
    {
        return Err(WorkflowError::invalid(
            "status",
            "must be active, done or an item status",
        ));
    }
    let mut conn = state.platform.db().conn().await?;
    let mut rows = tasks::list_items(&mut conn, &filter, p.before, limit + 1).await?;
    let next_before = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|(i, _)| i.id)
    } else {
        None
    };
    Ok(Json(WorkPage {
        items: rows
            .into_iter()
            .map(|(i, t)| WorkItem {
                item_id: i.id,
                task_id: t.id,
                ticket_number: t.ticket_number,
                step: i.step,
                assignee_id: i.assignee_id,
                status: i.status,
                priority: t.priority,
                workflow_id: t.workflow_id,
                target_at: i.target_at,
                assigned_at: i.assigned_at,
            })
            .collect(),
        next_before,
    }))
}

/// The caller's assignments, newest first.
#[utoipa::path(get, path = "/tasks/mine/", tag = "tasks", params(WorkParams), security(("bearer" = [])),
    responses((status = 200, body = WorkPage)))]
pub async fn mine(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<WorkParams>,
) -> Result<Json<WorkPage>, WorkflowError> {
    require_agent(&user)?;
    let filter = ItemFilter {
        assignee: Some(user.user_id),
        status: p.status.clone(),
        workflow_id: p.workflow_id,
        priority: p.priority.clone(),
        step: None,
        breached: None,
    };
    page(&state, filter, &p).await
}

/// Every assignment (`tts:Admin` or coordinators).
#[utoipa::path(get, path = "/tasks/", tag = "tasks", params(WorkParams), security(("bearer" = [])),
    responses((status = 200, body = WorkPage), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<WorkParams>,
) -> Result<Json<WorkPage>, WorkflowError> {
    require_admin_or_coordinator(&state.settings, &user)?;
    let filter = ItemFilter {
        assignee: p.assignee,
        status: p.status.clone(),
        workflow_id: p.workflow_id,
        priority: p.priority.clone(),
        step: p.step.clone(),
        breached: p.breached,
    };
    page(&state, filter, &p).await
}

/// A task: ticket, version, current step, items with history, and what the caller may do now.
#[utoipa::path(get, path = "/tasks/{task_id}/", tag = "tasks", params(("task_id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = TaskView), (status = 404, body = ErrorBody)))]
pub async fn detail(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<TaskView>, WorkflowError> {
    Ok(Json(crate::tasks::detail(&state, &user, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionInput {
    /// The transition's published id, or its key.
    pub transition_id: TransitionRef,
    pub notes: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotesInput {
    pub notes: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EscalateInput {
    pub reason: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferInput {
    pub user_id: i64,
    pub notes: String,
}

/// Move along an outgoing transition of the current step (assignee with an open item).
#[utoipa::path(post, path = "/tasks/{task_id}/transition/", tag = "tasks", params(("task_id" = i64, Path)), request_body = TransitionInput,
    security(("bearer" = [])),
    responses((status = 200, body = TaskView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn transition(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    Json(input): Json<TransitionInput>,
) -> Result<Json<TaskView>, WorkflowError> {
    let action = Action::Transition {
        transition: input.transition_id,
        notes: input.notes,
    };
    Ok(Json(crate::tasks::act(&state, &user, id, action).await?))
}

/// Complete the task on an end step.
#[utoipa::path(post, path = "/tasks/{task_id}/finalize/", tag = "tasks", params(("task_id" = i64, Path)), request_body = NotesInput,
    security(("bearer" = [])), responses((status = 200, body = TaskView), (status = 422, body = ErrorBody)))]
pub async fn finalize(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    Json(input): Json<NotesInput>,
) -> Result<Json<TaskView>, WorkflowError> {
    Ok(Json(
        crate::tasks::act(&state, &user, id, Action::Finalize { notes: input.notes }).await?,
    ))
}

/// Hand the step to its `escalate_to` role.
#[utoipa::path(post, path = "/tasks/{task_id}/escalate/", tag = "tasks", params(("task_id" = i64, Path)), request_body = EscalateInput,
    security(("bearer" = [])), responses((status = 200, body = TaskView), (status = 422, body = ErrorBody)))]
pub async fn escalate(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    Json(input): Json<EscalateInput>,
) -> Result<Json<TaskView>, WorkflowError> {
    Ok(Json(
        crate::tasks::act(
            &state,
            &user,
            id,
            Action::Escalate {
                reason: input.reason,
            },
        )
        .await?,
    ))
}

/// Give the current step to another member of its role (assignee or `tts:Admin`).
#[utoipa::path(post, path = "/tasks/{task_id}/transfer/", tag = "tasks", params(("task_id" = i64, Path)), request_body = TransferInput,
    security(("bearer" = [])), responses((status = 200, body = TaskView), (status = 422, body = ErrorBody)))]
pub async fn transfer(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    Json(input): Json<TransferInput>,
) -> Result<Json<TaskView>, WorkflowError> {
    let action = Action::Transfer {
        user_id: input.user_id,
        notes: input.notes,
    };
    Ok(Json(crate::tasks::act(&state, &user, id, action).await?))
}

/// Take the current step over (`tts:Admin`).
#[utoipa::path(post, path = "/tasks/{task_id}/take-over/", tag = "tasks", params(("task_id" = i64, Path)),
    security(("bearer" = [])), responses((status = 200, body = TaskView), (status = 403, body = ErrorBody)))]
pub async fn take_over(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<TaskView>, WorkflowError> {
    Ok(Json(
        crate::tasks::act(&state, &user, id, Action::TakeOver).await?,
    ))
}

/// Every item and history entry in order, with the version's graph.
#[utoipa::path(get, path = "/tasks/{task_id}/timeline/", tag = "tasks", params(("task_id" = i64, Path)),
    security(("bearer" = [])), responses((status = 200, body = Object)))]
pub async fn timeline(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<Value>, WorkflowError> {
    Ok(Json(crate::tasks::timeline(&state, &user, id).await?))
}

/// SLA state of a task: targets, working time used, pauses, warnings sent, breaches.
#[utoipa::path(get, path = "/tasks/{task_id}/sla/", tag = "tasks", params(("task_id" = i64, Path)),
    security(("bearer" = [])), responses((status = 200, body = crate::sla::TaskSla), (status = 404, body = ErrorBody)))]
pub async fn sla(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<crate::sla::TaskSla>, WorkflowError> {
    require_agent(&user)?;
    Ok(Json(
        crate::sla::view(&state, id, chrono::Utc::now()).await?,
    ))
}
