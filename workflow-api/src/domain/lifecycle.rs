//! An assignment's own lifecycle: starting work, and whom an escalation may go to.

use std::collections::BTreeSet;

/// What `POST /tasks/{id}/start/` does to an item in `status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// `new` becomes `in_progress`.
    InProgress,
    /// A `breached` item keeps its status (the breach is the more urgent fact) and only records
    /// that work began.
    KeepBreached,
}

/// Whether the holder may start work on an item in `status` that was first acted on at
/// `first_action` (if ever); the error says why not (409).
pub fn start(status: &str, already_started: bool) -> Result<Start, String> {
    match status {
        "new" => Ok(Start::InProgress),
        "breached" if !already_started => Ok(Start::KeepBreached),
        "in_progress" | "breached" => Err("work on this assignment has already started".into()),
        other => Err(format!("the assignment is {other}")),
    }
}

/// One item of a task, as far as escalation cares: its step, who held it and how it came to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held<'a> {
    pub step: &'a str,
    pub assignee_id: i64,
    pub origin: &'a str,
}

/// Everyone who held `step` on its current visit: the items since the task last entered the
/// step (by `assignment` or `back_edge`), whatever brought them (escalation, transfer,
/// take-over). `items` are in creation order.
pub fn holders_of_visit(items: &[Held<'_>], step: &str) -> BTreeSet<i64> {
    let start = items
        .iter()
        .rposition(|i| i.step == step && matches!(i.origin, "assignment" | "back_edge"))
        .unwrap_or(0);
    items[start..]
        .iter()
        .filter(|i| i.step == step)
        .map(|i| i.assignee_id)
        .collect()
}

/// The members of the escalation role an escalation may go to: never the current holder, nor
/// anyone who held the step on this visit (so an escalation can never come back to someone and
/// reset a clock). Keeps the members' order (round robin picks among them). `Err` names why
/// nobody is left.
pub fn escalation_candidates(
    members: &[i64],
    holders: &BTreeSet<i64>,
    role_name: &str,
    step: &str,
) -> Result<Vec<i64>, String> {
    if members.is_empty() {
        return Err(format!(
            "the escalation role {role_name} has no active member to escalate to"
        ));
    }
    let left: Vec<i64> = members
        .iter()
        .copied()
        .filter(|m| !holders.contains(m))
        .collect();
    if left.is_empty() {
        let ids: Vec<String> = holders.iter().map(i64::to_string).collect();
        return Err(format!(
            "nobody is left to escalate to: every active member of the escalation role {role_name} \
             already held step `{step}` on this visit (users {})",
            ids.join(", ")
        ));
    }
    Ok(left)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(step: &'static str, assignee_id: i64, origin: &'static str) -> Held<'static> {
        Held {
            step,
            assignee_id,
            origin,
        }
    }

    #[test]
    fn a_new_item_starts_and_a_started_one_does_not_start_again() {
        assert_eq!(start("new", false), Ok(Start::InProgress));
        assert_eq!(start("breached", false), Ok(Start::KeepBreached));
        assert!(start("in_progress", true).is_err());
        assert!(start("breached", true).is_err());
        assert_eq!(
            start("resolved", true),
            Err("the assignment is resolved".into())
        );
    }

    #[test]
    fn the_visit_begins_where_the_task_last_entered_the_step() {
        let items = [
            held("approve", 9, "assignment"),
            held("approve", 7, "escalation"),
            held("triage", 7, "back_edge"),
            held("approve", 9, "assignment"),
            held("approve", 8, "escalation"),
            held("approve", 3, "transfer"),
        ];
        assert_eq!(
            holders_of_visit(&items, "approve"),
            BTreeSet::from([9, 8, 3])
        );
        assert_eq!(holders_of_visit(&items, "triage"), BTreeSet::from([7]));
    }

    #[test]
    fn escalation_skips_the_holder_and_everyone_who_held_the_visit() {
        let holders = BTreeSet::from([9, 7]);
        assert_eq!(
            escalation_candidates(&[7, 8, 9, 10], &holders, "Managers", "approve"),
            Ok(vec![8, 10])
        );
        let none = escalation_candidates(&[7, 9], &holders, "Managers", "approve").unwrap_err();
        assert!(
            none.contains("nobody is left") && none.contains("7, 9"),
            "{none}"
        );
        let empty = escalation_candidates(&[], &holders, "Managers", "approve").unwrap_err();
        assert!(empty.contains("no active member"), "{empty}");
    }
}
