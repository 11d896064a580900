// The size of each module the extension loads, raw and gzip, against its budget: the four Wasm
// modules of the extension's pages (one each, docs/architecture.md §1.1) with their wasm-bindgen
// glue, and the content script. Printed by `./build.sh` after each build and by `./build.sh bench`;
// never asserted. `node tests/bench/sizes.mjs [dir]` (default dist/chrome).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const KB = 1024;

/** What is loaded, when, and the budget of its largest file (issue 13: 250 KB per page's Wasm after
 *  wasm-opt; the content script's 150 KB, docs/architecture.md §8.2). */
export const MODULES = [
  {
    name: "background",
    when: "every service-worker wake",
    files: ["invite_guard_background_bg.wasm", "invite_guard_background.js"],
    budget: 250,
  },
  {
    name: "popup",
    when: "every popup open",
    files: ["invite_guard_popup_bg.wasm", "invite_guard_popup.js"],
    budget: 250,
  },
  {
    name: "dashboard",
    when: "the dashboard tab",
    files: ["invite_guard_dashboard_bg.wasm", "invite_guard_dashboard.js"],
    budget: 250,
  },
  {
    name: "options",
    when: "the options page",
    files: ["invite_guard_options_bg.wasm", "invite_guard_options.js"],
    budget: 250,
  },
  {
    name: "options_report",
    when: "Report a problem, when asked for",
    files: ["invite_guard_options_report_bg.wasm", "invite_guard_options_report.js"],
    budget: 250,
  },
  { name: "content", when: "every LinkedIn frame", files: ["content.js"], budget: 150 },
];

/** Rows of `{module, file, raw, gzip, budget, over}` for the built extension in `dir`. */
export function sizes(dir = join(ROOT, "dist/chrome")) {
  const rows = [];
  for (const m of MODULES) {
    m.files.forEach((file, i) => {
      const bytes = readFileSync(join(dir, file));
      const raw = bytes.length;
      const row = { module: m.name, when: m.when, file, raw, gzip: gzipSync(bytes, { level: 9 }).length };
      // The budget is the first file's: the Wasm (or the content script).
      if (i === 0) Object.assign(row, { budget: m.budget, over: raw > m.budget * KB });
      rows.push(row);
    });
  }
  return rows;
}

export function printSizes(dir) {
  const kb = (n) => `${(n / KB).toFixed(1)} KB`.padStart(9);
  console.log("module sizes (raw, gzip -9; budget for the Wasm or content script, raw):");
  for (const r of sizes(dir)) {
    const budget = r.budget ? `  budget ${r.budget} KB${r.over ? " OVER" : ""}` : "";
    console.log(`  ${r.module.padEnd(14)} ${r.file.padEnd(38)} ${kb(r.raw)} ${kb(r.gzip)} gzip${budget}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printSizes(process.argv[2]);
