//! What the content script reads on LinkedIn's invitation pages, applied to the ledger (issue 4):
//! the Sent page (invitations sent from other devices, and those that left the list), the member's
//! Withdraw, and people shown as connections. docs/protocol.md §2 holds the message shapes.
//!
//! The content script parses nothing: it sends the texts as LinkedIn shows them, with `<html lang>`,
//! and the background reads them with `core::sent_page` and the locale table for that language
//! (docs/linkedin.md §10). Unreadable texts are left out and unknown languages fall back to English
//! (`locale::page_texts_for`), so a redesigned page or a new language counts less, never wrongly, and
//! nothing here panics or drops stored data. Every message is idempotent: the events it adds carry
//! ids that a repeat finds (`reconcile`), or derived from the person and the minute (`withdrawn`).

use super::{get, held::Held, publish, reply, save, store, tz_at};
use crate::platform;
use invite_guard_core::event_id::withdrawal_id;
use invite_guard_core::ledger::{Applied, Event, EventKind, Source};
use invite_guard_core::locale::page_texts_for;
use invite_guard_core::message::{
    self, answer, page_time, Connected, PersonSeen, SentList, SentPage, MAX_TOTAL_TEXTS,
};
use invite_guard_core::person::{likely_same_person, PersonKey};
use invite_guard_core::privacy;
use invite_guard_core::reconcile::{
    accepted, cap_sent_page, connected_many, match_window, reconcile,
};
use invite_guard_core::schema::{
    SentPageRead, SentTotalMissed, QUARANTINE_KEY, SENT_PAGE_KEY, SENT_TOTAL_MISSED_KEY,
};
use invite_guard_core::sent_page::parse_connected;
use invite_guard_core::stored_values;
use invite_guard_core::time::{LocalDay, MINUTE_MS};
use std::collections::HashSet;
use wasm_bindgen::prelude::*;

/// Months of history a `connected` message looks back over: this one and the two before, at least
/// 59 days. 99% of accepts come within 30 days (Botdog, docs/linkedin.md §13.9); an older
/// acceptance is still caught by a complete Sent-page read.
const CONNECTED_MONTHS: usize = 3;
/// Two withdrawals of the same person this close are one: the background accepts a page's time up
/// to five minutes off (`page_time`), so a replayed message lands within this of the first.
const REPEAT_MS: f64 = 10.0 * MINUTE_MS;
/// How old the stored Sent-page read may grow before an unchanged read rewrites it.
const REWRITE_MS: f64 = 10.0 * MINUTE_MS;

fn fail(code: &str) -> Result<JsValue, JsValue> {
    reply(&answer::Failed::new(code))
}

fn read_only() -> bool {
    !store::writable()
}

