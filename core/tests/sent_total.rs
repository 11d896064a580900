//! LinkedIn's Sent-page total wherever LinkedIn puts it (issue 12, docs/linkedin.md §7.2): the 2026
//! page's selected tab ("People (30)" in `nav button[aria-current="true"]`), the link to the sent
//! list's connection filter (`/mynetwork/invitation-manager/sent/CONNECTION/`), and the Ember page's
//! pill of its own (`.mn-filters-toolbar .artdeco-pill--selected`). The content script sends the
//! text of each placement it finds, in document order (`total_texts`); the background takes the
//! first that reads as the total in the page's language, and never a count that merely looks like
//! one ("People you may know (12)", a "Messaging (3)" badge).

use invite_guard_core::message::{Message, SentPage};

fn read(v: serde_json::Value) -> Message {
    Message::from_json(v).unwrap()
}

fn sent_page(lang: &str, texts: &[&str]) -> SentPage {
    SentPage {
        lang: Some(lang.into()),
        total_texts: texts.iter().map(|t| t.to_string()).collect(),
        ..SentPage::default()
    }
}

fn total(lang: &str, texts: &[&str]) -> Option<u32> {
    sent_page(lang, texts).read().total
}

/// The texts of each placement as `textContent` gives them (the Ember pill's is padded with the
/// template's whitespace), in English and German.
const PLACEMENTS: [(&str, [&str; 3]); 2] = [
    (
        "en",
        [
            "People (1,100)",
            "People (1,100)",
            "\n      People (1,100)\n    ",
        ],
    ),
    (
        "de",
        [
            "Personen (1.100)",
            "Personen (1.100)",
            "\n      Personen (1.100)\n    ",
        ],
    ),
];

/// What looks like a count and is not the Sent total, in English and German; the German ones are
/// unverified translations of the English (tests/fixtures/make-invitation-pages.mjs).
const DECOYS: [(&str, [&str; 6]); 2] = [
    (
        "en",
        [
            "People you may know (12)",
            "Messaging (3)",
            "Pages (0)",
            "Received (12)",
            "3",
            "People (12) you may know",
        ],
    ),
    (
        "de",
        [
            "Personen, die Sie vielleicht kennen (12)",
            "Nachrichten (3)",
            "Seiten (0)",
            "Erhalten (12)",
            "3",
            "People (12)",
        ],
    ),
];

#[test]
fn the_total_reads_in_each_placement() {
    for (lang, texts) in PLACEMENTS {
        for t in texts {
            assert_eq!(total(lang, &[t]), Some(1100), "{lang}: {t:?}");
        }
        assert_eq!(total(lang, &texts), Some(1100), "{lang}: all three");
    }
}

#[test]
fn a_count_that_merely_looks_like_one_is_never_the_total() {
    for (lang, decoys) in DECOYS {
        assert_eq!(total(lang, &decoys), None, "{lang}: decoys only");
        let real = PLACEMENTS.iter().find(|(l, _)| *l == lang).unwrap().1;
        for (i, real) in real.iter().enumerate() {
            // Decoys before and after the total, in document order: the total is read.
            let mut texts: Vec<&str> = decoys.to_vec();
            texts.insert(i.min(texts.len()), real);
            assert_eq!(total(lang, &texts), Some(1100), "{lang}: {texts:?}");
        }
    }
}

/// The first text that reads is the total; the older single `total_text` field, when a message has
/// it, comes first.
#[test]
fn the_first_text_that_reads_is_the_total() {
    assert_eq!(
        total("en", &["People (30)", "People (31)"]),
        Some(30),
        "document order"
    );
    let p = SentPage {
        total_text: Some("People (29)".into()),
        ..sent_page("en", &["People (30)"])
    };
    assert_eq!(p.read().total, Some(29));
    let p = SentPage {
        total_text: Some("Messaging (3)".into()),
        ..sent_page("en", &["People (30)"])
    };
    assert_eq!(p.read().total, Some(30));
}

/// Without a total that reads, the list is never taken as read to the end, whatever the page said.
#[test]
fn without_a_total_the_list_is_not_complete() {
    let p = SentPage {
        complete: Some(true),
        ..sent_page("en", &["People you may know (0)"])
    };
    assert!(!p.read().complete);
}

/// `total_texts` as the page sends it: each item read on its own (one of the wrong type is left
/// out), at most [`invite_guard_core::message::MAX_TOTAL_TEXTS`] of them.
#[test]
fn the_message_field_reads_leniently() {
    let m = read(serde_json::json!({"kind": "sent_page", "lang": "en",
        "total_texts": [7, null, "Messaging (3)", {"x": 1}, "People (30)"]}));
    let Message::SentPage(p) = m else {
        panic!("{m:?}")
    };
    assert_eq!(p.total_texts, ["Messaging (3)", "People (30)"]);
    assert_eq!(p.read().total, Some(30));
    let Message::SentPage(p) =
        read(serde_json::json!({"kind": "sent_page", "total_texts": "People (30)"}))
    else {
        panic!()
    };
    assert!(p.total_texts.is_empty());
    let many: Vec<String> = (0..100).map(|i| format!("Messaging ({i})")).collect();
    let mut texts: Vec<&str> = many.iter().map(String::as_str).collect();
    texts.push("People (30)");
    assert_eq!(
        total("en", &texts),
        None,
        "a total past the first {} texts is not looked for",
        invite_guard_core::message::MAX_TOTAL_TEXTS
    );
}
