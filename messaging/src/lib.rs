//! TTS messaging service: per-ticket comment threads with replies, ratings, attachments and
//! mentions, live over WebSocket across every instance.
//!
//! `main` only calls [`tts_shared::platform::run_main`] with [`SERVICE`], [`MIGRATIONS`] and
//! [`app`]; tests start the same pieces with their own listener and settings.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::FromRef;
use diesel_migrations::{EmbeddedMigrations, embed_migrations};
use serde::Deserialize;
use tts_shared::amqp::LiveBus;
use tts_shared::amqp::live::TICKETS_EXCHANGE;
use tts_shared::config::{ConfigSource, Setting, check_secret};
use tts_shared::files::FileStore;
use tts_shared::{Platform, ServiceInfo};
use uuid::Uuid;

pub mod audit;
pub mod domain;
pub mod error;
pub mod live;
pub mod people;
pub mod routes;
pub mod schema;
pub mod store;
pub mod threads;
pub mod tickets;
pub mod views;

pub const SERVICE: ServiceInfo = ServiceInfo {
    name: "messaging",
    port: 8005,
    database: "tts_messaging",
    version: env!("CARGO_PKG_VERSION"),
    about: "Messaging: comment threads on tickets, with replies, ratings, attachments and mentions, live over WebSocket.",
    settings: Some(MESSAGING_SETTINGS),
};

pub const MESSAGING_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// This service's own migrations, applied after the platform tables.
pub const MIGRATIONS: &[&EmbeddedMigrations] = &[&MESSAGING_MIGRATIONS];

/// Settings of the messaging service (besides the platform's), from the same sources.
#[derive(Debug, Clone, Deserialize)]
pub struct MessagingSettings {
    /// The ticket service, asked who a ticket's requester is.
    #[serde(default = "default_ticket_service_url")]
    pub ticket_service_url: String,
    /// This service's key in the ticket service's `service_api_keys`. Without it, only staff can
    /// use threads: requesters cannot be recognised.
    #[serde(default)]
    pub ticket_service_api_key: Option<String>,
    #[serde(default = "default_ticket_service_timeout_ms")]
    pub ticket_service_timeout_ms: u64,
    /// The workflow API, asked which staff hold a TTS role before they are notified.
    #[serde(default = "default_workflow_api_url")]
    pub workflow_api_url: String,
    /// This service's key in the workflow API's `service_api_keys` (scope `people:read`).
    /// Without it no staff member can be confirmed as a reader, so none is notified.
    #[serde(default)]
    pub workflow_api_api_key: Option<String>,
    #[serde(default = "default_workflow_api_timeout_ms")]
    pub workflow_api_timeout_ms: u64,
    #[serde(default = "default_attachment_dir")]
    pub attachment_dir: PathBuf,
    #[serde(default = "default_attachment_max_bytes")]
    pub attachment_max_bytes: u64,
}

/// Every [`MessagingSettings`] field, for `--help` and the start-up check of the settings file.
#[rustfmt::skip]
pub const MESSAGING_SETTINGS: &[Setting] = &[
    Setting { key: "ticket_service_url", default: "http://127.0.0.1:8004", about: "the ticket service, asked who a ticket's requester is" },
    Setting { key: "ticket_service_api_key", default: "", about: "this service's key in the ticket service's service_api_keys (scope tickets:read); none: only staff can use threads" },
    Setting { key: "ticket_service_timeout_ms", default: "3000", about: "how long a call to the ticket service may take" },
    Setting { key: "workflow_api_url", default: "http://127.0.0.1:8002", about: "the workflow API, asked which staff hold a TTS role before they are notified" },
    Setting { key: "workflow_api_api_key", default: "", about: "this service's key in the workflow API's service_api_keys (scope people:read); none: no staff member is notified" },
    Setting { key: "workflow_api_timeout_ms", default: "3000", about: "how long a call to the workflow API may take" },
    Setting { key: "attachment_dir", default: "data/comment-attachments", about: "directory where comment attachment bytes are stored" },
    Setting { key: "attachment_max_bytes", default: "10485760", about: "largest accepted comment attachment, in bytes" },
];

fn default_ticket_service_url() -> String {
    "http://127.0.0.1:8004".into()
}
fn default_ticket_service_timeout_ms() -> u64 {
    3000
}
fn default_workflow_api_url() -> String {
    "http://127.0.0.1:8002".into()
}
fn default_workflow_api_timeout_ms() -> u64 {
    3000
}
fn default_attachment_dir() -> PathBuf {
    PathBuf::from("data/comment-attachments")
}
fn default_attachment_max_bytes() -> u64 {
    10 * 1024 * 1024
}

