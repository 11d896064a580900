//! The member's data on the options page: export (JSON, CSV), import with a preview, and clearing
//! everything behind a confirm. The page only reads storage; the import and the clearing are done
//! by the background, the single writer, which validates the file again before writing.

use crate::platform;
use crate::ui::{self, by_id, set_text};
use invite_guard_core::export;
use invite_guard_core::import::{self, MAX_IMPORT_BYTES};
use invite_guard_core::message::{ClearAll, Import};
use js_sys::Date;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Document, HtmlInputElement};

thread_local! {
    /// The file being previewed, until the member confirms or cancels.
    static PENDING: RefCell<Option<String>> = const { RefCell::new(None) };
}

use crate::platform::get;

fn show(doc: &Document, id: &str, visible: bool) {
    if let Ok(e) = by_id(doc, id) {
        let _ = e.toggle_attribute_with_force("hidden", !visible);
    }
}

pub fn wire(doc: &Document) -> Result<(), JsValue> {
    ui::on_click(doc, "export-json", || {
        spawn_local(async { report(export_file(true).await) })
    })?;
    ui::on_click(doc, "export-csv", || {
        spawn_local(async { report(export_file(false).await) })
    })?;

    let file: HtmlInputElement = by_id(doc, "import-file")?.dyn_into()?;
    let cb = Closure::<dyn FnMut()>::new(|| spawn_local(async { report(preview().await) }));
    file.add_event_listener_with_callback("change", cb.as_ref().unchecked_ref())?;
    cb.forget();
    ui::on_click(doc, "import-confirm", || {
        spawn_local(async { report(confirm_import().await) })
    })?;
    let d = doc.clone();
    ui::on_click(doc, "import-cancel", move || {
        PENDING.with(|p| p.borrow_mut().take());
        show(&d, "import-preview", false);
        reset_file(&d);
        set_text(&d, "import-status", "");
    })?;

    let d = doc.clone();
    ui::on_click(doc, "clear", move || {
        show(&d, "clear-confirm", true);
        if let Ok(b) = by_id(&d, "clear-no").and_then(|e| Ok(e.dyn_into::<web_sys::HtmlElement>()?))
        {
            let _ = b.focus();
        }
    })?;
    let d = doc.clone();
    ui::on_click(doc, "clear-no", move || {
        show(&d, "clear-confirm", false);
        if let Ok(b) = by_id(&d, "clear").and_then(|e| Ok(e.dyn_into::<web_sys::HtmlElement>()?)) {
            let _ = b.focus();
        }
    })?;
    ui::on_click(doc, "clear-yes", || {
        spawn_local(async { report(clear_all().await) })
    })?;
    Ok(())
}

fn report(r: Result<(), JsValue>) {
    if let Err(e) = r {
        web_sys::console::error_2(&"Invite Guard options".into(), &e);
    }
}

fn reset_file(doc: &Document) {
    if let Ok(i) = by_id(doc, "import-file").and_then(|e| Ok(e.dyn_into::<HtmlInputElement>()?)) {
        i.set_value("");
    }
}

async fn export_file(json: bool) -> Result<(), JsValue> {
    let (events, settings) = crate::events::read_all().await?;
    let (text, mime, ext) = if json {
        (
            export::to_json(&events, &settings, Date::now()),
            "application/json",
            "json",
        )
    } else {
        // A byte-order mark, so spreadsheet programs read names as UTF-8.
        (
            format!("\u{feff}{}", export::to_csv(&events)),
            "text/csv;charset=utf-8",
            "csv",
        )
    };
    ui::download(&text, mime, &ui::file_name(ext))
}

