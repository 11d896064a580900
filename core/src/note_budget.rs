//! The free personalised-note budget, per calendar month.
//!
//! LinkedIn's own text: "Basic and free members can include a personalized message to five
//! connection requests per month", Premium unlimited (docs/linkedin.md §13, help a550555). Other
//! reports say
//! 3, 5 in 30 days, or ~10 (docs/linkedin.md §13.5: "detect it, don't hard-code it"), and
//! running out surprises people, because LinkedIn then sends the invitation without the note or shows
//! a Premium upsell (docs/linkedin.md §14.4; docs/linkedin.md §3.3). So the budget starts
//! from the preset and is lowered by what the member's own account showed: a [`EventKind::NoteRefused`]
//! event (the upsell, or 429 `CUSTOM_INVITE_LIMIT_REACHED`).
//!
//! Decisions:
//! - The month is the calendar month of the member's local day, following LinkedIn's "per month".
//!   An event belongs to the month of its stored `day`, like the daily window (ledger.rs), so a
//!   member who travels keeps each note in the month it was written in.
//! - Used = `Sent` events with `note == Some(true)`. A `NoteRefused` is not used: the note did not
//!   go out. Events whose note is unknown (`None`) are not counted. A later withdrawal does not give
//!   the note back.
//! - Learned: see [`learned`].

use crate::ledger::{Event, EventKind};
use crate::presets::AccountType;
use crate::time::{LocalDay, Millis};
use std::collections::BTreeMap;

/// Free notes a month, LinkedIn's own number (docs/linkedin.md §13).
pub const FREE_NOTES_PER_MONTH: u32 = 5;

const FREE_SOURCE: &str = "LinkedIn: \"Basic and free members can include a personalized message to five connection requests per month\" (help a550555). Others report 3 or about 10; a refused note teaches your account's number.";
pub const PREMIUM_SOURCE: &str = "LinkedIn: Premium members can personalize every invitation (help a550555). Only a refused note sets a limit.";
pub const LEARNED_SOURCE: &str =
    "Learned from your account: LinkedIn refused a note after this many in one month.";

