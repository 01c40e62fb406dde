-- SLA engine: business-hours calendars, pauses, and warnings/breaches recorded once each.

-- Optional business hours (JSON calendar) and auto-escalation on breach, per workflow; frozen
-- into each version like the graph.
ALTER TABLE workflows ADD COLUMN calendar JSONB;
ALTER TABLE workflows ADD COLUMN escalate_on_breach BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE workflow_versions ADD COLUMN calendar JSONB;
ALTER TABLE workflow_versions ADD COLUMN escalate_on_breach BOOLEAN NOT NULL DEFAULT false;

-- Working time granted, kept so targets can be recomputed.
ALTER TABLE tasks ADD COLUMN allowance_seconds BIGINT NOT NULL DEFAULT 0;
ALTER TABLE task_items ADD COLUMN allowance_seconds BIGINT NOT NULL DEFAULT 0;

-- While a ticket is On Hold or Pending its task's SLA clock stops; the history is kept.
CREATE TABLE task_pauses (
    id BIGSERIAL PRIMARY KEY,
    task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    ended_at TIMESTAMPTZ,
    -- Working time the pause lasted, added to the targets when it ended.
    working_seconds BIGINT
);
CREATE UNIQUE INDEX task_pauses_open ON task_pauses (task_id) WHERE ended_at IS NULL;

-- Each warning threshold and the breach of an item, recorded once: the primary key makes a second
-- sweeper (or a restarted one) unable to send it again.
CREATE TABLE sla_events (
    item_id BIGINT NOT NULL REFERENCES task_items (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('warning', 'breach')),
    threshold SMALLINT NOT NULL,
    -- false for lower thresholds passed in the same sweep as a higher one (recorded, not sent).
    notified BOOLEAN NOT NULL DEFAULT true,
    at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (item_id, kind, threshold)
);
