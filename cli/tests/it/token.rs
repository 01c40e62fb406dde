//! `tts token` prints a token the services accept, with the claims asked for.

use std::process::Command;

use tts_shared::auth::{Authenticator, SystemRole, UserType};
use tts_shared::testing;

fn tts(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tts"))
        .args(args)
        .env_remove("TTS_JWT_SECRET")
        .env_remove("TTS_CONFIG")
        .output()
        .expect("tts runs")
}

#[test]
fn token_is_accepted_by_the_services_authenticator() {
    let out = tts(&[
        "token",
        "--user-id",
        "42",
        "--user-type",
        "employee",
        "--role",
        "tts:Admin",
        "--role",
        "hdts:Ticket Coordinator",
        "--name",
        "Ana Cruz",
        "--ttl",
        "120",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8(out.stdout).unwrap();
    let settings = testing::settings("postgres://x@127.0.0.1/x", "amqp://127.0.0.1/%2f");
    let user = Authenticator::from_settings(&settings)
        .unwrap()
        .verify(token.trim())
        .expect("the development secret signs it");
    assert_eq!(user.user_id, 42);
    assert_eq!(user.user_type, UserType::Employee);
    assert_eq!(user.name, "Ana Cruz");
    assert_eq!(
        user.roles,
        vec![
            SystemRole::new("tts", "Admin"),
            SystemRole::new("hdts", "Ticket Coordinator")
        ]
    );
}

#[test]
fn malformed_role_is_refused_naming_the_expected_form() {
    let out = tts(&["token", "--user-id", "1", "--role", "Admin"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("system:Role"));
}
