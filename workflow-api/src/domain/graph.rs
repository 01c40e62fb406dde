//! The workflow graph a designer edits, and its validation.
//!
//! A Workflow is a set of Steps joined by Transitions. The designer saves
//! drafts freely; `validate` says everything that keeps a draft from being
//! published, all at once, so the designer can fix every problem in one go.

use std::collections::{HashMap, HashSet, VecDeque};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One Step of a workflow: who works on it, and how much of the SLA it gets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"key": "approve", "name": "Approval", "role_id": 5, "escalate_to_role_id": 4,
    "weight": 2, "instruction": "Approve or reject the request", "is_start": false, "is_end": false,
    "design": {"x": 320, "y": 120}}))]
pub struct StepDef {
    /// The designer's own key for the step, unique in the graph; transitions name steps by it.
    pub key: String,
    pub name: String,
    /// The role whose members work on the step (round robin).
    pub role_id: i64,
    /// The role an item of this step is escalated to.
    #[serde(default)]
    pub escalate_to_role_id: Option<i64>,
    /// Share of the ticket's SLA, relative to the other steps' weights.
    #[serde(default = "one")]
    #[schema(minimum = 1, default = 1)]
    pub weight: u32,
    /// Shown to the assignee.
    #[serde(default)]
    pub instruction: String,
    /// Exactly one step of a publishable graph is the start.
    #[serde(default)]
    pub is_start: bool,
    /// At least one step of a publishable graph is an end.
    #[serde(default)]
    pub is_end: bool,
    /// Canvas position (`x`, `y`) and any other designer data; kept as given, opaque to the rules.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub design: serde_json::Value,
}

/// A Transition from one Step to another, named by step keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"key": "approve", "from": "approve", "to": "resolve", "name": "Approve"}))]
pub struct TransitionDef {
    /// The designer's own key for the transition, unique in the graph.
    pub key: String,
    /// Key of the step it leaves.
    pub from: String,
    /// Key of the step it leads to.
    pub to: String,
    /// The action's label, shown to the assignee.
    pub name: String,
}

/// The whole graph as the designer saved it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "steps": [
        {"key": "triage", "name": "Triage", "role_id": 4, "weight": 1, "is_start": true, "instruction": "Check the ticket", "design": {"x": 80, "y": 120}},
        {"key": "approve", "name": "Approval", "role_id": 5, "escalate_to_role_id": 4, "weight": 2, "design": {"x": 320, "y": 120}},
        {"key": "resolve", "name": "Resolution", "role_id": 4, "weight": 1, "is_end": true, "design": {"x": 560, "y": 120}}
    ],
    "transitions": [
        {"key": "submit", "from": "triage", "to": "approve", "name": "Submit"},
        {"key": "approve", "from": "approve", "to": "resolve", "name": "Approve"},
        {"key": "reject", "from": "approve", "to": "triage", "name": "Reject"}
    ]
}))]
pub struct Graph {
    #[serde(default)]
    pub steps: Vec<StepDef>,
    #[serde(default)]
    pub transitions: Vec<TransitionDef>,
}

/// One thing that keeps a graph (or an SLA policy) from being published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({"code": "unknown_role", "message": "step \"b\" (B) is assigned to role 404, which does not exist",
    "field": "steps[1].role_id", "step": "b"}))]
pub struct Problem {
    /// Stable machine-readable code, such as `dead_end`.
    #[schema(value_type = String)]
    pub code: &'static str,
    /// A sentence for the designer.
    pub message: String,
    /// Dotted path of what the problem concerns in the workflow: `steps[2].role_id`,
    /// `transitions[0].to`, `steps` for the graph as a whole, `high_sla`, `end_action`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Key of the step the problem concerns, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// Key of the transition the problem concerns, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transition: Option<String>,
}

/// Steps are worth one share of the SLA unless the designer says otherwise.
fn one() -> u32 {
    1
}

impl Graph {
    /// The first step with this key.
    pub fn step(&self, key: &str) -> Option<&StepDef> {
        self.steps.iter().find(|step| step.key == key)
    }

