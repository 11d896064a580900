//! The background: the single writer (docs/architecture.md §3).
//!
//! `extension/background.js` registers every listener synchronously (a Chrome service worker must,
//! docs/browsers.md §1) and runs these handlers one at a time through a promise queue, so two tabs
//! sending
//! in the same second never interleave a read-modify-write of the ledger.

mod badge;
mod glance;
mod guard_ui;
mod held;
mod invitations;
mod notes;
mod store;
mod sync;

use crate::platform;
use invite_guard_core::glance::Glance;
use invite_guard_core::import;
use invite_guard_core::invite_api::{is_invite_url, parse_invite_body};
use invite_guard_core::ledger::{Ledger, Observation};
use invite_guard_core::message::{
    self, answer, page_time, DecodeError, Kind, LimitAlert, Message, PageLanguage, PageSignal,
    PersonSeen, Sender, FORBIDDEN, UNKNOWN_KIND,
};
use invite_guard_core::policy::{guard_state_with, GuardState};
use invite_guard_core::privacy::{self, strip_names};
use invite_guard_core::schema::{
    Plan, GLANCE_KEY, GUARD_KEY, NOTES_KEY, PAGE_SIGNALS_KEY, SENT_PAGE_KEY, SENT_TOTAL_MISSED_KEY,
};
use invite_guard_core::self_check::{self, Click, PageSignals};
use invite_guard_core::settings::Settings;
use invite_guard_core::stored_values;
use invite_guard_core::time::LocalDay;
use js_sys::{Array, Date, Object, Uint8Array};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What a request body told: the invitee's URN id, whether a note was attached, and its length.
type BodyFacts = (Option<String>, Option<bool>, Option<u32>);

thread_local! {
    /// Invitation request bodies seen in `onBeforeRequest`, by request id, until `onCompleted`.
    static BODIES: RefCell<BTreeMap<String, BodyFacts>> = const { RefCell::new(BTreeMap::new()) };
}

use crate::platform::get;

/// `getTimezoneOffset()` at `at`: DST makes it differ between two moments.
fn tz_at(at: f64) -> i32 {
    Date::new(&JsValue::from_f64(at)).get_timezone_offset() as i32
}

/// Start-up: migrate, then bring the badge, the `guard` key and the alarms up to date.
#[wasm_bindgen]
pub async fn bg_start() -> Result<(), JsValue> {
    let plan = store::migrate().await?;
    if let Plan::TooNew(v) = plan {
        web_sys::console::warn_1(&format!("Invite Guard: storage schema {v} is newer than this version; nothing will be written.").into());
    }
    // Every 30 minutes, a refresh that also retries a write that failed. Created only when missing:
    // creating it at every start would restart its period, and a Chrome service worker starts many
    // times a day.
    platform::pages::alarm_unless_set("tick", 30.0, 30.0).await;
    // A minute after the browser starts (or the extension is installed), then daily.
    platform::pages::alarm_unless_set(HOUSEKEEPING, 1.0, 24.0 * 60.0).await;
    refresh(None).await
}

/// Applies one observation (or none), with anything held from an earlier failed write, and
/// republishes the state.
async fn refresh(obs: Option<Observation>) -> Result<(), JsValue> {
    refresh_with(obs, |_, _| false).await
}

/// [`refresh`], with a change to the page's signals first (`page_signals`, written when `change`
/// says it changed something): the self-check's evidence (docs/architecture.md §11).
async fn refresh_with(
    obs: Option<Observation>,
    change: impl FnOnce(&mut PageSignals, f64) -> bool,
) -> Result<(), JsValue> {
    let now = Date::now();
    let tz = tz_at(now);
    let mut loaded = store::load(LocalDay::at(now, tz)).await?;
    if change(&mut loaded.signals, now) {
        store::save_signals(&loaded.signals).await;
    }
    let new = obs
        .map(|o| held::Held::Obs(strip_names(o, &loaded.settings)))
        .into_iter()
        .collect();
    save(&mut loaded, new, now).await;
    publish(&loaded, now, tz).await
}

