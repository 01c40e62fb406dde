DROP INDEX task_items_assignee_due;
ALTER TABLE task_items DROP COLUMN is_open;
ALTER TABLE tasks DROP COLUMN first_action_at;
