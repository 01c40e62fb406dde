//! Queries. Each function takes `&mut AsyncPgConnection`, so callers compose them inside one
//! transaction.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::schema::{email_log, notifications, preferences, user_directory};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = user_directory)]
pub struct DirectoryEntry {
    pub user_id: i64,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub is_active: bool,
    pub updated_at: DateTime<Utc>,
}

pub async fn upsert_user(
    conn: &mut AsyncPgConnection,
    user_id: i64,
    email: &str,
    first: &str,
    last: &str,
    active: bool,
) -> QueryResult<()> {
    diesel::insert_into(user_directory::table)
        .values((
            user_directory::user_id.eq(user_id),
            user_directory::email.eq(email),
            user_directory::first_name.eq(first),
            user_directory::last_name.eq(last),
            user_directory::is_active.eq(active),
        ))
        .on_conflict(user_directory::user_id)
        .do_update()
        .set((
            user_directory::email.eq(excluded(user_directory::email)),
            user_directory::first_name.eq(excluded(user_directory::first_name)),
            user_directory::last_name.eq(excluded(user_directory::last_name)),
            user_directory::is_active.eq(excluded(user_directory::is_active)),
            user_directory::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_user(conn: &mut AsyncPgConnection, user_id: i64) -> QueryResult<usize> {
    diesel::delete(user_directory::table.find(user_id))
        .execute(conn)
        .await
}

pub async fn user(
    conn: &mut AsyncPgConnection,
    user_id: i64,
) -> QueryResult<Option<DirectoryEntry>> {
    user_directory::table
        .find(user_id)
        .select(DirectoryEntry::as_select())
        .first(conn)
        .await
        .optional()
}

/// An in-app notification.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = notifications)]
#[schema(example = json!(crate::examples::notification()))]
pub struct Notification {
    pub id: i64,
    /// Whose: user id and user type together (staff 7 is not employee 7).
    pub user_id: i64,
    #[schema(value_type = tts_shared::auth::UserType)]
    pub user_type: String,
    #[schema(value_type = crate::routes::NotificationType)]
    pub notification_type: String,
    pub subject: String,
    pub message: String,
    pub related_ticket_number: Option<String>,
    /// What the notification is about, from the message that caused it (e.g. `task_id`).
    #[schema(value_type = Object)]
    pub metadata: Value,
    pub is_read: bool,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = notifications)]
pub struct NewNotification<'a> {
    pub user_id: i64,
    pub user_type: &'a str,
    pub notification_type: &'a str,
    pub subject: &'a str,
    pub message: &'a str,
    pub related_ticket_number: Option<&'a str>,
    pub metadata: &'a Value,
}

pub async fn insert(
    conn: &mut AsyncPgConnection,
    n: &NewNotification<'_>,
) -> QueryResult<Notification> {
    diesel::insert_into(notifications::table)
        .values(n)
        .returning(Notification::as_returning())
        .get_result(conn)
        .await
}

/// Whose notifications: the pair (user type, user id).
pub type Owner<'a> = (&'a str, i64);

#[derive(Debug, Default)]
pub struct Filter {
    pub unread: Option<bool>,
    pub notification_type: Option<String>,
    pub ticket: Option<String>,
}

