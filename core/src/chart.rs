//! The popup's history chart: invitations sent per local day over the last weeks, days with a
//! refusal by LinkedIn marked, and the daily cap as a guide line. This module only computes
//! numbers; the popup creates the SVG elements from them.

use crate::ledger::{Event, EventKind};
use crate::time::LocalDay;
use serde::Serialize;

/// The chart's default span: a month shows several rolling weeks and how the member paced them.
pub const CHART_DAYS: usize = 30;

/// What LinkedIn says about how long a restriction lasts, shown beside the refusal markers so a
/// member who hit the wall knows what to expect (docs/linkedin.md §13.6). English; quoted from
/// LinkedIn's help as docs/linkedin.md §13 records it.
pub fn restriction_note() -> &'static str {
    "LinkedIn says a restriction after reaching the invitation limit \"typically lasts one week\" \
     (help a550555). A first restriction usually means waiting a few hours, several in a day a few \
     days; most are lifted within a week (help a551012)."
}

/// One day of the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DayBar {
    pub day: LocalDay,
    /// Invitations LinkedIn accepted (the counted ones).
    pub sent: u32,
    /// Refusals: a 429 or limit alert, and refused personal notes.
    pub refused: u32,
    pub withdrawn: u32,
}

/// The `n` days ending with `today`, oldest first, with each event counted on its stored `day`.
///
/// The stored day is the member's calendar day when the event happened (time.rs), so a DST change
/// or a trip never moves a past send to another bar, and the chart agrees with the daily count the
/// guard used at the time. Events outside the window (older, or on a later day after the clock went
/// back) are left out.
pub fn days(events: &[Event], today: LocalDay, n: usize) -> Vec<DayBar> {
    let first = today.days() - n as i64 + 1;
    let mut bars: Vec<DayBar> = (0..n as i64)
        .map(|i| DayBar {
            day: LocalDay::from_days(first + i),
            sent: 0,
            refused: 0,
            withdrawn: 0,
        })
        .collect();
    for e in events {
        let Some(bar) = usize::try_from(e.day.days() - first)
            .ok()
            .and_then(|i| bars.get_mut(i))
        else {
            continue;
        };
        match e.kind {
            EventKind::Sent => bar.sent += 1,
            EventKind::Refused | EventKind::NoteRefused => bar.refused += 1,
            EventKind::Withdrawn => bar.withdrawn += 1,
            EventKind::Accepted => {}
        }
    }
    bars
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// One day's shapes.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BarShape {
    pub day: LocalDay,
    /// The sent bar; height 0 on a day with none.
    pub rect: Rect,
    /// The centre of a refusal marker (a dot of radius `ChartLayout::marker_r`), on days with one.
    pub marker: Option<Point>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChartLayout {
    pub bars: Vec<BarShape>,
    pub marker_r: f64,
    /// The y of the daily-cap guide line.
    pub cap_y: f64,
    /// The value at the top of the chart: the larger of the busiest day and the cap, at least 1.
    pub y_max: u32,
}

/// Share of a day's slot the bar fills; the rest is the gap between bars.
const BAR_FILL: f64 = 0.8;

/// Geometry for `bars` in a `width` × `height` box with the origin at the top left (SVG's). Bars
/// are evenly spaced, heights proportional to `sent` on a scale from 0 to `y_max`, so the cap line
/// always fits and a day over the cap visibly pokes above it.
pub fn layout(bars: &[DayBar], width: f64, height: f64, cap: u32) -> ChartLayout {
    // Bad sizes (negative, NaN, infinite) give an empty drawing, not NaN attributes.
    let size = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
    let (width, height) = (size(width), size(height));
    let y_max = bars.iter().map(|b| b.sent).fold(cap, u32::max).max(1);
    let y = |v: u32| height - v as f64 / y_max as f64 * height;
    let slot = width / bars.len().max(1) as f64;
    let w = slot * BAR_FILL;
    // As wide as the bar, but a dot, not a balloon, when bars are few and wide.
    let marker_r = (w / 2.0).min(height / 10.0);
    let shapes = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let top = y(b.sent);
            let x = i as f64 * slot + (slot - w) / 2.0;
            BarShape {
                day: b.day,
                rect: Rect {
                    x,
                    y: top,
                    w,
                    h: height - top,
                },
                // Just above the bar, but never out of the box.
                marker: (b.refused > 0).then(|| Point {
                    x: x + w / 2.0,
                    y: (top - marker_r).max(marker_r),
                }),
            }
        })
        .collect();
    ChartLayout {
        bars: shapes,
        marker_r,
        cap_y: y(cap),
        y_max,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{Invitee, Source};
    use crate::time::{Millis, HOUR_MS};

    fn day(s: &str) -> LocalDay {
        LocalDay::parse(s).unwrap()
    }

    fn event(kind: EventKind, at: Millis, tz: i32) -> Event {
        Event {
            id: format!("e@{at}"),
            kind,
            at,
            day: LocalDay::at(at, tz),
            tz,
            invitee: Invitee::default(),
            note: None,
            note_len: None,
            sources: vec![Source::Api],
            tab: None,
            also: vec![],
        }
    }

    /// Noon UTC on `d`.
    fn noon(d: &str) -> Millis {
        day(d).start_ms(0) + 12.0 * HOUR_MS
    }

    #[test]
    fn empty_history_gives_n_zero_days_ending_today() {
        let bars = days(&[], day("2026-03-02"), CHART_DAYS);
        assert_eq!(bars.len(), 30);
        assert_eq!(bars[0].day, day("2026-02-01"));
        assert_eq!(bars[29].day, day("2026-03-02"));
        assert!(bars.windows(2).all(|p| p[0].day.next() == p[1].day));
        assert!(bars
            .iter()
            .all(|b| (b.sent, b.refused, b.withdrawn) == (0, 0, 0)));
        assert!(days(&[], day("2026-03-02"), 0).is_empty());
    }

    #[test]
    fn counts_each_kind_on_its_day() {
        let evs = [
            event(EventKind::Sent, noon("2026-11-27"), 0),
            event(EventKind::Sent, noon("2026-11-27") + 1.0, 0),
            event(EventKind::Refused, noon("2026-11-27") + 2.0, 0),
            event(EventKind::NoteRefused, noon("2026-11-27") + 3.0, 0),
            event(EventKind::Withdrawn, noon("2026-11-26"), 0),
        ];
        let bars = days(&evs, day("2026-11-27"), 2);
        assert_eq!(
            bars,
            vec![
                DayBar {
                    day: day("2026-11-26"),
                    sent: 0,
                    refused: 0,
                    withdrawn: 1
                },
                DayBar {
                    day: day("2026-11-27"),
                    sent: 2,
                    refused: 2,
                    withdrawn: 0
                },
            ]
        );
    }

    #[test]
    fn one_day_window() {
        let evs = [
            event(EventKind::Sent, noon("2026-11-27"), 0),
            event(EventKind::Sent, noon("2026-11-26"), 0),
        ];
        let bars = days(&evs, day("2026-11-27"), 1);
        assert_eq!(bars.len(), 1);
        assert_eq!((bars[0].day, bars[0].sent), (day("2026-11-27"), 1));
    }

    #[test]
    fn events_outside_the_window_are_ignored() {
        let evs = [
            event(EventKind::Sent, noon("2026-10-28"), 0), // the day before the first
            event(EventKind::Sent, noon("2026-10-29"), 0), // the first day
            event(EventKind::Sent, noon("2026-11-28"), 0), // after today (clock went back)
            event(EventKind::Sent, noon("1999-01-01"), 0),
        ];
        let bars = days(&evs, day("2026-11-27"), 30);
        assert_eq!(bars[0].day, day("2026-10-29"));
        assert_eq!(bars.iter().map(|b| b.sent).sum::<u32>(), 1);
        assert_eq!(bars[0].sent, 1);
    }

    #[test]
    fn stored_days_are_used_not_recomputed() {
        // 22:30 UTC on 29 March 2026, just after Europe's DST change: 00:30 on the 30th in CEST
        // (offset -120). Today's offset is CET (-60) again, say after a trip; recomputing would put
        // it on the 29th. The bar follows the stored day.
        let at = day("2026-03-29").start_ms(0) + 22.5 * HOUR_MS;
        let e = event(EventKind::Sent, at, -120);
        assert_eq!(e.day, day("2026-03-30"));
        assert_eq!(LocalDay::at(at, -60), day("2026-03-29"));
        let bars = days(&[e], day("2026-03-31"), 3);
        assert_eq!(
            bars.iter().map(|b| b.sent).collect::<Vec<_>>(),
            vec![0, 1, 0]
        );
        // A stored day that disagrees with `at` entirely is still what counts.
        let mut odd = event(EventKind::Sent, noon("2026-03-01"), 0);
        odd.day = day("2026-03-31");
        assert_eq!(days(&[odd], day("2026-03-31"), 3)[2].sent, 1);
    }

    fn bar(d: &str, sent: u32, refused: u32) -> DayBar {
        DayBar {
            day: day(d),
            sent,
            refused,
            withdrawn: 0,
        }
    }

    #[test]
    fn heights_are_proportional() {
        let bars = [
            bar("2026-11-25", 10, 0),
            bar("2026-11-26", 5, 0),
            bar("2026-11-27", 0, 0),
            bar("2026-11-28", 20, 0),
        ];
        let l = layout(&bars, 400.0, 100.0, 20);
        assert_eq!(l.y_max, 20);
        let h: Vec<f64> = l.bars.iter().map(|b| b.rect.h).collect();
        assert_eq!(h, vec![50.0, 25.0, 0.0, 100.0]);
        for b in &l.bars {
            assert_eq!(b.rect.y + b.rect.h, 100.0, "bars stand on the bottom");
            assert_eq!(b.rect.w, 80.0);
            assert!(b.rect.x >= 0.0 && b.rect.x + b.rect.w <= 400.0);
        }
        assert_eq!(l.bars[0].rect.x, 10.0);
        assert_eq!(l.bars[3].rect.x, 310.0);
        assert_eq!(l.cap_y, 0.0);
    }

    #[test]
    fn y_axis_fits_the_busiest_day_and_the_cap() {
        // Below the cap: the cap sets the scale.
        let l = layout(&[bar("2026-11-27", 5, 0)], 10.0, 100.0, 20);
        assert_eq!((l.y_max, l.cap_y, l.bars[0].rect.h), (20, 0.0, 25.0));
        // Above the cap: the day sets it and the cap line sits lower.
        let l = layout(&[bar("2026-11-27", 40, 0)], 10.0, 100.0, 20);
        assert_eq!((l.y_max, l.cap_y, l.bars[0].rect.h), (40, 50.0, 100.0));
        // Nothing and no cap: never a division by zero.
        let l = layout(&[bar("2026-11-27", 0, 0)], 10.0, 100.0, 0);
        assert_eq!((l.y_max, l.cap_y, l.bars[0].rect.h), (1, 100.0, 0.0));
    }

    #[test]
    fn markers_only_on_refusal_days_and_inside_the_box() {
        let bars = [
            bar("2026-11-25", 10, 1),
            bar("2026-11-26", 5, 0),
            bar("2026-11-27", 20, 2),
        ];
        let l = layout(&bars, 300.0, 100.0, 20);
        assert_eq!(l.marker_r, 10.0);
        let m0 = l.bars[0].marker.unwrap();
        assert_eq!((m0.x, m0.y), (50.0, 40.0)); // sits on a half-height bar
        assert!(l.bars[1].marker.is_none());
        let m2 = l.bars[2].marker.unwrap();
        assert_eq!(
            (m2.x, m2.y),
            (250.0, 10.0),
            "a full bar's marker stays in the box"
        );
        // Thirty narrow bars: the marker is as wide as its bar.
        let l = layout(&[bar("2026-11-27", 1, 1); 30], 300.0, 100.0, 20);
        assert_eq!(l.marker_r, 4.0);
    }

    #[test]
    fn empty_and_degenerate_sizes() {
        let l = layout(&[], 300.0, 100.0, 20);
        assert!(l.bars.is_empty());
        assert_eq!((l.y_max, l.cap_y), (20, 0.0));
        for (w, h) in [
            (f64::NAN, -5.0),
            (f64::INFINITY, f64::NEG_INFINITY),
            (-1.0, f64::NAN),
        ] {
            let l = layout(&[bar("2026-11-27", 3, 1)], w, h, 20);
            let b = l.bars[0];
            for v in [b.rect.x, b.rect.y, b.rect.w, b.rect.h, l.cap_y, l.marker_r] {
                assert!(v.is_finite() && v >= 0.0, "{l:?}");
            }
            let m = b.marker.unwrap();
            assert!(m.x.is_finite() && m.y.is_finite());
        }
    }

    #[test]
    fn thirty_days_fill_the_width() {
        let bars = days(&[], day("2026-11-27"), CHART_DAYS);
        let l = layout(&bars, 300.0, 80.0, 20);
        let last = l.bars.last().unwrap().rect;
        assert!((last.x + last.w + 1.0 - 300.0).abs() < 1e-9);
        assert!((l.bars[0].rect.x - 1.0).abs() < 1e-9);
    }

    #[test]
    fn restriction_note_cites_linkedin() {
        let n = restriction_note();
        assert!(n.contains("\"typically lasts one week\""));
        assert!(n.contains("a550555") && n.contains("a551012"));
        assert!(n.contains("a few hours") && n.contains("a few days"));
    }
}
