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
//    alignment, so a string repeated at another offset no longer repeats. The long runs of printable
//    ASCII in them (the locale tables, the selectors) go in as string literals the native
//    TextEncoder writes into memory; the bytes between stay base64. A loop copying characters one by
//    one would cost ~1.7 ms at every page load (the benchmark's start-to-ready).
{
  const MIN_RUN = 48;
  const p = join(dir, "invite_guard_bg.wasm.js");
  let s = readFileSync(p, "utf8");
  let runs = 0;
  const b64call = (view, at, bytes) =>
    `base64DecodeToExistingUint8Array(${view}, ${at}, "${Buffer.from(bytes).toString("base64")}");`;
  s = s.replace(/base64DecodeToExistingUint8Array\((\w+), (\d+), "([A-Za-z0-9+/=]{64,})"\);/g, (m, view, at0, b64) => {
    if (process.env.IG_B64) return m;
    const bytes = Buffer.from(b64, "base64");
    const at = Number(at0);
    const out = [];
    let gap = 0;
    let i = 0;
    while (i < bytes.length) {
      let j = i;
      while (j < bytes.length && bytes[j] >= 0x20 && bytes[j] < 0x7f) j++;
      if (j - i >= MIN_RUN) {
        if (gap < i) out.push(b64call(view, at + gap, bytes.subarray(gap, i)));
        out.push(
          `asciiToExistingUint8Array(${view}, ${at + i}, ${JSON.stringify(bytes.subarray(i, j).toString("latin1"))});`,
        );
        runs++;
        gap = j;
      }
      i = j + 1;
    }
    if (gap === 0) return m;
    if (gap < bytes.length) out.push(b64call(view, at + gap, bytes.subarray(gap)));
    return out.join("\n");
  });
  if (runs) {
    s = s.replace(
      "function base64DecodeToExistingUint8Array(",
      "var asciiEncoder = new TextEncoder();\nfunction asciiToExistingUint8Array(u, at, s) { asciiEncoder.encodeInto(s, u.subarray(at)); }\nfunction base64DecodeToExistingUint8Array(",
    );
    writeFileSync(p, s);
  }
  console.log(`patch-wasm2js-glue: ${runs} runs of text in the data segments as strings`);
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
