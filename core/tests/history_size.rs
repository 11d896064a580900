//! How big a long history is as stored: 10,000 realistic events (about two years at the usual 100 a
//! week) as the plain JSON array a month key holds (README "Storage layout"), with the bytes each
//! field takes. Run with `--nocapture` to see the figures.

use invite_guard_core::export::to_json;
use invite_guard_core::import::{preview, MAX_IMPORT_BYTES};
use invite_guard_core::ledger::{observation_id, Event, EventKind, Invitee, Observation, Source};
use invite_guard_core::settings::Settings;
use invite_guard_core::time::{LocalDay, Millis, HOUR_MS};
use serde_json::Value;
use std::collections::BTreeMap;

/// 2026-11-27T10:00:00Z.
const NOW: Millis = 1_795_773_600_000.0;
const N: usize = 10_000;
const TZ: i32 = -60;

/// A 39-character profile URN id, `ACoAA…`, as LinkedIn's API and top card carry it.
fn urn(i: usize) -> String {
    let s = format!("ACoAA{:034}", i as u64 * 7_919_113 + 123_456_789);
    assert_eq!(s.len(), 39);
    s
}

/// An invitation seen by both signals, as `Ledger::apply` records it: the API call's id, the page
/// signal's id in `also`, a `webRequest` time stamp with a fractional millisecond.
fn realistic(i: usize) -> Event {
    let at = NOW - (N - i) as f64 * 1.7 * HOUR_MS + 0.123 + (i % 1000) as f64 / 1000.0;
    let first = [
        "Ada",
        "Grace",
        "Katherine",
        "Margaret",
        "Zoë",
        "Jean-Baptiste",
    ][i % 6];
    let last = [
        "Lovelace",
        "Hopper",
        "Johnson",
        "Hamilton",
        "Ångström",
        "Okonkwo-Adeyemi",
    ][i % 6 / 2 + i % 3];
    let vanity = format!(
        "{}-{}-{:08x}",
        first.to_lowercase(),
        last.to_lowercase(),
        i * 2_654_435_761 % (1 << 32)
    );
    let tab = Some(1_000 + (i / 40) as i32);
    let api = Observation::Api {
        request_id: format!("{}", 20_000 + i * 37 % 90_000),
        status: 200,
        tab,
        urn: Some(urn(i)),
        note: Some(i.is_multiple_of(10)),
        at,
        tz: TZ,
    };
    let dom = Observation::DomSent {
        tab,
        invitee: Invitee {
            urn: Some(urn(i)),
            vanity: Some(vanity.clone()),
            name: None,
        },
        at: at + 412.0,
        tz: TZ,
    };
    Event {
        id: observation_id(&api),
        kind: EventKind::Sent,
        at,
        day: LocalDay::at(at, TZ),
        tz: TZ,
        invitee: Invitee {
            urn: Some(urn(i)),
            vanity: Some(vanity),
            name: Some(format!("{first} {last}")),
        },
        note: Some(i.is_multiple_of(10)),
        sources: vec![Source::Api, Source::Dom],
        tab,
        also: vec![observation_id(&dom)],
    }
}

/// The target: 10,000 events in at most 2 MB (the size v0 rewrote on every send, schema.rs).
const TARGET: usize = 2 * 1024 * 1024;
/// What the ledger's event shape takes today (337 bytes per event here), plus a little: a guard
/// against a field quietly growing until the target is met.
const CEILING: usize = 3_500_000;

fn stored_json() -> String {
    let events: Vec<Event> = (0..N).map(realistic).collect();
    serde_json::to_string(&events).unwrap()
}

#[test]
fn ten_thousand_events_as_stored() {
    let events: Vec<Event> = (0..N).map(realistic).collect();
    let stored = serde_json::to_string(&events).unwrap();
    let per_event = stored.len() as f64 / N as f64;
    println!(
        "{N} events as stored: {} bytes, {per_event:.1} bytes per event",
        stored.len()
    );
    println!(
        "example: {}",
        serde_json::to_string(&events[N - 1]).unwrap()
    );

    // Bytes per field: `"key":value` plus its comma, summed over all events; and the keys alone.
    let mut fields: BTreeMap<String, usize> = BTreeMap::new();
    let mut keys = 0;
    for e in &events {
        let Value::Object(o) = serde_json::to_value(e).unwrap() else {
            unreachable!()
        };
        for (k, v) in o {
            keys += k.len() + 3;
            if let Value::Object(inner) = &v {
                for (ik, iv) in inner {
                    keys += ik.len() + 3;
                    *fields.entry(format!("invitee.{ik}")).or_default() +=
                        ik.len() + 3 + iv.to_string().len() + 1;
                }
                *fields.entry("invitee (braces, key)".into()).or_default() +=
                    "\"invitee\":{},".len();
            } else {
                *fields.entry(k.clone()).or_default() += k.len() + 3 + v.to_string().len() + 1;
            }
        }
    }
    let mut by_size: Vec<_> = fields.into_iter().collect();
    by_size.sort_by_key(|f| std::cmp::Reverse(f.1));
    for (k, bytes) in by_size
        .iter()
        .chain([&("(all key names)".to_string(), keys)])
    {
        println!(
            "  {k:<24} {:>6.1} bytes/event  {:>5.1}%",
            *bytes as f64 / N as f64,
            100.0 * *bytes as f64 / stored.len() as f64
        );
    }

    let export = to_json(&events, &Settings::default(), NOW);
    println!("as an export file: {} bytes", export.len());
    assert!(
        export.len() < MAX_IMPORT_BYTES / 4,
        "the import limit leaves room"
    );
    let p = preview(&[], &export, NOW).unwrap();
    assert_eq!(p.add, events, "a long history round-trips");

    assert!(stored.len() <= CEILING, "{} bytes", stored.len());
}

#[test]
#[ignore = "not met: 10,000 events take ~3.4 MB (337 bytes each); `also`, `invitee.urn` and \
            `invitee.vanity` dominate. Un-ignore once the ledger's event shape is smaller."]
fn ten_thousand_events_fit_the_target() {
    let stored = stored_json();
    assert!(stored.len() <= TARGET, "{} bytes > {TARGET}", stored.len());
}
