//! Tickets.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::Value;

use crate::schema::tickets;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = tickets)]
pub struct TicketRow {
    pub id: i64,
    pub ticket_number: String,
    pub subject: String,
    pub description: String,
    pub category: Option<String>,
    pub sub_category: Option<String>,
    pub department: Option<String>,
    pub priority: String,
    pub status: String,
    pub requester_id: Option<i64>,
    pub requester_type: Option<String>,
    pub requester_email: Option<String>,
    pub requester_name: Option<String>,
    pub data: Value,
    pub source: String,
    pub helpdesk_extra: Value,
    pub handoff_fingerprint: Option<String>,
    pub handed_off_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = tickets)]
pub struct TicketFields {
    pub subject: String,
    pub description: String,
    pub category: Option<String>,
    pub sub_category: Option<String>,
    pub department: Option<String>,
    pub priority: String,
    pub status: String,
    pub requester_id: Option<i64>,
    pub requester_type: Option<String>,
    pub requester_email: Option<String>,
    pub requester_name: Option<String>,
    pub data: Value,
    pub helpdesk_extra: Value,
}

#[derive(QueryableByName)]
struct Sequence {
    #[diesel(sql_type = BigInt)]
    value: i64,
}

/// The next value of the 6-digit counter.
pub async fn next_sequence(conn: &mut AsyncPgConnection) -> QueryResult<i64> {
    diesel::sql_query("SELECT nextval('ticket_number_seq') AS value")
        .get_result::<Sequence>(conn)
        .await
        .map(|s| s.value)
}

/// Inserts a ticket; `Ok(None)` when the number is already taken.
pub async fn insert(
    conn: &mut AsyncPgConnection,
    number: &str,
    source: &str,
    fields: &TicketFields,
) -> QueryResult<Option<TicketRow>> {
    diesel::insert_into(tickets::table)
        .values((
            tickets::ticket_number.eq(number),
            tickets::source.eq(source),
            fields,
        ))
        .on_conflict(tickets::ticket_number)
        .do_nothing()
        .returning(TicketRow::as_returning())
        .get_result(conn)
        .await
        .optional()
}

pub async fn find(conn: &mut AsyncPgConnection, number: &str) -> QueryResult<Option<TicketRow>> {
    tickets::table
        .filter(tickets::ticket_number.eq(number))
        .select(TicketRow::as_select())
        .first(conn)
        .await
        .optional()
}

/// Locks the ticket row for the rest of the transaction.
pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    number: &str,
) -> QueryResult<Option<TicketRow>> {
    tickets::table
        .filter(tickets::ticket_number.eq(number))
        .select(TicketRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// Writes new field values and bumps the version.
pub async fn update(
    conn: &mut AsyncPgConnection,
    id: i64,
    fields: &TicketFields,
) -> QueryResult<TicketRow> {
    diesel::update(tickets::table.find(id))
        .set((
            fields,
            tickets::version.eq(tickets::version + 1),
            tickets::updated_at.eq(diesel::dsl::now),
        ))
        .returning(TicketRow::as_returning())
        .get_result(conn)
        .await
}

pub async fn set_status(
    conn: &mut AsyncPgConnection,
    id: i64,
    status: &str,
) -> QueryResult<TicketRow> {
    diesel::update(tickets::table.find(id))
        .set((
            tickets::status.eq(status),
            tickets::version.eq(tickets::version + 1),
            tickets::updated_at.eq(diesel::dsl::now),
        ))
        .returning(TicketRow::as_returning())
        .get_result(conn)
        .await
}

pub async fn mark_handed_off(
    conn: &mut AsyncPgConnection,
    id: i64,
    fingerprint: &str,
) -> QueryResult<()> {
    diesel::update(tickets::table.find(id))
        .set((
            tickets::handoff_fingerprint.eq(fingerprint),
            tickets::handed_off_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Who may see which tickets.
#[derive(Debug, Clone, Copy)]
pub enum Visibility {
    All,
    Requester { id: i64, user_type: &'static str },
}

#[derive(Debug, Default, Clone)]
pub struct ListFilter {
    pub status: Option<String>,
    pub priority: Option<String>,
    pub department: Option<String>,
    pub category: Option<String>,
    pub requester_id: Option<i64>,
    pub requester_type: Option<String>,
    pub q: Option<String>,
}

/// Newest first; `before` is the id of the last ticket of the previous page.
pub async fn list(
    conn: &mut AsyncPgConnection,
    visibility: Visibility,
    filter: &ListFilter,
    before: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<TicketRow>> {
    let mut query = tickets::table.select(TicketRow::as_select()).into_boxed();
    if let Visibility::Requester { id, user_type } = visibility {
        query = query
            .filter(tickets::requester_id.eq(id))
            .filter(tickets::requester_type.eq(user_type));
    }
    if let Some(v) = &filter.status {
        query = query.filter(tickets::status.eq(v.clone()));
    }
    if let Some(v) = &filter.priority {
        query = query.filter(tickets::priority.eq(v.clone()));
    }
    if let Some(v) = &filter.department {
        query = query.filter(tickets::department.eq(v.clone()));
    }
    if let Some(v) = &filter.category {
        query = query.filter(tickets::category.eq(v.clone()));
    }
    if let Some(v) = filter.requester_id {
        query = query.filter(tickets::requester_id.eq(v));
    }
    if let Some(v) = &filter.requester_type {
        query = query.filter(tickets::requester_type.eq(v.clone()));
    }
    if let Some(q) = &filter.q {
        let pattern = format!("%{}%", escape_like(q));
        query = query.filter(
            tickets::subject
                .ilike(pattern.clone())
                .or(tickets::description.ilike(pattern.clone()))
                .or(tickets::ticket_number.ilike(pattern)),
        );
    }
    if let Some(before) = before {
        query = query.filter(tickets::id.lt(before));
    }
    query
        .order(tickets::id.desc())
        .limit(limit)
        .load(conn)
        .await
}

/// `%`, `_` and `\` in a search are literal characters, not patterns.
fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
