//! One budget across the member's computers (issue 14, docs/protocol.md §1.1.1): this computer's
//! item in `storage.sync`, which the browser's own sync carries to the member's other computers,
//! and theirs, read and merged into the windows (`core::sync`). Sync is the browser's: nothing here
//! talks to anything else. Where it is missing, switched off or refusing writes, everything goes on
//! as on one computer: a failure is logged, never passed on.

use super::store::storage_set;
use crate::platform::{self, get};
use invite_guard_core::ledger::Event;
use invite_guard_core::settings::Settings;
use invite_guard_core::sync::{self, Device, Item, Remote, DEVICE_KEY, KEY_PREFIX};
use invite_guard_core::time::{Millis, DAY_MS, MINUTE_MS};
use js_sys::Object;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// An unchanged item is written again once a day, so that the other computers, which remove one not
/// heard from in 30 days, keep it.
const HEARTBEAT_MS: Millis = DAY_MS;
/// After a write sync refused (a quota, Chrome's 120 writes a minute or 1,800 an hour), the next
/// waits this long; what changed meanwhile goes with it.
const BACKOFF_MS: Millis = 2.0 * MINUTE_MS;
/// Writes are at least this far apart: a burst of sends (five tabs, docs/architecture.md §4) is one
/// write of them all a few seconds later, not one each, which keeps far below Chrome's 120 writes a
/// minute and 1,800 an hour (12 a minute at most; the browser's sync carries it in seconds anyway).
const WRITE_GAP_MS: Millis = 5_000.0;
/// After sync could not be read (Firefox with sync switched off for extensions rejects every
/// call), it is not asked again for this long: once a refresh is plenty to learn it came back.
const UNREADABLE_MS: Millis = 10.0 * MINUTE_MS;

thread_local! {
    static DEVICE: RefCell<Option<Device>> = const { RefCell::new(None) };
    /// What was last written (its write time set to 0) and when; `None` for what, when a write is
    /// owed whatever the sends (a rename, a refused write).
    static LAST: RefCell<Option<(Option<Item>, Millis)>> = const { RefCell::new(None) };
    static BACKOFF_UNTIL: Cell<Millis> = const { Cell::new(0.0) };
    /// A write is waiting for [`WRITE_GAP_MS`] to pass.
    static FLUSH_SET: Cell<bool> = const { Cell::new(false) };
    /// Sync could not be read: not asked again until then.
    static UNREADABLE_UNTIL: Cell<Millis> = const { Cell::new(0.0) };
}

fn warn(what: &str, e: &JsValue) {
    web_sys::console::warn_2(&format!("Invite Guard (sharing counts): {what}").into(), e);
}

/// This computer's identity as stored (`device` in `storage.local`), or `None` before it first
/// shared anything (or since "Delete all data").
pub async fn known_device() -> Option<Device> {
    if let Some(d) = DEVICE.with(|d| d.borrow().clone()) {
        return Some(d);
    }
    let stored = super::store::storage_get(&[DEVICE_KEY.to_string()])
        .await
        .ok()
        .and_then(|items| {
            Device::read(platform::pages::to_json(&get(&items, DEVICE_KEY)).as_ref())
        });
    if let Some(d) = &stored {
        DEVICE.with(|c| *c.borrow_mut() = Some(d.clone()));
    }
    stored
}

/// This computer's identity, made and stored when it first has something to share; one that does
/// not read is made afresh (the old item then ages out of sync, and its sends, the same people as
/// this computer's, count once).
async fn device() -> Device {
    if let Some(d) = known_device().await {
        return d;
    }
    // Another refresh may have made one while this one read the storage: one identity, not two.
    if let Some(d) = DEVICE.with(|d| d.borrow().clone()) {
        return d;
    }
    let random = (js_sys::Math::random() * 4_294_967_296.0) as u64 * 4_294_967_296
        + (js_sys::Math::random() * 4_294_967_296.0) as u64;
    let d = Device::new(random);
    DEVICE.with(|c| *c.borrow_mut() = Some(d.clone()));
    if let Ok(v) = platform::pages::to_js(&d) {
        if let Err(e) = storage_set(&[(DEVICE_KEY.into(), v)]).await {
            warn("could not keep this computer's id", &e);
        }
    }
    d
}

