//! History import: checks a file (written by [`crate::export::to_json`], or edited by hand, or not
//! ours at all) and previews what importing it would add. Nothing is changed here: [`preview`] only
//! reads the existing events; the caller shows the preview and, on confirmation, adds
//! `Preview::add` with `Ledger::add_event`.
//!
//! A whole-file problem (too big, not JSON, not an Invite Guard file, a newer schema) refuses the
//! file with an [`ImportError`]. A problem in one event refuses only that event ([`Invalid`]), so
//! one damaged line does not cost the member the rest of their history.

use crate::event_id::{anon_id, is_personal_id};
use crate::export::{FILE_VERSION, FORMAT};
use crate::ledger::{Event, Source};
use crate::profile::is_valid_vanity;
use crate::settings::Settings;
use crate::time::{LocalDay, Millis, DAY_MS};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::error::Category;
use serde_json::Value;
use std::cell::Cell;
use std::collections::BTreeSet;
use std::fmt;
use std::ops::RangeInclusive;

/// Larger than any real history (10,000 events are about 3 MB; core/tests/history_size.rs): a
/// bigger file is not ours, and refusing it before parsing bounds the memory and time spent.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;
/// Nearly 40 years at 100 a week. Checked while parsing, so a file of millions of tiny entries
/// stops early instead of filling memory.
pub const MAX_IMPORT_EVENTS: usize = 200_000;
/// Ids are short (`api:<request id>@<ms>`, `dom:<urn>@<ms>`; ledger.rs `observation_id`).
pub const MAX_ID_CHARS: usize = 128;
pub const MAX_NAME_CHARS: usize = 200;
/// For the URN id (39 characters in practice) and the vanity.
pub const MAX_KEY_CHARS: usize = 100;
/// An invitation is seen by a handful of signals; more merged ids than this is not a real event.
pub const MAX_ALSO: usize = 50;
/// 2003-05-01T00:00:00Z, LinkedIn's launch: nothing earlier can be an invitation.
pub const EARLIEST_AT: Millis = 1_051_747_200_000.0;
/// How far after `now` an event may be: another device's clock may be ahead of this one.
pub const MAX_AHEAD_MS: Millis = DAY_MS;
/// Real `getTimezoneOffset()` values: UTC+14 (Kiribati) is −840, UTC−12 is 720.
pub const TZ_RANGE: RangeInclusive<i32> = -840..=720;

/// Why a whole file was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Over [`MAX_IMPORT_BYTES`].
    TooLarge,
    /// Not JSON, including a file cut short.
    NotJson,
    /// JSON, but its top level is not an object.
    NotObject,
    /// No `"format": "invite-guard-history"`.
    NotInviteGuard,
    /// `schema` missing or not a version this build can read.
    BadSchema,
    /// Written by a newer Invite Guard (the file's schema version).
    SchemaTooNew(u64),
    /// `events` missing or not an array.
    EventsNotArray,
    /// More than [`MAX_IMPORT_EVENTS`] events.
    TooManyEvents,
}

