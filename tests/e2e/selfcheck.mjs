// End-to-end scenarios of issue 12 ("Never blind"): the self-check notices when one of the two
// senses goes blind (docs/architecture.md §11), tells the member on the badge and in the popup, and
// clears once both senses agree again. Registered by chromium.test.mjs and firefox.test.mjs from
// scenarios-table.mjs, with the count of false alarms over every other scenario (harness.mjs
// `watchSelfCheck`).

import assert from 'node:assert/strict';
import { fmt, seedState, sleep, waitFor, waitForCount } from './harness.mjs';
import { en, readExtPage } from './pages.mjs';
import {
  INVITE_API,
  LI,
  SEL,
  TOPCARD_CONNECT,
  guard,
  ledger,
  openLinkedIn,
  resetStandin,
  sentOf,
  waitBadge,
} from './scenarios.mjs';

/** K: the sends the self-check needs before it speaks (core/src/self_check.rs). */
const K = 3;
/**
 * How long a send that only one sense saw may wait for the other: the correlation window
 * (`ledger::CORRELATION_MS`, 60 s), then the background's alarm. A state that rests on such sends
 * shows up after it.
 */
const DECIDED_MS = 100_000;
/** A search page with enough people to invite twice K of them. */
const SEARCH = `${LI}/__search1000?lang=en&n=20`;
/** Where the stand-in posts invitations with `inviteRenamed` (tests/standin/server.mjs). */
const RENAMED_API = '/voyager/api/voyagerInvitationsDashInvitations?action=create';

/**
 * The popup's self-check lines, by state (`li[data-state]`): the short line shown and the whole
 * explanation as its title (issue 13 item 1); and whether its report link is there.
 */
function popupSelfCheck(ext) {
  return readExtPage(ext, 'popup.html', () => {
    const box = document.getElementById('self-check');
    const lines = {};
    for (const li of document.querySelectorAll('#self-check li[data-state]'))
      lines[li.dataset.state] = { text: li.textContent, title: li.title };
    const link = box?.querySelector('a[href="options.html#report"]');
    return { hidden: !box || box.hidden, lines, link: !!link && !link.closest('[hidden]') };
  });
}

/** The self-check's badge colour, #0550ae (src/background/badge.rs `SELF_CHECK_COLOR`). */
const SELF_CHECK_RGB = [0x05, 0x50, 0xae];

/** Whether the badge shows the self-check's warning: the count, "?" and its own colour. */
function warns(b, count) {
  return b.text === `${count}?` && String(b.color.slice(0, 3)) === String(SELF_CHECK_RGB);
}

/** Whether the badge is back to the plain count, in a colour of its level. */
function plain(b, count) {
  return b.text === String(count) && String(b.color.slice(0, 3)) !== String(SELF_CHECK_RGB);
}

/** The stand-in's POSTs to a path starting with `prefix` since log entry `since`. */
function posts(standin, prefix, since) {
  return standin.log.slice(since).filter((e) => e.method === 'POST' && (e.path ?? '').startsWith(prefix));
}

/** The hrefs of the first `n` Connect links of the page, in page order. */
function connectHrefs(page, n) {
  return page.evaluate(
    (sel, n) =>
      [...document.querySelectorAll(sel)]
        .map((e) => e.getAttribute('href'))
        .filter(Boolean)
        .slice(0, n),
    SEL.connect,
    n,
  );
}

/** Connect on the link `href`, "Send without a note", and wait for Pending in its place. */
async function inviteVia(page, href) {
  const i = await page.evaluate(
    (sel, h) => [...document.querySelectorAll(sel)].findIndex((e) => e.getAttribute('href') === h),
    SEL.connect,
    href,
  );
  if (i < 0) throw new Error(`no Connect to ${href}`);
  await page.click(SEL.connect, i);
  await waitForCount(page, SEL.sendNoNote, (n) => n > 0, 8_000, `the invite dialog for ${href}`);
  await page.click(SEL.sendNoNote);
  await waitFor(
    () =>
      page.evaluate(
        (sel, h) => ![...document.querySelectorAll(sel)].some((e) => e.getAttribute('href') === h),
        SEL.connect,
        href,
      ),
    8_000,
    `Pending in place of ${href}`,
  );
}

/** The same with the stand-in's `unknownControls` redesign: the person's control by its vanity. */
async function inviteRedesigned(page, vanity) {
  const sel = `a[data-standin-connect][data-standin-vanity="${vanity}"]`;
  await page.click(sel);
  const send = 'button[aria-label="Deliver without a message"]';
  await waitForCount(page, send, (n) => n > 0, 8_000, `the redesigned invite dialog for ${vanity}`);
  await page.click(send);
  await waitForCount(page, sel, (n) => n === 0, 8_000, `"Awaiting" in place of ${vanity}'s control`);
}

