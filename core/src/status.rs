//! What the member is told about the storage itself (issue 10): writes that fail, a history that
//! belongs to a newer version, and stored values that could not be read and were kept aside.

use crate::time::Millis;
use serde::{Deserialize, Serialize};

/// The `storage.session` key where the background keeps what it could not write yet and why
/// (`src/background/held.rs`); the popup reads it.
pub const STATUS_KEY: &str = "status";

/// Writes to `storage.local` have been failing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WriteFailed {
    /// When the first write of this run of failures failed.
    pub since: Millis,
    /// How many observations are counted but not saved yet.
    pub held: u32,
    /// The browser's error text ("QUOTA_BYTES quota exceeded"), for the member to report.
    pub error: String,
}

/// What the popup says about storage, in this order of importance.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The stored schema is newer than this version's: nothing is written.
    ReadOnly(u32),
    /// Writes fail: counted but not saved.
    WriteFailed(WriteFailed),
    /// The stored settings could not be read: the defaults apply.
    SettingsUnreadable,
    /// This many stored items could not be read and are kept aside.
    KeptAside(u32),
}

/// The popup's problems, most important first.
pub fn problems(
    newer_schema: Option<u32>,
    failed: Option<&WriteFailed>,
    settings_unreadable: bool,
    kept_aside: u32,
) -> Vec<Problem> {
    let mut out = Vec::new();
    if let Some(v) = newer_schema {
        out.push(Problem::ReadOnly(v));
    }
    if let Some(f) = failed {
        out.push(Problem::WriteFailed(f.clone()));
    }
    if settings_unreadable {
        out.push(Problem::SettingsUnreadable);
    }
    if kept_aside > 0 {
        out.push(Problem::KeptAside(kept_aside));
    }
    out
}
