//! Business-hours calendars: when SLA time runs.
//!
//! A [`Calendar`] lists working intervals per weekday in the local wall-clock time of an IANA
//! time zone, minus holidays. [`Calendar::add_working`] finds the instant at which an amount of
//! working time has elapsed, and [`Calendar::working_between`] measures the working time
//! between two instants. Each day's intervals are turned into UTC instants, and all
//! arithmetic happens on those instants, so working time is always real elapsed time.
//!
//! # Daylight saving time
//!
//! A local wall-clock time on a date maps to the first instant at which the local clock shows
//! that time or later:
//!
//! - On a spring-forward day, a time inside the gap (which the clock never shows) maps to the
//!   first instant after the gap. An interval 01:00–04:00 on the spring-forward day in
//!   Europe/Berlin is 2 real hours, and 02:30–05:00 starts when the clock jumps to 03:00.
//! - On a fall-back day, a time inside the repeated hour maps to its first occurrence. An
//!   interval that covers the whole repeated hour therefore contains it twice in real time
//!   (00:00–04:00 on the fall-back day in Europe/Berlin is 5 real hours), and back-to-back
//!   intervals such as 00:00–02:30 and 02:30–04:00 stay back-to-back.
//!
//! The mapping never goes backwards as the wall-clock time grows, so the intervals of
//! consecutive days never overlap in real time.
//!
//! # Midnight
//!
//! An interval whose `end` is 00:00 runs to midnight at the end of its day, so 00:00–00:00 is
//! the whole day and seven of them make a 24/7 calendar.

use std::ops::ControlFlow;

use chrono::{
    DateTime, Datelike, Duration, MappedLocalTime, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Utc,
};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// How many days the searches look at before giving up: about twenty years. A calendar that
/// has no working time in that span is treated as never reaching its target, and a search
/// that steps a day at a time stays cheap even for such a calendar.
const SEARCH_HORIZON_DAYS: u32 = 20 * 366;

const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// When SLA time runs: working hours per weekday in a time zone, minus holidays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({
    "time_zone": "Asia/Manila",
    "hours": [
        [{"start": "08:00:00", "end": "12:00:00"}, {"start": "13:00:00", "end": "17:00:00"}],
        [{"start": "08:00:00", "end": "12:00:00"}, {"start": "13:00:00", "end": "17:00:00"}],
        [{"start": "08:00:00", "end": "12:00:00"}, {"start": "13:00:00", "end": "17:00:00"}],
        [{"start": "08:00:00", "end": "12:00:00"}, {"start": "13:00:00", "end": "17:00:00"}],
        [{"start": "08:00:00", "end": "12:00:00"}, {"start": "13:00:00", "end": "17:00:00"}],
        [], []
    ],
    "holidays": ["2026-12-25", "2026-12-30"]
}))]
pub struct Calendar {
    /// IANA name, e.g. "Asia/Manila", "Europe/Berlin".
    #[schema(example = "Asia/Manila")]
    pub time_zone: String,
    /// Working intervals per weekday, Monday first (index 0) to Sunday (6); each interval is
    /// [start, end) in local wall-clock time; several per day allowed (lunch breaks); empty = day off.
    #[schema(value_type = Vec<Vec<WorkingInterval>>, min_items = 7, max_items = 7)]
    pub hours: [Vec<WorkingInterval>; 7],
    /// Local dates with no working time at all.
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
}

/// One working interval [start, end) of a day in local wall-clock time. An `end` of 00:00
/// means midnight at the end of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"start": "08:00:00", "end": "12:00:00"}))]
pub struct WorkingInterval {
    /// Local wall-clock time, `HH:MM` or `HH:MM:SS`.
    #[schema(value_type = String, pattern = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$", example = "08:00:00")]
    pub start: NaiveTime,
    /// Local wall-clock time; `00:00` is midnight at the end of the day.
    #[schema(value_type = String, pattern = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$", example = "17:00:00")]
    pub end: NaiveTime,
}

impl WorkingInterval {
    fn ends_at_midnight(&self) -> bool {
        self.end == NaiveTime::MIN
    }

    /// Time from the start of the day to `start`.
    fn start_offset(&self) -> Duration {
        self.start - NaiveTime::MIN
    }

    /// Time from the start of the day to `end`, where an `end` of 00:00 is a whole day.
    fn end_offset(&self) -> Duration {
        if self.ends_at_midnight() {
            Duration::days(1)
        } else {
            self.end - NaiveTime::MIN
        }
    }

    fn is_well_formed(&self) -> bool {
        self.end_offset() > self.start_offset()
    }

    fn overlaps(&self, other: &WorkingInterval) -> bool {
        self.start_offset() < other.end_offset() && other.start_offset() < self.end_offset()
    }

    /// The real instants at which this interval starts and ends on `date`, by the rule in the
    /// module documentation. `None` only at the very ends of the representable range.
    fn instants_on(&self, date: NaiveDate, zone: Tz) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let local_start = date.and_time(self.start);
        let local_end = if self.ends_at_midnight() {
            date.succ_opt()?.and_time(NaiveTime::MIN)
        } else {
            date.and_time(self.end)
        };
        let start = first_instant_showing(zone, local_start)?;
        let end = first_instant_showing(zone, local_end)?;
        Some((start, end))
    }
}

impl Calendar {
    /// The same working interval Monday to Friday, weekends off, no holidays.
    pub fn office_hours(time_zone: &str, start: NaiveTime, end: NaiveTime) -> Calendar {
        let workday = vec![WorkingInterval { start, end }];
        Calendar {
            time_zone: time_zone.to_string(),
            hours: [
                workday.clone(),
                workday.clone(),
                workday.clone(),
                workday.clone(),
                workday,
                Vec::new(),
                Vec::new(),
            ],
            holidays: Vec::new(),
        }
    }

