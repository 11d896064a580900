//! What the popup shows first and would otherwise read the months for (issue 13 item 4: "it should
//! need only what the background has already derived"): the 14 days of the chart and LinkedIn's
//! latest refusal of the last 7 days. The background writes it under `glance` beside `guard` and
//! `notes` (docs/protocol.md §1); the popup's first render then reads no month, and reads them in
//! the next task for the pending alert only. A separate key, not a field of `guard`: every LinkedIn
//! tab's content script reads `guard`, and its size is paid on every page load.

use crate::chart::{days, DayBar};
use crate::ledger::{Event, EventKind};
use crate::time::{LocalDay, Millis, WEEK_MS};
use serde::Serialize;

/// The popup chart's days.
pub const GLANCE_DAYS: usize = 14;

/// The stored form: `{"day": "2026-12-07", "days": [[sent, refused], …14, oldest first],
/// "refused_at": ms?}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Glance {
    /// The chart's last day: the background's local day when it wrote this.
    pub day: LocalDay,
    /// Sends and refusals per local day, oldest first, [`GLANCE_DAYS`] of them.
    pub days: Vec<[u32; 2]>,
    /// LinkedIn's latest refusal (a refused invitation or a limit alert) of the 7 days before the
    /// write.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused_at: Option<Millis>,
}

/// The latest refusal of the last 7 days before `now` (a refused note is the notes' business).
pub fn latest_refusal(events: &[Event], now: Millis) -> Option<Millis> {
    events
        .iter()
        .filter(|e| e.kind == EventKind::Refused && e.at > now - WEEK_MS && e.at <= now)
        .map(|e| e.at)
        .fold(None, |m: Option<Millis>, t| Some(m.map_or(t, |m| m.max(t))))
}

impl Glance {
    pub fn of(events: &[Event], today: LocalDay, now: Millis) -> Glance {
        Glance {
            day: today,
            days: days(events, today, GLANCE_DAYS)
                .iter()
                .map(|b| [b.sent, b.refused])
                .collect(),
            refused_at: latest_refusal(events, now),
        }
    }

    /// The stored value, read as untrusted input (the background, to tell a damaged one; the
    /// popup): `None` unless it has its 14 days of whole counts and, when it names a refusal, a
    /// finite time. Read field by field, not through a derived reader: the popup's module stays
    /// under its size budget (a derived one cost it 1.3 KB).
    pub fn read(v: Option<&serde_json::Value>) -> Option<Glance> {
        let v = v?;
        let mut counts = Vec::new();
        for pair in v.get("days")?.as_array()? {
            for c in pair.as_array()? {
                counts.push(c.as_f64().unwrap_or(f64::NAN));
            }
        }
        let refused_at = v
            .get("refused_at")
            .filter(|t| !t.is_null())
            .map(|t| t.as_f64().unwrap_or(f64::NAN));
        Glance::from_parts(v.get("day")?.as_str()?, &counts, refused_at)
    }

    /// The same from its parts: `day` as stored, `counts` the pairs flattened, `refused_at` the
    /// field when present. Each count must be a whole number from 0 to 10,000.
    fn from_parts(day: &str, counts: &[f64], refused_at: Option<f64>) -> Option<Glance> {
        let day = LocalDay::parse(day)?;
        if counts.len() != 2 * GLANCE_DAYS || !refused_at.is_none_or(f64::is_finite) {
            return None;
        }
        let count =
            |x: f64| (x.fract() == 0.0 && (0.0..=10_000.0).contains(&x)).then_some(x as u32);
        let mut days = Vec::with_capacity(GLANCE_DAYS);
        for p in counts.chunks_exact(2) {
            days.push([count(p[0])?, count(p[1])?]);
        }
        Some(Glance {
            day,
            days,
            refused_at,
        })
    }

    /// The chart's bars, as `chart::days` makes them from the events (withdrawals are not drawn).
    pub fn bars(&self) -> Vec<DayBar> {
        let first = self.day.days() - GLANCE_DAYS as i64 + 1;
        self.days
            .iter()
            .enumerate()
            .map(|(i, [sent, refused])| DayBar {
                day: LocalDay::from_days(first + i as i64),
                sent: *sent,
                refused: *refused,
                withdrawn: 0,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::Source;
    use crate::person::Invitee;
    use crate::time::DAY_MS;

    const NOW: Millis = 1_796_644_800_000.0;

    fn ev(kind: EventKind, at: Millis) -> Event {
        Event::new(
            format!("api:{at}"),
            kind,
            at,
            0,
            Invitee::default(),
            Source::Api,
        )
    }

    #[test]
    fn the_glance_draws_what_the_events_draw() {
        let today = LocalDay::at(NOW, 0);
        let mut events: Vec<Event> = (0..40)
            .map(|i| ev(EventKind::Sent, NOW - i as f64 * 0.4 * DAY_MS))
            .collect();
        events.push(ev(EventKind::Refused, NOW - 3.0 * DAY_MS));
        events.push(ev(EventKind::Refused, NOW - 9.0 * DAY_MS));
        events.push(ev(EventKind::Withdrawn, NOW - DAY_MS));
        crate::time::sort_by_time(&mut events);
        let g = Glance::of(&events, today, NOW);
        let from_events: Vec<(LocalDay, u32, u32)> = days(&events, today, GLANCE_DAYS)
            .iter()
            .map(|b| (b.day, b.sent, b.refused))
            .collect();
        let from_glance: Vec<(LocalDay, u32, u32)> = g
            .bars()
            .iter()
            .map(|b| (b.day, b.sent, b.refused))
            .collect();
        assert_eq!(from_glance, from_events);
        assert_eq!(
            g.refused_at,
            Some(NOW - 3.0 * DAY_MS),
            "the 9-day-old one is not this week's"
        );
        let v = serde_json::to_value(&g).unwrap();
        assert_eq!(Glance::read(Some(&v)), Some(g));
    }

    #[test]
    fn a_stored_glance_is_untrusted() {
        let read = |j: serde_json::Value| Glance::read(Some(&j));
        let days: Vec<[u32; 2]> = vec![[1, 0]; GLANCE_DAYS];
        assert!(read(serde_json::json!({"day": "2026-12-07", "days": days})).is_some());
        assert!(read(serde_json::json!({"day": "2026-12-07", "days": [[1, 0]]})).is_none());
        assert!(read(serde_json::json!({"day": "yesterday", "days": days})).is_none());
        assert!(
            read(serde_json::json!({"day": "2026-12-07", "days": days, "refused_at": "x"}))
                .is_none()
        );
        let negative: Vec<[i32; 2]> = vec![[-1, 0]; GLANCE_DAYS];
        assert!(read(serde_json::json!({"day": "2026-12-07", "days": negative})).is_none());
        assert!(read(serde_json::json!("glance")).is_none());
        assert!(Glance::read(None).is_none());
        assert_eq!(latest_refusal(&[], NOW), None);
        let counts = [1.0; 2 * GLANCE_DAYS];
        assert!(Glance::from_parts("2026-12-07", &counts, Some(NOW)).is_some());
        assert!(Glance::from_parts("2026-12-07", &counts[1..], None).is_none());
        assert!(Glance::from_parts("2026-13-07", &counts, None).is_none());
        assert!(Glance::from_parts("2026-12-07", &counts, Some(f64::NAN)).is_none());
        let mut odd = counts;
        odd[3] = 1.5;
        assert!(Glance::from_parts("2026-12-07", &odd, None).is_none());
        odd[3] = 1e9;
        assert!(Glance::from_parts("2026-12-07", &odd, None).is_none());
    }
}
