//! Keeps `docs/asyncapi/*.yaml` true: the frames a socket really sends are checked against the
//! messages its AsyncAPI document declares. The documents are written in JSON syntax (JSON is
//! YAML), so they are read here with serde_json.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// An AsyncAPI document of `docs/asyncapi/`.
pub fn document(name: &str) -> Value {
    let path = format!("{}/../docs/asyncapi/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not JSON-syntax YAML: {e}"))
}

/// Follows a local `$ref` (`#/components/messages/Ready`) until a value without one.
fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(pointer) => {
            let target = doc
                .pointer(pointer.trim_start_matches('#'))
                .unwrap_or_else(|| panic!("{pointer} points at nothing"));
            resolve(doc, target)
        }
        None => value,
    }
}

/// A documented frame: its required fields and every field it may carry.
#[derive(Debug)]
pub struct Frame {
    pub required: BTreeSet<String>,
    pub properties: BTreeSet<String>,
}

/// The frames of the operations whose `action` is `action` (`send`: what the server sends;
/// `receive`: what it takes from clients), by their `type`.
pub fn frames(doc: &Value, action: &str) -> BTreeMap<String, Frame> {
    let mut out = BTreeMap::new();
    let operations = doc["operations"].as_object().expect("operations");
    for operation in operations.values() {
        if operation["action"] != action {
            continue;
        }
        for message in operation["messages"].as_array().expect("messages") {
            let payload = resolve(doc, &resolve(doc, message)["payload"]);
            let kind = payload["properties"]["type"]["const"]
                .as_str()
                .unwrap_or_else(|| panic!("a payload with a `type` const: {payload}"));
            let names = |v: &Value| -> BTreeSet<String> {
                match v {
                    Value::Array(a) => a.iter().map(|s| s.as_str().unwrap().to_string()).collect(),
                    Value::Object(o) => o.keys().cloned().collect(),
                    _ => BTreeSet::new(),
                }
            };
            out.insert(
                kind.to_string(),
                Frame {
                    required: names(&payload["required"]),
                    properties: names(&payload["properties"]),
                },
            );
        }
    }
    out
}

/// Every frame in `seen` is a documented one, with each required field and no undocumented
/// field; and every frame the document says the server sends was seen.
pub fn assert_documented(doc: &Value, seen: &[Value]) {
    let documented = frames(doc, "send");
    let mut kinds = BTreeSet::new();
    for frame in seen {
        let kind = frame["type"].as_str().unwrap_or_default();
        let Some(spec) = documented.get(kind) else {
            panic!("frame type `{kind}` is not documented: {frame}");
        };
        let fields: BTreeSet<String> = frame.as_object().unwrap().keys().cloned().collect();
        let missing: Vec<_> = spec.required.difference(&fields).collect();
        assert!(
            missing.is_empty(),
            "`{kind}` lacks required {missing:?}: {frame}"
        );
        let extra: Vec<_> = fields.difference(&spec.properties).collect();
        assert!(
            extra.is_empty(),
            "`{kind}` carries undocumented {extra:?}: {frame}"
        );
        kinds.insert(kind.to_string());
    }
    let unseen: Vec<_> = documented.keys().filter(|k| !kinds.contains(*k)).collect();
    assert!(unseen.is_empty(), "documented but never sent: {unseen:?}");
}

/// The close codes the channel `channel` documents (`x-close-codes`).
pub fn close_codes(doc: &Value, channel: &str) -> BTreeSet<u16> {
    doc["channels"][channel]["x-close-codes"]
        .as_object()
        .unwrap_or_else(|| panic!("channel {channel} documents x-close-codes"))
        .keys()
        .map(|k| k.parse().unwrap())
        .collect()
}
