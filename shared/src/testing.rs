//! Test support (feature `testing`): every test gets its own PostgreSQL database, cloned from a
//! migrated template, and its own RabbitMQ vhost, so tests run in parallel against the real
//! servers without seeing each other. Also: tokens, settings, a TCP proxy that can cut the broker
//! off, and [`eventually`] to wait on a condition with a deadline.
//!
//! Servers are found through `TTS_TEST_DATABASE_URL` (default
//! `postgres://postgres:postgres@127.0.0.1:5432/postgres`), `TTS_TEST_AMQP_ADDR` (default
//! `127.0.0.1:5672`) and `TTS_TEST_RABBITMQ_API` (default `http://127.0.0.1:15672`, guest/guest).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::migration::MigrationSource;
use diesel::pg::Pg;
use diesel::sql_query;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use diesel_migrations::EmbeddedMigrations;
use futures_util::{SinkExt, StreamExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::AbortHandle;

use crate::auth::{Claims, SystemRole, UserType, issue_hs256};
use crate::config::{ConfigSource, DEVELOPMENT_JWT_SECRET, PlatformSettings, platform_from};
use crate::db;

/// An HTTP client for tests. A service in the build may turn on reqwest's rustls without a
/// built-in crypto provider (feature unification), so the one the services use is installed first.
pub fn http_client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// Every per-test database and vhost name starts with this; the test command drops leftovers.
pub const TEST_PREFIX: &str = "tts_test_";

pub fn server_url() -> String {
    std::env::var("TTS_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres:postgres@127.0.0.1:5432/postgres".into())
}

fn url_with_database(name: &str) -> String {
    let mut url = url::Url::parse(&server_url()).expect("TTS_TEST_DATABASE_URL is a URL");
    url.set_path(&format!("/{name}"));
    url.to_string()
}

/// Logs of the code under test, filtered by `TTS_TEST_LOG` (default `warn`); shown for failing tests.
pub fn init_logs() {
    let filter = std::env::var("TTS_TEST_LOG").unwrap_or_else(|_| "warn".into());
    crate::telemetry::init_tracing(crate::config::LogFormat::Pretty, &filter);
}

fn unique_name(kind: &str) -> String {
    format!("{TEST_PREFIX}{kind}_{}", uuid::Uuid::new_v4().simple())
}

/// Waits for `check` to return `Some`, polling, and panics naming `what` after `timeout`.
pub async fn eventually<T, F, Fut>(what: &str, timeout: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {timeout:?} waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// A database of one test, dropped by [`TestDatabase::drop_now`] or by the test command.
#[derive(Debug, Clone)]
pub struct TestDatabase {
    pub name: String,
    pub url: String,
}

impl TestDatabase {
    /// A fresh database holding the platform tables and `migrations`, cloned from a template
    /// that is built once per migration set.
    pub async fn migrated(migrations: &[&'static EmbeddedMigrations]) -> TestDatabase {
        init_logs();
        let mut sets = vec![&db::PLATFORM_MIGRATIONS];
        sets.extend_from_slice(migrations);
        let template = template_for(&sets).await;
        let name = unique_name("db");
        let mut conn = maintenance().await;
        // The template may still show the backend that built it for a moment after it closed.
        let statement = format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        execute_until_ok(&mut conn, &statement).await;
        TestDatabase {
            url: url_with_database(&name),
            name,
        }
    }

    /// A name and URL for a database that does not exist yet (for start-up tests).
    pub fn not_created() -> TestDatabase {
        let name = unique_name("db");
        TestDatabase {
            url: url_with_database(&name),
            name,
        }
    }

    pub async fn connect(&self) -> AsyncPgConnection {
        AsyncPgConnection::establish(&self.url)
            .await
            .expect("test database accepts connections")
    }

    /// Drops the database, closing whatever is still connected to it.
    /// The answer of `sql`, a `SELECT count(*) AS n …`.
    pub async fn count(&self, sql: &str) -> i64 {
        #[derive(diesel::QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut conn = self.connect().await;
        sql_query(sql)
            .get_result::<N>(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .n
    }

    pub async fn drop_now(self) {
        let mut conn = maintenance().await;
        let _ = sql_query(format!(
            "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
            self.name
        ))
        .execute(&mut conn)
        .await;
    }
}

/// Runs a statement that fails while a just-closed backend still holds the database, until it
/// succeeds (30 s deadline).
async fn execute_until_ok(conn: &mut AsyncPgConnection, statement: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match sql_query(statement).execute(conn).await {
            Ok(_) => return,
            Err(e) if Instant::now() < deadline => {
                tracing::debug!(error = %e, "retrying {statement}");
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
            Err(e) => panic!("{statement}: {e}"),
        }
    }
}

async fn maintenance() -> AsyncPgConnection {
    AsyncPgConnection::establish(&server_url())
        .await
        .expect("PostgreSQL reachable at TTS_TEST_DATABASE_URL")
}

async fn template_for(sets: &[&'static EmbeddedMigrations]) -> String {
    let mut hasher = DefaultHasher::new();
    for set in sets {
        for migration in MigrationSource::<Pg>::migrations(*set).expect("embedded migrations load")
        {
            migration.name().to_string().hash(&mut hasher);
        }
    }
    let template = format!("{TEST_PREFIX}template_{:016x}", hasher.finish());
    let mut conn = maintenance().await;
    // One builder at a time across test threads and test binaries.
    sql_query("SELECT pg_advisory_lock(74720002)")
        .execute(&mut conn)
        .await
        .expect("advisory lock");
    let exists = sql_query(format!(
        "SELECT 1 FROM pg_database WHERE datname = '{template}'"
    ))
    .execute(&mut conn)
    .await
    .expect("pg_database readable")
        > 0;
    if !exists {
        // Built under another name and renamed when complete, so a half-built template from a
        // crashed run is never used.
        let building = format!("{template}_building");
        let _ = sql_query(format!(
            "DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)"
        ))
        .execute(&mut conn)
        .await;
        sql_query(format!("CREATE DATABASE \"{building}\""))
            .execute(&mut conn)
            .await
            .expect("create template database");
        db::migrate(&url_with_database(&building), sets)
            .await
            .expect("migrations apply to an empty database");
        let rename = format!("ALTER DATABASE \"{building}\" RENAME TO \"{template}\"");
        execute_until_ok(&mut conn, &rename).await;
    }
    sql_query("SELECT pg_advisory_unlock(74720002)")
        .execute(&mut conn)
        .await
        .expect("advisory unlock");
    template
}

fn management_api() -> String {
    std::env::var("TTS_TEST_RABBITMQ_API").unwrap_or_else(|_| "http://127.0.0.1:15672".into())
}

pub fn amqp_addr() -> SocketAddr {
    std::env::var("TTS_TEST_AMQP_ADDR")
        .unwrap_or_else(|_| "127.0.0.1:5672".into())
        .parse()
        .expect("TTS_TEST_AMQP_ADDR is host:port")
}

/// A RabbitMQ vhost of one test, reached through the management API.
#[derive(Debug, Clone)]
pub struct TestVhost {
    pub name: String,
    http: reqwest::Client,
}

impl TestVhost {
    pub async fn create() -> TestVhost {
        let vhost = TestVhost {
            name: unique_name("vhost"),
            http: http_client(),
        };
        vhost
            .api(
                reqwest::Method::PUT,
                &format!("vhosts/{}", vhost.name),
                None,
            )
            .await;
        vhost
            .api(
                reqwest::Method::PUT,
                &format!("permissions/{}/guest", vhost.name),
                Some(serde_json::json!({"configure": ".*", "write": ".*", "read": ".*"})),
            )
            .await;
        vhost
    }

    async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> serde_json::Value {
        let mut request = self
            .http
            .request(method.clone(), format!("{}/api/{path}", management_api()))
            .basic_auth("guest", Some("guest"));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect(
            "RabbitMQ management API reachable (rabbitmq-plugins enable rabbitmq_management)",
        );
        let status = response.status();
        assert!(
            status.is_success() || (method == reqwest::Method::DELETE && status == 404),
            "management API {method} {path}: {status}"
        );
        response.json().await.unwrap_or(serde_json::Value::Null)
    }

    /// AMQP URL of this vhost at `addr` (the broker itself, or a [`TcpProxy`] in front of it).
    pub fn amqp_url_via(&self, addr: SocketAddr) -> String {
        format!("amqp://guest:guest@{addr}/{}", self.name)
    }

    pub fn amqp_url(&self) -> String {
        self.amqp_url_via(amqp_addr())
    }

    /// Force-closes every client connection to this vhost, as a broker restart would.
    /// Returns how many were closed.
    pub async fn close_connections(&self) -> usize {
        let list = self
            .api(
                reqwest::Method::GET,
                &format!("vhosts/{}/connections", self.name),
                None,
            )
            .await;
        let names: Vec<String> = list
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|c| c["name"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        for name in &names {
            let encoded: String = url::form_urlencoded::byte_serialize(name.as_bytes()).collect();
            self.api(
                reqwest::Method::DELETE,
                &format!("connections/{}", encoded.replace('+', "%20")),
                None,
            )
            .await;
        }
        names.len()
    }

    pub async fn delete(self) {
        self.api(
            reqwest::Method::DELETE,
            &format!("vhosts/{}", self.name),
            None,
        )
        .await;
    }
}

/// A TCP proxy in front of a server that can be switched off: the server looks down (existing
/// connections cut, new ones closed at once) without disturbing other tests that use it.
#[derive(Debug, Clone)]
pub struct TcpProxy {
    pub addr: SocketAddr,
    state: Arc<Mutex<ProxyState>>,
}

#[derive(Debug, Default)]
struct ProxyState {
    down: bool,
    links: Vec<AbortHandle>,
}

impl TcpProxy {
    pub async fn start(target: SocketAddr) -> TcpProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let proxy = TcpProxy {
            addr: listener.local_addr().expect("proxy address"),
            state: Arc::default(),
        };
        let state = proxy.state.clone();
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let mut guard = state.lock().expect("proxy state");
                if guard.down {
                    continue; // dropping `inbound` closes it
                }
                let link = tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                guard.links.retain(|l| !l.is_finished());
                guard.links.push(link.abort_handle());
            }
        });
        proxy
    }

    /// Cuts every connection and refuses new ones until [`TcpProxy::up`].
    pub fn down(&self) {
        let mut state = self.state.lock().expect("proxy state");
        state.down = true;
        for link in state.links.drain(..) {
            link.abort();
        }
    }

    pub fn up(&self) {
        self.state.lock().expect("proxy state").down = false;
    }
}

/// Settings for a service under test: its database, its broker URL, fast retries.
pub fn settings(database_url: &str, amqp_url: &str) -> PlatformSettings {
    settings_with(database_url, amqp_url, &[])
}

/// [`settings`] plus `extra` (key, value) pairs.
pub fn settings_with(
    database_url: &str,
    amqp_url: &str,
    extra: &[(&str, &str)],
) -> PlatformSettings {
    let mut pairs: Vec<(&str, &str)> = vec![
        ("http_addr", "127.0.0.1:0"),
        ("database_url", database_url),
        ("amqp_url", amqp_url),
        ("database_pool_size", "8"),
        ("amqp_retry_base_delay_ms", "50"),
        ("amqp_retry_max_delay_ms", "200"),
        ("amqp_max_retries", "3"),
        ("amqp_reconnect_max_delay_ms", "500"),
        ("outbox_poll_interval_ms", "200"),
        ("shutdown_grace_ms", "5000"),
        ("log_format", "pretty"),
        ("development_mode", "true"),
        (
            "service_api_keys",
            "helpdesk=test-helpdesk-key-0123456789 helpdesk:upsert tickets:read",
        ),
    ];
    pairs.extend_from_slice(extra);
    let source = ConfigSource::from_layers(&pairs, None, []).expect("test settings");
    platform_from(&source).expect("test settings are valid")
}

/// The service API key [`settings`] configures for the `helpdesk` caller (scopes
/// `helpdesk:upsert` and `tickets:read`).
pub const HELPDESK_KEY: &str = "test-helpdesk-key-0123456789";

/// An access token signed with the development secret that test settings use.
pub fn token(user_id: i64, user_type: UserType, roles: &[&str]) -> String {
    let roles = roles
        .iter()
        .map(|r| r.parse::<SystemRole>().expect("roles are system:Role"))
        .collect();
    issue_hs256(
        DEVELOPMENT_JWT_SECRET,
        &Claims::access(user_id, user_type, roles, 3600),
    )
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Where a service binary under test writes its logs: `target/test-logs/<name>-<id>.log`.
fn log_file(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/test-logs");
    std::fs::create_dir_all(&dir).expect("log directory");
    dir.join(format!("{name}-{}.log", uuid::Uuid::new_v4().simple()))
}

/// The start-up contract every service binary keeps, checked against the real servers:
/// - a bad setting stops it at once with exit code 2 and a message naming the setting;
/// - it creates and migrates its database on an empty server and answers `/health/ready` 200;
/// - with the broker unreachable it answers 503 naming the broker, stays live, and recovers
///   without a restart when the broker is back;
/// - SIGTERM stops it cleanly (exit code 0).
pub async fn check_service_binary(binary: &str, name: &str) {
    let bad = tokio::process::Command::new(binary)
        .env("TTS_AMQP_PREFETCH", "lots")
        .output()
        .await
        .expect("service binary runs");
    assert_eq!(bad.status.code(), Some(2), "bad settings exit with 2");
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("amqp_prefetch") && stderr.contains("TTS_AMQP_PREFETCH"),
        "the message names the setting: {stderr}"
    );
    // Outside development mode the public default secret is refused before anything starts.
    let public_secret = tokio::process::Command::new(binary)
        .env_remove("TTS_JWT_SECRET")
        .env_remove("TTS_DEVELOPMENT_MODE")
        .output()
        .await
        .expect("service binary runs");
    assert_eq!(
        public_secret.status.code(),
        Some(2),
        "a public secret exits with 2"
    );
    let stderr = String::from_utf8_lossy(&public_secret.stderr);
    assert!(
        stderr.contains("jwt_secret") && stderr.contains("TTS_JWT_SECRET"),
        "the message names the secret: {stderr}"
    );

    let db = TestDatabase::not_created();
    let vhost = TestVhost::create().await;
    let proxy = TcpProxy::start(amqp_addr()).await;
    let port = free_port();
    let logs = log_file(name);
    let log = std::fs::File::create(&logs).expect("log file");
    let mut child = tokio::process::Command::new(binary)
        .env("TTS_HTTP_ADDR", format!("127.0.0.1:{port}"))
        .env("TTS_DATABASE_URL", &db.url)
        .env("TTS_AMQP_URL", vhost.amqp_url_via(proxy.addr))
        .env("TTS_AMQP_RECONNECT_MAX_DELAY_MS", "500")
        .env("TTS_LOG", "info")
        .env("TTS_DEVELOPMENT_MODE", "true")
        .stdout(log.try_clone().expect("log handle"))
        .stderr(log)
        .kill_on_drop(true)
        .spawn()
        .expect("service binary starts");
    let http = http_client();
    let base = format!("http://127.0.0.1:{port}");
    let ready = || async {
        let response = http.get(format!("{base}/health/ready")).send().await.ok()?;
        let status = response.status().as_u16();
        let body: serde_json::Value = response.json().await.ok()?;
        Some((status, body))
    };
    let logs_hint = logs.display().to_string();

    eventually(
        &format!("{name} to be ready (logs: {logs_hint})"),
        Duration::from_secs(60),
        || async { ready().await.filter(|(status, _)| *status == 200) },
    )
    .await;
    let mut conn = db.connect().await;
    sql_query("SELECT 1 FROM outbox_messages LIMIT 1")
        .execute(&mut conn)
        .await
        .expect("the service created and migrated its database");
    drop(conn);

    proxy.down();
    let (_, body) = eventually(
        &format!("{name} to report the broker down (logs: {logs_hint})"),
        Duration::from_secs(30),
        || async { ready().await.filter(|(status, _)| *status == 503) },
    )
    .await;
    assert_eq!(body["checks"]["database"], "ok", "{body}");
    assert!(
        body["checks"]["broker"]
            .as_str()
            .unwrap_or("")
            .starts_with("broker unavailable"),
        "{body}"
    );
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("broker"),
        "{body}"
    );
    let live = http
        .get(format!("{base}/health/live"))
        .send()
        .await
        .expect("live answers");
    assert_eq!(live.status(), 200, "still live while the broker is down");

    proxy.up();
    eventually(
        &format!("{name} to recover (logs: {logs_hint})"),
        Duration::from_secs(30),
        || async { ready().await.filter(|(status, _)| *status == 200) },
    )
    .await;

    let pid = child.id().expect("child pid").to_string();
    let signalled = tokio::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .expect("kill runs");
    assert!(signalled.success());
    let status = tokio::time::timeout(Duration::from_secs(30), child.wait())
        .await
        .unwrap_or_else(|_| {
            panic!("{name} did not stop within 30 s of SIGTERM (logs: {logs_hint})")
        })
        .expect("wait");
    assert!(
        status.success(),
        "{name} exited with {status} (logs: {logs_hint})"
    );

    db.drop_now().await;
    vhost.delete().await;
    let _ = std::fs::remove_file(logs);
}

/// The Celery test virtualenv's interpreter (`scripts/setup.sh --python` creates it).
pub fn celery_python() -> std::path::PathBuf {
    let path = std::env::var("TTS_TEST_PYTHON")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/py-venv/bin/python")
        });
    assert!(
        path.exists(),
        "no Celery virtualenv at {}: run scripts/test.sh (or scripts/setup.sh --python) first",
        path.display()
    );
    path
}

