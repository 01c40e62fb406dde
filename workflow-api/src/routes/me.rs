//! `GET /me/`: who the caller's access token says they are, for the web console to show the person
//! and choose their pages. Built from the token's claims alone — no database, no role needed — so
//! it answers for staff and employees alike, and for a person no role sync has told us of yet.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use serde::Serialize;
use tts_shared::Platform;
use tts_shared::auth::{ACCESS_TOKEN_COOKIE, AuthUser, Claims, SystemRole, UserType};
use tts_shared::http::{ApiError, Json};
use utoipa::ToSchema;

use crate::AppState;
use crate::access;

/// The caller, as their access token describes them.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "user_id": 11,
    "user_type": "staff",
    "full_name": "Ana Cruz",
    "email": "ana.cruz@example.com",
    "username": "ana.cruz",
    "roles": [{"system": "tts", "role": "Service Desk Agent"}],
    "is_admin": false,
    "expires_at": "2026-12-02T08:15:00Z"
}))]
pub struct Me {
    /// Staff and employees are numbered separately: read it with `user_type`.
    pub user_id: i64,
    pub user_type: UserType,
    /// `null` when the token carries none.
    pub full_name: Option<String>,
    /// `null` when the token carries none.
    pub email: Option<String>,
    /// `null` when the token carries none.
    pub username: Option<String>,
    /// Every role of every system the token carries.
    pub roles: Vec<SystemRole>,
    /// Staff holding `tts:Admin`: the workflow API's administrator.
    pub is_admin: bool,
    /// When the token expires; after it every call answers 401.
    #[schema(format = DateTime)]
    pub expires_at: DateTime<Utc>,
}

/// The verified claims of the request's token: the bearer token, else the `access_token` cookie
/// (the same order the platform's authentication uses).
pub struct TokenClaims {
    pub user: AuthUser,
    pub claims: Claims,
}

impl FromRequestParts<AppState> for TokenClaims {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let platform: &Platform = &state.platform;
        let token = token_of(parts).ok_or_else(|| {
            ApiError::unauthorized(
                "authentication required: send a Bearer token or the access_token cookie",
            )
        })?;
        // Verification (signature, expiry, token type) is the platform's; only then are the
        // claims it does not keep (`full_name` and `username` apart) read from the same token.
        let user = platform.auth().verify(token)?;
        let claims =
            claims_of(token).ok_or_else(|| ApiError::unauthorized("token claims are malformed"))?;
        Ok(TokenClaims { user, claims })
    }
}

fn token_of(parts: &Parts) -> Option<&str> {
    if let Some(token) = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        return Some(token.trim());
    }
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == ACCESS_TOKEN_COOKIE)
        .map(|(_, value)| value.trim())
}

/// The claims of a JWT whose signature has been verified.
fn claims_of(token: &str) -> Option<Claims> {
    let payload = token.split('.').nth(1)?;
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
}

/// Who the token says the caller is.
#[utoipa::path(get, path = "/me/", tag = "me", operation_id = "getMe",
    summary = "Who am I",
    description = "The caller as their access token describes them: id and user type, name, e-mail, \
        username, every role of every system, whether they are the workflow API's admin, and when the \
        token expires. Any valid token — staff or employee, with or without a role — gets an answer; \
        nothing is read but the token.",
    security(("bearer" = [])),
    responses((status = 200, description = "the caller", body = Me)))]
pub async fn get_me(TokenClaims { user, claims }: TokenClaims) -> Json<Me> {
    Json(Me {
        is_admin: access::is_admin(&user),
        user_id: claims.user_id,
        user_type: claims.user_type,
        full_name: claims.full_name,
        email: claims.email,
        username: claims.username,
        roles: claims.roles,
        expires_at: DateTime::from_timestamp(claims.exp, 0).unwrap_or_default(),
    })
}
