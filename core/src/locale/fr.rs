//! French (`<html lang="fr">`). Sources: `docs/linkedin.md` §10 (Se connecter, Suivre, En attente,
//! Plus); every other string carries its source or `// unverified`. "U id N" = public code whose repository
//! the search index does not name (find_string id N), retrieved 2026-11-27.

use super::AgeUnit;

/// LinkedIn's French UI texts, normalized (see [`super::normalize`]).
pub const TABLE: super::LocaleTable = super::LocaleTable {
    lang: "fr",
    invite_label: &[
        // "Inviter <Prénom Nom> à rejoindre votre réseau": U id 52470021707 (an agent skill file: "En français,
        // l'aria-label typique est 'Inviter [Prénom Nom] à rejoindre votre réseau'"), U id 71293484891
        // (startswith("Inviter") or "à rejoindre votre réseau" in the label).
        ("inviter ", " à rejoindre votre réseau"),
        // U id 20355978118 ("Invitez X à rejoindre votre réseau").
        ("invitez ", " à rejoindre votre réseau"),
        // U id 63529345089 (regex /^Se\s+mettre\s+en\s+relation\s+avec\s+(.+)$/).
        ("se mettre en relation avec ", ""),
    ],
    connect_text: &[
        "se connecter",
        // U id 63529345089 (CONNECT_TEXTS 'Se mettre en relation' // FR).
        "se mettre en relation",
    ],
    pending_label: &[
        (
            "en attente, cliquez pour retirer l'invitation envoyée à ",
            "",
        ), // unverified
        ("en attente, cliquez", ""), // unverified (common opening)
    ],
    pending_text: &["en attente"],
    // Unverified: no French capture of the Sent page; modelled on the English shape.
    withdraw_label: &[("retirer l'invitation envoyée à ", "")],
    withdraw_confirm_label: &[("invitation retirée envoyée à ", "")],
    follow_label: &[("suivre ", "")], // unverified (visible text "Suivre" is in docs/linkedin.md §10)
    send_labels: &[
        // U id 63529345089 (SEND_WITHOUT_NOTE 'Envoyer sans note' // FR), U id 52071049849
        // (button[aria-label="Envoyer sans note"]), U id 66035059071.
        "envoyer sans note",
        // U id 56170736240 (_SEND_LABELS "Envoyer l'invitation").
        "envoyer l'invitation",
        // U id 70663204857 (ariaIncludes "envoyer maintenant").
        "envoyer maintenant",
        // U id 52071049849 (button[aria-label="Envoyer"]), U id 66035059071.
        "envoyer",
    ],
    // U id 66035059071 (span:has-text('Ajouter une note')), U id 22377272764.
    add_note_labels: &["ajouter une note"],
    non_send_labels: &[
        "ignorer", // unverified (LinkedIn's French "Dismiss")
        "fermer",  // unverified
        "annuler", // unverified
    ],
    // Unverified: no French capture of the limit alerts; modelled on the English sentences.
    limit_alert_texts: &[
        "vous avez atteint la limite hebdomadaire d'invitations",
        "vous n'avez plus d'invitations disponibles pour le moment",
    ],
    limit_alert_more: &[],
    note_quota_texts: &[
        "envoyez des invitations personnalisées illimitées avec premium", // unverified
        "vous n'avez plus de notes personnalisées gratuites",             // unverified
    ],
    note_quota_more: &[],
    alert_buttons: &[
        "j'ai compris", // unverified (LinkedIn's French "Got it")
        "ignorer",      // unverified
        "fermer",       // unverified
    ],
};

/// The texts of LinkedIn's Sent and Connections pages in this language, read by the background
/// (`crate::sent_page`); kept apart from [`TABLE`] so the content script, which only reports them,
/// does not carry them (docs/architecture.md §8).
pub const PAGES: super::PageTexts = super::PageTexts {
    lang: "fr",
    // Sent and Connections pages: no French capture found; every text below is unverified (LinkedIn's
    // French "invitation" is feminine, hence "envoyée"; the masculine form is kept in case).
    sent_age: super::AgeTexts {
        ago: &[("envoyée il y a ", ""), ("envoyé il y a ", "")], // unverified
        today: &["envoyée aujourd'hui", "envoyé aujourd'hui"],   // unverified
        yesterday: &["envoyée hier", "envoyé hier"],             // unverified
    },
    connected_age: super::AgeTexts {
        ago: &[("connecté il y a ", ""), ("connectée il y a ", "")], // unverified
        today: &["connecté aujourd'hui", "connectée aujourd'hui"],   // unverified
        yesterday: &["connecté hier", "connectée hier"],             // unverified
    },
    connected_on: &[
        ("connecté le ", ""),    // unverified
        ("connectée le ", ""),   // unverified
        ("connecté(e) le ", ""), // unverified
    ],
    // unverified: the unit words and month names are the language's own; LinkedIn's use of them is not seen.
    age_units: &[
        ("seconde", AgeUnit::Second),
        ("secondes", AgeUnit::Second),
        ("minute", AgeUnit::Minute),
        ("minutes", AgeUnit::Minute),
        ("heure", AgeUnit::Hour),
        ("heures", AgeUnit::Hour),
        ("jour", AgeUnit::Day),
        ("jours", AgeUnit::Day),
        ("semaine", AgeUnit::Week),
        ("semaines", AgeUnit::Week),
        ("mois", AgeUnit::Month),
        ("an", AgeUnit::Year),
        ("ans", AgeUnit::Year),
        ("année", AgeUnit::Year),
        ("années", AgeUnit::Year),
    ],
    age_one: &["un", "une"], // unverified
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    total_labels: &["personnes"], // seen in public code (docs/linkedin.md §7.2)
};
