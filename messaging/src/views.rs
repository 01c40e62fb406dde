//! What the API and the socket show of comments.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::store::{AttachmentRow, CommentRow};

// The values of the text fields below, for the API document (the fields stay text: they are
// stored and compared as such).

/// Who may read a comment: `public`, everyone on the thread; `internal`, staff only.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = Visibility)]
pub enum VisibilityName {
    Public,
    Internal,
}

/// A person's namespace: staff and employees have separate user ids.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = UserType)]
pub enum UserTypeName {
    Staff,
    Employee,
}

/// A thumbs-up or thumbs-down.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = Rating)]
pub enum RatingName {
    Up,
    Down,
}

/// Why a mentioned person was not told of a comment.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = NotNotifiedReason)]
pub enum NotNotifiedReasonName {
    CannotRead,
    Unconfirmed,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"user_id": 1, "user_type": "staff", "name": "Ana Reyes", "role": "Agent"}))]
pub struct Author {
    pub user_id: i64,
    #[schema(value_type = UserTypeName)]
    pub user_type: String,
    pub name: String,
    /// The author's TTS role when they wrote it (empty for requesters).
    pub role: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": 1, "comment_id": 2, "file_name": "uplink.png", "content_type": "image/png", "size_bytes": 33, "url": "/attachments/1", "created_at": "2026-12-02T00:03:25.146073Z"}))]
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
#[schema(example = json!({"id": 2, "ticket_number": "TX20261201000042", "parent_id": null, "author": {"user_id": 1, "user_type": "staff", "name": "Ana Reyes", "role": "Agent"}, "body": "Uplink replaced; monitoring for an hour", "visibility": "internal", "mentions": [4, 5], "thumbs_up": 0, "thumbs_down": 0, "created_at": "2026-12-02T00:03:25.118803Z", "edited": true, "edited_at": "2026-12-02T00:03:25.174717Z", "deleted": false, "deleted_at": null, "attachments": [{"id": 1, "comment_id": 2, "file_name": "uplink.png", "content_type": "image/png", "size_bytes": 33, "url": "/attachments/1", "created_at": "2026-12-02T00:03:25.146073Z"}], "replies": []}))]
pub struct CommentView {
    pub id: i64,
    pub ticket_number: String,
    /// The comment this one replies to; replies go one level deep.
    pub parent_id: Option<i64>,
    pub author: Author,
    /// Empty once deleted.
    pub body: String,
    #[schema(value_type = VisibilityName)]
    pub visibility: String,
    /// Mentioned staff user ids.
    pub mentions: Vec<i64>,
    pub thumbs_up: i32,
    pub thumbs_down: i32,
    /// The caller's own rating (lists and detail only; absent when they have not rated it).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<RatingName>)]
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
#[schema(example = json!({"seq": 1, "comment": {"id": 1, "ticket_number": "TX20261201000042", "parent_id": null, "author": {"user_id": 1, "user_type": "staff", "name": "Ana Reyes", "role": "Agent"}, "body": "Rebooted the switch; @Ben please check the uplink", "visibility": "public", "mentions": [3], "thumbs_up": 0, "thumbs_down": 0, "created_at": "2026-12-02T00:03:24.948818Z", "edited": false, "edited_at": null, "deleted": false, "deleted_at": null, "attachments": []}, "mentions_not_notified": []}))]
pub struct Change {
    pub seq: i64,
    pub comment: CommentView,
    /// Mentioned people who were not notified, and why (empty when everyone was, and for
    /// changes that notify nobody).
    pub mentions_not_notified: Vec<UnnotifiedMention>,
}

/// A mentioned staff member who was not told of the comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({"user_id": 4, "reason": "cannot_read"}))]
pub struct UnnotifiedMention {
    pub user_id: i64,
    /// `cannot_read`: they may not read this comment in the thread (no TTS role; or the comment
    /// is internal and they are only the requester). `unconfirmed`: the workflow API's directory
    /// could not confirm they may read it right now.
    #[schema(value_type = NotNotifiedReasonName)]
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"seq": 2, "comment_id": 1, "thumbs_up": 1, "thumbs_down": 0, "my_rating": "up"}))]
pub struct RatingChange {
    pub seq: i64,
    pub comment_id: i64,
    pub thumbs_up: i32,
    pub thumbs_down: i32,
    /// The caller's rating now; null when removed.
    #[schema(value_type = Option<RatingName>)]
    pub my_rating: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"seq": 6, "attachment": {"id": 1, "comment_id": 2, "file_name": "uplink.png", "content_type": "image/png", "size_bytes": 33, "url": "/attachments/1", "created_at": "2026-12-02T00:03:25.146073Z"}}))]
pub struct AttachmentChange {
    pub seq: i64,
    pub attachment: AttachmentView,
}

/// A page of a thread.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"ticket_number": "TX20261201000042", "seq": 3, "items": [{"id": 1, "ticket_number": "TX20261201000042", "parent_id": null, "author": {"user_id": 1, "user_type": "staff", "name": "Ana Reyes", "role": "Agent"}, "body": "Rebooted the core switch; @Ben please check the uplink", "visibility": "public", "mentions": [3], "thumbs_up": 1, "thumbs_down": 0, "my_rating": "up", "created_at": "2026-12-02T00:03:24.948818Z", "edited": true, "edited_at": "2026-12-02T00:03:24.988735Z", "deleted": false, "deleted_at": null, "attachments": [], "replies": []}], "next_cursor": "YzE"}))]
pub struct ThreadPage {
    pub ticket_number: String,
    /// The thread's latest sequence number when this page was read: connect the socket with
    /// `?after=<seq>` to receive every change since.
    pub seq: i64,
    /// Top-level comments, oldest first, each with its replies.
    pub items: Vec<CommentView>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}
