//! Small DOM helpers shared by the popup and the options page. Everything is built with
//! `createElement` and `textContent`: no HTML strings, even in our own pages.

use crate::platform;
use invite_guard_core::locale::language_code;
use invite_guard_core::message::Payload;
use invite_guard_core::self_check::{Blind, SelfCheck, K};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

pub fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "no document".into())
}

pub fn by_id(doc: &Document, id: &str) -> Result<Element, JsValue> {
    doc.get_element_by_id(id)
        .ok_or_else(|| format!("#{id} is missing").into())
}

pub fn set_text(doc: &Document, id: &str, text: &str) {
    if let Some(e) = doc.get_element_by_id(id) {
        e.set_text_content(Some(text));
    }
}

/// A new element with a class (may be empty) and text (may be empty).
pub fn el(doc: &Document, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    Ok(e)
}

/// Removes every child of `e`.
pub fn clear(e: &Element) {
    e.set_text_content(None);
}

/// Fills every `[data-i18n]` element with its `_locales` message (`[data-i18n-label]`: its
/// `aria-label`; `[data-i18n-title]`: its `title`), and sets `<html lang>` and
/// `dir` for the UI language so screen readers pronounce it right.
pub fn translate(doc: &Document) -> Result<(), JsValue> {
    let labels = doc.query_selector_all("[data-i18n]")?;
    for i in 0..labels.length() {
        if let Some(e) = labels.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let key = e.get_attribute("data-i18n").unwrap_or_default();
            e.set_text_content(Some(&platform::message(&key, &[])));
        }
    }
    let labels = doc.query_selector_all("[data-i18n-label]")?;
    for i in 0..labels.length() {
        if let Some(e) = labels.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let key = e.get_attribute("data-i18n-label").unwrap_or_default();
            e.set_attribute("aria-label", &platform::message(&key, &[]))?;
        }
    }
    let titled = doc.query_selector_all("[data-i18n-title]")?;
    for i in 0..titled.length() {
        if let Some(e) = titled.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let key = e.get_attribute("data-i18n-title").unwrap_or_default();
            e.set_attribute("title", &platform::message(&key, &[]))?;
        }
    }
    if let Some(root) = doc.document_element() {
        root.set_attribute("lang", &platform::ui_language())?;
    }
    Ok(())
}

/// `performance.now()` of the page or the service worker (which has no `window`); -1 without one.
pub fn now_ms() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .ok()
        .filter(|p| p.is_object())
        .map(|p| p.unchecked_into::<web_sys::Performance>().now())
        .unwrap_or(-1.0)
}

/// Runs `f` on each click of the element `id`.
pub fn on_click(doc: &Document, id: &str, f: impl FnMut() + 'static) -> Result<(), JsValue> {
    let cb = Closure::<dyn FnMut()>::new(f);
    by_id(doc, id)?.add_event_listener_with_callback("click", cb.as_ref().unchecked_ref())?;
    cb.forget();
    Ok(())
}

/// Shows `text` in the status line `id`, styled as done (`ok`) or as an error.
pub fn say(doc: &Document, id: &str, text: &str, ok: bool) {
    set_text(doc, id, text);
    if let Ok(e) = by_id(doc, id) {
        e.set_class_name(if ok { "message ok" } else { "message error" });
    }
}

/// Marks the first part of the page as rendered: the benchmark reads `data-first-render-ms`, the
/// time since the page's navigation started.
pub fn first_render(doc: &Document) {
    if let Some(b) = doc.body() {
        let _ = b.set_attribute("data-first-render-ms", &format!("{:.1}", now_ms()));
    }
}

/// Resolves in a new task (`setTimeout(0)`), after the browser had the chance to paint.
pub async fn next_task() {
    let _ = wasm_bindgen_futures::JsFuture::from(platform::pages::sleep(0.0)).await;
}

/// Marks the page as rendered: tests and the screenshots wait for `data-ready`; `data-ready-ms` is
/// the time since the page's navigation started.
pub fn ready(doc: &Document) {
    if let Some(b) = doc.body() {
        let _ = b.set_attribute("data-ready-ms", &format!("{:.1}", now_ms()));
        let _ = b.set_attribute("data-ready", "1");
    }
}

