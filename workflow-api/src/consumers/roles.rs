//! `role.tasks.sync_role` and `role.tasks.sync_user_system_role` from the auth service keep the
//! roles cache. Roles of the systems in `role_systems` (default: `role_system` and the
//! coordinator's system, `tts` and `hdts`) are kept, and the coordinator role of
//! `coordinator_role_system` always; others are acknowledged and counted as `ignored`. The auth
//! service sends roles and members on two queues (`queue_role_sync`, `queue_member_sync`); both
//! are consumed and each accepts both tasks. A membership for a role not known yet is retried for
//! at least `role_sync_member_wait_ms` (its role sync may simply not have arrived yet), never
//! dropped: after that it waits in the dead-letter queue.

use diesel_async::AsyncPgConnection;
use futures_util::future::BoxFuture;
use serde_json::json;
use tts_shared::amqp::{Handled, HandlerError, TaskHandler, TaskMessage};
use tts_shared::events::{CeleryTask, RoleSync, SyncAction, UserSystemRoleSync};

use crate::store::audit::{self, Actor};
use crate::store::roles::{self, MemberFields, RoleFields};

/// Which role syncs the cache keeps.
#[derive(Debug, Clone)]
pub struct RoleSystems {
    /// Systems all of whose roles are kept (as configured; matched case-insensitively).
    pub systems: Vec<String>,
    /// The coordinator role and its system: kept whatever `systems` says.
    pub coordinator_role: String,
    pub coordinator_system: String,
}

impl RoleSystems {
    /// The configured spelling of `system` if a role `name` (when known) of it is kept.
    pub fn keeps(&self, system: &str, name: Option<&str>) -> Option<&str> {
        if let Some(kept) = self.systems.iter().find(|s| s.eq_ignore_ascii_case(system)) {
            return Some(kept);
        }
        (self.coordinator_system.eq_ignore_ascii_case(system)
            && name == Some(self.coordinator_role.as_str()))
        .then_some(self.coordinator_system.as_str())
    }
}

pub struct RoleSyncHandler {
    pub systems: RoleSystems,
}

impl TaskHandler for RoleSyncHandler {
    fn handle<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<(), HandlerError>> {
        Box::pin(async move { self.handle_outcome(conn, message).await.map(|_| ()) })
    }

    fn handle_outcome<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<Handled, HandlerError>> {
        Box::pin(async move {
            let sync = RoleSync::from_message(message).map_err(HandlerError::permanent)?;
            let Some(system) = self.systems.keeps(&sync.system, Some(&sync.name)) else {
                tracing::info!(system = %sync.system, role_id = sync.role_id, role = %sync.name,
                    "role sync ignored: its system is not in role_systems");
                return Ok(Handled::Ignored);
            };
            let target = sync.role_id.to_string();
            match sync.action {
                SyncAction::Create | SyncAction::Update => {
                    let role = roles::upsert_role(
                        conn,
                        &RoleFields {
                            role_id: sync.role_id,
                            name: &sync.name,
                            system,
                            description: sync.description.as_deref(),
                            is_custom: sync.is_custom.unwrap_or(false),
                            source: "sync",
                        },
                    )
                    .await?;
                    audit::record(
                        conn,
                        Actor::System("sync"),
                        "role.upserted",
                        ("role", &target),
                        None,
                        Some(json!(role)),
                    )
                    .await?;
                }
                SyncAction::Delete => {
                    roles::delete_role(conn, sync.role_id).await?;
                    audit::record(
                        conn,
                        Actor::System("sync"),
                        "role.deleted",
                        ("role", &target),
                        None,
                        None,
                    )
                    .await?;
                }
            }
            Ok(Handled::Applied)
        })
    }
}

pub struct MemberSyncHandler {
    pub systems: RoleSystems,
}

impl TaskHandler for MemberSyncHandler {
    fn handle<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<(), HandlerError>> {
        Box::pin(async move { self.handle_outcome(conn, message).await.map(|_| ()) })
    }

    fn handle_outcome<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<Handled, HandlerError>> {
        Box::pin(async move {
            let sync =
                UserSystemRoleSync::from_message(message).map_err(HandlerError::permanent)?;
            if self
                .systems
                .keeps(&sync.system, sync.role_name.as_deref())
                .is_none()
            {
                tracing::info!(system = %sync.system, role_id = sync.role_id, user_id = sync.user_id,
                    "member sync ignored: its system is not in role_systems");
                return Ok(Handled::Ignored);
            }
            let target = format!("{}:{}", sync.role_id, sync.user_id);
            match sync.action {
                SyncAction::Create | SyncAction::Update => {
                    if roles::find(conn, sync.role_id).await?.is_none() {
                        return Err(HandlerError::transient(format!(
                            "role {} is not known yet; its role sync has not arrived",
                            sync.role_id
                        )));
                    }
                    let member = roles::upsert_member(
                        conn,
                        &MemberFields {
                            role_id: sync.role_id,
                            user_id: sync.user_id,
                            user_email: sync.user_email.as_deref(),
                            user_full_name: sync.user_full_name.as_deref(),
                            is_active: sync.is_active,
                        },
                    )
                    .await?;
                    audit::record(
                        conn,
                        Actor::System("sync"),
                        "role_member.upserted",
                        ("role_member", &target),
                        None,
                        Some(json!(member)),
                    )
                    .await?;
                }
                SyncAction::Delete => {
                    roles::delete_member(conn, sync.role_id, sync.user_id).await?;
                    audit::record(
                        conn,
                        Actor::System("sync"),
                        "role_member.deleted",
                        ("role_member", &target),
                        None,
                        None,
                    )
                    .await?;
                }
            }
            Ok(Handled::Applied)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::RoleSystems;

    #[test]
    fn kept_systems_and_the_coordinator_role_of_its_system() {
        let systems = RoleSystems {
            systems: vec!["tts".into()],
            coordinator_role: "Ticket Coordinator".into(),
            coordinator_system: "hdts".into(),
        };
        assert_eq!(systems.keeps("TTS", Some("Admin")), Some("tts"));
        assert_eq!(systems.keeps("tts", None), Some("tts"));
        assert_eq!(
            systems.keeps("HDTS", Some("Ticket Coordinator")),
            Some("hdts")
        );
        assert_eq!(systems.keeps("hdts", Some("Employee")), None);
        assert_eq!(systems.keeps("hdts", None), None);
        assert_eq!(systems.keeps("ams", Some("Ticket Coordinator")), None);
    }
}
