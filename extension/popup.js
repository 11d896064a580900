// Loads the Wasm and renders the popup. The start time is for the benchmark (tests/bench).
globalThis.inviteGuardT0 = performance.now();
import init, { popup_main } from "./invite_guard_popup.js";

// Opened from the popup's Dashboard link (popup.html#dashboard): every section, until dashboard.html
// holds them (issue 13 item 2).
if (location.hash === "#dashboard") document.body.classList.add("full");

init({ module_or_path: "invite_guard_popup_bg.wasm" })
  .then(() => popup_main())
  .catch((e) => {
    console.error("Invite Guard popup", e);
    document.getElementById("status").textContent = String(e);
  });
