//! Privacy the member controls (privacy.rs): names off in the quarantine's raw items, retention,
//! and "Don't keep who I invited".

use invite_guard_core::event_id::{anon_id, is_personal_id, ANON_PREFIX};
use invite_guard_core::export;
use invite_guard_core::health::{
    acceptance, cooldown, learned_ceiling, outcomes, pending_health, Outcome,
};
use invite_guard_core::import;
use invite_guard_core::ledger::{Applied, Event, EventKind, Invitee, Ledger};
use invite_guard_core::policy::guard_state;
use invite_guard_core::privacy::{
    expire, expire_raw, forget_settled, raw_without_name, retention_cutoff, retention_keys,
    RetentionKeys, PAIR_PREFIX,
};
use invite_guard_core::reconcile::reconcile;
use invite_guard_core::schema::month_key;
use invite_guard_core::sent_page::{parse_age, SentEntry};
use invite_guard_core::settings::{Settings, RETENTION_MONTHS};
use invite_guard_core::time::{LocalDay, Millis, DAY_MS, HOUR_MS, MINUTE_MS};
use proptest::prelude::*;
use serde_json::{json, Value};

mod common;
use common::{at_days_ago, event, who, NOW, TZ};

fn d(s: &str) -> LocalDay {
    LocalDay::parse(s).unwrap()
}

// ---- names off in raw stored items (finding 2) -----------------------------------------------------

#[test]
fn a_v2_array_loses_its_name_and_nothing_else() {
    let item = json!([
        "sp:ada",
        "sent",
        1.5e12,
        -60,
        "ACoA1",
        "ada",
        "Ada Lovelace",
        false,
        ["sent_page"],
        [],
        7,
        "from a newer version"
    ]);
    let mut want = item.clone();
    want[6] = Value::Null;
    assert_eq!(raw_without_name(item), want);
    // A nameless or short array is left as it is.
    let nameless = json!(["x", "sent", 1, 0, null, "ada", null, null, []]);
    assert_eq!(raw_without_name(nameless.clone()), nameless);
    let short = json!(["x", "sent", 1, 0, null, "ada"]);
    assert_eq!(raw_without_name(short.clone()), short);
    // Unreadable in other ways (why it is in the quarantine), the name still goes.
    let garbled = json!([null, "maybe", "soon", 0, 1, 2, "Ada Lovelace"]);
    assert_eq!(
        raw_without_name(garbled),
        json!([null, "maybe", "soon", 0, 1, 2, null])
    );
}

#[test]
fn a_v1_object_loses_invitee_name_and_nothing_else() {
    let item = json!({"id": "dom:ada@1", "kind": "sent", "at": 1, "day": "1970-01-01", "tz": 0,
        "invitee": {"urn": "ACoA1", "vanity": "ada", "name": "Ada Lovelace"}, "extra": {"name": "kept"}});
    let want = json!({"id": "dom:ada@1", "kind": "sent", "at": 1, "day": "1970-01-01", "tz": 0,
        "invitee": {"urn": "ACoA1", "vanity": "ada"}, "extra": {"name": "kept"}});
    assert_eq!(raw_without_name(item), want);
    for same in [
        json!({"id": "x", "invitee": {"vanity": "ada"}}),
        json!({"id": "x", "invitee": "Ada Lovelace"}),
        json!({"name": "not an event's field"}),
    ] {
        assert_eq!(raw_without_name(same.clone()), same);
    }
}

#[test]
fn anything_else_is_untouched() {
    for v in [
        json!(null),
        json!(42),
        json!("Ada Lovelace"),
        json!(true),
        json!([]),
        json!({}),
    ] {
        assert_eq!(raw_without_name(v.clone()), v);
    }
}

// ---- retention ---------------------------------------------------------------------------------------

