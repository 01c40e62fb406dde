//! `/auth/…`: the demo sign-in, for development machines and demos, and signing out.
//!
//! In production people sign in at the auth service, which sets the `access_token` cookie. A
//! development machine or a demo has no auth service, so with `demo_sign_in` on (refused outside
//! development mode) anyone may pick one of the demo people ([`tts_shared::demo`]) and get their
//! token as the same cookie, signed with the HS256 `jwt_secret` as the auth service signs it.
//! Cookies belong to a host, not a port, so the cookie set here authenticates the person to every
//! service on the same host. With the setting off, the demo routes answer exactly as an unknown
//! path does (404), so nothing tells a caller they exist.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use serde::{Deserialize, Serialize};
use tts_shared::auth::{ACCESS_TOKEN_COOKIE, Claims, SystemRole, UserType, issue_hs256};
use tts_shared::config::{ConfigError, PlatformSettings, env_name};
use tts_shared::demo::{self, DemoPerson};
use tts_shared::http::{ApiError, Json};
use utoipa::ToSchema;

use crate::{AppState, WorkflowSettings};

/// Lifetime of a demo token and its cookie when `demo_sign_in_ttl_seconds` is not set: a working
/// day, so a demo is not interrupted by signing in again.
pub fn default_ttl_seconds() -> i64 {
    8 * 60 * 60
}

/// Refuses `demo_sign_in` outside development mode (it hands anyone a token for the demo admin)
/// and without an HS256 key to sign with (a configured public key means the tokens come from
/// elsewhere and this service cannot sign one).
pub fn check_settings(
    platform: &PlatformSettings,
    settings: &WorkflowSettings,
) -> Result<(), ConfigError> {
    check(
        settings.demo_sign_in,
        platform.development_mode,
        platform.jwt_public_key.is_some(),
        settings.demo_sign_in_ttl_seconds,
    )
}

fn check(
    demo_sign_in: bool,
    development_mode: bool,
    public_key: bool,
    ttl_seconds: i64,
) -> Result<(), ConfigError> {
    let invalid = |key: &str, message: &str| ConfigError::Invalid {
        key: key.into(),
        origin: env_name(key),
        message: message.into(),
    };
    if !demo_sign_in {
        return Ok(());
    }
    if !development_mode {
        return Err(invalid(
            "demo_sign_in",
            "lets anyone sign in as any demo person, the admin included: it is refused outside \
             development mode (TTS_DEVELOPMENT_MODE=true)",
        ));
    }
    if public_key {
        return Err(invalid(
            "demo_sign_in",
            "signs tokens with the HS256 jwt_secret, but jwt_public_key is set (tokens are \
             RS256 and signed elsewhere)",
        ));
    }
    if ttl_seconds < 60 {
        return Err(invalid(
            "demo_sign_in_ttl_seconds",
            "must be at least 60 seconds",
        ));
    }
    Ok(())
}

/// Lets a request through only when demo sign-in is on; otherwise the same 404 as an unknown
/// path, before the body is read.
pub struct DemoSignInEnabled;

impl FromRequestParts<AppState> for DemoSignInEnabled {
    type Rejection = ApiError;

    async fn from_request_parts(_: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if state.settings.demo_sign_in {
            Ok(DemoSignInEnabled)
        } else {
            Err(ApiError::not_found("no such resource"))
        }
    }
}

/// Someone to sign in as.
#[derive(Debug, Serialize, ToSchema)]
pub struct DemoPersonView {
    /// What to send as `key` to sign in.
    #[schema(example = "agent1")]
    pub key: String,
    pub user_id: i64,
    pub user_type: UserType,
    pub full_name: String,
    pub email: String,
    /// The roles the token carries: those `tts demo` gives the person.
    pub roles: Vec<SystemRole>,
    /// What the person does in the demo.
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"items": [
    {"key": "admin", "user_id": 1, "user_type": "staff", "full_name": "Maria Santos",
     "email": "maria.santos@example.com", "roles": [{"system": "tts", "role": "Admin"}],
     "title": "Admin — designs workflows, manages roles"},
    {"key": "agent1", "user_id": 11, "user_type": "staff", "full_name": "Ana Cruz",
     "email": "ana.cruz@example.com", "roles": [{"system": "tts", "role": "Service Desk Agent"}],
     "title": "Service desk agent — first line: triage and verification"},
    {"key": "requester", "user_id": 501, "user_type": "employee", "full_name": "Juan Dela Cruz",
     "email": "juan.delacruz@example.com", "roles": [{"system": "hdts", "role": "Employee"}],
     "title": "Requester — raises tickets (Sales department)"}
]}))]
pub struct DemoPeople {
    /// The admin, a coordinator, the agents and a requester, in that order.
    pub items: Vec<DemoPersonView>,
}

/// The demo people, with their roles as this service names them (the coordinator role's name is
/// the `coordinator_role` setting).
fn people(settings: &WorkflowSettings) -> Vec<(DemoPerson, Vec<SystemRole>)> {
    demo::sign_in_people()
        .into_iter()
        .map(|person| {
            let roles = person.roles(|role| role.name(&settings.coordinator_role));
            (person, roles)
        })
        .collect()
}

