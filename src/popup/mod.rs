//! The popup: in one look (issue 13 item 1, 380 px wide and at most 600 px tall), a status line,
//! what is left today and in the rolling week with their caps, when the next slot frees, a pacing
//! line, a 14-day chart of sends, the warnings that matter now (`warnings`, the short pending alert,
//! the self-check), two quick switches, and links to the dashboard and the settings.
//!
//! Everything else (which cap binds, the caps line, the 14/30 range, LinkedIn's refusals, pending
//! health, acceptance, the learned cap, sends from elsewhere, the recent history) is the dashboard's
//! (`dashboard.html`, `crate::dashboard`; docs/architecture.md §12), and not in this module.
//!
//! It reads storage directly (reading is safe; only the background writes, docs/architecture.md §3)
//! so it opens without waiting for a service worker to wake. It reads the months the dashboard's
//! statistics are taken over (`view::chart_months`), so that its pending alert is the dashboard's
//! warning: a year of history (10,000 events) costs the popup nothing more than a quiet quarter.

mod warnings;

use crate::platform;
use crate::ui::{self, by_id, set_text};
use crate::view::{self, chart, chart_months, events_of};
use invite_guard_core::glance::{self, Glance, GLANCE_DAYS};
use invite_guard_core::health::outcomes;
use invite_guard_core::ledger::Event;
use invite_guard_core::message::SetSettings;
use invite_guard_core::pacing::pacing;
use invite_guard_core::policy::{GuardState, Level};
use invite_guard_core::schema::{
    SentPageRead, SentTotalMissed, GLANCE_KEY, GUARD_KEY, META_KEY, NOTES_KEY, QUARANTINE_KEY,
    SENT_PAGE_KEY, SENT_TOTAL_MISSED_KEY, SETTINGS_KEY,
};
use invite_guard_core::settings::Settings;
use invite_guard_core::stored_values;
use invite_guard_core::time::LocalDay;
use js_sys::{Array, Date};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, HtmlInputElement};

use crate::platform::get;

pub fn level_name(l: Level) -> &'static str {
    match l {
        Level::Ok => "ok",
        Level::Low => "low",
        Level::Spent => "spent",
    }
}

/// The self-check's lines (docs/architecture.md §11), one per state that holds, each marked with
/// its state (`data-state`), and the link to the options page's "Report a problem".
fn show_self_check(doc: &Document, guard: Option<&GuardState>) -> Result<(), JsValue> {
    let lines = guard
        .map(|g| ui::self_check_lines(&g.self_check))
        .unwrap_or_default();
    let ul = by_id(doc, "self-check-lines")?;
    ui::clear(&ul);
    for (state, short, long) in &lines {
        // The short line in one look; the whole explanation on hover and for screen readers.
        let li = ui::el(doc, "li", "warn", short)?;
        li.set_attribute("data-state", state)?;
        li.set_attribute("title", long)?;
        ul.append_child(&li)?;
    }
    let box_ = by_id(doc, "self-check")?;
    if lines.is_empty() {
        box_.set_attribute("hidden", "")
    } else {
        box_.remove_attribute("hidden")
    }
}

