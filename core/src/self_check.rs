//! The self-check (docs/architecture.md §11): whether one of the extension's two senses has gone
//! blind, judged from the recent sends the ledger holds, which senses saw each one, and the page's
//! own reports of the member's recognised clicks.
//!
//! - **Guard blind**: sends the invitation API observer saw in a tab, with no page signal before
//!   them (no recognised trusted Connect or Send click in that tab within the content script's
//!   wait, no Pending): the guard cannot stop what it does not see.
//! - **Counter blind**: sends the page saw (click and Pending, [`Source::Dom`]) with no API call
//!   within the correlation window ([`CORRELATION_MS`]): counting rests on the page alone.
//! - **Language not covered**: LinkedIn's page is in a language without a table
//!   (`locale::is_supported`), so only the locale-free signals work.
//!
//! The first two fire on [`K`] blind sends in a row, or on [`RATE_BLIND`] of the last
//! [`RATE_WINDOW`], always at a blind send, and clear on [`K`] sends in a row that the sense saw:
//! never on a single late or missing signal. Pure: every input, the clock included, is a parameter.

use crate::ledger::{Event, EventKind, Source, CORRELATION_MS};
use crate::locale;
use crate::stored::SETTLE_MS;
use crate::time::{Millis, MINUTE_MS};
use serde::{Deserialize, Serialize};

/// Blind sends in a row that make a state hold, and sends in a row seen by the sense that clear it.
/// One missing signal happens (a tab closed before Pending showed, a report lost with its worker);
/// three in a row does not, by chance, on a page the sensor knows.
pub const K: usize = 3;

/// The sends the rate looks at: the last 20 judged, about a day of a free account's use (LinkedIn's
/// daily figures, docs/linkedin.md §13.3).
pub const RATE_WINDOW: usize = 20;

/// Blind sends among the last [`RATE_WINDOW`] that make a state hold even when they are not in a
/// row: 6, 30 %. A sense that works misses a send only by accident, a few in a hundred at most (none
/// in the whole end-to-end suite); a member who sends from three surfaces (profile, search, My
/// Network) of which LinkedIn redesigned one loses about a third of them, which [`K`] in a row may
/// never catch while the other surfaces interleave. Six is also never "a single late signal".
pub const RATE_BLIND: usize = 6;

/// How long after a recognised Connect click the content script waits for its Pending
/// (`src/content/mod.rs`): the member may take minutes to write a note. A send the API saw in that
/// tab within this time after the click was seen by the page.
pub const CONNECT_WAIT_MS: Millis = 10.0 * MINUTE_MS;

/// How long after a recognised Send click (the dialog's Send) the content script waits for Pending.
pub const SEND_WAIT_MS: Millis = 20_000.0;

/// How far a click may be stamped after the API call it led to: the page's clock and `webRequest`'s
/// are the same machine's, read a moment apart.
pub const CLICK_SLACK_MS: Millis = 2_000.0;

/// Clicks kept in `page_signals` at most, newest kept. Two per send (Connect, then Send) for the
/// last [`RATE_WINDOW`] sends is 40; the rest is room for Connect clicks that sent nothing (the
/// member kept it for later). A click that has to go moves [`PageSignals::since`] past what it could
/// have covered, so no send is judged without the clicks before it.
pub const MAX_CLICKS: usize = 100;

/// The sends the self-check judges are at most this old: `tab`, which ties a send to the page it
/// came from, is dropped from stored events after a day (`stored::SETTLE_MS`).
pub const HORIZON_MS: Millis = SETTLE_MS;

/// A trusted click the content script recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// A Connect control: it opens the invite dialog, or sends at once on some search pages.
    Connect,
    /// The invite dialog's Send, Send without a note or Send invitation.
    Send,
}

impl Signal {
    /// How long after this click a send in its tab counts as seen by the page.
    pub fn wait(self) -> Millis {
        match self {
            Signal::Connect => CONNECT_WAIT_MS,
            Signal::Send => SEND_WAIT_MS,
        }
    }
}

/// One recognised click, as the `page_signal` message reports it, in the tab it came from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Click {
    pub signal: Signal,
    pub at: Millis,
    pub tab: i32,
}

/// LinkedIn's page in a language Invite Guard has no table for, since when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Language {
    /// The primary language subtag ("it").
    pub lang: String,
    pub since: Millis,
}

