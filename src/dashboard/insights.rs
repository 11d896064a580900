//! The dashboard's view of what LinkedIn sees (issue 4): the pending queue and its ages, acceptance, a
//! weekly cap learned from LinkedIn's refusals, and the invitations that came from elsewhere.
//!
//! Everything is computed by `core::health` from the events the dashboard already reads for its chart
//! (this month and the two before), so these figures cost no extra storage read; acceptance "by week"
//! is therefore over the last three months, which the section says. LinkedIn's own pending total
//! comes from the `sent_page` key when the member has opened the Sent page.
//!
//! Nothing here withdraws or changes anything on LinkedIn: the old invitations link to the person
//! and to LinkedIn's Sent page, where the member withdraws by hand, and the learned cap is applied
//! only when the member clicks its button.

use super::show_caps;
use crate::platform;
use crate::platform::get;
use crate::ui::{self, by_id, set_text};
use crate::view::{chart, pending_of, short_time};
use invite_guard_core::health::{
    acceptance_of, learned_ceiling, outcomes, IsoWeek, OldInvitation, Outcome, Rate,
    CEILING_MIN_WEEK, DECIDED_AFTER_DAYS, OLD_PENDING_DAYS,
};
use invite_guard_core::ledger::{Event, EventKind, Source};
use invite_guard_core::message::SetSettings;
use invite_guard_core::presets::AccountType;
use invite_guard_core::profile::profile_url;
use invite_guard_core::schema::{SentPageRead, SentTotalMissed};
use invite_guard_core::settings::Settings;
use invite_guard_core::time::{LocalDay, WEEK_MS};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// LinkedIn's own list of sent invitations, where the member withdraws by hand (docs/linkedin.md
/// §7).
pub const SENT_PAGE_URL: &str = "https://www.linkedin.com/mynetwork/invitation-manager/sent/";
/// Old invitations listed by name; the rest are counted ("and 12 more").
const OLD_SHOWN: usize = 5;
/// Weeks of sending shown in the acceptance list, newest first.
const WEEKS_SHOWN: usize = 6;
/// Refusals listed as the learned cap's evidence, newest first.
const REFUSALS_SHOWN: usize = 4;
/// The histogram's buckets (`PendingHealth::by_age`).
const AGE_LABELS: [&str; 4] = [
    "popupAgeUnder1",
    "popupAge1to2",
    "popupAge2to3",
    "popupAgeOver3",
];

/// "38%", "38 %": a whole percentage as the UI language writes it (`popupPercent`), without building
/// an `Intl.NumberFormat` for it: the page must render quickly (README "Benchmark").
fn pct(r: f64) -> String {
    let n = (r * 100.0).round().clamp(0.0, 100.0) as u32;
    platform::message("popupPercent", &[&ui::num(n)])
}

fn link(doc: &Document, class: &str, text: &str, href: &str) -> Result<Element, JsValue> {
    let a = ui::el(doc, "a", class, text)?;
    a.set_attribute("href", href)?;
    a.set_attribute("target", "_blank")?;
    a.set_attribute("rel", "noopener noreferrer")?;
    Ok(a)
}

pub fn render(
    doc: &Document,
    events: &[Event],
    settings: &Settings,
    sent_page: Option<&SentPageRead>,
    total_missed: Option<&SentTotalMissed>,
    now: f64,
    tz: i32,
) -> Result<(), JsValue> {
    elsewhere(doc, events, now, tz)?;
    unconfirmed(doc, sent_page, now)?;
    // What became of each invitation, worked out once for the pending queue and the rates.
    let outs = outcomes(events);
    pending(
        doc,
        &outs,
        sent_page,
        total_missed,
        settings.pending_warn,
        now,
    )?;
    accepted(doc, &outs, now)?;
    ceiling(doc, events, settings)?;
    Ok(())
}

/// How many of the invitations counted today and in the rolling week were seen only on LinkedIn's
/// Sent page: sent from the phone or another browser (`reconcile::reconcile`).
fn elsewhere(doc: &Document, events: &[Event], now: f64, tz: i32) -> Result<(), JsValue> {
    let today = LocalDay::at(now, tz);
    let only_sent_page =
        |e: &&Event| e.kind == EventKind::Sent && e.sources.as_slice() == [Source::SentPage];
    let week = events
        .iter()
        .filter(only_sent_page)
        .filter(|e| e.at > now - WEEK_MS)
        .count() as u32;
    let today = events
        .iter()
        .filter(only_sent_page)
        .filter(|e| e.day == today)
        .count() as u32;
    let p = by_id(doc, "elsewhere")?;
    p.toggle_attribute_with_force("hidden", week == 0 && today == 0)?;
    p.set_attribute("data-week", &week.to_string())?;
    p.set_attribute("data-today", &today.to_string())?;
    if week > 0 || today > 0 {
        p.set_text_content(Some(&platform::message(
            "popupElsewhere",
            &[&ui::num(week), &ui::num(today)],
        )));
    }
    Ok(())
}

