//! Reports for coordinators, computed in SQL.
//!
//! Every figure is a count of tasks that pass one base filter (created in `[from, to)`, priority,
//! workflow) and one named predicate ([`Set`]); the drill-down list of a figure runs the same
//! predicate with the same filter, so it always counts what the figure says. Times are seconds.
//!
//! Definitions: *open* — active task; *met* — completed at or before its target; *breached* —
//! completed after its target, or active past it; *at risk* — active, not past its target, and
//! warned by the SLA sweeper (which counts in the workflow's business hours); *compliance* — met ÷
//! (met + breached); *time to resolve* — completion minus creation.

use chrono::{DateTime, Utc};
use diesel::QueryableByName;
use diesel::pg::Pg;
use diesel::query_builder::BoxedSqlQuery;
use diesel::sql_types::{BigInt, Double, Int4, Nullable, Text, Timestamptz};
use diesel_async::RunQueryDsl;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::error::WorkflowError;

/// The tasks behind a figure (each figure's `tasks` link names its set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Set {
    All,
    Open,
    Completed,
    Met,
    Breached,
    AtRisk,
    Escalated,
    Transferred,
    /// With `assignee`: tasks where that agent holds an open item.
    AgentOpen,
    /// With `assignee`: tasks where that agent holds an open item past its target.
    AgentOverdue,
    /// With `assignee`: tasks where that agent resolved an item.
    AgentResolved,
    /// First response by staff at or before the first-response target.
    ResponseMet,
    /// First response after the target, or none yet (or none before completion) and the
    /// target passed.
    ResponseBreached,
}

impl Set {
    /// SQL predicate over `t` (tasks); `$5` is now, `$6` the assignee.
    fn predicate(self) -> &'static str {
        match self {
            Set::All => "TRUE",
            Set::Open => "t.status = 'active'",
            Set::Completed => "t.status = 'completed'",
            Set::Met => "t.status = 'completed' AND t.completed_at <= t.target_at",
            Set::Breached => {
                "((t.status = 'completed' AND t.completed_at > t.target_at) OR (t.status = 'active' AND $5 > t.target_at))"
            }
            Set::AtRisk => {
                "t.status = 'active' AND $5 <= t.target_at AND EXISTS (SELECT 1 FROM task_items wi JOIN sla_events e ON e.item_id = wi.id WHERE wi.task_id = t.id AND e.kind = 'warning')"
            }
            Set::Escalated => {
                "EXISTS (SELECT 1 FROM task_items ei WHERE ei.task_id = t.id AND ei.origin = 'escalation')"
            }
            Set::Transferred => {
                "EXISTS (SELECT 1 FROM task_items ti WHERE ti.task_id = t.id AND ti.origin = 'transfer')"
            }
            Set::AgentOpen => {
                "EXISTS (SELECT 1 FROM task_items ai WHERE ai.task_id = t.id AND ai.assignee_id = $6 AND ai.status IN ('new', 'in_progress', 'breached'))"
            }
            Set::AgentOverdue => {
                "EXISTS (SELECT 1 FROM task_items ai WHERE ai.task_id = t.id AND ai.assignee_id = $6 AND ai.status IN ('new', 'in_progress', 'breached') AND ai.target_at < $5)"
            }
            Set::AgentResolved => {
                "EXISTS (SELECT 1 FROM task_items ai WHERE ai.task_id = t.id AND ai.assignee_id = $6 AND ai.status = 'resolved')"
            }
            Set::ResponseMet => {
                "t.response_target_at IS NOT NULL AND t.first_response_at <= t.response_target_at"
            }
            Set::ResponseBreached => {
                "t.response_target_at IS NOT NULL AND ((t.first_response_at > t.response_target_at) OR (t.first_response_at IS NULL AND COALESCE(t.completed_at, $5) > t.response_target_at))"
            }
        }
    }

    fn name(self) -> &'static str {
        match self {
            Set::All => "all",
            Set::Open => "open",
            Set::Completed => "completed",
            Set::Met => "met",
            Set::Breached => "breached",
            Set::AtRisk => "at_risk",
            Set::Escalated => "escalated",
            Set::Transferred => "transferred",
            Set::AgentOpen => "agent_open",
            Set::AgentOverdue => "agent_overdue",
            Set::AgentResolved => "agent_resolved",
            Set::ResponseMet => "response_met",
            Set::ResponseBreached => "response_breached",
        }
    }
}

