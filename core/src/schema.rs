//! The versioned storage schema (docs/protocol.md §1) and its migrations.
//!
//! Version 2: `meta` `{schema: 2}`, `settings`, one `ev:YYYY-MM` key per month of events, each event
//! in the compact array form of `stored.rs`, and `guard`.
//! Version 1 stored each event as an object: 10,000 events took 3.4 MB, over the 2 MB a year of heavy
//! use may take (issue 3); v2 reads both forms and rewrites v1 months once.
//! Version 0 (the first development builds) kept every event in one `events` array; a year of heavy use
//! would rewrite ~2 MB on every send, so v1 splits it by month and only the current month is written.

use crate::ledger::{Event, Ledger};
use crate::time::{LocalDay, Millis};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: u32 = 2;
pub const META_KEY: &str = "meta";
pub const SETTINGS_KEY: &str = "settings";
pub const GUARD_KEY: &str = "guard";
/// Where events that could not be read are kept, untouched, so that nothing is ever lost.
pub const QUARANTINE_KEY: &str = "quarantine";
/// The v0 layout's single array.
pub const LEGACY_EVENTS_KEY: &str = "events";
pub const MONTH_PREFIX: &str = "ev:";
/// The last read of LinkedIn's Sent page that showed its total ([`SentPageRead`]).
pub const SENT_PAGE_KEY: &str = "sent_page";
/// This month's note budget, with its line ready to show (docs/protocol.md §1).
pub const NOTES_KEY: &str = "notes";
/// What the popup's first render needs of the months, derived by the background
/// (`glance::Glance`, docs/protocol.md §1).
pub const GLANCE_KEY: &str = "glance";
/// The page's own reports for the self-check: recognised clicks and the page's language
/// (`self_check::PageSignals`, docs/protocol.md §1).
pub const PAGE_SIGNALS_KEY: &str = "page_signals";

/// What the background keeps from the last read of LinkedIn's Sent page whose "People (1,100)" total
/// could be read (docs/linkedin.md §7). LinkedIn's count covers invitations sent from every device
/// and
/// drops the ones it expired, so the popup's pending count prefers it, with the date it was read
/// (`health::pending_health`). A read without a readable total leaves the key as it was.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentPageRead {
    /// LinkedIn's own count of pending invitations.
    pub total: u32,
    /// When the page was read (ms since the epoch).
    pub read_at: Millis,
    /// How many invitation cards that read listed (LinkedIn loads them lazily, docs/linkedin.md
    /// §11).
    pub pending: u32,
    /// Whether the whole list had been read (every card loaded).
    pub complete: bool,
    /// Recent invitations that read held back as unconfirmed: more than anyone sends by hand in a
    /// day or a week (`reconcile::cap_sent_page`). Left out at 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unconfirmed: u32,
}

/// The last read of LinkedIn's Sent page, when none of the texts in the placements of LinkedIn's
/// total read as it (issue 12; docs/linkedin.md §7.2): a layout or a language this version does not
/// know, or a page without a total. Written by the background on such a read, removed by the next
/// read whose total reads; the popup then shows the pending count from the member's own records,
/// labelled as such, and the diagnostic can say that LinkedIn's total did not read. It is a status,
/// not the member's data: one that does not read is taken as absent and written again.
pub const SENT_TOTAL_MISSED_KEY: &str = "sent_total_missed";

/// The value of [`SENT_TOTAL_MISSED_KEY`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentTotalMissed {
    /// When the page was read (ms since the epoch).
    pub at: Millis,
    /// The page's `<html lang>` ("" when it had none): the language the total was read in.
    pub lang: String,
    /// How many texts the page showed in the total's placements (`classify::SENT_TOTAL_SELECTOR`),
    /// none of which read as the total: 0 when no placement was found at all.
    pub texts: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// `ev:YYYY-MM` for a `YYYY-MM` month.
pub fn month_key(month: &str) -> String {
    format!("{MONTH_PREFIX}{month}")
}

/// The month keys the guard is computed from on `today` (the member's local day now): the month
/// before (the rolling week and the 21-day re-invite cooldown reach back into it), this month, and
/// the month after. An event is stored under the month of its own local day at its own offset
/// (`split_by_month`), which is later than today's after the clock went back across the first of a
/// month, or after moving west across it; such an event still counts (`policy::guard_state`), so
/// its month is read too (found by core/tests/time_stored.rs).
pub fn guard_month_keys(today: LocalDay) -> [String; 3] {
    [
        month_key(&today.previous_month_key()),
        month_key(&today.month_key()),
        month_key(&today.next_month_key()),
    ]
}

