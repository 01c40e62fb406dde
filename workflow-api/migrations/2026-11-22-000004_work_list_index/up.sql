-- A person's work list is read newest first (`GET /tasks/mine/`). Without an index in that order
-- the planner walks the whole table backwards by id looking for the person's rows, which is slow
-- for anyone whose items are few and old.
CREATE INDEX task_items_assignee_newest ON task_items (assignee_id, id DESC);
-- It serves every filter the list has on top of the person, so the older index goes.
DROP INDEX task_items_assignee;
