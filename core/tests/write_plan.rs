//! Writing the ledger back by month (schema.rs `plan_writes`, `merge_month`): a month key that was
//! not read is never overwritten (finding 1: an event stored under the wrong month key, moved to its
//! own month on the next save, replaced that month's stored events when it had not been loaded).

use invite_guard_core::ledger::{Event, EventKind, Invitee, Ledger, Source};
use invite_guard_core::schema::{merge_month, month_key, plan_writes, split_by_month, WritePlan};
use invite_guard_core::time::{LocalDay, Millis, HOUR_MS};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

mod common;
use common::{ids, TZ};

/// Noon UTC on a day of 2026.
fn day(month: u8, d: u8) -> Millis {
    LocalDay {
        year: 2026,
        month,
        day: d,
    }
    .start_ms(0)
        + 12.0 * HOUR_MS
}

/// A send with no person, at the member's usual offset.
fn event(id: &str, at: Millis) -> Event {
    common::event(id, EventKind::Sent, at, TZ, Invitee::default())
}

/// What the background does with a plan: reads each stray month, merges, and writes it together
/// with `writes`. Returns the storage afterwards.
fn apply_plan(
    mut storage: BTreeMap<String, Vec<Event>>,
    plan: &WritePlan,
) -> BTreeMap<String, Vec<Event>> {
    for (key, strays) in &plan.strays {
        let read = storage.get(key).cloned().unwrap_or_default();
        storage.insert(key.clone(), merge_month(read, strays.clone()));
    }
    for (key, evs) in &plan.writes {
        storage.insert(key.clone(), evs.clone());
    }
    storage
}

#[test]
fn a_stray_event_does_not_replace_a_month_that_was_not_read() {
    // The reproduction: August holds three events; a restored backup put an August event under
    // November's key. The background loads October and November only, applies a new send, saves.
    let august = vec![
        event("a1", day(8, 3)),
        event("a2", day(8, 10)),
        event("a3", day(8, 20)),
    ];
    let stray = event("stray", day(8, 15));
    let november = vec![stray.clone(), event("n1", day(11, 2))];
    let october = vec![event("o1", day(10, 5))];
    let storage: BTreeMap<String, Vec<Event>> = [
        ("ev:2026-08".to_string(), august.clone()),
        ("ev:2026-10".to_string(), october.clone()),
        ("ev:2026-11".to_string(), november.clone()),
    ]
    .into();
    let loaded: BTreeMap<String, Vec<Event>> = [
        ("ev:2026-10".to_string(), october.clone()),
        ("ev:2026-11".to_string(), november.clone()),
    ]
    .into();
    let mut ledger = Ledger::from_events(loaded.values().flatten().cloned().collect());
    ledger.add_event(event("n2", day(11, 3)));

    let plan = plan_writes(&loaded, ledger.events(), false);
    assert_eq!(
        plan.writes.keys().collect::<Vec<_>>(),
        ["ev:2026-11"],
        "only the loaded month that changed: {plan:?}"
    );
    assert_eq!(ids(&plan.writes["ev:2026-11"]), ["n1", "n2"]);
    assert_eq!(plan.strays.keys().collect::<Vec<_>>(), ["ev:2026-08"]);
    assert_eq!(ids(&plan.strays["ev:2026-08"]), ["stray"]);

    let after = apply_plan(storage, &plan);
    assert_eq!(
        ids(&after["ev:2026-08"]),
        ["a1", "a2", "stray", "a3"],
        "August keeps its three events and gains the stray, in time order"
    );
    assert_eq!(ids(&after["ev:2026-10"]), ["o1"]);
    assert_eq!(ids(&after["ev:2026-11"]), ["n1", "n2"]);
}

#[test]
fn a_loaded_month_left_empty_is_written_empty() {
    // November's only event belongs to October; both loaded: it moves, and November is emptied
    // rather than left holding a second copy.
    let loaded: BTreeMap<String, Vec<Event>> = [
        ("ev:2026-10".to_string(), vec![event("o1", day(10, 5))]),
        ("ev:2026-11".to_string(), vec![event("moved", day(10, 9))]),
    ]
    .into();
    let ledger = Ledger::from_events(loaded.values().flatten().cloned().collect());
    let plan = plan_writes(&loaded, ledger.events(), false);
    assert!(plan.strays.is_empty(), "{plan:?}");
    assert_eq!(ids(&plan.writes["ev:2026-10"]), ["o1", "moved"]);
    assert_eq!(plan.writes["ev:2026-11"], Vec::<Event>::new());
}