    /// Every problem with this calendar, each as a sentence; empty when the calendar is usable.
    pub fn validate(&self) -> Vec<String> {
        let mut problems = Vec::new();

        if self.time_zone.parse::<Tz>().is_err() {
            problems.push(format!(
                "Time zone \"{}\" is not a known IANA time zone name.",
                self.time_zone
            ));
        }

        for (weekday, intervals) in self.hours.iter().enumerate() {
            let day_name = WEEKDAY_NAMES[weekday];
            for interval in intervals {
                if !interval.is_well_formed() {
                    problems.push(format!(
                        "{day_name}: the interval {} to {} ends at or before its start.",
                        interval.start, interval.end
                    ));
                }
            }
            // Every pair, not just neighbours, so that one long interval covering several
            // others is reported against each of them.
            for (index, first) in intervals.iter().enumerate() {
                for second in &intervals[index + 1..] {
                    // A malformed interval is already reported above; comparing it would
                    // only add noise.
                    if first.is_well_formed() && second.is_well_formed() && first.overlaps(second) {
                        problems.push(format!(
                            "{day_name}: the intervals {} to {} and {} to {} overlap.",
                            first.start, first.end, second.start, second.end
                        ));
                    }
                }
            }
        }

        if !self.has_working_time() {
            problems.push("The calendar has no working time on any day of the week.".to_string());
        }

        problems
    }

