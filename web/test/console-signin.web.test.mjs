// The staff console's cloud sign-in on the real local stack: the
// authorization code flow with PKCE against a FAKE Cognito Hosted UI on
// loopback (node:http, below), which checks what Cognito checks (client,
// redirect URI, S256 challenge against the verifier, one-time codes,
// revoked refresh tokens) and issues access tokens the local gateway
// accepts (HS256 with the stack's development secret, as `make token`).
//
// The local gateway serves no /staff/config.json (that is how the console
// knows to offer the development sign-in); here page.route answers it,
// pointing at the fake. The staff page's CSP then gets the fake's origin
// in connect-src, as the CDK stack's staff policy adds the Hosted UI's
// (frontdoor.StaffContentSecurityPolicy): everything else is the real
// header the local gateway sent.
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  assertNoHorizontalScroll,
  assertNoStoredToken,
  axe,
  checkTools,
  goInApp,
  launchBrowser,
  narrow,
  newPage,
  startStack,
  tabTo,
  waitHeading,
  writeResults,
} from './harness.mjs';

const CLIENT_ID = 'brana-test-client';
/** The first access token's lifetime: the console renews 2 minutes before expiry, so after about 6 s. */
const FIRST_LIFETIME_S = 126;

let stack;
let browser;
let fake;

before(
  async () => {
    checkTools();
    stack = await startStack();
    browser = await launchBrowser();
    const secret = Buffer.from(readFileSync(path.join(stack.dataDir, 'dev-jwt.secret'), 'utf8').trim(), 'hex');
    fake = await fakeProvider({
      secret,
      redirectUri: `${stack.url}/staff/callback`,
      logoutUri: `${stack.url}/staff/`,
      consoleOrigin: new URL(stack.url).origin,
    });
  },
  { timeout: 6 * 60_000 },
);

after(async () => {
  writeResults();
  await browser?.close();
  await fake?.close();
  await stack?.stop();
});

const url = (p) => `${stack.url}${p}`;

// ---- the fake Hosted UI -------------------------------------------------------

const b64url = (buf) => Buffer.from(buf).toString('base64url');

function jwt(secret, claims) {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  return `${head}.${body}.${b64url(createHmac('sha256', secret).update(`${head}.${body}`).digest())}`;
}

/** The development subject of each group (infra/local/token.go devSubjects). */
const SUBJECTS = { viewer: 'dev-viewer', admin: 'dev-admin', evaluator: 'dev-evaluator' };

/**
 * A fake Cognito Hosted UI: /oauth2/authorize signs in at once as
 * fake.group and sends the browser back with a code (or an error); /oauth2/token
 * exchanges it (checking the verifier against the S256 challenge) and
 * renews with refresh tokens; /oauth2/revoke revokes; /logout sends the
 * browser back to the logout URI. Everything it saw is in fake.log.
 */
