//! Invite Guard's pure logic. No browser types and no clock: time comes in as a parameter
//! (milliseconds since the epoch as `f64`, because the content script's wasm2js flavour cannot pass
//! 64-bit integers across the JS boundary; docs/architecture.md §8).
//!
//! The modules depend on each other without a circle (`layering.rs` checks it).

pub mod chart;
pub mod classify;
pub mod diagnostic;
pub mod event_id;
pub mod export;
pub mod glance;
pub mod health;
pub mod history;
pub mod import;
pub mod invite_api;
pub mod ledger;
pub mod locale;
pub mod message;
pub mod note_budget;
pub mod pacing;
pub mod person;
pub mod policy;
pub mod presets;
pub mod privacy;
pub mod profile;
pub mod reconcile;
pub mod schema;
pub mod self_check;
pub mod sent_page;
pub mod settings;
pub mod status;
pub mod stored;
pub mod stored_values;
pub mod sync;
pub mod template;
pub mod theme;
pub mod time;

#[cfg(test)]
mod layering;
