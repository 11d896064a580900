//! What the content script is asked to count for the report, and the page generation those counts
//! show (docs/protocol.md §4).

use crate::classify::{
    self, connect_selector, name_shapes, pending_shapes_selector, shape_selector,
};
use crate::locale::TABLES;
use crate::message::{Diagnose, PageReport};

// ---- what the content script is asked to count ------------------------------------------------------

/// The part of the report a probe belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// Core's own selectors, as the sensor and the page readers use them.
    Core,
    /// A mark of LinkedIn's newer pages (docs/linkedin.md §1.1).
    Sdui,
    /// A mark of LinkedIn's older Ember pages (docs/linkedin.md §1.1).
    Ember,
    /// An entry of one locale table.
    Table(&'static str),
}

/// One thing the content script counts for the report: elements matching a CSS selector, clickable
/// elements whose text is a word, or both (a dialog button's word, read from its aria-label or its
/// text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Probe {
    pub section: Section,
    /// What it is, in the report (made of code names and the tables' own words only).
    pub what: String,
    pub css: Option<String>,
    pub text: Option<&'static str>,
}

impl Probe {
    fn css(section: Section, what: String, css: String) -> Probe {
        Probe {
            section,
            what,
            css: Some(css),
            text: None,
        }
    }
}

/// Everything the report counts, in its order: core's selectors, the generation markers, then each
/// table's entries as the classifier reads them (docs/linkedin.md §10): the shapes around a name as
/// CSS (`classify::shape_selector`, case-insensitive like the classifier), the Connect and Pending
/// words by the text of clickable elements, and the invite dialog's button words both by exact
/// aria-label and by text (`classify::commit_button` reads either).
pub fn probes() -> Vec<Probe> {
    let mut out = Vec::new();
    let mut core =
        |what: &str, css: &str| out.push(Probe::css(Section::Core, what.into(), css.into()));
    core(
        "Connect controls, every table (the page scan)",
        &connect_selector(None),
    );
    core(
        "Pending controls, every table (the page scan)",
        &pending_shapes_selector(None),
    );
    core("custom-invite anchors", classify::INVITE_ANCHOR_SELECTOR);
    core("dialogs", classify::DIALOG_SELECTOR);
    core("alerts", classify::ALERT_SELECTOR);
    core("note field", classify::NOTE_EDITOR_SELECTOR);
    core("note upsell links", classify::NOTE_UPSELL_SELECTOR);
    core("interop shadow host", classify::INTEROP_HOST_SELECTOR);
    core("profile top card", classify::TOPCARD_SELECTOR);
    core("invitation cards", classify::INVITATION_CARD_SELECTOR);
    core("Sent page total", classify::SENT_TOTAL_SELECTOR);
    core("profile links", "a[href*=\"/in/\"]");
    core("unlabelled buttons", "button:not([aria-label])");
    for (section, what, css) in GENERATION_MARKERS {
        out.push(Probe::css(section, what.into(), css.into()));
    }
    for t in TABLES {
        let section = Section::Table(t.lang);
        for (field, shapes) in name_shapes(t) {
            for shape in shapes {
                out.push(Probe::css(
                    section,
                    format!("{field} \"{}…{}\"", shape.0, shape.1),
                    shape_selector(shape),
                ));
            }
        }
        for (field, words) in [
            ("connect_text", t.connect_text),
            ("pending_text", t.pending_text),
        ] {
            for w in words {
                out.push(Probe {
                    section,
                    what: format!("{field} \"{w}\""),
                    css: None,
                    text: Some(w),
                });
            }
        }
        for (field, words) in [
            ("send_labels", t.send_labels),
            ("add_note_labels", t.add_note_labels),
            ("non_send_labels", t.non_send_labels),
        ] {
            for w in words {
                out.push(Probe {
                    section,
                    what: format!("{field} \"{w}\""),
                    css: Some(format!("button[aria-label=\"{w}\" i]")),
                    text: Some(w),
                });
            }
        }
    }
    out
}

/// What tells LinkedIn's two generations of pages apart (docs/linkedin.md §1.1–§1.2): SDUI's
/// `componentkey` attributes, `data-testid` hooks and the interop hosts for older dialogs; Ember's
/// class names.
const GENERATION_MARKERS: [(Section, &str, &str); 10] = [
    (Section::Sdui, "componentkey attributes", "[componentkey]"),
    (Section::Sdui, "data-testid hooks", "[data-testid]"),
    (Section::Sdui, "interop shadow host", "#interop-outlet"),
    (
        Section::Sdui,
        "interop /preload/ frame",
        "iframe[src^=\"/preload/\"]",
    ),
    (Section::Ember, "artdeco buttons", ".artdeco-button"),
    (Section::Ember, "artdeco modals", ".artdeco-modal"),
    (
        Section::Ember,
        "profile actions",
        ".pvs-profile-actions,.pv-top-card-v2-ctas",
    ),
    (
        Section::Ember,
        "search result actions",
        ".entity-result__actions",
    ),
    (
        Section::Ember,
        "invitation and connection cards",
        ".invitation-card,.mn-connection-card",
    ),
    (
        Section::Ember,
        "weekly-limit modal",
        "[class*=\"ip-fuse-limit-alert\"]",
    ),
];

/// The request for `probes`: their selectors and their words, each list in the probes' order.
pub fn request(probes: &[Probe]) -> Diagnose {
    let mut d = Diagnose::default();
    for p in probes {
        d.selectors.extend(p.css.clone());
        d.texts.extend(p.text.map(str::to_string));
    }
    d
}

/// What the page answered for one probe: the count by its selector and the count by its text,
/// each `None` when the probe has none, the answer had none, or the browser could not read the
/// selector.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count {
    pub css: Option<u32>,
    pub text: Option<u32>,
}

/// The counts the page answered, one per probe in the probes' order.
pub fn counts(probes: &[Probe], page: &PageReport) -> Vec<Count> {
    let (mut css, mut text) = (page.selectors.iter(), page.texts.iter());
    let read = |n: Option<&Option<f64>>| {
        n.copied()
            .flatten()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(|n| n.min(u32::MAX as f64) as u32)
    };
    probes
        .iter()
        .map(|p| Count {
            css: p.css.as_ref().and_then(|_| read(css.next())),
            text: p.text.and_then(|_| read(text.next())),
        })
        .collect()
}

/// LinkedIn's page generation, from the markers' counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generation {
    Sdui,
    Ember,
    Both,
    Neither,
}

impl Generation {
    pub fn of(probes: &[Probe], counts: &[Count]) -> Generation {
        let seen = |s: Section| {
            probes
                .iter()
                .zip(counts)
                .any(|(p, n)| p.section == s && n.css.unwrap_or(0) > 0)
        };
        match (seen(Section::Sdui), seen(Section::Ember)) {
            (true, false) => Generation::Sdui,
            (false, true) => Generation::Ember,
            (true, true) => Generation::Both,
            (false, false) => Generation::Neither,
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Generation::Sdui => "SDUI",
            Generation::Ember => "Ember",
            Generation::Both => "SDUI and Ember markers both",
            Generation::Neither => "no marker of either",
        }
    }
}
