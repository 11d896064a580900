//! The note editor helper (issue 5): under LinkedIn's note field, a live character count against
//! the field's own `maxlength`, the free-note budget for this month, and the member's templates.
//! A template is inserted only by the member's click, and nothing is ever sent.
//!
//! Like the guard's panels it lives in a closed shadow root built with `createElement` and
//! `textContent`, placed right after the textarea so it scrolls with the dialog. The content script
//! stays thin because its size is paid on every LinkedIn page load (platform.md §2): the background
//! writes the budget line (`notes` in storage) and the helper's texts (`guard.ui.note`) ready to
//! show, and fills templates on request (`fill_template`); the JS snippet below finds the field,
//! counts and inserts, and Rust says who is being invited and asks the background through the
//! facade.

use crate::platform;
use invite_guard_core::classify::{INTEROP_HOST_SELECTOR, NOTE_EDITOR_SELECTOR, TOPCARD_SELECTOR};
use invite_guard_core::schema::{GUARD_KEY, NOTES_KEY, SETTINGS_KEY};
use js_sys::{Array, Promise};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTextAreaElement};

thread_local! {
    /// Who the member is inviting: name and headline, for the templates' placeholders.
    static PERSON: RefCell<(String, String)> = const { RefCell::new((String::new(), String::new())) };
    /// A template button's click: (field, template index).
    static ON_TEMPLATE: Closure<dyn FnMut(HtmlTextAreaElement, u32)> = Closure::new(request_fill);
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

const FONT = "font:12px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;";
const BOX = FONT + "color:#1d2226;padding:6px 8px;border:1px solid #d0d7de;border-radius:6px;background:#f6f8fa;";
const LINE = "margin:0 0 3px;";
const STYLE = { muted: LINE + "color:#57606a;", low: LINE + "color:#9a6700;font-weight:600;", spent: LINE + "color:#cf222e;font-weight:600;" };
const BUTTON = FONT + "margin:2px 4px 0 0;padding:2px 8px;border:1px solid #0a66c2;border-radius:12px;background:#fff;color:#0a66c2;cursor:pointer;";
// The counter turns amber this close to the limit (LinkedIn's own counter shows no warning).
const NEAR = 20;
// The helped fields: field -> {host, parts, texts}.
const helped = new Map();
const str = (v) => (typeof v === "string" ? v : "");
function say(e, text, level) {
  e.textContent = text;
  e.setAttribute("style", STYLE[level] || STYLE.muted);
}
// The field's own limit (`maxlength`: 200 on free accounts, 300 on Premium, linkedin-dom.md §3),
// never a number of ours; 0 when the page sets none. Length in UTF-16 units, as maxlength counts.
const limit = (area) => Math.max(0, area.maxLength);
function count(area, h) {
  const n = area.value.length, max = limit(area);
  const t = h.texts;
  if (!max) return say(h.counter, str(t.counter_no_limit).replace("\u0001", n) || String(n), "muted");
  say(h.counter, str(t.counter).replace("\u0001", n).replace("\u0002", max) || n + " / " + max,
    n > max ? "spent" : n + NEAR >= max ? "low" : "muted");
}
// Note fields in this document and under the interop host's open shadow root not helped yet.
export function new_editors(selector, interopSelector) {
  for (const [area, h] of helped) {
    if (!area.isConnected || !h.host.isConnected) {
      h.host.remove();
      helped.delete(area);
    }
  }
  const roots = [document, document.querySelector(interopSelector)?.shadowRoot].filter(Boolean);
  return roots.flatMap((r) => [...r.querySelectorAll(selector)]).filter((a) => a.localName === "textarea" && !helped.has(a));
}
// The helper under `area`; `items` resolves to storage's `notes`, `settings` and `guard` (whose
// `ui.note` has the helper's texts, background/guard_ui.rs); onTemplate(area, i)
// on a template button's click.
export function note_helper(area, items, onTemplate) {
  const host = document.createElement("div");
  host.setAttribute("data-invite-guard", "note");
  host.setAttribute("style", "all:initial;display:block;margin:4px 0 0;");
  const box = document.createElement("div");
  box.setAttribute("style", BOX);
  const [counter, budget, templates, message] = ["p", "p", "div", "p"].map((tag) => box.appendChild(document.createElement(tag)));
  counter.setAttribute("aria-live", "polite");
  message.setAttribute("role", "status");
  host.attachShadow({ mode: "closed" }).appendChild(box);
  const h = { host, counter, message, texts: {} };
  helped.set(area, h);
  area.insertAdjacentElement("afterend", host);
  area.addEventListener("input", () => count(area, h));
  templates.addEventListener("click", (ev) => {
    // The dialog's own handlers must not take this click for theirs.
    ev.stopPropagation();
    const i = ev.target.getAttribute?.("data-template");
    if (i !== null && i !== undefined) onTemplate(area, Number(i));
  });
  count(area, h);
  items.then((items) => {
    const notes = items?.notes || {};
    h.texts = items?.guard?.ui?.note || {};
    count(area, h);
    if (str(notes.line)) say(budget, notes.line, notes.level);
    const list = items?.settings?.templates;
    if (!Array.isArray(list) || !list.length) return say(templates, str(h.texts.no_templates), "muted");
    const label = document.createElement("span");
    label.setAttribute("style", "color:#57606a;");
    label.textContent = str(h.texts.templates);
    templates.appendChild(label);
    list.forEach((t, i) => {
      const b = document.createElement("button");
      b.type = "button";
      b.setAttribute("style", BUTTON);
      b.setAttribute("data-template", String(i));
      b.textContent = str(t?.name);
      templates.appendChild(b);
    });
  }, () => {});
}
// What a fill request needs of the field: [its limit, the room it has left around the selection].
export function room(area) {
  const max = limit(area);
  const kept = area.value.length - (area.selectionEnd - area.selectionStart);
  return [max, Math.max(0, max - kept)];
}
// Puts the background's answer (`fill_template`) at the cursor, replacing a selection so a note the
// member began is kept, when it fits; LinkedIn's page learns of it through an `input` event, as if
// typed.
export function insert(area, answer) {
  answer.then((a) => {
    const h = helped.get(area);
    if (!h) return;
    const line = str(a?.message) || str(h.texts.fill_failed);
    if (typeof a?.text !== "string") return say(h.message, line, "spent");
    area.setRangeText(a.text, area.selectionStart, area.selectionEnd, "end");
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.focus();
    say(h.message, line, a.unfilled === true ? "low" : "muted");
  }, () => {});
}
// In-page UI switched off: every helper goes.
export function clear() {
  for (const h of helped.values()) h.host.remove();
  helped.clear();
}
"#)]
extern "C" {
    /// The headline on the card of the Connect control `el` for the person called `name`.
    pub fn headline_near(el: &Element, name: &str) -> String;
    fn parent_topcard(selector: &str) -> JsValue;
    fn new_editors(selector: &str, interop_selector: &str) -> Array;
    fn note_helper(area: &HtmlTextAreaElement, items: &Promise, on_template: &js_sys::Function);
    fn room(area: &HtmlTextAreaElement) -> Array;
    fn insert(area: &HtmlTextAreaElement, answer: &Promise);
    /// Removes every helper (in-page UI switched off).
    pub fn clear();
}

/// Attaches the helper to note fields that appeared (and forgets those that went).
pub fn check() {
    for area in new_editors(NOTE_EDITOR_SELECTOR, INTEROP_HOST_SELECTOR).iter() {
        // Inside the /preload/ frame the Connect click happened in the parent page: the person is
        // the parent's top card now (the frame outlives page changes, so nothing older is kept).
        let t = parent_topcard(TOPCARD_SELECTOR);
        if Array::is_array(&t) {
            let t = Array::from(&t);
            set_person(
                &t.get(0).as_string().unwrap_or_default(),
                t.get(1).as_string().unwrap_or_default(),
            );
        }
        let keys = Array::of3(&NOTES_KEY.into(), &SETTINGS_KEY.into(), &GUARD_KEY.into());
        ON_TEMPLATE.with(|f| {
            note_helper(
                area.unchecked_ref(),
                &platform::storage_get(&keys.into()),
                f.as_ref().unchecked_ref(),
            )
        });
    }
}

/// Asks the background to fill template `index` for the person being invited, within the room
/// the field has left (its limit, less the text that stays around the cursor).
fn request_fill(area: HtmlTextAreaElement, index: u32) {
    let (name, headline) = PERSON.with(|p| p.borrow().clone());
    let r = room(&area);
    let msg = platform::object(&[
        ("kind", "fill_template".into()),
        ("index", index.into()),
        ("name", name.into()),
        ("headline", headline.into()),
        ("lang", super::sensor::page_lang(&super::document()).into()),
        ("max", r.get(0)),
        ("room", r.get(1)),
    ]);
    insert(&area, &platform::send_message(&msg));
}
