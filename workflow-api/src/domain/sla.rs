//! SLA policy and targets.
//!
//! An SlaPolicy says how long a ticket may take for each priority. The
//! ticket's total is shared among the workflow's Steps by weight, and each
//! step's target time is its start time plus its share.

use chrono::{DateTime, Duration, Utc};

use super::duration;
use super::graph::Problem;

/// How long a ticket may take from start to end, per priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaPolicy {
    pub low: Duration,
    pub medium: Duration,
    pub high: Duration,
    pub urgent: Duration,
}

impl SlaPolicy {
    /// Everything that keeps the policy from being used: every SLA must be
    /// longer than zero, and more urgent priorities must get strictly less
    /// time (`urgent < high < medium < low`). Each violated neighbouring
    /// pair is reported on its own.
    pub fn problems(&self) -> Vec<Problem> {
        let ordered = [
            ("urgent", self.urgent),
            ("high", self.high),
            ("medium", self.medium),
            ("low", self.low),
        ];
        let mut problems = Vec::new();

        for (name, length) in ordered {
            if length <= Duration::zero() {
                problems.push(policy_problem(
                    "sla_not_positive",
                    format!(
                        "the {name} SLA must be longer than zero, but it is {}",
                        duration::format(length)
                    ),
                ));
            }
        }

        for pair in ordered.windows(2) {
            let (shorter_name, shorter) = pair[0];
            let (longer_name, longer) = pair[1];
            if shorter >= longer {
                problems.push(policy_problem(
                    "sla_order",
                    format!(
                        "the {shorter_name} SLA ({}) must be shorter than the {longer_name} SLA ({})",
                        duration::format(shorter),
                        duration::format(longer)
                    ),
                ));
            }
        }
        problems
    }

    /// The SLA for a ticket priority as the tickets name them (`Critical`,
    /// `High`, `Medium`, `Low`); None for any other text. A Critical ticket
    /// gets the urgent SLA.
    pub fn for_priority(&self, priority: &str) -> Option<Duration> {
        match priority {
            "Critical" => Some(self.urgent),
            "High" => Some(self.high),
            "Medium" => Some(self.medium),
            "Low" => Some(self.low),
            _ => None,
        }
    }
}

fn policy_problem(code: &'static str, message: String) -> Problem {
    Problem {
        code,
        message,
        step: None,
        transition: None,
    }
}

/// A step's weighted share of the ticket's total SLA:
/// `total × weight / total_weight`, in whole seconds, rounded down.
///
/// The arithmetic is done in i128 so no weight can overflow it. The share is
/// never less than one second, so every step gets a target after its start.
/// A total weight of zero cannot be shared, so the whole total is returned.
pub fn step_allowance(total: Duration, weight: u32, total_weight: u32) -> Duration {
    if total_weight == 0 {
        return total;
    }
    let share = i128::from(total.num_seconds()) * i128::from(weight) / i128::from(total_weight);
    // A weight above the total weight is a caller's mistake; keep the result
    // representable rather than failing.
    let longest = i128::from(Duration::MAX.num_seconds());
    let seconds = share.clamp(1, longest);
    let seconds = i64::try_from(seconds).expect("clamped to the range of Duration");
    Duration::try_seconds(seconds).expect("clamped to the range of Duration")
}

/// When a step that started at `start` with this allowance is due.
///
/// This is the single place that turns an allowance into a due time, so that
/// business hours can later be taken into account here alone. A result
/// beyond the calendar's range is held at its end rather than failing.
pub fn target(start: DateTime<Utc>, allowance: Duration) -> DateTime<Utc> {
    match start.checked_add_signed(allowance) {
        Some(due) => due,
        None if allowance > Duration::zero() => DateTime::<Utc>::MAX_UTC,
        None => DateTime::<Utc>::MIN_UTC,
    }
}

#[cfg(test)]
mod tests {
    use super::super::graph::{Graph, StepDef};
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn hours(n: i64) -> Duration {
        Duration::hours(n)
    }

    fn policy() -> SlaPolicy {
        SlaPolicy {
            low: hours(72),
            medium: hours(24),
            high: hours(8),
            urgent: hours(2),
        }
    }

