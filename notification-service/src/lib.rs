//! TTS notification service: in-app notifications, e-mail over SMTP, and the user e-mail
//! directory. Every notification message becomes a persisted in-app notification for each person
//! it concerns and, where they have an address, an e-mail; redeliveries never produce a second.
//!
//! `main` only calls [`tts_shared::platform::run_main`] with [`SERVICE`], [`MIGRATIONS`] and
//! [`app`]; tests start the same pieces with their own listener and settings.

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::FromRef;
use diesel_migrations::{EmbeddedMigrations, embed_migrations};
use lettre::message::Mailbox;
use serde::Deserialize;
use tts_shared::amqp::LiveBus;

use tts_shared::config::{ConfigSource, Setting};
use tts_shared::events::*;
use tts_shared::{Platform, ServiceInfo};

pub mod consumers;
pub mod domain;
pub mod examples;
pub mod live;
pub mod mailer;
pub mod routes;
pub mod schema;
pub mod store;

pub const SERVICE: ServiceInfo = ServiceInfo {
    name: "notification-service",
    port: 8006,
    database: "tts_notifications",
    version: env!("CARGO_PKG_VERSION"),
    about: "Notifications: turns notification messages into in-app notifications (live over WebSocket) and e-mails, and keeps each person's e-mail address.",
    settings: Some(NOTIFICATION_SETTINGS),
};

pub const NOTIFICATION_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// This service's own migrations, applied after the platform tables.
pub const MIGRATIONS: &[&EmbeddedMigrations] = &[&NOTIFICATION_MIGRATIONS];

/// Settings of the notification service (besides the platform's), from the same sources.
#[derive(Debug, Clone, Deserialize)]
pub struct NotificationSettings {
    /// SMTP server; without one, e-mails are written as `.eml` files to `email_dir`.
    #[serde(default)]
    pub smtp_host: Option<String>,
    #[serde(default = "default_smtp_port")]
    pub smtp_port: u16,
    /// `none`, `starttls` or `tls`.
    #[serde(default = "default_smtp_security")]
    pub smtp_security: String,
    #[serde(default)]
    pub smtp_username: Option<String>,
    #[serde(default)]
    pub smtp_password: Option<String>,
    /// Sender of every e-mail, e.g. `TTS <tts@example.com>`.
    #[serde(default = "default_mail_from")]
    pub mail_from: String,
    /// Right-hand side of every `Message-ID` and thread id; unset: the domain of `mail_from`.
    #[serde(default)]
    pub mail_message_id_domain: Option<String>,
    /// Zone of times written in notifications whose payload names none (an IANA name).
    #[serde(default = "default_mail_time_zone")]
    pub mail_time_zone: String,
    /// Where `.eml` files go without an SMTP server; outside the source checkout by default.
    #[serde(default = "default_email_dir")]
    pub email_dir: PathBuf,
    /// Base URL of the web console, for ticket and task links in e-mails.
    #[serde(default = "default_frontend_url")]
    pub frontend_url: String,
}

/// Every [`NotificationSettings`] field, for `--help` and the start-up check of the settings file.
#[rustfmt::skip]
pub const NOTIFICATION_SETTINGS: &[Setting] = &[
    Setting { key: "smtp_host", default: "", about: "SMTP server; none: e-mails are written as .eml files to email_dir" },
    Setting { key: "smtp_port", default: "25", about: "port of the SMTP server" },
    Setting { key: "smtp_security", default: "none", about: "none, starttls or tls" },
    Setting { key: "smtp_username", default: "", about: "SMTP user name; none: no authentication" },
    Setting { key: "smtp_password", default: "", about: "SMTP password" },
    Setting { key: "mail_from", default: "TTS <tts@localhost>", about: "sender of every e-mail" },
    Setting { key: "mail_message_id_domain", default: "", about: "right-hand side of every Message-ID and thread id; none: the domain of mail_from" },
    Setting { key: "mail_time_zone", default: "UTC", about: "IANA zone of times in notifications whose payload names none" },
    Setting { key: "email_dir", default: "<$XDG_DATA_HOME or ~/.local/share>/tts/outbox-mail", about: "where .eml files go without an SMTP server (/var/lib/tts/outbox-mail without a home)" },
    Setting { key: "frontend_url", default: "http://localhost:1000", about: "base URL of the web console, for ticket and task links in e-mails" },
];

