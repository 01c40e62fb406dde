//! Integration tests of the platform against real PostgreSQL and RabbitMQ: each test has its own
//! database and vhost (see `tts_shared::testing`).

mod celery_interop;
mod codec;
mod consumer;
mod deployment;
mod http;
mod outbox;
mod topology;

use std::time::Duration;

use lapin::message::BasicGetMessage;
use lapin::options::BasicGetOptions;
use tokio_util::sync::CancellationToken;
use tts_shared::amqp::Broker;
use tts_shared::config::PlatformSettings;
use tts_shared::db::Db;
use tts_shared::testing::{self, TestDatabase, TestVhost};

/// A database, a vhost with the TTS topology, and a connected broker handle.
pub struct Harness {
    pub db: TestDatabase,
    pub vhost: TestVhost,
    pub settings: PlatformSettings,
    pub pool: Db,
    pub broker: Broker,
    pub cancel: CancellationToken,
}

impl Harness {
    pub async fn new() -> Harness {
        Self::with_settings(&[]).await
    }

    pub async fn with_settings(extra: &[(&str, &str)]) -> Harness {
        let db = TestDatabase::migrated(&[]).await;
        let vhost = TestVhost::create().await;
        let settings = testing::settings_with(&db.url, &vhost.amqp_url(), extra);
        let pool = Db::pool_only(&settings).expect("pool");
        let cancel = CancellationToken::new();
        let broker = Broker::start(
            &settings.amqp_url,
            "test",
            settings
                .queues
                .all()
                .iter()
                .map(|q| q.to_string())
                .collect(),
            Duration::from_millis(500),
            cancel.clone(),
        );
        tokio::time::timeout(Duration::from_secs(30), broker.connected())
            .await
            .expect("broker connects within 30 s");
        Harness {
            db,
            vhost,
            settings,
            pool,
            broker,
            cancel,
        }
    }

    /// Takes one message from `queue`, if there is one.
    pub async fn get(&self, queue: &str) -> Option<BasicGetMessage> {
        let channel = self.broker.channel().await.expect("channel");
        channel
            .basic_get(queue.into(), BasicGetOptions { no_ack: true })
            .await
            .expect("basic.get")
    }

    /// Waits for a message on `queue` (10 s deadline).
    pub async fn wait_for_message(&self, queue: &str) -> BasicGetMessage {
        testing::eventually(
            &format!("a message on {queue}"),
            Duration::from_secs(10),
            || self.get(queue),
        )
        .await
    }

    pub async fn finish(self) {
        self.cancel.cancel();
        self.db.drop_now().await;
        self.vhost.delete().await;
    }
}
