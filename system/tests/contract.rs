//! The contract the services publish, kept real: each `/schema` is the document committed in
//! `docs/openapi/` and a valid OpenAPI document (openapi-spec-validator), each `/metrics` passes
//! `promtool check metrics`, and the walk-through at the top of `docs/api.md` runs as written.
//!
//! After a deliberate change to an API, rewrite the committed documents with
//! `TTS_UPDATE_OPENAPI=1 cargo test -p tts-system --test contract`.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt as _;
use tts_shared::auth::UserType;
use tts_shared::testing::{self, ServiceProcess, eventually};
use tts_system::contract::{
    self, SERVICES, UPDATE_VARIABLE, committed_path, differences, stable_text, walkthrough_blocks,
};
use tts_system::{ADMIN, System, call, employee_token, staff_token};

const WAIT: Duration = Duration::from_secs(30);

fn services(sys: &System) -> [(&'static str, &ServiceProcess); 4] {
    [
        (SERVICES[0], &sys.tickets),
        (SERVICES[1], &sys.workflow),
        (SERVICES[2], &sys.messaging),
        (SERVICES[3], &sys.notifications),
    ]
}

/// Runs `program args` with `input` on standard input; exit status and everything it printed.
async fn run_with_input(
    program: &std::path::Path,
    args: &[&str],
    input: &[u8],
    env: &[(&str, String)],
) -> (Option<i32>, String) {
    let mut child = tokio::process::Command::new(program)
        .args(args)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input).await.expect("write stdin");
    drop(stdin);
    let out = child.wait_with_output().await.expect("the process ends");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

/// Every problem openapi-spec-validator finds, one line each (`#/json/pointer: message`).
const VALIDATE: &str = r##"
import json, sys
from openapi_spec_validator.shortcuts import get_validator_cls
spec = json.load(sys.stdin)
try:
    for error in get_validator_cls(spec)(spec).iter_errors():
        at = "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in error.absolute_path)
        print(f"#/{at}: {error.message[:300]}")
except Exception as stopped:
    # A reference to nowhere stops the validator; it is a problem of the document all the same.
    print(f"#: validation stopped: {type(stopped).__name__}: {str(stopped)[:300]}")
"##;

#[tokio::test(flavor = "multi_thread")]
async fn served_openapi_documents_are_the_committed_ones_and_valid() {
    let sys = System::start(&[]).await;
    let http = testing::http_client();
    let update = std::env::var(UPDATE_VARIABLE).is_ok_and(|v| v == "1");
    let python = testing::celery_python();
    let mut problems = vec![];
    for (name, service) in services(&sys) {
        let served: Value = http
            .get(service.url("/schema"))
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .unwrap_or_else(|e| panic!("{name} /schema: {e}"))
            .json()
            .await
            .unwrap_or_else(|e| panic!("{name} /schema is not JSON: {e}"));
        let text = stable_text(&served);

        let (status, found) =
            run_with_input(&python, &["-c", VALIDATE], text.as_bytes(), &[]).await;
        assert_eq!(
            status,
            Some(0),
            "openapi-spec-validator did not run ({}): {found}",
            python.display()
        );
        if !found.trim().is_empty() {
            problems.push(format!(
                "{name}: openapi-spec-validator finds {} problem(s):\n{found}",
                found.lines().count()
            ));
        }

        let path = committed_path(name);
        if update {
            std::fs::create_dir_all(path.parent().expect("docs/openapi")).expect("docs/openapi");
            std::fs::write(&path, &text)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            continue;
        }
        let committed: Value = match std::fs::read_to_string(&path) {
            Ok(committed) => serde_json::from_str(&committed)
                .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display())),
            Err(e) => {
                problems.push(format!("{name}: cannot read {}: {e}", path.display()));
                continue;
            }
        };
        let differ = differences(&committed, &served);
        if !differ.is_empty() {
            let shown: Vec<&String> = differ.iter().take(25).collect();
            problems.push(format!(
                "{name}: /schema differs from {} in {} place(s):\n  {}{}",
                path.display(),
                differ.len(),
                shown
                    .iter()
                    .map(|d| d.as_str())
                    .collect::<Vec<_>>()
                    .join("\n  "),
                if differ.len() > shown.len() {
                    "\n  …"
                } else {
                    ""
                }
            ));
        }
    }
    sys.finish().await;
    assert!(
        problems.is_empty(),
        "{}\n\nIf the change is intended, rewrite the committed documents: \
         {UPDATE_VARIABLE}=1 cargo test -p tts-system --test contract",
        problems.join("\n\n")
    );
}

/// promtool: `TTS_TEST_PROMTOOL`, else the one `scripts/setup.sh --python` unpacks into target/.
fn promtool() -> PathBuf {
    let path = std::env::var("TTS_TEST_PROMTOOL")
        .map(PathBuf::from)
        .unwrap_or_else(|_| contract::workspace_root().join("target/promtool/usr/bin/promtool"));
    assert!(
        path.exists(),
        "no promtool at {}: run scripts/setup.sh --python first (or set TTS_TEST_PROMTOOL)",
        path.display()
    );
    path
}

