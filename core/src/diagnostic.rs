//! The diagnostic the member can copy or save from the options page's "Report a problem" section
//! (issue 12 part 3; docs/protocol.md §4): what the extension is, what it sees in the LinkedIn tab
//! (how many elements each of core's selectors and each locale table's entries match, the page's
//! generation), what the sensor decided lately, which senses saw the last sends, and the
//! self-check's states.
//!
//! It is built in the browser and never sent anywhere. Nothing in it names a person: the facts the
//! content script hands over are raw (names in aria-labels, vanities in links, member URNs), and
//! everything from the page or the history goes through the scrubbers here before it is written:
//! - an aria-label with one of the tables' shapes around a name keeps the shape, the name becomes
//!   `<name>` ([`scrub_label`]);
//! - a link keeps LinkedIn's route words; a vanity becomes `<vanity>`, a URN `<urn>`, every other
//!   part a length placeholder ([`scrub_href`]);
//! - any other text keeps the tables' own words and short numbers; every other word becomes its
//!   length, `<5>` ([`scrub_text`]).
//!
//! The report is in English whatever the UI language: it is written for the maintainers.

use crate::classify::{
    self, connect_selector, name_shape, name_shapes, pending_shapes_selector, shape_selector,
};
use crate::ledger::{Event, EventKind, Source};
use crate::locale::{self, normalize, TABLES};
use crate::message::{Decision, Diagnose, PageReport, SeenDecision, MAX_DECISIONS};
use crate::time::{LocalDay, Millis, DAY_MS, MINUTE_MS};
use std::collections::BTreeSet;
use std::fmt::Write;

/// Sends the report lists at most.
pub const MAX_SENDS: usize = 20;

/// Where the self-check's states are (issue 12 parts 1–2): the field `self_check` of the `guard`
/// key, which the background writes: `{}` while no state holds, else one entry per state
/// (`guard_blind`, `counter_blind`, `language`) with its start. The report shows "not available"
/// while the field is absent (a version without the self-check).
pub const SELF_CHECK_FIELD: &str = "self_check";

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

    fn name(self) -> &'static str {
        match self {
            Generation::Sdui => "SDUI",
            Generation::Ember => "Ember",
            Generation::Both => "SDUI and Ember markers both",
            Generation::Neither => "no marker of either",
        }
    }
}

// ---- scrubbing ---------------------------------------------------------------------------------------

/// Every word of the tables the content script carries (`LocaleTable`), normalized: the only words
/// of the page's texts the report keeps. The Sent and Connections pages' texts are left out: their
/// month names are first names too ("June", "August").
fn known_words() -> &'static BTreeSet<String> {
    static WORDS: std::sync::OnceLock<BTreeSet<String>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut set = BTreeSet::new();
        let mut add = |s: &str| {
            for w in normalize(s).split(' ').filter(|w| !w.is_empty()) {
                set.insert(w.to_string());
            }
        };
        for t in TABLES {
            for (_, shapes) in name_shapes(t) {
                for (pre, suf) in shapes {
                    add(pre);
                    add(suf);
                }
            }
            for list in [
                t.connect_text,
                t.pending_text,
                t.send_labels,
                t.add_note_labels,
                t.non_send_labels,
                t.limit_alert_texts,
                t.limit_alert_more,
                t.note_quota_texts,
                t.note_quota_more,
                t.alert_buttons,
            ] {
                for s in list {
                    add(s);
                }
            }
        }
        set
    })
}

/// The placeholder of a word that is not kept: its length in characters.
fn placeholder(s: &str) -> String {
    format!("<{}>", s.chars().count())
}

/// Whether `s` is or holds a LinkedIn member URN id (`ACoA…`, docs/linkedin.md §2), in any case, or
/// is a URN (`urn:li:…`, percent-encoded or not).
fn is_urn(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    locale::has(&lower, "acoa") || lower.starts_with("urn:") || lower.starts_with("urn%3a")
}