/// `sent_page`: reconciles the ledger with the cards read on LinkedIn's Sent page.
///
/// - Cards missing from the ledger become `sent` events with source `sent_page`, timed by their age
///   text (`reconcile::reconcile`); those in today or the rolling week count toward the caps.
/// - When the whole list was read (`complete`, and the tab's total reads and is not above the cards
///   read: `message::read_to_the_end`), pending invitations no longer on it become `accepted`
///   (`reconcile::accepted`).
/// - A readable total is kept under `sent_page` for the popup's pending count. A read without one
///   is kept under `sent_total_missed` (the popup then labels its count as the extension's own, and
///   the diagnostic can say so), which the next read with a total removes (docs/protocol.md §1).
///
/// The content script sends the cards read so far each time more load, so most messages add
/// nothing; they load only the months the cards' ages reach (`reconcile::match_window`: every event a
/// card can match lies there). Every month is loaded when the list was read to the end (an invitation
/// of any age may have left it) and before new invitations are added (the ids reconcile gives must be
/// unique over the whole history). Answers `{ok, added, accepted, unconfirmed, total}`.
pub async fn sent_page(m: SentPage, now: f64) -> Result<JsValue, JsValue> {
    if read_only() {
        return fail("read_only");
    }
    let at = page_time(m.at, now);
    let tz = tz_at(at);
    let mut list = m.read();
    let total_texts =
        m.total_texts.len().min(MAX_TOTAL_TEXTS) + usize::from(m.total_text.is_some());
    let today = LocalDay::at(now, tz_at(now));
    let mut loaded = if list.complete {
        store::load_all().await?
    } else {
        let first = list
            .entries
            .iter()
            .filter_map(|e| e.age.as_ref())
            .map(|a| match_window(a, at, tz).0)
            .fold(at, f64::min);
        store::load_since(LocalDay::at(first, tz), today).await?
    };
    if !loaded.settings.store_names {
        list.without_names();
    }
    let SentList {
        entries,
        total,
        complete,
    } = list;
    let mut new = reconcile(loaded.ledger.events(), &entries, at, tz);
    if !new.is_empty() && !complete {
        loaded = store::load_all().await?;
        new = reconcile(loaded.ledger.events(), &entries, at, tz);
    }
    // A page report is a claim: it cannot add more recent sends than anyone makes by hand (issue 10
    // finding 6). The rest is shown as unconfirmed, not counted.
    let (mut new, unconfirmed) = cap_sent_page(loaded.ledger.events(), new, at);
    if let Some(m) = loaded.settings.retention_months {
        // A card older than the member keeps history for is not recorded.
        new = privacy::expire(new, privacy::retention_cutoff(now, tz_at(now), m)).0;
    }
    let mut fresh = Vec::new();
    let mut added = 0u32;
    for e in new {
        if let Applied::Added(_) = loaded.ledger.add_event(e.clone()) {
            added += 1;
            fresh.push(Held::Event(e));
        }
    }
    let mut gone = 0u32;
    for e in accepted(loaded.ledger.events(), &entries, complete, at, tz) {
        if let Applied::Added(_) = loaded.ledger.add_event(e.clone()) {
            gone += 1;
            fresh.push(Held::Event(e));
        }
    }
    let items = store::storage_get(&[SENT_PAGE_KEY.into(), SENT_TOTAL_MISSED_KEY.into()]).await?;
    let raw_missed = get(&items, SENT_TOTAL_MISSED_KEY);
    if total.is_none() {
        let missed = SentTotalMissed {
            at,
            lang: m.lang.clone().unwrap_or_default(),
            texts: total_texts as u32,
        };
        let old: Option<SentTotalMissed> =
            stored_values::sent_total_missed(platform::pages::to_json(&raw_missed).as_ref()).ok();
        // As for the total below: written when it says something new, and every ten minutes.
        let stale = old.as_ref().is_none_or(|o| {
            (&o.lang, o.texts) != (&missed.lang, missed.texts)
                || !(0.0..REWRITE_MS).contains(&(missed.at - o.at))
        });
        if stale {
            if let Err(e) =
                store::storage_set(&[(SENT_TOTAL_MISSED_KEY.into(), store::to_js(&missed)?)]).await
            {
                web_sys::console::warn_2(
                    &"Invite Guard could not note the missing total:".into(),
                    &e,
                );
            }
        }
    } else if !raw_missed.is_undefined() {
        // The total reads again: nothing is missing any more. A failed removal is tried again at
        // the next read.
        let _ = store::storage_remove(&[SENT_TOTAL_MISSED_KEY]).await;
    }
    if let Some(total) = total {
        let read = SentPageRead {
            total,
            read_at: at,
            pending: entries.len() as u32,
            complete,
            unconfirmed,
        };
        let raw_old = get(&items, SENT_PAGE_KEY);
        let old: Option<SentPageRead> =
            stored_values::sent_page(platform::pages::to_json(&raw_old).as_ref()).ok();
        // Written when it says something new, and every ten minutes for the "read at" the popup
        // shows: each write wakes every storage listener, and the cards come in batches.
        let stale = old.as_ref().is_none_or(|o| {
            (o.total, o.pending, o.complete, o.unconfirmed)
                != (read.total, read.pending, read.complete, read.unconfirmed)
                || !(0.0..REWRITE_MS).contains(&(read.read_at - o.read_at))
        });
        if stale {
            let mut pairs = vec![(SENT_PAGE_KEY.to_string(), store::to_js(&read)?)];
            if old.is_none() && !raw_old.is_undefined() {
                // An unreadable earlier read is kept aside, not overwritten (issue 10).
                pairs.push((
                    QUARANTINE_KEY.into(),
                    store::quarantine_with(&[store::kept_aside(SENT_PAGE_KEY, &raw_old)]).await?,
                ));
            }
            // The total is read again at the member's next visit: a failed write loses nothing.
            if let Err(e) = store::storage_set(&pairs).await {
                web_sys::console::warn_2(
                    &"Invite Guard could not keep the Sent page's total:".into(),
                    &e,
                );
            }
        }
    }
    if !fresh.is_empty() {
        save(&mut loaded, fresh, now).await;
        publish(&loaded, now, tz_at(now)).await?;
    }
    reply(&answer::SentPage {
        ok: true,
        added,
        accepted: gone,
        unconfirmed,
        total,
    })
}

