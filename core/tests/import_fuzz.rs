//! Property tests of the history import (`import::preview`) against hostile and damaged files, and
//! of the export → import round trip.
//!
//! Whatever the text, `preview` returns (never panics or overflows the stack) and leaves the
//! existing events as they were. An export of valid events comes back exactly, and importing it
//! again adds nothing.

use invite_guard_core::export::{to_json, FORMAT};
use invite_guard_core::import::{preview, ImportError, EARLIEST_AT, MAX_IMPORT_BYTES};
use invite_guard_core::ledger::{Event, EventKind, Invitee, Source};
use invite_guard_core::presets::AccountType;
use invite_guard_core::settings::Settings;
use invite_guard_core::time::{LocalDay, Millis};
use proptest::prelude::*;
use proptest::sample::{subsequence, Index};
use serde_json::Value;

mod common;
use common::NOW;

fn kind() -> impl Strategy<Value = EventKind> {
    prop_oneof![
        Just(EventKind::Sent),
        Just(EventKind::Refused),
        Just(EventKind::NoteRefused),
        Just(EventKind::Withdrawn),
    ]
}

/// Any time an event may have: fractional (`webRequest`) or whole (`Date.now()`) milliseconds.
fn at() -> impl Strategy<Value = Millis> {
    prop_oneof![
        EARLIEST_AT..NOW,
        (EARLIEST_AT as i64..NOW as i64).prop_map(|ms| ms as f64),
    ]
}

/// A valid event; `id` and `also` are made unique per position by [`events`].
fn event() -> impl Strategy<Value = Event> {
    let invitee = (
        proptest::option::of("ACoA[A-Za-z0-9_-]{35}"),
        // Profile names (profile.rs): Latin-1 letters, not its × and ÷.
        proptest::option::of("[a-z0-9À-ÖØ-öø-ÿ][a-z0-9À-ÖØ-öø-ÿ._-]{0,59}"),
        // Names are kept as seen: any characters, line breaks included.
        proptest::option::of("(?s).{0,80}"),
    )
        .prop_map(|(urn, vanity, name)| Invitee { urn, vanity, name });
    (
        "[a-z]{3}:[A-Za-z0-9_@.-]{1,60}",
        kind(),
        at(),
        -840i32..=720,
        invitee,
        proptest::option::of(any::<bool>()),
        subsequence(
            vec![Source::Api, Source::Dom, Source::Alert, Source::Import],
            0..=4,
        ),
        proptest::option::of(any::<i32>()),
        proptest::collection::vec("[a-z]{3}:[A-Za-z0-9]{1,40}", 0..3),
    )
        .prop_map(
            |(id, kind, at, tz, invitee, note, sources, tab, also)| Event {
                id,
                kind,
                at,
                day: LocalDay::at(at, tz),
                tz,
                invitee,
                note,
                note_len: None,
                sources,
                tab,
                also,
            },
        )
}

/// Valid events with distinct ids (merged ids included).
fn events(max: usize) -> impl Strategy<Value = Vec<Event>> {
    proptest::collection::vec(event(), 0..max).prop_map(|mut evs| {
        for (i, e) in evs.iter_mut().enumerate() {
            e.id = format!("e{i}:{}", e.id);
            for (j, a) in e.also.iter_mut().enumerate() {
                *a = format!("e{i}.{j}:{a}");
            }
        }
        evs
    })
}

/// What an import adds for `evs`: oldest first, `import` as the source of events that had none.
fn expected(evs: &[Event]) -> Vec<Event> {
    let mut out = evs.to_vec();
    out.sort_by(|a, b| a.at.total_cmp(&b.at));
    for e in &mut out {
        if e.sources.is_empty() {
            e.sources = vec![Source::Import];
        }
    }
    out
}

fn existing() -> Vec<Event> {
    let at = NOW - 3_600_000.0;
    vec![Event {
        id: "api:1@1795770000000".into(),
        kind: EventKind::Sent,
        at,
        day: LocalDay::at(at, -60),
        tz: -60,
        invitee: Invitee {
            urn: Some("ACoAABcdEfGhIjKlMnOpQrStUvWxYz0123456789".into()),
            vanity: Some("ada-lovelace".into()),
            name: Some("Ada Lovelace".into()),
        },
        note: Some(false),
        note_len: None,
        sources: vec![Source::Api, Source::Dom],
        tab: Some(3),
        also: vec!["dom:ada-lovelace@1795770000400".into()],
    }]
}

/// `preview` of `text` against the fixed existing events, checking they are untouched.
fn check_survives(text: &str) -> Result<(), TestCaseError> {
    let before = existing();
    let ex = before.clone();
    let r = preview(&ex, text, NOW);
    prop_assert_eq!(&ex, &before);
    if let Ok(p) = r {
        // Whatever was added is valid by construction: it imports again unchanged.
        let again = preview(&[], &to_json(&p.add, &Settings::default(), NOW), NOW).unwrap();
        prop_assert_eq!(again.add, p.add);
        prop_assert!(again.invalid.is_empty());
    }
    Ok(())
}

/// Any JSON value, nested a little.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,20}".prop_map(Value::String),
        // Plausible fragments of events.
        prop_oneof![
            Just("sent"),
            Just("2026-11-27"),
            Just("api"),
            Just("id"),
            Just("at")
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("id".to_string()),
                    Just("kind".to_string()),
                    Just("at".to_string()),
                    Just("day".to_string()),
                    Just("tz".to_string()),
                    Just("invitee".to_string()),
                    Just("sources".to_string()),
                    Just("also".to_string()),
                    "[a-z]{1,5}",
                ],
                inner,
                0..8
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn sample_export() -> String {
    let mut evs = existing();
    let mut b = evs[0].clone();
    b.id = "dom:zoë-ångström@1795771000000".into();
    b.at = NOW - 2_600_000.5;
    b.day = LocalDay::at(b.at, -60);
    b.invitee.name = Some("Zoë \"Z\" Ångström, PhD".into());
    b.invitee.vanity = Some("zoë-ångström".into());
    b.also.clear();
    b.sources = vec![];
    evs.push(b);
    let settings = Settings::default().with_preset(AccountType::Premium);
    to_json(&evs, &settings, NOW)
}

