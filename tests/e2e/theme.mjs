// End-to-end scenario 110 (issue 13 item 3): the in-page UI follows LinkedIn's theme. The hint, the
// confirm panel and the note helper are opened on stand-in pages carrying LinkedIn's theme markers
// (tests/standin `?theme=`, docs/linkedin.md §1.6) or none, and the contrast of every text against
// its background is computed from the computed styles inside the closed shadow root. Registered by
// chromium.test.mjs and firefox.test.mjs.

import assert from 'node:assert/strict';
import { seedEvents, seedState, sentEvent, sleep, waitFor, waitForCount } from './harness.mjs';
import { SEL, TOPCARD_CONNECT, fixtureFacts, openLinkedIn, resetStandin } from './scenarios.mjs';

/** WCAG AA: 4.5:1 for text, 3:1 for what shows a control's extent (1.4.3, 1.4.11). */
const TEXT_AA = 4.5;
const UI_AA = 3;

/**
 * Runs in the page on the first element inside a host's shadow root. For every element with text
 * of its own: its colour and the background behind it (its own and its ancestors' inside the shadow
 * tree, each composed over the next, down to an opaque one), and their contrast. For every button:
 * the contrast of its border and of its fill against the background around it. And the colour
 * scheme the UI declared, with the luminance of its main surface (the biggest box with a
 * background).
 */
function measure(top) {
  const rgba = (s) => {
    const m = /rgba?\(([^)]+)\)/.exec(s || '');
    if (!m) return null;
    const p = m[1]
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (c, under) => [0, 1, 2].map((i) => c[i] * c[3] + under[i] * (1 - c[3])).concat(1);
  const behind = (e) => {
    const layers = [];
    for (let x = e; x; x = x.parentElement) {
      const c = rgba(getComputedStyle(x).backgroundColor);
      if (c && c[3] > 0) {
        layers.push(c);
        if (c[3] === 1) break;
      }
    }
    // Nothing opaque inside the root: the page shows through; white is the page's usual ground.
    let acc = [255, 255, 255, 1];
    for (const c of layers.reverse()) acc = over(c, acc);
    return acc;
  };
  const lum = ([r, g, b]) =>
    [r, g, b]
      .map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      })
      .reduce((a, c, i) => a + c * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return Math.round(((x + 0.05) / (y + 0.05)) * 100) / 100;
  };
  const hex = (c) =>
    `#${c
      .slice(0, 3)
      .map((v) => Math.round(v).toString(16).padStart(2, '0'))
      .join('')}`;
  const all = [top, ...top.querySelectorAll('*')];
  const texts = [];
  for (const e of all) {
    const own = [...e.childNodes]
      .filter((n) => n.nodeType === 3)
      .map((n) => n.nodeValue)
      .join('')
      .trim();
    if (!own) continue;
    const bg = behind(e);
    const fg = over(rgba(getComputedStyle(e).color), bg);
    texts.push({ text: own.slice(0, 40), fg: hex(fg), bg: hex(bg), ratio: ratio(fg, bg) });
  }
  const buttons = [];
  for (const b of top.querySelectorAll('button')) {
    const around = behind(b.parentElement);
    const cs = getComputedStyle(b);
    const edge = Number.parseFloat(cs.borderTopWidth) > 0 ? over(rgba(cs.borderTopColor), around) : around;
    const fill = behind(b);
    buttons.push({
      text: b.textContent.trim().slice(0, 40),
      edge: hex(edge),
      fill: hex(fill),
      around: hex(around),
      ratio: Math.max(ratio(edge, around), ratio(fill, around)),
    });
  }
  let surface = null;
  let area = -1;
  for (const e of all) {
    const c = rgba(getComputedStyle(e).backgroundColor);
    const r = e.getBoundingClientRect();
    if (c && c[3] === 1 && r.width * r.height > area) {
      area = r.width * r.height;
      surface = c;
    }
  }
  return {
    scheme: getComputedStyle(top).colorScheme,
    surface: surface && hex(surface),
    surfaceLum: surface ? Math.round(lum(surface) * 1000) / 1000 : null,
    texts,
    buttons,
  };
}

/** The themes a page is served in: `?theme=` (or none), the system's scheme, and what the UI must take. */
const THEMES = [
  { name: 'light marker (2026 pages)', param: 'light', expect: 'light' },
  { name: 'dark marker (2026 pages)', param: 'dark', expect: 'dark' },
  { name: 'dark marker (Ember pages)', param: 'ember-dark', expect: 'dark' },
  { name: 'no marker, system light', param: null, system: 'light', expect: 'light' },
  { name: 'no marker, system dark', param: null, system: 'dark', expect: 'dark' },
  { name: 'light marker on a dark system', param: 'light', system: 'dark', expect: 'light' },
];

/** `url` with `?theme=` set (or left without one). */
function themed(url, param) {
  const u = new URL(url);
  if (param) u.searchParams.set('theme', param);
  return u.href;
}

