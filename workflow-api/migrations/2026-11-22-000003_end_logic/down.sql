DROP TABLE end_logic_deliveries;
ALTER TABLE workflow_versions DROP COLUMN end_webhook_url;
ALTER TABLE workflow_versions DROP COLUMN end_action;
ALTER TABLE workflows DROP COLUMN end_webhook_url;
ALTER TABLE workflows DROP COLUMN end_action;
