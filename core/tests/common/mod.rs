//! Builders shared by core's integration tests: the moment most tests call now, the member's usual
//! offset, people, events and settings. Each file in `core/tests/` is a crate of its own that
//! includes this module with `mod common;`, and none uses every helper (hence `dead_code`).
//!
//! A file whose events differ from [`event`]'s (another source, a fixed kind, a tab) keeps a small
//! builder of its own on top of it that says so.

#![allow(dead_code)]

use invite_guard_core::ledger::{Event, EventKind, Invitee, Source};
use invite_guard_core::locale::{LocaleTable, TABLES};
use invite_guard_core::presets::AccountType;
use invite_guard_core::settings::Settings;
use invite_guard_core::time::{LocalDay, Millis, DAY_MS, HOUR_MS, MINUTE_MS};
use proptest::prelude::*;

/// 2026-11-27T10:00:00Z, a Friday.
pub const NOW: Millis = 1_795_773_600_000.0;

/// The member's offset as `Date.getTimezoneOffset()` gives it: UTC+1 (Berlin in winter).
pub const TZ: i32 = -60;

/// `days` (fractions allowed) before [`NOW`].
pub fn at_days_ago(days: f64) -> Millis {
    NOW - days * DAY_MS
}

/// Milliseconds at `YYYY-MM-DD` `hh:mm` UTC.
pub fn utc(day: &str, h: u32, m: u32) -> Millis {
    LocalDay::parse(day).unwrap().start_ms(0) + h as f64 * HOUR_MS + m as f64 * MINUTE_MS
}

/// A person as an event names them: profile URN id, profile name (vanity), display name.
pub fn who(urn: Option<&str>, vanity: Option<&str>, name: Option<&str>) -> Invitee {
    Invitee {
        urn: urn.map(str::to_string),
        vanity: vanity.map(str::to_string),
        name: name.map(str::to_string),
    }
}

/// An event as the invitation API call records it (`Source::Api`), with its local day at `tz`: no
/// note, no tab, no merged signals.
pub fn event(id: &str, kind: EventKind, at: Millis, tz: i32, invitee: Invitee) -> Event {
    Event::new(id.into(), kind, at, tz, invitee, Source::Api)
}

/// The events' ids, in their order.
pub fn ids(events: &[Event]) -> Vec<&str> {
    events.iter().map(|e| e.id.as_str()).collect()
}

/// Custom caps: `daily` and `weekly`, warning with `warn` left; every other setting its default.
pub fn custom(daily: u32, weekly: u32, warn: u32) -> Settings {
    Settings {
        preset: AccountType::Custom,
        daily_cap: daily,
        weekly_cap: weekly,
        warn_remaining: warn,
        ..Settings::default()
    }
}

/// One locale table, or none (the page's language unknown: every table is tried).
pub fn table_choice() -> impl Strategy<Value = Option<&'static LocaleTable>> {
    prop::option::of(prop::sample::select(TABLES.to_vec()))
}
