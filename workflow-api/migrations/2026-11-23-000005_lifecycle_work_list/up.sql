-- When someone first acted on the task (start, move, escalate, transfer, take over, finalize).
ALTER TABLE tasks ADD COLUMN first_action_at TIMESTAMPTZ;
UPDATE tasks t SET first_action_at = (
    SELECT min(i.first_action_at) FROM task_items i WHERE i.task_id = t.id
);

-- The work list is read by due time, open items first (`GET /tasks/mine/`, default
-- `sort=due`): a stored flag the index can order by, and the index in exactly that order, so a
-- person's first page is read from the index without sorting their whole history.
ALTER TABLE task_items ADD COLUMN is_open BOOLEAN
    GENERATED ALWAYS AS (status IN ('new', 'in_progress', 'breached')) STORED;
CREATE INDEX task_items_assignee_due ON task_items (assignee_id, is_open DESC, target_at, id);
