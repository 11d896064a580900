// End-to-end scenarios for the popup and the options page (issue 3), written against the browser
// surface of harness.mjs and registered by chromium.test.mjs and firefox.test.mjs.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT,
  eventsOf,
  fmt,
  localDay,
  monthKey,
  seedEvents,
  seedState,
  sentEvent,
  sleep,
  waitFor,
  waitForCount,
} from './harness.mjs';
import {
  SEL,
  clickConnect,
  connectAndSend,
  fixtureFacts,
  ledger,
  openLinkedIn,
  resetStandin,
  sentOf,
  waitBadge,
} from './scenarios.mjs';

const EN = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension', '_locales', 'en', 'messages.json'), 'utf8'));
/** An English message with its $n filled, as chrome.i18n would. */
export function en(key, ...subs) {
  const m = EN[key]?.message;
  if (!m) throw new Error(`no English message ${key}`);
  return m.replace(/\$(\d)/g, (_, i) => subs[Number(i) - 1] ?? '');
}

/** Opens an extension page and waits until it has rendered (`body[data-ready]`). */
export async function openExtPage(ext, file) {
  const page = await ext.newPage();
  await page.goto(`${ext.origin}/${file}`);
  await waitFor(
    () => page.evaluate(() => document.body.dataset.ready === '1'),
    8_000,
    `${file} to render (body[data-ready])`,
  );
  return page;
}

/** Opens an extension page, evaluates `fn` in it once it has rendered, closes it: what `fn` returned. */
export async function readExtPage(ext, file, fn) {
  const page = await openExtPage(ext, file);
  try {
    return await page.evaluate(fn);
  } finally {
    await page.close();
  }
}

export const text = (page, sel) => page.evaluate((s) => document.querySelector(s)?.textContent ?? '', sel);
const texts = (page, sel) => page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent), sel);

/** A realistic history for the data tests: sends with and without names and notes, a refusal, a
 *  withdrawal, across this month and the two before. */
function history(now = Date.now()) {
  const evs = seedEvents({ today: 2, earlier: 6, now });
  for (let i = 0; i < 12; i++) {
    const at = now - (9 + i * 4) * 86_400_000;
    evs.push(
      sentEvent(at, `old${i}`, {
        note: i % 3 === 0,
        sources: ['api', 'dom'],
        invitee: { vanity: `old-${i}`, name: i === 1 ? 'Zoë “Q” Łukasiewicz, PhD' : `Old ${i}`, urn: `ACoAAB${i}xyz` },
      }),
    );
  }
  const r = now - 3 * 86_400_000;
  evs.push({ ...sentEvent(r, 'refused'), kind: 'refused', sources: ['api'], invitee: {} });
  evs.push({
    ...sentEvent(now - 2 * 86_400_000, 'wd'),
    kind: 'withdrawn',
    sources: ['dom'],
    invitee: { vanity: 'old-3' },
  });
  return evs;
}

