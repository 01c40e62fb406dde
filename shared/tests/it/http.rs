//! The HTTP platform through a real server: authentication (401/403 JSON), the one error envelope
//! for axum's own rejections, request ids, health, metrics and offline docs.

use axum::Router;
use axum::routing::{get, post};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;
use tts_shared::auth::{
    AuthUser, Claims, Scope, ServiceCaller, SocketUser, SystemRole, UserType, issue_hs256,
    issue_rs256,
};
use tts_shared::config::DEVELOPMENT_JWT_SECRET;
use tts_shared::http::{ApiError, Json, Path, Query};
use tts_shared::platform::{Platform, ServiceInfo, serve};
use tts_shared::testing::{self, HELPDESK_KEY, TestDatabase, TestVhost};

struct Server {
    base: String,
    http: reqwest::Client,
    cancel: CancellationToken,
    db: TestDatabase,
    vhost: TestVhost,
}

impl Server {
    async fn start(extra: &[(&str, &str)]) -> Server {
        let db = TestDatabase::migrated(&[]).await;
        let vhost = TestVhost::create().await;
        let settings = testing::settings_with(&db.url, &vhost.amqp_url(), extra);
        let cancel = CancellationToken::new();
        let info = ServiceInfo {
            name: "http-test",
            port: 0,
            database: "unused",
            version: "0.0.0",
            about: "test service",
            settings: None,
        };
        let platform = Platform::start(info, settings, &[], cancel.clone())
            .await
            .unwrap();
        let app = tts_shared::http::app(
            routes(&platform),
            utoipa::openapi::OpenApi::default(),
            &platform,
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(serve(listener, app, platform));
        Server {
            base,
            http: testing::http_client(),
            cancel,
            db,
            vhost,
        }
    }

    fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.http.get(format!("{}{path}", self.base))
    }

    fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.http.post(format!("{}{path}", self.base))
    }

    async fn finish(self) {
        self.cancel.cancel();
        self.db.drop_now().await;
        self.vhost.delete().await;
    }
}

#[derive(Deserialize, Serialize, utoipa::ToSchema)]
struct Echo {
    subject: String,
    count: u32,
}

#[derive(Deserialize)]
struct Page {
    #[allow(dead_code)]
    limit: u32,
}

fn routes(platform: &Platform) -> Router {
    Router::new()
        .route(
            "/whoami",
            get(|user: AuthUser| async move {
                Json(json!({"user_id": user.user_id, "user_type": user.user_type, "name": user.name}))
            }),
        )
        .route(
            "/admin",
            get(|user: AuthUser| async move {
                user.require_any(&["tts:Admin"])?;
                Ok::<_, ApiError>(Json(json!({"ok": true})))
            }),
        )
        .route(
            "/machine",
            get(|caller: ServiceCaller| async move { Json(json!({"caller": caller.name})) }),
        )
        .route(
            "/machine/tickets",
            get(|caller: ServiceCaller| async move {
                caller.require(Scope::TicketsRead)?;
                Ok::<_, ApiError>(Json(json!({"caller": caller.name})))
            }),
        )
        .route(
            "/socket-user",
            get(|socket: SocketUser| async move {
                Json(json!({"user_id": socket.user.user_id, "expires_at": socket.expires_at}))
            }),
        )
        .route(
            "/nested",
            post(|Json(body): Json<Value>| async move { Json(body) }),
        )
        .route("/echo", post(|Json(body): Json<Echo>| async move { Json(body) }))
        .route("/items/{id}", get(|Path(id): Path<i64>| async move { Json(json!({"id": id})) }))
        .route("/search", get(|Query(_page): Query<Page>| async { Json(json!({})) }))
        .route(
            "/boom",
            get(|| async {
                if true {
                    panic!("handler bug");
                }
                ""
            }),
        )
        .with_state(platform.clone())
}

fn token_for(roles: &[&str]) -> String {
    testing::token(7, UserType::Staff, roles)
}

async fn error_of(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        content_type.starts_with("application/json"),
        "{status}: {content_type}"
    );
    (status, response.json().await.unwrap())
}

