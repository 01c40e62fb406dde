//! Diesel schema of the platform tables (see `migrations/00000000000001_platform`).

diesel::table! {
    outbox_messages (id) {
        id -> Int8,
        message_id -> Text,
        exchange -> Text,
        routing_key -> Text,
        task -> Text,
        message -> Jsonb,
        created_at -> Timestamptz,
        published_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    processed_messages (queue, message_id) {
        queue -> Text,
        message_id -> Text,
        task -> Text,
        processed_at -> Timestamptz,
    }
}