#[test]
fn the_cutoff_is_local_midnight_months_before_today() {
    assert_eq!(
        retention_cutoff(NOW, TZ, 3),
        d("2026-08-27").start_ms(TZ),
        "three months before 27 November"
    );
    assert_eq!(retention_cutoff(NOW, TZ, 12), d("2025-11-27").start_ms(TZ));
    assert_eq!(
        retention_cutoff(NOW, 300, 24),
        d("2024-11-27").start_ms(300)
    );
    // Today is the member's local day: 23:30Z is already the 28th in UTC+1.
    let late = d("2026-11-27").start_ms(0) + 23.5 * HOUR_MS;
    assert_eq!(retention_cutoff(late, TZ, 6), d("2026-05-28").start_ms(TZ));
    // The same calendar day, clamped to the month's last day; across the year.
    let at = |day: &str| d(day).start_ms(TZ) + 9.0 * HOUR_MS;
    assert_eq!(
        retention_cutoff(at("2026-05-31"), TZ, 3),
        d("2026-02-28").start_ms(TZ)
    );
    assert_eq!(
        retention_cutoff(at("2028-05-31"), TZ, 3),
        d("2028-02-29").start_ms(TZ)
    );
    assert_eq!(
        retention_cutoff(at("2028-02-29"), TZ, 12),
        d("2027-02-28").start_ms(TZ)
    );
    assert_eq!(
        retention_cutoff(at("2027-01-15"), TZ, 3),
        d("2026-10-15").start_ms(TZ)
    );
    assert_eq!(
        retention_cutoff(at("2027-01-15"), TZ, 24),
        d("2025-01-15").start_ms(TZ)
    );
    assert_eq!(
        retention_cutoff(at("2026-12-31"), TZ, 6),
        d("2026-06-30").start_ms(TZ)
    );
}

#[test]
fn expire_removes_what_is_before_the_cutoff() {
    let cutoff = retention_cutoff(NOW, TZ, 3);
    let events = vec![
        event("old", EventKind::Sent, cutoff - 1.0, TZ, Invitee::default()),
        event("edge", EventKind::Sent, cutoff, TZ, Invitee::default()),
        event("new", EventKind::Refused, NOW, TZ, Invitee::default()),
        event(
            "older",
            EventKind::Withdrawn,
            cutoff - 400.0 * DAY_MS,
            TZ,
            Invitee::default(),
        ),
    ];
    let (kept, removed) = expire(events, cutoff);
    assert_eq!(removed, 2);
    let ids: Vec<&str> = kept.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["edge", "new"]);
}

#[test]
fn whole_months_before_the_cutoff_are_named_for_deletion() {
    let keys = [
        "ev:2026-05",
        "ev:2026-06",
        "ev:2026-07",
        "ev:2026-08",
        "ev:2026-09",
        "ev:2026-11",
        "settings",
        "ev:26-8",
        "quarantine",
    ];
    let cutoff = retention_cutoff(NOW, TZ, 3);
    assert_eq!(
        retention_keys(keys, cutoff),
        RetentionKeys {
            delete: vec![
                "ev:2026-05".into(),
                "ev:2026-06".into(),
                "ev:2026-07".into()
            ],
            trim: vec!["ev:2026-08".into()],
        }
    );
    // A cutoff at the start of a month: the month before may still hold events after it in a
    // time zone west of the member's, and the month itself ones before it in a zone east.
    let cutoff = d("2026-08-01").start_ms(TZ);
    assert_eq!(
        retention_keys(keys, cutoff),
        RetentionKeys {
            delete: vec!["ev:2026-05".into(), "ev:2026-06".into()],
            trim: vec!["ev:2026-07".into(), "ev:2026-08".into()],
        }
    );
    assert_eq!(retention_keys([], cutoff), RetentionKeys::default());
}

