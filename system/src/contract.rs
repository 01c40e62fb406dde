//! What the contract test (`system/tests/contract.rs`) compares and runs: a service's OpenAPI
//! document in a stable form (keys sorted, pretty-printed) so the served one can be compared
//! with the one committed in `docs/openapi/`, a short summary of where two documents differ, and
//! the shell blocks of the walk-through at the top of `docs/api.md`.

use std::path::PathBuf;

use serde_json::{Map, Value};

/// The services, by the name their committed document carries (`docs/openapi/<name>.json`).
pub const SERVICES: [&str; 4] = [
    "ticket-service",
    "workflow-api",
    "messaging",
    "notification-service",
];

/// Set to `1` to rewrite the committed documents from what the services serve.
pub const UPDATE_VARIABLE: &str = "TTS_UPDATE_OPENAPI";

/// The markers around the walk-through in `docs/api.md`.
pub const WALKTHROUGH_BEGIN: &str = "<!-- walkthrough:begin -->";
pub const WALKTHROUGH_END: &str = "<!-- walkthrough:end -->";

/// The repository's root directory.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Where the committed document of `service` lives.
pub fn committed_path(service: &str) -> PathBuf {
    workspace_root().join(format!("docs/openapi/{service}.json"))
}

/// The document with every object's keys in sorted order, whatever order the serializer keeps.
pub fn canonical(value: &Value) -> Value {
    match value {
        Value::Object(object) => {
            let mut keys: Vec<&String> = object.keys().collect();
            keys.sort();
            let mut sorted = Map::new();
            for key in keys {
                sorted.insert(key.clone(), canonical(&object[key]));
            }
            Value::Object(sorted)
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        other => other.clone(),
    }
}

/// The stable text of a document: canonical, pretty-printed, ending in a newline.
pub fn stable_text(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(&canonical(value)).unwrap_or_default();
    text.push('\n');
    text
}

/// Where `served` differs from `committed`, one line per difference at the deepest place it
/// starts (a JSON pointer): `+` only served, `-` only committed, `~` a different value.
pub fn differences(committed: &Value, served: &Value) -> Vec<String> {
    let mut out = vec![];
    walk("", committed, served, &mut out);
    out
}

fn walk(at: &str, committed: &Value, served: &Value, out: &mut Vec<String>) {
    match (committed, served) {
        (Value::Object(old), Value::Object(new)) => {
            let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                match (old.get(key), new.get(key)) {
                    (Some(o), Some(n)) => walk(&here, o, n, out),
                    (None, Some(_)) => out.push(format!("+ {here}")),
                    (Some(_), None) => out.push(format!("- {here}")),
                    (None, None) => {}
                }
            }
        }
        (Value::Array(old), Value::Array(new)) if old.len() == new.len() => {
            for (i, (o, n)) in old.iter().zip(new).enumerate() {
                walk(&format!("{at}/{i}"), o, n, out);
            }
        }
        // 50 and 50.0 are the same number, whichever way a writer spelled it.
        (Value::Number(old), Value::Number(new)) if old.as_f64() == new.as_f64() => {}
        (old, new) if old != new => {
            let shown = |v: &Value| {
                let text = v.to_string();
                if text.chars().count() > 60 {
                    format!("{}…", text.chars().take(60).collect::<String>())
                } else {
                    text
                }
            };
            out.push(format!(
                "~ {} {} → {}",
                if at.is_empty() { "/" } else { at },
                shown(old),
                shown(new)
            ));
        }
        _ => {}
    }
}

/// The `sh` blocks between the walk-through markers of `markdown`, in order, as written.
pub fn walkthrough_blocks(markdown: &str) -> Vec<String> {
    let Some(start) = markdown.find(WALKTHROUGH_BEGIN) else {
        return vec![];
    };
    let rest = &markdown[start + WALKTHROUGH_BEGIN.len()..];
    let section = &rest[..rest.find(WALKTHROUGH_END).unwrap_or(rest.len())];
    let mut blocks = vec![];
    let mut current: Option<Vec<&str>> = None;
    for line in section.lines() {
        match current.as_mut() {
            None if line.trim() == "```sh" => current = Some(vec![]),
            None => {}
            Some(_) if line.trim() == "```" => {
                blocks.push(current.take().unwrap_or_default().join("\n") + "\n");
            }
            Some(block) => block.push(line),
        }
    }
    blocks
}

/// The HTTP methods an OpenAPI path item may hold operations under.
const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// Every way an OpenAPI document falls short of the contract standard, one line each: a
/// `$ref` that resolves to nothing; an operationId missing, not camelCase or used twice; an
/// operation without summary, description or tag; a response without description; a body
/// without schema; a JSON body without an example (on the media type or on its schema).
pub fn standard_problems(doc: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let mut refs = Vec::new();
    collect_refs(doc, String::new(), &mut refs);
    for (at, r) in refs {
        if resolve_ref(doc, &r).is_none() {
            problems.push(format!("{at}: $ref {r} resolves to nothing"));
        }
    }
    let mut ids = std::collections::HashSet::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            let at = format!("{} {path}", method.to_uppercase());
            match op["operationId"].as_str() {
                Some(id) if is_camel_case(id) => {
                    if !ids.insert(id.to_string()) {
                        problems.push(format!("{at}: operationId `{id}` is used twice"));
                    }
                }
                other => problems.push(format!("{at}: operationId {other:?} is not camelCase")),
            }
            for field in ["summary", "description"] {
                if op[field].as_str().is_none_or(|s| s.trim().is_empty()) {
                    problems.push(format!("{at}: no {field}"));
                }
            }
            if op["tags"].as_array().is_none_or(Vec::is_empty) {
                problems.push(format!("{at}: no tag"));
            }
            if let Some(body) = op.get("requestBody") {
                body_problems(
                    doc,
                    &format!("{at} request"),
                    &body["content"],
                    &mut problems,
                );
            }
            for (status, response) in op["responses"].as_object().into_iter().flatten() {
                let what = format!("{at} {status}");
                if response["description"]
                    .as_str()
                    .is_none_or(|s| s.trim().is_empty())
                {
                    problems.push(format!("{what}: no description"));
                }
                body_problems(doc, &what, &response["content"], &mut problems);
            }
        }
    }
    problems
}

