//! Every captured Celery 5.5 message decodes, survives a trip through RabbitMQ, and re-encodes
//! with the same meaning; its typed payload reads and writes back the same arguments.

use std::path::PathBuf;

use lapin::BasicProperties;
use lapin::options::BasicPublishOptions;
use lapin::types::ShortString;
use serde_json::{Map, Value};
use tts_shared::amqp::TaskMessage;
use tts_shared::amqp::celery::json_to_table;
use tts_shared::events::*;

use crate::Harness;

fn fixtures() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/celery");
    let mut all: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .expect("fixtures directory")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("fixture readable");
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                serde_json::from_str(&text).expect("fixture is JSON"),
            )
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(all.len(), 9, "one fixture per captured task");
    all
}

/// Properties and body exactly as the captured producer sent them.
fn wire(fixture: &Value) -> (BasicProperties, Vec<u8>) {
    let p = &fixture["properties"];
    let props = BasicProperties::default()
        .with_content_type(ShortString::from(p["content_type"].as_str().unwrap()))
        .with_content_encoding(ShortString::from(p["content_encoding"].as_str().unwrap()))
        .with_delivery_mode(p["delivery_mode"].as_u64().unwrap() as u8)
        .with_priority(p["priority"].as_u64().unwrap() as u8)
        .with_correlation_id(ShortString::from(p["correlation_id"].as_str().unwrap()))
        .with_reply_to(ShortString::from(p["reply_to"].as_str().unwrap()))
        .with_headers(json_to_table(fixture["headers"].as_object().unwrap()));
    (props, serde_json::to_vec(&fixture["body"]).unwrap())
}

fn assert_same_meaning(name: &str, fixture: &Value, m: &TaskMessage) {
    let headers = fixture["headers"].as_object().unwrap();
    assert_eq!(&m.headers, headers, "{name}: headers");
    assert_eq!(m.task, headers["task"], "{name}: task");
    assert_eq!(m.id, headers["id"], "{name}: id");
    assert_eq!(
        Value::from(m.args.clone()),
        fixture["body"][0],
        "{name}: args"
    );
    assert_eq!(
        Value::Object(m.kwargs.clone()),
        fixture["body"][1],
        "{name}: kwargs"
    );
    assert_eq!(
        Value::Object(m.embed.clone()),
        fixture["body"][2],
        "{name}: embed"
    );
    assert_eq!(
        m.properties.correlation_id, fixture["properties"]["correlation_id"],
        "{name}: correlation_id"
    );
    assert_eq!(
        m.properties.reply_to.as_deref(),
        fixture["properties"]["reply_to"].as_str(),
        "{name}: reply_to"
    );
}

#[test]
fn every_reference_message_round_trips_through_the_codec() {
    for (name, fixture) in fixtures() {
        let (props, body) = wire(&fixture);
        let decoded = TaskMessage::decode(&props, &body).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_same_meaning(&name, &fixture, &decoded);
        let (props2, body2) = decoded.encode();
        let again = TaskMessage::decode(&props2, &body2).unwrap();
        assert_eq!(again, decoded, "{name}: re-encoded message differs");
        let body_json: Value = serde_json::from_slice(&body2).unwrap();
        assert_eq!(body_json, fixture["body"], "{name}: body");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_reference_message_survives_rabbitmq_unchanged() {
    let h = Harness::new().await;
    let channel = h.broker.channel().await.unwrap();
    for (name, fixture) in fixtures() {
        let queue = fixture["queue"].as_str().unwrap();
        let (props, body) = wire(&fixture);
        channel
            .basic_publish(
                "".into(),
                queue.into(),
                BasicPublishOptions::default(),
                &body,
                props,
            )
            .await
            .unwrap();
        let got = h.wait_for_message(queue).await;
        let decoded = TaskMessage::decode(&got.delivery.properties, &got.delivery.data).unwrap();
        assert_same_meaning(&name, &fixture, &decoded);

        // What TTS re-publishes reads back the same way.
        let (props, body) = decoded.encode();
        channel
            .basic_publish(
                "".into(),
                queue.into(),
                BasicPublishOptions::default(),
                &body,
                props,
            )
            .await
            .unwrap();
        let got = h.wait_for_message(queue).await;
        let again = TaskMessage::decode(&got.delivery.properties, &got.delivery.data).unwrap();
        assert_eq!(again, decoded, "{name}: changed on the second trip");
    }
    h.finish().await;
}

fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// Reads the fixture with its typed payload and writes it back: same args and kwargs.
fn typed_round_trip<T: CeleryTask>(m: &TaskMessage) -> TaskMessage {
    let payload = T::from_message(m).unwrap_or_else(|e| panic!("{}: {e}", T::NAME));
    payload.to_message()
}

#[test]
fn every_reference_payload_reads_into_its_type_and_back() {
    for (name, fixture) in fixtures() {
        let (props, body) = wire(&fixture);
        let m = TaskMessage::decode(&props, &body).unwrap();
        let back = match m.task.as_str() {
            HelpdeskTicket::NAME => typed_round_trip::<HelpdeskTicket>(&m),
            TicketStatusUpdate::NAME => typed_round_trip::<TicketStatusUpdate>(&m),
            RoleSync::NAME => typed_round_trip::<RoleSync>(&m),
            UserSystemRoleSync::NAME => typed_round_trip::<UserSystemRoleSync>(&m),
            UserEmailSync::NAME => typed_round_trip::<UserEmailSync>(&m),
            AssignmentNotification::NAME => typed_round_trip::<AssignmentNotification>(&m),
            EscalationNotification::NAME => typed_round_trip::<EscalationNotification>(&m),
            TaskTransferNotification::NAME => typed_round_trip::<TaskTransferNotification>(&m),
            EmailNotification::NAME => typed_round_trip::<EmailNotification>(&m),
            other => panic!("{name}: no typed payload for task {other}"),
        };
        assert_eq!(back.task, m.task, "{name}");
        assert_eq!(
            without_nulls(&Value::from(back.args.clone())),
            without_nulls(&Value::from(m.args.clone())),
            "{name}: args"
        );
        assert_eq!(
            without_nulls(&Value::Object(back.kwargs.clone())),
            without_nulls(&Value::Object(m.kwargs.clone())),
            "{name}: kwargs"
        );
        assert!(
            all_tasks().iter().any(|(task, _)| *task == m.task),
            "{name}: task missing from events::all_tasks"
        );
    }
}