/// Applies `new` (and anything held) to `loaded` and writes the months that changed. What cannot be
/// written (storage full, or read-only) stays held and counted (`held.rs`); the write is tried again
/// at the next event or alarm tick.
async fn save(loaded: &mut store::Loaded, new: Vec<held::Held>, now: f64) {
    if !held::apply(&mut loaded.ledger, new).await {
        return;
    }
    if !store::writable() {
        return;
    }
    match loaded.save_events().await {
        Ok(()) => held::written().await,
        Err(e) => held::failed(&e, now).await,
    }
}

/// Sets the badge, writes `guard` when it changed (every LinkedIn tab gets it through
/// `storage.onChanged`) and `notes`, and sets the alarm for the next change by the clock, or for
/// the moment the self-check decides a send it is waiting on (docs/architecture.md §11). The badge
/// comes first: a write that fails (storage full, read-only) must not leave it stale.
async fn publish(loaded: &store::Loaded, now: f64, tz: i32) -> Result<(), JsValue> {
    let (ledger, settings, old) = (&loaded.ledger, &loaded.settings, loaded.guard.as_ref());
    // The member's other computers (issue 14): their sends count here, and this one's go to them.
    let me = sync::known_device().await;
    let remote = sync::remote(settings, me.as_ref(), ledger.events(), now).await;
    let mut state = guard_state_with(ledger, &remote, settings, now, tz);
    let (check, decided_at) = self_check::self_check(ledger.events(), &loaded.signals, now);
    state.self_check = check;
    badge::show(&state, held::failure().await.as_ref(), store::read_only());
    let next = decided_at.map_or(state.next_change(now, tz), |d| {
        d.min(state.next_change(now, tz))
    });
    platform::pages::alarm_at("refresh", next + 1_000.0);
    if !store::writable() {
        return Ok(());
    }
    let same = old.is_some_and(|o| {
        GuardState {
            computed_at: state.computed_at,
            ..o.clone()
        } == state
    });
    let written = async {
        if !same {
            let value = store::to_js(&state)?;
            platform::set(&value, "ui", &guard_ui::ui(&state));
            store::storage_set(&[(GUARD_KEY.into(), value)]).await?;
        }
        notes::publish(ledger, settings, now, tz).await?;
        glance::publish(ledger, now, tz).await
    };
    match written.await {
        Ok(()) => held::settled().await,
        Err(e) => {
            held::failed(&e, now).await;
            badge::show(&state, held::failure().await.as_ref(), None);
        }
    }
    sync::share(settings, ledger.events(), &remote.stale, now).await;
    Ok(())
}

/// Who sent a message (`core::message::sender_of`): LinkedIn's page, one of our own pages, or
/// anyone else.
fn sender_kind(sender: &JsValue) -> Sender {
    let s = |k: &str| get(sender, k).as_string();
    message::sender_of(
        s("id").as_deref(),
        &platform::pages::runtime_id(),
        s("url").as_deref(),
        s("origin").as_deref(),
        &platform::pages::extension_base(),
    )
}