fn hs256_with(claims: Value) -> String {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(DEVELOPMENT_JWT_SECRET.as_bytes()),
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn tokens_are_checked_and_bad_ones_get_401_or_403_json() {
    let s = Server::start(&[]).await;
    let now = chrono::Utc::now().timestamp();

    // Good token: bearer and cookie.
    let good = token_for(&["tts:Agent"]);
    let me: Value = s
        .get("/whoami")
        .bearer_auth(&good)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user_id"], 7);
    assert_eq!(me["user_type"], "staff");
    let r = s
        .get("/whoami")
        .header("cookie", format!("theme=dark; access_token={good}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    let base = json!({"user_id": 7, "user_type": "staff", "token_type": "access", "exp": now + 600, "roles": ["tts:Admin"]});
    let cases: Vec<(&str, String, &str)> = vec![
        ("missing", String::new(), "authentication required"),
        (
            "expired",
            hs256_with(
                json!({"user_id": 7, "user_type": "staff", "token_type": "access", "exp": now - 3600}),
            ),
            "expired",
        ),
        (
            "wrong signature",
            jsonwebtoken::encode(
                &Header::new(Algorithm::HS256),
                &base,
                &EncodingKey::from_secret(b"another-secret-of-some-length"),
            )
            .unwrap(),
            "signature",
        ),
        (
            "refresh",
            hs256_with(
                json!({"user_id": 7, "user_type": "staff", "token_type": "refresh", "exp": now + 600}),
            ),
            "not an access token",
        ),
        (
            "no exp",
            hs256_with(json!({"user_id": 7, "user_type": "staff", "token_type": "access"})),
            "exp",
        ),
        (
            "no user type",
            hs256_with(json!({"user_id": 7, "token_type": "access", "exp": now + 600})),
            "user_type",
        ),
        ("garbage", "not.a.jwt".into(), "not a valid JWT"),
    ];
    for (case, token, needle) in cases {
        let mut request = s.get("/whoami");
        if !token.is_empty() {
            request = request.bearer_auth(&token);
        }
        let (status, body) = error_of(request.send().await.unwrap()).await;
        assert_eq!(status, 401, "{case}");
        assert_eq!(body["error"]["code"], "unauthorized", "{case}");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains(needle), "{case}: {message}");
    }

    // alg: none, signature stripped.
    let payload = base64_url(&serde_json::to_vec(&base).unwrap());
    let none = format!(
        "{}.{payload}.",
        base64_url(br#"{"alg":"none","typ":"JWT"}"#)
    );
    let (status, _) = error_of(s.get("/whoami").bearer_auth(none).send().await.unwrap()).await;
    assert_eq!(status, 401, "alg none");

    // Right token, wrong role.
    let (status, body) = error_of(s.get("/admin").bearer_auth(&good).send().await.unwrap()).await;
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "forbidden");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("tts:Admin")
    );
    // Roles given as objects work too.
    let object_roles = issue_hs256(
        DEVELOPMENT_JWT_SECRET,
        &Claims::access(
            7,
            UserType::Staff,
            vec![SystemRole::new("tts", "Admin")],
            60,
        ),
    );
    assert_eq!(
        s.get("/admin")
            .bearer_auth(object_roles)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        s.get("/admin")
            .bearer_auth(hs256_with(base.clone()))
            .send()
            .await
            .unwrap()
            .status(),
        200,
        "string roles"
    );

    // Machines use API keys.
    let r: Value = s
        .get("/machine")
        .header("x-api-key", HELPDESK_KEY)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["caller"], "helpdesk");
    let (status, _) = error_of(
        s.get("/machine")
            .header("x-api-key", "wrong-key-0123456789")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401);
    let (status, _) = error_of(s.get("/machine").bearer_auth(&good).send().await.unwrap()).await;
    assert_eq!(status, 401, "a person's token is not a service key");
    s.finish().await;
}

