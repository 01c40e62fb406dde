//! Sending e-mail: over SMTP when a host is configured, otherwise as `.eml` files in a directory,
//! so a local run needs no mail server and a developer can open what would have been sent.
//! Every e-mail has a plain-text and an HTML part built from the same notification.

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::NotificationSettings;

/// Where e-mail goes.
#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Smtp(_) => write!(f, "Mailer::Smtp"),
            Mailer::Files(dir) => write!(f, "Mailer::Files({})", dir.display()),
        }
    }
}

impl Mailer {
    pub fn from_settings(s: &NotificationSettings) -> Result<Mailer, String> {
        let Some(host) = s.smtp_host.as_deref().filter(|h| !h.is_empty()) else {
            std::fs::create_dir_all(&s.email_dir).map_err(|e| {
                format!(
                    "setting `email_dir` (TTS_EMAIL_DIR): cannot use {}: {e}",
                    s.email_dir.display()
                )
            })?;
            return Ok(Mailer::Files(s.email_dir.clone()));
        };
        let builder = match s.smtp_security.as_str() {
            "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                .map_err(|e| format!("setting `smtp_host` (TTS_SMTP_HOST): {e}"))?,
            "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
                .map_err(|e| format!("setting `smtp_host` (TTS_SMTP_HOST): {e}"))?,
            other => {
                return Err(format!(
                    "setting `smtp_security` (TTS_SMTP_SECURITY): `{other}` is not none, starttls or tls"
                ));
            }
        };
        let mut builder = builder
            .port(s.smtp_port)
            .timeout(Some(Duration::from_secs(15)));
        if let (Some(user), Some(password)) = (&s.smtp_username, &s.smtp_password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Mailer::Smtp(builder.build()))
    }

