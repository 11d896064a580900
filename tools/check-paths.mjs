// No built file names a directory of the machine that built it (docs/release.md §2). Reads every file
// under the folders given (dist/ by `./build.sh test`), and in JavaScript also what its long base64
// literals hold: wasm2js writes the content script's data segments, panic locations among them, as base64,
// where a plain search would not see a path. Fails on the builder's home, the workspace, cargo's home,
// rustup's home, and any path under /root, /home, /Users or /tmp, and on `.cargo/registry` and `rustlib`
// wherever they sit, and on the names of the registry's source directories (named after the registry's
// host: build.sh maps them to `crates`); prints each hit with its context.
//
//   node tools/check-paths.mjs DIR...   (IG_WORKSPACE: the workspace's path, build.sh passes it)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join, relative } from "node:path";

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error("usage: node tools/check-paths.mjs DIR...");
  process.exit(2);
}

const home = homedir();
const cargoHome = process.env.CARGO_HOME ?? join(home, ".cargo");
/** The registry's source directories' names, as this machine has them. */
function registryDirs() {
  try {
    return readdirSync(join(cargoHome, "registry", "src"));
  } catch {
    return [];
  }
}
const needles = [
  ...registryDirs(),
  home,
  process.env.IG_WORKSPACE,
  cargoHome,
  process.env.RUSTUP_HOME ?? join(home, ".rustup"),
  "/root/",
  "/home/",
  "/Users/",
  "/tmp/",
  ".cargo/registry",
  "rustlib",
].filter((n) => n && n !== "/");

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

// A JavaScript file's base64 string literals, decoded: wasm2js's data segments.
function decodedLiterals(text) {
  const out = [];
  for (const m of text.matchAll(/["'`]([A-Za-z0-9+/]{32,}={0,2})["'`]/g)) {
    out.push(Buffer.from(m[1], "base64").toString("latin1"));
  }
  return out;
}

let checked = 0;
const hits = [];
for (const dir of dirs) {
  for (const file of files(dir)) {
    checked++;
    const raw = readFileSync(file).toString("latin1");
    const texts = [["", raw]];
    if (file.endsWith(".js")) for (const t of decodedLiterals(raw)) texts.push([" (in a base64 literal)", t]);
    for (const [where, text] of texts) {
      for (const needle of needles) {
        let at = text.indexOf(needle);
        while (at !== -1) {
          const context = text.slice(Math.max(0, at - 20), at + needle.length + 40).replace(/[^\x20-\x7e]/g, ".");
          hits.push(`${relative(process.cwd(), file)}${where}: ${JSON.stringify(needle)} in …${context}…`);
          at = text.indexOf(needle, at + 1);
        }
      }
    }
  }
}
for (const h of hits.slice(0, 40)) console.log(h);
console.log(`machine paths: ${checked} files checked for ${needles.length} patterns, ${hits.length} found`);
process.exit(hits.length === 0 ? 0 : 1);
