//! The dashboard (`dashboard.html`, issue 13 item 2): everything the popup no longer shows, in a
//! tab opened from the popup's Dashboard link and from the options page. The storage's problems,
//! whole (`view::problems`), which cap binds and the caps line, the chart over 30 or 90 days
//! (`range`) with its refusals marked, LinkedIn's refusals and alerts and the recent invitations
//! (`history`), the whole history searched and paged (`browse`), sends from elsewhere, the Sent
//! page's unconfirmed invitations, pending health, acceptance and the learned cap (`insights`).
//!
//! Like the popup it reads storage directly (only the background writes, docs/architecture.md §3),
//! the same months for its statistics (this month and the two before; the chart reaches one more),
//! with the same functions (`crate::view`), so the
//! two pages never disagree on a figure.

mod browse;
mod history;
mod insights;
mod range;

use crate::platform::{self, get};
use crate::ui::{self, set_text};
use crate::view::{self, events_of, months_back};
use invite_guard_core::policy::{Binding, GuardState};
use invite_guard_core::presets::AccountType;
use invite_guard_core::schema::{
    SentPageRead, SentTotalMissed, GUARD_KEY, META_KEY, QUARANTINE_KEY, SENT_PAGE_KEY,
    SENT_TOTAL_MISSED_KEY, SETTINGS_KEY,
};
use invite_guard_core::settings::Settings;
use invite_guard_core::stored_values;
use invite_guard_core::time::LocalDay;
use js_sys::{Array, Date};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::Document;

fn preset_message(a: AccountType) -> &'static str {
    match a {
        AccountType::Free => "presetFree",
        AccountType::Premium => "presetPremium",
        AccountType::SalesNavigator => "presetSalesNavigator",
        AccountType::NewAccount => "presetNewAccount",
        AccountType::Custom => "presetCustom",
    }
}

#[wasm_bindgen]
pub async fn dashboard_main() -> Result<(), JsValue> {
    let doc = ui::document()?;
    ui::translate(&doc)?;
    let now = Date::now();
    let tz = Date::new_0().get_timezone_offset() as i32;
    let today = LocalDay::at(now, tz);
    // The chart's 90 days reach into a fourth month; the statistics are over the three the popup
    // reads (`view::chart_months`), so that the two pages agree.
    let months = months_back(today, 4);
    let keys: Array = [
        GUARD_KEY.to_string(),
        SETTINGS_KEY.to_string(),
        SENT_PAGE_KEY.to_string(),
        SENT_TOTAL_MISSED_KEY.to_string(),
        META_KEY.to_string(),
        QUARANTINE_KEY.to_string(),
    ]
    .iter()
    .chain(months.iter())
    .map(|k| JsValue::from_str(k))
    .collect();
    let items = JsFuture::from(platform::storage_get(&keys.into())).await?;
    let stored_settings =
        stored_values::settings(platform::pages::to_json(&get(&items, SETTINGS_KEY)).as_ref());
    let problems = view::problems::read(&items, stored_settings.is_unreadable()).await;
    let settings = stored_settings.ok().unwrap_or_default();
    let guard: Option<GuardState> = platform::pages::from_js(&get(&items, GUARD_KEY));
    let events = events_of(&items, &months[..3]);
    let mut chart_events = events_of(&items, &months[3..]);
    chart_events.extend(events.iter().cloned());
    let sent_page: Option<SentPageRead> =
        stored_values::sent_page(platform::pages::to_json(&get(&items, SENT_PAGE_KEY)).as_ref())
            .ok();
    let total_missed: Option<SentTotalMissed> = stored_values::sent_total_missed(
        platform::pages::to_json(&get(&items, SENT_TOTAL_MISSED_KEY)).as_ref(),
    )
    .ok();

    // The storage's problems, whole: the popup says each in a short line.
    view::problems::show(&doc, "problems", &problems, false)?;
    if let Some(g) = &guard {
        set_text(&doc, "binding", &binding(g));
    }
    show_caps(&doc, &settings);
    range::render(&doc, &chart_events, today, settings.daily_cap)?;
    history::refusals(&doc, &events, now)?;
    history::recent(&doc, &events)?;
    ui::first_render(&doc);
    ui::next_task().await;
    insights::render(
        &doc,
        &events,
        &settings,
        sent_page.as_ref(),
        total_missed.as_ref(),
        now,
        tz,
    )?;
    // The whole history, every month key, for the search (issue 13 item 2): read last, so that a
    // long history never delays the figures above.
    let all = JsFuture::from(platform::storage_get(&JsValue::NULL)).await?;
    browse::render(&doc, crate::events::all_months(&all))?;
    ui::ready(&doc);
    Ok(())
}

/// Which cap binds now: the daily or the rolling week's.
pub fn binding(g: &GuardState) -> String {
    let key = match g.binding {
        Binding::Daily => "popupBindingDaily",
        Binding::Weekly => "popupBindingWeekly",
    };
    platform::message(key, &[])
}

/// The caps line: "20 a day · 100 a week (Free account)".
fn show_caps(doc: &Document, settings: &Settings) {
    let preset = platform::message(preset_message(settings.preset), &[]);
    set_text(
        doc,
        "caps",
        &platform::message(
            "popupCaps",
            &[
                &ui::num(settings.daily_cap),
                &ui::num(settings.weekly_cap),
                &preset,
            ],
        ),
    );
}