/// The Celery app the interoperability tests drive (`send` and `worker` commands).
pub fn celery_app() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/celery/celery_app.py")
}

/// A Celery worker executing `task` from `queue` of `vhost`, appending `{id, args, kwargs}` of
/// each execution as a JSON line to a file. Killed when dropped.
pub struct CeleryWorker {
    _child: tokio::process::Child,
    output: std::path::PathBuf,
}

impl CeleryWorker {
    pub fn start(vhost: &TestVhost, queue: &str, task: &str) -> CeleryWorker {
        let output =
            std::env::temp_dir().join(format!("tts-celery-{}.jsonl", uuid::Uuid::new_v4()));
        let child = tokio::process::Command::new(celery_python())
            .arg(celery_app())
            .args(["worker", queue, task])
            .arg(&output)
            .env("TTS_CELERY_BROKER_URL", vhost.amqp_url())
            .stdout(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("celery worker starts");
        CeleryWorker {
            _child: child,
            output,
        }
    }

    /// Waits (60 s deadline) until the worker has executed `n` tasks, and returns them.
    pub async fn executed(&self, n: usize) -> Vec<serde_json::Value> {
        eventually(
            "the Celery worker to execute the tasks",
            Duration::from_secs(60),
            || async {
                let text = std::fs::read_to_string(&self.output).ok()?;
                let lines: Vec<serde_json::Value> = text
                    .lines()
                    .filter_map(|l| serde_json::from_str(l).ok())
                    .collect();
                (lines.len() >= n).then_some(lines)
            },
        )
        .await
    }
}

impl Drop for CeleryWorker {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.output);
    }
}

