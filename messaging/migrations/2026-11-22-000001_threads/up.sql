-- Comment threads, one per ticket number, with their event log for live clients.

CREATE TABLE threads (
    ticket_number TEXT PRIMARY KEY,
    -- The ticket's requester, as the ticket service reports it; NULL until learned.
    requester_id BIGINT,
    requester_type TEXT CHECK (requester_type IN ('staff', 'employee')),
    -- Sequence number of the latest event; taking the next one locks the row, so events of one
    -- ticket commit in sequence order.
    last_seq BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE comments (
    id BIGSERIAL PRIMARY KEY,
    ticket_number TEXT NOT NULL REFERENCES threads (ticket_number),
    -- Replies go one level deep: a parent never has a parent itself.
    parent_id BIGINT REFERENCES comments (id),
    author_id BIGINT NOT NULL,
    author_type TEXT NOT NULL CHECK (author_type IN ('staff', 'employee')),
    author_name TEXT NOT NULL DEFAULT '',
    author_role TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'internal')),
    -- Staff user ids mentioned in the body.
    mentions BIGINT[] NOT NULL DEFAULT '{}',
    thumbs_up INTEGER NOT NULL DEFAULT 0,
    thumbs_down INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    edited_at TIMESTAMPTZ,
    deleted_at TIMESTAMPTZ
);
CREATE INDEX comments_thread ON comments (ticket_number, id) WHERE parent_id IS NULL;
CREATE INDEX comments_replies ON comments (parent_id, id) WHERE parent_id IS NOT NULL;

CREATE TABLE ratings (
    comment_id BIGINT NOT NULL REFERENCES comments (id),
    user_type TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    rated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (comment_id, user_type, user_id)
);

CREATE TABLE comment_attachments (
    id BIGSERIAL PRIMARY KEY,
    comment_id BIGINT NOT NULL REFERENCES comments (id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    -- The bytes live once per digest in the file store.
    sha256 TEXT NOT NULL,
    uploaded_by_id BIGINT NOT NULL,
    uploaded_by_type TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX comment_attachments_comment ON comment_attachments (comment_id);

-- Every durable event of a thread, for clients resuming with ?after=<seq>.
CREATE TABLE thread_events (
    ticket_number TEXT NOT NULL REFERENCES threads (ticket_number),
    seq BIGINT NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'internal')),
    event JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (ticket_number, seq)
);

-- Who has a socket open on a thread, per instance; rows not refreshed for a while are stale.
CREATE TABLE presence (
    ticket_number TEXT NOT NULL,
    instance_id UUID NOT NULL,
    user_type TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    sockets INTEGER NOT NULL DEFAULT 1,
    seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (ticket_number, instance_id, user_type, user_id)
);
