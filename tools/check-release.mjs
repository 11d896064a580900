// What a release states agrees with what it is built from (docs/release.md §4):
//   - the version in Cargo.toml, package.json and CHANGELOG.md's newest entry is one and the same;
//   - BUILDING.md names the exact versions the build uses: the Rust toolchain (rust-toolchain.toml),
//     wasm-bindgen (Cargo.toml's pin) and the npm tools that make the shipped files, binaryen and esbuild
//     (package-lock.json), so a reviewer following it gets the same tools.
// Run by `./build.sh test` (so a version bump that forgets one of them fails early) and by
// `./build.sh release`. Prints the version.
//
//   node tools/check-release.mjs
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const root = join(dirname(new URL(import.meta.url).pathname), "..");
const read = (f) => readFileSync(join(root, f), "utf8");

const problems = [];
const cargo = read("Cargo.toml");
const version = cargo.match(/^\[package\][^[]*?^version = "([^"]+)"/m)?.[1];
const pkg = JSON.parse(read("package.json")).version;
const changelog = read("CHANGELOG.md").match(/^## (\S+)/m)?.[1];
if (!version) problems.push("Cargo.toml: no [package] version");
if (pkg !== version) problems.push(`package.json says ${pkg}, Cargo.toml ${version}`);
if (changelog !== version)
  problems.push(`CHANGELOG.md's newest entry is ${changelog ?? "missing"}, Cargo.toml says ${version}`);

const building = read("BUILDING.md");
const lock = JSON.parse(read("package-lock.json")).packages;
const tools = {
  Rust: read("rust-toolchain.toml").match(/^channel = "([^"]+)"/m)?.[1],
  "wasm-bindgen-cli": cargo.match(/^wasm-bindgen = "=([^"]+)"/m)?.[1],
  binaryen: lock["node_modules/binaryen"]?.version,
  esbuild: lock["node_modules/esbuild"]?.version,
};
for (const [tool, v] of Object.entries(tools)) {
  if (!v) problems.push(`${tool}: no pinned version found`);
  // On one line with the tool's name: a table row or a command.
  else if (!building.split("\n").some((l) => l.includes(tool) && l.includes(v)))
    problems.push(`BUILDING.md does not give ${tool} ${v} (the version the build pins)`);
}

for (const p of problems) console.log(`release: ${p}`);
console.log(
  `release ${version}: ${Object.entries(tools)
    .map(([t, v]) => `${t} ${v}`)
    .join(", ")}; ${problems.length} problems`,
);
process.exit(problems.length === 0 ? 0 : 1);
