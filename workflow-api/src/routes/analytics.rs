//! `/analytics/…`: reports for `tts:Admin` and coordinators; each also as `?format=csv`.
//!
//! Each report lists exactly the query parameters it reads; any other parameter is refused as
//! 422 naming it (a report that silently ignored `interval` or `assignee` would answer a
//! question nobody asked).

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tts_shared::auth::AuthUser;
use tts_shared::http::{ErrorBody, FieldError, Json, Query};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::analytics::{self, Filter, Set, TaskRow, columns};
use crate::error::WorkflowError;
use crate::paging::PageRequest;

/// `json` (the default) or `csv`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    #[default]
    Json,
    Csv,
}

/// Parameters of the summary and the grouped reports (`sla`, `workload`, `workflows`, `steps`).
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReportParams {
    /// Tasks created at or after this instant (RFC 3339).
    #[param(example = "2026-01-01T00:00:00Z")]
    pub from: Option<DateTime<Utc>>,
    /// Tasks created before this instant (RFC 3339).
    #[param(example = "2026-02-01T00:00:00Z")]
    pub to: Option<DateTime<Utc>>,
    /// Tasks of this priority only (`Low`, `Medium`, `High`, `Urgent`, as the ticket gave it).
    #[param(example = "High")]
    pub priority: Option<String>,
    /// Tasks of this workflow only.
    #[param(minimum = 1)]
    pub workflow_id: Option<i64>,
    /// `csv` answers `text/csv` with a header row (see the response).
    #[param(value_type = Option<Format>, inline)]
    pub format: Option<Format>,
}

impl ReportParams {
    fn filter(&self) -> Filter {
        Filter {
            from: self.from,
            to: self.to,
            priority: self.priority.clone(),
            workflow_id: self.workflow_id,
        }
    }
}

/// `day` (the default) or `week` (weeks start on Monday, UTC).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    #[default]
    Day,
    Week,
}

/// Parameters of the trends report: the report parameters and `interval`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TrendParams {
    /// Tasks created at or after this instant (RFC 3339).
    #[param(example = "2026-01-01T00:00:00Z")]
    pub from: Option<DateTime<Utc>>,
    /// Tasks created before this instant (RFC 3339).
    #[param(example = "2026-02-01T00:00:00Z")]
    pub to: Option<DateTime<Utc>>,
    /// Tasks of this priority only.
    #[param(example = "High")]
    pub priority: Option<String>,
    /// Tasks of this workflow only.
    #[param(minimum = 1)]
    pub workflow_id: Option<i64>,
    /// `csv` answers `text/csv` with a header row.
    #[param(value_type = Option<Format>, inline)]
    pub format: Option<Format>,
    /// Length of each period.
    #[param(value_type = Option<Interval>, inline)]
    pub interval: Option<Interval>,
}

/// Parameters of the drill-down: the report filter, which tasks, and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TaskParams {
    /// Tasks created at or after this instant (RFC 3339).
    #[param(example = "2026-01-01T00:00:00Z")]
    pub from: Option<DateTime<Utc>>,
    /// Tasks created before this instant (RFC 3339).
    #[param(example = "2026-02-01T00:00:00Z")]
    pub to: Option<DateTime<Utc>>,
    /// Tasks of this priority only.
    #[param(example = "High")]
    pub priority: Option<String>,
    /// Tasks of this workflow only.
    #[param(minimum = 1)]
    pub workflow_id: Option<i64>,
    /// `csv` answers the page as `text/csv` with a header row.
    #[param(value_type = Option<Format>, inline)]
    pub format: Option<Format>,
    /// Which tasks (default `all`); a figure's `tasks` link names its set.
    #[param(value_type = Option<Set>, inline)]
    pub set: Option<Set>,
    /// The agent, required by (and only read by) the `agent_*` sets.
    #[param(minimum = 1)]
    pub assignee: Option<i64>,
    /// Page size, 1–200.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page (with the same filter and set).
    pub cursor: Option<String>,
    /// The last task id of the previous page. Use `cursor`; kept for one release.
    #[deprecated(note = "use `cursor`")]
    #[param(minimum = 1)]
    pub before: Option<i64>,
}

