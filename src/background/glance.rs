//! `glance` (`core::glance`, docs/protocol.md §1): the popup chart's 14 days and LinkedIn's latest
//! refusal, derived here at every refresh so that the popup's first render reads no month (issue 13
//! item 4). Written only when it changed, as `notes` is.

use super::store;
use crate::platform;
use invite_guard_core::glance::Glance;
use invite_guard_core::ledger::Ledger;
use invite_guard_core::schema::GLANCE_KEY;
use invite_guard_core::time::LocalDay;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// What was last written.
    static LAST: RefCell<Option<Glance>> = const { RefCell::new(None) };
}

/// Writes `glance` when it changed.
pub async fn publish(ledger: &Ledger, now: f64, tz: i32) -> Result<(), JsValue> {
    let g = Glance::of(ledger.events(), LocalDay::at(now, tz), now);
    if LAST.with(|l| l.borrow().as_ref() == Some(&g)) {
        return Ok(());
    }
    store::storage_set(&[(GLANCE_KEY.into(), platform::pages::to_js(&g)?)]).await?;
    LAST.with(|l| *l.borrow_mut() = Some(g));
    Ok(())
}

/// Forgets what was written (the key was emptied or damaged), so the next publish writes it again.
pub fn forget() {
    LAST.with(|l| *l.borrow_mut() = None);
}