#[test]
fn raw_items_expire_by_their_readable_time() {
    let cutoff = retention_cutoff(NOW, TZ, 3);
    let old = cutoff - DAY_MS;
    let items = vec![
        json!(["a", "sent", old, -60, null, null, "Ada", null, []]),
        json!(["b", "maybe", cutoff, -60]),
        json!({"id": "c", "at": old, "kind": "unknown"}),
        json!({"id": "d", "at": NOW}),
        json!(["e", "sent", "long ago"]),
        json!({"id": "f", "at": "1970"}),
        json!("garbage"),
        json!(["g", "sent"]),
        json!(null),
    ];
    let (kept, removed) = expire_raw(items.clone(), cutoff);
    assert_eq!(removed, 2);
    let want: Vec<Value> = items
        .into_iter()
        .enumerate()
        .filter(|(i, _)| *i != 0 && *i != 2)
        .map(|(_, v)| v)
        .collect();
    assert_eq!(kept, want);
}

const TZS: [i32; 6] = [-840, -120, -60, 0, 300, 720];

fn history() -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec(
        (
            // Three years back to two days ahead (the clock went back), in minutes.
            -(3 * 366 * 24 * 60i64)..(2 * 24 * 60),
            prop::sample::select(TZS.to_vec()),
            0u8..8,
            prop::option::of(0u8..4),
        ),
        0..60,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (min, tz, k, who))| {
                let kind = match k {
                    0 => EventKind::Withdrawn,
                    1 => EventKind::Refused,
                    2 => EventKind::Accepted,
                    3 => EventKind::NoteRefused,
                    _ => EventKind::Sent,
                };
                let invitee = Invitee {
                    vanity: who.map(|w| format!("p{w}")),
                    ..Invitee::default()
                };
                event(
                    &format!("e{i}"),
                    kind,
                    NOW + min as f64 * MINUTE_MS,
                    tz,
                    invitee,
                )
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Expiry removes exactly the events before the cutoff, and a retention of 3 months or more
    /// leaves the guard's state at `now` as it was: today, the rolling week, the refusal hold and
    /// the re-invite cooldown all lie within three weeks.
    #[test]
    fn retention_keeps_the_guard_state(
        events in history(),
        months in prop::sample::select(RETENTION_MONTHS.to_vec()),
        tz in prop::sample::select(TZS.to_vec()),
        offset in 0u32..(24 * 60),
    ) {
        let now = NOW + offset as f64 * MINUTE_MS;
        let cutoff = retention_cutoff(now, tz, months);
        prop_assert!(cutoff <= now - 89.0 * DAY_MS, "{} months", months);
        let (kept, removed) = expire(events.clone(), cutoff);
        prop_assert_eq!(kept.len() + removed as usize, events.len());
        prop_assert!(kept.iter().all(|e| e.at >= cutoff));
        prop_assert_eq!(
            kept.len(),
            events.iter().filter(|e| e.at >= cutoff).count()
        );
        let settings = Settings::default();
        prop_assert_eq!(
            guard_state(&Ledger::from_events(kept), &settings, now, tz),
            guard_state(&Ledger::from_events(events.clone()), &settings, now, tz)
        );
        // Deleting whole keys agrees with expiring: a deleted month holds nothing at or after the
        // cutoff, and a month neither deleted nor trimmed nothing before it.
        let keys: Vec<String> = events.iter().map(|e| month_key(&e.day.month_key())).collect();
        let plan = retention_keys(keys.iter().map(String::as_str), cutoff);
        for (e, key) in events.iter().zip(&keys) {
            if plan.delete.contains(key) {
                prop_assert!(e.at < cutoff, "{} deleted", e.id);
            } else if !plan.trim.contains(key) {
                prop_assert!(e.at >= cutoff, "{} kept", e.id);
            }
        }
    }
}

// ---- "Don't keep who I invited" --------------------------------------------------------------------

fn ada() -> Invitee {
    who(Some("ACoA1"), Some("ada-lovelace"), Some("Ada Lovelace"))
}

