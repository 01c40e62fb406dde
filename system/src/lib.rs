//! The whole TTS system, started from its four release or debug binaries against real PostgreSQL,
//! RabbitMQ (a vhost of its own) and an SMTP server (python3-aiosmtpd): what the end-to-end test,
//! the benchmark and the fault-injection runs stand on.

pub mod bench;
pub mod contract;
pub mod faults;
pub mod openapi;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::HeaderMap;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use tts_shared::auth::UserType;
use tts_shared::testing::{self, HELPDESK_KEY, ServiceProcess, SmtpSink, TestDatabase, TestVhost};

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
                &format!(
                    "helpdesk={HELPDESK_KEY} helpdesk:upsert,messaging={MESSAGING_KEY} tickets:read people:read"
                ),
            ),
            ("TTS_DEVELOPMENT_MODE", "true"),
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
                    // The end-logic receivers of the tests listen on this machine.
                    ("TTS_END_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1".into()),
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
                    // Who holds a TTS role, before anyone is told of an internal comment.
                    ("TTS_WORKFLOW_API_URL", workflow.base.clone()),
                    ("TTS_WORKFLOW_API_API_KEY", MESSAGING_KEY.into()),
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

/// The people of [`System::seed`].
pub const ADMIN: i64 = 1;
pub const AGENT: i64 = 101;
pub const SPECIALIST: i64 = 102;
pub const COORDINATOR: i64 = 103;

pub fn staff_token(id: i64, role: &str) -> String {
    testing::token(id, UserType::Staff, &[role])
}

pub fn employee_token(id: i64) -> String {
    testing::token(id, UserType::Employee, &[])
}

/// Sends `body` (unless GET) with `token`; the status and JSON answer.
pub async fn call(
    http: &reqwest::Client,
    method: reqwest::Method,
    token: &str,
    url: String,
    body: Value,
) -> (u16, Value) {
    let mut request = http.request(method.clone(), &url).bearer_auth(token);
    if method != reqwest::Method::GET {
        request = request.json(&body);
    }
    let r = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

impl System {
    /// A service desk (the agent), specialists to escalate to (the specialist), a coordinator,
    /// their e-mail addresses, and a published workflow for IT Department / Hardware: Triage →
    /// Repair → Close, with a back-edge Repair → Triage and escalation from Triage. The end action
    /// is a webhook to `webhook`, if given. Returns the workflow id.
    pub async fn seed(&self, webhook: Option<&str>) -> i64 {
        use reqwest::Method;
        let http = testing::http_client();
        let admin = staff_token(ADMIN, "tts:Admin");
        let wf = |path: &str| self.workflow.url(path);
        for (role, name, member) in [
            (10, "Service Desk", AGENT),
            (11, "Specialists", SPECIALIST),
            (12, "Ticket Coordinator", COORDINATOR),
        ] {
            let (status, body) = call(
                &http,
                Method::PUT,
                &admin,
                wf(&format!("/roles/{role}/")),
                json!({"name": name}),
            )
            .await;
            assert_eq!(status, 200, "{body}");
            let path = format!("/roles/{role}/members/{member}/");
            let (status, body) = call(&http, Method::PUT, &admin, wf(&path), json!({})).await;
            assert_eq!(status, 200, "{body}");
        }
        let directory = tts_shared::amqp::TaskMessage::new(
            "notifications.bulk_sync_user_emails",
            vec![],
            json!({"users_data": [
                {"user_id": AGENT, "email": "agent@example.com", "first_name": "Ana", "last_name": "Agent", "is_active": true},
                {"user_id": SPECIALIST, "email": "specialist@example.com", "first_name": "Sam", "last_name": "Spec", "is_active": true},
            ]})
            .as_object()
            .cloned()
            .unwrap_or_default(),
        );
        self.vhost
            .publish("USER_EMAIL_SYNC_QUEUE", &directory)
            .await;
        let end = match webhook {
            Some(url) => json!({"end_action": "webhook", "end_webhook_url": url}),
            None => json!({"end_action": "none"}),
        };
        let mut workflow = json!({
            "name": "Hardware repair", "department": "IT Department", "category": "Hardware",
            "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "P1D", "urgent_sla": "PT4H",
            "graph": {
                "steps": [
                    {"key": "triage", "name": "Triage", "role_id": 10, "escalate_to_role_id": 11, "is_start": true},
                    {"key": "repair", "name": "Repair", "role_id": 10},
                    {"key": "close", "name": "Close", "role_id": 10, "is_end": true}
                ],
                "transitions": [
                    {"key": "to_repair", "from": "triage", "to": "repair", "name": "Diagnosed"},
                    {"key": "needs_info", "from": "repair", "to": "triage", "name": "Needs more information"},
                    {"key": "repaired", "from": "repair", "to": "close", "name": "Repaired"}
                ]
            }
        });
        if let (Some(w), Some(e)) = (workflow.as_object_mut(), end.as_object()) {
            w.extend(e.clone());
        }
        let (status, created) =
            call(&http, Method::POST, &admin, wf("/workflows/"), workflow).await;
        assert_eq!(status, 201, "{created}");
        let id = created["id"].as_i64().expect("workflow id");
        let path = format!("/workflows/{id}/publish/");
        let (status, body) = call(&http, Method::POST, &admin, wf(&path), json!({})).await;
        assert_eq!(status, 201, "{body}");
        let db = &self.databases[3];
        testing::eventually(
            "the e-mail directory",
            std::time::Duration::from_secs(30),
            || async {
                let n = db.count("SELECT count(*) AS n FROM user_directory").await;
                (n == 2).then_some(())
            },
        )
        .await;
        id
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
