//! ISO-8601 durations for SLAs.
//!
//! SLA lengths are entered and shown as ISO-8601 durations such as `PT8H` or
//! `P2D`. Only units with a fixed length are accepted (weeks, days, hours,
//! minutes, seconds): years and months are refused because their length
//! depends on the calendar, so an SLA written with them would mean different
//! things at different times. Durations are kept in whole seconds.

use chrono::Duration;

const SECONDS_PER_MINUTE: i64 = 60;
const SECONDS_PER_HOUR: i64 = 3_600;
const SECONDS_PER_DAY: i64 = 86_400;
const SECONDS_PER_WEEK: i64 = 604_800;

/// Nine decimal places are far finer than the whole second we round to, and
/// the limit keeps the fraction's arithmetic small and exact.
const MAX_DECIMAL_PLACES: usize = 9;

/// One `<number><unit>` piece of a duration, such as `30M`.
struct Component<'a> {
    number: &'a str,
    unit: char,
    in_time_part: bool,
}

/// Parses an ISO-8601 duration such as `P1DT2H30M` or `PT1.5H`.
///
/// Accepted units are weeks and days before `T`, hours, minutes and seconds
/// after it, each at most once and in that order. Only the last component may
/// have a fraction (with `.` or `,`); the result is rounded to whole seconds,
/// halves rounding up. Surrounding whitespace is ignored. Years, months,
/// negative, empty and zero durations are refused with a message meant for
/// the API user.
pub fn parse(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(
            "the duration is empty; write an ISO-8601 duration such as \"PT8H\" or \"P2D\""
                .to_string(),
        );
    }
    if text.starts_with('-') {
        return Err(format!(
            "the duration \"{text}\" is negative; only positive durations are allowed"
        ));
    }
    let Some(body) = text.strip_prefix('P') else {
        return Err(format!(
            "\"{text}\" is not an ISO-8601 duration; it must start with \"P\", such as \"PT8H\" or \"P2D\""
        ));
    };

    let (date_part, time_part) = match body.split_once('T') {
        Some((date_part, time_part)) => (date_part, Some(time_part)),
        None => (body, None),
    };
    if date_part.is_empty() && time_part.is_none_or(str::is_empty) {
        return Err(format!(
            "the duration \"{text}\" has no amount; write at least one part, such as \"PT8H\" or \"P2D\""
        ));
    }
    if time_part == Some("") {
        return Err(format!(
            "the duration \"{text}\" has a \"T\" with nothing after it; put hours, minutes or seconds after \"T\", or leave the \"T\" out"
        ));
    }

    let mut components = split_components(text, date_part, false)?;
    if let Some(time_part) = time_part {
        components.extend(split_components(text, time_part, true)?);
    }

    let mut total_seconds: i128 = 0;
    let mut previous_rank: Option<u8> = None;
    for (index, component) in components.iter().enumerate() {
        let (rank, unit_seconds) = unit_of(text, component)?;
        // Each unit at most once and from largest to smallest, as ISO-8601 writes them.
        if previous_rank.is_some_and(|previous| rank <= previous) {
            return Err(format!(
                "the duration \"{text}\" repeats a unit or lists units out of order; write weeks, days, then \"T\", hours, minutes, seconds"
            ));
        }
        previous_rank = Some(rank);

        let is_last = index + 1 == components.len();
        total_seconds += component_seconds(text, component.number, unit_seconds, is_last)?;
    }

    if total_seconds == 0 {
        return Err(format!("the duration \"{text}\" must be longer than zero"));
    }
    i64::try_from(total_seconds)
        .ok()
        .and_then(Duration::try_seconds)
        .ok_or_else(|| format!("the duration \"{text}\" is too long"))
}

