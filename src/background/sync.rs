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

thread_local! {
    static DEVICE: RefCell<Option<Device>> = const { RefCell::new(None) };
    /// What was last written (the sends and refusals, by their times and hashes, and the name) and
    /// when.
    static LAST: RefCell<Option<(String, Millis)>> = const { RefCell::new(None) };
    static BACKOFF_UNTIL: Cell<Millis> = const { Cell::new(0.0) };
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
    let random = (js_sys::Math::random() * 4_294_967_296.0) as u64 * 4_294_967_296
        + (js_sys::Math::random() * 4_294_967_296.0) as u64;
    let d = Device::new(random);
    if let Ok(v) = platform::pages::to_js(&d) {
        if let Err(e) = storage_set(&[(DEVICE_KEY.into(), v)]).await {
            warn("could not keep this computer's id", &e);
        }
    }
    DEVICE.with(|c| *c.borrow_mut() = Some(d.clone()));
    d
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
    if !settings.share_counts {
        return Remote::default();
    }
    // Timed with the storage reads, for the benchmark's cold start (`store::waited_ms`).
    let items = match super::store::timed(true, platform::pages::sync_get_all()).await {
        Ok(v) => v,
        Err(e) => {
            warn("sync cannot be read", &e);
            return Remote::default();
        }
    };
    let mut read: Vec<Item> = Vec::new();
    for k in Object::keys(items.unchecked_ref::<Object>()).iter() {
        let Some(key) = k.as_string().filter(|k| k.starts_with(KEY_PREFIX)) else {
            continue;
        };
        let text = js_sys::JSON::stringify(&get(&items, &key))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        if let Some(item) = sync::decode(&key, &text) {
            read.push(item);
        }
    }
    sync::merge(&read, me.map_or("", |d| d.id.as_str()), events, now)
}

/// Writes this computer's item when what it shares changed (or once a day), and removes the items
/// of computers silent for 30 days. Nothing while sharing is off, while a refused write's back-off
/// lasts, or while this computer has sent nothing in 8 days and never wrote: no identity is made for
/// nothing to share ("Delete all data" leaves none behind).
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
    let item = sync::Item {
        id: me.id.clone(),
        name: sync::clean_name(&me.name),
        ..item
    };
    let said = format!("{:?}{:?}{}", item.sends, item.refusals, item.name);
    let fresh = LAST.with(|l| {
        l.borrow()
            .as_ref()
            .is_some_and(|(s, at)| *s == said && now - at < HEARTBEAT_MS)
    });
    if !fresh {
        let value = js_sys::JSON::parse(&sync::encode(&item));
        let written = match value {
            Ok(v) => {
                let key = sync::key_of(&me.id);
                super::store::timed(false, platform::pages::sync_set(&key, &v)).await
            }
            Err(e) => Err(e),
        };
        match written {
            Ok(_) => LAST.with(|l| *l.borrow_mut() = Some((said, now))),
            Err(e) => {
                BACKOFF_UNTIL.with(|b| b.set(now + BACKOFF_MS));
                warn(
                    "sync refused this computer's counts; trying again later",
                    &e,
                );
            }
        }
    }
    if !stale.is_empty() {
        if let Err(e) = JsFuture::from(platform::pages::sync_remove(stale)).await {
            warn("could not remove a computer silent for 30 days", &e);
        }
    }
}

/// Removes this computer's item from sync, if it has one: sharing switched off, or all data deleted.
pub async fn withdraw() {
    LAST.with(|l| *l.borrow_mut() = None);
    let Some(me) = known_device().await else {
        return;
    };
    if let Err(e) = JsFuture::from(platform::pages::sync_remove(&[sync::key_of(&me.id)])).await {
        warn("could not remove this computer's counts", &e);
    }
}

/// Whether a `storage.onChanged` of the `sync` area concerns another computer's item (this
/// computer's own writes come back as changes too).
pub fn others_changed(keys: &[String]) -> bool {
    let own = DEVICE.with(|d| d.borrow().as_ref().map(|d| sync::key_of(&d.id)));
    keys.iter()
        .any(|k| k.starts_with(KEY_PREFIX) && Some(k) != own.as_ref())
}
