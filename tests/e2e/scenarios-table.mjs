// Every end-to-end scenario, listed once: its number and title (as the logs show them), what it runs,
// its timeout, and why it does not run in a browser where it does not. chromium.test.mjs and
// firefox.test.mjs register from here with registerScenarios(), each inside its own describe, with
// its own launch and before/after/afterEach hooks.
//
// A scenario added to SCENARIOS runs in both browsers unless its `skip` names a browser and says why.
// A skipped scenario is not registered in that browser at all (the reason is kept here), so each
// browser's list of tests is exactly the scenarios it runs. Numbers are unique and ascending: the
// suites run in this order.
import { describe, test } from 'node:test';
import * as h from './harness.mjs';
import * as s from './scenarios.mjs';
import * as p from './pages.mjs';
import * as inv from './invitations.mjs';
import * as n from './notes.mjs';
import * as c from './cooldown.mjs';
import * as r from './reader.mjs';
import * as tr from './trust.mjs';
import * as fm from './faults.mjs';
import * as dg from './diagnostic.mjs';
import * as lg from './languages.mjs';
import * as ab from './about.mjs';
import * as sk from './selfcheck.mjs';
import * as th from './theme.mjs';
import * as gl from './glance.mjs';
import * as hs from './history.mjs';
import * as sq from './sync-quotas.mjs';
import * as sy from './sync.mjs';

/** The browsers, as `ext.kind` names them. */
export const BROWSERS = ['chromium', 'firefox'];

/** A scenario's timeout when it gives none. */
export const DEFAULT_TIMEOUT = 90_000;

/**
 * @typedef {object} Scenario
 * @property {number} n  the test's number, unique
 * @property {string | Record<string, string>} title  after "n. "; by browser when they check differently
 * @property {(ctx: object, t: import('node:test').TestContext, arg?: unknown) => unknown} run
 *   `ctx` holds `ext` and `standin` (set by the browser file's `before`); `arg` is a case's (see `cases`)
 * @property {number} [timeout]  ms; DEFAULT_TIMEOUT when not given (per case when there are cases)
 * @property {Record<string, string>} [skip]  by browser: why the scenario does not run there
 * @property {() => Array<{title: string, arg: unknown}> | string} [cases]  a group of tests, one per
 *   case, registered as a describe named by the scenario; a string instead skips the group and says why
 * @property {boolean} [selfCheck]  the scenario sets a self-check state on purpose (issue 12); in every
 *   other one a state set is a false alarm, counted in `ctx.falseAlarms` and asserted none by the last
 *   scenario
 */

