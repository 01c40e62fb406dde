//! Who is calling: people with a JWT from the auth service, machines with a service API key.
//!
//! Tokens come from `Authorization: Bearer …` or the `access_token` cookie. They are HS256 with the
//! shared key by default, or RS256 when a public key is configured — never both, never `none`.
//! `exp` is required, `nbf` (when present) is honoured, and `token_type` must be `access` (a
//! refresh token is not a login). During a key rotation a previous key verifies too.
//! A missing, bad or expired token is 401; a good token without the needed role is 403.
//! A service API key may do only what its [`Scope`]s say; any other machine endpoint is 403.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use crate::config::{ConfigError, PlatformSettings, ServiceApiKey};
use crate::http::ApiError;
use crate::platform::Platform;

pub const ACCESS_TOKEN_COOKIE: &str = "access_token";
pub const SERVICE_KEY_HEADER: &str = "x-api-key";

/// Staff and employees are numbered by different systems: user 7 the agent and user 7 the
/// requester are different people. Every user id in TTS travels with its type.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum UserType {
    Staff,
    Employee,
}

impl UserType {
    pub fn as_str(self) -> &'static str {
        match self {
            UserType::Staff => "staff",
            UserType::Employee => "employee",
        }
    }
}

impl std::str::FromStr for UserType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "staff" => Ok(UserType::Staff),
            "employee" => Ok(UserType::Employee),
            other => Err(format!("unknown user type `{other}` (staff or employee)")),
        }
    }
}

/// A role in one system, e.g. `tts:Admin`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct SystemRole {
    pub system: String,
    pub role: String,
}

impl SystemRole {
    pub fn new(system: impl Into<String>, role: impl Into<String>) -> Self {
        SystemRole {
            system: system.into(),
            role: role.into(),
        }
    }
}

impl std::str::FromStr for SystemRole {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.split_once(':') {
            Some((system, role)) if !system.is_empty() && !role.is_empty() => {
                Ok(SystemRole::new(system, role))
            }
            _ => Err(format!("role `{s}` is not `system:Role`")),
        }
    }
}

impl std::fmt::Display for SystemRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.system, self.role)
    }
}

/// Accepts both `{"system": "tts", "role": "Admin"}` and `"tts:Admin"`.
impl<'de> Deserialize<'de> for SystemRole {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Object { system: String, role: String },
            Text(String),
        }
        match Wire::deserialize(d)? {
            Wire::Object { system, role } => Ok(SystemRole { system, role }),
            Wire::Text(text) => text.parse().map_err(serde::de::Error::custom),
        }
    }
}

/// The claims TTS reads from an access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub user_id: i64,
    pub user_type: UserType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    pub token_type: String,
    pub exp: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
    #[serde(default)]
    pub roles: Vec<SystemRole>,
}

impl Claims {
    /// An access token's claims valid for `ttl_seconds` from now.
    pub fn access(
        user_id: i64,
        user_type: UserType,
        roles: Vec<SystemRole>,
        ttl_seconds: i64,
    ) -> Self {
        let now = chrono::Utc::now().timestamp();
        Claims {
            user_id,
            user_type,
            email: None,
            full_name: None,
            username: None,
            token_type: "access".into(),
            exp: now + ttl_seconds,
            iat: Some(now),
            roles,
        }
    }
}

/// Signs claims with an HS256 key (the CLI and tests; production tokens come from the auth service).
pub fn issue_hs256(secret: &str, claims: &Claims) -> String {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("claims always serialise")
}

/// Signs claims with an RS256 private key (PEM), for deployments that verify with a public key.
pub fn issue_rs256(private_key_pem: &[u8], claims: &Claims) -> Result<String, String> {
    let key = EncodingKey::from_rsa_pem(private_key_pem)
        .map_err(|e| format!("not an RSA private key in PEM form: {e}"))?;
    jsonwebtoken::encode(&Header::new(Algorithm::RS256), claims, &key).map_err(|e| e.to_string())
}

/// An authenticated person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthUser {
    pub user_id: i64,
    pub user_type: UserType,
    pub email: Option<String>,
    /// `full_name`, else `username`, else empty.
    pub name: String,
    pub roles: Vec<SystemRole>,
}

