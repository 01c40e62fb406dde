//! Integration tests of the messaging service against real PostgreSQL and RabbitMQ, a real ticket
//! service (for requesters) and real WebSocket clients.

mod asyncapi;
mod binary;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::future::join_all;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use tts_shared::amqp::TaskMessage;
use tts_shared::auth::UserType;
use tts_shared::testing::{self, TestService, WsClient, eventually};

const MESSAGING_KEY: &str = "test-messaging-key-0123456789";
/// Messaging's key in the (fake) workflow API, scope `people:read`.
const PEOPLE_KEY: &str = "test-people-key-0123456789";
const FRAME: Duration = Duration::from_secs(10);
const INAPP: &str = "INAPP_NOTIFICATION_QUEUE";

#[tokio::test(flavor = "multi_thread")]
async fn binary_creates_its_database_reports_readiness_and_survives_a_broker_outage() {
    testing::check_service_binary(env!("CARGO_BIN_EXE_messaging"), "messaging").await;
}

/// The workflow API's people directory, as messaging uses it (`GET /people/?ids=` with
/// `X-API-Key`): every staff id asked about holds a TTS role except those taken away; it can be
/// switched off (503). The real endpoint is tested in workflow-api; this answers its contract.
#[derive(Clone)]
struct FakeDirectory {
    base: String,
    state: Arc<Mutex<DirectoryState>>,
}

#[derive(Default)]
struct DirectoryState {
    without_role: BTreeSet<i64>,
    down: bool,
    /// The `ids` of every authorised call.
    asked: Vec<String>,
}

impl FakeDirectory {
    async fn start() -> FakeDirectory {
        use axum::extract::{Query, State};
        use axum::http::{HeaderMap, StatusCode};
        use axum::response::IntoResponse;

        async fn people(
            State(state): State<Arc<Mutex<DirectoryState>>>,
            headers: HeaderMap,
            Query(q): Query<std::collections::HashMap<String, String>>,
        ) -> axum::response::Response {
            if headers.get("x-api-key").and_then(|k| k.to_str().ok()) != Some(PEOPLE_KEY) {
                return StatusCode::UNAUTHORIZED.into_response();
            }
            let mut state = state.lock().unwrap();
            if state.down {
                return StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
            let ids = q.get("ids").cloned().unwrap_or_default();
            state.asked.push(ids.clone());
            let items: Vec<Value> = ids
                .split(',')
                .filter_map(|id| id.parse::<i64>().ok())
                .filter(|id| !state.without_role.contains(id))
                .map(|id| json!({"user_id": id, "full_name": format!("Staff {id}"), "email": format!("s{id}@example.com")}))
                .collect();
            axum::Json(json!({ "items": items })).into_response()
        }

        let state = Arc::new(Mutex::new(DirectoryState::default()));
        let app = axum::Router::new()
            .route("/people/", axum::routing::get(people))
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        FakeDirectory { base, state }
    }

    /// Staff `ids` hold no TTS role from now on.
    fn take_role_from(&self, ids: &[i64]) {
        self.state.lock().unwrap().without_role.extend(ids);
    }

    fn switch_off(&self) {
        self.state.lock().unwrap().down = true;
    }

    fn asked(&self) -> Vec<String> {
        self.state.lock().unwrap().asked.clone()
    }
}

/// A ticket service and a messaging service that asks it who requesters are, and asks the
/// (fake) workflow API who holds a TTS role.
struct System {
    tickets: TestService,
    messaging: TestService,
    directory: FakeDirectory,
    extra: Vec<(String, String)>,
}

impl System {
    async fn start(extra: &[(&str, &str)]) -> System {
        let keys = format!(
            "helpdesk={} helpdesk:upsert,messaging={MESSAGING_KEY} tickets:read",
            testing::HELPDESK_KEY
        );
        let tickets = TestService::start(
            ticket_service::SERVICE,
            ticket_service::MIGRATIONS,
            ticket_service::app,
            &[("service_api_keys", keys.as_str())],
            None,
        )
        .await;
        let directory = FakeDirectory::start().await;
        let dir = std::env::temp_dir().join(format!("tts-comments-{}", uuid_like()));
        let mut settings: Vec<(String, String)> = vec![
            ("ticket_service_url".into(), tickets.base.clone()),
            ("ticket_service_api_key".into(), MESSAGING_KEY.into()),
            ("workflow_api_url".into(), directory.base.clone()),
            ("workflow_api_api_key".into(), PEOPLE_KEY.into()),
            ("attachment_dir".into(), dir.display().to_string()),
        ];
        settings.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let borrowed: Vec<(&str, &str)> = settings
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let messaging = TestService::start(
            messaging::SERVICE,
            messaging::MIGRATIONS,
            messaging::app,
            &borrowed,
            None,
        )
        .await;
        System {
            tickets,
            messaging,
            directory,
            extra: settings,
        }
    }

