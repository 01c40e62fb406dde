-- Who edited or deleted which comment, when, and what it said before: written in the
-- transaction of the change itself.
CREATE TABLE audit_events (
    id BIGSERIAL PRIMARY KEY,
    actor_type TEXT NOT NULL CHECK (actor_type IN ('staff', 'employee')),
    actor_id BIGINT NOT NULL,
    actor_name TEXT NOT NULL DEFAULT '',
    -- comment.edited | comment.deleted
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    ticket_number TEXT NOT NULL,
    -- {"body", "mentions"} before and after (after is NULL for a delete).
    before JSONB,
    after JSONB,
    request_id TEXT,
    at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_target ON audit_events (target_type, target_id, id);
CREATE INDEX audit_events_ticket ON audit_events (ticket_number, id);
CREATE INDEX audit_events_actor ON audit_events (actor_type, actor_id, id);
CREATE INDEX audit_events_at ON audit_events (at);
