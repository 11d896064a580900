//! The fault matrix's "corrupt storage" row, natively (issue 10): every stored key against a wrong
//! type, `null`, a truncated value, a huge value, NaN and Infinity (as the background reads them:
//! `JSON.stringify` makes them `null`), unknown extra fields and a newer schema. For each: nothing
//! panics, what reads still reads, what does not is reported unreadable (so the background keeps it
//! aside before anything overwrites it), and a month's good events survive its bad items.
//!
//! The browser half (what each browser stores: Firefox keeps NaN, Chrome does not) is the
//! end-to-end suite's `faults.mjs`.

use invite_guard_core::schema::SCHEMA_VERSION;
use invite_guard_core::settings::Settings;
use invite_guard_core::stored_values::{
    guard, meta_says, month, page_signals, quarantine, sent_page, sent_total_missed, settings,
    MetaSays, Read,
};
use serde_json::{json, Value};

fn good_settings() -> Value {
    serde_json::to_value(Settings::default()).unwrap()
}

fn good_event(i: u32) -> Value {
    json!([
        format!("api:{i}@1795773600000"),
        "sent",
        1_795_773_600_000.0 + f64::from(i),
        -60,
        null,
        format!("p-{i}"),
        null,
        false,
        ["api"]
    ])
}

fn huge() -> Value {
    Value::String("x".repeat(2_000_000))
}

/// The faults every key meets, named for the failure messages.
fn faults(good: &Value) -> Vec<(&'static str, Value)> {
    let mut truncated = good.clone();
    match &mut truncated {
        Value::Object(m) => {
            let first = m.keys().next().cloned();
            if let Some(k) = first {
                m.remove(&k);
            }
        }
        Value::Array(a) => {
            a.pop();
        }
        _ => {}
    }
    let mut extra = good.clone();
    if let Value::Object(m) = &mut extra {
        m.insert("from_a_newer_version".into(), json!({"x": [1, 2]}));
    }
    vec![
        ("a string", json!("garbage")),
        ("a number", json!(42)),
        ("a boolean", json!(true)),
        ("a list", json!([1, 2, 3])),
        ("an object", json!({"unexpected": true})),
        ("null", Value::Null),
        ("truncated", truncated),
        ("huge", huge()),
        // NaN and Infinity in every number a key holds, as the background reads them: null.
        (
            "NaN/Infinity read as null",
            json!({"schema": null, "daily_cap": null, "total": null, "read_at": null}),
        ),
        ("unknown extra fields", extra),
    ]
}

#[test]
fn settings_never_panic_and_only_good_ones_read() {
    let good = good_settings();
    assert_eq!(settings(Some(&good)), Read::Ok(Settings::default()));
    assert_eq!(settings(None), Read::Absent);
    for (what, v) in faults(&good) {
        let r = settings(Some(&v));
        match what {
            // Settings ignore what they do not know.
            "unknown extra fields" => assert!(matches!(r, Read::Ok(_)), "{what}: {r:?}"),
            _ => assert_eq!(r, Read::Unreadable, "{what}"),
        }
    }
    // NaN or Infinity in one cap (Firefox keeps them; the reader sees null) is unreadable.
    let mut nan = good.clone();
    nan["daily_cap"] = Value::Null;
    assert_eq!(settings(Some(&nan)), Read::Unreadable);
    let mut big = good.clone();
    big["weekly_cap"] = json!(1e300);
    assert_eq!(settings(Some(&big)), Read::Unreadable, "a cap beyond u32");
}

#[test]
fn meta_never_panics_and_a_newer_schema_is_read_only() {
    assert_eq!(
        meta_says(Some(&json!({"schema": SCHEMA_VERSION}))),
        MetaSays::Version(SCHEMA_VERSION)
    );
    assert_eq!(
        meta_says(Some(&json!({"schema": SCHEMA_VERSION + 1}))),
        MetaSays::Newer(SCHEMA_VERSION + 1)
    );
    assert_eq!(
        meta_says(Some(&json!({"schema": 99, "extra": 1}))),
        MetaSays::Newer(99),
        "unknown fields beside a newer schema"
    );
    assert_eq!(meta_says(None), MetaSays::Nothing);
    for (what, v) in faults(&json!({"schema": SCHEMA_VERSION})) {
        let r = meta_says(Some(&v));
        match what {
            "unknown extra fields" => assert_eq!(r, MetaSays::Version(SCHEMA_VERSION), "{what}"),
            _ => assert_eq!(r, MetaSays::Unreadable, "{what}: {r:?}"),
        }
    }
    assert_eq!(
        meta_says(Some(&json!({"schema": 1e12}))),
        MetaSays::Unreadable,
        "beyond u32"
    );
}

#[test]
fn sent_page_never_panics() {
    let good =
        json!({"total": 1100, "read_at": 1_764_259_200_000.0, "pending": 30, "complete": false});
    assert!(matches!(sent_page(Some(&good)), Read::Ok(_)));
    for (what, v) in faults(&good) {
        let r = sent_page(Some(&v));
        match what {
            "unknown extra fields" => assert!(matches!(r, Read::Ok(_)), "{what}"),
            _ => assert_eq!(r, Read::Unreadable, "{what}: {r:?}"),
        }
    }
    let mut negative = good.clone();
    negative["read_at"] = json!(-5.0);
    assert_eq!(sent_page(Some(&negative)), Read::Unreadable);
}

