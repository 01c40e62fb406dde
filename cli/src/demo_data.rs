//! The demo organisation: the roles and published workflows `tts demo` loads, and the kinds of
//! tickets `tts simulate` sends. They live together so that every simulated ticket matches a demo
//! workflow (the tests check it). The people (staff of each role, requesters, the people a demo
//! signs in as) are in [`tts_shared::demo`], shared with the workflow API's demo sign-in.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::{Value, json};
use tts_shared::auth::{SystemRole, UserType};

pub use tts_shared::demo::{ADMIN, DemoRole, EMPLOYEES, ROLES, all_staff};

/// A demo role as the workflow API holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRef {
    pub id: i64,
    pub name: String,
}

pub type RoleBook = HashMap<DemoRole, RoleRef>;

/// A person to print a ready-to-use token for.
#[derive(Debug, Clone)]
pub struct Login {
    /// The person's demo sign-in key: `admin`, `agent1`, …
    pub label: &'static str,
    pub user_id: i64,
    pub user_type: UserType,
    pub name: String,
    pub email: String,
    pub roles: Vec<SystemRole>,
}

/// The people of the workflow API's demo sign-in ([`tts_shared::demo::sign_in_people`]), with
/// the demo roles as the workflow API holds them.
pub fn logins(roles: &RoleBook) -> Vec<Login> {
    tts_shared::demo::sign_in_people()
        .into_iter()
        .map(|person| Login {
            label: person.key,
            user_id: person.user_id,
            user_type: person.user_type,
            roles: person.roles(|role| roles[&role].name.clone()),
            name: person.full_name,
            email: person.email,
        })
        .collect()
}

/// A workflow to create and publish: its details (the body of `POST /workflows/` without the
/// graph, also usable as `PATCH`) and its draft graph.
#[derive(Debug, Clone)]
pub struct DemoWorkflow {
    pub name: &'static str,
    pub details: Value,
    pub graph: Value,
}

pub const IT_SUPPORT: (&str, &str) = ("IT Department", "IT Support");
pub const ASSET_REQUEST: (&str, &str) = ("Asset Management", "Asset Request");
pub const BUDGET_REQUEST: (&str, &str) = ("Finance Department", "Budget Request");

