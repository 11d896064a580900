//! The diagnostic's tests: scrubbing (no name, vanity or URN survives), probes and counts, the report.

use super::scrub::*;
use super::*;
use crate::classify::name_shapes;
use crate::ledger::Invitee;
use crate::ledger::{Event, EventKind, Source};
use crate::locale::{normalize, TABLES};
use crate::message::Diagnose;
use crate::message::{Decision, PageReport, SeenDecision};
use crate::schema::{SentPageRead, SentTotalMissed};
use proptest::prelude::*;
use std::collections::BTreeSet;

#[test]
fn labels_keep_their_shape_not_the_name() {
    for (label, want) in [
        ("Invite Ada Lovelace to connect", "invite <name> to connect"),
        (
            "Pending, click to withdraw invitation sent to Ada Lovelace",
            "pending, click to withdraw invitation sent to <name>",
        ),
        ("Follow Ada Lovelace", "follow <name>"),
        (
            "Einladung an Ada Quill zurückziehen",
            "einladung an <name> zurückziehen",
        ),
        ("Send without a note", "send without a note"),
        (
            "Request a connection with Ada Quill",
            "<7> a <10> with <3> <5>",
        ),
        ("", ""),
    ] {
        assert_eq!(scrub_label(label), want, "{label}");
    }
    // The shape alone, with no name in it, is a table's words.
    assert_eq!(scrub_label("Follow"), "follow");
}

#[test]
fn texts_keep_the_tables_words_only() {
    assert_eq!(scrub_text("  Connect "), "connect");
    assert_eq!(scrub_text("Ausstehend"), "ausstehend");
    assert_eq!(scrub_text("Ada Quill · 2nd"), "<3> <5> · <3>");
    assert_eq!(scrub_text("People (1,100)"), "<6> (1,100)");
    assert_eq!(scrub_text("member 123456789"), "<6> <9>");
    assert_eq!(
        scrub_text("id ACoAAS764eulU5ZULCR3i9hYwvca2g5oVY73Y01"),
        "<2> <urn>"
    );
    assert_eq!(
        scrub_text("You’ve reached the weekly invitation limit. Got it"),
        "you've reached the weekly invitation limit. got it"
    );
}

#[test]
fn links_keep_routes_not_people() {
    for (href, want) in [
        ("/in/ada-quill-3f2a/", "/in/<vanity>/"),
        (
            "https://www.linkedin.com/in/ada-quill-3f2a/?lang=en",
            "https://www.linkedin.com/in/<vanity>/?lang=en",
        ),
        (
            "/preload/custom-invite/?vanityName=ada-quill-3f2a",
            "/preload/custom-invite/?vanityName=<vanity>",
        ),
        (
            "/messaging/compose/?profileUrn=urn%3Ali%3Afsd_profile%3AACoAAS764eulU5Z&body=Hi%20Ada",
            "/messaging/compose/?profileUrn=<urn>&body=<8>",
        ),
        (
            "/mynetwork/invitation-manager/sent/CONNECTION/",
            "/mynetwork/invitation-manager/sent/CONNECTION/",
        ),
        ("/company/acme-corp/", "/company/<9>/"),
        ("https://ada-quill.example/about#me", "https://<17>/<5>#<2>"),
        ("javascript:void(0)", "javascript:<7>"),
        ("#", "#"),
        (
            "/search/results/people/?keywords=ada%20quill&x=1",
            "/search/results/people/?keywords=<11>&<3>",
        ),
        (
            "https://www.linkedin.com@evil.example/in/ada/",
            "https://<29>/in/<vanity>/",
        ),
    ] {
        assert_eq!(scrub_href(href), want, "{href}");
    }
}

#[test]
fn browsers_by_their_user_agent() {
    assert_eq!(
        browser_of("Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0"),
        "Firefox 153.0"
    );
    assert_eq!(
        browser_of("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36"),
        "Chrome 156.0.0.0"
    );
    assert_eq!(
        browser_of("Mozilla/5.0 … Chrome/130.0.0.0 Safari/537.36 Edg/130.0.2849.80"),
        "Edge 130.0.2849.80"
    );
    assert_eq!(browser_of("curl"), "unknown (<4>)");
}