/// Whether an event still says anything about the person.
fn personal(e: &Event) -> bool {
    e.invitee.vanity.is_some()
        || e.invitee.name.is_some()
        || e.invitee
            .urn
            .as_deref()
            .is_some_and(|u| !u.starts_with(PAIR_PREFIX))
        || is_personal_id(&e.id)
        || e.also.iter().any(|a| is_personal_id(a))
}

#[test]
fn personal_ids_and_their_stable_replacement() {
    for id in [
        "dom:ada-lovelace@1764259200412",
        "sp:ada-lovelace",
        "sp:ada-lovelace#2",
        "sp:name:ada lovelace",
        "wd:ACoA1@1764259200000",
        "acc:sp:ada-lovelace",
        "acc:dom:ada@1",
        "import:7",
    ] {
        assert!(is_personal_id(id), "{id}");
        let anon = anon_id(id);
        assert!(anon.starts_with(ANON_PREFIX), "{anon}");
        assert_eq!(anon.len(), ANON_PREFIX.len() + 16, "{anon}");
        assert!(!is_personal_id(&anon));
        assert!(!anon.contains("ada"), "{anon}");
        assert_eq!(anon_id(id), anon, "stable");
    }
    for id in [
        "api:20417@1764259200000",
        "alert:weekly@1",
        "acc:api:3@4",
        "anon:0123456789abcdef",
    ] {
        assert!(!is_personal_id(id), "{id}");
    }
    assert_ne!(anon_id("sp:ada"), anon_id("sp:bob"));
    // FNV-1a 64 of the id's UTF-8 bytes, as lower-case hex (a check value: "a").
    assert_eq!(anon_id("a"), "anon:af63dc4c8601ec8c");
}

#[test]
fn an_accepted_invitation_is_forgotten_with_its_acceptance() {
    let mut sent = event(
        "sp:ada-lovelace",
        EventKind::Sent,
        at_days_ago(10.0),
        TZ,
        ada(),
    );
    sent.also = vec!["dom:ada-lovelace@1".into(), "api:1@2".into()];
    let acc = event(
        "acc:sp:ada-lovelace",
        EventKind::Accepted,
        at_days_ago(2.0),
        TZ,
        ada(),
    );
    let pending = event(
        "dom:bo@3",
        EventKind::Sent,
        at_days_ago(40.0),
        TZ,
        who(None, Some("bo"), Some("Bo Kay")),
    );
    let before = vec![pending.clone(), sent.clone(), acc.clone()];
    let after = forget_settled(&before, NOW);
    assert_eq!(after[0], pending, "a pending invitation keeps the person");
    let (s, a) = (&after[1], &after[2]);
    assert!(!personal(s) && !personal(a), "{s:?} {a:?}");
    assert_eq!(s.id, anon_id("sp:ada-lovelace"));
    assert_eq!(a.id, anon_id("acc:sp:ada-lovelace"));
    assert_eq!(
        s.also,
        vec![anon_id("dom:ada-lovelace@1"), "api:1@2".to_string()]
    );
    let pair = s.invitee.urn.clone().expect("a pairing key");
    assert!(pair.starts_with(PAIR_PREFIX) && pair.len() == PAIR_PREFIX.len() + 16);
    assert_eq!(
        a.invitee, s.invitee,
        "the acceptance still points at its invitation"
    );
    assert_eq!(
        outcomes(&after)
            .into_iter()
            .map(|(e, o)| (e.at, o))
            .collect::<Vec<_>>(),
        outcomes(&before)
            .into_iter()
            .map(|(e, o)| (e.at, o))
            .collect::<Vec<_>>()
    );
    // Everything else about the events is as it was.
    for (x, y) in before.iter().zip(&after) {
        assert_eq!(
            (x.kind, x.at, x.day, x.tz, &x.sources),
            (y.kind, y.at, y.day, y.tz, &y.sources)
        );
    }
    assert_eq!(
        forget_settled(&after, NOW),
        after,
        "forgetting twice changes nothing"
    );
}

