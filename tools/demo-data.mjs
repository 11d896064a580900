// Shared by tools/demo.mjs (`./build.sh demo`) and tools/screenshots.mjs
// (`./build.sh screenshots`): a realistic invitation history to seed into storage.local, and the
// Chromium launch with the unpacked dist/chrome and the LinkedIn stand-in as proxy (tools/browsers.mjs,
// as for the end-to-end tests, plus a headed mode).
//
// The history follows docs/protocol.md §1 and is built the way harness.mjs sentEvent/seedState
// build theirs: about 60 sends over the past 30 days (weekdays busier than weekends, some with a
// note), one invitation LinkedIn refused (429 + its weekly-limit alert) twelve days ago, names kept. It is
// deterministic (fixed pseudo-random seed) apart from being placed relative to now, and names nobody
// the stand-in's pages offer a Connect for, so a send in the demo is always a new invitation.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..');
export const DIST_CHROME = path.resolve(process.env.IG_DIST_CHROME || path.join(ROOT, 'dist', 'chrome'));
export { CHROMIUM_BIN } from './browsers.mjs';
export const LI = 'https://www.linkedin.com';

/** Stand-in pages worth visiting in the demo (tests/standin/routes.json). */
export const DEMO_PAGES = {
  profile: `${LI}/in/ada-quill-3f2a/?lang=en`,
  search: `${LI}/search/results/people/?lang=en`,
  myNetwork: `${LI}/mynetwork/?lang=en`,
};

/** Connect controls of the stand-in's front end (tests/e2e/scenarios.mjs SEL). */
export const SEL = {
  connect:
    'a[href*="/preload/custom-invite/"], a[href*="/preload/search-custom-invite/"], button[aria-label^="Invite "][aria-label$=" to connect"]',
  topcardConnect: 'section[componentkey$="Topcard"] a[href*="/preload/custom-invite/"]',
  sendNoNote: 'button[aria-label="Send without a note"]',
  pending: 'a[aria-label^="Pending, click to withdraw invitation sent to"]',
};

export const DEMO_SETTINGS = Object.freeze({
  preset: 'free',
  daily_cap: 20,
  weekly_cap: 100,
  warn_remaining: 5,
  hard_block: false,
  in_page_ui: true,
  store_names: true,
});

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const pad = (n) => String(n).padStart(2, '0');
/** Local calendar day `YYYY-MM-DD` of `ms` (this process and the browser share the machine's time zone). */
export function localDay(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
export const monthKey = (ms) => `ev:${localDay(ms).slice(0, 7)}`;
export function startOfDay(ms) {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}
/** Local midnight `n` calendar days before the day of `ms` (DST-safe). */
function midnightDaysAgo(ms, n) {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - n);
  return d.getTime();
}

// mulberry32: a small deterministic PRNG, so every run seeds the same people and the same rhythm.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// First and last names that none of the stand-in's fixture pages use.
const FIRST = [
  'Maya',
  'Daniel',
  'Aiko',
  'Samuel',
  'Fatima',
  'Lucas',
  'Grace',
  'Tomás',
  'Chloé',
  'Arjun',
  'Hannah',
  'Mikael',
  'Zanele',
  'Oliver',
  'Mei',
  'Rafael',
  'Amara',
  'Felix',
  'Leila',
  'Niklas',
  'Camila',
  'Ethan',
  'Sana',
  'Marco',
  'Elif',
  'Jakob',
  'Nadia',
  'Liam',
  'Yuki',
  'Bruno',
  'Ifeoma',
  'Henrik',
  'Clara',
  'Diego',
  'Anika',
  'Pavel',
];
const LAST = [
  'Okonkwo',
  'Fischer',
  'Tanaka',
  'Mensah',
  'Rahman',
  'Moreau',
  'Whitfield',
  'Álvarez',
  'Dubois',
  'Iyer',
  'Keller',
  'Nyström',
  'Dlamini',
  'Hughes',
  'Chen',
  'Carvalho',
  'Adeyemi',
  'Bauer',
  'Nasser',
  'Sørensen',
  'Ortega',
  'Walsh',
  'Qureshi',
  'Bianchi',
  'Yılmaz',
  'Novak',
  'Petrova',
  'Gallagher',
  'Sato',
  'Ferreira',
  'Eze',
  'Lund',
  'Hoffmann',
  'Vargas',
  'Kapoor',
  'Horvat',
];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function person(rand, used) {
  for (;;) {
    const first = FIRST[Math.floor(rand() * FIRST.length)];
    const last = LAST[Math.floor(rand() * LAST.length)];
    const name = `${first} ${last}`;
    if (used.has(name)) continue;
    used.add(name);
    const slug = name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ø/g, 'o')
      .replace(/ı/g, 'i')
      .toLowerCase()
      .replace(/[^a-z]+/g, '-');
    const hex = Math.floor(rand() * 0x10000)
      .toString(16)
      .padStart(4, '0');
    let urn = 'ACoAA';
    while (urn.length < 39) urn += B64[Math.floor(rand() * 64)];
    return { urn, vanity: `${slug}-${hex}`, name };
  }
}

