//! Designing workflows: drafts, validation, publishing immutable versions, pausing.
//! Each operation is one transaction that locks the workflow, and is recorded in the audit log.

use std::collections::HashSet;

use diesel_async::{AsyncConnection, AsyncPgConnection};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tts_shared::auth::AuthUser;
use tts_shared::http::FieldError;
use utoipa::ToSchema;

use crate::AppState;
use crate::domain::address::AllowList;
use crate::domain::calendar::Calendar;
use crate::domain::graph::{self, Graph, Problem, StepDef, TransitionDef};
use crate::domain::{duration, matching};
use crate::error::WorkflowError;
use crate::store::audit::{self, Actor};
use crate::store::roles;
use crate::store::workflows::{self, Draft, VersionRow, WorkflowFields, WorkflowRow};

/// End actions a workflow may name.
pub const END_ACTIONS: [&str; 5] = ["none", "asset", "budget", "notification", "webhook"];

/// Who is called when a task of the workflow completes (the schema of [`END_ACTIONS`]).
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum EndAction {
    None,
    Asset,
    Budget,
    Notification,
    Webhook,
}

/// Where a workflow stands: a `draft` was never published; `active` takes tickets; `paused`
/// stops taking them; `archived` is kept for its tasks and history.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum WorkflowStatus {
    Draft,
    Active,
    Paused,
    Archived,
}

/// Body of `POST /workflows/`. `name`, `department`, `category` and the four SLAs are required
/// (a missing one is reported with the others as 422).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "Hardware any", "department": "IT Department", "category": "IT Support", "sub_category": null,
    "low_sla": "P5D", "medium_sla": "P2D", "high_sla": "PT8H", "urgent_sla": "PT2H", "high_response_sla": "PT1H",
    "graph": {
        "steps": [
            {"key": "triage", "name": "Triage", "role_id": 4, "weight": 1, "is_start": true, "instruction": "Check the ticket"},
            {"key": "approve", "name": "Approval", "role_id": 5, "escalate_to_role_id": 4, "weight": 2},
            {"key": "resolve", "name": "Resolution", "role_id": 4, "weight": 1, "is_end": true}
        ],
        "transitions": [
            {"key": "submit", "from": "triage", "to": "approve", "name": "Submit"},
            {"key": "approve", "from": "approve", "to": "resolve", "name": "Approve"},
            {"key": "reject", "from": "approve", "to": "triage", "name": "Reject"}
        ]
    }
}))]
pub struct NewWorkflow {
    /// 1–255 characters; unique (ignoring case) among workflows that are not archived.
    #[schema(max_length = 255, example = "Hardware any")]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Tickets of this department (and category) are matched to the workflow.
    #[schema(max_length = 255, example = "IT Department")]
    pub department: Option<String>,
    #[schema(max_length = 255, example = "IT Support")]
    pub category: Option<String>,
    /// Absent: the workflow takes every sub-category of its category without a workflow of its own.
    #[serde(default)]
    pub sub_category: Option<String>,
    /// Resolution SLA of low-priority tickets: an ISO-8601 duration of weeks, days, hours,
    /// minutes, seconds (no years or months), longer than medium's.
    #[schema(
        pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$",
        example = "P5D"
    )]
    pub low_sla: Option<String>,
    /// Longer than high's.
    #[schema(
        pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$",
        example = "P2D"
    )]
    pub medium_sla: Option<String>,
    /// Longer than urgent's.
    #[schema(
        pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$",
        example = "PT8H"
    )]
    pub high_sla: Option<String>,
    #[schema(
        pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$",
        example = "PT2H"
    )]
    pub urgent_sla: Option<String>,
    /// Optional first-response SLA per priority (ISO-8601, e.g. `PT4H`): how long the first
    /// public staff reply may take. Shorter than the priority's SLA; absent: no target.
    #[serde(default)]
    #[schema(
        pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$",
        example = "P1D"
    )]
    pub low_response_sla: Option<String>,
    #[serde(default)]
    #[schema(
        pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$",
        example = "PT8H"
    )]
    pub medium_response_sla: Option<String>,
    #[serde(default)]
    #[schema(
        pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$",
        example = "PT1H"
    )]
    pub high_response_sla: Option<String>,
    #[serde(default)]
    #[schema(
        pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$",
        example = "PT30M"
    )]
    pub urgent_response_sla: Option<String>,
    /// The draft graph; absent: an empty one.
    #[serde(default)]
    #[schema(value_type = Option<Graph>)]
    pub graph: Option<Graph>,
    /// Business hours SLA time counts in; absent: around the clock.
    #[serde(default)]
    #[schema(value_type = Option<Calendar>)]
    pub calendar: Option<Value>,
    /// Escalate an item to its step's `escalate_to_role_id` role when it breaches (default false).
    #[serde(default)]
    pub escalate_on_breach: Option<bool>,
    /// Who is called when a task completes (default `none`).
    #[serde(default)]
    #[schema(value_type = Option<EndAction>)]
    pub end_action: Option<String>,
    /// The URL called for the `webhook` end action.
    #[serde(default)]
    #[schema(example = "https://hooks.example.com/tts")]
    pub end_webhook_url: Option<String>,
}