/// A number short enough to identify nobody ("1,100", "3"): at most four digits, with separators.
fn is_small_number(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (1..=4).contains(&digits)
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// A text from the page with everything but the tables' words and small numbers replaced: each
/// word (normalized, its surrounding punctuation kept) by itself when the tables hold it, by `<urn>`
/// when it is a member URN, else by its length (`<5>`). A name, a headline or a company becomes
/// placeholders only.
pub fn scrub_text(s: &str) -> String {
    let words = known_words();
    let norm = normalize(s);
    let mut out = Vec::new();
    for token in norm.split(' ').filter(|t| !t.is_empty()) {
        let core = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        let kept = if core.is_empty() {
            // Punctuation alone ("·", "—"): never a name.
            token
                .chars()
                .all(|c| c.is_ascii_punctuation() || !c.is_alphanumeric())
        } else {
            words.contains(core) || is_small_number(core)
        };
        out.push(if kept {
            token.to_string()
        } else if is_urn(token) {
            "<urn>".to_string()
        } else {
            placeholder(token)
        });
    }
    out.join(" ")
}

/// An aria-label: one of the tables' shapes around a name keeps its shape with `<name>` for the
/// name ("invite <name> to connect"); any other label is [`scrub_text`]ed.
pub fn scrub_label(label: &str) -> String {
    match name_shape(label) {
        Some((pre, suf)) => format!("{pre}<name>{suf}"),
        None => scrub_text(label),
    }
}

/// The path segments of LinkedIn's routes the report keeps (docs/linkedin.md §2–§9); any other
/// segment is a placeholder, and the one after `in` or `pub` is `<vanity>`.
const ROUTE_WORDS: &[&str] = &[
    "in",
    "pub",
    "preload",
    "custom-invite",
    "search-custom-invite",
    "mynetwork",
    "invitation-manager",
    "sent",
    "received",
    "CONNECTION",
    "invite-connect",
    "connections",
    "grow",
    "messaging",
    "compose",
    "thread",
    "notifications",
    "search",
    "results",
    "people",
    "all",
    "premium",
    "company",
    "school",
    "groups",
    "events",
    "feed",
    "help",
    "edit",
    "intro",
    "jobs",
    "learning",
    "posts",
    "recent-activity",
    "details",
    "overlay",
    "flagship-web",
    "rsc-action",
    "actions",
    "pagination",
    "voyager",
    "api",
];

/// The query keys the report keeps (their values are placeholders but for `vanityName`'s, which is
/// `<vanity>`, and `lang`'s, kept when it is a language tag).
const QUERY_KEYS: &[&str] = &[
    "vanityName",
    "profileUrn",
    "miniProfileUrn",
    "lang",
    "origin",
    "keywords",
    "network",
    "page",
    "sid",
    "body",
    "trk",
    "lipi",
    "sduiid",
    "action",
    "invitationType",
];

/// Whether a host is LinkedIn's own (kept in a link).
fn linkedin_host(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    h == "linkedin.com"
        || h.ends_with(".linkedin.com")
        || h == "licdn.com"
        || h.ends_with(".licdn.com")
}

/// A language tag such as `en`, `pt-BR`, `pt_br`.
fn is_lang_tag(s: &str) -> bool {
    (2..=8).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphabetic() || b == b'-' || b == b'_')
}

