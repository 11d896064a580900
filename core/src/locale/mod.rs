//! LinkedIn's UI texts, one table per display language (docs/linkedin.md §10).
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

use crate::time::AgeUnit;

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
    /// aria-label shapes of a Pending control, as (prefix, suffix) around the invitee's name
    /// ("pending, click to withdraw invitation sent to ", "").
    pub pending_label: &'static [(&'static str, &'static str)],
    /// Visible text of a Pending control ("pending").
    pub pending_text: &'static [&'static str],
    /// The Sent page's and the Pending menu's Withdraw control, `(prefix, suffix)` around the name
    /// ("Withdraw invitation sent to <Name>", docs/linkedin.md §7).
    pub withdraw_label: &'static [(&'static str, &'static str)],
    /// The confirm button of LinkedIn's "Withdraw invitation?" dialog ("Withdrawn invitation sent to
    /// <Name>", LinkedIn's own wording in 2026, docs/linkedin.md §7).
    pub withdraw_confirm_label: &'static [(&'static str, &'static str)],
    /// aria-label shapes of a Follow control, (prefix, suffix) around the name: en ("follow ", ""),
    /// de ("", " folgen"). Never a Connect.
    pub follow_label: &'static [(&'static str, &'static str)],
    /// aria-labels or texts of the invite dialog's commit buttons ("send", "send without a note",
    /// "send invitation", "send now").
    pub send_labels: &'static [&'static str],
    /// The invite dialog's "Add a note" button. Kept apart from [`Self::non_send_labels`]: a Premium
    /// upsell right after this click is the free-note quota refusing the note (docs/linkedin.md
    /// §3),
    /// while a `/premium/` link in any other dialog (an InMail upsell) is not.
    pub add_note_labels: &'static [&'static str],
    /// Other buttons of the invite dialog that do not send ("dismiss", "cancel").
    pub non_send_labels: &'static [&'static str],
    /// The headlines of LinkedIn's weekly-limit message, each a whole sentence ("you've reached the
    /// weekly invitation limit", "you're out of invitations for now"). An alert is LinkedIn's
    /// message only when its whole text is made of these parts: at least one headline, any of the
    /// follow-ups ([`Self::limit_alert_more`]) and the alert's buttons ([`Self::alert_buttons`]);
    /// a name, a company or any other word makes it something else (`crate::classify::alert_kind`).
    /// A whole message such as "You've reached the weekly invitation limit. Please try again next
    /// week." is a headline and a follow-up.
    pub limit_alert_texts: &'static [&'static str],
    /// Sentences LinkedIn shows after a weekly-limit headline ("please try again next week"); never
    /// a message alone.
    pub limit_alert_more: &'static [&'static str],
    /// The headlines of the Premium upsell shown when the free custom notes are used up ("send
    /// unlimited personalized invites with premium", "you're out of free custom notes"), matched as
    /// [`Self::limit_alert_texts`] are.
    pub note_quota_texts: &'static [&'static str],
    /// Sentences of the upsell that follow a headline ("bypass the limit with premium, …").
    pub note_quota_more: &'static [&'static str],
    /// The texts of the alerts' own buttons ("got it", "dismiss"), which an alert element's text
    /// holds beside its message.
    pub alert_buttons: &'static [&'static str],
}