    /// The instant at which `amount` of working time has elapsed since `start`.
    ///
    /// If `start` is outside working time, counting begins at the next working instant. If the
    /// amount runs out exactly at the end of an interval, that end is returned (not the start
    /// of the next interval). An `amount` of zero or less returns `start` unchanged.
    ///
    /// Returns `DateTime::<Utc>::MAX_UTC`, meaning "never", when the calendar has no working
    /// time or the amount cannot be reached within about twenty years after `start`.
    pub fn add_working(&self, start: DateTime<Utc>, amount: Duration) -> DateTime<Utc> {
        if amount <= Duration::zero() {
            return start;
        }
        if !self.has_working_time() {
            return DateTime::<Utc>::MAX_UTC;
        }

        let mut remaining = amount;
        let target = self.walk_working_spans(start, |span_start, span_end| {
            let length = span_end - span_start;
            if remaining <= length {
                ControlFlow::Break(span_start + remaining)
            } else {
                remaining -= length;
                ControlFlow::Continue(())
            }
        });
        target.unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// The working time inside [from, to); zero if `to` is not after `from`.
    ///
    /// Working time more than about twenty years after `from` is not counted (the same horizon
    /// as [`Calendar::add_working`]), which keeps a call with `to` = "never" cheap.
    pub fn working_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
        let mut total = Duration::zero();
        if to <= from || !self.has_working_time() {
            return total;
        }

        self.walk_working_spans(from, |span_start, span_end| {
            if span_start >= to {
                return ControlFlow::Break(());
            }
            total += span_end.min(to) - span_start;
            if span_end >= to {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        total
    }

    /// The instant `days` working days after `start`: the same point of the working day (the
    /// same working time into it) on the `days`-th working date after the one `start` counts
    /// on. A working date is a non-holiday date with working time; a date with less working
    /// time than that point ends at the end of its working time.
    ///
    /// `start` outside working time counts from the next working instant, so a start at the
    /// beginning of a working day (or after the end of the previous one) is due at the end of
    /// the `days`-th working day counting that one: one working day from Tuesday 17:00 in a
    /// 9–17 calendar is Wednesday 17:00. Zero days returns `start`; a calendar without working
    /// time or a target beyond about twenty years returns `DateTime::<Utc>::MAX_UTC` ("never").
    pub fn add_working_days(&self, start: DateTime<Utc>, days: u32) -> DateTime<Utc> {
        if days == 0 {
            return start;
        }
        if !self.has_working_time() {
            return DateTime::<Utc>::MAX_UTC;
        }
        self.working_days_from(start, days)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    fn working_days_from(&self, start: DateTime<Utc>, days: u32) -> Option<DateTime<Utc>> {
        let zone = self.zone();
        let utc_date = start.date_naive();
        let mut date = utc_date.pred_opt().unwrap_or(utc_date);
        // The working date `start` counts on and how far into its working time it is.
        let mut into_day = None;
        for _ in 0..=SEARCH_HORIZON_DAYS {
            let spans = self.spans_on(date, zone);
            if spans.iter().any(|(_, end)| *end > start) {
                let used = spans
                    .iter()
                    .map(|(from, end)| ((*end).min(start) - *from).max(Duration::zero()))
                    .fold(Duration::zero(), |total, part| total + part);
                into_day = Some(used);
                break;
            }
            date = date.succ_opt()?;
        }
        let into_day = into_day?;
        // With nothing used on the first day, the target is the end of the `days`-th working
        // day counting the first one; otherwise the same point of the `days`-th one after it.
        let wanted = if into_day == Duration::zero() {
            days - 1
        } else {
            days
        };
        let mut counted = 0;
        let mut spans = self.spans_on(date, zone);
        let mut searched = 0;
        while counted < wanted {
            date = date.succ_opt()?;
            searched += 1;
            if searched > SEARCH_HORIZON_DAYS {
                return None;
            }
            spans = self.spans_on(date, zone);
            if !spans.is_empty() {
                counted += 1;
            }
        }
        let day_end = spans.last().map(|(_, end)| *end)?;
        if into_day == Duration::zero() {
            return Some(day_end);
        }
        let mut remaining = into_day;
        for (from, end) in &spans {
            let length = *end - *from;
            if remaining <= length {
                return Some(*from + remaining);
            }
            remaining -= length;
        }
        Some(day_end)
    }

    /// The working spans of one local date as real instants, in order; empty on a holiday or a
    /// day off. Spans that overlap (an invalid calendar) are merged.
    fn spans_on(&self, date: NaiveDate, zone: Tz) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        if self.holidays.contains(&date) {
            return Vec::new();
        }
        let weekday = date.weekday().num_days_from_monday() as usize;
        let mut intervals = self.hours[weekday].clone();
        intervals.sort_by_key(|interval| interval.start);
        let mut spans: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
        for interval in intervals.iter().filter(|i| i.is_well_formed()) {
            let Some((start, end)) = interval.instants_on(date, zone) else {
                continue;
            };
            if end <= start {
                continue;
            }
            match spans.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => spans.push((start, end)),
            }
        }
        spans
    }

    /// Whether any weekday has a usable interval. Holidays are ignored: they remove single
    /// dates, not the week's working time.
    fn has_working_time(&self) -> bool {
        self.hours
            .iter()
            .flatten()
            .any(WorkingInterval::is_well_formed)
    }

    /// The calendar's zone. An unknown name falls back to UTC so that a bad calendar still
    /// yields deadlines; `validate` reports the name.
    fn zone(&self) -> Tz {
        self.time_zone.parse().unwrap_or(Tz::UTC)
    }

    /// Calls `visit` with each span of working time that ends after `from`, in order, as
    /// [start, end) real instants. Spans never overlap and none starts before `from`. Stops
    /// when `visit` breaks, returning its value, or after the search horizon, returning `None`.
    ///
    /// The walk steps a day at a time and a span at a time, so its cost depends on the number
    /// of days covered, never on the amount of time.
    fn walk_working_spans<B>(
        &self,
        from: DateTime<Utc>,
        mut visit: impl FnMut(DateTime<Utc>, DateTime<Utc>) -> ControlFlow<B>,
    ) -> Option<B> {
        let zone = self.zone();

        // Sorting by local start also sorts by real start, because the local-to-real mapping
        // never goes backwards.
        let mut week = self.hours.clone();
        for intervals in &mut week {
            intervals.sort_by_key(|interval| interval.start);
        }

        // UTC offsets are less than a day, so the local date of `from` is never earlier than
        // the day before its UTC date; the intervals of earlier dates all end before `from`.
        let utc_date = from.date_naive();
        let mut date = utc_date.pred_opt().unwrap_or(utc_date);

        // Nothing before `cursor` may be visited again. It starts at `from` and moves to the
        // end of each visited span, which also keeps overlapping intervals of an invalid
        // calendar from being counted twice.
        let mut cursor = from;

        for _ in 0..=SEARCH_HORIZON_DAYS {
            if !self.holidays.contains(&date) {
                let weekday = date.weekday().num_days_from_monday() as usize;
                for interval in &week[weekday] {
                    let Some((start, end)) = interval.instants_on(date, zone) else {
                        continue;
                    };
                    let start = start.max(cursor);
                    if end <= start {
                        continue;
                    }
                    if let ControlFlow::Break(value) = visit(start, end) {
                        return Some(value);
                    }
                    cursor = end;
                }
            }
            date = date.succ_opt()?;
        }
        None
    }
}

/// The first instant at which the clock in `zone` shows `local` or later: the single instant
/// for an ordinary time, the first occurrence for a repeated time, and the end of the gap for
/// a skipped time. `None` only at the very ends of the representable range.
fn first_instant_showing(zone: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match zone.from_local_datetime(&local) {
        MappedLocalTime::Single(instant) => Some(instant.with_timezone(&Utc)),
        MappedLocalTime::Ambiguous(first, second) => Some(first.min(second).with_timezone(&Utc)),
        MappedLocalTime::None => first_instant_after_gap(zone, local),
    }
}

/// The instant at which the clock jumps past `local`, a wall-clock time that does not exist.
fn first_instant_after_gap(zone: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    // UTC offsets are less than a day, so the answer lies within a day either side of `local`
    // read as UTC. The clock shows less than `local` at `before` and `local` or later at
    // `after`; bisecting keeps it that way. Zone transitions fall on whole seconds, so
    // bisecting whole seconds finds the exact instant. This runs only for skipped times, a
    // few times a year.
    let mut before = local
        .checked_sub_signed(Duration::days(1))?
        .and_utc()
        .timestamp();
    let mut after = local
        .checked_add_signed(Duration::days(1))?
        .and_utc()
        .timestamp();
    while after - before > 1 {
        let middle = before + (after - before) / 2;
        let instant = DateTime::from_timestamp(middle, 0)?;
        if wall_clock_at(zone, instant)? >= local {
            after = middle;
        } else {
            before = middle;
        }
    }
    DateTime::from_timestamp(after, 0)
}

/// What the clock in `zone` shows at `instant`; `None` only at the very ends of the
/// representable range, where `DateTime::naive_local` would panic.
fn wall_clock_at(zone: Tz, instant: DateTime<Utc>) -> Option<NaiveDateTime> {
    let offset = zone.offset_from_utc_datetime(&instant.naive_utc()).fix();
    instant.naive_utc().checked_add_offset(offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn time(hour: u32, minute: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(hour, minute, 0).expect("valid test time")
    }

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
    }

    fn utc(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        date(year, month, day)
            .and_time(time(hour, minute))
            .and_utc()
    }

    /// A local wall-clock time that exists exactly once in `zone`.
    fn local(zone: &str, year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        let zone: Tz = zone.parse().expect("known test zone");
        zone.from_local_datetime(&date(year, month, day).and_time(time(hour, minute)))
            .single()
            .expect("unambiguous test time")
            .with_timezone(&Utc)
    }

    fn wall_clock(zone: &str, instant: DateTime<Utc>) -> NaiveDateTime {
        let zone: Tz = zone.parse().expect("known test zone");
        instant.with_timezone(&zone).naive_local()
    }

    fn interval(start: NaiveTime, end: NaiveTime) -> WorkingInterval {
        WorkingInterval { start, end }
    }

    fn always_open(zone: &str) -> Calendar {
        let whole_day = vec![interval(time(0, 0), time(0, 0))];
        Calendar {
            time_zone: zone.to_string(),
            hours: std::array::from_fn(|_| whole_day.clone()),
            holidays: Vec::new(),
        }
    }

    fn sundays_only(zone: &str, intervals: Vec<WorkingInterval>) -> Calendar {
        let mut hours: [Vec<WorkingInterval>; 7] = Default::default();
        hours[6] = intervals;
        Calendar {
            time_zone: zone.to_string(),
            hours,
            holidays: Vec::new(),
        }
    }

    fn with_lunch_break(zone: &str) -> Calendar {
        let workday = vec![
            interval(time(9, 0), time(12, 0)),
            interval(time(13, 0), time(17, 0)),
        ];
        let mut hours: [Vec<WorkingInterval>; 7] = Default::default();
        for day in hours.iter_mut().take(5) {
            *day = workday.clone();
        }
        Calendar {
            time_zone: zone.to_string(),
            hours,
            holidays: Vec::new(),
        }
    }

    #[test]
    fn eight_hours_from_friday_afternoon_in_manila_end_monday_afternoon() {
        let calendar = Calendar::office_hours("Asia/Manila", time(9, 0), time(17, 0));
        let friday_four_pm = local("Asia/Manila", 2026, 5, 15, 16, 0);
        let target = calendar.add_working(friday_four_pm, Duration::hours(8));
        assert_eq!(target, local("Asia/Manila", 2026, 5, 18, 16, 0));
        assert_eq!(
            calendar.working_between(friday_four_pm, target),
            Duration::hours(8)
        );
    }

    #[test]
    fn a_24_7_calendar_counts_real_hours_across_spring_forward() {
        let calendar = always_open("Europe/Berlin");
        // Saturday 2026-03-28 12:00 CET is 11:00 UTC; 24 real hours later the clock has
        // jumped from 02:00 to 03:00, so it shows 13:00 CEST.
        let start = local("Europe/Berlin", 2026, 3, 28, 12, 0);
        assert_eq!(start, utc(2026, 3, 28, 11, 0));
        let target = calendar.add_working(start, Duration::hours(24));
        assert_eq!(target, utc(2026, 3, 29, 11, 0));
        assert_eq!(
            wall_clock("Europe/Berlin", target),
            date(2026, 3, 29).and_time(time(13, 0))
        );
        // The whole spring-forward day, 23:00 UTC to 22:00 UTC, is 23 hours.
        assert_eq!(
            calendar.working_between(utc(2026, 3, 28, 23, 0), utc(2026, 3, 29, 22, 0)),
            Duration::hours(23)
        );
    }

    #[test]
    fn a_24_7_calendar_counts_real_hours_across_fall_back() {
        let calendar = always_open("Europe/Berlin");
        // Saturday 2026-10-24 12:00 CEST is 10:00 UTC; 24 real hours later the clock has
        // gone back from 03:00 to 02:00, so it shows 11:00 CET.
        let start = local("Europe/Berlin", 2026, 10, 24, 12, 0);
        assert_eq!(start, utc(2026, 10, 24, 10, 0));
        let target = calendar.add_working(start, Duration::hours(24));
        assert_eq!(target, utc(2026, 10, 25, 10, 0));
        assert_eq!(
            wall_clock("Europe/Berlin", target),
            date(2026, 10, 25).and_time(time(11, 0))
        );
        // The whole fall-back day, 22:00 UTC to 23:00 UTC the next day, is 25 hours.
        assert_eq!(
            calendar.working_between(utc(2026, 10, 24, 22, 0), utc(2026, 10, 25, 23, 0)),
            Duration::hours(25)
        );
    }

    #[test]
    fn office_hours_keep_local_times_across_spring_forward_weekend() {
        let calendar = Calendar::office_hours("Europe/Berlin", time(9, 0), time(17, 0));
        // Friday 16:00 CET (15:00 UTC): one hour on Friday, seven on Monday from 09:00 CEST
        // (07:00 UTC), ending Monday 16:00 CEST (14:00 UTC).
        let start = local("Europe/Berlin", 2026, 3, 27, 16, 0);
        assert_eq!(start, utc(2026, 3, 27, 15, 0));
        let target = calendar.add_working(start, Duration::hours(8));
        assert_eq!(target, utc(2026, 3, 30, 14, 0));
        assert_eq!(calendar.working_between(start, target), Duration::hours(8));
    }

    #[test]
    fn office_hours_keep_local_times_across_fall_back_weekend() {
        let calendar = Calendar::office_hours("Europe/Berlin", time(9, 0), time(17, 0));
        // Friday 16:00 CEST (14:00 UTC): one hour on Friday, seven on Monday from 09:00 CET
        // (08:00 UTC), ending Monday 16:00 CET (15:00 UTC).
        let start = local("Europe/Berlin", 2026, 10, 23, 16, 0);
        assert_eq!(start, utc(2026, 10, 23, 14, 0));
        let target = calendar.add_working(start, Duration::hours(8));
        assert_eq!(target, utc(2026, 10, 26, 15, 0));
        assert_eq!(calendar.working_between(start, target), Duration::hours(8));
    }

    #[test]
    fn an_interval_covering_the_repeated_hour_contains_it_twice() {
        let calendar = sundays_only("Europe/Berlin", vec![interval(time(0, 0), time(4, 0))]);
        // 00:00 CEST is 22:00 UTC the day before; 04:00 CET is 03:00 UTC.
        assert_eq!(
            calendar.working_between(utc(2026, 10, 24, 12, 0), utc(2026, 10, 26, 0, 0)),
            Duration::hours(5)
        );
        assert_eq!(
            calendar.add_working(utc(2026, 10, 24, 12, 0), Duration::hours(5)),
            utc(2026, 10, 25, 3, 0)
        );
    }

    #[test]
    fn back_to_back_intervals_split_in_the_repeated_hour_stay_back_to_back() {
        let calendar = sundays_only(
            "Europe/Berlin",
            vec![
                interval(time(0, 0), time(2, 30)),
                interval(time(2, 30), time(4, 0)),
            ],
        );
        // 02:30 means its first occurrence, 02:30 CEST = 00:30 UTC: 22:00 to 00:30 UTC, then
        // 00:30 to 03:00 UTC, which takes in all of the repeated hour's second occurrence.
        let whole_day = calendar.working_between(utc(2026, 10, 24, 12, 0), utc(2026, 10, 26, 0, 0));
        assert_eq!(whole_day, Duration::hours(5));
        assert_eq!(
            calendar.add_working(utc(2026, 10, 24, 12, 0), Duration::minutes(150)),
            utc(2026, 10, 25, 0, 30)
        );
        assert_eq!(
            calendar.working_between(utc(2026, 10, 25, 1, 0), utc(2026, 10, 25, 1, 30)),
            Duration::minutes(30)
        );
    }

    #[test]
    fn a_time_in_the_repeated_hour_means_its_first_occurrence() {
        // 02:10 and 02:50 CEST are 00:10 and 00:50 UTC; the second occurrence (01:10 to
        // 01:50 UTC) is not working time.
        let calendar = sundays_only("Europe/Berlin", vec![interval(time(2, 10), time(2, 50))]);
        let saturday = utc(2026, 10, 24, 12, 0);
        assert_eq!(
            calendar.add_working(saturday, Duration::minutes(40)),
            utc(2026, 10, 25, 0, 50)
        );
        assert_eq!(
            calendar.working_between(saturday, utc(2026, 10, 26, 0, 0)),
            Duration::minutes(40)
        );

        // An interval ending in the repeated hour ends at the first occurrence: 22:00 to
        // 00:30 UTC.
        let calendar = sundays_only("Europe/Berlin", vec![interval(time(0, 0), time(2, 30))]);
        assert_eq!(
            calendar.working_between(saturday, utc(2026, 10, 26, 0, 0)),
            Duration::minutes(150)
        );
    }

    #[test]
    fn an_interval_across_the_spring_forward_gap_is_shorter_in_real_time() {
        let calendar = sundays_only("Europe/Berlin", vec![interval(time(1, 0), time(4, 0))]);
        // 01:00 CET is 00:00 UTC; 04:00 CEST is 02:00 UTC.
        assert_eq!(
            calendar.working_between(utc(2026, 3, 28, 12, 0), utc(2026, 3, 30, 0, 0)),
            Duration::hours(2)
        );
    }

    #[test]
    fn an_interval_starting_in_the_spring_forward_gap_starts_when_the_clock_jumps() {
        let calendar = sundays_only("Europe/Berlin", vec![interval(time(2, 30), time(5, 0))]);
        // 02:30 does not exist; the clock jumps to 03:00 CEST at 01:00 UTC. 05:00 CEST is
        // 03:00 UTC.
        let saturday = utc(2026, 3, 28, 12, 0);
        assert_eq!(
            calendar.add_working(saturday, Duration::minutes(30)),
            utc(2026, 3, 29, 1, 30)
        );
        assert_eq!(
            calendar.working_between(saturday, utc(2026, 3, 30, 0, 0)),
            Duration::hours(2)
        );
    }

    #[test]
    fn a_holiday_in_the_middle_pushes_the_target_by_one_working_day() {
        let mut calendar = Calendar::office_hours("Asia/Manila", time(9, 0), time(17, 0));
        let monday_ten = local("Asia/Manila", 2026, 6, 1, 10, 0);
        assert_eq!(
            calendar.add_working(monday_ten, Duration::hours(24)),
            local("Asia/Manila", 2026, 6, 4, 10, 0)
        );

        calendar.holidays.push(date(2026, 6, 3));
        let target = calendar.add_working(monday_ten, Duration::hours(24));
        assert_eq!(target, local("Asia/Manila", 2026, 6, 5, 10, 0));
        assert_eq!(
            calendar.working_between(monday_ten, target),
            Duration::hours(24)
        );
    }

    #[test]
    fn lunch_break_is_not_working_time() {
        let calendar = with_lunch_break("Asia/Manila");
        let monday = |hour, minute| local("Asia/Manila", 2026, 6, 1, hour, minute);

        assert_eq!(
            calendar.add_working(monday(11, 0), Duration::hours(2)),
            monday(14, 0)
        );
        // Starting during lunch, counting begins at 13:00.
        assert_eq!(
            calendar.add_working(monday(12, 30), Duration::hours(1)),
            monday(14, 0)
        );
        assert_eq!(
            calendar.working_between(monday(9, 0), monday(17, 0)),
            Duration::hours(7)
        );
        assert_eq!(
            calendar.working_between(monday(0, 0), local("Asia/Manila", 2026, 6, 8, 0, 0)),
            Duration::hours(35)
        );
    }

    #[test]
    fn a_start_outside_working_time_counts_from_the_next_working_instant() {
        let calendar = Calendar::office_hours("Asia/Manila", time(9, 0), time(17, 0));
        let saturday = local("Asia/Manila", 2026, 5, 16, 11, 0);
        assert_eq!(
            calendar.add_working(saturday, Duration::minutes(90)),
            local("Asia/Manila", 2026, 5, 18, 10, 30)
        );
    }

    #[test]
    fn an_amount_ending_at_an_interval_end_returns_that_end() {
        let calendar = Calendar::office_hours("Asia/Manila", time(9, 0), time(17, 0));
        let friday_nine = local("Asia/Manila", 2026, 5, 15, 9, 0);
        assert_eq!(
            calendar.add_working(friday_nine, Duration::hours(8)),
            local("Asia/Manila", 2026, 5, 15, 17, 0)
        );
    }

    #[test]
    fn a_zero_or_negative_amount_returns_the_start_unchanged() {
        let calendar = Calendar::office_hours("Asia/Manila", time(9, 0), time(17, 0));
        let saturday = local("Asia/Manila", 2026, 5, 16, 11, 0);
        assert_eq!(calendar.add_working(saturday, Duration::zero()), saturday);
        assert_eq!(
            calendar.add_working(saturday, Duration::hours(-3)),
            saturday
        );
    }

    #[test]
    fn a_calendar_without_working_time_never_reaches_the_target() {
        let calendar = Calendar {
            time_zone: "Europe/Berlin".to_string(),
            hours: Default::default(),
            holidays: Vec::new(),
        };
        let start = utc(2026, 1, 1, 0, 0);
        assert_eq!(
            calendar.add_working(start, Duration::minutes(1)),
            DateTime::<Utc>::MAX_UTC
        );
        assert_eq!(
            calendar.working_between(start, utc(2027, 1, 1, 0, 0)),
            Duration::zero()
        );
    }

    #[test]
    fn the_search_gives_up_after_about_twenty_years_of_holidays() {
        // Only Mondays work, and every Monday for 21 years is a holiday.
        let mut hours: [Vec<WorkingInterval>; 7] = Default::default();
        hours[0] = vec![interval(time(9, 0), time(17, 0))];
        let first_monday = date(2026, 6, 1);
        let holidays = (0..21 * 53)
            .map(|week| first_monday + Duration::weeks(week))
            .collect();
        let calendar = Calendar {
            time_zone: "UTC".to_string(),
            hours,
            holidays,
        };
        assert_eq!(
            calendar.add_working(utc(2026, 6, 1, 0, 0), Duration::hours(1)),
            DateTime::<Utc>::MAX_UTC
        );
    }

    #[test]
    fn a_thirty_day_sla_steps_over_whole_days() {
        let calendar = always_open("Europe/Berlin");
        let start = utc(2026, 3, 1, 8, 17);
        assert_eq!(
            calendar.add_working(start, Duration::days(30)),
            start + Duration::days(30)
        );

        // Thirty working days of eight hours end six weeks later, at the same wall-clock time.
        let office = Calendar::office_hours("Europe/Berlin", time(9, 0), time(17, 0));
        let monday_ten = local("Europe/Berlin", 2026, 3, 2, 10, 0);
        assert_eq!(
            office.add_working(monday_ten, Duration::hours(8 * 30)),
            local("Europe/Berlin", 2026, 4, 13, 10, 0)
        );
    }

    #[test]
    fn three_working_days_from_tuesday_ten_are_friday_ten() {
        let office = Calendar::office_hours("Europe/Berlin", time(9, 0), time(17, 0));
        // 2026-06-02 is a Tuesday.
        let tuesday_ten = local("Europe/Berlin", 2026, 6, 2, 10, 0);
        assert_eq!(
            office.add_working_days(tuesday_ten, 3),
            local("Europe/Berlin", 2026, 6, 5, 10, 0)
        );
        // Over the weekend: Thursday 10:00 + 3 working days = Tuesday 10:00.
        assert_eq!(
            office.add_working_days(local("Europe/Berlin", 2026, 6, 4, 10, 0), 3),
            local("Europe/Berlin", 2026, 6, 9, 10, 0)
        );
    }

    #[test]
    fn working_days_skip_holidays() {
        let mut office = Calendar::office_hours("UTC", time(9, 0), time(17, 0));
        office.holidays = vec![date(2026, 6, 4)];
        assert_eq!(
            office.add_working_days(utc(2026, 6, 2, 10, 0), 3),
            utc(2026, 6, 8, 10, 0)
        );
    }

    #[test]
    fn a_start_outside_working_time_counts_whole_days_from_the_next_start() {
        let office = Calendar::office_hours("UTC", time(9, 0), time(17, 0));
        // Saturday night: one working day is the whole of Monday.
        assert_eq!(
            office.add_working_days(utc(2026, 6, 6, 22, 0), 1),
            utc(2026, 6, 8, 17, 0)
        );
        // At the end of Tuesday's hours: the whole of Wednesday.
        assert_eq!(
            office.add_working_days(utc(2026, 6, 2, 17, 0), 1),
            utc(2026, 6, 3, 17, 0)
        );
        // Early Tuesday: Tuesday and Wednesday.
        assert_eq!(
            office.add_working_days(utc(2026, 6, 2, 7, 0), 2),
            utc(2026, 6, 3, 17, 0)
        );
    }

    #[test]
    fn a_shorter_working_day_ends_at_its_end() {
        let mut office = Calendar::office_hours("UTC", time(9, 0), time(17, 0));
        office.hours[4] = vec![interval(time(9, 0), time(13, 0))];
        // Thursday 16:00 + 1 working day: Friday works only until 13:00.
        assert_eq!(
            office.add_working_days(utc(2026, 6, 4, 16, 0), 1),
            utc(2026, 6, 5, 13, 0)
        );
    }

    #[test]
    fn a_working_day_keeps_its_point_across_a_lunch_break() {
        let calendar = with_lunch_break("UTC");
        // Monday 14:00 is 4 working hours into the day; Tuesday's fourth working hour ends 14:00.
        assert_eq!(
            calendar.add_working_days(utc(2026, 6, 1, 14, 0), 1),
            utc(2026, 6, 2, 14, 0)
        );
    }

    #[test]
    fn around_the_clock_a_working_day_is_a_calendar_day() {
        let calendar = always_open("UTC");
        let start = utc(2026, 6, 2, 10, 0);
        assert_eq!(
            calendar.add_working_days(start, 3),
            start + Duration::days(3)
        );
        assert_eq!(calendar.add_working_days(start, 0), start);
    }

    proptest! {
        #[test]
        fn n_working_days_are_n_days_of_the_calendars_working_time(
            start_minutes in 0i64..=14 * 24 * 60,
            days in 1u32..=15,
        ) {
            // A Mon–Fri 9–17 office: n working days are always 8n working hours, ending at
            // the same time of day when the start is inside working time.
            let office = Calendar::office_hours("UTC", time(9, 0), time(17, 0));
            let start = utc(2026, 6, 1, 0, 0) + Duration::minutes(start_minutes);
            let due = office.add_working_days(start, days);
            prop_assert_eq!(
                office.working_between(start, due),
                Duration::hours(8 * i64::from(days))
            );
            prop_assert!(due > start);
        }
    }

    #[test]
    fn working_between_is_zero_when_to_is_not_after_from() {
        let calendar = always_open("UTC");
        let instant = utc(2026, 6, 1, 12, 0);
        assert_eq!(calendar.working_between(instant, instant), Duration::zero());
        assert_eq!(
            calendar.working_between(instant, instant - Duration::hours(1)),
            Duration::zero()
        );
    }

    #[test]
    fn working_between_counts_only_the_part_inside_the_range() {
        let calendar = Calendar::office_hours("UTC", time(9, 0), time(17, 0));
        assert_eq!(
            calendar.working_between(utc(2026, 6, 1, 16, 0), utc(2026, 6, 2, 10, 30)),
            Duration::minutes(150)
        );
    }

    #[test]
    fn an_unknown_time_zone_is_treated_as_utc() {
        let calendar = Calendar::office_hours("Mars/Olympus_Mons", time(9, 0), time(17, 0));
        assert_eq!(
            calendar.add_working(utc(2026, 6, 1, 8, 0), Duration::hours(2)),
            utc(2026, 6, 1, 11, 0)
        );
    }

    #[test]
    fn instants_at_the_ends_of_the_range_do_not_panic() {
        for zone in ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"] {
            let calendar = always_open(zone);
            assert_eq!(
                calendar.add_working(DateTime::<Utc>::MAX_UTC, Duration::hours(1)),
                DateTime::<Utc>::MAX_UTC
            );
            let near_min = DateTime::<Utc>::MIN_UTC + Duration::days(10);
            let _ = calendar.add_working(DateTime::<Utc>::MIN_UTC, Duration::hours(1));
            let _ = calendar.working_between(DateTime::<Utc>::MIN_UTC, near_min);
            let _ = calendar.working_between(
                DateTime::<Utc>::MAX_UTC - Duration::days(10),
                DateTime::<Utc>::MAX_UTC,
            );
            // `to` = "never" is cut off at the search horizon instead of walking to the end
            // of time.
            let from = utc(2026, 1, 1, 0, 0);
            let counted = calendar.working_between(from, DateTime::<Utc>::MAX_UTC);
            assert!(counted >= Duration::days(20 * 365));
            assert!(counted <= Duration::days(20 * 366 + 2));
        }
    }

    #[test]
    fn validate_accepts_a_good_calendar() {
        assert!(
            Calendar::office_hours("Europe/Berlin", time(9, 0), time(17, 0))
                .validate()
                .is_empty()
        );
        assert!(with_lunch_break("Asia/Manila").validate().is_empty());
        // 00:00 as an end means midnight at the end of the day.
        assert!(always_open("America/New_York").validate().is_empty());
        assert!(
            Calendar::office_hours("UTC", time(18, 0), time(0, 0))
                .validate()
                .is_empty()
        );
    }

    #[test]
    fn validate_reports_an_unknown_time_zone() {
        let problems =
            Calendar::office_hours("Europe/Atlantis", time(9, 0), time(17, 0)).validate();
        assert_eq!(
            problems,
            vec!["Time zone \"Europe/Atlantis\" is not a known IANA time zone name.".to_string()]
        );
    }

    #[test]
    fn validate_reports_an_interval_ending_at_or_before_its_start() {
        let mut calendar = Calendar::office_hours("UTC", time(9, 0), time(17, 0));
        calendar.hours[1] = vec![interval(time(17, 0), time(9, 0))];
        calendar.hours[2] = vec![interval(time(9, 0), time(9, 0))];
        assert_eq!(
            calendar.validate(),
            vec![
                "Tuesday: the interval 17:00:00 to 09:00:00 ends at or before its start."
                    .to_string(),
                "Wednesday: the interval 09:00:00 to 09:00:00 ends at or before its start."
                    .to_string(),
            ]
        );
    }

    #[test]
    fn validate_reports_overlapping_intervals() {
        let mut calendar = Calendar::office_hours("UTC", time(9, 0), time(17, 0));
        calendar.hours[4] = vec![
            interval(time(13, 0), time(17, 0)),
            interval(time(9, 0), time(13, 30)),
            // Touching is fine.
            interval(time(17, 0), time(18, 0)),
        ];
        assert_eq!(
            calendar.validate(),
            vec![
                "Friday: the intervals 13:00:00 to 17:00:00 and 09:00:00 to 13:30:00 overlap."
                    .to_string()
            ]
        );
    }

    #[test]
    fn validate_reports_a_week_without_working_time() {
        let mut calendar = Calendar::office_hours("UTC", time(9, 0), time(17, 0));
        calendar.hours = Default::default();
        assert_eq!(
            calendar.validate(),
            vec!["The calendar has no working time on any day of the week.".to_string()]
        );
    }

    #[test]
    fn validate_reports_every_problem_at_once() {
        let mut hours: [Vec<WorkingInterval>; 7] = Default::default();
        hours[0] = vec![interval(time(12, 0), time(8, 0))];
        let calendar = Calendar {
            time_zone: "Nowhere".to_string(),
            hours,
            holidays: Vec::new(),
        };
        assert_eq!(calendar.validate().len(), 3);
    }

    // ---- Property test against a minute-by-minute brute force ----

    /// Decides working time from the wall clock alone, one minute at a time, without the
    /// local-to-real mapping used by the code under test. A minute is working when the latest
    /// wall-clock time shown so far lies in a working interval of a non-holiday date. The
    /// latest time shown so far skips the spring-forward gap and stands still while the clock
    /// repeats an hour after falling back, which is exactly the module's rule: a local time
    /// maps to the first instant at which the clock shows it or later.
    struct MinuteWalk<'a> {
        calendar: &'a Calendar,
        zone: Tz,
        minute: DateTime<Utc>,
        latest_wall_clock: NaiveDateTime,
    }

