// The content script's entry, bundled by esbuild into one classic script (dist/*/content.js).
// The Rust is Wasm converted to JavaScript by wasm2js: LinkedIn's CSP forbids compiling Wasm in a
// content script in Chrome (crbug 1385796; docs/architecture.md §7–§8).
import {
  content_check,
  content_click,
  content_guard,
  content_hover,
  content_request,
  content_start,
  content_unhover,
} from "./invite_guard.js";

try {
  // Capture phase on the window: the guard decides before LinkedIn's own handlers, which React
  // attaches lower. The decisions are all in Rust; this only wires the events to them, natively:
  // wasm-bindgen's closures would cost size and start-up time on every LinkedIn page load.
  const capture = { capture: true };
  addEventListener("click", content_click, capture);
  for (const type of ["pointerover", "focusin"]) addEventListener(type, content_hover, capture);
  for (const type of ["pointerout", "focusout", "scroll"]) addEventListener(type, content_unhover, capture);
  // One observer for the single-page app: navigation, Pending after a send, limit alerts. LinkedIn
  // re-renders in bursts: one check per 100 ms is enough, and a mutation costs no call into Rust.
  // biome-ignore lint/correctness/noUnusedVariables: read by the `||=` below, which Biome counts as a write only
  let timer = 0;
  const changed = () => {
    timer ||= setTimeout(() => {
      timer = 0;
      content_check();
    }, 100);
  };
  new MutationObserver(changed).observe(document.documentElement, { childList: true, subtree: true });
  addEventListener("popstate", changed);
  // The extension's options page may ask for the diagnostic (docs/protocol.md §4): the listener is
  // registered by the platform facade, which answers only this extension's own pages.
  const scanMs = content_start(content_guard, content_request);
  // Alerts already on the page are read on the first check, off the start-up path.
  changed();
  // Start-to-ready (from the bundle's first line, see build.sh) and the first scan's time, read by
  // the benchmark from this script's own isolated world; the page cannot see them.
  globalThis.inviteGuardStartup = { ms: performance.now() - globalThis.inviteGuardT0, scanMs };
} catch (e) {
  // A panic surfaces as "Error: abort"; the page must never notice (docs/architecture.md §8).
  console.warn("Invite Guard content script stopped:", e);
}
