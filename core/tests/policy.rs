//! Native tests of the windows and the guard's policy (`policy::guard_state`): local days across DST
//! and time-zone changes, the rolling week, the clock going back, caps at their edges, the next free
//! slot and the next moment the state changes.

use invite_guard_core::health::REINVITE_COOLDOWN_MS;
use invite_guard_core::ledger::{Event, EventKind, Invitee, Ledger, Observation};
use invite_guard_core::policy::{
    decide, guard_state, guard_state_with, reason, shows_hint, Binding, CooldownEntry, Decision,
    GuardState, Level, Reason, MAX_COOLDOWN, REFUSAL_HOLD_MS,
};
use invite_guard_core::settings::Settings;
use invite_guard_core::time::{next_local_midnight, LocalDay, Millis, DAY_MS, HOUR_MS, WEEK_MS};
use proptest::prelude::*;

mod common;
use common::{custom, utc, who};

const MIN: Millis = 60_000.0;

/// An event with no person.
fn event(id: &str, kind: EventKind, at: Millis, tz: i32) -> Event {
    common::event(id, kind, at, tz, Invitee::default())
}

fn sent(at: Millis, tz: i32) -> Event {
    event(&format!("s@{at}/{tz}"), EventKind::Sent, at, tz)
}

/// A send with its own id, for sends that may share a time.
fn sent_n(k: usize, at: Millis, tz: i32) -> Event {
    event(&format!("s{k}"), EventKind::Sent, at, tz)
}

fn ledger(events: Vec<Event>) -> Ledger {
    Ledger::from_events(events)
}

// ---- DST -------------------------------------------------------------------------------------------

#[test]
fn spring_forward_counts_by_the_stored_local_day() {
    // Europe: UTC+1 (-60) until 2026-03-29 01:00Z, then UTC+2 (-120).
    let before_midnight = sent(utc("2026-03-28", 22, 30), -60); // 23:30 local on the 28th
    let after_midnight = sent(utc("2026-03-28", 23, 30), -60); // 00:30 local on the 29th
    let summer = sent(utc("2026-03-29", 9, 0), -120); // 11:00 local on the 29th
    assert_eq!(before_midnight.day.to_string(), "2026-03-28");
    assert_eq!(after_midnight.day.to_string(), "2026-03-29");
    let l = ledger(vec![before_midnight, after_midnight, summer]);
    let s = Settings::default();

    // 22:00 local (UTC+2) on the 29th.
    let g = guard_state(&l, &s, utc("2026-03-29", 20, 0), -120);
    assert_eq!(g.day.to_string(), "2026-03-29");
    assert_eq!((g.sent_today, g.sent_week), (2, 3));
    // 23:59 local on the 29th: still the 29th with the summer offset (21:59Z).
    let g = guard_state(&l, &s, utc("2026-03-29", 21, 59), -120);
    assert_eq!(g.sent_today, 2);
    // 00:30 local on the 30th (22:30Z): a new day.
    let g = guard_state(&l, &s, utc("2026-03-29", 22, 30), -120);
    assert_eq!(g.day.to_string(), "2026-03-30");
    assert_eq!((g.sent_today, g.sent_week), (0, 3));
}

#[test]
fn fall_back_counts_by_the_stored_local_day() {
    // Europe: UTC+2 (-120) until 2026-10-25 01:00Z, then UTC+1 (-60).
    let late_23rd = sent(utc("2026-10-24", 21, 30), -120); // 23:30 local on the 24th
    let early_25th = sent(utc("2026-10-24", 22, 30), -120); // 00:30 local on the 25th
    let repeated_hour = sent(utc("2026-10-25", 1, 30), -60); // 02:30 local (second time) on the 25th
    let winter = sent(utc("2026-10-25", 12, 0), -60);
    let l = ledger(vec![late_23rd, early_25th, repeated_hour, winter]);
    let s = Settings::default();
    // 23:30 local (UTC+1) on the 25th.
    let g = guard_state(&l, &s, utc("2026-10-25", 22, 30), -60);
    assert_eq!(g.day.to_string(), "2026-10-25");
    assert_eq!((g.sent_today, g.sent_week), (3, 4));
    // 00:30 local on the 26th.
    let g = guard_state(&l, &s, utc("2026-10-25", 23, 30), -60);
    assert_eq!((g.sent_today, g.sent_week), (0, 4));
}

