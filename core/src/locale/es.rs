//! Spanish (`<html lang="es">`). Sources: `docs/linkedin.md` §4/§6/§10 (Conectar, "Has alcanzado el
//! límite…", "vuelve a intentarlo la próxima semana"); every other string carries its source or
//! `// unverified`. "U id N" = public code whose repository the search index does not name (find_string id N),
//! retrieved 2026-11-27.

use super::AgeUnit;

/// LinkedIn's Spanish UI texts, normalized (see [`super::normalize`]).
pub const TABLE: super::LocaleTable = super::LocaleTable {
    lang: "es",
    invite_label: &[
        // U id 63529345089 (regex /^Invitar\s+a\s+(.+?)\s+a\s+conectar$/i // ES).
        ("invitar a ", " a conectar"),
    ],
    connect_text: &["conectar"],
    pending_label: &[
        (
            "pendiente, haz clic para retirar la invitación enviada a ",
            "",
        ), // unverified
        ("pendiente, haz clic", ""), // unverified (common opening)
    ],
    pending_text: &[
        // U id 56170736240 (_PENDING_LABELS "Pendiente").
        "pendiente",
    ],
    // Unverified: no Spanish capture of the Sent page; modelled on the English shape.
    withdraw_label: &[("retirar la invitación enviada a ", "")],
    withdraw_confirm_label: &[("invitación retirada enviada a ", "")],
    follow_label: &[
        ("seguir a ", ""), // unverified
        ("seguir ", ""),   // unverified (("Seguir", "") as visible text: U id 9553395097)
    ],
    send_labels: &[
        // U id 63529345089, U id 23166853064 (button[aria-label="Enviar sin nota"]), U id 29202079104.
        "enviar sin nota",
        // U id 9553395097 (send_invite "Enviar invitación"), U id 56841551642.
        "enviar invitación",
        // U id 56841551642 (t==='Enviar ahora').
        "enviar ahora",
        "enviar",
    ],
    add_note_labels: &[
        // U id 9553395097 (add_note "Agregar nota"), U id 55846685112 ("Agregar una nota").
        "agregar nota",
        "agregar una nota",
        "añadir una nota", // unverified (Spain wording; U id 63115036563 comment "¿Añadir una nota?")
    ],
    non_send_labels: &[
        "descartar", // unverified
        "cerrar",    // unverified
        "cancelar",  // unverified
    ],
    limit_alert_texts: &[
        // U id 9553395097 and U id 56285126827 ("Has alcanzado el límite semanal de invitaciones", read from
        // #ip-fuse-limit-alert__header).
        "has alcanzado el límite semanal de invitaciones",
        // docs/linkedin.md §4, §10 quote "Has alcanzado el límite…" (the rest of that sentence is
        // not quoted).
        "has alcanzado el límite",
    ],
    // docs/linkedin.md §4 ("vuelve a intentarlo la próxima semana").
    limit_alert_more: &["vuelve a intentarlo la próxima semana"],
    note_quota_texts: &[
        "envía invitaciones personalizadas ilimitadas con premium", // unverified
        "ya no te quedan notas personalizadas gratuitas",           // unverified
    ],
    note_quota_more: &[],
    alert_buttons: &[
        "entendido", // unverified (LinkedIn's Spanish "Got it")
        "descartar", // unverified
        "cerrar",    // unverified
    ],
};

/// The texts of LinkedIn's Sent and Connections pages in this language, read by the background
/// (`crate::sent_page`); kept apart from [`TABLE`] so the content script, which only reports them,
/// does not carry them (docs/architecture.md §8).
pub const PAGES: super::PageTexts = super::PageTexts {
    lang: "es",
    // Sent and Connections pages: no Spanish capture found; every text below is unverified ("invitación"
    // is feminine, hence "enviada"; the masculine form is kept in case).
    sent_age: super::AgeTexts {
        ago: &[("enviada hace ", ""), ("enviado hace ", "")], // unverified
        today: &["enviada hoy", "enviado hoy"],               // unverified
        yesterday: &["enviada ayer", "enviado ayer"],         // unverified
    },
    connected_age: super::AgeTexts {
        ago: &[("conectado hace ", ""), ("conectada hace ", "")], // unverified
        today: &["conectado hoy", "conectada hoy"],               // unverified
        yesterday: &["conectado ayer", "conectada ayer"],         // unverified
    },
    connected_on: &[("conectado el ", ""), ("conectada el ", "")], // unverified
    // unverified: the unit words and month names are the language's own; LinkedIn's use of them is not seen.
    age_units: &[
        ("segundo", AgeUnit::Second),
        ("segundos", AgeUnit::Second),
        ("minuto", AgeUnit::Minute),
        ("minutos", AgeUnit::Minute),
        ("hora", AgeUnit::Hour),
        ("horas", AgeUnit::Hour),
        ("día", AgeUnit::Day),
        ("días", AgeUnit::Day),
        ("semana", AgeUnit::Week),
        ("semanas", AgeUnit::Week),
        ("mes", AgeUnit::Month),
        ("meses", AgeUnit::Month),
        ("año", AgeUnit::Year),
        ("años", AgeUnit::Year),
    ],
    age_one: &["un", "una"], // unverified
    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    total_labels: &["personas"], // unverified
};
