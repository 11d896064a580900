//! History export: a JSON file that [`crate::import::preview`] reads back exactly (backup, moving
//! to another browser), and a CSV file for a spreadsheet.

use crate::ledger::{Event, EventKind};
use crate::profile::profile_url;
use crate::settings::Settings;
use crate::time::{LocalDay, Millis};
use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};
use std::io;

/// The `format` field that marks an Invite Guard history file.
pub const FORMAT: &str = "invite-guard-history";
/// The export file's own version. It is not the storage schema (schema.rs): the file always holds
/// events as objects, whatever form storage keeps them in.
pub const FILE_VERSION: u32 = 1;

#[derive(Serialize)]
struct File<'a> {
    format: &'static str,
    schema: u32,
    exported_at: Millis,
    settings: &'a Settings,
    events: Vec<&'a Event>,
}

/// The JSON export: `{"format":"invite-guard-history","schema":1,"exported_at":…,"settings":{…},
/// "events":[…]}`, events oldest first, each serialised as stored (docs/protocol.md §1) so that
/// export then import gives back the same events.
///
/// Whole milliseconds are written as integers (`1764259200000`, not `1764259200000.0`), as the
/// browser stores them; fractional ones (the `webRequest` time stamps) keep serde_json's shortest
/// exact form.
pub fn to_json(events: &[Event], settings: &Settings, exported_at: Millis) -> String {
    let mut events: Vec<&Event> = events.iter().collect();
    crate::time::sort_by_time(&mut events);
    let file = File {
        format: FORMAT,
        schema: FILE_VERSION,
        exported_at,
        settings,
        events,
    };
    let mut out = Vec::new();
    file.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out,
        WholeAsInteger,
    ))
    .expect("events and settings always serialise");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// serde_json's compact output, except that a whole `f64` below 2^53 (where every whole value is an
/// exact `i64` and back) is written without `.0`.
struct WholeAsInteger;

impl Formatter for WholeAsInteger {
    fn write_f64<W: ?Sized + io::Write>(&mut self, w: &mut W, v: f64) -> io::Result<()> {
        // -0.0 would lose its sign as an integer.
        if v.fract() == 0.0
            && v.abs() < 9_007_199_254_740_992.0
            && v.to_bits() != (-0.0f64).to_bits()
        {
            self.write_i64(w, v as i64)
        } else {
            CompactFormatter.write_f64(w, v)
        }
    }
}

/// The CSV export's columns.
const CSV_HEADER: [&str; 12] = [
    "id",
    "kind",
    "at",
    "local_day",
    "tz_offset_min",
    "name",
    "vanity",
    "profile_url",
    "urn",
    "note",
    "note_length",
    "sources",
];

/// The CSV export, oldest first: RFC 4180 (CRLF line ends, fields with a comma, quote, CR or LF
/// quoted, quotes doubled), with a header row.
///
/// No byte order mark: the page that saves the file adds one (options/data.rs), since without it
/// Excel reads the file in the system's ANSI code page and garbles non-ASCII names.
///
/// Text from LinkedIn's page (names, vanities, URNs) and ids are guarded against spreadsheet
/// formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` (OWASP
/// "CSV Injection"), since a name is whatever a stranger typed into their profile. Numbers and our
/// own words are left alone (a negative `tz_offset_min` stays a number).
pub fn to_csv(events: &[Event]) -> String {
    let mut events: Vec<&Event> = events.iter().collect();
    crate::time::sort_by_time(&mut events);
    let mut out = String::new();
    push_row(&mut out, CSV_HEADER.iter().map(|h| h.to_string()));
    for e in events {
        let text = |s: &Option<String>| s.as_deref().map(defuse).unwrap_or_default();
        push_row(
            &mut out,
            [
                defuse(&e.id),
                kind_name(e.kind).to_string(),
                iso_utc(e.at),
                e.day.to_string(),
                e.tz.to_string(),
                text(&e.invitee.name),
                text(&e.invitee.vanity),
                // No link for a stored vanity that is not a profile name (profile.rs).
                e.invitee
                    .vanity
                    .as_deref()
                    .and_then(profile_url)
                    .unwrap_or_default(),
                text(&e.invitee.urn),
                match e.note {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "",
                }
                .to_string(),
                e.note_len.map(|n| n.to_string()).unwrap_or_default(),
                e.sources
                    .iter()
                    .map(|s| s.name())
                    .collect::<Vec<_>>()
                    .join("+"),
            ],
        );
    }
    out
}

fn push_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, c) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if c.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&c);
        }
    }
    out.push_str("\r\n");
}

