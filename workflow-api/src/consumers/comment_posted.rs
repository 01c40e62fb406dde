//! `workflow.tasks.comment_posted` from messaging: a comment was committed on a ticket's thread.
//!
//! - The requester's reply while the ticket is `Pending` (waiting for them) ends the wait, as in
//!   Zendesk and Jira Service Management: the SLA clock runs again, the open targets move by the
//!   paused working time, `In Progress` goes to the ticket service, and each open item of the
//!   current step gets a `requester_replied` history entry. `On Hold` (waiting on someone other
//!   than the requester) is not ended by the requester's reply; staff comments never end a wait.
//! - The first public comment by staff is the ticket's first response: `first_response_at` of
//!   its task is set to `posted_at` once and never moved. Internal notes do not count.
//!
//! A comment on a ticket without a task (yet) is acknowledged and changes nothing.

use diesel_async::AsyncPgConnection;
use futures_util::future::BoxFuture;
use serde_json::json;
use tts_shared::amqp::{HandlerError, TaskHandler, TaskMessage};
use tts_shared::events::{CeleryTask, CommentPosted};

use crate::AppState;
use crate::error::WorkflowError;
use crate::store::audit::{self, Actor};
use crate::store::tasks::{self, is_open};

pub struct CommentPostedHandler {
    pub state: AppState,
}

impl TaskHandler for CommentPostedHandler {
    fn handle<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        message: &'a TaskMessage,
    ) -> BoxFuture<'a, Result<(), HandlerError>> {
        Box::pin(async move {
            let comment = CommentPosted::from_message(message).map_err(HandlerError::permanent)?;
            match handle(&self.state, conn, &comment).await {
                Ok(()) => Ok(()),
                Err(WorkflowError::Db(e)) => Err(HandlerError::transient(e)),
                Err(e) => Err(HandlerError::permanent(e)),
            }
        })
    }
}

/// What a posted comment does to its ticket's task (in the consumer's transaction).
pub async fn handle(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    comment: &CommentPosted,
) -> Result<(), WorkflowError> {
    let Some(found) = tasks::find_by_ticket(conn, &comment.ticket_number).await? else {
        tracing::debug!(ticket = %comment.ticket_number, "comment on a ticket without a task");
        return Ok(());
    };
    let Some(task) = tasks::lock(conn, found.id).await? else {
        return Ok(());
    };
    let staff = comment.author_type == "staff";
    if comment.by_requester
        && !staff
        && task.status == "active"
        && tasks::open_pause(conn, task.id).await?.as_deref() == Some("Pending")
    {
        let items: Vec<_> = tasks::items(conn, task.id)
            .await?
            .into_iter()
            .filter(|i| i.step == task.current_step && is_open(&i.status))
            .collect();
        let ended = crate::tasks::end_wait(
            state,
            conn,
            &task,
            &items,
            None,
            "requester_replied",
            "the requester replied",
            true,
        )
        .await?;
        audit::record(
            conn,
            Actor::System("messaging"),
            "task.resumed_by_requester_reply",
            ("task", &task.id.to_string()),
            Some(json!({"waiting": ended})),
            Some(json!({"waiting": null, "comment_id": comment.comment_id,
                        "author_id": comment.author_id, "posted_at": comment.posted_at})),
        )
        .await?;
        state.platform.outbox().notify();
    }
    if staff
        && comment.visibility == "public"
        && tasks::record_first_response(conn, task.id, comment.posted_at).await?
    {
        tracing::info!(task = task.id, at = %comment.posted_at, "first response recorded");
    }
    Ok(())
}
