//! `/workflows/…`, `/steps/`, `/transitions/`: the designer. Writes need `tts:Admin` or a
//! `designer_roles` role (default the coordinator role); reads any
//! `tts` role.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tts_shared::auth::AuthUser;
use tts_shared::http::{ErrorBody, FieldError, Json, Path, Query};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::access::{require_agent, require_designer};
use crate::designer::{
    self, NewWorkflow, StepView, TransitionView, Validation, VersionView, WorkflowPatch,
    WorkflowStatus, WorkflowView,
};
use crate::domain::graph::Graph;
use crate::error::WorkflowError;
use crate::paging::PageRequest;
use crate::store::workflows::{self, ListFilter};

/// Cursor kinds of the lists below (see [`crate::paging`]).
const WORKFLOWS: char = 'w';
const VERSIONS: char = 'v';
const STEPS: char = 's';
const TRANSITIONS: char = 'x';

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only workflows in this state.
    #[param(value_type = Option<WorkflowStatus>, inline)]
    pub status: Option<String>,
    /// Only workflows of this department (exact match).
    #[param(example = "IT Department")]
    pub department: Option<String>,
    /// Only workflows of this category (exact match).
    #[param(example = "IT Support")]
    pub category: Option<String>,
    /// Page size, 1–200.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page (with the same filters).
    pub cursor: Option<String>,
}

/// A page of workflows, by id.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkflowPage {
    pub items: Vec<WorkflowView>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "dzU")]
    pub next_cursor: Option<String>,
}

/// List workflows.
///
/// Every workflow (drafts, active, paused, archived), oldest first, paged by `limit` and
/// `cursor`; without the draft graphs (see `getWorkflow`). Any `tts` role.
#[utoipa::path(get, path = "/workflows/", tag = "workflows", operation_id = "listWorkflows", params(ListParams), security(("bearer" = [])),
    responses((status = 200, description = "one page of workflows", body = WorkflowPage, example = json!({"items": [{
        "id": 1, "name": "Hardware any", "description": "", "department": "IT Department", "category": "IT Support",
        "sub_category": null, "slas": {"low": "P5D", "medium": "P2D", "high": "PT8H", "urgent": "PT2H"},
        "response_slas": {"low": null, "medium": null, "high": null, "urgent": null}, "status": "active",
        "latest_version": 1, "calendar": null, "escalate_on_breach": false, "end_action": "none", "end_webhook_url": null,
        "created_by": 1, "created_at": "2026-12-01T23:58:12.402311Z", "updated_at": "2026-12-01T23:58:12.517820Z"}],
        "next_cursor": "dzE"})),
        (status = 422, description = "an unknown `status`, or a bad `limit` or `cursor`, each named", body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<ListParams>,
) -> Result<Json<WorkflowPage>, WorkflowError> {
    require_agent(&user)?;
    let mut problems = Vec::new();
    if let Some(s) = &p.status
        && !["draft", "active", "paused", "archived"].contains(&s.as_str())
    {
        problems.push(FieldError {
            field: "status".into(),
            message: "must be draft, active, paused or archived".into(),
        });
    }
    let page = PageRequest::read(p.limit, p.cursor.as_deref(), WORKFLOWS, &mut problems);
    if !problems.is_empty() {
        return Err(WorkflowError::Invalid(problems));
    }
    let mut conn = state.platform.db().conn().await?;
    let rows = workflows::list(
        &mut conn,
        &ListFilter {
            status: p.status,
            department: p.department,
            category: p.category,
        },
        page.after,
        page.fetch(),
    )
    .await?;
    let (rows, next_cursor) = page.finish(rows, |w| w.id);
    Ok(Json(WorkflowPage {
        items: rows.iter().map(|w| WorkflowView::new(w, None)).collect(),
        next_cursor,
    }))
}

/// Create a draft workflow.
///
/// `tts:Admin` or a `designer_roles` role. Every problem with the details is reported at once;
/// the graph is saved as given (it is checked when published).
#[utoipa::path(post, path = "/workflows/", tag = "workflows", operation_id = "createWorkflow", request_body = NewWorkflow, security(("bearer" = [])),
    responses((status = 201, description = "the new draft, with its graph", body = WorkflowView),
        (status = 409, description = "another workflow (not archived) has the name", body = ErrorBody),
        (status = 422, description = "every problem with the details at once (`low_sla`, `end_webhook_url`, a repeated step key `steps[2].key`…)", body = ErrorBody)))]
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

