//! `Idempotency-Key` records of POST /tickets/.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::Value;

use crate::schema::idempotency_keys as keys;

/// What a key already holds.
#[derive(Debug, Clone, Queryable)]
pub struct Stored {
    pub request_hash: String,
    pub response_status: Option<i16>,
    pub response_body: Option<Value>,
}

/// Claims `key` for this requester. `Ok(None)`: claimed now, go ahead. `Ok(Some(stored))`: it was
/// used before. A concurrent request with the same key waits here until the first one commits.
pub async fn claim(
    conn: &mut AsyncPgConnection,
    requester: (&str, i64),
    key: &str,
    request_hash: &str,
) -> QueryResult<Option<Stored>> {
    let inserted = diesel::insert_into(keys::table)
        .values((
            keys::requester_type.eq(requester.0),
            keys::requester_id.eq(requester.1),
            keys::key.eq(key),
            keys::request_hash.eq(request_hash),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    if inserted == 1 {
        return Ok(None);
    }
    keys::table
        .filter(keys::requester_type.eq(requester.0))
        .filter(keys::requester_id.eq(requester.1))
        .filter(keys::key.eq(key))
        .select((
            keys::request_hash,
            keys::response_status,
            keys::response_body,
        ))
        .first(conn)
        .await
        .map(Some)
}

pub async fn store_response(
    conn: &mut AsyncPgConnection,
    requester: (&str, i64),
    key: &str,
    status: i16,
    body: &Value,
) -> QueryResult<()> {
    diesel::update(
        keys::table
            .filter(keys::requester_type.eq(requester.0))
            .filter(keys::requester_id.eq(requester.1))
            .filter(keys::key.eq(key)),
    )
    .set((
        keys::response_status.eq(status),
        keys::response_body.eq(body),
    ))
    .execute(conn)
    .await?;
    Ok(())
}
