//! The messaging service's one error type and how each case answers over HTTP.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tts_shared::db::DbError;
use tts_shared::http::{ApiError, FieldError};

#[derive(Debug, thiserror::Error)]
pub enum MessagingError {
    /// No such thread, or the caller may not read it: the two look the same.
    #[error("ticket not found")]
    TicketNotFound,
    /// No such comment, or the caller may not see it.
    #[error("comment not found")]
    CommentNotFound,
    #[error("attachment not found")]
    AttachmentNotFound,
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Conflict(String),
    /// The ticket service could not say who the requester is.
    #[error("ticket service unavailable: {0}")]
    TicketService(String),
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("attachment storage: {0}")]
    Storage(#[from] std::io::Error),
}

impl From<diesel::result::Error> for MessagingError {
    fn from(e: diesel::result::Error) -> Self {
        MessagingError::Db(e.into())
    }
}

impl MessagingError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        MessagingError::Invalid(vec![FieldError {
            field: field.to_string(),
            message: message.into(),
        }])
    }

    /// One 422 naming every problem found (field, message), or `Ok` when there is none: checks
    /// collect their problems and answer them together rather than stopping at the first.
    pub fn check(problems: Vec<(&str, String)>) -> Result<(), MessagingError> {
        if problems.is_empty() {
            return Ok(());
        }
        Err(MessagingError::Invalid(
            problems
                .into_iter()
                .map(|(field, message)| FieldError {
                    field: field.to_string(),
                    message,
                })
                .collect(),
        ))
    }
}

impl From<MessagingError> for ApiError {
    fn from(e: MessagingError) -> Self {
        match e {
            MessagingError::TicketNotFound => ApiError::not_found("no such ticket"),
            MessagingError::CommentNotFound => ApiError::not_found("no such comment"),
            MessagingError::AttachmentNotFound => ApiError::not_found("no such attachment"),
            MessagingError::Invalid(fields) => ApiError::invalid_fields(fields),
            MessagingError::Forbidden(message) => ApiError::forbidden(message),
            MessagingError::Conflict(message) => ApiError::conflict("conflict", message),
            MessagingError::TicketService(cause) => {
                tracing::warn!(%cause, "cannot reach the ticket service");
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "ticket_service_unavailable",
                    "cannot check access to this ticket right now; try again shortly",
                )
            }
            MessagingError::Api(e) => e,
            MessagingError::Db(e) => e.into(),
            MessagingError::Storage(e) => ApiError::internal(format!("attachment storage: {e}")),
        }
    }
}

impl IntoResponse for MessagingError {
    fn into_response(self) -> Response {
        ApiError::from(self).into_response()
    }
}
