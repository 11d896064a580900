//! Reconciling the ledger with LinkedIn's Sent page and with connections (reconcile.rs): what is added,
//! what is matched, and idempotency.

use invite_guard_core::ledger::{Event, EventKind, Invitee, Ledger, Source};
use invite_guard_core::locale::page_texts_for as table_for;
use invite_guard_core::policy::guard_state;
use invite_guard_core::reconcile::{
    accepted, cap_sent_page, connected, reconcile, LIST_GRACE_MS, SENT_PAGE_MAX_DAY,
    SENT_PAGE_MAX_WEEK,
};
use invite_guard_core::sent_page::{parse_age, parse_connected, AgeRange, AgeUnit, SentEntry};
use invite_guard_core::settings::Settings;
use invite_guard_core::time::{LocalDay, Millis, DAY_MS, HOUR_MS};
use proptest::prelude::*;

mod common;
use common::{at_days_ago, ids, who, NOW, TZ};

/// An event at the member's usual offset.
fn event(id: &str, kind: EventKind, at: Millis, invitee: Invitee) -> Event {
    common::event(id, kind, at, TZ, invitee)
}

fn sent(id: &str, days_ago: f64, invitee: Invitee) -> Event {
    event(id, EventKind::Sent, at_days_ago(days_ago), invitee)
}

fn entry(vanity: Option<&str>, name: Option<&str>, age: &str) -> SentEntry {
    SentEntry {
        vanity: vanity.map(str::to_string),
        name: name.map(str::to_string),
        age: parse_age(age, table_for("en")),
    }
}

// ---- reconcile -----------------------------------------------------------------------------------

#[test]
fn a_send_from_the_phone_is_added_and_counted() {
    let ledger = vec![sent("api:1@1", 0.1, who(Some("U1"), Some("ada"), None))];
    let seen = [
        entry(Some("ada"), None, "Sent 2 hours ago"),
        entry(Some("bob"), Some("Bob B"), "Sent today"),
    ];
    let new = reconcile(&ledger, &seen, NOW, TZ);
    assert_eq!(ids(&new), ["sp:bob"]);
    let e = &new[0];
    assert_eq!(
        (e.kind, e.at, e.day),
        (EventKind::Sent, NOW, LocalDay::at(NOW, TZ))
    );
    assert_eq!(e.sources, vec![Source::SentPage]);
    assert_eq!(e.invitee, who(None, Some("bob"), Some("Bob B")));
    // "Sent today" counts toward today's cap.
    let mut l = Ledger::from_events(ledger);
    for e in new {
        l.add_event(e);
    }
    let g = guard_state(&l, &Settings::default(), NOW, TZ);
    assert_eq!((g.sent_today, g.sent_week), (2, 2));
}

#[test]
fn an_older_send_is_placed_at_the_newest_moment_its_text_allows() {
    let new = reconcile(&[], &[entry(Some("c"), None, "Sent 6 days ago")], NOW, TZ);
    assert_eq!(new[0].at, NOW - 6.0 * DAY_MS);
    let new = reconcile(&[], &[entry(Some("c"), None, "Sent yesterday")], NOW, TZ);
    assert_eq!(new[0].day.next(), LocalDay::at(NOW, TZ));
}

#[test]
fn matching_by_vanity_name_and_unnamed() {
    let ledger = vec![
        // by vanity, case aside, 20 days ago ("Sent 3 weeks ago" is 21..=27 days; a day of slack)
        sent("a", 20.0, who(None, Some("Ann-A"), None)),
        // by name: the ledger knows no vanity
        sent("b", 2.0, who(None, None, Some("Bea  B"))),
        // known only by URN (the API alone): stands for one entry of about that age
        sent("c", 9.0, who(Some("U3"), None, None)),
    ];
    let seen = [
        entry(Some("ann-a"), None, "Sent 3 weeks ago"),
        entry(Some("bea"), Some("Bea B"), "Sent 2 days ago"),
        entry(Some("cy"), Some("Cy C"), "Sent 1 week ago"),
        entry(Some("dee"), Some("Dee D"), "Sent 1 week ago"),
    ];
    let new = reconcile(&ledger, &seen, NOW, TZ);
    assert_eq!(ids(&new), ["sp:dee"]);
}

