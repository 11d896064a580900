//! Native tests of the element classifier with the five locale tables: Connect anchors and labels,
//! Pending, never-Connect controls, commit buttons, limit alerts, and robustness on arbitrary input.

use invite_guard_core::classify::{
    alert_kind, classify, commit_button, invite_label_name, is_follow_label, other_language,
    urn_from_topcard_key, vanity_from_href, vanity_from_profile_href, Commit, Control, Facts,
    INVITE_HREF_MARKERS,
};
use invite_guard_core::ledger::AlertKind;
use invite_guard_core::locale::{is_supported, normalize, table_for, LocaleTable, TABLES};
use invite_guard_core::profile::is_valid_vanity;
use proptest::prelude::*;

mod common;
use common::table_choice;

const LANGS: [&str; 5] = ["en", "de", "fr", "es", "pt"];

fn t(lang: &str) -> &'static LocaleTable {
    let t = table_for(lang);
    assert_eq!(t.lang, lang);
    t
}

/// Both the page's own table and "language unknown" (every table).
fn choices(lang: &str) -> [Option<&'static LocaleTable>; 2] {
    [Some(t(lang)), None]
}

fn anchor<'a>(href: &'a str, label: Option<&'a str>) -> Facts<'a> {
    Facts {
        tag: "a",
        href: Some(href),
        aria_label: label,
        ..Facts::default()
    }
}

fn button<'a>(label: Option<&'a str>, text: &'a str) -> Facts<'a> {
    Facts {
        tag: "button",
        aria_label: label,
        text,
        ..Facts::default()
    }
}

fn connect(vanity: Option<&str>, name: Option<&str>) -> Control {
    Control::Connect {
        vanity: vanity.map(str::to_string),
        name: name.map(str::to_string),
    }
}

fn pending(vanity: Option<&str>, name: Option<&str>) -> Control {
    Control::Pending {
        vanity: vanity.map(str::to_string),
        name: name.map(str::to_string),
    }
}

fn is_connect(c: &Control) -> bool {
    matches!(c, Control::Connect { .. })
}

#[test]
fn tables_are_found_by_html_lang() {
    assert_eq!(table_for("de-DE").lang, "de");
    assert_eq!(table_for("pt_BR").lang, "pt");
    assert_eq!(table_for("FR").lang, "fr");
    assert_eq!(table_for("es-419").lang, "es");
    assert_eq!(table_for("").lang, "en");
    assert_eq!(table_for("ja").lang, "en");
    assert!(is_supported("de-AT") && is_supported("en") && is_supported("PT-br"));
    assert!(!is_supported("ja") && !is_supported(""));
    assert_eq!(TABLES.len(), 5);
    for lang in LANGS {
        assert!(TABLES.iter().any(|t| t.lang == lang));
    }
}

#[test]
fn normalize_folds_typographic_variants() {
    assert_eq!(
        normalize("  You\u{2019}ve\u{00A0}reached \n the  LIMIT "),
        "you've reached the limit"
    );
    assert_eq!(
        normalize("Envoyer l\u{2019}invitation"),
        "envoyer l'invitation"
    );
    assert_eq!(normalize(""), "");
    assert_eq!(normalize(" \u{202F}\t"), "");
}

// ---- Connect anchors ---------------------------------------------------------------------------------

#[test]
fn custom_invite_anchors_are_connect_with_the_vanity() {
    for href in [
        "https://www.linkedin.com/preload/custom-invite/?vanityName=ada-lovelace",
        "/preload/custom-invite/?vanityName=ada-lovelace",
        "https://www.linkedin.com/preload/search-custom-invite/?vanityName=ada-lovelace",
        "https://www.linkedin.com/preload/search-custom-invite/?trk=x&vanityName=ada-lovelace&b=1",
        "https://www.linkedin.com/preload/custom-invite/?vanityName=ada-lovelace#frag",
    ] {
        for table in [None, Some(t("en")), Some(t("de"))] {
            assert_eq!(
                classify(&anchor(href, None), table),
                connect(Some("ada-lovelace"), None),
                "{href}"
            );
        }
    }
}

#[test]
fn custom_invite_anchors_with_percent_encoded_vanities() {
    for (href, want) in [
        (
            "/preload/custom-invite/?vanityName=j%C3%BCrgen-m%C3%BCller",
            "jürgen-müller",
        ),
        (
            "/preload/search-custom-invite/?vanityName=%E7%8E%8B%E5%B0%8F%E6%98%8E",
            "王小明",
        ),
        ("/preload/custom-invite/?vanityName=jos%c3%a9", "josé"),
        ("/preload/custom-invite/?vanityName=a%2Db", "a-b"),
    ] {
        assert_eq!(
            classify(&anchor(href, None), None),
            connect(Some(want), None),
            "{href}"
        );
        assert_eq!(vanity_from_href(href).as_deref(), Some(want));
    }
}

#[test]
fn custom_invite_anchors_carry_the_label_name() {
    let f = anchor(
        "https://www.linkedin.com/preload/search-custom-invite/?vanityName=ada-lovelace",
        Some("Invite Ada Lovelace to connect"),
    );
    assert_eq!(
        classify(&f, Some(t("en"))),
        connect(Some("ada-lovelace"), Some("Ada Lovelace"))
    );
    assert_eq!(
        classify(&f, None),
        connect(Some("ada-lovelace"), Some("Ada Lovelace"))
    );
    // No vanity in the URL: still a Connect, locale-free.
    let f = anchor("/preload/custom-invite/", Some("whatever"));
    assert_eq!(classify(&f, Some(t("fr"))), connect(None, None));
}

#[test]
fn vanity_helpers() {
    assert_eq!(
        vanity_from_href("/preload/custom-invite/?vanityName="),
        None
    );
    assert_eq!(vanity_from_href("/preload/custom-invite/"), None);
    assert_eq!(
        vanity_from_href("/preload/custom-invite/?vanityName=%ZZ"),
        None
    );
    assert_eq!(
        vanity_from_href("/x?a=1&vanityName=bob"),
        Some("bob".into())
    );
    assert_eq!(
        vanity_from_profile_href("https://www.linkedin.com/in/ada-lovelace/"),
        Some("ada-lovelace".into())
    );
    assert_eq!(
        vanity_from_profile_href("/in/ada-lovelace?miniProfileUrn=x"),
        Some("ada-lovelace".into())
    );
    assert_eq!(
        vanity_from_profile_href("/in/j%C3%BCrgen/"),
        Some("jürgen".into())
    );
    assert_eq!(vanity_from_profile_href("/in/"), None);
    assert_eq!(vanity_from_profile_href("/company/acme/"), None);
}

