//! `/roles/…`: the roles cache, read by agents; managed by `tts:Admin` where there is no auth
//! service to sync from.

use axum::extract::State;
use axum::http::StatusCode;
use diesel_async::AsyncConnection;
use serde::{Deserialize, Serialize};
use serde_json::json;
use tts_shared::auth::AuthUser;
use tts_shared::http::{ErrorBody, FieldError, Json, Path, Query};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::access::{require_admin, require_agent};
use crate::error::WorkflowError;
use crate::paging::PageRequest;
use crate::store::audit::{self, Actor};
use crate::store::roles::{self, Member, MemberFields, Role, RoleFields};

/// Cursor kinds of the lists below (see [`crate::paging`]).
const ROLES: char = 'r';
const MEMBERS: char = 'm';

/// A role with every member.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"role_id": 4, "name": "Asset Manager", "system": "tts", "description": null, "is_custom": true,
    "source": "api", "created_at": "2026-12-01T23:58:11.912345Z", "updated_at": "2026-12-01T23:58:11.912345Z",
    "members": [{"user_id": 7, "user_email": "ana.reyes@example.com", "user_full_name": "Ana Reyes", "is_active": true,
        "updated_at": "2026-12-01T23:58:11.958120Z"}]}))]
pub struct RoleDetail {
    #[serde(flatten)]
    pub role: Role,
    /// Every member, active or not, by user id (`listRoleMembers` pages them).
    pub members: Vec<Member>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page size, 1–200.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A page of roles, by role id.
#[derive(Debug, Serialize, ToSchema)]
pub struct RolePage {
    pub items: Vec<Role>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "cjQ")]
    pub next_cursor: Option<String>,
}

/// A page of a role's members, by user id.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberPage {
    pub items: Vec<Member>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "bTc")]
    pub next_cursor: Option<String>,
}

/// List roles.
///
/// Every cached role (synced from the auth service or managed here), by role id. Any `tts` role.
#[utoipa::path(get, path = "/roles/", tag = "roles", operation_id = "listRoles", params(PageParams), security(("bearer" = [])),
    responses((status = 200, description = "one page of roles", body = RolePage, example = json!({"items": [
        {"role_id": 4, "name": "Asset Manager", "system": "tts", "description": null, "is_custom": true, "source": "api",
         "created_at": "2026-12-01T23:58:11.912345Z", "updated_at": "2026-12-01T23:58:11.912345Z"},
        {"role_id": 5, "name": "Approvers", "system": "tts", "description": null, "is_custom": true, "source": "api",
         "created_at": "2026-12-01T23:58:11.931077Z", "updated_at": "2026-12-01T23:58:11.931077Z"}],
        "next_cursor": "cjU"}))))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<PageParams>,
) -> Result<Json<RolePage>, WorkflowError> {
    require_agent(&user)?;
    let mut problems = Vec::new();
    let page = PageRequest::read(p.limit, p.cursor.as_deref(), ROLES, &mut problems);
    if !problems.is_empty() {
        return Err(WorkflowError::Invalid(problems));
    }
    let mut conn = state.platform.db().conn().await?;
    let rows = roles::list(&mut conn, page.after, page.fetch()).await?;
    let (items, next_cursor) = page.finish(rows, |r| r.role_id);
    Ok(Json(RolePage { items, next_cursor }))
}

/// Get a role.
///
/// One role with every member, active or not.
#[utoipa::path(get, path = "/roles/{role_id}/", tag = "roles", operation_id = "getRole",
    params(("role_id" = i64, Path, description = "the role (the auth service's id)")),
    security(("bearer" = [])),
    responses((status = 200, description = "the role and its members", body = RoleDetail),
        (status = 404, description = "no such role", body = ErrorBody)))]
