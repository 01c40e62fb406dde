//! Queries. Each function takes `&mut AsyncPgConnection`, so callers compose them inside one
//! transaction.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::Value;
use uuid::Uuid;

use crate::audit::AuditEvent;
use crate::domain::access::{Person, Visibility};
use crate::schema::{
    audit_events, comment_attachments, comments, presence, ratings, thread_events, threads,
};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = threads)]
pub struct ThreadRow {
    pub ticket_number: String,
    pub requester_id: Option<i64>,
    pub requester_type: Option<String>,
    pub last_seq: i64,
}

impl ThreadRow {
    pub fn requester(&self) -> Option<Person> {
        Some(Person {
            user_type: self.requester_type.as_deref()?.parse().ok()?,
            user_id: self.requester_id?,
        })
    }
}

pub async fn thread(conn: &mut AsyncPgConnection, number: &str) -> QueryResult<Option<ThreadRow>> {
    threads::table
        .find(number)
        .select(ThreadRow::as_select())
        .first(conn)
        .await
        .optional()
}

/// Creates the thread if it is new; records the requester when it is known and was not.
pub async fn ensure_thread(
    conn: &mut AsyncPgConnection,
    number: &str,
    requester: Option<Person>,
) -> QueryResult<()> {
    diesel::insert_into(threads::table)
        .values((
            threads::ticket_number.eq(number),
            threads::requester_id.eq(requester.map(|p| p.user_id)),
            threads::requester_type.eq(requester.map(|p| p.user_type.as_str())),
        ))
        .on_conflict(threads::ticket_number)
        .do_nothing()
        .execute(conn)
        .await?;
    if let Some(p) = requester {
        diesel::update(
            threads::table
                .find(number)
                .filter(threads::requester_id.is_null()),
        )
        .set((
            threads::requester_id.eq(p.user_id),
            threads::requester_type.eq(p.user_type.as_str()),
        ))
        .execute(conn)
        .await?;
    }
    Ok(())
}

/// Takes the thread's next sequence number. The row stays locked until commit, so the events of
/// one ticket commit in sequence order.
pub async fn next_seq(conn: &mut AsyncPgConnection, number: &str) -> QueryResult<i64> {
    diesel::update(threads::table.find(number))
        .set(threads::last_seq.eq(threads::last_seq + 1))
        .returning(threads::last_seq)
        .get_result(conn)
        .await
}

