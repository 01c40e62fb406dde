//! What makes an e-mail behave in a mail client, with no I/O: its own stable `Message-ID`, the
//! thread every e-mail about one ticket joins, a subject that names the ticket, and the link to
//! the console page it is about.

use std::path::PathBuf;

/// Encodes `raw` into characters a `Message-ID`'s left part may hold (letters, digits, `-`, `_`);
/// anything else becomes `=XX` per byte, so two different inputs never give the same id.
fn id_part(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(b as char);
        } else {
            out.push_str(&format!("={b:02X}"));
        }
    }
    out
}

/// The `Message-ID` of the e-mail sent for the e-mail job `job_id` (the id of its
/// `notifications.send_email_async` message). A retried send of the same job carries the same id,
/// so mail servers and clients recognise the copy.
pub fn message_id(job_id: &str, domain: &str) -> String {
    format!("<tts.{}@{domain}>", id_part(job_id))
}

/// The id every e-mail about `ticket_number` names as `In-Reply-To` and `References`: a thread
/// root no e-mail carries itself, so clients gather all of them into one thread whichever arrives
/// first.
pub fn thread_root(ticket_number: &str, domain: &str) -> String {
    format!("<ticket.{}@{domain}>", id_part(ticket_number))
}

/// The subject with the ticket in front (`[TX1] New task: …`), so clients that thread by
/// subject agree; a subject that already starts so is kept.
pub fn subject(ticket_number: Option<&str>, subject: &str) -> String {
    match ticket_number {
        Some(t) if !t.is_empty() => {
            let prefix = format!("[{t}]");
            if subject.starts_with(&prefix) {
                subject.to_string()
            } else {
                format!("{prefix} {subject}")
            }
        }
        _ => subject.to_string(),
    }
}

