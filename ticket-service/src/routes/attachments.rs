//! Attachment upload and download.

use axum::body::Body;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio_util::io::ReaderStream;
use tts_shared::auth::AuthUser;
use tts_shared::http::{ErrorBody, Json, Path};

use crate::AppState;
use crate::domain::attachment;
use crate::error::TicketError;
use crate::tickets;
use crate::views::AttachmentView;

fn multipart_error(e: axum::extract::multipart::MultipartError) -> TicketError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        TicketError::TooLarge("the file is larger than allowed".into())
    } else {
        TicketError::BadRequest(format!("malformed multipart body: {}", e.body_text()))
    }
}

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
) -> Result<(StatusCode, Json<AttachmentView>), TicketError> {
    let mut multipart = multipart.map_err(|_| {
        TicketError::UnsupportedMedia(
            "expected a multipart/form-data body with a `file` field".into(),
        )
    })?;
    let max = state.settings.attachment_max_bytes;
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        let Some(raw_name) = field.file_name().map(str::to_string) else {
            continue;
        };
        let declared = field.content_type().map(str::to_string);
        let name =
            attachment::file_name(&raw_name).map_err(|m| TicketError::invalid("file_name", m))?;
        let bytes = field.bytes().await.map_err(multipart_error)?;
        if bytes.len() as u64 > max {
            return Err(TicketError::TooLarge(format!(
                "the file is larger than {max} bytes"
            )));
        }
        if bytes.is_empty() {
            return Err(TicketError::invalid("file", "is empty"));
        }
        let content_type = attachment::content_type(&bytes, declared.as_deref())
            .map_err(TicketError::UnsupportedMedia)?;
        let view = tickets::attach(&state, &user, &number, &name, &content_type, &bytes).await?;
        return Ok((StatusCode::CREATED, Json(view)));
    }
    Err(TicketError::invalid("file", "no file was sent"))
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
) -> Result<Response, TicketError> {
    let (row, path) = tickets::attachment(&state, &user, &number, id).await?;
    let file = tokio::fs::File::open(&path).await?;
    let headers = [
        (header::CONTENT_TYPE, header_value(&row.content_type)),
        (
            header::CONTENT_LENGTH,
            header_value(&row.size_bytes.to_string()),
        ),
        (
            header::CONTENT_DISPOSITION,
            header_value(&content_disposition(&row.file_name)),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, max-age=0"),
        ),
    ];
    Ok((headers, Body::from_stream(ReaderStream::new(file))).into_response())
}

fn header_value(text: &str) -> HeaderValue {
    HeaderValue::from_str(text)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"))
}

/// `attachment; filename="plain"; filename*=UTF-8''encoded` (RFC 6266): browsers that know
/// RFC 5987 get the real name, others a safe ASCII one.
fn content_disposition(name: &str) -> String {
    let plain: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{plain}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_disposition_is_safe_and_keeps_the_real_name() {
        assert_eq!(
            content_disposition("résumé \"v2\".pdf"),
            "attachment; filename=\"r_sum_ _v2_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22v2%22.pdf"
        );
    }
}
