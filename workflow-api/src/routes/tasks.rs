//! `/tasks/…`: the caller's work, task detail with what the caller may do, and the actions.

use std::collections::HashMap;

use axum::extract::State;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tts_shared::auth::AuthUser;
use tts_shared::http::{ErrorBody, FieldError, Json, Path, Query, cursor};
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
#[schema(example = json!({"items": [{"item_id": 1, "task_id": 1, "ticket_number": "TX20251231962083",
    "subject": "Laptop will not boot", "requester_name": "Juan Reyes", "ticket_status": "Open", "step": "triage",
    "step_name": "Triage", "assignee_id": 7, "assignee_name": null, "owner_id": 30, "owner_name": null, "status": "new",
    "sla_state": "ok", "priority": "High", "workflow_id": 1, "workflow_name": "Hardware any",
    "target_at": "2026-12-02T03:21:40.999389Z", "assigned_at": "2026-12-02T01:21:40.978669Z", "first_action_at": null}],
    "next_cursor": "o.1764645700999389.1"}))]
pub struct WorkPage {
    pub items: Vec<WorkItem>,
    /// `sort=newest` only: pass as `before` for the next page; absent on the last. Use
    /// `next_cursor`; kept for one release.
    #[deprecated(note = "use `next_cursor`")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_before: Option<i64>,
    /// Pass as `cursor` (with the same `sort` and filters) for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct WorkParams {
    /// `active`, `done`, or one item status (`new`, `in_progress`, `resolved`, `escalated`,
    /// `reassigned`, `breached`, `withdrawn`).
    pub status: Option<String>,
    #[param(minimum = 1)]
    pub workflow_id: Option<i64>,
    /// `Low`, `Medium`, `High` or `Critical`.
    pub priority: Option<String>,
    /// `/tasks/` only: one assignee (staff user id).
    #[param(minimum = 1)]
    pub assignee: Option<i64>,
    /// `/tasks/` only: step key.
    pub step: Option<String>,
    /// `/tasks/` only: past their target.
    pub breached: Option<bool>,
    /// `due` (open items first, each group by due time, earliest first; the default of
    /// `/tasks/mine/`) or `newest` (by item id, newest first; the default of `/tasks/`).
    pub sort: Option<String>,
    /// Page size.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// `sort=newest`: the `next_before` of the previous page (a bare `before` selects `newest`).
    /// Use `cursor`; kept for one release.
    #[deprecated(note = "use `cursor`")]
    #[param(minimum = 1)]
    pub before: Option<i64>,
    /// The `next_cursor` of the previous page (with the same `sort` and filters).
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

/// What `status` may be: `active`, `done`, or one item status.
const STATUSES: [&str; 9] = [
    "active",
    "done",
    "new",
    "in_progress",
    "resolved",
    "escalated",
    "reassigned",
    "breached",
    "withdrawn",
];

const PRIORITIES: [&str; 4] = ["Low", "Medium", "High", "Critical"];

// Reads the deprecated parameters, kept for one release.
#[allow(deprecated)]
async fn page(
    state: &AppState,
    filter: ItemFilter,
    p: &WorkParams,
    default_sort: Sort,
) -> Result<Json<WorkPage>, WorkflowError> {
    // Every problem of the query at once, each naming its parameter.
    let mut problems = Vec::new();
    let mut problem = |field: &str, message: &str| {
        problems.push(FieldError {
            field: field.into(),
            message: message.into(),
        })
    };
    let limit = p.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        problem("limit", "must be between 1 and 200");
    }
    let sort = match p.sort.as_deref() {
        Some(text) => Sort::parse(text).unwrap_or_else(|| {
            problem("sort", "must be due or newest");
            default_sort
        }),
        None if p.before.is_some() => Sort::Newest,
        None => default_sort,
    };
    if let Some(s) = &filter.status
        && !STATUSES.contains(&s.as_str())
    {
        problem("status", "must be active, done or an item status");
    }
    if let Some(priority) = &filter.priority
        && !PRIORITIES.contains(&priority.as_str())
    {
        problem("priority", "must be Low, Medium, High or Critical");
    }
    if p.before.is_some_and(|b| b < 1) {
        problem("before", "must be a positive item id");
    }
    if p.before.is_some() && p.cursor.is_some() {
        problem("before", "is replaced by cursor; send one of them");
    }
    if p.before.is_some() && sort == Sort::Due {
        problem("before", "pages sort=newest only; use cursor with sort=due");
    }
    let newest_after = match (&p.cursor, sort) {
        (Some(c), Sort::Newest) => {
            let id = c.parse::<i64>().ok().or_else(|| cursor::decode('i', c));
            if id.is_none() {
                problem("cursor", "is not a cursor of this list and sort");
            }
            id
        }
        _ => None,
    };
    let due_after = match (&p.cursor, sort) {
        (Some(c), Sort::Due) => {
            let after = DueCursor::decode(c);
            if after.is_none() {
                problem("cursor", "is not a cursor of this list and sort");
            }
            after
        }
        _ => None,
    };
    if !problems.is_empty() {
        return Err(WorkflowError::Invalid(problems));
    }
    let mut conn = state.platform.db().conn().await?;
    let mut rows = match sort {
        Sort::Newest => {
            let before = newest_after.or(p.before);
            tasks::list_items(&mut conn, &filter, before, limit + 1).await?
        }
        Sort::Due => tasks::list_items_by_due(&mut conn, &filter, due_after, limit + 1).await?,
    };
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let (next_before, next_cursor) = match rows.last().filter(|_| more) {
        None => (None, None),
        Some((i, _)) => match sort {
            Sort::Newest => (Some(i.id), Some(cursor::encode('i', i.id))),
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

/// List the caller's tasks.
///
/// The caller's assignments with ticket, step, workflow, people's names and SLA state; by due
/// time (open items first) unless `sort=newest`.
#[utoipa::path(get, path = "/tasks/mine/", tag = "tasks", operation_id = "listMyTasks", params(WorkParams), security(("bearer" = [])),
    responses(
        (status = 200, description = "one page of the caller's assignments", body = WorkPage),
        (status = 403, description = "not staff holding a `tts` role", body = ErrorBody),
        (status = 422, description = "every bad parameter at once: `status`, `priority`, `sort`, `limit`, `before` or `cursor`", body = ErrorBody)))]
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

/// List every task assignment.
///
/// Every assignment (`tts:Admin` or coordinators), newest first unless `sort=due`.
#[utoipa::path(get, path = "/tasks/", tag = "tasks", operation_id = "listTasks", params(WorkParams), security(("bearer" = [])),
    responses(
        (status = 200, description = "one page of assignments", body = WorkPage),
        (status = 403, description = "neither `tts:Admin` nor a coordinator", body = ErrorBody),
        (status = 422, description = "every bad parameter at once: `status`, `priority`, `sort`, `limit`, `before` or `cursor`", body = ErrorBody)))]
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

