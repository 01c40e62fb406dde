//! `/workflows/…`, `/steps/`, `/transitions/`: the designer. Writes need `tts:Admin` or a
//! `designer_roles` role (default the coordinator role); reads any
//! `tts` role.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use tts_shared::auth::AuthUser;
use tts_shared::http::{ErrorBody, Json, Path, Query};
use utoipa::IntoParams;

use crate::AppState;
use crate::access::{require_agent, require_designer};
use crate::designer::{self, NewWorkflow, Validation, VersionView, WorkflowPatch, WorkflowView};
use crate::domain::graph::Graph;
use crate::error::WorkflowError;
use crate::store::workflows::{self, ListFilter};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    /// `draft`, `active`, `paused` or `archived`.
    pub status: Option<String>,
    pub department: Option<String>,
    pub category: Option<String>,
}

/// List workflows.
#[utoipa::path(get, path = "/workflows/", tag = "workflows", params(ListParams), security(("bearer" = [])),
    responses((status = 200, body = Vec<WorkflowView>), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<ListParams>,
) -> Result<Json<Vec<WorkflowView>>, WorkflowError> {
    require_agent(&user)?;
    if let Some(s) = &p.status
        && !["draft", "active", "paused", "archived"].contains(&s.as_str())
    {
        return Err(WorkflowError::invalid(
            "status",
            "must be draft, active, paused or archived",
        ));
    }
    let mut conn = state.platform.db().conn().await?;
    let rows = workflows::list(
        &mut conn,
        &ListFilter {
            status: p.status,
            department: p.department,
            category: p.category,
        },
    )
    .await?;
    Ok(Json(
        rows.iter().map(|w| WorkflowView::new(w, None)).collect(),
    ))
}

