//! `rabbitmq/definitions.json` (loaded by the broker in docker-compose) describes exactly the
//! topology the services declare at start.

use std::collections::BTreeMap;

use serde_json::Value;
use tts_shared::amqp::celery::table_to_json;
use tts_shared::amqp::topology::{TICKET_STATUS_EXCHANGE, Topology, queue_set};
use tts_shared::config::QueueNames;

#[test]
fn definitions_file_matches_the_declared_topology() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../rabbitmq/definitions.json");
    let definitions: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("definitions.json")).unwrap();
    let in_file: BTreeMap<String, Value> = definitions["queues"]
        .as_array()
        .expect("queues list")
        .iter()
        .map(|q| {
            assert_eq!(q["vhost"], "/", "{q}");
            assert_eq!(q["durable"], true, "{q}");
            assert_eq!(q["auto_delete"], false, "{q}");
            (
                q["name"].as_str().unwrap().to_string(),
                q["arguments"].clone(),
            )
        })
        .collect();
    let declared: BTreeMap<String, Value> = QueueNames::default()
        .all()
        .iter()
        .flat_map(|q| queue_set(q))
        .map(|(name, args)| (name, Value::Object(table_to_json(&args))))
        .collect();
    assert_eq!(in_file, declared);
}

#[test]
fn definitions_file_declares_the_live_exchanges() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../rabbitmq/definitions.json");
    let definitions: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("definitions.json")).unwrap();
    let in_file: Vec<(&str, &str, bool)> = definitions["exchanges"]
        .as_array()
        .expect("exchanges list")
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap(),
                e["type"].as_str().unwrap(),
                e["durable"].as_bool().unwrap(),
            )
        })
        .collect();
    let status = Topology::of(&QueueNames::default()).exchanges();
    let declared: Vec<(&str, &str, bool)> = tts_shared::amqp::live::EXCHANGES
        .iter()
        .copied()
        .chain(status.iter().map(String::as_str))
        .map(|name| (name, "fanout", true))
        .collect();
    assert_eq!(in_file, declared);
}

#[test]
fn definitions_file_binds_the_ticket_status_exchange_as_the_services_do() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../rabbitmq/definitions.json");
    let definitions: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("definitions.json")).unwrap();
    let in_file: Vec<(String, String)> = definitions["bindings"]
        .as_array()
        .expect("bindings list")
        .iter()
        .map(|b| {
            assert_eq!(b["vhost"], "/", "{b}");
            assert_eq!(b["destination_type"], "queue", "{b}");
            assert_eq!(b["routing_key"], "", "{b}");
            (
                b["source"].as_str().unwrap().to_string(),
                b["destination"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let declared = Topology::of(&QueueNames::default()).bindings();
    assert_eq!(in_file, declared);
    assert_eq!(
        declared,
        vec![(
            TICKET_STATUS_EXCHANGE.to_string(),
            "TICKET_STATUS_QUEUE".to_string()
        )]
    );
}
