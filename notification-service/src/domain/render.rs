//! What a person is told: each notification message becomes one or more in-app notifications
//! (an escalation or a transfer concerns two people) in clear sentences, and nobody is told of
//! their own action. Times are written for people, in the zone the payload names
//! (`time_zone`), else the configured one.

use chrono_tz::Tz;
use serde_json::{Value, json};
use tts_shared::amqp::TaskMessage;
use tts_shared::events::*;

/// Every notification type, for `GET /notifications/types/` and preferences.
pub const TYPES: [&str; 17] = [
    "task_assignment",
    "task_transfer_in",
    "task_transfer_out",
    "task_escalation_in",
    "task_escalation_out",
    "task_completed",
    "workflow_step_change",
    "sla_warning",
    "sla_breach",
    "ticket_status",
    "comment_added",
    "mention",
    "system",
    // What a requester is told of their ticket (sent by the workflow engine).
    "ticket_received",
    "ticket_pending",
    "ticket_resolved",
    // The requester withdrew the ticket (sent by the workflow engine to the staff on it).
    "task_withdrawn",
];

/// The subject of a notification type whose producer sent none.
fn default_subject(kind: &str, ticket: Option<&str>) -> String {
    let ticket = ticket.unwrap_or("your ticket");
    match kind {
        "ticket_received" => format!("We received {ticket}"),
        "ticket_pending" => format!("Waiting for you: {ticket}"),
        "ticket_resolved" => format!("Resolved: {ticket}"),
        _ => format!("Update on {ticket}"),
    }
}

/// One notification for one person.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub user_id: i64,
    pub user_type: String,
    pub notification_type: &'static str,
    pub subject: String,
    pub message: String,
    pub ticket: Option<String>,
    /// The workflow task it is about, when the payload names it: e-mails link to its page.
    pub task_id: Option<i64>,
    pub metadata: Value,
    /// Where to e-mail it when the directory has no address for the person (the payload's
    /// `email` or `recipient_email`: requesters are not in the directory).
    pub email: Option<String>,
}

fn one(
    user_id: i64,
    kind: &'static str,
    subject: String,
    message: String,
    ticket: &str,
    metadata: Value,
) -> Rendered {
    Rendered {
        user_id,
        user_type: "staff".into(),
        notification_type: kind,
        subject,
        message,
        ticket: Some(ticket.to_string()),
        task_id: None,
        metadata,
        email: None,
    }
}

/// An optional field a producer may add to any notification payload besides its task's own
/// (docs/events.md): read from the keywords, or from the single object a keyword payload may be
/// sent as. Not part of the typed payloads, so producers that do not send it are unaffected.
fn extra<'a>(message: &'a TaskMessage, field: &str) -> Option<&'a Value> {
    message
        .kwargs
        .get(field)
        .or_else(|| match message.args.as_slice() {
            [Value::Object(map)] => map.get(field),
            _ => None,
        })
}