/// The filter every report and drill-down takes.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Tasks created at or after this instant (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Tasks created before this instant.
    pub to: Option<DateTime<Utc>>,
    pub priority: Option<String>,
    pub workflow_id: Option<i64>,
}

/// `$1`–`$4`: the filter; `$5`: now; `$6`: assignee.
const BASE: &str = "($1::timestamptz IS NULL OR t.created_at >= $1) AND ($2::timestamptz IS NULL OR t.created_at < $2) \
     AND ($3::text IS NULL OR t.priority = $3) AND ($4::bigint IS NULL OR t.workflow_id = $4)";

fn bind<'a>(
    sql: String,
    f: &Filter,
    now: DateTime<Utc>,
    assignee: Option<i64>,
) -> BoxedSqlQuery<'a, Pg, diesel::query_builder::SqlQuery> {
    diesel::sql_query(sql)
        .into_boxed()
        .bind::<Nullable<Timestamptz>, _>(f.from)
        .bind::<Nullable<Timestamptz>, _>(f.to)
        .bind::<Nullable<Text>, _>(f.priority.clone())
        .bind::<Nullable<BigInt>, _>(f.workflow_id)
        .bind::<Timestamptz, _>(now)
        .bind::<Nullable<BigInt>, _>(assignee)
}

/// The query-string link to the tasks behind a figure.
fn link(set: Set, f: &Filter, assignee: Option<i64>) -> String {
    let mut parts = vec![format!("set={}", set.name())];
    if let Some(v) = f.from {
        parts.push(format!("from={}", v.to_rfc3339().replace('+', "%2B")));
    }
    if let Some(v) = f.to {
        parts.push(format!("to={}", v.to_rfc3339().replace('+', "%2B")));
    }
    if let Some(v) = &f.priority {
        parts.push(format!("priority={v}"));
    }
    if let Some(v) = f.workflow_id {
        parts.push(format!("workflow_id={v}"));
    }
    if let Some(v) = assignee {
        parts.push(format!("assignee={v}"));
    }
    format!("/analytics/tasks/?{}", parts.join("&"))
}

/// A count of tasks with the link to the tasks behind it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"count": 2, "tasks": "/analytics/tasks/?set=breached&priority=High"}))]
pub struct Figure {
    #[schema(minimum = 0)]
    pub count: i64,
    /// `GET` it for the tasks the count counts (same filter, same predicate).
    pub tasks: String,
}

fn figure(count: i64, set: Set, f: &Filter, assignee: Option<i64>) -> Figure {
    Figure {
        count,
        tasks: link(set, f, assignee),
    }
}

fn count_sql(set: Set) -> String {
    format!("count(*) FILTER (WHERE {})", set.predicate())
}

#[derive(QueryableByName)]
struct Totals {
    #[diesel(sql_type = BigInt)]
    all: i64,
    #[diesel(sql_type = BigInt)]
    open: i64,
    #[diesel(sql_type = BigInt)]
    completed: i64,
    #[diesel(sql_type = BigInt)]
    met: i64,
    #[diesel(sql_type = BigInt)]
    breached: i64,
    #[diesel(sql_type = BigInt)]
    at_risk: i64,
    #[diesel(sql_type = BigInt)]
    escalated: i64,
    #[diesel(sql_type = BigInt)]
    transferred: i64,
    #[diesel(sql_type = BigInt)]
    response_met: i64,
    #[diesel(sql_type = BigInt)]
    response_breached: i64,
    #[diesel(sql_type = Nullable<Double>)]
    median_resolve: Option<f64>,
    #[diesel(sql_type = Nullable<Double>)]
    p90_resolve: Option<f64>,
}

