//! Who may do what in the workflow API: `tts:Admin` designs and manages; the designer roles
//! (`designer_roles`, default the coordinator role) design too; coordinators also see
//! every task, analytics and assign waiting tickets; any staff user with a `tts` role reads.
//! Requesters (employees) and other systems' roles have no business here.
//!
//! Every role check of the service goes through this module, and every one requires staff: the
//! auth service numbers employees separately and an employee token carrying a `tts` role (by
//! mistake or by design elsewhere) must still be refused everywhere.

use axum::extract::{FromRequestParts, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tts_shared::Platform;
use tts_shared::auth::{AuthUser, UserType};
use tts_shared::http::ApiError;

use crate::WorkflowSettings;
use crate::error::WorkflowError;

pub const ADMIN: &str = "tts:Admin";

fn is_staff(user: &AuthUser) -> bool {
    user.user_type == UserType::Staff
}

/// Staff holding `tts:Admin`.
pub fn is_admin(user: &AuthUser) -> bool {
    is_staff(user) && user.is_tts_admin()
}

/// Staff holding the configured coordinator role, of `role_system`
/// (`<role_system>:<coordinator_role>`) or of `coordinator_role_system` (beside the original
/// auth service the coordinator role comes from the helpdesk system, `hdts`).
pub fn is_coordinator(settings: &WorkflowSettings, user: &AuthUser) -> bool {
    is_staff(user)
        && (user.has_role(&settings.role_system, &settings.coordinator_role)
            || user.has_role(
                &settings.coordinator_role_system,
                &settings.coordinator_role,
            ))
}

pub fn require_admin(user: &AuthUser) -> Result<(), WorkflowError> {
    if is_admin(user) {
        Ok(())
    } else {
        Err(WorkflowError::Forbidden(format!(
            "requires the role {ADMIN} (staff only)"
        )))
    }
}

/// The roles that may design, as `(system, role)`: the `designer_roles` setting (an entry
/// without a system names a role of `role_system`), or, when it is unset, the coordinator role as
/// [`is_coordinator`] knows it (of `role_system` and of `coordinator_role_system`).
pub fn designer_roles(settings: &WorkflowSettings) -> Vec<(String, String)> {
    match &settings.designer_roles {
        Some(roles) => roles
            .iter()
            .map(|r| match r.split_once(':') {
                Some((system, role)) => (system.trim().to_string(), role.trim().to_string()),
                None => (settings.role_system.clone(), r.trim().to_string()),
            })
            .collect(),
        None => {
            let mut roles = vec![(
                settings.role_system.clone(),
                settings.coordinator_role.clone(),
            )];
            if settings.coordinator_role_system != settings.role_system {
                roles.push((
                    settings.coordinator_role_system.clone(),
                    settings.coordinator_role.clone(),
                ));
            }
            roles
        }
    }
}

/// `tts:Admin` or staff holding one of the designer roles: creating, editing, validating,
/// publishing, pausing, resuming and deleting (archiving) workflows.
pub fn require_designer(settings: &WorkflowSettings, user: &AuthUser) -> Result<(), WorkflowError> {
    let roles = designer_roles(settings);
    if is_admin(user) || (is_staff(user) && roles.iter().any(|(s, r)| user.has_role(s, r))) {
        Ok(())
    } else {
        let names: Vec<String> = std::iter::once(ADMIN.to_string())
            .chain(roles.iter().map(|(s, r)| format!("{s}:{r}")))
            .collect();
        Err(WorkflowError::Forbidden(format!(
            "designing workflows requires one of the roles {} (staff only)",
            names.join(", ")
        )))
    }
}

/// `tts:Admin` or a coordinator: all tasks, analytics, assigning waiting tickets.
pub fn require_admin_or_coordinator(
    settings: &WorkflowSettings,
    user: &AuthUser,
) -> Result<(), WorkflowError> {
    if is_admin(user) || is_coordinator(settings, user) {
        Ok(())
    } else {
        Err(WorkflowError::Forbidden(format!(
            "requires the role {ADMIN}, {}:{} or {}:{} (staff only)",
            settings.role_system,
            settings.coordinator_role,
            settings.coordinator_role_system,
            settings.coordinator_role
        )))
    }
}

/// Staff with any `tts` role: agents, coordinators, admins.
pub fn require_agent(user: &AuthUser) -> Result<(), WorkflowError> {
    if is_staff(user) && user.has_system("tts") {
        Ok(())
    } else {
        Err(WorkflowError::Forbidden(
            "requires a tts role (staff only)".into(),
        ))
    }
}

/// Refuses every request whose token is an employee's (403) before any extractor reads its
/// path, query or body, so an employee learns nothing from any endpoint, not even how a valid
/// request looks. Requests with no token or a bad one go on, to be answered by their own
/// extractors (401), as do machine callers.
pub async fn refuse_employees(
    State(platform): State<Platform>,
    request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    if let Ok(user) = AuthUser::from_request_parts(&mut parts, &platform).await
        && user.user_type == UserType::Employee
    {
        return ApiError::forbidden("employees have no access to the workflow API").into_response();
    }
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use tts_shared::auth::SystemRole;

    use super::*;

    fn user(user_type: UserType, role: &str) -> AuthUser {
        AuthUser {
            user_id: 1,
            user_type,
            email: None,
            name: String::new(),
            roles: vec![role.parse::<SystemRole>().unwrap()],
        }
    }

    #[test]
    fn every_check_requires_staff() {
        let settings: WorkflowSettings = serde_json::from_value(serde_json::json!({})).unwrap();
        for role in ["tts:Admin", "tts:Ticket Coordinator", "tts:Agent"] {
            let employee = user(UserType::Employee, role);
            assert!(!is_admin(&employee) && !is_coordinator(&settings, &employee));
            assert!(require_admin(&employee).is_err(), "{role}");
            assert!(
                require_admin_or_coordinator(&settings, &employee).is_err(),
                "{role}"
            );
            assert!(require_agent(&employee).is_err(), "{role}");
            assert!(
                require_agent(&user(UserType::Staff, role)).is_ok(),
                "{role}"
            );
        }
        assert!(require_admin(&user(UserType::Staff, "tts:Admin")).is_ok());
        let coordinator = user(UserType::Staff, "tts:Ticket Coordinator");
        assert!(require_admin_or_coordinator(&settings, &coordinator).is_ok());
        assert!(require_admin(&coordinator).is_err());
        let agent = user(UserType::Staff, "tts:Agent");
        assert!(require_admin_or_coordinator(&settings, &agent).is_err());
    }

    #[test]
    fn the_coordinator_role_of_the_coordinator_role_system_counts_too() {
        let settings: WorkflowSettings = serde_json::from_value(serde_json::json!({})).unwrap();
        let hdts = user(UserType::Staff, "hdts:Ticket Coordinator");
        assert!(is_coordinator(&settings, &hdts));
        assert!(require_admin_or_coordinator(&settings, &hdts).is_ok());
        // Staff only, and only that role of that system.
        assert!(!is_coordinator(
            &settings,
            &user(UserType::Employee, "hdts:Ticket Coordinator")
        ));
        assert!(!is_coordinator(
            &settings,
            &user(UserType::Staff, "hdts:Agent")
        ));
        assert!(!is_coordinator(
            &settings,
            &user(UserType::Staff, "ams:Ticket Coordinator")
        ));
        let custom: WorkflowSettings =
            serde_json::from_value(serde_json::json!({"coordinator_role_system": "helpdesk"}))
                .unwrap();
        assert!(!is_coordinator(&custom, &hdts));
        assert!(is_coordinator(
            &custom,
            &user(UserType::Staff, "helpdesk:Ticket Coordinator")
        ));
        assert!(is_coordinator(
            &custom,
            &user(UserType::Staff, "tts:Ticket Coordinator")
        ));
    }

    #[test]
    fn designers_are_admins_and_the_designer_roles_and_staff_only() {
        let settings: WorkflowSettings = serde_json::from_value(serde_json::json!({})).unwrap();
        assert!(require_designer(&settings, &user(UserType::Staff, "tts:Admin")).is_ok());
        let coordinator = user(UserType::Staff, "tts:Ticket Coordinator");
        assert!(
            require_designer(&settings, &coordinator).is_ok(),
            "the default"
        );
        assert!(
            require_designer(&settings, &user(UserType::Staff, "hdts:Ticket Coordinator")).is_ok(),
            "the default follows the coordinator role of the helpdesk system too"
        );
        assert!(require_designer(&settings, &user(UserType::Staff, "tts:Agent")).is_err());
        assert!(
            require_designer(
                &settings,
                &user(UserType::Employee, "tts:Ticket Coordinator")
            )
            .is_err()
        );
        let custom: WorkflowSettings = serde_json::from_value(
            serde_json::json!({"designer_roles": ["Process Owner", "hdts:Admin"]}),
        )
        .unwrap();
        assert!(require_designer(&custom, &coordinator).is_err());
        assert!(require_designer(&custom, &user(UserType::Staff, "tts:Process Owner")).is_ok());
        assert!(require_designer(&custom, &user(UserType::Staff, "hdts:Admin")).is_ok());
        let refused = require_designer(&custom, &user(UserType::Staff, "tts:Agent")).unwrap_err();
        assert!(
            matches!(&refused, WorkflowError::Forbidden(m) if m.contains("tts:Process Owner")),
            "{refused:?}"
        );
    }
}
