//! Live events for WebSocket clients, across every instance of a service.
//!
//! A state change that clients should see live writes a live event to the outbox in its own
//! transaction ([`enqueue`]); the relay publishes it to a fanout exchange after the commit. Every
//! instance consumes that exchange through a queue of its own (exclusive, deleted with its
//! connection) and hands each event to its sockets through a [`LiveBus`]. So a client connected to
//! instance A sees what instance B did, and never sees something that was rolled back.
//!
//! Live delivery is best effort by design: the durable record is the database. When an instance
//! may have missed events (its broker connection came back, or a slow socket fell behind the
//! in-process channel) subscribers receive [`LiveSignal::Resync`] and re-read from the database
//! what followed the last event they sent.

use std::sync::Arc;
use std::time::Duration;

use diesel_async::AsyncPgConnection;
use futures_util::StreamExt;
use lapin::options::{
    BasicConsumeOptions, ExchangeDeclareOptions, QueueBindOptions, QueueDeclareOptions,
};
use lapin::types::FieldTable;
use lapin::{Connection, ExchangeKind};
use serde_json::{Map, Value};
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

use super::broker::Broker;
use super::celery::TaskMessage;
use super::outbox;

/// Live notifications of the notification service.
pub const NOTIFICATIONS_EXCHANGE: &str = "tts.live.notifications";
/// Live comment-thread events of the messaging service.
pub const TICKETS_EXCHANGE: &str = "tts.live.tickets";
/// Every live exchange; each service declares them all on every connection, so a publish never
/// meets a missing exchange.
pub const EXCHANGES: [&str; 2] = [NOTIFICATIONS_EXCHANGE, TICKETS_EXCHANGE];

/// The task name live events travel under (they reuse the Celery envelope and its codec).
const LIVE_TASK: &str = "tts.live_event";

/// How many events an instance buffers for a socket that is not reading.
const CHANNEL_CAPACITY: usize = 4096;

/// One live event: as JSON to look at, and as the text frame to send, serialised once for every
/// socket of the instance.
#[derive(Debug)]
pub struct LiveEvent {
    pub value: Value,
    pub frame: axum::extract::ws::Utf8Bytes,
}

impl LiveEvent {
    pub fn new(value: Value) -> LiveEvent {
        let frame = value.to_string().into();
        LiveEvent { value, frame }
    }
}

/// What a subscriber receives.
#[derive(Debug, Clone)]
pub enum LiveSignal {
    Event(Arc<LiveEvent>),
    /// Events may have been missed: re-read from the database.
    Resync,
}

/// Writes `event` to the outbox, for every instance's sockets once the transaction commits.
pub async fn enqueue(
    conn: &mut AsyncPgConnection,
    exchange: &str,
    event: Value,
) -> diesel::QueryResult<()> {
    let message = TaskMessage::new(LIVE_TASK, vec![event], Map::new());
    outbox::enqueue_to(conn, exchange, "", &message).await
}

/// Declares the live exchanges (fanout, durable) on `conn`.
pub async fn declare_exchanges(conn: &Connection) -> Result<(), lapin::Error> {
    let channel = conn.create_channel().await?;
    for exchange in EXCHANGES {
        channel
            .exchange_declare(
                exchange.into(),
                ExchangeKind::Fanout,
                ExchangeDeclareOptions {
                    durable: true,
                    ..ExchangeDeclareOptions::default()
                },
                FieldTable::default(),
            )
            .await?;
    }
    let _ = channel.close(200, "ok".into()).await;
    Ok(())
}

/// This instance's subscription to one live exchange.
#[derive(Clone)]
pub struct LiveBus {
    sender: broadcast::Sender<LiveSignal>,
}

impl std::fmt::Debug for LiveBus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveBus")
            .field("subscribers", &self.sender.receiver_count())
            .finish()
    }
}

impl LiveBus {
    /// Starts consuming `exchange` in the background, reconnecting with the broker, until `cancel`.
    pub fn start(broker: Broker, exchange: &'static str, cancel: CancellationToken) -> LiveBus {
        let (sender, _) = broadcast::channel(CHANNEL_CAPACITY);
        let bus = LiveBus { sender };
        tokio::spawn(bus.clone().run(broker, exchange, cancel));
        bus
    }

    /// A bus fed by hand, for tests of code that subscribes.
    pub fn detached() -> LiveBus {
        let (sender, _) = broadcast::channel(CHANNEL_CAPACITY);
        LiveBus { sender }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<LiveSignal> {
        self.sender.subscribe()
    }

    /// Hands `signal` to every subscriber of this instance.
    pub fn deliver(&self, signal: LiveSignal) {
        // No subscriber is not an error: nobody is connected right now.
        let _ = self.sender.send(signal);
    }

    async fn run(self, broker: Broker, exchange: &'static str, cancel: CancellationToken) {
        loop {
            let Some(conn) = broker.connected().await else {
                break;
            };
            match self.consume(&conn, exchange, &cancel).await {
                Ok(()) => break,
                Err(e) => {
                    tracing::warn!(%exchange, error = %e, "live events interrupted; resuming");
                    tokio::select! {
                        _ = cancel.cancelled() => break,
                        _ = tokio::time::sleep(Duration::from_millis(200)) => {}
                    }
                }
            }
        }
    }

    async fn consume(
        &self,
        conn: &Connection,
        exchange: &str,
        cancel: &CancellationToken,
    ) -> Result<(), String> {
        let channel = conn.create_channel().await.map_err(|e| e.to_string())?;
        let queue = channel
            .queue_declare(
                "".into(),
                QueueDeclareOptions {
                    exclusive: true,
                    auto_delete: true,
                    ..QueueDeclareOptions::default()
                },
                FieldTable::default(),
            )
            .await
            .map_err(|e| e.to_string())?;
        channel
            .queue_bind(
                queue.name().clone(),
                exchange.into(),
                "".into(),
                QueueBindOptions::default(),
                FieldTable::default(),
            )
            .await
            .map_err(|e| e.to_string())?;
        let mut deliveries = channel
            .basic_consume(
                queue.name().clone(),
                "".into(),
                BasicConsumeOptions {
                    no_ack: true,
                    ..BasicConsumeOptions::default()
                },
                FieldTable::default(),
            )
            .await
            .map_err(|e| e.to_string())?;
        // Whatever was published while this instance had no queue is in the database only.
        self.deliver(LiveSignal::Resync);
        tracing::info!(%exchange, "receiving live events");
        loop {
            tokio::select! {
                _ = cancel.cancelled() => {
                    let _ = channel.close(200, "shutting down".into()).await;
                    return Ok(());
                }
                delivery = deliveries.next() => match delivery {
                    Some(Ok(delivery)) => {
                        match TaskMessage::decode(&delivery.properties, &delivery.data) {
                            Ok(message) => {
                                if let Some(event) = message.args.into_iter().next() {
                                    metrics::counter!("live_events_received_total", "exchange" => exchange.to_string()).increment(1);
                                    self.deliver(LiveSignal::Event(Arc::new(LiveEvent::new(event))));
                                }
                            }
                            Err(e) => tracing::warn!(%exchange, error = %e, "unreadable live event dropped"),
                        }
                    }
                    Some(Err(e)) => return Err(e.to_string()),
                    None => return Err("the broker ended the delivery stream".into()),
                },
            }
        }
    }
}
