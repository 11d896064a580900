//! Privacy the member controls: names off everywhere, a retention period, and "Don't keep who I
//! invited".
//!
//! Everything here is pure; the background reads and writes storage (docs/protocol.md §1).

use crate::event_id::{anon_id, fnv1a64, is_personal_id};
use crate::health::{resolve, Outcome, REINVITE_COOLDOWN_MS};
use crate::import::TZ_RANGE;
use crate::ledger::{Event, EventKind, Invitee, Observation};
use crate::person::PersonKey;
use crate::schema::{is_month_key, MONTH_PREFIX};
use crate::settings::Settings;
use crate::stored::{AT_INDEX, NAME_INDEX, SETTLE_MS};
use crate::time::{LocalDay, Millis, MINUTE_MS};
use serde_json::Value;
use std::collections::HashMap;

/// A raw stored item without the invitee's name, for names off: the quarantine keeps items this
/// version could not read (`schema::QUARANTINE_KEY`), and a name in one is still a name kept.
///
/// - The array form (schema v2, `stored.rs`): index [`NAME_INDEX`] becomes `null`, whatever else
///   is wrong with the item (that is why it is in the quarantine).
/// - The object form (schema v1, an export's event, a hand edit): `invitee.name` is removed (v1
///   leaves absent fields out).
///
/// Everything else in the item, and any other value, is returned unchanged: the quarantine's
/// promise is that nothing else is lost.
pub fn raw_without_name(mut item: Value) -> Value {
    match &mut item {
        Value::Array(a) if a.len() > NAME_INDEX => a[NAME_INDEX] = Value::Null,
        Value::Object(o) => {
            if let Some(Value::Object(invitee)) = o.get_mut("invitee") {
                invitee.remove("name");
            }
        }
        _ => {}
    }
    item
}

/// An observation as the ledger may keep it: the page's send report loses the invitee's name when
/// the member does not let names be kept (`Settings::store_names`). The others carry no name.
pub fn strip_names(obs: Observation, settings: &Settings) -> Observation {
    match obs {
        Observation::DomSent {
            tab,
            mut invitee,
            at,
            tz,
        } if !settings.store_names => {
            invitee.name = None;
            Observation::DomSent {
                tab,
                invitee,
                at,
                tz,
            }
        }
        o => o,
    }
}

// ---- retention ---------------------------------------------------------------------------------------

/// The first day of the month `months` after (`months` < 0: before) `year`-`month`.
fn first_of(year: i32, month: u8, months: i64) -> LocalDay {
    let m = year as i64 * 12 + (month as i64 - 1) + months;
    LocalDay {
        year: m.div_euclid(12) as i32,
        month: (m.rem_euclid(12) + 1) as u8,
        day: 1,
    }
}

/// The moment before which events are deleted when the history is kept for `months` months
/// (`Settings::retention_months`): local midnight (offset `tz`, as `LocalDay::start_ms`) starting
/// the same calendar day `months` months before today, or that month's last day when it is shorter
/// (31 May, 3 months → 28 or 29 February). A whole-day boundary, so a day's events go together and
/// what the member sees ("kept since 27 August") is a date.
pub fn retention_cutoff(now: Millis, tz: i32, months: u32) -> Millis {
    let today = LocalDay::at(now, tz);
    let first = first_of(today.year, today.month, -(months as i64));
    let last = LocalDay::from_days(first_of(first.year, first.month, 1).days() - 1);
    LocalDay {
        day: today.day.min(last.day),
        ..first
    }
    .start_ms(tz)
}

/// The events at or after `cutoff`, in their order, and how many were before it (deleted).
pub fn expire(mut events: Vec<Event>, cutoff: Millis) -> (Vec<Event>, u32) {
    let before = events.len();
    events.retain(|e| e.at >= cutoff);
    let removed = (before - events.len()) as u32;
    (events, removed)
}

/// What a retention cutoff means for the month keys ([`retention_keys`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RetentionKeys {
    /// Month keys all of whose events lie before the cutoff, oldest first: remove them without
    /// reading them.
    pub delete: Vec<String>,
    /// Month keys that may hold events on both sides of it (the cutoff's own month, and the one
    /// before when the cutoff is near its start), oldest first: read, [`expire`], write back.
    pub trim: Vec<String>,
}

