//! `tts-shared`: the platform every TTS service stands on.
//!
//! - [`config`]: typed settings from defaults, an optional file and `TTS_*` variables;
//! - [`telemetry`]: JSON logs, request ids across HTTP and AMQP, Prometheus metrics;
//! - [`http`]: one error type and JSON envelope, extractors, health/metrics/docs routes;
//! - [`auth`]: JWT people and API-key machines, role checks;
//! - [`db`]: the PostgreSQL pool, database creation and migrations;
//! - [`amqp`]: broker connection, Celery v2 codec, outbox, consumer runtime;
//! - [`events`]: every message TTS exchanges, typed;
//! - [`files`]: uploaded files: checks, storage once per SHA-256, download responses;
//! - [`platform`]: start-up, background tasks and shutdown of a service;
//! - [`ws`]: what every WebSocket endpoint shares;
//! - `testing` (feature): per-test database and vhost, tokens, broker fault injection.

pub mod amqp;
pub mod auth;
pub mod config;
pub mod db;
pub mod demo;
pub mod events;
pub mod files;
pub mod http;
pub mod platform;
pub mod schema;
pub mod telemetry;
pub mod ws;

#[cfg(feature = "testing")]
pub mod testing;

pub use platform::{Platform, ServiceInfo};