#[test]
fn every_table_entry_is_probed_and_counts_come_back_in_order() {
    let probes = probes();
    for t in TABLES {
        let of = |s: &str| {
            probes
                .iter()
                .any(|p| p.section == Section::Table(t.lang) && p.what.contains(s))
        };
        for (field, shapes) in name_shapes(t) {
            for (pre, suf) in shapes {
                assert!(
                    of(&format!("{field} \"{pre}…{suf}\"")),
                    "{} {field}",
                    t.lang
                );
            }
        }
        for w in t
            .connect_text
            .iter()
            .chain(t.pending_text)
            .chain(t.send_labels)
        {
            assert!(of(&format!("\"{w}\"")), "{} {w}", t.lang);
        }
    }
    let req: Diagnose = request(&probes);
    assert_eq!(
        req.selectors.len(),
        probes.iter().filter(|p| p.css.is_some()).count()
    );
    assert_eq!(
        req.texts.len(),
        probes.iter().filter(|p| p.text.is_some()).count()
    );
    assert!(req.selectors.len() <= crate::message::MAX_PROBES);
    assert!(req.texts.len() <= crate::message::MAX_PROBES);
    // The page answers the selectors' counts and the texts' counts in their lists' order.
    let page = PageReport {
        selectors: (0..req.selectors.len()).map(|i| Some(i as f64)).collect(),
        texts: (0..req.texts.len())
            .map(|i| Some(1000.0 + i as f64))
            .collect(),
        ..PageReport::default()
    };
    let read = counts(&probes, &page);
    let (mut c, mut t) = (0, 1000);
    for (p, n) in probes.iter().zip(&read) {
        assert_eq!(n.css, p.css.as_ref().map(|_| c));
        assert_eq!(n.text, p.text.map(|_| t));
        c += u32::from(p.css.is_some());
        t += u32::from(p.text.is_some());
    }
    // A short or garbled answer is unknown, never shifted.
    let short = PageReport {
        selectors: vec![Some(2.0), None, Some(f64::NAN)],
        ..PageReport::default()
    };
    let c: Vec<Option<u32>> = counts(&probes, &short).iter().map(|n| n.css).collect();
    assert_eq!(&c[..3], &[Some(2), None, None]);
    assert!(c[3..].iter().all(Option::is_none));
}

#[test]
fn the_generation_by_its_markers() {
    let probes = probes();
    let with = |sections: &[Section]| {
        let counts: Vec<Count> = probes
            .iter()
            .map(|p| Count {
                css: Some(u32::from(sections.contains(&p.section))),
                text: None,
            })
            .collect();
        Generation::of(&probes, &counts)
    };
    assert_eq!(with(&[Section::Sdui]), Generation::Sdui);
    assert_eq!(with(&[Section::Ember, Section::Core]), Generation::Ember);
    assert_eq!(with(&[Section::Sdui, Section::Ember]), Generation::Both);
    assert_eq!(with(&[Section::Core]), Generation::Neither);
}

fn report<'a>(tab: Tab, events: &'a [Event], self_check: Option<&'a serde_json::Value>) -> String {
    Report {
        version: "0.1.0",
        user_agent: "Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0",
        now: 1_800_000_000_000.0,
        tz: -60,
        tab,
        events,
        self_check,
        sent_page: None,
        sent_total_missed: None,
    }
    .render()
}

/// Issue 12 part 5: when the Sent page was open and LinkedIn's total did not read, the report says
/// so; when it read, it says when and what.
#[test]
fn the_sent_pages_total_is_reported_read_or_missed() {
    let base = |sent_page, sent_total_missed| {
        Report {
            version: "0.1.0",
            user_agent: "",
            now: 1_800_000_000_000.0,
            tz: 0,
            tab: Tab::NoneOpen,
            events: &[],
            self_check: None,
            sent_page,
            sent_total_missed,
        }
        .render()
    };
    let r = base(None, None);
    assert!(r.contains("== LinkedIn's Sent page\nnot read yet"), "{r}");
    let read = SentPageRead {
        total: 30,
        read_at: 1_799_990_000_000.0,
        pending: 12,
        complete: false,
        unconfirmed: 0,
    };
    let r = base(Some(&read), None);
    assert!(
        r.contains("last read 2027-01-15 05:13: LinkedIn's total read: 30 (12 cards listed, not the whole list)"),
        "{r}"
    );
    let missed = SentTotalMissed {
        at: 1_799_995_000_000.0,
        lang: "it".into(),
        texts: 2,
    };
    let r = base(Some(&read), Some(&missed));
    assert!(
        r.contains("last read 2027-01-15 06:36: LinkedIn's total did not read (<html lang> it; 2 texts in its placements, none of them a total)"),
        "{r}"
    );
    assert!(
        r.contains("the popup shows the count from Invite Guard's own records"),
        "{r}"
    );
    // A missed read older than the last total that read is over.
    let old = SentTotalMissed {
        at: 1_799_980_000_000.0,
        ..missed.clone()
    };
    let r = base(Some(&read), Some(&old));
    assert!(r.contains("LinkedIn's total read: 30"), "{r}");
    assert!(!r.contains("did not read"), "{r}");
}

