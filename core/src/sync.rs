//! One budget across the member's computers (issue 14): each browser shares its own sends and
//! refusals of the last 8 days as one compact item in the browser's own `storage.sync`, and counts
//! the other devices' items in its windows. No server: the browser's sync carries the items.
//!
//! This module is the pure part: the item's form and its size (8 KB per item is Chrome's
//! `QUOTA_BYTES_PER_ITEM`, key included; docs/protocol.md), reading another device's item as
//! untrusted input, and which of its sends count here:
//!
//! - a send this device already knows (its ledger has a `sent` for the same person within
//!   LinkedIn's re-invite block, found on the Sent page) counts once;
//! - the same send listed twice (a device reinstalled under a new id while its old item lingers)
//!   counts once;
//! - a device whose clock runs ahead does not move this device's windows: its times are taken back
//!   by how far its write time is in this device's future, and no send counts later than now.
//!
//! What is shared about a person is a 30-bit hash of the profile id (URN) and of the profile name
//! (vanity): enough to match the same invitation, and never a name.

use crate::event_id::fnv1a64;
use crate::ledger::{Event, EventKind, Source, SAME_INVITEE_MS};
use crate::time::{Millis, DAY_MS, MINUTE_MS};
use serde::{Deserialize, Serialize};

/// The prefix of each device's key in `storage.sync`: `device_<id>`.
pub const KEY_PREFIX: &str = "device_";
/// Chrome's `storage.sync.QUOTA_BYTES_PER_ITEM`: the key's length plus its value's JSON text.
pub const MAX_ITEM_BYTES: usize = 8_192;
/// How far back a device shares: the rolling week and a day of margin for a clock off by hours.
pub const SHARE_MS: Millis = 8.0 * DAY_MS;
/// A device not heard from for this long is removed from sync by whoever sees it.
pub const FORGET_AFTER_MS: Millis = 30.0 * DAY_MS;
/// A device name is at most this many characters (the member may edit it).
pub const MAX_NAME_CHARS: usize = 40;
/// The item form's version; a newer one is not read (its sends are not counted, nothing breaks).
pub const VERSION: u32 = 1;
/// How far a device's write time may be in this device's future before it is taken as a clock
/// that runs ahead rather than as two clocks a little apart.
const CLOCK_SLACK_MS: Millis = 5.0 * MINUTE_MS;

/// The `storage.local` key of this computer's identity for sharing: `{"id": "…", "name": "…"}`.
pub const DEVICE_KEY: &str = "device";

/// This computer as the other computers know it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Device {
    pub id: String,
    pub name: String,
}

impl Device {
    /// A new identity from 64 random bits: the id in hex, and a name the member can change
    /// ("Computer 5F3A"; the first four digits tell two unnamed computers apart).
    pub fn new(random: u64) -> Device {
        let id = format!("{random:016x}");
        let name = format!("Computer {}", id[..4].to_ascii_uppercase());
        Device { id, name }
    }

    /// The same computer under the name the member chose, cleaned ([`clean_name`]); nothing left of
    /// it is the default name again.
    pub fn renamed(&self, name: &str) -> Device {
        let name = clean_name(name);
        if name.is_empty() {
            return match u64::from_str_radix(&self.id, 16) {
                Ok(random) => Device::new(random),
                Err(_) => self.clone(),
            };
        }
        Device {
            id: self.id.clone(),
            name,
        }
    }

    /// The stored identity, read as untrusted input: `None` unless the id is a device id; the
    /// name cleaned (and the default one when nothing is left of it).
    pub fn read(v: Option<&serde_json::Value>) -> Option<Device> {
        let d: Device = serde_json::from_value(v?.clone()).ok()?;
        if !is_device_id(&d.id) {
            return None;
        }
        let name = clean_name(&d.name);
        Some(if name.is_empty() {
            Device::new(u64::from_str_radix(&d.id, 16).ok()?)
        } else {
            Device { id: d.id, name }
        })
    }
}

