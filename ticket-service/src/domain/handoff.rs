//! What the workflow engine is told about a ticket: the `tickets.tasks.receive_ticket` payload
//! in the helpdesk's shape, and whether a change is worth telling.

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use tts_shared::events::{HANDED_OFF_BY, TICKET_SERVICE_ORIGIN};
use tts_shared::files::hex;

use super::ticket::Status;
use crate::store::attachments::AttachmentRow;
use crate::store::tickets::TicketRow;

/// Statuses in which the workflow engine should know the ticket: `Open`, `New` when configured
/// (default), and `Withdrawn`, so a task of a withdrawn ticket can be stopped.
pub fn eligible(status: Status, hand_off_new: bool) -> bool {
    match status {
        Status::Open | Status::Withdrawn => true,
        Status::New => hand_off_new,
        _ => false,
    }
}

/// The ticket in the helpdesk's shape (see `shared/tests/fixtures/celery/receive_ticket.json`).
/// Fields a helpdesk sent that TTS does not interpret are passed on unchanged.
pub fn payload(ticket: &TicketRow, attachments: &[AttachmentRow]) -> Value {
    let mut out: Map<String, Value> = match &ticket.helpdesk_extra {
        Value::Object(extra) => extra.clone(),
        _ => Map::new(),
    };
    let mut put = |k: &str, v: Value| {
        out.insert(k.to_string(), v);
    };
    put("ticket_number", ticket.ticket_number.clone().into());
    put("subject", ticket.subject.clone().into());
    put("description", ticket.description.clone().into());
    put("category", ticket.category.clone().into());
    put("sub_category", ticket.sub_category.clone().into());
    put("department", ticket.department.clone().into());
    put("priority", ticket.priority.clone().into());
    put("status", ticket.status.clone().into());
    put("submit_date", ticket.created_at.to_rfc3339().into());
    put("update_date", ticket.updated_at.to_rfc3339().into());
    put("dynamic_data", ticket.data.clone());
    put("requester_id", ticket.requester_id.into());
    put("requester_type", ticket.requester_type.clone().into());
    if ticket.requester_type.as_deref() == Some("employee") {
        let (first, last) = split_name(ticket.requester_name.as_deref().unwrap_or(""));
        let mut employee = match out.get("employee") {
            Some(Value::Object(e)) => e.clone(),
            _ => Map::new(),
        };
        employee.insert("first_name".into(), first.into());
        employee.insert("last_name".into(), last.into());
        employee.insert("email".into(), ticket.requester_email.clone().into());
        out.insert("employee_id".into(), ticket.requester_id.into());
        out.insert(
            "employee_email".into(),
            ticket.requester_email.clone().into(),
        );
        out.insert("employee".into(), Value::Object(employee));
    }
    let mut files: Vec<Value> = match out.get("attachments") {
        Some(Value::Array(from_helpdesk)) => from_helpdesk.clone(),
        _ => Vec::new(),
    };
    files.extend(attachments.iter().map(|a| {
        json!({
            "id": a.id,
            "file_name": a.file_name,
            "file_type": a.content_type,
            "file_size": a.size_bytes,
            "file_path": format!("/tickets/{}/attachments/{}", ticket.ticket_number, a.id),
            "sha256": a.sha256,
        })
    }));
    out.insert("attachments".into(), Value::Array(files));
    // Marks the hand-off as this service's, so the engine does not report it back as a ticket
    // it received from elsewhere (`tickets.tasks.record_ticket`).
    out.insert(HANDED_OFF_BY.into(), TICKET_SERVICE_ORIGIN.into());
    Value::Object(out)
}

/// Identifies the meaningful content of a payload: everything but the timestamps, so an update
/// that changes nothing a workflow looks at is not handed off again.
pub fn fingerprint(payload: &Value) -> String {
    let mut meaningful = payload.clone();
    if let Value::Object(map) = &mut meaningful {
        map.remove("update_date");
        map.remove("submit_date");
        // Constant, and added after fingerprints were first recorded: not content.
        map.remove(HANDED_OFF_BY);
    }
    let canonical = serde_json::to_vec(&sort_keys(&meaningful)).expect("JSON serialises");
    hex(&Sha256::digest(canonical))
}

/// Same keys in the same order whatever order they were inserted in.
fn sort_keys(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.clone(), sort_keys(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sort_keys).collect()),
        other => other.clone(),
    }
}

/// "Juan de la Cruz" → ("Juan", "de la Cruz").
fn split_name(name: &str) -> (String, String) {
    match name.trim().split_once(' ') {
        Some((first, last)) => (first.to_string(), last.trim().to_string()),
        None => (name.trim().to_string(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use tts_shared::events::HelpdeskTicket;

    fn ticket() -> TicketRow {
        TicketRow {
            id: 1,
            ticket_number: "TX20260101000001".into(),
            subject: "Printer jam".into(),
            description: "Tray 2".into(),
            category: Some("IT Support".into()),
            sub_category: None,
            department: Some("IT Department".into()),
            priority: "High".into(),
            status: "New".into(),
            requester_id: Some(14),
            requester_type: Some("employee".into()),
            requester_email: Some("juan@example.com".into()),
            requester_name: Some("Juan Reyes".into()),
            data: json!({"asset": "PR-7"}),
            source: "api".into(),
            helpdesk_extra: json!({"employee_company_id": "MA0014"}),
            handoff_fingerprint: None,
            handed_off_at: None,
            version: 1,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn payload_is_a_helpdesk_ticket() {
        let p = payload(&ticket(), &[]);
        let read: HelpdeskTicket = serde_json::from_value(p.clone()).unwrap();
        assert_eq!(read.number().as_deref(), Some("TX20260101000001"));
        assert_eq!(read.employee_id, Some(14));
        assert_eq!(
            read.employee.as_ref().unwrap().last_name.as_deref(),
            Some("Reyes")
        );
        assert_eq!(
            p["employee_company_id"], "MA0014",
            "helpdesk fields pass through"
        );
        assert_eq!(p["dynamic_data"]["asset"], "PR-7");
        assert!(
            read.from_ticket_service(),
            "the engine recognises its hand-offs"
        );
    }

    #[test]
    fn fingerprint_ignores_timestamps_but_not_content() {
        let a = ticket();
        let mut b = a.clone();
        b.updated_at = a.updated_at + chrono::Duration::hours(1);
        b.version = 2;
        assert_eq!(
            fingerprint(&payload(&a, &[])),
            fingerprint(&payload(&b, &[]))
        );
        b.priority = "Low".into();
        assert_ne!(
            fingerprint(&payload(&a, &[])),
            fingerprint(&payload(&b, &[]))
        );
    }

    #[test]
    fn eligibility_follows_the_status() {
        assert!(eligible(Status::Open, false));
        assert!(eligible(Status::New, true));
        assert!(!eligible(Status::New, false));
        assert!(!eligible(Status::InProgress, true));
        assert!(eligible(Status::Withdrawn, false));
    }
}
