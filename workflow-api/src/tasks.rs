//! Acting on tasks. Each action is one transaction that locks the task, checks that the caller
//! may act and that the task is where the caller saw it, changes the items, and writes history,
//! audit and outgoing messages. A refused action changes nothing.
//!
//! - 403: the caller holds no open item on the task's current step (and is not an admin where
//!   admins may act);
//! - 409: the task moved between the caller's look and the action (another action won);
//! - 422: the action does not fit the step (an edge not leaving it, finalize off an end step,
//!   no escalation role, a transfer target without the role);
//! - 400: blank notes or reason.

use std::collections::HashMap;

use chrono::Utc;
use diesel_async::{AsyncConnection, AsyncPgConnection};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tts_shared::amqp::outbox;
use tts_shared::auth::AuthUser;
use tts_shared::events::{
    AssignmentNotification, CeleryTask, EscalationNotification, InappNotification,
    TaskCompletedNotification, TaskTransferNotification, TicketStatusUpdate,
};
use tts_shared::http::FieldError;
use utoipa::ToSchema;

use crate::AppState;
use crate::access::{is_admin, require_agent};
use crate::domain::graph::{Graph, StepDef};
use crate::domain::lifecycle;
use crate::error::WorkflowError;
use crate::intake::advance;
use crate::store::audit::{self, Actor};
use crate::store::tasks::{self, HistoryRow, ItemRow, NewItem, TaskRow, is_open};
use crate::store::workflows::{self, VersionRow};
use crate::store::{roles, tickets};

/// What a caller asks for.
#[derive(Debug, Clone)]
pub enum Action {
    Transition {
        transition: TransitionRef,
        notes: String,
    },
    Finalize {
        notes: String,
    },
    Escalate {
        reason: String,
    },
    Transfer {
        user_id: i64,
        notes: String,
    },
    TakeOver,
    /// The holder starts work on their item (`in_progress`).
    Start,
    /// The ticket waits (`On Hold`: on someone else; `Pending`: on the requester): the SLA clock
    /// stands still until [`Action::Resume`] (or, when `Pending`, the requester's reply).
    Hold {
        status: String,
        notes: String,
    },
    /// The wait ends: the clock runs again and the open targets move by the paused working time.
    Resume {
        notes: String,
    },
}

/// Statuses a ticket may wait in.
pub const WAITING: [&str; 2] = ["On Hold", "Pending"];

/// A transition named by its id (as published) or its key.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum TransitionRef {
    Id(i64),
    Key(String),
}

impl Action {
    fn name(&self) -> &'static str {
        match self {
            Action::Transition { .. } => "transition",
            Action::Finalize { .. } => "finalize",
            Action::Escalate { .. } => "escalate",
            Action::Transfer { .. } => "transfer",
            Action::TakeOver => "take_over",
            Action::Start => "start",
            Action::Hold { .. } => "hold",
            Action::Resume { .. } => "resume",
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ItemView {
    pub id: i64,
    pub step: String,
    pub role_id: i64,
    pub assignee_id: i64,
    /// From the role-sync directory; `null` when it has no name for the person.
    pub assignee_name: Option<String>,
    /// `new`, `in_progress`, `resolved`, `escalated`, `reassigned`, `breached` or `withdrawn`.
    pub status: String,
    /// `assignment`, `back_edge`, `escalation`, `transfer` or `take_over`.
    pub origin: String,
    pub target_at: chrono::DateTime<Utc>,
    pub assigned_at: chrono::DateTime<Utc>,
    pub first_action_at: Option<chrono::DateTime<Utc>>,
    pub resolved_at: Option<chrono::DateTime<Utc>>,
    #[schema(value_type = Vec<Object>)]
    pub history: Vec<HistoryRow>,
}

/// Something the caller may do now.
#[derive(Debug, Serialize, ToSchema)]
pub struct AvailableAction {
    /// `start`, `transition`, `finalize`, `escalate`, `transfer`, `take_over`, `hold` (the ticket
    /// is not waiting) or `resume` (it is).
    pub action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transition_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transition_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": 1, "ticket_number": "TX20251231962083", "subject": "Laptop will not boot",
    "workflow_id": 1, "version": 1, "priority": "High", "status": "active", "owner_id": 30, "owner_name": null,
    "current_step": {"key": "triage", "name": "Triage", "role_id": 4, "instruction": "Check the ticket", "is_end": false},
    "created_at": "2026-12-02T01:21:40.978669Z", "target_at": "2026-12-02T09:21:40.999389Z", "completed_at": null,
    "first_action_at": "2026-12-02T01:21:41.181435Z", "first_response_at": null, "waiting": null,
    "items": [{"id": 1, "step": "triage", "role_id": 4, "assignee_id": 7, "assignee_name": null, "status": "in_progress",
        "origin": "assignment", "assigned_at": "2026-12-02T01:21:40.978669Z", "target_at": "2026-12-02T03:21:40.999389Z",
        "first_action_at": "2026-12-02T01:21:41.187496Z", "resolved_at": null,
        "history": [{"id": 1, "item_id": 1, "action": "assignment", "actor_id": null, "status": "new", "notes": "", "at": "2026-12-02T01:21:40.978669Z"},
            {"id": 2, "item_id": 1, "action": "start", "actor_id": 7, "status": "in_progress", "notes": "", "at": "2026-12-02T01:21:41.181435Z"}]}],
    "available_actions": [{"action": "transition", "transition_id": 1, "transition_key": "submit", "name": "Submit", "to": "approve"},
        {"action": "transfer"}, {"action": "hold"}]}))]
