// Issue 14: one budget across computers, through the browser's own storage.sync. Scenario 130, one profile:
// another computer's item is written into storage.sync as the browser's sync would bring it; scenario
// 131, two profiles of the same browser with the sync stood in for by a relay. What must hold: its sends count in this
// computer's badge and guard, and the popup names it; a send made here goes into this computer's item
// as times and hashes, never a name; an item that is not one is ignored; switched off, this computer's
// item leaves sync and the others' no longer count.

import assert from 'node:assert/strict';
import { addSend, fmt, seedState, sleep, syncStorage, waitFor } from './harness.mjs';
import {
  connectAndSend,
  fixtureFacts,
  guard,
  openLinkedIn,
  resetStandin,
  TOPCARD_CONNECT,
  waitBadge,
} from './scenarios.mjs';
import { en, openExtPage } from './pages.mjs';

const OTHER = 'aaaaaaaaaaaaaaaa';

/** Another computer's item: `n` sends over the last hours, as core::sync writes it. */
function otherItem(now, n, name = 'Home laptop') {
  const w = Math.floor(now / 1000) * 1000;
  const sends = [];
  for (let i = 0; i < n; i++) {
    const ago = (i + 1) * 30; // every 30 seconds before `w`
    sends.push(`${ago.toString(36)}.${(1_000_003 + i).toString(36)}.${(2_000_003 + i).toString(36)}`);
  }
  return { v: 1, n: name, w, s: sends.join(','), r: '' };
}

// 130. another computer's sends count here; this one's go to sync without names; off removes it