/// Formats a duration in the canonical form used everywhere in the API:
/// days, then `T` and hours, minutes, seconds, leaving out zero parts
/// (`P1DT2H`, `PT8H`, `PT1M30S`). Weeks are written as days so that each
/// duration has exactly one spelling. Zero is `PT0S`; a negative duration
/// gets a leading `-`. Sub-second parts are dropped.
pub fn format(duration: Duration) -> String {
    let total_seconds = duration.num_seconds();
    if total_seconds == 0 {
        return "PT0S".to_string();
    }
    let sign = if total_seconds < 0 { "-" } else { "" };
    // i128 so that the absolute value of the most negative length still fits.
    let mut rest = i128::from(total_seconds).abs();

    let days = rest / i128::from(SECONDS_PER_DAY);
    rest %= i128::from(SECONDS_PER_DAY);
    let hours = rest / i128::from(SECONDS_PER_HOUR);
    rest %= i128::from(SECONDS_PER_HOUR);
    let minutes = rest / i128::from(SECONDS_PER_MINUTE);
    let seconds = rest % i128::from(SECONDS_PER_MINUTE);

    let mut text = format!("{sign}P");
    if days > 0 {
        text.push_str(&format!("{days}D"));
    }
    if hours > 0 || minutes > 0 || seconds > 0 {
        text.push('T');
        if hours > 0 {
            text.push_str(&format!("{hours}H"));
        }
        if minutes > 0 {
            text.push_str(&format!("{minutes}M"));
        }
        if seconds > 0 {
            text.push_str(&format!("{seconds}S"));
        }
    }
    text
}

/// Splits an SLA into whole days and the rest (below a day): the days count as working days
/// of a calendar, the rest as working time. Non-positive durations are no days and nothing.
pub fn split_days(duration: Duration) -> (u32, Duration) {
    let total = duration.num_seconds().max(0);
    let days = u32::try_from(total / SECONDS_PER_DAY).unwrap_or(u32::MAX);
    (days, Duration::seconds(total % SECONDS_PER_DAY))
}

/// Formats working time in hours (no days): `PT36H`, `PT1H30M`, `PT0S`. Used for a step's share
/// of an SLA, which is working time, not working days.
pub fn format_hours(duration: Duration) -> String {
    let total = duration.num_seconds();
    if total == 0 {
        return "PT0S".to_string();
    }
    let sign = if total < 0 { "-" } else { "" };
    let rest = i128::from(total).abs();
    let hours = rest / i128::from(SECONDS_PER_HOUR);
    let minutes = rest % i128::from(SECONDS_PER_HOUR) / i128::from(SECONDS_PER_MINUTE);
    let seconds = rest % i128::from(SECONDS_PER_MINUTE);
    let mut text = format!("{sign}PT");
    if hours > 0 {
        text.push_str(&format!("{hours}H"));
    }
    if minutes > 0 {
        text.push_str(&format!("{minutes}M"));
    }
    if seconds > 0 {
        text.push_str(&format!("{seconds}S"));
    }
    text
}

/// An SLA in words: "3 working days", "1 working day and 4 working hours", "30 minutes".
/// `working`: counted in a business-hours calendar. `days`: whole days are shown as days (an
/// SLA as written); otherwise as hours (working time such as a step's share).
pub fn describe(duration: Duration, working: bool, days: bool) -> String {
    let total = duration.num_seconds().max(0);
    let (day_count, rest) = if days {
        (total / SECONDS_PER_DAY, total % SECONDS_PER_DAY)
    } else {
        (0, total)
    };
    let parts: Vec<String> = [
        (day_count, "day"),
        (rest / SECONDS_PER_HOUR, "hour"),
        (rest % SECONDS_PER_HOUR / SECONDS_PER_MINUTE, "minute"),
        (rest % SECONDS_PER_MINUTE, "second"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, unit)| {
        let working = if working { "working " } else { "" };
        let plural = if n == 1 { "" } else { "s" };
        format!("{n} {working}{unit}{plural}")
    })
    .collect();
    match parts.len() {
        0 => "no time".to_string(),
        1 => parts[0].clone(),
        n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    }
}

