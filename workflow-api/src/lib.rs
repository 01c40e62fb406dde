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
use tts_shared::config::{ConfigSource, Setting};
use tts_shared::events::{
    CeleryTask, CommentPosted, EndLogicJob, HelpdeskTicket, RoleSync, UserSystemRoleSync,
};
use tts_shared::{Platform, ServiceInfo};

pub mod access;
pub mod analytics;
pub mod consumers;
pub mod designer;
pub mod domain;
pub mod end_logic;
pub mod error;
pub mod intake;
pub mod paging;
pub mod requester;
pub mod routes;
pub mod schema;
pub mod sla;
pub mod sla_response;
pub mod store;
pub mod tasks;
pub mod ticket_record;

pub const SERVICE: ServiceInfo = ServiceInfo {
    name: "workflow-api",
    port: 8002,
    database: "tts_workflow",
    version: env!("CARGO_PKG_VERSION"),
    about: "Workflow engine: designs workflows, matches each ticket to one and moves its tasks through the steps, with round-robin assignment, SLA timers and end-of-workflow actions.",
    settings: Some(WORKFLOW_SETTINGS),
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
    /// The system the coordinator role comes from (the original auth service sends "Ticket
    /// Coordinator" with `system: "hdts"`). Its coordinator role is cached whatever
    /// `role_systems` says, and owners are taken from it (else from `role_system`'s).
    #[serde(default = "default_coordinator_role_system")]
    pub coordinator_role_system: String,
    /// Systems whose role and member syncs are cached. Unset: `role_system` and
    /// `coordinator_role_system`. Syncs of other systems are acknowledged and counted `ignored`.
    #[serde(default)]
    pub role_systems: Option<Vec<String>>,
    /// How long a member sync whose role is not known yet keeps being retried before it is
    /// dead-lettered (its role may arrive later, on the other role-sync queue).
    #[serde(default = "default_role_sync_member_wait_ms")]
    pub role_sync_member_wait_ms: u64,
    /// Roles (besides `tts:Admin`) whose members design, publish, pause and archive workflows:
    /// names of `role_system` roles, or `system:Role`. Unset: the coordinator role.
    #[serde(default)]
    pub designer_roles: Option<Vec<String>>,
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
    /// Development and demos only: `/auth/demo/…` signs anyone in as a demo person (see
    /// `routes::sign_in`). Refused at start outside development mode.
    #[serde(default)]
    pub demo_sign_in: bool,
    /// Lifetime of a demo sign-in's token and cookie.
    #[serde(default = "routes::sign_in::default_ttl_seconds")]
    pub demo_sign_in_ttl_seconds: i64,
}

/// Every [`WorkflowSettings`] field, for `--help` and the start-up check of the settings file.
#[rustfmt::skip]
pub const WORKFLOW_SETTINGS: &[Setting] = &[
    Setting { key: "role_system", default: "tts", about: "system whose roles are cached and assigned (`system` of role syncs and tokens)" },
    Setting { key: "coordinator_role", default: "Ticket Coordinator", about: "role whose members own tickets" },
    Setting { key: "coordinator_role_system", default: "hdts", about: "system the coordinator role comes from; owners are taken from its members" },
    Setting { key: "role_systems", default: "", about: "systems whose role and member syncs are cached (comma-separated); none: role_system and coordinator_role_system" },
    Setting { key: "role_sync_member_wait_ms", default: "900000", about: "how long a member sync for a role not known yet is retried before it is dead-lettered" },
    Setting { key: "designer_roles", default: "", about: "roles (besides tts:Admin) that design and publish workflows, `Role` or `system:Role`; none: the coordinator role" },
    Setting { key: "sla_sweep_interval_ms", default: "30000", about: "how often the SLA sweeper looks at open items" },
    Setting { key: "sla_warning_thresholds", default: "50,75,90", about: "percentages of an item's SLA at which its assignee and the ticket owner are warned (each 1-99)" },
    Setting { key: "end_logic_asset_url", default: "", about: "endpoint of the asset management system, for workflows whose end action is `asset`" },
    Setting { key: "end_logic_budget_url", default: "", about: "endpoint of the budget management system, for the `budget` end action" },
    Setting { key: "end_logic_notification_url", default: "", about: "endpoint told of completions, for the `notification` end action" },
    Setting { key: "end_logic_secret", default: "<development secret>", about: "HMAC-SHA256 key signing every end-logic callback" },
    Setting { key: "end_logic_timeout_ms", default: "10000", about: "how long one end-logic callback may take before it counts as failed" },
    Setting { key: "end_webhook_allowed_hosts", default: "", about: "non-public hosts or networks (e.g. 10.1.0.0/16) a workflow's end webhook may reach; none: public addresses only" },
    Setting { key: "demo_sign_in", default: "false", about: "development and demos only: `/auth/demo/…` signs anyone in as a demo person" },
    Setting { key: "demo_sign_in_ttl_seconds", default: "28800", about: "lifetime of a demo sign-in's token and cookie, in seconds" },
];

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

fn default_coordinator_role_system() -> String {
    "hdts".into()
}

fn default_role_sync_member_wait_ms() -> u64 {
    15 * 60 * 1000
}

impl WorkflowSettings {
    /// Which role syncs the roles cache keeps (see `role_systems`).
    pub fn role_systems(&self) -> consumers::roles::RoleSystems {
        let systems = match &self.role_systems {
            Some(systems) => systems.clone(),
            None => vec![
                self.role_system.clone(),
                self.coordinator_role_system.clone(),
            ],
        };
        consumers::roles::RoleSystems {
            systems,
            coordinator_role: self.coordinator_role.clone(),
            coordinator_system: self.coordinator_role_system.clone(),
        }
    }
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
    routes::sign_in::check_settings(platform.settings(), &settings)?;
    let state = AppState {
        platform: platform.clone(),
        settings: Arc::new(settings),
    };
    let queues = &platform.settings().queues;
    // The auth service sends roles and members on two queues; each takes both tasks, and a
    // member whose role has not arrived yet is retried for `role_sync_member_wait_ms`.
    let member_wait = std::time::Duration::from_millis(state.settings.role_sync_member_wait_ms);
    for queue in [&queues.queue_role_sync, &queues.queue_member_sync] {
        let systems = state.settings.role_systems();
        platform.spawn(
            platform
                .consumer(queue)
                .retry_for_at_least(member_wait)
                .handle(
                    RoleSync::NAME,
                    consumers::roles::RoleSyncHandler {
                        systems: systems.clone(),
                    },
                )
                .handle(
                    UserSystemRoleSync::NAME,
                    consumers::roles::MemberSyncHandler { systems },
                )
                .run(platform.cancel_token()),
        );
    }
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
            .handle(
                CommentPosted::NAME,
                consumers::comment_posted::CommentPostedHandler {
                    state: state.clone(),
                },
            )
            .run(platform.cancel_token()),
    );
    platform.spawn(sla::run(
        state.clone(),
        std::time::Duration::from_millis(state.settings.sla_sweep_interval_ms),
        platform.cancel_token(),
    ));
    let (api, mut openapi) = routes::router().split_for_parts();
    let api = api.route_layer(axum::middleware::from_fn_with_state(
        platform.clone(),
        access::refuse_employees,
    ));
    // `/me/` and `/auth/…` answer employees too, so they are added after the layer refusing them.
    let (everyone, everyone_doc) = routes::for_everyone().split_for_parts();
    openapi.merge(everyone_doc);
    let api = api.merge(everyone);
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
        tts_shared::testing::assert_settings_table::<super::WorkflowSettings>(
            super::WORKFLOW_SETTINGS,
        );
    }
}
