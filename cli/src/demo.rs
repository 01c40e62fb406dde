//! `tts demo`: loads the demo organisation ([`crate::demo_data`]) into a running system through
//! the same doors a real deployment uses — the workflow API's admin endpoints for roles, members
//! and workflows, and the auth service's `notifications.bulk_sync_user_emails` message for the
//! e-mail directory — then prints tokens for demo users and where each service's API docs are.
//!
//! Safe to repeat: each step reads what is there first and writes only what is missing or
//! different. A role is recognised by its name, a workflow by its name. A workflow is published
//! once; one that is already published (or paused) is left alone, because publishing again
//! would freeze another version.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use reqwest::Method;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tts_shared::auth::{Claims, SystemRole, UserType};
use tts_shared::events::{BulkUserEmailSync, CeleryTask, UserEmailSync};

use crate::Settings;
use crate::amqp::Amqp;
use crate::demo_data::{self, DemoRole, RoleBook, RoleRef};
use crate::signing::Signer;

#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// The workflow API.
    #[arg(long, default_value = "http://127.0.0.1:8002")]
    pub workflow_url: String,
    /// The ticket service (for the list of API docs).
    #[arg(long, default_value = "http://127.0.0.1:8004")]
    pub ticket_url: String,
    /// The messaging service (for the list of API docs).
    #[arg(long, default_value = "http://127.0.0.1:8005")]
    pub messaging_url: String,
    /// The notification service (for the list of API docs).
    #[arg(long, default_value = "http://127.0.0.1:8006")]
    pub notification_url: String,
    /// The broker the e-mail directory sync goes to; default: the `amqp_url` setting.
    #[arg(long)]
    pub amqp_url: Option<String>,
    /// Lifetime of the printed tokens, in seconds.
    #[arg(long, default_value_t = 86_400, value_parser = clap::value_parser!(i64).range(1..))]
    pub ttl: i64,
    /// Sign the tokens with this RS256 private key (PEM) instead of the HS256 secret.
    #[arg(long)]
    pub private_key: Option<PathBuf>,
}

/// What one run did, for the summary.
#[derive(Debug, Default)]
struct Tally {
    created: usize,
    changed: usize,
    unchanged: usize,
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} created, {} changed, {} already there",
            self.created, self.changed, self.unchanged
        )
    }
}

pub async fn run(args: DemoArgs, settings: &Settings, out: &mut impl Write) -> anyhow::Result<()> {
    let signer = Signer::new(args.private_key.as_deref(), &settings.cli.jwt_secret)?;
    // The demo's own calls act as the demo admin; this token is not printed.
    let mut admin = Claims::access(
        demo_data::ADMIN.user_id,
        UserType::Staff,
        vec![SystemRole::new("tts", "Admin")],
        600,
    );
    admin.full_name = Some(demo_data::ADMIN.full_name());
    let api = WorkflowApi {
        http: crate::http_client(Duration::from_secs(30))?,
        base: base_url(&args.workflow_url),
        token: signer.sign(&admin)?,
    };

    writeln!(out, "Loading demo data into {}", api.base)?;
    let (roles, role_tally, member_tally) = ensure_roles(&api, settings).await?;
    writeln!(out, "  roles:     {role_tally}")?;
    writeln!(out, "  members:   {member_tally}")?;
    for line in ensure_workflows(&api, &roles).await? {
        writeln!(out, "  workflow:  {line}")?;
    }

    let amqp_url = args.amqp_url.as_deref().unwrap_or(&settings.cli.amqp_url);
    let queue = settings.queues.queue_user_email_sync.as_str();
    let sent = sync_directory(amqp_url, queue).await?;
    writeln!(
        out,
        "  directory: e-mail addresses of {sent} staff sent to {queue}"
    )?;

    writeln!(out)?;
    writeln!(
        out,
        "Tokens (valid {}; send as \"Authorization: Bearer <token>\"):",
        lifetime(args.ttl)
    )?;
    for login in demo_data::logins(&roles) {
        let mut claims = Claims::access(
            login.user_id,
            login.user_type,
            login.roles.clone(),
            args.ttl,
        );
        claims.full_name = Some(login.name.clone());
        claims.email = Some(login.email.clone());
        let roles: Vec<String> = login.roles.iter().map(ToString::to_string).collect();
        writeln!(
            out,
            "  {:<12} {:<8} {:<5} {:<16} {}",
            login.label,
            login.user_type.as_str(),
            login.user_id,
            login.name,
            roles.join(", ")
        )?;
        writeln!(out, "      {}", signer.sign(&claims)?)?;
    }

    writeln!(out)?;
    writeln!(out, "API docs:")?;
    for (service, url) in [
        ("ticket-service", &args.ticket_url),
        ("workflow-api", &args.workflow_url),
        ("messaging", &args.messaging_url),
        ("notification-service", &args.notification_url),
    ] {
        writeln!(out, "  {service:<22} {}/docs", base_url(url))?;
    }
    writeln!(out)?;
    // Named as it was started (`target/release/tts` from the run script), so it can be pasted.
    let program = std::env::args().next().unwrap_or_else(|| "tts".into());
    writeln!(
        out,
        "Send tickets:  {program} simulate --count 20 --rate 2 --via amqp"
    )?;
    Ok(())
}