fn collect_refs(value: &Value, at: String, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                match (key.as_str(), item.as_str()) {
                    ("$ref", Some(r)) => out.push((at.clone(), r.to_string())),
                    _ => collect_refs(item, format!("{at}/{key}"), out),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_refs(item, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// What a local `$ref` (`#/components/…`) points at.
fn resolve_ref<'a>(doc: &'a Value, r: &str) -> Option<&'a Value> {
    doc.pointer(r.strip_prefix('#')?)
}

fn is_camel_case(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Each media type needs a schema; a JSON one an example.
fn body_problems(doc: &Value, what: &str, content: &Value, problems: &mut Vec<String>) {
    for (media, body) in content.as_object().into_iter().flatten() {
        if body.get("schema").is_none() {
            problems.push(format!("{what} {media}: no schema"));
        }
        let shown = body.get("example").is_some()
            || body["examples"].as_object().is_some_and(|e| !e.is_empty())
            || schema_has_example(doc, &body["schema"]);
        if media.contains("json") && !shown {
            problems.push(format!("{what} {media}: no example"));
        }
    }
}

/// A schema shows an example itself, through its `$ref`, or (for a list) through its items.
fn schema_has_example(doc: &Value, schema: &Value) -> bool {
    if let Some(target) = schema["$ref"].as_str().and_then(|r| resolve_ref(doc, r)) {
        return schema_has_example(doc, target);
    }
    schema.get("example").is_some()
        || schema["examples"].as_array().is_some_and(|e| !e.is_empty())
        || (schema["type"] == "array" && schema_has_example(doc, &schema["items"]))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn stable_text_sorts_keys_at_every_depth() {
        let doc = json!({"b": 1, "a": {"d": [ {"z": 1, "y": 2} ], "c": 3}});
        assert_eq!(
            stable_text(&doc),
            "{\n  \"a\": {\n    \"c\": 3,\n    \"d\": [\n      {\n        \"y\": 2,\n        \"z\": 1\n      }\n    ]\n  },\n  \"b\": 1\n}\n"
        );
    }

    #[test]
    fn differences_name_each_added_removed_and_changed_place() {
        let committed =
            json!({"paths": {"/a/": {"get": {"summary": "old"}}, "/gone/": {}}, "same": [1, 2]});
        let served =
            json!({"paths": {"/a/": {"get": {"summary": "new"}}, "/b/": {}}, "same": [1, 2]});
        assert_eq!(
            differences(&committed, &served),
            vec![
                "~ /paths/~1a~1/get/summary \"old\" → \"new\"",
                "+ /paths/~1b~1",
                "- /paths/~1gone~1",
            ]
        );
    }

    #[test]
    fn identical_documents_have_no_differences() {
        let doc = json!({"openapi": "3.1.0", "paths": {"/a/": {"get": {}}}});
        assert!(differences(&doc, &canonical(&doc)).is_empty());
    }

    #[test]
    fn a_number_spelled_with_a_fraction_is_the_same_number() {
        assert!(differences(&json!({"n": 50}), &json!({"n": 50.0})).is_empty());
        assert_eq!(
            differences(&json!({"n": 50}), &json!({"n": 50.5})),
            vec!["~ /n 50 → 50.5"]
        );
    }

    #[test]
    fn walkthrough_blocks_are_the_sh_blocks_between_the_markers_only() {
        let markdown = "```sh\nbefore\n```\n<!-- walkthrough:begin -->\ntext\n```sh\none\ntwo\n```\n\
                        ```json\n{}\n```\n```sh\nthree\n```\n<!-- walkthrough:end -->\n```sh\nafter\n```\n";
        assert_eq!(walkthrough_blocks(markdown), vec!["one\ntwo\n", "three\n"]);
    }

    #[test]
    fn the_committed_documents_meet_the_contract_standard() {
        for service in SERVICES {
            let path = committed_path(service);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let doc: Value = serde_json::from_str(&text).unwrap();
            let problems = standard_problems(&doc);
            assert!(problems.is_empty(), "{service}:\n{}", problems.join("\n"));
        }
    }

    #[test]
    fn a_document_falling_short_is_told_every_way() {
        let doc = serde_json::json!({
            "paths": {"/things/": {
                "get": {"operationId": "list_things", "responses": {
                    "200": {"description": "", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Missing"}}}}}},
                "post": {"operationId": "createThing", "summary": "Create", "description": "A thing.",
                    "tags": ["things"], "responses": {"201": {"description": "made",
                    "content": {"application/json": {"schema": {"type": "object"}, "example": {}}}}}},
            }},
            "components": {"schemas": {}}
        });
        let problems = standard_problems(&doc);
        for expected in [
            "$ref #/components/schemas/Missing resolves to nothing",
            "GET /things/: operationId Some(\"list_things\") is not camelCase",
            "GET /things/: no summary",
            "GET /things/: no tag",
            "GET /things/ 200: no description",
            "GET /things/ 200 application/json: no example",
        ] {
            assert!(
                problems.iter().any(|p| p.ends_with(expected)),
                "{expected} in {problems:#?}"
            );
        }
        assert!(
            !problems.iter().any(|p| p.starts_with("POST")),
            "{problems:#?}"
        );
    }
}
