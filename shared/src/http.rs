//! The HTTP face every service shares: one error type with one JSON envelope, extractors whose
//! rejections use that envelope, health/readiness/metrics routes, the OpenAPI docs mount and the
//! common middleware stack.
//!
//! Error body, for every 4xx and 5xx:
//! `{"error": {"code": "validation_failed", "message": "…", "fields": [{"field": "subject", "message": "…"}]}, "request_id": "…"}`

use std::borrow::Cow;
use std::time::Duration;

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Router, body::Body};
use serde::{Deserialize, Serialize};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;
use utoipa::ToSchema;
use utoipa_swagger_ui::SwaggerUi;

use crate::platform::Platform;
use crate::telemetry;

mod document;
#[cfg(test)]
mod tests;
mod validate;

pub use validate::BodySchema;

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    /// Dotted path of the field in the request (`subject`, `steps[2].role_id`, path or query name).
    pub field: String,
    pub message: String,
}

/// The error every endpoint returns.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    /// Stable machine-readable code (`validation_failed`, `not_found`, …).
    pub code: Cow<'static, str>,
    /// A sentence for people. Never carries internal causes.
    pub message: String,
    pub fields: Vec<FieldError>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// JSON body of every error response.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "error": {
        "code": "validation_failed",
        "message": "3 fields are invalid",
        "fields": [
            {"field": "priority", "message": "must be one of Low, Medium, High, Critical"},
            {"field": "steps[2].role_id", "message": "is required"},
            {"field": "subject", "message": "expected a string, got an integer"}
        ]
    },
    "request_id": "01936f4c-7d2e-7b61-9a43-5f0e8c2d1a7b"
}))]
pub struct ErrorBody {
    pub error: ErrorDetail,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        code: impl Into<Cow<'static, str>>,
        message: impl Into<String>,
    ) -> Self {
        ApiError {
            status,
            code: code.into(),
            message: message.into(),
            fields: Vec::new(),
        }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 422 naming one field.
    pub fn invalid_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::invalid_fields(vec![FieldError {
            field: field.into(),
            message: message.into(),
        }])
    }

    /// 422 naming every problem at once.
    pub fn invalid_fields(fields: Vec<FieldError>) -> Self {
        let message = match fields.as_slice() {
            [one] => format!("{}: {}", one.field, one.message),
            many => format!("{} fields are invalid", many.len()),
        };
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "validation_failed".into(),
            message,
            fields,
        }
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", what)
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, message)
    }

    /// A dependency (database, broker) cannot serve the request right now.
    pub fn unavailable(what: impl Into<String>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", what)
    }

    /// Logs the cause once, answers a generic 500.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error; the request id identifies it in the logs",
        )
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code.to_string(),
                message: self.message.clone(),
                fields: self.fields.clone(),
            },
            request_id: telemetry::current_request_id(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.message)
    }
}

impl std::error::Error for ApiError {}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body())).into_response()
    }
}

impl From<crate::db::DbError> for ApiError {
    fn from(e: crate::db::DbError) -> Self {
        match e {
            crate::db::DbError::Unavailable(cause) => {
                tracing::warn!(error = %cause, "database unavailable");
                ApiError::unavailable("database unavailable")
            }
            crate::db::DbError::Query(cause) => ApiError::internal(cause),
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        crate::db::DbError::from(e).into()
    }
}

/// `axum::Json` whose rejection is an [`ApiError`] naming every offending field.
///
/// A body serde accepts takes no other step. A body that is JSON but that serde refuses is
/// walked against `T`'s OpenAPI schema ([`BodySchema`]), so the 422 `validation_failed` lists
/// every problem at once (`steps[2].role_id: is required`, `priority: must be one of …`), not
/// only the first one serde met; serde's own error is added when the schema did not see it.
/// A body that is not JSON at all is 400 `malformed_json`.
///
/// A NUL character (`\u0000`) in any string or key is refused here, once for every endpoint, as
/// 422 naming each field: PostgreSQL cannot store it in text or jsonb, and no field needs it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<S, T> FromRequest<S> for Json<T>
where
    T: serde::de::DeserializeOwned + ToSchema,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json_content_type(request.headers()) {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "expected `Content-Type: application/json`",
            ));
        }
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "payload_too_large",
                        "request body is larger than allowed",
                    )
                } else {
                    ApiError::new(rejection.status(), "invalid_body", rejection.body_text())
                }
            })?;
        refuse_nul_in_json(&bytes)?;
        match axum::Json::<T>::from_bytes(&bytes) {
            Ok(axum::Json(value)) => Ok(Json(value)),
            Err(rejection @ JsonRejection::JsonDataError(_)) => {
                Err(body_problems(&BodySchema::of::<T>(), &bytes, &rejection))
            }
            Err(rejection) => Err(rejection.into()),
        }
    }
}