/// A vanity that is not a profile name (a path, a query, spaces) is no vanity: a link built from it
/// would lead elsewhere on LinkedIn (finding 8).
#[test]
fn vanity_helpers_refuse_what_is_not_a_profile_name() {
    for enc in [
        "..%2F..%2Fredir%2Fredirect%3Furl%3Dhttps%3A%2F%2Fevil.example",
        "..",
        ".",
        "%2E%2E",
        "a%2Fb",
        "a%5Cb",
        "a%20b",
        "a%3Fb",
        "a%23b",
        "a%25b",
        "a%22b",
        "a%0Ab",
    ] {
        let href = format!("/preload/custom-invite/?vanityName={enc}");
        assert_eq!(vanity_from_href(&href), None, "{href}");
        assert_eq!(
            classify(&anchor(&href, None), None),
            connect(None, None),
            "still a Connect, without a vanity: {href}"
        );
        let profile = format!("https://www.linkedin.com/in/{enc}/");
        assert_eq!(vanity_from_profile_href(&profile), None, "{profile}");
    }
    assert_eq!(
        vanity_from_href("/preload/custom-invite/?vanityName=ada.lovelace"),
        Some("ada.lovelace".into())
    );
    assert_eq!(
        vanity_from_profile_href("/in/ada.lovelace/"),
        Some("ada.lovelace".into())
    );
}

// ---- Connect labels ---------------------------------------------------------------------------------

#[test]
fn invite_labels_in_each_language_are_connect_with_the_name() {
    let cases: [(&str, &str); 8] = [
        ("en", "Invite Ada Lovelace to connect"),
        ("de", "Ada Lovelace als Kontakt einladen"),
        ("fr", "Inviter Ada Lovelace à rejoindre votre réseau"),
        ("fr", "Invitez Ada Lovelace à rejoindre votre réseau"),
        ("fr", "Se mettre en relation avec Ada Lovelace"),
        ("es", "Invitar a Ada Lovelace a conectar"),
        ("pt", "Convidar Ada Lovelace para se conectar"),
        ("en", "Invite\u{00A0}Ada  Lovelace to\u{00A0}connect"),
    ];
    for (lang, label) in cases {
        for table in choices(lang) {
            let got = classify(&button(Some(label), ""), table);
            assert_eq!(
                got,
                connect(None, Some("Ada Lovelace")),
                "{lang}: {label:?} with {:?}",
                table.map(|t| t.lang)
            );
            // Also on an <a> or a menu item.
            let f = Facts {
                tag: "div",
                role: Some("menuitem"),
                ..button(Some(label), "")
            };
            assert_eq!(classify(&f, table), connect(None, Some("Ada Lovelace")));
        }
    }
}

#[test]
fn every_table_invite_shape_yields_the_name() {
    for table in TABLES {
        for (pre, suf) in table.invite_label {
            let label = format!("{pre}Zoë O'Brien-Núñez{suf}");
            for choice in [Some(table), None] {
                assert_eq!(
                    invite_label_name(&label, choice).as_deref(),
                    Some("Zoë O'Brien-Núñez"),
                    "{}: {label:?}",
                    table.lang
                );
            }
            // The bare shape without a name is not an invite label.
            let bare = format!("{pre}{suf}");
            assert_eq!(
                invite_label_name(&bare, Some(table)),
                None,
                "{}: {bare:?}",
                table.lang
            );
        }
    }
}

#[test]
fn visible_connect_text_is_connect() {
    for (lang, text) in [
        ("en", "Connect"),
        ("de", "Vernetzen"),
        ("fr", "Se connecter"),
        ("fr", "Se mettre en relation"),
        ("es", "Conectar"),
        ("pt", "Conectar"),
        ("pt", "Conectar-se"),
    ] {
        for table in choices(lang) {
            assert_eq!(
                classify(&button(None, text), table),
                connect(None, None),
                "{lang} {text}"
            );
            let item = Facts {
                tag: "div",
                role: Some("menuitem"),
                ..button(None, text)
            };
            assert_eq!(
                classify(&item, table),
                connect(None, None),
                "{lang} {text} (menu item)"
            );
        }
    }
    // Text on a non-clickable element says nothing.
    let span = Facts {
        tag: "span",
        ..button(None, "Connect")
    };
    assert_eq!(classify(&span, None), Control::Unknown);
}

// ---- never Connect -----------------------------------------------------------------------------------

#[test]
fn follow_controls_are_never_connect() {
    for (lang, label, text) in [
        ("en", "Follow Ada Lovelace", "Follow"),
        ("de", "Ada Lovelace folgen", "Folgen"),
        ("de", "Folgen Ada Lovelace", "Folgen"),
        ("fr", "Suivre Ada Lovelace", "Suivre"),
        ("es", "Seguir a Ada Lovelace", "Seguir"),
        ("pt", "Seguir Ada Lovelace", "Seguir"),
    ] {
        for table in choices(lang) {
            let c = classify(&button(Some(label), text), table);
            assert_eq!(c, Control::NotConnect, "{lang}: {label}");
        }
    }
}

#[test]
fn the_notification_bell_is_never_connect() {
    for table in [None, Some(t("en"))] {
        for label in [
            "Manage notifications about Ada Lovelace",
            "Turn on notifications for Ada",
        ] {
            assert_eq!(
                classify(&button(Some(label), ""), table),
                Control::NotConnect
            );
            assert_eq!(
                classify(&button(Some(label), "Notifications"), table),
                Control::NotConnect
            );
        }
    }
}

#[test]
fn message_and_notification_links_are_never_connect() {
    for href in [
        "https://www.linkedin.com/messaging/compose/?profileUrn=urn%3Ali%3Afsd_profile%3AACoAA&recipient=ACoAA",
        "/messaging/compose/?recipient=ACoAAB",
        "https://www.linkedin.com/notifications/",
        "/notifications/?filter=all",
        "https://www.linkedin.com/in/me/edit/intro/",
    ] {
        for table in [None, Some(t("en")), Some(t("pt"))] {
            for label in [None, Some("Message Ada"), Some("Invite Ada to connect")] {
                for text in ["", "Message", "Connect"] {
                    let f = Facts { tag: "a", href: Some(href), aria_label: label, text, ..Facts::default() };
                    assert_eq!(classify(&f, table), Control::NotConnect, "{href} {label:?} {text:?}");
                }
            }
        }
    }
}

