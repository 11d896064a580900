//! The sensor in real browsers (wasm-bindgen-test, headless Chromium and Firefox ESR) against the
//! committed fixture pages modelled on docs/linkedin.md: every Connect control is found and named,
//! nothing else is taken for one, Pending and LinkedIn's limit alerts are read, in five languages.
#![cfg(all(target_arch = "wasm32", feature = "content"))]

use invite_guard::content::sensor::{self, Hit};
use invite_guard_core::ledger::Invitee;
use js_sys::{Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Document, DomParser, Element, SupportedType};

wasm_bindgen_test_configure!(run_in_browser);

const EXPECTED: &str = include_str!("fixtures/pages/expected.json");

const PAGES: [(&str, &str); 14] = [
    (
        "profile-connect.en.html",
        include_str!("fixtures/pages/profile-connect.en.html"),
    ),
    (
        "profile-connect.de.html",
        include_str!("fixtures/pages/profile-connect.de.html"),
    ),
    (
        "profile-connect.fr.html",
        include_str!("fixtures/pages/profile-connect.fr.html"),
    ),
    (
        "profile-connect.es.html",
        include_str!("fixtures/pages/profile-connect.es.html"),
    ),
    (
        "profile-connect.pt.html",
        include_str!("fixtures/pages/profile-connect.pt.html"),
    ),
    (
        "profile-more-open.en.html",
        include_str!("fixtures/pages/profile-more-open.en.html"),
    ),
    (
        "profile-pending.en.html",
        include_str!("fixtures/pages/profile-pending.en.html"),
    ),
    (
        "profile-first-degree.en.html",
        include_str!("fixtures/pages/profile-first-degree.en.html"),
    ),
    (
        "search.en.html",
        include_str!("fixtures/pages/search.en.html"),
    ),
    (
        "search.de.html",
        include_str!("fixtures/pages/search.de.html"),
    ),
    (
        "search.fr.html",
        include_str!("fixtures/pages/search.fr.html"),
    ),
    (
        "search.es.html",
        include_str!("fixtures/pages/search.es.html"),
    ),
    (
        "search.pt.html",
        include_str!("fixtures/pages/search.pt.html"),
    ),
    (
        "mynetwork.en.html",
        include_str!("fixtures/pages/mynetwork.en.html"),
    ),
];

fn parse(html: &str) -> Document {
    DomParser::new()
        .unwrap()
        .parse_from_string(html, SupportedType::TextHtml)
        .unwrap()
}

fn expected(file: &str) -> JsValue {
    let all = JSON::parse(EXPECTED).unwrap();
    Reflect::get(&Reflect::get(&all, &"files".into()).unwrap(), &file.into()).unwrap()
}

fn num(v: &JsValue, k: &str) -> u32 {
    Reflect::get(v, &k.into())
        .unwrap()
        .as_f64()
        .unwrap_or_else(|| panic!("expected.json lacks {k}")) as u32
}

