//! Every endpoint of the messaging service. Handlers only translate HTTP to [`crate::threads`].

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tts_shared::auth::AuthUser;
use tts_shared::files;
use tts_shared::http::{ApiError, ErrorBody, Json, Path, Query, cursor};
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::MessagingError;
use crate::threads::{self, COMMENTS_CURSOR, Draft};
use crate::views::{
    AttachmentChange, Change, CommentView, RatingChange, RatingName, ThreadPage, VisibilityName,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "TTS messaging service",
        description = "Per-ticket comment threads with replies, ratings and attachments, live over WebSocket."
    ),
    tags((name = "comments"), (name = "attachments"), (name = "audit"))
)]
struct ApiDoc;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(list, create))
        .routes(routes!(reply))
        .routes(routes!(detail, edit, delete))
        .routes(routes!(rate))
        .routes(routes!(upload))
        .routes(routes!(download))
        .routes(routes!(crate::audit::list))
        // A WebSocket: described in docs/asyncapi/messaging.yaml, not in the OpenAPI document.
        .route(
            "/ws/tickets/{ticket_number}/",
            axum::routing::get(crate::live::socket),
        )
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Top-level comments per page (each with all its replies), 1–200.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page (opaque). Deprecated, accepted for one release: a bare
    /// comment id, the integer `next_cursor` this list answered before.
    pub cursor: Option<String>,
}

/// The page size and the comment id the page starts after, or every problem with them.
fn list_page(p: &ListParams, problems: &mut Vec<(&'static str, String)>) -> (i64, Option<i64>) {
    // The deprecated form: all digits, never the text of an opaque cursor.
    let legacy = p
        .cursor
        .as_deref()
        .filter(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()));
    let opaque = if legacy.is_some() {
        None
    } else {
        p.cursor.as_deref()
    };
    let (limit, after) = cursor::page(p.limit, opaque, COMMENTS_CURSOR, problems);
    let after = match legacy {
        None => after,
        Some(id) => id
            .parse::<i64>()
            .map_err(|_| problems.push(("cursor", "is not a cursor this API returned".into())))
            .ok(),
    };
    (limit, after)
}

/// List a ticket's comments
///
/// The thread of a ticket: top-level comments oldest first, each with its replies oldest first.
/// Requesters see public comments only. `seq` is the thread's latest sequence number: open the
/// socket with `?after=<seq>` to receive every change made since this page was read.
#[utoipa::path(get, path = "/tickets/{ticket_number}/comments/", tag = "comments",
    operation_id = "listComments",
    params(("ticket_number" = String, Path, description = "The ticket's number", pattern = "^[A-Za-z0-9_-]{1,64}$", example = "TX20261201000042"), ListParams),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of the thread, oldest first", body = ThreadPage),
        (status = 404, description = "No such thread, or the caller may not read it", body = ErrorBody),
        (status = 422, description = "`ticket_number`, `limit` or `cursor` is invalid; every problem is listed", body = ErrorBody),
        (status = 503, description = "The ticket service could not be asked who the requester is", body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Path(number): Path<String>,
    Query(p): Query<ListParams>,
) -> Result<Json<ThreadPage>, MessagingError> {
    let mut problems = Vec::new();
    threads::ticket_number_problem(&number, &mut problems);
    let (limit, after) = list_page(&p, &mut problems);
    MessagingError::check(problems)?;
    Ok(Json(
        threads::list(&state, &user, &number, after, limit).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"body": "Rebooted the switch; @Ben please check the uplink", "mentions": [3]}))]
pub struct NewComment {
    /// 1–10,000 characters after trimming.
    #[schema(min_length = 1, max_length = 10000)]
    pub body: String,
    /// `public` (default) or `internal` (staff only). A reply to an internal comment is internal.
    #[schema(value_type = Option<VisibilityName>)]
    pub visibility: Option<String>,
    /// Staff user ids (positive, at most 50) to notify as mentioned; staff only. Those who may
    /// not read the comment are not told (see `mentions_not_notified` in the answer).
    #[serde(default)]
    #[schema(max_items = 50)]
    pub mentions: Vec<i64>,
}

impl From<NewComment> for Draft {
    fn from(c: NewComment) -> Draft {
        Draft {
            body: c.body,
            visibility: c.visibility,
            mentions: c.mentions,
        }
    }
}