/**
 * The demo history, oldest first: `today` sends today (between local midnight and now), 1–4 a
 * weekday and 0–1 a weekend day over the 29 days before, two quiet days after the refusal.
 * Returns the events (docs/protocol.md §1).
 */
export function demoHistory({ now = Date.now(), today = 4 } = {}) {
  const rand = prng(20261127);
  const used = new Set();
  const events = [];
  let req = 48_213;
  const weekStart = now - 7 * DAY;
  const add = (kind, at, extra = {}) => {
    const invitee = person(rand, used);
    req += 3 + Math.floor(rand() * 400);
    const e = {
      id: `api:${req}@${at}`,
      kind,
      at,
      day: localDay(at),
      tz: new Date(at).getTimezoneOffset(),
      invitee,
      ...(kind === 'sent' ? { note: rand() < 0.2 } : {}),
      sources: kind === 'sent' ? ['api', 'dom'] : ['api', 'alert'],
      ...extra,
    };
    events.push(e);
  };
  const REFUSAL_DAYS_AGO = 12;
  for (let daysAgo = 29; daysAgo >= 1; daysAgo--) {
    const sod = midnightDaysAgo(now, daysAgo);
    const dow = new Date(sod).getDay();
    const weekend = dow === 0 || dow === 6;
    let n = weekend ? (rand() < 0.35 ? 1 : 0) : 1 + Math.floor(rand() * 4);
    if (daysAgo === REFUSAL_DAYS_AGO - 1 || daysAgo === REFUSAL_DAYS_AGO - 2) n = 0; // backed off after the refusal
    if (daysAgo === REFUSAL_DAYS_AGO) n = Math.max(n, 4);
    // a morning and an early-afternoon batch, a few minutes apart, like someone working a list
    let t = sod + (8 * HOUR + 30 * MIN) + Math.floor(rand() * 90) * MIN;
    for (let i = 0; i < n; i++) {
      if (i === Math.ceil(n / 2)) t = sod + 13 * HOUR + Math.floor(rand() * 120) * MIN;
      t += (2 + Math.floor(rand() * 12)) * MIN + Math.floor(rand() * 60_000);
      // keep clear of the rolling week's edge, so the count the background computes matches ours
      if (Math.abs(t - weekStart) < 15 * MIN) continue;
      add('sent', t);
    }
    if (daysAgo === REFUSAL_DAYS_AGO) add('refused', t + 7 * MIN + 12_345);
  }
  // today's: from half past eight (or earlier when it is early) until a minute ago
  const sod = startOfDay(now);
  const from = Math.min(sod + 8 * HOUR + 30 * MIN, sod + (now - sod) / 3);
  const to = now - 60_000;
  for (let i = 0; i < today; i++)
    add('sent', Math.floor(from + ((to - from) * i) / Math.max(today, 1)) + Math.floor(rand() * 60_000));
  return events.sort((a, b) => a.at - b.at);
}

