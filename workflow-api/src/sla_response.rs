//! The first-response target beside the resolution target.
//!
//! - A workflow may give each priority a first-response SLA (`*_response_sla`, optional,
//!   frozen into its versions). A task whose priority has one gets `response_target_at` at its
//!   creation: creation plus that SLA in the version's business hours (days = working days).
//! - The first public staff reply on the ticket (recorded by the `comment_posted` consumer in
//!   `tasks.first_response_at`) meets the target; after it nothing more is sent.
//! - Like the resolution target, it stands still while the ticket waits (`On Hold`, `Pending`;
//!   the pause's working time is added when the pause ends), and the sweeper sends each
//!   warning threshold and the breach once, recorded in `task_sla_events` under a primary key
//!   (`target = 'response'`), in the transaction of the notification it writes to the outbox.
//! - Who is told: the current assignee of each open item (the person expected to reply) and
//!   the ticket owner, the same people the resolution warnings go to. The messages are the
//!   resolution ones with `target: "response"`.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;
use serde_json::json;
use tts_shared::amqp::outbox;
use tts_shared::events::{CeleryTask, SlaBreachNotification, SlaWarningNotification};
use utoipa::ToSchema;

use crate::AppState;
use crate::domain::duration;
use crate::domain::sla::{TargetState, response_state};
use crate::error::WorkflowError;
use crate::schema::{task_items, task_pauses, task_sla_events, tasks};
use crate::sla::{SweepReport, add, add_sla, between};
use crate::store::audit::{self, Actor};
use crate::store::tasks::TaskRow;
use crate::store::{tickets, workflows};

/// The `target` of first-response warnings, breaches and their recorded events.
pub const TARGET: &str = "response";

