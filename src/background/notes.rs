//! Personal notes (issue 5): this month's note budget, published under the `notes` key
//! (docs/protocol.md §1) with its line ready to show, for the note editor helper in LinkedIn's page
//! and
//! for the popup; and filling a note template for the helper (`fill_template`). Both live here, not
//! in the content script, whose size every LinkedIn page load pays for (docs/architecture.md §8).

use super::{reply, store, tz_at};
use crate::platform;
use invite_guard_core::ledger::Ledger;
use invite_guard_core::message::{answer, FillTemplate};
use invite_guard_core::note_budget::{status, NoteBudget, LEARNED_SOURCE, PREMIUM_SOURCE};
use invite_guard_core::schema::NOTES_KEY;
use invite_guard_core::settings::Settings;
use invite_guard_core::template::{company_from_headline, fill, Person};
use invite_guard_core::time::LocalDay;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// What was last written, so an unchanged budget is not written again on every event.
    static LAST: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The budget's line for the member and its level (`ok`, `low`, `spent`).
pub fn line(b: &NoteBudget) -> (String, &'static str) {
    let n = |x: u32| x.to_string();
    match b.budget {
        None => (
            platform::message("noteBudgetUnlimited", &[&n(b.used)]),
            "ok",
        ),
        Some(budget) if b.used >= budget => {
            let resets = platform::format_day(
                b.resets_on,
                &[("month", "long"), ("day", "numeric"), ("timeZone", "UTC")],
            );
            (
                platform::message("noteBudgetSpent", &[&n(budget), &resets]),
                "spent",
            )
        }
        Some(budget) if budget - b.used <= 1 => (
            platform::message("noteBudgetLow", &[&n(b.used), &n(budget)]),
            "low",
        ),
        Some(budget) => (
            platform::message("noteBudget", &[&n(b.used), &n(budget)]),
            "ok",
        ),
    }
}

/// Writes `notes` when it changed: `{used, budget, remaining, resets_on, source, line, level}`;
/// `budget` and `remaining` are `null` when unlimited, `source` is `free`, `premium` or `learned`.
pub async fn publish(
    ledger: &Ledger,
    settings: &Settings,
    now: f64,
    tz: i32,
) -> Result<(), JsValue> {
    let b = status(ledger.events(), settings.preset, now, tz);
    let source = match b.source {
        LEARNED_SOURCE => "learned",
        PREMIUM_SOURCE => "premium",
        _ => "free",
    };
    let (text, level) = line(&b);
    let key = format!("{}|{:?}|{}|{source}|{text}", b.used, b.budget, b.resets_on);
    if LAST.with(|l| *l.borrow() == key) {
        return Ok(());
    }
    let n = |v: Option<u32>| v.map(JsValue::from).unwrap_or(JsValue::NULL);
    let value: JsValue = platform::object(&[
        ("used", b.used.into()),
        ("budget", n(b.budget)),
        ("remaining", n(b.remaining)),
        ("resets_on", b.resets_on.to_string().into()),
        ("source", source.into()),
        ("line", text.into()),
        ("level", level.into()),
    ])
    .into();
    store::storage_set(&[(NOTES_KEY.into(), value)]).await?;
    LAST.with(|l| *l.borrow_mut() = key);
    Ok(())
}

/// Forgets what was written (storage was emptied), so the next publish writes `notes` again.
pub fn forget() {
    LAST.with(|l| l.borrow_mut().clear());
}

/// `fill_template` `{index, name, headline, lang, max, room}`: template `index` of the settings
/// filled for the person (`core::template::fill`), checked against `room`, the units the note field
/// has left. Answers `{text?, unfilled, message}`: no `text` when it does not fit, so nothing is
/// inserted; `message` is the line the helper shows.
pub async fn fill_template(m: FillTemplate, now: f64) -> Result<JsValue, JsValue> {
    let settings = store::load(LocalDay::at(now, tz_at(now))).await?.settings;
    let only = |message: String| {
        reply(&answer::FillTemplate {
            text: None,
            unfilled: None,
            message,
        })
    };
    let index = m.index.unwrap_or(-1.0);
    let Some(t) = (index >= 0.0)
        .then(|| settings.templates.get(index as usize))
        .flatten()
    else {
        return only(platform::message("noteFillFailed", &[]));
    };
    let name = m.name.unwrap_or_default();
    let headline = m.headline.unwrap_or_default();
    let lang = m.lang.unwrap_or_default();
    let mut person = Person::from_full_name(&name);
    person.company = company_from_headline(&headline, &lang);
    person.headline = (!headline.trim().is_empty()).then_some(headline);
    let max = m.max.unwrap_or(0.0) as u32;
    let room = m
        .room
        .filter(|_| max > 0)
        .map(|r| r.max(0.0) as usize)
        .unwrap_or(usize::MAX);
    let filled = fill(&t.text, &person, room);
    if filled.over_by > 0 {
        return only(platform::message(
            "noteTooLong",
            &[&filled.over_by.to_string(), &max.to_string()],
        ));
    }
    let unfilled: Vec<&str> = filled.unfilled.iter().map(|p| p.token()).collect();
    let message = if unfilled.is_empty() {
        platform::message("noteInserted", &[])
    } else {
        platform::message("noteUnfilled", &[&unfilled.join(", ")])
    };
    reply(&answer::FillTemplate {
        text: Some(filled.text),
        unfilled: Some(!unfilled.is_empty()),
        message,
    })
}
