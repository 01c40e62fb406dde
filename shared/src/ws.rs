//! What every WebSocket endpoint shares: the resume query, the socket limits and the frames.

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::http::ApiError;

/// `?after=<n>&token=<jwt>`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResumeParams {
    /// The last position the client saw (a notification id, a thread's sequence number); it first
    /// receives everything after it.
    pub after: Option<i64>,
    /// The access token, for browsers (read by [`crate::auth::SocketUser`]).
    #[serde(rename = "token")]
    pub _token: Option<String>,
}

impl ResumeParams {
    /// `after`, refused when negative; `what` names it in the error.
    pub fn after(&self, what: &str) -> Result<Option<i64>, ApiError> {
        match self.after {
            Some(a) if a < 0 => Err(ApiError::invalid_field(
                "after",
                format!("must be {what} (≥ 0)"),
            )),
            after => Ok(after),
        }
    }
}

/// Clients send small control frames; a socket should cost kilobytes, not the default buffers.
pub fn limits(upgrade: WebSocketUpgrade) -> WebSocketUpgrade {
    upgrade
        .max_message_size(64 * 1024)
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
}

pub fn json_frame(value: &Value) -> Message {
    Message::Text(value.to_string().into())
}

/// `{"type":"error","message":…}`: the client sent something this socket does not take.
pub fn error_frame(message: &str) -> Message {
    json_frame(&json!({"type": "error", "message": message}))
}

/// Closes with 1001 (going away) as the server shuts down.
pub async fn going_away(ws: &mut WebSocket) {
    let close = CloseFrame {
        code: 1001,
        reason: Utf8Bytes::from_static("server shutting down"),
    };
    let _ = ws.send(Message::Close(Some(close))).await;
}

/// Close code when the token the socket was opened with expires: reconnect with a fresh token.
pub const CLOSE_TOKEN_EXPIRED: u16 = 4001;
/// Close code when the person opened more sockets than `socket_max_per_person`: this, their
/// oldest, made room for the newest.
pub const CLOSE_REPLACED: u16 = 4029;

type PersonKey = (crate::auth::UserType, i64);

/// The live sockets of this instance, per person, so one person cannot hold unbounded sockets:
/// admitting one over the limit closes that person's oldest (the newest tab is the one in use).
#[derive(Debug)]
pub struct SocketRegistry {
    max_per_person: usize,
    next_id: std::sync::atomic::AtomicU64,
    open: std::sync::Mutex<
        std::collections::HashMap<PersonKey, std::collections::VecDeque<(u64, CancellationToken)>>,
    >,
}

use tokio_util::sync::CancellationToken;

impl SocketRegistry {
    pub fn new(max_per_person: usize) -> std::sync::Arc<Self> {
        std::sync::Arc::new(SocketRegistry {
            max_per_person: max_per_person.max(1),
            next_id: Default::default(),
            open: Default::default(),
        })
    }

    /// Registers a socket of `user`; the session ends when the token expires or when a newer
    /// socket of the same person replaces it.
    pub fn admit(self: &std::sync::Arc<Self>, user: &crate::auth::SocketUser) -> SocketSession {
        let key = (user.user.user_type, user.user.user_id);
        let id = self
            .next_id
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let replaced = CancellationToken::new();
        let mut open = self.open.lock().expect("socket registry");
        let sockets = open.entry(key).or_default();
        sockets.push_back((id, replaced.clone()));
        while sockets.len() > self.max_per_person {
            if let Some((_, oldest)) = sockets.pop_front() {
                oldest.cancel();
            }
        }
        SocketSession {
            registry: self.clone(),
            key,
            id,
            replaced,
            expires_at: user.expires_at,
        }
    }

    /// Sockets currently open for one person on this instance.
    pub fn open_for(&self, user_type: crate::auth::UserType, user_id: i64) -> usize {
        self.open
            .lock()
            .expect("socket registry")
            .get(&(user_type, user_id))
            .map_or(0, |s| s.len())
    }
}

/// One admitted socket. Dropping it (the socket loop ended) frees its place.
#[derive(Debug)]
pub struct SocketSession {
    registry: std::sync::Arc<SocketRegistry>,
    key: PersonKey,
    id: u64,
    replaced: CancellationToken,
    expires_at: i64,
}

impl SocketSession {
    /// Resolves when the server must close this socket, with the frame to close it with.
    /// Socket loops `select!` on it beside their other work.
    pub async fn ended(&self) -> CloseFrame {
        let now = chrono::Utc::now().timestamp();
        let left =
            std::time::Duration::from_secs(self.expires_at.saturating_sub(now).max(0) as u64);
        tokio::select! {
            _ = self.replaced.cancelled() => CloseFrame {
                code: CLOSE_REPLACED,
                reason: Utf8Bytes::from_static("too many sockets for this person: closed for a newer one"),
            },
            _ = tokio::time::sleep(left) => CloseFrame {
                code: CLOSE_TOKEN_EXPIRED,
                reason: Utf8Bytes::from_static("token expired: reconnect with a fresh token"),
            },
        }
    }
}

impl Drop for SocketSession {
    fn drop(&mut self) {
        let mut open = self.registry.open.lock().expect("socket registry");
        if let Some(sockets) = open.get_mut(&self.key) {
            sockets.retain(|(id, _)| *id != self.id);
            if sockets.is_empty() {
                open.remove(&self.key);
            }
        }
    }
}

/// Closes the socket with `frame` (the session ended).
pub async fn close_with(ws: &mut WebSocket, frame: CloseFrame) {
    let _ = ws.send(Message::Close(Some(frame))).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{AuthUser, SocketUser, UserType};

    fn socket_of(user_id: i64, expires_in: i64) -> SocketUser {
        SocketUser {
            user: AuthUser {
                user_id,
                user_type: UserType::Staff,
                email: None,
                name: String::new(),
                roles: vec![],
            },
            expires_at: chrono::Utc::now().timestamp() + expires_in,
        }
    }

    #[tokio::test]
    async fn a_socket_over_the_limit_closes_the_persons_oldest_and_leaving_frees_a_place() {
        let registry = SocketRegistry::new(2);
        let first = registry.admit(&socket_of(1, 3600));
        let second = registry.admit(&socket_of(1, 3600));
        let other_person = registry.admit(&socket_of(2, 3600));
        assert_eq!(registry.open_for(UserType::Staff, 1), 2);

        let third = registry.admit(&socket_of(1, 3600));
        assert_eq!(first.ended().await.code, CLOSE_REPLACED);
        assert_eq!(registry.open_for(UserType::Staff, 1), 2);
        assert!(!second.replaced.is_cancelled() && !other_person.replaced.is_cancelled());

        drop(third);
        assert_eq!(registry.open_for(UserType::Staff, 1), 1);
        drop((first, second));
        assert_eq!(registry.open_for(UserType::Staff, 1), 0);
        assert_eq!(registry.open_for(UserType::Staff, 2), 1);
    }

    #[tokio::test]
    async fn a_session_ends_when_its_token_expires() {
        let registry = SocketRegistry::new(5);
        let expired = registry.admit(&socket_of(1, -1));
        assert_eq!(expired.ended().await.code, CLOSE_TOKEN_EXPIRED);
    }
}