fn totals_sql(group: &str, select_group: &str) -> String {
    format!(
        "SELECT {select_group} {all} AS all, {open} AS open, {completed} AS completed, {met} AS met, {breached} AS breached, \
         {at_risk} AS at_risk, {escalated} AS escalated, {transferred} AS transferred, \
         {response_met} AS response_met, {response_breached} AS response_breached, \
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.completed_at - t.created_at)) FILTER (WHERE t.status = 'completed') AS median_resolve, \
         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM t.completed_at - t.created_at)) FILTER (WHERE t.status = 'completed') AS p90_resolve \
         FROM tasks t WHERE {BASE} {group}",
        all = count_sql(Set::All),
        open = count_sql(Set::Open),
        completed = count_sql(Set::Completed),
        met = count_sql(Set::Met),
        breached = count_sql(Set::Breached),
        at_risk = count_sql(Set::AtRisk),
        escalated = count_sql(Set::Escalated),
        transferred = count_sql(Set::Transferred),
        response_met = count_sql(Set::ResponseMet),
        response_breached = count_sql(Set::ResponseBreached),
    )
}

fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 10_000.0 / whole as f64).round() / 100.0)
}

/// The summary figures of the tasks created in the range.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "tasks": {"count": 6, "tasks": "/analytics/tasks/?set=all"}, "open": {"count": 3, "tasks": "/analytics/tasks/?set=open"},
    "completed": {"count": 3, "tasks": "/analytics/tasks/?set=completed"}, "met": {"count": 2, "tasks": "/analytics/tasks/?set=met"},
    "breached": {"count": 2, "tasks": "/analytics/tasks/?set=breached"}, "at_risk": {"count": 1, "tasks": "/analytics/tasks/?set=at_risk"},
    "escalated": {"count": 0, "tasks": "/analytics/tasks/?set=escalated"}, "transferred": {"count": 0, "tasks": "/analytics/tasks/?set=transferred"},
    "response_met": {"count": 0, "tasks": "/analytics/tasks/?set=response_met"},
    "response_breached": {"count": 0, "tasks": "/analytics/tasks/?set=response_breached"},
    "response_compliance_percent": null, "unassigned": 0, "sla_compliance_percent": 50.0, "escalation_rate_percent": 0.0,
    "transfer_rate_percent": 0.0, "median_time_to_resolve_seconds": 10800.0, "p90_time_to_resolve_seconds": 16560.0
}))]
pub struct Dashboard {
    pub tasks: Figure,
    pub open: Figure,
    pub completed: Figure,
    pub met: Figure,
    pub breached: Figure,
    pub at_risk: Figure,
    pub escalated: Figure,
    pub transferred: Figure,
    /// Tasks whose first staff reply came by its first-response target.
    pub response_met: Figure,
    /// Tasks whose first staff reply came late, or has not come and the target passed.
    pub response_breached: Figure,
    /// response_met ÷ (response_met + response_breached); null without any.
    pub response_compliance_percent: Option<f64>,
    /// Tickets waiting for a workflow (created in the range).
    pub unassigned: i64,
    /// met ÷ (met + breached), 0–100 with two decimals; null without any verdict.
    #[schema(minimum = 0, maximum = 100)]
    pub sla_compliance_percent: Option<f64>,
    /// escalated ÷ tasks; null without tasks.
    #[schema(minimum = 0, maximum = 100)]
    pub escalation_rate_percent: Option<f64>,
    /// transferred ÷ tasks; null without tasks.
    #[schema(minimum = 0, maximum = 100)]
    pub transfer_rate_percent: Option<f64>,
    /// Median of completion minus creation over completed tasks; null without any.
    pub median_time_to_resolve_seconds: Option<f64>,
    /// 90th percentile (interpolated) of the same.
    pub p90_time_to_resolve_seconds: Option<f64>,
}