impl ImportError {
    /// A stable key for the message (the pages translate by it); never change an existing code.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::TooLarge => "too_large",
            ImportError::NotJson => "not_json",
            ImportError::NotObject => "not_object",
            ImportError::NotInviteGuard => "not_invite_guard",
            ImportError::BadSchema => "bad_schema",
            ImportError::SchemaTooNew(_) => "schema_too_new",
            ImportError::EventsNotArray => "events_not_array",
            ImportError::TooManyEvents => "too_many_events",
        }
    }

    /// The English message.
    fn message(&self) -> &'static str {
        match self {
            ImportError::TooLarge => {
                "The file is larger than 20 MB, far larger than any Invite Guard history."
            }
            ImportError::NotJson => "The file is not valid JSON. It may be cut short or damaged.",
            ImportError::NotObject | ImportError::NotInviteGuard => {
                "This file is not an Invite Guard history export."
            }
            ImportError::BadSchema => {
                "The file's version is missing or not one Invite Guard can read."
            }
            ImportError::SchemaTooNew(_) => {
                "A newer Invite Guard wrote this file. Update the extension, then import it."
            }
            ImportError::EventsNotArray => "The file has no list of events.",
            ImportError::TooManyEvents => "The file has more than 200,000 events.",
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for ImportError {}

/// Why one event was skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InvalidReason {
    /// Not the shape of an event (a field missing or of the wrong type, an unknown kind, a bad
    /// day).
    NotAnEvent,
    /// Empty, over [`MAX_ID_CHARS`], or with control characters.
    BadId,
    /// Before LinkedIn existed or more than a day ahead of now.
    BadTime,
    /// An offset no time zone has.
    BadTz,
    /// `day` is not the local day of `at` at `tz`: the daily count would disagree with the history.
    WrongDay,
    /// A name over [`MAX_NAME_CHARS`], or a URN or vanity empty, over [`MAX_KEY_CHARS`] or with
    /// control characters.
    BadInvitee,
    /// A vanity that is not a LinkedIn profile name (`crate::profile::is_valid_vanity`): a link
    /// built from it, as the popup and the CSV export do, would lead elsewhere on LinkedIn.
    BadVanity,
    /// More than [`MAX_ALSO`] merged ids, or one that is not a valid id.
    BadAlso,
}

impl InvalidReason {
    /// A stable key for the message, as serialised.
    pub fn code(&self) -> &'static str {
        match self {
            InvalidReason::NotAnEvent => "not_an_event",
            InvalidReason::BadId => "bad_id",
            InvalidReason::BadTime => "bad_time",
            InvalidReason::BadTz => "bad_tz",
            InvalidReason::WrongDay => "wrong_day",
            InvalidReason::BadInvitee => "bad_invitee",
            InvalidReason::BadVanity => "bad_vanity",
            InvalidReason::BadAlso => "bad_also",
        }
    }

    pub fn message(&self) -> &'static str {
        match self {
            InvalidReason::NotAnEvent => "not an event",
            InvalidReason::BadId => "missing or malformed id",
            InvalidReason::BadTime => "impossible date",
            InvalidReason::BadTz => "impossible time zone",
            InvalidReason::WrongDay => "the day does not match the time",
            InvalidReason::BadInvitee => "malformed person",
            InvalidReason::BadVanity => "A profile address is not a LinkedIn profile name.",
            InvalidReason::BadAlso => "malformed merged ids",
        }
    }
}

/// A skipped event: its position in the file's `events` array and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Invalid {
    pub index: usize,
    pub reason: InvalidReason,
}

/// What importing a file would do.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Preview {
    /// Valid events not known yet, oldest first. Their sources are kept as in the file, so an
    /// export imported elsewhere is the same history; only an event with no sources gets
    /// [`Source::Import`] (so every event says where it came from without breaking the exact round
    /// trip).
    pub add: Vec<Event>,
    /// Valid events skipped as already known: their id, or one of their merged (`also`) ids, is
    /// known to an existing event (as its id or one of its `also`), or to an earlier event of the
    /// same file. Checking `also` both ways keeps one invitation that two devices recorded under
    /// different signals from counting twice. Ids are compared in both their forms, as written and
    /// as the `event_id::anon_id` a forgotten event carries, so an export made before or after
    /// "Don't keep who I invited" forgot someone adds nothing to the history it came from.
    pub already: usize,
    /// Events skipped as malformed, in file order.
    pub invalid: Vec<Invalid>,
    /// The file's settings if present and valid. Reported, never applied here.
    pub settings: Option<Settings>,
}

