//! End logic: when a task completes, the system its workflow names (asset management, budget
//! management, a notification endpoint or a webhook) is told, with a signed JSON payload.
//!
//! Completion writes a delivery row and a `workflow.tasks.deliver_end_logic` job in the same
//! transaction. The job's consumer POSTs the payload; a non-2xx answer or a timeout is an error,
//! so the consumer runtime retries it with growing delay and dead-letters it after the last try.
//! Every attempt carries the same delivery id, so a receiver recognises a retry of a delivery it
//! already handled. Attempts are recorded in their own transaction, so a failed attempt is
//! visible even though the job's transaction rolls back; a failed delivery can be re-sent.
//!
//! A webhook (the admin-chosen `end_webhook_url`) may only reach public addresses unless
//! `end_webhook_allowed_hosts` lists its host ([`crate::domain::address`]): the URL is checked when
//! the workflow is saved and published, and again when it is called, against the addresses its host
//! resolves to then. The connection is pinned to the checked addresses (no second DNS lookup that
//! could answer differently), goes through no proxy and follows no redirect. A refused call is
//! recorded as a failed attempt and dead-lettered at once: retrying cannot make the address public.
//!
//! Signature: `X-TTS-Signature: sha256=<hex HMAC-SHA256(end_logic_secret, "<timestamp>.<body>")>`
//! with `X-TTS-Timestamp: <unix seconds>` and `X-TTS-Delivery: <delivery id>`.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use futures_util::future::BoxFuture;
use hmac::{Hmac, Mac};
use serde::Serialize;
use serde_json::{Value, json};
use sha2::Sha256;
use tts_shared::amqp::{HandlerError, TaskHandler, TaskMessage, outbox};
use tts_shared::auth::AuthUser;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::address::{self, AllowList, Host};
use crate::error::WorkflowError;
use crate::schema::end_logic_deliveries as deliveries;
use crate::store::tasks::{self as task_store, TaskRow};
use crate::store::workflows::{self, VersionRow};
use crate::store::{audit, tickets};
use crate::{AppState, WorkflowSettings};
use tts_shared::events::{CeleryTask, EndLogicJob};

/// Where an end action sends its callback: `Ok(None)` for `none`.
pub fn target(
    settings: &WorkflowSettings,
    action: &str,
    webhook_url: Option<&str>,
) -> Result<Option<String>, String> {
    let configured = |url: &Option<String>, setting: &str| {
        url.clone()
            .map(Some)
            .ok_or_else(|| format!("end action `{action}` needs the setting `{setting}`"))
    };
    match action {
        "none" | "" => Ok(None),
        "asset" => configured(&settings.end_logic_asset_url, "end_logic_asset_url"),
        "budget" => configured(&settings.end_logic_budget_url, "end_logic_budget_url"),
        "notification" => configured(
            &settings.end_logic_notification_url,
            "end_logic_notification_url",
        ),
        "webhook" => webhook_url
            .map(|u| Some(u.to_string()))
            .ok_or_else(|| "end action `webhook` needs `end_webhook_url`".to_string()),
        other => Err(format!("unknown end action `{other}`")),
    }
}

/// Whether `url` may be saved as a workflow's webhook: http(s), and a host that is public or allowed.
pub fn check_webhook_url(url: &str, allow: &AllowList) -> Result<(), String> {
    let url = reqwest::Url::parse(url).map_err(|e| format!("is not a URL: {e}"))?;
    address::check_target(url.scheme(), &host_of(&url)?, allow)
}

/// The URL's host as the URL parser normalised it (`http://2130706433/` is 127.0.0.1).
fn host_of(url: &reqwest::Url) -> Result<Host, String> {
    let host = url.host_str().ok_or("has no host")?;
    Ok(
        match host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            Ok(ip) => Host::Ip(ip),
            Err(_) => Host::Name(host.to_string()),
        },
    )
}

/// Why a delivery attempt did not succeed.
#[derive(Debug)]
enum Failure {
    /// The webhook's address is not one it may reach: no request was sent, and none will be.
    Refused(String),
    /// The request failed or was answered with a non-2xx status: worth another try.
    Failed(String, Option<u16>),
}

/// `sha256=<hex>` of `"<timestamp>.<body>"` under `secret`.
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    format!(
        "sha256={}",
        digest
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    )
}