#[test]
fn a_withdrawal_is_forgotten_once_the_cooldown_is_over() {
    let sent = event(
        "dom:ada-lovelace@1",
        EventKind::Sent,
        at_days_ago(30.0),
        TZ,
        ada(),
    );
    for (days, forgotten) in [(10.0, false), (20.9, false), (21.0, true), (25.0, true)] {
        let wd = event(
            "wd:ACoA1@5",
            EventKind::Withdrawn,
            at_days_ago(days),
            TZ,
            ada(),
        );
        let before = vec![sent.clone(), wd];
        let after = forget_settled(&before, NOW);
        assert_eq!(after != before, forgotten, "{days} days");
        assert_eq!(
            guard_state(
                &Ledger::from_events(after.clone()),
                &Settings::default(),
                NOW,
                TZ
            ),
            guard_state(
                &Ledger::from_events(before.clone()),
                &Settings::default(),
                NOW,
                TZ
            ),
        );
        assert_eq!(
            cooldown(&after, &ada(), NOW),
            cooldown(&before, &ada(), NOW)
        );
        if forgotten {
            assert!(after.iter().all(|e| !personal(e)), "{after:?}");
        }
    }
}

#[test]
fn refusals_lose_the_person_after_three_weeks() {
    for (days, forgotten) in [(5.0, false), (21.0, true), (40.0, true)] {
        let r = event(
            "dom:ada-lovelace@9",
            EventKind::Refused,
            at_days_ago(days),
            TZ,
            ada(),
        );
        let after = forget_settled(std::slice::from_ref(&r), NOW);
        assert_eq!(personal(&after[0]), !forgotten, "{days}");
        if forgotten {
            assert_eq!(after[0].invitee, Invitee::default());
            assert_eq!(after[0].id, anon_id(&r.id));
        }
    }
}

#[test]
fn an_invitation_that_ends_a_cooldown_keeps_the_person_until_it_is_over() {
    // Withdrawn 10 days ago, invited again 5 days ago (LinkedIn allowed it), accepted yesterday.
    // The new invitation is what tells the guard the cooldown is over: forgetting it now would put
    // the person back in the cooldown list.
    let events = vec![
        event(
            "dom:ada-lovelace@1",
            EventKind::Sent,
            at_days_ago(20.0),
            TZ,
            ada(),
        ),
        event(
            "wd:ada-lovelace@2",
            EventKind::Withdrawn,
            at_days_ago(10.0),
            TZ,
            ada(),
        ),
        event(
            "dom:ada-lovelace@3",
            EventKind::Sent,
            at_days_ago(5.0),
            TZ,
            ada(),
        ),
        event(
            "acc:dom:ada-lovelace@3",
            EventKind::Accepted,
            at_days_ago(1.0),
            TZ,
            ada(),
        ),
    ];
    let after = forget_settled(&events, NOW);
    assert_eq!(after, events);
    let g = |e: &[Event], now| {
        guard_state(
            &Ledger::from_events(e.to_vec()),
            &Settings::default(),
            now,
            TZ,
        )
    };
    assert!(g(&events, NOW).cooldown.is_empty());
    // Once the withdrawal is three weeks old, both invitations go.
    let later = at_days_ago(-11.5);
    let after = forget_settled(&events, later);
    assert!(after.iter().all(|e| !personal(e)), "{after:?}");
    assert_eq!(g(&after, later), g(&events, later));
}