/// Three workflows, each with a back-edge (work can go back to an earlier step), escalation
/// roles, per-priority SLAs and, for two of them, business hours in Manila.
pub fn workflows(roles: &RoleBook, today: NaiveDate) -> Vec<DemoWorkflow> {
    let id = |role: DemoRole| roles[&role].id;
    let holidays = philippine_holidays(today);
    vec![
        DemoWorkflow {
            name: "IT support",
            details: json!({
                "name": "IT support",
                "description": "Hardware, software, network and account problems: triage by the service desk, fixed by a specialist, verified with the requester.",
                "department": IT_SUPPORT.0,
                "category": IT_SUPPORT.1,
                "low_sla": "P3D", "medium_sla": "P1D", "high_sla": "PT8H", "urgent_sla": "PT4H",
                "calendar": manila_calendar(true, &holidays),
                "escalate_on_breach": true,
                "end_action": "none",
            }),
            graph: json!({
                "steps": [
                    {"key": "triage", "name": "Triage", "role_id": id(DemoRole::ServiceDesk),
                     "escalate_to_role_id": id(DemoRole::ServiceDeskManager), "weight": 1, "is_start": true,
                     "instruction": "Check the details and the priority; solve it at once if you can.",
                     "design": {"x": 80, "y": 120}},
                    {"key": "fix", "name": "Fix", "role_id": id(DemoRole::Specialist),
                     "escalate_to_role_id": id(DemoRole::ServiceDeskManager), "weight": 3,
                     "instruction": "Repair, reinstall or reconfigure; ask in the comments when something is unclear.",
                     "design": {"x": 320, "y": 120}},
                    {"key": "verify", "name": "Verify with requester", "role_id": id(DemoRole::ServiceDesk),
                     "weight": 1, "is_end": true,
                     "instruction": "Confirm with the requester that it works, then finalize.",
                     "design": {"x": 560, "y": 120}}
                ],
                "transitions": [
                    {"key": "to_specialist", "from": "triage", "to": "fix", "name": "Hand to specialist"},
                    {"key": "need_info", "from": "fix", "to": "triage", "name": "Need more information"},
                    {"key": "fixed", "from": "fix", "to": "verify", "name": "Fixed"},
                    {"key": "still_broken", "from": "verify", "to": "fix", "name": "Still broken"}
                ]
            }),
        },
        DemoWorkflow {
            name: "Asset request",
            details: json!({
                "name": "Asset request",
                "description": "New, replacement and returned equipment: checked against the asset register, approved, handed over.",
                "department": ASSET_REQUEST.0,
                "category": ASSET_REQUEST.1,
                "low_sla": "P7D", "medium_sla": "P3D", "high_sla": "P1D", "urgent_sla": "PT8H",
                "escalate_on_breach": false,
                "end_action": "none",
            }),
            graph: json!({
                "steps": [
                    {"key": "review", "name": "Review request", "role_id": id(DemoRole::AssetManager),
                     "escalate_to_role_id": id(DemoRole::ServiceDeskManager), "weight": 1, "is_start": true,
                     "instruction": "Check the request against the asset register and the requester's entitlement.",
                     "design": {"x": 80, "y": 120}},
                    {"key": "approve", "name": "Approval", "role_id": id(DemoRole::ServiceDeskManager),
                     "weight": 1,
                     "instruction": "Approve, or send it back with what is missing.",
                     "design": {"x": 320, "y": 120}},
                    {"key": "hand_over", "name": "Hand over", "role_id": id(DemoRole::AssetManager),
                     "escalate_to_role_id": id(DemoRole::ServiceDeskManager), "weight": 2, "is_end": true,
                     "instruction": "Prepare the asset, record it in the register and hand it over.",
                     "design": {"x": 560, "y": 120}}
                ],
                "transitions": [
                    {"key": "submit", "from": "review", "to": "approve", "name": "Submit for approval"},
                    {"key": "send_back", "from": "approve", "to": "review", "name": "Send back"},
                    {"key": "approve", "from": "approve", "to": "hand_over", "name": "Approve"}
                ]
            }),
        },
        DemoWorkflow {
            name: "Budget request",
            details: json!({
                "name": "Budget request",
                "description": "Training, equipment and travel budgets: reviewed by finance, approved by the finance manager, paid out.",
                "department": BUDGET_REQUEST.0,
                "category": BUDGET_REQUEST.1,
                "low_sla": "P10D", "medium_sla": "P5D", "high_sla": "P2D", "urgent_sla": "P1D",
                "calendar": manila_calendar(false, &holidays),
                "escalate_on_breach": true,
                "end_action": "none",
            }),
            graph: json!({
                "steps": [
                    {"key": "review", "name": "Finance review", "role_id": id(DemoRole::FinanceOfficer),
                     "escalate_to_role_id": id(DemoRole::FinanceManager), "weight": 2, "is_start": true,
                     "instruction": "Check the amount, the cost centre and the quotes.",
                     "design": {"x": 80, "y": 120}},
                    {"key": "approve", "name": "Budget approval", "role_id": id(DemoRole::FinanceManager),
                     "escalate_to_role_id": id(DemoRole::ServiceDeskManager), "weight": 1,
                     "instruction": "Approve, or return it for revision.",
                     "design": {"x": 320, "y": 120}},
                    {"key": "pay_out", "name": "Pay out", "role_id": id(DemoRole::FinanceOfficer),
                     "weight": 1, "is_end": true,
                     "instruction": "Release the funds and attach the reference.",
                     "design": {"x": 560, "y": 120}}
                ],
                "transitions": [
                    {"key": "submit", "from": "review", "to": "approve", "name": "Submit for approval"},
                    {"key": "revise", "from": "approve", "to": "review", "name": "Return for revision"},
                    {"key": "approve", "from": "approve", "to": "pay_out", "name": "Approve"}
                ]
            }),
        },
    ]
}

/// Office hours in Manila: 08:00–12:00 and 13:00–17:00 on weekdays, optionally Saturday
/// morning, minus `holidays`.
fn manila_calendar(saturday_morning: bool, holidays: &[String]) -> Value {
    let weekday = json!([
        {"start": "08:00:00", "end": "12:00:00"},
        {"start": "13:00:00", "end": "17:00:00"}
    ]);
    let saturday = if saturday_morning {
        json!([{"start": "08:00:00", "end": "12:00:00"}])
    } else {
        json!([])
    };
    json!({
        "time_zone": "Asia/Manila",
        "hours": [weekday, weekday, weekday, weekday, weekday, saturday, []],
        "holidays": holidays,
    })
}

/// The fixed-date regular holidays of the Philippines this year and next, as `yyyy-mm-dd`.
/// Holidays whose date moves (Holy Week, National Heroes Day) are left out: the demo only needs
/// SLA time to stop on some days, not a complete almanac.
pub fn philippine_holidays(today: NaiveDate) -> Vec<String> {
    use chrono::Datelike;
    const FIXED: [(u32, u32); 7] = [
        (1, 1),   // New Year's Day
        (4, 9),   // Araw ng Kagitingan
        (5, 1),   // Labour Day
        (6, 12),  // Independence Day
        (11, 30), // Bonifacio Day
        (12, 25), // Christmas Day
        (12, 30), // Rizal Day
    ];
    let mut dates = Vec::new();
    for year in [today.year(), today.year() + 1] {
        for (month, day) in FIXED {
            if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                dates.push(date.format("%Y-%m-%d").to_string());
            }
        }
    }
    dates
}

