//! Invite Guard's browser side: the platform facade, the content script, and the extension pages.
//! Features choose the entry points: `content` for the wasm2js content script, `background`, `popup`,
//! `dashboard` and `options` for the extension's own pages, one Wasm module each (`pages`: all four;
//! docs/architecture.md §1.1, §8).

pub mod platform;

#[cfg(feature = "content")]
pub mod content;

#[cfg(feature = "background")]
pub mod background;
#[cfg(feature = "dashboard")]
pub mod dashboard;
#[cfg(feature = "ext-page")]
pub mod events;
#[cfg(feature = "options")]
pub mod options;
#[cfg(feature = "options_report")]
pub mod options_report;
#[cfg(feature = "popup")]
pub mod popup;
#[cfg(feature = "ext-page")]
pub mod ui;
#[cfg(any(feature = "popup", feature = "dashboard"))]
pub mod view;

// The popup, the dashboard and the options page live for one visit, so the content script's small allocator (size
// classes, never merged) suits them and saves dlmalloc's 8 KB; the background, which can run for
// hours, keeps dlmalloc (docs/architecture.md §1.1).
#[cfg(all(
    target_arch = "wasm32",
    any(
        feature = "popup",
        feature = "dashboard",
        feature = "options",
        feature = "options_report"
    ),
    not(any(feature = "background", feature = "content"))
))]
#[path = "content/alloc.rs"]
mod page_alloc;

#[cfg(all(
    target_arch = "wasm32",
    any(
        feature = "popup",
        feature = "dashboard",
        feature = "options",
        feature = "options_report"
    ),
    not(any(feature = "background", feature = "content"))
))]
#[global_allocator]
static ALLOC: page_alloc::Buckets = page_alloc::Buckets::new();

#[cfg(feature = "content")]
mod content_entry {
    use wasm_bindgen::prelude::*;

    /// Capture-phase `click` on the window.
    #[wasm_bindgen]
    pub fn content_click(ev: web_sys::Event) {
        crate::content::on_click(ev);
    }

    /// Capture-phase `pointerover` and `focusin`: the hint at low.
    #[wasm_bindgen]
    pub fn content_hover(ev: web_sys::Event) {
        crate::content::on_hover(ev);
    }

    /// `pointerout`, `focusout`, `scroll`: the hint goes.
    #[wasm_bindgen]
    pub fn content_unhover() {
        crate::content::remove_hint();
    }

    /// After DOM mutations and `popstate`, at most every 100 ms: navigation, Pending and alerts.
    #[wasm_bindgen]
    pub fn content_check() {
        crate::content::check();
    }

    /// The `guard` key's value, now and after each change.
    #[wasm_bindgen]
    pub fn content_guard(v: JsValue) {
        crate::content::set_guard(&v);
    }

    /// A request from the extension's own pages (the options page's diagnostic); `undefined` for
    /// anything but `diagnose`.
    #[wasm_bindgen]
    pub fn content_request(msg: JsValue) -> JsValue {
        crate::content::answer(&msg)
    }

    /// Starts the content script with `content_guard` as `on_guard` and `content_request` as
    /// `on_request`; returns how long the first page scan took (ms), which the benchmark reads. A
    /// failure (or a panic, which wasm2js surfaces as `Error: abort`) is reported on the console
    /// and never reaches LinkedIn's page (docs/architecture.md §8).
    #[wasm_bindgen]
    pub fn content_start(on_guard: &js_sys::Function, on_request: &js_sys::Function) -> f64 {
        match crate::content::start(on_guard, on_request) {
            Ok(scan_ms) => scan_ms,
            Err(e) => {
                web_sys::console::warn_2(&"Invite Guard could not start:".into(), &e);
                -1.0
            }
        }
    }
}