impl AuthUser {
    pub fn has_role(&self, system: &str, role: &str) -> bool {
        self.roles
            .iter()
            .any(|r| r.system.eq_ignore_ascii_case(system) && r.role == role)
    }

    /// Any role at all in `system` (e.g. every TTS agent has some `tts` role).
    pub fn has_system(&self, system: &str) -> bool {
        self.roles
            .iter()
            .any(|r| r.system.eq_ignore_ascii_case(system))
    }

    /// 403 unless the user holds one of `roles` (each `system:Role`).
    pub fn require_any(&self, roles: &[&str]) -> Result<(), ApiError> {
        let ok = roles.iter().any(|wanted| match wanted.split_once(':') {
            Some((system, role)) => self.has_role(system, role),
            None => false,
        });
        if ok {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "requires one of the roles: {}",
                roles.join(", ")
            )))
        }
    }

    pub fn is_tts_admin(&self) -> bool {
        self.has_role("tts", "Admin")
    }
}

/// What a service API key may do. Every machine endpoint names the one scope it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// `POST /tickets/send/`: insert or update tickets in the helpdesk's shape.
    HelpdeskUpsert,
    /// `GET /tickets/{number}/`: read any ticket (the messaging service learns requesters).
    TicketsRead,
    /// Read the directory of people who hold TTS roles (the messaging service checks who may
    /// read internal notes before notifying them).
    PeopleRead,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Scope::HelpdeskUpsert, Scope::TicketsRead, Scope::PeopleRead];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::HelpdeskUpsert => "helpdesk:upsert",
            Scope::TicketsRead => "tickets:read",
            Scope::PeopleRead => "people:read",
        }
    }

    /// Every scope's name, for messages.
    pub fn names() -> String {
        Scope::ALL.map(Scope::as_str).join(", ")
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Scope {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Scope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == s)
            .ok_or_else(|| format!("unknown scope `{s}` (one of: {})", Scope::names()))
    }
}

/// A machine caller authenticated by a service API key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceCaller {
    pub name: String,
    pub scopes: Vec<Scope>,
}

impl ServiceCaller {
    /// 403 unless this caller's key carries `scope`.
    pub fn require(&self, scope: Scope) -> Result<(), ApiError> {
        if self.scopes.contains(&scope) {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "the service API key of `{}` lacks the `{scope}` scope",
                self.name
            )))
        }
    }
}

/// Either kind of caller, for endpoints that accept both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    User(AuthUser),
    Service(ServiceCaller),
}

/// Verifies tokens and service keys with the configured keys.
pub struct Authenticator {
    /// The current key first, then the one being rotated out (if any).
    keys: Vec<DecodingKey>,
    validation: Validation,
    service_keys: Vec<ServiceApiKey>,
}

impl std::fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authenticator")
            .field("algorithms", &self.validation.algorithms)
            .field("service_keys", &self.service_keys)
            .finish()
    }
}

impl Authenticator {
    pub fn from_settings(settings: &PlatformSettings) -> Result<Self, ConfigError> {
        let (keys, algorithm) = match &settings.jwt_public_key {
            Some(pem) => {
                let mut keys = vec![rsa_public_key("jwt_public_key", pem)?];
                if let Some(previous) = &settings.jwt_previous_public_key {
                    keys.push(rsa_public_key("jwt_previous_public_key", previous)?);
                }
                (keys, Algorithm::RS256)
            }
            None => {
                let keys = std::iter::once(&settings.jwt_secret)
                    .chain(&settings.jwt_previous_secret)
                    .map(|secret| DecodingKey::from_secret(secret.as_bytes()))
                    .collect();
                (keys, Algorithm::HS256)
            }
        };
        let mut validation = Validation::new(algorithm);
        validation.set_required_spec_claims(&["exp"]);
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.validate_aud = false;
        validation.leeway = 30;
        Ok(Authenticator {
            keys,
            validation,
            service_keys: settings.service_api_keys.clone(),
        })
    }

    pub fn verify(&self, token: &str) -> Result<AuthUser, ApiError> {
        self.verify_claims(token).map(|(user, _)| user)
    }