/// Records the delivery of a just-completed task and queues its job, in the caller's transaction.
pub async fn schedule(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    version: &VersionRow,
    task: &TaskRow,
    user: &AuthUser,
) -> Result<(), WorkflowError> {
    let url = match target(
        &state.settings,
        &version.end_action,
        version.end_webhook_url.as_deref(),
    ) {
        Ok(Some(url)) => url,
        Ok(None) => return Ok(()),
        // Published versions were checked; a setting removed since is logged, not fatal to the
        // person finishing the task.
        Err(problem) => {
            tracing::error!(task = task.id, %problem, "end logic not delivered");
            return Ok(());
        }
    };
    let id = Uuid::new_v4();
    let ticket = tickets::find(conn, &task.ticket_number).await?;
    let workflow = workflows::find(conn, task.workflow_id).await?;
    let items = task_store::items(conn, task.id).await?;
    let payload = json!({
        "delivery_id": id,
        "event": "task.completed",
        "end_action": version.end_action,
        "ticket": ticket.map(|t| t.payload),
        "task": {
            "id": task.id, "ticket_number": task.ticket_number, "priority": task.priority,
            "owner_id": task.owner_id, "created_at": task.created_at, "completed_at": Utc::now(),
            "target_at": task.target_at,
        },
        "workflow": {"id": task.workflow_id, "name": workflow.map(|w| w.name), "version": task.version},
        "completed_by": {"user_id": user.user_id, "name": user.name},
        "timeline": items.iter().map(|i| json!({
            "step": i.step, "assignee_id": i.assignee_id, "status": i.status, "origin": i.origin,
            "assigned_at": i.assigned_at, "resolved_at": i.resolved_at, "target_at": i.target_at,
        })).collect::<Vec<_>>(),
    });
    diesel::insert_into(deliveries::table)
        .values((
            deliveries::id.eq(id),
            deliveries::task_id.eq(task.id),
            deliveries::kind.eq(&version.end_action),
            deliveries::url.eq(&url),
            deliveries::payload.eq(&payload),
        ))
        .execute(conn)
        .await?;
    let job = EndLogicJob {
        delivery_id: id.to_string(),
    };
    outbox::enqueue(
        conn,
        &state.platform.settings().queues.queue_workflow_tasks,
        &job.to_message(),
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = deliveries)]
pub struct Delivery {
    pub id: Uuid,
    pub task_id: i64,
    /// The end action: `asset`, `budget`, `notification` or `webhook`.
    pub kind: String,
    pub url: String,
    #[schema(value_type = Object)]
    pub payload: Value,
    /// `pending`, `succeeded` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub last_status_code: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// The consumer of `workflow.tasks.deliver_end_logic`.
pub struct DeliverEndLogic {
    pub state: AppState,
    pub client: reqwest::Client,
}

impl DeliverEndLogic {
    pub fn new(state: AppState) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_millis(state.settings.end_logic_timeout_ms))
            .user_agent("tts-workflow-api")
            .build()?;
        Ok(DeliverEndLogic { state, client })
    }

    /// The client for one webhook delivery, after checking where it would connect: the host's
    /// addresses now, each public or allowed, and the connection pinned to exactly those.
    async fn webhook_client(&self, url: &str) -> Result<reqwest::Client, Failure> {
        let allow = &self.state.settings.end_webhook_allowed_hosts;
        let parsed = reqwest::Url::parse(url)
            .map_err(|e| Failure::Refused(format!("{url} is not a URL: {e}")))?;
        address::check_scheme(parsed.scheme()).map_err(Failure::Refused)?;
        let builder = reqwest::Client::builder()
            .timeout(Duration::from_millis(
                self.state.settings.end_logic_timeout_ms,
            ))
            .user_agent("tts-workflow-api")
            // A redirect would lead to an address nobody checked; a proxy would connect to one.
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy();
        let builder = match host_of(&parsed).map_err(Failure::Refused)? {
            ip @ Host::Ip(_) => {
                address::check_target(parsed.scheme(), &ip, allow).map_err(Failure::Refused)?;
                builder
            }
            // Judged by what it resolves to now, whatever it was when saved (`localhost` too).
            Host::Name(name) => {
                let port = parsed.port_or_known_default().unwrap_or(80);
                // A resolver that fails may work next time: an ordinary, retried failure.
                let addresses: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), port))
                    .await
                    .map_err(|e| Failure::Failed(format!("cannot resolve `{name}`: {e}"), None))?
                    .collect();
                let ips: Vec<IpAddr> = addresses.iter().map(SocketAddr::ip).collect();
                address::check_resolved(&name, &ips, allow).map_err(Failure::Refused)?;
                builder.resolve_to_addrs(&name, &addresses)
            }
        };
        builder
            .build()
            .map_err(|e| Failure::Failed(format!("cannot build the HTTP client: {e}"), None))
    }

    /// One POST; the reason and status code when it did not succeed.
    async fn post(&self, delivery: &Delivery) -> Result<u16, Failure> {
        // Only the webhook URL is chosen through the API; the other endpoints are the operator's.
        let client = if delivery.kind == "webhook" {
            self.webhook_client(&delivery.url).await?
        } else {
            self.client.clone()
        };
        let body = serde_json::to_vec(&delivery.payload).expect("payloads serialise");
        let timestamp = Utc::now().timestamp();
        let response = client
            .post(&delivery.url)
            .header("content-type", "application/json")
            .header("x-tts-delivery", delivery.id.to_string())
            .header("x-tts-timestamp", timestamp.to_string())
            .header(
                "x-tts-signature",
                signature(&self.state.settings.end_logic_secret, timestamp, &body),
            )
            .body(body)
            .send()
            .await
            .map_err(|e| Failure::Failed(format!("request failed: {e}"), None))?;
        let status = response.status().as_u16();
        if response.status().is_success() {
            Ok(status)
        } else {
            Err(Failure::Failed(
                format!("the endpoint answered {status}"),
                Some(status),
            ))
        }
    }

    /// Records a failed attempt in its own transaction (the job's rolls back to retry).
    async fn record_failure(
        &self,
        id: Uuid,
        error: &str,
        status: Option<u16>,
        last_try: bool,
    ) -> Result<(), HandlerError> {
        let mut conn = self
            .state
            .platform
            .db()
            .conn()
            .await
            .map_err(HandlerError::transient)?;
        diesel::update(deliveries::table.find(id))
            .set((
                deliveries::attempts.eq(deliveries::attempts + 1),
                deliveries::last_error.eq(error),
                deliveries::last_status_code.eq(status.map(i32::from)),
                deliveries::status.eq(if last_try { "failed" } else { "pending" }),
            ))
            .execute(&mut conn)
            .await?;
        Ok(())
    }
}

