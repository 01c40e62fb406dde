//! What the API and the socket show of comments.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::store::{AttachmentRow, CommentRow};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Author {
    pub user_id: i64,
    /// `staff` or `employee`.
    pub user_type: String,
    pub name: String,
    /// The author's TTS role when they wrote it (empty for requesters).
    pub role: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttachmentView {
    pub id: i64,
    pub comment_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// Where to download it.
    pub url: String,
    pub created_at: DateTime<Utc>,
}

impl From<&AttachmentRow> for AttachmentView {
    fn from(a: &AttachmentRow) -> Self {
        AttachmentView {
            id: a.id,
            comment_id: a.comment_id,
            file_name: a.file_name.clone(),
            content_type: a.content_type.clone(),
            size_bytes: a.size_bytes,
            url: format!("/attachments/{}", a.id),
            created_at: a.created_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommentView {
    pub id: i64,
    pub ticket_number: String,
    /// The comment this one replies to; replies go one level deep.
    pub parent_id: Option<i64>,
    pub author: Author,
    /// Empty once deleted.
    pub body: String,
    /// `public` or `internal` (staff only).
    pub visibility: String,
    /// Mentioned staff user ids.
    pub mentions: Vec<i64>,
    pub thumbs_up: i32,
    pub thumbs_down: i32,
    /// The caller's own rating, `up` or `down` (lists and detail only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub my_rating: Option<String>,
    pub created_at: DateTime<Utc>,
    pub edited: bool,
    pub edited_at: Option<DateTime<Utc>>,
    pub deleted: bool,
    pub deleted_at: Option<DateTime<Utc>>,
    pub attachments: Vec<AttachmentView>,
    /// Replies, oldest first (top-level comments in lists and detail only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    pub replies: Option<Vec<CommentView>>,
}

impl CommentView {
    pub fn new(c: &CommentRow, attachments: &[AttachmentRow]) -> Self {
        CommentView {
            id: c.id,
            ticket_number: c.ticket_number.clone(),
            parent_id: c.parent_id,
            author: Author {
                user_id: c.author_id,
                user_type: c.author_type.clone(),
                name: c.author_name.clone(),
                role: c.author_role.clone(),
            },
            body: c.body.clone(),
            visibility: c.visibility.clone(),
            mentions: c.mentions.clone(),
            thumbs_up: c.thumbs_up,
            thumbs_down: c.thumbs_down,
            my_rating: None,
            created_at: c.created_at,
            edited: c.edited_at.is_some(),
            edited_at: c.edited_at,
            deleted: c.deleted_at.is_some(),
            deleted_at: c.deleted_at,
            attachments: attachments
                .iter()
                .filter(|a| a.comment_id == c.id)
                .map(AttachmentView::from)
                .collect(),
            replies: None,
        }
    }

    /// Top-level comments with their replies, attachments and the caller's ratings.
    pub fn threaded(
        top: &[CommentRow],
        replies: &[CommentRow],
        attachments: &[AttachmentRow],
        my_ratings: &[(i64, String)],
    ) -> Vec<CommentView> {
        let mine: HashMap<i64, &String> = my_ratings.iter().map(|(id, r)| (*id, r)).collect();
        let view = |c: &CommentRow| {
            let mut v = CommentView::new(c, attachments);
            v.my_rating = mine.get(&c.id).map(|r| r.to_string());
            v
        };
        top.iter()
            .map(|c| {
                let mut v = view(c);
                v.replies = Some(
                    replies
                        .iter()
                        .filter(|r| r.parent_id == Some(c.id))
                        .map(view)
                        .collect(),
                );
                v
            })
            .collect()
    }
}

/// A change to a thread: its sequence number (the same the socket shows) and the comment now.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Change {
    pub seq: i64,
    pub comment: CommentView,
    /// Mentioned people who were not notified, and why (empty when everyone was, and for
    /// changes that notify nobody).
    pub mentions_not_notified: Vec<UnnotifiedMention>,
}

/// A mentioned staff member who was not told of the comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct UnnotifiedMention {
    pub user_id: i64,
    /// `cannot_read`: they may not read this comment in the thread (no TTS role; or the comment
    /// is internal and they are only the requester). `unconfirmed`: the workflow API's directory
    /// could not confirm they may read it right now.
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RatingChange {
    pub seq: i64,
    pub comment_id: i64,
    pub thumbs_up: i32,
    pub thumbs_down: i32,
    /// The caller's rating now, `up`, `down` or null.
    pub my_rating: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttachmentChange {
    pub seq: i64,
    pub attachment: AttachmentView,
}

/// A page of a thread.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ThreadPage {
    pub ticket_number: String,
    /// The thread's latest sequence number when this page was read: connect the socket with
    /// `?after=<seq>` to receive every change since.
    pub seq: i64,
    pub items: Vec<CommentView>,
    pub next_cursor: Option<i64>,
}
