//! What an element in LinkedIn's page is, from facts the content script reads off it.
//!
//! Locale-free signals first (docs/linkedin.md §15): the custom-invite URL of a Connect anchor,
//! then the
//! per-locale aria-label shapes, then visible text. The content script only gathers the facts; every
//! decision is here, where it is tested natively.

use crate::ledger::AlertKind;
use crate::locale::{find, has, normalize, LocaleTable, TABLES};
use crate::profile::is_valid_vanity;

/// The URL fragments of Connect anchors: the profile top card and More menu use `custom-invite`,
/// search results `search-custom-invite` (docs/linkedin.md §2, §5).
pub const INVITE_HREF_MARKERS: [&str; 2] =
    ["/preload/custom-invite/", "/preload/search-custom-invite/"];

/// The Connect anchors as a CSS selector (the same markers as [`INVITE_HREF_MARKERS`]).
pub const INVITE_ANCHOR_SELECTOR: &str =
    "a[href*=\"/preload/custom-invite/\"],a[href*=\"/preload/search-custom-invite/\"]";

/// Containers of invite dialogs: native `<dialog>`, ARIA dialogs, the Ember modal (docs/linkedin.md
/// §3).
pub const DIALOG_SELECTOR: &str = "dialog,[role=dialog],[role=alertdialog],.artdeco-modal";

/// LinkedIn's limit alerts: the SDUI `role=alert`, the Ember weekly-limit modal, error toasts
/// (docs/linkedin.md §4).
pub const ALERT_SELECTOR: &str =
    "[role=alert],[class*=\"ip-fuse-limit-alert\"],[data-test-artdeco-toast-item-type=error]";

/// The Premium upsell that means the free notes are used up: a `/premium/` link in an open dialog
/// (docs/linkedin.md §3; stickerdaniel/linkedin-mcp-server #448, 2026-05).
/// The invite dialog's note field: `textarea#custom-message` / `textarea[name="message"]` since 2021
/// (docs/linkedin.md §3). In 2026 it may render in the `/preload/` iframe or under
/// `#interop-outlet`'s
/// open shadow root (§1 item 2), so it is looked for there too.
pub const NOTE_EDITOR_SELECTOR: &str = "textarea#custom-message,textarea[name=\"message\"]";
/// The shadow-DOM host legacy dialogs render through (docs/linkedin.md §1.2).
pub const INTEROP_HOST_SELECTOR: &str = "#interop-outlet";
/// The profile's top card: the viewed person's name (`h2`) and headline (docs/linkedin.md §2).
pub const TOPCARD_SELECTOR: &str = "section[componentkey$=\"Topcard\"]";

pub const NOTE_UPSELL_SELECTOR: &str =
    "dialog[open] a[href*=\"/premium/\"],[role=dialog] a[href*=\"/premium/\"]";

/// The facts of one element.
#[derive(Clone, Copy, Debug, Default)]
pub struct Facts<'a> {
    /// Lowercase tag name.
    pub tag: &'a str,
    pub href: Option<&'a str>,
    pub aria_label: Option<&'a str>,
    pub role: Option<&'a str>,
    /// Visible text, trimmed (`textContent`, not layout-dependent `innerText`).
    pub text: &'a str,
    /// The href of the nearest enclosing `<a href>` (an ancestor, not the element itself): a control
    /// inside a link to a group or a help article belongs to that link, not to an invitation.
    pub link: Option<&'a str>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Control {
    /// Opens an invitation (or sends it at once, on some search pages).
    Connect {
        vanity: Option<String>,
        name: Option<String>,
    },
    /// An invitation already sent; clicking it withdraws.
    Pending {
        vanity: Option<String>,
        name: Option<String>,
    },
    /// Follow, the notification bell, Message…: never a Connect.
    NotConnect,
    /// Nothing this sensor knows.
    Unknown,
}

/// The tables to try: the page's language, or every table when the language is unknown
/// (so a missing or odd `<html lang>` still finds Connect in any of the five languages).
fn tables<'a>(table: &'a Option<&'static LocaleTable>) -> &'a [&'static LocaleTable] {
    match table {
        Some(t) => std::slice::from_ref(t),
        None => &TABLES,
    }
}

