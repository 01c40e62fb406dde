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

use lapin::options::QueueDeclareOptions;
use lapin::types::{AMQPValue, FieldTable, ShortString};
use lapin::{Connection, Error};

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
    for queue in queues {
        for (name, args) in queue_set(queue) {
            ensure_queue(conn, &name, args).await?;
        }
    }
    super::live::declare_exchanges(conn).await
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