/// Create a draft workflow (`tts:Admin` or a `designer_roles` role).
#[utoipa::path(post, path = "/workflows/", tag = "workflows", request_body = NewWorkflow, security(("bearer" = [])),
    responses((status = 201, body = WorkflowView), (status = 403, body = ErrorBody),
        (status = 409, description = "another workflow has the name", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: AuthUser,
    Json(input): Json<NewWorkflow>,
) -> Result<(StatusCode, Json<WorkflowView>), WorkflowError> {
    require_designer(&state.settings, &user)?;
    Ok((
        StatusCode::CREATED,
        Json(designer::create(&state, &user, input).await?),
    ))
}

/// A workflow with its draft graph (ids beside client keys) and latest version number.
#[utoipa::path(get, path = "/workflows/{id}/", tag = "workflows", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = WorkflowView), (status = 404, body = ErrorBody)))]
pub async fn detail(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<WorkflowView>, WorkflowError> {
    require_agent(&user)?;
    let mut conn = state.platform.db().conn().await?;
    let workflow = workflows::find(&mut conn, id)
        .await?
        .ok_or(WorkflowError::NotFound("workflow"))?;
    let draft = workflows::draft(&mut conn, id).await?;
    Ok(Json(WorkflowView::new(&workflow, Some(&draft))))
}

/// Edit the details (`tts:Admin` or a `designer_roles` role); published versions are not affected.
#[utoipa::path(patch, path = "/workflows/{id}/", tag = "workflows", params(("id" = i64, Path)), request_body = WorkflowPatch,
    security(("bearer" = [])), responses((status = 200, body = WorkflowView), (status = 403, body = ErrorBody),
        (status = 409, description = "another workflow has the name", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn patch(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    Json(p): Json<WorkflowPatch>,
) -> Result<Json<WorkflowView>, WorkflowError> {
    require_designer(&state.settings, &user)?;
    Ok(Json(designer::update(&state, &user, id, p).await?))
}

/// Delete a workflow that never ran (204), or archive one that did (200) (`tts:Admin` or a
/// `designer_roles` role).
#[utoipa::path(delete, path = "/workflows/{id}/", tag = "workflows", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 204, description = "deleted"), (status = 200, description = "archived"), (status = 403, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Response, WorkflowError> {
    require_designer(&state.settings, &user)?;
    Ok(if designer::delete(&state, &user, id).await? {
        Json(json!({"archived": true})).into_response()
    } else {
        StatusCode::NO_CONTENT.into_response()
    })
}

/// Replace the draft graph `{steps, transitions}` (`tts:Admin` or a `designer_roles` role). The answer maps keys to ids.
#[utoipa::path(put, path = "/workflows/{id}/graph/", tag = "workflows", params(("id" = i64, Path)),
    request_body(content = Object, description = "{steps: [{key, name, role_id, escalate_to_role_id?, weight, instruction, is_start, is_end, design}], transitions: [{key, from, to, name}]}"),
    security(("bearer" = [])), responses((status = 200, body = WorkflowView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_graph(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    Json(graph): Json<Graph>,
) -> Result<Json<WorkflowView>, WorkflowError> {
    require_designer(&state.settings, &user)?;
    Ok(Json(
        designer::replace_graph(&state, &user, id, graph).await?,
    ))
}

/// Every reason the draft could not be published, each with a code and what it concerns.
#[utoipa::path(post, path = "/workflows/{id}/validate/", tag = "workflows", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Validation), (status = 403, body = ErrorBody)))]
pub async fn validate(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<Validation>, WorkflowError> {
    require_designer(&state.settings, &user)?;
    Ok(Json(designer::validate(&state, id).await?))
}

/// Validate and freeze the draft as version N+1 (`tts:Admin` or a `designer_roles` role).
#[utoipa::path(post, path = "/workflows/{id}/publish/", tag = "workflows", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 201, body = VersionView), (status = 403, body = ErrorBody), (status = 422, description = "every problem at once", body = ErrorBody)))]
pub async fn publish(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<(StatusCode, Json<VersionView>), WorkflowError> {
    require_designer(&state.settings, &user)?;
    Ok((
        StatusCode::CREATED,
        Json(designer::publish(&state, &user, id).await?),
    ))
}

/// Stop taking new tickets (`tts:Admin` or a `designer_roles` role).
#[utoipa::path(post, path = "/workflows/{id}/pause/", tag = "workflows", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = WorkflowView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn pause(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<WorkflowView>, WorkflowError> {
    require_designer(&state.settings, &user)?;
    Ok(Json(designer::set_paused(&state, &user, id, true).await?))
}

/// Take new tickets again (`tts:Admin` or a `designer_roles` role).
#[utoipa::path(post, path = "/workflows/{id}/resume/", tag = "workflows", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = WorkflowView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn resume(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<WorkflowView>, WorkflowError> {
    require_designer(&state.settings, &user)?;
    Ok(Json(designer::set_paused(&state, &user, id, false).await?))
}

/// Published versions, oldest first.
#[utoipa::path(get, path = "/workflows/{id}/versions/", tag = "workflows", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<VersionView>)))]
pub async fn versions(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<VersionView>>, WorkflowError> {
    require_agent(&user)?;
    let mut conn = state.platform.db().conn().await?;
    workflows::find(&mut conn, id)
        .await?
        .ok_or(WorkflowError::NotFound("workflow"))?;
    let rows = workflows::versions(&mut conn, id).await?;
    Ok(Json(
        rows.iter().map(|v| VersionView::new(v, false)).collect(),
    ))
}

/// One version with its frozen definition.
#[utoipa::path(get, path = "/workflows/{id}/versions/{version}/", tag = "workflows",
    params(("id" = i64, Path), ("version" = i32, Path)), security(("bearer" = [])),
    responses((status = 200, body = VersionView), (status = 404, body = ErrorBody)))]
pub async fn version(
    State(state): State<AppState>,
    user: AuthUser,
    Path((id, version)): Path<(i64, i32)>,
) -> Result<Json<VersionView>, WorkflowError> {
    require_agent(&user)?;
    let mut conn = state.platform.db().conn().await?;
    let row = workflows::version(&mut conn, id, version)
        .await?
        .ok_or(WorkflowError::NotFound("workflow version"))?;
    Ok(Json(VersionView::new(&row, true)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct GraphParams {
    pub workflow_id: i64,
}

/// The draft's steps, with ids.
#[utoipa::path(get, path = "/steps/", tag = "workflows", params(GraphParams), security(("bearer" = [])),
    responses((status = 200, body = Vec<Object>)))]
pub async fn steps(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<GraphParams>,
) -> Result<Json<Value>, WorkflowError> {
    graph_part(&state, &user, p.workflow_id, "steps").await
}

/// The draft's transitions, with ids.
#[utoipa::path(get, path = "/transitions/", tag = "workflows", params(GraphParams), security(("bearer" = [])),
    responses((status = 200, body = Vec<Object>)))]
pub async fn transitions(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<GraphParams>,
) -> Result<Json<Value>, WorkflowError> {
    graph_part(&state, &user, p.workflow_id, "transitions").await
}

async fn graph_part(
    state: &AppState,
    user: &AuthUser,
    id: i64,
    part: &str,
) -> Result<Json<Value>, WorkflowError> {
    require_agent(user)?;
    let mut conn = state.platform.db().conn().await?;
    workflows::find(&mut conn, id)
        .await?
        .ok_or(WorkflowError::NotFound("workflow"))?;
    let draft = workflows::draft(&mut conn, id).await?;
    Ok(Json(designer::graph_with_ids(&draft)[part].clone()))
}