    /// The start step, when exactly one step is marked as the start.
    pub fn start(&self) -> Option<&StepDef> {
        let mut starts = self.steps.iter().filter(|step| step.is_start);
        match (starts.next(), starts.next()) {
            (Some(start), None) => Some(start),
            _ => None,
        }
    }

    /// Transitions leaving the step, in graph order.
    pub fn outgoing(&self, step_key: &str) -> Vec<&TransitionDef> {
        self.transitions
            .iter()
            .filter(|transition| transition.from == step_key)
            .collect()
    }

    /// The first transition with this key.
    pub fn transition(&self, key: &str) -> Option<&TransitionDef> {
        self.transitions
            .iter()
            .find(|transition| transition.key == key)
    }

    /// Sum of all step weights; saturates rather than wrapping so that an
    /// absurd draft cannot produce a small total.
    pub fn total_weight(&self) -> u32 {
        self.steps
            .iter()
            .fold(0_u32, |total, step| total.saturating_add(step.weight))
    }
}

/// Reports every problem that keeps the graph from being published.
///
/// Nothing stops the check early. Problems come in this order, each group in
/// graph order: `empty_graph`; problems of each step's own fields; problems
/// of each transition's own fields and ends; `no_start` or
/// `multiple_starts`, then `no_end`; `unreachable_step`; `dead_end`.
///
/// Reachability is measured from the start steps. With two or more starts a
/// step that none of them reaches is reported, because it stays unreachable
/// whichever start the designer keeps; with no start it is not evaluated.
/// A dead end is a step from which no end step can be reached, so in a graph
/// without any end step every step is one. End steps are never dead ends and
/// may have outgoing transitions (such as Reopen); cycles are allowed.
/// Transitions naming a missing step are reported and otherwise ignored.
pub fn validate(graph: &Graph, role_exists: &dyn Fn(i64) -> bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    if graph.steps.is_empty() {
        problems.push(Problem {
            code: "empty_graph",
            message: "the workflow has no steps; add at least a start step and an end step"
                .to_string(),
            field: Some("steps".to_string()),
            step: None,
            transition: None,
        });
    }
    check_steps(graph, role_exists, &mut problems);
    check_transitions(graph, &mut problems);
    // An empty graph has already been reported; "no start" and "no end"
    // would only repeat it.
    if !graph.steps.is_empty() {
        check_start_and_end(graph, &mut problems);
        check_reachability(graph, &mut problems);
        check_dead_ends(graph, &mut problems);
    }
    problems
}

/// A problem of the step at `position`; `field` names the step's field, or is empty for the
/// step as a whole.
fn step_problem(
    code: &'static str,
    position: usize,
    field: &str,
    step: &StepDef,
    message: String,
) -> Problem {
    Problem {
        code,
        message,
        field: Some(path("steps", position, field)),
        step: Some(step.key.clone()),
        transition: None,
    }
}

fn transition_problem(
    code: &'static str,
    position: usize,
    field: &str,
    transition: &TransitionDef,
    message: String,
) -> Problem {
    Problem {
        code,
        message,
        field: Some(path("transitions", position, field)),
        step: None,
        transition: Some(transition.key.clone()),
    }
}

/// `steps[2].role_id`, or `steps[2]` without a field.
fn path(list: &str, position: usize, field: &str) -> String {
    if field.is_empty() {
        format!("{list}[{position}]")
    } else {
        format!("{list}[{position}].{field}")
    }
}

/// Names a step for messages: `step "approve" (Manager approval)`. A step
/// without a key is named by its position, counting from 1.
fn describe_step(position: usize, step: &StepDef) -> String {
    let label = if step.key.trim().is_empty() {
        format!("step number {}", position + 1)
    } else {
        format!("step \"{}\"", step.key)
    };
    if step.name.trim().is_empty() {
        label
    } else {
        format!("{label} ({})", step.name)
    }
}

/// Names a transition for messages, like `describe_step`.
fn describe_transition(position: usize, transition: &TransitionDef) -> String {
    let label = if transition.key.trim().is_empty() {
        format!("transition number {}", position + 1)
    } else {
        format!("transition \"{}\"", transition.key)
    };
    if transition.name.trim().is_empty() {
        label
    } else {
        format!("{label} ({})", transition.name)
    }
}

