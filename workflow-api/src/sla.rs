//! The SLA engine: working-time targets, pauses while the ticket waits on someone else, and the
//! sweeper that sends each warning and each breach once.
//!
//! - An item's target is its start plus its step's weighted share of the priority's SLA, counted
//!   in the version's business hours (around the clock without a calendar).
//! - While the ticket is `On Hold` or `Pending` the task is paused: the sweeper leaves it alone,
//!   and when the pause ends every open target moves by the working time the pause lasted.
//! - The sweeper runs on one replica at a time (a transaction-scoped advisory lock; the others
//!   skip that round) and records each warning threshold and each breach in `sla_events` under a
//!   primary key, in the same transaction as the notification it writes to the outbox: a second
//!   sweeper, a restarted one or a retried round cannot send it again.
//!
//! Time is a parameter everywhere (`now`, `at`), so tests choose it instead of waiting.

use std::collections::HashMap;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde::Serialize;
use serde_json::json;
use tokio_util::sync::CancellationToken;
use tts_shared::amqp::outbox;
use tts_shared::events::{
    CeleryTask, EscalationNotification, SlaBreachNotification, SlaWarningNotification,
};
use utoipa::ToSchema;

use crate::AppState;
use crate::domain::calendar::Calendar;
use crate::error::WorkflowError;
use crate::schema::{sla_events, task_items, task_pauses, tasks};
use crate::store::audit::{self, Actor};
use crate::store::tasks::{self as task_store, ItemRow, TaskRow};
use crate::store::{tickets, workflows};

/// When an SLA (the ISO-8601 duration as written, in seconds) starting at `start` is due: its
/// days are working days of the calendar, the rest working time ([`crate::domain::sla::due`]).
/// Pauses, shares and other working time go through [`add`].
pub fn add_sla(calendar: Option<&Calendar>, start: DateTime<Utc>, sla: Duration) -> DateTime<Utc> {
    crate::domain::sla::due(calendar, start, sla)
}

/// A step's target and allowance (working time) when its item starts at `start` on a task
/// created at `task_created` with the SLA `total`: its weighted share of the working time that
/// SLA grants from the task's creation.
pub fn step_target(
    calendar: Option<&Calendar>,
    task_created: DateTime<Utc>,
    total: Duration,
    weight: u32,
    total_weight: u32,
    start: DateTime<Utc>,
) -> (DateTime<Utc>, Duration) {
    let working = crate::domain::sla::working_allowance(calendar, task_created, total);
    let allowance = crate::domain::sla::step_allowance(working, weight, total_weight);
    (add(calendar, start, allowance), allowance)
}

/// `start + amount` of working time.
pub fn add(calendar: Option<&Calendar>, start: DateTime<Utc>, amount: Duration) -> DateTime<Utc> {
    match calendar {
        Some(c) => c.add_working(start, amount),
        None => start + amount,
    }
}

/// Working time in `[from, to)`.
pub fn between(calendar: Option<&Calendar>, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
    match calendar {
        Some(c) => c.working_between(from, to),
        None => (to - from).max(Duration::zero()),
    }
}