impl TaskHandler for DeliverEndLogic {
    fn handle<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<(), HandlerError>> {
        Box::pin(async move {
            let job = EndLogicJob::from_message(message).map_err(HandlerError::permanent)?;
            let id = Uuid::parse_str(&job.delivery_id).map_err(HandlerError::permanent)?;
            let delivery: Delivery = deliveries::table
                .find(id)
                .select(Delivery::as_select())
                .first(conn)
                .await
                .optional()?
                .ok_or_else(|| HandlerError::permanent(format!("no end-logic delivery {id}")))?;
            if delivery.status == "succeeded" {
                return Ok(());
            }
            match self.post(&delivery).await {
                Ok(status) => {
                    diesel::update(deliveries::table.find(id))
                        .set((
                            deliveries::attempts.eq(deliveries::attempts + 1),
                            deliveries::status.eq("succeeded"),
                            deliveries::last_status_code.eq(i32::from(status)),
                            deliveries::last_error.eq(None::<String>),
                            deliveries::delivered_at.eq(diesel::dsl::now),
                        ))
                        .execute(conn)
                        .await?;
                    metrics::counter!("end_logic_deliveries_total", "outcome" => "succeeded")
                        .increment(1);
                    Ok(())
                }
                Err(Failure::Refused(reason)) => {
                    let error = format!("refused to call the webhook: {reason}");
                    tracing::warn!(delivery = %id, %error, "end logic not delivered");
                    self.record_failure(id, &error, None, true).await?;
                    metrics::counter!("end_logic_deliveries_total", "outcome" => "refused")
                        .increment(1);
                    Err(HandlerError::permanent(error))
                }
                Err(Failure::Failed(error, status)) => {
                    let last_try =
                        message.retries() >= self.state.platform.settings().amqp_max_retries;
                    self.record_failure(id, &error, status, last_try).await?;
                    let outcome = if last_try { "failed" } else { "retried" };
                    metrics::counter!("end_logic_deliveries_total", "outcome" => outcome)
                        .increment(1);
                    Err(HandlerError::transient(error))
                }
            }
        })
    }
}