pub struct TaskView {
    pub id: i64,
    pub ticket_number: String,
    pub subject: String,
    pub workflow_id: i64,
    pub version: i32,
    /// `active`, `completed` or `withdrawn`.
    pub status: String,
    pub priority: String,
    pub owner_id: Option<i64>,
    /// From the role-sync directory; `null` when it has no name for the owner.
    pub owner_name: Option<String>,
    pub target_at: chrono::DateTime<Utc>,
    pub created_at: chrono::DateTime<Utc>,
    /// When someone first acted on the task (started work, moved, escalated, transferred, took
    /// over or finalized); `null` until then.
    pub first_action_at: Option<chrono::DateTime<Utc>>,
    pub completed_at: Option<chrono::DateTime<Utc>>,
    /// `On Hold` or `Pending` while the ticket waits (the SLA clock stands still); `null` when it
    /// does not.
    pub waiting: Option<String>,
    /// When staff first replied publicly on the ticket (reported by messaging); `null` until then.
    pub first_response_at: Option<chrono::DateTime<Utc>>,
    #[schema(value_type = Object)]
    pub current_step: Value,
    pub items: Vec<ItemView>,
    pub available_actions: Vec<AvailableAction>,
}

fn step_view(step: Option<&StepDef>, key: &str) -> Value {
    match step {
        Some(s) => {
            json!({"key": s.key, "name": s.name, "role_id": s.role_id, "instruction": s.instruction, "is_end": s.is_end})
        }
        None => json!({"key": key}),
    }
}

/// Published id of a transition, from the version's frozen definition.
fn transition_id(version: &VersionRow, key: &str) -> Option<i64> {
    version.definition["graph"]["transitions"]
        .as_array()?
        .iter()
        .find(|t| t["key"] == key)
        .and_then(|t| t["id"].as_i64())
}

fn transition_key(version: &VersionRow, r: &TransitionRef) -> Option<String> {
    match r {
        TransitionRef::Key(k) => Some(k.clone()),
        TransitionRef::Id(id) => version.definition["graph"]["transitions"]
            .as_array()?
            .iter()
            .find(|t| t["id"].as_i64() == Some(*id))
            .and_then(|t| t["key"].as_str().map(str::to_string)),
    }
}

/// The caller's newest open item on the task's current step: the one that acts, even when the
/// caller holds several.
fn callers_item<'a>(items: &'a [ItemRow], task: &TaskRow, user_id: i64) -> Option<&'a ItemRow> {
    items
        .iter()
        .rev()
        .find(|i| i.assignee_id == user_id && i.step == task.current_step && is_open(&i.status))
}

fn open_items<'a>(items: &'a [ItemRow], task: &TaskRow) -> impl Iterator<Item = &'a ItemRow> {
    items
        .iter()
        .filter(move |i| i.step == task.current_step && is_open(&i.status))
}

fn available(
    user: &AuthUser,
    task: &TaskRow,
    items: &[ItemRow],
    graph: &Graph,
    version: &VersionRow,
    waiting: Option<&str>,
) -> Vec<AvailableAction> {
    let mut actions = Vec::new();
    if task.status != "active" {
        return actions;
    }
    let step = graph.step(&task.current_step);
    let mine = callers_item(items, task, user.user_id);
    let holds = mine.is_some();
    let action = |name| AvailableAction {
        action: name,
        transition_id: None,
        transition_key: None,
        name: None,
        to: None,
    };
    if let Some(item) = mine
        && lifecycle::start(&item.status, item.first_action_at.is_some()).is_ok()
    {
        actions.push(action("start"));
    }
    if holds {
        for t in graph.outgoing(&task.current_step) {
            actions.push(AvailableAction {
                action: "transition",
                transition_id: transition_id(version, &t.key),
                transition_key: Some(t.key.clone()),
                name: Some(t.name.clone()),
                to: Some(t.to.clone()),
            });
        }
        if step.is_some_and(|s| s.is_end) {
            actions.push(action("finalize"));
        }
        if step.is_some_and(|s| s.escalate_to_role_id.is_some()) {
            actions.push(action("escalate"));
        }
    }
    if holds || is_admin(user) {
        actions.push(action("transfer"));
    }
    if is_admin(user) && !holds {
        actions.push(action("take_over"));
    }
    if holds || is_admin(user) {
        actions.push(action(if waiting.is_some() { "resume" } else { "hold" }));
    }
    actions
}

