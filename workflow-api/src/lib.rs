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
use tts_shared::events::{CeleryTask, EndLogicJob, HelpdeskTicket, RoleSync, UserSystemRoleSync};
use tts_shared::{Platform, ServiceInfo};

pub mod access;
pub mod analytics;
pub mod consumers;
pub mod designer;
pub mod domain;
pub mod end_logic;
pub mod error;
pub mod intake;
pub mod routes;
pub mod schema;
pub mod sla;
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
    /// How often the SLA sweeper looks at open items.
    #[serde(default = "default_sla_sweep_interval_ms")]
    pub sla_sweep_interval_ms: u64,
    /// Percentages of an item's SLA at which its assignee and the ticket owner are warned.
    #[serde(default = "default_sla_warning_thresholds")]
    pub sla_warning_thresholds: Vec<u8>,
    /// Endpoint of the asset management system, for workflows whose end action is `asset`.
    #[serde(default)]
    pub end_logic_asset_url: Option<String>,
    /// Endpoint of the budget management system (`budget`).
    #[serde(default)]
    pub end_logic_budget_url: Option<String>,
    /// Endpoint told of completions for the `notification` end action.
    #[serde(default)]
    pub end_logic_notification_url: Option<String>,
    /// HMAC-SHA256 key signing every end-logic callback.
    #[serde(default = "default_end_logic_secret")]
    pub end_logic_secret: String,
    /// How long one callback may take before it counts as failed.
    #[serde(default = "default_end_logic_timeout_ms")]
    pub end_logic_timeout_ms: u64,
    /// Host names and IP addresses or networks a workflow's `end_webhook_url` may reach although
    /// they are not public (loopback, private, link-local…). Empty: public addresses only.
    #[serde(default)]
    pub end_webhook_allowed_hosts: domain::address::AllowList,
}

fn default_end_logic_secret() -> String {
    "tts-end-logic-development-secret".into()
}

fn default_end_logic_timeout_ms() -> u64 {
    10_000
}

fn default_sla_sweep_interval_ms() -> u64 {
    30_000
}

fn default_sla_warning_thresholds() -> Vec<u8> {
    vec![50, 75, 90]
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
    let mut settings: WorkflowSettings = source.get()?;
    settings.sla_warning_thresholds.sort_unstable();
    settings.sla_warning_thresholds.dedup();
    if settings
        .sla_warning_thresholds
        .iter()
        .any(|t| *t == 0 || *t >= 100)
    {
        return Err("setting `sla_warning_thresholds` (TTS_SLA_WARNING_THRESHOLDS): each must be between 1 and 99".into());
    }
    if settings.sla_sweep_interval_ms == 0 {
        return Err(
            "setting `sla_sweep_interval_ms` (TTS_SLA_SWEEP_INTERVAL_MS) must be at least 1".into(),
        );
    }
    // Whoever knows the key can forge completions to the asset and budget systems: the public
    // default is only good on a development machine.
    tts_shared::config::check_secret(
        "end_logic_secret",
        &settings.end_logic_secret,
        platform.settings().development_mode,
    )?;
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
    // One TLS provider for the process: the end-logic client calls https endpoints with it.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let deliver = end_logic::DeliverEndLogic::new(state.clone())?;
    platform.spawn(
        platform
            .consumer(&queues.queue_workflow_tasks)
            .handle(EndLogicJob::NAME, deliver)
            .run(platform.cancel_token()),
    );
    platform.spawn(sla::run(
        state.clone(),
        std::time::Duration::from_millis(state.settings.sla_sweep_interval_ms),
        platform.cancel_token(),
    ));
    let (api, openapi) = routes::router().split_for_parts();
    let api = api.route_layer(axum::middleware::from_fn_with_state(
        platform.clone(),
        access::refuse_employees,
    ));
    Ok(tts_shared::http::app(
        api.with_state(state),
        openapi,
        platform,
    ))
}