fn default_smtp_port() -> u16 {
    25
}
fn default_smtp_security() -> String {
    "none".into()
}
fn default_mail_from() -> String {
    "TTS <tts@localhost>".into()
}
fn default_mail_time_zone() -> String {
    "UTC".into()
}
fn default_email_dir() -> PathBuf {
    domain::mail::default_email_dir(
        std::env::var_os("XDG_DATA_HOME").map(PathBuf::from),
        std::env::var_os("HOME").map(PathBuf::from),
    )
}
fn default_frontend_url() -> String {
    "http://localhost:1000".into()
}

/// Shared by every handler and consumer.
#[derive(Clone)]
pub struct AppState {
    pub platform: Platform,
    pub settings: Arc<NotificationSettings>,
    pub mailer: mailer::Mailer,
    pub from: Mailbox,
    /// Right-hand side of `Message-ID`s and thread ids (validated at start).
    pub message_id_domain: String,
    /// Zone of times in notifications whose payload names none (validated at start).
    pub time_zone: chrono_tz::Tz,
    /// Live events of every instance, for this instance's sockets.
    pub live: LiveBus,
}

impl FromRef<AppState> for Platform {
    fn from_ref(state: &AppState) -> Platform {
        state.platform.clone()
    }
}

/// The HTTP application, with this service's consumers started beside it.
pub fn app(
    platform: &Platform,
    source: &ConfigSource,
) -> Result<Router, Box<dyn std::error::Error + Send + Sync>> {
    let settings: NotificationSettings = source.get()?;
    // One TLS provider for the process: SMTP over TLS uses it.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mailer = mailer::Mailer::from_settings(&settings)?;
    let from: Mailbox = settings
        .mail_from
        .parse()
        .map_err(|e| format!("setting `mail_from` (TTS_MAIL_FROM): {e}"))?;
    let message_id_domain = match settings.mail_message_id_domain.as_deref() {
        Some(d) => domain::mail::valid_domain(d).map_err(|e| {
            format!("setting `mail_message_id_domain` (TTS_MAIL_MESSAGE_ID_DOMAIN): {e}")
        })?,
        None => domain::mail::valid_domain(from.email.domain()).map_err(|e| {
            format!("setting `mail_from` (TTS_MAIL_FROM): its domain cannot name a Message-ID ({e}); set `mail_message_id_domain`")
        })?,
    };
    let time_zone = domain::time::zone(&settings.mail_time_zone)
        .map_err(|e| format!("setting `mail_time_zone` (TTS_MAIL_TIME_ZONE): {e}"))?;
    let state = AppState {
        platform: platform.clone(),
        settings: Arc::new(settings),
        mailer,
        from,
        message_id_domain,
        time_zone,
        live: LiveBus::start(
            platform.broker().clone(),
            tts_shared::amqp::live::NOTIFICATIONS_EXCHANGE,
            platform.cancel_token(),
        ),
    };
    let queues = &platform.settings().queues;
    let inapp = || consumers::inapp::InappHandler {
        state: state.clone(),
    };
    platform.spawn(
        platform
            .consumer(&queues.queue_inapp_notifications)
            .handle(AssignmentNotification::NAME, inapp())
            .handle(EscalationNotification::NAME, inapp())
            .handle(TaskTransferNotification::NAME, inapp())
            .handle(TaskCompletedNotification::NAME, inapp())
            .handle(SlaWarningNotification::NAME, inapp())
            .handle(SlaBreachNotification::NAME, inapp())
            .handle(CommentNotification::NAME, inapp())
            .handle(MentionNotification::NAME, inapp())
            .handle(InappNotification::NAME, inapp())
            .run(platform.cancel_token()),
    );
    platform.spawn(
        platform
            .consumer(&queues.queue_email_notifications)
            .handle(
                EmailNotification::NAME,
                consumers::email::EmailHandler {
                    state: state.clone(),
                },
            )
            .run(platform.cancel_token()),
    );
    platform.spawn(
        platform
            .consumer(&queues.queue_user_email_sync)
            .handle(UserEmailSync::NAME, consumers::directory::DirectoryHandler)
            .handle(
                BulkUserEmailSync::NAME,
                consumers::directory::DirectoryHandler,
            )
            .handle(
                DeleteUserEmail::NAME,
                consumers::directory::DirectoryHandler,
            )
            .run(platform.cancel_token()),
    );
    let (api, openapi) = routes::router().split_for_parts();
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
        tts_shared::testing::assert_settings_table::<super::NotificationSettings>(
            super::NOTIFICATION_SETTINGS,
        );
    }
}
