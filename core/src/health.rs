//! The health of the member's invitations, from the ledger: what is pending and for how long, whom
//! LinkedIn will not let them re-invite yet, how many are accepted, and the weekly count at which
//! LinkedIn refused them before.

use crate::ledger::{Event, EventKind, Invitee};
use crate::person::{likely_same_person, PersonKey};
use crate::time::{LocalDay, Millis, DAY_MS, WEEK_MS};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// Pending invitations above this many draw a warning. LinkedIn publishes no number; it names "too
/// many outstanding invitations" as a cause of restrictions lasting up to a month. 500 is the lowest
/// figure quoted and the start of the "danger zone" ranges, so it warns before any of them.
pub const PENDING_WARN_DEFAULT: u32 = 500;
pub const PENDING_WARN_SOURCE: &str = "docs/linkedin.md §13.8: no official \
number; LinkedIn help a551012 names \"too many outstanding invitations\" (restriction up to a month); \
~500 \"safety threshold (not official)\" (Linked Helper glossary), 500–700 \"danger zone\" (Ampliflow), \
~1,000 (LinkedNav), 1,500 (Linked Helper blog); docs/linkedin.md §13: >700 pending = danger (ColdIQ)";

/// Pending invitations at least this old are listed for withdrawing by hand, oldest first. Three
/// weeks: 88% of accepts come within a week (Botdog, docs/linkedin.md §13.9),
/// pending invitations may expire at about this age (stickerdaniel#460, docs/linkedin.md §13), and
/// it
/// is the re-invite cooldown a withdrawal starts ([`REINVITE_COOLDOWN_MS`]).
pub const OLD_PENDING_DAYS: u32 = 21;

/// After withdrawing, LinkedIn does not allow re-inviting the same person "for up to three weeks".
pub const REINVITE_COOLDOWN_MS: Millis = 21.0 * DAY_MS;
pub const REINVITE_COOLDOWN_SOURCE: &str =
    "LinkedIn help a551012 (docs/linkedin.md §13.7: \"for up to \
three weeks\"); jupyter-naas/awesome-notebooks#1152 (docs/linkedin.md §7, §13)";

/// A pending invitation this old counts as not accepted in the acceptance rate: 99% of accepts come
/// within 30 days (Botdog, 16,492 invitations; docs/linkedin.md §13.9).
pub const DECIDED_AFTER_DAYS: u32 = 30;

/// The learned weekly cap is this many below the lowest weekly count LinkedIn refused at.
pub const CEILING_MARGIN: u32 = 5;

/// A refusal after fewer invitations than this in the week before it is shown as evidence but not
/// offered as a weekly cap: it is a fifth of the ~100 a week most accounts get (docs/linkedin.md
/// §13.1; reports run from 80 to 200), so LinkedIn more likely refused for another reason
/// (the free-note quota's 429, too many pending invitations, a restriction), and a cap that low would
/// stop the member for nothing. A heuristic, not a LinkedIn number.
pub const CEILING_MIN_WEEK: u32 = 20;

/// What became of a `Sent` invitation.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pending,
    Accepted(Millis),
    Withdrawn(Millis),
}

/// Every `Sent` event with its outcome, in the order of `events`.
///
/// An `Accepted` or `Withdrawn` event resolves the latest `Sent` event to the same person
/// ([`likely_same_person`]) at or before it, if that one is still unresolved; it never reaches back to an
/// older invitation (a withdrawal of today's invitation says nothing about last year's). Of several
/// sent at the same moment, the last in `events` is the one resolved.
///
/// The popup runs this on every open over three months of history, where a third of the events may
/// be acceptances (README "Benchmark": first render within 50 ms with 10,000 events), so each
/// acceptance or withdrawal is matched only against the invitations sharing its URN, vanity or name:
/// [`PersonKey::likely_same`] never holds for two keys that share none.
pub fn outcomes(events: &[Event]) -> Vec<(&Event, Outcome)> {
    resolve(events)
        .sent
        .into_iter()
        .map(|(i, o)| (&events[i], o))
        .collect()
}

/// [`outcomes`] with the links behind them, by index in `events`: what `privacy::forget_settled`
/// must keep when it drops the people, so that every outcome stays the same.
pub(crate) struct Resolution {
    /// Every `Sent` event, in the order of `events`, with its outcome.
    pub sent: Vec<(usize, Outcome)>,
    /// Every `Accepted` or `Withdrawn` event, in time order, with the `Sent` event it points at
    /// (the latest to the same person at or before it), whether it resolved it or found it
    /// resolved already.
    pub ends: Vec<(usize, Option<usize>)>,
}

