//! What a comment may be, and who is told about it.

use std::collections::BTreeSet;

use tts_shared::auth::UserType;

use super::access::{self, Person, Visibility};

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

/// Which staff hold a TTS role, as the workflow API's directory answered for the people asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TtsRoles {
    /// The staff user ids (of those asked) who are active members of a TTS role.
    Known(BTreeSet<i64>),
    /// The directory could not be asked (unreachable, or no key configured). Nobody is taken
    /// to hold a role: an internal note must not go out on a guess.
    Unconfirmed,
}

impl TtsRoles {
    fn held_by(&self, p: Person) -> bool {
        p.is_staff() && matches!(self, TtsRoles::Known(ids) if ids.contains(&p.user_id))
    }
}

/// Why a mentioned person was not told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotNotifiedReason {
    /// They may not read this comment: no TTS role (and not the requester, or the comment is
    /// internal).
    CannotRead,
    /// The directory could not confirm that they may read it, so they were not told.
    Unconfirmed,
}

impl NotNotifiedReason {
    pub fn as_str(self) -> &'static str {
        match self {
            NotNotifiedReason::CannotRead => "cannot_read",
            NotNotifiedReason::Unconfirmed => "unconfirmed",
        }
    }
}

/// Who hears about a new comment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Audience {
    /// `notifications.send_comment_notification`, one each.
    pub commented: Vec<Person>,
    /// `notifications.send_mention_notification`, one each (instead of the comment one).
    pub mentioned: Vec<Person>,
    /// Mentioned staff user ids who were not told, and why (the author is never told and never
    /// listed).
    pub not_notified: Vec<(i64, NotNotifiedReason)>,
}

/// Everyone on the thread (its past authors and the requester) hears of a new comment, except the
/// author; mentioned staff hear of the mention instead. Nobody hears of a comment they may not
/// read in the thread: each person is judged by the read rule of [`access::reader_of`], with
/// `roles` saying which staff hold a TTS role.
pub fn audience(
    author: Person,
    visibility: Visibility,
    participants: &[Person],
    requester: Option<Person>,
    mentioned_staff: &[i64],
    roles: &TtsRoles,
) -> Audience {
    let may_read = |p: Person| {
        access::reader_of(p, roles.held_by(p), requester).is_some_and(|r| r.sees(visibility))
    };
    let mut mentioned = BTreeSet::new();
    let mut not_notified = Vec::new();
    let unique: BTreeSet<i64> = mentioned_staff.iter().copied().collect();
    for id in unique {
        let p = Person {
            user_type: UserType::Staff,
            user_id: id,
        };
        if p == author {
            continue;
        }
        if may_read(p) {
            mentioned.insert(p);
        } else {
            let reason = match roles {
                TtsRoles::Unconfirmed => NotNotifiedReason::Unconfirmed,
                TtsRoles::Known(_) => NotNotifiedReason::CannotRead,
            };
            not_notified.push((id, reason));
        }
    }
    let commented: BTreeSet<Person> = participants
        .iter()
        .copied()
        .chain(requester)
        .filter(|p| *p != author && may_read(*p) && !mentioned.contains(p))
        .collect();
    Audience {
        commented: commented.into_iter().collect(),
        mentioned: mentioned.into_iter().collect(),
        not_notified,
    }
}

/// The staff whose TTS role decides whether they hear of a comment: every staff participant,
/// staff requester and mentioned person except the author. Only these are asked about.
pub fn staff_to_confirm(
    author: Person,
    participants: &[Person],
    requester: Option<Person>,
    mentioned_staff: &[i64],
) -> BTreeSet<i64> {
    participants
        .iter()
        .copied()
        .chain(requester)
        .filter(|p| p.is_staff())
        .map(|p| p.user_id)
        .chain(mentioned_staff.iter().copied())
        .filter(|id| *id != author.user_id || !author.is_staff())
        // The directory takes positive ids only; no other id can hold a TTS role.
        .filter(|id| *id > 0)
        .collect()
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

    fn roles(ids: &[i64]) -> TtsRoles {
        TtsRoles::Known(ids.iter().copied().collect())
    }

    #[test]
    fn everyone_else_hears_once_and_the_requester_never_of_internal_comments() {
        let participants = [staff(1), staff(2), staff(3), employee(9)];
        let requester = Some(employee(9));
        let tts = roles(&[1, 2, 3]);
        let public = audience(
            staff(1),
            Visibility::Public,
            &participants,
            requester,
            &[3, 1],
            &tts,
        );
        assert_eq!(public.commented, vec![staff(2), employee(9)]);
        assert_eq!(
            public.mentioned,
            vec![staff(3)],
            "not the author, not twice"
        );
        assert!(public.not_notified.is_empty());

        let internal = audience(
            staff(1),
            Visibility::Internal,
            &participants,
            requester,
            &[],
            &tts,
        );
        assert_eq!(internal.commented, vec![staff(2), staff(3)]);

        let by_requester = audience(
            employee(9),
            Visibility::Public,
            &participants,
            requester,
            &[],
            &tts,
        );
        assert_eq!(by_requester.commented, vec![staff(1), staff(2), staff(3)]);
    }

    #[test]
    fn staff_without_a_tts_role_hear_only_what_the_thread_shows_them() {
        // Staff 8 is the requester but holds no TTS role; staff 4 holds none either.
        let requester = Some(staff(8));
        let participants = [staff(1), staff(4), staff(8)];
        let tts = roles(&[1, 2]);
        let internal = audience(
            staff(1),
            Visibility::Internal,
            &participants,
            requester,
            &[2, 4, 8],
            &tts,
        );
        assert_eq!(internal.commented, vec![]);
        assert_eq!(internal.mentioned, vec![staff(2)]);
        assert_eq!(
            internal.not_notified,
            vec![
                (4, NotNotifiedReason::CannotRead),
                (8, NotNotifiedReason::CannotRead)
            ]
        );
        let public = audience(
            staff(1),
            Visibility::Public,
            &participants,
            requester,
            &[4],
            &tts,
        );
        assert_eq!(
            public.commented,
            vec![staff(8)],
            "the requester reads public"
        );
        assert_eq!(
            public.not_notified,
            vec![(4, NotNotifiedReason::CannotRead)]
        );
    }

    #[test]
    fn unconfirmed_staff_are_not_told_but_the_requester_still_hears_of_public_comments() {
        let requester = Some(employee(9));
        let participants = [staff(1), staff(2), employee(9)];
        let public = audience(
            staff(1),
            Visibility::Public,
            &participants,
            requester,
            &[3],
            &TtsRoles::Unconfirmed,
        );
        assert_eq!(public.commented, vec![employee(9)]);
        assert_eq!(public.mentioned, vec![]);
        assert_eq!(
            public.not_notified,
            vec![(3, NotNotifiedReason::Unconfirmed)]
        );
        assert_eq!(
            staff_to_confirm(staff(1), &participants, requester, &[3, 1]),
            BTreeSet::from([2, 3]),
            "staff other than the author"
        );
    }

    #[test]
    fn excerpts_are_short() {
        assert_eq!(excerpt("short"), "short");
        let long = "y".repeat(200);
        assert_eq!(excerpt(&long).chars().count(), 141);
    }
}
