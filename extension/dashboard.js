// Loads the Wasm and renders the dashboard. The start time is for the benchmark (tests/bench).
globalThis.inviteGuardT0 = performance.now();
import init, { dashboard_main } from "./invite_guard_dashboard.js";

init({ module_or_path: "invite_guard_dashboard_bg.wasm" })
  .then(() => dashboard_main())
  .catch((e) => {
    console.error("Invite Guard dashboard", e);
    document.getElementById("status").textContent = String(e);
  });