/// Links whose text (or label) says Connect but which lead somewhere other than an invitation: a
/// help article, a group, an event, a company page, a profile. The guard stops only what sends or
/// opens an invitation (finding 10).
const ELSEWHERE: [&str; 7] = [
    "https://www.linkedin.com/help/linkedin/answer/a541651",
    "/groups/123/",
    "https://www.linkedin.com/events/7123456789012345678/",
    "/company/acme/",
    "https://www.linkedin.com/in/ada-lovelace/",
    "/in/x/",
    "https://example.com/connect",
];

#[test]
fn links_that_lead_elsewhere_are_never_connect() {
    for (lang, text, label) in [
        ("en", "Connect", "Invite Ada Lovelace to connect"),
        ("de", "Vernetzen", "Ada Lovelace als Kontakt einladen"),
    ] {
        for table in choices(lang) {
            for href in ELSEWHERE {
                for (aria, body) in [(None, text), (Some(label), ""), (Some(label), text)] {
                    let f = Facts {
                        text: body,
                        ..anchor(href, aria)
                    };
                    assert_eq!(
                        classify(&f, table),
                        Control::NotConnect,
                        "{lang} {href} {aria:?} {body:?}"
                    );
                    let item = Facts {
                        role: Some("menuitem"),
                        ..f
                    };
                    assert_eq!(
                        classify(&item, table),
                        Control::NotConnect,
                        "{lang} {href} (menu item)"
                    );
                }
            }
        }
    }
}

/// A Connect button nested inside such a link (`<a href="/groups/123/"><button>Connect</button></a>`)
/// is the link's, not an invitation's: `Facts::link` is the enclosing link's href.
#[test]
fn a_connect_inside_a_link_elsewhere_is_never_connect() {
    for (lang, text, label) in [
        ("en", "Connect", "Invite Ada Lovelace to connect"),
        ("de", "Vernetzen", "Ada Lovelace als Kontakt einladen"),
    ] {
        for table in choices(lang) {
            for link in ELSEWHERE {
                for (aria, body) in [(None, text), (Some(label), ""), (Some(label), text)] {
                    let f = Facts {
                        link: Some(link),
                        ..button(aria, body)
                    };
                    assert_eq!(
                        classify(&f, table),
                        Control::NotConnect,
                        "{lang} in {link}: {aria:?} {body:?}"
                    );
                    let item = Facts {
                        tag: "div",
                        role: Some("menuitem"),
                        ..f
                    };
                    assert_eq!(
                        classify(&item, table),
                        Control::NotConnect,
                        "{lang} in {link} (menu item)"
                    );
                }
            }
            // No enclosing link, or one that leads nowhere: the search pages' Connect button.
            for link in [None, Some("#"), Some(""), Some("javascript:void(0)")] {
                let f = Facts {
                    link,
                    ..button(None, text)
                };
                assert_eq!(
                    classify(&f, table),
                    connect(None, None),
                    "{lang} in {link:?}"
                );
                let f = Facts {
                    link,
                    ..button(Some(label), "")
                };
                assert_eq!(
                    classify(&f, table),
                    connect(None, Some("Ada Lovelace")),
                    "{lang} in {link:?}"
                );
            }
            // The More menu's labelled item inside the custom-invite anchor is a Connect.
            for link in [
                "https://www.linkedin.com/preload/custom-invite/?vanityName=ada-lovelace",
                "/preload/search-custom-invite/?vanityName=ada-lovelace",
            ] {
                let f = Facts {
                    tag: "div",
                    link: Some(link),
                    ..button(Some(label), "")
                };
                assert_eq!(
                    classify(&f, table),
                    connect(None, Some("Ada Lovelace")),
                    "{lang} in {link}"
                );
            }
            // The custom-invite anchor is a Connect by its own URL, wherever it sits.
            for link in [None, Some(ELSEWHERE[1])] {
                let f = Facts {
                    link,
                    ..anchor(
                        "/preload/custom-invite/?vanityName=ada-lovelace",
                        Some(label),
                    )
                };
                assert_eq!(
                    classify(&f, table),
                    connect(Some("ada-lovelace"), Some("Ada Lovelace")),
                    "{lang} in {link:?}"
                );
            }
        }
    }
}

/// Hrefs that lead nowhere (in-page, script, empty) leave a Connect text a Connect.
#[test]
fn links_that_lead_nowhere_keep_their_connect_text() {
    for (lang, text) in [("en", "Connect"), ("de", "Vernetzen")] {
        for table in choices(lang) {
            for href in [
                "#",
                "#connect",
                "",
                "javascript:void(0)",
                " JavaScript:void(0)",
            ] {
                let f = Facts {
                    text,
                    ..anchor(href, None)
                };
                assert_eq!(classify(&f, table), connect(None, None), "{lang} {href:?}");
            }
        }
    }
}

#[test]
fn other_labelled_controls_are_not_connect() {
    for label in [
        "More actions",
        "Message Ada Lovelace",
        "Send profile in a message",
        "Weitere Aktionen",
    ] {
        for table in [None, Some(t("en")), Some(t("de"))] {
            let c = classify(&button(Some(label), "More"), table);
            assert!(!is_connect(&c), "{label}: {c:?}");
        }
    }
    assert_eq!(classify(&button(None, "Message"), None), Control::Unknown);
    assert_eq!(classify(&Facts::default(), None), Control::Unknown);
}

// ---- Pending ---------------------------------------------------------------------------------------