/// After a change of the stored identity (`stored`: its new value): forgets the cached one unless
/// it is what this background wrote itself (its own write comes back as a change too).
pub fn device_stored(stored: &JsValue) {
    let same = DEVICE.with(|d| {
        d.borrow().is_some()
            && *d.borrow() == Device::read(platform::pages::to_json(stored).as_ref())
    });
    if !same {
        forget_device();
    }
}

/// Forgets the cached identity (after "Delete all data", which removes it).
pub fn forget_device() {
    DEVICE.with(|d| *d.borrow_mut() = None);
    LAST.with(|l| *l.borrow_mut() = None);
}

/// The other computers' items in `storage.sync`, merged against this computer's `events`; nothing
/// when sharing is off or sync cannot be read. `me`: this computer, once it has an identity.
pub async fn remote(
    settings: &Settings,
    me: Option<&Device>,
    events: &[Event],
    now: Millis,
) -> Remote {
    if !settings.share_counts || now < UNREADABLE_UNTIL.with(Cell::get) {
        return Remote::default();
    }
    // Timed with the storage reads, for the benchmark's cold start (`store::waited_ms`).
    let items = match super::store::timed(true, platform::pages::sync_get_all()).await {
        Ok(v) => v,
        Err(e) => {
            UNREADABLE_UNTIL.with(|u| u.set(now + UNREADABLE_MS));
            warn("sync cannot be read; counting on this computer alone", &e);
            return Remote::default();
        }
    };
    let own = me.map(|d| sync::key_of(&d.id));
    let mut read: Vec<Item> = Vec::new();
    for k in Object::keys(items.unchecked_ref::<Object>()).iter() {
        let Some(key) = k.as_string().filter(|k| k.starts_with(KEY_PREFIX)) else {
            continue;
        };
        let text = js_sys::JSON::stringify(&get(&items, &key))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        let Some(item) = sync::decode(&key, &text) else {
            continue;
        };
        if Some(&key) == own.as_ref() {
            // A service worker starts knowing nothing of its last write: what sync holds is it, so
            // an unchanged item is not written again at every wake (each write counts against
            // Chrome's 1,800 an hour).
            LAST.with(|l| {
                l.borrow_mut()
                    .get_or_insert_with(|| (Some(unstamped(&item)), item.written_at));
            });
        }
        read.push(item);
    }
    sync::merge(&read, me.map_or("", |d| d.id.as_str()), events, now)
}

/// Writes this computer's item when what it shares changed (or once a day), at most one write each
/// [`WRITE_GAP_MS`], and removes the items of computers silent for 30 days. Nothing while sharing
/// is off, while a refused write's back-off lasts, or while this computer has sent nothing in 8
/// days and never wrote: no identity is made for nothing to share ("Delete all data" leaves none
/// behind).
pub async fn share(settings: &Settings, events: &[Event], stale: &[String], now: Millis) {
    if !settings.share_counts || now < BACKOFF_UNTIL.with(Cell::get) {
        return;
    }
    let item = sync::own_item("", "", events, now);
    if item.sends.is_empty() && item.refusals.is_empty() && LAST.with(|l| l.borrow().is_none()) {
        return;
    }
    let me = device().await;
    // The identity is known only now: made here when this is the first thing to share.
    let item = Item {
        id: me.id.clone(),
        name: sync::clean_name(&me.name),
        ..item
    };
    // First the computers silent for 30 days: their room may be what this write needs (100 KB in
    // all).
    if !stale.is_empty() {
        if let Err(e) = JsFuture::from(platform::pages::sync_remove(stale)).await {
            warn("could not remove a computer silent for 30 days", &e);
        }
    }
    let said = unstamped(&item);
    let last = LAST.with(|l| {
        l.borrow()
            .as_ref()
            .map(|(s, at)| (s.as_ref() == Some(&said), *at))
    });
    match last {
        Some((true, at)) if now - at < HEARTBEAT_MS => {}
        Some((_, at)) if now - at < WRITE_GAP_MS => flush_at(at + WRITE_GAP_MS - now),
        _ => write(&me, &item, said, now).await,
    }
}

