// Every _locales language has every English message, with the same $n placeholders, and no message
// the English file lacks: a missing key would show its name in the page or the popup.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? "extension/_locales";
const load = (lang) => JSON.parse(readFileSync(join(dir, lang, "messages.json"), "utf8"));
const en = load("en");
const holders = (m) => (m.match(/\$\d/g) ?? []).sort().join(",");
let problems = 0;
const langs = readdirSync(dir).sort();
for (const lang of langs) {
  const m = load(lang);
  for (const k of Object.keys(en)) {
    if (!m[k]?.message) {
      console.log(`${lang}: missing ${k}`);
      problems++;
    } else if (holders(m[k].message) !== holders(en[k].message)) {
      console.log(`${lang}: ${k} placeholders differ`);
      problems++;
    }
  }
  for (const k of Object.keys(m))
    if (!(k in en)) {
      console.log(`${lang}: extra ${k}`);
      problems++;
    }
}
console.log(`locales ${langs.join(", ")}: ${problems} problems`);
process.exit(problems ? 1 : 0);