#[test]
fn pending_labels_are_pending_with_the_name() {
    for (lang, label) in [
        (
            "en",
            "Pending, click to withdraw invitation sent to Ada Lovelace",
        ),
        (
            "fr",
            "En attente, cliquez pour retirer l\u{2019}invitation envoyée à Ada Lovelace",
        ),
        (
            "es",
            "Pendiente, haz clic para retirar la invitación enviada a Ada Lovelace",
        ),
        (
            "pt",
            "Pendente, clique para retirar o convite enviado para Ada Lovelace",
        ),
    ] {
        for table in choices(lang) {
            assert_eq!(
                classify(&button(Some(label), "Pending"), table),
                pending(None, Some("Ada Lovelace")),
                "{lang}"
            );
        }
    }
    // German: the name sits inside the sentence; it is Pending all the same.
    let de = "Ausstehend, klicken Sie, um die an Ada Lovelace gesendete Einladung zurückzuziehen";
    for table in choices("de") {
        assert!(matches!(
            classify(&button(Some(de), "Ausstehend"), table),
            Control::Pending { .. }
        ));
    }
}

#[test]
fn pending_anchor_carries_the_profile_vanity() {
    let f = Facts {
        tag: "a",
        href: Some("https://www.linkedin.com/in/ada-lovelace/"),
        aria_label: Some("Pending, click to withdraw invitation sent to Ada Lovelace"),
        role: None,
        text: "Pending",
        link: None,
    };
    assert_eq!(
        classify(&f, Some(t("en"))),
        pending(Some("ada-lovelace"), Some("Ada Lovelace"))
    );
}

#[test]
fn pending_text_is_pending() {
    for (lang, text) in [
        ("en", "Pending"),
        ("de", "Ausstehend"),
        ("fr", "En attente"),
        ("es", "Pendiente"),
        ("pt", "Pendente"),
    ] {
        for table in choices(lang) {
            assert_eq!(
                classify(&button(None, text), table),
                pending(None, None),
                "{lang}"
            );
        }
    }
}

// ---- commit buttons ---------------------------------------------------------------------------------

#[test]
fn send_buttons_in_each_language() {
    let cases: [(&str, &[&str]); 5] = [
        (
            "en",
            &["Send", "Send without a note", "Send invitation", "Send now"],
        ),
        (
            "de",
            &[
                "Senden",
                "Ohne Notiz senden",
                "Ohne Nachricht senden",
                "Einladung senden",
                "Jetzt senden",
            ],
        ),
        (
            "fr",
            &[
                "Envoyer",
                "Envoyer sans note",
                "Envoyer l\u{2019}invitation",
                "Envoyer maintenant",
            ],
        ),
        (
            "es",
            &[
                "Enviar",
                "Enviar sin nota",
                "Enviar invitación",
                "Enviar ahora",
            ],
        ),
        (
            "pt",
            &[
                "Enviar",
                "Enviar sem nota",
                "Enviar sem uma nota",
                "Enviar convite",
                "Enviar agora",
            ],
        ),
    ];
    for (lang, labels) in cases {
        for table in choices(lang) {
            for l in labels {
                assert_eq!(
                    commit_button(Some(l), "", table),
                    Commit::Send,
                    "{lang}: label {l}"
                );
                assert_eq!(
                    commit_button(None, l, table),
                    Commit::Send,
                    "{lang}: text {l}"
                );
                assert_eq!(
                    commit_button(Some(""), &l.to_uppercase(), table),
                    Commit::Send,
                    "{lang}: {l} upper"
                );
            }
        }
    }
}

#[test]
fn non_send_buttons_in_each_language() {
    let cases: [(&str, &[&str]); 5] = [
        ("en", &["Dismiss", "Cancel", "Close", "Got it"]),
        ("de", &["Verwerfen"]),
        ("fr", &["Ignorer", "Fermer"]),
        ("es", &["Descartar"]),
        ("pt", &["Descartar", "Fechar"]),
    ];
    for (lang, labels) in cases {
        for table in choices(lang) {
            for l in labels {
                assert_eq!(
                    commit_button(Some(l), "", table),
                    Commit::NotSend,
                    "{lang}: {l}"
                );
                assert_eq!(
                    commit_button(None, l, table),
                    Commit::NotSend,
                    "{lang}: {l}"
                );
            }
        }
    }
}

/// The invite dialog's "Add a note": the content script remembers the click, since a Premium upsell
/// right after it is the free-note quota refusing the note (docs/linkedin.md §3).
#[test]
fn add_note_buttons_in_each_language() {
    let cases: [(&str, &[&str]); 5] = [
        ("en", &["Add a note"]),
        ("de", &["Notiz hinzufügen", "Nachricht hinzufügen"]),
        ("fr", &["Ajouter une note"]),
        (
            "es",
            &["Agregar una nota", "Agregar nota", "Añadir una nota"],
        ),
        ("pt", &["Adicionar uma nota", "Adicionar nota"]),
    ];
    for (lang, labels) in cases {
        for table in choices(lang) {
            for l in labels {
                assert_eq!(
                    commit_button(Some(l), "", table),
                    Commit::AddNote,
                    "{lang}: label {l}"
                );
                assert_eq!(
                    commit_button(None, l, table),
                    Commit::AddNote,
                    "{lang}: text {l}"
                );
                // The button's text says it even when its aria-label is empty.
                assert_eq!(
                    commit_button(Some(""), &format!("  {l}\n"), table),
                    Commit::AddNote,
                    "{lang}: {l} padded"
                );
            }
        }
    }
    // Another language's Add-a-note is not read by this page's table.
    assert_eq!(
        commit_button(None, "Notiz hinzufügen", Some(t("en"))),
        Commit::Unknown
    );
}

#[test]
fn every_table_commit_label_is_recognised() {
    for table in TABLES {
        for l in table.send_labels {
            assert_eq!(
                commit_button(Some(l), "", Some(table)),
                Commit::Send,
                "{}: {l}",
                table.lang
            );
            assert_eq!(
                commit_button(Some(l), "", None),
                Commit::Send,
                "{} (any language): {l}",
                table.lang
            );
        }
        for l in table.add_note_labels {
            for choice in [Some(table), None] {
                assert_eq!(
                    commit_button(Some(l), "", choice),
                    Commit::AddNote,
                    "{}: {l}",
                    table.lang
                );
            }
        }
        for l in table.non_send_labels {
            assert_eq!(
                commit_button(None, l, Some(table)),
                Commit::NotSend,
                "{}: {l}",
                table.lang
            );
            assert_eq!(
                commit_button(None, l, None),
                Commit::NotSend,
                "{} (any language): {l}",
                table.lang
            );
        }
    }
}

