//! What is wrong with the storage itself (issue 10): a history saved by a newer version, writes
//! failing, settings or items that could not be read. The popup says each in one short line, with
//! the whole explanation as its title (issue 13: it fits one look even then); the dashboard says
//! them whole, at its top.

use crate::platform::{self, get};
use crate::ui;
use invite_guard_core::schema::{META_KEY, QUARANTINE_KEY, SCHEMA_VERSION};
use invite_guard_core::status::{problems, Problem, WriteFailed, STATUS_KEY};
use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::Document;

/// The storage's problems, most important first, from `items` (which hold `meta` and `quarantine`),
/// whether the stored settings read, and the background's note of failing writes in
/// `storage.session`.
pub async fn read(items: &JsValue, settings_unreadable: bool) -> Vec<Problem> {
    let session = JsFuture::from(platform::pages::session_get(STATUS_KEY))
        .await
        .unwrap_or(JsValue::UNDEFINED);
    let failed: Option<WriteFailed> =
        platform::pages::from_js(&get(&get(&session, STATUS_KEY), "failed"));
    let newer = get(&get(items, META_KEY), "schema")
        .as_f64()
        .filter(|v| *v > SCHEMA_VERSION as f64)
        .map(|v| v as u32);
    let quarantine = get(items, QUARANTINE_KEY);
    let kept = if Array::is_array(&quarantine) {
        Array::from(&quarantine).length()
    } else {
        u32::from(!quarantine.is_undefined())
    };
    problems(newer, failed.as_ref(), settings_unreadable, kept)
}

/// One problem in a short line (`short`) or whole.
pub fn line(p: &Problem, short: bool) -> String {
    let (whole, brief, subs) = match p {
        Problem::ReadOnly(v) => ("popupReadOnly", "popupReadOnlyShort", vec![v.to_string()]),
        Problem::WriteFailed(f) => (
            "popupWriteFailed",
            "popupWriteFailedShort",
            vec![
                platform::format_time(f.since, platform::WEEKDAY_TIME),
                f.held.to_string(),
                f.error.clone(),
            ],
        ),
        Problem::SettingsUnreadable => (
            "popupSettingsUnreadable",
            "popupSettingsUnreadableShort",
            vec![],
        ),
        Problem::KeptAside(n) => ("popupKeptAside", "popupKeptAsideShort", vec![n.to_string()]),
    };
    let subs: Vec<&str> = subs.iter().map(String::as_str).collect();
    platform::message(if short { brief } else { whole }, &subs)
}

/// Fills the list `id` with the problems, one line each (short, with the whole as the title, when
/// `short`), and shows it only when there is any.
pub fn show(doc: &Document, id: &str, list: &[Problem], short: bool) -> Result<(), JsValue> {
    let ul = ui::by_id(doc, id)?;
    ui::clear(&ul);
    for p in list {
        let li = ui::el(doc, "li", "warn", &line(p, short))?;
        if short {
            li.set_attribute("title", &line(p, false))?;
        }
        ul.append_child(&li)?;
    }
    if list.is_empty() {
        ul.set_attribute("hidden", "")
    } else {
        ul.remove_attribute("hidden")
    }
}
