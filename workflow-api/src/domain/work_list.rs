//! The work list: how an item's SLA state reads, in which orders the list comes, and its cursor.

use chrono::{DateTime, Utc};
use serde_json::Value;

/// Item statuses that can still act.
pub const OPEN: [&str; 3] = ["new", "in_progress", "breached"];

/// `ok`, `warned`, `breached` or `paused`, as a person reading the list needs it.
///
/// - `breached`: the item is marked breached, or (open) its target has passed, or (closed) it
///   closed after its target;
/// - `paused`: open, not breached, and the ticket waits (`On Hold` / `Pending`): the clock stands;
/// - `warned`: open and the SLA sweeper sent it a warning;
/// - `ok`: anything else.
pub fn sla_state(
    status: &str,
    target_at: DateTime<Utc>,
    resolved_at: Option<DateTime<Utc>>,
    warned: bool,
    paused: bool,
    now: DateTime<Utc>,
) -> &'static str {
    let open = OPEN.contains(&status);
    let breached = status == "breached"
        || if open {
            now >= target_at
        } else {
            resolved_at.is_some_and(|r| r > target_at)
        };
    if breached {
        "breached"
    } else if open && paused {
        "paused"
    } else if open && warned {
        "warned"
    } else {
        "ok"
    }
}

/// Orders of the work list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Open items first, each group by due time (earliest first), then item id.
    Due,
    /// Newest item first (by id).
    Newest,
}

impl Sort {
    pub fn parse(text: &str) -> Option<Sort> {
        match text {
            "due" => Some(Sort::Due),
            "newest" => Some(Sort::Newest),
            _ => None,
        }
    }
}

/// Where a page of the list sorted by due time ends: the last item's group, target and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueCursor {
    pub open: bool,
    pub target_at: DateTime<Utc>,
    pub id: i64,
}

impl DueCursor {
    /// `<o|c>.<target in unix microseconds>.<item id>`: opaque to clients, URL-safe.
    pub fn encode(&self) -> String {
        format!(
            "{}.{}.{}",
            if self.open { 'o' } else { 'c' },
            self.target_at.timestamp_micros(),
            self.id
        )
    }

    pub fn decode(text: &str) -> Option<DueCursor> {
        let mut parts = text.split('.');
        let open = match parts.next()? {
            "o" => true,
            "c" => false,
            _ => return None,
        };
        let target_at = DateTime::from_timestamp_micros(parts.next()?.parse().ok()?)?;
        let id = parts.next()?.parse().ok()?;
        if parts.next().is_some() {
            return None;
        }
        Some(DueCursor {
            open,
            target_at,
            id,
        })
    }
}

/// The requester's name from a ticket snapshot, whichever shape sent it: the ticket service's
/// `requester.name`, or the helpdesk's `employee` (first and last name) or `employee_name`.
pub fn requester_name(payload: &Value) -> Option<String> {
    let text = |v: &Value| {
        v.as_str()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    if let Some(name) = text(&payload["requester"]["name"]) {
        return Some(name);
    }
    let employee = &payload["employee"];
    let parts: Vec<String> = [&employee["first_name"], &employee["last_name"]]
        .into_iter()
        .filter_map(text)
        .collect();
    if !parts.is_empty() {
        return Some(parts.join(" "));
    }
    text(&payload["employee_name"]).or_else(|| text(&payload["requester_name"]))
}

#[cfg(test)]
mod tests {
    use chrono::Duration;
    use serde_json::json;

    use super::*;

    #[test]
    fn sla_state_reads_breach_before_pause_before_warning() {
        let now = Utc::now();
        let later = now + Duration::hours(1);
        let earlier = now - Duration::hours(1);
        assert_eq!(sla_state("new", later, None, false, false, now), "ok");
        assert_eq!(sla_state("new", later, None, true, false, now), "warned");
        assert_eq!(
            sla_state("in_progress", later, None, true, true, now),
            "paused"
        );
        assert_eq!(
            sla_state("new", earlier, None, false, true, now),
            "breached"
        );
        assert_eq!(
            sla_state("breached", later, None, false, false, now),
            "breached"
        );
        assert_eq!(
            sla_state("resolved", earlier, Some(now), true, false, now),
            "breached"
        );
        assert_eq!(
            sla_state("resolved", later, Some(now), true, true, now),
            "ok"
        );
    }

    #[test]
    fn the_due_cursor_round_trips_and_refuses_anything_else() {
        let c = DueCursor {
            open: true,
            target_at: DateTime::from_timestamp_micros(1_790_000_000_123_456).unwrap(),
            id: 42,
        };
        assert_eq!(DueCursor::decode(&c.encode()), Some(c));
        for bad in ["", "x.1.2", "o.1", "o.a.2", "o.1.2.3", "42"] {
            assert_eq!(DueCursor::decode(bad), None, "{bad}");
        }
        assert_eq!(Sort::parse("due"), Some(Sort::Due));
        assert_eq!(Sort::parse("priority"), None);
    }

    #[test]
    fn the_requester_is_named_from_either_ticket_shape() {
        assert_eq!(
            requester_name(&json!({"requester": {"name": "Ana Cruz"}})).as_deref(),
            Some("Ana Cruz")
        );
        assert_eq!(
            requester_name(&json!({"employee": {"first_name": "Juan", "last_name": "Reyes"}}))
                .as_deref(),
            Some("Juan Reyes")
        );
        assert_eq!(requester_name(&json!({"employee": null})), None);
    }
}
