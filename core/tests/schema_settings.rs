//! Native tests of the storage schema (plans, month keys) and the member's settings (serde defaults,
//! validation edges, presets).

use invite_guard_core::ledger::{Event, EventKind, Invitee};
use invite_guard_core::presets::{preset, AccountType, PRESETS};
use invite_guard_core::schema::{
    is_month_key, month_key, plan, split_by_month, Plan, GUARD_KEY, LEGACY_EVENTS_KEY, META_KEY,
    SCHEMA_VERSION, SETTINGS_KEY,
};
use invite_guard_core::settings::{Settings, SettingsError, MAX_DAILY_CAP, MAX_WEEKLY_CAP};
use invite_guard_core::time::{Millis, DAY_MS, MINUTE_MS};
use proptest::prelude::*;
use std::collections::BTreeMap;

mod common;
use common::custom;

// ---- schema ------------------------------------------------------------------------------------------

#[test]
fn keys_are_distinct_and_none_is_a_month_key() {
    let keys = [META_KEY, SETTINGS_KEY, GUARD_KEY, LEGACY_EVENTS_KEY];
    for k in keys {
        assert!(!is_month_key(k), "{k}");
    }
    let mut sorted = keys.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), keys.len());
    assert_eq!(SCHEMA_VERSION, 2);
}

#[test]
fn plans_for_every_case() {
    assert_eq!(plan(None, false), Plan::Fresh);
    assert_eq!(plan(None, true), Plan::FromV0);
    assert_eq!(plan(Some(0), false), Plan::Fresh);
    assert_eq!(plan(Some(0), true), Plan::FromV0);
    assert_eq!(plan(Some(SCHEMA_VERSION), false), Plan::Current);
    assert_eq!(plan(Some(SCHEMA_VERSION), true), Plan::Current);
    assert_eq!(plan(Some(1), false), Plan::FromV1);
    assert_eq!(plan(Some(3), false), Plan::TooNew(3));
    assert_eq!(plan(Some(3), true), Plan::TooNew(3));
    assert_eq!(plan(Some(u32::MAX), false), Plan::TooNew(u32::MAX));
}

#[test]
fn month_key_shapes() {
    assert_eq!(month_key("2026-01"), "ev:2026-01");
    assert!(is_month_key("ev:2026-01"));
    assert!(is_month_key("ev:1999-12"));
    for bad in [
        "ev:",
        "ev:2026",
        "ev:2026-1",
        "ev:2026-001",
        "ev:2026_01",
        "ev:２０２６-01",
        "EV:2026-01",
        "ev:2026-0a",
        "xev:2026-01",
        "ev:-2026-1",
    ] {
        assert!(!is_month_key(bad), "{bad:?}");
    }
}

proptest! {
    #[test]
    fn plan_never_panics_and_newer_is_too_new(v in any::<Option<u32>>(), legacy in any::<bool>()) {
        let p = plan(v, legacy);
        match v {
            Some(v) if v > SCHEMA_VERSION => prop_assert_eq!(p, Plan::TooNew(v)),
            Some(v) if v == SCHEMA_VERSION => prop_assert_eq!(p, Plan::Current),
            Some(1) => prop_assert_eq!(p, Plan::FromV1),
            _ => prop_assert_eq!(p, if legacy { Plan::FromV0 } else { Plan::Fresh }),
        }
    }

    #[test]
    fn is_month_key_never_panics(s in "\\PC{0,16}") {
        let _ = is_month_key(&s);
        let _ = is_month_key(&format!("ev:{s}"));
    }
}

/// The `k`th send, with no person.
fn event(k: usize, at: Millis, tz: i32) -> Event {
    common::event(
        &format!("e{k}"),
        EventKind::Sent,
        at,
        tz,
        Invitee::default(),
    )
}

/// 2026-01-01T00:00Z.
const JAN_2026: Millis = 1_767_225_600_000.0;

