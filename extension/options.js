// Loads the Wasm and wires the options page.
import init, { options_main } from "./invite_guard_options.js";

init({ module_or_path: "invite_guard_options_bg.wasm" })
  .then(() => options_main())
  .catch((e) => {
    console.error("Invite Guard options", e);
    document.getElementById("status").textContent = String(e);
  });
