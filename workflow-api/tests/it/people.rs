//! `GET /people/?ids=`: who of the asked staff holds a TTS role, for the messaging service (API
//! key with `people:read`) and for staff agents.

use reqwest::Method;
use serde_json::{Value, json};
use tts_shared::auth::UserType;
use tts_shared::testing::{self, HELPDESK_KEY, TestService};

use crate::{admin, agent, get, send, start_with};

const PEOPLE_KEY: &str = "test-messaging-key-0123456789";

async fn start() -> TestService {
    let keys = format!(
        "messaging={PEOPLE_KEY} people:read,helpdesk={HELPDESK_KEY} helpdesk:upsert tickets:read"
    );
    let s = start_with(&[("service_api_keys", keys.as_str())]).await;
    // Ana (7) is in two roles, Ben (8) is an inactive member, 9 was added without name or e-mail.
    for (role, name) in [(4, "Asset Manager"), (5, "Approvers")] {
        let (status, body) = send(
            &s,
            Method::PUT,
            &admin(),
            &format!("/roles/{role}/"),
            json!({"name": name}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    for (role, user, member) in [
        (
            4,
            7,
            json!({"user_full_name": "Ana Cruz", "user_email": "ana@example.com"}),
        ),
        (
            5,
            7,
            json!({"user_full_name": "Ana Cruz", "user_email": "ana@example.com"}),
        ),
        (
            4,
            8,
            json!({"user_full_name": "Ben Ortiz", "user_email": "ben@example.com", "is_active": false}),
        ),
        (5, 9, json!({})),
    ] {
        let path = format!("/roles/{role}/members/{user}/");
        let (status, body) = send(&s, Method::PUT, &admin(), &path, member).await;
        assert_eq!(status, 200, "{body}");
    }
    s
}

async fn with_key(s: &TestService, key: &str, path: &str) -> (u16, Value) {
    let r = s
        .http
        .get(s.url(path))
        .header("x-api-key", key)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_key_with_people_read_learns_which_ids_hold_an_active_tts_role() {
    let s = start().await;
    let (status, people) = with_key(&s, PEOPLE_KEY, "/people/?ids=9,7,8,55").await;
    assert_eq!(status, 200, "{people}");
    assert_eq!(
        people,
        json!({"items": [
            {"user_id": 7, "full_name": "Ana Cruz", "email": "ana@example.com"},
            {"user_id": 9, "full_name": null, "email": null},
        ]}),
        "once each, by id; the inactive member (8) and the stranger (55) are not listed"
    );

    // Staff agents may ask too (mention autocomplete in the console).
    let (status, people) = get(&s, &agent(3), "/people/?ids=7").await;
    assert_eq!(
        (status, people["items"][0]["user_id"].as_i64()),
        (200, Some(7)),
        "{people}"
    );

    // Deactivating Ana's last active membership takes her out.
    for role in [4, 5] {
        let path = format!("/roles/{role}/members/7/");
        let (status, _) = send(
            &s,
            Method::PUT,
            &admin(),
            &path,
            json!({"is_active": false}),
        )
        .await;
        assert_eq!(status, 200);
    }
    let (_, people) = with_key(&s, PEOPLE_KEY, "/people/?ids=7").await;
    assert_eq!(people, json!({"items": []}));
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn people_needs_the_scope_or_a_staff_agent_and_a_valid_list_of_ids() {
    let s = start().await;
    let (status, e) = with_key(&s, HELPDESK_KEY, "/people/?ids=7").await;
    assert_eq!(status, 403, "a key without people:read: {e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("people:read"),
        "{e}"
    );
    let employee = testing::token(7, UserType::Employee, &["tts:Agent"]);
    assert_eq!(
        get(&s, &employee, "/people/?ids=7").await.0,
        403,
        "an employee"
    );
    let other_system = testing::token(7, UserType::Staff, &["hdts:Agent"]);
    assert_eq!(
        get(&s, &other_system, "/people/?ids=7").await.0,
        403,
        "staff without a tts role"
    );
    let anonymous = s.http.get(s.url("/people/?ids=7")).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    assert_eq!(
        with_key(&s, "not-a-configured-key-0123456789", "/people/?ids=7")
            .await
            .0,
        401
    );

    let too_many = (1..=201)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let most = (1..=200)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    assert_eq!(
        with_key(&s, PEOPLE_KEY, &format!("/people/?ids={most}"))
            .await
            .0,
        200,
        "200 ids"
    );
    for query in [
        "",
        "?ids=",
        "?ids=0",
        "?ids=-3",
        "?ids=7,x",
        "?ids=7,,8",
        &format!("?ids={too_many}"),
    ] {
        let (status, e) = with_key(&s, PEOPLE_KEY, &format!("/people/{query}")).await;
        assert_eq!(status, 422, "{query}: {e}");
        assert_eq!(e["error"]["fields"][0]["field"], "ids", "{query}: {e}");
    }

    let schema: Value = s
        .http
        .get(s.url("/schema"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let operation = &schema["paths"]["/people/"]["get"];
    for code in ["200", "401", "403", "422"] {
        assert!(
            operation["responses"][code].is_object(),
            "{code} documented: {operation}"
        );
    }
    assert_eq!(
        operation["security"],
        json!([{"api_key": []}, {"bearer": []}])
    );
    s.finish().await;
}