/// A kind of ticket the simulated helpdesk sends, routed to one of the demo workflows by its
/// department and category.
#[derive(Debug, Clone, Copy)]
pub struct TicketKind {
    pub department: &'static str,
    pub category: &'static str,
    pub sub_category: &'static str,
    pub subjects: &'static [&'static str],
}

pub const TICKET_KINDS: [TicketKind; 9] = [
    TicketKind {
        department: IT_SUPPORT.0,
        category: IT_SUPPORT.1,
        sub_category: "Hardware Troubleshooting",
        subjects: &[
            "Laptop will not boot",
            "Monitor flickers after the update",
            "Printer jams on every page",
            "Docking station not detected",
        ],
    },
    TicketKind {
        department: IT_SUPPORT.0,
        category: IT_SUPPORT.1,
        sub_category: "Software Installation",
        subjects: &[
            "Need the PDF editor installed",
            "Office activation failed",
            "Install the accounting client",
        ],
    },
    TicketKind {
        department: IT_SUPPORT.0,
        category: IT_SUPPORT.1,
        sub_category: "Network Access",
        subjects: &[
            "Cannot connect to the office Wi-Fi",
            "VPN drops every few minutes",
            "Shared drive not reachable",
        ],
    },
    TicketKind {
        department: IT_SUPPORT.0,
        category: IT_SUPPORT.1,
        sub_category: "Account Access",
        subjects: &[
            "Password reset",
            "Locked out of e-mail",
            "Add me to the team mailing list",
        ],
    },
    TicketKind {
        department: ASSET_REQUEST.0,
        category: ASSET_REQUEST.1,
        sub_category: "New Equipment",
        subjects: &[
            "Laptop for a new hire",
            "Second monitor",
            "Replacement headset",
        ],
    },
    TicketKind {
        department: ASSET_REQUEST.0,
        category: ASSET_REQUEST.1,
        sub_category: "Asset Return",
        subjects: &[
            "Return the laptop of a leaver",
            "Return a borrowed projector",
        ],
    },
    TicketKind {
        department: BUDGET_REQUEST.0,
        category: BUDGET_REQUEST.1,
        sub_category: "Training",
        subjects: &[
            "Cloud certification course",
            "Team workshop on customer care",
        ],
    },
    TicketKind {
        department: BUDGET_REQUEST.0,
        category: BUDGET_REQUEST.1,
        sub_category: "Equipment",
        subjects: &["Ergonomic chairs for the team", "Meeting room screen"],
    },
    TicketKind {
        department: BUDGET_REQUEST.0,
        category: BUDGET_REQUEST.1,
        sub_category: "Travel",
        subjects: &["Client visit to Cebu", "Trade fair in Davao"],
    },
];

/// Priorities with their relative frequency: most tickets are routine, a few are critical.
pub const PRIORITIES: [(&str, u64); 4] = [("Low", 3), ("Medium", 4), ("High", 2), ("Critical", 1)];

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> RoleBook {
        ROLES
            .iter()
            .map(|r| {
                (
                    *r,
                    RoleRef {
                        id: r.preferred_id(),
                        name: r.name("Ticket Coordinator"),
                    },
                )
            })
            .collect()
    }

    #[test]
    fn every_ticket_kind_goes_to_a_demo_workflow() {
        let workflows = workflows(&book(), NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        for kind in TICKET_KINDS {
            assert!(
                workflows
                    .iter()
                    .any(|w| w.details["department"] == kind.department
                        && w.details["category"] == kind.category),
                "{kind:?}"
            );
        }
        for w in &workflows {
            assert_eq!(w.details["name"], w.name);
            assert!(w.details["low_sla"].is_string() && w.details["urgent_sla"].is_string());
        }
    }

    #[test]
    fn every_workflow_has_a_back_edge_and_escalation() {
        for w in workflows(&book(), NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()) {
            let steps = w.graph["steps"].as_array().unwrap();
            let position = |key: &Value| steps.iter().position(|s| &s["key"] == key).unwrap();
            let back_edges = w.graph["transitions"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|t| position(&t["to"]) < position(&t["from"]))
                .count();
            assert!(back_edges >= 1, "{}", w.name);
            assert!(
                steps.iter().any(|s| s["escalate_to_role_id"].is_i64()),
                "{}",
                w.name
            );
        }
    }

    #[test]
    fn holidays_cover_this_year_and_next() {
        let days = philippine_holidays(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        assert!(days.contains(&"2026-12-30".to_string()));
        assert!(days.contains(&"2027-01-01".to_string()));
        assert_eq!(days.len(), 14);
    }
}