fn base64_url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[tokio::test(flavor = "multi_thread")]
async fn rs256_public_key_replaces_the_shared_secret() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let public = dir.join("rs256-public.pem");
    let s = Server::start(&[("jwt_public_key", public.to_str().unwrap())]).await;
    let private = std::fs::read(dir.join("rs256-private.pem")).unwrap();
    let claims = Claims::access(9, UserType::Employee, vec![], 60);
    let rs = issue_rs256(&private, &claims).unwrap();
    let me: Value = s
        .get("/whoami")
        .bearer_auth(rs)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user_type"], "employee");
    let hs = issue_hs256(DEVELOPMENT_JWT_SECRET, &claims);
    let (status, body) = error_of(s.get("/whoami").bearer_auth(hs).send().await.unwrap()).await;
    assert_eq!(status, 401, "HS256 is refused once RS256 is configured");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("algorithm")
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_error_is_one_json_envelope_naming_the_problem() {
    let s = Server::start(&[]).await;

    let r = s
        .post("/echo")
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    let (status, body) = error_of(r).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "malformed_json");

    let r = s
        .post("/echo")
        .json(&json!({"subject": "x", "count": "three"}))
        .send()
        .await
        .unwrap();
    let (status, body) = error_of(r).await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["fields"][0]["field"], "count");

    let r = s
        .post("/echo")
        .json(&json!({"count": 3}))
        .send()
        .await
        .unwrap();
    let (status, body) = error_of(r).await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["fields"][0]["field"], "subject");

    let r = s
        .post("/echo")
        .body(r#"{"subject":"x","count":1}"#)
        .send()
        .await
        .unwrap();
    let (status, body) = error_of(r).await;
    assert_eq!(status, 415, "missing content type");
    assert_eq!(body["error"]["code"], "unsupported_media_type");

    let (status, body) = error_of(s.get("/items/abc").send().await.unwrap()).await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["fields"][0]["field"], "id");

    let (status, body) = error_of(s.get("/search?limit=-1").send().await.unwrap()).await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["code"], "validation_failed");
    assert_eq!(body["error"]["fields"][0]["field"], "limit");

    let (status, body) = error_of(s.get("/nowhere").send().await.unwrap()).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );

    let (status, body) = error_of(
        s.http
            .delete(format!("{}/echo", s.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::METHOD_NOT_ALLOWED, Some("method_not_allowed"))
    );

    let r = s
        .get("/boom")
        .header("x-request-id", "req-abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-request-id"], "req-abc-123");
    let (status, body) = error_of(r).await;
    assert_eq!(status, 500);
    assert_eq!(body["error"]["code"], "internal");
    assert!(
        !body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("handler bug"),
        "cause not leaked"
    );
    assert_eq!(body["request_id"], "req-abc-123");

    let r = s.get("/whoami").send().await.unwrap();
    assert!(
        !r.headers()["x-request-id"].is_empty(),
        "an id is generated when none is sent"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn health_metrics_schema_and_docs_are_served() {
    let s = Server::start(&[]).await;
    let live: Value = s
        .get("/health/live")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(live["status"], "ok");
    let ready = testing::eventually("readiness", std::time::Duration::from_secs(20), || async {
        let r = s.get("/health/ready").send().await.ok()?;
        (r.status() == 200).then_some(r)
    })
    .await;
    let ready: Value = ready.json().await.unwrap();
    assert_eq!(ready["checks"]["database"], "ok");
    assert_eq!(ready["checks"]["broker"], "ok");

    let schema: Value = s.get("/schema").send().await.unwrap().json().await.unwrap();
    assert!(schema["openapi"].as_str().unwrap().starts_with("3."));
    assert!(schema["paths"]["/health/ready"].is_object());
    assert!(schema["components"]["securitySchemes"]["bearer"].is_object());

    let docs = s.get("/docs/").send().await.unwrap();
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.unwrap().contains("swagger"));
    let asset = s.get("/docs/swagger-ui-bundle.js").send().await.unwrap();
    assert_eq!(
        asset.status(),
        200,
        "Swagger UI is served from the binary, not a CDN"
    );

    let metrics = s
        .get("/metrics")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("http_requests_total"), "{metrics}");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_not_valid_yet_is_refused() {
    let s = Server::start(&[]).await;
    let now = chrono::Utc::now().timestamp();
    let claims = |nbf: i64| {
        json!({"user_id": 7, "user_type": "staff", "token_type": "access",
               "exp": now + 3600, "nbf": nbf, "roles": ["tts:Admin"]})
    };
    let future = s.get("/whoami").bearer_auth(hs256_with(claims(now + 600)));
    let (status, body) = error_of(future.send().await.unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        body["error"]["message"].as_str().unwrap().contains("nbf"),
        "{body}"
    );
    let valid = s.get("/whoami").bearer_auth(hs256_with(claims(now - 5)));
    assert_eq!(valid.send().await.unwrap().status(), StatusCode::OK);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn during_a_key_rotation_both_keys_verify_and_no_other() {
    let new_secret = "the-new-secret-of-the-auth-service-0001";
    let s = Server::start(&[
        ("jwt_secret", new_secret),
        ("jwt_previous_secret", DEVELOPMENT_JWT_SECRET),
    ])
    .await;
    let claims = Claims::access(7, UserType::Staff, vec![], 600);
    for (secret, expected) in [
        (new_secret, StatusCode::OK),
        (DEVELOPMENT_JWT_SECRET, StatusCode::OK),
        (
            "some-other-secret-nobody-configured-00",
            StatusCode::UNAUTHORIZED,
        ),
    ] {
        let response = s
            .get("/whoami")
            .bearer_auth(issue_hs256(secret, &claims))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), expected, "signed with {secret}");
    }
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_service_key_without_the_scope_is_403_naming_it() {
    let s = Server::start(&[(
        "service_api_keys",
        "upserter=upserter-key-0123456789 helpdesk:upsert,reader=reader-key-0123456789 tickets:read",
    )])
    .await;
    let call = |key: &str| s.get("/machine/tickets").header("x-api-key", key).send();
    let (status, body) = error_of(call("upserter-key-0123456789").await.unwrap()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("tickets:read"),
        "{body}"
    );
    assert_eq!(
        call("reader-key-0123456789").await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        call("unknown-key-0123456789").await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn nul_characters_are_refused_naming_every_field_and_paths_with_one_are_404() {
    let s = Server::start(&[]).await;
    let (status, body) = error_of(
        s.post("/nested")
            .header("content-type", "application/json")
            .body(r#"{"subject":"a\u0000b","data":{"k\u0000":1,"list":["ok","x\u0000"]}}"#)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "validation_failed");
    let mut fields: Vec<&str> = tts_shared::testing::error_fields(&body);
    fields.sort();
    assert_eq!(
        fields,
        ["data.k\\u0000", "data.list[1]", "subject"],
        "{body}"
    );

    // An escaped backslash before `u0000` is not a NUL: it passes.
    let ok = s
        .post("/nested")
        .header("content-type", "application/json")
        .body(r#"{"subject":"C:\\u0000dir"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    let echoed: Value = ok.json().await.unwrap();
    assert_eq!(echoed["subject"], "C:\\u0000dir");

    let (status, body) = error_of(s.get("/search?limit=1&q=a%00b").send().await.unwrap()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["fields"][0]["field"], "q");

    let (status, _) = error_of(s.get("/items/1%00").send().await.unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cookie_authenticated_socket_handshake_from_a_foreign_origin_is_refused() {
    let s = Server::start(&[("cors_allowed_origins", "https://console.example.com")]).await;
    let token = token_for(&["tts:Agent"]);
    let cookie = format!("access_token={token}");
    let with_origin = |origin: &str| {
        s.get("/socket-user")
            .header("cookie", &cookie)
            .header("origin", origin)
            .send()
    };
    let (status, body) = error_of(with_origin("https://evil.example").await.unwrap()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("evil.example"),
        "{body}"
    );
    assert_eq!(
        with_origin("https://console.example.com")
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    // A bearer token or `?token=` is not sent by a browser on its own: no origin rule applies.
    let bearer = s
        .get("/socket-user")
        .bearer_auth(&token)
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(bearer.status(), StatusCode::OK);
    let query = s
        .get(&format!("/socket-user?token={token}"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    let body: Value = query.json().await.unwrap();
    assert_eq!(body["user_id"], 7);
    assert!(body["expires_at"].as_i64().unwrap() > chrono::Utc::now().timestamp());
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_consoles_origin_may_call_with_credentials_and_another_origin_gets_no_cors_headers() {
    let s = Server::start(&[("cors_allowed_origins", "http://localhost:1000")]).await;
    let preflight = |origin: &str| {
        s.http
            .request(reqwest::Method::OPTIONS, format!("{}/admin", s.base))
            .header("origin", origin)
            .header("access-control-request-method", "PATCH")
            .header(
                "access-control-request-headers",
                "idempotency-key, if-match, content-type",
            )
            .send()
    };
    let allowed = preflight("http://localhost:1000").await.unwrap();
    assert_eq!(allowed.status(), StatusCode::NO_CONTENT);
    let h = allowed.headers();
    assert_eq!(h["access-control-allow-origin"], "http://localhost:1000");
    assert_eq!(h["access-control-allow-credentials"], "true");
    let allowed_headers = h["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    for wanted in [
        "idempotency-key",
        "if-match",
        "x-request-id",
        "content-type",
    ] {
        assert!(allowed_headers.contains(wanted), "{allowed_headers}");
    }
    assert!(
        h["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .contains("PATCH")
    );

    let foreign = preflight("https://evil.example").await.unwrap();
    assert!(
        !foreign
            .headers()
            .contains_key("access-control-allow-origin"),
        "{:?}",
        foreign.headers()
    );

    let call = s
        .get("/whoami")
        .header("origin", "http://localhost:1000")
        .bearer_auth(token_for(&[]))
        .send()
        .await
        .unwrap();
    assert_eq!(call.status(), StatusCode::OK);
    assert_eq!(
        call.headers()["access-control-allow-origin"],
        "http://localhost:1000"
    );
    let exposed = call.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(
        exposed.contains("etag") && exposed.contains("x-request-id"),
        "{exposed}"
    );
    s.finish().await;
}