/// Every problem of a JSON body serde refused: the schema walk's, plus serde's own error when the
/// walk did not see it (a rule the schema does not carry), so a refusal is never silent.
fn body_problems(schema: &BodySchema, bytes: &[u8], rejection: &JsonRejection) -> ApiError {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return ApiError::from_json_rejection(rejection);
    };
    let mut fields = schema.problems(&value);
    match json_field_error(rejection) {
        Some(serde_field) if !is_covered(&serde_field.field, &fields) => fields.push(serde_field),
        Some(_) => {}
        None if fields.is_empty() => return ApiError::from_json_rejection(rejection),
        None => {}
    }
    ApiError::invalid_fields(fields)
}

/// `field` is already reported, itself or through a part of it.
fn is_covered(field: &str, reported: &[FieldError]) -> bool {
    reported.iter().any(|r| {
        r.field == field
            || field == "body"
            || r.field.starts_with(&format!("{field}."))
            || r.field.starts_with(&format!("{field}["))
    })
}

fn is_json_content_type(headers: &header::HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    let essence = essence.to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// 422 naming every string or key that holds a NUL character. JSON can only carry one escaped,
/// so bodies without the text `\u0000` are not parsed twice.
fn refuse_nul_in_json(bytes: &[u8]) -> Result<(), ApiError> {
    const ESCAPED_NUL: &[u8] = b"\\u0000";
    if !bytes.windows(ESCAPED_NUL.len()).any(|w| w == ESCAPED_NUL) {
        return Ok(());
    }
    // Not JSON (or `\\u0000`, an escaped backslash): the real parse reports it, or it is fine.
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return Ok(());
    };
    let mut fields = Vec::new();
    nul_fields(&value, String::new(), &mut fields);
    if fields.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid_fields(fields))
    }
}

fn nul_fields(value: &serde_json::Value, path: String, out: &mut Vec<FieldError>) {
    let name = |path: &str| {
        if path.is_empty() {
            "body".to_string()
        } else {
            path.to_string()
        }
    };
    match value {
        serde_json::Value::String(text) if text.contains('\0') => out.push(FieldError {
            field: name(&path),
            message: "must not contain a NUL character".into(),
        }),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                nul_fields(item, format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if key.contains('\0') {
                    out.push(FieldError {
                        field: name(&child.replace('\0', "\\u0000")),
                        message: "a key must not contain a NUL character".into(),
                    });
                    continue;
                }
                nul_fields(item, child, out);
            }
        }
        _ => {}
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// `axum::extract::Path` whose rejection is an [`ApiError`] naming the parameter.
#[derive(Debug)]
pub struct Path<T>(pub T);

impl<S, T> FromRequestParts<S> for Path<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(rejection) => {
                // A single bare parameter's error carries no name; the raw params have it.
                let params: Vec<(String, String)> =
                    axum::extract::RawPathParams::from_request_parts(parts, state)
                        .await
                        .map(|raw| {
                            raw.iter()
                                .map(|(k, v)| (k.to_string(), v.to_string()))
                                .collect()
                        })
                        .unwrap_or_default();
                Err(path_error(&rejection, &params))
            }
        }
    }
}