pub async fn list(
    conn: &mut AsyncPgConnection,
    owner: Owner<'_>,
    filter: &Filter,
    before: Option<i64>,
    after: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<Notification>> {
    let mut query = notifications::table
        .filter(notifications::user_type.eq(owner.0))
        .filter(notifications::user_id.eq(owner.1))
        .select(Notification::as_select())
        .into_boxed();
    if let Some(unread) = filter.unread {
        query = query.filter(notifications::is_read.eq(!unread));
    }
    if let Some(t) = &filter.notification_type {
        query = query.filter(notifications::notification_type.eq(t.clone()));
    }
    if let Some(t) = &filter.ticket {
        query = query.filter(notifications::related_ticket_number.eq(t.clone()));
    }
    if let Some(b) = before {
        query = query.filter(notifications::id.lt(b));
    }
    match after {
        // Catching up (a reconnecting socket): oldest first.
        Some(a) => {
            query
                .filter(notifications::id.gt(a))
                .order(notifications::id.asc())
                .limit(limit)
                .load(conn)
                .await
        }
        None => {
            query
                .order(notifications::id.desc())
                .limit(limit)
                .load(conn)
                .await
        }
    }
}

/// The owner's newest notification id.
pub async fn latest_id(conn: &mut AsyncPgConnection, owner: Owner<'_>) -> QueryResult<Option<i64>> {
    notifications::table
        .filter(notifications::user_type.eq(owner.0))
        .filter(notifications::user_id.eq(owner.1))
        .select(diesel::dsl::max(notifications::id))
        .first(conn)
        .await
}

pub async fn unread_count(conn: &mut AsyncPgConnection, owner: Owner<'_>) -> QueryResult<i64> {
    notifications::table
        .filter(notifications::user_type.eq(owner.0))
        .filter(notifications::user_id.eq(owner.1))
        .filter(notifications::is_read.eq(false))
        .count()
        .get_result(conn)
        .await
}

/// Marks one of the owner's notifications read (keeping the first read time); `None` if it is
/// not theirs.
pub async fn mark_read(
    conn: &mut AsyncPgConnection,
    owner: Owner<'_>,
    id: i64,
) -> QueryResult<Option<Notification>> {
    let mine = notifications::table
        .filter(notifications::id.eq(id))
        .filter(notifications::user_type.eq(owner.0))
        .filter(notifications::user_id.eq(owner.1));
    diesel::update(mine.filter(notifications::is_read.eq(false)))
        .set((
            notifications::is_read.eq(true),
            notifications::read_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .await?;
    mine.select(Notification::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn mark_all_read(conn: &mut AsyncPgConnection, owner: Owner<'_>) -> QueryResult<usize> {
    diesel::update(
        notifications::table
            .filter(notifications::user_type.eq(owner.0))
            .filter(notifications::user_id.eq(owner.1))
            .filter(notifications::is_read.eq(false)),
    )
    .set((
        notifications::is_read.eq(true),
        notifications::read_at.eq(diesel::dsl::now),
    ))
    .execute(conn)
    .await
}

/// Whether one notification type reaches the person in the app and by e-mail.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = preferences)]
pub struct Preference {
    #[serde(skip)]
    pub user_type: String,
    #[serde(skip)]
    pub user_id: i64,
    #[schema(value_type = crate::routes::NotificationType)]
    pub notification_type: String,
    /// Store in-app notifications of this type.
    pub in_app: bool,
    /// Send e-mails of this type.
    pub email: bool,
}

pub async fn preferences(
    conn: &mut AsyncPgConnection,
    owner: Owner<'_>,
) -> QueryResult<Vec<Preference>> {
    preferences::table
        .filter(preferences::user_type.eq(owner.0))
        .filter(preferences::user_id.eq(owner.1))
        .select(Preference::as_select())
        .load(conn)
        .await
}

/// (in-app, e-mail) for one type; both on without a stored preference.
pub async fn preference(
    conn: &mut AsyncPgConnection,
    owner: Owner<'_>,
    kind: &str,
) -> QueryResult<(bool, bool)> {
    Ok(preferences::table
        .find((owner.0, owner.1, kind))
        .select((preferences::in_app, preferences::email))
        .first(conn)
        .await
        .optional()?
        .unwrap_or((true, true)))
}

pub async fn set_preference(
    conn: &mut AsyncPgConnection,
    owner: Owner<'_>,
    kind: &str,
    in_app: bool,
    email: bool,
) -> QueryResult<()> {
    diesel::insert_into(preferences::table)
        .values((
            preferences::user_type.eq(owner.0),
            preferences::user_id.eq(owner.1),
            preferences::notification_type.eq(kind),
            preferences::in_app.eq(in_app),
            preferences::email.eq(email),
        ))
        .on_conflict((
            preferences::user_type,
            preferences::user_id,
            preferences::notification_type,
        ))
        .do_update()
        .set((preferences::in_app.eq(in_app), preferences::email.eq(email)))
        .execute(conn)
        .await?;
    Ok(())
}

pub struct LogEntry<'a> {
    pub message_id: &'a str,
    pub user_id: i64,
    pub recipient: Option<&'a str>,
    pub subject: &'a str,
    pub notification_type: &'a str,
    pub status: &'a str,
    pub detail: &'a str,
}

pub async fn log_email(conn: &mut AsyncPgConnection, e: &LogEntry<'_>) -> QueryResult<()> {
    diesel::insert_into(email_log::table)
        .values((
            email_log::message_id.eq(e.message_id),
            email_log::user_id.eq(e.user_id),
            email_log::recipient.eq(e.recipient),
            email_log::subject.eq(e.subject),
            email_log::notification_type.eq(e.notification_type),
            email_log::status.eq(e.status),
            email_log::detail.eq(e.detail),
        ))
        .execute(conn)
        .await?;
    Ok(())
}
