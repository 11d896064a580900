//! The note editor helper (issue 5): under LinkedIn's note field, a live character count against
//! the field's own `maxlength`, the free-note budget for this month, and the member's templates.
//! A template is inserted only by the member's click, and nothing is ever sent.
//!
//! Like the guard's panels it lives in a closed shadow root built with `createElement` and
//! `textContent`, placed right after the textarea so it scrolls with the dialog. The content script
//! stays thin because its size is paid on every LinkedIn page load (platform.md §2): the background
//! writes the budget line ready to show (`notes` in storage) and fills templates on request
//! (`fill_template`); this file finds the field, counts, and inserts.

use crate::platform;
use invite_guard_core::classify::{INTEROP_HOST_SELECTOR, NOTE_EDITOR_SELECTOR, TOPCARD_SELECTOR};
use invite_guard_core::schema::SETTINGS_KEY;
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventInit, HtmlElement, HtmlTextAreaElement};

/// The storage key the background keeps this month's note budget in (README "Storage layout").
const NOTES_KEY: &str = "notes";

macro_rules! font {
    () => {
        "font:12px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
    };
}
const BOX_STYLE: &str = concat!(
    font!(),
    "color:#1d2226;padding:6px 8px;border:1px solid #d0d7de;border-radius:6px;background:#f6f8fa;"
);
const LINE: &str = "margin:0 0 3px;";
const MUTED: &str = "margin:0 0 3px;color:#57606a;";
const AMBER: &str = "margin:0 0 3px;color:#9a6700;font-weight:600;";
const RED: &str = "margin:0 0 3px;color:#cf222e;font-weight:600;";
const BUTTON_STYLE: &str = concat!(
    font!(),
    "margin:2px 4px 0 0;padding:2px 8px;border:1px solid #0a66c2;border-radius:12px;background:#fff;color:#0a66c2;cursor:pointer;"
);
/// The counter turns amber this close to the limit (LinkedIn's own counter shows no warning).
const NEAR: u32 = 20;

struct Helped {
    area: HtmlTextAreaElement,
    host: Element,
    counter: HtmlElement,
    budget: HtmlElement,
    templates: HtmlElement,
    message: HtmlElement,
}

thread_local! {
    static HELPED: RefCell<Vec<Helped>> = const { RefCell::new(Vec::new()) };
    /// Who the member is inviting: name and headline, for the templates' placeholders.
    static PERSON: RefCell<(String, String)> = const { RefCell::new((String::new(), String::new())) };
}

/// Remembers who the member is inviting (at their Connect click), for the templates.
pub fn set_person(name: &str, headline: String) {
    PERSON.with(|p| *p.borrow_mut() = (name.to_string(), headline));
}

#[wasm_bindgen(inline_js = r#"
function headline(scope, name) {
  return [...scope.querySelectorAll("p")].map((e) => (e.textContent || "").trim())
    .find((t) => t && t !== name && !t.startsWith("\u00b7") && t.length > 3 && t.length < 300) || "";
}
export function headline_near(el, name) {
  // The card holding this Connect control: the nearest ancestor that also shows the person's name.
  let cur = el;
  for (let i = 0; i < 8 && cur && cur.localName !== "body"; i++, cur = cur.parentElement) {
    const texts = [...cur.querySelectorAll("h2,p")].map((e) => (e.textContent || "").trim());
    if (name && texts.includes(name)) return headline(cur, name);
  }
  return "";
}
// The helper's DOM, built here rather than through web-sys: the same createElement/textContent
// calls in a few lines of JS instead of many times their size once wasm2js has expanded them
// (platform.md §2: the content script's size is paid on every LinkedIn page load).
export function note_helper(area, boxStyle, lineStyle, onEvent) {
  const host = document.createElement("div");
  host.setAttribute("data-invite-guard", "note");
  host.setAttribute("style", "all:initial;display:block;margin:4px 0 0;");
  const root = host.attachShadow({ mode: "closed" });
  const box = document.createElement("div");
  box.setAttribute("style", boxStyle);
  const parts = ["p", "p", "div", "p"].map((tag) => {
    const e = document.createElement(tag);
    e.setAttribute("style", lineStyle);
    box.appendChild(e);
    return e;
  });
  parts[0].setAttribute("aria-live", "polite");
  parts[3].setAttribute("role", "status");
  root.appendChild(box);
  area.insertAdjacentElement("afterend", host);
  area.addEventListener("input", onEvent);
  parts[2].addEventListener("click", onEvent);
  return [host, ...parts];
}
export function set_line(e, text, style) {
  e.textContent = text;
  e.setAttribute("style", style);
}
export function template_buttons(box, label, names, labelStyle, buttonStyle) {
  const l = document.createElement("span");
  l.setAttribute("style", labelStyle);
  l.textContent = label;
  box.appendChild(l);
  names.forEach((name, i) => {
    const b = document.createElement("button");
    b.type = "button";
    b.setAttribute("style", buttonStyle);
    b.setAttribute("data-template", String(i));
    b.textContent = name;
    box.appendChild(b);
  });
}
export function parent_topcard(selector) {
  // The note editor may render in the /preload/ frame (linkedin-dom.md §1): the person is on the
  // parent page's top card, which the same origin lets this frame read.
  try {
    if (window.parent === window) return null;
    const card = window.parent.document.querySelector(selector);
    if (!card) return ["", ""];
    const name = (card.querySelector("h2")?.textContent || "").trim();
    return [name, headline(card, name)];
  } catch (e) {
    return null;
  }
}
"#)]
extern "C" {
    /// The headline on the card of the Connect control `el` for the person called `name`.
    pub fn headline_near(el: &Element, name: &str) -> String;
    fn parent_topcard(selector: &str) -> JsValue;
    fn note_helper(
        area: &HtmlTextAreaElement,
        box_style: &str,
        line_style: &str,
        on_event: &js_sys::Function,
    ) -> Array;
    fn set_line(e: &HtmlElement, text: &str, style: &str);
    fn template_buttons(
        b: &HtmlElement,
        label: &str,
        names: &Array,
        label_style: &str,
        button_style: &str,
    );
}