fn all(doc: &Document, sel: &str) -> Vec<Element> {
    let list = doc.query_selector_all(sel).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

#[wasm_bindgen_test]
fn scan_counts_match_every_fixture() {
    for (file, html) in PAGES {
        let doc = parse(html);
        let table = sensor::page_table(&doc);
        assert!(table.is_some(), "{file}: <html lang> should select a table");
        let counts = sensor::scan(&doc.body().unwrap(), table);
        let exp = expected(file);
        assert_eq!(
            counts.connect,
            num(&exp, "connect_controls"),
            "{file}: Connect controls"
        );
        assert_eq!(
            counts.pending,
            num(&exp, "pending_controls"),
            "{file}: Pending controls"
        );
    }
}

#[wasm_bindgen_test]
fn every_connect_target_is_named() {
    for (file, html) in PAGES {
        let doc = parse(html);
        let table = sensor::page_table(&doc);
        let exp = expected(file);
        let targets = js_sys::Array::from(&Reflect::get(&exp, &"connect_targets".into()).unwrap());
        // The Connect controls in document order, clicked on their innermost element, as a member's
        // click on the icon or the text would land.
        let mut found = Vec::new();
        for el in all(
            &doc,
            "a[href*='custom-invite'], button[aria-label], [role=menuitem]",
        ) {
            let inner = el
                .query_selector("p, span, svg")
                .ok()
                .flatten()
                .unwrap_or_else(|| el.clone());
            if let Hit::Connect { invitee, .. } = sensor::hit(&inner, table) {
                found.push(invitee);
            }
        }
        assert_eq!(
            found.len() as u32,
            targets.length(),
            "{file}: Connect hits {found:?}"
        );
        // Every hit matches one expected target (order aside: the More menu is a portal).
        let mut left: Vec<(Option<String>, Option<String>)> = targets
            .iter()
            .map(|t| {
                let f = |k: &str| Reflect::get(&t, &k.into()).unwrap().as_string();
                (f("name"), f("vanity"))
            })
            .collect();
        for got in &found {
            assert!(
                got.name.is_some() || got.vanity.is_some(),
                "{file}: unnamed hit"
            );
            let i = left
                .iter()
                .position(|(name, vanity)| {
                    (got.name.is_none() || got.name == *name)
                        && (got.vanity.is_none() || got.vanity == *vanity)
                })
                .unwrap_or_else(|| panic!("{file}: unexpected Connect {got:?}; left {left:?}"));
            left.remove(i);
        }
    }
}

#[wasm_bindgen_test]
fn follow_bell_message_and_pending_are_never_connect() {
    for (file, html) in PAGES {
        let doc = parse(html);
        let table = sensor::page_table(&doc);
        for sel in [
            "[aria-label^='Follow ']",
            "[aria-label^='Manage notifications about']",
            "a[href^='/messaging/compose/']",
            "a[href*='/notifications/']",
            "a[aria-label^='Pending'], a[aria-label^='Ausstehend'], a[aria-label^='En attente'], a[aria-label^='Pendiente'], a[aria-label^='Pendente']",
        ] {
            for el in all(&doc, sel) {
                assert!(
                    matches!(sensor::hit(&el, table), Hit::None),
                    "{file}: {sel} taken for a control: {}",
                    el.outer_html()
                );
            }
        }
    }
}

#[wasm_bindgen_test]
fn pending_confirms_the_invitee_only() {
    let (_, html) = PAGES[6];
    let doc = parse(html);
    let table = sensor::page_table(&doc);
    let tess = Invitee {
        vanity: Some("tess-marlowe-51b0".into()),
        ..Invitee::default()
    };
    assert!(sensor::pending_for(&doc, &tess, table));
    let by_name = Invitee {
        name: Some("Tess Marlowe".into()),
        ..Invitee::default()
    };
    assert!(sensor::pending_for(&doc, &by_name, table));
    let other = Invitee {
        vanity: Some("someone-else".into()),
        name: Some("Some One".into()),
        ..Invitee::default()
    };
    assert!(!sensor::pending_for(&doc, &other, table));
}

/// The alert shapes of docs/linkedin.md §4 are read with their text, in any language; which of them
/// is LinkedIn's limit message is core's whole-message rule, run by the background
/// (`classify::alert_kind`, tested in core/tests/classify.rs).
#[wasm_bindgen_test]
fn alerts_and_the_note_upsell_are_read() {
    let doc = parse(
        "<html lang=\"de\"><body><div role=\"alert\"><p>Sie haben das Limit für Kontaktanfragen erreicht.</p></div>\
         <div class=\"ip-fuse-limit-alert__warning\"> Weekly </div><div data-test-artdeco-toast-item-type=\"error\">Oops</div>\
         <div role=\"alert\">   </div><div role=\"status\">Saved</div></body></html>",
    );
    let texts: Vec<String> = sensor::alerts(&doc).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        texts,
        [
            "Sie haben das Limit für Kontaktanfragen erreicht.",
            "Weekly",
            "Oops"
        ]
    );
    // A dialog with a /premium/ link, in any language: whether it is the note upsell is decided by
    // the content script (the dialog whose "Add a note" was just clicked, or one with the note field).
    let doc = parse("<html lang=\"pl\"><body><dialog open><p>Wysyłaj nieograniczoną liczbę</p><a href=\"/premium/products/\">Premium</a></dialog>\
        <div role=\"dialog\"><textarea id=\"custom-message\"></textarea><a href=\"/premium/\">Premium</a><a href=\"/premium/x\">x</a></div></body></html>");
    let found = sensor::premium_dialogs(&doc);
    assert_eq!(
        found
            .iter()
            .map(|f| (f.0.tag_name().to_lowercase(), f.1))
            .collect::<Vec<_>>(),
        vec![("dialog".to_string(), false), ("div".to_string(), true)]
    );
}

