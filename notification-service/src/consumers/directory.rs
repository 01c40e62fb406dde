//! The user e-mail directory, kept by the auth service: `notifications.sync_user_email`,
//! `…bulk_sync_user_emails` and `…delete_user_email_cache`.

use diesel_async::AsyncPgConnection;
use futures_util::future::BoxFuture;
use tts_shared::amqp::{HandlerError, TaskHandler, TaskMessage};
use tts_shared::events::{BulkUserEmailSync, CeleryTask, DeleteUserEmail, UserEmailSync};

use crate::store;

pub struct DirectoryHandler;

async fn apply(conn: &mut AsyncPgConnection, u: &UserEmailSync) -> Result<(), HandlerError> {
    if !u.email.contains('@') {
        return Err(HandlerError::permanent(format!(
            "user {}: `{}` is not an e-mail address",
            u.user_id, u.email
        )));
    }
    store::upsert_user(
        conn,
        u.user_id,
        u.email.trim(),
        &u.first_name,
        &u.last_name,
        u.is_active,
    )
    .await?;
    Ok(())
}

impl TaskHandler for DirectoryHandler {
    fn handle<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<(), HandlerError>> {
        Box::pin(async move {
            match message.task.as_str() {
                UserEmailSync::NAME => {
                    let u =
                        UserEmailSync::from_message(message).map_err(HandlerError::permanent)?;
                    apply(conn, &u).await
                }
                BulkUserEmailSync::NAME => {
                    let bulk = BulkUserEmailSync::from_message(message)
                        .map_err(HandlerError::permanent)?;
                    for u in &bulk.users_data {
                        apply(conn, u).await?;
                    }
                    Ok(())
                }
                DeleteUserEmail::NAME => {
                    let d =
                        DeleteUserEmail::from_message(message).map_err(HandlerError::permanent)?;
                    store::delete_user(conn, d.user_id).await?;
                    Ok(())
                }
                other => Err(HandlerError::permanent(format!(
                    "not a directory task: {other}"
                ))),
            }
        })
    }
}