/// Checks `text` and says what importing it into `existing` would add, at `now`.
pub fn preview(existing: &[Event], text: &str, now: Millis) -> Result<Preview, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge);
    }
    // A file saved by a Windows editor may start with a byte order mark.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let file = parse(text, now)?;
    if file.format.as_ref().and_then(Value::as_str) != Some(FORMAT) {
        return Err(ImportError::NotInviteGuard);
    }
    match file.schema.as_ref().and_then(Value::as_u64) {
        Some(v) if v == u64::from(FILE_VERSION) => {}
        Some(v) if v > u64::from(FILE_VERSION) => return Err(ImportError::SchemaTooNew(v)),
        _ => return Err(ImportError::BadSchema),
    }
    let events = file.events.ok_or(ImportError::EventsNotArray)?;
    let settings = file
        .settings
        .and_then(|v| Settings::deserialize(v).ok())
        .filter(|s| s.validate().is_ok());

    // Every id in both its forms: as given, and as the `anon_id` it becomes once its event is
    // forgotten (`privacy::forget_settled`), so that an export made before or after forgetting is
    // the same history (`Ledger::knows`).
    // B-tree sets: the pages' modules already carry serde_json's B-tree code, and a hash set would
    // add its own (hashbrown, ~3 KB in the options page's Wasm).
    let mut known: BTreeSet<String> = BTreeSet::new();
    for id in existing.iter().flat_map(ids) {
        known.extend(both_forms(id));
    }
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut p = Preview {
        add: Vec::new(),
        already: 0,
        invalid: Vec::new(),
        settings,
    };
    for (index, checked) in events.into_iter().enumerate() {
        match checked {
            Err(reason) => p.invalid.push(Invalid { index, reason }),
            Ok(e)
                if ids(&e)
                    .flat_map(both_forms)
                    .any(|id| known.contains(&id) || seen.contains(&id)) =>
            {
                p.already += 1
            }
            Ok(e) => {
                seen.extend(ids(&e).flat_map(both_forms));
                p.add.push(e);
            }
        }
    }
    crate::time::sort_by_time(&mut p.add);
    Ok(p)
}

/// An id, and the id it is known by once forgotten when it may name the person.
fn both_forms(id: &str) -> impl Iterator<Item = String> {
    std::iter::once(id.to_string()).chain(is_personal_id(id).then(|| anon_id(id)))
}

/// An event's own id and its merged ones.
fn ids(e: &Event) -> impl Iterator<Item = &str> {
    std::iter::once(e.id.as_str()).chain(e.also.iter().map(String::as_str))
}

/// One event from its JSON, checked and normalised.
fn check(v: Value, now: Millis) -> Result<Event, InvalidReason> {
    let mut e = Event::deserialize(v).map_err(|_| InvalidReason::NotAnEvent)?;
    if !valid_id(&e.id) {
        return Err(InvalidReason::BadId);
    }
    if !(e.at.is_finite() && e.at >= EARLIEST_AT && e.at <= now + MAX_AHEAD_MS) {
        return Err(InvalidReason::BadTime);
    }
    if !TZ_RANGE.contains(&e.tz) {
        return Err(InvalidReason::BadTz);
    }
    if e.day != LocalDay::at(e.at, e.tz) {
        return Err(InvalidReason::WrongDay);
    }
    let key = |k: &Option<String>| {
        k.as_deref()
            .is_none_or(|k| !k.is_empty() && k.chars().count() <= MAX_KEY_CHARS && !has_control(k))
    };
    let name_ok = e
        .invitee
        .name
        .as_deref()
        .is_none_or(|n| n.chars().count() <= MAX_NAME_CHARS);
    if !(name_ok && key(&e.invitee.urn) && key(&e.invitee.vanity)) {
        return Err(InvalidReason::BadInvitee);
    }
    if e.invitee
        .vanity
        .as_deref()
        .is_some_and(|v| !is_valid_vanity(v))
    {
        return Err(InvalidReason::BadVanity);
    }
    if e.also.len() > MAX_ALSO || !e.also.iter().all(|a| valid_id(a)) {
        return Err(InvalidReason::BadAlso);
    }
    // The ledger keeps sources sorted and unique (`Event::add_source`).
    for s in std::mem::take(&mut e.sources) {
        crate::ledger::insert_source(&mut e.sources, s);
    }
    if e.sources.is_empty() {
        e.sources.push(Source::Import);
    }
    Ok(e)
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().count() <= MAX_ID_CHARS && !has_control(id)
}

fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// The top-level fields this module reads; events already checked.
#[derive(Default)]
struct RawFile {
    format: Option<Value>,
    schema: Option<Value>,
    settings: Option<Value>,
    events: Option<Vec<Result<Event, InvalidReason>>>,
}