/// What a click on a control labelled `label` says about withdrawing an invitation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Withdraw {
    /// The member opened the withdraw flow for this person (the Sent page's Withdraw, or Pending).
    Intent(String),
    /// The member confirmed LinkedIn's "Withdraw invitation?" dialog for this person.
    Confirmed(String),
}

/// Reads a Withdraw, Pending or withdraw-confirm label (docs/linkedin.md §2, §7).
pub fn withdraw_label(label: &str, table: Option<&'static LocaleTable>) -> Option<Withdraw> {
    let norm = normalize(label);
    let find = |pick: fn(&LocaleTable) -> &'static [(&'static str, &'static str)]| {
        tables(&table)
            .iter()
            .find_map(|t| shape_name(label, &norm, pick(t)))
            .filter(|n| !n.is_empty())
    };
    // The confirm's "Withdrawn invitation sent to" starts like nothing else, so it is read first.
    find(|t| t.withdraw_confirm_label)
        .map(Withdraw::Confirmed)
        .or_else(|| find(|t| t.withdraw_label).map(Withdraw::Intent))
        .or_else(|| find(|t| t.pending_label).map(Withdraw::Intent))
}

/// Whether `label` is a Follow control's ("Follow Ada Quill", "Ada Quill folgen"; docs/linkedin.md
/// §2).
pub fn is_follow_label(label: &str, table: Option<&'static LocaleTable>) -> bool {
    let norm = normalize(label);
    tables(&table)
        .iter()
        .any(|t| shape_matches(&norm, t.follow_label))
}

/// Cards on LinkedIn's invitation-manager and connections pages (docs/linkedin.md §7–§9): SDUI list
/// items, and the Ember-era cards.
pub const INVITATION_CARD_SELECTOR: &str =
    "[role=listitem],li.invitation-card,li.mn-connection-card,div[componentkey^=\"auto-component\"]";
/// Where LinkedIn shows its total of pending invitations on the Sent page, "People (1,100)"
/// (docs/linkedin.md §7.2): the 2026 page's selected tab, the link to the sent list's connection
/// filter, and the Ember page's pill of its own. The content script sends the text of each match;
/// which one is the total is the background's to read (`message::SentPage::read`): a count that
/// merely looks like one ("Messaging (3)" in a selected tab) reads as none.
pub const SENT_TOTAL_SELECTOR: &str = "nav button[aria-current=\"true\"],\
    a[href*=\"/mynetwork/invitation-manager/sent/CONNECTION\" i],\
    .mn-filters-toolbar .artdeco-pill--selected";

/// The name inside an invite aria-label ("Invite Ada Lovelace to connect" → "Ada Lovelace").
pub fn invite_label_name(label: &str, table: Option<&'static LocaleTable>) -> Option<String> {
    let norm = normalize(label);
    tables(&table)
        .iter()
        .find_map(|t| shape_name(label, &norm, t.invite_label))
}

/// The name a label holds when it has one of the (prefix, suffix) shapes; the name keeps its case.
/// An empty name (a shape with nothing between) counts as a match without a name.
/// `norm` is `normalize(label)`, computed once by the caller: this runs for every labelled element of
/// a page scan.
fn shape_name(label: &str, norm: &str, shapes: &[(&str, &str)]) -> Option<String> {
    for (pre, suf) in shapes {
        if norm.len() > pre.len() + suf.len() && norm.starts_with(pre) && norm.ends_with(suf) {
            // Cut the original label by the same character counts ([`normalize`] keeps one character
            // per character), keeping the name's case.
            let orig: Vec<char> = collapse(label).chars().collect();
            let end = orig.len().saturating_sub(suf.chars().count());
            if let Some(name) = orig.get(pre.chars().count()..end) {
                return Some(name.iter().collect::<String>().trim().into());
            }
        }
    }
    None
}

/// Collapses whitespace the way [`normalize`] does, without lowercasing.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_whitespace() || c == '\u{00A0}' || c == '\u{202F}') {
        if !w.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// The `vanityName` query parameter of a custom-invite URL, percent-decoded; `None` when it is not