/// Who one may sign in as.
#[utoipa::path(get, path = "/auth/demo/people/", tag = "auth", operation_id = "listDemoPeople",
    summary = "List the demo people to sign in as",
    description = "Only when demo sign-in is enabled (`demo_sign_in`, development mode only); \
        otherwise 404 like an unknown path. The admin, a coordinator, the agents and a requester \
        of the demo organisation `tts demo` loads, each with the roles the demo gives them.",
    responses(
        (status = 200, description = "the demo people", body = DemoPeople),
        (status = 404, description = "demo sign-in is not enabled", body = tts_shared::http::ErrorBody)))]
pub async fn list_people(State(state): State<AppState>, _: DemoSignInEnabled) -> Json<DemoPeople> {
    Json(DemoPeople {
        items: people(&state.settings)
            .into_iter()
            .map(|(person, roles)| DemoPersonView {
                key: person.key.to_string(),
                user_id: person.user_id,
                user_type: person.user_type,
                full_name: person.full_name,
                email: person.email,
                roles,
                title: person.title,
            })
            .collect(),
    })
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"key": "agent1"}))]
pub struct SignIn {
    /// The `key` of one of the demo people.
    pub key: String,
}

/// Sign in as a demo person.
#[utoipa::path(post, path = "/auth/demo/sign-in/", tag = "auth", operation_id = "demoSignIn",
    summary = "Sign in as a demo person",
    description = "Only when demo sign-in is enabled (`demo_sign_in`, development mode only); \
        otherwise 404 like an unknown path. Sets the `access_token` cookie (HttpOnly, SameSite=Lax, \
        Path=/) to an access token for the person, signed with the HS256 `jwt_secret` as the auth \
        service signs it and valid `demo_sign_in_ttl_seconds`. The cookie goes to every service on \
        the same host.",
    request_body = SignIn,
    responses(
        (status = 204, description = "signed in; the `access_token` cookie is set",
            headers(("Set-Cookie" = String, description = "`access_token=<JWT>; HttpOnly; SameSite=Lax; Path=/; Max-Age=<seconds>`"))),
        (status = 404, description = "demo sign-in is not enabled", body = tts_shared::http::ErrorBody),
        (status = 422, description = "`key` names none of the demo people", body = tts_shared::http::ErrorBody)))]
pub async fn sign_in(
    State(state): State<AppState>,
    _: DemoSignInEnabled,
    Json(input): Json<SignIn>,
) -> Result<(StatusCode, HeaderMap), ApiError> {
    let people = people(&state.settings);
    let Some((person, roles)) = people.into_iter().find(|(p, _)| p.key == input.key) else {
        let keys: Vec<&str> = demo::sign_in_people().iter().map(|p| p.key).collect();
        return Err(ApiError::invalid_field(
            "key",
            format!("is none of the demo people ({})", keys.join(", ")),
        ));
    };
    let ttl = state.settings.demo_sign_in_ttl_seconds;
    let mut claims = Claims::access(person.user_id, person.user_type, roles, ttl);
    claims.username = person.email.split('@').next().map(str::to_string);
    claims.full_name = Some(person.full_name);
    claims.email = Some(person.email);
    let token = issue_hs256(&state.platform.settings().jwt_secret, &claims);
    tracing::info!(
        key = %input.key,
        user_id = claims.user_id,
        user_type = claims.user_type.as_str(),
        "demo sign-in"
    );
    Ok((
        StatusCode::NO_CONTENT,
        cookie(&format!(
            "{ACCESS_TOKEN_COOKIE}={token}; HttpOnly; SameSite=Lax; Path=/; Max-Age={ttl}"
        )),
    ))
}

/// Sign out: forget the `access_token` cookie.
#[utoipa::path(post, path = "/auth/sign-out/", tag = "auth", operation_id = "signOut",
    summary = "Sign out",
    description = "Clears the `access_token` cookie of this host (every service on it). Always \
        available and needs no token. The token itself stays valid until it expires: signing out \
        forgets it in this browser.",
    responses(
        (status = 204, description = "the cookie is cleared",
            headers(("Set-Cookie" = String, description = "`access_token=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`")))))]
pub async fn sign_out() -> (StatusCode, HeaderMap) {
    (
        StatusCode::NO_CONTENT,
        cookie(&format!(
            "{ACCESS_TOKEN_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0"
        )),
    )
}

fn cookie(value: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::SET_COOKIE,
        HeaderValue::from_str(value).expect("a JWT and the cookie attributes are header-safe"),
    );
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_sign_in_is_refused_outside_development_mode_and_with_a_public_key() {
        assert!(
            check(false, false, true, 0).is_ok(),
            "off: nothing to check"
        );
        assert!(check(true, true, false, 3600).is_ok());
        let refused = check(true, false, false, 3600).unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("`demo_sign_in` (TTS_DEMO_SIGN_IN)")
                && refused.to_string().contains("development mode"),
            "{refused}"
        );
        let refused = check(true, true, true, 3600).unwrap_err();
        assert!(refused.to_string().contains("jwt_public_key"), "{refused}");
        let refused = check(true, true, false, 10).unwrap_err();
        assert!(
            refused.to_string().contains("demo_sign_in_ttl_seconds"),
            "{refused}"
        );
    }
}
