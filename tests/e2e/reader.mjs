// End-to-end: the content script's own reader on LinkedIn's invitation pages (issue 4), on the
// stand-in's real paths. The member scrolls and clicks "Show more" and Withdraw; the extension only
// looks, and its reports reach the ledger (the background's side is checked in invitations.mjs).

import assert from 'node:assert/strict';
import { eventsOf, fmt, seedState, sentEvent, waitFor, waitForCount } from './harness.mjs';
import { LI, guard, ledger } from './scenarios.mjs';
import { CARDS, FACTS, loadWholeList } from './invitations.mjs';

const DAY = 86_400_000;
const sentTo = (at, id, vanity, name) => sentEvent(at, id, { invitee: { vanity, name }, sources: ['api', 'dom'] });

// 47. the Sent page, read by the content script as it loads: the missing invitations are added, once

export async function contentReadsSentPage({ ext }) {
  for (const lang of ['en', 'de']) {
    const f = FACTS[`sent.${lang}.html`];
    const now = Date.now();
    const known = [3, 8].map((i) =>
      sentTo(now - (i === 3 ? 3 * 3_600_000 : 2.5 * DAY), `k${i}`, f.entries[i].vanity, f.entries[i].name),
    );
    await seedState(ext, { events: known });
    const page = await ext.newPage();
    try {
      await page.goto(`${LI}${f.path}?lang=${lang}`);
      await loadWholeList(page, f);
      const evs = await waitFor(
        async () => {
          const evs = await ledger(ext);
          return evs.filter((e) => e.sources?.includes('sent_page')).length === f.entries.length - known.length
            ? evs
            : false;
        },
        10_000,
        `${lang}: every missing invitation reported by the content script`,
      );
      const added = evs
        .filter((e) => e.sources?.includes('sent_page'))
        .map((e) => e.invitee.vanity)
        .sort();
      const missing = f.entries
        .map((e) => e.vanity)
        .filter((v) => !known.some((k) => k.invitee.vanity === v))
        .sort();
      assert.deepEqual(added, missing, `${lang}: exactly the missing invitations`);
      assert.equal(evs.filter((e) => e.kind === 'accepted').length, 0, `${lang}: nobody accepted`);
      const sp = (await ext.storageGet(['sent_page'])).sent_page;
      assert.equal(sp?.total, 30, `${lang}: LinkedIn's total read: ${fmt(sp)}`);
      assert.equal(sp?.complete, true, `${lang}: the whole list was seen: ${fmt(sp)}`);
      // A reload reads the same cards again: nothing new.
      await page.goto(`${LI}${f.path}?lang=${lang}`);
      await waitForCount(page, CARDS, (n) => n === f.first, 8_000, 'the cards after a reload');
      await new Promise((r) => setTimeout(r, 1_000));
      assert.equal((await ledger(ext)).length, evs.length, `${lang}: a second read adds nothing`);
    } finally {
      await page.close();
    }
  }
}

// 48. Withdraw on the Sent page: the content script reports it, and the guard holds the person

export async function contentRecordsWithdraw({ ext }) {
  const f = FACTS['sent.en.html'];
  const card = f.entries[2];
  await seedState(ext, { events: [sentTo(Date.now() - 3 * 3_600_000, 'w', card.vanity, card.name)] });
  const page = await ext.newPage();
  try {
    await page.goto(`${LI}${f.path}`);
    await waitForCount(page, CARDS, (n) => n === f.first, 8_000, 'the Sent cards');
    await page.click(`button[aria-label="Withdraw invitation sent to ${card.name}"]`);
    await waitForCount(page, 'dialog[open]', (n) => n === 1, 6_000, 'the Withdraw invitation? dialog');
    await page.click(`dialog[open] button[aria-label="Withdrawn invitation sent to ${card.name}"]`);
    const w = await waitFor(
      async () => (await ledger(ext)).find((e) => e.kind === 'withdrawn') ?? false,
      8_000,
      'a withdrawn event',
    );
    assert.equal(w.invitee.vanity, card.vanity, fmt(w));
    assert.deepEqual(w.sources, ['dom']);
    const g = await waitFor(
      async () => {
        const g = await guard(ext);
        return g?.cooldown?.length ? g : false;
      },
      6_000,
      'the cooldown',
    );
    assert.equal(g.cooldown[0].vanity, card.vanity);
  } finally {
    await page.close();
  }
}

// 49. the Connections page: people the member invited, shown connected, are accepted once

export async function contentReadsConnections({ ext }) {
  const f = FACTS['connections.en.html'];
  const now = Date.now();
  const evs = [1, 3].map((i) => sentTo(now - (i === 1 ? 4 : 9) * DAY, `c${i}`, f.people[i].vanity, f.people[i].name));
  await seedState(ext, { events: evs });
  const page = await ext.newPage();
  try {
    await page.goto(`${LI}${f.path}`);
    await loadWholeList(page, f);
    const accepted = await waitFor(
      async () => {
        const a = (await ledger(ext)).filter((e) => e.kind === 'accepted');
        return a.length === 2 ? a : false;
      },
      10_000,
      'two acceptances',
    );
    assert.deepEqual(accepted.map((e) => e.invitee.vanity).sort(), [f.people[1].vanity, f.people[3].vanity].sort());
    await page.goto(`${LI}${f.path}`);
    await waitForCount(page, CARDS, (n) => n === f.first, 8_000, 'the cards after a reload');
    await new Promise((r) => setTimeout(r, 1_000));
    assert.equal(eventsOf(await ext.storageGet(null)).filter((e) => e.kind === 'accepted').length, 2, 'once');
  } finally {
    await page.close();
  }
}

// 50. a profile whose top card shows a connection (Message first; no Connect, Pending or Follow)
// accepts the invitation pending to that person; profiles with Connect or Pending accept nothing

export async function contentReadsFirstDegreeProfile({ ext }) {
  const now = Date.now();
  const evs = [
    sentTo(now - 3 * DAY, 'j', 'jules-okafor-7e44', 'Jules Okafor'),
    sentTo(now - 3 * DAY, 'a', 'ada-quill-3f2a', 'Ada Quill'),
    sentTo(now - 3 * DAY, 't', 'tess-marlowe-51b0', 'Tess Marlowe'),
  ];
  await seedState(ext, { events: evs });
  for (const vanity of ['ada-quill-3f2a', 'tess-marlowe-51b0', 'jules-okafor-7e44']) {
    const page = await ext.newPage();
    try {
      await page.goto(`${LI}/in/${vanity}/`);
      await waitForCount(page, 'section[componentkey$="Topcard"]', (n) => n === 1, 8_000, `${vanity}'s top card`);
      if (vanity === 'jules-okafor-7e44') {
        await waitFor(async () => (await ledger(ext)).some((e) => e.kind === 'accepted'), 8_000, 'the acceptance');
      } else {
        await new Promise((r) => setTimeout(r, 1_000));
      }
    } finally {
      await page.close();
    }
  }
  const accepted = (await ledger(ext)).filter((e) => e.kind === 'accepted');
  assert.deepEqual(
    accepted.map((e) => e.invitee.vanity),
    ['jules-okafor-7e44'],
    fmt(accepted),
  );
}