/// Comment on a ticket
///
/// Starts the thread when it is the first comment (staff: only on a ticket the ticket service
/// holds). The answer carries the change's sequence number, the one the socket shows, and the
/// mentioned people who were not notified.
#[utoipa::path(post, path = "/tickets/{ticket_number}/comments/", tag = "comments",
    operation_id = "postComment",
    params(("ticket_number" = String, Path, description = "The ticket's number", pattern = "^[A-Za-z0-9_-]{1,64}$", example = "TX20261201000042")),
    request_body = NewComment, security(("bearer" = [])),
    responses((status = 201, description = "The comment, as posted", body = Change),
        (status = 403, description = "A requester asked for an internal comment", body = ErrorBody),
        (status = 404, description = "No such ticket, or the caller may not read its thread", body = ErrorBody),
        (status = 422, description = "`body`, `visibility`, `mentions` (a requester mentioning anyone) or `ticket_number` is invalid; every problem is listed", body = ErrorBody,
            example = json!({"error": {"code": "validation_failed", "message": "2 fields are invalid", "fields": [
                {"field": "body", "message": "must not be empty"},
                {"field": "visibility", "message": "`secret` is not `public` or `internal`"}]},
                "request_id": "01a23410-2d9c-7093-94d3-b911ec97131d"})),
        (status = 503, description = "The ticket service cannot say whether the ticket exists, or who its requester is", body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: AuthUser,
    Path(number): Path<String>,
    Json(body): Json<NewComment>,
) -> Result<(StatusCode, Json<Change>), MessagingError> {
    let change = threads::post(&state, &user, &number, None, body.into()).await?;
    Ok((StatusCode::CREATED, Json(change)))
}

/// Reply to a comment
///
/// Replies go one level deep: the comment replied to must be a top-level one. A reply to an
/// internal comment is internal, whatever was asked.
#[utoipa::path(post, path = "/comments/{id}/replies/", tag = "comments",
    operation_id = "replyToComment",
    params(("id" = i64, Path, description = "The top-level comment replied to", minimum = 1)),
    request_body = NewComment, security(("bearer" = [])),
    responses((status = 201, description = "The reply, as posted", body = Change),
        (status = 403, description = "A requester asked for an internal reply", body = ErrorBody),
        (status = 404, description = "No such comment, or the caller may not read it", body = ErrorBody),
        (status = 409, description = "The comment replied to is deleted", body = ErrorBody),
        (status = 422, description = "`body`, `visibility` or `mentions` is invalid, or `parent`: the comment is itself a reply; every problem is listed", body = ErrorBody),
        (status = 503, description = "The ticket service could not be asked who the requester is", body = ErrorBody)))]
pub async fn reply(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    Json(body): Json<NewComment>,
) -> Result<(StatusCode, Json<Change>), MessagingError> {
    let number = threads::ticket_of(&state, id).await?;
    let change = threads::post(&state, &user, &number, Some(id), body.into()).await?;
    Ok((StatusCode::CREATED, Json(change)))
}

/// Get a comment
///
/// One comment with the caller's own rating, and its replies when it is a top-level one.
#[utoipa::path(get, path = "/comments/{id}/", tag = "comments", operation_id = "getComment",
    params(("id" = i64, Path, description = "A comment id", minimum = 1)),
    security(("bearer" = [])),
    responses((status = 200, description = "The comment", body = CommentView),
        (status = 404, description = "No such comment, or the caller may not read it", body = ErrorBody)))]
