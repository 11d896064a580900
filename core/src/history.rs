//! The dashboard's history (issue 13 item 2): every stored event, searched by name, filtered by
//! kind, source and date range, shown one page at a time, newest first.
//!
//! Built for 100,000 events and a filter run on every keystroke (target 50 ms, printed by
//! `./build.sh bench`): [`Index::new`] folds each event's name and profile name once, so a
//! keystroke is one pass of byte searches over short strings, with no allocation per event.

use crate::ledger::{Event, EventKind, Source};
use crate::locale::{find, lower};
use crate::time::LocalDay;

/// Rows per page: a screen or two of rows, cheap to build on each keystroke.
pub const PAGE_SIZE: usize = 50;

/// What the member asked for. Empty text, no kind, no source and no dates: everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    /// Part of the name or of the profile name (`/in/<vanity>/`), without case or accents.
    pub text: String,
    pub kind: Option<EventKind>,
    /// Events that any signal of this source saw (an event seen by the API and the page has both).
    pub source: Option<Source>,
    /// First and last local day, both included.
    pub from: Option<LocalDay>,
    pub to: Option<LocalDay>,
}

/// Lowercase and without the accents of Latin letters, so "jose" finds "José" and "angstrom"
/// finds "Ångström". A table of base letters for Latin-1 and Latin Extended-A (the scripts of the
/// five languages shipped) instead of Unicode decomposition, which would add its tables to the page.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = lower(c);
        match c {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            '-' | '_' | '.' => out.push(' '),
            _ => out.push(base(c)),
        }
    }
    out
}

/// Latin Extended-A's base letters, one per code point from U+0100 (a capital and its small letter
/// in turn; the ligature Ĳ as i, kra as k, long s as s).
const EXT_A: &str = concat!(
    "aaaaaa",
    "cccccccc",
    "dddd",
    "eeeeeeeeee",
    "gggggggg",
    "hhhh",
    "iiiiiiiiii",
    "ii",
    "jj",
    "kk",
    "k",
    "llllllllll",
    "nnnnnn",
    "n",
    "nn",
    "oooooo",
    "oo",
    "rrrrrr",
    "ssssssss",
    "tttttt",
    "uuuuuuuuuuuu",
    "ww",
    "yyy",
    "zzzzzz",
    "s",
);

/// The base letter of a lowercase accented Latin letter; any other character as it is.
fn base(c: char) -> char {
    const LATIN1: &str = "aaaaaaæceeeeiiiiðnooooo÷ouuuuyþy";
    let u = c as u32;
    match u {
        0xE0..=0xFF => LATIN1.chars().nth((u - 0xE0) as usize).unwrap_or(c),
        // Latin Extended-A, in the order of its code points (two per letter: capital, small).
        0x100..=0x17F => EXT_A
            .as_bytes()
            .get((u - 0x100) as usize)
            .map_or(c, |&b| b as char),
        _ => c,
    }
}

/// The folded text each event is searched by, built once per load of the history.
pub struct Index {
    hay: Vec<String>,
}

impl Index {
    /// `events` in the order the dashboard holds them (oldest first).
    pub fn new(events: &[Event]) -> Index {
        let hay = events
            .iter()
            .map(|e| {
                let mut h = String::new();
                if let Some(n) = &e.invitee.name {
                    h.push_str(&fold(n));
                }
                if let Some(v) = &e.invitee.vanity {
                    h.push('\n');
                    h.push_str(&fold(v));
                }
                h
            })
            .collect();
        Index { hay }
    }

    /// The positions in `events` of the events that match, newest first. `events` must be the
    /// slice the index was built from.
    pub fn search(&self, events: &[Event], q: &Query) -> Vec<u32> {
        let text = fold(q.text.trim());
        let mut out = Vec::new();
        for (i, e) in events.iter().enumerate().rev() {
            if q.kind.is_some_and(|k| e.kind != k)
                || q.source.is_some_and(|s| !e.sources.contains(&s))
                || q.from.is_some_and(|d| e.day < d)
                || q.to.is_some_and(|d| e.day > d)
            {
                continue;
            }
            let hay = self.hay.get(i).map_or("", String::as_str);
            if !text.is_empty() && find(hay, &text).is_none() {
                continue;
            }
            out.push(i as u32);
        }
        out
    }
}

