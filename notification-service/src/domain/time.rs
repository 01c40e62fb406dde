//! Times as people read them: `Tue 1 Dec 2026, 14:30 (Asia/Manila)`, in the zone the
//! notification names, else the configured one (`mail_time_zone`).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// An IANA zone name (`Europe/Berlin`, `UTC`), or why it is none.
pub fn zone(name: &str) -> Result<Tz, String> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| format!("{name:?} is not an IANA time zone such as Europe/Berlin or UTC"))
}

/// The zone a notification names, if it is a known one; else `default`. An unknown name does not
/// cost the person their notification.
pub fn zone_or(named: Option<&str>, default: Tz) -> Tz {
    named.and_then(|n| zone(n).ok()).unwrap_or(default)
}

/// `instant` as wall-clock time in `zone`, with the zone named.
pub fn for_people(instant: DateTime<Utc>, zone: Tz) -> String {
    format!(
        "{} ({})",
        instant.with_timezone(&zone).format("%a %-d %b %Y, %H:%M"),
        zone.name()
    )
}

/// An RFC 3339 time from a payload, for people; a value that is not one is shown as it came.
pub fn rfc3339_for_people(raw: &str, zone: Tz) -> String {
    match DateTime::parse_from_rfc3339(raw.trim()) {
        Ok(t) => for_people(t.with_timezone(&Utc), zone),
        Err(_) => raw.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_as_wall_clock_time_in_the_named_zone() {
        let manila = zone("Asia/Manila").unwrap();
        assert_eq!(
            rfc3339_for_people("2026-12-01T06:30:00Z", manila),
            "Tue 1 Dec 2026, 14:30 (Asia/Manila)"
        );
        assert_eq!(
            rfc3339_for_people("2026-12-01T14:30:00+08:00", Tz::UTC),
            "Tue 1 Dec 2026, 06:30 (UTC)",
            "the offset the producer wrote does not matter, the instant does"
        );
    }

    #[test]
    fn summer_time_is_followed() {
        let berlin = zone("Europe/Berlin").unwrap();
        assert_eq!(
            rfc3339_for_people("2026-07-01T06:30:00Z", berlin),
            "Wed 1 Jul 2026, 08:30 (Europe/Berlin)"
        );
        assert_eq!(
            rfc3339_for_people("2026-12-01T06:30:00Z", berlin),
            "Tue 1 Dec 2026, 07:30 (Europe/Berlin)"
        );
    }

    #[test]
    fn an_unknown_zone_falls_back_and_an_unreadable_time_is_kept() {
        let berlin = zone("Europe/Berlin").unwrap();
        assert_eq!(zone_or(Some("Mars/Olympus"), berlin), berlin);
        assert_eq!(zone_or(None, berlin), berlin);
        assert_eq!(zone_or(Some("Asia/Manila"), berlin), Tz::Asia__Manila);
        assert_eq!(rfc3339_for_people("tomorrow noon", berlin), "tomorrow noon");
    }

    #[test]
    fn a_configured_zone_must_be_an_iana_name() {
        assert_eq!(zone("UTC").unwrap(), Tz::UTC);
        let e = zone("CEST+2").unwrap_err();
        assert!(e.contains("CEST+2") && e.contains("IANA"), "{e}");
    }
}
