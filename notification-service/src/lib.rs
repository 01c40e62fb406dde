//! TTS notification service: In-app notifications with live push, e-mail over SMTP, and the user e-mail directory.
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
    name: "notification-service",
    port: 8006,
    database: "tts_notifications",
};

/// This service's own migrations, applied after the platform tables.
pub const MIGRATIONS: &[&EmbeddedMigrations] = &[];

#[derive(OpenApi)]
#[openapi(info(
    title = "TTS notification service",
    description = "In-app notifications with live push, e-mail over SMTP, and the user e-mail directory."
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
