//! Publishing with publisher confirms: a publish succeeds only when the broker has taken
//! responsibility for the message. Messages to a queue are `mandatory`, so one that no queue would
//! receive comes back as an error instead of vanishing.

use lapin::options::{BasicPublishOptions, ConfirmSelectOptions};
use lapin::{BasicProperties, Channel, Confirmation};
use tokio::sync::Mutex;

use super::broker::{Broker, BrokerError};
use super::celery::TaskMessage;

/// One message ready to go out.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub exchange: String,
    pub routing_key: String,
    pub properties: BasicProperties,
    pub body: Vec<u8>,
}

impl Outgoing {
    /// A Celery message to a queue through the default exchange.
    pub fn to_queue(queue: &str, message: &TaskMessage) -> Self {
        let (properties, body) = message.encode();
        Outgoing {
            exchange: String::new(),
            routing_key: queue.to_string(),
            properties,
            body,
        }
    }
}

/// A confirm-mode channel, opened on first use and reopened after the connection comes back.
pub struct Publisher {
    broker: Broker,
    channel: Mutex<Option<Channel>>,
}

impl std::fmt::Debug for Publisher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Publisher").finish_non_exhaustive()
    }
}

impl Publisher {
    pub fn new(broker: Broker) -> Self {
        Publisher {
            broker,
            channel: Mutex::new(None),
        }
    }

    async fn confirm_channel(&self) -> Result<Channel, BrokerError> {
        let mut slot = self.channel.lock().await;
        if let Some(channel) = slot.as_ref()
            && channel.status().connected()
        {
            return Ok(channel.clone());
        }
        let channel = self.broker.channel().await?;
        channel
            .confirm_select(ConfirmSelectOptions::default())
            .await?;
        *slot = Some(channel.clone());
        Ok(channel)
    }

    async fn forget_channel(&self) {
        *self.channel.lock().await = None;
    }

    pub async fn publish(&self, message: Outgoing) -> Result<(), BrokerError> {
        self.publish_all(std::slice::from_ref(&message)).await
    }

    /// Publishes every message, then waits for all confirms: `Ok` only if each was confirmed.
    pub async fn publish_all(&self, messages: &[Outgoing]) -> Result<(), BrokerError> {
        let result = self.publish_all_inner(messages).await;
        if result.is_err() {
            self.forget_channel().await;
        }
        result
    }

    async fn publish_all_inner(&self, messages: &[Outgoing]) -> Result<(), BrokerError> {
        let channel = self.confirm_channel().await?;
        let mut confirms = Vec::with_capacity(messages.len());
        for m in messages {
            // A task for a queue (directly or through a fanout exchange such as the ticket
            // status one) must reach it. A live event on an exchange that no instance is
            // listening to right now has nobody to tell, which is fine.
            let options = BasicPublishOptions {
                mandatory: !super::live::EXCHANGES.contains(&m.exchange.as_str()),
                ..BasicPublishOptions::default()
            };
            let confirm = channel
                .basic_publish(
                    m.exchange.as_str().into(),
                    m.routing_key.as_str().into(),
                    options,
                    &m.body,
                    m.properties.clone(),
                )
                .await?;
            confirms.push((m.routing_key.as_str(), confirm));
        }
        for (routing_key, confirm) in confirms {
            match confirm.await? {
                Confirmation::Ack(None) => {}
                Confirmation::Ack(Some(_)) => {
                    return Err(BrokerError::Refused(format!(
                        "no queue receives routing key {routing_key:?}"
                    )));
                }
                Confirmation::Nack(_) => {
                    return Err(BrokerError::Refused(format!(
                        "broker did not accept a message for {routing_key:?}"
                    )));
                }
                Confirmation::NotRequested => {
                    return Err(BrokerError::Refused(
                        "channel is not in confirm mode".into(),
                    ));
                }
            }
        }
        Ok(())
    }
}