/// What the background keeps of the page's own reports (key `page_signals`, docs/protocol.md §1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageSignals {
    /// From when the clicks are complete: a send at or before it is not judged (it may have had a
    /// click this version never recorded: it was installed, the storage emptied or a history
    /// imported after it, or a click was dropped to keep the list short).
    pub since: Millis,
    /// Recognised clicks, oldest first, at most [`MAX_CLICKS`].
    #[serde(default)]
    pub clicks: Vec<Click>,
    /// The last top-frame page read in a language without a table, until a page in a language with
    /// one is read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
}

impl PageSignals {
    /// Nothing known yet: sends from `now` on are judged.
    pub fn new(now: Millis) -> PageSignals {
        PageSignals {
            since: now,
            clicks: Vec::new(),
            language: None,
        }
    }

    /// Whether a stored value reads as one: finite times, and no more clicks than are kept.
    pub fn is_sound(&self) -> bool {
        self.since.is_finite()
            && self.clicks.len() <= MAX_CLICKS
            && self.clicks.iter().all(|c| c.at.is_finite())
            && self.language.as_ref().is_none_or(|l| {
                l.since.is_finite() && locale::language_code(&l.lang).as_deref() == Some(&*l.lang)
            })
    }

    /// Records a click at `now`. A repeat (a report retried) is kept once; clicks too old to cover
    /// any send still judged go; past [`MAX_CLICKS`] the oldest go, and [`Self::since`] moves past
    /// what they could have covered. Returns whether anything changed.
    pub fn add_click(&mut self, click: Click, now: Millis) -> bool {
        if !click.at.is_finite() || self.clicks.contains(&click) {
            return false;
        }
        self.clicks
            .retain(|c| c.at > now - HORIZON_MS - CONNECT_WAIT_MS);
        let pos = self.clicks.partition_point(|c| c.at <= click.at);
        self.clicks.insert(pos, click);
        while self.clicks.len() > MAX_CLICKS {
            let gone = self.clicks.remove(0);
            self.since = self.since.max(gone.at + gone.signal.wait());
        }
        true
    }

    /// A top frame read in `lang` (`<html lang>`) at `now`: a language without a table starts the
    /// state (or keeps it, with its start time, when it is the same language), one with a table ends
    /// it. A value that names no language changes nothing. Returns whether anything changed.
    pub fn page_language(&mut self, lang: &str, now: Millis) -> bool {
        let Some(code) = locale::language_code(lang) else {
            return false;
        };
        if locale::is_supported(&code) {
            return self.language.take().is_some();
        }
        if self.language.as_ref().is_some_and(|l| l.lang == code) {
            return false;
        }
        self.language = Some(Language {
            lang: code,
            since: now,
        });
        true
    }

    /// Evidence that the page saw a send the API saw in `tab` at `at`: a recognised click in that
    /// tab before it, within the click's wait.
    fn clicked_before(&self, tab: i32, at: Millis) -> bool {
        self.clicks
            .iter()
            .any(|c| c.tab == tab && c.at <= at + CLICK_SLACK_MS && at - c.at <= c.signal.wait())
    }
}

/// A sense that has been blind: since when, and what the popup says of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Blind {
    /// When the send that made the state hold was sent.
    pub since: Millis,
    /// The blind sends in a row up to the last judged one (0 when the last was seen).
    pub last: u32,
    /// The blind sends among the last `of` judged ones.
    pub missed: u32,
    /// How many judged sends `missed` is out of: at most [`RATE_WINDOW`].
    pub of: u32,
}

/// The self-check's states; each one is absent while it does not hold. Written in `guard`
/// (`self_check`, docs/protocol.md §1.6) for the badge, the popup and the content script.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SelfCheck {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guard_blind: Option<Blind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counter_blind: Option<Blind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
}

impl SelfCheck {
    /// Whether no state holds.
    pub fn is_clear(&self) -> bool {
        self.guard_blind.is_none() && self.counter_blind.is_none() && self.language.is_none()
    }
}

/// One send as judged: whether each sense saw it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Seen {
    pub at: Millis,
    pub page: bool,
    pub api: bool,
}

impl crate::time::Timed for Seen {
    fn time(&self) -> Millis {
        self.at
    }
}