#[test]
fn out_of_window_or_other_people_are_not_matches() {
    let ledger = vec![
        // Same vanity, but sent 60 days ago: a new invitation after a withdrawal.
        sent("old", 60.0, who(None, Some("ann"), None)),
        event(
            "sp:ann",
            EventKind::Sent,
            NOW - 60.0 * DAY_MS,
            who(None, Some("ann"), None),
        ),
        // Same name, but a different vanity: someone else.
        sent("b", 2.0, who(None, Some("bea-2"), Some("Bea B"))),
        // Refusals never stand for an invitation on the page.
        event(
            "r",
            EventKind::Refused,
            NOW - DAY_MS,
            who(None, Some("cy"), None),
        ),
    ];
    let seen = [
        entry(Some("ann"), None, "Sent 2 days ago"),
        entry(Some("bea"), Some("Bea B"), "Sent 2 days ago"),
        entry(Some("cy"), None, "Sent yesterday"),
    ];
    let new = reconcile(&ledger, &seen, NOW, TZ);
    assert_eq!(ids(&new), ["sp:ann#2", "sp:bea", "sp:cy"]);
}

#[test]
fn entries_without_a_person_or_an_age_add_nothing() {
    let seen = [
        entry(None, None, "Sent today"),
        entry(Some(" "), Some(""), "Sent today"),
        entry(Some("x"), None, "garbled"),
    ];
    assert!(reconcile(&[], &seen, NOW, TZ).is_empty());
    // Name only: kept under its name.
    let new = reconcile(&[], &[entry(None, Some("Eve E"), "Sent today")], NOW, TZ);
    assert_eq!(ids(&new), ["sp:name:eve e"]);
    // The same card read twice is one invitation.
    let twice = [
        entry(Some("f"), None, "Sent today"),
        entry(Some("F"), None, "Sent today"),
    ];
    assert_eq!(reconcile(&[], &twice, NOW, TZ).len(), 1);
}

#[test]
fn an_entry_without_age_matches_a_pending_invitation_by_vanity() {
    let ledger = vec![sent("a", 50.0, who(None, Some("ann"), None))];
    let seen = [entry(Some("ann"), None, "")];
    assert!(reconcile(&ledger, &seen, NOW, TZ).is_empty());
}

// ---- accepted ------------------------------------------------------------------------------------

#[test]
fn accepted_needs_the_whole_list() {
    let ledger = vec![sent("a", 5.0, who(None, Some("ann"), None))];
    assert!(accepted(&ledger, &[], false, NOW, TZ).is_empty());
    let acc = accepted(&ledger, &[], true, NOW, TZ);
    assert_eq!(ids(&acc), ["acc:a"]);
    assert_eq!((acc[0].kind, acc[0].at), (EventKind::Accepted, NOW));
    assert_eq!(acc[0].invitee, who(None, Some("ann"), None));
    assert_eq!(acc[0].sources, vec![Source::SentPage]);
}

#[test]
fn what_is_not_taken_as_accepted() {
    let ledger = vec![
        // still on the list (by vanity; by name for a card without a link)
        sent("on", 5.0, who(None, Some("ann"), None)),
        sent("on2", 5.0, who(None, None, Some("Bo B"))),
        // withdrawn
        sent("w", 5.0, who(None, Some("cy"), None)),
        event(
            "wd",
            EventKind::Withdrawn,
            NOW - DAY_MS,
            who(None, Some("cy"), None),
        ),
        // sent moments ago: the list may predate it
        event(
            "new",
            EventKind::Sent,
            NOW - LIST_GRACE_MS / 2.0,
            who(None, Some("dee"), None),
        ),
        // known only by URN: cannot be looked for
        sent("urn", 5.0, who(Some("U9"), None, None)),
        // accepted already
        sent("done", 9.0, who(None, Some("eve"), None)),
        event(
            "acc:done",
            EventKind::Accepted,
            NOW - DAY_MS,
            who(None, Some("eve"), None),
        ),
    ];
    let seen = [
        entry(Some("ann"), None, "Sent 5 days ago"),
        entry(None, Some("bo b"), "Sent 5 days ago"),
    ];
    assert!(accepted(&ledger, &seen, true, NOW, TZ).is_empty());
}

