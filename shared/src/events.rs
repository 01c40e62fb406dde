//! Every message TTS exchanges: task name, payload, wire shape, queue. One place to read them all;
//! `docs/events.md` describes the same list for people.
//!
//! Celery producers pass payloads in one of three shapes, and each task keeps the shape its
//! existing producers use (see `shared/reference/messages/`):
//! - [`Shape::ArgObject`]: `args = [payload]` (tickets, role syncs);
//! - [`Shape::Positional`]: `args = [a, b, …]` in a fixed order (ticket status, task transfer);
//! - [`Shape::Keywords`]: `kwargs = payload` (notifications, user e-mail sync).
//!
//! Decoding is lenient about the form (a keyword payload sent as one positional object is read
//! too) and strict about content: a wrong or missing field is an error naming that field.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::amqp::celery::TaskMessage;
use crate::config::QueueNames;

/// How a task's payload sits in the Celery body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    ArgObject,
    Positional(&'static [&'static str]),
    Keywords,
}

/// Which configured queue a task goes to by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueKind {
    TicketTasks,
    TicketStatus,
    RoleSync,
    /// Member syncs (`queue_member_sync`).
    MemberSync,
    WorkflowTasks,
    InappNotifications,
    EmailNotifications,
    UserEmailSync,
}

impl QueueKind {
    pub fn name(self, queues: &QueueNames) -> &str {
        match self {
            QueueKind::TicketTasks => &queues.queue_ticket_tasks,
            QueueKind::TicketStatus => &queues.queue_ticket_status,
            QueueKind::RoleSync => &queues.queue_role_sync,
            QueueKind::MemberSync => &queues.queue_member_sync,
            QueueKind::WorkflowTasks => &queues.queue_workflow_tasks,
            QueueKind::InappNotifications => &queues.queue_inapp_notifications,
            QueueKind::EmailNotifications => &queues.queue_email_notifications,
            QueueKind::UserEmailSync => &queues.queue_user_email_sync,
        }
    }
}

/// A payload could not be read: which field, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("task {task}: field `{field}`: {message}")]
pub struct PayloadError {
    pub task: String,
    pub field: String,
    pub message: String,
}

/// A typed Celery task payload.
pub trait CeleryTask: Serialize + DeserializeOwned {
    const NAME: &'static str;
    const SHAPE: Shape;
    const QUEUE: QueueKind;

    /// A new message (fresh id) carrying this payload in the task's shape.
    fn to_message(&self) -> TaskMessage {
        let value = serde_json::to_value(self).expect("payloads always serialise");
        let object = match value {
            Value::Object(map) => map,
            other => {
                let mut map = Map::new();
                map.insert("value".into(), other);
                map
            }
        };
        match Self::SHAPE {
            Shape::ArgObject => {
                TaskMessage::new(Self::NAME, vec![Value::Object(object)], Map::new())
            }
            Shape::Positional(fields) => {
                let args = fields
                    .iter()
                    .map(|f| object.get(*f).cloned().unwrap_or(Value::Null))
                    .collect();
                TaskMessage::new(Self::NAME, args, Map::new())
            }
            Shape::Keywords => TaskMessage::new(Self::NAME, Vec::new(), object),
        }
    }

    /// Reads the payload from a message of this task.
    fn from_message(message: &TaskMessage) -> Result<Self, PayloadError> {
        let error = |field: &str, message: String| PayloadError {
            task: Self::NAME.into(),
            field: field.into(),
            message,
        };
        let object: Value = match Self::SHAPE {
            Shape::ArgObject => match (message.args.first(), message.kwargs.is_empty()) {
                (Some(Value::Object(map)), _) => Value::Object(map.clone()),
                (None, false) => Value::Object(message.kwargs.clone()),
                (Some(_), _) => return Err(error("args[0]", "expected an object".into())),
                (None, true) => return Err(error("args[0]", "payload is missing".into())),
            },
            Shape::Positional(fields) => {
                if message.args.len() > fields.len() {
                    return Err(error(
                        "args",
                        format!("expected at most {} arguments", fields.len()),
                    ));
                }
                let mut map: Map<String, Value> = fields
                    .iter()
                    .zip(&message.args)
                    .map(|(f, v)| (f.to_string(), v.clone()))
                    .collect();
                map.extend(message.kwargs.clone());
                Value::Object(map)
            }
            Shape::Keywords => match (message.args.as_slice(), message.kwargs.is_empty()) {
                ([Value::Object(map)], true) => Value::Object(map.clone()),
                ([], _) => Value::Object(message.kwargs.clone()),
                _ => return Err(error("args", "expected keyword arguments".into())),
            },
        };
        serde_path_to_error::deserialize(object).map_err(|e| {
            let inner = e.inner().to_string();
            let missing = inner
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split('`').next())
                .map(str::to_string);
            let path = e.path().to_string();
            let field = match (missing, path.as_str()) {
                (Some(name), ".") => name,
                (Some(name), parent) => format!("{parent}.{name}"),
                (None, path) => path.to_string(),
            };
            error(&field, inner)
        })
    }
}

