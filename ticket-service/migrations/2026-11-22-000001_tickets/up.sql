-- Tickets submitted by people (POST /tickets/) and helpdesks (POST /tickets/send/).

-- The 6-digit part of generated ticket numbers. A sequence hands out values without holding a
-- lock for the rest of the transaction, so concurrent creates never wait on each other.
CREATE SEQUENCE ticket_number_seq MINVALUE 0 MAXVALUE 999999 START 0 CYCLE;

CREATE TABLE tickets (
    id BIGSERIAL PRIMARY KEY,
    ticket_number TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 255),
    description TEXT NOT NULL DEFAULT '',
    category TEXT,
    sub_category TEXT,
    department TEXT,
    priority TEXT NOT NULL CHECK (priority IN ('Low', 'Medium', 'High', 'Critical')),
    status TEXT NOT NULL CHECK (status IN ('New', 'Open', 'In Progress', 'On Hold', 'Pending',
                                           'Resolved', 'Rejected', 'Withdrawn', 'Closed')),
    -- Staff and employee ids are separate namespaces: the pair identifies the requester.
    requester_id BIGINT,
    requester_type TEXT CHECK (requester_type IN ('staff', 'employee')),
    requester_email TEXT,
    requester_name TEXT,
    data JSONB NOT NULL DEFAULT '{}',
    -- `api` or `helpdesk`; helpdesk tickets keep the fields TTS does not interpret, to pass them on.
    source TEXT NOT NULL CHECK (source IN ('api', 'helpdesk')),
    helpdesk_extra JSONB NOT NULL DEFAULT '{}',
    -- Fingerprint of what was last handed to the workflow engine: an update that changes nothing
    -- meaningful is not handed off again.
    handoff_fingerprint TEXT,
    handed_off_at TIMESTAMPTZ,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX tickets_requester ON tickets (requester_type, requester_id, id DESC);
CREATE INDEX tickets_status ON tickets (status, id DESC);

CREATE TABLE attachments (
    id BIGSERIAL PRIMARY KEY,
    ticket_id BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    -- The bytes live once per SHA-256 in the attachment directory.
    sha256 TEXT NOT NULL,
    uploaded_by_id BIGINT NOT NULL,
    uploaded_by_type TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX attachments_ticket ON attachments (ticket_id, id);

-- `Idempotency-Key` of POST /tickets/: a retried request gets the first response.
CREATE TABLE idempotency_keys (
    requester_type TEXT NOT NULL,
    requester_id BIGINT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response_status SMALLINT,
    response_body JSONB,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (requester_type, requester_id, key)
);