#[test]
fn unknown_commit_buttons() {
    for (label, text) in [
        (None, ""),
        (Some(""), ""),
        (Some("Premium"), "Try Premium for free"),
        (None, "Send a message"),
    ] {
        assert_eq!(
            commit_button(label, text, None),
            Commit::Unknown,
            "{label:?} {text:?}"
        );
    }
    // A label that says what it is wins over a text the table does not know.
    assert_eq!(
        commit_button(Some("Send now"), "✓", Some(t("en"))),
        Commit::Send
    );
}

// ---- alerts ---------------------------------------------------------------------------------------

#[test]
fn weekly_limit_alerts_in_each_language() {
    for (lang, text) in [
        ("en", "You\u{2019}ve reached the weekly invitation limit"),
        ("en", "You're out of invitations for now. Try again next week."),
        ("de", "Sie haben das Limit für Kontaktanfragen erreicht. Bitte versuchen Sie es nächste Woche erneut."),
        ("de", "Sie haben das wöchentliche Limit für Einladungen erreicht"),
        ("fr", "Vous avez atteint la limite hebdomadaire d\u{2019}invitations"),
        ("es", "Has alcanzado el límite semanal de invitaciones"),
        ("es", "Has alcanzado el límite. Vuelve a intentarlo la próxima semana."),
        ("pt", "Você alcançou o limite semanal de convites"),
    ] {
        for table in choices(lang) {
            assert_eq!(alert_kind(text, table), Some(AlertKind::Weekly), "{lang}: {text}");
        }
    }
}

#[test]
fn note_upsell_alerts_in_each_language() {
    for (lang, text) in [
        ("en", "Send unlimited personalized invites with Premium. You\u{2019}ve used all your monthly custom invites."),
        ("en", "You're out of free custom notes"),
        ("de", "Senden Sie unbegrenzt personalisierte Einladungen mit Premium"),
        ("fr", "Envoyez des invitations personnalisées illimitées avec Premium"),
        ("es", "Envía invitaciones personalizadas ilimitadas con Premium"),
        ("pt", "Envie convites personalizados ilimitados com o Premium"),
    ] {
        for table in choices(lang) {
            assert_eq!(alert_kind(text, table), Some(AlertKind::NoteQuota), "{lang}: {text}");
        }
    }
}

/// LinkedIn's whole messages as the tables list them: each headline alone, with a follow-up
/// sentence, with a button's text; with the page's table and with none; whatever the punctuation,
/// apostrophes and spacing. A follow-up or a button alone is not a message.
#[test]
fn every_table_message_is_recognised() {
    for table in TABLES {
        let kinds = [
            (
                table.limit_alert_texts,
                table.limit_alert_more,
                AlertKind::Weekly,
            ),
            (
                table.note_quota_texts,
                table.note_quota_more,
                AlertKind::NoteQuota,
            ),
        ];
        for (headlines, more, kind) in kinds {
            for h in headlines {
                let mut texts = vec![
                    h.to_string(),
                    format!("{h}."),
                    format!("  {}!\n", h.replace('\'', "\u{2019}")),
                    h.replace(' ', "\u{00A0}"),
                ];
                for m in more {
                    texts.push(format!("{h}. {m}."));
                    texts.push(format!("{h}\n{m}"));
                    texts.push(format!("{h}{m}"));
                }
                for b in table.alert_buttons {
                    texts.push(format!("{h} {b}"));
                    texts.push(format!("{h}{b}"));
                    texts.push(format!("{b} {h}"));
                    if let Some(m) = more.first() {
                        texts.push(format!("{h}. {m}. {b}"));
                    }
                }
                for text in texts {
                    for choice in [Some(table), None] {
                        assert_eq!(
                            alert_kind(&text, choice),
                            Some(kind),
                            "{}: {text:?}",
                            table.lang
                        );
                    }
                }
            }
            for part in more.iter().chain(table.alert_buttons) {
                assert_eq!(
                    alert_kind(part, Some(table)),
                    None,
                    "{}: {part} alone",
                    table.lang
                );
            }
        }
    }
}

#[test]
fn unknown_alert_text_is_none() {
    for text in [
        "",
        "   ",
        "Your invitation to Ada was sent.",
        "Invitation sent",
        "Something went wrong. Please try again.",
        "Einladung gesendet",
    ] {
        assert_eq!(alert_kind(text, None), None, "{text}");
    }
    // The limit sentence in another language than the page's is not read by that page's table.
    assert_eq!(
        alert_kind(
            "Has alcanzado el límite semanal de invitaciones",
            Some(t("en"))
        ),
        None
    );
    // A huge text (a whole page region) is not an alert.
    let huge = format!("{} weekly invitation limit", "x ".repeat(2_000));
    assert_eq!(alert_kind(&huge, None), None);
}

/// A toast or message that merely uses LinkedIn's words (a name, a company, a headline quoted in
/// an article) is not LinkedIn's alert: recording it would count a refusal that never happened.
#[test]
fn limit_words_inside_a_longer_text_are_not_an_alert() {
    for text in [
        "Jane Doe is out of invitations for now",
        "Jane Doe is out of invitations for now \u{2014} see Acme's weekly invitation limit guide",
        "Read: You've reached the weekly invitation limit \u{2014} 5 tips",
        "Acme Corp: You\u{2019}ve reached the weekly invitation limit",
        "You\u{2019}ve reached the weekly invitation limit at Acme Corp",
        "Oops. You've reached the weekly invitation limit!",
        "Acme sends unlimited personalized invites with Premium",
        "Jane Doe: You're out of free custom notes. Bypass the limit with Premium, write longer notes, and make your profile stand out.",
        "Jane Doe hat das Limit für Kontaktanfragen erreicht",
        "Acme GmbH: Sie haben das Limit für Kontaktanfragen erreicht. Bitte versuchen Sie es nächste Woche erneut.",
        "Jane Doe: Has alcanzado el límite semanal de invitaciones",
        "Você alcançou o limite semanal de convites da Acme",
    ] {
        for table in [None, Some(t("en")), Some(t("de")), Some(t("es")), Some(t("pt"))] {
            assert_eq!(alert_kind(text, table), None, "{text} with {:?}", table.map(|t| t.lang));
        }
    }
}

