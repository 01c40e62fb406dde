//! What can be done with tickets. Each operation is one transaction: its checks, its writes and
//! its outbox row commit together or not at all; the relay is woken after the commit.

use diesel_async::{AsyncConnection, AsyncPgConnection};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use tts_shared::amqp::{TaskMessage, outbox};
use tts_shared::auth::{AuthUser, Caller, Scope, UserType};
use tts_shared::events::{CeleryTask, HANDED_OFF_BY, HelpdeskTicket};
use utoipa::ToSchema;

use crate::AppState;
use tts_shared::files::hex;

use crate::domain::handoff;
use crate::domain::ticket::{
    MAX_LABEL_CHARS, MAX_TEXT_CHARS, Priority, Problems, Status, StatusSync, ticket_number,
    valid_external_number,
};
use crate::error::TicketError;
use crate::store::audit::{self, Actor};
use crate::store::tickets::{ListFilter, TicketFields, TicketRow, Visibility};
use crate::store::{attachments, idempotency, tickets};
use crate::views::{SendResult, TicketPage, TicketView};

/// Staff with a `tts` role see every ticket; everyone else sees their own.
pub fn sees_all(user: &AuthUser) -> bool {
    user.user_type == UserType::Staff && user.has_system("tts")
}

pub fn is_requester(user: &AuthUser, t: &TicketRow) -> bool {
    t.requester_id == Some(user.user_id)
        && t.requester_type.as_deref() == Some(user.user_type.as_str())
}

pub fn can_see(user: &AuthUser, t: &TicketRow) -> bool {
    sees_all(user) || is_requester(user, t)
}

/// Body of `POST /tickets/`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!(crate::examples::new_ticket()))]
pub struct NewTicket {
    /// Required; trimmed.
    #[schema(required = true, min_length = 1, max_length = 255)]
    pub subject: Option<String>,
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    #[schema(max_length = 255)]
    pub category: Option<String>,
    #[schema(max_length = 255)]
    pub sub_category: Option<String>,
    #[schema(max_length = 255)]
    pub department: Option<String>,
    /// Default `Medium`.
    pub priority: Option<Priority>,
    /// Free-form JSON object (a form's answers), at most 64 KiB serialised.
    #[schema(value_type = Option<Object>)]
    pub data: Option<Value>,
}

/// Body of `PATCH /tickets/{ticket_number}/`. Absent fields are left as they are; an empty
/// string clears `category`, `sub_category` or `department`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!(crate::examples::ticket_patch()))]
pub struct TicketPatch {
    #[schema(min_length = 1, max_length = 255)]
    pub subject: Option<String>,
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    #[schema(max_length = 255)]
    pub category: Option<String>,
    #[schema(max_length = 255)]
    pub sub_category: Option<String>,
    #[schema(max_length = 255)]
    pub department: Option<String>,
    pub priority: Option<Priority>,
    /// A requester may only set `Withdrawn`.
    pub status: Option<Status>,
    /// Replaces the whole object; at most 64 KiB serialised.
    #[schema(value_type = Option<Object>)]
    pub data: Option<Value>,
}