async fn load(
    conn: &mut AsyncPgConnection,
    task: &TaskRow,
) -> Result<(VersionRow, Graph, Vec<ItemRow>), WorkflowError> {
    let version = workflows::version(conn, task.workflow_id, task.version)
        .await?
        .ok_or(WorkflowError::NotFound("workflow version"))?;
    let graph = version.graph();
    let items = tasks::items(conn, task.id).await?;
    Ok((version, graph, items))
}

/// The task as the caller sees it, with what the caller may do.
pub async fn detail(state: &AppState, user: &AuthUser, id: i64) -> Result<TaskView, WorkflowError> {
    require_agent(user)?;
    let mut conn = state.platform.db().conn().await?;
    let task = tasks::find(&mut conn, id)
        .await?
        .ok_or(WorkflowError::NotFound("task"))?;
    view(&mut conn, &state.settings.role_system, user, &task).await
}

/// Full names of `user_ids` from the role-sync directory (those it has a name for).
pub async fn names(
    conn: &mut AsyncPgConnection,
    system: &str,
    user_ids: &[i64],
) -> Result<HashMap<i64, String>, WorkflowError> {
    let mut ids = user_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(roles::people(conn, system, &ids)
        .await?
        .into_iter()
        .filter_map(|p| p.full_name.map(|n| (p.user_id, n)))
        .collect())
}

async fn view(
    conn: &mut AsyncPgConnection,
    system: &str,
    user: &AuthUser,
    task: &TaskRow,
) -> Result<TaskView, WorkflowError> {
    let (version, graph, items) = load(conn, task).await?;
    let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
    let history = tasks::history(conn, &ids).await?;
    let ticket = tickets::find(conn, &task.ticket_number).await?;
    let waiting = tasks::open_pause(conn, task.id).await?;
    let available_actions = available(user, task, &items, &graph, &version, waiting.as_deref());
    let first_action_at = tasks::first_action_at(conn, task.id).await?;
    let first_response_at = tasks::first_response_at(conn, task.id).await?;
    let people: Vec<i64> = items
        .iter()
        .map(|i| i.assignee_id)
        .chain(task.owner_id)
        .collect();
    let names = names(conn, system, &people).await?;
    let name = |id: i64| names.get(&id).cloned();
    Ok(TaskView {
        id: task.id,
        ticket_number: task.ticket_number.clone(),
        subject: ticket.map(|t| t.subject).unwrap_or_default(),
        workflow_id: task.workflow_id,
        version: task.version,
        status: task.status.clone(),
        priority: task.priority.clone(),
        owner_id: task.owner_id,
        owner_name: task.owner_id.and_then(name),
        target_at: task.target_at,
        created_at: task.created_at,
        first_action_at,
        completed_at: task.completed_at,
        waiting,
        first_response_at,
        current_step: step_view(graph.step(&task.current_step), &task.current_step),
        items: items
            .into_iter()
            .map(|i| ItemView {
                history: history
                    .iter()
                    .filter(|h| h.item_id == i.id)
                    .cloned()
                    .collect(),
                id: i.id,
                step: i.step,
                role_id: i.role_id,
                assignee_id: i.assignee_id,
                assignee_name: name(i.assignee_id),
                status: i.status,
                origin: i.origin,
                target_at: i.target_at,
                assigned_at: i.assigned_at,
                first_action_at: i.first_action_at,
                resolved_at: i.resolved_at,
            })
            .collect(),
        available_actions,
    })
}

/// The trimmed text of required `field`; blank or too long adds a problem naming the field.
fn required(field: &str, text: &str, problems: &mut Vec<FieldError>) -> String {
    let trimmed = text.trim();
    let mut problem = |message: &str| {
        problems.push(FieldError {
            field: field.into(),
            message: message.into(),
        })
    };
    if trimmed.is_empty() {
        problem("must not be blank");
    } else if trimmed.chars().count() > 5000 {
        problem("must be at most 5000 characters");
    }
    trimmed.to_string()
}

/// Who took an escalated step, and the roles' names for the notification.
pub struct Escalated {
    pub assignee_id: i64,
    pub from_role: String,
    pub to_role: String,
}