/** Waits until `guard.self_check` satisfies `pred`; returns it. */
async function selfCheck(ext, pred, what, timeout = DECIDED_MS) {
  let last;
  return waitFor(
    async () => {
      last = (await guard(ext))?.self_check ?? {};
      return pred(last) ? last : false;
    },
    timeout,
    what,
  ).catch((e) => {
    throw new Error(`${e.message}; self_check ${fmt(last)}`);
  });
}

// 67. counter blind: the invitation endpoint renamed

export async function counterBlind({ ext, standin }) {
  const since = resetStandin(standin);
  await seedState(ext);
  standin.setMode({ inviteRenamed: true });
  const page = await openLinkedIn(ext, SEARCH);
  try {
    const targets = await connectHrefs(page, 2 * K);
    assert.equal(targets.length, 2 * K, 'people to invite');
    for (const href of targets.slice(0, K)) await inviteVia(page, href);
    // Counted from the page alone.
    await waitFor(async () => sentOf(await ledger(ext)).length === K, 10_000, `${K} sends counted`);
    const sent = sentOf(await ledger(ext));
    assert.ok(
      sent.every((e) => e.sources.join() === 'dom'),
      `counted from the page only: ${fmt(sent.map((e) => e.sources))}`,
    );
    assert.equal(posts(standin, RENAMED_API, since).length, K, 'LinkedIn received them at the renamed endpoint');
    assert.equal(posts(standin, INVITE_API, since).length, 0, 'nothing at the watched endpoint');
    // After K sends and the correlation window: the badge and the popup say so.
    const sc = await selfCheck(ext, (s) => s.counter_blind, 'the counter-blind state');
    assert.ok(!sc.guard_blind && !sc.language, `only counter blind: ${fmt(sc)}`);
    const badge = await waitBadge(ext, (b) => warns(b, 20 - K), `the badge "${20 - K}?" in its own colour`);
    assert.match(badge.title, /counting from the page only/i, `the badge's tooltip says why: ${badge.title}`);
    const popup = await popupSelfCheck(ext);
    assert.equal(popup.hidden, false, 'the popup shows the self-check');
    assert.deepEqual(Object.keys(popup.lines), ['counter_blind'], fmt(popup));
    assert.match(popup.lines.counter_blind.text, /only the page counted/i, fmt(popup));
    assert.match(popup.lines.counter_blind.title, /counting from the page only/i, fmt(popup));
    assert.ok(popup.link, 'with the link to the report section of the options page');
    // The endpoint restored: the next K sends are seen by both senses, and the state clears.
    standin.setMode({ inviteRenamed: false });
    await page.goto(SEARCH);
    await waitForCount(page, SEL.connect, (n) => n > 0, 10_000, 'the search page again');
    await sleep(600);
    for (const href of targets.slice(K)) await inviteVia(page, href);
    await selfCheck(ext, (s) => !s.counter_blind, 'the counter-blind state to clear', 20_000);
    const again = sentOf(await ledger(ext)).filter((e) => e.sources.includes('api'));
    assert.equal(again.length, K, `the last ${K} seen by the API: ${fmt(again.map((e) => e.sources))}`);
    const cleared = await waitBadge(ext, (b) => plain(b, 20 - 2 * K), `the badge "${20 - 2 * K}" without "?"`);
    assert.doesNotMatch(cleared.title, /counting from the page only/i, cleared.title);
    assert.equal((await popupSelfCheck(ext)).hidden, true, 'nothing to say in the popup');
  } finally {
    standin.setMode({ inviteRenamed: false });
    await page.close();
  }
}

// 68. guard blind: Connect controls the sensor does not know

