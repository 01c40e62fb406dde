//! Integration tests of `tts`: the real binary against the real services (started in this
//! process, each with its own database and RabbitMQ vhost), PostgreSQL and RabbitMQ.

mod demo;
mod simulate;
mod token;

use std::process::Output;

use serde_json::Value;
use tts_shared::auth::UserType;
use tts_shared::testing::{self, TestService};

/// Runs `tts` with `args`, without any `TTS_*` setting of the environment the tests run in, so
/// it uses the same defaults (development secret, queue names) as the test services.
pub async fn tts(args: &[&str]) -> Output {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_tts"));
    command.args(args).kill_on_drop(true);
    for (name, _) in std::env::vars() {
        if name.starts_with("TTS_") {
            command.env_remove(name);
        }
    }
    command.output().await.expect("tts runs")
}

/// Runs `tts` and fails the test, showing its output, unless it succeeded. Returns its stdout.
pub async fn tts_ok(args: &[&str]) -> String {
    let out = tts(args).await;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "tts {args:?} failed\nstdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

pub async fn workflow_api() -> TestService {
    TestService::start(
        workflow_api::SERVICE,
        workflow_api::MIGRATIONS,
        workflow_api::app,
        &[],
        None,
    )
    .await
}

pub async fn ticket_service() -> TestService {
    let dir = std::env::temp_dir().join(format!("tts-attachments-{}", uuid::Uuid::new_v4()));
    let dir = dir.to_string_lossy().into_owned();
    TestService::start(
        ticket_service::SERVICE,
        ticket_service::MIGRATIONS,
        ticket_service::app,
        &[("attachment_dir", &dir)],
        None,
    )
    .await
}

pub fn admin() -> String {
    testing::token(1, UserType::Staff, &["tts:Admin"])
}

/// GET `path` with `token`: the status and the JSON body.
pub async fn get(s: &TestService, token: &str, path: &str) -> (u16, Value) {
    let response = s
        .http
        .get(s.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// GET `path` as the admin, which must answer 200.
pub async fn get_ok(s: &TestService, path: &str) -> Value {
    let (status, body) = get(s, &admin(), path).await;
    assert_eq!(status, 200, "GET {path}: {body}");
    body
}
