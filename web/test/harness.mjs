// The browser tests' harness: a real local stack (brana-local run: the Go
// handlers behind the local gateway, DynamoDB Local, the file outbox) with
// its own temporary data folder on free ports, serving web/dist; Debian's
// Chromium driven by playwright-core; axe-core; screenshots; .eml parsing.
//
// Nothing here skips: a missing tool is a failure that says how to install it.
import { after, before } from 'node:test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const here = path.dirname(fileURLToPath(import.meta.url));
export const webDir = path.resolve(here, '..');
export const repoRoot = path.resolve(webDir, '..');
export const resultsDir = process.env.WEB_TEST_RESULTS ?? path.join(repoRoot, 'test-results', 'web');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function need(cond, what) {
  if (!cond) throw new Error(what);
}

/** Checks the tools the tests need; throws with an install hint. */
export function checkTools() {
  need(
    existsSync(CHROMIUM),
    `Chromium not found at ${CHROMIUM}: install Debian's package (apt-get update && apt-get install -y chromium), or set CHROMIUM_PATH`,
  );
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  need(go.status === 0, 'go not found: install Go 1.26 (https://go.dev/dl/); the tests build and run the local stack');
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  need(java.status === 0, 'java not found: install a Java 17+ runtime (apt-get install -y openjdk-17-jre-headless) for DynamoDB Local');
  need(
    existsSync(path.join(webDir, 'dist', 'index.html')),
    'web/dist is not built: run `npm run build` in web/ (make web-test does)',
  );
}

/**
 * Starts `brana-local run` with BRANA_DATA in a fresh temporary folder and
 * ports 0 (free ones); resolves when the API answers. opts.env adds to
 * the stack's environment (e.g. BRANA_EVERY to shorten a timer).
 */
export async function startStack(opts = {}) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'brana-web-test-'));
  const bin = path.join(tmp, 'brana-local');
  const build = spawnSync('go', ['build', '-o', bin, './infra/local'], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`go build ./infra/local failed:\n${build.stderr}`);
  const dataDir = path.join(tmp, 'data');
  mkdirSync(dataDir);
  const log = [];
  const proc = spawn(bin, ['run'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      BRANA_DATA: dataDir,
      BRANA_PORT: '0',
      BRANA_DYNAMODB_PORT: '0',
      BRANA_HOST: '127.0.0.1',
      LOG_LEVEL: 'WARN',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout.on('data', (b) => log.push(String(b)));
  proc.stderr.on('data', (b) => log.push(String(b)));
  let exited = null;
  proc.on('exit', (code) => (exited = code));

  const stateFile = path.join(dataDir, 'local-stack.json');
  const deadline = Date.now() + 5 * 60_000; // the first run fetches DynamoDB Local
  let url;
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`brana-local exited with ${exited}:\n${log.join('')}`);
    if (existsSync(stateFile)) {
      try {
        url = JSON.parse(readFileSync(stateFile, 'utf8')).url;
        const r = await fetch(`${url}/v1/experts`);
        if (r.ok) break;
      } catch {
        /* not yet */
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!url) {
    proc.kill('SIGTERM');
    throw new Error(`the local stack did not start within 5 minutes:\n${log.join('')}`);
  }
  return {
    url,
    dataDir,
    mailDir: path.join(dataDir, 'outbox'),
    log,
    /** A development staff token of this stack for group (`make token GROUP=...`). */
    staffToken(group) {
      const r = spawnSync(bin, ['token', group], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, BRANA_DATA: dataDir } });
      if (r.status !== 0) throw new Error(`brana-local token ${group} failed:\n${r.stderr}`);
      return r.stdout.trim();
    },
    async stop() {
      if (exited === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => {
          const t = setTimeout(() => {
            proc.kill('SIGKILL');
            r();
          }, 20_000);
          proc.on('exit', () => {
            clearTimeout(t);
            r();
          });
        });
      }
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A new page that records console errors, page errors and CSP refusals;
 * `page.problems()` lists them (the tests expect none).
 */
export async function newPage(browser, opts = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    locale: opts.locale ?? 'cs-CZ',
    timezoneId: 'Europe/Prague',
    reducedMotion: opts.reducedMotion ?? 'no-preference',
  });
  context.setDefaultTimeout(10_000);
  // Any Content-Security-Policy violation becomes a console error, which fails the test.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.problems = () => problems.filter((p) => !/Failed to load resource: the server responded with a status of (404|409|400)/.test(p));
  page.requests = [];
  page.on('request', (r) => page.requests.push({ url: r.url(), method: r.method(), headers: r.headers() }));
  return page;
}