macro_rules! task {
    ($ty:ty, $name:literal, $shape:expr, $queue:ident) => {
        impl CeleryTask for $ty {
            const NAME: &'static str = $name;
            const SHAPE: Shape = $shape;
            const QUEUE: QueueKind = QueueKind::$queue;
        }
    };
}

/// `create | update | delete`, as the auth service sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SyncAction {
    Create,
    Update,
    Delete,
}

// ---------------------------------------------------------------------------------------------
// Tickets

/// A file attached to a helpdesk ticket (metadata only; the bytes stay with the helpdesk).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketAttachment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Value>,
    pub file_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_size: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_path: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The requester as the helpdesk describes them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketEmployee {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `tickets.tasks.receive_ticket`, `args = [ticket]`: a ticket in the helpdesk's shape. Fields
/// TTS does not interpret are kept in `extra` and passed on unchanged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HelpdeskTicket {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_ticket_id: Option<Value>,
    #[serde(default)]
    pub subject: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(
        default,
        alias = "subcategory",
        skip_serializing_if = "Option::is_none"
    )]
    pub sub_category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submit_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee_company_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee: Option<TicketEmployee>,
    #[serde(default)]
    pub attachments: Vec<TicketAttachment>,
    #[serde(default)]
    pub dynamic_data: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asset_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_budget: Option<Value>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
task!(
    HelpdeskTicket,
    "tickets.tasks.receive_ticket",
    Shape::ArgObject,
    TicketTasks
);

impl HelpdeskTicket {
    /// The ticket number, from `ticket_number`, `ticket_id`, `id` or `original_ticket_id`
    /// (first present wins), as the helpdesk's versions have named it.
    pub fn number(&self) -> Option<String> {
        fn text(v: &Value) -> Option<String> {
            match v {
                Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            }
        }
        self.ticket_number
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .or_else(|| self.ticket_id.as_ref().and_then(text))
            .or_else(|| self.id.as_ref().and_then(text))
            .or_else(|| self.original_ticket_id.as_ref().and_then(text))
    }

    /// Whether the ticket service sent this ticket (its hand-off carries
    /// [`HANDED_OFF_BY`]` = `[`TICKET_SERVICE_ORIGIN`]); any other sender is a helpdesk publishing
    /// straight to the workflow engine, whose ticket the engine reports back with [`TicketRecord`].
    pub fn from_ticket_service(&self) -> bool {
        self.extra.get(HANDED_OFF_BY).and_then(Value::as_str) == Some(TICKET_SERVICE_ORIGIN)
    }

    /// The priority, `Medium` when the helpdesk sent none.
    pub fn priority_or_default(&self) -> &str {
        self.priority
            .as_deref()
            .filter(|p| !p.trim().is_empty())
            .unwrap_or("Medium")
    }
}

/// Field of a `tickets.tasks.receive_ticket` payload naming who handed the ticket off; the ticket
/// service sets it to [`TICKET_SERVICE_ORIGIN`] on every hand-off (additive: Celery consumers that
/// do not know it pass it on like any other field).
pub const HANDED_OFF_BY: &str = "tts_origin";
/// [`HANDED_OFF_BY`] of the ticket service's own hand-offs.
pub const TICKET_SERVICE_ORIGIN: &str = "ticket-service";

/// `tickets.tasks.record_ticket`, `args = [ticket]` (the helpdesk shape, as the workflow engine
/// received it) on the ticket service's queue: the engine received a ticket that did not come from
/// the ticket service (a helpdesk published `receive_ticket` straight to it), so the ticket service
/// records it — upserted by number like `POST /tickets/send/`, never handed back to the engine.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TicketRecord(pub HelpdeskTicket);
task!(
    TicketRecord,
    "tickets.tasks.record_ticket",
    Shape::ArgObject,
    TicketStatus
);

/// `send_ticket_status`, `args = [ticket_number, status]`: a ticket's status changed in TTS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketStatusUpdate {
    pub ticket_number: String,
    pub status: String,
}
task!(
    TicketStatusUpdate,
    "send_ticket_status",
    Shape::Positional(&["ticket_number", "status"]),
    TicketStatus
);