function fakeProvider({ secret, redirectUri, logoutUri, consoleOrigin }) {
  const codes = new Map(); // code -> { challenge, nonce, group, redirectUri }
  const refresh = new Map(); // refresh token -> { group, revoked }
  const f = {
    group: 'viewer',
    forgeState: false,
    deny: false,
    refuseRefresh: false,
    log: [], // { what, ... }
    issued: [], // access tokens, in order
    origin: '',
    seen: (what) => f.log.filter((e) => e.what === what),
  };
  const issue = (group, lifetime) => {
    const now = Math.floor(Date.now() / 1000);
    const token = jwt(secret, {
      iss: 'brana-local', aud: 'brana-local', sub: SUBJECTS[group], token_use: 'access', 'cognito:groups': [group], iat: now, exp: now + lifetime,
    });
    f.issued.push(token);
    return token;
  };
  const json = (res, status, body) => {
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      'Access-Control-Allow-Origin': consoleOrigin,
    });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer(async (req, res) => {
    const u = new URL(req.url, f.origin);
    let body = '';
    for await (const chunk of req) body += chunk;
    const form = new URLSearchParams(body);
    if (req.method === 'OPTIONS') {
      // Simple form POSTs need no preflight; a console that sent one would be refused here.
      f.log.push({ what: 'preflight', path: u.pathname });
      res.writeHead(403).end();
      return;
    }
    if (req.method === 'GET' && u.pathname === '/oauth2/authorize') {
      const q = u.searchParams;
      const entry = { what: 'authorize', query: Object.fromEntries(q) };
      f.log.push(entry);
      const problems = [];
      if (q.get('response_type') !== 'code') problems.push('response_type');
      if (q.get('client_id') !== CLIENT_ID) problems.push('client_id');
      if (q.get('redirect_uri') !== redirectUri) problems.push('redirect_uri');
      if (q.get('code_challenge_method') !== 'S256') problems.push('code_challenge_method');
      if (!/^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? '')) problems.push('code_challenge');
      if (!q.get('state') || !q.get('nonce')) problems.push('state/nonce');
      if (!(q.get('scope') ?? '').split(' ').includes('openid')) problems.push('scope');
      if (problems.length) {
        entry.refused = problems;
        res.writeHead(400, { 'Content-Type': 'text/plain' }).end(`bad request: ${problems.join(', ')}`);
        return;
      }
      const back = new URL(redirectUri);
      back.searchParams.set('state', f.forgeState ? 'forged-state-from-elsewhere' : q.get('state'));
      if (f.deny) back.searchParams.set('error', 'access_denied');
      else {
        const code = b64url(randomBytes(18));
        codes.set(code, { challenge: q.get('code_challenge'), nonce: q.get('nonce'), group: f.group, redirectUri: q.get('redirect_uri') });
        back.searchParams.set('code', code);
      }
      // Back to the console as the Hosted UI's page does after signing
      // in, but by a navigation of the page rather than an HTTP redirect:
      // Playwright routes no request a redirect makes, and the callback
      // page must get the staff CSP (cloudPage).
      const href = back.toString().replaceAll('&', '&amp;');
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(`<!doctype html><html lang="en"><title>Fake Hosted UI</title><meta http-equiv="refresh" content="0;url=${href}"><p>Signed in.</p></html>`);
      return;
    }
    if (req.method === 'POST' && u.pathname === '/oauth2/token') {
      const entry = { what: form.get('grant_type'), form: Object.fromEntries(form), contentType: req.headers['content-type'] };
      f.log.push(entry);
      if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') || form.get('client_id') !== CLIENT_ID) {
        entry.refused = 'invalid_client';
        return json(res, 400, { error: 'invalid_client' });
      }
      if (form.get('grant_type') === 'authorization_code') {
        const c = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? ''); // one use only
        const verifier = form.get('code_verifier') ?? '';
        const challenge = b64url(createHash('sha256').update(verifier).digest());
        if (!c || c.redirectUri !== form.get('redirect_uri') || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || challenge !== c.challenge) {
          entry.refused = 'invalid_grant';
          return json(res, 400, { error: 'invalid_grant' });
        }
        const rt = b64url(randomBytes(32));
        refresh.set(rt, { group: c.group, revoked: false });
        const now = Math.floor(Date.now() / 1000);
        return json(res, 200, {
          access_token: issue(c.group, FIRST_LIFETIME_S),
          id_token: jwt(secret, { iss: f.origin, aud: CLIENT_ID, sub: SUBJECTS[c.group], nonce: c.nonce, token_use: 'id', iat: now, exp: now + 3600 }),
          refresh_token: rt,
          expires_in: FIRST_LIFETIME_S,
          token_type: 'Bearer',
        });
      }
      if (form.get('grant_type') === 'refresh_token') {
        const r = refresh.get(form.get('refresh_token') ?? '');
        if (!r || r.revoked || f.refuseRefresh) {
          entry.refused = 'invalid_grant';
          return json(res, 400, { error: 'invalid_grant' });
        }
        return json(res, 200, { access_token: issue(r.group, 3600), expires_in: 3600, token_type: 'Bearer' });
      }
      return json(res, 400, { error: 'unsupported_grant_type' });
    }
    if (req.method === 'POST' && u.pathname === '/oauth2/revoke') {
      f.log.push({ what: 'revoke', form: Object.fromEntries(form) });
      const r = refresh.get(form.get('token') ?? '');
      if (form.get('client_id') !== CLIENT_ID) return json(res, 400, { error: 'invalid_client' });
      if (r) r.revoked = true;
      res.writeHead(200, { 'Access-Control-Allow-Origin': consoleOrigin, 'Content-Length': '0' }).end();
      return;
    }
    if (req.method === 'GET' && u.pathname === '/logout') {
      f.log.push({ what: 'logout', query: Object.fromEntries(u.searchParams) });
      if (u.searchParams.get('client_id') !== CLIENT_ID || u.searchParams.get('logout_uri') !== logoutUri) {
        res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad logout');
        return;
      }
      res.writeHead(302, { Location: logoutUri }).end();
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      f.origin = `http://127.0.0.1:${server.address().port}`;
      f.close = () => new Promise((r) => server.close(r));
      f.refreshTokenValid = (rt) => !!refresh.get(rt) && !refresh.get(rt).revoked;
      resolve(f);
    });
  });
}