/// 422 naming the path parameter whose text is not of its type. Other path rejections are
/// routing mistakes in the service, not the caller's.
fn path_error(rejection: &PathRejection, params: &[(String, String)]) -> ApiError {
    use axum::extract::path::ErrorKind;
    let PathRejection::FailedToDeserializePathParams(e) = rejection else {
        return ApiError::internal(rejection.body_text());
    };
    let named = |key: Option<&String>, value: &str, problem: &str| {
        let field = key
            .cloned()
            .or_else(|| guess_parameter(params, value, problem))
            .unwrap_or_else(|| "path".into());
        let message = describe_value_problem(problem, value);
        ApiError::invalid_field(field, message)
    };
    match e.kind() {
        ErrorKind::ParseErrorAtKey {
            key,
            value,
            expected_type,
        } => named(Some(key), value, &expected_type_problem(expected_type)),
        ErrorKind::ParseErrorAtIndex {
            index,
            value,
            expected_type,
        } => named(
            params.get(*index).map(|(k, _)| k),
            value,
            &expected_type_problem(expected_type),
        ),
        ErrorKind::ParseError {
            value,
            expected_type,
        } => named(None, value, &expected_type_problem(expected_type)),
        ErrorKind::DeserializeError {
            key,
            value,
            message,
        } => ApiError::invalid_field(key.clone(), describe_value_problem(message, value)),
        ErrorKind::InvalidUtf8InPathParam { key } => {
            ApiError::invalid_field(key.clone(), "is not valid UTF-8")
        }
        ErrorKind::Message(message) => {
            let field = guess_parameter(params, "", message).unwrap_or_else(|| "path".into());
            let value = params
                .iter()
                .find(|(k, _)| *k == field)
                .map(|(_, v)| v.as_str())
                .unwrap_or_default();
            ApiError::invalid_field(field, describe_value_problem(message, value))
        }
        _ => ApiError::internal(e.body_text()),
    }
}

/// Which parameter failed, when the error does not say: the only one, the one holding `value`,
/// or the only one whose text is not of the kind the error asks for.
fn guess_parameter(params: &[(String, String)], value: &str, problem: &str) -> Option<String> {
    if let [(only, _)] = params {
        return Some(only.clone());
    }
    if !value.is_empty()
        && let Some((k, _)) = params.iter().find(|(_, v)| v == value)
    {
        return Some(k.clone());
    }
    let looks_wrong = |v: &str| match value_kind(problem) {
        ValueKind::Uuid => uuid::Uuid::parse_str(v).is_err(),
        ValueKind::DateTime => chrono::DateTime::parse_from_rfc3339(v).is_err(),
        ValueKind::Integer | ValueKind::NonNegative => v.parse::<i128>().is_err(),
        _ => false,
    };
    match params
        .iter()
        .filter(|(_, v)| looks_wrong(v))
        .collect::<Vec<_>>()
        .as_slice()
    {
        [(k, _)] => Some(k.clone()),
        _ => None,
    }
}

