// End-to-end scenarios of issue 4 ("See what LinkedIn sees"), registered as tests 30–38 by
// chromium.test.mjs and firefox.test.mjs.
//
// These tests check the background's side of the contract: they read the stand-in's Sent and
// Connections pages the way the content script does (the member scrolls and clicks "Show more"; the
// reader only looks), and send the background the messages of docs/protocol.md §2 (`sent_page`,
// `withdrawn`, `connected`) themselves, from a LinkedIn page (harness.mjs `sendFromLinkedIn`: the
// background accepts these kinds only from LinkedIn's frames). What the background makes of them is
// then checked in storage, the badge, the `guard` key and the popup. The pages are opened at
// `/__fixture/<file>`, not at LinkedIn's paths, so that the content script's own reader (which
// reports only on the real paths) does not send the same facts first and the answers stay exact.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_SETTINGS,
  ROOT,
  eventsOf,
  fmt,
  localDay,
  seedState,
  sendFromLinkedIn,
  sentEvent,
  sleep,
  startOfToday,
  waitFor,
  waitForCount,
} from './harness.mjs';
import { LI, guard, ledger, waitBadge } from './scenarios.mjs';
import { en, openExtPage, text } from './pages.mjs';

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const FACTS = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'pages', 'invitation-pages.json'), 'utf8'),
).files;
const SENT_URL = 'https://www.linkedin.com/mynetwork/invitation-manager/sent/';
/** A stand-in page outside LinkedIn's paths (tests/standin/README.md `/__fixture/<file>`). */
const fixture = (file) => `${LI}/__fixture/${file}`;

/** `runtime.sendMessage(msg)` from a LinkedIn page, where the content script sends these kinds
 *  (the background refuses them from anywhere else); resolves to the background's answer. */
function send(ext, msg) {
  return sendFromLinkedIn(ext, msg);
}

const attr = (page, sel, a) => page.evaluate((s, n) => document.querySelector(s)?.getAttribute(n) ?? null, sel, a);

// ---- the age texts, as core/src/sent_page.rs reads them (to know what to expect) ----------------------

const UNIT = {
  second: 1000,
  sekunde: 1000,
  sekunden: 1000,
  minute: 60_000,
  minuten: 60_000,
  hour: HOUR,
  stunde: HOUR,
  stunden: HOUR,
  day: DAY,
  tag: DAY,
  tagen: DAY,
  week: 7 * DAY,
  woche: 7 * DAY,
  wochen: 7 * DAY,
  month: 30 * DAY,
  monat: 30 * DAY,
  monaten: 30 * DAY,
  year: 365 * DAY,
  jahr: 365 * DAY,
  jahren: 365 * DAY,
};

/** The moment reconcile records a card at: the newest its age allows (sent_page.rs `estimate_sent_at`). */
function estimate(ageText, at) {
  const s = ageText.toLowerCase();
  if (s === 'sent today' || s === 'heute gesendet') return at;
  if (s === 'sent yesterday' || s === 'gestern gesendet') return startOfToday(at) - 1;
  const m = s.match(/^sent (\d+|an?) (\w+?)s? ago$/) ?? s.match(/^vor (\d+|einer|einem) (\w+) gesendet$/);
  if (!m) throw new Error(`no age in ${ageText}`);
  const n = /^\d+$/.test(m[1]) ? Number(m[1]) : 1;
  const unit = UNIT[m[2]];
  if (!unit) throw new Error(`no unit in ${ageText}`);
  return at - n * unit;
}

// ---- reading the stand-in pages as the content script will --------------------------------------------

export const CARDS = '[data-testid="lazy-column"] > [role="listitem"]';

/** Scrolls to the bottom until the scroll batch arrived, then clicks "Show more" (the member does both). */
export async function loadWholeList(page, f) {
  await waitForCount(page, CARDS, (n) => n === f.first, 8_000, `the first ${f.first} cards`);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await waitForCount(
    page,
    CARDS,
    (n) => n === f.after_scroll,
    8_000,
    `${f.after_scroll} cards after scrolling to the bottom`,
  );
  await waitForCount(page, '[data-standin-show-more]:not([hidden])', (n) => n === 1, 8_000, 'the Show more button');
  await page.click('[data-standin-show-more]');
  await waitForCount(page, CARDS, (n) => n === f.after_show_more, 8_000, `${f.after_show_more} cards after Show more`);
}

