//! `/ws/tickets/{ticket_number}/`: a ticket's thread, live.
//!
//! Every change to a thread has a sequence number, taken in the transaction that makes the change
//! and recorded with the event; the event reaches every instance through the tickets exchange
//! after the commit. A socket sends each event once, in sequence order: an event that arrives ahead
//! of one still missing (another instance's commit overtook it on the way) makes the socket read
//! the gap from the database first. A client resuming with `?after=<seq>` gets exactly what it
//! missed, then the live stream.
//!
//! `presence` and `typing` are ephemeral: they are not numbered, recorded or replayed. Every live
//! frame is serialised once per instance and the same bytes go to each socket.

use std::time::{Duration, Instant};

use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use chrono::Utc;
use serde_json::{Value, json};
use tokio::sync::broadcast::{Receiver, error::RecvError};
use tts_shared::amqp::live::{self, LiveEvent, LiveSignal, TICKETS_EXCHANGE};
use tts_shared::auth::{AuthUser, SocketUser};
use tts_shared::http::{ApiError, Path, Query};
use tts_shared::ws::{self, ResumeParams};

use crate::AppState;
use crate::domain::access::{Person, Reader, Visibility};
use crate::error::MessagingError;
use crate::store;
use crate::threads;

/// How often the server pings, and refreshes this instance's presence rows.
pub const PING_EVERY: Duration = Duration::from_secs(30);
/// Most people a presence frame lists by name (it always gives the count).
const PRESENCE_LISTED: usize = 100;
/// How often presence changes are announced (coalesced per thread).
pub const PRESENCE_EVERY: Duration = Duration::from_secs(1);
/// Presence rows older than this belong to an instance that is gone.
const PRESENCE_STALE: chrono::TimeDelta = chrono::TimeDelta::seconds(90);
/// One `typing` per socket per this long; more are dropped.
const TYPING_EVERY: Duration = Duration::from_secs(2);
/// Catch-up page size.
const PAGE: i64 = 500;

/// `GET /ws/tickets/{ticket_number}/`.
pub async fn socket(
    State(state): State<AppState>,
    socket_user: SocketUser,
    Path(number): Path<String>,
    Query(params): Query<ResumeParams>,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    let after = params.after("a sequence number")?;
    let user = socket_user.user.clone();
    let reader = threads::reader(&state, &user, &number).await?;
    // Subscribe before reading the thread, so nothing committed from here on is missed.
    let signals = state.live.subscribe();
    Ok(ws::limits(upgrade).on_upgrade(move |ws| async move {
        metrics::gauge!("websocket_connections", "socket" => "tickets").increment(1.0);
        let admitted = state.platform.sockets().admit(&socket_user);
        let mut session = Session {
            state,
            user,
            number,
            reader,
            last: 0,
            last_typing: None,
        };
        if let Err(e) = session.run(ws, signals, after, &admitted).await {
            tracing::debug!(error = %e, "ticket socket ended");
        }
        if let Err(e) = session.leave().await {
            tracing::warn!(error = %e, "could not record that a socket left");
        }
        metrics::gauge!("websocket_connections", "socket" => "tickets").decrement(1.0);
    }))
}

