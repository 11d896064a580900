//! "Report a problem" on the options page (`options.html#report`): the diagnostic the member can
//! copy or save (docs/protocol.md §4). It is built here from what the LinkedIn tab's content script
//! answers (its counts and recent decisions), the stored history and the self-check's state, all
//! scrubbed and written by `core::diagnostic`; nothing is sent anywhere.

use crate::events::read_all;
use crate::platform::{self, get};
use crate::ui::{self, by_id};
use crate::ui::{download, file_name};
use invite_guard_core::diagnostic::{self, Report, Tab, SELF_CHECK_FIELD};
use invite_guard_core::message::PageReport;
use invite_guard_core::schema::{GUARD_KEY, SENT_PAGE_KEY, SENT_TOTAL_MISSED_KEY};
use invite_guard_core::stored_values;
use js_sys::{Array, Date};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Document, HtmlTextAreaElement};

thread_local! {
    /// The report last built, which Copy and Save hand over.
    static BUILT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Wires the section's buttons and builds the report at once: this module is loaded when the member
/// clicked Build or opened the page on it (`options.html#report`, where the popup's warning lines
/// link), so a report is what was asked for.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    ui::on_click(doc, "report-build", || spawn_local(build_and_show()))?;
    ui::on_click(doc, "report-copy", || spawn_local(copy()))?;
    ui::on_click(doc, "report-save", || {
        if let Some(text) = BUILT.with(|b| b.borrow().clone()) {
            let name = file_name("txt").replace("invite-guard-", "invite-guard-report-");
            if let Err(e) = download(&text, "text/plain;charset=utf-8", &name) {
                web_sys::console::error_2(&"Invite Guard report".into(), &e);
            }
        }
    })?;
    spawn_local(build_and_show());
    Ok(())
}

async fn build_and_show() {
    let Ok(doc) = ui::document() else { return };
    match build().await {
        Ok((text, tab)) => {
            if let Ok(area) =
                by_id(&doc, "report-text").and_then(|e| Ok(e.dyn_into::<HtmlTextAreaElement>()?))
            {
                area.set_value(&text);
            }
            BUILT.with(|b| *b.borrow_mut() = Some(text));
            for id in ["report-copy", "report-save"] {
                if let Ok(b) = by_id(&doc, id) {
                    let _ = b.toggle_attribute_with_force("disabled", false);
                }
            }
            let key = match tab {
                Tab::NoneOpen => "optionsReportBuiltNoTab",
                Tab::NoAnswer { .. } => "optionsReportBuiltNoAnswer",
                Tab::Answered { .. } => "optionsReportBuilt",
            };
            ui::say(&doc, "report-status", &platform::message(key, &[]), true);
            if let Ok(section) = by_id(&doc, "report") {
                let _ = section.set_attribute("data-built", "1");
            }
        }
        Err(e) => {
            web_sys::console::error_2(&"Invite Guard report".into(), &e);
            ui::say(
                &doc,
                "report-status",
                &platform::message("optionsReportFailed", &[]),
                false,
            );
        }
    }
}

/// The LinkedIn tab as the report sees it: none open, or the most recently used one's answer.
async fn read_tab() -> Tab {
    let tabs = match JsFuture::from(platform::pages::linkedin_tabs()).await {
        Ok(t) if Array::is_array(&t) => Array::from(&t),
        _ => return Tab::NoneOpen,
    };
    let open = tabs.length() as usize;
    let newest = tabs
        .iter()
        .filter_map(|t| Some((get(&t, "id").as_f64()?, get(&t, "lastAccessed").as_f64())))
        .max_by(|a, b| a.1.unwrap_or(0.0).total_cmp(&b.1.unwrap_or(0.0)));
    let Some((id, _)) = newest else {
        return Tab::NoneOpen;
    };
    let request =
        match platform::pages::to_js(&diagnostic::request(&diagnostic::probes()).to_json()) {
            Ok(r) => r,
            Err(_) => return Tab::NoAnswer { open },
        };
    let answer = JsFuture::from(platform::pages::ask_tab(id, &request)).await;
    match answer.ok().and_then(|a| platform::pages::to_json(&a)) {
        Some(v) if v.is_object() => match serde_json::from_value::<PageReport>(v) {
            Ok(page) => Tab::Answered { open, page },
            Err(_) => Tab::NoAnswer { open },
        },
        _ => Tab::NoAnswer { open },
    }
}

async fn build() -> Result<(String, Tab), JsValue> {
    let tab = read_tab().await;
    let (events, _) = read_all().await?;
    let keys = Array::of3(
        &GUARD_KEY.into(),
        &SENT_PAGE_KEY.into(),
        &SENT_TOTAL_MISSED_KEY.into(),
    );
    let items = JsFuture::from(platform::storage_get(&keys)).await?;
    let self_check = platform::pages::to_json(&get(&get(&items, GUARD_KEY), SELF_CHECK_FIELD));
    let sent_page =
        stored_values::sent_page(platform::pages::to_json(&get(&items, SENT_PAGE_KEY)).as_ref())
            .ok();
    let sent_total_missed = stored_values::sent_total_missed(
        platform::pages::to_json(&get(&items, SENT_TOTAL_MISSED_KEY)).as_ref(),
    )
    .ok();
    let now = Date::now();
    let tz = Date::new(&JsValue::from_f64(now)).get_timezone_offset() as i32;
    let version = platform::pages::version();
    let user_agent = platform::pages::user_agent();
    let text = Report {
        version: &version,
        user_agent: &user_agent,
        now,
        tz,
        tab: tab.clone(),
        events: &events,
        self_check: self_check.as_ref(),
        sent_page: sent_page.as_ref(),
        sent_total_missed: sent_total_missed.as_ref(),
    }
    .render();
    Ok((text, tab))
}

/// Copies the report: the asynchronous clipboard, else the selected text area's `copy` command.
async fn copy() {
    let Ok(doc) = ui::document() else { return };
    let Some(text) = BUILT.with(|b| b.borrow().clone()) else {
        return;
    };
    let copied = JsFuture::from(platform::pages::write_clipboard(&text))
        .await
        .is_ok()
        || by_id(&doc, "report-text")
            .and_then(|e| Ok(e.dyn_into::<HtmlTextAreaElement>()?))
            .map(|area| {
                area.select();
                doc.dyn_ref::<web_sys::HtmlDocument>()
                    .and_then(|d| d.exec_command("copy").ok())
                    .unwrap_or(false)
            })
            .unwrap_or(false);
    let key = if copied {
        "optionsReportCopied"
    } else {
        "optionsReportNotCopied"
    };
    ui::say(&doc, "report-status", &platform::message(key, &[]), copied);
}