/// `before` is read here only, for the callers that have not moved to `cursor` yet.
#[allow(deprecated)]
fn deprecated_before(p: &TaskParams) -> Option<i64> {
    p.before
}

/// A page of the tasks behind a figure, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnalyticsTaskPage {
    pub items: Vec<TaskRow>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "YTQ")]
    pub next_cursor: Option<String>,
}

/// Cursor kind of the drill-down (see [`crate::paging`]).
const TASKS: char = 'a';

fn allowed(state: &AppState, user: &AuthUser) -> Result<(), WorkflowError> {
    crate::access::require_admin_or_coordinator(&state.settings, user)
}

/// `tts-<report>-<from>-<to>.csv`, the dates of the range (`all` / `now` where it is open).
fn file_name(report: &str, from: Option<DateTime<Utc>>, to: Option<DateTime<Utc>>) -> String {
    let day = |at: Option<DateTime<Utc>>, open: &str| {
        at.map_or(open.to_string(), |at| at.format("%Y-%m-%d").to_string())
    };
    format!("tts-{report}-{}-{}.csv", day(from, "all"), day(to, "now"))
}

/// The report as a CSV download.
fn csv_answer<T: Serialize>(file: String, columns: &[&str], rows: &[T]) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        analytics::csv(columns, rows),
    )
        .into_response()
}

/// One grouped report in the format asked for.
fn report<T: Serialize>(p: &ReportParams, name: &str, columns: &[&str], rows: Vec<T>) -> Response {
    match p.format.unwrap_or_default() {
        Format::Json => Json(rows).into_response(),
        Format::Csv => csv_answer(file_name(name, p.from, p.to), columns, &rows),
    }
}

/// Get the analytics summary.
///
/// Totals, SLA and first-response compliance, time to resolve, escalation and transfer rates
/// of the tasks created in the range. CSV: one row per figure, `figure,value,tasks`.
#[utoipa::path(get, path = "/analytics/dashboard/", tag = "analytics", operation_id = "getAnalyticsSummary", params(ReportParams), security(("bearer" = [])),
    responses((status = 200, description = "the summary", content(
        (analytics::Dashboard = "application/json"),
        (String = "text/csv", example = json!("figure,value,tasks\r\ntasks,6,/analytics/tasks/?set=all\r\nopen,3,/analytics/tasks/?set=open\r\nmet,2,/analytics/tasks/?set=met\r\nunassigned,0,\r\nsla_compliance_percent,50,\r\nresponse_compliance_percent,,\r\n"))
    )), (status = 422, description = "an unknown parameter, a bad `from`/`to`/`workflow_id`/`format`, each named", body = ErrorBody)))]
pub async fn dashboard(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<ReportParams>,
) -> Result<Response, WorkflowError> {
    allowed(&state, &user)?;
    let d = analytics::dashboard(&state, &p.filter(), Utc::now()).await?;
    Ok(match p.format.unwrap_or_default() {
        Format::Json => Json(d).into_response(),
        Format::Csv => csv_answer(
            file_name("summary", p.from, p.to),
            columns::SUMMARY,
            &d.figures(),
        ),
    })
}

/// Get the SLA report.
///
/// Met, breached, at risk and compliance (resolution and first response) per priority, then
/// per workflow. CSV: one row per group.
#[utoipa::path(get, path = "/analytics/sla/", tag = "analytics", operation_id = "getSlaReport", params(ReportParams), security(("bearer" = [])),
    responses((status = 200, description = "one row per priority, then per workflow", content(
        (Vec<analytics::SlaRow> = "application/json"),
        (String = "text/csv", example = json!("by,key,met.count,met.tasks,breached.count,breached.tasks,at_risk.count,at_risk.tasks,compliance_percent,response_met.count,response_met.tasks,response_breached.count,response_breached.tasks,response_compliance_percent\r\npriority,High,1,/analytics/tasks/?set=met&priority=High,1,/analytics/tasks/?set=breached&priority=High,0,/analytics/tasks/?set=at_risk&priority=High,50.0,0,/analytics/tasks/?set=response_met&priority=High,0,/analytics/tasks/?set=response_breached&priority=High,\r\n"))
    )), (status = 422, description = "an unknown or bad parameter, named", body = ErrorBody)))]
