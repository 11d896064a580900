// End-to-end: the re-invite cooldown at Connect (issue 4). LinkedIn refuses a new invitation to someone
// the member withdrew one from in the last three weeks (docs/linkedin.md §7); the guard warns
// before the
// click goes through; with the in-page UI off it does not.

import assert from 'node:assert/strict';
import { fmt, seedState, sentEvent, waitFor, waitForCount } from './harness.mjs';
import { SEL, TOPCARD_CONNECT, fixtureFacts, invitePosts, openLinkedIn, resetStandin } from './scenarios.mjs';
import { en } from './pages.mjs';

export async function cooldownWarnsAtConnect({ ext, standin }) {
  const since = resetStandin(standin);
  const F = fixtureFacts();
  const now = Date.now();
  const who = { vanity: F.profile.vanity, name: 'Ada Quill' };
  const events = [
    sentEvent(now - 5 * 86_400_000, 'ada', { invitee: who }),
    { ...sentEvent(now - 2 * 86_400_000, 'ada-wd', { invitee: who }), kind: 'withdrawn', sources: ['dom'] },
  ];
  const g = await seedState(ext, { events });
  assert.ok(
    g.cooldown?.some((c) => c.vanity === who.vanity),
    `the guard names the person: ${fmt(g.cooldown)}`,
  );
  const page = await openLinkedIn(ext, F.profileUrl);
  try {
    await page.click(TOPCARD_CONNECT);
    await waitForCount(page, SEL.confirm, (n) => n === 1, 6_000, 'the cooldown panel');
    const [text] = await page.guardTexts('confirm');
    assert.ok(text.includes(en('guardCooldownTitle')), fmt(text));
    assert.ok(text.includes(`You withdrew your invitation to Ada Quill on`), fmt(text));
    assert.equal(await page.count(SEL.openDialog), 0, "LinkedIn's dialog did not open behind the panel");
    await page.press('Escape');
    await waitForCount(page, SEL.confirm, (n) => n === 0, 4_000, 'the panel to close');
    assert.equal(invitePosts(standin, since).length, 0, 'nothing sent');
  } finally {
    await page.close();
  }
  // Someone else is not held back.
  const page2 = await openLinkedIn(ext, F.searchUrl);
  try {
    await page2.click(SEL.connect, 0);
    await waitFor(async () => (await page2.count(SEL.sendNoNote)) > 0, 6_000, 'the dialog for another person');
    assert.equal(await page2.count(SEL.confirm), 0);
  } finally {
    await page2.close();
  }
  // With the in-page UI off the page shows nothing and stops nothing, the cooldown included.
  await seedState(ext, { events, settings: { in_page_ui: false } });
  const page3 = await openLinkedIn(ext, F.profileUrl);
  try {
    await page3.click(TOPCARD_CONNECT);
    await waitFor(
      async () => (await page3.count(SEL.openDialog)) > 0,
      6_000,
      "LinkedIn's dialog, with the in-page UI off",
    );
    assert.equal(await page3.count(SEL.confirm), 0, 'no cooldown panel with the in-page UI off');
  } finally {
    await page3.close();
  }
}
