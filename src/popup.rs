//! The popup (a first version): remaining today and this week against the caps, when the next slot
//! frees, and the last few sends. It reads storage directly (reading is safe; only the background
//! writes) so it opens without waiting for a worker to wake.

use crate::platform;
use invite_guard_core::ledger::{Event, EventKind};
use invite_guard_core::policy::{GuardState, Level};
use invite_guard_core::presets::{preset, AccountType};
use invite_guard_core::schema::{month_key, GUARD_KEY, SETTINGS_KEY};
use invite_guard_core::settings::Settings;
use invite_guard_core::time::LocalDay;
use js_sys::{Array, Date, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element};

fn set_text(doc: &Document, id: &str, text: &str) {
    if let Some(e) = doc.get_element_by_id(id) {
        e.set_text_content(Some(text));
    }
}

fn fmt(ms: f64, opts: &[(&str, &str)]) -> String {
    platform::format_time(ms, opts)
}

/// Fills every `[data-i18n]` element of an extension page with its `_locales` message.
pub fn translate(doc: &Document) -> Result<(), JsValue> {
    let labels = doc.query_selector_all("[data-i18n]")?;
    for i in 0..labels.length() {
        if let Some(e) = labels.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let key = e.get_attribute("data-i18n").unwrap_or_default();
            e.set_text_content(Some(&platform::message(&key, &[])));
        }
    }
    Ok(())
}

#[wasm_bindgen]
pub async fn popup_main() -> Result<(), JsValue> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    // Static labels from _locales.
    let labels = doc.query_selector_all("[data-i18n]")?;
    for i in 0..labels.length() {
        if let Some(e) = labels.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let key = e.get_attribute("data-i18n").unwrap_or_default();
            e.set_text_content(Some(&platform::message(&key, &[])));
        }
    }
    let now = Date::now();
    let today = LocalDay::at(now, Date::new_0().get_timezone_offset() as i32);
    let keys: Array = [
        GUARD_KEY.to_string(),
        SETTINGS_KEY.to_string(),
        month_key(&today.month_key()),
        month_key(&today.previous_month_key()),
    ]
    .iter()
    .map(|k| JsValue::from_str(k))
    .collect();
    let items = JsFuture::from(platform::storage_get(&keys.into())).await?;
    let guard: Option<GuardState> = serde_wasm_bindgen::from_value(
        Reflect::get(&items, &GUARD_KEY.into()).unwrap_or(JsValue::UNDEFINED),
    )
    .ok();
    let Some(g) = guard else {
        set_text(&doc, "status", &platform::message("popupNoData", &[]));
        return Ok(());
    };
    set_text(
        &doc,
        "today",
        &platform::message(
            "popupCount",
            &[&g.sent_today.to_string(), &g.daily_cap.to_string()],
        ),
    );
    set_text(
        &doc,
        "week",
        &platform::message(
            "popupCount",
            &[&g.sent_week.to_string(), &g.weekly_cap.to_string()],
        ),
    );
    set_text(
        &doc,
        "today-left",
        &platform::message("popupLeft", &[&g.remaining_today.to_string()]),
    );
    set_text(
        &doc,
        "week-left",
        &platform::message("popupLeft", &[&g.remaining_week.to_string()]),
    );
    for (id, sent, cap) in [
        ("today-bar", g.sent_today, g.daily_cap),
        ("week-bar", g.sent_week, g.weekly_cap),
    ] {
        if let Some(e) = doc.get_element_by_id(id) {
            let _ = e.set_attribute("value", &sent.min(cap).to_string());
            let _ = e.set_attribute("max", &cap.to_string());
        }
    }
    let level = match g.level {
        Level::Ok => "ok",
        Level::Low => "low",
        Level::Spent => "spent",
    };
    if let Some(b) = doc.body() {
        let _ = b.set_attribute("data-level", level);
    }
    let status = match (g.level, g.refused_until) {
        (Level::Spent, Some(t)) => {
            platform::message("popupRefused", &[&fmt(t, platform::WEEKDAY_TIME)])
        }
        (Level::Spent, None) => platform::message("popupSpent", &[]),
        (Level::Low, _) => platform::message("popupLow", &[]),
        _ => platform::message("popupOk", &[]),
    };
    set_text(&doc, "status", &status);
    let next = match g.next_slot_at {
        Some(t) => platform::message("badgeNextSlot", &[&fmt(t, platform::WEEKDAY_TIME)]),
        None => platform::message("badgeNoSlotUsed", &[]),
    };
    set_text(&doc, "next-slot", &next);

    // The caps in force and where their numbers come from (limits.md: LinkedIn publishes none).
    let settings: Settings = serde_wasm_bindgen::from_value(
        Reflect::get(&items, &SETTINGS_KEY.into()).unwrap_or(JsValue::UNDEFINED),
    )
    .unwrap_or_default();
    let preset_name = match settings.preset {
        AccountType::Free => "presetFree",
        AccountType::Premium => "presetPremium",
        AccountType::SalesNavigator => "presetSalesNavigator",
        AccountType::NewAccount => "presetNewAccount",
        AccountType::Custom => "presetCustom",
    };
    set_text(
        &doc,
        "caps",
        &platform::message(
            "popupCaps",
            &[
                &settings.daily_cap.to_string(),
                &settings.weekly_cap.to_string(),
                &platform::message(preset_name, &[]),
            ],
        ),
    );
    if let Some(p) = preset(settings.preset) {
        set_text(
            &doc,
            "caps-source",
            &format!("{} {}", p.daily_source, p.weekly_source),
        );
    } else {
        set_text(
            &doc,
            "caps-source",
            &platform::message("presetCustomSource", &[]),
        );
    }

    // The last few sends, newest first.
    let mut events: Vec<Event> = Vec::new();
    for k in keys_iter(&items) {
        if let Ok(evs) = serde_wasm_bindgen::from_value::<Vec<Event>>(
            Reflect::get(&items, &k.into()).unwrap_or(JsValue::UNDEFINED),
        ) {
            events.extend(evs);
        }
    }
    events.sort_by(|a, b| b.at.total_cmp(&a.at));
    let list = doc.get_element_by_id("recent").ok_or("no list")?;
    let mut shown = 0;
    for e in events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Sent | EventKind::Refused))
        .take(8)
    {
        let li = doc.create_element("li")?;
        let who = e
            .invitee
            .name
            .clone()
            .or_else(|| e.invitee.vanity.clone())
            .unwrap_or_else(|| platform::message("popupSomeone", &[]));
        let when = fmt(
            e.at,
            &[
                ("month", "short"),
                ("day", "numeric"),
                ("hour", "2-digit"),
                ("minute", "2-digit"),
            ],
        );
        let what = if e.kind == EventKind::Refused {
            platform::message("popupRefusedShort", &[])
        } else {
            String::new()
        };
        li.set_text_content(Some(format!("{when} · {who} {what}").trim()));
        list.append_child(&li)?;
        shown += 1;
    }
    if shown == 0 {
        let li = doc.create_element("li")?;
        li.set_text_content(Some(&platform::message("popupNoneYet", &[])));
        list.append_child(&li)?;
    }
    Ok(())
}

fn keys_iter(items: &JsValue) -> Vec<String> {
    Object::keys(items.unchecked_ref::<Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .filter(|k| k.starts_with("ev:"))
        .collect()
}
