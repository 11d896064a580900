//! The options page: the account preset with each number's source, the caps, the warning threshold,
//! hard block, in-page UI and whether names are kept, the note templates; the member's data (export,
//! import, clear; `data.rs`); and About (the version, the privacy policy, the licence). "Report a
//! problem" is a module of its own, `options_report`, loaded only when a report is asked for.
//! Saving sends the settings to the background, which validates and stores them
//! (docs/architecture.md §3); the badge and every tab's guard follow at once.

mod computer;
mod data;
mod templates;

use crate::platform;
use crate::ui;
use invite_guard_core::message::SetSettings;
use invite_guard_core::presets::{preset, AccountType, PRESETS};
use invite_guard_core::schema::SETTINGS_KEY;
use invite_guard_core::settings::{Settings, RETENTION_MONTHS};
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement};

const ACCOUNTS: [(AccountType, &str, &str); 5] = [
    (AccountType::Free, "free", "presetFree"),
    (AccountType::Premium, "premium", "presetPremium"),
    (
        AccountType::SalesNavigator,
        "sales_navigator",
        "presetSalesNavigator",
    ),
    (AccountType::NewAccount, "new_account", "presetNewAccount"),
    (AccountType::Custom, "custom", "presetCustom"),
];

fn input(doc: &Document, id: &str) -> Result<HtmlInputElement, JsValue> {
    doc.get_element_by_id(id)
        .ok_or("missing field")?
        .dyn_into()
        .map_err(Into::into)
}

fn retention(doc: &Document) -> Result<HtmlSelectElement, JsValue> {
    doc.get_element_by_id("retention")
        .ok_or("missing field")?
        .dyn_into()
        .map_err(Into::into)
}

fn select(doc: &Document) -> Result<HtmlSelectElement, JsValue> {
    doc.get_element_by_id("preset")
        .ok_or("missing field")?
        .dyn_into()
        .map_err(Into::into)
}

fn show(doc: &Document, s: &Settings) -> Result<(), JsValue> {
    let name = ACCOUNTS
        .iter()
        .find(|a| a.0 == s.preset)
        .map(|a| a.1)
        .unwrap_or("custom");
    select(doc)?.set_value(name);
    input(doc, "daily")?.set_value(&s.daily_cap.to_string());
    input(doc, "weekly")?.set_value(&s.weekly_cap.to_string());
    input(doc, "warn")?.set_value(&s.warn_remaining.to_string());
    input(doc, "pending-warn")?.set_value(&s.pending_warn.to_string());
    input(doc, "hard-block")?.set_checked(s.hard_block);
    input(doc, "in-page")?.set_checked(s.in_page_ui);
    input(doc, "names")?.set_checked(s.store_names);
    input(doc, "forget")?.set_checked(s.forget_invitees);
    input(doc, "share")?.set_checked(s.share_counts);
    retention(doc)?.set_value(
        &s.retention_months
            .map(|m| m.to_string())
            .unwrap_or_default(),
    );
    templates::render(doc, &s.templates)?;
    show_source(doc, s.preset)
}

/// Each number's source beside it (docs/linkedin.md §13: LinkedIn publishes none of these caps).
fn show_source(doc: &Document, account: AccountType) -> Result<(), JsValue> {
    let (daily, weekly) = match preset(account) {
        // The sources in the UI language (`_locales`); core keeps the English originals beside
        // the numbers they justify.
        Some(p) => {
            let key = ACCOUNTS
                .iter()
                .find(|a| a.0 == p.account)
                .map(|a| a.2)
                .unwrap_or("presetCustom");
            (
                platform::message(&format!("{key}DailySource"), &[]),
                platform::message(&format!("{key}WeeklySource"), &[]),
            )
        }
        None => {
            let custom = platform::message("presetCustomSource", &[]);
            (custom.clone(), custom)
        }
    };
    ui::set_text(doc, "daily-source", &daily);
    ui::set_text(doc, "weekly-source", &weekly);
    let custom = account == AccountType::Custom;
    input(doc, "daily")?.set_read_only(!custom);
    input(doc, "weekly")?.set_read_only(!custom);
    Ok(())
}

fn read(doc: &Document) -> Result<Settings, JsValue> {
    let chosen = select(doc)?.value();
    let account = ACCOUNTS
        .iter()
        .find(|a| a.1 == chosen)
        .map(|a| a.0)
        .unwrap_or(AccountType::Custom);
    let num = |id: &str| -> Result<u32, JsValue> {
        Ok(input(doc, id)?.value().trim().parse().unwrap_or(0))
    };
    Ok(Settings {
        preset: account,
        daily_cap: num("daily")?,
        weekly_cap: num("weekly")?,
        warn_remaining: num("warn")?,
        pending_warn: num("pending-warn")?,
        hard_block: input(doc, "hard-block")?.checked(),
        in_page_ui: input(doc, "in-page")?.checked(),
        store_names: input(doc, "names")?.checked(),
        templates: templates::read(doc),
        // "" is "for ever".
        retention_months: retention(doc)?.value().parse().ok(),
        forget_invitees: input(doc, "forget")?.checked(),
        share_counts: input(doc, "share")?.checked(),
    })
}