#[test]
fn forgotten_ids_are_still_known_and_an_old_export_adds_nothing() {
    let mut sent = event(
        "sp:ada-lovelace",
        EventKind::Sent,
        at_days_ago(30.0),
        TZ,
        ada(),
    );
    sent.also = vec!["dom:ada-lovelace@1".into()];
    let before = vec![
        sent,
        event(
            "acc:sp:ada-lovelace",
            EventKind::Accepted,
            at_days_ago(20.0),
            TZ,
            ada(),
        ),
        event(
            "dom:ACoA2@7",
            EventKind::Refused,
            at_days_ago(25.0),
            TZ,
            who(Some("ACoA2"), None, None),
        ),
    ];
    let after = forget_settled(&before, NOW);
    let mut l = Ledger::from_events(after.clone());
    for e in &before {
        assert!(l.knows(&e.id), "{}", e.id);
        for a in &e.also {
            assert!(l.knows(a), "{a}");
        }
        assert_eq!(l.add_event(e.clone()), Applied::Unchanged, "{}", e.id);
    }
    assert!(l.knows(&after[0].id));
    let file = export::to_json(&before, &Settings::default(), NOW);
    let p = import::preview(&after, &file, NOW).unwrap();
    assert!(p.add.is_empty(), "{:?}", p.add);
    assert_eq!(p.already, before.len());
    // And an export made after forgetting imports into the history it came from as nothing new.
    let file = export::to_json(&after, &Settings::default(), NOW);
    assert!(import::preview(&before, &file, NOW).unwrap().add.is_empty());
}

#[test]
fn a_person_invited_again_after_a_forgotten_withdrawal_is_counted() {
    // The Sent page shows ada again (invited from the phone after the cooldown): a new invitation,
    // although `sp:ada-lovelace`, the id reconcile would give, is the one a forgotten event had.
    let before = vec![
        event(
            "sp:ada-lovelace",
            EventKind::Sent,
            at_days_ago(60.0),
            TZ,
            ada(),
        ),
        event(
            "wd:ada-lovelace@1",
            EventKind::Withdrawn,
            at_days_ago(50.0),
            TZ,
            ada(),
        ),
    ];
    let after = forget_settled(&before, NOW);
    assert!(after.iter().all(|e| !personal(e)));
    let seen = [SentEntry {
        vanity: Some("ada-lovelace".into()),
        name: None,
        age: parse_age(
            "Sent 2 days ago",
            invite_guard_core::locale::page_texts_for("en"),
        ),
    }];
    let new = reconcile(&after, &seen, NOW, TZ);
    assert_eq!(new.len(), 1, "{new:?}");
    let mut l = Ledger::from_events(after);
    assert!(
        matches!(l.add_event(new[0].clone()), Applied::Added(_)),
        "{:?}",
        new[0].id
    );
    assert_eq!(l.sent().count(), 2);
}

// ---- the forgetting properties ---------------------------------------------------------------------

/// A person of a small pool with shared and conflicting keys (as health_outcomes.rs).
fn pool_person(k: u8) -> Invitee {
    match k % 6 {
        0 => who(Some("ACoA1"), Some("ada"), Some("Ada Quill")),
        1 => who(None, Some("ada"), None),
        2 => who(Some("ACoA1"), None, None),
        3 => who(None, None, Some("ada  quill")),
        4 => who(Some("ACoA2"), Some("bo"), Some("Bo Kay")),
        _ => who(None, Some("cy"), None),
    }
}

fn id_for(i: usize, form: u8, who: &Invitee) -> String {
    let key = who
        .urn
        .as_deref()
        .or(who.vanity.as_deref())
        .or(who.name.as_deref())
        .unwrap_or("unknown");
    match form % 7 {
        0 => format!("api:{i}@1"),
        1 => format!("dom:{key}@{i}"),
        2 => format!("sp:{key}#{i}"),
        3 => format!("sp:name:{key}#{i}"),
        4 => format!("wd:{key}@{i}"),
        5 => format!("acc:sp:{key}#{i}"),
        _ => format!("import:{i}"),
    }
}