#[test]
fn without_a_linkedin_tab_it_says_so() {
    let r = report(Tab::NoneOpen, &[], None);
    assert!(r.contains("version: 0.1.0"), "{r}");
    assert!(r.contains("browser: Firefox 153.0"), "{r}");
    assert!(r.contains("No LinkedIn tab is open"), "{r}");
    assert!(r.contains("== Self-check\nnot available"), "{r}");
    let clear = serde_json::json!({});
    let r = report(Tab::NoneOpen, &[], Some(&clear));
    assert!(r.contains("== Self-check\nno state holds"), "{r}");
    assert!(r.contains("== Last 0 sends (of 0)"), "{r}");
    let r = report(Tab::NoAnswer { open: 2 }, &[], None);
    assert!(r.contains("LinkedIn tabs open: 2"), "{r}");
    assert!(r.contains("did not answer"), "{r}");
}

#[test]
fn a_page_report_with_counts_decisions_and_sends() {
    let probes = probes();
    let req = request(&probes);
    let page = PageReport {
        lang: Some("de-DE".into()),
        path: Some("/in/ada-quill-3f2a/?lang=de".into()),
        selectors: vec![Some(3.0); req.selectors.len()],
        texts: vec![Some(0.0); req.texts.len()],
        decisions: vec![SeenDecision {
            at: Some(1_800_000_000_000.0 - 60_000.0),
            what: Some(Decision::Connect.code() as f64),
            trusted: Some(true),
            tag: Some("a".into()),
            href: Some("/preload/custom-invite/?vanityName=ada-quill-3f2a".into()),
            label: Some("Ada Quill als Kontakt einladen".into()),
            text: Some("Vernetzen".into()),
            ..SeenDecision::default()
        }],
    };
    let mut e = Event::new(
        "api:1@1".into(),
        EventKind::Sent,
        1_800_000_000_000.0 - 120_000.0,
        -60,
        Invitee {
            urn: Some("ACoAAS764eulU5ZULCR3i9hYwvca2g5oVY73Y01".into()),
            vanity: Some("ada-quill-3f2a".into()),
            name: Some("Ada Quill".into()),
        },
        Source::Api,
    );
    e.sources.push(Source::Dom);
    let check = serde_json::json!({
        "guard_blind": {"since": 1_799_999_000_000.0_f64, "k": 3},
        "language": {"lang": "pt-BR", "since": 1_799_999_000_000.0_f64},
    });
    let r = report(Tab::Answered { open: 1, page }, &[e], Some(&check));
    for want in [
        "page: /in/<vanity>/?lang=de",
        "LinkedIn's UI language (<html lang>): de-DE (the de table)",
        "page generation: SDUI and Ember markers both",
        "== Table de, the page's language",
        "    3        custom-invite anchors  a[href*=\"/preload/custom-invite/\"]",
        "    3     0  send_labels \"senden\"  button[aria-label=\"senden\" i]",
        "          0  connect_text \"vernetzen\"\n",
        "2027-01-15 08:59:00  click on Connect",
        "aria-label=\"<name> als kontakt einladen\"",
        "href=\"/preload/custom-invite/?vanityName=<vanity>\"",
        "text=\"vernetzen\"",
        "== Last 1 sends (of 1)",
        "sources: api, dom",
        "guard_blind:\n  k: 3\n  since: 2027-01-15 08:43",
        "language:\n  lang: pt-BR\n",
    ] {
        assert!(r.contains(want), "{want:?} in\n{r}");
    }
    for gone in ["Ada", "Quill", "ada-quill", "ACoA"] {
        assert!(!r.contains(gone), "{gone:?} in\n{r}");
    }
}

