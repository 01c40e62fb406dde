//! `GET /me/`: the caller as their token describes them, for any valid token.

use serde_json::json;
use tts_shared::auth::{Claims, SystemRole, UserType, issue_hs256};
use tts_shared::config::DEVELOPMENT_JWT_SECRET;

use crate::{get, start};

fn token_of(claims: &Claims) -> String {
    issue_hs256(DEVELOPMENT_JWT_SECRET, claims)
}

#[tokio::test(flavor = "multi_thread")]
async fn me_answers_what_the_token_says_for_staff_and_employees_alike() {
    let s = start().await;

    let mut agent = Claims::access(
        11,
        UserType::Staff,
        vec![
            SystemRole::new("tts", "Service Desk Agent"),
            SystemRole::new("hdts", "Ticket Coordinator"),
        ],
        3600,
    );
    agent.full_name = Some("Ana Cruz".into());
    agent.email = Some("ana.cruz@example.com".into());
    agent.username = Some("ana.cruz".into());
    let (status, body) = get(&s, &token_of(&agent), "/me/").await;
    assert_eq!(status, 200, "{body}");
    let expires_at = chrono::DateTime::from_timestamp(agent.exp, 0)
        .unwrap()
        .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
    assert_eq!(
        body,
        json!({
            "user_id": 11, "user_type": "staff", "full_name": "Ana Cruz",
            "email": "ana.cruz@example.com", "username": "ana.cruz",
            "roles": [{"system": "tts", "role": "Service Desk Agent"},
                      {"system": "hdts", "role": "Ticket Coordinator"}],
            "is_admin": false, "expires_at": expires_at,
        })
    );

    // Employees are refused everywhere else in this API, but may ask who they are; a token
    // without names answers nulls.
    let employee = Claims::access(
        11,
        UserType::Employee,
        vec![SystemRole::new("hdts", "Employee")],
        3600,
    );
    let (status, body) = get(&s, &token_of(&employee), "/me/").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (
            &body["user_id"],
            &body["user_type"],
            &body["full_name"],
            &body["username"]
        ),
        (&json!(11), &json!("employee"), &json!(null), &json!(null))
    );
    assert_eq!(get(&s, &token_of(&employee), "/roles/").await.0, 403);

    // `is_admin` is the workflow API's rule: staff holding tts:Admin.
    let admin = Claims::access(1, UserType::Staff, vec!["tts:Admin".parse().unwrap()], 60);
    assert_eq!(get(&s, &token_of(&admin), "/me/").await.1["is_admin"], true);
    let employee_admin = Claims {
        user_type: UserType::Employee,
        ..admin.clone()
    };
    assert_eq!(
        get(&s, &token_of(&employee_admin), "/me/").await.1["is_admin"],
        false
    );

    // No token, a bad one, a refresh token: 401.
    let r = s.http.get(s.url("/me/")).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(get(&s, "not-a-jwt", "/me/").await.0, 401);
    let refresh = Claims {
        token_type: "refresh".into(),
        ..admin
    };
    assert_eq!(get(&s, &token_of(&refresh), "/me/").await.0, 401);
    s.finish().await;
}
