//! The popup's pacing line: "send up to 14 today to keep 100/week".
//!
//! Why a pace at all: the weekly limit is a rolling 7 days (docs/linkedin.md §13.2), so a
//! week's invitations sent in one burst fill the window and then block for days, and LinkedIn's
//! help 62928 gives too many invitations in a short time as a main cause of restriction
//! (docs/linkedin.md §13.6). The standard advice is to spread requests over the week
//! (15–30 a day "spread over the week", presets.rs; "100/week → ~20/weekday", docs/linkedin.md
//! §14.9). This
//! module only advises: the guard's caps are still what stops a click (policy.rs).

use crate::policy::GuardState;
use crate::time::Millis;
use serde::Serialize;

/// What the pacing line says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Pacing {
    /// The steady daily pace that keeps the weekly cap over a rolling week: `floor(weekly_cap /
    /// 7)`, at least 1 when the weekly cap is above 0 (a cap of 5 a week still allows some days a
    /// send).
    pub per_day: u32,
    /// How many more to send today at that pace, never more than either cap leaves; 0 while a
    /// refusal by LinkedIn holds the guard at spent.
    pub today: u32,
    /// The weekly cap the pace keeps to (the "100/week" of the line).
    pub weekly_cap: u32,
    /// LinkedIn refused an invitation recently and the hold (`GuardState::refused_until`) is on:
    /// the popup says to wait rather than showing a pace.
    pub held: bool,
}

/// The pacing line for `state` at `now`. `now` is passed (not `state.computed_at`) so a state read
/// a little earlier still ends the hold at the right moment.
pub fn pacing(state: &GuardState, now: Millis) -> Pacing {
    let per_day = if state.weekly_cap == 0 {
        0
    } else {
        (state.weekly_cap / 7).max(1)
    };
    let held = state.refused_until.is_some_and(|u| u > now);
    let today = if held {
        0
    } else {
        per_day
            .saturating_sub(state.sent_today)
            .min(state.remaining_today)
            .min(state.remaining_week)
    };
    Pacing {
        per_day,
        today,
        weekly_cap: state.weekly_cap,
        held,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::Ledger;
    use crate::policy::guard_state;
    use crate::settings::Settings;

    const NOW: Millis = 1_795_773_600_000.0;

    /// A state with the given caps and counts, otherwise as `guard_state` makes it.
    fn state(daily_cap: u32, weekly_cap: u32, sent_today: u32, sent_week: u32) -> GuardState {
        let mut s = guard_state(&Ledger::new(), &Settings::default(), NOW, 0);
        s.daily_cap = daily_cap;
        s.weekly_cap = weekly_cap;
        s.sent_today = sent_today;
        s.sent_week = sent_week;
        s.remaining_today = daily_cap.saturating_sub(sent_today);
        s.remaining_week = weekly_cap.saturating_sub(sent_week);
        s
    }

    #[test]
    fn free_preset_paces_fourteen_a_day() {
        let p = pacing(&state(20, 100, 0, 0), NOW);
        assert_eq!(
            p,
            Pacing {
                per_day: 14,
                today: 14,
                weekly_cap: 100,
                held: false
            }
        );
    }

    #[test]
    fn pace_is_a_seventh_of_the_week_at_least_one() {
        for (weekly, pace) in [
            (0, 0),
            (1, 1),
            (6, 1),
            (7, 1),
            (13, 1),
            (14, 2),
            (100, 14),
            (150, 21),
            (1000, 142),
        ] {
            assert_eq!(
                pacing(&state(500, weekly, 0, 0), NOW).per_day,
                pace,
                "{weekly}"
            );
        }
    }

    #[test]
    fn sent_today_uses_up_the_pace() {
        assert_eq!(pacing(&state(20, 100, 10, 10), NOW).today, 4);
        assert_eq!(pacing(&state(20, 100, 13, 13), NOW).today, 1);
        assert_eq!(pacing(&state(20, 100, 14, 14), NOW).today, 0);
        // Beyond the pace (but under the daily cap) it stays 0, never wraps.
        assert_eq!(pacing(&state(20, 100, 18, 18), NOW).today, 0);
    }

    #[test]
    fn never_more_than_the_daily_cap_leaves() {
        // A custom weekly cap whose pace is above the daily cap.
        let s = state(10, 140, 8, 8);
        assert_eq!(pacing(&s, NOW).per_day, 20);
        assert_eq!(pacing(&s, NOW).today, 2);
        assert_eq!(pacing(&state(10, 140, 10, 10), NOW).today, 0);
    }

    #[test]
    fn never_more_than_the_week_leaves() {
        assert_eq!(pacing(&state(20, 100, 0, 97), NOW).today, 3);
        assert_eq!(pacing(&state(20, 100, 0, 100), NOW).today, 0);
        assert_eq!(pacing(&state(20, 100, 0, 120), NOW).today, 0);
        assert_eq!(pacing(&state(20, 100, 0, 86), NOW).today, 14);
        assert_eq!(pacing(&state(20, 100, 0, 87), NOW).today, 13);
    }

    #[test]
    fn nothing_while_a_refusal_holds() {
        let mut s = state(20, 100, 0, 0);
        s.refused_until = Some(NOW + 1.0);
        let p = pacing(&s, NOW);
        assert!(p.held);
        assert_eq!((p.per_day, p.today), (14, 0));
        // The hold ends at `refused_until` exactly.
        s.refused_until = Some(NOW);
        assert_eq!(pacing(&s, NOW).today, 14);
        assert!(!pacing(&s, NOW).held);
        s.refused_until = Some(NOW - 1.0);
        assert_eq!(pacing(&s, NOW).today, 14);
    }

    #[test]
    fn zero_weekly_cap_sends_nothing() {
        let p = pacing(&state(0, 0, 0, 0), NOW);
        assert_eq!((p.per_day, p.today), (0, 0));
    }
}
