//! Live push: `/ws/notifications/`.
//!
//! The in-app consumer and the read endpoints write a live event to the outbox in the transaction
//! that changes a person's notifications; after the commit the relay publishes it to the
//! notifications exchange, and every instance hands it to the sockets of that person. A socket
//! sends:
//! - `{"type":"unread_count","count":n}` on connect and whenever the count may have changed;
//! - `{"type":"notification.created","notification":{…}}` for each new notification.
//!
//! A client that reconnects with `?after=<last id it saw>` first receives, oldest first, every
//! notification it missed. The same catch-up runs when this instance may have missed live events
//! (its broker connection came back, or the socket fell behind), so a connected client never
//! silently loses one.

use std::collections::HashSet;
use std::time::Duration;

use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use diesel_async::AsyncPgConnection;
use serde_json::{Value, json};
use tokio::sync::broadcast::error::RecvError;
use tts_shared::amqp::live::{self, LiveSignal, NOTIFICATIONS_EXCHANGE};
use tts_shared::auth::{AuthUser, SocketUser};
use tts_shared::http::{ApiError, Query};
use tts_shared::ws::{self, ResumeParams};

use crate::AppState;
use crate::store::{self, Filter, Notification, Owner};

/// How often the server pings an idle socket, so proxies keep it open and dead peers are noticed.
const PING_EVERY: Duration = Duration::from_secs(30);
/// Catch-up page size.
const PAGE: i64 = 200;

/// Announces a new notification to its owner's sockets, after the caller's transaction commits.
pub async fn announce_created(
    conn: &mut AsyncPgConnection,
    n: &Notification,
) -> diesel::QueryResult<()> {
    let event = json!({
        "user_type": n.user_type,
        "user_id": n.user_id,
        "event": "notification.created",
        "notification": n,
    });
    live::enqueue(conn, NOTIFICATIONS_EXCHANGE, event).await
}

/// Announces that some of `owner`'s notifications were read, so their sockets refresh the count.
pub async fn announce_read(
    conn: &mut AsyncPgConnection,
    owner: Owner<'_>,
) -> diesel::QueryResult<()> {
    let event = json!({"user_type": owner.0, "user_id": owner.1, "event": "notifications.read"});
    live::enqueue(conn, NOTIFICATIONS_EXCHANGE, event).await
}

/// `GET /ws/notifications/`: the caller's notifications, live.
pub async fn socket(
    State(state): State<AppState>,
    socket_user: SocketUser,
    Query(params): Query<ResumeParams>,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    let after = params.after("a notification id")?;
    // Subscribe before reading anything, so nothing committed after this point is missed.
    let signals = state.live.subscribe();
    Ok(ws::limits(upgrade).on_upgrade(move |ws| async move {
        metrics::gauge!("websocket_connections", "socket" => "notifications").increment(1.0);
        let admitted = state.platform.sockets().admit(&socket_user);
        let mut session = Session {
            state,
            user: socket_user.user,
            sent: HashSet::new(),
            high: 0,
        };
        if let Err(e) = session.run(ws, signals, after, &admitted).await {
            tracing::debug!(error = %e, "notification socket ended");
        }
        metrics::gauge!("websocket_connections", "socket" => "notifications").decrement(1.0);
    }))
}