/// Body of `PATCH /workflows/{id}/`: any subset of the details (the rules of `POST /workflows/`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"high_sla": "PT6H", "high_response_sla": null, "calendar": {
    "time_zone": "Asia/Manila",
    "hours": [[{"start": "08:00", "end": "17:00"}], [{"start": "08:00", "end": "17:00"}], [{"start": "08:00", "end": "17:00"}],
              [{"start": "08:00", "end": "17:00"}], [{"start": "08:00", "end": "17:00"}], [], []],
    "holidays": ["2026-12-25"]}}))]
pub struct WorkflowPatch {
    #[schema(max_length = 255)]
    pub name: Option<String>,
    pub description: Option<String>,
    #[schema(max_length = 255)]
    pub department: Option<String>,
    #[schema(max_length = 255)]
    pub category: Option<String>,
    /// Empty string clears it.
    pub sub_category: Option<String>,
    #[schema(
        pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$",
        example = "P5D"
    )]
    pub low_sla: Option<String>,
    #[schema(
        pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$",
        example = "P2D"
    )]
    pub medium_sla: Option<String>,
    #[schema(
        pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$",
        example = "PT8H"
    )]
    pub high_sla: Option<String>,
    #[schema(
        pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$",
        example = "PT2H"
    )]
    pub urgent_sla: Option<String>,
    /// First-response SLAs (ISO-8601); `null` removes a priority's first-response target.
    #[serde(default, deserialize_with = "present_text")]
    #[schema(value_type = Option<String>, pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$")]
    pub low_response_sla: Option<Option<String>>,
    #[serde(default, deserialize_with = "present_text")]
    #[schema(value_type = Option<String>, pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$")]
    pub medium_response_sla: Option<Option<String>>,
    #[serde(default, deserialize_with = "present_text")]
    #[schema(value_type = Option<String>, pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$")]
    pub high_response_sla: Option<Option<String>>,
    #[serde(default, deserialize_with = "present_text")]
    #[schema(value_type = Option<String>, pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$")]
    pub urgent_response_sla: Option<Option<String>>,
    /// A calendar, or `null` to count around the clock.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Calendar>)]
    pub calendar: Option<Option<Value>>,
    pub escalate_on_breach: Option<bool>,
    #[schema(value_type = Option<EndAction>)]
    pub end_action: Option<String>,
    /// Empty string clears it.
    pub end_webhook_url: Option<String>,
}

/// Tells an absent field (`None`) from an explicit `null` (`Some(None)`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<Value>>, D::Error> {
    Ok(Some(Option::<Value>::deserialize(d)?))
}

/// Tells an absent text field (`None`) from an explicit `null` (`Some(None)`).
fn present_text<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<String>>, D::Error> {
    Ok(Some(Option::<String>::deserialize(d)?))
}

/// First-response SLAs per priority (ISO-8601); null where a priority has none.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"low": null, "medium": null, "high": "PT1H", "urgent": "PT30M"}))]
pub struct ResponseSlas {
    #[schema(pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$")]
    pub low: Option<String>,
    #[schema(pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$")]
    pub medium: Option<String>,
    #[schema(pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$")]
    pub high: Option<String>,
    #[schema(pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$")]
    pub urgent: Option<String>,
}

impl ResponseSlas {
    fn from_seconds([low, medium, high, urgent]: [Option<i64>; 4]) -> Self {
        ResponseSlas {
            low: low.map(seconds_iso),
            medium: medium.map(seconds_iso),
            high: high.map(seconds_iso),
            urgent: urgent.map(seconds_iso),
        }
    }
}

/// Resolution SLA per priority, in the canonical ISO-8601 form (days, then `T`, hours,
/// minutes, seconds; `P1DT2H`).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"low": "P5D", "medium": "P2D", "high": "PT8H", "urgent": "PT2H"}))]
pub struct Slas {
    #[schema(pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$")]
    pub low: String,
    #[schema(pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$")]
    pub medium: String,
    #[schema(pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$")]
    pub high: String,
    #[schema(pattern = r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$")]
    pub urgent: String,
}

