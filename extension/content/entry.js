// The content script's entry, bundled by esbuild into one classic script (dist/*/content.js).
// The Rust is Wasm converted to JavaScript by wasm2js: LinkedIn's CSP forbids compiling Wasm in a
// content script in Chrome (crbug 1385796; platform.md §1–§2).
import { content_start } from "./invite_guard.js";

try {
  content_start();
} catch (e) {
  // A panic surfaces as "Error: abort"; the page must never notice (platform.md §2).
  console.warn("Invite Guard content script stopped:", e);
}