impl Dashboard {
    /// The summary as rows of a table: one per figure, `figure,value,tasks`.
    pub fn figures(&self) -> Vec<FigureRow> {
        let counts = [
            ("tasks", &self.tasks),
            ("open", &self.open),
            ("completed", &self.completed),
            ("met", &self.met),
            ("breached", &self.breached),
            ("at_risk", &self.at_risk),
            ("escalated", &self.escalated),
            ("transferred", &self.transferred),
            ("response_met", &self.response_met),
            ("response_breached", &self.response_breached),
        ];
        let mut rows: Vec<FigureRow> = counts
            .into_iter()
            .map(|(name, f)| FigureRow {
                figure: name,
                value: Some(f.count.into()),
                tasks: Some(f.tasks.clone()),
            })
            .collect();
        rows.push(FigureRow {
            figure: "unassigned",
            value: Some(self.unassigned.into()),
            tasks: None,
        });
        for (name, value) in [
            ("sla_compliance_percent", self.sla_compliance_percent),
            (
                "response_compliance_percent",
                self.response_compliance_percent,
            ),
            ("escalation_rate_percent", self.escalation_rate_percent),
            ("transfer_rate_percent", self.transfer_rate_percent),
            (
                "median_time_to_resolve_seconds",
                self.median_time_to_resolve_seconds,
            ),
            (
                "p90_time_to_resolve_seconds",
                self.p90_time_to_resolve_seconds,
            ),
        ] {
            rows.push(FigureRow {
                figure: name,
                value: value.and_then(serde_json::Number::from_f64),
                tasks: None,
            });
        }
        rows
    }
}

/// One figure of the summary, as a CSV row.
#[derive(Debug, Serialize)]
pub struct FigureRow {
    pub figure: &'static str,
    /// A count, or a percentage or time; empty when the figure has no value yet.
    pub value: Option<serde_json::Number>,
    pub tasks: Option<String>,
}

/// Columns of each report's CSV, in order; nested figures are `name.count`, `name.tasks`.
pub mod columns {
    pub const SUMMARY: &[&str] = &["figure", "value", "tasks"];
    pub const SLA: &[&str] = &[
        "by",
        "key",
        "met.count",
        "met.tasks",
        "breached.count",
        "breached.tasks",
        "at_risk.count",
        "at_risk.tasks",
        "compliance_percent",
        "response_met.count",
        "response_met.tasks",
        "response_breached.count",
        "response_breached.tasks",
        "response_compliance_percent",
    ];
    pub const WORKLOAD: &[&str] = &[
        "assignee_id",
        "assignee_name",
        "open.count",
        "open.tasks",
        "overdue.count",
        "overdue.tasks",
        "resolved.count",
        "resolved.tasks",
        "median_handling_seconds",
    ];
    pub const WORKFLOWS: &[&str] = &[
        "workflow_id",
        "name",
        "started",
        "completed",
        "median_time_to_complete_seconds",
    ];
    pub const STEPS: &[&str] = &[
        "workflow_id",
        "step",
        "items",
        "open_items",
        "median_seconds",
        "longest_wait_seconds",
    ];
    pub const TRENDS: &[&str] = &["period", "created", "resolved"];
    pub const TASKS: &[&str] = &[
        "task_id",
        "ticket_number",
        "workflow_id",
        "version",
        "priority",
        "status",
        "current_step",
        "created_at",
        "target_at",
        "completed_at",
    ];
}

pub async fn dashboard(
    state: &AppState,
    f: &Filter,
    now: DateTime<Utc>,
) -> Result<Dashboard, WorkflowError> {
    let mut conn = state.platform.db().conn().await?;
    let t: Totals = bind(totals_sql("", ""), f, now, None)
        .get_result(&mut conn)
        .await?;
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let unassigned: N = diesel::sql_query(
        "SELECT count(*) AS n FROM tickets k WHERE k.workflow_id IS NULL \
         AND ($1::timestamptz IS NULL OR k.created_at >= $1) AND ($2::timestamptz IS NULL OR k.created_at < $2) \
         AND ($3::text IS NULL OR k.priority = $3)",
    )
    .bind::<Nullable<Timestamptz>, _>(f.from)
    .bind::<Nullable<Timestamptz>, _>(f.to)
    .bind::<Nullable<Text>, _>(f.priority.clone())
    .get_result(&mut conn)
    .await?;
    Ok(Dashboard {
        sla_compliance_percent: percent(t.met, t.met + t.breached),
        escalation_rate_percent: percent(t.escalated, t.all),
        transfer_rate_percent: percent(t.transferred, t.all),
        median_time_to_resolve_seconds: t.median_resolve,
        p90_time_to_resolve_seconds: t.p90_resolve,
        tasks: figure(t.all, Set::All, f, None),
        open: figure(t.open, Set::Open, f, None),
        completed: figure(t.completed, Set::Completed, f, None),
        met: figure(t.met, Set::Met, f, None),
        breached: figure(t.breached, Set::Breached, f, None),
        at_risk: figure(t.at_risk, Set::AtRisk, f, None),
        escalated: figure(t.escalated, Set::Escalated, f, None),
        transferred: figure(t.transferred, Set::Transferred, f, None),
        response_compliance_percent: percent(t.response_met, t.response_met + t.response_breached),
        response_met: figure(t.response_met, Set::ResponseMet, f, None),
        response_breached: figure(t.response_breached, Set::ResponseBreached, f, None),
        unassigned: unassigned.n,
    })
}

