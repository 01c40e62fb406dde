//! What people do to a thread. Each change runs in one transaction that also takes the thread's
//! next sequence number, records the event for clients that resume, writes the live event and the
//! notifications to the outbox — so all of it happens, or none.

use std::collections::BTreeSet;

use diesel_async::{AsyncConnection, AsyncPgConnection};
use serde_json::{Value, json};
use tts_shared::amqp::{live, outbox};
use tts_shared::auth::AuthUser;
use tts_shared::events::{CeleryTask, CommentNotification, CommentPosted, MentionNotification};
use tts_shared::http::cursor;

use crate::AppState;
use crate::domain::access::{self, Person, Reader, Visibility};
use crate::domain::comment::{self, TtsRoles};
use crate::error::MessagingError;
use crate::store::{self, CommentRow, NewComment};
use crate::views::{
    AttachmentChange, AttachmentView, Change, CommentView, RatingChange, ThreadPage,
    UnnotifiedMention,
};

/// Ticket numbers as the ticket service and helpdesks write them; adds the problem, if any.
pub fn ticket_number_problem(number: &str, problems: &mut Vec<(&'static str, String)>) {
    let ok = !number.is_empty()
        && number.len() <= 64
        && number
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !ok {
        problems.push((
            "ticket_number",
            "must be 1 to 64 letters, digits, '-' or '_'".into(),
        ));
    }
}

pub fn check_ticket_number(number: &str) -> Result<(), MessagingError> {
    let mut problems = Vec::new();
    ticket_number_problem(number, &mut problems);
    MessagingError::check(problems)
}

/// How `user` reads the thread of `number`, learning the requester from the ticket service when
/// this thread has not met them yet.
pub async fn reader(
    state: &AppState,
    user: &AuthUser,
    number: &str,
) -> Result<Reader, MessagingError> {
    check_ticket_number(number)?;
    if let Some(r) = access::reader(user, None) {
        return Ok(r);
    }
    let mut conn = state.platform.db().conn().await?;
    let known = store::thread(&mut conn, number)
        .await?
        .and_then(|t| t.requester());
    let requester = match known {
        Some(p) => Some(p),
        None => {
            let learned = state.tickets.requester(number).await?;
            if learned.is_some() {
                store::ensure_thread(&mut conn, number, learned).await?;
            }
            learned
        }
    };
    access::reader(user, requester).ok_or(MessagingError::TicketNotFound)
}

/// The requester to notify, as far as it can be learned; staff work never waits on it.
async fn requester_for_notifications(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    number: &str,
) -> Result<Option<Person>, MessagingError> {
    if let Some(p) = store::thread(conn, number)
        .await?
        .and_then(|t| t.requester())
    {
        return Ok(Some(p));
    }
    match state.tickets.requester(number).await {
        Ok(p) => Ok(p),
        Err(e) => {
            tracing::warn!(ticket = number, error = %e, "requester unknown; they will not be notified of this comment");
            Ok(None)
        }
    }
}

/// The e-mail address the ticket holds for `requester`, when a public comment is about to reach
/// them (asked before the transaction; no database transaction waits on HTTP). The notification
/// service needs it: its directory holds staff only. Never in the way of the comment: when the
/// ticket service cannot say, the requester is still told in the app (and e-mailed at a directory
/// address, if they have one).
async fn requester_email(state: &AppState, number: &str, requester: Person) -> Option<String> {
    if !state.tickets.configured() {
        return None;
    }
    match state.tickets.contact(number).await {
        Ok(Some(c)) if c.person == requester => c.email,
        Ok(_) => None,
        Err(e) => {
            tracing::warn!(ticket = number, error = %e, "requester's e-mail address unknown; they are notified in the app only");
            None
        }
    }
}

/// For a staff comment: a thread starts only on a ticket the ticket service holds (404
/// otherwise, 503 while it cannot say); on an existing thread, as [`requester_for_notifications`].
/// Without `ticket_service_api_key` nothing can be checked, and staff threads start unchecked.
async fn first_comment_requester(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    number: &str,
) -> Result<Option<Person>, MessagingError> {
    if !state.tickets.configured() || store::thread(conn, number).await?.is_some() {
        return requester_for_notifications(state, conn, number).await;
    }
    state
        .tickets
        .lookup(number)
        .await?
        .ok_or(MessagingError::TicketNotFound)
}

/// Which of `staff` hold a TTS role, asked before the change's transaction opens (no database
/// transaction waits on HTTP). Fails closed: when the directory cannot answer, nobody is taken
/// to hold one, so no staff member is sent what they might not be allowed to read.
async fn tts_roles(state: &AppState, number: &str, staff: &BTreeSet<i64>) -> TtsRoles {
    if staff.is_empty() {
        return TtsRoles::Known(BTreeSet::new());
    }
    match state.people.tts_staff(staff).await {
        Ok(members) => TtsRoles::Known(members),
        Err(e) => {
            tracing::warn!(ticket = number, error = %e, "cannot confirm who holds a TTS role; no staff member is notified of this comment");
            TtsRoles::Unconfirmed
        }
    }
}

fn unnotified(audience: &comment::Audience) -> Vec<UnnotifiedMention> {
    audience
        .not_notified
        .iter()
        .map(|(user_id, reason)| UnnotifiedMention {
            user_id: *user_id,
            reason: reason.as_str().to_string(),
        })
        .collect()
}

fn role_of(user: &AuthUser) -> String {
    user.roles
        .iter()
        .find(|r| r.system == "tts")
        .map(|r| r.role.clone())
        .unwrap_or_default()
}

/// A comment `reader` may see, or 404.
fn visible(c: Option<CommentRow>, reader: Reader) -> Result<CommentRow, MessagingError> {
    c.filter(|c| reader.sees(c.visibility()))
        .ok_or(MessagingError::CommentNotFound)
}

fn may_change(user: &AuthUser, c: &CommentRow) -> Result<(), MessagingError> {
    let own = c.author() == Some(Person::of(user));
    if own || user.is_tts_admin() {
        Ok(())
    } else {
        Err(MessagingError::Forbidden(
            "only the author or a tts:Admin may change this comment".into(),
        ))
    }
}

fn not_deleted(c: &CommentRow) -> Result<(), MessagingError> {
    if c.deleted_at.is_some() {
        Err(MessagingError::Conflict("the comment is deleted".into()))
    } else {
        Ok(())
    }
}

/// Records a durable event and writes it to the outbox for every instance's sockets.
async fn publish(
    conn: &mut AsyncPgConnection,
    number: &str,
    visibility: Visibility,
    mut event: Value,
) -> Result<i64, MessagingError> {
    let seq = store::next_seq(conn, number).await?;
    event["ticket_number"] = json!(number);
    event["seq"] = json!(seq);
    event["visibility"] = json!(visibility.as_str());
    store::record_event(conn, number, seq, visibility, &event).await?;
    live::enqueue(conn, live::TICKETS_EXCHANGE, event).await?;
    Ok(seq)
}

/// Comment and mention notifications for a new comment (or newly mentioned people). The
/// requester's carries the address the ticket holds for them (`requester_email`); staff are
/// e-mailed at their directory address.
async fn notify(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    c: &CommentRow,
    audience: &comment::Audience,
    requester_email: Option<(Person, &str)>,
) -> Result<(), MessagingError> {
    let queue = &state.platform.settings().queues.queue_inapp_notifications;
    let about = |p: &Person| CommentNotification {
        user_id: p.user_id,
        user_type: p.user_type.as_str().to_string(),
        ticket_number: c.ticket_number.clone(),
        comment_id: c.id.to_string(),
        author_id: c.author_id,
        author_type: c.author_type.clone(),
        author_name: c.author_name.clone(),
        excerpt: comment::excerpt(&c.body),
        recipient_email: requester_email
            .filter(|(r, _)| r == p)
            .map(|(_, email)| email.to_string()),
    };
    for p in &audience.commented {
        outbox::enqueue(conn, queue, &about(p).to_message()).await?;
    }
    for p in &audience.mentioned {
        outbox::enqueue(conn, queue, &MentionNotification(about(p)).to_message()).await?;
    }
    Ok(())
}

/// `workflow.tasks.comment_posted` for a new comment or reply, so the workflow engine can record
/// the first public staff reply and resume a ticket waiting for its requester.
async fn announce_posted(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    c: &CommentRow,
    by_requester: bool,
) -> Result<(), MessagingError> {
    let queue = &state.platform.settings().queues.queue_workflow_tasks;
    let posted = CommentPosted {
        ticket_number: c.ticket_number.clone(),
        comment_id: c.id,
        author_id: c.author_id,
        author_type: c.author_type.clone(),
        visibility: c.visibility().as_str().to_string(),
        by_requester,
        posted_at: c.created_at,
    };
    outbox::enqueue(conn, queue, &posted.to_message()).await?;
    Ok(())
}

/// What a new comment or reply says.
pub struct Draft {
    pub body: String,
    pub visibility: Option<String>,
    pub mentions: Vec<i64>,
}

struct Checked {
    body: String,
    visibility: Option<Visibility>,
    mentions: Vec<i64>,
}

/// The draft as stored, or every problem it has (added to `problems`).
fn check(draft: &Draft, problems: &mut Vec<(&'static str, String)>) -> Option<Checked> {
    let body = comment::body(&draft.body)
        .map_err(|m| problems.push(("body", m)))
        .ok();
    let visibility = match draft.visibility.as_deref() {
        None => Some(None),
        Some(v) => Visibility::parse(v).map(Some).or_else(|| {
            problems.push(("visibility", format!("`{v}` is not `public` or `internal`")));
            None
        }),
    };
    let mentions = comment::mentions(&draft.mentions)
        .map_err(|m| problems.push(("mentions", m)))
        .ok();
    Some(Checked {
        body: body?,
        visibility: visibility?,
        mentions: mentions?,
    })
}

/// Mentions are how staff bring in a colleague. A requester's comment already reaches the staff on
/// the ticket, and which mentions notify someone would tell a requester who holds a TTS role.
fn requester_mentions_problem(
    reader: Reader,
    mentions: &[i64],
    problems: &mut Vec<(&'static str, String)>,
) {
    if reader == Reader::Requester && !mentions.is_empty() {
        problems.push((
            "mentions",
            "only staff mention people; the staff on the ticket read every public comment".into(),
        ));
    }
}

/// Posts a top-level comment (`parent` = None) or a reply.
pub async fn post(
    state: &AppState,
    user: &AuthUser,
    number: &str,
    parent: Option<i64>,
    draft: Draft,
) -> Result<Change, MessagingError> {
    let mut problems = Vec::new();
    ticket_number_problem(number, &mut problems);
    let checked = check(&draft, &mut problems);
    MessagingError::check(problems)?;
    let checked = checked.expect("a draft without problems is checked");
    let reader = reader(state, user, number).await?;
    let mut conn = state.platform.db().conn().await?;
    // What the thread itself rules out, once the caller may read it: answered together.
    let mut problems = Vec::new();
    let visibility = match parent {
        None => checked.visibility.unwrap_or(Visibility::Public),
        Some(id) => {
            let p = visible(store::comment(&mut conn, id).await?, reader)?;
            if p.ticket_number != number {
                return Err(MessagingError::CommentNotFound);
            }
            match p.parent_id {
                Some(grand) => problems.push((
                    "parent",
                    format!("comment {id} is itself a reply; reply to comment {grand} instead"),
                )),
                None => not_deleted(&p)?,
            }
            let asked = checked.visibility.unwrap_or(p.visibility());
            comment::reply_visibility(p.visibility(), asked)
        }
    };
    if !access::may_post(reader, visibility) {
        return Err(MessagingError::Forbidden(
            "requesters may only write public comments".into(),
        ));
    }
    requester_mentions_problem(reader, &checked.mentions, &mut problems);
    MessagingError::check(problems)?;
    let requester = match reader {
        Reader::Requester => Some(Person::of(user)),
        Reader::Staff => first_comment_requester(state, &mut conn, number).await?,
    };
    let author = Person::of(user);
    let role = role_of(user);
    // Who is on the thread, and which of them may read what, is settled before the transaction:
    // the directory is asked over HTTP. Someone committing their first comment meanwhile hears
    // of the next one.
    let participants = store::participants(&mut conn, number).await?;
    let staff = comment::staff_to_confirm(author, &participants, requester, &checked.mentions);
    let roles = tts_roles(state, number, &staff).await;
    // Only a public comment by someone else reaches the requester (the read rule decides, in
    // `audience`); only then is their address asked for.
    let email = match requester {
        Some(r) if r != author && visibility == Visibility::Public => {
            requester_email(state, number, r).await
        }
        _ => None,
    };
    let by_requester = requester == Some(author);
    let change = conn
        .transaction(async |conn| {
            store::ensure_thread(conn, number, requester).await?;
            let row = store::insert_comment(
                conn,
                &NewComment {
                    ticket_number: number,
                    parent_id: parent,
                    author_id: author.user_id,
                    author_type: author.user_type.as_str(),
                    author_name: &user.name,
                    author_role: &role,
                    body: &checked.body,
                    visibility: visibility.as_str(),
                    mentions: &checked.mentions,
                },
            )
            .await?;
            let view = CommentView::new(&row, &[]);
            let event = json!({"type": "comment.created", "comment": view});
            let seq = publish(conn, number, visibility, event).await?;
            let audience = comment::audience(
                author,
                visibility,
                &participants,
                requester,
                &row.mentions,
                &roles,
            );
            let to_requester = requester.zip(email.as_deref());
            notify(state, conn, &row, &audience, to_requester).await?;
            announce_posted(state, conn, &row, by_requester).await?;
            Ok::<_, MessagingError>(Change {
                seq,
                comment: view,
                mentions_not_notified: unnotified(&audience),
            })
        })
        .await?;
    state.platform.outbox().notify();
    metrics::counter!("comments_created_total", "visibility" => visibility.as_str()).increment(1);
    Ok(change)
}

/// Edits a comment's body (and mentions); people newly mentioned are told.
pub async fn edit(
    state: &AppState,
    user: &AuthUser,
    id: i64,
    body: &str,
    mentions: Option<Vec<i64>>,
) -> Result<Change, MessagingError> {
    let mut problems = Vec::new();
    let body = comment::body(body).map_err(|m| problems.push(("body", m)));
    let mentions = match mentions {
        Some(m) => comment::mentions(&m)
            .map(Some)
            .map_err(|e| problems.push(("mentions", e))),
        None => Ok(None),
    };
    MessagingError::check(problems)?;
    let (Ok(body), Ok(mentions)) = (body, mentions) else {
        unreachable!("every problem was answered above");
    };
    let (c, reader) = locate(state, user, id).await?;
    let mut problems = Vec::new();
    requester_mentions_problem(
        reader,
        mentions.as_deref().unwrap_or_default(),
        &mut problems,
    );
    MessagingError::check(problems)?;
    let number = c.ticket_number.clone();
    let mut conn = state.platform.db().conn().await?;
    // Only the newly mentioned hear of an edit; whether they may read the comment is asked before
    // the transaction, for every mention given (a superset of the new ones).
    let (requester, roles) = match (&mentions, c.author()) {
        (Some(m), Some(author)) if !m.is_empty() => {
            let requester = match reader {
                Reader::Requester => Some(Person::of(user)),
                Reader::Staff => requester_for_notifications(state, &mut conn, &number).await?,
            };
            let staff = comment::staff_to_confirm(author, &[], requester, m);
            (requester, tts_roles(state, &number, &staff).await)
        }
        _ => (None, TtsRoles::Known(BTreeSet::new())),
    };
    let change = conn
        .transaction(async |conn| {
            let c = visible(store::comment_for_update(conn, id).await?, reader)?;
            may_change(user, &c)?;
            not_deleted(&c)?;
            let mentions = mentions.unwrap_or_else(|| c.mentions.clone());
            let row = store::edit_comment(conn, id, &body, &mentions).await?;
            crate::audit::record(conn, user, "comment.edited", &c, Some(&row)).await?;
            let files = store::attachments_of(conn, &[id]).await?;
            let view = CommentView::new(&row, &files);
            let event = json!({"type": "comment.updated", "comment": view});
            let seq = publish(conn, &number, row.visibility(), event).await?;
            let newly: Vec<i64> = mentions
                .iter()
                .copied()
                .filter(|m| !c.mentions.contains(m))
                .collect();
            let mut not_notified = Vec::new();
            if let Some(author) = row.author() {
                // Nobody else is on the list: only the newly mentioned hear of an edit.
                let audience =
                    comment::audience(author, row.visibility(), &[], requester, &newly, &roles);
                notify(state, conn, &row, &audience, None).await?;
                not_notified = unnotified(&audience);
            }
            Ok::<_, MessagingError>(Change {
                seq,
                comment: view,
                mentions_not_notified: not_notified,
            })
        })
        .await?;
    state.platform.outbox().notify();
    Ok(change)
}

/// Soft-deletes a comment: its replies stay, its body goes.
pub async fn delete(state: &AppState, user: &AuthUser, id: i64) -> Result<Change, MessagingError> {
    let (c, reader) = locate(state, user, id).await?;
    let number = c.ticket_number;
    let mut conn = state.platform.db().conn().await?;
    let change = conn
        .transaction(async |conn| {
            let c = visible(store::comment_for_update(conn, id).await?, reader)?;
            may_change(user, &c)?;
            not_deleted(&c)?;
            let row = store::delete_comment(conn, id).await?;
            crate::audit::record(conn, user, "comment.deleted", &c, None).await?;
            let view = CommentView::new(&row, &[]);
            let event = json!({"type": "comment.deleted", "comment": view});
            let seq = publish(conn, &number, row.visibility(), event).await?;
            Ok::<_, MessagingError>(Change {
                seq,
                comment: view,
                mentions_not_notified: vec![],
            })
        })
        .await?;
    state.platform.outbox().notify();
    Ok(change)
}

/// Sets (`up`, `down`) or removes (`None`) the caller's rating.
pub async fn rate(
    state: &AppState,
    user: &AuthUser,
    id: i64,
    rating: Option<&str>,
) -> Result<RatingChange, MessagingError> {
    let (c, reader) = locate(state, user, id).await?;
    let number = c.ticket_number;
    let who = Person::of(user);
    let mut conn = state.platform.db().conn().await?;
    let change = conn
        .transaction(async |conn| {
            let c = visible(store::comment_for_update(conn, id).await?, reader)?;
            not_deleted(&c)?;
            let (up, down) = store::rate(conn, id, who, rating).await?;
            let event = json!({
                "type": "comment.rated", "comment_id": id, "thumbs_up": up, "thumbs_down": down,
            });
            let seq = publish(conn, &number, c.visibility(), event).await?;
            Ok::<_, MessagingError>(RatingChange {
                seq,
                comment_id: id,
                thumbs_up: up,
                thumbs_down: down,
                my_rating: rating.map(str::to_string),
            })
        })
        .await?;
    state.platform.outbox().notify();
    Ok(change)
}

/// Attaches an uploaded file to the caller's own comment (or any, for a tts:Admin).
pub async fn attach(
    state: &AppState,
    user: &AuthUser,
    id: i64,
    file: tts_shared::files::Upload,
) -> Result<AttachmentChange, MessagingError> {
    let (c, reader) = locate(state, user, id).await?;
    may_change(user, &c)?;
    not_deleted(&c)?;
    let number = c.ticket_number;
    // Bytes first: a file without a row is harmless (and found again by its digest), a row
    // without its file is not.
    let sha = state.files.put(&file.bytes).await?;
    let mut conn = state.platform.db().conn().await?;
    let change = conn
        .transaction(async |conn| {
            let c = visible(store::comment_for_update(conn, id).await?, reader)?;
            not_deleted(&c)?;
            let row = store::insert_attachment(
                conn,
                &store::NewAttachment {
                    comment_id: id,
                    file_name: &file.file_name,
                    content_type: &file.content_type,
                    size_bytes: file.bytes.len() as i64,
                    sha256: &sha,
                    uploaded_by: Person::of(user),
                },
            )
            .await?;
            let files = store::attachments_of(conn, &[id]).await?;
            let view = CommentView::new(&c, &files);
            let event = json!({"type": "comment.updated", "comment": view});
            let seq = publish(conn, &number, c.visibility(), event).await?;
            Ok::<_, MessagingError>(AttachmentChange {
                seq,
                attachment: AttachmentView::from(&row),
            })
        })
        .await?;
    state.platform.outbox().notify();
    Ok(change)
}

/// An attachment the caller may read, with where its bytes are.
pub async fn attachment(
    state: &AppState,
    user: &AuthUser,
    id: i64,
) -> Result<(store::AttachmentRow, std::path::PathBuf), MessagingError> {
    let mut conn = state.platform.db().conn().await?;
    let a = store::attachment(&mut conn, id)
        .await?
        .ok_or(MessagingError::AttachmentNotFound)?;
    let c = store::comment(&mut conn, a.comment_id)
        .await?
        .ok_or(MessagingError::AttachmentNotFound)?;
    drop(conn);
    // Every refusal reads as "not found": nobody learns what exists on tickets they cannot read.
    let reader = match reader(state, user, &c.ticket_number).await {
        Ok(r) => r,
        Err(MessagingError::TicketNotFound) => return Err(MessagingError::AttachmentNotFound),
        Err(e) => return Err(e),
    };
    if !reader.sees(c.visibility()) || c.deleted_at.is_some() {
        return Err(MessagingError::AttachmentNotFound);
    }
    let path = state.files.path(&a.sha256);
    Ok((a, path))
}

/// One comment with its replies.
pub async fn detail(
    state: &AppState,
    user: &AuthUser,
    id: i64,
) -> Result<CommentView, MessagingError> {
    let (c, reader) = locate(state, user, id).await?;
    let mut conn = state.platform.db().conn().await?;
    let replies = if c.parent_id.is_none() {
        store::replies(&mut conn, &[id], reader.public_only()).await?
    } else {
        vec![]
    };
    let mut view = threaded(&mut conn, user, std::slice::from_ref(&c), &replies)
        .await?
        .pop()
        .expect("one comment in, one view out");
    if c.parent_id.is_some() {
        view.replies = None;
    }
    Ok(view)
}

/// The kind of the comments list's cursors (`tts_shared::http::cursor`).
pub const COMMENTS_CURSOR: char = 'c';

/// A page of top-level comments with their replies, oldest first, after the comment `cursor`.
pub async fn list(
    state: &AppState,
    user: &AuthUser,
    number: &str,
    cursor: Option<i64>,
    limit: i64,
) -> Result<ThreadPage, MessagingError> {
    let reader = reader(state, user, number).await?;
    let mut conn = state.platform.db().conn().await?;
    let seq = store::thread(&mut conn, number)
        .await?
        .map(|t| t.last_seq)
        .unwrap_or(0);
    let mut top =
        store::top_level(&mut conn, number, reader.public_only(), cursor, limit + 1).await?;
    let next_cursor = if top.len() as i64 > limit {
        top.truncate(limit as usize);
        top.last().map(|c| cursor::encode(COMMENTS_CURSOR, c.id))
    } else {
        None
    };
    let top_ids: Vec<i64> = top.iter().map(|c| c.id).collect();
    let replies = store::replies(&mut conn, &top_ids, reader.public_only()).await?;
    Ok(ThreadPage {
        ticket_number: number.to_string(),
        seq,
        items: threaded(&mut conn, user, &top, &replies).await?,
        next_cursor,
    })
}

/// Views of top-level comments with their replies, attachments and `user`'s own ratings.
async fn threaded(
    conn: &mut AsyncPgConnection,
    user: &AuthUser,
    top: &[CommentRow],
    replies: &[CommentRow],
) -> Result<Vec<CommentView>, MessagingError> {
    let ids: Vec<i64> = top.iter().chain(replies).map(|c| c.id).collect();
    let files = store::attachments_of(conn, &ids).await?;
    let mine = store::ratings_by(conn, &ids, Person::of(user)).await?;
    Ok(CommentView::threaded(top, replies, &files, &mine))
}

/// Comment `id` as `user` may see it, and how they read its thread; 404 otherwise.
async fn locate(
    state: &AppState,
    user: &AuthUser,
    id: i64,
) -> Result<(CommentRow, Reader), MessagingError> {
    let c = {
        let mut conn = state.platform.db().conn().await?;
        store::comment(&mut conn, id)
            .await?
            .ok_or(MessagingError::CommentNotFound)?
    };
    let reader = reader(state, user, &c.ticket_number).await?;
    Ok((visible(Some(c), reader)?, reader))
}

/// The ticket a comment belongs to; 404 for a comment that does not exist.
pub async fn ticket_of(state: &AppState, id: i64) -> Result<String, MessagingError> {
    let mut conn = state.platform.db().conn().await?;
    store::comment(&mut conn, id)
        .await?
        .map(|c| c.ticket_number)
        .ok_or(MessagingError::CommentNotFound)
}
