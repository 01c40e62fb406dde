//! Tasks, their items (assignments) and item history.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use crate::schema::{task_item_history, task_items, tasks};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = tasks)]
pub struct TaskRow {
    pub id: i64,
    pub ticket_number: String,
    pub workflow_id: i64,
    pub version: i32,
    pub current_step: String,
    pub status: String,
    pub priority: String,
    pub owner_id: Option<i64>,
    pub target_at: DateTime<Utc>,
    pub in_progress_sent: bool,
    pub resolved_sent: bool,
    pub created_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub allowance_seconds: i64,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = tasks)]
pub struct NewTask<'a> {
    pub ticket_number: &'a str,
    pub workflow_id: i64,
    pub version: i32,
    pub current_step: &'a str,
    pub priority: &'a str,
    pub owner_id: Option<i64>,
    pub target_at: DateTime<Utc>,
    pub allowance_seconds: i64,
}

/// `Ok(None)` when the ticket already has its task.
pub async fn insert(conn: &mut AsyncPgConnection, t: &NewTask<'_>) -> QueryResult<Option<TaskRow>> {
    diesel::insert_into(tasks::table)
        .values(t)
        .on_conflict(tasks::ticket_number)
        .do_nothing()
        .returning(TaskRow::as_returning())
        .get_result(conn)
        .await
        .optional()
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = task_items)]
pub struct ItemRow {
    pub id: i64,
    pub task_id: i64,
    pub step: String,
    pub role_id: i64,
    pub assignee_id: i64,
    pub status: String,
    pub origin: String,
    pub target_at: DateTime<Utc>,
    pub assigned_at: DateTime<Utc>,
    pub first_action_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub allowance_seconds: i64,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = task_items)]
pub struct NewItem<'a> {
    pub task_id: i64,
    pub step: &'a str,
    pub role_id: i64,
    pub assignee_id: i64,
    pub origin: &'a str,
    pub target_at: DateTime<Utc>,
    pub allowance_seconds: i64,
    /// When the step's clock starts: the same instant its `target_at` was computed from, so the
    /// target is exactly the allowance after it (the database's `now()` is the transaction's
    /// start, a little earlier).
    pub assigned_at: DateTime<Utc>,
}

/// Adds an assignment and its first history entry (`new`).
pub async fn insert_item(
    conn: &mut AsyncPgConnection,
    item: &NewItem<'_>,
    actor_id: Option<i64>,
) -> QueryResult<ItemRow> {
    let row: ItemRow = diesel::insert_into(task_items::table)
        .values(item)
        .returning(ItemRow::as_returning())
        .get_result(conn)
        .await?;
    diesel::insert_into(task_item_history::table)
        .values((
            task_item_history::item_id.eq(row.id),
            task_item_history::status.eq("new"),
            task_item_history::actor_id.eq(actor_id),
            task_item_history::action.eq(item.origin),
        ))
        .execute(conn)
        .await?;
    Ok(row)
}

pub async fn items(conn: &mut AsyncPgConnection, task_id: i64) -> QueryResult<Vec<ItemRow>> {
    task_items::table
        .filter(task_items::task_id.eq(task_id))
        .order(task_items::id)
        .select(ItemRow::as_select())
        .load(conn)
        .await
}

