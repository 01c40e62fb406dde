-- A withdrawn ticket's open items close as `withdrawn` (the requester withdrew the ticket).
ALTER TABLE task_items DROP CONSTRAINT task_items_status_check;
ALTER TABLE task_items ADD CONSTRAINT task_items_status_check
    CHECK (status IN ('new', 'in_progress', 'resolved', 'escalated', 'reassigned', 'breached', 'withdrawn'));
