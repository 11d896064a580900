// The fault matrix of issue 10, in the browsers (the rest runs natively: core/tests/stored_faults.rs,
// fuzz.rs, time_stored.rs). Registered by chromium.test.mjs and firefox.test.mjs as tests 61-65; the
// README's table "What can go wrong, and what happens" names each one.
//
// - Corrupt storage: a value of the wrong type, null, NaN or Infinity (Firefox keeps them, Chrome
//   stores null), a huge value, unknown fields, under each key the background reads. Each time: the
//   next send is counted, the badge is right, the bad value is kept aside unchanged, no good event is
//   lost, and the popup says what happened.
// - Worker death: the background killed right after each of 20 sends' API calls: 0 lost, 0 doubled.
// - Five tabs x 20 near-simultaneous sends: exactly 100.
// - Full storage (Chromium, whose storage.local has a 10 MiB quota without unlimitedStorage): a send
//   is not lost, the member is told, and it is written when space frees; an import that would not
//   fit is refused with the figures.

import assert from 'node:assert/strict';
import {
  fmt,
  launchChromium,
  seedState,
  sendFromExtension,
  sendFromLinkedIn,
  sentEvent,
  sleep,
  testCopy,
  waitFor,
  waitForCount,
  DIST_CHROME,
} from './harness.mjs';
import { SEL, guard, invitePosts, ledger, openLinkedIn, resetStandin, sentOf, waitBadge } from './scenarios.mjs';
import { readExtPage } from './pages.mjs';

const DAY = 86_400_000;
const SETTINGS = {
  preset: 'custom',
  daily_cap: 200,
  weekly_cap: 500,
  warn_remaining: 5,
  hard_block: false,
  in_page_ui: true,
  store_names: true,
};

/** Runs `fn` (no closure: its source is sent) in an extension page, with `storage.local` as `s`
 *  and the time as `now`: corruption made there keeps NaN and Infinity as the browser's storage takes
 *  them, and checks made there see them (WebDriver's JSON would turn them into null). */
function inPage(ext, fn) {
  return ext.extRun(`(${fn.toString()})((globalThis.browser ?? chrome).storage.local, Date.now())`);
}

/** The storage's problem lines of the popup (short) or of the dashboard (`dashboard.html`, whole). */
function problems(ext, page = 'popup.html') {
  return readExtPage(ext, page, () => [...document.querySelectorAll('#problems li')].map((li) => li.textContent));
}

// 61. corrupt storage, key by key