/// Whether a storage key holds a month of events.
pub fn is_month_key(key: &str) -> bool {
    key.strip_prefix(MONTH_PREFIX).is_some_and(|m| {
        m.len() == 7
            && m.as_bytes()[4] == b'-'
            && m.bytes()
                .enumerate()
                .all(|(i, b)| i == 4 || b.is_ascii_digit())
    })
}

/// What to do with the stored data, from its `meta.schema` and whether the v0 key exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// Nothing stored yet: write `meta`.
    Fresh,
    /// Already the current version.
    Current,
    /// Move v0's `events` array into month keys, then write `meta`.
    FromV0,
    /// Rewrite v1's month keys (events as objects) in the compact form, then write `meta`.
    FromV1,
    /// Written by a newer Invite Guard: read what can be read, write nothing, say so.
    TooNew(u32),
}

pub fn plan(schema: Option<u32>, has_legacy_events: bool) -> Plan {
    match schema {
        None | Some(0) if has_legacy_events => Plan::FromV0,
        None | Some(0) => Plan::Fresh,
        Some(1) => Plan::FromV1,
        Some(SCHEMA_VERSION) => Plan::Current,
        Some(v) => Plan::TooNew(v),
    }
}

/// Groups events into their month keys (`ev:YYYY-MM` by the event's local day), each oldest first.
pub fn split_by_month(events: impl IntoIterator<Item = Event>) -> BTreeMap<String, Vec<Event>> {
    let mut out: BTreeMap<String, Vec<Event>> = BTreeMap::new();
    for e in events {
        out.entry(month_key(&e.day.month_key()))
            .or_default()
            .push(e);
    }
    for v in out.values_mut() {
        crate::time::sort_by_time(v);
    }
    out
}

/// What to write back after an operation, from [`plan_writes`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WritePlan {
    /// Month keys that were loaded, with what they must hold now: each one whose events changed (an
    /// empty list when every event it held moved to its own month), or every loaded one with events
    /// when all are rewritten. Never a key that was not read: writing one would replace what it
    /// holds with the few events the ledger has of it (finding 1).
    pub writes: BTreeMap<String, Vec<Event>>,
    /// Events whose own month was not loaded (an event that had been stored under another month's
    /// key: a restored backup, a hand edit), by that month's key, oldest first. The caller reads
    /// each of these keys, [`merge_month`]s, and writes the result together with `writes`, in one
    /// storage write, so that an event is never in neither key.
    pub strays: BTreeMap<String, Vec<Event>>,
}

/// Plans the write-back of `events` (the whole ledger an operation worked on, built from `loaded`:
/// the month keys read, each with the events it held as read, `[]` for an absent key).
///
/// Each event belongs to the month of its local day ([`split_by_month`]). A loaded month is written
/// when what belongs to it differs from what it held, or, with `rewrite_all` (the v1 → v2 rewrite),
/// whenever it holds or held anything. An event whose month was not loaded goes to `strays`.
pub fn plan_writes(
    loaded: &BTreeMap<String, Vec<Event>>,
    events: &[Event],
    rewrite_all: bool,
) -> WritePlan {
    let mut split = split_by_month(events.iter().cloned());
    let mut writes = BTreeMap::new();
    for (key, was) in loaded {
        let now = split.remove(key).unwrap_or_default();
        let changed = &now != was;
        let rewrite = rewrite_all && !(now.is_empty() && was.is_empty());
        if changed || rewrite {
            writes.insert(key.clone(), now);
        }
    }
    // What is left of the split belongs to months that were not read.
    WritePlan {
        writes,
        strays: split,
    }
}

/// A month that was not loaded, as read from storage, with the strays [`plan_writes`] found for it:
/// every event read is kept as stored (a stray whose id the month already knows, as an id or a
/// merged `also` id, is the same event and is dropped), oldest first. Merging the same strays again
/// changes nothing.
pub fn merge_month(read: Vec<Event>, strays: Vec<Event>) -> Vec<Event> {
    let mut month = Ledger::from_events(read);
    for e in strays {
        month.add_event(e);
    }
    month.events().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans() {
        assert_eq!(plan(None, false), Plan::Fresh);
        assert_eq!(plan(None, true), Plan::FromV0);
        assert_eq!(plan(Some(1), false), Plan::FromV1);
        assert_eq!(plan(Some(2), false), Plan::Current);
        assert_eq!(plan(Some(7), false), Plan::TooNew(7));
    }

    #[test]
    fn month_keys() {
        assert!(is_month_key("ev:2026-11"));
        assert!(!is_month_key("ev:2026-1"));
        assert!(!is_month_key("ev:2026/11"));
        assert!(!is_month_key("settings"));
        assert_eq!(month_key("2026-11"), "ev:2026-11");
    }
}