/// Which rows page `page` (from 0) shows, clamped to the last page, and how many pages there are
/// (at least one, so an empty result is "page 1 of 1").
pub fn page_of(total: usize, page: usize) -> (std::ops::Range<usize>, usize, usize) {
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.min(pages - 1);
    let start = page * PAGE_SIZE;
    (start..(start + PAGE_SIZE).min(total), page, pages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::Invitee;

    fn ev(i: usize, kind: EventKind, name: &str, vanity: &str, sources: Vec<Source>) -> Event {
        let at = 1_767_225_600_000.0 + i as f64 * 3_600_000.0 * 10.0; // 2026-01-01, every 10 h
        let invitee = Invitee {
            name: (!name.is_empty()).then(|| name.to_string()),
            vanity: (!vanity.is_empty()).then(|| vanity.to_string()),
            urn: None,
        };
        Event {
            sources,
            ..Event::new(format!("t:{i}"), kind, at, 0, invitee, Source::Api)
        }
    }

    fn sample() -> Vec<Event> {
        vec![
            ev(
                0,
                EventKind::Sent,
                "José Álvarez",
                "jose-alvarez-1",
                vec![Source::Api],
            ),
            ev(
                1,
                EventKind::Sent,
                "Ada Lovelace",
                "ada",
                vec![Source::Api, Source::Dom],
            ),
            ev(2, EventKind::Refused, "", "", vec![Source::Alert]),
            ev(
                3,
                EventKind::Accepted,
                "Ada Lovelace",
                "ada",
                vec![Source::Connection],
            ),
            ev(
                4,
                EventKind::Sent,
                "Anders Ångström",
                "",
                vec![Source::Import],
            ),
            ev(
                5,
                EventKind::Withdrawn,
                "",
                "grace-hopper",
                vec![Source::SentPage],
            ),
            ev(
                6,
                EventKind::Sent,
                "Łukasz Straße",
                "lukasz",
                vec![Source::Dom],
            ),
        ]
    }

    fn ids(events: &[Event], found: &[u32]) -> Vec<String> {
        found
            .iter()
            .map(|&i| events[i as usize].id.clone())
            .collect()
    }

    #[test]
    fn an_empty_query_is_everything_newest_first() {
        let e = sample();
        let found = Index::new(&e).search(&e, &Query::default());
        assert_eq!(found, vec![6, 5, 4, 3, 2, 1, 0]);
    }

    #[test]
    fn names_are_found_without_case_or_accents() {
        let e = sample();
        let idx = Index::new(&e);
        let q = |t: &str| {
            ids(
                &e,
                &idx.search(
                    &e,
                    &Query {
                        text: t.into(),
                        ..Query::default()
                    },
                ),
            )
        };
        assert_eq!(q("jose"), ["t:0"]);
        assert_eq!(q("ÁLVAREZ"), ["t:0"]);
        assert_eq!(q("angstrom"), ["t:4"]);
        assert_eq!(q("lukasz strasse"), ["t:6"]);
        assert_eq!(q("  ada "), ["t:3", "t:1"]);
        // The profile name counts, with its hyphens as spaces: a withdrawal kept without a name.
        assert_eq!(q("grace hopper"), ["t:5"]);
        assert_eq!(q("grace-hopper"), ["t:5"]);
        assert!(q("nobody").is_empty());
        // A name and a vanity do not run together into a match across the two.
        assert!(q("lovelaceada").is_empty());
    }

    #[test]
    fn kind_source_and_dates_narrow_it() {
        let e = sample();
        let idx = Index::new(&e);
        let run = |q: Query| ids(&e, &idx.search(&e, &q));
        let sent = Query {
            kind: Some(EventKind::Sent),
            ..Query::default()
        };
        assert_eq!(run(sent.clone()), ["t:6", "t:4", "t:1", "t:0"]);
        let dom = Query {
            source: Some(Source::Dom),
            ..sent.clone()
        };
        assert_eq!(run(dom), ["t:6", "t:1"]);
        // Events every 10 h from 1 January (UTC): 0, 1, 2 on the 1st; 3, 4 on the 2nd; 5, 6 on the 3rd.
        let day = |d| LocalDay::parse(d);
        let second = Query {
            from: day("2026-01-02"),
            to: day("2026-01-02"),
            ..Query::default()
        };
        assert_eq!(run(second), ["t:4", "t:3"]);
        let from = Query {
            from: day("2026-01-03"),
            ..Query::default()
        };
        assert_eq!(run(from), ["t:6", "t:5"]);
        let to_ada = Query {
            text: "ada".into(),
            to: day("2026-01-01"),
            ..Query::default()
        };
        assert_eq!(run(to_ada), ["t:1"]);
        // From after to: nothing, not an error.
        let crossed = Query {
            from: day("2026-01-03"),
            to: day("2026-01-01"),
            ..Query::default()
        };
        assert!(run(crossed).is_empty());
    }

    #[test]
    fn pages_hold_fifty_and_clamp() {
        assert_eq!(page_of(0, 0), (0..0, 0, 1));
        assert_eq!(page_of(50, 0), (0..50, 0, 1));
        assert_eq!(page_of(51, 1), (50..51, 1, 2));
        assert_eq!(page_of(120, 9), (100..120, 2, 3));
    }

    #[test]
    fn fold_maps_every_latin_letter_to_a_base_letter() {
        assert_eq!(EXT_A.len(), 0x80);
        for u in (0xC0..=0x17Fu32).filter(|&u| u != 0xD7 && u != 0xF7) {
            let c = char::from_u32(u).unwrap();
            let f = fold(&c.to_string());
            let kept = matches!(f.as_str(), "ð" | "þ");
            assert!(
                kept || (!f.is_empty() && f.chars().all(|c| c.is_ascii_lowercase())),
                "U+{u:04X} {c} folds to {f}"
            );
        }
        assert_eq!(fold("ÀÉÎÕÜÇÑ"), "aeioucn");
        assert_eq!(fold("ĄĆĘŁŃŚŹŻ"), "acelnszz");
        assert_eq!(fold("ŠŽČŘĚŮŐŰĞİı"), "szcreuougii");
    }
}
