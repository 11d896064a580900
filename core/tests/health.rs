//! Pending health, re-invite cooldown, acceptance statistics and the learned weekly ceiling
//! (health.rs).

use invite_guard_core::health::{
    acceptance, cooldown, learned_ceiling, outcomes, pending_health, IsoWeek, Outcome, Rate,
    CEILING_MARGIN, PENDING_WARN_DEFAULT, PENDING_WARN_SOURCE, REINVITE_COOLDOWN_MS,
};
use invite_guard_core::ledger::{Event, EventKind, Invitee, Source};
use invite_guard_core::time::{LocalDay, DAY_MS};
use proptest::prelude::*;

mod common;
use common::{at_days_ago, event, NOW, TZ};

fn vanity(v: &str) -> Invitee {
    Invitee {
        vanity: Some(v.into()),
        ..Invitee::default()
    }
}

/// An event seen on the page (`Source::Dom`), `days_ago` days before [`NOW`].
fn ev(id: &str, kind: EventKind, days_ago: f64, invitee: Invitee) -> Event {
    Event {
        sources: vec![Source::Dom],
        ..event(id, kind, at_days_ago(days_ago), TZ, invitee)
    }
}

fn sent(id: &str, days_ago: f64, who: &str) -> Event {
    ev(id, EventKind::Sent, days_ago, vanity(who))
}

// ---- outcomes ------------------------------------------------------------------------------------

#[test]
fn a_resolution_belongs_to_the_latest_invitation_before_it() {
    let events = vec![
        sent("old", 90.0, "ann"),
        sent("new", 10.0, "ann"),
        ev("acc", EventKind::Accepted, 2.0, vanity("ann")),
        sent("bo", 5.0, "bo"),
        // Withdrawn by name only, as the "Withdraw invitation sent to <Name>" label gives it.
        ev(
            "w",
            EventKind::Withdrawn,
            1.0,
            Invitee {
                name: Some("Cy C".into()),
                ..Invitee::default()
            },
        ),
        ev(
            "cy",
            EventKind::Sent,
            4.0,
            Invitee {
                urn: Some("U3".into()),
                name: Some("Cy C".into()),
                ..Invitee::default()
            },
        ),
    ];
    let o: Vec<(&str, Outcome)> = outcomes(&events)
        .into_iter()
        .map(|(e, o)| (e.id.as_str(), o))
        .collect();
    assert_eq!(
        o,
        [
            ("old", Outcome::Pending),
            ("new", Outcome::Accepted(NOW - 2.0 * DAY_MS)),
            ("bo", Outcome::Pending),
            ("cy", Outcome::Withdrawn(NOW - DAY_MS)),
        ]
    );
}

// ---- pending -------------------------------------------------------------------------------------

#[test]
fn pending_histogram_old_list_and_warning() {
    let events = vec![
        sent("a", 1.0, "a"),
        sent("b", 8.0, "b"),
        sent("c", 15.0, "c"),
        sent("d", 21.0, "d"),
        sent("e", 60.0, "e"),
        sent("f", 30.0, "f"),
        ev("wf", EventKind::Withdrawn, 2.0, vanity("f")),
        ev("r", EventKind::Refused, 1.0, vanity("g")),
    ];
    let h = pending_health(&events, None, PENDING_WARN_DEFAULT, NOW);
    assert_eq!(h.pending, 5);
    assert_eq!(h.by_age, [1, 1, 1, 2]);
    let old: Vec<(&str, u32)> = h.old.iter().map(|o| (o.id.as_str(), o.days)).collect();
    assert_eq!(old, [("e", 60), ("d", 21)]);
    assert!(!h.warn);
    // LinkedIn's own total decides the warning when it was read.
    assert!(pending_health(&events, Some(501), PENDING_WARN_DEFAULT, NOW).warn);
    assert!(!pending_health(&events, Some(500), PENDING_WARN_DEFAULT, NOW).warn);
    assert!(pending_health(&events, None, 4, NOW).warn);
    assert!(!pending_health(&events, Some(3), 4, NOW).warn);
}

