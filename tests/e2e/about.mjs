// End-to-end scenario of the options page's About section (issue 15 part 5), registered in
// scenarios-table.mjs: the version is the built manifest's, and the privacy policy, the licence and
// "Report a problem" links lead to pages the extension ships, in both browsers.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST_CHROME, DIST_FIREFOX, ROOT, fmt, waitFor } from './harness.mjs';
import { en, openExtPage } from './pages.mjs';

const read = (f) => fs.readFileSync(path.join(ROOT, f), 'utf8');

// 100. the About section: the manifest's version, and links that work

export async function aboutSection({ ext }) {
  const dist = ext.kind === 'firefox' ? DIST_FIREFOX : DIST_CHROME;
  const { version } = JSON.parse(fs.readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
  assert.match(version, /^\d+\.\d+\.\d+$/);
  assert.notEqual(version, '0.0.0', 'the built manifest has the version of Cargo.toml');
  const options = await openExtPage(ext, 'options.html');
  try {
    const about = await options.evaluate(() => {
      const s = document.getElementById('about');
      return {
        heading: s?.querySelector('h2')?.textContent,
        version: document.getElementById('about-version')?.textContent,
        terms: [...(s?.querySelectorAll('dt') ?? [])].map((e) => e.textContent),
        links: Object.fromEntries(
          [...(s?.querySelectorAll('a') ?? [])].map((a) => [
            a.id,
            { text: a.textContent, href: a.href, target: a.target, attr: a.getAttribute('href') },
          ]),
        ),
      };
    });
    assert.equal(about.heading, en('optionsAbout'), fmt(about));
    assert.equal(about.version, version, `the About section shows the manifest's version: ${fmt(about)}`);
    assert.deepEqual(about.terms, [
      en('optionsAboutVersion'),
      en('optionsAboutPrivacy'),
      en('optionsAboutProblems'),
      en('optionsAboutLicence'),
    ]);
    const { 'about-privacy': privacy, 'about-licence': licence, 'about-report': report } = about.links;
    assert.equal(privacy?.text, en('optionsAboutPrivacyLink'));
    assert.equal(licence?.text, en('optionsAboutLicenceLink'));
    assert.equal(report?.text, en('optionsReport'));
    // Every link stays inside the extension: it makes no network request, and the policy and the
    // licence open in a tab of their own so that unsaved settings stay as they are.
    assert.equal(privacy.href, `${ext.origin}/privacy.html`);
    assert.equal(licence.href, `${ext.origin}/LICENSE.txt`);
    assert.equal(report.attr, '#report');
    assert.deepEqual([privacy.target, licence.target], ['_blank', '_blank']);

    // The files behind the links are in the build, as the build made them.
    const fetched = await options.evaluate(
      (urls) =>
        Promise.all(
          urls.map((u) =>
            fetch(u).then(
              (r) => r.text().then((t) => ({ ok: r.ok, type: r.headers.get('content-type'), text: t })),
              (e) => ({ ok: false, text: String(e) }),
            ),
          ),
        ),
      [privacy.href, licence.href],
    );
    assert.ok(
      fetched.every((f) => f.ok),
      fmt(fetched.map((f) => f.text.slice(0, 200))),
    );
    assert.equal(fetched[1].text, read('LICENSE'), 'LICENSE.txt is the repository LICENSE');
    assert.match(fetched[1].text, /^MIT License\n\nCopyright \(c\) \d{4} Invite Guard contributors\n/);

    // "Report a problem", clicked for real, brings its section into view.
    await options.click('#about-report');
    await waitFor(
      () =>
        options.evaluate(() => {
          const r = document.getElementById('report-h').getBoundingClientRect();
          return location.hash === '#report' && r.top >= 0 && r.top < innerHeight;
        }),
      5_000,
      'the Report a problem section scrolled into view, #report in the address',
    );
  } finally {
    await options.close();
  }

  // The privacy page renders PRIVACY.md: its title, every heading, and no script.
  const md = read('PRIVACY.md');
  const page = await ext.newPage();
  try {
    await page.goto(`${ext.origin}/privacy.html`);
    const shown = await page.evaluate(() => ({
      title: document.title,
      h1: document.querySelector('h1')?.textContent,
      h2: [...document.querySelectorAll('h2')].map((e) => e.textContent),
      scripts: document.scripts.length,
      text: document.body.textContent,
      styled: getComputedStyle(document.body).fontFamily,
    }));
    const title = md.match(/^# (.+)$/m)[1];
    assert.equal(shown.title, title);
    assert.equal(shown.h1, title);
    assert.deepEqual(
      shown.h2,
      [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]),
    );
    assert.equal(shown.scripts, 0);
    assert.match(shown.text, /nothing leaves|everything stays in this browser/i);
    assert.match(shown.styled, /system-ui|sans-serif/, 'pages.css applies');
  } finally {
    await page.close();
  }
}