/// Parses the file in one pass, checking each event as soon as its JSON is read: the file is never
/// held twice in memory (as a JSON tree and as events), and the event count is enforced while
/// reading. serde_json's nesting limit (128) turns a deeply nested file into an error, not a stack
/// overflow.
fn parse(text: &str, now: Millis) -> Result<RawFile, ImportError> {
    // Set by the visitors just before they fail on purpose, to tell the caller why.
    let failure = Cell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = (&mut de)
        .deserialize_map(FileVisitor {
            now,
            failure: &failure,
        })
        .and_then(|file| de.end().map(|()| file));
    parsed.map_err(|e| match e.classify() {
        // A shape error: either one of ours, or the top level is not an object.
        Category::Data => failure.take().unwrap_or(ImportError::NotObject),
        Category::Syntax | Category::Eof | Category::Io => ImportError::NotJson,
    })
}

struct FileVisitor<'a> {
    now: Millis,
    failure: &'a Cell<Option<ImportError>>,
}

impl<'de> Visitor<'de> for FileVisitor<'_> {
    type Value = RawFile;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an Invite Guard history object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFile, A::Error> {
        let mut file = RawFile::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => file.format = Some(map.next_value()?),
                "schema" => file.schema = Some(map.next_value()?),
                "settings" => file.settings = Some(map.next_value()?),
                "events" => {
                    file.events = Some(map.next_value_seed(EventsSeed {
                        now: self.now,
                        failure: self.failure,
                    })?)
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(file)
    }
}

struct EventsSeed<'a> {
    now: Millis,
    failure: &'a Cell<Option<ImportError>>,
}

