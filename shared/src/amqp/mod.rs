//! RabbitMQ: the supervised connection, topology, the Celery v2 codec, confirmed publishing,
//! the transactional outbox and the consumer runtime.

pub mod broker;
pub mod celery;
pub mod consumer;
pub mod outbox;
pub mod publisher;
pub mod topology;

pub use broker::{Broker, BrokerError};
pub use celery::{DecodeError, TaskMessage};
pub use consumer::{Consumer, ConsumerConfig, HandlerError, TaskHandler, handler_fn};
pub use outbox::{OutboxRelay, OutboxSignal, RelayConfig, enqueue};
pub use publisher::{Outgoing, Publisher};
