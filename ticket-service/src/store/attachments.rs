//! Attachment records (the bytes are in the content-addressed store, see `crate::files`).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use crate::schema::attachments;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = attachments)]
pub struct AttachmentRow {
    pub id: i64,
    pub ticket_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by_id: i64,
    pub uploaded_by_type: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = attachments)]
pub struct NewAttachment<'a> {
    pub ticket_id: i64,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub uploaded_by_id: i64,
    pub uploaded_by_type: &'a str,
}

pub async fn insert(
    conn: &mut AsyncPgConnection,
    new: &NewAttachment<'_>,
) -> QueryResult<AttachmentRow> {
    diesel::insert_into(attachments::table)
        .values(new)
        .returning(AttachmentRow::as_returning())
        .get_result(conn)
        .await
}

pub async fn for_ticket(
    conn: &mut AsyncPgConnection,
    ticket_id: i64,
) -> QueryResult<Vec<AttachmentRow>> {
    attachments::table
        .filter(attachments::ticket_id.eq(ticket_id))
        .order(attachments::id)
        .select(AttachmentRow::as_select())
        .load(conn)
        .await
}

/// Attachments of several tickets at once (one query for a whole page).
pub async fn for_tickets(
    conn: &mut AsyncPgConnection,
    ticket_ids: &[i64],
) -> QueryResult<Vec<AttachmentRow>> {
    attachments::table
        .filter(attachments::ticket_id.eq_any(ticket_ids))
        .order(attachments::id)
        .select(AttachmentRow::as_select())
        .load(conn)
        .await
}

pub async fn find(
    conn: &mut AsyncPgConnection,
    ticket_id: i64,
    id: i64,
) -> QueryResult<Option<AttachmentRow>> {
    attachments::table
        .filter(attachments::ticket_id.eq(ticket_id))
        .filter(attachments::id.eq(id))
        .select(AttachmentRow::as_select())
        .first(conn)
        .await
        .optional()
}