impl TestVhost {
    async fn channel(&self) -> lapin::Channel {
        let conn =
            lapin::Connection::connect(&self.amqp_url(), lapin::ConnectionProperties::default())
                .await
                .expect("test connection to the vhost");
        conn.create_channel().await.expect("channel")
    }

    /// Waits (30 s deadline) for `n` messages on `queue` and takes them.
    pub async fn take(&self, queue: &str, n: usize) -> Vec<crate::amqp::TaskMessage> {
        let channel = self.channel().await;
        let mut taken = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        while taken.len() < n {
            let got = channel
                .basic_get(
                    queue.into(),
                    lapin::options::BasicGetOptions { no_ack: true },
                )
                .await
                .expect("basic.get");
            match got {
                Some(m) => taken.push(
                    crate::amqp::TaskMessage::decode(&m.delivery.properties, &m.delivery.data)
                        .expect("a Celery message"),
                ),
                None => {
                    assert!(
                        Instant::now() < deadline,
                        "timed out waiting for {n} messages on {queue}, got {}",
                        taken.len()
                    );
                    tokio::time::sleep(Duration::from_millis(25)).await;
                }
            }
        }
        taken
    }

    /// How many messages wait in `queue` now.
    pub async fn depth(&self, queue: &str) -> u32 {
        let channel = self.channel().await;
        let passive = lapin::options::QueueDeclareOptions {
            passive: true,
            ..Default::default()
        };
        channel
            .queue_declare(queue.into(), passive, lapin::types::FieldTable::default())
            .await
            .expect("queue exists")
            .message_count()
    }