/// A text cell a spreadsheet will not run as a formula.
fn defuse(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// `at` as ISO 8601 UTC to the second (`2026-11-27T14:03:05Z`); empty when not finite.
fn iso_utc(at: Millis) -> String {
    if !at.is_finite() {
        return String::new();
    }
    let secs = (at / 1000.0).floor() as i64;
    let day = LocalDay::from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// The stored (serde) names, so the CSV and JSON agree.
fn kind_name(k: EventKind) -> &'static str {
    match k {
        EventKind::Sent => "sent",
        EventKind::Refused => "refused",
        EventKind::NoteRefused => "note_refused",
        EventKind::Withdrawn => "withdrawn",
        EventKind::Accepted => "accepted",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{Invitee, Source};
    use crate::presets::AccountType;
    use serde_json::Value;

    /// 2026-11-27T14:03:05Z.
    const AT: Millis = 1_795_788_185_000.0;

    fn event(id: &str, at: Millis, name: Option<&str>, vanity: Option<&str>) -> Event {
        Event {
            id: id.to_string(),
            kind: EventKind::Sent,
            at,
            day: LocalDay::at(at, -60),
            tz: -60,
            invitee: Invitee {
                urn: Some("ACoAABcdEfGhIjKlMnOpQrStUvWxYz0123456789".to_string()),
                vanity: vanity.map(str::to_string),
                name: name.map(str::to_string),
            },
            note: Some(false),
            note_len: None,
            sources: vec![Source::Api, Source::Dom],
            tab: Some(7),
            also: vec![],
        }
    }

    /// The CSV's rows, split on CRLF (only for cells without line breaks).
    fn rows(csv: &str) -> Vec<&str> {
        assert!(!csv.starts_with('\u{FEFF}'), "the caller adds the BOM");
        let body = csv.strip_suffix("\r\n").expect("ends with CRLF");
        body.split("\r\n").collect()
    }

    #[test]
    fn iso_times() {
        assert_eq!(iso_utc(AT), "2026-11-27T14:03:05Z");
        assert_eq!(iso_utc(AT + 999.9), "2026-11-27T14:03:05Z");
        assert_eq!(iso_utc(0.0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(-1.0), "1969-12-31T23:59:59Z");
        // 2024-02-29T23:59:59Z, a leap day.
        assert_eq!(iso_utc(1_709_251_199_000.0), "2024-02-29T23:59:59Z");
        assert_eq!(iso_utc(1_709_251_200_000.0), "2024-03-01T00:00:00Z");
        assert_eq!(iso_utc(f64::NAN), "");
        assert_eq!(iso_utc(f64::INFINITY), "");
    }

    #[test]
    fn json_shape() {
        let s = Settings::default().with_preset(AccountType::Premium);
        let late = event("b", AT + 1000.5, Some("Zoë"), None);
        let early = event("a", AT, None, Some("ada"));
        let text = to_json(&[late.clone(), early.clone()], &s, AT + 5000.0);
        assert!(text.starts_with(r#"{"format":"invite-guard-history","schema":1,"exported_at":"#));
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["format"], "invite-guard-history");
        assert_eq!(v["schema"], 1);
        assert!(v["exported_at"].is_u64(), "whole ms as an integer");
        assert_eq!(v["exported_at"], 1_795_788_190_000u64);
        assert_eq!(v["settings"], serde_json::to_value(&s).unwrap());
        let evs: Vec<Event> = serde_json::from_value(v["events"].clone()).unwrap();
        assert_eq!(evs, vec![early, late], "oldest first, unchanged");
        assert!(text.contains(r#""at":1795788185000,"#));
        assert!(text.contains(r#""at":1795788186000.5,"#));
        assert!(
            text.contains(r#"{"id":"a","kind":"sent","at":"#),
            "stored field order"
        );
        assert!(!text.contains('\n'));
    }

    #[test]
    fn json_of_nothing() {
        let v: Value = serde_json::from_str(&to_json(&[], &Settings::default(), 0.0)).unwrap();
        assert_eq!(v["events"], Value::Array(vec![]));
        assert_eq!(v["exported_at"], 0);
    }

    #[test]
    fn csv_header_and_a_row() {
        let csv = to_csv(&[event(
            "api:12@1796220185000",
            AT,
            Some("Ada Lovelace"),
            Some("ada-lovelace"),
        )]);
        let r = rows(&csv);
        assert_eq!(
            r[0],
            "id,kind,at,local_day,tz_offset_min,name,vanity,profile_url,urn,note,note_length,sources"
        );
        assert_eq!(
            r[1],
            "api:12@1796220185000,sent,2026-11-27T14:03:05Z,2026-11-27,-60,\
             Ada Lovelace,ada-lovelace,https://www.linkedin.com/in/ada-lovelace/,\
             ACoAABcdEfGhIjKlMnOpQrStUvWxYz0123456789,no,,api+dom"
        );
        assert_eq!(r.len(), 2);
        assert_eq!(rows(&to_csv(&[])).len(), 1, "header only");
    }

    #[test]
    fn csv_optional_fields_are_empty() {
        let mut e = event("x", AT, None, None);
        e.invitee = Invitee::default();
        e.note = None;
        e.sources = vec![];
        e.kind = EventKind::NoteRefused;
        assert_eq!(
            rows(&to_csv(&[e]))[1],
            "x,note_refused,2026-11-27T14:03:05Z,2026-11-27,-60,,,,,,,"
        );
        let mut e = event("y", AT, None, None);
        e.note = Some(true);
        e.note_len = Some(142);
        e.sources = vec![Source::Alert, Source::Import];
        e.kind = EventKind::Withdrawn;
        let r = to_csv(&[e]);
        assert!(rows(&r)[1].starts_with("y,withdrawn,"));
        assert!(rows(&r)[1].ends_with(",yes,142,alert+import"));
    }

    #[test]
    fn csv_rows_oldest_first() {
        let csv = to_csv(&[
            event("late", AT + 1.0, None, None),
            event("early", AT, None, None),
        ]);
        let r = rows(&csv);
        assert!(r[1].starts_with("early,") && r[2].starts_with("late,"));
    }

    #[test]
    fn csv_quotes_per_rfc_4180() {
        let csv = to_csv(&[event(
            "q",
            AT,
            Some("Lovelace, Ada \"Countess\"\r\nof Lovelace"),
            None,
        )]);
        assert!(csv.contains(",\"Lovelace, Ada \"\"Countess\"\"\r\nof Lovelace\","));
        let csv = to_csv(&[event("q", AT, Some("line\nbreak"), None)]);
        assert!(csv.contains(",\"line\nbreak\","));
        let csv = to_csv(&[event("q", AT, Some("plain 'quote'"), None)]);
        assert!(csv.contains(",plain 'quote',"));
    }

    #[test]
    fn csv_defuses_formulas() {
        for (name, cell) in [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+1+2", "'+1+2"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tTab", "'\tTab"),
            ("\rCR", "\"'\rCR\""),
            ("=1,2", "\"'=1,2\""),
            ("Ada = genius", "Ada = genius"),
        ] {
            let csv = to_csv(&[event("id", AT, Some(name), None)]);
            assert!(csv.contains(&format!(",-60,{cell},")), "{name:?}: {csv}");
        }
        // Vanity, URN and id too; the numeric offset is not text.
        let mut e = event("=id", AT, None, Some("-dash"));
        e.invitee.urn = Some("@urn".to_string());
        let r = to_csv(&[e]);
        let row = rows(&r)[1];
        assert!(row.starts_with("'=id,"));
        assert!(row.contains(",-60,,'-dash,https://www.linkedin.com/in/-dash/,'@urn,"));
    }

    #[test]
    fn csv_keeps_unicode_names() {
        let names = ["Zoë Ångström", "李小龍", "محمد", "Ørjan 🎻"];
        for n in names {
            let csv = to_csv(&[event("u", AT, Some(n), Some("zoë-ångström"))]);
            assert!(csv.contains(&format!(",{n},zoë-ångström,")));
            assert!(csv.contains("https://www.linkedin.com/in/zo%C3%AB-%C3%A5ngstr%C3%B6m/"));
        }
    }

    /// A stored vanity that is not a profile name gets no link: the cell would send whoever opens
    /// the spreadsheet elsewhere on LinkedIn (finding 8).
    #[test]
    fn csv_has_no_url_for_an_invalid_vanity() {
        for bad in ["../../redir/redirect?url=https://evil.example", "..", "a b"] {
            let csv = to_csv(&[event("v", AT, None, Some(bad))]);
            let row = rows(&csv)[1];
            assert!(!row.contains("linkedin.com"), "{bad:?}: {row}");
            assert!(
                row.contains(",,ACoAAB"),
                "{bad:?}: an empty profile_url cell: {row}"
            );
        }
    }

    #[test]
    fn csv_words_are_the_stored_names() {
        use EventKind::*;
        for k in [Sent, Refused, NoteRefused, Withdrawn] {
            assert_eq!(serde_json::to_value(k).unwrap(), kind_name(k));
        }
        for s in [
            Source::Api,
            Source::Dom,
            Source::Alert,
            Source::Import,
            Source::SentPage,
            Source::Connection,
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), s.name());
        }
    }
}
