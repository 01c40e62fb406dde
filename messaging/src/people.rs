//! The workflow API's directory of people, asked which staff hold a TTS role (by this service's
//! API key, scope `people:read`). A person's token says it when they call; when they are only
//! about to be notified, this is how the read rule learns it. Asked before a comment's
//! transaction opens, so no transaction waits on HTTP.

use std::collections::BTreeSet;
use std::time::Duration;

use serde::Deserialize;

/// Most ids the directory takes in one call.
pub const MAX_IDS_PER_CALL: usize = 200;

#[derive(Debug, Clone)]
pub struct TtsDirectory {
    client: reqwest::Client,
    base: String,
    api_key: Option<String>,
}

/// `{"items":[{"user_id":1,"full_name":…,"email":…}]}`: only the asked staff who are active
/// members of at least one TTS role.
#[derive(Deserialize)]
struct Members {
    items: Vec<Member>,
}

#[derive(Deserialize)]
struct Member {
    user_id: i64,
}

impl TtsDirectory {
    pub fn new(base: &str, api_key: Option<String>, timeout: Duration) -> reqwest::Result<Self> {
        Ok(TtsDirectory {
            client: reqwest::Client::builder()
                .timeout(timeout)
                .user_agent("tts-messaging")
                .build()?,
            base: base.trim_end_matches('/').to_string(),
            api_key,
        })
    }

    /// Of the staff user ids `ids`, those who hold a TTS role. `Err` says why it could not be
    /// learned; callers then treat nobody as holding one.
    pub async fn tts_staff(&self, ids: &BTreeSet<i64>) -> Result<BTreeSet<i64>, String> {
        let key = self.api_key.as_deref().ok_or(
            "workflow_api_api_key is not set, so nobody can be confirmed as holding a TTS role",
        )?;
        let ids: Vec<i64> = ids.iter().copied().collect();
        let mut members = BTreeSet::new();
        for chunk in ids.chunks(MAX_IDS_PER_CALL) {
            let list: Vec<String> = chunk.iter().map(i64::to_string).collect();
            let url = format!("{}/people/?ids={}", self.base, list.join(","));
            let response = self
                .client
                .get(&url)
                .header("x-api-key", key)
                .send()
                .await
                .map_err(|e| format!("GET {url}: {e}"))?;
            let status = response.status().as_u16();
            if status != 200 {
                return Err(format!("GET {url} answered {status}"));
            }
            let page: Members = response
                .json()
                .await
                .map_err(|e| format!("GET {url}: unreadable answer: {e}"))?;
            // Only the people asked about count: an answer naming someone else grants nothing.
            members.extend(
                page.items
                    .into_iter()
                    .map(|m| m.user_id)
                    .filter(|id| chunk.contains(id)),
            );
        }
        Ok(members)
    }
}
