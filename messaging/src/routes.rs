//! Every endpoint of the messaging service. Handlers only translate HTTP to [`crate::threads`].

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tts_shared::auth::AuthUser;
use tts_shared::files;
use tts_shared::http::{ApiError, ErrorBody, Json, Path, Query};
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::MessagingError;
use crate::threads::{self, Draft};
use crate::views::{AttachmentChange, Change, CommentView, RatingChange, ThreadPage};

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
        // A WebSocket: described in docs/api.md, not in the OpenAPI document.
        .route(
            "/ws/tickets/{ticket_number}/",
            axum::routing::get(crate::live::socket),
        )
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    /// 1–100 top-level comments, default 50 (each with all its replies).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page (≥ 0).
    #[param(minimum = 0)]
    pub cursor: Option<i64>,
}

/// The thread of a ticket: top-level comments oldest first, each with its replies.
#[utoipa::path(get, path = "/tickets/{ticket_number}/comments/", tag = "comments",
    params(("ticket_number" = String, Path), ListParams), security(("bearer" = [])),
    responses((status = 200, body = ThreadPage), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Path(number): Path<String>,
    Query(p): Query<ListParams>,
) -> Result<Json<ThreadPage>, MessagingError> {
    let limit = p.limit.unwrap_or(50);
    if !(1..=100).contains(&limit) {
        return Err(MessagingError::invalid(
            "limit",
            "must be between 1 and 100",
        ));
    }
    if p.cursor.is_some_and(|c| c < 0) {
        return Err(MessagingError::invalid(
            "cursor",
            "must be a `next_cursor` of a previous page (≥ 0)",
        ));
    }
    Ok(Json(
        threads::list(&state, &user, &number, p.cursor, limit).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    /// 1–10,000 characters.
    pub body: String,
    /// `public` (default) or `internal` (staff only). A reply to an internal comment is internal.
    pub visibility: Option<String>,
    /// Staff user ids to notify as mentioned; those who may not read the comment are not told
    /// (see `mentions_not_notified` in the answer).
    #[serde(default)]
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

/// Comment on a ticket. The answer carries the event's sequence number.
#[utoipa::path(post, path = "/tickets/{ticket_number}/comments/", tag = "comments",
    params(("ticket_number" = String, Path)), request_body = NewComment, security(("bearer" = [])),
    responses((status = 201, body = Change), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: AuthUser,
    Path(number): Path<String>,
    Json(body): Json<NewComment>,
) -> Result<(StatusCode, Json<Change>), MessagingError> {
    let change = threads::post(&state, &user, &number, None, body.into()).await?;
    Ok((StatusCode::CREATED, Json(change)))
}

/// Reply to a top-level comment (replies go one level deep).
#[utoipa::path(post, path = "/comments/{id}/replies/", tag = "comments",
    params(("id" = i64, Path)), request_body = NewComment, security(("bearer" = [])),
    responses((status = 201, body = Change), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
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

/// One comment, with its replies when it is a top-level one.
#[utoipa::path(get, path = "/comments/{id}/", tag = "comments", params(("id" = i64, Path)),
    security(("bearer" = [])), responses((status = 200, body = CommentView), (status = 404, body = ErrorBody)))]
pub async fn detail(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<CommentView>, MessagingError> {
    Ok(Json(threads::detail(&state, &user, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentEdit {
    pub body: String,
    /// Replaces the mentions; people newly mentioned are notified. Absent: unchanged.
    pub mentions: Option<Vec<i64>>,
}

/// Edit a comment (its author, or a tts:Admin).
#[utoipa::path(patch, path = "/comments/{id}/", tag = "comments", params(("id" = i64, Path)),
    request_body = CommentEdit, security(("bearer" = [])),
    responses((status = 200, body = Change), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
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

/// Delete a comment (its author, or a tts:Admin). The thread keeps its place, marked deleted.
#[utoipa::path(delete, path = "/comments/{id}/", tag = "comments", params(("id" = i64, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = Change), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<Change>, MessagingError> {
    Ok(Json(threads::delete(&state, &user, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingInput {
    /// `up`, `down`, or null to remove the caller's rating.
    pub rating: Option<String>,
}

/// Thumbs up or down, one per person per comment; the same call changes or removes it.
#[utoipa::path(put, path = "/comments/{id}/rating/", tag = "comments", params(("id" = i64, Path)),
    request_body = RatingInput, security(("bearer" = [])),
    responses((status = 200, body = RatingChange), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
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

/// Attach a file (multipart field `file`) to one's own comment. The type is judged from the
/// bytes; files are stored once per SHA-256.
#[utoipa::path(post, path = "/comments/{id}/attachments/", tag = "attachments", params(("id" = i64, Path)),
    request_body(content_type = "multipart/form-data", description = "field `file`"), security(("bearer" = [])),
    responses((status = 201, body = AttachmentChange), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
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

/// Download an attachment of a comment the caller may read.
#[utoipa::path(get, path = "/attachments/{id}", tag = "attachments", params(("id" = i64, Path)),
    security(("bearer" = [])),
    responses((status = 200, description = "the file", content_type = "application/octet-stream"),
        (status = 404, body = ErrorBody)))]
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