/// Closes `item` as `escalated` and hands its step to the next member of `to_role` by round
/// robin, never to its holder nor anyone who held the step on this visit (409 naming why when
/// nobody is left). The new item keeps the visit's target and allowance, so an escalation never
/// buys time; an escalated breached item hands the breach on ([`tasks::carry_breach`]).
#[allow(clippy::too_many_arguments)]
pub async fn escalate_item(
    conn: &mut AsyncPgConnection,
    task: &TaskRow,
    items: &[ItemRow],
    item: &ItemRow,
    to_role: i64,
    actor_id: Option<i64>,
    action: &str,
    notes: &str,
) -> Result<Escalated, WorkflowError> {
    let members = roles::active_member_ids(conn, to_role).await?;
    let from_role = roles::find(conn, item.role_id)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    let to_role_name = roles::find(conn, to_role)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    let held: Vec<lifecycle::Held> = items
        .iter()
        .map(|i| lifecycle::Held {
            step: &i.step,
            assignee_id: i.assignee_id,
            origin: &i.origin,
        })
        .collect();
    let holders = lifecycle::holders_of_visit(&held, &item.step);
    let label = if to_role_name.is_empty() {
        format!("{to_role}")
    } else {
        format!("{to_role} ({to_role_name})")
    };
    let candidates = lifecycle::escalation_candidates(&members, &holders, &label, &item.step)
        .map_err(WorkflowError::Conflict)?;
    let breached = item.status == "breached";
    tasks::close_item(conn, item, "escalated", actor_id, action, notes).await?;
    // The role's cursor as late as possible: its row stays locked until commit.
    let assignee = advance(conn, to_role, &candidates).await?.ok_or_else(|| {
        WorkflowError::Conflict(format!("role {label} has no active member to escalate to"))
    })?;
    let new = tasks::insert_item(
        conn,
        &NewItem {
            task_id: task.id,
            step: &item.step,
            role_id: to_role,
            assignee_id: assignee,
            origin: "escalation",
            target_at: item.target_at,
            allowance_seconds: item.allowance_seconds,
            assigned_at: Utc::now(),
        },
        actor_id,
    )
    .await?;
    if breached {
        tasks::carry_breach(conn, new.id).await?;
    }
    Ok(Escalated {
        assignee_id: assignee,
        from_role,
        to_role: to_role_name,
    })
}

/// Performs `action` on task `id` for `user`.
/// Whether the caller's latest assignment on the task was resolved (moved along a transition)
/// and the task now stands on another step.
fn moved_on_by(items: &[ItemRow], task: &TaskRow, user_id: i64) -> bool {
    items
        .iter()
        .filter(|i| i.assignee_id == user_id)
        .max_by_key(|i| i.id)
        .is_some_and(|i| i.status == "resolved" && i.step != task.current_step)
}

