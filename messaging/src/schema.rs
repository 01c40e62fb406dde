//! Diesel schema (see `migrations/`).

diesel::table! {
    threads (ticket_number) {
        ticket_number -> Text,
        requester_id -> Nullable<Int8>,
        requester_type -> Nullable<Text>,
        last_seq -> Int8,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    comments (id) {
        id -> Int8,
        ticket_number -> Text,
        parent_id -> Nullable<Int8>,
        author_id -> Int8,
        author_type -> Text,
        author_name -> Text,
        author_role -> Text,
        body -> Text,
        visibility -> Text,
        mentions -> Array<Int8>,
        thumbs_up -> Int4,
        thumbs_down -> Int4,
        created_at -> Timestamptz,
        edited_at -> Nullable<Timestamptz>,
        deleted_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    ratings (comment_id, user_type, user_id) {
        comment_id -> Int8,
        user_type -> Text,
        user_id -> Int8,
        rating -> Text,
        rated_at -> Timestamptz,
    }
}

diesel::table! {
    comment_attachments (id) {
        id -> Int8,
        comment_id -> Int8,
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
    thread_events (ticket_number, seq) {
        ticket_number -> Text,
        seq -> Int8,
        visibility -> Text,
        event -> Jsonb,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    presence (ticket_number, instance_id, user_type, user_id) {
        ticket_number -> Text,
        instance_id -> Uuid,
        user_type -> Text,
        user_id -> Int8,
        name -> Text,
        sockets -> Int4,
        seen_at -> Timestamptz,
    }
}

diesel::joinable!(comments -> threads (ticket_number));
diesel::joinable!(comment_attachments -> comments (comment_id));
diesel::table! {
    audit_events (id) {
        id -> Int8,
        actor_type -> Text,
        actor_id -> Int8,
        actor_name -> Text,
        action -> Text,
        target_type -> Text,
        target_id -> Text,
        ticket_number -> Text,
        before -> Nullable<Jsonb>,
        after -> Nullable<Jsonb>,
        request_id -> Nullable<Text>,
        at -> Timestamptz,
    }
}

diesel::allow_tables_to_appear_in_same_query!(threads, comments, comment_attachments, ratings);
