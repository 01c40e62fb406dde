//! The demo organisation: the people, roles and published workflows `tts demo` loads, and the
//! kinds of tickets `tts simulate` sends. They live together so that every simulated ticket
//! matches a demo workflow (the tests check it).
//!
//! Staff and employees are numbered separately, as the auth service numbers them: staff 1 is
//! the admin, employee 501 a requester.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::{Value, json};
use tts_shared::auth::{SystemRole, UserType};

/// A staff member (agent, coordinator, manager or admin).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Staff {
    pub user_id: i64,
    pub first_name: &'static str,
    pub last_name: &'static str,
    /// Inactive members stay in their role but are never assigned work.
    pub is_active: bool,
}

impl Staff {
    const fn active(user_id: i64, first_name: &'static str, last_name: &'static str) -> Staff {
        Staff {
            user_id,
            first_name,
            last_name,
            is_active: true,
        }
    }

    const fn inactive(user_id: i64, first_name: &'static str, last_name: &'static str) -> Staff {
        Staff {
            is_active: false,
            ..Staff::active(user_id, first_name, last_name)
        }
    }

    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    pub fn email(&self) -> String {
        email(self.first_name, self.last_name)
    }
}

fn email(first_name: &str, last_name: &str) -> String {
    format!("{first_name}.{last_name}@example.com")
        .to_lowercase()
        .replace(' ', "")
}

/// Holds `tts:Admin`: designs workflows and manages roles. Not a member of any role.
pub const ADMIN: Staff = Staff::active(1, "Maria", "Santos");

/// A requester. Employees raise tickets; they have no TTS role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Employee {
    pub user_id: i64,
    pub first_name: &'static str,
    pub last_name: &'static str,
    /// Where the employee works (not the department that handles the ticket).
    pub department: &'static str,
}

impl Employee {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    pub fn email(&self) -> String {
        email(self.first_name, self.last_name)
    }

    /// The helpdesk's employee number, e.g. `MA0501`.
    pub fn company_id(&self) -> String {
        format!("MA{:04}", self.user_id)
    }
}

pub const EMPLOYEES: [Employee; 8] = [
    Employee {
        user_id: 501,
        first_name: "Juan",
        last_name: "Dela Cruz",
        department: "Sales",
    },
    Employee {
        user_id: 502,
        first_name: "Andrea",
        last_name: "Lim",
        department: "Marketing",
    },
    Employee {
        user_id: 503,
        first_name: "Mark",
        last_name: "Gonzales",
        department: "Operations",
    },
    Employee {
        user_id: 504,
        first_name: "Bea",
        last_name: "Torres",
        department: "Human Resources",
    },
    Employee {
        user_id: 505,
        first_name: "Carlo",
        last_name: "Mercado",
        department: "Operations",
    },
    Employee {
        user_id: 506,
        first_name: "Nina",
        last_name: "Pascual",
        department: "Legal",
    },
    Employee {
        user_id: 507,
        first_name: "Paul",
        last_name: "Soriano",
        department: "Sales",
    },
    Employee {
        user_id: 508,
        first_name: "Kim",
        last_name: "Valdez",
        department: "Customer Care",
    },
];

/// The roles of the demo organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DemoRole {
    /// Owns tickets (the workflow API's `coordinator_role`).
    Coordinator,
    /// First line: triage and verification of IT tickets.
    ServiceDesk,
    /// Second line: fixes what the service desk cannot.
    Specialist,
    /// Where service desk and asset work escalates to; approves asset requests.
    ServiceDeskManager,
    AssetManager,
    FinanceOfficer,
    /// Approves budgets; where finance work escalates to.
    FinanceManager,
}

pub const ROLES: [DemoRole; 7] = [
    DemoRole::Coordinator,
    DemoRole::ServiceDesk,
    DemoRole::Specialist,
    DemoRole::ServiceDeskManager,
    DemoRole::AssetManager,
    DemoRole::FinanceOfficer,
    DemoRole::FinanceManager,
];

impl DemoRole {
    /// The id asked for when the role is created (the auth service would choose it); another
    /// free id is used when this one already belongs to a role of another name.
    pub fn preferred_id(self) -> i64 {
        match self {
            DemoRole::Coordinator => 101,
            DemoRole::ServiceDesk => 102,
            DemoRole::Specialist => 103,
            DemoRole::ServiceDeskManager => 104,
            DemoRole::AssetManager => 105,
            DemoRole::FinanceOfficer => 106,
            DemoRole::FinanceManager => 107,
        }
    }

    /// The coordinator role must carry the name the workflow API looks for.
    pub fn name(self, coordinator_role: &str) -> String {
        match self {
            DemoRole::Coordinator => coordinator_role,
            DemoRole::ServiceDesk => "Service Desk Agent",
            DemoRole::Specialist => "IT Specialist",
            DemoRole::ServiceDeskManager => "Service Desk Manager",
            DemoRole::AssetManager => "Asset Manager",
            DemoRole::FinanceOfficer => "Finance Officer",
            DemoRole::FinanceManager => "Finance Manager",
        }
        .to_string()
    }

