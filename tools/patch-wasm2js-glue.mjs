// Patches wasm-bindgen's bundler glue for the wasm2js module (docs/architecture.md §8.1 steps 4-5):
// 1. wasm2js replaces the memory buffer when memory grows without detaching the old one, so the
//    glue's cached views must be refreshed whenever the buffer object changed (not only when its
//    byteLength is 0), or results are silently wrong;
// 2. the glue imports `*_bg.wasm`: point it at the wasm2js output.
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
let patchedViews = 0;
for (const f of readdirSync(dir).filter((f) => f.endsWith(".js") && f !== "invite_guard_bg.wasm.js")) {
  const p = join(dir, f);
  let s = readFileSync(p, "utf8");
  const before = s;
  s = s.replace(/(cached\w+Memory0) === null \|\| \1\.byteLength === 0/g, (_m, v) => {
    patchedViews++;
    return `${v} === null || ${v}.buffer !== wasm.memory.buffer`;
  });
  s = s.replace(
    /(cachedDataViewMemory0) === null \|\| \1\.buffer\.detached === true \|\| \(\1\.buffer\.detached === undefined && \1\.buffer !== wasm\.memory\.buffer\)/g,
    (_m, v) => {
      patchedViews++;
      return `${v} === null || ${v}.buffer !== wasm.memory.buffer`;
    },
  );
  s = s.replaceAll('from "./invite_guard_bg.wasm"', 'from "./invite_guard_bg.wasm.js"');
  if (s !== before) writeFileSync(p, s);
}
// 3. wasm2js writes the data segments as base64 and decodes them in a JavaScript loop, which runs cold
//    on every page load (~1.7 ms per frame in a start-up profile). Browsers with the native decoder
//    (Uint8Array.fromBase64: Chrome 140, Firefox 133) use it; older ones keep the loop.
{
  const p = join(dir, "invite_guard_bg.wasm.js");
  const s = readFileSync(p, "utf8");
  const head = "function base64DecodeToExistingUint8Array(uint8Array, offset, b64) {";
  if (!s.includes(head)) {
    console.error("patch-wasm2js-glue: wasm2js's base64 decoder not found; the output changed shape");
    process.exit(1);
  }
  writeFileSync(
    p,
    s.replace(
      head,
      `${head}
    if (typeof Uint8Array.fromBase64 === "function") { uint8Array.set(Uint8Array.fromBase64(b64), offset); return uint8Array; }`,
    ),
  );
}

// 5. The data segments' base64 hides their text from gzip: base64 moves every byte to a new 6-bit
//    alignment, so a string repeated at another offset no longer repeats. The long segments (the
//    locale tables, the selectors) go in as one-byte-per-character string literals instead, printable
//    ASCII as itself, and are copied in a loop.
{
  const p = join(dir, "invite_guard_bg.wasm.js");
  let s = readFileSync(p, "utf8");
  let moved = 0;
  s = s.replace(/base64DecodeToExistingUint8Array\((\w+), (\d+), "([A-Za-z0-9+/=]{64,})"\)/g, (_m, view, at, b64) => {
    moved++;
    let lit = "";
    for (const b of Buffer.from(b64, "base64")) {
      lit +=
        b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c
          ? String.fromCharCode(b)
          : `\\x${b.toString(16).padStart(2, "0")}`;
    }
    return `latin1ToExistingUint8Array(${view}, ${at}, "${lit}")`;
  });
  if (moved) {
    s = s.replace(
      "function base64DecodeToExistingUint8Array(",
      "function latin1ToExistingUint8Array(u, at, s) { for (var i = 0; i < s.length; i++) u[at + i] = s.charCodeAt(i); }\nfunction base64DecodeToExistingUint8Array(",
    );
    writeFileSync(p, s);
  }
  console.log(`patch-wasm2js-glue: ${moved} data segments as text`);
}

// 4. wasm2js imports each module whole (`import * as $m from "…"`) and hands the namespace to the
//    module, as wasm-bindgen's entry does with the module for the glue: esbuild then builds an object
//    of getters for each (over 100) on every page load, 0.2 ms of a ~2 ms start-up in the benchmark.
//    Import the names that are read instead, and hand over a plain object of them.
{
  const p = join(dir, "invite_guard_bg.wasm.js");
  let s = readFileSync(p, "utf8");
  let rewritten = 0;
  for (const [line, ns, from] of [...s.matchAll(/^import \* as (\$[\w$]+) from '([^']+)';$/gm)]) {
    const names = [...new Set([...s.matchAll(new RegExp(`= \\${ns}\\.([\\w$]+);`, "g"))].map((m) => m[1]))];
    const arg = `"${from}": ${ns},`;
    if (!names.length || !s.includes(arg)) continue;
    s = s
      .replace(line, `import { ${names.join(", ")} } from '${from}';`)
      .replace(arg, `"${from}": { ${names.join(", ")} },`);
    rewritten++;
  }
  // The same for the module itself, which wasm-bindgen's entry imports whole to hand to the glue.
  const exported = [...s.matchAll(/^export var ([\w$]+) = retasmFunc\.\1;$/gm)].map((m) => m[1]);
  const entry = join(dir, "invite_guard.js");
  const e = readFileSync(entry, "utf8");
  const whole = 'import * as wasm from "./invite_guard_bg.wasm.js";';
  if (exported.length && e.includes(whole) && e.includes("__wbg_set_wasm(wasm);")) {
    writeFileSync(
      entry,
      e
        .replace(whole, `import { ${exported.join(", ")} } from "./invite_guard_bg.wasm.js";`)
        .replace("__wbg_set_wasm(wasm);", `__wbg_set_wasm({ ${exported.join(", ")} });`),
    );
    rewritten++;
  }
  if (rewritten < 2) {
    console.error("patch-wasm2js-glue: no whole-module import found to narrow; the wasm2js output changed shape");
    process.exit(1);
  }
  writeFileSync(p, s);
}

if (patchedViews === 0) {
  console.error("patch-wasm2js-glue: no cached memory view found to patch; the glue changed shape");
  process.exit(1);
}
console.log(`patch-wasm2js-glue: ${patchedViews} memory views patched`);