pub(crate) fn resolve(events: &[Event]) -> Resolution {
    let sent: Vec<usize> = (0..events.len())
        .filter(|&i| events[i].kind == EventKind::Sent)
        .collect();
    let mut out = vec![Outcome::Pending; sent.len()];
    let mut ends: Vec<usize> = (0..events.len())
        .filter(|&i| matches!(events[i].kind, EventKind::Accepted | EventKind::Withdrawn))
        .collect();
    let mut targets = Vec::with_capacity(ends.len());
    if !ends.is_empty() {
        let at: Vec<f64> = ends.iter().map(|&i| events[i].at).collect();
        crate::time::permute(&mut ends, &crate::time::order(&at));
        let keys: Vec<PersonKey> = sent
            .iter()
            .map(|&i| PersonKey::of(&events[i].invitee))
            .collect();
        // (field, value) → positions in `sent` of the events with that field: 0 URN, 1 vanity,
        // 2 name.
        let mut index: HashMap<(u8, &str), Vec<usize>> = HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            for (f, v) in [(0u8, &k.urn), (1, &k.vanity), (2, &k.name)] {
                if let Some(v) = v {
                    index.entry((f, v.as_str())).or_default().push(i);
                }
            }
        }
        let at = |i: usize| events[sent[i]].at;
        for end_i in ends {
            let end = &events[end_i];
            let key = PersonKey::of(&end.invitee);
            let mut latest: Option<usize> = None;
            for (f, v) in [(0u8, &key.urn), (1, &key.vanity), (2, &key.name)] {
                let Some(v) = v else { continue };
                for &i in index.get(&(f, v.as_str())).into_iter().flatten() {
                    if at(i) > end.at || !keys[i].likely_same(&key) {
                        continue;
                    }
                    // The latest; on a tie the later in `events`.
                    let later = latest.is_none_or(|b| {
                        at(i).total_cmp(&at(b)).then(i.cmp(&b)) == Ordering::Greater
                    });
                    if later {
                        latest = Some(i);
                    }
                }
            }
            if let Some(i) = latest {
                if out[i] == Outcome::Pending {
                    out[i] = if end.kind == EventKind::Accepted {
                        Outcome::Accepted(end.at)
                    } else {
                        Outcome::Withdrawn(end.at)
                    };
                }
            }
            targets.push((end_i, latest.map(|i| sent[i])));
        }
    }
    Resolution {
        sent: sent.into_iter().zip(out).collect(),
        ends: targets,
    }
}

/// A pending invitation to consider withdrawing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OldInvitation {
    pub id: String,
    pub invitee: Invitee,
    pub at: Millis,
    pub days: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingHealth {
    /// Pending invitations by the ledger.
    pub pending: u32,
    /// LinkedIn's own count from the Sent page ("People (1,100)"), when it was read.
    pub linkedin_total: Option<u32>,
    /// Pending invitations by age: under 1 week, 1–2 weeks, 2–3 weeks, 3 weeks or more.
    pub by_age: [u32; 4],
    /// Pending invitations at least [`OLD_PENDING_DAYS`] old, oldest first.
    pub old: Vec<OldInvitation>,
    pub threshold: u32,
    /// The count the warning looks at (LinkedIn's total when known, else the ledger's) is above
    /// `threshold`.
    pub warn: bool,
}

/// The pending queue at `now` ([`Outcome::Pending`] `Sent` events).
///
/// The warning prefers LinkedIn's total: it includes invitations sent where the guard was not, and
/// drops those LinkedIn expired, which the ledger cannot know. The ledger can also hold invitations
/// that will never resolve (known only by URN), so its count errs high.
pub fn pending_health(
    events: &[Event],
    linkedin_total: Option<u32>,
    threshold: u32,
    now: Millis,
) -> PendingHealth {
    pending_health_of(&outcomes(events), linkedin_total, threshold, now)
}

