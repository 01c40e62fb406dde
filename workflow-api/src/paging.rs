//! Cursor paging of the lists this service owns, in the one style of every TTS list:
//! `?limit=&cursor=` answers `{"items": […], "next_cursor": "…"}`, `next_cursor` absent on the
//! last page. The cursor is opaque ([`tts_shared::http::cursor`]): a letter naming the list and
//! the ordering key of the page's last item, so a cursor of one list is refused by another.

use tts_shared::http::{FieldError, cursor};

/// What a page request asks for: at most `limit` items after the key `after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: i64,
    pub after: Option<i64>,
    kind: char,
}

impl PageRequest {
    /// Reads `limit` (1–200, default 50) and `cursor` of list `kind`; each problem is added to
    /// `problems` naming its parameter, so a handler reports them with its own in one 422.
    pub fn read(
        limit: Option<i64>,
        cursor: Option<&str>,
        kind: char,
        problems: &mut Vec<FieldError>,
    ) -> PageRequest {
        let mut found = Vec::new();
        let (limit, after) = cursor::page(limit, cursor, kind, &mut found);
        problems.extend(found.into_iter().map(|(field, message)| FieldError {
            field: field.into(),
            message,
        }));
        PageRequest { limit, after, kind }
    }

    /// How many rows to load: one more than the page, to know whether another follows.
    pub fn fetch(&self) -> i64 {
        self.limit.clamp(1, 200) + 1
    }

    /// The page out of rows loaded with [`PageRequest::fetch`], and the cursor of the next.
    pub fn finish<T>(&self, mut rows: Vec<T>, key: impl Fn(&T) -> i64) -> (Vec<T>, Option<String>) {
        let limit = usize::try_from(self.limit.clamp(1, 200)).unwrap_or(1);
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next = rows
            .last()
            .filter(|_| more)
            .map(|last| cursor::encode(self.kind, key(last)));
        (rows, next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_page_points_to_the_next_and_the_last_page_does_not() {
        let mut problems = Vec::new();
        let page = PageRequest::read(Some(2), None, 'w', &mut problems);
        assert!(problems.is_empty());
        assert_eq!(page.fetch(), 3);
        let (items, next) = page.finish(vec![1, 2, 3], |i| *i);
        assert_eq!(items, [1, 2]);
        let next = next.unwrap();
        let again = PageRequest::read(Some(2), Some(&next), 'w', &mut problems);
        assert_eq!(again.after, Some(2));
        assert_eq!(again.finish(vec![3], |i| *i), (vec![3], None));
    }

    #[test]
    fn bad_paging_is_reported_by_parameter_and_a_cursor_of_another_list_is_refused() {
        let mut problems = Vec::new();
        let other = cursor::encode('r', 4);
        PageRequest::read(Some(0), Some(&other), 'w', &mut problems);
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["limit", "cursor"]);
    }
}
