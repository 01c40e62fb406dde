//! Typed settings, loaded once at start: defaults → optional TOML file (`TTS_CONFIG`) → `TTS_*`
//! environment variables.
//!
//! Every source is flattened to `key → text` and parsed into the typed struct by one small serde
//! deserializer, so a number given as `TTS_AMQP_PREFETCH=20` and as `amqp_prefetch = 20` in a file
//! go through the same parser, and every error names the setting and the variable that set it.
//! A service loads [`PlatformSettings`] and, from the same [`ConfigSource`], its own struct.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde::{Deserialize, forward_to_deserialize_any};

/// Prefix of every environment variable the services read.
pub const ENV_PREFIX: &str = "TTS_";
/// Environment variable naming an optional TOML settings file.
pub const CONFIG_FILE_ENV: &str = "TTS_CONFIG";
/// The HS256 key used when none is configured. Public, so accepted only in development mode.
pub const DEVELOPMENT_JWT_SECRET: &str = "tts-development-secret-do-not-use-in-production";
/// Shortest secret or key a service accepts outside development mode.
pub const MIN_SECRET_CHARS: usize = 32;
/// Shortest secret or key accepted at all (development mode included).
pub const MIN_DEVELOPMENT_SECRET_CHARS: usize = 16;
/// Secrets that have been published with TTS (defaults, examples, scripts). Anyone can sign with
/// them, so outside development mode a service refuses to start with one.
pub const PUBLIC_SECRETS: &[&str] = &[
    DEVELOPMENT_JWT_SECRET,
    "tts-end-logic-development-secret",
    "tts-messaging-development-key",
];

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ConfigError {
    #[error("setting `{key}` ({origin}): {message}")]
    Invalid {
        key: String,
        origin: String,
        message: String,
    },
    #[error("setting `{key}` is required (set {env})")]
    Missing { key: String, env: String },
    #[error("unknown setting `{key}` in {file}")]
    Unknown { key: String, file: String },
    #[error("config file {file}: {message}")]
    File { file: String, message: String },
    #[error("{0}")]
    Other(String),
}

impl de::Error for ConfigError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ConfigError::Other(msg.to_string())
    }

    fn missing_field(field: &'static str) -> Self {
        ConfigError::Missing {
            key: field.to_string(),
            env: env_name(field),
        }
    }
}

/// `http_addr` → `TTS_HTTP_ADDR`.
pub fn env_name(key: &str) -> String {
    format!("{ENV_PREFIX}{}", key.to_ascii_uppercase())
}

#[derive(Debug, Clone)]
struct Entry {
    value: String,
    origin: String,
}

/// All layers merged into `key → text`, ready to be read into one or more typed structs.
#[derive(Debug, Default)]
pub struct ConfigSource {
    entries: BTreeMap<String, Entry>,
    file: Option<PathBuf>,
    file_keys: BTreeSet<String>,
    /// Field names some struct asked for; file keys nobody asked for are typos.
    requested: RefCell<BTreeSet<String>>,
}

impl ConfigSource {
    /// Defaults, then the file named by `TTS_CONFIG` (if any), then the process environment.
    pub fn load(defaults: &[(&str, &str)]) -> Result<Self, ConfigError> {
        let file = std::env::var_os(CONFIG_FILE_ENV).map(PathBuf::from);
        Self::from_layers(defaults, file.as_deref(), std::env::vars())
    }

    /// Same as [`ConfigSource::load`] with explicit inputs, for tests and tools.
    pub fn from_layers(
        defaults: &[(&str, &str)],
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, ConfigError> {
        let mut source = ConfigSource::default();
        for (key, value) in defaults {
            source.set(key, value.to_string(), "default".into());
        }
        if let Some(path) = file {
            source.merge_file(path)?;
        }
        for (name, value) in env {
            let Some(key) = name.strip_prefix(ENV_PREFIX) else {
                continue;
            };
            if name == CONFIG_FILE_ENV || key.is_empty() {
                continue;
            }
            source.set(&key.to_ascii_lowercase(), value, name.clone());
        }
        Ok(source)
    }

    fn set(&mut self, key: &str, value: String, origin: String) {
        self.entries
            .insert(key.to_string(), Entry { value, origin });
    }

    fn merge_file(&mut self, path: &Path) -> Result<(), ConfigError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::File {
            file: file.clone(),
            message: e.to_string(),
        })?;
        let table: toml::Table = toml::from_str(&text).map_err(|e| ConfigError::File {
            file: file.clone(),
            message: e.to_string(),
        })?;
        for (key, value) in table {
            let text = match value {
                toml::Value::String(s) => s,
                toml::Value::Array(items) => items
                    .into_iter()
                    .map(|v| match v {
                        toml::Value::String(s) => s,
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(","),
                toml::Value::Table(_) => {
                    return Err(ConfigError::File {
                        file,
                        message: format!("`{key}`: settings are flat keys, tables are not used"),
                    });
                }
                other => other.to_string(),
            };
            self.file_keys.insert(key.clone());
            self.set(&key, text, file.clone());
        }
        self.file = Some(path.to_path_buf());
        Ok(())
    }

    /// Reads one typed struct. Keys the struct does not know are left for other structs.
    pub fn get<T: DeserializeOwned>(&self) -> Result<T, ConfigError> {
        T::deserialize(SourceDeserializer { source: self })
    }

    /// The keys every struct read so far asked for, so a settings table can be checked against
    /// the struct it describes.
    pub fn requested_keys(&self) -> BTreeSet<String> {
        self.requested.borrow().clone()
    }

    /// Fails on a key in the settings file that no struct read: almost always a typo.
    pub fn reject_unknown_file_keys(&self) -> Result<(), ConfigError> {
        self.reject_file_keys_except(&[])
    }

    /// Fails on a key in the settings file that no struct read so far and that is not in
    /// `known` (the keys of settings still to be read), before anything is connected.
    pub fn reject_file_keys_except(&self, known: &[&str]) -> Result<(), ConfigError> {
        let requested = self.requested.borrow();
        match self
            .file_keys
            .iter()
            .find(|k| !requested.contains(*k) && !known.contains(&k.as_str()))
        {
            Some(key) => Err(ConfigError::Unknown {
                key: key.clone(),
                file: self
                    .file
                    .as_ref()
                    .map(|f| f.display().to_string())
                    .unwrap_or_default(),
            }),
            None => Ok(()),
        }
    }
}

struct SourceDeserializer<'a> {
    source: &'a ConfigSource,
}