    fn settings(&self) -> Vec<(&str, &str)> {
        self.extra
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    /// A ticket of employee `requester` in the ticket service.
    async fn ticket(&self, requester: i64) -> String {
        self.ticket_of(&employee(requester)).await
    }

    /// A ticket opened by whoever holds `token`.
    async fn ticket_of(&self, token: &str) -> String {
        let r = self
            .tickets
            .http
            .post(self.tickets.url("/tickets/"))
            .bearer_auth(token)
            .json(&json!({"subject": "Laptop will not boot"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 201);
        let body: Value = r.json().await.unwrap();
        body["ticket_number"].as_str().unwrap().to_string()
    }

    /// Tickets a helpdesk sent (`POST /tickets/send/`), with no requester: threads staff may open.
    async fn helpdesk_tickets(&self, numbers: &[&str]) {
        for number in numbers {
            let r = self
                .tickets
                .http
                .post(self.tickets.url("/tickets/send/"))
                .header("x-api-key", testing::HELPDESK_KEY)
                .json(&json!({"ticket_number": number, "subject": "From the helpdesk"}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status().as_u16(), 201, "{number}");
        }
    }

    fn socket(&self, token: &str, number: &str, query: &str) -> String {
        self.messaging
            .ws_url(&format!("/ws/tickets/{number}/?token={token}{query}"))
    }

    async fn finish(self) {
        self.messaging.finish().await;
        self.tickets.finish().await;
    }
}

fn uuid_like() -> String {
    format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

fn agent(id: i64) -> String {
    testing::token(id, UserType::Staff, &["tts:Agent"])
}

fn admin(id: i64) -> String {
    testing::token(id, UserType::Staff, &["tts:Admin"])
}

fn employee(id: i64) -> String {
    testing::token(id, UserType::Employee, &[])
}

async fn call(
    s: &TestService,
    method: reqwest::Method,
    token: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = s.http.request(method, s.url(path)).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let r = request.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn comment(s: &TestService, token: &str, number: &str, body: Value) -> (u16, Value) {
    let path = format!("/tickets/{number}/comments/");
    call(s, reqwest::Method::POST, token, &path, Some(body)).await
}

/// The next durable thread event (`comment.*`), skipping presence, typing and the like.
async fn next_change(client: &mut WsClient) -> Value {
    loop {
        let frame = client.next_json(FRAME).await;
        if frame["type"]
            .as_str()
            .is_some_and(|t| t.starts_with("comment."))
        {
            return frame;
        }
    }
}

async fn count(s: &TestService, sql: &str) -> i64 {
    s.db.count(sql).await
}

#[tokio::test(flavor = "multi_thread")]
async fn clients_on_a_ticket_see_every_change_with_the_api_sequence_number_and_no_other_ticket() {
    let sys = System::start(&[]).await;
    sys.helpdesk_tickets(&["TX-1", "TX-2"]).await;
    let m = &sys.messaging;
    let mut a = WsClient::open(&sys.socket(&agent(1), "TX-1", "")).await;
    let mut b = WsClient::open(&sys.socket(&agent(2), "TX-1", "")).await;
    let mut other = WsClient::open(&sys.socket(&agent(3), "TX-2", "")).await;
    for c in [&mut a, &mut b, &mut other] {
        let ready = c.next_of("ready", FRAME).await;
        assert_eq!(ready["seq"], 0, "{ready}");
    }

    let (status, posted) =
        comment(m, &agent(1), "TX-1", json!({"body": "Rebooted the switch"})).await;
    assert_eq!(status, 201, "{posted}");
    let created = next_change(&mut b).await;
    assert_eq!(created["type"], "comment.created");
    assert_eq!(created["seq"], posted["seq"]);
    assert_eq!(created["comment"]["body"], "Rebooted the switch");
    assert_eq!(next_change(&mut a).await["seq"], posted["seq"]);
    let id = posted["comment"]["id"].as_i64().unwrap();

    let (_, rated) = call(
        m,
        reqwest::Method::PUT,
        &agent(2),
        &format!("/comments/{id}/rating/"),
        Some(json!({"rating": "up"})),
    )
    .await;
    let event = next_change(&mut b).await;
    assert_eq!(
        (event["type"].as_str(), &event["seq"]),
        (Some("comment.rated"), &rated["seq"])
    );
    assert_eq!(event["thumbs_up"], 1);

    let (status, edited) = call(
        m,
        reqwest::Method::PATCH,
        &agent(1),
        &format!("/comments/{id}/"),
        Some(json!({"body": "Rebooted the core switch"})),
    )
    .await;
    assert_eq!(status, 200, "{edited}");
    let event = next_change(&mut b).await;
    assert_eq!(
        (event["type"].as_str(), &event["seq"]),
        (Some("comment.updated"), &edited["seq"])
    );
    assert_eq!(event["comment"]["edited"], true);

    let (status, deleted) = call(
        m,
        reqwest::Method::DELETE,
        &agent(1),
        &format!("/comments/{id}/"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{deleted}");
    let event = next_change(&mut b).await;
    assert_eq!(
        (event["type"].as_str(), &event["seq"]),
        (Some("comment.deleted"), &event["seq"])
    );
    assert_eq!(event["seq"], deleted["seq"]);
    assert_eq!(event["comment"]["body"], "");

    // Had anything of TX-1 reached the TX-2 client, it would come before TX-2's own comment.
    let (_, own) = comment(m, &agent(3), "TX-2", json!({"body": "Other ticket"})).await;
    let first = next_change(&mut other).await;
    assert_eq!(first["ticket_number"], "TX-2", "{first}");
    assert_eq!(first["seq"], own["seq"]);
    assert_eq!(own["seq"], 1, "each ticket counts on its own");
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_on_one_instance_receives_a_comment_posted_through_another() {
    let sys = System::start(&[]).await;
    sys.helpdesk_tickets(&["TX-9"]).await;
    let second = sys
        .messaging
        .another_instance(
            messaging::SERVICE,
            messaging::MIGRATIONS,
            messaging::app,
            &sys.settings(),
        )
        .await;
    let mut client = WsClient::open(&sys.socket(&agent(1), "TX-9", "")).await;
    client.next_of("ready", FRAME).await;
    let r = sys
        .messaging
        .http
        .post(second.url("/tickets/TX-9/comments/"))
        .bearer_auth(agent(2))
        .json(&json!({"body": "Posted through instance 2"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 201);
    let posted: Value = r.json().await.unwrap();
    let event = next_change(&mut client).await;
    assert_eq!(event["seq"], posted["seq"]);
    assert_eq!(event["comment"]["body"], "Posted through instance 2");
    second.platform.shutdown().await;
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_resuming_with_after_gets_exactly_what_it_missed_in_order() {
    let sys = System::start(&[]).await;
    sys.helpdesk_tickets(&["TX-3"]).await;
    let m = &sys.messaging;
    comment(m, &agent(1), "TX-3", json!({"body": "before"})).await;
    let mut client = WsClient::open(&sys.socket(&agent(2), "TX-3", "")).await;
    let seen = client.next_of("ready", FRAME).await["seq"]
        .as_i64()
        .unwrap();
    assert_eq!(seen, 1);
    client.close().await;

    let mut posted = vec![];
    for body in ["one", "two", "three"] {
        let (_, p) = comment(m, &agent(1), "TX-3", json!({"body": body})).await;
        posted.push(p["seq"].as_i64().unwrap());
    }
    let mut back = WsClient::open(&sys.socket(&agent(2), "TX-3", &format!("&after={seen}"))).await;
    let mut got = vec![];
    for _ in 0..3 {
        let e = next_change(&mut back).await;
        got.push((
            e["seq"].as_i64().unwrap(),
            e["comment"]["body"].as_str().unwrap().to_string(),
        ));
    }
    assert_eq!(
        got,
        vec![
            (posted[0], "one".to_string()),
            (posted[1], "two".to_string()),
            (posted[2], "three".to_string())
        ]
    );
    // Nothing more: the next thing after a ping is its pong.
    back.send_json(&json!({"type": "ping"})).await;
    loop {
        let frame = back.next_json(FRAME).await;
        assert!(
            !frame["type"].as_str().unwrap().starts_with("comment."),
            "{frame}"
        );
        if frame["type"] == "pong" {
            assert_eq!(frame["seq"], posted[2]);
            break;
        }
    }
    // Malformed frames get an error frame, not a disconnect.
    back.send_text("{oops").await;
    assert_eq!(back.next_of("error", FRAME).await["type"], "error");
    back.send_json(&json!({"type": "shout"})).await;
    let error = back.next_of("error", FRAME).await;
    assert!(
        error["message"].as_str().unwrap().contains("shout"),
        "{error}"
    );
    back.send_json(&json!({"type": "typing"})).await;
    let typing = back.next_of("typing", FRAME).await;
    assert_eq!(typing["user"]["user_id"], 2);
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_requester_never_sees_an_internal_comment_by_any_path() {
    let sys = System::start(&[]).await;
    let m = &sys.messaging;
    let number = sys.ticket(5).await;
    let mut requester = WsClient::open(&sys.socket(&employee(5), &number, "")).await;
    requester.next_of("ready", FRAME).await;
    let mut staff = WsClient::open(&sys.socket(&agent(1), &number, "")).await;
    staff.next_of("ready", FRAME).await;

    let (status, internal) = comment(
        m,
        &agent(1),
        &number,
        json!({"body": "Looks like user error", "visibility": "internal"}),
    )
    .await;
    assert_eq!(status, 201, "{internal}");
    let (_, public) = comment(m, &agent(1), &number, json!({"body": "We are on it"})).await;

    // Socket: the first change the requester sees is the public one; staff see both.
    let seen = next_change(&mut requester).await;
    assert_eq!(seen["comment"]["body"], "We are on it", "{seen}");
    assert_eq!(next_change(&mut staff).await["seq"], internal["seq"]);

    // List and detail.
    let (_, page) = call(
        m,
        reqwest::Method::GET,
        &employee(5),
        &format!("/tickets/{number}/comments/"),
        None,
    )
    .await;
    let bodies: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, vec!["We are on it"]);
    let internal_id = internal["comment"]["id"].as_i64().unwrap();
    let (status, _) = call(
        m,
        reqwest::Method::GET,
        &employee(5),
        &format!("/comments/{internal_id}/"),
        None,
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = call(
        m,
        reqwest::Method::POST,
        &employee(5),
        &format!("/comments/{internal_id}/replies/"),
        Some(json!({"body": "?"})),
    )
    .await;
    assert_eq!(status, 404);
    let (status, staff_page) = call(
        m,
        reqwest::Method::GET,
        &agent(2),
        &format!("/tickets/{number}/comments/"),
        None,
    )
    .await;
    assert_eq!(
        (status, staff_page["items"].as_array().unwrap().len()),
        (200, 2)
    );

    // Requesters write publicly only.
    let (status, body) = comment(
        m,
        &employee(5),
        &number,
        json!({"body": "psst", "visibility": "internal"}),
    )
    .await;
    assert_eq!(status, 403, "{body}");
    // A staff reply to the requester's public comment keeps going to them.
    let (status, mine) = comment(m, &employee(5), &number, json!({"body": "Thanks"})).await;
    assert_eq!(status, 201, "{mine}");

    // Notifications: the internal comment told nobody (agent 1 is alone among staff), the
    // public one told the requester, and the requester's comment told agent 1.
    let messages = m.vhost.take(INAPP, 2).await;
    let to: Vec<(String, i64, String)> = messages
        .iter()
        .map(|msg| {
            (
                msg.kwargs["user_type"].as_str().unwrap().to_string(),
                msg.kwargs["user_id"].as_i64().unwrap(),
                msg.kwargs["comment_id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        to,
        vec![
            ("employee".into(), 5, public["comment"]["id"].to_string()),
            ("staff".into(), 1, mine["comment"]["id"].to_string()),
        ]
    );
    assert_eq!(m.vhost.depth(INAPP).await, 0);

    // Someone else's ticket: refused on every path, as if it did not exist.
    let (status, _) = call(
        m,
        reqwest::Method::GET,
        &employee(6),
        &format!("/tickets/{number}/comments/"),
        None,
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = WsClient::connect(&sys.socket(&employee(6), &number, ""))
        .await
        .err()
        .unwrap();
    assert_eq!(status, 404);
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn fifty_people_rating_at_once_leave_counts_equal_to_the_stored_ratings() {
    let sys = System::start(&[]).await;
    sys.helpdesk_tickets(&["TX-4"]).await;
    let m = &sys.messaging;
    let (_, posted) = comment(m, &agent(1), "TX-4", json!({"body": "Rate me"})).await;
    let id = posted["comment"]["id"].as_i64().unwrap();
    let path = format!("/comments/{id}/rating/");
    let rate = |user: i64, rating: Value| {
        let path = path.clone();
        async move {
            call(
                m,
                reqwest::Method::PUT,
                &agent(user),
                &path,
                Some(json!({"rating": rating})),
            )
            .await
        }
    };
    let all = (100..150).map(|u| rate(u, json!(if u % 5 == 0 { "down" } else { "up" })));
    let answers = join_all(all).await;
    assert!(answers.iter().all(|(s, _)| *s == 200), "{answers:?}");
    let (_, detail) = call(
        m,
        reqwest::Method::GET,
        &agent(1),
        &format!("/comments/{id}/"),
        None,
    )
    .await;
    assert_eq!(
        (detail["thumbs_up"].as_i64(), detail["thumbs_down"].as_i64()),
        (Some(40), Some(10))
    );

    // Everyone changes their mind at once: the ups remove theirs, the downs switch to up.
    let again = (100..150).map(|u| rate(u, if u % 5 == 0 { json!("up") } else { Value::Null }));
    join_all(again).await;
    let (_, detail) = call(
        m,
        reqwest::Method::GET,
        &agent(1),
        &format!("/comments/{id}/"),
        None,
    )
    .await;
    assert_eq!(
        (detail["thumbs_up"].as_i64(), detail["thumbs_down"].as_i64()),
        (Some(10), Some(0))
    );
    assert_eq!(
        count(
            m,
            &format!("SELECT count(*) AS n FROM ratings WHERE comment_id = {id}")
        )
        .await,
        10
    );
    let (_, mine) = call(
        m,
        reqwest::Method::GET,
        &agent(100),
        &format!("/comments/{id}/"),
        None,
    )
    .await;
    assert_eq!(mine["my_rating"], "up");
    sys.finish().await;
}

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

async fn attach(
    s: &TestService,
    token: &str,
    comment: i64,
    name: &str,
    bytes: &[u8],
) -> (u16, Value) {
    let part = Part::bytes(bytes.to_vec())
        .file_name(name.to_string())
        .mime_str("image/png")
        .unwrap();
    let r = s
        .http
        .post(s.url(&format!("/comments/{comment}/attachments/")))
        .bearer_auth(token)
        .multipart(Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn download(s: &TestService, token: &str, id: i64) -> (u16, Vec<u8>) {
    let r = s
        .http
        .get(s.url(&format!("/attachments/{id}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.bytes().await.unwrap().to_vec())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_attached_twice_is_stored_once_and_only_readers_of_the_comment_download_it() {
    let dir = std::env::temp_dir().join(format!("tts-comment-files-{}", uuid_like()));
    let dir_text = dir.display().to_string();
    let sys = System::start(&[
        ("attachment_dir", dir_text.as_str()),
        ("attachment_max_bytes", "4096"),
    ])
    .await;
    let m = &sys.messaging;
    let number = sys.ticket(7).await;
    let (_, public) = comment(
        m,
        &agent(1),
        &number,
        json!({"body": "Screenshot attached"}),
    )
    .await;
    let (_, internal) = comment(
        m,
        &agent(1),
        &number,
        json!({"body": "Our notes", "visibility": "internal"}),
    )
    .await;
    let public_id = public["comment"]["id"].as_i64().unwrap();
    let internal_id = internal["comment"]["id"].as_i64().unwrap();

    let (status, first) = attach(m, &agent(1), public_id, "screen.png", PNG).await;
    assert_eq!(status, 201, "{first}");
    let (status, second) = attach(m, &agent(1), internal_id, "same.png", PNG).await;
    assert_eq!(status, 201, "{second}");
    let stored: Vec<_> = walk(&dir);
    assert_eq!(stored.len(), 1, "one copy for one content: {stored:?}");

    let a = first["attachment"]["id"].as_i64().unwrap();
    let b = second["attachment"]["id"].as_i64().unwrap();
    assert_eq!(download(m, &employee(7), a).await, (200, PNG.to_vec()));
    assert_eq!(download(m, &agent(2), b).await, (200, PNG.to_vec()));
    assert_eq!(
        download(m, &employee(7), b).await.0,
        404,
        "internal comment"
    );
    assert_eq!(
        download(m, &employee(8), a).await.0,
        404,
        "another ticket's user"
    );

    // Only the author attaches; bad files are refused and write nothing.
    assert_eq!(attach(m, &agent(2), public_id, "x.png", PNG).await.0, 403);
    assert_eq!(
        attach(
            m,
            &agent(1),
            public_id,
            "big.png",
            &[PNG, &[0u8; 5000]].concat()
        )
        .await
        .0,
        413
    );
    let (status, body) = attach(m, &agent(1), public_id, "../evil.png", PNG).await;
    assert_eq!(status, 422, "{body}");
    let (status, _) = attach(
        m,
        &agent(1),
        public_id,
        "fake.png",
        b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff",
    )
    .await;
    assert_eq!(status, 415);
    assert_eq!(
        count(m, "SELECT count(*) AS n FROM comment_attachments").await,
        2
    );
    sys.finish().await;
    let _ = std::fs::remove_dir_all(&dir);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = vec![];
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_gets_a_clear_error_and_writes_nothing() {
    let sys = System::start(&[]).await;
    sys.helpdesk_tickets(&["TX-5"]).await;
    let m = &sys.messaging;
    let (_, top) = comment(m, &agent(1), "TX-5", json!({"body": "Top"})).await;
    let top_id = top["comment"]["id"].as_i64().unwrap();
    let (_, reply) = call(
        m,
        reqwest::Method::POST,
        &agent(2),
        &format!("/comments/{top_id}/replies/"),
        Some(json!({"body": "Reply"})),
    )
    .await;
    let reply_id = reply["comment"]["id"].as_i64().unwrap();
    assert_eq!(reply["comment"]["parent_id"], top_id);
    let before = count(m, "SELECT count(*) AS n FROM comments").await;
    let events = count(m, "SELECT count(*) AS n FROM thread_events").await;

    let cases = [
        (
            comment(m, &agent(1), "TX-5", json!({"body": "   "})).await,
            422,
            "body",
        ),
        (
            comment(m, &agent(1), "TX-5", json!({"body": "x".repeat(10_001)})).await,
            422,
            "body",
        ),
        (
            comment(
                m,
                &agent(1),
                "TX-5",
                json!({"body": "hi", "visibility": "secret"}),
            )
            .await,
            422,
            "visibility",
        ),
        (
            comment(m, &agent(1), "TX-5", json!({"body": "hi", "mentions": [0]})).await,
            422,
            "mentions",
        ),
        (
            comment(m, &agent(1), "TX-5", json!({"text": "hi"})).await,
            422,
            "text",
        ),
        (
            comment(m, &agent(1), "bad number!", json!({"body": "hi"})).await,
            422,
            "ticket_number",
        ),
        (
            call(
                m,
                reqwest::Method::POST,
                &agent(1),
                &format!("/comments/{reply_id}/replies/"),
                Some(json!({"body": "deeper"})),
            )
            .await,
            422,
            "parent",
        ),
        (
            call(
                m,
                reqwest::Method::PUT,
                &agent(1),
                &format!("/comments/{top_id}/rating/"),
                Some(json!({"rating": "meh"})),
            )
            .await,
            422,
            "rating",
        ),
        (
            call(
                m,
                reqwest::Method::PATCH,
                &agent(2),
                &format!("/comments/{top_id}/"),
                Some(json!({"body": "not mine"})),
            )
            .await,
            403,
            "author",
        ),
        (
            call(
                m,
                reqwest::Method::GET,
                &agent(1),
                "/comments/999999/",
                None,
            )
            .await,
            404,
            "comment",
        ),
    ];
    for ((status, body), expected, names) in cases {
        assert_eq!(status, expected, "{names}: {body}");
        assert!(body.to_string().contains(names), "{names} named in {body}");
    }
    assert_eq!(count(m, "SELECT count(*) AS n FROM comments").await, before);
    assert_eq!(
        count(m, "SELECT count(*) AS n FROM thread_events").await,
        events
    );

    // An admin may edit anyone's comment; a deleted comment cannot be changed.
    let (status, _) = call(
        m,
        reqwest::Method::PATCH,
        &admin(9),
        &format!("/comments/{top_id}/"),
        Some(json!({"body": "Moderated"})),
    )
    .await;
    assert_eq!(status, 200);
    call(
        m,
        reqwest::Method::DELETE,
        &agent(1),
        &format!("/comments/{top_id}/"),
        None,
    )
    .await;
    let (status, _) = call(
        m,
        reqwest::Method::PATCH,
        &agent(1),
        &format!("/comments/{top_id}/"),
        Some(json!({"body": "again"})),
    )
    .await;
    assert_eq!(status, 409);
    let (_, page) = call(
        m,
        reqwest::Method::GET,
        &agent(1),
        "/tickets/TX-5/comments/",
        None,
    )
    .await;
    assert_eq!(page["items"][0]["deleted"], true);
    assert_eq!(
        page["items"][0]["replies"][0]["body"], "Reply",
        "replies outlive their parent"
    );

    // Sockets: no token; a bad one; a ticket the person may not read.
    let ws = m.ws_url("/ws/tickets/TX-5/");
    assert_eq!(WsClient::connect(&ws).await.err().unwrap().0, 401);
    assert_eq!(
        WsClient::connect(&format!("{ws}?token=nope"))
            .await
            .err()
            .unwrap()
            .0,
        401
    );
    let (status, body) = WsClient::connect(&format!("{ws}?token={}", employee(77)))
        .await
        .err()
        .unwrap();
    assert_eq!(status, 404, "{body}");
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn comments_notify_the_other_participants_and_mentions_the_mentioned() {
    let sys = System::start(&[]).await;
    let m = &sys.messaging;
    let number = sys.ticket(5).await;
    comment(m, &agent(1), &number, json!({"body": "First"})).await;
    comment(m, &agent(2), &number, json!({"body": "Second"})).await;
    m.vhost.take(INAPP, 3).await; // employee 5 twice, agent 1 once
    let (status, posted) = comment(
        m,
        &agent(1),
        &number,
        json!({"body": "Can @Ana check?", "mentions": [3, 1]}),
    )
    .await;
    assert_eq!(status, 201, "{posted}");
    let messages: Vec<TaskMessage> = m.vhost.take(INAPP, 3).await;
    let mut to: Vec<(String, String, i64)> = messages
        .iter()
        .map(|msg| {
            (
                msg.task.clone(),
                msg.kwargs["user_type"].as_str().unwrap().to_string(),
                msg.kwargs["user_id"].as_i64().unwrap(),
            )
        })
        .collect();
    to.sort();
    assert_eq!(
        to,
        vec![
            (
                "notifications.send_comment_notification".into(),
                "employee".into(),
                5
            ),
            (
                "notifications.send_comment_notification".into(),
                "staff".into(),
                2
            ),
            (
                "notifications.send_mention_notification".into(),
                "staff".into(),
                3
            ),
        ],
        "none for the author, even though they mentioned themselves"
    );
    let mention = messages
        .iter()
        .find(|msg| msg.task.ends_with("mention_notification"))
        .unwrap();
    assert_eq!(mention.kwargs["ticket_number"], number.as_str());
    assert_eq!(mention.kwargs["author_id"], 1);
    assert_eq!(
        mention.kwargs["comment_id"],
        posted["comment"]["id"].to_string()
    );
    assert_eq!(mention.kwargs["excerpt"], "Can @Ana check?");
    assert_eq!(m.vhost.depth(INAPP).await, 0);
    eventually("the outbox to drain", FRAME, || async {
        (count(
            m,
            "SELECT count(*) AS n FROM outbox_messages WHERE published_at IS NULL",
        )
        .await
            == 0)
            .then_some(())
    })
    .await;
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn presence_tells_who_is_on_the_thread_once_per_change() {
    let sys = System::start(&[]).await;
    let mut a = WsClient::open(&sys.socket(&agent(1), "TX-6", "")).await;
    let ready = a.next_of("ready", FRAME).await;
    assert_eq!(ready["presence"]["users"][0]["user_id"], 1, "{ready}");
    assert_eq!(ready["presence"]["count"], 1, "{ready}");
    let mut b = WsClient::open(&sys.socket(&agent(2), "TX-6", "")).await;
    b.next_of("ready", FRAME).await;
    let both = loop {
        let p = a.next_of("presence", FRAME).await;
        if p["users"].as_array().map(Vec::len) == Some(2) {
            break p;
        }
    };
    let ids: Vec<i64> = both["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["user_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![1, 2]);
    b.close().await;
    loop {
        let p = a.next_of("presence", FRAME).await;
        if p["users"].as_array().map(Vec::len) == Some(1) {
            assert_eq!(p["users"][0]["user_id"], 1);
            break;
        }
    }
    sys.finish().await;
}

/// Exactly `n` notifications went out, as (task, user type, user id, excerpt), sorted: `n` are
/// taken, then the outbox is waited on until empty and nothing more may be queued.
async fn exactly_notified(m: &TestService, n: usize) -> Vec<(String, String, i64, String)> {
    let messages = m.vhost.take(INAPP, n).await;
    eventually("the outbox to drain", FRAME, || async {
        (count(
            m,
            "SELECT count(*) AS n FROM outbox_messages WHERE published_at IS NULL",
        )
        .await
            == 0)
            .then_some(())
    })
    .await;
    assert_eq!(m.vhost.depth(INAPP).await, 0, "no more than {n}");
    let mut to: Vec<_> = messages
        .iter()
        .map(|msg| {
            (
                msg.task
                    .trim_start_matches("notifications.send_")
                    .to_string(),
                msg.kwargs["user_type"].as_str().unwrap().to_string(),
                msg.kwargs["user_id"].as_i64().unwrap(),
                msg.kwargs["excerpt"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    to.sort();
    to
}

fn told(task: &str, user_type: &str, id: i64, excerpt: &str) -> (String, String, i64, String) {
    (task.into(), user_type.into(), id, excerpt.into())
}

/// A staff token without any TTS role (a person of another system).
fn staff_without_tts_role(id: i64) -> String {
    testing::token(id, UserType::Staff, &["hdts:Agent"])
}

#[tokio::test(flavor = "multi_thread")]
async fn internal_note_is_not_notified_to_a_staff_requester_without_a_tts_role() {
    let sys = System::start(&[]).await;
    let m = &sys.messaging;
    sys.directory.take_role_from(&[8]);
    let number = sys.ticket_of(&staff_without_tts_role(8)).await;
    // Agent 2 joins the thread first, so an internal note has a staff reader to reach.
    comment(m, &agent(2), &number, json!({"body": "Looking"})).await;
    assert_eq!(
        exactly_notified(m, 1).await,
        vec![told("comment_notification", "staff", 8, "Looking")],
        "the requester reads public comments, TTS role or not"
    );

    let (status, note) = comment(
        m,
        &agent(1),
        &number,
        json!({"body": "Requester's laptop is out of warranty", "visibility": "internal"}),
    )
    .await;
    assert_eq!(status, 201, "{note}");
    assert_eq!(
        exactly_notified(m, 1).await,
        vec![told(
            "comment_notification",
            "staff",
            2,
            "Requester's laptop is out of warranty"
        )],
        "only staff who read the thread hear of an internal note"
    );
    // The thread agrees: the requester does not see the note.
    let (_, page) = call(
        m,
        reqwest::Method::GET,
        &staff_without_tts_role(8),
        &format!("/tickets/{number}/comments/"),
        None,
    )
    .await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1, "{page}");
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mention_of_staff_who_cannot_read_the_comment_notifies_nobody_and_the_answer_says_so() {
    let sys = System::start(&[]).await;
    sys.helpdesk_tickets(&["TX-20"]).await;
    let m = &sys.messaging;
    sys.directory.take_role_from(&[4, 6]);
    let (status, posted) = comment(
        m,
        &agent(1),
        "TX-20",
        json!({"body": "Internal: @Ben @Cy see this", "visibility": "internal", "mentions": [3, 4]}),
    )
    .await;
    assert_eq!(status, 201, "{posted}");
    assert_eq!(
        posted["mentions_not_notified"],
        json!([{"user_id": 4, "reason": "cannot_read"}])
    );
    assert_eq!(
        exactly_notified(m, 1).await,
        vec![told(
            "mention_notification",
            "staff",
            3,
            "Internal: @Ben @Cy see this"
        )]
    );
    // Public or not: without a TTS role, staff 4 cannot read this thread at all.
    let (_, public) = comment(
        m,
        &agent(1),
        "TX-20",
        json!({"body": "Public, @Ben", "mentions": [4]}),
    )
    .await;
    assert_eq!(
        public["mentions_not_notified"],
        json!([{"user_id": 4, "reason": "cannot_read"}])
    );
    assert_eq!(
        exactly_notified(m, 0).await,
        vec![],
        "nobody: staff 4 cannot read the thread, and only agent 1 has written on it"
    );
    // Mentioning someone without a role in an edit neither (4 was mentioned before: not new).
    let id = posted["comment"]["id"].as_i64().unwrap();
    let (status, edited) = call(
        m,
        reqwest::Method::PATCH,
        &agent(1),
        &format!("/comments/{id}/"),
        Some(json!({"body": "Internal: @Ben @Cy @Di @Ed see this", "mentions": [3, 4, 5, 6]})),
    )
    .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(
        edited["mentions_not_notified"],
        json!([{"user_id": 6, "reason": "cannot_read"}])
    );
    assert_eq!(
        exactly_notified(m, 1).await,
        vec![told(
            "mention_notification",
            "staff",
            5,
            "Internal: @Ben @Cy @Di @Ed see this"
        )],
        "only the newly mentioned reader"
    );
    // The directory was asked with the service key, for the staff concerned only.
    assert!(
        sys.directory.asked().iter().any(|ids| ids == "3,4"),
        "{:?}",
        sys.directory.asked()
    );
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_are_not_notified_while_the_directory_cannot_confirm_their_role_but_the_requester_is()
{
    let sys = System::start(&[]).await;
    let m = &sys.messaging;
    let number = sys.ticket(5).await;
    comment(m, &agent(2), &number, json!({"body": "Looking"})).await;
    exactly_notified(m, 1).await; // the requester
    sys.directory.switch_off();

    let (status, public) = comment(
        m,
        &agent(1),
        &number,
        json!({"body": "Fixed, @Cy please confirm", "mentions": [3]}),
    )
    .await;
    assert_eq!(status, 201, "{public}");
    assert_eq!(
        public["mentions_not_notified"],
        json!([{"user_id": 3, "reason": "unconfirmed"}])
    );
    assert_eq!(
        exactly_notified(m, 1).await,
        vec![told(
            "comment_notification",
            "employee",
            5,
            "Fixed, @Cy please confirm"
        )],
        "the requester does not depend on the directory; agent 2 and 3 are not told"
    );

    let (status, note) = comment(
        m,
        &agent(1),
        &number,
        json!({"body": "Internal follow-up", "visibility": "internal"}),
    )
    .await;
    assert_eq!(status, 201, "{note}");
    assert_eq!(exactly_notified(m, 0).await, vec![]);
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn negative_or_absurd_list_parameters_are_refused_naming_the_parameter() {
    let sys = System::start(&[]).await;
    sys.helpdesk_tickets(&["TX-21"]).await;
    let m = &sys.messaging;
    comment(m, &agent(1), "TX-21", json!({"body": "One"})).await;
    let cases = [
        ("cursor=-9223372036854775808", "cursor"),
        ("cursor=-1", "cursor"),
        ("cursor=99999999999999999999", "cursor"),
        ("limit=0", "limit"),
        ("limit=-5", "limit"),
        ("limit=201", "limit"),
        ("limit=many", "limit"),
    ];
    for (query, parameter) in cases {
        let (status, body) = call(
            m,
            reqwest::Method::GET,
            &agent(1),
            &format!("/tickets/TX-21/comments/?{query}"),
            None,
        )
        .await;
        tts_shared::testing::assert_names_parameter(status, &body, query, parameter);
    }
    let (status, page) = call(
        m,
        reqwest::Method::GET,
        &agent(1),
        "/tickets/TX-21/comments/?cursor=0&limit=1",
        None,
    )
    .await;
    assert_eq!(
        (status, page["items"].as_array().map(Vec::len)),
        (200, Some(1))
    );
    let (status, body) =
        WsClient::connect(&sys.socket(&agent(1), "TX-21", "&after=-9223372036854775808"))
            .await
            .err()
            .unwrap();
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("after"), "{body}");
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn nul_characters_in_bodies_queries_and_paths_are_refused_never_a_500() {
    let sys = System::start(&[]).await;
    sys.helpdesk_tickets(&["TX-22"]).await;
    let m = &sys.messaging;
    let (status, body) = comment(m, &agent(1), "TX-22", json!({"body": "a\u{0000}b"})).await;
    assert_eq!(status, 422, "{body}");
    let (_, posted) = comment(m, &agent(1), "TX-22", json!({"body": "clean"})).await;
    let id = posted["comment"]["id"].as_i64().unwrap();
    let (status, body) = call(
        m,
        reqwest::Method::PATCH,
        &agent(1),
        &format!("/comments/{id}/"),
        Some(json!({"body": "x\u{0000}"})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = call(
        m,
        reqwest::Method::GET,
        &agent(1),
        "/tickets/TX-22/comments/?cursor=1%00",
        None,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    for path in ["/tickets/TX%00/comments/", "/comments/1%00/"] {
        let (status, body) = call(m, reqwest::Method::GET, &agent(1), path, None).await;
        assert_eq!(status, 404, "{path}: {body}");
    }
    let (status, _) = comment(m, &agent(1), "TX%00", json!({"body": "hi"})).await;
    assert_eq!(status, 404);
    assert_eq!(
        count(m, "SELECT count(*) AS n FROM comments").await,
        1,
        "nothing written"
    );
    sys.finish().await;
}

type RawSocket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens a socket sending `headers`, as a browser sends its cookie and origin; on a refused
/// handshake, its status.
async fn socket_with(url: &str, headers: &[(&'static str, &str)]) -> Result<RawSocket, u16> {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut request = url.into_client_request().unwrap();
    for (name, value) in headers {
        request.headers_mut().insert(*name, value.parse().unwrap());
    }
    match tokio_tungstenite::connect_async(request).await {
        Ok((stream, _)) => Ok(stream),
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            Err(response.status().as_u16())
        }
        Err(e) => panic!("cannot connect to {url}: {e}"),
    }
}

/// The first frame of a thread socket (`ready`).
async fn first_frame(socket: &mut RawSocket) -> Value {
    use futures_util::StreamExt;
    use tokio_tungstenite::tungstenite::Message;
    loop {
        let frame = tokio::time::timeout(FRAME, socket.next())
            .await
            .expect("a frame in time");
        if let Some(Ok(Message::Text(text))) = frame {
            return serde_json::from_str(text.as_str()).unwrap();
        }
        assert!(
            matches!(frame, Some(Ok(Message::Ping(_) | Message::Pong(_)))),
            "{frame:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cookie_socket_from_a_foreign_origin_is_refused_and_from_an_allowed_one_accepted() {
    let sys = System::start(&[]).await;
    let m = &sys.messaging;
    let url = m.ws_url("/ws/tickets/TX-23/");
    let cookie = format!("access_token={}", agent(1));
    let foreign = [
        ("cookie", cookie.as_str()),
        ("origin", "https://evil.example"),
    ];
    assert_eq!(socket_with(&url, &foreign).await.err(), Some(403));

    let allowed = [
        ("cookie", cookie.as_str()),
        ("origin", "http://localhost:1000"),
    ];
    let mut socket = socket_with(&url, &allowed).await.unwrap();
    let ready = first_frame(&mut socket).await;
    assert_eq!(
        (&ready["type"], &ready["ticket_number"]),
        (&json!("ready"), &json!("TX-23"))
    );

    // A token in the query is not sent by a browser on its own: any origin may use it.
    let by_token = format!("{url}?token={}", agent(1));
    let mut socket = socket_with(&by_token, &[("origin", "https://elsewhere.example")])
        .await
        .unwrap();
    assert_eq!(first_frame(&mut socket).await["type"], "ready");
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_public_or_short_service_key_stops_the_start_outside_development_mode() {
    use tts_shared::config::ConfigSource;
    let db = testing::TestDatabase::migrated(messaging::MIGRATIONS).await;
    let vhost = testing::TestVhost::create().await;
    let strong = "a-real-secret-of-forty-characters-123456";
    let keys = format!("helpdesk={strong} helpdesk:upsert");
    let settings = testing::settings_with(
        &db.url,
        &vhost.amqp_url(),
        &[
            ("development_mode", "false"),
            ("jwt_secret", strong),
            ("service_api_keys", keys.as_str()),
        ],
    );
    let platform = tts_shared::Platform::start(
        messaging::SERVICE,
        settings,
        messaging::MIGRATIONS,
        tokio_util::sync::CancellationToken::new(),
    )
    .await
    .expect("platform starts");
    let dir = std::env::temp_dir().join(format!("tts-comments-{}", uuid_like()));
    let dir = dir.display().to_string();
    let start = |pairs: &[(&str, &str)]| {
        let mut pairs = pairs.to_vec();
        pairs.push(("attachment_dir", dir.as_str()));
        let source = ConfigSource::from_layers(&pairs, None, []).unwrap();
        messaging::app(&platform, &source)
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    let refused =
        start(&[("ticket_service_api_key", "tts-messaging-development-key")]).unwrap_err();
    assert!(
        refused.contains("ticket_service_api_key") && refused.contains("development default"),
        "{refused}"
    );
    let refused = start(&[
        ("ticket_service_api_key", strong),
        ("workflow_api_api_key", "only-twenty-chars-xx"),
    ])
    .unwrap_err();
    assert!(
        refused.contains("workflow_api_api_key") && refused.contains("32"),
        "{refused}"
    );
    assert_eq!(
        start(&[
            ("ticket_service_api_key", strong),
            ("workflow_api_api_key", strong)
        ]),
        Ok(())
    );
    platform.shutdown().await;
    db.drop_now().await;
    vhost.delete().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_requester_may_not_mention_people() {
    let sys = System::start(&[]).await;
    let m = &sys.messaging;
    let number = sys.ticket_of(&employee(5)).await;
    let (status, refused) = comment(
        m,
        &employee(5),
        &number,
        json!({"body": "@Ann are you there?", "mentions": [3]}),
    )
    .await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"]["fields"][0]["field"], "mentions");
    let (status, posted) = comment(m, &employee(5), &number, json!({"body": "Still broken"})).await;
    assert_eq!(status, 201, "{posted}");
    let (status, edited) = call(
        m,
        reqwest::Method::PATCH,
        &employee(5),
        &format!("/comments/{}/", posted["comment"]["id"]),
        Some(json!({"body": "Still broken @Ann", "mentions": [3]})),
    )
    .await;
    assert_eq!(status, 422, "{edited}");
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_cannot_comment_on_a_ticket_number_that_exists_nowhere() {
    let sys = System::start(&[]).await;
    let m = &sys.messaging;
    let (status, body) = comment(m, &agent(1), "TX-404", json!({"body": "Anyone?"})).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["error"]["code"], "not_found");
    assert_eq!(count(m, "SELECT count(*) AS n FROM threads").await, 0);
    assert_eq!(count(m, "SELECT count(*) AS n FROM comments").await, 0);
    // Once the ticket service holds it, the thread starts.
    sys.helpdesk_tickets(&["TX-404"]).await;
    let (status, body) = comment(m, &agent(1), "TX-404", json!({"body": "Anyone?"})).await;
    assert_eq!(status, 201, "{body}");
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_first_comment_while_the_ticket_service_is_unreachable_is_refused_with_503_and_writes_nothing()
 {
    let nowhere = format!("http://127.0.0.1:{}", testing::free_port());
    let sys = System::start(&[("ticket_service_url", nowhere.as_str())]).await;
    let m = &sys.messaging;
    let (status, body) = comment(m, &agent(1), "TX-30", json!({"body": "Is it there?"})).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["error"]["code"], "ticket_service_unavailable");
    assert_eq!(count(m, "SELECT count(*) AS n FROM comments").await, 0);
    assert_eq!(
        count(m, "SELECT count(*) AS n FROM outbox_messages").await,
        0
    );
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn comment_edits_and_deletes_are_audited_with_the_previous_body_for_admins() {
    let sys = System::start(&[]).await;
    let m = &sys.messaging;
    let number = sys.ticket(14).await;
    let (_, posted) = comment(
        m,
        &agent(1),
        &number,
        json!({"body": "Rebooted the switch"}),
    )
    .await;
    let id = posted["comment"]["id"].as_i64().unwrap();
    let path = format!("/comments/{id}/");
    let (status, _) = call(
        m,
        reqwest::Method::PATCH,
        &agent(1),
        &path,
        Some(json!({"body": "Rebooted the core switch"})),
    )
    .await;
    assert_eq!(status, 200);
    // A refused edit is not an event.
    let (status, _) = call(
        m,
        reqwest::Method::PATCH,
        &agent(2),
        &path,
        Some(json!({"body": "Mine now"})),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = call(m, reqwest::Method::DELETE, &admin(5), &path, None).await;
    assert_eq!(status, 200);

    let (status, page) = call(m, reqwest::Method::GET, &admin(5), "/audit/", None).await;
    assert_eq!(status, 200, "{page}");
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{page}");
    let (deleted, edited) = (&items[0], &items[1]);
    assert_eq!(edited["action"], "comment.edited");
    assert_eq!(
        (edited["actor_type"].as_str(), edited["actor_id"].as_i64()),
        (Some("staff"), Some(1))
    );
    assert_eq!(edited["target_id"], id.to_string());
    assert_eq!(edited["ticket_number"], number.as_str());
    assert_eq!(edited["before"]["body"], "Rebooted the switch");
    assert_eq!(edited["after"]["body"], "Rebooted the core switch");
    assert_eq!(deleted["action"], "comment.deleted");
    assert_eq!(deleted["actor_id"], 5);
    assert_eq!(
        deleted["before"]["body"], "Rebooted the core switch",
        "the deleted text is kept here"
    );
    assert!(deleted["after"].is_null());

    // Filters and paging.
    let admin_token = admin(5);
    let query = |q: String| {
        let token = admin_token.clone();
        async move {
            call(
                m,
                reqwest::Method::GET,
                &token,
                &format!("/audit/{q}"),
                None,
            )
            .await
        }
    };
    let (_, by_actor) = query("?actor=1&actor_type=staff".to_string()).await;
    assert_eq!(by_actor["items"].as_array().unwrap().len(), 1);
    let (_, by_action) = query("?action=comment.deleted".to_string()).await;
    assert_eq!(by_action["items"][0]["actor_id"], 5);
    let (_, by_ticket) = query(format!("?ticket={number}&target={id}")).await;
    assert_eq!(by_ticket["items"].as_array().unwrap().len(), 2);
    let (_, none) = query("?from=2999-01-01T00:00:00Z".to_string()).await;
    assert_eq!(none["items"].as_array().unwrap().len(), 0);
    let (_, first) = query("?limit=1".to_string()).await;
    assert_eq!(first["items"][0]["action"], "comment.deleted");
    let cursor = first["next_cursor"].as_str().unwrap().to_string();
    let (_, second) = query(format!("?limit=1&cursor={cursor}")).await;
    assert_eq!(second["items"][0]["action"], "comment.edited");
    assert!(second.get("next_cursor").is_none());

    // Admins only; bad parameters name themselves.
    for token in [
        agent(1),
        employee(14),
        testing::token(6, UserType::Employee, &["tts:Admin"]),
    ] {
        assert_eq!(
            call(m, reqwest::Method::GET, &token, "/audit/", None)
                .await
                .0,
            403
        );
    }
    for (q, field) in [
        ("?limit=0", "limit"),
        ("?cursor=zzz", "cursor"),
        ("?actor_type=robot", "actor_type"),
        ("?actor=x", "actor"),
        ("?to=soon", "to"),
    ] {
        let (status, body) = query(q.to_string()).await;
        assert!((400..500).contains(&status), "{q}: {status} {body}");
        assert!(
            body.to_string().contains(field),
            "{q} names {field}: {body}"
        );
    }
    sys.finish().await;
}

const WORKFLOW_TASKS: &str = "WORKFLOW_TASKS_PRODUCTION";

/// An employee whose token (and so whose tickets) carries an e-mail address.
fn employee_with_email(id: i64, email: &str) -> String {
    let mut claims = tts_shared::auth::Claims::access(id, UserType::Employee, vec![], 3600);
    claims.email = Some(email.to_string());
    tts_shared::auth::issue_hs256(tts_shared::config::DEVELOPMENT_JWT_SECRET, &claims)
}

/// The one `workflow.tasks.comment_posted` a comment caused: exactly one is taken, then the
/// outbox is waited on until empty and nothing more may be queued.
async fn exactly_one_posted(m: &TestService) -> serde_json::Map<String, Value> {
    let mut messages = m.vhost.take(WORKFLOW_TASKS, 1).await;
    eventually("the outbox to drain", FRAME, || async {
        (count(
            m,
            "SELECT count(*) AS n FROM outbox_messages WHERE published_at IS NULL",
        )
        .await
            == 0)
            .then_some(())
    })
    .await;
    assert_eq!(m.vhost.depth(WORKFLOW_TASKS).await, 0, "exactly one");
    let message = messages.pop().unwrap();
    assert_eq!(message.task, "workflow.tasks.comment_posted");
    message.kwargs
}

/// The fields of a `comment_posted` a test compares, with `posted_at` checked against the
/// comment's own time.
fn posted_fields(kwargs: &serde_json::Map<String, Value>, comment: &Value) -> Value {
    let at = |v: &Value| {
        chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap_or_default())
            .unwrap_or_else(|e| panic!("{v}: {e}"))
    };
    assert_eq!(
        at(&kwargs["posted_at"]),
        at(&comment["created_at"]),
        "posted_at is the comment's time"
    );
    json!({
        "ticket_number": kwargs["ticket_number"], "comment_id": kwargs["comment_id"],
        "author_id": kwargs["author_id"], "author_type": kwargs["author_type"],
        "visibility": kwargs["visibility"], "by_requester": kwargs["by_requester"],
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn every_new_comment_and_reply_tells_the_workflow_engine_once_who_wrote_it() {
    let sys = System::start(&[]).await;
    let m = &sys.messaging;
    let number = sys.ticket(5).await;

    let (status, public) =
        comment(m, &agent(1), &number, json!({"body": "Which model is it?"})).await;
    assert_eq!(status, 201, "{public}");
    let kwargs = exactly_one_posted(m).await;
    assert_eq!(
        posted_fields(&kwargs, &public["comment"]),
        json!({"ticket_number": number, "comment_id": public["comment"]["id"], "author_id": 1,
               "author_type": "staff", "visibility": "public", "by_requester": false}),
        "a public staff reply: the engine's first response"
    );

    let (status, note) = comment(
        m,
        &agent(1),
        &number,
        json!({"body": "Out of warranty", "visibility": "internal"}),
    )
    .await;
    assert_eq!(status, 201, "{note}");
    let kwargs = exactly_one_posted(m).await;
    assert_eq!(
        posted_fields(&kwargs, &note["comment"]),
        json!({"ticket_number": number, "comment_id": note["comment"]["id"], "author_id": 1,
               "author_type": "staff", "visibility": "internal", "by_requester": false}),
        "an internal note is announced as internal"
    );

    let parent = public["comment"]["id"].as_i64().unwrap();
    let (status, reply) = call(
        m,
        reqwest::Method::POST,
        &employee(5),
        &format!("/comments/{parent}/replies/"),
        Some(json!({"body": "A ThinkPad T14"})),
    )
    .await;
    assert_eq!(status, 201, "{reply}");
    let kwargs = exactly_one_posted(m).await;
    assert_eq!(
        posted_fields(&kwargs, &reply["comment"]),
        json!({"ticket_number": number, "comment_id": reply["comment"]["id"], "author_id": 5,
               "author_type": "employee", "visibility": "public", "by_requester": true}),
        "the requester's reply: the engine resumes a ticket waiting for them"
    );
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_requester_is_told_of_public_staff_replies_at_the_address_on_their_ticket() {
    let sys = System::start(&[]).await;
    let m = &sys.messaging;
    let number = sys
        .ticket_of(&employee_with_email(5, "juan@example.com"))
        .await;
    let recipient = |msg: &TaskMessage| {
        (
            msg.kwargs["user_type"].as_str().unwrap().to_string(),
            msg.kwargs["user_id"].as_i64().unwrap(),
            msg.kwargs
                .get("recipient_email")
                .and_then(Value::as_str)
                .map(str::to_string),
        )
    };

    comment(m, &agent(1), &number, json!({"body": "Which model is it?"})).await;
    let first: Vec<_> = m.vhost.take(INAPP, 1).await.iter().map(recipient).collect();
    assert_eq!(
        first,
        vec![("employee".into(), 5, Some("juan@example.com".into()))]
    );

    comment(
        m,
        &agent(2),
        &number,
        json!({"body": "I can swap it today"}),
    )
    .await;
    let mut second: Vec<_> = m.vhost.take(INAPP, 2).await.iter().map(recipient).collect();
    second.sort();
    assert_eq!(
        second,
        vec![
            ("employee".into(), 5, Some("juan@example.com".into())),
            ("staff".into(), 1, None),
        ],
        "staff are e-mailed at their directory address, so theirs carries none"
    );

    comment(
        m,
        &agent(1),
        &number,
        json!({"body": "Out of warranty", "visibility": "internal"}),
    )
    .await;
    assert_eq!(
        exactly_notified(m, 1).await,
        vec![told("comment_notification", "staff", 2, "Out of warranty")],
        "an internal note never reaches the requester"
    );
    sys.finish().await;
}

/// `count` top-level comments by agent 1 on `number`, written through the store as a post
/// writes them (no notifications: only the list is under test). Their ids, oldest first.
async fn stored_comments(m: &TestService, number: &str, count: usize) -> Vec<Value> {
    use diesel_async::AsyncConnection;
    let mut conn = m.db.connect().await;
    conn.transaction(async |conn| {
        messaging::store::ensure_thread(conn, number, None).await?;
        let mut ids = Vec::new();
        for i in 0..count {
            let body = format!("Step {i} of the checklist");
            let row = messaging::store::insert_comment(
                conn,
                &messaging::store::NewComment {
                    ticket_number: number,
                    parent_id: None,
                    author_id: 1,
                    author_type: "staff",
                    author_name: "Agent One",
                    author_role: "Agent",
                    body: &body,
                    visibility: if i % 3 == 0 { "internal" } else { "public" },
                    mentions: &[],
                },
            )
            .await?;
            ids.push(json!(row.id));
        }
        Ok::<_, diesel::result::Error>(ids)
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn listing_a_thread_walks_every_comment_once_oldest_first() {
    let sys = System::start(&[]).await;
    let m = &sys.messaging;
    let ids = stored_comments(m, "TX-40", 250).await;
    let token = agent(2);
    let items = testing::walk_pages(100, |cursor| {
        let token = token.clone();
        async move {
            let cursor = cursor.map(|c| format!("&cursor={c}")).unwrap_or_default();
            let path = format!("/tickets/TX-40/comments/?limit=100{cursor}");
            let (status, page) = call(m, reqwest::Method::GET, &token, &path, None).await;
            assert_eq!(status, 200, "{page}");
            page
        }
    })
    .await;
    testing::assert_walked_exactly(&items, "id", &ids);
    let walked: Vec<&Value> = items.iter().map(|c| &c["id"]).collect();
    let oldest_first: Vec<&Value> = ids.iter().collect();
    assert_eq!(walked, oldest_first, "oldest first");

    // The integer cursor this list answered before still works, for one release.
    let (status, page) = call(
        m,
        reqwest::Method::GET,
        &token,
        &format!("/tickets/TX-40/comments/?limit=2&cursor={}", ids[247]),
        None,
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["items"][0]["id"], ids[248]);
    assert_eq!(page["items"][1]["id"], ids[249]);
    assert!(page.get("next_cursor").is_none(), "the last page: {page}");
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn listing_the_audit_log_walks_every_event_once_newest_first() {
    use diesel_async::AsyncConnection;
    let sys = System::start(&[]).await;
    let m = &sys.messaging;
    let mut conn = m.db.connect().await;
    let ids: Vec<i64> = conn
        .transaction(async |conn| {
            for i in 0..250 {
                let target = i.to_string();
                messaging::store::insert_audit_event(
                    conn,
                    &messaging::store::NewAuditEvent {
                        actor_type: "staff",
                        actor_id: 1,
                        actor_name: "Agent One",
                        action: "comment.edited",
                        target_type: "comment",
                        target_id: &target,
                        ticket_number: "TX-41",
                        before: Some(json!({"body": "before", "mentions": []})),
                        after: Some(json!({"body": "after", "mentions": []})),
                        request_id: None,
                    },
                )
                .await?;
            }
            messaging::store::audit_events(conn, &Default::default(), None, 1000)
                .await
                .map(|events| events.iter().map(|e| e.id).collect())
        })
        .await
        .unwrap();
    assert_eq!(ids.len(), 250);
    let token = admin(5);
    let items = testing::walk_pages(100, |cursor| {
        let token = token.clone();
        async move {
            let cursor = cursor.map(|c| format!("&cursor={c}")).unwrap_or_default();
            let path = format!("/audit/?limit=100{cursor}");
            let (status, page) = call(m, reqwest::Method::GET, &token, &path, None).await;
            assert_eq!(status, 200, "{page}");
            page
        }
    })
    .await;
    let expected: Vec<Value> = ids.iter().map(|id| json!(id)).collect();
    testing::assert_walked_exactly(&items, "id", &expected);
    let walked: Vec<i64> = items.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(walked.windows(2).all(|w| w[0] > w[1]), "newest first");
    sys.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_problem_of_a_comment_is_named_in_one_answer() {
    let sys = System::start(&[]).await;
    sys.helpdesk_tickets(&["TX-42"]).await;
    let m = &sys.messaging;
    let fields = |body: &Value| -> Vec<String> {
        let mut f: Vec<String> = body["error"]["fields"]
            .as_array()
            .unwrap_or_else(|| panic!("fields in {body}"))
            .iter()
            .map(|f| f["field"].as_str().unwrap().to_string())
            .collect();
        f.sort();
        f
    };
    let (status, body) = comment(
        m,
        &agent(1),
        "TX-42",
        json!({"body": " ", "visibility": "secret", "mentions": [0]}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "validation_failed");
    assert_eq!(fields(&body), ["body", "mentions", "visibility"], "{body}");

    let (_, posted) = comment(m, &agent(1), "TX-42", json!({"body": "Top"})).await;
    let (status, body) = call(
        m,
        reqwest::Method::PATCH,
        &agent(1),
        &format!("/comments/{}/", posted["comment"]["id"]),
        Some(json!({"body": "", "mentions": [-3]})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields(&body), ["body", "mentions"], "{body}");

    let (status, body) = call(
        m,
        reqwest::Method::GET,
        &agent(1),
        "/tickets/TX-42/comments/?limit=0&cursor=nope",
        None,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields(&body), ["cursor", "limit"], "{body}");
    assert_eq!(count(m, "SELECT count(*) AS n FROM comments").await, 1);
    sys.finish().await;
}

/// Reads frames into `seen` until one of type `kind`, which it returns.
async fn collect_until(client: &mut WsClient, kind: &str, seen: &mut Vec<Value>) -> Value {
    loop {
        let frame = client.next_json(FRAME).await;
        seen.push(frame.clone());
        if frame["type"] == kind {
            return frame;
        }
    }
}

/// The close code the server ends `socket` with.
async fn close_code(socket: &mut RawSocket) -> u16 {
    use futures_util::StreamExt;
    use tokio_tungstenite::tungstenite::Message;
    loop {
        let next = tokio::time::timeout(FRAME, socket.next())
            .await
            .expect("closed in time");
        match next {
            Some(Ok(Message::Close(Some(close)))) => return close.code.into(),
            Some(Ok(Message::Close(None))) | None => panic!("closed without a code"),
            Some(Ok(_)) => continue,
            Some(Err(e)) => panic!("socket failed instead of closing: {e}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_frame_the_thread_socket_sends_is_documented_in_its_asyncapi_document() {
    let doc = asyncapi::document("messaging.yaml");
    let sys = System::start(&[("socket_max_per_person", "2")]).await;
    let number = "TX20261201000042";
    sys.helpdesk_tickets(&[number]).await;
    let m = &sys.messaging;
    let mut seen = Vec::new();
    let mut a = WsClient::open(&sys.socket(&agent(1), number, "&after=0")).await;
    collect_until(&mut a, "ready", &mut seen).await;
    let mut b = WsClient::open(&sys.socket(&agent(2), number, "")).await;
    b.next_of("ready", FRAME).await;
    collect_until(&mut a, "presence", &mut seen).await;

    let (_, posted) = comment(
        m,
        &agent(1),
        number,
        json!({"body": "Rebooted the switch; @Ben please check the uplink", "mentions": [3]}),
    )
    .await;
    collect_until(&mut a, "comment.created", &mut seen).await;
    let id = posted["comment"]["id"].as_i64().unwrap();
    let rating = format!("/comments/{id}/rating/");
    call(
        m,
        reqwest::Method::PUT,
        &agent(2),
        &rating,
        Some(json!({"rating": "up"})),
    )
    .await;
    collect_until(&mut a, "comment.rated", &mut seen).await;
    let path = format!("/comments/{id}/");
    let edit = json!({"body": "Rebooted the core switch; @Ben please check the uplink"});
    call(m, reqwest::Method::PATCH, &agent(1), &path, Some(edit)).await;
    collect_until(&mut a, "comment.updated", &mut seen).await;
    b.send_json(&json!({"type": "typing", "visibility": "internal"}))
        .await;
    collect_until(&mut a, "typing", &mut seen).await;
    a.send_json(&json!({"type": "ping"})).await;
    collect_until(&mut a, "pong", &mut seen).await;
    a.send_json(&json!({"type": "shout"})).await;
    collect_until(&mut a, "error", &mut seen).await;
    call(m, reqwest::Method::DELETE, &agent(1), &path, None).await;
    collect_until(&mut a, "comment.deleted", &mut seen).await;
    asyncapi::assert_documented(&doc, &seen);

    // What clients send is documented too: every frame sent above was taken.
    let taken = asyncapi::frames(&doc, "receive");
    assert_eq!(
        taken.keys().map(String::as_str).collect::<Vec<_>>(),
        ["ping", "typing"]
    );

    // A third socket of one person closes their oldest, with a documented code.
    let url = sys.socket(&agent(3), number, "");
    let mut oldest = socket_with(&url, &[]).await.unwrap();
    first_frame(&mut oldest).await;
    // Both newer ones stay open: a closed one would free its place again.
    let mut newer = Vec::new();
    for _ in 0..2 {
        let mut socket = socket_with(&url, &[]).await.unwrap();
        first_frame(&mut socket).await;
        newer.push(socket);
    }
    assert_eq!(close_code(&mut oldest).await, 4029);
    let codes = asyncapi::close_codes(&doc, "ticketThread");
    assert!(
        codes.contains(&4029) && codes.contains(&4001) && codes.contains(&1001),
        "{codes:?}"
    );
    sys.finish().await;
}