use crate::platform::get;

fn say(e: &HtmlElement, text: &str, style: &str) {
    set_line(e, text, style);
}

/// Note fields in this document and under the interop host's open shadow root.
fn editors(doc: &Document) -> Vec<HtmlTextAreaElement> {
    let mut lists = vec![doc.query_selector_all(NOTE_EDITOR_SELECTOR)];
    if let Ok(Some(host)) = doc.query_selector(INTEROP_HOST_SELECTOR) {
        if let Some(root) = host.shadow_root() {
            lists.push(root.query_selector_all(NOTE_EDITOR_SELECTOR));
        }
    }
    let mut out = Vec::new();
    for list in lists.into_iter().flatten() {
        for i in 0..list.length() {
            if let Some(a) = list.item(i).and_then(|n| n.dyn_into().ok()) {
                out.push(a);
            }
        }
    }
    out
}

/// Attaches the helper to note fields that appeared, forgets those that went.
pub fn check(doc: &Document) {
    HELPED.with(|h| {
        h.borrow_mut().retain(|x| {
            let alive = x.area.is_connected() && x.host.is_connected();
            if !alive {
                x.host.remove();
            }
            alive
        })
    });
    for area in editors(doc) {
        if HELPED.with(|h| h.borrow().iter().any(|x| x.area == area)) {
            continue;
        }
        if let Ok(h) = attach(doc, area) {
            HELPED.with(|x| x.borrow_mut().push(h));
        }
    }
}

/// Removes every helper (in-page UI switched off).
pub fn clear() {
    HELPED.with(|h| {
        for x in h.borrow_mut().drain(..) {
            x.host.remove();
        }
    });
}

/// Runs `f` on the helper of `area`.
fn with(area: &HtmlTextAreaElement, f: impl FnOnce(&Helped)) {
    HELPED.with(|x| {
        if let Some(h) = x.borrow().iter().find(|h| &h.area == area) {
            f(h);
        }
    })
}

fn attach(doc: &Document, area: HtmlTextAreaElement) -> Result<Helped, JsValue> {
    // Inside the /preload/ frame the Connect click happened in the parent page: the person is the
    // parent's top card now (the frame outlives page changes, so nothing older is kept), or unknown.
    let t = parent_topcard(TOPCARD_SELECTOR);
    if Array::is_array(&t) {
        let t = Array::from(&t);
        set_person(
            &t.get(0).as_string().unwrap_or_default(),
            t.get(1).as_string().unwrap_or_default(),
        );
    }
    // One listener for the field and one for the template buttons, whichever the event.
    let a = area.clone();
    let on_event = Closure::<dyn FnMut(Event)>::new(move |ev: Event| {
        if ev.type_() == "input" {
            with(&a, update_counter);
            return;
        }
        // A template button: the dialog's own handlers must not take this click for theirs.
        ev.stop_propagation();
        let index = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.get_attribute("data-template"))
            .and_then(|i| i.parse::<u32>().ok());
        if let Some(i) = index {
            request_fill(&a, i);
        }
    });
    let parts = note_helper(&area, BOX_STYLE, LINE, on_event.as_ref().unchecked_ref());
    on_event.forget();
    let part = |i: u32| parts.get(i).unchecked_into::<HtmlElement>();
    let h = Helped {
        area: area.clone(),
        host: parts.get(0).unchecked_into(),
        counter: part(1),
        budget: part(2),
        templates: part(3),
        message: part(4),
    };
    update_counter(&h);

    let a = area.clone();
    let on_loaded = Closure::<dyn FnMut(JsValue)>::new(move |items: JsValue| {
        with(&a, |h| {
            let _ = show_extras(h, &items);
        })
    });
    let keys = Array::of2(&NOTES_KEY.into(), &SETTINGS_KEY.into());
    let _ = platform::storage_get(&keys.into()).then(&on_loaded);
    on_loaded.forget();
    let _ = doc;
    Ok(h)
}

