// Issue 13 item 2: the dashboard's history. Every stored event, searched by name (without case or
// accents), filtered by kind, source and date range, 50 rows a page, and what matches exported as
// CSV; with 100,000 events, so that a long history is what is tested. How long a keystroke takes
// is printed by `./build.sh bench`, not asserted here.

import assert from 'node:assert/strict';
import { fmt, seedState, waitFor } from './harness.mjs';
import { longHistory } from './glance.mjs';

const N = 100_000;

/** The long history, with a few events seen only on LinkedIn's Sent page and a few imported. */
function history(now) {
  const events = longHistory(now, N);
  events.forEach((e, i) => {
    if (i % 1000 === 7) e.sources = ['sent_page'];
    if (i % 1000 === 9) e.sources = ['import'];
  });
  return events;
}

/** What the page shows: the count line, the page line, the rows and which pager buttons work. */
async function shown(page) {
  return page.evaluate(() => ({
    count: document.getElementById('h-count').textContent,
    page: document.getElementById('h-page').textContent,
    rows: [...document.querySelectorAll('#history li')].map((li) => ({
      who: li.querySelector('.who')?.textContent ?? '',
      kind: li.dataset.kind,
      at: li.querySelector('time')?.getAttribute('datetime') ?? '',
    })),
    newer: !document.getElementById('h-newer').disabled,
    older: !document.getElementById('h-older').disabled,
    exportLabel: document.getElementById('h-export').textContent,
    exportOn: !document.getElementById('h-export').disabled,
  }));
}

/** Chooses `value` in the select or date field `id`, as the member would: a `change` event. */
async function choose(page, id, value) {
  await page.evaluate(
    (i, v) => {
      const e = document.getElementById(i);
      e.value = v;
      e.dispatchEvent(new Event('change', { bubbles: true }));
    },
    id,
    value,
  );
}

const iso = (ms) => new Date(ms).toISOString();
const n = (x) => x.toLocaleString('en');

// 121. the dashboard's history with 100,000 events: search, filters, pages, export