/// The recent invitations the last Sent-page read held back: more than anyone sends by hand in a
/// day or a week (`reconcile::cap_sent_page`, issue 10 finding 6), shown for a week after the read.
fn unconfirmed(doc: &Document, sent_page: Option<&SentPageRead>, now: f64) -> Result<(), JsValue> {
    let n = sent_page
        .filter(|r| now - r.read_at < WEEK_MS)
        .map_or(0, |r| r.unconfirmed);
    let p = by_id(doc, "unconfirmed")?;
    p.toggle_attribute_with_force("hidden", n == 0)?;
    if n > 0 {
        p.set_text_content(Some(&platform::message("popupUnconfirmed", &[&ui::num(n)])));
    }
    Ok(())
}

/// The pending count (LinkedIn's when read, else the ledger's), the age histogram, the warning and
/// the invitations older than three weeks, oldest first.
///
/// When the last read of LinkedIn's Sent page showed no total that reads (`total_missed`, newer
/// than the last read that did), LinkedIn's count is not known now: the count is the ledger's,
/// labelled as the extension's own, saying that the Sent page's total did not read (issue 12).
/// `#pending-count`'s `data-source` says which: `linkedin`, `ours`, or `ours-no-total`.
fn pending(
    doc: &Document,
    outs: &[(&Event, Outcome)],
    sent_page: Option<&SentPageRead>,
    total_missed: Option<&SentTotalMissed>,
    threshold: u32,
    now: f64,
) -> Result<(), JsValue> {
    let (h, linkedin, missed) = pending_of(outs, sent_page, total_missed, threshold, now);
    let (count, source) = match (linkedin, missed) {
        (Some(s), _) => (
            platform::message(
                "popupPendingLinkedIn",
                &[&ui::num(s.total), &short_time(s.read_at)],
            ),
            "linkedin",
        ),
        (None, Some(m)) => (
            platform::message(
                "popupPendingNoTotal",
                &[&ui::num(h.pending), &short_time(m.at)],
            ),
            "ours-no-total",
        ),
        (None, None) => (
            platform::message("popupPendingCounted", &[&ui::num(h.pending)]),
            "ours",
        ),
    };
    let p = by_id(doc, "pending-count")?;
    p.set_text_content(Some(&count));
    p.set_attribute("data-source", source)?;
    p.set_attribute(
        "data-pending",
        &h.linkedin_total.unwrap_or(h.pending).to_string(),
    )?;
    set_text(
        doc,
        "pending-ages-h",
        &platform::message("popupPendingAges", &[&ui::num(h.pending)]),
    );
    let list = by_id(doc, "pending-ages")?;
    ui::clear(&list);
    let most = h.by_age.iter().copied().max().unwrap_or(0).max(1);
    for (n, key) in h.by_age.iter().zip(AGE_LABELS) {
        let li = doc.create_element("li")?;
        li.set_attribute("data-count", &n.to_string())?;
        ui::add(
            &li,
            ui::el(doc, "span", "age", &platform::message(key, &[])),
        )?;
        let track = ui::el(doc, "span", "hbar", "")?;
        track.set_attribute("aria-hidden", "true")?;
        let fill = doc.create_element("span")?;
        fill.set_attribute(
            "style",
            &format!("width:{:.1}%", 100.0 * *n as f64 / most as f64),
        )?;
        track.append_child(&fill)?;
        li.append_child(&track)?;
        ui::add(&li, ui::el(doc, "span", "n", &ui::num(*n)))?;
        list.append_child(&li)?;
    }
    // The warning in full (the popup shows it short, `popup::pending_alert`).
    let warn = by_id(doc, "pending-warn")?;
    warn.toggle_attribute_with_force("hidden", !h.warn)?;
    if h.warn {
        let n = ui::num(h.linkedin_total.unwrap_or(h.pending));
        warn.set_text_content(Some(&platform::message("popupPendingWarn", &[&n])));
    }
    set_text(
        doc,
        "pending-threshold",
        &platform::message("popupPendingThreshold", &[&ui::num(h.threshold)]),
    );
    old_list(doc, &h.old)
}

