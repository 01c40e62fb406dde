//! Celery protocol v2, JSON serializer: the wire format of every TTS queue.
//!
//! A message is AMQP properties (`content_type=application/json`, `content_encoding=utf-8`,
//! `correlation_id` = task id, `delivery_mode=2`), headers (`task`, `id`, `root_id`, `retries`, …)
//! and a body `[args, kwargs, {"callbacks", "errbacks", "chain", "chord"}]`.
//! [`TaskMessage`] keeps every header and property it was given, so a decoded message re-encodes
//! to the same meaning; messages TTS creates carry the same headers a Celery 5.5 client would.

use lapin::BasicProperties;
use lapin::types::{AMQPValue, FieldArray, FieldTable, LongString, ShortString};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

pub const CONTENT_TYPE: &str = "application/json";
pub const CONTENT_ENCODING: &str = "utf-8";

/// AMQP properties Celery sets, as plain values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageProperties {
    pub content_type: String,
    pub content_encoding: String,
    pub delivery_mode: u8,
    pub priority: u8,
    pub correlation_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
}

/// One Celery task message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskMessage {
    /// Task id (a UUID in practice): the dedup key consumers use.
    pub id: String,
    /// Task name, e.g. `tickets.tasks.receive_ticket`: what kind of message this is.
    pub task: String,
    pub args: Vec<Value>,
    pub kwargs: Map<String, Value>,
    /// Third body element: `callbacks`, `errbacks`, `chain`, `chord`.
    pub embed: Map<String, Value>,
    /// Every AMQP header, `task` and `id` included.
    pub headers: Map<String, Value>,
    pub properties: MessageProperties,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("unsupported content type {0:?}: only application/json is accepted")]
    ContentType(String),
    #[error("body is not JSON: {0}")]
    Json(String),
    #[error("body is not a Celery v2 body [args, kwargs, embed]")]
    Shape,
    #[error("header `{0}` is missing or not a string")]
    Header(&'static str),
}

fn empty_embed() -> Map<String, Value> {
    let mut embed = Map::new();
    for key in ["callbacks", "errbacks", "chain", "chord"] {
        embed.insert(key.into(), Value::Null);
    }
    embed
}

impl TaskMessage {
    /// A new message with a fresh id and the headers a Celery 5.5 client sends.
    pub fn new(task: &str, args: Vec<Value>, kwargs: Map<String, Value>) -> Self {
        Self::with_id(uuid::Uuid::new_v4().to_string(), task, args, kwargs)
    }

    pub fn with_id(id: String, task: &str, args: Vec<Value>, kwargs: Map<String, Value>) -> Self {
        let mut headers = Map::new();
        let mut put = |k: &str, v: Value| {
            headers.insert(k.to_string(), v);
        };
        put("lang", "py".into());
        put("task", task.into());
        put("id", id.clone().into());
        put("shadow", Value::Null);
        put("eta", Value::Null);
        put("expires", Value::Null);
        put("group", Value::Null);
        put("group_index", Value::Null);
        put("retries", 0.into());
        put("timelimit", Value::Array(vec![Value::Null, Value::Null]));
        put("root_id", id.clone().into());
        put("parent_id", Value::Null);
        put("argsrepr", py_repr_args(&args).into());
        put("kwargsrepr", py_repr(&Value::Object(kwargs.clone())).into());
        put("origin", origin().into());
        put("ignore_result", false.into());
        put("replaced_task_nesting", 0.into());
        put("stamped_headers", Value::Null);
        put("stamps", Value::Object(Map::new()));
        if let Some(request_id) = crate::telemetry::current_request_id() {
            put(crate::telemetry::REQUEST_ID_AMQP_HEADER, request_id.into());
        }
        TaskMessage {
            properties: MessageProperties {
                content_type: CONTENT_TYPE.into(),
                content_encoding: CONTENT_ENCODING.into(),
                delivery_mode: 2,
                priority: 0,
                correlation_id: id.clone(),
                reply_to: None,
            },
            id,
            task: task.to_string(),
            args,
            kwargs,
            embed: empty_embed(),
            headers,
        }
    }

    /// Celery's retry counter (`retries` header).
    pub fn retries(&self) -> u32 {
        self.headers
            .get("retries")
            .and_then(Value::as_u64)
            .unwrap_or(0)
            .min(u32::MAX as u64) as u32
    }

    pub fn set_header(&mut self, key: &str, value: impl Into<Value>) {
        self.headers.insert(key.to_string(), value.into());
    }