const CASES = [
  {
    name: 'an event whose time is NaN (this month)',
    corrupt: async (s, now) => {
      const k = `ev:${new Date(now - new Date(now).getTimezoneOffset() * 60000).toISOString().slice(0, 7)}`;
      const all = await s.get(k);
      const m = all[k] ?? [];
      m.push(['nan:1', 'sent', NaN, 0, null, 'nan-person', null, false, ['api']]);
      await s.set({ [k]: m });
    },
    kept: async (s) => {
      const all = await s.get(null);
      return (all.quarantine ?? []).some(
        (q) => Array.isArray(q) && q[0] === 'nan:1' && (Number.isNaN(q[2]) || q[2] === null),
      );
    },
    said: true,
  },
  {
    name: 'an event whose time zone is Infinity',
    corrupt: async (s, now) => {
      const k = `ev:${new Date(now - new Date(now).getTimezoneOffset() * 60000).toISOString().slice(0, 7)}`;
      const all = await s.get(k);
      const m = all[k] ?? [];
      m.push(['inf:1', 'sent', now - 1000, Infinity, null, 'inf-person', null, false, ['api']]);
      await s.set({ [k]: m });
    },
    kept: async (s) => {
      const all = await s.get(null);
      return (all.quarantine ?? []).some(
        (q) => Array.isArray(q) && q[0] === 'inf:1' && (q[3] === Infinity || q[3] === null),
      );
    },
    said: true,
  },
  {
    name: 'a month key holding a string',
    corrupt: async (s, now) => {
      const d = new Date(now);
      d.setDate(15);
      d.setMonth(d.getMonth() - 1);
      await s.set({ [`ev:${d.toISOString().slice(0, 7)}`]: 'garbage' });
    },
    kept: async (s) => {
      const all = await s.get(null);
      return (all.quarantine ?? []).includes('garbage');
    },
    said: true,
    // The month held nothing readable: the previous month's seeded events are lost to nobody.
    lostMonth: true,
  },
  {
    name: 'a huge item in this month',
    corrupt: async (s, now) => {
      const k = `ev:${new Date(now - new Date(now).getTimezoneOffset() * 60000).toISOString().slice(0, 7)}`;
      const all = await s.get(k);
      const m = all[k] ?? [];
      m.push('x'.repeat(1_000_000));
      await s.set({ [k]: m });
    },
    kept: async (s) => {
      const all = await s.get(null);
      return (all.quarantine ?? []).some((q) => typeof q === 'string' && q.length === 1_000_000);
    },
    said: true,
  },
  {
    name: 'settings null',
    corrupt: async (s) => {
      await s.set({ settings: null });
    },
    kept: async (s) => {
      const all = await s.get(null);
      return all.settings === null;
    },
    said: true,
    defaults: true,
  },
  {
    name: 'settings with a NaN cap',
    corrupt: async (s) => {
      const { settings } = await s.get('settings');
      await s.set({ settings: { ...settings, daily_cap: NaN } });
    },
    kept: async (s) => {
      const all = await s.get(null);
      return all.settings?.preset === 'custom' && !Number.isFinite(all.settings.daily_cap);
    },
    said: true,
    defaults: true,
  },
  {
    name: 'settings with unknown extra fields',
    corrupt: async (s) => {
      const { settings } = await s.get('settings');
      await s.set({ settings: { ...settings, from_a_newer_version: { x: [1, 2] } } });
    },
    kept: async (s) => {
      const all = await s.get(null);
      return all.settings.from_a_newer_version?.x?.length === 2;
    },
    said: false,
  },
  {
    name: 'meta of the wrong type',
    corrupt: async (s) => {
      await s.set({ meta: { schema: '2' } });
    },
    restart: true,
    kept: async (s) => {
      const all = await s.get(null);
      return (
        (all.quarantine ?? []).some((q) => q?.from === 'meta' && q.value?.schema === '2') && all.meta?.schema === 2
      );
    },
    said: true,
  },
  {
    name: 'guard, notes and glance of the wrong type',
    corrupt: async (s) => {
      await s.set({ guard: 'garbage', notes: 42, glance: { day: 'garbage', days: 'x' } });
    },
    // Derived keys: computed again from the ledger, nothing of the member's was in them.
    kept: async (s) => {
      const all = await s.get(null);
      return (
        typeof all.guard === 'object' &&
        typeof all.notes === 'object' &&
        // The 3 seeded today and the send after the damage.
        all.glance?.days?.length === 14 &&
        all.glance.days.at(-1)?.[0] === 4
      );
    },
    said: false,
  },
  {
    name: 'sent_page with NaN figures',
    corrupt: async (s, now) => {
      await s.set({ sent_page: { total: NaN, read_at: now, pending: 3, complete: false } });
    },
    // Kept aside when the next read of the Sent page would replace it.
    after: {
      kind: 'sent_page',
      lang: 'en',
      complete: false,
      total_text: 'People (2)',
      entries: [
        { href: '/in/sp-a/', age_text: 'Sent 2 weeks ago' },
        { href: '/in/sp-b/', age_text: 'Sent 3 weeks ago' },
      ],
    },
    kept: async (s) => {
      const all = await s.get(null);
      return (
        (all.quarantine ?? []).some((q) => q?.from === 'sent_page' && q.value?.pending === 3) &&
        all.sent_page?.total === 2
      );
    },
    said: true,
  },
  {
    name: 'a quarantine that is no list',
    corrupt: async (s, now) => {
      const k = `ev:${new Date(now - new Date(now).getTimezoneOffset() * 60000).toISOString().slice(0, 7)}`;
      const all = await s.get(k);
      const m = all[k] ?? [];
      m.push(['bad:q', 'mystery', now, 0, null, null, null, false, []]);
      await s.set({ quarantine: 'not a list', [k]: m });
    },
    kept: async (s) => {
      const all = await s.get(null);
      return (
        Array.isArray(all.quarantine) &&
        all.quarantine.some((q) => q?.from === 'quarantine' && q.value === 'not a list') &&
        all.quarantine.some((q) => Array.isArray(q) && q[0] === 'bad:q')
      );
    },
    said: true,
  },
];

