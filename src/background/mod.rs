//! The background: the single writer (DESIGN.md "One writer").
//!
//! `extension/background.js` registers every listener synchronously (a Chrome service worker must,
//! platform.md §3) and runs these handlers one at a time through a promise queue, so two tabs sending
//! in the same second never interleave a read-modify-write of the ledger.

mod badge;
mod guard_ui;
mod held;
mod invitations;
mod notes;
mod store;

use crate::platform;
use invite_guard_core::import;
use invite_guard_core::invite_api::{is_invite_url, parse_invite_body};
use invite_guard_core::ledger::{AlertKind, Ledger, Observation};
use invite_guard_core::message::{self, Kind, Sender, FORBIDDEN};
use invite_guard_core::policy::{guard_state, GuardState};
use invite_guard_core::privacy;
use invite_guard_core::schema::{Plan, GUARD_KEY, NOTES_KEY, SENT_PAGE_KEY};
use invite_guard_core::settings::Settings;
use invite_guard_core::stored_values;
use invite_guard_core::time::{LocalDay, MINUTE_MS};
use invite_guard_core::{classify, locale};
use js_sys::{Array, Date, Object, Reflect, Uint8Array};
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

/// A time reported by a page, or now when it is missing or implausible (a page clock is the same
/// machine's clock, but a message may be replayed much later by a waking worker).
fn page_time(v: &JsValue, now: f64) -> f64 {
    v.as_f64()
        .filter(|t| t.is_finite() && (t - now).abs() < 5.0 * MINUTE_MS)
        .unwrap_or(now)
}

/// Start-up: migrate, then bring the badge, the `guard` key and the alarms up to date.
#[wasm_bindgen]
pub async fn bg_start() -> Result<(), JsValue> {
    let plan = store::migrate().await?;
    if let Plan::TooNew(v) = plan {
        web_sys::console::warn_1(&format!("Invite Guard: storage schema {v} is newer than this version; nothing will be written.").into());
    }
    platform::pages::alarm_every("tick", 30.0);
    // A minute after the browser starts (or the extension is installed), then daily.
    platform::pages::alarm_unless_set(HOUSEKEEPING, 1.0, 24.0 * 60.0).await;
    refresh(None).await
}