// ---- axe ------------------------------------------------------------------

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const axeLog = [];

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on the page; throws on any violation. */
export async function axe(page, state) {
  // The DS styles fade colours in 150 ms transitions (focus, hover, a
  // button re-enabled): checked halfway, a colour pair is neither the one
  // before nor the one after. Wait until the page's transitions and
  // animations have finished (two seconds at most), then check.
  await page.evaluate(() =>
    Promise.race([
      Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
      new Promise((r) => setTimeout(r, 2000)),
    ]),
  );
  const res = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  axeLog.push({
    state,
    url: new URL(page.url()).pathname,
    violations: res.violations.length,
    passes: res.passes.length,
    // "Needs review": what axe could not decide by itself (e.g. contrast over an outline).
    incomplete: res.incomplete.map((i) => `${i.id} (${i.nodes.length})`),
  });
  if (res.violations.length) {
    const detail = res.violations
      .map((v) => `  ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`)
      .join('\n');
    throw new Error(`axe: ${res.violations.length} WCAG violation(s) in state "${state}":\n${detail}`);
  }
  return res;
}

// ---- screenshots ------------------------------------------------------------

export const shots = [];

/** Full-page screenshots at 1280 px and 375 px wide, kept in test-results/web/. */
export async function screenshot(page, name) {
  mkdirSync(resultsDir, { recursive: true });
  const vp = page.viewportSize();
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    const file = path.join(resultsDir, `${name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
    shots.push(path.relative(repoRoot, file));
  }
  await page.setViewportSize(vp);
}

/** Fails if the page scrolls sideways at the current width (320 px, 200 % zoom). */
export async function assertNoHorizontalScroll(page, what) {
  const { sw, cw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
  if (sw > cw + 1) throw new Error(`${what}: the page is ${sw}px wide in a ${cw}px window (horizontal scrolling)`);
}

export function writeResults() {
  mkdirSync(resultsDir, { recursive: true });
  // One pair of files per test file (node --test runs each in a process
  // of its own): axe-<file>.json, every state checked, and
  // screenshots-<file>.txt.
  const file = path.basename(process.argv[1] ?? 'web', '.mjs').replace(/\.web\.test$|\.test$/, '');
  writeFileSync(path.join(resultsDir, `axe-${file}.json`), JSON.stringify(axeLog, null, 2));
  writeFileSync(path.join(resultsDir, `screenshots-${file}.txt`), shots.join('\n') + '\n');
}

// ---- e-mails ------------------------------------------------------------------

/**
 * Waits for an .eml whose file name matches re (and whose raw text accept
 * takes, when given); returns its path.
 */
export async function waitForMail(mailDir, re, timeoutMs = 20_000, accept = () => true) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(mailDir)) {
      const f = readdirSync(mailDir).find((n) => re.test(n) && accept(readFileSync(path.join(mailDir, n), 'utf8')));
      if (f) return path.join(mailDir, f);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no e-mail matching ${re} in ${mailDir} within ${timeoutMs} ms`);
}

