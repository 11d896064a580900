//! The windows and the guard's policy: how many were sent today and in the rolling week, what is left,
//! and how careful the guard should be.

use crate::health::REINVITE_COOLDOWN_MS;
use crate::ledger::{EventKind, Ledger};
use crate::person::PersonKey;
use crate::self_check::SelfCheck;
use crate::settings::Settings;
use crate::sync::Remote;
use crate::time::{next_local_midnight, LocalDay, Millis, HOUR_MS, WEEK_MS};
use serde::{Deserialize, Serialize};

/// How long a refusal by LinkedIn holds the level at spent. LinkedIn's first restriction "wait a few
/// hours", several in a day "a few days" (help a551012, docs/linkedin.md §13): a day is the
/// shortest hold that
/// does not invite the member to hit the wall again the same afternoon.
pub const REFUSAL_HOLD_MS: Millis = 24.0 * HOUR_MS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Ok,
    Low,
    Spent,
}

/// At most this many people are kept in [`GuardState::cooldown`], newest withdrawal first. Every
/// LinkedIn tab reads the whole `guard` key on each change, so the list stays small; 200 withdrawals
/// in three weeks is far beyond what a member does by hand (no bulk withdrawal here, issue 4).
pub const MAX_COOLDOWN: usize = 200;

/// One of the member's other computers, as the popup names it: "7 of today's 12 from Home laptop".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OtherDevice {
    pub name: String,
    pub today: u32,
    pub week: u32,
}

/// Someone the member withdrew an invitation to less than [`REINVITE_COOLDOWN_MS`] ago: LinkedIn does
/// not let them be invited again "for up to three weeks" (docs/linkedin.md §13.7;
/// docs/linkedin.md §7.1, §13). The content script matches a Connect target against these
/// fields (vanity first, then URN, then name, as `person::likely_same_person`) and warns with the dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CooldownEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vanity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urn: Option<String>,
    /// Kept only when the member lets names be stored (the ledger has none otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub withdrawn_at: Millis,
    /// When LinkedIn should allow a new invitation: `withdrawn_at` + 21 days.
    pub until: Millis,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Binding {
    Daily,
    Weekly,
}

/// What every LinkedIn tab needs to decide a click at once (docs/architecture.md §4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuardState {
    pub sent_today: u32,
    pub sent_week: u32,
    pub daily_cap: u32,
    pub weekly_cap: u32,
    pub remaining_today: u32,
    pub remaining_week: u32,
    pub level: Level,
    pub binding: Binding,
    /// When the oldest counted invitation of the rolling week leaves it; at the weekly cap, when
    /// the first slot frees.
    pub next_slot_at: Option<Millis>,
    /// Until when a refusal by LinkedIn holds the level at spent.
    pub refused_until: Option<Millis>,
    pub hard_block: bool,
    pub in_page_ui: bool,
    pub warn_remaining: u32,
    pub day: LocalDay,
    pub computed_at: Millis,
    /// People still in LinkedIn's re-invite cooldown, newest withdrawal first, at most
    /// [`MAX_COOLDOWN`]. Missing in a `guard` written before issue 4, which reads as empty.
    #[serde(default)]
    pub cooldown: Vec<CooldownEntry>,
    /// What the member's other computers added (issue 14, `core::sync`): per device, its sends counted
    /// today and in the rolling week here. Empty (and left out of the stored form) when none did.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<OtherDevice>,
    /// The self-check's states (docs/architecture.md §11): written by the background after
    /// [`guard_state`], which leaves it empty; left out of the stored form while none holds. The
    /// content script reads `self_check.language` to know whether its page must report its own.
    #[serde(default, skip_serializing_if = "SelfCheck::is_clear")]
    pub self_check: SelfCheck,
}

impl GuardState {
    /// The binding remaining count: what the badge shows.
    pub fn remaining(&self) -> u32 {
        self.remaining_today.min(self.remaining_week)
    }

