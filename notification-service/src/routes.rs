//! Every endpoint of the notification service: a person's own notifications and preferences.
//! Another person's notification answers 404, exactly like a missing one.

use axum::extract::State;
use diesel_async::AsyncConnection;
use serde::{Deserialize, Serialize};
use tts_shared::auth::AuthUser;
use tts_shared::http::{ApiError, ErrorBody, FieldError, Json, Path, Query};
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::domain::render::TYPES;
use crate::live;
use crate::store::{self, Filter, Notification, Preference};

#[derive(OpenApi)]
#[openapi(
    info(title = "TTS notification service", description = "A person's in-app notifications and notification preferences."),
    tags((name = "notifications"))
)]
struct ApiDoc;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(list))
        .routes(routes!(unread_count))
        .routes(routes!(read))
        .routes(routes!(read_all))
        .routes(routes!(types))
        .routes(routes!(get_preferences, put_preferences))
        // A WebSocket: described in docs/api.md, not in the OpenAPI document.
        .route("/ws/notifications/", axum::routing::get(live::socket))
}

fn owner(user: &AuthUser) -> (&'static str, i64) {
    (user.user_type.as_str(), user.user_id)
}

/// Longest ticket number a filter may name (as long as any service accepts).
const MAX_TICKET_CHARS: usize = 64;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    pub unread: Option<bool>,
    #[serde(rename = "type")]
    pub notification_type: Option<String>,
    /// A ticket number (at most 64 characters).
    pub ticket: Option<String>,
    /// 1–200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page (≥ 0).
    #[param(minimum = 0)]
    pub cursor: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Page {
    pub items: Vec<Notification>,
    pub next_cursor: Option<i64>,
}

/// The caller's notifications, newest first.
#[utoipa::path(get, path = "/notifications/", tag = "notifications", params(ListParams), security(("bearer" = [])),
    responses((status = 200, body = Page), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<ListParams>,
) -> Result<Json<Page>, ApiError> {
    let limit = p.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::invalid_field(
            "limit",
            "must be between 1 and 200",
        ));
    }
    if p.cursor.is_some_and(|c| c < 0) {
        return Err(ApiError::invalid_field(
            "cursor",
            "must be a `next_cursor` of a previous page (≥ 0)",
        ));
    }
    if let Some(t) = &p.ticket
        && t.chars().count() > MAX_TICKET_CHARS
    {
        return Err(ApiError::invalid_field(
            "ticket",
            format!("a ticket number has at most {MAX_TICKET_CHARS} characters"),
        ));
    }
    if let Some(t) = &p.notification_type
        && !TYPES.contains(&t.as_str())
    {
        return Err(ApiError::invalid_field(
            "type",
            format!("`{t}` is not a notification type"),
        ));
    }
    let filter = Filter {
        unread: p.unread,
        notification_type: p.notification_type,
        ticket: p.ticket,
    };
    let mut conn = state.platform.db().conn().await?;
    let mut items =
        store::list(&mut conn, owner(&user), &filter, p.cursor, None, limit + 1).await?;
    let next_cursor = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items.last().map(|n| n.id)
    } else {
        None
    };
    Ok(Json(Page { items, next_cursor }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Count {
    pub count: i64,
}

/// How many of the caller's notifications are unread.
#[utoipa::path(get, path = "/notifications/unread-count/", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = Count)))]
pub async fn unread_count(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Count>, ApiError> {
    let mut conn = state.platform.db().conn().await?;
    Ok(Json(Count {
        count: store::unread_count(&mut conn, owner(&user)).await?,
    }))
}

/// Mark one notification read.
#[utoipa::path(post, path = "/notifications/{id}/read/", tag = "notifications", params(("id" = i64, Path)),
    security(("bearer" = [])), responses((status = 200, body = Notification), (status = 404, body = ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<Notification>, ApiError> {
    let mut conn = state.platform.db().conn().await?;
    let me = owner(&user);
    let read = conn
        .transaction(async |conn| {
            let read = store::mark_read(conn, me, id).await?;
            if read.is_some() {
                live::announce_read(conn, me).await?;
            }
            Ok::<_, diesel::result::Error>(read)
        })
        .await?;
    state.platform.outbox().notify();
    read.map(Json)
        .ok_or_else(|| ApiError::not_found("no such notification"))
}

/// Mark every notification read; answers how many changed.
#[utoipa::path(post, path = "/notifications/read-all/", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = Count)))]
pub async fn read_all(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Count>, ApiError> {
    let mut conn = state.platform.db().conn().await?;
    let me = owner(&user);
    let count = conn
        .transaction(async |conn| {
            let count = store::mark_all_read(conn, me).await?;
            if count > 0 {
                live::announce_read(conn, me).await?;
            }
            Ok::<_, diesel::result::Error>(count)
        })
        .await?;
    state.platform.outbox().notify();
    Ok(Json(Count {
        count: count as i64,
    }))
}

/// Every notification type (for signed-in people, like every other endpoint here).
#[utoipa::path(get, path = "/notifications/types/", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = Vec<String>), (status = 401, body = ErrorBody)))]
pub async fn types(_user: AuthUser) -> Json<Vec<&'static str>> {
    Json(TYPES.to_vec())
}

/// The caller's preferences: every type, in-app and e-mail (on unless switched off).
#[utoipa::path(get, path = "/preferences/", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = Vec<Preference>)))]
pub async fn get_preferences(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Vec<Preference>>, ApiError> {
    let mut conn = state.platform.db().conn().await?;
    let stored = store::preferences(&mut conn, owner(&user)).await?;
    Ok(Json(all_preferences(&user, &stored)))
}

fn all_preferences(user: &AuthUser, stored: &[Preference]) -> Vec<Preference> {
    TYPES
        .iter()
        .map(|t| {
            stored
                .iter()
                .find(|p| p.notification_type == *t)
                .cloned()
                .unwrap_or(Preference {
                    user_type: user.user_type.as_str().into(),
                    user_id: user.user_id,
                    notification_type: t.to_string(),
                    in_app: true,
                    email: true,
                })
        })
        .collect()
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreferenceInput {
    pub notification_type: String,
    pub in_app: bool,
    pub email: bool,
}

/// Change preferences for the listed types; answers all of them.
#[utoipa::path(put, path = "/preferences/", tag = "notifications", request_body = Vec<PreferenceInput>, security(("bearer" = [])),
    responses((status = 200, body = Vec<Preference>), (status = 422, body = ErrorBody)))]
pub async fn put_preferences(
    State(state): State<AppState>,
    user: AuthUser,
    Json(input): Json<Vec<PreferenceInput>>,
) -> Result<Json<Vec<Preference>>, ApiError> {
    let problems: Vec<FieldError> = input
        .iter()
        .enumerate()
        .filter(|(_, p)| !TYPES.contains(&p.notification_type.as_str()))
        .map(|(i, p)| FieldError {
            field: format!("[{i}].notification_type"),
            message: format!("`{}` is not a notification type", p.notification_type),
        })
        .collect();
    if !problems.is_empty() {
        return Err(ApiError::invalid_fields(problems));
    }
    let mut conn = state.platform.db().conn().await?;
    let me = owner(&user);
    let stored = conn
        .transaction(async |conn| {
            for p in &input {
                store::set_preference(conn, me, &p.notification_type, p.in_app, p.email).await?;
            }
            store::preferences(conn, me).await
        })
        .await?;
    Ok(Json(all_preferences(&user, &stored)))
}
