//! `tts`: operator tool for TTS.
//!
//! - `tts token` mints an access token like the auth service would, signed with the configured
//!   HS256 secret (`TTS_JWT_SECRET`, or the development default) or an RS256 private key.
//! - `tts demo` loads demo roles, people and published workflows into a running system, safely
//!   repeatable, and prints tokens for demo users and the services' API docs.
//! - `tts simulate` plays a helpdesk: it sends tickets at a steady rate over AMQP or HTTP and
//!   reports the rate, errors and latency.
//!
//! Settings (secret, broker, queue names, coordinator role) come from the same sources as the
//! services' (`TTS_*` variables, `TTS_CONFIG` file), so the CLI and the services agree.

mod amqp;
mod demo;
mod demo_data;
mod signing;
mod simulate;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Parser, Subcommand};
use serde::Deserialize;
use tts_shared::auth::{Claims, SystemRole, UserType};
use tts_shared::config::{ConfigSource, DEVELOPMENT_JWT_SECRET, QueueNames};

use crate::signing::Signer;

#[derive(Parser)]
#[command(
    name = "tts",
    version,
    about = "Operator tool for the Ticket Tracking System"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print an access token for a user.
    Token {
        #[arg(long)]
        user_id: i64,
        /// `staff` (agents, coordinators) or `employee` (requesters): separate id namespaces.
        #[arg(long, default_value = "staff", value_parser = parse_user_type)]
        user_type: UserType,
        /// A role as `system:Role`, e.g. `tts:Admin`; repeat for several.
        #[arg(long = "role", value_parser = parse_role)]
        roles: Vec<SystemRole>,
        /// Lifetime in seconds.
        #[arg(long, default_value_t = 3600, value_parser = clap::value_parser!(i64).range(1..))]
        ttl: i64,
        #[arg(long)]
        email: Option<String>,
        /// Full name shown to other users.
        #[arg(long)]
        name: Option<String>,
        /// Sign with this RS256 private key (PEM) instead of the HS256 secret.
        #[arg(long)]
        private_key: Option<PathBuf>,
    },
    /// Load demo roles, members and published workflows into a running system (safe to
    /// repeat), then print tokens for demo users and where each service's API docs are.
    Demo(demo::DemoArgs),
    /// Play a helpdesk: send tickets at a steady rate and report rate, errors and latency.
    Simulate(simulate::SimulateArgs),
}

fn parse_user_type(s: &str) -> Result<UserType, String> {
    s.parse()
}

fn parse_role(s: &str) -> Result<SystemRole, String> {
    s.parse()
}

/// The settings the CLI reads, from the same sources and with the same defaults as the services.
#[derive(Deserialize)]
pub struct CliSettings {
    #[serde(default = "development_secret")]
    pub jwt_secret: String,
    #[serde(default = "default_amqp_url")]
    pub amqp_url: String,
    /// The workflow API's name for the role whose members own tickets.
    #[serde(default = "default_coordinator_role")]
    pub coordinator_role: String,
}

fn development_secret() -> String {
    DEVELOPMENT_JWT_SECRET.into()
}

fn default_amqp_url() -> String {
    "amqp://guest:guest@127.0.0.1:5672/%2f".into()
}

fn default_coordinator_role() -> String {
    "Ticket Coordinator".into()
}

pub struct Settings {
    pub cli: CliSettings,
    pub queues: QueueNames,
}

impl Settings {
    fn load() -> anyhow::Result<Settings> {
        let source = ConfigSource::load(&[])?;
        Ok(Settings {
            cli: source.get()?,
            queues: source.get()?,
        })
    }
}

/// An HTTP client for the services. The workspace builds reqwest's rustls without a built-in
/// crypto provider, so the one the services use is installed first.
pub fn http_client(timeout: Duration) -> anyhow::Result<reqwest::Client> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .context("cannot build the HTTP client")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout();
    match run(cli, &mut stdout) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = stdout.flush();
            let _ = writeln!(std::io::stderr(), "tts: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli, out: &mut impl Write) -> anyhow::Result<()> {
    match cli.command {
        Command::Token {
            user_id,
            user_type,
            roles,
            ttl,
            email,
            name,
            private_key,
        } => {
            let mut claims = Claims::access(user_id, user_type, roles, ttl);
            claims.email = email;
            claims.full_name = name;
            // Only the HS256 path needs the settings; a bad setting must not stop RS256 signing.
            let secret = match private_key {
                Some(_) => String::new(),
                None => Settings::load()?.cli.jwt_secret,
            };
            let token = Signer::new(private_key.as_deref(), &secret)?.sign(&claims)?;
            writeln!(out, "{token}")?;
            Ok(())
        }
        Command::Demo(args) => {
            let settings = Settings::load()?;
            runtime()?.block_on(demo::run(args, &settings, out))
        }
        Command::Simulate(args) => {
            let settings = Settings::load()?;
            runtime()?.block_on(simulate::run(args, &settings, out))
        }
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}
