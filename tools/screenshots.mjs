// `./build.sh screenshots`: PNGs of the popup, the dashboard and the options page, light and dark, for the docs,
// and of the guard in LinkedIn's page (the hint and the confirm panel, light and dark).
//
// Launches headless Chromium with the unpacked dist/chrome (the LinkedIn stand-in as its proxy, so the
// browser reaches nothing else), seeds the demo history of tools/demo-data.mjs, opens
// chrome-extension://<id>/popup.html, dashboard.html and options.html as tabs with `prefers-color-scheme`
// emulated, and writes docs/screenshots/{popup,dashboard,options}-{light,dark}.png. The popup is 380 px
// wide and as tall as its content; the dashboard and the options page 900×1100 (taller when their
// content is), and the dashboard's first 900×1100 again as dashboard-top-{light,dark}.png. The guard's pictures,
// docs/screenshots/guard-{hint,confirm}-{light,dark}.png, are the stand-in's profile page served with
// LinkedIn's light or dark theme marker (`?theme=`, docs/linkedin.md §1.6), 900×560.
//
// A page signals it has finished rendering with `document.body.dataset.ready = "1"`; without that
// within 10 s this waits 1.5 s more and warns.
//
// With --store it writes the store's pictures instead (docs/store/README.md §7), into docs/store/:
// screenshot-guard.png (the guard's confirm panel on the stand-in's profile, the day's budget spent),
// screenshot-popup.png (the popup as Chrome shows it, over the stand-in's page) and
// screenshot-options.png and screenshot-privacy.png (the options page, at its top and at its privacy
// choices), each 1280x800, the size the Chrome Web Store asks for,
// and promo-tile.png, 440x280, rendered from docs/store/promo-tile.html. Light scheme, scale 1: the
// stores take these exact sizes.
//
// Options: --scale N   device pixel ratio (default 1; 2 for sharper images; not with --store)
//          --out DIR   output directory (default docs/screenshots, docs/store with --store)
//          --store     the store's pictures
// IG_DIST_CHROME points it at another unpacked build; CHROMIUM_BIN at another Chromium.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DEMO_PAGES,
  DIST_CHROME,
  ROOT,
  SEL,
  describeHistory,
  launchChromium,
  seedDemo,
  sleep,
  waitFor,
} from './demo-data.mjs';

const READY_TIMEOUT = 10_000;
const FALLBACK_WAIT = 1_500;
const POPUP_WIDTH = 380;
const POPUP_MAX = 600; // Chrome's largest popup; taller content scrolls there
const OPTIONS = { width: 900, height: 1100 };
const STORE = { width: 1280, height: 800 };
const TILE = { width: 440, height: 280 };
const CONFIRM = '[data-invite-guard="confirm"]';
const HINT = '[data-invite-guard="hint"]';
const GUARD = { width: 900, height: 560 };

function parseArgs(argv) {
  const opts = { scale: 1, out: null, store: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]);
    if (a === '--scale' || a.startsWith('--scale=')) {
      const v = Number(val());
      if (!(v >= 1 && v <= 4)) throw new Error('--scale wants a number from 1 to 4');
      opts.scale = v;
    } else if (a === '--out' || a.startsWith('--out=')) opts.out = path.resolve(val());
    else if (a === '--store') opts.store = true;
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: ./build.sh screenshots [--scale N] [--out DIR] [--store]   (node tools/screenshots.mjs [same options])',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  if (opts.store && opts.scale !== 1) throw new Error('--store makes pictures of exact sizes: no --scale');
  opts.out ??= path.join(ROOT, 'docs', opts.store ? 'store' : 'screenshots');
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

/** The page as a PNG in memory. */
const shot = (page, options = {}) => page.screenshot({ type: 'png', ...options });
const dataUrl = (png) => `data:image/png;base64,${png.toString('base64')}`;

/**
 * The store's pictures (docs/store/README.md §7): three 1280x800 screenshots and the promo tile.
 * Each page waits for `body[data-ready]` as the docs' screenshots do; a page that never sets it is
 * taken anyway and warned about.
 */
