//! German (`<html lang="de">`). Sources: `reference/linkedin-dom.md` §10 (Vernetzen, Folgen, Ausstehend, Mehr,
//! "Ohne Notiz senden") and §4 (the limit sentence); every other string carries its source or `// unverified`.
//! "U id N" = public code whose repository the search index does not name (find_string id N), retrieved
//! 2026-11-27.

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
    non_send_labels: &[
        // 2026 gating dialog, German UI: U id 56528599590 ("Eine Nachricht zu Ihrer Einladung hinzufügen? …
        // Nachricht hinzufügen Ohne Notiz senden").
        "nachricht hinzufügen",
        // U id 70663204857 ("Notiz hinzufügen", older dialog).
        "notiz hinzufügen",
        // U id 70068713613 (dismiss="Verwerfen").
        "verwerfen",
        "abbrechen", // unverified
        "schließen", // unverified
    ],
    limit_alert_texts: &[
        // linkedin-dom.md §4 (U test files): "Sie haben das Limit für Kontaktanfragen erreicht. Bitte versuchen
        // Sie es nächste Woche erneut."
        "limit für kontaktanfragen erreicht",
        // U id 56143107789 (strong patterns "wöchentliches limit", "limit für einladungen").
        "wöchentliche limit für einladungen", // unverified
        "limit für einladungen",
    ],
    note_quota_texts: &[
        "unbegrenzt personalisierte einladungen",   // unverified
        "kostenlosen personalisierten nachrichten", // unverified
    ],
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
