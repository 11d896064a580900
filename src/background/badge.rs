//! The toolbar badge: the binding remaining count, coloured by level, with a tooltip. While storage
//! cannot be written (it is full, or it belongs to a newer version) the count stays, with a "!" and
//! a colour of its own, and the tooltip says why first (issue 10 finding 7).

use crate::platform::{self, pages::set_badge};
use invite_guard_core::policy::{GuardState, Level};
use invite_guard_core::status::WriteFailed;

/// Green, amber, red; dark enough for white text (WCAG AA at badge size).
pub const OK_COLOR: &str = "#1a7f37";
pub const LOW_COLOR: &str = "#bf8700";
pub const SPENT_COLOR: &str = "#cf222e";
/// Storage cannot be written: a purple no level uses, with white text (contrast 6.3:1).
pub const STORAGE_COLOR: &str = "#6639ba";

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
    let title = match problem {
        Some(p) => {
            text.push('!');
            color = STORAGE_COLOR;
            format!("{p}\n{title}")
        }
        None => title,
    };
    set_badge(&text, color, &title);
}

fn fmt_time(ms: f64) -> String {
    platform::format_time(ms, platform::WEEKDAY_TIME)
}
