//! TTS messaging service: Per-ticket comment threads with replies, ratings and attachments, live over WebSocket.
//!
//! `main` only calls [`tts_shared::platform::run_main`] with [`SERVICE`], [`MIGRATIONS`] and
//! [`app`]; tests start the same pieces with their own listener and settings.

use axum::Router;
use diesel_migrations::EmbeddedMigrations;
use tts_shared::config::ConfigSource;
use tts_shared::{Platform, ServiceInfo};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

pub const SERVICE: ServiceInfo = ServiceInfo {
    name: "messaging",
    port: 8005,
    database: "tts_messaging",
};

/// This service's own migrations, applied after the platform tables.
pub const MIGRATIONS: &[&EmbeddedMigrations] = &[];

#[derive(OpenApi)]
#[openapi(info(
    title = "TTS messaging service",
    description = "Per-ticket comment threads with replies, ratings and attachments, live over WebSocket."
))]
struct ApiDoc;

/// The HTTP application of this service.
pub fn app(
    platform: &Platform,
    _settings: &ConfigSource,
) -> Result<Router, Box<dyn std::error::Error + Send + Sync>> {
    let (api, openapi) =
        OpenApiRouter::<Platform>::with_openapi(ApiDoc::openapi()).split_for_parts();
    Ok(tts_shared::http::app(
        api.with_state(platform.clone()),
        openapi,
        platform,
    ))
}
