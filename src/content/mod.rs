//! The content script: the sensor and the guard, in every LinkedIn frame (the invite dialog's note
//! editor may render in the `/preload/` iframe; docs/linkedin.md §1).
//!
//! It holds what it needs of the latest guard state, which the background writes to `storage.local`
//! (key `guard`, with `guard.ui` its decisions and texts for the page) and which reaches every tab
//! through `storage.onChanged`, so a click is decided at once, without a round trip
//! (docs/architecture.md §4).

#[cfg(target_arch = "wasm32")]
mod alloc;
mod invitations;
mod notes;
mod panel;
pub mod sensor;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOC: alloc::Buckets = alloc::Buckets::new();

use crate::platform::{self, get};
use invite_guard_core::ledger::{Invitee, ALERT_WINDOW_MS};
use invite_guard_core::locale::{is_supported, primary_subtag, LocaleTable};
use invite_guard_core::message::{Decision, Kind, DIAGNOSE};
use invite_guard_core::person::likely_same_person;
use invite_guard_core::schema::GUARD_KEY;
use invite_guard_core::self_check::{CONNECT_WAIT_MS, SEND_WAIT_MS};
use js_sys::{Date, Object};
use sensor::Hit;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event};

/// A send the page has not yet confirmed by showing Pending.
struct Awaiting {
    invitee: Invitee,
    deadline: f64,
}

// How long after a Connect click a Pending control still counts as its confirmation (the member
// may take minutes to write a note), and after a Send click: `CONNECT_WAIT_MS` and `SEND_WAIT_MS`,
// core's, which the self-check also reads (docs/architecture.md §11).

/// How long "Send anyway" on Connect lets the dialog's Send through.
const BYPASS_MS: f64 = 2.0 * 60_000.0;

/// Someone in LinkedIn's re-invite cooldown: who, until when, and the panel's line about them.
struct Cooldown {
    who: Invitee,
    until: f64,
    line: String,
}

/// What the page needs of the `guard` key.
struct View {
    /// A click on Connect or the dialog's Send meets the panel `ui.panel`.
    stops: bool,
    /// The hover hint's text, when it shows.
    hint: Option<String>,
    in_page_ui: bool,
    /// `guard.ui`: the panels' texts, passed to the panel as they are.
    ui: JsValue,
    cooldown: Vec<Cooldown>,
}