/// Reads the chosen file and shows what importing it would do. Nothing is written yet.
async fn preview() -> Result<(), JsValue> {
    let doc = ui::document()?;
    show(&doc, "import-preview", false);
    set_text(&doc, "import-status", "");
    PENDING.with(|p| p.borrow_mut().take());
    let input: HtmlInputElement = by_id(&doc, "import-file")?.dyn_into()?;
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return Ok(());
    };
    // Checked before reading: a huge file must not be read into memory at all.
    if file.size() > MAX_IMPORT_BYTES as f64 {
        let e = import::ImportError::TooLarge;
        ui::say(&doc, "import-status", &import_error(&e), false);
        return Ok(());
    }
    let text = match JsFuture::from(file.text()).await {
        Ok(t) => t.as_string().unwrap_or_default(),
        Err(_) => {
            ui::say(
                &doc,
                "import-status",
                &platform::message("importUnreadable", &[]),
                false,
            );
            return Ok(());
        }
    };
    let (existing, _) = crate::events::read_all().await?;
    match import::preview(&existing, &text, Date::now()) {
        Err(e) => ui::say(&doc, "import-status", &import_error(&e), false),
        Ok(p) => {
            set_text(
                &doc,
                "import-summary",
                &platform::message(
                    "importPreview",
                    &[
                        &ui::num(p.add.len() as u32),
                        &ui::num(p.already as u32),
                        &ui::num(p.invalid.len() as u32),
                    ],
                ),
            );
            let list = by_id(&doc, "import-invalid")?;
            ui::clear(&list);
            for inv in p.invalid.iter().take(10) {
                let text = platform::message(
                    "importInvalidItem",
                    &[
                        &ui::num(inv.index as u32 + 1),
                        &platform::message(&format!("importWhy_{}", inv.reason.code()), &[]),
                    ],
                );
                ui::add(&list, ui::el(&doc, "li", "", &text))?;
            }
            if p.invalid.len() > 10 {
                let more = platform::message(
                    "importMoreInvalid",
                    &[&ui::num(p.invalid.len() as u32 - 10)],
                );
                ui::add(&list, ui::el(&doc, "li", "", &more))?;
            }
            let confirm = by_id(&doc, "import-confirm")?;
            confirm.set_text_content(Some(&platform::message(
                "importConfirm",
                &[&ui::num(p.add.len() as u32)],
            )));
            let _ = confirm.toggle_attribute_with_force("disabled", p.add.is_empty());
            PENDING.with(|slot| *slot.borrow_mut() = Some(text));
            show(&doc, "import-preview", true);
        }
    }
    Ok(())
}

fn import_error(e: &import::ImportError) -> String {
    platform::message(&format!("importError_{}", e.code()), &[])
}

/// Hands the previewed file to the background, which validates it again against what is stored
/// now and merges by event id.
async fn confirm_import() -> Result<(), JsValue> {
    let doc = ui::document()?;
    let Some(text) = PENDING.with(|p| p.borrow_mut().take()) else {
        return Ok(());
    };
    show(&doc, "import-preview", false);
    let answer = ui::ask(&Import { text: Some(text) }).await?;
    if get(&answer, "ok").as_bool() == Some(true) {
        let added = get(&answer, "added").as_f64().unwrap_or(0.0) as u32;
        ui::say(
            &doc,
            "import-status",
            &platform::message("importDone", &[&ui::num(added)]),
            true,
        );
    } else {
        let code = get(&answer, "error")
            .as_string()
            .unwrap_or_else(|| "failed".into());
        // `no_room` says how much the file needs and how much is free, in MB.
        let mb = |k: &str| {
            format!(
                "{:.1}",
                get(&answer, k).as_f64().unwrap_or(0.0) / 1_048_576.0
            )
        };
        ui::say(
            &doc,
            "import-status",
            &platform::message(
                &format!("importError_{code}"),
                &[&mb("needed"), &mb("free")],
            ),
            false,
        );
    }
    reset_file(&doc);
    Ok(())
}

async fn clear_all() -> Result<(), JsValue> {
    let doc = ui::document()?;
    show(&doc, "clear-confirm", false);
    let answer = ui::ask(&ClearAll {}).await?;
    if get(&answer, "ok").as_bool() == Some(true) {
        ui::say(
            &doc,
            "clear-status",
            &platform::message("optionsCleared", &[]),
            true,
        );
        super::reload(&doc).await?;
        super::computer::cleared(&doc);
    } else {
        ui::say(
            &doc,
            "clear-status",
            &platform::message("optionsNotCleared", &[]),
            false,
        );
    }
    Ok(())
}
