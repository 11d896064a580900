// Shared helpers for the end-to-end tests (run with `node --test tests/e2e/`).
//
// Two browser drivers with the same surface, so the scenarios in scenarios.mjs run unchanged in both:
//   - Chromium through playwright-core (persistent context with the unpacked extension);
//   - Firefox ESR through selenium-webdriver + geckodriver (temporary add-on).
// Both reach the LinkedIn stand-in (tests/standin/server.mjs) as an HTTP proxy on 127.0.0.1 that
// terminates TLS for www.linkedin.com, so content scripts see the real URL.
//
// Browser surface:  ext.id, ext.newPage(), ext.storageGet(keys), ext.storageSet(obj), ext.storageClear(),
//                   ext.badge() -> {text, color:[r,g,b,a], title}, ext.stopServiceWorker() (Chromium), ext.close()
// Page surface:     goto(url), click(sel, i), hover(sel, i), focus(sel, i), press(key), count(sel),
//                   evaluate(fn, ...args), waitForCount(sel, pred, timeout), close()

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  FIREFOX_UUID,
  chromiumExtensionId,
  launchChromium as launchChromiumContext,
  launchFirefox as launchFirefoxDriver,
} from '../../tools/browsers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
// The suites load what the stores get: each store zip unpacked under target/unpacked/<browser>/ (by
// storeBuildProblem, below), not dist/<browser>/, so a file the zip lacks fails a test (docs/release.md
// §6). IG_DIST_CHROME / IG_DIST_FIREFOX point the tests at another unpacked build, used as it is.
export const DIST_CHROME = path.resolve(process.env.IG_DIST_CHROME || path.join(ROOT, 'target', 'unpacked', 'chrome'));
export const DIST_FIREFOX = path.resolve(
  process.env.IG_DIST_FIREFOX || path.join(ROOT, 'target', 'unpacked', 'firefox'),
);
export const SHARED_FIXTURES = path.resolve(ROOT, '..', 'shared', 'fixtures', 'linkedin-profile-2026-03');
export const STANDIN_DIR = path.join(ROOT, 'tests', 'standin');

// The browsers are launched by tools/browsers.mjs (binaries, flags, proxy, prefs), shared with the demo,
// the screenshots and the benchmark; re-exported here for the tests.
export {
  CHROMIUM_BIN,
  FIREFOX_BIN,
  FIREFOX_UUID,
  GECKO_ID,
  QUIET_PREFS,
  chromiumArgs,
  findGeckodriver,
} from '../../tools/browsers.mjs';

// ---------------------------------------------------------------------------------------------------
// small utilities

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Poll `fn` until it returns a truthy value (returned) or `timeout` ms pass (throws with `message`
 * and the last value / error seen, so a failure says what was observed).
 */
export async function waitFor(fn, timeout = 10_000, message = 'condition', interval = 100) {
  const end = Date.now() + timeout;
  let last;
  let lastErr;
  for (;;) {
    try {
      last = await fn();
      lastErr = undefined;
      if (last) return last;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > end) {
      const seen = lastErr ? `last error: ${lastErr.message ?? lastErr}` : `last value: ${fmt(last)}`;
      throw new Error(`timed out after ${timeout} ms waiting for ${message} (${seen})`);
    }
    await sleep(interval);
  }
}

export function fmt(v) {
  try {
    const s = JSON.stringify(v);
    return s && s.length > 1500 ? `${s.slice(0, 1500)}…` : s;
  } catch {
    return String(v);
  }
}

export function pathExists(p) {
  try {
    fs.accessSync(p);
    return true;
  } catch {
    return false;
  }
}

/** The version ./build.sh writes into the zips' names: Cargo.toml's [package] version. */
export function packageVersion() {
  const toml = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
  return toml.match(/^\[package\][^[]*?^version = "([^"]+)"/m)[1];
}

/**
 * Unpacks `browser`'s store zip (dist/invite-guard-<browser>-<version>.zip) into DIST_CHROME or
 * DIST_FIREFOX, afresh, and returns why the suite cannot run, or null. With IG_DIST_<BROWSER> set, that
 * folder is used as it is.
 */
export function storeBuildProblem(browser) {
  const env = process.env[`IG_DIST_${browser.toUpperCase()}`];
  const dir = browser === 'chrome' ? DIST_CHROME : DIST_FIREFOX;
  if (!env) {
    const zip = path.join(ROOT, 'dist', `invite-guard-${browser}-${packageVersion()}.zip`);
    if (!pathExists(zip)) return `${path.relative(ROOT, zip)} missing (run ./build.sh)`;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('unzip', ['-q', zip, '-d', dir]);
  }
  if (!pathExists(path.join(dir, 'manifest.json')))
    return `${path.relative(ROOT, dir)}/manifest.json missing (run ./build.sh)`;
  return null;
}

// ---------------------------------------------------------------------------------------------------
// ledger / settings builders (storage layout: docs/protocol.md §1)