    pub async fn send(&self, email: Message) -> Result<(), String> {
        match self {
            Mailer::Smtp(transport) => transport
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Mailer::Files(dir) => {
                // Named after the Message-ID: a retried send rewrites its file, never adds one.
                let stem = email
                    .headers()
                    .get_raw("Message-ID")
                    .map(|id| {
                        id.trim_matches(|c| c == '<' || c == '>' || c == ' ')
                            .replace(['/', '\\'], "_")
                    })
                    .filter(|id| !id.is_empty() && !id.starts_with('.'))
                    .unwrap_or_else(uuid_like);
                let path = dir.join(format!("{stem}.eml"));
                tokio::fs::write(&path, email.formatted())
                    .await
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// A unique file name without another dependency: time plus a process-wide counter.
fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    format!(
        "{}-{}",
        chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f"),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One e-mail of one notification, before it is a MIME message.
#[derive(Debug, Clone)]
pub struct Email<'a> {
    pub to: Mailbox,
    pub subject: &'a str,
    pub message: &'a str,
    /// The console page it is about, with the words of the link (`Open the task`).
    pub link: Option<(&'a str, &'a str)>,
    /// This e-mail's own `Message-ID`, `<…@…>`, the same on every try.
    pub message_id: String,
    /// The thread root it answers (`In-Reply-To` and `References`), `<…@…>`.
    pub thread: Option<String>,
}

/// The MIME message: text and HTML parts, a link to the console, and the headers that let mail
/// clients recognise a copy (`Message-ID`) and gather a ticket's e-mails (`In-Reply-To`,
/// `References`).
pub fn compose(from: &Mailbox, email: Email<'_>) -> Result<Message, String> {
    let link_text = email
        .link
        .map(|(label, url)| format!("\n\n{label}: {url}\n"))
        .unwrap_or_default();
    let text = format!("{}{link_text}\n--\nTTS ticket tracking\n", email.message);
    let link_html = email
        .link
        .map(|(label, url)| format!("<p><a href=\"{}\">{}</a></p>", escape(url), escape(label)))
        .unwrap_or_default();
    let html = format!(
        "<!doctype html><html><body style=\"font-family:sans-serif\"><h2>{}</h2><p>{}</p>{link_html}<hr><p style=\"color:#666\">TTS ticket tracking</p></body></html>",
        escape(email.subject),
        escape(email.message)
    );
    let mut builder = Message::builder()
        .from(from.clone())
        .to(email.to)
        .subject(email.subject)
        .message_id(Some(email.message_id));
    if let Some(root) = email.thread {
        builder = builder.in_reply_to(root.clone()).references(root);
    }
    builder
        .multipart(MultiPart::alternative_plain_html(text, html))
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The raw message with quoted-printable soft breaks and escapes undone, to read its parts.
    fn readable(raw: Vec<u8>) -> String {
        let raw = String::from_utf8(raw).unwrap().replace("=\r\n", "");
        let mut out = Vec::new();
        let bytes = raw.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(b) if bytes[i] == b'=' => {
                    out.push(b);
                    i += 3;
                }
                _ => {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
        }
        String::from_utf8(out).unwrap()
    }

    fn email<'a>(
        subject: &'a str,
        message: &'a str,
        link: Option<(&'a str, &'a str)>,
    ) -> Email<'a> {
        Email {
            to: "jane@example.com".parse().unwrap(),
            subject,
            message,
            link,
            message_id: "<tts.m1@example.com>".into(),
            thread: Some("<ticket.TX1@example.com>".into()),
        }
    }

    #[test]
    fn compose_escapes_html_and_links_the_console_page() {
        let from: Mailbox = "TTS <tts@example.com>".parse().unwrap();
        let raw = compose(
            &from,
            email(
                "A <b> subject",
                "Tom & Jerry",
                Some(("Open the ticket", "https://tts.example/tickets/TX1")),
            ),
        )
        .unwrap()
        .formatted();
        let raw = readable(raw);
        assert!(raw.contains("Tom &amp; Jerry"), "{raw}");
        assert!(
            raw.contains("Open the ticket: https://tts.example/tickets/TX1"),
            "{raw}"
        );
        assert!(
            raw.contains("<a href=\"https://tts.example/tickets/TX1\">Open the ticket</a>"),
            "{raw}"
        );
        assert!(raw.contains("Subject: A <b> subject"));
    }

    #[test]
    fn compose_sets_the_given_message_id_and_thread() {
        let from: Mailbox = "TTS <tts@example.com>".parse().unwrap();
        let raw = compose(&from, email("s", "m", None)).unwrap().formatted();
        let raw = String::from_utf8(raw).unwrap();
        assert!(
            raw.contains("Message-ID: <tts.m1@example.com>\r\n"),
            "{raw}"
        );
        assert!(
            raw.contains("In-Reply-To: <ticket.TX1@example.com>\r\n"),
            "{raw}"
        );
        assert!(
            raw.contains("References: <ticket.TX1@example.com>\r\n"),
            "{raw}"
        );
        let unthreaded = Email {
            thread: None,
            ..email("s", "m", None)
        };
        let raw = String::from_utf8(compose(&from, unthreaded).unwrap().formatted()).unwrap();
        assert!(raw.contains("Message-ID: <tts.m1@example.com>"), "{raw}");
        assert!(
            !raw.contains("In-Reply-To") && !raw.contains("References"),
            "{raw}"
        );
    }

    #[tokio::test]
    async fn without_smtp_a_retried_send_rewrites_its_file() {
        let dir = std::env::temp_dir().join(format!("tts-mail-test-{}", uuid_like()));
        std::fs::create_dir_all(&dir).unwrap();
        let mailer = Mailer::Files(dir.clone());
        let from: Mailbox = "TTS <tts@example.com>".parse().unwrap();
        for _try in 0..2 {
            let message = compose(&from, email("s", "m", None)).unwrap();
            mailer.send(message).await.unwrap();
        }
        let files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(files, vec!["tts.m1@example.com.eml"]);
    }
}
