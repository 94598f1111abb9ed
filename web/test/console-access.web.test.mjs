// Who may use what in the staff console, on the real local stack (brana-local
// run: the local gateway, DynamoDB Local, the demo data). For every role:
// the navigation shows exactly the screens of web/src/staff/screens.json its
// group may use; every other screen is refused with the explanation of whose
// screen it is, and calls no API; every screen it may use opens (today's
// placeholders and the real screens alike: not refused, no page error, axe
// clean, each screen once); the console's home at 320 px and at 200 % zoom.
// Without a sign-in every screen sends to the sign-in page, which returns
// there after signing in. And the API itself: every staff
// route of internal/routes answers 403 to each group it does not name,
// before it looks at the request (403, never 400).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  assertNoHorizontalScroll,
  assertNoStoredToken,
  axe,
  checkTools,
  consoleSignIn,
  goInApp,
  launchBrowser,
  narrow,
  newPage,
  repoRoot,
  startStack,
  waitHeading,
  webDir,
  writeResults,
} from './harness.mjs';

const SCREENS = JSON.parse(readFileSync(path.join(webDir, 'src', 'staff', 'screens.json'), 'utf8')).screens;
const ROLES = ['admin', 'expert', 'organiser', 'evaluator', 'viewer'];
/** The roles' names as the console shows them in Czech (web/src/staff/messages/cs.ts, signIn.roles). */
const ROLE_NAMES = { admin: 'Správce', expert: 'Konzultant', organiser: 'Pořadatel akcí', evaluator: 'Evaluátor', viewer: 'Vedení (přehledy)' };
const REFUSED = 'Sem nemáte přístup';
const NOT_FOUND = 'Stránka nenalezena';
const HOME = 'Konzole';
/** A console path no screen has: its "not found" page sits between two visits, so that each is seen rendered afresh. */
const NOWHERE = '/staff/nothing-here';

/** Sample values of the API's path parameters (a new parameter fails the test until it has one). */
const SAMPLE_PARAMS = {
  expertId: 'ex-sample',
  bookingId: 'bk-sample',
  eventId: 'ev-sample',
  registrationId: 'rg-sample',
  surveyId: 'sv-sample',
  version: '1',
  month: '2000-01',
  file: 'report.json',
  serviceId: 'svc-sample',
};

let stack;
let browser;
/** The screens axe has run on (each once, with the first role that may use it). */
const axed = new Set();

before(
  async () => {
    checkTools();
    stack = await startStack();
    browser = await launchBrowser();
  },
  { timeout: 6 * 60_000 },
);

after(async () => {
  writeResults();
  await browser?.close();
  await stack?.stop();
});

