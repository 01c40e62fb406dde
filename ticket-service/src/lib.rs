//! TTS ticket service: ticket intake from people and helpdesks, attachments, and the lossless
//! hand-off of each ticket to the workflow engine.
//!
//! `main` only calls [`tts_shared::platform::run_main`] with [`SERVICE`], [`MIGRATIONS`] and
//! [`app`]; tests start the same pieces with their own listener and settings.

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::FromRef;
use diesel_migrations::{EmbeddedMigrations, embed_migrations};
use serde::Deserialize;
use tts_shared::config::{ConfigSource, Setting};
use tts_shared::events::{CeleryTask, TicketStatusUpdate};
use tts_shared::{Platform, ServiceInfo};

pub mod consumers;
pub mod domain;
pub mod error;
pub mod examples;
pub mod routes;
pub mod schema;
pub mod store;
pub mod tickets;
pub mod views;

pub const SERVICE: ServiceInfo = ServiceInfo {
    name: "ticket-service",
    port: 8004,
    database: "tts_tickets",
    version: env!("CARGO_PKG_VERSION"),
    about: "Tickets: takes tickets from the helpdesk (Celery or HTTP), keeps them and their attachments, and hands new ones to the workflow engine.",
    settings: Some(TICKET_SETTINGS),
};

pub const TICKET_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// This service's own migrations, applied after the platform tables.
pub const MIGRATIONS: &[&EmbeddedMigrations] = &[&TICKET_MIGRATIONS];

/// Settings of the ticket service (besides the platform's), from the same sources.
#[derive(Debug, Clone, Deserialize)]
pub struct TicketSettings {
    /// Where attachment bytes are stored, once per SHA-256.
    #[serde(default = "default_attachment_dir")]
    pub attachment_dir: PathBuf,
    /// Largest accepted upload, in bytes.
    #[serde(default = "default_attachment_max_bytes")]
    pub attachment_max_bytes: u64,
    /// Hand tickets to the workflow engine already when `New` (else from `Open`).
    #[serde(default = "yes")]
    pub hand_off_new_tickets: bool,
}

/// Every [`TicketSettings`] field, for `--help` and the start-up check of the settings file.
#[rustfmt::skip]
pub const TICKET_SETTINGS: &[Setting] = &[
    Setting { key: "attachment_dir", default: "data/attachments", about: "directory where attachment bytes are stored, once per SHA-256" },
    Setting { key: "attachment_max_bytes", default: "26214400", about: "largest accepted attachment upload, in bytes" },
    Setting { key: "hand_off_new_tickets", default: "true", about: "hand tickets to the workflow engine already when `New` (false: from `Open`)" },
];

fn default_attachment_dir() -> PathBuf {
    PathBuf::from("data/attachments")
}

fn default_attachment_max_bytes() -> u64 {
    25 * 1024 * 1024
}

fn yes() -> bool {
    true
}

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub platform: Platform,
    pub settings: Arc<TicketSettings>,
    pub files: tts_shared::files::FileStore,
}

impl FromRef<AppState> for Platform {
    fn from_ref(state: &AppState) -> Platform {
        state.platform.clone()
    }
}

/// The HTTP application, with the status-sync consumer started beside it.
pub fn app(
    platform: &Platform,
    source: &ConfigSource,
) -> Result<Router, Box<dyn std::error::Error + Send + Sync>> {
    let settings: TicketSettings = source.get()?;
    if settings.attachment_max_bytes == 0 {
        return Err(
            "setting `attachment_max_bytes` (TTS_ATTACHMENT_MAX_BYTES) must be at least 1".into(),
        );
    }
    let files =
        tts_shared::files::FileStore::new(settings.attachment_dir.clone()).map_err(|e| {
            format!(
                "setting `attachment_dir` (TTS_ATTACHMENT_DIR): cannot use {}: {e}",
                settings.attachment_dir.display()
            )
        })?;
    let state = AppState {
        platform: platform.clone(),
        settings: Arc::new(settings),
        files,
    };
    let status_queue = &platform.settings().queues.queue_ticket_status;
    platform.spawn(
        platform
            .consumer(status_queue)
            .handle(
                TicketStatusUpdate::NAME,
                consumers::ticket_status::TicketStatusHandler,
            )
            .handle(
                tts_shared::events::TicketRecord::NAME,
                consumers::ticket_record::TicketRecordHandler {
                    state: state.clone(),
                },
            )
            .run(platform.cancel_token()),
    );
    let (api, openapi) = routes::router(&state).split_for_parts();
    Ok(tts_shared::http::app(
        api.with_state(state),
        openapi,
        platform,
    ))
}

#[cfg(test)]
mod settings_tests {
    #[test]
    fn the_settings_table_names_exactly_the_keys_the_service_reads_with_their_defaults() {
        tts_shared::testing::assert_settings_table::<super::TicketSettings>(super::TICKET_SETTINGS);
    }
}