export async function corruptStorage({ ext }) {
  const failures = [];
  for (const c of CASES) {
    try {
      await seedState(ext, { settings: SETTINGS, today: 3, earlier: 2 });
      const seeded = (await ledger(ext)).map((e) => e.id).sort();
      await inPage(ext, c.corrupt);
      await sleep(300);
      if (c.restart) await ext.restartBackground();
      if (c.after) assert.equal((await sendFromLinkedIn(ext, { ...c.after, at: Date.now() })).ok, true);
      // The next send is counted whatever the damage.
      const r = await sendFromLinkedIn(ext, {
        kind: 'dom_sent',
        invitee: { vanity: `after-${seeded.length}-${Math.random().toString(36).slice(2, 8)}` },
        at: Date.now(),
      });
      assert.deepEqual(r, { ok: true });
      const caps = c.defaults ? { daily: 20 } : { daily: SETTINGS.daily_cap };
      const g = await waitFor(
        async () => {
          const g = await guard(ext);
          return g?.sent_today === 4 ? g : false;
        },
        8_000,
        'the send counted (4 today)',
      );
      assert.equal(g.daily_cap, caps.daily, 'the caps in force');
      await waitBadge(
        ext,
        (b) => b.text === String(Math.min(g.remaining_today, g.remaining_week)),
        'the badge shows what is left',
      );
      const now = (await ledger(ext)).map((e) => e.id);
      for (const id of seeded) if (!c.lostMonth || !id.includes(':w')) assert.ok(now.includes(id), `${id} kept`);
      assert.ok(await inPage(ext, c.kept), 'the bad value kept aside unchanged (or recomputed, for a derived key)');
      const lines = await problems(ext);
      if (c.said) assert.ok(lines.length > 0, 'the popup says what happened');
      else assert.deepEqual(lines, [], 'nothing to say');
    } catch (e) {
      failures.push(`${c.name}: ${e.message}`);
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${CASES.length} cases`);
}

/** The hrefs of the first `n` Connect links a pointer can reach, in page order. */
function connectHrefs(page, n) {
  return page.evaluate(
    (sel, n) =>
      [...document.querySelectorAll(sel)]
        .filter((e) => e.getAttribute('href') && e.getBoundingClientRect().width > 0)
        .map((e) => e.getAttribute('href'))
        .slice(0, n),
    SEL.connect,
    n,
  );
}

/** Clicks the Connect link whose href is `href`. */
async function clickConnectTo(page, href) {
  const i = await page.evaluate(
    (sel, h) => [...document.querySelectorAll(sel)].findIndex((e) => e.getAttribute('href') === h),
    SEL.connect,
    href,
  );
  if (i < 0) throw new Error(`no Connect to ${href}`);
  await page.click(SEL.connect, i);
}

// 62. the background killed right after each of 20 sends' API calls

export async function workerDeathLosesNothing({ ext, standin }) {
  const since = resetStandin(standin);
  await seedState(ext, { settings: SETTINGS });
  const page = await openLinkedIn(ext, `https://www.linkedin.com/__search1000?lang=en&n=60`, { settle: 400 });
  try {
    const targets = await connectHrefs(page, 20);
    assert.equal(targets.length, 20, 'twenty people to invite');
    for (const [i, href] of targets.entries()) {
      const posts = invitePosts(standin, since).length;
      await clickConnectTo(page, href);
      await waitForCount(page, SEL.sendNoNote, (n) => n > 0, 8_000, `the dialog for send ${i + 1}`);
      await page.click(SEL.sendNoNote);
      await waitFor(() => invitePosts(standin, since).length > posts, 8_000, `the API call of send ${i + 1}`, 5);
      // Between the API answer and the write: the background goes.
      await ext.restartBackground();
      await waitFor(async () => sentOf(await ledger(ext)).length >= i + 1, 10_000, `send ${i + 1} counted`);
      // The card shows Pending before the next person is invited.
      await waitFor(
        () =>
          page.evaluate(
            (sel, h) => ![...document.querySelectorAll(sel)].some((e) => e.getAttribute('href') === h),
            SEL.connect,
            href,
          ),
        8_000,
        `Pending for send ${i + 1}`,
      );
    }
    await sleep(1500);
    const sent = sentOf(await ledger(ext));
    assert.equal(sent.length, 20, `20 sends, each once: ${fmt(sent.map((e) => [e.id, e.sources]))}`);
    assert.equal(new Set(sent.map((e) => e.invitee.vanity ?? e.invitee.urn)).size, 20, 'twenty different people');
    assert.equal((await guard(ext)).sent_today, 20);
  } finally {
    await page.close();
  }
}

// 63. five tabs x 20 near-simultaneous sends

export async function fiveTabsTwentyRounds({ ext, standin }) {
  const since = resetStandin(standin);
  await seedState(ext, { settings: SETTINGS });
  const pages = [];
  try {
    for (let t = 0; t < 5; t++)
      pages.push(await openLinkedIn(ext, `https://www.linkedin.com/__search1000?lang=en&n=300`, { settle: 150 }));
    // A hundred different people: tab t invites targets t, 5 + t, 10 + t…
    const targets = await connectHrefs(pages[0], 100);
    assert.equal(targets.length, 100, 'a hundred people to invite');
    for (let round = 0; round < 20; round++) {
      for (let t = 0; t < 5; t++) {
        await clickConnectTo(pages[t], targets[round * 5 + t]);
        await waitForCount(
          pages[t],
          SEL.sendNoNote,
          (n) => n > 0,
          8_000,
          `the dialog in tab ${t + 1}, round ${round + 1}`,
        );
      }
      if (ext.kind === 'chromium') await Promise.all(pages.map((p) => p.click(SEL.sendNoNote)));
      else for (const p of pages) await p.click(SEL.sendNoNote);
      for (const [t, p] of pages.entries()) {
        const href = targets[round * 5 + t];
        await waitFor(
          () =>
            p.evaluate(
              (sel, h) => ![...document.querySelectorAll(sel)].some((e) => e.getAttribute('href') === h),
              SEL.connect,
              href,
            ),
          8_000,
          `Pending in tab ${t + 1}, round ${round + 1}`,
        );
      }
    }
    await waitFor(() => invitePosts(standin, since).length >= 100, 20_000, '100 invite POSTs');
    await waitFor(async () => sentOf(await ledger(ext)).length >= 100, 20_000, '100 sends counted');
    await sleep(2000);
    const sent = sentOf(await ledger(ext));
    assert.equal(sent.length, 100, 'exactly 100');
    assert.equal(invitePosts(standin, since).length, 100, 'LinkedIn received exactly 100');
    assert.equal((await guard(ext)).sent_today, 100);
  } finally {
    for (const p of pages) await p.close();
  }
}

// 64. full storage (Chromium: its 10 MiB quota, without unlimitedStorage in a copy of the build)

export async function fullStorage({ standin }) {
  const ext = await launchChromium({
    proxyPort: standin.port,
    extDir: testCopy(DIST_CHROME, 'chrome-quota', { dropPermissions: ['unlimitedStorage'] }),
  });
  try {
    resetStandin(standin);
    await seedState(ext, { settings: SETTINGS });
    // One send first, so that this month is stored in its compact form (a month seeded as objects
    // shrinks when it is first rewritten, and would make room).
    await sendFromLinkedIn(ext, { kind: 'dom_sent', invitee: { vanity: 'before-full' }, at: Date.now() });
    await waitFor(async () => sentOf(await ledger(ext)).length === 1, 5_000, 'the first send written');
    // Fill storage.local up to its quota, less a few bytes: no month can grow.
    const free = await ext.extEval(
      async () => chrome.storage.local.QUOTA_BYTES - (await chrome.storage.local.getBytesInUse(null)),
    );
    await ext.storageSet({ filler: 'x'.repeat(free - 40) });
    const bigImport = JSON.stringify({
      format: 'invite-guard-history',
      schema: 1,
      events: Array.from({ length: 50 }, (_, i) => sentEvent(Date.now() - (i + 2) * DAY, `imp${i}`)),
    });
    const refused = await sendFromExtension(ext, { kind: 'import', text: bigImport });
    assert.equal(refused.ok, false, fmt(refused));
    assert.equal(refused.error, 'no_room', fmt(refused));
    assert.ok(refused.needed > refused.free, fmt(refused));
    // A send while full: counted on the badge, not lost, and the member is told.
    const r = await sendFromLinkedIn(ext, { kind: 'dom_sent', invitee: { vanity: 'while-full' }, at: Date.now() });
    assert.deepEqual(r, { ok: true });
    await waitBadge(
      ext,
      (b) => b.text === '198!',
      'the badge counts the send (200 a day, 2 sent) and marks the failure',
    ).catch(async (e) => {
      throw new Error(
        `${e.message}; badge ${fmt(await ext.badge())}; in use ${await ext.extEval(() => chrome.storage.local.getBytesInUse(null))}; session ${fmt(await ext.extEval(() => chrome.storage.session.get(null)))}`,
      );
    });
    assert.equal(sentOf(await ledger(ext)).length, 1, 'not written yet');
    const lines = await problems(ext);
    assert.ok(
      lines.some((l) => /refused to save|refuses to save/i.test(l)),
      `the popup says so: ${fmt(lines)}`,
    );
    // The dashboard says it whole: since when, the browser's error, how many wait, what to do.
    const whole = await problems(ext, 'dashboard.html');
    assert.ok(
      whole.some((l) => /refused to save since .*\(.+\)\. 1 counted but not saved yet: .*free disk space/i.test(l)),
      `the dashboard says it whole: ${fmt(whole)}`,
    );
    // Space frees (the member deleted something): the held send is written.
    await ext.extEval(() => chrome.storage.local.remove('filler'));
    await waitFor(
      async () => sentOf(await ledger(ext)).some((e) => e.invitee.vanity === 'while-full'),
      10_000,
      'the held send written once space freed',
    );
    await waitBadge(ext, (b) => b.text === '198', 'the badge back to normal');
    assert.deepEqual(await problems(ext), [], 'nothing left to say');
  } finally {
    await ext.close();
  }
}