    /// Publishes a message captured off RabbitMQ (`{exchange, routing_key, properties, body}`, as
    /// in `shared/reference/original-producers/`) exactly as captured: its exchange and routing
    /// key, its AMQP properties (headers included; JSON nulls as Void, like py-amqp) and body.
    pub async fn publish_captured(&self, message: &serde_json::Value) {
        use lapin::types::ShortString;
        let p = &message["properties"];
        let mut properties = lapin::BasicProperties::default();
        let text = |key: &str| p[key].as_str().map(ShortString::from);
        if let Some(v) = text("reply_to") {
            properties = properties.with_reply_to(v);
        }
        if let Some(v) = text("correlation_id") {
            properties = properties.with_correlation_id(v);
        }
        if let Some(v) = text("content_encoding") {
            properties = properties.with_content_encoding(v);
        }
        if let Some(v) = text("content_type") {
            properties = properties.with_content_type(v);
        }
        if let Some(v) = p["priority"].as_u64() {
            properties = properties.with_priority(v as u8);
        }
        if let Some(v) = p["delivery_mode"].as_u64() {
            properties = properties.with_delivery_mode(v as u8);
        }
        if let Some(headers) = p["headers"].as_object() {
            properties = properties.with_headers(crate::amqp::celery::json_to_table(headers));
        }
        let body = serde_json::to_vec(&message["body"]).expect("a JSON body");
        let channel = self.channel().await;
        channel
            .basic_publish(
                message["exchange"].as_str().unwrap_or("").into(),
                message["routing_key"]
                    .as_str()
                    .expect("a routing key")
                    .into(),
                lapin::options::BasicPublishOptions::default(),
                &body,
                properties,
            )
            .await
            .expect("publish")
            .await
            .expect("confirm");
    }

