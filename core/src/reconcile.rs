//! Reconciling the ledger with what LinkedIn shows: invitations on the Sent page that the ledger
//! missed (sent from the phone or another browser), and invitations that were accepted.
//!
//! Everything here returns *new* events for the caller to add with `Ledger::add_event`; nothing
//! rewrites an existing one (the ledger is append-only). Every function is idempotent: once its
//! events are in the ledger, running it again on the same page returns nothing.

use crate::event_id::id_in;
use crate::health::{outcomes, Outcome};
use crate::ledger::{Event, EventKind, Invitee, Source};
use crate::person::PersonKey;
use crate::sent_page::{estimate_sent_at, AgeRange, Connected, Said, SentEntry};
use crate::time::{LocalDay, Millis, DAY_MS, HOUR_MS, WEEK_MS};
use std::collections::{BTreeMap, BTreeSet};

/// An invitation sent less than this long before a list was read may be missing from it because the
/// list was rendered before the send (LinkedIn's lists load lazily and are not live;
/// docs/linkedin.md
/// §11). Such invitations are not taken as accepted until a later read.
pub const LIST_GRACE_MS: Millis = HOUR_MS;

/// How far outside an age text's span a ledger event may lie and still be the invitation the text
/// describes: a day, or half the text's unit when that is more. LinkedIn may round where
/// [`AgeRange`] assumes it floors ("3 weeks" for 18 days), and the ledger's time is exact while the
/// text is not.
fn slack(said: Said) -> Millis {
    match said {
        Said::Ago(_, unit) => (unit.ms() / 2.0).max(DAY_MS),
        _ => DAY_MS,
    }
}

/// The times a ledger event may lie between and still be the invitation an age text describes:
/// the text's span at `now` ([`AgeRange::span`]) widened by a day, or by half the text's unit when
/// that is more (LinkedIn's rounding is unknown). Every event [`reconcile`]
/// matches to a card with an age lies in its window, so a caller that loads only part of the history
/// (the background, by month) loses no match as long as it holds every window.
pub fn match_window(age: &AgeRange, now: Millis, tz: i32) -> (Millis, Millis) {
    let (oldest, newest) = age.span(now, tz);
    (oldest - slack(age.said), newest + slack(age.said))
}

/// One Sent-page entry that names someone.
struct Shown {
    who: Invitee,
    key: PersonKey,
    age: Option<AgeRange>,
}

/// The entries that name someone, one per person (a re-render can list a card twice; the first
/// one read is kept).
fn distinct(seen: &[SentEntry]) -> Vec<Shown> {
    let mut out: Vec<Shown> = Vec::new();
    for s in seen {
        let key = PersonKey::of(&Invitee {
            urn: None,
            vanity: s.vanity.clone(),
            name: s.name.clone(),
        });
        let dup = out.iter().any(|o| match (&o.key.vanity, &key.vanity) {
            (None, None) => o.key.name == key.name,
            (a, b) => a == b,
        });
        if key.is_empty() || dup {
            continue;
        }
        let who = Invitee {
            urn: None,
            vanity: s.vanity.clone().filter(|_| key.vanity.is_some()),
            name: s.name.clone().filter(|_| key.name.is_some()),
        };
        out.push(Shown {
            who,
            key,
            age: s.age,
        });
    }
    out
}

