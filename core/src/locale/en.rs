//! English (`<html lang="en">`). Strings without a source comment are quoted in
//! `reference/linkedin-dom.md` (§2, §3, §4, §10) or in the March-2026 profile captures described there.

use super::AgeUnit;

/// LinkedIn's English UI texts, normalized (see [`super::normalize`]).
pub const TABLE: super::LocaleTable = super::LocaleTable {
    lang: "en",
    invite_label: &[("invite ", " to connect")],
    connect_text: &["connect"],
    pending_label: &[("pending, click to withdraw invitation sent to ", "")],
    pending_text: &["pending"],
    withdraw_label: &[("withdraw invitation sent to ", "")],
    withdraw_confirm_label: &[("withdrawn invitation sent to ", "")],
    follow_label: &[("follow ", "")],
    send_labels: &["send without a note", "send invitation", "send now", "send"],
    non_send_labels: &[
        "add a note",
        "dismiss",
        "cancel",
        // public code (repository not named by the search index, find_string id 67118107869), retrieved 2026-11-27:
        // the upsell's close button is looked up as aria-label "Close" beside "Dismiss".
        "close",
        "got it",
    ],
    limit_alert_texts: &["weekly invitation limit", "out of invitations"],
    note_quota_texts: &[
        "out of free custom notes",
        "personalized invites with premium",
        // public code (repository not named, find_string id 57937025808), retrieved 2026-11-27:
        // "Send unlimited personalized invites with Premium — You've used all your monthly custom invites."
        "used all your monthly custom invites",
    ],
};

/// The texts of LinkedIn's Sent and Connections pages in this language, read by the background
/// (`crate::sent_page`); kept apart from [`TABLE`] so the content script, which only reports them,
/// does not carry them (platform.md §2).
pub const PAGES: super::PageTexts = super::PageTexts {
    lang: "en",
    // Sent page and Connections page: linkedin-dom.md §7 ("Sent today"/"Sent yesterday", "Sent N
    // minutes/hours/days/weeks/months/years ago", "Sent a month ago", the regex with `an?`; "People (1,100)")
    // and §9 ("Connected on <Month D, YYYY>", "Connected 2 days ago").
    sent_age: super::AgeTexts {
        ago: &[("sent ", " ago")],
        today: &["sent today"],
        yesterday: &["sent yesterday"],
    },
    connected_age: super::AgeTexts {
        ago: &[("connected ", " ago")],
        today: &["connected today"],         // unverified
        yesterday: &["connected yesterday"], // unverified
    },
    connected_on: &[("connected on ", "")],
    age_units: &[
        ("second", AgeUnit::Second),
        ("seconds", AgeUnit::Second),
        ("minute", AgeUnit::Minute),
        ("minutes", AgeUnit::Minute),
        ("hour", AgeUnit::Hour),
        ("hours", AgeUnit::Hour),
        ("day", AgeUnit::Day),
        ("days", AgeUnit::Day),
        ("week", AgeUnit::Week),
        ("weeks", AgeUnit::Week),
        ("month", AgeUnit::Month),
        ("months", AgeUnit::Month),
        ("year", AgeUnit::Year),
        ("years", AgeUnit::Year),
    ],
    age_one: &["a", "an"],
    months: [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
    total_labels: &["people"],
};

#[cfg(test)]
mod tests {
    use super::super::{normalize, LocaleTable};

    fn all(t: &LocaleTable) -> Vec<&'static str> {
        let mut v: Vec<&'static str> = vec![t.lang];
        for (p, s) in t
            .invite_label
            .iter()
            .chain(t.pending_label)
            .chain(t.follow_label)
        {
            v.push(p);
            v.push(s);
        }
        for list in [
            t.connect_text,
            t.pending_text,
            t.send_labels,
            t.non_send_labels,
            t.limit_alert_texts,
            t.note_quota_texts,
        ] {
            assert!(!list.is_empty(), "{}: a list is empty", t.lang);
            v.extend_from_slice(list);
        }
        v
    }

    #[test]
    fn every_string_is_normalized() {
        for s in all(&super::TABLE) {
            // Prefixes/suffixes keep their edge space, so compare the trimmed text.
            assert_eq!(normalize(s), s.trim(), "not normalized: {s:?}");
            assert!(!s.trim().is_empty() || s.is_empty(), "blank: {s:?}");
        }
    }

    #[test]
    fn invite_shapes_are_not_empty() {
        for (p, s) in super::TABLE.invite_label {
            assert!(
                !(p.is_empty() && s.is_empty()),
                "an invite shape with neither prefix nor suffix"
            );
        }
    }
}
