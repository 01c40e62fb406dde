//! The audit log of tickets: who created, changed or upserted which ticket, when, and which
//! fields went from what to what. Written inside the transaction of the change it records.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;
use serde_json::{Map, Value, json};
use tts_shared::auth::{AuthUser, Caller};
use utoipa::ToSchema;

use crate::schema::audit_events;
use crate::store::tickets::TicketRow;

/// Who acted.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    /// A person (staff or employee, by their token).
    User(&'a AuthUser),
    /// A machine, by its API key's name.
    Service(&'a str),
    /// A message from another part of TTS (`workflow-engine`).
    System(&'a str),
}

impl<'a> From<&'a Caller> for Actor<'a> {
    fn from(caller: &'a Caller) -> Self {
        match caller {
            Caller::User(user) => Actor::User(user),
            Caller::Service(service) => Actor::Service(&service.name),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = audit_events)]
pub struct AuditEvent {
    pub id: i64,
    /// `staff`, `employee`, `service` or `system`.
    pub actor_type: String,
    /// The person's user id (staff and employee ids are separate namespaces).
    pub actor_id: Option<i64>,
    /// The person's name, the API key's name, or the part of TTS that acted.
    pub actor_name: String,
    /// `ticket.created`, `ticket.updated`, `ticket.upserted` or `ticket.recorded`.
    pub action: String,
    pub target_type: String,
    /// The ticket number.
    pub target_id: String,
    /// `{"field": {"from": …, "to": …}}`; `from` is null for a new ticket.
    #[schema(value_type = Object)]
    pub changes: Value,
    pub request_id: Option<String>,
    pub at: DateTime<Utc>,
}

/// The audited fields of a ticket, by name.
fn fields(t: &TicketRow) -> Vec<(&'static str, Value)> {
    vec![
        ("subject", json!(t.subject)),
        ("description", json!(t.description)),
        ("category", json!(t.category)),
        ("sub_category", json!(t.sub_category)),
        ("department", json!(t.department)),
        ("priority", json!(t.priority)),
        ("status", json!(t.status)),
        ("requester_id", json!(t.requester_id)),
        ("requester_type", json!(t.requester_type)),
        ("requester_email", json!(t.requester_email)),
        ("requester_name", json!(t.requester_name)),
        ("data", t.data.clone()),
        ("helpdesk_fields", t.helpdesk_extra.clone()),
    ]
}

/// `{"field": {"from", "to"}}` for every field that differs (all non-empty ones of a new ticket).
pub fn changes(before: Option<&TicketRow>, after: &TicketRow) -> Value {
    let mut out = Map::new();
    let old = before.map(fields);
    for (i, (name, to)) in fields(after).into_iter().enumerate() {
        let from = old.as_ref().map_or(Value::Null, |o| o[i].1.clone());
        let empty = |v: &Value| match v {
            Value::Null => true,
            Value::String(s) => s.is_empty(),
            Value::Object(m) => m.is_empty(),
            _ => false,
        };
        if from != to && !(before.is_none() && empty(&to)) {
            out.insert(name.into(), json!({"from": from, "to": to}));
        }
    }
    Value::Object(out)
}

/// Records one event inside the caller's transaction.
pub async fn record(
    conn: &mut AsyncPgConnection,
    actor: Actor<'_>,
    action: &str,
    ticket_number: &str,
    changes: Value,
) -> QueryResult<()> {
    let (actor_type, actor_id, actor_name) = match actor {
        Actor::User(u) => (u.user_type.as_str(), Some(u.user_id), u.name.as_str()),
        Actor::Service(name) => ("service", None, name),
        Actor::System(name) => ("system", None, name),
    };
    diesel::insert_into(audit_events::table)
        .values((
            audit_events::actor_type.eq(actor_type),
            audit_events::actor_id.eq(actor_id),
            audit_events::actor_name.eq(actor_name),
            audit_events::action.eq(action),
            audit_events::target_type.eq("ticket"),
            audit_events::target_id.eq(ticket_number),
            audit_events::changes.eq(changes),
            audit_events::request_id.eq(tts_shared::telemetry::current_request_id()),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Which events to list.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub actor_id: Option<i64>,
    pub actor_type: Option<String>,
    pub action: Option<String>,
    pub target: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// Newest first; `before` is the id of the last event of the previous page.
pub async fn list(
    conn: &mut AsyncPgConnection,
    filter: &AuditFilter,
    before: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<AuditEvent>> {
    let mut query = audit_events::table
        .select(AuditEvent::as_select())
        .into_boxed();
    if let Some(v) = filter.actor_id {
        query = query.filter(audit_events::actor_id.eq(v));
    }
    if let Some(v) = &filter.actor_type {
        query = query.filter(audit_events::actor_type.eq(v.clone()));
    }
    if let Some(v) = &filter.action {
        query = query.filter(audit_events::action.eq(v.clone()));
    }
    if let Some(v) = &filter.target {
        query = query.filter(audit_events::target_id.eq(v.clone()));
    }
    if let Some(v) = filter.from {
        query = query.filter(audit_events::at.ge(v));
    }
    if let Some(v) = filter.to {
        query = query.filter(audit_events::at.lt(v));
    }
    if let Some(v) = before {
        query = query.filter(audit_events::id.lt(v));
    }
    query
        .order(audit_events::id.desc())
        .limit(limit)
        .load(conn)
        .await
}
