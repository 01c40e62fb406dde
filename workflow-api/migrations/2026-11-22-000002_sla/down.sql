DROP TABLE sla_events;
DROP TABLE task_pauses;
ALTER TABLE task_items DROP COLUMN allowance_seconds;
ALTER TABLE tasks DROP COLUMN allowance_seconds;
ALTER TABLE workflow_versions DROP COLUMN escalate_on_breach;
ALTER TABLE workflow_versions DROP COLUMN calendar;
ALTER TABLE workflows DROP COLUMN escalate_on_breach;
ALTER TABLE workflows DROP COLUMN calendar;