export async function sharedAcrossComputers({ ext, standin }, t) {
  // The stand-in as LinkedIn answers by default: an earlier scenario may have renamed its endpoint
  // or made it refuse.
  resetStandin(standin);
  await seedState(ext, { today: 2 });
  const now = Date.now();
  // Five sends in the last 2.5 minutes: today's, unless the test runs in the first minutes of a day.
  const n = 5;
  await syncStorage(ext, 'set', {
    [`device_${OTHER}`]: otherItem(now, n),
    // Not items: a key that is not a device id, a newer form, a value that is not an object.
    device_XYZ: otherItem(now, 3, 'Bad key'),
    device_bbbbbbbbbbbbbbbb: { ...otherItem(now, 3, 'Newer'), v: 2 },
    device_cccccccccccccccc: 'not an item',
  });
  const g = await waitFor(
    async () => {
      const g = await guard(ext);
      return g?.sent_today === 2 + n ? g : false;
    },
    10_000,
    `guard.sent_today ${2 + n}: 2 here and ${n} from Home laptop`,
  ).catch(async (e) =>
    assert.fail(`${e.message}; guard ${fmt(await guard(ext))}; sync ${fmt(await syncStorage(ext, 'get'))}`),
  );
  assert.deepEqual(g.others, [{ name: 'Home laptop', today: n, week: n }], fmt(g.others));
  await waitBadge(ext, (b) => b.text === String(20 - 2 - n), `badge ${20 - 2 - n}`);
  t.diagnostic(`2 here + ${n} from Home laptop: guard ${g.sent_today}, badge ${20 - 2 - n}`);

  // The popup names the other computer.
  const popup = await ext.newPage();
  try {
    await popup.goto(`${ext.origin}/popup.html`);
    await waitFor(() => popup.evaluate(() => document.body.dataset.ready === '1'), 10_000, 'the popup');
    const line = await popup.evaluate(() => {
      const e = document.getElementById('others');
      return e.hidden ? null : e.textContent;
    });
    assert.equal(line, `${n} of today's ${2 + n} from Home laptop`);
  } finally {
    await popup.close();
  }

  // A real send here: counted, and this computer's item in sync holds it as times and hashes.
  const F = fixtureFacts();
  const page = await openLinkedIn(ext, F.profileUrl);
  try {
    await connectAndSend(page, { sel: TOPCARD_CONNECT, what: 'the top-card Connect' });
    await waitFor(
      async () => (await guard(ext))?.sent_today === 3 + n,
      10_000,
      `guard.sent_today ${3 + n} after a send here`,
    );
  } finally {
    await page.close();
  }
  const own = await waitFor(
    async () => {
      const all = await syncStorage(ext, 'get');
      const mine = Object.entries(all).find(
        ([k, v]) =>
          /^device_[0-9a-f]{16}$/.test(k) &&
          ![OTHER, 'bbbbbbbbbbbbbbbb', 'cccccccccccccccc'].some((id) => k === `device_${id}`) &&
          v?.s?.split(',').length === 3,
      );
      return mine ?? false;
    },
    10_000,
    "this computer's item in sync with its 3 sends (2 seeded today, 1 sent)",
  ).catch(async (e) => assert.fail(`${e.message}; sync ${fmt(await syncStorage(ext, 'get'))}`));
  const [key, item] = own;
  assert.match(key, /^device_[0-9a-f]{16}$/);
  const { device } = await ext.storageGet(['device']);
  assert.equal(key, `device_${device.id}`, 'keyed by the id kept in storage.local');
  assert.equal(item.n, device.name);
  const text = JSON.stringify(item);
  for (const secret of [F.profile.vanity, F.profile.urn, F.profile.name].filter(Boolean))
    assert.ok(!text.includes(secret), `${secret} must not be in sync: ${text}`);
  assert.ok(!/[A-Z]/.test(item.s), `only base-36 times and hashes: ${item.s}`);

  // Switched off: this computer's item leaves sync, and the other's sends no longer count.
  const settings = (await ext.storageGet(['settings'])).settings;
  const answer = await ext.extEval(
    (s) => (globalThis.browser ?? chrome).runtime.sendMessage({ kind: 'set_settings', settings: s }),
    { ...settings, share_counts: false },
  );
  assert.equal(answer?.ok, true, fmt(answer));
  await waitFor(async () => !(await syncStorage(ext, 'get'))?.[key], 10_000, "this computer's item removed from sync");
  const off = await waitFor(
    async () => {
      const g = await guard(ext);
      return g?.sent_today === 3 && !(g.others?.length > 0) ? g : false;
    },
    10_000,
    'only this computer counted',
  ).catch(async (e) => assert.fail(`${e.message}; guard ${fmt(await guard(ext))}`));
  assert.equal(off.sent_today, 3);
  await sleep(300);
  // The other computer's item is its own: left in sync.
  assert.ok((await syncStorage(ext, 'get'))[`device_${OTHER}`], 'the other computer keeps its item');
  await syncStorage(ext, 'clear');
}

/**
 * The browser's sync, stood in for: each `step()` copies each profile's own item (`device_<id>` of the
 * id in its storage.local) to the other profile's storage.sync, or removes it there when it left its
 * own. Real sync needs an account; this carries the same values the same way. Stepped from the test's
 * own waits, not run beside them: Firefox's WebDriver session drives one window at a time.
 */
function relay(a, b) {
  const copied = [new Map(), new Map()];
  return async function step() {
    for (const [i, from, to] of [
      [0, a, b],
      [1, b, a],
    ]) {
      const { device } = (await from.storageGet(['device'])) ?? {};
      if (!device?.id) continue;
      const key = `device_${device.id}`;
      const all = (await syncStorage(from, 'get')) ?? {};
      const text = all[key] === undefined ? null : JSON.stringify(all[key]);
      if (copied[i].get(key) === text) continue;
      if (text === null) await to.extEval((k) => (globalThis.browser ?? chrome).storage.sync.remove(k), key);
      else await syncStorage(to, 'set', { [key]: all[key] });
      copied[i].set(key, text);
    }
  };
}

// 131. two profiles sharing through a relayed storage.sync: one budget, each send counted once

