// End-to-end scenarios for personal notes (issue 5): the note editor helper in the stand-in's invite
// dialog, in the main document and inside the /preload/ iframe. Registered by chromium.test.mjs and
// firefox.test.mjs.

import assert from 'node:assert/strict';
import { eventsOf, fmt, seedEvents, seedState, sentEvent, sleep, waitFor, waitForCount } from './harness.mjs';
import { SEL, TOPCARD_CONNECT, fixtureFacts, openLinkedIn, resetStandin } from './scenarios.mjs';
import { en } from './pages.mjs';

const NOTE = 'textarea#custom-message';
const FRAME = 'iframe[src="/preload/"][data-testid="interop-iframe"]:not([style*="display:none"])';

/** Connect on the profile's top card, then "Add a note"; resolves when the note field is there. */
async function openNoteEditor(ext, standin, mode = {}) {
  resetStandin(standin);
  standin.setMode(mode);
  const F = fixtureFacts();
  const page = await openLinkedIn(ext, F.profileUrl);
  await page.click(TOPCARD_CONNECT);
  await waitForCount(page, SEL.addNote, (n) => n > 0, 8_000, 'the invite dialog');
  await page.click(SEL.addNote);
  return page;
}

/** The note helper's text, once it has any (in whichever frame it is). */
async function helperText(page, pred = () => true, what = 'the note helper') {
  let last;
  return waitFor(
    async () => {
      last = await page.guardTexts('note');
      return last.length === 1 && pred(last[0]) ? last[0] : false;
    },
    8_000,
    what,
  ).catch((e) => assert.fail(`${e.message}; helper texts: ${fmt(last)}`));
}

// 40. the counter in the main document, against maxlength 200

export async function counterMainDocument({ ext, standin }) {
  await seedState(ext);
  const page = await openNoteEditor(ext, standin, { noteMaxLength: 200 });
  try {
    await helperText(page, (t) => t.includes(en('noteCounter', '0', '200')), 'the counter at 0 / 200');
    await page.fill(NOTE, `${'é'.repeat(150)}👋`);
    await helperText(
      page,
      (t) => t.includes(en('noteCounter', '152', '200')),
      'the counter at 152 / 200 (an emoji is two code units, as maxlength counts)',
    );
  } finally {
    await page.close();
  }
}

// 41. the counter inside the /preload/ iframe, against maxlength 300

export async function counterInIframe({ ext, standin }) {
  await seedState(ext, { settings: { templates: [{ name: 'Hi', text: 'Hi {firstName}!' }] } });
  const page = await openNoteEditor(ext, standin, { noteMaxLength: 300, noteInIframe: true });
  try {
    await helperText(page, (t) => t.includes(en('noteCounter', '0', '300')), 'the counter in the iframe at 0 / 300');
    // The frame's helper knows the person from the parent page's top card.
    await helperText(page, (t) => t.includes('Hi'), 'the template button in the iframe');
    await page.clickInGuard('note', 'button[data-template="0"]');
    await waitFor(
      async () => (await page.valueOf(NOTE, FRAME)) === 'Hi Ada!',
      6_000,
      'the template filled in the iframe',
    );
    await page.fill(NOTE, 'x'.repeat(290), FRAME);
    await helperText(page, (t) => t.includes(en('noteCounter', '290', '300')), 'the counter at 290 / 300');
  } finally {
    await page.close();
  }
}

// 42. templates: filled from the page for the person invited, checked against the live limit

export async function templateInsertion({ ext, standin }) {
  const templates = [
    { name: 'Intro', text: 'Hi {firstName}, I enjoyed reading about {headline}.' },
    { name: 'Company', text: 'Hello {firstName} {lastName} at {company}!' },
    { name: 'Long', text: 'y'.repeat(250) },
  ];
  await seedState(ext, { settings: { templates } });
  const page = await openNoteEditor(ext, standin, { noteMaxLength: 200 });
  try {
    await helperText(page, (t) => t.includes('Intro') && t.includes('Company'), 'the template buttons');
    await page.clickInGuard('note', 'button[data-template="0"]');
    await waitFor(async () => (await page.valueOf(NOTE)) !== '', 6_000, 'the note to be filled');
    assert.equal(
      await page.valueOf(NOTE),
      'Hi Ada, I enjoyed reading about Lorem ipsum dolor sit amet consectetur adipiscing elit.',
    );
    await helperText(page, (t) => t.includes(en('noteInserted')), 'the inserted message');

    await page.fill(NOTE, '');
    await page.clickInGuard('note', 'button[data-template="1"]');
    await waitFor(async () => (await page.valueOf(NOTE)) !== '', 6_000, 'the second template');
    assert.equal(await page.valueOf(NOTE), 'Hello Ada Quill at {company}!', 'an unfillable placeholder stays visible');
    await helperText(page, (t) => t.includes(en('noteUnfilled', '{company}')), 'the unfilled message');

    await page.fill(NOTE, 'Hi!');
    await page.clickInGuard('note', 'button[data-template="2"]');
    await helperText(
      page,
      (t) => t.includes(en('noteTooLong', '53', '200')),
      'the too-long message (3 kept + 250 > 200)',
    );
    assert.equal(await page.valueOf(NOTE), 'Hi!', 'a template that does not fit is not inserted');

    // Sending records that a note went, and its length, from the invitation API's body.
    await page.click('button[aria-label="Send invitation"]');
    const sent = await waitFor(
      async () => eventsOf(await ext.storageGet(null)).find((e) => e.kind === 'sent') ?? false,
      8_000,
      'the sent event',
    );
    assert.equal(sent.note, true, fmt(sent));
    assert.equal(sent.note_len, 3, `the note's length: ${fmt(sent)}`);
  } finally {
    await page.close();
  }
}

