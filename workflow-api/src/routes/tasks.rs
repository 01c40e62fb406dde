//! `/tasks/…`: the caller's work, task detail with what the caller may do, and the actions.

use std::collections::HashMap;

use axum::extract::State;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tts_shared::auth::AuthUser;
use tts_shared::http::{ErrorBody, Json, Path, Query};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::access::{require_admin_or_coordinator, require_agent};
use crate::domain::work_list::{self, DueCursor, Sort};
use crate::error::WorkflowError;
use crate::store::tasks::{self, ItemFilter, is_open};
use crate::tasks::{Action, TaskView, TransitionRef};

#[derive(Debug, Serialize, ToSchema)]
pub struct WorkItem {
    pub item_id: i64,
    pub task_id: i64,
    pub ticket_number: String,
    /// The ticket's subject (from its snapshot).
    pub subject: String,
    /// The requester's name as the ticket sent it; `null` when it named none.
    pub requester_name: Option<String>,
    /// The ticket's status as last received (`Open`, `In Progress`, `On Hold`, …).
    pub ticket_status: Option<String>,
    pub step: String,
    /// The step's name in the task's workflow version.
    pub step_name: String,
    pub assignee_id: i64,
    /// From the role-sync directory; `null` when it has no name for the person.
    pub assignee_name: Option<String>,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    /// `new`, `in_progress`, `resolved`, `escalated`, `reassigned`, `breached` or `withdrawn`.
    pub status: String,
    /// `ok`, `warned` (an SLA warning was sent), `breached` or `paused` (the ticket is On Hold or
    /// Pending).
    pub sla_state: String,
    pub priority: String,
    pub workflow_id: i64,
    pub workflow_name: String,
    /// Due time.
    pub target_at: chrono::DateTime<chrono::Utc>,
    pub assigned_at: chrono::DateTime<chrono::Utc>,
    pub first_action_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WorkPage {
    pub items: Vec<WorkItem>,
    /// `sort=newest` only: pass as `before` for the next page; absent on the last.
    pub next_before: Option<i64>,
    /// Pass as `cursor` (with the same `sort` and filters) for the next page; absent on the last.
    pub next_cursor: Option<String>,
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
    /// `due` (open items first, each group by due time, earliest first; the default of
    /// `/tasks/mine/`) or `newest` (by item id, newest first; the default of `/tasks/`).
    pub sort: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<i64>,
    /// `sort=newest`: the `next_before` of the previous page (a bare `before` selects `newest`).
    pub before: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// One row of the enrichment query: what the list shows beside the item and its task.
#[derive(diesel::QueryableByName)]
struct Extra {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    item_id: i64,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    subject: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    ticket_status: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Jsonb>)]
    who: Option<serde_json::Value>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    workflow_name: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    step_name: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    warned: bool,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    paused: bool,
}

/// Ticket, workflow, step name and SLA facts of a page's items, in one query.
async fn extras(
    conn: &mut diesel_async::AsyncPgConnection,
    ids: &[i64],
) -> Result<HashMap<i64, Extra>, WorkflowError> {
    use diesel::sql_types::{Array, BigInt};
    use diesel_async::RunQueryDsl;
    let rows: Vec<Extra> = diesel::sql_query(
        "SELECT i.id AS item_id, tk.subject, tk.status AS ticket_status,
                jsonb_build_object('requester', tk.payload -> 'requester',
                                   'employee', tk.payload -> 'employee',
                                   'employee_name', tk.payload -> 'employee_name') AS who,
                w.name AS workflow_name,
                (SELECT s ->> 'name' FROM jsonb_array_elements(v.definition -> 'graph' -> 'steps') s
                  WHERE s ->> 'key' = i.step LIMIT 1) AS step_name,
                EXISTS (SELECT 1 FROM sla_events e
                         WHERE e.item_id = i.id AND e.kind = 'warning' AND e.notified) AS warned,
                EXISTS (SELECT 1 FROM task_pauses p
                         WHERE p.task_id = t.id AND p.ended_at IS NULL) AS paused
           FROM task_items i
           JOIN tasks t ON t.id = i.task_id
           LEFT JOIN tickets tk ON tk.ticket_number = t.ticket_number
           LEFT JOIN workflows w ON w.id = t.workflow_id
           LEFT JOIN workflow_versions v ON v.workflow_id = t.workflow_id AND v.version = t.version
          WHERE i.id = ANY($1)",
    )
    .bind::<Array<BigInt>, _>(ids)
    .load(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.item_id, r)).collect())
}

