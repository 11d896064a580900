// `./build.sh demo`: try Invite Guard without a LinkedIn account.
//
// Starts the loopback LinkedIn stand-in (tests/standin/server.mjs), launches Chromium with the unpacked
// dist/chrome and the stand-in as its proxy (fresh temporary profile), and seeds a month of realistic
// history (tools/demo-data.mjs) so the popup has something to show. Nothing leaves the machine:
// the stand-in answers www.linkedin.com itself and refuses every other host.
//
//   With a display (DISPLAY or WAYLAND_DISPLAY set): a Chromium window opens on a stand-in profile page
//   and stays until the browser is closed or Ctrl-C.
//   Without one (or with --headless): a short self-check in headless Chromium: open the profile page,
//   find its Connect control, click Connect, Send in the dialog, and check that the ledger, `guard` and
//   the badge counted exactly one more send. Exit status 0 when it passed, 1 when not.
//
// Options: --today N   sends already made today in the seeded history (default 4 of 20; 16+ shows the
//                      in-page hint, 20 the confirm panel)
//          --headless  run the self-check even when a display is available
// IG_DIST_CHROME points it at another unpacked build; CHROMIUM_BIN at another Chromium.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DEMO_PAGES,
  DIST_CHROME,
  ROOT,
  SEL,
  describeHistory,
  eventsOf,
  launchChromium,
  seedDemo,
  sleep,
  waitFor,
} from './demo-data.mjs';

const INVITE_API = '/voyager/api/voyagerRelationshipsDashMemberRelationships';
const CONFIRM = '[data-invite-guard="confirm"]';

