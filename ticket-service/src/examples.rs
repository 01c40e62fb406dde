//! Examples for the OpenAPI document, copied from what the service answered in a test run, so
//! a reader sees real bodies.

use serde_json::{Value, json};

pub fn new_ticket() -> Value {
    json!({
        "subject": "Laptop will not boot",
        "description": "Black screen after the BIOS logo since this morning.",
        "category": "IT Support",
        "sub_category": "Hardware Troubleshooting",
        "department": "IT Department",
        "priority": "High",
        "data": {"asset_tag": "LT-0451"}
    })
}

pub fn ticket_patch() -> Value {
    json!({"priority": "Critical", "description": "Black screen, and the fan does not spin."})
}

pub fn attachment() -> Value {
    json!({
        "id": 1,
        "file_name": "printer.log",
        "content_type": "text/plain",
        "size_bytes": 33,
        "sha256": "858f70069fffb2364fa89a83e5c863c2960fd3c5b51433d83c2a9aa0707b47b2",
        "created_at": "2026-12-02T00:51:19.086447Z",
        "url": "/tickets/TX20261202000000/attachments/1"
    })
}

pub fn ticket() -> Value {
    json!({
        "ticket_number": "TX20261202000000",
        "subject": "Laptop will not boot",
        "description": "Black screen, and the fan does not spin.",
        "category": "IT Support",
        "sub_category": "Hardware Troubleshooting",
        "department": "IT Department",
        "priority": "Critical",
        "status": "New",
        "requester": {"user_id": 14, "user_type": "employee", "email": null, "name": null},
        "data": {"asset_tag": "LT-0451"},
        "source": "api",
        "version": 2,
        "created_at": "2026-12-02T00:51:18.757Z",
        "updated_at": "2026-12-02T00:51:18.970905Z",
        "attachments": []
    })
}

pub fn ticket_page() -> Value {
    json!({"items": [{
        "ticket_number": "TX20261202000000",
        "subject": "Laptop will not boot",
        "description": "Black screen after the BIOS logo since this morning.",
        "category": "IT Support",
        "sub_category": "Hardware Troubleshooting",
        "department": "IT Department",
        "priority": "High",
        "status": "New",
        "requester": {"user_id": 14, "user_type": "employee", "email": null, "name": null},
        "data": {"asset_tag": "LT-0451"},
        "source": "api",
        "version": 1,
        "created_at": "2026-12-02T00:51:18.757Z",
        "updated_at": "2026-12-02T00:51:18.757Z"
    }], "next_cursor": "dDE"})
}

pub fn helpdesk_ticket() -> Value {
    json!({
        "ticket_number": "TX20251231962083", "subject": "Laptop will not boot",
        "category": "IT Support", "sub_category": "Hardware Troubleshooting",
        "description": "Black screen after BIOS logo", "priority": "High",
        "department": "IT Department", "status": "Open", "employee_id": 14,
        "employee_email": "juan@example.com",
        "employee": {"first_name": "Juan", "last_name": "Reyes", "email": "juan@example.com"},
        "attachments": [], "dynamic_data": null
    })
}

pub fn send_result() -> Value {
    json!({
        "ticket": {
            "ticket_number": "TX20251231962083",
            "subject": "Laptop will not boot",
            "description": "Black screen after BIOS logo",
            "category": "IT Support",
            "sub_category": "Hardware Troubleshooting",
            "department": "IT Department",
            "priority": "High",
            "status": "Open",
            "requester": {"user_id": 14, "user_type": "employee", "email": "juan@example.com", "name": "Juan Reyes"},
            "data": {},
            "source": "helpdesk",
            "version": 1,
            "created_at": "2026-12-02T00:51:19.140194Z",
            "updated_at": "2026-12-02T00:51:19.140194Z",
            "attachments": []
        },
        "created": true,
        "handed_off": true
    })
}

pub fn audit_page() -> Value {
    json!({
        "items": [{
            "id": 2,
            "actor_type": "staff",
            "actor_id": 3,
            "actor_name": "",
            "action": "ticket.updated",
            "target_type": "ticket",
            "target_id": "TX20261202000000",
            "changes": {
                "description": {
                    "from": "Black screen after the BIOS logo since this morning.",
                    "to": "Black screen, and the fan does not spin."
                },
                "priority": {"from": "High", "to": "Critical"}
            },
            "request_id": "01a2343c-0735-718a-b40f-02a921e3eeea",
            "at": "2026-12-02T00:51:18.970905Z"
        }],
        "next_cursor": "YTI"
    })
}
