//! TTS workflow API: roles cache, versioned workflow designer, ticket intake and matching,
//! round-robin assignment, task actions and audit.
//!
//! `main` only calls [`tts_shared::platform::run_main`] with [`SERVICE`], [`MIGRATIONS`] and
//! [`app`]; tests start the same pieces with their own listener and settings.

use std::sync::Arc;

use axum::Router;
use axum::extract::FromRef;
use diesel_migrations::{EmbeddedMigrations, embed_migrations};
use serde::Deserialize;
use tts_shared::config::ConfigSource;
use tts_shared::events::{CeleryTask, HelpdeskTicket, RoleSync, UserSystemRoleSync};
use tts_shared::{Platform, ServiceInfo};

pub mod access;
pub mod consumers;
pub mod designer;
pub mod domain;
pub mod error;
pub mod intake;
pub mod routes;
pub mod schema;
pub mod store;
pub mod tasks;

pub const SERVICE: ServiceInfo = ServiceInfo {
    name: "workflow-api",
    port: 8002,
    database: "tts_workflow",
};

pub const WORKFLOW_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// This service's own migrations, applied after the platform tables.
pub const MIGRATIONS: &[&EmbeddedMigrations] = &[&WORKFLOW_MIGRATIONS];

/// Settings of the workflow API (besides the platform's), from the same sources.
#[derive(Debug, Clone, Deserialize)]
pub struct WorkflowSettings {
    /// The system whose roles are cached and assigned (`system` of role syncs and tokens).
    #[serde(default = "default_role_system")]
    pub role_system: String,
    /// Name of the role whose members own tickets.
    #[serde(default = "default_coordinator_role")]
    pub coordinator_role: String,
}

fn default_role_system() -> String {
    "tts".into()
}

fn default_coordinator_role() -> String {
    "Ticket Coordinator".into()
}

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub platform: Platform,
    pub settings: Arc<WorkflowSettings>,
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
    let settings: WorkflowSettings = source.get()?;
    let state = AppState {
        platform: platform.clone(),
        settings: Arc::new(settings),
    };
    let queues = &platform.settings().queues;
    let system = state.settings.role_system.clone();
    platform.spawn(
        platform
            .consumer(&queues.queue_role_sync)
            .handle(
                RoleSync::NAME,
                consumers::roles::RoleSyncHandler {
                    system: system.clone(),
                },
            )
            .handle(
                UserSystemRoleSync::NAME,
                consumers::roles::MemberSyncHandler { system },
            )
            .run(platform.cancel_token()),
    );
    platform.spawn(
        platform
            .consumer(&queues.queue_ticket_tasks)
            .handle(
                HelpdeskTicket::NAME,
                intake::ReceiveTicket {
                    state: state.clone(),
                },
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