/** Checks one measurement of `what` in `theme`; returns the problems found, each a line. */
function problems(what, theme, m) {
  const out = [];
  const at = `${what}, ${theme.name}`;
  if (!m) return [`${at}: nothing measured`];
  if (!m.texts.length) out.push(`${at}: no text found in the shadow root`);
  for (const t of m.texts)
    if (t.ratio < TEXT_AA) out.push(`${at}: "${t.text}" ${t.fg} on ${t.bg} is ${t.ratio}:1 (< ${TEXT_AA})`);
  for (const b of m.buttons)
    if (b.ratio < UI_AA)
      out.push(
        `${at}: button "${b.text}" (edge ${b.edge}, fill ${b.fill}) on ${b.around} is ${b.ratio}:1 (< ${UI_AA})`,
      );
  if (m.scheme !== theme.expect) out.push(`${at}: color-scheme ${m.scheme}, expected ${theme.expect}`);
  // The colours themselves, not only the declaration: the main surface is dark in the dark theme and
  // light in the light one, except the hint, which stands out from the page by being the other way.
  const dark = what === 'hint' ? theme.expect === 'light' : theme.expect === 'dark';
  if (m.surfaceLum === null || (dark ? m.surfaceLum > 0.1 : m.surfaceLum < 0.7))
    out.push(`${at}: main surface ${m.surface} (luminance ${m.surfaceLum}) is not ${dark ? 'dark' : 'light'}`);
  return out;
}

/** Sets the system's scheme for `page`; false when this browser cannot. */
async function system(page, scheme) {
  return page.colorScheme(scheme ?? 'light', { global: true });
}

/** The UIs, each with the guard state it needs and how to open it on `url`. */
const UIS = [
  {
    what: 'hint',
    seed: { today: 16 }, // 4 left today, at or under warn_remaining 5: the hint shows
    url: (F) => F.profileUrl,
    async open(page) {
      await page.hover(TOPCARD_CONNECT);
      await waitForCount(page, SEL.hint, (n) => n > 0, 4_000, 'the hint after hovering Connect');
    },
  },
  {
    what: 'confirm',
    seed: { today: 20 }, // spent: a Connect click meets the confirm panel
    url: (F) => F.profileUrl,
    async open(page) {
      await page.click(TOPCARD_CONNECT);
      await waitForCount(page, SEL.confirm, (n) => n === 1, 4_000, 'the confirm panel after clicking Connect');
    },
  },
  {
    what: 'note',
    // Every colour the helper has: the month's five free notes used (the budget line in its "spent"
    // colour), a template (the muted label and a button), and the counter near the limit ("low").
    seed: () => {
      const now = Date.now();
      const events = seedEvents({ today: 1, now });
      const monthStart = new Date(now);
      monthStart.setDate(1);
      monthStart.setHours(0, 30, 0, 0);
      for (let i = 0; i < 5; i++)
        events.push(sentEvent(Math.max(monthStart.getTime(), now - 3_600_000 * (i + 2)), `n${i}`, { note: true }));
      const templates = [{ name: 'Hi', text: 'Hi {firstName}!' }];
      return { events, settings: { preset: 'free', daily_cap: 20, weekly_cap: 100, templates } };
    },
    url: (F) => F.profileUrl,
    async open(page) {
      await page.click(TOPCARD_CONNECT);
      await waitForCount(page, SEL.addNote, (n) => n > 0, 8_000, 'the invite dialog');
      await page.click(SEL.addNote);
      // Its texts and template buttons come from storage a moment after the helper itself.
      await waitFor(
        async () => (await page.guardTexts('note')).some((t) => t.includes('Hi')),
        8_000,
        'the note helper with its template button',
      );
      await page.fill('textarea#custom-message', 'x'.repeat(185));
      await waitFor(
        async () => (await page.guardTexts('note')).some((t) => t.includes('185')),
        8_000,
        'the counter at 185 of 200',
      );
    },
  },
];

// 110. the in-page UI follows LinkedIn's theme, at WCAG AA in both

export async function themedUi({ ext, standin }, t) {
  const F = fixtureFacts();
  const found = [];
  const seen = [];
  for (const ui of UIS) {
    resetStandin(standin);
    await seedState(ext, typeof ui.seed === 'function' ? ui.seed() : ui.seed);
    for (const theme of THEMES) {
      const page = await ext.newPage();
      try {
        if (theme.system && !(await system(page, theme.system))) {
          t.diagnostic(`${ui.what}, ${theme.name}: this browser cannot set the system's scheme; not checked`);
          continue;
        }
        // The page is opened here rather than by openLinkedIn: the scheme is set on it first.
        await page.goto(themed(ui.url(F), theme.param));
        await waitForCount(page, SEL.connect, (n) => n > 0, 10_000, 'a Connect control');
        await sleep(600); // the content script runs at document_idle and reads `guard`
        await ui.open(page);
        const [m] = await page.guardEval(ui.what, measure);
        seen.push(
          `${ui.what}/${theme.name}: ${m?.scheme} ${(m?.texts ?? []).map((x) => `${x.fg}/${x.bg} ${x.ratio}`).join(', ')}`,
        );
        found.push(...problems(ui.what, theme, m));
      } finally {
        await page.close();
      }
    }
  }
  for (const line of seen) t.diagnostic(line);
  assert.deepEqual(found, [], `contrast or theme problems:\n  ${found.join('\n  ')}`);

  // LinkedIn switches its theme without a reload: the next hint takes the new one.
  resetStandin(standin);
  await seedState(ext, UIS[0].seed);
  const page = await openLinkedIn(ext, themed(F.profileUrl, 'ember-light'));
  try {
    const schemeNow = async () => {
      await UIS[0].open(page);
      const [m] = await page.guardEval('hint', measure);
      await page.mouseAway();
      await waitForCount(page, SEL.hint, (n) => n === 0, 4_000, 'the hint to go');
      return m?.scheme;
    };
    assert.equal(await schemeNow(), 'light', 'the hint on the light page');
    await page.evaluate(() => document.documentElement.classList.add('theme--dark', 'theme--mercado-dark'));
    assert.equal(await schemeNow(), 'dark', 'the hint once the page has switched to dark');
  } finally {
    await page.close();
  }
}