const byId = (evs) => [...evs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

// 15. the popup after real sends on the stand-in

export async function popupAfterSends({ ext, standin }) {
  resetStandin(standin);
  await seedState(ext);
  const F = fixtureFacts();
  const page = await openLinkedIn(ext, F.searchUrl);
  try {
    for (const i of [0, 1]) {
      await connectAndSend(page, { i, what: `search card ${i}` });
      await waitFor(
        async () => {
          const s = sentOf(await ledger(ext));
          return s.length === i + 1 && s.every((e) => e.sources?.includes('api') && e.sources?.includes('dom'));
        },
        8_000,
        `send ${i + 1} counted, seen by the API and the page`,
      );
      await sleep(300);
    }
  } finally {
    await page.close();
  }
  const sent = sentOf(await ledger(ext));
  const popup = await openExtPage(ext, 'popup.html');
  try {
    assert.equal(await text(popup, '#today'), en('popupCount', '2', '20'));
    assert.equal(await text(popup, '#week'), en('popupCount', '2', '100'));
    assert.equal(await text(popup, '#today-left'), en('popupLeft', '18'));
    // 100/7 = 14 a day; two sent leaves 12 at that pace.
    assert.equal(await text(popup, '#pacing'), en('popupPacing', '12', '100'));
    const today = localDay(Date.now());
    const bar = await popup.evaluate(
      (d) => document.querySelector(`#chart rect[data-day="${d}"]`)?.getAttribute('data-sent'),
      today,
    );
    assert.equal(bar, '2', "today's bar in the chart");
    assert.equal(await popup.evaluate(() => document.querySelector('#today-bar').getAttribute('aria-valuenow')), '2');
  } finally {
    await popup.close();
  }
  // The chart came from the background's `glance` (issue 13 item 4), which holds the two sends today.
  const { glance } = await ext.storageGet(['glance']);
  assert.deepEqual(glance?.days?.at(-1), [2, 0], `glance: ${fmt(glance)}`);
  assert.equal(glance.day, localDay(Date.now()));
  // A glance of another day (written before midnight, the background not yet refreshed) is not
  // drawn: the popup draws from the months instead, the same bars.
  await ext.storageSet({ glance: { ...glance, day: '2020-01-01', days: glance.days.map(() => [9, 9]) } });
  const stale = await openExtPage(ext, 'popup.html');
  try {
    const bars = await stale.evaluate(() =>
      [...document.querySelectorAll('#chart rect[data-sent]')].map((r) => Number(r.dataset.sent)),
    );
    assert.equal(bars.length, 14, fmt(bars));
    assert.deepEqual([bars.at(-1), bars.reduce((a, b) => a + b, 0)], [2, 2], `drawn from the months: ${fmt(bars)}`);
  } finally {
    await stale.close();
  }
  // The recent list is the dashboard's (issue 13 item 2).
  const dashboard = await openExtPage(ext, 'dashboard.html');
  try {
    const recent = await texts(dashboard, '#recent li');
    assert.equal(recent.length, 2, `two rows: ${fmt(recent)}`);
    const who = sent.map((e) => e.invitee.name ?? e.invitee.vanity);
    for (const w of who)
      assert.ok(
        recent.some((r) => r.includes(w)),
        `${w} in the recent list: ${fmt(recent)}`,
      );
    const links = await dashboard.evaluate(() =>
      [...document.querySelectorAll('#recent a')].map((a) => a.getAttribute('href')),
    );
    assert.ok(
      sent.some((e) => e.invitee.vanity),
      `a send with a known profile: ${fmt(sent)}`,
    );
    for (const e of sent.filter((e) => e.invitee.vanity))
      assert.ok(
        links.includes(`https://www.linkedin.com/in/${e.invitee.vanity}/`),
        `profile link for ${e.invitee.vanity}: ${fmt(links)}`,
      );
  } finally {
    await dashboard.close();
  }
}

// 16. options and the popup's quick switches take effect in the badge and the guard at once

export async function optionsTakeEffect({ ext, standin }) {
  resetStandin(standin);
  await seedState(ext, { today: 2, settings: { preset: 'free', daily_cap: 20, weekly_cap: 100 } });
  await waitBadge(ext, (b) => b.text === '18', 'badge 18 before the change');
  const options = await openExtPage(ext, 'options.html');
  try {
    await options.evaluate(() => {
      const s = document.getElementById('preset');
      s.value = 'custom';
      s.dispatchEvent(new Event('change'));
      document.getElementById('daily').value = '2';
      document.getElementById('warn').value = '1';
    });
    await options.click('button[type="submit"]');
    await waitFor(async () => (await text(options, '#status')) === en('optionsSaved'), 6_000, 'the saved message');
  } finally {
    await options.close();
  }
  const b = await waitBadge(ext, (b) => b.text === '0', 'badge 0 at once after the daily cap became 2');
  assert.equal(b.text, '0');
  const F = fixtureFacts();
  let page = await openLinkedIn(ext, F.profileUrl);
  try {
    await clickConnect(page);
    await waitForCount(page, SEL.confirm, (n) => n === 1, 6_000, 'the confirm panel with the new cap');
  } finally {
    await page.close();
  }
  // Hard block from the popup's quick switch.
  const popup = await openExtPage(ext, 'popup.html');
  try {
    await popup.click('#hard-block');
    await waitFor(
      async () => (await ext.storageGet(['guard'])).guard?.hard_block === true,
      6_000,
      'hard block in the guard',
    );
  } finally {
    await popup.close();
  }
  page = await openLinkedIn(ext, F.profileUrl);
  try {
    await clickConnect(page);
    await waitForCount(page, SEL.block, (n) => n === 1, 6_000, 'the block panel after the quick switch');
  } finally {
    await page.close();
  }
}

// 17. export then import round-trips exactly; the CSV export has every event

export async function exportImportRoundTrip({ ext }) {
  const seeded = history();
  await seedState(ext, { events: seeded });
  const options = await openExtPage(ext, 'options.html');
  let file;
  try {
    const json = await options.download('#export-json');
    assert.match(json.name, /^invite-guard-\d{4}-\d\d-\d\d\.json$/);
    const doc = JSON.parse(json.text);
    assert.equal(doc.format, 'invite-guard-history');
    assert.equal(doc.schema, 1);
    assert.deepEqual(byId(doc.events), byId(seeded), 'the export holds exactly the stored events');
    const csv = await options.download('#export-csv');
    const rows = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(rows.length, seeded.length + 1, `a header and one row per event: ${rows.length}`);
    assert.ok(rows[0].startsWith('id,kind,at'), rows[0]);
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ig-export-')), json.name);
    fs.writeFileSync(file, json.text);

    await options.click('#clear');
    await options.click('#clear-yes');
    await waitFor(async () => eventsOf(await ext.storageGet(null)).length === 0, 6_000, 'storage emptied');

    await options.setFile('#import-file', file);
    await waitFor(
      async () => (await text(options, '#import-summary')) === en('importPreview', String(seeded.length), '0', '0'),
      6_000,
      'the preview',
    );
    assert.equal(eventsOf(await ext.storageGet(null)).length, 0, 'the preview writes nothing');
    await options.click('#import-confirm');
    await waitFor(
      async () => (await text(options, '#import-status')) === en('importDone', String(seeded.length)),
      8_000,
      'the import message',
    );
    const back = eventsOf(await ext.storageGet(null));
    assert.deepEqual(byId(back), byId(seeded), 'import restores exactly the exported events');

    // Importing the same file again adds nothing.
    await options.setFile('#import-file', file);
    await waitFor(
      async () => (await text(options, '#import-summary')) === en('importPreview', '0', String(seeded.length), '0'),
      6_000,
      'the second preview',
    );
  } finally {
    await options.close();
  }
}

// 18. a bad import file changes nothing and says why

export async function badImportChangesNothing({ ext }) {
  const seeded = history();
  await seedState(ext, { events: seeded });
  const before = await ext.storageGet(null);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-bad-'));
  const good = JSON.stringify({ format: 'invite-guard-history', schema: 1, exported_at: Date.now(), events: seeded });
  const cases = [
    ['truncated.json', good.slice(0, Math.floor(good.length / 2)), 'importError_not_json'],
    ['other.json', JSON.stringify({ hello: 'world', events: [] }), 'importError_not_invite_guard'],
    [
      'future.json',
      JSON.stringify({ format: 'invite-guard-history', schema: 99, events: [] }),
      'importError_schema_too_new',
    ],
    ['deep.json', '['.repeat(100_000), 'importError_not_object'],
    [
      'deep-inside.json',
      `{"format":"invite-guard-history","schema":1,"events":${'['.repeat(100_000)}`,
      'importError_not_json',
    ],
    ['binary.json', '\u0000\u0001\u0002garbage\uFFFD', 'importError_not_json'],
  ];
  const options = await openExtPage(ext, 'options.html');
  try {
    for (const [name, body, key] of cases) {
      const f = path.join(dir, name);
      fs.writeFileSync(f, body);
      await options.setFile('#import-file', f);
      await waitFor(
        async () => (await text(options, '#import-status')) === en(key),
        6_000,
        `${name}: "${en(key)}"`,
      ).catch(async (e) => {
        assert.fail(`${e.message}; shown: ${fmt(await text(options, '#import-status'))}`);
      });
      assert.equal(
        await options.evaluate(() => document.getElementById('import-preview').hidden),
        true,
        `${name}: no preview`,
      );
    }
    // Over the size limit: refused before it is read.
    const big = path.join(dir, 'big.json');
    fs.writeFileSync(big, Buffer.alloc(21 * 1024 * 1024, 0x20));
    await options.setFile('#import-file', big);
    await waitFor(
      async () => (await text(options, '#import-status')) === en('importError_too_large'),
      8_000,
      'the size message',
    );
    // A file with some bad entries previews them, and the good ones only are imported.
    const mixed = path.join(dir, 'mixed.json');
    const hostile = sentEvent(Date.now() - 3_600_000, 'hostile', {
      invitee: { vanity: 'x', name: '<img src=x onerror=alert(1)>' },
    });
    fs.writeFileSync(
      mixed,
      JSON.stringify({
        format: 'invite-guard-history',
        schema: 1,
        events: [...seeded, { id: 'bad', kind: 'sent', at: 'yesterday' }, { ...hostile, at: 1e20 }, hostile],
      }),
    );
    await options.setFile('#import-file', mixed);
    await waitFor(
      async () => (await text(options, '#import-summary')) === en('importPreview', '1', String(seeded.length), '2'),
      6_000,
      'the mixed preview',
    );
    const items = await texts(options, '#import-invalid li');
    assert.equal(items.length, 2, fmt(items));
    assert.equal(await options.count('#import-invalid img'), 0, 'hostile text stays text');
    await options.click('#import-cancel');
  } finally {
    await options.close();
  }
  const after = await ext.storageGet(null);
  assert.deepEqual(byId(eventsOf(after)), byId(eventsOf(before)), 'no event changed');
  assert.deepEqual(after.settings, before.settings, 'settings unchanged');
}

// 19. clear-all empties everything

export async function clearAllEmpties({ ext }) {
  await seedState(ext, { events: history(), settings: { daily_cap: 7 } });
  await ext.storageSet({ quarantine: [{ broken: true }] });
  const options = await openExtPage(ext, 'options.html');
  let clearedAt;
  try {
    await options.click('#clear');
    assert.equal(
      await options.evaluate(() => document.getElementById('clear-confirm').hidden),
      false,
      'a confirm first',
    );
    await options.click('#clear-no');
    await sleep(300);
    assert.ok(eventsOf(await ext.storageGet(null)).length > 0, 'Cancel deletes nothing');
    await options.click('#clear');
    clearedAt = Date.now();
    await options.click('#clear-yes');
    await waitFor(
      async () => (await text(options, '#clear-status')) === en('optionsCleared'),
      6_000,
      'the cleared message',
    );
    assert.equal(
      await options.evaluate(() => document.getElementById('daily').value),
      '20',
      'the form shows the defaults',
    );
  } finally {
    await options.close();
  }
  const all = await waitFor(
    async () => {
      const a = await ext.storageGet(null);
      return a.guard?.sent_week === 0 && a.notes && a.glance ? a : false;
    },
    6_000,
    "the guard, the note budget and the popup's glance recomputed from nothing",
  );
  assert.ok(
    all.glance.days.length === 14 && all.glance.days.every(([s, r]) => s === 0 && r === 0) && !all.glance.refused_at,
    `an empty glance: ${fmt(all.glance)}`,
  );
  // What remains is derived from nothing: the schema version, the guard and note budget the
  // background recomputed, and the self-check's page signals started afresh, with no click and
  // `since` now (docs/protocol.md §1: sends before it are never judged).
  assert.deepEqual(
    Object.keys(all).sort(),
    ['glance', 'guard', 'meta', 'notes', 'page_signals'],
    `only meta, the recomputed guard, notes and glance, and fresh page signals remain: ${fmt(Object.keys(all))}`,
  );
  assert.deepEqual(all.page_signals.clicks ?? [], [], fmt(all.page_signals));
  assert.equal(all.page_signals.language, undefined, fmt(all.page_signals));
  assert.ok(all.page_signals.since >= clearedAt - 1_000, `since the deletion: ${fmt(all.page_signals)}`);
  assert.equal(all.notes.used, 0, fmt(all.notes));
  await waitBadge(ext, (b) => b.text === '20', 'badge back to the default 20');
}

// 20. axe finds no accessibility violations in the popup, the dashboard and the options page, light and dark

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export async function axeClean({ ext }, t) {
  await seedState(ext, { events: history(), settings: { daily_cap: 20, warn_remaining: 5 } });
  const found = [];
  for (const file of ['popup.html', 'dashboard.html', 'options.html']) {
    for (const scheme of ['light', 'dark']) {
      const page = await ext.newPage();
      try {
        if (!(await page.colorScheme(scheme))) {
          if (scheme === 'dark') {
            t.diagnostic(`${file}: dark mode not checked in this browser (no per-page colour scheme)`);
            continue;
          }
        }
        await page.goto(`${ext.origin}/${file}`);
        await waitFor(() => page.evaluate(() => document.body.dataset.ready === '1'), 8_000, `${file} to render`);
        if (file === 'options.html') await page.click('#clear'); // the confirm is part of the page too
        await page.inject(AXE);
        const violations = await page.run(
          "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) })))",
        );
        for (const v of violations) found.push({ file, scheme, ...v });
        if (file === 'popup.html') {
          // The checks above ran on a populated popup.
          assert.ok((await page.count('#chart rect')) >= 14, 'the chart is drawn');
        }
        if (file === 'dashboard.html') {
          // ... and on a populated dashboard (issue 13 item 2: the refusals are the dashboard's).
          assert.ok((await page.count('#chart rect')) >= 14, 'the dashboard chart is drawn');
          assert.ok((await page.count('#refusals li')) >= 1, 'the refusals list is shown');
          // The chart's 30 and 90 days (issue 13 item 2): the 90 reach the sends of 31 to 53 days ago,
          // and the refusal is marked in both.
          const chart = () =>
            page.evaluate(() => ({
              bars: document.querySelectorAll('#chart rect').length,
              sent: [...document.querySelectorAll('#chart rect')].reduce((n, r) => n + Number(r.dataset.sent), 0),
              refused: document.querySelectorAll('#chart circle.refused').length,
              pressed: [...document.querySelectorAll('.range button[aria-pressed="true"]')].map((b) => b.dataset.days),
              title: document.getElementById('chart-h').textContent,
            }));
          await page.click('.range button[data-days="30"]');
          const d30 = await chart();
          assert.deepEqual([d30.bars, d30.pressed, d30.title], [30, ['30'], en('popupChartTitle', '30')], fmt(d30));
          await page.click('.range button[data-days="90"]');
          const d90 = await chart();
          assert.deepEqual([d90.bars, d90.pressed, d90.title], [90, ['90'], en('popupChartTitle', '90')], fmt(d90));
          assert.ok(d90.sent > d30.sent, `the 90 days hold more sends than the 30: ${fmt([d30, d90])}`);
          assert.ok(d30.refused >= 1 && d90.refused >= 1, `the refusal marked: ${fmt([d30, d90])}`);
        }
      } finally {
        await page.close();
      }
    }
  }
  assert.deepEqual(found, [], `axe violations: ${fmt(found)}`);
}

// 21. each of the five languages renders the popup, the dashboard and the options page without a missing
// string

export async function localesComplete(launch, t) {
  for (const lang of ['en', 'de', 'fr', 'es', 'pt']) {
    const messages = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'extension', '_locales', lang, 'messages.json'), 'utf8'),
    );
    const keys = Object.keys(EN);
    const ext = await launch(lang);
    try {
      await seedState(ext, { events: history() });
      for (const file of ['popup.html', 'dashboard.html', 'options.html']) {
        const page = await openExtPage(ext, file);
        try {
          const r = await page.evaluate((keys) => {
            const texts = [...document.querySelectorAll('body *')]
              .filter((e) => e.children.length === 0 && !e.closest('[hidden]'))
              .map((e) => e.textContent.trim());
            const labels = [...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'));
            return {
              lang: document.documentElement.lang,
              empty: [...document.querySelectorAll('[data-i18n]')]
                .filter((e) => !e.textContent.trim())
                .map((e) => e.dataset.i18n),
              keys: [...texts, ...labels].filter(
                (s) => keys.includes(s) || /\b(popup|options|import|badge|guard|preset)[A-Z]\w+/.test(s),
              ),
              h1: document.querySelector('h1')?.textContent,
            };
          }, keys);
          assert.ok(r.lang.startsWith(lang), `${lang} ${file}: <html lang> is ${r.lang}`);
          assert.deepEqual(r.empty, [], `${lang} ${file}: empty labels`);
          assert.deepEqual(r.keys, [], `${lang} ${file}: message keys shown instead of text`);
          const title = {
            'popup.html': messages.extName.message,
            'dashboard.html': messages.dashboardTitle.message,
            'options.html': messages.optionsTitle.message,
          }[file];
          assert.equal(r.h1, title, `${lang} ${file}: the heading is in ${lang}`);
        } finally {
          await page.close();
        }
      }
      t.diagnostic(`${lang}: popup, dashboard and options complete`);
    } finally {
      await ext.close();
    }
  }
}

