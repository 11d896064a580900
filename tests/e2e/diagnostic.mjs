// End-to-end scenarios of issue 12 part 3: the diagnostic on the options page's "Report a problem"
// section (options.html#report, docs/protocol.md §4), registered by chromium.test.mjs and
// firefox.test.mjs from scenarios-table.mjs (80–82).

import assert from 'node:assert/strict';
import { fmt, relaySend, seedState, sentEvent, sleep, waitFor } from './harness.mjs';
import { en, openExtPage } from './pages.mjs';
import { connectAndSend, fixtureFacts, ledger, openLinkedIn, resetStandin, sentOf } from './scenarios.mjs';

const DAY = 86_400_000;

/** People of the seeded history: names with letters outside ASCII, vanities, member URNs. */
const PEOPLE = [
  { name: 'Marguerite Oyelaran', vanity: 'marguerite-oyelaran-7f3e', urn: 'ACoAADq9Zr4mWx1yTbQ' },
  { name: 'Zoë Łukasiewicz', vanity: 'zoe-lukasiewicz-02b1', urn: 'ACoAAB3kLmN8pQ2rSzz' },
  { name: 'Thandiwe Okonkwo-Baptiste', vanity: 'thandiwe-ob-91', urn: 'ACoAAC77xYz_-Qq0Aa1' },
];

/** A history naming PEOPLE: sends today and earlier in the week, a withdrawal and a refusal. */
function history(now = Date.now()) {
  const evs = PEOPLE.map((p, i) =>
    sentEvent(now - (i + 1) * 3_600_000, `diag${i}`, {
      id: `dom:${p.vanity}@${now - (i + 1) * 3_600_000}`,
      invitee: { name: p.name, vanity: p.vanity, urn: p.urn },
      sources: i === 0 ? ['api'] : ['api', 'dom'],
      note: i === 1,
    }),
  );
  evs.push({
    ...sentEvent(now - 2 * DAY, 'diagwd'),
    kind: 'withdrawn',
    sources: ['dom'],
    invitee: { name: PEOPLE[2].name, vanity: PEOPLE[2].vanity },
  });
  evs.push({ ...sentEvent(now - 3 * DAY, 'diagref'), kind: 'refused', invitee: { urn: PEOPLE[0].urn } });
  return evs;
}

/** Opens options.html#report, waits for the report it builds on opening, returns [page, text, status]. */
export async function buildReport(ext) {
  const page = await openExtPage(ext, 'options.html#report');
  const text = await waitFor(
    () =>
      page.evaluate(() =>
        document.getElementById('report')?.dataset.built === '1' ? document.getElementById('report-text').value : '',
      ),
    10_000,
    'the report built on opening options.html#report',
  );
  const status = await page.evaluate(() => document.getElementById('report-status').textContent);
  return [page, text, status];
}

/** Whether `word` stands in `text` as a whole word (any case). */
function hasWord(text, word) {
  const w = word.toLowerCase();
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .includes(w);
}