/// axum names the Rust type a path segment should have been; say it in the API's words.
fn expected_type_problem(expected_type: &str) -> String {
    let t = expected_type.rsplit("::").next().unwrap_or(expected_type);
    match t {
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "invalid digit found in string".into(),
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "expected a non-negative integer".into(),
        "f32" | "f64" => "invalid float literal".into(),
        "bool" => "provided string was not `true` or `false`".into(),
        other => format!("expected {other}"),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum ValueKind {
    Integer,
    NonNegative,
    Number,
    Boolean,
    DateTime,
    Uuid,
    Other,
}

/// What kind of text a deserializer wanted, read from its error message (serde, chrono, uuid and
/// the standard parsers each word it their own way).
fn value_kind(problem: &str) -> ValueKind {
    let p = problem.to_ascii_lowercase();
    if p.contains("non-negative") {
        ValueKind::NonNegative
    } else if p.contains("digit") || p.contains("integer") || p.contains("too large to fit") {
        ValueKind::Integer
    } else if p.contains("float") {
        ValueKind::Number
    } else if p.contains("`true` or `false`") || p.contains("boolean") {
        ValueKind::Boolean
    } else if p.contains("uuid") || p.contains("urn:") || p.contains("invalid group") {
        ValueKind::Uuid
    } else if [
        "input contains invalid characters",
        "premature end of input",
        "trailing input",
        "input is out of range",
        "input is not enough",
        "no possible date and time",
    ]
    .iter()
    .any(|m| p.contains(m))
    {
        ValueKind::DateTime
    } else {
        ValueKind::Other
    }
}

/// A plain sentence for a query or path parameter's text that did not parse.
fn describe_value_problem(problem: &str, value: &str) -> String {
    let got = if value.is_empty() {
        "got nothing".to_string()
    } else {
        format!("got `{value}`")
    };
    if let Some(rest) = problem.strip_prefix("unknown variant `") {
        let allowed = rest
            .split_once("expected one of ")
            .or_else(|| rest.split_once("expected "))
            .map(|(_, list)| list.replace('`', ""))
            .unwrap_or_default();
        return format!("must be one of {allowed}");
    }
    match value_kind(problem) {
        ValueKind::Integer if value.starts_with('-') && problem.contains("digit") => {
            format!("expected a non-negative integer, {got}")
        }
        ValueKind::Integer if problem.contains("too large") => format!("is out of range, {got}"),
        ValueKind::Integer => format!("expected an integer, {got}"),
        ValueKind::NonNegative => format!("expected a non-negative integer, {got}"),
        ValueKind::Number => format!("expected a number, {got}"),
        ValueKind::Boolean => format!("expected true or false, {got}"),
        ValueKind::DateTime => {
            format!("expected an RFC 3339 date-time such as 2026-12-01T09:00:00Z, {got}")
        }
        ValueKind::Uuid => format!("expected a UUID, {got}"),
        ValueKind::Other => {
            let problem = problem.split(" at line ").next().unwrap_or(problem);
            format!("{problem} ({got})")
        }
    }
}

/// The opaque cursor of a newest-first list paged by row id: base64url of a one-letter `kind`
/// and the last id of the page. The kind keeps one list's cursor from being taken for another's.
pub mod cursor {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    pub fn encode(kind: char, id: i64) -> String {
        URL_SAFE_NO_PAD.encode(format!("{kind}{id}"))
    }

    /// The id a cursor of `kind` carries; `None` for anything this API did not hand out.
    pub fn decode(kind: char, cursor: &str) -> Option<i64> {
        let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).ok()?).ok()?;
        text.strip_prefix(kind)?.parse().ok()
    }

    /// The paging parameters of such a list: `limit` (1–200, default 50) and a `cursor` of
    /// `kind`. Each problem is added to `problems` naming its parameter, beside the list's own.
    pub fn page(
        limit: Option<i64>,
        cursor: Option<&str>,
        kind: char,
        problems: &mut Vec<(&'static str, String)>,
    ) -> (i64, Option<i64>) {
        let limit = limit.unwrap_or(50);
        if !(1..=200).contains(&limit) {
            problems.push(("limit", "must be between 1 and 200".into()));
        }
        let after = cursor.and_then(|c| {
            let id = decode(kind, c);
            if id.is_none() {
                problems.push(("cursor", "is not a cursor this API returned".into()));
            }
            id
        });
        (limit, after)
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn paging_problems_name_their_parameter() {
            let mut problems = Vec::new();
            assert_eq!(super::page(None, None, 'a', &mut problems), (50, None));
            let c = super::encode('a', 9);
            assert_eq!(
                super::page(Some(10), Some(&c), 'a', &mut problems),
                (10, Some(9))
            );
            assert!(problems.is_empty());
            super::page(Some(0), Some("x"), 'a', &mut problems);
            let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
            assert_eq!(fields, ["limit", "cursor"]);
        }

        #[test]
        fn a_cursor_round_trips_for_its_own_list_only() {
            let c = super::encode('a', 42);
            assert_eq!(super::decode('a', &c), Some(42));
            assert_eq!(super::decode('t', &c), None);
            assert_eq!(super::decode('a', "not base64!"), None);
        }
    }
}

/// `axum::extract::Query` with [`ApiError`] rejections: 422 `validation_failed` listing every
/// parameter that is missing or not of its type, each named. A parameter holding a NUL character
/// is refused here, once for every endpoint, as 422 naming it. Parameters `T` does not know are
/// accepted unless `T` denies unknown fields.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<S, T> FromRequestParts<S> for Query<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        let _ = state;
        let query = parts.uri.query().unwrap_or_default();
        refuse_nul_in_query(query)?;
        parse_query(query).map(Query)
    }
}