// 22. a history stored by schema 1 (objects) is rewritten in the compact form when the extension
// updates, and nothing is lost (Chromium: it needs the worker restarted, as after an update)

export async function schemaOneRewritten({ ext }) {
  const now = Date.now();
  const fresh = sentEvent(now - 60_000, 'fresh', { also: ['dom:fresh@1'], tab: 12, sources: ['api', 'dom'] });
  const seeded = [...history(now), fresh];
  await seedState(ext, { events: seeded });
  await ext.storageSet({ meta: { schema: 1 }, quarantine: undefined });
  await ext.storageSet({
    [monthKey(now)]: [
      ...(await ext.storageGet([monthKey(now)]))[monthKey(now)],
      { id: 'broken', kind: 'sent', at: 'never' },
    ],
  });
  await ext.stopServiceWorker();
  // Any event wakes the worker; its start runs the migration before anything else.
  await ext.extEval(() => chrome.runtime.sendMessage({ kind: 'nothing' }).catch(() => null));
  const all = await waitFor(
    async () => {
      const a = await ext.storageGet(null);
      return a.meta?.schema === 2 ? a : false;
    },
    10_000,
    'meta.schema 2 after the worker restarted',
  );
  const months = Object.entries(all).filter(([k]) => k.startsWith('ev:'));
  for (const [k, v] of months)
    assert.ok(v.every(Array.isArray), `${k} holds compact arrays only: ${fmt(v.find((e) => !Array.isArray(e)))}`);
  const settle = (e) => (now - e.at >= 86_400_000 ? (({ also, tab, ...rest }) => rest)(e) : e);
  assert.deepEqual(byId(eventsOf(all)), byId(seeded.map(settle)), 'every event kept; settled ones without also/tab');
  assert.deepEqual(all.quarantine, [{ id: 'broken', kind: 'sent', at: 'never' }], 'the unreadable item kept aside');
}