// ---------------------------------------------------------------------------------------------
// Roles (from the auth service)

/// `role.tasks.sync_role`, `args = [role]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleSync {
    pub role_id: i64,
    pub name: String,
    pub system: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_custom: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    pub action: SyncAction,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
task!(RoleSync, "role.tasks.sync_role", Shape::ArgObject, RoleSync);

/// `role.tasks.sync_user_system_role`, `args = [membership]`: a user gained, changed or lost a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserSystemRoleSync {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_system_role_id: Option<i64>,
    pub user_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_full_name: Option<String>,
    pub system: String,
    pub role_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_at: Option<String>,
    #[serde(default = "yes")]
    pub is_active: bool,
    #[serde(default)]
    pub settings: Value,
    pub action: SyncAction,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
task!(
    UserSystemRoleSync,
    "role.tasks.sync_user_system_role",
    Shape::ArgObject,
    MemberSync
);

fn yes() -> bool {
    true
}

// ---------------------------------------------------------------------------------------------
// User e-mail directory (from the auth service)

/// `notifications.sync_user_email`, kwargs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserEmailSync {
    pub user_id: i64,
    pub email: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default = "yes")]
    pub is_active: bool,
}
task!(
    UserEmailSync,
    "notifications.sync_user_email",
    Shape::Keywords,
    UserEmailSync
);

/// `notifications.bulk_sync_user_emails`, kwargs `{users_data: [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkUserEmailSync {
    pub users_data: Vec<UserEmailSync>,
}
task!(
    BulkUserEmailSync,
    "notifications.bulk_sync_user_emails",
    Shape::Keywords,
    UserEmailSync
);

/// `notifications.delete_user_email_cache`, kwargs `{user_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteUserEmail {
    pub user_id: i64,
}
task!(
    DeleteUserEmail,
    "notifications.delete_user_email_cache",
    Shape::Keywords,
    UserEmailSync
);

// ---------------------------------------------------------------------------------------------
// Notifications (from the workflow API and messaging to the notification service)

/// `task.send_assignment_notification`, kwargs: a step of a ticket was assigned to `user_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentNotification {
    pub user_id: i64,
    pub ticket_number: String,
    pub task_title: String,
    pub role_name: String,
}
task!(
    AssignmentNotification,
    "task.send_assignment_notification",
    Shape::Keywords,
    InappNotifications
);

/// `notifications.send_escalation_notification`, kwargs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationNotification {
    pub from_user_id: i64,
    pub to_user_id: i64,
    pub from_ticket_number: String,
    pub to_ticket_number: String,
    pub task_title: String,
    pub escalated_from_role: String,
    pub escalated_to_role: String,
    #[serde(default)]
    pub escalation_reason: String,
    pub escalated_by_id: i64,
    #[serde(default)]
    pub escalated_by_name: String,
}
task!(
    EscalationNotification,
    "notifications.send_escalation_notification",
    Shape::Keywords,
    InappNotifications
);

/// `notifications.send_task_transfer_notification`, positional args in this order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskTransferNotification {
    pub from_user_id: i64,
    pub to_user_id: i64,
    pub from_ticket_number: String,
    pub to_ticket_number: String,
    pub task_title: String,
    pub transferred_by_id: i64,
    #[serde(default)]
    pub transferred_by_name: String,
    #[serde(default)]
    pub transfer_notes: String,
}
task!(
    TaskTransferNotification,
    "notifications.send_task_transfer_notification",
    Shape::Positional(&[
        "from_user_id",
        "to_user_id",
        "from_ticket_number",
        "to_ticket_number",
        "task_title",
        "transferred_by_id",
        "transferred_by_name",
        "transfer_notes",
    ]),
    InappNotifications
);

/// `notifications.send_task_completed_notification`, kwargs: the ticket's workflow finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskCompletedNotification {
    pub user_id: i64,
    pub ticket_number: String,
    pub task_title: String,
    #[serde(default)]
    pub workflow_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_by_id: Option<i64>,
    #[serde(default)]
    pub completed_by_name: String,
}
task!(
    TaskCompletedNotification,
    "notifications.send_task_completed_notification",
    Shape::Keywords,
    InappNotifications
);

/// `notifications.send_sla_warning_notification`, kwargs: `threshold_percent` of an item's SLA used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaWarningNotification {
    pub user_id: i64,
    pub ticket_number: String,
    pub task_title: String,
    pub step_name: String,
    pub threshold_percent: u8,
    /// RFC 3339.
    pub target_at: String,
    /// Which target: `"resolution"` (an item's step target) or `"response"` (the first public
    /// staff reply); absent in older messages, meaning `"resolution"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The workflow calendar's time zone (IANA), so the notice writes times for its people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The task, for a link to its page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_id: Option<i64>,
}
task!(
    SlaWarningNotification,
    "notifications.send_sla_warning_notification",
    Shape::Keywords,
    InappNotifications
);