#[test]
fn accepted_is_idempotent() {
    let mut ledger = vec![
        sent("a", 5.0, who(None, Some("ann"), None)),
        sent("b", 5.0, who(None, Some("bea"), None)),
    ];
    let seen = [entry(Some("bea"), None, "Sent 5 days ago")];
    let acc = accepted(&ledger, &seen, true, NOW, TZ);
    assert_eq!(ids(&acc), ["acc:a"]);
    ledger.extend(acc);
    assert!(accepted(&ledger, &seen, true, NOW + HOUR_MS, TZ).is_empty());
}

// ---- connected -----------------------------------------------------------------------------------

#[test]
fn a_first_degree_profile_accepts_the_pending_invitation() {
    let mut ledger = vec![sent("a", 5.0, who(Some("U1"), None, None))];
    let acc = connected(&ledger, &who(Some("U1"), Some("ann"), None), None, NOW, TZ).unwrap();
    assert_eq!(
        (acc.id.as_str(), acc.kind, acc.at),
        ("acc:a", EventKind::Accepted, NOW)
    );
    assert_eq!(acc.invitee, who(Some("U1"), Some("ann"), None));
    assert_eq!(acc.sources, vec![Source::Connection]);
    ledger.push(acc);
    assert_eq!(
        connected(&ledger, &who(Some("U1"), None, None), None, NOW, TZ),
        None
    );
    // The Sent page's inference then agrees there is nothing left to accept.
    assert!(accepted(&ledger, &[], true, NOW, TZ).is_empty());
}

#[test]
fn connected_dates() {
    let en = table_for("en");
    let ledger = vec![sent("a", 10.0, who(None, Some("ann"), None))];
    let ann = who(None, Some("ann"), None);
    let on = |text: &str| {
        let c = parse_connected(text, en).unwrap();
        connected(&ledger, &ann, Some(&c), NOW, TZ).map(|e| e.at)
    };
    // 2026-11-25 local: after the send, before now.
    let day = LocalDay::parse("2026-11-25").unwrap();
    assert_eq!(on("Connected on November 25, 2026"), Some(day.start_ms(TZ)));
    assert_eq!(on("Connected 2 days ago"), Some(NOW - 2.0 * DAY_MS));
    // The day of the send: clamped to the send.
    assert_eq!(on("Connected 10 days ago"), Some(NOW - 10.0 * DAY_MS));
    // Connected long before the invitation: not its acceptance.
    assert_eq!(on("Connected on March 3, 2026"), None);
    assert_eq!(on("Connected 2 months ago"), None);
}

#[test]
fn connected_needs_a_pending_invitation() {
    let ann = who(None, Some("ann"), None);
    assert_eq!(connected(&[], &ann, None, NOW, TZ), None);
    let withdrawn = vec![
        sent("a", 10.0, ann.clone()),
        event("w", EventKind::Withdrawn, NOW - 5.0 * DAY_MS, ann.clone()),
    ];
    assert_eq!(connected(&withdrawn, &ann, None, NOW, TZ), None);
    assert_eq!(
        connected(&withdrawn, &Invitee::default(), None, NOW, TZ),
        None
    );
}

// ---- properties ----------------------------------------------------------------------------------

const PEOPLE: [(Option<&str>, Option<&str>); 6] = [
    (Some("ann"), Some("Ann A")),
    (Some("bea"), None),
    (None, Some("Cy C")),
    (Some("dee"), Some("Dee D")),
    (None, None),
    (Some("eve"), Some("Ann A")),
];