/// New `Sent` events (source [`Source::SentPage`]) for invitations on the Sent page that the ledger
/// does not have, timed by [`estimate_sent_at`] (the newest moment the age text allows).
///
/// Each entry is matched to at most one `Sent` event of the ledger, and each event to at most one
/// entry, in three passes (an entry matched in an earlier pass takes no part in the later ones):
///
/// 1. **Vanity**: an event with the same vanity whose time lies in the entry's age span ± slack. An
///    entry without an age matches an event with the same vanity that is still pending.
/// 2. **Name**: when the entry or the event has no vanity, an event with the same display name in the
///    span ± slack.
/// 3. **Unnamed**: a pending event with neither vanity nor name (an invitation seen only through the
///    API, which carries the URN alone) in the span ± slack. Without this pass every such
///    invitation would be counted twice once the member opens the Sent page; with it, an unnamed
///    event can only stand for an invitation that really is on the page at about that age. An
///    invitation that ended (accepted, withdrawn) has left the page and is not matched here.
///
/// Within a pass the candidate nearest the estimate wins (the first in the ledger on a tie). Entries
/// left over become new events; those without an age are skipped, as there is no time to count them
/// at (they still show in LinkedIn's own total, see `health::pending_health`). Entries with neither
/// vanity nor name are ignored. `Refused` events never match: LinkedIn listing an invitation means it
/// exists.
///
/// Ids: `sp:<vanity>`, or `sp:name:<normalized name>` without a vanity, with `#2`, `#3`… when the id
/// is already taken, as given or as the id a forgotten event carries instead
/// (`event_id::anon_id`): the same person invited again after a withdrawal. Running `reconcile` again
/// after adding its events finds each entry's own event in pass 1 or 2 and adds nothing.
pub fn reconcile(events: &[Event], seen: &[SentEntry], now: Millis, tz: i32) -> Vec<Event> {
    let sent: Vec<(&Event, Outcome, PersonKey)> = outcomes(events)
        .into_iter()
        .map(|(e, o)| (e, o, PersonKey::of(&e.invitee)))
        .collect();
    let mut taken = vec![false; sent.len()];
    let mut open = distinct(seen);
    for pass in 1..=3 {
        open.retain(|s| {
            let (who, age) = (&s.key, s.age);
            let window = age.map(|r| match_window(&r, now, tz));
            let fits = |e: &Event| window.is_some_and(|(lo, hi)| e.at >= lo && e.at <= hi);
            let matches = |(e, outcome, them): &(&Event, Outcome, PersonKey)| match pass {
                1 => {
                    who.vanity.is_some()
                        && who.vanity == them.vanity
                        && (fits(e) || (age.is_none() && *outcome == Outcome::Pending))
                }
                2 => {
                    fits(e)
                        && (who.vanity.is_none() || them.vanity.is_none())
                        && who.name.is_some()
                        && who.name == them.name
                }
                // Only a pending invitation: one that ended (accepted, withdrawn) has left the
                // page, and the loosest pass must not take a card of another invitation for it
                // (nor for one whose person was forgotten, `privacy::forget_settled`).
                _ => {
                    fits(e)
                        && *outcome == Outcome::Pending
                        && them.vanity.is_none()
                        && them.name.is_none()
                }
            };
            let est = age.map_or(now, |r| estimate_sent_at(&r, now, tz));
            let best = (0..sent.len())
                .filter(|&j| !taken[j] && matches(&sent[j]))
                .min_by(|&a, &b| {
                    let d = |j: usize| (sent[j].0.at - est).abs();
                    d(a).total_cmp(&d(b))
                });
            if let Some(j) = best {
                taken[j] = true;
            }
            best.is_none()
        });
    }
    let mut ids = known_ids(events);
    let mut out = Vec::new();
    for s in open {
        let Some(age) = s.age else { continue };
        let base = match (&s.who.vanity, &s.key.name) {
            (Some(v), _) => format!("sp:{v}"),
            (None, Some(n)) => format!("sp:name:{n}"),
            (None, None) => continue,
        };
        let mut id = base.clone();
        let mut n = 1;
        while id_in(&id, |x| ids.contains(x)) {
            n += 1;
            id = format!("{base}#{n}");
        }
        ids.insert(id.clone());
        let at = estimate_sent_at(&age, now, tz);
        out.push(Event::new(
            id,
            EventKind::Sent,
            at,
            tz,
            s.who,
            Source::SentPage,
        ));
    }
    out
}

/// At most this many sends counted on one local day once a Sent-page read has added its own
/// ([`cap_sent_page`]). The highest daily figure any vendor reports: "80–100/day paid" (Unipile;
/// docs/linkedin.md §13.3; LinkedIn publishes no daily number). A day above it through the page
/// is far more likely a misread page than a real day.
pub const SENT_PAGE_MAX_DAY: u32 = 100;

/// At most this many sends counted in the rolling 7 days once a Sent-page read has added its own.
/// The highest weekly figure reported: 200 (Waalaxy, Unipile, LinkedNav, Funkel; docs/linkedin.md
/// §13.1).
pub const SENT_PAGE_MAX_WEEK: u32 = 200;

