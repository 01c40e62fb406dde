//! `/people/`: who of a list of staff holds a TTS role, with name and e-mail, from the role-member
//! cache. The messaging service asks it (service API key with `people:read`) before showing an
//! internal note to someone; the web console uses it for mention autocomplete.

use axum::extract::State;
use serde::{Deserialize, Serialize};
use tts_shared::auth::{Caller, Scope};
use tts_shared::http::{ErrorBody, Json, Query};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::access::require_agent;
use crate::error::WorkflowError;
use crate::store::roles::{self, Person};

/// Most ids one request may ask about.
pub const MAX_IDS: usize = 200;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PeopleParams {
    /// Comma-separated staff user ids, 1–200 positive integers, e.g. `1,2,3`.
    pub ids: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"items": [{"user_id": 7, "full_name": "Ana Reyes", "email": "ana.reyes@example.com"},
    {"user_id": 9, "full_name": null, "email": null}]}))]
pub struct People {
    /// The requested people who are an active member of at least one role, by user id. An id
    /// not listed holds no TTS role (or none actively).
    pub items: Vec<Person>,
}

/// `ids` as user ids: required, 1–[`MAX_IDS`] positive integers.
fn parse_ids(ids: Option<&str>) -> Result<Vec<i64>, WorkflowError> {
    let invalid = || {
        WorkflowError::invalid(
            "ids",
            format!("must be 1–{MAX_IDS} comma-separated positive integers"),
        )
    };
    let text = ids
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(invalid)?;
    let ids = text
        .split(',')
        .map(|id| id.trim().parse::<i64>().ok().filter(|id| *id > 0))
        .collect::<Option<Vec<i64>>>()
        .ok_or_else(invalid)?;
    if ids.len() > MAX_IDS {
        return Err(invalid());
    }
    Ok(ids)
}

/// List staff holding a TTS role.
///
/// The directory of staff holding a TTS role: those of `ids` who are an active member of at least
/// one role of the role system (`role_system`), with their name and e-mail as last synced.
#[utoipa::path(get, path = "/people/", tag = "people", operation_id = "listPeople", params(PeopleParams),
    security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "the requested ids that hold a TTS role", body = People),
        (status = 401, description = "no or an invalid token or API key", body = ErrorBody),
        (status = 403, description = "an API key without `people:read`, or a person who is not staff with a tts role", body = ErrorBody),
        (status = 422, description = "`ids` missing, empty, not positive integers or more than 200", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Query(p): Query<PeopleParams>,
) -> Result<Json<People>, WorkflowError> {
    match &caller {
        Caller::Service(service) => service.require(Scope::PeopleRead)?,
        Caller::User(user) => require_agent(user)?,
    }
    let ids = parse_ids(p.ids.as_deref())?;
    let mut conn = state.platform.db().conn().await?;
    let items = roles::people(&mut conn, &state.settings.role_system, &ids).await?;
    Ok(Json(People { items }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_one_to_two_hundred_positive_integers() {
        assert_eq!(parse_ids(Some("1, 2,3")).unwrap(), vec![1, 2, 3]);
        let many = (1..=200)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(parse_ids(Some(&many)).unwrap().len(), 200);
        for bad in [
            None,
            Some(""),
            Some(" "),
            Some("0"),
            Some("-1"),
            Some("1,,2"),
            Some("a"),
            Some("1,"),
        ] {
            assert!(parse_ids(bad).is_err(), "{bad:?}");
        }
        let too_many = (1..=201)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        assert!(parse_ids(Some(&too_many)).is_err());
    }
}
