//! The security suite: the whole system from its four binaries, probed the way an attacker would.
//! Every operation is taken from the services' own `/schema`, so an endpoint added later is
//! checked without anyone listing it here.
//!
//! - tokens: every forged, expired, premature or misshapen JWT is 401 on every service, however
//!   it is sent; `?token=` works on the two socket routes only; a cookie-authenticated socket from
//!   a foreign `Origin` is 403;
//! - the role matrix: no credentials 401 (except the platform routes), employees 403 on the whole
//!   workflow API, machine keys and people's tokens each only where documented;
//! - service API keys do only what their scopes say;
//! - NUL characters and other hostile input are refused as 4xx naming the field, never a 500;
//! - internal comments never reach a requester or a staff member without a TTS role: not in
//!   notifications, e-mails, thread lists, details or sockets;
//! - every error is the JSON envelope `{"error":{"code","message","fields"?},"request_id"}`.
//!
//! Each test collects every violation it finds and fails once, listing all of them.

use std::time::Duration;

use hmac::{Hmac, Mac};
use reqwest::Method;
use serde_json::{Value, json};
use sha2::{Sha256, Sha384};
use tts_shared::auth::{Claims, SystemRole, UserType, issue_rs256};
use tts_shared::config::DEVELOPMENT_JWT_SECRET;
use tts_shared::testing::{self, HELPDESK_KEY, ServiceProcess, WsClient, eventually};
use tts_system::openapi::{self, Operation, TICKET_NUMBER};
use tts_system::{AGENT, MESSAGING_KEY, SPECIALIST, System, staff_token};

const WAIT: Duration = Duration::from_secs(30);
/// The default of `cors_allowed_origins`.
const ALLOWED_ORIGIN: &str = "http://localhost:1000";

// ---------------------------------------------------------------------------------------------
// Helpers

/// Everything a test found wrong; the test fails once at the end, listing all of it.
#[derive(Default)]
struct Findings(Vec<String>);

impl Findings {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.0.push(what());
        }
    }

    fn assert_none(self, suite: &str) {
        assert!(
            self.0.is_empty(),
            "{suite}: {} problem(s):\n  - {}",
            self.0.len(),
            self.0.join("\n  - ")
        );
    }
}

/// One HTTP answer.
struct Answer {
    status: u16,
    body: Value,
    text: String,
}

async fn send(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.expect("the service answers");
    let status = response.status().as_u16();
    let text = response.text().await.unwrap_or_default();
    Answer {
        status,
        body: serde_json::from_str(&text).unwrap_or(Value::Null),
        text,
    }
}

/// Why an error answer is not the one envelope, if it is not.
fn envelope_problem(a: &Answer) -> Option<String> {
    if a.status < 400 {
        return None;
    }
    let e = &a.body["error"];
    let fields_ok = e["fields"].is_null()
        || e["fields"]
            .as_array()
            .is_some_and(|f| f.iter().all(|x| x["field"].is_string()));
    let ok = e["code"].is_string()
        && e["message"].is_string()
        && fields_ok
        && a.body["request_id"].is_string();
    (!ok).then(|| {
        format!(
            "{} is not the error envelope: {}",
            a.status,
            a.text.chars().take(300).collect::<String>()
        )
    })
}