impl<'de> DeserializeSeed<'de> for EventsSeed<'_> {
    type Value = Vec<Result<Event, InvalidReason>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        // The reason if `events` is not an array; `visit_seq` clears it once an array starts.
        self.failure.set(Some(ImportError::EventsNotArray));
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for EventsSeed<'_> {
    type Value = Vec<Result<Event, InvalidReason>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of events")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        self.failure.set(None);
        let mut out = Vec::new();
        while let Some(v) = seq.next_element::<Value>()? {
            if out.len() == MAX_IMPORT_EVENTS {
                self.failure.set(Some(ImportError::TooManyEvents));
                return Err(de::Error::custom("too many events"));
            }
            out.push(check(v, self.now));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::to_json;
    use crate::ledger::{EventKind, Invitee};
    use crate::presets::AccountType;
    use serde_json::json;

    /// 2026-11-27T10:00:00Z.
    const NOW: Millis = 1_795_773_600_000.0;

    fn event(id: &str, at: Millis) -> Event {
        Event {
            id: id.to_string(),
            kind: EventKind::Sent,
            at,
            day: LocalDay::at(at, -60),
            tz: -60,
            invitee: Invitee {
                urn: Some("ACoAABcdEfGhIjKlMnOpQrStUvWxYz0123456789".to_string()),
                vanity: Some("ada-lovelace".to_string()),
                name: Some("Ada Lovelace".to_string()),
            },
            note: Some(false),
            note_len: None,
            sources: vec![Source::Api, Source::Dom],
            tab: Some(3),
            also: vec![format!("dom:ada-lovelace@{}", at as i64 + 400)],
        }
    }

    fn file(events: Value) -> String {
        json!({"format": FORMAT, "schema": 1, "exported_at": NOW, "events": events}).to_string()
    }

    /// The preview of a file holding this one event as JSON.
    fn one(v: Value) -> Result<Event, InvalidReason> {
        let p = preview(&[], &file(json!([v])), NOW).unwrap();
        match (p.add.as_slice(), p.invalid.as_slice()) {
            ([e], []) => Ok(e.clone()),
            ([], [i]) => Err(i.reason),
            _ => panic!("{p:?}"),
        }
    }

    fn with(e: &Event, f: impl FnOnce(&mut Value)) -> Value {
        let mut v = serde_json::to_value(e).unwrap();
        f(&mut v);
        v
    }

    #[test]
    fn earliest_is_linkedins_launch_day() {
        assert_eq!(
            EARLIEST_AT,
            LocalDay::parse("2003-05-01").unwrap().start_ms(0)
        );
    }

    #[test]
    fn round_trip_is_exact() {
        let mut evs: Vec<Event> = (0..5)
            .map(|i| event(&format!("api:{i}@x"), NOW - i as f64 * 3_600_123.25))
            .collect();
        evs[1].kind = EventKind::Refused;
        evs[2].invitee = Invitee::default();
        evs[2].note = None;
        evs[2].tab = None;
        evs[2].also.clear();
        let settings = Settings::default().with_preset(AccountType::SalesNavigator);
        let text = to_json(&evs, &settings, NOW);
        let p = preview(&[], &text, NOW).unwrap();
        let mut sorted = evs.clone();
        sorted.reverse();
        assert_eq!(p.add, sorted);
        assert_eq!((p.already, p.invalid.len()), (0, 0));
        assert_eq!(p.settings, Some(settings));

        let again = preview(&evs, &text, NOW).unwrap();
        assert_eq!((again.add.len(), again.already), (0, 5));
    }

    #[test]
    fn only_events_without_sources_get_import() {
        let mut e = event("a", NOW);
        e.sources = vec![];
        assert_eq!(
            one(serde_json::to_value(&e).unwrap()).unwrap().sources,
            vec![Source::Import]
        );
        let v = with(&event("a", NOW), |v| {
            v["sources"] = json!(["dom", "api", "dom"])
        });
        assert_eq!(one(v).unwrap().sources, vec![Source::Api, Source::Dom]);
        // A missing `sources` is an empty one.
        let v = with(&event("a", NOW), |v| {
            v.as_object_mut().unwrap().remove("sources");
        });
        assert_eq!(one(v).unwrap().sources, vec![Source::Import]);
    }

    #[test]
    fn whole_file_errors() {
        let cases: Vec<(String, ImportError)> = vec![
            ("".into(), ImportError::NotJson),
            ("{".into(), ImportError::NotJson),
            ("nonsense".into(), ImportError::NotJson),
            (file(json!([]))[..20].to_string(), ImportError::NotJson),
            (format!("{} x", file(json!([]))), ImportError::NotJson),
            ("[]".into(), ImportError::NotObject),
            ("\"invite-guard-history\"".into(), ImportError::NotObject),
            ("null".into(), ImportError::NotObject),
            ("{}".into(), ImportError::NotInviteGuard),
            (
                json!({"format": "other", "schema": 1, "events": []}).to_string(),
                ImportError::NotInviteGuard,
            ),
            (
                json!({"format": 1, "schema": 1, "events": []}).to_string(),
                ImportError::NotInviteGuard,
            ),
            (
                json!({"format": FORMAT, "events": []}).to_string(),
                ImportError::BadSchema,
            ),
            (
                json!({"format": FORMAT, "schema": 0, "events": []}).to_string(),
                ImportError::BadSchema,
            ),
            (
                json!({"format": FORMAT, "schema": "1", "events": []}).to_string(),
                ImportError::BadSchema,
            ),
            (
                json!({"format": FORMAT, "schema": 1.5, "events": []}).to_string(),
                ImportError::BadSchema,
            ),
            (
                json!({"format": FORMAT, "schema": -1, "events": []}).to_string(),
                ImportError::BadSchema,
            ),
            (
                json!({"format": FORMAT, "schema": 2, "events": []}).to_string(),
                ImportError::SchemaTooNew(2),
            ),
            (
                json!({"format": FORMAT, "schema": 1}).to_string(),
                ImportError::EventsNotArray,
            ),
            (
                json!({"format": FORMAT, "schema": 1, "events": {}}).to_string(),
                ImportError::EventsNotArray,
            ),
            (
                json!({"format": FORMAT, "schema": 1, "events": "[]"}).to_string(),
                ImportError::EventsNotArray,
            ),
            (
                json!({"format": FORMAT, "schema": 1, "events": null}).to_string(),
                ImportError::EventsNotArray,
            ),
        ];
        for (text, err) in cases {
            assert_eq!(preview(&[], &text, NOW), Err(err), "{text}");
        }
    }

    #[test]
    fn size_limit_is_checked_before_parsing() {
        let mut text = file(json!([]));
        text.push_str(&" ".repeat(MAX_IMPORT_BYTES - text.len()));
        assert!(
            preview(&[], &text, NOW).is_ok(),
            "exactly the limit is fine"
        );
        text.push(' ');
        assert_eq!(preview(&[], &text, NOW), Err(ImportError::TooLarge));
    }

    #[test]
    fn event_count_limit() {
        let many = |n: usize| {
            format!(
                r#"{{"format":"{FORMAT}","schema":1,"events":[{}]}}"#,
                vec!["0"; n].join(",")
            )
        };
        let p = preview(&[], &many(MAX_IMPORT_EVENTS), NOW).unwrap();
        assert_eq!(p.invalid.len(), MAX_IMPORT_EVENTS);
        assert_eq!(
            preview(&[], &many(MAX_IMPORT_EVENTS + 1), NOW),
            Err(ImportError::TooManyEvents)
        );
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let text = format!("\u{FEFF}{}", file(json!([])));
        assert!(preview(&[], &text, NOW).is_ok());
    }

    #[test]
    fn codes_are_distinct_and_messages_present() {
        let all = [
            ImportError::TooLarge,
            ImportError::NotJson,
            ImportError::NotObject,
            ImportError::NotInviteGuard,
            ImportError::BadSchema,
            ImportError::SchemaTooNew(9),
            ImportError::EventsNotArray,
            ImportError::TooManyEvents,
        ];
        let codes: std::collections::HashSet<_> = all.iter().map(ImportError::code).collect();
        assert_eq!(codes.len(), all.len());
        assert!(all
            .iter()
            .all(|e| !e.message().is_empty() && e.to_string() == e.message()));
        assert!(codes.contains("schema_too_new") && codes.contains("too_large"));
        let reasons = [
            InvalidReason::NotAnEvent,
            InvalidReason::BadId,
            InvalidReason::BadTime,
            InvalidReason::BadTz,
            InvalidReason::WrongDay,
            InvalidReason::BadInvitee,
            InvalidReason::BadVanity,
            InvalidReason::BadAlso,
        ];
        for r in reasons {
            assert_eq!(serde_json::to_value(r).unwrap(), r.code());
            assert!(!r.message().is_empty());
        }
    }

    #[test]
    fn shape_errors() {
        use InvalidReason::NotAnEvent;
        let e = event("a", NOW);
        assert_eq!(one(json!(0)), Err(NotAnEvent));
        assert_eq!(one(json!({})), Err(NotAnEvent));
        assert_eq!(one(json!([])), Err(NotAnEvent));
        assert_eq!(
            one(with(&e, |v| v["kind"] = json!("bogus"))),
            Err(NotAnEvent)
        );
        assert_eq!(
            one(with(&e, |v| v["day"] = json!("2026-02-30"))),
            Err(NotAnEvent)
        );
        assert_eq!(
            one(with(&e, |v| v["at"] = json!("1795773600000"))),
            Err(NotAnEvent)
        );
        assert_eq!(one(with(&e, |v| v["tz"] = json!(1e10))), Err(NotAnEvent));
        assert_eq!(
            one(with(&e, |v| v["sources"] = json!(["web"]))),
            Err(NotAnEvent)
        );
        // Unknown fields are ignored (a newer build's extra field in a schema-1 file).
        assert!(one(with(&e, |v| v["extra"] = json!(1))).is_ok());
    }

    #[test]
    fn id_rules() {
        let e = event("a", NOW);
        let id = |s: String| one(with(&e, |v| v["id"] = json!(s)));
        assert!(id("x".repeat(MAX_ID_CHARS)).is_ok());
        assert!(
            id("é".repeat(MAX_ID_CHARS)).is_ok(),
            "characters, not bytes"
        );
        assert_eq!(id("x".repeat(MAX_ID_CHARS + 1)), Err(InvalidReason::BadId));
        assert_eq!(id(String::new()), Err(InvalidReason::BadId));
        assert_eq!(id("a\nb".into()), Err(InvalidReason::BadId));
        assert_eq!(id("a\u{0}".into()), Err(InvalidReason::BadId));
        assert_eq!(id("a\u{85}".into()), Err(InvalidReason::BadId));
    }

    #[test]
    fn times_and_zones() {
        let at = |at: Millis, tz: i32| {
            let mut e = event("a", at);
            e.tz = tz;
            e.day = LocalDay::at(at, tz);
            one(serde_json::to_value(&e).unwrap())
        };
        assert!(at(EARLIEST_AT, 0).is_ok());
        assert_eq!(at(EARLIEST_AT - 1.0, 0), Err(InvalidReason::BadTime));
        assert_eq!(at(0.0, 0), Err(InvalidReason::BadTime));
        assert!(at(NOW + DAY_MS, 0).is_ok());
        assert_eq!(at(NOW + DAY_MS + 1.0, 0), Err(InvalidReason::BadTime));
        assert!(at(NOW, -840).is_ok());
        assert!(at(NOW, 720).is_ok());
        assert_eq!(at(NOW, -841), Err(InvalidReason::BadTz));
        assert_eq!(at(NOW, 721), Err(InvalidReason::BadTz));
        // A day that is not `at`'s local day.
        let e = event("a", NOW);
        let v = with(&e, |v| v["day"] = json!(e.day.next().to_string()));
        assert_eq!(one(v), Err(InvalidReason::WrongDay));
        // 00:30 local at UTC+1 is the previous day in UTC: the offset decides.
        let midnight = LocalDay::parse("2026-11-27").unwrap().start_ms(-60) + 1_800_000.0;
        let v = with(&event("a", midnight), |v| v["tz"] = json!(0));
        assert_eq!(one(v), Err(InvalidReason::WrongDay));
    }

    #[test]
    fn invitees() {
        let e = event("a", NOW);
        let set = |field: &str, s: String| {
            let field = field.to_string();
            one(with(&e, move |v| v["invitee"][field] = json!(s)))
        };
        assert!(set("name", "é".repeat(MAX_NAME_CHARS)).is_ok());
        assert_eq!(
            set("name", "x".repeat(MAX_NAME_CHARS + 1)),
            Err(InvalidReason::BadInvitee)
        );
        assert!(
            set("name", "Ada\nLovelace".into()).is_ok(),
            "names are kept as seen"
        );
        assert!(set("name", String::new()).is_ok());
        for key in ["urn", "vanity"] {
            assert!(set(key, "x".repeat(MAX_KEY_CHARS)).is_ok());
            assert_eq!(
                set(key, "x".repeat(MAX_KEY_CHARS + 1)),
                Err(InvalidReason::BadInvitee)
            );
            assert_eq!(set(key, "a\tb".into()), Err(InvalidReason::BadInvitee));
            assert_eq!(
                set(key, String::new()),
                Err(InvalidReason::BadInvitee),
                "{key}"
            );
        }
        assert!(one(with(&e, |v| v["invitee"] = json!({}))).is_ok());
    }

    /// A vanity the popup would turn into a link elsewhere on LinkedIn (finding 8) is not imported.
    #[test]
    fn vanities_that_are_not_profile_names() {
        let e = event("a", NOW);
        let vanity = |s: &str| one(with(&e, |v| v["invitee"]["vanity"] = json!(s)));
        for bad in [
            "../../redir/redirect?url=https://evil.example",
            "..",
            ".",
            "a/b",
            "a\\b",
            "ada lovelace",
            "ada?x=1",
            "ada#top",
            "ada%2Fb",
            "javascript:alert(1)",
            "a&b",
            "a\"b",
        ] {
            assert_eq!(vanity(bad), Err(InvalidReason::BadVanity), "{bad:?}");
        }
        for good in [
            "ada-lovelace",
            "zoë-ångström",
            "王小明",
            "ada.lovelace",
            "a_b",
            "x",
            "...",
        ] {
            assert!(vanity(good).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn merged_ids() {
        let e = event("a", NOW);
        let also = |n: usize| {
            one(with(&e, |v| {
                v["also"] = json!((0..n).map(|i| format!("dom:x@{i}")).collect::<Vec<_>>())
            }))
        };
        assert!(also(MAX_ALSO).is_ok());
        assert_eq!(also(MAX_ALSO + 1), Err(InvalidReason::BadAlso));
        assert_eq!(
            one(with(&e, |v| v["also"] = json!([""]))),
            Err(InvalidReason::BadAlso)
        );
        assert_eq!(
            one(with(&e, |v| v["also"] = json!(["a\rb"]))),
            Err(InvalidReason::BadAlso)
        );
    }

    #[test]
    fn a_bad_event_does_not_sink_the_rest() {
        let good = serde_json::to_value(event("good", NOW)).unwrap();
        let text = file(
            json!([good, 7, {"id": ""}, with(&event("late", NOW), |v| v["tz"] = json!(9999))]),
        );
        let p = preview(&[], &text, NOW).unwrap();
        assert_eq!(p.add.len(), 1);
        assert_eq!(
            p.invalid,
            vec![
                Invalid {
                    index: 1,
                    reason: InvalidReason::NotAnEvent
                },
                Invalid {
                    index: 2,
                    reason: InvalidReason::NotAnEvent
                },
                Invalid {
                    index: 3,
                    reason: InvalidReason::BadTz
                },
            ]
        );
    }

    #[test]
    fn already_known_by_id_or_merged_id() {
        let a = event("api:1@1", NOW); // also: dom:ada-lovelace@…
        let existing = vec![a.clone()];
        let mut by_also = event("dom:ada-lovelace@1795773600400", NOW);
        by_also.also.clear();
        let mut knows_existing = event("api:9@9", NOW);
        knows_existing.also = vec!["api:1@1".into()];
        let new = event("api:2@2", NOW - 5.0);
        let mut repeat = new.clone();
        repeat.kind = EventKind::Withdrawn;
        let text = to_json(
            &[a, by_also, knows_existing, new.clone(), repeat],
            &Settings::default(),
            NOW,
        );
        let p = preview(&existing, &text, NOW).unwrap();
        assert_eq!(p.add, vec![new]);
        assert_eq!(p.already, 4);
        assert_eq!(existing.len(), 1);
    }

    #[test]
    fn settings_are_reported_only_when_valid() {
        let text = |s: Value| {
            json!({"format": FORMAT, "schema": 1, "settings": s, "events": []}).to_string()
        };
        let custom = Settings {
            preset: AccountType::Custom,
            daily_cap: 25,
            ..Settings::default()
        };
        assert_eq!(
            preview(&[], &text(serde_json::to_value(&custom).unwrap()), NOW)
                .unwrap()
                .settings,
            Some(custom)
        );
        let bad = json!({"preset": "custom", "daily_cap": 0});
        assert_eq!(preview(&[], &text(bad), NOW).unwrap().settings, None);
        assert_eq!(preview(&[], &text(json!("x")), NOW).unwrap().settings, None);
        assert_eq!(
            preview(&[], &text(json!({"preset": "gold"})), NOW)
                .unwrap()
                .settings,
            None
        );
        assert_eq!(preview(&[], &file(json!([])), NOW).unwrap().settings, None);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        for text in [
            "[".repeat(100_000),
            "{\"a\":".repeat(100_000),
            format!(
                r#"{{"format":"{FORMAT}","schema":1,"events":[{}"#,
                "[".repeat(100_000)
            ),
            format!(
                r#"{{"format":"{FORMAT}","schema":1,"x":{}"#,
                "[".repeat(100_000)
            ),
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        ] {
            assert!(preview(&[], &text, NOW).is_err());
        }
        // Nesting within the limit inside an ignored field is fine.
        let ok = format!(
            r#"{{"format":"{FORMAT}","schema":1,"events":[],"x":{}{}}}"#,
            "[".repeat(100),
            "]".repeat(100)
        );
        assert!(preview(&[], &ok, NOW).is_ok());
    }
}