/// Moves the task's first-response target by `paused` working time, unless it was met.
async fn move_response_target(
    conn: &mut AsyncPgConnection,
    task_id: i64,
    calendar: Option<&Calendar>,
    paused: Duration,
) -> Result<(), WorkflowError> {
    type Instant = Option<DateTime<Utc>>;
    let row: Option<(Instant, Instant)> = tasks::table
        .find(task_id)
        .select((tasks::response_target_at, tasks::first_response_at))
        .first(conn)
        .await
        .optional()?;
    if let Some((Some(target), None)) = row {
        diesel::update(tasks::table.find(task_id))
            .set(tasks::response_target_at.eq(add(calendar, target, paused)))
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// Statuses of a ticket that stop its SLA clock.
pub fn pauses_clock(status: &str) -> bool {
    matches!(status, "On Hold" | "Pending")
}

/// Applies a ticket status to its task's clock at `at`: opens a pause, or ends one and moves the
/// open targets by the working time it lasted. Returns whether anything changed.
pub async fn apply_ticket_status(
    conn: &mut AsyncPgConnection,
    task: &TaskRow,
    status: &str,
    at: DateTime<Utc>,
) -> Result<bool, WorkflowError> {
    let open: Option<(i64, DateTime<Utc>)> = task_pauses::table
        .filter(task_pauses::task_id.eq(task.id))
        .filter(task_pauses::ended_at.is_null())
        .select((task_pauses::id, task_pauses::started_at))
        .first(conn)
        .await
        .optional()?;
    match (pauses_clock(status), open) {
        (true, None) if task.status == "active" => {
            diesel::insert_into(task_pauses::table)
                .values((
                    task_pauses::task_id.eq(task.id),
                    task_pauses::status.eq(status),
                    task_pauses::started_at.eq(at),
                ))
                .execute(conn)
                .await?;
            Ok(true)
        }
        (false, Some((pause_id, started_at))) => {
            let version = workflows::version(conn, task.workflow_id, task.version)
                .await?
                .ok_or(WorkflowError::NotFound("workflow version"))?;
            let calendar = version.calendar();
            let paused = between(calendar.as_ref(), started_at, at);
            diesel::update(task_pauses::table.find(pause_id))
                .set((
                    task_pauses::ended_at.eq(at),
                    task_pauses::working_seconds.eq(paused.num_seconds()),
                ))
                .execute(conn)
                .await?;
            diesel::update(tasks::table.find(task.id))
                .set(tasks::target_at.eq(add(calendar.as_ref(), task.target_at, paused)))
                .execute(conn)
                .await?;
            move_response_target(conn, task.id, calendar.as_ref(), paused).await?;
            for item in task_store::items(conn, task.id).await? {
                if task_store::is_open(&item.status) {
                    diesel::update(task_items::table.find(item.id))
                        .set(task_items::target_at.eq(add(
                            calendar.as_ref(),
                            item.target_at,
                            paused,
                        )))
                        .execute(conn)
                        .await?;
                }
            }
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// What one sweep did.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct SweepReport {
    /// Another replica held the sweep; this one did nothing.
    pub skipped: bool,
    pub warnings: usize,
    pub breaches: usize,
    pub escalations: usize,
}

#[derive(QueryableByName)]
struct Locked {
    #[diesel(sql_type = Bool)]
    locked: bool,
}

/// One pass over open items at `now`.
pub async fn sweep(state: &AppState, now: DateTime<Utc>) -> Result<SweepReport, WorkflowError> {
    let mut conn = state.platform.db().conn().await?;
    let report = conn
        .transaction(async |conn| {
            let lock: Locked =
                diesel::sql_query("SELECT pg_try_advisory_xact_lock(74720003) AS locked")
                    .get_result(conn)
                    .await?;
            if !lock.locked {
                return Ok(SweepReport {
                    skipped: true,
                    ..SweepReport::default()
                });
            }
            let paused_tasks: Vec<i64> = task_pauses::table
                .filter(task_pauses::ended_at.is_null())
                .select(task_pauses::task_id)
                .load(conn)
                .await?;
            let rows: Vec<(ItemRow, TaskRow)> = task_items::table
                .inner_join(tasks::table)
                .filter(task_items::status.eq_any(["new", "in_progress"]))
                .filter(tasks::status.eq("active"))
                .filter(tasks::id.ne_all(&paused_tasks))
                .filter(task_items::allowance_seconds.gt(0))
                .select((ItemRow::as_select(), TaskRow::as_select()))
                .load(conn)
                .await?;
            let mut versions = HashMap::new();
            let mut report = SweepReport::default();
            for (item, task) in rows {
                let key = (task.workflow_id, task.version);
                if let std::collections::hash_map::Entry::Vacant(slot) = versions.entry(key) {
                    let v = workflows::version(conn, task.workflow_id, task.version)
                        .await?
                        .ok_or(WorkflowError::NotFound("workflow version"))?;
                    slot.insert(v);
                }
                let version = &versions[&key];
                check_item(state, conn, version, &task, &item, now, &mut report).await?;
            }
            crate::sla_response::sweep(state, conn, &paused_tasks, now, &mut report).await?;
            Ok::<_, WorkflowError>(report)
        })
        .await?;
    if report.warnings + report.breaches > 0 {
        state.platform.outbox().notify();
        metrics::counter!("sla_warnings_total").increment(report.warnings as u64);
        metrics::counter!("sla_breaches_total").increment(report.breaches as u64);
    }
    Ok(report)
}

/// Records `(item, kind, threshold)`; true only if this call recorded it.
async fn record(
    conn: &mut AsyncPgConnection,
    item: i64,
    kind: &str,
    threshold: i16,
    notified: bool,
    at: DateTime<Utc>,
) -> QueryResult<bool> {
    let inserted = diesel::insert_into(sla_events::table)
        .values((
            sla_events::item_id.eq(item),
            sla_events::kind.eq(kind),
            sla_events::threshold.eq(threshold),
            sla_events::notified.eq(notified),
            sla_events::at.eq(at),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    Ok(inserted == 1)
}

async fn check_item(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    version: &workflows::VersionRow,
    task: &TaskRow,
    item: &ItemRow,
    now: DateTime<Utc>,
    report: &mut SweepReport,
) -> Result<(), WorkflowError> {
    let calendar = version.calendar();
    let granted = between(calendar.as_ref(), item.assigned_at, item.target_at)
        .num_seconds()
        .max(1);
    let used = between(calendar.as_ref(), item.assigned_at, now).num_seconds();
    let percent = (used.saturating_mul(100) / granted).clamp(0, i64::from(i16::MAX)) as i16;
    let breached = now >= item.target_at;
    let crossed: Vec<i16> = state
        .settings
        .sla_warning_thresholds
        .iter()
        .map(|t| i16::from(*t))
        .filter(|t| breached || percent >= *t)
        .collect();
    // Most items on most sweeps are below their first threshold: nothing more to do.
    if crossed.is_empty() && !breached {
        return Ok(());
    }
    // Only the highest newly crossed threshold is sent: after a pause in sweeping, one warning
    // says where the item stands; the lower ones are recorded as passed.
    let highest = if breached {
        None
    } else {
        crossed.last().copied()
    };
    let mut warned = false;
    for threshold in &crossed {
        let notify = Some(*threshold) == highest;
        if record(conn, item.id, "warning", *threshold, notify, now).await? && notify {
            warned = true;
        }
    }
    let breach_recorded = breached && record(conn, item.id, "breach", 100, true, now).await?;
    if !warned && !breach_recorded {
        return Ok(());
    }
    // Something is to be sent: now the ticket and step are worth loading.
    let ticket = tickets::find(conn, &task.ticket_number).await?;
    let title = ticket.map(|t| t.subject).unwrap_or_default();
    let graph = version.graph();
    let step = graph.step(&item.step);
    let step_name = step
        .map(|s| s.name.clone())
        .unwrap_or_else(|| item.step.clone());
    let recipients: Vec<i64> = std::iter::once(item.assignee_id)
        .chain(task.owner_id.filter(|o| *o != item.assignee_id))
        .collect();
    let queue = &state.platform.settings().queues.queue_inapp_notifications;
    if warned && let Some(threshold) = highest {
        for user_id in &recipients {
            let notice = SlaWarningNotification {
                user_id: *user_id,
                ticket_number: task.ticket_number.clone(),
                task_title: title.clone(),
                step_name: step_name.clone(),
                threshold_percent: threshold as u8,
                target_at: item.target_at.to_rfc3339(),
                target: Some("resolution".into()),
                time_zone: calendar.as_ref().map(|c| c.time_zone.clone()),
                task_id: Some(task.id),
            };
            outbox::enqueue(conn, queue, &notice.to_message()).await?;
        }
        report.warnings += 1;
    }
    if breach_recorded {
        for user_id in &recipients {
            let notice = SlaBreachNotification {
                user_id: *user_id,
                ticket_number: task.ticket_number.clone(),
                task_title: title.clone(),
                step_name: step_name.clone(),
                target_at: item.target_at.to_rfc3339(),
                target: Some("resolution".into()),
                time_zone: calendar.as_ref().map(|c| c.time_zone.clone()),
                task_id: Some(task.id),
            };
            outbox::enqueue(conn, queue, &notice.to_message()).await?;
        }
        diesel::update(task_items::table.find(item.id))
            .set(task_items::status.eq("breached"))
            .execute(conn)
            .await?;
        diesel::insert_into(crate::schema::task_item_history::table)
            .values((
                crate::schema::task_item_history::item_id.eq(item.id),
                crate::schema::task_item_history::status.eq("breached"),
                crate::schema::task_item_history::action.eq("sla_breach"),
            ))
            .execute(conn)
            .await?;
        audit::record(
            conn,
            Actor::System("sla"),
            "task_item.breached",
            ("task_item", &item.id.to_string()),
            None,
            Some(json!({"target_at": item.target_at})),
        )
        .await?;
        report.breaches += 1;
        // The breached item is escalated at most once: the item that takes over carries the
        // breach (status `breached`, same target) and the sweeper never looks at it again. It
        // goes to someone who has not held the step on this visit; with nobody left the item
        // stays with its holder.
        if version.escalate_on_breach
            && let Some(to_role) = step.and_then(|s| s.escalate_to_role_id)
        {
            let items = task_store::items(conn, task.id).await?;
            let breached_item = ItemRow {
                status: "breached".into(),
                ..item.clone()
            };
            // A savepoint: a refused escalation leaves the breach (already recorded) in place.
            let escalated = conn
                .transaction(async |conn| {
                    crate::tasks::escalate_item(
                        conn,
                        task,
                        &items,
                        &breached_item,
                        to_role,
                        None,
                        "sla_escalation",
                        "escalated automatically on breach",
                    )
                    .await
                })
                .await;
            match escalated {
                Ok(escalated) => {
                    let notice = EscalationNotification {
                        from_user_id: item.assignee_id,
                        to_user_id: escalated.assignee_id,
                        from_ticket_number: task.ticket_number.clone(),
                        to_ticket_number: task.ticket_number.clone(),
                        task_title: title.clone(),
                        escalated_from_role: escalated.from_role,
                        escalated_to_role: escalated.to_role,
                        escalation_reason: format!("the SLA target of {step_name} passed"),
                        escalated_by_id: 0,
                        escalated_by_name: "The SLA monitor".into(),
                    };
                    outbox::enqueue(conn, queue, &notice.to_message()).await?;
                    audit::record(
                        conn,
                        Actor::System("sla"),
                        "task.escalated_on_breach",
                        ("task", &task.id.to_string()),
                        None,
                        Some(json!({"to_role": to_role, "assignee_id": escalated.assignee_id})),
                    )
                    .await?;
                    report.escalations += 1;
                }
                Err(WorkflowError::Conflict(reason)) => {
                    audit::record(
                        conn,
                        Actor::System("sla"),
                        "task.escalation_on_breach_skipped",
                        ("task", &task.id.to_string()),
                        None,
                        Some(json!({"to_role": to_role, "reason": reason})),
                    )
                    .await?;
                }
                Err(e) => return Err(e),
            }
        }
    }
    Ok(())
}

/// Sweeps every `interval` until `cancel`.
pub async fn run(state: AppState, interval: StdDuration, cancel: CancellationToken) {
    loop {
        tokio::select! {
            _ = cancel.cancelled() => break,
            _ = tokio::time::sleep(interval) => {}
        }
        match sweep(&state, Utc::now()).await {
            Ok(report) if report.warnings + report.breaches > 0 => {
                tracing::info!(
                    warnings = report.warnings,
                    breaches = report.breaches,
                    escalations = report.escalations,
                    "SLA sweep"
                );
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "SLA sweep failed; next round retries"),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ItemSla {
    pub item_id: i64,
    pub step: String,
    pub assignee_id: i64,
    pub status: String,
    pub target_at: DateTime<Utc>,
    /// The step's share as working time, ISO-8601 in hours (a share is working time, not
    /// working days), e.g. `PT12H`.
    pub target: String,
    /// The same in words, e.g. "12 working hours" ("12 hours" without business hours).
    pub target_words: String,
    /// Wall-clock due time (the same instant as `target_at`).
    pub due_at: DateTime<Utc>,
    /// Working time granted, seconds.
    pub allowance_seconds: i64,
    /// Working time used so far (until it closed), seconds.
    pub elapsed_seconds: i64,
    pub warnings_sent: Vec<i16>,
    pub breached: bool,
}

#[derive(Debug, Serialize, ToSchema, Queryable)]
pub struct PauseView {
    pub status: String,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub working_seconds: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"task_id": 1, "target": "PT8H", "target_words": "8 hours", "target_at": "2026-12-02T09:21:40.999389Z",
    "due_at": "2026-12-02T09:21:40.999389Z", "allowance_seconds": 28800, "elapsed_seconds": 0, "business_hours": false,
    "calendar": null, "paused": false, "pauses": [],
    "items": [{"item_id": 1, "step": "triage", "assignee_id": 7, "status": "new", "target": "PT2H", "target_words": "2 hours",
        "target_at": "2026-12-02T03:21:40.999389Z", "due_at": "2026-12-02T03:21:40.999389Z", "allowance_seconds": 7200,
        "elapsed_seconds": 0, "breached": false, "warnings_sent": []}],
    "response": {"state": "none", "target": null, "target_words": null, "due_at": null, "first_response_at": null,
        "breached": false, "warnings_sent": []}}))]
pub struct TaskSla {
    pub task_id: i64,
    pub target_at: DateTime<Utc>,
    /// The resolution SLA of the task's priority as written (ISO-8601), e.g. `P3D`. With
    /// business hours a day is a working day of the calendar and an hour a working hour.
    pub target: String,
    /// The same in words, e.g. "3 working days" ("3 days" around the clock).
    pub target_words: String,
    /// Wall-clock due time of the resolution target (the same instant as `target_at`).
    pub due_at: DateTime<Utc>,
    /// Whether SLA time counts in business hours (the version has a calendar).
    pub business_hours: bool,
    /// The SLA as written, in seconds of its ISO-8601 duration (a day = 86 400).
    pub allowance_seconds: i64,
    pub elapsed_seconds: i64,
    pub paused: bool,
    #[schema(value_type = Option<Object>)]
    pub calendar: Option<serde_json::Value>,
    pub items: Vec<ItemSla>,
    pub pauses: Vec<PauseView>,
    /// The first-response target beside the resolution one.
    pub response: crate::sla_response::ResponseSla,
}

/// `GET /tasks/{id}/sla/` at `now`.
pub async fn view(
    state: &AppState,
    task_id: i64,
    now: DateTime<Utc>,
) -> Result<TaskSla, WorkflowError> {
    let mut conn = state.platform.db().conn().await?;
    let task = task_store::find(&mut conn, task_id)
        .await?
        .ok_or(WorkflowError::NotFound("task"))?;
    let version = workflows::version(&mut conn, task.workflow_id, task.version)
        .await?
        .ok_or(WorkflowError::NotFound("workflow version"))?;
    let calendar = version.calendar();
    let items = task_store::items(&mut conn, task.id).await?;
    let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
    let events: Vec<(i64, String, i16, bool)> = sla_events::table
        .filter(sla_events::item_id.eq_any(&ids))
        .select((
            sla_events::item_id,
            sla_events::kind,
            sla_events::threshold,
            sla_events::notified,
        ))
        .load(&mut conn)
        .await?;
    let pauses: Vec<PauseView> = task_pauses::table
        .filter(task_pauses::task_id.eq(task.id))
        .order(task_pauses::id)
        .select((
            task_pauses::status,
            task_pauses::started_at,
            task_pauses::ended_at,
            task_pauses::working_seconds,
        ))
        .load(&mut conn)
        .await?;
    let paused_seconds: i64 = pauses.iter().filter_map(|p| p.working_seconds).sum();
    let end = task.completed_at.unwrap_or(now);
    let working = calendar.is_some();
    let paused = pauses.iter().any(|p| p.ended_at.is_none());
    let response = crate::sla_response::view(&mut conn, task.id, working, paused, now).await?;
    let written = Duration::seconds(task.allowance_seconds);
    Ok(TaskSla {
        task_id: task.id,
        target_at: task.target_at,
        target: crate::domain::duration::format(written),
        target_words: crate::domain::duration::describe(written, working, true),
        due_at: task.target_at,
        business_hours: working,
        allowance_seconds: task.allowance_seconds,
        elapsed_seconds: (between(calendar.as_ref(), task.created_at, end).num_seconds()
            - paused_seconds)
            .max(0),
        paused,
        calendar: version.calendar.clone(),
        items: items
            .iter()
            .map(|i| ItemSla {
                item_id: i.id,
                step: i.step.clone(),
                assignee_id: i.assignee_id,
                status: i.status.clone(),
                target_at: i.target_at,
                target: crate::domain::duration::format_hours(Duration::seconds(
                    i.allowance_seconds,
                )),
                target_words: crate::domain::duration::describe(
                    Duration::seconds(i.allowance_seconds),
                    working,
                    false,
                ),
                due_at: i.target_at,
                allowance_seconds: i.allowance_seconds,
                elapsed_seconds: between(
                    calendar.as_ref(),
                    i.assigned_at,
                    i.resolved_at.unwrap_or(now),
                )
                .num_seconds(),
                warnings_sent: events
                    .iter()
                    .filter(|e| e.0 == i.id && e.1 == "warning" && e.3)
                    .map(|e| e.2)
                    .collect(),
                breached: events.iter().any(|e| e.0 == i.id && e.1 == "breach"),
            })
            .collect(),
        pauses,
        response,
    })
}

/// A ticket re-sent with another priority re-targets its running task, as Zendesk and Jira
/// Service Management do: the task's target becomes its start plus the new priority's SLA, and
/// each open item's target its assignment plus its share of that SLA (its allowance scaled by
/// new SLA ÷ old SLA). Working time the clock stood still (pauses) stays added, so a paused or
/// once-paused task keeps its credit. Each open item gets a `priority_changed` history entry and
/// the change is audited (`task.priority_changed`, before and after). Warnings and breaches
/// already sent are not sent again. Nothing happens for a finished task or the same priority.
/// Runs in the caller's transaction and locks the task row. Returns whether it re-targeted.
pub async fn retarget_priority(
    conn: &mut AsyncPgConnection,
    task_id: i64,
    priority: &str,
    at: DateTime<Utc>,
) -> Result<bool, WorkflowError> {
    let Some(task) = task_store::lock(conn, task_id).await? else {
        return Ok(false);
    };
    if task.status != "active" || task.priority == priority {
        return Ok(false);
    }
    let version = workflows::version(conn, task.workflow_id, task.version)
        .await?
        .ok_or(WorkflowError::NotFound("workflow version"))?;
    let slas = version.slas();
    let total = slas.for_priority(priority).unwrap_or(slas.medium);
    let calendar = version.calendar();
    let calendar = calendar.as_ref();
    let paused = |start: DateTime<Utc>, target: DateTime<Utc>, allowance: i64| {
        (between(calendar, start, target).num_seconds() - allowance).max(0)
    };
    // Working time, not the SLA as written, is what a target grants.
    let old_working = crate::domain::sla::working_allowance(
        calendar,
        task.created_at,
        Duration::seconds(task.allowance_seconds),
    );
    let new_working = crate::domain::sla::working_allowance(calendar, task.created_at, total);
    let old_total = old_working.num_seconds().max(1);
    let task_paused = paused(task.created_at, task.target_at, old_working.num_seconds());
    let target_at = add(
        calendar,
        add_sla(calendar, task.created_at, total),
        Duration::seconds(task_paused),
    );
    task_store::set_priority_target(conn, task.id, priority, target_at, total.num_seconds())
        .await?;
    let mut items = Vec::new();
    for item in task_store::items(conn, task.id).await? {
        if !task_store::is_open(&item.status) {
            continue;
        }
        let allowance = (i128::from(item.allowance_seconds) * i128::from(new_working.num_seconds())
            / i128::from(old_total)) as i64;
        let item_paused = paused(item.assigned_at, item.target_at, item.allowance_seconds);
        let item_target = add(
            calendar,
            item.assigned_at,
            Duration::seconds(allowance + item_paused),
        );
        task_store::set_item_target(conn, item.id, item_target, allowance).await?;
        let notes = format!(
            "priority {} → {priority}: SLA target {} → {}",
            task.priority,
            item.target_at.to_rfc3339(),
            item_target.to_rfc3339()
        );
        task_store::add_history(conn, &item, None, "priority_changed", &notes).await?;
        items.push(json!({
            "item_id": item.id,
            "target_at": {"from": item.target_at, "to": item_target},
            "allowance_seconds": {"from": item.allowance_seconds, "to": allowance},
        }));
    }
    audit::record(
        conn,
        Actor::System("intake"),
        "task.priority_changed",
        ("task", &task.id.to_string()),
        Some(
            json!({"priority": task.priority, "target_at": task.target_at,
                    "allowance_seconds": task.allowance_seconds}),
        ),
        Some(json!({"priority": priority, "target_at": target_at,
                    "allowance_seconds": total.num_seconds(), "items": items, "at": at})),
    )
    .await?;
    crate::sla_response::retarget(conn, &task, &version, priority).await?;
    tracing::info!(task = task.id, from = %task.priority, to = %priority, "priority changed; SLA re-targeted");
    Ok(true)
}