// ---- the console, configured for the fake ---------------------------------------

/**
 * A page whose console finds /staff/config.json pointing at the fake, and
 * whose staff page's CSP allows the fake's origin in connect-src (and
 * nothing else changed).
 */
async function cloudPage(opts = {}) {
  const page = await newPage(browser, opts);
  // A document page.route fulfils has no address of its own, so Chromium
  // takes the console for a public site reaching into the loopback (the
  // fake): Local Network Access asks the person, and headless says no.
  // The real console and Hosted UI are both public: no such question.
  await page.context().grantPermissions(['local-network-access'], { origin: new URL(stack.url).origin });
  page.csp = [];
  await page.route(`${stack.url}/staff/config.json`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: { 'Cache-Control': 'no-cache' },
      body: JSON.stringify({ cognitoHost: fake.origin, clientId: CLIENT_ID, redirectUri: url('/staff/callback'), logoutUri: url('/staff/') }),
    }),
  );
  await page.route(
    (u) => u.origin === new URL(stack.url).origin && (u.pathname === '/staff' || u.pathname.startsWith('/staff/')) && u.pathname !== '/staff/config.json',
    async (route) => {
      if (route.request().resourceType() !== 'document') return route.fallback();
      const response = await route.fetch();
      const headers = response.headers();
      const csp = headers['content-security-policy'];
      page.csp.push(csp);
      assert.match(csp, /(^|; )connect-src 'self'(;|$)/, `the local gateway's staff CSP: ${csp}`);
      headers['content-security-policy'] = csp.replace(/(^|; )connect-src 'self'/, `$1connect-src 'self' ${fake.origin}`);
      await route.fulfill({ response, headers });
    },
  );
  return page;
}

/** The console's session storage and cookies, for "nothing is left behind". */
async function leftBehind(page) {
  return {
    session: await page.evaluate(() => ({ ...sessionStorage })),
    local: await page.evaluate(() => Object.keys(localStorage)),
    cookies: await page.context().cookies(),
  };
}

async function signInCloud(page, next = '/staff/reports') {
  await page.goto(url(next));
  await page.waitForURL((u) => u.pathname === '/staff/sign-in');
  await page.locator('#sign-in-cloud').click();
  await page.waitForURL((u) => u.pathname === next, { timeout: 20_000 }).catch(async (e) => {
    throw new Error(`the console did not reach ${next}: it shows "${await page.locator('main').innerText()}"; problems ${page.problems()}; the fake saw ${JSON.stringify(fake.log.slice(-3))}`, { cause: e });
  });
}