proptest! {
    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check_survives(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn arbitrary_strings(s in ".*") {
        check_survives(&s)?;
    }

    #[test]
    fn json_like_strings(s in r#"[\[\]{}",:0-9a-z\\ .eE+-]{0,300}"#) {
        check_survives(&s)?;
    }

    #[test]
    fn arbitrary_values_in_a_valid_envelope(vals in proptest::collection::vec(json_value(), 0..8),
                                            settings in json_value()) {
        let text = serde_json::json!({
            "format": FORMAT, "schema": 1, "settings": settings, "events": vals
        }).to_string();
        check_survives(&text)?;
        let p = preview(&[], &text, NOW).unwrap();
        prop_assert_eq!(p.add.len() + p.already + p.invalid.len(), vals.len());
    }

    #[test]
    fn arbitrary_top_level_values(v in json_value()) {
        check_survives(&v.to_string())?;
    }

    #[test]
    fn truncated_exports(cut in 0usize..10_000) {
        let text = sample_export();
        let cut = cut % (text.len() + 1);
        let r = preview(&[], &String::from_utf8_lossy(&text.as_bytes()[..cut]), NOW);
        if cut < text.len() {
            // Any strict prefix of an object is incomplete JSON.
            prop_assert_eq!(r, Err(ImportError::NotJson));
        } else {
            prop_assert!(r.is_ok());
        }
    }

    #[test]
    fn byte_flips(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6)) {
        let mut bytes = sample_export().into_bytes();
        let n = bytes.len();
        for (i, b) in flips {
            bytes[i % n] = b;
        }
        check_survives(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn spliced_exports(at in any::<usize>(), junk in r#"[\[\]{}",:0-9a-z\\ ]{0,40}"#,
                       remove in 0usize..40) {
        let text = sample_export();
        let mut at = at % text.len();
        while !text.is_char_boundary(at) { at -= 1; }
        let mut end = (at + remove).min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        let spliced = format!("{}{}{}", &text[..at], junk, &text[end..]);
        check_survives(&spliced)?;
    }

    #[test]
    fn export_then_import_is_exact(evs in events(12), exported_at in EARLIEST_AT..NOW) {
        let settings =
            Settings { preset: AccountType::Custom, daily_cap: 17, ..Settings::default() };
        let text = to_json(&evs, &settings, exported_at);
        let p = preview(&[], &text, NOW).unwrap();
        prop_assert_eq!(&p.add, &expected(&evs));
        prop_assert_eq!(p.already, 0);
        prop_assert!(p.invalid.is_empty());
        prop_assert_eq!(p.settings, Some(settings.clone()));
        let v: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(v["exported_at"].as_f64(), Some(exported_at));

        // Importing the same file again adds nothing.
        let again = preview(&p.add, &text, NOW).unwrap();
        prop_assert!(again.add.is_empty());
        prop_assert_eq!(again.already, evs.len());
        let same = preview(&evs, &text, NOW).unwrap();
        prop_assert!(same.add.is_empty());
        prop_assert_eq!(same.already, evs.len());
    }

    #[test]
    fn a_merged_export_adds_only_what_is_new(evs in events(12), split in any::<Index>()) {
        let k = split.index(evs.len() + 1);
        let text = to_json(&evs, &Settings::default(), NOW);
        let p = preview(&evs[..k], &text, NOW).unwrap();
        prop_assert_eq!(p.already, k);
        prop_assert_eq!(p.add, expected(&evs[k..]));
    }
}

#[test]
fn deep_nesting_returns_an_error() {
    let deep = 1_000_000;
    for text in [
        "[".repeat(deep),
        "{\"a\":".repeat(deep),
        format!("{}{}", "[".repeat(deep), "]".repeat(deep)),
        format!(
            r#"{{"format":"{FORMAT}","schema":1,"events":[{}"#,
            "[".repeat(deep)
        ),
        format!(
            r#"{{"format":"{FORMAT}","schema":1,"events":[{}{}]}}"#,
            "[".repeat(deep),
            "]".repeat(deep)
        ),
        format!(
            r#"{{"format":"{FORMAT}","schema":1,"events":[],"other":{}{}}}"#,
            "{\"a\":".repeat(deep),
            "}".repeat(deep)
        ),
        format!(
            r#"{{"format":"{FORMAT}","schema":1,"events":[],"settings":{}{}}}"#,
            "[".repeat(deep),
            "]".repeat(deep)
        ),
    ] {
        let ex = existing();
        let r = preview(&ex, &text, NOW);
        assert!(r.is_err(), "{:?}", &text[..60]);
        assert_eq!(ex, existing());
    }
}

#[test]
fn largest_allowed_file_of_junk() {
    // 20 MB of small entries is refused by count, not by memory.
    let mut text = format!(r#"{{"format":"{FORMAT}","schema":1,"events":["#);
    while text.len() < MAX_IMPORT_BYTES - 10 {
        text.push_str("0,");
    }
    text.push_str("0]}");
    assert!(text.len() <= MAX_IMPORT_BYTES);
    assert_eq!(preview(&[], &text, NOW), Err(ImportError::TooManyEvents));
}