impl<'de> de::Deserializer<'de> for SourceDeserializer<'_> {
    type Error = ConfigError;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(ConfigError::Other(
            "settings must be read into a struct".into(),
        ))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.source
            .requested
            .borrow_mut()
            .extend(fields.iter().map(|f| f.to_string()));
        let pairs = fields.iter().filter_map(|field| {
            self.source.entries.get(*field).map(|entry| {
                (
                    *field,
                    ValueDeserializer {
                        key: field,
                        entry: entry.clone(),
                    },
                )
            })
        });
        visitor.visit_map(de::value::MapDeserializer::new(pairs))
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// One setting's text, parsed into whatever type the field asks for.
struct ValueDeserializer {
    key: &'static str,
    entry: Entry,
}

impl ValueDeserializer {
    fn invalid(&self, message: impl fmt::Display) -> ConfigError {
        ConfigError::Invalid {
            key: self.key.to_string(),
            origin: self.entry.origin.clone(),
            message: format!("{message} (got {:?})", self.entry.value),
        }
    }

    /// Errors raised inside a visitor do not know the key; attach it on the way out.
    fn locate<T>(&self, result: Result<T, ConfigError>) -> Result<T, ConfigError> {
        result.map_err(|e| match e {
            ConfigError::Other(message) => self.invalid(message),
            other => other,
        })
    }

    fn parse<T: std::str::FromStr>(&self, what: &str) -> Result<T, ConfigError> {
        self.entry
            .value
            .trim()
            .parse()
            .map_err(|_| self.invalid(format!("expected {what}")))
    }
}

impl<'de> IntoDeserializer<'de, ConfigError> for ValueDeserializer {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

macro_rules! parse_number {
    ($($method:ident $visit:ident $ty:ty, $what:literal;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            let n: $ty = self.parse($what)?;
            let result = visitor.$visit(n);
            self.locate(result)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for ValueDeserializer {
    type Error = ConfigError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        let result = visitor.visit_str(&self.entry.value.clone());
        self.locate(result)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        let b = match self.entry.value.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => true,
            "false" | "0" | "no" | "off" => false,
            _ => return Err(self.invalid("expected true or false")),
        };
        let result = visitor.visit_bool(b);
        self.locate(result)
    }

    parse_number! {
        deserialize_i8 visit_i8 i8, "an integer";
        deserialize_i16 visit_i16 i16, "an integer";
        deserialize_i32 visit_i32 i32, "an integer";
        deserialize_i64 visit_i64 i64, "an integer";
        deserialize_u8 visit_u8 u8, "a non-negative integer";
        deserialize_u16 visit_u16 u16, "a non-negative integer up to 65535";
        deserialize_u32 visit_u32 u32, "a non-negative integer";
        deserialize_u64 visit_u64 u64, "a non-negative integer";
        deserialize_f32 visit_f32 f32, "a number";
        deserialize_f64 visit_f64 f64, "a number";
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        if self.entry.value.trim().is_empty() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        let key = self.key;
        let origin = self.entry.origin.clone();
        let items: Vec<ValueDeserializer> = self
            .entry
            .value
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| ValueDeserializer {
                key,
                entry: Entry {
                    value: s.to_string(),
                    origin: origin.clone(),
                },
            })
            .collect();
        let result = visitor.visit_seq(de::value::SeqDeserializer::new(items.into_iter()));
        self.locate(result)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let value = self.entry.value.trim().to_ascii_lowercase();
        let result = visitor.visit_enum(value.into_deserializer());
        self.locate(result)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    forward_to_deserialize_any! {
        i128 u128 char str string bytes byte_buf unit unit_struct tuple
        tuple_struct map struct identifier ignored_any
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Json,
    Pretty,
}

/// A machine caller (the helpdesk, another TTS service) identified by a shared key, and what
/// it may do. Written `name=key scope scope…`, e.g. `helpdesk=<key> helpdesk:upsert tickets:read`.
#[derive(Clone, PartialEq, Eq)]
pub struct ServiceApiKey {
    pub name: String,
    pub key: String,
    pub scopes: Vec<crate::auth::Scope>,
}

impl fmt::Debug for ServiceApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ServiceApiKey({}=*** {:?})", self.name, self.scopes)
    }
}

impl std::str::FromStr for ServiceApiKey {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        const FORM: &str = "expected comma-separated `name=key scope…` entries";
        let (name, rest) = text
            .split_once('=')
            .filter(|(name, _)| !name.trim().is_empty())
            .ok_or_else(|| FORM.to_string())?;
        let name = name.trim();
        let mut words = rest.split_whitespace();
        let key = words
            .next()
            .ok_or_else(|| format!("{FORM}: `{name}` has no key"))?;
        if key.chars().count() < MIN_DEVELOPMENT_SECRET_CHARS {
            return Err(format!(
                "the key of `{name}` must be at least {MIN_DEVELOPMENT_SECRET_CHARS} characters"
            ));
        }
        let scopes = words
            .map(str::parse)
            .collect::<Result<Vec<crate::auth::Scope>, String>>()
            .map_err(|e| format!("`{name}`: {e}"))?;
        if scopes.is_empty() {
            return Err(format!(
                "`{name}` names no scope; a key may do only what its scopes say (one or more of: {})",
                crate::auth::Scope::names()
            ));
        }
        Ok(ServiceApiKey {
            name: name.to_string(),
            key: key.to_string(),
            scopes,
        })
    }
}

