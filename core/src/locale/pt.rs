//! Portuguese (`<html lang="pt">`, LinkedIn's pt-BR UI). Sources: `docs/linkedin.md` §10 ("Enviar
//! agora", "Enviar sem nota", "Convidar …", "Adicionar nota", "Enviar convite", from
//! AndersonAlvesCoelho/linkedin-connection `config/constants.js`); every other string carries its source or
//! `// unverified`. "U id N" = public code whose repository the search index does not name (find_string
//! id N), retrieved 2026-11-27.

use super::AgeUnit;

/// LinkedIn's Portuguese UI texts, normalized (see [`super::normalize`]).
pub const TABLE: super::LocaleTable = super::LocaleTable {
    lang: "pt",
    invite_label: &[
        // U id 55881698400 (comment: catches "Invite Jane to connect" / "Convidar Jane para se conectar");
        // AndersonAlvesCoelho/linkedin-connection config/constants.js @2eac39c (button[aria-label*='para se
        // conectar'], date not established).
        ("convidar ", " para se conectar"),
    ],
    connect_text: &[
        "conectar",
        // U id 56170736240 (_CONNECT_LABELS "Conectar-se").
        "conectar-se",
    ],
    pending_label: &[
        ("pendente, clique para retirar o convite enviado para ", ""), // unverified
        ("pendente, clique", ""), // unverified (common opening)
    ],
    pending_text: &[
        // U id 69677049018 (/^(Pendente|Pending)$/), U id 55497320165 (button[aria-label*="Pendente"]).
        "pendente",
    ],
    // Unverified: no Portuguese capture of the Sent page; modelled on the English shape.
    withdraw_label: &[("retirar convite enviado para ", "")],
    withdraw_confirm_label: &[("convite retirado enviado para ", "")],
    follow_label: &[
        // AndersonAlvesCoelho/linkedin-connection config/constants.js @2eac39c (button[aria-label*='Seguir']).
        ("seguir ", ""),
    ],
    send_labels: &[
        "enviar sem nota",
        // U id 55846685112 ('button:has-text("Enviar sem uma nota")').
        "enviar sem uma nota",
        "enviar convite",
        "enviar agora",
        "enviar",
    ],
    add_note_labels: &[
        "adicionar nota",
        // U id 55846685112 ('button:has-text("Adicionar uma nota")').
        "adicionar uma nota",
    ],
    non_send_labels: &[
        // U id 9553395097 (close button aria-label 'Fechar'), U id 53367757078 ("[aria-label='Fechar']").
        "fechar",
        "descartar", // unverified
        "cancelar",  // unverified
    ],
    limit_alert_texts: &[
        // U id 9553395097 ("Você alcançou o limite semanal de convites").
        "você alcançou o limite semanal de convites",
        "você atingiu o limite semanal de convites", // unverified (the browser sensor test's wording)
    ],
    limit_alert_more: &[
        // Unverified: a sentence around U id 66523398968's fragment "mais convites na próxima semana" (beside
        // "more invitations next week"; en "You can send more invitations next week.", U id 60017269838).
        "você pode enviar mais convites na próxima semana",
    ],
    note_quota_texts: &[
        "envie convites personalizados ilimitados com o premium", // unverified
        "você não tem mais notas personalizadas gratuitas",       // unverified
    ],
    note_quota_more: &[],
    alert_buttons: &[
        "entendi", // unverified (LinkedIn's Portuguese "Got it")
        // U id 9553395097 (close button aria-label 'Fechar'), U id 53367757078.
        "fechar",
        "descartar", // unverified
    ],
};

/// The texts of LinkedIn's Sent and Connections pages in this language, read by the background
/// (`crate::sent_page`); kept apart from [`TABLE`] so the content script, which only reports them,
/// does not carry them (docs/architecture.md §8).
pub const PAGES: super::PageTexts = super::PageTexts {
    lang: "pt",
    // Sent and Connections pages: no Portuguese capture found; every text below is unverified ("convite" is
    // masculine, hence "enviado"; the feminine form is kept in case).
    sent_age: super::AgeTexts {
        ago: &[("enviado há ", ""), ("enviada há ", "")], // unverified
        today: &["enviado hoje", "enviada hoje"],         // unverified
        yesterday: &["enviado ontem", "enviada ontem"],   // unverified
    },
    connected_age: super::AgeTexts {
        ago: &[("conectado há ", ""), ("conectada há ", "")], // unverified
        today: &["conectado hoje", "conectada hoje"],         // unverified
        yesterday: &["conectado ontem", "conectada ontem"],   // unverified
    },
    connected_on: &[("conectado em ", ""), ("conectada em ", "")], // unverified
    // unverified: the unit words and month names are the language's own; LinkedIn's use of them is not seen.
    age_units: &[
        ("segundo", AgeUnit::Second),
        ("segundos", AgeUnit::Second),
        ("minuto", AgeUnit::Minute),
        ("minutos", AgeUnit::Minute),
        ("hora", AgeUnit::Hour),
        ("horas", AgeUnit::Hour),
        ("dia", AgeUnit::Day),
        ("dias", AgeUnit::Day),
        ("semana", AgeUnit::Week),
        ("semanas", AgeUnit::Week),
        ("mês", AgeUnit::Month),
        ("meses", AgeUnit::Month),
        ("ano", AgeUnit::Year),
        ("anos", AgeUnit::Year),
    ],
    age_one: &["um", "uma"], // unverified
    months: [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    total_labels: &["pessoas"], // unverified
};