const AGES: [&str; 9] = [
    "Sent today",
    "Sent yesterday",
    "Sent 5 hours ago",
    "Sent 3 days ago",
    "Sent 6 days ago",
    "Sent 1 week ago",
    "Sent 3 weeks ago",
    "Sent a month ago",
    "",
];

fn ledger_strategy() -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec(
        (0usize..PEOPLE.len(), 0.0f64..80.0, any::<bool>(), 0u8..10),
        0..12,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (p, days, urn, k))| {
                let (v, n) = PEOPLE[p];
                let kind = match k {
                    0 => EventKind::Withdrawn,
                    1 => EventKind::Refused,
                    2 => EventKind::Accepted,
                    _ => EventKind::Sent,
                };
                let urn = urn.then(|| format!("U{p}"));
                event(
                    &format!("e{i}"),
                    kind,
                    NOW - days * DAY_MS,
                    Invitee {
                        urn,
                        vanity: v.map(str::to_string),
                        name: n.map(str::to_string),
                    },
                )
            })
            .collect()
    })
}

fn seen_strategy() -> impl Strategy<Value = Vec<SentEntry>> {
    prop::collection::vec((0usize..PEOPLE.len(), 0usize..AGES.len()), 0..8).prop_map(|rows| {
        rows.into_iter()
            .map(|(p, a)| entry(PEOPLE[p].0, PEOPLE[p].1, AGES[a]))
            .collect()
    })
}

proptest! {
    #[test]
    fn reconcile_is_idempotent(
        mut events in ledger_strategy(),
        seen in seen_strategy(),
        tz in -840i32..=720,
    ) {
        let first = reconcile(&events, &seen, NOW, tz);
        for e in &first {
            prop_assert_eq!(e.kind, EventKind::Sent);
            prop_assert!(e.at <= NOW);
            prop_assert!(!events.iter().any(|x| x.id == e.id));
        }
        let mut unique: Vec<&str> = first.iter().map(|e| e.id.as_str()).collect();
        unique.sort();
        unique.dedup();
        prop_assert_eq!(unique.len(), first.len());
        events.extend(first);
        prop_assert_eq!(reconcile(&events, &seen, NOW, tz), Vec::<Event>::new());

        let acc = accepted(&events, &seen, true, NOW, tz);
        for e in &acc {
            prop_assert_eq!(e.kind, EventKind::Accepted);
        }
        events.extend(acc);
        prop_assert_eq!(accepted(&events, &seen, true, NOW, tz), Vec::<Event>::new());
        // Accepting changes no count: the caps only count `Sent`.
        prop_assert_eq!(reconcile(&events, &seen, NOW, tz), Vec::<Event>::new());
    }

    #[test]
    fn every_entry_with_an_age_is_accounted_for(seen in seen_strategy()) {
        // On an empty ledger each distinct person becomes one event when their first card has an age.
        let new = reconcile(&[], &seen, NOW, TZ);
        let mut firsts: Vec<(usize, bool)> = Vec::new();
        for s in &seen {
            let p = PEOPLE.iter().position(|p| p.0 == s.vanity.as_deref() && p.1 == s.name.as_deref()).unwrap();
            if PEOPLE[p] != (None, None) && !firsts.iter().any(|f| f.0 == p) {
                firsts.push((p, s.age.is_some()));
            }
        }
        prop_assert_eq!(new.len(), firsts.iter().filter(|f| f.1).count());
    }

    #[test]
    fn any_age_estimate_fits_its_own_span(n in 0u32..100, u in 0usize..7, now in 1.0e12f64..4.0e12, tz in -840i32..=720) {
        let unit = [AgeUnit::Second, AgeUnit::Minute, AgeUnit::Hour, AgeUnit::Day, AgeUnit::Week, AgeUnit::Month, AgeUnit::Year][u];
        let r = AgeRange::ago(n, unit).unwrap();
        let e = SentEntry { vanity: Some("x".into()), name: None, age: Some(r) };
        let new = reconcile(&[], std::slice::from_ref(&e), now, tz);
        prop_assert_eq!(new.len(), 1);
        prop_assert!(reconcile(&new, &[e], now, tz).is_empty());
    }
}

