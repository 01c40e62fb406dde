//! Tickets becoming tasks: the snapshot is refreshed, the ticket is matched to a workflow, and a
//! task starts on the start step of that workflow's newest version with its first assignment, its
//! owner and its SLA targets. Everything a start writes — task, item, history, audit, the
//! assignment notification in the outbox — commits together.

use chrono::Utc;
use diesel_async::AsyncPgConnection;
use futures_util::future::BoxFuture;
use serde_json::json;
use tts_shared::amqp::{HandlerError, TaskHandler, TaskMessage, outbox};
use tts_shared::events::{AssignmentNotification, CeleryTask, HelpdeskTicket};

use crate::AppState;
use crate::domain::{matching, round_robin};
use crate::error::WorkflowError;
use crate::store::audit::{self, Actor};
use crate::store::tasks::{self, NewItem, NewTask};
use crate::store::tickets::{self, Snapshot, TicketRow};
use crate::store::{roles, workflows};

/// Statuses in which a ticket no longer wants a task.
const FINISHED: [&str; 5] = ["Resolved", "Rejected", "Withdrawn", "Closed", "Cancelled"];

/// What became of an attempt to start a task.
#[derive(Debug, PartialEq, Eq)]
pub enum Start {
    Started(i64),
    /// The ticket already has its task.
    Exists,
    /// No active workflow takes it (yet).
    Unmatched,
    /// The start step's role has nobody active to assign.
    Unstaffed(String),
}

/// `tickets.tasks.receive_ticket`.
pub struct ReceiveTicket {
    pub state: AppState,
}

impl TaskHandler for ReceiveTicket {
    fn handle<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<(), HandlerError>> {
        Box::pin(async move {
            let ticket = HelpdeskTicket::from_message(message).map_err(HandlerError::permanent)?;
            let number = ticket.number().ok_or_else(|| {
                HandlerError::permanent(
                    "the ticket has no number (ticket_number, ticket_id, id or original_ticket_id)",
                )
            })?;
            let snapshot = Snapshot {
                ticket_number: number.clone(),
                subject: ticket.subject.clone(),
                department: ticket.department.clone(),
                category: ticket.category.clone(),
                sub_category: ticket.sub_category.clone(),
                priority: ticket.priority_or_default().to_string(),
                status: ticket.status.clone().unwrap_or_else(|| "Open".into()),
                payload: serde_json::to_value(&ticket).expect("tickets serialise"),
            };
            let row = tickets::upsert(conn, &snapshot).await?;
            crate::ticket_record::report_direct_ticket(&self.state, conn, &ticket).await?;
            // A status update of a ticket that has its task pauses or restarts its SLA clock.
            if let Some(task) = crate::store::tasks::find_by_ticket(conn, &number).await? {
                // The requester withdrew it: the work ends.
                if row.status == "Withdrawn" {
                    crate::tasks::withdraw(&self.state, conn, task.id)
                        .await
                        .map_err(HandlerError::transient)?;
                    return Ok(());
                }
                crate::sla::apply_ticket_status(conn, &task, &row.status, Utc::now())
                    .await
                    .map_err(HandlerError::transient)?;
                // A re-send with another priority re-targets the running task's SLA.
                crate::sla::retarget_priority(conn, task.id, &row.priority, Utc::now())
                    .await
                    .map_err(HandlerError::transient)?;
                return Ok(());
            }
            match start_new(&self.state, conn, &row, None).await {
                Ok(Start::Unstaffed(reason)) => Err(HandlerError::transient(reason)),
                Ok(outcome) => {
                    tracing::info!(ticket = %number, ?outcome, "ticket received");
                    received(&self.state, conn, &row, &outcome)
                        .await
                        .map_err(HandlerError::transient)?;
                    Ok(())
                }
                Err(WorkflowError::Db(e)) => Err(HandlerError::transient(e)),
                Err(e) => Err(HandlerError::permanent(e)),
            }
        })
    }
}

/// Starts the ticket's task on `workflow` (or on the matching workflow). Runs in the caller's
/// transaction, which must hold the ticket row.
pub async fn start(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    ticket: &TicketRow,
    workflow: Option<i64>,
) -> Result<Start, WorkflowError> {
    if tickets::has_task(conn, &ticket.ticket_number).await? {
        return Ok(Start::Exists);
    }
    start_new(state, conn, ticket, workflow).await
}