async function storeShots(ext, out, written, warnings) {
  const save = async (name, png) => {
    const file = path.join(out, name);
    fs.writeFileSync(file, png);
    written.push(file);
  };
  const ready = async (page, what) => {
    if (!(await waitReady(page))) {
      warnings.push(`${what} did not set document.body.dataset.ready = "1" within ${READY_TIMEOUT / 1000} s`);
      console.warn(`warning: ${warnings.at(-1)}`);
    }
  };

  // 1. The guard: the day's 20 invitations sent, Connect on a profile meets the confirm panel.
  let seeded = await seedDemo(ext, { today: 20 });
  console.log(`Seeded demo history: ${describeHistory(seeded.events, seeded.guard)}.`);
  await ext.closeExtPage();
  const linkedin = await ext.context.newPage();
  await linkedin.setViewportSize(STORE);
  await linkedin.goto(DEMO_PAGES.profile, { waitUntil: 'load' });
  const connect = linkedin.locator(SEL.topcardConnect).first();
  await connect.waitFor({ state: 'visible', timeout: 10_000 });
  await sleep(600); // the content script runs at document_idle and reads `guard`
  await connect.click({ timeout: 5_000 });
  await waitFor(async () => (await linkedin.locator(CONFIRM).count()) > 0, 8_000, "the guard's confirm panel");
  await sleep(300); // the panel's fade-in
  await linkedin.mouse.move(0, 0); // no hover state on the page's controls
  await save('screenshot-guard.png', await shot(linkedin));

  // 2. The popup with some of the day left, as Chrome shows it: under the toolbar at the right,
  // at most 600 px tall, over the page it was opened on.
  seeded = await seedDemo(ext, { today: 14 });
  console.log(`Seeded demo history: ${describeHistory(seeded.events, seeded.guard)}.`);
  await ext.closeExtPage();
  await linkedin.reload({ waitUntil: 'load' });
  await sleep(600);
  const backdrop = await shot(linkedin);
  await linkedin.close();
  const popup = await ext.context.newPage();
  await popup.setViewportSize({ width: POPUP_WIDTH, height: POPUP_MAX });
  await popup.goto(`${ext.origin}/popup.html`, { waitUntil: 'load' });
  await ready(popup, 'popup.html');
  const popupPng = await shot(popup);
  await popup.close();
  const frame = await ext.context.newPage();
  await frame.setViewportSize(STORE);
  // Built node by node from two data: URLs the page receives as arguments; no HTML string.
  await frame.evaluate(
    ([bg, fg, w, h]) => {
      document.documentElement.style.cssText = 'margin:0;height:100%';
      document.body.style.cssText = `margin:0;width:100vw;height:100vh;overflow:hidden;background:url(${bg}) 0 0 / 100% 100%`;
      const shade = document.createElement('div');
      shade.style.cssText = 'position:absolute;inset:0;background:rgba(0,0,0,.18)';
      const img = document.createElement('img');
      img.src = fg;
      img.style.cssText = `position:absolute;top:8px;right:24px;width:${w}px;height:${h}px;border-radius:8px;box-shadow:0 8px 28px rgba(0,0,0,.35),0 0 0 1px rgba(0,0,0,.12)`;
      document.body.append(shade, img);
      return img.decode();
    },
    [dataUrl(backdrop), dataUrl(popupPng), POPUP_WIDTH, POPUP_MAX],
  );
  await save('screenshot-popup.png', await shot(frame));
  await frame.close();

  // 3. The options page: the caps with their sources, the in-page switches and the privacy choices.
  const options = await ext.context.newPage();
  await options.setViewportSize(STORE);
  await options.goto(`${ext.origin}/options.html`, { waitUntil: 'load' });
  await ready(options, 'options.html');
  // Zoomed so that the 640 px column fills the store's frame as it would a laptop's window.
  await options.evaluate(() => {
    document.body.style.zoom = '1.25';
  });
  await sleep(100);
  await save('screenshot-options.png', await shot(options));
  // And its privacy choices: names, "Don't keep who I invited", the retention, what is stored.
  await options.evaluate(() => document.getElementById('names').closest('fieldset').scrollIntoView());
  await sleep(100);
  await save('screenshot-privacy.png', await shot(options));
  await options.close();

  // 4. The promo tile, from its HTML source beside it.
  const tile = await ext.context.newPage();
  await tile.setViewportSize(TILE);
  await tile.goto(pathToFileURL(path.join(ROOT, 'docs', 'store', 'promo-tile.html')).href, { waitUntil: 'load' });
  await tile.evaluate(() => document.fonts?.ready);
  await save('promo-tile.png', await shot(tile));
  await tile.close();
}

/**
 * The guard in LinkedIn's page, light and dark (issue 13): the hint beside the profile's Connect with
 * 17 of the day's 20 invitations sent, and the confirm panel with all 20 sent. The page carries
 * LinkedIn's theme marker and the system's scheme agrees with it, as for a member whose LinkedIn
 * follows the device.
 */
async function guardShots(ext, out, written) {
  for (const [name, today, sel] of [
    ['hint', 17, HINT],
    ['confirm', 20, CONFIRM],
  ]) {
    const seeded = await seedDemo(ext, { today });
    console.log(`Seeded demo history: ${describeHistory(seeded.events, seeded.guard)}.`);
    await ext.closeExtPage();
    for (const theme of ['light', 'dark']) {
      const page = await ext.context.newPage();
      try {
        await page.setViewportSize(GUARD);
        await page.emulateMedia({ colorScheme: theme });
        const url = new URL(DEMO_PAGES.profile);
        url.searchParams.set('theme', theme);
        await page.goto(url.href, { waitUntil: 'load' });
        const connect = page.locator(SEL.topcardConnect).first();
        await connect.waitFor({ state: 'visible', timeout: 10_000 });
        await sleep(600); // the content script runs at document_idle and reads `guard`
        if (name === 'hint') await connect.hover({ timeout: 5_000 });
        else await connect.click({ timeout: 5_000 });
        await waitFor(async () => (await page.locator(sel).count()) > 0, 8_000, `the guard's ${name} (${theme})`);
        await sleep(300);
        if (name === 'confirm') await page.mouse.move(0, 0); // no hover state on the page's controls
        const file = path.join(out, `guard-${name}-${theme}.png`);
        await page.screenshot({ path: file });
        written.push(file);
      } finally {
        await page.close().catch(() => {});
      }
    }
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
    if (opts.store) {
      fs.mkdirSync(opts.out, { recursive: true });
      await storeShots(ext, opts.out, written, warnings);
    } else {
      const { guard, events } = await seedDemo(ext);
      console.log(`Seeded demo history: ${describeHistory(events, guard)}.`);
      await ext.closeExtPage();
      fs.mkdirSync(opts.out, { recursive: true });

      for (const name of ['popup', 'dashboard', 'options']) {
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
              if (name === 'dashboard') {
                // Its first screen too, for the README's opening pictures (the whole page is ~3,000 px).
                const top = path.join(opts.out, `${name}-top-${colorScheme}.png`);
                await page.screenshot({ path: top });
                written.push(top);
              }
            }
            written.push(file);
          } finally {
            await page.close().catch(() => {});
          }
        }
      }
      await guardShots(ext, opts.out, written);
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