pub async fn act(
    state: &AppState,
    user: &AuthUser,
    id: i64,
    action: Action,
) -> Result<TaskView, WorkflowError> {
    require_agent(user)?;
    // Every problem of the input at once, each naming its field.
    let mut problems = Vec::new();
    let action = match action {
        Action::Transition { transition, notes } => Action::Transition {
            transition,
            notes: required("notes", &notes, &mut problems),
        },
        Action::Finalize { notes } => Action::Finalize {
            notes: required("notes", &notes, &mut problems),
        },
        Action::Escalate { reason } => Action::Escalate {
            reason: required("reason", &reason, &mut problems),
        },
        Action::Transfer { user_id, notes } => Action::Transfer {
            user_id,
            notes: required("notes", &notes, &mut problems),
        },
        Action::TakeOver => Action::TakeOver,
        Action::Start => Action::Start,
        Action::Hold { status, notes } => {
            if !WAITING.contains(&status.as_str()) {
                problems.push(FieldError {
                    field: "status".into(),
                    message: "must be `On Hold` or `Pending`".into(),
                });
            }
            Action::Hold {
                status,
                notes: required("notes", &notes, &mut problems),
            }
        }
        Action::Resume { notes } => Action::Resume {
            notes: notes.trim().to_string(),
        },
    };
    if !problems.is_empty() {
        return Err(WorkflowError::Invalid(problems));
    }
    let mut conn = state.platform.db().conn().await?;
    // What the caller saw: decides between "you may not" (403) and "it moved meanwhile" (409).
    let seen = tasks::find(&mut conn, id)
        .await?
        .ok_or(WorkflowError::NotFound("task"))?;
    let seen_items = tasks::items(&mut conn, id).await?;
    let seen_item = callers_item(&seen_items, &seen, user.user_id).map(|i| i.id);
    let admin_may = matches!(
        action,
        Action::Transfer { .. } | Action::TakeOver | Action::Hold { .. } | Action::Resume { .. }
    ) && is_admin(user);
    if matches!(action, Action::TakeOver) && !is_admin(user) {
        return Err(WorkflowError::Forbidden(
            "taking a task over requires tts:Admin".into(),
        ));
    }
    if seen.status == "active" && seen_item.is_none() && !admin_may {
        // The caller's own move of a moment ago (a double click, a retry, a second tab) took
        // the step away: that is the task moving on, not a refusal. Read from what the task
        // records, not from which request happened to read it first.
        if moved_on_by(&seen_items, &seen, user.user_id) {
            return Err(WorkflowError::Conflict(
                "the task moved on from the step you held; reload it".into(),
            ));
        }
        return Err(WorkflowError::Forbidden(
            "you hold no open assignment on this task's current step".into(),
        ));
    }
    let after = conn
        .transaction(async |conn| {
            let task = tasks::lock(conn, id).await?.ok_or(WorkflowError::NotFound("task"))?;
            if task.status != "active" {
                return Err(WorkflowError::Conflict(format!("the task is {}", task.status)));
            }
            let (version, graph, items) = load(conn, &task).await?;
            let mine = callers_item(&items, &task, user.user_id).cloned();
            if task.current_step != seen.current_step || (seen_item.is_some() && mine.as_ref().map(|i| i.id) != seen_item) {
                return Err(WorkflowError::Conflict("the task moved meanwhile; reload it and try again".into()));
            }
            let acting = match (&mine, admin_may) {
                (Some(item), _) => item.clone(),
                (None, true) => open_items(&items, &task)
                    .last()
                    .cloned()
                    .ok_or_else(|| WorkflowError::Conflict("the current step has no open assignment".into()))?,
                (None, false) => return Err(WorkflowError::Conflict("the task moved meanwhile; reload it and try again".into())),
            };
            if matches!(action, Action::TakeOver) && mine.is_some() {
                return Err(WorkflowError::Conflict("you already hold this task's current step".into()));
            }
            let step = graph
                .step(&task.current_step)
                .cloned()
                .ok_or_else(|| WorkflowError::Conflict("the task's step is missing from its version".into()))?;
            let ticket = tickets::find(conn, &task.ticket_number).await?;
            let subject = ticket.as_ref().map(|t| t.subject.clone()).unwrap_or_default();
            let queues = &state.platform.settings().queues;
            let total = version.slas().for_priority(&task.priority).unwrap_or(version.slas().medium);
            let calendar = version.calendar();
            let now = Utc::now();
            let waiting = tasks::open_pause(conn, task.id).await?;
            let before = json!({"step": task.current_step, "item": acting.id, "assignee_id": acting.assignee_id, "waiting": waiting});
            // Refused before anything is written.
            match (&action, waiting.as_deref()) {
                (Action::Hold { status, .. }, Some(w)) if w == status => {
                    return Err(WorkflowError::Conflict(format!("the ticket is already {w}")));
                }
                (Action::Resume { .. }, None) => {
                    return Err(WorkflowError::Conflict("the ticket is not waiting (On Hold or Pending)".into()));
                }
                _ => {}
            }
            // The ticket's status goes back once each: In Progress at the first action,
            // Resolved at completion. Written before the action's own writes so that a role's
            // round-robin cursor, taken within them, stays locked for as few statements as can be.
            tasks::mark_first_action(conn, task.id).await?;
            if tasks::mark_status_sent(conn, task.id, false).await? {
                let update = TicketStatusUpdate { ticket_number: task.ticket_number.clone(), status: "In Progress".into() };
                outbox::enqueue(conn, &queues.queue_ticket_status, &update.to_message()).await?;
            }
            if matches!(action, Action::Finalize { .. }) && tasks::mark_status_sent(conn, task.id, true).await? {
                let update = TicketStatusUpdate { ticket_number: task.ticket_number.clone(), status: "Resolved".into() };
                outbox::enqueue(conn, &queues.queue_ticket_status, &update.to_message()).await?;
            }
            match &action {
                Action::Transition { transition, notes } => {
                    let key = transition_key(&version, transition)
                        .ok_or_else(|| WorkflowError::invalid("transition_id", "no such transition in this task's workflow version"))?;
                    let edge = graph
                        .outgoing(&task.current_step)
                        .into_iter()
                        .find(|t| t.key == key)
                        .cloned()
                        .ok_or_else(|| WorkflowError::invalid("transition_id", format!("transition `{key}` does not leave step `{}`", task.current_step)))?;
                    let target = graph.step(&edge.to).cloned().ok_or(WorkflowError::NotFound("step"))?;
                    // Moving the work on ends a wait: the clock runs again from now.
                    end_wait(state, conn, &task, std::slice::from_ref(&acting), Some(user.user_id), "resume", "moved on", true).await?;
                    let members = roles::active_member_ids(conn, target.role_id).await?;
                    let role_name = roles::find(conn, target.role_id).await?.map(|r| r.name).unwrap_or_default();
                    tasks::close_item(conn, &acting, "resolved", Some(user.user_id), &format!("transition:{key}"), notes).await?;
                    for other in open_items(&items, &task).filter(|i| i.id != acting.id) {
                        tasks::close_item(conn, other, "reassigned", Some(user.user_id), "superseded", "").await?;
                    }
                    let origin = if items.iter().any(|i| i.step == target.key) { "back_edge" } else { "assignment" };
                    let (target_at, allowance) = crate::sla::step_target(calendar.as_ref(), task.created_at, total, target.weight, graph.total_weight(), now);
                    // The owner follows the ticket through its steps (unless they moved it themselves).
                    if let Some(owner) = task.owner_id.filter(|o| *o != user.user_id) {
                        let notice = InappNotification {
                            user_id: owner,
                            user_type: "staff".into(),
                            notification_type: "workflow_step_change".into(),
                            subject: format!("Ticket {} moved to {}", task.ticket_number, target.name),
                            message: format!("{} moved ticket {} ({subject}) from {} to {} ({}).", if user.name.is_empty() { "An agent" } else { &user.name }, task.ticket_number, step.name, target.name, edge.name),
                            related_ticket_number: Some(task.ticket_number.clone()),
                            metadata: json!({"task_id": task.id, "from_step": step.key, "to_step": target.key, "transition": edge.key}),
                            email: None,
                        };
                        outbox::enqueue(conn, &queues.queue_inapp_notifications, &notice.to_message()).await?;
                    }
                    // The role's cursor as late as possible: its row stays locked until commit.
                    let assignee = advance(conn, target.role_id, &members)
                        .await?
                        .ok_or_else(|| WorkflowError::Conflict(format!("role {} of step `{}` has no active member to assign", target.role_id, target.key)))?;
                    tasks::insert_item(conn, &NewItem { task_id: task.id, assigned_at: Utc::now(), step: &target.key, role_id: target.role_id, assignee_id: assignee, origin, target_at, allowance_seconds: allowance.num_seconds() }, Some(user.user_id)).await?;
                    tasks::move_to(conn, task.id, &target.key).await?;
                    let notice = AssignmentNotification { user_id: assignee, ticket_number: task.ticket_number.clone(), task_title: subject.clone(), role_name };
                    outbox::enqueue(conn, &queues.queue_inapp_notifications, &notice.to_message()).await?;
                }
                Action::Finalize { notes } => {
                    if !step.is_end {
                        return Err(WorkflowError::invalid("step", format!("step `{}` is not an end step", step.key)));
                    }
                    // Resolving ends a wait (Resolved, not In Progress, goes to the ticket service).
                    end_wait(state, conn, &task, std::slice::from_ref(&acting), Some(user.user_id), "resume", "resolved", false).await?;
                    tasks::close_item(conn, &acting, "resolved", Some(user.user_id), "finalize", notes).await?;
                    tasks::complete(conn, task.id).await?;
                    if let Some(ticket) = &ticket {
                        crate::requester::notify(state, conn, ticket, Some(task.id), crate::requester::Notice::Resolved, None).await?;
                    }
                    crate::end_logic::schedule(state, conn, &version, &task, user).await?;
                    if let Some(owner) = task.owner_id {
                        let notice = TaskCompletedNotification {
                            user_id: owner,
                            ticket_number: task.ticket_number.clone(),
                            task_title: subject.clone(),
                            workflow_name: workflows::find(conn, task.workflow_id).await?.map(|w| w.name).unwrap_or_default(),
                            completed_by_id: Some(user.user_id),
                            completed_by_name: user.name.clone(),
                        };
                        outbox::enqueue(conn, &queues.queue_inapp_notifications, &notice.to_message()).await?;
                    }
                }
                Action::Escalate { reason } => {
                    let to_role = step
                        .escalate_to_role_id
                        .ok_or_else(|| WorkflowError::invalid("reason", format!("step `{}` has no role to escalate to", step.key)))?;
                    let escalated = escalate_item(conn, &task, &items, &acting, to_role, Some(user.user_id), "escalate", reason).await?;
                    let notice = EscalationNotification {
                        from_user_id: acting.assignee_id,
                        to_user_id: escalated.assignee_id,
                        from_ticket_number: task.ticket_number.clone(),
                        to_ticket_number: task.ticket_number.clone(),
                        task_title: subject.clone(),
                        escalated_from_role: escalated.from_role,
                        escalated_to_role: escalated.to_role,
                        escalation_reason: reason.clone(),
                        escalated_by_id: user.user_id,
                        escalated_by_name: user.name.clone(),
                    };
                    outbox::enqueue(conn, &queues.queue_inapp_notifications, &notice.to_message()).await?;
                }
                Action::Transfer { user_id: target, notes } => {
                    if *target == acting.assignee_id {
                        return Err(WorkflowError::invalid("user_id", "the task is already assigned to this user"));
                    }
                    let members = roles::active_member_ids(conn, acting.role_id).await?;
                    if !members.contains(target) {
                        return Err(WorkflowError::invalid("user_id", format!("user {target} is not an active member of role {}", acting.role_id)));
                    }
                    tasks::close_item(conn, &acting, "reassigned", Some(user.user_id), "transfer", notes).await?;
                    tasks::insert_item(conn, &NewItem { task_id: task.id, assigned_at: Utc::now(), step: &step.key, role_id: acting.role_id, assignee_id: *target, origin: "transfer", target_at: acting.target_at, allowance_seconds: acting.allowance_seconds }, Some(user.user_id)).await?;
                    let notice = TaskTransferNotification {
                        from_user_id: acting.assignee_id,
                        to_user_id: *target,
                        from_ticket_number: task.ticket_number.clone(),
                        to_ticket_number: task.ticket_number.clone(),
                        task_title: subject.clone(),
                        transferred_by_id: user.user_id,
                        transferred_by_name: user.name.clone(),
                        transfer_notes: notes.clone(),
                    };
                    outbox::enqueue(conn, &queues.queue_inapp_notifications, &notice.to_message()).await?;
                }
                Action::Start => {
                    let outcome = lifecycle::start(&acting.status, acting.first_action_at.is_some()).map_err(WorkflowError::Conflict)?;
                    let status = match outcome {
                        lifecycle::Start::InProgress => "in_progress",
                        lifecycle::Start::KeepBreached => "breached",
                    };
                    tasks::start_item(conn, &acting, status, user.user_id).await?;
                }
                Action::Hold { status, notes } => {
                        if waiting.is_some() {
                            // On Hold ↔ Pending: the clock keeps standing still.
                            tasks::set_pause_status(conn, task.id, status).await?;
                        } else {
                            crate::sla::apply_ticket_status(conn, &task, status, now).await?;
                        }
                        tasks::add_history(conn, &acting, Some(user.user_id), "hold", &format!("{status}: {notes}")).await?;
                        tickets::set_status(conn, &task.ticket_number, status).await?;
                        let update = TicketStatusUpdate { ticket_number: task.ticket_number.clone(), status: status.clone() };
                        outbox::enqueue(conn, &queues.queue_ticket_status, &update.to_message()).await?;
                        // Waiting for the requester: they are told, with the agent's notes.
                        if status == "Pending"
                            && let Some(ticket) = &ticket
                        {
                            crate::requester::notify(state, conn, ticket, Some(task.id), crate::requester::Notice::Pending, Some(notes)).await?;
                        }
                }
                Action::Resume { notes } => {
                    end_wait(state, conn, &task, std::slice::from_ref(&acting), Some(user.user_id), "resume", notes, true).await?;
                }
                Action::TakeOver => {
                    for item in open_items(&items, &task) {
                        tasks::close_item(conn, item, "reassigned", Some(user.user_id), "take_over", "").await?;
                    }
                    tasks::insert_item(conn, &NewItem { task_id: task.id, assigned_at: Utc::now(), step: &step.key, role_id: acting.role_id, assignee_id: user.user_id, origin: "take_over", target_at: acting.target_at, allowance_seconds: acting.allowance_seconds }, Some(user.user_id)).await?;
                    let notice = TaskTransferNotification {
                        from_user_id: acting.assignee_id,
                        to_user_id: user.user_id,
                        from_ticket_number: task.ticket_number.clone(),
                        to_ticket_number: task.ticket_number.clone(),
                        task_title: subject.clone(),
                        transferred_by_id: user.user_id,
                        transferred_by_name: user.name.clone(),
                        transfer_notes: "taken over by an administrator".into(),
                    };
                    outbox::enqueue(conn, &queues.queue_inapp_notifications, &notice.to_message()).await?;
                }
            }
            let after = tasks::find(conn, task.id).await?.ok_or(WorkflowError::NotFound("task"))?;
            let waiting_after = tasks::open_pause(conn, task.id).await?;
            audit::record(conn, Actor::from(user), &format!("task.{}", action.name()), ("task", &task.id.to_string()), Some(before), Some(json!({"step": after.current_step, "status": after.status, "waiting": waiting_after}))).await?;
            Ok(after)
        })
        .await?;
    // Read after the commit, outside the locks the action held.
    let view = view(&mut conn, &state.settings.role_system, user, &after).await?;
    state.platform.outbox().notify();
    metrics::counter!("task_actions_total", "action" => action.name()).increment(1);
    Ok(view)
}