// ---- time-zone changes -------------------------------------------------------------------------------

#[test]
fn a_member_flying_west_keeps_the_days_sends_were_made_on() {
    // At home in UTC+1 (-60): three sends on the 10th, two just after local midnight (the 11th).
    let mut events = Vec::new();
    for h in [9, 12, 15] {
        events.push(sent(utc("2026-06-10", h, 0), -60));
    }
    // 00:30 and 00:45 local on the 11th = 23:30Z and 23:45Z on the 10th.
    events.push(sent(utc("2026-06-10", 23, 30), -60));
    events.push(sent(utc("2026-06-10", 23, 45), -60));
    let l = ledger(events);
    let s = Settings::default();
    // Landed in UTC-5 (300); it is 12:00 local on the 11th (17:00Z).
    let g = guard_state(&l, &s, utc("2026-06-11", 17, 0), 300);
    assert_eq!(g.day.to_string(), "2026-06-11");
    // The two sent on the 11th (local, at home) are today's, though in UTC-5 they would read the
    // evening of the 10th; the 10th's three stay yesterday's.
    assert_eq!(g.sent_today, 2);
    assert_eq!(g.sent_week, 5);
    assert_eq!(g.remaining_today, 18);
    // The next morning in UTC-5 nothing is today's.
    let g = guard_state(&l, &s, utc("2026-06-12", 14, 0), 300);
    assert_eq!(
        (g.day.to_string().as_str(), g.sent_today, g.sent_week),
        ("2026-06-12", 0, 5)
    );
}

#[test]
fn a_member_flying_east_keeps_yesterdays_sends_as_yesterdays() {
    // In UTC-5: a send at 23:30 local on the 10th (04:30Z on the 11th).
    let late = sent(utc("2026-06-11", 4, 30), 300);
    assert_eq!(late.day.to_string(), "2026-06-10");
    let l = ledger(vec![late]);
    // In UTC+1 at 10:00 local on the 11th: the send would be 05:30 "today" if re-read in the new
    // zone, but it was made on the 10th.
    let g = guard_state(&l, &Settings::default(), utc("2026-06-11", 9, 0), -60);
    assert_eq!(g.day.to_string(), "2026-06-11");
    assert_eq!((g.sent_today, g.sent_week), (0, 1));
}

#[test]
fn the_week_is_by_absolute_time_whatever_the_zones() {
    let now = utc("2026-06-20", 12, 0);
    let l = ledger(vec![
        sent(now - WEEK_MS, -60),        // exactly a week ago: out
        sent(now - WEEK_MS + 1.0, 300),  // a millisecond inside
        sent(now - WEEK_MS + 1.0, -840), // same instant, another zone
        sent(now - 3.0 * DAY_MS, 600),
    ]);
    for tz in [-840, -120, -60, 0, 300, 720] {
        let g = guard_state(&l, &Settings::default(), now, tz);
        assert_eq!(g.sent_week, 3, "tz={tz}");
        assert_eq!(g.next_slot_at, Some(now + 1.0));
    }
}

// ---- the clock going back ------------------------------------------------------------------------------

#[test]
fn events_after_now_still_count_in_the_week() {
    let now = utc("2026-06-20", 12, 0);
    let l = ledger(vec![
        sent(now - HOUR_MS, 0),
        sent(now + HOUR_MS, 0),
        sent(now + 2.0 * DAY_MS, 0),
        sent(now + 30.0 * DAY_MS, 0),
    ]);
    let g = guard_state(&l, &custom(20, 3, 1), now, 0);
    assert_eq!(g.sent_week, 4);
    assert_eq!(g.remaining_week, 0);
    assert_eq!(g.level, Level::Spent);
    // Nothing "negative": the counts saturate and the oldest counted send is the first to leave.
    assert_eq!(g.next_slot_at, Some(now + HOUR_MS + WEEK_MS));
    // Today's count is by the stored day: the two later today count, the later days do not.
    assert_eq!(g.sent_today, 2);
}

