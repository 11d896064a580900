//! German (`<html lang="de">`). Sources: `docs/linkedin.md` §10 (Vernetzen, Folgen, Ausstehend,
//! Mehr,
//! "Ohne Notiz senden") and §4 (the limit sentence); every other string carries its source or `// unverified`.
//! "U id N" = public code whose repository the search index does not name (find_string id N), retrieved
//! 2026-11-27.

use super::AgeUnit;

/// LinkedIn's German UI texts, normalized (see [`super::normalize`]).
pub const TABLE: super::LocaleTable = super::LocaleTable {
    lang: "de",
    invite_label: &[
        // "<Name> als Kontakt einladen": U id 63529345089 (an MV3 auto-connect extension, SDUI 2026 note: "the
        // <a>/<button> still carries an aria-label like '<Name> als Kontakt einladen'"), U id 68985151057
        // ("Stand 2026-07-15 alle live verifiziert … aria-label*='als Kontakt einladen'"), U id 55944178996.
        ("", " als kontakt einladen"),
    ],
    connect_text: &["vernetzen"],
    pending_label: &[
        // The full German sentence is not verified. U id 51778932083 matches "Ausstehend, klicken Sie" as the
        // "German full text"; U id 70068713613 uses "Ausstehend, klicken zum Zurückziehen". The name sits
        // inside the German sentence, so only this common opening is used as the prefix.
        ("ausstehend, klicken", ""),
    ],
    pending_text: &["ausstehend"],
    // Unverified: no German capture of the Sent page; modelled on the English shape.
    withdraw_label: &[("einladung an ", " zurückziehen")],
    withdraw_confirm_label: &[("zurückgezogene einladung an ", "")],
    follow_label: &[
        // The German Follow label observed in public test code has the name first, "<Name> folgen"
        // (U id 70068713613, 71038000416); a "Folgen <Name>" variant is kept in case (unverified).
        ("", " folgen"),
        ("folgen ", ""),
    ],
    send_labels: &[
        "ohne notiz senden",
        // A/B wording "Nachricht" instead of "Notiz": U id 63529345089 (regex /^ohne\s+(notiz|nachricht)\s+senden$/),
        // U id 51778932083 (get_by_role("button", name="Ohne Nachricht senden")).
        "ohne nachricht senden",
        // U id 67213167295 ('[aria-label="Jetzt senden"]' beside "Send now").
        "jetzt senden",
        // U id 61833583265 (sendButton_re "einladung senden").
        "einladung senden",
        // U id 55656384941 (findBtn(['Senden', 'Send']) after typing a note).
        "senden",
    ],
    add_note_labels: &[
        // 2026 gating dialog, German UI: U id 56528599590 ("Eine Nachricht zu Ihrer Einladung hinzufügen? …
        // Nachricht hinzufügen Ohne Notiz senden").
        "nachricht hinzufügen",
        // U id 70663204857 ("Notiz hinzufügen", older dialog).
        "notiz hinzufügen",
    ],
    non_send_labels: &[
        // U id 70068713613 (dismiss="Verwerfen").
        "verwerfen",
        "abbrechen", // unverified
        "schließen", // unverified
    ],
    limit_alert_texts: &[
        // docs/linkedin.md §4 (U test files): "Sie haben das Limit für Kontaktanfragen erreicht.
        // Bitte versuchen
        // Sie es nächste Woche erneut."
        "sie haben das limit für kontaktanfragen erreicht",
        // Unverified: a sentence built on U id 56143107789's patterns ("wöchentliches limit", "limit für
        // einladungen"); the browser sensor test shows it.
        "sie haben das wöchentliche limit für einladungen erreicht",
    ],
    limit_alert_more: &["bitte versuchen sie es nächste woche erneut"],
    note_quota_texts: &[
        "senden sie unbegrenzt personalisierte einladungen mit premium", // unverified
        "mit premium unbegrenzt personalisierte einladungen senden",     // unverified
        "sie haben keine kostenlosen personalisierten nachrichten mehr", // unverified
    ],
    note_quota_more: &[],
    alert_buttons: &[
        "verstanden", // unverified (LinkedIn's German "Got it")
        // U id 70068713613 (dismiss="Verwerfen").
        "verwerfen",
        "schließen", // unverified
    ],
};

/// The texts of LinkedIn's Sent and Connections pages in this language, read by the background
/// (`crate::sent_page`); kept apart from [`TABLE`] so the content script, which only reports them,
/// does not carry them (docs/architecture.md §8).
pub const PAGES: super::PageTexts = super::PageTexts {
    lang: "de",
    // Sent page: "Vor 21 Stunden gesendet", "Gestern gesendet", "Vor 4 Tagen gesendet", "Vor 3 Wochen gesendet",
    // "Vor 2 Monaten gesendet" (U id 70392863714: card lines "copied from the live pages measured on 2026-09-29
    // (de locale)"); "Vor 53 Minuten gesendet" and "Personen (1.052)" (U id 71109904320, 2026-08). Unit words
    // marked unverified were not seen in a LinkedIn text (the singulars are only in U id 70567917101's regex).
    sent_age: super::AgeTexts {
        ago: &[
            ("vor ", " gesendet"),
            ("gesendet vor ", ""), // unverified
        ],
        today: &["heute gesendet"], // unverified
        yesterday: &["gestern gesendet"],
    },
    connected_age: super::AgeTexts {
        ago: &[("vor ", " vernetzt")],    // unverified
        today: &["heute vernetzt"],       // unverified
        yesterday: &["gestern vernetzt"], // unverified
    },
    // "Am 10. August 2026 vernetzt" (U id 71109904320, read from the Connections page).
    connected_on: &[("am ", " vernetzt")],
    age_units: &[
        ("sekunde", AgeUnit::Second),  // unverified
        ("sekunden", AgeUnit::Second), // unverified
        ("minute", AgeUnit::Minute),   // unverified
        ("minuten", AgeUnit::Minute),
        ("stunde", AgeUnit::Hour), // unverified
        ("stunden", AgeUnit::Hour),
        ("tag", AgeUnit::Day), // unverified
        ("tagen", AgeUnit::Day),
        ("woche", AgeUnit::Week), // unverified
        ("wochen", AgeUnit::Week),
        ("monat", AgeUnit::Month), // unverified
        ("monaten", AgeUnit::Month),
        ("jahr", AgeUnit::Year),   // unverified
        ("jahren", AgeUnit::Year), // unverified
    ],
    age_one: &["einem", "einer"], // unverified
    months: [
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ],
    total_labels: &["personen"],
};