async fn page(
    state: &AppState,
    filter: ItemFilter,
    p: &WorkParams,
    default_sort: Sort,
) -> Result<Json<WorkPage>, WorkflowError> {
    let limit = p.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(WorkflowError::invalid("limit", "must be between 1 and 200"));
    }
    let sort = match p.sort.as_deref() {
        Some(text) => Sort::parse(text)
            .ok_or_else(|| WorkflowError::invalid("sort", "must be due or newest"))?,
        None if p.before.is_some() => Sort::Newest,
        None => default_sort,
    };
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
            "withdrawn",
        ]
        .contains(&s.as_str())
    {
        return Err(WorkflowError::invalid(
            "status",
            "must be active, done or an item status",
        ));
    }
    let mut conn = state.platform.db().conn().await?;
    let mut rows = match sort {
        Sort::Newest => {
            let before = match &p.cursor {
                Some(c) => Some(c.parse::<i64>().map_err(|_| {
                    WorkflowError::invalid("cursor", "is not a cursor of this list and sort")
                })?),
                None => p.before,
            };
            tasks::list_items(&mut conn, &filter, before, limit + 1).await?
        }
        Sort::Due => {
            if p.before.is_some() {
                return Err(WorkflowError::invalid(
                    "before",
                    "pages sort=newest only; use cursor with sort=due",
                ));
            }
            let after = match &p.cursor {
                Some(c) => Some(DueCursor::decode(c).ok_or_else(|| {
                    WorkflowError::invalid("cursor", "is not a cursor of this list and sort")
                })?),
                None => None,
            };
            tasks::list_items_by_due(&mut conn, &filter, after, limit + 1).await?
        }
    };
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let (next_before, next_cursor) = match rows.last().filter(|_| more) {
        None => (None, None),
        Some((i, _)) => match sort {
            Sort::Newest => (Some(i.id), Some(i.id.to_string())),
            Sort::Due => (
                None,
                Some(
                    DueCursor {
                        open: is_open(&i.status),
                        target_at: i.target_at,
                        id: i.id,
                    }
                    .encode(),
                ),
            ),
        },
    };
    let ids: Vec<i64> = rows.iter().map(|(i, _)| i.id).collect();
    let mut extras = if ids.is_empty() {
        HashMap::new()
    } else {
        extras(&mut conn, &ids).await?
    };
    let people: Vec<i64> = rows
        .iter()
        .flat_map(|(i, t)| std::iter::once(i.assignee_id).chain(t.owner_id))
        .collect();
    let names = crate::tasks::names(&mut conn, &state.settings.role_system, &people).await?;
    let now = chrono::Utc::now();
    Ok(Json(WorkPage {
        items: rows
            .into_iter()
            .map(|(i, t)| {
                let extra = extras.remove(&i.id);
                let extra = extra.as_ref();
                WorkItem {
                    item_id: i.id,
                    task_id: t.id,
                    ticket_number: t.ticket_number,
                    subject: extra.and_then(|e| e.subject.clone()).unwrap_or_default(),
                    requester_name: extra
                        .and_then(|e| e.who.as_ref())
                        .and_then(work_list::requester_name),
                    ticket_status: extra.and_then(|e| e.ticket_status.clone()),
                    step_name: extra
                        .and_then(|e| e.step_name.clone())
                        .unwrap_or_else(|| i.step.clone()),
                    step: i.step,
                    assignee_id: i.assignee_id,
                    assignee_name: names.get(&i.assignee_id).cloned(),
                    owner_id: t.owner_id,
                    owner_name: t.owner_id.and_then(|o| names.get(&o).cloned()),
                    sla_state: work_list::sla_state(
                        &i.status,
                        i.target_at,
                        i.resolved_at,
                        extra.is_some_and(|e| e.warned),
                        extra.is_some_and(|e| e.paused),
                        now,
                    )
                    .to_string(),
                    status: i.status,
                    priority: t.priority,
                    workflow_id: t.workflow_id,
                    workflow_name: extra
                        .and_then(|e| e.workflow_name.clone())
                        .unwrap_or_default(),
                    target_at: i.target_at,
                    assigned_at: i.assigned_at,
                    first_action_at: i.first_action_at,
                }
            })
            .collect(),
        next_before,
        next_cursor,
    }))
}