#[test]
fn a_refusal_stamped_in_the_future_holds_spent() {
    let now = utc("2026-06-20", 12, 0);
    let l = ledger(vec![event("r", EventKind::Refused, now + 2.0 * HOUR_MS, 0)]);
    let g = guard_state(&l, &Settings::default(), now, 0);
    assert_eq!(g.level, Level::Spent);
    assert_eq!(g.refused_until, Some(now + 2.0 * HOUR_MS + REFUSAL_HOLD_MS));
    assert_eq!(reason(&g), Some(Reason::Refused));
}

// ---- refusals and other kinds ------------------------------------------------------------------------

#[test]
fn a_refusal_holds_spent_for_24_hours_exactly() {
    let at = utc("2026-06-20", 12, 0);
    let l = ledger(vec![event("r", EventKind::Refused, at, 0)]);
    let s = Settings::default();
    let g = guard_state(&l, &s, at + REFUSAL_HOLD_MS - 1.0, 0);
    assert_eq!(g.level, Level::Spent);
    assert_eq!(g.refused_until, Some(at + REFUSAL_HOLD_MS));
    assert_eq!((g.remaining_today, g.remaining_week), (20, 100));
    let g = guard_state(&l, &s, at + REFUSAL_HOLD_MS, 0);
    assert_eq!(g.level, Level::Ok);
    assert_eq!(g.refused_until, None);
}

#[test]
fn note_refusals_and_withdrawals_change_nothing() {
    let now = utc("2026-06-20", 12, 0);
    let l = ledger(vec![
        event("n", EventKind::NoteRefused, now - HOUR_MS, 0),
        event("w", EventKind::Withdrawn, now - HOUR_MS, 0),
    ]);
    let g = guard_state(&l, &Settings::default(), now, 0);
    assert_eq!((g.sent_today, g.sent_week, g.level), (0, 0, Level::Ok));
    assert_eq!((g.next_slot_at, g.refused_until), (None, None));
}

#[test]
fn the_latest_refusal_sets_the_hold() {
    let now = utc("2026-06-20", 12, 0);
    let l = ledger(vec![
        event("r1", EventKind::Refused, now - 20.0 * HOUR_MS, 0),
        event("r2", EventKind::Refused, now - 2.0 * HOUR_MS, 0),
        event("r0", EventKind::Refused, now - 40.0 * HOUR_MS, 0),
    ]);
    let g = guard_state(&l, &Settings::default(), now, 0);
    assert_eq!(g.refused_until, Some(now - 2.0 * HOUR_MS + REFUSAL_HOLD_MS));
}

#[test]
fn pending_then_429_through_the_ledger_is_not_counted() {
    let now = utc("2026-06-20", 12, 0);
    let mut l = Ledger::new();
    l.apply(&Observation::DomSent {
        tab: Some(3),
        invitee: Invitee {
            vanity: Some("x".into()),
            ..Invitee::default()
        },
        at: now - 10_000.0,
        tz: 0,
    });
    l.apply(&Observation::Api {
        request_id: "9".into(),
        status: 429,
        tab: Some(3),
        urn: None,
        note: None,
        note_len: None,
        at: now - 9_000.0,
        tz: 0,
    });
    let g = guard_state(&l, &Settings::default(), now, 0);
    assert_eq!((g.sent_today, g.sent_week), (0, 0), "{:?}", l.events());
    assert_eq!(g.level, Level::Spent);
}

// ---- levels, binding, decisions ----------------------------------------------------------------------

#[test]
fn levels_at_the_daily_edges() {
    let now = utc("2026-06-20", 12, 0);
    let s = custom(10, 100, 3);
    for (n, want_level, remaining) in [
        (0, Level::Ok, 10),
        (6, Level::Ok, 4),
        (7, Level::Low, 3),
        (9, Level::Low, 1),
        (10, Level::Spent, 0),
        (12, Level::Spent, 0),
    ] {
        let events = (0..n)
            .map(|i| sent(now - (i as f64 + 1.0) * MIN, 0))
            .collect();
        let g = guard_state(&ledger(events), &s, now, 0);
        assert_eq!(
            (g.level, g.remaining_today, g.binding),
            (want_level, remaining, Binding::Daily),
            "n={n}"
        );
        assert_eq!(g.remaining(), remaining);
    }
}