/// Cuts one side of the `T` into `<number><unit>` pieces. Any character that
/// cannot be part of a number ends the number and is taken as its unit; the
/// unit itself is checked later.
fn split_components<'a>(
    text: &str,
    part: &'a str,
    in_time_part: bool,
) -> Result<Vec<Component<'a>>, String> {
    let mut components = Vec::new();
    let mut number_start = 0;
    for (index, character) in part.char_indices() {
        let is_number_character = character.is_ascii_digit()
            || character == '.'
            || character == ','
            || character == '-'
            || character == '+';
        if is_number_character {
            continue;
        }
        components.push(Component {
            number: &part[number_start..index],
            unit: character,
            in_time_part,
        });
        number_start = index + character.len_utf8();
    }
    if number_start != part.len() {
        return Err(format!(
            "the duration \"{text}\" ends with a number that has no unit; add W, D, H, M or S after it"
        ));
    }
    Ok(components)
}

/// Returns the unit's position in the required order and its length in seconds.
fn unit_of(text: &str, component: &Component) -> Result<(u8, i64), String> {
    match (component.in_time_part, component.unit) {
        (false, 'W') => Ok((0, SECONDS_PER_WEEK)),
        (false, 'D') => Ok((1, SECONDS_PER_DAY)),
        (false, 'Y') | (false, 'M') => Err(format!(
            "the duration \"{text}\" uses years or months, which have no fixed length; use weeks (W) or days (D) instead"
        )),
        (false, 'H') | (false, 'S') => Err(format!(
            "the duration \"{text}\" has hours or seconds before \"T\"; write them after it, such as \"PT8H\""
        )),
        (true, 'H') => Ok((2, SECONDS_PER_HOUR)),
        (true, 'M') => Ok((3, SECONDS_PER_MINUTE)),
        (true, 'S') => Ok((4, 1)),
        (true, 'W') | (true, 'D') => Err(format!(
            "the duration \"{text}\" has weeks or days after \"T\"; write them before it, such as \"P2DT4H\""
        )),
        (_, unit) => Err(format!(
            "the duration \"{text}\" contains \"{unit}\", which is not a duration unit; use W, D, H, M or S"
        )),
    }
}

