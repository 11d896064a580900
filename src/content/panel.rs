//! The guard's in-page UI: a hover hint and a confirm (or block) panel.
//!
//! Each lives in a closed shadow root on a host carrying `data-invite-guard`, with inline styles,
//! built with `createElement`/`textContent` only: no HTML strings, no extension URLs in LinkedIn's DOM
//! (linkedin-dom.md §12: LinkedIn scans the DOM for `chrome-extension://` strings).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, HtmlElement, KeyboardEvent, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

// Styles are string constants joined with `concat!`: `format!` would pull Rust's formatting machinery
// into the content bundle, whose size every LinkedIn page load pays for (platform.md §2).
macro_rules! font {
    () => {
        "font:14px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
    };
}
const HOST_STYLE: &str = "all:initial;position:fixed;z-index:2147483647;";

/// A number as JavaScript prints it (no Rust float formatting in the bundle).
pub fn num(x: f64) -> String {
    js_sys::Number::from(x)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

fn el(doc: &Document, tag: &str, style: &str, text: &str) -> Result<HtmlElement, JsValue> {
    let e: HtmlElement = doc.create_element(tag)?.dyn_into()?;
    if !style.is_empty() {
        e.set_attribute("style", style)?;
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    Ok(e)
}

/// A host element with a closed shadow root, appended to `<html>` (not `<body>`, which LinkedIn's
/// React may re-render).
fn host(doc: &Document, kind: &str) -> Result<(Element, ShadowRoot), JsValue> {
    let host = doc.create_element("div")?;
    host.set_attribute("data-invite-guard", kind)?;
    // all:initial keeps LinkedIn's styles from reaching the host box itself.
    host.set_attribute("style", HOST_STYLE)?;
    let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed))?;
    doc.document_element()
        .ok_or("no root")?
        .append_child(&host)?;
    Ok((host, root))
}

/// Shows the small hint beside `anchor`; returns its host so it can be removed.
pub fn show_hint(doc: &Document, anchor: &Element, text: &str) -> Result<Element, JsValue> {
    let (h, root) = host(doc, "hint")?;
    let r = anchor.get_bounding_client_rect();
    let top = (r.bottom() + 6.0).max(0.0);
    let left = r.left().max(0.0);
    let style = [
        HOST_STYLE,
        "pointer-events:none;top:",
        &num(top.round()),
        "px;left:",
        &num(left.round()),
        "px;",
    ]
    .concat();
    h.set_attribute("style", &style)?;
    let tip = el(
        doc,
        "div",
        concat!(font!(), "font-size:12px;background:#1d2226;color:#fff;padding:4px 8px;border-radius:6px;box-shadow:0 2px 6px rgba(0,0,0,.3);white-space:nowrap;"),
        text,
    )?;
    tip.set_attribute("role", "status")?;
    root.append_child(&tip)?;
    Ok(h)
}

/// The texts of a confirm or block panel.
pub struct PanelText {
    pub title: String,
    pub body: Vec<String>,
    /// "Keep it for later" (confirm) or "Close" (block).
    pub cancel: String,
    /// "Send anyway"; `None` in hard-block mode.
    pub proceed: Option<String>,
}