impl<'de> Deserialize<'de> for ServiceApiKey {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(de::Error::custom)
    }
}

/// Queue names. Defaults are the names the helpdesk and auth service already use; each can be
/// pointed at a deployment's existing queue.
#[derive(Debug, Clone, Deserialize)]
pub struct QueueNames {
    #[serde(default = "q_ticket_tasks")]
    pub queue_ticket_tasks: String,
    #[serde(default = "q_ticket_status")]
    pub queue_ticket_status: String,
    /// Role syncs (`role.tasks.sync_role`); the auth service publishes them on `tts.role.sync`.
    #[serde(default = "q_role_sync")]
    pub queue_role_sync: String,
    /// Member syncs (`role.tasks.sync_user_system_role`); the auth service publishes them on
    /// `tts.user_system_role.sync`. The workflow API consumes both role-sync queues, and each
    /// accepts both task names.
    #[serde(default = "q_member_sync")]
    pub queue_member_sync: String,
    #[serde(default = "q_workflow_tasks")]
    pub queue_workflow_tasks: String,
    #[serde(default = "q_inapp")]
    pub queue_inapp_notifications: String,
    #[serde(default = "q_email")]
    pub queue_email_notifications: String,
    #[serde(default = "q_user_email_sync")]
    pub queue_user_email_sync: String,
    /// Queues of further listeners of ticket status updates (e.g. the helpdesk's
    /// `ticket_status-default`): each is declared and bound to the fanout exchange
    /// [`crate::amqp::topology::TICKET_STATUS_EXCHANGE`] beside `queue_ticket_status`, so every
    /// listener gets every status once. Empty by default.
    #[serde(default)]
    pub ticket_status_listeners: Vec<String>,
}

fn q_ticket_tasks() -> String {
    "TICKET_TASKS_PRODUCTION".into()
}
fn q_ticket_status() -> String {
    "TICKET_STATUS_QUEUE".into()
}
fn q_role_sync() -> String {
    "tts.role.sync".into()
}
fn q_member_sync() -> String {
    "tts.user_system_role.sync".into()
}
fn q_workflow_tasks() -> String {
    "WORKFLOW_TASKS_PRODUCTION".into()
}
fn q_inapp() -> String {
    "INAPP_NOTIFICATION_QUEUE".into()
}
fn q_email() -> String {
    "EMAIL_NOTIFICATION_QUEUE".into()
}
fn q_user_email_sync() -> String {
    "USER_EMAIL_SYNC_QUEUE".into()
}

impl Default for QueueNames {
    fn default() -> Self {
        QueueNames {
            queue_ticket_tasks: q_ticket_tasks(),
            queue_ticket_status: q_ticket_status(),
            queue_role_sync: q_role_sync(),
            queue_member_sync: q_member_sync(),
            queue_workflow_tasks: q_workflow_tasks(),
            queue_inapp_notifications: q_inapp(),
            queue_email_notifications: q_email(),
            queue_user_email_sync: q_user_email_sync(),
            ticket_status_listeners: Vec::new(),
        }
    }
}

impl QueueNames {
    /// Every work queue, in a stable order. Each also has `<name>.retry` and `<name>.dlq`.
    pub fn all(&self) -> [&str; 8] {
        [
            &self.queue_ticket_tasks,
            &self.queue_ticket_status,
            &self.queue_role_sync,
            &self.queue_member_sync,
            &self.queue_workflow_tasks,
            &self.queue_inapp_notifications,
            &self.queue_email_notifications,
            &self.queue_user_email_sync,
        ]
    }
}