#[test]
fn decisions_follow_the_level_and_settings() {
    let now = utc("2026-06-20", 12, 0);
    let spent = guard_state(
        &ledger((0..20).map(|i| sent(now - i as f64 * MIN, 0)).collect()),
        &Settings::default(),
        now,
        0,
    );
    assert_eq!(spent.level, Level::Spent);
    assert_eq!(decide(&spent), Decision::Confirm);
    assert_eq!(reason(&spent), Some(Reason::DailyCap));
    let hard = GuardState {
        hard_block: true,
        ..spent.clone()
    };
    assert_eq!(decide(&hard), Decision::Block);
    let silent = GuardState {
        in_page_ui: false,
        hard_block: true,
        ..spent.clone()
    };
    assert_eq!(decide(&silent), Decision::Allow);
    let weekly = GuardState {
        remaining_week: 0,
        ..spent.clone()
    };
    assert_eq!(reason(&weekly), Some(Reason::WeeklyCap));

    let low = guard_state(
        &ledger((0..16).map(|i| sent(now - i as f64 * MIN, 0)).collect()),
        &Settings::default(),
        now,
        0,
    );
    assert_eq!(low.level, Level::Low);
    assert_eq!(decide(&low), Decision::Allow);
    assert_eq!(reason(&low), None);
    assert!(shows_hint(&low));
    assert!(!shows_hint(&GuardState {
        in_page_ui: false,
        ..low
    }));
    assert!(!shows_hint(&spent));
}

#[test]
fn guard_state_json_shape() {
    let now = utc("2026-11-27", 12, 0);
    let l = ledger(vec![sent(now - HOUR_MS, -60)]);
    let g = guard_state(&l, &Settings::default(), now, -60);
    let v = serde_json::to_value(&g).unwrap();
    for key in [
        "sent_today",
        "sent_week",
        "daily_cap",
        "weekly_cap",
        "remaining_today",
        "remaining_week",
        "level",
        "binding",
        "next_slot_at",
        "refused_until",
        "hard_block",
        "in_page_ui",
        "day",
        "computed_at",
        "cooldown",
    ] {
        assert!(v.get(key).is_some(), "GuardState JSON lacks {key}: {v}");
    }
    assert_eq!(v["cooldown"], serde_json::json!([]));
    assert_eq!(v["level"], "ok");
    assert_eq!(v["binding"], "daily");
    assert_eq!(v["day"], "2026-11-27");
    assert_eq!(v["refused_until"], serde_json::Value::Null);
    let back: GuardState = serde_json::from_value(v).unwrap();
    assert_eq!(back, g);
}

// ---- re-invite cooldown (issue 4) -------------------------------------------------------------------

fn with(mut e: Event, who: Invitee) -> Event {
    e.invitee = who;
    e
}

#[test]
fn cooldown_lists_recent_withdrawals_newest_first() {
    let now = utc("2026-11-27", 12, 0);
    let ada = who(None, Some("ada-quill-3f2a"), Some("Ada Quill"));
    let bo = who(Some("ACoAABo"), None, None);
    let cy = who(None, Some("cy-old"), None);
    let dee = who(None, Some("dee-resent"), None);
    let l = ledger(vec![
        with(sent_n(1, now - 10.0 * DAY_MS, 0), ada.clone()),
        with(
            event("w-ada", EventKind::Withdrawn, now - 2.0 * DAY_MS, 0),
            ada.clone(),
        ),
        with(
            event("w-bo", EventKind::Withdrawn, now - 5.0 * DAY_MS, 0),
            bo.clone(),
        ),
        // 22 days ago: the cooldown is over.
        with(
            event("w-cy", EventKind::Withdrawn, now - 22.0 * DAY_MS, 0),
            cy,
        ),
        // Withdrawn, then invited again: LinkedIn allowed it, no cooldown to warn about.
        with(
            event("w-dee", EventKind::Withdrawn, now - 6.0 * DAY_MS, 0),
            dee.clone(),
        ),
        with(sent_n(2, now - 1.0 * DAY_MS, 0), dee),
        // Nobody named: nothing to match a Connect against.
        event("w-nobody", EventKind::Withdrawn, now - DAY_MS, 0),
    ]);
    let g = guard_state(&l, &Settings::default(), now, 0);
    assert_eq!(
        g.cooldown,
        vec![
            CooldownEntry {
                vanity: Some("ada-quill-3f2a".into()),
                urn: None,
                name: Some("Ada Quill".into()),
                withdrawn_at: now - 2.0 * DAY_MS,
                until: now - 2.0 * DAY_MS + REINVITE_COOLDOWN_MS,
            },
            CooldownEntry {
                vanity: None,
                urn: Some("ACoAABo".into()),
                name: None,
                withdrawn_at: now - 5.0 * DAY_MS,
                until: now - 5.0 * DAY_MS + REINVITE_COOLDOWN_MS,
            },
        ]
    );
    // The withdrawals do not count against the caps.
    assert_eq!(g.sent_week, 1);
    // The guard is recomputed when the first cooldown ends.
    let v = serde_json::to_value(&g).unwrap();
    assert_eq!(
        v["cooldown"][0],
        serde_json::json!({"vanity": "ada-quill-3f2a", "name": "Ada Quill",
            "withdrawn_at": now - 2.0 * DAY_MS, "until": now - 2.0 * DAY_MS + REINVITE_COOLDOWN_MS})
    );
    let bo_until = now - 5.0 * DAY_MS + REINVITE_COOLDOWN_MS;
    let later = bo_until - HOUR_MS;
    let g = guard_state(&l, &Settings::default(), later, 0);
    assert_eq!(g.next_change(later, 0), bo_until);
    // Once it has ended, that person is no longer listed.
    let g = guard_state(&l, &Settings::default(), bo_until + 1.0, 0);
    assert_eq!(g.cooldown.len(), 1);
}

