//! Workflows, their draft graphs and their published versions.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::Value;

use crate::domain::graph::{Graph, StepDef, TransitionDef};
use crate::domain::matching::Route;
use crate::domain::sla::{ResponsePolicy, SlaPolicy};
use crate::schema::{steps, transitions, workflow_versions, workflows};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = workflows)]
pub struct WorkflowRow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub department: String,
    pub category: String,
    pub sub_category: Option<String>,
    pub low_sla_seconds: i64,
    pub medium_sla_seconds: i64,
    pub high_sla_seconds: i64,
    pub urgent_sla_seconds: i64,
    pub status: String,
    pub latest_version: Option<i32>,
    pub created_by: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub calendar: Option<Value>,
    pub escalate_on_breach: bool,
    pub end_action: String,
    pub end_webhook_url: Option<String>,
    pub low_response_sla_seconds: Option<i64>,
    pub medium_response_sla_seconds: Option<i64>,
    pub high_response_sla_seconds: Option<i64>,
    pub urgent_response_sla_seconds: Option<i64>,
}

impl WorkflowRow {
    /// The first-response SLAs (low, medium, high, urgent); `None` where a priority has none.
    pub fn response_slas(&self) -> ResponsePolicy {
        response_policy([
            self.low_response_sla_seconds,
            self.medium_response_sla_seconds,
            self.high_response_sla_seconds,
            self.urgent_response_sla_seconds,
        ])
    }

    pub fn slas(&self) -> SlaPolicy {
        policy([
            self.low_sla_seconds,
            self.medium_sla_seconds,
            self.high_sla_seconds,
            self.urgent_sla_seconds,
        ])
    }

    pub fn route(&self) -> Route {
        Route {
            workflow_id: self.id,
            department: self.department.clone(),
            category: self.category.clone(),
            sub_category: self.sub_category.clone(),
        }
    }
}

/// SLAs stored as seconds (low, medium, high, urgent), as a policy.
fn policy([low, medium, high, urgent]: [i64; 4]) -> SlaPolicy {
    SlaPolicy {
        low: chrono::Duration::seconds(low),
        medium: chrono::Duration::seconds(medium),
        high: chrono::Duration::seconds(high),
        urgent: chrono::Duration::seconds(urgent),
    }
}

/// Optional first-response SLAs stored as seconds, as a policy.
fn response_policy([low, medium, high, urgent]: [Option<i64>; 4]) -> ResponsePolicy {
    let d = |s: Option<i64>| s.map(chrono::Duration::seconds);
    ResponsePolicy {
        low: d(low),
        medium: d(medium),
        high: d(high),
        urgent: d(urgent),
    }
}

/// Sets the workflow's first-response SLAs (`None` clears one).
pub async fn set_response_slas(
    conn: &mut AsyncPgConnection,
    id: i64,
    [low, medium, high, urgent]: [Option<i64>; 4],
) -> QueryResult<WorkflowRow> {
    diesel::update(workflows::table.find(id))
        .set((
            workflows::low_response_sla_seconds.eq(low),
            workflows::medium_response_sla_seconds.eq(medium),
            workflows::high_response_sla_seconds.eq(high),
            workflows::urgent_response_sla_seconds.eq(urgent),
        ))
        .returning(WorkflowRow::as_returning())
        .get_result(conn)
        .await
}

/// The fields a designer sets.
#[derive(Debug, Clone, AsChangeset, Insertable)]
#[diesel(table_name = workflows)]
pub struct WorkflowFields {
    pub name: String,
    pub description: String,
    pub department: String,
    pub category: String,
    pub sub_category: Option<String>,
    pub low_sla_seconds: i64,
    pub medium_sla_seconds: i64,
    pub high_sla_seconds: i64,
    pub urgent_sla_seconds: i64,
    pub calendar: Option<Value>,
    pub escalate_on_breach: bool,
    pub end_action: String,
    pub end_webhook_url: Option<String>,
}

pub async fn insert(
    conn: &mut AsyncPgConnection,
    f: &WorkflowFields,
    created_by: i64,
) -> QueryResult<WorkflowRow> {
    diesel::insert_into(workflows::table)
        .values((f, workflows::created_by.eq(created_by)))
        .returning(WorkflowRow::as_returning())
        .get_result(conn)
        .await
}