// 23. a keyboard shortcut opens the popup (the browser binds it; headless browsers cannot press it,
// so this checks the browser registered it)

export async function shortcutRegistered({ ext }) {
  const cmds = await ext.extEval(() => (globalThis.browser ?? chrome).commands.getAll());
  const open = cmds.find((c) => c.name === '_execute_action');
  assert.ok(open, `an _execute_action command: ${fmt(cmds)}`);
  assert.equal(open.shortcut.replace(/\s/g, ''), 'Alt+Shift+I', fmt(open));
}

// 24. the pending-invitation warning's threshold is the member's: set in options, used by the dashboard
// and the popup

export async function pendingThresholdFromOptions({ ext }) {
  const now = Date.now();
  const events = [1, 2, 3, 4].map((i) => sentEvent(now - i * 86_400_000, `p${i}`));
  await seedState(ext, { events });
  const options = await openExtPage(ext, 'options.html');
  try {
    assert.equal(await options.evaluate(() => document.getElementById('pending-warn').value), '500', 'the default');
    await options.fill('#pending-warn', '3');
    await options.click('button[type="submit"]');
    await waitFor(async () => (await text(options, '#status')) === en('optionsSaved'), 6_000, 'saved');
  } finally {
    await options.close();
  }
  assert.equal((await ext.storageGet(['settings'])).settings.pending_warn, 3);
  // The full warning is the dashboard's; the popup shows it short (issue 13).
  const dashboard = await openExtPage(ext, 'dashboard.html');
  try {
    assert.equal(
      await dashboard.evaluate(() => document.getElementById('pending-warn').hidden),
      false,
      'four pending, over the threshold of 3: warned',
    );
  } finally {
    await dashboard.close();
  }
  const popup = await openExtPage(ext, 'popup.html');
  try {
    assert.equal(
      await popup.evaluate(() => document.getElementById('pending-alert').hidden),
      false,
      'four pending, over the threshold of 3: the popup alerts',
    );
  } finally {
    await popup.close();
  }
}
