UPDATE task_items SET status = 'reassigned' WHERE status = 'withdrawn';
ALTER TABLE task_items DROP CONSTRAINT task_items_status_check;
ALTER TABLE task_items ADD CONSTRAINT task_items_status_check
    CHECK (status IN ('new', 'in_progress', 'resolved', 'escalated', 'reassigned', 'breached'));