pub async fn sla(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<ReportParams>,
) -> Result<Response, WorkflowError> {
    allowed(&state, &user)?;
    let rows = analytics::sla(&state, &p.filter(), Utc::now()).await?;
    Ok(report(&p, "sla", columns::SLA, rows))
}

/// Get the workload report.
///
/// Per agent: tasks with an open, overdue or resolved item of theirs, and their median handling
/// time. CSV: one row per agent.
#[utoipa::path(get, path = "/analytics/workload/", tag = "analytics", operation_id = "getWorkloadReport", params(ReportParams), security(("bearer" = [])),
    responses((status = 200, description = "one row per agent, by agent id", content(
        (Vec<analytics::WorkloadRow> = "application/json"),
        (String = "text/csv", example = json!("assignee_id,assignee_name,open.count,open.tasks,overdue.count,overdue.tasks,resolved.count,resolved.tasks,median_handling_seconds\r\n7,Ana Reyes,2,/analytics/tasks/?set=agent_open&assignee=7,1,/analytics/tasks/?set=agent_overdue&assignee=7,2,/analytics/tasks/?set=agent_resolved&assignee=7,7200.0\r\n"))
    )), (status = 422, description = "an unknown or bad parameter, named", body = ErrorBody)))]
pub async fn workload(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<ReportParams>,
) -> Result<Response, WorkflowError> {
    allowed(&state, &user)?;
    let rows = analytics::workload(&state, &p.filter(), Utc::now()).await?;
    Ok(report(&p, "workload", columns::WORKLOAD, rows))
}

/// Get the workflow report.
///
/// Per workflow: tasks started and completed, median time to complete. CSV: one row per workflow.
#[utoipa::path(get, path = "/analytics/workflows/", tag = "analytics", operation_id = "getWorkflowReport", params(ReportParams), security(("bearer" = [])),
    responses((status = 200, description = "one row per workflow, by id", content(
        (Vec<analytics::WorkflowRow> = "application/json"),
        (String = "text/csv", example = json!("workflow_id,name,started,completed,median_time_to_complete_seconds\r\n1,One step,6,3,10800.0\r\n"))
    )), (status = 422, description = "an unknown or bad parameter, named", body = ErrorBody)))]
pub async fn workflows(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<ReportParams>,
) -> Result<Response, WorkflowError> {
    allowed(&state, &user)?;
    let rows = analytics::workflows(&state, &p.filter(), Utc::now()).await?;
    Ok(report(&p, "workflows", columns::WORKFLOWS, rows))
}

/// Get the step report.
///
/// Per step: items, open items, median time, longest current wait (longest first). CSV: one
/// row per step.
#[utoipa::path(get, path = "/analytics/steps/", tag = "analytics", operation_id = "getStepReport", params(ReportParams), security(("bearer" = [])),
    responses((status = 200, description = "one row per step, longest wait first", content(
        (Vec<analytics::StepRow> = "application/json"),
        (String = "text/csv", example = json!("workflow_id,step,items,open_items,median_seconds,longest_wait_seconds\r\n1,do,6,3,10800.0,3600.2\r\n"))
    )), (status = 422, description = "an unknown or bad parameter, named", body = ErrorBody)))]
pub async fn steps(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<ReportParams>,
) -> Result<Response, WorkflowError> {
    allowed(&state, &user)?;
    let rows = analytics::steps(&state, &p.filter(), Utc::now()).await?;
    Ok(report(&p, "steps", columns::STEPS, rows))
}

