//! Lists every problem of a JSON request body at once, by walking the parsed body against the
//! OpenAPI schema of its type — the same schema the service documents, so the document and the
//! answers cannot disagree.
//!
//! Only the part of JSON Schema that utoipa emits is understood: `type` (also as a list, for
//! nullable fields), `required`, `properties`, `additionalProperties`, `enum`, `items`,
//! `minLength`/`maxLength`, `minimum`/`maximum`, `minItems`/`maxItems`, `format` (`date-time`,
//! `uuid`), `oneOf`/`anyOf`/`allOf` and `$ref` into the components. Anything else is accepted
//! here; serde still refuses it, and its one error is then the answer.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::FieldError;

/// A body type's schema and every component schema it refers to, as plain JSON.
#[derive(Debug, Clone, Default)]
pub struct BodySchema {
    pub root: Value,
    pub components: BTreeMap<String, Value>,
}

impl BodySchema {
    pub fn of<T: utoipa::ToSchema>() -> Self {
        let mut referenced = Vec::new();
        <T as utoipa::ToSchema>::schemas(&mut referenced);
        let components = referenced
            .into_iter()
            .filter_map(|(name, schema)| Some((name, serde_json::to_value(schema).ok()?)))
            .collect();
        BodySchema {
            root: serde_json::to_value(<T as utoipa::PartialSchema>::schema())
                .unwrap_or(Value::Bool(true)),
            components,
        }
    }

    /// Every problem of `value`, each naming its dotted path (`body` for the whole body).
    pub fn problems(&self, value: &Value) -> Vec<FieldError> {
        let mut found = Vec::new();
        self.check(value, &self.root, &Location::Root, &mut found, 0);
        found
            .into_iter()
            .map(|p| FieldError {
                field: p.field,
                message: p.message,
            })
            .collect()
    }