pub async fn list(
    state: &AppState,
    status: Option<&str>,
    after: Option<DeliveryCursor>,
    limit: i64,
) -> Result<Vec<Delivery>, WorkflowError> {
    let mut conn = state.platform.db().conn().await?;
    let mut query = deliveries::table.select(Delivery::as_select()).into_boxed();
    if let Some(s) = status {
        query = query.filter(deliveries::status.eq(s.to_string()));
    }
    if let Some(after) = after {
        query = query.filter(
            deliveries::created_at
                .lt(after.created_at)
                .or(deliveries::created_at
                    .eq(after.created_at)
                    .and(deliveries::id.lt(after.id))),
        );
    }
    Ok(query
        .order((deliveries::created_at.desc(), deliveries::id.desc()))
        .limit(limit)
        .load(&mut conn)
        .await?)
}

/// Where a page of deliveries (newest first) ended: the last one's creation time and id, so
/// deliveries created in the same microsecond are neither skipped nor repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryCursor {
    pub created_at: DateTime<Utc>,
    pub id: Uuid,
}

impl DeliveryCursor {
    /// `d.<created_at in unix microseconds>.<id>`: opaque to clients, URL-safe.
    pub fn encode(&self) -> String {
        format!("d.{}.{}", self.created_at.timestamp_micros(), self.id)
    }

    /// `None` for anything [`DeliveryCursor::encode`] did not write.
    pub fn decode(text: &str) -> Option<DeliveryCursor> {
        let mut parts = text.split('.');
        if parts.next()? != "d" {
            return None;
        }
        let created_at = DateTime::from_timestamp_micros(parts.next()?.parse().ok()?)?;
        let id = parts.next()?.parse().ok()?;
        if parts.next().is_some() {
            return None;
        }
        Some(DeliveryCursor { created_at, id })
    }
}

/// Sends a delivery again (same delivery id, a fresh round of tries).
pub async fn resend(
    state: &AppState,
    user: &AuthUser,
    id: Uuid,
) -> Result<Delivery, WorkflowError> {
    let mut conn = state.platform.db().conn().await?;
    let delivery = conn
        .transaction(async |conn| {
            let delivery: Delivery = deliveries::table
                .find(id)
                .select(Delivery::as_select())
                .for_update()
                .first(conn)
                .await
                .optional()?
                .ok_or(WorkflowError::NotFound("delivery"))?;
            if delivery.status == "succeeded" {
                return Err(WorkflowError::Conflict(
                    "the delivery already succeeded".into(),
                ));
            }
            let updated: Delivery = diesel::update(deliveries::table.find(id))
                .set(deliveries::status.eq("pending"))
                .returning(Delivery::as_returning())
                .get_result(conn)
                .await?;
            let job = EndLogicJob {
                delivery_id: id.to_string(),
            };
            outbox::enqueue(
                conn,
                &state.platform.settings().queues.queue_workflow_tasks,
                &job.to_message(),
            )
            .await?;
            audit::record(
                conn,
                audit::Actor::from(user),
                "end_logic.resent",
                ("end_logic_delivery", &id.to_string()),
                None,
                None,
            )
            .await?;
            Ok(updated)
        })
        .await?;
    state.platform.outbox().notify();
    Ok(delivery)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delivery_cursor_reads_back_and_anything_else_is_refused() {
        let cursor = DeliveryCursor {
            created_at: DateTime::from_timestamp_micros(1_764_645_700_999_389).unwrap(),
            id: Uuid::nil(),
        };
        assert_eq!(DeliveryCursor::decode(&cursor.encode()), Some(cursor));
        for bad in [
            "",
            "d",
            "d.1",
            "o.1.1",
            "d.x.00000000-0000-0000-0000-000000000000",
            "d.1.nope",
        ] {
            assert_eq!(DeliveryCursor::decode(bad), None, "{bad}");
        }
    }
}