// Shared with the end-to-end harness: month keys (events in the compact form decode there), polling.
import { eventsOf, ledgerOf, waitFor } from '../tests/e2e/harness.mjs';
import { chromiumExtensionId, launchChromium as launchChromiumContext } from './browsers.mjs';
export { eventsOf, ledgerOf, waitFor };

// ---------------------------------------------------------------------------------------------------
// Chromium

/**
 * Launch Chromium with the unpacked extension (a fresh temporary profile), the stand-in as proxy when
 * `proxyPort` is given. Resolves to `{ context, id, origin, storage, badge, close }`, where storage and
 * badge go through an extension page (as in harness.mjs: a stopped service worker can't be evaluated in).
 */
export async function launchChromium({
  extDir = DIST_CHROME,
  proxyPort,
  headless = true,
  viewport = { width: 1280, height: 900 },
  deviceScaleFactor,
  extraArgs = [],
  ownSignals = false, // true: the caller handles SIGINT/SIGTERM (Playwright's own handler exits with 130)
} = {}) {
  const dir = path.resolve(extDir);
  const context = await launchChromiumContext({
    extDir: dir,
    proxyPort,
    headless,
    viewport,
    deviceScaleFactor,
    extraArgs,
    ownSignals,
  });
  let id;
  try {
    id = await chromiumExtensionId(context);
  } catch (e) {
    await context.close().catch(() => {});
    throw new Error(
      `Chromium: the extension's service worker did not start (${e.message}); is ${dir} a built extension?`,
    );
  }
  const origin = `chrome-extension://${id}`;
  let extPage = null;
  const extEval = async (fn, arg) => {
    if (!extPage || extPage.isClosed()) {
      extPage = await context.newPage();
      await extPage.goto(`${origin}/popup.html`);
    }
    return extPage.evaluate(fn, arg);
  };
  return {
    context,
    id,
    origin,
    extEval,
    storageGet: (keys = null) => extEval((k) => chrome.storage.local.get(k), keys),
    storageSet: (obj) => extEval((o) => chrome.storage.local.set(o), obj),
    storageClear: () => extEval(() => chrome.storage.local.clear()),
    badge: () =>
      extEval(async () => ({
        text: await chrome.action.getBadgeText({}),
        title: await chrome.action.getTitle({}),
      })),
    /** Close the page used for storage reads (so it does not linger as a tab). */
    async closeExtPage() {
      if (extPage && !extPage.isClosed()) await extPage.close().catch(() => {});
      extPage = null;
    },
    close: () => context.close().catch(() => {}),
  };
}

/**
 * Clear storage, write the demo settings and history, and wait until the background has recomputed
 * `guard` from them (as harness.mjs seedState does). Returns `{ guard, events }`.
 */
export async function seedDemo(ext, { today = 4, settings = {} } = {}) {
  const s = { ...DEMO_SETTINGS, ...settings };
  const events = demoHistory({ today });
  const t0 = Date.now();
  await ext.storageClear();
  await ext.storageSet({ meta: { schema: 2 }, settings: s, ...ledgerOf(events) });
  const sod = startOfDay(Date.now());
  const expectToday = events.filter((e) => e.kind === 'sent' && e.at >= sod).length;
  const expectWeek = events.filter((e) => e.kind === 'sent' && e.at > Date.now() - 7 * DAY).length;
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
        g.weekly_cap === s.weekly_cap
        ? g
        : false;
    },
    10_000,
    `the background to compute guard from the demo history (today ${expectToday}, week ${expectWeek})`,
  ).catch((e) => {
    throw new Error(`${e.message}; guard in storage: ${JSON.stringify(seen)}`);
  });
  return { guard, events };
}

/** One line about a seeded history, for the console. */
export function describeHistory(events, guard) {
  const sent = events.filter((e) => e.kind === 'sent').length;
  const refused = events.filter((e) => e.kind === 'refused').length;
  const days = new Set(events.map((e) => e.day)).size;
  return (
    `${sent} sent and ${refused} refused invitation${refused === 1 ? '' : 's'} over ${days} days; ` +
    `today ${guard.sent_today}/${guard.daily_cap}, last 7 days ${guard.sent_week}/${guard.weekly_cap}, level ${guard.level}`
  );
}