#[test]
fn split_by_month_uses_the_local_day() {
    // 23:30Z on 31 Jan is already 1 Feb in UTC+1: it belongs to February.
    let late_jan_utc = JAN_2026 + 30.0 * DAY_MS + 23.5 * 60.0 * MINUTE_MS;
    let events = vec![
        event(0, late_jan_utc, -60),
        event(1, late_jan_utc, 0),
        event(2, JAN_2026, 300),
    ];
    let months = split_by_month(events);
    let keys: Vec<&str> = months.keys().map(String::as_str).collect();
    assert_eq!(keys, ["ev:2025-12", "ev:2026-01", "ev:2026-02"]);
    assert_eq!(months["ev:2026-02"][0].id, "e0");
    assert_eq!(months["ev:2026-01"][0].id, "e1");
    assert_eq!(months["ev:2025-12"][0].id, "e2");
    assert!(split_by_month(Vec::new()).is_empty());
}

proptest! {
    /// Every event lands in the key of its day's month, nothing is lost or duplicated, and each
    /// month is oldest first.
    #[test]
    fn split_by_month_keeps_everything_in_its_month(
        evs in prop::collection::vec((0i64..3 * 365 * 24 * 60, prop::sample::select(vec![-840, -120, -60, 0, 300, 720])), 0..80),
    ) {
        let events: Vec<Event> = evs
            .iter()
            .enumerate()
            .map(|(k, (m, tz))| event(k, JAN_2026 + *m as f64 * MINUTE_MS, *tz))
            .collect();
        let months: BTreeMap<String, Vec<Event>> = split_by_month(events.clone());
        let total: usize = months.values().map(Vec::len).sum();
        prop_assert_eq!(total, events.len());
        for (key, list) in &months {
            prop_assert!(is_month_key(key), "{}", key);
            prop_assert!(!list.is_empty());
            prop_assert!(list.windows(2).all(|w| w[0].at <= w[1].at), "{} not sorted", key);
            for e in list {
                prop_assert_eq!(key, &month_key(&e.day.month_key()));
            }
        }
        let mut ids: Vec<String> = months.values().flatten().map(|e| e.id.clone()).collect();
        ids.sort();
        let mut want: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
        want.sort();
        prop_assert_eq!(ids, want);
    }
}

// ---- settings ----------------------------------------------------------------------------------------

#[test]
fn settings_json_matches_the_readme() {
    let v = serde_json::to_value(Settings::default()).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"preset": "free", "daily_cap": 20, "weekly_cap": 100, "warn_remaining": 5,
            "hard_block": false, "in_page_ui": true, "store_names": true})
    );
    let s: Settings = serde_json::from_value(serde_json::json!({"preset": "sales_navigator", "daily_cap": 30,
        "weekly_cap": 150, "warn_remaining": 10, "hard_block": true, "in_page_ui": false, "store_names": false}))
    .unwrap();
    assert_eq!(s.preset, AccountType::SalesNavigator);
    assert_eq!((s.daily_cap, s.weekly_cap, s.warn_remaining), (30, 150, 10));
    assert!(s.hard_block && !s.in_page_ui && !s.store_names);
    assert_eq!(s.validate(), Ok(()));
}