    /// The next moment this state changes by the clock alone: local midnight, a weekly slot
    /// freeing, or a refusal hold ending. The background sets an alarm for it.
    pub fn next_change(&self, now: Millis, tz: i32) -> Millis {
        let mut t = next_local_midnight(now, tz);
        for c in [self.next_slot_at, self.refused_until]
            .into_iter()
            .flatten()
            .chain(self.cooldown.iter().map(|c| c.until))
        {
            if c > now && c < t {
                t = c;
            }
        }
        t
    }
}

/// Computes the guard state at `now` with the member's current offset `tz`.
///
/// - Today: sent events whose stored local day is today's local day (a day is the member's calendar
///   day when they sent, whatever the time zone is now).
/// - Week: sent events in the 7 days before `now`. An event stamped after `now` (the clock went back)
///   still counts: it was really sent, and undercounting is the failure members fear.
pub fn guard_state(ledger: &Ledger, settings: &Settings, now: Millis, tz: i32) -> GuardState {
    guard_state_with(ledger, &Remote::default(), settings, now, tz)
}

/// [`guard_state`] with what the member's other computers sent and were refused (`core::sync`):
/// their sends count in today (by this device's calendar day of their time) and in the rolling
/// week, and their refusals hold the level at spent as this device's do: the limits are the
/// account's.
pub fn guard_state_with(
    ledger: &Ledger,
    remote: &Remote,
    settings: &Settings,
    now: Millis,
    tz: i32,
) -> GuardState {
    let today = LocalDay::at(now, tz);
    let week_start = now - WEEK_MS;
    let mut sent_today = 0u32;
    let mut week_ats: Vec<Millis> = Vec::new();
    let mut last_refusal: Option<Millis> = None;
    for e in ledger.events() {
        match e.kind {
            EventKind::Sent => {
                if e.day == today {
                    sent_today += 1;
                }
                if e.at > week_start {
                    week_ats.push(e.at);
                }
            }
            EventKind::Refused => {
                last_refusal = Some(last_refusal.map_or(e.at, |r: Millis| r.max(e.at)));
            }
            _ => {}
        }
    }
    let mut others: Vec<OtherDevice> = Vec::new();
    for r in &remote.sends {
        let (is_today, in_week) = (LocalDay::at(r.at, tz) == today, r.at > week_start);
        if is_today {
            sent_today += 1;
        }
        if in_week {
            week_ats.push(r.at);
        }
        match others.iter_mut().find(|o| o.name == r.device_name) {
            Some(o) => {
                o.today += u32::from(is_today);
                o.week += u32::from(in_week);
            }
            None => others.push(OtherDevice {
                name: r.device_name.clone(),
                today: u32::from(is_today),
                week: u32::from(in_week),
            }),
        }
    }
    others.retain(|o| o.week > 0);
    for &r in &remote.refusals {
        last_refusal = Some(last_refusal.map_or(r, |l: Millis| l.max(r)));
    }
    crate::time::sort_by_time(&mut week_ats);
    let sent_week = week_ats.len() as u32;
    let remaining_today = settings.daily_cap.saturating_sub(sent_today);
    let remaining_week = settings.weekly_cap.saturating_sub(sent_week);
    // At or over the cap the first slot frees when enough old sends have left the window to leave
    // one free: the (sent - cap)-th oldest. Below the cap, when the oldest leaves.
    let next_slot_at = if week_ats.is_empty() {
        None
    } else {
        let idx = sent_week.saturating_sub(settings.weekly_cap) as usize;
        Some(week_ats[idx.min(week_ats.len() - 1)] + WEEK_MS)
    };
    let refused_until = last_refusal
        .map(|r| r + REFUSAL_HOLD_MS)
        .filter(|&u| u > now);
    let remaining = remaining_today.min(remaining_week);
    let level = if remaining == 0 || refused_until.is_some() {
        Level::Spent
    } else if remaining <= settings.warn_remaining {
        Level::Low
    } else {
        Level::Ok
    };
    let binding = if remaining_today <= remaining_week {
        Binding::Daily
    } else {
        Binding::Weekly
    };
    GuardState {
        sent_today,
        sent_week,
        daily_cap: settings.daily_cap,
        weekly_cap: settings.weekly_cap,
        remaining_today,
        remaining_week,
        level,
        binding,
        next_slot_at,
        refused_until,
        hard_block: settings.hard_block,
        in_page_ui: settings.in_page_ui,
        warn_remaining: settings.warn_remaining,
        day: today,
        computed_at: now,
        cooldown: cooldown(ledger, now),
        others,
        self_check: SelfCheck::default(),
    }
}