fn ledger() -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec(
        (
            prop_oneof![5 => Just(EventKind::Sent), 2 => Just(EventKind::Accepted),
                2 => Just(EventKind::Withdrawn), 1 => Just(EventKind::Refused),
                1 => Just(EventKind::NoteRefused)],
            // 60 days back to a day ahead, in hours; coarse, so that times tie.
            -(60 * 24i32)..24,
            0u8..6,
            any::<u8>(),
            prop::option::of(any::<bool>()),
            any::<bool>(),
        ),
        0..30,
    )
    .prop_map(|rows| {
        let mut evs: Vec<Event> = rows
            .into_iter()
            .enumerate()
            .map(|(i, (kind, h, p, form, note, also))| {
                let who = pool_person(p);
                let mut e = event(
                    &id_for(i, form, &who),
                    kind,
                    NOW + (h / 4 * 4) as f64 * HOUR_MS,
                    TZ,
                    who.clone(),
                );
                if kind == EventKind::Sent {
                    e.note = note;
                }
                if also {
                    e.also = vec![
                        id_for(i + 1000, form.wrapping_add(1), &who),
                        format!("api:{i}@9"),
                    ];
                }
                e
            })
            .collect();
        evs.sort_by(|a, b| a.at.total_cmp(&b.at));
        evs
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// Forgetting changes who, never what: counts, outcomes, acceptance rates, pending health, the
    /// learned ceiling, the guard state and the re-invite cooldown are the same before and after;
    /// pending invitations are untouched; what is forgotten says nothing about the person; every old
    /// id is still known (a replay or re-import adds nothing); forgetting twice is forgetting once.
    #[test]
    fn forgetting_changes_who_never_what(
        before in ledger(),
        hours in 0u32..(30 * 24),
        caps in prop::sample::select(vec![(20u32, 100u32), (3, 5)]),
    ) {
        let now = NOW + hours as f64 * HOUR_MS;
        let after = forget_settled(&before, now);
        prop_assert_eq!(forget_settled(&after, now), after.clone(), "twice");
        prop_assert_eq!(after.len(), before.len());
        for (x, y) in before.iter().zip(&after) {
            prop_assert_eq!((x.kind, x.at, x.day, x.tz, &x.sources, x.note, x.note_len, x.tab),
                (y.kind, y.at, y.day, y.tz, &y.sources, y.note, y.note_len, y.tab));
            if x != y {
                prop_assert!(!personal(y), "half forgotten: {:?}", y);
            }
        }
        let ob: Vec<(Millis, Outcome)> = outcomes(&before).into_iter().map(|(e, o)| (e.at, o)).collect();
        let oa: Vec<(Millis, Outcome)> = outcomes(&after).into_iter().map(|(e, o)| (e.at, o)).collect();
        prop_assert_eq!(oa, ob);
        for ((x, o), (y, _)) in outcomes(&before).into_iter().zip(outcomes(&after)) {
            if o == Outcome::Pending {
                prop_assert_eq!(x, y, "a pending invitation changed");
            }
        }
        prop_assert_eq!(acceptance(&after, now), acceptance(&before, now));
        prop_assert_eq!(pending_health(&after, Some(7), 3, now), pending_health(&before, Some(7), 3, now));
        prop_assert_eq!(learned_ceiling(&after), learned_ceiling(&before));
        let settings = Settings {
            preset: invite_guard_core::presets::AccountType::Custom,
            daily_cap: caps.0,
            weekly_cap: caps.1,
            warn_remaining: 1,
            ..Settings::default()
        };
        let (lb, la) = (Ledger::from_events(before.clone()), Ledger::from_events(after.clone()));
        prop_assert_eq!(guard_state(&la, &settings, now, TZ), guard_state(&lb, &settings, now, TZ));
        for k in 0..6 {
            prop_assert_eq!(cooldown(&after, &pool_person(k), now), cooldown(&before, &pool_person(k), now));
        }
        for e in &before {
            prop_assert!(la.knows(&e.id), "{} unknown", e.id);
            for a in &e.also {
                prop_assert!(la.knows(a), "{} unknown", a);
            }
        }
        let file = export::to_json(&before, &Settings::default(), now);
        let p = import::preview(&after, &file, now).unwrap();
        prop_assert!(p.add.is_empty(), "re-import adds {:?}", p.add);
    }
}
