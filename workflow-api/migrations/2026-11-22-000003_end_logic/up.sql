-- End logic: what a workflow tells another system when one of its tasks completes.

ALTER TABLE workflows ADD COLUMN end_action TEXT NOT NULL DEFAULT 'none'
    CHECK (end_action IN ('none', 'asset', 'budget', 'notification', 'webhook'));
ALTER TABLE workflows ADD COLUMN end_webhook_url TEXT;
ALTER TABLE workflow_versions ADD COLUMN end_action TEXT NOT NULL DEFAULT 'none';
ALTER TABLE workflow_versions ADD COLUMN end_webhook_url TEXT;

-- One callback of one completed task. The id travels in every attempt's headers, so the
-- receiver recognises a retry of a delivery it already handled.
CREATE TABLE end_logic_deliveries (
    id UUID PRIMARY KEY,
    task_id BIGINT NOT NULL REFERENCES tasks (id),
    kind TEXT NOT NULL,
    url TEXT NOT NULL,
    payload JSONB NOT NULL,
    -- pending: not yet delivered (first try or retrying); succeeded; failed: every try failed.
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_status_code INTEGER,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at TIMESTAMPTZ
);
CREATE INDEX end_logic_deliveries_status ON end_logic_deliveries (status, created_at);