/// One row of a grouped SLA report.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"by": "priority", "key": "High",
    "met": {"count": 1, "tasks": "/analytics/tasks/?set=met&priority=High"},
    "breached": {"count": 1, "tasks": "/analytics/tasks/?set=breached&priority=High"},
    "at_risk": {"count": 0, "tasks": "/analytics/tasks/?set=at_risk&priority=High"}, "compliance_percent": 50.0,
    "response_met": {"count": 0, "tasks": "/analytics/tasks/?set=response_met&priority=High"},
    "response_breached": {"count": 0, "tasks": "/analytics/tasks/?set=response_breached&priority=High"},
    "response_compliance_percent": null}))]
pub struct SlaRow {
    /// `priority` or `workflow`: what `key` is.
    #[schema(value_type = String, pattern = "^(priority|workflow)$")]
    pub by: &'static str,
    /// The priority, or the workflow id.
    pub key: String,
    pub met: Figure,
    pub breached: Figure,
    pub at_risk: Figure,
    /// met ÷ (met + breached), 0–100; null without any verdict.
    pub compliance_percent: Option<f64>,
    /// First-response target met / breached, and their compliance.
    pub response_met: Figure,
    pub response_breached: Figure,
    pub response_compliance_percent: Option<f64>,
}

#[derive(QueryableByName)]
struct GroupTotals {
    #[diesel(sql_type = Text)]
    key: String,
    #[diesel(sql_type = BigInt)]
    met: i64,
    #[diesel(sql_type = BigInt)]
    breached: i64,
    #[diesel(sql_type = BigInt)]
    at_risk: i64,
    #[diesel(sql_type = BigInt)]
    response_met: i64,
    #[diesel(sql_type = BigInt)]
    response_breached: i64,
}

pub async fn sla(
    state: &AppState,
    f: &Filter,
    now: DateTime<Utc>,
) -> Result<Vec<SlaRow>, WorkflowError> {
    let mut conn = state.platform.db().conn().await?;
    let mut rows = Vec::new();
    for (by, column) in [
        ("priority", "t.priority"),
        ("workflow", "t.workflow_id::text"),
    ] {
        let sql = format!(
            "SELECT {column} AS key, {met} AS met, {breached} AS breached, {at_risk} AS at_risk, \
             {response_met} AS response_met, {response_breached} AS response_breached \
             FROM tasks t WHERE {BASE} GROUP BY {column} ORDER BY {column}",
            met = count_sql(Set::Met),
            breached = count_sql(Set::Breached),
            at_risk = count_sql(Set::AtRisk),
            response_met = count_sql(Set::ResponseMet),
            response_breached = count_sql(Set::ResponseBreached),
        );
        let groups: Vec<GroupTotals> = bind(sql, f, now, None).load(&mut conn).await?;
        for g in groups {
            let mut scoped = f.clone();
            if by == "priority" {
                scoped.priority = Some(g.key.clone());
            } else {
                scoped.workflow_id = g.key.parse().ok();
            }
            rows.push(SlaRow {
                by,
                compliance_percent: percent(g.met, g.met + g.breached),
                met: figure(g.met, Set::Met, &scoped, None),
                breached: figure(g.breached, Set::Breached, &scoped, None),
                at_risk: figure(g.at_risk, Set::AtRisk, &scoped, None),
                response_compliance_percent: percent(
                    g.response_met,
                    g.response_met + g.response_breached,
                ),
                response_met: figure(g.response_met, Set::ResponseMet, &scoped, None),
                response_breached: figure(
                    g.response_breached,
                    Set::ResponseBreached,
                    &scoped,
                    None,
                ),
                key: g.key,
            });
        }
    }
    Ok(rows)
}