/// a profile name ([`is_valid_vanity`]), since links are built from it.
pub fn vanity_from_href(href: &str) -> Option<String> {
    let q = href.split_once('?')?.1;
    let raw = q.split('&').find_map(|kv| kv.strip_prefix("vanityName="))?;
    let raw = raw.split('#').next().unwrap_or("");
    percent_decode(raw).filter(|v| is_valid_vanity(v))
}

/// The vanity of a profile URL (`https://www.linkedin.com/in/<vanity>/`, or `/in/<vanity>`),
/// percent-decoded; `None` when it is not a profile name ([`is_valid_vanity`]).
pub fn vanity_from_profile_href(href: &str) -> Option<String> {
    // `get` rather than slicing: the offset is on a char boundary ("/in/" is ASCII), and `get`
    // carries no panic path into the content bundle.
    let rest = href.get(find(href, "/in/")? + 4..)?;
    let v = rest.split(['/', '?', '#']).next().unwrap_or("");
    percent_decode(v).filter(|v| is_valid_vanity(v))
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hi = (*b.get(i + 1)? as char).to_digit(16)?;
            let lo = (*b.get(i + 2)? as char).to_digit(16)?;
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// What an element is, without the invitee's name: the scan's question, asked for every candidate on
/// a page, so it builds no strings beyond one normalised label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Connect,
    Pending,
    NotConnect,
    Unknown,
}

fn shape_matches(norm: &str, shapes: &[(&str, &str)]) -> bool {
    shapes.iter().any(|(pre, suf)| {
        norm.len() > pre.len() + suf.len() && norm.starts_with(pre) && norm.ends_with(suf)
    })
}

/// Whether following `href` goes somewhere other than an invitation: it is not empty, not in-page
/// (`#…`), not a script (`javascript:`), and not a custom-invite URL.
fn leads_elsewhere(href: &str) -> bool {
    // The URL parser ignores leading and trailing C0 controls and spaces, and tabs and newlines
    // anywhere (WHATWG URL Standard, basic URL parser), so " java\tscript:" is a script too.
    let h = href.trim_matches(|c: char| c <= ' ');
    if h.is_empty() || h.starts_with('#') {
        return false;
    }
    let scheme: String = h
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take("javascript:".len())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    scheme != "javascript:" && !INVITE_HREF_MARKERS.iter().any(|m| has(h, m))
}

/// Classifies one element by kind. `table` is the page language's table, `None` when the language
/// is unknown (then every table is tried).
///
/// When the page's table recognises nothing in the element, the other tables may still make it a
/// Connect, and only a Connect: LinkedIn's `<html lang>` and the language of its labels can
/// disagree (a captured English search page served with `lang="pt-pt"`, docs/linkedin.md §10), and
/// a Connect the guard does not see is the worst failure it can have. What the page's own table
/// reads (a Follow, a Pending) is never overruled, and no other language's Follow, Pending, bell or
/// Message is any table's Connect (`core/tests/classify.rs`,
/// `no_language_makes_another_languages_controls_connect`).
pub fn kind(f: &Facts, table: Option<&'static LocaleTable>) -> Kind {
    if let Some(k) = recognise(f, tables(&table)) {
        return k;
    }
    if table.is_some() && recognise(f, &TABLES) == Some(Kind::Connect) {
        return Kind::Connect;
    }
    if f.aria_label.is_none_or(str::is_empty) {
        Kind::Unknown
    } else {
        Kind::NotConnect
    }
}

/// Whether `f` is a Connect only by another table than the page's own (`table`): the page's labels
/// are in another language than its `<html lang>` says, and it is better read with every table
/// from now on (the content script switches, `content::on_click`). A custom-invite anchor is a
/// Connect by its URL, in no language.
pub fn other_language(f: &Facts, table: Option<&'static LocaleTable>) -> bool {
    table.is_some()
        && recognise(f, tables(&table)).is_none()
        && recognise(f, &TABLES) == Some(Kind::Connect)
}

