//! What the guard shows in LinkedIn's page, decided and worded here and written with the state under
//! `guard.ui` (docs/protocol.md §1). The content script only matches a click and shows these
//! texts: its size and start-up time are paid on every LinkedIn page load (docs/architecture.md
//! §8), and
//! deciding and wording here keeps core's policy and the browser's message catalogue out of it.
//! Every text depends on the state alone, which is rewritten at each change of it, the clock's
//! included (the alarms of `publish`).

use crate::platform::{self, object, set};
use crate::ui::num;
use invite_guard_core::policy::{decide, reason, shows_hint, Decision, GuardState, Reason};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

/// Stands for the person's name in a cooldown line: the content script puts in the name the page
/// shows (the ledger keeps none when the member keeps names off). An attribute or text from the
/// page cannot hold U+0001 as a name character LinkedIn shows.
const NAME: &str = "\u{1}";

fn texts(title: &str, lines: Vec<String>, cancel: &str, proceed: Option<&str>) -> JsValue {
    let lines: Array = lines.into_iter().map(JsValue::from).collect();
    let o = object(&[
        ("title", platform::message(title, &[]).into()),
        ("lines", lines.into()),
        ("cancel", platform::message(cancel, &[]).into()),
    ]);
    if let Some(p) = proceed {
        set(&o, "proceed", &platform::message(p, &[]).into());
    }
    o.into()
}

fn when(ms: f64) -> String {
    platform::format_time(ms, platform::WEEKDAY_TIME)
}

/// Why the click was stopped and when it may go again.
fn spent_lines(g: &GuardState) -> Vec<String> {
    match reason(g) {
        Some(Reason::DailyCap) => vec![
            platform::message(
                "guardDailyReached",
                &[&num(g.sent_today), &num(g.daily_cap)],
            ),
            platform::message("guardFreesTomorrow", &[]),
        ],
        Some(Reason::WeeklyCap) => {
            let mut v = vec![platform::message(
                "guardWeeklyReached",
                &[&num(g.sent_week), &num(g.weekly_cap)],
            )];
            v.extend(
                g.next_slot_at
                    .map(|t| platform::message("guardNextSlot", &[&when(t)])),
            );
            v
        }
        _ => vec![platform::message(
            "guardRefused",
            &[&g.refused_until.map(when).unwrap_or_default()],
        )],
    }
}

/// `guard.ui`: `gate` (`allow`, `confirm` or `block`: what a click on Connect or on the dialog's
/// Send meets), `hint` (the hover hint's text, only when it shows), `panel` (the confirm or block
/// panel, when `gate` is not `allow`), `cooldown_panel` (for Connect to someone in LinkedIn's
/// re-invite cooldown while `gate` is `allow`), `cooldown` (one line per entry of
/// `guard.cooldown`, in its order) and `note` (the note helper's fixed texts). With the in-page UI
/// off the gate is `allow` and nothing else is written: the page shows nothing.
pub fn ui(g: &GuardState) -> JsValue {
    let decision = decide(g);
    let gate = match decision {
        Decision::Allow => "allow",
        Decision::Confirm => "confirm",
        Decision::Block => "block",
    };
    let o = object(&[("gate", gate.into())]);
    if !g.in_page_ui {
        return o.into();
    }
    if shows_hint(g) {
        let hint = platform::message(
            "hintLow",
            &[&num(g.remaining_today), &num(g.remaining_week)],
        );
        set(&o, "hint", &hint.into());
    }
    match decision {
        Decision::Confirm => set(
            &o,
            "panel",
            &texts(
                "guardConfirmTitle",
                spent_lines(g),
                "guardKeep",
                Some("guardSendAnyway"),
            ),
        ),
        Decision::Block => set(
            &o,
            "panel",
            &texts("guardBlockTitle", spent_lines(g), "guardClose", None),
        ),
        Decision::Allow => {}
    }
    set(&o, "note", &note_texts().into());
    let day = |ms: f64| platform::format_time(ms, &[("month", "long"), ("day", "numeric")]);
    let lines: Array = g
        .cooldown
        .iter()
        .map(|c| {
            let line = platform::message(
                "guardCooldown",
                &[NAME, &day(c.withdrawn_at), &day(c.until)],
            );
            JsValue::from(line)
        })
        .collect();
    set(&o, "cooldown", &lines.into());
    set(
        &o,
        "cooldown_panel",
        &texts(
            "guardCooldownTitle",
            Vec::new(),
            "guardKeep",
            Some("guardSendAnyway"),
        ),
    );
    o.into()
}

/// The note helper's fixed texts (`content/notes.rs`): U+0001 and U+0002 stand for the note's length
/// and the field's limit.
fn note_texts() -> Object {
    let m = |name: &str, subs: &[&str]| JsValue::from(platform::message(name, subs));
    object(&[
        ("counter", m("noteCounter", &["\u{1}", "\u{2}"])),
        ("counter_no_limit", m("noteCounterNoLimit", &["\u{1}"])),
        ("templates", m("noteTemplates", &[])),
        ("no_templates", m("noteNoTemplates", &[])),
        ("fill_failed", m("noteFillFailed", &[])),
    ])
}
