//! Demo sign-in (development mode only) and sign-out: the cookie they set is what the services
//! read, and with the setting off the demo routes look like unknown paths.

use serde_json::{Value, json};
use tts_shared::config::ConfigSource;
use tts_shared::testing::{self, TestDatabase, TestService, TestVhost};

use crate::{start, start_with};

async fn sign_in(s: &TestService, body: Value) -> reqwest::Response {
    s.http
        .post(s.url("/auth/demo/sign-in/"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn set_cookie(r: &reqwest::Response) -> String {
    r.headers()
        .get("set-cookie")
        .expect("a Set-Cookie header")
        .to_str()
        .unwrap()
        .to_string()
}

async fn get_with_cookie(s: &TestService, cookie: &str, path: &str) -> (u16, Value) {
    let r = s
        .http
        .get(s.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_sign_in_sets_a_cookie_that_authenticates_the_demo_person() {
    let s = start_with(&[("demo_sign_in", "true")]).await;

    let r = s
        .http
        .get(s.url("/auth/demo/people/"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let people: Value = r.json().await.unwrap();
    let keys: Vec<&str> = people["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        ["admin", "coordinator", "agent1", "agent2", "requester"]
    );
    assert_eq!(
        people["items"][0],
        json!({"key": "admin", "user_id": 1, "user_type": "staff", "full_name": "Maria Santos",
               "email": "maria.santos@example.com", "roles": [{"system": "tts", "role": "Admin"}],
               "title": "Admin — designs workflows, manages roles"})
    );
    // The coordinator holds the role the service owns tickets by.
    assert_eq!(
        people["items"][1]["roles"],
        json!([{"system": "tts", "role": "Ticket Coordinator"}])
    );

    let r = sign_in(&s, json!({"key": "agent1"})).await;
    assert_eq!(r.status(), 204);
    let cookie = set_cookie(&r);
    let attributes: Vec<&str> = cookie.split("; ").skip(1).collect();
    assert_eq!(
        attributes,
        ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=28800"],
        "{cookie}"
    );
    let pair = cookie.split("; ").next().unwrap();
    assert!(pair.starts_with("access_token=ey"), "{cookie}");

    // The browser sends the cookie back: it authenticates `/me/` and the agent's work list.
    let (status, me) = get_with_cookie(&s, pair, "/me/").await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(
        (
            &me["user_id"],
            &me["user_type"],
            &me["full_name"],
            &me["email"]
        ),
        (
            &json!(11),
            &json!("staff"),
            &json!("Ana Cruz"),
            &json!("ana.cruz@example.com")
        )
    );
    assert_eq!(
        me["roles"],
        json!([{"system": "tts", "role": "Service Desk Agent"}])
    );
    assert_eq!(get_with_cookie(&s, pair, "/tasks/mine/").await.0, 200);
    assert_eq!(get_with_cookie(&s, pair, "/audit/events/").await.0, 403);

    // The requester is an employee.
    let r = sign_in(&s, json!({"key": "requester"})).await;
    let requester = set_cookie(&r);
    let pair = requester.split("; ").next().unwrap();
    let (_, me) = get_with_cookie(&s, pair, "/me/").await;
    assert_eq!(
        (&me["user_id"], &me["user_type"]),
        (&json!(501), &json!("employee"))
    );

    // An unknown key names the field.
    let r = sign_in(&s, json!({"key": "nobody"})).await;
    assert_eq!(r.status(), 422);
    assert!(r.headers().get("set-cookie").is_none());
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "validation_failed", "{body}");
    assert_eq!(body["error"]["fields"][0]["field"], "key", "{body}");

    // Signing out clears the cookie.
    let r = s.http.post(s.url("/auth/sign-out/")).send().await.unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(
        set_cookie(&r),
        "access_token=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn with_demo_sign_in_off_its_routes_answer_like_unknown_paths() {
    let s = start().await;
    let unknown = s.http.get(s.url("/no/such/path/")).send().await.unwrap();
    assert_eq!(unknown.status(), 404);
    let unknown: Value = unknown.json().await.unwrap();

    let people = s
        .http
        .get(s.url("/auth/demo/people/"))
        .send()
        .await
        .unwrap();
    assert_eq!(people.status(), 404);
    let people: Value = people.json().await.unwrap();
    assert_eq!(people["error"], unknown["error"]);
    for body in [json!({"key": "admin"}), json!({"not": "valid"})] {
        let r = sign_in(&s, body).await;
        assert_eq!(r.status(), 404);
        assert!(r.headers().get("set-cookie").is_none());
        let answer: Value = r.json().await.unwrap();
        assert_eq!(answer["error"], unknown["error"]);
    }

    // Signing out is always there.
    let r = s.http.post(s.url("/auth/sign-out/")).send().await.unwrap();
    assert_eq!(r.status(), 204);
    assert!(set_cookie(&r).ends_with("Max-Age=0"));
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_sign_in_is_refused_at_start_outside_development_mode() {
    let db = TestDatabase::migrated(workflow_api::MIGRATIONS).await;
    let vhost = TestVhost::create().await;
    let secret = "a-production-secret-of-at-least-32-characters";
    let settings = testing::settings_with(
        &db.url,
        &vhost.amqp_url(),
        &[
            ("development_mode", "false"),
            ("jwt_secret", secret),
            (
                "service_api_keys",
                "helpdesk=a-helpdesk-key-of-at-least-32-characters helpdesk:upsert",
            ),
        ],
    );
    let platform = tts_shared::Platform::start(
        workflow_api::SERVICE,
        settings,
        workflow_api::MIGRATIONS,
        tokio_util::sync::CancellationToken::new(),
    )
    .await
    .expect("platform starts");
    let source = ConfigSource::from_layers(
        &[
            ("demo_sign_in", "true"),
            (
                "end_logic_secret",
                "an-end-logic-secret-of-at-least-32-characters",
            ),
        ],
        None,
        [],
    )
    .unwrap();
    let Err(refused) = workflow_api::app(&platform, &source) else {
        panic!("demo sign-in is refused outside development mode");
    };
    let refused = refused.to_string();
    assert!(
        refused.contains("`demo_sign_in` (TTS_DEMO_SIGN_IN)")
            && refused.contains("development mode"),
        "{refused}"
    );
    platform.shutdown().await;
    db.drop_now().await;
    vhost.delete().await;
}
