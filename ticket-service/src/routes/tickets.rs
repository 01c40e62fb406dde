//! `/tickets/…` handlers: parse, call [`crate::tickets`], answer.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tts_shared::auth::{AuthUser, Caller, UserType};
use tts_shared::events::HelpdeskTicket;
use tts_shared::http::{ErrorBody, Json, Path, Query};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::domain::ticket::{Priority, Status};
use crate::error::TicketError;
use crate::store::tickets::ListFilter;
use crate::tickets::{self, Created, NewTicket, TicketPatch};
use crate::views::{SendResult, TicketPage, TicketView};

fn etag(version: i32) -> (header::HeaderName, HeaderValue) {
    (
        header::ETAG,
        HeaderValue::from_str(&format!("\"{version}\"")).expect("digits are a valid header"),
    )
}

/// Create a ticket; the caller is its requester. A retry with the same `Idempotency-Key` gets
/// the first answer; the same key with a different body is refused.
#[utoipa::path(post, path = "/tickets/", tag = "tickets", request_body = NewTicket,
    params(("Idempotency-Key" = Option<String>, Header, description = "makes retries safe")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "created", body = TicketView),
        (status = 401, body = ErrorBody), (status = 422, description = "invalid fields", body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: AuthUser,
    headers: HeaderMap,
    Json(input): Json<NewTicket>,
) -> Result<Response, TicketError> {
    let key = headers
        .get("idempotency-key")
        .map(|v| {
            v.to_str()
                .map(str::to_string)
                .map_err(|_| TicketError::invalid("Idempotency-Key", "must be visible ASCII"))
        })
        .transpose()?;
    Ok(match tickets::create(&state, &user, input, key).await? {
        Created::New(view) => {
            (StatusCode::CREATED, [etag(view.version)], Json(view)).into_response()
        }
        Created::Replay { status, body } => (
            StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED),
            Json(body),
        )
            .into_response(),
    })
}

/// Accept a ticket in the helpdesk's shape (`tickets.tasks.receive_ticket` args[0]); insert or
/// update it by its number. For the helpdesk's service key, `hdts:Admin` or
/// `hdts:Ticket Coordinator`.
#[utoipa::path(post, path = "/tickets/send/", tag = "tickets",
    request_body(content = Object, description = "helpdesk ticket", example = json!(tickets::helpdesk_example())),
    security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 201, description = "created", body = SendResult),
        (status = 200, description = "updated (or unchanged)", body = SendResult),
        (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn send(
    State(state): State<AppState>,
    caller: Caller,
    Json(ticket): Json<HelpdeskTicket>,
) -> Result<(StatusCode, Json<SendResult>), TicketError> {
    let result = tickets::send(&state, &caller, ticket).await?;
    let status = if result.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(result)))
}

#[derive(Debug, Deserialize, IntoParams, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    pub status: Option<String>,
    pub priority: Option<String>,
    pub department: Option<String>,
    pub category: Option<String>,
    /// Requester's user id (staff only).
    pub requester: Option<i64>,
    pub requester_type: Option<UserType>,
    /// Text in the subject, description or ticket number.
    pub q: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// List tickets, newest first: staff with a `tts` role see all, everyone else their own.
#[utoipa::path(get, path = "/tickets/", tag = "tickets", params(ListParams), security(("bearer" = [])),
    responses((status = 200, body = TicketPage), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Query(params): Query<ListParams>,
) -> Result<Json<TicketPage>, TicketError> {
    let mut problems = Vec::new();
    if let Some(s) = &params.status
        && Status::parse(s).is_none()
    {
        problems.push(("status", format!("`{s}` is not a ticket status")));
    }
    if let Some(p) = &params.priority
        && Priority::parse(p).is_none()
    {
        problems.push(("priority", format!("`{p}` is not a priority")));
    }
    let (limit, cursor) =
        tts_shared::http::cursor::page(params.limit, params.cursor.as_deref(), 't', &mut problems);
    if !problems.is_empty() {
        return Err(TicketError::Invalid(
            problems
                .into_iter()
                .map(|(field, message)| tts_shared::http::FieldError {
                    field: field.into(),
                    message,
                })
                .collect(),
        ));
    }
    let filter = ListFilter {
        status: params.status,
        priority: params.priority,
        department: params.department,
        category: params.category,
        requester_id: params.requester,
        requester_type: params.requester_type.map(|t| t.as_str().to_string()),
        q: params.q.filter(|q| !q.trim().is_empty()),
    };
    Ok(Json(
        tickets::list(&state, &user, filter, cursor, limit).await?,
    ))
}

/// One ticket with its attachments. Someone else's ticket answers 404, like a missing one. Other
/// services (by API key) may read any ticket: messaging learns a ticket's requester here.
#[utoipa::path(get, path = "/tickets/{ticket_number}/", tag = "tickets",
    params(("ticket_number" = String, Path)), security(("bearer" = []), ("api_key" = [])),
    responses((status = 200, body = TicketView), (status = 404, body = ErrorBody)))]
pub async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    Path(number): Path<String>,
) -> Result<Response, TicketError> {
    let view = tickets::get(&state, &caller, &number).await?;
    Ok(([etag(view.version)], Json(view)).into_response())
}

/// Change a ticket: its requester while it is `New` or `Open` (status only to `Withdrawn`), or a
/// `tts:Admin`. With `If-Match: "<version>"` a concurrent change answers 412.
#[utoipa::path(patch, path = "/tickets/{ticket_number}/", tag = "tickets", request_body = TicketPatch,
    params(("ticket_number" = String, Path), ("If-Match" = Option<String>, Header, description = "expected version")),
    security(("bearer" = [])),
    responses((status = 200, body = TicketView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 412, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn patch(
    State(state): State<AppState>,
    user: AuthUser,
    Path(number): Path<String>,
    headers: HeaderMap,
    Json(patch): Json<TicketPatch>,
) -> Result<Response, TicketError> {
    let if_match = headers
        .get(header::IF_MATCH)
        .map(|v| {
            v.to_str()
                .ok()
                .map(|s| s.trim().trim_start_matches("W/").trim_matches('"'))
                .and_then(|s| s.parse::<i32>().ok())
                .ok_or_else(|| {
                    TicketError::invalid("If-Match", "must be the ticket's version, e.g. \"3\"")
                })
        })
        .transpose()?;
    let view = tickets::update(&state, &user, &number, patch, if_match).await?;
    Ok(([etag(view.version)], Json(view)).into_response())
}