/// The same, for every message a table lists: a name before or after it, or a word inside it,
/// makes it something else.
#[test]
fn every_table_message_with_extra_words_is_not_an_alert() {
    for table in TABLES {
        for s in table.limit_alert_texts.iter().chain(table.note_quota_texts) {
            for text in [
                format!("Jane Doe: {s}"),
                format!("{s} \u{2014} Acme Corp"),
                format!("Read: {s} \u{2014} 5 tips"),
                format!("Ada Lovelace {s}"),
                s.replacen(' ', " Acme ", 1),
            ] {
                for choice in [Some(table), None] {
                    assert_eq!(alert_kind(&text, choice), None, "{}: {text}", table.lang);
                }
            }
        }
    }
}

/// The texts the stand-in (tests/standin/app.js) shows, as an alert's `textContent` joins them:
/// the headline alone, the upsell's title and body with or without a space between them.
#[test]
fn the_stand_ins_alert_texts_match() {
    let limit = [
        ("en", "You\u{2019}ve reached the weekly invitation limit"),
        ("de", "Sie haben das Limit für Kontaktanfragen erreicht. Bitte versuchen Sie es nächste Woche erneut."),
        ("fr", "Vous avez atteint la limite hebdomadaire d\u{2019}invitations"),
        ("es", "Has alcanzado el límite semanal de invitaciones"),
        ("pt", "Você alcançou o limite semanal de convites"),
    ];
    for (lang, text) in limit {
        for table in choices(lang) {
            assert_eq!(
                alert_kind(text, table),
                Some(AlertKind::Weekly),
                "{lang}: {text}"
            );
        }
    }
    let upsell = [
        ("en", "Send unlimited personalized invites with Premium", "You\u{2019}re out of free custom notes. Bypass the limit with Premium, write longer notes, and make your profile stand out."),
        ("de", "Mit Premium unbegrenzt personalisierte Einladungen senden", "Sie haben keine kostenlosen personalisierten Nachrichten mehr."),
        ("fr", "Envoyez des invitations personnalisées illimitées avec Premium", "Vous n\u{2019}avez plus de notes personnalisées gratuites."),
        ("es", "Envía invitaciones personalizadas ilimitadas con Premium", "Ya no te quedan notas personalizadas gratuitas."),
        ("pt", "Envie convites personalizados ilimitados com o Premium", "Você não tem mais notas personalizadas gratuitas."),
    ];
    for (lang, title, body) in upsell {
        for text in [
            title.to_string(),
            body.to_string(),
            format!("{title}\n{body}"),
            format!("{title}{body}"),
        ] {
            for table in choices(lang) {
                assert_eq!(
                    alert_kind(&text, table),
                    Some(AlertKind::NoteQuota),
                    "{lang}: {text}"
                );
            }
        }
    }
}

// ---- top card key ---------------------------------------------------------------------------------

#[test]
fn urn_from_topcard_keys() {
    assert_eq!(
        urn_from_topcard_key("com.linkedin.sdui.profile.card.refACoAAB12-x_YzTopcard").as_deref(),
        Some("ACoAAB12-x_Yz")
    );
    for bad in [
        "",
        "com.linkedin.sdui.profile.card.refTopcard",
        "com.linkedin.sdui.profile.card.refACoAAB12",
        "com.linkedin.sdui.profile.card.refXYZTopcard",
        "com.linkedin.sdui.profile.card.refACoA B12Topcard",
        "com.linkedin.sdui.profile.card.refACoAé12Topcard",
        "prefix.com.linkedin.sdui.profile.card.refACoAAB12Topcard",
        "com.linkedin.sdui.profile.card.refACoAAB12TopcardX",
    ] {
        assert_eq!(urn_from_topcard_key(bad), None, "{bad:?}");
    }
}

// ---- robustness -------------------------------------------------------------------------------------

