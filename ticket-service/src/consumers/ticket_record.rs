//! `tickets.tasks.record_ticket` `[ticket]`: the workflow engine received a ticket that did not
//! come from this service (a helpdesk published `receive_ticket` straight to it), and reports it
//! so that every ticket TTS works on is here, with its requester.
//!
//! Upserted by number like `POST /tickets/send/` (requester from `employee_id`, helpdesk fields
//! kept), audited as `ticket.recorded`, never handed back to the engine: its hand-off fingerprint
//! is recorded instead, so the same ticket arriving later through `POST /tickets/send/` is not
//! handed off again. Redelivery is harmless (the consumer's dedup, and an unchanged upsert changes
//! nothing), and a record never moves a ticket's status backwards. The engine has already accepted
//! the ticket, so fields this service would refuse over HTTP are made acceptable rather than
//! dead-lettering it: a blank subject becomes `(no subject)`, over-long texts are cut, an unknown
//! priority is `Medium` and an unknown status `Open`. Only a missing or unusable number (or
//! `dynamic_data` over 64 KiB) is dead-lettered, naming the field.

use diesel_async::AsyncPgConnection;
use futures_util::future::BoxFuture;
use serde_json::{Value, json};
use tts_shared::amqp::{HandlerError, TaskHandler, TaskMessage};
use tts_shared::events::{CeleryTask, HelpdeskTicket, TicketRecord};

use crate::AppState;
use crate::domain::ticket::{MAX_LABEL_CHARS, MAX_SUBJECT_CHARS, MAX_TEXT_CHARS, Priority, Status};
use crate::error::TicketError;
use crate::tickets::{self, Via};

pub struct TicketRecordHandler {
    pub state: AppState,
}

fn cut(text: &mut Option<String>, max: usize) {
    if let Some(t) = text
        && t.chars().count() > max
    {
        *t = t.chars().take(max).collect();
    }
}

/// What the engine accepted, made acceptable to the ticket service's rules (see the module doc).
pub fn acceptable(mut t: HelpdeskTicket) -> HelpdeskTicket {
    let subject = t.subject.trim();
    t.subject = if subject.is_empty() {
        "(no subject)".into()
    } else {
        subject.chars().take(MAX_SUBJECT_CHARS).collect()
    };
    cut(&mut t.description, MAX_TEXT_CHARS);
    for label in [&mut t.category, &mut t.sub_category, &mut t.department] {
        cut(label, MAX_LABEL_CHARS);
    }
    if t.priority
        .as_deref()
        .is_some_and(|p| Priority::parse(p).is_none())
    {
        t.priority = None;
    }
    if t.status
        .as_deref()
        .is_some_and(|s| Status::parse(s).is_none())
    {
        t.status = None;
    }
    if !matches!(t.dynamic_data, Value::Null | Value::Object(_)) {
        t.dynamic_data = json!({ "dynamic_data": t.dynamic_data });
    }
    t
}

impl TaskHandler for TicketRecordHandler {
    fn handle<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<(), HandlerError>> {
        Box::pin(async move {
            let TicketRecord(ticket) =
                TicketRecord::from_message(message).map_err(HandlerError::permanent)?;
            let (number, fields) =
                tickets::helpdesk_fields(&acceptable(ticket)).map_err(|e| match e {
                    TicketError::Invalid(problems) => HandlerError::permanent(format!(
                        "task {}: {}",
                        TicketRecord::NAME,
                        problems
                            .iter()
                            .map(|p| format!("field `{}`: {}", p.field, p.message))
                            .collect::<Vec<_>>()
                            .join("; ")
                    )),
                    other => HandlerError::transient(other),
                })?;
            let result = tickets::upsert_helpdesk(&self.state, conn, &number, fields, Via::Engine)
                .await
                .map_err(|e| match e {
                    TicketError::Db(e) => HandlerError::transient(e),
                    // A concurrent insert of the same number: the retry finds it.
                    other => HandlerError::transient(other),
                })?;
            if result.created {
                metrics::counter!("tickets_created_total", "source" => "workflow-engine")
                    .increment(1);
            }
            tracing::info!(ticket = %number, created = result.created, "ticket recorded from the workflow engine");
            Ok(())
        })
    }
}
