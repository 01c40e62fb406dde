//! E-mail as mail clients handle it: its own stable `Message-ID`, one thread per ticket, links
//! to the web console, and times written for people.

use std::time::Duration;

use diesel_async::SimpleAsyncConnection;
use serde_json::json;
use tts_shared::amqp::TaskMessage;
use tts_shared::auth::UserType;
use tts_shared::events::{
    CeleryTask, CommentNotification, EmailNotification, InappNotification, SlaBreachNotification,
    SlaWarningNotification, TaskCompletedNotification,
};
use tts_shared::testing::{self, SmtpSink, TestService, eventually};

use super::{count, directory, fixture, get, notifications, start, start_with};

const TICKET: &str = "TX20251231962083";

/// The raw e-mail with quoted-printable soft line breaks and `=XX` escapes undone, so a test can
/// read the text and HTML parts as a mail client shows them.
fn readable(raw: &str) -> String {
    let raw = raw.replace("=\r\n", "").replace("=\n", "");
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'=')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match escaped {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One header of a raw e-mail (folded lines joined), from the header block only.
fn header(raw: &str, name: &str) -> Option<String> {
    let head = raw
        .split("\r\n\r\n")
        .next()
        .unwrap_or(raw)
        .split("\n\n")
        .next()
        .unwrap_or(raw);
    let mut lines = head.lines().peekable();
    while let Some(line) = lines.next() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if key.eq_ignore_ascii_case(name) {
            let mut value = value.trim().to_string();
            while let Some(next) = lines.peek().filter(|l| l.starts_with([' ', '\t'])) {
                value.push(' ');
                value.push_str(next.trim());
                lines.next();
            }
            return Some(value);
        }
    }
    None
}

/// The only e-mail whose subject contains `words`.
fn with_subject<'a>(mail: &'a [String], words: &str) -> &'a str {
    let found: Vec<&String> = mail
        .iter()
        .filter(|m| header(m, "Subject").is_some_and(|s| s.contains(words)))
        .collect();
    assert_eq!(found.len(), 1, "one e-mail about {words:?} in {mail:#?}");
    found[0]
}

fn sla_warning(time_zone: Option<&str>, task_id: Option<i64>) -> TaskMessage {
    SlaWarningNotification {
        user_id: 7,
        ticket_number: TICKET.into(),
        task_title: "Laptop will not boot".into(),
        step_name: "Triage".into(),
        threshold_percent: 75,
        target_at: "2026-12-01T06:30:00+00:00".into(),
        target: None,
        time_zone: time_zone.map(Into::into),
        task_id,
    }
    .to_message()
}

fn direct_email(subject: &str) -> TaskMessage {
    EmailNotification {
        user_id: 7,
        subject: subject.into(),
        message: "Please look at it.".into(),
        notification_type: "system".into(),
        context: json!({"ticket_number": TICKET}),
    }
    .to_message()
}

