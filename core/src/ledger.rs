//! The append-only event ledger.
//!
//! Every fact is an [`Event`] with an id. Several signals can see one invitation
//! (docs/architecture.md §5): the invitation API call seen by the background, and the Connect
//! control turning into
//! Pending in the page. [`Ledger::apply`] folds each [`Observation`] into the ledger so that one
//! invitation is one event, and applying the same observation twice changes nothing.

use crate::event_id::{anon_id, is_personal_id, ANON_PREFIX};
use crate::locale::normalize;
use crate::time::{sort_by_time, LocalDay, Millis, Timed, DAY_MS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Who an event is about. It lives in `person` with the identity rules; re-exported here because
/// every user of an [`Event`] names it.
pub use crate::person::Invitee;

/// How far apart (ms) an API call and a page signal from the same tab may be and still be one
/// invitation. LinkedIn turns Connect into Pending within a second or two of the API answer
/// (docs/linkedin.md §3.6); a minute leaves room for a
/// slow network without merging two separate sends, which take longer than that by hand.
pub const CORRELATION_MS: Millis = 60_000.0;

/// LinkedIn blocks a second invitation to someone already pending, so a second "sent" to the same
/// person within this span is the same invitation seen again (a re-render, a reload).
pub const SAME_INVITEE_MS: Millis = 21.0 * DAY_MS;

/// How close (ms) a limit alert must be to a send the extension saw for it to count as LinkedIn's
/// refusal (see [`Observation::Alert`]). docs/linkedin.md §4 recommends treating an alert as a
/// limit
/// event when it appears "within ~3 s of a send"; 10 s leaves room for a slow network answer and
/// the page's rendering, and is still far shorter than the time between two sends made by hand.
pub const ALERT_WINDOW_MS: Millis = 10_000.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// An invitation LinkedIn accepted: counted against the caps.
    Sent,
    /// LinkedIn refused an invitation (HTTP 429 or a weekly-limit alert): not counted, and the level
    /// goes to spent for a while.
    Refused,
    /// LinkedIn refused the personal note (the Premium upsell): not counted, level unchanged.
    NoteRefused,
    /// The member withdrew an invitation.
    Withdrawn,
    /// The invitee accepted an earlier `Sent` invitation. An event of its own, tied to the same
    /// invitee, so that the ledger stays append-only (the `Sent` event is never rewritten). Not
    /// counted against the caps. Written by `reconcile::accepted` and `reconcile::connected`.
    Accepted,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The invitation API call, seen by the background through `webRequest`.
    Api,
    /// A send click in the page followed by the control turning into Pending.
    Dom,
    /// LinkedIn's own limit alert in the page.
    Alert,
    /// An imported history file.
    Import,
    /// LinkedIn's Sent page (`/mynetwork/invitation-manager/sent/`, docs/linkedin.md §7): an
    /// invitation sent from another device, or one that left the list (see `reconcile`).
    SentPage,
    /// The invitee shown as a connection: a 1st-degree profile, or a "Connected …" line on the
    /// Connections page (docs/linkedin.md §9).
    Connection,
}

/// Adds `s` to `sources`, kept sorted and without repeats (the order of [`Source`]), by insertion:
/// a list of at most six, and no sort instantiated for it (docs/architecture.md §1.1).
pub fn insert_source(sources: &mut Vec<Source>, s: Source) {
    if !sources.contains(&s) {
        let at = sources.iter().position(|&x| x > s).unwrap_or(sources.len());
        sources.insert(at, s);
    }
}

