//! The guard's in-page UI: a hover hint and a confirm (or block) panel, showing the texts the
//! background wrote in `guard.ui` (`background/guard_ui.rs`).
//!
//! Each lives in a closed shadow root on a host carrying `data-invite-guard`, with inline styles,
//! built with `createElement`/`textContent` only: no HTML strings, no extension URLs in LinkedIn's DOM
//! (docs/linkedin.md §12: LinkedIn scans the DOM for `chrome-extension://` strings).
//!
//! The DOM is built in JS (`page.js`) rather than through web-sys: the same calls in a few lines of
//! JS instead of many times their size once wasm2js has expanded them (docs/architecture.md §8: the
//! content
//! script's size is paid on every LinkedIn page load). What is shown and when is decided in Rust.

use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen(module = "/src/content/page.js")]
extern "C" {
    /// Shows the hint beside `anchor`; returns its host so it can be removed.
    #[wasm_bindgen(catch)]
    pub fn show_hint(anchor: &Element, text: &str) -> Result<Element, JsValue>;
    /// Shows the panel with the texts `t` (`guard.ui.panel` or `cooldown_panel`), `first` before
    /// its lines; returns its host.
    #[wasm_bindgen(catch)]
    pub fn show_panel(
        t: &JsValue,
        first: Option<String>,
        on_choice: &js_sys::Function,
    ) -> Result<Element, JsValue>;
}
