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