/// A link whose text is "Connect" but which leads elsewhere (a help article, a group, an event), or a
/// "Connect" button inside such a link, is never gated; a "Connect" button of its own still is
/// (issue 10 finding 10).
#[wasm_bindgen_test]
fn a_connect_text_leading_elsewhere_is_no_connect() {
    for (lang, word) in [("en", "Connect"), ("de", "Vernetzen")] {
        let doc = parse(&format!(
            "<html lang=\"{lang}\"><body>\
             <a id=\"help\" href=\"https://www.linkedin.com/help/linkedin/answer/a541651\">{word}</a>\
             <a href=\"/groups/12345/\"><button id=\"group\"><span>{word}</span></button></a>\
             <a id=\"event\" href=\"/events/7123/\"><span>{word}</span></a>\
             <button id=\"plain\"><span>{word}</span></button></body></html>"
        ));
        let table = sensor::page_table(&doc);
        for id in ["help", "group", "event"] {
            let el = doc.get_element_by_id(id).unwrap();
            let inner = el.first_element_child().unwrap_or(el);
            assert!(
                matches!(sensor::hit(&inner, table), Hit::None),
                "{lang}: #{id} is not a Connect"
            );
        }
        let plain = doc.get_element_by_id("plain").unwrap();
        assert!(
            matches!(
                sensor::hit(&plain.first_element_child().unwrap(), table),
                Hit::Connect { .. }
            ),
            "{lang}: a Connect button of its own"
        );
        assert_eq!(
            sensor::scan(&doc.body().unwrap(), table).connect,
            1,
            "{lang}: the scan counts one"
        );
    }
}

#[wasm_bindgen_test]
fn dialog_send_buttons_in_five_languages() {
    for (file, html) in PAGES
        .iter()
        .filter(|(f, _)| f.starts_with("profile-connect"))
    {
        let doc = parse(html);
        let table = sensor::page_table(&doc);
        let lang = doc
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .unwrap();
        let t = invite_guard_core::locale::table_for(&lang);
        let dialog = doc.create_element("dialog").unwrap();
        dialog.set_attribute("open", "").unwrap();
        for label in t.send_labels {
            let b = doc.create_element("button").unwrap();
            b.set_attribute("aria-label", label).unwrap();
            dialog.append_child(&b).unwrap();
        }
        let add = doc.create_element("button").unwrap();
        add.set_attribute("aria-label", t.add_note_labels[0])
            .unwrap();
        dialog.append_child(&add).unwrap();
        let dismiss = doc.create_element("button").unwrap();
        dismiss
            .set_attribute("aria-label", t.non_send_labels[0])
            .unwrap();
        dialog.append_child(&dismiss).unwrap();
        doc.body().unwrap().append_child(&dialog).unwrap();
        let buttons = all(&doc, "dialog button");
        let sends = buttons
            .iter()
            .filter(|b| matches!(sensor::hit(b, table), Hit::Send { .. }))
            .count();
        assert_eq!(sends, t.send_labels.len(), "{file}");
        assert!(
            matches!(sensor::hit(&add, table), Hit::AddNote { dialog: ref d } if d.is_same_node(Some(&dialog))),
            "{file}: add a note is not a send, and names its dialog"
        );
        assert!(
            matches!(sensor::hit(&dismiss, table), Hit::None),
            "{file}: {} is not a send",
            t.non_send_labels[0]
        );
    }
}