/// Parses `query` into `T`, or lists every problem. serde stops at the first, so each failing
/// parameter is recorded and dropped and the rest parsed again, until it parses or the same
/// parameter fails again (a required one now missing).
pub fn parse_query<T: serde::de::DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let mut pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let mut fields: Vec<FieldError> = Vec::new();
    loop {
        let encoded = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&pairs)
            .finish();
        let parser =
            serde_urlencoded::Deserializer::new(url::form_urlencoded::parse(encoded.as_bytes()));
        let error = match serde_path_to_error::deserialize::<_, T>(parser) {
            Ok(value) if fields.is_empty() => return Ok(value),
            Ok(_) => break,
            Err(error) => error,
        };
        let problem = query_problem(&error, &pairs);
        if fields.iter().any(|f| f.field == problem.field) {
            break;
        }
        pairs.retain(|(k, _)| *k != problem.field);
        fields.push(problem);
    }
    Err(ApiError::invalid_fields(fields))
}

/// The parameter one serde error is about, and what is wrong with it.
fn query_problem(
    error: &serde_path_to_error::Error<serde_urlencoded::de::Error>,
    pairs: &[(String, String)],
) -> FieldError {
    let inner = error.inner().to_string();
    let quoted = |prefix: &str| {
        inner
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
    };
    if let Some(name) = quoted("missing field `") {
        return FieldError {
            field: name,
            message: "is required".into(),
        };
    }
    if let Some(name) = quoted("unknown field `") {
        return FieldError {
            field: name,
            message: "is not a known parameter".into(),
        };
    }
    if let Some(name) = quoted("duplicate field `") {
        return FieldError {
            field: name,
            message: "is given more than once".into(),
        };
    }
    let path = error.path().to_string();
    let name = path
        .split(['.', '['])
        .find(|segment| !segment.is_empty() && *segment != "?")
        .map(str::to_string)
        .or_else(|| pairs.first().map(|(k, _)| k.clone()))
        .unwrap_or_else(|| "query".into());
    let value = pairs
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    FieldError {
        message: describe_value_problem(&inner, value),
        field: name,
    }
}

fn refuse_nul_in_query(query: &str) -> Result<(), ApiError> {
    let fields: Vec<FieldError> = url::form_urlencoded::parse(query.as_bytes())
        .filter(|(name, value)| name.contains('\0') || value.contains('\0'))
        .map(|(name, _)| FieldError {
            field: name.replace('\0', "\\u0000"),
            message: "must not contain a NUL character".into(),
        })
        .collect();
    if fields.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid_fields(fields))
    }
}

/// A path holding a NUL character names nothing that can exist: 404, before any handler (and
/// any database lookup) sees it. A URI cannot carry a raw NUL, only `%00`.
async fn refuse_nul_in_path(request: Request, next: Next) -> Response {
    if request.uri().path().contains("%00") {
        return ApiError::not_found("no such resource").into_response();
    }
    next.run(request).await
}

/// Finds the serde path error inside an axum rejection, if the body was JSON of the wrong shape.
fn json_field_error(rejection: &JsonRejection) -> Option<FieldError> {
    let mut source: Option<&(dyn std::error::Error + 'static)> =
        std::error::Error::source(rejection);
    while let Some(err) = source {
        if let Some(path_err) = err.downcast_ref::<serde_path_to_error::Error<serde_json::Error>>()
        {
            let inner = path_err.inner().to_string();
            // serde reports a missing field on the parent; name the field itself.
            let missing = inner
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split('`').next());
            let parent = path_err.path().to_string();
            let field = match (missing, parent.as_str()) {
                (Some(name), "." | "") => name.to_string(),
                (Some(name), parent) => format!("{parent}.{name}"),
                (None, ".") => "body".to_string(),
                (None, path) => path.to_string(),
            };
            let message = inner
                .split(" at line ")
                .next()
                .unwrap_or(&inner)
                .to_string();
            return Some(FieldError { field, message });
        }
        source = err.source();
    }
    None
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        ApiError::from_json_rejection(&rejection)
    }
}