    fn resolve<'a>(&'a self, schema: &'a Value, depth: usize) -> Option<&'a Value> {
        let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
            return Some(schema);
        };
        if depth > MAX_DEPTH {
            return None;
        }
        let name = reference.rsplit('/').next().unwrap_or(reference);
        let target = self.components.get(name)?;
        self.resolve(target, depth + 1)
    }

    fn check(
        &self,
        value: &Value,
        schema: &Value,
        at: &Location,
        out: &mut Vec<Problem>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let Some(schema) = self.resolve(schema, depth) else {
            return;
        };
        let Some(rules) = schema.as_object() else {
            // `true`, `false` or something unknown: only `false` refuses.
            if schema == &Value::Bool(false) {
                out.push(Problem::new(at, "is not allowed"));
            }
            return;
        };
        if let Some(types) = rules.get("type")
            && !type_matches(types, value)
        {
            out.push(Problem::new(
                at,
                format!("expected {}, got {}", describe_types(types), kind_of(value)),
            ));
            return;
        }
        if let Some(allowed) = rules.get("enum").and_then(Value::as_array)
            && !allowed.contains(value)
        {
            out.push(Problem::enumeration(at, allowed));
            return;
        }
        if let Some(branches) = rules.get("allOf").and_then(Value::as_array) {
            self.check_all_of(value, branches, at, out, depth);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(branches) = rules.get(key).and_then(Value::as_array) {
                self.check_one_of(value, branches, at, out, depth);
            }
        }
        match value {
            Value::String(text) => check_string(text, rules, at, out),
            Value::Number(number) => check_number(number, rules, at, out),
            Value::Array(items) => self.check_array(items, rules, at, out, depth),
            Value::Object(fields) => self.check_object(fields, rules, at, out, depth, &[]),
            Value::Null | Value::Bool(_) => {}
        }
    }

    fn check_array(
        &self,
        items: &[Value],
        rules: &Map<String, Value>,
        at: &Location,
        out: &mut Vec<Problem>,
        depth: usize,
    ) {
        if let Some(min) = rules.get("minItems").and_then(Value::as_u64)
            && (items.len() as u64) < min
        {
            out.push(Problem::new(at, format!("must hold at least {min} items")));
        }
        if let Some(max) = rules.get("maxItems").and_then(Value::as_u64)
            && (items.len() as u64) > max
        {
            out.push(Problem::new(at, format!("must hold at most {max} items")));
        }
        if let Some(item_schema) = rules.get("items") {
            for (index, item) in items.iter().enumerate() {
                self.check(item, item_schema, &at.index(index), out, depth + 1);
            }
        }
    }

    /// `extra_known`: properties an enclosing `allOf` declares in another branch.
    fn check_object(
        &self,
        fields: &Map<String, Value>,
        rules: &Map<String, Value>,
        at: &Location,
        out: &mut Vec<Problem>,
        depth: usize,
        extra_known: &[String],
    ) {
        let properties = rules.get("properties").and_then(Value::as_object);
        if let Some(required) = rules.get("required").and_then(Value::as_array) {
            for name in required.iter().filter_map(Value::as_str) {
                if !fields.contains_key(name) {
                    out.push(Problem::new(&at.key(name), "is required"));
                }
            }
        }
        for (name, field) in fields {
            let child = at.key(name);
            if let Some(schema) = properties.and_then(|p| p.get(name)) {
                self.check(field, schema, &child, out, depth + 1);
                continue;
            }
            if extra_known.iter().any(|k| k == name) {
                continue;
            }
            match rules.get("additionalProperties") {
                Some(Value::Bool(false)) => out.push(Problem::new(&child, "is not a known field")),
                Some(schema @ Value::Object(_)) => {
                    self.check(field, schema, &child, out, depth + 1)
                }
                _ => {}
            }
        }
    }

    /// Every branch applies. A branch that refuses unknown fields still knows the fields the
    /// other branches declare (that is how utoipa writes `#[serde(flatten)]`).
    fn check_all_of(
        &self,
        value: &Value,
        branches: &[Value],
        at: &Location,
        out: &mut Vec<Problem>,
        depth: usize,
    ) {
        let resolved: Vec<&Value> = branches
            .iter()
            .filter_map(|b| self.resolve(b, depth))
            .collect();
        let all_properties: Vec<String> = resolved
            .iter()
            .filter_map(|b| b.get("properties").and_then(Value::as_object))
            .flat_map(|p| p.keys().cloned())
            .collect();
        for branch in resolved {
            match (value, branch.as_object()) {
                (Value::Object(fields), Some(rules)) if rules.contains_key("properties") => {
                    if let Some(types) = rules.get("type")
                        && !type_matches(types, value)
                    {
                        self.check(value, branch, at, out, depth + 1);
                        continue;
                    }
                    self.check_object(fields, rules, at, out, depth + 1, &all_properties);
                }
                _ => self.check(value, branch, at, out, depth + 1),
            }
        }
    }

    /// One branch must accept the value. When none does, the problems of the closest branch are
    /// the answer; when every branch only refuses the same field's value (a tag), the allowed
    /// values of all branches are listed together.
    fn check_one_of(
        &self,
        value: &Value,
        branches: &[Value],
        at: &Location,
        out: &mut Vec<Problem>,
        depth: usize,
    ) {
        let mut attempts = Vec::new();
        for branch in branches {
            let mut found = Vec::new();
            self.check(value, branch, at, &mut found, depth + 1);
            if found.is_empty() {
                return;
            }
            attempts.push(found);
        }
        let Some(first) = attempts.first() else {
            return;
        };
        // Every branch refuses the same field's value (a tag): list what all of them allow.
        let tag = first
            .iter()
            .filter(|p| p.allowed.is_some())
            .map(|p| p.field.clone())
            .find(|field| {
                attempts.iter().all(|found| {
                    found
                        .iter()
                        .any(|p| p.allowed.is_some() && &p.field == field)
                })
            });
        if let Some(field) = tag {
            let mut allowed: Vec<Value> = Vec::new();
            for problem in attempts.iter().flatten().filter(|p| p.field == field) {
                for v in problem.allowed.iter().flatten() {
                    if !allowed.contains(v) {
                        allowed.push(v.clone());
                    }
                }
            }
            out.push(Problem {
                field,
                message: enum_message(&allowed),
                allowed: Some(allowed),
            });
            return;
        }
        // A wrong type in every branch: name the types all branches accept.
        let all_type_mismatches = attempts.iter().all(|found| {
            found.len() == 1 && found[0].field == at.name() && found[0].type_mismatch()
        });
        if all_type_mismatches {
            let accepted: Vec<String> = branches
                .iter()
                .filter_map(|b| self.resolve(b, depth))
                .filter_map(|b| b.get("type"))
                .map(describe_types)
                .collect();
            let message = if accepted.is_empty() {
                "does not match any accepted form".to_string()
            } else {
                format!("expected {}, got {}", accepted.join(" or "), kind_of(value))
            };
            out.push(Problem::new(at, message));
            return;
        }
        let closest = attempts
            .into_iter()
            .filter(|found| {
                !(found.len() == 1 && found[0].field == at.name() && found[0].type_mismatch())
            })
            .min_by_key(Vec::len);
        match closest {
            Some(found) => out.extend(found),
            None => out.push(Problem::new(at, "does not match any accepted form")),
        }
    }
}