/// A link as the page has it, with LinkedIn's host, route words and query keys kept and everything
/// else replaced: the segment after `/in/` (or `/pub/`) and `vanityName`'s value by `<vanity>`, a
/// URN by `<urn>`, another host, segment, key, value or fragment by its length.
pub fn scrub_href(href: &str) -> String {
    let h = href.trim();
    let (rest, fragment) = match h.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (h, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    let mut out = String::new();
    let path = if let Some((scheme, after)) = rest.split_once("://") {
        let end = after.find('/').unwrap_or(after.len());
        let host = &after[..end];
        out.push_str(&scrub_word(scheme, |s| {
            s.chars().all(|c| c.is_ascii_alphabetic())
        }));
        out.push_str("://");
        if linkedin_host(host) && !host.contains('@') {
            out.push_str(host);
        } else {
            out.push_str(&placeholder(host));
        }
        &after[end..]
    } else if let Some((scheme, body)) = rest
        .split_once(':')
        .filter(|(s, _)| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic()))
    {
        // `javascript:…`, `mailto:…`: the scheme, and a placeholder for the rest.
        out.push_str(scheme);
        out.push(':');
        if !body.is_empty() {
            out.push_str(&placeholder(body));
        }
        ""
    } else {
        rest
    };
    let mut after_profile = false;
    for (i, seg) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        if seg.is_empty() {
            continue;
        }
        if after_profile {
            out.push_str("<vanity>");
            after_profile = false;
        } else if ROUTE_WORDS.contains(&seg) {
            out.push_str(seg);
            after_profile = seg == "in" || seg == "pub";
        } else if is_urn(seg) {
            out.push_str("<urn>");
        } else {
            out.push_str(&placeholder(seg));
        }
    }
    if let Some(q) = query {
        out.push('?');
        for (i, pair) in q.split('&').enumerate() {
            if i > 0 {
                out.push('&');
            }
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            if !QUERY_KEYS.contains(&k) {
                out.push_str(&placeholder(pair));
                continue;
            }
            out.push_str(k);
            if pair.contains('=') {
                out.push('=');
            }
            if v.is_empty() {
            } else if k == "vanityName" {
                out.push_str("<vanity>");
            } else if is_urn(v) {
                out.push_str("<urn>");
            } else if k == "lang" && is_lang_tag(v) {
                out.push_str(v);
            } else {
                out.push_str(&placeholder(v));
            }
        }
    }
    if let Some(f) = fragment {
        out.push('#');
        if !f.is_empty() {
            out.push_str(&placeholder(f));
        }
    }
    out
}

/// `s` when `keep(s)`, else its placeholder.
fn scrub_word(s: &str, keep: impl Fn(&str) -> bool) -> String {
    if !s.is_empty() && s.len() <= 40 && keep(s) {
        s.to_string()
    } else {
        placeholder(s)
    }
}

/// A tag name: HTML's own and custom elements' names are code, kept; anything else a placeholder.
fn scrub_tag(tag: &str) -> String {
    scrub_word(tag, |t| {
        t.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    })
}

/// ARIA roles the report keeps.
const ROLES: &[&str] = &[
    "alert",
    "alertdialog",
    "button",
    "checkbox",
    "dialog",
    "img",
    "link",
    "list",
    "listitem",
    "main",
    "menu",
    "menuitem",
    "navigation",
    "none",
    "option",
    "presentation",
    "region",
    "status",
    "tab",
];

// ---- the browser -------------------------------------------------------------------------------------

/// The browser and its version from `navigator.userAgent`: "Firefox 153.0", "Chrome 156.0.0.0"
/// (Chromium says Chrome), "Edge …", "Opera …"; the operating system is left out.
pub fn browser_of(user_agent: &str) -> String {
    for (mark, name) in [
        ("Firefox/", "Firefox"),
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Chrome/", "Chrome"),
    ] {
        if let Some(i) = locale::find(user_agent, mark) {
            let version: String = user_agent[i + mark.len()..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .take(20)
                .collect();
            return format!("{name} {version}");
        }
    }
    format!("unknown ({})", placeholder(user_agent))
}

// ---- the report --------------------------------------------------------------------------------------

/// What the options page found of the LinkedIn tab.
#[derive(Clone, Debug, PartialEq)]
pub enum Tab {
    /// No `https://www.linkedin.com` tab is open.
    NoneOpen,
    /// `open` LinkedIn tabs, and the one asked did not answer (opened before the extension was
    /// installed or reloaded, or still loading).
    NoAnswer { open: usize },
    /// The most recently used of `open` LinkedIn tabs answered.
    Answered { open: usize, page: PageReport },
}

/// Everything the report is made of.
#[derive(Clone, Debug)]
pub struct Report<'a> {
    /// The extension's version (`manifest.json`).
    pub version: &'a str,
    /// `navigator.userAgent`.
    pub user_agent: &'a str,
    /// When the report is built, and the local time zone then (`getTimezoneOffset()`).
    pub now: Millis,
    pub tz: i32,
    pub tab: Tab,
    /// Every stored event (the report reads the last [`MAX_SENDS`] sends).
    pub events: &'a [Event],
    /// `guard.self_check` as stored ([`SELF_CHECK_FIELD`]), `None` when absent.
    pub self_check: Option<&'a serde_json::Value>,
}