/// A workflow's details; the detail view adds its draft graph.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "name": "Hardware any", "description": "", "department": "IT Department", "category": "IT Support",
    "sub_category": null, "slas": {"low": "P5D", "medium": "P2D", "high": "PT8H", "urgent": "PT2H"},
    "response_slas": {"low": null, "medium": null, "high": "PT1H", "urgent": null}, "status": "active",
    "latest_version": 1, "calendar": null, "escalate_on_breach": false, "end_action": "none", "end_webhook_url": null,
    "created_by": 1, "created_at": "2026-12-01T23:58:12.402311Z", "updated_at": "2026-12-01T23:58:12.431054Z"
}))]
pub struct WorkflowView {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub department: String,
    pub category: String,
    pub sub_category: Option<String>,
    pub slas: Slas,
    /// First-response SLAs per priority (null: none).
    pub response_slas: ResponseSlas,
    #[schema(value_type = WorkflowStatus)]
    pub status: String,
    /// The newest published version; null for a draft.
    pub latest_version: Option<i32>,
    /// Business hours SLA time counts in; null: around the clock.
    #[schema(value_type = Option<Calendar>)]
    pub calendar: Option<Value>,
    pub escalate_on_breach: bool,
    #[schema(value_type = EndAction)]
    pub end_action: String,
    pub end_webhook_url: Option<String>,
    pub created_by: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// The draft graph, with ids; in the detail view (and the designer's answers) only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub graph: Option<GraphView>,
}

/// A saved step: its id beside the step as the designer wrote it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": 12, "key": "approve", "name": "Approval", "role_id": 5, "escalate_to_role_id": 4,
    "weight": 2, "instruction": "", "is_start": false, "is_end": false, "design": null}))]
pub struct StepView {
    /// Stays the same while the step keeps its key.
    pub id: i64,
    #[serde(flatten)]
    pub step: StepDef,
}

/// A saved transition: its id beside the transition as the designer wrote it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": 7, "key": "approve", "from": "approve", "to": "resolve", "name": "Approve"}))]
pub struct TransitionView {
    /// Stays the same while the transition keeps its key.
    pub id: i64,
    #[serde(flatten)]
    pub transition: TransitionDef,
}

/// A saved graph, each step and transition with its id.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "steps": [
        {"id": 11, "key": "triage", "name": "Triage", "role_id": 4, "escalate_to_role_id": null, "weight": 1, "instruction": "Check the ticket", "is_start": true, "is_end": false, "design": null},
        {"id": 12, "key": "approve", "name": "Approval", "role_id": 5, "escalate_to_role_id": 4, "weight": 2, "instruction": "", "is_start": false, "is_end": false, "design": null},
        {"id": 13, "key": "resolve", "name": "Resolution", "role_id": 4, "escalate_to_role_id": null, "weight": 1, "instruction": "", "is_start": false, "is_end": true, "design": null}
    ],
    "transitions": [
        {"id": 6, "key": "submit", "from": "triage", "to": "approve", "name": "Submit"},
        {"id": 7, "key": "approve", "from": "approve", "to": "resolve", "name": "Approve"},
        {"id": 8, "key": "reject", "from": "approve", "to": "triage", "name": "Reject"}
    ]
}))]
pub struct GraphView {
    pub steps: Vec<StepView>,
    pub transitions: Vec<TransitionView>,
}

fn seconds_iso(seconds: i64) -> String {
    duration::format(chrono::Duration::seconds(seconds))
}

/// The graph with each step's and transition's id beside its key. [`workflows::draft`] records
/// an id for every step and transition it loads, so none is missing.
pub fn graph_with_ids(draft: &Draft) -> GraphView {
    GraphView {
        steps: draft
            .graph
            .steps
            .iter()
            .map(|s| StepView {
                id: draft.step_ids.get(&s.key).copied().unwrap_or_default(),
                step: s.clone(),
            })
            .collect(),
        transitions: draft
            .graph
            .transitions
            .iter()
            .map(|t| TransitionView {
                id: draft
                    .transition_ids
                    .get(&t.key)
                    .copied()
                    .unwrap_or_default(),
                transition: t.clone(),
            })
            .collect(),
    }
}

