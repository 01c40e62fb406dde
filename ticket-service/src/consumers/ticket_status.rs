//! `send_ticket_status` `[ticket_number, status]`: the workflow engine reports a ticket's status.
//! Applied under the rule of [`Status::sync`]: never backwards, so a late or repeated message
//! changes nothing. A ticket this service does not hold (one a helpdesk sent straight to the
//! workflow engine) is not an error: there is nothing here to update.

use diesel_async::AsyncPgConnection;
use futures_util::future::BoxFuture;
use tts_shared::amqp::{HandlerError, TaskHandler, TaskMessage};
use tts_shared::events::{CeleryTask, TicketStatusUpdate};

use crate::domain::ticket::{Status, StatusSync};
use crate::store::tickets;

pub struct TicketStatusHandler;

impl TaskHandler for TicketStatusHandler {
    fn handle<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<(), HandlerError>> {
        Box::pin(async move {
            let update =
                TicketStatusUpdate::from_message(message).map_err(HandlerError::permanent)?;
            let status = Status::parse(&update.status).ok_or_else(|| {
                HandlerError::permanent(format!("`{}` is not a ticket status", update.status))
            })?;
            let Some(ticket) = tickets::find_for_update(conn, &update.ticket_number).await? else {
                tracing::info!(ticket = %update.ticket_number, "status for a ticket not held here; nothing to update");
                metrics::counter!("ticket_status_updates_total", "outcome" => "unknown_ticket")
                    .increment(1);
                return Ok(());
            };
            let current = Status::parse(&ticket.status).unwrap_or(Status::New);
            match Status::sync(current, status) {
                StatusSync::Apply => {
                    tickets::set_status(conn, ticket.id, status.as_str()).await?;
                    metrics::counter!("ticket_status_updates_total", "outcome" => "applied")
                        .increment(1);
                }
                StatusSync::Ignore(reason) => {
                    tracing::info!(ticket = %ticket.ticket_number, from = %current.as_str(), to = %status.as_str(), reason, "status update ignored");
                    metrics::counter!("ticket_status_updates_total", "outcome" => "ignored")
                        .increment(1);
                }
            }
            Ok(())
        })
    }
}
