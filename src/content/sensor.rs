//! The sensor: reads LinkedIn's page through the classifier in `core`. Only DOM reading lives here;
//! every decision about what an element is lives in `invite_guard_core::classify`.

use invite_guard_core::classify::{
    self, classify, commit_button, Commit, Control, Facts, Kind, ALERT_SELECTOR, DIALOG_SELECTOR,
    NOTE_UPSELL_SELECTOR,
};
use invite_guard_core::ledger::Invitee;
use invite_guard_core::locale::{is_supported, table_for, LocaleTable};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// How far up from a click target the sensor looks for a control: LinkedIn nests the label and text
/// a few levels inside the anchor (`a[role=menuitem] > div[aria-label] > p`, docs/linkedin.md §2).
const MAX_DEPTH: usize = 8;

/// LinkedIn's display language: `<html lang>` ("" when it has none).
pub fn page_lang(doc: &Document) -> String {
    doc.document_element()
        .and_then(|e| e.get_attribute("lang"))
        .unwrap_or_default()
}

/// The page language's table, or `None` when LinkedIn's display language is not one we have (then
/// every table is tried).
pub fn page_table(doc: &Document) -> Option<&'static LocaleTable> {
    let lang = page_lang(doc);
    is_supported(&lang).then(|| table_for(&lang))
}

/// What a click or hover target is.
#[derive(Debug)]
pub enum Hit {
    Connect {
        el: Element,
        invitee: Invitee,
        /// Found by another table than the page's own: its labels are in another language than
        /// `<html lang>` says (`classify::other_language`), and the page is better read with every
        /// table.
        other_language: bool,
    },
    /// A dialog button that sends the invitation.
    Send {
        el: Element,
    },
    /// The invite dialog's "Add a note": the free-note quota's upsell may follow in `dialog`.
    AddNote {
        dialog: Element,
    },
    None,
}

fn text_of(el: &Element) -> String {
    el.text_content().unwrap_or_default().trim().to_string()
}

/// Walks up from `target` to the nearest control and says what it is.
pub fn hit(target: &Element, table: Option<&'static LocaleTable>) -> Hit {
    let dialog = target.closest(DIALOG_SELECTOR).ok().flatten();
    let in_dialog = dialog.is_some();
    // The nearest link around the target: what an element inside it leads to (a "Connect" text in
    // a link to a help article or a group page is no Connect control, `classify::kind`).
    let outer = target.closest("a[href]").ok().flatten();
    let outer_href = outer.as_ref().and_then(|a| a.get_attribute("href"));
    let mut cur = Some(target.clone());
    // A Connect's name may sit on an inner element (`div[aria-label="Invite X to connect"]` inside
    // the menu item anchor): remember it while walking up.
    let mut inner_name: Option<String> = None;
    for _ in 0..MAX_DEPTH {
        let Some(el) = cur else { break };
        let tag = el.tag_name().to_ascii_lowercase();
        if tag == "body" || tag == "html" {
            break;
        }
        let href = el.get_attribute("href");
        let label = el.get_attribute("aria-label");
        let role = el.get_attribute("role");
        let clickable = matches!(tag.as_str(), "a" | "button")
            || matches!(role.as_deref(), Some("button" | "menuitem"));
        if in_dialog && tag == "button" {
            let text = text_of(&el);
            match commit_button(label.as_deref(), &text, table) {
                Commit::Send => return Hit::Send { el },
                Commit::AddNote => {
                    return dialog.map_or(Hit::None, |dialog| Hit::AddNote { dialog })
                }
                Commit::NotSend => return Hit::None,
                Commit::Unknown => {}
            }
        }
        if label.is_some() || href.is_some() || clickable {
            let text = if clickable && label.is_none() {
                text_of(&el)
            } else {
                String::new()
            };
            let inside = outer
                .as_ref()
                .is_some_and(|o| !o.is_same_node(Some(&el)) && o.contains(Some(&el)));
            let facts = Facts {
                tag: &tag,
                href: href.as_deref(),
                aria_label: label.as_deref(),
                role: role.as_deref(),
                text: &text,
                link: outer_href.as_deref().filter(|_| inside),
            };
            match classify(&facts, table) {
                Control::Connect { vanity, name } => {
                    if clickable || href.is_some() {
                        return Hit::Connect {
                            other_language: classify::other_language(&facts, table),
                            el,
                            invitee: Invitee {
                                urn: None,
                                vanity,
                                name: name.or(inner_name),
                            },
                        };
                    }
                    // A labelled wrapper: the clickable ancestor is the control.
                    inner_name = name;
                }
                // Follow, Pending, the bell, Message: a control that is not Connect ends the walk. A
                // labelled non-control (an icon, a region) does not.
                Control::Pending { .. } | Control::NotConnect if clickable || href.is_some() => {
                    return Hit::None
                }
                _ => {}
            }
        }
        cur = el.parent_element();
    }
    Hit::None
}