impl WorkflowView {
    pub fn new(w: &WorkflowRow, draft: Option<&Draft>) -> Self {
        WorkflowView {
            id: w.id,
            name: w.name.clone(),
            description: w.description.clone(),
            department: w.department.clone(),
            category: w.category.clone(),
            sub_category: w.sub_category.clone(),
            slas: Slas {
                low: seconds_iso(w.low_sla_seconds),
                medium: seconds_iso(w.medium_sla_seconds),
                high: seconds_iso(w.high_sla_seconds),
                urgent: seconds_iso(w.urgent_sla_seconds),
            },
            response_slas: ResponseSlas::from_seconds([
                w.low_response_sla_seconds,
                w.medium_response_sla_seconds,
                w.high_response_sla_seconds,
                w.urgent_response_sla_seconds,
            ]),
            status: w.status.clone(),
            latest_version: w.latest_version,
            calendar: w.calendar.clone(),
            escalate_on_breach: w.escalate_on_breach,
            end_action: w.end_action.clone(),
            end_webhook_url: w.end_webhook_url.clone(),
            created_by: w.created_by,
            created_at: w.created_at,
            updated_at: w.updated_at,
            graph: draft.map(graph_with_ids),
        }
    }
}

/// A published version: what it matches and its SLAs; the detail view adds the frozen graph.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "workflow_id": 1, "version": 1, "department": "IT Department", "category": "IT Support", "sub_category": null,
    "slas": {"low": "P5D", "medium": "P2D", "high": "PT8H", "urgent": "PT2H"},
    "response_slas": {"low": null, "medium": null, "high": null, "urgent": null},
    "published_by": 1, "published_at": "2026-12-01T23:58:12.517820Z"
}))]
pub struct VersionView {
    pub workflow_id: i64,
    pub version: i32,
    pub department: String,
    pub category: String,
    pub sub_category: Option<String>,
    pub slas: Slas,
    /// The frozen first-response SLAs (null: none).
    pub response_slas: ResponseSlas,
    pub published_by: i64,
    pub published_at: chrono::DateTime<chrono::Utc>,
    /// The frozen graph and SLAs; in the detail view (and the publish answer) only.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<VersionDefinition>)]
    pub definition: Option<Value>,
}

/// What a version froze: the graph (with the draft's ids) and the SLAs.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionDefinition {
    pub graph: GraphView,
    pub slas: Slas,
    pub response_slas: ResponseSlas,
}

impl VersionView {
    pub fn new(v: &VersionRow, with_definition: bool) -> Self {
        VersionView {
            workflow_id: v.workflow_id,
            version: v.version,
            department: v.department.clone(),
            category: v.category.clone(),
            sub_category: v.sub_category.clone(),
            slas: Slas {
                low: seconds_iso(v.low_sla_seconds),
                medium: seconds_iso(v.medium_sla_seconds),
                high: seconds_iso(v.high_sla_seconds),
                urgent: seconds_iso(v.urgent_sla_seconds),
            },
            response_slas: ResponseSlas::from_seconds([
                v.low_response_sla_seconds,
                v.medium_response_sla_seconds,
                v.high_response_sla_seconds,
                v.urgent_response_sla_seconds,
            ]),
            published_by: v.published_by,
            published_at: v.published_at,
            definition: with_definition.then(|| v.definition.clone()),
        }
    }
}

/// Reads and checks every field, reporting all problems at once.
struct Fields<'a> {
    problems: Vec<FieldError>,
    base: Option<&'a WorkflowRow>,
    /// `end_webhook_allowed_hosts`: where a webhook may point although it is not public.
    allowed_hosts: &'a AllowList,
}