pub async fn detail(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<CommentView>, MessagingError> {
    Ok(Json(threads::detail(&state, &user, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"body": "Rebooted the core switch; @Ben please check the uplink"}))]
pub struct CommentEdit {
    /// 1–10,000 characters after trimming.
    #[schema(min_length = 1, max_length = 10000)]
    pub body: String,
    /// Replaces the mentions (staff user ids, at most 50); people newly mentioned are notified.
    /// Absent: unchanged.
    #[schema(max_items = 50)]
    pub mentions: Option<Vec<i64>>,
}

/// Edit a comment
///
/// By its author or a `tts:Admin`. Sets `edited`; the previous body is kept in the audit log.
/// Only people newly mentioned are notified.
#[utoipa::path(patch, path = "/comments/{id}/", tag = "comments", operation_id = "editComment",
    params(("id" = i64, Path, description = "A comment id", minimum = 1)),
    request_body = CommentEdit, security(("bearer" = [])),
    responses((status = 200, description = "The comment, as edited", body = Change),
        (status = 403, description = "Neither the author nor a `tts:Admin`", body = ErrorBody),
        (status = 404, description = "No such comment, or the caller may not read it", body = ErrorBody),
        (status = 409, description = "The comment is deleted", body = ErrorBody),
        (status = 422, description = "`body` or `mentions` is invalid; every problem is listed", body = ErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    Json(body): Json<CommentEdit>,
) -> Result<Json<Change>, MessagingError> {
    Ok(Json(
        threads::edit(&state, &user, id, &body.body, body.mentions).await?,
    ))
}

/// Delete a comment
///
/// By its author or a `tts:Admin`: a soft delete. The comment keeps its place, marked deleted,
/// with its body wiped (kept in the audit log); its replies stay.
#[utoipa::path(delete, path = "/comments/{id}/", tag = "comments", operation_id = "deleteComment",
    params(("id" = i64, Path, description = "A comment id", minimum = 1)),
    security(("bearer" = [])),
    responses((status = 200, description = "The comment, as deleted", body = Change),
        (status = 403, description = "Neither the author nor a `tts:Admin`", body = ErrorBody),
        (status = 404, description = "No such comment, or the caller may not read it", body = ErrorBody),
        (status = 409, description = "The comment is deleted already", body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<Change>, MessagingError> {
    Ok(Json(threads::delete(&state, &user, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"rating": "up"}))]
pub struct RatingInput {
    /// `up`, `down`, or null to remove the caller's rating.
    #[schema(value_type = Option<RatingName>)]
    pub rating: Option<String>,
}

/// Rate a comment
///
/// Thumbs up or down, one per person per comment: the same call sets, switches or (with null)
/// removes the caller's rating.
#[utoipa::path(put, path = "/comments/{id}/rating/", tag = "comments", operation_id = "rateComment",
    params(("id" = i64, Path, description = "A comment id", minimum = 1)),
    request_body = RatingInput, security(("bearer" = [])),
    responses((status = 200, description = "The counts after the rating", body = RatingChange),
        (status = 404, description = "No such comment, or the caller may not read it", body = ErrorBody),
        (status = 409, description = "The comment is deleted", body = ErrorBody),
        (status = 422, description = "`rating` is not `up`, `down` or null", body = ErrorBody)))]
pub async fn rate(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    Json(input): Json<RatingInput>,
) -> Result<Json<RatingChange>, MessagingError> {
    let rating = match input.rating.as_deref() {
        None => None,
        Some(r @ ("up" | "down")) => Some(r),
        Some(other) => {
            return Err(MessagingError::invalid(
                "rating",
                format!("`{other}` is not `up`, `down` or null"),
            ));
        }
    };
    Ok(Json(threads::rate(&state, &user, id, rating).await?))
}

/// Attach a file to a comment
///
/// Multipart field `file`, by the comment's author (or a `tts:Admin`). The type is judged from
/// the bytes; files are stored once per SHA-256.
#[utoipa::path(post, path = "/comments/{id}/attachments/", tag = "attachments",
    operation_id = "attachFile",
    params(("id" = i64, Path, description = "A comment id", minimum = 1)),
    request_body(content = inline(tts_shared::files::AttachmentUpload), content_type = "multipart/form-data", description = "field `file`"), security(("bearer" = [])),
    responses((status = 201, description = "The attachment, as stored", body = AttachmentChange),
        (status = 403, description = "Neither the comment's author nor a `tts:Admin`", body = ErrorBody),
        (status = 404, description = "No such comment, or the caller may not read it", body = ErrorBody),
        (status = 409, description = "The comment is deleted", body = ErrorBody),
        (status = 413, description = "The file is larger than `attachment_max_bytes`", body = ErrorBody),
        (status = 415, description = "The bytes are not of an accepted file type", body = ErrorBody),
        (status = 422, description = "No `file` field, or an unsafe file name", body = ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<AttachmentChange>), ApiError> {
    let file = files::read_upload(multipart, state.settings.attachment_max_bytes).await?;
    let change = threads::attach(&state, &user, id, file).await?;
    Ok((StatusCode::CREATED, Json(change)))
}

/// Download an attachment
///
/// The file's bytes, for people who may read its comment.
#[utoipa::path(get, path = "/attachments/{id}", tag = "attachments", operation_id = "downloadAttachment",
    params(("id" = i64, Path, description = "An attachment id", minimum = 1)),
    security(("bearer" = [])),
    responses((status = 200, description = "The file, with its stored content type", content_type = "application/octet-stream", body = tts_shared::files::AttachmentBytes),
        (status = 404, description = "No such attachment, or the caller may not read its comment", body = ErrorBody)))]
pub async fn download(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let (row, path) = threads::attachment(&state, &user, id).await?;
    files::download(&path, &row.content_type, row.size_bytes, &row.file_name)
        .await
        .map_err(|e| MessagingError::Storage(e).into())
}