    /// The person and the token's expiry (seconds since the epoch).
    pub fn verify_claims(&self, token: &str) -> Result<(AuthUser, i64), ApiError> {
        let mut result = Err(ErrorKind::InvalidSignature.into());
        for key in &self.keys {
            result = jsonwebtoken::decode::<Claims>(token, key, &self.validation);
            match &result {
                Err(e) if *e.kind() == ErrorKind::InvalidSignature => continue,
                _ => break,
            }
        }
        let data = result.map_err(|e: jsonwebtoken::errors::Error| {
            let reason = match e.kind() {
                ErrorKind::ExpiredSignature => "token has expired".to_string(),
                ErrorKind::ImmatureSignature => "token is not valid yet (`nbf`)".to_string(),
                ErrorKind::InvalidSignature => "token signature is invalid".to_string(),
                ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName => {
                    "token algorithm is not accepted".to_string()
                }
                ErrorKind::MissingRequiredClaim(claim) => {
                    format!("token lacks the `{claim}` claim")
                }
                ErrorKind::Json(inner) => format!("token claims are malformed: {inner}"),
                _ => "token is not a valid JWT".to_string(),
            };
            ApiError::unauthorized(reason)
        })?;
        let claims = data.claims;
        if claims.token_type != "access" {
            return Err(ApiError::unauthorized(format!(
                "a `{}` token is not an access token",
                claims.token_type
            )));
        }
        let user = AuthUser {
            user_id: claims.user_id,
            user_type: claims.user_type,
            email: claims.email,
            name: claims.full_name.or(claims.username).unwrap_or_default(),
            roles: claims.roles,
        };
        Ok((user, claims.exp))
    }

    /// The configured machine caller holding `key`, compared in constant time.
    pub fn service_caller(&self, key: &str) -> Option<ServiceCaller> {
        self.service_keys
            .iter()
            .find(|k| constant_time_eq(k.key.as_bytes(), key.as_bytes()))
            .map(|k| ServiceCaller {
                name: k.name.clone(),
                scopes: k.scopes.clone(),
            })
    }
}

/// An RSA public key given as PEM text or the path of a PEM file.
fn rsa_public_key(setting: &str, pem: &str) -> Result<DecodingKey, ConfigError> {
    let invalid = |message: String| ConfigError::Invalid {
        key: setting.into(),
        origin: crate::config::env_name(setting),
        message,
    };
    let text = if pem.trim_start().starts_with("-----BEGIN") {
        pem.to_string()
    } else {
        std::fs::read_to_string(pem)
            .map_err(|e| invalid(format!("neither PEM text nor a readable file: {e}")))?
    };
    DecodingKey::from_rsa_pem(text.as_bytes())
        .map_err(|e| invalid(format!("not an RSA public key in PEM form: {e}")))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Where a request's token came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenSource {
    Bearer,
    Cookie,
    Query,
}

/// The bearer token or `access_token` cookie of a request.
fn token_from(parts: &Parts) -> Option<(&str, TokenSource)> {
    if let Some(value) = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        && let Some(token) = value.strip_prefix("Bearer ")
    {
        return Some((token.trim(), TokenSource::Bearer));
    }
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == ACCESS_TOKEN_COOKIE)
        .map(|(_, value)| (value.trim(), TokenSource::Cookie))
}

fn service_key_from(parts: &Parts) -> Option<&str> {
    if let Some(key) = parts
        .headers
        .get(SERVICE_KEY_HEADER)
        .and_then(|v| v.to_str().ok())
    {
        return Some(key.trim());
    }
    parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Api-Key "))
        .map(str::trim)
}

impl<S> FromRequestParts<S> for AuthUser
where
    Platform: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let platform = Platform::from_ref(state);
        let (token, _) = token_from(parts).ok_or_else(|| {
            ApiError::unauthorized(
                "authentication required: send a Bearer token or the access_token cookie",
            )
        })?;
        platform.auth().verify(token)
    }
}

