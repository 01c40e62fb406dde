//! The whole TTS system, started from its four release or debug binaries against real PostgreSQL,
//! RabbitMQ (a vhost of its own) and an SMTP server (python3-aiosmtpd): what the end-to-end test,
//! the benchmark and the fault-injection runs stand on.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::HeaderMap;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use tts_shared::testing::{HELPDESK_KEY, ServiceProcess, SmtpSink, TestDatabase, TestVhost};

/// The key the messaging service reads tickets with.
pub const MESSAGING_KEY: &str = "system-messaging-key-0123456789";
/// The secret end-logic callbacks are signed with.
pub const END_LOGIC_SECRET: &str = "system-end-logic-secret";

/// Where the service binaries are: beside the running executable (`target/<profile>/`, or its
/// parent for test executables in `deps/`).
pub fn binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the running executable");
    let mut dir = exe.parent().expect("a directory").to_path_buf();
    if dir.ends_with("deps") {
        dir.pop();
    }
    let path = dir.join(name);
    assert!(
        path.exists(),
        "{} is missing: build the services first (cargo build --bins, or --release)",
        path.display()
    );
    path
}

/// Four services, their databases, their broker vhost and an SMTP server.
pub struct System {
    pub tickets: ServiceProcess,
    pub workflow: ServiceProcess,
    pub messaging: ServiceProcess,
    pub notifications: ServiceProcess,
    pub smtp: SmtpSink,
    pub vhost: TestVhost,
    databases: Vec<TestDatabase>,
    files: PathBuf,
}

impl System {
    /// Starts everything; `extra` settings (`TTS_*` variables) go to every service.
    pub async fn start(extra: &[(&str, &str)]) -> System {
        let smtp = SmtpSink::start().await;
        let vhost = TestVhost::create().await;
        let files = std::env::temp_dir().join(format!("tts-system-{}", std::process::id()));
        let databases: Vec<TestDatabase> = (0..4).map(|_| TestDatabase::not_created()).collect();
        let common: Vec<(String, String)> = [
            ("TTS_AMQP_URL", vhost.amqp_url().as_str()),
            (
                "TTS_SERVICE_API_KEYS",
                &format!("helpdesk={HELPDESK_KEY},messaging={MESSAGING_KEY}"),
            ),
            ("TTS_LOG", "info"),
            ("TTS_OUTBOX_POLL_INTERVAL_MS", "200"),
            ("TTS_AMQP_RETRY_BASE_DELAY_MS", "100"),
            ("TTS_AMQP_RETRY_MAX_DELAY_MS", "1000"),
            ("TTS_AMQP_RECONNECT_MAX_DELAY_MS", "1000"),
            ("TTS_SHUTDOWN_GRACE_MS", "5000"),
        ]
        .iter()
        .chain(extra.iter())
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let with = |db: &TestDatabase, own: &[(&str, String)]| {
            let mut env = common.clone();
            env.push(("TTS_DATABASE_URL".into(), db.url.clone()));
            env.extend(own.iter().map(|(k, v)| (k.to_string(), v.clone())));
            env
        };
        let tickets = ServiceProcess::start(
            &binary("ticket-service"),
            "system-ticket-service",
            &with(
                &databases[0],
                &[(
                    "TTS_ATTACHMENT_DIR",
                    files.join("attachments").display().to_string(),
                )],
            ),
        )
        .await;
        let workflow = ServiceProcess::start(
            &binary("workflow-api"),
            "system-workflow-api",
            &with(
                &databases[1],
                &[
                    ("TTS_END_LOGIC_SECRET", END_LOGIC_SECRET.into()),
                    ("TTS_SLA_SWEEP_INTERVAL_MS", "1000".into()),
                ],
            ),
        )
        .await;
        let messaging = ServiceProcess::start(
            &binary("messaging"),
            "system-messaging",
            &with(
                &databases[2],
                &[
                    ("TTS_TICKET_SERVICE_URL", tickets.base.clone()),
                    ("TTS_TICKET_SERVICE_API_KEY", MESSAGING_KEY.into()),
                    (
                        "TTS_ATTACHMENT_DIR",
                        files.join("comment-attachments").display().to_string(),
                    ),
                ],
            ),
        )
        .await;
        let notifications = ServiceProcess::start(
            &binary("notification-service"),
            "system-notification-service",
            &with(
                &databases[3],
                &[
                    ("TTS_SMTP_HOST", "127.0.0.1".into()),
                    ("TTS_SMTP_PORT", smtp.port.to_string()),
                    ("TTS_MAIL_FROM", "TTS <tts@example.com>".into()),
                    ("TTS_EMAIL_DIR", files.join("mail").display().to_string()),
                ],
            ),
        )
        .await;
        System {
            tickets,
            workflow,
            messaging,
            notifications,
            smtp,
            vhost,
            databases,
            files,
        }
    }

    /// The database of each service, in the order ticket, workflow, messaging, notification.
    pub fn database(&self, index: usize) -> &TestDatabase {
        &self.databases[index]
    }

    /// Stops the services (SIGTERM) and removes databases, vhost and files.
    pub async fn finish(mut self) {
        for service in [
            &mut self.tickets,
            &mut self.workflow,
            &mut self.messaging,
            &mut self.notifications,
        ] {
            service.stop().await;
        }
        for db in self.databases {
            db.drop_now().await;
        }
        self.vhost.delete().await;
        let _ = std::fs::remove_dir_all(&self.files);
    }
}

/// One end-logic callback as received.
#[derive(Debug, Clone)]
pub struct Callback {
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Callback {
    /// Whether `X-TTS-Signature` is the HMAC-SHA256 of `<timestamp>.<body>` under `secret`.
    pub fn signed_with(&self, secret: &str) -> bool {
        let header = |name: &str| {
            self.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let Some(signature) = header("x-tts-signature")
            .strip_prefix("sha256=")
            .map(str::to_string)
        else {
            return false;
        };
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
        mac.update(header("x-tts-timestamp").as_bytes());
        mac.update(b".");
        mac.update(&self.body);
        let expected: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        expected == signature
    }
}

/// An HTTP endpoint that records every POST it receives and answers 200.
pub struct Receiver {
    pub url: String,
    received: Arc<Mutex<Vec<Callback>>>,
}

impl Receiver {
    pub async fn start() -> Receiver {
        let received: Arc<Mutex<Vec<Callback>>> = Arc::default();
        let store = received.clone();
        let app = axum::Router::new().route(
            "/callback",
            axum::routing::post(move |headers: HeaderMap, body: Bytes| {
                let store = store.clone();
                async move {
                    if let Ok(mut all) = store.lock() {
                        all.push(Callback { headers, body });
                    }
                    "ok"
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind receiver");
        let url = format!(
            "http://{}/callback",
            listener.local_addr().expect("address")
        );
        tokio::spawn(async move { axum::serve(listener, app).await });
        Receiver { url, received }
    }

    pub fn received(&self) -> Vec<Callback> {
        self.received.lock().map(|r| r.clone()).unwrap_or_default()
    }
}