/// The caller's assignments with ticket, step, workflow, people's names and SLA state; by due
/// time (open items first) unless `sort=newest`.
#[utoipa::path(get, path = "/tasks/mine/", tag = "tasks", params(WorkParams), security(("bearer" = [])),
    responses((status = 200, body = WorkPage), (status = 422, description = "a bad `status`, `sort`, `limit`, `before` or `cursor`", body = ErrorBody)))]
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
    page(&state, filter, &p, Sort::Due).await
}

/// Every assignment (`tts:Admin` or coordinators), newest first unless `sort=due`.
#[utoipa::path(get, path = "/tasks/", tag = "tasks", params(WorkParams), security(("bearer" = [])),
    responses((status = 200, body = WorkPage), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
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
    page(&state, filter, &p, Sort::Newest).await
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

/// Hand the step to its `escalate_to` role: to a member who has not held the step on this visit
/// (409 naming why when nobody is left), keeping the visit's due time.
#[utoipa::path(post, path = "/tasks/{task_id}/escalate/", tag = "tasks", params(("task_id" = i64, Path)), request_body = EscalateInput,
    security(("bearer" = [])), responses((status = 200, body = TaskView), (status = 403, body = ErrorBody),
        (status = 409, description = "nobody left to escalate to, or the task moved", body = ErrorBody), (status = 422, body = ErrorBody)))]
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

/// Start work on the caller's assignment on the current step: it becomes `in_progress` (a
/// breached one stays `breached`) and the first action is recorded.
#[utoipa::path(post, path = "/tasks/{task_id}/start/", tag = "tasks", params(("task_id" = i64, Path)),
    security(("bearer" = [])), responses((status = 200, body = TaskView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "already started, or the task moved or is not active", body = ErrorBody)))]
pub async fn start(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<TaskView>, WorkflowError> {
    Ok(Json(
        crate::tasks::act(&state, &user, id, Action::Start).await?,
    ))
}

/// Take the current step over (`tts:Admin`); 409 when the admin already holds it.
#[utoipa::path(post, path = "/tasks/{task_id}/take-over/", tag = "tasks", params(("task_id" = i64, Path)),
    security(("bearer" = [])), responses((status = 200, body = TaskView), (status = 403, body = ErrorBody),
        (status = 409, description = "the admin already holds the step", body = ErrorBody)))]
pub async fn take_over(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<TaskView>, WorkflowError> {
    Ok(Json(
        crate::tasks::act(&state, &user, id, Action::TakeOver).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HoldInput {
    /// `On Hold` (waiting on someone other than the requester) or `Pending` (waiting for the
    /// requester, who is told with `notes` as the message).
    pub status: String,
    pub notes: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResumeInput {
    /// Optional.
    #[serde(default)]
    pub notes: String,
}

/// Put the ticket `On Hold` or `Pending` (holder of the current step, or `tts:Admin`): the SLA
/// clock stands still until it resumes, the ticket service gets the status, and for `Pending`
/// the requester is told (in-app and e-mail) with the notes. On a waiting ticket it switches
/// between the two (the clock keeps standing still).
#[utoipa::path(post, path = "/tasks/{task_id}/hold/", tag = "tasks", params(("task_id" = i64, Path)), request_body = HoldInput,
    security(("bearer" = [])), responses((status = 200, body = TaskView), (status = 400, description = "blank notes", body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "already in that status, or the task moved or is not active", body = ErrorBody),
        (status = 422, description = "a status other than `On Hold` or `Pending`", body = ErrorBody)))]
pub async fn hold(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    Json(input): Json<HoldInput>,
) -> Result<Json<TaskView>, WorkflowError> {
    let action = Action::Hold {
        status: input.status,
        notes: input.notes,
    };
    Ok(Json(crate::tasks::act(&state, &user, id, action).await?))
}

/// End the wait (holder of the current step, or `tts:Admin`): the clock runs again, every open
/// target moves by the working time the ticket waited, and `In Progress` goes to the ticket
/// service.
#[utoipa::path(post, path = "/tasks/{task_id}/resume/", tag = "tasks", params(("task_id" = i64, Path)), request_body = ResumeInput,
    security(("bearer" = [])), responses((status = 200, body = TaskView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the ticket is not waiting, or the task moved or is not active", body = ErrorBody)))]
pub async fn resume(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    Json(input): Json<ResumeInput>,
) -> Result<Json<TaskView>, WorkflowError> {
    let action = Action::Resume { notes: input.notes };
    Ok(Json(crate::tasks::act(&state, &user, id, action).await?))
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