/// `YYYY-MM-DD HH:MM` of `at` at a `getTimezoneOffset()`-style `tz`.
fn local_time(at: Millis, tz: i32) -> String {
    let s = local_seconds(at, tz);
    format!(
        "{} {:02}:{:02}",
        LocalDay::at(at, tz),
        s / 3600,
        s / 60 % 60
    )
}

/// `YYYY-MM-DD HH:MM:SS`, for the sensor's decisions, seconds apart.
fn local_time_seconds(at: Millis, tz: i32) -> String {
    let s = local_seconds(at, tz);
    format!("{}:{:02}", local_time(at, tz), s % 60)
}

/// The seconds since local midnight of `at`.
fn local_seconds(at: Millis, tz: i32) -> i64 {
    let local = at - tz as f64 * MINUTE_MS;
    (local.rem_euclid(DAY_MS) / 1000.0).floor() as i64
}

fn source_name(s: Source) -> &'static str {
    match s {
        Source::Api => "api",
        Source::Dom => "dom",
        Source::Alert => "alert",
        Source::Import => "import",
        Source::SentPage => "sent_page",
        Source::Connection => "connection",
    }
}

impl Report<'_> {
    /// The report as text.
    pub fn render(&self) -> String {
        let mut o = String::new();
        let _ = self.write(&mut o);
        o
    }

    fn write(&self, o: &mut String) -> std::fmt::Result {
        writeln!(o, "Invite Guard diagnostic report")?;
        writeln!(
            o,
            "Built in this browser at {}; nothing was sent. Names, profile addresses and member ids \
             are replaced by placeholders: <name>, <vanity>, <urn>, and <5> for any other word of \
             5 characters.",
            local_time(self.now, self.tz)
        )?;
        writeln!(o)?;
        writeln!(o, "== Extension")?;
        writeln!(o, "version: {}", scrub_word(self.version, is_version))?;
        writeln!(o, "browser: {}", browser_of(self.user_agent))?;
        writeln!(o)?;
        self.write_tab(o)?;
        writeln!(o)?;
        self.write_sends(o)?;
        writeln!(o)?;
        writeln!(o, "== Self-check")?;
        match self.self_check {
            None | Some(serde_json::Value::Null) => writeln!(o, "not available")?,
            Some(serde_json::Value::Object(m)) if m.is_empty() => {
                writeln!(o, "no state holds: the two senses agree")?
            }
            Some(v) => write_value(o, v, 0, self.tz)?,
        }
        Ok(())
    }

    fn write_tab(&self, o: &mut String) -> std::fmt::Result {
        writeln!(o, "== LinkedIn tab")?;
        let (open, page) = match &self.tab {
            Tab::NoneOpen => {
                writeln!(
                    o,
                    "No LinkedIn tab is open: open the LinkedIn page where the problem shows, then \
                     build the report again."
                )?;
                return Ok(());
            }
            Tab::NoAnswer { open } => {
                writeln!(o, "LinkedIn tabs open: {open}")?;
                writeln!(
                    o,
                    "The LinkedIn tab did not answer (it may have been opened before the extension \
                     was installed or updated: reload it, then build the report again)."
                )?;
                return Ok(());
            }
            Tab::Answered { open, page } => (open, page),
        };
        writeln!(
            o,
            "LinkedIn tabs open: {open} (the most recently used one is read, its top frame)"
        )?;
        writeln!(
            o,
            "page: {}",
            page.path.as_deref().map(scrub_href).unwrap_or_default()
        )?;
        let lang = page.lang.as_deref().unwrap_or_default();
        let table = if locale::is_supported(lang) {
            format!("the {} table", locale::table_for(lang).lang)
        } else {
            "no table: every table is tried".to_string()
        };
        writeln!(
            o,
            "LinkedIn's UI language (<html lang>): {} ({table})",
            if lang.is_empty() {
                "none".to_string()
            } else {
                scrub_word(lang, is_lang_tag)
            }
        )?;
        let probes = probes();
        let counts = counts(&probes, page);
        writeln!(
            o,
            "page generation: {}",
            Generation::of(&probes, &counts).name()
        )?;
        let mut section = None;
        for (p, n) in probes.iter().zip(&counts) {
            if section != Some(p.section) {
                writeln!(o)?;
                section = Some(p.section);
                match p.section {
                    Section::Core => {
                        writeln!(
                            o,
                            "Counts below: elements matching the selector, then (for a table's \
                             words) clickable elements whose whole text is the word."
                        )?;
                        writeln!(o)?;
                        writeln!(o, "== Selectors")?
                    }
                    Section::Sdui => writeln!(o, "== SDUI markers (docs/linkedin.md §1.1)")?,
                    Section::Ember => writeln!(o, "== Ember markers (docs/linkedin.md §1.1)")?,
                    Section::Table(lang) => {
                        let own = locale::is_supported(page.lang.as_deref().unwrap_or_default())
                            && locale::table_for(page.lang.as_deref().unwrap_or_default()).lang
                                == lang;
                        writeln!(
                            o,
                            "== Table {lang}{}",
                            if own { ", the page's language" } else { "" }
                        )?
                    }
                }
            }
            let cell = |asked: bool, n: Option<u32>| match (asked, n) {
                (false, _) => String::new(),
                (true, None) => "?".to_string(),
                (true, Some(n)) => n.to_string(),
            };
            let by_css = cell(p.css.is_some(), n.css);
            let by_text = cell(p.text.is_some(), n.text);
            let css = p.css.as_deref().unwrap_or_default();
            let line = format!("{by_css:>5} {by_text:>5}  {}  {css}", p.what);
            writeln!(o, "{}", line.trim_end())?;
        }
        writeln!(o)?;
        let decisions = &page.decisions[page.decisions.len().saturating_sub(MAX_DECISIONS)..];
        writeln!(
            o,
            "== Last {} sensor decisions in this tab, oldest first",
            decisions.len()
        )?;
        if decisions.is_empty() {
            writeln!(o, "none since the page loaded")?;
        }
        for (i, d) in decisions.iter().enumerate() {
            write_decision(o, i + 1, d, self.now, self.tz)?;
        }
        Ok(())
    }

    fn write_sends(&self, o: &mut String) -> std::fmt::Result {
        let sends: Vec<&Event> = self
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Sent)
            .collect();
        let mut last: Vec<&Event> = sends
            .iter()
            .rev()
            .take(MAX_SENDS)
            .copied()
            .collect::<Vec<_>>();
        last.sort_by(|a, b| a.at.total_cmp(&b.at));
        writeln!(
            o,
            "== Last {} sends (of {}), oldest first: which senses saw each",
            last.len(),
            sends.len()
        )?;
        if last.is_empty() {
            writeln!(o, "none")?;
        }
        for e in last {
            let sources: Vec<&str> = e.sources.iter().map(|s| source_name(*s)).collect();
            let note = match e.note {
                Some(true) => "note",
                Some(false) => "no note",
                None => "note unknown",
            };
            writeln!(
                o,
                "{}  sources: {}  ({note})",
                local_time(e.at, e.tz),
                if sources.is_empty() {
                    "none".to_string()
                } else {
                    sources.join(", ")
                }
            )?;
        }
        Ok(())
    }
}