/// Shows the panel. `on_done(true)` when the member chose "Send anyway", `on_done(false)` on cancel
/// (button, Escape). Focus starts on the safe choice and stays inside the panel.
pub fn show_panel(
    doc: &Document,
    text: &PanelText,
    on_done: impl Fn(bool) + 'static,
) -> Result<Element, JsValue> {
    let kind = if text.proceed.is_some() {
        "confirm"
    } else {
        "block"
    };
    let (h, root) = host(doc, kind)?;
    h.set_attribute(
        "style",
        "all:initial;position:fixed;z-index:2147483647;inset:0;display:block;",
    )?;
    let backdrop = el(
        doc,
        "div",
        "position:fixed;inset:0;background:rgba(0,0,0,.35);display:flex;align-items:center;justify-content:center;",
        "",
    )?;
    let card = el(
        doc,
        "div",
        concat!(font!(), "background:#fff;color:#1d2226;max-width:380px;margin:16px;padding:20px 22px;border-radius:10px;box-shadow:0 8px 28px rgba(0,0,0,.35);"),
        "",
    )?;
    card.set_attribute("role", "alertdialog")?;
    card.set_attribute("aria-modal", "true")?;
    card.set_attribute("aria-labelledby", "ig-title")?;
    card.set_attribute("aria-describedby", "ig-body")?;
    let title = el(
        doc,
        "h2",
        "font-size:17px;font-weight:600;margin:0 0 8px;",
        &text.title,
    )?;
    title.set_id("ig-title");
    card.append_child(&title)?;
    let body = el(doc, "div", "", "")?;
    body.set_id("ig-body");
    for line in &text.body {
        let p = el(doc, "p", "margin:0 0 8px;", line)?;
        body.append_child(&p)?;
    }
    card.append_child(&body)?;
    let row = el(
        doc,
        "div",
        "display:flex;gap:8px;justify-content:flex-end;margin-top:14px;flex-wrap:wrap;",
        "",
    )?;
    macro_rules! btn {
        () => {
            "font:inherit;font-weight:600;padding:7px 16px;border-radius:18px;cursor:pointer;outline-offset:2px;"
        };
    }
    let cancel = el(
        doc,
        "button",
        concat!(
            btn!(),
            "background:#0a66c2;color:#fff;border:1px solid #0a66c2;"
        ),
        &text.cancel,
    )?;
    cancel.set_attribute("type", "button")?;
    row.append_child(&cancel)?;
    let proceed = match &text.proceed {
        Some(label) => {
            let p = el(
                doc,
                "button",
                concat!(
                    btn!(),
                    "background:#fff;color:#5e5e5e;border:1px solid #8c8c8c;"
                ),
                label,
            )?;
            p.set_attribute("type", "button")?;
            row.append_child(&p)?;
            Some(p)
        }
        None => None,
    };
    card.append_child(&row)?;
    backdrop.append_child(&card)?;
    root.append_child(&backdrop)?;

    let on_done = std::rc::Rc::new(on_done);
    {
        let f = on_done.clone();
        let c = Closure::<dyn Fn()>::new(move || f(false));
        cancel.set_onclick(Some(c.as_ref().unchecked_ref()));
        c.forget();
    }
    if let Some(p) = &proceed {
        let f = on_done.clone();
        let c = Closure::<dyn Fn()>::new(move || f(true));
        p.set_onclick(Some(c.as_ref().unchecked_ref()));
        c.forget();
    }
    // Keyboard: Escape cancels; Tab cycles between the buttons; Enter activates the focused button
    // (native). Keys never reach LinkedIn's page while the panel is open.
    {
        let f = on_done.clone();
        let first = cancel.clone();
        let last = proceed.clone().unwrap_or_else(|| cancel.clone());
        let root2 = root.clone();
        let c = Closure::<dyn Fn(KeyboardEvent)>::new(move |ev: KeyboardEvent| {
            ev.stop_propagation();
            match ev.key().as_str() {
                "Escape" => {
                    ev.prevent_default();
                    f(false);
                }
                "Tab" => {
                    ev.prevent_default();
                    let active = root2.active_element();
                    let on_last = active
                        .as_ref()
                        .map(|a| a.is_same_node(Some(&last)))
                        .unwrap_or(false);
                    let on_first = active
                        .as_ref()
                        .map(|a| a.is_same_node(Some(&first)))
                        .unwrap_or(false);
                    let target = if ev.shift_key() {
                        if on_first {
                            &last
                        } else {
                            &first
                        }
                    } else if on_last || !on_first {
                        &first
                    } else {
                        &last
                    };
                    let _ = target.focus();
                }
                _ => {}
            }
        });
        card.add_event_listener_with_callback("keydown", c.as_ref().unchecked_ref())?;
        c.forget();
    }
    cancel.focus()?;
    Ok(h)
}