impl Fields<'_> {
    fn problem(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    fn text(
        &mut self,
        field: &str,
        value: Option<&str>,
        current: Option<&str>,
        required: bool,
    ) -> String {
        match value.map(str::trim) {
            Some(v) if v.chars().count() > 255 => {
                self.problem(field, "must be at most 255 characters");
                String::new()
            }
            Some("") if required => {
                self.problem(field, "must not be blank");
                String::new()
            }
            Some(v) => v.to_string(),
            None => match current {
                Some(c) => c.to_string(),
                None => {
                    if required {
                        self.problem(field, "is required");
                    }
                    String::new()
                }
            },
        }
    }

    fn sla(&mut self, field: &str, value: Option<&str>, current: Option<i64>) -> i64 {
        match (value, current) {
            (Some(text), _) => match duration::parse(text) {
                Ok(d) => d.num_seconds(),
                Err(message) => {
                    self.problem(field, message);
                    0
                }
            },
            (None, Some(seconds)) => seconds,
            (None, None) => {
                self.problem(field, "is required (ISO-8601 duration, e.g. PT8H)");
                0
            }
        }
    }

    /// An optional first-response SLA: parsed when given, cleared by `null`, else kept; and
    /// when both it and its priority's SLA are known, it must be shorter.
    fn response_sla(
        &mut self,
        field: &str,
        value: Option<&Option<String>>,
        current: Option<i64>,
        resolution: i64,
    ) -> Option<i64> {
        let seconds = match value {
            Some(Some(text)) => match duration::parse(text) {
                Ok(d) => Some(d.num_seconds()),
                Err(message) => {
                    self.problem(field, message);
                    return None;
                }
            },
            Some(None) => None,
            None => current,
        };
        if let Some(seconds) = seconds
            && resolution > 0
            && seconds >= resolution
        {
            self.problem(
                field,
                format!(
                    "must be shorter than the resolution SLA of its priority ({}), but it is {}",
                    seconds_iso(resolution),
                    seconds_iso(seconds)
                ),
            );
        }
        seconds
    }

    fn calendar(&mut self, value: &Value) -> Option<Value> {
        match serde_json::from_value::<crate::domain::calendar::Calendar>(value.clone()) {
            Ok(calendar) => {
                let problems = calendar.validate();
                if problems.is_empty() {
                    return Some(value.clone());
                }
                for problem in problems {
                    self.problem("calendar", problem);
                }
                None
            }
            Err(e) => {
                self.problem("calendar", format!("is not a calendar: {e}"));
                None
            }
        }
    }

    fn build(
        mut self,
        p: &WorkflowPatch,
    ) -> Result<(WorkflowFields, [Option<i64>; 4]), WorkflowError> {
        let b = self.base;
        let fields = WorkflowFields {
            name: self.text("name", p.name.as_deref(), b.map(|w| w.name.as_str()), true),
            description: p
                .description
                .clone()
                .or_else(|| b.map(|w| w.description.clone()))
                .unwrap_or_default(),
            department: self.text(
                "department",
                p.department.as_deref(),
                b.map(|w| w.department.as_str()),
                true,
            ),
            category: self.text(
                "category",
                p.category.as_deref(),
                b.map(|w| w.category.as_str()),
                true,
            ),
            sub_category: match p.sub_category.as_deref().map(str::trim) {
                Some("") => None,
                Some(v) => Some(v.to_string()),
                None => b.and_then(|w| w.sub_category.clone()),
            },
            low_sla_seconds: self.sla(
                "low_sla",
                p.low_sla.as_deref(),
                b.map(|w| w.low_sla_seconds),
            ),
            medium_sla_seconds: self.sla(
                "medium_sla",
                p.medium_sla.as_deref(),
                b.map(|w| w.medium_sla_seconds),
            ),
            high_sla_seconds: self.sla(
                "high_sla",
                p.high_sla.as_deref(),
                b.map(|w| w.high_sla_seconds),
            ),
            urgent_sla_seconds: self.sla(
                "urgent_sla",
                p.urgent_sla.as_deref(),
                b.map(|w| w.urgent_sla_seconds),
            ),
            calendar: match &p.calendar {
                Some(Some(value)) => self.calendar(value),
                Some(None) => None,
                None => b.and_then(|w| w.calendar.clone()),
            },
            escalate_on_breach: p
                .escalate_on_breach
                .or(b.map(|w| w.escalate_on_breach))
                .unwrap_or(false),
            end_action: match p.end_action.as_deref() {
                Some(a) if END_ACTIONS.contains(&a) => a.to_string(),
                Some(a) => {
                    self.problem(
                        "end_action",
                        format!("`{a}` is not one of {}", END_ACTIONS.join(", ")),
                    );
                    String::new()
                }
                None => b
                    .map(|w| w.end_action.clone())
                    .unwrap_or_else(|| "none".into()),
            },
            end_webhook_url: match p.end_webhook_url.as_deref().map(str::trim) {
                Some("") => None,
                Some(url) => match crate::end_logic::check_webhook_url(url, self.allowed_hosts) {
                    Ok(()) => Some(url.to_string()),
                    Err(problem) => {
                        self.problem("end_webhook_url", problem);
                        None
                    }
                },
                None => b.and_then(|w| w.end_webhook_url.clone()),
            },
        };
        let response = [
            (
                "low_response_sla",
                &p.low_response_sla,
                b.and_then(|w| w.low_response_sla_seconds),
                fields.low_sla_seconds,
            ),
            (
                "medium_response_sla",
                &p.medium_response_sla,
                b.and_then(|w| w.medium_response_sla_seconds),
                fields.medium_sla_seconds,
            ),
            (
                "high_response_sla",
                &p.high_response_sla,
                b.and_then(|w| w.high_response_sla_seconds),
                fields.high_sla_seconds,
            ),
            (
                "urgent_response_sla",
                &p.urgent_response_sla,
                b.and_then(|w| w.urgent_response_sla_seconds),
                fields.urgent_sla_seconds,
            ),
        ]
        .map(|(field, value, current, resolution)| {
            self.response_sla(field, value.as_ref(), current, resolution)
        });
        if self.problems.is_empty() {
            Ok((fields, response))
        } else {
            Err(WorkflowError::Invalid(self.problems))
        }
    }
}