/// Shared by every handler and socket.
#[derive(Clone)]
pub struct AppState {
    pub platform: Platform,
    pub settings: Arc<MessagingSettings>,
    pub files: FileStore,
    pub tickets: tickets::TicketService,
    /// Who holds a TTS role, for notifications.
    pub people: people::TtsDirectory,
    /// Live events of every instance, for this instance's sockets.
    pub live: LiveBus,
    /// This process, in presence records.
    pub instance: Uuid,
    /// Threads whose presence changed on this instance since the last announcement.
    presence_changes: Arc<Mutex<HashSet<String>>>,
}

impl AppState {
    pub fn presence_changed(&self, number: &str) {
        if let Ok(mut changed) = self.presence_changes.lock() {
            changed.insert(number.to_string());
        }
    }

    fn take_presence_changes(&self) -> HashSet<String> {
        self.presence_changes
            .lock()
            .map(|mut changed| std::mem::take(&mut *changed))
            .unwrap_or_default()
    }
}

impl FromRef<AppState> for Platform {
    fn from_ref(state: &AppState) -> Platform {
        state.platform.clone()
    }
}

/// The HTTP application of this service.
pub fn app(
    platform: &Platform,
    source: &ConfigSource,
) -> Result<Router, Box<dyn std::error::Error + Send + Sync>> {
    let settings: MessagingSettings = source.get()?;
    // A published or short key lets anyone act as this service: refused outside development mode.
    let development_mode = platform.settings().development_mode;
    if let Some(key) = &settings.ticket_service_api_key {
        check_secret("ticket_service_api_key", key, development_mode)?;
    }
    if let Some(key) = &settings.workflow_api_api_key {
        check_secret("workflow_api_api_key", key, development_mode)?;
    }
    // One TLS provider for the process, for https ticket service and workflow API URLs.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let files = FileStore::new(settings.attachment_dir.clone()).map_err(|e| {
        format!(
            "setting `attachment_dir` (TTS_ATTACHMENT_DIR): cannot create {}: {e}",
            settings.attachment_dir.display()
        )
    })?;
    let tickets = tickets::TicketService::new(
        &settings.ticket_service_url,
        settings.ticket_service_api_key.clone(),
        Duration::from_millis(settings.ticket_service_timeout_ms),
    )?;
    let people = people::TtsDirectory::new(
        &settings.workflow_api_url,
        settings.workflow_api_api_key.clone(),
        Duration::from_millis(settings.workflow_api_timeout_ms),
    )?;
    let state = AppState {
        platform: platform.clone(),
        settings: Arc::new(settings),
        files,
        tickets,
        people,
        live: LiveBus::start(
            platform.broker().clone(),
            TICKETS_EXCHANGE,
            platform.cancel_token(),
        ),
        instance: Uuid::new_v4(),
        presence_changes: Arc::default(),
    };
    platform.spawn(refresh_presence(state.clone()));
    let (api, openapi) = routes::router().split_for_parts();
    let upload_limit = state.settings.attachment_max_bytes as usize + 64 * 1024;
    let api = api.layer(axum::extract::DefaultBodyLimit::max(upload_limit));
    Ok(tts_shared::http::app(
        api.with_state(state),
        openapi,
        platform,
    ))
}

/// Announces presence changes every second, and keeps this instance's presence rows fresh.
async fn refresh_presence(state: AppState) {
    let cancel = state.platform.cancel_token();
    let mut tick = tokio::time::interval(live::PRESENCE_EVERY);
    let mut ticks: u64 = 0;
    loop {
        tokio::select! {
            _ = cancel.cancelled() => break,
            _ = tick.tick() => {
                ticks += 1;
                if let Err(e) = live::announce_presence(&state).await {
                    tracing::warn!(error = %e, "could not announce presence");
                }
                if ticks.is_multiple_of(live::PING_EVERY.as_secs()) {
                    let refreshed = async {
                        let mut conn = state.platform.db().conn().await.map_err(|e| e.to_string())?;
                        store::presence_refresh(&mut conn, state.instance).await.map_err(|e| e.to_string())
                    };
                    if let Err(e) = refreshed.await {
                        tracing::warn!(error = %e, "could not refresh presence");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod settings_tests {
    #[test]
    fn the_settings_table_names_exactly_the_keys_the_service_reads_with_their_defaults() {
        tts_shared::testing::assert_settings_table::<super::MessagingSettings>(
            super::MESSAGING_SETTINGS,
        );
    }
}
