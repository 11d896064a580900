// Loads the options page's Wasm (docs/architecture.md §1.1): the settings, templates and data
// sections' module at once; the report's only when a report is asked for: its Build button, or the
// page opened at #report (the popup's self-check lines link there).
import init, { options_main } from "./invite_guard_options.js";
import initReport, { options_report_main } from "./invite_guard_options_report.js";

function fail(e) {
  console.error("Invite Guard options", e);
  document.getElementById("status").textContent = String(e);
}

let report = null;
function loadReport() {
  report ??= initReport({ module_or_path: "invite_guard_options_report_bg.wasm" })
    .then(() => options_report_main())
    .catch(fail);
  return report;
}
// The first click loads the module, which wires the button and builds the report; later clicks are
// its own.
document.getElementById("report-build").addEventListener("click", loadReport, { once: true });

init({ module_or_path: "invite_guard_options_bg.wasm" })
  .then(() => options_main())
  .then(() => {
    if (location.hash === "#report") loadReport();
  })
  .catch(fail);