fn check_steps(graph: &Graph, role_exists: &dyn Fn(i64) -> bool, problems: &mut Vec<Problem>) {
    let mut seen_keys: HashSet<&str> = HashSet::new();
    for (position, step) in graph.steps.iter().enumerate() {
        let label = describe_step(position, step);

        if step.key.trim().is_empty() {
            problems.push(step_problem(
                "blank_step_key",
                position,
                "key",
                step,
                format!("{label} has a blank key"),
            ));
        } else if !seen_keys.insert(step.key.as_str()) {
            problems.push(step_problem(
                "duplicate_step_key",
                position,
                "key",
                step,
                format!(
                    "{label} uses the key \"{}\", which an earlier step already uses",
                    step.key
                ),
            ));
        }

        if step.name.trim().is_empty() {
            problems.push(step_problem(
                "blank_step_name",
                position,
                "name",
                step,
                format!("{label} has a blank name"),
            ));
        }

        if step.weight == 0 {
            problems.push(step_problem(
                "zero_weight",
                position,
                "weight",
                step,
                format!("{label} has weight 0; the weight must be at least 1"),
            ));
        }

        if !role_exists(step.role_id) {
            problems.push(step_problem(
                "unknown_role",
                position,
                "role_id",
                step,
                format!(
                    "{label} is assigned to role {}, which does not exist",
                    step.role_id
                ),
            ));
        }

        if let Some(escalation_role_id) = step.escalate_to_role_id {
            if !role_exists(escalation_role_id) {
                problems.push(step_problem(
                    "unknown_escalation_role",
                    position,
                    "escalate_to_role_id",
                    step,
                    format!("{label} escalates to role {escalation_role_id}, which does not exist"),
                ));
            }
            if escalation_role_id == step.role_id {
                problems.push(step_problem(
"self_escalation", position, "escalate_to_role_id", step,
                    format!(
                        "{label} escalates to its own role {escalation_role_id}; choose another role or no escalation"
                    ),
                ));
            }
        }
    }
}

fn check_transitions(graph: &Graph, problems: &mut Vec<Problem>) {
    let step_keys: HashSet<&str> = graph.steps.iter().map(|step| step.key.as_str()).collect();
    let mut seen_keys: HashSet<&str> = HashSet::new();
    for (position, transition) in graph.transitions.iter().enumerate() {
        let label = describe_transition(position, transition);

        if transition.key.trim().is_empty() {
            problems.push(transition_problem(
                "blank_transition_key",
                position,
                "key",
                transition,
                format!("{label} has a blank key"),
            ));
        } else if !seen_keys.insert(transition.key.as_str()) {
            problems.push(transition_problem(
                "duplicate_transition_key",
                position,
                "key",
                transition,
                format!(
                    "{label} uses the key \"{}\", which an earlier transition already uses",
                    transition.key
                ),
            ));
        }

        if transition.name.trim().is_empty() {
            problems.push(transition_problem(
                "blank_transition_name",
                position,
                "name",
                transition,
                format!("{label} has a blank name"),
            ));
        }

        if !step_keys.contains(transition.from.as_str()) {
            problems.push(transition_problem(
                "unknown_step",
                position,
                "from",
                transition,
                format!(
                    "{label} starts at step \"{}\", which does not exist",
                    transition.from
                ),
            ));
        }
        if !step_keys.contains(transition.to.as_str()) {
            problems.push(transition_problem(
                "unknown_step",
                position,
                "to",
                transition,
                format!(
                    "{label} leads to step \"{}\", which does not exist",
                    transition.to
                ),
            ));
        }
    }
}

