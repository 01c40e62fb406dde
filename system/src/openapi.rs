//! The operations a service's OpenAPI document (`/schema`) lists, read well enough to call each
//! one: its security, its parameters and the string fields of its JSON body. What the security
//! suite (`system/tests/security.rs`) walks to check every endpoint, so an endpoint added later is
//! checked without anyone remembering to.

use serde_json::Value;

/// Paths every service serves without credentials (`tts_shared::http`'s platform routes).
pub const PUBLIC_PREFIXES: [&str; 4] = ["/health/", "/metrics", "/schema", "/docs"];

/// Where the routes live that one calls without credentials to obtain or drop them.
pub const SIGN_IN_PREFIX: &str = "/auth/";

/// A plausible value for a path parameter: ids 1, a ticket number of the right shape.
pub const TICKET_NUMBER: &str = "TX20260101000001";

/// One parameter of an operation.
#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    /// `path`, `query` or `header`.
    pub location: String,
    /// The resolved schema's kind: `string`, `integer`, `number`, `boolean` or `other`.
    pub kind: &'static str,
    pub format: Option<String>,
}

/// One operation: a method on a path, as documented.
#[derive(Debug, Clone)]
pub struct Operation {
    pub method: reqwest::Method,
    /// The documented template, e.g. `/tickets/{ticket_number}/`.
    pub path: String,
    /// The security schemes of the operation, one list per alternative (`bearer`, `api_key`).
    /// Empty when the operation documents none.
    pub security: Vec<Vec<String>>,
    pub params: Vec<Param>,
    /// Whether it takes a JSON body, and that body's top-level string fields (of its items, for
    /// a body that is a list).
    pub json_body: bool,
    pub body_array: bool,
    pub body_string_fields: Vec<String>,
    pub body_required: bool,
    pub multipart: bool,
}

impl Operation {
    /// `GET /tickets/{ticket_number}/`, for messages.
    pub fn label(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// The sign-in routes (`/auth/…`: demo sign-in, sign-out) that exist to be called before
    /// one holds credentials. The demo ones answer 404 unless demo sign-in is enabled; the
    /// workflow API's own tests cover them (`tests/it/sign_in.rs`).
    pub fn is_sign_in_route(&self) -> bool {
        self.path.starts_with(SIGN_IN_PREFIX)
    }

    /// A platform route anyone may call.
    pub fn is_public_platform_route(&self) -> bool {
        PUBLIC_PREFIXES.iter().any(|p| self.path.starts_with(p))
    }

    /// Every security scheme any alternative names.
    pub fn schemes(&self) -> Vec<String> {
        let mut all: Vec<String> = self.security.iter().flatten().cloned().collect();
        all.sort();
        all.dedup();
        all
    }

    /// Only a service API key is documented (a machine endpoint).
    pub fn api_key_only(&self) -> bool {
        self.schemes() == ["api_key"]
    }

    /// Only a person's token is documented.
    pub fn bearer_only(&self) -> bool {
        self.schemes() == ["bearer"]
    }

    /// The path with every parameter replaced by a plausible value, except `bad` (if given)
    /// which gets `bad_value` verbatim (already percent-encoded).
    pub fn path_with(&self, bad: Option<(&str, &str)>) -> String {
        let mut path = self.path.clone();
        for p in self.params.iter().filter(|p| p.location == "path") {
            let value = match bad {
                Some((name, value)) if name == p.name => value.to_string(),
                _ => plausible(p),
            };
            path = path.replace(&format!("{{{}}}", p.name), &value);
        }
        path
    }

    /// The path with plausible values.
    pub fn concrete_path(&self) -> String {
        self.path_with(None)
    }

    pub fn query_params(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|p| p.location == "query")
    }
}

/// A value of the right shape for a path parameter.
pub fn plausible(p: &Param) -> String {
    match (p.kind, p.format.as_deref()) {
        ("integer" | "number", _) => "1".into(),
        (_, Some("uuid")) => "00000000-0000-4000-8000-000000000001".into(),
        _ if p.name.contains("ticket") => TICKET_NUMBER.into(),
        _ => "1".into(),
    }
}

