//! The guard's in-page UI: a hover hint and a confirm (or block) panel, showing the texts the
//! background wrote in `guard.ui` (`background/guard_ui.rs`).
//!
//! Each lives in a closed shadow root on a host carrying `data-invite-guard`, with inline styles,
//! built with `createElement`/`textContent` only: no HTML strings, no extension URLs in LinkedIn's DOM
//! (linkedin-dom.md §12: LinkedIn scans the DOM for `chrome-extension://` strings).
//!
//! The DOM is built in this JS snippet rather than through web-sys: the same calls in a few lines of
//! JS instead of many times their size once wasm2js has expanded them (platform.md §2: the content
//! script's size is paid on every LinkedIn page load). What is shown and when is decided in Rust.

use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen(inline_js = r#"
const HOST = "all:initial;position:fixed;z-index:2147483647;";
const FONT = "font:14px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;";
const BUTTON = "font:inherit;font-weight:600;padding:7px 16px;border-radius:18px;cursor:pointer;outline-offset:2px;";
const str = (v) => (typeof v === "string" ? v : "");
function el(tag, style, text) {
  const e = document.createElement(tag);
  if (style) e.setAttribute("style", style);
  if (text) e.textContent = text;
  return e;
}
// The host goes on <html>, not <body>, which LinkedIn's React may re-render; all:initial keeps
// LinkedIn's styles from reaching the host box itself.
function host(kind, style, child) {
  const h = el("div", HOST + style);
  h.setAttribute("data-invite-guard", kind);
  h.attachShadow({ mode: "closed" }).appendChild(child);
  document.documentElement.appendChild(h);
  return h;
}
export function show_hint(anchor, text) {
  const r = anchor.getBoundingClientRect();
  const tip = el("div", FONT + "font-size:12px;background:#1d2226;color:#fff;padding:4px 8px;border-radius:6px;box-shadow:0 2px 6px rgba(0,0,0,.3);white-space:nowrap;", text);
  tip.setAttribute("role", "status");
  return host("hint", `pointer-events:none;top:${Math.round(Math.max(0, r.bottom + 6))}px;left:${Math.round(Math.max(0, r.left))}px;`, tip);
}
// `t`: {title, lines, cancel, proceed?} from guard.ui; `first`, a line shown before t.lines.
// onChoice(true) for "Send anyway", onChoice(false) for the safe choice (its button or Escape).
// Focus starts on the safe choice and stays inside; keys never reach LinkedIn's page.
export function show_panel(t, first, onChoice) {
  const proceedLabel = str(t.proceed);
  const backdrop = el("div", "position:fixed;inset:0;background:rgba(0,0,0,.35);display:flex;align-items:center;justify-content:center;");
  const card = el("div", FONT + "background:#fff;color:#1d2226;max-width:380px;margin:16px;padding:20px 22px;border-radius:10px;box-shadow:0 8px 28px rgba(0,0,0,.35);");
  for (const [k, v] of [["role", "alertdialog"], ["aria-modal", "true"], ["aria-labelledby", "ig-title"], ["aria-describedby", "ig-body"]]) card.setAttribute(k, v);
  const title = el("h2", "font-size:17px;font-weight:600;margin:0 0 8px;", str(t.title));
  title.id = "ig-title";
  const body = el("div");
  body.id = "ig-body";
  for (const line of [first, ...(Array.isArray(t.lines) ? t.lines : [])]) {
    if (str(line)) body.appendChild(el("p", "margin:0 0 8px;", line));
  }
  const row = el("div", "display:flex;gap:8px;justify-content:flex-end;margin-top:14px;flex-wrap:wrap;");
  const button = (style, text, choice) => {
    const b = el("button", BUTTON + style, text);
    b.type = "button";
    b.onclick = () => onChoice(choice);
    row.appendChild(b);
    return b;
  };
  const cancel = button("background:#0a66c2;color:#fff;border:1px solid #0a66c2;", str(t.cancel), false);
  const last = proceedLabel ? button("background:#fff;color:#5e5e5e;border:1px solid #8c8c8c;", proceedLabel, true) : cancel;
  card.append(title, body, row);
  backdrop.appendChild(card);
  card.addEventListener("keydown", (ev) => {
    ev.stopPropagation();
    if (ev.key === "Escape") {
      ev.preventDefault();
      onChoice(false);
    } else if (ev.key === "Tab") {
      // Two buttons at most: Tab and Shift+Tab both move to the other one.
      ev.preventDefault();
      (ev.target === cancel ? last : cancel).focus();
    }
  });
  const h = host(proceedLabel ? "confirm" : "block", "inset:0;display:block;", backdrop);
  cancel.focus();
  return h;
}
"#)]
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