impl ApiError {
    fn from_json_rejection(rejection: &JsonRejection) -> Self {
        match rejection {
            JsonRejection::JsonDataError(_) => match json_field_error(rejection) {
                Some(field) => ApiError::invalid_fields(vec![field]),
                None => ApiError::bad_request("invalid_body", rejection.body_text()),
            },
            JsonRejection::JsonSyntaxError(_) => ApiError::bad_request(
                "malformed_json",
                format!("request body is not valid JSON: {}", rejection.body_text()),
            ),
            JsonRejection::MissingJsonContentType(_) => ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "expected `Content-Type: application/json`",
            ),
            JsonRejection::BytesRejection(_)
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE =>
            {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "payload_too_large",
                    "request body is larger than allowed",
                )
            }
            _ => ApiError::new(rejection.status(), "invalid_body", rejection.body_text()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    /// For code that uses axum's own `Query`; [`Query`] answers better (every parameter named).
    fn from(rejection: QueryRejection) -> Self {
        let text = rejection.body_text();
        let detail = text
            .strip_prefix("Failed to deserialize query string: ")
            .unwrap_or(&text)
            .to_string();
        match detail.split_once(": ") {
            Some((field, problem)) if !field.contains(' ') => {
                ApiError::invalid_field(field, describe_value_problem(problem, ""))
            }
            _ => ApiError::invalid_field("query", detail),
        }
    }
}

/// Safety net: any 4xx/5xx that is not already JSON (axum's 405, a timeout, a body-limit
/// rejection from a layer) is rewritten into the envelope, so clients parse one shape.
async fn json_error_envelope(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let (code, message) = match status {
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "method not allowed on this path"),
        StatusCode::NOT_FOUND => ("not_found", "no such resource"),
        StatusCode::PAYLOAD_TOO_LARGE => {
            ("payload_too_large", "request body is larger than allowed")
        }
        StatusCode::REQUEST_TIMEOUT | StatusCode::SERVICE_UNAVAILABLE => {
            ("unavailable", "the service could not answer in time")
        }
        s if s.is_server_error() => ("internal", "internal error"),
        _ => ("bad_request", "bad request"),
    };
    let body = serde_json::to_vec(&ApiError::new(status, code, message).body())
        .unwrap_or_else(|_| b"{}".to_vec());
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(body))
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such resource")
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::internal("handler panicked").into_response()
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HealthBody {
    /// `ok` or `unavailable`.
    pub status: String,
    /// Each dependency: `ok` or what is wrong with it.
    #[serde(default)]
    pub checks: std::collections::BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorDetail>,
}

/// Check liveness.
///
/// The process is up and serving HTTP; it checks no dependency, so an orchestrator restarts
/// the process only when it stops answering.
#[utoipa::path(get, path = "/health/live", tag = "platform", operation_id = "getLiveness",
    responses((status = 200, description = "alive", body = HealthBody,
        example = json!({"status": "ok", "checks": {}}))))]
async fn live() -> axum::Json<HealthBody> {
    axum::Json(HealthBody {
        status: "ok".into(),
        checks: Default::default(),
        error: None,
    })
}

/// Check readiness.
///
/// The database and the broker are reachable, so the service can take traffic. A 503 names
/// in `checks` and `error.message` what is not.
#[utoipa::path(get, path = "/health/ready", tag = "platform", operation_id = "getReadiness", responses(
    (status = 200, description = "ready", body = HealthBody,
        example = json!({"status": "ok", "checks": {"broker": "ok", "database": "ok"}})),
    (status = 503, description = "a dependency is unavailable; `checks` says which", body = HealthBody,
        example = json!({"status": "unavailable",
            "checks": {"broker": "broker unavailable: connection refused", "database": "ok"},
            "error": {"code": "not_ready", "message": "unavailable: broker", "fields": []}}))))]