fn base_url(url: &str) -> String {
    url.trim_end_matches('/').to_string()
}

fn lifetime(seconds: i64) -> String {
    if seconds % 3600 == 0 {
        format!("{} h", seconds / 3600)
    } else {
        format!("{seconds} s")
    }
}

/// Admin calls to the workflow API; any answer but 2xx is an error naming the call and the
/// service's error message.
struct WorkflowApi {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl WorkflowApi {
    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> anyhow::Result<T> {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request
            .send()
            .await
            .with_context(|| format!("{method} {}{path}: workflow API not reachable", self.base))?;
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        if !status.is_success() {
            anyhow::bail!("{method} {path}: {status}: {text}");
        }
        serde_json::from_str(&text)
            .with_context(|| format!("{method} {path}: unexpected answer: {text}"))
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        self.call(Method::GET, path, None).await
    }

    /// Every item of a `{items, next_cursor}` list, following the cursor to the last page.
    async fn get_all<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<Vec<T>> {
        #[derive(Deserialize)]
        struct Page<T> {
            items: Vec<T>,
            next_cursor: Option<String>,
        }
        let mut all = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page_path = match &cursor {
                None => format!("{path}?limit=200"),
                Some(c) => format!("{path}?limit=200&cursor={c}"),
            };
            let page: Page<T> = self.get(&page_path).await?;
            all.extend(page.items);
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => return Ok(all),
            }
        }
    }

    async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &Value,
    ) -> anyhow::Result<T> {
        self.call(method, path, Some(body)).await
    }
}

#[derive(Debug, Deserialize)]
struct RoleView {
    role_id: i64,
    name: String,
}

#[derive(Debug, Deserialize)]
struct RoleDetail {
    members: Vec<MemberView>,
}

#[derive(Debug, Deserialize)]
struct MemberView {
    user_id: i64,
    user_email: Option<String>,
    user_full_name: Option<String>,
    is_active: bool,
}

/// Creates the demo roles that are missing and puts each demo member in place. Returns where
/// each demo role lives, and what was done to roles and to members.
async fn ensure_roles(
    api: &WorkflowApi,
    settings: &Settings,
) -> anyhow::Result<(RoleBook, Tally, Tally)> {
    let existing: Vec<RoleView> = api.get_all("/roles/").await?;
    let mut taken: Vec<i64> = existing.iter().map(|r| r.role_id).collect();
    let mut roles = RoleBook::new();
    let mut role_tally = Tally::default();
    let mut member_tally = Tally::default();
    for role in demo_data::ROLES {
        let name = role.name(&settings.cli.coordinator_role);
        let found = existing
            .iter()
            .find(|r| r.name.trim().eq_ignore_ascii_case(&name));
        let place = match found {
            Some(r) => {
                role_tally.unchanged += 1;
                RoleRef {
                    id: r.role_id,
                    name: r.name.clone(),
                }
            }
            None => {
                let id = free_role_id(role.preferred_id(), &taken);
                let _: Value = api
                    .send(
                        Method::PUT,
                        &format!("/roles/{id}/"),
                        &json!({"name": name, "description": role.description()}),
                    )
                    .await?;
                taken.push(id);
                role_tally.created += 1;
                RoleRef { id, name }
            }
        };
        ensure_members(api, role, place.id, &mut member_tally).await?;
        roles.insert(role, place);
    }
    Ok((roles, role_tally, member_tally))
}

/// `preferred` when no role has it, else the next id above every role's.
fn free_role_id(preferred: i64, taken: &[i64]) -> i64 {
    if taken.contains(&preferred) {
        taken.iter().max().copied().unwrap_or(0) + 1
    } else {
        preferred
    }
}

