// A loopback stand-in for https://www.linkedin.com, reached by the browser through an HTTP proxy:
// `CONNECT www.linkedin.com:443` is answered 200 and TLS is terminated here with a self-signed certificate
// (made with the openssl CLI at start-up); every other host is refused and logged. Pages carry LinkedIn's
// strict CSP header. Node 20, standard library only.
//
//   import { startStandin } from './tests/standin/server.mjs';
//   const s = await startStandin();            // s.port: give the browser --proxy-server=127.0.0.1:<port>
//   s.setMode({ inviteStatus: 429 });          // see DEFAULT_MODE
//   s.log                                      // [{method, host, path, body, status}]
//   await s.close();
import http from 'node:http';
import https from 'node:https';
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname, resolve, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { searchPage } from '../fixtures/gen-search.mjs';

const run = promisify(execFile);
const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const PAGES = join(REPO, 'tests', 'fixtures', 'pages');
const SHARED = resolve(REPO, '..', 'shared', 'fixtures', 'linkedin-profile-2026-03');
const HOST = 'www.linkedin.com';
const INVITE_PATH = '/voyager/api/voyagerRelationshipsDashMemberRelationships';
/** The invitation endpoint of `mode.inviteRenamed`: one the background does not watch (issue 12). */
export const RENAMED_INVITE_PATH = '/voyager/api/voyagerInvitationsDashInvitations';

/** The stand-in's behaviour; `setMode` merges into a copy of this. */
export const DEFAULT_MODE = Object.freeze({
  /** Adds `require-trusted-types-for 'script'` (and LinkedIn's trusted-types list) to the CSP. */
  trustedTypes: false,
  /** HTTP status of the invitation API (200 = created, 429 = weekly limit). */
  inviteStatus: 200,
  /** `code` of a 429 body: FUSE_LIMIT_EXCEEDED (weekly limit) or CUSTOM_INVITE_LIMIT_REACHED (note quota). */
  inviteCode: 'FUSE_LIMIT_EXCEEDED',
  /** Delay before the invitation API answers. */
  inviteDelayMs: 0,
  /** Search pages send at the Connect click, without a dialog (read by app.js when the page loads). */
  oneClick: false,
  /** "Add a note" shows the Premium upsell instead of the note field (read by app.js when the page loads). */
  noteQuotaExhausted: false,
  /** The note field's maxlength: 200 on free accounts, 300 on Premium (docs/linkedin.md §3; read by app.js). */
  noteMaxLength: 200,
  /** The note editor renders inside the `/preload/` iframe, as LinkedIn's 2026 one does (docs/linkedin.md §3). */
  noteInIframe: false,
  /**
   * The front end posts invitations to RENAMED_INVITE_PATH (`?action=create`), an endpoint the
   * background does not watch, as if LinkedIn had renamed its API (read by app.js when the page loads).
   */
  inviteRenamed: false,
  /**
   * The front end redesigns the invite flow when the page loads: every Connect control gets a label,
   * a text and a URL the sensor does not know, and so do the dialog's buttons and the Pending control
   * (read by app.js when the page loads).
   */
  unknownControls: false,
});

// A sha256 source as in LinkedIn's policy: it allows exactly one inline bootstrap script, which no fixture
// carries, so no inline script runs.
const INLINE_HASH = crypto.createHash('sha256').update('/* li bootstrap */').digest('base64');

/** LinkedIn's header CSP, modelled on the real one (docs/architecture.md §7): no 'unsafe-eval', no 'wasm-unsafe-eval'. */
export function cspFor(mode) {
  const directives = [
    'default-src *',
    "connect-src 'self' https://*.licdn.com wss://*.linkedin.com",
    `script-src 'report-sample' 'sha256-${INLINE_HASH}' https://static.licdn.com https://www.linkedin.com/sc/`,
    "style-src 'unsafe-inline' 'self' https://static.licdn.com",
    'img-src * data: blob:',
    'font-src * data:',
    "frame-src 'self' https://www.linkedin.com",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    'report-uri https://www.linkedin.com/security/csp?a=standin',
  ];
  if (mode.trustedTypes) {
    directives.push("require-trusted-types-for 'script'");
    directives.push("trusted-types default jSecure 'allow-duplicates' dompurify highcharts goog#html");
  }
  return directives.join('; ');
}

async function makeCert(dir) {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    '2',
    '-subj',
    `/CN=${HOST}`,
    '-addext',
    `subjectAltName=DNS:${HOST}`,
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  return { key: await readFile(key), cert: await readFile(cert) };
}

async function fileExists(p) {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

function readBody(req) {
  return new Promise((ok) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => ok(''));
  });
}