#[test]
fn cooldown_keeps_one_entry_per_person_and_is_bounded() {
    let now = utc("2026-11-27", 12, 0);
    let ada = who(None, Some("ada"), None);
    let mut evs = vec![
        with(
            event("w1", EventKind::Withdrawn, now - 9.0 * DAY_MS, 0),
            ada.clone(),
        ),
        with(
            event("w2", EventKind::Withdrawn, now - 3.0 * DAY_MS, 0),
            ada,
        ),
    ];
    let g = guard_state(&ledger(evs.clone()), &Settings::default(), now, 0);
    assert_eq!(g.cooldown.len(), 1);
    assert_eq!(g.cooldown[0].withdrawn_at, now - 3.0 * DAY_MS);
    for i in 0..(MAX_COOLDOWN + 50) {
        let person = who(None, Some(&format!("p{i}")), None);
        evs.push(with(
            event(
                &format!("wp{i}"),
                EventKind::Withdrawn,
                now - i as f64 * MIN,
                0,
            ),
            person,
        ));
    }
    let g = guard_state(&ledger(evs), &Settings::default(), now, 0);
    assert_eq!(g.cooldown.len(), MAX_COOLDOWN);
    assert_eq!(g.cooldown[0].vanity.as_deref(), Some("p0"));
    assert!(g
        .cooldown
        .windows(2)
        .all(|w| w[0].withdrawn_at >= w[1].withdrawn_at));
}

#[test]
fn a_guard_stored_before_the_cooldown_still_reads() {
    let now = utc("2026-11-27", 12, 0);
    let g = guard_state(&Ledger::new(), &Settings::default(), now, 0);
    let mut v = serde_json::to_value(&g).unwrap();
    v.as_object_mut().unwrap().remove("cooldown");
    let back: GuardState = serde_json::from_value(v).unwrap();
    assert_eq!(back, g);
}

// ---- properties --------------------------------------------------------------------------------------

