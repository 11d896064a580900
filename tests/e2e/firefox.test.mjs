// End-to-end tests in Firefox ESR (selenium-webdriver + geckodriver, temporary add-on: the store zip
// dist/invite-guard-firefox-<version>.zip unpacked, LinkedIn stand-in as proxy).
// Run alone: node --test tests/e2e/firefox.test.mjs
import { after, afterEach, before, describe } from 'node:test';
import * as h from './harness.mjs';
import { registerScenarios } from './scenarios-table.mjs';

const skip =
  h.storeBuildProblem('firefox') ??
  (h.findGeckodriver() ? null : 'geckodriver not found') ??
  (h.pathExists(`${h.STANDIN_DIR}/server.mjs`) ? false : 'tests/standin/server.mjs missing');
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

  // Every scenario that runs in Firefox, from the one table both browsers share.
  registerScenarios('firefox', ctx);
});
