//! The note editor helper (issue 5): under LinkedIn's note field, a live character count against
//! the field's own `maxlength`, the free-note budget for this month, and the member's templates.
//! A template is inserted only by the member's click, and nothing is ever sent.
//!
//! Like the guard's panels it lives in a closed shadow root built with `createElement` and
//! `textContent`, placed right after the textarea so it scrolls with the dialog. The content script
//! stays thin because its size is paid on every LinkedIn page load (docs/architecture.md §8): the
//! background
//! writes the budget line (`notes` in storage) and the helper's texts (`guard.ui.note`) ready to
//! show, and fills templates on request (`fill_template`); its half of `page.js` finds the field,
//! counts and inserts, and Rust says who is being invited and asks the background through the
//! facade.

use crate::platform;
use invite_guard_core::classify::{INTEROP_HOST_SELECTOR, NOTE_EDITOR_SELECTOR, TOPCARD_SELECTOR};
use invite_guard_core::message::Kind;
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

#[wasm_bindgen(module = "/src/content/page.js")]
extern "C" {
    /// The headline on the card of the Connect control `el` for the person called `name`.
    pub fn headline_near(el: &Element, name: &str) -> String;
    fn parent_topcard(selector: &str) -> JsValue;
    fn new_editors(selector: &str, interop_selector: &str) -> Array;
    fn note_helper(
        area: &HtmlTextAreaElement,
        items: &Promise,
        on_template: &js_sys::Function,
        theme: &str,
    );
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
                super::panel::theme(),
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
        ("kind", Kind::FillTemplate.name().into()),
        ("index", index.into()),
        ("name", name.into()),
        ("headline", headline.into()),
        ("lang", super::sensor::page_lang(&super::document()).into()),
        ("max", r.get(0)),
        ("room", r.get(1)),
    ]);
    insert(&area, &platform::send_message(&msg));
}
