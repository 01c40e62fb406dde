//! One ticket record, whatever the channel: a ticket a helpdesk published straight to the ticket
//! tasks queue (not handed off by the ticket service) is reported to the ticket service with
//! `tickets.tasks.record_ticket`, so its requester sees it there and in its thread.
//!
//! Called by intake for every `tickets.tasks.receive_ticket`, inside the delivery's transaction:
//! the record is in the outbox exactly when the snapshot it reports is stored, once per delivered
//! message (the consumer's dedup makes a redelivery a no-op). The ticket service's own hand-offs
//! carry [`tts_shared::events::HANDED_OFF_BY`], and are not echoed back.

use diesel_async::AsyncPgConnection;
use tts_shared::amqp::outbox;
use tts_shared::events::{CeleryTask, HelpdeskTicket, TicketRecord};

use crate::AppState;

/// Writes the record of `ticket` to the ticket service's queue unless the ticket service sent it.
/// Returns whether a record was written.
pub async fn report_direct_ticket(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    ticket: &HelpdeskTicket,
) -> diesel::QueryResult<bool> {
    if ticket.from_ticket_service() {
        return Ok(false);
    }
    let message = TicketRecord(ticket.clone()).to_message();
    let queue = &state.platform.settings().queues.queue_ticket_status;
    outbox::enqueue(conn, queue, &message).await?;
    metrics::counter!("tickets_recorded_total").increment(1);
    Ok(true)
}