/// Get a workflow.
///
/// The workflow with its draft graph (ids beside client keys) and latest version number.
#[utoipa::path(get, path = "/workflows/{id}/", tag = "workflows", operation_id = "getWorkflow",
    params(("id" = i64, Path, description = "the workflow", minimum = 1)), security(("bearer" = [])),
    responses((status = 200, description = "the workflow and its draft graph", body = WorkflowView),
        (status = 404, description = "no such workflow", body = ErrorBody)))]
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

/// Edit a workflow's details.
///
/// `tts:Admin` or a `designer_roles` role; published versions are not affected (publish again).
#[utoipa::path(patch, path = "/workflows/{id}/", tag = "workflows", operation_id = "updateWorkflow",
    params(("id" = i64, Path, description = "the workflow", minimum = 1)), request_body = WorkflowPatch,
    security(("bearer" = [])), responses((status = 200, description = "the workflow as it is now", body = WorkflowView),
        (status = 404, description = "no such workflow", body = ErrorBody),
        (status = 409, description = "another workflow (not archived) has the name", body = ErrorBody),
        (status = 422, description = "every problem with the details at once", body = ErrorBody)))]
pub async fn patch(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    Json(p): Json<WorkflowPatch>,
) -> Result<Json<WorkflowView>, WorkflowError> {
    require_designer(&state.settings, &user)?;
    Ok(Json(designer::update(&state, &user, id, p).await?))
}

/// Answer of deleting a workflow that has run tasks.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"archived": true}))]
pub struct Archived {
    /// Always true: the workflow was kept, archived, for its tasks and history.
    pub archived: bool,
}

/// Delete or archive a workflow.
///
/// A workflow that never ran a task is deleted (204); one that did is archived (200) and kept
/// for its tasks and history. `tts:Admin` or a `designer_roles` role.
#[utoipa::path(delete, path = "/workflows/{id}/", tag = "workflows", operation_id = "deleteWorkflow",
    params(("id" = i64, Path, description = "the workflow", minimum = 1)), security(("bearer" = [])),
    responses((status = 204, description = "deleted"), (status = 200, description = "archived", body = Archived),
        (status = 404, description = "no such workflow", body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Response, WorkflowError> {
    require_designer(&state.settings, &user)?;
    Ok(if designer::delete(&state, &user, id).await? {
        Json(Archived { archived: true }).into_response()
    } else {
        StatusCode::NO_CONTENT.into_response()
    })
}

/// Replace the draft graph.
///
/// The whole graph `{steps, transitions}`; steps and transitions keep their ids while their keys
/// stay. Saved as given apart from repeated keys (`steps[2].key`, `transitions[0].key`), all
/// reported at once; everything else is checked by `validateWorkflow` and at publish.
/// `tts:Admin` or a `designer_roles` role.
#[utoipa::path(put, path = "/workflows/{id}/graph/", tag = "workflows", operation_id = "replaceWorkflowGraph",
    params(("id" = i64, Path, description = "the workflow", minimum = 1)),
    request_body = Graph,
    security(("bearer" = [])), responses((status = 200, description = "the workflow with the saved graph and its ids", body = WorkflowView),
        (status = 404, description = "no such workflow", body = ErrorBody),
        (status = 409, description = "the workflow is archived", body = ErrorBody),
        (status = 422, description = "every repeated step or transition key, by path", body = ErrorBody)))]
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

/// Validate the draft.
///
/// Every reason the draft could not be published, each with a code, a message and the path of
/// what it concerns (`steps[1].role_id`, `transitions[0].to`, `high_sla`). Changes nothing.
#[utoipa::path(post, path = "/workflows/{id}/validate/", tag = "workflows", operation_id = "validateWorkflow",
    params(("id" = i64, Path, description = "the workflow", minimum = 1)), security(("bearer" = [])),
    responses((status = 200, description = "whether it can be published, and every problem", body = Validation),
        (status = 404, description = "no such workflow", body = ErrorBody)))]