#[test]
fn the_threshold_cites_its_sources() {
    assert_eq!(PENDING_WARN_DEFAULT, 500);
    for s in ["docs/linkedin.md §13.8", "a551012", "Linked Helper"] {
        assert!(PENDING_WARN_SOURCE.contains(s), "{s}");
    }
}

// ---- cooldown ------------------------------------------------------------------------------------

#[test]
fn cooldown_lasts_three_weeks_after_a_withdrawal() {
    let events = vec![
        sent("a", 30.0, "ann"),
        ev("w", EventKind::Withdrawn, 10.0, vanity("ann")),
    ];
    let c = cooldown(&events, &vanity("ANN"), NOW).unwrap();
    assert_eq!(c.withdrawn_at, NOW - 10.0 * DAY_MS);
    assert_eq!(c.until, NOW + 11.0 * DAY_MS);
    assert_eq!(c.until - c.withdrawn_at, REINVITE_COOLDOWN_MS);
    assert_eq!(cooldown(&events, &vanity("ann"), c.until), None);
    assert_eq!(cooldown(&events, &vanity("bo"), NOW), None);
    assert_eq!(cooldown(&events, &Invitee::default(), NOW), None);
}

#[test]
fn no_cooldown_once_invited_again() {
    let events = vec![
        ev("w", EventKind::Withdrawn, 10.0, vanity("ann")),
        sent("again", 1.0, "ann"),
    ];
    assert_eq!(cooldown(&events, &vanity("ann"), NOW), None);
}

// ---- acceptance ----------------------------------------------------------------------------------

#[test]
fn acceptance_rates_and_their_denominators() {
    let mut events = vec![
        sent("a", 40.0, "a"), // accepted
        ev("acc-a", EventKind::Accepted, 39.0, vanity("a")),
        sent("b", 40.0, "b"), // withdrawn: decided, not accepted
        ev("w-b", EventKind::Withdrawn, 20.0, vanity("b")),
        sent("c", 35.0, "c"), // pending 35 days: decided, not accepted
        sent("d", 3.0, "d"),  // pending 3 days: not decided yet
        sent("e", 3.0, "e"),  // accepted
        ev("acc-e", EventKind::Accepted, 1.0, vanity("e")),
        ev("r", EventKind::Refused, 2.0, vanity("f")), // never an invitation
    ];
    events[0].note = Some(true);
    events[2].note = Some(false);
    events[4].note = Some(false);
    events[6].note = Some(true);
    let s = acceptance(&events, NOW);
    let rate = |accepted, decided, pending| Rate {
        accepted,
        decided,
        pending,
    };
    assert_eq!(s.overall, rate(2, 4, 1));
    assert_eq!(s.overall.rate(), Some(0.5));
    assert_eq!(s.with_note, rate(2, 2, 0));
    assert_eq!(s.without_note, rate(0, 2, 0));
    let weeks: Vec<(String, Rate)> = s.by_week.iter().map(|(w, r)| (w.to_string(), *r)).collect();
    assert_eq!(
        weeks,
        [
            ("2026-W42".to_string(), rate(1, 2, 0)),
            ("2026-W43".to_string(), rate(0, 1, 0)),
            ("2026-W48".to_string(), rate(1, 1, 1)),
        ]
    );
}

// ---- learned ceiling -----------------------------------------------------------------------------

/// `n` sends spread over the 6 days before `end_days_ago`, then a refusal at `end_days_ago`.
fn week_then_refusal(events: &mut Vec<Event>, tag: &str, n: usize, end_days_ago: f64) {
    for i in 0..n {
        let at = end_days_ago + 6.0 * (i as f64 + 1.0) / (n as f64 + 1.0);
        events.push(sent(&format!("{tag}{i}"), at, &format!("{tag}{i}")));
    }
    events.push(ev(
        &format!("{tag}-refused"),
        EventKind::Refused,
        end_days_ago,
        Invitee::default(),
    ));
}

