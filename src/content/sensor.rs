//! The sensor: reads LinkedIn's page through the classifier in `core`. Only DOM reading lives here;
//! every decision about what an element is lives in `invite_guard_core::classify`.

use invite_guard_core::classify::{
    self, classify, commit_button, Commit, Control, Facts, ALERT_SELECTOR, DIALOG_SELECTOR,
    NOTE_UPSELL_SELECTOR,
};
use invite_guard_core::ledger::{AlertKind, Invitee};
use invite_guard_core::locale::{is_supported, table_for, LocaleTable};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// How far up from a click target the sensor looks for a control: LinkedIn nests the label and text
/// a few levels inside the anchor (`a[role=menuitem] > div[aria-label] > p`, linkedin-dom.md §2).
const MAX_DEPTH: usize = 8;

/// The page language's table, or `None` when LinkedIn's display language is not one we have (then
/// every table is tried).
pub fn page_table(doc: &Document) -> Option<&'static LocaleTable> {
    let lang = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .unwrap_or_default();
    is_supported(&lang).then(|| table_for(&lang))
}

/// What a click or hover target is.
#[derive(Debug)]
pub enum Hit {
    Connect {
        el: Element,
        invitee: Invitee,
    },
    /// A dialog button that sends the invitation.
    Send {
        el: Element,
    },
    None,
}

fn text_of(el: &Element) -> String {
    el.text_content().unwrap_or_default().trim().to_string()
}

/// Walks up from `target` to the nearest control and says what it is.
pub fn hit(target: &Element, table: Option<&'static LocaleTable>) -> Hit {
    let in_dialog = target.closest(DIALOG_SELECTOR).ok().flatten().is_some();
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
            let facts = Facts {
                tag: &tag,
                href: href.as_deref(),
                aria_label: label.as_deref(),
                role: role.as_deref(),
                text: &text,
            };
            match classify(&facts, table) {
                Control::Connect { vanity, name } => {
                    if clickable || href.is_some() {
                        return Hit::Connect {
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
    let card = doc
        .query_selector("section[componentkey$=\"Topcard\"]")
        .ok()??;
    classify::urn_from_topcard_key(&card.get_attribute("componentkey")?)
}

/// Whether the page now shows a Pending control for this invitee (the sign that a send went through;
/// linkedin-dom.md §3 signal 2).
pub fn pending_for(doc: &Document, invitee: &Invitee, table: Option<&'static LocaleTable>) -> bool {
    let sel = classify::pending_selector(table, invitee.vanity.as_deref());
    let Ok(list) = doc.query_selector_all(&sel) else {
        return false;
    };
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let href = el.get_attribute("href");
        let label = el.get_attribute("aria-label");
        let tag = el.tag_name().to_ascii_lowercase();
        let text = if label.is_none() {
            text_of(&el)
        } else {
            String::new()
        };
        let facts = Facts {
            tag: &tag,
            href: href.as_deref(),
            aria_label: label.as_deref(),
            role: None,
            text: &text,
        };
        if let Control::Pending { vanity, name } = classify(&facts, table) {
            let by_vanity = matches!((&vanity, &invitee.vanity), (Some(a), Some(b)) if a == b);
            let by_name = matches!((&name, &invitee.name), (Some(a), Some(b)) if a == b);
            if by_vanity || by_name {
                return true;
            }
        }
    }
    false
}

/// LinkedIn's limit alerts and note upsells now in the page, with their elements.
pub fn alerts(doc: &Document, table: Option<&'static LocaleTable>) -> Vec<(Element, AlertKind)> {
    let mut out = Vec::new();
    if let Ok(list) = doc.query_selector_all(ALERT_SELECTOR) {
        for i in 0..list.length() {
            let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            if let Some(kind) = classify::alert_kind(&text_of(&el), table) {
                out.push((el, kind));
            }
        }
    }
    // The upsell is recognised by its /premium/ link, whatever the language (linkedin-dom.md §3).
    if let Ok(list) = doc.query_selector_all(NOTE_UPSELL_SELECTOR) {
        for i in 0..list.length() {
            let Some(link) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            if let Some(dialog) = link.closest(DIALOG_SELECTOR).ok().flatten() {
                out.push((dialog, AlertKind::NoteQuota));
            }
        }
    }
    out
}

/// Counts of what a scan of the whole page finds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScanCounts {
    pub connect: u32,
    pub pending: u32,
}

/// Classifies every candidate control in the page once. Connect controls nested in another counted
/// Connect (a labelled `div` inside the menu-item anchor) count once.
pub fn scan(root: &Element, table: Option<&'static LocaleTable>) -> ScanCounts {
    let mut counts = ScanCounts::default();
    let Ok(list) = root.query_selector_all(&classify::scan_selector(table)) else {
        return counts;
    };
    let mut last_connect: Option<Element> = None;
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let tag = el.tag_name().to_ascii_lowercase();
        let href = el.get_attribute("href");
        let label = el.get_attribute("aria-label");
        let text = if label.is_none() && tag == "button" {
            text_of(&el)
        } else {
            String::new()
        };
        let facts = Facts {
            tag: &tag,
            href: href.as_deref(),
            aria_label: label.as_deref(),
            role: None,
            text: &text,
        };
        match classify(&facts, table) {
            Control::Connect { .. } => {
                // querySelectorAll is in document order: a nested match follows its ancestor.
                if last_connect.as_ref().is_some_and(|a| a.contains(Some(&el))) {
                    continue;
                }
                counts.connect += 1;
                last_connect = Some(el);
            }
            Control::Pending { .. } => counts.pending += 1,
            _ => {}
        }
    }
    counts
}