#[wasm_bindgen]
pub async fn popup_main() -> Result<(), JsValue> {
    let doc = ui::document()?;
    ui::translate(&doc)?;
    let now = Date::now();
    let tz = Date::new_0().get_timezone_offset() as i32;
    let today = LocalDay::at(now, tz);
    let months = chart_months(today);
    let keys: Array = [
        GUARD_KEY.to_string(),
        SETTINGS_KEY.to_string(),
        SENT_PAGE_KEY.to_string(),
        SENT_TOTAL_MISSED_KEY.to_string(),
        META_KEY.to_string(),
        QUARANTINE_KEY.to_string(),
        NOTES_KEY.to_string(),
        GLANCE_KEY.to_string(),
    ]
    .iter()
    .map(|k| JsValue::from_str(k))
    .collect();
    let items = JsFuture::from(platform::storage_get(&keys.into())).await?;
    // The chart and the latest refusal as the background derived them (`glance`): no month is read
    // before the first paint. Without a glance of today (just installed, or after midnight before
    // the background's next refresh), both are drawn from the months, read after the first paint
    // for the pending alert.
    let glance = Glance::read(platform::pages::to_json(&get(&items, GLANCE_KEY)).as_ref())
        .filter(|g| g.day == today);
    let stored_settings =
        stored_values::settings(platform::pages::to_json(&get(&items, SETTINGS_KEY)).as_ref());
    let settings_bad = stored_settings.is_unreadable();
    let settings = stored_settings.ok().unwrap_or_default();
    let guard: Option<GuardState> = crate::platform::pages::from_js(&get(&items, GUARD_KEY));
    let sent_page: Option<SentPageRead> =
        stored_values::sent_page(platform::pages::to_json(&get(&items, SENT_PAGE_KEY)).as_ref())
            .ok();
    let total_missed: Option<SentTotalMissed> = stored_values::sent_total_missed(
        platform::pages::to_json(&get(&items, SENT_TOTAL_MISSED_KEY)).as_ref(),
    )
    .ok();

    // One short line each, the whole explanation as the title and on the dashboard.
    let problems = view::problems::read(&items, settings_bad).await;
    view::problems::show(&doc, "problems", &problems, true)?;
    show_self_check(&doc, guard.as_ref())?;
    match &guard {
        Some(g) => budget(&doc, g, now)?,
        None => set_text(&doc, "status", &platform::message("popupNoData", &[])),
    }
    if let Some(g) = &glance {
        chart::draw_bars(&doc, &g.bars(), settings.daily_cap, chart::PLOT_COMPACT)?;
    }
    warnings::notes(&doc, &get(&items, NOTES_KEY), today)?;
    // While LinkedIn's refusal holds, the status line says it with its end: not a second time.
    let held = guard
        .as_ref()
        .and_then(|g| g.refused_until)
        .is_some_and(|t| t > now);
    if let Some(g) = &glance {
        warnings::refusal(&doc, g.refused_at, held)?;
    }
    switches(&doc, &settings)?;
    // What the member opens the popup for is on screen: the figures, the chart, the warnings but the
    // pending one, which follows in the next task, so the browser paints the first part without
    // waiting for it (README "Benchmark": first render).
    ui::first_render(&doc);
    ui::next_task().await;
    let keys: Array = months.iter().map(|k| JsValue::from_str(k)).collect();
    let events = events_of(
        &JsFuture::from(platform::storage_get(&keys.into())).await?,
        &months,
    );
    if glance.is_none() {
        chart::draw(
            &doc,
            &events,
            today,
            settings.daily_cap,
            GLANCE_DAYS,
            chart::PLOT_COMPACT,
        )?;
        warnings::refusal(&doc, glance::latest_refusal(&events, now), held)?;
    }
    pending_alert(
        &doc,
        &events,
        sent_page.as_ref(),
        total_missed.as_ref(),
        settings.pending_warn,
        now,
    )?;
    ui::ready(&doc);
    Ok(())
}

/// The figures, the bars, the status line, the binding cap, the next slot and the pacing line.
fn budget(doc: &Document, g: &GuardState, now: f64) -> Result<(), JsValue> {
    let n = |x: u32| ui::num(x);
    set_text(
        doc,
        "today",
        &platform::message("popupCount", &[&n(g.sent_today), &n(g.daily_cap)]),
    );
    set_text(
        doc,
        "week",
        &platform::message("popupCount", &[&n(g.sent_week), &n(g.weekly_cap)]),
    );
    set_text(
        doc,
        "today-left",
        &platform::message("popupLeft", &[&n(g.remaining_today)]),
    );
    set_text(
        doc,
        "week-left",
        &platform::message("popupLeft", &[&n(g.remaining_week)]),
    );
    let level_of = |left: u32| {
        if left == 0 {
            "spent"
        } else if left <= g.warn_remaining {
            "low"
        } else {
            "ok"
        }
    };
    for (id, sent, cap, left) in [
        ("today-bar", g.sent_today, g.daily_cap, g.remaining_today),
        ("week-bar", g.sent_week, g.weekly_cap, g.remaining_week),
    ] {
        let bar = by_id(doc, id)?;
        let shown = sent.min(cap);
        bar.set_attribute("aria-valuemax", &cap.to_string())?;
        bar.set_attribute("aria-valuenow", &shown.to_string())?;
        bar.set_attribute(
            "aria-valuetext",
            &platform::message("popupCount", &[&n(sent), &n(cap)]),
        )?;
        bar.set_attribute("data-level", level_of(left))?;
        if let Some(fill) = bar.first_element_child() {
            let pct = if cap == 0 {
                100.0
            } else {
                100.0 * shown as f64 / cap as f64
            };
            fill.set_attribute("style", &format!("width:{pct:.1}%"))?;
        }
    }
    if let Some(b) = doc.body() {
        b.set_attribute("data-level", level_name(g.level))?;
    }
    let refused = g.refused_until.filter(|t| *t > now);
    let status = match (g.level, refused) {
        (Level::Spent, Some(t)) => platform::message(
            "popupRefused",
            &[&platform::format_time(t, platform::WEEKDAY_TIME)],
        ),
        (Level::Spent, None) => platform::message("popupSpent", &[]),
        (Level::Low, _) => platform::message("popupLow", &[]),
        _ => platform::message("popupOk", &[]),
    };
    set_text(doc, "status", &status);
    // The refusal's hold is said here, so the warnings leave it out (`data-held` for the tests),
    // with what the refusal warning's title said: how long a restriction usually lasts.
    let line = by_id(doc, "status")?;
    line.toggle_attribute_with_force("data-held", refused.is_some())?;
    if refused.is_some() {
        line.set_attribute("title", &platform::message("popupRestriction", &[]))?;
    } else {
        line.remove_attribute("title")?;
    }
    // Which cap binds is the figures' title here and a line on the dashboard.
    let binding = platform::message(
        match g.binding {
            invite_guard_core::policy::Binding::Daily => "popupBindingDaily",
            invite_guard_core::policy::Binding::Weekly => "popupBindingWeekly",
        },
        &[],
    );
    if let Some(b) = doc.query_selector(".budgets")? {
        b.set_attribute("title", &binding)?;
    }
    let next = match g.next_slot_at {
        Some(t) => platform::message(
            "badgeNextSlot",
            &[&platform::format_time(t, platform::WEEKDAY_TIME)],
        ),
        None => platform::message("badgeNoSlotUsed", &[]),
    };
    set_text(doc, "next-slot", &next);
    others(doc, g);

    let p = pacing(g, now);
    // While a refusal holds, the status line says to wait and until when: no pacing line.
    by_id(doc, "pacing")?.toggle_attribute_with_force("hidden", refused.is_some())?;
    let line = if refused.is_some() {
        String::new()
    } else if p.today > 0 {
        platform::message("popupPacing", &[&n(p.today), &n(g.weekly_cap)])
    } else if g.remaining() > 0 {
        platform::message("popupPacingDone", &[&n(p.per_day), &n(g.weekly_cap)])
    } else {
        platform::message("popupPacingNone", &[])
    };
    set_text(doc, "pacing", &line);
    Ok(())
}