/// `sent_total_missed` (issue 12): a status the next Sent-page read writes again or removes; one
/// that does not read is taken as absent, never kept aside.
#[test]
fn sent_total_missed_never_panics() {
    let good = json!({"at": 1_764_259_200_000.0, "lang": "it", "texts": 1});
    assert_eq!(
        sent_total_missed(Some(&good))
            .ok()
            .map(|m| (m.lang, m.texts)),
        Some(("it".into(), 1))
    );
    assert!(matches!(sent_total_missed(None), Read::Absent));
    for (what, v) in faults(&good) {
        let r = sent_total_missed(Some(&v));
        match what {
            "unknown extra fields" => assert!(matches!(r, Read::Ok(_)), "{what}"),
            _ => assert_eq!(r, Read::Unreadable, "{what}: {r:?}"),
        }
    }
    for bad in [json!(-5.0), json!(null), json!("x")] {
        let mut v = good.clone();
        v["at"] = bad;
        assert_eq!(sent_total_missed(Some(&v)), Read::Unreadable, "{v}");
    }
}

#[test]
fn guard_never_panics_and_is_recomputed_when_unreadable() {
    for (what, v) in faults(&json!({"ui": {"gate": "allow"}})) {
        // Any of these, or a guard without `ui`, is computed again: it is derived.
        assert!(guard(Some(&v)).ok().is_none(), "{what}");
    }
}

#[test]
fn page_signals_never_panic_and_are_started_afresh_when_unreadable() {
    let good = json!({"since": 1_764_259_200_000.0,
        "clicks": [{"signal": "connect", "at": 1_764_259_300_000.0, "tab": 3}],
        "language": {"lang": "it", "since": 1_764_259_200_000.0}});
    assert!(matches!(page_signals(Some(&good)), Read::Ok(_)));
    assert_eq!(page_signals(None), Read::Absent);
    for (what, v) in faults(&good) {
        let r = page_signals(Some(&v));
        match what {
            // The first field gone is `clicks`: none yet.
            "unknown extra fields" | "truncated" => assert!(matches!(r, Read::Ok(_)), "{what}"),
            _ => assert_eq!(r, Read::Unreadable, "{what}: {r:?}"),
        }
    }
    for bad in [
        json!({"since": null}),
        json!({"since": 1.0, "clicks": [{"signal": "wave", "at": 1.0, "tab": 1}]}),
        json!({"since": 1.0, "clicks": [{"signal": "send", "at": null, "tab": 1}]}),
        json!({"since": 1.0, "language": {"lang": "<script>", "since": 1.0}}),
        json!({"since": 1.0, "clicks": vec![json!({"signal": "send", "at": 1.0, "tab": 1}); 101]}),
    ] {
        assert_eq!(page_signals(Some(&bad)), Read::Unreadable, "{bad}");
    }
}

#[test]
fn quarantine_not_a_list_is_unreadable() {
    assert_eq!(
        quarantine(Some(&json!([1, "x"]))),
        Read::Ok(vec![json!(1), json!("x")])
    );
    for (what, v) in faults(&json!([good_event(1)])) {
        let r = quarantine(Some(&v));
        match what {
            // A list's "extra fields" case is the list itself.
            "a list" | "truncated" | "unknown extra fields" => {
                assert!(matches!(r, Read::Ok(_)), "{what}")
            }
            _ => assert_eq!(r, Read::Unreadable, "{what}"),
        }
    }
}

#[test]
fn a_months_good_events_survive_its_bad_items() {
    let goods: Vec<Value> = (0..3).map(good_event).collect();
    let mut nan_at = good_event(7);
    nan_at[2] = Value::Null; // NaN or Infinity in `at`, as read
    let mut inf_tz = good_event(8);
    inf_tz[3] = Value::Null;
    let mut truncated = good_event(9);
    truncated.as_array_mut().unwrap().truncate(5);
    let mut extra_field = json!({"id": "v1:1", "kind": "sent", "at": 1_795_773_600_000.0_f64, "day": "2026-11-27", "tz": -60, "future": [1]});
    extra_field["sources"] = json!(["api"]);
    let mut longer = good_event(10);
    longer
        .as_array_mut()
        .unwrap()
        .extend([json!([]), Value::Null, json!("a newer field")]);
    let mut huge_name = good_event(11);
    huge_name[6] = huge();
    let items = vec![
        goods[0].clone(),
        json!("garbage"),
        Value::Null,
        json!(42),
        nan_at,
        goods[1].clone(),
        inf_tz,
        truncated,
        json!({"id": "only-an-id"}),
        extra_field,
        longer,
        huge_name,
        goods[2].clone(),
    ];
    let m = month(Some(&Value::Array(items)));
    let ids: Vec<&str> = m.events.iter().map(|e| e.id.as_str()).collect();
    // The three good ones, the v1 object with an unknown field, and the huge name, in order.
    assert_eq!(
        ids,
        [
            "api:0@1795773600000",
            "api:1@1795773600000",
            "v1:1",
            "api:11@1795773600000",
            "api:2@1795773600000"
        ]
    );
    assert_eq!(
        m.bad,
        [1, 2, 3, 4, 6, 7, 8, 10],
        "every unreadable item is named, to be kept aside"
    );
    assert!(!m.not_a_list);
    for (what, v) in faults(&json!([good_event(1)])) {
        let m = month(Some(&v));
        match what {
            "a list" => assert_eq!(m.bad, [0, 1, 2], "{what}"),
            "truncated" => assert!(
                m.events.is_empty() && m.bad.is_empty() && !m.not_a_list,
                "{what}"
            ),
            "null" => assert_eq!(
                m,
                Default::default(),
                "{what}: a month holding null holds nothing"
            ),
            "unknown extra fields" => assert_eq!(m.events.len(), 1, "{what}: the list itself"),
            _ => assert!(m.not_a_list, "{what}"),
        }
    }
}
