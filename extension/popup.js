// Loads the Wasm and renders the popup. The start time is for the benchmark (tests/bench).
globalThis.inviteGuardT0 = performance.now();
import init, { popup_main } from "./invite_guard_popup.js";

init({ module_or_path: "invite_guard_popup_bg.wasm" })
  .then(() => popup_main())
  .catch((e) => {
    console.error("Invite Guard popup", e);
    document.getElementById("status").textContent = String(e);
  });