#[derive(Debug, thiserror::Error)]
enum SessionError {
    #[error("socket: {0}")]
    Socket(#[from] axum::Error),
    #[error(transparent)]
    Db(#[from] tts_shared::db::DbError),
    #[error("database: {0}")]
    Query(#[from] diesel::result::Error),
}

struct Session {
    state: AppState,
    user: AuthUser,
    /// Ids sent on this socket (a live event and a catch-up may carry the same one).
    sent: HashSet<i64>,
    /// The highest id sent, or the starting point.
    high: i64,
}

impl Session {
    fn owner(&self) -> Owner<'static> {
        (self.user.user_type.as_str(), self.user.user_id)
    }

    async fn run(
        &mut self,
        mut ws: WebSocket,
        mut signals: tokio::sync::broadcast::Receiver<LiveSignal>,
        after: Option<i64>,
        admitted: &ws::SocketSession,
    ) -> Result<(), SessionError> {
        match after {
            Some(after) => {
                self.high = after;
                self.catch_up(&mut ws).await?;
            }
            None => {
                let mut conn = self.state.platform.db().conn().await?;
                self.high = store::latest_id(&mut conn, self.owner())
                    .await?
                    .unwrap_or(0);
                self.send_count(&mut ws).await?;
            }
        }
        let cancel = self.state.platform.cancel_token();
        let mut ping = tokio::time::interval(PING_EVERY);
        ping.tick().await;
        loop {
            tokio::select! {
                _ = cancel.cancelled() => {
                    ws::going_away(&mut ws).await;
                    return Ok(());
                }
                frame = admitted.ended() => {
                    ws::close_with(&mut ws, frame).await;
                    return Ok(());
                }
                signal = signals.recv() => match signal {
                    Ok(LiveSignal::Event(event)) => self.on_event(&mut ws, &event.value).await?,
                    Ok(LiveSignal::Resync) | Err(RecvError::Lagged(_)) => self.catch_up(&mut ws).await?,
                    Err(RecvError::Closed) => return Ok(()),
                },
                frame = ws.recv() => match frame {
                    None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return Ok(()),
                    Some(Ok(Message::Text(text))) => self.on_client_frame(&mut ws, text.as_str()).await?,
                    Some(Ok(Message::Binary(_))) => {
                        ws.send(ws::error_frame("frames must be JSON text")).await?;
                    }
                    // Pings are answered by the socket itself.
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                },
                _ = ping.tick() => ws.send(Message::Ping(Default::default())).await?,
            }
        }
    }

    async fn on_event(&mut self, ws: &mut WebSocket, event: &Value) -> Result<(), SessionError> {
        let (user_type, user_id) = self.owner();
        if event["user_type"] != user_type || event["user_id"] != user_id {
            return Ok(());
        }
        match event["event"].as_str() {
            Some("notification.created") => {
                let id = event["notification"]["id"].as_i64().unwrap_or_default();
                if self.sent.insert(id) {
                    self.high = self.high.max(id);
                    let frame = json!({"type": "notification.created", "notification": event["notification"]});
                    send_json(ws, &frame).await?;
                    self.send_count(ws).await?;
                }
            }
            Some("notifications.read") => self.send_count(ws).await?,
            _ => {}
        }
        Ok(())
    }

    /// Sends every notification after the highest one sent, then the unread count.
    async fn catch_up(&mut self, ws: &mut WebSocket) -> Result<(), SessionError> {
        let mut conn = self.state.platform.db().conn().await?;
        loop {
            let page = store::list(
                &mut conn,
                self.owner(),
                &Filter::default(),
                None,
                Some(self.high),
                PAGE,
            )
            .await?;
            for n in &page {
                self.high = self.high.max(n.id);
                if self.sent.insert(n.id) {
                    send_json(
                        ws,
                        &json!({"type": "notification.created", "notification": n}),
                    )
                    .await?;
                }
            }
            if (page.len() as i64) < PAGE {
                break;
            }
        }
        let count = store::unread_count(&mut conn, self.owner()).await?;
        send_json(ws, &json!({"type": "unread_count", "count": count})).await?;
        Ok(())
    }

    async fn send_count(&mut self, ws: &mut WebSocket) -> Result<(), SessionError> {
        let mut conn = self.state.platform.db().conn().await?;
        let count = store::unread_count(&mut conn, self.owner()).await?;
        send_json(ws, &json!({"type": "unread_count", "count": count})).await
    }

    /// Clients may ask for a `pong` (for keep-alive where pings are not visible, as in browsers).
    async fn on_client_frame(
        &mut self,
        ws: &mut WebSocket,
        text: &str,
    ) -> Result<(), SessionError> {
        let frame: Result<Value, _> = serde_json::from_str(text);
        match frame.as_ref().ok().and_then(|f| f["type"].as_str()) {
            Some("ping") => send_json(ws, &json!({"type": "pong"})).await,
            Some(other) => {
                let message =
                    format!("unknown frame type `{other}`; this socket only accepts `ping`");
                Ok(ws.send(ws::error_frame(&message)).await?)
            }
            None => Ok(ws
                .send(ws::error_frame("frames must be JSON objects with a `type`"))
                .await?),
        }
    }
}

async fn send_json(ws: &mut WebSocket, value: &Value) -> Result<(), SessionError> {
    ws.send(ws::json_frame(value)).await?;
    Ok(())
}