/// A person as the items carry them: 30-bit hashes, 0 when unknown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PersonHash {
    pub urn: u32,
    pub vanity: u32,
}

impl PersonHash {
    /// From an event's invitee: the URN as it is, the vanity without ASCII case (as
    /// `person::likely_same_person` compares them).
    pub fn of(e: &Event) -> PersonHash {
        let h = |s: &str| (fnv1a64(s) & 0x3FFF_FFFF) as u32 | 1;
        PersonHash {
            urn: e.invitee.urn.as_deref().map_or(0, h),
            vanity: e
                .invitee
                .vanity
                .as_deref()
                .map_or(0, |v| h(&v.to_ascii_lowercase())),
        }
    }

    fn is_empty(self) -> bool {
        self.urn == 0 && self.vanity == 0
    }

    /// The same person: the same URN hash, or the same vanity hash.
    pub fn same(self, other: PersonHash) -> bool {
        (self.urn != 0 && self.urn == other.urn)
            || (self.vanity != 0 && self.vanity == other.vanity)
    }
}

/// One shared send.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SharedSend {
    /// When it was sent, by the sending device's clock (ms, whole seconds).
    pub at: Millis,
    pub person: PersonHash,
}

/// A device's item, read or to be written.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The random id made at install (16 hex digits); the key is `device_<id>`.
    pub id: String,
    /// The name the member gave it ("Home laptop").
    pub name: String,
    /// When it was written, by its own clock.
    pub written_at: Millis,
    /// Its sends of the last [`SHARE_MS`], oldest first.
    pub sends: Vec<SharedSend>,
    /// Its refusals by LinkedIn (a 429 or a limit alert) of the last [`SHARE_MS`], oldest first.
    pub refusals: Vec<Millis>,
    /// Older sends were left out to fit [`MAX_ITEM_BYTES`]: the other devices' counts of this one may
    /// be low for the oldest days.
    pub truncated: bool,
}

/// The stored form: short names, times as seconds in base 36 relative to the write time.
#[derive(Serialize, Deserialize)]
struct Stored {
    v: u32,
    /// Name.
    n: String,
    /// Written at, ms.
    w: f64,
    /// Sends: `<seconds before w, base 36>.<urn hash, base 36>.<vanity hash, base 36>`, comma-separated.
    #[serde(default)]
    s: String,
    /// Refusals: seconds before `w`, base 36, comma-separated.
    #[serde(default)]
    r: String,
    /// Truncated.
    #[serde(default, skip_serializing_if = "is_false")]
    t: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn b36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn from_b36(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    let mut n: u64 = 0;
    for c in s.bytes() {
        let d = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'z' => c - b'a' + 10,
            _ => return None,
        };
        n = n.checked_mul(36)?.checked_add(u64::from(d))?;
    }
    Some(n)
}

/// Whether `id` is a device id: 16 lowercase hex digits.
pub fn is_device_id(id: &str) -> bool {
    id.len() == 16 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The key of device `id` in `storage.sync`.
pub fn key_of(id: &str) -> String {
    format!("{KEY_PREFIX}{id}")
}

/// A device name as kept: trimmed, control characters dropped, at most [`MAX_NAME_CHARS`].
pub fn clean_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .chars()
        .take(MAX_NAME_CHARS)
        .collect()
}

/// This device's item from its ledger: the sends it made itself (seen by the invitation API or
/// by the page; not those learned from the Sent page, an import or another device, which would
/// echo them back) and LinkedIn's refusals, of the last [`SHARE_MS`].
pub fn own_item(id: &str, name: &str, events: &[Event], now: Millis) -> Item {
    let since = now - SHARE_MS;
    let mine = |e: &&Event| e.at > since && e.at <= now;
    let sends = events
        .iter()
        .filter(mine)
        .filter(|e| e.kind == EventKind::Sent)
        .filter(|e| {
            e.sources
                .iter()
                .any(|s| matches!(s, Source::Api | Source::Dom))
        })
        .map(|e| SharedSend {
            at: (e.at / 1000.0).floor() * 1000.0,
            person: PersonHash::of(e),
        })
        .collect();
    let refusals = events
        .iter()
        .filter(mine)
        .filter(|e| e.kind == EventKind::Refused)
        .map(|e| (e.at / 1000.0).floor() * 1000.0)
        .collect();
    Item {
        id: id.to_string(),
        name: clean_name(name),
        written_at: (now / 1000.0).floor() * 1000.0,
        sends,
        refusals,
        truncated: false,
    }
}

