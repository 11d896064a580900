//! Privacy the member controls (privacy.rs): names off in the quarantine's raw items, retention,
//! and "Don't keep who I invited".

use invite_guard_core::ledger::{Event, EventKind, Invitee, Ledger, Source};
use invite_guard_core::policy::guard_state;
use invite_guard_core::privacy::{
    expire, expire_raw, raw_without_name, retention_cutoff, retention_keys, RetentionKeys,
};
use invite_guard_core::schema::month_key;
use invite_guard_core::settings::{Settings, RETENTION_MONTHS};
use invite_guard_core::time::{LocalDay, Millis, DAY_MS, HOUR_MS, MINUTE_MS};
use proptest::prelude::*;
use serde_json::{json, Value};

/// 2026-11-27T10:00:00Z.
const NOW: Millis = 1_795_773_600_000.0;
const TZ: i32 = -60;

fn d(s: &str) -> LocalDay {
    LocalDay::parse(s).unwrap()
}

fn event(id: &str, kind: EventKind, at: Millis, tz: i32, invitee: Invitee) -> Event {
    Event {
        id: id.into(),
        kind,
        at,
        day: LocalDay::at(at, tz),
        tz,
        invitee,
        note: None,
        note_len: None,
        sources: vec![Source::Api],
        tab: None,
        also: vec![],
    }
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