fn old_list(doc: &Document, old: &[OldInvitation]) -> Result<(), JsValue> {
    let block = by_id(doc, "pending-old-block")?;
    block.toggle_attribute_with_force("hidden", old.is_empty())?;
    set_text(
        doc,
        "pending-old-h",
        &platform::message("popupPendingOld", &[&OLD_PENDING_DAYS.to_string()]),
    );
    let list = by_id(doc, "pending-old")?;
    ui::clear(&list);
    for o in old.iter().take(OLD_SHOWN) {
        let li = doc.create_element("li")?;
        li.set_attribute("data-id", &o.id)?;
        let label = o
            .invitee
            .name
            .clone()
            .or_else(|| o.invitee.vanity.clone())
            .unwrap_or_else(|| platform::message("popupSomeone", &[]));
        match o.invitee.vanity.as_deref().and_then(profile_url) {
            Some(url) => ui::add(&li, link(doc, "who", &label, &url))?,
            None => ui::add(&li, ui::el(doc, "span", "who", &label))?,
        }
        ui::add(
            &li,
            ui::el(
                doc,
                "span",
                "tag",
                &platform::message("popupDaysAgo", &[&ui::num(o.days)]),
            ),
        )?;
        ui::add(
            &li,
            link(
                doc,
                "withdraw",
                &platform::message("popupWithdrawByHand", &[]),
                SENT_PAGE_URL,
            ),
        )?;
        list.append_child(&li)?;
    }
    let more = old.len().saturating_sub(OLD_SHOWN) as u32;
    let p = by_id(doc, "pending-more")?;
    p.toggle_attribute_with_force("hidden", more == 0)?;
    if more > 0 {
        p.set_text_content(Some(&platform::message(
            "popupPendingMore",
            &[&ui::num(more)],
        )));
    }
    Ok(())
}

/// "38 % (12 of 32)", or "–" before anything is decided.
fn rate_text(r: &Rate) -> String {
    r.rate().map_or_else(|| "–".to_string(), pct)
}

/// The Monday of an ISO week.
fn monday(w: IsoWeek) -> LocalDay {
    let jan4 = LocalDay {
        year: w.year,
        month: 1,
        day: 4,
    }
    .days();
    let first = jan4 - (jan4 + 3).rem_euclid(7);
    LocalDay::from_days(first + (w.week as i64 - 1) * 7)
}

/// Acceptance overall, with and without a note, and by week of sending, each with its counts.
fn accepted(doc: &Document, outs: &[(&Event, Outcome)], now: f64) -> Result<(), JsValue> {
    let s = acceptance_of(outs, now);
    let line = |id: &str, key: &str, r: &Rate| -> Result<(), JsValue> {
        let p = by_id(doc, id)?;
        p.set_text_content(Some(&platform::message(
            key,
            &[
                &rate_text(r),
                &ui::num(r.accepted),
                &ui::num(r.decided),
                &ui::num(r.pending),
            ],
        )));
        p.set_attribute("data-accepted", &r.accepted.to_string())?;
        p.set_attribute("data-decided", &r.decided.to_string())?;
        p.set_attribute("data-pending", &r.pending.to_string())?;
        Ok(())
    };
    line("acc-overall", "popupAccOverall", &s.overall)?;
    line("acc-note", "popupAccWithNote", &s.with_note)?;
    line("acc-nonote", "popupAccWithoutNote", &s.without_note)?;
    let list = by_id(doc, "acc-weeks")?;
    ui::clear(&list);
    for (w, r) in s.by_week.iter().rev().take(WEEKS_SHOWN) {
        let li = doc.create_element("li")?;
        li.set_attribute("data-week", &w.to_string())?;
        li.set_attribute("data-accepted", &r.accepted.to_string())?;
        li.set_attribute("data-decided", &r.decided.to_string())?;
        li.set_attribute("data-pending", &r.pending.to_string())?;
        ui::add(
            &li,
            ui::el(
                doc,
                "span",
                "who",
                &platform::message("popupAccWeek", &[&chart::short_day(monday(*w))]),
            ),
        )?;
        ui::add(
            &li,
            ui::el(
                doc,
                "span",
                "tag",
                &platform::message(
                    "popupAccWeekRate",
                    &[
                        &rate_text(r),
                        &ui::num(r.accepted),
                        &ui::num(r.decided),
                        &ui::num(r.pending),
                    ],
                ),
            ),
        )?;
        list.append_child(&li)?;
    }
    list.toggle_attribute_with_force("hidden", s.by_week.is_empty())?;
    set_text(
        doc,
        "acc-basis",
        &platform::message("popupAccBasis", &[&DECIDED_AFTER_DAYS.to_string()]),
    );
    Ok(())
}

