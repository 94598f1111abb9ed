// The staff console's first slice on the real local stack (brana-local
// run: the local gateway, DynamoDB Local, the demo data of Oct–Nov 2026):
// the local development sign-in, the viewer's reports and register, the
// evaluator's refusal; keyboard only, at 320 px, axe on every state, the
// token never in web storage.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  assertNoHorizontalScroll,
  axe,
  newPage,
  resultsDir,
  screenshot,
  tabTo,
  useStack,
} from './harness.mjs';

/** The console's first load (the sign-in page), compressed, headers included (docs/benchmarks.md). */
const CONSOLE_WEIGHT_LIMIT = 150 * 1024;

let stack;
let browser;
useStack((s, b) => {
  stack = s;
  browser = b;
});

const url = (p) => `${stack.url}${p}`;

async function heading(page, text) {
  await page.waitForFunction((t) => document.querySelector('main h1')?.textContent?.trim() === t, text, { timeout: 20_000 });
}

async function noStoredToken(page) {
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  assert.ok(!/eyJ/.test(stored), `no token in web storage or cookies: ${stored}`);
}

/** Compiles October 2026 through the admin re-run route and waits until it is listed. */
async function compileOctober() {
  const admin = stack.staffToken('admin');
  const r = await fetch(url('/v1/staff/reports/2026-10/runs'), { method: 'POST', headers: { Authorization: `Bearer ${admin}` } });
  assert.equal(r.status, 202, await r.text());
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const l = await (await fetch(url('/v1/staff/reports'), { headers: { Authorization: `Bearer ${admin}` } })).json();
    if (l.items?.some((v) => v.month === '2026-10')) return;
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error('the October report was not compiled within a minute');
}