fn is_version(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

fn write_decision(
    o: &mut String,
    i: usize,
    d: &SeenDecision,
    now: Millis,
    tz: i32,
) -> std::fmt::Result {
    let when =
        d.at.filter(|at| at.is_finite() && (now - at).abs() < 366.0 * DAY_MS)
            .map(|at| local_time_seconds(at, tz))
            .unwrap_or_else(|| "?".into());
    let what = d.decision().map_or("unknown decision", Decision::name);
    let trusted = match d.trusted {
        Some(true) => "",
        Some(false) => " (not the member's own click)",
        None => "",
    };
    write!(o, "{i:>2}. {when}  {what}{trusted}")?;
    let mut facts = Vec::new();
    if let Some(t) = d.tag.as_deref().filter(|t| !t.is_empty()) {
        facts.push(format!("tag={}", scrub_tag(t)));
    }
    if let Some(r) = d.role.as_deref().filter(|r| !r.is_empty()) {
        facts.push(format!("role={}", scrub_word(r, |r| ROLES.contains(&r))));
    }
    if let Some(l) = d.label.as_deref() {
        facts.push(format!("aria-label=\"{}\"", scrub_label(l)));
    }
    if let Some(h) = d.href.as_deref() {
        facts.push(format!("href=\"{}\"", scrub_href(h)));
    }
    if let Some(t) = d.text.as_deref().filter(|t| !t.trim().is_empty()) {
        facts.push(format!("text=\"{}\"", scrub_text(t)));
    }
    if let Some(l) = d.link.as_deref() {
        facts.push(format!("inside link=\"{}\"", scrub_href(l)));
    }
    if !facts.is_empty() {
        write!(o, "\n      {}", facts.join(" "))?;
    }
    writeln!(o)
}

/// A stored value of unknown shape, written key by key: keys and short identifiers (`guard_blind`,
/// `it`) are code and kept, times written as times, any other text [`scrub_text`]ed.
fn write_value(o: &mut String, v: &serde_json::Value, depth: usize, tz: i32) -> std::fmt::Result {
    use serde_json::Value;
    let pad = "  ".repeat(depth);
    let scalar = |key: &str, v: &Value| -> String {
        match v {
            Value::Null => "none".into(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => match n.as_f64() {
                // A time stamp (ms since the epoch, 2001 to 2286).
                Some(ms) if ms > 1e12 && ms < 1e13 && (key.ends_with("at") || key == "since") => {
                    local_time(ms, tz)
                }
                _ => n.to_string(),
            },
            Value::String(s) if is_identifier(s) || (key == "lang" && is_lang_tag(s)) => s.clone(),
            Value::String(s) => format!("\"{}\"", scrub_text(s)),
            _ => String::new(),
        }
    };
    match v {
        Value::Object(map) => {
            for (k, val) in map.iter().take(50) {
                let key = scrub_word(k, is_identifier);
                match val {
                    Value::Object(_) | Value::Array(_) if depth < 3 => {
                        writeln!(o, "{pad}{key}:")?;
                        write_value(o, val, depth + 1, tz)?;
                    }
                    Value::Object(_) | Value::Array(_) => writeln!(o, "{pad}{key}: …")?,
                    _ => writeln!(o, "{pad}{key}: {}", scalar(&key, val))?,
                }
            }
        }
        Value::Array(items) => {
            for item in items.iter().take(50) {
                match item {
                    Value::Object(_) | Value::Array(_) if depth < 3 => {
                        writeln!(o, "{pad}-")?;
                        write_value(o, item, depth + 1, tz)?;
                    }
                    _ => writeln!(o, "{pad}- {}", scalar("", item))?,
                }
            }
        }
        _ => writeln!(o, "{pad}{}", scalar("", v))?,
    }
    Ok(())
}

/// A code name: lowercase ASCII letters, digits and `_`, at most 40 characters ("guard_blind",
/// "since", "it").
fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::Invitee;
    use crate::message::Diagnose;
    use proptest::prelude::*;

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
            ("/search/results/people/?keywords=ada%20quill&x=1", "/search/results/people/?keywords=<11>&<3>"),
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

    fn report<'a>(
        tab: Tab,
        events: &'a [Event],
        self_check: Option<&'a serde_json::Value>,
    ) -> String {
        Report {
            version: "0.1.0",
            user_agent: "Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0",
            now: 1_800_000_000_000.0,
            tz: -60,
            tab,
            events,
            self_check,
        }
        .render()
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
    fn everything(
        people: &[(String, String, String)],
    ) -> (PageReport, Vec<Event>, serde_json::Value) {
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
}