/// Deep enough for any request body; stops a self-referring schema from looping.
const MAX_DEPTH: usize = 64;

#[derive(Debug)]
struct Problem {
    field: String,
    message: String,
    /// The allowed values, when the problem is a value outside an `enum`.
    allowed: Option<Vec<Value>>,
}

impl Problem {
    fn new(at: &Location, message: impl Into<String>) -> Self {
        Problem {
            field: at.name(),
            message: message.into(),
            allowed: None,
        }
    }

    fn enumeration(at: &Location, allowed: &[Value]) -> Self {
        Problem {
            field: at.name(),
            message: enum_message(allowed),
            allowed: Some(allowed.to_vec()),
        }
    }

    fn type_mismatch(&self) -> bool {
        self.message.starts_with("expected ")
    }
}

fn enum_message(allowed: &[Value]) -> String {
    let names: Vec<String> = allowed
        .iter()
        .filter(|v| !v.is_null())
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    format!("must be one of {}", names.join(", "))
}

/// Where a value sits in the body, written the way clients read it: `steps[2].role_id`.
#[derive(Debug, Clone)]
enum Location {
    Root,
    Path(String),
}

impl Location {
    fn name(&self) -> String {
        match self {
            Location::Root => "body".into(),
            Location::Path(path) => path.clone(),
        }
    }

    fn key(&self, key: &str) -> Location {
        match self {
            Location::Root => Location::Path(key.to_string()),
            Location::Path(path) => Location::Path(format!("{path}.{key}")),
        }
    }

    fn index(&self, index: usize) -> Location {
        match self {
            Location::Root => Location::Path(format!("[{index}]")),
            Location::Path(path) => Location::Path(format!("{path}[{index}]")),
        }
    }
}

fn type_matches(types: &Value, value: &Value) -> bool {
    match types {
        Value::String(name) => is_of_type(name, value),
        Value::Array(names) => names
            .iter()
            .filter_map(Value::as_str)
            .any(|name| is_of_type(name, value)),
        _ => true,
    }
}

fn is_of_type(name: &str, value: &Value) -> bool {
    match name {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        _ => true,
    }
}

fn describe_type(name: &str) -> &str {
    match name {
        "string" => "a string",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "true or false",
        "array" => "an array",
        "object" => "an object",
        "null" => "null",
        other => other,
    }
}