describe('the console signs in through the Hosted UI (PKCE) on the local stack', { concurrency: false }, () => {
  test('locally there is no config.json: the development sign-in stays, under the public CSP', async () => {
    const r = await fetch(url('/staff/config.json'));
    assert.equal(r.status, 404);
    const page = await newPage(browser);
    const doc = await page.goto(url('/staff/sign-in'));
    assert.match(doc.headers()['content-security-policy'], /(^|; )connect-src 'self'(;|$)/);
    await page.locator('#role-viewer').waitFor();
    assert.equal(await page.locator('#sign-in-cloud').count(), 0);
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });

  test('the PKCE round trip signs in, keeps no token in storage, renews before expiry and signs out', async () => {
    const page = await cloudPage();
    fake.group = 'viewer';
    await page.goto(url('/staff/reports'));
    await page.waitForURL((u) => u.pathname === '/staff/sign-in' && u.searchParams.get('next') === '/staff/reports');
    await page.locator('#sign-in-cloud').waitFor();
    assert.equal(await page.locator('#sign-in-cloud').textContent(), 'Přihlásit se účtem ministerstva');
    assert.equal(await page.locator('form.sign-in').count(), 0, 'no development role picker in the cloud');
    await axe(page, 'console: cloud sign-in');
    await narrow(page, '320');
    await assertNoHorizontalScroll(page, 'cloud sign-in at 320 px');
    await narrow(page, '200%');
    await assertNoHorizontalScroll(page, 'cloud sign-in at 200 %');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Keyboard only: Tab to the button, Enter.
    const before = fake.log.length;
    await tabTo(page, 'the sign-in button', (el) => el.id === 'sign-in-cloud');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/staff/reports', { timeout: 20_000 });
    await waitHeading(page, 'Měsíční přehledy');

    // What the fake saw: S256 with a 43-char challenge, then the exchange with the matching verifier.
    const [auth] = fake.log.slice(before).filter((e) => e.what === 'authorize');
    assert.ok(auth && !auth.refused, `authorize: ${JSON.stringify(auth)}`);
    assert.equal(auth.query.code_challenge_method, 'S256');
    assert.equal(auth.query.redirect_uri, url('/staff/callback'));
    const [exchange] = fake.log.slice(before).filter((e) => e.what === 'authorization_code');
    assert.ok(exchange && !exchange.refused, `token exchange: ${JSON.stringify(exchange)}`);
    assert.match(exchange.form.code_verifier, /^[A-Za-z0-9_-]{43,128}$/);
    assert.equal(b64url(createHash('sha256').update(exchange.form.code_verifier).digest()), auth.query.code_challenge);
    assert.match(exchange.contentType, /^application\/x-www-form-urlencoded/);
    assert.equal(fake.seen('preflight').length, 0);

    // Signed in as the viewer: the nav shows the viewer's screens only.
    const nav = await page.locator('nav.console-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const screens = JSON.parse(readFileSync(new URL('../src/staff/screens.json', import.meta.url), 'utf8')).screens;
    assert.deepEqual(nav, screens.filter((x) => x.nav && x.groups.includes('viewer')).map((x) => x.path));
    // The code is gone from the address, and nothing is left in storage.
    assert.equal(new URL(page.url()).search, '');
    assert.equal(await page.evaluate(() => history.length >= 1 && !location.href.includes('code=')), true);
    await assertNoStoredToken(page);
    const left = await leftBehind(page);
    assert.deepEqual(left.session, {}, 'the verifier and state are removed from sessionStorage');
    assert.deepEqual(left.cookies, []);
    assert.ok(left.local.every((k) => k === 'brana.lang'), `localStorage keys: ${left.local}`);
    // The API calls carry the access token the fake issued.
    const first = fake.issued.at(-1);
    const reportsCall = page.requests.findLast((r) => r.url.endsWith('/v1/staff/reports'));
    assert.equal(reportsCall?.headers.authorization, `Bearer ${first}`);

    // Renewal: about 6 s in (2 minutes before the 126 s token expires), with the refresh token.
    const deadline = Date.now() + 30_000;
    while (fake.seen('refresh_token').length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const [renewal] = fake.seen('refresh_token');
    assert.ok(renewal && !renewal.refused, `renewal: ${JSON.stringify(renewal)}`);
    assert.equal(renewal.form.refresh_token.length > 20, true);
    const renewed = fake.issued.at(-1);
    assert.notEqual(renewed, first);
    await goInApp(page, '/staff/transformation');
    await waitHeading(page, 'Registr transformace');
    await page.waitForFunction(() => !document.querySelector('main [role=status]')?.textContent?.includes('Načítá'), null, { timeout: 10_000 }).catch(() => {});
    const registerCall = page.requests.findLast((r) => r.url.includes('/v1/staff/transformation/services'));
    assert.equal(registerCall?.headers.authorization, `Bearer ${renewed}`, 'later API calls carry the renewed token');
    assert.equal(await page.locator('main [role=alert]').count(), 0, 'the API accepted the renewed token');
    await assertNoStoredToken(page);

    // Sign-out (keyboard): the refresh token is revoked, the fake's logout, then the console.
    await tabTo(page, 'the sign-out button', (el) => el.id === 'sign-out');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.href === url('/staff/'), { timeout: 20_000 });
    await waitHeading(page, 'Konzole pro konzultanty a tým programu');
    const [revoke] = fake.seen('revoke');
    assert.equal(revoke?.form.token, renewal.form.refresh_token);
    assert.equal(revoke?.form.client_id, CLIENT_ID);
    assert.equal(fake.refreshTokenValid(renewal.form.refresh_token), false);
    const [logout] = fake.seen('logout');
    assert.deepEqual(logout?.query, { client_id: CLIENT_ID, logout_uri: url('/staff/') });
    assert.equal(await page.locator('nav.console-nav').count(), 0, 'signed out: no console navigation');
    await assertNoStoredToken(page);
    assert.deepEqual((await leftBehind(page)).session, {});
    // The staff page's CSP was the gateway's staff CSP every time.
    assert.ok(page.csp.length >= 2);
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });

  test('an answer with a wrong state is refused, and nothing is exchanged', async () => {
    const page = await cloudPage({ locale: 'en-GB' });
    // English chosen earlier with the language switch (kept across the round trip).
    await page.addInitScript(() => localStorage.setItem('brana.lang', 'en'));
    fake.forgeState = true;
    try {
      await page.goto(url('/staff/sign-in'));
      await page.locator('#sign-in-cloud').waitFor();
      assert.equal(await page.locator('#sign-in-cloud').textContent(), 'Sign in with the ministry account');
      await axe(page, 'console: cloud sign-in (English)');
      const exchanges = fake.seen('authorization_code').length;
      await page.locator('#sign-in-cloud').click();
      await page.waitForURL((u) => u.pathname === '/staff/callback');
      const alert = page.locator('main [role=alert]');
      await alert.waitFor();
      assert.match(await alert.textContent(), /does not belong to a sign-in started in this browser window/);
      await waitHeading(page, 'The sign-in was not completed');
      assert.equal(await page.evaluate(() => document.activeElement?.matches('main h1')), true, 'focus on the heading');
      assert.equal(fake.seen('authorization_code').length, exchanges, 'no code was exchanged');
      assert.equal(new URL(page.url()).search, '', 'the code is gone from the address');
      assert.deepEqual((await leftBehind(page)).session, {}, 'the verifier is gone');
      await axe(page, 'console: callback refused (wrong state)');
      await narrow(page, '320');
      await assertNoHorizontalScroll(page, 'refused callback at 320 px');
      await narrow(page, '200%');
      await assertNoHorizontalScroll(page, 'refused callback at 200 %');
      // The way back: sign in again, now with the right state.
      fake.forgeState = false;
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByRole('link', { name: 'Sign in again' }).click();
      await page.locator('#sign-in-cloud').click();
      await page.waitForURL((u) => u.pathname === '/staff', { timeout: 20_000 });
      await page.locator('nav.console-nav').waitFor();
      assert.deepEqual(page.problems(), []);
    } finally {
      fake.forgeState = false;
      await page.context().close();
    }
  });

  test('a sign-in the Hosted UI did not complete is explained; a next address off the console is not followed', async () => {
    const page = await cloudPage();
    fake.deny = true;
    try {
      await page.goto(url('/staff/sign-in'));
      await page.locator('#sign-in-cloud').click();
      await page.waitForURL((u) => u.pathname === '/staff/callback');
      await page.locator('main [role=alert]').waitFor();
      assert.match(await page.locator('main [role=alert]').textContent(), /nedokončila/);
      await axe(page, 'console: callback denied');
      assert.deepEqual((await leftBehind(page)).session, {});
      // After signing in, only a console path is followed: never another site.
      fake.deny = false;
      await page.goto(url(`/staff/sign-in?next=${encodeURIComponent('//evil.example/staff/reports')}`));
      await page.locator('#sign-in-cloud').click();
      await page.waitForURL((u) => u.href === url('/staff'), { timeout: 20_000 });
      await page.locator('nav.console-nav').waitFor();
    } finally {
      fake.deny = false;
      await page.context().close();
    }
  });

  test('a refused renewal ends the sign-in, says so, and comes back to the page after signing in again', async () => {
    const page = await cloudPage();
    fake.refuseRefresh = true;
    try {
      await signInCloud(page, '/staff/reports');
      await waitHeading(page, 'Měsíční přehledy');
      await page.waitForURL((u) => u.pathname === '/staff/sign-in' && u.searchParams.get('next') === '/staff/reports', { timeout: 30_000 });
      const alert = page.locator('main [role=alert]');
      await alert.waitFor();
      assert.match(await alert.textContent(), /nepodařilo prodloužit/);
      assert.equal(await page.locator('nav.console-nav').count(), 0);
      await axe(page, 'console: sign-in after a refused renewal');
      fake.refuseRefresh = false;
      await page.locator('#sign-in-cloud').click();
      await page.waitForURL((u) => u.pathname === '/staff/reports', { timeout: 20_000 });
      await waitHeading(page, 'Měsíční přehledy');
      await assertNoStoredToken(page);
      assert.deepEqual(page.problems(), []);
    } finally {
      fake.refuseRefresh = false;
      await page.context().close();
    }
  });
});
