//! What the popup and the dashboard both draw from the stored history (issue 13): the months they
//! read, the chart of sends per day (`chart`), the times they print, and the pending queue's
//! health, which the popup shows as its short alert and the dashboard in full, and the storage's
//! problems (`problems`): short lines in the popup, whole on the dashboard. Compiled into each of
//! the two pages' modules (docs/architecture.md §1.1, §12).

pub mod chart;
pub mod problems;

use crate::platform::{self, get};
use crate::ui;
use invite_guard_core::health::{pending_health_of, Outcome, PendingHealth};
use invite_guard_core::ledger::Event;
use invite_guard_core::schema::{month_key, SentPageRead, SentTotalMissed};
use invite_guard_core::time::LocalDay;
use js_sys::Date;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// The month keys of this month and the `n - 1` before it.
pub fn months_back(today: LocalDay, n: usize) -> Vec<String> {
    let mut keys = Vec::new();
    let mut d = today;
    for _ in 0..n {
        keys.push(month_key(&d.month_key()));
        d = d.first_of_previous_month();
    }
    keys
}

/// The month keys a 30-day range can reach, and the statistics (pending, acceptance) are taken over:
/// this month and the two before (30 days back from 1 March crosses all of February).
pub fn chart_months(today: LocalDay) -> Vec<String> {
    months_back(today, 3)
}

/// Decodes the events of the month keys in `items`; an unreadable event is skipped here (the
/// background quarantines it on its next write).
pub fn events_of(items: &JsValue, keys: &[String]) -> Vec<Event> {
    let mut out = Vec::new();
    for k in keys {
        let v = get(items, k);
        out.extend(crate::events::decode(&v).0);
    }
    invite_guard_core::time::sort_by_time(&mut out);
    out
}

/// The pending queue's health, with what it was counted from: LinkedIn's total when the last read of
/// the Sent page showed one, else the ledger's. When a later read showed no total that reads
/// (`total_missed`, issue 12), LinkedIn's count is not known now and the ledger's is used.
pub fn pending_of<'a, 'b>(
    outs: &[(&Event, Outcome)],
    sent_page: Option<&'a SentPageRead>,
    total_missed: Option<&'b SentTotalMissed>,
    threshold: u32,
    now: f64,
) -> (
    PendingHealth,
    Option<&'a SentPageRead>,
    Option<&'b SentTotalMissed>,
) {
    let missed = total_missed.filter(|m| sent_page.is_none_or(|s| m.at > s.read_at));
    let linkedin = sent_page.filter(|_| missed.is_none());
    let h = pending_health_of(outs, linkedin.map(|s| s.total), threshold, now);
    (h, linkedin, missed)
}

/// An element's text for `<time>` and list rows: "27 Nov, 14:05" in the UI language.
pub fn short_time(ms: f64) -> String {
    platform::format_time(
        ms,
        &[
            ("month", "short"),
            ("day", "numeric"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
        ],
    )
}

/// A `<time datetime>` element, so assistive tech and tests read the exact moment.
pub fn time_el(doc: &Document, ms: f64) -> Result<Element, JsValue> {
    let t = ui::el(doc, "time", "", &short_time(ms))?;
    let iso: String = Date::new(&JsValue::from_f64(ms)).to_iso_string().into();
    t.set_attribute("datetime", &iso)?;
    Ok(t)
}