/// Get a task.
///
/// A task: ticket, version, current step, items with history, and what the caller may do now.
#[utoipa::path(get, path = "/tasks/{task_id}/", tag = "tasks", operation_id = "getTask", params(("task_id" = i64, Path, description = "the task", minimum = 1)), security(("bearer" = [])),
    responses(
        (status = 200, description = "the task and what the caller may do now", body = TaskView),
        (status = 404, description = "no such task", body = ErrorBody)))]
pub async fn detail(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<TaskView>, WorkflowError> {
    Ok(Json(crate::tasks::detail(&state, &user, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"transition_id": "submit", "notes": "Checked: the disk has failed"}))]
pub struct TransitionInput {
    /// The transition's published id, or its key.
    pub transition_id: TransitionRef,
    pub notes: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"notes": "Replaced the disk; the laptop boots"}))]
pub struct NotesInput {
    pub notes: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Needs a purchase approval above my limit"}))]
pub struct EscalateInput {
    pub reason: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"user_id": 8, "notes": "Covering for leave this week"}))]
pub struct TransferInput {
    pub user_id: i64,
    pub notes: String,
}

/// Move a task along a transition.
///
/// Move along an outgoing transition of the current step (assignee with an open item).
#[utoipa::path(post, path = "/tasks/{task_id}/transition/", tag = "tasks", operation_id = "transitionTask", params(("task_id" = i64, Path, description = "the task", minimum = 1)), request_body = TransitionInput,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "the task on its new step", body = TaskView),
        (status = 403, description = "the caller holds no open assignment on the current step", body = ErrorBody),
        (status = 404, description = "no such task", body = ErrorBody),
        (status = 409, description = "another request acted first: the task moved on from the step (reload it), or it is no longer active; or the next step's role has no active member to assign", body = ErrorBody),
        (status = 422, description = "blank `notes`, or `transition_id` is not an outgoing transition of the current step", body = ErrorBody)))]
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

