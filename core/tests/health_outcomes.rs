//! `health::outcomes` matches acceptances and withdrawals through an index of the invitations' URNs,
//! vanities and names (the popup runs it on every open), and `reconcile::connected_many` works the
//! ledger out once for a whole Connections page. This checks both against the plain rules they
//! replace, on histories with few people, shared and conflicting keys, and equal times.

use invite_guard_core::health::{
    acceptance, acceptance_of, outcomes, pending_health, pending_health_of, Outcome,
};
use invite_guard_core::ledger::{Event, EventKind, Invitee, Ledger};
use invite_guard_core::person::PersonKey;
use invite_guard_core::reconcile::{connected, connected_many};
use invite_guard_core::sent_page::{AgeRange, AgeUnit, Connected};
use invite_guard_core::time::LocalDay;
use proptest::prelude::*;

mod common;
use common::NOW;

const HOUR: f64 = 3_600_000.0;

/// The rule as first written: every `Sent` event is a candidate for every ending event.
fn reference(events: &[Event]) -> Vec<(&Event, Outcome)> {
    let mut out: Vec<(&Event, Outcome)> = events
        .iter()
        .filter(|e| e.kind == EventKind::Sent)
        .map(|e| (e, Outcome::Pending))
        .collect();
    let mut ends: Vec<&Event> = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Accepted | EventKind::Withdrawn))
        .collect();
    ends.sort_by(|a, b| a.at.total_cmp(&b.at));
    let keys: Vec<PersonKey> = out.iter().map(|(e, _)| PersonKey::of(&e.invitee)).collect();
    for end in ends {
        let key = PersonKey::of(&end.invitee);
        let latest = (0..out.len())
            .filter(|&i| out[i].0.at <= end.at && keys[i].likely_same(&key))
            .max_by(|&a, &b| out[a].0.at.total_cmp(&out[b].0.at));
        if let Some(i) = latest {
            if out[i].1 == Outcome::Pending {
                out[i].1 = if end.kind == EventKind::Accepted {
                    Outcome::Accepted(end.at)
                } else {
                    Outcome::Withdrawn(end.at)
                };
            }
        }
    }
    out
}

/// An event built from its JSON object form (docs/protocol.md §1), which every version reads.
fn event(i: usize, kind: &str, hours: u8, urn: u8, vanity: u8, name: u8) -> Event {
    let pick = |n: u8, pool: &[&str]| -> serde_json::Value {
        match n as usize {
            0 => serde_json::Value::Null,
            k => pool[(k - 1) % pool.len()].into(),
        }
    };
    let at = NOW - hours as f64 * HOUR;
    let mut invitee = serde_json::Map::new();
    for (k, v) in [
        ("urn", pick(urn, &["ACoA1", "ACoA2"])),
        ("vanity", pick(vanity, &["ada", "Ada", "bo", "cy"])),
        (
            "name",
            pick(name, &["Ada Quill", "ada  quill", "Bo Kay", " "]),
        ),
    ] {
        if !v.is_null() {
            invitee.insert(k.into(), v);
        }
    }
    serde_json::from_value(serde_json::json!({
        "id": format!("e{i}"),
        "kind": kind,
        "at": at,
        "day": invite_guard_core::time::LocalDay::at(at, 0).to_string(),
        "tz": 0,
        "invitee": invitee,
        "note": i.is_multiple_of(3),
        "sources": ["dom"],
    }))
    .expect("a valid event")
}

fn history() -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec(
        (
            prop_oneof![4 => Just("sent"), 2 => Just("accepted"), 2 => Just("withdrawn"), 1 => Just("refused")],
            0u8..12,
            0u8..3,
            0u8..5,
            0u8..5,
        ),
        0..40,
    )
    .prop_map(|v| {
        let mut evs: Vec<Event> = v
            .into_iter()
            .enumerate()
            .map(|(i, (k, h, u, va, n))| event(i, k, h, u, va, n))
            .collect();
        // The ledger keeps events in time order (ties in arrival order).
        evs.sort_by(|a, b| a.at.total_cmp(&b.at));
        evs
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_index_gives_what_the_plain_rule_gives(evs in history()) {
        let got: Vec<(String, Outcome)> = outcomes(&evs).into_iter().map(|(e, o)| (e.id.clone(), o)).collect();
        let want: Vec<(String, Outcome)> = reference(&evs).into_iter().map(|(e, o)| (e.id.clone(), o)).collect();
        prop_assert_eq!(got, want);
        let o = outcomes(&evs);
        prop_assert_eq!(pending_health_of(&o, Some(3), 2, NOW), pending_health(&evs, Some(3), 2, NOW));
        prop_assert_eq!(acceptance_of(&o, NOW), acceptance(&evs, NOW));
    }
}

/// Someone shown as a connection: an invitee from the same pools as the events, and how the page
/// dated the connection (none for a 1st-degree profile).
fn shown() -> impl Strategy<Value = (Invitee, Option<Connected>)> {
    (0u8..3, 0u8..5, 0u8..5, 0u8..4, 0u32..20).prop_map(|(u, v, n, w, k)| {
        let e = event(0, "sent", 0, u, v, n);
        let when = match w {
            0 => None,
            1 => Some(Connected::On(LocalDay::at(NOW - k as f64 * HOUR, 0))),
            2 => AgeRange::ago(k, AgeUnit::Hour).map(Connected::Ago),
            _ => Some(Connected::Ago(AgeRange::YESTERDAY)),
        };
        (e.invitee, when)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn a_page_at_once_is_each_person_in_turn(evs in history(), people in prop::collection::vec(shown(), 0..12)) {
        let mut ledger = Ledger::from_events(evs.clone());
        let mut want = Vec::new();
        for (who, when) in &people {
            if let Some(e) = connected(ledger.events(), who, when.as_ref(), NOW, 0) {
                ledger.add_event(e.clone());
                want.push(e);
            }
        }
        let got = connected_many(Ledger::from_events(evs).events(), &people, NOW, 0);
        prop_assert_eq!(got, want);
    }
}

#[test]
fn ties_resolve_the_later_invitation() {
    // Two invitations to "ada" at the same moment (a replay under another id), then one acceptance.
    let evs = vec![
        event(0, "sent", 5, 0, 1, 0),
        event(1, "sent", 5, 0, 1, 0),
        event(2, "accepted", 1, 0, 1, 0),
    ];
    let o = outcomes(&evs);
    assert_eq!(o[0].1, Outcome::Pending);
    assert!(matches!(o[1].1, Outcome::Accepted(_)));
    assert_eq!(
        o.iter().map(|x| x.1).collect::<Vec<_>>(),
        reference(&evs).iter().map(|x| x.1).collect::<Vec<_>>()
    );
}
