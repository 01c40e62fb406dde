//! Attachment upload and download.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tts_shared::auth::AuthUser;
use tts_shared::files;
use tts_shared::http::{ApiError, ErrorBody, Json, Path};
use utoipa::IntoParams;

use crate::AppState;
use crate::error::TicketError;
use crate::tickets;
use crate::views::AttachmentView;
use tts_shared::files::{AttachmentBytes, AttachmentUpload};

/// One attachment of one ticket.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct AttachmentPath {
    /// The ticket's number.
    #[param(example = "TX20261201000042")]
    pub ticket_number: String,
    /// The attachment's id (`id` in the ticket's `attachments`).
    #[param(minimum = 1, example = 7)]
    pub id: i64,
}

/// Upload one file to a ticket.
///
/// A `multipart/form-data` body with the file in field `file`. The type is judged from the
/// bytes; files are stored once per SHA-256. For the ticket's requester and `tts` staff.
#[utoipa::path(post, path = "/tickets/{ticket_number}/attachments/", tag = "attachments",
    operation_id = "uploadAttachment",
    params(crate::routes::tickets::TicketNumber), security(("bearer" = [])),
    request_body(content = inline(AttachmentUpload), content_type = "multipart/form-data",
        description = "One file in the field `file`."),
    responses(
        (status = 201, description = "The file is attached.", body = AttachmentView),
        (status = 404, description = "No such ticket, or not one the caller may see (`not_found`).", body = ErrorBody),
        (status = 413, description = "The file is larger than `attachment_max_bytes` (`payload_too_large`).", body = ErrorBody),
        (status = 415, description = "Not a multipart body, or the bytes are not an accepted type or do not match the declared type (`unsupported_media_type`).", body = ErrorBody),
        (status = 422, description = "No file was sent, the file is empty (`file`), or its name could name a path (`file_name`) (`validation_failed`).", body = ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    user: AuthUser,
    Path(crate::routes::tickets::TicketNumber { ticket_number }): Path<
        crate::routes::tickets::TicketNumber,
    >,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<AttachmentView>), ApiError> {
    let file = files::read_upload(multipart, state.settings.attachment_max_bytes).await?;
    let view = tickets::attach(
        &state,
        &user,
        &ticket_number,
        &file.file_name,
        &file.content_type,
        &file.bytes,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Download an attachment.
///
/// Of a ticket the caller may see. Served with the stored type, `Content-Disposition:
/// attachment` with the original name (RFC 6266) and `X-Content-Type-Options: nosniff`.
#[utoipa::path(get, path = "/tickets/{ticket_number}/attachments/{id}", tag = "attachments",
    operation_id = "downloadAttachment",
    params(AttachmentPath), security(("bearer" = [])),
    responses(
        (status = 200, description = "The file's bytes, served with the type judged at upload.",
            content_type = "application/octet-stream", body = AttachmentBytes,
            headers(("Content-Disposition" = String, description = "`attachment` with the original file name."))),
        (status = 404, description = "No such ticket (or not one the caller may see), or no such attachment on it (`not_found`).", body = ErrorBody)))]
pub async fn download(
    State(state): State<AppState>,
    user: AuthUser,
    Path(AttachmentPath { ticket_number, id }): Path<AttachmentPath>,
) -> Result<Response, ApiError> {
    let (row, path) = tickets::attachment(&state, &user, &ticket_number, id).await?;
    files::download(&path, &row.content_type, row.size_bytes, &row.file_name)
        .await
        .map_err(|e| TicketError::Storage(e).into())
}