    /// Publishes a Celery message to `queue` (as another system would).
    pub async fn publish(&self, queue: &str, message: &crate::amqp::TaskMessage) {
        let channel = self.channel().await;
        let (properties, body) = message.encode();
        channel
            .basic_publish(
                "".into(),
                queue.into(),
                lapin::options::BasicPublishOptions::default(),
                &body,
                properties,
            )
            .await
            .expect("publish")
            .await
            .expect("confirm");
    }
}

/// A service running in this process on a free port, with its own database and vhost.
pub struct TestService {
    pub base: String,
    pub http: reqwest::Client,
    pub db: TestDatabase,
    pub vhost: TestVhost,
    pub platform: crate::Platform,
}

impl TestService {
    /// Starts the service `build` makes, with test settings plus `extra` (platform and service
    /// settings alike). `amqp` reaches the broker (the broker itself, or a [`TcpProxy`]).
    pub async fn start(
        info: crate::ServiceInfo,
        migrations: &[&'static EmbeddedMigrations],
        build: crate::platform::Builder,
        extra: &[(&str, &str)],
        amqp: Option<SocketAddr>,
    ) -> TestService {
        let db = TestDatabase::migrated(migrations).await;
        let vhost = TestVhost::create().await;
        let amqp_url = vhost.amqp_url_via(amqp.unwrap_or_else(amqp_addr));
        let instance = Instance::launch(info, migrations, build, extra, &db.url, &amqp_url).await;
        TestService {
            base: instance.base,
            http: http_client(),
            db,
            vhost,
            platform: instance.platform,
        }
    }

    /// Another instance of the same service on the same database and broker vhost, as a
    /// deployment with several replicas runs it.
    pub async fn another_instance(
        &self,
        info: crate::ServiceInfo,
        migrations: &[&'static EmbeddedMigrations],
        build: crate::platform::Builder,
        extra: &[(&str, &str)],
    ) -> Instance {
        let amqp_url = self.vhost.amqp_url_via(amqp_addr());
        Instance::launch(info, migrations, build, extra, &self.db.url, &amqp_url).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The `ws://` address of `path` on this service.
    pub fn ws_url(&self, path: &str) -> String {
        format!("ws{}{path}", self.base.trim_start_matches("http"))
    }

    pub async fn finish(self) {
        self.platform.shutdown().await;
        self.db.drop_now().await;
        self.vhost.delete().await;
    }
}

/// A service binary running as a child process, for end-to-end runs, benchmarks and fault
/// injection: it can be killed (`SIGKILL`) and started again with the same settings.
pub struct ServiceProcess {
    pub name: String,
    pub base: String,
    binary: std::path::PathBuf,
    env: Vec<(String, String)>,
    child: Option<tokio::process::Child>,
    pub log: std::path::PathBuf,
}

impl ServiceProcess {
    /// Starts `binary` listening on a free port with `env` (plus `TTS_HTTP_ADDR`) and waits until
    /// it answers `/health/ready` with 200.
    pub async fn start(
        binary: &std::path::Path,
        name: &str,
        env: &[(String, String)],
    ) -> ServiceProcess {
        let port = free_port();
        let mut env = env.to_vec();
        env.push(("TTS_HTTP_ADDR".into(), format!("127.0.0.1:{port}")));
        let mut process = ServiceProcess {
            name: name.to_string(),
            base: format!("http://127.0.0.1:{port}"),
            binary: binary.to_path_buf(),
            env,
            child: None,
            log: log_file(name),
        };
        process.spawn().await;
        process
    }

    async fn spawn(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("log file");
        let child = tokio::process::Command::new(&self.binary)
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdout(log.try_clone().expect("log handle"))
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.binary.display()));
        self.child = Some(child);
        self.wait_ready().await;
    }

    /// Waits (up to a minute) for `/health/ready` to answer 200.
    pub async fn wait_ready(&self) {
        let http = http_client();
        let url = format!("{}/health/ready", self.base);
        eventually(
            &format!("{} to be ready (logs: {})", self.name, self.log.display()),
            Duration::from_secs(60),
            || async {
                let status = http.get(&url).send().await.ok()?.status();
                (status == 200).then_some(())
            },
        )
        .await;
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn ws_url(&self, path: &str) -> String {
        format!("ws{}{path}", self.base.trim_start_matches("http"))
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().and_then(|c| c.id())
    }

    /// `kill -9`: no shutdown, no draining.
    pub async fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill().await;
        }
    }

