// The staff console's organiser screens on the real local stack
// (brana-local run: the local gateway, DynamoDB Local, the demo data):
// keyboard only, an organiser creates an event through the form (one
// failed submit with its field errors first), publishes it; people
// register through the public API until a waiting list forms; the
// organiser sees them paged, searches by name, is told the event is full
// when moving someone from the waiting list, raises the capacity through
// the form and moves the person offered the seat; downloads the
// registrations CSV and the attendance sheet PDF (their content checked);
// cancels another event after a confirmation. axe on every state, 320 px
// without sideways scrolling, English once; a viewer is refused.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
  pdfText,
  screenshot,
  solvePow,
  startStack,
  tabTo,
  waitHeading,
  writeResults,
} from './harness.mjs';

let stack;
let browser;
let organiser; // the organiser's API token (the same subject as the console's organiser)

before(
  async () => {
    checkTools();
    stack = await startStack();
    browser = await launchBrowser();
    organiser = stack.staffToken('organiser');
  },
  { timeout: 6 * 60_000 },
);

after(async () => {
  writeResults();
  await browser?.close();
  await stack?.stop();
});

const url = (p) => `${stack.url}${p}`;

async function api(method, p, { staff, body, pow = false } = {}) {
  const headers = { 'Accept-Language': 'cs' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (staff) headers.Authorization = `Bearer ${staff}`;
  if (pow) {
    headers['Idempotency-Key'] = crypto.randomUUID();
    headers.Altcha = await solvePow(stack.url);
  }
  const r = await fetch(url(p), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: r.status, json };
}

/** A Prague date n days from today, as the form takes it ("12. 12. 2026"). */
function dayText(n) {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(new Date(Date.now() + n * 86_400_000)).split('-').map(Number);
  return `${d}. ${m}. ${y}`;
}

/** Types into the field with this id, reached by Tab (forward) from the focus. */
async function typeInto(page, fieldId, text, back = false) {
  await tabTo(page, `#${fieldId}`, new Function('el', `return el.id === ${JSON.stringify(fieldId)}`), { max: 120, back });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

async function press(page, elId, key = 'Enter', back = false) {
  await tabTo(page, `#${elId}`, new Function('el', `return el.id === ${JSON.stringify(elId)}`), { max: 160, back });
  await page.keyboard.press(key);
}

/** Waits until the page has moved the focus to its heading (after loading). */
async function headingFocused(page) {
  await page.waitForFunction(() => document.activeElement === document.querySelector('main h1'), null, { timeout: 15_000 });
}

async function at320(page, what) {
  await narrow(page, '320');
  try {
    await assertNoHorizontalScroll(page, what);
  } catch (e) {
    // Name what sticks out, outside scrolling regions.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !el.closest('.table-wrap'))
        .slice(0, 8)
        .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className} ${Math.round(el.getBoundingClientRect().right)}px`),
    );
    throw new Error(`${e.message}; sticking out: ${wide.join(', ')}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function register(eventId, n, name) {
  const r = await api('POST', `/v1/events/${eventId}/registrations`, {
    pow: true,
    body: {
      contact: { name, email: `ucastnik.${n}@example.cz` },
      targetGroup: 'client',
      region: 'CZ064',
      consent: { accepted: true, noticeVersion: '2026-11' },
    },
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.json.registration;
}

describe('the staff console: an organiser’s events on the local stack', { concurrency: false }, () => {
  test('a viewer is refused the events, with the reason', async () => {
    const page = await newPage(browser);
    await consoleSignIn(page, stack.url, 'viewer', '/staff/events');
    await waitHeading(page, 'Sem nemáte přístup');
    assert.match(await page.locator('main').innerText(), /Tato obrazovka je pro role: Správce, Pořadatel akcí\./);
    assert.equal(await page.locator('a[href="/staff/events"]').count(), 0, 'no events link in the viewer’s navigation');
    await axe(page, 'console organiser: viewer refused');
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });

  test('an organiser, keyboard only: creates, publishes, sees registrations paged, moves from the waiting list, downloads, cancels', async () => {
    const page = await newPage(browser);
    await consoleSignIn(page, stack.url, 'organiser', '/staff/events');
    await waitHeading(page, 'Akce');
    await page.waitForSelector('#events-result table, #events-result .gov-message');
    await axe(page, 'console organiser: events list');
    await at320(page, 'events list');

    // An empty period.
    await headingFocused(page);
    await typeInto(page, 'events-from', '1. 1. 2099');
    await typeInto(page, 'events-to', '31. 1. 2099');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /žádnou akci/.test(document.querySelector('#events-result')?.textContent ?? ''));
    await axe(page, 'console organiser: empty events list');

    // The form: one failed submit first.
    await press(page, 'create-event', 'Enter', true);
    await waitHeading(page, 'Nová akce');
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    await axe(page, 'console organiser: new event form');
    const title = `Plánování služeb v kraji ${Date.now() % 100000}`;
    await typeInto(page, 'f-title-cs', title);
    await press(page, 'save');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary', null, { timeout: 15_000 });
    for (const f of ['f-description-cs', 'f-region', 'f-organiser', 'f-sessions-0-date', 'f-sessions-0-start', 'f-venue-name', 'f-capacity-inPerson']) {
      assert.equal(await page.locator(`#${f}-error`).count(), 1, `an error next to ${f}`);
      assert.match((await page.locator(`#${f}`).getAttribute('aria-describedby')) ?? '', new RegExp(`${f}-error`));
    }
    assert.equal(await page.locator('#f-topics-error').count(), 1, 'an error for the topics');
    assert.ok((await page.locator('#error-summary li').count()) >= 8, 'the summary lists every error');
    await axe(page, 'console organiser: form with errors');
    await at320(page, 'form with errors');
    await narrow(page, '200%');
    await assertNoHorizontalScroll(page, 'form with errors at 200 %');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'console-organiser-form-errors');

    // Every field by keyboard, in the form's order.
    await typeInto(page, 'f-description-cs', 'Jak plánovat komunitní služby v kraji.\nPraktické příklady.');
    await press(page, 'f-topics-transformation_plan', 'Space');
    await press(page, 'f-targetGroups-provider', 'Space');
    await tabTo(page, '#f-region', (el) => el.id === 'f-region');
    await page.keyboard.type('Jihom');
    assert.equal(await page.locator('#f-region').inputValue(), 'CZ064');
    await typeInto(page, 'f-organiser', 'MPSV, tým transformace');
    await typeInto(page, 'f-sessions-0-date', dayText(20));
    await typeInto(page, 'f-sessions-0-start', '9:00');
    await typeInto(page, 'f-sessions-0-end', '12:30');
    assert.ok(await page.locator('#f-mode-in_person').isChecked(), 'in person is the default mode');
    await typeInto(page, 'f-venue-name', 'Krajský úřad, sál 2');
    await typeInto(page, 'f-venue-address', 'Žerotínovo náměstí 3, 601 82 Brno');
    await press(page, 'f-venue-stepFree', 'Space');
    await typeInto(page, 'f-capacity-inPerson', '2');
    await press(page, 'save');
    await waitHeading(page, title);
    await page.waitForFunction(() => /uložena/.test(document.querySelector('#event-done')?.textContent ?? ''));
    const eventId = new URL(page.url()).pathname.split('/').pop();
    assert.match(await page.locator('.event-details').innerText(), /Koncept/);
    await axe(page, 'console organiser: event page (draft)');
    await at320(page, 'event page (draft)');

    await press(page, 'publish');
    await page.waitForFunction(() => document.activeElement?.id === 'event-done' && /zveřejněná/.test(document.activeElement.textContent));
    assert.equal((await api('GET', `/v1/staff/events/${eventId}`, { staff: organiser })).json.status, 'published');
    assert.equal(await page.locator('#to-check-in').getAttribute('href'), `/staff/events/${eventId}/check-in`);
    await axe(page, 'console organiser: event page (published)');
    await screenshot(page, 'console-organiser-event');

    // 28 people register: 2 seats, 26 wait.
    const regs = [];
    const person = (i) => register(eventId, i, i === 27 ? 'Zdenka Hledana' : `Ucastnik Cislo ${String(i).padStart(2, '0')}`);
    for (let i = 1; i <= 3; i++) regs.push(await person(i)); // the first one waiting is number 3
    for (let i = 4; i <= 28; i += 5) regs.push(...(await Promise.all([0, 1, 2, 3, 4].filter((k) => i + k <= 28).map((k) => person(i + k)))));
assert.deepEqual([regs[0].status, regs[1].status, regs[2].status], ['confirmed', 'confirmed', 'waitlisted']);

    await press(page, 'to-registrations');
    await waitHeading(page, `Registrace: ${title}`);
    await page.waitForSelector('#regs-list table');
    await headingFocused(page);
    assert.equal(await page.locator('#regs-list tbody tr').count(), 25, 'the first page holds 25 rows');
    assert.match(await page.locator('#regs-list tbody tr', { hasText: 'Ucastnik Cislo 03' }).innerText(), /Čeká na místo\s+1\. v pořadí/);
    assert.match(await page.locator('.console-pager__where').innerText(), /Řádky 1–25 z 28/);
    await axe(page, 'console organiser: registrations');
    await at320(page, 'registrations');
    await screenshot(page, 'console-organiser-registrations');
    await press(page, 'regs-next');
    await page.waitForFunction(() => document.querySelectorAll('#regs-list tbody tr').length === 3);
    assert.match(await page.locator('.console-pager__where').innerText(), /Řádky 26–28 z 28/);

    // Search by name.
    await typeInto(page, 'regs-search', 'hledan', true);
    await page.waitForFunction(() => document.querySelectorAll('#regs-list tbody tr').length === 1);
    assert.match(await page.locator('#regs-list tbody').innerText(), /Zdenka Hledana/);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await page.waitForFunction(() => document.querySelectorAll('#regs-list tbody tr').length === 25);

    // The event is full: moving the third one waiting is refused, with the reason.
    const third = regs[4];
    await press(page, `promote-${third.id}`);
    await page.waitForFunction(() => document.activeElement?.id === 'regs-failed');
    assert.match(await page.locator('#regs-failed').innerText(), /Volné místo není[\s\S]*zvyšte kapacitu/);
    await axe(page, 'console organiser: moving from the waiting list refused (409)');

    // The capacity raised through the form: the first one waiting is offered the seat.
    await press(page, 'regs-back', 'Enter', true);
    await waitHeading(page, title);
    await headingFocused(page);
    await press(page, 'edit-event');
    await page.waitForSelector('#f-capacity-inPerson');
    assert.equal(await page.locator('#f-title-cs').inputValue(), title);
    // Meanwhile someone else changes the description: the organiser's save
    // is refused (409), explained, and the form reloads the event.
    const read = (await api('GET', `/v1/staff/events/${eventId}`, { staff: organiser })).json;
    const input = Object.fromEntries(
      ['kind', 'title', 'topics', 'targetGroups', 'region', 'mode', 'venue', 'capacity', 'registrationCloses', 'orgLimit', 'questions', 'organiser'].map((k) => [k, read[k]]),
    );
    input.sessions = read.sessions;
    input.description = { cs: 'Popis změněný někým jiným.' };
    input.version = read.version;
    const changed = await api('PUT', `/v1/staff/events/${eventId}`, { staff: organiser, body: input });
    assert.equal(changed.status, 200, JSON.stringify(changed.json));
    await typeInto(page, 'f-capacity-inPerson', '3');
    await press(page, 'save');
    await page.waitForFunction(() => document.activeElement?.id === 'form-problem');
    assert.match(await page.locator('#form-problem').innerText(), /mezitím změnil někdo jiný/);
    await axe(page, 'console organiser: edit refused, changed meanwhile (409)');
    await press(page, 'reload');
    await page.waitForFunction(() => document.querySelector('#f-description-cs')?.value === 'Popis změněný někým jiným.');
    assert.equal(await page.locator('#form-problem').count(), 0);
    await typeInto(page, 'f-capacity-inPerson', '3');
    await press(page, 'save');
    await waitHeading(page, title);
    await page.waitForFunction(() => /3 \/ 3/.test(document.querySelector('.event-details')?.textContent ?? ''));
    const head = regs[2];
    assert.equal((await api('GET', `/v1/staff/events/${eventId}/registrations`, { staff: organiser })).json.items.find((r) => r.id === head.id).status, 'offered');

    await press(page, 'to-registrations');
    await page.waitForSelector(`#promote-${head.id}`);
    await headingFocused(page);
    await press(page, `promote-${head.id}`);
    await page.waitForFunction(() => document.activeElement?.id === 'regs-done');
    assert.match(await page.locator('#regs-done').innerText(), /Ucastnik Cislo 03 má potvrzené místo/);
    assert.equal((await api('GET', `/v1/staff/events/${eventId}/registrations`, { staff: organiser })).json.items.find((r) => r.id === head.id).status, 'confirmed');
    await axe(page, 'console organiser: moved from the waiting list');

    // Downloads: the registrations CSV and the attendance sheet.
    await press(page, 'regs-back', 'Enter', true);
    await waitHeading(page, title);
    await headingFocused(page);
    await tabTo(page, '#download-csv', (el) => el.id === 'download-csv', { max: 160 });
    const [csv] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(csv.suggestedFilename(), `registrace-${eventId}.csv`);
    const csvText = readFileSync(await csv.path(), 'utf8');
    assert.ok(csvText.startsWith('\ufeff'), 'the CSV starts with a byte-order mark (Czech Excel)');
    assert.match(csvText, /Ucastnik Cislo 03/);
    assert.match(csvText, /Zdenka Hledana/);
    await tabTo(page, '#download-sheet', (el) => el.id === 'download-sheet');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(pdf.suggestedFilename(), `prezencni-listina-${eventId}.pdf`);
    const sheet = readFileSync(await pdf.path());
    assert.equal(sheet.subarray(0, 5).toString(), '%PDF-');
    const text = pdfText(sheet);
    assert.match(text, /Ucastnik Cislo 01/);
    assert.match(text, /Ucastnik Cislo 03/);
    assert.doesNotMatch(text, /Zdenka Hledana/, 'a person still waiting is not on the attendance sheet');

// Another event, cancelled after a confirmation.
    const other = await api('POST', '/v1/staff/events', {
      staff: organiser,
      body: {
        kind: 'seminar',
        title: { cs: 'Seminář ke zrušení' },
        description: { cs: 'Seminář, který se neuskuteční.' },
        topics: ['financing'],
        targetGroups: ['public_administration'],
        region: 'CZ010',
        sessions: [{ start: `${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}T08:00:00Z`, end: `${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}T10:00:00Z` }],
        mode: 'online',
        onlineLink: 'https://meet.example.cz/seminar',
        capacity: { inPerson: 0, online: 40 },
        organiser: 'MPSV',
      },
    });
    assert.equal(other.status, 201, JSON.stringify(other.json));
    assert.equal((await api('POST', `/v1/staff/events/${other.json.id}/publish`, { staff: organiser })).status, 200);
    await register(other.json.id, 100, 'Ucastnik Zruseny');
    await goInApp(page, `/staff/events/${other.json.id}`);
    await waitHeading(page, 'Seminář ke zrušení');
    await headingFocused(page);
    await press(page, 'cancel-event');
    await page.waitForFunction(() => document.activeElement?.id === 'cancel-confirm');
    assert.match(await page.locator('#cancel-confirm').innerText(), /Opravdu akci zrušit/);
    await axe(page, 'console organiser: cancel confirmation');
    await press(page, 'cancel-yes');
    await page.waitForFunction(() => document.activeElement?.id === 'event-done' && /zrušená/.test(document.activeElement.textContent));
    assert.equal((await api('GET', `/v1/staff/events/${other.json.id}`, { staff: organiser })).json.status, 'cancelled');
    const cancelledRegs = (await api('GET', `/v1/staff/events/${other.json.id}/registrations`, { staff: organiser })).json.items;
    assert.deepEqual(cancelledRegs.map((r) => r.status), ['cancelled']);
    await axe(page, 'console organiser: event cancelled');

    await assertNoStoredToken(page);
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });

  test('an attendee’s certificate of attendance downloaded again from the registrations', async () => {
    // An event today (people are checked in only on its day), starting in
    // three minutes; near midnight the test waits for the next day.
    const pragueDay = (d) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(d);
    while (pragueDay(new Date()) !== pragueDay(new Date(Date.now() + 10 * 60_000))) await new Promise((r) => setTimeout(r, 5_000));
    const start = new Date(Math.ceil((Date.now() + 3 * 60_000) / 60_000) * 60_000);
    const created = await api('POST', '/v1/staff/events', {
      staff: organiser,
      body: {
        kind: 'workshop',
        title: { cs: 'Dnešní workshop' },
        description: { cs: 'Workshop, který začíná za chvíli.' },
        topics: ['transformation_plan'],
        targetGroups: ['client'],
        region: 'CZ064',
        sessions: [{ start: start.toISOString(), end: new Date(start.getTime() + 2 * 3600_000).toISOString() }],
        registrationCloses: start.toISOString(),
        mode: 'in_person',
        venue: { name: 'Krajský úřad, sál 1', address: 'Žerotínovo náměstí 3, Brno' },
        capacity: { inPerson: 5, online: 0 },
        organiser: 'MPSV',
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const eventId = created.json.id;
    assert.equal((await api('POST', `/v1/staff/events/${eventId}/publish`, { staff: organiser })).status, 200);
    const came = await register(eventId, 200, 'Karel Pritomny');
    await register(eventId, 201, 'Marie Nedorazila');
    const checked = await api('POST', `/v1/staff/events/${eventId}/checkins`, { staff: organiser, body: { registrationId: came.id } });
    assert.equal(checked.status, 200, JSON.stringify(checked.json));

    const page = await newPage(browser);
    await consoleSignIn(page, stack.url, 'organiser', '/staff/events');
    await goInApp(page, `/staff/events/${eventId}/registrations`);
    await waitHeading(page, 'Registrace: Dnešní workshop');
    await page.waitForSelector(`#cert-${came.id}`);
    assert.equal(await page.locator('#regs-list tbody button[id^="cert-"]').count(), 1, 'only the attendee checked in has a certificate');
    await headingFocused(page);
    await axe(page, 'console organiser: registrations with an attendee');
    await tabTo(page, 'the certificate button', (el) => el.id.startsWith('cert-'), { max: 120 });
    const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const pdf = readFileSync(await dl.path());
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdfText(pdf), /Karel Pritomny/);
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });

  test('in English (?lang=en): the events list and an event', async () => {
    const page = await newPage(browser, { locale: 'en-GB' });
    await page.goto(url('/staff/sign-in?lang=en&next=%2Fstaff%2Fevents'));
    await page.locator('#role-organiser').check();
    await page.locator('form.sign-in button[type=submit]').click();
    await waitHeading(page, 'Events');
    await page.waitForSelector('#events-result table');
    assert.match(await page.locator('#events-result thead').innerText(), /Taken \/ capacity/);
    await axe(page, 'console organiser: events list (en)');
    await page.locator('#events-result tbody a').first().click();
    await page.waitForSelector('.event-details');
    assert.match(await page.locator('main').innerText(), /About the event/);
    await axe(page, 'console organiser: event page (en)');
    await at320(page, 'event page (en)');
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });
});
