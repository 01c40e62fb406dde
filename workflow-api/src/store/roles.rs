//! The roles cache and round-robin counters.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;
use utoipa::ToSchema;

use crate::schema::{role_members, roles, round_robin};

/// A role of the roles cache.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = roles)]
#[schema(example = json!({"role_id": 4, "name": "Asset Manager", "system": "tts", "description": null, "is_custom": true,
    "source": "api", "created_at": "2026-12-01T23:58:11.912345Z", "updated_at": "2026-12-01T23:58:11.912345Z"}))]
pub struct Role {
    pub role_id: i64,
    pub name: String,
    pub system: String,
    pub description: Option<String>,
    pub is_custom: bool,
    /// `sync` (from the auth service) or `api` (managed here).
    #[schema(pattern = "^(sync|api)$")]
    pub source: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A user's membership of a role.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = role_members)]
#[schema(example = json!({"user_id": 7, "user_email": "ana.reyes@example.com", "user_full_name": "Ana Reyes",
    "is_active": true, "updated_at": "2026-12-01T23:58:11.958120Z"}))]
pub struct Member {
    #[serde(skip)]
    pub role_id: i64,
    pub user_id: i64,
    pub user_email: Option<String>,
    pub user_full_name: Option<String>,
    pub is_active: bool,
    pub updated_at: DateTime<Utc>,
}

pub struct RoleFields<'a> {
    pub role_id: i64,
    pub name: &'a str,
    pub system: &'a str,
    pub description: Option<&'a str>,
    pub is_custom: bool,
    pub source: &'a str,
}

pub async fn upsert_role(conn: &mut AsyncPgConnection, f: &RoleFields<'_>) -> QueryResult<Role> {
    diesel::insert_into(roles::table)
        .values((
            roles::role_id.eq(f.role_id),
            roles::name.eq(f.name),
            roles::system.eq(f.system),
            roles::description.eq(f.description),
            roles::is_custom.eq(f.is_custom),
            roles::source.eq(f.source),
        ))
        .on_conflict(roles::role_id)
        .do_update()
        .set((
            roles::name.eq(excluded(roles::name)),
            roles::system.eq(excluded(roles::system)),
            roles::description.eq(excluded(roles::description)),
            roles::is_custom.eq(excluded(roles::is_custom)),
            roles::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Role::as_returning())
        .get_result(conn)
        .await
}

pub async fn delete_role(conn: &mut AsyncPgConnection, role_id: i64) -> QueryResult<usize> {
    diesel::delete(roles::table.find(role_id))
        .execute(conn)
        .await
}

pub async fn find(conn: &mut AsyncPgConnection, role_id: i64) -> QueryResult<Option<Role>> {
    roles::table
        .find(role_id)
        .select(Role::as_select())
        .first(conn)
        .await
        .optional()
}

/// The id of the role called `name` in `system` (case-insensitive system, exact name).
pub async fn find_by_name(
    conn: &mut AsyncPgConnection,
    system: &str,
    name: &str,
) -> QueryResult<Option<i64>> {
    roles::table
        .filter(roles::name.eq(name))
        .filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("lower(system) = lower(")
                .bind::<diesel::sql_types::Text, _>(system)
                .sql(")"),
        )
        .select(roles::role_id)
        .order(roles::role_id)
        .first(conn)
        .await
        .optional()
}

/// Up to `limit` roles with an id above `after`, by id.
pub async fn list(
    conn: &mut AsyncPgConnection,
    after: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<Role>> {
    roles::table
        .filter(roles::role_id.gt(after.unwrap_or(i64::MIN)))
        .order(roles::role_id)
        .limit(limit)
        .select(Role::as_select())
        .load(conn)
        .await
}

/// Which of `ids` exist.
pub async fn existing(conn: &mut AsyncPgConnection, ids: &[i64]) -> QueryResult<Vec<i64>> {
    roles::table
        .filter(roles::role_id.eq_any(ids))
        .select(roles::role_id)
        .load(conn)
        .await
}

pub struct MemberFields<'a> {
    pub role_id: i64,
    pub user_id: i64,
    pub user_email: Option<&'a str>,
    pub user_full_name: Option<&'a str>,
    pub is_active: bool,
}

