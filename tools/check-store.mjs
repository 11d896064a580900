// The store listing keeps to the stores' limits and to the manifest (issue 15; docs/store/README.md).
//
// - Every _locales language's extName is at most 50 characters (addons.mozilla.org's limit; the Chrome
//   Web Store's is 75) and its extDescription at most 132 (the manifest's limit, which the Chrome Web
//   Store enforces on upload and shows as the listing's summary), plain text.
// - docs/store/listing.<lang>.md exists for every language, with the same name and summary as
//   _locales (the stores read those from the manifest; the file is what a maintainer pastes the rest
//   from) and a description.
// - docs/store/README.md justifies every permission and host the manifest asks for, and nothing else,
//   and says "none" where the manifest's data_collection_permissions does.
// - The store pictures, when present, have the sizes the stores take: 1280x800 screenshots and a
//   440x280 promo tile.
//
//   node tools/check-store.mjs
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";

const root = join(dirname(new URL(import.meta.url).pathname), "..");
const store = join(root, "docs", "store");
const locales = join(root, "extension", "_locales");
const NAME_MAX = 50;
const SUMMARY_MAX = 132;
const problems = [];
// Characters as the stores count them: code points, not UTF-16 units.
const len = (s) => [...s].length;

/** The text under each "## Heading" of a listing file, blank lines between paragraphs kept. */
function sectionsOf(file) {
  const out = {};
  let at = null;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const h = line.match(/^## (.+)$/);
    if (h) {
      at = h[1].trim();
      out[at] = [];
    } else if (at) out[at].push(line);
  }
  for (const k of Object.keys(out)) out[k] = out[k].join("\n").trim();
  return out;
}

const langs = readdirSync(locales).sort();
for (const lang of langs) {
  const m = JSON.parse(readFileSync(join(locales, lang, "messages.json"), "utf8"));
  const name = m.extName?.message ?? "";
  const summary = m.extDescription?.message ?? "";
  if (!name || len(name) > NAME_MAX) problems.push(`${lang}: extName is ${len(name)} characters (1 to ${NAME_MAX})`);
  if (!summary || len(summary) > SUMMARY_MAX)
    problems.push(`${lang}: extDescription is ${len(summary)} characters (1 to ${SUMMARY_MAX})`);
  if (/[<>\n]/.test(summary)) problems.push(`${lang}: extDescription is not plain text on one line`);
  const file = join(store, `listing.${lang}.md`);
  if (!existsSync(file)) {
    problems.push(`${lang}: docs/store/listing.${lang}.md is missing`);
    continue;
  }
  const s = sectionsOf(file);
  if (s.Name !== name) problems.push(`${lang}: the listing's name is not extName ("${name}")`);
  if (s.Summary !== summary) problems.push(`${lang}: the listing's summary is not extDescription`);
  if (!s.Description || len(s.Description) < 200) problems.push(`${lang}: the listing has no description`);
}

// The permissions: one "### `name`" heading for each, under the README's permissions section.
const manifest = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8"));
const readme = readFileSync(join(store, "README.md"), "utf8");
const section = (n) => readme.split(/^## /m).find((s) => s.startsWith(`${n}.`)) ?? "";
const justified = new Set([...section(4).matchAll(/^### `([^`]+)`/gm)].map((m) => m[1]));
const asked = new Set([...(manifest.permissions ?? []), ...(manifest.host_permissions ?? [])]);
for (const p of asked) if (!justified.has(p)) problems.push(`docs/store/README.md §4 does not justify ${p}`);
for (const p of justified) if (!asked.has(p)) problems.push(`docs/store/README.md §4 justifies ${p}, not asked for`);
const collected = manifest.browser_specific_settings?.gecko?.data_collection_permissions?.required ?? [];
if (collected.join() !== "none") problems.push(`the manifest's data_collection_permissions is ${collected.join()}`);
if (!section(5).includes('`data_collection_permissions: {"required": ["none"]}`'))
  problems.push("docs/store/README.md §5 does not state data_collection_permissions none");

/** Width and height from a PNG's IHDR. */
function pngSize(file) {
  const b = readFileSync(file);
  if (b.length < 24 || b.toString("latin1", 1, 4) !== "PNG") return null;
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}
const pictures = existsSync(store) ? readdirSync(store).filter((f) => f.endsWith(".png")) : [];
for (const f of pictures) {
  const want = f.startsWith("promo") ? [440, 280] : [1280, 800];
  const got = pngSize(join(store, f));
  if (got?.join() !== want.join())
    problems.push(`docs/store/${f} is ${got?.join("x") ?? "not a PNG"}, not ${want.join("x")}`);
}

for (const p of problems) console.log(p);
console.log(`store listing: ${langs.join(", ")}; ${pictures.length} pictures; ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
