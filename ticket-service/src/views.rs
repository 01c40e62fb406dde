//! What the API returns.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tts_shared::auth::UserType;
use utoipa::ToSchema;

use crate::domain::ticket::{Priority, Status};
use crate::store::attachments::AttachmentRow;
use crate::store::tickets::TicketRow;

/// Who asked for the ticket: a person, matched on user id *and* user type.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Requester {
    pub user_id: i64,
    pub user_type: UserType,
    #[schema(format = Email)]
    pub email: Option<String>,
    pub name: Option<String>,
}

/// A file attached to a ticket.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!(crate::examples::attachment()))]
pub struct AttachmentView {
    pub id: i64,
    pub file_name: String,
    /// The type judged from the bytes (what downloads are served as).
    pub content_type: String,
    #[schema(minimum = 1)]
    pub size_bytes: i64,
    /// Hex SHA-256 of the bytes.
    #[schema(pattern = "^[0-9a-f]{64}$")]
    pub sha256: String,
    pub created_at: DateTime<Utc>,
    /// Download path (authenticated).
    pub url: String,
}

/// Where a ticket came from.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TicketSource {
    /// Created through `POST /tickets/`.
    Api,
    /// Sent by a helpdesk (`POST /tickets/send/` or straight to the workflow engine).
    Helpdesk,
}

/// A ticket.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!(crate::examples::ticket()))]
pub struct TicketView {
    /// `TX` + UTC `yyyymmdd` + 6 digits for tickets created here; the helpdesk's number otherwise.
    pub ticket_number: String,
    pub subject: String,
    pub description: String,
    pub category: Option<String>,
    pub sub_category: Option<String>,
    pub department: Option<String>,
    #[schema(value_type = Priority)]
    pub priority: String,
    #[schema(value_type = Status)]
    pub status: String,
    pub requester: Option<Requester>,
    /// Free-form JSON object the requester or helpdesk sent (a form's answers).
    #[schema(value_type = Object)]
    pub data: Value,
    #[schema(value_type = TicketSource)]
    pub source: String,
    /// Increases with every change; send it back in `If-Match` to update.
    #[schema(minimum = 1)]
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// In the detail view only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<AttachmentView>>,
}

impl AttachmentView {
    pub fn new(ticket_number: &str, a: &AttachmentRow) -> Self {
        AttachmentView {
            id: a.id,
            file_name: a.file_name.clone(),
            content_type: a.content_type.clone(),
            size_bytes: a.size_bytes,
            sha256: a.sha256.clone(),
            created_at: a.created_at,
            url: format!("/tickets/{ticket_number}/attachments/{}", a.id),
        }
    }
}

impl TicketView {
    pub fn new(t: &TicketRow, attachments: Option<&[AttachmentRow]>) -> Self {
        let requester = match (t.requester_id, t.requester_type.as_deref()) {
            (Some(user_id), Some(kind)) => kind.parse().ok().map(|user_type| Requester {
                user_id,
                user_type,
                email: t.requester_email.clone(),
                name: t.requester_name.clone(),
            }),
            _ => None,
        };
        TicketView {
            ticket_number: t.ticket_number.clone(),
            subject: t.subject.clone(),
            description: t.description.clone(),
            category: t.category.clone(),
            sub_category: t.sub_category.clone(),
            department: t.department.clone(),
            priority: t.priority.clone(),
            status: t.status.clone(),
            requester,
            data: t.data.clone(),
            source: t.source.clone(),
            version: t.version,
            created_at: t.created_at,
            updated_at: t.updated_at,
            attachments: attachments.map(|list| {
                list.iter()
                    .map(|a| AttachmentView::new(&t.ticket_number, a))
                    .collect()
            }),
        }
    }
}

/// A page of tickets, newest first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!(crate::examples::ticket_page()))]
pub struct TicketPage {
    pub items: Vec<TicketView>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// Answer of `POST /tickets/send/`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!(crate::examples::send_result()))]
pub struct SendResult {
    pub ticket: TicketView,
    /// Whether this call created the ticket (else it updated it).
    pub created: bool,
    /// Whether the workflow engine was (re)told about the ticket.
    pub handed_off: bool,
}