// `?theme=`: LinkedIn's theme markers (docs/linkedin.md §1.6), as 2026's pages carry them on <body>
// (`dark`, `light`) and as the Ember app's carry them on <html> (`ember-dark`, `ember-light`); the
// dark ones also get LinkedIn-like dark page colours, for the eye and the screenshots. Without it a
// page carries no marker, and the extension goes by prefers-color-scheme.
const THEMES = {
  dark: { body: 'data-color-scheme="dark"', dark: true },
  light: { body: 'data-color-scheme="light"' },
  'ember-dark': { html: 'theme theme--mercado theme--dark theme--mercado-dark', dark: true },
  'ember-light': { html: 'theme theme--mercado' },
};
const DARK_PAGE = ':root{color-scheme:dark}body{background:#000;color:rgba(255,255,255,.9)}a{color:#71b7fb}';

const NOT_FOUND = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>Page not found | LinkedIn</title></head>
<body><main><h1>This page doesn’t exist</h1><p>Please check your URL or return to LinkedIn home.</p></main></body></html>
`;
const BLANK = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>LinkedIn</title></head><body></body></html>
`;

/**
 * Starts the stand-in. Resolves to `{ port, log, setMode(partial), mode, close() }`.
 * `mode` is one live object: `setMode` merges into it.
 */