/// A task id as a number or a numeric string; anything else counts as absent.
fn task_id_of(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn by(name: &str) -> &str {
    if name.trim().is_empty() {
        "Someone"
    } else {
        name.trim()
    }
}

/// A comment or a mention: same payload, different words.
fn about_comment(
    p: CommentNotification,
    kind: &'static str,
    subject: String,
    verb: &str,
) -> Rendered {
    let mut r = one(
        p.user_id,
        kind,
        subject,
        format!(
            "{} {verb} ticket {}: {}",
            by(&p.author_name),
            p.ticket_number,
            p.excerpt
        ),
        &p.ticket_number,
        json!({"comment_id": p.comment_id}),
    );
    r.user_type = p.user_type;
    r.email = p.recipient_email;
    r
}

/// The notifications a message stands for, times written in the payload's `time_zone` or else
/// `default_zone`; `Err` names what is wrong with it.
pub fn render(message: &TaskMessage, default_zone: Tz) -> Result<Vec<Rendered>, PayloadError> {
    let mut out: Vec<Rendered> = Vec::new();
    let zone = crate::domain::time::zone_or(
        extra(message, "time_zone").and_then(Value::as_str),
        default_zone,
    );
    let when = |raw: &str| crate::domain::time::rfc3339_for_people(raw, zone);
    // The task it is about, for the e-mail's link; comments and mentions are about the ticket.
    let mut task_id = task_id_of(extra(message, "task_id"));
    // Who acted, as (user type, id): task actions are staff's; a comment's author may be either.
    let mut actor: Option<(String, i64)> = None;
    match message.task.as_str() {
        AssignmentNotification::NAME => {
            let p = AssignmentNotification::from_message(message)?;
            out.push(one(
                p.user_id,
                "task_assignment",
                format!("New task: {}", p.task_title),
                format!(
                    "You have been assigned ticket {} ({}) as {}.",
                    p.ticket_number, p.task_title, p.role_name
                ),
                &p.ticket_number,
                json!({"role_name": p.role_name}),
            ));
        }
        EscalationNotification::NAME => {
            let p = EscalationNotification::from_message(message)?;
            actor = Some(("staff".into(), p.escalated_by_id));
            let reason = if p.escalation_reason.is_empty() {
                String::new()
            } else {
                format!(" Reason: {}", p.escalation_reason)
            };
            out.push(one(
                p.to_user_id,
                "task_escalation_in",
                format!("Escalated to you: {}", p.task_title),
                format!(
                    "{} escalated ticket {} ({}) from {} to you in {}.{reason}",
                    by(&p.escalated_by_name),
                    p.to_ticket_number,
                    p.task_title,
                    p.escalated_from_role,
                    p.escalated_to_role
                ),
                &p.to_ticket_number,
                json!({"from_user_id": p.from_user_id, "reason": p.escalation_reason}),
            ));
            out.push(one(
                p.from_user_id,
                "task_escalation_out",
                format!("Escalated: {}", p.task_title),
                format!(
                    "Ticket {} ({}) was escalated from {} to {}.{reason}",
                    p.from_ticket_number, p.task_title, p.escalated_from_role, p.escalated_to_role
                ),
                &p.from_ticket_number,
                json!({"to_user_id": p.to_user_id, "reason": p.escalation_reason}),
            ));
        }
        TaskTransferNotification::NAME => {
            let p = TaskTransferNotification::from_message(message)?;
            actor = Some(("staff".into(), p.transferred_by_id));
            let notes = if p.transfer_notes.is_empty() {
                String::new()
            } else {
                format!(" Notes: {}", p.transfer_notes)
            };
            out.push(one(
                p.to_user_id,
                "task_transfer_in",
                format!("Transferred to you: {}", p.task_title),
                format!(
                    "{} transferred ticket {} ({}) to you.{notes}",
                    by(&p.transferred_by_name),
                    p.to_ticket_number,
                    p.task_title
                ),
                &p.to_ticket_number,
                json!({"from_user_id": p.from_user_id}),
            ));
            out.push(one(
                p.from_user_id,
                "task_transfer_out",
                format!("Transferred away: {}", p.task_title),
                format!(
                    "{} transferred ticket {} ({}) from you to someone else.{notes}",
                    by(&p.transferred_by_name),
                    p.from_ticket_number,
                    p.task_title
                ),
                &p.from_ticket_number,
                json!({"to_user_id": p.to_user_id}),
            ));
        }
        TaskCompletedNotification::NAME => {
            let p = TaskCompletedNotification::from_message(message)?;
            actor = p.completed_by_id.map(|id| ("staff".into(), id));
            out.push(one(
                p.user_id,
                "task_completed",
                format!("Completed: {}", p.task_title),
                format!(
                    "{} completed ticket {} ({}) in {}.",
                    by(&p.completed_by_name),
                    p.ticket_number,
                    p.task_title,
                    p.workflow_name
                ),
                &p.ticket_number,
                json!({"workflow_name": p.workflow_name}),
            ));
        }
        SlaWarningNotification::NAME => {
            let p = SlaWarningNotification::from_message(message)?;
            out.push(one(
                p.user_id,
                "sla_warning",
                format!("SLA {}% used: {}", p.threshold_percent, p.task_title),
                format!(
                    "Step {} of ticket {} ({}) has used {}% of its time; its target is {}.",
                    p.step_name,
                    p.ticket_number,
                    p.task_title,
                    p.threshold_percent,
                    when(&p.target_at)
                ),
                &p.ticket_number,
                json!({"threshold_percent": p.threshold_percent, "target_at": p.target_at}),
            ));
        }
        SlaBreachNotification::NAME => {
            let p = SlaBreachNotification::from_message(message)?;
            out.push(one(
                p.user_id,
                "sla_breach",
                format!("SLA breached: {}", p.task_title),
                format!(
                    "Step {} of ticket {} ({}) passed its target at {}.",
                    p.step_name,
                    p.ticket_number,
                    p.task_title,
                    when(&p.target_at)
                ),
                &p.ticket_number,
                json!({"target_at": p.target_at}),
            ));
        }
        CommentNotification::NAME => {
            let p = CommentNotification::from_message(message)?;
            actor = Some((p.author_type.clone(), p.author_id));
            task_id = None;
            let subject = format!("New comment on {}", p.ticket_number);
            out.push(about_comment(p, "comment_added", subject, "commented on"));
        }
        MentionNotification::NAME => {
            let p = MentionNotification::from_message(message)?.0;
            actor = Some((p.author_type.clone(), p.author_id));
            task_id = None;
            let subject = format!("You were mentioned on {}", p.ticket_number);
            out.push(about_comment(p, "mention", subject, "mentioned you on"));
        }
        InappNotification::NAME => {
            let p = InappNotification::from_message(message)?;
            let kind = TYPES
                .iter()
                .copied()
                .find(|t| *t == p.notification_type)
                .unwrap_or("system");
            // A step change names its task in the metadata (the workflow API sends it so).
            task_id = task_id.or_else(|| task_id_of(p.metadata.get("task_id")));
            let subject = if p.subject.trim().is_empty() {
                default_subject(kind, p.related_ticket_number.as_deref())
            } else {
                p.subject
            };
            out.push(Rendered {
                user_id: p.user_id,
                user_type: p.user_type,
                notification_type: kind,
                subject,
                message: p.message,
                ticket: p.related_ticket_number,
                task_id: None,
                metadata: p.metadata,
                email: p.email,
            });
        }
        other => {
            return Err(PayloadError {
                task: other.to_string(),
                field: "task".into(),
                message: "is not a notification this service knows".into(),
            });
        }
    }
    // Nobody is told of their own action.
    out.retain(|r| actor.as_ref() != Some(&(r.user_type.clone(), r.user_id)));
    for r in &mut out {
        r.task_id = task_id;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_escalation_tells_both_sides_but_not_the_actor() {
        let p = EscalationNotification {
            from_user_id: 7,
            to_user_id: 3,
            from_ticket_number: "TX1".into(),
            to_ticket_number: "TX1".into(),
            task_title: "Laptop".into(),
            escalated_from_role: "Agents".into(),
            escalated_to_role: "Admins".into(),
            escalation_reason: "limit".into(),
            escalated_by_id: 7,
            escalated_by_name: "Jane".into(),
        };
        let rendered = render(&p.to_message(), Tz::UTC).unwrap();
        assert_eq!(rendered.len(), 1, "Jane escalated it herself");
        assert_eq!(
            (rendered[0].user_id, rendered[0].notification_type),
            (3, "task_escalation_in")
        );
        assert!(
            rendered[0].message.contains("Reason: limit"),
            "{}",
            rendered[0].message
        );
    }

    #[test]
    fn unknown_types_become_system_and_unknown_tasks_are_refused() {
        let p = InappNotification {
            user_id: 5,
            user_type: "employee".into(),
            notification_type: "weird".into(),
            subject: "s".into(),
            message: "m".into(),
            related_ticket_number: None,
            metadata: Value::Null,
            email: None,
        };
        let r = render(&p.to_message(), Tz::UTC).unwrap();
        assert_eq!(
            (r[0].notification_type, r[0].user_type.as_str()),
            ("system", "employee")
        );
        let other = TaskMessage::new("notifications.unknown", vec![], Default::default());
        assert_eq!(render(&other, Tz::UTC).unwrap_err().field, "task");
    }

    #[test]
    fn requester_updates_are_known_types_carry_their_address_and_always_have_a_subject() {
        let resolved = InappNotification {
            user_id: 14,
            user_type: "employee".into(),
            notification_type: "ticket_resolved".into(),
            subject: String::new(),
            message: "Your ticket was resolved.".into(),
            related_ticket_number: Some("TX2".into()),
            metadata: Value::Null,
            email: Some("juan@example.com".into()),
        };
        let r = render(&resolved.to_message(), Tz::UTC).unwrap();
        assert_eq!(r[0].notification_type, "ticket_resolved");
        assert_eq!(
            r[0].subject, "Resolved: TX2",
            "the producer sent no subject"
        );
        assert_eq!(r[0].email.as_deref(), Some("juan@example.com"));
        for kind in ["ticket_received", "ticket_pending", "ticket_resolved"] {
            assert!(TYPES.contains(&kind), "{kind}");
        }
        let comment = CommentNotification {
            user_id: 14,
            user_type: "employee".into(),
            ticket_number: "TX2".into(),
            comment_id: "c1".into(),
            author_id: 7,
            author_type: "staff".into(),
            author_name: "Jane".into(),
            excerpt: "Fixed".into(),
            recipient_email: Some("juan@example.com".into()),
        };
        let r = render(&comment.to_message(), Tz::UTC).unwrap();
        assert_eq!(r[0].email.as_deref(), Some("juan@example.com"));
    }

    #[test]
    fn comments_and_mentions_name_the_author_and_skip_the_author() {
        let comment = CommentNotification {
            user_id: 14,
            user_type: "employee".into(),
            ticket_number: "TX2".into(),
            comment_id: "c1".into(),
            author_id: 7,
            author_type: "staff".into(),
            author_name: "Jane".into(),
            excerpt: "Try the other dock".into(),
            recipient_email: None,
        };
        let r = render(&comment.to_message(), Tz::UTC).unwrap();
        assert_eq!(
            (r[0].notification_type, r[0].user_type.as_str()),
            ("comment_added", "employee")
        );
        assert_eq!(
            r[0].message,
            "Jane commented on ticket TX2: Try the other dock"
        );
        let mention = MentionNotification(CommentNotification {
            user_id: 9,
            user_type: "staff".into(),
            ..comment.clone()
        });
        let r = render(&mention.to_message(), Tz::UTC).unwrap();
        assert_eq!(
            (r[0].notification_type, r[0].message.as_str()),
            (
                "mention",
                "Jane mentioned you on ticket TX2: Try the other dock"
            )
        );
        let own = CommentNotification {
            user_id: 7,
            user_type: "staff".into(),
            ..comment
        };
        assert!(
            render(&own.to_message(), Tz::UTC).unwrap().is_empty(),
            "the author is not told of their own comment"
        );
        let same_number_other_person = CommentNotification {
            user_id: 7,
            user_type: "staff".into(),
            author_type: "employee".into(),
            ..own
        };
        assert_eq!(
            render(&same_number_other_person.to_message(), Tz::UTC)
                .unwrap()
                .len(),
            1,
            "employee 7 commenting is not staff 7's own action"
        );
    }

    fn sla_warning() -> SlaWarningNotification {
        SlaWarningNotification {
            user_id: 7,
            ticket_number: "TX1".into(),
            task_title: "Laptop".into(),
            step_name: "Triage".into(),
            threshold_percent: 75,
            target_at: "2026-12-01T06:30:00+00:00".into(),
            target: None,
            time_zone: None,
            task_id: None,
        }
    }

    #[test]
    fn sla_times_are_written_in_the_payloads_zone_else_the_default() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let plain = render(&sla_warning().to_message(), berlin).unwrap();
        assert_eq!(
            plain[0].message,
            "Step Triage of ticket TX1 (Laptop) has used 75% of its time; its target is Tue 1 Dec 2026, 07:30 (Europe/Berlin)."
        );
        assert_eq!(
            plain[0].metadata["target_at"], "2026-12-01T06:30:00+00:00",
            "the metadata keeps the machine-readable time"
        );
        let zoned = SlaWarningNotification {
            time_zone: Some("Asia/Manila".into()),
            ..sla_warning()
        }
        .to_message();
        assert!(
            render(&zoned, berlin).unwrap()[0]
                .message
                .ends_with("its target is Tue 1 Dec 2026, 14:30 (Asia/Manila).")
        );
        let breach = SlaBreachNotification {
            user_id: 7,
            ticket_number: "TX1".into(),
            task_title: "Laptop".into(),
            step_name: "Triage".into(),
            target_at: "2026-12-01T06:30:00Z".into(),
            target: None,
            time_zone: None,
            task_id: None,
        };
        assert_eq!(
            render(&breach.to_message(), Tz::UTC).unwrap()[0].message,
            "Step Triage of ticket TX1 (Laptop) passed its target at Tue 1 Dec 2026, 06:30 (UTC)."
        );
    }

    #[test]
    fn a_named_task_is_kept_for_the_link_except_on_comments() {
        assert_eq!(
            render(&sla_warning().to_message(), Tz::UTC).unwrap()[0].task_id,
            None
        );
        let mut with_task = sla_warning().to_message();
        with_task.kwargs.insert("task_id".into(), json!(42));
        assert_eq!(render(&with_task, Tz::UTC).unwrap()[0].task_id, Some(42));
        let step_change = InappNotification {
            user_id: 7,
            user_type: "staff".into(),
            notification_type: "workflow_step_change".into(),
            subject: "Moved".into(),
            message: "Ticket TX1 moved to Repair.".into(),
            related_ticket_number: Some("TX1".into()),
            metadata: json!({"task_id": 43, "from_step": "triage"}),
            email: None,
        };
        assert_eq!(
            render(&step_change.to_message(), Tz::UTC).unwrap()[0].task_id,
            Some(43)
        );
        let comment = CommentNotification {
            user_id: 14,
            user_type: "staff".into(),
            ticket_number: "TX2".into(),
            comment_id: "c1".into(),
            author_id: 7,
            author_type: "staff".into(),
            author_name: "Jane".into(),
            excerpt: "Hi".into(),
            recipient_email: None,
        };
        let mut message = comment.to_message();
        message.kwargs.insert("task_id".into(), json!(42));
        assert_eq!(render(&message, Tz::UTC).unwrap()[0].task_id, None);
    }
}
