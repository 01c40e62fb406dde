//! `notifications.send_email_async`: one e-mail, to the directory's address of a staff user when
//! it has one, else to the address the job carries (`context.email`: requesters, whom the
//! directory does not hold). Nobody without an address, an inactive staff user, or an address that
//! is no mailbox gets one (logged and counted as skipped; the job succeeds). A failed send is an error, so the consumer runtime
//! retries it with growing delay and dead-letters it after the last try.
//!
//! The e-mail's `Message-ID` comes from the job's message id, so every try of one job sends the
//! same e-mail; every e-mail about one ticket answers the ticket's thread root and names the
//! ticket in its subject; the link goes to the console's task page (staff only), else its ticket
//! page.

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
            let Some((to, address)) = recipient(conn, &job).await? else {
                log.detail = "no active e-mail address in the directory, and none in the message";
                store::log_email(conn, &log).await?;
                metrics::counter!("emails_total", "outcome" => "skipped").increment(1);
                tracing::info!(user_id = job.user_id, "no e-mail: no address, or inactive");
                return Ok(());
            };
            let Ok(to) = to else {
                // A wrong address is the producer's data, not a fault here: retrying cannot mend
                // it, and the in-app notification already went out.
                log.detail = "the message's e-mail address is not a mailbox";
                store::log_email(conn, &log).await?;
                metrics::counter!("emails_total", "outcome" => "skipped").increment(1);
                tracing::warn!(user_id = job.user_id, address = %address, "no e-mail: the address is not a mailbox");
                return Ok(());
            };
            let staff = is_staff(&job);
            let ticket = job
                .context
                .get("ticket_number")
                .and_then(|n| n.as_str())
                .filter(|n| !n.is_empty());
            // Requesters cannot open the console's task pages: theirs is the ticket's page.
            let task_id = job
                .context
                .get("task_id")
                .and_then(|t| t.as_i64())
                .filter(|_| staff);
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
            log.recipient = Some(&address);
            log.status = "sent";
            store::log_email(conn, &log).await?;
            metrics::counter!("emails_total", "outcome" => "sent").increment(1);
            Ok(())
        })
    }
}

/// Staff unless the job says otherwise (`context.user_type`; producers that send none mean staff).
fn is_staff(job: &EmailNotification) -> bool {
    job.context
        .get("user_type")
        .and_then(|t| t.as_str())
        .is_none_or(|t| t == "staff")
}

/// Who the e-mail goes to, as a mailbox (or the parse error) and the bare address: a staff user's
/// directory entry when there is one (an inactive one means no e-mail at all), else the job's
/// `context.email`. The directory is never asked about anyone else: its ids are staff ids, and
/// employee 7 is not staff 7. `None`: no address.
async fn recipient(
    conn: &mut AsyncPgConnection,
    job: &EmailNotification,
) -> Result<Option<(Result<Mailbox, String>, String)>, HandlerError> {
    if is_staff(job)
        && let Some(user) = store::user(conn, job.user_id).await?
    {
        if !user.is_active {
            return Ok(None);
        }
        let name = format!("{} {}", user.first_name, user.last_name)
            .trim()
            .to_string();
        let to = format!("{name} <{}>", user.email)
            .parse()
            .or_else(|_| user.email.parse())
            .map_err(|e| format!("address {:?}: {e}", user.email));
        return match to {
            Ok(to) => Ok(Some((Ok(to), user.email))),
            // The directory's own data: as before, a permanent failure.
            Err(e) => Err(HandlerError::permanent(e)),
        };
    }
    let Some(address) = job
        .context
        .get("email")
        .and_then(|e| e.as_str())
        .map(str::trim)
        .filter(|e| !e.is_empty())
    else {
        return Ok(None);
    };
    let to = address
        .parse::<lettre::Address>()
        .map(|a| Mailbox::new(None, a))
        .map_err(|e| e.to_string());
    Ok(Some((to, address.to_string())))
}
