// Issue 13 item 1: the popup fits one look. At 380 px wide it is at most 600 px tall and does not
// scroll, in each of the five UI languages, with an empty history and with 10,000 events (the
// benchmark's long history: two years at ~100 a week, with withdrawals, refusals and notes, so the
// pending, notes and refusal warnings all show).

import assert from 'node:assert/strict';
import { fmt, localDay, seedState, waitFor } from './harness.mjs';

export const LANGS = ['en', 'de', 'fr', 'es', 'pt'];
const WIDTH = 380;
const MAX_HEIGHT = 600;

/** The benchmark's 10,000 events (tests/bench/bench.mjs), as objects. */
export function longHistory(now = Date.now(), n = 10_000) {
  const first = ['Ada', 'Grace', 'Katherine', 'Margaret', 'Zoë', 'Jean-Baptiste'];
  const last = ['Lovelace', 'Hopper', 'Johnson', 'Hamilton', 'Ångström', 'Okonkwo-Adeyemi'];
  const events = [];
  for (let i = 0; i < n; i++) {
    const at = now - (n - i) * 1.7 * 3_600_000 - 60_000;
    const f = first[i % 6];
    const l = last[(i * 7) % 6];
    const urn = `ACoAA${String(i * 7_919_113 + 123_456_789).padStart(34, '0')}`;
    const vanity = `${f}-${l}-${((i * 2_654_435_761) % 2 ** 32).toString(16).padStart(8, '0')}`.toLowerCase();
    const kind = i % 25 === 0 ? 'withdrawn' : i % 97 === 0 ? 'refused' : 'sent';
    events.push({
      id: `api:${20_000 + i}@${Math.round(at)}`,
      kind,
      at,
      day: localDay(at),
      tz: new Date(at).getTimezoneOffset(),
      invitee: { urn, vanity, name: `${f} ${l}` },
      note: i % 10 === 0,
      sources: ['api', 'dom'],
    });
  }
  return events;
}

/** Opens the popup in a 380 x 600 viewport, once rendered: its height and whether anything scrolls. */
async function measure(ext) {
  const page = await ext.newPage();
  try {
    await page.page.setViewportSize({ width: WIDTH, height: MAX_HEIGHT });
    await page.goto(`${ext.origin}/popup.html`);
    await waitFor(() => page.evaluate(() => document.body.dataset.ready === '1'), 10_000, 'the popup to render');
    return await page.evaluate(() => {
      const d = document.documentElement;
      const shown = (sel) =>
        [...document.querySelectorAll(sel)].filter((e) => e.offsetParent !== null).map((e) => e.id);
      return {
        height: Math.ceil(document.body.getBoundingClientRect().height),
        scrollHeight: d.scrollHeight,
        clientHeight: d.clientHeight,
        scrollWidth: d.scrollWidth,
        clientWidth: d.clientWidth,
        warnings: shown('#warnings .warn, #self-check'),
        bars: document.querySelectorAll('#chart rect').length,
        dashboardLink: document.getElementById('open-dashboard')?.offsetParent !== null,
        settingsLink: document.getElementById('open-options')?.offsetParent !== null,
      };
    });
  } finally {
    await page.close();
  }
}

export function popupFitsCases() {
  return LANGS.map((lang) => ({ title: lang, arg: lang }));
}

// 120. the popup fits one look in each language, empty and with 10,000 events

export async function popupFits(launch, lang, t) {
  const ext = await launch(lang);
  try {
    const found = {};
    for (const [label, events] of [
      ['0 events', []],
      ['10,000 events', longHistory()],
    ]) {
      await seedState(ext, { events });
      const m = await measure(ext);
      found[label] = m;
      t.diagnostic(
        `${lang}, ${label}: ${m.height} px tall at ${WIDTH} px; warnings shown: ${m.warnings.join(', ') || 'none'}`,
      );
      assert.ok(m.height <= MAX_HEIGHT, `${lang}, ${label}: ${m.height} px tall, over ${MAX_HEIGHT}: ${fmt(m)}`);
      assert.ok(m.scrollHeight <= m.clientHeight, `${lang}, ${label}: scrolls vertically: ${fmt(m)}`);
      assert.ok(m.scrollWidth <= m.clientWidth, `${lang}, ${label}: scrolls horizontally: ${fmt(m)}`);
      assert.equal(m.bars, 14, `${lang}, ${label}: a 14-day chart`);
      assert.ok(m.dashboardLink && m.settingsLink, `${lang}, ${label}: the Dashboard and Settings links: ${fmt(m)}`);
    }
    // The long history shows the warnings that matter now: pending above 500, a refusal this week.
    const heavy = found['10,000 events'].warnings;
    for (const id of ['pending-alert', 'refusal-warn'])
      assert.ok(heavy.includes(id), `${lang}, 10,000 events: #${id} shown: ${fmt(heavy)}`);
  } finally {
    await ext.close();
  }
}
