//! How an event is kept in a month key (schema v2): a JSON array of its values in a fixed order,
//! not an object, so that a year of heavy use (10,000 events) stays under 2 MB (issue 3). An object
//! repeats its field names in every event, which was over a quarter of the bytes.
//!
//! `[id, kind, at, tz, urn, vanity, name, note, sources, also, tab]`
//!
//! - `urn`, `vanity`, `name` and `note` are `null` when unknown; `note` is the note's length when the
//!   invitation API's body told it, else `true` or `false`. Reading also takes `null` for `sources`
//!   and `also` (empty) and `tab` (none), as docs/protocol.md §1.3 allows ("unknown values are
//!   `null`"); `id`, `kind`, `at` and `tz` are never unknown, and `null` there refuses the event.
//! - `day` is not stored: it is always the local day of `at` at `tz` (`LocalDay::at`), which the
//!   ledger and the import validator both guarantee.
//! - `also` and `tab` only tie signals of one send together in its first minutes (ledger.rs
//!   `CORRELATION_MS`), so they are dropped once the event is settled ([`SETTLE_MS`]), and trailing
//!   empty values are left out: a settled event is 9 values long.
//!
//! Reading also accepts the v1 object form (docs/protocol.md §1), so a month written by v1, or
//! seeded by hand or by a test, still reads.

use crate::ledger::{Event, EventKind, Invitee, Source};
use crate::time::{LocalDay, Millis, DAY_MS};
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Where the time (`at`) stands in the array form: what retention reads of an item it cannot read
/// otherwise (`privacy::expire_raw`).
pub const AT_INDEX: usize = 2;
/// Where the name stands in the array form: what names off clears in an item it cannot read
/// otherwise (`privacy::raw_without_name`).
pub const NAME_INDEX: usize = 6;

/// After this, an event's `also` ids and tab are no longer needed: every signal of a send arrives
/// within seconds, and a replayed message within minutes.
pub const SETTLE_MS: Millis = DAY_MS;

/// An event to write, as it is written at `now`.
pub struct Compact<'a> {
    pub event: &'a Event,
    pub now: Millis,
}

impl Serialize for Compact<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.event;
        let fresh = self.now - e.at < SETTLE_MS;
        let also = fresh && !e.also.is_empty();
        let tab = if fresh { e.tab } else { None };
        let len = if tab.is_some() {
            11
        } else if also {
            10
        } else {
            9
        };
        let mut seq = s.serialize_seq(Some(len))?;
        seq.serialize_element(&e.id)?;
        seq.serialize_element(&e.kind)?;
        seq.serialize_element(&e.at)?;
        seq.serialize_element(&e.tz)?;
        seq.serialize_element(&e.invitee.urn)?;
        seq.serialize_element(&e.invitee.vanity)?;
        seq.serialize_element(&e.invitee.name)?;
        // The note: `true`/`false`/`null`, or its length when known (a note of that many characters).
        match (e.note, e.note_len) {
            (Some(true), Some(n)) => seq.serialize_element(&n)?,
            (note, _) => seq.serialize_element(&note)?,
        }
        seq.serialize_element(&e.sources)?;
        if len > 9 {
            seq.serialize_element(if fresh { &e.also[..] } else { &[] })?;
        }
        if let Some(t) = tab {
            seq.serialize_element(&t)?;
        }
        seq.end()
    }
}

/// The events of a month as written at `now`.
pub fn compact(events: &[Event], now: Millis) -> Vec<Compact<'_>> {
    events.iter().map(|event| Compact { event, now }).collect()
}

/// The `note` value: whether a note was attached, or the length of the one that was.
#[derive(Deserialize)]
#[serde(untagged)]
enum NoteField {
    Said(Option<bool>),
    Length(u32),
}

/// An event read from a month key, in either form.
#[derive(Debug)]
pub struct Stored(pub Event);

impl<'de> Deserialize<'de> for Stored {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StoredVisitor)
    }
}

struct StoredVisitor;

