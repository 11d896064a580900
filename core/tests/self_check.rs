//! Property tests of the self-check (docs/architecture.md §11): it never fires on a single late or
//! missing signal, fires on K blind sends, clears on K seen, judges only sends tied to a tab, and
//! its bounded list of clicks judges every send it judges as the whole list would.

use invite_guard_core::ledger::{
    Event, EventKind, Invitee, Ledger, Observation, Source, CORRELATION_MS,
};
use invite_guard_core::self_check::{
    judged, run, self_check, Click, PageSignals, Signal, CONNECT_WAIT_MS, HORIZON_MS, K,
    MAX_CLICKS, RATE_BLIND, RATE_WINDOW,
};
use invite_guard_core::time::{Millis, MINUTE_MS};
use proptest::prelude::*;

const NOW: Millis = 1_800_000_000_000.0;
const TAB: i32 = 4;

/// The run's sends, a minute or more apart, ending before `NOW - CORRELATION_MS` (all decided).
fn times(n: usize, gaps: &[u32]) -> Vec<Millis> {
    let mut at = NOW - 2.0 * CORRELATION_MS;
    let mut out = vec![at; n];
    for i in (0..n).rev() {
        out[i] = at;
        at -= MINUTE_MS * (1 + gaps.get(i).copied().unwrap_or(0) % 20) as f64;
    }
    out
}

fn signals() -> PageSignals {
    PageSignals::new(NOW - HORIZON_MS)
}

/// What a member's send looks like through the real ledger: which senses report it, and how late.
#[derive(Clone, Copy, Debug)]
enum Send {
    /// Both senses, the page's report `delay_ms` after the API answer (or before, when negative).
    Both { delay_ms: i32 },
    /// The API only.
    ApiOnly,
    /// The page only.
    PageOnly,
}

/// The ledger after `sends`, one a minute and a half apart to different people in one tab, ending
/// `end` before NOW.
fn ledger_of(sends: &[Send], end: Millis) -> Ledger {
    let mut l = Ledger::new();
    let n = sends.len();
    for (i, s) in sends.iter().enumerate() {
        let at = NOW - end - (n - 1 - i) as f64 * 90_000.0;
        let who = Invitee {
            vanity: Some(format!("person-{i}")),
            urn: Some(format!("ACoA{i}")),
            name: None,
        };
        let api = Observation::Api {
            request_id: format!("{i}"),
            status: 200,
            tab: Some(TAB),
            urn: who.urn.clone(),
            note: Some(false),
            note_len: None,
            at,
            tz: 0,
        };
        let page = |d: i32| Observation::DomSent {
            tab: Some(TAB),
            invitee: who.clone(),
            at: at + d as f64,
            tz: 0,
        };
        match *s {
            Send::Both { delay_ms } if delay_ms < 0 => {
                l.apply(&page(delay_ms));
                l.apply(&api);
            }
            Send::Both { delay_ms } => {
                l.apply(&api);
                l.apply(&page(delay_ms));
            }
            Send::ApiOnly => {
                l.apply(&api);
            }
            Send::PageOnly => {
                l.apply(&page(0));
            }
        }
    }
    l
}

fn healthy() -> impl Strategy<Value = Send> {
    (-20_000i32..20_000).prop_map(|delay_ms| Send::Both { delay_ms })
}

