//! The one facade over the extension APIs (docs/architecture.md §1). Nothing else touches `browser`
//! or
//! `chrome`.
//!
//! The namespace is `browser` when it is a real extension object, else `chrome`. A page element with
//! `id="browser"` leaks into the content script's globals through named access, so "exists" is not
//! enough: it must carry `runtime.id` (the guard uBlock Origin uses; docs/browsers.md §2). Both
//! return
//! promises under MV3.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// `obj[key]`, or `undefined` when it cannot be read.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `obj[key] = value` (messages, answers and stored values are plain objects, which always take it).
pub fn set(obj: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// A plain object with these fields, in this order.
pub fn object(fields: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in fields {
        set(&o, k, v);
    }
    o
}

#[wasm_bindgen]
extern "C" {
    /// The script's own global. In a Firefox content script that is the sandbox, where `browser`
    /// lives; `js_sys::global()` tries `self` first, which there is the page's window, without the
    /// extension APIs (found by the Firefox end-to-end tests).
    #[wasm_bindgen(thread_local_v2, js_name = globalThis)]
    static GLOBAL_THIS: JsValue;
}

/// `browser` or `chrome`, looked up once per script.
pub fn namespace() -> JsValue {
    thread_local! {
        static NAMESPACE: JsValue = {
            let g = GLOBAL_THIS.with(JsValue::clone);
            let browser = get(&g, "browser");
            if browser.is_object() && get(&get(&browser, "runtime"), "id").is_string() {
                browser
            } else {
                get(&g, "chrome")
            }
        };
    }
    NAMESPACE.with(JsValue::clone)
}

/// `namespace.<path…>` (e.g. `["storage", "local"]`).
fn api(path: &[&str]) -> JsValue {
    path.iter().fold(namespace(), |o, k| get(&o, k))
}

/// Calls `namespace.<path>(args…)` with the right `this`; an exception or a missing API becomes
/// `Err` (a content script whose extension was reloaded loses its APIs: the page must not notice).
fn call(path: &[&str], method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let obj = api(path);
    let f: Function = get(&obj, method)
        .dyn_into()
        .map_err(|_| JsValue::from_str("extension API missing"))?;
    let a = Array::new();
    for x in args {
        a.push(x);
    }
    f.apply(&obj, &a)
}

fn promise(r: Result<JsValue, JsValue>) -> Promise {
    match r {
        Ok(v) => v
            .dyn_into::<Promise>()
            .unwrap_or_else(|v| Promise::resolve(&v)),
        Err(e) => Promise::reject(&e),
    }
}

/// `storage.local.get(keys)`; `keys` is a string, an array of strings, or `null` for everything.
pub fn storage_get(keys: &JsValue) -> Promise {
    promise(call(
        &["storage", "local"],
        "get",
        std::slice::from_ref(keys),
    ))
}

/// `storage.local.set(items)`. Only the background calls it (docs/architecture.md §3).
pub fn storage_set(items: &Object) -> Promise {
    promise(call(&["storage", "local"], "set", &[items.into()]))
}

/// `storage.local.remove(keys)`.
pub fn storage_remove(keys: &JsValue) -> Promise {
    promise(call(
        &["storage", "local"],
        "remove",
        std::slice::from_ref(keys),
    ))
}

/// `storage.local.clear()`.
pub fn storage_clear() -> Promise {
    promise(call(&["storage", "local"], "clear", &[]))
}

/// The content script's own calls, in JS: registering through wasm-bindgen's closures costs the
/// content script size and start-up time on every LinkedIn page load (docs/architecture.md §8),
/// where a
/// function exported from Rust and handed over by `extension/content/entry.js` costs neither.
#[cfg(feature = "content")]
pub mod content {
    use super::namespace;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(inline_js = r#"
export function watch_key(ns, key, f) {
  ns.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && changes[key]) f(changes[key].newValue);
  });
  ns.storage.local.get(key).then((items) => f(items[key]), () => {});
}
export function send_until_answered(ns, msg, tries) {
  const attempt = (left) => {
    let p;
    try {
      p = ns.runtime.sendMessage(msg);
    } catch (e) {
      return; // the extension was reloaded: this script has no background any more
    }
    p.then((answer) => {
      if (answer === undefined && left > 1) throw new Error("no answer");
    }).catch(() => {
      if (left > 1) setTimeout(() => attempt(left - 1), 300 * (tries - left + 1));
    });
  };
  attempt(tries);
}
export function answer_own_pages(ns, f) {
  ns.runtime.onMessage.addListener((msg, sender, reply) => {
    if (sender.id === ns.runtime.id && String(sender.url).startsWith(ns.runtime.getURL(""))) {
      const answer = f(msg);
      if (answer !== undefined) reply(answer);
    }
  });
}
"#)]
    extern "C" {
        #[wasm_bindgen(catch)]
        fn watch_key(ns: &JsValue, key: &str, f: &js_sys::Function) -> Result<(), JsValue>;
        fn send_until_answered(ns: &JsValue, msg: &JsValue, tries: u32);
        #[wasm_bindgen(catch)]
        fn answer_own_pages(ns: &JsValue, f: &js_sys::Function) -> Result<(), JsValue>;
    }

    /// Answers the requests of this extension's own pages (`tabs.sendMessage`) with `f(msg)`, when
    /// it is not `undefined`: a sender is one of them when its `id` is this extension's and its
    /// `url` starts with this extension's root URL, the rule `core::message::sender_of` reads as
    /// `Sender::Extension`. A content script receives no message from another content script or a
    /// web page, and none from another extension, so this is the rule's belt and braces; whether
    /// the sender is in a tab is not part of it (Firefox gives the options page's tab, Chrome none;
    /// core::message::DIAGNOSE).
    pub fn answer(f: &js_sys::Function) {
        let _ = answer_own_pages(&namespace(), f);
    }

    /// Sends a report of what the page showed until the background answers it (five tries, backing
    /// off): a Chrome service worker that dies while a message is on its way loses it, and a send
    /// seen only by the page would then be lost too (issue 10 fault matrix, "worker death"). The
    /// reports are idempotent (docs/protocol.md §2), so a repeat after an answer that was lost
    /// changes
    /// nothing.
    pub fn send_report(msg: &JsValue) {
        send_until_answered(&namespace(), msg, 5);
    }

    /// Calls `f` with `storage.local[key]` now and after every change of it. A content script whose
    /// extension was reloaded has no storage API left: then nothing is called.
    pub fn watch(key: &str, f: &js_sys::Function) {
        let _ = watch_key(&namespace(), key, f);
    }
}

