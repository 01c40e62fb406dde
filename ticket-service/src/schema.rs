//! Diesel schema (see `migrations/`).

diesel::table! {
    tickets (id) {
        id -> Int8,
        ticket_number -> Text,
        subject -> Text,
        description -> Text,
        category -> Nullable<Text>,
        sub_category -> Nullable<Text>,
        department -> Nullable<Text>,
        priority -> Text,
        status -> Text,
        requester_id -> Nullable<Int8>,
        requester_type -> Nullable<Text>,
        requester_email -> Nullable<Text>,
        requester_name -> Nullable<Text>,
        data -> Jsonb,
        source -> Text,
        helpdesk_extra -> Jsonb,
        handoff_fingerprint -> Nullable<Text>,
        handed_off_at -> Nullable<Timestamptz>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    attachments (id) {
        id -> Int8,
        ticket_id -> Int8,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> Int8,
        sha256 -> Text,
        uploaded_by_id -> Int8,
        uploaded_by_type -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    idempotency_keys (requester_type, requester_id, key) {
        requester_type -> Text,
        requester_id -> Int8,
        key -> Text,
        request_hash -> Text,
        response_status -> Nullable<Int2>,
        response_body -> Nullable<Jsonb>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Int8,
        actor_type -> Text,
        actor_id -> Nullable<Int8>,
        actor_name -> Text,
        action -> Text,
        target_type -> Text,
        target_id -> Text,
        changes -> Jsonb,
        request_id -> Nullable<Text>,
        at -> Timestamptz,
    }
}
