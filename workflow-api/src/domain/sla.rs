//! SLA policy and targets.
//!
//! An SlaPolicy says how long a ticket may take for each priority. The
//! ticket's total is shared among the workflow's Steps by weight, and each
//! step's target time is its start time plus its share.

use chrono::{DateTime, Duration, Utc};

use super::calendar::Calendar;
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
                    format!("{name}_sla"),
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
                    format!("{shorter_name}_sla"),
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

/// How long the first public staff reply may take, per priority; `None`: no target for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResponsePolicy {
    pub low: Option<Duration>,
    pub medium: Option<Duration>,
    pub high: Option<Duration>,
    pub urgent: Option<Duration>,
}

impl ResponsePolicy {
    /// Every problem with the first-response targets that are given: each must be longer than
    /// zero and strictly shorter than the resolution SLA of its priority. No order between
    /// priorities is required (an urgent first response may well be allowed as long as a
    /// high one); a priority without a target is no problem.
    pub fn problems(&self, resolution: &SlaPolicy) -> Vec<Problem> {
        let pairs = [
            ("urgent", self.urgent, resolution.urgent),
            ("high", self.high, resolution.high),
            ("medium", self.medium, resolution.medium),
            ("low", self.low, resolution.low),
        ];
        let mut problems = Vec::new();
        for (name, response, resolve) in pairs {
            let Some(response) = response else { continue };
            if response <= Duration::zero() {
                problems.push(policy_problem(
                    "response_sla_not_positive",
                    format!("{name}_response_sla"),
                    format!(
                        "the {name} first-response SLA must be longer than zero, but it is {}",
                        duration::format(response)
                    ),
                ));
            } else if response >= resolve {
                problems.push(policy_problem(
                    "response_sla_order",
                    format!("{name}_response_sla"),
                    format!(
                        "the {name} first-response SLA ({}) must be shorter than the {name} SLA ({})",
                        duration::format(response),
                        duration::format(resolve)
                    ),
                ));
            }
        }
        problems
    }

    /// The first-response SLA for a ticket priority (`Critical` uses `urgent`); `None` when the
    /// priority has none or is unknown.
    pub fn for_priority(&self, priority: &str) -> Option<Duration> {
        match priority {
            "Critical" => self.urgent,
            "High" => self.high,
            "Medium" => self.medium,
            "Low" => self.low,
            _ => None,
        }
    }
}

/// When an SLA written as `sla` (an ISO-8601 duration, kept in seconds) that starts at `start`
/// is due.
///
/// With business hours, its whole days are working days of the calendar
/// ([`Calendar::add_working_days`]: the same point of the working day so many working days
/// later) and the rest is working time (`PT8H` = 8 working hours); days come first, then the
/// rest. So `P3D` from Tuesday 10:00 in a Mon–Fri 9–17 calendar is Friday 10:00, and
/// `P1DT4H` is a working day and four working hours. A whole number of 24 hours is a number
/// of days (`PT24H` is written back as `P1D`). Without a calendar (24/7) a day is 24 hours.
pub fn due(calendar: Option<&Calendar>, start: DateTime<Utc>, sla: Duration) -> DateTime<Utc> {
    match calendar {
        None => target(start, sla),
        Some(calendar) => {
            let (days, rest) = duration::split_days(sla);
            let after_days = calendar.add_working_days(start, days);
            if after_days == DateTime::<Utc>::MAX_UTC {
                return after_days;
            }
            calendar.add_working(after_days, rest)
        }
    }
}

/// The working time an SLA grants when it starts at `start`: the working time between `start`
/// and [`due`]. It is what the steps share by weight, and what a pause is measured against.
/// Without a calendar it is the SLA itself.
pub fn working_allowance(
    calendar: Option<&Calendar>,
    start: DateTime<Utc>,
    sla: Duration,
) -> Duration {
    match calendar {
        None => sla,
        Some(calendar) => calendar.working_between(start, due(Some(calendar), start, sla)),
    }
}

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetState {
    /// There is no such target (the priority has none).
    None,
    /// Reached in time.
    Met,
    /// Reached late, or not reached and passed.
    Breached,
    /// Not reached yet; the clock runs.
    Pending,
    /// Not reached yet; the clock stands still while the ticket waits.
    Paused,
}

/// The state of the first-response target `target` at `now`, with the first response at
/// `responded` and the task's clock paused or not.
pub fn response_state(
    target: Option<DateTime<Utc>>,
    responded: Option<DateTime<Utc>>,
    paused: bool,
    now: DateTime<Utc>,
) -> TargetState {
    match (target, responded) {
        (None, _) => TargetState::None,
        (Some(target), Some(at)) if at <= target => TargetState::Met,
        (Some(_), Some(_)) => TargetState::Breached,
        (Some(_), None) if paused => TargetState::Paused,
        (Some(target), None) if now >= target => TargetState::Breached,
        (Some(_), None) => TargetState::Pending,
    }
}

