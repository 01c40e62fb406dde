//! `/analytics/…`: reports for `tts:Admin` and coordinators; every list also as `?format=csv`.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tts_shared::auth::AuthUser;
use tts_shared::http::{ErrorBody, Json, Query};
use utoipa::IntoParams;

use crate::AppState;
use crate::analytics::{self, Filter, Set};
use crate::error::WorkflowError;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Tasks created at or after (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Tasks created before (RFC 3339).
    pub to: Option<DateTime<Utc>>,
    pub priority: Option<String>,
    pub workflow_id: Option<i64>,
    /// `json` (default) or `csv`.
    pub format: Option<String>,
    /// Trends: `day` (default) or `week`.
    pub interval: Option<String>,
    /// Drill-down: which tasks (`open`, `met`, `breached`, …; see each figure's `tasks` link).
    pub set: Option<Set>,
    /// Drill-down of workload figures: the agent.
    pub assignee: Option<i64>,
    /// Drill-down paging: last task id of the previous page.
    pub before: Option<i64>,
    /// Drill-down page size, 1–500 (default 100).
    pub limit: Option<i64>,
}

impl Params {
    fn filter(&self) -> Filter {
        Filter {
            from: self.from,
            to: self.to,
            priority: self.priority.clone(),
            workflow_id: self.workflow_id,
        }
    }

    fn csv(&self) -> Result<bool, WorkflowError> {
        match self.format.as_deref() {
            None | Some("json") => Ok(false),
            Some("csv") => Ok(true),
            Some(_) => Err(WorkflowError::invalid("format", "must be json or csv")),
        }
    }
}

fn allowed(state: &AppState, user: &AuthUser) -> Result<(), WorkflowError> {
    crate::access::require_admin_or_coordinator(&state.settings, user)
}

fn answer<T: Serialize>(rows: Vec<T>, csv: bool) -> Response {
    if csv {
        let values: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| serde_json::to_value(r).expect("rows serialise"))
            .collect();
        (
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
            analytics::csv(&values),
        )
            .into_response()
    } else {
        Json(rows).into_response()
    }
}

/// Totals, SLA compliance, time to resolve, escalation and transfer rates.
#[utoipa::path(get, path = "/analytics/dashboard/", tag = "analytics", params(Params), security(("bearer" = [])),
    responses((status = 200, body = analytics::Dashboard), (status = 403, body = ErrorBody)))]
pub async fn dashboard(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<Params>,
) -> Result<Response, WorkflowError> {
    allowed(&state, &user)?;
    let csv = p.csv()?;
    let d = analytics::dashboard(&state, &p.filter(), Utc::now()).await?;
    Ok(if csv {
        answer(vec![d], true)
    } else {
        Json(d).into_response()
    })
}

/// Met, breached, at risk and compliance per priority and per workflow.
#[utoipa::path(get, path = "/analytics/sla/", tag = "analytics", params(Params), security(("bearer" = [])),
    responses((status = 200, body = Vec<analytics::SlaRow>)))]
pub async fn sla(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<Params>,
) -> Result<Response, WorkflowError> {
    allowed(&state, &user)?;
    Ok(answer(
        analytics::sla(&state, &p.filter(), Utc::now()).await?,
        p.csv()?,
    ))
}

/// Per agent: open, overdue, resolved, median handling time.
#[utoipa::path(get, path = "/analytics/workload/", tag = "analytics", params(Params), security(("bearer" = [])),
    responses((status = 200, body = Vec<analytics::WorkloadRow>)))]
pub async fn workload(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<Params>,
) -> Result<Response, WorkflowError> {
    allowed(&state, &user)?;
    Ok(answer(
        analytics::workload(&state, &p.filter(), Utc::now()).await?,
        p.csv()?,
    ))
}

/// Per workflow: started, completed, median time to complete.
#[utoipa::path(get, path = "/analytics/workflows/", tag = "analytics", params(Params), security(("bearer" = [])),
    responses((status = 200, body = Vec<analytics::WorkflowRow>)))]
pub async fn workflows(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<Params>,
) -> Result<Response, WorkflowError> {
    allowed(&state, &user)?;
    Ok(answer(
        analytics::workflows(&state, &p.filter(), Utc::now()).await?,
        p.csv()?,
    ))
}

/// Per step: items, open items, median time, longest current wait (longest first).
#[utoipa::path(get, path = "/analytics/steps/", tag = "analytics", params(Params), security(("bearer" = [])),
    responses((status = 200, body = Vec<analytics::StepRow>)))]
pub async fn steps(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<Params>,
) -> Result<Response, WorkflowError> {
    allowed(&state, &user)?;
    Ok(answer(
        analytics::steps(&state, &p.filter(), Utc::now()).await?,
        p.csv()?,
    ))
}

/// Created vs resolved per day or week.
#[utoipa::path(get, path = "/analytics/trends/", tag = "analytics", params(Params), security(("bearer" = [])),
    responses((status = 200, body = Vec<analytics::TrendRow>)))]
pub async fn trends(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<Params>,
) -> Result<Response, WorkflowError> {
    allowed(&state, &user)?;
    let week = match p.interval.as_deref() {
        None | Some("day") => false,
        Some("week") => true,
        Some(_) => return Err(WorkflowError::invalid("interval", "must be day or week")),
    };
    Ok(answer(
        analytics::trends(&state, &p.filter(), Utc::now(), week).await?,
        p.csv()?,
    ))
}

/// The tasks behind a figure (follow a figure's `tasks` link).
#[utoipa::path(get, path = "/analytics/tasks/", tag = "analytics", params(Params), security(("bearer" = [])),
    responses((status = 200, body = Vec<analytics::TaskRow>), (status = 422, body = ErrorBody)))]
pub async fn tasks(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<Params>,
) -> Result<Response, WorkflowError> {
    allowed(&state, &user)?;
    let set = p.set.unwrap_or(Set::All);
    if matches!(set, Set::AgentOpen | Set::AgentOverdue | Set::AgentResolved)
        && p.assignee.is_none()
    {
        return Err(WorkflowError::invalid(
            "assignee",
            "is required for agent sets",
        ));
    }
    let limit = p.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(WorkflowError::invalid("limit", "must be between 1 and 500"));
    }
    let rows = analytics::tasks(
        &state,
        &p.filter(),
        set,
        p.assignee,
        p.before,
        limit,
        Utc::now(),
    )
    .await?;
    Ok(answer(rows, p.csv()?))
}