    pub fn request_id(&self) -> Option<&str> {
        self.headers
            .get(crate::telemetry::REQUEST_ID_AMQP_HEADER)
            .and_then(Value::as_str)
    }

    /// The body bytes: `[args, kwargs, embed]`.
    pub fn body(&self) -> Vec<u8> {
        serde_json::to_vec(&(&self.args, &self.kwargs, &self.embed))
            .expect("JSON values always serialise")
    }

    /// Properties and body ready for `basic_publish`.
    pub fn encode(&self) -> (BasicProperties, Vec<u8>) {
        let p = &self.properties;
        let mut props = BasicProperties::default()
            .with_content_type(ShortString::from(p.content_type.as_str()))
            .with_content_encoding(ShortString::from(p.content_encoding.as_str()))
            .with_delivery_mode(p.delivery_mode)
            .with_priority(p.priority)
            .with_correlation_id(ShortString::from(p.correlation_id.as_str()))
            .with_headers(json_to_table(&self.headers));
        if let Some(reply_to) = &p.reply_to {
            props = props.with_reply_to(ShortString::from(reply_to.as_str()));
        }
        (props, self.body())
    }

    /// Reads a delivered message. Anything that is not Celery v2 JSON is a [`DecodeError`].
    pub fn decode(props: &BasicProperties, body: &[u8]) -> Result<Self, DecodeError> {
        let content_type = props
            .content_type()
            .as_ref()
            .map(|s| s.as_str().to_string())
            .unwrap_or_else(|| CONTENT_TYPE.to_string());
        if content_type != CONTENT_TYPE {
            return Err(DecodeError::ContentType(content_type));
        }
        let headers = props
            .headers()
            .as_ref()
            .map(table_to_json)
            .unwrap_or_default();
        let task = headers
            .get("task")
            .and_then(Value::as_str)
            .ok_or(DecodeError::Header("task"))?
            .to_string();
        let id = headers
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| props.correlation_id().as_ref().map(|s| s.to_string()))
            .ok_or(DecodeError::Header("id"))?;
        let value: Value =
            serde_json::from_slice(body).map_err(|e| DecodeError::Json(e.to_string()))?;
        let Value::Array(mut parts) = value else {
            return Err(DecodeError::Shape);
        };
        if !(2..=3).contains(&parts.len()) {
            return Err(DecodeError::Shape);
        }
        let embed = match parts.get_mut(2).map(Value::take) {
            None | Some(Value::Null) => empty_embed(),
            Some(Value::Object(m)) => m,
            Some(_) => return Err(DecodeError::Shape),
        };
        let kwargs = match parts[1].take() {
            Value::Object(m) => m,
            Value::Null => Map::new(),
            _ => return Err(DecodeError::Shape),
        };
        let args = match parts[0].take() {
            Value::Array(a) => a,
            Value::Null => Vec::new(),
            _ => return Err(DecodeError::Shape),
        };
        Ok(TaskMessage {
            properties: MessageProperties {
                content_type,
                content_encoding: props
                    .content_encoding()
                    .as_ref()
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| CONTENT_ENCODING.into()),
                delivery_mode: props.delivery_mode().unwrap_or(2),
                priority: props.priority().unwrap_or(0),
                correlation_id: props
                    .correlation_id()
                    .as_ref()
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| id.clone()),
                reply_to: props.reply_to().as_ref().map(|s| s.to_string()),
            },
            id,
            task,
            args,
            kwargs,
            embed,
            headers,
        })
    }
}

fn origin() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "localhost".into());
    format!("gen{}@{host}", std::process::id())
}

/// JSON → AMQP field value, the way py-amqp encodes Python values.
pub fn json_to_amqp(value: &Value) -> AMQPValue {
    match value {
        Value::Null => AMQPValue::Void,
        Value::Bool(b) => AMQPValue::Boolean(*b),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => AMQPValue::LongLongInt(i),
            (None, Some(f)) => AMQPValue::Double(f),
            (None, None) => AMQPValue::LongString(LongString::from(n.to_string())),
        },
        Value::String(s) => AMQPValue::LongString(LongString::from(s.as_str())),
        Value::Array(items) => {
            let mut array = FieldArray::default();
            for item in items {
                array.push(json_to_amqp(item));
            }
            AMQPValue::FieldArray(array)
        }
        Value::Object(map) => AMQPValue::FieldTable(json_to_table(map)),
    }
}

