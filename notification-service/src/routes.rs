//! Every endpoint of the notification service: a person's own notifications and preferences.
//! Another person's notification answers 404, exactly like a missing one.

use std::borrow::Cow;

use axum::extract::State;
use diesel_async::AsyncConnection;
use serde::{Deserialize, Serialize};
use tts_shared::auth::AuthUser;
use tts_shared::http::{ApiError, ErrorBody, FieldError, Json, Path, Query, cursor};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::{IntoParams, OpenApi, PartialSchema, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::domain::render::TYPES;
use crate::live;
use crate::store::{self, Filter, Notification, Preference};

#[derive(OpenApi)]
#[openapi(
    info(title = "TTS notification service", description = "A person's in-app notifications and notification preferences."),
    tags(
        (name = "notifications", description = "The caller's in-app notifications."),
        (name = "preferences", description = "Which notification types reach the caller in the app and by e-mail.")
    )
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
        // A WebSocket: described in docs/asyncapi/, not in the OpenAPI document.
        .route("/ws/notifications/", axum::routing::get(live::socket))
}

fn owner(user: &AuthUser) -> (&'static str, i64) {
    (user.user_type.as_str(), user.user_id)
}

/// Kind of the cursor of `GET /notifications/` (see [`cursor`]).
const CURSOR_KIND: char = 'n';

/// Longest ticket number a filter may name (as long as any service accepts).
const MAX_TICKET_CHARS: usize = 64;

/// A notification type: one of [`TYPES`], listed in the document from that one table.
pub struct NotificationType;

impl PartialSchema for NotificationType {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some("A notification type."))
            .enum_values(Some(TYPES))
            .examples(["task_assignment"])
            .into()
    }
}

impl ToSchema for NotificationType {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("NotificationType")
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// `true`: only unread notifications; `false`: only read ones.
    pub unread: Option<bool>,
    /// Only notifications of this type.
    #[serde(rename = "type")]
    #[param(rename = "type", value_type = Option<NotificationType>)]
    pub notification_type: Option<String>,
    /// Only notifications about this ticket number (at most 64 characters).
    #[param(max_length = 64, example = "TX20261201000042")]
    pub ticket: Option<String>,
    /// Page size.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page (opaque). Deprecated: a bare notification id (≥ 0),
    /// as earlier releases answered in `next_cursor`, is still accepted for one release.
    pub cursor: Option<String>,
}

/// A page of the caller's notifications, newest first.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!(crate::examples::notification_page()))]
pub struct Page {
    pub items: Vec<Notification>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// The id a `cursor` carries: an opaque cursor, or (deprecated) a bare id of earlier releases.
fn before_id(raw: &str, problems: &mut Vec<FieldError>) -> Option<i64> {
    let id = cursor::decode(CURSOR_KIND, raw).or_else(|| {
        raw.parse::<i64>()
            .ok()
            .filter(|id| *id >= 0 && raw.bytes().all(|b| b.is_ascii_digit()))
    });
    if id.is_none() {
        problems.push(FieldError {
            field: "cursor".into(),
            message: "is not a cursor this API returned".into(),
        });
    }
    id
}

/// List the caller's notifications, newest first.
///
/// Filtered by `unread`, `type` and `ticket`; paged with `limit` and `cursor`: pass
/// `next_cursor` as `cursor` for the next page; it is absent on the last page.
#[utoipa::path(get, path = "/notifications/", tag = "notifications", operation_id = "listNotifications",
    params(ListParams), security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of the caller's notifications, newest first.", body = Page),
        (status = 422, description = "A filter or paging parameter is invalid; every problem is named (`validation_failed`).", body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<ListParams>,
) -> Result<Json<Page>, ApiError> {
    let mut problems = Vec::new();
    let limit = p.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        problems.push(FieldError {
            field: "limit".into(),
            message: "must be between 1 and 200".into(),
        });
    }
    let before = p
        .cursor
        .as_deref()
        .and_then(|c| before_id(c, &mut problems));
    if let Some(t) = &p.ticket
        && t.chars().count() > MAX_TICKET_CHARS
    {
        problems.push(FieldError {
            field: "ticket".into(),
            message: format!("a ticket number has at most {MAX_TICKET_CHARS} characters"),
        });
    }
    if let Some(t) = &p.notification_type
        && !TYPES.contains(&t.as_str())
    {
        problems.push(FieldError {
            field: "type".into(),
            message: format!("`{t}` is not a notification type"),
        });
    }
    if !problems.is_empty() {
        return Err(ApiError::invalid_fields(problems));
    }
    let filter = Filter {
        unread: p.unread,
        notification_type: p.notification_type,
        ticket: p.ticket,
    };
    let mut conn = state.platform.db().conn().await?;
    let mut items = store::list(&mut conn, owner(&user), &filter, before, None, limit + 1).await?;
    let next_cursor = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items.last().map(|n| cursor::encode(CURSOR_KIND, n.id))
    } else {
        None
    };
    Ok(Json(Page { items, next_cursor }))
}

