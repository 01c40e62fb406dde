DROP INDEX task_items_assignee_newest;
CREATE INDEX task_items_assignee ON task_items (assignee_id, status);