/// Sends a message to the background and waits for its answer: the payload's fields and its
/// `kind` (`core::message::Payload`).
pub async fn ask<P: Payload>(payload: &P) -> Result<JsValue, JsValue> {
    let msg = platform::pages::to_js(payload)?;
    platform::set(&msg, "kind", &P::KIND.name().into());
    wasm_bindgen_futures::JsFuture::from(platform::send_message(&msg)).await
}

/// A number formatted for the UI language (`Intl.NumberFormat`): "1,100", "1.100", "1 100". The
/// formatter is built once per page.
pub fn num(n: u32) -> String {
    thread_local! {
        static FORMAT: js_sys::Intl::NumberFormat = js_sys::Intl::NumberFormat::new(
            &js_sys::Array::of1(&platform::ui_language().into()),
            &js_sys::Object::new(),
        );
    }
    FORMAT.with(|f| {
        f.format()
            .call1(f, &JsValue::from(n))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| n.to_string())
    })
}

/// Appends a freshly built child (`el(...)`, `svg(...)`) to `parent`.
pub fn add(parent: &Element, child: Result<Element, JsValue>) -> Result<(), JsValue> {
    let child = child?;
    parent.append_child(&child)?;
    Ok(())
}

/// The self-check's lines (docs/architecture.md §11), one per state that holds: the state's name
/// (`guard_blind`, `counter_blind`, `language`), a short line (the popup's, issue 13 item 1) and the
/// whole explanation (the popup's `title`, and the badge's tooltip, which starts with them).
pub fn self_check_lines(sc: &SelfCheck) -> Vec<(&'static str, String, String)> {
    // "your last 3 invitations" while the blind ones are in a row, else "4 of your last 9".
    let blind = |b: &Blind, row: &str, some: &str| {
        let (key, subs) = if b.last as usize >= K {
            (row, vec![num(b.last)])
        } else {
            (some, vec![num(b.missed), num(b.of)])
        };
        let subs: Vec<&str> = subs.iter().map(String::as_str).collect();
        (
            platform::message(&format!("{key}Short"), &subs),
            platform::message(key, &subs),
        )
    };
    let mut out = Vec::new();
    if let Some(b) = &sc.guard_blind {
        let (short, long) = blind(b, "selfCheckGuardBlind", "selfCheckGuardBlindSome");
        out.push(("guard_blind", short, long));
    }
    if let Some(b) = &sc.counter_blind {
        let (short, long) = blind(b, "selfCheckCounterBlind", "selfCheckCounterBlindSome");
        out.push(("counter_blind", short, long));
    }
    if let Some(l) = &sc.language {
        let name = language_name(&l.lang);
        out.push((
            "language",
            platform::message("selfCheckLanguageShort", &[&name]),
            platform::message("selfCheckLanguage", &[&name, &l.lang]),
        ));
    }
    out
}

/// A language's name in the UI language ("Italian" for `it`), by `Intl.DisplayNames`; the code
/// itself when it is not a well-formed one (a stored value is untrusted: `DisplayNames.of` throws
/// on a malformed code) or the browser cannot name it.
pub fn language_name(code: &str) -> String {
    let named = || -> Option<String> {
        if language_code(code).as_deref() != Some(code) {
            return None;
        }
        let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let ctor: js_sys::Function = js_sys::Reflect::get(&intl, &"DisplayNames".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let options = platform::object(&[("type", "language".into())]);
        let locales = js_sys::Array::of1(&platform::ui_language().into());
        let names =
            js_sys::Reflect::construct(&ctor, &js_sys::Array::of2(&locales, &options)).ok()?;
        let of: js_sys::Function = js_sys::Reflect::get(&names, &"of".into())
            .ok()?
            .dyn_into()
            .ok()?;
        of.call1(&names, &code.into()).ok()?.as_string()
    };
    named()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| code.to_string())
}

/// `invite-guard-2026-11-27.json`: the local date, so several exports sort by day.
pub fn file_name(ext: &str) -> String {
    let d = js_sys::Date::new_0();
    format!(
        "invite-guard-{:04}-{:02}-{:02}.{ext}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Saves `text` through a temporary `blob:` link: a download the browser handles, no permission.
pub fn download(text: &str, mime: &str, name: &str) -> Result<(), JsValue> {
    let doc = document()?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoked later: revoking at once can cancel the download in Firefox.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    }
    Ok(())
}