impl<'de> Visitor<'de> for StoredVisitor {
    type Value = Stored;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an event as an array (v2) or an object (v1)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Stored, A::Error> {
        fn need<'de, T: Deserialize<'de>, A: SeqAccess<'de>>(
            seq: &mut A,
            what: &'static str,
        ) -> Result<T, A::Error> {
            seq.next_element()?
                .ok_or_else(|| de::Error::custom(format!("event array without {what}")))
        }
        let id: String = need(&mut seq, "id")?;
        let kind: EventKind = need(&mut seq, "kind")?;
        let at: f64 = need(&mut seq, "at")?;
        let tz: i32 = need(&mut seq, "tz")?;
        if !at.is_finite() {
            return Err(de::Error::custom("event time is not a number"));
        }
        let urn: Option<String> = need(&mut seq, "urn")?;
        let vanity: Option<String> = need(&mut seq, "vanity")?;
        let name: Option<String> = need(&mut seq, "name")?;
        let note: NoteField = need(&mut seq, "note")?;
        let (note, note_len) = match note {
            NoteField::Said(b) => (b, None),
            NoteField::Length(n) => (Some(true), Some(n)),
        };
        // `null` is an unknown value (docs/protocol.md §1): no sources, no merged ids, no tab.
        let sources: Vec<Source> = need::<Option<_>, _>(&mut seq, "sources")?.unwrap_or_default();
        let also: Vec<String> = seq
            .next_element::<Option<_>>()?
            .flatten()
            .unwrap_or_default();
        let tab: Option<i32> = seq.next_element()?.flatten();
        // Anything after is from a newer layout this version cannot place: refuse the event (it
        // goes to the quarantine) rather than drop what it says.
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::custom(
                "event array longer than this version knows",
            ));
        }
        Ok(Stored(Event {
            id,
            kind,
            at,
            day: LocalDay::at(at, tz),
            tz,
            invitee: Invitee { urn, vanity, name },
            note,
            note_len,
            sources,
            tab,
            also,
        }))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Stored, A::Error> {
        let v = V1::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Stored(Event {
            id: v.id,
            kind: v.kind,
            at: v.at,
            day: v.day,
            tz: v.tz,
            invitee: v.invitee,
            note: v.note,
            note_len: v.note_len,
            sources: v.sources,
            tab: v.tab,
            also: v.also,
        }))
    }
}

/// The v1 object form: [`Event`]'s own serde shape (ledger.rs), except that `null` reads as
/// unknown for `invitee`, `sources` and `also` as it does for the other optional fields and in
/// the array form (docs/protocol.md §1: "unknown values are `null`").
#[derive(Deserialize)]
struct V1 {
    id: String,
    kind: EventKind,
    at: Millis,
    day: LocalDay,
    tz: i32,
    #[serde(default, deserialize_with = "null_as_default")]
    invitee: Invitee,
    #[serde(default)]
    note: Option<bool>,
    #[serde(default)]
    note_len: Option<u32>,
    #[serde(default, deserialize_with = "null_as_default")]
    sources: Vec<Source>,
    #[serde(default)]
    tab: Option<i32>,
    #[serde(default, deserialize_with = "null_as_default")]
    also: Vec<String>,
}

