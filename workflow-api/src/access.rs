//! Who may do what in the workflow API: `tts:Admin` designs and manages; any staff user with a
//! `tts` role reads. Requesters (employees) and other systems' roles have no business here.

use tts_shared::auth::{AuthUser, UserType};

use crate::error::WorkflowError;

pub const ADMIN: &str = "tts:Admin";

pub fn require_admin(user: &AuthUser) -> Result<(), WorkflowError> {
    if user.user_type == UserType::Staff && user.is_tts_admin() {
        Ok(())
    } else {
        Err(WorkflowError::Forbidden(format!(
            "requires the role {ADMIN}"
        )))
    }
}

/// Staff with any `tts` role: agents, coordinators, admins.
pub fn require_agent(user: &AuthUser) -> Result<(), WorkflowError> {
    if user.user_type == UserType::Staff && user.has_system("tts") {
        Ok(())
    } else {
        Err(WorkflowError::Forbidden(
            "requires a tts role (staff only)".into(),
        ))
    }
}
