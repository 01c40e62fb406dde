//! What a comment may be, and who is told about it.

use std::collections::BTreeSet;

use super::access::{Person, Visibility};

/// Longest comment body, in characters.
pub const MAX_BODY: usize = 10_000;
/// Most people one comment may mention.
pub const MAX_MENTIONS: usize = 50;

/// A body as stored: trimmed, not empty, at most [`MAX_BODY`] characters.
pub fn body(text: &str) -> Result<String, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("must not be empty".into());
    }
    let chars = trimmed.chars().count();
    if chars > MAX_BODY {
        return Err(format!(
            "is {chars} characters long; at most {MAX_BODY} are allowed"
        ));
    }
    Ok(trimmed.to_string())
}

/// Mentioned staff user ids: positive, each once, at most [`MAX_MENTIONS`].
pub fn mentions(ids: &[i64]) -> Result<Vec<i64>, String> {
    if let Some(bad) = ids.iter().find(|id| **id <= 0) {
        return Err(format!("{bad} is not a user id"));
    }
    let unique: BTreeSet<i64> = ids.iter().copied().collect();
    if unique.len() > MAX_MENTIONS {
        return Err(format!("at most {MAX_MENTIONS} people may be mentioned"));
    }
    Ok(unique.into_iter().collect())
}

/// The visibility of a reply: an internal comment's replies stay internal, whatever was asked,
/// so a public reply never quotes a conversation the requester may not see.
pub fn reply_visibility(parent: Visibility, asked: Visibility) -> Visibility {
    match parent {
        Visibility::Internal => Visibility::Internal,
        Visibility::Public => asked,
    }
}

/// Who hears about a new comment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Audience {
    /// `notifications.send_comment_notification`, one each.
    pub commented: Vec<Person>,
    /// `notifications.send_mention_notification`, one each (instead of the comment one).
    pub mentioned: Vec<Person>,
}

/// Everyone on the thread (its past authors and the requester) hears of a new comment, except the
/// author; mentioned staff hear of the mention instead. Nobody who may not read the comment hears
/// of it: an internal comment reaches staff only.
pub fn audience(
    author: Person,
    visibility: Visibility,
    participants: &[Person],
    requester: Option<Person>,
    mentioned_staff: &[i64],
) -> Audience {
    let may_read = |p: &Person| visibility == Visibility::Public || p.is_staff();
    let mentioned: BTreeSet<Person> = mentioned_staff
        .iter()
        .map(|id| Person {
            user_type: tts_shared::auth::UserType::Staff,
            user_id: *id,
        })
        .filter(|p| *p != author)
        .collect();
    let commented: BTreeSet<Person> = participants
        .iter()
        .copied()
        .chain(requester)
        .filter(|p| *p != author && may_read(p) && !mentioned.contains(p))
        .collect();
    Audience {
        commented: commented.into_iter().collect(),
        mentioned: mentioned.into_iter().collect(),
    }
}

/// The first characters of a body, for notifications.
pub fn excerpt(body: &str) -> String {
    const LEN: usize = 140;
    let mut out: String = body.chars().take(LEN).collect();
    if body.chars().count() > LEN {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tts_shared::auth::UserType;

    fn staff(id: i64) -> Person {
        Person {
            user_type: UserType::Staff,
            user_id: id,
        }
    }

    fn employee(id: i64) -> Person {
        Person {
            user_type: UserType::Employee,
            user_id: id,
        }
    }

    #[test]
    fn bodies_are_trimmed_and_bounded() {
        assert_eq!(body("  hello \n").unwrap(), "hello");
        assert!(body(" \n\t ").is_err());
        assert!(body(&"é".repeat(MAX_BODY)).is_ok(), "characters, not bytes");
        assert!(
            body(&"x".repeat(MAX_BODY + 1))
                .unwrap_err()
                .contains("10000")
        );
    }

    #[test]
    fn mentions_are_unique_positive_and_bounded() {
        assert_eq!(mentions(&[7, 3, 7]).unwrap(), vec![3, 7]);
        assert!(mentions(&[0]).is_err());
        let many: Vec<i64> = (1..=51).collect();
        assert!(mentions(&many).is_err());
    }

    #[test]
    fn replies_to_internal_comments_stay_internal() {
        assert_eq!(
            reply_visibility(Visibility::Internal, Visibility::Public),
            Visibility::Internal
        );
        assert_eq!(
            reply_visibility(Visibility::Public, Visibility::Internal),
            Visibility::Internal
        );
        assert_eq!(
            reply_visibility(Visibility::Public, Visibility::Public),
            Visibility::Public
        );
    }

    #[test]
    fn everyone_else_hears_once_and_the_requester_never_of_internal_comments() {
        let participants = [staff(1), staff(2), staff(3), employee(9)];
        let requester = Some(employee(9));
        let public = audience(
            staff(1),
            Visibility::Public,
            &participants,
            requester,
            &[3, 1],
        );
        assert_eq!(public.commented, vec![staff(2), employee(9)]);
        assert_eq!(
            public.mentioned,
            vec![staff(3)],
            "not the author, not twice"
        );

        let internal = audience(
            staff(1),
            Visibility::Internal,
            &participants,
            requester,
            &[],
        );
        assert_eq!(internal.commented, vec![staff(2), staff(3)]);

        let by_requester = audience(
            employee(9),
            Visibility::Public,
            &participants,
            requester,
            &[],
        );
        assert_eq!(by_requester.commented, vec![staff(1), staff(2), staff(3)]);
    }

    #[test]
    fn excerpts_are_short() {
        assert_eq!(excerpt("short"), "short");
        let long = "y".repeat(200);
        assert_eq!(excerpt(&long).chars().count(), 141);
    }
}