const pad = (n) => String(n).padStart(2, '0');
/** Local calendar day `YYYY-MM-DD` of `ms` (this process and the browsers share the machine's time zone). */
export function localDay(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
export const monthKey = (ms) => `ev:${localDay(ms).slice(0, 7)}`;
export function startOfToday(now = Date.now()) {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export const DEFAULT_SETTINGS = Object.freeze({
  preset: 'custom',
  daily_cap: 20,
  weekly_cap: 100,
  warn_remaining: 5,
  hard_block: false,
  in_page_ui: true,
  store_names: true,
});

export function sentEvent(at, i, extra = {}) {
  return {
    id: `seed:${i}:${at}`,
    kind: 'sent',
    at,
    day: localDay(at),
    tz: new Date(at).getTimezoneOffset(),
    invitee: { vanity: `seed-person-${i}`, name: `Seed Person ${i}` },
    note: false,
    sources: ['api'],
    ...extra,
  };
}

/**
 * Events for `today` sends today (spread between local midnight and now) and `earlier` sends on the
 * previous days of the rolling week (1–5 days ago, never today).
 */
export function seedEvents({ today = 0, earlier = 0, now = Date.now() } = {}) {
  const events = [];
  const sod = startOfToday(now);
  for (let i = 0; i < earlier; i++) {
    const daysAgo = 1 + (i % 5);
    const at = sod - daysAgo * 86_400_000 + 10 * 3_600_000 + i * 1000; // 10:00 local, that day
    events.push(sentEvent(at, `w${i}`));
  }
  for (let i = 0; i < today; i++) {
    const at = Math.floor(sod + ((now - 5_000 - sod) * (i + 1)) / (today + 1));
    events.push(sentEvent(at, `d${i}`));
  }
  return events;
}

/** `{ "ev:YYYY-MM": [events oldest first], … }` */
export function ledgerOf(events) {
  const out = {};
  for (const e of [...events].sort((a, b) => a.at - b.at)) {
    const key = monthKey(e.at);
    out[key] ??= [];
    out[key].push(e);
  }
  return out;
}

/** The local day (YYYY-MM-DD) of `at` for a getTimezoneOffset()-style offset, as core's LocalDay::at. */
export function dayAt(at, tz) {
  return new Date(at - tz * 60_000).toISOString().slice(0, 10);
}

/**
 * An event of a month key as an object: the compact v2 array `[id, kind, at, tz, urn, vanity, name,
 * note, sources, also?, tab?]` (docs/protocol.md §1) decoded, or a v1 object as it is.
 */
export function decodeEvent(v) {
  if (!Array.isArray(v)) return v;
  const [id, kind, at, tz, urn, vanity, name, note, sources, also, tab] = v;
  const invitee = {};
  if (urn != null) invitee.urn = urn;
  if (vanity != null) invitee.vanity = vanity;
  if (name != null) invitee.name = name;
  const e = { id, kind, at, day: dayAt(at, tz), tz, invitee, sources };
  // `note` is true/false, or the note's length when the invitation API's body told it.
  if (typeof note === 'number') {
    e.note = true;
    e.note_len = note;
  } else if (note != null) e.note = note;
  if (also?.length) e.also = also;
  if (tab != null) e.tab = tab;
  return e;
}

/** All events of every `ev:*` key of a storage snapshot, as objects. */
export function eventsOf(all) {
  return Object.entries(all ?? {})
    .filter(([k, v]) => k.startsWith('ev:') && Array.isArray(v))
    .flatMap(([, v]) => v.map(decodeEvent));
}

/**
 * Clear storage, write settings + ledger, and wait until the background has recomputed `guard` from
 * them (a guard computed after the seed, with the seeded caps and today's count).
 */
export async function seedState(ext, { settings = {}, today = 0, earlier = 0, events } = {}) {
  const s = { ...DEFAULT_SETTINGS, ...settings };
  const evs = events ?? seedEvents({ today, earlier });
  const t0 = Date.now();
  await ext.storageClear();
  // Events as objects: the readable form, which schema 2 still reads (docs/protocol.md §1).
  await ext.storageSet({ meta: { schema: 2 }, settings: s, ...ledgerOf(evs) });
  const sod = startOfToday();
  const expectToday = evs.filter((e) => e.kind === 'sent' && e.at >= sod).length;
  // The week too: the guard recomputed after storageClear() (all zero) must not pass for the seeded one.
  const expectWeek = evs.filter((e) => e.kind === 'sent' && e.at > Date.now() - 7 * 86_400_000).length;
  let seen;
  const guard = await waitFor(
    async () => {
      const { guard: g } = await ext.storageGet(['guard']);
      seen = g;
      return g &&
        g.computed_at >= t0 - 1000 &&
        g.sent_today === expectToday &&
        g.sent_week === expectWeek &&
        g.daily_cap === s.daily_cap &&
        g.weekly_cap === s.weekly_cap &&
        g.hard_block === s.hard_block
        ? g
        : false;
    },
    10_000,
    `guard to reflect the seeded state (sent_today ${expectToday}, sent_week ${expectWeek}, caps ${s.daily_cap}/${s.weekly_cap}, hard_block ${s.hard_block})`,
  ).catch(async (e) => {
    const keys = Object.keys((await ext.storageGet(null).catch(() => ({}))) ?? {});
    throw new Error(`${e.message}; guard in storage: ${fmt(seen)}; storage keys: ${fmt(keys)}`);
  });
  return guard;
}

/**
 * Starts recording, in the extension page the tests read storage through, every `guard` the
 * background writes with a self-check state in it (`guard.self_check`, docs/protocol.md §1.6): the
 * count of false alarms over the suite (issue 12). Idempotent; a page opened anew gets the listener
 * again. The record is kept in the page's DOM (`<html data-ig-self-check>`), not in a global:
 * Firefox's WebDriver runs each script in a sandbox of its own, whose globals the next script does
 * not see (the listener it adds lives on), and the DOM is what both browsers' scripts share.
 */
export async function watchSelfCheck(ext) {
  await ext.extEval(() => {
    const root = document.documentElement;
    if (root.dataset.igSelfCheck !== undefined) return true;
    const api = globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;
    root.dataset.igSelfCheck = '[]';
    api.storage.onChanged.addListener((changes, area) => {
      const sc = area === 'local' ? changes.guard?.newValue?.self_check : undefined;
      if (!sc || !Object.keys(sc).length) return;
      root.dataset.igSelfCheck = JSON.stringify([...JSON.parse(root.dataset.igSelfCheck ?? '[]'), sc]);
    });
    return true;
  });
}

/**
 * The self-check states recorded since the last call (and the one in `guard` now), emptied; `null`
 * when the recording page was closed or reloaded since `watchSelfCheck`.
 */
export async function takeSelfCheck(ext) {
  const seen = await ext.extEval(() => {
    const root = document.documentElement;
    if (root.dataset.igSelfCheck === undefined) return null;
    const s = JSON.parse(root.dataset.igSelfCheck);
    root.dataset.igSelfCheck = '[]';
    return s;
  });
  const now = (await ext.storageGet(['guard']))?.guard?.self_check;
  return seen === null ? null : [...seen, ...(now && Object.keys(now).length ? [now] : [])];
}

/**
 * Chromium's own background requests that still reach the proxy with every --disable-* flag we know
 * (seen here: the Gaia account check on accounts.google.com and an update2/json ping on
 * update.googleapis.com). They are the browser's, not the extension's; the Chromium test reports them
 * as a diagnostic and separately checks, through Playwright, that no request came from the extension.
 */
export const CHROMIUM_NOISE_HOST = /(^|\.)(google\.com|googleapis\.com|gvt1\.com|gstatic\.com)$/;

// ---------------------------------------------------------------------------------------------------
// colours

export function colourFamily([r, g, b]) {
  if (g > r && g >= b) return 'green';
  if (r > 150 && g > 100 && r > b) return 'amber';
  if (r > g && r > 150) return 'red';
  return 'other';
}

// ---------------------------------------------------------------------------------------------------
// the extension under test

/**
 * A copy of the built extension in `dist` for the end-to-end tests, under target/e2e-ext/<name>/:
 * the same files, plus tests/e2e/relay.js as a content script of its own on LinkedIn's pages, which
 * lets a page's script send the background any message through the extension's own messaging (what a
 * script on LinkedIn's page speaking through a compromised content script could do; `relaySend`).
 * `dropPermissions` removes permissions from the copy's manifest (the full-storage tests run without
 * `unlimitedStorage`, to meet Chrome's real 10 MiB quota). dist/ itself is never changed.
 */
export function testCopy(dist, name, { dropPermissions = [], syncOff = false } = {}) {
  const out = path.join(ROOT, 'target', 'e2e-ext', name);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.cpSync(dist, out, { recursive: true });
  fs.copyFileSync(path.join(here, 'relay.js'), path.join(out, 'e2e-relay.js'));
  const file = path.join(out, 'manifest.json');
  const m = JSON.parse(fs.readFileSync(file, 'utf8'));
  m.content_scripts.push({
    matches: ['https://www.linkedin.com/*'],
    js: ['e2e-relay.js'],
    run_at: 'document_start',
    all_frames: true,
  });
  m.permissions = (m.permissions ?? []).filter((p) => !dropPermissions.includes(p));
  fs.writeFileSync(file, JSON.stringify(m, null, 2));
  if (syncOff) {
    // storage.sync refused in the background and the options page (sync-off.js says why).
    fs.copyFileSync(path.join(here, 'sync-off.js'), path.join(out, 'e2e-sync-off.js'));
    const bg = path.join(out, 'background.js');
    fs.writeFileSync(bg, `import "./e2e-sync-off.js";\n${fs.readFileSync(bg, 'utf8')}`);
    const options = path.join(out, 'options.html');
    const html = fs.readFileSync(options, 'utf8');
    const at = html.indexOf('<script');
    fs.writeFileSync(options, `${html.slice(0, at)}<script src="e2e-sync-off.js"></script>\n  ${html.slice(at)}`);
  }
  return out;
}

/**
 * Sends `msg` to the background from LinkedIn's page `page` (its main world, through relay.js):
 * the sender the background sees is a www.linkedin.com frame of this extension. Resolves to
 * `{answer}` or `{error}`.
 */
export function relaySend(page, msg, timeout = 10_000) {
  return page.evaluate(
    (m, ms) =>
      new Promise((resolve) => {
        const id = `${Date.now()}-${Math.random()}`;
        const done = (v) => {
          removeEventListener('message', on);
          clearTimeout(timer);
          resolve(v);
        };
        const on = (ev) => {
          if (ev.source === window && ev.data?.igRelay === 'answer' && ev.data.id === id) done(ev.data);
        };
        const timer = setTimeout(() => done({ error: 'no answer from the relay content script' }), ms);
        addEventListener('message', on);
        postMessage({ igRelay: 'ask', id, msg: m }, '*');
      }),
    msg,
    timeout,
  );
}

/**
 * `runtime.sendMessage(msg)` from a LinkedIn page (a stand-in 404 page on www.linkedin.com, kept open
 * per browser until the test's pages are closed), through relay.js; resolves to the background's
 * answer. What the content script reports is sent this way when a test needs exact messages.
 */
export async function sendFromLinkedIn(ext, msg) {
  if (!ext.relayPage || ext.relayPage.isClosed()) {
    ext.relayPage = await ext.newPage();
    await ext.relayPage.goto('https://www.linkedin.com/__relay');
  }
  const r = await relaySend(ext.relayPage, msg);
  if ('error' in r) throw new Error(`relay: ${r.error}`);
  return r.answer;
}

/**
 * `storage.sync` from an extension page (issue 14): `op` `get` (every item), `set` (`arg`, the items)
 * or `clear`.
 */
export function syncStorage(ext, op, arg) {
  return ext.extEval(
    ([op, x]) => {
      const s = (globalThis.browser ?? chrome).storage.sync;
      if (op === 'get') return s.get(null);
      if (op === 'set') return s.set(x);
      return s.clear();
    },
    [op, arg],
  );
}

/** Adds one send made here (as the invitation API reports it) at `at` to its stored month. */
export async function addSend(ext, at, i) {
  const month = ledgerOf([sentEvent(at, i)]);
  const [key] = Object.keys(month);
  const stored = (await ext.storageGet([key]))[key] ?? [];
  await ext.storageSet({ [key]: [...stored, ...month[key]] });
}

/** `runtime.sendMessage(msg)` from one of the extension's own pages; resolves to the answer. */
export function sendFromExtension(ext, msg) {
  return ext.extEval((m) => (globalThis.browser ?? chrome).runtime.sendMessage(m), msg);
}

// ---------------------------------------------------------------------------------------------------
// the LinkedIn stand-in

export async function startStandin(opts = {}) {
  const file = path.join(STANDIN_DIR, 'server.mjs');
  if (!pathExists(file)) throw new Error(`LinkedIn stand-in missing: ${path.relative(ROOT, file)}`);
  const mod = await import(pathToFileURL(file).href);
  return mod.startStandin({ port: 0, ...opts });
}

export function readRoutes() {
  const file = path.join(STANDIN_DIR, 'routes.json');
  return pathExists(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}

// ---------------------------------------------------------------------------------------------------
// Chromium (playwright-core)

/** Chromium with the unpacked extension in `extDir` (a fresh profile), wrapped in the Browser surface. */
export async function launchChromium({ extDir = DIST_CHROME, proxyPort, lang } = {}) {
  const context = await launchChromiumContext({ extDir, proxyPort, lang });
  try {
    const id = await chromiumExtensionId(context);
    return new ChromiumExt(context, id);
  } catch (e) {
    await context.close().catch(() => {});
    throw new Error(`Chromium: the extension's service worker did not start (${e.message})`);
  }
}

class ChromiumExt {
  constructor(context, id) {
    this.kind = 'chromium';
    this.context = context;
    this.id = id;
    this.origin = `chrome-extension://${id}`;
    this._ext = null;
    // Every request Playwright attributes to a page or (Chromium only) to a service worker.
    this.requests = [];
    context.on('request', (r) => {
      let frameUrl = null;
      try {
        frameUrl = r.frame()?.url() ?? null;
      } catch {}
      this.requests.push({
        url: r.url(),
        method: r.method(),
        worker: r.serviceWorker()?.url() ?? null,
        frameUrl,
        headers: r.headers(),
      });
    });
  }

  /** The current worker, or null when it is stopped. */
  worker() {
    return this.context.serviceWorkers().find((w) => w.url().startsWith(this.origin)) ?? null;
  }

  /**
   * An extension page used for every storage/badge read: the service worker can be stopped at any time
   * (and evaluating in it would not tell a stopped worker from a busy one), an extension page stays.
   * It must not keep the worker alive either, so it only calls storage/action APIs (no ports).
   */
  async extPage() {
    if (this._ext && !this._ext.isClosed()) return this._ext;
    this._ext = await this.context.newPage();
    await this._ext.goto(`${this.origin}/popup.html`);
    return this._ext;
  }

  async extEval(fn, arg) {
    const p = await this.extPage();
    return p.evaluate(fn, arg);
  }

  /** The value of the expression `source` in an extension page (a promise is awaited). */
  async extRun(source) {
    const p = await this.extPage();
    return p.evaluate(source);
  }

  storageGet(keys = null) {
    return this.extEval((k) => chrome.storage.local.get(k), keys);
  }
  storageSet(obj) {
    return this.extEval((o) => chrome.storage.local.set(o), obj);
  }
  /** Empties storage.local, and storage.sync, where the other computers' items live (issue 14): each
   *  scenario starts as a computer alone, with nothing an earlier scenario shared. */
  storageClear() {
    return this.extEval(() => Promise.all([chrome.storage.sync.clear(), chrome.storage.local.clear()]));
  }
  badge() {
    return this.extEval(async () => ({
      text: await chrome.action.getBadgeText({}),
      color: await chrome.action.getBadgeBackgroundColor({}),
      title: await chrome.action.getTitle({}),
    }));
  }

  /** Stops the background and starts it again (its start-up reads `meta` and migrates). */
  async restartBackground() {
    await this.stopServiceWorker();
    await this.extEval(() => chrome.runtime.sendMessage({ kind: 'nothing' }).catch(() => null));
  }

  /**
   * Stop the extension's service worker the way Chrome does when it is idle.
   *
   * CDP `ServiceWorker.stopAllWorkers`, sent on a session attached to the extension page: the ServiceWorker
   * domain there covers the profile's partition, extension workers included (tried: the version goes
   * running → stopping → stopped, and the next extension event starts it again). Playwright's own
   * worker `close` event arrives late (seen only after the restart), so the status comes from the CDP
   * `ServiceWorker.workerVersionUpdated` events instead. chrome://serviceworker-internals has a Stop
   * button doing the same thing through a WebUI page; CDP is simpler to drive.
   */
  async stopServiceWorker() {
    const cdp = await this.swSession();
    await waitFor(() => this.swStatus() !== null, 5_000, 'the service worker version to be reported by CDP');
    // A worker still starting (woken moments ago) ignores the stop: ask again until it is stopped.
    for (let attempt = 1; ; attempt++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      try {
        await waitFor(() => this.swStatus() === 'stopped', 2_000, 'the service worker to stop', 20);
        return true;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
  }

  /** runningStatus of the extension's newest worker version as CDP last reported it, or null. */
  swStatus() {
    const mine = [...(this._versions ?? new Map()).values()].filter((v) => v.scriptURL?.startsWith(this.origin));
    if (!mine.length) return null;
    mine.sort((a, b) => Number(b.versionId) - Number(a.versionId));
    return mine[0].runningStatus;
  }

  async swSession() {
    if (this._cdp) return this._cdp;
    const page = await this.extPage();
    const cdp = await this.context.newCDPSession(page);
    this._versions = new Map();
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) this._versions.set(v.versionId, v);
    });
    await cdp.send('ServiceWorker.enable');
    this._cdp = cdp;
    return cdp;
  }

  async newPage() {
    return new ChromiumPage(await this.context.newPage());
  }

  async closePages() {
    for (const p of this.context.pages()) if (p !== this._ext) await p.close().catch(() => {});
  }

  async close() {
    await this.context.close().catch(() => {});
  }
}

class ChromiumPage {
  constructor(page) {
    this.page = page;
  }
  async goto(url) {
    await this.page.goto(url, { waitUntil: 'load' });
  }
  url() {
    return this.page.url();
  }
  loc(sel, i = 0) {
    return this.page.locator(sel).nth(i);
  }
  /** A real (trusted) mouse click at the element's centre. */
  async click(sel, i = 0, opts = {}) {
    await this.loc(sel, i).click({ timeout: 5_000, ...opts });
  }
  async hover(sel, i = 0) {
    await this.loc(sel, i).hover({ timeout: 5_000 });
  }
  async focus(sel, i = 0) {
    await this.loc(sel, i).focus({ timeout: 5_000 });
  }
  async mouseAway() {
    await this.page.mouse.move(1, 1);
  }
  /** A real key press to whatever has focus ('Escape', 'Tab', 'Enter'). */
  async press(key) {
    await this.page.keyboard.press(key);
  }
  count(sel) {
    return this.page.locator(sel).count();
  }
  /** Sets the text of field `sel` (in the iframe `frame` when given) as typing would: an `input` event. */
  async fill(sel, text, frame = null) {
    await (frame ? this.page.frameLocator(frame) : this.page).locator(sel).first().fill(text, { timeout: 5_000 });
  }
  /** The value of field `sel` (in the iframe `frame` when given). */
  async valueOf(sel, frame = null) {
    return (frame ? this.page.frameLocator(frame) : this.page).locator(sel).first().inputValue({ timeout: 5_000 });
  }
  /** Chooses `file` in the file input `sel`, as the member would in the file picker. */
  async setFile(sel, file) {
    await this.page.setInputFiles(sel, file);
  }
  /**
   * Our in-page UI lives in closed shadow roots, which Playwright's locators do not enter; CDP's
   * DOM domain does (`pierce`, iframes included). Returns, for each host `[data-invite-guard=kind]`,
   * its shadow content's text and the CDP node ids of elements there matching `css` (a tag or
   * `tag[attr=value]` only).
   */
  async _guardNodes(kind, css = null) {
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
      const [tag, attr, val] = css ? (css.match(/^(\w+|\*)(?:\[([\w-]+)="?([^"\]]*)"?\])?$/) ?? []).slice(1) : [];
      const attrs = (n) => {
        const a = n.attributes ?? [];
        const o = {};
        for (let i = 0; i < a.length; i += 2) o[a[i]] = a[i + 1];
        return o;
      };
      const hosts = [];
      const walk = (n, inHost) => {
        const a = attrs(n);
        if (a['data-invite-guard'] === kind && n.shadowRoots?.length) {
          const h = { text: '', matches: [] };
          const inner = (m) => {
            if (m.nodeType === 3) h.text += m.nodeValue;
            const ma = attrs(m);
            if (m.nodeType === 1 && tag && (tag === '*' || m.localName === tag) && (!attr || ma[attr] === val))
              h.matches.push(m.nodeId);
            for (const c of m.children ?? []) inner(c);
          };
          for (const r of n.shadowRoots) inner(r);
          hosts.push(h);
        }
        for (const c of [
          ...(n.children ?? []),
          ...(n.shadowRoots ?? []),
          ...(n.contentDocument ? [n.contentDocument] : []),
        ])
          walk(c, inHost);
      };
      walk(root, false);
      return { cdp, hosts };
    } catch (e) {
      await cdp.detach().catch(() => {});
      throw e;
    }
  }
  /** The text of each `[data-invite-guard=kind]` host's closed shadow root, in every frame. */
  async guardTexts(kind) {
    const { cdp, hosts } = await this._guardNodes(kind);
    await cdp.detach().catch(() => {});
    return hosts.map((h) => h.text);
  }
  /**
   * `fn(top)` in the page for each `[data-invite-guard=kind]` host, in every frame, `top` being the
   * first element inside its closed shadow root: CDP resolves that node to an object the function is
   * called on, so the root stays closed for the page. Returns the results (JSON values).
   */
  async guardEval(kind, fn) {
    const { cdp, hosts } = await this._guardNodes(kind, '*');
    try {
      const out = [];
      for (const h of hosts) {
        if (!h.matches.length) continue;
        const { object } = await cdp.send('DOM.resolveNode', { nodeId: h.matches[0] });
        const r = await cdp.send('Runtime.callFunctionOn', {
          objectId: object.objectId,
          functionDeclaration: `function () { return (${fn.toString()})(this); }`,
          returnByValue: true,
        });
        if (r.exceptionDetails) throw new Error(`guardEval: ${fmt(r.exceptionDetails)}`);
        out.push(r.result.value);
      }
      return out;
    } finally {
      await cdp.detach().catch(() => {});
    }
  }
  /** A real mouse click on the element `css` inside the (first) `[data-invite-guard=kind]` host. */
  async clickInGuard(kind, css) {
    const { cdp, hosts } = await this._guardNodes(kind, css);
    try {
      const id = hosts.flatMap((h) => h.matches)[0];
      if (!id) throw new Error(`no ${css} in a [data-invite-guard=${kind}] host`);
      const { model } = await cdp.send('DOM.getBoxModel', { nodeId: id });
      const q = model.content;
      await this.page.mouse.click((q[0] + q[4]) / 2, (q[1] + q[5]) / 2);
    } finally {
      await cdp.detach().catch(() => {});
    }
  }
  /** Runs a script's source in the page's main world (CDP: the page's CSP does not apply). */
  inject(source) {
    return this.page.evaluate(`${source}\n;0`);
  }
  /** The value of a JS expression in the page (a promise is awaited). */
  run(expr) {
    return this.page.evaluate(expr);
  }
  /** Light or dark `prefers-color-scheme` for this page. */
  async colorScheme(scheme) {
    await this.page.emulateMedia({ colorScheme: scheme });
    return true;
  }
  /** Clicks `sel` and returns the text of the file the page downloads. */
  async download(sel) {
    const [d] = await Promise.all([this.page.waitForEvent('download', { timeout: 10_000 }), this.click(sel)]);
    return { name: d.suggestedFilename(), text: fs.readFileSync(await d.path(), 'utf8') };
  }
  /** Evaluate `fn(...args)` in the page's main world. */
  evaluate(fn, ...args) {
    // A string expression goes through CDP Runtime.evaluate, which the page's CSP does not block
    // (an eval() inside the page would be).
    return this.page.evaluate(`(${fn.toString()})(...${JSON.stringify(args)})`);
  }
  isClosed() {
    return this.page.isClosed();
  }
  async close() {
    await this.page.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------
// Firefox (selenium-webdriver + geckodriver)

export async function launchFirefox({ extDir = DIST_FIREFOX, proxyPort } = {}) {
  // Downloads (the options page's export) go straight to a folder the tests read.
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-ff-downloads-'));
  const { driver, addonId } = await launchFirefoxDriver({
    extDir,
    proxyPort,
    prefs: {
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.helperApps.neverAsk.saveToDisk': 'application/json,text/csv',
      'browser.download.alwaysOpenPanel': false,
    },
  });
  try {
    const ext = new FirefoxExt(driver, addonId);
    ext.downloads = downloads;
    ext.home = await driver.getWindowHandle();
    return ext;
  } catch (e) {
    await driver.quit().catch(() => {});
    throw e;
  }
}

class FirefoxExt {
  constructor(driver, addonId) {
    this.kind = 'firefox';
    this.driver = driver;
    this.id = FIREFOX_UUID;
    this.addonId = addonId;
    this.origin = `moz-extension://${FIREFOX_UUID}`;
    this._extHandle = null;
    this.current = null;
    this.pages = new Set();
  }

  async switchTo(handle) {
    if (this.current !== handle) {
      await this.driver.switchTo().window(handle);
      this.current = handle;
    }
  }

  async openTab(url) {
    await this.driver.switchTo().newWindow('tab');
    const h = await this.driver.getWindowHandle();
    this.current = h;
    if (url) await this.driver.get(url);
    return h;
  }

  async extEval(fn, ...args) {
    if (!this._extHandle) this._extHandle = await this.openTab(`${this.origin}/popup.html`);
    await this.switchTo(this._extHandle);
    // WebDriver awaits a returned promise.
    return this.driver.executeScript(`return (${fn.toString()}).apply(null, arguments)`, ...args);
  }

  /** The value of the expression `source` in an extension page (a promise is awaited). */
  async extRun(source) {
    if (!this._extHandle) this._extHandle = await this.openTab(`${this.origin}/popup.html`);
    await this.switchTo(this._extHandle);
    return this.driver.executeScript(`return ${source}`);
  }

  storageGet(keys = null) {
    return this.extEval((k) => browser.storage.local.get(k), keys);
  }
  storageSet(obj) {
    return this.extEval((o) => browser.storage.local.set(o), obj);
  }
  /** As Chromium's: storage.local and storage.sync. */
  storageClear() {
    return this.extEval(() => Promise.all([browser.storage.sync.clear(), browser.storage.local.clear()]));
  }
  badge() {
    return this.extEval(async () => ({
      text: await browser.action.getBadgeText({}),
      color: await browser.action.getBadgeBackgroundColor({}),
      title: await browser.action.getTitle({}),
    }));
  }
  async stopServiceWorker() {
    throw new Error('Firefox runs the background as an event page; no service worker to stop');
  }

  /**
   * Reloads the background page (Firefox's event page): what is in its memory is gone, as when
   * Firefox suspends it, and its start-up runs again. Resolves once it answers a message.
   */
  async restartBackground() {
    await this.extEval(async () => {
      const bg = await browser.runtime.getBackgroundPage();
      bg.location.reload();
    });
    await waitFor(
      () =>
        this.extEval(() =>
          browser.runtime.sendMessage({ kind: 'nothing' }).then(
            (a) => a?.error === 'unknown_kind',
            () => false,
          ),
        ),
      10_000,
      'the background page to answer again after its reload',
      200,
    );
  }

  async newPage() {
    const h = await this.openTab();
    const p = new FirefoxPage(this, h);
    this.pages.add(p);
    return p;
  }

  async closePages() {
    for (const p of [...this.pages]) await p.close();
  }

  async close() {
    await this.driver.quit().catch(() => {});
  }
}

const KEYS = { Escape: '\uE00C', Tab: '\uE004', Enter: '\uE007' };

class FirefoxPage {
  constructor(ext, handle) {
    this.ext = ext;
    this.driver = ext.driver;
    this.handle = handle;
  }
  async sel() {
    await this.ext.switchTo(this.handle);
  }
  async goto(url) {
    await this.sel();
    await this.driver.get(url); // returns after the load event (pageLoadStrategy "normal")
  }
  async el(sel, i = 0) {
    await this.sel();
    const { By } = await import('selenium-webdriver');
    const els = await this.driver.findElements(By.css(sel));
    if (!els[i]) throw new Error(`no element #${i} for ${sel} (found ${els.length})`);
    return els[i];
  }
  /** A real (trusted) click: WebDriver element click scrolls into view and clicks its centre. */
  async click(sel, i = 0) {
    const e = await this.el(sel, i);
    await e.click();
  }
  async hover(sel, i = 0) {
    const e = await this.el(sel, i);
    await this.driver.actions({ async: true }).move({ origin: e }).perform();
  }
  async focus(sel, i = 0) {
    const e = await this.el(sel, i);
    await this.driver.executeScript('arguments[0].focus()', e);
  }
  async mouseAway() {
    await this.sel();
    await this.driver.actions({ async: true }).move({ x: 1, y: 1 }).perform();
  }
  async press(key) {
    await this.sel();
    await this.driver
      .actions({ async: true })
      .sendKeys(KEYS[key] ?? key)
      .perform();
  }
  async count(sel) {
    await this.sel();
    return this.driver.executeScript('return document.querySelectorAll(arguments[0]).length', sel);
  }
  async setFile(sel, file) {
    const e = await this.el(sel);
    await e.sendKeys(file);
  }
  async _inFrame(frame, fn) {
    await this.sel();
    const { By } = await import('selenium-webdriver');
    if (!frame) return fn(By);
    await this.driver.switchTo().frame(await this.driver.findElement(By.css(frame)));
    try {
      return await fn(By);
    } finally {
      await this.driver.switchTo().defaultContent();
    }
  }
  async fill(sel, text, frame = null) {
    await this._inFrame(frame, async (By) => {
      const e = await this.driver.findElement(By.css(sel));
      await e.clear();
      await e.sendKeys(text);
    });
  }
  async valueOf(sel, frame = null) {
    return this._inFrame(frame, async (By) => (await this.driver.findElement(By.css(sel))).getAttribute('value'));
  }
  async inject(source) {
    await this.sel();
    return this.driver.executeScript(source);
  }
  /** Runs `fn(host)` for each `[data-invite-guard=kind]` host, in the page and in its iframes
   *  (WebDriver enters closed shadow roots); returns the results. */
  async _eachGuard(kind, fn) {
    await this.sel();
    const { By } = await import('selenium-webdriver');
    const out = [];
    const here = async () => {
      for (const host of await this.driver.findElements(By.css(`[data-invite-guard="${kind}"]`)))
        out.push(await fn(host, By));
    };
    await here();
    const frames = await this.driver.findElements(By.css('iframe'));
    for (const f of frames) {
      try {
        await this.driver.switchTo().frame(f);
        await here();
      } catch {
      } finally {
        await this.driver.switchTo().defaultContent();
      }
    }
    return out;
  }
  async guardTexts(kind) {
    return this._eachGuard(kind, async (host, By) => {
      const root = await host.getShadowRoot();
      const [top] = await root.findElements(By.css('*'));
      return top ? this.driver.executeScript('return arguments[0].textContent', top) : '';
    });
  }
  /** `fn(top)` for each `[data-invite-guard=kind]` host, `top` the first element in its closed shadow
   *  root (WebDriver hands it to the script as an argument; the root stays closed for the page). */
  async guardEval(kind, fn) {
    return this._eachGuard(kind, async (host, By) => {
      const root = await host.getShadowRoot();
      const [top] = await root.findElements(By.css('*'));
      return top ? this.driver.executeScript(`return (${fn.toString()})(arguments[0])`, top) : null;
    });
  }
  async clickInGuard(kind, css) {
    let done = false;
    await this._eachGuard(kind, async (host, By) => {
      if (done) return;
      const root = await host.getShadowRoot();
      const els = await root.findElements(By.css(css));
      if (els[0]) {
        await els[0].click();
        done = true;
      }
    });
    if (!done) throw new Error(`no ${css} in a [data-invite-guard=${kind}] host`);
  }
  async run(expr) {
    await this.sel();
    return this.driver.executeScript(`return ${expr}`);
  }
  /**
   * WebDriver cannot switch prefers-color-scheme per page: without `global` this answers false and
   * Firefox is checked in light only. With `global`, the whole browser's scheme is switched through
   * Firefox's website-appearance preference (`layout.css.prefers-color-scheme.content-override`: 0
   * dark, 1 light), in the chrome context geckodriver's --allow-system-access opens; every page sees
   * it at once, and closing this page puts the preference back.
   */
  async colorScheme(scheme, { global = false } = {}) {
    if (!global) return false;
    await this.sel();
    const firefox = (await import('selenium-webdriver/firefox.js')).default;
    await this.driver.setContext(firefox.Context.CHROME);
    try {
      await this.driver.executeScript(
        `const k = 'layout.css.prefers-color-scheme.content-override';
         if (arguments[0] === null) Services.prefs.clearUserPref(k);
         else Services.prefs.setIntPref(k, arguments[0] === 'dark' ? 0 : 1);`,
        scheme === 'dark' || scheme === 'light' ? scheme : null,
      );
    } finally {
      await this.driver.setContext(firefox.Context.CONTENT);
    }
    this.globalScheme = scheme;
    return true;
  }
  /** Clicks `sel` and returns the file Firefox saved into the profile's download folder. */
  async download(sel) {
    const dir = this.ext.downloads;
    const before = new Set(fs.readdirSync(dir));
    await this.click(sel);
    const name = await waitFor(
      () => fs.readdirSync(dir).find((f) => !before.has(f) && !f.endsWith('.part')) ?? false,
      10_000,
      'the download',
    );
    await sleep(200);
    return { name, text: fs.readFileSync(path.join(dir, name), 'utf8') };
  }
  async evaluate(fn, ...args) {
    await this.sel();
    return this.driver.executeScript(`return (${fn.toString()}).apply(null, arguments)`, ...args);
  }
  async url() {
    await this.sel();
    return this.driver.getCurrentUrl();
  }
  isClosed() {
    return !!this.closed;
  }
  async close() {
    if (this.closed) return;
    if (this.globalScheme) await this.colorScheme(null, { global: true }).catch(() => {});
    this.closed = true;
    this.ext.pages.delete(this);
    try {
      await this.sel();
      await this.driver.close();
    } catch {}
    this.ext.current = null;
    await this.driver
      .switchTo()
      .window(this.ext._extHandle ?? this.ext.home)
      .catch(() => {});
    this.ext.current = this.ext._extHandle ?? this.ext.home;
  }
}

// ---------------------------------------------------------------------------------------------------

/** Wait until `sel` matches a count accepted by `pred` (default: at least one). */
export async function waitForCount(page, sel, pred = (n) => n > 0, timeout = 8_000, what = sel) {
  return waitFor(
    async () => {
      const n = await page.count(sel);
      return pred(n) ? { n } : false;
    },
    timeout,
    what,
  );
}
