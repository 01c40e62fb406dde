//! Ticket snapshots: the latest of what the ticket service or a helpdesk sent.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::Value;

use crate::schema::{tasks, tickets};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = tickets)]
pub struct TicketRow {
    pub ticket_number: String,
    pub subject: String,
    pub department: Option<String>,
    pub category: Option<String>,
    pub sub_category: Option<String>,
    pub priority: String,
    pub status: String,
    pub payload: Value,
    pub workflow_id: Option<i64>,
    pub received_count: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = tickets)]
pub struct Snapshot {
    pub ticket_number: String,
    pub subject: String,
    pub department: Option<String>,
    pub category: Option<String>,
    pub sub_category: Option<String>,
    pub priority: String,
    pub status: String,
    pub payload: Value,
}

/// Inserts or refreshes the snapshot; the row stays locked for the caller's transaction, so two
/// deliveries of the same ticket are handled one after the other.
pub async fn upsert(conn: &mut AsyncPgConnection, s: &Snapshot) -> QueryResult<TicketRow> {
    diesel::insert_into(tickets::table)
        .values(s)
        .on_conflict(tickets::ticket_number)
        .do_update()
        .set((
            tickets::subject.eq(excluded(tickets::subject)),
            tickets::department.eq(excluded(tickets::department)),
            tickets::category.eq(excluded(tickets::category)),
            tickets::sub_category.eq(excluded(tickets::sub_category)),
            tickets::priority.eq(excluded(tickets::priority)),
            tickets::status.eq(excluded(tickets::status)),
            tickets::payload.eq(excluded(tickets::payload)),
            tickets::received_count.eq(tickets::received_count + 1),
            tickets::updated_at.eq(diesel::dsl::now),
        ))
        .returning(TicketRow::as_returning())
        .get_result(conn)
        .await
}

pub async fn find(conn: &mut AsyncPgConnection, number: &str) -> QueryResult<Option<TicketRow>> {
    tickets::table
        .find(number)
        .select(TicketRow::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    number: &str,
) -> QueryResult<Option<TicketRow>> {
    tickets::table
        .find(number)
        .select(TicketRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

pub async fn set_workflow(
    conn: &mut AsyncPgConnection,
    number: &str,
    workflow_id: i64,
) -> QueryResult<()> {
    diesel::update(tickets::table.find(number))
        .set(tickets::workflow_id.eq(workflow_id))
        .execute(conn)
        .await?;
    Ok(())
}

/// Tickets waiting for a workflow, oldest first, locked (skipping ones another transaction holds).
pub async fn waiting_for_update(
    conn: &mut AsyncPgConnection,
    limit: i64,
) -> QueryResult<Vec<TicketRow>> {
    tickets::table
        .filter(tickets::workflow_id.is_null())
        .order(tickets::created_at)
        .limit(limit)
        .select(TicketRow::as_select())
        .for_update()
        .skip_locked()
        .load(conn)
        .await
}

/// `allocated`: Some(false) only tickets still waiting, Some(true) only allocated ones.
pub async fn list(
    conn: &mut AsyncPgConnection,
    allocated: Option<bool>,
    limit: i64,
    before: Option<String>,
) -> QueryResult<Vec<TicketRow>> {
    let mut query = tickets::table.select(TicketRow::as_select()).into_boxed();
    match allocated {
        Some(true) => query = query.filter(tickets::workflow_id.is_not_null()),
        Some(false) => query = query.filter(tickets::workflow_id.is_null()),
        None => {}
    }
    if let Some(before) = before {
        query = query.filter(tickets::ticket_number.lt(before));
    }
    query
        .order(tickets::ticket_number.desc())
        .limit(limit)
        .load(conn)
        .await
}

pub async fn has_task(conn: &mut AsyncPgConnection, number: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        tasks::table.filter(tasks::ticket_number.eq(number)),
    ))
    .get_result(conn)
    .await
}

/// Sets the snapshot's status to one the workflow engine gave the ticket (`On Hold`, `Pending`,
/// `In Progress`), so lists show it before the ticket service re-sends the ticket.
pub async fn set_status(
    conn: &mut AsyncPgConnection,
    number: &str,
    status: &str,
) -> QueryResult<()> {
    diesel::update(tickets::table.find(number))
        .set(tickets::status.eq(status))
        .execute(conn)
        .await?;
    Ok(())
}