export async function twoProfilesOneBudget({ ext, standin }, t, launchOther) {
  const F = fixtureFacts();
  resetStandin(standin);
  const other = await launchOther(standin.port);
  try {
    await seedState(ext);
    await seedState(other);
    const step = relay(ext, other);
    // A send on the first profile: both badges say 19.
    const a = await openLinkedIn(ext, F.profileUrl);
    try {
      await connectAndSend(a, { sel: TOPCARD_CONNECT, what: 'the top-card Connect' });
    } finally {
      await a.close();
    }
    const t0 = Date.now();
    for (const [name, e] of [
      ['the sending profile', ext],
      ['the other profile', other],
    ])
      await waitFor(
        async () => {
          await step();
          return (await guard(e))?.sent_today === 1;
        },
        15_000,
        `${name}: guard.sent_today 1`,
      ).catch(async (err) =>
        assert.fail(`${err.message}; guard ${fmt(await guard(e))}; sync ${fmt(await syncStorage(e, 'get'))}`),
      );
    t.diagnostic(`both profiles counted the send ${Date.now() - t0} ms after the click (relay stepped in the waits)`);
    await waitBadge(other, (b) => b.text === '19', 'the other profile\'s badge "19"');
    // A send on the second profile, to someone else: both count 2, each send once.
    const b = await openLinkedIn(other, F.searchUrl);
    try {
      await connectAndSend(b, { i: 1, what: 'a search card Connect' });
    } finally {
      await b.close();
    }
    for (const [name, e] of [
      ['the first profile', ext],
      ['the second profile', other],
    ])
      await waitFor(
        async () => {
          await step();
          return (await guard(e))?.sent_today === 2;
        },
        15_000,
        `${name}: guard.sent_today 2`,
      ).catch(async (err) => assert.fail(`${err.message}; guard ${fmt(await guard(e))}`));
    // A repeated relay must not add a third.
    for (let i = 0; i < 3; i++) {
      await step();
      await sleep(300);
    }
    for (const e of [ext, other]) {
      const g = await guard(e);
      assert.equal(g.sent_today, 2, fmt(g));
      assert.equal(g.others.length, 1, fmt(g.others));
      assert.equal(g.others[0].today, 1);
    }
    await waitBadge(ext, (x) => x.text === '18', 'the first profile\'s badge "18"');
  } finally {
    await other.close();
  }
}

// 132. this computer's name: renamed on the options page, the name the others show; the sync line

/** The options page's sync line and name field. */
function computerSection(page) {
  return page.evaluate(() => {
    const line = document.getElementById('sync-state');
    const field = document.getElementById('device-name');
    return {
      line: line.hidden ? null : line.textContent,
      name: field.value,
      placeholder: field.placeholder,
      status: document.getElementById('device-status').textContent,
    };
  });
}

/** Waits until `pick` holds of the options page's computer section; answers the section. */
function waitSection(page, pick, what) {
  return waitFor(
    async () => {
      const c = await computerSection(page);
      return pick(c) ? c : false;
    },
    8_000,
    what,
  ).catch(async (e) => assert.fail(`${e.message}; ${fmt(await computerSection(page))}`));
}