/// Caps what one Sent-page read can add to the guard's counts: of `new` ([`reconcile`]'s events),
/// the `Sent` ones in the rolling week before `now` (the guard's window: `at` after `now` − 7 days,
/// as `policy::guard_state` counts) are kept only while their local day holds fewer than
/// [`SENT_PAGE_MAX_DAY`] sends and the week fewer than [`SENT_PAGE_MAX_WEEK`], counting the
/// ledger's `events` and those kept so far. Older events are kept whatever their number: a "Sent 3
/// months ago" card touches no budget.
///
/// A page read is a claim about sends the extension did not see (another device), so a misread page
/// (5,000 "Sent today" cards) must not lock the member out for a week. Candidates are taken newest
/// first, ties in the order of `new` (the page's, newest first), so today's sends, which the guard
/// needs most, are the last to be held back and the choice is the same on every run. Returns the
/// kept events in the order of `new`, and how many were held back ("unconfirmed"): they come back
/// from `reconcile` on the next read, and stay held back while the day or the week is full.
pub fn cap_sent_page(events: &[Event], new: Vec<Event>, now: Millis) -> (Vec<Event>, u32) {
    let week_start = now - WEEK_MS;
    let capped = |e: &Event| e.kind == EventKind::Sent && e.at > week_start;
    let mut order: Vec<usize> = (0..new.len()).filter(|&i| capped(&new[i])).collect();
    if order.is_empty() {
        return (new, 0);
    }
    // Newest first; equal times in their order.
    let newest: Vec<f64> = order.iter().map(|&i| -new[i].at).collect();
    crate::time::permute(&mut order, &crate::time::order(&newest));
    let mut week = events.iter().filter(|e| capped(e)).count() as u32;
    let mut per_day: BTreeMap<LocalDay, u32> = BTreeMap::new();
    for &i in &order {
        per_day.insert(new[i].day, 0);
    }
    for e in events.iter().filter(|e| e.kind == EventKind::Sent) {
        if let Some(n) = per_day.get_mut(&e.day) {
            *n += 1;
        }
    }
    let mut keep = vec![true; new.len()];
    let mut held = 0u32;
    for i in order {
        let day = per_day.entry(new[i].day).or_default();
        if *day < SENT_PAGE_MAX_DAY && week < SENT_PAGE_MAX_WEEK {
            *day += 1;
            week += 1;
        } else {
            keep[i] = false;
            held += 1;
        }
    }
    let kept = new
        .into_iter()
        .zip(keep)
        .filter_map(|(e, k)| k.then_some(e))
        .collect();
    (kept, held)
}

/// `Accepted` events for invitations that left the Sent page without a withdrawal.
///
/// Only when `complete`: the whole list was read (e.g. the tab's total,
/// [`crate::sent_page::parse_total`], equals the number of cards read). The list loads lazily ("Show
/// more", scrolling; docs/linkedin.md §7, §11), and on a half-read list everyone below the fold
/// would
/// look accepted.
///
/// An invitation is taken as accepted when all of these hold:
/// - it is a `Sent` event still pending in the ledger (no `Accepted` or `Withdrawn` for the same
///   person after it; `health::outcomes`);
/// - it has a vanity or a name: an invitation known only by URN cannot be looked for on the page;
/// - it was sent at least [`LIST_GRACE_MS`] before `now`;
/// - no entry of the page can be the same person ([`crate::person::likely_same_person`]; an entry without a vanity counts
///   as present when its name matches).
///
/// Caveat, for the statistics that rest on this: an invitation also leaves the list when it is
/// withdrawn on another device or expires, and neither can be told from an acceptance here. A
/// 1st-degree profile or the Connections page ([`connected`]) is the firmer signal.
///
/// The event is timed `now` (the acceptance happened some time before, unknown) and has id
/// `acc:<id of the Sent event>`, the same id [`connected`] gives, so either signal adds it once.
pub fn accepted(
    events: &[Event],
    seen: &[SentEntry],
    complete: bool,
    now: Millis,
    tz: i32,
) -> Vec<Event> {
    if !complete {
        return Vec::new();
    }
    let shown = distinct(seen);
    // Filled by insertion: `collect` into a B-tree sorts first, one more sort in the Wasm.
    let set = |f: fn(&PersonKey) -> Option<&String>| -> BTreeSet<&String> {
        let mut set = BTreeSet::new();
        for s in shown.iter().filter_map(|s| f(&s.key)) {
            set.insert(s);
        }
        set
    };
    let vanities = set(|k| k.vanity.as_ref());
    let names = set(|k| k.name.as_ref());
    let bare_names = set(|k| k.name.as_ref().filter(|_| k.vanity.is_none()));
    // `likely_same_person` against every entry at once (entries carry no URN). `true` for an event with
    // neither vanity nor name: it cannot be looked for, so it is not taken as gone.
    let on_page = |k: &PersonKey| match (&k.vanity, &k.name) {
        (Some(v), n) => vanities.contains(v) || n.as_ref().is_some_and(|n| bare_names.contains(n)),
        (None, Some(n)) => names.contains(n),
        (None, None) => true,
    };
    let ids = known_ids(events);
    outcomes(events)
        .into_iter()
        .filter(|(e, o)| *o == Outcome::Pending && e.at <= now - LIST_GRACE_MS)
        .filter(|(e, _)| !on_page(&PersonKey::of(&e.invitee)))
        .filter(|(e, _)| !id_in(&acceptance_id(e), |x| ids.contains(x)))
        .map(|(e, _)| {
            Event::new(
                acceptance_id(e),
                EventKind::Accepted,
                now,
                tz,
                e.invitee.clone(),
                Source::SentPage,
            )
        })
        .collect()
}