pub async fn detail(
    State(state): State<AppState>,
    user: AuthUser,
    Path(role_id): Path<i64>,
) -> Result<Json<RoleDetail>, WorkflowError> {
    require_agent(&user)?;
    let mut conn = state.platform.db().conn().await?;
    let role = roles::find(&mut conn, role_id)
        .await?
        .ok_or(WorkflowError::NotFound("role"))?;
    let members = roles::members(&mut conn, role_id).await?;
    Ok(Json(RoleDetail { role, members }))
}

/// List a role's members.
///
/// The role's members, active or not, by user id.
#[utoipa::path(get, path = "/roles/{role_id}/members/", tag = "roles", operation_id = "listRoleMembers",
    params(("role_id" = i64, Path, description = "the role"), PageParams), security(("bearer" = [])),
    responses((status = 200, description = "one page of members", body = MemberPage, example = json!({"items": [
        {"user_id": 7, "user_email": "ana.reyes@example.com", "user_full_name": "Ana Reyes", "is_active": true, "updated_at": "2026-12-01T23:58:11.958120Z"},
        {"user_id": 8, "user_email": null, "user_full_name": null, "is_active": true, "updated_at": "2026-12-01T23:58:11.963402Z"}]})),
        (status = 404, description = "no such role", body = ErrorBody)))]
pub async fn list_members(
    State(state): State<AppState>,
    user: AuthUser,
    Path(role_id): Path<i64>,
    Query(p): Query<PageParams>,
) -> Result<Json<MemberPage>, WorkflowError> {
    require_agent(&user)?;
    let mut problems = Vec::new();
    let page = PageRequest::read(p.limit, p.cursor.as_deref(), MEMBERS, &mut problems);
    if !problems.is_empty() {
        return Err(WorkflowError::Invalid(problems));
    }
    let mut conn = state.platform.db().conn().await?;
    roles::find(&mut conn, role_id)
        .await?
        .ok_or(WorkflowError::NotFound("role"))?;
    let rows = roles::members_page(&mut conn, role_id, page.after, page.fetch()).await?;
    let (items, next_cursor) = page.finish(rows, |m| m.user_id);
    Ok(Json(MemberPage { items, next_cursor }))
}

/// Body of `PUT /roles/{role_id}/`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Asset Manager", "description": "Hardware and licences"}))]
pub struct RoleInput {
    /// 1–255 characters (surrounding spaces are dropped).
    #[schema(min_length = 1, max_length = 255)]
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// Create or rename a role.
///
/// `tts:Admin`, for deployments without the auth service (synced roles are overwritten by the
/// next sync). Every problem (`name`, `role_id`) is reported at once.
#[utoipa::path(put, path = "/roles/{role_id}/", tag = "roles", operation_id = "upsertRole",
    params(("role_id" = i64, Path, description = "the role's id, chosen by the caller", minimum = 1)),
    request_body = RoleInput, security(("bearer" = [])),
    responses((status = 200, description = "the role as it is now", body = Role),
        (status = 422, description = "a blank or too long `name`, or a `role_id` below 1", body = ErrorBody)))]
pub async fn put_role(
    State(state): State<AppState>,
    user: AuthUser,
    Path(role_id): Path<i64>,
    Json(input): Json<RoleInput>,
) -> Result<Json<Role>, WorkflowError> {
    require_admin(&user)?;
    let name = input.name.trim();
    let mut problems = Vec::new();
    if name.is_empty() || name.chars().count() > 255 {
        problems.push(FieldError {
            field: "name".into(),
            message: "must be 1 to 255 characters".into(),
        });
    }
    if role_id <= 0 {
        problems.push(FieldError {
            field: "role_id".into(),
            message: "must be a positive number".into(),
        });
    }
    if !problems.is_empty() {
        return Err(WorkflowError::Invalid(problems));
    }
    let system = state.settings.role_system.clone();
    let mut conn = state.platform.db().conn().await?;
    let role = conn
        .transaction(async |conn| {
            let before = roles::find(conn, role_id).await?;
            let role = roles::upsert_role(
                conn,
                &RoleFields {
                    role_id,
                    name,
                    system: &system,
                    description: input.description.as_deref(),
                    is_custom: true,
                    source: "api",
                },
            )
            .await?;
            audit::record(
                conn,
                Actor::from(&user),
                "role.upserted",
                ("role", &role_id.to_string()),
                before.map(|b| json!(b)),
                Some(json!(role)),
            )
            .await?;
            Ok::<_, WorkflowError>(role)
        })
        .await?;
    Ok(Json(role))
}