pub async fn find_by_ticket(
    conn: &mut AsyncPgConnection,
    number: &str,
) -> QueryResult<Option<TaskRow>> {
    tasks::table
        .filter(tasks::ticket_number.eq(number))
        .select(TaskRow::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Option<TaskRow>> {
    tasks::table
        .find(id)
        .select(TaskRow::as_select())
        .first(conn)
        .await
        .optional()
}

/// Locks the task for the rest of the transaction: one action at a time per task.
pub async fn lock(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Option<TaskRow>> {
    tasks::table
        .find(id)
        .select(TaskRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// Items on `step` that can still act (`new` or `in_progress`).
/// A breached item is still its assignee's to finish.
pub fn is_open(status: &str) -> bool {
    matches!(status, "new" | "in_progress" | "breached")
}

/// Closes an item with `status` and writes its history entry.
pub async fn close_item(
    conn: &mut AsyncPgConnection,
    item: &ItemRow,
    status: &str,
    actor_id: Option<i64>,
    action: &str,
    notes: &str,
) -> QueryResult<()> {
    let now = chrono::Utc::now();
    diesel::update(task_items::table.find(item.id))
        .set((
            task_items::status.eq(status),
            task_items::first_action_at.eq(item.first_action_at.unwrap_or(now)),
            task_items::resolved_at.eq(now),
        ))
        .execute(conn)
        .await?;
    diesel::insert_into(task_item_history::table)
        .values((
            task_item_history::item_id.eq(item.id),
            task_item_history::status.eq(status),
            task_item_history::actor_id.eq(actor_id),
            task_item_history::action.eq(action),
            task_item_history::notes.eq(notes),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn move_to(conn: &mut AsyncPgConnection, task_id: i64, step: &str) -> QueryResult<()> {
    diesel::update(tasks::table.find(task_id))
        .set(tasks::current_step.eq(step))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn complete(conn: &mut AsyncPgConnection, task_id: i64) -> QueryResult<()> {
    end(conn, task_id, "completed").await
}

/// Ends the task in `status` (`completed`, `withdrawn`) now.
async fn end(conn: &mut AsyncPgConnection, task_id: i64, status: &str) -> QueryResult<()> {
    diesel::update(tasks::table.find(task_id))
        .set((
            tasks::status.eq(status),
            tasks::completed_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks a ticket status as sent; `false` if it already was (so it goes out once).
pub async fn mark_status_sent(
    conn: &mut AsyncPgConnection,
    task_id: i64,
    resolved: bool,
) -> QueryResult<bool> {
    let updated = if resolved {
        diesel::update(
            tasks::table
                .find(task_id)
                .filter(tasks::resolved_sent.eq(false)),
        )
        .set(tasks::resolved_sent.eq(true))
        .execute(conn)
        .await?
    } else {
        diesel::update(
            tasks::table
                .find(task_id)
                .filter(tasks::in_progress_sent.eq(false)),
        )
        .set(tasks::in_progress_sent.eq(true))
        .execute(conn)
        .await?
    };
    Ok(updated == 1)
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = task_item_history)]
pub struct HistoryRow {
    pub id: i64,
    pub item_id: i64,
    pub status: String,
    pub actor_id: Option<i64>,
    pub action: String,
    pub notes: String,
    pub at: DateTime<Utc>,
}

pub async fn history(
    conn: &mut AsyncPgConnection,
    item_ids: &[i64],
) -> QueryResult<Vec<HistoryRow>> {
    task_item_history::table
        .filter(task_item_history::item_id.eq_any(item_ids))
        .order(task_item_history::id)
        .select(HistoryRow::as_select())
        .load(conn)
        .await
}

#[derive(Debug, Default)]
pub struct ItemFilter {
    pub assignee: Option<i64>,
    /// `active` (new, in progress) or `done` (anything else), or one item status.
    pub status: Option<String>,
    pub workflow_id: Option<i64>,
    pub priority: Option<String>,
    pub step: Option<String>,
    pub breached: Option<bool>,
}

/// Items with their task, newest first; `before` is the last item id of the previous page.
pub async fn list_items(
    conn: &mut AsyncPgConnection,
    filter: &ItemFilter,
    before: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<(ItemRow, TaskRow)>> {
    let mut query = task_items::table
        .inner_join(tasks::table)
        .select((ItemRow::as_select(), TaskRow::as_select()))
        .into_boxed();
    if let Some(a) = filter.assignee {
        query = query.filter(task_items::assignee_id.eq(a));
    }
    match filter.status.as_deref() {
        Some("active") => {
            query = query.filter(task_items::status.eq_any(["new", "in_progress", "breached"]))
        }
        Some("done") => {
            query = query.filter(task_items::status.ne_all(["new", "in_progress", "breached"]))
        }
        Some(s) => query = query.filter(task_items::status.eq(s.to_string())),
        None => {}
    }
    if let Some(w) = filter.workflow_id {
        query = query.filter(tasks::workflow_id.eq(w));
    }
    if let Some(p) = &filter.priority {
        query = query.filter(tasks::priority.eq(p.clone()));
    }
    if let Some(s) = &filter.step {
        query = query.filter(task_items::step.eq(s.clone()));
    }
    match filter.breached {
        Some(true) => {
            query = query.filter(
                task_items::target_at
                    .lt(diesel::dsl::now)
                    .and(task_items::status.eq_any(["new", "in_progress", "breached"])),
            )
        }
        Some(false) => query = query.filter(task_items::target_at.ge(diesel::dsl::now)),
        None => {}
    }
    if let Some(b) = before {
        query = query.filter(task_items::id.lt(b));
    }
    query
        .order(task_items::id.desc())
        .limit(limit)
        .load(conn)
        .await
}

/// Records the task's first action (once; later calls keep the first time).
pub async fn mark_first_action(conn: &mut AsyncPgConnection, task_id: i64) -> QueryResult<()> {
    diesel::update(
        tasks::table
            .find(task_id)
            .filter(tasks::first_action_at.is_null()),
    )
    .set(tasks::first_action_at.eq(diesel::dsl::now))
    .execute(conn)
    .await?;
    Ok(())
}

/// When someone first acted on the task, if anyone has.
pub async fn first_action_at(
    conn: &mut AsyncPgConnection,
    task_id: i64,
) -> QueryResult<Option<DateTime<Utc>>> {
    tasks::table
        .find(task_id)
        .select(tasks::first_action_at)
        .first(conn)
        .await
}

/// The holder starts work: the item becomes `status` (`in_progress`, or stays `breached`), its
/// first action is recorded, and its history says `in_progress` (`start`).
pub async fn start_item(
    conn: &mut AsyncPgConnection,
    item: &ItemRow,
    status: &str,
    actor_id: i64,
) -> QueryResult<()> {
    diesel::update(task_items::table.find(item.id))
        .set((
            task_items::status.eq(status),
            task_items::first_action_at.eq(item.first_action_at.unwrap_or_else(Utc::now)),
        ))
        .execute(conn)
        .await?;
    diesel::insert_into(task_item_history::table)
        .values((
            task_item_history::item_id.eq(item.id),
            task_item_history::status.eq("in_progress"),
            task_item_history::actor_id.eq(actor_id),
            task_item_history::action.eq("start"),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// An item that took over a breached one (by escalation) carries the breach: it is `breached`
/// from the start, with the breach recorded as already announced, so the SLA sweeper neither
/// announces it again nor escalates it again.
pub async fn carry_breach(conn: &mut AsyncPgConnection, item_id: i64) -> QueryResult<()> {
    use crate::schema::sla_events;
    diesel::update(task_items::table.find(item_id))
        .set(task_items::status.eq("breached"))
        .execute(conn)
        .await?;
    diesel::insert_into(task_item_history::table)
        .values((
            task_item_history::item_id.eq(item_id),
            task_item_history::status.eq("breached"),
            task_item_history::action.eq("sla_breach_carried"),
        ))
        .execute(conn)
        .await?;
    diesel::insert_into(sla_events::table)
        .values((
            sla_events::item_id.eq(item_id),
            sla_events::kind.eq("breach"),
            sla_events::threshold.eq(100i16),
            sla_events::notified.eq(false),
            sla_events::at.eq(diesel::dsl::now),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    Ok(())
}

/// Items with their task in due order: open items first, each group by target then id;
/// `after` is where the previous page ended (see [`crate::domain::work_list::DueCursor`]).
pub async fn list_items_by_due(
    conn: &mut AsyncPgConnection,
    filter: &ItemFilter,
    after: Option<crate::domain::work_list::DueCursor>,
    limit: i64,
) -> QueryResult<Vec<(ItemRow, TaskRow)>> {
    let mut query = task_items::table
        .inner_join(tasks::table)
        .select((ItemRow::as_select(), TaskRow::as_select()))
        .into_boxed();
    if let Some(a) = filter.assignee {
        query = query.filter(task_items::assignee_id.eq(a));
    }
    match filter.status.as_deref() {
        Some("active") => query = query.filter(task_items::is_open.eq(true)),
        Some("done") => query = query.filter(task_items::is_open.eq(false)),
        Some(s) => query = query.filter(task_items::status.eq(s.to_string())),
        None => {}
    }
    if let Some(w) = filter.workflow_id {
        query = query.filter(tasks::workflow_id.eq(w));
    }
    if let Some(p) = &filter.priority {
        query = query.filter(tasks::priority.eq(p.clone()));
    }
    if let Some(s) = &filter.step {
        query = query.filter(task_items::step.eq(s.clone()));
    }
    match filter.breached {
        Some(true) => {
            query = query.filter(
                task_items::target_at
                    .lt(diesel::dsl::now)
                    .and(task_items::is_open.eq(true)),
            )
        }
        Some(false) => query = query.filter(task_items::target_at.ge(diesel::dsl::now)),
        None => {}
    }
    if let Some(c) = after {
        let later_in_group = task_items::is_open.eq(c.open).and(
            task_items::target_at
                .gt(c.target_at)
                .or(task_items::target_at
                    .eq(c.target_at)
                    .and(task_items::id.gt(c.id))),
        );
        query = if c.open {
            query.filter(later_in_group.or(task_items::is_open.eq(false)))
        } else {
            query.filter(later_in_group)
        };
    }
    query
        .order((
            task_items::is_open.desc(),
            task_items::target_at.asc(),
            task_items::id.asc(),
        ))
        .limit(limit)
        .load(conn)
        .await
}

/// Sets a running task's priority and its SLA target (a priority change re-targets it).
pub async fn set_priority_target(
    conn: &mut AsyncPgConnection,
    task_id: i64,
    priority: &str,
    target_at: DateTime<Utc>,
    allowance_seconds: i64,
) -> QueryResult<()> {
    diesel::update(tasks::table.find(task_id))
        .set((
            tasks::priority.eq(priority),
            tasks::target_at.eq(target_at),
            tasks::allowance_seconds.eq(allowance_seconds),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Sets an item's SLA target and the working time it grants.
pub async fn set_item_target(
    conn: &mut AsyncPgConnection,
    item_id: i64,
    target_at: DateTime<Utc>,
    allowance_seconds: i64,
) -> QueryResult<()> {
    diesel::update(task_items::table.find(item_id))
        .set((
            task_items::target_at.eq(target_at),
            task_items::allowance_seconds.eq(allowance_seconds),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Writes a history entry for an item without changing its status (e.g. `priority_changed`).
pub async fn add_history(
    conn: &mut AsyncPgConnection,
    item: &ItemRow,
    actor_id: Option<i64>,
    action: &str,
    notes: &str,
) -> QueryResult<()> {
    diesel::insert_into(task_item_history::table)
        .values((
            task_item_history::item_id.eq(item.id),
            task_item_history::status.eq(&item.status),
            task_item_history::actor_id.eq(actor_id),
            task_item_history::action.eq(action),
            task_item_history::notes.eq(notes),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// The status (`On Hold` or `Pending`) of the task's open pause, if its clock stands still.
pub async fn open_pause(conn: &mut AsyncPgConnection, task_id: i64) -> QueryResult<Option<String>> {
    use crate::schema::task_pauses;
    task_pauses::table
        .filter(task_pauses::task_id.eq(task_id))
        .filter(task_pauses::ended_at.is_null())
        .select(task_pauses::status)
        .first(conn)
        .await
        .optional()
}

/// Renames the open pause (`On Hold` ↔ `Pending`): the clock keeps standing still.
pub async fn set_pause_status(
    conn: &mut AsyncPgConnection,
    task_id: i64,
    status: &str,
) -> QueryResult<()> {
    use crate::schema::task_pauses;
    diesel::update(
        task_pauses::table
            .filter(task_pauses::task_id.eq(task_id))
            .filter(task_pauses::ended_at.is_null()),
    )
    .set(task_pauses::status.eq(status))
    .execute(conn)
    .await?;
    Ok(())
}

/// Ends the task as `withdrawn` (the requester withdrew the ticket).
pub async fn withdraw(conn: &mut AsyncPgConnection, task_id: i64) -> QueryResult<()> {
    end(conn, task_id, "withdrawn").await
}

/// Records the first public reply by staff at `at`; `false` if one was recorded already.
pub async fn record_first_response(
    conn: &mut AsyncPgConnection,
    task_id: i64,
    at: DateTime<Utc>,
) -> QueryResult<bool> {
    let updated = diesel::update(
        tasks::table
            .find(task_id)
            .filter(tasks::first_response_at.is_null()),
    )
    .set(tasks::first_response_at.eq(at))
    .execute(conn)
    .await?;
    Ok(updated == 1)
}

/// When staff first replied publicly on the task's ticket, if they have.
pub async fn first_response_at(
    conn: &mut AsyncPgConnection,
    task_id: i64,
) -> QueryResult<Option<DateTime<Utc>>> {
    tasks::table
        .find(task_id)
        .select(tasks::first_response_at)
        .first(conn)
        .await
}

/// Closes an open item as `withdrawn` (history `withdrawn`, no actor); its first action stays
/// as it was (a withdrawal is nobody's work on it).
pub async fn withdraw_item(conn: &mut AsyncPgConnection, item: &ItemRow) -> QueryResult<()> {
    diesel::update(task_items::table.find(item.id))
        .set((
            task_items::status.eq("withdrawn"),
            task_items::resolved_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .await?;
    diesel::insert_into(task_item_history::table)
        .values((
            task_item_history::item_id.eq(item.id),
            task_item_history::status.eq("withdrawn"),
            task_item_history::action.eq("withdrawn"),
            task_item_history::notes.eq("the requester withdrew the ticket"),
        ))
        .execute(conn)
        .await?;
    Ok(())
}