/// The budget an account type starts with, and where it comes from. `None` is unlimited.
/// New and custom accounts get the free budget: nothing says they are Premium.
fn preset_budget(account: AccountType) -> (Option<u32>, &'static str) {
    match account {
        AccountType::Premium | AccountType::SalesNavigator => (None, PREMIUM_SOURCE),
        AccountType::Free | AccountType::NewAccount | AccountType::Custom => {
            (Some(FREE_NOTES_PER_MONTH), FREE_SOURCE)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteBudget {
    /// Notes sent this local month.
    pub used: u32,
    /// Notes a month; `None` is unlimited.
    pub budget: Option<u32>,
    /// `budget - used`, never below 0; `None` is unlimited.
    pub remaining: Option<u32>,
    /// The refusal (its local day, and the notes sent that month before it) that set `budget`;
    /// `None` when the preset does.
    pub learned_from: Option<(LocalDay, u32)>,
    /// Why `budget` is what it is, for the member.
    pub source: &'static str,
    /// The first day of next month, when `used` starts again from 0.
    pub resets_on: LocalDay,
}

type Month = (i32, u8);

fn month(d: LocalDay) -> Month {
    (d.year, d.month)
}

fn is_note(e: &Event) -> bool {
    e.kind == EventKind::Sent && e.note == Some(true)
}

/// The first day of `day`'s month.
pub fn month_start(day: LocalDay) -> LocalDay {
    LocalDay { day: 1, ..day }
}

/// The first day of the month after `day`'s.
fn next_month_start(day: LocalDay) -> LocalDay {
    if day.month == 12 {
        LocalDay {
            year: day.year + 1,
            month: 1,
            day: 1,
        }
    } else {
        LocalDay {
            month: day.month + 1,
            day: 1,
            ..day
        }
    }
}

/// Notes sent in `day`'s month, by each event's stored local day.
fn used_in_month(events: &[Event], day: LocalDay) -> u32 {
    let m = month(day);
    events
        .iter()
        .filter(|e| is_note(e) && month(e.day) == m)
        .count() as u32
}

/// The budget the account showed: for a refusal, the notes sent in its month before it (`N`).
///
/// - A refusal with `N = 0` teaches nothing (the notes went out from a phone or another browser,
///   docs/linkedin.md §14.6) and is skipped: learning 0 would forbid notes for good.
/// - A refusal is disproved when its month, or any later month, shows more than `N` notes sent:
///   the quota was higher than it looked, or LinkedIn raised it.
/// - Of the refusals left, the latest wins, not the smallest: LinkedIn's number has changed over the
///   years (docs/linkedin.md §13), and an old low reading must not outlive newer evidence.
///
/// Returns the refusal's local day and `N`.
pub fn learned(events: &[Event]) -> Option<(LocalDay, u32)> {
    let mut per_month: BTreeMap<Month, u32> = BTreeMap::new();
    for e in events.iter().filter(|e| is_note(e)) {
        *per_month.entry(month(e.day)).or_default() += 1;
    }
    let most_since = |m: Month| per_month.range(m..).map(|(_, n)| *n).max().unwrap_or(0);
    events
        .iter()
        .filter(|r| r.kind == EventKind::NoteRefused)
        .filter_map(|r| {
            let n = events
                .iter()
                .filter(|e| is_note(e) && month(e.day) == month(r.day) && e.at < r.at)
                .count() as u32;
            (n >= 1 && most_since(month(r.day)) <= n).then_some((r.at, r.day, n))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, day, n)| (day, n))
}

/// The note budget at `now` (ms) for a member at `tz` (`getTimezoneOffset()` minutes). The
/// effective budget is the smaller of the preset and the learned one; with an unlimited preset a
/// learned budget still applies (the account behaved like a free one).
pub fn status(events: &[Event], account: AccountType, now: Millis, tz: i32) -> NoteBudget {
    let today = LocalDay::at(now, tz);
    let used = used_in_month(events, today);
    let (preset, preset_source) = preset_budget(account);
    let learned = learned(events).filter(|&(_, n)| preset.is_none_or(|p| n <= p));
    let (budget, source) = match learned {
        Some((_, n)) => (Some(n), LEARNED_SOURCE),
        None => (preset, preset_source),
    };
    NoteBudget {
        used,
        budget,
        remaining: budget.map(|b| b.saturating_sub(used)),
        learned_from: learned,
        source,
        resets_on: next_month_start(today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{HOUR_MS, MINUTE_MS};

    fn day(s: &str) -> LocalDay {
        LocalDay::parse(s).unwrap()
    }

    /// Noon UTC on `d`.
    fn noon(d: &str) -> Millis {
        day(d).start_ms(0) + 12.0 * HOUR_MS
    }

    fn ev(id: usize, kind: EventKind, d: &str, note: Option<bool>) -> Event {
        Event {
            id: format!("e{id}"),
            kind,
            at: noon(d) + id as f64 * MINUTE_MS,
            day: day(d),
            tz: 0,
            invitee: Default::default(),
            note,
            note_len: None,
            sources: vec![],
            tab: None,
            also: vec![],
        }
    }

    fn notes(d: &str, n: usize, from: usize) -> Vec<Event> {
        (from..from + n)
            .map(|i| ev(i, EventKind::Sent, d, Some(true)))
            .collect()
    }

    #[test]
    fn month_edges() {
        assert_eq!(next_month_start(day("2026-12-31")), day("2027-01-01"));
        assert_eq!(next_month_start(day("2026-02-10")), day("2026-03-01"));
        assert_eq!(month_start(day("2026-02-10")), day("2026-02-01"));
    }

    #[test]
    fn counts_only_sent_notes_this_month() {
        let mut events = notes("2026-11-03", 2, 0);
        events.push(ev(10, EventKind::Sent, "2026-11-04", Some(false)));
        events.push(ev(11, EventKind::Sent, "2026-11-04", None));
        events.push(ev(12, EventKind::Refused, "2026-11-04", Some(true)));
        events.push(ev(13, EventKind::Sent, "2026-10-31", Some(true)));
        events.push(ev(14, EventKind::Sent, "2026-12-01", Some(true)));
        let s = status(&events, AccountType::Free, noon("2026-11-20"), 0);
        assert_eq!(s.used, 2);
        assert_eq!((s.budget, s.remaining), (Some(5), Some(3)));
        assert_eq!((s.learned_from, s.source), (None, FREE_SOURCE));
        assert_eq!(s.resets_on, day("2026-12-01"));
        let s = status(&events, AccountType::Premium, noon("2026-11-20"), 0);
        assert_eq!((s.used, s.budget, s.remaining), (2, None, None));
        assert_eq!(s.source, PREMIUM_SOURCE);
    }

    #[test]
    fn the_stored_day_decides_the_month() {
        // Sent at 2026-12-01 01:00 UTC by a member at UTC-2 (tz 120): 23:00 on 30 November.
        let at = day("2026-12-01").start_ms(0) + HOUR_MS;
        let e = Event {
            at,
            day: LocalDay::at(at, 120),
            tz: 120,
            ..ev(0, EventKind::Sent, "2026-11-30", Some(true))
        };
        assert_eq!(e.day, day("2026-11-30"));
        let events = [e];
        // Still November at UTC-2.
        assert_eq!(
            status(&events, AccountType::Free, at + MINUTE_MS, 120).used,
            1
        );
        // The member flew to UTC+2 (tz -120), where it is already December: the note stays in
        // November, the month it was written in.
        let s = status(&events, AccountType::Free, at + MINUTE_MS, -120);
        assert_eq!((s.used, s.resets_on), (0, day("2027-01-01")));
        // Last minute of November, local: counted, and resets on 1 December.
        let s = status(&events, AccountType::Free, at + 59.0 * MINUTE_MS, 120);
        assert_eq!((s.used, s.resets_on), (1, day("2026-12-01")));
        assert_eq!(
            status(&events, AccountType::Free, at + HOUR_MS, 120).used,
            0
        );
    }

    #[test]
    fn a_refusal_teaches_the_budget() {
        let mut events = notes("2026-10-05", 3, 0);
        events.push(ev(3, EventKind::NoteRefused, "2026-10-06", None));
        assert_eq!(learned(&events), Some((day("2026-10-06"), 3)));
        events.extend(notes("2026-11-02", 1, 10));
        let s = status(&events, AccountType::Free, noon("2026-11-10"), 0);
        assert_eq!((s.used, s.budget, s.remaining), (1, Some(3), Some(2)));
        assert_eq!(s.learned_from, Some((day("2026-10-06"), 3)));
        assert_eq!(s.source, LEARNED_SOURCE);
        // A Premium setting on an account that behaves like a free one.
        let s = status(&events, AccountType::Premium, noon("2026-11-10"), 0);
        assert_eq!(s.budget, Some(3));
        // Used beyond the budget: nothing remains, never negative.
        events.extend(notes("2026-11-03", 2, 20));
        assert_eq!(
            status(&events, AccountType::Free, noon("2026-11-10"), 0).remaining,
            Some(0)
        );
    }

    #[test]
    fn refusals_that_teach_nothing_or_are_disproved() {
        // Refused with no notes seen this month: sent elsewhere.
        let only = [ev(0, EventKind::NoteRefused, "2026-10-06", None)];
        assert_eq!(learned(&only), None);
        // Refused after 2; a later month sent 4: not the quota.
        let mut events = notes("2026-09-01", 2, 0);
        events.push(ev(2, EventKind::NoteRefused, "2026-09-02", None));
        assert_eq!(learned(&events), Some((day("2026-09-02"), 2)));
        events.extend(notes("2026-10-01", 4, 10));
        assert_eq!(learned(&events), None);
        // Notes after the refusal in the same month disprove it too.
        let mut events = notes("2026-09-01", 2, 0);
        events.push(ev(2, EventKind::NoteRefused, "2026-09-02", None));
        events.extend(notes("2026-09-03", 1, 3));
        assert_eq!(learned(&events), None);
        // Above the preset, the preset rules.
        let mut events = notes("2026-09-01", 7, 0);
        events.push(ev(7, EventKind::NoteRefused, "2026-09-02", None));
        assert_eq!(learned(&events), Some((day("2026-09-02"), 7)));
        let s = status(&events, AccountType::Free, noon("2026-09-10"), 0);
        assert_eq!(
            (s.budget, s.learned_from, s.source),
            (Some(5), None, FREE_SOURCE)
        );
    }

    #[test]
    fn the_latest_refusal_wins() {
        let mut events = notes("2026-05-01", 2, 0);
        events.push(ev(2, EventKind::NoteRefused, "2026-05-02", None));
        events.extend(notes("2026-08-01", 3, 10));
        events.push(ev(13, EventKind::NoteRefused, "2026-08-02", None));
        // Stored out of order: `at` decides which is latest.
        events.reverse();
        // 3 in August disproves May's 2; August's 3 stands.
        assert_eq!(learned(&events), Some((day("2026-08-02"), 3)));
        // A later, lower reading replaces it.
        events.extend(notes("2026-09-01", 1, 20));
        events.push(ev(21, EventKind::NoteRefused, "2026-09-02", None));
        assert_eq!(learned(&events), Some((day("2026-09-02"), 1)));
    }
}