#[test]
fn missing_settings_fields_fall_back_to_defaults() {
    let s: Settings = serde_json::from_str("{}").unwrap();
    assert_eq!(s, Settings::default());
    let s: Settings = serde_json::from_str(r#"{"hard_block": true}"#).unwrap();
    assert_eq!(
        s,
        Settings {
            hard_block: true,
            ..Settings::default()
        }
    );
    let s: Settings = serde_json::from_str(r#"{"preset": "custom", "daily_cap": 7}"#).unwrap();
    assert_eq!(
        s,
        Settings {
            preset: AccountType::Custom,
            daily_cap: 7,
            ..Settings::default()
        }
    );
    // A field from a newer version is ignored rather than failing the whole settings.
    let s: Settings = serde_json::from_str(r#"{"store_names": false, "theme": "dark"}"#).unwrap();
    assert_eq!(
        s,
        Settings {
            store_names: false,
            ..Settings::default()
        }
    );
    for preset in [
        "free",
        "premium",
        "sales_navigator",
        "new_account",
        "custom",
    ] {
        let json = format!(r#"{{"preset": "{preset}"}}"#);
        let s: Settings = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_value(s.preset).unwrap(), preset);
    }
}

#[test]
fn privacy_settings_default_out_of_the_json_and_validate() {
    // Keep for ever and keep who was invited, by default; left out of the stored JSON at their
    // defaults so that the settings of older versions keep their shape.
    let d = Settings::default();
    assert_eq!((d.retention_months, d.forget_invitees), (None, false));
    let json = serde_json::to_string(&d).unwrap();
    assert!(
        !json.contains("retention") && !json.contains("forget"),
        "{json}"
    );
    let old: Settings = serde_json::from_value(serde_json::json!({"preset": "free", "daily_cap": 20,
        "weekly_cap": 100, "warn_remaining": 5, "hard_block": false, "in_page_ui": true, "store_names": true}))
    .unwrap();
    assert_eq!(old, d);
    let s: Settings =
        serde_json::from_str(r#"{"retention_months": null, "forget_invitees": false}"#).unwrap();
    assert_eq!(s, d);

    let s = Settings {
        retention_months: Some(12),
        forget_invitees: true,
        ..Settings::default()
    };
    let v = serde_json::to_value(&s).unwrap();
    assert_eq!(v["retention_months"], 12);
    assert_eq!(v["forget_invitees"], true);
    assert_eq!(serde_json::from_value::<Settings>(v).unwrap(), s);

    for m in [3, 6, 12, 24] {
        let s = Settings {
            retention_months: Some(m),
            ..Settings::default()
        };
        assert_eq!(s.validate(), Ok(()), "{m}");
    }
    for m in [0, 1, 2, 4, 5, 9, 18, 36, u32::MAX] {
        let s = Settings {
            retention_months: Some(m),
            ..Settings::default()
        };
        assert_eq!(
            s.validate(),
            Err(vec![SettingsError::RetentionNotOffered]),
            "{m}"
        );
    }
    let e = SettingsError::RetentionNotOffered;
    assert_eq!(e.code(), "retention");
    assert!(e.message().contains("24 months"), "{}", e.message());
    assert_eq!(e.template(), None);
    assert!(serde_json::from_str::<Settings>(r#"{"retention_months": -3}"#).is_err());
    assert!(serde_json::from_str::<Settings>(r#"{"forget_invitees": "yes"}"#).is_err());
}

#[test]
fn malformed_settings_fields_are_errors() {
    for bad in [
        r#"{"preset": "gold"}"#,
        r#"{"daily_cap": -1}"#,
        r#"{"daily_cap": "20"}"#,
        r#"{"hard_block": 1}"#,
        r#""free""#,
    ] {
        assert!(serde_json::from_str::<Settings>(bad).is_err(), "{bad}");
    }
}

#[test]
fn validate_edges() {
    assert_eq!(MAX_DAILY_CAP, 500);
    assert_eq!(MAX_WEEKLY_CAP, 1_000);
    // The smallest and largest valid caps.
    assert_eq!(custom(1, 1, 0).validate(), Ok(()));
    assert_eq!(custom(500, 1_000, 999).validate(), Ok(()));
    assert_eq!(custom(500, 500, 0).validate(), Ok(()));
    // One past each edge.
    assert_eq!(
        custom(0, 10, 0).validate(),
        Err(vec![SettingsError::DailyCapOutOfRange])
    );
    assert_eq!(
        custom(501, 1_000, 5).validate(),
        Err(vec![SettingsError::DailyCapOutOfRange])
    );
    assert_eq!(
        custom(10, 1_001, 5).validate(),
        Err(vec![SettingsError::WeeklyCapOutOfRange])
    );
    assert_eq!(
        custom(1, 0, 0).validate(),
        Err(vec![
            SettingsError::WeeklyCapOutOfRange,
            SettingsError::DailyAboveWeekly,
            SettingsError::WarnAboveWeekly
        ])
    );
    // Daily equal to weekly is fine, one above is not.
    assert_eq!(custom(50, 50, 5).validate(), Ok(()));
    assert_eq!(
        custom(51, 50, 5).validate(),
        Err(vec![SettingsError::DailyAboveWeekly])
    );
    // The warning threshold must be below the weekly cap.
    assert_eq!(custom(20, 100, 99).validate(), Ok(()));
    assert_eq!(
        custom(20, 100, 100).validate(),
        Err(vec![SettingsError::WarnAboveWeekly])
    );
    assert_eq!(
        custom(20, 100, u32::MAX).validate(),
        Err(vec![SettingsError::WarnAboveWeekly])
    );
}

#[test]
fn presets_must_keep_their_caps() {
    for p in PRESETS {
        let s = Settings::default().with_preset(p.account);
        assert_eq!((s.daily_cap, s.weekly_cap), (p.daily_cap, p.weekly_cap));
        assert_eq!(s.validate(), Ok(()), "{:?}", p.account);
        let s = Settings {
            daily_cap: p.daily_cap + 1,
            ..s
        };
        assert_eq!(
            s.validate(),
            Err(vec![SettingsError::PresetMismatch]),
            "{:?}",
            p.account
        );
        assert!(!p.daily_source.is_empty() && !p.weekly_source.is_empty());
        assert!(p.daily_cap <= p.weekly_cap);
    }
    assert!(preset(AccountType::Custom).is_none());
    // Choosing custom keeps the current caps.
    let s = custom(33, 222, 4).with_preset(AccountType::Custom);
    assert_eq!((s.daily_cap, s.weekly_cap), (33, 222));
    assert_eq!(
        custom(33, 222, 4)
            .with_preset(AccountType::NewAccount)
            .weekly_cap,
        50
    );
    for e in [
        SettingsError::DailyCapOutOfRange,
        SettingsError::WeeklyCapOutOfRange,
        SettingsError::DailyAboveWeekly,
        SettingsError::WarnAboveWeekly,
        SettingsError::PresetMismatch,
    ] {
        assert!(!e.message().is_empty());
    }
}

proptest! {
    /// Validation names exactly the problems a custom setting has.
    #[test]
    fn validate_names_exactly_the_problems(daily in 0u32..1_200, weekly in 0u32..1_200, warn in 0u32..1_200) {
        let s = custom(daily, weekly, warn);
        let mut want = Vec::new();
        if !(1..=MAX_DAILY_CAP).contains(&daily) { want.push(SettingsError::DailyCapOutOfRange); }
        if !(1..=MAX_WEEKLY_CAP).contains(&weekly) { want.push(SettingsError::WeeklyCapOutOfRange); }
        if daily > weekly { want.push(SettingsError::DailyAboveWeekly); }
        if warn >= weekly { want.push(SettingsError::WarnAboveWeekly); }
        let got = s.validate();
        if want.is_empty() { prop_assert_eq!(got, Ok(())); } else { prop_assert_eq!(got, Err(want)); }
    }

    /// Settings survive their JSON form.
    #[test]
    fn settings_round_trip(
        preset in prop::sample::select(vec![AccountType::Free, AccountType::Premium, AccountType::SalesNavigator, AccountType::NewAccount, AccountType::Custom]),
        daily in any::<u32>(), weekly in any::<u32>(), warn in any::<u32>(),
        hard in any::<bool>(), ui in any::<bool>(), names in any::<bool>(),
        retention in any::<Option<u32>>(), forget in any::<bool>(), share in any::<bool>(),
    ) {
        let s = Settings { preset, daily_cap: daily, weekly_cap: weekly, warn_remaining: warn, hard_block: hard, in_page_ui: ui, store_names: names, templates: Vec::new(), pending_warn: invite_guard_core::health::PENDING_WARN_DEFAULT, retention_months: retention, forget_invitees: forget, share_counts: share };
        let back: Settings = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        prop_assert_eq!(back, s);
    }
}
