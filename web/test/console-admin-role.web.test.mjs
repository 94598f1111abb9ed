// The admin's own screens of the staff console on the real local stack
// (brana-local run: the local gateway, DynamoDB Local, the demo data),
// keyboard only: the bookings filtered and paged, one booking's personal
// data erased; an expert created after a failed submit, then deactivated;
// every future booking of one e-mail cancelled; a service added to the
// register. axe on every state, 320 px without horizontal scroll, English
// once (the indicator catalogue), and an expert refused the admin screens.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assertNoHorizontalScroll,
  assertNoStoredToken,
  axe as axeRun,
  bookViaApi,
  consoleSignIn,
  goInApp,
  narrow,
  newPage,
  screenshot,
  tabTo,
  useStack,
  waitHeading,
} from './harness.mjs';

let stack;
let browser;
useStack((s, b) => {
  stack = s;
  browser = b;
});

const url = (p) => `${stack.url}${p}`;
let adminToken;
const api = async (p, init = {}) => {
  adminToken ??= stack.staffToken('admin');
  const r = await fetch(url(p), {
    ...init,
    headers: { Authorization: `Bearer ${adminToken}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...(init.headers ?? {}) },
  });
  return { status: r.status, body: await r.json().catch(() => null) };
};

const axe = async (page, state) => {
  const t0 = Date.now();
  await axeRun(page, state);
  if (process.env.AXE_TIMES) console.log(`axe ${state}: ${Date.now() - t0} ms`);
};

const focused = (page) => page.evaluate(() => document.activeElement?.id ?? '');
const waitFocus = (page, id) => page.waitForFunction((i) => document.activeElement?.id === i, id, { timeout: 15_000 });

/** Signs in with the keyboard only: Tab to the roles, arrows to one, Enter. */
async function signIn(page, role) {
  await page.goto(url('/staff/sign-in'));
  await page.waitForSelector(`#role-${role}`);
  await tabTo(page, 'a role', (el) => el.name === 'role');
  for (let i = 0; i < 6 && (await focused(page)) !== `role-${role}`; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), `role-${role}`);
  await page.keyboard.press('Enter');
  await waitHeading(page, 'Konzole');
}

/** Follows a navigation link with the keyboard. */
async function navTo(page, href, heading) {
  await tabTo(page, `the link to ${href}`, new Function('el', `return el.getAttribute('href') === ${JSON.stringify(href)}`), { max: 120 });
  await page.keyboard.press('Enter');
  await waitHeading(page, heading);
}

/** Types into the focused field, replacing what is there. */
async function retype(page, text) {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text);
}

async function tabToId(page, id, back = false) {
  await tabTo(page, `#${id}`, new Function('el', `return el.id === ${JSON.stringify(id)}`), { max: 200, back });
}

/** Selects the option with value v in the focused native select with the arrow keys. */
async function arrowSelect(page, v) {
  for (let i = 0; i < 20; i++) {
    const cur = await page.evaluate(() => document.activeElement.value);
    if (cur === v) return;
    await page.keyboard.press('ArrowDown');
  }
  assert.equal(await page.evaluate(() => document.activeElement.value), v);
}

/** Compiles a month through the re-run route and waits until its version want is listed. */
async function compile(month, want) {
  const r = await api(`/v1/staff/reports/${month}/runs`, { method: 'POST' });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await api('/v1/staff/reports')).body?.items?.some((v) => v.month === month && v.version === want)) return;
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error(`${month} version ${want} was not compiled within a minute`);
}

