//! TTS ticket service: Ticket intake from helpdesks, attachments, and the lossless hand-off of each ticket to the workflow engine.
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
    name: "ticket-service",
    port: 8004,
    database: "tts_tickets",
};

/// This service's own migrations, applied after the platform tables.
pub const MIGRATIONS: &[&EmbeddedMigrations] = &[];

#[derive(OpenApi)]
#[openapi(info(
    title = "TTS ticket service",
    description = "Ticket intake from helpdesks, attachments, and the lossless hand-off of each ticket to the workflow engine."
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