pub async fn validate(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<Validation>, WorkflowError> {
    require_designer(&state.settings, &user)?;
    Ok(Json(designer::validate(&state, id).await?))
}

/// Publish the draft as a new version.
///
/// Validates the draft and freezes it as version N+1 (the answer carries its definition);
/// tickets waiting for a workflow that now matches are allocated. `tts:Admin` or a
/// `designer_roles` role.
#[utoipa::path(post, path = "/workflows/{id}/publish/", tag = "workflows", operation_id = "publishWorkflowVersion",
    params(("id" = i64, Path, description = "the workflow", minimum = 1)), security(("bearer" = [])),
    responses((status = 201, description = "the new version with its frozen definition", body = VersionView),
        (status = 404, description = "no such workflow", body = ErrorBody),
        (status = 409, description = "the workflow is archived", body = ErrorBody),
        (status = 422, description = "`validation_failed`: every problem at once, each `field` the path in the workflow (`steps[1].role_id`, `transitions[0].to`, `steps`, `urgent_sla`) and each message led by the problem's code (`unknown_role: …`)", body = ErrorBody)))]
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

/// Pause a workflow.
///
/// Stops taking new tickets; running tasks go on. `tts:Admin` or a `designer_roles` role.
#[utoipa::path(post, path = "/workflows/{id}/pause/", tag = "workflows", operation_id = "pauseWorkflow",
    params(("id" = i64, Path, description = "the workflow", minimum = 1)), security(("bearer" = [])),
    responses((status = 200, description = "the paused workflow", body = WorkflowView),
        (status = 404, description = "no such workflow", body = ErrorBody),
        (status = 409, description = "the workflow is not active", body = ErrorBody)))]
pub async fn pause(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<WorkflowView>, WorkflowError> {
    require_designer(&state.settings, &user)?;
    Ok(Json(designer::set_paused(&state, &user, id, true).await?))
}

/// Resume a paused workflow.
///
/// Takes new tickets again (and those that waited for it). `tts:Admin` or a `designer_roles` role.
#[utoipa::path(post, path = "/workflows/{id}/resume/", tag = "workflows", operation_id = "resumeWorkflow",
    params(("id" = i64, Path, description = "the workflow", minimum = 1)), security(("bearer" = [])),
    responses((status = 200, description = "the active workflow", body = WorkflowView),
        (status = 404, description = "no such workflow", body = ErrorBody),
        (status = 409, description = "the workflow is not paused, or another active workflow now takes the same tickets", body = ErrorBody)))]
pub async fn resume(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<WorkflowView>, WorkflowError> {
    require_designer(&state.settings, &user)?;
    Ok(Json(designer::set_paused(&state, &user, id, false).await?))
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

/// A page of published versions, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionPage {
    pub items: Vec<VersionView>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "djE")]
    pub next_cursor: Option<String>,
}

/// List a workflow's versions.
///
/// Published versions, oldest first, without their definitions (see `getWorkflowVersion`).
#[utoipa::path(get, path = "/workflows/{id}/versions/", tag = "workflows", operation_id = "listWorkflowVersions",
    params(("id" = i64, Path, description = "the workflow", minimum = 1), PageParams), security(("bearer" = [])),
    responses((status = 200, description = "one page of versions", body = VersionPage, example = json!({"items": [{
        "workflow_id": 1, "version": 1, "department": "IT Department", "category": "IT Support", "sub_category": null,
        "slas": {"low": "P5D", "medium": "P2D", "high": "PT8H", "urgent": "PT2H"},
        "response_slas": {"low": null, "medium": null, "high": null, "urgent": null},
        "published_by": 1, "published_at": "2026-12-01T23:58:12.517820Z"}]})),
        (status = 404, description = "no such workflow", body = ErrorBody)))]
pub async fn versions(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    Query(p): Query<PageParams>,
) -> Result<Json<VersionPage>, WorkflowError> {
    require_agent(&user)?;
    let mut problems = Vec::new();
    let page = PageRequest::read(p.limit, p.cursor.as_deref(), VERSIONS, &mut problems);
    if !problems.is_empty() {
        return Err(WorkflowError::Invalid(problems));
    }
    let mut conn = state.platform.db().conn().await?;
    workflows::find(&mut conn, id)
        .await?
        .ok_or(WorkflowError::NotFound("workflow"))?;
    let after = page.after.map(|v| i32::try_from(v).unwrap_or(i32::MAX));
    let rows = workflows::versions(&mut conn, id, after, page.fetch()).await?;
    let (rows, next_cursor) = page.finish(rows, |v| i64::from(v.version));
    Ok(Json(VersionPage {
        items: rows.iter().map(|v| VersionView::new(v, false)).collect(),
        next_cursor,
    }))
}