/// The people still in the re-invite cooldown at `now`, by the rule of `health::cooldown`: the
/// latest withdrawal to each person, less than 21 days ago, not followed by a new `Sent` to them
/// (LinkedIn allowed that one, so the block is over). A withdrawal stamped after `now` (the clock
/// went back) still counts. The background loads the current and the previous month (store.rs),
/// which always reach 21 days back.
fn cooldown(ledger: &Ledger, now: Millis) -> Vec<CooldownEntry> {
    let since = now - REINVITE_COOLDOWN_MS;
    let mut out: Vec<CooldownEntry> = Vec::new();
    // Newest first: a later `Sent` is seen before the withdrawal it ends, and a person's latest
    // withdrawal before their older ones.
    let mut later_sent: Vec<PersonKey> = Vec::new();
    let mut listed: Vec<PersonKey> = Vec::new();
    for e in ledger.events().iter().rev() {
        if e.at <= since {
            break;
        }
        match e.kind {
            EventKind::Sent => later_sent.push(PersonKey::of(&e.invitee)),
            EventKind::Withdrawn if out.len() < MAX_COOLDOWN => {
                let key = PersonKey::of(&e.invitee);
                if key.is_empty()
                    || later_sent.iter().any(|k| k.likely_same(&key))
                    || listed.iter().any(|k| k.likely_same(&key))
                {
                    continue;
                }
                out.push(CooldownEntry {
                    vanity: e.invitee.vanity.clone(),
                    urn: e.invitee.urn.clone(),
                    name: e.invitee.name.clone(),
                    withdrawn_at: e.at,
                    until: e.at + REINVITE_COOLDOWN_MS,
                });
                listed.push(key);
            }
            _ => {}
        }
    }
    out
}

/// What the guard does with a click on Connect or on a dialog's Send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Let it through, nothing visible.
    Allow,
    /// Stop it and ask: "Keep it for later" or "Send anyway".
    Confirm,
    /// Stop it; hard-block mode has no override.
    Block,
}

/// Why the guard stopped a click, for the panel's message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    DailyCap,
    WeeklyCap,
    Refused,
}

/// Decides a click from the latest state, synchronously (docs/architecture.md §4). With in-page
/// UI off nothing is stopped: a click eaten without a visible reason would look like a broken page.
pub fn decide(state: &GuardState) -> Decision {
    if !state.in_page_ui || state.level != Level::Spent {
        Decision::Allow
    } else if state.hard_block {
        Decision::Block
    } else {
        Decision::Confirm
    }
}

/// The cap or event that makes the state spent; `None` when it is not.
pub fn reason(state: &GuardState) -> Option<Reason> {
    if state.level != Level::Spent {
        None
    } else if state.remaining_week == 0 {
        Some(Reason::WeeklyCap)
    } else if state.remaining_today == 0 {
        Some(Reason::DailyCap)
    } else {
        Some(Reason::Refused)
    }
}

/// Whether the hover hint shows ("3 left today · 41 left this week").
pub fn shows_hint(state: &GuardState) -> bool {
    state.in_page_ui && state.level == Level::Low
}
