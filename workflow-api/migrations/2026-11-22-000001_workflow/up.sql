-- Roles cache, workflow designer, versions, ticket snapshots, tasks, round robin, audit.

-- Roles as the auth service knows them (role_id is auth's id), or created here by a tts:Admin
-- where there is no auth service.
CREATE TABLE roles (
    role_id BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    system TEXT NOT NULL,
    description TEXT,
    is_custom BOOLEAN NOT NULL DEFAULT false,
    source TEXT NOT NULL DEFAULT 'sync' CHECK (source IN ('sync', 'api')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Members are staff users of the auth service.
CREATE TABLE role_members (
    role_id BIGINT NOT NULL REFERENCES roles (role_id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL,
    user_email TEXT,
    user_full_name TEXT,
    is_active BOOLEAN NOT NULL DEFAULT true,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (role_id, user_id)
);
CREATE INDEX role_members_user ON role_members (user_id);

-- Per-role assignment counter: one atomic UPDATE … RETURNING hands out each value once.
CREATE TABLE round_robin (
    role_id BIGINT PRIMARY KEY,
    counter BIGINT NOT NULL DEFAULT 0
);

-- A workflow as its designer edits it (the draft). Publishing freezes a workflow_versions row.
CREATE TABLE workflows (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
    description TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL,
    category TEXT NOT NULL,
    sub_category TEXT,
    low_sla_seconds BIGINT NOT NULL,
    medium_sla_seconds BIGINT NOT NULL,
    high_sla_seconds BIGINT NOT NULL,
    urgent_sla_seconds BIGINT NOT NULL,
    -- draft: never published; active: newest version takes tickets; paused: takes none;
    -- archived: deleted after it ran, kept for its tasks and history.
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'paused', 'archived')),
    latest_version INTEGER,
    created_by BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Draft graph. Ids are kept across edits for steps and transitions whose client key stays.
CREATE TABLE steps (
    id BIGSERIAL PRIMARY KEY,
    workflow_id BIGINT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    position INTEGER NOT NULL,
    definition JSONB NOT NULL,
    UNIQUE (workflow_id, key)
);

CREATE TABLE transitions (
    id BIGSERIAL PRIMARY KEY,
    workflow_id BIGINT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    position INTEGER NOT NULL,
    definition JSONB NOT NULL,
    UNIQUE (workflow_id, key)
);

-- An immutable published version: the graph and SLAs tasks started on it keep using.
CREATE TABLE workflow_versions (
    workflow_id BIGINT NOT NULL REFERENCES workflows (id),
    version INTEGER NOT NULL,
    definition JSONB NOT NULL,
    department TEXT NOT NULL,
    category TEXT NOT NULL,
    sub_category TEXT,
    low_sla_seconds BIGINT NOT NULL,
    medium_sla_seconds BIGINT NOT NULL,
    high_sla_seconds BIGINT NOT NULL,
    urgent_sla_seconds BIGINT NOT NULL,
    published_by BIGINT NOT NULL,
    published_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (workflow_id, version)
);

-- The latest known state of each ticket, as the ticket service or a helpdesk sent it.
CREATE TABLE tickets (
    ticket_number TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    department TEXT,
    category TEXT,
    sub_category TEXT,
    priority TEXT NOT NULL,
    status TEXT NOT NULL,
    payload JSONB NOT NULL,
    -- The workflow it was allocated to; NULL while unmatched.
    workflow_id BIGINT REFERENCES workflows (id),
    received_count INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX tickets_unallocated ON tickets (created_at) WHERE workflow_id IS NULL;

-- One task per ticket, pinned to the workflow version it started on.
CREATE TABLE tasks (
    id BIGSERIAL PRIMARY KEY,
    ticket_number TEXT NOT NULL UNIQUE REFERENCES tickets (ticket_number),
    workflow_id BIGINT NOT NULL,
    version INTEGER NOT NULL,
    current_step TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'withdrawn')),
    priority TEXT NOT NULL,
    owner_id BIGINT,
    target_at TIMESTAMPTZ NOT NULL,
    in_progress_sent BOOLEAN NOT NULL DEFAULT false,
    resolved_sent BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at TIMESTAMPTZ,
    FOREIGN KEY (workflow_id, version) REFERENCES workflow_versions (workflow_id, version)
);

-- One assignment of one step of a task to one person.
CREATE TABLE task_items (
    id BIGSERIAL PRIMARY KEY,
    task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    step TEXT NOT NULL,
    role_id BIGINT NOT NULL,
    assignee_id BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'in_progress', 'resolved', 'escalated', 'reassigned', 'breached')),
    -- How it came to be: assignment, back_edge, escalation, transfer, take_over.
    origin TEXT NOT NULL,
    target_at TIMESTAMPTZ NOT NULL,
    assigned_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    first_action_at TIMESTAMPTZ,
    resolved_at TIMESTAMPTZ
);
CREATE INDEX task_items_task ON task_items (task_id, id);
CREATE INDEX task_items_assignee ON task_items (assignee_id, status);

CREATE TABLE task_item_history (
    id BIGSERIAL PRIMARY KEY,
    item_id BIGINT NOT NULL REFERENCES task_items (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    actor_id BIGINT,
    action TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX task_item_history_item ON task_item_history (item_id, id);

-- Who did what to what, when: every mutating call and every automatic assignment.
CREATE TABLE audit_events (
    id BIGSERIAL PRIMARY KEY,
    actor_id BIGINT,
    actor_type TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    before JSONB,
    after JSONB,
    request_id TEXT,
    at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_at ON audit_events (at DESC);
CREATE INDEX audit_events_target ON audit_events (target_type, target_id);
