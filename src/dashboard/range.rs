//! The dashboard's chart range (30 or 90 days, issue 13 item 2; the popup draws 14): disposable UI
//! state, remembered in the extension's own `localStorage` as its number of days; history never goes
//! there.

use crate::platform;
use crate::view::chart::{draw, PLOT};
use invite_guard_core::ledger::Event;
use invite_guard_core::time::LocalDay;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

const RANGE_KEY: &str = "chartDays";
const RANGES: [usize; 2] = [30, 90];

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn saved_range() -> usize {
    local_storage()
        .and_then(|s| s.get_item(RANGE_KEY).ok()?)
        .and_then(|v| v.parse().ok())
        .filter(|d| RANGES.contains(d))
        .unwrap_or(30)
}

fn save_range(days: usize) {
    if let Some(s) = local_storage() {
        // A full or disabled localStorage only loses the choice.
        let _ = s.set_item(RANGE_KEY, &days.to_string());
    }
}

/// Draws the chart over the saved range and wires the range buttons.
pub fn render(doc: &Document, events: &[Event], today: LocalDay, cap: u32) -> Result<(), JsValue> {
    let events: Rc<Vec<Event>> = Rc::new(events.to_vec());
    draw(doc, &events, today, cap, saved_range(), PLOT)?;
    let buttons = doc.query_selector_all(".range button")?;
    for i in 0..buttons.length() {
        let Some(b) = buttons.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let n: usize = b
            .get_attribute("data-days")
            .and_then(|d| d.parse().ok())
            .unwrap_or(30);
        b.set_attribute(
            "aria-label",
            &platform::message("popupChartDays", &[&n.to_string()]),
        )?;
        let (d, evs) = (doc.clone(), events.clone());
        let cb = Closure::<dyn FnMut()>::new(move || {
            save_range(n);
            let _ = draw(&d, &evs, today, cap, n, PLOT);
        });
        b.add_event_listener_with_callback("click", cb.as_ref().unchecked_ref())?;
        cb.forget();
    }
    Ok(())
}
