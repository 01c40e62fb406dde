//! The ticket service's one error type and how each case answers over HTTP.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tts_shared::db::DbError;
use tts_shared::http::{ApiError, FieldError};

#[derive(Debug, thiserror::Error)]
pub enum TicketError {
    /// Unknown, or not visible to the caller: the two look the same so existence never leaks.
    #[error("ticket not found")]
    NotFound,
    #[error("attachment not found")]
    AttachmentNotFound,
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    Forbidden(String),
    #[error("the ticket changed: version is {current}")]
    VersionConflict { current: i32 },
    #[error("{0}")]
    Conflict(String),
    #[error("this Idempotency-Key was used with a different request")]
    IdempotencyMismatch,
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("attachment storage: {0}")]
    Storage(#[from] std::io::Error),
}

impl From<diesel::result::Error> for TicketError {
    fn from(e: diesel::result::Error) -> Self {
        TicketError::Db(e.into())
    }
}

impl TicketError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        TicketError::Invalid(vec![FieldError {
            field: field.to_string(),
            message: message.into(),
        }])
    }
}

impl From<TicketError> for ApiError {
    fn from(e: TicketError) -> Self {
        match e {
            TicketError::NotFound => ApiError::not_found("no such ticket"),
            TicketError::AttachmentNotFound => ApiError::not_found("no such attachment"),
            TicketError::Invalid(fields) => ApiError::invalid_fields(fields),
            TicketError::Forbidden(message) => ApiError::forbidden(message),
            TicketError::VersionConflict { current } => ApiError::new(
                StatusCode::PRECONDITION_FAILED,
                "version_conflict",
                format!("the ticket was changed by someone else; its version is now {current}"),
            ),
            TicketError::Conflict(message) => ApiError::conflict("conflict", message),
            TicketError::IdempotencyMismatch => ApiError {
                fields: vec![FieldError {
                    field: "Idempotency-Key".into(),
                    message: "was already used with a different request body".into(),
                }],
                ..ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "idempotency_key_reused",
                    "this Idempotency-Key was already used with a different request body",
                )
            },
            TicketError::Db(e) => e.into(),
            TicketError::Storage(e) => ApiError::internal(format!("attachment storage: {e}")),
        }
    }
}

impl IntoResponse for TicketError {
    fn into_response(self) -> Response {
        ApiError::from(self).into_response()
    }
}