/// Percent-encodes one URL path segment (RFC 3986 unreserved characters pass).
fn path_segment(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The console page an e-mail is about: the task's page when the notification names its task,
/// else the ticket's; none when it names neither.
pub fn link(
    frontend_url: &str,
    ticket_number: Option<&str>,
    task_id: Option<i64>,
) -> Option<String> {
    let base = frontend_url.trim_end_matches('/');
    match (task_id, ticket_number.filter(|t| !t.is_empty())) {
        (Some(task), _) => Some(format!("{base}/tasks/{task}")),
        (None, Some(ticket)) => Some(format!("{base}/tickets/{}", path_segment(ticket))),
        (None, None) => None,
    }
}

/// `domain` if it can stand on the right of a `Message-ID` (a host name: letters, digits, `-`,
/// dots between labels), lower-cased.
pub fn valid_domain(domain: &str) -> Result<String, String> {
    let d = domain.trim().to_ascii_lowercase();
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if d.is_empty() || d.len() > 253 || !d.split('.').all(label_ok) {
        return Err(format!(
            "{domain:?} is not a host name such as mail.example.com"
        ));
    }
    Ok(d)
}

/// Where `.eml` files go by default: beside the user's other application data
/// (`$XDG_DATA_HOME/tts/outbox-mail`, else `~/.local/share/tts/outbox-mail`), never in the
/// directory the service happens to start in (often the source checkout). Without a home (a
/// system account, as in the container image) `/var/lib/tts/outbox-mail`.
pub fn default_email_dir(xdg_data_home: Option<PathBuf>, home: Option<PathBuf>) -> PathBuf {
    // The XDG base directory rules: only absolute paths count.
    if let Some(dir) = xdg_data_home.filter(|d| d.is_absolute()) {
        return dir.join("tts/outbox-mail");
    }
    match home.filter(|h| h.is_absolute() && h.is_dir() && h.as_os_str() != "/") {
        Some(home) => home.join(".local/share/tts/outbox-mail"),
        None => PathBuf::from("/var/lib/tts/outbox-mail"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_id_is_the_jobs_id_so_a_retry_keeps_it() {
        let job = "619b0d20-12e1-4a7a-a479-030223245538";
        assert_eq!(
            message_id(job, "example.com"),
            "<tts.619b0d20-12e1-4a7a-a479-030223245538@example.com>"
        );
        assert_eq!(
            message_id(job, "example.com"),
            message_id(job, "example.com")
        );
        assert_ne!(
            message_id(job, "example.com"),
            message_id("619b0d20-12e1-4a7a-a479-030223245539", "example.com")
        );
    }

    #[test]
    fn ids_from_odd_producers_stay_valid_and_distinct() {
        // A space, `@`, `>` or a dot would break the header; `=` is escaped too, so the encoding
        // cannot make two inputs equal.
        let odd = message_id("a b@c>.d", "example.com");
        assert_eq!(odd, "<tts.a=20b=40c=3E=2Ed@example.com>");
        assert_ne!(
            message_id("a=20b", "example.com"),
            message_id("a b", "example.com")
        );
        assert_eq!(
            thread_root("TX 1/2", "example.com"),
            "<ticket.TX=201=2F2@example.com>"
        );
    }

    #[test]
    fn every_email_about_a_ticket_names_the_same_thread_root() {
        let root = thread_root("TX20261201000001", "example.com");
        assert_eq!(root, "<ticket.TX20261201000001@example.com>");
        assert_eq!(root, thread_root("TX20261201000001", "example.com"));
        assert_ne!(root, thread_root("TX20261201000002", "example.com"));
        assert_ne!(
            root,
            message_id("TX20261201000001", "example.com"),
            "a thread root is never an e-mail's own id"
        );
    }

    #[test]
    fn subjects_name_their_ticket_once() {
        assert_eq!(
            subject(Some("TX1"), "New task: Laptop"),
            "[TX1] New task: Laptop"
        );
        assert_eq!(
            subject(Some("TX1"), "[TX1] New task: Laptop"),
            "[TX1] New task: Laptop"
        );
        assert_eq!(subject(None, "Welcome"), "Welcome");
        assert_eq!(subject(Some(""), "Welcome"), "Welcome");
    }

    #[test]
    fn links_go_to_the_task_page_when_known_else_the_ticket_page() {
        let console = "http://localhost:1000/";
        assert_eq!(
            link(console, Some("TX1"), Some(42)).as_deref(),
            Some("http://localhost:1000/tasks/42")
        );
        assert_eq!(
            link(console, Some("TX1"), None).as_deref(),
            Some("http://localhost:1000/tickets/TX1")
        );
        assert_eq!(
            link("https://tts.example/console", Some("TX 1/2"), None).as_deref(),
            Some("https://tts.example/console/tickets/TX%201%2F2")
        );
        assert_eq!(link(console, None, None), None);
        assert_eq!(link(console, Some(""), None), None);
    }

    #[test]
    fn message_id_domains_must_be_host_names() {
        assert_eq!(
            valid_domain("Mail.Example.COM").unwrap(),
            "mail.example.com"
        );
        assert_eq!(valid_domain("localhost").unwrap(), "localhost");
        for bad in [
            "",
            "exa mple.com",
            "example..com",
            ".example.com",
            "-a.com",
            "a>b",
        ] {
            assert!(valid_domain(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_default_email_dir_is_outside_the_working_directory() {
        let home = std::env::temp_dir();
        assert_eq!(
            default_email_dir(Some("/data".into()), Some(home.clone())),
            PathBuf::from("/data/tts/outbox-mail")
        );
        assert_eq!(
            default_email_dir(Some("relative".into()), Some(home.clone())),
            home.join(".local/share/tts/outbox-mail"),
            "a relative XDG_DATA_HOME is ignored, as the XDG rules say"
        );
        assert_eq!(
            default_email_dir(None, Some("/nonexistent-home-of-a-system-user".into())),
            PathBuf::from("/var/lib/tts/outbox-mail")
        );
        assert_eq!(
            default_email_dir(None, None),
            PathBuf::from("/var/lib/tts/outbox-mail")
        );
        assert!(default_email_dir(None, Some(home)).is_absolute());
    }
}