    impl<'a> MinuteWalk<'a> {
        fn new(calendar: &'a Calendar, start: DateTime<Utc>) -> Self {
            let zone: Tz = calendar.time_zone.parse().expect("known test zone");
            // The clock goes back by at most a few hours, so a day of history finds the
            // latest time it has shown before `start`.
            let mut minute = start - Duration::days(1);
            let mut latest_wall_clock = minute.with_timezone(&zone).naive_local();
            while minute < start {
                latest_wall_clock =
                    latest_wall_clock.max(minute.with_timezone(&zone).naive_local());
                minute += Duration::minutes(1);
            }
            MinuteWalk {
                calendar,
                zone,
                minute: start,
                latest_wall_clock,
            }
        }

        /// Whether the current minute is working; then moves to the next minute.
        fn step(&mut self) -> bool {
            let wall_clock = self.minute.with_timezone(&self.zone).naive_local();
            self.latest_wall_clock = self.latest_wall_clock.max(wall_clock);
            self.minute += Duration::minutes(1);
            is_working_wall_clock(self.calendar, self.latest_wall_clock)
        }
    }

    fn is_working_wall_clock(calendar: &Calendar, wall_clock: NaiveDateTime) -> bool {
        let day = wall_clock.date();
        if calendar.holidays.contains(&day) {
            return false;
        }
        let at = wall_clock.time();
        let weekday = day.weekday().num_days_from_monday() as usize;
        calendar.hours[weekday].iter().any(|interval| {
            interval.start <= at && (interval.end == NaiveTime::MIN || at < interval.end)
        })
    }

