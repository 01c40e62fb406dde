//! `role.tasks.sync_role` and `role.tasks.sync_user_system_role` from the auth service keep the
//! roles cache. Only roles of the configured system (`tts`) are kept; others are acknowledged and
//! ignored. A membership for a role not known yet is retried (the role sync may simply not have
//! arrived yet), never dropped: after the last try it waits in the dead-letter queue.

use diesel_async::AsyncPgConnection;
use futures_util::future::BoxFuture;
use serde_json::json;
use tts_shared::amqp::{HandlerError, TaskHandler, TaskMessage};
use tts_shared::events::{CeleryTask, RoleSync, SyncAction, UserSystemRoleSync};

use crate::store::audit::{self, Actor};
use crate::store::roles::{self, MemberFields, RoleFields};

pub struct RoleSyncHandler {
    pub system: String,
}

impl TaskHandler for RoleSyncHandler {
    fn handle<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<(), HandlerError>> {
        Box::pin(async move {
            let sync = RoleSync::from_message(message).map_err(HandlerError::permanent)?;
            if !sync.system.eq_ignore_ascii_case(&self.system) {
                tracing::debug!(system = %sync.system, "role of another system ignored");
                return Ok(());
            }
            let target = sync.role_id.to_string();
            match sync.action {
                SyncAction::Create | SyncAction::Update => {
                    let role = roles::upsert_role(
                        conn,
                        &RoleFields {
                            role_id: sync.role_id,
                            name: &sync.name,
                            system: &self.system,
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
            Ok(())
        })
    }
}

pub struct MemberSyncHandler {
    pub system: String,
}

impl TaskHandler for MemberSyncHandler {
    fn handle<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<(), HandlerError>> {
        Box::pin(async move {
            let sync =
                UserSystemRoleSync::from_message(message).map_err(HandlerError::permanent)?;
            if !sync.system.eq_ignore_ascii_case(&self.system) {
                return Ok(());
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
            Ok(())
        })
    }
}