async fn ensure_members(
    api: &WorkflowApi,
    role: DemoRole,
    role_id: i64,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    let detail: RoleDetail = api.get(&format!("/roles/{role_id}/")).await?;
    for person in role.members() {
        let wanted_email = person.email();
        let wanted_name = person.full_name();
        let current = detail.members.iter().find(|m| m.user_id == person.user_id);
        if let Some(m) = current
            && m.is_active == person.is_active
            && m.user_email.as_deref() == Some(wanted_email.as_str())
            && m.user_full_name.as_deref() == Some(wanted_name.as_str())
        {
            tally.unchanged += 1;
            continue;
        }
        let _: Value = api
            .send(
                Method::PUT,
                &format!("/roles/{role_id}/members/{}/", person.user_id),
                &json!({
                    "user_email": wanted_email,
                    "user_full_name": wanted_name,
                    "is_active": person.is_active,
                }),
            )
            .await?;
        if current.is_some() {
            tally.changed += 1;
        } else {
            tally.created += 1;
        }
    }
    Ok(())
}

#[derive(Debug, Deserialize)]
struct WorkflowView {
    id: i64,
    name: String,
    status: String,
    latest_version: Option<i32>,
}

#[derive(Debug, Deserialize)]
struct VersionView {
    version: i32,
}

/// Creates and publishes each demo workflow that is not published yet. Returns one line per
/// workflow saying what became of it.
async fn ensure_workflows(api: &WorkflowApi, roles: &RoleBook) -> anyhow::Result<Vec<String>> {
    let existing: Vec<WorkflowView> = api.get_all("/workflows/").await?;
    let today = chrono::Utc::now().date_naive();
    let mut lines = Vec::new();
    for workflow in demo_data::workflows(roles, today) {
        let found = existing
            .iter()
            .find(|w| w.name == workflow.name && w.status != "archived");
        let line = match found {
            Some(w) if w.status != "draft" => format!(
                "{:<16} already {} (version {})",
                workflow.name,
                w.status,
                w.latest_version.unwrap_or_default()
            ),
            Some(w) => {
                // A draft left by an earlier run that stopped before publishing: bring it to
                // the demo definition, then publish.
                let _: Value = api
                    .send(
                        Method::PATCH,
                        &format!("/workflows/{}/", w.id),
                        &workflow.details,
                    )
                    .await?;
                let _: Value = api
                    .send(
                        Method::PUT,
                        &format!("/workflows/{}/graph/", w.id),
                        &workflow.graph,
                    )
                    .await?;
                let version = publish(api, w.id).await?;
                format!("{:<16} published version {version}", workflow.name)
            }
            None => {
                let mut body = workflow.details.clone();
                body["graph"] = workflow.graph.clone();
                let created: WorkflowView = api.send(Method::POST, "/workflows/", &body).await?;
                let version = publish(api, created.id).await?;
                format!(
                    "{:<16} created and published version {version}",
                    workflow.name
                )
            }
        };
        lines.push(line);
    }
    Ok(lines)
}

async fn publish(api: &WorkflowApi, id: i64) -> anyhow::Result<i32> {
    let version: VersionView = api
        .send(
            Method::POST,
            &format!("/workflows/{id}/publish/"),
            &json!({}),
        )
        .await?;
    Ok(version.version)
}

/// Sends every demo staff member's address to the notification service's directory, as the
/// auth service does. The directory keeps one entry per user, so sending it again changes
/// nothing. Returns how many addresses were sent.
async fn sync_directory(amqp_url: &str, queue: &str) -> anyhow::Result<usize> {
    let users_data: Vec<UserEmailSync> = demo_data::all_staff()
        .iter()
        .map(|s| UserEmailSync {
            user_id: s.user_id,
            email: s.email(),
            first_name: s.first_name.to_string(),
            last_name: s.last_name.to_string(),
            is_active: s.is_active,
        })
        .collect();
    let count = users_data.len();
    let message = BulkUserEmailSync { users_data }.to_message();
    let amqp = Amqp::connect(amqp_url, &[queue], Duration::from_secs(10)).await?;
    let sent = amqp.publish(queue, &message).await;
    amqp.close().await;
    sent?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_preferred_role_id_moves_above_every_existing_one() {
        assert_eq!(free_role_id(101, &[1, 2, 3]), 101);
        assert_eq!(free_role_id(101, &[101, 7, 230]), 231);
        assert_eq!(free_role_id(5, &[]), 5);
    }

    #[test]
    fn lifetimes_read_in_hours_when_whole() {
        assert_eq!(lifetime(86_400), "24 h");
        assert_eq!(lifetime(90), "90 s");
    }
}
