//! The report as text, in English for the maintainers (docs/protocol.md §4).

use super::probes::{counts, probes, Generation, Section};
use super::scrub::{
    browser_of, is_lang_tag, scrub_href, scrub_label, scrub_tag, scrub_text, scrub_word, ROLES,
};
use super::MAX_SENDS;
use crate::ledger::{Event, EventKind};
use crate::locale::{self};
use crate::message::{Decision, PageReport, SeenDecision, MAX_DECISIONS};
use crate::schema::{SentPageRead, SentTotalMissed};
use crate::time::{LocalDay, Millis, DAY_MS, MINUTE_MS};
use std::fmt::Write;

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
    /// The last read of LinkedIn's Sent page whose total read (`sent_page`), and the last read
    /// whose total did not (`sent_total_missed`; docs/linkedin.md §7.2).
    pub sent_page: Option<&'a SentPageRead>,
    pub sent_total_missed: Option<&'a SentTotalMissed>,
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
        self.write_sent_page(o)?;
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

    /// LinkedIn's Sent page: when it was last read and whether its total read there (issue 12
    /// part 5). A miss newer than the last total that read is what the popup goes by.
    fn write_sent_page(&self, o: &mut String) -> std::fmt::Result {
        writeln!(o, "== LinkedIn's Sent page")?;
        let read_at = self.sent_page.map(|r| r.read_at);
        match (self.sent_page, self.sent_total_missed) {
            (_, Some(m)) if read_at.is_none_or(|r| m.at >= r) => writeln!(
                o,
                "last read {}: LinkedIn's total did not read (<html lang> {}; {} texts in its \
                 placements, none of them a total); the popup shows the count from Invite \
                 Guard's own records",
                local_time(m.at, self.tz),
                if m.lang.is_empty() {
                    "none".to_string()
                } else {
                    scrub_word(&m.lang, is_lang_tag)
                },
                m.texts
            ),
            (Some(r), _) => writeln!(
                o,
                "last read {}: LinkedIn's total read: {} ({} cards listed, {})",
                local_time(r.read_at, self.tz),
                r.total,
                r.pending,
                if r.complete {
                    "the whole list"
                } else {
                    "not the whole list"
                }
            ),
            _ => writeln!(o, "not read yet"),
        }
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
        crate::time::sort_by_time(&mut last);
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
            let sources: Vec<&str> = e.sources.iter().map(|s| s.name()).collect();
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