fn describe_types(types: &Value) -> String {
    match types {
        Value::String(name) => describe_type(name).to_string(),
        Value::Array(names) => names
            .iter()
            .filter_map(Value::as_str)
            .map(describe_type)
            .collect::<Vec<_>>()
            .join(" or "),
        other => other.to_string(),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn check_string(text: &str, rules: &Map<String, Value>, at: &Location, out: &mut Vec<Problem>) {
    let length = text.chars().count() as u64;
    if let Some(min) = rules.get("minLength").and_then(Value::as_u64)
        && length < min
    {
        out.push(Problem::new(
            at,
            if min == 1 {
                "must not be empty".to_string()
            } else {
                format!("must be at least {min} characters")
            },
        ));
    }
    if let Some(max) = rules.get("maxLength").and_then(Value::as_u64)
        && length > max
    {
        out.push(Problem::new(
            at,
            format!("must be at most {max} characters"),
        ));
    }
    match rules.get("format").and_then(Value::as_str) {
        Some("date-time") if chrono::DateTime::parse_from_rfc3339(text).is_err() => {
            out.push(Problem::new(
                at,
                "expected an RFC 3339 date-time such as 2026-12-01T09:00:00Z",
            ))
        }
        Some("uuid") if uuid::Uuid::parse_str(text).is_err() => {
            out.push(Problem::new(at, "expected a UUID"))
        }
        _ => {}
    }
}

fn check_number(
    number: &serde_json::Number,
    rules: &Map<String, Value>,
    at: &Location,
    out: &mut Vec<Problem>,
) {
    let Some(n) = number.as_f64() else {
        return;
    };
    // The bound as the schema writes it (`0`, not `0.0`).
    let bound = |key: &str| {
        let v = rules.get(key)?;
        Some((v.as_f64()?, v.to_string()))
    };
    if let Some((min, shown)) = bound("minimum")
        && n < min
    {
        out.push(Problem::new(at, format!("must be at least {shown}")));
    }
    if let Some((max, shown)) = bound("maximum")
        && n > max
    {
        out.push(Problem::new(at, format!("must be at most {shown}")));
    }
    if let Some((min, shown)) = bound("exclusiveMinimum")
        && n <= min
    {
        out.push(Problem::new(at, format!("must be more than {shown}")));
    }
    if let Some((max, shown)) = bound("exclusiveMaximum")
        && n >= max
    {
        out.push(Problem::new(at, format!("must be less than {shown}")));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn problems(
        schema: Value,
        components: &[(&str, Value)],
        value: Value,
    ) -> Vec<(String, String)> {
        let schema = BodySchema {
            root: schema,
            components: components
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        };
        let mut found = schema
            .problems(&value)
            .into_iter()
            .map(|p| (p.field, p.message))
            .collect::<Vec<_>>();
        found.sort();
        found
    }

    /// Sorted, as `problems` answers in tests: the order of a body's fields is not the point.
    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = list
            .iter()
            .map(|(f, m)| (f.to_string(), m.to_string()))
            .collect();
        pairs.sort();
        pairs
    }

    fn ticket() -> Value {
        json!({
            "type": "object",
            "required": ["subject", "priority"],
            "additionalProperties": false,
            "properties": {
                "subject": {"type": "string", "minLength": 1, "maxLength": 10},
                "priority": {"$ref": "#/components/schemas/Priority"},
                "count": {"type": ["integer", "null"], "minimum": 1, "maximum": 5},
                "due_at": {"type": "string", "format": "date-time"},
                "owner": {"type": "string", "format": "uuid"},
                "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2},
            }
        })
    }

    fn priority() -> (&'static str, Value) {
        (
            "Priority",
            json!({"type": "string", "enum": ["Low", "Medium", "High", "Critical"]}),
        )
    }

    #[test]
    fn a_valid_body_has_no_problems() {
        let body = json!({"subject": "VPN", "priority": "High", "count": null,
            "due_at": "2026-12-01T09:00:00Z", "owner": "0192f0c1-7a6e-7c3a-9d1e-6f3b2a1c0d9e",
            "tags": ["a"]});
        assert_eq!(problems(ticket(), &[priority()], body), vec![]);
    }

    #[test]
    fn every_problem_is_listed_with_its_field() {
        let body = json!({"subject": "", "priority": "Urgent", "count": "two",
            "due_at": "2026-12-01", "owner": "nobody", "tags": ["a", 2, "c"], "colour": "red"});
        assert_eq!(
            problems(ticket(), &[priority()], body),
            pairs(&[
                ("colour", "is not a known field"),
                ("count", "expected an integer or null, got a string"),
                (
                    "due_at",
                    "expected an RFC 3339 date-time such as 2026-12-01T09:00:00Z"
                ),
                ("owner", "expected a UUID"),
                ("priority", "must be one of Low, Medium, High, Critical"),
                ("subject", "must not be empty"),
                ("tags", "must hold at most 2 items"),
                ("tags[1]", "expected a string, got an integer"),
            ])
        );
    }

    #[test]
    fn missing_required_fields_and_ranges_are_named() {
        assert_eq!(
            problems(ticket(), &[priority()], json!({"count": 9})),
            pairs(&[
                ("subject", "is required"),
                ("priority", "is required"),
                ("count", "must be at most 5"),
            ])
        );
        assert_eq!(
            problems(ticket(), &[priority()], json!([])),
            pairs(&[("body", "expected an object, got an array")])
        );
    }

    #[test]
    fn nested_paths_are_dotted_with_indexes() {
        let graph = json!({
            "type": "object",
            "required": ["steps"],
            "properties": {"steps": {"type": "array", "items": {"$ref": "#/components/schemas/Step"}}}
        });
        let step = json!({"type": "object", "required": ["role_id"],
            "properties": {"role_id": {"type": "integer", "format": "int64"}}});
        let body = json!({"steps": [{"role_id": 1}, {"role_id": 2}, {}, {"role_id": 1.5}]});
        assert_eq!(
            problems(graph, &[("Step", step)], body),
            pairs(&[
                ("steps[2].role_id", "is required"),
                ("steps[3].role_id", "expected an integer, got a number"),
            ])
        );
    }

    #[test]
    fn nullable_references_accept_null_and_check_the_value_otherwise() {
        let schema = json!({"type": "object", "properties": {
            "priority": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Priority"}]}
        }});
        assert_eq!(
            problems(schema.clone(), &[priority()], json!({"priority": null})),
            vec![]
        );
        assert_eq!(
            problems(schema.clone(), &[priority()], json!({"priority": "Soon"})),
            pairs(&[("priority", "must be one of Low, Medium, High, Critical")])
        );
        assert_eq!(
            problems(schema, &[priority()], json!({"priority": 3})),
            pairs(&[("priority", "expected null or a string, got an integer")])
        );
    }

    #[test]
    fn tagged_variants_list_every_tag_and_check_the_chosen_variant() {
        let variant = |tag: &str, field: &str| {
            json!({"type": "object", "required": ["kind", field], "properties": {
                "kind": {"type": "string", "enum": [tag]},
                field: {"type": "string"}
            }})
        };
        let schema = json!({"oneOf": [variant("email", "address"), variant("webhook", "url")]});
        assert_eq!(
            problems(schema.clone(), &[], json!({"kind": "sms"})),
            pairs(&[("kind", "must be one of email, webhook")])
        );
        assert_eq!(
            problems(
                schema.clone(),
                &[],
                json!({"kind": "sms", "address": "a", "url": "u"})
            ),
            pairs(&[("kind", "must be one of email, webhook")])
        );
        assert_eq!(
            problems(schema, &[], json!({"kind": "webhook", "url": 5})),
            pairs(&[("url", "expected a string, got an integer")])
        );
    }

    #[test]
    fn all_of_branches_share_their_fields() {
        let schema = json!({"allOf": [
            {"$ref": "#/components/schemas/Base"},
            {"type": "object", "additionalProperties": false, "required": ["extra"],
             "properties": {"extra": {"type": "boolean"}}}
        ]});
        let base = json!({"type": "object", "required": ["name"],
            "properties": {"name": {"type": "string"}}});
        let components = [("Base", base)];
        assert_eq!(
            problems(
                schema.clone(),
                &components,
                json!({"name": "a", "extra": true})
            ),
            vec![]
        );
        assert_eq!(
            problems(schema, &components, json!({"extra": 1, "other": 2})),
            pairs(&[
                ("name", "is required"),
                ("extra", "expected true or false, got an integer"),
                ("other", "is not a known field"),
            ])
        );
    }

    #[test]
    fn maps_check_every_value_and_unknown_references_accept_anything() {
        let schema = json!({"type": "object",
            "additionalProperties": {"type": "integer", "minimum": 0}});
        assert_eq!(
            problems(schema, &[], json!({"a": 1, "b": -1})),
            pairs(&[("b", "must be at least 0")])
        );
        assert_eq!(
            problems(
                json!({"$ref": "#/components/schemas/Missing"}),
                &[],
                json!(1)
            ),
            vec![]
        );
    }

    #[test]
    fn a_schema_referring_to_itself_terminates() {
        let node = json!({"type": "object", "properties": {
            "child": {"$ref": "#/components/schemas/Node"}}});
        let mut value = json!({});
        for _ in 0..100 {
            value = json!({ "child": value });
        }
        assert_eq!(
            problems(
                json!({"$ref": "#/components/schemas/Node"}),
                &[("Node", node)],
                value
            ),
            vec![]
        );
    }
}