/// An `Accepted` event when `who` is shown as a connection (a 1st-degree profile: `when` is `None`;
/// the Connections page's "Connected on …"/"Connected 2 days ago": `when` is its parse) and the
/// ledger's latest `Sent` invitation to them is still pending.
///
/// Timed at the connection date when known (clamped between the send and `now`), else `now`. `None`
/// when the connection predates the invitation by more than a day: the two were connected already,
/// and the invitation (sent from a stale page, or imported) was not what connected them.
pub fn connected(
    events: &[Event],
    who: &Invitee,
    when: Option<&Connected>,
    now: Millis,
    tz: i32,
) -> Option<Event> {
    connected_in(&Invitations::of(events), who, when, now, tz)
}

/// The ledger's invitations with their outcomes and comparable keys, and every id it knows: what
/// [`connected`] looks at, worked out once for many people.
struct Invitations<'a> {
    sent: Vec<(&'a Event, Outcome, PersonKey)>,
    ids: BTreeSet<String>,
}

impl<'a> Invitations<'a> {
    fn of(events: &'a [Event]) -> Invitations<'a> {
        Invitations {
            sent: outcomes(events)
                .into_iter()
                .map(|(e, o)| (e, o, PersonKey::of(&e.invitee)))
                .collect(),
            ids: known_ids(events),
        }
    }
}

fn connected_in(
    inv: &Invitations,
    who: &Invitee,
    when: Option<&Connected>,
    now: Millis,
    tz: i32,
) -> Option<Event> {
    let key = PersonKey::of(who);
    if key.is_empty() {
        return None;
    }
    let &(sent, outcome, _) = inv
        .sent
        .iter()
        .filter(|(_, _, k)| k.likely_same(&key))
        .max_by(|a, b| a.0.at.total_cmp(&b.0.at))?;
    let id = acceptance_id(sent);
    if outcome != Outcome::Pending || id_in(&id, |x| inv.ids.contains(x)) {
        return None;
    }
    let at = match when {
        None => now,
        Some(Connected::On(day)) => day.start_ms(tz),
        Some(Connected::Ago(r)) => estimate_sent_at(r, now, tz),
    };
    if at + DAY_MS < sent.at {
        return None;
    }
    let mut invitee = sent.invitee.clone();
    for (mine, theirs) in [
        (&mut invitee.urn, &who.urn),
        (&mut invitee.vanity, &who.vanity),
        (&mut invitee.name, &who.name),
    ] {
        if mine.is_none() {
            mine.clone_from(theirs);
        }
    }
    let at = at.max(sent.at).min(now);
    Some(Event::new(
        id,
        EventKind::Accepted,
        at,
        tz,
        invitee,
        Source::Connection,
    ))
}

/// [`connected`] for many people at once, as the Connections page lists them (docs/linkedin.md §9):
/// the events that calling it for each person in turn would give, adding each one to the ledger
/// (in time order, as `Ledger::add_event`) before the next. The ledger's outcomes and ids are worked
/// out once, and again only after an addition, which few people of a page bring: most were never
/// invited from here, or were seen already.
pub fn connected_many(
    events: &[Event],
    people: &[(Invitee, Option<Connected>)],
    now: Millis,
    tz: i32,
) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    // The ledger with this call's additions, copied at the first one.
    let mut grown: Vec<Event> = Vec::new();
    let mut next = 0;
    while next < people.len() {
        let hit = {
            let inv = Invitations::of(if out.is_empty() { events } else { &grown });
            let mut hit = None;
            while let Some((who, when)) = people.get(next) {
                next += 1;
                hit = connected_in(&inv, who, when.as_ref(), now, tz);
                if hit.is_some() {
                    break;
                }
            }
            hit
        };
        let Some(e) = hit else { break };
        if out.is_empty() {
            grown = events.to_vec();
        }
        let pos = grown.partition_point(|x| x.at <= e.at);
        grown.insert(pos, e.clone());
        out.push(e);
    }
    out
}

fn acceptance_id(sent: &Event) -> String {
    format!("acc:{}", sent.id)
}

/// Every id the events carry, their own and their merged observations' (as `Ledger::knows`).
fn known_ids(events: &[Event]) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for id in events
        .iter()
        .flat_map(|e| std::iter::once(&e.id).chain(&e.also))
    {
        ids.insert(id.clone());
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_drops_blank_and_repeated_entries() {
        let e = |v: Option<&str>, n: Option<&str>| SentEntry {
            vanity: v.map(str::to_string),
            name: n.map(str::to_string),
            age: None,
        };
        let d = distinct(&[
            e(Some("a"), None),
            e(Some("A"), Some("Ann")),
            e(None, Some("Bo")),
            e(None, Some("bo")),
            e(None, None),
            e(Some(" "), Some("  ")),
        ]);
        assert_eq!(d.len(), 2);
    }
}