/// Sorts the storage keys a retention cutoff touches: any other key (not `ev:YYYY-MM`, or a month
/// that is not one) is in neither list, nor is a month wholly at or after the cutoff.
///
/// A month key holds the events whose local day, at their own offset, falls in that month
/// (`schema::split_by_month`). An offset may be anything from UTC+14 to UTC−12
/// ([`crate::import::TZ_RANGE`]), so a month's events may lie from its first midnight in UTC+14 to
/// its last in UTC−12; it is deleted only when even that last moment is not after the cutoff.
///
/// Deleting a key unread also deletes an event stored under the wrong month (a restored backup, a
/// hand edit; `schema::plan_writes`), or with an offset no time zone has, whatever its time.
pub fn retention_keys<'a>(
    keys: impl IntoIterator<Item = &'a str>,
    cutoff: Millis,
) -> RetentionKeys {
    let east = *TZ_RANGE.start() as f64 * MINUTE_MS;
    let west = *TZ_RANGE.end() as f64 * MINUTE_MS;
    let mut months: Vec<(LocalDay, &str)> = keys
        .into_iter()
        .filter(|k| is_month_key(k))
        .filter_map(|k| {
            let m = &k[MONTH_PREFIX.len()..];
            let year: i32 = m[..4].parse().ok()?;
            let month: u8 = m[5..].parse().ok()?;
            (1..=12)
                .contains(&month)
                .then(|| (first_of(year, month, 0), k))
        })
        .collect();
    // By month, with the time module's one sort (docs/architecture.md §1.1); a key is one month.
    let days: Vec<f64> = months.iter().map(|(d, _)| d.days() as f64).collect();
    crate::time::permute(&mut months, &crate::time::order(&days));
    months.dedup();
    let mut out = RetentionKeys::default();
    for (first, key) in months {
        let next = first_of(first.year, first.month, 1);
        let earliest = first.start_ms(0) + east;
        let latest = next.start_ms(0) + west;
        if latest <= cutoff {
            out.delete.push(key.to_string());
        } else if earliest < cutoff {
            out.trim.push(key.to_string());
        }
    }
    out
}

/// [`expire`] for raw stored items the quarantine keeps: an item whose time can be read (`at`,
/// index [`AT_INDEX`] of the array form, or the object form's `at`, a finite number) expires when
/// before `cutoff`; an item without a readable time is kept, as nothing says it is old. Returns the
/// kept items in their order and how many expired.
pub fn expire_raw(mut items: Vec<Value>, cutoff: Millis) -> (Vec<Value>, u32) {
    let before = items.len();
    items.retain(|item| {
        let at = match item {
            Value::Array(a) => a.get(AT_INDEX),
            Value::Object(o) => o.get("at"),
            _ => None,
        };
        !at.and_then(Value::as_f64)
            .is_some_and(|at| at.is_finite() && at < cutoff)
    });
    let removed = (before - items.len()) as u32;
    (items, removed)
}

// ---- "Don't keep who I invited" --------------------------------------------------------------------

/// What a forgotten invitation and its acceptance or withdrawal keep in place of the person, in the
/// invitee's `urn` (never a LinkedIn URN, which is `ACoA…`): this prefix and the hash of the
/// invitation's id. It ties the two together for `health::outcomes` (their URNs are equal) and to
/// nothing else; the popup never shows a URN.
pub const PAIR_PREFIX: &str = "pair:";

/// Drops the person from an event: the invitee becomes the pairing key (or nothing), and every id
/// that may name them is replaced by its [`anon_id`].
fn forget_event(e: &mut Event, pair: Option<&str>) {
    e.invitee = Invitee {
        urn: pair.map(str::to_string),
        vanity: None,
        name: None,
    };
    if is_personal_id(&e.id) {
        e.id = anon_id(&e.id);
    }
    for a in &mut e.also {
        if is_personal_id(a) {
            *a = anon_id(a);
        }
    }
}

/// Whether some person could be taken for both `a` and `b` ([`PersonKey::likely_same`] with each): `a`
/// itself or `b` itself, or someone with `a`'s vanity and `b`'s name when neither names the other
/// (the rule is not transitive). Trying the combinations of their own fields is enough: any other
/// value can only make a match fail.
fn may_share(a: &PersonKey, b: &PersonKey) -> bool {
    let choices = |x: &Option<String>, y: &Option<String>| [None, x.clone(), y.clone()];
    choices(&a.urn, &b.urn).into_iter().any(|urn| {
        choices(&a.vanity, &b.vanity).into_iter().any(|vanity| {
            choices(&a.name, &b.name).into_iter().any(|name| {
                let q = PersonKey {
                    urn: urn.clone(),
                    vanity: vanity.clone(),
                    name,
                };
                a.likely_same(&q) && b.likely_same(&q)
            })
        })
    })
}