/// Finalize a task on an end step.
///
/// Complete the task on an end step.
#[utoipa::path(post, path = "/tasks/{task_id}/finalize/", tag = "tasks", operation_id = "finalizeTask", params(("task_id" = i64, Path, description = "the task", minimum = 1)), request_body = NotesInput,
    security(("bearer" = [])), responses(
        (status = 200, description = "the completed task", body = TaskView),
        (status = 403, description = "the caller holds no open assignment on the current step", body = ErrorBody),
        (status = 404, description = "no such task", body = ErrorBody),
        (status = 409, description = "another request acted first: the task moved on from the step (reload it), or it is no longer active", body = ErrorBody),
        (status = 422, description = "blank `notes`, or the current step is not an end step", body = ErrorBody)))]
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

/// Escalate a task.
///
/// Hand the step to its `escalate_to` role: to a member who has not held the step on this visit
/// (409 naming why when nobody is left), keeping the visit's due time.
#[utoipa::path(post, path = "/tasks/{task_id}/escalate/", tag = "tasks", operation_id = "escalateTask", params(("task_id" = i64, Path, description = "the task", minimum = 1)), request_body = EscalateInput,
    security(("bearer" = [])), responses(
        (status = 200, description = "the task, its step now held by a member of the escalation role", body = TaskView),
        (status = 403, description = "the caller holds no open assignment on the current step", body = ErrorBody),
        (status = 404, description = "no such task", body = ErrorBody),
        (status = 409, description = "nobody of the escalation role is left who has not held the step on this visit, or another request acted first", body = ErrorBody),
        (status = 422, description = "blank `reason`, or the step has no `escalate_to` role", body = ErrorBody)))]
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

/// Transfer a task to another member.
///
/// Give the current step to another member of its role (assignee or `tts:Admin`).
#[utoipa::path(post, path = "/tasks/{task_id}/transfer/", tag = "tasks", operation_id = "transferTask", params(("task_id" = i64, Path, description = "the task", minimum = 1)), request_body = TransferInput,
    security(("bearer" = [])), responses(
        (status = 200, description = "the task, its step now held by `user_id`", body = TaskView),
        (status = 403, description = "neither the holder of the current step nor `tts:Admin`", body = ErrorBody),
        (status = 404, description = "no such task", body = ErrorBody),
        (status = 409, description = "another request acted first: the task moved on from the step (reload it), or it is no longer active", body = ErrorBody),
        (status = 422, description = "blank `notes`, or `user_id` is not an active member of the step's role, or already holds the step", body = ErrorBody)))]
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

/// Start work on a task.
///
/// Start work on the caller's assignment on the current step: it becomes `in_progress` (a
/// breached one stays `breached`) and the first action is recorded.
#[utoipa::path(post, path = "/tasks/{task_id}/start/", tag = "tasks", operation_id = "startTask", params(("task_id" = i64, Path, description = "the task", minimum = 1)),
    security(("bearer" = [])), responses(
        (status = 200, description = "the task with the caller's assignment in progress", body = TaskView),
        (status = 403, description = "the caller holds no open assignment on the current step", body = ErrorBody),
        (status = 404, description = "no such task", body = ErrorBody),
        (status = 409, description = "already started, or another request acted first, or the task is not active", body = ErrorBody)))]
pub async fn start(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<TaskView>, WorkflowError> {
    Ok(Json(
        crate::tasks::act(&state, &user, id, Action::Start).await?,
    ))
}

/// Take a task over.
///
/// Take the current step over (`tts:Admin`); 409 when the admin already holds it.
#[utoipa::path(post, path = "/tasks/{task_id}/take-over/", tag = "tasks", operation_id = "takeOverTask", params(("task_id" = i64, Path, description = "the task", minimum = 1)),
    security(("bearer" = [])), responses(
        (status = 200, description = "the task, its step now held by the admin", body = TaskView),
        (status = 403, description = "not `tts:Admin`", body = ErrorBody),
        (status = 404, description = "no such task", body = ErrorBody),
        (status = 409, description = "the admin already holds the step, or the task is not active", body = ErrorBody)))]
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
#[schema(example = json!({"status": "Pending", "notes": "Which floor is your desk on?"}))]
pub struct HoldInput {
    /// `On Hold` (waiting on someone other than the requester) or `Pending` (waiting for the
    /// requester, who is told with `notes` as the message).
    pub status: String,
    pub notes: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"notes": "The requester answered"}))]