/// Every item and history entry of a task in order, with the graph of its version.
pub async fn timeline(state: &AppState, user: &AuthUser, id: i64) -> Result<Value, WorkflowError> {
    require_agent(user)?;
    let mut conn = state.platform.db().conn().await?;
    let task = tasks::find(&mut conn, id)
        .await?
        .ok_or(WorkflowError::NotFound("task"))?;
    let (version, _, items) = load(&mut conn, &task).await?;
    let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
    let history = tasks::history(&mut conn, &ids).await?;
    let entries: Vec<Value> = history
        .iter()
        .map(|h| {
            let item = items.iter().find(|i| i.id == h.item_id);
            json!({
                "at": h.at, "item_id": h.item_id, "step": item.map(|i| i.step.clone()),
                "assignee_id": item.map(|i| i.assignee_id), "status": h.status, "action": h.action,
                "actor_id": h.actor_id, "notes": h.notes,
            })
        })
        .collect();
    Ok(
        json!({"task_id": task.id, "version": task.version, "graph": version.definition["graph"], "entries": entries}),
    )
}

/// Ends the task's wait, if it waits: the clock runs again at now and the open targets move by
/// the paused working time ([`crate::sla::apply_ticket_status`]), each of `items` gets an
/// `action` history entry, the snapshot says `In Progress`, and (`send`) `In Progress` goes to
/// the ticket service. Returns the status the ticket waited in. Runs in the caller's transaction,
/// which holds the task.
#[allow(clippy::too_many_arguments)]
pub async fn end_wait(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    task: &TaskRow,
    items: &[ItemRow],
    actor_id: Option<i64>,
    action: &str,
    notes: &str,
    send: bool,
) -> Result<Option<String>, WorkflowError> {
    let Some(waiting) = tasks::open_pause(conn, task.id).await? else {
        return Ok(None);
    };
    crate::sla::apply_ticket_status(conn, task, "In Progress", Utc::now()).await?;
    let notes = if notes.is_empty() {
        format!("{waiting} ended")
    } else {
        format!("{waiting} ended: {notes}")
    };
    for item in items {
        tasks::add_history(conn, item, actor_id, action, &notes).await?;
    }
    tickets::set_status(conn, &task.ticket_number, "In Progress").await?;
    if send {
        let update = TicketStatusUpdate {
            ticket_number: task.ticket_number.clone(),
            status: "In Progress".into(),
        };
        let queue = &state.platform.settings().queues.queue_ticket_status;
        outbox::enqueue(conn, queue, &update.to_message()).await?;
    }
    Ok(Some(waiting))
}