function parseArgs(argv) {
  const opts = { today: 4, headless: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--headless') opts.headless = true;
    else if (a === '--today' || a.startsWith('--today=')) {
      const v = a.includes('=') ? a.split('=')[1] : argv[++i];
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 40)
        throw new Error(`--today wants a whole number from 0 to 40, got ${v}`);
      opts.today = n;
    } else if (a === '--help' || a === '-h') {
      console.log('usage: ./build.sh demo [--today N] [--headless]   (node tools/demo.mjs [same options])');
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  return opts;
}

const who = (i = {}) => i.name ?? i.vanity ?? i.urn ?? 'no name';
const ok = (msg) => console.log(`  \u2713 ${msg}`);
const rel = (p) => path.relative(ROOT, p) || '.';

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    return 2;
  }
  if (!fs.existsSync(path.join(DIST_CHROME, 'manifest.json'))) {
    console.error(`${rel(DIST_CHROME)}/manifest.json is missing: run ./build.sh first (./build.sh demo does).`);
    return 1;
  }
  const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
  const headed = !!display && !opts.headless;
  const { startStandin } = await import(pathToFileURL(path.join(ROOT, 'tests', 'standin', 'server.mjs')).href);
  const standin = await startStandin({ port: 0 });
  try {
    return headed ? await runHeaded(standin, opts) : await selfCheck(standin, opts, !display);
  } finally {
    await standin.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------
// headed: a window to play with

async function runHeaded(standin, opts) {
  console.log(
    `Invite Guard demo: Chromium with ${rel(DIST_CHROME)} and a LinkedIn stand-in on 127.0.0.1:${standin.port} (no account, nothing leaves this machine).`,
  );
  const ext = await launchChromium({
    proxyPort: standin.port,
    headless: false,
    ownSignals: true,
    extraArgs: process.env.WAYLAND_DISPLAY && !process.env.DISPLAY ? ['--ozone-platform-hint=auto'] : [],
  });
  let closed = false;
  let interrupted = false;
  const done = new Promise((resolve) =>
    ext.context.on('close', () => {
      closed = true;
      resolve();
    }),
  );
  const stop = () => {
    if (!closed) ext.close();
  };
  const onSignal = () => {
    interrupted = true;
    stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { guard, events } = await seedDemo(ext, { today: opts.today });
    console.log(`Seeded history: ${describeHistory(events, guard)}.`);
    await ext.closeExtPage();
    const page = ext.context.pages()[0] ?? (await ext.context.newPage());
    await page.goto(DEMO_PAGES.profile);
  } catch (e) {
    if (closed) return 0;
    stop();
    throw e;
  }
  console.log(`
Opened ${DEMO_PAGES.profile}

Try:
  - Connect (top card) -> "Send without a note": the page turns it into Pending, and the toolbar badge
    (puzzle-piece menu -> pin Invite Guard) counts down by one.
  - The popup: click the pinned icon, or open ${ext.origin}/popup.html in a tab.
  - The dashboard (pending, acceptance, refusals, recent invitations): ${ext.origin}/dashboard.html
  - More pages: ${DEMO_PAGES.search}
                ${DEMO_PAGES.myNetwork}
  - Settings: ${ext.origin}/options.html (e.g. lower the daily cap to see the hint and the confirm panel).
  - Start with the budget nearly spent: ./build.sh demo --today 17 (hint) or --today 20 (confirm panel).

Close the browser or press Ctrl-C to stop.`);
  await done;
  console.log(interrupted ? '\nStopped; browser closed.' : 'Browser closed; demo stopped.');
  return 0;
}

// ---------------------------------------------------------------------------------------------------
// headless: a short self-check

async function selfCheck(standin, opts, noDisplay) {
  if (noDisplay) {
    console.log(`No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so no browser window can open.
With a display, ./build.sh demo opens Chromium with Invite Guard (${rel(DIST_CHROME)}) loaded, a month of
seeded invitation history in its popup, and the LinkedIn stand-in's profile page
${DEMO_PAGES.profile}, where Connect -> Send counts an invitation and the
toolbar badge counts down. Running a short headless self-check of the same instead:
`);
  } else {
    console.log('Headless self-check (--headless):\n');
  }
  const ext = await launchChromium({ proxyPort: standin.port, headless: true });
  let page;
  try {
    ok(
      `LinkedIn stand-in on 127.0.0.1:${standin.port}; Chromium with ${rel(DIST_CHROME)} loaded (extension id ${ext.id})`,
    );
    const { guard: g0, events } = await seedDemo(ext, { today: opts.today });
    ok(`seeded history: ${describeHistory(events, g0)}`);
    const badgeFor = (g) => String(Math.min(g.remaining_today, g.remaining_week));
    const b0 = await waitFor(
      async () => {
        const b = await ext.badge();
        return b.text === badgeFor(g0) ? b : false;
      },
      8_000,
      `the badge to show ${badgeFor(g0)}`,
    );
    ok(`badge "${b0.text}" (${b0.title.replace(/\s+/g, ' ')})`);

    const since = standin.log.length;
    page = await ext.context.newPage();
    await page.goto(DEMO_PAGES.profile, { waitUntil: 'load' });
    const connect = page.locator(SEL.topcardConnect).first();
    await connect.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
      throw new Error(`no Connect control on ${DEMO_PAGES.profile}`);
    });
    const nConnect = await page.locator(SEL.connect).count();
    ok(`demo start page ${DEMO_PAGES.profile}: ${nConnect} Connect controls`);
    await sleep(600); // the content script runs at document_idle and reads `guard`

    await connect.click({ timeout: 5_000 });
    const dialogOrPanel = await waitFor(
      async () => {
        if (await page.locator(SEL.sendNoNote).count()) return 'dialog';
        if (await page.locator(CONFIRM).count()) return 'panel';
        return false;
      },
      8_000,
      "the invitation dialog (or the guard's confirm panel) after clicking Connect",
    );
    if (dialogOrPanel === 'panel') {
      ok('clicked Connect: the budget is spent, so the guard asked first; choosing "Send anyway"');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.locator(SEL.sendNoNote).first().waitFor({ state: 'visible', timeout: 6_000 });
    } else {
      ok("clicked Connect: LinkedIn's invitation dialog opened");
    }
    await page.locator(SEL.sendNoNote).first().click({ timeout: 5_000 });
    await page
      .locator(SEL.pending)
      .first()
      .waitFor({ state: 'attached', timeout: 8_000 })
      .catch(() => {
        throw new Error('Connect did not turn into Pending after "Send without a note"');
      });
    const invitePosts = () =>
      standin.log.slice(since).filter((e) => e.method === 'POST' && e.path.startsWith(INVITE_API));
    const first = invitePosts();
    ok(
      `clicked "Send without a note": the stand-in got ${first.length} invitation POST (HTTP ${first.map((p) => p.status).join(', ')}), Connect turned into Pending`,
    );

    const sentBefore = events.filter((e) => e.kind === 'sent').length;
    const seeded = new Set(events.map((e) => e.id));
    const g1 = await waitFor(
      async () => {
        const all = await ext.storageGet(null);
        const sent = eventsOf(all).filter((e) => e.kind === 'sent');
        const fresh = sent.filter((e) => !seeded.has(e.id));
        const g = all.guard;
        return sent.length === sentBefore + 1 && fresh.length === 1 && g?.sent_today === g0.sent_today + 1
          ? { g, ev: fresh[0] }
          : false;
      },
      8_000,
      `one new sent event in the ledger and guard.sent_today ${g0.sent_today + 1}`,
    );
    await sleep(800); // a late duplicate signal would land here
    const after = await ext.storageGet(null);
    const sentAfter = eventsOf(after).filter((e) => e.kind === 'sent').length;
    const ev = eventsOf(after).find((e) => e.kind === 'sent' && !seeded.has(e.id)) ?? g1.ev;
    if (sentAfter !== sentBefore + 1) throw new Error(`counted ${sentAfter - sentBefore} sends, expected exactly 1`);
    if (invitePosts().length !== 1)
      throw new Error(`expected one invitation POST, the stand-in saw ${invitePosts().length}`);
    const b1 = await waitFor(
      async () => {
        const b = await ext.badge();
        return b.text === badgeFor(after.guard) ? b : false;
      },
      8_000,
      `the badge to show ${badgeFor(after.guard)}`,
    );
    ok(
      `counted once: ledger ${sentBefore} -> ${sentAfter} sent (${who(ev.invitee)}, seen by ${ev.sources.join(' + ')}), ` +
        `today ${g0.sent_today} -> ${after.guard.sent_today} of ${after.guard.daily_cap}, badge "${b0.text}" -> "${b1.text}"`,
    );
    console.log('\nSelf-check passed.');
    return 0;
  } catch (e) {
    console.log(`  \u2717 ${e.message}`);
    console.log('\nSelf-check FAILED.');
    return 1;
  } finally {
    await ext.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e?.stack ?? e);
    process.exit(1);
  },
);