function decodeQP(s) {
  const bytes = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Parses a MIME message far enough for the tests: every leaf part's
 * headers and decoded body (quoted-printable or base64).
 */
export function parseEml(raw) {
  const parts = [];
  const walk = (chunk) => {
    const sep = chunk.search(/\r?\n\r?\n/);
    const head = chunk.slice(0, sep).replace(/\r?\n[ \t]+/g, ' ');
    const body = chunk.slice(sep).replace(/^\r?\n\r?\n/, '');
    const headers = {};
    for (const line of head.split(/\r?\n/)) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
    }
    const ct = headers['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(ct)?.[1];
    if (/^multipart\//i.test(ct) && boundary) {
      const pieces = body.split(`--${boundary}`);
      for (const p of pieces.slice(1)) {
        if (p.startsWith('--')) break;
        walk(p.replace(/^\r?\n/, ''));
      }
      return;
    }
    const enc = (headers['content-transfer-encoding'] ?? '').toLowerCase();
    const text = enc === 'quoted-printable' ? decodeQP(body) : enc === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
    parts.push({ contentType: ct, headers, text });
  };
  walk(raw);
  return parts;
}

/** The manage link in an .eml's text part. */
export function manageLinkFromEml(file) {
  const parts = parseEml(readFileSync(file, 'utf8'));
  const text = parts.find((p) => /^text\/plain/i.test(p.contentType))?.text ?? '';
  const m = /https?:\/\/\S+\/manage#booking=[a-z0-9]+&token=[A-Za-z0-9_-]+/.exec(text);
  if (!m) throw new Error(`no manage link in ${file}:\n${text}`);
  return { url: m[0], parts };
}

// ---- keyboard ---------------------------------------------------------------

/**
 * Presses Tab (or Shift+Tab) until the focused element satisfies the
 * predicate (run in the page with the element); fails after max presses.
 */
export async function tabTo(page, what, predicate, { max = 80, back = false } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const ok = await page.evaluate(
      ([src]) => {
        const el = document.activeElement;
        // eslint-disable-next-line no-new-func
        return !!el && new Function('el', `return (${src})(el)`)(el);
      },
      [predicate.toString()],
    );
    if (ok) return;
  }
  const where = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`keyboard: ${what} not reached with ${max} ${back ? 'Shift+Tab' : 'Tab'} presses (focus is on ${where})`);
}

export async function focusedId(page) {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

/** A booking straight through the API (the "someone else" of the 409 test). */
export async function bookViaApi(url, slot, form, topic, region, extra = {}) {
  const body = {
    expertId: slot.expertId,
    start: slot.start,
    form,
    topic,
    targetGroup: 'provider',
    region,
    organisation: { name: 'Domov Jiný', ico: '00551023' },
    contact: { name: 'Jan Rychlý', email: 'jan.rychly@example.cz', phone: '603 111 222' },
    consent: { accepted: true, noticeVersion: '2026-11' },
    ...(form === 'onsite' ? { address: 'Náměstí 1, Kladno' } : {}),
    ...extra,
  };
  const r = await fetch(`${url}/v1/bookings`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), Altcha: await solvePow(url) },
    body: JSON.stringify(body),
  });
  if (r.status !== 201) throw new Error(`booking through the API: ${r.status} ${await r.text()}`);
  return r.json();
}

/**
 * Solves a proof-of-work challenge of the stack (GET /v1/challenge) as the
 * widget does, with node:crypto, and returns the Altcha header's value.
 */
export async function solvePow(url) {
  const { createHash } = await import('node:crypto');
  const r = await fetch(`${url}/v1/challenge`);
  if (r.status !== 200) throw new Error(`GET /v1/challenge: ${r.status}`);
  const c = await r.json();
  for (let n = 0; n <= c.maxnumber; n++) {
    if (createHash('sha256').update(c.salt + n).digest('hex') === c.challenge) {
      const payload = { algorithm: c.algorithm, challenge: c.challenge, number: n, salt: c.salt, signature: c.signature };
      return Buffer.from(JSON.stringify(payload)).toString('base64');
    }
  }
  throw new Error('no solution up to maxnumber');
}

