//! The toolbar badge: the binding remaining count, coloured by level, with a tooltip. While storage
//! cannot be written (it is full, or it belongs to a newer version) the count stays, with a "!" and
//! a colour of its own, and the tooltip says why first (issue 10 finding 7). While a self-check
//! state holds (a sense gone blind, a page language without a table; docs/architecture.md §11) the
//! count stays with a "?" and a colour of its own. When both hold, the storage's "!" and colour win
//! (a failing write is about losing data); the tooltip names both, the storage first.

use crate::platform::{self, pages::set_badge};
use invite_guard_core::policy::{GuardState, Level};
use invite_guard_core::status::WriteFailed;

/// Green, amber, red; dark enough for white text (WCAG AA at badge size).
pub const OK_COLOR: &str = "#1a7f37";
pub const LOW_COLOR: &str = "#bf8700";
pub const SPENT_COLOR: &str = "#cf222e";
/// Storage cannot be written: a purple no level uses, with white text (contrast 6.3:1).
pub const STORAGE_COLOR: &str = "#6639ba";
/// A self-check state holds: a blue no level uses, with white text (contrast 7.6:1).
pub const SELF_CHECK_COLOR: &str = "#0550ae";

pub fn show(state: &GuardState, failed: Option<&WriteFailed>, read_only: Option<u32>) {
    let mut color = match state.level {
        Level::Ok => OK_COLOR,
        Level::Low => LOW_COLOR,
        Level::Spent => SPENT_COLOR,
    };
    let next = match state.next_slot_at {
        Some(t) => platform::message("badgeNextSlot", &[&fmt_time(t)]),
        None => platform::message("badgeNoSlotUsed", &[]),
    };
    let title = platform::message(
        "badgeTitle",
        &[
            &state.sent_today.to_string(),
            &state.daily_cap.to_string(),
            &state.remaining_today.to_string(),
            &state.sent_week.to_string(),
            &state.weekly_cap.to_string(),
            &state.remaining_week.to_string(),
            &next,
        ],
    );
    let mut text = state.remaining().to_string();
    let problem = if read_only.is_some() {
        Some(platform::message("badgeReadOnly", &[]))
    } else {
        failed.map(|f| platform::message("badgeWriteFailed", &[&f.held.to_string()]))
    };
    let checks: Vec<String> = crate::ui::self_check_lines(&state.self_check)
        .into_iter()
        .map(|(_, _, long)| long)
        .collect();
    let mut lines: Vec<String> = problem
        .iter()
        .cloned()
        .chain(checks.iter().cloned())
        .collect();
    if problem.is_some() {
        text.push('!');
        color = STORAGE_COLOR;
    } else if !checks.is_empty() {
        text.push('?');
        color = SELF_CHECK_COLOR;
    }
    lines.push(title);
    set_badge(&text, color, &lines.join("\n"));
}

fn fmt_time(ms: f64) -> String {
    platform::format_time(ms, platform::WEEKDAY_TIME)
}
