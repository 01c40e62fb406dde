//! `tts`: operator tool for TTS.
//!
//! `tts token` mints an access token like the auth service would, signed with the configured
//! HS256 secret (`TTS_JWT_SECRET`, or the development default) or an RS256 private key.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Deserialize;
use tts_shared::auth::{Claims, SystemRole, UserType, issue_hs256, issue_rs256};
use tts_shared::config::{ConfigSource, DEVELOPMENT_JWT_SECRET};

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
}

fn parse_user_type(s: &str) -> Result<UserType, String> {
    s.parse()
}

fn parse_role(s: &str) -> Result<SystemRole, String> {
    s.parse()
}

/// The one setting the CLI reads, from the same sources as the services.
#[derive(Deserialize)]
struct CliSettings {
    #[serde(default = "development_secret")]
    jwt_secret: String,
}

fn development_secret() -> String {
    DEVELOPMENT_JWT_SECRET.into()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(output) => {
            let mut stdout = std::io::stdout();
            let _ = writeln!(stdout, "{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "tts: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<String, String> {
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
            match private_key {
                Some(path) => {
                    let pem = std::fs::read(&path)
                        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                    issue_rs256(&pem, &claims)
                }
                None => {
                    let source = ConfigSource::load(&[]).map_err(|e| e.to_string())?;
                    let settings: CliSettings = source.get().map_err(|e| e.to_string())?;
                    Ok(issue_hs256(&settings.jwt_secret, &claims))
                }
            }
        }
    }
}