/// A search page of 2,000 cards with long names: the scan allocates well past the initial memory,
/// which is what broke wasm2js builds (docs/architecture.md §8.1 step 4), and must still count
/// every card.
#[wasm_bindgen_test]
fn a_large_page_grows_memory_and_counts_right() {
    let doc = parse("<html lang=\"en\"><body><main></main></body></html>");
    let main = doc.query_selector("main").unwrap().unwrap();
    let long = "Quill".repeat(60);
    for i in 0..2000 {
        let card = doc.create_element("div").unwrap();
        card.set_attribute("role", "listitem").unwrap();
        let a = doc.create_element("a").unwrap();
        a.set_attribute(
            "href",
            &format!("/preload/search-custom-invite/?vanityName=person-{i}"),
        )
        .unwrap();
        a.set_attribute(
            "aria-label",
            &format!("Invite Person {i} {long} to connect"),
        )
        .unwrap();
        card.append_child(&a).unwrap();
        let f = doc.create_element("button").unwrap();
        f.set_attribute("aria-label", &format!("Follow Person {i}"))
            .unwrap();
        card.append_child(&f).unwrap();
        main.append_child(&card).unwrap();
    }
    let before = wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .unwrap()
        .buffer()
        .dyn_into::<js_sys::ArrayBuffer>()
        .unwrap()
        .byte_length();
    let table = sensor::page_table(&doc);
    let mut names = Vec::new();
    for a in all(&doc, "a") {
        if let Hit::Connect { invitee, .. } = sensor::hit(&a, table) {
            names.push(invitee);
        }
    }
    let counts = sensor::scan(&doc.body().unwrap(), table);
    let after = wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .unwrap()
        .buffer()
        .dyn_into::<js_sys::ArrayBuffer>()
        .unwrap()
        .byte_length();
    assert_eq!(counts.connect, 2000);
    assert_eq!(names.len(), 2000);
    assert_eq!(names[1999].vanity.as_deref(), Some("person-1999"));
    assert_eq!(
        names[1999].name.as_deref().map(|n| n.len()),
        Some("Person 1999 ".len() + long.len())
    );
    assert!(
        after > before,
        "memory should have grown ({before} -> {after})"
    );
}

/// The `<html lang>` values a page may carry that name another table than its labels' language.
const OTHER_LANGS: [&str; 5] = ["en", "de-DE", "fr", "es-419", "pt-pt"];

/// `doc` as LinkedIn would serve it with `<html lang="lang">`.
fn with_lang(html: &str, lang: &str) -> Document {
    let doc = parse(html);
    doc.document_element()
        .unwrap()
        .set_attribute("lang", lang)
        .unwrap();
    doc
}