/// How many notifications.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"count": 3}))]
pub struct Count {
    #[schema(minimum = 0)]
    pub count: i64,
}

/// Count the caller's unread notifications.
///
/// The same number the socket's `unread_count` frame carries.
#[utoipa::path(get, path = "/notifications/unread-count/", tag = "notifications",
    operation_id = "countUnreadNotifications", security(("bearer" = [])),
    responses((status = 200, description = "How many of the caller's notifications are unread.", body = Count)))]
pub async fn unread_count(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Count>, ApiError> {
    let mut conn = state.platform.db().conn().await?;
    Ok(Json(Count {
        count: store::unread_count(&mut conn, owner(&user)).await?,
    }))
}

/// One notification of the caller's.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct NotificationId {
    /// The notification's `id`.
    #[param(minimum = 1, example = 42)]
    pub id: i64,
}

/// Mark one notification read.
///
/// Keeps the first read time; marking it again changes nothing. The caller's other devices
/// learn the new unread count over the socket.
#[utoipa::path(post, path = "/notifications/{id}/read/", tag = "notifications",
    operation_id = "markNotificationRead", params(NotificationId), security(("bearer" = [])),
    responses(
        (status = 200, description = "The notification, read.", body = Notification),
        (status = 404, description = "No such notification, or another person's (`not_found`).", body = ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    user: AuthUser,
    Path(NotificationId { id }): Path<NotificationId>,
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

/// Mark every notification of the caller's read.
///
/// Answers how many were unread and are read now.
#[utoipa::path(post, path = "/notifications/read-all/", tag = "notifications",
    operation_id = "markAllNotificationsRead", security(("bearer" = [])),
    responses((status = 200, description = "How many notifications this marked read.", body = Count)))]
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

/// Every notification type, in one page.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"items": ["task_assignment", "task_transfer_in", "comment_added", "ticket_resolved"]}))]
pub struct TypeList {
    /// One entry per type; the list is short and always complete (no `next_cursor`).
    #[schema(value_type = Vec<NotificationType>)]
    pub items: Vec<&'static str>,
}

/// List every notification type.
///
/// For signed-in people, like every other endpoint here. Always one page.
#[utoipa::path(get, path = "/notifications/types/", tag = "notifications",
    operation_id = "listNotificationTypes", security(("bearer" = [])),
    responses((status = 200, description = "Every notification type.", body = TypeList)))]
pub async fn types(_user: AuthUser) -> Json<TypeList> {
    Json(TypeList {
        items: TYPES.to_vec(),
    })
}

/// The caller's preferences, one per notification type, in one page.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!(crate::examples::preference_list()))]
pub struct PreferenceList {
    /// One entry per type; always complete (no `next_cursor`).
    pub items: Vec<Preference>,
}

/// List the caller's notification preferences.
///
/// Every type, in-app and e-mail; both on unless switched off. Always one page.
#[utoipa::path(get, path = "/preferences/", tag = "preferences",
    operation_id = "listNotificationPreferences", security(("bearer" = [])),
    responses((status = 200, description = "The caller's preference for every type.", body = PreferenceList)))]
pub async fn get_preferences(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<PreferenceList>, ApiError> {
    let mut conn = state.platform.db().conn().await?;
    let stored = store::preferences(&mut conn, owner(&user)).await?;
    Ok(Json(all_preferences(&user, &stored)))
}

fn all_preferences(user: &AuthUser, stored: &[Preference]) -> PreferenceList {
    let items = TYPES
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
        .collect();
    PreferenceList { items }
}

/// One preference to set.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreferenceInput {
    #[schema(value_type = NotificationType)]
    pub notification_type: String,
    /// Store in-app notifications of this type.
    pub in_app: bool,
    /// Send e-mails of this type.
    pub email: bool,
}

/// The body of `PUT /preferences/`: the types to change, each with both channels.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(example = json!([{"notification_type": "task_assignment", "in_app": true, "email": false}]))]
pub struct PreferenceChanges(pub Vec<PreferenceInput>);

/// Change notification preferences.
///
/// Sets both channels of each listed type (others are left as they are) and answers the
/// preference of every type. All or nothing: one unknown type changes nothing.
#[utoipa::path(put, path = "/preferences/", tag = "preferences",
    operation_id = "updateNotificationPreferences", request_body = PreferenceChanges,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's preference for every type, after the change.", body = PreferenceList),
        (status = 422, description = "Every entry naming an unknown type (`[i].notification_type`) or missing a field (`validation_failed`).", body = ErrorBody)))]
pub async fn put_preferences(
    State(state): State<AppState>,
    user: AuthUser,
    Json(PreferenceChanges(input)): Json<PreferenceChanges>,
) -> Result<Json<PreferenceList>, ApiError> {
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