pub async fn find(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Option<WorkflowRow>> {
    workflows::table
        .find(id)
        .select(WorkflowRow::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    id: i64,
) -> QueryResult<Option<WorkflowRow>> {
    workflows::table
        .find(id)
        .select(WorkflowRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

#[derive(Debug, Default)]
pub struct ListFilter {
    pub status: Option<String>,
    pub department: Option<String>,
    pub category: Option<String>,
}

/// Up to `limit` workflows matching `filter` with an id above `after`, by id.
pub async fn list(
    conn: &mut AsyncPgConnection,
    filter: &ListFilter,
    after: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<WorkflowRow>> {
    let mut query = workflows::table
        .select(WorkflowRow::as_select())
        .filter(workflows::id.gt(after.unwrap_or(0)))
        .into_boxed();
    if let Some(v) = &filter.status {
        query = query.filter(workflows::status.eq(v.clone()));
    }
    if let Some(v) = &filter.department {
        query = query.filter(workflows::department.eq(v.clone()));
    }
    if let Some(v) = &filter.category {
        query = query.filter(workflows::category.eq(v.clone()));
    }
    query.order(workflows::id).limit(limit).load(conn).await
}

pub async fn update(
    conn: &mut AsyncPgConnection,
    id: i64,
    f: &WorkflowFields,
) -> QueryResult<WorkflowRow> {
    diesel::update(workflows::table.find(id))
        .set((f, workflows::updated_at.eq(diesel::dsl::now)))
        .returning(WorkflowRow::as_returning())
        .get_result(conn)
        .await
}

pub async fn set_status(
    conn: &mut AsyncPgConnection,
    id: i64,
    status: &str,
) -> QueryResult<WorkflowRow> {
    diesel::update(workflows::table.find(id))
        .set((
            workflows::status.eq(status),
            workflows::updated_at.eq(diesel::dsl::now),
        ))
        .returning(WorkflowRow::as_returning())
        .get_result(conn)
        .await
}

/// Deletes a workflow that never ran a task, with its versions and draft graph.
pub async fn delete(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<usize> {
    diesel::delete(workflow_versions::table.filter(workflow_versions::workflow_id.eq(id)))
        .execute(conn)
        .await?;
    diesel::delete(workflows::table.find(id))
        .execute(conn)
        .await
}

/// The draft graph with the ids of its steps and transitions (by key).
pub struct Draft {
    pub graph: Graph,
    pub step_ids: HashMap<String, i64>,
    pub transition_ids: HashMap<String, i64>,
}

pub async fn draft(conn: &mut AsyncPgConnection, workflow_id: i64) -> QueryResult<Draft> {
    let step_rows: Vec<(i64, String, Value)> = steps::table
        .filter(steps::workflow_id.eq(workflow_id))
        .order(steps::position)
        .select((steps::id, steps::key, steps::definition))
        .load(conn)
        .await?;
    let transition_rows: Vec<(i64, String, Value)> = transitions::table
        .filter(transitions::workflow_id.eq(workflow_id))
        .order(transitions::position)
        .select((transitions::id, transitions::key, transitions::definition))
        .load(conn)
        .await?;
    let mut draft = Draft {
        graph: Graph::default(),
        step_ids: HashMap::new(),
        transition_ids: HashMap::new(),
    };
    for (id, key, definition) in step_rows {
        if let Ok(step) = serde_json::from_value::<StepDef>(definition) {
            draft.step_ids.insert(key, id);
            draft.graph.steps.push(step);
        }
    }
    for (id, key, definition) in transition_rows {
        if let Ok(t) = serde_json::from_value::<TransitionDef>(definition) {
            draft.transition_ids.insert(key, id);
            draft.graph.transitions.push(t);
        }
    }
    Ok(draft)
}

/// Replaces the draft graph. Steps and transitions keep their ids when their key stays.
pub async fn replace_graph(
    conn: &mut AsyncPgConnection,
    workflow_id: i64,
    graph: &Graph,
) -> QueryResult<Draft> {
    let step_keys: Vec<&str> = graph.steps.iter().map(|s| s.key.as_str()).collect();
    let transition_keys: Vec<&str> = graph.transitions.iter().map(|t| t.key.as_str()).collect();
    diesel::delete(
        steps::table
            .filter(steps::workflow_id.eq(workflow_id))
            .filter(steps::key.ne_all(&step_keys)),
    )
    .execute(conn)
    .await?;
    diesel::delete(
        transitions::table
            .filter(transitions::workflow_id.eq(workflow_id))
            .filter(transitions::key.ne_all(&transition_keys)),
    )
    .execute(conn)
    .await?;
    for (position, step) in graph.steps.iter().enumerate() {
        let definition = serde_json::to_value(step).expect("steps serialise");
        diesel::insert_into(steps::table)
            .values((
                steps::workflow_id.eq(workflow_id),
                steps::key.eq(&step.key),
                steps::position.eq(position as i32),
                steps::definition.eq(&definition),
            ))
            .on_conflict((steps::workflow_id, steps::key))
            .do_update()
            .set((
                steps::position.eq(position as i32),
                steps::definition.eq(&definition),
            ))
            .execute(conn)
            .await?;
    }
    for (position, t) in graph.transitions.iter().enumerate() {
        let definition = serde_json::to_value(t).expect("transitions serialise");
        diesel::insert_into(transitions::table)
            .values((
                transitions::workflow_id.eq(workflow_id),
                transitions::key.eq(&t.key),
                transitions::position.eq(position as i32),
                transitions::definition.eq(&definition),
            ))
            .on_conflict((transitions::workflow_id, transitions::key))
            .do_update()
            .set((
                transitions::position.eq(position as i32),
                transitions::definition.eq(&definition),
            ))
            .execute(conn)
            .await?;
    }
    diesel::update(workflows::table.find(workflow_id))
        .set(workflows::updated_at.eq(diesel::dsl::now))
        .execute(conn)
        .await?;
    draft(conn, workflow_id).await
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = workflow_versions)]
pub struct VersionRow {
    pub workflow_id: i64,
    pub version: i32,
    pub definition: Value,
    pub department: String,
    pub category: String,
    pub sub_category: Option<String>,
    pub low_sla_seconds: i64,
    pub medium_sla_seconds: i64,
    pub high_sla_seconds: i64,
    pub urgent_sla_seconds: i64,
    pub published_by: i64,
    pub published_at: DateTime<Utc>,
    pub calendar: Option<Value>,
    pub escalate_on_breach: bool,
    pub end_action: String,
    pub end_webhook_url: Option<String>,
    pub low_response_sla_seconds: Option<i64>,
    pub medium_response_sla_seconds: Option<i64>,
    pub high_response_sla_seconds: Option<i64>,
    pub urgent_response_sla_seconds: Option<i64>,
}

impl VersionRow {
    /// The frozen first-response SLAs; `None` where a priority has none.
    pub fn response_slas(&self) -> ResponsePolicy {
        response_policy([
            self.low_response_sla_seconds,
            self.medium_response_sla_seconds,
            self.high_response_sla_seconds,
            self.urgent_response_sla_seconds,
        ])
    }

    /// The business hours tasks on this version count SLA time in (`None`: around the clock).
    pub fn calendar(&self) -> Option<crate::domain::calendar::Calendar> {
        self.calendar
            .as_ref()
            .and_then(|c| serde_json::from_value(c.clone()).ok())
    }

    /// The frozen graph tasks on this version run on.
    pub fn graph(&self) -> Graph {
        serde_json::from_value(self.definition["graph"].clone()).unwrap_or_default()
    }

    pub fn slas(&self) -> SlaPolicy {
        policy([
            self.low_sla_seconds,
            self.medium_sla_seconds,
            self.high_sla_seconds,
            self.urgent_sla_seconds,
        ])
    }
}

/// Freezes `definition` as version N+1 of the workflow and makes it the active one.
pub async fn publish(
    conn: &mut AsyncPgConnection,
    workflow: &WorkflowRow,
    definition: &Value,
    published_by: i64,
) -> QueryResult<VersionRow> {
    let version = workflow.latest_version.unwrap_or(0) + 1;
    let row = diesel::insert_into(workflow_versions::table)
        .values((
            workflow_versions::workflow_id.eq(workflow.id),
            workflow_versions::version.eq(version),
            workflow_versions::definition.eq(definition),
            workflow_versions::department.eq(&workflow.department),
            workflow_versions::category.eq(&workflow.category),
            workflow_versions::sub_category.eq(&workflow.sub_category),
            workflow_versions::low_sla_seconds.eq(workflow.low_sla_seconds),
            workflow_versions::medium_sla_seconds.eq(workflow.medium_sla_seconds),
            workflow_versions::high_sla_seconds.eq(workflow.high_sla_seconds),
            workflow_versions::urgent_sla_seconds.eq(workflow.urgent_sla_seconds),
            workflow_versions::published_by.eq(published_by),
            workflow_versions::calendar.eq(&workflow.calendar),
            workflow_versions::escalate_on_breach.eq(workflow.escalate_on_breach),
            workflow_versions::end_action.eq(&workflow.end_action),
            workflow_versions::end_webhook_url.eq(&workflow.end_webhook_url),
            workflow_versions::low_response_sla_seconds.eq(workflow.low_response_sla_seconds),
            workflow_versions::medium_response_sla_seconds.eq(workflow.medium_response_sla_seconds),
            workflow_versions::high_response_sla_seconds.eq(workflow.high_response_sla_seconds),
            workflow_versions::urgent_response_sla_seconds.eq(workflow.urgent_response_sla_seconds),
        ))
        .returning(VersionRow::as_returning())
        .get_result(conn)
        .await?;
    // A paused workflow stays paused; a draft becomes active.
    let status = if workflow.status == "paused" {
        "paused"
    } else {
        "active"
    };
    diesel::update(workflows::table.find(workflow.id))
        .set((
            workflows::latest_version.eq(version),
            workflows::status.eq(status),
            workflows::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .await?;
    Ok(row)
}

/// Up to `limit` versions of the workflow numbered above `after`, oldest first.
pub async fn versions(
    conn: &mut AsyncPgConnection,
    workflow_id: i64,
    after: Option<i32>,
    limit: i64,
) -> QueryResult<Vec<VersionRow>> {
    workflow_versions::table
        .filter(workflow_versions::workflow_id.eq(workflow_id))
        .filter(workflow_versions::version.gt(after.unwrap_or(0)))
        .order(workflow_versions::version)
        .limit(limit)
        .select(VersionRow::as_select())
        .load(conn)
        .await
}

pub async fn version(
    conn: &mut AsyncPgConnection,
    workflow_id: i64,
    version: i32,
) -> QueryResult<Option<VersionRow>> {
    workflow_versions::table
        .find((workflow_id, version))
        .select(VersionRow::as_select())
        .first(conn)
        .await
        .optional()
}

/// Routes of the workflows in `statuses` (newest version's matching fields): `active` ones take
/// tickets now; `paused` ones may again.
pub async fn routes(conn: &mut AsyncPgConnection, statuses: &[&str]) -> QueryResult<Vec<Route>> {
    let rows: Vec<(i64, String, String, Option<String>)> = workflows::table
        .inner_join(
            workflow_versions::table.on(workflow_versions::workflow_id
                .eq(workflows::id)
                .and(workflows::latest_version.eq(workflow_versions::version.nullable()))),
        )
        .filter(workflows::status.eq_any(statuses))
        .select((
            workflows::id,
            workflow_versions::department,
            workflow_versions::category,
            workflow_versions::sub_category,
        ))
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(workflow_id, department, category, sub_category)| Route {
            workflow_id,
            department,
            category,
            sub_category,
        })
        .collect())
}

/// Whether any task ever ran on the workflow (then it is archived, never deleted).
pub async fn has_tasks(conn: &mut AsyncPgConnection, workflow_id: i64) -> QueryResult<bool> {
    use crate::schema::tasks;
    diesel::select(diesel::dsl::exists(
        tasks::table.filter(tasks::workflow_id.eq(workflow_id)),
    ))
    .get_result(conn)
    .await
}

#[derive(diesel::QueryableByName)]
pub struct NamedWorkflow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub id: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub name: String,
}

/// Another workflow (not `except`, not archived) whose name equals `name`, ignoring case and
/// surrounding spaces. Callers hold [`lock_names`] so two designers cannot both take a name.
pub async fn other_with_name(
    conn: &mut AsyncPgConnection,
    name: &str,
    except: Option<i64>,
) -> QueryResult<Option<NamedWorkflow>> {
    use diesel::sql_types::{BigInt, Text};
    diesel::sql_query(
        "SELECT id, name FROM workflows
          WHERE lower(btrim(name)) = lower(btrim($1)) AND status <> 'archived' AND id <> $2
          ORDER BY id LIMIT 1",
    )
    .bind::<Text, _>(name)
    .bind::<BigInt, _>(except.unwrap_or(0))
    .get_result(conn)
    .await
    .optional()
}

/// Serialises name checks until the transaction ends.
pub async fn lock_names(conn: &mut AsyncPgConnection) -> QueryResult<()> {
    diesel::sql_query("SELECT pg_advisory_xact_lock(74720010)")
        .execute(conn)
        .await?;
    Ok(())
}