fn ago(written_at: Millis, at: Millis) -> String {
    b36(((written_at - at).max(0.0) / 1000.0).round() as u64)
}

fn hash36(h: u32) -> String {
    if h == 0 {
        String::new()
    } else {
        b36(u64::from(h))
    }
}

fn to_text(item: &Item, skip: usize) -> String {
    let w = item.written_at;
    let sends: Vec<String> = item.sends[skip.min(item.sends.len())..]
        .iter()
        .map(|s| {
            format!(
                "{}.{}.{}",
                ago(w, s.at),
                hash36(s.person.urn),
                hash36(s.person.vanity)
            )
        })
        .collect();
    let refusals: Vec<String> = item.refusals.iter().map(|&r| ago(w, r)).collect();
    let stored = Stored {
        v: VERSION,
        n: item.name.clone(),
        w,
        s: sends.join(","),
        r: refusals.join(","),
        t: item.truncated || skip > 0,
    };
    serde_json::to_string(&stored).unwrap_or_default()
}

/// The item's value as JSON text, within [`MAX_ITEM_BYTES`] with its key: when a device has sent
/// more than fits (about 350 invitations in 8 days), the oldest sends are left out and the item
/// says so (`truncated`), so it is always written.
pub fn encode(item: &Item) -> String {
    let budget = MAX_ITEM_BYTES - key_of(&item.id).len();
    let mut text = to_text(item, 0);
    if text.len() <= budget {
        return text;
    }
    // Each send takes at most 4 + 1 + 6 + 1 + 6 + 1 bytes: skip enough at once, then one at a time.
    let per = 19;
    let mut skip = (text.len() - budget).div_ceil(per).min(item.sends.len());
    loop {
        text = to_text(item, skip);
        if text.len() <= budget || skip >= item.sends.len() {
            return text;
        }
        skip += 1;
    }
}

/// The key's device id and the item as stored, when both are well formed and of this version.
fn head<'k>(key: &'k str, text: &str) -> Option<(&'k str, Stored)> {
    let id = key.strip_prefix(KEY_PREFIX).filter(|id| is_device_id(id))?;
    let s: Stored = serde_json::from_str(text).ok()?;
    if s.v != VERSION || !s.w.is_finite() || s.w <= 0.0 || s.w > 1e15 {
        return None;
    }
    Some((id, s))
}

/// The name of the device whose item this is, when [`decode`] would read it: what the options page
/// lists, without reading the sends.
pub fn name_in(key: &str, text: &str) -> Option<String> {
    head(key, text).map(|(_, s)| clean_name(&s.n))
}

/// Reads another device's item from its key and its value's JSON text. Anything that is not an
/// item of this version, from a well-formed key, is `None`; a send or refusal that does not read is
/// skipped. Never panics, whatever the text.
pub fn decode(key: &str, text: &str) -> Option<Item> {
    let (id, s) = head(key, text)?;
    let w = s.w;
    let at = |t: &str| from_b36(t).map(|secs| w - secs as f64 * 1000.0);
    let hash = |t: &str| -> Option<u32> {
        if t.is_empty() {
            return Some(0);
        }
        from_b36(t).and_then(|h| u32::try_from(h).ok())
    };
    let mut sends: Vec<SharedSend> = Vec::new();
    for part in s.s.split(',').filter(|p| !p.is_empty()) {
        let mut f = part.split('.');
        let (Some(t), Some(u), Some(v), None) = (f.next(), f.next(), f.next(), f.next()) else {
            continue;
        };
        let (Some(at), Some(urn), Some(vanity)) = (at(t), hash(u), hash(v)) else {
            continue;
        };
        sends.push(SharedSend {
            at,
            person: PersonHash { urn, vanity },
        });
    }
    let mut refusals: Vec<Millis> = s.r.split(',').filter_map(at).collect();
    crate::time::sort_by_time(&mut sends);
    crate::time::sort_by_time(&mut refusals);
    Some(Item {
        id: id.to_string(),
        name: clean_name(&s.n),
        written_at: w,
        sends,
        refusals,
        truncated: s.t,
    })
}