export async function renameThisComputer({ ext, standin }, t) {
  resetStandin(standin);
  // Nothing sent yet: no identity.
  await seedState(ext);
  let page = await openExtPage(ext, 'options.html');
  try {
    // No identity yet: no name, and no other computer heard from.
    const fresh = await waitSection(page, (c) => c.line, 'the sync line');
    assert.deepEqual(
      [fresh.name, fresh.placeholder, fresh.line],
      ['', en('optionsDeviceUnnamed'), en('optionsSyncNone')],
      fmt(fresh),
    );
  } finally {
    await page.close();
  }
  // Two sends here, something to share; another computer heard from: named on the page (an item
  // that does not read is not).
  const now = Date.now();
  await addSend(ext, now - 2_000, 'here0');
  await addSend(ext, now - 1_000, 'here1');
  await syncStorage(ext, 'set', {
    [`device_${OTHER}`]: otherItem(now, 1),
    device_dddddddddddddddd: { ...otherItem(now, 1, 'Newer form'), v: 2 },
  });
  page = await openExtPage(ext, 'options.html');
  try {
    const others = en('optionsSyncOthers', 'Home laptop');
    await waitSection(page, (c) => c.line === others, `the line "${others}"`);

    // Renamed with Enter in the field (not the settings form's Save): kept, cleaned, and shared.
    await page.fill('#device-name', '  Work laptop  ');
    await page.focus('#device-name');
    await page.press('Enter');
    const renamed = await waitSection(page, (c) => c.status, 'the rename status');
    assert.deepEqual([renamed.status, renamed.name], [en('optionsDeviceRenamed', 'Work laptop'), 'Work laptop']);
    const { device } = await ext.storageGet(['device']);
    assert.match(device?.id ?? '', /^[0-9a-f]{16}$/, fmt(device));
    assert.equal(device.name, 'Work laptop');
    const key = `device_${device.id}`;
    await waitFor(
      async () => (await syncStorage(ext, 'get'))?.[key]?.n === 'Work laptop',
      10_000,
      "this computer's item in sync under its new name",
    ).catch(async (e) => assert.fail(`${e.message}; sync ${fmt(await syncStorage(ext, 'get'))}`));
    // Its own item is not among the others.
    assert.equal((await computerSection(page)).line, en('optionsSyncOthers', 'Home laptop'));

    // A message from an extension page is checked by the background all the same (the field's
    // maxlength is the page's): a control character dropped, cut to 40 characters.
    const long = `Laptop ${'x'.repeat(33)}`;
    const answer = await ext.extEval(
      (name) => (globalThis.browser ?? chrome).runtime.sendMessage({ kind: 'set_device_name', name }),
      `Laptop\u0007 ${'x'.repeat(60)}`,
    );
    assert.deepEqual(answer, { ok: true, name: long }, fmt(answer));
    await waitFor(async () => (await syncStorage(ext, 'get'))?.[key]?.n === long, 10_000, 'the cut name in sync');
    // Nothing left of it: the default name again, from the id.
    await page.fill('#device-name', '   ');
    await page.click('#device-rename');
    const unnamed = `Computer ${device.id.slice(0, 4).toUpperCase()}`;
    await waitSection(page, (c) => c.name === unnamed, `the default "${unnamed}"`);
    assert.equal((await ext.storageGet(['device'])).device.name, unnamed);
    assert.equal((await ext.storageGet(['device'])).device.id, device.id, 'the same computer');
    t.diagnostic(`renamed to "Work laptop", "${long}", then "${unnamed}"; sync followed each`);
  } finally {
    await page.close();
  }
  await syncStorage(ext, 'clear');
}

// 134. sync unavailable to extensions: the options page says sharing is unavailable and why; sync
// is asked again only after 10 minutes; everything else counts as on one computer

export async function syncUnavailable({ standin }, t, launch) {
  resetStandin(standin);
  const ext = await launch();
  try {
    await seedState(ext, { today: 2 });
    const page = await openExtPage(ext, 'options.html');
    try {
      const { line } = await waitSection(page, (c) => c.line, 'the sync line');
      assert.equal(
        line,
        en('optionsSyncUnavailable', 'Sync is unavailable for extensions in this browser (test stand-in)'),
      );
    } finally {
      await page.close();
    }
    const gets = async () =>
      (await ext.extEval(() => (globalThis.browser ?? chrome).storage.session.get('e2eSyncGets')))?.e2eSyncGets ?? 0;
    const before = await gets();
    // Three sends, three refreshes: each counted, and sync not asked again.
    for (let i = 0; i < 3; i++) {
      await addSend(ext, Date.now() - 1_000, `alone${i}`);
      await waitFor(async () => (await guard(ext))?.sent_today === 3 + i, 10_000, `guard.sent_today ${3 + i}`).catch(
        async (e) => assert.fail(`${e.message}; guard ${fmt(await guard(ext))}`),
      );
    }
    await waitBadge(ext, (b) => b.text === '15', 'badge 15');
    const asked = (await gets()) - before;
    t.diagnostic(`sync refused: the options page says so; 3 sends counted with sync asked ${asked} more times`);
    assert.ok(asked <= 1, `sync asked at most once in 10 minutes, not at every refresh: ${asked}`);
  } finally {
    await ext.close();
  }
}