    fn codes(problems: &[Problem]) -> Vec<&'static str> {
        problems.iter().map(|problem| problem.code).collect()
    }

    #[test]
    fn a_strictly_ordered_positive_policy_has_no_problems() {
        assert_eq!(policy().problems(), Vec::new());
    }

    #[test]
    fn each_non_positive_sla_is_named() {
        let policy = SlaPolicy {
            urgent: Duration::zero(),
            medium: hours(-1),
            ..policy()
        };
        let problems = policy.problems();
        let not_positive: Vec<&str> = problems
            .iter()
            .filter(|problem| problem.code == "sla_not_positive")
            .map(|problem| problem.message.as_str())
            .collect();
        assert_eq!(
            not_positive,
            vec![
                "the urgent SLA must be longer than zero, but it is PT0S",
                "the medium SLA must be longer than zero, but it is -PT1H",
            ]
        );
    }

    #[test]
    fn an_out_of_order_pair_is_named() {
        let policy = SlaPolicy {
            high: hours(30),
            ..policy()
        };
        let problems = policy.problems();
        assert_eq!(codes(&problems), vec!["sla_order"]);
        assert_eq!(
            problems[0].message,
            "the high SLA (P1DT6H) must be shorter than the medium SLA (P1D)"
        );
        assert_eq!(problems[0].step, None);
        assert_eq!(problems[0].transition, None);
    }

    #[test]
    fn equal_neighbours_are_out_of_order() {
        let policy = SlaPolicy {
            urgent: hours(8),
            ..policy()
        };
        assert_eq!(codes(&policy.problems()), vec!["sla_order"]);
    }

    #[test]
    fn every_violated_pair_is_reported() {
        let reversed = SlaPolicy {
            low: hours(1),
            medium: hours(2),
            high: hours(3),
            urgent: hours(4),
        };
        let problems = reversed.problems();
        assert_eq!(
            codes(&problems),
            vec!["sla_order", "sla_order", "sla_order"]
        );
        assert!(problems[0].message.contains("urgent") && problems[0].message.contains("high"));
        assert!(problems[1].message.contains("high") && problems[1].message.contains("medium"));
        assert!(problems[2].message.contains("medium") && problems[2].message.contains("low"));
    }

    #[test]
    fn priorities_map_to_their_sla() {
        let policy = policy();
        assert_eq!(policy.for_priority("Critical"), Some(hours(2)));
        assert_eq!(policy.for_priority("High"), Some(hours(8)));
        assert_eq!(policy.for_priority("Medium"), Some(hours(24)));
        assert_eq!(policy.for_priority("Low"), Some(hours(72)));
        assert_eq!(policy.for_priority("Urgent"), None);
        assert_eq!(policy.for_priority("high"), None);
        assert_eq!(policy.for_priority(""), None);
    }

    #[test]
    fn a_step_gets_its_weighted_share() {
        assert_eq!(step_allowance(hours(8), 1, 4), hours(2));
        assert_eq!(step_allowance(hours(8), 3, 4), hours(6));
        assert_eq!(
            step_allowance(Duration::seconds(10), 1, 3),
            Duration::seconds(3)
        );
    }

    #[test]
    fn a_share_is_never_less_than_one_second() {
        assert_eq!(
            step_allowance(Duration::seconds(10), 1, 1_000),
            Duration::seconds(1)
        );
        assert_eq!(
            step_allowance(Duration::seconds(10), 0, 4),
            Duration::seconds(1)
        );
    }

    #[test]
    fn a_zero_total_weight_gives_the_whole_total() {
        assert_eq!(step_allowance(hours(8), 0, 0), hours(8));
    }

    #[test]
    fn huge_totals_and_weights_do_not_overflow() {
        let longest = Duration::seconds(Duration::MAX.num_seconds());
        assert_eq!(step_allowance(longest, u32::MAX, u32::MAX), longest);
        assert_eq!(step_allowance(longest, u32::MAX, 1), longest);
    }

    #[test]
    fn the_target_is_the_start_plus_the_allowance() {
        let start = Utc.with_ymd_and_hms(2024, 3, 1, 9, 0, 0).unwrap();
        let due = Utc.with_ymd_and_hms(2024, 3, 1, 17, 0, 0).unwrap();
        assert_eq!(target(start, hours(8)), due);
    }

    #[test]
    fn a_target_beyond_the_calendar_is_held_at_its_end() {
        let start = DateTime::<Utc>::MAX_UTC - hours(1);
        assert_eq!(target(start, hours(2)), DateTime::<Utc>::MAX_UTC);
    }

    fn weighted_step(position: usize, weight: u32) -> StepDef {
        StepDef {
            key: format!("step{position}"),
            name: format!("Step {position}"),
            role_id: 1,
            escalate_to_role_id: None,
            weight,
            instruction: String::new(),
            is_start: position == 0,
            is_end: false,
            design: serde_json::Value::Null,
        }
    }

    proptest! {
        #[test]
        fn the_allowances_of_all_steps_add_up_to_the_total(
            total_seconds in 1_i64..=100_000_000,
            weights in proptest::collection::vec(1_u32..=1_000, 1..30),
        ) {
            let graph = Graph {
                steps: weights
                    .iter()
                    .enumerate()
                    .map(|(position, weight)| weighted_step(position, *weight))
                    .collect(),
                transitions: Vec::new(),
            };
            let total = Duration::seconds(total_seconds);
            let total_weight = graph.total_weight();
            let sum: i64 = graph
                .steps
                .iter()
                .map(|step| step_allowance(total, step.weight, total_weight).num_seconds())
                .sum();
            let step_count = i64::try_from(graph.steps.len()).unwrap();
            prop_assert!(
                (sum - total_seconds).abs() <= step_count,
                "sum {} total {} steps {}", sum, total_seconds, step_count
            );
        }
    }
}