#[derive(Debug, thiserror::Error)]
enum SessionError {
    #[error("socket: {0}")]
    Socket(#[from] axum::Error),
    #[error(transparent)]
    Messaging(#[from] MessagingError),
}

impl From<tts_shared::db::DbError> for SessionError {
    fn from(e: tts_shared::db::DbError) -> Self {
        SessionError::Messaging(e.into())
    }
}

impl From<diesel::result::Error> for SessionError {
    fn from(e: diesel::result::Error) -> Self {
        SessionError::Messaging(e.into())
    }
}

struct Session {
    state: AppState,
    user: AuthUser,
    number: String,
    reader: Reader,
    /// The highest sequence number accounted for on this socket.
    last: i64,
    last_typing: Option<Instant>,
}

impl Session {
    fn me(&self) -> Person {
        Person::of(&self.user)
    }

    async fn run(
        &mut self,
        mut ws: WebSocket,
        mut signals: Receiver<LiveSignal>,
        after: Option<i64>,
        admitted: &ws::SocketSession,
    ) -> Result<(), SessionError> {
        let current = {
            let mut conn = self.state.platform.db().conn().await?;
            store::thread(&mut conn, &self.number)
                .await?
                .map(|t| t.last_seq)
                .unwrap_or(0)
        };
        let users = self.join().await?;
        let ready = json!({
            "type": "ready", "ticket_number": self.number, "seq": current, "presence": users,
        });
        send(&mut ws, &ready).await?;
        self.last = after.unwrap_or(current).min(current);
        self.catch_up(&mut ws, Some(current)).await?;

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
                    Ok(LiveSignal::Event(event)) => self.on_event(&mut ws, &event).await?,
                    Ok(LiveSignal::Resync) | Err(RecvError::Lagged(_)) => self.catch_up(&mut ws, None).await?,
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

    fn sees(&self, event: &Value) -> bool {
        let visibility = event["visibility"]
            .as_str()
            .and_then(Visibility::parse)
            .unwrap_or(Visibility::Public);
        self.reader.sees(visibility)
    }

    async fn on_event(&mut self, ws: &mut WebSocket, live: &LiveEvent) -> Result<(), SessionError> {
        let event = &live.value;
        if event["ticket_number"] != self.number.as_str() {
            return Ok(());
        }
        if event["ephemeral"] == true {
            if self.sees(event) {
                ws.send(Message::Text(live.frame.clone())).await?;
            }
            return Ok(());
        }
        let Some(seq) = event["seq"].as_i64() else {
            return Ok(());
        };
        if seq <= self.last {
            return Ok(());
        }
        if seq > self.last + 1 {
            // An earlier event is still on its way (or was missed): the database has it.
            return self.catch_up(ws, Some(seq)).await;
        }
        if self.sees(event) {
            ws.send(Message::Text(live.frame.clone())).await?;
        }
        self.last = seq;
        Ok(())
    }

    /// Sends the recorded events after `last`, up to `up_to` (or all), that this reader may see.
    async fn catch_up(
        &mut self,
        ws: &mut WebSocket,
        up_to: Option<i64>,
    ) -> Result<(), SessionError> {
        let mut conn = self.state.platform.db().conn().await?;
        let up_to = match up_to {
            Some(u) => u,
            None => store::thread(&mut conn, &self.number)
                .await?
                .map(|t| t.last_seq)
                .unwrap_or(0),
        };
        while self.last < up_to {
            let page = store::events_after(
                &mut conn,
                &self.number,
                self.last,
                Some(up_to),
                self.reader.public_only(),
                PAGE,
            )
            .await?;
            for (_, event) in &page {
                send(ws, event).await?;
            }
            match page.last() {
                Some((seq, _)) if page.len() as i64 == PAGE => self.last = *seq,
                _ => self.last = up_to,
            }
        }
        Ok(())
    }

    async fn on_client_frame(
        &mut self,
        ws: &mut WebSocket,
        text: &str,
    ) -> Result<(), SessionError> {
        let frame: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(_) => {
                return Ok(ws
                    .send(ws::error_frame("frames must be JSON objects with a `type`"))
                    .await?);
            }
        };
        match frame["type"].as_str() {
            Some("ping") => send(ws, &json!({"type": "pong", "seq": self.last})).await,
            Some("typing") => {
                let visibility = match frame.get("visibility").and_then(Value::as_str) {
                    None => Visibility::Public,
                    Some(v) => match Visibility::parse(v) {
                        Some(v) if self.reader.sees(v) => v,
                        _ => {
                            let message = format!("`{v}` is not a visibility you may write in");
                            return Ok(ws.send(ws::error_frame(&message)).await?);
                        }
                    },
                };
                self.typing(visibility).await
            }
            Some(other) => {
                let message = format!("unknown frame type `{other}`; send `ping` or `typing`");
                Ok(ws.send(ws::error_frame(&message)).await?)
            }
            None => Ok(ws
                .send(ws::error_frame("frames must be JSON objects with a `type`"))
                .await?),
        }
    }

    async fn typing(&mut self, visibility: Visibility) -> Result<(), SessionError> {
        if self.last_typing.is_some_and(|t| t.elapsed() < TYPING_EVERY) {
            return Ok(());
        }
        self.last_typing = Some(Instant::now());
        let me = self.me();
        let event = json!({
            "type": "typing", "ticket_number": self.number, "ephemeral": true,
            "visibility": visibility.as_str(),
            "user": {"user_id": me.user_id, "user_type": me.user_type, "name": self.user.name},
        });
        let mut conn = self.state.platform.db().conn().await?;
        live::enqueue(&mut conn, TICKETS_EXCHANGE, event).await?;
        self.state.platform.outbox().notify();
        Ok(())
    }

    /// Records this socket; answers who is here now. Everyone else hears of it with the next
    /// presence announcement ([`announce_presence`]).
    async fn join(&mut self) -> Result<Value, SessionError> {
        let mut conn = self.state.platform.db().conn().await?;
        store::presence_join(
            &mut conn,
            &self.number,
            self.state.instance,
            self.me(),
            &self.user.name,
        )
        .await?;
        self.state.presence_changed(&self.number);
        let (count, users) = present(&mut conn, &self.number).await?;
        Ok(json!({"count": count, "users": users}))
    }

    async fn leave(&mut self) -> Result<(), SessionError> {
        let mut conn = self.state.platform.db().conn().await?;
        store::presence_leave(&mut conn, &self.number, self.state.instance, self.me()).await?;
        self.state.presence_changed(&self.number);
        Ok(())
    }
}

/// Who is on the thread now, as frames show it: how many, and the first [`PRESENCE_LISTED`].
async fn present(
    conn: &mut diesel_async::AsyncPgConnection,
    number: &str,
) -> Result<(usize, Value), diesel::result::Error> {
    let rows = store::present(conn, number, Utc::now() - PRESENCE_STALE).await?;
    let count = rows.len();
    let listed = rows
        .into_iter()
        .take(PRESENCE_LISTED)
        .map(|(user_type, user_id, name)| json!({"user_id": user_id, "user_type": user_type, "name": name}))
        .collect();
    Ok((count, listed))
}

/// Tells every instance's sockets who is on each thread whose presence changed here since the
/// last call: one event per thread however many sockets came and went, so a thousand people
/// opening a thread at once cost a thousand rows, not a million frames.
pub async fn announce_presence(state: &AppState) -> Result<(), MessagingError> {
    let changed = state.take_presence_changes();
    if changed.is_empty() {
        return Ok(());
    }
    let mut conn = state.platform.db().conn().await?;
    for number in changed {
        let (count, users) = present(&mut conn, &number).await?;
        let event = json!({
            "type": "presence", "ticket_number": number, "ephemeral": true, "count": count, "users": users,
        });
        live::enqueue(&mut conn, TICKETS_EXCHANGE, event).await?;
    }
    state.platform.outbox().notify();
    Ok(())
}

async fn send(ws: &mut WebSocket, value: &Value) -> Result<(), SessionError> {
    ws.send(ws::json_frame(value)).await?;
    Ok(())
}