/// Arbitrary text, biased towards the shapes the classifier looks for.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,80}",
        prop::sample::select(vec![
            "invite ",
            " to connect",
            "pending, click to withdraw invitation sent to ",
            "follow ",
            " als kontakt einladen",
            "se mettre en relation avec ",
            "%",
            "%C3",
            "%C3%",
            "vanityName=",
            "/preload/custom-invite/?",
            "/in/",
            "İ",
            "ß",
            "\u{00A0}",
            "\u{2019}",
            "ﬃ",
            "\u{0301}",
            "com.linkedin.sdui.profile.card.ref",
            "ACoA",
            "Topcard",
            "send",
            "weekly invitation limit",
        ])
        .prop_map(str::to_string),
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(vec![
                    "Invite ",
                    " to connect",
                    "Pending, click to withdraw invitation sent to ",
                    "İ",
                    "%",
                    "%E2",
                    "%82%AC",
                    "vanityName=",
                    "?",
                    "&",
                    "/in/",
                    " ",
                    "\u{00A0}",
                    "\u{2009}",
                    "À",
                    "ǅ",
                    "ﬁ",
                    "\u{1F600}",
                    "Se mettre en relation avec ",
                    " als Kontakt einladen",
                ])
                .prop_map(str::to_string),
                "\\PC{0,6}",
            ],
            0..8
        )
        .prop_map(|v| v.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn nothing_panics_on_arbitrary_input(
        tag in prop::sample::select(vec!["a", "button", "div", "span", ""]),
        href in prop::option::of(text()),
        link in prop::option::of(text()),
        label in prop::option::of(text()),
        role in prop::option::of(prop::sample::select(vec!["button", "menuitem", "link"])),
        body in text(),
        table in table_choice(),
    ) {
        let f = Facts {
            tag,
            href: href.as_deref(),
            aria_label: label.as_deref(),
            role,
            text: &body,
            link: link.as_deref(),
        };
        let _ = classify(&f, table);
        let _ = commit_button(label.as_deref(), &body, table);
        let _ = alert_kind(&body, table);
        if let Some(h) = &href {
            let _ = vanity_from_href(h);
            let _ = vanity_from_profile_href(h);
        }
        if let Some(l) = &label {
            let _ = invite_label_name(l, table);
            let _ = alert_kind(l, table);
        }
        let _ = urn_from_topcard_key(&body);
        let _ = table_for(&body);
        let _ = is_supported(&body);
        let n = normalize(&body);
        prop_assert_eq!(normalize(&n), n.clone(), "normalize is idempotent");
    }

    /// An invite label built from any table's shape around any plain name gives that name back and
    /// classifies as Connect, with the page's table and with none.
    #[test]
    fn invite_labels_round_trip_the_name(
        table in prop::sample::select(TABLES.to_vec()),
        shape in any::<prop::sample::Index>(),
        first in "[A-ZÀ-Ý][a-zà-ÿ]{0,12}",
        last in prop::option::of("[A-ZÀ-Ý][a-zà-ÿ'-]{0,12}"),
    ) {
        let (pre, suf) = shape.get(table.invite_label);
        let name = match &last { Some(l) => format!("{first} {l}"), None => first.clone() };
        let label = format!("{pre}{name}{suf}");
        for choice in [Some(table), None] {
            prop_assert_eq!(invite_label_name(&label, choice), Some(name.clone()));
            prop_assert_eq!(
                classify(&button(Some(&label), ""), choice),
                Control::Connect { vanity: None, name: Some(name.clone()) }
            );
        }
    }

    /// Whatever its text or label says, a link to any page but an invitation, or a control inside
    /// one, is never a Connect.
    #[test]
    fn links_elsewhere_are_never_connect(
        table in prop::sample::select(TABLES.to_vec()),
        which in any::<prop::sample::Index>(),
        base in prop::sample::select(vec!["https://www.linkedin.com/", "/", "//www.linkedin.com/", "https://lnkd.in/", ""]),
        path in "[a-z0-9][a-z0-9/_.?=&%-]{0,40}",
        nested in any::<bool>(),
        labelled in any::<bool>(),
        choose_table in any::<bool>(),
    ) {
        let href = format!("{base}{path}");
        prop_assume!(!INVITE_HREF_MARKERS.iter().any(|m| href.contains(m)));
        let (pre, suf) = which.get(table.invite_label);
        let label = format!("{pre}Ada Lovelace{suf}");
        let text = which.get(table.connect_text);
        let base_facts = if labelled { button(Some(&label), "") } else { button(None, text) };
        let f = if nested {
            Facts { link: Some(&href), ..base_facts }
        } else {
            Facts { tag: "a", href: Some(&href), ..base_facts }
        };
        let choice = if choose_table { Some(table) } else { None };
        prop_assert_eq!(classify(&f, choice), Control::NotConnect, "{}", href);
    }

    /// A name before or after any table's headline makes the text someone else's, not an alert.
    #[test]
    fn a_headline_beside_a_name_is_not_an_alert(
        table in prop::sample::select(TABLES.to_vec()),
        which in any::<prop::sample::Index>(),
        name in "[A-Z][a-zà-ÿ]{2,10} [A-Z][a-zà-ÿ]{2,10}",
        sep in prop::sample::select(vec![" ", ": ", " \u{2014} ", "", ". "]),
        before in any::<bool>(),
    ) {
        let headlines: Vec<&str> =
            table.limit_alert_texts.iter().chain(table.note_quota_texts).copied().collect();
        let h = which.get(&headlines);
        let text = if before { format!("{name}{sep}{h}") } else { format!("{h}{sep}{name}") };
        for choice in [Some(table), None] {
            prop_assert_eq!(alert_kind(&text, choice), None, "{}", text);
        }
    }

    /// Any text, percent-encoded byte by byte into a custom-invite URL, decodes back when it is a
    /// profile name, and is no vanity otherwise; the anchor is a Connect either way.
    #[test]
    fn percent_encoded_vanities_decode(vanity in prop_oneof![
        "[\\PC&&[^#&%?/ ]]{1,30}",
        "[\\p{Alphabetic}\\p{N}._-]{1,30}",
    ]) {
        let enc: String = vanity.bytes().map(|b| format!("%{b:02X}")).collect();
        let want = is_valid_vanity(&vanity).then(|| vanity.clone());
        let href = format!("https://www.linkedin.com/preload/search-custom-invite/?vanityName={enc}");
        prop_assert_eq!(vanity_from_href(&href), want.clone());
        prop_assert_eq!(classify(&anchor(&href, None), None), Control::Connect { vanity: want.clone(), name: None });
        prop_assert_eq!(vanity_from_profile_href(&format!("/in/{enc}/")), want);
    }
}

// ---- a page whose `<html lang>` and labels disagree (issue 12) ------------------------------------------

/// The UI words of LinkedIn's pages that are never a Connect, by language, beyond what the tables
/// hold: the notification bell's label, Message, More, Follow's and Pending's visible texts, the
/// Received page's Accept and Ignore, the Sent page's Withdraw. They are the stand-in's strings
/// (`tests/fixtures/gen-search.mjs` `STRINGS`, `tests/fixtures/make-invitation-pages.mjs` `T`),
/// `docs/linkedin.md` §2, §7, §8 and §10 for the English and German ones; the others are unverified.
/// `{}` is where the person's name goes.
const NEVER_CONNECT: [(&str, &[&str]); 5] = [
    (
        "en",
        &[
            "Manage notifications about {}",
            "Message {}",
            "Message",
            "More",
            "Follow",
            "Pending",
            "Withdraw",
            "Accept {}\u{2019}s invitation",
            "Ignore an invitation to connect from {}",
            "Accept",
            "Ignore",
            "Dismiss {}",
            "Send profile in a message",
            "More actions",
        ],
    ),
    (
        "de",
        &[
            "Benachrichtigungen über {} verwalten",
            "Nachricht",
            "Mehr",
            "Folgen",
            "Ausstehend",
            "Zurückziehen",
            "Weitere Aktionen",
        ],
    ),
    (
        "fr",
        &[
            "Gérer les notifications concernant {}",
            "Message",
            "Plus",
            "Suivre",
            "En attente",
        ],
    ),
    (
        "es",
        &[
            "Gestionar notificaciones sobre {}",
            "Mensaje",
            "Más",
            "Seguir",
            "Pendiente",
        ],
    ),
    (
        "pt",
        &[
            "Gerenciar notificações sobre {}",
            "Mensagem",
            "Mais",
            "Seguir",
            "Pendente",
        ],
    ),
];

/// Every string of `t` that names something other than a Connect, with `{}` where a name goes: its
/// Pending, Follow, Withdraw and withdraw-confirm shapes, its Pending text, the invite dialog's
/// buttons and the alerts' buttons, and the words of [`NEVER_CONNECT`].
fn not_connect_strings(t: &LocaleTable) -> Vec<String> {
    let mut out: Vec<String> = [
        t.pending_label,
        t.follow_label,
        t.withdraw_label,
        t.withdraw_confirm_label,
    ]
    .iter()
    .flat_map(|shapes| shapes.iter().map(|(pre, suf)| format!("{pre}{{}}{suf}")))
    .collect();
    for list in [
        t.pending_text,
        t.send_labels,
        t.add_note_labels,
        t.non_send_labels,
        t.alert_buttons,
    ] {
        out.extend(list.iter().map(|s| s.to_string()));
    }
    for (lang, words) in NEVER_CONNECT {
        if lang == t.lang {
            out.extend(words.iter().map(|s| s.to_string()));
        }
    }
    out
}