/// The in-page UI and hard-block switches: each change goes to the background, which validates
/// and stores it, and the badge and every tab's guard follow at once (`guard` in storage).
fn switches(doc: &Document, settings: &Settings) -> Result<(), JsValue> {
    for id in ["in-page", "hard-block"] {
        let input: HtmlInputElement = by_id(doc, id)?.dyn_into()?;
        input.set_checked(if id == "in-page" {
            settings.in_page_ui
        } else {
            settings.hard_block
        });
        let on_change = Closure::<dyn FnMut()>::new(move || {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = toggle().await;
            });
        });
        input.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())?;
        on_change.forget();
    }
    Ok(())
}

/// Sends the settings as stored, with the two switches as they are now.
async fn toggle() -> Result<(), JsValue> {
    let doc = ui::document()?;
    let items = JsFuture::from(platform::storage_get(&SETTINGS_KEY.into())).await?;
    let mut s: Settings =
        crate::platform::pages::from_js(&get(&items, SETTINGS_KEY)).unwrap_or_default();
    let checked = |id: &str| -> bool {
        by_id(&doc, id)
            .ok()
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            .is_some_and(|i| i.checked())
    };
    s.in_page_ui = checked("in-page");
    s.hard_block = checked("hard-block");
    let answer = ui::ask(&SetSettings { settings: s }).await?;
    let ok = get(&answer, "ok").as_bool() == Some(true);
    set_text(
        &doc,
        "status",
        &platform::message(
            if ok {
                "optionsSaved"
            } else {
                "optionsNotSaved"
            },
            &[],
        ),
    );
    Ok(())
}

/// The short pending alert, shown when the pending queue is above the member's threshold, with the
/// dashboard's full warning as its title (the same `view::pending_of` as the dashboard's).
fn pending_alert(
    doc: &Document,
    events: &[Event],
    sent_page: Option<&SentPageRead>,
    total_missed: Option<&SentTotalMissed>,
    threshold: u32,
    now: f64,
) -> Result<(), JsValue> {
    let outs = outcomes(events);
    let (h, _, _) = view::pending_of(&outs, sent_page, total_missed, threshold, now);
    let alert = by_id(doc, "pending-alert")?;
    alert.toggle_attribute_with_force("hidden", !h.warn)?;
    if h.warn {
        let n = ui::num(h.linkedin_total.unwrap_or(h.pending));
        alert.set_text_content(Some(&platform::message("popupPendingAlert", &[&n])));
        alert.set_attribute("title", &platform::message("popupPendingWarn", &[&n]))?;
    }
    Ok(())
}

/// What the member's other computers added (issue 14): "7 of today's 12 from Home laptop", or the
/// week's when a computer sent nothing today; hidden when none did.
fn others(doc: &Document, g: &GuardState) {
    let lines: Vec<String> = g
        .others
        .iter()
        .map(|o| {
            if o.today > 0 {
                platform::message(
                    "popupOthersToday",
                    &[&ui::num(o.today), &ui::num(g.sent_today), &o.name],
                )
            } else {
                platform::message(
                    "popupOthersWeek",
                    &[&ui::num(o.week), &ui::num(g.sent_week), &o.name],
                )
            }
        })
        .collect();
    set_text(doc, "others", &lines.join(" · "));
    if let Ok(e) = ui::by_id(doc, "others") {
        let _ = e.toggle_attribute_with_force("hidden", lines.is_empty());
    }
}
