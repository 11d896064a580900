// Issue 14: storage.sync's limits, each met in the real browser. Chrome and Firefox both refuse a
// write over 8,192 bytes for one item (its key and its JSON) or 102,400 in all; Chrome also refuses
// more than 120 writes a minute (docs/protocol.md §1.1.1). What must hold: a burst of sends is
// written in a few writes at least 5 s apart, the last holding every send; a computer with 480
// sends in 7 days still writes its item, within 8 KB, the oldest left out and said so; when sync
// is full, the computers silent for 30 days are removed first and this one's write goes through;
// when nothing can make room (bytes, or 512 items), the write is refused and everything here still
// counts.

import assert from 'node:assert/strict';
import { addSend, fmt, seedState, sendFromExtension, sentEvent, sleep, syncStorage, waitFor } from './harness.mjs';
import { guard, waitBadge } from './scenarios.mjs';

const QUOTA_BYTES = 102_400;
const QUOTA_BYTES_PER_ITEM = 8_192;
const MAX_ITEMS = 512;
const DAY = 86_400_000;
/** Sends in a week for the 8 KB item: more than fit (about 430 with both hashes). */
const MANY = 480;

/** Bytes an item takes against the quotas, as both browsers count them: its key and its JSON. */
function bytesOf(key, value) {
  return key.length + JSON.stringify(value).length;
}

/** This computer's item in sync: `[key, value]`, or null. */
async function ownItem(ext) {
  const { device } = (await ext.storageGet(['device'])) ?? {};
  if (!device?.id) return null;
  const key = `device_${device.id}`;
  const value = (await syncStorage(ext, 'get'))?.[key];
  return value ? [key, value] : null;
}

function entries(item) {
  return item.s ? item.s.split(',').filter(Boolean).length : 0;
}

/**
 * Another computer's item of exactly `bytes` (key and JSON): sends over 8 days old, which count
 * nowhere, padded with empty entries, which readers skip. Written `writtenAgo` ms ago.
 */
function filler(id, bytes, writtenAgo = 0) {
  const key = `device_${id}`;
  const w = Math.floor((Date.now() - writtenAgo) / 1000) * 1000;
  const old = Math.floor((9 * DAY) / 1000).toString(36);
  const value = { v: 1, n: `Filler ${id.slice(0, 4)}`, w, s: `${old}.1.1`, r: '' };
  const pad = bytes - bytesOf(key, value);
  if (pad < 0) throw new Error(`a filler of ${bytes} bytes is too small`);
  value.s += ','.repeat(pad);
  assert.equal(bytesOf(key, value), bytes);
  return [key, value];
}

/**
 * Adds another computer's item as large as still fits (8,000 bytes at most), tried down in steps of
 * 8 bytes: the browsers count an item's bytes a little differently (Chrome adds a few per item), so
 * the browser says what fits. Answers its size, 0 when not even 100 bytes fit.
 */
async function fillUp(ext, id) {
  const all = await syncStorage(ext, 'get');
  const used = Object.entries(all).reduce((n, [k, v]) => n + bytesOf(k, v), 0);
  for (let size = Math.min(8_000, QUOTA_BYTES - used); size >= 100; size -= 8) {
    const [k, v] = filler(id, size);
    const ok = await syncStorage(ext, 'set', { [k]: v }).then(
      () => true,
      () => false,
    );
    if (ok) return size;
  }
  return 0;
}

/** Starts recording, in the extension page, every write to a `device_` item in storage.sync. */
async function watchWrites(ext) {
  await ext.extEval(() => {
    const root = document.documentElement;
    root.dataset.igSyncWrites = '[]';
    if (root.dataset.igSyncWatch) return;
    root.dataset.igSyncWatch = '1';
    (globalThis.browser ?? chrome).storage.onChanged.addListener((changes, area) => {
      if (area !== 'sync') return;
      const list = JSON.parse(root.dataset.igSyncWrites || '[]');
      for (const [k, c] of Object.entries(changes))
        if (k.startsWith('device_') && c.newValue?.s !== undefined)
          list.push({ k, at: Date.now(), n: c.newValue.s.split(',').filter(Boolean).length });
      root.dataset.igSyncWrites = JSON.stringify(list);
    });
  });
}