/** @type {Scenario[]} */
export const SCENARIOS = [
  { n: 1, title: 'the count rises once per send', run: (ctx) => s.countRisesOncePerSend(ctx) },
  { n: 2, title: 'a refused send (429) is not counted', run: (ctx) => s.refusedNotCounted(ctx) },
  { n: 3, title: 'hint at low', run: (ctx, t) => s.hintAtLow(ctx, t) },
  { n: 4, title: 'confirm at spent: Keep it for later, Send anyway, gated again', run: (ctx) => s.confirmAtSpent(ctx) },
  { n: 5, title: 'hard block at spent', run: (ctx) => s.hardBlock(ctx) },
  { n: 6, title: 'badge text, colour and title', run: (ctx, t) => s.badgeTextAndColour(ctx, t) },
  { n: 7, title: 'five tabs sending near-simultaneously lose no count', run: (ctx) => s.fiveTabs(ctx) },
  {
    n: 8,
    title: 'a service worker stopped between sends loses nothing',
    run: (ctx) => s.workerStoppedBetweenSends(ctx),
    skip: { firefox: 'Firefox runs the background as an event page: there is no service worker to stop' },
  },
  {
    n: 9,
    title: "no request of the extension's own leaves the browser",
    // In Firefox, whose own traffic cannot be told apart from the extension's by host, it checks only
    // that no request reaching the stand-in carries a moz-extension:// Origin or Referer.
    run: async (ctx, t) => {
      const note = await s.noOwnRequests(ctx, t);
      if (note) t.diagnostic(note);
    },
  },
  {
    n: 10,
    title: 'the shared real LinkedIn pages',
    // One test per real LinkedIn capture in ../shared/fixtures, named by its file.
    cases: () => {
      const expected = s.sharedExpected();
      return expected ? expected.files.map((f) => ({ title: f.file, arg: f })) : `${h.SHARED_FIXTURES} not found`;
    },
    run: (ctx, t, f) => s.sharedPage(ctx, t, f),
    timeout: 180_000,
  },
  { n: 11, title: 'the panel goes on single-page-app navigation', run: (ctx) => s.panelRemovedOnNavigation(ctx) },
  { n: 12, title: 'in-page UI off: nothing in the page, badge still works', run: (ctx) => s.inPageUiOff(ctx) },
  {
    n: 13,
    title: 'the popup shows the budget and the next slot, the dashboard the caps and the last sends',
    run: (ctx) => s.popupShowsTheBudget(ctx),
  },
  {
    n: 14,
    title: "a page that grows the content script's memory is still guarded",
    run: (ctx) => s.largePageGrowsMemory(ctx),
  },
  {
    n: 15,
    title: 'the popup and the dashboard after real sends: figures, pacing, chart, recent list',
    run: (ctx) => p.popupAfterSends(ctx),
  },
  {
    n: 16,
    title: 'options and quick switches take effect in the badge and the guard at once',
    run: (ctx) => p.optionsTakeEffect(ctx),
  },
  { n: 17, title: 'export then import round-trips exactly', run: (ctx) => p.exportImportRoundTrip(ctx) },
  { n: 18, title: 'a bad import file changes nothing and says why', run: (ctx) => p.badImportChangesNothing(ctx) },
  { n: 19, title: 'delete all data empties everything', run: (ctx) => p.clearAllEmpties(ctx) },
  {
    n: 20,
    // Firefox has no per-page colour scheme: the dark pages are checked in Chromium only.
    title: {
      chromium: 'axe: no violations in the popup, the dashboard and options, light and dark',
      firefox: 'axe: no violations in the popup, the dashboard and options (light)',
    },
    run: (ctx, t) => p.axeClean(ctx, t),
  },
  {
    n: 21,
    title: 'the five languages render without a missing string',
    run: (ctx, t) => p.localesComplete((lang) => h.launchChromium({ proxyPort: ctx.standin.port, lang }), t),
    timeout: 180_000,
    skip: { firefox: 'it launches a Chromium per UI language (--lang); launchFirefox takes no language' },
  },
  {
    n: 22,
    title: 'a schema-1 history is rewritten compactly after an update, nothing lost',
    run: (ctx) => p.schemaOneRewritten(ctx),
    skip: { firefox: "it stops the Chromium service worker so that the worker's start runs the migration" },
  },
  { n: 23, title: 'a keyboard shortcut opens the popup', run: (ctx) => p.shortcutRegistered(ctx) },
  {
    n: 24,
    title: "the pending-invitation warning threshold set in options is the dashboard's and the popup's",
    run: (ctx) => p.pendingThresholdFromOptions(ctx),
  },
  {
    n: 30,
    title:
      "the Sent page read lazily: reconciliation adds exactly the missing invitations, twice adds nothing, today's count toward the caps",
    run: (ctx) => inv.sentPageReconciles(ctx),
  },
  {
    n: 31,
    title: 'the German Sent page: every age line read, each invitation timed as it says',
    run: (ctx) => inv.sentPageGerman(ctx),
  },
  {
    n: 32,
    title: 'acceptance: gone from a complete Sent list or shown connected; rates with and without a note and by week',
    run: (ctx) => inv.acceptanceDetected(ctx),
  },
  {
    n: 33,
    title: "pending health: count, ages, LinkedIn's total, the warning, old invitations with their links",
    run: (ctx) => inv.pendingHealth(ctx),
  },
  {
    n: 34,
    title: "the learned ceiling: evidence, and the weekly cap set on the member's click",
    run: (ctx) => inv.learnedCeiling(ctx),
  },
  {
    n: 35,
    title: "a withdrawal on the Sent page puts the person in the guard's cooldown list",
    run: (ctx) => inv.withdrawalCooldown(ctx),
  },
  {
    n: 36,
    title: 'the Connections page in English and German: people shown connected are accepted, once',
    run: (ctx) => inv.connectionsAccept(ctx),
  },
  {
    n: 37,
    title: 'garbled texts, wrong types and unknown languages change nothing',
    run: (ctx) => inv.badInputIgnored(ctx),
  },
  {
    n: 38,
    title: 'accepting or ignoring on the Received page counts nothing',
    run: (ctx) => inv.receivedNotCounted(ctx),
  },
  {
    n: 39,
    title: 'Connect to someone withdrawn in the last three weeks warns first (not with the in-page UI off)',
    run: (ctx) => c.cooldownWarnsAtConnect(ctx),
  },
  { n: 40, title: 'note counter in the main document (maxlength 200)', run: (ctx) => n.counterMainDocument(ctx) },
  { n: 41, title: 'note counter inside the /preload/ iframe (maxlength 300)', run: (ctx) => n.counterInIframe(ctx) },
  { n: 42, title: 'note templates: filled, unfilled shown, too long refused', run: (ctx) => n.templateInsertion(ctx) },
  { n: 43, title: 'the free-note budget warning', run: (ctx) => n.budgetWarning(ctx) },
  {
    n: 44,
    title: 'the Premium upsell is a note refusal and teaches the budget',
    run: (ctx) => n.upsellIsNoteRefusal(ctx),
  },
  { n: 45, title: 'in-page UI off: no note helper', run: (ctx) => n.notesQuietWhenOff(ctx) },
  {
    n: 46,
    title: 'note templates in options: saved, a repeated name refused',
    run: (ctx) => n.templatesInOptions(ctx),
  },
  {
    n: 47,
    title: 'the content script reads the Sent page as it loads (English, German)',
    run: (ctx) => r.contentReadsSentPage(ctx),
  },
  {
    n: 48,
    title: 'Withdraw on the Sent page is recorded by the content script',
    run: (ctx) => r.contentRecordsWithdraw(ctx),
  },
  {
    n: 49,
    title: 'the content script reads the Connections page: invited people shown connected are accepted once',
    run: (ctx) => r.contentReadsConnections(ctx),
  },
  {
    n: 50,
    title: 'a 1st-degree profile accepts the invitation pending to that person, and only that one',
    run: (ctx) => r.contentReadsFirstDegreeProfile(ctx),
  },
  {
    n: 51,
    title: 'a message is accepted only from its own senders (LinkedIn frames, extension pages)',
    run: (ctx) => tr.sendersChecked(ctx),
  },
  {
    n: 52,
    title: 'an event under the wrong month key never replaces that month',
    run: (ctx) => tr.strayEventMerged(ctx),
  },
  {
    n: 53,
    title: 'storage of a newer version: nothing writes it, the badge still counts, the popup says why',
    run: (ctx) => tr.readOnlyRefusesWrites(ctx),
  },
  {
    n: 54,
    title: 'names off forgets every name, in every month and the quarantine',
    run: (ctx) => tr.namesForgottenEverywhere(ctx),
  },
  {
    n: 55,
    title: "a limit alert counts only as LinkedIn's whole message right after a send",
    run: (ctx) => tr.alertsNeedASend(ctx),
  },
  {
    n: 56,
    title: 'a Sent-page report cannot add hundreds of sends; scripted clicks count nothing',
    run: (ctx) => tr.pageCannotInflate(ctx),
  },
  {
    n: 57,
    title: 'a slug that is no profile name never becomes a link',
    run: (ctx) => tr.slugsNeverLinkElsewhere(ctx),
  },
  {
    n: 58,
    title: 'a panel the page removed does not swallow the next clicks',
    run: (ctx) => tr.removedPanelSwallowsNothing(ctx),
  },
  { n: 59, title: 'a "Connect" link leading elsewhere is never gated', run: (ctx) => tr.connectTextLinkNotGated(ctx) },
  { n: 60, title: 'the compact form with its documented nulls reads', run: (ctx) => tr.documentedNullsRead(ctx) },
  { n: 61, title: 'fault matrix: corrupt storage, key by key', run: (ctx) => fm.corruptStorage(ctx), timeout: 240_000 },
  {
    n: 62,
    title: 'fault matrix: the background killed after each of 20 API calls loses and doubles nothing',
    run: (ctx) => fm.workerDeathLosesNothing(ctx),
    timeout: 240_000,
  },
  {
    n: 63,
    title: 'fault matrix: five tabs x 20 near-simultaneous sends count exactly 100',
    run: (ctx) => fm.fiveTabsTwentyRounds(ctx),
    timeout: 300_000,
  },
  {
    n: 64,
    title:
      'fault matrix: full storage (10 MiB quota): a send is held, counted, told, and written when space frees; an import that would not fit is refused',
    run: (ctx) => fm.fullStorage(ctx),
    timeout: 120_000,
    skip: { firefox: "Firefox's storage.local has no fixed quota to fill" },
  },
  {
    n: 65,
    title: "keep history for 3 months: older events deleted, the quarantine's included; the popup unchanged",
    run: (ctx) => tr.retentionDeletesOldEvents(ctx),
  },
  {
    n: 66,
    title: '"Don\'t keep who I invited": settled invitations lose the person, the counts stay',
    run: (ctx) => tr.forgetWhoIInvited(ctx),
  },
  {
    n: 67,
    title:
      'self-check: the invitation endpoint renamed, sends counted from the page, "counting from the page only" after 3, cleared once both senses see the next 3',
    run: (ctx) => sk.counterBlind(ctx),
    timeout: 240_000,
    selfCheck: true,
  },
  {
    n: 68,
    title:
      'self-check: Connect controls the sensor does not know, sends counted through the API, the badge and popup say "guard blind" after 3, cleared once both see the next 3',
    run: (ctx) => sk.guardBlind(ctx),
    timeout: 240_000,
    selfCheck: true,
  },
  {
    n: 69,
    title:
      'self-check: a page in Italian (no table): the Connect link still guarded, the API still counts, the popup names the language; a covered page clears it',
    run: (ctx) => sk.languageNotCovered(ctx),
    selfCheck: true,
  },
  {
    n: 80,
    title:
      "the diagnostic after real sends and clicks holds the page's counts and the sensor's decisions, and none of the history's or the page's names, vanities or URNs",
    run: (ctx) => dg.diagnosticNamesNobody(ctx),
  },
  {
    n: 81,
    title: 'with no LinkedIn tab open, the diagnostic says so; Save writes it as shown',
    run: (ctx) => dg.diagnosticWithoutLinkedIn(ctx),
  },
  {
    n: 82,
    title:
      "a LinkedIn page's script cannot obtain the diagnostic (window.postMessage, a relayed diagnose, its own runtime)",
    run: (ctx) => dg.pageCannotGetDiagnostic(ctx),
  },
  {
    n: 90,
    title:
      "a page served under another table's <html lang> than its labels': every Connect gated and nothing else, a send seen by both senses",
    run: (ctx) => lg.langAndLabelsDisagree(ctx),
    timeout: 120_000,
  },
  {
    n: 91,
    title:
      'a page in a language without a table (lang="it"): the invite anchors gated and nothing else; the API counts',
    run: (ctx) => lg.languageWithoutATable(ctx),
    timeout: 120_000,
    // The page's language has no table: the self-check's "language not covered" is meant to hold.
    selfCheck: true,
  },
  {
    n: 92,
    title:
      "a profile served under another table's <html lang> than its labels': a Pending or Connect top card accepts nothing, a 1st-degree one does",
    run: (ctx) => lg.profileLangAndLabelsDisagree(ctx),
  },
  {
    n: 93,
    title:
      "the Sent page's total in each of its three placements, in English and German: it reads, a decoy count does not; without one the popup's count is labelled ours",
    run: (ctx) => lg.sentTotalPlacements(ctx),
    timeout: 180_000,
  },
  {
    n: 100,
    title:
      "the options page's About section: the manifest's version; the privacy policy, the licence and Report a problem links lead to what the extension ships",
    run: (ctx) => ab.aboutSection(ctx),
  },
  {
    n: 110,
    title:
      "the hint, the confirm panel and the note helper follow LinkedIn's theme (its markers, else prefers-color-scheme; a switch without reload), every text at 4.5:1 and every button at 3:1 in both",
    run: (ctx, t) => th.themedUi(ctx, t),
    timeout: 240_000,
  },
  {
    n: 120,
    title:
      'the popup fits one look: at 380 px wide at most 600 px tall, no scrolling, in five languages, with 0 and 10,000 events, with every warning, three self-check states and another computer at once, and with every storage problem in short lines',
    cases: gl.popupFitsCases,
    run: (ctx, t, lang) => gl.popupFits((l) => h.launchChromium({ proxyPort: ctx.standin.port, lang: l }), lang, t),
    timeout: 180_000,
    skip: { firefox: 'it launches a Chromium per UI language (--lang); launchFirefox takes no language' },
  },
  {
    n: 121,
    title:
      "the dashboard's history with 100,000 events: searched by name without accents, filtered by kind, source and dates, paged, what matches exported",
    run: (ctx, t) => hs.historySearch(ctx.ext, t),
    timeout: 300_000,
  },
  {
    n: 130,
    title:
      "one budget across computers: another computer's item in storage.sync counts in the badge, the guard and the popup; a send here goes to sync as times and hashes, never a name; a bad item is ignored; switched off, this computer's item leaves sync",
    run: (ctx, t) => sy.sharedAcrossComputers(ctx, t),
  },
  {
    n: 131,
    title:
      'two profiles sharing through a relayed storage.sync: a send in either shows in both badges within seconds, each counted once',
    run: (ctx, t) =>
      sy.twoProfilesOneBudget(ctx, t, (port) =>
        ctx.ext.kind === 'chromium' ? h.launchChromium({ proxyPort: port }) : h.launchFirefox({ proxyPort: port }),
      ),
    timeout: 180_000,
  },
  {
    n: 132,
    title:
      "this computer's name: renamed on the options page (Enter or Rename), cleaned by the background, shared under its new name; the options page names the other computers heard from",
    run: (ctx, t) => sy.renameThisComputer(ctx, t),
  },
  {
    n: 133,
    title:
      "storage.sync's quotas: a burst of 20 sends is a few writes 5 s apart; 480 sends in a week fit one 8 KB item, the oldest left out; sync full, a computer silent for 30 days makes room; full with nothing to remove (bytes, or 512 items), the write is refused and everything still counts here",
    run: (ctx, t) => sq.syncQuotas(ctx, t),
    timeout: 120_000,
  },
  {
    n: 134,
    title:
      'sync unavailable to extensions: the options page says sharing is unavailable and why; sync is not asked at every refresh; sends count as on one computer',
    run: (ctx, t) =>
      sy.syncUnavailable(ctx, t, () =>
        ctx.ext.kind === 'chromium'
          ? h.launchChromium({
              proxyPort: ctx.standin.port,
              extDir: h.testCopy(h.DIST_CHROME, 'chrome-sync-off', { syncOff: true }),
            })
          : h.launchFirefox({
              proxyPort: ctx.standin.port,
              extDir: h.testCopy(h.DIST_FIREFOX, 'firefox-sync-off', { syncOff: true }),
            }),
      ),
    timeout: 120_000,
  },
  {
    // Last: it counts what every scenario before it recorded.
    n: 199,
    title: 'self-check: no state set in any scenario not meant to set one (0 false alarms)',
    run: (ctx) => sk.noFalseAlarms(ctx),
    selfCheck: true,
  },
];