/// 2026-06-20T12:00Z, give or take a year.
fn now_strategy() -> impl Strategy<Value = Millis> {
    (-365i64 * 24 * 60..365 * 24 * 60).prop_map(|m| 1_781_956_800_000.0 + m as f64 * MIN)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// With events stamped by their own offsets (winter -60, summer -120), "today" is exactly the
    /// events whose stored day is the local day at `now` with the current offset; the ledger stamps
    /// the day itself.
    #[test]
    fn today_is_the_stored_local_day(
        now in now_strategy(),
        now_tz in prop::sample::select(vec![-60, -120]),
        sends in prop::collection::vec((0u32..6 * 24 * 60, prop::sample::select(vec![-60, -120])), 0..40),
    ) {
        let mut l = Ledger::new();
        for (k, (ago_min, tz)) in sends.iter().enumerate() {
            l.apply(&Observation::DomSent {
                tab: Some(1),
                invitee: Invitee { vanity: Some(format!("p{k}")), ..Invitee::default() },
                at: now - *ago_min as f64 * MIN,
                tz: *tz,
            });
        }
        prop_assert_eq!(l.sent().count(), sends.len());
        let today = LocalDay::at(now, now_tz);
        let want_today = sends
            .iter()
            .filter(|(ago, tz)| LocalDay::at(now - *ago as f64 * MIN, *tz) == today)
            .count() as u32;
        let g = guard_state(&l, &Settings::default(), now, now_tz);
        prop_assert_eq!(g.day, today);
        prop_assert_eq!(g.sent_today, want_today);
        prop_assert_eq!(g.sent_week, sends.len() as u32);
        prop_assert!(g.sent_today <= g.sent_week);
    }

    /// Setting the clock back never lowers the week's count, and nothing panics or underflows with
    /// events before and after `now`.
    #[test]
    fn the_clock_going_back_never_undercounts_the_week(
        now in now_strategy(),
        back_min in 0u32..20 * 24 * 60,
        tz in -840i32..=720,
        offsets in prop::collection::vec(-10i64 * 24 * 60..3 * 24 * 60, 0..40),
        refusal in prop::option::of(-3i64 * 24 * 60..3 * 24 * 60),
        daily in 0u32..30,
        weekly in 0u32..60,
    ) {
        let mut events: Vec<Event> =
            offsets.iter().enumerate().map(|(k, m)| sent_n(k, now + *m as f64 * MIN, tz)).collect();
        if let Some(m) = refusal {
            events.push(event("r", EventKind::Refused, now + m as f64 * MIN, tz));
        }
        let l = ledger(events);
        let s = custom(daily, weekly, 3);
        let g = guard_state(&l, &s, now, tz);
        let want_week = offsets.iter().filter(|m| **m as f64 * MIN > -WEEK_MS).count() as u32;
        prop_assert_eq!(g.sent_week, want_week);
        prop_assert_eq!(g.remaining_week, weekly.saturating_sub(want_week));
        prop_assert!(g.remaining_today <= daily);
        if let Some(t) = g.next_slot_at {
            prop_assert!(t > now, "next slot {} not after now {}", t, now);
        }
        let earlier = now - back_min as f64 * MIN;
        let g_back = guard_state(&l, &s, earlier, tz);
        prop_assert!(g_back.sent_week >= g.sent_week, "{} < {}", g_back.sent_week, g.sent_week);
    }

    /// Caps at their edges: remaining saturates, the level and binding follow docs/protocol.md
    /// §1.6.
    #[test]
    fn caps_levels_and_binding(
        now in now_strategy(),
        daily in 0u32..40,
        weekly in 0u32..120,
        warn in 0u32..15,
        today in 0u32..50,
        earlier in 0u32..60,
        refusal_age_min in prop::option::of(0u32..48 * 60),
    ) {
        // `now` is 12:00 local (tz 0 at 12:00Z): today's sends in the 3 hours before it, the others
        // on the previous days, spread over the 6 days before today.
        let tz = 0;
        let now = LocalDay::at(now, tz).start_ms(tz) + 12.0 * HOUR_MS;
        let mut events = Vec::new();
        for i in 0..today {
            events.push(sent(now - (i as f64 + 1.0) * 10_000.0, tz));
        }
        for i in 0..earlier {
            events.push(sent(now - DAY_MS - (i as f64 * 2.0 * HOUR_MS), tz));
        }
        if let Some(age) = refusal_age_min {
            events.push(event("r", EventKind::Refused, now - age as f64 * MIN, tz));
        }
        let g = guard_state(&ledger(events), &custom(daily, weekly, warn), now, tz);
        let week = today + earlier;
        prop_assert_eq!(g.sent_today, today);
        prop_assert_eq!(g.sent_week, week);
        prop_assert_eq!(g.remaining_today, daily.saturating_sub(today));
        prop_assert_eq!(g.remaining_week, weekly.saturating_sub(week));
        prop_assert_eq!((g.daily_cap, g.weekly_cap, g.warn_remaining), (daily, weekly, warn));
        let remaining = g.remaining_today.min(g.remaining_week);
        prop_assert_eq!(g.remaining(), remaining);
        let binding_remaining = match g.binding {
            Binding::Daily => g.remaining_today,
            Binding::Weekly => g.remaining_week,
        };
        prop_assert_eq!(binding_remaining, remaining);
        if g.remaining_today != g.remaining_week {
            let want = if g.remaining_today < g.remaining_week { Binding::Daily } else { Binding::Weekly };
            prop_assert_eq!(g.binding, want);
        }
        let refused_recently = refusal_age_min.is_some_and(|a| (a as f64 * MIN) < REFUSAL_HOLD_MS);
        prop_assert_eq!(g.refused_until.is_some(), refused_recently);
        let want_level = if remaining == 0 || refused_recently {
            Level::Spent
        } else if remaining <= warn {
            Level::Low
        } else {
            Level::Ok
        };
        prop_assert_eq!(g.level, want_level);
        prop_assert_eq!(reason(&g).is_some(), g.level == Level::Spent);
        prop_assert_eq!(decide(&g) == Decision::Allow, g.level != Level::Spent);
    }

    /// At or over the weekly cap, `next_slot_at` is exactly when a slot frees; below it, when the
    /// oldest send leaves the week; `None` without sends.
    #[test]
    fn next_slot_frees_a_slot(
        now in now_strategy(),
        // Mostly in the past week; some after `now` (the clock went back).
        ages in prop::collection::vec(-86_400i64..7 * 24 * 60 * 60 - 1, 0..40),
        cap_pick in any::<prop::sample::Index>(),
        tz in prop::sample::select(vec![-120, -60, 0, 300]),
    ) {
        // Whole seconds, so that ±1 ms is never another send's time.
        let ats: Vec<Millis> = ages.iter().map(|a| now - (*a as f64 + 1.0) * 1_000.0 + 1.0).collect();
        let l = ledger(ats.iter().enumerate().map(|(k, at)| sent_n(k, *at, tz)).collect());
        let n = ats.len() as u32;
        // Caps from 1 to a little over the count.
        let weekly = 1 + cap_pick.index(n as usize + 3) as u32;
        let s = custom(weekly.min(500), weekly, 0);
        let g = guard_state(&l, &s, now, tz);
        prop_assert_eq!(g.sent_week, n);
        match g.next_slot_at {
            None => prop_assert_eq!(n, 0),
            Some(t) => {
                prop_assert!(n > 0);
                prop_assert!(t > now);
                let oldest = ats.iter().copied().fold(f64::INFINITY, f64::min);
                if n < weekly {
                    prop_assert_eq!(t, oldest + WEEK_MS);
                } else {
                    prop_assert_eq!(g.remaining_week, 0);
                    let after = guard_state(&l, &s, t + 1.0, tz);
                    prop_assert!(after.remaining_week > 0, "still full 1 ms after next_slot_at");
                    let before = guard_state(&l, &s, t - 1.0, tz);
                    prop_assert_eq!(before.remaining_week, 0, "a slot free 1 ms before next_slot_at");
                }
            }
        }
    }

    /// `next_change` is in the future, no later than the next local midnight, and the earliest of
    /// midnight, the next slot and the end of a refusal hold.
    #[test]
    fn next_change_is_soon_and_in_the_future(
        now in now_strategy(),
        tz in -840i32..=720,
        offsets in prop::collection::vec(-8i64 * 24 * 60..60, 0..20),
        refusal in prop::option::of(-2i64 * 24 * 60..60),
    ) {
        let mut events: Vec<Event> = offsets.iter().enumerate().map(|(k, m)| sent_n(k, now + *m as f64 * MIN, tz)).collect();
        if let Some(m) = refusal {
            events.push(event("r", EventKind::Refused, now + m as f64 * MIN, tz));
        }
        let g = guard_state(&ledger(events), &custom(5, 8, 2), now, tz);
        let t = g.next_change(now, tz);
        let midnight = next_local_midnight(now, tz);
        prop_assert!(t > now);
        prop_assert!(t <= midnight);
        let want = [g.next_slot_at, g.refused_until]
            .into_iter()
            .flatten()
            .filter(|c| *c > now)
            .fold(midnight, f64::min);
        prop_assert_eq!(t, want);
    }
}

