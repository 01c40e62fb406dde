//! Diesel schema (see `migrations/`).

diesel::table! {
    user_directory (user_id) {
        user_id -> Int8,
        email -> Text,
        first_name -> Text,
        last_name -> Text,
        is_active -> Bool,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    notifications (id) {
        id -> Int8,
        user_id -> Int8,
        user_type -> Text,
        notification_type -> Text,
        subject -> Text,
        message -> Text,
        related_ticket_number -> Nullable<Text>,
        metadata -> Jsonb,
        is_read -> Bool,
        read_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    preferences (user_type, user_id, notification_type) {
        user_type -> Text,
        user_id -> Int8,
        notification_type -> Text,
        in_app -> Bool,
        email -> Bool,
    }
}

diesel::table! {
    email_log (id) {
        id -> Int8,
        message_id -> Text,
        user_id -> Int8,
        recipient -> Nullable<Text>,
        subject -> Text,
        notification_type -> Text,
        status -> Text,
        detail -> Text,
        at -> Timestamptz,
    }
}