/** Throws when the table breaks its own rules, so that a mistake fails the suite's loading. */
function check(scenarios) {
  const problems = [];
  let last = -Infinity;
  for (const sc of scenarios) {
    const at = `scenario ${sc.n}`;
    if (!Number.isInteger(sc.n) || sc.n <= last) problems.push(`${at}: numbers must be unique and ascending`);
    last = sc.n;
    if (typeof sc.run !== 'function') problems.push(`${at}: no run function`);
    if (typeof sc.title !== 'string' && !BROWSERS.every((b) => typeof sc.title?.[b] === 'string')) {
      problems.push(`${at}: a title by browser needs one for each of ${BROWSERS.join(', ')}`);
    }
    for (const [b, why] of Object.entries(sc.skip ?? {})) {
      if (!BROWSERS.includes(b)) problems.push(`${at}: skip names an unknown browser ${b}`);
      if (typeof why !== 'string' || !why) problems.push(`${at}: skip in ${b} needs a reason`);
    }
  }
  if (problems.length) throw new Error(`scenarios-table.mjs:\n  ${problems.join('\n  ')}`);
}
check(SCENARIOS);

/** The scenarios that run in `browser`, with their full titles ("n. title"). */
export function scenariosFor(browser) {
  if (!BROWSERS.includes(browser)) throw new Error(`unknown browser ${browser}: one of ${BROWSERS.join(', ')}`);
  return SCENARIOS.filter((sc) => !sc.skip?.[browser]).map((sc) => ({
    ...sc,
    fullTitle: `${sc.n}. ${typeof sc.title === 'string' ? sc.title : sc.title[browser]}`,
  }));
}