fn check_start_and_end(graph: &Graph, problems: &mut Vec<Problem>) {
    let start_keys: Vec<String> = graph
        .steps
        .iter()
        .filter(|step| step.is_start)
        .map(|step| format!("\"{}\"", step.key))
        .collect();
    if start_keys.is_empty() {
        problems.push(Problem {
            code: "no_start",
            message: "no step is marked as the start; mark exactly one step as the start"
                .to_string(),
            field: Some("steps".to_string()),
            step: None,
            transition: None,
        });
    } else if start_keys.len() > 1 {
        problems.push(Problem {
            code: "multiple_starts",
            message: format!(
                "{} steps are marked as the start ({}); mark exactly one",
                start_keys.len(),
                start_keys.join(", ")
            ),
            field: Some("steps".to_string()),
            step: None,
            transition: None,
        });
    }

    if !graph.steps.iter().any(|step| step.is_end) {
        problems.push(Problem {
            code: "no_end",
            message: "no step is marked as an end; mark at least one step as an end".to_string(),
            field: Some("steps".to_string()),
            step: None,
            transition: None,
        });
    }
}

fn check_reachability(graph: &Graph, problems: &mut Vec<Problem>) {
    let start_count = graph.steps.iter().filter(|step| step.is_start).count();
    if start_count == 0 {
        return;
    }
    let forward = neighbours(graph, |transition| {
        (transition.from.as_str(), transition.to.as_str())
    });
    let reached = reach(
        &forward,
        graph
            .steps
            .iter()
            .filter(|step| step.is_start)
            .map(|step| step.key.as_str()),
    );
    let from_where = if start_count == 1 {
        "the start step"
    } else {
        "any start step"
    };
    for (position, step) in first_of_each_key(graph) {
        if !reached.contains(step.key.as_str()) {
            problems.push(step_problem(
                "unreachable_step",
                position,
                "",
                step,
                format!(
                    "{} cannot be reached from {from_where}",
                    describe_step(position, step)
                ),
            ));
        }
    }
}

fn check_dead_ends(graph: &Graph, problems: &mut Vec<Problem>) {
    // Walking transitions backwards from the end steps finds every step that
    // can still finish; the rest are dead ends.
    let backward = neighbours(graph, |transition| {
        (transition.to.as_str(), transition.from.as_str())
    });
    let can_finish = reach(
        &backward,
        graph
            .steps
            .iter()
            .filter(|step| step.is_end)
            .map(|step| step.key.as_str()),
    );
    for (position, step) in first_of_each_key(graph) {
        if !can_finish.contains(step.key.as_str()) {
            problems.push(step_problem(
                "dead_end",
                position,
                "",
                step,
                format!(
                    "no end step can be reached from {}",
                    describe_step(position, step)
                ),
            ));
        }
    }
}

/// Steps with their positions, skipping later steps that repeat a key, so
/// a duplicated key gets one reachability verdict, not several.
fn first_of_each_key(graph: &Graph) -> Vec<(usize, &StepDef)> {
    let mut seen: HashSet<&str> = HashSet::new();
    graph
        .steps
        .iter()
        .enumerate()
        .filter(|(_, step)| seen.insert(step.key.as_str()))
        .collect()
}

/// Adjacency lists over transitions whose both ends exist; `ends` picks the
/// direction (from → to, or to → from).
fn neighbours<'a>(
    graph: &'a Graph,
    ends: impl Fn(&'a TransitionDef) -> (&'a str, &'a str),
) -> HashMap<&'a str, Vec<&'a str>> {
    let step_keys: HashSet<&str> = graph.steps.iter().map(|step| step.key.as_str()).collect();
    let mut adjacency: HashMap<&str, Vec<&str>> = HashMap::new();
    for transition in &graph.transitions {
        let (here, there) = ends(transition);
        if step_keys.contains(here) && step_keys.contains(there) {
            adjacency.entry(here).or_default().push(there);
        }
    }
    adjacency
}