fn label(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// Result of a create: a new ticket, or the stored answer to an earlier request with the same key.
pub enum Created {
    New(Box<TicketView>),
    Replay { status: u16, body: Value },
}

pub async fn create(
    state: &AppState,
    user: &AuthUser,
    input: NewTicket,
    idempotency_key: Option<&[u8]>,
) -> Result<Created, TicketError> {
    let mut problems = Problems::default();
    let idempotency_key = problems.idempotency_key(idempotency_key);
    let subject = problems.subject(input.subject.as_deref());
    problems.text("description", input.description.as_deref(), MAX_TEXT_CHARS);
    for (field, value) in [
        ("category", &input.category),
        ("sub_category", &input.sub_category),
        ("department", &input.department),
    ] {
        problems.text(field, value.as_deref(), MAX_LABEL_CHARS);
    }
    problems.data(input.data.as_ref());
    problems.into_result().map_err(TicketError::Invalid)?;

    let fields = TicketFields {
        subject,
        description: input.description.clone().unwrap_or_default(),
        category: label(input.category.as_deref()),
        sub_category: label(input.sub_category.as_deref()),
        department: label(input.department.as_deref()),
        priority: input.priority.unwrap_or(Priority::Medium).as_str().into(),
        status: Status::New.as_str().into(),
        requester_id: Some(user.user_id),
        requester_type: Some(user.user_type.as_str().into()),
        requester_email: user.email.clone(),
        requester_name: Some(user.name.clone()).filter(|n| !n.is_empty()),
        data: input
            .data
            .clone()
            .unwrap_or_else(|| Value::Object(Map::new())),
        helpdesk_extra: Value::Object(Map::new()),
    };
    let request_hash = hex(&Sha256::digest(
        serde_json::to_vec(&input).expect("input serialises"),
    ));
    let requester = (user.user_type.as_str(), user.user_id);
    let mut conn = state.platform.db().conn().await?;
    let created = conn
        .transaction(async |conn| {
            if let Some(key) = &idempotency_key
                && let Some(stored) =
                    idempotency::claim(conn, requester, key, &request_hash).await?
            {
                if stored.request_hash != request_hash {
                    return Err(TicketError::IdempotencyMismatch);
                }
                return Ok(Created::Replay {
                    status: stored.response_status.unwrap_or(201) as u16,
                    body: stored.response_body.unwrap_or(Value::Null),
                });
            }
            let ticket = insert_with_new_number(conn, &fields).await?;
            let changes = audit::changes(None, &ticket);
            audit::record(
                conn,
                Actor::User(user),
                "ticket.created",
                &ticket.ticket_number,
                changes,
            )
            .await?;
            hand_off(state, conn, &ticket).await?;
            let view = TicketView::new(&ticket, Some(&[]));
            if let Some(key) = &idempotency_key {
                let body = serde_json::to_value(&view).expect("views serialise");
                idempotency::store_response(conn, requester, key, 201, &body).await?;
            }
            Ok(Created::New(Box::new(view)))
        })
        .await?;
    if let Created::New(_) = created {
        metrics::counter!("tickets_created_total", "source" => "api").increment(1);
        state.platform.outbox().notify();
    }
    Ok(created)
}

/// A generated number may already belong to a helpdesk ticket; then the next one is taken.
async fn insert_with_new_number(
    conn: &mut AsyncPgConnection,
    fields: &TicketFields,
) -> Result<TicketRow, TicketError> {
    for _ in 0..10 {
        let number = ticket_number(chrono::Utc::now(), tickets::next_sequence(conn).await?);
        if let Some(ticket) = tickets::insert(conn, &number, "api", fields).await? {
            return Ok(ticket);
        }
    }
    Err(TicketError::Conflict(
        "no free ticket number today; the daily range is exhausted".into(),
    ))
}

/// Queues `tickets.tasks.receive_ticket` if the ticket's status calls for it and what the
/// workflow engine would see changed since the last hand-off. Runs inside the caller's
/// transaction, so the message exists exactly when the change does.
async fn hand_off(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    ticket: &TicketRow,
) -> Result<bool, TicketError> {
    let eligible = Status::parse(&ticket.status)
        .is_some_and(|s| handoff::eligible(s, state.settings.hand_off_new_tickets));
    if !eligible {
        return Ok(false);
    }
    let files = attachments::for_ticket(conn, ticket.id).await?;
    let payload = handoff::payload(ticket, &files);
    let fingerprint = handoff::fingerprint(&payload);
    if ticket.handoff_fingerprint.as_deref() == Some(fingerprint.as_str()) {
        return Ok(false);
    }
    let message = TaskMessage::new(HelpdeskTicket::NAME, vec![payload], Map::new());
    let queue = &state.platform.settings().queues.queue_ticket_tasks;
    outbox::enqueue(conn, queue, &message).await?;
    tickets::mark_handed_off(conn, ticket.id, &fingerprint).await?;
    Ok(true)
}

/// `POST /tickets/send/`: a ticket in the helpdesk's shape, inserted or updated by its number.
pub async fn send(
    state: &AppState,
    caller: &Caller,
    ticket: HelpdeskTicket,
) -> Result<SendResult, TicketError> {
    match caller {
        Caller::User(user) => user.require_any(&["hdts:Admin", "hdts:Ticket Coordinator"]),
        Caller::Service(service) => service.require(Scope::HelpdeskUpsert),
    }
    .map_err(|e| TicketError::Forbidden(e.message))?;
    let (number, fields) = helpdesk_fields(&ticket)?;
    let mut conn = state.platform.db().conn().await?;
    let result = conn
        .transaction(async |conn| {
            upsert_helpdesk(state, conn, &number, fields, Via::Helpdesk(caller.into())).await
        })
        .await?;
    if result.created {
        metrics::counter!("tickets_created_total", "source" => "helpdesk").increment(1);
    }
    if result.handed_off {
        state.platform.outbox().notify();
    }
    Ok(result)
}

/// How a helpdesk-shaped ticket arrived.
#[derive(Debug, Clone, Copy)]
pub enum Via<'a> {
    /// `POST /tickets/send/`: handed off to the workflow engine when it changed.
    Helpdesk(Actor<'a>),
    /// `tickets.tasks.record_ticket`: the workflow engine already has it, so it is not handed off
    /// back; the hand-off fingerprint is recorded instead, so the same ticket sent later through
    /// `POST /tickets/send/` is not handed off again (a changed one is).
    Engine,
}

/// The number and fields of a helpdesk ticket, or every problem with it (422 naming the fields).
pub fn helpdesk_fields(ticket: &HelpdeskTicket) -> Result<(String, TicketFields), TicketError> {
    let mut problems = Problems::default();
    let number = ticket.number().unwrap_or_default();
    if number.is_empty() {
        problems.add(
            "ticket_number",
            "is required (or ticket_id, id, original_ticket_id)",
        );
    } else if !valid_external_number(&number) {
        problems.add("ticket_number", "must be 1–64 letters, digits, '-' or '_'");
    }
    let subject = problems.subject(Some(&ticket.subject));
    problems.text("description", ticket.description.as_deref(), MAX_TEXT_CHARS);
    let priority = match ticket.priority.as_deref().filter(|p| !p.trim().is_empty()) {
        None => Priority::Medium,
        Some(p) => Priority::parse(p).unwrap_or_else(|| {
            problems.add(
                "priority",
                format!("`{p}` is not one of Low, Medium, High, Critical"),
            );
            Priority::Medium
        }),
    };
    let status = match ticket.status.as_deref().filter(|s| !s.trim().is_empty()) {
        None => Status::Open,
        Some(s) => Status::parse(s).unwrap_or_else(|| {
            problems.add("status", format!("`{s}` is not a ticket status"));
            Status::Open
        }),
    };
    let data = match &ticket.dynamic_data {
        Value::Null => Value::Object(Map::new()),
        other => other.clone(),
    };
    problems.data(Some(&data));
    problems.into_result().map_err(TicketError::Invalid)?;

    let employee = ticket.employee.clone().unwrap_or_default();
    let name = [
        employee.first_name.as_deref(),
        employee.last_name.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ");
    let mut extra = serde_json::to_value(ticket).expect("tickets serialise");
    if let Value::Object(map) = &mut extra {
        for mapped in [
            "ticket_number",
            "subject",
            "description",
            "category",
            "sub_category",
            "department",
            "priority",
            "status",
            "dynamic_data",
            "update_date",
            HANDED_OFF_BY,
        ] {
            map.remove(mapped);
        }
    }
    let fields = TicketFields {
        subject,
        description: ticket.description.clone().unwrap_or_default(),
        category: label(ticket.category.as_deref()),
        sub_category: label(ticket.sub_category.as_deref()),
        department: label(ticket.department.as_deref()),
        priority: priority.as_str().into(),
        status: status.as_str().into(),
        requester_id: ticket.employee_id,
        requester_type: ticket
            .employee_id
            .map(|_| UserType::Employee.as_str().into()),
        requester_email: ticket.employee_email.clone().or(employee.email.clone()),
        requester_name: Some(name).filter(|n| !n.is_empty()),
        data,
        helpdesk_extra: extra,
    };
    Ok((number, fields))
}

/// Inserts or updates a helpdesk-shaped ticket by its number inside the caller's transaction,
/// audited. The status never moves backwards (same rule as the status sync), so a late re-send or
/// record changes nothing of it.
pub async fn upsert_helpdesk(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    number: &str,
    mut fields: TicketFields,
    via: Via<'_>,
) -> Result<SendResult, TicketError> {
    let (ticket, created, before) = match tickets::find_for_update(conn, number).await? {
        None => match tickets::insert(conn, number, "helpdesk", &fields).await? {
            Some(t) => (t, true, None),
            // Inserted by a concurrent request between our look-up and insert.
            None => {
                return Err(TicketError::Conflict(
                    "the ticket is being created right now; retry".into(),
                ));
            }
        },
        Some(existing) if existing.source != "helpdesk" => {
            if let Via::Engine = via {
                // Created here and handed off by an older version without the origin marker:
                // the engine's copy is this service's own hand-off, nothing to record.
                let files = attachments::for_ticket(conn, existing.id).await?;
                return Ok(SendResult {
                    ticket: TicketView::new(&existing, Some(&files)),
                    created: false,
                    handed_off: false,
                });
            }
            return Err(TicketError::Conflict(format!(
                "ticket {number} was created in TTS, not by a helpdesk"
            )));
        }
        Some(existing) => {
            // The workflow engine owns the status once it has the ticket: a re-send never
            // moves it backwards (same rule as the status sync).
            let current = Status::parse(&existing.status).unwrap_or(Status::Open);
            let incoming = Status::parse(&fields.status).unwrap_or(Status::Open);
            if let StatusSync::Ignore(_) = Status::sync(current, incoming) {
                fields.status = existing.status.clone();
            }
            if same_fields(&existing, &fields) {
                (existing, false, None)
            } else {
                let updated = tickets::update(conn, existing.id, &fields).await?;
                (updated, false, Some(existing))
            }
        }
    };
    if created || before.is_some() {
        let (actor, action) = match via {
            Via::Helpdesk(actor) => (actor, "ticket.upserted"),
            Via::Engine => (Actor::System("workflow-engine"), "ticket.recorded"),
        };
        let changes = audit::changes(before.as_ref(), &ticket);
        audit::record(conn, actor, action, number, changes).await?;
    }
    let handed_off = match via {
        Via::Helpdesk(_) => hand_off(state, conn, &ticket).await?,
        Via::Engine => {
            let files = attachments::for_ticket(conn, ticket.id).await?;
            let fingerprint = handoff::fingerprint(&handoff::payload(&ticket, &files));
            tickets::mark_handed_off(conn, ticket.id, &fingerprint).await?;
            false
        }
    };
    let files = attachments::for_ticket(conn, ticket.id).await?;
    Ok(SendResult {
        ticket: TicketView::new(&ticket, Some(&files)),
        created,
        handed_off,
    })
}

fn same_fields(t: &TicketRow, f: &TicketFields) -> bool {
    t.subject == f.subject
        && t.description == f.description
        && t.category == f.category
        && t.sub_category == f.sub_category
        && t.department == f.department
        && t.priority == f.priority
        && t.status == f.status
        && t.requester_id == f.requester_id
        && t.requester_type == f.requester_type
        && t.requester_email == f.requester_email
        && t.requester_name == f.requester_name
        && t.data == f.data
        && t.helpdesk_extra == f.helpdesk_extra
}

/// A ticket the caller may see, with its attachments.
pub async fn get(
    state: &AppState,
    caller: &Caller,
    number: &str,
) -> Result<TicketView, TicketError> {
    if let Caller::Service(service) = caller {
        service
            .require(Scope::TicketsRead)
            .map_err(|e| TicketError::Forbidden(e.message))?;
    }
    let mut conn = state.platform.db().conn().await?;
    let ticket = tickets::find(&mut conn, number)
        .await?
        .filter(|t| match caller {
            Caller::User(user) => can_see(user, t),
            Caller::Service(_) => true,
        })
        .ok_or(TicketError::NotFound)?;
    let files = attachments::for_ticket(&mut conn, ticket.id).await?;
    Ok(TicketView::new(&ticket, Some(&files)))
}

pub async fn list(
    state: &AppState,
    user: &AuthUser,
    filter: ListFilter,
    cursor: Option<i64>,
    limit: i64,
) -> Result<TicketPage, TicketError> {
    let visibility = if sees_all(user) {
        Visibility::All
    } else {
        Visibility::Requester {
            id: user.user_id,
            user_type: user.user_type.as_str(),
        }
    };
    let mut conn = state.platform.db().conn().await?;
    // One row more than asked tells whether there is a next page.
    let mut rows = tickets::list(&mut conn, visibility, &filter, cursor, limit + 1).await?;
    let next_cursor = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last()
            .map(|t| tts_shared::http::cursor::encode('t', t.id))
    } else {
        None
    };
    Ok(TicketPage {
        items: rows.iter().map(|t| TicketView::new(t, None)).collect(),
        next_cursor,
    })
}

/// `PATCH`: the requester while the ticket is `New` or `Open` (and only to withdraw it, as far
/// as status goes), or a `tts:Admin` at any time.
pub async fn update(
    state: &AppState,
    user: &AuthUser,
    number: &str,
    patch: TicketPatch,
    if_match: Option<&[u8]>,
) -> Result<TicketView, TicketError> {
    let mut problems = Problems::default();
    let if_match = problems.if_match(if_match);
    let subject = patch.subject.as_deref().map(|s| problems.subject(Some(s)));
    problems.text("description", patch.description.as_deref(), MAX_TEXT_CHARS);
    for (field, value) in [
        ("category", &patch.category),
        ("sub_category", &patch.sub_category),
        ("department", &patch.department),
    ] {
        problems.text(field, value.as_deref(), MAX_LABEL_CHARS);
    }
    problems.data(patch.data.as_ref());
    problems.into_result().map_err(TicketError::Invalid)?;

    let mut conn = state.platform.db().conn().await?;
    let (ticket, files, handed_off) = conn
        .transaction(async |conn| {
            let current = tickets::find_for_update(conn, number)
                .await?
                .filter(|t| can_see(user, t))
                .ok_or(TicketError::NotFound)?;
            if !user.is_tts_admin() {
                if !is_requester(user, &current) {
                    return Err(TicketError::Forbidden(
                        "only the requester or a tts:Admin may change a ticket".into(),
                    ));
                }
                if !matches!(current.status.as_str(), "New" | "Open") {
                    return Err(TicketError::Forbidden(format!(
                        "a ticket in status {} can no longer be changed by its requester",
                        current.status
                    )));
                }
                if let Some(s) = patch.status
                    && s != Status::Withdrawn
                {
                    return Err(TicketError::invalid(
                        "status",
                        "a requester may only set Withdrawn",
                    ));
                }
            }
            if let Some(expected) = if_match
                && expected != current.version
            {
                return Err(TicketError::VersionConflict {
                    current: current.version,
                });
            }
            let fields = TicketFields {
                subject: subject.clone().unwrap_or_else(|| current.subject.clone()),
                description: patch
                    .description
                    .clone()
                    .unwrap_or_else(|| current.description.clone()),
                category: patch
                    .category
                    .as_deref()
                    .map_or(current.category.clone(), |v| label(Some(v))),
                sub_category: patch
                    .sub_category
                    .as_deref()
                    .map_or(current.sub_category.clone(), |v| label(Some(v))),
                department: patch
                    .department
                    .as_deref()
                    .map_or(current.department.clone(), |v| label(Some(v))),
                priority: patch
                    .priority
                    .map_or(current.priority.clone(), |p| p.as_str().into()),
                status: patch
                    .status
                    .map_or(current.status.clone(), |s| s.as_str().into()),
                requester_id: current.requester_id,
                requester_type: current.requester_type.clone(),
                requester_email: current.requester_email.clone(),
                requester_name: current.requester_name.clone(),
                data: patch.data.clone().unwrap_or_else(|| current.data.clone()),
                helpdesk_extra: current.helpdesk_extra.clone(),
            };
            let ticket = if same_fields(&current, &fields) {
                current
            } else {
                let updated = tickets::update(conn, current.id, &fields).await?;
                let changes = audit::changes(Some(&current), &updated);
                audit::record(conn, Actor::User(user), "ticket.updated", number, changes).await?;
                updated
            };
            let handed_off = hand_off(state, conn, &ticket).await?;
            let files = attachments::for_ticket(conn, ticket.id).await?;
            Ok((ticket, files, handed_off))
        })
        .await?;
    if handed_off {
        state.platform.outbox().notify();
    }
    Ok(TicketView::new(&ticket, Some(&files)))
}

/// Adds an uploaded file to a ticket the caller may see.
pub async fn attach(
    state: &AppState,
    user: &AuthUser,
    number: &str,
    file_name: &str,
    content_type: &str,
    bytes: &[u8],
) -> Result<crate::views::AttachmentView, TicketError> {
    {
        let mut conn = state.platform.db().conn().await?;
        tickets::find(&mut conn, number)
            .await?
            .filter(|t| can_see(user, t))
            .ok_or(TicketError::NotFound)?;
    }
    // The bytes go to disk before the record: a record never points at a missing file. A file
    // whose record then fails to commit is an unreferenced copy, harmless and reused by the next
    // upload of the same content.
    let sha = state.files.put(bytes).await?;
    let mut conn = state.platform.db().conn().await?;
    let (attachment, handed_off) = conn
        .transaction(async |conn| {
            let ticket = tickets::find_for_update(conn, number)
                .await?
                .ok_or(TicketError::NotFound)?;
            let row = attachments::insert(
                conn,
                &attachments::NewAttachment {
                    ticket_id: ticket.id,
                    file_name,
                    content_type,
                    size_bytes: bytes.len() as i64,
                    sha256: &sha,
                    uploaded_by_id: user.user_id,
                    uploaded_by_type: user.user_type.as_str(),
                },
            )
            .await?;
            let handed_off = hand_off(state, conn, &ticket).await?;
            Ok::<_, TicketError>((crate::views::AttachmentView::new(number, &row), handed_off))
        })
        .await?;
    if handed_off {
        state.platform.outbox().notify();
    }
    Ok(attachment)
}

/// The record and on-disk path of an attachment the caller may see.
pub async fn attachment(
    state: &AppState,
    user: &AuthUser,
    number: &str,
    id: i64,
) -> Result<(attachments::AttachmentRow, std::path::PathBuf), TicketError> {
    let mut conn = state.platform.db().conn().await?;
    let ticket = tickets::find(&mut conn, number)
        .await?
        .filter(|t| can_see(user, t))
        .ok_or(TicketError::NotFound)?;
    let row = attachments::find(&mut conn, ticket.id, id)
        .await?
        .ok_or(TicketError::AttachmentNotFound)?;
    let path = state.files.path(&row.sha256);
    Ok((row, path))
}