/**
 * Runs one scenario (or one case of it) watching the self-check (issue 12): a state the background
 * set while a scenario not marked `selfCheck` ran is a false alarm, kept in `ctx.falseAlarms`.
 */
async function watched(scenario, ctx, t, arg) {
  if (scenario.selfCheck) return scenario.run(ctx, t, arg);
  await h.watchSelfCheck(ctx.ext);
  await h.takeSelfCheck(ctx.ext);
  try {
    return await scenario.run(ctx, t, arg);
  } finally {
    const seen = await h.takeSelfCheck(ctx.ext).catch((e) => [`could not read: ${e.message}`]);
    ctx.selfCheckWatched += 1;
    if (seen === null) ctx.falseAlarms.push({ scenario: scenario.fullTitle, seen: 'the recording page was closed' });
    else if (seen.length) ctx.falseAlarms.push({ scenario: scenario.fullTitle, seen });
  }
}

/** Registers, in the describe being defined, every scenario that runs in `browser`, in table order. */
export function registerScenarios(browser, ctx) {
  ctx.falseAlarms = [];
  ctx.selfCheckWatched = 0;
  for (const sc of scenariosFor(browser)) {
    const timeout = sc.timeout ?? DEFAULT_TIMEOUT;
    if (sc.cases) {
      const cases = sc.cases();
      describe(sc.fullTitle, { skip: typeof cases === 'string' ? cases : false }, () => {
        for (const one of typeof cases === 'string' ? [] : cases) {
          test(one.title, { timeout }, (t) => watched(sc, ctx, t, one.arg));
        }
      });
    } else {
      test(sc.fullTitle, { timeout }, (t) => watched(sc, ctx, t));
    }
  }
}