/// Applies one observation (or none), with anything held from an earlier failed write, and
/// republishes the state.
async fn refresh(obs: Option<Observation>) -> Result<(), JsValue> {
    let now = Date::now();
    let tz = tz_at(now);
    let mut loaded = store::load(LocalDay::at(now, tz)).await?;
    let new = obs
        .map(|o| held::Held::Obs(strip_names(o, &loaded.settings)))
        .into_iter()
        .collect();
    save(&mut loaded, new, now).await;
    publish(
        &loaded.ledger,
        &loaded.settings,
        loaded.guard.as_ref(),
        now,
        tz,
    )
    .await
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

fn strip_names(obs: Observation, settings: &Settings) -> Observation {
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

/// Sets the badge, writes `guard` when it changed (every LinkedIn tab gets it through
/// `storage.onChanged`) and `notes`, and sets the alarm for the next change by the clock. The badge
/// comes first: a write that fails (storage full, read-only) must not leave it stale.
async fn publish(
    ledger: &invite_guard_core::ledger::Ledger,
    settings: &Settings,
    old: Option<&GuardState>,
    now: f64,
    tz: i32,
) -> Result<(), JsValue> {
    let state = guard_state(ledger, settings, now, tz);
    badge::show(&state, held::failure().await.as_ref(), store::read_only());
    platform::pages::alarm_at("refresh", state.next_change(now, tz) + 1_000.0);
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
        notes::publish(ledger, settings, now, tz).await
    };
    match written.await {
        Ok(()) => held::settled().await,
        Err(e) => {
            held::failed(&e, now).await;
            badge::show(&state, held::failure().await.as_ref(), None);
        }
    }
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
/// `{ok: false, error: "forbidden"}` before it is read (issue 10 finding 5).
#[wasm_bindgen]
pub async fn bg_message(msg: JsValue, sender: JsValue) -> Result<JsValue, JsValue> {
    let now = Date::now();
    let name = get(&msg, "kind").as_string().unwrap_or_default();
    let Some(kind) = Kind::parse(&name) else {
        return answer(&[("ok", JsValue::FALSE), ("error", "unknown_kind".into())]);
    };
    let from = sender_kind(&sender);
    if !kind.allowed_from(from) {
        web_sys::console::warn_2(
            &format!("Invite Guard refused a {name:?} message from").into(),
            &get(&sender, "url"),
        );
        return answer(&[("ok", JsValue::FALSE), ("error", FORBIDDEN.into())]);
    }
    let tab = get(&get(&sender, "tab"), "id").as_f64().map(|t| t as i32);
    match kind {
        Kind::DomSent => {
            let invitee = invitations::invitee(&get(&msg, "invitee"), true);
            let at = page_time(&get(&msg, "at"), now);
            refresh(Some(Observation::DomSent {
                tab,
                invitee,
                at,
                tz: tz_at(at),
            }))
            .await?;
            answer(&[("ok", JsValue::TRUE)])
        }
        Kind::LimitAlert => {
            // The note upsell is known by its place (the content script's rule); an alert by its
            // text, which must be one of LinkedIn's limit messages as a whole, in the page's
            // language or, when that has no table, in any (`classify::alert_kind`, finding 4).
            let alert = if get(&msg, "alert").as_string().as_deref() == Some("note_quota") {
                Some(AlertKind::NoteQuota)
            } else {
                let lang = get(&msg, "lang").as_string().unwrap_or_default();
                let table = locale::is_supported(&lang).then(|| locale::table_for(&lang));
                get(&msg, "text")
                    .as_string()
                    .and_then(|t| classify::alert_kind(&t, table))
            };
            let Some(alert) = alert else {
                return answer(&[("ok", JsValue::FALSE), ("error", "not_an_alert".into())]);
            };
            let at = page_time(&get(&msg, "at"), now);
            let clicked_at = get(&msg, "clicked_at")
                .as_f64()
                .filter(|t| t.is_finite() && (at - t).abs() < 5.0 * MINUTE_MS);
            refresh(Some(Observation::Alert {
                tab,
                alert,
                at,
                tz: tz_at(at),
                clicked_at,
            }))
            .await?;
            answer(&[("ok", JsValue::TRUE)])
        }
        Kind::SentPage => invitations::sent_page(&msg, now).await,
        Kind::Withdrawn => invitations::withdrawn(&msg, tab, now).await,
        Kind::Connected => invitations::connected_msg(&msg, now).await,
        Kind::SetSettings => set_settings(get(&msg, "settings")).await,
        Kind::Import => import(get(&msg, "text"), now).await,
        Kind::FillTemplate => {
            let loaded = store::load(LocalDay::at(now, tz_at(now))).await?;
            notes::fill_template(&msg, &loaded.settings)
        }
        Kind::ClearAll => {
            store::clear_all().await?;
            notes::forget();
            held::clear().await;
            refresh(None).await?;
            answer(&[("ok", JsValue::TRUE)])
        }
    }
}

fn answer(fields: &[(&str, JsValue)]) -> Result<JsValue, JsValue> {
    Ok(platform::object(fields).into())
}

/// Imports an exported history: validated again here (the options page's preview may be stale, and
/// a message may come from anywhere in the extension), merged by event id, every month written back.
/// Answers `{ok, added, already, invalid}` or `{ok: false, error}` with an `ImportError` code.
async fn import(text: JsValue, now: f64) -> Result<JsValue, JsValue> {
    let fail = |code: &str| answer(&[("ok", JsValue::FALSE), ("error", code.into())]);
    if !store::writable() {
        return fail(store::READ_ONLY);
    }
    let Some(text) = text.as_string() else {
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
        return answer(&[
            ("ok", JsValue::FALSE),
            ("error", "no_room".into()),
            ("needed", needed.into()),
            ("free", free.into()),
        ]);
    }
    if let Err(e) = loaded.save_events().await {
        web_sys::console::warn_2(&"Invite Guard could not write the import:".into(), &e);
        return fail("write_failed");
    }
    store::housekeeping(now, tz_at(now)).await?;
    refresh(None).await?;
    answer(&[
        ("ok", JsValue::TRUE),
        ("added", (added as f64).into()),
        ("already", (preview.already as f64).into()),
        ("invalid", (preview.invalid.len() as f64).into()),
    ])
}

/// Validates and stores settings; answers `{ok, errors}`.
async fn set_settings(v: JsValue) -> Result<JsValue, JsValue> {
    let out = Object::new();
    let errors = Array::new();
    match serde_wasm_bindgen::from_value::<Settings>(v) {
        Ok(_) if !store::writable() => {
            // The storage belongs to a newer version: nothing is written (DESIGN.md "Trust
            // boundaries"), and the page says why.
            errors.push(&platform::object(&[
                ("code", store::READ_ONLY.into()),
                (
                    "message",
                    "Your data was saved by a newer version of Invite Guard; this version cannot change it."
                        .into(),
                ),
            ]));
        }
        Ok(s) => match s.validate() {
            Ok(()) => {
                let written = async {
                    store::save_settings(&s).await?;
                    if !s.store_names {
                        // Switching names off forgets the names already kept: in every month, and in
                        // the quarantine (issue 10 finding 2).
                        store::forget_names().await?;
                    }
                    // A shorter retention or "Don't keep who I invited" takes effect now.
                    let now = Date::now();
                    store::housekeeping(now, tz_at(now)).await?;
                    Ok::<(), JsValue>(())
                };
                if let Err(e) = written.await {
                    web_sys::console::warn_2(&"Invite Guard could not save settings:".into(), &e);
                    errors.push(&platform::object(&[
                        ("code", "write_failed".into()),
                        ("message", "The browser's storage refused the write.".into()),
                    ]));
                }
                refresh(None).await?;
            }
            Err(errs) => {
                // Codes (`settingsError_<code>` in _locales) with the template they name, and the
                // English text for any other caller.
                for e in errs {
                    let o = Object::new();
                    Reflect::set(&o, &"code".into(), &e.code().into())?;
                    if let Some(i) = e.template() {
                        Reflect::set(&o, &"template".into(), &(i as f64).into())?;
                    }
                    Reflect::set(&o, &"message".into(), &e.message().into())?;
                    errors.push(&o);
                }
            }
        },
        Err(e) => {
            let o = Object::new();
            Reflect::set(&o, &"code".into(), &"unreadable".into())?;
            Reflect::set(
                &o,
                &"message".into(),
                &format!("Unreadable settings: {e}").into(),
            )?;
            errors.push(&o);
        }
    }
    Reflect::set(
        &out,
        &"ok".into(),
        &JsValue::from_bool(errors.length() == 0),
    )?;
    Reflect::set(&out, &"errors".into(), &errors)?;
    Ok(out.into())
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
    if area.as_string().as_deref() != Some("local") {
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
    let notes = new_value(NOTES_KEY);
    let notes_damaged = !notes.is_undefined() && !get(&notes, "line").is_string();
    if notes_damaged {
        notes::forget();
    }
    // Our own keys that nothing else is computed from: `guard`, `notes` and `sent_page`.
    let own = keys.iter().all(|k| {
        matches!(
            k.as_string().as_deref(),
            Some(GUARD_KEY | NOTES_KEY | SENT_PAGE_KEY)
        )
    });
    if own && !guard_damaged && !notes_damaged {
        return Ok(());
    }
    refresh(None).await
}