/** The cards as `{vanity, name, age_text}` (or `connected_text`): the name link and the last line. */
function readCards(page, field) {
  return page.evaluate(
    (sel, field) =>
      [...document.querySelectorAll(sel)].map((c) => {
        const a = c.querySelector('a[href*="/in/"]');
        const m = (a?.getAttribute('href') ?? '').match(/\/in\/([^/?#]+)/);
        const lines = [...c.querySelectorAll('p')].map((p) => p.textContent.trim()).filter(Boolean);
        return { vanity: m ? decodeURIComponent(m[1]) : undefined, name: lines[0], [field]: lines[lines.length - 1] };
      }),
    CARDS,
    field,
  );
}

async function openSentPage(ext, lang) {
  const f = FACTS[`sent.${lang}.html`];
  const page = await ext.newPage();
  await page.goto(fixture(`sent.${lang}.html`));
  await loadWholeList(page, f);
  const entries = await readCards(page, 'age_text');
  const total = await page.evaluate(() => document.querySelector('[data-standin-total]')?.textContent.trim());
  assert.deepEqual(
    entries,
    f.entries.map(({ vanity, name, age_text }) => ({ vanity, name, age_text })),
    'the page shows the cards of invitation-pages.json, in order',
  );
  assert.equal(total, f.total_text);
  return { page, entries, total, f };
}

function pendingSent(at, id, vanity, extra = {}) {
  return sentEvent(at, id, { invitee: { vanity, name: vanity.replace(/-/g, ' ') }, ...extra });
}

// 30. reconciliation adds exactly the missing invitations; twice adds nothing; the badge and the
// guard count the ones sent today elsewhere

export async function sentPageReconciles({ ext }) {
  const now = Date.now();
  const f = FACTS['sent.en.html'];
  // Four of the thirty already in the ledger, at times their age lines allow.
  const known = { 3: now - 3.3 * HOUR, 8: now - 2.5 * DAY, 14: now - 16 * DAY, 21: now - 40 * DAY };
  const seeded = Object.entries(known).map(([i, at]) =>
    pendingSent(Math.round(at), `k${i}`, f.entries[i].vanity, { sources: ['api', 'dom'] }),
  );
  await seedState(ext, { events: seeded });
  const { page, entries, total } = await openSentPage(ext, 'en');
  await page.close();

  const at = Date.now();
  const msg = { kind: 'sent_page', lang: 'en', at, complete: true, total_text: total, entries };
  const first = await send(ext, msg);
  assert.deepEqual(first, { ok: true, added: 26, accepted: 0, unconfirmed: 0, total: 30 }, `first read: ${fmt(first)}`);
  const evs = await ledger(ext);
  const fromPage = evs.filter((e) => e.kind === 'sent' && fmt(e.sources) === '["sent_page"]');
  const missing = f.entries.filter((_, i) => !(i in known));
  assert.deepEqual(
    fromPage.map((e) => e.invitee.vanity).sort(),
    missing.map((e) => e.vanity).sort(),
    'exactly the missing invitations were added',
  );
  for (const e of fromPage) {
    const card = f.entries.find((c) => c.vanity === e.invitee.vanity);
    assert.equal(e.at, estimate(card.age_text, at), `${card.age_text}: timed at the newest moment it allows`);
    assert.equal(e.id, `sp:${card.vanity}`);
    assert.equal(e.invitee.name, card.name);
  }
  for (const s of seeded)
    assert.ok(
      evs.some((e) => e.id === s.id && fmt(e.sources) === '["api","dom"]'),
      `${s.id} unchanged`,
    );
  assert.deepEqual((await ext.storageGet(['sent_page'])).sent_page, {
    total: 30,
    read_at: at,
    pending: 30,
    complete: true,
  });

  // The same read again, and a later partial one: nothing new.
  const again = await send(ext, msg);
  assert.deepEqual(again, { ok: true, added: 0, accepted: 0, unconfirmed: 0, total: 30 }, `second read: ${fmt(again)}`);
  const partial = await send(ext, { ...msg, at: Date.now(), complete: false, entries: entries.slice(0, 10) });
  assert.equal(partial.added, 0, fmt(partial));
  assert.equal((await ledger(ext)).length, evs.length, 'the ledger did not grow');

  // Today's invitations sent elsewhere count toward the caps at once.
  const sod = startOfToday(Date.now());
  const todayElsewhere = missing.filter((c) => estimate(c.age_text, at) >= sod).length;
  const todayAll = evs.filter((e) => e.kind === 'sent' && e.at >= sod).length;
  const weekAll = evs.filter((e) => e.kind === 'sent' && e.at > Date.now() - 7 * DAY).length;
  assert.ok(todayElsewhere >= 3, `several cards say today: ${todayElsewhere}`);
  const g = await waitFor(
    async () => {
      const g = await guard(ext);
      return g?.sent_today === todayAll && g?.sent_week === weekAll ? g : false;
    },
    8_000,
    `guard sent_today ${todayAll}, sent_week ${weekAll}`,
  );
  await waitBadge(
    ext,
    (b) => b.text === String(Math.min(g.remaining_today, g.remaining_week)),
    `badge ${g.remaining_today}`,
  );
  // Sends from elsewhere are the dashboard's line (issue 13 item 2); today's count is the popup's.
  const dashboard = await openExtPage(ext, 'dashboard.html');
  try {
    assert.equal(await attr(dashboard, '#elsewhere', 'data-today'), String(todayElsewhere));
    const weekElsewhere = missing.filter((c) => estimate(c.age_text, at) > Date.now() - 7 * DAY).length;
    assert.equal(
      await text(dashboard, '#elsewhere'),
      en('popupElsewhere', String(weekElsewhere), String(todayElsewhere)),
    );
  } finally {
    await dashboard.close();
  }
  const popup = await openExtPage(ext, 'popup.html');
  try {
    assert.equal(await text(popup, '#today'), en('popupCount', String(todayAll), String(DEFAULT_SETTINGS.daily_cap)));
  } finally {
    await popup.close();
  }
}

// 31. the German Sent page: every age line read in German, each invitation timed as its text says

export async function sentPageGerman({ ext }) {
  await seedState(ext, { events: [] });
  const { page, entries, total } = await openSentPage(ext, 'de');
  await page.close();
  assert.equal(total, 'Personen (30)');
  const at = Date.now();
  const r = await send(ext, { kind: 'sent_page', lang: 'de-DE', at, complete: false, total_text: total, entries });
  assert.deepEqual(r, { ok: true, added: 30, accepted: 0, unconfirmed: 0, total: 30 }, fmt(r));
  const evs = await ledger(ext);
  for (const c of entries) {
    const e = evs.find((x) => x.invitee.vanity === c.vanity);
    assert.ok(e, `${c.vanity} added`);
    assert.equal(e.at, estimate(c.age_text, at), `${c.age_text}`);
  }
  // The same cards with an unknown language are read with the English table: no German line reads,
  // so nothing is added, and nothing breaks.
  const unknown = await send(ext, {
    kind: 'sent_page',
    lang: 'xx',
    at: Date.now(),
    complete: false,
    total_text: total,
    entries: entries.map((c) => ({ ...c, vanity: `${c.vanity}-x` })),
  });
  assert.deepEqual(unknown, { ok: true, added: 0, accepted: 0, unconfirmed: 0, total: null }, fmt(unknown));
}

// 32. acceptance: invitations gone from a complete Sent list, and a "Connected 2 days ago" person;
// the dashboard's rates overall, with and without a note, and by week, each with its counts

export async function acceptanceDetected({ ext }) {
  const now = Date.now();
  const old = Array.from({ length: 10 }, (_, i) =>
    pendingSent(now - 35 * DAY + i * HOUR, `acc${i}`, `acc-person-${i}`, { note: i % 2 === 0 }),
  );
  const recent = [0, 1].map((i) => pendingSent(now - 2 * DAY - i * HOUR, `new${i}`, `new-person-${i}`));
  await seedState(ext, { events: [...old, ...recent] });
  const entries = [
    ...old.slice(5).map((e) => ({ vanity: e.invitee.vanity, name: e.invitee.name, age_text: 'Sent a month ago' })),
    ...recent.map((e) => ({ vanity: e.invitee.vanity, name: e.invitee.name, age_text: 'Sent 2 days ago' })),
  ];
  const msg = { kind: 'sent_page', lang: 'en', complete: true, total_text: 'People (7)', entries };
  // A list LinkedIn says is longer than what was read is not complete, whatever the page claims.
  const short = await send(ext, { ...msg, total_text: 'People (8)' });
  assert.deepEqual(short, { ok: true, added: 0, accepted: 0, unconfirmed: 0, total: 8 }, fmt(short));
  const r = await send(ext, msg);
  assert.deepEqual(r, { ok: true, added: 0, accepted: 5, unconfirmed: 0, total: 7 }, fmt(r));
  assert.deepEqual(
    await send(ext, msg),
    { ok: true, added: 0, accepted: 0, unconfirmed: 0, total: 7 },
    'a repeat accepts nothing more',
  );
  let evs = await ledger(ext);
  const acc = evs.filter((e) => e.kind === 'accepted');
  assert.deepEqual(
    acc.map((e) => e.id).sort(),
    old
      .slice(0, 5)
      .map((e) => `acc:${e.id}`)
      .sort(),
  );
  assert.ok(
    acc.every((e) => fmt(e.sources) === '["sent_page"]'),
    fmt(acc),
  );

  // One more shows as a connection on the Connections page.
  const c = await send(ext, {
    kind: 'connected',
    lang: 'en',
    invitee: { vanity: 'acc-person-5' },
    connected_text: 'Connected 2 days ago',
  });
  assert.deepEqual(c, { ok: true, added: 1 }, fmt(c));
  assert.deepEqual(
    await send(ext, {
      kind: 'connected',
      lang: 'en',
      invitee: { vanity: 'acc-person-5' },
      connected_text: 'Connected 2 days ago',
    }),
    { ok: true, added: 0 },
  );
  evs = await ledger(ext);
  const viaConnection = evs.find((e) => e.id === `acc:${old[5].id}`);
  assert.equal(fmt(viaConnection?.sources), '["connection"]', fmt(viaConnection));
  assert.ok(Math.abs(viaConnection.at - (Date.now() - 2 * DAY)) < 60_000, 'timed by "2 days ago"');

  const dashboard = await openExtPage(ext, 'dashboard.html');
  try {
    // 6 accepted of 10 decided (the other 4 pending for 35 days); the 2 recent ones are not judged yet.
    const overall = await dashboard.evaluate(() => ({ ...document.getElementById('acc-overall').dataset }));
    assert.deepEqual(overall, { accepted: '6', decided: '10', pending: '2' });
    assert.equal(await text(dashboard, '#acc-overall'), en('popupAccOverall', '60%', '6', '10', '2'));
    // Notes on the even ones: accepted 0, 2, 4 of 0, 2, 4, 6, 8; without: 1, 3, 5 of 1, 3, 5, 7, 9.
    assert.equal(await text(dashboard, '#acc-note'), en('popupAccWithNote', '60%', '3', '5', '0'));
    assert.equal(await text(dashboard, '#acc-nonote'), en('popupAccWithoutNote', '60%', '3', '5', '2'));
    // By week of sending, newest first: the recent week(s) with the 2 not judged yet, then the week(s)
    // 35 days back; together every invitation once.
    const weeks = await dashboard.evaluate(() =>
      [...document.querySelectorAll('#acc-weeks li')].map((li) => ({ ...li.dataset, text: li.textContent })),
    );
    assert.ok(weeks.length >= 2 && weeks.length <= 4, `rates by week of sending: ${fmt(weeks)}`);
    const sum = (k) => weeks.reduce((n, w) => n + Number(w[k]), 0);
    assert.deepEqual([sum('accepted'), sum('decided'), sum('pending')], [6, 10, 2], fmt(weeks));
    assert.ok(weeks[0].text.endsWith(en('popupAccWeekRate', '–', '0', '0', weeks[0].pending)), fmt(weeks[0]));
    assert.ok(
      weeks.every((w, i) => i === 0 || w.week < weeks[i - 1].week),
      'newest week first',
    );
    const recentKinds = await dashboard.evaluate(() =>
      [...document.querySelectorAll('#recent li')].map((li) => li.dataset.kind),
    );
    assert.ok(recentKinds.includes('popupKindAccepted'), fmt(recentKinds));
  } finally {
    await dashboard.close();
  }
}

// 33. pending health: the ledger's count and ages, LinkedIn's total when read, the warning above 500,
// and the invitations older than three weeks with links to the person and to the Sent page

export async function pendingHealth({ ext }) {
  const now = Date.now();
  const days = [1, 2, 3, 8, 10, 16, 22, 25, 28, 31, 35, 40, 45, 50];
  const evs = days.map((d, i) => pendingSent(now - d * DAY, `p${i}`, `pending-person-${i}`));
  await seedState(ext, { events: evs });
  let dashboard = await openExtPage(ext, 'dashboard.html');
  try {
    assert.equal(await text(dashboard, '#pending-count'), en('popupPendingCounted', '14'));
    const ages = await dashboard.evaluate(() =>
      [...document.querySelectorAll('#pending-ages li')].map((li) => li.dataset.count),
    );
    assert.deepEqual(ages, ['3', '2', '1', '8'], 'under 1 week, 1–2, 2–3, 3 weeks or more');
    assert.equal(
      await dashboard.evaluate(() => document.getElementById('pending-warn').hidden),
      true,
      'no warning at 14',
    );
    assert.equal(await text(dashboard, '#pending-threshold'), en('popupPendingThreshold', '500'));
    const old = await dashboard.evaluate(() =>
      [...document.querySelectorAll('#pending-old li')].map((li) => ({
        id: li.dataset.id,
        links: [...li.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      })),
    );
    assert.equal(old.length, 5, fmt(old));
    // Oldest first: 50, 45, 40, 35, 31 days.
    assert.deepEqual(
      old.map((o) => o.id),
      [13, 12, 11, 10, 9].map((i) => evs[i].id),
    );
    for (const [k, o] of old.entries()) {
      assert.deepEqual(o.links, [`https://www.linkedin.com/in/${evs[13 - k].invitee.vanity}/`, SENT_URL], fmt(o));
    }
    assert.equal(await text(dashboard, '#pending-more'), en('popupPendingMore', '3'));
  } finally {
    await dashboard.close();
  }
  // LinkedIn's own total, read from the Sent page, is over the threshold.
  const at = Date.now();
  const r = await send(ext, {
    kind: 'sent_page',
    lang: 'en',
    at,
    complete: false,
    total_text: 'People (1,100)',
    entries: [],
  });
  assert.deepEqual(r, { ok: true, added: 0, accepted: 0, unconfirmed: 0, total: 1100 }, fmt(r));
  dashboard = await openExtPage(ext, 'dashboard.html');
  try {
    assert.equal(await attr(dashboard, '#pending-count', 'data-pending'), '1100');
    const shown = await text(dashboard, '#pending-count');
    assert.ok(shown.startsWith('1,100 pending on LinkedIn (its own count, read '), shown);
    assert.equal(
      await dashboard.evaluate(() => document.getElementById('pending-warn').hidden),
      false,
      'the warning shows',
    );
    assert.equal(await text(dashboard, '#pending-warn'), en('popupPendingWarn', '1,100'));
  } finally {
    await dashboard.close();
  }
  // The popup's short alert says the same, with the full warning as its title.
  const popup = await openExtPage(ext, 'popup.html');
  try {
    assert.equal(await popup.evaluate(() => document.getElementById('pending-alert').hidden), false);
    assert.equal(await text(popup, '#pending-alert'), en('popupPendingAlert', '1,100'));
    assert.equal(await attr(popup, '#pending-alert', 'title'), en('popupPendingWarn', '1,100'));
  } finally {
    await popup.close();
  }
}

// 34. the learned ceiling: LinkedIn refused after 87 in a week; the dashboard shows the evidence and
// sets the weekly cap to 82 on the member's click, and the guard follows. After only 8 in a week, no
// cap is offered.

export async function learnedCeiling({ ext }) {
  const now = Date.now();
  const refusedAt = now - 2 * DAY;
  const evs = [pendingSent(now - 20 * DAY, 'first', 'first-person')];
  for (let i = 0; i < 87; i++)
    evs.push(pendingSent(refusedAt - 6.5 * DAY + i * 1.7 * HOUR, `w${i}`, `week-person-${i}`));
  evs.push({ ...sentEvent(refusedAt, 'refusal'), kind: 'refused', sources: ['api'], invitee: {} });
  await seedState(ext, { events: evs, settings: { preset: 'free', daily_cap: 20, weekly_cap: 100 } });
  const dashboard = await openExtPage(ext, 'dashboard.html');
  try {
    assert.equal(
      await dashboard.evaluate(() => document.getElementById('ceiling-section').hidden),
      false,
      'the section shows',
    );
    assert.equal(await attr(dashboard, '#ceiling-section', 'data-cap'), '82');
    const evidence = await text(dashboard, '#ceiling-evidence');
    assert.ok(evidence.includes(' after 87 sent in the 7 days before it. A weekly cap of 82 '), evidence);
    assert.equal(await text(dashboard, '#ceiling-set'), en('popupCeilingSet', '82'));
    assert.equal((await ext.storageGet(['settings'])).settings.weekly_cap, 100, 'nothing changes by itself');
    await dashboard.click('#ceiling-set');
    await waitFor(
      async () => (await text(dashboard, '#ceiling-status')) === en('popupCeilingDone', '82'),
      6_000,
      'the done message',
    );
    assert.equal(await dashboard.evaluate(() => document.getElementById('ceiling-set').hidden), true);
  } finally {
    await dashboard.close();
  }
  const { settings } = await ext.storageGet(['settings']);
  assert.equal(settings.weekly_cap, 82);
  assert.equal(settings.preset, 'custom');
  assert.equal(settings.daily_cap, 20);
  await waitFor(async () => (await guard(ext))?.weekly_cap === 82, 6_000, 'the guard uses the new cap');

  // A refusal after only 8 in a week is not the weekly limit (the free-note quota, too many pending):
  // the evidence is shown, no cap is offered.
  const few = [pendingSent(now - 20 * DAY, 'first', 'first-person')];
  for (let i = 0; i < 8; i++) few.push(pendingSent(refusedAt - 3 * DAY + i * HOUR, `f${i}`, `few-person-${i}`));
  few.push({ ...sentEvent(refusedAt, 'refusal'), kind: 'refused', sources: ['api'], invitee: {} });
  await seedState(ext, { events: few, settings: { preset: 'free', daily_cap: 20, weekly_cap: 100 } });
  const doubt = await openExtPage(ext, 'dashboard.html');
  try {
    assert.ok((await text(doubt, '#ceiling-evidence')).includes(' after only 8 sent in the 7 days before it.'));
    assert.equal(await doubt.evaluate(() => document.getElementById('ceiling-set').hidden), true, 'no button');
    assert.equal(await text(doubt, '#ceiling-status'), en('popupCeilingDoubt', '20'));
  } finally {
    await doubt.close();
  }
}

// 35. withdrawal on the stand-in Sent page, then the guard's cooldown names the person

export async function withdrawalCooldown({ ext }) {
  const f = FACTS['sent.en.html'];
  const card = f.entries[2];
  const evs = [
    pendingSent(Date.now() - 3 * HOUR, 'tw', card.vanity, { invitee: { vanity: card.vanity, name: card.name } }),
  ];
  await seedState(ext, { events: evs });
  const page = await ext.newPage();
  try {
    await page.goto(fixture('sent.en.html'));
    await waitForCount(page, CARDS, (n) => n === f.first, 8_000, 'the Sent cards');
    // The member withdraws by hand: LinkedIn's button, then its confirm dialog.
    await page.click(`button[aria-label="Withdraw invitation sent to ${card.name}"]`);
    await waitForCount(page, 'dialog[open]', (n) => n === 1, 6_000, 'the Withdraw invitation? dialog');
    await page.click(`dialog[open] button[aria-label="Withdrawn invitation sent to ${card.name}"]`);
    await waitForCount(page, CARDS, (n) => n === f.first - 1, 6_000, 'the card gone');
    assert.equal(
      await page.evaluate(() => document.querySelector('[data-standin-total]').textContent.trim()),
      'People (29)',
    );
  } finally {
    await page.close();
  }
  // What the content script reports on that confirmation. Its own reader, where it runs, has
  // reported the same confirmation moments ago: then this one is the repeat.
  const at = Date.now();
  const w = { kind: 'withdrawn', invitee: { vanity: card.vanity, name: card.name }, at };
  const first = await send(ext, w);
  assert.equal(first.ok, true, fmt(first));
  assert.deepEqual(await send(ext, w), { ok: true, added: false }, 'the same confirmation again');
  assert.deepEqual(
    await send(ext, { ...w, at: at + 90_000 }),
    { ok: true, added: false },
    'a minute later, still the same',
  );
  assert.deepEqual(await send(ext, { kind: 'withdrawn', invitee: {}, at }), { ok: false, error: 'no_invitee' });
  const withdrawn = (await ledger(ext)).filter((e) => e.kind === 'withdrawn');
  assert.equal(withdrawn.length, 1, fmt(withdrawn));
  const wd = withdrawn[0];
  assert.equal(wd.invitee.vanity, card.vanity);
  assert.ok(at - wd.at < 60_000, fmt(wd));
  assert.equal(wd.id, `wd:${card.vanity}@${Math.floor(wd.at / 60_000) * 60_000}`);
  if (first.added) assert.equal(wd.at, at);
  assert.equal(fmt(wd.sources), '["dom"]');
  const g = await waitFor(
    async () => {
      const g = await guard(ext);
      return g?.cooldown?.length ? g : false;
    },
    6_000,
    'the guard to list the cooldown',
  );
  assert.deepEqual(g.cooldown, [
    { vanity: card.vanity, name: card.name, withdrawn_at: wd.at, until: wd.at + 21 * DAY },
  ]);
  assert.equal(
    g.sent_today,
    localDay(evs[0].at) === localDay(Date.now()) ? 1 : 0,
    'the withdrawn send still counted where it was sent',
  );
  // The withdrawn invitation is no longer pending.
  const dashboard = await openExtPage(ext, 'dashboard.html');
  try {
    assert.equal(await text(dashboard, '#pending-count'), en('popupPendingCounted', '0'));
  } finally {
    await dashboard.close();
  }
}

// 36. the Connections page: lazy loading, "Connected …" lines in English and German; pending
// invitations to people shown connected become accepted, once

export async function connectionsAccept({ ext }) {
  for (const lang of ['en', 'de']) {
    const f = FACTS[`connections.${lang}.html`];
    const now = Date.now();
    // Invited before their relative "Connected …" line: 2 days → sent 4 days ago, and so on.
    const plan = { 1: 4 * DAY, 3: 9 * DAY, 6: 25 * DAY };
    const evs = Object.entries(plan).map(([i, ago]) => pendingSent(now - ago, `c${i}`, f.people[i].vanity));
    // Invited yesterday, but connected since March: that invitation did not connect them.
    evs.push(pendingSent(now - DAY, 'c8', f.people[8].vanity));
    await seedState(ext, { events: evs });
    const page = await ext.newPage();
    let people;
    try {
      await page.goto(fixture(`connections.${lang}.html`));
      await loadWholeList(page, f);
      people = await readCards(page, 'connected_text');
    } finally {
      await page.close();
    }
    assert.deepEqual(
      people.map((p) => p.connected_text),
      f.people.map((p) => p.connected_text),
      `${lang}: the Connected lines`,
    );
    const msg = {
      kind: 'connected',
      lang,
      people: people.map((p) => ({ invitee: { vanity: p.vanity, name: p.name }, connected_text: p.connected_text })),
    };
    assert.deepEqual(await send(ext, msg), { ok: true, added: 3 }, `${lang}: three accepted`);
    assert.deepEqual(await send(ext, msg), { ok: true, added: 0 }, `${lang}: a repeat adds nothing`);
    const acc = (await ledger(ext)).filter((e) => e.kind === 'accepted');
    assert.deepEqual(
      acc.map((e) => e.invitee.vanity).sort(),
      Object.keys(plan)
        .map((i) => f.people[i].vanity)
        .sort(),
      lang,
    );
    const two = acc.find((e) => e.invitee.vanity === f.people[1].vanity);
    assert.ok(Math.abs(two.at - (Date.now() - 2 * DAY)) < 120_000, `${lang}: timed by "${f.people[1].connected_text}"`);
  }
}

// 37. bad input is ignored: garbled texts, wrong types, huge strings, unknown languages; nothing
// stored changes and nothing breaks

export async function badInputIgnored({ ext }) {
  const now = Date.now();
  const evs = [pendingSent(now - 2 * DAY, 'keep1', 'keep-one'), pendingSent(now - 9 * DAY, 'keep2', 'keep-two')];
  await seedState(ext, { events: evs });
  const before = await ext.storageGet(null);
  const cases = [
    { kind: 'sent_page' },
    { kind: 'sent_page', entries: 'all of them', total_text: 42, complete: 'yes', lang: null },
    {
      kind: 'sent_page',
      lang: 'en',
      entries: [
        null,
        7,
        'x',
        [],
        { vanity: '' },
        { vanity: 'a/b', age_text: 'Sent today' },
        { age_text: 'Sent today' },
      ],
    },
    {
      kind: 'sent_page',
      lang: 'en',
      entries: [
        { vanity: 'garbled', age_text: 'Sent ٣ fortnights ago' },
        { vanity: 'long', age_text: 'Sent '.repeat(500) },
        { vanity: 'x'.repeat(400), age_text: 'Sent today' },
      ],
    },
    {
      kind: 'sent_page',
      lang: 'en',
      total_text: 'People (1,10)',
      entries: [{ vanity: 'keep-one', age_text: '\u200b\u0000Sent\u00a0𝟚 days ago' }],
    },
    { kind: 'sent_page', lang: 'tlh', total_text: 'Ghot (3)', entries: [{ vanity: 'klingon', age_text: 'wa’leS' }] },
    { kind: 'connected', lang: 'en' },
    {
      kind: 'connected',
      lang: 'klingon',
      invitee: { vanity: 'nobody-here' },
      connected_text: 'Connected on Februar 30, 2026',
    },
    { kind: 'connected', people: 'everyone' },
    {
      kind: 'connected',
      lang: 'en',
      people: [
        null,
        3,
        { invitee: 'keep-one' },
        { invitee: { vanity: 'nobody-else' }, connected_text: 'Connected yesterday-ish' },
      ],
    },
    { kind: 'withdrawn', invitee: 'keep-one' },
    { kind: 'withdrawn', invitee: { vanity: '   ' }, at: 'now' },
  ];
  const answers = [];
  for (const c of cases) answers.push(await send(ext, c));
  assert.deepEqual(
    answers.slice(0, 6),
    [
      { ok: true, added: 0, accepted: 0, unconfirmed: 0, total: null },
      { ok: true, added: 0, accepted: 0, unconfirmed: 0, total: null },
      { ok: true, added: 0, accepted: 0, unconfirmed: 0, total: null },
      { ok: true, added: 0, accepted: 0, unconfirmed: 0, total: null },
      { ok: true, added: 0, accepted: 0, unconfirmed: 0, total: null },
      { ok: true, added: 0, accepted: 0, unconfirmed: 0, total: null },
    ],
    fmt(answers),
  );
  assert.deepEqual(answers.slice(6, 10), Array(4).fill({ ok: true, added: 0 }), fmt(answers));
  assert.deepEqual(answers.slice(10), Array(2).fill({ ok: false, error: 'no_invitee' }), fmt(answers));
  const after = await ext.storageGet(null);
  assert.deepEqual(eventsOf(after), eventsOf(before), 'no event added or changed');
  assert.deepEqual(after.settings, before.settings);
  assert.equal(after.sent_page, undefined, 'no unreadable total stored');
  assert.equal(after.quarantine, undefined, 'nothing unreadable was written');
}

// 38. the Received page: accepting someone's invitation is not an invitation sent

export async function receivedNotCounted({ ext }) {
  await seedState(ext, { events: [], settings: { daily_cap: 20 } });
  await waitBadge(ext, (b) => b.text === '20', 'badge 20');
  const f = FACTS['received.en.html'];
  const page = await ext.newPage();
  try {
    await page.goto(`${LI}${f.path}`);
    await waitForCount(page, CARDS, (n) => n === f.people.length, 8_000, 'the Received cards');
    const p = f.people[0];
    await page.click(`button[aria-label="Accept ${p.name}’s invitation"]`);
    await waitFor(
      () => page.evaluate((n) => document.body.textContent.includes(`${n} is now a connection`), p.name),
      6_000,
      'the accepted card',
    );
    await page.click(`button[aria-label="Ignore an invitation to connect from ${f.people[1].name}"]`);
    await waitForCount(page, CARDS, (n) => n === f.people.length - 1, 6_000, 'the ignored card gone');
    await sleep(800);
  } finally {
    await page.close();
  }
  assert.deepEqual(await ledger(ext), [], 'nothing recorded');
  assert.equal((await ext.badge()).text, '20');
}