/** Everything the page shows of people: names in labels and the top card, vanities, URNs. */
function peopleOnPage(page) {
  return page.evaluate(() => {
    const names = new Set();
    const shapes = [
      /^Invite (.+) to connect$/,
      /^Follow (.+)$/,
      /^Pending, click to withdraw invitation sent to (.+)$/,
    ];
    for (const e of document.querySelectorAll('[aria-label]')) {
      for (const re of shapes) {
        const m = e.getAttribute('aria-label').match(re);
        if (m) names.add(m[1]);
      }
    }
    for (const e of document.querySelectorAll('section[componentkey$="Topcard"] h2')) names.add(e.textContent.trim());
    const vanities = new Set();
    for (const a of document.querySelectorAll('a[href*="/in/"]')) {
      const m = a.getAttribute('href').match(/\/in\/([^/?#]+)/);
      if (m) vanities.add(m[1]);
    }
    const urns = new Set(document.documentElement.outerHTML.match(/ACoA[A-Za-z0-9_-]+?(?=Topcard|About|"|&|$)/g) ?? []);
    return { names: [...names], vanities: [...vanities], urns: [...urns] };
  });
}

// 80. the diagnostic after real sends and clicks: the page's counts and the sensor's decisions, no
// person

export async function diagnosticNamesNobody({ ext, standin }) {
  resetStandin(standin);
  await seedState(ext, { events: history() });
  const F = fixtureFacts();
  const page = await openLinkedIn(ext, F.profileUrl);
  let before = sentOf(await ledger(ext)).length;
  const sends = [
    { sel: 'section[componentkey$="Topcard"] a[href*="/preload/custom-invite/"]', what: 'the top card Connect' },
    { sel: 'button[aria-label="Invite Noor Haddad to connect"]', what: "Noor Haddad's Connect" },
  ];
  for (const s of sends) {
    await connectAndSend(page, s);
    await waitFor(
      async () => {
        const sent = sentOf(await ledger(ext));
        return sent.length === before + 1 && sent.some((e) => e.sources?.includes('dom') && e.at > Date.now() - 60_000);
      },
      8_000,
      `the send from ${s.what} counted, seen by the page`,
    );
    before += 1;
    await sleep(300);
  }
  // A click on something that is no Connect: the sensor records it as nothing it knows.
  await page.click('button[aria-label="Follow Kai Moreno"]');
  await sleep(300);
  const onPage = await peopleOnPage(page);
  const dom = await page.evaluate(() => ({
    anchors: document.querySelectorAll('a[href*="/preload/custom-invite/"],a[href*="/preload/search-custom-invite/"]')
      .length,
    invite: document.querySelectorAll('[aria-label^="invite " i][aria-label$=" to connect" i]').length,
    follow: document.querySelectorAll('[aria-label^="follow " i]').length,
  }));
  const [options, text] = await buildReport(ext);
  await options.close();
  const line = (n, what) => new RegExp(`^ +${n} +${what}`, 'm');
  for (const [re, what] of [
    [/^page: \/in\/<vanity>\/\?lang=en$/m, "the page's path, the vanity scrubbed"],
    [/^LinkedIn's UI language \(<html lang>\): en \(the en table\)$/m, 'the UI language'],
    [/^page generation: SDUI$/m, 'the generation'],
    [line(dom.anchors, 'custom-invite anchors '), `the custom-invite anchors counted (${dom.anchors})`],
    [line(1, 'profile top card '), 'the top card counted'],
    [line(dom.invite, 'invite_label "invite … to connect" '), `the English invite shape counted (${dom.invite})`],
    [line(dom.follow, 'follow_label "follow …" '), `the English follow shape counted (${dom.follow})`],
    [
      /click on Connect\n +tag=a aria-label="invite <name> to connect" href="\/preload\/custom-invite\/\?vanityName=<vanity>" text="connect"/,
      'the top card Connect click',
    ],
    [
      /click on Connect\n +tag=button aria-label="invite <name> to connect" text="connect"/,
      "Noor Haddad's Connect click",
    ],
    [/click on Send\n +tag=button aria-label="send without a note" text="send without a note"/, 'the Send clicks'],
    [/Pending seen: dom_sent reported/, 'the Pending confirmations'],
    [/click on nothing the sensor knows\n +tag=button aria-label="follow <name>" text="follow"/, 'the Follow click'],
    [/^== Last [0-9]+ sends \(of [0-9]+\)/m, 'the sends'],
    [/sources: api, dom/, "the sends' sources"],
    [/== Self-check\n/, 'the self-check section'],
  ]) {
    assert.match(text, re, `${what}:\n${text}`);
  }
  assert.equal((text.match(/click on Send/g) ?? []).length, 2, `two Send clicks:\n${text}`);
  assert.ok(onPage.names.length >= 4 && onPage.vanities.length >= 4 && onPage.urns.length >= 1, fmt(onPage));
  const names = [...PEOPLE.map((p) => p.name), ...onPage.names];
  const vanities = [...PEOPLE.map((p) => p.vanity), ...onPage.vanities];
  const urns = [...PEOPLE.map((p) => p.urn), ...onPage.urns];
  for (const n of names) {
    assert.ok(!text.toLowerCase().includes(n.toLowerCase()), `the name ${n} in the report:\n${text}`);
    for (const w of n.split(/[\s-]+/).filter((w) => w.length >= 3))
      assert.ok(!hasWord(text, w), `${w} (of ${n}) in the report:\n${text}`);
  }
  for (const v of vanities) assert.ok(!text.toLowerCase().includes(v.toLowerCase()), `the vanity ${v} in the report`);
  for (const u of urns) assert.ok(!text.includes(u), `the URN ${u} in the report`);
  assert.ok(!/ACoA/i.test(text), `no member id at all:\n${text}`);
  await page.close();
}

// 81. with no LinkedIn tab open, the report says so

export async function diagnosticWithoutLinkedIn({ ext }) {
  await ext.closePages();
  await seedState(ext, { events: history() });
  const [options, text, status] = await buildReport(ext);
  try {
    assert.match(text, /^No LinkedIn tab is open/m, text);
    assert.equal(status, en('optionsReportBuiltNoTab'));
    assert.match(text, /^== Last 3 sends \(of 3\)/m, text);
    assert.doesNotMatch(text, /== Selectors/, 'no page counts without a page');
    // Copy and Save are offered once it is built; Save writes the report as it is shown.
    const saved = await options.download('#report-save');
    assert.match(saved.name, /^invite-guard-report-\d{4}-\d\d-\d\d\.txt$/);
    assert.equal(saved.text, text);
  } finally {
    await options.close();
  }
}

// 82. a LinkedIn page's script cannot obtain the diagnostic

export async function pageCannotGetDiagnostic({ ext, standin }) {
  resetStandin(standin);
  await seedState(ext, { events: history() });
  const F = fixtureFacts();
  const page = await openLinkedIn(ext, F.profileUrl);
  try {
    // The page listens to every message its window gets (kept in the DOM: WebDriver runs each script
    // of the test in a sandbox of its own in Firefox), then asks as the options page does.
    await page.evaluate(() => {
      const seen = [];
      addEventListener('message', (ev) => {
        seen.push(JSON.stringify(ev.data ?? null).slice(0, 200));
        document.documentElement.dataset.seen = JSON.stringify(seen);
      });
      postMessage({ kind: 'diagnose', selectors: ['a'], texts: ['connect'] }, '*');
    });
    // Through the extension's own messaging (a compromised content script relaying for the page):
    // the background does not know the kind, and the options page, open at the same time, answers
    // nothing.
    const options = await openExtPage(ext, 'options.html#report');
    await waitFor(
      () => options.evaluate(() => document.getElementById('report')?.dataset.built === '1'),
      10_000,
      'the options page built its report from this tab',
    );
    const relayed = await relaySend(page, { kind: 'diagnose', selectors: ['a'], texts: ['connect'] });
    assert.deepEqual(relayed.answer, { ok: false, error: 'unknown_kind' }, fmt(relayed));
    await options.close();
    // The page's own runtime, where it has one, cannot reach the extension (no externally_connectable).
    const direct = await page.evaluate(async (id) => {
      const rt = globalThis.chrome?.runtime ?? globalThis.browser?.runtime;
      if (!rt?.sendMessage) return 'no runtime';
      try {
        return `answered ${JSON.stringify((await rt.sendMessage(id, { kind: 'diagnose' })) ?? null)}`;
      } catch (e) {
        return `refused: ${e?.message ?? e}`;
      }
    }, ext.id);
    assert.ok(direct === 'no runtime' || direct.startsWith('refused'), direct);
    await sleep(500);
    // All the page's window heard was its own post, and the relay's question and answer.
    const seen = JSON.parse(await page.evaluate(() => document.documentElement.dataset.seen ?? '[]'));
    const own = seen.filter((s) => !s.includes('"igRelay"'));
    assert.deepEqual(own, [JSON.stringify({ kind: 'diagnose', selectors: ['a'], texts: ['connect'] })], fmt(seen));
    for (const s of seen)
      assert.doesNotMatch(s, /decisions|"lang"|"path"/, `nothing of the diagnostic reached the page: ${s}`);
  } finally {
    await page.close();
  }
}