/// [`pending_health`] from [`outcomes`] already computed (the popup computes them once for this and
/// [`acceptance_of`]).
pub fn pending_health_of(
    outcomes: &[(&Event, Outcome)],
    linkedin_total: Option<u32>,
    threshold: u32,
    now: Millis,
) -> PendingHealth {
    let mut by_age = [0u32; 4];
    let mut old = Vec::new();
    let mut pending = 0u32;
    for &(e, o) in outcomes {
        if o != Outcome::Pending {
            continue;
        }
        pending += 1;
        let days = days_between(e.at, now);
        by_age[(days / 7).min(3) as usize] += 1;
        if days >= OLD_PENDING_DAYS {
            old.push(OldInvitation {
                id: e.id.clone(),
                invitee: e.invitee.clone(),
                at: e.at,
                days,
            });
        }
    }
    let at: Vec<f64> = old.iter().map(|o| o.at).collect();
    crate::time::permute(&mut old, &crate::time::order(&at));
    PendingHealth {
        pending,
        linkedin_total,
        by_age,
        old,
        threshold,
        warn: linkedin_total.unwrap_or(pending) > threshold,
    }
}

/// Whole days from `at` to `now`; 0 when `at` is later (the clock went back).
fn days_between(at: Millis, now: Millis) -> u32 {
    ((now - at) / DAY_MS).floor().clamp(0.0, u32::MAX as f64) as u32
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cooldown {
    pub withdrawn_at: Millis,
    /// When LinkedIn should allow a new invitation: [`REINVITE_COOLDOWN_MS`] after the withdrawal.
    pub until: Millis,
}

/// Whether LinkedIn will refuse an invitation to `invitee` because the member withdrew one to them
/// fewer than 21 days ago ([`REINVITE_COOLDOWN_SOURCE`]). `None` when a later invitation to them was
/// sent anyway (LinkedIn allowed it, or the withdrawal was not theirs to block).
pub fn cooldown(events: &[Event], invitee: &Invitee, now: Millis) -> Option<Cooldown> {
    if invitee.is_empty() {
        return None;
    }
    let w = events
        .iter()
        .filter(|e| e.kind == EventKind::Withdrawn && likely_same_person(&e.invitee, invitee))
        .max_by(|a, b| a.at.total_cmp(&b.at))?;
    let resent = events.iter().any(|e| {
        e.kind == EventKind::Sent && e.at > w.at && likely_same_person(&e.invitee, invitee)
    });
    let until = w.at + REINVITE_COOLDOWN_MS;
    (!resent && now < until).then_some(Cooldown {
        withdrawn_at: w.at,
        until,
    })
}

/// An ISO 8601 week (Monday first; week 1 holds the year's first Thursday).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct IsoWeek {
    pub year: i32,
    pub week: u8,
}

impl IsoWeek {
    pub fn of(day: LocalDay) -> IsoWeek {
        let d = day.days();
        // 1970-01-01 was a Thursday: Monday = 0.
        let thursday = d - (d + 3).rem_euclid(7) + 3;
        let year = LocalDay::from_days(thursday).year;
        let jan1 = LocalDay {
            year,
            month: 1,
            day: 1,
        }
        .days();
        IsoWeek {
            year,
            week: ((thursday - jan1) / 7 + 1) as u8,
        }
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

/// An acceptance rate with the counts it rests on.
///
/// The denominator is the *decided* invitations: accepted, withdrawn, or still pending after
/// [`DECIDED_AFTER_DAYS`] (by then an accept is unlikely). Invitations pending for less are not
/// failures yet: they are left out of the rate and reported in `pending`. `Refused` sends never were
/// invitations and are not counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    pub accepted: u32,
    pub decided: u32,
    pub pending: u32,
}

impl Rate {
    /// `accepted / decided`; `None` before anything is decided.
    pub fn rate(&self) -> Option<f64> {
        (self.decided > 0).then(|| self.accepted as f64 / self.decided as f64)
    }