#[test]
fn no_sends_no_next_slot() {
    let now = utc("2026-06-20", 12, 0);
    let g = guard_state(&Ledger::new(), &Settings::default(), now, 0);
    assert_eq!(g.next_slot_at, None);
    assert_eq!(g.next_change(now, 0), next_local_midnight(now, 0));
    let l = ledger(vec![
        event("r", EventKind::Refused, now - HOUR_MS, 0),
        sent(now - WEEK_MS - 1.0, 0),
    ]);
    let g = guard_state(&l, &Settings::default(), now, 0);
    assert_eq!(
        g.next_slot_at, None,
        "refusals and sends outside the week free no slot"
    );
    assert_eq!(g.next_change(now, 0), next_local_midnight(now, 0));
}

#[test]
fn over_the_cap_the_slot_frees_when_enough_have_left() {
    // Weekly cap 3, five sends: two must leave before one slot is free, so the third-oldest decides.
    let now = utc("2026-06-20", 12, 0);
    let ats: Vec<Millis> = [6.0, 5.0, 4.0, 3.0, 2.0]
        .iter()
        .map(|d| now - d * DAY_MS)
        .collect();
    let l = ledger(ats.iter().map(|a| sent(*a, 0)).collect());
    let s = custom(3, 3, 0);
    let g = guard_state(&l, &s, now, 0);
    assert_eq!(g.next_slot_at, Some(ats[2] + WEEK_MS));
    assert_eq!(
        guard_state(&l, &s, ats[2] + WEEK_MS - 1.0, 0).remaining_week,
        0
    );
    assert_eq!(
        guard_state(&l, &s, ats[2] + WEEK_MS + 1.0, 0).remaining_week,
        1
    );
}

