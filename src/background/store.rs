//! Reading and writing the storage layout (docs/protocol.md §1). Only the background calls this.

use crate::platform;
use invite_guard_core::ledger::{Event, Ledger};
use invite_guard_core::policy::GuardState;
use invite_guard_core::privacy;
use invite_guard_core::schema::{
    self, Plan, GUARD_KEY, META_KEY, PAGE_SIGNALS_KEY, QUARANTINE_KEY, SCHEMA_VERSION, SETTINGS_KEY,
};
use invite_guard_core::self_check::PageSignals;
use invite_guard_core::settings::Settings;
use invite_guard_core::stored_values::{self, MetaSays, Read};
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
    /// The page's own reports for the self-check (`page_signals`, docs/architecture.md §11).
    pub signals: PageSignals,
    /// Write every loaded month on the next save, changed or not (the v1 → v2 rewrite).
    rewrite_all: bool,
}

use crate::platform::get;

pub use crate::platform::pages::to_js;

thread_local! {
    /// The stored schema when it is newer than this version's: the storage belongs to a newer
    /// Invite Guard, and every write is refused (docs/architecture.md §6.2). Owned here, so no
    /// caller can forget to ask.
    static NEWER: std::cell::Cell<Option<u32>> = const { std::cell::Cell::new(None) };
}

/// The error every write answers while the storage belongs to a newer version.
pub const READ_ONLY: &str = "read_only";

/// The newer schema the storage holds, when this version may only read it.
pub fn read_only() -> Option<u32> {
    NEWER.with(|n| n.get())
}

/// Whether this version may write storage.
pub fn writable() -> bool {
    read_only().is_none()
}

fn check_writable() -> Result<(), JsValue> {
    if writable() {
        Ok(())
    } else {
        Err(JsValue::from_str(READ_ONLY))
    }
}

thread_local! {
    /// Milliseconds spent waiting on storage reads and writes since the worker started: the
    /// benchmark's service-worker cold start prints them apart from the work (issue 13 item 4).
    static WAITED: std::cell::Cell<(f64, f64)> = const { std::cell::Cell::new((0.0, 0.0)) };
}

pub(super) async fn timed(read: bool, p: js_sys::Promise) -> Result<JsValue, JsValue> {
    let t0 = crate::ui::now_ms();
    let r = JsFuture::from(p).await;
    let d = crate::ui::now_ms() - t0;
    WAITED.with(|w| {
        let (r0, w0) = w.get();
        w.set(if read { (r0 + d, w0) } else { (r0, w0 + d) });
    });
    r
}

/// The milliseconds waited on storage reads and on writes since the worker started.
pub fn waited_ms() -> (f64, f64) {
    WAITED.with(|w| w.get())
}

pub async fn storage_get(keys: &[String]) -> Result<JsValue, JsValue> {
    let arr: Array = keys.iter().map(|k| JsValue::from_str(k)).collect();
    timed(true, platform::storage_get(&arr.into())).await
}

/// Writes these keys in one `storage.local.set`; refused while the storage is read-only.
pub async fn storage_set(pairs: &[(String, JsValue)]) -> Result<(), JsValue> {
    check_writable()?;
    if pairs.is_empty() {
        return Ok(());
    }
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v)?;
    }
    timed(false, platform::storage_set(&o)).await.map(|_| ())
}

/// Removes these keys; refused while the storage is read-only.
pub async fn storage_remove(keys: &[&str]) -> Result<(), JsValue> {
    check_writable()?;
    let arr: Array = keys.iter().map(|k| JsValue::from_str(k)).collect();
    JsFuture::from(platform::storage_remove(&arr.into()))
        .await
        .map(|_| ())
}

/// Runs the schema plan once per start: a fresh install writes `meta`; v0's single `events` array
/// moves to month keys (the old key is removed only after the new ones are written).
pub async fn migrate() -> Result<Plan, JsValue> {
    let items = storage_get(&[META_KEY.into(), schema::LEGACY_EVENTS_KEY.into()]).await?;
    let raw_meta = get(&items, META_KEY);
    let version = match stored_values::meta_says(platform::pages::to_json(&raw_meta).as_ref()) {
        MetaSays::Nothing => None,
        MetaSays::Version(v) | MetaSays::Newer(v) => Some(v),
        MetaSays::Unreadable => {
            // Damaged: kept aside, and the months read as this version's (both forms read).
            let q = quarantine_with(&[kept_aside(META_KEY, &raw_meta)]).await?;
            storage_set(&[(QUARANTINE_KEY.into(), q), (META_KEY.into(), meta()?)]).await?;
            Some(SCHEMA_VERSION)
        }
    };
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
            let mut all = load_all().await?;
            all.rewrite_all = true;
            all.save_events().await?;
            storage_set(&[(META_KEY.into(), meta()?)]).await?;
        }
        Plan::TooNew(v) => NEWER.with(|n| n.set(Some(v))),
        Plan::Current => {}
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

