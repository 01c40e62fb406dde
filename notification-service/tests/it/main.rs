//! Integration tests of the notification service against real PostgreSQL, RabbitMQ and an SMTP
//! server (python3-aiosmtpd).

use std::time::Duration;

use serde_json::{Value, json};
use tts_shared::amqp::TaskMessage;
use tts_shared::auth::UserType;
use tts_shared::testing::{self, SmtpSink, TestService, eventually};

mod binary;
mod mail;
mod originals;
mod paging;

#[tokio::test(flavor = "multi_thread")]
async fn binary_creates_its_database_reports_readiness_and_survives_a_broker_outage() {
    tts_shared::testing::check_service_binary(
        env!("CARGO_BIN_EXE_notification-service"),
        "notification-service",
    )
    .await;
}

async fn start(smtp: &SmtpSink) -> TestService {
    start_with(smtp, &[]).await
}

async fn start_with(smtp: &SmtpSink, extra: &[(&str, &str)]) -> TestService {
    let port = smtp.port.to_string();
    let mut settings = vec![
        ("smtp_host", "127.0.0.1"),
        ("smtp_port", port.as_str()),
        ("smtp_security", "none"),
        ("mail_from", "TTS <tts@example.com>"),
    ];
    settings.extend_from_slice(extra);
    TestService::start(
        notification_service::SERVICE,
        notification_service::MIGRATIONS,
        notification_service::app,
        &settings,
        None,
    )
    .await
}

/// A captured message from `shared/tests/fixtures/celery/`, with a fresh id.
fn fixture(name: &str) -> TaskMessage {
    let path = format!(
        "{}/../shared/tests/fixtures/celery/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let f: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    TaskMessage::new(
        f["headers"]["task"].as_str().unwrap(),
        f["body"][0].as_array().unwrap().clone(),
        f["body"][1].as_object().unwrap().clone(),
    )
}

fn staff(id: i64) -> String {
    testing::token(id, UserType::Staff, &["tts:Agent"])
}