export async function guardBlind({ ext, standin }) {
  const since = resetStandin(standin);
  await seedState(ext);
  standin.setMode({ unknownControls: true });
  const page = await openLinkedIn(ext, SEARCH, { expectConnect: false });
  try {
    await waitForCount(page, 'a[data-standin-connect]', (n) => n >= 2 * K, 10_000, 'the redesigned Connect links');
    assert.equal(await page.count(SEL.connect), 0, 'no Connect control in a shape the sensor knows');
    const vanities = await page.evaluate(
      (n) =>
        [...document.querySelectorAll('a[data-standin-connect]')]
          .map((a) => a.getAttribute('data-standin-vanity'))
          .slice(0, n),
      2 * K,
    );
    for (const v of vanities.slice(0, K)) await inviteRedesigned(page, v);
    // Counted through the API alone.
    await waitFor(async () => sentOf(await ledger(ext)).length === K, 10_000, `${K} sends counted`);
    const sent = sentOf(await ledger(ext));
    assert.ok(
      sent.every((e) => e.sources.join() === 'api'),
      `counted from the API only: ${fmt(sent.map((e) => e.sources))}`,
    );
    assert.equal(posts(standin, INVITE_API, since).length, K);
    const sc = await selfCheck(ext, (s) => s.guard_blind, 'the guard-blind state');
    assert.ok(!sc.counter_blind && !sc.language, `only guard blind: ${fmt(sc)}`);
    const badge = await waitBadge(ext, (b) => warns(b, 20 - K), `the badge "${20 - K}?" in its own colour`);
    assert.match(badge.title, /did not see/i, `the badge's tooltip says why: ${badge.title}`);
    const popup = await popupSelfCheck(ext);
    assert.deepEqual(Object.keys(popup.lines), ['guard_blind'], fmt(popup));
    assert.deepEqual(popup.lines.guard_blind, {
      text: en('selfCheckGuardBlindShort', String(K)),
      title: en('selfCheckGuardBlind', String(K)),
    });
    assert.ok(popup.link, 'with the link to the report section of the options page');
    // The page LinkedIn had before: the next K sends are seen by both senses, and the state clears.
    standin.setMode({ unknownControls: false });
    await page.goto(SEARCH);
    await waitForCount(page, SEL.connect, (n) => n > 0, 10_000, 'the search page again');
    await sleep(600);
    const hrefs = await connectHrefs(page, 2 * K);
    for (const v of vanities.slice(K))
      await inviteVia(
        page,
        hrefs.find((h) => h.includes(`vanityName=${v}`)),
      );
    await selfCheck(ext, (s) => !s.guard_blind, 'the guard-blind state to clear', 20_000);
    const cleared = await waitBadge(ext, (b) => plain(b, 20 - 2 * K), `the badge "${20 - 2 * K}" without "?"`);
    assert.doesNotMatch(cleared.title, /did not see/i, cleared.title);
    assert.equal((await popupSelfCheck(ext)).hidden, true, 'nothing to say in the popup');
  } finally {
    standin.setMode({ unknownControls: false });
    await page.close();
  }
}

// 69. a page in a language without a table

export async function languageNotCovered({ ext, standin }) {
  const since = resetStandin(standin);
  const g0 = await seedState(ext, { today: 20 });
  assert.equal(g0.level, 'spent');
  const page = await openLinkedIn(ext, `${LI}/in/ada-quill-3f2a/?lang=it`);
  try {
    const sc = await selfCheck(ext, (s) => s.language, 'the language state', 10_000);
    assert.equal(sc.language.lang, 'it');
    assert.ok(!sc.guard_blind && !sc.counter_blind, fmt(sc));
    // The invite-URL anchor is still guarded.
    await page.click(TOPCARD_CONNECT);
    await waitForCount(page, SEL.confirm, (n) => n === 1, 4_000, 'the confirm panel at the Italian Connect link');
    assert.equal(await page.count(SEL.openDialog), 0, 'no invite dialog behind the panel');
    // "Send anyway", then LinkedIn's Italian dialog: the API still counts.
    await page.press('Tab');
    await page.press('Enter');
    const send = 'button[aria-label="Invia senza nota"]';
    await waitForCount(page, send, (n) => n > 0, 6_000, 'the Italian invite dialog');
    await page.click(send);
    await waitFor(async () => (await guard(ext))?.sent_today === 21, 10_000, 'the send counted');
    const last = sentOf(await ledger(ext)).find((e) => e.sources.includes('api'));
    assert.ok(last, 'counted through the API');
    assert.equal(posts(standin, INVITE_API, since).length, 1);
    // No false Connect: Follow (Segui) is never gated.
    await page.click('aside button[aria-label^="Segui "]');
    await sleep(600);
    assert.equal(await page.count(SEL.confirm), 0, 'Follow is not gated');
    const badge = await waitBadge(ext, (b) => warns(b, 0), 'the badge "0?" in its own colour');
    assert.ok(badge.title.includes(en('selfCheckLanguage', 'Italian', 'it')), `the tooltip names it: ${badge.title}`);
    const popup = await popupSelfCheck(ext);
    assert.deepEqual(Object.keys(popup.lines), ['language'], fmt(popup));
    assert.deepEqual(popup.lines.language, {
      text: en('selfCheckLanguageShort', 'Italian'),
      title: en('selfCheckLanguage', 'Italian', 'it'),
    });
    assert.ok(popup.link);
    // A page in a covered language: the state clears.
    const english = await openLinkedIn(ext, `${LI}/in/ada-quill-3f2a/?lang=en`);
    await english.close();
    await selfCheck(ext, (s) => !s.language, 'the language state to clear', 10_000);
    await waitBadge(ext, (b) => plain(b, 0), 'the badge "0" without "?", in the spent colour');
    assert.equal((await popupSelfCheck(ext)).hidden, true, 'nothing to say in the popup');
  } finally {
    await page.close();
  }
}

// 199. no false alarm in any other scenario

export function noFalseAlarms(ctx) {
  assert.ok(ctx.selfCheckWatched > 0, 'the other scenarios were watched');
  assert.deepEqual(
    ctx.falseAlarms,
    [],
    `self-check states set during scenarios not meant to set them (of ${ctx.selfCheckWatched} watched)`,
  );
}