#[derive(Default)]
struct State {
    table: Option<&'static LocaleTable>,
    /// The page's `<html lang>`, and whether the language report of this page load is decided
    /// ([`report_language`]).
    lang: String,
    lang_decided: bool,
    guard: Option<View>,
    awaiting: Vec<Awaiting>,
    /// The element whose next click "Send anyway" lets through.
    allow_once: Option<Element>,
    bypass_until: f64,
    /// The open panel's host, the control it stopped, and whether that was a Connect.
    panel: Option<(Element, Element, bool)>,
    hint: Option<Element>,
    last_href: String,
    /// Alerts and upsells seen so far, with their text: only one that first shows after the
    /// member's click can be LinkedIn's answer to it, and a re-render is not reported again.
    seen_alerts: Vec<(Element, String)>,
    /// When the member last clicked something that sends an invitation (the dialog's Send, or a
    /// Connect that may send at once): a limit alert is LinkedIn's answer only right after one.
    last_send_click: Option<f64>,
    /// The invite dialog whose "Add a note" the member clicked, and when: a Premium upsell in that
    /// dialog right after is LinkedIn refusing the note (the free notes are used up).
    note_click: Option<(Element, f64)>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

fn now() -> f64 {
    Date::now()
}

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`, and the page's `document`: imported directly, one call each, where
    /// `web_sys::window()` first searches for the global object (the start-up path is paid on every
    /// LinkedIn page load).
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn now_precise() -> f64;
    #[wasm_bindgen(thread_local_v2, js_name = document)]
    static DOCUMENT: Document;
}

fn document() -> Document {
    DOCUMENT.with(Document::clone)
}

#[wasm_bindgen(module = "/src/content/page.js")]
extern "C" {
    /// Keeps a decision in the ring the diagnostic reads: `what` is `Decision::code`, `el` the
    /// element it was about (the click's target for a click on nothing known), `trusted` whether it
    /// was the member's own.
    fn remember(el: Option<&Element>, what: u32, trusted: bool);
    /// The answer to a `diagnose` request (`message::PageReport`).
    fn diagnose(msg: &JsValue) -> JsValue;
}

/// Answers this extension's own pages (`platform::content::answer`): a `diagnose` request gets the
/// page's counts and the recent decisions (docs/protocol.md §4); anything else nothing.
pub fn answer(msg: &JsValue) -> JsValue {
    if get(msg, "kind").as_string().as_deref() == Some(DIAGNOSE) {
        diagnose(msg)
    } else {
        JsValue::UNDEFINED
    }
}

/// Starts the content script; `on_guard` is `content_guard`, which takes the `guard` key's value,
/// and `on_request` is `content_request`, which answers the extension's own pages ([`answer`]).
/// Returns how long the first page scan took (ms).
pub fn start(on_guard: &js_sys::Function, on_request: &js_sys::Function) -> Result<f64, JsValue> {
    let doc = document();
    let table = sensor::page_table(&doc);
    let lang = sensor::page_lang(&doc);
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.table = table;
        s.lang = lang;
    });

    // The latest guard state: once now, then on every change the background writes.
    platform::content::watch(GUARD_KEY, on_guard);
    platform::content::answer(on_request);
    // The DOM listeners (capture-phase click, hover and focus, the mutation observer, popstate) are
    // registered by `extension/content/entry.js` and call the handlers below: native registration
    // keeps the wasm-bindgen closure machinery off the start-up path, which every LinkedIn page pays.

    // The page model's first scan: the Connect and Pending controls on the page. The guard itself
    // classifies at click time; the benchmark times this scan beside its plain-JS twin's.
    let t0 = now_precise();
    if let Some(body) = doc.body() {
        sensor::scan(&body, table);
    }
    let scan_ms = now_precise() - t0;
    Ok(scan_ms)
}

pub fn set_guard(v: &JsValue) {
    let view = view_of(v);
    STATE.with(|s| s.borrow_mut().guard = view);
    report_language(v);
}

/// Once per page load, with the first `guard` read: reports the page's language (`page_language`)
/// when it has no table and `guard.self_check.language` does not already name it, or when it has
/// one and `guard` names a language that has none, which this page's report clears
/// (docs/architecture.md §11). Deciding from the `guard` every tab holds costs no round trip; later
/// changes of `guard` do not make an open page report again, so two open pages in two languages do
/// not undo each other at every send.
fn report_language(guard: &JsValue) {
    let Some(lang) = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let first = !s.lang_decided;
        s.lang_decided = true;
        first.then(|| s.lang.clone())
    }) else {
        return;
    };
    let said = get(&get(&get(guard, "self_check"), "language"), "lang").as_string();
    let report = if lang.trim().is_empty() {
        false
    } else if is_supported(&lang) {
        said.is_some()
    } else {
        said.as_deref() != Some(primary_subtag(&lang).as_str())
    };
    if report {
        platform::content::send_report(
            &platform::object(&[
                ("kind", Kind::PageLanguage.name().into()),
                ("lang", lang.into()),
            ])
            .into(),
        );
    }
}

/// Reports the member's trusted click on a Connect or Send control the sensor recognised
/// (`page_signal`): the self-check's evidence that the guard sees the page (docs/architecture.md
/// §11).
fn report_signal(signal: &str, at: f64) {
    platform::content::send_report(
        &platform::object(&[
            ("kind", Kind::PageSignal.name().into()),
            ("signal", signal.into()),
            ("at", at.into()),
        ])
        .into(),
    );
}

/// Reads what the page needs of the `guard` key (docs/protocol.md §1): the background decides
/// and words everything in `guard.ui` (`background/guard_ui.rs`). Anything missing or of the wrong
/// type makes the whole state unknown, and an unknown state stops nothing.
fn view_of(v: &JsValue) -> Option<View> {
    let ui = get(v, "ui");
    let gate = get(&ui, "gate").as_string()?;
    let lines = get(&ui, "cooldown");
    let lines = js_sys::Array::is_array(&lines).then(|| js_sys::Array::from(&lines));
    let cooldown = get(v, "cooldown");
    let cooldown = if js_sys::Array::is_array(&cooldown) {
        js_sys::Array::from(&cooldown)
            .iter()
            .zip(lines.iter().flat_map(|l| l.iter()))
            .filter_map(|(e, line)| {
                let s = |k: &str| get(&e, k).as_string();
                Some(Cooldown {
                    who: Invitee {
                        vanity: s("vanity"),
                        urn: s("urn"),
                        name: s("name"),
                    },
                    until: get(&e, "until").as_f64()?,
                    line: line.as_string()?,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    Some(View {
        stops: gate != "allow",
        hint: get(&ui, "hint").as_string(),
        in_page_ui: get(v, "in_page_ui").as_bool()?,
        ui,
        cooldown,
    })
}

/// From now on, reads this page with every table: a Connect was found by another table than the
/// one `<html lang>` names, so the page's labels are in another language (docs/linkedin.md §10), and
/// the invite dialog's Send and the Pending after a send will be in it too. Every table is what a
/// page in a language without a table gets from the start; no table's Follow, Pending, bell or
/// Message is another's Connect (`core/tests/classify.rs`).
fn read_with_every_table() {
    STATE.with(|s| s.borrow_mut().table = None);
}

fn event_element(ev: &Event) -> Option<Element> {
    // composedPath()[0] is the real target inside an open shadow root (LinkedIn's #interop-outlet).
    let path = ev.composed_path();
    path.get(0)
        .dyn_into::<Element>()
        .ok()
        .or_else(|| ev.target()?.dyn_into::<Element>().ok())
}

pub fn on_click(ev: Event) {
    let Some(target) = event_element(&ev) else {
        return;
    };
    let doc = document();
    // Our own panel's clicks are inside a closed root and retarget to its host.
    if target.has_attribute("data-invite-guard") {
        return;
    }
    // Only the member's own clicks count (issue 10 finding 6): a script on the page can dispatch
    // clicks, but it cannot make one trusted. An untrusted click is still gated below (whatever
    // clicks Connect, the budget is the same), but it records nothing: no send to wait for, no
    // withdrawal, no click that makes an alert LinkedIn's answer.
    let trusted = ev.is_trusted();
    let table = STATE.with(|s| s.borrow().table);
    if trusted {
        invitations::on_click(&target, table);
    }
    let hit = sensor::hit(&target, table);
    let (about, what) = match &hit {
        Hit::Connect { el, .. } => (el, Decision::Connect),
        Hit::Send { el } => (el, Decision::Send),
        Hit::AddNote { .. } => (&target, Decision::AddNote),
        Hit::None => (&target, Decision::Nothing),
    };
    remember(Some(about), what.code(), trusted);
    let t = now();
    match hit {
        Hit::Connect {
            el,
            mut invitee,
            other_language,
        } => {
            if other_language {
                read_with_every_table();
            }
            if let Some(v) = invitee.vanity.clone() {
                invitee.urn = sensor::topcard_urn(&doc, &v);
            }
            // Who a note template would address, read now while the card is on screen.
            let name = invitee.name.as_deref().unwrap_or_default();
            notes::set_person(name, notes::headline_near(&el, name));
            let allowed = STATE.with(|s| {
                let mut s = s.borrow_mut();
                let allowed = s
                    .allow_once
                    .as_ref()
                    .is_some_and(|a| a.is_same_node(Some(&el)) || a.contains(Some(&el)));
                if allowed {
                    s.allow_once = None;
                }
                if trusted {
                    s.awaiting
                        .retain(|a| a.deadline > t && a.invitee != invitee);
                    s.awaiting.push(Awaiting {
                        invitee: invitee.clone(),
                        deadline: t + CONNECT_WAIT_MS,
                    });
                    // Some search pages send at the Connect click itself (docs/linkedin.md §5).
                    s.last_send_click = Some(t);
                }
                allowed
            });
            if trusted {
                report_signal("connect", t);
            }
            remove_hint();
            if !allowed {
                gate(&ev, el, Some(&invitee));
            }
        }
        Hit::Send { el } => {
            let bypass = STATE.with(|s| {
                let mut s = s.borrow_mut();
                if trusted {
                    for a in &mut s.awaiting {
                        a.deadline = t + SEND_WAIT_MS;
                    }
                    s.last_send_click = Some(t);
                }
                let ok = s.bypass_until > t
                    || s.allow_once
                        .as_ref()
                        .is_some_and(|a| a.is_same_node(Some(&el)));
                if ok {
                    s.bypass_until = 0.0;
                    s.allow_once = None;
                }
                ok
            });
            if trusted {
                report_signal("send", t);
            }
            if !bypass {
                gate(&ev, el, None);
            }
        }
        Hit::AddNote { dialog } if trusted => {
            STATE.with(|s| s.borrow_mut().note_click = Some((dialog, t)));
        }
        Hit::AddNote { .. } | Hit::None => {}
    }
}

/// The cooldown line for `invitee` when the member withdrew an invitation to them less than three
/// weeks ago (the same person as the background decides it, `person::likely_same_person`), naming them
/// as this page does.
fn cooldown_line(v: &View, invitee: &Invitee, now: f64) -> Option<String> {
    let c = v
        .cooldown
        .iter()
        .find(|c| c.until > now && likely_same_person(&c.who, invitee))?;
    let who = invitee
        .name
        .as_deref()
        .or(c.who.name.as_deref())
        .or(c.who.vanity.as_deref())
        .unwrap_or_default();
    Some(c.line.replace('\u{1}', who))
}

/// Stops the click when the budget is spent, or when Connect targets someone the member withdrew
/// an invitation to less than three weeks ago (LinkedIn refuses those, docs/linkedin.md §7), and
/// shows the panel. `invitee` is the Connect target; `None` for the dialog's Send.
fn gate(ev: &Event, el: Element, invitee: Option<&Invitee>) {
    // With the in-page UI off the background writes no texts, and nothing is stopped.
    let Some((texts, cooldown)) = STATE.with(|s| {
        let s = s.borrow();
        let view = s.guard.as_ref()?;
        let line = invitee.and_then(|i| cooldown_line(view, i, now()));
        let key = if view.stops {
            "panel"
        } else if line.is_some() {
            "cooldown_panel"
        } else {
            return None;
        };
        Some((get(&view.ui, key), line))
    }) else {
        return;
    };
    if !texts.is_object() {
        return;
    }
    // A panel already open stops the click behind it. One whose host the page removed is gone:
    // keeping it would eat every later click without a reason on screen (issue 10 finding 9).
    let open = STATE.with(|s| {
        let mut s = s.borrow_mut();
        if s.panel
            .as_ref()
            .is_some_and(|(host, ..)| !host.is_connected())
        {
            s.panel = None;
        }
        s.panel.is_some()
    });
    if open {
        ev.prevent_default();
        ev.stop_immediate_propagation();
        return;
    }
    let shown = ON_CHOICE
        .with(|f| panel::show_panel(&texts, cooldown, f.as_ref().unchecked_ref(), panel::theme()));
    // A panel that could not be shown stops nothing: a click eaten without a reason on screen would
    // look like a broken page.
    if let Ok(host) = shown {
        ev.prevent_default();
        ev.stop_immediate_propagation();
        STATE.with(|s| s.borrow_mut().panel = Some((host, el, invitee.is_some())));
    }
}

thread_local! {
    /// The panel's answer: "Send anyway" (true) or the safe choice (false).
    static ON_CHOICE: Closure<dyn FnMut(bool)> = Closure::new(on_choice);
}

fn on_choice(proceed: bool) {
    let Some((host, el, is_connect)) = STATE.with(|s| s.borrow_mut().panel.take()) else {
        return;
    };
    host.remove();
    if proceed {
        STATE.with(|s| {
            let mut s = s.borrow_mut();
            s.allow_once = Some(el.clone());
            if is_connect {
                s.bypass_until = now() + BYPASS_MS;
            }
        });
        // The member's own choice lets this one click through to LinkedIn.
        if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
            h.click();
        }
    } else {
        // "Keep it for later": this send will not happen, stop waiting for its Pending.
        STATE.with(|s| s.borrow_mut().awaiting.clear());
    }
}

fn close_panel() {
    if let Some((host, ..)) = STATE.with(|s| s.borrow_mut().panel.take()) {
        host.remove();
    }
}

pub fn remove_hint() {
    if let Some(h) = STATE.with(|s| s.borrow_mut().hint.take()) {
        h.remove();
    }
}

pub fn on_hover(ev: Event) {
    let Some(text) = STATE.with(|s| s.borrow().guard.as_ref().and_then(|g| g.hint.clone())) else {
        return;
    };
    let Some(target) = event_element(&ev) else {
        return;
    };
    let table = STATE.with(|s| s.borrow().table);
    if let Hit::Connect {
        el, other_language, ..
    } = sensor::hit(&target, table)
    {
        if other_language {
            read_with_every_table();
        }
        remove_hint();
        if let Ok(h) = panel::show_hint(&el, &text, panel::theme()) {
            STATE.with(|s| s.borrow_mut().hint = Some(h));
        }
    }
}

/// Runs after DOM changes (at most every 100 ms, `extension/content/entry.js`): navigation,
/// Pending confirmations, limit alerts.
pub fn check() {
    let doc = document();
    let href = doc
        .location()
        .and_then(|l| l.href().ok())
        .unwrap_or_default();
    // The first check (right after start) learns the page's address.
    let navigated = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let changed = !s.last_href.is_empty() && s.last_href != href;
        s.last_href = href;
        changed
    });
    if navigated {
        // The panel and hint belong to the page they were opened on.
        close_panel();
        remove_hint();
    }
    let t = now();
    let (table, awaiting) = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.awaiting.retain(|a| a.deadline > t);
        (
            s.table,
            s.awaiting
                .iter()
                .map(|a| a.invitee.clone())
                .collect::<Vec<_>>(),
        )
    });
    for invitee in awaiting {
        if !invitee.is_empty() && sensor::pending_for(&doc, &invitee, table) {
            STATE.with(|s| s.borrow_mut().awaiting.retain(|a| a.invitee != invitee));
            report_sent(&invitee, t);
            remember(None, Decision::Pending.code(), true);
        }
    }
    invitations::check(&doc);
    let in_page = STATE.with(|s| s.borrow().guard.as_ref().is_none_or(|g| g.in_page_ui));
    if in_page {
        notes::check();
    } else {
        notes::clear();
    }
    let (last_send, note_click) = STATE.with(|s| {
        let s = s.borrow();
        (s.last_send_click, s.note_click.clone())
    });
    // An alert is LinkedIn's answer to a send only right after one: the member's trusted click in
    // this frame, within `ALERT_WINDOW_MS` (issue 10 finding 4). Others are not even reported, so a
    // toast elsewhere costs nothing; a send clicked in another frame is seen by the API observer.
    let after_send = last_send.filter(|c| t - c <= ALERT_WINDOW_MS);
    let mut found: Vec<(Element, String, Option<Report>)> = sensor::alerts(&doc)
        .into_iter()
        .map(|(el, text)| {
            let report = after_send.map(|c| Report::Alert {
                text: text.clone(),
                clicked_at: c,
            });
            (el, text, report)
        })
        .collect();
    // A `/premium/` link is the note upsell only in the invite dialog whose "Add a note" the member
    // just clicked, or one holding the note field: an InMail or profile upsell is no refused note
    // (issue 10 finding 4).
    for (dialog, has_note_field) in sensor::premium_dialogs(&doc) {
        let clicked = note_click
            .as_ref()
            .filter(|(d, _)| d.is_same_node(Some(&dialog)))
            .map(|(_, at)| *at);
        let report = (clicked.is_some() || has_note_field).then_some(Report::NoteUpsell {
            clicked_at: clicked,
        });
        found.push((dialog, String::new(), report));
    }
    // Each is remembered when first seen, reported or not: an alert that was on the page before the
    // member's click answers nothing they did since.
    for (el, text, report) in found {
        let new = STATE.with(|s| {
            let mut s = s.borrow_mut();
            s.seen_alerts.retain(|(e, _)| e.is_connected());
            let known = s
                .seen_alerts
                .iter()
                .any(|(e, t)| e.is_same_node(Some(&el)) && *t == text);
            if !known {
                s.seen_alerts.push((el.clone(), text));
            }
            !known
        });
        if let (true, Some(report)) = (new, report) {
            let what = match report {
                Report::Alert { .. } => Decision::Alert,
                Report::NoteUpsell { .. } => Decision::NoteUpsell,
            };
            remember(Some(&el), what.code(), true);
            report_alert(report, t, &doc);
        }
    }
}

/// An invitee as the messages carry it (docs/protocol.md §2): `{vanity?, name?, urn?}`, absent
/// fields
/// left out.
fn invitee_object(invitee: &Invitee) -> Object {
    let o = Object::new();
    for (k, v) in [
        ("urn", &invitee.urn),
        ("vanity", &invitee.vanity),
        ("name", &invitee.name),
    ] {
        if let Some(v) = v {
            platform::set(&o, k, &v.into());
        }
    }
    o
}

fn report_sent(invitee: &Invitee, at: f64) {
    platform::content::send_report(
        &platform::object(&[
            ("kind", Kind::DomSent.name().into()),
            ("invitee", invitee_object(invitee).into()),
            ("at", at.into()),
        ])
        .into(),
    );
}

/// What the page showed that may be LinkedIn refusing: an alert's text right after a send, or the
/// Premium upsell in the invite dialog.
enum Report {
    Alert { text: String, clicked_at: f64 },
    NoteUpsell { clicked_at: Option<f64> },
}

/// Reports it with the member's click it answers (docs/protocol.md §2, `limit_alert`): the
/// background
/// reads the alert's text with the page language's table and counts a refusal only right after a
/// send it saw (`ledger::ALERT_WINDOW_MS`).
fn report_alert(report: Report, at: f64, doc: &Document) {
    let msg = platform::object(&[("kind", Kind::LimitAlert.name().into()), ("at", at.into())]);
    let clicked_at = match report {
        Report::Alert { text, clicked_at } => {
            platform::set(&msg, "text", &text.into());
            platform::set(&msg, "lang", &sensor::page_lang(doc).into());
            Some(clicked_at)
        }
        Report::NoteUpsell { clicked_at } => {
            platform::set(&msg, "alert", &"note_quota".into());
            clicked_at
        }
    };
    if let Some(c) = clicked_at {
        platform::set(&msg, "clicked_at", &c.into());
    }
    platform::content::send_report(&msg);
}
