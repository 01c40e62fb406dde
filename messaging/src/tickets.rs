//! The ticket service, asked who a ticket's requester is (by this service's API key). The answer
//! is kept on the thread, so each thread asks at most until it knows. The requester's e-mail
//! address is not kept: it is asked for when a public comment is to reach them, so a changed
//! address is used at once.

use std::time::Duration;

use serde::Deserialize;
use tts_shared::auth::UserType;

use crate::domain::access::Person;
use crate::error::MessagingError;

#[derive(Debug, Clone)]
pub struct TicketService {
    client: reqwest::Client,
    base: String,
    api_key: Option<String>,
}

#[derive(Deserialize)]
struct Ticket {
    requester: Option<Requester>,
}

#[derive(Deserialize)]
struct Requester {
    user_id: i64,
    user_type: UserType,
    #[serde(default)]
    email: Option<String>,
}

/// A ticket's requester, with the e-mail address the ticket holds for them (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub person: Person,
    pub email: Option<String>,
}

impl TicketService {
    pub fn new(base: &str, api_key: Option<String>, timeout: Duration) -> reqwest::Result<Self> {
        Ok(TicketService {
            client: reqwest::Client::builder()
                .timeout(timeout)
                .user_agent("tts-messaging")
                .build()?,
            base: base.trim_end_matches('/').to_string(),
            api_key,
        })
    }

    /// Whether this service has a key to ask the ticket service with.
    pub fn configured(&self) -> bool {
        self.api_key.is_some()
    }

    /// The requester of ticket `number`; `None` when the ticket service does not know the ticket
    /// or it has no requester.
    pub async fn requester(&self, number: &str) -> Result<Option<Person>, MessagingError> {
        Ok(self.contact(number).await?.map(|c| c.person))
    }

    /// The requester of ticket `number` with their e-mail address, as [`Self::requester`].
    pub async fn contact(&self, number: &str) -> Result<Option<Contact>, MessagingError> {
        Ok(self.lookup_contact(number).await?.flatten())
    }

    /// What the ticket service knows of ticket `number`: `None` when it holds no such ticket,
    /// else the ticket's requester (if it has one). Unreachable, or answering anything else, is an
    /// error (503 to the caller).
    pub async fn lookup(&self, number: &str) -> Result<Option<Option<Person>>, MessagingError> {
        Ok(self
            .lookup_contact(number)
            .await?
            .map(|t| t.map(|c| c.person)))
    }

    /// As [`Self::lookup`], with the requester's e-mail address.
    async fn lookup_contact(
        &self,
        number: &str,
    ) -> Result<Option<Option<Contact>>, MessagingError> {
        let key = self.api_key.as_deref().ok_or_else(|| {
            MessagingError::TicketService(
                "ticket_service_api_key is not set, so requesters cannot be recognised".into(),
            )
        })?;
        let url = format!("{}/tickets/{number}/", self.base);
        let response = self
            .client
            .get(&url)
            .header("x-api-key", key)
            .send()
            .await
            .map_err(|e| MessagingError::TicketService(e.to_string()))?;
        match response.status().as_u16() {
            200 => {
                let ticket: Ticket = response.json().await.map_err(|e| {
                    MessagingError::TicketService(format!("unreadable ticket: {e}"))
                })?;
                Ok(Some(ticket.requester.map(|r| Contact {
                    person: Person {
                        user_type: r.user_type,
                        user_id: r.user_id,
                    },
                    email: r.email.filter(|e| !e.trim().is_empty()),
                })))
            }
            404 => Ok(None),
            status => Err(MessagingError::TicketService(format!(
                "GET {url} answered {status}"
            ))),
        }
    }
}
