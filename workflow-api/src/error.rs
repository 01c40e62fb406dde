//! The workflow API's one error type and how each case answers over HTTP.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tts_shared::db::DbError;
use tts_shared::http::{ApiError, FieldError};

use crate::domain::graph::Problem;

#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The graph or SLAs cannot be published; every problem at once.
    #[error("the workflow cannot be published")]
    Unpublishable(Vec<Problem>),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    BadRequest(String),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<diesel::result::Error> for WorkflowError {
    fn from(e: diesel::result::Error) -> Self {
        WorkflowError::Db(e.into())
    }
}

impl From<ApiError> for WorkflowError {
    fn from(e: ApiError) -> Self {
        WorkflowError::Forbidden(e.message)
    }
}

impl WorkflowError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        WorkflowError::Invalid(vec![FieldError {
            field: field.to_string(),
            message: message.into(),
        }])
    }
}

impl From<WorkflowError> for ApiError {
    fn from(e: WorkflowError) -> Self {
        match e {
            WorkflowError::NotFound(what) => ApiError::not_found(format!("no such {what}")),
            WorkflowError::Invalid(fields) => ApiError::invalid_fields(fields),
            WorkflowError::Unpublishable(problems) => ApiError {
                fields: problems
                    .iter()
                    .map(|p| FieldError {
                        // The path in the workflow (`steps[2].role_id`); the code leads the message.
                        field: p.field.clone().unwrap_or_else(|| "workflow".into()),
                        message: format!("{}: {}", p.code, p.message),
                    })
                    .collect(),
                ..ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation_failed",
                    format!(
                        "the workflow cannot be published: {} problem(s)",
                        problems.len()
                    ),
                )
            },
            WorkflowError::Forbidden(message) => ApiError::forbidden(message),
            WorkflowError::Conflict(message) => ApiError::conflict("conflict", message),
            WorkflowError::BadRequest(message) => ApiError::bad_request("bad_request", message),
            WorkflowError::Db(e) => e.into(),
        }
    }
}

impl IntoResponse for WorkflowError {
    fn into_response(self) -> Response {
        ApiError::from(self).into_response()
    }
}