pub async fn create(
    state: &AppState,
    user: &AuthUser,
    input: NewWorkflow,
) -> Result<WorkflowView, WorkflowError> {
    let patch = WorkflowPatch {
        name: input.name,
        description: input.description,
        department: input.department,
        category: input.category,
        sub_category: input.sub_category,
        low_sla: input.low_sla,
        medium_sla: input.medium_sla,
        high_sla: input.high_sla,
        urgent_sla: input.urgent_sla,
        low_response_sla: input.low_response_sla.map(Some),
        medium_response_sla: input.medium_response_sla.map(Some),
        high_response_sla: input.high_response_sla.map(Some),
        urgent_response_sla: input.urgent_response_sla.map(Some),
        calendar: input.calendar.map(Some),
        escalate_on_breach: input.escalate_on_breach,
        end_action: input.end_action,
        end_webhook_url: input.end_webhook_url,
    };
    let (fields, response) = Fields {
        problems: Vec::new(),
        base: None,
        allowed_hosts: &state.settings.end_webhook_allowed_hosts,
    }
    .build(&patch)?;
    let graph = input.graph.unwrap_or_default();
    let mut conn = state.platform.db().conn().await?;
    conn.transaction(async |conn| {
        refuse_taken_name(conn, &fields.name, None).await?;
        let workflow = workflows::insert(conn, &fields, user.user_id).await?;
        let workflow = workflows::set_response_slas(conn, workflow.id, response).await?;
        let draft = workflows::replace_graph(conn, workflow.id, &graph).await?;
        let view = WorkflowView::new(&workflow, Some(&draft));
        audit::record(
            conn,
            Actor::from(user),
            "workflow.created",
            ("workflow", &workflow.id.to_string()),
            None,
            Some(json!(view)),
        )
        .await?;
        Ok(view)
    })
    .await
}

/// 409 naming the other workflow when a workflow that is not archived already has `name`
/// (compared ignoring case and surrounding spaces).
async fn refuse_taken_name(
    conn: &mut AsyncPgConnection,
    name: &str,
    except: Option<i64>,
) -> Result<(), WorkflowError> {
    workflows::lock_names(conn).await?;
    match workflows::other_with_name(conn, name, except).await? {
        Some(other) => Err(WorkflowError::Conflict(format!(
            "`name`: workflow {} is already called \"{}\"",
            other.id, other.name
        ))),
        None => Ok(()),
    }
}

async fn locked(conn: &mut AsyncPgConnection, id: i64) -> Result<WorkflowRow, WorkflowError> {
    workflows::find_for_update(conn, id)
        .await?
        .ok_or(WorkflowError::NotFound("workflow"))
}

pub async fn update(
    state: &AppState,
    user: &AuthUser,
    id: i64,
    patch: WorkflowPatch,
) -> Result<WorkflowView, WorkflowError> {
    let mut conn = state.platform.db().conn().await?;
    conn.transaction(async |conn| {
        let current = locked(conn, id).await?;
        let (fields, response) = Fields {
            problems: Vec::new(),
            base: Some(&current),
            allowed_hosts: &state.settings.end_webhook_allowed_hosts,
        }
        .build(&patch)?;
        if fields.name != current.name {
            refuse_taken_name(conn, &fields.name, Some(id)).await?;
        }
        workflows::update(conn, id, &fields).await?;
        let updated = workflows::set_response_slas(conn, id, response).await?;
        let draft = workflows::draft(conn, id).await?;
        let view = WorkflowView::new(&updated, Some(&draft));
        audit::record(
            conn,
            Actor::from(user),
            "workflow.updated",
            ("workflow", &id.to_string()),
            Some(json!(WorkflowView::new(&current, None))),
            Some(json!(view)),
        )
        .await?;
        Ok(view)
    })
    .await
}