/// The field names an error names.
fn error_fields(a: &Answer) -> Vec<String> {
    a.body["error"]["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["field"].as_str().map(str::to_string))
        .collect()
}

fn short(a: &Answer) -> String {
    format!(
        "{} {}",
        a.status,
        a.text.chars().take(200).collect::<String>()
    )
}

/// The four services by name.
fn services(sys: &System) -> [(&'static str, &ServiceProcess); 4] {
    [
        ("ticket-service", &sys.tickets),
        ("workflow-api", &sys.workflow),
        ("messaging", &sys.messaging),
        ("notification-service", &sys.notifications),
    ]
}

async fn schema(http: &reqwest::Client, service: &ServiceProcess) -> Value {
    let a = send(http.get(service.url("/schema"))).await;
    assert_eq!(a.status, 200, "/schema is public: {}", short(&a));
    a.body
}

/// A request for `op` at `path` with a minimal body: `{}` for JSON, one small text file for
/// multipart.
fn request_for(
    http: &reqwest::Client,
    service: &ServiceProcess,
    op: &Operation,
    path: &str,
) -> reqwest::RequestBuilder {
    let request = http.request(op.method.clone(), service.url(path));
    if op.multipart {
        let boundary = "tts-security-boundary";
        let body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\
             Content-Type: text/plain\r\n\r\nhello\r\n--{boundary}--\r\n"
        );
        request
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(body)
    } else if op.json_body {
        let body = if op.body_array { json!([]) } else { json!({}) };
        request.json(&body)
    } else {
        request
    }
}

fn admin_everywhere() -> String {
    testing::token(
        tts_system::ADMIN,
        UserType::Staff,
        &["tts:Admin", "hdts:Admin"],
    )
}

// ---------------------------------------------------------------------------------------------
// Forged tokens

fn b64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

enum Sign<'a> {
    Unsigned,
    Hs256(&'a str),
    Hs384(&'a str),
}

fn jwt(header: &Value, claims: &Value, sign: Sign) -> String {
    let input = format!(
        "{}.{}",
        b64url(header.to_string().as_bytes()),
        b64url(claims.to_string().as_bytes())
    );
    let signature = match sign {
        Sign::Unsigned => vec![],
        Sign::Hs256(key) => {
            let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("any key");
            mac.update(input.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        Sign::Hs384(key) => {
            let mut mac = Hmac::<Sha384>::new_from_slice(key.as_bytes()).expect("any key");
            mac.update(input.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
    };
    format!("{input}.{}", b64url(&signature))
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Claims every service would accept: a staff admin holding every role the probes need.
fn good_claims() -> Value {
    json!({
        "user_id": tts_system::ADMIN, "user_type": "staff", "token_type": "access",
        "exp": now() + 3600, "iat": now(), "roles": ["tts:Admin", "hdts:Admin"],
    })
}

fn with(claims: &Value, change: impl FnOnce(&mut serde_json::Map<String, Value>)) -> Value {
    let mut claims = claims.clone();
    if let Some(map) = claims.as_object_mut() {
        change(map);
    }
    claims
}

fn valid_token() -> String {
    jwt(
        &json!({"alg": "HS256", "typ": "JWT"}),
        &good_claims(),
        Sign::Hs256(DEVELOPMENT_JWT_SECRET),
    )
}

/// Every token that must be refused, by what is wrong with it.
fn bad_tokens() -> Vec<(&'static str, String)> {
    let hs = json!({"alg": "HS256", "typ": "JWT"});
    let key = Sign::Hs256(DEVELOPMENT_JWT_SECRET);
    let good = good_claims();
    let signed = |claims: Value| jwt(&hs, &claims, Sign::Hs256(DEVELOPMENT_JWT_SECRET));
    let rs256 = issue_rs256(
        &std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/tests/fixtures/rs256-private.pem"
        ))
        .expect("the RS256 test key"),
        &Claims::access(
            tts_system::ADMIN,
            UserType::Staff,
            vec![
                SystemRole::new("tts", "Admin"),
                SystemRole::new("hdts", "Admin"),
            ],
            3600,
        ),
    )
    .expect("an RS256 token");
    let valid = valid_token();
    let stripped = format!("{}.", valid.rsplit_once('.').map_or("", |(head, _)| head));
    vec![
        (
            "alg none",
            jwt(&json!({"alg": "none", "typ": "JWT"}), &good, Sign::Unsigned),
        ),
        (
            "alg None, signed anyway",
            jwt(&json!({"alg": "None", "typ": "JWT"}), &good, key),
        ),
        ("signature stripped", stripped),
        (
            "signed with a wrong key",
            jwt(
                &hs,
                &good,
                Sign::Hs256("another-secret-that-is-long-enough-0123456789"),
            ),
        ),
        (
            "HS384 with the right key",
            jwt(
                &json!({"alg": "HS384", "typ": "JWT"}),
                &good,
                Sign::Hs384(DEVELOPMENT_JWT_SECRET),
            ),
        ),
        ("RS256 while HS256 is configured", rs256),
        (
            "expired exp",
            signed(with(&good, |c| {
                c.insert("exp".into(), json!(now() - 120));
            })),
        ),
        (
            "missing exp",
            signed(with(&good, |c| {
                c.remove("exp");
            })),
        ),
        (
            "nbf 5 minutes ahead",
            signed(with(&good, |c| {
                c.insert("nbf".into(), json!(now() + 300));
            })),
        ),
        (
            "refresh token",
            signed(with(&good, |c| {
                c.insert("token_type".into(), json!("refresh"));
            })),
        ),
        (
            "no token_type",
            signed(with(&good, |c| {
                c.remove("token_type");
            })),
        ),
        (
            "user_id a string",
            signed(with(&good, |c| {
                c.insert("user_id".into(), json!("1 OR 1=1"));
            })),
        ),
        (
            "missing user_id",
            signed(with(&good, |c| {
                c.remove("user_id");
            })),
        ),
        (
            "unknown user_type",
            signed(with(&good, |c| {
                c.insert("user_type".into(), json!("root"));
            })),
        ),
        (
            "roles not a list",
            signed(with(&good, |c| {
                c.insert("roles".into(), json!("tts:Admin"));
            })),
        ),
        (
            "exp a string",
            signed(with(&good, |c| {
                c.insert("exp".into(), json!("never"));
            })),
        ),
        ("claims a list", signed(json!(["tts:Admin"]))),
        ("garbage", "garbage".into()),
        ("three garbage segments", "a.b.c".into()),
        ("empty", String::new()),
    ]
}

/// How a token travels.
#[derive(Clone, Copy, Debug)]
enum Way {
    Bearer,
    Cookie,
    Query,
}

fn with_token(request: reqwest::RequestBuilder, way: Way, token: &str) -> reqwest::RequestBuilder {
    match way {
        Way::Bearer => request.header("authorization", format!("Bearer {token}")),
        Way::Cookie => request.header("cookie", format!("theme=dark; access_token={token}")),
        Way::Query => {
            let (client, built) = request.build_split();
            let mut built = built.expect("a request");
            built
                .url_mut()
                .query_pairs_mut()
                .append_pair("token", token);
            reqwest::RequestBuilder::from_parts(client, built)
        }
    }
}

/// A WebSocket handshake, answered with its HTTP status (101 when accepted).
fn handshake(http: &reqwest::Client, url: String) -> reqwest::RequestBuilder {
    http.get(url)
        .header("connection", "Upgrade")
        .header("upgrade", "websocket")
        .header("sec-websocket-version", "13")
        .header("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")
}

// ---------------------------------------------------------------------------------------------
// Tests

#[tokio::test(flavor = "multi_thread")]
async fn only_valid_access_tokens_authenticate_on_every_service_and_route() {
    let sys = System::start(&[]).await;
    let http = testing::http_client();
    let mut found = Findings::default();
    // One authenticated route per service, answered 200 to a valid admin token.
    let thread = format!("/tickets/{TICKET_NUMBER}/comments/");
    let routes: [(&str, &ServiceProcess, &str); 4] = [
        ("ticket-service", &sys.tickets, "/tickets/"),
        ("workflow-api", &sys.workflow, "/roles/"),
        ("messaging", &sys.messaging, &thread),
        (
            "notification-service",
            &sys.notifications,
            "/notifications/",
        ),
    ];
    let socket_route = format!("/ws/tickets/{TICKET_NUMBER}/");
    let sockets: [(&str, &ServiceProcess, &str); 2] = [
        ("messaging", &sys.messaging, &socket_route),
        (
            "notification-service",
            &sys.notifications,
            "/ws/notifications/",
        ),
    ];
    let bad = bad_tokens();
    let valid = valid_token();

    for (service, process, path) in routes {
        for way in [Way::Bearer, Way::Cookie] {
            let a = send(with_token(http.get(process.url(path)), way, &valid)).await;
            found.check(a.status == 200, || {
                format!(
                    "{service} GET {path}: a valid token as {way:?} → {}",
                    short(&a)
                )
            });
            for (what, token) in &bad {
                let a = send(with_token(http.get(process.url(path)), way, token)).await;
                found.check(a.status == 401, || {
                    format!("{service} GET {path}: {what} as {way:?} → {}", short(&a))
                });
                if let Some(p) = envelope_problem(&a) {
                    found.0.push(format!("{service} GET {path}: {p}"));
                }
            }
        }
        // `?token=` is for sockets only: on an API route even a valid one is no login.
        let a = send(with_token(http.get(process.url(path)), Way::Query, &valid)).await;
        found.check(a.status == 401, || {
            format!(
                "{service} GET {path}: a valid ?token= on an API route → {}",
                short(&a)
            )
        });
        // A token issued with `nbf` a little ahead is within the 30 s leeway.
        let early = jwt(
            &json!({"alg": "HS256", "typ": "JWT"}),
            &with(&good_claims(), |c| {
                c.insert("nbf".into(), json!(now() + 10));
            }),
            Sign::Hs256(DEVELOPMENT_JWT_SECRET),
        );
        let a = send(with_token(http.get(process.url(path)), Way::Bearer, &early)).await;
        found.check(a.status == 200, || {
            format!(
                "{service} GET {path}: nbf 10 s ahead (within leeway) → {}",
                short(&a)
            )
        });
    }

    for (service, process, path) in sockets {
        for way in [Way::Bearer, Way::Cookie, Way::Query] {
            let a = send(with_token(handshake(&http, process.url(path)), way, &valid)).await;
            found.check(a.status == 101, || {
                format!(
                    "{service} socket {path}: a valid token as {way:?} → {}",
                    short(&a)
                )
            });
            for (what, token) in &bad {
                let a = send(with_token(handshake(&http, process.url(path)), way, token)).await;
                found.check(a.status == 401, || {
                    format!("{service} socket {path}: {what} as {way:?} → {}", short(&a))
                });
                if let Some(p) = envelope_problem(&a) {
                    found.0.push(format!("{service} socket {path}: {p}"));
                }
            }
        }
        let a = send(handshake(&http, process.url(path))).await;
        found.check(a.status == 401, || {
            format!("{service} socket {path}: no token → {}", short(&a))
        });
        // Another site cannot open a socket with the person's cookie.
        for (origin, expected) in [
            ("https://evil.example", 403),
            ("null", 403),
            ("http://localhost:1000.evil.example", 403),
            (ALLOWED_ORIGIN, 101),
        ] {
            let request = with_token(handshake(&http, process.url(path)), Way::Cookie, &valid)
                .header("origin", origin);
            let a = send(request).await;
            found.check(a.status == expected, || {
                format!(
                    "{service} socket {path}: cookie from Origin {origin} → {} (want {expected})",
                    short(&a)
                )
            });
            if let Some(p) = envelope_problem(&a) {
                found.0.push(format!("{service} socket {path}: {p}"));
            }
        }
    }
    sys.finish().await;
    found.assert_none("tokens");
}

/// What a caller presents.
enum Credential<'a> {
    None,
    Bearer(&'a str),
    ApiKey(&'a str),
}

impl Credential<'_> {
    fn apply(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match self {
            Credential::None => request,
            Credential::Bearer(token) => request.bearer_auth(token),
            Credential::ApiKey(key) => request.header("x-api-key", *key),
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_documented_operation_refuses_callers_without_the_right_credentials() {
    let sys = System::start(&[]).await;
    let http = testing::http_client();
    let mut found = Findings::default();
    let employee_admin = testing::token(500, UserType::Employee, &["tts:Admin"]);
    let staff_admin = admin_everywhere();
    let unsigned = jwt(
        &json!({"alg": "none", "typ": "JWT"}),
        &good_claims(),
        Sign::Unsigned,
    );
    for (service, process) in services(&sys) {
        for path in ["/schema", "/docs/"] {
            let a = send(http.get(process.url(path))).await;
            found.check(a.status == 200, || {
                format!("{service} GET {path} without credentials → {}", short(&a))
            });
        }
        let doc = schema(&http, process).await;
        let operations = openapi::operations(&doc);
        assert!(operations.len() > 3, "{service} documents its operations");
        for op in &operations {
            let label = format!("{service} {}", op.label());
            let path = op.concrete_path();
            if op.is_sign_in_route() {
                continue;
            }
            if op.is_public_platform_route() {
                let anonymous = send(request_for(&http, process, op, &path)).await;
                found.check(anonymous.status == 200, || {
                    format!(
                        "{label} (public) without credentials → {}",
                        short(&anonymous)
                    )
                });
                continue;
            }
            found.check(!op.security.is_empty(), || {
                format!("{label} documents no `security` but is not a public platform route")
            });
            // (who calls, how, which answers refuse them properly)
            let mut callers: Vec<(&str, Credential, &[u16])> = vec![
                ("without credentials", Credential::None, &[401]),
                (
                    "with an alg-none token",
                    Credential::Bearer(&unsigned),
                    &[401],
                ),
            ];
            // Employees have no business in the workflow API, whatever roles they claim; only
            // "who am I" answers everyone with a valid token (the console asks it first).
            if service == "workflow-api" && op.path != "/me/" {
                let refused: &[u16] = if op.api_key_only() {
                    &[401, 403]
                } else {
                    &[403]
                };
                callers.push((
                    "with an employee token claiming tts:Admin",
                    Credential::Bearer(&employee_admin),
                    refused,
                ));
            }
            if op.api_key_only() {
                // A machine endpoint: a person's token, even an admin's, is not a key.
                callers.push((
                    "(api_key only) with an admin bearer token",
                    Credential::Bearer(&staff_admin),
                    &[401, 403],
                ));
            }
            if op.bearer_only() {
                // A person's endpoint: a service key, whatever its scopes, is nobody.
                for key in [HELPDESK_KEY, MESSAGING_KEY] {
                    callers.push((
                        "(bearer only) with a service API key",
                        Credential::ApiKey(key),
                        &[401, 403],
                    ));
                }
            }
            for (who, credential, refused) in callers {
                let a = send(credential.apply(request_for(&http, process, op, &path))).await;
                found.check(refused.contains(&a.status), || {
                    format!("{label} {who} → {} (want {refused:?})", short(&a))
                });
                if let Some(p) = envelope_problem(&a) {
                    found.0.push(format!("{label} {who}: {p}"));
                }
            }
        }
    }
    sys.finish().await;
    found.assert_none("role matrix");
}

#[tokio::test(flavor = "multi_thread")]
async fn service_api_keys_do_only_what_their_scopes_say() {
    let sys = System::start(&[]).await;
    let http = testing::http_client();
    let mut found = Findings::default();
    let mut helpdesk_ticket: Value = serde_json::from_str::<Value>(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/tests/fixtures/celery/receive_ticket.json"
        ))
        .expect("the helpdesk fixture"),
    )
    .expect("JSON")["body"][0][0]
        .clone();
    helpdesk_ticket["ticket_number"] = json!("TX-SCOPES-0001");
    let upsert = sys.tickets.url("/tickets/send/");
    let read = sys.tickets.url("/tickets/TX-SCOPES-0001/");
    let people = sys.workflow.url(&format!("/people/?ids={AGENT}"));
    const UNKNOWN: &str = "an-unknown-key-0123456789abcdef";
    // (what, request, expected status); a known key without the scope is 403 naming it.
    let table: Vec<(&str, reqwest::RequestBuilder, u16)> = vec![
        (
            "helpdesk key upserts a ticket",
            http.post(&upsert)
                .header("x-api-key", HELPDESK_KEY)
                .json(&helpdesk_ticket),
            201,
        ),
        (
            "messaging key reads the ticket",
            http.get(&read).header("x-api-key", MESSAGING_KEY),
            200,
        ),
        (
            "messaging key may not upsert",
            http.post(&upsert)
                .header("x-api-key", MESSAGING_KEY)
                .json(&helpdesk_ticket),
            403,
        ),
        (
            "helpdesk key may not read tickets",
            http.get(&read).header("x-api-key", HELPDESK_KEY),
            403,
        ),
        (
            "unknown key may not upsert",
            http.post(&upsert)
                .header("x-api-key", UNKNOWN)
                .json(&helpdesk_ticket),
            401,
        ),
        (
            "unknown key may not read",
            http.get(&read).header("x-api-key", UNKNOWN),
            401,
        ),
        (
            "unknown key as Authorization: Api-Key",
            http.get(&read)
                .header("authorization", format!("Api-Key {UNKNOWN}")),
            401,
        ),
        (
            "a key's prefix is no key",
            http.get(&read)
                .header("x-api-key", &MESSAGING_KEY[..MESSAGING_KEY.len() - 1]),
            401,
        ),
        (
            "a key does not list tickets",
            http.get(sys.tickets.url("/tickets/"))
                .header("x-api-key", MESSAGING_KEY),
            401,
        ),
        (
            "messaging key reads the people directory (people:read)",
            http.get(&people).header("x-api-key", MESSAGING_KEY),
            200,
        ),
        (
            "helpdesk key may not read the people directory",
            http.get(&people).header("x-api-key", HELPDESK_KEY),
            403,
        ),
        (
            "unknown key may not read the people directory",
            http.get(&people).header("x-api-key", UNKNOWN),
            401,
        ),
        (
            "an agent's token reads the people directory",
            http.get(&people)
                .bearer_auth(staff_token(AGENT, "tts:Agent")),
            200,
        ),
        (
            "an employee's token may not read the people directory",
            http.get(&people)
                .bearer_auth(testing::token(500, UserType::Employee, &["tts:Admin"])),
            403,
        ),
        (
            "staff without a tts role may not read the people directory",
            http.get(&people)
                .bearer_auth(staff_token(301, "hdts:Admin")),
            403,
        ),
        (
            "nobody may read the people directory",
            http.get(&people),
            401,
        ),
    ];
    for (what, request, expected) in table {
        let a = send(request).await;
        found.check(a.status == expected, || {
            format!("{what}: want {expected}, got {}", short(&a))
        });
        let message = a.body["error"]["message"].as_str().unwrap_or_default();
        let names_scope = ["helpdesk:upsert", "tickets:read", "people:read"]
            .iter()
            .any(|scope| message.contains(scope));
        found.check(
            !(what.contains("key may not") && a.status == 403) || names_scope,
            || format!("{what}: the 403 does not name the missing scope: {message}"),
        );
        if let Some(p) = envelope_problem(&a) {
            found.0.push(format!("{what}: {p}"));
        }
    }
    sys.finish().await;
    found.assert_none("service API keys");
}

/// Hostile values for a JSON string field: none may produce a 5xx.
fn hostile_strings() -> Vec<(&'static str, Value)> {
    vec![
        ("100,000 characters", json!("x".repeat(100_000))),
        (
            "RTL override, zero-width and emoji",
            json!("\u{202E}gpj.exe\u{200F}\u{200B} 👩‍👩‍👧 😀 \u{FEFF}"),
        ),
        ("a {\"$ne\": 1} object", json!({"$ne": 1})),
        ("a list", json!(["a", "b"])),
        ("SQL", json!("'; DROP TABLE tickets; --")),
    ]
}

/// Hostile values for integer parameters (path or query).
const HOSTILE_INTEGERS: [&str; 6] = [
    "-9223372036854775808",
    "9223372036854775808",
    "99999999999999999999999999",
    "1e309",
    "-1",
    "0x10",
];

/// Sends hostile requests as the admin (so they reach validation) and records what comes back
/// wrong: any 5xx, any error outside the envelope.
struct Hostile {
    admin: String,
    found: Findings,
    requests: usize,
}

impl Hostile {
    async fn send(
        &mut self,
        label: &str,
        what: String,
        request: reqwest::RequestBuilder,
    ) -> Answer {
        self.requests += 1;
        let a = send(request.bearer_auth(&self.admin)).await;
        self.found
            .check(a.status < 500, || format!("{label} {what} → {}", short(&a)));
        if let Some(p) = envelope_problem(&a) {
            self.found.0.push(format!("{label} {what}: {p}"));
        }
        a
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn nul_bytes_and_hostile_input_are_refused_by_name_never_with_a_500() {
    let sys = System::start(&[]).await;
    let http = testing::http_client();
    let mut hostile = Hostile {
        admin: admin_everywhere(),
        found: Findings::default(),
        requests: 0,
    };
    for (service, process) in services(&sys) {
        let doc = schema(&http, process).await;
        for op in openapi::operations(&doc) {
            if op.is_public_platform_route() || op.is_sign_in_route() {
                continue;
            }
            let label = format!("{service} {}", op.label());
            let path = op.concrete_path();

            // A NUL in each string of the JSON body: 422 naming it.
            if op.json_body {
                let mut fields = op.body_string_fields.clone();
                if fields.is_empty() && !op.body_array {
                    fields.push("note".into()); // a free-form object: any key
                }
                for field in &fields {
                    let one = json!({ field.as_str(): "a\u{0000}b" });
                    let body = if op.body_array { json!([one]) } else { one };
                    let request = http
                        .request(op.method.clone(), process.url(&path))
                        .json(&body);
                    let a = hostile
                        .send(&label, format!("NUL in body field `{field}`"), request)
                        .await;
                    let named = error_fields(&a).iter().any(|f| f.contains(field.as_str()));
                    hostile.found.check(a.status == 422 && named, || {
                        format!(
                            "{label}: NUL in body field `{field}` → {} (want 422 naming it)",
                            short(&a)
                        )
                    });
                    for (what, value) in hostile_strings() {
                        let one = json!({ field.as_str(): value });
                        let body = if op.body_array { json!([one]) } else { one };
                        let request = http
                            .request(op.method.clone(), process.url(&path))
                            .json(&body);
                        hostile
                            .send(&label, format!("{what} in body field `{field}`"), request)
                            .await;
                    }
                }
                // A lone surrogate is not valid JSON text.
                let request = http
                    .request(op.method.clone(), process.url(&path))
                    .header("content-type", "application/json")
                    .body(r#"{"subject": "\ud800"}"#);
                hostile
                    .send(&label, "a lone surrogate in the body".into(), request)
                    .await;
            }

            // Query parameters: NUL in strings (422 naming it), out-of-range integers.
            for param in op.query_params() {
                let name = &param.name;
                if param.kind == "string" || param.kind == "other" {
                    let url = format!("{}?{name}=a%00b", process.url(&path));
                    let request = http.request(op.method.clone(), url);
                    let a = hostile
                        .send(&label, format!("NUL in query `{name}`"), request)
                        .await;
                    let named = error_fields(&a).iter().any(|f| f == name);
                    hostile.found.check(a.status == 422 && named, || {
                        format!(
                            "{label}: NUL in query `{name}` → {} (want 422 naming it)",
                            short(&a)
                        )
                    });
                    let long = "x".repeat(60_000); // near the longest URI hyper sends
                    for (what, value) in [
                        ("100,000 characters", long.as_str()),
                        ("RTL and emoji", "%E2%80%AE%F0%9F%98%80"),
                    ] {
                        let url = format!("{}?{name}={value}", process.url(&path));
                        hostile
                            .send(
                                &label,
                                format!("{what} in query `{name}`"),
                                http.request(op.method.clone(), url),
                            )
                            .await;
                    }
                }
                let numeric = matches!(param.kind, "integer" | "number")
                    || ["cursor", "limit", "after", "before"].contains(&name.as_str());
                if numeric {
                    for value in HOSTILE_INTEGERS {
                        let url = format!("{}?{name}={value}", process.url(&path));
                        let request = http.request(op.method.clone(), url);
                        hostile
                            .send(&label, format!("query `{name}`={value}"), request)
                            .await;
                    }
                }
            }

            // Path parameters: NUL is 404; out-of-range integers are never a 500.
            for param in op.params.iter().filter(|p| p.location == "path") {
                let name = &param.name;
                let bad = op.path_with(Some((name, "1%00")));
                let request = request_for(&http, process, &op, &bad);
                let a = hostile
                    .send(&label, format!("NUL in path `{name}`"), request)
                    .await;
                hostile.found.check(a.status == 404, || {
                    format!("{label}: NUL in path `{name}` → {} (want 404)", short(&a))
                });
                for value in HOSTILE_INTEGERS
                    .iter()
                    .copied()
                    .chain(["%E2%80%AE%F0%9F%98%80", "..%2F..%2Fetc%2Fpasswd"])
                {
                    let bad = op.path_with(Some((name, value)));
                    let request = request_for(&http, process, &op, &bad);
                    hostile
                        .send(&label, format!("path `{name}`={value}"), request)
                        .await;
                }
            }
        }
    }
    let requests = hostile.requests;
    eprintln!("{requests} hostile requests sent");
    assert!(
        requests > 500,
        "the schemas gave too little to probe: {requests} requests"
    );
    sys.finish().await;
    hostile.found.assert_none("hostile input");
}

/// The text of an e-mail with quoted-printable soft breaks joined and base64 parts decoded, so a
/// secret cannot hide in an encoding.
fn readable(mail: &str) -> String {
    let mut text = mail.replace("=\r\n", "").replace("=\n", "");
    let mut block = String::new();
    for line in mail.lines().chain([""]) {
        let line = line.trim();
        let base64ish = line.len() >= 16
            && line
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=');
        if base64ish {
            block.push_str(line);
        } else if !block.is_empty() {
            text.push('\n');
            text.push_str(&String::from_utf8_lossy(&b64decode(&block)));
            block.clear();
        }
    }
    text
}

fn b64decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some(u32::from(c - b'A')),
            b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
            b'+' | b'-' => Some(62),
            b'/' | b'_' => Some(63),
            _ => None,
        }
    };
    let digits: Vec<u32> = text.bytes().filter_map(value).collect();
    let mut out = vec![];
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, d)| acc | (d << (18 - 6 * i)));
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

/// Waits until every notification the services wrote has been stored and every e-mail sent:
/// each in-app and e-mail message in any outbox is published and processed by the
/// notification service. What the checks after it see is then final.
async fn settled(sys: &System) {
    let outbox = |queue: &str| {
        format!("SELECT count(*) AS n FROM outbox_messages WHERE routing_key = '{queue}'")
    };
    let processed = |queue: &str| {
        format!("SELECT count(*) AS n FROM processed_messages WHERE queue = '{queue}'")
    };
    eventually("every notification and e-mail delivered", WAIT, || async {
        let mut pending = 0;
        for db in 0..4 {
            pending += sys
                .database(db)
                .count("SELECT count(*) AS n FROM outbox_messages WHERE published_at IS NULL")
                .await;
        }
        let mut done = pending == 0;
        for queue in ["INAPP_NOTIFICATION_QUEUE", "EMAIL_NOTIFICATION_QUEUE"] {
            let mut written = 0;
            for db in 0..4 {
                written += sys.database(db).count(&outbox(queue)).await;
            }
            done &= sys.database(3).count(&processed(queue)).await == written;
            // Comments were posted, so there is something to wait for.
            done &= queue != "INAPP_NOTIFICATION_QUEUE" || written > 0;
        }
        done.then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn internal_comments_never_reach_people_who_may_not_read_them() {
    const OUTSIDER: i64 = 301; // staff without any tts role, mentioned
    const STAFF_REQUESTER: i64 = 302; // staff without any tts role, requester of ticket B
    const EMPLOYEE: i64 = 500; // requester of ticket A
    let sys = System::start(&[]).await;
    sys.seed(None).await;
    let http = testing::http_client();
    let mut found = Findings::default();
    let agent = staff_token(AGENT, "tts:Agent");
    let specialist = staff_token(SPECIALIST, "tts:Agent");
    let outsider = staff_token(OUTSIDER, "hdts:Agent");
    // The outsiders have e-mail addresses, so a leak by e-mail would show.
    let directory = tts_shared::amqp::TaskMessage::new(
        "notifications.bulk_sync_user_emails",
        vec![],
        json!({"users_data": [
            {"user_id": OUTSIDER, "email": "outsider@example.com", "first_name": "Oscar", "last_name": "Out", "is_active": true},
            {"user_id": STAFF_REQUESTER, "email": "staff-requester@example.com", "first_name": "Rita", "last_name": "Req", "is_active": true},
        ]})
        .as_object()
        .cloned()
        .unwrap_or_default(),
    );
    sys.vhost.publish("USER_EMAIL_SYNC_QUEUE", &directory).await;
    let db = sys.database(3);
    eventually("the outsiders' addresses", WAIT, || async {
        let n = db.count("SELECT count(*) AS n FROM user_directory").await;
        (n == 4).then_some(())
    })
    .await;
    let outsider_addresses = ["outsider@example.com", "staff-requester@example.com"];

    let requesters = [
        (
            "an employee",
            testing::token(EMPLOYEE, UserType::Employee, &[]),
        ),
        (
            "a staff member without a tts role",
            staff_token(STAFF_REQUESTER, "hdts:Agent"),
        ),
    ];
    let mut secrets: Vec<String> = vec![];
    for (n, (who, requester)) in requesters.iter().enumerate() {
        let (status, ticket) = tts_system::call(
            &http,
            Method::POST,
            requester,
            sys.tickets.url("/tickets/"),
            json!({"subject": "Broken chair", "department": "Facilities", "category": "Furniture"}),
        )
        .await;
        assert_eq!(status, 201, "{who} creates a ticket: {ticket}");
        let number = ticket["ticket_number"]
            .as_str()
            .expect("a number")
            .to_string();
        let thread = |path: &str| sys.messaging.url(&format!("/tickets/{number}/{path}"));
        let comment = |id: i64| sys.messaging.url(&format!("/comments/{id}/"));

        // The requester watches the thread and has written in it, so is a participant.
        let mut socket = WsClient::open(
            &sys.messaging
                .ws_url(&format!("/ws/tickets/{number}/?token={requester}")),
        )
        .await;
        socket.next_of("ready", WAIT).await;
        let (status, own) = tts_system::call(
            &http,
            Method::POST,
            requester,
            thread("comments/"),
            json!({"body": "Any news?"}),
        )
        .await;
        assert_eq!(status, 201, "{who} comments on their ticket: {own}");
        let first = socket.next_of("comment.created", WAIT).await;
        assert_eq!(first["seq"], own["seq"], "{first}");
        let (status, refused) = tts_system::call(
            &http,
            Method::POST,
            requester,
            thread("comments/"),
            json!({"body": "let me in", "visibility": "internal"}),
        )
        .await;
        found.check(status == 403, || {
            format!("{who} writing an internal comment → {status} {refused}")
        });

        // Staff discuss internally: a note mentioning a colleague and an outsider, a reply that
        // asks to be public, an edit that mentions the requester.
        let secret = format!("INTERNALNOTE{n}Xq7");
        let reply_secret = format!("INTERNALREPLY{n}Zk4");
        let edit_secret = format!("INTERNALEDIT{n}Wp2");
        secrets.extend([secret.clone(), reply_secret.clone(), edit_secret.clone()]);
        let (status, note) = tts_system::call(
            &http,
            Method::POST,
            &agent,
            thread("comments/"),
            json!({
                "body": format!("{secret}: requester is difficult"), "visibility": "internal",
                "mentions": [SPECIALIST, OUTSIDER],
            }),
        )
        .await;
        assert_eq!(status, 201, "an internal note: {note}");
        let note_id = note["comment"]["id"].as_i64().expect("comment id");
        let (status, reply) = tts_system::call(&http, Method::POST, &specialist,
            sys.messaging.url(&format!("/comments/{note_id}/replies/")),
            json!({"body": format!("{reply_secret}: agreed"), "visibility": "public", "mentions": [OUTSIDER]})).await;
        assert_eq!(status, 201, "a reply to the note: {reply}");
        found.check(reply["comment"]["visibility"] == "internal", || {
            format!(
                "a reply to an internal note asked to be public is {}",
                reply["comment"]["visibility"]
            )
        });
        let reply_id = reply["comment"]["id"].as_i64().expect("reply id");
        let (status, edited) = tts_system::call(
            &http,
            Method::PATCH,
            &agent,
            comment(note_id),
            json!({
                "body": format!("{edit_secret}: requester is very difficult"),
                "mentions": [SPECIALIST, OUTSIDER, STAFF_REQUESTER],
            }),
        )
        .await;
        assert_eq!(status, 200, "editing the note: {edited}");

        // Then a public answer: the requester is told of it and sees it live, next after their own.
        let (status, public) = tts_system::call(
            &http,
            Method::POST,
            &agent,
            thread("comments/"),
            json!({
                "body": "We are ordering a new chair", "mentions": [SPECIALIST],
            }),
        )
        .await;
        assert_eq!(status, 201, "a public comment: {public}");
        let frame = socket.next_of("comment.created", WAIT).await;
        found.check(frame["seq"] == public["seq"], || {
            format!("{who}'s socket: the frame after their own is not the public answer: {frame}")
        });
        socket.close().await;
        // A socket resuming from the start replays only what the requester may see.
        let mut replay = WsClient::open(
            &sys.messaging
                .ws_url(&format!("/ws/tickets/{number}/?after=0&token={requester}")),
        )
        .await;
        let mut replayed = vec![];
        loop {
            let frame = replay.next_json(WAIT).await;
            if frame["type"] == "ready" || frame["ephemeral"] == true {
                continue;
            }
            let last = frame["seq"] == public["seq"];
            replayed.push(frame);
            if last {
                break;
            }
        }
        replay.close().await;
        let replayed = Value::Array(replayed).to_string();
        for s in [&secret, &reply_secret, &edit_secret] {
            found.check(!replayed.contains(s.as_str()), || {
                format!("{who}'s replaying socket carries `{s}`: {replayed}")
            });
        }

        // What the requester can read over HTTP.
        let (status, list) = tts_system::call(
            &http,
            Method::GET,
            requester,
            thread("comments/"),
            Value::Null,
        )
        .await;
        assert_eq!(status, 200, "{who} lists the thread: {list}");
        let text = list.to_string();
        for s in [&secret, &reply_secret, &edit_secret] {
            found.check(!text.contains(s.as_str()), || {
                format!("{who}'s thread list carries `{s}`: {text}")
            });
        }
        found.check(!text.contains("\"internal\""), || {
            format!("{who}'s thread list shows an internal comment: {text}")
        });
        for id in [note_id, reply_id] {
            let (status, body) =
                tts_system::call(&http, Method::GET, requester, comment(id), Value::Null).await;
            found.check(status == 404, || {
                format!("{who} reads internal comment {id} → {status} {body}")
            });
        }
        // Staff still see it all (the checks above are not vacuous).
        let (_, staff_view) =
            tts_system::call(&http, Method::GET, &agent, thread("comments/"), Value::Null).await;
        assert!(
            staff_view.to_string().contains(&edit_secret),
            "staff see the note: {staff_view}"
        );
    }

    settled(&sys).await;
    // In-app notifications: the authorised colleague was told; the requesters and the outsiders
    // hear nothing of the notes.
    let notifications = |token: String| {
        let http = http.clone();
        let url = sys.notifications.url("/notifications/?limit=200");
        async move {
            let (status, page) =
                tts_system::call(&http, Method::GET, &token, url, Value::Null).await;
            assert_eq!(status, 200, "{page}");
            page
        }
    };
    let colleague = notifications(specialist.clone()).await;
    found.check(colleague.to_string().contains("mention"), || {
        format!("the mentioned colleague with a tts role was not told (the pipeline is broken?): {colleague}")
    });
    for (who, token) in [
        (
            "the employee requester",
            testing::token(EMPLOYEE, UserType::Employee, &[]),
        ),
        (
            "the staff requester",
            staff_token(STAFF_REQUESTER, "hdts:Agent"),
        ),
        ("the mentioned outsider", outsider.clone()),
    ] {
        let page = notifications(token).await;
        let text = page.to_string();
        for s in &secrets {
            found.check(!text.contains(s.as_str()), || {
                format!("{who}'s notifications carry `{s}`: {text}")
            });
        }
        let mentions = page["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|n| n["notification_type"] == "mention")
            .count();
        found.check(mentions == 0, || {
            format!("{who} was told of a mention in a note they may not read: {text}")
        });
    }
    // E-mails: none to an outsider carries a note; none at all carries one outside staff inboxes.
    for mail in sys.smtp.messages() {
        let text = readable(&mail);
        let to_outsider = outsider_addresses.iter().any(|a| mail.contains(a));
        for s in &secrets {
            found.check(!(to_outsider && text.contains(s.as_str())), || {
                format!("an e-mail to an outsider carries `{s}`:\n{mail}")
            });
        }
        // The mentioned outsider is named only in notes: any e-mail to them is a leak.
        found.check(!mail.contains(outsider_addresses[0]), || {
            format!("the mentioned outsider was e-mailed:\n{mail}")
        });
    }
    sys.finish().await;
    found.assert_none("internal comments");
}