/// The viewed profile's URN id from the top card, when `vanity` is the profile this page shows.
pub fn topcard_urn(doc: &Document, vanity: &str) -> Option<String> {
    let path = doc.location()?.pathname().ok()?;
    if classify::vanity_from_profile_href(&path).as_deref() != Some(vanity) {
        return None;
    }
    let card = doc.query_selector(classify::TOPCARD_SELECTOR).ok()??;
    classify::urn_from_topcard_key(&card.get_attribute("componentkey")?)
}

/// Reads what the classifier needs from every element matching `selector` under `root`, in one
/// crossing of the JS↔Rust boundary: per-element calls cost more than the classification itself in
/// the wasm2js build (docs/architecture.md §8.2, "cross the boundary once per batch"). Six fields
/// per element,
/// joined by U+0001: lowercase tag, href, aria-label (U+0000 when absent: an attribute value cannot
/// hold it, the HTML parser replaces it), the trimmed text of an unlabelled button, "1" when the
/// element sits inside a Connect anchor (the labelled `div` of a More-menu item, counted once), and
/// the href of the nearest link around it (U+0000 when none); each field ends with U+0001.
///
/// `count_controls` is the page scan's reader: it counts the elements matching `connect` and
/// `pending` (selectors `core` builds from the same tables the classifier uses; a Connect inside
/// another counts once) and returns the facts of the unlabelled buttons whose text may be one of
/// the tables' button words (`classify::scan_button_words`, compared lowercased with whitespace
/// collapsed, erring toward keeping) for Rust to classify. A scan runs on every LinkedIn page load,
/// and this keeps it from running Rust over every control LinkedIn renders.
#[wasm_bindgen(module = "/src/content/page.js")]
extern "C" {
    fn total_texts(root: &Document, selector: &str, max: u32) -> js_sys::Array;
    fn read_facts(root: &Element, selector: &str, anchors: &str) -> String;
    fn count_controls(
        root: &Element,
        connect: &str,
        pending: &str,
        anchors: &str,
        words: &str,
    ) -> js_sys::Array;
}

/// One element's facts as [`read_facts`] gave them.
struct Row<'a> {
    facts: Facts<'a>,
    nested: bool,
}

fn rows<'a>(blob: &'a str) -> impl Iterator<Item = Row<'a>> + 'a {
    let mut it = blob.split('\u{1}');
    let opt = |s: &'a str| (s != "\0").then_some(s);
    std::iter::from_fn(move || {
        let tag = it.next().filter(|t| !t.is_empty())?;
        let (href, label, text, nested) = (it.next()?, it.next()?, it.next()?, it.next()?);
        let link = it.next()?;
        Some(Row {
            facts: Facts {
                tag,
                href: opt(href),
                aria_label: opt(label),
                role: None,
                text,
                link: opt(link),
            },
            nested: nested == "1",
        })
    })
}