/// Settings every service shares. Service-specific settings live in the service crate.
#[derive(Debug, Clone, Deserialize)]
pub struct PlatformSettings {
    /// Address the HTTP server binds to. Default per service (`0.0.0.0:8004` …).
    pub http_addr: SocketAddr,
    /// PostgreSQL URL of the service's own database; created at start if missing.
    pub database_url: String,
    #[serde(default = "d_pool_size")]
    pub database_pool_size: usize,
    /// How long a request waits for a database connection before answering 503.
    #[serde(default = "d_db_connect_timeout_ms")]
    pub database_connect_timeout_ms: u64,
    /// Server-side cap on one SQL statement; a runaway query fails instead of holding a connection.
    #[serde(default = "d_db_statement_timeout_ms")]
    pub database_statement_timeout_ms: u64,
    #[serde(default = "d_amqp_url")]
    pub amqp_url: String,
    /// `false` runs an instance that serves HTTP and WebSockets but consumes no work queue (for
    /// deployments that keep socket front ends apart from workers).
    #[serde(default = "d_true")]
    pub amqp_consume: bool,
    /// Messages a consumer holds unacknowledged at once.
    #[serde(default = "d_amqp_prefetch")]
    pub amqp_prefetch: u16,
    /// Messages a consumer handles in parallel.
    #[serde(default = "d_amqp_concurrency")]
    pub amqp_concurrency: usize,
    /// Tries after the first failure before a message goes to `<queue>.dlq`.
    #[serde(default = "d_amqp_max_retries")]
    pub amqp_max_retries: u32,
    /// Delay before the first retry; doubles each retry up to `amqp_retry_max_delay_ms`.
    #[serde(default = "d_amqp_retry_base_delay_ms")]
    pub amqp_retry_base_delay_ms: u64,
    #[serde(default = "d_amqp_retry_max_delay_ms")]
    pub amqp_retry_max_delay_ms: u64,
    /// Longest wait between reconnection attempts to the broker.
    #[serde(default = "d_amqp_reconnect_max_delay_ms")]
    pub amqp_reconnect_max_delay_ms: u64,
    /// Fallback poll of the outbox; the relay is normally woken right after a commit.
    #[serde(default = "d_outbox_poll_interval_ms")]
    pub outbox_poll_interval_ms: u64,
    #[serde(default = "d_outbox_batch_size")]
    pub outbox_batch_size: i64,
    /// How long published outbox rows and consumer dedup records are kept.
    #[serde(default = "d_retention_hours")]
    pub message_retention_hours: u64,
    /// `true` accepts the public development defaults (JWT secret, keys) and short secrets, for a
    /// laptop, the demo and the tests. Off in production: a default or short secret stops the
    /// service at start, naming the setting.
    #[serde(default)]
    pub development_mode: bool,
    /// HS256 key shared with the auth service.
    #[serde(default = "d_jwt_secret")]
    pub jwt_secret: String,
    /// The HS256 key being rotated out: tokens signed with it still verify until it is removed.
    #[serde(default)]
    pub jwt_previous_secret: Option<String>,
    /// RS256 public key (PEM text, or a path to a PEM file). When set, tokens must be RS256.
    #[serde(default)]
    pub jwt_public_key: Option<String>,
    /// The RS256 public key being rotated out (PEM text or path); used with `jwt_public_key`.
    #[serde(default)]
    pub jwt_previous_public_key: Option<String>,
    /// Machine callers and their scopes: `helpdesk=<key> helpdesk:upsert,messaging=<key> tickets:read`.
    #[serde(default)]
    pub service_api_keys: Vec<ServiceApiKey>,
    /// Origins of the web console. A WebSocket handshake authenticated by the cookie must come
    /// from one of them (a page elsewhere cannot open a socket with the person's cookie).
    #[serde(default = "d_cors_allowed_origins")]
    pub cors_allowed_origins: Vec<String>,
    /// Live sockets one person may hold on one instance; a further one closes their oldest.
    #[serde(default = "d_socket_max_per_person")]
    pub socket_max_per_person: usize,
    #[serde(default = "d_log_format")]
    pub log_format: LogFormat,
    /// tracing filter, e.g. `info,tts_shared=debug`.
    #[serde(default = "d_log")]
    pub log: String,
    /// Longest an HTTP request may take before it answers 503.
    #[serde(default = "d_request_timeout_ms")]
    pub http_request_timeout_ms: u64,
    /// Time in-flight work gets to finish after a shutdown signal.
    #[serde(default = "d_shutdown_grace_ms")]
    pub shutdown_grace_ms: u64,
    /// Read separately from the same source (see [`load_platform`]).
    #[serde(skip)]
    pub queues: QueueNames,
}

fn d_pool_size() -> usize {
    16
}
fn d_db_connect_timeout_ms() -> u64 {
    2_000
}
fn d_db_statement_timeout_ms() -> u64 {
    15_000
}
fn d_amqp_url() -> String {
    "amqp://guest:guest@127.0.0.1:5672/%2f".into()
}
fn d_true() -> bool {
    true
}
fn d_amqp_prefetch() -> u16 {
    32
}
fn d_amqp_concurrency() -> usize {
    8
}
fn d_amqp_max_retries() -> u32 {
    5
}
fn d_amqp_retry_base_delay_ms() -> u64 {
    1_000
}
fn d_amqp_retry_max_delay_ms() -> u64 {
    300_000
}
fn d_amqp_reconnect_max_delay_ms() -> u64 {
    10_000
}
fn d_outbox_poll_interval_ms() -> u64 {
    1_000
}
fn d_outbox_batch_size() -> i64 {
    200
}
fn d_retention_hours() -> u64 {
    168
}
fn d_jwt_secret() -> String {
    DEVELOPMENT_JWT_SECRET.into()
}
fn d_cors_allowed_origins() -> Vec<String> {
    vec![
        "http://localhost:1000".into(),
        "http://127.0.0.1:1000".into(),
    ]
}
fn d_socket_max_per_person() -> usize {
    10
}
fn d_log_format() -> LogFormat {
    LogFormat::Json
}
fn d_log() -> String {
    "info".into()
}
fn d_request_timeout_ms() -> u64 {
    30_000
}
fn d_shutdown_grace_ms() -> u64 {
    20_000
}

