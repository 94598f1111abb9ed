// The staff console's admin slice on the real local stack (brana-local run:
// the local gateway, DynamoDB Local, the demo data): keyboard only, an
// admin records a phase change of a demo service (a field error first,
// then the change) and starts a re-run of October 2026; axe on every state;
// a viewer sees neither control.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { axe, newPage, tabTo, useStack } from './harness.mjs';

let stack;
let browser;
useStack((s, b) => {
  stack = s;
  browser = b;
});

const url = (p) => `${stack.url}${p}`;
const PHASES = ['joined', 'plan_drafted', 'plan_approved', 'in_implementation', 'transformed'];
const CS = { joined: 'Zapojena', plan_drafted: 'Návrh plánu', plan_approved: 'Schválený plán', in_implementation: 'Probíhá transformace', transformed: 'Transformována' };

async function heading(page, text) {
  await page.waitForFunction((t) => document.querySelector('main h1')?.textContent?.trim() === t, text, { timeout: 20_000 });
}

const api = async (p, init = {}) => {
  const r = await fetch(url(p), { ...init, headers: { Authorization: `Bearer ${stack.staffToken('admin')}`, ...(init.headers ?? {}) } });
  return { status: r.status, body: await r.json().catch(() => null) };
};

/** Compiles October 2026 through the re-run route and waits until it is listed. */
async function compileOctober() {
  const r = await api('/v1/staff/reports/2026-10/runs', { method: 'POST' });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await api('/v1/staff/reports')).body?.items?.some((v) => v.month === '2026-10')) return;
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error('the October report was not compiled within a minute');
}

async function signIn(page, role) {
  await page.goto(url('/staff/sign-in'));
  await page.waitForSelector(`#role-${role}`);
  await tabTo(page, 'a role', (el) => el.name === 'role');
  for (let i = 0; i < 6 && (await page.evaluate(() => document.activeElement.id)) !== `role-${role}`; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.id), `role-${role}`);
  await page.keyboard.press('Enter');
  await heading(page, 'Konzole');
}