/// Get the trend report.
///
/// Tasks created and resolved per day or week (UTC). CSV: one row per period.
#[utoipa::path(get, path = "/analytics/trends/", tag = "analytics", operation_id = "getTrendReport", params(TrendParams), security(("bearer" = [])),
    responses((status = 200, description = "one row per period with tasks, oldest first", content(
        (Vec<analytics::TrendRow> = "application/json"),
        (String = "text/csv", example = json!("period,created,resolved\r\n2026-01-05T00:00:00Z,4,3\r\n2026-12-01T00:00:00Z,2,0\r\n"))
    )), (status = 422, description = "an unknown or bad parameter (`interval` other than day or week), named", body = ErrorBody)))]
pub async fn trends(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<TrendParams>,
) -> Result<Response, WorkflowError> {
    allowed(&state, &user)?;
    let params = ReportParams {
        from: p.from,
        to: p.to,
        priority: p.priority,
        workflow_id: p.workflow_id,
        format: p.format,
    };
    let week = p.interval.unwrap_or_default() == Interval::Week;
    let rows = analytics::trends(&state, &params.filter(), Utc::now(), week).await?;
    Ok(report(&params, "trends", columns::TRENDS, rows))
}

/// List the tasks behind a figure.
///
/// Follow a figure's `tasks` link: the tasks it counts, newest first, paged by `limit` and
/// `cursor`. CSV: the page, one row per task.
#[utoipa::path(get, path = "/analytics/tasks/", tag = "analytics", operation_id = "listAnalyticsTasks", params(TaskParams), security(("bearer" = [])),
    responses((status = 200, description = "one page of tasks", content(
        (AnalyticsTaskPage = "application/json", example = json!({"items": [{"task_id": 2, "ticket_number": "T2", "workflow_id": 1, "version": 1,
            "priority": "High", "status": "completed", "current_step": "do", "created_at": "2026-01-05T00:00:00Z",
            "target_at": "2026-01-05T04:00:00Z", "completed_at": "2026-01-05T05:00:00Z"}], "next_cursor": "YTI"})),
        (String = "text/csv", example = json!("task_id,ticket_number,workflow_id,version,priority,status,current_step,created_at,target_at,completed_at\r\n2,T2,1,1,High,completed,do,2026-01-05T00:00:00Z,2026-01-05T04:00:00Z,2026-01-05T05:00:00Z\r\n"))
    )), (status = 422, description = "every problem at once: an agent set without `assignee`, `assignee` with another set, a bad `limit` or `cursor`, an unknown parameter", body = ErrorBody)))]
pub async fn tasks(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<TaskParams>,
) -> Result<Response, WorkflowError> {
    allowed(&state, &user)?;
    let set = p.set.unwrap_or(Set::All);
    let agent_set = matches!(set, Set::AgentOpen | Set::AgentOverdue | Set::AgentResolved);
    let mut problems = Vec::new();
    match (agent_set, p.assignee) {
        (true, None) => problems.push(FieldError {
            field: "assignee".into(),
            message: "is required for agent sets".into(),
        }),
        (false, Some(_)) => problems.push(FieldError {
            field: "assignee".into(),
            message: "is read by the agent_open, agent_overdue and agent_resolved sets only".into(),
        }),
        _ => {}
    }
    let page = PageRequest::read(p.limit, p.cursor.as_deref(), TASKS, &mut problems);
    if p.cursor.is_some() && deprecated_before(&p).is_some() {
        problems.push(FieldError {
            field: "before".into(),
            message: "give `cursor` or the deprecated `before`, not both".into(),
        });
    }
    if !problems.is_empty() {
        return Err(WorkflowError::Invalid(problems));
    }
    let filter = Filter {
        from: p.from,
        to: p.to,
        priority: p.priority.clone(),
        workflow_id: p.workflow_id,
    };
    let rows = analytics::tasks(
        &state,
        &filter,
        set,
        p.assignee,
        page.after.or(deprecated_before(&p)),
        page.fetch(),
        Utc::now(),
    )
    .await?;
    let (items, next_cursor) = page.finish(rows, |t| t.task_id);
    Ok(match p.format.unwrap_or_default() {
        Format::Json => Json(AnalyticsTaskPage { items, next_cursor }).into_response(),
        Format::Csv => csv_answer(file_name("tasks", p.from, p.to), columns::TASKS, &items),
    })
}