/// Whether the page now shows a Pending control for this invitee (the sign that a send went through;
/// docs/linkedin.md §3.6 signal 2).
pub fn pending_for(doc: &Document, invitee: &Invitee, table: Option<&'static LocaleTable>) -> bool {
    let Some(root) = doc.document_element() else {
        return false;
    };
    let sel = classify::pending_selector(table, invitee.vanity.as_deref());
    if sel.is_empty() {
        return false;
    }
    let blob = read_facts(&root, &sel, classify::INVITE_ANCHOR_SELECTOR);
    let found = rows(&blob).any(|r| match classify(&r.facts, table) {
        Control::Pending { vanity, name } => {
            matches!((&vanity, &invitee.vanity), (Some(a), Some(b)) if a == b)
                || matches!((&name, &invitee.name), (Some(a), Some(b)) if a == b)
        }
        _ => false,
    });
    found
}

/// The alerts and error toasts now in the page (the shapes of LinkedIn's limit alerts,
/// docs/linkedin.md §4), with their text. Whether one is LinkedIn's limit message is the
/// background's to decide (`classify::alert_kind`, a whole-message match over every language's
/// texts): the content script carries neither the texts nor the matcher, whose size every LinkedIn
/// page load would pay (docs/architecture.md §8).
pub fn alerts(doc: &Document) -> Vec<(Element, String)> {
    let mut out = Vec::new();
    if let Ok(list) = doc.query_selector_all(ALERT_SELECTOR) {
        for i in 0..list.length() {
            let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let text = text_of(&el);
            // LinkedIn's limit messages are a sentence or two; anything longer is not one.
            if !text.is_empty() && text.chars().count() <= 500 {
                out.push((el, text));
            }
        }
    }
    out
}

/// The dialogs holding a `/premium/` link (the free-note upsell's only locale-free mark,
/// docs/linkedin.md §3), each with whether it also holds the invite dialog's note field. Whether
/// one
/// is the note upsell is the caller's to decide: any Premium upsell has such a link.
pub fn premium_dialogs(doc: &Document) -> Vec<(Element, bool)> {
    let mut out: Vec<(Element, bool)> = Vec::new();
    if let Ok(list) = doc.query_selector_all(NOTE_UPSELL_SELECTOR) {
        for i in 0..list.length() {
            let Some(link) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let Some(dialog) = link.closest(DIALOG_SELECTOR).ok().flatten() else {
                continue;
            };
            if out.iter().any(|(d, _)| d.is_same_node(Some(&dialog))) {
                continue;
            }
            let note = dialog
                .query_selector(classify::NOTE_EDITOR_SELECTOR)
                .ok()
                .flatten()
                .is_some();
            out.push((dialog, note));
        }
    }
    out
}

/// The text of each placement of LinkedIn's total on the Sent page (`classify::SENT_TOTAL_SELECTOR`:
/// the selected tab, the connection filter's link, the Ember pill; docs/linkedin.md §7.2), in document
/// order, each once: the `sent_page` message's `total_texts`, of which the background reads the
/// first that is the total (`message::SentPage::read`).
pub fn sent_total_texts(doc: &Document) -> js_sys::Array {
    total_texts(
        doc,
        classify::SENT_TOTAL_SELECTOR,
        invite_guard_core::message::MAX_TOTAL_TEXTS as u32,
    )
}

/// Counts of what a scan of the whole page finds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScanCounts {
    pub connect: u32,
    pub pending: u32,
}

/// Counts the Connect and Pending controls in the page. Connect controls nested in another counted
/// Connect (a labelled `div` inside the menu-item anchor) count once.
pub fn scan(root: &Element, table: Option<&'static LocaleTable>) -> ScanCounts {
    let read = count_controls(
        root,
        &classify::connect_selector(table),
        &classify::pending_shapes_selector(table),
        classify::INVITE_ANCHOR_SELECTOR,
        &classify::scan_button_words(table),
    );
    let n = |i: u32| read.get(i).as_f64().unwrap_or(0.0) as u32;
    let mut counts = ScanCounts {
        connect: n(0),
        pending: n(1),
    };
    let blob = read.get(2).as_string().unwrap_or_default();
    for r in rows(&blob) {
        match classify::kind(&r.facts, table) {
            Kind::Connect if !r.nested => counts.connect += 1,
            Kind::Pending => counts.pending += 1,
            _ => {}
        }
    }
    counts
}