/// Get a workflow version.
///
/// One published version with its frozen definition (graph and SLAs).
#[utoipa::path(get, path = "/workflows/{id}/versions/{version}/", tag = "workflows", operation_id = "getWorkflowVersion",
    params(("id" = i64, Path, description = "the workflow", minimum = 1), ("version" = i32, Path, description = "the version number", minimum = 1)),
    security(("bearer" = [])),
    responses((status = 200, description = "the version and its definition", body = VersionView),
        (status = 404, description = "no such workflow version", body = ErrorBody)))]
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
#[into_params(parameter_in = Query)]
pub struct GraphParams {
    /// The workflow whose draft is listed.
    #[param(minimum = 1)]
    pub workflow_id: i64,
    /// Page size, 1–200.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A page of the draft's steps, in graph order.
#[derive(Debug, Serialize, ToSchema)]
pub struct StepPage {
    pub items: Vec<StepView>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// A page of the draft's transitions, in graph order.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransitionPage {
    pub items: Vec<TransitionView>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// List a draft's steps.
///
/// The draft graph's steps with their ids, in graph order.
#[utoipa::path(get, path = "/steps/", tag = "workflows", operation_id = "listWorkflowSteps", params(GraphParams), security(("bearer" = [])),
    responses((status = 200, description = "one page of steps", body = StepPage, example = json!({"items": [
        {"id": 11, "key": "triage", "name": "Triage", "role_id": 4, "escalate_to_role_id": null, "weight": 1, "instruction": "Check the ticket", "is_start": true, "is_end": false, "design": null},
        {"id": 12, "key": "approve", "name": "Approval", "role_id": 5, "escalate_to_role_id": 4, "weight": 2, "instruction": "", "is_start": false, "is_end": false, "design": null}],
        "next_cursor": "czE"})),
        (status = 404, description = "no such workflow", body = ErrorBody)))]
pub async fn steps(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<GraphParams>,
) -> Result<Json<StepPage>, WorkflowError> {
    let (items, next_cursor) = graph_part(&state, &user, &p, STEPS, |g| g.steps).await?;
    Ok(Json(StepPage { items, next_cursor }))
}

/// List a draft's transitions.
///
/// The draft graph's transitions with their ids, in graph order.
#[utoipa::path(get, path = "/transitions/", tag = "workflows", operation_id = "listWorkflowTransitions", params(GraphParams), security(("bearer" = [])),
    responses((status = 200, description = "one page of transitions", body = TransitionPage, example = json!({"items": [
        {"id": 6, "key": "submit", "from": "triage", "to": "approve", "name": "Submit"},
        {"id": 7, "key": "approve", "from": "approve", "to": "resolve", "name": "Approve"}]})),
        (status = 404, description = "no such workflow", body = ErrorBody)))]
pub async fn transitions(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<GraphParams>,
) -> Result<Json<TransitionPage>, WorkflowError> {
    let (items, next_cursor) =
        graph_part(&state, &user, &p, TRANSITIONS, |g| g.transitions).await?;
    Ok(Json(TransitionPage { items, next_cursor }))
}

/// One page of a part of the draft graph; the cursor carries the position of the page's last
/// entry, since the graph's order is its own.
async fn graph_part<T>(
    state: &AppState,
    user: &AuthUser,
    p: &GraphParams,
    kind: char,
    part: impl FnOnce(designer::GraphView) -> Vec<T>,
) -> Result<(Vec<T>, Option<String>), WorkflowError> {
    require_agent(user)?;
    let mut problems = Vec::new();
    let page = PageRequest::read(p.limit, p.cursor.as_deref(), kind, &mut problems);
    if !problems.is_empty() {
        return Err(WorkflowError::Invalid(problems));
    }
    let mut conn = state.platform.db().conn().await?;
    workflows::find(&mut conn, p.workflow_id)
        .await?
        .ok_or(WorkflowError::NotFound("workflow"))?;
    let draft = workflows::draft(&mut conn, p.workflow_id).await?;
    let first = page.after.map_or(0, |last| last.saturating_add(1));
    let rows: Vec<(i64, T)> = (0_i64..)
        .zip(part(designer::graph_with_ids(&draft)))
        .skip(usize::try_from(first).unwrap_or(usize::MAX))
        .take(usize::try_from(page.fetch()).unwrap_or(1))
        .collect();
    let (rows, next) = page.finish(rows, |(position, _)| *position);
    Ok((rows.into_iter().map(|(_, item)| item).collect(), next))
}