/// One agent's work: tasks in which they hold an open, overdue or resolved item.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"assignee_id": 7, "assignee_name": "Ana Reyes",
    "open": {"count": 2, "tasks": "/analytics/tasks/?set=agent_open&assignee=7"},
    "overdue": {"count": 1, "tasks": "/analytics/tasks/?set=agent_overdue&assignee=7"},
    "resolved": {"count": 2, "tasks": "/analytics/tasks/?set=agent_resolved&assignee=7"},
    "median_handling_seconds": 7200.0}))]
pub struct WorkloadRow {
    pub assignee_id: i64,
    /// The agent's full name from the role-sync directory; `null` when it has none.
    pub assignee_name: Option<String>,
    pub open: Figure,
    pub overdue: Figure,
    pub resolved: Figure,
    /// Median of resolution minus assignment over the agent's resolved items.
    pub median_handling_seconds: Option<f64>,
}

#[derive(QueryableByName)]
struct AgentTotals {
    #[diesel(sql_type = BigInt)]
    assignee_id: i64,
    #[diesel(sql_type = BigInt)]
    open: i64,
    #[diesel(sql_type = BigInt)]
    overdue: i64,
    #[diesel(sql_type = BigInt)]
    resolved: i64,
    #[diesel(sql_type = Nullable<Double>)]
    median_handling: Option<f64>,
}

pub async fn workload(
    state: &AppState,
    f: &Filter,
    now: DateTime<Utc>,
) -> Result<Vec<WorkloadRow>, WorkflowError> {
    let mut conn = state.platform.db().conn().await?;
    // Counts are of tasks (what the drill-down lists); handling time is per resolved item.
    let sql = format!(
        "SELECT i.assignee_id, \
         count(DISTINCT t.id) FILTER (WHERE i.status IN ('new', 'in_progress', 'breached')) AS open, \
         count(DISTINCT t.id) FILTER (WHERE i.status IN ('new', 'in_progress', 'breached') AND i.target_at < $5) AS overdue, \
         count(DISTINCT t.id) FILTER (WHERE i.status = 'resolved') AS resolved, \
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.resolved_at - i.assigned_at)) FILTER (WHERE i.status = 'resolved') AS median_handling \
         FROM task_items i JOIN tasks t ON t.id = i.task_id WHERE {BASE} AND ($6::bigint IS NULL OR i.assignee_id = $6) \
         GROUP BY i.assignee_id ORDER BY i.assignee_id"
    );
    let agents: Vec<AgentTotals> = bind(sql, f, now, None).load(&mut conn).await?;
    let ids: Vec<i64> = agents.iter().map(|a| a.assignee_id).collect();
    let names = crate::tasks::names(&mut conn, &state.settings.role_system, &ids).await?;
    Ok(agents
        .into_iter()
        .map(|a| WorkloadRow {
            assignee_name: names.get(&a.assignee_id).cloned(),
            open: figure(a.open, Set::AgentOpen, f, Some(a.assignee_id)),
            overdue: figure(a.overdue, Set::AgentOverdue, f, Some(a.assignee_id)),
            resolved: figure(a.resolved, Set::AgentResolved, f, Some(a.assignee_id)),
            median_handling_seconds: a.median_handling,
            assignee_id: a.assignee_id,
        })
        .collect())
}

/// One workflow's tasks.
#[derive(Debug, Serialize, ToSchema, QueryableByName)]
#[schema(example = json!({"workflow_id": 1, "name": "One step", "started": 6, "completed": 3, "median_time_to_complete_seconds": 10800.0}))]
pub struct WorkflowRow {
    #[diesel(sql_type = BigInt)]
    pub workflow_id: i64,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = BigInt)]
    pub started: i64,
    #[diesel(sql_type = BigInt)]
    pub completed: i64,
    #[diesel(sql_type = Nullable<Double>)]
    pub median_time_to_complete_seconds: Option<f64>,
}