    /// Starts it again with the same settings and port, and waits until it is ready.
    pub async fn restart(&mut self) {
        self.kill().await;
        self.spawn().await;
    }

    /// SIGTERM, then waits for the exit; the exit code.
    pub async fn stop(&mut self) -> Option<i32> {
        let mut child = self.child.take()?;
        let pid = child.id()?;
        let _ = tokio::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .await;
        child.wait().await.ok().and_then(|s| s.code())
    }
}

/// One running instance of a service: its own platform and HTTP listener.
pub struct Instance {
    pub base: String,
    pub platform: crate::Platform,
}

impl Instance {
    async fn launch(
        info: crate::ServiceInfo,
        migrations: &[&'static EmbeddedMigrations],
        build: crate::platform::Builder,
        extra: &[(&str, &str)],
        db_url: &str,
        amqp_url: &str,
    ) -> Instance {
        let settings = settings_with(db_url, amqp_url, extra);
        let platform = crate::Platform::start(
            info,
            settings,
            migrations,
            tokio_util::sync::CancellationToken::new(),
        )
        .await
        .expect("platform starts");
        // Connected means the topology is declared: tests may read queues from here on.
        eventually(
            "the service's broker connection",
            Duration::from_secs(30),
            || async { platform.broker().connection().map(|_| ()) },
        )
        .await;
        let source = ConfigSource::from_layers(extra, None, []).expect("service settings");
        let app = build(&platform, &source).expect("service app builds");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(crate::platform::serve(listener, app, platform.clone()));
        Instance { base, platform }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn ws_url(&self, path: &str) -> String {
        format!("ws{}{path}", self.base.trim_start_matches("http"))
    }
}

/// A WebSocket client speaking JSON text frames, as a browser would.
pub struct WsClient {
    stream: tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
}

impl WsClient {
    /// Connects to `url`; on a refused handshake, the HTTP status and JSON body of the refusal.
    pub async fn connect(url: &str) -> Result<WsClient, (u16, serde_json::Value)> {
        WsClient::connect_with(url, None).await
    }

    /// Connects to `url` sending one more header (`Authorization`, `Cookie`, …).
    pub async fn connect_with(
        url: &str,
        header: Option<(&'static str, &str)>,
    ) -> Result<WsClient, (u16, serde_json::Value)> {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        let mut request = url.into_client_request().expect("a ws:// URL");
        if let Some((name, value)) = header {
            request
                .headers_mut()
                .insert(name, value.parse().expect("a header value"));
        }
        match tokio_tungstenite::connect_async(request).await {
            Ok((stream, _)) => Ok(WsClient { stream }),
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
                let status = response.status().as_u16();
                let body = response
                    .body()
                    .as_deref()
                    .and_then(|b| serde_json::from_slice(b).ok())
                    .unwrap_or(serde_json::Value::Null);
                Err((status, body))
            }
            Err(e) => panic!("cannot connect to {url}: {e}"),
        }
    }

    /// Connects, or panics naming why it was refused.
    pub async fn open(url: &str) -> WsClient {
        match WsClient::connect(url).await {
            Ok(client) => client,
            Err((status, body)) => panic!("socket {url} refused: {status} {body}"),
        }
    }

    /// The next JSON frame, skipping pings and pongs; panics after `within` or on close.
    pub async fn next_json(&mut self, within: Duration) -> serde_json::Value {
        use tokio_tungstenite::tungstenite::Message;
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let frame = tokio::time::timeout_at(deadline, self.stream.next())
                .await
                .unwrap_or_else(|_| panic!("no frame within {within:?}"));
            match frame {
                Some(Ok(Message::Text(text))) => {
                    return serde_json::from_str(text.as_str()).expect("JSON frame");
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                other => panic!("expected a JSON frame, got {other:?}"),
            }
        }
    }

    /// Reads and drops every frame until the server closes the socket or the connection fails:
    /// a client that keeps up but otherwise does nothing.
    pub async fn drain(&mut self) {
        while let Some(Ok(_)) = self.stream.next().await {}
    }

    /// The next frame whose `type` is `kind`, skipping others; panics after `within`.
    pub async fn next_of(&mut self, kind: &str, within: Duration) -> serde_json::Value {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let frame = self.next_json(left).await;
            if frame["type"] == kind {
                return frame;
            }
        }
    }

    pub async fn send_json(&mut self, value: &serde_json::Value) {
        use tokio_tungstenite::tungstenite::Message;
        self.stream
            .send(Message::Text(value.to_string().into()))
            .await
            .expect("send frame");
    }

    pub async fn send_text(&mut self, text: &str) {
        use tokio_tungstenite::tungstenite::Message;
        self.stream
            .send(Message::Text(text.to_string().into()))
            .await
            .expect("send frame");
    }

    pub async fn close(mut self) {
        let _ = self.stream.close(None).await;
    }
}

/// A real SMTP server (Debian's `python3-aiosmtpd`) storing what it receives in a Maildir.
/// It can be stopped and started again on the same port, to test an SMTP outage.
pub struct SmtpSink {
    pub port: u16,
    maildir: std::path::PathBuf,
    child: Option<tokio::process::Child>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let maildir =
            std::env::temp_dir().join(format!("tts-smtp-{}", uuid::Uuid::new_v4().simple()));
        let mut sink = SmtpSink {
            port: free_port(),
            maildir,
            child: None,
        };
        sink.resume().await;
        sink
    }