function writes(ext) {
  return ext.extEval(() => JSON.parse(document.documentElement.dataset.igSyncWrites || '[]'));
}

async function setSettings(ext, settings) {
  const answer = await sendFromExtension(ext, { kind: 'set_settings', settings });
  assert.equal(answer?.ok, true, fmt(answer));
}

async function waitOwn(ext, n, what) {
  return waitFor(
    async () => {
      const own = await ownItem(ext);
      return own && entries(own[1]) === n ? own : false;
    },
    15_000,
    what,
  ).catch(async (e) => assert.fail(`${e.message}; own ${fmt(await ownItem(ext))}`));
}

// 133. the quotas: writes batched, the 8 KB item, the 100 KB in all

export async function syncQuotas({ ext }, t) {
  // 1. A burst of 20 sends in a few seconds: a few writes, at least 5 s apart, the last with all 20.
  await seedState(ext);
  await watchWrites(ext);
  const now = Date.now();
  const t0 = Date.now();
  for (let i = 0; i < 20; i++) await addSend(ext, now - (20 - i) * 1000, `burst${i}`);
  const burstMs = Date.now() - t0;
  await waitOwn(ext, 20, "all 20 sends in this computer's item");
  await sleep(6_000);
  const ownKey = `device_${(await ext.storageGet(['device'])).device.id}`;
  const seen = (await writes(ext)).filter((w) => w.k === ownKey);
  const gaps = seen.slice(1).map((w, i) => w.at - seen[i].at);
  t.diagnostic(`20 sends stored in ${burstMs} ms: ${seen.length} writes to sync, gaps ${fmt(gaps)} ms`);
  assert.ok(seen.length >= 1 && seen.length <= Math.ceil(burstMs / 5_000) + 2, `few writes: ${fmt(seen)}`);
  // 4.5 s: the timer's slack and the two clocks (the page's and the worker's).
  assert.ok(
    gaps.every((g) => g >= 4_500),
    `writes at least 5 s apart: ${fmt(gaps)}`,
  );
  assert.equal(seen.at(-1).n, 20, `the last write holds every send: ${fmt(seen)}`);
  // The background started again (Chrome stops an idle service worker many times a day): it finds
  // its item in sync as it would write it, and does not write it again.
  // (It refreshes as it starts, and answers a message once started: restartBackground waits for
  // that. The guard is unchanged, so it is not written again either.)
  await ext.restartBackground();
  await sleep(6_000);
  const again = (await writes(ext)).filter((w) => w.k === ownKey);
  assert.equal(again.length, seen.length, `no write after the restart: ${fmt(again)}`);

  // 2. 480 sends in 7 days (more than LinkedIn would take): the item is still written, within 8 KB,
  // the oldest left out and said so.
  // Each with a member id (URN) as well as a profile address: two hashes a send, as the API reports.
  const many = Array.from({ length: MANY }, (_, i) =>
    sentEvent(Date.now() - 60_000 - i * 20 * 60_000, `many${i}`, {
      invitee: { vanity: `seed-person-many${i}`, urn: `ACoAAB${String(i).padStart(6, '0')}xyz` },
    }),
  );
  await seedState(ext, { events: many });
  const [key, big] = await waitFor(
    async () => {
      const own = await ownItem(ext);
      return own?.[1]?.t === true ? own : false;
    },
    15_000,
    'an item that says older sends were left out',
  ).catch(async (e) => assert.fail(`${e.message}; own ${fmt(await ownItem(ext))}`));
  const size = bytesOf(key, big);
  t.diagnostic(`${MANY} sends in ${Math.round((MANY * 20) / 60)} hours: ${entries(big)} shared in ${size} bytes`);
  assert.ok(size <= QUOTA_BYTES_PER_ITEM, `within 8 KB: ${size}`);
  assert.ok(entries(big) >= 300 && entries(big) < MANY, `most sends, not all: ${entries(big)}`);
  // The newest are the ones kept: the first send, 1 minute before the write.
  const agos = big.s.split(',').map((p) => parseInt(p.split('.')[0], 36));
  assert.ok(Math.min(...agos) <= 120, `the newest send kept: ${Math.min(...agos)} s before the write`);
  assert.equal((await guard(ext)).sent_week, MANY, 'every send counts here');

  // 3. 512 items, the most sync holds, none of them silent: this computer's item, new after "Delete
  // all data", cannot be added; here everything counts.
  await seedState(ext);
  const items = {};
  for (let i = 0; i < MAX_ITEMS; i++) {
    const [k, v] = filler(`c${String(i).padStart(15, '0')}`, 90);
    items[k] = v;
  }
  await syncStorage(ext, 'set', items);
  assert.equal(Object.keys(await syncStorage(ext, 'get')).length, MAX_ITEMS);
  const t5 = Date.now();
  await addSend(ext, Date.now() - 300, 'crowded');
  await waitFor(async () => (await guard(ext))?.sent_today === 1, 10_000, 'guard.sent_today 1 with 512 items in sync');
  const counted = Date.now() - t5;
  await waitBadge(ext, (b) => b.text === '19', 'badge 19');
  await sleep(2_000);
  // Its identity was made for the write, which sync refused.
  assert.match((await ext.storageGet(['device'])).device?.id ?? '', /^[0-9a-f]{16}$/, 'the write was tried');
  assert.equal(await ownItem(ext), null, 'no room for a 513th item');
  t.diagnostic(`512 items in sync: a send counted ${counted} ms after it was stored, this computer's item refused`);

  // 4. Sharing switched back on (which tries at once, whatever an earlier refusal said) after
  // weeks, sync full, one of the computers in it silent for 31 days: it is removed first, and this
  // computer's item goes in its room. (While sharing is on, a silent computer is removed at the
  // first refresh that reads it, so sync is full of them only when this computer was not reading.)
  await seedState(ext, { today: 3 });
  const settings = (await ext.storageGet(['settings'])).settings;
  await setSettings(ext, { ...settings, share_counts: false });
  await waitFor(async () => !(await ownItem(ext)), 10_000, "this computer's item removed from sync");
  const stale = filler('5555555555555555', 8_000, 31 * DAY);
  await syncStorage(ext, 'set', { [stale[0]]: stale[1] });
  let fillers = 0;
  for (let size = 8_000; size === 8_000; fillers++) size = await fillUp(ext, `f${String(fillers).padStart(15, '0')}`);
  // Less than 8 bytes left (fillUp's step), and this computer's item is longer than that.
  const total = Object.entries(await syncStorage(ext, 'get')).reduce((n, [k, v]) => n + bytesOf(k, v), 0);
  await setSettings(ext, { ...settings, share_counts: true });
  const [own, item] = await waitOwn(ext, 3, "this computer's item, written once the silent computer's room was freed");
  assert.equal((await syncStorage(ext, 'get'))[stale[0]], undefined, 'the computer silent for 31 days is removed');
  t.diagnostic(
    `sync full (${total} of ${QUOTA_BYTES} bytes by key and JSON, ${fillers + 1} items): the silent computer removed, this computer's ${bytesOf(own, item)} bytes written`,
  );

  // 5. Sync full and nothing to remove: the write is refused; here everything still counts.
  // The room the silent computer left, taken.
  let more = 0;
  for (let size = 8_000; size === 8_000; more++) size = await fillUp(ext, `e${String(more).padStart(15, '0')}`);
  // A send: counted here, though sync cannot take it.
  await addSend(ext, Date.now() - 400, 'fourth');
  await waitFor(async () => (await guard(ext))?.sent_today === 4, 10_000, 'guard.sent_today 4').catch(async (e) =>
    assert.fail(`${e.message}; guard ${fmt(await guard(ext))}`),
  );
  await waitBadge(ext, (b) => b.text === '16', 'badge 16');
  await sleep(6_000);
  const after = await ownItem(ext);
  assert.equal(entries(after[1]), 3, `the refused write left the item as it was: ${fmt(after)}`);
  t.diagnostic(
    `sync full with nothing to remove (${more} more items): the 4th send counted here, the item kept at 3 sends`,
  );

  await syncStorage(ext, 'clear');
}