/// A problem of the workflow's SLA field `field` (`high_sla`, `low_response_sla`).
fn policy_problem(code: &'static str, field: String, message: String) -> Problem {
    Problem {
        code,
        message,
        field: Some(field),
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

    fn office() -> Calendar {
        let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        let five = chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap();
        Calendar::office_hours("UTC", nine, five)
    }

    #[test]
    fn a_low_p3d_ticket_from_tuesday_ten_is_due_friday_ten() {
        // 2026-06-02 is a Tuesday. Before, P3D meant 72 working hours: 9 working days later.
        let tuesday = Utc.with_ymd_and_hms(2026, 6, 2, 10, 0, 0).unwrap();
        let friday = Utc.with_ymd_and_hms(2026, 6, 5, 10, 0, 0).unwrap();
        assert_eq!(due(Some(&office()), tuesday, Duration::days(3)), friday);
        assert_eq!(
            working_allowance(Some(&office()), tuesday, Duration::days(3)),
            hours(24)
        );
    }

    #[test]
    fn hours_are_working_hours_and_follow_the_days() {
        let tuesday = Utc.with_ymd_and_hms(2026, 6, 2, 10, 0, 0).unwrap();
        assert_eq!(
            due(Some(&office()), tuesday, hours(8)),
            Utc.with_ymd_and_hms(2026, 6, 3, 10, 0, 0).unwrap()
        );
        // P1DT4H: Wednesday 10:00, then four working hours.
        assert_eq!(
            due(Some(&office()), tuesday, hours(28)),
            Utc.with_ymd_and_hms(2026, 6, 3, 14, 0, 0).unwrap()
        );
        // Friday 15:00 + PT4H: two hours on Friday, two on Monday.
        let friday = Utc.with_ymd_and_hms(2026, 6, 5, 15, 0, 0).unwrap();
        assert_eq!(
            due(Some(&office()), friday, hours(4)),
            Utc.with_ymd_and_hms(2026, 6, 8, 11, 0, 0).unwrap()
        );
    }

    #[test]
    fn without_a_calendar_a_day_is_24_hours() {
        let tuesday = Utc.with_ymd_and_hms(2026, 6, 2, 10, 0, 0).unwrap();
        assert_eq!(due(None, tuesday, Duration::days(3)), tuesday + hours(72));
        assert_eq!(
            working_allowance(None, tuesday, Duration::days(3)),
            hours(72)
        );
    }

    #[test]
    fn response_targets_must_be_shorter_than_the_resolution_target() {
        let fine = ResponsePolicy {
            urgent: Some(Duration::minutes(30)),
            high: Some(hours(1)),
            medium: None,
            low: Some(hours(4)),
        };
        assert_eq!(fine.problems(&policy()), Vec::new());
        // No order between priorities: urgent may get as long as high.
        let same = ResponsePolicy {
            urgent: Some(hours(1)),
            high: Some(hours(1)),
            ..ResponsePolicy::default()
        };
        assert_eq!(same.problems(&policy()), Vec::new());
        let bad = ResponsePolicy {
            urgent: Some(hours(2)),
            high: Some(Duration::zero()),
            medium: Some(hours(30)),
            low: None,
        };
        let problems = bad.problems(&policy());
        assert_eq!(
            codes(&problems),
            vec![
                "response_sla_order",
                "response_sla_not_positive",
                "response_sla_order"
            ]
        );
        assert_eq!(
            problems[0].message,
            "the urgent first-response SLA (PT2H) must be shorter than the urgent SLA (PT2H)"
        );
        assert_eq!(bad.for_priority("Critical"), Some(hours(2)));
        assert_eq!(bad.for_priority("Low"), None);
        assert_eq!(bad.for_priority("Bogus"), None);
    }

    #[test]
    fn the_response_state_follows_the_target_and_the_first_reply() {
        let target = Utc.with_ymd_and_hms(2026, 6, 2, 12, 0, 0).unwrap();
        let before = target - hours(1);
        let after = target + hours(1);
        assert_eq!(response_state(None, None, false, before), TargetState::None);
        assert_eq!(
            response_state(Some(target), Some(before), false, after),
            TargetState::Met
        );
        assert_eq!(
            response_state(Some(target), Some(target), false, after),
            TargetState::Met
        );
        assert_eq!(
            response_state(Some(target), Some(after), false, after),
            TargetState::Breached
        );
        assert_eq!(
            response_state(Some(target), None, false, before),
            TargetState::Pending
        );
        assert_eq!(
            response_state(Some(target), None, false, target),
            TargetState::Breached
        );
        assert_eq!(
            response_state(Some(target), None, true, after),
            TargetState::Paused
        );
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
