// End-to-end tests in Firefox ESR (selenium-webdriver + geckodriver, temporary add-on dist/firefox, LinkedIn stand-in as proxy).
// Run alone: node --test tests/e2e/firefox.test.mjs
import { after, afterEach, before, describe, test } from 'node:test';
import * as h from './harness.mjs';
import * as s from './scenarios.mjs';
import * as p from './pages.mjs';
import * as inv from './invitations.mjs';
import * as n from './notes.mjs';
import * as c from './cooldown.mjs';
import * as r from './reader.mjs';
import * as tr from './trust.mjs';
import * as fm from './faults.mjs';

const skip = h.distProblem(h.DIST_FIREFOX) ?? (h.findGeckodriver() ? null : 'geckodriver not found') ?? (h.pathExists(`${h.STANDIN_DIR}/server.mjs`) ? false : 'tests/standin/server.mjs missing');
const T = { timeout: 90_000 };
const ctx = {};

describe('Firefox', { skip }, () => {
  before(async () => {
    ctx.standin = await h.startStandin();
    ctx.ext = await h.launchFirefox({ proxyPort: ctx.standin.port, extDir: h.testCopy(h.DIST_FIREFOX, 'firefox') });
  });
  after(async () => {
    await ctx.ext?.close();
    await ctx.standin?.close();
  });
  afterEach(async () => {
    await ctx.ext?.closePages();
  });

  test('1. the count rises once per send', T, () => s.countRisesOncePerSend(ctx));
  test('2. a refused send (429) is not counted', T, () => s.refusedNotCounted(ctx));
  test('3. hint at low', T, (t) => s.hintAtLow(ctx, t));
  test('4. confirm at spent: Keep it for later, Send anyway, gated again', T, () => s.confirmAtSpent(ctx));
  test('5. hard block at spent', T, () => s.hardBlock(ctx));
  test('6. badge text, colour and title', T, (t) => s.badgeTextAndColour(ctx, t));
  test('7. five tabs sending near-simultaneously lose no count', T, () => s.fiveTabs(ctx));
  // 8 is Chromium only: Firefox runs the background as an event page, there is no worker to stop.
  // Firefox's own traffic cannot be told apart from the extension's by host, so 9 checks only that no
  // request reaching the stand-in carries a moz-extension:// Origin or Referer.
  test('11. the panel goes on single-page-app navigation', T, () => s.panelRemovedOnNavigation(ctx));
  test('12. in-page UI off: nothing in the page, badge still works', T, () => s.inPageUiOff(ctx));
  test('13. the popup shows the budget, the next slot and the last sends', T, () => s.popupShowsTheBudget(ctx));
  test('14. a page that grows the content script\'s memory is still guarded', T, () => s.largePageGrowsMemory(ctx));
  test('15. the popup after real sends: figures, pacing, chart, recent list', T, () => p.popupAfterSends(ctx));
  test('16. options and quick switches take effect in the badge and the guard at once', T, () => p.optionsTakeEffect(ctx));
  test('17. export then import round-trips exactly', T, () => p.exportImportRoundTrip(ctx));
  test('18. a bad import file changes nothing and says why', T, () => p.badImportChangesNothing(ctx));
  test('19. delete all data empties everything', T, () => p.clearAllEmpties(ctx));
  test('24. the pending-invitation warning threshold set in options is the popup\'s', T, () => p.pendingThresholdFromOptions(ctx));
  test('23. a keyboard shortcut opens the popup', T, () => p.shortcutRegistered(ctx));
  test('39. Connect to someone withdrawn in the last three weeks warns first (not with the in-page UI off)', T, () => c.cooldownWarnsAtConnect(ctx));
  test('47. the content script reads the Sent page as it loads (English, German)', T, () => r.contentReadsSentPage(ctx));
  test('48. Withdraw on the Sent page is recorded by the content script', T, () => r.contentRecordsWithdraw(ctx));
  test('49. the content script reads the Connections page: invited people shown connected are accepted once', T, () => r.contentReadsConnections(ctx));
  test('50. a 1st-degree profile accepts the invitation pending to that person, and only that one', T, () => r.contentReadsFirstDegreeProfile(ctx));
  test('51. a message is accepted only from its own senders (LinkedIn frames, extension pages)', T, () => tr.sendersChecked(ctx));
  test('52. an event under the wrong month key never replaces that month', T, () => tr.strayEventMerged(ctx));
  test('53. storage of a newer version: nothing writes it, the badge still counts, the popup says why', T, () => tr.readOnlyRefusesWrites(ctx));
  test('54. names off forgets every name, in every month and the quarantine', T, () => tr.namesForgottenEverywhere(ctx));
  test('55. a limit alert counts only as LinkedIn\'s whole message right after a send', T, () => tr.alertsNeedASend(ctx));
  test('56. a Sent-page report cannot add hundreds of sends; scripted clicks count nothing', T, () => tr.pageCannotInflate(ctx));
  test('57. a slug that is no profile name never becomes a link', T, () => tr.slugsNeverLinkElsewhere(ctx));
  test('58. a panel the page removed does not swallow the next clicks', T, () => tr.removedPanelSwallowsNothing(ctx));
  test('59. a "Connect" link leading elsewhere is never gated', T, () => tr.connectTextLinkNotGated(ctx));
  test('60. the compact form with its documented nulls reads', T, () => tr.documentedNullsRead(ctx));
  // 64 (full storage) is Chromium only: Firefox's storage.local has no fixed quota to fill.
  test('65. keep history for 3 months: older events deleted, the quarantine\'s included; the popup unchanged', T, () => tr.retentionDeletesOldEvents(ctx));
  test('66. "Don\'t keep who I invited": settled invitations lose the person, the counts stay', T, () => tr.forgetWhoIInvited(ctx));
  test('61. fault matrix: corrupt storage, key by key', { timeout: 240_000 }, () => fm.corruptStorage(ctx));
  test('62. fault matrix: the background killed after each of 20 API calls loses and doubles nothing', { timeout: 240_000 }, () => fm.workerDeathLosesNothing(ctx));
  test('63. fault matrix: five tabs x 20 near-simultaneous sends count exactly 100', { timeout: 300_000 }, () => fm.fiveTabsTwentyRounds(ctx));
  test('40. note counter in the main document (maxlength 200)', T, () => n.counterMainDocument(ctx));
  test('41. note counter inside the /preload/ iframe (maxlength 300)', T, () => n.counterInIframe(ctx));
  test('42. note templates: filled, unfilled shown, too long refused', T, () => n.templateInsertion(ctx));
  test('43. the free-note budget warning', T, () => n.budgetWarning(ctx));
  test('44. the Premium upsell is a note refusal and teaches the budget', T, () => n.upsellIsNoteRefusal(ctx));
  test('45. in-page UI off: no note helper', T, () => n.notesQuietWhenOff(ctx));
  test('46. note templates in options: saved, a repeated name refused', T, () => n.templatesInOptions(ctx));
  test('20. axe: no violations in the popup and options (light)', T, (t) => p.axeClean(ctx, t));
  test('30. the Sent page read lazily: reconciliation adds exactly the missing invitations, twice adds nothing, today\'s count toward the caps', T, () => inv.sentPageReconciles(ctx));
  test('31. the German Sent page: every age line read, each invitation timed as it says', T, () => inv.sentPageGerman(ctx));
  test('32. acceptance: gone from a complete Sent list or shown connected; rates with and without a note and by week', T, () => inv.acceptanceDetected(ctx));
  test('33. pending health: count, ages, LinkedIn\'s total, the warning, old invitations with their links', T, () => inv.pendingHealth(ctx));
  test('34. the learned ceiling: evidence, and the weekly cap set on the member\'s click', T, () => inv.learnedCeiling(ctx));
  test('35. a withdrawal on the Sent page puts the person in the guard\'s cooldown list', T, () => inv.withdrawalCooldown(ctx));
  test('36. the Connections page in English and German: people shown connected are accepted, once', T, () => inv.connectionsAccept(ctx));
  test('37. garbled texts, wrong types and unknown languages change nothing', T, () => inv.badInputIgnored(ctx));
  test('38. accepting or ignoring on the Received page counts nothing', T, () => inv.receivedNotCounted(ctx));
  test('9. no request of the extension\'s own leaves the browser', T, async (t) => {
    const note = await s.noOwnRequests(ctx, t);
    if (note) t.diagnostic(note);
  });

  const expected = s.sharedExpected();
  describe('10. the shared real LinkedIn pages', { skip: expected ? false : `${h.SHARED_FIXTURES} not found` }, () => {
    for (const f of expected?.files ?? []) {
      test(f.file, { timeout: 180_000 }, (t) => s.sharedPage(ctx, t, f));
    }
  });
});
