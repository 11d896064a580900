//! The toolbar badge: the binding remaining count, coloured by level, with a tooltip.

use crate::platform::{self, pages::set_badge};
use invite_guard_core::policy::{GuardState, Level};

/// Green, amber, red; dark enough for white text (WCAG AA at badge size).
pub const OK_COLOR: &str = "#1a7f37";
pub const LOW_COLOR: &str = "#bf8700";
pub const SPENT_COLOR: &str = "#cf222e";

pub fn show(state: &GuardState) {
    let color = match state.level {
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
    set_badge(&state.remaining().to_string(), color, &title);
}

fn fmt_time(ms: f64) -> String {
    platform::format_time(ms, platform::WEEKDAY_TIME)
}