/// The requester withdrew the ticket: its active task ends `withdrawn` at once. A wait ends
/// (the pause is closed), every open item closes `withdrawn` (history `withdrawn`), the holders
/// and the owner are told (`create_inapp_notification`, type `task_withdrawn`), and it is audited
/// (`task.withdrawn`). The sweeper looks at active tasks only, so no SLA warning or breach
/// follows; every action on the task answers 409. The requester is not told of their own act.
/// Runs in the caller's transaction and locks the task. Returns whether it ended the task.
pub async fn withdraw(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    task_id: i64,
) -> Result<bool, WorkflowError> {
    let Some(task) = tasks::lock(conn, task_id).await? else {
        return Ok(false);
    };
    if task.status != "active" {
        return Ok(false);
    }
    let waiting = tasks::open_pause(conn, task.id).await?;
    if waiting.is_some() {
        crate::sla::apply_ticket_status(conn, &task, "Withdrawn", Utc::now()).await?;
    }
    let open: Vec<ItemRow> = tasks::items(conn, task.id)
        .await?
        .into_iter()
        .filter(|i| is_open(&i.status))
        .collect();
    for item in &open {
        tasks::withdraw_item(conn, item).await?;
    }
    tasks::withdraw(conn, task.id).await?;
    let subject = tickets::find(conn, &task.ticket_number)
        .await?
        .map(|t| t.subject)
        .unwrap_or_default();
    let mut recipients: Vec<i64> = open
        .iter()
        .map(|i| i.assignee_id)
        .chain(task.owner_id)
        .collect();
    recipients.sort_unstable();
    recipients.dedup();
    let queue = &state.platform.settings().queues.queue_inapp_notifications;
    for user_id in recipients {
        let notice = InappNotification {
            user_id,
            user_type: "staff".into(),
            notification_type: "task_withdrawn".into(),
            subject: format!("Ticket {} was withdrawn", task.ticket_number),
            message: format!(
                "The requester withdrew ticket {} ({subject}); its work has ended.",
                task.ticket_number
            ),
            related_ticket_number: Some(task.ticket_number.clone()),
            metadata: json!({"task_id": task.id, "step": task.current_step}),
            email: None,
        };
        outbox::enqueue(conn, queue, &notice.to_message()).await?;
    }
    let closed: Vec<i64> = open.iter().map(|i| i.id).collect();
    audit::record(
        conn,
        Actor::System("intake"),
        "task.withdrawn",
        ("task", &task.id.to_string()),
        Some(json!({"status": task.status, "step": task.current_step, "waiting": waiting})),
        Some(json!({"status": "withdrawn", "closed_items": closed})),
    )
    .await?;
    metrics::counter!("tasks_withdrawn_total").increment(1);
    Ok(true)
}