/// A person opening a WebSocket. Browsers cannot set headers on a WebSocket, so besides the bearer
/// token and the cookie, the token may come as the `token` query parameter (only on socket routes,
/// whose logs name the route, never the query).
///
/// A browser sends the person's cookie with a handshake from any page, so a cookie-authenticated
/// handshake whose `Origin` is not one of `cors_allowed_origins` is refused (403): another site
/// cannot open a socket as the person. The socket keeps the token's expiry, to close at it.
#[derive(Debug, Clone)]
pub struct SocketUser {
    pub user: AuthUser,
    /// When the token expires (seconds since the epoch).
    pub expires_at: i64,
}

impl<S> FromRequestParts<S> for SocketUser
where
    Platform: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let platform = Platform::from_ref(state);
        let from_query = || {
            parts.uri.query().and_then(|q| {
                q.split('&')
                    .filter_map(|pair| pair.split_once('='))
                    .find(|(name, _)| *name == "token")
                    .map(|(_, value)| (value, TokenSource::Query))
            })
        };
        let (token, source) = token_from(parts).or_else(from_query).ok_or_else(|| {
            ApiError::unauthorized(
                "authentication required: send a Bearer token, the access_token cookie or a token query parameter",
            )
        })?;
        if source == TokenSource::Cookie {
            check_origin(parts, &platform.settings().cors_allowed_origins)?;
        }
        let (user, expires_at) = platform.auth().verify_claims(token)?;
        Ok(SocketUser { user, expires_at })
    }
}

/// A handshake without `Origin` is not from a browser page (browsers always send it on
/// WebSockets), so only a present, foreign origin is refused.
fn check_origin(parts: &Parts, allowed: &[String]) -> Result<(), ApiError> {
    let Some(origin) = parts.headers.get(header::ORIGIN) else {
        return Ok(());
    };
    let origin = origin.to_str().unwrap_or_default().trim_end_matches('/');
    if allowed
        .iter()
        .any(|a| a.trim_end_matches('/').eq_ignore_ascii_case(origin))
    {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "a socket authenticated by cookie must come from an allowed origin, not `{origin}` (cors_allowed_origins)"
        )))
    }
}

impl<S> FromRequestParts<S> for ServiceCaller
where
    Platform: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let platform = Platform::from_ref(state);
        let key = service_key_from(parts)
            .ok_or_else(|| ApiError::unauthorized("service API key required in X-API-Key"))?;
        platform
            .auth()
            .service_caller(key)
            .ok_or_else(|| ApiError::unauthorized("unknown service API key"))
    }
}

impl<S> FromRequestParts<S> for Caller
where
    Platform: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if service_key_from(parts).is_some() {
            return ServiceCaller::from_request_parts(parts, state)
                .await
                .map(Caller::Service);
        }
        AuthUser::from_request_parts(parts, state)
            .await
            .map(Caller::User)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_accept_objects_and_strings() {
        let roles: Vec<SystemRole> =
            serde_json::from_str(r#"[{"system":"tts","role":"Admin"},"hdts:Ticket Coordinator"]"#)
                .unwrap();
        assert_eq!(roles[0], SystemRole::new("tts", "Admin"));
        assert_eq!(roles[1], SystemRole::new("hdts", "Ticket Coordinator"));
        assert!(serde_json::from_str::<Vec<SystemRole>>(r#"["Admin"]"#).is_err());
    }

    #[test]
    fn require_any_checks_system_and_role() {
        let user = AuthUser {
            user_id: 1,
            user_type: UserType::Staff,
            email: None,
            name: String::new(),
            roles: vec![SystemRole::new("tts", "Agent")],
        };
        assert!(user.require_any(&["tts:Agent"]).is_ok());
        assert_eq!(
            user.require_any(&["tts:Admin", "hdts:Agent"])
                .unwrap_err()
                .status,
            axum::http::StatusCode::FORBIDDEN
        );
        assert!(user.has_system("tts") && !user.has_system("hdts"));
    }

    #[test]
    fn constant_time_eq_compares_whole_keys() {
        assert!(constant_time_eq(b"abcdef", b"abcdef"));
        assert!(!constant_time_eq(b"abcdef", b"abcdeg"));
        assert!(!constant_time_eq(b"abc", b"abcdef"));
    }
}