/// `runtime.onMessage` from content scripts and extension pages. A message is a claim: its kind
/// decides who may send it (`core::message`), and anything else is refused with
/// `{ok: false, error: "forbidden"}` before it is read (issue 10 finding 5). Then it is read once
/// into a `core::message::Message` and handed to its kind's handler.
#[wasm_bindgen]
pub async fn bg_message(msg: JsValue, sender: JsValue) -> Result<JsValue, JsValue> {
    let now = Date::now();
    let name = get(&msg, "kind").as_string().unwrap_or_default();
    let Some(kind) = Kind::parse(&name) else {
        return reply(&answer::Failed::new(UNKNOWN_KIND));
    };
    let from = sender_kind(&sender);
    if !kind.allowed_from(from) {
        web_sys::console::warn_2(
            &format!("Invite Guard refused a {name:?} message from").into(),
            &get(&sender, "url"),
        );
        return reply(&answer::Failed::new(FORBIDDEN));
    }
    let tab = get(&get(&sender, "tab"), "id").as_f64().map(|t| t as i32);
    let message = match decode(&msg, &name) {
        Ok(m) => m,
        // Taken as its kind without fields, as garbage always was (`Message::empty`); settings
        // that do not read are refused.
        Err(e) => match Message::empty(kind) {
            Some(m) => {
                let why = format!("Invite Guard: {e}; taken as one without fields");
                web_sys::console::warn_1(&why.into());
                m
            }
            None => return reply(&answer::Settings::unreadable(&e.reason)),
        },
    };
    match message {
        Message::DomSent(m) => dom_sent(m, tab, now).await,
        Message::LimitAlert(m) => limit_alert(m, tab, now).await,
        Message::SentPage(m) => invitations::sent_page(m, now).await,
        Message::Withdrawn(m) => invitations::withdrawn(m, tab, now).await,
        Message::Connected(m) => invitations::connected(m, now).await,
        Message::FillTemplate(m) => notes::fill_template(m, now).await,
        Message::PageSignal(m) => page_signal(m, tab, now).await,
        Message::PageLanguage(m) => {
            let top = get(&sender, "frameId").as_f64() == Some(0.0);
            page_language(m, top).await
        }
        Message::SetSettings(m) => set_settings(m.settings).await,
        Message::Import(m) => import(m.text, now).await,
        Message::ClearAll => clear_all().await,
        Message::SetDeviceName(m) => set_device_name(m.name.unwrap_or_default()).await,
    }
}

/// A message as core reads it, from its JSON form (`JSON.stringify`, as every stored value is
/// read): serde_json's reader is in the module already for storage and import, and
/// serde-wasm-bindgen's `from_value` made it 3.4 KB larger (measured).
fn decode(msg: &JsValue, kind: &str) -> Result<Message, DecodeError> {
    let json = platform::pages::to_json(msg).ok_or_else(|| DecodeError {
        kind: kind.to_string(),
        reason: "not JSON".into(),
    })?;
    Message::from_json(json)
}

/// An answer as the plain object `runtime.onMessage` returns.
fn reply(a: &impl Serialize) -> Result<JsValue, JsValue> {
    platform::pages::to_js(a)
}

/// `dom_sent`: a send click followed by Pending. The name is dropped later when names are not kept
/// (`privacy::strip_names` in `refresh`). Answers `{ok}`.
async fn dom_sent(m: PersonSeen, tab: Option<i32>, now: f64) -> Result<JsValue, JsValue> {
    let at = page_time(m.at, now);
    refresh(Some(Observation::DomSent {
        tab,
        invitee: message::invitee(m.invitee.as_ref(), true),
        at,
        tz: tz_at(at),
    }))
    .await?;
    reply(&answer::Done::OK)
}

/// `limit_alert`: LinkedIn's limit alert or note upsell, as `LimitAlert::alert_kind` reads it; the
/// ledger decides whether it was a refusal (`Observation::Alert`). Answers `{ok}`, or
/// `{ok: false, error: "not_an_alert"}`.
async fn limit_alert(m: LimitAlert, tab: Option<i32>, now: f64) -> Result<JsValue, JsValue> {
    let Some(alert) = m.alert_kind() else {
        return reply(&answer::Failed::new("not_an_alert"));
    };
    let at = page_time(m.at, now);
    refresh(Some(Observation::Alert {
        tab,
        alert,
        at,
        tz: tz_at(at),
        clicked_at: m.clicked_at(at),
    }))
    .await?;
    reply(&answer::Done::OK)
}

/// `page_signal`: the member's trusted click on a Connect or Send control the sensor recognised,
/// kept with its tab in `page_signals` as the self-check's evidence that the guard sees
/// (docs/architecture.md §11). Answers `{ok}`, or `{ok: false, error: "no_signal"}`.
async fn page_signal(m: PageSignal, tab: Option<i32>, now: f64) -> Result<JsValue, JsValue> {
    let (Some(signal), Some(tab)) = (m.signal, tab) else {
        return reply(&answer::Failed::new("no_signal"));
    };
    let click = Click {
        signal,
        at: page_time(m.at, now),
        tab,
    };
    refresh_with(None, |s, now| s.add_click(click, now)).await?;
    reply(&answer::Done::OK)
}