describe('the staff console: admin changes on the local stack', { concurrency: false }, () => {
  test('an admin, keyboard only: a phase change of a demo service, and a re-run of October 2026', async () => {
    await compileOctober();
    const services = (await api('/v1/staff/transformation/services')).body.items;
    const svc = services.find((s) => s.phase !== 'transformed');
    assert.ok(svc, `a demo service not yet transformed in ${services.map((s) => `${s.id}:${s.phase}`)}`);
    const next = PHASES[PHASES.indexOf(svc.phase) + 1];

    const page = await newPage(browser);
    await signIn(page, 'admin');
    await tabTo(page, 'the register link', (el) => el.getAttribute('href') === '/staff/transformation');
    await page.keyboard.press('Enter');
    await heading(page, 'Registr transformace');
    await page.waitForSelector(`#change-${svc.id}`);
    await axe(page, 'console: register (admin)');

    await tabTo(page, 'a change button', (el) => el.id.startsWith('change-'), { max: 200 });
    // Tab on to the service we chose.
    for (let i = 0; i < 80 && (await page.evaluate(() => document.activeElement.id)) !== `change-${svc.id}`; i++) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), `change-${svc.id}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'phase-title', null, { timeout: 10_000 });
    assert.equal(await page.locator('#phase').inputValue(), next, 'the next phase is offered first');
    await axe(page, 'console: phase change form');

    // A date that is no date: the error is next to its field, read with it, and focused.
    await tabTo(page, 'the date field', (el) => el.id === 'date');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('2026-13-45');
    await tabTo(page, 'the submit button', (el) => el.id === 'phase-submit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#date-error');
    await page.waitForFunction(() => document.activeElement?.id === 'date', null, { timeout: 10_000 });
    assert.match(await page.locator('#date').getAttribute('aria-describedby'), /date-error/);
    assert.equal(await page.locator('#date').getAttribute('aria-invalid'), 'true');
    await axe(page, 'console: phase change, a field error');

    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Prague' }).format(new Date()));
    await tabTo(page, 'the submit button', (el) => el.id === 'phase-submit');
    await page.keyboard.press('Enter');
    await page.waitForFunction(([id, want]) => document.querySelector(`#service-${id} .phase-cell`)?.textContent?.trim() === want, [svc.id, CS[next]], { timeout: 20_000 });
    await page.waitForFunction((id) => document.activeElement?.id === `change-${id}`, svc.id, { timeout: 10_000 });
    assert.equal(await page.locator('#phase-title').count(), 0, 'the form is closed');
    const stored = (await api(`/v1/staff/transformation/services/${svc.id}`)).body;
    assert.equal(stored.phase, next);
    assert.equal(stored.version, svc.version + 1);
    await axe(page, 'console: register after the change');

    // The re-run of October 2026.
    await tabTo(page, 'the reports link', (el) => el.getAttribute('href') === '/staff/reports', { back: true, max: 200 });
    await page.keyboard.press('Enter');
    await heading(page, 'Měsíční přehledy');
    await page.waitForSelector('a[href="/staff/reports/2026-10"]');
    await tabTo(page, 'the October report', (el) => el.getAttribute('href') === '/staff/reports/2026-10');
    await page.keyboard.press('Enter');
    await heading(page, 'Přehled za říjen 2026');
    await page.waitForSelector('#rerun');
    await axe(page, 'console: October report (admin)');
    await tabTo(page, 'the re-run button', (el) => el.id === 'rerun');
    const [resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/v1/staff/reports/2026-10/runs')), page.keyboard.press('Enter')]);
    assert.equal(resp.status(), 202);
    await page.waitForFunction(() => /nová verze/.test(document.querySelector('#rerun-status')?.textContent ?? ''), null, { timeout: 10_000 });
    assert.equal(await page.locator('#rerun-status').getAttribute('aria-live'), 'polite');
    await axe(page, 'console: re-run started');
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });

  test('an admin whose service was changed meanwhile is told so (409) and sees the row reloaded', async () => {
    const services = (await api('/v1/staff/transformation/services')).body.items;
    const svc = services.filter((s) => PHASES.indexOf(s.phase) < PHASES.length - 2).at(-1);
    assert.ok(svc, `a demo service two phases before transformed in ${services.map((s) => `${s.id}:${s.phase}`)}`);
    const next = PHASES[PHASES.indexOf(svc.phase) + 1];
    const page = await newPage(browser);
    await signIn(page, 'admin');
    await page.locator('nav.console-nav').getByRole('link', { name: 'Registr transformace' }).click();
    await page.waitForSelector(`#change-${svc.id}`);
    await page.locator(`#change-${svc.id}`).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'phase-title', null, { timeout: 10_000 });
    // Someone else records the same step first.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Prague' }).format(new Date());
    const other = await api(`/v1/staff/transformation/services/${svc.id}/phases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phase: next, date: today, version: svc.version }),
    });
    assert.equal(other.status, 200, JSON.stringify(other.body));
    await tabTo(page, 'the submit button', (el) => el.id === 'phase-submit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#phase-problem [role=alert]');
    await page.waitForFunction(() => document.activeElement?.id === 'phase-problem', null, { timeout: 10_000 });
    await page.waitForFunction(([id, want]) => document.querySelector(`#service-${id} .phase-cell`)?.textContent?.trim() === want, [svc.id, CS[next]], { timeout: 10_000 });
    assert.match(await page.locator('#phase-problem').innerText(), /načetli znovu/);
    await axe(page, 'console: phase change, 409');
    assert.equal((await api(`/v1/staff/transformation/services/${svc.id}`)).body.version, svc.version + 1, 'only the first change is stored');
    await page.context().close();
  });

  test('a viewer sees neither the phase change nor the re-run', async () => {
    const page = await newPage(browser);
    await signIn(page, 'viewer');
    await page.locator('nav.console-nav').getByRole('link', { name: 'Registr transformace' }).click();
    await heading(page, 'Registr transformace');
    await page.waitForSelector('table.data-table');
    assert.equal(await page.locator('[id^="change-"]').count(), 0);
    await page.locator('nav.console-nav').getByRole('link', { name: 'Měsíční přehledy' }).click();
    await page.locator('a[href="/staff/reports/2026-10"]').first().click();
    await heading(page, 'Přehled za říjen 2026');
    await page.waitForSelector('dl.figures');
    assert.equal(await page.locator('#rerun').count(), 0);
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });
});
