//! The note templates on the options page (issue 5): a name and a text each, with a live length
//! against LinkedIn's longest note. They are saved with the other settings, and the background
//! validates them (`settings::validate_templates`).

use crate::platform;
use crate::ui::{self, by_id};
use invite_guard_core::settings::{
    NoteTemplate, MAX_TEMPLATES, MAX_TEMPLATE_NAME_CHARS, MAX_TEMPLATE_TEXT_UNITS,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlTextAreaElement};

/// Shows `list`, replacing whatever rows were there.
pub fn render(doc: &Document, list: &[NoteTemplate]) -> Result<(), JsValue> {
    let holder = by_id(doc, "templates")?;
    ui::clear(&holder);
    for t in list {
        add_row(doc, &holder, t)?;
    }
    refresh_add(doc);
    Ok(())
}

/// The templates as the form holds them; rows left entirely empty are dropped.
pub fn read(doc: &Document) -> Vec<NoteTemplate> {
    let Ok(rows) = doc.query_selector_all("#templates .template") else {
        return Vec::new();
    };
    (0..rows.length())
        .filter_map(|i| rows.item(i)?.dyn_into::<Element>().ok())
        .filter_map(|row| {
            let name: HtmlInputElement = row.query_selector("input").ok()??.dyn_into().ok()?;
            let text: HtmlTextAreaElement =
                row.query_selector("textarea").ok()??.dyn_into().ok()?;
            let t = NoteTemplate {
                name: name.value(),
                text: text.value(),
            };
            (!t.name.trim().is_empty() || !t.text.trim().is_empty()).then_some(t)
        })
        .collect()
}

pub fn wire(doc: &Document) -> Result<(), JsValue> {
    let d = doc.clone();
    let on_add = Closure::<dyn FnMut()>::new(move || {
        if let Ok(holder) = by_id(&d, "templates") {
            if let Ok(row) = add_row(&d, &holder, &NoteTemplate::default()) {
                if let Ok(Some(i)) = row.query_selector("input") {
                    if let Ok(i) = i.dyn_into::<HtmlInputElement>() {
                        let _ = i.focus();
                    }
                }
            }
        }
        refresh_add(&d);
    });
    by_id(doc, "template-add")?
        .add_event_listener_with_callback("click", on_add.as_ref().unchecked_ref())?;
    on_add.forget();
    Ok(())
}

/// The add button is off at the maximum.
fn refresh_add(doc: &Document) {
    let n = doc
        .query_selector_all("#templates .template")
        .map(|l| l.length() as usize)
        .unwrap_or(0);
    if let Ok(b) = by_id(doc, "template-add") {
        let _ = b.toggle_attribute_with_force("disabled", n >= MAX_TEMPLATES);
    }
}

/// A unique id suffix for each row's labels.
fn next_id() -> u32 {
    thread_local! {
        static N: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    N.with(|n| {
        n.set(n.get() + 1);
        n.get()
    })
}

fn add_row(doc: &Document, holder: &Element, t: &NoteTemplate) -> Result<Element, JsValue> {
    let id = next_id();
    let row = ui::el(doc, "div", "template field", "")?;

    let name_id = format!("template-name-{id}");
    let label = ui::el(
        doc,
        "label",
        "",
        &platform::message("optionsTemplateName", &[]),
    )?;
    label.set_attribute("for", &name_id)?;
    let name: HtmlInputElement = doc.create_element("input")?.dyn_into()?;
    name.set_type("text");
    name.set_id(&name_id);
    name.set_max_length(MAX_TEMPLATE_NAME_CHARS as i32);
    name.set_value(&t.name);
    row.append_child(&label)?;
    row.append_child(&name)?;

    let text_id = format!("template-text-{id}");
    let count_id = format!("template-count-{id}");
    let label = ui::el(
        doc,
        "label",
        "",
        &platform::message("optionsTemplateText", &[]),
    )?;
    label.set_attribute("for", &text_id)?;
    let text: HtmlTextAreaElement = doc.create_element("textarea")?.dyn_into()?;
    text.set_id(&text_id);
    text.set_max_length(MAX_TEMPLATE_TEXT_UNITS as i32);
    text.set_rows(3);
    text.set_value(&t.text);
    text.set_attribute("aria-describedby", &count_id)?;
    let count = ui::el(doc, "span", "muted", "")?;
    count.set_id(&count_id);
    row.append_child(&label)?;
    row.append_child(&text)?;
    row.append_child(&count)?;

    let update = {
        let (text, count) = (text.clone(), count.clone());
        move || {
            let n = js_sys::JsString::from(text.value()).length();
            count.set_text_content(Some(&platform::message(
                "optionsTemplateLength",
                &[&ui::num(n), &ui::num(MAX_TEMPLATE_TEXT_UNITS as u32)],
            )));
        }
    };
    update();
    let on_input = Closure::<dyn FnMut()>::new(update);
    text.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref())?;
    on_input.forget();

    let remove = ui::el(
        doc,
        "button",
        "",
        &platform::message("optionsTemplateRemove", &[]),
    )?;
    remove.set_attribute("type", "button")?;
    let (r, d) = (row.clone(), doc.clone());
    let on_remove = Closure::<dyn FnMut()>::new(move || {
        r.remove();
        refresh_add(&d);
    });
    remove.add_event_listener_with_callback("click", on_remove.as_ref().unchecked_ref())?;
    on_remove.forget();
    let actions = ui::el(doc, "div", "actions", "")?;
    actions.append_child(&remove)?;
    row.append_child(&actions)?;

    holder.append_child(&row)?;
    Ok(row)
}
