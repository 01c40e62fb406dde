//! `/roles/…`: the roles cache, read by agents; managed by `tts:Admin` where there is no auth
//! service to sync from.

use axum::extract::State;
use axum::http::StatusCode;
use diesel_async::AsyncConnection;
use serde::{Deserialize, Serialize};
use serde_json::json;
use tts_shared::auth::AuthUser;
use tts_shared::http::{ErrorBody, Json, Path};
use utoipa::ToSchema;

use crate::AppState;
use crate::access::{require_admin, require_agent};
use crate::error::WorkflowError;
use crate::store::audit::{self, Actor};
use crate::store::roles::{self, Member, MemberFields, Role, RoleFields};

#[derive(Debug, Serialize, ToSchema)]
pub struct RoleDetail {
    #[serde(flatten)]
    pub role: Role,
    pub members: Vec<Member>,
}

/// Every role of the configured system.
#[utoipa::path(get, path = "/roles/", tag = "roles", security(("bearer" = [])),
    responses((status = 200, body = Vec<Role>), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Vec<Role>>, WorkflowError> {
    require_agent(&user)?;
    let mut conn = state.platform.db().conn().await?;
    Ok(Json(roles::list(&mut conn).await?))
}

/// One role with its members.
#[utoipa::path(get, path = "/roles/{role_id}/", tag = "roles", params(("role_id" = i64, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = RoleDetail), (status = 404, body = ErrorBody)))]
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleInput {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// Create or rename a role (`tts:Admin`), for deployments without the auth service.
#[utoipa::path(put, path = "/roles/{role_id}/", tag = "roles", params(("role_id" = i64, Path)),
    request_body = RoleInput, security(("bearer" = [])),
    responses((status = 200, body = Role), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_role(
    State(state): State<AppState>,
    user: AuthUser,
    Path(role_id): Path<i64>,
    Json(input): Json<RoleInput>,
) -> Result<Json<Role>, WorkflowError> {
    require_admin(&user)?;
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 255 {
        return Err(WorkflowError::invalid(
            "name",
            "must be 1 to 255 characters",
        ));
    }
    if role_id <= 0 {
        return Err(WorkflowError::invalid(
            "role_id",
            "must be a positive number",
        ));
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberInput {
    #[serde(default)]
    pub user_email: Option<String>,
    #[serde(default)]
    pub user_full_name: Option<String>,
    #[serde(default = "yes")]
    pub is_active: bool,
}

fn yes() -> bool {
    true
}

/// Add a staff user to a role or change their membership (`tts:Admin`).
#[utoipa::path(put, path = "/roles/{role_id}/members/{user_id}/", tag = "roles",
    params(("role_id" = i64, Path), ("user_id" = i64, Path)), request_body = MemberInput,
    security(("bearer" = [])),
    responses((status = 200, body = Member), (status = 404, body = ErrorBody)))]
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

/// Remove a user from a role (`tts:Admin`).
#[utoipa::path(delete, path = "/roles/{role_id}/members/{user_id}/", tag = "roles",
    params(("role_id" = i64, Path), ("user_id" = i64, Path)), security(("bearer" = [])),
    responses((status = 204, description = "removed"), (status = 404, body = ErrorBody)))]
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
