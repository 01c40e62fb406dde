//! What every service runs on, started once: settings, database, broker, authenticator, outbox
//! relay, background tasks and shutdown. A service's `main` is [`run_main`]; its tests call
//! [`serve`] with a listener of their own.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use diesel_migrations::EmbeddedMigrations;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::amqp::{Broker, Consumer, ConsumerConfig, OutboxRelay, OutboxSignal, RelayConfig};
use crate::auth::Authenticator;
use crate::config::{self, ConfigSource, PlatformSettings};
use crate::db::{self, Db};
use crate::telemetry;
use crate::ws::SocketRegistry;

/// A service's identity and defaults.
#[derive(Debug, Clone, Copy)]
pub struct ServiceInfo {
    pub name: &'static str,
    pub port: u16,
    pub database: &'static str,
    /// The service crate's version: `env!("CARGO_PKG_VERSION")` written in the service crate.
    pub version: &'static str,
    /// One sentence on what the service does, for `--help` and the OpenAPI document.
    pub about: &'static str,
    /// The service's own settings (its `…Settings` struct, read with `ConfigSource::get`), for
    /// `--help` and so their keys are known before start-up checks the `TTS_CONFIG` file.
    /// `None` until the service describes them: the file's keys are then checked only after
    /// the service has read its settings.
    pub settings: Option<&'static [config::Setting]>,
}

struct Inner {
    info: ServiceInfo,
    settings: PlatformSettings,
    db: Db,
    broker: Broker,
    auth: Authenticator,
    outbox: OutboxSignal,
    sockets: Arc<SocketRegistry>,
    cancel: CancellationToken,
    tasks: TaskTracker,
}

/// Cheap-to-clone handle on the running platform; services keep it in their state.
#[derive(Clone)]
pub struct Platform(Arc<Inner>);

#[cfg(test)]
mod tests {
    use super::*;

    const INFO: ServiceInfo = ServiceInfo {
        name: "ticket-service",
        port: 8004,
        database: "tts_tickets",
        version: "1.2.3",
        about: "Tickets.",
        settings: Some(&[config::Setting {
            key: "attachment_dir",
            default: "./attachments",
            about: "where attachments are kept",
        }]),
    };

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn version_prints_the_service_and_its_version() {
        assert_eq!(
            invocation(&INFO, &args(&["--version"])),
            Invocation::Print("ticket-service 1.2.3\n".into())
        );
        assert_eq!(invocation(&INFO, &args(&[])), Invocation::Run);
    }

    #[test]
    fn help_lists_every_setting_with_its_variable_and_default() {
        let Invocation::Print(text) = invocation(&INFO, &args(&["--help"])) else {
            panic!("--help prints");
        };
        assert!(text.contains("Tickets."), "{text}");
        assert!(text.contains("Usage: ticket-service"), "{text}");
        assert!(text.contains("TTS_CONFIG"), "{text}");
        for setting in config::PLATFORM_SETTINGS {
            let line = format!(
                "  {} ({}, default: ",
                setting.key,
                config::env_name(setting.key)
            );
            assert!(text.contains(&line), "{} missing: {text}", setting.key);
            assert!(text.contains(setting.about), "{text}");
        }
        assert!(text.contains("http_addr (TTS_HTTP_ADDR, default: 0.0.0.0:8004)"));
        assert!(text.contains("/tts_tickets)"), "{text}");
        assert!(text.contains(
            "attachment_dir (TTS_ATTACHMENT_DIR, default: ./attachments)\n      where attachments are kept"
        ));
    }

    #[test]
    fn an_unknown_argument_is_refused_with_the_usage() {
        let Invocation::Refuse(text) = invocation(&INFO, &args(&["--port", "1"])) else {
            panic!("refused");
        };
        assert!(text.contains("`--port`"), "{text}");
        assert!(
            text.contains("Usage: ticket-service [--help | --version]"),
            "{text}"
        );
    }
}

impl std::fmt::Debug for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Platform")
            .field("service", &self.0.info.name)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error(transparent)]
    Database(#[from] db::SetupError),
    #[error("shut down before start-up finished")]
    Cancelled,
}