/// A page whose `<html lang>` names another table than its labels' language (a captured English
/// search page served with `lang="pt-pt"` had none of its 9 Connect buttons gated): every fixture,
/// served under every other table's `lang`, still has every Connect control found and named (the
/// labelled buttons through the table of their own language, which the content script then reads
/// the page with), and nothing else.
#[wasm_bindgen_test]
fn every_connect_is_found_when_lang_and_labels_disagree() {
    for (file, html) in PAGES {
        let own = expected(file);
        let own_lang = Reflect::get(&own, &"lang".into())
            .unwrap()
            .as_string()
            .unwrap();
        let targets = js_sys::Array::from(&Reflect::get(&own, &"connect_targets".into()).unwrap());
        for lang in OTHER_LANGS
            .iter()
            .filter(|l| !l.starts_with(own_lang.as_str()))
        {
            let doc = with_lang(html, lang);
            let table = sensor::page_table(&doc);
            assert!(table.is_some(), "{file} as {lang}: a table");
            let mut found = Vec::new();
            for el in all(
                &doc,
                "a[href*='custom-invite'], button[aria-label], [role=menuitem]",
            ) {
                let inner = el
                    .query_selector("p, span, svg")
                    .ok()
                    .flatten()
                    .unwrap_or_else(|| el.clone());
                if let Hit::Connect {
                    invitee,
                    other_language,
                    ..
                } = sensor::hit(&inner, table)
                {
                    // A custom-invite anchor is a Connect by its URL; only a labelled control
                    // says which language the page is really in.
                    let anchor = el.closest("a[href*='custom-invite']").unwrap().is_some();
                    assert_eq!(
                        other_language,
                        !anchor,
                        "{file} as {lang}: {}",
                        el.outer_html()
                    );
                    found.push(invitee);
                }
            }
            assert_eq!(
                found.len() as u32,
                targets.length(),
                "{file} as {lang}: Connect hits {found:?}"
            );
            // Every hit matches one expected target (order aside: the More menu is a portal).
            let mut left: Vec<(Option<String>, Option<String>)> = targets
                .iter()
                .map(|t| {
                    let f = |k: &str| Reflect::get(&t, &k.into()).unwrap().as_string();
                    (f("name"), f("vanity"))
                })
                .collect();
            for got in &found {
                assert!(
                    got.name.is_some() || got.vanity.is_some(),
                    "{file} as {lang}: unnamed hit"
                );
                let i = left
                    .iter()
                    .position(|(name, vanity)| {
                        (got.name.is_none() || got.name == *name)
                            && (got.vanity.is_none() || got.vanity == *vanity)
                    })
                    .unwrap_or_else(|| {
                        panic!("{file} as {lang}: unexpected Connect {got:?}; left {left:?}")
                    });
                left.remove(i);
            }
            // Follow, the bell, Message and Pending stay what they are, in any language.
            for sel in [
                "[aria-label^='Follow '], [aria-label$=' folgen'], [aria-label^='Suivre '], [aria-label^='Seguir ']",
                "[aria-label^='Manage notifications about']",
                "a[href^='/messaging/compose/']",
                "a[href*='/notifications/']",
                "a[aria-label^='Pending'], a[aria-label^='Ausstehend'], a[aria-label^='En attente'], a[aria-label^='Pendiente'], a[aria-label^='Pendente']",
            ] {
                for el in all(&doc, sel) {
                    let inner = el.first_element_child().unwrap_or_else(|| el.clone());
                    for e in [&el, &inner] {
                        assert!(
                            matches!(sensor::hit(e, table), Hit::None),
                            "{file} as {lang}: {sel} taken for a control: {}",
                            el.outer_html()
                        );
                    }
                }
            }
        }
    }
}

/// Once the content script reads the page with every table (after a Connect found by another
/// language's table), the Pending that follows a send is seen: the English Pending on a page
/// served as Portuguese.
#[wasm_bindgen_test]
fn pending_is_seen_with_every_table_when_lang_and_labels_disagree() {
    let (_, html) = PAGES[6];
    let doc = with_lang(html, "pt-pt");
    let tess = Invitee {
        name: Some("Tess Marlowe".into()),
        ..Invitee::default()
    };
    assert!(!sensor::pending_for(&doc, &tess, sensor::page_table(&doc)));
    assert!(sensor::pending_for(&doc, &tess, None));
}

/// A page in a language without a table (`lang="it"`, labels made up for the test,
/// `tests/fixtures/gen-search.mjs`): the custom-invite anchors are still Connect controls, named by
/// their URL, and nothing else is taken for one: neither the Italian labelled Connect buttons,
/// which no table can read, nor Follow, the bell, Message, Pending or the page's other links and
/// buttons.
#[wasm_bindgen_test]
fn a_language_without_a_table_guards_the_invite_anchors_and_nothing_else() {
    let file = "search.it.html";
    let doc = parse(include_str!("fixtures/pages/search.it.html"));
    let table = sensor::page_table(&doc);
    assert!(table.is_none(), "{file}: no table for Italian");
    let exp = expected(file);
    assert_eq!(
        Reflect::get(&exp, &"locale_table".into())
            .unwrap()
            .as_bool(),
        Some(false)
    );
    let mut anchors: Vec<String> =
        js_sys::Array::from(&Reflect::get(&exp, &"connect_targets".into()).unwrap())
            .iter()
            .filter(|t| {
                Reflect::get(t, &"element".into())
                    .unwrap()
                    .as_string()
                    .as_deref()
                    == Some("a")
            })
            .map(|t| {
                Reflect::get(&t, &"vanity".into())
                    .unwrap()
                    .as_string()
                    .unwrap()
            })
            .collect();
    assert_eq!(anchors.len(), 4, "{file}: four invite anchors");
    let mut hits = Vec::new();
    for el in all(
        &doc,
        "a, button, [role=button], [role=menuitem], [aria-label]",
    ) {
        let inner = el.first_element_child().unwrap_or_else(|| el.clone());
        for (outer, e) in [(true, &el), (false, &inner)] {
            if let Hit::Connect {
                invitee,
                other_language,
                ..
            } = sensor::hit(e, table)
            {
                assert!(!other_language, "{file}: {}", el.outer_html());
                assert!(
                    el.closest("a[href*='/preload/search-custom-invite/']")
                        .unwrap()
                        .is_some(),
                    "{file}: taken for a Connect: {}",
                    el.outer_html()
                );
                if outer {
                    hits.push(invitee.vanity.unwrap_or_default());
                }
            }
        }
    }
    hits.sort();
    anchors.sort();
    assert_eq!(hits, anchors, "{file}: the invite anchors, each once");
    let counts = sensor::scan(&doc.body().unwrap(), table);
    assert_eq!(
        (counts.connect, counts.pending),
        (4, 0),
        "{file}: the scan counts the anchors"
    );
}