/// One setting as `--help` lists it. Its environment variable is [`env_name`] of `key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    pub key: &'static str,
    /// The default as text; empty when there is none.
    pub default: &'static str,
    /// What it does, in one line.
    pub about: &'static str,
}

/// Every platform setting ([`PlatformSettings`] and [`QueueNames`]), for `--help`. A test checks
/// it names exactly the fields the structs read, so it cannot drift from them.
#[rustfmt::skip]
pub const PLATFORM_SETTINGS: &[Setting] = &[
    Setting { key: "http_addr", default: "0.0.0.0:<service port>", about: "address the HTTP server listens on" },
    Setting { key: "database_url", default: "postgres://postgres:postgres@127.0.0.1:5432/<service database>", about: "PostgreSQL URL of the service's own database; created at start if missing" },
    Setting { key: "database_pool_size", default: "16", about: "database connections in the pool" },
    Setting { key: "database_connect_timeout_ms", default: "2000", about: "how long a request waits for a database connection before answering 503" },
    Setting { key: "database_statement_timeout_ms", default: "15000", about: "server-side cap on one SQL statement" },
    Setting { key: "amqp_url", default: "amqp://guest:guest@127.0.0.1:5672/%2f", about: "RabbitMQ URL" },
    Setting { key: "amqp_consume", default: "true", about: "false: serve HTTP and WebSockets but consume no work queue" },
    Setting { key: "amqp_prefetch", default: "32", about: "messages a consumer holds unacknowledged at once" },
    Setting { key: "amqp_concurrency", default: "8", about: "messages a consumer handles in parallel" },
    Setting { key: "amqp_max_retries", default: "5", about: "tries after the first failure before a message goes to `<queue>.dlq`" },
    Setting { key: "amqp_retry_base_delay_ms", default: "1000", about: "delay before the first retry; doubles each retry" },
    Setting { key: "amqp_retry_max_delay_ms", default: "300000", about: "longest delay between retries" },
    Setting { key: "amqp_reconnect_max_delay_ms", default: "10000", about: "longest wait between reconnection attempts to the broker" },
    Setting { key: "outbox_poll_interval_ms", default: "1000", about: "fallback poll of the outbox (the relay is woken after each commit)" },
    Setting { key: "outbox_batch_size", default: "200", about: "outbox rows published per batch" },
    Setting { key: "message_retention_hours", default: "168", about: "how long sent outbox rows and consumer dedup records are kept" },
    Setting { key: "development_mode", default: "false", about: "accept the public development secrets and short secrets (never in production)" },
    Setting { key: "jwt_secret", default: "<development secret>", about: "HS256 key shared with the auth service" },
    Setting { key: "jwt_previous_secret", default: "", about: "HS256 key being rotated out; its tokens still verify" },
    Setting { key: "jwt_public_key", default: "", about: "RS256 public key (PEM text or file path); when set, tokens must be RS256" },
    Setting { key: "jwt_previous_public_key", default: "", about: "RS256 public key being rotated out" },
    Setting { key: "service_api_keys", default: "", about: "machine callers: comma-separated `name=key scope…` entries" },
    Setting { key: "cors_allowed_origins", default: "http://localhost:1000,http://127.0.0.1:1000", about: "origins of the web console (CORS and WebSocket handshakes)" },
    Setting { key: "socket_max_per_person", default: "10", about: "live sockets one person may hold on one instance" },
    Setting { key: "log_format", default: "json", about: "json or pretty" },
    Setting { key: "log", default: "info", about: "log filter, e.g. `info,tts_shared=debug`" },
    Setting { key: "http_request_timeout_ms", default: "30000", about: "longest an HTTP request may take before it answers 503" },
    Setting { key: "shutdown_grace_ms", default: "20000", about: "time in-flight work gets to finish after a shutdown signal" },
    Setting { key: "queue_ticket_tasks", default: "TICKET_TASKS_PRODUCTION", about: "queue of tickets from the helpdesk" },
    Setting { key: "queue_ticket_status", default: "TICKET_STATUS_QUEUE", about: "queue of ticket status updates" },
    Setting { key: "queue_role_sync", default: "tts.role.sync", about: "queue of role syncs from the auth service" },
    Setting { key: "queue_member_sync", default: "tts.user_system_role.sync", about: "queue of member syncs from the auth service" },
    Setting { key: "queue_workflow_tasks", default: "WORKFLOW_TASKS_PRODUCTION", about: "queue of workflow work" },
    Setting { key: "queue_inapp_notifications", default: "INAPP_NOTIFICATION_QUEUE", about: "queue of in-app notifications" },
    Setting { key: "queue_email_notifications", default: "EMAIL_NOTIFICATION_QUEUE", about: "queue of e-mail notifications" },
    Setting { key: "queue_user_email_sync", default: "USER_EMAIL_SYNC_QUEUE", about: "queue of e-mail address syncs" },
    Setting { key: "ticket_status_listeners", default: "", about: "further queues bound to the ticket status fanout (comma-separated)" },
];

