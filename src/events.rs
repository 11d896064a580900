//! Events to and from a month key's JS value (docs/protocol.md §1): the compact v2 arrays of
//! `core::stored`, and the v1 objects they replaced, which still read.

use invite_guard_core::ledger::Event;
use invite_guard_core::schema::is_month_key;
use invite_guard_core::stored::compact;
use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Decodes a month key's array one event at a time: the readable events, and the unreadable items
/// as they were, for the quarantine. Anything but an array is one unreadable item.
pub fn decode(v: &JsValue) -> (Vec<Event>, Vec<JsValue>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    if !Array::is_array(v) {
        if !v.is_undefined() && !v.is_null() {
            bad.push(v.clone());
        }
        return (good, bad);
    }
    let arr = Array::from(v);
    // The month as one JSON text, parsed in Wasm: serde-wasm-bindgen would cross into JS for every
    // field of every event, which made a year of history (issue 3: 10,000 events) too slow for the
    // popup's first render. An item the text cannot carry is read the slow way.
    let text = js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    if value.as_array().map(Vec::len) != Some(arr.length() as usize) {
        // Each item by core's rule, as one text of its own.
        for item in arr.iter() {
            let one =
                crate::platform::pages::to_json(&item).map(|v| serde_json::Value::Array(vec![v]));
            let month = invite_guard_core::stored_values::month(one.as_ref());
            match month.events.into_iter().next() {
                Some(e) if month.bad.is_empty() => good.push(e),
                _ => bad.push(item),
            }
        }
        return (good, bad);
    }
    // Which items read is core's rule (`stored_values::month`, where the fault matrix tests it); the
    // unreadable ones are kept as the browser holds them (Firefox keeps NaN, which the text cannot).
    let month = invite_guard_core::stored_values::month(Some(&value));
    let bad = month.bad.iter().map(|&i| arr.get(i as u32)).collect();
    (month.events, bad)
}

/// A month's events in the compact form, as written at `now` (settled events lose `also`/`tab`).
pub fn encode(events: &[Event], now: f64) -> Result<JsValue, JsValue> {
    crate::platform::pages::to_js(&compact(events, now))
}

/// Every event of every month key in a `storage.get(null)` answer, oldest first: the export and
/// the dashboard's history. An unreadable event is skipped (the background quarantines it).
pub fn all_months(items: &JsValue) -> Vec<Event> {
    let mut events = Vec::new();
    for k in js_sys::Object::keys(items.unchecked_ref::<js_sys::Object>()).iter() {
        let Some(k) = k.as_string().filter(|k| is_month_key(k)) else {
            continue;
        };
        events.extend(decode(&crate::platform::get(items, &k)).0);
    }
    invite_guard_core::time::sort_by_time(&mut events);
    events
}

/// Every stored event (all month keys) and the settings: the export and the diagnostic.
pub async fn read_all() -> Result<(Vec<Event>, invite_guard_core::settings::Settings), JsValue> {
    let items =
        wasm_bindgen_futures::JsFuture::from(crate::platform::storage_get(&JsValue::NULL)).await?;
    let events = all_months(&items);
    let settings = crate::platform::pages::from_js(&crate::platform::get(
        &items,
        invite_guard_core::schema::SETTINGS_KEY,
    ))
    .unwrap_or_default();
    Ok((events, settings))
}
