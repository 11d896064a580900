// Reads `web-ext lint --output json` and fails on any error. Warnings are printed; the one expected
// warning is BACKGROUND_SERVICE_WORKER_IGNORED (one manifest for both browsers, docs/browsers.md
// §1).
import { readFileSync } from "node:fs";

const text = readFileSync(process.argv[2], "utf8");
const report = JSON.parse(text.slice(text.indexOf("{")));
const { errors = [], warnings = [], notices = [] } = report;
for (const w of warnings) console.log(`warning ${w.code}: ${w.message} ${w.file ?? ""}`);
for (const e of errors) console.log(`ERROR ${e.code}: ${e.message} ${e.file ?? ""}`);
console.log(`web-ext lint: ${errors.length} errors, ${warnings.length} warnings, ${notices.length} notices`);
process.exit(errors.length === 0 ? 0 : 1);
