//! Local calendar days and the arithmetic the windows need.
//!
//! A timezone offset here is what JavaScript's `Date.getTimezoneOffset()` returns: minutes to add to
//! local time to get UTC (UTC+1 is `-60`). Each event stores the offset in force when it happened, so a
//! member who travels or crosses a DST change keeps the day the invitation was really sent on.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Milliseconds since the Unix epoch.
pub type Millis = f64;
pub const MINUTE_MS: Millis = 60_000.0;
pub const HOUR_MS: Millis = 3_600_000.0;
pub const DAY_MS: Millis = 86_400_000.0;
pub const WEEK_MS: Millis = 7.0 * DAY_MS;

/// A calendar day in the member's time zone, serialised as `YYYY-MM-DD`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LocalDay {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl LocalDay {
    /// The local day at `at` for a `getTimezoneOffset()`-style offset.
    pub fn at(at: Millis, tz_offset_min: i32) -> LocalDay {
        let local = at - tz_offset_min as f64 * MINUTE_MS;
        let days = (local / DAY_MS).floor() as i64;
        LocalDay::from_days(days)
    }

    /// Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The first day of the month before this day's.
    pub fn first_of_previous_month(self) -> LocalDay {
        let last = LocalDay::from_days(LocalDay { day: 1, ..self }.days() - 1);
        LocalDay { day: 1, ..last }
    }

    pub fn from_days(z: i64) -> LocalDay {
        let z = z + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
        LocalDay {
            year: y as i32,
            month: m,
            day: d,
        }
    }

    pub fn next(self) -> LocalDay {
        LocalDay::from_days(self.days() + 1)
    }

    /// `YYYY-MM`, the month this day's events are stored under.
    pub fn month_key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// The month before this day's month, as `YYYY-MM`.
    pub fn previous_month_key(self) -> String {
        let (y, m) = if self.month == 1 {
            (self.year - 1, 12)
        } else {
            (self.year, self.month - 1)
        };
        format!("{y:04}-{m:02}")
    }

    /// The month after this day's month, as `YYYY-MM`.
    pub fn next_month_key(self) -> String {
        let (y, m) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        format!("{y:04}-{m:02}")
    }

    /// Local midnight that starts this day, assuming `tz_offset_min` holds all day.
    pub fn start_ms(self, tz_offset_min: i32) -> Millis {
        self.days() as f64 * DAY_MS + tz_offset_min as f64 * MINUTE_MS
    }

    pub fn parse(s: &str) -> Option<LocalDay> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: i32 = s.get(0..4)?.parse().ok()?;
        let month: u8 = s.get(5..7)?.parse().ok()?;
        let day: u8 = s.get(8..10)?.parse().ok()?;
        let d = LocalDay { year, month, day };
        // Round-trip rejects 2026-02-30 and friends.
        (1..=12)
            .contains(&month)
            .then(|| LocalDay::from_days(d.days()))
            .filter(|r| *r == d)
    }
}

/// The next local midnight after `now`, for the offset in force now. Alarms re-check on waking, so
/// a DST change at midnight (rare) only shifts the refresh, never the count.
pub fn next_local_midnight(now: Millis, tz_offset_min: i32) -> Millis {
    LocalDay::at(now, tz_offset_min)
        .next()
        .start_ms(tz_offset_min)
}

impl fmt::Display for LocalDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl From<LocalDay> for String {
    fn from(d: LocalDay) -> String {
        d.to_string()
    }
}

impl TryFrom<String> for LocalDay {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        LocalDay::parse(&s).ok_or_else(|| format!("not a day (YYYY-MM-DD): {s:?}"))
    }
}

/// The unit of a relative age ("Sent 3 *weeks* ago", read by `sent_page`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    /// 30 days: "Sent a month ago" = 30..=59 days.
    Month,
    /// 365 days.
    Year,
}

impl AgeUnit {
    pub fn seconds(self) -> u64 {
        match self {
            AgeUnit::Second => 1,
            AgeUnit::Minute => 60,
            AgeUnit::Hour => 3_600,
            AgeUnit::Day => 86_400,
            AgeUnit::Week => 7 * 86_400,
            AgeUnit::Month => 30 * 86_400,
            AgeUnit::Year => 365 * 86_400,
        }
    }

    pub fn ms(self) -> Millis {
        self.seconds() as Millis * 1_000.0
    }
}

/// Something that happened at a time, for `sort_by_time`.
pub trait Timed {
    fn time(&self) -> Millis;
}

impl Timed for Millis {
    fn time(&self) -> Millis {
        *self
    }
}

impl<T: Timed + ?Sized> Timed for &T {
    fn time(&self) -> Millis {
        (**self).time()
    }
}