/// `runtime.sendMessage(msg)`. Failures (no receiver, extension reloaded) are swallowed: a lost
/// page signal only weakens counting, which the API observer covers.
pub fn send_message(msg: &JsValue) -> Promise {
    thread_local! {
        // One handler for every message, kept for the script's life (not one leaked per message).
        static SWALLOW: Closure<dyn FnMut(JsValue)> = Closure::new(|_e: JsValue| {});
    }
    let p = promise(call(&["runtime"], "sendMessage", std::slice::from_ref(msg)));
    SWALLOW.with(|f| p.catch(f))
}

/// `i18n.getMessage(name, substitutions)`, or `name` itself when the message is missing (a visible
/// key is easier to report than an empty panel).
pub fn message(name: &str, subs: &[&str]) -> String {
    let a = Array::new();
    for s in subs {
        a.push(&JsValue::from_str(s));
    }
    match call(
        &["i18n"],
        "getMessage",
        &[JsValue::from_str(name), a.into()],
    ) {
        Ok(v) => v
            .as_string()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| name.to_string()),
        Err(_) => name.to_string(),
    }
}

/// The UI language the browser uses for `_locales` (`i18n.getUILanguage()`), for date formatting.
pub fn ui_language() -> String {
    call(&["i18n"], "getUILanguage", &[])
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "en".into())
}

/// A weekday and time ("Tue 14:05"), the way the badge, the popup and the guard name when a slot frees.
pub const WEEKDAY_TIME: &[(&str, &str)] = &[
    ("weekday", "short"),
    ("hour", "2-digit"),
    ("minute", "2-digit"),
];

