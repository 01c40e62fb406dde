//! `notifications.send_email_async`: one e-mail to a user of the directory. Unknown or inactive
//! users get none (logged and counted). A failed send is an error, so the consumer runtime
//! retries it with growing delay and dead-letters it after the last try.
//!
//! The e-mail's `Message-ID` comes from the job's message id, so every try of one job sends the
//! same e-mail; every e-mail about one ticket answers the ticket's thread root and names the
//! ticket in its subject; the link goes to the console's task page, else its ticket page.

use diesel_async::AsyncPgConnection;
use futures_util::future::BoxFuture;
use lettre::message::Mailbox;
use tts_shared::amqp::{HandlerError, TaskHandler, TaskMessage};
use tts_shared::events::{CeleryTask, EmailNotification};

use crate::AppState;
use crate::domain::mail;
use crate::mailer::{Email, compose};
use crate::store::{self, LogEntry};

pub struct EmailHandler {
    pub state: AppState,
}

impl TaskHandler for EmailHandler {
    fn handle<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<(), HandlerError>> {
        Box::pin(async move {
            let job = EmailNotification::from_message(message).map_err(HandlerError::permanent)?;
            let mut log = LogEntry {
                message_id: &message.id,
                user_id: job.user_id,
                recipient: None,
                subject: &job.subject,
                notification_type: &job.notification_type,
                status: "skipped",
                detail: "",
            };
            let user = store::user(conn, job.user_id).await?;
            let Some(user) = user.filter(|u| u.is_active) else {
                log.detail = "no active e-mail address in the directory";
                store::log_email(conn, &log).await?;
                metrics::counter!("emails_total", "outcome" => "skipped").increment(1);
                tracing::info!(user_id = job.user_id, "no e-mail: user unknown or inactive");
                return Ok(());
            };
            let name = format!("{} {}", user.first_name, user.last_name)
                .trim()
                .to_string();
            let to: Mailbox = format!("{name} <{}>", user.email)
                .parse()
                .or_else(|_| user.email.parse())
                .map_err(|e| HandlerError::permanent(format!("address {:?}: {e}", user.email)))?;
            let ticket = job
                .context
                .get("ticket_number")
                .and_then(|n| n.as_str())
                .filter(|n| !n.is_empty());
            let task_id = job.context.get("task_id").and_then(|t| t.as_i64());
            let link = mail::link(&self.state.settings.frontend_url, ticket, task_id);
            let label = if task_id.is_some() {
                "Open the task"
            } else {
                "Open the ticket"
            };
            let domain = &self.state.message_id_domain;
            let subject = mail::subject(ticket, &job.subject);
            let email = compose(
                &self.state.from,
                Email {
                    to,
                    subject: &subject,
                    message: &job.message,
                    link: link.as_deref().map(|url| (label, url)),
                    // The job's id: a retried send (the send went out but its record was lost)
                    // carries the same Message-ID, so servers and clients see one e-mail.
                    message_id: mail::message_id(&message.id, domain),
                    thread: ticket.map(|t| mail::thread_root(t, domain)),
                },
            )
            .map_err(HandlerError::permanent)?;
            self.state.mailer.send(email).await.map_err(|e| {
                metrics::counter!("emails_total", "outcome" => "failed").increment(1);
                HandlerError::transient(format!("sending e-mail: {e}"))
            })?;
            log.recipient = Some(&user.email);
            log.status = "sent";
            store::log_email(conn, &log).await?;
            metrics::counter!("emails_total", "outcome" => "sent").increment(1);
            Ok(())
        })
    }
}