/// Body of `PUT /roles/{role_id}/members/{user_id}/`; every field optional.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"user_email": "ana.reyes@example.com", "user_full_name": "Ana Reyes", "is_active": true}))]
pub struct MemberInput {
    #[serde(default)]
    pub user_email: Option<String>,
    #[serde(default)]
    pub user_full_name: Option<String>,
    /// Inactive members keep their membership but get no new work (default true).
    #[serde(default = "yes")]
    #[schema(default = true)]
    pub is_active: bool,
}

fn yes() -> bool {
    true
}

/// Add a user to a role or change their membership.
///
/// `tts:Admin`. Round robin picks among active members.
#[utoipa::path(put, path = "/roles/{role_id}/members/{user_id}/", tag = "roles", operation_id = "upsertRoleMember",
    params(("role_id" = i64, Path, description = "the role"), ("user_id" = i64, Path, description = "the staff user")), request_body = MemberInput,
    security(("bearer" = [])),
    responses((status = 200, description = "the membership as it is now", body = Member),
        (status = 404, description = "no such role", body = ErrorBody)))]
pub async fn put_member(
    State(state): State<AppState>,
    user: AuthUser,
    Path((role_id, user_id)): Path<(i64, i64)>,
    Json(input): Json<MemberInput>,
) -> Result<Json<Member>, WorkflowError> {
    require_admin(&user)?;
    let mut conn = state.platform.db().conn().await?;
    let member = conn
        .transaction(async |conn| {
            roles::find(conn, role_id)
                .await?
                .ok_or(WorkflowError::NotFound("role"))?;
            let member = roles::upsert_member(
                conn,
                &MemberFields {
                    role_id,
                    user_id,
                    user_email: input.user_email.as_deref(),
                    user_full_name: input.user_full_name.as_deref(),
                    is_active: input.is_active,
                },
            )
            .await?;
            audit::record(
                conn,
                Actor::from(&user),
                "role_member.upserted",
                ("role_member", &format!("{role_id}:{user_id}")),
                None,
                Some(json!(member)),
            )
            .await?;
            Ok::<_, WorkflowError>(member)
        })
        .await?;
    Ok(Json(member))
}

/// Remove a user from a role.
///
/// `tts:Admin`. Items the user holds stay theirs (transfer them to move them).
#[utoipa::path(delete, path = "/roles/{role_id}/members/{user_id}/", tag = "roles", operation_id = "deleteRoleMember",
    params(("role_id" = i64, Path, description = "the role"), ("user_id" = i64, Path, description = "the staff user")), security(("bearer" = [])),
    responses((status = 204, description = "removed"), (status = 404, description = "no such role member", body = ErrorBody)))]
pub async fn delete_member(
    State(state): State<AppState>,
    user: AuthUser,
    Path((role_id, user_id)): Path<(i64, i64)>,
) -> Result<StatusCode, WorkflowError> {
    require_admin(&user)?;
    let mut conn = state.platform.db().conn().await?;
    conn.transaction(async |conn| {
        if roles::delete_member(conn, role_id, user_id).await? == 0 {
            return Err(WorkflowError::NotFound("role member"));
        }
        audit::record(
            conn,
            Actor::from(&user),
            "role_member.deleted",
            ("role_member", &format!("{role_id}:{user_id}")),
            None,
            None,
        )
        .await?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