/// With "Don't keep who I invited" on (`Settings::forget_invitees`): the events, in their order
/// (the ledger's: `Ledger::events`), with the person dropped from every invitation that is settled,
/// and from old refusals.
///
/// - An invitation is settled when it was accepted, or withdrawn and LinkedIn's re-invite cooldown
///   after the withdrawal is over ([`REINVITE_COOLDOWN_MS`]; until then the guard needs the person
///   to warn at Connect). Its `Sent` event and every `Accepted` or `Withdrawn` event pointing at it
///   lose the URN, vanity and name, keep a shared [`PAIR_PREFIX`] key in their place (so that
///   `health::outcomes` resolves the invitation as before), and personal ids become [`anon_id`]s.
///   It waits until the invitation is a day old ([`SETTLE_MS`]: every signal of one send has come),
///   and while a withdrawal from the last three weeks comes before it for someone who may be the
///   same person (that later invitation is what tells the guard the cooldown is over:
///   `policy::guard_state`, and `health::cooldown` for any Connect target).
/// - A `Refused` or `NoteRefused` event loses the person, and personal ids, once it is three weeks
///   old (a refused invitation is never pending; by then LinkedIn's answer is history).
/// - Pending invitations keep everything: the Sent page and the acceptance signals match them by
///   the person.
///
/// What the member sees counted is the same before and after: the caps and levels
/// (`policy::guard_state`, cooldown included), the outcomes, acceptance rates, pending health and
/// the learned ceiling (core/tests/privacy.rs proves it over generated histories). Forgetting twice
/// is forgetting once.
///
/// The background may pass a suffix of the history (the months up to today): an invitation and the
/// events pointing at it are then all in it, as they come after it. An acceptance or withdrawal
/// whose invitation lies before the months loaded is left as it is, to be forgotten with its
/// invitation when the whole history is loaded.
pub fn forget_settled(events: &[Event], now: Millis) -> Vec<Event> {
    let r = resolve(events);
    let mut out = events.to_vec();
    let mut ends_of: HashMap<usize, Vec<usize>> = HashMap::new();
    for &(end, target) in &r.ends {
        if let Some(s) = target {
            ends_of.entry(s).or_default().push(end);
        }
    }
    let since = now - REINVITE_COOLDOWN_MS;
    let in_cooldown: Vec<(usize, PersonKey)> = (0..events.len())
        .filter(|&i| events[i].kind == EventKind::Withdrawn && events[i].at > since)
        .map(|i| (i, PersonKey::of(&events[i].invitee)))
        .filter(|(_, k)| !k.is_empty())
        .collect();
    for &(s, outcome) in &r.sent {
        let Some(ends) = ends_of.get(&s).filter(|_| outcome != Outcome::Pending) else {
            continue;
        };
        let sent = &events[s];
        let settled = sent.at + SETTLE_MS <= now
            && ends
                .iter()
                .all(|&j| events[j].kind == EventKind::Accepted || events[j].at <= since);
        let key = PersonKey::of(&sent.invitee);
        let ends_a_cooldown = in_cooldown
            .iter()
            .any(|(w, k)| *w < s && may_share(&key, k));
        if !settled || ends_a_cooldown {
            continue;
        }
        let pair = match &sent.invitee {
            Invitee {
                urn: Some(u),
                vanity: None,
                name: None,
            } if u.starts_with(PAIR_PREFIX) => u.clone(),
            _ => format!("{PAIR_PREFIX}{:016x}", fnv1a64(&sent.id)),
        };
        for &i in std::iter::once(&s).chain(ends) {
            forget_event(&mut out[i], Some(&pair));
        }
    }
    for (e, o) in events.iter().zip(&mut out) {
        if matches!(e.kind, EventKind::Refused | EventKind::NoteRefused) && e.at <= since {
            forget_event(o, None);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_send_report_loses_the_name_when_names_are_off() {
        let sent = Observation::DomSent {
            tab: Some(3),
            invitee: Invitee {
                urn: Some("ACoA1".into()),
                vanity: Some("ada".into()),
                name: Some("Ada".into()),
            },
            at: 1.0,
            tz: -60,
        };
        let on = Settings::default();
        assert!(on.store_names);
        assert_eq!(strip_names(sent.clone(), &on), sent);
        let off = Settings {
            store_names: false,
            ..Settings::default()
        };
        let Observation::DomSent {
            tab,
            invitee,
            at,
            tz,
        } = strip_names(sent, &off)
        else {
            panic!("still a send report")
        };
        assert_eq!((tab, at, tz), (Some(3), 1.0, -60));
        assert_eq!(
            invitee,
            Invitee {
                urn: Some("ACoA1".into()),
                vanity: Some("ada".into()),
                name: None
            }
        );
    }
}