pub async fn replace_graph(
    state: &AppState,
    user: &AuthUser,
    id: i64,
    graph: Graph,
) -> Result<WorkflowView, WorkflowError> {
    let mut keys = HashSet::new();
    let mut problems = Vec::new();
    for (i, step) in graph.steps.iter().enumerate() {
        if !keys.insert(step.key.as_str()) {
            problems.push(FieldError {
                field: format!("steps[{i}].key"),
                message: format!("`{}` is used twice", step.key),
            });
        }
    }
    let mut transition_keys = HashSet::new();
    for (i, t) in graph.transitions.iter().enumerate() {
        if !transition_keys.insert(t.key.as_str()) {
            problems.push(FieldError {
                field: format!("transitions[{i}].key"),
                message: format!("`{}` is used twice", t.key),
            });
        }
    }
    if !problems.is_empty() {
        return Err(WorkflowError::Invalid(problems));
    }
    let mut conn = state.platform.db().conn().await?;
    conn.transaction(async |conn| {
        let workflow = locked(conn, id).await?;
        if workflow.status == "archived" {
            return Err(WorkflowError::Conflict(
                "an archived workflow cannot be edited".into(),
            ));
        }
        let before = workflows::draft(conn, id).await?;
        let draft = workflows::replace_graph(conn, id, &graph).await?;
        audit::record(
            conn,
            Actor::from(user),
            "workflow.graph_replaced",
            ("workflow", &id.to_string()),
            Some(json!(graph_with_ids(&before))),
            Some(json!(graph_with_ids(&draft))),
        )
        .await?;
        Ok(WorkflowView::new(&workflow, Some(&draft)))
    })
    .await
}

/// Every reason the workflow cannot be published as it stands.
async fn problems(
    conn: &mut AsyncPgConnection,
    settings: &crate::WorkflowSettings,
    workflow: &WorkflowRow,
    draft: &Draft,
) -> Result<Vec<Problem>, WorkflowError> {
    let mut end_problems = Vec::new();
    if let Err(message) = crate::end_logic::target(
        settings,
        &workflow.end_action,
        workflow.end_webhook_url.as_deref(),
    ) {
        end_problems.push(Problem {
            code: "end_action_unconfigured",
            message,
            field: Some("end_action".into()),
            step: None,
            transition: None,
        });
    }
    // The allow-list may have shrunk since the draft was saved.
    if workflow.end_action == "webhook"
        && let Some(url) = &workflow.end_webhook_url
        && let Err(problem) =
            crate::end_logic::check_webhook_url(url, &settings.end_webhook_allowed_hosts)
    {
        end_problems.push(Problem {
            code: "end_webhook_forbidden",
            message: format!("end_webhook_url {problem}"),
            field: Some("end_webhook_url".into()),
            step: None,
            transition: None,
        });
    }
    let role_ids: Vec<i64> = draft
        .graph
        .steps
        .iter()
        .flat_map(|s| std::iter::once(s.role_id).chain(s.escalate_to_role_id))
        .collect();
    let known: HashSet<i64> = roles::existing(conn, &role_ids)
        .await?
        .into_iter()
        .collect();
    let mut problems = graph::validate(&draft.graph, &|id| known.contains(&id));
    problems.extend(workflow.slas().problems());
    problems.extend(workflow.response_slas().problems(&workflow.slas()));
    problems.extend(end_problems);
    let others: Vec<_> = workflows::routes(conn, &["active", "paused"])
        .await?
        .into_iter()
        .filter(|r| r.workflow_id != workflow.id)
        .collect();
    for other in matching::conflicts(&workflow.route(), &others) {
        let name = workflows::find(conn, other)
            .await?
            .map(|w| format!("\"{}\" (id {other})", w.name))
            .unwrap_or_else(|| format!("{other}"));
        problems.push(Problem {
            code: "ambiguous_match",
            message: format!(
                "workflow {name} already takes tickets of {}",
                matching::describe(
                    &workflow.department,
                    &workflow.category,
                    workflow.sub_category.as_deref()
                )
            ),
            field: Some("department".into()),
            step: None,
            transition: None,
        });
    }
    Ok(problems)
}

/// Whether the draft can be published, and every reason it cannot.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"valid": false, "problems": [
    {"code": "unknown_role", "message": "step \"b\" (B) is assigned to role 404, which does not exist", "field": "steps[1].role_id", "step": "b"},
    {"code": "multiple_starts", "message": "2 steps are marked as the start (\"a\", \"b\"); mark exactly one", "field": "steps"},
    {"code": "sla_order", "message": "the urgent SLA (PT4H) must be shorter than the high SLA (PT4H)", "field": "urgent_sla"}
]}))]
pub struct Validation {
    pub valid: bool,
    pub problems: Vec<Problem>,
}

pub async fn validate(state: &AppState, id: i64) -> Result<Validation, WorkflowError> {
    let mut conn = state.platform.db().conn().await?;
    let workflow = workflows::find(&mut conn, id)
        .await?
        .ok_or(WorkflowError::NotFound("workflow"))?;
    let draft = workflows::draft(&mut conn, id).await?;
    let problems = problems(&mut conn, &state.settings, &workflow, &draft).await?;
    Ok(Validation {
        valid: problems.is_empty(),
        problems,
    })
}

