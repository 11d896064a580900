//! The placeholders: nothing from the page or the history names a person in the report
//! (docs/protocol.md §4).

use crate::classify::{name_shape, name_shapes};
use crate::locale::{self, normalize, TABLES};
use std::collections::BTreeSet;

/// Every word of the tables the content script carries (`LocaleTable`), normalized: the only words
/// of the page's texts the report keeps. The Sent and Connections pages' texts are left out: their
/// month names are first names too ("June", "August").
pub(super) fn known_words() -> &'static BTreeSet<String> {
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
pub(super) fn is_lang_tag(s: &str) -> bool {
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
pub(super) fn scrub_word(s: &str, keep: impl Fn(&str) -> bool) -> String {
    if !s.is_empty() && s.len() <= 40 && keep(s) {
        s.to_string()
    } else {
        placeholder(s)
    }
}

/// A tag name: HTML's own and custom elements' names are code, kept; anything else a placeholder.
pub(super) fn scrub_tag(tag: &str) -> String {
    scrub_word(tag, |t| {
        t.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    })
}

/// ARIA roles the report keeps.
pub(super) const ROLES: &[&str] = &[
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
