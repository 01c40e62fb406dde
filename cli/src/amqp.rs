//! Publishing to the broker as the systems around TTS do: the auth service's e-mail directory
//! sync (`tts demo`) and the helpdesk's tickets (`tts simulate`). Every message is confirmed by
//! the broker before it counts as sent. The queues published to are declared with the same
//! topology the services declare, so publishing works before any service has started.

use std::time::Duration;

use anyhow::Context;
use tokio_util::sync::CancellationToken;
use tts_shared::amqp::{Broker, Outgoing, Publisher, TaskMessage};

pub struct Amqp {
    broker: Broker,
    publisher: Publisher,
    cancel: CancellationToken,
}

impl Amqp {
    /// Connects to `url` and declares `queues`; gives up after `within`.
    pub async fn connect(url: &str, queues: &[&str], within: Duration) -> anyhow::Result<Amqp> {
        let cancel = CancellationToken::new();
        let broker = Broker::start(
            url,
            "cli",
            queues.iter().map(|q| q.to_string()).collect(),
            Duration::from_secs(2),
            cancel.clone(),
        );
        if tokio::time::timeout(within, broker.connected())
            .await
            .is_err()
        {
            cancel.cancel();
            let reason = broker
                .health()
                .err()
                .unwrap_or_else(|| "not connected".into());
            anyhow::bail!(
                "cannot reach the broker within {} s (amqp_url, --amqp-url): {reason}",
                within.as_secs()
            );
        }
        Ok(Amqp {
            publisher: Publisher::new(broker.clone()),
            broker,
            cancel,
        })
    }

    /// Publishes one Celery message to `queue` and waits for the broker's confirmation.
    pub async fn publish(&self, queue: &str, message: &TaskMessage) -> anyhow::Result<()> {
        self.publisher
            .publish(Outgoing::to_queue(queue, message))
            .await
            .with_context(|| format!("publishing {} to {queue}", message.task))
    }

    /// Closes the connection cleanly, so the broker does not log it as lost.
    pub async fn close(self) {
        self.cancel.cancel();
        if let Some(connection) = self.broker.connection() {
            let _ = connection.close(200, "done".into()).await;
        }
    }
}
