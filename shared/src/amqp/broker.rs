//! The broker connection: one per process, kept alive by a supervisor task.
//!
//! The supervisor connects with exponential backoff, declares the topology, publishes the live
//! connection to everyone holding a [`Broker`], and starts over when the connection breaks.
//! Publishers and consumers ask for a channel when they need one and wait for the next connection
//! when theirs dies; nothing in the process exits because the broker went away.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use lapin::{Channel, Connection, ConnectionProperties, Event};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use super::topology;

#[derive(Debug, thiserror::Error)]
pub enum BrokerError {
    #[error("broker unavailable: {0}")]
    Unavailable(String),
    #[error("broker refused: {0}")]
    Refused(String),
    #[error("shutting down")]
    ShuttingDown,
}

impl From<lapin::Error> for BrokerError {
    fn from(e: lapin::Error) -> Self {
        BrokerError::Unavailable(e.to_string())
    }
}

struct Inner {
    url: String,
    name: String,
    topology: topology::Topology,
    current: watch::Sender<Option<Arc<Connection>>>,
    last_error: Mutex<Option<String>>,
    max_backoff: Duration,
    cancel: CancellationToken,
}

/// Cheap-to-clone handle on the supervised connection.
#[derive(Clone)]
pub struct Broker {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Broker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Broker")
            .field("name", &self.inner.name)
            .field("connected", &self.connection().is_some())
            .finish()
    }
}

impl Broker {
    /// Starts the supervisor. `queues` are the work queues whose topology it declares on every
    /// (re)connection. Returns at once; see [`Broker::connected`] to wait for the first connection.
    pub fn start(
        url: &str,
        name: &str,
        queues: Vec<String>,
        max_backoff: Duration,
        cancel: CancellationToken,
    ) -> Broker {
        Self::start_with_topology(
            url,
            name,
            topology::Topology::work_queues(queues),
            max_backoff,
            cancel,
        )
    }

    /// [`Broker::start`] declaring a whole [`topology::Topology`] (work queues and fanouts).
    pub fn start_with_topology(
        url: &str,
        name: &str,
        topology: topology::Topology,
        max_backoff: Duration,
        cancel: CancellationToken,
    ) -> Broker {
        let (current, _) = watch::channel(None);
        let broker = Broker {
            inner: Arc::new(Inner {
                url: url.to_string(),
                name: name.to_string(),
                topology,
                current,
                last_error: Mutex::new(Some("not connected yet".into())),
                max_backoff,
                cancel,
            }),
        };
        tokio::spawn(broker.clone().supervise());
        broker
    }

    /// The live connection, if there is one right now.
    pub fn connection(&self) -> Option<Arc<Connection>> {
        self.inner
            .current
            .borrow()
            .clone()
            .filter(|c| c.status().connected())
    }

    /// Waits for a live connection; `None` when shutting down.
    pub async fn connected(&self) -> Option<Arc<Connection>> {
        let mut rx = self.inner.current.subscribe();
        loop {
            if let Some(conn) = self.connection() {
                return Some(conn);
            }
            tokio::select! {
                _ = self.inner.cancel.cancelled() => return None,
                changed = rx.changed() => if changed.is_err() { return None },
            }
        }
    }

    /// A new channel on the live connection, or an error at once when there is none.
    pub async fn channel(&self) -> Result<Channel, BrokerError> {
        let conn = self.connection().ok_or_else(|| {
            BrokerError::Unavailable(self.last_error().unwrap_or_else(|| "not connected".into()))
        })?;
        Ok(conn.create_channel().await?)
    }

    /// `Ok` when connected, else what went wrong last: for the readiness probe.
    pub fn health(&self) -> Result<(), String> {
        match self.connection() {
            Some(_) => Ok(()),
            None => Err(self.last_error().unwrap_or_else(|| "not connected".into())),
        }
    }

    fn last_error(&self) -> Option<String> {
        self.inner
            .last_error
            .lock()
            .map(|e| e.clone())
            .unwrap_or(None)
    }

    fn set_error(&self, error: Option<String>) {
        if let Ok(mut slot) = self.inner.last_error.lock() {
            *slot = error;
        }
    }

    async fn supervise(self) {
        let mut delay = Duration::from_millis(100);
        loop {
            if self.inner.cancel.is_cancelled() {
                break;
            }
            match self.connect_once().await {
                Ok(conn) => {
                    delay = Duration::from_millis(100);
                    self.set_error(None);
                    tracing::info!(broker = %self.inner.name, "connected to the broker");
                    let conn = Arc::new(conn);
                    self.inner.current.send_replace(Some(conn.clone()));
                    let reason = self.watch(&conn).await;
                    self.inner.current.send_replace(None);
                    if self.inner.cancel.is_cancelled() {
                        let _ = conn.close(200, "shutting down".into()).await;
                        break;
                    }
                    tracing::warn!(broker = %self.inner.name, %reason, "broker connection lost; reconnecting");
                    self.set_error(Some(format!("connection lost: {reason}")));
                    metrics::counter!("amqp_reconnects_total").increment(1);
                }
                Err(e) => {
                    tracing::warn!(broker = %self.inner.name, error = %e, retry_in_ms = delay.as_millis() as u64, "cannot connect to the broker");
                    self.set_error(Some(e.to_string()));
                    tokio::select! {
                        _ = self.inner.cancel.cancelled() => break,
                        _ = tokio::time::sleep(delay) => {}
                    }
                    delay = (delay * 2).min(self.inner.max_backoff);
                }
            }
        }
        self.inner.current.send_replace(None);
    }

    async fn connect_once(&self) -> Result<Connection, BrokerError> {
        let props = ConnectionProperties::default()
            .with_connection_name(format!("tts-{}", self.inner.name).into());
        // The declarations are under the deadline too: a broker that accepts the connection but
        // never answers a declaration must not hold the reconnect loop for ever.
        let attempt = async {
            let conn = Connection::connect(&self.inner.url, props).await?;
            topology::declare_topology(&conn, &self.inner.topology).await?;
            Ok::<_, BrokerError>(conn)
        };
        tokio::time::timeout(Duration::from_secs(10), attempt)
            .await
            .map_err(|_| BrokerError::Unavailable("connection attempt timed out".into()))?
    }

    /// Returns when the connection breaks or the process shuts down.
    async fn watch(&self, conn: &Connection) -> String {
        let mut events = conn.events_listener();
        let mut tick = tokio::time::interval(Duration::from_millis(250));
        loop {
            tokio::select! {
                _ = self.inner.cancel.cancelled() => return "shutdown".into(),
                event = events.next() => match event {
                    Some(Event::Error(e)) => return e.to_string(),
                    Some(_) => {}
                    None => return "event stream ended".into(),
                },
                _ = tick.tick() => if !conn.status().connected() {
                    return "connection closed".into();
                },
            }
        }
    }
}