/// The texts of LinkedIn's Sent and Connections pages in one language, normalized (docs/linkedin.md
/// §7, §9). Only the background reads them.
#[derive(Debug)]
pub struct PageTexts {
    /// The primary language subtag, as in [`LocaleTable::lang`].
    pub lang: &'static str,
    /// The age line of a card on the Sent page ("Sent 3 weeks ago", "Sent today"; docs/linkedin.md
    /// §7).
    pub sent_age: AgeTexts,
    /// A relative "Connected 2 days ago" (Connections page, Ember time badge; docs/linkedin.md §9).
    pub connected_age: AgeTexts,
    /// (prefix, suffix) around a date: en "Connected on March 3, 2026" → ("connected on ", ""),
    /// de "Am 10. August 2026 vernetzt" → ("am ", " vernetzt") (docs/linkedin.md §9).
    pub connected_on: &'static [(&'static str, &'static str)],
    /// Unit words of the age texts, singular and plural ("week", "weeks"; "woche", "wochen").
    pub age_units: &'static [(&'static str, AgeUnit)],
    /// Words that stand for the count 1 ("a", "an" in "Sent a month ago").
    pub age_one: &'static [&'static str],
    /// Month names, January first, for "Connected on <date>".
    pub months: [&'static str; 12],
    /// The word before the total on the Sent page's tab: "people" in "People (1,100)" (§7).
    pub total_labels: &'static [&'static str],
}

/// The page texts, English first.
pub const PAGE_TEXTS: [&PageTexts; 5] =
    [&en::PAGES, &de::PAGES, &fr::PAGES, &es::PAGES, &pt::PAGES];

/// The page texts for an `<html lang>` value; English when the language is unknown or missing.
pub fn page_texts_for(lang: &str) -> &'static PageTexts {
    let t = table_for(lang);
    PAGE_TEXTS
        .iter()
        .copied()
        .find(|p| p.lang == t.lang)
        .unwrap_or(&en::PAGES)
}

/// One family of relative-age texts (see [`crate::sent_page`]), normalized.
#[derive(Debug)]
pub struct AgeTexts {
    /// (prefix, suffix) around "<count> <unit>": en ("sent ", " ago"), de ("vor ", " gesendet").
    pub ago: &'static [(&'static str, &'static str)],
    /// Whole texts meaning today ("sent today").
    pub today: &'static [&'static str],
    /// Whole texts meaning yesterday ("sent yesterday").
    pub yesterday: &'static [&'static str],
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
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    TABLES.iter().any(|t| t.lang == primary)
}

/// The primary language subtag of an `<html lang>` value, lowercased: "it" for "it-IT", "pt" for
/// "pt_BR" (the page's own spelling, unchecked; see [`language_code`]).
pub fn primary_subtag(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The page language's code as the member is told it (the self-check, "LinkedIn is shown in
/// Italian (it)"): the primary subtag when it is a well-formed one, 2, 3 or 5 to 8 ASCII letters
/// (BCP 47's `language`; `Intl.DisplayNames` refuses anything else); `None` for an empty or
/// garbled value, which names no language.
pub fn language_code(lang: &str) -> Option<String> {
    let primary = primary_subtag(lang);
    let n = primary.len();
    (matches!(n, 2 | 3 | 5..=8) && primary.bytes().all(|b| b.is_ascii_lowercase()))
        .then_some(primary)
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
            out.push(lower(ch));
            last_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Lowercase, one character to one character, for the scripts the tables are written in (Latin:
/// ASCII, Latin-1, Latin Extended-A). Other characters stay as they are: they only ever appear in
/// names, which are compared with themselves. `char::to_lowercase` would be complete but pulls
/// Unicode's case tables (~11 KB) into the content bundle, and can turn one character into two
/// ('İ'), which would misalign names cut out of labels by character counts.
pub fn lower(c: char) -> char {
    let u = c as u32;
    match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => char::from_u32(u + 0x20).unwrap_or(c),
        // Latin Extended-A pairs capitals on even code points (Ā/ā … Ķ/ķ, Ŋ/ŋ … Ŷ/ŷ) and on odd
        // ones in Ĺ/ĺ … Ň/ň and Ź/ź … Ž/ž.
        0x100..=0x137 | 0x14A..=0x177 if u.is_multiple_of(2) => char::from_u32(u + 1).unwrap_or(c),
        0x139..=0x148 | 0x179..=0x17E if !u.is_multiple_of(2) => char::from_u32(u + 1).unwrap_or(c),
        0x178 => '\u{FF}',
        _ => c,
    }
}

/// Whether `needle` occurs in `hay`. A plain byte search instead of `str::contains`, whose searcher
/// carries a panic path with Rust's formatting machinery into the content bundle
/// (docs/architecture.md §8:
/// every kilobyte is paid on each LinkedIn page load).
pub fn has(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// The byte offset of `needle` in `hay` (see [`has`] for why not `str::find`). Compares only where
/// the first byte matches: this runs for every link of a page scan, in the wasm2js build, where a
/// slice comparison at every offset was the scan's hottest path.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return Some(0);
    };
    let last = h.len().checked_sub(n.len())?;
    (0..=last).find(|&i| h[i] == first && h.get(i..i + n.len()) == Some(n))
}

#[cfg(test)]
mod lower_tests {
    use super::lower;

    #[test]
    fn agrees_with_std_on_latin() {
        for u in 0u32..0x180 {
            let Some(c) = char::from_u32(u) else { continue };
            let std: Vec<char> = c.to_lowercase().collect();
            if std.len() == 1 {
                assert_eq!(lower(c), std[0], "U+{u:04X}");
            }
        }
    }
}

#[cfg(test)]
mod find_tests {
    use super::find;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_std(hay in "[a-c/]{0,40}", needle in "[a-c/]{0,4}") {
            prop_assert_eq!(find(&hay, &needle), hay.find(&needle));
        }
    }
}

