//! Invite Guard's browser side: the platform facade, the content script, and the extension pages.
//! Features choose the entry points: `content` for the wasm2js content script, `pages` for the
//! background, popup and options (platform.md §2).

pub mod platform;

#[cfg(feature = "content")]
pub mod content;

#[cfg(feature = "pages")]
pub mod background;
#[cfg(feature = "pages")]
pub mod events;
#[cfg(feature = "pages")]
pub mod options;
#[cfg(feature = "pages")]
pub mod popup;
#[cfg(feature = "pages")]
pub mod ui;

#[cfg(feature = "content")]
mod content_entry {
    use wasm_bindgen::prelude::*;

    /// Starts the content script; returns how long the first page scan took (ms), which the
    /// benchmark reads. A failure (or a panic, which wasm2js surfaces as `Error: abort`) is reported
    /// on the console and never reaches LinkedIn's page (platform.md §2).
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

    /// DOM mutations and `popstate`: a throttled check for navigation, Pending and alerts.
    #[wasm_bindgen]
    pub fn content_changed() {
        crate::content::schedule_check();
    }

    #[wasm_bindgen]
    pub fn content_start() -> f64 {
        match crate::content::start() {
            Ok(scan_ms) => scan_ms,
            Err(e) => {
                web_sys::console::warn_2(&"Invite Guard could not start:".into(), &e);
                -1.0
            }
        }
    }
}
