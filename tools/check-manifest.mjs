// The built manifests keep the rules that are not negotiable (docs/architecture.md §9): no
// web_accessible_resources,
// permissions no wider than storage, unlimitedStorage, webRequest, alarms and www.linkedin.com, and
// no test-only content script (tests/e2e/relay.js is added only to the end-to-end tests' copy).
import { readFileSync } from "node:fs";

let failed = 0;
// unlimitedStorage: Chrome gives storage.local 10 MiB without it, about 65,000 events with names,
// after which every save failed (issue 10 finding 7); it shows no install warning.
const allowedPermissions = new Set(["storage", "unlimitedStorage", "webRequest", "alarms"]);
const allowedHosts = new Set(["https://www.linkedin.com/*"]);
for (const file of process.argv.slice(2)) {
  const m = JSON.parse(readFileSync(file, "utf8"));
  const problems = [];
  if ("web_accessible_resources" in m) problems.push("declares web_accessible_resources");
  for (const p of m.permissions ?? []) if (!allowedPermissions.has(p)) problems.push(`permission ${p}`);
  for (const p of m.optional_permissions ?? []) problems.push(`optional permission ${p}`);
  for (const h of m.host_permissions ?? []) if (!allowedHosts.has(h)) problems.push(`host ${h}`);
  for (const cs of m.content_scripts ?? []) {
    if ((cs.js ?? []).some((f) => f !== "content.js")) problems.push(`content script ${cs.js.join(", ")}`);
    for (const h of cs.matches ?? []) if (!allowedHosts.has(h)) problems.push(`content script match ${h}`);
  }
  if (!/^\d+\.\d+\.\d+$/.test(m.version ?? "")) problems.push(`version ${m.version}`);
  if (m.version === "0.0.0") problems.push("version not taken from Cargo.toml");
  console.log(`${file}: ${problems.length ? problems.join("; ") : "ok"}`);
  failed += problems.length;
}
process.exit(failed ? 1 : 0);
