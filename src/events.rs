//! Events to and from a month key's JS value (README "Storage layout"): the compact v2 arrays of
//! `core::stored`, and the v1 objects they replaced, which still read.

use invite_guard_core::ledger::Event;
use invite_guard_core::stored::{compact, Stored};
use js_sys::Array;
use wasm_bindgen::prelude::*;

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
    for item in Array::from(v).iter() {
        match serde_wasm_bindgen::from_value::<Stored>(item.clone()) {
            Ok(Stored(e)) if e.at.is_finite() => good.push(e),
            _ => bad.push(item),
        }
    }
    (good, bad)
}

/// A month's events in the compact form, as written at `now` (settled events lose `also`/`tab`).
pub fn encode(events: &[Event], now: f64) -> Result<JsValue, JsValue> {
    crate::platform::pages::to_js(&compact(events, now))
}
