//! Fair RoundRobin assignment of tickets to the members of a Role.
//!
//! Each Role keeps a counter in the database. Every assignment takes the
//! next counter value and gives the ticket to the member at that position,
//! so members take turns.

/// The member who gets the assignment numbered `counter`.
///
/// `active_members` are the user ids of the role's active members, in any
/// order and possibly repeated: a sorted, deduplicated copy is used, so the
/// same counter always picks the same member whatever order the database
/// returned them in. The member at position `counter mod members` is picked
/// (`rem_euclid`, so a negative counter still picks a valid position). None
/// when the role has no active members.
///
/// Why this is fair under concurrency: the counter is a per-role number that
/// the database increments atomically and hands out to exactly one
/// assignment each, starting at 0. Consecutive values walk through the
/// members in turn, so N assignments over K members give each member either
/// N / K or N / K + 1 of them — counts differ by at most one — however many
/// workers assign at the same time, because no two of them can get the same
/// counter value. Only a change of the member list resets the rotation.
pub fn pick(active_members: &[i64], counter: i64) -> Option<i64> {
    let mut members = active_members.to_vec();
    members.sort_unstable();
    members.dedup();
    if members.is_empty() {
        return None;
    }
    let member_count =
        i64::try_from(members.len()).expect("a role has fewer than i64::MAX members");
    let position = counter.rem_euclid(member_count);
    let position = usize::try_from(position).expect("rem_euclid is between 0 and the member count");
    Some(members[position])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{BTreeSet, HashMap};

    #[test]
    fn nobody_is_picked_from_an_empty_role() {
        assert_eq!(pick(&[], 0), None);
        assert_eq!(pick(&[], 41), None);
    }

    #[test]
    fn members_take_turns_in_id_order() {
        let members = [30, 10, 20];
        let picked: Vec<Option<i64>> = (0..6).map(|counter| pick(&members, counter)).collect();
        assert_eq!(
            picked,
            vec![Some(10), Some(20), Some(30), Some(10), Some(20), Some(30)]
        );
    }

    #[test]
    fn repeated_members_count_once() {
        assert_eq!(pick(&[7, 7, 8], 1), Some(8));
        assert_eq!(pick(&[7, 7, 8], 2), Some(7));
    }

    #[test]
    fn a_negative_counter_still_picks_a_member() {
        assert_eq!(pick(&[10, 20, 30], -1), Some(30));
        assert_eq!(
            pick(&[10, 20, 30], i64::MIN),
            Some(10 + 10 * i64::MIN.rem_euclid(3))
        );
    }

    /// Between 1 and 19 distinct member ids, in a random order.
    fn members() -> impl Strategy<Value = Vec<i64>> {
        proptest::collection::btree_set(any::<i64>(), 1..20)
            .prop_map(|set| set.into_iter().collect::<Vec<i64>>())
            .prop_shuffle()
    }

    proptest! {
        #[test]
        fn consecutive_counters_share_assignments_evenly(
            members in members(),
            assignments in 0_i64..500,
            first_counter in i64::MIN..=i64::MAX - 500,
        ) {
            let mut counts: HashMap<i64, i64> = members.iter().map(|member| (*member, 0)).collect();
            for counter in first_counter..first_counter + assignments {
                let member = pick(&members, counter).unwrap();
                *counts.get_mut(&member).unwrap() += 1;
            }
            let most = counts.values().max().unwrap();
            let least = counts.values().min().unwrap();
            prop_assert!(most - least <= 1, "counts {:?}", counts);
        }

        #[test]
        fn the_pick_is_always_one_of_the_members(
            members in proptest::collection::vec(any::<i64>(), 1..20),
            counter in any::<i64>(),
        ) {
            let member = pick(&members, counter).unwrap();
            prop_assert!(members.contains(&member));
        }

        #[test]
        fn the_order_and_repetition_of_members_do_not_matter(
            members in members(),
            repeat_first in any::<bool>(),
            counter in any::<i64>(),
        ) {
            let sorted: Vec<i64> = members.iter().copied().collect::<BTreeSet<i64>>().into_iter().collect();
            let mut given = members.clone();
            if repeat_first {
                given.push(members[0]);
            }
            prop_assert_eq!(pick(&given, counter), pick(&sorted, counter));
        }
    }
}