/// The item as compared with the last written: without its write time.
fn unstamped(item: &Item) -> Item {
    Item {
        written_at: 0.0,
        ..item.clone()
    }
}

async fn write(me: &Device, item: &Item, said: Item, now: Millis) {
    // Taken as written before the write resolves: refreshes run side by side (five tabs sending at
    // once), and the next one must wait for the gap, not write too.
    LAST.with(|l| *l.borrow_mut() = Some((Some(said), now)));
    let written = match js_sys::JSON::parse(&sync::encode(item)) {
        Ok(v) => {
            super::store::timed(false, platform::pages::sync_set(&sync::key_of(&me.id), &v)).await
        }
        Err(e) => Err(e),
    };
    match written {
        Ok(_) => {}
        Err(e) => {
            // Not written: the first write after the back-off goes whatever else changed.
            LAST.with(|l| *l.borrow_mut() = Some((None, now)));
            BACKOFF_UNTIL.with(|b| b.set(now + BACKOFF_MS));
            warn(
                "sync refused this computer's counts; trying again later",
                &e,
            );
        }
    }
}

/// A refresh in `wait` ms, which writes what changed meanwhile; one at a time. Should the service
/// worker stop first, the next event or the 30-minute tick writes it.
fn flush_at(wait: Millis) {
    if FLUSH_SET.with(|f| f.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let _ = JsFuture::from(platform::pages::sleep(wait)).await;
        FLUSH_SET.with(|f| f.set(false));
        if let Err(e) = super::refresh(None).await {
            warn("could not write this computer's counts", &e);
        }
    });
}

/// Renames this computer (`set_device_name`, from the options page): the identity is made if
/// this computer had none yet, and the new name goes to sync at the next refresh. Answers the
/// name as kept.
pub async fn rename(name: &str) -> Result<String, JsValue> {
    let me = device().await.renamed(name);
    let value = platform::pages::to_js(&me)?;
    let kept = me.name.clone();
    // Cached first: the write comes back as a change, which must find it the same.
    DEVICE.with(|c| *c.borrow_mut() = Some(me));
    storage_set(&[(DEVICE_KEY.into(), value)]).await?;
    // Written at the next refresh even though the sends did not change (and even when it has
    // none), without waiting for the gap.
    LAST.with(|l| *l.borrow_mut() = Some((None, f64::NEG_INFINITY)));
    Ok(kept)
}

/// Removes this computer's item from sync, if it has one: sharing switched off, or all data deleted.
pub async fn withdraw() {
    LAST.with(|l| *l.borrow_mut() = None);
    // Switched on again, or started afresh: the first write goes at once.
    BACKOFF_UNTIL.with(|b| b.set(0.0));
    let Some(me) = known_device().await else {
        return;
    };
    if let Err(e) = JsFuture::from(platform::pages::sync_remove(&[sync::key_of(&me.id)])).await {
        warn("could not remove this computer's counts", &e);
    }
}

/// Whether a `storage.onChanged` of the `sync` area calls for a refresh: another computer's item
/// came, changed or went. This computer's own writes come back as changes too, and are not one;
/// its own item removed by someone else is written again at the next refresh, not the next day's
/// heartbeat (not at once: a removal with `storage.local` cleared beside it, as "Delete all data"
/// does, must not bring back the old item).
pub fn changed(changes: &JsValue) -> bool {
    let own = DEVICE.with(|d| d.borrow().as_ref().map(|d| sync::key_of(&d.id)));
    let mut refresh = false;
    for k in Object::keys(changes.unchecked_ref::<Object>()).iter() {
        let Some(k) = k.as_string().filter(|k| k.starts_with(KEY_PREFIX)) else {
            continue;
        };
        if Some(&k) != own.as_ref() {
            refresh = true;
        } else if get(&get(changes, &k), "newValue").is_undefined() {
            LAST.with(|l| *l.borrow_mut() = None);
        }
    }
    refresh
}