impl PlatformSettings {
    /// The layered settings of one service: `port` and `database` are its defaults.
    pub fn defaults(port: u16, database: &str) -> [(&'static str, String); 2] {
        [
            ("http_addr", format!("0.0.0.0:{port}")),
            (
                "database_url",
                format!("postgres://postgres:postgres@127.0.0.1:5432/{database}"),
            ),
        ]
    }

    /// Checks what types cannot: ranges and relations between settings.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |key: &str, message: &str| ConfigError::Invalid {
            key: key.into(),
            origin: env_name(key),
            message: message.into(),
        };
        if !self.database_url.starts_with("postgres://")
            && !self.database_url.starts_with("postgresql://")
        {
            return Err(invalid("database_url", "must be a postgres:// URL"));
        }
        if url::Url::parse(&self.database_url).is_err() {
            return Err(invalid("database_url", "is not a valid URL"));
        }
        match url::Url::parse(&self.amqp_url) {
            Ok(u) if u.scheme() == "amqp" || u.scheme() == "amqps" => {}
            _ => return Err(invalid("amqp_url", "must be an amqp:// URL")),
        }
        if self.database_pool_size == 0 {
            return Err(invalid("database_pool_size", "must be at least 1"));
        }
        if self.amqp_prefetch == 0 || self.amqp_concurrency == 0 {
            return Err(invalid(
                "amqp_prefetch",
                "amqp_prefetch and amqp_concurrency must be at least 1",
            ));
        }
        if self.amqp_retry_base_delay_ms == 0
            || self.amqp_retry_base_delay_ms > self.amqp_retry_max_delay_ms
        {
            return Err(invalid(
                "amqp_retry_base_delay_ms",
                "must be at least 1 and not above amqp_retry_max_delay_ms",
            ));
        }
        if self.outbox_batch_size < 1 || self.outbox_poll_interval_ms == 0 {
            return Err(invalid(
                "outbox_batch_size",
                "outbox_batch_size and outbox_poll_interval_ms must be at least 1",
            ));
        }
        if self.jwt_public_key.is_none() {
            check_secret("jwt_secret", &self.jwt_secret, self.development_mode)?;
            if let Some(previous) = &self.jwt_previous_secret {
                check_secret("jwt_previous_secret", previous, self.development_mode)?;
            }
        } else if self.jwt_previous_secret.is_some() {
            return Err(invalid(
                "jwt_previous_secret",
                "is for HS256; with jwt_public_key set, rotate with jwt_previous_public_key",
            ));
        }
        if self.jwt_previous_public_key.is_some() && self.jwt_public_key.is_none() {
            return Err(invalid(
                "jwt_previous_public_key",
                "needs jwt_public_key (the key being rotated in)",
            ));
        }
        let mut key_names = BTreeSet::new();
        for key in &self.service_api_keys {
            if !key_names.insert(key.name.as_str()) {
                return Err(invalid(
                    "service_api_keys",
                    &format!("`{}` is named twice", key.name),
                ));
            }
            check_secret("service_api_keys", &key.key, self.development_mode).map_err(
                |e| match e {
                    ConfigError::Invalid {
                        key: k,
                        origin,
                        message,
                    } => ConfigError::Invalid {
                        key: k,
                        origin,
                        message: format!("the key of `{}` {message}", key.name),
                    },
                    other => other,
                },
            )?;
        }
        if self.socket_max_per_person == 0 {
            return Err(invalid("socket_max_per_person", "must be at least 1"));
        }
        for origin in &self.cors_allowed_origins {
            if origin == "*" || url::Url::parse(origin).is_err() {
                return Err(invalid(
                    "cors_allowed_origins",
                    &format!("`{origin}` is not an origin such as https://console.example.com"),
                ));
            }
        }
        let mut names = BTreeSet::new();
        for q in self.queues.all() {
            if q.is_empty() || q.len() > 200 || !names.insert(q) {
                return Err(invalid(
                    "queue_ticket_tasks",
                    "queue names must be non-empty, at most 200 characters and distinct",
                ));
            }
        }
        for q in &self.queues.ticket_status_listeners {
            if q.is_empty() || q.len() > 200 || !names.insert(q.as_str()) {
                return Err(invalid(
                    "ticket_status_listeners",
                    &format!(
                        "`{q}`: a listener queue must be non-empty, at most 200 characters, \
                         named once and not one of the work queues (queue_ticket_status is \
                         always bound)"
                    ),
                ));
            }
        }
        Ok(())
    }

    pub fn database_connect_timeout(&self) -> Duration {
        Duration::from_millis(self.database_connect_timeout_ms)
    }

    pub fn uses_development_secret(&self) -> bool {
        self.jwt_public_key.is_none() && self.jwt_secret == DEVELOPMENT_JWT_SECRET
    }
}

/// Refuses a secret anyone could know: one of [`PUBLIC_SECRETS`] or shorter than
/// [`MIN_SECRET_CHARS`], unless `development_mode` (then only shorter than
/// [`MIN_DEVELOPMENT_SECRET_CHARS`] is refused). Services check their own secrets with it too.
pub fn check_secret(key: &str, value: &str, development_mode: bool) -> Result<(), ConfigError> {
    let invalid = |message: String| ConfigError::Invalid {
        key: key.into(),
        origin: env_name(key),
        message,
    };
    let chars = value.chars().count();
    if chars < MIN_DEVELOPMENT_SECRET_CHARS {
        return Err(invalid(format!(
            "must be at least {MIN_DEVELOPMENT_SECRET_CHARS} characters"
        )));
    }
    if development_mode {
        return Ok(());
    }
    if PUBLIC_SECRETS.contains(&value) {
        return Err(invalid(
            "is a published development default; set a secret of your own (or \
             TTS_DEVELOPMENT_MODE=true on a development machine)"
                .into(),
        ));
    }
    if chars < MIN_SECRET_CHARS {
        return Err(invalid(format!(
            "must be at least {MIN_SECRET_CHARS} characters outside development mode"
        )));
    }
    Ok(())
}

