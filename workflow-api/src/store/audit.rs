//! The audit log: who did what to what, when, with the request that caused it.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::Value;
use tts_shared::auth::AuthUser;

use crate::schema::audit_events;

/// Who acted: a person, or the system itself (a sync message, an automatic assignment).
#[derive(Debug, Clone, Copy)]
pub enum Actor {
    User(i64),
    System(&'static str),
}

impl From<&AuthUser> for Actor {
    fn from(user: &AuthUser) -> Self {
        Actor::User(user.user_id)
    }
}

/// Records one event inside the caller's transaction.
pub async fn record(
    conn: &mut AsyncPgConnection,
    actor: Actor,
    action: &str,
    target: (&str, &str),
    before: Option<Value>,
    after: Option<Value>,
) -> QueryResult<()> {
    let (actor_id, actor_type) = match actor {
        Actor::User(id) => (Some(id), "user"),
        Actor::System(kind) => (None, kind),
    };
    diesel::insert_into(audit_events::table)
        .values((
            audit_events::actor_id.eq(actor_id),
            audit_events::actor_type.eq(actor_type),
            audit_events::action.eq(action),
            audit_events::target_type.eq(target.0),
            audit_events::target_id.eq(target.1),
            audit_events::before.eq(before),
            audit_events::after.eq(after),
            audit_events::request_id.eq(tts_shared::telemetry::current_request_id()),
        ))
        .execute(conn)
        .await?;
    Ok(())
}