async fn get(s: &TestService, token: &str, path: &str) -> (u16, Value) {
    let r = s
        .http
        .get(s.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn post(s: &TestService, token: &str, path: &str, body: Value) -> (u16, Value) {
    let r = s
        .http
        .post(s.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn notifications(s: &TestService, user: i64) -> Vec<Value> {
    get(s, &staff(user), "/notifications/").await.1["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Users 7 (agent@example.com), 3 and 9 in the directory.
async fn directory(s: &TestService) {
    s.vhost
        .publish("USER_EMAIL_SYNC_QUEUE", &fixture("sync_user_email"))
        .await;
    let bulk = TaskMessage::new("notifications.bulk_sync_user_emails", vec![], json!({"users_data": [
        {"user_id": 3, "email": "admin@example.com", "first_name": "Ada", "last_name": "Admin", "is_active": true},
        {"user_id": 9, "email": "nine@example.com", "first_name": "Nia", "last_name": "Nine", "is_active": true},
    ]}).as_object().unwrap().clone());
    s.vhost.publish("USER_EMAIL_SYNC_QUEUE", &bulk).await;
    eventually("the directory", Duration::from_secs(10), || async {
        let n = count(s, "SELECT count(*) AS n FROM user_directory").await;
        (n == 3).then_some(())
    })
    .await;
}

async fn count(s: &TestService, sql: &str) -> i64 {
    s.db.count(sql).await
}

#[tokio::test(flavor = "multi_thread")]
async fn reference_messages_become_notifications_and_emails_once() {
    let smtp = SmtpSink::start().await;
    let s = start(&smtp).await;
    directory(&s).await;

    let assignment = fixture("send_assignment_notification");
    s.vhost
        .publish("INAPP_NOTIFICATION_QUEUE", &assignment)
        .await;
    s.vhost
        .publish("INAPP_NOTIFICATION_QUEUE", &assignment)
        .await; // redelivered
    let mail = smtp.wait_for(1).await;
    assert!(
        mail[0].contains("To: \"Jane Agent\" <agent@example.com>"),
        "{}",
        mail[0]
    );
    assert!(
        mail[0].contains("Subject: [TX20251231962083] New task: Laptop will not boot"),
        "{}",
        mail[0]
    );
    assert!(mail[0].contains("/tickets/TX20251231962083"), "ticket link");
    let mine = notifications(&s, 7).await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0]["notification_type"], "task_assignment");
    assert_eq!(mine[0]["related_ticket_number"], "TX20251231962083");
    assert!(
        mine[0]["message"]
            .as_str()
            .unwrap()
            .contains("as Asset Manager")
    );

    // Escalation by 7 from 7 to 3: only 3 is told. Transfer 7 → 9 by 3: both are told.
    s.vhost
        .publish(
            "INAPP_NOTIFICATION_QUEUE",
            &fixture("send_escalation_notification"),
        )
        .await;
    s.vhost
        .publish(
            "INAPP_NOTIFICATION_QUEUE",
            &fixture("send_task_transfer_notification"),
        )
        .await;
    s.vhost
        .publish("EMAIL_NOTIFICATION_QUEUE", &fixture("send_email_async"))
        .await;
    let mail = smtp.wait_for(5).await;
    let recipients: Vec<&str> = mail
        .iter()
        .filter_map(|m| m.lines().find(|l| l.starts_with("To: ")))
        .collect();
    assert_eq!(
        recipients
            .iter()
            .filter(|r| r.contains("admin@example.com"))
            .count(),
        1,
        "{recipients:?}"
    );
    assert_eq!(
        recipients
            .iter()
            .filter(|r| r.contains("nine@example.com"))
            .count(),
        1
    );
    assert_eq!(
        recipients
            .iter()
            .filter(|r| r.contains("agent@example.com"))
            .count(),
        3,
        "assignment, transfer out, direct e-mail"
    );
    let types = |n: &Vec<Value>| {
        n.iter()
            .map(|x| x["notification_type"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        types(&notifications(&s, 3).await),
        vec!["task_escalation_in"]
    );
    assert_eq!(types(&notifications(&s, 9).await), vec!["task_transfer_in"]);
    assert_eq!(
        types(&notifications(&s, 7).await),
        vec!["task_transfer_out", "task_assignment"],
        "7 escalated it themselves"
    );
    assert_eq!(
        count(
            &s,
            "SELECT count(*) AS n FROM email_log WHERE status = 'sent'"
        )
        .await,
        5
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn mail_waits_out_an_smtp_outage_and_a_permanent_failure_ends_in_the_dlq() {
    let mut smtp = SmtpSink::start().await;
    // Tries spread over about six seconds: long enough to outlast a restart of the SMTP server.
    let s = start_with(
        &smtp,
        &[
            ("amqp_max_retries", "8"),
            ("amqp_retry_base_delay_ms", "200"),
            ("amqp_retry_max_delay_ms", "1000"),
        ],
    )
    .await;
    directory(&s).await;
    smtp.stop().await;
    s.vhost
        .publish(
            "INAPP_NOTIFICATION_QUEUE",
            &fixture("send_assignment_notification"),
        )
        .await;
    eventually("a failed try", Duration::from_secs(10), || async {
        let text = s
            .http
            .get(s.url("/metrics"))
            .send()
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        text.contains("emails_total{outcome=\"failed\"}")
            .then_some(())
    })
    .await;
    assert_eq!(
        notifications(&s, 7).await.len(),
        1,
        "in-app is not held up by e-mail"
    );
    smtp.resume().await;
    let mail = smtp.wait_for(1).await;
    assert!(mail[0].contains("agent@example.com"));

    // For good this time: after the last try the e-mail waits in the dead-letter queue.
    smtp.stop().await;
    s.vhost
        .publish("EMAIL_NOTIFICATION_QUEUE", &fixture("send_email_async"))
        .await;
    let dead = s.vhost.take("EMAIL_NOTIFICATION_QUEUE.dlq", 1).await;
    assert!(
        dead[0].headers["x-tts-error"]
            .as_str()
            .unwrap()
            .contains("sending e-mail")
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn people_read_their_own_notifications_and_switch_email_off() {
    let smtp = SmtpSink::start().await;
    let s = start(&smtp).await;
    directory(&s).await;
    let (status, _) = s
        .http
        .put(s.url("/preferences/"))
        .bearer_auth(staff(7))
        .json(&json!([{"notification_type": "task_assignment", "in_app": true, "email": false}]))
        .send()
        .await
        .map(|r| (r.status().as_u16(), ()))
        .unwrap();
    assert_eq!(status, 200);
    for _ in 0..3 {
        s.vhost
            .publish(
                "INAPP_NOTIFICATION_QUEUE",
                &fixture("send_assignment_notification"),
            )
            .await;
    }
    let items = eventually("three notifications", Duration::from_secs(10), || async {
        let n = notifications(&s, 7).await;
        (n.len() == 3).then_some(n)
    })
    .await;
    assert_eq!(s.vhost.depth("EMAIL_NOTIFICATION_QUEUE").await, 0);
    assert_eq!(
        count(
            &s,
            "SELECT count(*) AS n FROM outbox_messages WHERE routing_key = 'EMAIL_NOTIFICATION_QUEUE'"
        )
        .await,
        0,
        "no e-mail job at all"
    );
    assert!(smtp.messages().is_empty());

    assert_eq!(
        get(&s, &staff(7), "/notifications/unread-count/").await.1["count"],
        3
    );
    let first = items[0]["id"].as_i64().unwrap();
    assert_eq!(
        post(
            &s,
            &staff(9),
            &format!("/notifications/{first}/read/"),
            json!({})
        )
        .await
        .0,
        404,
        "not theirs"
    );
    let employee7 = testing::token(7, UserType::Employee, &[]);
    assert_eq!(
        post(
            &s,
            &employee7,
            &format!("/notifications/{first}/read/"),
            json!({})
        )
        .await
        .0,
        404,
        "employee 7 is someone else"
    );
    let (status, read) = post(
        &s,
        &staff(7),
        &format!("/notifications/{first}/read/"),
        json!({}),
    )
    .await;
    assert_eq!((status, read["is_read"].as_bool()), (200, Some(true)));
    assert_eq!(
        get(&s, &staff(7), "/notifications/unread-count/").await.1["count"],
        2
    );
    assert_eq!(
        get(&s, &staff(7), "/notifications/?unread=true").await.1["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        post(&s, &staff(7), "/notifications/read-all/", json!({}))
            .await
            .1["count"],
        2
    );
    assert_eq!(
        get(&s, &staff(7), "/notifications/unread-count/").await.1["count"],
        0
    );
    let (_, prefs) = get(&s, &staff(7), "/preferences/").await;
    let assignment = prefs["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["notification_type"] == "task_assignment")
        .unwrap();
    assert_eq!(
        (
            assignment["in_app"].as_bool(),
            assignment["email"].as_bool()
        ),
        (Some(true), Some(false))
    );
    let bad = s
        .http
        .put(s.url("/preferences/"))
        .bearer_auth(staff(7))
        .json(&json!([{"notification_type": "carrier_pigeon", "in_app": true, "email": true}]))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    assert_eq!(get(&s, &staff(7), "/notifications/?type=nope").await.0, 422);
    assert_eq!(
        s.http
            .get(s.url("/notifications/"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_directory_follows_syncs_and_bad_payloads_go_to_the_dlq() {
    let smtp = SmtpSink::start().await;
    let s = start(&smtp).await;
    directory(&s).await;
    let update = TaskMessage::new("notifications.sync_user_email", vec![], json!({"user_id": 7, "email": "jane@new.example.com", "first_name": "Jane", "last_name": "Agent", "is_active": false}).as_object().unwrap().clone());
    let bad = TaskMessage::new(
        "notifications.sync_user_email",
        vec![],
        json!({"user_id": "seven", "email": "x"})
            .as_object()
            .unwrap()
            .clone(),
    );
    let delete = TaskMessage::new(
        "notifications.delete_user_email_cache",
        vec![],
        json!({"user_id": 3}).as_object().unwrap().clone(),
    );
    s.vhost.publish("USER_EMAIL_SYNC_QUEUE", &update).await;
    s.vhost.publish("USER_EMAIL_SYNC_QUEUE", &bad).await;
    s.vhost.publish("USER_EMAIL_SYNC_QUEUE", &delete).await;
    eventually("the sync", Duration::from_secs(10), || async {
        let done = count(&s, "SELECT count(*) AS n FROM user_directory WHERE user_id = 7 AND email = 'jane@new.example.com' AND NOT is_active").await == 1
            && count(&s, "SELECT count(*) AS n FROM user_directory WHERE user_id = 3").await == 0;
        done.then_some(())
    })
    .await;
    let dead = s.vhost.take("USER_EMAIL_SYNC_QUEUE.dlq", 1).await;
    assert!(
        dead[0].headers["x-tts-error"]
            .as_str()
            .unwrap()
            .contains("user_id")
    );
    // An inactive user gets no e-mail (logged), but the in-app notification.
    s.vhost
        .publish(
            "INAPP_NOTIFICATION_QUEUE",
            &fixture("send_assignment_notification"),
        )
        .await;
    eventually("the skipped e-mail", Duration::from_secs(10), || async {
        (count(
            &s,
            "SELECT count(*) AS n FROM email_log WHERE status = 'skipped'",
        )
        .await
            == 1)
            .then_some(())
    })
    .await;
    assert!(smtp.messages().is_empty());
    assert_eq!(notifications(&s, 7).await.len(), 1);
    s.finish().await;
}

/// A `system` notification for staff member `user`.
fn system_notice(user: i64, subject: &str) -> TaskMessage {
    use tts_shared::events::{CeleryTask, InappNotification};
    InappNotification {
        user_id: user,
        user_type: "staff".into(),
        notification_type: "system".into(),
        subject: subject.into(),
        message: format!("{subject}."),
        related_ticket_number: Some("TX-1".into()),
        metadata: Value::Null,
        email: None,
    }
    .to_message()
}

fn socket_url(s: &str, user: i64, query: &str) -> String {
    format!("{s}/ws/notifications/?token={}{query}", staff(user))
}

const FRAME: Duration = Duration::from_secs(10);

#[tokio::test(flavor = "multi_thread")]
async fn the_socket_pushes_to_its_owner_only_and_catches_up_after_a_reconnect() {
    let smtp = SmtpSink::start().await;
    let s = start(&smtp).await;
    let ws = s.ws_url("");

    let mut seven = testing::WsClient::open(&socket_url(&ws, 7, "")).await;
    let mut three = testing::WsClient::open(&socket_url(&ws, 3, "")).await;
    assert_eq!(
        seven.next_json(FRAME).await,
        json!({"type": "unread_count", "count": 0})
    );
    assert_eq!(
        three.next_json(FRAME).await,
        json!({"type": "unread_count", "count": 0})
    );

    // The reference assignment concerns user 7.
    s.vhost
        .publish(
            "INAPP_NOTIFICATION_QUEUE",
            &fixture("send_assignment_notification"),
        )
        .await;
    let pushed = seven.next_of("notification.created", FRAME).await;
    assert_eq!(pushed["type"], "notification.created", "{pushed}");
    assert_eq!(
        pushed["notification"]["notification_type"],
        "task_assignment"
    );
    assert_eq!(pushed["notification"]["user_id"], 7);
    assert_eq!(seven.next_of("unread_count", FRAME).await["count"], 1);

    // Live events reach each instance in publication order, so had user 7's leaked to user 3,
    // it would come before user 3's own.
    s.vhost
        .publish("INAPP_NOTIFICATION_QUEUE", &system_notice(3, "For three"))
        .await;
    let own = three.next_of("notification.created", FRAME).await;
    assert_eq!(own["notification"]["subject"], "For three", "{own}");
    assert_eq!(own["notification"]["user_id"], 3);

    // Malformed frames get an error frame, and the socket stays open.
    seven.send_text("not json").await;
    let error = seven.next_of("error", FRAME).await;
    assert!(
        error["message"].as_str().unwrap().contains("JSON"),
        "{error}"
    );
    seven.send_json(&json!({"type": "dance"})).await;
    let error = seven.next_of("error", FRAME).await;
    assert!(
        error["message"].as_str().unwrap().contains("dance"),
        "{error}"
    );
    seven.send_json(&json!({"type": "ping"})).await;
    assert_eq!(seven.next_of("pong", FRAME).await, json!({"type": "pong"}));

    // Away: two notifications arrive meanwhile; back with after=<last id seen>.
    let last_seen = pushed["notification"]["id"].as_i64().unwrap();
    seven.close().await;
    s.vhost
        .publish("INAPP_NOTIFICATION_QUEUE", &system_notice(7, "Missed one"))
        .await;
    s.vhost
        .publish("INAPP_NOTIFICATION_QUEUE", &system_notice(7, "Missed two"))
        .await;
    eventually("the missed notifications", FRAME, || async {
        (notifications(&s, 7).await.len() == 3).then_some(())
    })
    .await;
    let mut back =
        testing::WsClient::open(&socket_url(&ws, 7, &format!("&after={last_seen}"))).await;
    let first = back.next_of("notification.created", FRAME).await;
    let second = back.next_of("notification.created", FRAME).await;
    assert_eq!(
        (
            &first["notification"]["subject"],
            &second["notification"]["subject"]
        ),
        (&json!("Missed one"), &json!("Missed two"))
    );
    assert_eq!(back.next_of("unread_count", FRAME).await["count"], 3);

    // Reading elsewhere updates the count on the socket.
    let (status, body) = post(&s, &staff(7), "/notifications/read-all/", json!({})).await;
    assert_eq!((status, body["count"].as_i64()), (200, Some(3)));
    loop {
        if back.next_of("unread_count", FRAME).await["count"] == 0 {
            break;
        }
    }
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_socket_on_one_instance_receives_what_another_instance_consumed() {
    let smtp = SmtpSink::start().await;
    let port = smtp.port.to_string();
    // Instance A serves sockets and consumes nothing; instance B does the consuming.
    let a = start_with(&smtp, &[("amqp_consume", "false")]).await;
    let b = a
        .another_instance(
            notification_service::SERVICE,
            notification_service::MIGRATIONS,
            notification_service::app,
            &[
                ("smtp_host", "127.0.0.1"),
                ("smtp_port", port.as_str()),
                ("smtp_security", "none"),
            ],
        )
        .await;
    let mut client = testing::WsClient::open(&socket_url(&a.ws_url(""), 9, "")).await;
    assert_eq!(client.next_json(FRAME).await["type"], "unread_count");
    a.vhost
        .publish(
            "INAPP_NOTIFICATION_QUEUE",
            &system_notice(9, "Across instances"),
        )
        .await;
    let pushed = client.next_of("notification.created", FRAME).await;
    assert_eq!(pushed["notification"]["subject"], "Across instances");
    b.platform.shutdown().await;
    a.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unauthenticated_and_malformed_sockets_are_refused() {
    let smtp = SmtpSink::start().await;
    let s = start(&smtp).await;
    let ws = s.ws_url("/ws/notifications/");

    let (status, body) = testing::WsClient::connect(&ws).await.err().unwrap();
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["error"]["code"], "unauthorized", "{body}");

    // Besides `?token=`, the bearer header and the access_token cookie open it too.
    let bearer = format!("Bearer {}", staff(7));
    let cookie = format!("access_token={}", staff(7));
    for header in [
        ("authorization", bearer.as_str()),
        ("cookie", cookie.as_str()),
    ] {
        let mut client = testing::WsClient::connect_with(&ws, Some(header))
            .await
            .unwrap_or_else(|(status, body)| panic!("{}: {status} {body}", header.0));
        assert_eq!(client.next_of("unread_count", FRAME).await["count"], 0);
        client.close().await;
    }

    let (status, _) = testing::WsClient::connect(&format!("{ws}?token=not-a-jwt"))
        .await
        .err()
        .unwrap();
    assert_eq!(status, 401);

    let (status, body) =
        testing::WsClient::connect(&format!("{ws}?token={}&after=yesterday", staff(7)))
            .await
            .err()
            .unwrap();
    assert!((400..500).contains(&status), "{status} {body}");
    assert!(body.to_string().contains("after"), "{body}");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn notification_types_are_listed_to_signed_in_people_only() {
    let smtp = SmtpSink::start().await;
    let s = start(&smtp).await;
    let anonymous = s
        .http
        .get(s.url("/notifications/types/"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    let (status, types) = get(&s, &staff(7), "/notifications/types/").await;
    assert_eq!(status, 200);
    assert!(
        types["items"]
            .as_array()
            .unwrap()
            .contains(&json!("comment_added")),
        "{types}"
    );
    let employee = testing::token(14, UserType::Employee, &[]);
    assert_eq!(get(&s, &employee, "/notifications/types/").await.0, 200);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn negative_or_absurd_list_parameters_are_refused_naming_the_parameter() {
    let smtp = SmtpSink::start().await;
    let s = start(&smtp).await;
    let long_ticket = "T".repeat(65);
    let cases = [
        ("cursor=-9223372036854775808".to_string(), "cursor"),
        ("cursor=-1".to_string(), "cursor"),
        ("cursor=99999999999999999999".to_string(), "cursor"),
        ("limit=0".to_string(), "limit"),
        ("limit=-1".to_string(), "limit"),
        ("limit=201".to_string(), "limit"),
        ("unread=maybe".to_string(), "unread"),
        (format!("ticket={long_ticket}"), "ticket"),
        ("type=carrier_pigeon".to_string(), "type"),
    ];
    for (query, parameter) in cases {
        let (status, body) = get(&s, &staff(7), &format!("/notifications/?{query}")).await;
        tts_shared::testing::assert_names_parameter(status, &body, &query, parameter);
    }
    let (status, page) = get(
        &s,
        &staff(7),
        "/notifications/?cursor=0&limit=1&ticket=TX-1",
    )
    .await;
    assert_eq!(
        (status, page["items"].as_array().map(Vec::len)),
        (200, Some(0))
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn nul_characters_in_bodies_queries_and_paths_are_refused_never_a_500() {
    let smtp = SmtpSink::start().await;
    let s = start(&smtp).await;
    let r = s
        .http
        .put(s.url("/preferences/"))
        .bearer_auth(staff(7))
        .json(&json!([{"notification_type": "task_assignment\u{0000}", "in_app": false, "email": false}]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let (status, body) = get(&s, &staff(7), "/notifications/?ticket=TX%00").await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = post(&s, &staff(7), "/notifications/1%00/read/", json!({})).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(
        count(&s, "SELECT count(*) AS n FROM preferences").await,
        0,
        "nothing written"
    );
    s.finish().await;
}

type RawSocket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn raw_socket(url: &str) -> RawSocket {
    tokio_tungstenite::connect_async(url)
        .await
        .unwrap_or_else(|e| panic!("socket {url}: {e}"))
        .0
}

/// Sends a `ping` frame and waits for its `pong`; unread counts the server pushes meanwhile (it
/// sends one on every resync) are not what is being asked.
async fn answers_ping(socket: &mut RawSocket) {
    use futures_util::SinkExt;
    socket
        .send(tokio_tungstenite::tungstenite::Message::Text(
            json!({"type": "ping"}).to_string().into(),
        ))
        .await
        .unwrap();
    loop {
        let answer = frame(socket).await;
        if answer["type"] != "unread_count" {
            assert_eq!(answer, json!({"type": "pong"}));
            return;
        }
    }
}

/// The next JSON frame, skipping pings.
async fn frame(socket: &mut RawSocket) -> Value {
    use futures_util::StreamExt;
    use tokio_tungstenite::tungstenite::Message;
    loop {
        match tokio::time::timeout(FRAME, socket.next())
            .await
            .expect("a frame in time")
        {
            Some(Ok(Message::Text(text))) => return serde_json::from_str(text.as_str()).unwrap(),
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            other => panic!("expected a JSON frame, got {other:?}"),
        }
    }
}

/// The close code the server ends the socket with, waiting at most `within`.
async fn close_code(socket: &mut RawSocket, within: Duration) -> u16 {
    use futures_util::StreamExt;
    use tokio_tungstenite::tungstenite::Message;
    let deadline = tokio::time::Instant::now() + within;
    loop {
        let next = tokio::time::timeout_at(deadline, socket.next())
            .await
            .unwrap_or_else(|_| panic!("not closed within {within:?}"));
        match next {
            Some(Ok(Message::Close(Some(close)))) => return close.code.into(),
            Some(Ok(Message::Close(None))) | None => panic!("closed without a code"),
            Some(Ok(_)) => continue,
            Some(Err(e)) => panic!("socket failed instead of closing: {e}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_socket_is_closed_with_4001_when_its_token_expires() {
    use tts_shared::auth::{Claims, SystemRole, issue_hs256};
    let smtp = SmtpSink::start().await;
    let s = start(&smtp).await;
    let roles = vec!["tts:Agent".parse::<SystemRole>().unwrap()];
    let short = issue_hs256(
        tts_shared::config::DEVELOPMENT_JWT_SECRET,
        &Claims::access(7, UserType::Staff, roles, 3),
    );
    let url = s.ws_url(&format!("/ws/notifications/?token={short}"));
    let mut expiring = raw_socket(&url).await;
    assert_eq!(frame(&mut expiring).await["type"], "unread_count");
    let mut lasting = raw_socket(&socket_url(&s.ws_url(""), 7, "")).await;
    assert_eq!(frame(&mut lasting).await["type"], "unread_count");

    assert_eq!(close_code(&mut expiring, FRAME).await, 4001);
    // The same person's socket with a fresh token stays open.
    answers_ping(&mut lasting).await;
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn opening_more_sockets_than_allowed_closes_the_oldest_with_4029() {
    let smtp = SmtpSink::start().await;
    let s = start_with(&smtp, &[("socket_max_per_person", "2")]).await;
    let ws = s.ws_url("");
    let mut sockets = Vec::new();
    for _ in 0..2 {
        let mut socket = raw_socket(&socket_url(&ws, 7, "")).await;
        assert_eq!(frame(&mut socket).await["type"], "unread_count");
        sockets.push(socket);
    }
    let mut other_person = raw_socket(&socket_url(&ws, 9, "")).await;
    assert_eq!(frame(&mut other_person).await["type"], "unread_count");

    let mut third = raw_socket(&socket_url(&ws, 7, "")).await;
    assert_eq!(frame(&mut third).await["type"], "unread_count");
    assert_eq!(close_code(&mut sockets[0], FRAME).await, 4029, "the oldest");
    assert_eq!(
        s.platform.sockets().open_for(UserType::Staff, 7),
        2,
        "the limit holds"
    );
    // The newer two and the other person's socket still answer.
    for socket in [&mut sockets[1], &mut third, &mut other_person] {
        answers_ping(socket).await;
    }
    s.finish().await;
}