/// A validation error from the background, in the UI language: `settingsError_<code>`, naming
/// the template (1-based) when it is about one.
fn error_text(e: &JsValue) -> String {
    let get = |k: &str| Reflect::get(e, &k.into()).unwrap_or(JsValue::UNDEFINED);
    let code = get("code")
        .as_string()
        .unwrap_or_else(|| "unreadable".into());
    let text = platform::message(&format!("settingsError_{code}"), &[]);
    match get("template").as_f64() {
        Some(i) => platform::message("settingsErrorTemplate", &[&ui::num(i as u32 + 1), &text]),
        None => text,
    }
}

/// Shows the stored settings (or the defaults when there are none), and answers them.
pub async fn reload(doc: &Document) -> Result<Settings, JsValue> {
    let items = JsFuture::from(platform::storage_get(&SETTINGS_KEY.into())).await?;
    let settings: Settings =
        platform::pages::from_js(&Reflect::get(&items, &SETTINGS_KEY.into())?).unwrap_or_default();
    show(doc, &settings)?;
    Ok(settings)
}

#[wasm_bindgen]
pub async fn options_main() -> Result<(), JsValue> {
    let doc = ui::document()?;
    ui::translate(&doc)?;
    // The About section's version, read from the manifest at run time: build.sh writes Cargo.toml's
    // version there, and this page cannot disagree with what the browser shows.
    ui::set_text(&doc, "about-version", &platform::pages::version());
    let sel = select(&doc)?;
    for (account, value, label) in ACCOUNTS {
        let o = doc.create_element("option")?;
        o.set_attribute("value", value)?;
        let caps = PRESETS
            .iter()
            .find(|p| p.account == account)
            .map(|p| format!(" ({}/{})", p.daily_cap, p.weekly_cap))
            .unwrap_or_default();
        o.set_text_content(Some(&format!("{}{caps}", platform::message(label, &[]))));
        sel.append_child(&o)?;
    }
    let keep = retention(&doc)?;
    for m in RETENTION_MONTHS.map(Some).into_iter().chain([None]) {
        let o = doc.create_element("option")?;
        o.set_attribute("value", &m.map(|m| m.to_string()).unwrap_or_default())?;
        o.set_text_content(Some(&match m {
            Some(m) => platform::message("optionsRetentionMonths", &[&ui::num(m)]),
            None => platform::message("optionsRetentionForever", &[]),
        }));
        keep.append_child(&o)?;
    }
    let settings = reload(&doc).await?;

    let d = doc.clone();
    let on_preset = Closure::<dyn FnMut()>::new(move || {
        if let Ok(s) = read(&d) {
            // Choosing a preset fills in its caps; "custom" keeps the numbers to edit.
            let s = s.clone().with_preset(s.preset);
            let _ = show(&d, &s);
        }
    });
    sel.add_event_listener_with_callback("change", on_preset.as_ref().unchecked_ref())?;
    on_preset.forget();

    let d = doc.clone();
    let on_submit = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        ev.prevent_default();
        let d = d.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(settings) = read(&d) else { return };
            match ui::ask(&SetSettings { settings }).await {
                Ok(r)
                    if Reflect::get(&r, &"ok".into())
                        .ok()
                        .and_then(|v| v.as_bool())
                        == Some(true) =>
                {
                    ui::say(&d, "status", &platform::message("optionsSaved", &[]), true);
                }
                Ok(r) => {
                    let errs = Reflect::get(&r, &"errors".into()).unwrap_or(JsValue::UNDEFINED);
                    let text: Vec<String> = if Array::is_array(&errs) {
                        Array::from(&errs).iter().map(|e| error_text(&e)).collect()
                    } else {
                        vec![platform::message("optionsNotSaved", &[])]
                    };
                    ui::say(&d, "status", &text.join(" "), false);
                }
                Err(_) => ui::say(
                    &d,
                    "status",
                    &platform::message("optionsNotSaved", &[]),
                    false,
                ),
            }
        });
    });
    let form: Element = doc.get_element_by_id("form").ok_or("no form")?;
    form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref())?;
    on_submit.forget();
    data::wire(&doc)?;
    templates::wire(&doc)?;
    computer::wire(&doc, settings.share_counts).await?;
    ui::ready(&doc);
    Ok(())
}