impl Platform {
    /// Connects everything. Waits (with backoff, logging each failure) for PostgreSQL, so a
    /// service started before its database comes up on its own; the broker is connected in the
    /// background and readiness says so until it is.
    pub async fn start(
        info: ServiceInfo,
        settings: PlatformSettings,
        migrations: &[&'static EmbeddedMigrations],
        cancel: CancellationToken,
    ) -> Result<Platform, StartError> {
        let auth = Authenticator::from_settings(&settings)?;
        let mut sets = vec![&db::PLATFORM_MIGRATIONS];
        sets.extend_from_slice(migrations);
        let mut delay = Duration::from_millis(200);
        let db = loop {
            match Db::connect(&settings, &sets).await {
                Ok(db) => break db,
                Err(e @ (db::SetupError::Connect(_) | db::SetupError::Sql(_))) => {
                    tracing::warn!(error = %e, retry_in_ms = delay.as_millis() as u64, "database not reachable yet");
                    tokio::select! {
                        _ = cancel.cancelled() => return Err(StartError::Cancelled),
                        _ = tokio::time::sleep(delay) => {}
                    }
                    delay = (delay * 2).min(Duration::from_secs(5));
                }
                Err(e) => return Err(e.into()),
            }
        };
        let broker = Broker::start_with_topology(
            &settings.amqp_url,
            info.name,
            crate::amqp::topology::Topology::of(&settings.queues),
            Duration::from_millis(settings.amqp_reconnect_max_delay_ms),
            cancel.clone(),
        );
        let platform = Platform(Arc::new(Inner {
            info,
            db,
            broker,
            auth,
            outbox: OutboxSignal::default(),
            sockets: SocketRegistry::new(settings.socket_max_per_person),
            cancel,
            tasks: TaskTracker::new(),
            settings,
        }));
        platform.spawn(platform.outbox_relay().run(platform.0.cancel.clone()));
        Ok(platform)
    }

    pub fn info(&self) -> ServiceInfo {
        self.0.info
    }

    pub fn settings(&self) -> &PlatformSettings {
        &self.0.settings
    }

    pub fn db(&self) -> &Db {
        &self.0.db
    }

    pub fn broker(&self) -> &Broker {
        &self.0.broker
    }

    pub fn auth(&self) -> &Authenticator {
        &self.0.auth
    }

    /// Call after committing a transaction that wrote outbox rows.
    pub fn outbox(&self) -> &OutboxSignal {
        &self.0.outbox
    }

    /// This instance's live sockets, per person (see [`SocketRegistry`]).
    pub fn sockets(&self) -> &Arc<SocketRegistry> {
        &self.0.sockets
    }

    pub fn cancel_token(&self) -> CancellationToken {
        self.0.cancel.clone()
    }

    /// A relay for this service's outbox (one runs from [`Platform::start`]).
    pub fn outbox_relay(&self) -> OutboxRelay {
        let s = &self.0.settings;
        OutboxRelay::new(
            self.0.db.clone(),
            self.0.broker.clone(),
            self.0.outbox.clone(),
            RelayConfig {
                batch_size: s.outbox_batch_size,
                poll_interval: Duration::from_millis(s.outbox_poll_interval_ms),
                retention: Duration::from_secs(s.message_retention_hours * 3600),
            },
        )
        .with_routes(crate::amqp::topology::Topology::routes(&s.queues))
    }

    /// A consumer of `queue` wired to this service's database, broker and outbox.
    pub fn consumer(&self, queue: &str) -> Consumer {
        Consumer::new(
            queue,
            self.0.db.clone(),
            self.0.broker.clone(),
            ConsumerConfig::from_settings(&self.0.settings),
        )
        .wake_outbox(self.0.outbox.clone())
    }

    /// Runs a background task that shutdown waits for.
    pub fn spawn<F>(&self, task: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.0.tasks.spawn(task);
    }

    /// Each dependency: `ok` or what is wrong.
    pub async fn readiness(&self) -> BTreeMap<String, String> {
        let mut checks = BTreeMap::new();
        let database = match self.0.db.ping().await {
            Ok(()) => "ok".to_string(),
            Err(e) => e.to_string(),
        };
        checks.insert("database".to_string(), database);
        let broker = match self.0.broker.health() {
            Ok(()) => "ok".to_string(),
            Err(e) => format!("broker unavailable: {e}"),
        };
        checks.insert("broker".to_string(), broker);
        checks
    }

    /// Stops background work and waits for it, at most the configured grace period.
    pub async fn shutdown(&self) {
        self.0.cancel.cancel();
        self.0.tasks.close();
        let grace = Duration::from_millis(self.0.settings.shutdown_grace_ms);
        if tokio::time::timeout(grace, self.0.tasks.wait())
            .await
            .is_err()
        {
            tracing::warn!("background tasks did not finish within the shutdown grace period");
        }
    }
}

/// Serves `app` on `listener` until `platform`'s token is cancelled, then drains requests and
/// background tasks.
pub async fn serve(listener: TcpListener, app: Router, platform: Platform) -> std::io::Result<()> {
    let token = platform.cancel_token();
    let address = listener.local_addr()?;
    tracing::info!(service = platform.info().name, %address, "listening");
    axum::serve(listener, app)
        .with_graceful_shutdown(async move { token.cancelled().await })
        .await?;
    platform.shutdown().await;
    tracing::info!(service = platform.info().name, "stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler installs");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

/// Builds a service's router and starts its consumers, given the running platform and the
/// settings source (for service-specific settings).
pub type Builder =
    fn(&Platform, &ConfigSource) -> Result<Router, Box<dyn std::error::Error + Send + Sync>>;

/// What the command line asks a service binary to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Invocation {
    /// No arguments: run the service.
    Run,
    /// `--help` or `--version`: print this on stdout and exit 0, starting nothing.
    Print(String),
    /// Anything else: print this on stderr and exit 2.
    Refuse(String),
}

/// Reads a service binary's arguments (without the program name). Settings never come from
/// arguments, only from the file and the environment, so there is nothing else to parse.
pub fn invocation(info: &ServiceInfo, args: &[String]) -> Invocation {
    match args {
        [] => Invocation::Run,
        [one] if one == "--version" || one == "-V" => {
            Invocation::Print(format!("{} {}\n", info.name, info.version))
        }
        [one] if one == "--help" || one == "-h" => Invocation::Print(help(info)),
        [first, ..] => Invocation::Refuse(format!(
            "{}: unexpected argument `{first}`\n{}Try `{} --help`.\n",
            info.name,
            usage(info),
            info.name
        )),
    }
}

fn usage(info: &ServiceInfo) -> String {
    format!("Usage: {} [--help | --version]\n", info.name)
}

/// `--help`: what the service is, how to run it and every setting it reads.
pub fn help(info: &ServiceInfo) -> String {
    let mut text = format!(
        "{} {}\n{}\n\n{}",
        info.name,
        info.version,
        info.about,
        usage(info)
    );
    text.push_str(&format!(
        "\nSettings come from, each layer overriding the one before:\n  \
         1. defaults (below);\n  \
         2. the TOML file named by {file}, if set: flat `key = value` lines, lists as arrays or \
         comma-separated text; a key no setting has stops the start;\n  \
         3. environment variables: {prefix}<KEY in capitals>, e.g. {prefix}AMQP_PREFETCH=20.\n\
         \nPlatform settings:\n",
        file = config::CONFIG_FILE_ENV,
        prefix = config::ENV_PREFIX,
    ));
    let port = info.port.to_string();
    for setting in config::PLATFORM_SETTINGS {
        let default = setting
            .default
            .replace("<service port>", &port)
            .replace("<service database>", info.database);
        push_setting(&mut text, setting, &default);
    }
    match info.settings {
        Some(settings) => {
            text.push_str(&format!("\n{} settings:\n", info.name));
            for setting in settings {
                push_setting(&mut text, setting, setting.default);
            }
        }
        None => text.push_str(&format!(
            "\n{} also reads settings of its own; see docs/operations.md.\n",
            info.name
        )),
    }
    text
}

fn push_setting(text: &mut String, setting: &config::Setting, default: &str) {
    let default = if default.is_empty() {
        "none".to_string()
    } else {
        default.to_string()
    };
    text.push_str(&format!(
        "  {key} ({env}, default: {default})\n      {about}\n",
        key = setting.key,
        env = config::env_name(setting.key),
        about = setting.about,
    ));
}

/// The whole `main` of a service: arguments, settings, logs, platform, HTTP, signals. Exit code
/// 2 for bad arguments or settings, 1 for other start-up failures.
pub async fn run_main(
    info: ServiceInfo,
    migrations: &[&'static EmbeddedMigrations],
    build: Builder,
) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match invocation(&info, &args) {
        Invocation::Run => {}
        Invocation::Print(text) => {
            use std::io::Write;
            let _ = std::io::stdout().write_all(text.as_bytes());
            return ExitCode::SUCCESS;
        }
        Invocation::Refuse(text) => {
            eprint!("{text}");
            return ExitCode::from(2);
        }
    }
    let (source, settings) = match config::load_platform(info.port, info.database) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("{}: invalid configuration: {e}", info.name);
            return ExitCode::from(2);
        }
    };
    // A typo in the file stops the start before anything is connected, when the service has
    // described its own settings; otherwise once it has read them (below).
    if let Some(own) = info.settings {
        let keys: Vec<&str> = own.iter().map(|s| s.key).collect();
        if let Err(e) = source.reject_file_keys_except(&keys) {
            eprintln!("{}: invalid configuration: {e}", info.name);
            return ExitCode::from(2);
        }
    }
    telemetry::init_tracing(settings.log_format, &settings.log);
    telemetry::metrics_handle();
    if settings.development_mode {
        tracing::warn!(
            "development mode: public default secrets are accepted; never run it in production"
        );
    }
    let listener = match TcpListener::bind(settings.http_addr).await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(address = %settings.http_addr, error = %e, "cannot listen");
            return ExitCode::from(1);
        }
    };
    let cancel = CancellationToken::new();
    let on_signal = cancel.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("shutdown requested");
        on_signal.cancel();
    });
    let platform = match Platform::start(info, settings, migrations, cancel).await {
        Ok(p) => p,
        Err(StartError::Cancelled) => return ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "start-up failed");
            return ExitCode::from(if matches!(e, StartError::Config(_)) {
                2
            } else {
                1
            });
        }
    };
    let app = match build(&platform, &source) {
        Ok(app) => app,
        Err(e) => {
            tracing::error!(error = %e, "start-up failed");
            platform.shutdown().await;
            return ExitCode::from(2);
        }
    };
    if let Err(e) = source.reject_unknown_file_keys() {
        tracing::error!(error = %e, "invalid configuration");
        platform.shutdown().await;
        return ExitCode::from(2);
    }
    match serve(listener, app, platform).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "server failed");
            ExitCode::from(1)
        }
    }
}