/// The sends the self-check judges, oldest first, and when the next undecided one will be decided.
///
/// A send is judged when it is a `sent` event tied to a tab (seen by the API observer or reported
/// by a content script; seeded, imported, Sent-page and settled events have no tab), within
/// [`HORIZON_MS`] of `now` and after `signals.since`. It is decided once both senses saw it, or
/// once [`CORRELATION_MS`] has passed, the longest the ledger waits to tie the two senses' signals
/// of one send together; until then it is left out.
pub fn judged(events: &[Event], signals: &PageSignals, now: Millis) -> (Vec<Seen>, Option<Millis>) {
    let mut out = Vec::new();
    let mut next: Option<Millis> = None;
    for e in events {
        let Some(tab) = e.tab else { continue };
        if e.kind != EventKind::Sent || e.at <= signals.since || e.at <= now - HORIZON_MS {
            continue;
        }
        let api = e.sources.contains(&Source::Api);
        let page = e.sources.contains(&Source::Dom) || signals.clicked_before(tab, e.at);
        if !(api && page) && now - e.at < CORRELATION_MS {
            let when = e.at + CORRELATION_MS;
            next = Some(next.map_or(when, |n: Millis| n.min(when)));
            continue;
        }
        out.push(Seen {
            at: e.at,
            page,
            api,
        });
    }
    crate::time::sort_by_time(&mut out);
    (out, next)
}

/// Runs one sense's state over the judged sends in order: it starts at a blind send that is the
/// [`K`]-th blind in a row, or the [`RATE_BLIND`]-th blind among the last [`RATE_WINDOW`]; it
/// clears after [`K`] seen in a row.
pub fn run(blind: &[bool], at: &[Millis]) -> Option<Blind> {
    let mut since: Option<Millis> = None;
    for i in 0..blind.len() {
        let in_row = |want: bool| i + 1 >= K && blind[i + 1 - K..=i].iter().all(|b| *b == want);
        match since {
            None => {
                let window = &blind[(i + 1).saturating_sub(RATE_WINDOW)..=i];
                let rate = window.iter().filter(|b| **b).count() >= RATE_BLIND;
                if blind[i] && (in_row(true) || rate) {
                    since = Some(at[i]);
                }
            }
            Some(_) if in_row(false) => since = None,
            Some(_) => {}
        }
    }
    let since = since?;
    let last = blind
        .iter()
        .rev()
        .take_while(|b| **b)
        .count()
        .min(RATE_WINDOW);
    let window = &blind[blind.len().saturating_sub(RATE_WINDOW)..];
    Some(Blind {
        since,
        last: last as u32,
        missed: window.iter().filter(|b| **b).count() as u32,
        of: window.len() as u32,
    })
}

