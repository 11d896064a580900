//! The dashboard's history (issue 13 item 2): every stored event, searched by name and filtered by
//! kind, source and date range (`core::history`), 50 rows a page, newest first, and the rows that
//! match exported as CSV. Read after the first render, so a long history never delays the figures.
//!
//! Each change of a filter runs the search again over the whole history and draws one page: at
//! 100,000 events that is what `./build.sh bench` times per keystroke (target 50 ms).

use super::history::row;
use crate::platform;
use crate::ui::{self, by_id, set_text};
use invite_guard_core::export;
use invite_guard_core::history::{page_of, Index, Query};
use invite_guard_core::ledger::{Event, EventKind, Source};
use invite_guard_core::time::LocalDay;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlButtonElement, HtmlInputElement, HtmlSelectElement};

struct State {
    events: Vec<Event>,
    index: Index,
    /// Positions in `events` that match, newest first.
    found: Vec<u32>,
    page: usize,
}

const TEXT: &str = "h-text";
const KIND: &str = "h-kind";
const SOURCE: &str = "h-source";
const FROM: &str = "h-from";
const TO: &str = "h-to";

/// A `<select>` value as the kind or source it names: the options' values are the stored (serde)
/// names, so core's own reader decides, and `""` (all) names none.
fn named<T: serde::de::DeserializeOwned>(v: &str) -> Option<T> {
    T::deserialize(&serde_json::Value::String(v.to_string())).ok()
}

fn value(doc: &Document, id: &str) -> String {
    let Ok(e) = by_id(doc, id) else {
        return String::new();
    };
    match e.dyn_ref::<HtmlInputElement>() {
        Some(i) => i.value(),
        None => e
            .dyn_ref::<HtmlSelectElement>()
            .map(|s| s.value())
            .unwrap_or_default(),
    }
}

fn clear_value(doc: &Document, id: &str) {
    if let Ok(e) = by_id(doc, id) {
        if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
            i.set_value("");
        } else if let Some(s) = e.dyn_ref::<HtmlSelectElement>() {
            s.set_value("");
        }
    }
}

/// The query the form shows now. A date the browser could not parse is no bound.
fn query(doc: &Document) -> Query {
    Query {
        text: value(doc, TEXT),
        kind: named::<EventKind>(&value(doc, KIND)),
        source: named::<Source>(&value(doc, SOURCE)),
        from: LocalDay::parse(&value(doc, FROM)),
        to: LocalDay::parse(&value(doc, TO)),
    }
}

fn enable(doc: &Document, id: &str, on: bool) {
    if let Some(b) = by_id(doc, id)
        .ok()
        .and_then(|e| e.dyn_into::<HtmlButtonElement>().ok())
    {
        b.set_disabled(!on);
    }
}

/// Draws the current page of what matches, the count, the pager and the export button.
fn draw(doc: &Document, s: &State) -> Result<(), JsValue> {
    let list = by_id(doc, "history")?;
    ui::clear(&list);
    let total = s.found.len();
    let (rows, page, pages) = page_of(total, s.page);
    for &i in &s.found[rows.clone()] {
        if let Some(e) = s.events.get(i as usize) {
            ui::add(&list, row(doc, e))?;
        }
    }
    let count = if total == 0 {
        platform::message("dashHistoryNone", &[])
    } else {
        platform::message(
            "dashHistoryCount",
            &[
                &ui::num(rows.start as u32 + 1),
                &ui::num(rows.end as u32),
                &ui::num(total as u32),
            ],
        )
    };
    set_text(doc, "h-count", &count);
    set_text(
        doc,
        "h-page",
        &platform::message(
            "dashHistoryPage",
            &[&ui::num(page as u32 + 1), &ui::num(pages as u32)],
        ),
    );
    enable(doc, "h-newer", page > 0);
    enable(doc, "h-older", page + 1 < pages);
    set_text(
        doc,
        "h-export",
        &platform::message("dashHistoryExport", &[&ui::num(total as u32)]),
    );
    enable(doc, "h-export", total > 0);
    Ok(())
}

/// Searches again with the form's query and shows the first page.
fn search(doc: &Document, state: &Rc<RefCell<State>>) {
    let q = query(doc);
    let mut s = state.borrow_mut();
    s.found = s.index.search(&s.events, &q);
    s.page = 0;
    let _ = draw(doc, &s);
}

fn listen(
    doc: &Document,
    id: &str,
    event: &str,
    state: &Rc<RefCell<State>>,
    f: fn(&Document, &Rc<RefCell<State>>, &web_sys::Event),
) -> Result<(), JsValue> {
    let (d, st) = (doc.clone(), state.clone());
    let cb = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| f(&d, &st, &ev));
    by_id(doc, id)?.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref())?;
    cb.forget();
    Ok(())
}

fn turn(doc: &Document, state: &Rc<RefCell<State>>, by: isize) {
    let mut s = state.borrow_mut();
    s.page = s.page.saturating_add_signed(by);
    let (_, page, _) = page_of(s.found.len(), s.page);
    s.page = page;
    let _ = draw(doc, &s);
}

/// The matching events as CSV, oldest first like the options page's export, with a byte-order
/// mark so that spreadsheet programs read names as UTF-8.
fn export_found(state: &Rc<RefCell<State>>) -> Result<(), JsValue> {
    let s = state.borrow();
    let rows: Vec<Event> = s
        .found
        .iter()
        .rev()
        .filter_map(|&i| s.events.get(i as usize).cloned())
        .collect();
    let text = format!("\u{feff}{}", export::to_csv(&rows));
    ui::download(&text, "text/csv;charset=utf-8", &ui::file_name("csv"))
}

/// Takes the whole stored history (oldest first), shows its first page and wires the form.
pub fn render(doc: &Document, events: Vec<Event>) -> Result<(), JsValue> {
    let index = Index::new(&events);
    let state = Rc::new(RefCell::new(State {
        events,
        index,
        found: Vec::new(),
        page: 0,
    }));
    search(doc, &state);
    listen(doc, TEXT, "input", &state, |d, s, _| search(d, s))?;
    for id in [KIND, SOURCE, FROM, TO] {
        listen(doc, id, "change", &state, |d, s, _| search(d, s))?;
    }
    // The form's own reset clears the fields only after its event; clear them here and search.
    listen(doc, "history-filters", "reset", &state, |d, s, ev| {
        ev.prevent_default();
        for id in [TEXT, KIND, SOURCE, FROM, TO] {
            clear_value(d, id);
        }
        search(d, s);
    })?;
    // Enter in the search box would submit the form and reload the page.
    listen(doc, "history-filters", "submit", &state, |_, _, ev| {
        ev.prevent_default()
    })?;
    listen(doc, "h-newer", "click", &state, |d, s, _| turn(d, s, -1))?;
    listen(doc, "h-older", "click", &state, |d, s, _| turn(d, s, 1))?;
    listen(doc, "h-export", "click", &state, |_, s, _| {
        if let Err(e) = export_found(s) {
            web_sys::console::warn_2(&"Invite Guard export".into(), &e);
        }
    })?;
    Ok(())
}