/// Every operation of an OpenAPI 3 document, sorted by path then method.
pub fn operations(doc: &Value) -> Vec<Operation> {
    let mut out = vec![];
    let Some(paths) = doc["paths"].as_object() else {
        return out;
    };
    for (path, item) in paths {
        for (method, op) in item.as_object().into_iter().flatten() {
            let Ok(method) = method.to_uppercase().parse::<reqwest::Method>() else {
                continue;
            };
            if !matches!(method.as_str(), "GET" | "POST" | "PUT" | "PATCH" | "DELETE") {
                continue;
            }
            let security = op["security"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|alt| {
                    alt.as_object()
                        .map(|o| o.keys().cloned().collect())
                        .unwrap_or_default()
                })
                .collect();
            let params = item["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .chain(op["parameters"].as_array().into_iter().flatten())
                .map(|p| {
                    let schema = resolve(doc, &p["schema"]);
                    Param {
                        name: p["name"].as_str().unwrap_or_default().to_string(),
                        location: p["in"].as_str().unwrap_or_default().to_string(),
                        kind: kind(doc, &schema),
                        format: schema["format"].as_str().map(str::to_string).or_else(|| {
                            one_of(doc, &schema)
                                .iter()
                                .find_map(|s| s["format"].as_str().map(str::to_string))
                        }),
                    }
                })
                .collect();
            let content = &op["requestBody"]["content"];
            let json = &content["application/json"]["schema"];
            let mut body = resolve(doc, json);
            let body_array = body["type"] == "array";
            if body_array {
                body = resolve(doc, &body["items"]);
            }
            let mut body_string_fields: Vec<String> = body["properties"]
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(_, s)| kind(doc, s) == "string")
                .map(|(name, _)| name.clone())
                .collect();
            body_string_fields.sort();
            out.push(Operation {
                method,
                path: path.clone(),
                security,
                params,
                json_body: !json.is_null(),
                body_array,
                body_string_fields,
                body_required: op["requestBody"]["required"].as_bool().unwrap_or(false),
                multipart: !content["multipart/form-data"].is_null(),
            });
        }
    }
    out.sort_by(|a, b| (&a.path, a.method.as_str()).cmp(&(&b.path, b.method.as_str())));
    out
}

/// Follows `$ref`s to a schema.
pub fn resolve(doc: &Value, schema: &Value) -> Value {
    let mut schema = schema.clone();
    for _ in 0..8 {
        let Some(reference) = schema["$ref"].as_str() else {
            break;
        };
        let pointer = reference.trim_start_matches('#');
        schema = doc.pointer(pointer).cloned().unwrap_or(Value::Null);
    }
    schema
}

fn one_of(doc: &Value, schema: &Value) -> Vec<Value> {
    ["oneOf", "anyOf", "allOf"]
        .iter()
        .flat_map(|k| schema[*k].as_array().cloned().unwrap_or_default())
        .map(|s| resolve(doc, &s))
        .collect()
}

/// The kind of value a schema takes, ignoring `null`.
fn kind(doc: &Value, schema: &Value) -> &'static str {
    let schema = resolve(doc, schema);
    let types: Vec<String> = match &schema["type"] {
        Value::String(t) => vec![t.clone()],
        Value::Array(ts) => ts
            .iter()
            .filter_map(|t| t.as_str().map(str::to_string))
            .collect(),
        _ => vec![],
    };
    for t in ["string", "integer", "number", "boolean"] {
        if types.iter().any(|x| x == t) {
            return match t {
                "string" => "string",
                "integer" => "integer",
                "number" => "number",
                _ => "boolean",
            };
        }
    }
    if schema["enum"]
        .as_array()
        .is_some_and(|e| e.iter().any(Value::is_string))
    {
        return "string";
    }
    one_of(doc, &schema)
        .iter()
        .map(|s| kind(doc, s))
        .find(|k| *k != "other")
        .unwrap_or("other")
}