pub async fn upsert_member(
    conn: &mut AsyncPgConnection,
    f: &MemberFields<'_>,
) -> QueryResult<Member> {
    diesel::insert_into(role_members::table)
        .values((
            role_members::role_id.eq(f.role_id),
            role_members::user_id.eq(f.user_id),
            role_members::user_email.eq(f.user_email),
            role_members::user_full_name.eq(f.user_full_name),
            role_members::is_active.eq(f.is_active),
        ))
        .on_conflict((role_members::role_id, role_members::user_id))
        .do_update()
        .set((
            role_members::user_email.eq(excluded(role_members::user_email)),
            role_members::user_full_name.eq(excluded(role_members::user_full_name)),
            role_members::is_active.eq(excluded(role_members::is_active)),
            role_members::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Member::as_returning())
        .get_result(conn)
        .await
}

pub async fn delete_member(
    conn: &mut AsyncPgConnection,
    role_id: i64,
    user_id: i64,
) -> QueryResult<usize> {
    diesel::delete(role_members::table.find((role_id, user_id)))
        .execute(conn)
        .await
}

/// Up to `limit` members of the role with a user id above `after`, by user id.
pub async fn members_page(
    conn: &mut AsyncPgConnection,
    role_id: i64,
    after: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<Member>> {
    role_members::table
        .filter(role_members::role_id.eq(role_id))
        .filter(role_members::user_id.gt(after.unwrap_or(i64::MIN)))
        .order(role_members::user_id)
        .limit(limit)
        .select(Member::as_select())
        .load(conn)
        .await
}

pub async fn members(conn: &mut AsyncPgConnection, role_id: i64) -> QueryResult<Vec<Member>> {
    role_members::table
        .filter(role_members::role_id.eq(role_id))
        .order(role_members::user_id)
        .select(Member::as_select())
        .load(conn)
        .await
}

/// Active members' user ids, for assignment.
pub async fn active_member_ids(
    conn: &mut AsyncPgConnection,
    role_id: i64,
) -> QueryResult<Vec<i64>> {
    role_members::table
        .filter(role_members::role_id.eq(role_id))
        .filter(role_members::is_active.eq(true))
        .order(role_members::user_id)
        .select(role_members::user_id)
        .load(conn)
        .await
}

/// Hands out the role's next round-robin counter value; each value goes to exactly one caller,
/// however many assign at once (the row lock is held until the caller's transaction ends).
pub async fn next_counter(conn: &mut AsyncPgConnection, role_id: i64) -> QueryResult<i64> {
    diesel::insert_into(round_robin::table)
        .values((round_robin::role_id.eq(role_id), round_robin::counter.eq(1)))
        .on_conflict(round_robin::role_id)
        .do_update()
        .set(round_robin::counter.eq(round_robin::counter + 1))
        .returning(round_robin::counter)
        .get_result::<i64>(conn)
        .await
        .map(|c| c - 1)
}

/// A staff member who holds a role of the role system, as the role-member cache knows them.
#[derive(Debug, Clone, PartialEq, QueryableByName, Serialize, ToSchema)]
pub struct Person {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub user_id: i64,
    /// As last synced from the auth service; `null` when it never sent one (e.g. a member added
    /// through `PUT /roles/{role_id}/members/{user_id}/`).
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub full_name: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub email: Option<String>,
}

/// Those of `user_ids` who are an active member of at least one role of `system`, by user id.
/// A person in several roles has one row per role, each written by its own sync: the name and
/// e-mail are taken from the newest row that has one.
pub async fn people(
    conn: &mut AsyncPgConnection,
    system: &str,
    user_ids: &[i64],
) -> QueryResult<Vec<Person>> {
    use diesel::sql_types::{Array, BigInt, Text};
    diesel::sql_query(
        "SELECT m.user_id,
                (array_agg(m.user_full_name ORDER BY m.updated_at DESC)
                    FILTER (WHERE m.user_full_name IS NOT NULL))[1] AS full_name,
                (array_agg(m.user_email ORDER BY m.updated_at DESC)
                    FILTER (WHERE m.user_email IS NOT NULL))[1] AS email
           FROM role_members m
           JOIN roles r ON r.role_id = m.role_id
          WHERE m.is_active
            AND lower(r.system) = lower($1)
            AND m.user_id = ANY($2)
          GROUP BY m.user_id
          ORDER BY m.user_id",
    )
    .bind::<Text, _>(system)
    .bind::<Array<BigInt>, _>(user_ids)
    .load(conn)
    .await
}