/// A stored value that could not be read, as the quarantine keeps it: `{from, value, kept_at}`
/// (docs/protocol.md §1, `quarantine`), the value itself untouched.
pub fn kept_aside(from: &str, value: &JsValue) -> JsValue {
    platform::object(&[
        ("from", from.into()),
        ("value", value.clone()),
        ("kept_at", js_sys::Date::now().into()),
    ])
    .into()
}

/// The quarantine with `bad` added. A quarantine that is not a list (damaged in turn) is kept as
/// the first entry of a new one, never dropped.
pub async fn quarantine_with(bad: &[JsValue]) -> Result<JsValue, JsValue> {
    let items = storage_get(&[QUARANTINE_KEY.into()]).await?;
    let q = get(&items, QUARANTINE_KEY);
    let arr = if Array::is_array(&q) {
        Array::from(&q)
    } else if q.is_undefined() {
        Array::new()
    } else {
        Array::of1(&kept_aside(QUARANTINE_KEY, &q))
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

/// Loads settings, the guard and the months the guard is computed from (`schema::guard_month_keys`:
/// the month before today's, today's, and the one after, which holds a send made before the clock
/// went back across the first of a month).
pub async fn load(today: LocalDay) -> Result<Loaded, JsValue> {
    let months = schema::guard_month_keys(today).to_vec();
    let mut keys = vec![
        SETTINGS_KEY.to_string(),
        GUARD_KEY.to_string(),
        PAGE_SIGNALS_KEY.to_string(),
    ];
    keys.extend(months.iter().cloned());
    let items = storage_get(&keys).await?;
    load_from(items, months).await
}

/// Loads settings, the guard and the `n` months up to `today`'s (n = 2 is [`load`]).
pub async fn load_months(today: LocalDay, n: usize) -> Result<Loaded, JsValue> {
    let mut first = today;
    for _ in 1..n.max(1) {
        first = first.first_of_previous_month();
    }
    load_since(first, today).await
}

/// Loads settings, the guard and every month from `first`'s to `today`'s (at least this one and the
/// one before, as [`load`]).
pub async fn load_since(first: LocalDay, today: LocalDay) -> Result<Loaded, JsValue> {
    let first = first.min(today.first_of_previous_month());
    let mut months = Vec::new();
    let mut d = today;
    // Bounded: a first day before the Unix epoch or a garbled one cannot make this loop long.
    for _ in 0..1_200 {
        months.push(schema::month_key(&d.month_key()));
        if (d.year, d.month) <= (first.year, first.month) {
            break;
        }
        d = d.first_of_previous_month();
    }
    months.reverse();
    // And the month after today's, as `load` (`schema::guard_month_keys`).
    months.push(schema::month_key(&today.next_month_key()));
    let mut keys = vec![
        SETTINGS_KEY.to_string(),
        GUARD_KEY.to_string(),
        PAGE_SIGNALS_KEY.to_string(),
    ];
    keys.extend(months.iter().cloned());
    let items = storage_get(&keys).await?;
    load_from(items, months).await
}

/// Loads settings, the guard and every month: for an import, which must know every event id.
pub async fn load_all() -> Result<Loaded, JsValue> {
    let items = timed(true, platform::storage_get(&JsValue::NULL)).await?;
    let months = Object::keys(items.unchecked_ref::<Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .filter(|k| schema::is_month_key(k))
        .collect();
    load_from(items, months).await
}

/// Empties storage.local and writes `meta` again: the member's "Delete all data". It is the one
/// write allowed while the storage belongs to a newer version: the member chose to delete that data
/// too, and nothing is left that this version could misread.
pub async fn clear_all() -> Result<(), JsValue> {
    JsFuture::from(platform::storage_clear()).await?;
    NEWER.with(|n| n.set(None));
    storage_set(&[(META_KEY.into(), meta()?)]).await
}

async fn load_from(items: JsValue, month_keys: Vec<String>) -> Result<Loaded, JsValue> {
    let raw_settings = get(&items, SETTINGS_KEY);
    let settings = if raw_settings.is_undefined() {
        Settings::default()
    } else {
        read_settings(&raw_settings).unwrap_or_else(|| {
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
    let guard = platform::pages::from_js::<GuardState>(&stored_guard)
        .filter(|_| get(&stored_guard, "ui").is_object());
    let signals = read_signals(&get(&items, PAGE_SIGNALS_KEY)).await;
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
    if !bad_all.is_empty() && writable() {
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
        signals,
        rewrite_all: false,
    })
}

/// The stored `page_signals`, or a fresh one from now, written at once, when there is none (a fresh
/// install, "Delete all data") or it does not read: the self-check judges only sends after it
/// (docs/architecture.md §11), so the history before it never sets a state.
async fn read_signals(raw: &JsValue) -> PageSignals {
    match stored_values::page_signals(platform::pages::to_json(raw).as_ref()) {
        Read::Ok(s) => return s,
        Read::Unreadable => web_sys::console::warn_2(
            &"Invite Guard: the stored page signals do not read; starting afresh:".into(),
            raw,
        ),
        Read::Absent => {}
    }
    let fresh = PageSignals::new(js_sys::Date::now());
    save_signals(&fresh).await;
    fresh
}

/// Writes `page_signals`. Evidence, not history: a write that fails (storage full, read-only) is
/// only logged, and the next report tries again.
pub async fn save_signals(signals: &PageSignals) {
    if !writable() {
        return;
    }
    let written = match to_js(signals) {
        Ok(v) => storage_set(&[(PAGE_SIGNALS_KEY.into(), v)]).await,
        Err(e) => Err(e),
    };
    if let Err(e) = written {
        web_sys::console::warn_2(&"Invite Guard could not keep the page signals:".into(), &e);
    }
}

/// Writes new settings. Stored settings that could not be read are kept aside in the quarantine
/// first: the defaults applied while they were unreadable, and the member's new choice replaces
/// them, but what was stored is not lost.
pub async fn save_settings(s: &Settings) -> Result<(), JsValue> {
    let items = storage_get(&[SETTINGS_KEY.into()]).await?;
    let old = get(&items, SETTINGS_KEY);
    let mut pairs = vec![(SETTINGS_KEY.to_string(), to_js(s)?)];
    if !old.is_undefined() && read_settings(&old).is_none() {
        pairs.push((
            QUARANTINE_KEY.into(),
            quarantine_with(&[kept_aside(SETTINGS_KEY, &old)]).await?,
        ));
    }
    storage_set(&pairs).await
}

/// Stored settings, when they read (`core::stored_values::settings`).
fn read_settings(raw: &JsValue) -> Option<Settings> {
    stored_values::settings(platform::pages::to_json(raw).as_ref()).ok()
}

/// Drops every invitee's name from every month and from the quarantine ("Keep names" switched off).
pub async fn forget_names() -> Result<(), JsValue> {
    let mut all = load_all().await?;
    all.ledger.forget_names();
    all.save_events().await?;
    let items = storage_get(&[QUARANTINE_KEY.into()]).await?;
    let q = get(&items, QUARANTINE_KEY);
    if !Array::is_array(&q) {
        return Ok(());
    }
    let mut changed = false;
    let out: Array = Array::from(&q)
        .iter()
        .map(|item| match without_name(&item) {
            Some(stripped) => {
                changed = true;
                stripped
            }
            None => item,
        })
        .collect();
    if changed {
        storage_set(&[(QUARANTINE_KEY.into(), out.into())]).await?;
    }
    Ok(())
}

/// `privacy::raw_without_name` for a quarantined item, and for the events inside a value kept aside
/// whole (`{from, value, kept_at}`: a month key that was not a list, say).
fn strip_item(item: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match item {
        Value::Object(mut o) if o.contains_key("from") && o.contains_key("value") => {
            let inner = o.remove("value").unwrap_or_default();
            let inner = match inner {
                Value::Array(items) => {
                    Value::Array(items.into_iter().map(privacy::raw_without_name).collect())
                }
                other => privacy::raw_without_name(other),
            };
            o.insert("value".into(), inner);
            Value::Object(o)
        }
        other => privacy::raw_without_name(other),
    }
}

/// A quarantined item without the name it holds, or `None` when it holds none (then it stays as it
/// is, byte for byte: only an item that names someone is rewritten).
fn without_name(item: &JsValue) -> Option<JsValue> {
    let text = js_sys::JSON::stringify(item).ok()?.as_string()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    let stripped = strip_item(value.clone());
    if stripped == value {
        return None;
    }
    js_sys::JSON::parse(&serde_json::to_string(&stripped).ok()?).ok()
}

/// The member's privacy choices, applied to what is stored (issue 10 "Privacy the member
/// controls"): events older than the retention period are deleted, quarantined items included, and
/// with "Don't keep who I invited" the settled invitations lose who they were to
/// (`core::privacy`). Reads everything, so it runs at start, once a day and when the member changes
/// either setting, not on every event. Returns whether anything changed.
pub async fn housekeeping(now: f64, tz: i32) -> Result<bool, JsValue> {
    if !writable() {
        return Ok(false);
    }
    let items = storage_get(&[SETTINGS_KEY.into()]).await?;
    let settings = read_settings(&get(&items, SETTINGS_KEY)).unwrap_or_default();
    if settings.retention_months.is_none() && !settings.forget_invitees {
        return Ok(false);
    }
    let mut all = load_all().await?;
    let mut changed = false;
    let mut remove = Vec::new();
    let mut pairs = Vec::new();
    if let Some(months) = settings.retention_months {
        let cutoff = privacy::retention_cutoff(now, tz, months);
        let (kept, gone) = privacy::expire(all.ledger.events().to_vec(), cutoff);
        if gone > 0 {
            all.ledger = Ledger::from_events(kept);
            changed = true;
        }
        // Months wholly before the cutoff go as keys (they were read above, in this step).
        remove = privacy::retention_keys(all.months.keys().map(String::as_str), cutoff).delete;
        let items = storage_get(&[QUARANTINE_KEY.into()]).await?;
        let q = get(&items, QUARANTINE_KEY);
        if Array::is_array(&q) {
            let arr = Array::from(&q);
            let kept: Array = arr
                .iter()
                .filter(|item| {
                    let v = platform::pages::to_json(item).unwrap_or_default();
                    privacy::expire_raw(vec![v], cutoff).1 == 0
                })
                .collect();
            if kept.length() != arr.length() {
                pairs.push((QUARANTINE_KEY.to_string(), kept.into()));
            }
        }
    }
    if settings.forget_invitees {
        let forgotten = privacy::forget_settled(all.ledger.events(), now);
        if forgotten != all.ledger.events() {
            all.ledger = Ledger::from_events(forgotten);
            changed = true;
        }
    }
    if changed {
        all.save_events().await?;
    }
    storage_set(&pairs).await?;
    let remove: Vec<String> = remove
        .into_iter()
        .filter(|k| all.months.get(k).is_none_or(Vec::is_empty))
        .collect();
    if !remove.is_empty() {
        let keys: Array = remove.iter().map(|k| JsValue::from_str(k)).collect();
        JsFuture::from(platform::storage_remove(&keys.into())).await?;
    }
    Ok(changed || !pairs.is_empty() || !remove.is_empty())
}

impl Loaded {
    /// The bytes this step would add and the bytes free, when writing it would pass the storage's
    /// quota (`None` when it fits, or when the browser sets no quota: `unlimitedStorage`).
    pub async fn would_not_fit(&self) -> Option<(f64, f64)> {
        let quota = platform::pages::local_quota()?;
        let in_use = platform::pages::bytes_in_use().await?;
        let plan = schema::plan_writes(&self.months, self.ledger.events(), self.rewrite_all);
        let size = |key: &str, evs: &[Event]| {
            encode(evs)
                .ok()
                .and_then(|v| js_sys::JSON::stringify(&v).ok())
                .map_or(0.0, |s| (key.len() + s.length() as usize) as f64)
        };
        let mut needed = 0.0;
        for (key, evs) in plan.writes.iter().chain(plan.strays.iter()) {
            let old = self.months.get(key).map_or(0.0, |o| size(key, o));
            needed += size(key, evs) - old;
        }
        let free = (quota - in_use).max(0.0);
        (needed > free).then_some((needed.max(0.0), free))
    }

    /// Writes back the loaded months whose events changed. An event that belongs to a month that was
    /// not loaded (a restored backup, a hand edit, damaged storage put it under the wrong key) is
    /// merged into that month after reading it now: a month key is never written without being read
    /// in the same step, or its stored events would be replaced by the stray one (issue 10 finding 1).
    pub async fn save_events(&mut self) -> Result<(), JsValue> {
        check_writable()?;
        let plan = schema::plan_writes(&self.months, self.ledger.events(), self.rewrite_all);
        let mut pairs = Vec::new();
        for (key, evs) in &plan.writes {
            pairs.push((key.clone(), encode(evs)?));
        }
        let mut read_now = BTreeMap::new();
        if !plan.strays.is_empty() {
            let keys: Vec<String> = plan.strays.keys().cloned().collect();
            let items = storage_get(&keys).await?;
            let mut bad_all = Vec::new();
            for (key, strays) in plan.strays {
                let (stored, bad) = decode_events(&get(&items, &key));
                bad_all.extend(bad);
                let merged = schema::merge_month(stored, strays);
                pairs.push((key.clone(), encode(&merged)?));
                read_now.insert(key, merged);
            }
            if !bad_all.is_empty() {
                pairs.push((QUARANTINE_KEY.into(), quarantine_with(&bad_all).await?));
            }
        }
        storage_set(&pairs).await?;
        if !read_now.is_empty() {
            // The months read now are part of what this step holds: a later save compares with them.
            let mut all = self.ledger.events().to_vec();
            all.extend(read_now.values().flatten().cloned());
            self.ledger = Ledger::from_events(all);
        }
        for (key, evs) in plan.writes.into_iter().chain(read_now) {
            self.months.insert(key, evs);
        }
        self.rewrite_all = false;
        Ok(())
    }
}