/// Sets the first-response target of a task just created (in the caller's transaction):
/// creation plus its priority's first-response SLA, or none.
pub async fn set_target(
    conn: &mut AsyncPgConnection,
    task: &TaskRow,
    version: &workflows::VersionRow,
) -> Result<(), WorkflowError> {
    let sla = version.response_slas().for_priority(&task.priority);
    let calendar = version.calendar();
    let target = sla.map(|sla| add_sla(calendar.as_ref(), task.created_at, sla));
    diesel::update(tasks::table.find(task.id))
        .set((
            tasks::response_target_at.eq(target),
            tasks::response_allowance_seconds.eq(sla.map(|d| d.num_seconds())),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// After a priority change: the first-response target becomes creation plus the new priority's
/// first-response SLA, plus the working time of the pauses so far; unchanged once met.
pub async fn retarget(
    conn: &mut AsyncPgConnection,
    task: &TaskRow,
    version: &workflows::VersionRow,
    priority: &str,
) -> Result<(), WorkflowError> {
    let responded: Option<Option<DateTime<Utc>>> = tasks::table
        .find(task.id)
        .select(tasks::first_response_at)
        .first(conn)
        .await
        .optional()?;
    if matches!(responded, Some(Some(_))) {
        return Ok(());
    }
    let paused: Vec<Option<i64>> = task_pauses::table
        .filter(task_pauses::task_id.eq(task.id))
        .select(task_pauses::working_seconds)
        .load(conn)
        .await?;
    let paused = Duration::seconds(paused.into_iter().flatten().sum());
    let sla = version.response_slas().for_priority(priority);
    let calendar = version.calendar();
    let target = sla.map(|sla| {
        add(
            calendar.as_ref(),
            add_sla(calendar.as_ref(), task.created_at, sla),
            paused,
        )
    });
    diesel::update(tasks::table.find(task.id))
        .set((
            tasks::response_target_at.eq(target),
            tasks::response_allowance_seconds.eq(sla.map(|d| d.num_seconds())),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(Queryable)]
struct Open {
    task: TaskRow,
    target_at: Option<DateTime<Utc>>,
}

/// Records `(task, response, kind, threshold)`; true only if this call recorded it.
async fn record(
    conn: &mut AsyncPgConnection,
    task_id: i64,
    kind: &str,
    threshold: i16,
    notified: bool,
    at: DateTime<Utc>,
) -> QueryResult<bool> {
    let inserted = diesel::insert_into(task_sla_events::table)
        .values((
            task_sla_events::task_id.eq(task_id),
            task_sla_events::target.eq(TARGET),
            task_sla_events::kind.eq(kind),
            task_sla_events::threshold.eq(threshold),
            task_sla_events::notified.eq(notified),
            task_sla_events::at.eq(at),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    Ok(inserted == 1)
}

/// The sweep's first-response pass at `now`, inside the sweep's transaction (which holds the
/// sweep lock): active, unpaused tasks with a target and no first response yet.
pub async fn sweep(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    paused_tasks: &[i64],
    now: DateTime<Utc>,
    report: &mut SweepReport,
) -> Result<(), WorkflowError> {
    let rows: Vec<Open> = tasks::table
        .filter(tasks::status.eq("active"))
        .filter(tasks::first_response_at.is_null())
        .filter(tasks::response_target_at.is_not_null())
        .filter(tasks::id.ne_all(paused_tasks))
        .select((TaskRow::as_select(), tasks::response_target_at))
        .load(conn)
        .await?;
    for Open { task, target_at } in rows {
        let Some(target_at) = target_at else { continue };
        let version = workflows::version(conn, task.workflow_id, task.version)
            .await?
            .ok_or(WorkflowError::NotFound("workflow version"))?;
        let calendar = version.calendar();
        let granted = between(calendar.as_ref(), task.created_at, target_at)
            .num_seconds()
            .max(1);
        let used = between(calendar.as_ref(), task.created_at, now).num_seconds();
        let percent = (used.saturating_mul(100) / granted).clamp(0, i64::from(i16::MAX)) as i16;
        let breached = now >= target_at;
        let crossed: Vec<i16> = state
            .settings
            .sla_warning_thresholds
            .iter()
            .map(|t| i16::from(*t))
            .filter(|t| breached || percent >= *t)
            .collect();
        if crossed.is_empty() && !breached {
            continue;
        }
        // As for items: only the highest newly crossed threshold is sent, none with the breach.
        let highest = if breached {
            None
        } else {
            crossed.last().copied()
        };
        let mut warned = false;
        for threshold in &crossed {
            let notify = Some(*threshold) == highest;
            if record(conn, task.id, "warning", *threshold, notify, now).await? && notify {
                warned = true;
            }
        }
        let breach_recorded = breached && record(conn, task.id, "breach", 100, true, now).await?;
        if !warned && !breach_recorded {
            continue;
        }
        let title = tickets::find(conn, &task.ticket_number)
            .await?
            .map(|t| t.subject)
            .unwrap_or_default();
        let step_name = version
            .graph()
            .step(&task.current_step)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| task.current_step.clone());
        let mut recipients: Vec<i64> = task_items::table
            .filter(task_items::task_id.eq(task.id))
            .filter(task_items::status.eq_any(["new", "in_progress", "breached"]))
            .order(task_items::id)
            .select(task_items::assignee_id)
            .load(conn)
            .await?;
        recipients.extend(task.owner_id);
        let mut seen = std::collections::HashSet::new();
        recipients.retain(|id| seen.insert(*id));
        let queue = &state.platform.settings().queues.queue_inapp_notifications;
        if warned && let Some(threshold) = highest {
            for user_id in &recipients {
                let notice = SlaWarningNotification {
                    user_id: *user_id,
                    ticket_number: task.ticket_number.clone(),
                    task_title: title.clone(),
                    step_name: step_name.clone(),
                    threshold_percent: threshold as u8,
                    target_at: target_at.to_rfc3339(),
                    target: Some(TARGET.into()),
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
                    target_at: target_at.to_rfc3339(),
                    target: Some(TARGET.into()),
                    time_zone: calendar.as_ref().map(|c| c.time_zone.clone()),
                    task_id: Some(task.id),
                };
                outbox::enqueue(conn, queue, &notice.to_message()).await?;
            }
            audit::record(
                conn,
                Actor::System("sla"),
                "task.response_breached",
                ("task", &task.id.to_string()),
                None,
                Some(json!({"response_target_at": target_at})),
            )
            .await?;
            report.breaches += 1;
        }
    }
    Ok(())
}

/// The first-response part of `GET /tasks/{id}/sla/`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResponseSla {
    /// `met`, `breached`, `pending`, `paused` or `none` (the priority has no first-response SLA).
    pub state: TargetState,
    /// The first-response SLA as written (ISO-8601), e.g. `PT4H`; null without one.
    pub target: Option<String>,
    /// The same in words, e.g. "4 working hours".
    pub target_words: Option<String>,
    /// Wall-clock due time (moves when a pause ends).
    pub due_at: Option<DateTime<Utc>>,
    /// The first public reply by staff on the ticket.
    pub first_response_at: Option<DateTime<Utc>>,
    pub warnings_sent: Vec<i16>,
    pub breached: bool,
}

/// The task's first-response state at `now`.
pub async fn view(
    conn: &mut AsyncPgConnection,
    task_id: i64,
    working: bool,
    paused: bool,
    now: DateTime<Utc>,
) -> Result<ResponseSla, WorkflowError> {
    let (due_at, allowance, responded): (
        Option<DateTime<Utc>>,
        Option<i64>,
        Option<DateTime<Utc>>,
    ) = tasks::table
        .find(task_id)
        .select((
            tasks::response_target_at,
            tasks::response_allowance_seconds,
            tasks::first_response_at,
        ))
        .first(conn)
        .await?;
    let events: Vec<(String, i16, bool)> = task_sla_events::table
        .filter(task_sla_events::task_id.eq(task_id))
        .filter(task_sla_events::target.eq(TARGET))
        .select((
            task_sla_events::kind,
            task_sla_events::threshold,
            task_sla_events::notified,
        ))
        .load(conn)
        .await?;
    let allowance = allowance.map(Duration::seconds);
    let breached = events.iter().any(|e| e.0 == "breach");
    // A breach the sweeper recorded stands, whatever the clock of the caller says.
    let state = match response_state(due_at, responded, paused, now) {
        TargetState::Pending | TargetState::Paused if breached => TargetState::Breached,
        state => state,
    };
    Ok(ResponseSla {
        state,
        target: allowance.map(duration::format),
        target_words: allowance.map(|d| duration::describe(d, working, true)),
        due_at,
        first_response_at: responded,
        warnings_sent: events
            .iter()
            .filter(|e| e.0 == "warning" && e.2)
            .map(|e| e.1)
            .collect(),
        breached,
    })
}