const INVITATION_FACTS: &str = include_str!("fixtures/pages/invitation-pages.json");

/// The Sent page in each placement of its total (docs/linkedin.md §7.2), in English and German, each
/// with a "Messaging (3)" badge shaped as a selected tab and a "People you may know (12)" link
/// before the total (tests/fixtures/make-invitation-pages.mjs).
const SENT_PAGES: [(&str, &str); 8] = [
    ("sent.en.html", include_str!("fixtures/pages/sent.en.html")),
    ("sent.de.html", include_str!("fixtures/pages/sent.de.html")),
    (
        "sent-link.en.html",
        include_str!("fixtures/pages/sent-link.en.html"),
    ),
    (
        "sent-link.de.html",
        include_str!("fixtures/pages/sent-link.de.html"),
    ),
    (
        "sent-ember.en.html",
        include_str!("fixtures/pages/sent-ember.en.html"),
    ),
    (
        "sent-ember.de.html",
        include_str!("fixtures/pages/sent-ember.de.html"),
    ),
    (
        "sent-none.en.html",
        include_str!("fixtures/pages/sent-none.en.html"),
    ),
    (
        "sent-none.de.html",
        include_str!("fixtures/pages/sent-none.de.html"),
    ),
];

/// The content script's reader of LinkedIn's Sent-page total, with the background's reading of
/// what it sends: in each of the three placements the total reads, in English and German, past the
/// decoys before it; a page without a total reads none, whatever looks like a count on it.
#[wasm_bindgen_test]
fn the_sent_total_reads_in_each_placement_and_no_decoy_does() {
    let facts = Reflect::get(&JSON::parse(INVITATION_FACTS).unwrap(), &"files".into()).unwrap();
    for (file, html) in SENT_PAGES {
        let doc = parse(html);
        let f = Reflect::get(&facts, &file.into()).unwrap();
        let want = Reflect::get(&f, &"total_text".into()).unwrap().as_string();
        let lang = sensor::page_lang(&doc);
        let texts: Vec<String> = sensor::sent_total_texts(&doc)
            .iter()
            .filter_map(|t| t.as_string())
            .collect();
        // The badge shaped as a selected tab is read too, first: telling it from the total is the
        // background's part.
        assert_eq!(
            texts.first().map(String::as_str),
            Some(if lang == "de" {
                "Nachrichten (3)"
            } else {
                "Messaging (3)"
            }),
            "{file}: {texts:?}"
        );
        assert_eq!(
            texts.len(),
            1 + usize::from(want.is_some()),
            "{file}: {texts:?}"
        );
        let read = invite_guard_core::message::SentPage {
            lang: Some(lang),
            total_texts: texts.clone(),
            complete: Some(true),
            ..Default::default()
        }
        .read();
        assert_eq!(
            read.total,
            want.as_ref().map(|_| 30),
            "{file}: the total read from {texts:?}"
        );
    }
}