/// `page_language`: a top frame's `<html lang>`, sent when it has no table or when `guard` says a
/// language without one was seen: sets or clears the self-check's language state
/// (docs/architecture.md §11). Only a top frame counts: LinkedIn's `/preload/` frame may carry
/// another `lang`. Answers `{ok}`, or `{ok: false, error}` (`not_top_frame`, `no_language`).
async fn page_language(m: PageLanguage, top: bool) -> Result<JsValue, JsValue> {
    if !top {
        return reply(&answer::Failed::new("not_top_frame"));
    }
    let Some(lang) = message::text(m.lang.as_deref())
        .filter(|l| invite_guard_core::locale::language_code(l).is_some())
    else {
        return reply(&answer::Failed::new("no_language"));
    };
    refresh_with(None, |s, now| s.page_language(&lang, now)).await?;
    reply(&answer::Done::OK)
}

/// `clear_all`: empties `storage.local` and starts afresh. Answers `{ok}`.
async fn clear_all() -> Result<JsValue, JsValue> {
    // This computer's counts leave sync too, and it starts again under a new id.
    sync::withdraw().await;
    sync::forget_device();
    store::clear_all().await?;
    notes::forget();
    glance::forget();
    held::clear().await;
    refresh(None).await?;
    reply(&answer::Done::OK)
}

/// `set_device_name`: this computer's name as its other computers show it (issue 14). Answers
/// `{ok, name}` with the name as kept, or `{ok: false, error: "read_only" | "write_failed"}`.
async fn set_device_name(name: String) -> Result<JsValue, JsValue> {
    if !store::writable() {
        return reply(&answer::Failed::new(store::READ_ONLY));
    }
    match sync::rename(&name).await {
        Ok(name) => {
            refresh(None).await?;
            reply(&answer::DeviceName { ok: true, name })
        }
        Err(e) => {
            web_sys::console::warn_2(&"Invite Guard could not rename this computer:".into(), &e);
            reply(&answer::Failed::new("write_failed"))
        }
    }
}

/// Imports an exported history: validated again here (the options page's preview may be stale, and
/// a message may come from anywhere in the extension), merged by event id, every month written back.
/// Answers `{ok, added, already, invalid}` or `{ok: false, error}` with an `ImportError` code.
async fn import(text: Option<String>, now: f64) -> Result<JsValue, JsValue> {
    let fail = |code: &str| reply(&answer::Failed::new(code));
    if !store::writable() {
        return fail(store::READ_ONLY);
    }
    let Some(text) = text else {
        return fail("not_json");
    };
    let mut loaded = store::load_all().await?;
    let preview = match import::preview(loaded.ledger.events(), &text, now) {
        Ok(p) => p,
        Err(e) => return fail(e.code()),
    };
    let mut add = preview.add;
    if let Some(m) = loaded.settings.retention_months {
        // What is older than the member keeps is not imported.
        add = privacy::expire(add, privacy::retention_cutoff(now, tz_at(now), m)).0;
    }
    let added = add.len();
    let mut events = loaded.ledger.events().to_vec();
    events.extend(add.into_iter().map(|mut e| {
        if !loaded.settings.store_names {
            e.invitee.name = None;
        }
        e
    }));
    loaded.ledger = Ledger::from_events(events);
    // A file that would not fit is refused before anything is written, with the figures; a write
    // that fails anyway changes nothing (one `storage.local.set`).
    if let Some((needed, free)) = loaded.would_not_fit().await {
        return reply(&answer::NoRoom::new(needed, free));
    }
    if let Err(e) = loaded.save_events().await {
        web_sys::console::warn_2(&"Invite Guard could not write the import:".into(), &e);
        return fail("write_failed");
    }
    if added > 0 {
        // The imported sends' page signals were recorded elsewhere, if anywhere: the self-check
        // judges only what comes after (docs/architecture.md §11).
        loaded.signals = PageSignals {
            since: now,
            ..loaded.signals
        };
        store::save_signals(&loaded.signals).await;
    }
    store::housekeeping(now, tz_at(now)).await?;
    refresh(None).await?;
    reply(&answer::Import {
        ok: true,
        added: added as u32,
        already: preview.already as u32,
        invalid: preview.invalid.len() as u32,
    })
}

