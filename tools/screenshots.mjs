// `./build.sh screenshots`: PNGs of the popup and the options page, light and dark, for the docs.
//
// Launches headless Chromium with the unpacked dist/chrome (the LinkedIn stand-in as its proxy, so the
// browser reaches nothing else), seeds the demo history of tools/demo-data.mjs, opens
// chrome-extension://<id>/popup.html and options.html as tabs with `prefers-color-scheme` emulated, and
// writes docs/screenshots/{popup,options}-{light,dark}.png. The popup is 380 px wide and as tall as its
// content; the options page 900×1100 (taller when its content is).
//
// A page signals it has finished rendering with `document.body.dataset.ready = "1"`; without that
// within 10 s this waits 1.5 s more and warns.
//
// Options: --scale N   device pixel ratio (default 1; 2 for sharper images)
//          --out DIR   output directory (default docs/screenshots)
// IG_DIST_CHROME points it at another unpacked build; CHROMIUM_BIN at another Chromium.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST_CHROME, ROOT, describeHistory, launchChromium, seedDemo, sleep } from './demo-data.mjs';

const READY_TIMEOUT = 10_000;
const FALLBACK_WAIT = 1_500;
const POPUP_WIDTH = 380;
const POPUP_MAX = 600; // Chrome's largest popup; taller content scrolls there
const OPTIONS = { width: 900, height: 1100 };

function parseArgs(argv) {
  const opts = { scale: 1, out: path.join(ROOT, 'docs', 'screenshots') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]);
    if (a === '--scale' || a.startsWith('--scale=')) {
      const v = Number(val());
      if (!(v >= 1 && v <= 4)) throw new Error('--scale wants a number from 1 to 4');
      opts.scale = v;
    } else if (a === '--out' || a.startsWith('--out=')) opts.out = path.resolve(val());
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: ./build.sh screenshots [--scale N] [--out DIR]   (node tools/screenshots.mjs [same options])',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  return opts;
}

/** Width and height from a PNG's IHDR, or null when the file is not a PNG. */
function pngSize(file) {
  const b = fs.readFileSync(file);
  if (b.length < 24 || b.toString('latin1', 1, 4) !== 'PNG' || b.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), bytes: b.length };
}

/** Wait for `document.body.dataset.ready === "1"`; false (after the fallback wait) when it never comes. */
async function waitReady(page) {
  try {
    await page.waitForFunction(() => document.body?.dataset.ready === '1', null, {
      timeout: READY_TIMEOUT,
      polling: 100,
    });
    await page.evaluate(() => document.fonts?.ready);
    return true;
  } catch {
    await sleep(FALLBACK_WAIT);
    return false;
  }
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    return 2;
  }
  if (!fs.existsSync(path.join(DIST_CHROME, 'manifest.json'))) {
    console.error(
      `${path.relative(ROOT, DIST_CHROME)}/manifest.json is missing: run ./build.sh first (./build.sh screenshots does).`,
    );
    return 1;
  }
  const { startStandin } = await import(pathToFileURL(path.join(ROOT, 'tests', 'standin', 'server.mjs')).href);
  const standin = await startStandin({ port: 0 });
  const ext = await launchChromium({
    proxyPort: standin.port,
    headless: true,
    viewport: OPTIONS,
    deviceScaleFactor: opts.scale,
  }).catch(async (e) => {
    await standin.close();
    throw e;
  });
  const written = [];
  const warnings = [];
  const notes = [];
  try {
    const { guard, events } = await seedDemo(ext);
    console.log(`Seeded demo history: ${describeHistory(events, guard)}.`);
    await ext.closeExtPage();
    fs.mkdirSync(opts.out, { recursive: true });

    for (const name of ['popup', 'options']) {
      for (const colorScheme of ['light', 'dark']) {
        const page = await ext.context.newPage();
        try {
          await page.emulateMedia({ colorScheme });
          await page.setViewportSize(name === 'popup' ? { width: POPUP_WIDTH, height: POPUP_MAX } : OPTIONS);
          await page.goto(`${ext.origin}/${name}.html`, { waitUntil: 'load' });
          if (!(await waitReady(page))) {
            warnings.push(
              `${name}.html (${colorScheme}) did not set document.body.dataset.ready = "1" within ${READY_TIMEOUT / 1000} s; took the picture ${FALLBACK_WAIT / 1000} s later`,
            );
            console.warn(`warning: ${warnings.at(-1)}`);
          }
          const file = path.join(opts.out, `${name}-${colorScheme}.png`);
          if (name === 'popup') {
            // As tall as the content: measure it in a short viewport at the popup's width (so the
            // viewport's own height does not count), then fit the viewport to it.
            await page.setViewportSize({ width: POPUP_WIDTH, height: 50 });
            const h = await page.evaluate(() => {
              const de = document.documentElement;
              const bottom = Math.max(de.scrollHeight, document.body.scrollHeight);
              let lowest = 0;
              for (const e of document.body.querySelectorAll('*'))
                lowest = Math.max(lowest, e.getBoundingClientRect().bottom + scrollY);
              const cs = getComputedStyle(document.body);
              lowest += parseFloat(cs.paddingBottom) + parseFloat(cs.marginBottom) + parseFloat(cs.borderBottomWidth);
              return Math.ceil(Math.max(lowest, de.scrollHeight > 50 ? bottom : 0));
            });
            await page.setViewportSize({ width: POPUP_WIDTH, height: Math.max(h, 120) });
            if (h > POPUP_MAX && colorScheme === 'light')
              notes.push(
                `the popup's content is ${h} px tall; Chrome's popup shows at most ${POPUP_MAX} px and scrolls the rest (the PNGs show it all)`,
              );
            await sleep(100);
            await page.screenshot({ path: file });
          } else {
            await page.screenshot({ path: file, fullPage: true });
          }
          written.push(file);
        } finally {
          await page.close().catch(() => {});
        }
      }
    }
  } finally {
    await ext.close();
    await standin.close().catch(() => {});
  }

  console.log(`\nWrote ${written.length} screenshots:`);
  for (const f of written) {
    const s = pngSize(f);
    console.log(
      `  ${path.relative(ROOT, f)}  ${s ? `${s.width}×${s.height}, ${(s.bytes / 1024).toFixed(1)} KB` : 'NOT A PNG'}`,
    );
  }
  for (const n of notes) console.log(`\nNote: ${n}.`);
  if (warnings.length)
    console.log(
      `\n${warnings.length} warning${warnings.length === 1 ? '' : 's'}:\n${warnings.map((w) => `  - ${w}`).join('\n')}`,
    );
  return written.every((f) => pngSize(f)) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e?.stack ?? e);
    process.exit(1);
  },
);