/// The page's table and every other, each as `<html lang>` might name it ("pt-pt" is Portuguese).
fn page_tables() -> Vec<Option<&'static LocaleTable>> {
    let mut v: Vec<Option<&'static LocaleTable>> = TABLES.iter().map(|t| Some(*t)).collect();
    v.push(None);
    v
}

/// A captured English search page served with `lang="pt-pt"` had none of its Connect buttons gated:
/// the Portuguese table rightly finds no Portuguese label. Every table's Connect (its label shapes
/// and its button words) is a Connect on a page whose `<html lang>` names any other table, and it is
/// named; the classifier says it was found by another table than the page's.
#[test]
fn connect_in_another_language_than_the_pages() {
    for t in TABLES {
        for page in TABLES {
            for (pre, suf) in t.invite_label {
                let label = format!("{pre}Ada Lovelace{suf}");
                let f = button(Some(&label), "");
                assert_eq!(
                    classify(&f, Some(page)),
                    connect(None, Some("Ada Lovelace")),
                    "a {} label on a {} page: {label}",
                    t.lang,
                    page.lang
                );
                assert_eq!(
                    other_language(&f, Some(page)),
                    page.lang != t.lang,
                    "{} label, {} page",
                    t.lang,
                    page.lang
                );
                // Unlabelled on the inside, labelled on the menu item: the same.
                let item = Facts {
                    tag: "div",
                    role: Some("menuitem"),
                    ..f
                };
                assert!(is_connect(&classify(&item, Some(page))), "{label}");
            }
            for w in t.connect_text {
                let text = w.to_uppercase();
                assert!(
                    is_connect(&classify(&button(None, &text), Some(page))),
                    "the {} word {w} on a {} page",
                    t.lang,
                    page.lang
                );
            }
        }
    }
    // The locale-free anchor is found by no table: it is never "another language".
    let a = anchor(
        "/preload/search-custom-invite/?vanityName=ada",
        Some("Invite Ada to connect"),
    );
    assert!(!other_language(&a, Some(t("pt"))));
    assert!(!other_language(
        &button(Some("Invite Ada to connect"), ""),
        None
    ));
}

/// What the page's own table recognises is never overruled by another table: a label it reads as
/// Follow or Pending stays that, and a link that leads elsewhere stays no Connect.
#[test]
fn the_pages_own_table_comes_first() {
    let pt = Some(t("pt"));
    assert_eq!(
        classify(&button(Some("Seguir Ada Lovelace"), "Seguir"), pt),
        Control::NotConnect
    );
    assert_eq!(classify(&button(None, "Pendente"), pt), pending(None, None));
    let elsewhere = Facts {
        tag: "a",
        href: Some("https://www.linkedin.com/groups/1/"),
        ..button(Some("Invite Ada to connect"), "Connect")
    };
    assert_eq!(classify(&elsewhere, pt), Control::NotConnect);
    assert!(!other_language(&elsewhere, pt));
    // Nothing any table knows stays what it was: unknown, or not a Connect when labelled.
    assert_eq!(classify(&button(None, "Collegati"), pt), Control::Unknown);
    assert_eq!(
        classify(&button(Some("Invita Ada Lovelace a collegarsi"), ""), pt),
        Control::NotConnect
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// No language's Follow, Pending, Withdraw, dialog or alert button, bell, Message or More is
    /// taken for a Connect on a page of any language (the page's own table, another one, or every
    /// table for a language without one), as a label, as a button's text or a menu item's, on a
    /// link to the person's profile or on a plain button.
    #[test]
    fn no_language_makes_another_languages_controls_connect(
        first in "[A-ZÀ-Ý][a-zà-ÿ]{0,12}",
        last in prop::option::of("[A-ZÀ-Ý][a-zà-ÿ'-]{0,12}"),
    ) {
        let name = match &last { Some(l) => format!("{first} {l}"), None => first.clone() };
        let profile = "https://www.linkedin.com/in/ada-lovelace-1a2b/";
        for t in TABLES {
            for s in not_connect_strings(t) {
                let label = s.replace("{}", &name);
                for page in page_tables() {
                    let which = page.map_or("every", |p| p.lang);
                    for f in [
                        button(Some(&label), ""),
                        button(None, &label),
                        Facts { tag: "div", role: Some("menuitem"), ..button(None, &label) },
                        Facts { tag: "a", href: Some(profile), ..button(Some(&label), &label) },
                        Facts { tag: "a", href: Some(profile), ..button(None, &label) },
                    ] {
                        prop_assert!(
                            !is_connect(&classify(&f, page)),
                            "{} {:?} taken for a Connect on a {} page: {:?}", t.lang, label, which, f
                        );
                    }
                }
            }
        }
    }
}

/// A 1st-degree profile's top card (docs/linkedin.md §2: Message, the notification bell, More) read
/// with every table, as the content script reads it to tell a connection: in no language is any of
/// them a Connect, a Pending or a Follow.
#[test]
fn a_connections_top_card_is_nothing_in_any_language() {
    let profile = "https://www.linkedin.com/in/ada-lovelace-1a2b/";
    for (lang, words) in NEVER_CONNECT {
        for w in words.iter().filter(|w| {
            w.contains("{}")
                || ![
                    "Pending",
                    "Ausstehend",
                    "En attente",
                    "Pendiente",
                    "Pendente",
                ]
                .contains(w)
        }) {
            let label = w.replace("{}", "Ada Lovelace");
            for f in [
                button(Some(&label), ""),
                button(None, &label),
                Facts {
                    tag: "a",
                    href: Some(profile),
                    ..button(Some(&label), "")
                },
            ] {
                let c = classify(&f, None);
                assert!(
                    matches!(c, Control::NotConnect | Control::Unknown),
                    "{lang} {label:?}: {c:?}"
                );
            }
            assert!(!is_follow_label(&label, None), "{lang} {label:?}");
        }
    }
}