pub async fn workflows(
    state: &AppState,
    f: &Filter,
    now: DateTime<Utc>,
) -> Result<Vec<WorkflowRow>, WorkflowError> {
    let mut conn = state.platform.db().conn().await?;
    let sql = format!(
        "SELECT t.workflow_id, w.name, count(*) AS started, {completed} AS completed, \
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.completed_at - t.created_at)) FILTER (WHERE t.status = 'completed') AS median_time_to_complete_seconds \
         FROM tasks t JOIN workflows w ON w.id = t.workflow_id WHERE {BASE} GROUP BY t.workflow_id, w.name ORDER BY t.workflow_id",
        completed = count_sql(Set::Completed),
    );
    Ok(bind(sql, f, now, None).load(&mut conn).await?)
}

/// One step's items.
#[derive(Debug, Serialize, ToSchema, QueryableByName)]
#[schema(example = json!({"workflow_id": 1, "step": "do", "items": 6, "open_items": 3, "median_seconds": 10800.0, "longest_wait_seconds": 29465821.5}))]
pub struct StepRow {
    #[diesel(sql_type = BigInt)]
    pub workflow_id: i64,
    #[diesel(sql_type = Text)]
    pub step: String,
    #[diesel(sql_type = BigInt)]
    pub items: i64,
    #[diesel(sql_type = BigInt)]
    pub open_items: i64,
    #[diesel(sql_type = Nullable<Double>)]
    pub median_seconds: Option<f64>,
    /// Age of the oldest open item: where tickets wait longest.
    #[diesel(sql_type = Nullable<Double>)]
    pub longest_wait_seconds: Option<f64>,
}

pub async fn steps(
    state: &AppState,
    f: &Filter,
    now: DateTime<Utc>,
) -> Result<Vec<StepRow>, WorkflowError> {
    let mut conn = state.platform.db().conn().await?;
    let sql = format!(
        "SELECT t.workflow_id, i.step, count(*) AS items, \
         count(*) FILTER (WHERE i.status IN ('new', 'in_progress', 'breached')) AS open_items, \
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.resolved_at - i.assigned_at)) FILTER (WHERE i.resolved_at IS NOT NULL) AS median_seconds, \
         max(extract(epoch FROM $5 - i.assigned_at)) FILTER (WHERE i.status IN ('new', 'in_progress', 'breached'))::float8 AS longest_wait_seconds \
         FROM task_items i JOIN tasks t ON t.id = i.task_id WHERE {BASE} \
         GROUP BY t.workflow_id, i.step ORDER BY longest_wait_seconds DESC NULLS LAST, t.workflow_id, i.step"
    );
    Ok(bind(sql, f, now, None).load(&mut conn).await?)
}

/// Tasks created and resolved in one period.
#[derive(Debug, Serialize, ToSchema, QueryableByName)]
#[schema(example = json!({"period": "2026-01-05T00:00:00Z", "created": 4, "resolved": 3}))]
pub struct TrendRow {
    /// Start of the day or week (Monday), UTC.
    #[diesel(sql_type = Timestamptz)]
    pub period: DateTime<Utc>,
    #[diesel(sql_type = BigInt)]
    pub created: i64,
    #[diesel(sql_type = BigInt)]
    pub resolved: i64,
}

pub async fn trends(
    state: &AppState,
    f: &Filter,
    now: DateTime<Utc>,
    week: bool,
) -> Result<Vec<TrendRow>, WorkflowError> {
    let mut conn = state.platform.db().conn().await?;
    let unit = if week { "week" } else { "day" };
    let sql = format!(
        "SELECT period, sum(created)::bigint AS created, sum(resolved)::bigint AS resolved FROM ( \
           SELECT date_trunc('{unit}', t.created_at, 'UTC') AS period, 1 AS created, 0 AS resolved FROM tasks t WHERE {BASE} \
           UNION ALL \
           SELECT date_trunc('{unit}', t.completed_at, 'UTC'), 0, 1 FROM tasks t WHERE {BASE} AND t.completed_at IS NOT NULL \
         ) buckets GROUP BY period ORDER BY period"
    );
    Ok(bind(sql, f, now, None).load(&mut conn).await?)
}