// 43. the free-note budget and its warning

export async function budgetWarning({ ext, standin }) {
  const now = Date.now();
  const events = seedEvents({ today: 1, now });
  const monthStart = new Date(now);
  monthStart.setDate(1);
  monthStart.setHours(0, 30, 0, 0);
  for (let i = 0; i < 5; i++)
    events.push(sentEvent(Math.max(monthStart.getTime(), now - 3_600_000 * (i + 2)), `n${i}`, { note: true }));
  await seedState(ext, { events, settings: { preset: 'free', daily_cap: 20, weekly_cap: 100 } });
  const notes = await waitFor(
    async () => (await ext.storageGet(['notes'])).notes?.used === 5 && (await ext.storageGet(['notes'])).notes,
    6_000,
    'notes.used 5',
  );
  assert.equal(notes.budget, 5);
  assert.equal(notes.level, 'spent');
  const page = await openNoteEditor(ext, standin);
  try {
    const text = await helperText(
      page,
      (t) => t.includes(en('noteBudgetSpent', '5', '').split('$2')[0].slice(0, 40)),
      'the budget warning',
    );
    assert.ok(text.includes(notes.line), `the warning line ${fmt(notes.line)} in ${fmt(text)}`);
  } finally {
    await page.close();
  }
}

// 44. LinkedIn's Premium upsell is recorded as a note refusal and teaches the budget

export async function upsellIsNoteRefusal({ ext, standin }) {
  const now = Date.now();
  const events = [sentEvent(now - 3_600_000, 'a', { note: true }), sentEvent(now - 1_800_000, 'b', { note: true })];
  await seedState(ext, { events, settings: { preset: 'free', daily_cap: 20, weekly_cap: 100 } });
  const page = await openNoteEditor(ext, standin, { noteQuotaExhausted: true });
  try {
    const refused = await waitFor(
      async () => eventsOf(await ext.storageGet(null)).find((e) => e.kind === 'note_refused') ?? false,
      8_000,
      'a note_refused event',
    );
    assert.ok(refused.sources.includes('alert'), fmt(refused));
    const notes = await waitFor(
      async () => {
        const n = (await ext.storageGet(['notes'])).notes;
        return n?.source === 'learned' ? n : false;
      },
      6_000,
      'the learned budget',
    );
    assert.equal(notes.budget, 2, `learned from 2 notes sent before the refusal: ${fmt(notes)}`);
    const g = (await ext.storageGet(['guard'])).guard;
    assert.notEqual(g.level, 'spent', 'a refused note does not stop invitations');
  } finally {
    await page.close();
  }
}

// 45. in-page UI off: no helper under the note field

export async function notesQuietWhenOff({ ext, standin }) {
  await seedState(ext, { settings: { in_page_ui: false } });
  const page = await openNoteEditor(ext, standin);
  try {
    await waitForCount(page, NOTE, (n) => n === 1, 6_000, 'the note field');
    await sleep(800);
    assert.deepEqual(await page.guardTexts('note'), [], 'no helper with the in-page UI off');
  } finally {
    await page.close();
  }
}

// 46. templates are kept in options: added, saved, and a bad one refused with a clear message

export async function templatesInOptions({ ext }) {
  await seedState(ext);
  const page = await ext.newPage();
  try {
    await page.goto(`${ext.origin}/options.html`);
    await waitFor(() => page.evaluate(() => document.body.dataset.ready === '1'), 8_000, 'options to render');
    await page.click('#template-add');
    await page.fill('#templates .template input', 'Intro');
    await page.fill('#templates .template textarea', 'Hi {firstName}, good to meet you.');
    await page.click('button[type="submit"]');
    await waitFor(
      async () => (await page.evaluate(() => document.getElementById('status').textContent)) === en('optionsSaved'),
      6_000,
      'saved',
    );
    const { settings } = await ext.storageGet(['settings']);
    assert.deepEqual(settings.templates, [{ name: 'Intro', text: 'Hi {firstName}, good to meet you.' }]);

    // A second template with the same name is refused, and nothing changes.
    await page.click('#template-add');
    await page.fill('#templates .template:nth-child(2) input', 'intro');
    await page.fill('#templates .template:nth-child(2) textarea', 'Hello');
    await page.click('button[type="submit"]');
    const msg = en('settingsErrorTemplate', '2', en('settingsError_template_name_repeated'));
    await waitFor(
      async () => (await page.evaluate(() => document.getElementById('status').textContent)) === msg,
      6_000,
      `the message "${msg}"`,
    );
    assert.equal((await ext.storageGet(['settings'])).settings.templates.length, 1, 'nothing saved');
  } finally {
    await page.close();
  }
}