pub async fn record_event(
    conn: &mut AsyncPgConnection,
    number: &str,
    seq: i64,
    visibility: Visibility,
    event: &Value,
) -> QueryResult<()> {
    diesel::insert_into(thread_events::table)
        .values((
            thread_events::ticket_number.eq(number),
            thread_events::seq.eq(seq),
            thread_events::visibility.eq(visibility.as_str()),
            thread_events::event.eq(event),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Events after `after`, oldest first; internal ones left out when `public_only`.
pub async fn events_after(
    conn: &mut AsyncPgConnection,
    number: &str,
    after: i64,
    up_to: Option<i64>,
    public_only: bool,
    limit: i64,
) -> QueryResult<Vec<(i64, Value)>> {
    let mut query = thread_events::table
        .filter(thread_events::ticket_number.eq(number))
        .filter(thread_events::seq.gt(after))
        .select((thread_events::seq, thread_events::event))
        .order(thread_events::seq.asc())
        .limit(limit)
        .into_boxed();
    if let Some(last) = up_to {
        query = query.filter(thread_events::seq.le(last));
    }
    if public_only {
        query = query.filter(thread_events::visibility.eq(Visibility::Public.as_str()));
    }
    query.load(conn).await
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = comments)]
pub struct CommentRow {
    pub id: i64,
    pub ticket_number: String,
    pub parent_id: Option<i64>,
    pub author_id: i64,
    pub author_type: String,
    pub author_name: String,
    pub author_role: String,
    pub body: String,
    pub visibility: String,
    pub mentions: Vec<i64>,
    pub thumbs_up: i32,
    pub thumbs_down: i32,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
}

impl CommentRow {
    pub fn visibility(&self) -> Visibility {
        Visibility::parse(&self.visibility).unwrap_or(Visibility::Internal)
    }

    pub fn author(&self) -> Option<Person> {
        Some(Person {
            user_type: self.author_type.parse().ok()?,
            user_id: self.author_id,
        })
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = comments)]
pub struct NewComment<'a> {
    pub ticket_number: &'a str,
    pub parent_id: Option<i64>,
    pub author_id: i64,
    pub author_type: &'a str,
    pub author_name: &'a str,
    pub author_role: &'a str,
    pub body: &'a str,
    pub visibility: &'a str,
    pub mentions: &'a [i64],
}

pub async fn insert_comment(
    conn: &mut AsyncPgConnection,
    c: &NewComment<'_>,
) -> QueryResult<CommentRow> {
    diesel::insert_into(comments::table)
        .values(c)
        .returning(CommentRow::as_returning())
        .get_result(conn)
        .await
}

pub async fn comment(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Option<CommentRow>> {
    comments::table
        .find(id)
        .select(CommentRow::as_select())
        .first(conn)
        .await
        .optional()
}

/// The comment, locked until commit: edits, deletions and ratings of one comment take turns.
pub async fn comment_for_update(
    conn: &mut AsyncPgConnection,
    id: i64,
) -> QueryResult<Option<CommentRow>> {
    comments::table
        .find(id)
        .select(CommentRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

pub async fn edit_comment(
    conn: &mut AsyncPgConnection,
    id: i64,
    body: &str,
    mentions: &[i64],
) -> QueryResult<CommentRow> {
    diesel::update(comments::table.find(id))
        .set((
            comments::body.eq(body),
            comments::mentions.eq(mentions),
            comments::edited_at.eq(diesel::dsl::now),
        ))
        .returning(CommentRow::as_returning())
        .get_result(conn)
        .await
}

/// Soft delete: the row stays so replies keep their place; the body is wiped.
pub async fn delete_comment(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<CommentRow> {
    diesel::update(comments::table.find(id))
        .set((
            comments::body.eq(""),
            comments::mentions.eq(Vec::<i64>::new()),
            comments::deleted_at.eq(diesel::dsl::now),
        ))
        .returning(CommentRow::as_returning())
        .get_result(conn)
        .await
}

/// Sets or removes `who`'s rating and recounts. The caller holds the comment's row lock, so the
/// counts always equal the stored ratings.
pub async fn rate(
    conn: &mut AsyncPgConnection,
    comment_id: i64,
    who: Person,
    rating: Option<&str>,
) -> QueryResult<(i32, i32)> {
    let mine = ratings::table
        .filter(ratings::comment_id.eq(comment_id))
        .filter(ratings::user_type.eq(who.user_type.as_str()))
        .filter(ratings::user_id.eq(who.user_id));
    match rating {
        None => {
            diesel::delete(mine).execute(conn).await?;
        }
        Some(value) => {
            diesel::insert_into(ratings::table)
                .values((
                    ratings::comment_id.eq(comment_id),
                    ratings::user_type.eq(who.user_type.as_str()),
                    ratings::user_id.eq(who.user_id),
                    ratings::rating.eq(value),
                ))
                .on_conflict((ratings::comment_id, ratings::user_type, ratings::user_id))
                .do_update()
                .set((
                    ratings::rating.eq(excluded(ratings::rating)),
                    ratings::rated_at.eq(diesel::dsl::now),
                ))
                .execute(conn)
                .await?;
        }
    }
    let counts: Vec<(String, i64)> = ratings::table
        .filter(ratings::comment_id.eq(comment_id))
        .group_by(ratings::rating)
        .select((ratings::rating, diesel::dsl::count_star()))
        .load(conn)
        .await?;
    let count = |kind: &str| {
        counts
            .iter()
            .find(|(r, _)| r == kind)
            .map(|(_, n)| *n as i32)
            .unwrap_or(0)
    };
    let (up, down) = (count("up"), count("down"));
    diesel::update(comments::table.find(comment_id))
        .set((comments::thumbs_up.eq(up), comments::thumbs_down.eq(down)))
        .execute(conn)
        .await?;
    Ok((up, down))
}

/// `who`'s rating of each of `ids` that they rated.
pub async fn ratings_by(
    conn: &mut AsyncPgConnection,
    ids: &[i64],
    who: Person,
) -> QueryResult<Vec<(i64, String)>> {
    ratings::table
        .filter(ratings::comment_id.eq_any(ids))
        .filter(ratings::user_type.eq(who.user_type.as_str()))
        .filter(ratings::user_id.eq(who.user_id))
        .select((ratings::comment_id, ratings::rating))
        .load(conn)
        .await
}

/// Top-level comments after `cursor`, oldest first.
pub async fn top_level(
    conn: &mut AsyncPgConnection,
    number: &str,
    public_only: bool,
    cursor: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<CommentRow>> {
    let mut query = comments::table
        .filter(comments::ticket_number.eq(number))
        .filter(comments::parent_id.is_null())
        .select(CommentRow::as_select())
        .order(comments::id.asc())
        .limit(limit)
        .into_boxed();
    if public_only {
        query = query.filter(comments::visibility.eq(Visibility::Public.as_str()));
    }
    if let Some(c) = cursor {
        query = query.filter(comments::id.gt(c));
    }
    query.load(conn).await
}

/// Replies to any of `parents`, oldest first.
pub async fn replies(
    conn: &mut AsyncPgConnection,
    parents: &[i64],
    public_only: bool,
) -> QueryResult<Vec<CommentRow>> {
    let mut query = comments::table
        .filter(comments::parent_id.eq_any(parents))
        .select(CommentRow::as_select())
        .order(comments::id.asc())
        .into_boxed();
    if public_only {
        query = query.filter(comments::visibility.eq(Visibility::Public.as_str()));
    }
    query.load(conn).await
}

/// Everyone who has written on the thread (deleted comments count: their authors took part).
pub async fn participants(conn: &mut AsyncPgConnection, number: &str) -> QueryResult<Vec<Person>> {
    let rows: Vec<(String, i64)> = comments::table
        .filter(comments::ticket_number.eq(number))
        .select((comments::author_type, comments::author_id))
        .distinct()
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(t, id)| {
            Some(Person {
                user_type: t.parse().ok()?,
                user_id: id,
            })
        })
        .collect())
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = comment_attachments)]
pub struct AttachmentRow {
    pub id: i64,
    pub comment_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
}

pub struct NewAttachment<'a> {
    pub comment_id: i64,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub uploaded_by: Person,
}

pub async fn insert_attachment(
    conn: &mut AsyncPgConnection,
    a: &NewAttachment<'_>,
) -> QueryResult<AttachmentRow> {
    diesel::insert_into(comment_attachments::table)
        .values((
            comment_attachments::comment_id.eq(a.comment_id),
            comment_attachments::file_name.eq(a.file_name),
            comment_attachments::content_type.eq(a.content_type),
            comment_attachments::size_bytes.eq(a.size_bytes),
            comment_attachments::sha256.eq(a.sha256),
            comment_attachments::uploaded_by_id.eq(a.uploaded_by.user_id),
            comment_attachments::uploaded_by_type.eq(a.uploaded_by.user_type.as_str()),
        ))
        .returning(AttachmentRow::as_returning())
        .get_result(conn)
        .await
}

pub async fn attachments_of(
    conn: &mut AsyncPgConnection,
    comment_ids: &[i64],
) -> QueryResult<Vec<AttachmentRow>> {
    comment_attachments::table
        .filter(comment_attachments::comment_id.eq_any(comment_ids))
        .select(AttachmentRow::as_select())
        .order(comment_attachments::id.asc())
        .load(conn)
        .await
}

pub async fn attachment(
    conn: &mut AsyncPgConnection,
    id: i64,
) -> QueryResult<Option<AttachmentRow>> {
    comment_attachments::table
        .find(id)
        .select(AttachmentRow::as_select())
        .first(conn)
        .await
        .optional()
}

/// One more socket of `who` on the thread from this instance.
pub async fn presence_join(
    conn: &mut AsyncPgConnection,
    number: &str,
    instance: Uuid,
    who: Person,
    name: &str,
) -> QueryResult<()> {
    diesel::insert_into(presence::table)
        .values((
            presence::ticket_number.eq(number),
            presence::instance_id.eq(instance),
            presence::user_type.eq(who.user_type.as_str()),
            presence::user_id.eq(who.user_id),
            presence::name.eq(name),
        ))
        .on_conflict((
            presence::ticket_number,
            presence::instance_id,
            presence::user_type,
            presence::user_id,
        ))
        .do_update()
        .set((
            presence::sockets.eq(presence::sockets + 1),
            presence::seen_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// One socket fewer; the row goes with the last one.
pub async fn presence_leave(
    conn: &mut AsyncPgConnection,
    number: &str,
    instance: Uuid,
    who: Person,
) -> QueryResult<()> {
    let row = presence::table
        .filter(presence::ticket_number.eq(number))
        .filter(presence::instance_id.eq(instance))
        .filter(presence::user_type.eq(who.user_type.as_str()))
        .filter(presence::user_id.eq(who.user_id));
    diesel::update(row)
        .set(presence::sockets.eq(presence::sockets - 1))
        .execute(conn)
        .await?;
    diesel::delete(row.filter(presence::sockets.le(0)))
        .execute(conn)
        .await?;
    Ok(())
}

/// Keeps this instance's rows fresh; rows of an instance that stopped without cleaning up age out.
pub async fn presence_refresh(conn: &mut AsyncPgConnection, instance: Uuid) -> QueryResult<()> {
    diesel::update(presence::table.filter(presence::instance_id.eq(instance)))
        .set(presence::seen_at.eq(diesel::dsl::now))
        .execute(conn)
        .await?;
    Ok(())
}

/// Who is on the thread now: (user type, user id, name), each once.
pub async fn present(
    conn: &mut AsyncPgConnection,
    number: &str,
    fresh_after: DateTime<Utc>,
) -> QueryResult<Vec<(String, i64, String)>> {
    presence::table
        .filter(presence::ticket_number.eq(number))
        .filter(presence::seen_at.gt(fresh_after))
        .select((presence::user_type, presence::user_id, presence::name))
        .distinct()
        .order((presence::user_type, presence::user_id))
        .load(conn)
        .await
}

#[derive(Debug, Insertable)]
#[diesel(table_name = audit_events)]
pub struct NewAuditEvent<'a> {
    pub actor_type: &'a str,
    pub actor_id: i64,
    pub actor_name: &'a str,
    pub action: &'a str,
    pub target_type: &'a str,
    pub target_id: &'a str,
    pub ticket_number: &'a str,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub request_id: Option<String>,
}

pub async fn insert_audit_event(
    conn: &mut AsyncPgConnection,
    event: &NewAuditEvent<'_>,
) -> QueryResult<()> {
    diesel::insert_into(audit_events::table)
        .values(event)
        .execute(conn)
        .await?;
    Ok(())
}

/// Which audit events to list; every filter given must hold.
#[derive(Debug, Default)]
pub struct AuditFilter {
    pub actor: Option<i64>,
    pub actor_type: Option<String>,
    pub action: Option<String>,
    /// A comment id.
    pub target: Option<String>,
    pub ticket: Option<String>,
    /// At or after.
    pub from: Option<DateTime<Utc>>,
    /// Before.
    pub to: Option<DateTime<Utc>>,
}

/// Audit events matching `filter`, newest first, older than the event `before` when given.
pub async fn audit_events(
    conn: &mut AsyncPgConnection,
    filter: &AuditFilter,
    before: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<AuditEvent>> {
    let mut query = audit_events::table
        .select(AuditEvent::as_select())
        .order(audit_events::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(v) = filter.actor {
        query = query.filter(audit_events::actor_id.eq(v));
    }
    if let Some(v) = &filter.actor_type {
        query = query.filter(audit_events::actor_type.eq(v.clone()));
    }
    if let Some(v) = &filter.action {
        query = query.filter(audit_events::action.eq(v.clone()));
    }
    if let Some(v) = &filter.target {
        query = query.filter(audit_events::target_id.eq(v.clone()));
    }
    if let Some(v) = &filter.ticket {
        query = query.filter(audit_events::ticket_number.eq(v.clone()));
    }
    if let Some(v) = filter.from {
        query = query.filter(audit_events::at.ge(v));
    }
    if let Some(v) = filter.to {
        query = query.filter(audit_events::at.lt(v));
    }
    if let Some(v) = before {
        query = query.filter(audit_events::id.lt(v));
    }
    query.load(conn).await
}