#[test]
fn unchanged_months_are_not_written_unless_all_are_rewritten() {
    let loaded: BTreeMap<String, Vec<Event>> = [
        ("ev:2026-10".to_string(), vec![event("o1", day(10, 5))]),
        ("ev:2026-11".to_string(), vec![event("n1", day(11, 5))]),
        // A month key that was read but held nothing (absent in storage).
        ("ev:2026-09".to_string(), vec![]),
    ]
    .into();
    let ledger = Ledger::from_events(loaded.values().flatten().cloned().collect());
    assert_eq!(
        plan_writes(&loaded, ledger.events(), false),
        WritePlan::default()
    );
    let all = plan_writes(&loaded, ledger.events(), true);
    assert_eq!(
        all.writes.keys().collect::<Vec<_>>(),
        ["ev:2026-10", "ev:2026-11"],
        "every loaded month with events (the v1 → v2 rewrite); no empty key is created"
    );
    assert!(all.strays.is_empty());
}

#[test]
fn merging_keeps_the_stored_copy_and_is_idempotent() {
    let mut stored = event("x", day(8, 3));
    stored.sources = vec![Source::Api, Source::Dom];
    let mut stray_copy = stored.clone();
    stray_copy.sources = vec![Source::Import];
    let read = vec![event("b", day(8, 9)), stored.clone()];
    let merged = merge_month(read.clone(), vec![stray_copy, event("c", day(8, 5))]);
    assert_eq!(ids(&merged), ["x", "c", "b"]);
    assert_eq!(merged[0], stored, "a repeated id keeps what was stored");
    assert_eq!(
        merge_month(merged.clone(), vec![event("c", day(8, 5))]),
        merged
    );
    assert_eq!(merge_month(read.clone(), vec![]).len(), 2);
    assert_eq!(ids(&merge_month(vec![], read)), ["x", "b"]);
}

// ---- properties -----------------------------------------------------------------------------------

const MONTHS: [&str; 6] = [
    "ev:2026-06",
    "ev:2026-07",
    "ev:2026-08",
    "ev:2026-09",
    "ev:2026-10",
    "ev:2026-11",
];

/// An event somewhere in June–November 2026, and the month key it is stored under: usually its own,
/// sometimes another (a restored backup, a hand edit).
fn stored_event() -> impl Strategy<Value = (usize, Millis, i32)> {
    (
        0usize..6,
        0u32..(183 * 24),
        prop::sample::select(vec![-840, -60, 0, 300, 720]),
    )
        .prop_map(|(wrong_key, h, tz)| (wrong_key, day(6, 1) + h as f64 * HOUR_MS, tz))
}