/// A moment formatted for the browser's UI language. The `Intl.DateTimeFormat` for each set of
/// options is built once: building one costs far more than formatting with it, and the popup formats
/// dozens of dates.
pub fn format_time(ms: f64, options: &'static [(&'static str, &'static str)]) -> String {
    thread_local! {
        static FORMATS: std::cell::RefCell<Vec<(usize, js_sys::Intl::DateTimeFormat)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    // Keyed by the options' address: every caller passes a constant.
    let key = options.as_ptr() as usize;
    let f = FORMATS.with(|f| {
        let mut f = f.borrow_mut();
        if let Some((_, fmt)) = f.iter().find(|(k, _)| *k == key) {
            return fmt.clone();
        }
        let o = Object::new();
        for (k, v) in options {
            let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
        }
        let fmt =
            js_sys::Intl::DateTimeFormat::new(&Array::of1(&JsValue::from_str(&ui_language())), &o);
        f.push((key, fmt.clone()));
        fmt
    });
    f.format()
        .call1(&f, &JsValue::from_f64(ms))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// A stored local day ("2026-12-01") as the UI language writes a date with these options
/// (`month`/`day`...): noon UTC of that day formatted in UTC is that calendar day wherever the
/// browser is.
pub fn format_day(
    day: invite_guard_core::time::LocalDay,
    options: &'static [(&'static str, &'static str)],
) -> String {
    use invite_guard_core::time::DAY_MS;
    format_time(day.days() as f64 * DAY_MS + DAY_MS / 2.0, options)
}

#[cfg(feature = "ext-page")]
pub mod pages {
    //! APIs only the background and extension pages use.
    use super::*;

    /// A value as the plain JS object its JSON text makes (`JSON.parse`): plain objects, never
    /// `Map`s (Chrome's storage saves a `Map` as `{}` while Firefox keeps it, docs/browsers.md §2),
    /// and through serde_json's writer, which every page's module holds already; serde-wasm-bindgen's
    /// serializer added a second writer for each type (docs/architecture.md §1.1). One crossing for
    /// the whole value, not one per field.
    pub fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsValue> {
        let text = serde_json::to_string(v).map_err(|e| JsValue::from(e.to_string()))?;
        js_sys::JSON::parse(&text)
    }

    /// A stored value as JSON, for core's readers (`core::stored_values`): `JSON.stringify` makes
    /// NaN and Infinity `null`, as Chrome's storage does (Firefox keeps them), so both browsers read
    /// the same. `None` for `undefined` (nothing stored).
    pub fn to_json(v: &JsValue) -> Option<serde_json::Value> {
        if v.is_undefined() {
            return None;
        }
        let text = js_sys::JSON::stringify(v).ok()?.as_string()?;
        serde_json::from_str(&text).ok()
    }

    /// A stored or passed value read as `T` through its JSON form (`to_json`): serde_json's reader
    /// is in every page's module already, and serde-wasm-bindgen's `from_value` would add a second
    /// reader for each type (docs/architecture.md §1.1). `None` when it does not read.
    pub fn from_js<T: serde::de::DeserializeOwned>(v: &JsValue) -> Option<T> {
        serde_json::from_value(to_json(v)?).ok()
    }

    /// `action.setBadgeText/BackgroundColor/TextColor/Title` in one go.
    pub fn set_badge(text: &str, color: &str, title: &str) {
        let o = Object::new();
        let _ = Reflect::set(&o, &"text".into(), &text.into());
        let _ = call(&["action"], "setBadgeText", &[o.into()]);
        let o = Object::new();
        let _ = Reflect::set(&o, &"color".into(), &color.into());
        let _ = call(&["action"], "setBadgeBackgroundColor", &[o.into()]);
        let o = Object::new();
        let _ = Reflect::set(&o, &"color".into(), &"#ffffff".into());
        // setBadgeTextColor: Chrome 110+, Firefox 63+.
        let _ = call(&["action"], "setBadgeTextColor", &[o.into()]);
        let o = Object::new();
        let _ = Reflect::set(&o, &"title".into(), &title.into());
        let _ = call(&["action"], "setTitle", &[o.into()]);
    }

    /// `alarms.create(name, {when})`, replacing an alarm of the same name.
    pub fn alarm_at(name: &str, when: f64) {
        let o = Object::new();
        let _ = Reflect::set(&o, &"when".into(), &when.into());
        let _ = call(&["alarms"], "create", &[name.into(), o.into()]);
    }

    /// `storage.session.get(key)`: in memory, outlives a Chrome service worker but not the browser,
    /// with a quota of its own (a full `storage.local` does not stop it).
    pub fn session_get(key: &str) -> Promise {
        promise(call(&["storage", "session"], "get", &[key.into()]))
    }

    /// Resolves after `ms` (`setTimeout`, which a service worker and an event page both have).
    pub fn sleep(ms: f64) -> Promise {
        Promise::new(&mut |resolve, _| {
            let global = js_sys::global();
            if let Ok(f) = get(&global, "setTimeout").dyn_into::<js_sys::Function>() {
                let _ = f.call2(&global, &resolve, &ms.into());
            }
        })
    }

    /// `storage.sync.get(null)`: every item the browser's sync holds for this extension (issue 14).
    /// Rejects where sync is missing or switched off for extensions.
    pub fn sync_get_all() -> Promise {
        promise(call(&["storage", "sync"], "get", &[JsValue::NULL]))
    }

    /// `storage.sync.set({key: value})`. Rejects over a quota or the write rate.
    pub fn sync_set(key: &str, value: &JsValue) -> Promise {
        promise(call(
            &["storage", "sync"],
            "set",
            &[object(&[(key, value.clone())]).into()],
        ))
    }

    /// `storage.sync.remove(keys)`.
    pub fn sync_remove(keys: &[String]) -> Promise {
        let a: Array = keys.iter().map(|k| JsValue::from_str(k)).collect();
        promise(call(&["storage", "sync"], "remove", &[a.into()]))
    }

    /// `storage.session.set({key: value})`.
    pub fn session_set(key: &str, value: &JsValue) -> Promise {
        promise(call(
            &["storage", "session"],
            "set",
            &[object(&[(key, value.clone())]).into()],
        ))
    }

    /// The bytes `storage.local` may hold, when the browser enforces a quota on it: Chrome's
    /// `storage.local.QUOTA_BYTES` (10 MiB) unless the manifest asks for `unlimitedStorage`; `None`
    /// when there is no such limit or the browser does not say (Firefox).
    pub fn local_quota() -> Option<f64> {
        let perms = call(&["runtime"], "getManifest", &[])
            .map(|m| get(&m, "permissions"))
            .unwrap_or(JsValue::UNDEFINED);
        if Array::is_array(&perms)
            && Array::from(&perms)
                .iter()
                .any(|p| p.as_string().as_deref() == Some("unlimitedStorage"))
        {
            return None;
        }
        get(&api(&["storage", "local"]), "QUOTA_BYTES").as_f64()
    }

    /// `storage.local.getBytesInUse(null)`, where the browser has it (Chrome; not every Firefox).
    pub async fn bytes_in_use() -> Option<f64> {
        let p = call(&["storage", "local"], "getBytesInUse", &[JsValue::NULL]).ok()?;
        wasm_bindgen_futures::JsFuture::from(promise(Ok(p)))
            .await
            .ok()?
            .as_f64()
    }

    /// The open tabs showing LinkedIn: `tabs.query({url: "https://www.linkedin.com/*"})`. The
    /// manifest's host permission for that URL lets it filter by URL and read the tabs' `url`
    /// without the `tabs` permission, in Chrome (50 and later) and Firefox (86 and later; MDN,
    /// `tabs`; Bugzilla 1679688), as the end-to-end tests show in both (e2e 80).
    pub fn linkedin_tabs() -> Promise {
        let query = object(&[("url", "https://www.linkedin.com/*".into())]);
        promise(call(&["tabs"], "query", &[query.into()]))
    }

    /// `tabs.sendMessage(tab, msg, {frameId: 0})`: a request to the content script of a tab's top
    /// frame, which answers only this extension's pages (`content::answer`).
    pub fn ask_tab(tab: f64, msg: &JsValue) -> Promise {
        let options = object(&[("frameId", 0.into())]);
        promise(call(
            &["tabs"],
            "sendMessage",
            &[tab.into(), msg.clone(), options.into()],
        ))
    }

    /// This extension's version (`runtime.getManifest().version`).
    pub fn version() -> String {
        call(&["runtime"], "getManifest", &[])
            .map(|m| get(&m, "version"))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    }

    /// `navigator.userAgent`.
    pub fn user_agent() -> String {
        get(&get(&js_sys::global(), "navigator"), "userAgent")
            .as_string()
            .unwrap_or_default()
    }

    /// `navigator.clipboard.writeText(text)`: a page with the member's click behind it may write
    /// the clipboard without a permission in both browsers.
    pub fn write_clipboard(text: &str) -> Promise {
        let clipboard = get(&get(&js_sys::global(), "navigator"), "clipboard");
        let f = get(&clipboard, "writeText");
        promise(
            f.dyn_into::<Function>()
                .map_err(|_| JsValue::from_str("no clipboard"))
                .and_then(|f| f.call1(&clipboard, &text.into())),
        )
    }

    /// This extension's `runtime.id`.
    pub fn runtime_id() -> String {
        get(&api(&["runtime"]), "id")
            .as_string()
            .unwrap_or_default()
    }

    /// This extension's root URL (`runtime.getURL("")`): `chrome-extension://<id>/` or
    /// `moz-extension://<uuid>/`, what every one of its own pages' URLs starts with.
    pub fn extension_base() -> String {
        call(&["runtime"], "getURL", &["".into()])
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    }

    /// `alarms.create(name, {delayInMinutes, periodInMinutes})` unless an alarm of that name exists:
    /// creating one again would restart its period, and a Chrome service worker starts many times a
    /// day.
    pub async fn alarm_unless_set(name: &str, delay_minutes: f64, period_minutes: f64) {
        let existing = match call(&["alarms"], "get", &[name.into()]) {
            Ok(p) => wasm_bindgen_futures::JsFuture::from(promise(Ok(p)))
                .await
                .unwrap_or(JsValue::UNDEFINED),
            Err(_) => JsValue::UNDEFINED,
        };
        if existing.is_object() {
            return;
        }
        let o = object(&[
            ("delayInMinutes", delay_minutes.into()),
            ("periodInMinutes", period_minutes.into()),
        ]);
        let _ = call(&["alarms"], "create", &[name.into(), o.into()]);
    }
}