/// `notifications.send_sla_breach_notification`, kwargs: an item passed its SLA target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaBreachNotification {
    pub user_id: i64,
    pub ticket_number: String,
    pub task_title: String,
    pub step_name: String,
    /// RFC 3339.
    pub target_at: String,
    /// Which target: `"resolution"` or `"response"`; absent in older messages (`"resolution"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The workflow calendar's time zone (IANA), so the notice writes times for its people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The task, for a link to its page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_id: Option<i64>,
}
task!(
    SlaBreachNotification,
    "notifications.send_sla_breach_notification",
    Shape::Keywords,
    InappNotifications
);

/// `notifications.send_comment_notification`, kwargs: someone commented on a ticket `user_id` is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentNotification {
    pub user_id: i64,
    #[serde(default = "staff")]
    pub user_type: String,
    pub ticket_number: String,
    pub comment_id: String,
    pub author_id: i64,
    /// Staff and employee ids are separate namespaces: employee 7 writing is not staff 7.
    #[serde(default = "staff")]
    pub author_type: String,
    #[serde(default)]
    pub author_name: String,
    #[serde(default)]
    pub excerpt: String,
    /// Where to e-mail the recipient when the directory has no address for them (the
    /// requester's address from the ticket).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_email: Option<String>,
}
task!(
    CommentNotification,
    "notifications.send_comment_notification",
    Shape::Keywords,
    InappNotifications
);

/// `notifications.send_mention_notification`, kwargs: `user_id` was @mentioned in a comment.
/// Same fields as [`CommentNotification`]; a different task so the two read differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MentionNotification(pub CommentNotification);
task!(
    MentionNotification,
    "notifications.send_mention_notification",
    Shape::Keywords,
    InappNotifications
);

fn staff() -> String {
    "staff".into()
}

/// `notifications.create_inapp_notification`, kwargs: a free-form in-app notification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InappNotification {
    pub user_id: i64,
    #[serde(default = "staff")]
    pub user_type: String,
    pub notification_type: String,
    pub subject: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related_ticket_number: Option<String>,
    #[serde(default)]
    pub metadata: Value,
    /// Where to e-mail it when the directory has no address for the person (requesters: the
    /// directory holds staff only). The directory's address wins when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}
task!(
    InappNotification,
    "notifications.create_inapp_notification",
    Shape::Keywords,
    InappNotifications
);

/// `notifications.send_email_async`, kwargs: an e-mail to `user_id` (address from the directory).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmailNotification {
    pub user_id: i64,
    pub subject: String,
    pub message: String,
    pub notification_type: String,
    #[serde(default)]
    pub context: Value,
}
task!(
    EmailNotification,
    "notifications.send_email_async",
    Shape::Keywords,
    EmailNotifications
);

// ---------------------------------------------------------------------------------------------
// Workflow engine jobs

/// `workflow.tasks.deliver_end_logic`, kwargs `{delivery_id}`: call the end-logic endpoint of a
/// completed task (retried with backoff through the queue until it succeeds or is dead-lettered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndLogicJob {
    pub delivery_id: String,
}
task!(
    EndLogicJob,
    "workflow.tasks.deliver_end_logic",
    Shape::Keywords,
    WorkflowTasks
);

/// `workflow.tasks.comment_posted`, kwargs: a comment was posted on a ticket's thread. Sent by
/// messaging for every new comment or reply, in the comment's transaction. The workflow engine
/// records the first public reply by staff (the first response) and resumes a ticket that was
/// `Pending` (waiting for the requester) when the requester replies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentPosted {
    pub ticket_number: String,
    pub comment_id: i64,
    pub author_id: i64,
    /// `staff` or `employee`: the two are numbered apart.
    pub author_type: String,
    /// `public` or `internal`.
    pub visibility: String,
    /// The author is the ticket's requester (as messaging knows it).
    pub by_requester: bool,
    /// When the comment was committed (RFC 3339).
    pub posted_at: chrono::DateTime<chrono::Utc>,
}
task!(
    CommentPosted,
    "workflow.tasks.comment_posted",
    Shape::Keywords,
    WorkflowTasks
);

