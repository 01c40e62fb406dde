//! Diesel schema (see `migrations/`).

diesel::table! {
    roles (role_id) {
        role_id -> Int8,
        name -> Text,
        system -> Text,
        description -> Nullable<Text>,
        is_custom -> Bool,
        source -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    role_members (role_id, user_id) {
        role_id -> Int8,
        user_id -> Int8,
        user_email -> Nullable<Text>,
        user_full_name -> Nullable<Text>,
        is_active -> Bool,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    round_robin (role_id) {
        role_id -> Int8,
        counter -> Int8,
    }
}

diesel::table! {
    workflows (id) {
        id -> Int8,
        name -> Text,
        description -> Text,
        department -> Text,
        category -> Text,
        sub_category -> Nullable<Text>,
        low_sla_seconds -> Int8,
        medium_sla_seconds -> Int8,
        high_sla_seconds -> Int8,
        urgent_sla_seconds -> Int8,
        status -> Text,
        latest_version -> Nullable<Int4>,
        created_by -> Int8,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        calendar -> Nullable<Jsonb>,
        escalate_on_breach -> Bool,
        end_action -> Text,
        end_webhook_url -> Nullable<Text>,
        low_response_sla_seconds -> Nullable<Int8>,
        medium_response_sla_seconds -> Nullable<Int8>,
        high_response_sla_seconds -> Nullable<Int8>,
        urgent_response_sla_seconds -> Nullable<Int8>,
    }
}

diesel::table! {
    steps (id) {
        id -> Int8,
        workflow_id -> Int8,
        key -> Text,
        position -> Int4,
        definition -> Jsonb,
    }
}

diesel::table! {
    transitions (id) {
        id -> Int8,
        workflow_id -> Int8,
        key -> Text,
        position -> Int4,
        definition -> Jsonb,
    }
}

diesel::table! {
    workflow_versions (workflow_id, version) {
        workflow_id -> Int8,
        version -> Int4,
        definition -> Jsonb,
        department -> Text,
        category -> Text,
        sub_category -> Nullable<Text>,
        low_sla_seconds -> Int8,
        medium_sla_seconds -> Int8,
        high_sla_seconds -> Int8,
        urgent_sla_seconds -> Int8,
        published_by -> Int8,
        published_at -> Timestamptz,
        calendar -> Nullable<Jsonb>,
        escalate_on_breach -> Bool,
        end_action -> Text,
        end_webhook_url -> Nullable<Text>,
        low_response_sla_seconds -> Nullable<Int8>,
        medium_response_sla_seconds -> Nullable<Int8>,
        high_response_sla_seconds -> Nullable<Int8>,
        urgent_response_sla_seconds -> Nullable<Int8>,
    }
}

diesel::table! {
    tickets (ticket_number) {
        ticket_number -> Text,
        subject -> Text,
        department -> Nullable<Text>,
        category -> Nullable<Text>,
        sub_category -> Nullable<Text>,
        priority -> Text,
        status -> Text,
        payload -> Jsonb,
        workflow_id -> Nullable<Int8>,
        received_count -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    tasks (id) {
        id -> Int8,
        ticket_number -> Text,
        workflow_id -> Int8,
        version -> Int4,
        current_step -> Text,
        status -> Text,
        priority -> Text,
        owner_id -> Nullable<Int8>,
        target_at -> Timestamptz,
        in_progress_sent -> Bool,
        resolved_sent -> Bool,
        created_at -> Timestamptz,
        completed_at -> Nullable<Timestamptz>,
        allowance_seconds -> Int8,
        first_action_at -> Nullable<Timestamptz>,
        first_response_at -> Nullable<Timestamptz>,
        response_target_at -> Nullable<Timestamptz>,
        response_allowance_seconds -> Nullable<Int8>,
    }
}

diesel::table! {
    task_items (id) {
        id -> Int8,
        task_id -> Int8,
        step -> Text,
        role_id -> Int8,
        assignee_id -> Int8,
        status -> Text,
        origin -> Text,
        target_at -> Timestamptz,
        assigned_at -> Timestamptz,
        first_action_at -> Nullable<Timestamptz>,
        resolved_at -> Nullable<Timestamptz>,
        allowance_seconds -> Int8,
        /// Generated: `status IN ('new', 'in_progress', 'breached')`.
        is_open -> Bool,
    }
}

diesel::table! {
    task_item_history (id) {
        id -> Int8,
        item_id -> Int8,
        status -> Text,
        actor_id -> Nullable<Int8>,
        action -> Text,
        notes -> Text,
        at -> Timestamptz,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Int8,
        actor_id -> Nullable<Int8>,
        actor_type -> Text,
        action -> Text,
        target_type -> Text,
        target_id -> Text,
        before -> Nullable<Jsonb>,
        after -> Nullable<Jsonb>,
        request_id -> Nullable<Text>,
        at -> Timestamptz,
    }
}

diesel::allow_tables_to_appear_in_same_query!(workflows, workflow_versions);
diesel::joinable!(task_items -> tasks (task_id));
diesel::allow_tables_to_appear_in_same_query!(task_items, tasks);

diesel::table! {
    task_pauses (id) {
        id -> Int8,
        task_id -> Int8,
        status -> Text,
        started_at -> Timestamptz,
        ended_at -> Nullable<Timestamptz>,
        working_seconds -> Nullable<Int8>,
    }
}

diesel::table! {
    sla_events (item_id, kind, threshold) {
        item_id -> Int8,
        kind -> Text,
        threshold -> Int2,
        notified -> Bool,
        at -> Timestamptz,
    }
}

diesel::table! {
    end_logic_deliveries (id) {
        id -> Uuid,
        task_id -> Int8,
        kind -> Text,
        url -> Text,
        payload -> Jsonb,
        status -> Text,
        attempts -> Int4,
        last_error -> Nullable<Text>,
        last_status_code -> Nullable<Int4>,
        created_at -> Timestamptz,
        delivered_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    task_sla_events (task_id, target, kind, threshold) {
        task_id -> Int8,
        target -> Text,
        kind -> Text,
        threshold -> Int2,
        notified -> Bool,
        at -> Timestamptz,
    }
}