/// Validates the draft and freezes it as version N+1. Tickets waiting for a workflow that now
/// matches are allocated in the same transaction.
pub async fn publish(
    state: &AppState,
    user: &AuthUser,
    id: i64,
) -> Result<VersionView, WorkflowError> {
    let mut conn = state.platform.db().conn().await?;
    let (version, allocated) = conn
        .transaction(async |conn| {
            let workflow = locked(conn, id).await?;
            if workflow.status == "archived" {
                return Err(WorkflowError::Conflict(
                    "an archived workflow cannot be published".into(),
                ));
            }
            let draft = workflows::draft(conn, id).await?;
            let problems = problems(conn, &state.settings, &workflow, &draft).await?;
            if !problems.is_empty() {
                return Err(WorkflowError::Unpublishable(problems));
            }
            let definition = json!(VersionDefinition {
                graph: graph_with_ids(&draft),
                slas: Slas {
                    low: seconds_iso(workflow.low_sla_seconds),
                    medium: seconds_iso(workflow.medium_sla_seconds),
                    high: seconds_iso(workflow.high_sla_seconds),
                    urgent: seconds_iso(workflow.urgent_sla_seconds),
                },
                response_slas: ResponseSlas::from_seconds([
                    workflow.low_response_sla_seconds,
                    workflow.medium_response_sla_seconds,
                    workflow.high_response_sla_seconds,
                    workflow.urgent_response_sla_seconds,
                ]),
            });
            let version = workflows::publish(conn, &workflow, &definition, user.user_id).await?;
            audit::record(
                conn,
                Actor::from(user),
                "workflow.published",
                ("workflow", &id.to_string()),
                None,
                Some(json!({"version": version.version})),
            )
            .await?;
            let allocated = crate::intake::allocate_waiting(state, conn).await?;
            Ok((VersionView::new(&version, true), allocated))
        })
        .await?;
    if allocated > 0 {
        state.platform.outbox().notify();
    }
    Ok(version)
}

/// `paused` stops new tickets; `active` takes them again (checked for ambiguity first).
pub async fn set_paused(
    state: &AppState,
    user: &AuthUser,
    id: i64,
    paused: bool,
) -> Result<WorkflowView, WorkflowError> {
    let mut conn = state.platform.db().conn().await?;
    let (view, allocated) = conn
        .transaction(async |conn| {
            let workflow = locked(conn, id).await?;
            let (from, to) = if paused {
                ("active", "paused")
            } else {
                ("paused", "active")
            };
            if workflow.status != from {
                return Err(WorkflowError::Conflict(format!(
                    "only a {from} workflow can be {}; this one is {}",
                    if paused { "paused" } else { "resumed" },
                    workflow.status
                )));
            }
            if !paused {
                let others: Vec<_> = workflows::routes(conn, &["active"]).await?;
                if let Some(other) = matching::conflicts(&workflow.route(), &others).first() {
                    return Err(WorkflowError::Conflict(format!(
                        "workflow {other} now takes the same tickets"
                    )));
                }
            }
            let updated = workflows::set_status(conn, id, to).await?;
            audit::record(
                conn,
                Actor::from(user),
                if paused {
                    "workflow.paused"
                } else {
                    "workflow.resumed"
                },
                ("workflow", &id.to_string()),
                None,
                None,
            )
            .await?;
            let allocated = if paused {
                0
            } else {
                crate::intake::allocate_waiting(state, conn).await?
            };
            Ok::<_, WorkflowError>((WorkflowView::new(&updated, None), allocated))
        })
        .await?;
    if allocated > 0 {
        state.platform.outbox().notify();
    }
    Ok(view)
}

/// Deleted if it never ran a task; archived (kept for its tasks and history) otherwise.
/// Returns whether it was archived.
pub async fn delete(state: &AppState, user: &AuthUser, id: i64) -> Result<bool, WorkflowError> {
    let mut conn = state.platform.db().conn().await?;
    conn.transaction(async |conn| {
        let workflow = locked(conn, id).await?;
        let archived = workflows::has_tasks(conn, id).await?;
        if archived {
            workflows::set_status(conn, id, "archived").await?;
        } else {
            workflows::delete(conn, id).await?;
        }
        audit::record(
            conn,
            Actor::from(user),
            if archived {
                "workflow.archived"
            } else {
                "workflow.deleted"
            },
            ("workflow", &id.to_string()),
            Some(json!(WorkflowView::new(&workflow, None))),
            None,
        )
        .await?;
        Ok(archived)
    })
    .await
}