impl crate::time::Timed for SharedSend {
    fn time(&self) -> Millis {
        self.at
    }
}

/// A send another device made, as this device counts it.
#[derive(Clone, Debug, PartialEq)]
pub struct RemoteSend {
    /// When, by this device's clock (taken back when the other device's clock runs ahead).
    pub at: Millis,
    /// Which device, and the name it goes by.
    pub device: String,
    pub device_name: String,
}

impl crate::time::Timed for RemoteSend {
    fn time(&self) -> Millis {
        self.at
    }
}

/// What the other devices add to this one's windows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Remote {
    /// Their sends of the last [`SHARE_MS`] that this device does not know already, oldest first.
    pub sends: Vec<RemoteSend>,
    /// Their refusals by LinkedIn, by this device's clock.
    pub refusals: Vec<Millis>,
    /// Keys of devices not heard from in [`FORGET_AFTER_MS`], to remove from sync.
    pub stale: Vec<String>,
}

/// Merges the other devices' items into what this device counts. `own_id` is this device's id;
/// `local` its ledger's events; `now` its clock.
pub fn merge(items: &[Item], own_id: &str, local: &[Event], now: Millis) -> Remote {
    let mut out = Remote::default();
    if items.iter().all(|i| i.id == own_id) {
        return out;
    }
    // Only local sends a remote one can match: remote sends are at most SHARE_MS old (and at most
    // now), and a match is within SAME_INVITEE_MS. A long history is not hashed whole at every
    // refresh (10,000 events: the service worker's cold start).
    let oldest = now - SHARE_MS - SAME_INVITEE_MS;
    let known: Vec<(Millis, PersonHash)> = local
        .iter()
        .filter(|e| e.kind == EventKind::Sent && e.at > oldest)
        .map(|e| (e.at, PersonHash::of(e)))
        .filter(|(_, p)| !p.is_empty())
        .collect();
    let mut taken: Vec<(Millis, PersonHash)> = Vec::new();
    for item in items.iter().filter(|i| i.id != own_id) {
        if item.written_at < now - FORGET_AFTER_MS {
            out.stale.push(key_of(&item.id));
            continue;
        }
        // A clock ahead of this one: its times are moved back by how far ahead it wrote.
        let shift = if item.written_at > now + CLOCK_SLACK_MS {
            now - item.written_at
        } else {
            0.0
        };
        let here = |t: Millis| (t + shift).min(now);
        for s in &item.sends {
            let at = here(s.at);
            if at <= now - SHARE_MS {
                continue;
            }
            let same = |(t, p): &(Millis, PersonHash)| {
                !s.person.is_empty() && p.same(s.person) && (t - at).abs() < SAME_INVITEE_MS
            };
            if known.iter().any(same) || taken.iter().any(same) {
                continue;
            }
            taken.push((at, s.person));
            out.sends.push(RemoteSend {
                at,
                device: item.id.clone(),
                device_name: item.name.clone(),
            });
        }
        out.refusals.extend(
            item.refusals
                .iter()
                .map(|&r| here(r))
                .filter(|&r| r > now - SHARE_MS),
        );
    }
    crate::time::sort_by_time(&mut out.sends);
    crate::time::sort_by_time(&mut out.refusals);
    out
}

#[cfg(test)]
mod tests;
