-- Who changed which ticket, when, and how: written in the transaction of the change itself.
CREATE TABLE audit_events (
    id BIGSERIAL PRIMARY KEY,
    -- `staff` or `employee` (a person; ids of the two are separate namespaces), `service` (an
    -- API key, named in actor_name) or `system` (a message, e.g. actor_name `workflow-engine`).
    actor_type TEXT NOT NULL CHECK (actor_type IN ('staff', 'employee', 'service', 'system')),
    actor_id BIGINT,
    actor_name TEXT NOT NULL DEFAULT '',
    -- ticket.created | ticket.updated | ticket.upserted | ticket.recorded
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    -- {"field": {"from": …, "to": …}} for every field the change set or changed.
    changes JSONB NOT NULL DEFAULT '{}',
    request_id TEXT,
    at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_target ON audit_events (target_type, target_id, id);
CREATE INDEX audit_events_actor ON audit_events (actor_type, actor_id, id);
CREATE INDEX audit_events_at ON audit_events (at);