describe('the staff console on the local stack', { concurrency: false }, () => {
  test('a screen without a sign-in sends to the sign-in page', async () => {
    const page = await newPage(browser);
    await page.goto(url('/staff/reports'));
    await heading(page, 'Přihlášení do konzole');
    assert.match(page.url(), /\/staff\/sign-in\?next=%2Fstaff%2Freports$/);
    await page.waitForSelector('#role-viewer');
    await axe(page, 'console: sign-in');
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });

  test('where neither the cloud sign-in (config.json) nor the development sign-in answers, the page says the sign-in is not available', async () => {
    const page = await newPage(browser);
    // A front door with neither: no /staff/config.json (as locally), and
    // the page's own HTML for /local/dev-token (as in the cloud).
    await page.route('**/local/dev-token', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>x</title>' }));
    await page.goto(url('/staff/sign-in'));
    await page.waitForSelector('main .gov-message');
    assert.match(await page.locator('main').innerText(), /Přihlášení teď není k dispozici/);
    assert.equal(await page.locator('form.sign-in').count(), 0);
    await axe(page, 'console: sign-in not offered');
    await page.context().close();
  });

  test('the viewer, keyboard only at 320 px: reports, the October report, the XLSX, the register', async () => {
    await compileOctober();
    const page = await newPage(browser);
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(url('/staff/sign-in'));
    await page.waitForSelector('#role-viewer');
    // Keyboard only: to the role radios, choose the viewer, submit.
    await tabTo(page, 'a role', (el) => el.name === 'role');
    for (let i = 0; i < 6 && (await page.evaluate(() => document.activeElement.id)) !== 'role-viewer'; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'role-viewer');
    await page.keyboard.press('Enter');
    await heading(page, 'Konzole');
    await noStoredToken(page);
    await axe(page, 'console: home (viewer)');

    await tabTo(page, 'the reports link', (el) => el.getAttribute('href') === '/staff/reports');
    await page.keyboard.press('Enter');
    await heading(page, 'Měsíční přehledy');
    await page.waitForSelector('a[href="/staff/reports/2026-10"]');
    await axe(page, 'console: reports list');
    await assertNoHorizontalScroll(page, 'reports list at 320 px');

    await tabTo(page, 'the October report', (el) => el.getAttribute('href') === '/staff/reports/2026-10');
    await page.keyboard.press('Enter');
    await heading(page, 'Přehled za říjen 2026');
    await page.waitForSelector('dl.figures');
    const figures = await page.locator('dl.figures dt').allInnerTexts();
    for (const want of ['Uskutečněné konzultace', 'EECO18', 'EECO19', 'Uskutečněné akce', 'Účast na akcích', 'Průměrná spokojenost', 'NPS', 'Transformované služby']) {
      assert.ok(figures.some((f) => f.includes(want)), `headline "${want}" in ${figures}`);
    }
    assert.match(await page.locator('#fig-transformation-services_transformed').innerText(), /z 40$/);
    assert.equal(await page.locator('progress#progress').getAttribute('max'), '40');
    await axe(page, 'console: October report');
    await screenshot(page, 'console-report');
    await page.setViewportSize({ width: 320, height: 800 });
    await assertNoHorizontalScroll(page, 'report at 320 px');

    await tabTo(page, 'the XLSX download', (el) => el.id === 'dl-report-xlsx');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const bytes = readFileSync(await download.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a ZIP');
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const dl = page.requests.find((r) => r.url.endsWith('/versions/1/files/report.xlsx'));
    assert.match(dl?.headers.authorization ?? '', /^Bearer /, 'the download carries the token in a header');
    assert.ok(!/eyJ/.test(dl.url), 'never in the URL');

    await tabTo(page, 'the register link', (el) => el.getAttribute('href') === '/staff/transformation', { back: true, max: 120 });
    await page.keyboard.press('Enter');
    await heading(page, 'Registr transformace');
    await page.waitForSelector('table.data-table, .gov-message');
    await axe(page, 'console: register');
    await screenshot(page, 'console-register');
    await page.setViewportSize({ width: 320, height: 800 });
    await assertNoHorizontalScroll(page, 'register at 320 px');
    await noStoredToken(page);

    // The same screens in English.
    await page.getByRole('button', { name: 'English' }).click();
    await heading(page, 'Transformation register');
    await page.getByRole('link', { name: 'Monthly reports' }).click();
    await heading(page, 'Monthly reports');
    await page.locator('a[href="/staff/reports/2026-10"]').click();
    await heading(page, 'Report for October 2026');
    await page.waitForSelector('dl.figures');
    assert.match(await page.locator('#fig-transformation-services_transformed').innerText(), /of 40$/);
    await axe(page, 'console: October report (English)');

    // Sign out forgets the token: a screen sends to the sign-in again.
    await page.locator('#sign-out').focus();
    await page.keyboard.press('Enter');
    await heading(page, 'Sign in to the console');
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });

  test('an evaluator is told the reports are not for them', async () => {
    const page = await newPage(browser, { locale: 'en-GB' });
    await page.goto(url('/staff/sign-in?next=%2Fstaff%2Freports'));
    await page.locator('#role-evaluator').check();
    await page.locator('form.sign-in button[type=submit]').click();
    await page.waitForFunction(() => /access|přístup/.test(document.querySelector('main h1')?.textContent ?? ''), null, { timeout: 20_000 });
    assert.match(await page.locator('main').innerText(), /Management \(reports\)|Vedení \(přehledy\)/);
    assert.equal(await page.locator('a[href="/staff/reports"]').count(), 0, 'no reports in the evaluator’s navigation');
    await axe(page, 'console: 403 (evaluator)');
    await noStoredToken(page);
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });

  test(`the console's first load weighs at most ${CONSOLE_WEIGHT_LIMIT / 1024} KB compressed, all from our origin`, async () => {
    const page = await newPage(browser);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const reqs = new Map();
    cdp.on('Network.requestWillBeSent', (e) => reqs.set(e.requestId, { url: e.request.url, bytes: 0 }));
    cdp.on('Network.responseReceived', (e) => {
      const r = reqs.get(e.requestId);
      if (r) r.encoding = e.response.headers['Content-Encoding'] ?? e.response.headers['content-encoding'] ?? '';
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = reqs.get(e.requestId);
      if (r) r.bytes = e.encodedDataLength;
    });
    await page.goto(url('/staff/sign-in'), { waitUntil: 'networkidle' });
    await page.waitForSelector('#role-viewer');
    await page.waitForLoadState('networkidle');
    const list = [...reqs.values()];
    const total = list.reduce((s, r) => s + r.bytes, 0);
    for (const r of list) assert.equal(new URL(r.url).origin, new URL(stack.url).origin, `a request leaves our origin: ${r.url}`);
    const report = {
      page: '/staff/sign-in',
      measured: new Date().toISOString(),
      server: 'brana-local run (the local gateway: gzip, the front door headers)',
      requests: list.length,
      totalBytes: total,
      limitBytes: CONSOLE_WEIGHT_LIMIT,
      items: list.map((r) => ({ path: new URL(r.url).pathname, encoding: r.encoding, bytes: r.bytes })),
    };
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(path.join(resultsDir, 'console-page-weight.json'), JSON.stringify(report, null, 2));
    console.log(`page weight of /staff/sign-in: ${total} bytes in ${list.length} requests\n${report.items.map((i) => `  ${String(i.bytes).padStart(6)} B  ${(i.encoding || 'none').padEnd(5)} ${i.path}`).join('\n')}`);
    assert.ok(total <= CONSOLE_WEIGHT_LIMIT, `the console's first load is ${total} bytes, over ${CONSOLE_WEIGHT_LIMIT}`);
    await page.context().close();
  });
});