async fn ready(State(platform): State<Platform>) -> Response {
    let checks = platform.readiness().await;
    let failing: Vec<&String> = checks
        .iter()
        .filter(|(_, v)| v.as_str() != "ok")
        .map(|(k, _)| k)
        .collect();
    if failing.is_empty() {
        telemetry::mark_ready();
        return (
            StatusCode::OK,
            axum::Json(HealthBody {
                status: "ok".into(),
                checks,
                error: None,
            }),
        )
            .into_response();
    }
    let names = failing
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let body = HealthBody {
        status: "unavailable".into(),
        error: Some(ErrorDetail {
            code: "not_ready".into(),
            message: format!("unavailable: {names}"),
            fields: vec![],
        }),
        checks,
    };
    (StatusCode::SERVICE_UNAVAILABLE, axum::Json(body)).into_response()
}

/// Get the metrics.
///
/// Prometheus metrics of this process in the text exposition format: HTTP requests by route
/// and status, their durations, and the service's own counters.
#[utoipa::path(get, path = "/metrics", tag = "platform", operation_id = "getMetrics",
    responses((status = 200, description = "Prometheus text exposition", body = String, content_type = "text/plain",
        example = "# TYPE http_requests_total counter\nhttp_requests_total{method=\"GET\",route=\"/health/live\",status=\"200\"} 3\n")))]
async fn metrics_page() -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        telemetry::metrics_handle().render(),
    )
        .into_response()
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(live, ready, metrics_page),
    components(schemas(ErrorBody, ErrorDetail, FieldError, HealthBody)),
    modifiers(&BearerAuth),
)]
struct PlatformDoc;

/// Declares the two ways people and machines authenticate, for every service's docs.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
        components.add_security_scheme(
            "api_key",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("X-API-Key"))),
        );
    }
}

/// Turns a service's API router (state already applied) into the full application: platform
/// routes, docs, fallback, and the middleware every request goes through.
pub fn app(api: Router, mut openapi: utoipa::openapi::OpenApi, platform: &Platform) -> Router {
    openapi.merge(<PlatformDoc as utoipa::OpenApi>::openapi());
    let info = platform.info();
    document::complete(
        &mut openapi,
        &document::About {
            name: info.name,
            version: info.version,
            description: info.about,
        },
    );
    // Installed before the first request so every request is counted.
    telemetry::metrics_handle();
    let timeout = Duration::from_millis(platform.settings().http_request_timeout_ms);
    let platform_routes = Router::new()
        .route("/health/live", get(live))
        .route("/health/ready", get(ready))
        .route("/metrics", get(metrics_page))
        .with_state(platform.clone());
    api.merge(platform_routes)
        .merge(SwaggerUi::new("/docs").url("/schema", openapi))
        .fallback(not_found)
        // Innermost first: a panic becomes a JSON 500, a slow request a 503 that the envelope
        // layer turns into JSON, and the telemetry layer sees (and ids) everything.
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            timeout,
        ))
        .layer(middleware::from_fn(refuse_nul_in_path))
        .layer(middleware::from_fn(json_error_envelope))
        .layer(middleware::from_fn(telemetry::http_middleware))
        // Outermost: a browser's preflight is answered before authentication or routing.
        .layer(cors(&platform.settings().cors_allowed_origins))
        .layer(middleware::from_fn(preflight_no_content))
}

/// CORS for the web console: only the configured origins (never `*`, since the console sends
/// the `access_token` cookie), with credentials, the headers the API reads and the ones it sets
/// for the console to read. Another origin gets no CORS headers, so its browser refuses.
fn cors(origins: &[String]) -> tower_http::cors::CorsLayer {
    use axum::http::{HeaderName, HeaderValue, Method};
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o.trim_end_matches('/')).ok())
        .collect();
    tower_http::cors::CorsLayer::new()
        .allow_origin(origins)
        .allow_credentials(true)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::IF_MATCH,
            HeaderName::from_static("idempotency-key"),
            HeaderName::from_static("x-request-id"),
        ])
        .expose_headers([header::ETAG, HeaderName::from_static("x-request-id")])
        .max_age(Duration::from_secs(600))
}

/// A preflight has no content: 204, as browsers and proxies expect, rather than an empty 200.
async fn preflight_no_content(request: Request, next: Next) -> Response {
    let preflight = request.method() == axum::http::Method::OPTIONS;
    let mut response = next.run(request).await;
    if preflight && response.status() == StatusCode::OK {
        *response.status_mut() = StatusCode::NO_CONTENT;
    }
    response
}
