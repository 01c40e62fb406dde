//! `/tickets/…` handlers: parse, call [`crate::tickets`], answer.

use std::borrow::Cow;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tts_shared::auth::{AuthUser, Caller, UserType};
use tts_shared::events::HelpdeskTicket;
use tts_shared::http::{ErrorBody, Json, Path, Query};
use utoipa::openapi::{RefOr, schema::Schema};
use utoipa::{IntoParams, PartialSchema, ToSchema};

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

/// The ticket a path names.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TicketNumber {
    /// `TX` + UTC `yyyymmdd` + 6 digits, or a helpdesk's own number.
    #[param(example = "TX20261201000042")]
    pub ticket_number: String,
}

/// Create a ticket; the caller is its requester.
///
/// Every invalid field (and a malformed `Idempotency-Key`) is reported at once. A retry with the
/// same `Idempotency-Key` by the same person gets the first answer (status and body, no second
/// ticket); the same key with a different body is refused. The answer carries
/// `ETag: "<version>"`.
#[utoipa::path(post, path = "/tickets/", tag = "tickets", operation_id = "createTicket",
    request_body = NewTicket,
    params(("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 255,
        description = "Visible ASCII, 1–255 characters, per person: makes retries safe.")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The ticket was created (or this is the stored answer to the first request with this key).", body = TicketView,
            headers(("ETag" = String, description = "The ticket's version, quoted."))),
        (status = 409, description = "No free ticket number is left today (`conflict`).", body = ErrorBody),
        (status = 422, description = "Invalid fields, each named (`validation_failed`), or the `Idempotency-Key` was already used with a different body (`idempotency_key_reused`).", body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: AuthUser,
    headers: HeaderMap,
    Json(input): Json<NewTicket>,
) -> Result<Response, TicketError> {
    let key = headers.get("idempotency-key").map(HeaderValue::as_bytes);
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

/// Body of `POST /tickets/send/`: a ticket in the helpdesk's shape, as
/// `tickets.tasks.receive_ticket` carries it in args[0].
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct HelpdeskTicketBody(pub HelpdeskTicket);

/// A ticket in the helpdesk's shape (`tickets.tasks.receive_ticket` args[0]). Fields TTS does
/// not interpret are accepted and kept.
#[derive(Serialize, ToSchema)]
#[schema(as = HelpdeskTicket, example = json!(crate::examples::helpdesk_ticket()))]
#[allow(dead_code)]
struct HelpdeskTicketDoc {
    /// The ticket number, if `ticket_number` is absent (a string or a number).
    #[schema(value_type = Option<Value>)]
    id: Option<Value>,
    /// 1–64 letters, digits, `-` or `_`. The number is the first of `ticket_number`,
    /// `ticket_id`, `id`, `original_ticket_id`.
    #[schema(max_length = 64)]
    ticket_number: Option<String>,
    #[schema(value_type = Option<Value>)]
    ticket_id: Option<Value>,
    #[schema(value_type = Option<Value>)]
    original_ticket_id: Option<Value>,
    /// Required (not blank), at most 255 characters.
    #[schema(max_length = 255)]
    subject: String,
    #[schema(max_length = 20000)]
    description: Option<String>,
    category: Option<String>,
    /// Also accepted as `subcategory`.
    sub_category: Option<String>,
    department: Option<String>,
    /// `Low`, `Medium` (the default), `High` or `Critical`.
    priority: Option<String>,
    /// A ticket status; default `Open`.
    status: Option<String>,
    submit_date: Option<String>,
    update_date: Option<String>,
    /// The requester, an employee.
    employee_id: Option<i64>,
    employee_company_id: Option<String>,
    #[schema(format = Email)]
    employee_email: Option<String>,
    #[schema(value_type = Option<Object>)]
    employee: Option<Value>,
    /// The helpdesk's attachment records, passed on unchanged.
    #[schema(value_type = Vec<Object>, required = false)]
    attachments: Vec<Value>,
    /// A JSON object (or null), at most 64 KiB serialised; becomes the ticket's `data`.
    #[schema(value_type = Option<Object>)]
    dynamic_data: Option<Value>,
    asset_name: Option<String>,
    #[schema(value_type = Option<Value>)]
    requested_budget: Option<Value>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

impl PartialSchema for HelpdeskTicketBody {
    fn schema() -> RefOr<Schema> {
        HelpdeskTicketDoc::schema()
    }
}

impl ToSchema for HelpdeskTicketBody {
    fn name() -> Cow<'static, str> {
        HelpdeskTicketDoc::name()
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        HelpdeskTicketDoc::schemas(schemas)
    }
}

/// Insert or update a helpdesk's ticket by its number.
///
/// Takes the ticket in the helpdesk's shape (`tickets.tasks.receive_ticket` args[0]). For the
/// helpdesk's service key (scope `helpdesk:upsert`), `hdts:Admin` or `hdts:Ticket Coordinator`.
/// Sending the same ticket again changes nothing and is not handed off again; a re-sent status
/// never moves the ticket backwards.
#[utoipa::path(post, path = "/tickets/send/", tag = "tickets", operation_id = "sendHelpdeskTicket",
    request_body = HelpdeskTicketBody,
    security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 201, description = "The ticket was inserted.", body = SendResult),
        (status = 200, description = "The ticket was updated, or was already as sent.", body = SendResult),
        (status = 403, description = "The key lacks `helpdesk:upsert`, or the person is neither `hdts:Admin` nor `hdts:Ticket Coordinator`.", body = ErrorBody),
        (status = 409, description = "The number belongs to a ticket created through `POST /tickets/`, or the same number is being inserted right now (retry).", body = ErrorBody),
        (status = 422, description = "Every invalid field of the ticket, each named (`validation_failed`).", body = ErrorBody)))]
