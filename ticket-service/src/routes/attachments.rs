//! Attachment upload and download.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use tts_shared::auth::AuthUser;
use tts_shared::files;
use tts_shared::http::{ApiError, ErrorBody, Json, Path};

use crate::AppState;
use crate::error::TicketError;
use crate::tickets;
use crate::views::AttachmentView;

/// Upload one file (multipart field `file`). The type is judged from the bytes; files are
/// stored once per SHA-256.
#[utoipa::path(post, path = "/tickets/{ticket_number}/attachments/", tag = "attachments",
    params(("ticket_number" = String, Path)), security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "field `file`"),
    responses((status = 201, body = AttachmentView), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    user: AuthUser,
    Path(number): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<AttachmentView>), ApiError> {
    let file = files::read_upload(multipart, state.settings.attachment_max_bytes).await?;
    let view = tickets::attach(
        &state,
        &user,
        &number,
        &file.file_name,
        &file.content_type,
        &file.bytes,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Download an attachment of a ticket the caller may see.
#[utoipa::path(get, path = "/tickets/{ticket_number}/attachments/{id}", tag = "attachments",
    params(("ticket_number" = String, Path), ("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, description = "the file", content_type = "application/octet-stream"),
        (status = 404, body = ErrorBody)))]
pub async fn download(
    State(state): State<AppState>,
    user: AuthUser,
    Path((number, id)): Path<(String, i64)>,
) -> Result<Response, ApiError> {
    let (row, path) = tickets::attachment(&state, &user, &number, id).await?;
    files::download(&path, &row.content_type, row.size_bytes, &row.file_name)
        .await
        .map_err(|e| TicketError::Storage(e).into())
}
