//! TTS workflow API: Roles cache, versioned workflows, ticket intake and matching, round-robin assignment, task actions, SLAs and reports.
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
    name: "workflow-api",
    port: 8002,
    database: "tts_workflow",
};

/// This service's own migrations, applied after the platform tables.
pub const MIGRATIONS: &[&EmbeddedMigrations] = &[];

#[derive(OpenApi)]
#[openapi(info(
    title = "TTS workflow API",
    description = "Roles cache, versioned workflows, ticket intake and matching, round-robin assignment, task actions, SLAs and reports."
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
