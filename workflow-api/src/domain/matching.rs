//! Which published Workflow takes a ticket.
//!
//! Each published workflow declares Routes: the department, category and
//! optional sub-category of the tickets it handles. A new ticket goes to the
//! most specific matching route. Publishing refuses a route that would tie
//! with another workflow's, so a match is never ambiguous.

/// The kind of ticket a published workflow handles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub workflow_id: i64,
    pub department: String,
    pub category: String,
    /// None means the workflow takes every sub-category of the category
    /// that no more specific route claims.
    pub sub_category: Option<String>,
}

/// The workflow that takes a ticket of this department, category and
/// sub-category, if any.
///
/// Names are compared after trimming and ignoring case, and a blank
/// sub-category counts as none. Among routes with the ticket's department
/// and category, one with the ticket's sub-category wins over one without a
/// sub-category; a route naming a different sub-category never matches (nor
/// does a route with a sub-category match a ticket without one).
///
/// If several equally specific routes match, the lowest workflow id wins so
/// the answer is at least stable. That should not happen: `conflicts` is
/// checked at publish time to keep such ties out.
pub fn best(
    department: &str,
    category: &str,
    sub_category: Option<&str>,
    routes: &[Route],
) -> Option<i64> {
    let department = normalize(department);
    let category = normalize(category);
    let sub_category = sub_category.and_then(normalize_optional);

    // (is the route specific to the sub-category, workflow id)
    let mut best_so_far: Option<(bool, i64)> = None;
    for route in routes {
        if normalize(&route.department) != department || normalize(&route.category) != category {
            continue;
        }
        let is_specific = match route.sub_category.as_deref().and_then(normalize_optional) {
            None => false,
            Some(route_sub_category) if Some(&route_sub_category) == sub_category.as_ref() => true,
            Some(_) => continue,
        };
        let candidate = (is_specific, route.workflow_id);
        best_so_far = match best_so_far {
            None => Some(candidate),
            Some((best_specific, best_id)) => {
                let better = (is_specific && !best_specific)
                    || (is_specific == best_specific && route.workflow_id < best_id);
                if better {
                    Some(candidate)
                } else {
                    Some((best_specific, best_id))
                }
            }
        };
    }
    best_so_far.map(|(_, workflow_id)| workflow_id)
}

/// A route in words for people: `department "IT", category "Hardware" and sub-category "Laptops"`,
/// or `… and no sub-category` (a blank one counts as none).
pub fn describe(department: &str, category: &str, sub_category: Option<&str>) -> String {
    let sub = match sub_category.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => format!("sub-category \"{s}\""),
        None => "no sub-category".to_string(),
    };
    format!(
        "department \"{}\", category \"{}\" and {sub}",
        department.trim(),
        category.trim()
    )
}

