//! The popup's warnings that matter now (issue 13 item 1), under the chart: the free personal notes
//! spent this month, and LinkedIn's latest limit refusal of the last 7 days. The pending warning
//! (`#pending-alert`, filled by `pending_alert`) and the self-check's lines (`show_self_check`)
//! sit in the same block. Each line is shown only while it holds; its explanation is its `title`.

use crate::platform;
use crate::platform::get;
use crate::ui::{self, by_id};
use crate::view::short_time;
use invite_guard_core::time::LocalDay;
use wasm_bindgen::prelude::*;
use web_sys::Document;

/// The free personal notes spent, from the background's `notes` (`background::notes::publish`):
/// shown when its level is `spent` and its month has not ended (`resets_on` is after today).
pub fn notes(doc: &Document, notes: &JsValue, today: LocalDay) -> Result<(), JsValue> {
    let spent = get(notes, "level").as_string().as_deref() == Some("spent");
    let resets = get(notes, "resets_on")
        .as_string()
        .and_then(|s| LocalDay::parse(&s))
        .filter(|d| *d > today);
    let budget = get(notes, "budget").as_f64();
    let p = by_id(doc, "notes-warn")?;
    let (Some(resets), Some(budget), true) = (resets, budget, spent) else {
        return p.set_attribute("hidden", "");
    };
    let day = platform::format_day(
        resets,
        &[("month", "long"), ("day", "numeric"), ("timeZone", "UTC")],
    );
    p.set_text_content(Some(&platform::message(
        "popupNotesSpent",
        &[&ui::num(budget as u32), &day],
    )));
    if let Some(line) = get(notes, "line").as_string() {
        p.set_attribute("title", &line)?;
    }
    p.remove_attribute("hidden")
}

/// LinkedIn's latest limit refusal (an invitation refused, or its limit alert) of the last 7 days
/// (`refused_at`, from the background's `glance` or the months), with how long a restriction usually
/// lasts as its title; not while its hold is the status line (`held`). A refused note is the notes'
/// line.
pub fn refusal(doc: &Document, refused_at: Option<f64>, held: bool) -> Result<(), JsValue> {
    let p = by_id(doc, "refusal-warn")?;
    let Some(at) = refused_at.filter(|_| !held) else {
        return p.set_attribute("hidden", "");
    };
    p.set_text_content(Some(&platform::message(
        "popupRefusedOn",
        &[&short_time(at)],
    )));
    p.set_attribute("title", &platform::message("popupRestriction", &[]))?;
    p.remove_attribute("hidden")
}