const url = (p) => `${stack.url}${p}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const isApi = (u) => new URL(u).pathname.startsWith('/v1/');

/**
 * Records the page's API requests (method, path, the page's path when it was
 * made, the answer's status), how many are still under way, and the page's
 * uncaught errors and CSP refusals with the path they happened on.
 */
function recordApi(page) {
  const rec = { calls: [], inflight: 0, faults: [] };
  page.on('pageerror', (e) => rec.faults.push({ on: new URL(page.url()).pathname, error: e.message }));
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().includes('CSP violation')) rec.faults.push({ on: new URL(page.url()).pathname, error: m.text() });
  });
  page.on('request', (r) => {
    if (!isApi(r.url())) return;
    rec.inflight++;
    r.call = { method: r.method(), path: new URL(r.url()).pathname, on: new URL(page.url()).pathname, status: 0 };
    rec.calls.push(r.call);
  });
  const done = (r) => {
    if (isApi(r.url())) rec.inflight--;
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('response', (res) => {
    const c = res.request().call;
    if (c) c.status = res.status();
  });
  return rec;
}

/** Waits until no API request has been under way for quietMs (at most 15 s). */
async function settle(rec, quietMs = 150) {
  const deadline = Date.now() + 15_000;
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs) {
    if (Date.now() > deadline) throw new Error(`API requests still under way after 15 s: ${JSON.stringify(rec.calls.filter((c) => !c.status))}`);
    if (rec.inflight > 0) quietSince = Date.now();
    await sleep(25);
  }
}

const navHrefs = (page, sel) => page.$$eval(sel, (as) => as.map((a) => a.getAttribute('href')));

describe('who may use which screen of the console', { concurrency: false }, () => {
  test('without a sign-in, every screen sends to the sign-in page and comes back there after it (next)', async () => {
    const page = await newPage(browser);
    const rec = recordApi(page);
    for (const s of SCREENS) {
      await page.goto(url(s.path));
      await page.waitForFunction(() => location.pathname === '/staff/sign-in', null, { timeout: 10_000 });
      assert.equal(new URL(page.url()).search, `?next=${encodeURIComponent(s.path)}`, `${s.path} without a sign-in`);
    }
    await waitHeading(page, 'Přihlášení do konzole');
    await settle(rec);
    assert.deepEqual(rec.calls, [], 'no API request without a sign-in');
    // Signing in there returns to the screen asked for.
    const last = SCREENS.at(-1);
    const role = ROLES.find((r) => last.groups.includes(r));
    await page.locator(`#role-${role}`).check();
    await page.locator('form.sign-in button[type=submit]').click();
    await page.waitForFunction((p) => location.pathname === p && document.querySelector('main h1'), last.path, { timeout: 20_000 });
    assert.notEqual(await page.locator('main h1').first().innerText(), REFUSED, `${role} signed in on ${last.path}`);
    assert.deepEqual(rec.faults, [], 'no page error, no CSP refusal');
    await page.context().close();
  });

  for (const role of ROLES) {
    test(`${role}: the navigation shows its screens only, every other screen is refused with the reason and calls no API, its own screens open; the home at 320 px and 200 %`, async (t) => {
      let mark = Date.now();
      const lap = (what) => {
        t.diagnostic(`${what}: ${Date.now() - mark} ms`);
        mark = Date.now();
      };
      const mine = SCREENS.filter((s) => s.groups.includes(role));
      const others = SCREENS.filter((s) => !s.groups.includes(role));
      assert.ok(mine.length > 0, `${role} has screens in screens.json`);
      const page = await newPage(browser);
      const rec = recordApi(page);
      await consoleSignIn(page, stack.url, role);
      await waitHeading(page, HOME);
      lap('signed in');

      // (a) The navigation and the home's list: exactly the role's top-level screens, in screens.json's order.
      const expectedNav = mine.filter((s) => s.nav).map((s) => s.path);
      assert.deepEqual(await navHrefs(page, 'nav.console-nav a'), expectedNav, `${role}'s navigation`);
      assert.deepEqual(await navHrefs(page, 'main .console-home__list a'), expectedNav, `${role}'s home list`);

      // The home at 320 px and at 200 % zoom: no sideways scrolling, axe clean.
      for (const mode of ['320', '200%']) {
        await narrow(page, mode);
        await assertNoHorizontalScroll(page, `the console's home for ${role} at ${mode === '320' ? '320 px' : '200 % zoom'}`);
        await axe(page, `console: home (${role}) at ${mode === '320' ? '320 px' : '200 %'}`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      lap('navigation; home at 320 px and 200 %');

      // (b) Every screen of the others: refused, naming the roles that may use it, and no API request.
      const before = rec.calls.length;
      for (const [i, s] of others.entries()) {
        await goInApp(page, NOWHERE);
        await waitHeading(page, NOT_FOUND);
        await goInApp(page, s.path);
        await waitHeading(page, REFUSED);
        assert.equal(new URL(page.url()).pathname, s.path, 'the refusal stays at the address asked for');
        const reason = await page.locator('main .gov-message').innerText();
        const names = s.groups.map((g) => ROLE_NAMES[g]);
        assert.ok(reason.includes(`pro role: ${names.join(', ')}.`), `${s.path} refused to ${role}: the reason names ${names.join(', ')}; got "${reason}"`);
        assert.ok(!reason.includes(ROLE_NAMES[role]), `the reason does not name ${role} among those who may use ${s.path}`);
        assert.equal(await page.locator('main a[href="/staff"]').count(), 1, 'a way back to the console home');
        assert.deepEqual(await navHrefs(page, 'nav.console-nav a'), expectedNav, `the navigation on a refused screen (${s.path})`);
        if (i === 0) await axe(page, `console: refused (${role} on ${s.path})`);
      }
      await settle(rec, 300);
      const refusedCalls = rec.calls.slice(before);
      assert.deepEqual(refusedCalls, [], `${role}'s refused screens call no API`);
      lap(`${others.length} refusals`);

      // (c) Every screen the role may use opens: not refused, no page error, axe clean.
      for (const s of mine) {
        await goInApp(page, NOWHERE);
        await waitHeading(page, NOT_FOUND);
        const from = rec.calls.length;
        await goInApp(page, s.path);
        // Drawn: the "not found" page gone and no chunk still loading (a screen's own error state may have no h1).
        await page.waitForFunction(
          (nf) => document.querySelector('main h1')?.textContent?.trim() !== nf && !document.querySelector('main .loading'),
          NOT_FOUND,
          { timeout: 20_000 },
        );
        await settle(rec);
        assert.notEqual(new URL(page.url()).pathname, '/staff/sign-in', `${role} stays signed in on ${s.path}`);
        const h1 = await page.$$eval('main h1', (hs) => hs.map((h) => h.textContent?.trim()));
        assert.ok(!h1.includes(REFUSED), `${role} may use ${s.path} (headings: ${h1.join(' | ')})`);
        const refusedByApi = rec.calls.slice(from).filter((c) => c.status === 401 || c.status === 403);
        assert.deepEqual(refusedByApi, [], `${s.path} asks the API only for what ${role} may read`);
        // axe once per screen, with the first role that may use it (its owner's test runs it on every state).
        if (!axed.has(s.path)) {
          axed.add(s.path);
          await axe(page, `console: ${s.path} (${role})`);
        }
      }
      lap(`${mine.length} screens of its own`);

      await assertNoStoredToken(page);
      assert.deepEqual(rec.faults, [], `${role}: no page error, no CSP refusal`);
      await page.context().close();
    });
  }

  test('the API refuses every staff route to each group it does not name: 403 before the request is read', async () => {
    const out = spawnSync('go', ['run', './web/test/tools/staffroutes'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(out.status, 0, `go run ./web/test/tools/staffroutes:\n${out.stderr}`);
    const staffRoutes = JSON.parse(out.stdout);
    assert.ok(staffRoutes.length >= 40, `the route table's staff routes (${staffRoutes.length})`);
    const tokens = Object.fromEntries(ROLES.map((r) => [r, stack.staffToken(r)]));

    const ask = async (r, role) => {
      const p = r.path.replace(/\{(\w+)\}/g, (_, name) => {
        assert.ok(SAMPLE_PARAMS[name], `a sample value for the path parameter {${name}} of ${r.method} ${r.path}`);
        return SAMPLE_PARAMS[name];
      });
      const write = r.method !== 'GET';
      const res = await fetch(url(p), {
        method: r.method,
        headers: { Authorization: `Bearer ${tokens[role]}`, 'Accept-Language': 'cs', ...(write ? { 'Content-Type': 'application/json' } : {}) },
        body: write ? '{}' : undefined,
        redirect: 'manual',
      });
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
    };

    const wrong = [];
    let refusals = 0;
    for (const r of staffRoutes) {
      for (const role of ROLES.filter((g) => !r.groups.includes(g))) {
        const res = await ask(r, role);
        refusals++;
        if (res.status !== 403 || !res.type.startsWith('application/problem+json')) {
          wrong.push(`${role}: ${r.method} ${r.path} → ${res.status} ${res.type} ${res.body.slice(0, 120)}`);
        } else {
          const problem = JSON.parse(res.body);
          if (problem.status !== 403 || problem.code !== 'forbidden') wrong.push(`${role}: ${r.method} ${r.path} → ${res.body.slice(0, 160)}`);
        }
      }
      // The same request from a group the route names gets past the check (so the refusals above are the group's).
      const allowed = r.groups.includes('admin') ? 'admin' : r.groups[0];
      const res = await ask(r, allowed);
      if (res.status === 401 || res.status === 403) wrong.push(`${allowed} (named): ${r.method} ${r.path} → ${res.status} ${res.body.slice(0, 120)}`);
    }
    assert.deepEqual(wrong, [], 'every other group refused with a 403 problem, every named group let through');
    assert.ok(refusals >= 100, `${refusals} refusals asked for`);
  });
});