/// Ids of other published workflows (a different workflow id) whose route has
/// the same department, category and sub-category as the candidate, compared
/// as in `best` (no sub-category equals no sub-category). Publishing the
/// candidate beside any of them would make matching ambiguous. The ids are
/// in ascending order, each once.
pub fn conflicts(candidate: &Route, published: &[Route]) -> Vec<i64> {
    let mut ids: Vec<i64> = published
        .iter()
        .filter(|route| route.workflow_id != candidate.workflow_id)
        .filter(|route| same_route(route, candidate))
        .map(|route| route.workflow_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn same_route(a: &Route, b: &Route) -> bool {
    normalize(&a.department) == normalize(&b.department)
        && normalize(&a.category) == normalize(&b.category)
        && a.sub_category.as_deref().and_then(normalize_optional)
            == b.sub_category.as_deref().and_then(normalize_optional)
}

/// Names typed by people differ in case and stray spaces, not in meaning.
fn normalize(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Like `normalize`, but a blank name means no name.
fn normalize_optional(name: &str) -> Option<String> {
    let name = normalize(name);
    if name.is_empty() { None } else { Some(name) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_route_is_described_in_words_without_none() {
        assert_eq!(
            super::describe("IT", "Hardware", None),
            "department \"IT\", category \"Hardware\" and no sub-category"
        );
        assert_eq!(
            super::describe("IT", "Hardware", Some(" ")),
            "department \"IT\", category \"Hardware\" and no sub-category"
        );
        assert_eq!(
            super::describe("IT", "Hardware", Some("Laptops")),
            "department \"IT\", category \"Hardware\" and sub-category \"Laptops\""
        );
    }

    use super::*;

    fn route(workflow_id: i64, department: &str, category: &str, sub: Option<&str>) -> Route {
        Route {
            workflow_id,
            department: department.to_string(),
            category: category.to_string(),
            sub_category: sub.map(str::to_string),
        }
    }

    #[test]
    fn a_route_for_the_sub_category_wins_over_a_general_one() {
        let routes = [
            route(1, "IT", "Hardware", None),
            route(2, "IT", "Hardware", Some("Laptop")),
        ];
        assert_eq!(best("IT", "Hardware", Some("Laptop"), &routes), Some(2));
    }

    #[test]
    fn the_general_route_takes_other_sub_categories() {
        let routes = [
            route(1, "IT", "Hardware", None),
            route(2, "IT", "Hardware", Some("Laptop")),
        ];
        assert_eq!(best("IT", "Hardware", Some("Printer"), &routes), Some(1));
        assert_eq!(best("IT", "Hardware", None, &routes), Some(1));
    }

    #[test]
    fn a_route_for_another_sub_category_never_matches() {
        let routes = [route(2, "IT", "Hardware", Some("Laptop"))];
        assert_eq!(best("IT", "Hardware", Some("Printer"), &routes), None);
        assert_eq!(best("IT", "Hardware", None, &routes), None);
    }

    #[test]
    fn department_and_category_must_both_match() {
        let routes = [
            route(1, "HR", "Hardware", None),
            route(2, "IT", "Software", None),
        ];
        assert_eq!(best("IT", "Hardware", None, &routes), None);
    }

    #[test]
    fn names_are_compared_ignoring_case_and_surrounding_spaces() {
        let routes = [route(3, " it ", "HARDWARE", Some(" laptop"))];
        assert_eq!(best("IT", " Hardware", Some("Laptop "), &routes), Some(3));
    }

    #[test]
    fn a_blank_sub_category_counts_as_none() {
        let routes = [
            route(1, "IT", "Hardware", Some("  ")),
            route(2, "IT", "Hardware", Some("Laptop")),
        ];
        assert_eq!(best("IT", "Hardware", Some(""), &routes), Some(1));
    }

    #[test]
    fn equally_specific_matches_go_to_the_lowest_workflow_id() {
        let routes = [
            route(9, "IT", "Hardware", Some("Laptop")),
            route(4, "IT", "Hardware", Some("Laptop")),
            route(1, "IT", "Hardware", None),
            route(7, "IT", "Hardware", Some("Laptop")),
        ];
        assert_eq!(best("IT", "Hardware", Some("Laptop"), &routes), Some(4));
        let general = [
            route(8, "IT", "Hardware", None),
            route(5, "IT", "Hardware", None),
        ];
        assert_eq!(best("IT", "Hardware", None, &general), Some(5));
    }

    #[test]
    fn no_routes_means_no_workflow() {
        assert_eq!(best("IT", "Hardware", None, &[]), None);
    }

    #[test]
    fn the_same_route_in_another_workflow_conflicts() {
        let published = [
            route(1, "IT", "Hardware", Some("Laptop")),
            route(2, "it", "hardware", Some("LAPTOP ")),
            route(3, "IT", "Hardware", None),
            route(4, "IT", "Hardware", Some("Printer")),
            route(5, "HR", "Hardware", Some("Laptop")),
        ];
        let candidate = route(10, "IT", "Hardware", Some("Laptop"));
        assert_eq!(conflicts(&candidate, &published), vec![1, 2]);
    }

    #[test]
    fn routes_without_sub_category_conflict_with_each_other() {
        let published = [
            route(1, "IT", "Hardware", Some("Laptop")),
            route(3, "IT", "Hardware", None),
        ];
        let candidate = route(10, "IT", "Hardware", None);
        assert_eq!(conflicts(&candidate, &published), vec![3]);
    }

    #[test]
    fn a_workflow_does_not_conflict_with_itself() {
        let published = [route(10, "IT", "Hardware", None)];
        let candidate = route(10, "IT", "Hardware", None);
        assert_eq!(conflicts(&candidate, &published), Vec::<i64>::new());
    }

    #[test]
    fn each_conflicting_workflow_is_listed_once_in_ascending_order() {
        let published = [
            route(7, "IT", "Hardware", None),
            route(2, "IT", "Hardware", None),
            route(7, "IT", "Hardware", None),
        ];
        let candidate = route(10, "IT", "Hardware", None);
        assert_eq!(conflicts(&candidate, &published), vec![2, 7]);
    }
}
