//! Priorities, statuses, ticket numbers and input validation.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tts_shared::http::FieldError;
use utoipa::ToSchema;

/// Largest accepted `data` document, serialised.
pub const MAX_DATA_BYTES: usize = 64 * 1024;
pub const MAX_SUBJECT_CHARS: usize = 255;
pub const MAX_TEXT_CHARS: usize = 20_000;
pub const MAX_LABEL_CHARS: usize = 255;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum Priority {
    Low,
    Medium,
    High,
    Critical,
}

impl Priority {
    pub const ALL: [Priority; 4] = [
        Priority::Low,
        Priority::Medium,
        Priority::High,
        Priority::Critical,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "Low",
            Priority::Medium => "Medium",
            Priority::High => "High",
            Priority::Critical => "Critical",
        }
    }

    pub fn parse(text: &str) -> Option<Priority> {
        Self::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum Status {
    New,
    Open,
    #[serde(rename = "In Progress")]
    InProgress,
    #[serde(rename = "On Hold")]
    OnHold,
    Pending,
    Resolved,
    Rejected,
    Withdrawn,
    Closed,
}

/// What the status sync does with an incoming status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusSync {
    Apply,
    /// Same status, or older news: the ticket keeps its status.
    Ignore(&'static str),
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::New,
        Status::Open,
        Status::InProgress,
        Status::OnHold,
        Status::Pending,
        Status::Resolved,
        Status::Rejected,
        Status::Withdrawn,
        Status::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "New",
            Status::Open => "Open",
            Status::InProgress => "In Progress",
            Status::OnHold => "On Hold",
            Status::Pending => "Pending",
            Status::Resolved => "Resolved",
            Status::Rejected => "Rejected",
            Status::Withdrawn => "Withdrawn",
            Status::Closed => "Closed",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// How far along its life a ticket is: 0 new, 1 open, 2 being worked (In Progress, On Hold,
    /// Pending), 3 decided (Resolved, Rejected, Withdrawn), 4 closed.
    fn stage(self) -> u8 {
        match self {
            Status::New => 0,
            Status::Open => 1,
            Status::InProgress | Status::OnHold | Status::Pending => 2,
            Status::Resolved | Status::Rejected | Status::Withdrawn => 3,
            Status::Closed => 4,
        }
    }

    /// The status-sync rule: a status from the workflow engine is applied when it moves the
    /// ticket forward, or sideways among the working statuses (In Progress ↔ On Hold ↔ Pending).
    /// A repeated status, or one from an earlier stage (a late or redelivered message), is
    /// ignored, so a ticket never moves backwards. Re-opening a decided ticket is a person's act
    /// (PATCH by an admin), never a message's.
    pub fn sync(current: Status, incoming: Status) -> StatusSync {
        if current == incoming {
            StatusSync::Ignore("already in that status")
        } else if incoming.stage() > current.stage()
            || (incoming.stage() == 2 && current.stage() == 2)
        {
            StatusSync::Apply
        } else {
            StatusSync::Ignore("would move the ticket backwards")
        }
    }
}

/// `TX` + UTC `yyyymmdd` + 6 digits.
pub fn ticket_number(at: DateTime<Utc>, sequence: i64) -> String {
    format!(
        "TX{}{:06}",
        at.format("%Y%m%d"),
        sequence.rem_euclid(1_000_000)
    )
}

/// A helpdesk's own ticket number: 1–64 letters, digits, `-` or `_`.
pub fn valid_external_number(number: &str) -> bool {
    !number.is_empty()
        && number.len() <= 64
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Collects every problem with one request, so a client fixes them in one go.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_string(),
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A required subject: trimmed, 1–255 characters.
    pub fn subject(&mut self, subject: Option<&str>) -> String {
        match subject.map(str::trim) {
            None | Some("") => {
                self.add("subject", "is required");
                String::new()
            }
            Some(s) if s.chars().count() > MAX_SUBJECT_CHARS => {
                self.add(
                    "subject",
                    format!("must be at most {MAX_SUBJECT_CHARS} characters"),
                );
                String::new()
            }
            Some(s) => s.to_string(),
        }
    }

    pub fn text(&mut self, field: &str, value: Option<&str>, max: usize) {
        if let Some(v) = value
            && v.chars().count() > max
        {
            self.add(field, format!("must be at most {max} characters"));
        }
    }

    /// `data`: a JSON object of at most 64 KiB.
    pub fn data(&mut self, data: Option<&Value>) {
        match data {
            None | Some(Value::Object(_)) => {}
            Some(_) => self.add("data", "must be a JSON object"),
        }
        if let Some(d) = data {
            let size = serde_json::to_vec(d).map(|b| b.len()).unwrap_or(usize::MAX);
            if size > MAX_DATA_BYTES {
                self.add(
                    "data",
                    format!("is {size} bytes; at most {MAX_DATA_BYTES} bytes are accepted"),
                );
            }
        }
    }

    /// The `Idempotency-Key` header's raw bytes: visible ASCII, 1–255 characters.
    pub fn idempotency_key(&mut self, raw: Option<&[u8]>) -> Option<String> {
        let raw = raw?;
        let visible = raw.iter().all(|b| (0x20..0x7f).contains(b) || *b == b'\t');
        if !visible {
            self.add("Idempotency-Key", "must be visible ASCII");
            return None;
        }
        if raw.is_empty() || raw.len() > 255 {
            self.add("Idempotency-Key", "must be 1 to 255 characters");
            return None;
        }
        Some(String::from_utf8_lossy(raw).into_owned())
    }

    /// The `If-Match` header's raw bytes: the ticket's version, quoted (an ETag, weak or not)
    /// or bare.
    pub fn if_match(&mut self, raw: Option<&[u8]>) -> Option<i32> {
        let raw = raw?;
        let version = std::str::from_utf8(raw)
            .ok()
            .map(|s| s.trim().trim_start_matches("W/").trim_matches('"'))
            .and_then(|s| s.parse::<i32>().ok());
        if version.is_none() {
            self.add("If-Match", "must be the ticket's version, e.g. \"3\"");
        }
        version
    }

    pub fn into_result(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_headers_are_checked_beside_the_body() {
        let mut problems = Problems::default();
        assert_eq!(problems.idempotency_key(None), None);
        assert_eq!(
            problems.idempotency_key(Some(b"retry-1")).as_deref(),
            Some("retry-1")
        );
        assert_eq!(problems.if_match(Some(b"W/\"3\"")), Some(3));
        assert_eq!(problems.if_match(Some(b"4")), Some(4));
        assert!(problems.is_empty());
        problems.idempotency_key(Some(b""));
        problems.idempotency_key(Some("caf\u{e9}".as_bytes()));
        problems.if_match(Some(b"\"three\""));
        let fields: Vec<&str> = problems.0.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["Idempotency-Key", "Idempotency-Key", "If-Match"]);
    }

    #[test]
    fn ticket_numbers_are_tx_date_and_six_digits() {
        let at = DateTime::parse_from_rfc3339("2026-03-04T23:59:59Z")
            .unwrap()
            .to_utc();
        assert_eq!(ticket_number(at, 42), "TX20260304000042");
        assert_eq!(ticket_number(at, 1_000_007), "TX20260304000007");
    }

    #[test]
    fn status_sync_never_moves_backwards() {
        use Status::*;
        assert_eq!(Status::sync(Open, InProgress), StatusSync::Apply);
        assert_eq!(Status::sync(InProgress, Resolved), StatusSync::Apply);
        assert_eq!(Status::sync(InProgress, OnHold), StatusSync::Apply);
        assert_eq!(Status::sync(Pending, InProgress), StatusSync::Apply);
        assert_eq!(Status::sync(Resolved, Closed), StatusSync::Apply);
        assert!(matches!(
            Status::sync(Resolved, InProgress),
            StatusSync::Ignore(_)
        ));
        assert!(matches!(
            Status::sync(InProgress, Open),
            StatusSync::Ignore(_)
        ));
        assert!(matches!(
            Status::sync(Resolved, Resolved),
            StatusSync::Ignore(_)
        ));
        assert!(matches!(Status::sync(Closed, Open), StatusSync::Ignore(_)));
        assert!(matches!(
            Status::sync(Withdrawn, Resolved),
            StatusSync::Ignore(_)
        ));
    }

    #[test]
    fn every_status_round_trips_through_its_name() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        for p in Priority::ALL {
            assert_eq!(Priority::parse(p.as_str()), Some(p));
        }
        assert_eq!(Status::parse("in progress"), None);
    }

    #[test]
    fn problems_are_collected_together() {
        let mut p = Problems::default();
        p.subject(Some("   "));
        p.data(Some(&Value::String("x".repeat(MAX_DATA_BYTES))));
        let fields: Vec<_> = p.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["subject", "data", "data"]);
    }

    #[test]
    fn external_numbers_are_plain() {
        assert!(valid_external_number("TX20251231962083"));
        assert!(valid_external_number("HD-291"));
        assert!(!valid_external_number("../etc"));
        assert!(!valid_external_number(""));
    }
}