/// A task behind a figure.
#[derive(Debug, Serialize, ToSchema, QueryableByName)]
#[schema(example = json!({"task_id": 2, "ticket_number": "T2", "workflow_id": 1, "version": 1, "priority": "High",
    "status": "completed", "current_step": "do", "created_at": "2026-01-05T00:00:00Z", "target_at": "2026-01-05T04:00:00Z",
    "completed_at": "2026-01-05T05:00:00Z"}))]
pub struct TaskRow {
    #[diesel(sql_type = BigInt)]
    pub task_id: i64,
    #[diesel(sql_type = Text)]
    pub ticket_number: String,
    #[diesel(sql_type = BigInt)]
    pub workflow_id: i64,
    #[diesel(sql_type = Int4)]
    pub version: i32,
    #[diesel(sql_type = Text)]
    pub priority: String,
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = Text)]
    pub current_step: String,
    #[diesel(sql_type = Timestamptz)]
    pub created_at: DateTime<Utc>,
    #[diesel(sql_type = Timestamptz)]
    pub target_at: DateTime<Utc>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub completed_at: Option<DateTime<Utc>>,
}

/// Up to `limit` tasks behind a figure, newest first, with an id below `before`.
pub async fn tasks(
    state: &AppState,
    f: &Filter,
    set: Set,
    assignee: Option<i64>,
    before: Option<i64>,
    limit: i64,
    now: DateTime<Utc>,
) -> Result<Vec<TaskRow>, WorkflowError> {
    let mut conn = state.platform.db().conn().await?;
    let sql = format!(
        "SELECT t.id AS task_id, t.ticket_number, t.workflow_id, t.version, t.priority, t.status, t.current_step, \
         t.created_at, t.target_at, t.completed_at FROM tasks t WHERE {BASE} AND {} AND ($7::bigint IS NULL OR t.id < $7) \
         ORDER BY t.id DESC LIMIT $8",
        set.predicate()
    );
    Ok(bind(sql, f, now, assignee)
        .bind::<Nullable<BigInt>, _>(before)
        .bind::<BigInt, _>(limit)
        .load(&mut conn)
        .await?)
}

/// Rows as CSV (RFC 4180): the header `columns`, then one line per row with each column's
/// value, nested objects read as `key.sub` columns, null as empty, quoted where needed.
pub fn csv<T: Serialize>(columns: &[&str], rows: &[T]) -> String {
    fn flatten(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    flatten(&key, v, out);
                }
            }
            serde_json::Value::Null => out.push((prefix.to_string(), String::new())),
            serde_json::Value::String(s) => out.push((prefix.to_string(), s.clone())),
            other => out.push((prefix.to_string(), other.to_string())),
        }
    }
    fn quote(field: &str) -> String {
        if field.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", field.replace('"', "\"\""))
        } else {
            field.to_string()
        }
    }
    let mut text = columns
        .iter()
        .map(|c| quote(c))
        .collect::<Vec<_>>()
        .join(",");
    text.push_str("\r\n");
    for row in rows {
        let mut flat = Vec::new();
        flatten(
            "",
            &serde_json::to_value(row).expect("rows serialise"),
            &mut flat,
        );
        let line: Vec<String> = columns
            .iter()
            .map(|c| {
                flat.iter()
                    .find(|(k, _)| k == c)
                    .map(|(_, v)| quote(v))
                    .unwrap_or_default()
            })
            .collect();
        text.push_str(&line.join(","));
        text.push_str("\r\n");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_flattens_and_quotes() {
        let rows = vec![
            serde_json::json!({"key": "High", "met": {"count": 1, "tasks": "/a?x=1&y=2"}, "note": "a, \"b\""}),
            serde_json::json!({"key": "Low", "met": {"count": 2, "tasks": "/b"}, "note": null}),
        ];
        assert_eq!(
            csv(&["key", "met.count", "met.tasks", "note"], &rows),
            "key,met.count,met.tasks,note\r\nHigh,1,/a?x=1&y=2,\"a, \"\"b\"\"\"\r\nLow,2,/b,\r\n"
        );
        let none: [serde_json::Value; 0] = [];
        assert_eq!(csv(columns::TRENDS, &none), "period,created,resolved\r\n");
        assert_eq!(percent(1, 3), Some(33.33));
        assert_eq!(percent(0, 0), None);
    }
}