/// [`start`] for a ticket the caller has just seen without a task (the insert still checks).
///
/// Everything is read before the round-robin cursors move: each cursor's row lock is held until
/// the transaction commits, so every statement after it delays the next ticket of that role.
async fn start_new(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    ticket: &TicketRow,
    workflow: Option<i64>,
) -> Result<Start, WorkflowError> {
    if FINISHED.contains(&ticket.status.as_str()) {
        return Ok(Start::Unmatched);
    }
    let workflow_id = match workflow {
        Some(id) => id,
        None => {
            let routes = workflows::routes(conn, &["active"]).await?;
            match matching::best(
                ticket.department.as_deref().unwrap_or(""),
                ticket.category.as_deref().unwrap_or(""),
                ticket.sub_category.as_deref(),
                &routes,
            ) {
                Some(id) => id,
                None => return Ok(Start::Unmatched),
            }
        }
    };
    let workflow = workflows::find(conn, workflow_id)
        .await?
        .ok_or(WorkflowError::NotFound("workflow"))?;
    let Some(version_number) = workflow.latest_version else {
        return Err(WorkflowError::Conflict(
            "the workflow has no published version".into(),
        ));
    };
    let version = workflows::version(conn, workflow_id, version_number)
        .await?
        .ok_or(WorkflowError::NotFound("workflow version"))?;
    let graph = version.graph();
    let step = graph
        .start()
        .ok_or_else(|| WorkflowError::Conflict("the published version has no start step".into()))?
        .clone();
    let members = roles::active_member_ids(conn, step.role_id).await?;
    let coordinators = match coordinator_role(state, conn).await? {
        Some(role_id) => Some((role_id, roles::active_member_ids(conn, role_id).await?)),
        None => None,
    };
    let role_name = roles::find(conn, step.role_id)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    let Some(assignee) = advance(conn, step.role_id, &members).await? else {
        return Ok(Start::Unstaffed(format!(
            "role {} of step {:?} has no active member to assign",
            step.role_id, step.key
        )));
    };
    let owner = match &coordinators {
        Some((role_id, members)) => advance(conn, *role_id, members).await?,
        None => None,
    };
    let now = Utc::now();
    let total = version
        .slas()
        .for_priority(&ticket.priority)
        .unwrap_or(version.slas().medium);
    let calendar = version.calendar();
    let task = tasks::insert(
        conn,
        &NewTask {
            ticket_number: &ticket.ticket_number,
            workflow_id,
            version: version.version,
            current_step: &step.key,
            priority: &ticket.priority,
            owner_id: owner,
            target_at: crate::sla::add_sla(calendar.as_ref(), now, total),
            allowance_seconds: total.num_seconds(),
        },
    )
    .await?;
    let Some(task) = task else {
        return Ok(Start::Exists);
    };
    crate::sla_response::set_target(conn, &task, &version).await?;
    let (item_target, allowance) = crate::sla::step_target(
        calendar.as_ref(),
        now,
        total,
        step.weight,
        graph.total_weight(),
        now,
    );
    let item = tasks::insert_item(
        conn,
        &NewItem {
            task_id: task.id,
            step: &step.key,
            role_id: step.role_id,
            assignee_id: assignee,
            origin: "assignment",
            target_at: item_target,
            allowance_seconds: allowance.num_seconds(),
            assigned_at: now,
        },
        None,
    )
    .await?;
    tickets::set_workflow(conn, &ticket.ticket_number, workflow_id).await?;
    let notification = AssignmentNotification {
        user_id: assignee,
        ticket_number: ticket.ticket_number.clone(),
        task_title: ticket.subject.clone(),
        role_name,
    };
    let queue = &state.platform.settings().queues.queue_inapp_notifications;
    outbox::enqueue(conn, queue, &notification.to_message()).await?;
    audit::record(
        conn,
        Actor::System("intake"),
        "task.started",
        ("task", &task.id.to_string()),
        None,
        Some(json!({
            "ticket_number": ticket.ticket_number, "workflow_id": workflow_id, "version": version.version,
            "step": step.key, "assignee_id": assignee, "owner_id": owner, "item_id": item.id,
        })),
    )
    .await?;
    metrics::counter!("tasks_started_total").increment(1);
    Ok(Start::Started(task.id))
}

/// The next active member of a role, by round robin.
pub async fn pick(
    conn: &mut AsyncPgConnection,
    role_id: i64,
) -> Result<Option<i64>, WorkflowError> {
    let members = roles::active_member_ids(conn, role_id).await?;
    advance(conn, role_id, &members).await
}

/// Moves `role_id`'s cursor on and picks from `members`, the role's active members read in
/// this transaction. The cursor's row stays locked until the transaction ends, so callers read
/// what they need first. Leaves the cursor alone when nobody is active.
pub async fn advance(
    conn: &mut AsyncPgConnection,
    role_id: i64,
    members: &[i64],
) -> Result<Option<i64>, WorkflowError> {
    if members.is_empty() {
        return Ok(None);
    }
    let counter = roles::next_counter(conn, role_id).await?;
    Ok(round_robin::pick(members, counter))
}

async fn coordinator_role(
    state: &AppState,
    conn: &mut AsyncPgConnection,
) -> Result<Option<i64>, WorkflowError> {
    // The original auth service sends the coordinator role as a role of the helpdesk system;
    // one of TTS's own system (set up by an admin, or from an auth that sends it so) also serves.
    for system in [
        &state.settings.coordinator_role_system,
        &state.settings.role_system,
    ] {
        if let Some(role_id) =
            roles::find_by_name(conn, system, &state.settings.coordinator_role).await?
        {
            return Ok(Some(role_id));
        }
    }
    Ok(None)
}

/// Starts tasks for waiting tickets that a workflow now takes. Returns how many started.
pub async fn allocate_waiting(
    state: &AppState,
    conn: &mut AsyncPgConnection,
) -> Result<usize, WorkflowError> {
    let mut started = 0;
    for ticket in tickets::waiting_for_update(conn, 1000).await? {
        if let Start::Started(_) = start(state, conn, &ticket, None).await? {
            started += 1;
        }
    }
    Ok(started)
}

/// The requester hears once that their ticket arrived (`ticket_received`): on its first delivery,
/// matched to a workflow or waiting for one; never on a re-delivery.
async fn received(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    ticket: &TicketRow,
    outcome: &Start,
) -> Result<(), WorkflowError> {
    if ticket.received_count != 1 || FINISHED.contains(&ticket.status.as_str()) {
        return Ok(());
    }
    let task_id = match outcome {
        Start::Started(id) => Some(*id),
        _ => None,
    };
    crate::requester::notify(
        state,
        conn,
        ticket,
        task_id,
        crate::requester::Notice::Received,
        None,
    )
    .await?;
    Ok(())
}
