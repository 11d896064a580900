// The one place that launches the browsers this project drives: Chromium through playwright-core and
// Firefox ESR through selenium-webdriver + geckodriver. Used by the end-to-end harness
// (tests/e2e/harness.mjs wraps what these return in its ChromiumExt and FirefoxExt), the demo and the
// screenshots (tools/demo-data.mjs), the benchmark (tests/bench/bench.mjs) and the stand-in's self-check
// (tests/standin/selftest.mjs).
//
// Each returns the raw Playwright context or browser, or the Selenium driver; what to do with it is the
// caller's. Binaries come from the environment, with Debian's packages as the defaults:
//   CHROMIUM_BIN  /usr/bin/chromium        (apt: chromium)
//   FIREFOX_BIN   /usr/bin/firefox-esr     (apt: firefox-esr)
//   GECKODRIVER   ~/.cargo/bin/geckodriver (cargo install geckodriver), else /usr/local/bin, /usr/bin
// With `proxyPort`, every request goes to the LinkedIn stand-in (tests/standin/server.mjs), an HTTP proxy
// on 127.0.0.1 that terminates TLS for www.linkedin.com (its certificate is self-signed: accepted) and
// refuses every other host; the flags and prefs below keep the browsers' own background traffic to a
// minimum.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const FIREFOX_BIN = process.env.FIREFOX_BIN || '/usr/bin/firefox-esr';
// The add-on id of manifest.json's browser_specific_settings.gecko.id.
export const GECKO_ID = 'invite-guard@invite-guard.app';
// Pinned through the pref extensions.webextensions.uuids so moz-extension:// URLs are known in advance.
export const FIREFOX_UUID = '5d1e0b7a-3c39-4f7e-9a55-1e2f6b0c9a11';
export const DEFAULT_VIEWPORT = Object.freeze({ width: 1280, height: 900 });

// ---------------------------------------------------------------------------------------------------
// Chromium (playwright-core)

/**
 * Chromium's flags: quiet, the unpacked extension in `dir` loaded (none without `dir`), and the
 * stand-in as proxy when `proxyPort` is given.
 */