    /// (Re)starts the server and waits until it accepts connections.
    pub async fn resume(&mut self) {
        let child = tokio::process::Command::new("/usr/bin/python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{}", self.port),
            ])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&self.maildir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("python3-aiosmtpd runs (scripts/setup.sh --python installs it)");
        self.child = Some(child);
        let port = self.port;
        eventually(
            "the SMTP server to listen",
            Duration::from_secs(20),
            || async move {
                TcpStream::connect(("127.0.0.1", port))
                    .await
                    .ok()
                    .map(|_| ())
            },
        )
        .await;
    }

    /// Stops the server: connections are refused until [`SmtpSink::resume`].
    pub async fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill().await;
        }
    }

    /// Every message received so far, raw.
    pub fn messages(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.maildir.join("new")) else {
            return Vec::new();
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        paths
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    }

    /// Waits (30 s deadline) until `n` messages have arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<String> {
        eventually(
            &format!("{n} e-mails at the SMTP server"),
            Duration::from_secs(30),
            || async {
                let m = self.messages();
                (m.len() >= n).then_some(m)
            },
        )
        .await
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.maildir);
    }
}

/// Asserts that an answer to a bad query or path parameter is 422 `validation_failed` whose first
/// field names `parameter` (the one validation rule: every problem is named, never `query`).
pub fn assert_names_parameter(status: u16, body: &serde_json::Value, query: &str, parameter: &str) {
    assert_eq!(
        (
            status,
            body["error"]["code"].as_str(),
            body["error"]["fields"][0]["field"].as_str()
        ),
        (422, Some("validation_failed"), Some(parameter)),
        "{query}: {body}"
    );
}

/// Walks every page of a `?limit=&cursor=` → `{items, next_cursor}` list, the one pagination
/// style of every list in every service, and returns all items in order. `fetch` answers one
/// page's body for a cursor (`None` for the first page); the caller puts `limit` in the URL.
///
/// Fails the test when a page holds more than `limit` items, a cursor comes back twice, the
/// last page (no `next_cursor`) is never reached, or `next_cursor` is not a string.
pub async fn walk_pages<F, Fut>(limit: usize, mut fetch: F) -> Vec<serde_json::Value>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: std::future::Future<Output = serde_json::Value>,
{
    let mut all = Vec::new();
    let mut seen_cursors = std::collections::HashSet::new();
    let mut cursor: Option<String> = None;
    // A list that never ends would hang the test; no list in the tests holds this many pages.
    for _ in 0..1000 {
        let page = fetch(cursor.clone()).await;
        let items = page["items"]
            .as_array()
            .unwrap_or_else(|| panic!("a page has `items`: {page}"));
        assert!(
            items.len() <= limit,
            "a page holds at most limit={limit} items, got {}",
            items.len()
        );
        all.extend(items.iter().cloned());
        match &page["next_cursor"] {
            serde_json::Value::Null => return all,
            serde_json::Value::String(next) => {
                assert!(
                    seen_cursors.insert(next.clone()),
                    "cursor {next} handed out twice"
                );
                cursor = Some(next.clone());
            }
            other => panic!("next_cursor is a string or absent, got {other}"),
        }
    }
    panic!("the list did not end within 1000 pages");
}

