//! Reading what `storage.local` holds, key by key, as untrusted input (docs/architecture.md §6.2):
//! a restored backup, a hand edit, another version or damaged storage may have put
//! anything under any key. Each reader takes the stored value as JSON (the background passes it
//! through `JSON.stringify`, which turns NaN and Infinity into `null`, as Chrome's storage does
//! itself; Firefox keeps them) and says whether it reads, and what it means.
//!
//! What does not read is never dropped: the background keeps it aside (`quarantine`, docs/protocol.md §1) before
//! anything overwrites it. The fault matrix (`core/tests/stored_faults.rs`) runs every key here
//! against wrong types, `null`, truncated and huge values, NaN and Infinity, unknown extra fields and
//! a newer schema.

use crate::policy::GuardState;
use crate::presets::AccountType;
use crate::schema::{SentPageRead, SentTotalMissed, SCHEMA_VERSION};
use crate::self_check::PageSignals;
use crate::settings::Settings;
use serde_json::Value;

/// What one stored key holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Read<T> {
    /// Nothing is stored under the key.
    Absent,
    /// It reads.
    Ok(T),
    /// Something is stored that this version cannot read.
    Unreadable,
}

impl<T> Read<T> {
    pub fn ok(self) -> Option<T> {
        match self {
            Read::Ok(t) => Some(t),
            _ => None,
        }
    }

    pub fn is_unreadable(&self) -> bool {
        matches!(self, Read::Unreadable)
    }
}

fn read<T>(v: Option<&Value>, f: impl FnOnce(&Value) -> Option<T>) -> Read<T> {
    match v {
        None => Read::Absent,
        Some(v) => f(v).map_or(Read::Unreadable, Read::Ok),
    }
}

/// `settings`: readable settings that are valid, or a custom preset's (whose caps are the member's
/// own and are validated when saved). Unknown extra fields (a newer version's) are ignored; fields
/// added after the first version read as their defaults when missing.
pub fn settings(v: Option<&Value>) -> Read<Settings> {
    read(v, |v| {
        // Every version has written these three; an object without them is not settings (missing
        // later fields, such as `templates`, read as their defaults).
        let o = v.as_object()?;
        if !["preset", "daily_cap", "weekly_cap"]
            .iter()
            .all(|k| o.contains_key(*k))
        {
            return None;
        }
        Settings::deserialize_value(v)
            .filter(|s| s.validate().is_ok() || s.preset == AccountType::Custom)
    })
}

/// `meta`: the schema version, a whole number from 0 up.
fn meta(v: Option<&Value>) -> Read<u32> {
    read(v, |v| {
        let n = v.as_object()?.get("schema")?;
        n.as_u64().and_then(|n| u32::try_from(n).ok())
    })
}

/// What the `meta` key says to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetaSays {
    /// No `meta`: a fresh install, or a v0 history (`schema::plan`).
    Nothing,
    /// This version.
    Version(u32),
    /// A newer version's storage: read, never write.
    Newer(u32),
    /// Damaged: it is kept aside, and the months are read as this version's (they carry their
    /// own form: v1 objects and v2 arrays both read).
    Unreadable,
}

pub fn meta_says(v: Option<&Value>) -> MetaSays {
    match meta(v) {
        Read::Absent => MetaSays::Nothing,
        Read::Ok(n) if n > SCHEMA_VERSION => MetaSays::Newer(n),
        Read::Ok(n) => MetaSays::Version(n),
        Read::Unreadable => MetaSays::Unreadable,
    }
}

/// `sent_page`: the last read of LinkedIn's Sent page, with a finite time that is not negative.
pub fn sent_page(v: Option<&Value>) -> Read<SentPageRead> {
    read(v, |v| {
        let r: SentPageRead = serde_json::from_value(v.clone()).ok()?;
        (r.read_at.is_finite() && r.read_at >= 0.0).then_some(r)
    })
}

/// `sent_total_missed`: the last Sent-page read without a total that reads, with a finite time that
/// is not negative. One that does not read is taken as absent (a status the next read writes again).
pub fn sent_total_missed(v: Option<&Value>) -> Read<SentTotalMissed> {
    read(v, |v| {
        let m: SentTotalMissed = serde_json::from_value(v.clone()).ok()?;
        (m.at.is_finite() && m.at >= 0.0).then_some(m)
    })
}

/// `guard`: derived from the ledger and the settings, rewritten at every change; one that does not
/// read (or that an older version wrote, without `ui`) is simply computed again.
pub fn guard(v: Option<&Value>) -> Read<GuardState> {
    read(v, |v| {
        v.get("ui").filter(|u| u.is_object())?;
        serde_json::from_value(v.clone()).ok()
    })
}

/// `page_signals`: the page's own reports for the self-check (docs/architecture.md §11), with
/// finite times, at most `self_check::MAX_CLICKS` clicks and a well-formed language code. One that
/// does not read is started afresh, not kept aside: it holds evidence, not history, and afresh only
/// means that the sends before it are no longer judged.
pub fn page_signals(v: Option<&Value>) -> Read<PageSignals> {
    read(v, |v| {
        let s: PageSignals = serde_json::from_value(v.clone()).ok()?;
        s.is_sound().then_some(s)
    })
}

/// `quarantine`: a list. Anything else is itself kept aside as the first entry of a new list.
pub fn quarantine(v: Option<&Value>) -> Read<Vec<Value>> {
    read(v, |v| v.as_array().cloned())
}

/// A month key's events (`ev:YYYY-MM`): each item that reads as an event (`stored::Stored`, either
/// form, with a finite time), and the positions of those that do not, which the background keeps
/// aside as they are. A value that is not a list is one unreadable item.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Month {
    pub events: Vec<crate::ledger::Event>,
    /// Positions in the list of the items that do not read.
    pub bad: Vec<usize>,
    /// The value is not a list at all (then `events` and `bad` are empty).
    pub not_a_list: bool,
}

pub fn month(v: Option<&Value>) -> Month {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return Month::default();
    };
    let Some(items) = v.as_array() else {
        return Month {
            not_a_list: true,
            ..Month::default()
        };
    };
    let mut out = Month::default();
    for (i, item) in items.iter().enumerate() {
        match crate::stored::Stored::deserialize_value(item) {
            Some(e) if e.at.is_finite() => out.events.push(e),
            _ => out.bad.push(i),
        }
    }
    out
}

impl crate::stored::Stored {
    fn deserialize_value(v: &Value) -> Option<crate::ledger::Event> {
        serde::Deserialize::deserialize(v).ok().map(|s: Self| s.0)
    }
}

impl Settings {
    fn deserialize_value(v: &Value) -> Option<Settings> {
        serde_json::from_value(v.clone()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn meta_versions() {
        assert_eq!(meta_says(None), MetaSays::Nothing);
        assert_eq!(meta_says(Some(&json!({"schema": 2}))), MetaSays::Version(2));
        assert_eq!(meta_says(Some(&json!({"schema": 1}))), MetaSays::Version(1));
        assert_eq!(meta_says(Some(&json!({"schema": 9}))), MetaSays::Newer(9));
        for bad in [
            json!(null),
            json!("2"),
            json!({"schema": "2"}),
            json!({"schema": 2.5}),
            json!({"schema": -1}),
            json!({"schema": null}),
            json!({}),
            json!([2]),
        ] {
            assert_eq!(meta_says(Some(&bad)), MetaSays::Unreadable, "{bad}");
        }
    }
}
