//! Telling the requester: `notifications.create_inapp_notification` to the ticket's requester
//! (user type `employee`, id `employee_id` of the ticket snapshot), with their address from the
//! snapshot (`employee_email`, else `employee.email`) so the notification service can e-mail
//! them. Sent through the outbox in the caller's transaction. Types: `ticket_received`,
//! `ticket_pending` and `ticket_resolved`; never for internal waiting (`On Hold`) and never for
//! the requester's own act (a withdrawal).

use diesel_async::AsyncPgConnection;
use serde_json::{Value, json};
use tts_shared::amqp::outbox;
use tts_shared::events::{CeleryTask, InappNotification};

use crate::AppState;
use crate::error::WorkflowError;
use crate::store::tickets::TicketRow;

/// The requester's employee id and e-mail address as the ticket carries them.
pub fn requester_of(payload: &Value) -> Option<(i64, Option<String>)> {
    let id = payload["employee_id"].as_i64()?;
    let email = payload["employee_email"]
        .as_str()
        .or_else(|| payload["employee"]["email"].as_str())
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_string);
    Some((id, email))
}

/// What the requester is told of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Received,
    Pending,
    Resolved,
}

impl Notice {
    pub fn notification_type(self) -> &'static str {
        match self {
            Notice::Received => "ticket_received",
            Notice::Pending => "ticket_pending",
            Notice::Resolved => "ticket_resolved",
        }
    }
}

/// Queues `notice` for the ticket's requester; nothing when the ticket names no requester.
/// `message` replaces the default text (the agent's notes when waiting for the requester).
pub async fn notify(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    ticket: &TicketRow,
    task_id: Option<i64>,
    notice: Notice,
    message: Option<&str>,
) -> Result<bool, WorkflowError> {
    let Some((user_id, email)) = requester_of(&ticket.payload) else {
        return Ok(false);
    };
    let number = &ticket.ticket_number;
    let subject_line = if ticket.subject.is_empty() {
        String::new()
    } else {
        format!(" ({})", ticket.subject)
    };
    let (subject, default) = match notice {
        Notice::Received => (
            format!("We received your ticket {number}"),
            format!("Your ticket {number}{subject_line} was received and will be worked on."),
        ),
        Notice::Pending => (
            format!("Ticket {number} is waiting for you"),
            format!("Ticket {number}{subject_line} is waiting for your reply."),
        ),
        Notice::Resolved => (
            format!("Your ticket {number} was resolved"),
            format!("Your ticket {number}{subject_line} was resolved."),
        ),
    };
    let notification = InappNotification {
        user_id,
        user_type: "employee".into(),
        notification_type: notice.notification_type().into(),
        subject,
        message: message.map(str::to_string).unwrap_or(default),
        related_ticket_number: Some(number.clone()),
        metadata: json!({"task_id": task_id}),
        email,
    };
    let queue = &state.platform.settings().queues.queue_inapp_notifications;
    outbox::enqueue(conn, queue, &notification.to_message()).await?;
    Ok(true)
}