/// Reads [`PlatformSettings`] (with its queue names) from a source and validates it.
pub fn platform_from(source: &ConfigSource) -> Result<PlatformSettings, ConfigError> {
    let mut settings: PlatformSettings = source.get()?;
    settings.queues = source.get()?;
    settings.validate()?;
    Ok(settings)
}

/// Loads and validates a service's platform settings from the process environment.
pub fn load_platform(
    port: u16,
    database: &str,
) -> Result<(ConfigSource, PlatformSettings), ConfigError> {
    let defaults = PlatformSettings::defaults(port, database);
    let pairs: Vec<(&str, &str)> = defaults.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let source = ConfigSource::load(&pairs)?;
    let settings = platform_from(&source)?;
    Ok((source, settings))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(env: &[(&str, &str)]) -> ConfigSource {
        let defaults = PlatformSettings::defaults(8004, "tts_tickets");
        let pairs: Vec<(&str, &str)> = defaults.iter().map(|(k, v)| (*k, v.as_str())).collect();
        ConfigSource::from_layers(
            &pairs,
            None,
            env.iter().map(|(k, v)| (k.to_string(), v.to_string())),
        )
        .unwrap()
    }

    #[test]
    fn the_settings_table_names_exactly_the_fields_the_platform_reads() {
        let source = source(&[("TTS_DEVELOPMENT_MODE", "true")]);
        platform_from(&source).unwrap();
        let read: BTreeSet<String> = source.requested.borrow().clone();
        let listed: BTreeSet<String> = PLATFORM_SETTINGS
            .iter()
            .map(|s| s.key.to_string())
            .collect();
        assert_eq!(read, listed);
        assert_eq!(listed.len(), PLATFORM_SETTINGS.len(), "each key once");
    }

    #[test]
    fn an_unknown_file_key_is_refused_unless_a_service_setting_names_it() {
        let dir = std::env::temp_dir().join(format!("tts-config-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("settings.toml");
        std::fs::write(
            &file,
            "amqp_prefetch = 4\nattachment_dir = \"/tmp\"\nlgo = \"x\"\n",
        )
        .unwrap();
        let source = ConfigSource::from_layers(
            &[
                ("http_addr", "0.0.0.0:1"),
                ("database_url", "postgres://x@h/db"),
            ],
            Some(&file),
            [("TTS_DEVELOPMENT_MODE".to_string(), "true".to_string())],
        )
        .unwrap();
        platform_from(&source).unwrap();
        let error = source
            .reject_file_keys_except(&["attachment_dir"])
            .unwrap_err();
        assert_eq!(
            error,
            ConfigError::Unknown {
                key: "lgo".into(),
                file: file.display().to_string()
            }
        );
        std::fs::write(&file, "amqp_prefetch = 4\nattachment_dir = \"/tmp\"\n").unwrap();
        let source = ConfigSource::from_layers(&[], Some(&file), []).unwrap();
        let _ = platform_from(&source);
        assert_eq!(source.reject_file_keys_except(&["attachment_dir"]), Ok(()));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn defaults_give_a_working_local_setup_in_development_mode() {
        let s = platform_from(&source(&[("TTS_DEVELOPMENT_MODE", "true")])).unwrap();
        assert_eq!(s.http_addr.port(), 8004);
        assert!(s.database_url.ends_with("/tts_tickets"));
        assert_eq!(s.queues.queue_ticket_tasks, "TICKET_TASKS_PRODUCTION");
        assert!(s.uses_development_secret());
    }

    #[test]
    fn outside_development_mode_public_or_short_secrets_stop_the_start() {
        let err = platform_from(&source(&[])).unwrap_err().to_string();
        assert!(
            err.contains("jwt_secret") && err.contains("TTS_JWT_SECRET"),
            "{err}"
        );
        assert!(err.contains("published development default"), "{err}");

        let err = platform_from(&source(&[("TTS_JWT_SECRET", "0123456789abcdef0123")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("at least 32 characters"), "{err}");

        let strong = "a-real-secret-of-forty-characters-123456";
        let err = platform_from(&source(&[
            ("TTS_JWT_SECRET", strong),
            (
                "TTS_SERVICE_API_KEYS",
                "helpdesk=0123456789abcdef0123 helpdesk:upsert",
            ),
        ]))
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("service_api_keys") && err.contains("`helpdesk`"),
            "{err}"
        );

        let err = check_secret(
            "end_logic_secret",
            "tts-end-logic-development-secret",
            false,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("TTS_END_LOGIC_SECRET"), "{err}");
        assert!(check_secret("end_logic_secret", "tts-end-logic-development-secret", true).is_ok());
        assert!(check_secret("end_logic_secret", "short", true).is_err());

        let s = platform_from(&source(&[
            ("TTS_JWT_SECRET", strong),
            (
                "TTS_JWT_PREVIOUS_SECRET",
                "the-previous-secret-also-forty-chars-00",
            ),
        ]))
        .unwrap();
        assert!(!s.development_mode && s.jwt_previous_secret.is_some());
    }

    #[test]
    fn service_keys_carry_their_scopes() {
        use crate::auth::Scope;
        let key: ServiceApiKey = "helpdesk=0123456789abcdef0123 helpdesk:upsert tickets:read"
            .parse()
            .unwrap();
        assert_eq!(key.name, "helpdesk");
        assert_eq!(key.key, "0123456789abcdef0123");
        assert_eq!(key.scopes, vec![Scope::HelpdeskUpsert, Scope::TicketsRead]);
        let err = "helpdesk=0123456789abcdef0123"
            .parse::<ServiceApiKey>()
            .unwrap_err();
        assert!(
            err.contains("names no scope") && err.contains("tickets:read"),
            "{err}"
        );
        let err = "helpdesk=0123456789abcdef0123 tickets:write"
            .parse::<ServiceApiKey>()
            .unwrap_err();
        assert!(err.contains("tickets:write"), "{err}");
        assert!(
            "helpdesk=short tickets:read"
                .parse::<ServiceApiKey>()
                .is_err()
        );
    }

    #[test]
    fn environment_overrides_defaults_with_typed_values() {
        let s = platform_from(&source(&[
            ("TTS_DEVELOPMENT_MODE", "true"),
            ("TTS_HTTP_ADDR", "127.0.0.1:9000"),
            ("TTS_AMQP_PREFETCH", "7"),
            ("TTS_LOG_FORMAT", "Pretty"),
            (
                "TTS_SERVICE_API_KEYS",
                "helpdesk=0123456789abcdef0123 helpdesk:upsert,auth=fedcba9876543210fedc tickets:read",
            ),
            ("TTS_QUEUE_TICKET_TASKS", "HELPDESK_TICKETS"),
            ("TTS_UNRELATED_THING", "ignored"),
        ]))
        .unwrap();
        assert_eq!(s.http_addr.port(), 9000);
        assert_eq!(s.amqp_prefetch, 7);
        assert_eq!(s.log_format, LogFormat::Pretty);
        assert_eq!(s.service_api_keys.len(), 2);
        assert_eq!(s.service_api_keys[1].name, "auth");
        assert_eq!(s.queues.queue_ticket_tasks, "HELPDESK_TICKETS");
    }

    #[test]
    fn role_sync_queues_default_to_the_auth_services_and_status_listeners_are_checked() {
        let s = platform_from(&source(&[("TTS_DEVELOPMENT_MODE", "true")])).unwrap();
        assert_eq!(s.queues.queue_role_sync, "tts.role.sync");
        assert_eq!(s.queues.queue_member_sync, "tts.user_system_role.sync");
        assert!(s.queues.ticket_status_listeners.is_empty());
        let s = platform_from(&source(&[
            ("TTS_DEVELOPMENT_MODE", "true"),
            (
                "TTS_TICKET_STATUS_LISTENERS",
                "ticket_status-default, audit-status",
            ),
        ]))
        .unwrap();
        assert_eq!(
            s.queues.ticket_status_listeners,
            vec!["ticket_status-default", "audit-status"]
        );
        for listeners in ["TICKET_STATUS_QUEUE", "a,a", "tts.role.sync"] {
            let err = platform_from(&source(&[
                ("TTS_DEVELOPMENT_MODE", "true"),
                ("TTS_TICKET_STATUS_LISTENERS", listeners),
            ]))
            .unwrap_err()
            .to_string();
            assert!(
                err.contains("ticket_status_listeners"),
                "{listeners}: {err}"
            );
        }
    }

    #[test]
    fn invalid_value_names_the_setting_and_its_variable() {
        let err = source(&[("TTS_AMQP_PREFETCH", "lots")])
            .get::<PlatformSettings>()
            .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("amqp_prefetch"), "{text}");
        assert!(text.contains("TTS_AMQP_PREFETCH"), "{text}");

        let err = source(&[("TTS_HTTP_ADDR", "not-an-address")])
            .get::<PlatformSettings>()
            .unwrap_err();
        assert!(err.to_string().contains("http_addr"), "{err}");
    }

    #[test]
    fn semantic_checks_name_the_setting() {
        let s: PlatformSettings = source(&[("TTS_AMQP_URL", "http://x")]).get().unwrap();
        assert!(s.validate().unwrap_err().to_string().contains("amqp_url"));
        let s: PlatformSettings = source(&[("TTS_JWT_SECRET", "short")]).get().unwrap();
        assert!(s.validate().unwrap_err().to_string().contains("jwt_secret"));
    }

    #[test]
    fn file_layer_sits_between_defaults_and_environment() {
        let dir = std::env::temp_dir().join(format!("tts-config-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("tts.toml");
        std::fs::write(&path, "amqp_prefetch = 3\namqp_concurrency = 2\n").unwrap();
        let s = ConfigSource::from_layers(
            &[
                ("http_addr", "0.0.0.0:1"),
                ("database_url", "postgres://x/y"),
            ],
            Some(&path),
            [("TTS_AMQP_PREFETCH".to_string(), "9".to_string())],
        )
        .unwrap();
        let settings: PlatformSettings = s.get().unwrap();
        assert_eq!(settings.amqp_prefetch, 9, "environment wins over the file");
        assert_eq!(settings.amqp_concurrency, 2, "file wins over the default");
        s.reject_unknown_file_keys().unwrap();

        std::fs::write(&path, "amqp_prefech = 3\n").unwrap();
        let s = ConfigSource::from_layers(&[], Some(&path), []).unwrap();
        let _ = s.get::<QueueNames>();
        let err = s.reject_unknown_file_keys().unwrap_err();
        assert!(err.to_string().contains("amqp_prefech"), "{err}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
