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