pub struct ResumeInput {
    /// Optional.
    #[serde(default)]
    pub notes: String,
}

/// Put a task on hold or pending.
///
/// Put the ticket `On Hold` or `Pending` (holder of the current step, or `tts:Admin`): the SLA
/// clock stands still until it resumes, the ticket service gets the status, and for `Pending`
/// the requester is told (in-app and e-mail) with the notes. On a waiting ticket it switches
/// between the two (the clock keeps standing still).
#[utoipa::path(post, path = "/tasks/{task_id}/hold/", tag = "tasks", operation_id = "holdTask", params(("task_id" = i64, Path, description = "the task", minimum = 1)), request_body = HoldInput,
    security(("bearer" = [])), responses(
        (status = 200, description = "the task, its ticket waiting", body = TaskView),
        (status = 403, description = "neither the holder of the current step nor `tts:Admin`", body = ErrorBody),
        (status = 404, description = "no such task", body = ErrorBody),
        (status = 409, description = "already in that status, or another request acted first, or the task is not active", body = ErrorBody),
        (status = 422, description = "every problem at once: blank `notes`, a `status` other than `On Hold` or `Pending`", body = ErrorBody)))]
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

/// Resume a waiting task.
///
/// End the wait (holder of the current step, or `tts:Admin`): the clock runs again, every open
/// target moves by the working time the ticket waited, and `In Progress` goes to the ticket
/// service.
#[utoipa::path(post, path = "/tasks/{task_id}/resume/", tag = "tasks", operation_id = "resumeTask", params(("task_id" = i64, Path, description = "the task", minimum = 1)), request_body = ResumeInput,
    security(("bearer" = [])), responses(
        (status = 200, description = "the task, its SLA clock running again", body = TaskView),
        (status = 403, description = "neither the holder of the current step nor `tts:Admin`", body = ErrorBody),
        (status = 404, description = "no such task", body = ErrorBody),
        (status = 409, description = "the ticket is not waiting, or another request acted first, or the task is not active", body = ErrorBody)))]
pub async fn resume(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    Json(input): Json<ResumeInput>,
) -> Result<Json<TaskView>, WorkflowError> {
    let action = Action::Resume { notes: input.notes };
    Ok(Json(crate::tasks::act(&state, &user, id, action).await?))
}

/// Get a task's timeline.
///
/// Every item and history entry in order, with the version's graph.
#[utoipa::path(get, path = "/tasks/{task_id}/timeline/", tag = "tasks", operation_id = "getTaskTimeline", params(("task_id" = i64, Path, description = "the task", minimum = 1)),
    security(("bearer" = [])), responses(
        (status = 200, description = "the entries in order and the version's graph", body = Object, example = json!({
            "task_id": 1, "version": 1,
            "entries": [{"item_id": 1, "step": "triage", "assignee_id": 7, "action": "assignment", "actor_id": null,
                "status": "new", "notes": "", "at": "2026-12-02T01:21:40.978669Z"}],
            "graph": {"steps": [{"id": 1, "key": "triage", "name": "Triage", "role_id": 4, "escalate_to_role_id": null,
                    "instruction": "Check the ticket", "is_start": true, "is_end": false, "weight": 1, "design": null},
                {"id": 2, "key": "approve", "name": "Approval", "role_id": 5, "escalate_to_role_id": 4,
                    "instruction": "", "is_start": false, "is_end": true, "weight": 2, "design": null}],
                "transitions": [{"id": 1, "key": "submit", "name": "Submit", "from": "triage", "to": "approve"}]}})),
        (status = 404, description = "no such task", body = ErrorBody)))]
pub async fn timeline(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<Value>, WorkflowError> {
    Ok(Json(crate::tasks::timeline(&state, &user, id).await?))
}

/// Get a task's SLA state.
///
/// SLA state of a task: targets, working time used, pauses, warnings sent, breaches.
#[utoipa::path(get, path = "/tasks/{task_id}/sla/", tag = "tasks", operation_id = "getTaskSla", params(("task_id" = i64, Path, description = "the task", minimum = 1)),
    security(("bearer" = [])), responses(
        (status = 200, description = "the task's SLA state now", body = crate::sla::TaskSla),
        (status = 403, description = "not staff holding a `tts` role", body = ErrorBody),
        (status = 404, description = "no such task", body = ErrorBody)))]
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