/// `withdrawn`: the member confirmed Withdraw on LinkedIn. A `withdrawn` event (source `dom`) ends
/// that invitation's pending time and starts the 21-day re-invite cooldown the guard warns about
/// (`GuardState.cooldown`). Answers `{ok, added}`.
pub async fn withdrawn(m: PersonSeen, tab: Option<i32>, now: f64) -> Result<JsValue, JsValue> {
    if read_only() {
        return fail("read_only");
    }
    let at = page_time(m.at, now);
    let tz = tz_at(at);
    let mut loaded = store::load(LocalDay::at(now, tz_at(now))).await?;
    let who = message::invitee(m.invitee.as_ref(), loaded.settings.store_names);
    let Some(id) = withdrawal_id(&who, at) else {
        return fail("no_invitee");
    };
    // The same confirmation reported again a little later (a re-render, a replayed message whose
    // time fell back to now): one withdrawal.
    let again = loaded.ledger.events().iter().any(|e| {
        e.kind == EventKind::Withdrawn
            && (e.at - at).abs() <= REPEAT_MS
            && likely_same_person(&e.invitee, &who)
    });
    if again {
        return reply(&answer::Withdrawn {
            ok: true,
            added: false,
        });
    }
    let event = Event {
        tab,
        ..Event::new(id, EventKind::Withdrawn, at, tz, who, Source::Dom)
    };
    let added = matches!(loaded.ledger.add_event(event.clone()), Applied::Added(_));
    if added {
        save(&mut loaded, vec![Held::Event(event)], now).await;
        publish(&loaded, now, tz_at(now)).await?;
    }
    reply(&answer::Withdrawn { ok: true, added })
}

/// `connected`: people LinkedIn shows as 1st-degree connections (a profile's top card, or the
/// Connections page's "Connected on …" / "Connected 2 days ago", docs/linkedin.md §9). One person
/// as
/// `invitee` + `connected_text`, or many as `people: [{invitee, connected_text?}]`. Each pending
/// invitation to one of them becomes `accepted` (`reconcile::connected_many`), timed by the text
/// when it reads, else now. Answers `{ok, added}`.
pub async fn connected(m: Connected, now: f64) -> Result<JsValue, JsValue> {
    if read_only() {
        return fail("read_only");
    }
    let table = page_texts_for(m.lang.as_deref().unwrap_or_default());
    let tz = tz_at(now);
    let mut loaded = store::load_months(LocalDay::at(now, tz), CONNECTED_MONTHS).await?;
    let people = m.people(loaded.settings.store_names);
    // Most people on the Connections page were never invited from here. Only someone sharing a URN,
    // vanity or name with an invitation of the ledger can be its invitee (`PersonKey::likely_same`),
    // so the others are passed over without looking at the ledger again.
    let fields = |k: PersonKey| [(0u8, k.urn), (1, k.vanity), (2, k.name)];
    let invited: HashSet<(u8, String)> = loaded
        .ledger
        .events()
        .iter()
        .filter(|e| e.kind == EventKind::Sent)
        .flat_map(|e| fields(PersonKey::of(&e.invitee)))
        .filter_map(|(f, v)| Some((f, v?)))
        .collect();
    let shown: Vec<_> = people
        .into_iter()
        .filter(|(who, _)| {
            fields(PersonKey::of(who))
                .into_iter()
                .any(|(f, v)| v.is_some_and(|v| invited.contains(&(f, v))))
        })
        .map(|(who, text)| (who, text.and_then(|t| parse_connected(&t, table))))
        .collect();
    let mut fresh = Vec::new();
    for e in connected_many(loaded.ledger.events(), &shown, now, tz) {
        if let Applied::Added(_) = loaded.ledger.add_event(e.clone()) {
            fresh.push(Held::Event(e));
        }
    }
    let added = fresh.len() as u32;
    if added > 0 {
        save(&mut loaded, fresh, now).await;
        publish(&loaded, now, tz).await?;
    }
    reply(&answer::Connected { ok: true, added })
}
