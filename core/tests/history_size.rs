//! How big a long history is as stored: 10,000 realistic events (about two years at the usual 100 a
//! week) in the compact form month keys hold (stored.rs, docs/protocol.md §1). Run with
//! `--nocapture` to see the figures.

use invite_guard_core::export::to_json;
use invite_guard_core::import::{preview, MAX_IMPORT_BYTES};
use invite_guard_core::ledger::{observation_id, Event, EventKind, Invitee, Observation, Source};
use invite_guard_core::settings::Settings;
use invite_guard_core::stored::{compact, Stored, SETTLE_MS};
use invite_guard_core::time::{LocalDay, HOUR_MS};

mod common;
use common::{NOW, TZ};

const N: usize = 10_000;

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
        note_len: None,
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
        note_len: i.is_multiple_of(10).then_some(140),
        sources: vec![Source::Api, Source::Dom],
        tab,
        also: vec![observation_id(&dom)],
    }
}

/// The target: 10,000 events in at most 2 MB (issue 3).
const TARGET: usize = 2 * 1024 * 1024;

/// The month keys' contents as written at `NOW` (schema v2, stored.rs), joined: the bytes the
/// history takes in `storage.local`, give or take the keys' names.
fn stored_json(events: &[Event]) -> String {
    serde_json::to_string(&compact(events, NOW)).unwrap()
}

#[test]
fn ten_thousand_events_as_stored() {
    let events: Vec<Event> = (0..N).map(realistic).collect();
    let v2 = stored_json(&events);
    let v1 = serde_json::to_string(&events).unwrap();
    println!(
        "{N} events as stored (v2, arrays): {} bytes, {:.1} bytes per event; as v1 objects: {} bytes, {:.1} per event",
        v2.len(),
        v2.len() as f64 / N as f64,
        v1.len(),
        v1.len() as f64 / N as f64
    );
    println!(
        "a settled event: {}",
        serde_json::to_string(&compact(&events[..1], NOW)).unwrap()
    );
    println!(
        "a fresh event: {}",
        serde_json::to_string(&compact(&events[N - 1..], NOW)).unwrap()
    );

    // Stored and read back: everything but the settled events' `also` and `tab` survives.
    let back: Vec<Event> = serde_json::from_str::<Vec<Stored>>(&v2)
        .unwrap()
        .into_iter()
        .map(|s| s.0)
        .collect();
    for (a, b) in events.iter().zip(&back) {
        let settled = NOW - a.at >= SETTLE_MS;
        let expect = if settled {
            Event {
                also: vec![],
                tab: None,
                ..a.clone()
            }
        } else {
            a.clone()
        };
        assert_eq!(b, &expect);
    }

    let export = to_json(&events, &Settings::default(), NOW);
    println!("as an export file: {} bytes", export.len());
    assert!(
        export.len() < MAX_IMPORT_BYTES / 4,
        "the import limit leaves room"
    );
    let p = preview(&[], &export, NOW).unwrap();
    assert_eq!(p.add, events, "a long history round-trips");
}

#[test]
fn ten_thousand_events_fit_the_target() {
    let events: Vec<Event> = (0..N).map(realistic).collect();
    let stored = stored_json(&events);
    assert!(stored.len() <= TARGET, "{} bytes > {TARGET}", stored.len());
}