    /// Longest the brute force walks before declaring a test case broken.
    const REFERENCE_LIMIT_MINUTES: i64 = 60 * 24 * 60;

    fn reference_add_working(
        calendar: &Calendar,
        start: DateTime<Utc>,
        minutes: i64,
    ) -> DateTime<Utc> {
        let mut walk = MinuteWalk::new(calendar, start);
        let mut counted = 0;
        for walked in 1..=REFERENCE_LIMIT_MINUTES {
            if walk.step() {
                counted += 1;
                if counted == minutes {
                    return start + Duration::minutes(walked);
                }
            }
        }
        panic!("the reference found no target within {REFERENCE_LIMIT_MINUTES} minutes");
    }

    fn reference_working_between(
        calendar: &Calendar,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Duration {
        let mut walk = MinuteWalk::new(calendar, from);
        let mut counted = 0;
        while walk.minute < to {
            if walk.step() {
                counted += 1;
            }
        }
        Duration::minutes(counted)
    }

    /// Working minutes in a week, ignoring DST, to size amounts to the calendar.
    fn weekly_working_minutes(calendar: &Calendar) -> i64 {
        calendar
            .hours
            .iter()
            .flatten()
            .map(|interval| (interval.end_offset() - interval.start_offset()).num_minutes())
            .sum()
    }

    /// Zones with the 2026 DST changes (as UTC instants) that starts are placed around;
    /// zones without DST get a few arbitrary dates.
    fn zones_and_changes() -> Vec<(&'static str, DateTime<Utc>)> {
        vec![
            ("Europe/Berlin", utc(2026, 3, 29, 1, 0)),
            ("Europe/Berlin", utc(2026, 10, 25, 1, 0)),
            ("America/New_York", utc(2026, 3, 8, 7, 0)),
            ("America/New_York", utc(2026, 11, 1, 6, 0)),
            // Lord Howe Island moves its clocks by half an hour.
            ("Australia/Lord_Howe", utc(2026, 4, 4, 15, 0)),
            ("Australia/Lord_Howe", utc(2026, 10, 3, 15, 30)),
            ("Asia/Manila", utc(2026, 5, 15, 8, 0)),
            ("UTC", utc(2026, 12, 31, 12, 0)),
        ]
    }

    /// One day's intervals on a quarter-hour grid: sorted distinct boundaries taken in pairs,
    /// where boundary 96 is midnight at the end of the day. Half of the boundaries fall
    /// between 00:00 and 04:00, where the clocks of these zones change.
    fn day_strategy() -> impl Strategy<Value = Vec<WorkingInterval>> {
        let boundary = prop_oneof![0u32..=16, 0u32..=96];
        prop::collection::btree_set(boundary, 0..=6).prop_map(|boundaries| {
            let boundaries: Vec<u32> = boundaries.into_iter().collect();
            boundaries
                .chunks_exact(2)
                .map(|pair| {
                    let at = |quarter: u32| time((quarter / 4) % 24, (quarter % 4) * 15);
                    interval(at(pair[0]), at(pair[1]))
                })
                .collect()
        })
    }

    fn hours_strategy() -> impl Strategy<Value = [Vec<WorkingInterval>; 7]> {
        prop_oneof![
            3 => prop::array::uniform7(day_strategy()),
            1 => Just(always_open("UTC").hours),
            1 => (0u32..=12, 13u32..=23).prop_map(|(start, end)| {
                Calendar::office_hours("UTC", time(start, 0), time(end, 30)).hours
            }),
            1 => Just(with_lunch_break("UTC").hours),
        ]
    }

    proptest! {
        // The minute-by-minute brute force is the slow part: a case walks up to a few weeks
        // of minutes with a time-zone lookup each. 3000 cases take about ten seconds in debug.
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn add_working_and_working_between_match_a_minute_by_minute_reference(
            (zone, change) in prop::sample::select(zones_and_changes()),
            hours in hours_strategy(),
            start_offset_minutes in -3 * 24 * 60i64..=24 * 60,
            holiday_offsets in prop::collection::vec(-2i64..=10, 0..=3),
            amount_seed in 0i64..1_000_000,
            between_minutes in (0i64..=7 * 24 * 60, 0i64..=7 * 24 * 60),
        ) {
            let start = change + Duration::minutes(start_offset_minutes);
            let calendar = Calendar {
                time_zone: zone.to_string(),
                hours,
                holidays: holiday_offsets
                    .iter()
                    .map(|days| start.date_naive() + Duration::days(*days))
                    .collect(),
            };

            let weekly = weekly_working_minutes(&calendar);
            if weekly == 0 {
                prop_assert_eq!(calendar.add_working(start, Duration::minutes(1)), DateTime::<Utc>::MAX_UTC);
                prop_assert_eq!(calendar.working_between(start, start + Duration::days(7)), Duration::zero());
                return Ok(());
            }

            // Up to three working days, or less for a sparse calendar so that the brute force
            // stays within a few weeks.
            let max_amount = (weekly * 3 / 5).clamp(1, 3 * 24 * 60);
            let amount = Duration::minutes(1 + amount_seed * (max_amount - 1) / 1_000_000);

            let target = calendar.add_working(start, amount);
            prop_assert_eq!(target, reference_add_working(&calendar, start, amount.num_minutes()));
            prop_assert_eq!(calendar.working_between(start, target), amount);

            let (from_offset, to_offset) = between_minutes;
            let from = start + Duration::minutes(from_offset);
            let to = start + Duration::minutes(to_offset);
            prop_assert_eq!(
                calendar.working_between(from, to),
                reference_working_between(&calendar, from, to)
            );
        }
    }
}