fn null_as_default<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(
    d: D,
) -> Result<T, D::Error> {
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::HOUR_MS;

    const NOW: Millis = 1_795_773_600_000.0;

    fn event(at: Millis) -> Event {
        Event {
            id: "api:42@1795773600000".into(),
            kind: EventKind::Sent,
            at,
            day: LocalDay::at(at, -60),
            tz: -60,
            invitee: Invitee {
                urn: Some("ACoAAB".into()),
                vanity: Some("ada-quill".into()),
                name: Some("Ada \"Q\" Quill".into()),
            },
            note: Some(true),
            note_len: None,
            sources: vec![Source::Api, Source::Dom],
            tab: Some(7),
            also: vec!["dom:ada-quill@1795773600412".into()],
        }
    }

    fn round_trip(e: &Event, now: Millis) -> Event {
        let json = serde_json::to_string(&Compact { event: e, now }).unwrap();
        serde_json::from_str::<Stored>(&json).unwrap().0
    }

    #[test]
    fn a_fresh_event_keeps_everything() {
        let e = event(NOW - HOUR_MS);
        assert_eq!(round_trip(&e, NOW), e);
    }

    #[test]
    fn a_settled_event_drops_also_and_tab_only() {
        let e = event(NOW - 2.0 * DAY_MS);
        let json = serde_json::to_string(&Compact {
            event: &e,
            now: NOW,
        })
        .unwrap();
        assert_eq!(
            json,
            r#"["api:42@1795773600000","sent",1795600800000.0,-60,"ACoAAB","ada-quill","Ada \"Q\" Quill",true,["api","dom"]]"#
        );
        let back = round_trip(&e, NOW);
        assert_eq!(
            back,
            Event {
                also: vec![],
                tab: None,
                ..e
            }
        );
    }

    #[test]
    fn unknowns_are_null_and_the_day_is_derived() {
        let mut e = event(NOW);
        e.invitee = Invitee::default();
        e.note = None;
        e.sources = vec![];
        e.also.clear();
        e.tab = None;
        e.tz = 300;
        e.day = LocalDay::at(e.at, 300);
        let json = serde_json::to_string(&Compact {
            event: &e,
            now: NOW,
        })
        .unwrap();
        assert!(json.ends_with(",300,null,null,null,null,[]]"), "{json}");
        assert_eq!(round_trip(&e, NOW), e);
    }

    #[test]
    fn a_note_length_rides_in_the_note_value() {
        let mut e = event(NOW);
        e.note_len = Some(142);
        let json = serde_json::to_string(&Compact {
            event: &e,
            now: NOW,
        })
        .unwrap();
        assert!(
            json.contains(r#""Ada \"Q\" Quill",142,["api","dom"]"#),
            "{json}"
        );
        assert_eq!(round_trip(&e, NOW), e);
        e.note = Some(false);
        e.note_len = None;
        assert_eq!(round_trip(&e, NOW), e);
    }

    #[test]
    fn the_v1_object_form_still_reads() {
        let e = event(NOW);
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<Stored>(&json).unwrap().0, e);
    }

    #[test]
    fn issue_4_kinds_and_sources_round_trip() {
        // Accepted events and the Sent-page / Connection sources (reconcile.rs) are written in the
        // same array form and read back unchanged, settled or fresh.
        for (kind, source, text) in [
            (EventKind::Accepted, Source::SentPage, r#""accepted""#),
            (EventKind::Accepted, Source::Connection, r#""accepted""#),
            (EventKind::Sent, Source::SentPage, r#""sent""#),
            (EventKind::Withdrawn, Source::Dom, r#""withdrawn""#),
        ] {
            for at in [NOW, NOW - 3.0 * DAY_MS] {
                let mut e = event(at);
                e.kind = kind;
                e.sources = vec![source];
                e.also.clear();
                e.tab = None;
                let json = serde_json::to_string(&Compact {
                    event: &e,
                    now: NOW,
                })
                .unwrap();
                assert!(json.contains(text), "{json}");
                assert_eq!(round_trip(&e, NOW), e, "{json}");
            }
        }
        let e = serde_json::from_str::<Stored>(
            r#"["sp:ada","sent",1,0,null,"ada",null,null,["sent_page"]]"#,
        )
        .unwrap()
        .0;
        assert_eq!(e.sources, vec![Source::SentPage]);
        let e = serde_json::from_str::<Stored>(
            r#"["acc:sp:ada","accepted",2,0,null,"ada",null,null,["connection"]]"#,
        )
        .unwrap()
        .0;
        assert_eq!(e.kind, EventKind::Accepted);
    }

    /// Finding 11: docs/protocol.md §1 says that in the array form "unknown values are `null`".
    /// Every position that may be unknown reads `null` as unknown: `urn`, `vanity`, `name`, `note`
    /// (none), `sources` and `also` (empty), `tab` (none). A recent event written with `null` for
    /// `also` and `tab` used to be refused (so quarantined) while the other nulls read.
    #[test]
    fn null_reads_as_unknown_in_every_optional_position() {
        let head = r#"["api:42@1795773600000","sent",1795773600000,-60,null,null,null,null"#;
        let read = |tail: &str| {
            let json = format!("{head},{tail}]");
            serde_json::from_str::<Stored>(&json)
                .map(|s| (s.0.sources, s.0.also, s.0.tab))
                .map_err(|e| format!("{json}: {e}"))
        };
        let api = || vec![Source::Api];
        let x = || vec!["dom:x@1".to_string()];
        for (tail, want) in [
            (r#"["api"],null,null"#, (api(), vec![], None)),
            (r#"["api"],null,7"#, (api(), vec![], Some(7))),
            (r#"["api"],["dom:x@1"],null"#, (api(), x(), None)),
            (r#"["api"],null"#, (api(), vec![], None)),
            (r#"null"#, (vec![], vec![], None)),
            (r#"null,null"#, (vec![], vec![], None)),
            (r#"null,null,null"#, (vec![], vec![], None)),
            (r#"null,["dom:x@1"],3"#, (vec![], x(), Some(3))),
        ] {
            assert_eq!(read(tail), Ok(want), "{tail}");
        }
        // The event itself is as written: the day derived, the unknowns none.
        let e = serde_json::from_str::<Stored>(&format!("{head},[\"api\"],null,null]"))
            .unwrap()
            .0;
        assert_eq!(e.day, LocalDay::at(1_795_773_600_000.0, -60));
        assert_eq!(
            (e.invitee, e.note, e.note_len),
            (Invitee::default(), None, None)
        );
        // A null is still not a wrong type: a string where the ids go is refused.
        assert!(read(r#"["api"],"dom:x@1",null"#).is_err());
        assert!(read(r#"["api"],null,"7""#).is_err());
    }

    /// The values an event cannot be without are never unknown: `null` for the id, kind, time or
    /// offset is refused (the event goes to the quarantine). A guessed offset would move the event
    /// to another local day.
    #[test]
    fn null_is_refused_where_a_value_is_required() {
        for bad in [
            r#"[null,"sent",1,0,null,null,null,null,[]]"#,
            r#"["id",null,1,0,null,null,null,null,[]]"#,
            r#"["id","sent",null,0,null,null,null,null,[]]"#,
            r#"["id","sent",1,null,null,null,null,null,[]]"#,
            r#"null"#,
        ] {
            assert!(serde_json::from_str::<Stored>(bad).is_err(), "{bad}");
        }
    }

    /// The v1 object form (docs/protocol.md §1.3: "what you may write by hand") reads `null` the
    /// same way:
    /// `tab` and `note` already did, `invitee`, `sources` and `also` were refused.
    #[test]
    fn null_reads_as_unknown_in_the_v1_object_form_too() {
        let json = r#"{"id":"api:1@1","kind":"sent","at":1795773600000,"day":"2026-11-27",
            "tz":-60,"invitee":null,"note":null,"note_len":null,"sources":null,"also":null,
            "tab":null}"#;
        let e = serde_json::from_str::<Stored>(json).unwrap().0;
        assert_eq!(
            (e.invitee, e.note, e.sources, e.also, e.tab),
            (Invitee::default(), None, vec![], vec![], None)
        );
        let json = r#"{"id":"api:1@1","kind":"sent","at":1795773600000,"day":"2026-11-27",
            "tz":-60,"invitee":{"urn":null,"vanity":"ada","name":null}}"#;
        let e = serde_json::from_str::<Stored>(json).unwrap().0;
        assert_eq!(e.invitee.vanity.as_deref(), Some("ada"));
        // Fields left out read as before, and the stored day is still checked as a day.
        let e = serde_json::from_str::<Stored>(
            r#"{"id":"x","kind":"sent","at":1,"day":"1970-01-01","tz":0}"#,
        )
        .unwrap()
        .0;
        assert!(e.sources.is_empty() && e.also.is_empty() && e.invitee.is_empty());
        // Required fields stay required, and a wrong type stays wrong.
        for bad in [
            r#"{"id":"x","kind":"sent","at":1,"day":"2026-02-30","tz":0}"#,
            r#"{"id":null,"kind":"sent","at":1,"day":"1970-01-01","tz":0}"#,
            r#"{"id":"a","kind":"sent","at":1,"day":null,"tz":0}"#,
            r#"{"id":"a","kind":"sent","at":1,"day":"1970-01-01","tz":null}"#,
            r#"{"id":"a","kind":"sent","at":1,"day":"1970-01-01","tz":0,"also":"x"}"#,
            r#"{"id":"a","kind":"sent","at":1,"day":"1970-01-01","tz":0,"sources":[null]}"#,
        ] {
            assert!(serde_json::from_str::<Stored>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn malformed_arrays_are_refused() {
        for bad in [
            r#"[]"#,
            r#"["id"]"#,
            r#"["id","sent",1,0,null,null,null,null]"#,
            r#"["id","sent","soon",0,null,null,null,null,[]]"#,
            r#"["id","maybe",1,0,null,null,null,null,[]]"#,
            r#"["id","sent",1,0,null,null,null,null,[],[],null,"extra"]"#,
            r#"42"#,
            r#""sent""#,
        ] {
            assert!(serde_json::from_str::<Stored>(bad).is_err(), "{bad}");
        }
    }
}