/// Asserts that a walked list holds each of `expected` exactly once, compared by `key` (an
/// item's id field): nothing missing, nothing repeated, nothing else.
pub fn assert_walked_exactly(
    items: &[serde_json::Value],
    key: &str,
    expected: &[serde_json::Value],
) {
    let mut got: Vec<String> = items.iter().map(|i| i[key].to_string()).collect();
    let mut want: Vec<String> = expected.iter().map(|v| v.to_string()).collect();
    got.sort();
    want.sort();
    let repeated = got.windows(2).find(|w| w[0] == w[1]).map(|w| w[0].clone());
    assert_eq!(
        repeated, None,
        "an item appears twice when walking the pages"
    );
    assert_eq!(got, want, "walking the pages yields every item once");
}

/// Asserts that a service's settings table (for `--help`) names exactly the keys its settings
/// struct `T` reads, each once, and that the defaults it spells are the real ones (a default in
/// angle brackets describes a value rather than spelling it, and is skipped).
pub fn assert_settings_table<T>(table: &[crate::config::Setting])
where
    T: serde::de::DeserializeOwned + std::fmt::Debug,
{
    let source = ConfigSource::from_layers(&[], None, []).unwrap();
    source.get::<T>().unwrap();
    let listed: std::collections::BTreeSet<String> =
        table.iter().map(|s| s.key.to_string()).collect();
    assert_eq!(
        source.requested_keys(),
        listed,
        "the table names what is read"
    );
    assert_eq!(listed.len(), table.len(), "each key once");

    let spelled: Vec<(&str, &str)> = table
        .iter()
        .filter(|s| !s.default.starts_with('<'))
        .map(|s| (s.key, s.default))
        .collect();
    let from_table = ConfigSource::from_layers(&spelled, None, []).unwrap();
    let from_nothing = ConfigSource::from_layers(&[], None, []).unwrap();
    assert_eq!(
        format!("{:?}", from_table.get::<T>().unwrap()),
        format!("{:?}", from_nothing.get::<T>().unwrap()),
        "the table's defaults are the real ones"
    );
}

/// Runs a service binary's command line as an operator would: `--version` prints
/// `<service> <version>`; `--help` lists the platform's settings and `own_variable` (one of the
/// service's own); an unknown argument exits 2; and a mistyped key in the `TTS_CONFIG` file
/// stops the start with exit 2 naming key and file before anything is connected (nothing listens
/// on port 1, so a service that connected first would not end). The environment is cleared so
/// no `TTS_*` of the test run leaks in.
pub fn check_command_line(binary: &str, service: &str, version: &str, own_variable: &str) {
    let run = |args: &[&str], env: &[(&str, &str)]| {
        std::process::Command::new(binary)
            .args(args)
            .env_clear()
            .envs(env.iter().copied())
            .output()
            .expect("service binary runs")
    };
    let out = run(&["--version"], &[]);
    assert_eq!(out.status.code(), Some(0), "--version");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{service} {version}\n")
    );

    let out = run(&["--help"], &[]);
    assert_eq!(out.status.code(), Some(0), "--help");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("TTS_HTTP_ADDR"), "{text}");
    assert!(text.contains(own_variable), "{own_variable} in {text}");

    let out = run(&["--port", "1"], &[]);
    assert_eq!(out.status.code(), Some(2), "an unknown argument");
    assert!(String::from_utf8_lossy(&out.stderr).contains("`--port`"));

    let dir = std::env::temp_dir().join(format!("tts-{service}-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("settings.toml");
    std::fs::write(&file, "lgo = \"x\"\n").unwrap();
    let out = run(
        &[],
        &[
            ("TTS_CONFIG", file.to_str().unwrap()),
            ("TTS_DEVELOPMENT_MODE", "true"),
            ("TTS_HTTP_ADDR", "127.0.0.1:0"),
            ("TTS_DATABASE_URL", "postgres://x@127.0.0.1:1/x"),
            ("TTS_AMQP_URL", "amqp://127.0.0.1:1/%2f"),
        ],
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(2), "a mistyped settings file key");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`lgo`") && stderr.contains(&file.display().to_string()),
        "names the key and the file: {stderr}"
    );
}

/// The `field` of each problem an error answer lists, in order.
pub fn error_fields(body: &serde_json::Value) -> Vec<&str> {
    body["error"]["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("an error answer lists its fields: {body}"))
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect()
}
