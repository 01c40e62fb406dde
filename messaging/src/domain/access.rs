//! Who may read a ticket's thread, and which comments each reader sees. Every path that shows a
//! comment — list, detail, download, socket, notification — asks here, so an internal comment
//! cannot reach a requester by one path that forgot.

use tts_shared::auth::{AuthUser, UserType};

/// A comment's audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Everyone who may read the thread, the requester included.
    Public,
    /// Staff only.
    Internal,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Internal => "internal",
        }
    }

    pub fn parse(text: &str) -> Option<Visibility> {
        match text {
            "public" => Some(Visibility::Public),
            "internal" => Some(Visibility::Internal),
            _ => None,
        }
    }
}

/// A person: user type and id together, as staff and employee ids are separate namespaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Person {
    pub user_type: UserType,
    pub user_id: i64,
}

impl Person {
    pub fn of(user: &AuthUser) -> Person {
        Person {
            user_type: user.user_type,
            user_id: user.user_id,
        }
    }

    pub fn is_staff(self) -> bool {
        self.user_type == UserType::Staff
    }
}

/// How a person reads a thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// Staff with a role in TTS: every comment.
    Staff,
    /// The ticket's requester: public comments only.
    Requester,
}

impl Reader {
    pub fn sees(self, visibility: Visibility) -> bool {
        match self {
            Reader::Staff => true,
            Reader::Requester => visibility == Visibility::Public,
        }
    }

    /// Whether this reader's queries must leave internal comments out.
    pub fn public_only(self) -> bool {
        self == Reader::Requester
    }
}

/// Whether `user` may see the thread: staff need a TTS role; anyone else must be the ticket's
/// requester. `None` means no (answered as 404, so a ticket's existence never leaks).
pub fn reader(user: &AuthUser, requester: Option<Person>) -> Option<Reader> {
    reader_of(Person::of(user), user.has_system("tts"), requester)
}

/// The one read rule, for any person: staff holding a TTS role read everything; the requester
/// reads public comments; anyone else nothing. Whether someone holds a TTS role comes from their
/// token when they are the caller, and from the workflow API's directory when they are only
/// about to be notified — the rule is the same either way.
pub fn reader_of(
    person: Person,
    holds_tts_role: bool,
    requester: Option<Person>,
) -> Option<Reader> {
    if person.user_type == UserType::Staff && holds_tts_role {
        return Some(Reader::Staff);
    }
    (requester == Some(person)).then_some(Reader::Requester)
}

/// Staff write in the visibility they choose; requesters only ever publicly.
pub fn may_post(reader: Reader, visibility: Visibility) -> bool {
    reader.sees(visibility)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tts_shared::auth::SystemRole;

    fn user(user_type: UserType, id: i64, roles: &[(&str, &str)]) -> AuthUser {
        AuthUser {
            user_id: id,
            user_type,
            email: None,
            name: String::new(),
            roles: roles.iter().map(|(s, r)| SystemRole::new(*s, *r)).collect(),
        }
    }

    #[test]
    fn staff_with_a_tts_role_read_everything_and_the_requester_reads_public_only() {
        let requester = Some(Person {
            user_type: UserType::Employee,
            user_id: 5,
        });
        let agent = user(UserType::Staff, 5, &[("tts", "Agent")]);
        assert_eq!(reader(&agent, requester), Some(Reader::Staff));
        assert!(Reader::Staff.sees(Visibility::Internal));

        let employee = user(UserType::Employee, 5, &[]);
        assert_eq!(reader(&employee, requester), Some(Reader::Requester));
        assert!(!Reader::Requester.sees(Visibility::Internal));
        assert!(Reader::Requester.sees(Visibility::Public));
        assert!(!may_post(Reader::Requester, Visibility::Internal));

        // Same id, other namespace; staff of another system; another employee; unknown requester.
        let staff_five_elsewhere = user(UserType::Staff, 5, &[("hdts", "Agent")]);
        assert_eq!(reader(&staff_five_elsewhere, requester), None);
        assert_eq!(reader(&user(UserType::Employee, 6, &[]), requester), None);
        assert_eq!(reader(&employee, None), None);
    }

    #[test]
    fn a_staff_requester_without_a_tts_role_reads_public_comments_only() {
        let staff_requester = Person {
            user_type: UserType::Staff,
            user_id: 8,
        };
        let requester = Some(staff_requester);
        assert_eq!(
            reader_of(staff_requester, false, requester),
            Some(Reader::Requester)
        );
        assert_eq!(
            reader_of(staff_requester, true, requester),
            Some(Reader::Staff)
        );
        assert_eq!(reader_of(staff_requester, false, None), None);
        let employee = Person {
            user_type: UserType::Employee,
            user_id: 8,
        };
        assert_eq!(
            reader_of(employee, true, None),
            None,
            "only staff hold TTS roles"
        );
    }
}