impl Source {
    /// Its stored name (the serde form), as the export's CSV and the diagnostic write it.
    pub fn name(self) -> &'static str {
        match self {
            Source::Api => "api",
            Source::Dom => "dom",
            Source::Alert => "alert",
            Source::Import => "import",
            Source::SentPage => "sent_page",
            Source::Connection => "connection",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    /// When it happened (ms since the epoch).
    pub at: Millis,
    /// The member's local day when it happened: the daily window counts by this, not by `at`.
    pub day: LocalDay,
    /// `getTimezoneOffset()` when it happened.
    pub tz: i32,
    #[serde(default)]
    pub invitee: Invitee,
    /// Whether a personal note was attached; `None` when no signal said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<bool>,
    /// The note's length in characters, from the invitation API's body when the background saw it
    /// (issue 5): what the acceptance statistics can compare.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_len: Option<u32>,
    #[serde(default)]
    pub sources: Vec<Source>,
    /// The browser tab it was seen in; only used to tie signals of one send together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tab: Option<i32>,
    /// Ids of other observations merged into this event, so that replaying them changes nothing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

impl Timed for Event {
    fn time(&self) -> Millis {
        self.at
    }
}

impl Event {
    /// An event seen by one signal, with its local day worked out from `at` and `tz` (an event's
    /// `day` is always that: the daily window counts by it). No note, tab or merged ids: set them
    /// with struct update syntax (`Event { tab, ..Event::new(…) }`) where a signal knows them.
    pub fn new(
        id: String,
        kind: EventKind,
        at: Millis,
        tz: i32,
        invitee: Invitee,
        source: Source,
    ) -> Event {
        Event {
            id,
            kind,
            at,
            day: LocalDay::at(at, tz),
            tz,
            invitee,
            note: None,
            note_len: None,
            sources: vec![source],
            tab: None,
            also: Vec::new(),
        }
    }

    fn has(&self, s: Source) -> bool {
        self.sources.contains(&s)
    }
    fn add_source(&mut self, s: Source) {
        insert_source(&mut self.sources, s);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    /// "You've reached the weekly invitation limit" and its translations.
    Weekly,
    /// The Premium upsell shown when the free personal notes are used up.
    NoteQuota,
}

/// One signal, as the background receives it. Serializable: one that could not be written yet is
/// kept in `storage.session` until it is (`src/background/held.rs`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Observation {
    /// The invitation API answered. `request_id` and `at` come from the `webRequest` event, which
    /// together name it uniquely (Chrome restarts request ids at 1 after a browser restart).
    Api {
        request_id: String,
        status: u16,
        tab: Option<i32>,
        urn: Option<String>,
        note: Option<bool>,
        /// The note's length, when the body carried one.
        note_len: Option<u32>,
        at: Millis,
        tz: i32,
    },
    /// A send click in the page was followed by a Pending control for this invitee.
    DomSent {
        tab: Option<i32>,
        invitee: Invitee,
        at: Millis,
        tz: i32,
    },
    /// LinkedIn showed a limit alert in the page. Taken as a refusal only with evidence of a send
    /// within [`ALERT_WINDOW_MS`] (see [`Ledger::apply`]); otherwise [`Applied::Ignored`].
    Alert {
        tab: Option<i32>,
        alert: AlertKind,
        at: Millis,
        tz: i32,
        /// When the member's trusted click that could have drawn the alert happened, as the content
        /// script saw it: the dialog's Send or a one-click Connect for the weekly alert, "Add a note"
        /// for the note quota's upsell. `None` when the page saw no such click.
        clicked_at: Option<Millis>,
    },
}

/// What an invitation API answer told, as [`Ledger::apply`] passes it on.
struct ApiAnswer {
    status: u16,
    urn: Option<String>,
    note: Option<bool>,
    note_len: Option<u32>,
}

/// What [`Ledger::apply`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied {
    /// A new event with this id.
    Added(String),
    /// Another signal of an existing event: sources or invitee details were added, counts unchanged.
    Merged(String),
    /// Nothing new.
    Unchanged,
    /// Not an invitation outcome the ledger keeps (e.g. an API error other than 429, or a limit
    /// alert with no send near it).
    Ignored,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ledger {
    /// Events in the order of `at` (ties keep arrival order).
    events: Vec<Event>,
}

impl Ledger {
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a ledger from stored events in any order; a repeated id keeps its first occurrence.
    /// An event whose personal id was replaced when it was forgotten (`privacy::forget_settled`)
    /// and a copy of it from before (a stray month, an import) are one event: the forgotten one is
    /// kept.
    pub fn from_events(mut events: Vec<Event>) -> Self {
        sort_by_time(&mut events);
        let mut seen = BTreeSet::new();
        events.retain(|e| seen.insert(e.id.clone()));
        if events.iter().any(|e| e.id.starts_with(ANON_PREFIX)) {
            events.retain(|e| !(is_personal_id(&e.id) && seen.contains(&anon_id(&e.id))));
        }
        Ledger { events }
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Event> {
        self.events.iter().rev().find(|e| e.id == id)
    }

    fn insert(&mut self, e: Event) -> Applied {
        let id = e.id.clone();
        let pos = self.events.partition_point(|x| x.at <= e.at);
        self.events.insert(pos, e);
        Applied::Added(id)
    }

    /// Indices of events within `span` of `at` (either side), newest first.
    fn near(&self, at: Millis, span: Millis) -> impl Iterator<Item = usize> + '_ {
        (0..self.events.len())
            .rev()
            .filter(move |&i| (self.events[i].at - at).abs() <= span)
    }

    /// Ties observation `obs_id` to event `i`, adding what it tells. Always records the id, so a
    /// replay of the observation is recognised by [`Ledger::knows`].
    fn merge(
        &mut self,
        i: usize,
        obs_id: String,
        source: Source,
        invitee: &Invitee,
        note: Option<bool>,
    ) -> Applied {
        let e = &mut self.events[i];
        e.add_source(source);
        e.invitee.fill_from(invitee);
        if e.note.is_none() {
            e.note = note;
        }
        if e.id != obs_id && !e.also.contains(&obs_id) {
            e.also.push(obs_id);
        }
        Applied::Merged(e.id.clone())
    }

    /// Folds one observation in. Idempotent: applying the same observation again returns
    /// [`Applied::Unchanged`] and leaves the ledger as it was. An ignored observation is not
    /// recorded, so its replay is decided afresh: the same answer, except for a weekly alert without
    /// a click whose API answer arrived in between.
    pub fn apply(&mut self, obs: &Observation) -> Applied {
        let obs_id = observation_id(obs);
        if self.knows(&obs_id) {
            return Applied::Unchanged;
        }
        match obs {
            Observation::Api {
                status,
                tab,
                urn,
                note,
                note_len,
                at,
                tz,
                ..
            } => {
                let answer = ApiAnswer {
                    status: *status,
                    urn: urn.clone(),
                    note: *note,
                    note_len: *note_len,
                };
                self.apply_api(obs_id, answer, *tab, *at, *tz)
            }
            Observation::DomSent {
                tab,
                invitee,
                at,
                tz,
            } => self.apply_dom_sent(obs_id, invitee, *tab, *at, *tz),
            Observation::Alert {
                tab,
                alert,
                at,
                tz,
                clicked_at,
            } => self.apply_alert(obs_id, *alert, *clicked_at, *tab, *at, *tz),
        }
    }

    /// [`Observation::Api`]: a 2xx is a sent invitation, a 429 a refusal, anything else ignored.
    fn apply_api(
        &mut self,
        obs_id: String,
        answer: ApiAnswer,
        tab: Option<i32>,
        at: Millis,
        tz: i32,
    ) -> Applied {
        let kind = match answer.status {
            200..=299 => EventKind::Sent,
            429 => EventKind::Refused,
            _ => return Applied::Ignored,
        };
        let sent = kind == EventKind::Sent;
        let invitee = Invitee {
            urn: answer.urn,
            ..Invitee::default()
        };
        // The page may have reported the same send first (Pending rendered before the API answer
        // reached us): one page signal from this tab, not yet tied to an API call.
        let partner = self.near(at, CORRELATION_MS).find(|&i| {
            let e = &self.events[i];
            e.tab == tab
                && !e.has(Source::Api)
                && match (kind, e.kind) {
                    // The page saw Pending for this send.
                    (EventKind::Sent, EventKind::Sent) => e.has(Source::Dom),
                    // A 429 for a send the page showed as Pending, or after LinkedIn's alert.
                    // A 2xx is never folded into a refusal: LinkedIn created that invitation.
                    (EventKind::Refused, EventKind::Sent) => e.has(Source::Dom),
                    (EventKind::Refused, EventKind::Refused) => {
                        e.has(Source::Dom) || e.has(Source::Alert)
                    }
                    _ => false,
                }
                && e.invitee.keys_agree(&invitee)
        });
        // A refused invitation was never delivered: its note is not kept.
        let note = answer.note.filter(|_| sent);
        let note_len = answer.note_len.filter(|_| sent);
        if let Some(i) = partner {
            // A 429 turns a page-reported "sent" into a refusal: LinkedIn has shown Pending for
            // invitations it refused (docs/linkedin.md §3).
            if !sent {
                self.events[i].kind = EventKind::Refused;
            } else if self.events[i].note_len.is_none() {
                self.events[i].note_len = note_len;
            }
            return self.merge(i, obs_id, Source::Api, &invitee, note);
        }
        self.insert(Event {
            note,
            note_len,
            tab,
            ..Event::new(obs_id, kind, at, tz, invitee, Source::Api)
        })
    }

    /// [`Observation::DomSent`]: the page saw Pending after a send click.
    fn apply_dom_sent(
        &mut self,
        obs_id: String,
        invitee: &Invitee,
        tab: Option<i32>,
        at: Millis,
        tz: i32,
    ) -> Applied {
        // The same person already invited (and not withdrawn since): the same invitation.
        let same = (0..self.events.len()).rev().find(|&i| {
            let e = &self.events[i];
            matches!(e.kind, EventKind::Sent | EventKind::Refused)
                && (at - e.at).abs() <= SAME_INVITEE_MS
                && e.invitee.same_stable_key(invitee)
        });
        if let Some(i) = same {
            if !self.withdrawn_after(i) {
                return self.merge(i, obs_id, Source::Dom, invitee, None);
            }
        }
        // An API answer from this tab moments ago that no page signal claimed yet. A refusal
        // counts too: LinkedIn has shown Pending for invitations it refused with 429
        // (docs/linkedin.md §3), and such a send must stay uncounted.
        let partner = self.near(at, CORRELATION_MS).find(|&i| {
            let e = &self.events[i];
            e.tab == tab
                && e.has(Source::Api)
                && !e.has(Source::Dom)
                && matches!(e.kind, EventKind::Sent | EventKind::Refused)
                && e.invitee.keys_agree(invitee)
        });
        if let Some(i) = partner {
            return self.merge(i, obs_id, Source::Dom, invitee, None);
        }
        self.insert(Event {
            tab,
            ..Event::new(
                obs_id,
                EventKind::Sent,
                at,
                tz,
                invitee.clone(),
                Source::Dom,
            )
        })
    }

    /// [`Observation::Alert`]: LinkedIn's limit alert or note upsell, a refusal only with evidence
    /// of a send moments before.
    fn apply_alert(
        &mut self,
        obs_id: String,
        alert: AlertKind,
        clicked_at: Option<Millis>,
        tab: Option<i32>,
        at: Millis,
        tz: i32,
    ) -> Applied {
        // A page alert is only a claim (an old dialog left open, a look-alike text): it is taken as
        // LinkedIn's refusal only within seconds of a send the extension saw. The member's click
        // drew it when it came at most ALERT_WINDOW_MS after; for the weekly limit, an invitation
        // API answer that close is evidence too (the content script may have missed the click).
        // The note quota's upsell follows "Add a note", which calls no API, so only the click
        // counts for it. An ignored alert is not recorded: were its API answer to arrive after it,
        // a replay of the alert would then count.
        let clicked = clicked_at.is_some_and(|c| (0.0..=ALERT_WINDOW_MS).contains(&(at - c)));
        let evidence = match alert {
            AlertKind::Weekly => {
                clicked
                    || self
                        .near(at, ALERT_WINDOW_MS)
                        .any(|i| self.events[i].has(Source::Api))
            }
            AlertKind::NoteQuota => clicked,
        };
        if !evidence {
            return Applied::Ignored;
        }
        let kind = match alert {
            AlertKind::Weekly => EventKind::Refused,
            AlertKind::NoteQuota => EventKind::NoteRefused,
        };
        // The alert usually follows a 429 we already recorded, or repeats on a re-render.
        let partner = self.near(at, CORRELATION_MS).find(|&i| {
            let e = &self.events[i];
            e.tab == tab && e.kind == kind
        });
        if let Some(i) = partner {
            return self.merge(i, obs_id, Source::Alert, &Invitee::default(), None);
        }
        self.insert(Event {
            tab,
            ..Event::new(obs_id, kind, at, tz, Invitee::default(), Source::Alert)
        })
    }

    /// Whether an event carries this id, as its own or as a merged observation's, in either of
    /// its forms: as given, or as the [`anon_id`] that replaces a personal id when its event is
    /// forgotten (`privacy::forget_settled`), so that a replay or a re-import of the old id adds
    /// nothing. An anonymous id is also known when an event still carries the personal id it
    /// replaces (an export made after forgetting, imported into a history that did not forget).
    pub fn knows(&self, id: &str) -> bool {
        let anon = is_personal_id(id).then(|| anon_id(id));
        let is = |x: &String| x == id || anon.as_ref() == Some(x);
        if self
            .events
            .iter()
            .rev()
            .any(|e| is(&e.id) || e.also.iter().any(is))
        {
            return true;
        }
        id.starts_with(ANON_PREFIX)
            && self.events.iter().any(|e| {
                std::iter::once(&e.id)
                    .chain(&e.also)
                    .any(|x| is_personal_id(x) && anon_id(x) == id)
            })
    }

    fn withdrawn_after(&self, i: usize) -> bool {
        let sent = &self.events[i];
        self.events[i + 1..]
            .iter()
            .any(|e| e.kind == EventKind::Withdrawn && e.invitee.same_stable_key(&sent.invitee))
    }

    /// Adds a complete event (an import, a migration). Returns `Unchanged` for a known id.
    pub fn add_event(&mut self, e: Event) -> Applied {
        if self.knows(&e.id) {
            return Applied::Unchanged;
        }
        self.insert(e)
    }

    /// Drops names from every event (the member switched off "store names"), and replaces the ids
    /// made from a name by their [`anon_id`]: the page's `dom:<name>@<ms>` when it gave no URN or
    /// vanity, the Sent page's `sp:name:<name>`, a withdrawal's `wd:<name>@<ms>`, and acceptances
    /// of these. They stay known ([`Ledger::knows`]).
    pub fn forget_names(&mut self) {
        for e in &mut self.events {
            let Some(name) = e.invitee.name.take() else {
                continue;
            };
            // The Sent page's ids carry the name normalized (`reconcile::reconcile`), the others
            // as the page gave it.
            let norm = normalize(&name);
            let card = format!("sp:name:{norm}");
            let named = |id: &str| {
                is_personal_id(id)
                    && ((!name.trim().is_empty() && id.contains(name.as_str()))
                        || (!norm.is_empty() && id.contains(card.as_str())))
            };
            if named(&e.id) {
                e.id = anon_id(&e.id);
            }
            for a in &mut e.also {
                if named(a) {
                    *a = anon_id(a);
                }
            }
        }
    }

    /// Sent events, oldest first.
    pub fn sent(&self) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(|e| e.kind == EventKind::Sent)
    }
}

/// The id an observation is known by: the API call by its `webRequest` id and time, page signals by
/// the person and time.
pub fn observation_id(obs: &Observation) -> String {
    match obs {
        Observation::Api { request_id, at, .. } => format!("api:{request_id}@{}", *at as i64),
        Observation::DomSent { invitee, at, .. } => {
            let key = invitee
                .urn
                .as_deref()
                .or(invitee.vanity.as_deref())
                .or(invitee.name.as_deref())
                .unwrap_or("unknown");
            format!("dom:{key}@{}", *at as i64)
        }
        Observation::Alert { alert, at, .. } => {
            let k = match alert {
                AlertKind::Weekly => "weekly",
                AlertKind::NoteQuota => "note",
            };
            format!("alert:{k}@{}", *at as i64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_stay_sorted_and_unique_in_any_order_of_arrival() {
        use Source::*;
        let all = [Api, Dom, Alert, Import, SentPage, Connection];
        for rot in 0..all.len() {
            let mut v = Vec::new();
            for &s in all.iter().cycle().skip(rot).take(all.len() * 2) {
                insert_source(&mut v, s);
            }
            assert_eq!(v, all, "rotation {rot}");
        }
    }

    #[test]
    fn a_new_event_is_dated_by_its_own_offset() {
        // 2026-11-27T23:30:00Z: still the 27th in UTC, already the 28th in UTC+1 (offset -60).
        let at = 1_795_822_200_000.0;
        let e = Event::new(
            "x".into(),
            EventKind::Sent,
            at,
            -60,
            Invitee::default(),
            Source::Dom,
        );
        assert_eq!(e.day.to_string(), "2026-11-28");
        assert_eq!(
            (e.at, e.tz, e.sources.as_slice()),
            (at, -60, &[Source::Dom][..])
        );
        assert_eq!(
            Event::new(
                "x".into(),
                EventKind::Sent,
                at,
                0,
                Invitee::default(),
                Source::Dom
            )
            .day
            .to_string(),
            "2026-11-27"
        );
        assert!(e.note.is_none() && e.note_len.is_none() && e.tab.is_none() && e.also.is_empty());
    }
}
