//! Reading and writing the storage layout (README "Storage layout"). Only the background calls this.

use crate::platform;
use invite_guard_core::ledger::{Event, Ledger};
use invite_guard_core::policy::GuardState;
use invite_guard_core::schema::{
    self, Plan, GUARD_KEY, META_KEY, QUARANTINE_KEY, SCHEMA_VERSION, SETTINGS_KEY,
};
use invite_guard_core::settings::Settings;
use invite_guard_core::time::LocalDay;
use js_sys::{Array, Object, Reflect};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The data one operation works on: settings and the two months the rolling week and the
/// correlation window can reach.
pub struct Loaded {
    pub settings: Settings,
    pub ledger: Ledger,
    /// The month keys loaded, with what they held, to write back only what changed.
    months: BTreeMap<String, Vec<Event>>,
    pub guard: Option<GuardState>,
    /// Written by a newer version: read, never write.
    pub read_only: bool,
    /// Write every loaded month on the next save, changed or not (the v1 → v2 rewrite).
    rewrite_all: bool,
}

use crate::platform::get;

pub use crate::platform::pages::to_js;

pub async fn storage_get(keys: &[String]) -> Result<JsValue, JsValue> {
    let arr: Array = keys.iter().map(|k| JsValue::from_str(k)).collect();
    JsFuture::from(platform::storage_get(&arr.into())).await
}

pub async fn storage_set(pairs: &[(String, JsValue)]) -> Result<(), JsValue> {
    if pairs.is_empty() {
        return Ok(());
    }
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v)?;
    }
    JsFuture::from(platform::storage_set(&o)).await.map(|_| ())
}

/// Runs the schema plan once per start: a fresh install writes `meta`; v0's single `events` array
/// moves to month keys (the old key is removed only after the new ones are written).
pub async fn migrate() -> Result<Plan, JsValue> {
    let items = storage_get(&[META_KEY.into(), schema::LEGACY_EVENTS_KEY.into()]).await?;
    let version = get(&get(&items, META_KEY), "schema")
        .as_f64()
        .map(|v| v as u32);
    let legacy = get(&items, schema::LEGACY_EVENTS_KEY);
    let plan = schema::plan(version, Array::is_array(&legacy));
    match plan {
        Plan::Fresh => {
            storage_set(&[(META_KEY.into(), meta()?)]).await?;
        }
        Plan::FromV0 => {
            let (events, bad) = decode_events(&legacy);
            let months = schema::split_by_month(events);
            let keys: Vec<String> = months.keys().cloned().collect();
            let existing = storage_get(&keys).await?;
            let mut pairs = Vec::new();
            for (key, evs) in months {
                // Merge with anything already in the month key (a half-finished earlier migration).
                let (mut old, _) = decode_events(&get(&existing, &key));
                old.extend(evs);
                let merged = Ledger::from_events(old);
                pairs.push((key, encode(merged.events())?));
            }
            if !bad.is_empty() {
                pairs.push((QUARANTINE_KEY.into(), quarantine_with(&bad).await?));
            }
            pairs.push((META_KEY.into(), meta()?));
            storage_set(&pairs).await?;
            JsFuture::from(platform::storage_remove(&schema::LEGACY_EVENTS_KEY.into())).await?;
        }
        Plan::FromV1 => {
            // Every month rewritten in the compact form; unreadable items go to the quarantine on
            // the way (load_from), so nothing is lost.
            let mut all = load_all(false).await?;
            all.rewrite_all = true;
            all.save_events().await?;
            storage_set(&[(META_KEY.into(), meta()?)]).await?;
        }
        Plan::Current | Plan::TooNew(_) => {}
    }
    Ok(plan)
}

fn meta() -> Result<JsValue, JsValue> {
    let o = Object::new();
    Reflect::set(&o, &"schema".into(), &SCHEMA_VERSION.into())?;
    Ok(o.into())
}

fn decode_events(v: &JsValue) -> (Vec<Event>, Vec<JsValue>) {
    crate::events::decode(v)
}

fn encode(events: &[Event]) -> Result<JsValue, JsValue> {
    crate::events::encode(events, js_sys::Date::now())
}

async fn quarantine_with(bad: &[JsValue]) -> Result<JsValue, JsValue> {
    let items = storage_get(&[QUARANTINE_KEY.into()]).await?;
    let q = get(&items, QUARANTINE_KEY);
    let arr = if Array::is_array(&q) {
        Array::from(&q)
    } else {
        Array::new()
    };
    for b in bad {
        arr.push(b);
    }
    web_sys::console::warn_2(
        &"Invite Guard kept unreadable stored data aside under 'quarantine':".into(),
        &arr,
    );
    Ok(arr.into())
}

/// Loads settings, the guard and the months around `today`.
pub async fn load(today: LocalDay, read_only: bool) -> Result<Loaded, JsValue> {
    let this = schema::month_key(&today.month_key());
    let prev = schema::month_key(&today.previous_month_key());
    let items = storage_get(&[
        SETTINGS_KEY.into(),
        GUARD_KEY.into(),
        this.clone(),
        prev.clone(),
    ])
    .await?;
    load_from(items, vec![prev, this], read_only).await
}

