// End-to-end tests in Chromium (playwright-core, the store zip dist/invite-guard-chrome-<version>.zip
// unpacked, LinkedIn stand-in as proxy).
// Run alone: node --test tests/e2e/chromium.test.mjs
import { after, afterEach, before, describe } from 'node:test';
import * as h from './harness.mjs';
import { registerScenarios } from './scenarios-table.mjs';

const skip =
  h.storeBuildProblem('chrome') ??
  (h.pathExists(`${h.STANDIN_DIR}/server.mjs`) ? false : 'tests/standin/server.mjs missing');
const ctx = {};

describe('Chromium', { skip }, () => {
  before(async () => {
    ctx.standin = await h.startStandin();
    ctx.ext = await h.launchChromium({ proxyPort: ctx.standin.port, extDir: h.testCopy(h.DIST_CHROME, 'chrome') });
  });
  after(async () => {
    await ctx.ext?.close();
    await ctx.standin?.close();
  });
  afterEach(async () => {
    await ctx.ext?.closePages();
  });

  // Every scenario that runs in Chromium, from the one table both browsers share.
  registerScenarios('chromium', ctx);
});