/// Validates and stores settings; answers `{ok, errors}`.
async fn set_settings(s: Settings) -> Result<JsValue, JsValue> {
    if !store::writable() {
        // The storage belongs to a newer version: nothing is written (docs/architecture.md §6.2),
        // and the page says why.
        return reply(&answer::Settings::with(vec![answer::SettingsError {
            code: store::READ_ONLY.into(),
            template: None,
            message:
                "Your data was saved by a newer version of Invite Guard; this version cannot change it."
                    .into(),
        }]));
    }
    if let Err(errs) = s.validate() {
        // Codes (`settingsError_<code>` in _locales) with the template they name, and the English
        // text for any other caller.
        return reply(&answer::Settings::with(
            errs.iter().map(answer::SettingsError::from).collect(),
        ));
    }
    let written = async {
        store::save_settings(&s).await?;
        if !s.share_counts {
            // Sharing switched off: this computer's item leaves sync at once.
            sync::withdraw().await;
        }
        if !s.store_names {
            // Switching names off forgets the names already kept: in every month, and in the
            // quarantine (issue 10 finding 2).
            store::forget_names().await?;
        }
        // A shorter retention or "Don't keep who I invited" takes effect now.
        let now = Date::now();
        store::housekeeping(now, tz_at(now)).await?;
        Ok::<(), JsValue>(())
    };
    let mut errors = Vec::new();
    if let Err(e) = written.await {
        web_sys::console::warn_2(&"Invite Guard could not save settings:".into(), &e);
        errors.push(answer::SettingsError {
            code: "write_failed".into(),
            template: None,
            message: "The browser's storage refused the write.".into(),
        });
    }
    refresh(None).await?;
    reply(&answer::Settings::with(errors))
}

/// `webRequest.onBeforeRequest` for the invitation endpoints: keeps who was invited and whether a
/// note was attached until the response arrives.
#[wasm_bindgen]
pub fn bg_before_request(details: JsValue) {
    let url = get(&details, "url").as_string().unwrap_or_default();
    if get(&details, "method").as_string().as_deref() != Some("POST") || !is_invite_url(&url) {
        return;
    }
    let id = get(&details, "requestId").as_string().unwrap_or_default();
    let body = request_body_text(&get(&details, "requestBody"));
    let parsed = body.as_deref().map(parse_invite_body).unwrap_or_default();
    BODIES.with(|b| {
        let mut b = b.borrow_mut();
        // Bounded: a request that never completes must not grow this forever.
        if b.len() > 200 {
            b.clear();
        }
        b.insert(
            id,
            (parsed.urn, parsed.note, parsed.note_len.map(|n| n as u32)),
        );
    });
}

/// The request body as text: raw bytes (a `fetch` with a string body) or form data.
fn request_body_text(rb: &JsValue) -> Option<String> {
    let raw = get(rb, "raw");
    if Array::is_array(&raw) {
        let mut bytes = Vec::new();
        for part in Array::from(&raw).iter() {
            let b = get(&part, "bytes");
            if b.is_object() {
                bytes.extend(Uint8Array::new(&b).to_vec());
            }
        }
        return String::from_utf8(bytes).ok();
    }
    None
}

/// The milliseconds this worker has waited on storage reads and writes, `[read, write]`: read by
/// the benchmark's cold start (background.js, tests/bench), which prints them apart from the work.
#[wasm_bindgen]
pub fn bg_storage_waited() -> Array {
    let (r, w) = store::waited_ms();
    Array::of2(&r.into(), &w.into())
}