/// Every task name TTS accepts or sends, with its default queue: for docs and startup checks.
pub fn all_tasks() -> Vec<(&'static str, QueueKind)> {
    fn entry<T: CeleryTask>() -> (&'static str, QueueKind) {
        (T::NAME, T::QUEUE)
    }
    vec![
        entry::<HelpdeskTicket>(),
        entry::<TicketStatusUpdate>(),
        entry::<TicketRecord>(),
        entry::<RoleSync>(),
        entry::<UserSystemRoleSync>(),
        entry::<UserEmailSync>(),
        entry::<BulkUserEmailSync>(),
        entry::<DeleteUserEmail>(),
        entry::<AssignmentNotification>(),
        entry::<EscalationNotification>(),
        entry::<TaskTransferNotification>(),
        entry::<TaskCompletedNotification>(),
        entry::<SlaWarningNotification>(),
        entry::<SlaBreachNotification>(),
        entry::<CommentNotification>(),
        entry::<MentionNotification>(),
        entry::<InappNotification>(),
        entry::<EmailNotification>(),
        entry::<EndLogicJob>(),
        entry::<CommentPosted>(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(task: &str, args: Value, kwargs: Value) -> TaskMessage {
        TaskMessage::new(
            task,
            args.as_array().unwrap().clone(),
            kwargs.as_object().unwrap().clone(),
        )
    }

    #[test]
    fn ticket_number_falls_back_through_the_helpdesk_names() {
        let t: HelpdeskTicket = serde_json::from_value(serde_json::json!({"id": 291})).unwrap();
        assert_eq!(t.number().as_deref(), Some("291"));
        let t: HelpdeskTicket = serde_json::from_value(
            serde_json::json!({"ticket_id": "TX1", "id": 2, "subcategory": "Hardware"}),
        )
        .unwrap();
        assert_eq!(t.number().as_deref(), Some("TX1"));
        assert_eq!(t.sub_category.as_deref(), Some("Hardware"));
        assert_eq!(t.priority_or_default(), "Medium");
    }

    #[test]
    fn positional_and_keyword_forms_both_decode() {
        let positional = message(
            "send_ticket_status",
            serde_json::json!(["TX1", "Resolved"]),
            serde_json::json!({}),
        );
        let keywords = message(
            "send_ticket_status",
            serde_json::json!([]),
            serde_json::json!({"ticket_number": "TX1", "status": "Resolved"}),
        );
        let a = TicketStatusUpdate::from_message(&positional).unwrap();
        let b = TicketStatusUpdate::from_message(&keywords).unwrap();
        assert_eq!(a, b);
        assert_eq!(
            a.to_message().args,
            vec![Value::from("TX1"), Value::from("Resolved")]
        );
    }

    #[test]
    fn payload_errors_name_the_field() {
        let m = message(
            "role.tasks.sync_role",
            serde_json::json!([{"role_id": "four", "name": "x", "system": "tts", "action": "create"}]),
            serde_json::json!({}),
        );
        let e = RoleSync::from_message(&m).unwrap_err();
        assert_eq!(e.field, "role_id");
        let m = message(
            "role.tasks.sync_role",
            serde_json::json!([{"name": "x"}]),
            serde_json::json!({}),
        );
        assert_eq!(RoleSync::from_message(&m).unwrap_err().field, "role_id");
        let m = message(
            "role.tasks.sync_role",
            serde_json::json!([{"role_id": 1, "name": "x", "system": "tts", "action": "explode"}]),
            serde_json::json!({}),
        );
        assert_eq!(RoleSync::from_message(&m).unwrap_err().field, "action");
    }

    #[test]
    fn a_ticket_record_carries_the_ticket_as_its_one_argument() {
        let ticket: HelpdeskTicket = serde_json::from_value(
            serde_json::json!({"ticket_number": "TX1", "subject": "Printer", "employee_id": 14, "x": 1}),
        )
        .unwrap();
        assert!(!ticket.from_ticket_service());
        let m = TicketRecord(ticket.clone()).to_message();
        assert_eq!(m.task, "tickets.tasks.record_ticket");
        assert_eq!(m.args.len(), 1);
        assert_eq!(m.args[0]["ticket_number"], "TX1");
        assert_eq!(
            m.args[0]["x"], 1,
            "fields TTS does not interpret pass through"
        );
        assert_eq!(TicketRecord::from_message(&m).unwrap().0, ticket);
        let mut handed = ticket;
        handed
            .extra
            .insert(HANDED_OFF_BY.into(), TICKET_SERVICE_ORIGIN.into());
        assert!(handed.from_ticket_service());
    }

    #[test]
    fn every_task_name_is_listed_once() {
        let mut names: Vec<_> = all_tasks().into_iter().map(|(n, _)| n).collect();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