/// The checks every table must pass, run over [`TABLES`]: a table added there is checked too.
#[cfg(test)]
mod table_tests {
    use super::{normalize, LocaleTable, TABLES};

    /// The (prefix, suffix) shapes around a name, by field.
    fn shapes(t: &LocaleTable) -> [(&'static str, &'static [(&'static str, &'static str)]); 5] {
        [
            ("invite_label", t.invite_label),
            ("pending_label", t.pending_label),
            ("withdraw_label", t.withdraw_label),
            ("withdraw_confirm_label", t.withdraw_confirm_label),
            ("follow_label", t.follow_label),
        ]
    }

    /// Every string of a table; fails if a list that must have entries is empty.
    fn all(t: &LocaleTable) -> Vec<&'static str> {
        let mut v: Vec<&'static str> = vec![t.lang];
        for (_, list) in shapes(t) {
            for (p, s) in list {
                v.push(p);
                v.push(s);
            }
        }
        for (field, list) in [
            ("connect_text", t.connect_text),
            ("pending_text", t.pending_text),
            ("send_labels", t.send_labels),
            ("add_note_labels", t.add_note_labels),
            ("non_send_labels", t.non_send_labels),
            ("limit_alert_texts", t.limit_alert_texts),
            ("note_quota_texts", t.note_quota_texts),
            ("alert_buttons", t.alert_buttons),
        ] {
            assert!(!list.is_empty(), "{}: {field} is empty", t.lang);
            v.extend_from_slice(list);
        }
        // Follow-up sentences may be unknown in a language.
        v.extend_from_slice(t.limit_alert_more);
        v.extend_from_slice(t.note_quota_more);
        v
    }

    #[test]
    fn every_string_is_normalized() {
        for t in TABLES {
            for s in all(t) {
                // Prefixes/suffixes keep their edge space, so compare the trimmed text.
                assert_eq!(normalize(s), s.trim(), "{}: not normalized: {s:?}", t.lang);
                assert!(
                    !s.trim().is_empty() || s.is_empty(),
                    "{}: blank: {s:?}",
                    t.lang
                );
            }
        }
    }

    #[test]
    fn every_shape_has_a_prefix_or_a_suffix() {
        for t in TABLES {
            assert!(!t.invite_label.is_empty(), "{}: no invite shape", t.lang);
            for (field, list) in shapes(t) {
                for (p, s) in list {
                    assert!(
                        !(p.is_empty() && s.is_empty()),
                        "{}: a {field} shape with neither prefix nor suffix",
                        t.lang
                    );
                }
            }
        }
    }
}
