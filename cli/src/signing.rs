//! Access tokens signed the way the auth service signs them, so the services accept them: HS256
//! with the shared `jwt_secret` setting (`TTS_JWT_SECRET`, the development default when unset), or
//! RS256 with a private key for deployments that verify with a public key.

use std::path::Path;

use anyhow::Context;
use tts_shared::auth::{Claims, issue_hs256, issue_rs256};

pub enum Signer {
    Hs256 { secret: String },
    Rs256 { private_key_pem: Vec<u8> },
}

impl Signer {
    /// RS256 with the key in `private_key` when given, else HS256 with `secret`.
    pub fn new(private_key: Option<&Path>, secret: &str) -> anyhow::Result<Signer> {
        match private_key {
            Some(path) => {
                let pem = std::fs::read(path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                Ok(Signer::Rs256 {
                    private_key_pem: pem,
                })
            }
            None => Ok(Signer::Hs256 {
                secret: secret.to_string(),
            }),
        }
    }

    pub fn sign(&self, claims: &Claims) -> anyhow::Result<String> {
        match self {
            Signer::Hs256 { secret } => Ok(issue_hs256(secret, claims)),
            Signer::Rs256 { private_key_pem } => {
                issue_rs256(private_key_pem, claims).map_err(anyhow::Error::msg)
            }
        }
    }
}