/// Names of people as the tests make them: two or three words, each with a letter outside ASCII
/// so that none is a word of the report's own English, and none one of the tables' words.
fn name() -> impl Strategy<Value = String> {
    proptest::collection::vec("[A-ZÀ-Ý][a-zà-ÿ]{0,4}[äöüéñçłşřż][a-zà-ÿ]{1,5}", 2..4)
        .prop_map(|w| w.join(" "))
        .prop_filter("a table's word", |n| {
            normalize(n).split(' ').all(|w| !known_words().contains(w))
        })
}

fn vanity() -> impl Strategy<Value = String> {
    "[a-z]{3,8}-[a-z]{3,8}-[0-9a-f]{4}"
}

fn urn() -> impl Strategy<Value = String> {
    "ACoA[A-Za-z0-9_-]{20,34}"
}

/// Every way a person shows in what the report reads: the tables' label shapes, texts, links
/// and the page's path, the history's invitees and event ids, and the self-check's value.
fn everything(people: &[(String, String, String)]) -> (PageReport, Vec<Event>, serde_json::Value) {
    let mut decisions = Vec::new();
    let mut events = Vec::new();
    for (i, (name, vanity, urn)) in people.iter().enumerate() {
        let first = name.split(' ').next().unwrap_or_default();
        for t in TABLES {
            for (_, shapes) in name_shapes(t) {
                for (pre, suf) in shapes {
                    decisions.push(SeenDecision {
                        what: Some(Decision::Nothing.code() as f64),
                        label: Some(format!("{pre}{name}{suf}")),
                        ..SeenDecision::default()
                    });
                }
            }
        }
        for (label, href, text, link) in [
            (
                format!("Invite {name} to connect"),
                format!("/preload/custom-invite/?vanityName={vanity}"),
                "Connect".to_string(),
                format!("https://www.linkedin.com/in/{vanity}/"),
            ),
            (
                format!("Request to connect with {name}"),
                format!("https://www.linkedin.com/in/{vanity}/?miniProfileUrn=urn%3Ali%3Afs_miniProfile%3A{urn}"),
                format!("{name} · 2nd · {first} at Acme"),
                format!("/messaging/compose/?profileUrn=urn:li:fsd_profile:{urn}&body=Hi {first}"),
            ),
            (
                format!("{first}: {urn}"),
                format!("/in/{vanity}"),
                format!("{name} is out of invitations for now"),
                format!("/company/{vanity}/#{first}"),
            ),
        ] {
            decisions.push(SeenDecision {
                at: Some(1_800_000_000_000.0),
                what: Some(Decision::Connect.code() as f64),
                trusted: Some(true),
                tag: Some("a".into()),
                role: Some(first.to_string()),
                href: Some(href),
                label: Some(label),
                text: Some(text),
                link: Some(link),
            });
        }
        let mut e = Event::new(
            format!("dom:{vanity}@{i}"),
            EventKind::Sent,
            1_800_000_000_000.0 - i as f64 * 60_000.0,
            0,
            Invitee {
                urn: Some(urn.clone()),
                vanity: Some(vanity.clone()),
                name: Some(name.clone()),
            },
            Source::Dom,
        );
        e.also.push(format!("sp:{vanity}"));
        events.push(e);
    }
    let (name, vanity, urn) = &people[0];
    let page = PageReport {
        lang: Some(name.clone()),
        path: Some(format!("/in/{vanity}/?lang=en&miniProfileUrn={urn}")),
        selectors: Vec::new(),
        texts: Vec::new(),
        decisions,
    };
    let check = serde_json::json!({
        "guard_blind": {"since": 1_799_999_000_000.0_f64, "last": name, vanity.as_str(): urn},
        "lang_uncovered": [name, vanity, urn],
    });
    (page, events, check)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No generated name (nor any word of it), vanity or URN survives into the report, wherever
    /// it stood.
    #[test]
    fn no_person_survives(people in proptest::collection::vec((name(), vanity(), urn()), 1..4)) {
        let (page, events, check) = everything(&people);
        let r = report(Tab::Answered { open: 1, page }, &events, Some(&check));
        let lower = r.to_lowercase();
        let words: BTreeSet<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
        for (name, vanity, urn) in &people {
            prop_assert!(!lower.contains(&name.to_lowercase()), "{name} in\n{r}");
            for w in normalize(name).split(' ') {
                prop_assert!(!words.contains(w), "{w} of {name} in\n{r}");
            }
            prop_assert!(!lower.contains(vanity.as_str()), "{vanity} in\n{r}");
            prop_assert!(!lower.contains(&urn.to_lowercase()), "{urn} in\n{r}");
        }
    }
}