/// The weekly cap learned from LinkedIn's refusals, with its evidence, and a button that applies it
/// (the member's click; the background validates and stores it like any settings change).
fn ceiling(doc: &Document, events: &[Event], settings: &Settings) -> Result<(), JsValue> {
    let section = by_id(doc, "ceiling-section")?;
    let Some(c) = learned_ceiling(events) else {
        section.set_attribute("hidden", "")?;
        return Ok(());
    };
    section.remove_attribute("hidden")?;
    section.set_attribute("data-cap", &c.weekly_cap.to_string())?;
    let plausible = c.lowest.sent_in_week >= CEILING_MIN_WEEK;
    set_text(
        doc,
        "ceiling-evidence",
        &platform::message(
            if plausible {
                "popupCeilingEvidence"
            } else {
                "popupCeilingEvidenceLow"
            },
            &[
                &chart::short_day(c.lowest.day),
                &ui::num(c.lowest.sent_in_week),
                &ui::num(c.weekly_cap),
            ],
        ),
    );
    let list = by_id(doc, "ceiling-list")?;
    ui::clear(&list);
    for r in c.refusals.iter().rev().take(REFUSALS_SHOWN) {
        let li = doc.create_element("li")?;
        ui::add(
            &li,
            ui::el(
                doc,
                "span",
                "who",
                &platform::message(
                    "popupCeilingRefusal",
                    &[&chart::short_day(r.day), &ui::num(r.sent_in_week)],
                ),
            ),
        )?;
        list.append_child(&li)?;
    }
    let button = by_id(doc, "ceiling-set")?;
    let offer = plausible && c.weekly_cap < settings.weekly_cap;
    button.toggle_attribute_with_force("hidden", !offer)?;
    if !plausible {
        set_text(
            doc,
            "ceiling-status",
            &platform::message("popupCeilingDoubt", &[&ui::num(CEILING_MIN_WEEK)]),
        );
        return Ok(());
    }
    if !offer {
        set_text(
            doc,
            "ceiling-status",
            &platform::message("popupCeilingAlready", &[&ui::num(settings.weekly_cap)]),
        );
        return Ok(());
    }
    button.set_text_content(Some(&platform::message(
        "popupCeilingSet",
        &[&ui::num(c.weekly_cap)],
    )));
    let cap = c.weekly_cap;
    let on_click = Closure::<dyn FnMut()>::new(move || {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = apply_cap(cap).await;
        });
    });
    button.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
    on_click.forget();
    Ok(())
}

/// The settings as stored, as a custom preset with this weekly cap (the daily cap and the warning
/// brought under it, so they still validate), sent to the background.
async fn apply_cap(cap: u32) -> Result<(), JsValue> {
    use invite_guard_core::schema::SETTINGS_KEY;
    let doc = ui::document()?;
    let items =
        wasm_bindgen_futures::JsFuture::from(platform::storage_get(&SETTINGS_KEY.into())).await?;
    let mut s: Settings =
        crate::platform::pages::from_js(&get(&items, SETTINGS_KEY)).unwrap_or_default();
    s.preset = AccountType::Custom;
    s.weekly_cap = cap;
    s.daily_cap = s.daily_cap.min(cap);
    s.warn_remaining = s.warn_remaining.min(cap.saturating_sub(1));
    let answer = ui::ask(&SetSettings {
        settings: s.clone(),
    })
    .await?;
    let ok = get(&answer, "ok").as_bool() == Some(true);
    set_text(
        &doc,
        "ceiling-status",
        &platform::message(
            if ok {
                "popupCeilingDone"
            } else {
                "optionsNotSaved"
            },
            &[&ui::num(cap)],
        ),
    );
    if ok {
        by_id(&doc, "ceiling-set")?.set_attribute("hidden", "")?;
        show_caps(&doc, &s);
    }
    Ok(())
}