export async function historySearch(ext, t) {
  const now = Date.now();
  const events = history(now);
  await seedState(ext, { events });
  const newestFirst = [...events].reverse();
  const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[-_.]/g, ' ');
  const matches = (e, text) => `${fold(e.invitee.name ?? '')}\n${fold(e.invitee.vanity ?? '')}`.includes(text);

  const page = await ext.newPage();
  try {
    await page.goto(`${ext.origin}/dashboard.html`);
    await waitFor(
      () => page.evaluate(() => document.body.dataset.ready === '1'),
      60_000,
      'the dashboard to read the history',
    );

    // Everything, newest first, 50 a page.
    let s = await shown(page);
    t.diagnostic(`all: ${s.count}; ${s.page}`);
    assert.equal(s.count, `1–50 of ${n(N)}`, fmt(s.count));
    assert.equal(s.rows.length, 50);
    assert.equal(s.rows[0].at, iso(newestFirst[0].at), 'the newest event first');
    assert.equal(s.rows[49].at, iso(newestFirst[49].at));
    assert.equal(s.page, `Page 1 of ${n(N / 50)}`);
    assert.ok(!s.newer && s.older, `only Older works on page 1: ${fmt(s)}`);
    assert.equal(s.exportLabel, `Export these ${n(N)} as CSV`);

    // A name typed as the member types it, without the accent: "zoe" finds every Zoë.
    await page.fill('#h-text', 'zoe');
    const zoe = newestFirst.filter((e) => matches(e, 'zoe'));
    s = await shown(page);
    assert.equal(s.count, `1–50 of ${n(zoe.length)}`, `zoe: ${fmt(s.count)}`);
    assert.ok(zoe.length > 10_000 && zoe.length < N, `a real subset: ${zoe.length}`);
    assert.ok(
      s.rows.every((r) => r.who.startsWith('Zoë ')),
      fmt(s.rows.slice(0, 3)),
    );
    assert.deepEqual(
      s.rows.map((r) => r.at),
      zoe.slice(0, 50).map((e) => iso(e.at)),
    );

    // The next page and back.
    await page.click('#h-older');
    s = await shown(page);
    assert.equal(s.count, `51–100 of ${n(zoe.length)}`);
    assert.equal(s.rows[0].at, iso(zoe[50].at));
    assert.ok(s.newer && s.older, fmt(s));
    await page.click('#h-newer');
    s = await shown(page);
    assert.equal(s.count, `1–50 of ${n(zoe.length)}`);

    // A last name with its accent left out, and a kind: Ångström's withdrawals.
    await page.fill('#h-text', 'ANGSTROM');
    await choose(page, 'h-kind', 'withdrawn');
    const ang = newestFirst.filter((e) => matches(e, 'angstrom') && e.kind === 'withdrawn');
    s = await shown(page);
    assert.equal(s.count, `1–${Math.min(50, ang.length)} of ${n(ang.length)}`, `angstrom withdrawn: ${fmt(s.count)}`);
    assert.ok(ang.length > 0);
    assert.ok(
      s.rows.every((r) => r.kind === 'popupKindWithdrawn' && r.who.endsWith('Ångström')),
      fmt(s.rows.slice(0, 3)),
    );

    // A source and no text: the events only LinkedIn's Sent page saw.
    await page.fill('#h-text', '');
    await choose(page, 'h-kind', '');
    await choose(page, 'h-source', 'sent_page');
    const sentPage = newestFirst.filter((e) => e.sources.includes('sent_page'));
    s = await shown(page);
    assert.equal(s.count, `1–50 of ${n(sentPage.length)}`, `sent page: ${fmt(s.count)}`);
    assert.deepEqual(
      s.rows.map((r) => r.at),
      sentPage.slice(0, 50).map((e) => iso(e.at)),
    );

    // A date range, both days included, with the source: the month of the 500th-newest event.
    const pick = newestFirst[500];
    const from = `${pick.day.slice(0, 8)}01`;
    const to = `${pick.day.slice(0, 8)}28`;
    await choose(page, 'h-source', '');
    await choose(page, 'h-from', from);
    await choose(page, 'h-to', to);
    const inRange = newestFirst.filter((e) => e.day >= from && e.day <= to);
    s = await shown(page);
    assert.equal(s.count, `1–50 of ${n(inRange.length)}`, `${from}..${to}: ${fmt(s.count)}`);
    assert.equal(s.rows[0].at, iso(inRange[0].at));
    // To the last page: Older until it stops.
    const pages = Math.ceil(inRange.length / 50);
    for (let i = 1; i < pages; i++) await page.click('#h-older');
    s = await shown(page);
    assert.equal(s.page, `Page ${pages} of ${pages}`);
    assert.ok(!s.older && s.newer, fmt(s));
    assert.equal(s.rows.at(-1).at, iso(inRange.at(-1).at), 'the oldest of the range last');

    // Nothing matches: said, and nothing to export.
    await page.fill('#h-text', 'nobody by this name');
    s = await shown(page);
    assert.equal(s.count, 'Nothing matches these filters.');
    assert.equal(s.rows.length, 0);
    assert.ok(!s.exportOn && !s.newer && !s.older, fmt(s));

    // Clear filters: everything again.
    await page.click('#h-reset');
    s = await shown(page);
    assert.equal(s.count, `1–50 of ${n(N)}`, `after Clear filters: ${fmt(s.count)}`);
    assert.equal(await page.valueOf('#h-text'), '');

    // Export what matches: the refusals, oldest first, one CSV row each.
    await choose(page, 'h-kind', 'refused');
    const refused = events.filter((e) => e.kind === 'refused');
    s = await shown(page);
    assert.equal(s.exportLabel, `Export these ${n(refused.length)} as CSV`);
    const csv = await page.download('#h-export');
    // The name the page suggests; Firefox adds "(1)" when an earlier test saved one of that name.
    assert.match(csv.name, /^invite-guard-\d{4}-\d\d-\d\d(\s?\(\d+\))?\.csv$/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.ok(lines[0].startsWith('id,kind,at'), lines[0]);
    assert.equal(lines.length, refused.length + 1, `a header and ${refused.length} rows: ${lines.length} lines`);
    assert.ok(
      lines.slice(1).every((l) => l.includes('refused')),
      fmt(lines.slice(0, 3)),
    );
    assert.ok(lines[1].includes(refused[0].invitee.vanity), `oldest first: ${fmt(lines[1])}`);
    assert.ok(lines.at(-1).includes(refused.at(-1).invitee.vanity), `newest last: ${fmt(lines.at(-1))}`);
  } finally {
    await page.close();
  }
}