/// Sorts oldest first; equal times keep their order (stable). The standard library's sort is
/// instantiated once, on indices, whatever is sorted: each `sort_by` of a type or closure of its
/// own put another 2-3 KB into the extension's Wasm (docs/architecture.md §1.1).
pub fn sort_by_time<T: Timed>(v: &mut [T]) {
    let keys: Vec<Millis> = v.iter().map(Timed::time).collect();
    permute(v, &order(&keys));
}

/// The positions of `keys` from the smallest (`total_cmp`) to the largest; equal keys keep their
/// order.
pub fn order(keys: &[f64]) -> Vec<u32> {
    let mut idx: Vec<u32> = (0..keys.len() as u32).collect();
    idx.sort_by(|&a, &b| keys[a as usize].total_cmp(&keys[b as usize]));
    idx
}

/// Rearranges `v` so that its element `i` is the one that was at `order[i]` (`order` is a
/// permutation of `0..v.len()`), by following each cycle with swaps.
pub fn permute<T>(v: &mut [T], order: &[u32]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        let mut i = start;
        while !done[i] {
            done[i] = true;
            let j = order[i] as usize;
            if j == start {
                break;
            }
            v.swap(i, j);
            i = j;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_of_the_previous_month() {
        let d = |year, month, day| LocalDay { year, month, day };
        assert_eq!(d(2026, 3, 31).first_of_previous_month(), d(2026, 2, 1));
        assert_eq!(d(2027, 1, 1).first_of_previous_month(), d(2026, 12, 1));
        assert_eq!(d(2028, 3, 1).first_of_previous_month(), d(2028, 2, 1));
    }
    use proptest::prelude::*;

    #[test]
    fn known_days() {
        // 2026-11-27T20:40:00Z
        let at = 1_795_812_000_000.0;
        assert_eq!(LocalDay::at(at, 0).to_string(), "2026-11-27");
        // UTC+5 is already the 28th.
        assert_eq!(LocalDay::at(at, -300).to_string(), "2026-11-28");
        // UTC-10 is still the 27th.
        assert_eq!(LocalDay::at(at, 600).to_string(), "2026-11-27");
        assert_eq!(LocalDay::at(0.0, 0).to_string(), "1970-01-01");
        assert_eq!(LocalDay::at(-1.0, 0).to_string(), "1969-12-31");
    }

    #[test]
    fn parse_rejects_bad_days() {
        assert!(LocalDay::parse("2026-02-29").is_none());
        assert!(LocalDay::parse("2024-02-29").is_some());
        assert!(LocalDay::parse("2026-13-01").is_none());
        assert!(LocalDay::parse("2026-1-01").is_none());
        assert!(LocalDay::parse("").is_none());
        assert!(LocalDay::parse("２０２６-01-01").is_none());
    }

    #[test]
    fn month_keys() {
        let d = LocalDay::parse("2026-01-15").unwrap();
        assert_eq!(d.month_key(), "2026-01");
        assert_eq!(d.previous_month_key(), "2025-12");
    }

    proptest! {
        #[test]
        fn days_round_trip(z in -1_000_000i64..1_000_000) {
            let d = LocalDay::from_days(z);
            prop_assert_eq!(d.days(), z);
            prop_assert_eq!(LocalDay::parse(&d.to_string()).filter(|_| d.year >= 0 && d.year <= 9999), (d.year >= 0 && d.year <= 9999).then_some(d));
        }

        #[test]
        fn next_midnight_is_after_now_and_within_a_day(now in 0f64..4.0e12, tz in -840i32..=720) {
            let m = next_local_midnight(now, tz);
            prop_assert!(m > now);
            prop_assert!(m - now <= DAY_MS);
            prop_assert_eq!(LocalDay::at(m, tz), LocalDay::at(now, tz).next());
        }
    }

    struct Tagged(Millis, char);
    impl Timed for Tagged {
        fn time(&self) -> Millis {
            self.0
        }
    }

    #[test]
    fn sort_by_time_is_stable_and_permute_follows_every_cycle() {
        let mut v = [
            (3.0, 'a'),
            (1.0, 'b'),
            (3.0, 'c'),
            (2.0, 'd'),
            (1.0, 'e'),
            (0.5, 'f'),
        ]
        .map(|(t, c)| Tagged(t, c));
        sort_by_time(&mut v);
        let got: String = v.iter().map(|p| p.1).collect();
        assert_eq!(got, "fbedac");
        // Two cycles and a fixed point.
        let mut w = vec!['a', 'b', 'c', 'd', 'e'];
        permute(&mut w, &[2, 0, 1, 3, 4]);
        assert_eq!(w, ['c', 'a', 'b', 'd', 'e']);
        permute(&mut w, &[1, 0, 2, 4, 3]);
        assert_eq!(w, ['a', 'c', 'b', 'e', 'd']);
        let mut empty: Vec<Millis> = Vec::new();
        sort_by_time(&mut empty);
        assert!(empty.is_empty());
    }
}
