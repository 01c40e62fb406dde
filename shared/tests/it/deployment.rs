//! The compose file ships no secret anyone could know: every secret comes from the operator's
//! `.env`, and compose refuses to start without it.

use tts_shared::config::PUBLIC_SECRETS;

fn compose_file() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docker-compose.yml");
    std::fs::read_to_string(path).expect("docker-compose.yml")
}

#[test]
fn compose_has_no_public_default_secret() {
    let compose = compose_file();
    for secret in PUBLIC_SECRETS {
        assert!(
            !compose.contains(secret),
            "compose carries the public secret {secret}"
        );
    }
    assert!(
        !compose.contains("TTS_DEVELOPMENT_MODE"),
        "compose runs with the production checks"
    );
}

#[test]
fn compose_requires_every_secret_from_the_operator() {
    let compose = compose_file();
    for variable in [
        "TTS_JWT_SECRET",
        "TTS_MESSAGING_API_KEY",
        "TTS_END_LOGIC_SECRET",
    ] {
        let uses: Vec<&str> = compose
            .lines()
            .filter(|line| line.contains(&format!("${{{variable}")))
            .collect();
        assert!(!uses.is_empty(), "{variable} is not used");
        for line in uses {
            assert!(
                line.contains(&format!("${{{variable}:?")),
                "{variable} must be required (`${{{variable}:?…}}`), not defaulted: {line}"
            );
        }
    }
}
