//! The demo organisation's people: the staff of each demo role, the requesters, and the few of
//! them a demo signs in as. `tts demo` loads these people into a running system, and the workflow
//! API's demo sign-in (development mode only) issues tokens for the same people, so whoever signs
//! in holds exactly the roles the demo gave them.
//!
//! Staff and employees are numbered separately, as the auth service numbers them: staff 1 is
//! the admin, employee 501 a requester.

use crate::auth::{SystemRole, UserType};

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

/// What a demo person holds when signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// `tts:Admin`.
    Admin,
    /// The role `tts:<name>` of a demo role.
    Member(DemoRole),
    /// `hdts:Employee`: a requester of the helpdesk.
    Requester,
}

/// A person a demo signs in as: `tts demo` prints a token for each, and the workflow API's demo
/// sign-in issues one by `key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPerson {
    /// Stable short name: `admin`, `coordinator`, `agent1`, `agent2`, `requester`.
    pub key: &'static str,
    /// What the person does in the demo, for people choosing whom to sign in as.
    pub title: String,
    pub user_id: i64,
    pub user_type: UserType,
    pub full_name: String,
    pub email: String,
    pub access: Access,
}

impl DemoPerson {
    /// The person's roles, as a token carries them. `role_name` names a demo role as the system
    /// holds it (the coordinator role's name is a setting; `tts demo` keeps a role it finds).
    pub fn roles(&self, role_name: impl Fn(DemoRole) -> String) -> Vec<SystemRole> {
        vec![match self.access {
            Access::Admin => SystemRole::new("tts", "Admin"),
            Access::Member(role) => SystemRole::new("tts", role_name(role)),
            Access::Requester => SystemRole::new("hdts", "Employee"),
        }]
    }
}

/// The admin, a coordinator, two agents (first and second line) and a requester: enough to
/// follow a ticket from submission through the IT support workflow to its resolution.
pub fn sign_in_people() -> Vec<DemoPerson> {
    let member = |key, role: DemoRole, title: &str| {
        let person = role.members()[0];
        DemoPerson {
            key,
            title: title.to_string(),
            user_id: person.user_id,
            user_type: UserType::Staff,
            full_name: person.full_name(),
            email: person.email(),
            access: Access::Member(role),
        }
    };
    let requester = EMPLOYEES[0];
    vec![
        DemoPerson {
            key: "admin",
            title: "Admin — designs workflows, manages roles".into(),
            user_id: ADMIN.user_id,
            user_type: UserType::Staff,
            full_name: ADMIN.full_name(),
            email: ADMIN.email(),
            access: Access::Admin,
        },
        member(
            "coordinator",
            DemoRole::Coordinator,
            "Ticket coordinator — owns tickets, sees every task and the analytics",
        ),
        member(
            "agent1",
            DemoRole::ServiceDesk,
            "Service desk agent — first line: triage and verification",
        ),
        member(
            "agent2",
            DemoRole::Specialist,
            "IT specialist — second line: hardware, software and network fixes",
        ),
        DemoPerson {
            key: "requester",
            title: format!(
                "Requester — raises tickets ({} department)",
                requester.department
            ),
            user_id: requester.user_id,
            user_type: UserType::Employee,
            full_name: requester.full_name(),
            email: requester.email(),
            access: Access::Requester,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn addresses_are_plain_lowercase() {
        assert_eq!(EMPLOYEES[0].email(), "juan.delacruz@example.com");
        assert_eq!(ADMIN.email(), "maria.santos@example.com");
        assert_eq!(EMPLOYEES[0].company_id(), "MA0501");
    }

    #[test]
    fn people_to_sign_in_as_are_loaded_demo_people_with_unique_keys() {
        let people = sign_in_people();
        let mut keys: Vec<&str> = people.iter().map(|p| p.key).collect();
        keys.dedup();
        assert_eq!(
            keys,
            ["admin", "coordinator", "agent1", "agent2", "requester"]
        );
        for person in &people {
            match person.access {
                Access::Admin => assert_eq!(person.user_id, ADMIN.user_id),
                Access::Member(role) => assert!(
                    role.members()
                        .iter()
                        .any(|m| m.user_id == person.user_id && m.is_active),
                    "{person:?} is an active member of {role:?}"
                ),
                Access::Requester => {
                    assert_eq!(person.user_type, UserType::Employee);
                    assert!(EMPLOYEES.iter().any(|e| e.user_id == person.user_id));
                }
            }
        }
        let coordinator = &people[1];
        assert_eq!(
            coordinator.roles(|r| r.name("Ticket Coordinator")),
            [SystemRole::new("tts", "Ticket Coordinator")]
        );
    }
}