/// The field's own limit (`maxlength`: 200 on free accounts and 300 on Premium, linkedin-dom.md
/// §3), never a number of ours; 0 when the page sets none.
fn limit(area: &HtmlTextAreaElement) -> u32 {
    area.max_length().max(0) as u32
}

/// The note's length as `maxlength` counts it: UTF-16 code units, JavaScript's string length.
fn len(area: &HtmlTextAreaElement) -> u32 {
    js_sys::JsString::from(area.value()).length()
}

fn num(n: u32) -> String {
    super::panel::num(n as f64)
}

fn update_counter(h: &Helped) {
    let (n, max) = (len(&h.area), limit(&h.area));
    if max == 0 {
        say(
            &h.counter,
            &platform::message("noteCounterNoLimit", &[&num(n)]),
            MUTED,
        );
        return;
    }
    let style = if n > max {
        RED
    } else if n + NEAR >= max {
        AMBER
    } else {
        MUTED
    };
    say(
        &h.counter,
        &platform::message("noteCounter", &[&num(n), &num(max)]),
        style,
    );
}

/// The budget line (written by the background, ready to show) and a button per template.
fn show_extras(h: &Helped, items: &JsValue) -> Result<(), JsValue> {
    let notes = get(items, NOTES_KEY);
    if let Some(line) = get(&notes, "line").as_string() {
        let style = match get(&notes, "level").as_string().as_deref() {
            Some("spent") => RED,
            Some("low") => AMBER,
            _ => MUTED,
        };
        say(&h.budget, &line, style);
    }
    let list = get(&get(items, SETTINGS_KEY), "templates");
    let list = if Array::is_array(&list) {
        Array::from(&list)
    } else {
        Array::new()
    };
    if list.length() == 0 {
        say(
            &h.templates,
            &platform::message("noteNoTemplates", &[]),
            MUTED,
        );
        return Ok(());
    }
    let names: Array = list
        .iter()
        .map(|t| JsValue::from(get(&t, "name").as_string().unwrap_or_default()))
        .collect::<Array>();
    template_buttons(
        &h.templates,
        &platform::message("noteTemplates", &[]),
        &names,
        "color:#57606a;",
        BUTTON_STYLE,
    );
    Ok(())
}

/// Asks the background to fill template `index` for the person being invited, within the room
/// the field has left (its limit, less the text that stays around the cursor).
fn request_fill(area: &HtmlTextAreaElement, index: u32) {
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(0);
    let kept = len(area).saturating_sub(end.saturating_sub(start));
    let max = limit(area);
    let (name, headline) = PERSON.with(|p| p.borrow().clone());
    let lang = area
        .owner_document()
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .unwrap_or_default();
    let msg = Object::new();
    for (k, v) in [
        ("kind", JsValue::from_str("fill_template")),
        ("index", index.into()),
        ("name", name.into()),
        ("headline", headline.into()),
        ("lang", lang.into()),
        ("max", max.into()),
        ("room", max.saturating_sub(kept).into()),
    ] {
        let _ = Reflect::set(&msg, &k.into(), &v);
    }
    let a = area.clone();
    let on_answer = Closure::once(move |answer: JsValue| with(&a, |h| insert(h, &answer)));
    let _ = platform::send_message(&msg).then(&on_answer);
    on_answer.forget();
}

/// Puts the filled text at the cursor (replacing a selection, so a note the member began is kept)
/// when it fits; LinkedIn's page learns of it through an `input` event, as if typed.
fn insert(h: &Helped, answer: &JsValue) {
    let line = get(answer, "message")
        .as_string()
        .unwrap_or_else(|| platform::message("noteFillFailed", &[]));
    let Some(text) = get(answer, "text").as_string() else {
        say(&h.message, &line, RED);
        return;
    };
    if h.area.set_range_text(&text).is_err() {
        h.area.set_value(&text);
    }
    let init = EventInit::new();
    init.set_bubbles(true);
    if let Ok(ev) = Event::new_with_event_init_dict("input", &init) {
        let _ = h.area.dispatch_event(&ev);
    }
    let _ = h.area.focus();
    let unfilled = get(answer, "unfilled").as_bool() == Some(true);
    say(&h.message, &line, if unfilled { AMBER } else { MUTED });
}