#[tokio::test(flavor = "multi_thread")]
async fn emails_about_one_ticket_form_one_thread_each_with_its_own_message_id() {
    let smtp = SmtpSink::start().await;
    let s = start(&smtp).await;
    directory(&s).await;
    let inapp = "INAPP_NOTIFICATION_QUEUE";
    s.vhost
        .publish(inapp, &fixture("send_assignment_notification"))
        .await;
    let completed = |ticket: &str| {
        TaskCompletedNotification {
            user_id: 7,
            ticket_number: ticket.into(),
            task_title: "Laptop will not boot".into(),
            workflow_name: "Hardware".into(),
            completed_by_id: Some(3),
            completed_by_name: "Ada Admin".into(),
        }
        .to_message()
    };
    s.vhost.publish(inapp, &completed(TICKET)).await;
    s.vhost.publish(inapp, &completed("TX20260101000001")).await;
    let mail = smtp.wait_for(3).await;

    let assigned = with_subject(&mail, "New task");
    let done = with_subject(&mail, &format!("[{TICKET}] Completed"));
    let other = with_subject(&mail, "[TX20260101000001] Completed");
    assert_eq!(
        header(assigned, "Subject").unwrap(),
        format!("[{TICKET}] New task: Laptop will not boot"),
        "the subject names the ticket, so clients that thread by subject agree"
    );
    let root = format!("<ticket.{TICKET}@example.com>");
    for email in [assigned, done] {
        assert_eq!(header(email, "In-Reply-To"), Some(root.clone()), "{email}");
        assert_eq!(header(email, "References"), Some(root.clone()), "{email}");
    }
    assert_eq!(
        header(other, "References").unwrap(),
        "<ticket.TX20260101000001@example.com>",
        "another ticket is another thread"
    );

    // Each e-mail has its own Message-ID, made of the id of the e-mail job it was sent for.
    let ids: Vec<String> = [assigned, done, other]
        .iter()
        .map(|m| header(m, "Message-ID").expect("every e-mail has a Message-ID"))
        .collect();
    assert!(ids.iter().all(|id| id != &root), "{ids:?}");
    let mut distinct = ids.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 3, "{ids:?}");
    for id in &ids {
        let job = id
            .strip_prefix("<tts.")
            .and_then(|rest| rest.strip_suffix("@example.com>"))
            .unwrap_or_else(|| panic!("{id} is <tts.<job id>@<domain of mail_from>>"));
        let sql = format!(
            "SELECT count(*) AS n FROM email_log WHERE status = 'sent' AND message_id = '{job}'"
        );
        assert_eq!(count(&s, &sql).await, 1, "{id} names a job that was sent");
    }
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn links_point_at_the_consoles_task_page_or_else_its_ticket_page() {
    let smtp = SmtpSink::start().await;
    // frontend_url left at its default: the web console on port 1000.
    let s = start(&smtp).await;
    directory(&s).await;
    let inapp = "INAPP_NOTIFICATION_QUEUE";
    s.vhost
        .publish(inapp, &fixture("send_assignment_notification"))
        .await;
    s.vhost.publish(inapp, &sla_warning(None, Some(42))).await;
    let mail = smtp.wait_for(2).await;

    let assigned = readable(with_subject(&mail, "New task"));
    assert!(
        assigned.contains(&format!(
            "Open the ticket: http://localhost:1000/tickets/{TICKET}"
        )),
        "no task id in the payload: the ticket's page\n{assigned}"
    );
    assert!(
        assigned.contains(&format!(
            "<a href=\"http://localhost:1000/tickets/{TICKET}\">Open the ticket</a>"
        )),
        "{assigned}"
    );
    let warned = readable(with_subject(&mail, "SLA 75% used"));
    assert!(
        warned.contains("Open the task: http://localhost:1000/tasks/42"),
        "the payload names task 42: its page\n{warned}"
    );
    assert!(
        warned.contains("<a href=\"http://localhost:1000/tasks/42\">Open the task</a>"),
        "{warned}"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn times_are_written_for_people_in_the_payloads_zone_else_the_configured_one() {
    let smtp = SmtpSink::start().await;
    let s = start_with(&smtp, &[("mail_time_zone", "Europe/Berlin")]).await;
    directory(&s).await;
    let inapp = "INAPP_NOTIFICATION_QUEUE";
    s.vhost
        .publish(inapp, &sla_warning(Some("Asia/Manila"), None))
        .await;
    let breach = SlaBreachNotification {
        user_id: 7,
        ticket_number: TICKET.into(),
        task_title: "Laptop will not boot".into(),
        step_name: "Triage".into(),
        target_at: "2026-12-01T06:30:00Z".into(),
        target: None,
        time_zone: None,
        task_id: None,
    };
    s.vhost.publish(inapp, &breach.to_message()).await;
    let mail = smtp.wait_for(2).await;

    let warned = readable(with_subject(&mail, "SLA 75% used"));
    assert!(
        warned.contains("its target is Tue 1 Dec 2026, 14:30 (Asia/Manila)."),
        "the zone the payload names\n{warned}"
    );
    let breached = readable(with_subject(&mail, "SLA breached"));
    assert!(
        breached.contains("passed its target at Tue 1 Dec 2026, 07:30 (Europe/Berlin)."),
        "no zone in the payload: mail_time_zone\n{breached}"
    );
    for email in [&warned, &breached] {
        assert!(!email.contains("2026-12-01T06:30"), "no RFC 3339: {email}");
    }
    let in_app: Vec<String> = notifications(&s, 7)
        .await
        .iter()
        .map(|n| n["message"].as_str().unwrap().to_string())
        .collect();
    assert!(
        in_app
            .iter()
            .any(|m| m.ends_with("passed its target at Tue 1 Dec 2026, 07:30 (Europe/Berlin).")),
        "the in-app notification says the same: {in_app:?}"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redelivered_email_job_sends_no_second_email() {
    let smtp = SmtpSink::start().await;
    // One message at a time, in queue order: when the last one is mailed, the copy before it has
    // been handled.
    let s = start_with(&smtp, &[("amqp_prefetch", "1"), ("amqp_concurrency", "1")]).await;
    directory(&s).await;
    let first = direct_email("Printer on fire");
    let queue = "EMAIL_NOTIFICATION_QUEUE";
    s.vhost.publish(queue, &first).await;
    s.vhost.publish(queue, &first).await; // redelivered
    s.vhost.publish(queue, &direct_email("Printer out")).await;
    let mail = smtp.wait_for(2).await;

    with_subject(&mail, "Printer on fire");
    with_subject(&mail, "Printer out");
    assert_eq!(mail.len(), 2, "{mail:#?}");
    let sql = format!(
        "SELECT count(*) AS n FROM email_log WHERE message_id = '{}'",
        first.id
    );
    assert_eq!(count(&s, &sql).await, 1);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_send_retried_after_its_record_was_lost_keeps_its_message_id() {
    let smtp = SmtpSink::start().await;
    let s = start_with(&smtp, &[("mail_message_id_domain", "mail.tts.test")]).await;
    directory(&s).await;
    // The first send goes out, then recording it fails, so the whole try rolls back and the
    // consumer tries the job again: the SMTP server gets the e-mail twice.
    s.db.connect()
        .await
        .batch_execute(
            "CREATE SEQUENCE sent_records;
             CREATE FUNCTION lose_the_first_sent_record() RETURNS trigger AS $$
             BEGIN
                 IF NEW.status = 'sent' THEN
                     IF nextval('sent_records') = 1 THEN
                         RAISE EXCEPTION 'the record of the first send is lost';
                     END IF;
                 END IF;
                 RETURN NEW;
             END $$ LANGUAGE plpgsql;
             CREATE TRIGGER lose_the_first_sent_record BEFORE INSERT ON email_log
                 FOR EACH ROW EXECUTE FUNCTION lose_the_first_sent_record();",
        )
        .await
        .unwrap();
    let job = direct_email("Printer on fire");
    s.vhost.publish("EMAIL_NOTIFICATION_QUEUE", &job).await;
    let mail = smtp.wait_for(2).await;

    let expected = format!("<tts.{}@mail.tts.test>", job.id);
    for email in &mail {
        assert_eq!(
            header(email, "Message-ID"),
            Some(expected.clone()),
            "both tries are one e-mail to servers and clients"
        );
        assert_eq!(
            header(email, "References").unwrap(),
            format!("<ticket.{TICKET}@mail.tts.test>")
        );
    }
    let sql = format!(
        "SELECT count(*) AS n FROM email_log WHERE status = 'sent' AND message_id = '{}'",
        job.id
    );
    eventually("the retry's record", Duration::from_secs(10), || async {
        (count(&s, &sql).await == 1).then_some(())
    })
    .await;
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_mail_time_zone_stops_the_start_naming_the_setting() {
    let db = tts_shared::testing::TestDatabase::not_created();
    let vhost = tts_shared::testing::TestVhost::create().await;
    let run = tokio::process::Command::new(env!("CARGO_BIN_EXE_notification-service"))
        .env("TTS_HTTP_ADDR", "127.0.0.1:0")
        .env("TTS_DATABASE_URL", &db.url)
        .env("TTS_AMQP_URL", vhost.amqp_url())
        .env("TTS_DEVELOPMENT_MODE", "true")
        .env("TTS_SMTP_HOST", "127.0.0.1")
        .env("TTS_MAIL_TIME_ZONE", "Mars/Olympus")
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .expect("the service stops by itself")
        .expect("the service runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(
        said.contains("mail_time_zone") && said.contains("TTS_MAIL_TIME_ZONE"),
        "{said}"
    );
    assert!(said.contains("Mars/Olympus"), "{said}");
    db.drop_now().await;
    vhost.delete().await;
}

const INAPP: &str = "INAPP_NOTIFICATION_QUEUE";
/// Employee 7, the requester of [`TICKET`]; not staff 7 of the directory (agent@example.com).
const REQUESTER: i64 = 7;

fn requester_token() -> String {
    testing::token(REQUESTER, UserType::Employee, &[])
}

/// What the workflow engine sends a requester about their ticket, to `email`.
fn ticket_update(kind: &str, subject: &str, email: &str) -> TaskMessage {
    InappNotification {
        user_id: REQUESTER,
        user_type: "employee".into(),
        notification_type: kind.into(),
        subject: subject.into(),
        message: format!("{subject}."),
        related_ticket_number: Some(TICKET.into()),
        // The engine names its task; a requester cannot open the task page.
        metadata: json!({"task_id": 42}),
        email: Some(email.into()),
    }
    .to_message()
}

/// The requester's in-app notifications, as (type, subject).
async fn requester_notifications(s: &TestService) -> Vec<(String, String)> {
    let (_, page) = get(s, &requester_token(), "/notifications/").await;
    let mut items: Vec<(String, String)> = page["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|n| {
            let text = |f: &str| n[f].as_str().unwrap_or_default().to_string();
            (text("notification_type"), text("subject"))
        })
        .collect();
    items.sort();
    items
}

fn email_jobs_sql() -> &'static str {
    "SELECT count(*) AS n FROM outbox_messages WHERE routing_key = 'EMAIL_NOTIFICATION_QUEUE'"
}

#[tokio::test(flavor = "multi_thread")]
async fn a_requester_is_told_their_ticket_is_resolved_in_the_app_and_at_the_address_it_carries() {
    let smtp = SmtpSink::start().await;
    let s = start(&smtp).await;
    directory(&s).await;
    s.vhost
        .publish(
            INAPP,
            &ticket_update(
                "ticket_resolved",
                "Your ticket is resolved",
                "juan@example.com",
            ),
        )
        .await;
    let mail = smtp.wait_for(1).await;

    let email = with_subject(&mail, "Your ticket is resolved");
    assert_eq!(
        header(email, "To").as_deref(),
        Some("juan@example.com"),
        "the message's address: employee 7 is not staff 7 of the directory"
    );
    assert_eq!(
        header(email, "Subject").unwrap(),
        format!("[{TICKET}] Your ticket is resolved")
    );
    let root = format!("<ticket.{TICKET}@example.com>");
    assert_eq!(header(email, "In-Reply-To"), Some(root.clone()));
    assert_eq!(header(email, "References"), Some(root));
    assert!(header(email, "Message-ID").is_some());
    let text = readable(email);
    assert!(
        text.contains(&format!(
            "Open the ticket: http://localhost:1000/tickets/{TICKET}"
        )),
        "the requester's page is the ticket's\n{text}"
    );
    assert!(!text.contains("/tasks/"), "never the task page: {text}");
    assert_eq!(
        requester_notifications(&s).await,
        vec![("ticket_resolved".into(), "Your ticket is resolved".into())]
    );
    assert!(
        notifications(&s, 7).await.is_empty(),
        "staff 7 is told nothing"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_requester_who_switched_email_off_for_a_type_is_told_of_it_in_the_app_only() {
    let smtp = SmtpSink::start().await;
    let s = start(&smtp).await;
    let r = s
        .http
        .put(s.url("/preferences/"))
        .bearer_auth(requester_token())
        .json(&json!([{"notification_type": "ticket_resolved", "in_app": true, "email": false}]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let (_, prefs) = get(&s, &requester_token(), "/preferences/").await;
    let switched: Vec<(String, bool, bool)> = prefs["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["notification_type"]
                .as_str()
                .unwrap()
                .starts_with("ticket_")
        })
        .map(|p| {
            (
                p["notification_type"].as_str().unwrap().to_string(),
                p["in_app"].as_bool().unwrap(),
                p["email"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        switched,
        vec![
            ("ticket_status".into(), true, true),
            ("ticket_received".into(), true, true),
            ("ticket_pending".into(), true, true),
            ("ticket_resolved".into(), true, false),
        ]
    );
    for (kind, subject) in [
        ("ticket_resolved", "Your ticket is resolved"),
        ("ticket_received", "We received your ticket"),
    ] {
        s.vhost
            .publish(INAPP, &ticket_update(kind, subject, "juan@example.com"))
            .await;
    }
    let both = eventually("both in the app", Duration::from_secs(10), || async {
        let n = requester_notifications(&s).await;
        (n.len() == 2).then_some(n)
    })
    .await;
    assert_eq!(
        both,
        vec![
            ("ticket_received".into(), "We received your ticket".into()),
            ("ticket_resolved".into(), "Your ticket is resolved".into()),
        ]
    );
    // Each e-mail job is written with its notification: only the received one has one.
    assert_eq!(count(&s, email_jobs_sql()).await, 1);
    let mail = smtp.wait_for(1).await;
    with_subject(&mail, "We received your ticket");
    assert_eq!(mail.len(), 1, "{mail:#?}");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_staff_reply_reaches_the_requester_at_its_recipient_email_once_even_if_redelivered() {
    let smtp = SmtpSink::start().await;
    // One message at a time, in queue order: when the last one is mailed, the copy before it has
    // been handled.
    let s = start_with(&smtp, &[("amqp_prefetch", "1"), ("amqp_concurrency", "1")]).await;
    directory(&s).await;
    let reply = CommentNotification {
        user_id: REQUESTER,
        user_type: "employee".into(),
        ticket_number: TICKET.into(),
        comment_id: "31".into(),
        author_id: 3,
        author_type: "staff".into(),
        author_name: "Ada Admin".into(),
        excerpt: "A new cable is on its way".into(),
        recipient_email: Some("juan@example.com".into()),
    }
    .to_message();
    s.vhost.publish(INAPP, &reply).await;
    s.vhost.publish(INAPP, &reply).await; // redelivered
    s.vhost
        .publish(
            INAPP,
            &ticket_update(
                "ticket_resolved",
                "Your ticket is resolved",
                "juan@example.com",
            ),
        )
        .await;
    let mail = smtp.wait_for(2).await;

    let email = with_subject(&mail, "New comment");
    assert_eq!(header(email, "To").as_deref(), Some("juan@example.com"));
    assert_eq!(
        header(email, "References"),
        Some(format!("<ticket.{TICKET}@example.com>"))
    );
    assert!(
        readable(email).contains("Ada Admin commented on ticket"),
        "{email}"
    );
    with_subject(&mail, "Your ticket is resolved");
    assert_eq!(mail.len(), 2, "one e-mail for the reply: {mail:#?}");
    assert_eq!(
        requester_notifications(&s).await.len(),
        2,
        "one in-app notification for the reply"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_address_that_is_no_mailbox_is_skipped_without_failing_the_message() {
    let smtp = SmtpSink::start().await;
    let s = start_with(&smtp, &[("amqp_prefetch", "1"), ("amqp_concurrency", "1")]).await;
    s.vhost
        .publish(
            INAPP,
            &ticket_update(
                "ticket_received",
                "We received your ticket",
                "juan at example",
            ),
        )
        .await;
    s.vhost
        .publish(
            INAPP,
            &ticket_update(
                "ticket_resolved",
                "Your ticket is resolved",
                "juan@example.com",
            ),
        )
        .await;
    let mail = smtp.wait_for(1).await;
    with_subject(&mail, "Your ticket is resolved");
    let skipped = eventually("the skipped e-mail", Duration::from_secs(10), || async {
        let n = count(
            &s,
            "SELECT count(*) AS n FROM email_log WHERE status = 'skipped' AND recipient IS NULL \
             AND detail LIKE '%not a mailbox%'",
        )
        .await;
        (n == 1).then_some(n)
    })
    .await;
    assert_eq!(skipped, 1);
    assert_eq!(mail.len(), 1, "{mail:#?}");
    assert_eq!(
        requester_notifications(&s).await.len(),
        2,
        "the in-app notification went out all the same"
    );
    for queue in [
        "INAPP_NOTIFICATION_QUEUE.dlq",
        "EMAIL_NOTIFICATION_QUEUE.dlq",
        "EMAIL_NOTIFICATION_QUEUE.retry",
    ] {
        assert_eq!(s.vhost.depth(queue).await, 0, "{queue}");
    }
    s.finish().await;
}