    fn add(&mut self, o: Outcome, days: u32) {
        match o {
            Outcome::Accepted(_) => {
                self.accepted += 1;
                self.decided += 1;
            }
            Outcome::Withdrawn(_) => self.decided += 1,
            Outcome::Pending if days >= DECIDED_AFTER_DAYS => self.decided += 1,
            Outcome::Pending => self.pending += 1,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AcceptanceStats {
    pub overall: Rate,
    /// Invitations known to carry a personal note (`Event::note == Some(true)`).
    pub with_note: Rate,
    /// Invitations known to carry none (`Some(false)`). Those with `note: None` (no signal said) are
    /// only in `overall`.
    pub without_note: Rate,
    /// By the ISO week of the local day the invitation was sent on, oldest first.
    pub by_week: Vec<(IsoWeek, Rate)>,
}

/// Acceptance of the member's invitations at `now` (see [`Rate`] for what is counted). Acceptances
/// come from `Accepted` events, so the rates are only as complete as the Sent-page and Connections
/// reads behind them (`reconcile::accepted`, `reconcile::connected`).
pub fn acceptance(events: &[Event], now: Millis) -> AcceptanceStats {
    acceptance_of(&outcomes(events), now)
}

/// [`acceptance`] from [`outcomes`] already computed.
pub fn acceptance_of(outcomes: &[(&Event, Outcome)], now: Millis) -> AcceptanceStats {
    let mut s = AcceptanceStats::default();
    let mut weeks: BTreeMap<IsoWeek, Rate> = BTreeMap::new();
    for &(e, o) in outcomes {
        let days = days_between(e.at, now);
        s.overall.add(o, days);
        match e.note {
            Some(true) => s.with_note.add(o, days),
            Some(false) => s.without_note.add(o, days),
            None => {}
        }
        weeks.entry(IsoWeek::of(e.day)).or_default().add(o, days);
    }
    s.by_week = weeks.into_iter().collect();
    s
}

/// One refusal by LinkedIn with the invitations sent in the 7 days before it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RefusalEvidence {
    pub at: Millis,
    pub day: LocalDay,
    pub sent_in_week: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LearnedCeiling {
    /// The suggested weekly cap: [`CEILING_MARGIN`] below the lowest count, at least 1.
    pub weekly_cap: u32,
    /// The refusal with the lowest count: the evidence to show ("refused on 2026-11-20 after 87").
    pub lowest: RefusalEvidence,
    /// Every refusal used, oldest first.
    pub refusals: Vec<RefusalEvidence>,
}

/// A weekly cap learned from the member's own account (docs/linkedin.md §14.9): for each `Refused`
/// event, the `Sent` events in the rolling 7 days before it (the window LinkedIn counts by;
/// docs/linkedin.md §13.2); the suggestion sits just below the lowest such count.
///
/// A refusal is left out when the ledger does not reach a full week before it (its count would be
/// short: the guard was installed days before), or when nothing was sent in that week (then LinkedIn
/// refused for another reason, such as too many pending). A 429 for the note quota is a `Refused`
/// event too (ledger.rs), which is why the evidence is returned for the member to judge.
pub fn learned_ceiling(events: &[Event]) -> Option<LearnedCeiling> {
    let first = events.iter().map(|e| e.at).min_by(|a, b| a.total_cmp(b))?;
    let mut refusals: Vec<RefusalEvidence> = events
        .iter()
        .filter(|r| r.kind == EventKind::Refused && first <= r.at - WEEK_MS)
        .map(|r| RefusalEvidence {
            at: r.at,
            day: r.day,
            sent_in_week: events
                .iter()
                .filter(|e| e.kind == EventKind::Sent && e.at > r.at - WEEK_MS && e.at <= r.at)
                .count() as u32,
        })
        .filter(|r| r.sent_in_week > 0)
        .collect();
    let at: Vec<f64> = refusals.iter().map(|r| r.at).collect();
    crate::time::permute(&mut refusals, &crate::time::order(&at));
    let lowest = refusals.iter().min_by_key(|r| r.sent_in_week)?.clone();
    Some(LearnedCeiling {
        weekly_cap: lowest.sent_in_week.saturating_sub(CEILING_MARGIN).max(1),
        lowest,
        refusals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks() {
        let w = |s| IsoWeek::of(LocalDay::parse(s).unwrap()).to_string();
        assert_eq!(w("2026-01-01"), "2026-W01"); // a Thursday
        assert_eq!(w("2025-12-29"), "2026-W01"); // its Monday
        assert_eq!(w("2025-12-28"), "2025-W52");
        assert_eq!(w("2021-01-03"), "2020-W53");
        assert_eq!(w("2026-11-27"), "2026-W48");
        assert_eq!(w("1970-01-01"), "1970-W01");
    }

    #[test]
    fn rate_counts() {
        let mut r = Rate::default();
        r.add(Outcome::Accepted(0.0), 1);
        r.add(Outcome::Withdrawn(0.0), 3);
        r.add(Outcome::Pending, 40);
        r.add(Outcome::Pending, 2);
        assert_eq!(
            r,
            Rate {
                accepted: 1,
                decided: 3,
                pending: 1
            }
        );
        assert_eq!(r.rate(), Some(1.0 / 3.0));
        assert_eq!(Rate::default().rate(), None);
    }
}
