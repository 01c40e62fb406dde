//! Every notification task on the in-app queue: each person it concerns gets an in-app
//! notification (unless they switched that type off), and — unless they switched e-mail off for
//! that type — an e-mail job, written to the outbox in the same transaction: for staff (addressed
//! from the directory, else the message's address), and for anyone else (requesters) whose
//! message carries an address. A redelivered message is deduplicated by the consumer runtime, so it
//! never creates a second notification or a second e-mail.

use diesel_async::AsyncPgConnection;
use futures_util::future::BoxFuture;
use serde_json::json;
use tts_shared::amqp::{HandlerError, TaskHandler, TaskMessage, outbox};
use tts_shared::events::{CeleryTask, EmailNotification};

use crate::AppState;
use crate::domain::render::render;
use crate::store::{self, NewNotification};

pub struct InappHandler {
    pub state: AppState,
}

impl TaskHandler for InappHandler {
    fn handle<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<(), HandlerError>> {
        Box::pin(async move {
            let rendered =
                render(message, self.state.time_zone).map_err(HandlerError::permanent)?;
            for r in rendered {
                let owner = (r.user_type.as_str(), r.user_id);
                let (in_app, email) = store::preference(conn, owner, r.notification_type).await?;
                let mut notification_id = None;
                if in_app {
                    let n = store::insert(
                        conn,
                        &NewNotification {
                            user_id: r.user_id,
                            user_type: &r.user_type,
                            notification_type: r.notification_type,
                            subject: &r.subject,
                            message: &r.message,
                            related_ticket_number: r.ticket.as_deref(),
                            metadata: &r.metadata,
                        },
                    )
                    .await?;
                    crate::live::announce_created(conn, &n).await?;
                    notification_id = Some(n.id);
                    metrics::counter!("notifications_created_total", "type" => r.notification_type)
                        .increment(1);
                }
                // The directory holds staff addresses; anyone else is e-mailed only at the
                // address their message carries.
                if email && (r.user_type == "staff" || r.email.is_some()) {
                    let job = EmailNotification {
                        user_id: r.user_id,
                        subject: r.subject.clone(),
                        message: r.message.clone(),
                        notification_type: r.notification_type.to_string(),
                        context: json!({
                            "ticket_number": r.ticket,
                            "task_id": r.task_id,
                            "notification_id": notification_id,
                            "user_type": r.user_type,
                            "email": r.email,
                        }),
                    };
                    let queue = &self
                        .state
                        .platform
                        .settings()
                        .queues
                        .queue_email_notifications;
                    outbox::enqueue(conn, queue, &job.to_message()).await?;
                }
            }
            Ok(())
        })
    }
}
