//! What was observed but is not in storage yet (issue 10 finding 7): a write that failed (storage
//! full, a disk error) or storage that belongs to a newer version (read-only). A send must never be
//! lost because it could not be written, and the badge must not go stale: what is held is applied on
//! top of every load, so the counts, the badge and the guard include it, and it is written with the
//! next write that succeeds.
//!
//! It is kept in memory and mirrored in `storage.session` (in memory too, with its own quota, so a
//! full `storage.local` does not stop it), which outlives the Chrome service worker: a worker killed
//! between a failed write and the next one loses nothing. It does not outlive the browser.

use crate::platform::{self, get};
use invite_guard_core::ledger::{Applied, Event, Ledger, Observation};
use invite_guard_core::status::{WriteFailed, STATUS_KEY};
use invite_guard_core::time::Millis;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// At most this many held items; past it the oldest go (with a warning). A write fails for every
/// send while storage stays full, and a member sends at most a few hundred a week.
const MAX_HELD: usize = 2_000;

/// One thing to write: an observation to fold into the ledger, or a complete event.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Held {
    Obs(Observation),
    Event(Event),
}

#[derive(Default, Serialize, Deserialize)]
struct State {
    held: Vec<Held>,
    failed: Option<WriteFailed>,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

/// Reads the held items back from `storage.session` once per worker life.
async fn state() -> State {
    if let Some(s) = STATE.with(|s| s.borrow_mut().take()) {
        return s;
    }
    let items = JsFuture::from(platform::pages::session_get(STATUS_KEY))
        .await
        .unwrap_or(JsValue::UNDEFINED);
    platform::pages::from_js(&get(&items, STATUS_KEY)).unwrap_or_default()
}

async fn keep(s: State) {
    let value = platform::pages::to_js(&s).unwrap_or(JsValue::NULL);
    STATE.with(|st| *st.borrow_mut() = Some(s));
    // storage.session is the mirror; losing it only loses the worker-restart guarantee.
    if let Err(e) = JsFuture::from(platform::pages::session_set(STATUS_KEY, &value)).await {
        web_sys::console::warn_2(
            &"Invite Guard could not keep unsaved work aside:".into(),
            &e,
        );
    }
}

/// Adds `items` (new facts, which the caller may have applied to `ledger` already) to what is held,
/// applies everything held to `ledger`, and says whether there is anything to write.
pub async fn apply(ledger: &mut Ledger, items: Vec<Held>) -> bool {
    let mut s = state().await;
    let added = !items.is_empty();
    s.held.extend(items);
    if s.held.len() > MAX_HELD {
        let drop = s.held.len() - MAX_HELD;
        web_sys::console::warn_1(
            &format!(
                "Invite Guard: {drop} unsaved observations dropped (storage has failed for long)"
            )
            .into(),
        );
        s.held.drain(..drop);
    }
    let mut changed = added;
    for h in &s.held {
        let a = match h {
            Held::Obs(o) => ledger.apply(o),
            Held::Event(e) => ledger.add_event(e.clone()),
        };
        changed |= matches!(a, Applied::Added(_) | Applied::Merged(_));
    }
    let cleared = !changed && !s.held.is_empty();
    if cleared {
        // Everything held is in storage already (written by an earlier step of this worker).
        s.held.clear();
    }
    if added || cleared {
        keep(s).await;
    } else {
        STATE.with(|st| *st.borrow_mut() = Some(s));
    }
    changed
}

/// The write that included everything held succeeded.
pub async fn written() {
    let s = state().await;
    if s.held.is_empty() && s.failed.is_none() {
        STATE.with(|st| *st.borrow_mut() = Some(s));
        return;
    }
    keep(State::default()).await;
}

/// The write failed with `error`: what is held stays held, and the member is told since when.
pub async fn failed(error: &JsValue, now: Millis) {
    let mut s = state().await;
    let text = error
        .as_string()
        .or_else(|| get(error, "message").as_string())
        .unwrap_or_else(|| "unknown error".into());
    web_sys::console::warn_2(&"Invite Guard could not write storage:".into(), error);
    let since = s.failed.as_ref().map_or(now, |f| f.since);
    s.failed = Some(WriteFailed {
        since,
        held: s.held.len() as u32,
        error: text.chars().take(200).collect(),
    });
    keep(s).await;
}

/// A write other than the months' succeeded: the failure is over when nothing is held any more.
pub async fn settled() {
    let s = state().await;
    if s.failed.is_some() && s.held.is_empty() {
        keep(State::default()).await;
    } else {
        STATE.with(|st| *st.borrow_mut() = Some(s));
    }
}

/// The failure being reported, if any (the badge shows it).
pub async fn failure() -> Option<WriteFailed> {
    let s = state().await;
    let f = s.failed.clone();
    STATE.with(|st| *st.borrow_mut() = Some(s));
    f
}

/// Everything is forgotten (the member deleted all data).
pub async fn clear() {
    keep(State::default()).await;
}
