//! English (`<html lang="en">`). Strings without a source comment are quoted in
//! `docs/linkedin.md` (§2, §3, §4, §10) or in the March-2026 profile captures described there.

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
    add_note_labels: &["add a note"],
    non_send_labels: &[
        "dismiss", "cancel",
        // public code (repository not named by the search index, find_string id 67118107869), retrieved 2026-11-27:
        // the upsell's close button is looked up as aria-label "Close" beside "Dismiss".
        "close", "got it",
    ],
    // Whole sentences (see `LocaleTable::limit_alert_texts`). "U id N" below = public code whose
    // repository the search index does not name (find_string id N), retrieved 2026-11-27.
    limit_alert_texts: &[
        "you've reached the weekly invitation limit",
        "you're out of invitations for now",
        // U id 63488323099 (a limits guide listing "LinkedIn warning strings you will see").
        "you've reached the invitation limit",
    ],
    limit_alert_more: &[
        // U id 56528599590 (test copy "You've reached the weekly invitation limit. Please try again next week.").
        "please try again next week",
        // U id 56206847304, U id 61357953653 ("… limit. Try again next week.").
        "try again next week",
        // U id 60017269838 (a fixture of the modal: `<span>You can send more invitations next week.</span>`).
        "you can send more invitations next week",
        // U id 71232003656 (rawError "You've reached the weekly invitation limit. Connections help you stay in touch.").
        "connections help you stay in touch",
    ],
    note_quota_texts: &[
        "send unlimited personalized invites with premium",
        "you're out of free custom notes",
        // U id 57937025808: "Send unlimited personalized invites with Premium — You've used all your monthly
        // custom invites."; U id 11970539707 reads it from the upsell's `p.modal-upsell__subtitle`.
        "you've used all your monthly custom invites",
    ],
    note_quota_more: &[
        // U id 61383128990 (the upsell's text "captured 2026-06-22"), cut short in docs/linkedin.md
        // §3.
        "bypass the limit with premium, write longer notes, and make your profile stand out",
    ],
    alert_buttons: &[
        // The weekly-limit modal's `button[aria-label="Got it"]` (docs/linkedin.md §4).
        "got it",
        // U id 68311050908 (the upsell "has a Dismiss button and a Get-Premium link").
        "dismiss",
        // U id 67118107869 (the upsell's close button is looked up as aria-label "Close").
        "close",
    ],
};

/// The texts of LinkedIn's Sent and Connections pages in this language, read by the background
/// (`crate::sent_page`); kept apart from [`TABLE`] so the content script, which only reports them,
/// does not carry them (docs/architecture.md §8).
pub const PAGES: super::PageTexts = super::PageTexts {
    lang: "en",
    // Sent page and Connections page: docs/linkedin.md §7 ("Sent today"/"Sent yesterday", "Sent N
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