pub async fn send(
    State(state): State<AppState>,
    caller: Caller,
    Json(HelpdeskTicketBody(ticket)): Json<HelpdeskTicketBody>,
) -> Result<(StatusCode, Json<SendResult>), TicketError> {
    let result = tickets::send(&state, &caller, ticket).await?;
    let status = if result.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(result)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only tickets in this status.
    #[param(value_type = Option<Status>)]
    pub status: Option<String>,
    /// Only tickets of this priority.
    #[param(value_type = Option<Priority>)]
    pub priority: Option<String>,
    /// Exact department.
    pub department: Option<String>,
    /// Exact category.
    pub category: Option<String>,
    /// Requester's user id (staff only).
    #[param(minimum = 1)]
    pub requester: Option<i64>,
    /// Requester's user type.
    pub requester_type: Option<UserType>,
    /// Text in the subject, description or ticket number (case-insensitive, literal).
    pub q: Option<String>,
    /// Page size.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page (opaque).
    pub cursor: Option<String>,
}

/// List tickets, newest first.
///
/// Staff with a `tts` role see every ticket, everyone else their own. Paged with `limit` and
/// `cursor`: pass `next_cursor` as `cursor` for the next page; it is absent on the last page.
#[utoipa::path(get, path = "/tickets/", tag = "tickets", operation_id = "listTickets",
    params(ListParams), security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of tickets, newest first.", body = TicketPage),
        (status = 422, description = "A filter or paging parameter is invalid; every problem is named (`validation_failed`).", body = ErrorBody)))]
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

/// One ticket with its attachments.
///
/// For its requester and `tts` staff; someone else's ticket answers 404, like a missing one.
/// Other services (by API key with `tickets:read`) may read any ticket: messaging learns a
/// ticket's requester here. The answer carries `ETag: "<version>"`.
#[utoipa::path(get, path = "/tickets/{ticket_number}/", tag = "tickets", operation_id = "getTicket",
    params(TicketNumber), security(("bearer" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The ticket, with `attachments`.", body = TicketView,
            headers(("ETag" = String, description = "The ticket's version, quoted."))),
        (status = 403, description = "The API key lacks `tickets:read`.", body = ErrorBody),
        (status = 404, description = "No such ticket, or not one the caller may see (`not_found`).", body = ErrorBody)))]
pub async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    Path(TicketNumber { ticket_number }): Path<TicketNumber>,
) -> Result<Response, TicketError> {
    let view = tickets::get(&state, &caller, &ticket_number).await?;
    Ok(([etag(view.version)], Json(view)).into_response())
}

/// Change a ticket.
///
/// Its requester while it is `New` or `Open` (status only to `Withdrawn`), or a `tts:Admin` at
/// any time. With `If-Match: "<version>"` a concurrent change answers 412. A change that changes
/// nothing keeps the version.
#[utoipa::path(patch, path = "/tickets/{ticket_number}/", tag = "tickets", operation_id = "updateTicket",
    request_body = TicketPatch,
    params(TicketNumber,
        ("If-Match" = Option<String>, Header, example = "\"3\"",
            description = "The version the change is based on: `\"<version>\"`, `W/\"<version>\"` or a bare number.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket after the change.", body = TicketView,
            headers(("ETag" = String, description = "The ticket's version, quoted."))),
        (status = 403, description = "The caller is neither the requester nor a `tts:Admin`, or the ticket is past `Open` and only a `tts:Admin` may change it.", body = ErrorBody),
        (status = 404, description = "No such ticket, or not one the caller may see (`not_found`).", body = ErrorBody),
        (status = 412, description = "`If-Match` names an older version: someone changed the ticket since (`version_conflict`; the message gives the current version).", body = ErrorBody),
        (status = 422, description = "Invalid fields or `If-Match`, each named, or a requester setting a status other than `Withdrawn` (`validation_failed`).", body = ErrorBody)))]
pub async fn patch(
    State(state): State<AppState>,
    user: AuthUser,
    Path(TicketNumber { ticket_number }): Path<TicketNumber>,
    headers: HeaderMap,
    Json(patch): Json<TicketPatch>,
) -> Result<Response, TicketError> {
    let if_match = headers.get(header::IF_MATCH).map(HeaderValue::as_bytes);
    let view = tickets::update(&state, &user, &ticket_number, patch, if_match).await?;
    Ok(([etag(view.version)], Json(view)).into_response())
}
