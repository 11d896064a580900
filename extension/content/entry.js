// The content script's entry, bundled by esbuild into one classic script (dist/*/content.js).
// The Rust is Wasm converted to JavaScript by wasm2js: LinkedIn's CSP forbids compiling Wasm in a
// content script in Chrome (crbug 1385796; platform.md §1–§2).
import { content_changed, content_click, content_hover, content_start, content_unhover } from "./invite_guard.js";

try {
  // Capture phase on the window: the guard decides before LinkedIn's own handlers, which React
  // attaches lower. The decisions are all in Rust; this only wires the events to them.
  const capture = { capture: true };
  addEventListener("click", content_click, capture);
  for (const type of ["pointerover", "focusin"]) addEventListener(type, content_hover, capture);
  for (const type of ["pointerout", "focusout", "scroll"]) addEventListener(type, content_unhover, capture);
  // One observer for the single-page app: navigation, Pending after a send, limit alerts.
  new MutationObserver(content_changed).observe(document.documentElement, { childList: true, subtree: true });
  addEventListener("popstate", content_changed);
  const scanMs = content_start();
  // Start-to-ready (from the bundle's first line, see build.sh) and the first scan's time, read by
  // the benchmark from this script's own isolated world; the page cannot see them.
  globalThis.inviteGuardStartup = { ms: performance.now() - globalThis.inviteGuardT0, scanMs };
} catch (e) {
  // A panic surfaces as "Error: abort"; the page must never notice (platform.md §2).
  console.warn("Invite Guard content script stopped:", e);
}