fn world() -> impl Strategy<Value = (BTreeMap<String, Vec<Event>>, BTreeSet<String>, Vec<Event>)> {
    (
        prop::collection::vec((stored_event(), prop::bool::weighted(0.15)), 0..40),
        prop::collection::vec(any::<bool>(), 6),
        prop::collection::vec((0u32..(183 * 24), any::<bool>()), 0..6),
    )
        .prop_map(|(stored, load, new)| {
            let mut storage: BTreeMap<String, Vec<Event>> = BTreeMap::new();
            for (k, ((wrong, at, tz), misplaced)) in stored.into_iter().enumerate() {
                let mut e = event(&format!("s{k}"), at);
                e.tz = tz;
                e.day = LocalDay::at(at, tz);
                let key = if misplaced {
                    MONTHS[wrong].to_string()
                } else {
                    month_key(&e.day.month_key())
                };
                storage.entry(key).or_default().push(e);
            }
            let loaded: BTreeSet<String> = MONTHS
                .iter()
                .zip(load)
                .filter(|(_, l)| *l)
                .map(|(m, _)| m.to_string())
                .collect();
            // New events: a replayed stored id (nothing new) or a fresh one.
            let new = new
                .into_iter()
                .enumerate()
                .map(|(k, (h, fresh))| {
                    let id = if fresh {
                        format!("n{k}")
                    } else {
                        format!("s{k}")
                    };
                    event(&id, day(6, 1) + h as f64 * HOUR_MS)
                })
                .collect();
            (storage, loaded, new)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// `writes` names only loaded keys, `strays` only keys that were not loaded; every event of the
    /// ledger is in exactly one place (written, a stray, or in a loaded month that is unchanged),
    /// always under its own month; and after the background applies the plan nothing stored before
    /// is lost and every ledger event is stored.
    #[test]
    fn a_plan_writes_only_what_was_read_and_loses_nothing(
        (storage, loaded_keys, new) in world(),
        rewrite_all in any::<bool>(),
    ) {
        let loaded: BTreeMap<String, Vec<Event>> = loaded_keys
            .iter()
            .map(|k| (k.clone(), storage.get(k).cloned().unwrap_or_default()))
            .collect();
        let mut ledger = Ledger::from_events(loaded.values().flatten().cloned().collect());
        for e in new {
            ledger.add_event(e);
        }
        let plan = plan_writes(&loaded, ledger.events(), rewrite_all);
        for key in plan.writes.keys() {
            prop_assert!(loaded.contains_key(key), "wrote {} which was not read", key);
        }
        for (key, evs) in &plan.strays {
            prop_assert!(!loaded.contains_key(key), "{} was loaded", key);
            prop_assert!(!evs.is_empty());
        }
        let split = split_by_month(ledger.events().iter().cloned());
        for (key, evs) in plan.writes.iter().chain(&plan.strays) {
            for e in evs {
                prop_assert_eq!(key, &month_key(&e.day.month_key()));
            }
        }
        for e in ledger.events() {
            let key = month_key(&e.day.month_key());
            let placed = plan.writes.values().chain(plan.strays.values()).flatten()
                .filter(|x| x.id == e.id)
                .count();
            let unchanged = !plan.writes.contains_key(&key)
                && loaded.get(&key) == split.get(&key);
            prop_assert!(placed + usize::from(unchanged) == 1, "{} placed {} times", e.id, placed);
            if rewrite_all {
                prop_assert_eq!(placed, 1);
            }
        }
        let after = apply_plan(storage.clone(), &plan);
        let stored_after: BTreeSet<&str> = after.values().flatten().map(|e| e.id.as_str()).collect();
        for e in storage.values().flatten() {
            prop_assert!(stored_after.contains(e.id.as_str()), "lost {}", e.id);
        }
        for e in ledger.events() {
            prop_assert!(stored_after.contains(e.id.as_str()), "never stored {}", e.id);
        }
        for (key, evs) in &after {
            if !loaded.contains_key(key) && !plan.strays.contains_key(key) {
                prop_assert_eq!(Some(evs), storage.get(key), "{} touched", key);
            }
        }
    }

    /// Merging never drops a stored event nor a stray, holds each id once, keeps time order, and a
    /// second merge of the same strays changes nothing.
    #[test]
    fn merging_never_drops_a_stored_event(
        read in prop::collection::vec((0u8..12, 0u32..600), 0..20),
        strays in prop::collection::vec((0u8..12, 0u32..600), 0..8),
    ) {
        let mk = |v: &[(u8, u32)], tag: u32| -> Vec<Event> {
            v.iter()
                .map(|(id, h)| {
                    let mut e = event(&format!("e{id}"), day(8, 1) + *h as f64 * HOUR_MS);
                    e.tab = Some(tag as i32);
                    e
                })
                .collect()
        };
        let read = mk(&read, 1);
        let strays = mk(&strays, 2);
        let merged = merge_month(read.clone(), strays.clone());
        let got: BTreeSet<&str> = merged.iter().map(|e| e.id.as_str()).collect();
        prop_assert_eq!(got.len(), merged.len(), "an id held twice");
        for e in read.iter().chain(&strays) {
            prop_assert!(got.contains(e.id.as_str()), "dropped {}", e.id);
        }
        // A stored id keeps one of its stored copies (tab 1), never the stray's.
        for e in &merged {
            if read.iter().any(|r| r.id == e.id) {
                prop_assert_eq!(e.tab, Some(1));
            }
        }
        prop_assert!(merged.windows(2).all(|w| w[0].at <= w[1].at));
        prop_assert_eq!(merge_month(merged.clone(), strays), merged);
    }
}
