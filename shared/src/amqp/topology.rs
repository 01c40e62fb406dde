//! The queues TTS uses, declared by every service at every (re)connection, and described the same
//! way in `rabbitmq/definitions.json`.
//!
//! For each work queue `Q`:
//! - `Q`: durable, **no arguments**, so a Celery app declaring it with kombu's defaults agrees;
//! - `Q.retry`: messages wait here for their per-message `expiration`, then dead-letter back to `Q`;
//! - `Q.dlq`: messages that failed every try or could not be read, with the error in a header.
//!
//! A queue that already exists with other arguments is left as it is (the broker answers
//! PRECONDITION_FAILED and we carry on), so a deployment whose helpdesk created the queues with its
//! own arguments keeps working.
//!
//! Ticket status updates have more than one listener (the ticket service, and a helpdesk that
//! wants them too), so they are published once to the fanout exchange [`TICKET_STATUS_EXCHANGE`],
//! bound to `queue_ticket_status` and to each queue of `ticket_status_listeners`: every listener
//! has a queue of its own and gets every status once, instead of competing for one queue.

use lapin::options::{ExchangeDeclareOptions, QueueBindOptions, QueueDeclareOptions};
use lapin::types::{AMQPValue, FieldTable, ShortString};
use lapin::{Connection, Error, ExchangeKind};

use crate::config::QueueNames;
use crate::events::{CeleryTask, TicketStatusUpdate};

/// Fanout exchange every ticket status update is published to, once.
pub const TICKET_STATUS_EXCHANGE: &str = "tts.ticket_status";

/// Everything a service declares at each (re)connection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Topology {
    /// Work queues; each gets `.retry` and `.dlq` companions.
    pub work_queues: Vec<String>,
    /// Durable fanout exchanges and the queues bound to them. A bound queue that is not a work
    /// queue (another system's, e.g. the helpdesk's) is declared plainly, without companions:
    /// its own consumer handles its failures.
    pub fanouts: Vec<Fanout>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fanout {
    pub exchange: String,
    pub queues: Vec<String>,
}

/// Where a message written to the outbox for `(routing_key, task)` on the default exchange is
/// published instead: a task with several listeners goes to their fanout exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub queue: String,
    pub task: String,
    pub exchange: String,
}

impl Topology {
    /// Work queues only (tools that publish to TTS queues; no fanouts).
    pub fn work_queues(queues: Vec<String>) -> Topology {
        Topology {
            work_queues: queues,
            fanouts: Vec::new(),
        }
    }

    /// The topology of a TTS deployment with these queue settings.
    pub fn of(queues: &QueueNames) -> Topology {
        let mut status_queues = vec![queues.queue_ticket_status.clone()];
        status_queues.extend(queues.ticket_status_listeners.iter().cloned());
        Topology {
            work_queues: queues.all().iter().map(|q| q.to_string()).collect(),
            fanouts: vec![Fanout {
                exchange: TICKET_STATUS_EXCHANGE.to_string(),
                queues: status_queues,
            }],
        }
    }

    /// Outbox routes of these queue settings: `send_ticket_status` for `queue_ticket_status`
    /// goes to [`TICKET_STATUS_EXCHANGE`], which delivers it to that queue and every listener.
    pub fn routes(queues: &QueueNames) -> Vec<Route> {
        vec![Route {
            queue: queues.queue_ticket_status.clone(),
            task: TicketStatusUpdate::NAME.to_string(),
            exchange: TICKET_STATUS_EXCHANGE.to_string(),
        }]
    }

    /// Every `(exchange, queue)` binding, in declaration order.
    pub fn bindings(&self) -> Vec<(String, String)> {
        self.fanouts
            .iter()
            .flat_map(|f| f.queues.iter().map(|q| (f.exchange.clone(), q.clone())))
            .collect()
    }

    /// Every exchange this topology declares besides the live ones.
    pub fn exchanges(&self) -> Vec<String> {
        self.fanouts.iter().map(|f| f.exchange.clone()).collect()
    }
}

pub fn retry_queue(queue: &str) -> String {
    format!("{queue}.retry")
}

pub fn dead_letter_queue(queue: &str) -> String {
    format!("{queue}.dlq")
}

/// The arguments each of the three queues of `queue` is declared with.
pub fn queue_set(queue: &str) -> [(String, FieldTable); 3] {
    let mut retry_args = FieldTable::default();
    retry_args.insert(
        ShortString::from("x-dead-letter-exchange"),
        AMQPValue::LongString("".into()),
    );
    retry_args.insert(
        ShortString::from("x-dead-letter-routing-key"),
        AMQPValue::LongString(queue.into()),
    );
    [
        (queue.to_string(), FieldTable::default()),
        (retry_queue(queue), retry_args),
        (dead_letter_queue(queue), FieldTable::default()),
    ]
}

/// Declares the three queues of every work queue in `queues`, and the live exchanges.
pub async fn declare(conn: &Connection, queues: &[String]) -> Result<(), Error> {
    declare_topology(conn, &Topology::work_queues(queues.to_vec())).await
}

/// Declares `topology`: work queues with their companions, the live exchanges, each fanout
/// exchange with its queues and bindings.
pub async fn declare_topology(conn: &Connection, topology: &Topology) -> Result<(), Error> {
    for queue in &topology.work_queues {
        for (name, args) in queue_set(queue) {
            ensure_queue(conn, &name, args).await?;
        }
    }
    super::live::declare_exchanges(conn).await?;
    for fanout in &topology.fanouts {
        let channel = conn.create_channel().await?;
        channel
            .exchange_declare(
                fanout.exchange.as_str().into(),
                ExchangeKind::Fanout,
                ExchangeDeclareOptions {
                    durable: true,
                    ..ExchangeDeclareOptions::default()
                },
                FieldTable::default(),
            )
            .await?;
        let _ = channel.close(200, "ok".into()).await;
        for queue in &fanout.queues {
            if !topology.work_queues.contains(queue) {
                ensure_queue(conn, queue, FieldTable::default()).await?;
            }
            let channel = conn.create_channel().await?;
            channel
                .queue_bind(
                    queue.as_str().into(),
                    fanout.exchange.as_str().into(),
                    "".into(),
                    QueueBindOptions::default(),
                    FieldTable::default(),
                )
                .await?;
            let _ = channel.close(200, "ok".into()).await;
        }
    }
    Ok(())
}

async fn ensure_queue(conn: &Connection, name: &str, args: FieldTable) -> Result<(), Error> {
    // A refused declare closes its channel, so each queue gets its own.
    let channel = conn.create_channel().await?;
    let durable = QueueDeclareOptions {
        durable: true,
        ..QueueDeclareOptions::default()
    };
    match channel.queue_declare(name.into(), durable, args).await {
        Ok(_) => {
            let _ = channel.close(200, "ok".into()).await;
            Ok(())
        }
        Err(e) if is_precondition_failed(&e) => {
            tracing::info!(
                queue = name,
                "queue exists with other arguments; using it as it is"
            );
            Ok(())
        }
        Err(e) => Err(e),
    }
}

fn is_precondition_failed(e: &Error) -> bool {
    e.to_string().contains("PRECONDITION_FAILED")
}