// ---- other computers (issue 14, core::sync) ---------------------------------------------------------

#[test]
fn other_computers_sends_count_in_today_and_the_week_and_are_named() {
    use invite_guard_core::sync::{Remote, RemoteSend};
    let tz = -60;
    let now = utc("2026-12-07", 15, 0);
    let local: Vec<Event> = (0..5)
        .map(|k| sent_n(k, now - (k as f64 + 1.0) * HOUR_MS, tz))
        .collect();
    let from = |at: Millis, name: &str| RemoteSend {
        at,
        device: format!("{name:0>16}"),
        device_name: name.into(),
    };
    let mut sends: Vec<RemoteSend> = (0..7)
        .map(|k| from(now - (k as f64 * 10.0 + 5.0) * MIN, "Home laptop"))
        .collect();
    sends.extend((0..3).map(|k| from(now - (k as f64 + 2.0) * DAY_MS, "Home laptop")));
    sends.push(from(now - 3.0 * DAY_MS, "Work"));
    sends.push(from(now - 8.0 * DAY_MS, "Work")); // out of the week: not counted, not named
    let remote = Remote {
        sends,
        ..Remote::default()
    };
    let s = custom(20, 100, 3);
    let g = guard_state_with(&ledger(local), &remote, &s, now, tz);
    assert_eq!(g.sent_today, 12, "5 here and 7 from Home laptop");
    assert_eq!(g.sent_week, 5 + 10 + 1);
    assert_eq!(g.remaining_today, 8);
    let names: Vec<(&str, u32, u32)> = g
        .others
        .iter()
        .map(|o| (o.name.as_str(), o.today, o.week))
        .collect();
    assert_eq!(names, [("Home laptop", 7, 10), ("Work", 0, 1)]);
    // Without others, the state is this device's alone and names no one.
    let alone = guard_state(&ledger(vec![]), &s, now, tz);
    assert!(alone.others.is_empty());
}

#[test]
fn another_computers_refusal_holds_this_one_at_spent() {
    use invite_guard_core::sync::Remote;
    let now = utc("2026-12-07", 15, 0);
    let remote = Remote {
        refusals: vec![now - HOUR_MS],
        ..Remote::default()
    };
    let g = guard_state_with(&ledger(vec![]), &remote, &custom(20, 100, 3), now, 0);
    assert_eq!(g.level, Level::Spent);
    assert_eq!(g.refused_until, Some(now - HOUR_MS + REFUSAL_HOLD_MS));
}