/// `webRequest.onCompleted` for the invitation endpoints: 2xx is a sent invitation, 429 a refusal.
#[wasm_bindgen]
pub async fn bg_request_done(details: JsValue) -> Result<(), JsValue> {
    let url = get(&details, "url").as_string().unwrap_or_default();
    if get(&details, "method").as_string().as_deref() != Some("POST") || !is_invite_url(&url) {
        return Ok(());
    }
    let request_id = get(&details, "requestId").as_string().unwrap_or_default();
    let status = get(&details, "statusCode").as_f64().unwrap_or(0.0) as u16;
    let at = get(&details, "timeStamp")
        .as_f64()
        .unwrap_or_else(Date::now);
    let tab = get(&details, "tabId")
        .as_f64()
        .filter(|t| *t >= 0.0)
        .map(|t| t as i32);
    let (urn, note, note_len) = BODIES
        .with(|b| b.borrow_mut().remove(&request_id))
        .unwrap_or((None, None, None));
    refresh(Some(Observation::Api {
        request_id,
        status,
        tab,
        urn,
        note,
        note_len,
        at,
        tz: tz_at(at),
    }))
    .await
}

/// The daily alarm that applies the member's retention and "Don't keep who I invited".
const HOUSEKEEPING: &str = "housekeeping";

/// `alarms.onAlarm` (with the alarm's name): local midnight, a weekly slot freeing, a refusal hold
/// ending, the tick (which also retries a write that failed), or the daily housekeeping.
#[wasm_bindgen]
pub async fn bg_alarm(name: JsValue) -> Result<(), JsValue> {
    if name.as_string().as_deref() == Some(HOUSEKEEPING) {
        let now = Date::now();
        store::housekeeping(now, tz_at(now)).await?;
    }
    refresh(None).await
}

/// `storage.onChanged`: settings or events changed by someone else (a test seeding storage, an
/// import) mean the guard must be recomputed. Our own `guard` writes are ignored.
#[wasm_bindgen]
pub async fn bg_storage_changed(changes: JsValue, area: JsValue) -> Result<(), JsValue> {
    let area = area.as_string().unwrap_or_default();
    if area == "sync" {
        // Another computer's item arrived or changed (issue 14).
        return if sync::changed(&changes) {
            refresh(None).await
        } else {
            Ok(())
        };
    }
    if area != "local" {
        return Ok(());
    }
    let keys = Object::keys(changes.unchecked_ref::<Object>());
    // The derived keys, `guard` and `notes`, damaged by someone else (a hand edit, another tool): they
    // are written again at once, as the page reads them.
    let new_value = |k: &str| get(&get(&changes, k), "newValue");
    let guard = new_value(GUARD_KEY);
    let guard_damaged = !guard.is_undefined()
        && stored_values::guard(platform::pages::to_json(&guard).as_ref())
            .ok()
            .is_none();
    if keys
        .iter()
        .any(|k| k.as_string().as_deref() == Some(invite_guard_core::sync::DEVICE_KEY))
    {
        // This computer's identity changed or went (storage cleared by someone else): read it again.
        sync::device_stored(&new_value(invite_guard_core::sync::DEVICE_KEY));
    }
    let notes = new_value(NOTES_KEY);
    let notes_damaged = !notes.is_undefined() && !get(&notes, "line").is_string();
    if notes_damaged {
        notes::forget();
    }
    // `glance` damaged or removed by someone else: written again, as the popup reads it.
    let glance_changed = !get(&changes, GLANCE_KEY).is_undefined();
    let glance_damaged = glance_changed
        && Glance::read(platform::pages::to_json(&new_value(GLANCE_KEY)).as_ref()).is_none();
    if glance_damaged {
        glance::forget();
    }
    // Our own keys that nothing else is computed from: `guard`, `notes`, `sent_page`,
    // `sent_total_missed` and `page_signals` (read again at the next event, and started afresh if
    // damaged).
    let own = keys.iter().all(|k| {
        matches!(
            k.as_string().as_deref(),
            Some(
                GUARD_KEY
                    | NOTES_KEY
                    | SENT_PAGE_KEY
                    | SENT_TOTAL_MISSED_KEY
                    | PAGE_SIGNALS_KEY
                    | GLANCE_KEY
                    | invite_guard_core::sync::DEVICE_KEY
            )
        )
    });
    if own && !guard_damaged && !notes_damaged && !glance_damaged {
        return Ok(());
    }
    refresh(None).await
}