#[tokio::test(flavor = "multi_thread")]
async fn every_services_metrics_pass_promtool_after_traffic() {
    let promtool = promtool();
    let sys = System::start(&[]).await;
    let http = testing::http_client();
    // Traffic of every kind: seeding (HTTP calls and a directory sync over AMQP), a ticket handed
    // to the workflow engine through the outbox, refused and unknown requests.
    sys.seed(None).await;
    let (status, ticket) = call(
        &http,
        Method::POST,
        &employee_token(500),
        sys.tickets.url("/tickets/"),
        json!({"subject": "Printer jams", "department": "IT Department", "category": "Hardware"}),
    )
    .await;
    assert_eq!(status, 201, "{ticket}");
    let agent = staff_token(tts_system::AGENT, "tts:Agent");
    eventually("the ticket's task", WAIT, || async {
        let (_, page) = call(
            &http,
            Method::GET,
            &agent,
            sys.workflow.url("/tasks/mine/"),
            Value::Null,
        )
        .await;
        (!page["items"].as_array()?.is_empty()).then_some(())
    })
    .await;
    for (_, service) in services(&sys) {
        for path in ["/health/ready", "/schema", "/no-such-path/"] {
            let _ = http.get(service.url(path)).send().await;
        }
    }

    let mut problems = vec![];
    for (name, service) in services(&sys) {
        let metrics = http
            .get(service.url("/metrics"))
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .unwrap_or_else(|e| panic!("{name} /metrics: {e}"))
            .text()
            .await
            .expect("metrics text");
        assert!(
            metrics.contains("# TYPE"),
            "{name} /metrics has no metric: {metrics}"
        );
        let (status, found) =
            run_with_input(&promtool, &["check", "metrics"], metrics.as_bytes(), &[]).await;
        if status != Some(0) || !found.trim().is_empty() {
            problems.push(format!(
                "{name}: promtool check metrics (exit {status:?}):\n{found}"
            ));
        }
    }
    sys.finish().await;
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_api_walkthrough_runs_as_written() {
    let doc = std::fs::read_to_string(contract::workspace_root().join("docs/api.md"))
        .expect("docs/api.md");
    let blocks = walkthrough_blocks(&doc);
    assert!(
        blocks.len() >= 5,
        "docs/api.md has {} sh blocks between the walk-through markers",
        blocks.len()
    );
    let sys = System::start(&[]).await;
    let tts = tts_system::binary("tts");
    let env = [
        ("TTS_DEVELOPMENT_MODE", "true".to_string()),
        ("TTS_AMQP_URL", sys.vhost.amqp_url()),
        ("TTS_LOG", "warn".to_string()),
    ];
    // The demo data, loaded as scripts/run.sh loads it.
    let demo = tokio::process::Command::new(&tts)
        .arg("demo")
        .args(["--ticket-url", &sys.tickets.base])
        .args(["--workflow-url", &sys.workflow.base])
        .args(["--messaging-url", &sys.messaging.base])
        .args(["--notification-url", &sys.notifications.base])
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .await
        .expect("tts demo runs");
    assert!(
        demo.status.success(),
        "tts demo: {}{}",
        String::from_utf8_lossy(&demo.stdout),
        String::from_utf8_lossy(&demo.stderr)
    );

    let agent = testing::token(11, UserType::Staff, &["tts:Service Desk Agent"]);
    let requester = testing::token(501, UserType::Employee, &["hdts:Employee"]);
    let script = format!("set -euo pipefail\n{}", blocks.concat());
    let mut vars = env.to_vec();
    vars.extend([
        ("TTS", tts.display().to_string()),
        ("TICKETS", sys.tickets.base.clone()),
        ("WORKFLOW", sys.workflow.base.clone()),
        ("MESSAGING", sys.messaging.base.clone()),
        ("NOTIFICATIONS", sys.notifications.base.clone()),
        ("ADMIN_TOKEN", staff_token(ADMIN, "tts:Admin")),
        ("AGENT_TOKEN", agent.clone()),
        (
            "SPECIALIST_TOKEN",
            testing::token(21, UserType::Staff, &["tts:IT Specialist"]),
        ),
        ("REQUESTER_TOKEN", requester.clone()),
        ("HELPDESK_KEY", testing::HELPDESK_KEY.to_string()),
    ]);
    let (status, output) = run_with_input(
        std::path::Path::new("bash"),
        &["-s"],
        script.as_bytes(),
        &vars,
    )
    .await;
    assert_eq!(
        status,
        Some(0),
        "the walk-through failed:\n{output}\n--- script ---\n{script}"
    );

    // The journey happened: the ticket is resolved, the comment is in its thread, and the agent
    // was told of the assignment.
    let number = output
        .lines()
        .find_map(|l| l.strip_prefix("submitted "))
        .unwrap_or_else(|| panic!("the walk-through names no ticket:\n{output}"))
        .trim()
        .to_string();
    let http = testing::http_client();
    let (status, ticket) = call(
        &http,
        Method::GET,
        &requester,
        sys.tickets.url(&format!("/tickets/{number}/")),
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{ticket}");
    assert_eq!(ticket["status"], "Resolved", "{ticket}");
    let (status, thread) = call(
        &http,
        Method::GET,
        &requester,
        sys.messaging.url(&format!("/tickets/{number}/comments/")),
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{thread}");
    assert!(
        thread["items"]
            .as_array()
            .is_some_and(|items| items.iter().any(|c| c["body"]
                .as_str()
                .is_some_and(|b| b.starts_with("Reseated the display cable")))),
        "{thread}"
    );
    let (status, told) = call(
        &http,
        Method::GET,
        &agent,
        sys.notifications
            .url(&format!("/notifications/?ticket={number}")),
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{told}");
    assert!(
        told["items"].as_array().is_some_and(|items| items
            .iter()
            .any(|n| n["notification_type"] == "task_assignment")),
        "{told}"
    );
    assert!(
        output.contains("validation_failed"),
        "the walk-through's invalid request: {output}"
    );
    sys.finish().await;
}
