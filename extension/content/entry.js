// The content script's entry, bundled by esbuild into one classic script (dist/*/content.js).
// The Rust is Wasm converted to JavaScript by wasm2js: LinkedIn's CSP forbids compiling Wasm in a
// content script in Chrome (crbug 1385796; platform.md §1–§2).
import { content_start } from "./invite_guard.js";

try {
  const scanMs = content_start();
  // Start-to-ready (from the bundle's first line, see build.sh) and the first scan's time, read by
  // the benchmark from this script's own isolated world; the page cannot see them.
  globalThis.inviteGuardStartup = { ms: performance.now() - globalThis.inviteGuardT0, scanMs };
} catch (e) {
  // A panic surfaces as "Error: abort"; the page must never notice (platform.md §2).
  console.warn("Invite Guard content script stopped:", e);
}