    pub fn description(self) -> &'static str {
        match self {
            DemoRole::Coordinator => "Owns tickets from intake to resolution",
            DemoRole::ServiceDesk => "First line: triage and verification",
            DemoRole::Specialist => "Second line: hardware, software and network fixes",
            DemoRole::ServiceDeskManager => "Escalations of the service desk; asset approvals",
            DemoRole::AssetManager => "Laptops, monitors and other company assets",
            DemoRole::FinanceOfficer => "Reviews budget requests and pays them out",
            DemoRole::FinanceManager => "Approves budgets; escalations of finance",
        }
    }

    pub fn members(self) -> &'static [Staff] {
        match self {
            DemoRole::Coordinator => &COORDINATORS,
            DemoRole::ServiceDesk => &SERVICE_DESK,
            DemoRole::Specialist => &SPECIALISTS,
            DemoRole::ServiceDeskManager => &SERVICE_DESK_MANAGERS,
            DemoRole::AssetManager => &ASSET_MANAGERS,
            DemoRole::FinanceOfficer => &FINANCE_OFFICERS,
            DemoRole::FinanceManager => &FINANCE_MANAGERS,
        }
    }
}

const COORDINATORS: [Staff; 2] = [
    Staff::active(2, "Carla", "Reyes"),
    Staff::active(3, "Miguel", "Ramos"),
];
const SERVICE_DESK: [Staff; 4] = [
    Staff::active(11, "Ana", "Cruz"),
    Staff::active(12, "Ben", "Tan"),
    Staff::active(13, "Joy", "Dizon"),
    Staff::inactive(14, "Paolo", "Garcia"),
];
const SPECIALISTS: [Staff; 2] = [
    Staff::active(21, "Rico", "Navarro"),
    Staff::active(22, "Liza", "Mendoza"),
];
const SERVICE_DESK_MANAGERS: [Staff; 2] = [
    Staff::active(31, "Elena", "Flores"),
    Staff::active(32, "Dante", "Ocampo"),
];
const ASSET_MANAGERS: [Staff; 2] = [
    Staff::active(41, "Grace", "Villanueva"),
    Staff::active(42, "Noel", "Bautista"),
];
const FINANCE_OFFICERS: [Staff; 3] = [
    Staff::active(51, "Mara", "Aquino"),
    Staff::active(52, "Jun", "Castillo"),
    Staff::inactive(53, "Rosa", "Domingo"),
];
const FINANCE_MANAGERS: [Staff; 2] = [
    Staff::active(61, "Teresa", "Lopez"),
    Staff::active(62, "Ramon", "Salazar"),
];

/// Every staff member once: the admin and each role's members.
pub fn all_staff() -> Vec<Staff> {
    let mut staff = vec![ADMIN];
    for role in ROLES {
        for member in role.members() {
            if !staff.iter().any(|s| s.user_id == member.user_id) {
                staff.push(*member);
            }
        }
    }
    staff
}

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
    /// What the person is in the demo: `admin`, `agent`, …
    pub label: &'static str,
    pub user_id: i64,
    pub user_type: UserType,
    pub name: String,
    pub email: String,
    pub roles: Vec<SystemRole>,
}

/// The admin, a coordinator, two agents (first and second line) and a requester.
pub fn logins(roles: &RoleBook) -> Vec<Login> {
    let member = |label, role: DemoRole| {
        let person = role.members()[0];
        Login {
            label,
            user_id: person.user_id,
            user_type: UserType::Staff,
            name: person.full_name(),
            email: person.email(),
            roles: vec![SystemRole::new("tts", roles[&role].name.clone())],
        }
    };
    let requester = EMPLOYEES[0];
    vec![
        Login {
            label: "admin",
            user_id: ADMIN.user_id,
            user_type: UserType::Staff,
            name: ADMIN.full_name(),
            email: ADMIN.email(),
            roles: vec![SystemRole::new("tts", "Admin")],
        },
        member("coordinator", DemoRole::Coordinator),
        member("agent", DemoRole::ServiceDesk),
        member("agent", DemoRole::Specialist),
        Login {
            label: "requester",
            user_id: requester.user_id,
            user_type: UserType::Employee,
            name: requester.full_name(),
            email: requester.email(),
            roles: vec![SystemRole::new("hdts", "Employee")],
        },
    ]
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
    fn every_role_has_an_active_member_and_some_have_an_inactive_one() {
        for role in ROLES {
            assert!(role.members().iter().any(|m| m.is_active), "{role:?}");
        }
        assert!(all_staff().iter().any(|s| !s.is_active));
        let ids: Vec<i64> = all_staff().iter().map(|s| s.user_id).collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len());
    }

    #[test]
    fn holidays_cover_this_year_and_next() {
        let days = philippine_holidays(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        assert!(days.contains(&"2026-12-30".to_string()));
        assert!(days.contains(&"2027-01-01".to_string()));
        assert_eq!(days.len(), 14);
    }

    #[test]
    fn addresses_are_plain_lowercase() {
        assert_eq!(EMPLOYEES[0].email(), "juan.delacruz@example.com");
        assert_eq!(ADMIN.email(), "maria.santos@example.com");
        assert_eq!(EMPLOYEES[0].company_id(), "MA0501");
    }
}
