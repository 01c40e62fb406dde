//! Examples for the OpenAPI document, copied from what the service answered in a test run, so
//! a reader sees real bodies.

use serde_json::{Value, json};

pub fn notification() -> Value {
    json!({
        "id": 1,
        "user_id": 7,
        "user_type": "staff",
        "notification_type": "task_assignment",
        "subject": "New task: Laptop will not boot",
        "message": "You have been assigned ticket TX20251231962083 (Laptop will not boot) as Asset Manager.",
        "related_ticket_number": "TX20251231962083",
        "metadata": {"role_name": "Asset Manager"},
        "is_read": false,
        "read_at": null,
        "created_at": "2026-12-02T00:45:31.891231Z"
    })
}

pub fn notification_page() -> Value {
    json!({"items": [notification()], "next_cursor": "bjE"})
}

pub fn preference_list() -> Value {
    json!({"items": [
        {"notification_type": "task_assignment", "in_app": true, "email": false},
        {"notification_type": "task_transfer_in", "in_app": true, "email": true}
    ]})
}