#[test]
fn an_ended_invitation_known_by_urn_alone_is_not_on_the_page() {
    // Seen only through the API (URN only) and accepted since (a 1st-degree profile gave its URN):
    // it has left the Sent page, so a card of about its age is another invitation, from another
    // device, and is added.
    let ledger = vec![
        sent("api:1@1", 3.0, who(Some("U1"), None, None)),
        event(
            "acc:api:1@1",
            EventKind::Accepted,
            NOW - 2.0 * DAY_MS,
            who(Some("U1"), None, None),
        ),
    ];
    let seen = [entry(Some("zed"), None, "Sent 3 days ago")];
    assert_eq!(ids(&reconcile(&ledger, &seen, NOW, TZ)), ["sp:zed"]);
    // Still pending, it is the card's own invitation (pass 3), as before.
    assert!(reconcile(&ledger[..1], &seen, NOW, TZ).is_empty());
}

// ---- the Sent-page cap (finding 6) -----------------------------------------------------------------

/// Adds what reconcile finds, capped, as the background does; returns how many were held back.
fn reconcile_capped(ledger: &mut Ledger, seen: &[SentEntry], now: Millis) -> (usize, u32) {
    let new = reconcile(ledger.events(), seen, now, TZ);
    let (kept, held) = cap_sent_page(ledger.events(), new, now);
    let n = kept.len();
    for e in kept {
        ledger.add_event(e);
    }
    (n, held)
}

fn cards(prefix: &str, n: usize, age: &str) -> Vec<SentEntry> {
    (0..n)
        .map(|i| entry(Some(&format!("{prefix}-{i}")), None, age))
        .collect()
}

#[test]
fn the_caps_cite_limits_md() {
    assert_eq!((SENT_PAGE_MAX_DAY, SENT_PAGE_MAX_WEEK), (100, 200));
}

#[test]
fn five_thousand_today_cards_add_at_most_the_daily_cap() {
    // Three sends already counted today, to people the page does not list.
    let mut l = Ledger::from_events(
        (0..3)
            .map(|i| {
                let v = format!("elsewhere-{i}");
                sent(
                    &format!("dom:{v}@1"),
                    0.01 * i as f64,
                    who(None, Some(&v), None),
                )
            })
            .collect(),
    );
    let (added, held) = reconcile_capped(&mut l, &cards("v", 5_000, "Sent today"), NOW);
    assert_eq!(added, 100 - 3);
    assert_eq!(held, 5_000 - 97);
    let g = guard_state(&l, &Settings::default(), NOW, TZ);
    assert_eq!((g.sent_today, g.sent_week), (100, 100));

    // A second report naming 5,000 other people adds nothing more today.
    let (added, held) = reconcile_capped(&mut l, &cards("w", 5_000, "Sent today"), NOW);
    assert_eq!((added, held), (0, 5_000));
    assert_eq!(
        guard_state(&l, &Settings::default(), NOW, TZ).sent_today,
        100
    );
}

#[test]
fn the_week_is_capped_newest_first() {
    let mut seen = cards("t", 300, "Sent today");
    seen.extend(cards("y", 300, "Sent yesterday"));
    seen.extend(cards("d", 300, "Sent 3 days ago"));
    let mut l = Ledger::new();
    let (added, held) = reconcile_capped(&mut l, &seen, NOW);
    assert_eq!((added, held), (200, 700));
    // Today's and yesterday's first (the newest), then the week is full.
    let today = LocalDay::at(NOW, TZ);
    let by = |d: LocalDay| l.sent().filter(|e| e.day == d).count();
    assert_eq!(by(today), 100);
    assert_eq!(l.sent().count(), 200);
    assert!(l.sent().all(|e| e.at > NOW - 2.0 * DAY_MS));
    // The kept ones are the first cards of each day, in the page's order.
    assert!(l.get("sp:t-0").is_some() && l.get("sp:t-99").is_some());
    assert!(l.get("sp:t-100").is_none());
}

