-- Tables every service's database has: the transactional outbox and the consumer dedup record.

-- A message waiting to be published. Written in the same transaction as the state change it
-- announces; the relay publishes it with publisher confirms and then sets published_at.
CREATE TABLE outbox_messages (
    id BIGSERIAL PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,
    exchange TEXT NOT NULL DEFAULT '',
    routing_key TEXT NOT NULL,
    task TEXT NOT NULL,
    message JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX outbox_messages_pending ON outbox_messages (id) WHERE published_at IS NULL;
CREATE INDEX outbox_messages_published_at ON outbox_messages (published_at) WHERE published_at IS NOT NULL;

-- One row per message a consumer applied, written in the handler's transaction: a redelivered
-- message finds its row and is acknowledged without being applied again.
CREATE TABLE processed_messages (
    queue TEXT NOT NULL,
    message_id TEXT NOT NULL,
    task TEXT NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (queue, message_id)
);
CREATE INDEX processed_messages_processed_at ON processed_messages (processed_at);