describe('the staff console: the admin screens on the local stack', { concurrency: false }, () => {
  test('an admin, keyboard only: the bookings of October 2026 filtered, paged, one booking erased, and one erased meanwhile (409)', async () => {
    const want = (await api('/v1/staff/bookings?from=2026-10-01&to=2026-10-31&status=held')).body.items;
    assert.ok(want.length > 25, `the demo data has more than 25 held consultations in October 2026 (${want.length})`);

    const page = await newPage(browser);
    await signIn(page, 'admin');
    await navTo(page, '/staff/bookings', 'Rezervace konzultací');
    await page.waitForSelector('#bookings-list, .notice');
    await axe(page, 'console: bookings (admin)');

    // A range too long first: the field error is next to "to", and focused through the summary.
    await tabToId(page, 'from');
    await retype(page, '2026-10-01');
    await tabToId(page, 'to');
    await retype(page, '2027-03-01');
    await tabToId(page, 'filter-submit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#to-error');
    await waitFocus(page, 'error-summary');
    assert.match(await page.locator('#to').getAttribute('aria-describedby'), /to-error/);
    await axe(page, 'console: bookings, a filter error');

    await tabToId(page, 'to');
    await retype(page, '2026-10-31');
    await tabToId(page, 'status');
    await arrowSelect(page, 'held');
    await tabToId(page, 'filter-submit');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelector('#bookings-caption')?.textContent?.includes(`(${n})`), want.length, { timeout: 20_000 });
    await waitFocus(page, 'bookings-list');
    assert.equal(await page.locator('#bookings-list tbody tr').count(), 25, 'one page shows 25 rows');
    assert.equal(await page.locator('#to-error').count(), 0);
    const statuses = await page.locator('#bookings-list .booking-status').allTextContents();
    assert.ok(statuses.every((s) => s.trim() === 'Proběhla'), `only held: ${statuses}`);
    assert.match(await page.locator('.console-pager__where').textContent(), new RegExp(`1–25 .*${want.length}`));
    await axe(page, 'console: bookings, filtered (page 1)');

    // The next page, with the keyboard.
    await tabToId(page, 'bookings-next');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'bookings-list');
    const second = Math.min(25, want.length - 25);
    assert.equal(await page.locator('#bookings-list tbody tr').count(), second);
    assert.match(await page.locator('.console-pager__where').textContent(), /^\D*26/);
    await axe(page, 'console: bookings, page 2');

    // Erase the first booking of page 2: the confirmation names what goes, then the row shows it erased.
    const victim = want[25];
    assert.ok(victim.contact.email, 'the booking to erase has a contact');
    await tabToId(page, `erase-${victim.id}`);
    await page.keyboard.press('Enter');
    await waitFocus(page, 'erase-title');
    assert.match(await page.locator('.erase-confirm').textContent(), /nelze vrátit zpět/);
    assert.match(await page.locator('.erase-confirm').textContent(), /e-mail a telefon/);
    await axe(page, 'console: erase confirmation');
    await tabToId(page, 'erase-confirm');
    const [resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/v1/staff/bookings/${victim.id}/erase`)), page.keyboard.press('Enter')]);
    assert.equal(resp.status(), 200);
    await page.waitForFunction(() => /byly vymazány/.test(document.querySelector('#erase-result')?.textContent ?? ''), null, { timeout: 15_000 });
    await waitFocus(page, 'erase-result');
    assert.match(await page.locator(`#booking-${victim.id} .booking-contact`).textContent(), /vymazány/);
    assert.equal(await page.locator(`#erase-${victim.id}`).count(), 0, 'an erased booking offers no erasure');
    await axe(page, 'console: booking erased');
    await screenshot(page, 'console-admin-bookings');
    const after = (await api('/v1/staff/bookings?from=2026-10-01&to=2026-10-31&status=held')).body.items.find((b) => b.id === victim.id);
    assert.ok(after.erasedAt, 'erasedAt is set');
    assert.deepEqual(after.contact, {}, 'the contact is gone');
    assert.equal(after.organisation.ico, victim.organisation.ico, 'the statistical facts stay');
    // Erasing again is 409 already_erased (what the screen explains).
    assert.equal((await api(`/v1/staff/bookings/${victim.id}/erase`, { method: 'POST' })).status, 409);

    // Someone else erases the next booking while the confirmation is open: 409 already_erased, explained, the list reloaded.
    const other = want[26];
    await tabToId(page, `erase-${other.id}`);
    await page.keyboard.press('Enter');
    await waitFocus(page, 'erase-title');
    assert.equal((await api(`/v1/staff/bookings/${other.id}/erase`, { method: 'POST' })).status, 200);
    await tabToId(page, 'erase-confirm');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /už vymazal někdo jiný/.test(document.querySelector('#erase-result [role=alert]')?.textContent ?? ''), null, { timeout: 15_000 });
    await waitFocus(page, 'erase-result');
    await page.waitForFunction((id) => /vymazány/.test(document.querySelector(`#booking-${id} .booking-contact`)?.textContent ?? ''), other.id, { timeout: 15_000 });
    await axe(page, 'console: erasure refused, already erased');

    await narrow(page, '320');
    await assertNoHorizontalScroll(page, 'bookings at 320 px');
    await narrow(page, '200%');
    await assertNoHorizontalScroll(page, 'bookings at 200 %');
    await assertNoStoredToken(page);
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });

  test('an admin, keyboard only: a new expert after one failed submit, then deactivated', async () => {
    const page = await newPage(browser);
    await signIn(page, 'admin');
    await navTo(page, '/staff/experts', 'Konzultanti');
    await page.waitForSelector('#experts-list');
    assert.ok((await page.locator('#experts-list tbody tr').count()) >= 3, 'the demo experts are listed');
    await axe(page, 'console: experts (admin)');
    await tabToId(page, 'add-expert');
    await page.keyboard.press('Enter');
    await waitHeading(page, 'Nový konzultant');
    await axe(page, 'console: new expert form');

    // A first submit with a bad e-mail and no topics, regions or forms.
    await tabToId(page, 'id');
    await page.keyboard.type('tereza-testova');
    await tabToId(page, 'name');
    await page.keyboard.type('Mgr. Tereza Testová');
    await tabToId(page, 'email');
    await page.keyboard.type('tereza.testova');
    await tabToId(page, 'expert-submit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#email-error');
    await waitFocus(page, 'error-summary');
    for (const f of ['email', 'topics', 'regions', 'forms']) assert.equal(await page.locator(`#${f}-error`).count(), 1, `a field error for ${f}`);
    assert.match(await page.locator('#email').getAttribute('aria-describedby'), /email-error/);
    await axe(page, 'console: new expert, field errors');
    await screenshot(page, 'console-admin-expert-errors');

    // The summary's link goes to the field.
    await tabTo(page, 'the e-mail error link', (el) => el.getAttribute('href') === '#email');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'email');
    await retype(page, 'tereza.testova@example.cz');
    await tabToId(page, 'topics-transformation_plan');
    await page.keyboard.press('Space');
    await tabToId(page, 'regions-CZ064');
    await page.keyboard.press('Space');
    await tabToId(page, 'forms-online');
    await page.keyboard.press('Space');
    await tabToId(page, 'expert-submit');
    await page.keyboard.press('Enter');
    await waitHeading(page, 'Konzultant: Mgr. Tereza Testová');
    await page.waitForSelector('#expert-saved');
    assert.match(await page.locator('#expert-saved').textContent(), /byl vytvořen/);
    let stored = await api('/v1/staff/experts/tereza-testova');
    assert.equal(stored.status, 200);
    assert.deepEqual([stored.body.topics, stored.body.regions, stored.body.forms, stored.body.active], [['transformation_plan'], ['CZ064'], ['online'], true]);
    await axe(page, 'console: expert created');

    // Deactivate, after the confirmation.
    await tabToId(page, 'toggle-active');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'confirm-title');
    assert.match(await page.locator('.confirm').textContent(), /Rezervace, které už existují, zůstanou platné/);
    await axe(page, 'console: deactivation confirmation');
    await tabToId(page, 'confirm-active');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /neaktivní/.test(document.querySelector('#expert-active-now')?.textContent ?? ''), null, { timeout: 15_000 });
    await waitFocus(page, 'expert-saved');
    stored = await api('/v1/staff/experts/tereza-testova');
    assert.equal(stored.body.active, false, 'deactivated in the API');
    const pub = await fetch(url('/v1/experts/tereza-testova'));
    assert.equal(pub.status, 404, 'an inactive expert is not public');
    await axe(page, 'console: expert deactivated');

    // Back on the list, the expert is inactive.
    await navTo(page, '/staff/experts', 'Konzultanti');
    await page.waitForSelector('#expert-tereza-testova');
    assert.equal((await page.locator('#expert-tereza-testova .expert-active').textContent()).trim(), 'Neaktivní');
    // The same identifier again: 409 expert_exists, explained in the summary.
    await tabToId(page, 'add-expert');
    await page.keyboard.press('Enter');
    await waitHeading(page, 'Nový konzultant');
    await tabToId(page, 'id');
    await page.keyboard.type('tereza-testova');
    await tabToId(page, 'name');
    await page.keyboard.type('Tereza Testová II');
    await tabToId(page, 'email');
    await page.keyboard.type('tereza2@example.cz');
    await tabToId(page, 'topics-other');
    await page.keyboard.press('Space');
    await tabToId(page, 'regions-CZ010');
    await page.keyboard.press('Space');
    await tabToId(page, 'forms-phone');
    await page.keyboard.press('Space');
    await tabToId(page, 'expert-submit');
    const [conflict] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/v1/staff/experts') && r.request().method() === 'POST'), page.keyboard.press('Enter')]);
    assert.equal(conflict.status(), 409);
    await page.waitForFunction(() => /už existuje/.test(document.querySelector('#error-summary')?.textContent ?? ''), null, { timeout: 15_000 });
    await waitFocus(page, 'error-summary');
    assert.equal((await api('/v1/staff/experts/tereza-testova')).body.name, 'Mgr. Tereza Testová', 'the existing expert is untouched');
    await axe(page, 'console: new expert, the identifier taken (409)');

    await narrow(page, '320');
    await assertNoHorizontalScroll(page, 'the expert form at 320 px');
    await narrow(page, '200%');
    await assertNoHorizontalScroll(page, 'the expert form at 200 %');
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });

  test('an admin, keyboard only: every future booking of one e-mail cancelled', async () => {
    // Two bookings of one person on two days, through the public API.
    const slots = await (await fetch(url('/v1/slots?expertId=jana-dvorakova&form=online'))).json();
    const starts = slots.items[0].starts;
    const days = [...new Map(starts.map((s) => [s.slice(0, 10), s])).values()].slice(0, 2);
    assert.equal(days.length, 2, 'free slots on two days');
    const email = 'hromadi.terminy@example.cz';
    const made = [];
    for (const start of days) {
      const b = await bookViaApi(stack.url, { expertId: 'jana-dvorakova', start }, 'online', 'transformation_plan', 'CZ064', {
        contact: { name: 'Hromadič Termínů', email, phone: '603 999 888' },
      });
      made.push(b.booking.id);
    }

    const page = await newPage(browser);
    await signIn(page, 'admin');
    await navTo(page, '/staff/abuse', 'Zneužití rezervací');
    await axe(page, 'console: abuse tool');

    // A malformed e-mail: the field error, focused through the summary.
    await tabToId(page, 'email');
    await page.keyboard.type('hromadi.terminy@');
    await tabToId(page, 'abuse-next');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#email-error');
    await waitFocus(page, 'error-summary');
    await axe(page, 'console: abuse tool, a field error');
    await tabToId(page, 'email');
    await retype(page, 'Hromadi.Terminy@example.cz');
    await tabToId(page, 'abuse-next');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'abuse-confirm-title');
    assert.match(await page.locator('.confirm').textContent(), /Zrušení nelze vrátit zpět/);
    await axe(page, 'console: abuse confirmation');
    await screenshot(page, 'console-admin-abuse-confirm');
    await tabToId(page, 'abuse-confirm');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'abuse-done');
    assert.equal((await page.locator('#abuse-count').textContent()).trim(), 'Zrušeny 2 rezervace.');
    assert.equal(await page.locator('#cancelled-list tbody tr').count(), 2);
    await axe(page, 'console: abuse, bookings cancelled');

    const from = days[0].slice(0, 10);
    const to = days[1].slice(0, 10);
    const list = (await api(`/v1/staff/bookings?from=${from}&to=${to}&expertId=jana-dvorakova`)).body.items;
    for (const id of made) assert.equal(list.find((b) => b.id === id)?.status, 'cancelled', `booking ${id} is cancelled`);

    // The IČO form refuses an IČO with a wrong check digit.
    await tabToId(page, 'abuse-again');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'by-email');
    await page.keyboard.press('ArrowDown');
    await tabToId(page, 'ico');
    await page.keyboard.type('00551024');
    await tabToId(page, 'abuse-next');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#ico-error');
    await axe(page, 'console: abuse tool, a bad IČO');
    await narrow(page, '320');
    await assertNoHorizontalScroll(page, 'abuse at 320 px');
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });

  test('an admin, keyboard only: a service added to the register, corrected, and a stale correction refused (409)', async () => {
    const page = await newPage(browser);
    await signIn(page, 'admin');
    await navTo(page, '/staff/transformation', 'Registr transformace');
    await tabToId(page, 'add-service');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'details-title');
    await axe(page, 'console: register, add a service');

    // The IČO without its check digit first.
    await tabToId(page, 'svc-name');
    await page.keyboard.type('Domov Testovací, p. o.');
    await tabToId(page, 'svc-ico');
    await page.keyboard.type('00551024');
    await tabToId(page, 'svc-region');
    await arrowSelect(page, 'CZ064');
    await tabToId(page, 'svc-registryId');
    await page.keyboard.type('7364520');
    await tabToId(page, 'details-submit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#svc-ico-error');
    await waitFocus(page, 'error-summary');
    await axe(page, 'console: register, add, a field error');
    await tabToId(page, 'svc-ico', true);
    await retype(page, '00551023');
    await tabToId(page, 'details-submit');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'details-saved');
    const svc = (await api('/v1/staff/transformation/services')).body.items.find((s) => s.name === 'Domov Testovací, p. o.');
    assert.ok(svc, 'the service is in the register');
    assert.deepEqual([svc.ico, svc.region, svc.registryId, svc.phase], ['00551023', 'CZ064', '7364520', 'joined']);
    await page.waitForSelector(`#service-${svc.id}`);
    await axe(page, 'console: register, service added');

    // Its details corrected.
    await tabToId(page, `edit-${svc.id}`);
    await page.keyboard.press('Enter');
    await waitFocus(page, 'details-title');
    await tabToId(page, 'svc-name');
    await retype(page, 'Domov Testovací, příspěvková organizace');
    await tabToId(page, 'details-submit');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'details-saved');
    const again = (await api(`/v1/staff/transformation/services/${svc.id}`)).body;
    assert.equal(again.name, 'Domov Testovací, příspěvková organizace');
    assert.equal(again.version, svc.version + 1);
    await axe(page, 'console: register, details saved');

    // A change made meanwhile from the same version: 409 service_changed, explained, the form reloaded.
    await tabToId(page, `edit-${svc.id}`);
    await page.keyboard.press('Enter');
    await waitFocus(page, 'details-title');
    const theirs = await api(`/v1/staff/transformation/services/${svc.id}`, {
      method: 'PUT',
      body: JSON.stringify({ name: 'Domov Testovací, z. ú.', ico: again.ico, region: again.region, registryId: again.registryId, version: again.version }),
    });
    assert.equal(theirs.status, 200, JSON.stringify(theirs.body));
    await tabToId(page, 'svc-registryId');
    await retype(page, '7364521');
    await tabToId(page, 'details-submit');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /změnil někdo jiný/.test(document.querySelector('#error-summary')?.textContent ?? ''), null, { timeout: 15_000 });
    await waitFocus(page, 'error-summary');
    assert.equal(await page.locator('#svc-name').inputValue(), 'Domov Testovací, z. ú.', 'the form shows the stored name');
    assert.equal(await page.locator('#svc-registryId').inputValue(), '7364520', 'and the stored identifier');
    assert.equal((await api(`/v1/staff/transformation/services/${svc.id}`)).body.registryId, '7364520', 'the stale change was not stored');
    await axe(page, 'console: register, details changed meanwhile');
    await narrow(page, '320');
    await assertNoHorizontalScroll(page, 'register at 320 px');
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });

  test('a viewer reads the indicator catalogue and an older version of a report in English; an expert is refused the admin screens', async () => {
    // October 2026 in two versions: compiled, one outcome corrected, compiled again.
    await compile('2026-10', 1);
    const held = (await api('/v1/staff/bookings?from=2026-10-01&to=2026-10-31&status=held')).body.items.find((b) => !b.erasedAt);
    const fix = await api(`/v1/staff/bookings/${held.id}/outcome`, { method: 'POST', body: JSON.stringify({ status: 'no_show' }) });
    assert.equal(fix.status, 200, JSON.stringify(fix.body));
    await compile('2026-10', 2);

    const page = await newPage(browser);
    await page.goto(url('/staff/sign-in?lang=en&next=%2Fstaff%2Findicators'));
    await page.locator('#role-viewer').check();
    await page.locator('form.sign-in button[type=submit]').click();
    await waitHeading(page, 'Indicator catalogue');
    await page.waitForSelector('.indicator');
    const cat = (await api('/v1/staff/indicators')).body;
    assert.equal(await page.locator('.indicator').count(), cat.indicators.length);
    const first = cat.indicators[0];
    assert.equal((await page.locator('.indicator h2').first().textContent()).trim(), first.name.en);
    assert.match(await page.locator('.indicator').first().textContent(), new RegExp(first.definition.en.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await axe(page, 'console: indicator catalogue (viewer, English)');

    // The report of October: the latest version 2 shown, version 1 chosen, its file downloaded.
    await goInApp(page, '/staff/reports/2026-10');
    await waitHeading(page, 'Report for October 2026');
    await page.waitForSelector('#report-version');
    assert.deepEqual(await page.locator('#report-version option').allTextContents(), ['Version 2 (latest)', 'Version 1']);
    assert.equal(await page.locator('#report-version').inputValue(), '2');
    await axe(page, 'console: report with two versions (viewer, English)');
    await page.locator('#report-version').selectOption('1');
    const [v1] = await Promise.all([page.waitForResponse((r) => /\/v1\/staff\/reports\/2026-10\?version=1$/.test(r.url())), page.locator('#version-show').click()]);
    assert.equal(v1.status(), 200);
    await page.waitForFunction(() => /older version 1/.test(document.querySelector('#version-showing')?.textContent ?? ''), null, { timeout: 10_000 });
    const [file] = await Promise.all([page.waitForResponse((r) => r.url().includes('/v1/staff/reports/2026-10/versions/')), page.locator('#dl-report-csv').click()]);
    assert.match(file.url(), /\/versions\/1\/files\/report\.csv$/);
    assert.equal(file.status(), 200);
    await axe(page, 'console: report, the older version shown');
    await narrow(page, '320');
    await assertNoHorizontalScroll(page, 'report versions at 320 px');
    await goInApp(page, '/staff/indicators');
    await waitHeading(page, 'Indicator catalogue');
    await page.waitForSelector('.indicator');
    await assertNoHorizontalScroll(page, 'indicators at 320 px');
    await page.context().close();

    const ex = await newPage(browser);
    await consoleSignIn(ex, stack.url, 'expert');
    for (const p of ['/staff/bookings', '/staff/experts', '/staff/abuse']) {
      await goInApp(ex, p);
      await waitHeading(ex, 'Sem nemáte přístup');
      assert.match(await ex.locator('main').textContent(), /Tato obrazovka je pro role: Správce/);
      await axe(ex, `console: ${p} refused to an expert`);
    }
    assert.deepEqual(ex.problems(), []);
    await ex.context().close();
  });
});