/// Turns one component's number into whole seconds, rounding a fraction
/// half up.
fn component_seconds(
    text: &str,
    number: &str,
    unit_seconds: i64,
    is_last: bool,
) -> Result<i128, String> {
    if number.is_empty() {
        return Err(format!(
            "the duration \"{text}\" has a unit without a number in front of it"
        ));
    }
    if number.starts_with('-') {
        return Err(format!(
            "the duration \"{text}\" is negative; only positive durations are allowed"
        ));
    }
    let malformed =
        || format!("the duration \"{text}\" contains the malformed number \"{number}\"");

    let (whole, fraction) = match number.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (number, None),
    };
    if whole.is_empty() || !whole.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(malformed());
    }
    // A number this long overflows u64 and would be far too long anyway.
    let whole: u64 = whole
        .parse()
        .map_err(|_| format!("the duration \"{text}\" is too long"))?;
    let mut seconds = i128::from(whole) * i128::from(unit_seconds);

    if let Some(fraction) = fraction {
        if fraction.is_empty() || !fraction.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(malformed());
        }
        if !is_last {
            return Err(format!(
                "the duration \"{text}\" has a fraction before its last part; only the last part may have one, such as \"PT1H30.5M\""
            ));
        }
        if fraction.len() > MAX_DECIMAL_PLACES {
            return Err(format!(
                "the duration \"{text}\" has more than {MAX_DECIMAL_PLACES} decimal places"
            ));
        }
        let numerator: i128 = fraction.parse::<i128>().map_err(|_| malformed())?;
        let places = u32::try_from(fraction.len()).expect("at most nine decimal places");
        let denominator: i128 = 10_i128.pow(places);
        // Integer arithmetic keeps the rounding exact: round(n * unit / d).
        seconds += (2 * numerator * i128::from(unit_seconds) + denominator) / (2 * denominator);
    }
    Ok(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn seconds(n: i64) -> Duration {
        Duration::seconds(n)
    }

    #[test]
    fn single_units_are_read() {
        assert_eq!(parse("P2W"), Ok(seconds(2 * 604_800)));
        assert_eq!(parse("P3D"), Ok(seconds(3 * 86_400)));
        assert_eq!(parse("PT8H"), Ok(seconds(8 * 3_600)));
        assert_eq!(parse("PT45M"), Ok(seconds(45 * 60)));
        assert_eq!(parse("PT90S"), Ok(seconds(90)));
    }

    #[test]
    fn combinations_are_added_up() {
        assert_eq!(
            parse("P1DT2H30M"),
            Ok(seconds(86_400 + 2 * 3_600 + 30 * 60))
        );
        assert_eq!(parse("P1W1D"), Ok(seconds(8 * 86_400)));
        assert_eq!(parse("PT1H1M1S"), Ok(seconds(3_661)));
    }

    #[test]
    fn a_fraction_on_the_last_part_is_rounded_to_whole_seconds() {
        assert_eq!(parse("PT1.5H"), Ok(seconds(5_400)));
        assert_eq!(parse("PT1,5H"), Ok(seconds(5_400)));
        assert_eq!(parse("PT1.4S"), Ok(seconds(1)));
        assert_eq!(parse("PT1.5S"), Ok(seconds(2)));
        assert_eq!(parse("P1DT0.25H"), Ok(seconds(86_400 + 900)));
    }

    #[test]
    fn a_fraction_before_the_last_part_is_refused() {
        let error = parse("PT1.5H30M").unwrap_err();
        assert!(error.contains("only the last part"), "{error}");
    }

    #[test]
    fn surrounding_whitespace_is_ignored() {
        assert_eq!(parse("  PT8H "), Ok(seconds(8 * 3_600)));
    }

    #[test]
    fn years_and_months_are_refused_because_their_length_varies() {
        for text in ["P1Y", "P1M", "P1Y2M", "P1MT2H"] {
            let error = parse(text).unwrap_err();
            assert!(error.contains("years or months"), "{text}: {error}");
            assert!(error.contains("no fixed length"), "{text}: {error}");
        }
    }

    #[test]
    fn minutes_after_t_are_not_months() {
        assert_eq!(parse("PT1M"), Ok(seconds(60)));
    }

    #[test]
    fn empty_durations_are_refused() {
        for text in ["", "  ", "P", "PT", "P1DT"] {
            assert!(parse(text).is_err(), "{text:?} should be refused");
        }
    }

    #[test]
    fn zero_durations_are_refused() {
        for text in ["PT0S", "P0D", "P0W0DT0H0M0S", "PT0.4S"] {
            let error = parse(text).unwrap_err();
            assert!(
                error.contains("must be longer than zero"),
                "{text}: {error}"
            );
        }
    }

    #[test]
    fn negative_durations_are_refused() {
        for text in ["-PT8H", "P-1D", "PT-5M"] {
            let error = parse(text).unwrap_err();
            assert!(error.contains("negative"), "{text}: {error}");
        }
    }

    #[test]
    fn garbage_is_refused() {
        for text in [
            "8h",
            "PT8",
            "PTH",
            "P1H",
            "PT1D",
            "PT8X",
            "P1.D",
            "PT.5H",
            "PT1..5H",
            "PT+5H",
            "PT8H8H",
            "PT8M8H",
            "P1DT2H3",
            "pt8h",
            "PT1.0000000001H",
        ] {
            assert!(parse(text).is_err(), "{text:?} should be refused");
        }
    }

    #[test]
    fn absurdly_long_durations_are_refused_instead_of_overflowing() {
        assert!(parse("P99999999999999999999999W").is_err());
        assert!(parse("P9999999999999999W").is_err());
    }

    #[test]
    fn format_writes_the_canonical_form() {
        assert_eq!(format(seconds(93_600)), "P1DT2H");
        assert_eq!(format(seconds(8 * 3_600)), "PT8H");
        assert_eq!(format(seconds(90)), "PT1M30S");
        assert_eq!(format(seconds(0)), "PT0S");
        assert_eq!(format(seconds(7 * 86_400)), "P7D");
        assert_eq!(format(seconds(86_400 + 1)), "P1DT1S");
        assert_eq!(format(seconds(-3_600)), "-PT1H");
        assert_eq!(format(Duration::MIN), "-P106751991167DT7H12M55S");
    }

    #[test]
    fn format_drops_sub_second_parts() {
        assert_eq!(format(Duration::milliseconds(1_999)), "PT1S");
    }

    #[test]
    fn slas_are_split_into_days_and_the_rest() {
        assert_eq!(split_days(seconds(3 * 86_400)), (3, seconds(0)));
        assert_eq!(
            split_days(seconds(86_400 + 4 * 3_600)),
            (1, seconds(4 * 3_600))
        );
        assert_eq!(split_days(seconds(8 * 3_600)), (0, seconds(8 * 3_600)));
        assert_eq!(split_days(seconds(-5)), (0, seconds(0)));
    }

    #[test]
    fn working_time_is_written_in_hours() {
        assert_eq!(format_hours(seconds(36 * 3_600)), "PT36H");
        assert_eq!(format_hours(seconds(5_400)), "PT1H30M");
        assert_eq!(format_hours(seconds(0)), "PT0S");
        assert_eq!(format_hours(seconds(61)), "PT1M1S");
    }

    #[test]
    fn slas_are_described_in_words() {
        assert_eq!(describe(seconds(3 * 86_400), true, true), "3 working days");
        assert_eq!(
            describe(seconds(86_400 + 4 * 3_600), true, true),
            "1 working day and 4 working hours"
        );
        assert_eq!(describe(seconds(3 * 86_400), false, true), "3 days");
        assert_eq!(
            describe(seconds(36 * 3_600), true, false),
            "36 working hours"
        );
        assert_eq!(
            describe(seconds(3_600 + 90), false, true),
            "1 hour, 1 minute and 30 seconds"
        );
        assert_eq!(describe(seconds(0), true, true), "no time");
    }

    /// Builds a valid duration text from optional parts, with an optional
    /// fraction on the last part that is present.
    fn duration_text() -> impl Strategy<Value = String> {
        (
            proptest::option::of(0_u32..100),
            proptest::option::of(0_u32..400),
            proptest::option::of(0_u32..100),
            proptest::option::of(0_u32..1_000),
            proptest::option::of(0_u32..100_000),
            proptest::option::of((0_u32..1_000_000_000, 1_usize..=9)),
        )
            .prop_filter("at least one part", |(w, d, h, m, s, _)| {
                w.is_some() || d.is_some() || h.is_some() || m.is_some() || s.is_some()
            })
            .prop_map(|(weeks, days, hours, minutes, secs, fraction)| {
                // Positions 0 and 1 go before "T", the rest after it.
                let parts = [
                    (weeks, 'W'),
                    (days, 'D'),
                    (hours, 'H'),
                    (minutes, 'M'),
                    (secs, 'S'),
                ];
                let last_present = parts.iter().rposition(|(value, _)| value.is_some());
                let fraction_text = fraction.map(|(value, places)| {
                    let digits = format!("{value:09}");
                    digits[..places].to_string()
                });
                let mut text = String::from("P");
                let mut written_time_marker = false;
                for (position, (value, unit)) in parts.iter().enumerate() {
                    let Some(value) = value else { continue };
                    if position >= 2 && !written_time_marker {
                        text.push('T');
                        written_time_marker = true;
                    }
                    text.push_str(&value.to_string());
                    if Some(position) == last_present
                        && let Some(fraction_text) = &fraction_text
                    {
                        text.push('.');
                        text.push_str(fraction_text);
                    }
                    text.push(*unit);
                }
                text
            })
    }

    proptest! {
        #[test]
        fn formatting_a_parsed_duration_parses_back_to_the_same_length(text in duration_text()) {
            match parse(&text) {
                Ok(duration) => {
                    let formatted = format(duration);
                    prop_assert_eq!(parse(&formatted), Ok(duration), "{} -> {}", text, formatted);
                }
                Err(error) => {
                    // A well-formed text is only refused when it adds up to nothing.
                    prop_assert!(error.contains("must be longer than zero"), "{}: {}", text, error);
                }
            }
        }

        #[test]
        fn parsing_a_formatted_duration_gives_it_back(total in 1_i64..=9_000_000_000_000) {
            let duration = Duration::seconds(total);
            prop_assert_eq!(parse(&format(duration)), Ok(duration));
        }
    }
}
