//! LinkedIn's UI texts, one table per display language (linkedin-dom.md §10).
//!
//! LinkedIn renders visible text *and* aria-label values in the member's display language, ignoring the
//! browser's language, so the table is chosen by `<html lang>`. Locale-free signals (URLs, roles, attribute
//! presence) come first in the sensor; these tables are the last resort and the only way to tell Pending
//! from the notification bell or to read LinkedIn's limit alerts.

mod de;
mod en;
mod es;
mod fr;
mod pt;

/// One display language's strings. Every match is done on [`normalize`]d text (case-folded, curly
/// apostrophes and non-breaking spaces made plain), so the tables hold plain lowercase text.
#[derive(Debug)]
pub struct LocaleTable {
    /// BCP 47 primary language subtag, as in `<html lang="de">` / `lang="de-DE"`.
    pub lang: &'static str,
    /// aria-label shapes of a Connect control, as (prefix, suffix) around the invitee's name:
    /// en `Invite {name} to connect` → ("invite ", " to connect").
    pub invite_label: &'static [(&'static str, &'static str)],
    /// Visible text of a Connect control ("connect").
    pub connect_text: &'static [&'static str],
    /// aria-label prefixes of a Pending control, followed by the invitee's name
    /// ("pending, click to withdraw invitation sent to ").
    pub pending_label_prefix: &'static [&'static str],
    /// Visible text of a Pending control ("pending").
    pub pending_text: &'static [&'static str],
    /// aria-label prefixes of a Follow control ("follow "): never a Connect.
    pub follow_label_prefix: &'static [&'static str],
    /// aria-labels or texts of the invite dialog's commit buttons ("send", "send without a note",
    /// "send invitation", "send now").
    pub send_labels: &'static [&'static str],
    /// Buttons of the invite dialog that do not send ("add a note", "dismiss", "cancel").
    pub non_send_labels: &'static [&'static str],
    /// Substrings of LinkedIn's weekly-limit alerts ("weekly invitation limit", "out of invitations").
    pub limit_alert_texts: &'static [&'static str],
    /// Substrings of the Premium upsell shown when the free custom notes are used up.
    pub note_quota_texts: &'static [&'static str],
}

/// All tables, English first (the fallback for an unknown language).
pub const TABLES: [&LocaleTable; 5] = [&en::TABLE, &de::TABLE, &fr::TABLE, &es::TABLE, &pt::TABLE];

/// The table for an `<html lang>` value ("de-DE", "pt_BR", "FR"); English when the language is unknown
/// or missing.
pub fn table_for(lang: &str) -> &'static LocaleTable {
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    TABLES
        .iter()
        .copied()
        .find(|t| t.lang == primary)
        .unwrap_or(&en::TABLE)
}

/// Whether a table exists for this `<html lang>` (an unknown language falls back to English and is
/// reported as such).
pub fn is_supported(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    TABLES.iter().any(|t| t.lang == primary)
}

/// Lowercases and folds the typographic variants LinkedIn mixes (’ vs ', NBSP vs space, runs of
/// whitespace), so that tables can hold one plain spelling.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for ch in s.chars() {
        let ch = match ch {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
            '\u{00A0}' | '\u{202F}' | '\t' | '\n' | '\r' => ' ',
            c => c,
        };
        if ch == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.extend(ch.to_lowercase());
            last_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}