#[test]
fn old_cards_do_not_touch_the_budget() {
    // "Sent 3 months ago" is outside the rolling week: not capped, and it counts nowhere.
    let mut l = Ledger::new();
    let (added, held) = reconcile_capped(&mut l, &cards("old", 500, "Sent 3 months ago"), NOW);
    assert_eq!((added, held), (500, 0));
    let g = guard_state(&l, &Settings::default(), NOW, TZ);
    assert_eq!((g.sent_today, g.sent_week), (0, 0));
    // The budget is intact for today's cards.
    let (added, _) = reconcile_capped(&mut l, &cards("new", 150, "Sent today"), NOW);
    assert_eq!(added, 100);
}

#[test]
fn a_realistic_report_is_untouched() {
    // 30 cards over three weeks, ten of them already in the ledger.
    let ages = [
        "Sent today",
        "Sent today",
        "Sent 5 hours ago",
        "Sent yesterday",
        "Sent yesterday",
        "Sent 2 days ago",
        "Sent 3 days ago",
        "Sent 4 days ago",
        "Sent 5 days ago",
        "Sent 6 days ago",
        "Sent 1 week ago",
        "Sent 2 weeks ago",
        "Sent 3 weeks ago",
    ];
    let seen: Vec<SentEntry> = (0..30)
        .map(|i| entry(Some(&format!("p{i}")), None, ages[i % ages.len()]))
        .collect();
    let mut l = Ledger::new();
    let first = reconcile(l.events(), &seen[..10], NOW, TZ);
    for e in first {
        l.add_event(e);
    }
    let new = reconcile(l.events(), &seen, NOW, TZ);
    assert_eq!(new.len(), 20);
    let (kept, held) = cap_sent_page(l.events(), new.clone(), NOW);
    assert_eq!(held, 0);
    assert_eq!(kept, new);
}

proptest! {
    /// Reconcile then cap, twice on the same page: the second pass adds nothing and holds back no
    /// more than the first; no day of the week goes over the daily cap through the page, nor the
    /// week over the weekly one, unless it already was.
    #[test]
    fn reconcile_and_cap_is_idempotent(
        events in ledger_strategy(),
        many in prop::collection::vec((0usize..AGES.len(), 0usize..60), 0..6),
        seen in seen_strategy(),
    ) {
        let mut seen = seen;
        for (k, (a, n)) in many.iter().enumerate() {
            seen.extend(cards(&format!("bulk{k}"), *n * 5, AGES[*a]));
        }
        let mut l = Ledger::from_events(events);
        let before = l.clone();
        let (_, held1) = reconcile_capped(&mut l, &seen, NOW);
        let after = l.clone();
        let (added2, held2) = reconcile_capped(&mut l, &seen, NOW);
        prop_assert_eq!(added2, 0);
        prop_assert!(held2 <= held1, "{} > {}", held2, held1);
        prop_assert_eq!(&l, &after);
        let week = |l: &Ledger| l.sent().filter(|e| e.at > NOW - 7.0 * DAY_MS).count() as u32;
        prop_assert!(week(&l) <= SENT_PAGE_MAX_WEEK.max(week(&before)));
        let mut days: Vec<LocalDay> = l.sent().map(|e| e.day).collect();
        days.dedup();
        for d in days {
            let count = |l: &Ledger| l.sent().filter(|e| e.day == d).count() as u32;
            let new_in_week = l.sent().any(|e| e.day == d && e.at > NOW - 7.0 * DAY_MS
                && before.get(&e.id).is_none());
            if new_in_week {
                prop_assert!(count(&l) <= SENT_PAGE_MAX_DAY.max(count(&before)));
            }
        }
    }
}