/// The self-check at `now` (docs/architecture.md §11), and when it should be computed again: the
/// moment the next undecided send is decided (`None` when none waits).
pub fn self_check(
    events: &[Event],
    signals: &PageSignals,
    now: Millis,
) -> (SelfCheck, Option<Millis>) {
    let (seen, next) = judged(events, signals, now);
    let at: Vec<Millis> = seen.iter().map(|s| s.at).collect();
    let guard: Vec<bool> = seen.iter().map(|s| !s.page).collect();
    let counter: Vec<bool> = seen.iter().map(|s| !s.api).collect();
    (
        SelfCheck {
            guard_blind: run(&guard, &at),
            counter_blind: run(&counter, &at),
            language: signals.language.clone(),
        },
        next,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::Invitee;

    const NOW: Millis = 1_800_000_000_000.0;

    fn send(at: Millis, sources: &[Source], tab: Option<i32>) -> Event {
        Event {
            sources: sources.to_vec(),
            tab,
            ..Event::new(
                format!("x@{at}"),
                EventKind::Sent,
                at,
                0,
                Invitee::default(),
                sources[0],
            )
        }
    }

    /// `n` sends a minute apart, ending two minutes before NOW (all decided), in tab 1.
    fn sends(sources: &[&[Source]]) -> Vec<Event> {
        let n = sources.len();
        sources
            .iter()
            .enumerate()
            .map(|(i, s)| send(NOW - (n - i + 1) as f64 * MINUTE_MS, s, Some(1)))
            .collect()
    }

    fn old_signals() -> PageSignals {
        PageSignals::new(NOW - HORIZON_MS)
    }

    const API: &[Source] = &[Source::Api];
    const DOM: &[Source] = &[Source::Dom];
    const BOTH: &[Source] = &[Source::Api, Source::Dom];

    #[test]
    fn three_api_only_sends_are_guard_blind() {
        let evs = sends(&[BOTH, API, API, API]);
        let (sc, next) = self_check(&evs, &old_signals(), NOW);
        let g = sc.guard_blind.expect("guard blind");
        assert_eq!((g.last, g.missed, g.of), (3, 3, 4));
        assert_eq!(g.since, evs[3].at, "since the send that made it hold");
        assert_eq!(sc.counter_blind, None);
        assert_eq!(next, None);
    }

    #[test]
    fn two_are_not_enough() {
        let (sc, _) = self_check(&sends(&[API, API, BOTH, API, API]), &old_signals(), NOW);
        assert!(sc.is_clear(), "{sc:?}");
    }

    #[test]
    fn three_page_only_sends_are_counter_blind() {
        let (sc, _) = self_check(&sends(&[DOM, DOM, DOM]), &old_signals(), NOW);
        assert_eq!(sc.counter_blind.map(|b| b.last), Some(3));
        assert_eq!(sc.guard_blind, None);
    }

    #[test]
    fn a_click_before_an_api_send_is_the_page_seeing_it() {
        let evs = sends(&[API, API, API]);
        let mut s = old_signals();
        // A Connect click in the same tab nine minutes before the first: it covers the sends within
        // its wait, two of the three.
        s.add_click(
            Click {
                signal: Signal::Connect,
                at: evs[0].at - 9.0 * MINUTE_MS,
                tab: 1,
            },
            NOW,
        );
        assert!(self_check(&evs, &s, NOW).0.is_clear());
        // In another tab, it says nothing of these.
        let mut other = old_signals();
        other.add_click(
            Click {
                signal: Signal::Connect,
                at: evs[0].at - MINUTE_MS,
                tab: 2,
            },
            NOW,
        );
        assert!(self_check(&evs, &other, NOW).0.guard_blind.is_some());
        // A Send click covers 20 s, not minutes.
        let mut send_click = old_signals();
        for e in &evs[..2] {
            send_click.add_click(
                Click {
                    signal: Signal::Send,
                    at: e.at - 30_000.0,
                    tab: 1,
                },
                NOW,
            );
        }
        assert!(self_check(&evs, &send_click, NOW).0.guard_blind.is_some());
        // A click after the send is no evidence for it (beyond the clocks' slack).
        let mut after = old_signals();
        after.add_click(
            Click {
                signal: Signal::Connect,
                at: evs[2].at + 5_000.0,
                tab: 1,
            },
            NOW,
        );
        let g = self_check(&evs, &after, NOW).0.guard_blind;
        assert!(g.is_some());
    }

    #[test]
    fn undecided_sends_wait_for_the_correlation_window() {
        // Three API-only sends, the last 30 s ago: it may still get its page signal.
        let mut evs = sends(&[API, API]);
        evs.push(send(NOW - 30_000.0, API, Some(1)));
        let (sc, next) = self_check(&evs, &old_signals(), NOW);
        assert!(sc.is_clear());
        assert_eq!(next, Some(NOW - 30_000.0 + CORRELATION_MS));
        // A minute later it is decided.
        let (sc, next) = self_check(&evs, &old_signals(), NOW + 31_000.0);
        assert!(sc.guard_blind.is_some());
        assert_eq!(next, None);
        // One both senses saw is decided at once.
        let fresh = vec![send(NOW - 1_000.0, BOTH, Some(1))];
        assert_eq!(judged(&fresh, &old_signals(), NOW).0.len(), 1);
    }

    #[test]
    fn only_recent_sends_tied_to_a_tab_after_since_are_judged() {
        let mut evs = sends(&[API, API, API]);
        for e in &mut evs {
            e.tab = None;
        }
        assert!(self_check(&evs, &old_signals(), NOW).0.is_clear(), "no tab");
        let evs = sends(&[API, API, API]);
        let later = PageSignals::new(evs[0].at);
        assert!(self_check(&evs, &later, NOW).0.is_clear(), "before since");
        assert!(
            self_check(&evs, &old_signals(), NOW + HORIZON_MS)
                .0
                .is_clear(),
            "a day old"
        );
        let mut refused = sends(&[API, API, API]);
        for e in &mut refused {
            e.kind = EventKind::Refused;
        }
        assert!(self_check(&refused, &old_signals(), NOW).0.is_clear());
    }

    #[test]
    fn it_clears_after_three_seen_in_a_row() {
        let holds = |s: &[&[Source]]| self_check(&sends(s), &old_signals(), NOW).0.guard_blind;
        assert!(holds(&[API, API, API, BOTH]).is_some());
        assert!(holds(&[API, API, API, BOTH, DOM]).is_some());
        assert!(holds(&[API, API, API, BOTH, DOM, BOTH]).is_none());
        let g = holds(&[API, API, API, BOTH, API]).unwrap();
        assert_eq!((g.last, g.missed, g.of), (1, 4, 5));
    }

    #[test]
    fn a_rate_catches_blindness_that_is_not_in_a_row() {
        // One surface of three blind: every third send, never three in a row.
        let mut s: Vec<&[Source]> = Vec::new();
        for _ in 0..6 {
            s.extend([BOTH, BOTH, API]);
        }
        let g = self_check(&sends(&s), &old_signals(), NOW).0.guard_blind;
        let g = g.expect("six of the last eighteen");
        assert_eq!((g.last, g.missed, g.of), (1, 6, 18));
        // Five are not enough.
        let few = &s[..15];
        assert!(self_check(&sends(few), &old_signals(), NOW).0.is_clear());
    }

    #[test]
    fn clicks_are_kept_bounded_and_since_follows() {
        let mut s = PageSignals::new(NOW - HORIZON_MS);
        for i in 0..(MAX_CLICKS + 5) {
            let at = NOW - HORIZON_MS / 2.0 + i as f64 * 1_000.0;
            assert!(s.add_click(
                Click {
                    signal: Signal::Connect,
                    at,
                    tab: 1
                },
                NOW
            ));
        }
        assert_eq!(s.clicks.len(), MAX_CLICKS);
        assert_eq!(s.since, NOW - HORIZON_MS / 2.0 + 4_000.0 + CONNECT_WAIT_MS);
        // A repeat is kept once.
        let c = s.clicks[3];
        assert!(!s.add_click(c, NOW));
        // Too old to cover anything: dropped, since unchanged.
        let mut t = PageSignals::new(NOW - 2.0 * HORIZON_MS);
        t.add_click(
            Click {
                signal: Signal::Send,
                at: NOW - 2.0 * HORIZON_MS,
                tab: 1,
            },
            NOW - 2.0 * HORIZON_MS,
        );
        t.add_click(
            Click {
                signal: Signal::Send,
                at: NOW,
                tab: 1,
            },
            NOW,
        );
        assert_eq!(t.clicks.len(), 1);
        assert_eq!(t.since, NOW - 2.0 * HORIZON_MS);
    }

    #[test]
    fn the_language_state() {
        let mut s = PageSignals::new(NOW);
        assert!(
            !s.page_language("en-US", NOW),
            "a covered page, nothing held"
        );
        assert!(s.page_language("it-IT", NOW));
        assert_eq!(
            s.language,
            Some(Language {
                lang: "it".into(),
                since: NOW
            })
        );
        assert!(
            !s.page_language("it", NOW + 1.0),
            "the same: its start kept"
        );
        assert!(s.page_language("nl", NOW + 2.0), "another");
        assert_eq!(s.language.as_ref().map(|l| l.since), Some(NOW + 2.0));
        for garbled in ["", "  ", "x", "engl", "123", "<b>", "abcdefghi"] {
            assert!(!s.page_language(garbled, NOW + 3.0), "{garbled:?}");
        }
        assert!(s.page_language("de", NOW + 4.0), "a covered page ends it");
        assert_eq!(s.language, None);
        assert_eq!(self_check(&[], &s, NOW).0, SelfCheck::default());
    }

    #[test]
    fn stored_form() {
        let mut s = PageSignals::new(NOW);
        s.add_click(
            Click {
                signal: Signal::Send,
                at: NOW,
                tab: 7,
            },
            NOW,
        );
        s.page_language("it", NOW);
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"since": NOW, "clicks": [{"signal": "send", "at": NOW, "tab": 7}],
                "language": {"lang": "it", "since": NOW}})
        );
        assert!(s.is_sound());
        let sc = SelfCheck {
            guard_blind: Some(Blind {
                since: NOW,
                last: 3,
                missed: 3,
                of: 3,
            }),
            ..SelfCheck::default()
        };
        assert_eq!(
            serde_json::to_value(&sc).unwrap(),
            serde_json::json!({"guard_blind": {"since": NOW, "last": 3, "missed": 3, "of": 3}})
        );
        assert_eq!(
            serde_json::to_value(SelfCheck::default()).unwrap(),
            serde_json::json!({})
        );
    }
}