// ---- PDFs -------------------------------------------------------------------

/**
 * The text a PDF shows, far enough for the tests: each content stream
 * (inflated when FlateDecode) is read for its text strings (Tj and TJ),
 * decoded from UTF-16BE when every high byte is small (what a Unicode font
 * writes for Czech and English text), else Latin-1. Not a PDF parser: enough for our own PDFs.
 */
function utf16be(bytes) {
  if (bytes.length === 0 || bytes.length % 2 !== 0) return false;
  for (let i = 0; i < bytes.length; i += 2) if (bytes[i] >= 0x30) return false;
  return true;
}

export function pdfText(buf) {
  const raw = buf.toString('latin1');
  const out = [];
  const re = /stream\r?\n/g;
  let m;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    let data = buf.subarray(start, end);
    try {
      data = zlib.inflateSync(data);
    } catch {
      /* not compressed (or not a content stream) */
    }
    const s = data.toString('latin1');
    for (const t of s.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj|\[((?:\\.|[^\]])*)\]\s*TJ/gs)) {
      const pieces = t[1] !== undefined ? [t[1]] : [...t[2].matchAll(/\(((?:\\.|[^\\)])*)\)/gs)].map((p) => p[1]);
      for (const p of pieces) {
        const bytes = Buffer.from(
          p.replace(/\\([0-7]{1,3}|.)/gs, (_, e) => {
            if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
            return { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }[e] ?? e;
          }),
          'latin1',
        );
        out.push(utf16be(bytes) ? Buffer.from(bytes).swap16().toString('utf16le') : bytes.toString('latin1'));
      }
    }
    re.lastIndex = end;
  }
  return out.join(' ');
}

// --- The staff console (web/src/staff) --------------------------------------

/**
 * Signs in to the console on the local stack's development sign-in with one
 * role and lands on next. The token lives only in the page's memory: go on
 * with clicks or goInApp, never page.goto (a new load forgets it).
 */
export async function consoleSignIn(page, baseUrl, role, next = '/staff') {
  await page.goto(`${baseUrl}/staff/sign-in?next=${encodeURIComponent(next)}`);
  await page.locator(`#role-${role}`).check();
  await page.locator('form.sign-in button[type=submit]').click();
  await page.waitForFunction((p) => location.pathname + location.search === p && !document.querySelector('main .loading'), next, { timeout: 20_000 });
}

/** Goes to a console path inside the app (as a link would), keeping the in-memory sign-in. */
export async function goInApp(page, p) {
  await page.evaluate((to) => {
    history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  }, p);
}

/** Waits until the page's h1 reads text. */
export async function waitHeading(page, text, timeout = 20_000) {
  await page.waitForFunction((t) => document.querySelector('main h1')?.textContent?.trim() === t, text, { timeout });
}

/** Fails if a token (or anything like a JWT) is in web storage or cookies. */
export async function assertNoStoredToken(page) {
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  if (/eyJ/.test(stored)) throw new Error(`a token is in web storage or cookies: ${stored}`);
}

/** Sets the viewport to 320 px wide (or zooms to 200 % at 1280 px: 640 CSS px). */
export async function narrow(page, mode = '320') {
  if (mode === '320') await page.setViewportSize({ width: 320, height: 800 });
  else await page.setViewportSize({ width: 640, height: 400 }); // 1280×800 at 200 %
}

/**
 * One local stack and one browser for a test file: started before its
 * tests (checkTools first: a missing tool fails with how to install it),
 * stopped after them. set(stack, browser) hands them to the file.
 */
export function useStack(set, opts = {}) {
  let stack;
  let browser;
  before(
    async () => {
      checkTools();
      stack = await startStack(opts);
      browser = await launchBrowser();
      set(stack, browser);
    },
    { timeout: 6 * 60_000 },
  );
  after(async () => {
    writeResults();
    await browser?.close();
    await stack?.stop();
  });
}