#[test]
fn the_ceiling_sits_below_the_lowest_refused_week() {
    let mut events = vec![sent("first", 100.0, "first")];
    week_then_refusal(&mut events, "x", 95, 60.0);
    week_then_refusal(&mut events, "y", 80, 20.0);
    let c = learned_ceiling(&events).unwrap();
    assert_eq!(c.weekly_cap, 80 - CEILING_MARGIN);
    assert_eq!(c.lowest.sent_in_week, 80);
    assert_eq!(c.lowest.day, LocalDay::at(NOW - 20.0 * DAY_MS, TZ));
    let counts: Vec<u32> = c.refusals.iter().map(|r| r.sent_in_week).collect();
    assert_eq!(counts, [95, 80]);
}

#[test]
fn refusals_without_a_full_week_of_history_or_sends_are_not_evidence() {
    // The guard was installed three days before the refusal: its count is short.
    let mut events = Vec::new();
    week_then_refusal(&mut events, "x", 3, 0.0);
    assert_eq!(learned_ceiling(&events), None);
    // A refusal after a quiet week: not about the weekly count.
    let events = vec![
        sent("old", 30.0, "old"),
        ev("r", EventKind::Refused, 1.0, Invitee::default()),
    ];
    assert_eq!(learned_ceiling(&events), None);
    // A tiny count still suggests at least 1.
    let mut events = vec![sent("old", 30.0, "old")];
    week_then_refusal(&mut events, "z", 2, 1.0);
    assert_eq!(learned_ceiling(&events).unwrap().weekly_cap, 1);
    assert_eq!(learned_ceiling(&[]), None);
}

// ---- properties ----------------------------------------------------------------------------------

proptest! {
    #[test]
    fn iso_weeks_are_monday_based_and_sequential(z in -50_000i64..50_000) {
        let d = LocalDay::from_days(z);
        let w = IsoWeek::of(d);
        prop_assert!((1..=53).contains(&w.week));
        let next = IsoWeek::of(LocalDay::from_days(z + 1));
        // 1970-01-05 was a Monday: only Monday starts a new week.
        if (z - 4).rem_euclid(7) == 6 {
            prop_assert!(next > w);
        } else {
            prop_assert_eq!(next, w);
        }
    }

    #[test]
    fn health_counts_add_up(
        rows in prop::collection::vec((0usize..5, 0.0f64..100.0, 0u8..6), 0..30),
    ) {
        let events: Vec<Event> = rows
            .iter()
            .enumerate()
            .map(|(i, &(p, days, k))| {
                let kind = match k {
                    0 => EventKind::Withdrawn,
                    1 => EventKind::Accepted,
                    2 => EventKind::Refused,
                    _ => EventKind::Sent,
                };
                ev(&format!("e{i}"), kind, days, vanity(&format!("p{p}")))
            })
            .collect();
        let sent = events.iter().filter(|e| e.kind == EventKind::Sent).count() as u32;
        let h = pending_health(&events, None, PENDING_WARN_DEFAULT, NOW);
        prop_assert_eq!(h.by_age.iter().sum::<u32>(), h.pending);
        prop_assert!(h.pending <= sent);
        prop_assert!(h.old.windows(2).all(|w| w[0].at <= w[1].at));
        let s = acceptance(&events, NOW);
        prop_assert_eq!(s.overall.decided + s.overall.pending, sent);
        prop_assert!(s.overall.accepted <= s.overall.decided);
        let weekly: u32 = s.by_week.iter().map(|(_, r)| r.decided + r.pending).sum();
        prop_assert_eq!(weekly, sent);
        if let Some(c) = learned_ceiling(&events) {
            prop_assert!(c.weekly_cap >= 1 && c.weekly_cap < c.lowest.sent_in_week.max(2));
        }
    }
}