proptest! {
    /// Sends both senses saw, in either order and up to 20 s apart, with one of them seen by one
    /// sense only (a report lost, a page closed before Pending), anywhere: no state, ever.
    #[test]
    fn a_single_missing_signal_never_fires(
        sends in prop::collection::vec(healthy(), 0..30),
        lone in 0usize..30,
        page_only in any::<bool>(),
    ) {
        let mut sends = sends;
        if !sends.is_empty() {
            let i = lone % sends.len();
            sends[i] = if page_only { Send::PageOnly } else { Send::ApiOnly };
        }
        let l = ledger_of(&sends, 2.0 * CORRELATION_MS);
        let (sc, next) = self_check(l.events(), &signals(), NOW);
        prop_assert!(sc.is_clear(), "{:?}", sc);
        prop_assert_eq!(next, None);
    }

    /// The same with the last send's second signal still on its way (the page's report not in
    /// yet): undecided, so nothing, and the self-check asks to be run again when it is decided.
    #[test]
    fn a_late_signal_never_fires(sends in prop::collection::vec(healthy(), 0..30), page_first in any::<bool>()) {
        let mut sends = sends;
        sends.push(if page_first { Send::PageOnly } else { Send::ApiOnly });
        let l = ledger_of(&sends, 10_000.0);
        let (sc, next) = self_check(l.events(), &signals(), NOW);
        prop_assert!(sc.is_clear(), "{:?}", sc);
        prop_assert_eq!(next, Some(NOW - 10_000.0 + CORRELATION_MS));
    }

    /// K sends the API alone saw, after anything: guard blind; the page alone: counter blind.
    #[test]
    fn k_blind_sends_fire(sends in prop::collection::vec(healthy(), 0..20), page in any::<bool>()) {
        let mut sends = sends;
        sends.extend([if page { Send::PageOnly } else { Send::ApiOnly }; K]);
        let l = ledger_of(&sends, 2.0 * CORRELATION_MS);
        let (sc, _) = self_check(l.events(), &signals(), NOW);
        let (fired, quiet) = if page { (&sc.counter_blind, &sc.guard_blind) } else { (&sc.guard_blind, &sc.counter_blind) };
        let b = fired.as_ref().expect("fires");
        prop_assert!(quiet.is_none());
        prop_assert!(b.last as usize >= K);
        prop_assert!(b.since <= NOW);
    }

    /// Events that no tab ties to a page (seeded, imported, Sent-page, settled): never judged,
    /// whatever their sources.
    #[test]
    fn sends_without_a_tab_are_never_judged(kinds in prop::collection::vec(0u8..3, 0..40)) {
        let at = times(kinds.len(), &[]);
        let evs: Vec<Event> = kinds.iter().zip(&at).enumerate().map(|(i, (k, t))| {
            let source = [Source::Api, Source::Dom, Source::SentPage][*k as usize];
            Event::new(format!("e{i}"), EventKind::Sent, *t, 0, Invitee::default(), source)
        }).collect();
        prop_assert!(self_check(&evs, &signals(), NOW).0.is_clear());
    }

    /// The state machine over judged sends: fewer than K blind sends never hold; K blind last
    /// always hold; K seen last never hold; what it reports is consistent.
    #[test]
    fn the_state_machine(blind in prop::collection::vec(any::<bool>(), 0..60)) {
        let at: Vec<Millis> = (0..blind.len()).map(|i| i as Millis).collect();
        let b = run(&blind, &at);
        let n = blind.len();
        if blind.iter().filter(|x| **x).count() < K {
            prop_assert!(b.is_none());
        }
        if n >= K && blind[n - K..].iter().all(|x| *x) {
            prop_assert!(b.is_some());
        }
        if n >= K && blind[n - K..].iter().all(|x| !*x) {
            prop_assert!(b.is_none());
        }
        if let Some(b) = b {
            let i = b.since as usize;
            prop_assert!(blind[i], "it starts at a blind send");
            let row = i + 1 >= K && blind[i + 1 - K..=i].iter().all(|x| *x);
            let rate = blind[(i + 1).saturating_sub(RATE_WINDOW)..=i].iter().filter(|x| **x).count() >= RATE_BLIND;
            prop_assert!(row || rate);
            prop_assert!(b.last <= b.missed && b.missed <= b.of && b.of as usize == n.min(RATE_WINDOW));
        }
    }

    /// Appending a send the sense saw never starts a state; appending a blind one never ends one.
    #[test]
    fn one_more_send(blind in prop::collection::vec(any::<bool>(), 0..50), more in any::<bool>()) {
        let at: Vec<Millis> = (0..=blind.len()).map(|i| i as Millis).collect();
        let before = run(&blind, &at[..blind.len()]).is_some();
        let mut longer = blind.clone();
        longer.push(more);
        let after = run(&longer, &at).is_some();
        if more {
            prop_assert!(!before || after, "a blind send ended the state");
        } else {
            prop_assert!(!after || before, "a seen send started the state");
        }
    }

    /// More evidence of the page (a click) never makes the guard blind.
    #[test]
    fn a_click_never_blinds_the_guard(
        kinds in prop::collection::vec(any::<bool>(), 0..30),
        click_at in prop::collection::vec(0usize..30, 0..5),
    ) {
        let at = times(kinds.len(), &[]);
        let evs: Vec<Event> = kinds.iter().zip(&at).enumerate().map(|(i, (both, t))| Event {
            tab: Some(TAB),
            sources: if *both { vec![Source::Api, Source::Dom] } else { vec![Source::Api] },
            ..Event::new(format!("e{i}"), EventKind::Sent, *t, 0, Invitee::default(), Source::Api)
        }).collect();
        let without = self_check(&evs, &signals(), NOW).0.guard_blind.is_some();
        let mut s = signals();
        for i in click_at {
            if let Some(t) = at.get(i) {
                s.add_click(Click { signal: Signal::Send, at: t - 1_000.0, tab: TAB }, NOW);
            }
        }
        let with = self_check(&evs, &s, NOW).0.guard_blind.is_some();
        prop_assert!(!with || without);
    }

    /// The clicks kept are at most MAX_CLICKS, in order, and every send after `since` is judged
    /// as the whole list of clicks would judge it.
    #[test]
    fn the_bounded_clicks_judge_as_all_of_them(
        clicks in prop::collection::vec((0u32..(20 * 60), any::<bool>(), 0i32..3), 0..300),
        sends in prop::collection::vec((0u32..(20 * 60), 0i32..3), 0..40),
    ) {
        // Twenty hours of clicks and sends, a minute apart at most.
        let start = NOW - 20.0 * 60.0 * MINUTE_MS;
        let mut bounded = PageSignals::new(start - 1.0);
        let mut all = PageSignals::new(start - 1.0);
        let mut cs: Vec<Click> = clicks.iter().map(|(m, connect, tab)| Click {
            signal: if *connect { Signal::Connect } else { Signal::Send },
            at: start + *m as f64 * MINUTE_MS,
            tab: *tab,
        }).collect();
        cs.sort_by(|a, b| a.at.total_cmp(&b.at));
        let mut since = bounded.since;
        for c in &cs {
            bounded.add_click(*c, c.at);
            prop_assert!(bounded.since >= since);
            since = bounded.since;
            prop_assert!(bounded.clicks.len() <= MAX_CLICKS);
            prop_assert!(bounded.clicks.windows(2).all(|w| w[0].at <= w[1].at));
            if !all.clicks.contains(c) { all.clicks.push(*c); }
        }
        let evs: Vec<Event> = sends.iter().enumerate().map(|(i, (m, tab))| Event {
            tab: Some(*tab),
            ..Event::new(format!("s{i}"), EventKind::Sent, start + *m as f64 * MINUTE_MS + 30_000.0, 0, Invitee::default(), Source::Api)
        }).collect();
        let (a, _) = judged(&evs, &bounded, NOW);
        let (b, _) = judged(&evs, &all, NOW);
        let b: Vec<_> = b.into_iter().filter(|s| s.at > bounded.since).collect();
        prop_assert_eq!(a, b);
        prop_assert!(bounded.since <= start + 20.0 * 60.0 * MINUTE_MS + CONNECT_WAIT_MS);
    }
}
