//! The dashboard's lists: LinkedIn's refusals and limit alerts, and the recent invitations.

use crate::platform;
use crate::ui::{self, by_id};
use crate::view::time_el;
use invite_guard_core::ledger::{Event, EventKind, Source};
use invite_guard_core::profile::profile_url;
use invite_guard_core::time::DAY_MS;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// How many recent invitations the dashboard lists at the top; the history below holds them all.
const RECENT: usize = 8;
/// How far back the refusals list looks.
const REFUSALS_DAYS: f64 = 30.0;

fn kind_message(e: &Event) -> &'static str {
    match e.kind {
        EventKind::Sent => "popupKindSent",
        EventKind::Refused => "popupKindRefused",
        EventKind::NoteRefused => "popupKindNoteRefused",
        EventKind::Withdrawn => "popupKindWithdrawn",
        EventKind::Accepted => "popupKindAccepted",
    }
}

/// The person: a link to the profile when the vanity is known, the name when kept (the member may
/// turn names off), else "someone".
fn who(doc: &Document, e: &Event) -> Result<Element, JsValue> {
    let label = e
        .invitee
        .name
        .clone()
        .or_else(|| e.invitee.vanity.clone())
        .unwrap_or_else(|| platform::message("popupSomeone", &[]));
    // Every profile link is built by core's one function, which refuses a slug that is not a
    // LinkedIn profile name (issue 10 finding 8: an imported `../../redir/…` pointed elsewhere).
    match e.invitee.vanity.as_deref().and_then(profile_url) {
        Some(url) => {
            let a = ui::el(doc, "a", "who", &label)?;
            a.set_attribute("href", &url)?;
            a.set_attribute("target", "_blank")?;
            a.set_attribute("rel", "noopener noreferrer")?;
            Ok(a)
        }
        None => ui::el(doc, "span", "who", &label),
    }
}

/// One event as a list row: who, what happened (with the note, when known), and when.
pub(super) fn row(doc: &Document, e: &Event) -> Result<Element, JsValue> {
    let li = doc.create_element("li")?;
    li.set_attribute("data-kind", kind_message(e))?;
    ui::add(&li, who(doc, e))?;
    let mut tag = platform::message(kind_message(e), &[]);
    match e.note {
        Some(true) if e.note_len.is_some() => {
            let n = ui::num(e.note_len.unwrap_or_default());
            tag = format!(
                "{tag} · {}",
                platform::message("popupWithNoteLength", &[&n])
            )
        }
        Some(true) => tag = format!("{tag} · {}", platform::message("popupWithNote", &[])),
        Some(false) => tag = format!("{tag} · {}", platform::message("popupWithoutNote", &[])),
        None => {}
    }
    let class = if matches!(e.kind, EventKind::Sent | EventKind::Accepted) {
        "tag"
    } else {
        "tag refused"
    };
    ui::add(&li, ui::el(doc, "span", class, &tag))?;
    ui::add(&li, time_el(doc, e.at))?;
    Ok(li)
}

/// The last few events of any kind, newest first.
pub fn recent(doc: &Document, events: &[Event]) -> Result<(), JsValue> {
    let list = by_id(doc, "recent")?;
    ui::clear(&list);
    for e in events.iter().rev().take(RECENT) {
        ui::add(&list, row(doc, e))?;
    }
    if events.is_empty() {
        ui::add(
            &list,
            ui::el(doc, "li", "", &platform::message("popupNoneYet", &[])),
        )?;
    }
    Ok(())
}

/// LinkedIn's refusals (a 429 from the invitation API) and limit alerts of the last 30 days, with
/// how long a restriction usually lasts (docs/linkedin.md §13: LinkedIn Help a551012).
pub fn refusals(doc: &Document, events: &[Event], now: f64) -> Result<(), JsValue> {
    let section = by_id(doc, "refusals-section")?;
    let list = by_id(doc, "refusals")?;
    ui::clear(&list);
    let since = now - REFUSALS_DAYS * DAY_MS;
    let mut any = false;
    for e in events
        .iter()
        .rev()
        .filter(|e| matches!(e.kind, EventKind::Refused | EventKind::NoteRefused))
        .filter(|e| e.at >= since)
    {
        any = true;
        let what = match (e.kind, e.sources.contains(&Source::Alert)) {
            (EventKind::NoteRefused, _) => "popupRefusalNote",
            (_, true) => "popupRefusalAlert",
            _ => "popupRefusalApi",
        };
        let li = doc.create_element("li")?;
        ui::add(
            &li,
            ui::el(doc, "span", "who", &platform::message(what, &[])),
        )?;
        ui::add(&li, time_el(doc, e.at))?;
        list.append_child(&li)?;
    }
    section.toggle_attribute_with_force("hidden", !any)?;
    if any {
        ui::set_text(
            doc,
            "restriction",
            &platform::message("popupRestriction", &[]),
        );
    }
    Ok(())
}
