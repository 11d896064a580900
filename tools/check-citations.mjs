// Every document the code cites is in the repository (issue 11): a contributor who clones the project
// must be able to follow each one. Fails on a `*.md` named in a source file that does not exist here,
// on a `docs/<file>.md §N` whose section `N` the document lacks, and on a README section, cited as
// README and a quoted heading (as in README "Benchmark"), that the README has no heading for.
//
//   node tools/check-citations.mjs
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const root = join(dirname(new URL(import.meta.url).pathname), "..");
const tracked = execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" })
  .split("\n")
  .filter((f) => /\.(rs|js|mjs|sh|toml|html|css|json)$/.test(f) || f === "build.sh")
  .filter((f) => !f.startsWith("node_modules/") && !f.endsWith("package-lock.json"));

// The section numbers each document has: "## 3. …" is 3, "### 3.2 …" is 3.2.
const sections = new Map();
function sectionsOf(doc) {
  if (!sections.has(doc)) {
    const text = readFileSync(join(root, doc), "utf8");
    const found = new Set();
    for (const m of text.matchAll(/^#{2,4} (\d+(?:\.\d+)*)\.?\s/gm)) found.add(m[1]);
    sections.set(doc, found);
  }
  return sections.get(doc);
}
const readmeHeadings = readFileSync(join(root, "README.md"), "utf8")
  .split("\n")
  .filter((l) => l.startsWith("#"))
  .map((l) => l.replace(/^#+\s*/, ""));

const problems = [];
let citations = 0;
for (const file of tracked) {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  lines.forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    // A markdown file named by path: it must exist, from the repository's root or beside the file.
    for (const m of line.matchAll(/(?<![\w/.-])((?:\.\.?\/)*[\w./-]*[\w-]+\.md)\b/g)) {
      const name = m[1];
      if (name.startsWith("http") || name.includes("://")) continue;
      citations++;
      if (!existsSync(join(root, name)) && !existsSync(join(root, dirname(file), name))) {
        problems.push(`${at}: cites ${name}, which is not in the repository`);
      }
    }
    // A section of the project's docs, and every further "§N" right after it ("§2, §5").
    for (const m of line.matchAll(/(docs\/[\w-]+\.md) ((?:§\d+(?:\.\d+)*(?:[–-]§\d+)?(?:, )?)+)/g)) {
      const doc = m[1];
      if (!existsSync(join(root, doc))) continue;
      for (const s of m[2].matchAll(/§(\d+(?:\.\d+)*)/g)) {
        if (!sectionsOf(doc).has(s[1])) problems.push(`${at}: ${doc} has no section §${s[1]}`);
      }
    }
    for (const m of line.matchAll(/README(?:\.md)?:? "([^"]+)"/g)) {
      citations++;
      if (!readmeHeadings.some((h) => h.includes(m[1]))) problems.push(`${at}: README has no heading "${m[1]}"`);
    }
  });
}
for (const p of problems) console.log(p);
console.log(`citations: ${citations} in ${tracked.length} files, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