export function chromiumArgs(dir, proxyPort) {
  const args = [
    ...(dir ? [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`] : []),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-default-apps',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--no-pings',
    '--metrics-recording-only',
    '--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,InterestFeedContentSuggestions,NetworkTimeServiceQuerying',
  ];
  if (proxyPort)
    args.push(
      `--proxy-server=127.0.0.1:${proxyPort}`,
      '--proxy-bypass-list=<-loopback>',
      '--ignore-certificate-errors',
    );
  return args;
}

/**
 * Chromium with a fresh temporary profile (a persistent context: extensions load only in one), the
 * unpacked extension in `extDir` when given. Resolves to the Playwright BrowserContext.
 *
 *   headless           false opens a window, `viewport` then sizing the window (the page follows it)
 *   lang               the UI language (chrome.i18n): --lang, and LANGUAGE/LANG on Linux
 *   viewport           the page's size in headless mode (default 1280×900)
 *   deviceScaleFactor  device pixel ratio
 *   extraArgs          more command-line flags, after the shared ones
 *   ownSignals         true: the caller handles SIGINT/SIGTERM (Playwright's own handler exits with 130)
 *   bin                the executable (default CHROMIUM_BIN)
 */
export async function launchChromium({
  extDir,
  proxyPort,
  headless = true,
  lang,
  viewport = DEFAULT_VIEWPORT,
  deviceScaleFactor,
  extraArgs = [],
  ownSignals = false,
  bin = CHROMIUM_BIN,
} = {}) {
  const { chromium } = await import('playwright-core');
  const args = chromiumArgs(extDir ? path.resolve(extDir) : null, proxyPort);
  if (lang) args.push(`--lang=${lang}`);
  if (!headless && viewport) args.push(`--window-size=${viewport.width},${viewport.height + 120}`);
  args.push(...extraArgs);
  return chromium.launchPersistentContext('', {
    executablePath: bin,
    headless,
    args,
    ...(lang ? { env: { ...process.env, LANGUAGE: lang, LANG: `${lang}.UTF-8` }, locale: lang } : {}),
    ignoreHTTPSErrors: true,
    // Headed: let the page follow the window when the member resizes it.
    viewport: headless ? viewport : null,
    ...(deviceScaleFactor ? { deviceScaleFactor } : {}),
    ...(ownSignals ? { handleSIGINT: false, handleSIGTERM: false } : {}),
  });
}

/**
 * Headless Chromium without an extension, for pages alone (the stand-in's self-check, the
 * benchmark's guard timing). Resolves to the Playwright Browser; its contexts take their own options.
 */
export async function launchChromiumBrowser({ proxyPort, extraArgs = [], bin = CHROMIUM_BIN } = {}) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: bin,
    headless: true,
    args: [...chromiumArgs(null, proxyPort), ...extraArgs],
  });
}

/**
 * The extension's id, from its service worker's URL (waiting up to `timeout` ms for the worker to
 * start). Throws when it does not start; the context is left open for the caller to close.
 */
export async function chromiumExtensionId(context, timeout = 20_000) {
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout }));
  return new URL(sw.url()).host;
}

// ---------------------------------------------------------------------------------------------------
// Firefox (selenium-webdriver + geckodriver)

export function findGeckodriver() {
  const cands = [
    process.env.GECKODRIVER,
    path.join(os.homedir(), '.cargo', 'bin', 'geckodriver'),
    '/usr/local/bin/geckodriver',
    '/usr/bin/geckodriver',
  ];
  return cands.find((p) => p && fs.existsSync(p)) ?? null;
}

// Prefs that keep Firefox's own background traffic (which would go through the proxy) to a minimum.
export const QUIET_PREFS = Object.freeze({
  'app.update.auto': false,
  'app.update.enabled': false,
  'app.update.disabledForTesting': true,
  'app.normandy.enabled': false,
  'app.normandy.api_url': '',
  'app.shield.optoutstudies.enabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': '',
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.system.topstories': false,
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.newtabpage.activity-stream.feeds.snippets': false,
  'browser.newtabpage.enabled': false,
  'browser.startup.page': 0,
  'browser.startup.homepage': 'about:blank',
  'browser.startup.homepage_override.mstone': 'ignore',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'network.trr.mode': 5,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.google.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'services.settings.server': 'data:,',
  'services.settings.poll_interval': 86400 * 365,
  'extensions.update.enabled': false,
  'extensions.update.autoUpdateDefault': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'browser.search.update': false,
  'browser.search.geoip.url': '',
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'geo.provider.network.url': '',
  'media.gmp-manager.url': '',
  'media.gmp-gmpopenh264.enabled': false,
  'security.OCSP.enabled': 0,
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  'identity.fxaccounts.enabled': false,
  'browser.discovery.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'browser.contentblocking.cfr-milestone.enabled': false,
  'browser.translations.enable': false,
  'privacy.query_stripping.enabled': false,
  'signon.management.page.breach-alerts.enabled': false,
  'browser.urlbar.suggest.quicksuggest.sponsored': false,
  'browser.topsites.contile.enabled': false,
});

/** The proxy prefs that send every request, loopback included, to the stand-in on `proxyPort`. */
export function firefoxProxyPrefs(proxyPort) {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.no_proxies_on': '',
  };
}

/**
 * Firefox ESR (headless unless `headless: false`) with a fresh profile, QUIET_PREFS, the add-on's
 * moz-extension:// UUID pinned to FIREFOX_UUID, the stand-in as proxy when `proxyPort` is given, and
 * `prefs` on top; the unpacked extension in `extDir` installed as a temporary add-on when given.
 * Resolves to `{ driver, addonId }` (addonId null without `extDir`); when the install fails the
 * browser is closed and the error thrown.
 */
export async function launchFirefox({
  extDir,
  proxyPort,
  headless = true,
  windowSize = DEFAULT_VIEWPORT,
  prefs = {},
  bin = FIREFOX_BIN,
} = {}) {
  const { Builder, Browser } = await import('selenium-webdriver');
  const firefox = (await import('selenium-webdriver/firefox.js')).default;
  const gecko = findGeckodriver();
  if (!gecko) throw new Error('geckodriver not found (~/.cargo/bin/geckodriver; `cargo install geckodriver`)');
  const options = new firefox.Options().setBinary(bin);
  if (headless) options.addArguments('-headless');
  options.setAcceptInsecureCerts(true);
  options.windowSize(windowSize);
  const all = {
    ...QUIET_PREFS,
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
    ...(proxyPort ? firefoxProxyPrefs(proxyPort) : {}),
    ...prefs,
  };
  for (const [k, v] of Object.entries(all)) options.setPreference(k, v);
  // --allow-system-access: without it geckodriver refuses to open moz-extension:// pages.
  const service = new firefox.ServiceBuilder(gecko).addArguments('--allow-system-access');
  const driver = await new Builder()
    .forBrowser(Browser.FIREFOX)
    .setFirefoxOptions(options)
    .setFirefoxService(service)
    .build();
  if (!extDir) return { driver, addonId: null };
  try {
    const addonId = await driver.installAddon(path.resolve(extDir), true);
    return { driver, addonId };
  } catch (e) {
    await driver.quit().catch(() => {});
    throw e;
  }
}
