//! RabbitMQ: the supervised connection, topology, the Celery v2 codec, confirmed publishing,
//! the transactional outbox, the consumer runtime and live events for WebSocket clients.

pub mod broker;
pub mod celery;
pub mod consumer;
pub mod live;
pub mod outbox;
pub mod publisher;
pub mod topology;

pub use broker::{Broker, BrokerError};
pub use celery::{DecodeError, TaskMessage};
pub use consumer::{Consumer, ConsumerConfig, Handled, HandlerError, TaskHandler, handler_fn};
pub use live::{LiveBus, LiveSignal};
pub use outbox::{OutboxRelay, OutboxSignal, RelayConfig, enqueue, enqueue_to};
pub use publisher::{Outgoing, Publisher};