/// Every step key reachable from the given keys, the keys included.
fn reach<'a>(
    adjacency: &HashMap<&'a str, Vec<&'a str>>,
    from: impl Iterator<Item = &'a str>,
) -> HashSet<&'a str> {
    let mut reached: HashSet<&str> = HashSet::new();
    let mut queue: VecDeque<&str> = VecDeque::new();
    for key in from {
        if reached.insert(key) {
            queue.push_back(key);
        }
    }
    while let Some(key) = queue.pop_front() {
        for &next in adjacency.get(key).into_iter().flatten() {
            if reached.insert(next) {
                queue.push_back(next);
            }
        }
    }
    reached
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPLOYEE: i64 = 1;
    const MANAGER: i64 = 2;
    const MISSING_ROLE: i64 = 99;

    fn role_exists(role_id: i64) -> bool {
        role_id == EMPLOYEE || role_id == MANAGER
    }

    fn step(key: &str, name: &str, role_id: i64) -> StepDef {
        StepDef {
            key: key.to_string(),
            name: name.to_string(),
            role_id,
            escalate_to_role_id: None,
            weight: 1,
            instruction: String::new(),
            is_start: false,
            is_end: false,
            design: serde_json::Value::Null,
        }
    }

    fn start(key: &str, name: &str, role_id: i64) -> StepDef {
        StepDef {
            is_start: true,
            ..step(key, name, role_id)
        }
    }

    fn end(key: &str, name: &str, role_id: i64) -> StepDef {
        StepDef {
            is_end: true,
            ..step(key, name, role_id)
        }
    }

    fn transition(key: &str, from: &str, to: &str, name: &str) -> TransitionDef {
        TransitionDef {
            key: key.to_string(),
            from: from.to_string(),
            to: to.to_string(),
            name: name.to_string(),
        }
    }

    /// Submit → Manager approval → Done, with Reject going back to Submit and
    /// Reopen leaving the end step.
    fn approval_graph() -> Graph {
        Graph {
            steps: vec![
                start("submit", "Submit request", EMPLOYEE),
                step("approve", "Manager approval", MANAGER),
                end("done", "Done", EMPLOYEE),
            ],
            transitions: vec![
                transition("send", "submit", "approve", "Send for approval"),
                transition("accept", "approve", "done", "Approve"),
                transition("reject", "approve", "submit", "Reject"),
                transition("reopen", "done", "approve", "Reopen"),
            ],
        }
    }

    fn codes(problems: &[Problem]) -> Vec<&'static str> {
        problems.iter().map(|problem| problem.code).collect()
    }

    #[test]
    fn a_valid_graph_with_a_back_edge_has_no_problems() {
        assert_eq!(validate(&approval_graph(), &role_exists), Vec::new());
    }

    #[test]
    fn no_end_two_starts_unreachable_dead_end_and_unknown_role_are_reported_together() {
        let graph = Graph {
            steps: vec![
                start("a", "First start", EMPLOYEE),
                start("b", "Second start", MISSING_ROLE),
                step("c", "Orphan", MANAGER),
            ],
            transitions: vec![transition("go", "a", "b", "Go")],
        };
        let problems = validate(&graph, &role_exists);
        assert_eq!(
            codes(&problems),
            vec![
                "unknown_role",
                "multiple_starts",
                "no_end",
                "unreachable_step",
                "dead_end",
                "dead_end",
                "dead_end",
            ]
        );
        assert_eq!(problems[0].step.as_deref(), Some("b"));
        assert_eq!(problems[3].step.as_deref(), Some("c"));
    }

    #[test]
    fn two_starts_and_an_unreachable_step_are_reported_together() {
        let mut graph = approval_graph();
        graph.steps[1].is_start = true;
        graph.steps.push(step("audit", "Audit", MANAGER));
        graph
            .transitions
            .push(transition("audited", "audit", "done", "Audited"));
        let problems = validate(&graph, &role_exists);
        assert_eq!(
            codes(&problems),
            vec!["multiple_starts", "unreachable_step"]
        );
        assert_eq!(problems[1].step.as_deref(), Some("audit"));
        assert_eq!(
            problems[1].message,
            "step \"audit\" (Audit) cannot be reached from any start step"
        );
    }

    #[test]
    fn unreachable_message_names_the_step_by_key_and_name() {
        let mut graph = approval_graph();
        graph
            .transitions
            .retain(|t| t.key != "send" && t.key != "reopen");
        graph
            .transitions
            .push(transition("skip", "submit", "done", "Skip approval"));
        let problems = validate(&graph, &role_exists);
        assert_eq!(codes(&problems), vec!["unreachable_step"]);
        assert_eq!(
            problems[0].message,
            "step \"approve\" (Manager approval) cannot be reached from the start step"
        );
        assert_eq!(problems[0].step.as_deref(), Some("approve"));
        assert_eq!(problems[0].transition, None);
    }

    #[test]
    fn an_empty_graph_is_reported_once() {
        let problems = validate(&Graph::default(), &role_exists);
        assert_eq!(codes(&problems), vec!["empty_graph"]);
    }

    #[test]
    fn transitions_of_an_empty_graph_are_still_checked() {
        let graph = Graph {
            steps: Vec::new(),
            transitions: vec![transition("go", "a", "b", "")],
        };
        let problems = validate(&graph, &role_exists);
        assert_eq!(
            codes(&problems),
            vec![
                "empty_graph",
                "blank_transition_name",
                "unknown_step",
                "unknown_step"
            ]
        );
    }

    #[test]
    fn step_field_problems_are_all_reported() {
        let mut graph = approval_graph();
        graph.steps.push(StepDef {
            weight: 0,
            escalate_to_role_id: Some(MISSING_ROLE),
            ..step("", " ", MISSING_ROLE)
        });
        graph
            .steps
            .push(step("approve", "Second approval", MANAGER));
        let problems = validate(&graph, &role_exists);
        let codes = codes(&problems);
        for expected in [
            "blank_step_key",
            "blank_step_name",
            "zero_weight",
            "unknown_role",
            "unknown_escalation_role",
            "self_escalation",
            "duplicate_step_key",
        ] {
            assert!(
                codes.contains(&expected),
                "{expected} missing from {codes:?}"
            );
        }
        assert_eq!(problems[0].message, "step number 4 has a blank key");
    }

    #[test]
    fn escalating_to_the_same_role_is_reported() {
        let mut graph = approval_graph();
        graph.steps[1].escalate_to_role_id = Some(MANAGER);
        let problems = validate(&graph, &role_exists);
        assert_eq!(codes(&problems), vec!["self_escalation"]);
        assert_eq!(problems[0].step.as_deref(), Some("approve"));
    }

    #[test]
    fn escalating_to_an_unknown_role_is_reported() {
        let mut graph = approval_graph();
        graph.steps[1].escalate_to_role_id = Some(MISSING_ROLE);
        let problems = validate(&graph, &role_exists);
        assert_eq!(codes(&problems), vec!["unknown_escalation_role"]);
        assert_eq!(
            problems[0].message,
            "step \"approve\" (Manager approval) escalates to role 99, which does not exist"
        );
    }

    #[test]
    fn a_zero_weight_is_reported() {
        let mut graph = approval_graph();
        graph.steps[0].weight = 0;
        assert_eq!(codes(&validate(&graph, &role_exists)), vec!["zero_weight"]);
    }

    #[test]
    fn transition_problems_name_the_transition() {
        let mut graph = approval_graph();
        graph
            .transitions
            .push(transition("reject", "approve", "nowhere", " "));
        graph
            .transitions
            .push(transition("", "submit", "done", "Skip"));
        let problems = validate(&graph, &role_exists);
        assert_eq!(
            codes(&problems),
            vec![
                "duplicate_transition_key",
                "blank_transition_name",
                "unknown_step",
                "blank_transition_key",
            ]
        );
        assert_eq!(problems[2].transition.as_deref(), Some("reject"));
        assert_eq!(problems[2].step, None);
        assert_eq!(
            problems[2].message,
            "transition \"reject\" leads to step \"nowhere\", which does not exist"
        );
        assert_eq!(
            problems[3].message,
            "transition number 6 (Skip) has a blank key"
        );
    }

    #[test]
    fn a_missing_start_is_reported_and_reachability_is_skipped() {
        let mut graph = approval_graph();
        graph.steps[0].is_start = false;
        assert_eq!(codes(&validate(&graph, &role_exists)), vec!["no_start"]);
    }

    #[test]
    fn multiple_starts_are_one_problem_listing_every_start() {
        let mut graph = approval_graph();
        graph.steps[1].is_start = true;
        graph.steps[2].is_start = true;
        let problems = validate(&graph, &role_exists);
        assert_eq!(codes(&problems), vec!["multiple_starts"]);
        assert_eq!(problems[0].step, None);
        assert_eq!(
            problems[0].message,
            "3 steps are marked as the start (\"submit\", \"approve\", \"done\"); mark exactly one"
        );
    }

    #[test]
    fn a_step_that_cannot_finish_is_a_dead_end() {
        let mut graph = approval_graph();
        graph.steps.push(step("limbo", "Waiting forever", MANAGER));
        graph
            .transitions
            .push(transition("park", "approve", "limbo", "Park"));
        let problems = validate(&graph, &role_exists);
        assert_eq!(codes(&problems), vec!["dead_end"]);
        assert_eq!(
            problems[0].message,
            "no end step can be reached from step \"limbo\" (Waiting forever)"
        );
    }

    #[test]
    fn an_end_step_without_outgoing_transitions_is_not_a_dead_end() {
        let mut graph = approval_graph();
        graph.transitions.retain(|t| t.key != "reopen");
        assert_eq!(validate(&graph, &role_exists), Vec::new());
    }

    #[test]
    fn transitions_to_missing_steps_do_not_count_for_reachability() {
        let mut graph = approval_graph();
        graph.transitions.retain(|t| t.key != "send");
        graph
            .transitions
            .push(transition("send", "submit", "aprove", "Send"));
        let codes = codes(&validate(&graph, &role_exists));
        assert_eq!(
            codes,
            vec![
                "unknown_step",
                "unreachable_step",
                "unreachable_step",
                "dead_end"
            ]
        );
    }

    #[test]
    fn validation_is_deterministic() {
        let graph = Graph {
            steps: vec![
                start("a", "A", MISSING_ROLE),
                start("b", "", MISSING_ROLE),
                step("c", "C", MISSING_ROLE),
                step("d", "D", MISSING_ROLE),
            ],
            transitions: vec![transition("x", "a", "z", "X")],
        };
        let first = validate(&graph, &role_exists);
        for _ in 0..20 {
            assert_eq!(validate(&graph, &role_exists), first);
        }
    }

    #[test]
    fn helpers_find_steps_and_transitions() {
        let graph = approval_graph();
        assert_eq!(graph.step("approve").map(|s| s.role_id), Some(MANAGER));
        assert_eq!(graph.step("missing"), None);
        assert_eq!(graph.start().map(|s| s.key.as_str()), Some("submit"));
        let outgoing: Vec<&str> = graph
            .outgoing("approve")
            .iter()
            .map(|t| t.key.as_str())
            .collect();
        assert_eq!(outgoing, vec!["accept", "reject"]);
        assert_eq!(
            graph.transition("reopen").map(|t| t.to.as_str()),
            Some("approve")
        );
        assert_eq!(graph.transition("missing"), None);
        assert_eq!(graph.total_weight(), 3);
    }

    #[test]
    fn start_is_none_without_exactly_one_start_step() {
        let mut graph = approval_graph();
        graph.steps[1].is_start = true;
        assert_eq!(graph.start(), None);
        graph.steps[0].is_start = false;
        graph.steps[1].is_start = false;
        assert_eq!(graph.start(), None);
    }

    #[test]
    fn total_weight_saturates_instead_of_wrapping() {
        let mut graph = approval_graph();
        graph.steps[0].weight = u32::MAX;
        assert_eq!(graph.total_weight(), u32::MAX);
    }

    #[test]
    fn missing_step_fields_take_their_defaults() {
        let graph: Graph =
            serde_json::from_str(r#"{"steps": [{"key": "a", "name": "A", "role_id": 1}]}"#)
                .unwrap();
        let step = &graph.steps[0];
        assert_eq!(step.weight, 1);
        assert_eq!(step.escalate_to_role_id, None);
        assert_eq!(step.instruction, "");
        assert!(!step.is_start && !step.is_end);
        assert_eq!(step.design, serde_json::Value::Null);
        assert!(graph.transitions.is_empty());
    }

    #[test]
    fn a_problem_leaves_out_absent_keys_when_serialized() {
        let problem = Problem {
            code: "no_end",
            message: "no end".to_string(),
            field: None,
            step: None,
            transition: None,
        };
        assert_eq!(
            serde_json::to_value(&problem).unwrap(),
            serde_json::json!({"code": "no_end", "message": "no end"})
        );
    }
}