/// Loads settings, the guard and the `n` months up to `today`'s (n = 2 is [`load`]).
pub async fn load_months(today: LocalDay, n: usize, read_only: bool) -> Result<Loaded, JsValue> {
    let mut first = today;
    for _ in 1..n.max(1) {
        first = first_of_previous_month(first);
    }
    load_since(first, today, read_only).await
}

/// The first day of the month before `d`'s.
fn first_of_previous_month(d: LocalDay) -> LocalDay {
    let last = LocalDay::from_days(
        LocalDay {
            year: d.year,
            month: d.month,
            day: 1,
        }
        .days()
            - 1,
    );
    LocalDay { day: 1, ..last }
}

/// Loads settings, the guard and every month from `first`'s to `today`'s (at least this one and the
/// one before, as [`load`]).
pub async fn load_since(
    first: LocalDay,
    today: LocalDay,
    read_only: bool,
) -> Result<Loaded, JsValue> {
    let first = first.min(first_of_previous_month(today));
    let mut months = Vec::new();
    let mut d = today;
    // Bounded: a first day before the Unix epoch or a garbled one cannot make this loop long.
    for _ in 0..1_200 {
        months.push(schema::month_key(&d.month_key()));
        if (d.year, d.month) <= (first.year, first.month) {
            break;
        }
        d = first_of_previous_month(d);
    }
    months.reverse();
    let mut keys = vec![SETTINGS_KEY.to_string(), GUARD_KEY.to_string()];
    keys.extend(months.iter().cloned());
    let items = storage_get(&keys).await?;
    load_from(items, months, read_only).await
}

/// Loads settings, the guard and every month: for an import, which must know every event id.
pub async fn load_all(read_only: bool) -> Result<Loaded, JsValue> {
    let items = JsFuture::from(platform::storage_get(&JsValue::NULL)).await?;
    let months = Object::keys(items.unchecked_ref::<Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .filter(|k| schema::is_month_key(k))
        .collect();
    load_from(items, months, read_only).await
}

/// Empties storage.local and writes `meta` again: the member's "Delete all data".
pub async fn clear_all() -> Result<(), JsValue> {
    JsFuture::from(platform::storage_clear()).await?;
    storage_set(&[(META_KEY.into(), meta()?)]).await
}

async fn load_from(
    items: JsValue,
    month_keys: Vec<String>,
    read_only: bool,
) -> Result<Loaded, JsValue> {
    let raw_settings = get(&items, SETTINGS_KEY);
    let settings = if raw_settings.is_undefined() {
        Settings::default()
    } else {
        serde_wasm_bindgen::from_value::<Settings>(raw_settings.clone())
            .ok()
            .filter(|s| {
                s.validate().is_ok() || s.preset == invite_guard_core::presets::AccountType::Custom
            })
            .unwrap_or_else(|| {
                // Unreadable settings are left as they are in storage; the defaults apply until
                // the member saves new ones.
                web_sys::console::warn_2(
                    &"Invite Guard: stored settings are invalid; using defaults:".into(),
                    &raw_settings,
                );
                Settings::default()
            })
    };
    // A `guard` without `ui` (written before the background worded the page's texts) is written
    // again, whatever its state.
    let stored_guard = get(&items, GUARD_KEY);
    let guard = serde_wasm_bindgen::from_value::<GuardState>(stored_guard.clone())
        .ok()
        .filter(|_| get(&stored_guard, "ui").is_object());
    let mut months = BTreeMap::new();
    let mut all = Vec::new();
    let mut bad_all = Vec::new();
    let mut rewrite = Vec::new();
    for key in month_keys {
        let (evs, bad) = decode_events(&get(&items, &key));
        if !bad.is_empty() {
            bad_all.extend(bad);
            rewrite.push((key.clone(), encode(&evs)?));
        }
        months.insert(key.clone(), evs.clone());
        all.extend(evs);
    }
    if !bad_all.is_empty() && !read_only {
        // The unreadable items go to the quarantine first, then the month is rewritten without them,
        // in one write: nothing is lost whatever happens between.
        rewrite.push((QUARANTINE_KEY.into(), quarantine_with(&bad_all).await?));
        storage_set(&rewrite).await?;
    }
    Ok(Loaded {
        settings,
        ledger: Ledger::from_events(all),
        months,
        guard,
        read_only,
        rewrite_all: false,
    })
}

impl Loaded {
    /// Writes back the loaded months whose events changed (and any new month an event fell in).
    pub async fn save_events(&mut self) -> Result<(), JsValue> {
        if self.read_only {
            return Ok(());
        }
        let split = schema::split_by_month(self.ledger.events().iter().cloned());
        let mut pairs = Vec::new();
        for (key, evs) in &split {
            if self.months.get(key) != Some(evs) || self.rewrite_all {
                pairs.push((key.clone(), encode(evs)?));
            }
        }
        storage_set(&pairs).await?;
        self.months = split;
        self.rewrite_all = false;
        Ok(())
    }
}