pub fn json_to_table(map: &Map<String, Value>) -> FieldTable {
    let mut table = FieldTable::default();
    for (k, v) in map {
        table.insert(ShortString::from(k.as_str()), json_to_amqp(v));
    }
    table
}

/// AMQP field value → JSON.
pub fn amqp_to_json(value: &AMQPValue) -> Value {
    match value {
        AMQPValue::Boolean(b) => Value::Bool(*b),
        AMQPValue::ShortShortInt(i) => (*i).into(),
        AMQPValue::ShortShortUInt(i) => (*i).into(),
        AMQPValue::ShortInt(i) => (*i).into(),
        AMQPValue::ShortUInt(i) => (*i).into(),
        AMQPValue::LongInt(i) => (*i).into(),
        AMQPValue::LongUInt(i) => (*i).into(),
        AMQPValue::LongLongInt(i) => (*i).into(),
        AMQPValue::Timestamp(t) => (*t).into(),
        AMQPValue::Float(f) => Number::from_f64(f64::from(*f))
            .map(Value::Number)
            .unwrap_or(Value::Null),
        AMQPValue::Double(f) => Number::from_f64(*f)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        AMQPValue::DecimalValue(d) => {
            let v = f64::from(d.value) / 10f64.powi(i32::from(d.scale));
            Number::from_f64(v)
                .map(Value::Number)
                .unwrap_or(Value::Null)
        }
        AMQPValue::ShortString(s) => Value::String(s.to_string()),
        AMQPValue::LongString(s) => Value::String(String::from_utf8_lossy(s.as_bytes()).into()),
        AMQPValue::ByteArray(b) => Value::String(String::from_utf8_lossy(b.as_slice()).into()),
        AMQPValue::FieldArray(a) => Value::Array(a.as_slice().iter().map(amqp_to_json).collect()),
        AMQPValue::FieldTable(t) => Value::Object(table_to_json(t)),
        AMQPValue::Void => Value::Null,
    }
}

pub fn table_to_json(table: &FieldTable) -> Map<String, Value> {
    table
        .inner()
        .iter()
        .map(|(k, v)| (k.to_string(), amqp_to_json(v)))
        .collect()
}

/// Python `repr` of an args list, as Celery puts in `argsrepr` for people reading the broker.
fn py_repr_args(args: &[Value]) -> String {
    py_repr(&Value::Array(args.to_vec()))
}

fn py_repr(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(py_repr).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", py_repr(&Value::String(k.clone())), py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_message_has_celery_headers_and_properties() {
        let mut kwargs = Map::new();
        kwargs.insert("user_id".into(), 7.into());
        let m = TaskMessage::new("notifications.sync_user_email", vec![], kwargs);
        for key in [
            "lang",
            "task",
            "id",
            "root_id",
            "parent_id",
            "group",
            "retries",
            "eta",
            "expires",
            "timelimit",
            "argsrepr",
            "kwargsrepr",
            "origin",
        ] {
            assert!(m.headers.contains_key(key), "missing header {key}");
        }
        assert_eq!(m.headers["id"], Value::String(m.id.clone()));
        assert_eq!(m.properties.correlation_id, m.id);
        assert_eq!(m.headers["kwargsrepr"], "{'user_id': 7}");
        let (props, body) = m.encode();
        let back = TaskMessage::decode(&props, &body).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn rejects_what_is_not_celery_json() {
        let props = BasicProperties::default().with_headers(json_to_table(
            serde_json::json!({"task": "t", "id": "1"})
                .as_object()
                .unwrap(),
        ));
        assert!(matches!(
            TaskMessage::decode(&props, b"not json"),
            Err(DecodeError::Json(_))
        ));
        assert_eq!(
            TaskMessage::decode(&props, b"{\"a\": 1}"),
            Err(DecodeError::Shape)
        );
        let pickle = props
            .clone()
            .with_content_type("application/x-python-serialize".into());
        assert!(matches!(
            TaskMessage::decode(&pickle, b"[[],{},{}]"),
            Err(DecodeError::ContentType(_))
        ));
        let no_task = BasicProperties::default();
        assert_eq!(
            TaskMessage::decode(&no_task, b"[[],{},{}]"),
            Err(DecodeError::Header("task"))
        );
    }

    #[test]
    fn py_repr_matches_python() {
        let v = serde_json::json!([{"a": null, "b": true, "c": "it's"}, 1.5]);
        assert_eq!(
            py_repr(&v),
            r#"[{'a': None, 'b': True, 'c': 'it\'s'}, 1.5]"#
        );
    }
}