export async function startStandin({ port = 0 } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'standin-'));
  const tls = await makeCert(dir);
  const routes = JSON.parse(await readFile(join(HERE, 'routes.json'), 'utf8'));
  const mode = { ...DEFAULT_MODE };
  const log = [];
  const sockets = new Set();
  let invitationSeq = 7000000000000000000n;

  const track = (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };

  function html(res, status, body) {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': cspFor(mode),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  }

  // `?htmllang=pt-pt` serves a page under another `<html lang>` than its texts' language, which is
  // kept in `data-standin-texts` for app.js (LinkedIn's `lang` and labels can disagree,
  // docs/linkedin.md §10). `?theme=` serves it with one of LinkedIn's theme markers (THEMES).
  async function page(res, file, url) {
    const p = join(PAGES, file);
    if (!(await fileExists(p))) return html(res, 404, NOT_FOUND);
    let body = await readFile(p, 'utf8');
    const htmlLang = url?.searchParams.get('htmllang');
    if (htmlLang !== null && htmlLang !== undefined) {
      const safe = htmlLang.replace(/[^A-Za-z_-]/g, '');
      body = body.replace(/<html lang="([^"]*)"/, (_, own) => `<html lang="${safe}" data-standin-texts="${own}"`);
    }
    const theme = THEMES[url?.searchParams.get('theme') ?? ''];
    if (theme) {
      if (theme.html) body = body.replace(/<html /, `<html class="${theme.html}" `);
      if (theme.body) body = body.replace(/<body /, `<body ${theme.body} `);
      if (theme.dark) body = body.replace(/<head>/, `<head><style>${DARK_PAGE}</style>`);
    }
    return html(res, 200, body);
  }

  async function handle(req, res) {
    const body = await readBody(req);
    const url = new URL(req.url, `https://${HOST}`);
    const entry = { method: req.method, host: HOST, path: url.pathname + url.search, body, status: 0 };
    log.push(entry);
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    const path = url.pathname;

    const renamed = path === RENAMED_INVITE_PATH && url.searchParams.get('action') === 'create';
    if (
      req.method === 'POST' &&
      (renamed || (path === INVITE_PATH && url.searchParams.get('action') === 'verifyQuotaAndCreateV2'))
    ) {
      if (mode.inviteDelayMs > 0) await new Promise((r) => setTimeout(r, mode.inviteDelayMs));
      const status = Number(mode.inviteStatus) || 200;
      let payload;
      if (status >= 200 && status < 300) {
        invitationSeq += 1n;
        payload = { value: { invitationUrn: `urn:li:fsd_invitation:${invitationSeq}` } };
      } else if (status === 429) {
        payload = { status: 429, code: mode.inviteCode || 'FUSE_LIMIT_EXCEEDED' };
      } else {
        payload = { status };
      }
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(JSON.stringify(payload));
    }
    if (req.method === 'POST' && path === '/security/csp') {
      res.writeHead(204);
      return res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain' });
      return res.end('method not allowed');
    }
    if (path === '/sc/invitations.js') {
      // The invitation-manager pages' lazy loading, Withdraw, Accept and Ignore (issue 4).
      res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(await readFile(join(HERE, 'invitations.js'), 'utf8'));
    }
    if (path === '/sc/app.js') {
      const src = (await readFile(join(HERE, 'app.js'), 'utf8')).replace(
        '/*__STANDIN_MODE__*/ {}',
        JSON.stringify({
          oneClick: !!mode.oneClick,
          noteQuotaExhausted: !!mode.noteQuotaExhausted,
          noteMaxLength: Number(mode.noteMaxLength) || 200,
          noteInIframe: !!mode.noteInIframe,
          inviteRenamed: !!mode.inviteRenamed,
          unknownControls: !!mode.unknownControls,
        }),
      );
      res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(src);
    }
    if (path.startsWith('/__fixture/')) {
      const file = basename(decodeURIComponent(path.slice('/__fixture/'.length)));
      if (!file || file.startsWith('.')) return html(res, 404, NOT_FOUND);
      if (file.endsWith('.html')) return page(res, file, url);
      const p = join(PAGES, file);
      if (!(await fileExists(p))) return html(res, 404, NOT_FOUND);
      res.writeHead(200, {
        'content-type': file.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        'cache-control': 'no-store',
      });
      return res.end(await readFile(p));
    }
    if (path.startsWith('/__shared/')) {
      const file = basename(decodeURIComponent(path.slice('/__shared/'.length)));
      const p = join(SHARED, file);
      if (!file || file.startsWith('.') || !(await fileExists(p))) return html(res, 404, NOT_FOUND);
      if (file.endsWith('.html')) return html(res, 200, await readFile(p, 'utf8'));
      res.writeHead(200, {
        'content-type': file.endsWith('.json') ? 'application/json' : 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
      });
      return res.end(await readFile(p));
    }
    if (path === '/__search1000') {
      const n = Math.min(Math.max(Number(url.searchParams.get('n')) || 1000, 1), 5000);
      return html(res, 200, searchPage(n, url.searchParams.get('lang') || 'en'));
    }
    if (path === '/preload/' || path.startsWith('/preload/')) {
      // LinkedIn's interop frame and the custom-invite deep links render an empty document here.
      return html(res, 200, BLANK);
    }
    const key = path.endsWith('/') ? path : `${path}/`;
    const name = routes[key];
    if (name) {
      const lang = (url.searchParams.get('lang') || 'en').toLowerCase().replace(/[^a-z]/g, '');
      // `?variant=link` serves `<name>-link.<lang>.html`: another form of the same page (the Sent
      // page's total in each of its placements, tests/fixtures/make-invitation-pages.mjs).
      const variant = (url.searchParams.get('variant') || '').toLowerCase().replace(/[^a-z]/g, '');
      return page(res, `${name}${variant ? `-${variant}` : ''}.${lang}.html`, url);
    }
    return html(res, 404, NOT_FOUND);
  }

  const site = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    handle(req, res).catch((e) => {
      try {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(e?.stack));
      } catch {
        /* gone */
      }
    });
  });
  site.on('tlsClientError', () => {});

  const proxy = http.createServer(async (req, res) => {
    // A plain proxied request (absolute URI): never served.
    const body = await readBody(req);
    let host = req.headers.host || '';
    let path = req.url;
    try {
      const u = new URL(req.url);
      host = u.host;
      path = u.pathname + u.search;
    } catch {
      /* relative */
    }
    log.push({ method: req.method, host, path, body, status: 502 });
    res.writeHead(502, { 'content-type': 'text/plain', connection: 'close' });
    res.end('refused by the stand-in');
  });
  proxy.on('connection', track);
  proxy.on('connect', (req, socket, head) => {
    track(socket);
    socket.on('error', () => {});
    const [host, p] = String(req.url).split(':');
    if (host.toLowerCase() === HOST && (p || '443') === '443') {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head?.length) socket.unshift(head);
      site.emit('connection', socket);
      return;
    }
    log.push({ method: 'CONNECT', host: String(req.url), path: '', body: '', status: 502 });
    socket.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
  });
  proxy.on('clientError', (_err, socket) => {
    try {
      socket.destroy();
    } catch {
      /* gone */
    }
  });

  await new Promise((ok, fail) => {
    proxy.once('error', fail);
    proxy.listen(port, '127.0.0.1', () => {
      proxy.off('error', fail);
      ok();
    });
  });

  let closed = false;
  return {
    port: proxy.address().port,
    log,
    mode,
    setMode(partial) {
      Object.assign(mode, partial || {});
      return mode;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const s of sockets) s.destroy();
      await new Promise((ok) => proxy.close(() => ok()));
      site.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// `node tests/standin/server.mjs [port]`: run it by hand.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const s = await startStandin({ port: Number(process.argv[2]) || 0 });
  console.log(
    `stand-in proxy on 127.0.0.1:${s.port} (chromium --proxy-server=127.0.0.1:${s.port} --ignore-certificate-errors)`,
  );
  const stop = async () => {
    await s.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
