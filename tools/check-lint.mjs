// Reads `web-ext lint --output json` and fails as a store review would: on any error, and on any warning
// but the one expected, BACKGROUND_SERVICE_WORKER_IGNORED (one manifest for both browsers,
// docs/browsers.md §1.4). ./build.sh test lints the Firefox store zip's contents, unpacked, so what is
// checked is what addons.mozilla.org receives (docs/release.md §6). Notices are printed.
import { readFileSync } from "node:fs";

const EXPECTED = new Set(["BACKGROUND_SERVICE_WORKER_IGNORED"]);
const text = readFileSync(process.argv[2], "utf8");
const report = JSON.parse(text.slice(text.indexOf("{")));
const { errors = [], warnings = [], notices = [] } = report;
for (const n of notices) console.log(`notice ${n.code}: ${n.message} ${n.file ?? ""}`);
for (const w of warnings)
  console.log(`${EXPECTED.has(w.code) ? "warning" : "WARNING"} ${w.code}: ${w.message} ${w.file ?? ""}`);
for (const e of errors) console.log(`ERROR ${e.code}: ${e.message} ${e.file ?? ""}`);
const unexpected = warnings.filter((w) => !EXPECTED.has(w.code));
console.log(
  `web-ext lint: ${errors.length} errors, ${warnings.length} warnings (${unexpected.length} unexpected), ${notices.length} notices`,
);
process.exit(errors.length === 0 && unexpected.length === 0 ? 0 : 1);
