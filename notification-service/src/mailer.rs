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
                let path = dir.join(format!("{}.eml", uuid_like()));
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

/// The e-mail of one notification: text and HTML parts, with a link to the ticket.
pub fn compose(
    from: &Mailbox,
    to: Mailbox,
    subject: &str,
    message: &str,
    ticket_link: Option<&str>,
) -> Result<Message, String> {
    let link_text = ticket_link
        .map(|l| format!("\n\nOpen the ticket: {l}\n"))
        .unwrap_or_default();
    let text = format!("{message}{link_text}\n--\nTTS ticket tracking\n");
    let link_html = ticket_link
        .map(|l| format!("<p><a href=\"{}\">Open the ticket</a></p>", escape(l)))
        .unwrap_or_default();
    let html = format!(
        "<!doctype html><html><body style=\"font-family:sans-serif\"><h2>{}</h2><p>{}</p>{link_html}<hr><p style=\"color:#666\">TTS ticket tracking</p></body></html>",
        escape(subject),
        escape(message)
    );
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .multipart(MultiPart::alternative_plain_html(text, html))
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compose_escapes_html_and_links_the_ticket() {
        let from: Mailbox = "TTS <tts@example.com>".parse().unwrap();
        let to: Mailbox = "jane@example.com".parse().unwrap();
        let email = compose(
            &from,
            to,
            "A <b> subject",
            "Tom & Jerry",
            Some("https://tts.example/tickets/TX1"),
        )
        .unwrap();
        let raw = String::from_utf8(email.formatted()).unwrap();
        assert!(raw.contains("Tom &amp; Jerry"), "{raw}");
        assert!(raw.contains("https://tts.example/tickets/TX1"));
        assert!(raw.contains("Subject: A <b> subject"));
    }
}
