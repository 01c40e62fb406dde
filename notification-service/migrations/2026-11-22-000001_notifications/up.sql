-- In-app notifications, the user e-mail directory, preferences and the e-mail log.

-- Staff users' e-mail addresses as the auth service syncs them.
CREATE TABLE user_directory (
    user_id BIGINT PRIMARY KEY,
    email TEXT NOT NULL,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    is_active BOOLEAN NOT NULL DEFAULT true,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE notifications (
    id BIGSERIAL PRIMARY KEY,
    -- Staff and employee ids are separate namespaces: the pair names the person.
    user_id BIGINT NOT NULL,
    user_type TEXT NOT NULL CHECK (user_type IN ('staff', 'employee')),
    notification_type TEXT NOT NULL,
    subject TEXT NOT NULL,
    message TEXT NOT NULL,
    related_ticket_number TEXT,
    metadata JSONB NOT NULL DEFAULT '{}',
    is_read BOOLEAN NOT NULL DEFAULT false,
    read_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user ON notifications (user_type, user_id, id DESC);
CREATE INDEX notifications_unread ON notifications (user_type, user_id) WHERE NOT is_read;

-- Per person and type: in-app and e-mail on or off. No row means both on.
CREATE TABLE preferences (
    user_type TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    notification_type TEXT NOT NULL,
    in_app BOOLEAN NOT NULL,
    email BOOLEAN NOT NULL,
    PRIMARY KEY (user_type, user_id, notification_type)
);

-- Every e-mail sent, or skipped with the reason.
CREATE TABLE email_log (
    id BIGSERIAL PRIMARY KEY,
    message_id TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    recipient TEXT,
    subject TEXT NOT NULL,
    notification_type TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sent', 'skipped')),
    detail TEXT NOT NULL DEFAULT '',
    at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX email_log_user ON email_log (user_id, id DESC);
