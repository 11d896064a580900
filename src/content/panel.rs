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
//!
//! Each takes LinkedIn's theme, light or dark, read from the page when it opens (`theme`), so a
//! switch of LinkedIn's theme is followed from the next hint or panel on, at no cost at start-up and
//! none between panels (docs/linkedin.md §1.6).

use invite_guard_core::theme::{decide, marker_selectors};
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// The in-page UI's theme now: "light" or "dark", the name of `page.js`'s colour set. The page
/// reports which of core's markers `<html>` and `<body>` carry (the parent page's when the frame's
/// own carry none), and the system's `prefers-color-scheme` as one more byte; core decides.
pub fn theme() -> &'static str {
    let marks = theme_marks(&marker_selectors());
    let (marks, system) = marks.as_bytes().split_at(marks.len().saturating_sub(1));
    decide(marks, system == b"1").name()
}

#[wasm_bindgen(module = "/src/content/page.js")]
extern "C" {
    /// Shows the hint beside `anchor`; returns its host so it can be removed.
    #[wasm_bindgen(catch)]
    pub fn show_hint(anchor: &Element, text: &str, theme: &str) -> Result<Element, JsValue>;
    /// Shows the panel with the texts `t` (`guard.ui.panel` or `cooldown_panel`), `first` before
    /// its lines; returns its host.
    #[wasm_bindgen(catch)]
    pub fn show_panel(
        t: &JsValue,
        first: Option<String>,
        on_choice: &js_sys::Function,
        theme: &str,
    ) -> Result<Element, JsValue>;
    /// One `1` or `0` per selector (joined by U+0001) that `<html>` or `<body>` matches, then `1`
    /// when the system prefers dark.
    fn theme_marks(selectors: &str) -> String;
}
