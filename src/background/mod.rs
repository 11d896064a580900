//! The background: the single writer (DESIGN.md "One writer").
//!
//! `extension/background.js` registers every listener synchronously (a Chrome service worker must,
//! platform.md §3) and runs these handlers one at a time through a promise queue, so two tabs sending
//! in the same second never interleave a read-modify-write of the ledger.

mod badge;
mod guard_ui;
mod invitations;
mod notes;
mod store;

use crate::platform;
use invite_guard_core::import;
use invite_guard_core::invite_api::{is_invite_url, parse_invite_body};
use invite_guard_core::ledger::{AlertKind, Invitee, Ledger, Observation};
use invite_guard_core::policy::{guard_state, GuardState};
use invite_guard_core::schema::{Plan, GUARD_KEY, NOTES_KEY, SENT_PAGE_KEY, SETTINGS_KEY};
use invite_guard_core::settings::Settings;
use invite_guard_core::time::{LocalDay, MINUTE_MS};
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
    static READ_ONLY: RefCell<bool> = const { RefCell::new(false) };
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
        READ_ONLY.with(|r| *r.borrow_mut() = true);
    }
    platform::pages::alarm_every("tick", 30.0);
    refresh(None).await
}

/// Applies one observation (or none) and republishes the state.
async fn refresh(obs: Option<Observation>) -> Result<(), JsValue> {
    let now = Date::now();
    let tz = tz_at(now);
    let read_only = READ_ONLY.with(|r| *r.borrow());
    let mut loaded = store::load(LocalDay::at(now, tz), read_only).await?;
    if let Some(obs) = obs {
        let obs = strip_names(obs, &loaded.settings);
        loaded.ledger.apply(&obs);
        loaded.save_events().await?;
    }
    publish(
        &loaded.ledger,
        &loaded.settings,
        loaded.guard.as_ref(),
        now,
        tz,
        read_only,
    )
    .await
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

/// Writes `guard` when it changed (every LinkedIn tab gets it through `storage.onChanged`), sets the
/// badge and the alarm for the next change by the clock.
async fn publish(
    ledger: &invite_guard_core::ledger::Ledger,
    settings: &Settings,
    old: Option<&GuardState>,
    now: f64,
    tz: i32,
    read_only: bool,
) -> Result<(), JsValue> {
    let state = guard_state(ledger, settings, now, tz);
    let same = old.is_some_and(|o| {
        GuardState {
            computed_at: state.computed_at,
            ..o.clone()
        } == state
    });
    if !same && !read_only {
        let value = store::to_js(&state)?;
        platform::set(&value, "ui", &guard_ui::ui(&state));
        store::storage_set(&[(GUARD_KEY.into(), value)]).await?;
    }
    if !read_only {
        notes::publish(ledger, settings, now, tz).await?;
    }
    badge::show(&state);
    platform::pages::alarm_at("refresh", state.next_change(now, tz) + 1_000.0);
    Ok(())
}

/// `runtime.onMessage` from content scripts and extension pages.
#[wasm_bindgen]
pub async fn bg_message(msg: JsValue, sender: JsValue) -> Result<JsValue, JsValue> {
    let now = Date::now();
    let tab = get(&get(&sender, "tab"), "id").as_f64().map(|t| t as i32);
    let kind = get(&msg, "kind").as_string().unwrap_or_default();
    match kind.as_str() {
        "dom_sent" => {
            let inv = get(&msg, "invitee");
            let field = |k: &str| {
                get(&inv, k)
                    .as_string()
                    .filter(|s| !s.is_empty() && s.len() < 300)
            };
            let invitee = Invitee {
                urn: field("urn"),
                vanity: field("vanity"),
                name: field("name"),
            };
            let at = page_time(&get(&msg, "at"), now);
            refresh(Some(Observation::DomSent {
                tab,
                invitee,
                at,
                tz: tz_at(at),
            }))
            .await?;
            Ok(JsValue::TRUE)
        }
        "limit_alert" => {
            let alert = match get(&msg, "alert").as_string().as_deref() {
                Some("weekly") => AlertKind::Weekly,
                Some("note_quota") => AlertKind::NoteQuota,
                _ => return Ok(JsValue::FALSE),
            };
            let at = page_time(&get(&msg, "at"), now);
            refresh(Some(Observation::Alert {
                tab,
                alert,
                at,
                tz: tz_at(at),
            }))
            .await?;
            Ok(JsValue::TRUE)
        }
        "sent_page" => invitations::sent_page(&msg, now).await,
        "withdrawn" => invitations::withdrawn(&msg, tab, now).await,
        "connected" => invitations::connected_msg(&msg, now).await,
        "set_settings" => set_settings(get(&msg, "settings")).await,
        "import" => import(get(&msg, "text"), now).await,
        "fill_template" => {
            // Reads settings only: nothing to queue behind a write, but the queue keeps it simple.
            let loaded = store::load(LocalDay::at(now, tz_at(now)), true).await?;
            notes::fill_template(&msg, &loaded.settings)
        }
        "clear_all" => {
            store::clear_all().await?;
            notes::forget();
            // The member deleted everything, data of a newer version included: nothing is left
            // that this version could misread.
            READ_ONLY.with(|r| *r.borrow_mut() = false);
            refresh(None).await?;
            answer(&[("ok", JsValue::TRUE)])
        }
        _ => Ok(JsValue::FALSE),
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
    if READ_ONLY.with(|r| *r.borrow()) {
        return fail("read_only");
    }
    let Some(text) = text.as_string() else {
        return fail("not_json");
    };
    let mut loaded = store::load_all(false).await?;
    let preview = match import::preview(loaded.ledger.events(), &text, now) {
        Ok(p) => p,
        Err(e) => return fail(e.code()),
    };
    let added = preview.add.len();
    let mut events = loaded.ledger.events().to_vec();
    events.extend(preview.add.into_iter().map(|mut e| {
        if !loaded.settings.store_names {
            e.invitee.name = None;
        }
        e
    }));
    loaded.ledger = Ledger::from_events(events);
    loaded.save_events().await?;
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
        Ok(s) => match s.validate() {
            Ok(()) => {
                let pairs = vec![(SETTINGS_KEY.to_string(), store::to_js(&s)?)];
                if !s.store_names {
                    // Switching names off also forgets the names already kept.
                    let now = Date::now();
                    let mut loaded = store::load(LocalDay::at(now, tz_at(now)), false).await?;
                    loaded.ledger.forget_names();
                    loaded.save_events().await?;
                }
                store::storage_set(&pairs).await?;
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

/// `alarms.onAlarm`: local midnight, a weekly slot freeing, a refusal hold ending, or the tick.
#[wasm_bindgen]
pub async fn bg_alarm() -> Result<(), JsValue> {
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
    // Our own keys that nothing else is computed from: `guard`, `notes` and `sent_page`.
    if keys.iter().all(|k| {
        matches!(
            k.as_string().as_deref(),
            Some(GUARD_KEY | NOTES_KEY | SENT_PAGE_KEY)
        )
    }) {
        return Ok(());
    }
    refresh(None).await
}
