-- First-response targets beside the resolution targets.

-- Optional per-priority first-response SLAs (seconds of the ISO-8601 duration as written; NULL:
-- no first-response target for that priority), frozen into each version like the others.
ALTER TABLE workflows ADD COLUMN low_response_sla_seconds BIGINT;
ALTER TABLE workflows ADD COLUMN medium_response_sla_seconds BIGINT;
ALTER TABLE workflows ADD COLUMN high_response_sla_seconds BIGINT;
ALTER TABLE workflows ADD COLUMN urgent_response_sla_seconds BIGINT;
ALTER TABLE workflow_versions ADD COLUMN low_response_sla_seconds BIGINT;
ALTER TABLE workflow_versions ADD COLUMN medium_response_sla_seconds BIGINT;
ALTER TABLE workflow_versions ADD COLUMN high_response_sla_seconds BIGINT;
ALTER TABLE workflow_versions ADD COLUMN urgent_response_sla_seconds BIGINT;

-- A task's first-response target (NULL: none) and the SLA it was computed from.
ALTER TABLE tasks ADD COLUMN response_target_at TIMESTAMPTZ;
ALTER TABLE tasks ADD COLUMN response_allowance_seconds BIGINT;

-- Each warning threshold and the breach of a task-level target, recorded once under the primary
-- key, like `sla_events` for items.
CREATE TABLE task_sla_events (
    task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    target TEXT NOT NULL CHECK (target IN ('response')),
    kind TEXT NOT NULL CHECK (kind IN ('warning', 'breach')),
    threshold SMALLINT NOT NULL,
    notified BOOLEAN NOT NULL DEFAULT true,
    at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (task_id, target, kind, threshold)
);

CREATE INDEX tasks_response_open ON tasks (response_target_at)
    WHERE first_response_at IS NULL AND response_target_at IS NOT NULL;