/// What `f` is by the locale-free signals and the shapes and words of the tables `ts`; `None` when
/// none of them says anything about it.
fn recognise(f: &Facts, ts: &[&'static LocaleTable]) -> Option<Kind> {
    // 1. Locale-free: the custom-invite anchor is a Connect (docs/linkedin.md §2, §5, §15).
    if let Some(href) = f.href {
        if INVITE_HREF_MARKERS.iter().any(|m| has(href, m)) {
            return Some(Kind::Connect);
        }
        // Message, notifications and the member's own edit links are never Connect.
        if has(href, "/messaging/") || has(href, "/notifications") || has(href, "/edit/intro/") {
            return Some(Kind::NotConnect);
        }
    }
    // A link that leads somewhere else, or a control inside one, is never a Connect, whatever its
    // label or text says: "Connect" on a help article, a group, an event, a company or a profile
    // link opens that page, not an invitation, and the guard stops only what sends or opens one.
    // Pending and Follow are still read: the Pending control is a link to the invitee's profile.
    let connect = if [f.href, f.link].into_iter().flatten().any(leads_elsewhere) {
        Kind::NotConnect
    } else {
        Kind::Connect
    };
    let label = f.aria_label.unwrap_or("");
    if !label.is_empty() {
        // 2. The per-locale aria-label shapes.
        let norm = normalize(label);
        if ts.iter().any(|t| shape_matches(&norm, t.invite_label)) {
            return Some(connect);
        }
        for t in ts {
            if shape_matches(&norm, t.pending_label) {
                return Some(Kind::Pending);
            }
            if shape_matches(&norm, t.follow_label) {
                return Some(Kind::NotConnect);
            }
        }
    }
    // 3. Visible text, only on things that act like buttons, and only when the label (if any) did
    // not already say what it is: the bell "Manage notifications about X" has no Connect text anyway.
    let clickable =
        matches!(f.tag, "button" | "a") || matches!(f.role, Some("button") | Some("menuitem"));
    if clickable && !f.text.is_empty() && f.text.len() < 40 {
        let text = normalize(f.text);
        for t in ts {
            if t.connect_text.iter().any(|c| *c == text) {
                return Some(connect);
            }
            if t.pending_text.iter().any(|c| *c == text) {
                return Some(Kind::Pending);
            }
        }
    }
    None
}

/// Classifies one element and names the invitee where the element says who it is.
pub fn classify(f: &Facts, table: Option<&'static LocaleTable>) -> Control {
    let label = f.aria_label.unwrap_or("");
    match kind(f, table) {
        Kind::Connect => Control::Connect {
            vanity: f.href.and_then(vanity_from_href),
            // The page's table first; a label in another language is named by the table that reads it.
            name: invite_label_name(label, table)
                .or_else(|| table.and_then(|_| invite_label_name(label, None)))
                .filter(|n| !n.is_empty()),
        },
        Kind::Pending => {
            let norm = normalize(label);
            let name = tables(&table)
                .iter()
                .find_map(|t| shape_name(label, &norm, t.pending_label))
                .filter(|n| !n.is_empty());
            Control::Pending {
                vanity: f.href.and_then(vanity_from_profile_href),
                name,
            }
        }
        Kind::NotConnect => Control::NotConnect,
        Kind::Unknown => Control::Unknown,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Commit {
    /// Sends the invitation (Send, Send without a note, Send invitation, Send now).
    Send,
    /// "Add a note": does not send, but opens the note editor, or, when the free custom notes are
    /// used up, LinkedIn's Premium upsell instead (docs/linkedin.md §3). The content script
    /// remembers
    /// this click so that only an upsell right after it counts as the note quota refusing a note.
    AddNote,
    /// Another dialog button that does not send (Dismiss, Cancel).
    NotSend,
    Unknown,
}

/// Classifies a button inside an invite dialog by its aria-label or text.
pub fn commit_button(
    label: Option<&str>,
    text: &str,
    table: Option<&'static LocaleTable>,
) -> Commit {
    let candidates = [label.map(normalize), Some(normalize(text))];
    for t in tables(&table) {
        for c in candidates.iter().flatten() {
            if c.is_empty() {
                continue;
            }
            if t.add_note_labels.iter().any(|l| l == c) {
                return Commit::AddNote;
            }
            if t.non_send_labels.iter().any(|l| l == c) {
                return Commit::NotSend;
            }
            if t.send_labels.iter().any(|l| l == c) {
                return Commit::Send;
            }
        }
    }
    Commit::Unknown
}

/// Whether an alert's text is one of LinkedIn's limit messages, as a whole.
///
/// The text must be made of one table's parts of one message and nothing else: at least one
/// headline (`limit_alert_texts`, `note_quota_texts`), and any of that message's follow-up
/// sentences (`limit_alert_more`, `note_quota_more`) and of the alerts' buttons (`alert_buttons`),
/// in any order. A text that merely contains the words ("Jane Doe is out of invitations for now",
/// an article quoting the headline, a company's name beside it) is someone else's and must not be
/// recorded as LinkedIn refusing an invitation.
///
/// Only letters and digits are compared: an element's `textContent` joins its headline, body and
/// button without any space ("…invitation limitGot it"), and punctuation, apostrophes and spacing
/// vary between LinkedIn's variants.
pub fn alert_kind(text: &str, table: Option<&'static LocaleTable>) -> Option<AlertKind> {
    let norm = normalize(text);
    if norm.is_empty() || norm.len() > 2_000 {
        return None;
    }
    let text = letters(&norm);
    for t in tables(&table) {
        if is_message(
            &text,
            t.note_quota_texts,
            t.note_quota_more,
            t.alert_buttons,
        ) {
            return Some(AlertKind::NoteQuota);
        }
        if is_message(
            &text,
            t.limit_alert_texts,
            t.limit_alert_more,
            t.alert_buttons,
        ) {
            return Some(AlertKind::Weekly);
        }
    }
    None
}

/// The letters and digits of `s`, in order.
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Whether `text` (letters and digits only, see [`letters`]) is a sequence of `headlines`, `more`
/// and `buttons` holding at least one headline.
fn is_message(text: &str, headlines: &[&str], more: &[&str], buttons: &[&str]) -> bool {
    let parts: Vec<(String, bool)> = headlines
        .iter()
        .map(|h| (letters(h), true))
        .chain(more.iter().chain(buttons).map(|p| (letters(p), false)))
        .filter(|(p, _)| !p.is_empty())
        .collect();
    let t = text.as_bytes();
    // reached[i]: bit 1, the first i bytes are a sequence of parts; bit 2, one with a headline.
    let mut reached = vec![0u8; t.len() + 1];
    reached[0] = 1;
    for i in 0..t.len() {
        let here = reached[i];
        if here == 0 {
            continue;
        }
        let rest = t.get(i..).unwrap_or_default();
        for (part, headline) in &parts {
            if rest.starts_with(part.as_bytes()) {
                if let Some(r) = reached.get_mut(i + part.len()) {
                    *r |= if *headline { 2 } else { here };
                }
            }
        }
    }
    reached.last().is_some_and(|r| r & 2 != 0)
}

/// The profile URN id in a top card's `componentkey`
/// (`com.linkedin.sdui.profile.card.ref<URN>Topcard`, docs/linkedin.md §2).
pub fn urn_from_topcard_key(key: &str) -> Option<String> {
    let rest = key.strip_prefix("com.linkedin.sdui.profile.card.ref")?;
    let id = rest.strip_suffix("Topcard")?;
    (id.starts_with("ACoA")
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    .then(|| id.to_string())
}

/// The tables' Connect and Pending button texts (already normalized), each followed by U+0001. A
/// page scan reads an unlabelled button's text only to classify it by these words, so its reader
/// may leave out a button whose text, lowercased with its whitespace collapsed, is none of them:
/// the start-up scan then runs no Rust for LinkedIn's many other buttons (every LinkedIn page load
/// pays that scan, docs/architecture.md §8). What it keeps, [`kind`] still decides.
pub fn scan_button_words(table: Option<&'static LocaleTable>) -> String {
    let mut out = String::new();
    for t in tables(&table) {
        for w in t.connect_text.iter().chain(t.pending_text) {
            out.push_str(w);
            out.push('\u{1}');
        }
    }
    out
}

/// Connect controls as CSS: the custom-invite anchors and the tables' invite label shapes
/// (case-insensitive, like the classifier). A page scan counts what this matches without reading
/// it: the selector is the classifier's own table, and reading every control's text cost more than
/// the rest of the scan (first-run JIT in the wasm2js build).
pub fn connect_selector(table: Option<&'static LocaleTable>) -> String {
    let mut sel = String::from(INVITE_ANCHOR_SELECTOR);
    push_shapes(&mut sel, tables(&table).iter().flat_map(|t| t.invite_label));
    sel
}

/// Pending controls as CSS: the tables' Pending label shapes.
pub fn pending_shapes_selector(table: Option<&'static LocaleTable>) -> String {
    let mut sel = String::new();
    push_shapes(
        &mut sel,
        tables(&table).iter().flat_map(|t| t.pending_label),
    );
    sel
}

/// The CSS selector of the Pending controls a send may have produced: labels with a Pending shape,
/// and profile links to the invitee (`vanity`), whose text may say Pending.
pub fn pending_selector(table: Option<&'static LocaleTable>, vanity: Option<&str>) -> String {
    let mut sel = String::new();
    // Only a profile name goes into the CSS: it cannot close the string or the selector.
    if let Some(v) = vanity.filter(|v| is_valid_vanity(v)) {
        sel.push_str("a[href*=\"/in/");
        push_css_string(&mut sel, v);
        sel.push_str("\"]");
    }
    push_shapes(
        &mut sel,
        tables(&table).iter().flat_map(|t| t.pending_label),
    );
    sel
}

/// One (prefix, suffix) shape as CSS, the way [`connect_selector`] writes each: what the diagnostic
/// counts per table entry (`diagnostic::probes`).
pub fn shape_selector(shape: &(&str, &str)) -> String {
    let mut sel = String::new();
    push_shapes(&mut sel, std::iter::once(shape));
    sel
}

/// The tables' shapes around a person's name, by field: Connect, Pending, Withdraw, the withdraw
/// confirmation and Follow, as [`kind`], [`classify`] and [`withdraw_label`] read labels.
pub fn name_shapes(
    t: &LocaleTable,
) -> [(&'static str, &'static [(&'static str, &'static str)]); 5] {
    [
        ("invite_label", t.invite_label),
        ("pending_label", t.pending_label),
        ("withdraw_label", t.withdraw_label),
        ("withdraw_confirm_label", t.withdraw_confirm_label),
        ("follow_label", t.follow_label),
    ]
}

/// The shape of any table that `label` has around a name (a name at least one character long, as
/// the classifier reads it), as its normalized (prefix, suffix); `None` for a label of no such
/// shape. The diagnostic keeps the shape and drops the name (`diagnostic::scrub_label`).
pub fn name_shape(label: &str) -> Option<(&'static str, &'static str)> {
    let norm = normalize(label);
    TABLES.iter().find_map(|t| {
        name_shapes(t).into_iter().find_map(|(_, shapes)| {
            shapes.iter().copied().find(|(pre, suf)| {
                norm.len() > pre.len() + suf.len() && norm.starts_with(pre) && norm.ends_with(suf)
            })
        })
    })
}

/// Appends `[aria-label^="pre" i][aria-label$="suf" i]` for each (prefix, suffix) shape.
fn push_shapes<'a>(sel: &mut String, shapes: impl Iterator<Item = &'a (&'a str, &'a str)>) {
    for (pre, suf) in shapes {
        if pre.is_empty() && suf.is_empty() {
            continue;
        }
        if !sel.is_empty() {
            sel.push(',');
        }
        sel.push_str("[aria-label");
        for (op, v) in [("^=", pre), ("$=", suf)] {
            if v.is_empty() {
                continue;
            }
            if op == "$=" && !pre.is_empty() {
                sel.push_str("][aria-label");
            }
            sel.push_str(op);
            sel.push('"');
            push_css_string(sel, v);
            sel.push_str("\" i");
        }
        sel.push(']');
    }
}

/// Appends `v` as the inside of a double-quoted CSS string: `"` and `\` escaped.
fn push_css_string(sel: &mut String, v: &str) {
    for c in v.chars() {
        if c == '"' || c == '\\' {
            sel.push('\\');
        }
        sel.push(c);
    }
}

#[cfg(test)]
mod scan_selector_tests {
    use super::*;
    use crate::locale::table_for;

    /// A page scan's selectors: Connect and Pending controls by the tables' label shapes.
    fn scan_selector(table: Option<&'static LocaleTable>) -> String {
        connect_selector(table) + "," + &pending_shapes_selector(table)
    }

    #[test]
    fn selector_lists_each_shape() {
        let s = scan_selector(Some(table_for("en")));
        assert!(
            s.contains(r#"[aria-label^="invite " i][aria-label$=" to connect" i]"#),
            "{s}"
        );
        assert!(
            s.contains(r#"[aria-label^="pending, click to withdraw invitation sent to " i]"#),
            "{s}"
        );
        let de = scan_selector(Some(table_for("de")));
        assert!(
            de.contains(r#"[aria-label$=" als kontakt einladen" i]"#),
            "{de}"
        );
        let all = scan_selector(None);
        for t in TABLES {
            assert!(all.contains(t.invite_label[0].1), "{}", t.lang);
        }
    }
}

#[cfg(test)]
mod pending_selector_tests {
    use super::*;
    use crate::locale::table_for;

    #[test]
    fn profile_links_of_valid_vanities() {
        let en = Some(table_for("en"));
        for v in ["ada-lovelace", "ada.lovelace", "zoë_ångström", "王小明"] {
            let sel = pending_selector(en, Some(v));
            assert!(sel.starts_with(&format!("a[href*=\"/in/{v}\"],")), "{sel}");
        }
        // Not a profile name: no profile-link selector, and nothing of it in the CSS.
        for v in ["", "..", "a\"],b", "a\\b", "a b", "a/b", "a%2Fb"] {
            let sel = pending_selector(en, Some(v));
            assert!(!sel.contains("a[href"), "{v:?}: {sel}");
            assert_eq!(sel, pending_selector(en, None), "{v:?}");
        }
    }
}

#[cfg(test)]
mod button_words_tests {
    use super::*;
    use crate::locale::{normalize, table_for};

    /// Every text a table's button words hold classifies as Connect or Pending, and is normalized
    /// already, so the scan's reader can compare a lowercased text with it.
    #[test]
    fn words_are_the_tables_button_texts() {
        let en = scan_button_words(Some(table_for("en")));
        assert_eq!(en, "connect\u{1}pending\u{1}");
        let all = scan_button_words(None);
        for t in TABLES {
            for w in t.connect_text.iter().chain(t.pending_text) {
                assert!(all.split('\u{1}').any(|x| x == *w), "{} {w}", t.lang);
                assert_eq!(normalize(w), *w, "{} {w}", t.lang);
                let f = Facts {
                    tag: "button",
                    text: w,
                    ..Facts::default()
                };
                assert!(
                    matches!(kind(&f, None), Kind::Connect | Kind::Pending),
                    "{} {w}",
                    t.lang
                );
            }
        }
    }
}

#[cfg(test)]
mod anchor_selector_tests {
    use super::*;

    #[test]
    fn anchor_selector_names_each_marker() {
        for m in INVITE_HREF_MARKERS {
            assert!(
                INVITE_ANCHOR_SELECTOR.contains(&format!("a[href*=\"{m}\"]")),
                "{m}"
            );
        }
        assert_eq!(
            INVITE_ANCHOR_SELECTOR.matches("a[href").count(),
            INVITE_HREF_MARKERS.len()
        );
    }

    #[test]
    fn withdraw_labels() {
        let en = Some(crate::locale::table_for("en"));
        assert_eq!(
            withdraw_label("Withdraw invitation sent to Ada Quill", en),
            Some(Withdraw::Intent("Ada Quill".into()))
        );
        assert_eq!(
            withdraw_label("Withdrawn invitation sent to Ada Quill", en),
            Some(Withdraw::Confirmed("Ada Quill".into()))
        );
        assert_eq!(
            withdraw_label(
                "Pending, click to withdraw invitation sent to Ada Quill",
                en
            ),
            Some(Withdraw::Intent("Ada Quill".into()))
        );
        let de = Some(crate::locale::table_for("de"));
        assert_eq!(
            withdraw_label("Einladung an Ada Quill zurückziehen", de),
            Some(Withdraw::Intent("Ada Quill".into()))
        );
        assert_eq!(withdraw_label("Withdraw", en), None);
        assert_eq!(withdraw_label("Invite Ada Quill to connect", en), None);
        assert_eq!(withdraw_label("", None), None);
    }
}
