// The staff console's expert screens on the real local stack (brana-local
// run: the local gateway, DynamoDB Local, the demo data). Keyboard only,
// the demo expert (Jana Dvořáková) adds working hours on Fridays (a wrong
// time first: the field error and the summary), previews the free slots
// they give, adds time off and saves (checked through the API); then marks
// a past demo consultation held and another no-show (checked through the
// API). axe on every state, 320 px without horizontal scroll, English once;
// an evaluator is refused the agenda with the reason.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assertNoHorizontalScroll,
  assertNoStoredToken,
  axe,
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

const EXPERT = 'jana-dvorakova';
const url = (p) => `${stack.url}${p}`;
const api = async (p, init = {}, group = 'expert') => {
  const r = await fetch(url(p), {
    ...init,
    headers: { Authorization: `Bearer ${stack.staffToken(group)}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
  return { status: r.status, body: await r.json().catch(() => null) };
};

/** A Prague calendar date, YYYY-MM-DD, of an instant (default now). */
const pragueDate = (d = new Date()) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Prague' }).format(d);
const addDays = (date, n) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};
const weekday = (date) => new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 = Sunday

/** A tabTo predicate for one id (tabTo runs the predicate's source in the page: no closures). */
// eslint-disable-next-line no-new-func
const byId = (id) => new Function('el', `return el.id === ${JSON.stringify(id)}`);
const focused = (page) => page.evaluate(() => document.activeElement?.id ?? '');
async function waitFocus(page, id) {
  await page.waitForFunction((x) => document.activeElement?.id === x, id, { timeout: 10_000 });
}
/** Selects what is in the focused field and types over it. */
async function retype(page, text) {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

describe('the staff console: the expert on the local stack', { concurrency: false }, () => {
  test('an expert, keyboard only, adds Friday hours and time off, previews the free slots and saves', async () => {
    const before = (await api(`/v1/staff/experts/${EXPERT}`)).body;
    assert.equal(before.availability.weekly.fri, undefined, 'the demo expert does not work on Fridays');

    const page = await newPage(browser);
    await consoleSignIn(page, stack.url, 'expert', '/staff/availability');
    await waitHeading(page, 'Moje dostupnost');
    await page.waitForSelector('#add-fri');
    assert.equal(await page.locator('#mon-0-from').inputValue(), '09:00', 'the stored hours are loaded');
    assert.equal(await page.locator('#mon-1-to').inputValue(), '16:00');
    await axe(page, 'console: expert availability, loaded');

    // A Friday interval with a time that is no time: the API's field error next to it, and the summary focused.
    await tabTo(page, 'the add-interval button of Friday', (el) => el.id === 'add-fri', { max: 120 });
    await page.keyboard.press('Enter');
    await waitFocus(page, 'fri-0-from');
    await page.keyboard.type('25:00');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'fri-0-to');
    await page.keyboard.type('12:00');
    await tabTo(page, 'the preview button', (el) => el.id === 'avail-preview', { max: 120 });
    await page.keyboard.press('Enter');
    await waitFocus(page, 'error-summary');
    await page.waitForSelector('#fri-0-from-error');
    assert.equal(await page.locator('#fri-0-from').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#fri-0-from').getAttribute('aria-describedby'), /fri-0-from-error/);
    assert.match(await page.locator('#error-summary').innerText(), /Pátek, úsek 1/);
    await axe(page, 'console: expert availability, a field error');

    // The summary's link leads to the field; the right time, a time off, then the preview.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '#fri-0-from');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'fri-0-from');
    await retype(page, '9:00');
    await tabTo(page, 'the add-time-off button', (el) => el.id === 'add-timeoff', { max: 120 });
    await page.keyboard.press('Enter');
    await waitFocus(page, 'off-0-from');
    await page.keyboard.type('24. 12. 2026');
    await page.keyboard.press('Tab');
    await page.keyboard.type('31. 12. 2026');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Dovolená');
    await tabTo(page, 'the preview button', (el) => el.id === 'avail-preview', { max: 120 });
    await page.keyboard.press('Enter');
    await waitFocus(page, 'preview-title');
    assert.equal(await page.locator('#error-summary').count(), 0, 'the errors are gone');
    const rows = await page.$$eval('.preview-table tbody tr', (trs) =>
      trs.map((tr) => {
        const li = [...tr.querySelectorAll('td li')].map((x) => x.textContent.trim());
        return { date: tr.dataset.date, text: li.length ? li.join(' ') : tr.querySelector('td').textContent.trim() };
      }),
    );
    assert.equal(rows.length, 14, 'two weeks of days');
    const today = pragueDate();
    assert.equal(rows[0].date, today);
    // The days are the API's preview of the same form, in Czech; a Friday
    // after tomorrow (24 hours' notice) now has 9:00 and 10:15 (60 minutes,
    // a 15 minutes' break), unless a holiday or the time off takes it.
    const av = before.availability;
    const same = await api(`/v1/staff/experts/${EXPERT}/availability/preview`, {
      method: 'POST',
      body: JSON.stringify({ ...av, weekly: { ...av.weekly, fri: [{ from: '09:00', to: '12:00' }] }, timeOff: [{ from: '2026-12-24', to: '2026-12-31', label: 'Dovolená' }] }),
    });
    assert.equal(same.status, 200, JSON.stringify(same.body));
    const hm = (iso) => new Intl.DateTimeFormat('cs-CZ', { timeZone: 'Europe/Prague', hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
    assert.deepEqual(
      rows.map((r) => [r.date, r.text]),
      same.body.days.map((d) => [d.date, d.starts.length ? d.starts.map(hm).join(' ') : 'žádný volný termín']),
    );
    const fridays = rows.filter((r) => weekday(r.date) === 5 && r.date > addDays(today, 1) && (r.date < '2026-12-24' || r.date > '2026-12-31'));
    assert.ok(fridays.length >= 1, 'a Friday in the preview');
    assert.ok(
      fridays.some((f) => /^9:00\s+10:15$/.test(f.text)),
      `a Friday with 9:00 and 10:15: ${fridays.map((f) => `${f.date} ${f.text}`)}`,
    );
    // Nothing is stored by a preview.
    assert.equal((await api(`/v1/staff/experts/${EXPERT}`)).body.version, before.version);
    await axe(page, 'console: expert availability, the preview');
    await screenshot(page, 'console-expert-preview');

    // A second Friday interval, removed again: focus goes back to the add button, and the preview is marked stale.
    await tabTo(page, 'the add-interval button of Friday', (el) => el.id === 'add-fri', { back: true, max: 120 });
    await page.keyboard.press('Enter');
    await waitFocus(page, 'fri-1-from');
    await page.keyboard.type('13:00');
    await tabTo(page, 'the remove button of the new interval', (el) => el.id === 'remove-fri-1');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'add-fri');
    assert.equal(await page.locator('#fri-1-from').count(), 0);
    assert.equal(await page.locator('#fri-0-from').inputValue(), '9:00');
    assert.match(await page.locator('.avail-preview').innerText(), /Formulář jste od zobrazení náhledu změnili/);

    // Save.
    await tabTo(page, 'the save button', (el) => el.id === 'avail-save', { max: 120 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Dostupnost je uložena/.test(document.querySelector('#avail-status')?.textContent ?? ''), null, { timeout: 10_000 });
    const after = (await api(`/v1/staff/experts/${EXPERT}`)).body;
    assert.equal(after.version, before.version + 1);
    assert.deepEqual(after.availability.weekly.fri, [{ from: '09:00', to: '12:00' }]);
    assert.deepEqual(after.availability.weekly.mon, before.availability.weekly.mon, 'Monday unchanged');
    assert.deepEqual(after.availability.timeOff, [{ from: '2026-12-23T23:00:00Z', to: '2026-12-31T23:00:00Z', label: 'Dovolená' }]);
    // The time off comes back as the person entered it.
    assert.equal(await page.locator('#off-0-from').inputValue(), '24. 12. 2026');
    assert.equal(await page.locator('#off-0-to').inputValue(), '31. 12. 2026');
    await axe(page, 'console: expert availability, saved');

    await narrow(page, '320');
    await assertNoHorizontalScroll(page, 'expert availability at 320 px');
    await narrow(page, '200%');
    await assertNoHorizontalScroll(page, 'expert availability at 200 %');
    await assertNoStoredToken(page);
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });

  test('an expert, keyboard only, marks a past consultation held and another no-show, by day and by week', async () => {
    const yesterday = addDays(pragueDate(), -1);
    // Past consultations without an outcome: the demo one of a few days ago
    // (seeded every day) and those of the demo report months (October and
    // November 2026). Run on a later day with only the first, the no-show
    // corrects the held mark of the same one (the API allows it).
    const list = (await api(`/v1/staff/bookings?from=${addDays(yesterday, -92)}&to=${yesterday}&expertId=${EXPERT}&status=confirmed`)).body.items;
    assert.ok(list.length >= 1, 'a past demo consultation without an outcome');
    const held = list.at(-1);
    const noShow = list.at(-2) ?? held;
    const heldDay = pragueDate(new Date(held.start));
    const noShowDay = pragueDate(new Date(noShow.start));

    const page = await newPage(browser);
    await consoleSignIn(page, stack.url, 'expert', '/staff/agenda');
    await waitHeading(page, 'Moje konzultace');
    await page.waitForFunction(() => !document.querySelector('main p[role=status]'), null, { timeout: 10_000 });
    assert.match(await page.locator('#agenda-period').innerText(), /^\S+ \d+\. \d+\. \d{4}$/, 'today, by day');

    // An empty day (a Sunday: nobody works).
    let sunday = heldDay;
    while (weekday(sunday) !== 0) sunday = addDays(sunday, 1);
    await goInApp(page, `/staff/agenda?view=day&date=${sunday}`);
    await page.waitForSelector('#agenda-empty');
    await axe(page, 'console: expert agenda, an empty day');

    // The day of the consultation to mark held.
    await goInApp(page, `/staff/agenda?view=day&date=${heldDay}`);
    await page.waitForSelector(`#held-${held.id}`);
    const card = await page.locator(`#b-${held.id}-title`).locator('xpath=ancestor::article').innerText();
    for (const want of [held.contact.name, held.contact.email, held.organisation.ico ?? '', 'Potvrzená'].filter(Boolean)) assert.ok(card.includes(want), `the card shows ${want}: ${card}`);
    assert.match(card, new RegExp(new Intl.DateTimeFormat('cs-CZ', { timeZone: 'Europe/Prague', hour: 'numeric', minute: '2-digit' }).format(new Date(held.start))));
    await axe(page, 'console: expert agenda, a day');
    await tabTo(page, 'the held button', byId(`held-${held.id}`), { max: 150 });
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => /Zapsáno: konzultace proběhla/.test(document.querySelector(`#mark-${id}-status`)?.textContent ?? ''), held.id, { timeout: 10_000 });
    assert.equal((await page.locator(`#b-${held.id}-status`).innerText()).trim(), 'Proběhla');
    assert.equal(await page.locator(`#held-${held.id}`).getAttribute('aria-pressed'), 'true');
    await axe(page, 'console: expert agenda, marked held');
    const heldNow = (await api(`/v1/staff/bookings?from=${heldDay}&to=${heldDay}&expertId=${EXPERT}`)).body.items.find((b) => b.id === held.id);
    assert.equal(heldNow.status, 'held');
    assert.ok(heldNow.outcomeAt, 'the outcome time is stored');

    // The week, chosen with the arrow keys, then back to the week of the other consultation.
    await tabTo(page, 'the view choice', (el) => el.name === 'agenda-view', { back: true, max: 150 });
    assert.equal(await focused(page), 'agenda-view-day');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => location.search.includes('view=week') && document.querySelector('.agenda-day h3'), null, { timeout: 10_000 });
    assert.match(await page.locator('#agenda-period').innerText(), /^Týden /);
    await axe(page, 'console: expert agenda, a week');
    const weekOf = (d) => addDays(d, -((weekday(d) + 6) % 7));
    let weeks = Math.round((Date.parse(weekOf(heldDay)) - Date.parse(weekOf(noShowDay))) / (7 * 86_400_000));
    assert.ok(weeks >= 0);
    if (weeks > 0) {
      await tabTo(page, 'the previous-week button', (el) => el.id === 'agenda-previous');
      while (weeks-- > 0) {
        const was = await page.locator('#agenda-period').innerText();
        await page.keyboard.press('Enter');
        await page.waitForFunction((w) => document.querySelector('#agenda-period')?.textContent !== w && !document.querySelector('main p[role=status]'), was, { timeout: 10_000 });
      }
    }
    await page.waitForSelector(`#noshow-${noShow.id}`);
    await tabTo(page, 'the no-show button', byId(`noshow-${noShow.id}`), { max: 400 });
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => /Zapsáno: nikdo nepřišel/.test(document.querySelector(`#mark-${id}-status`)?.textContent ?? ''), noShow.id, { timeout: 10_000 });
    assert.equal((await page.locator(`#b-${noShow.id}-status`).innerText()).trim(), 'Nikdo nepřišel');
    await axe(page, 'console: expert agenda, marked no-show');
    const noShowNow = (await api(`/v1/staff/bookings?from=${noShowDay}&to=${noShowDay}&expertId=${EXPERT}`)).body.items.find((b) => b.id === noShow.id);
    assert.equal(noShowNow.status, 'no_show');

    // A consultation later today: the API refuses its outcome (409
    // outcome_too_early) and the page shows its reason, focused. Hours all
    // day today with no notice give a slot later today (unless the day is
    // nearly over).
    const today = pragueDate();
    const key = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][weekday(today)];
    const av = (await api(`/v1/staff/experts/${EXPERT}`)).body.availability;
    const put = await api(`/v1/staff/experts/${EXPERT}/availability`, {
      method: 'PUT',
      body: JSON.stringify({ ...av, weekly: { ...av.weekly, [key]: [{ from: '00:00', to: '24:00' }] }, noticeHours: 0, maxPerDay: 0 }),
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const slots = await (await fetch(url(`/v1/slots?expertId=${EXPERT}&from=${today}&to=${today}`))).json();
    const start = slots.items[0]?.starts.find((s) => Date.parse(s) > Date.now() + 10 * 60_000); // not begun before the click
    if (!start) {
      console.log('# no slot left today: the refused outcome is not tried');
    } else {
      const later = await bookViaApi(stack.url, { expertId: EXPERT, start }, 'online', 'transformation_plan', 'CZ064');
      const refusal = await api(`/v1/staff/bookings/${later.booking.id}/outcome`, { method: 'POST', body: JSON.stringify({ status: 'held' }), headers: { 'Accept-Language': 'cs' } });
      assert.equal(refusal.status, 409);
      await tabTo(page, 'the today button', (el) => el.id === 'agenda-today', { back: true, max: 400 });
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#held-${later.booking.id}`);
      await tabTo(page, 'the held button of the later consultation', byId(`held-${later.booking.id}`), { max: 400 });
      await page.keyboard.press('Enter');
      await waitFocus(page, `mark-${later.booking.id}-problem`);
      const alert = page.locator(`#mark-${later.booking.id}-problem [role=alert]`);
      assert.equal((await alert.innerText()).trim(), refusal.body.detail);
      assert.equal((await page.locator(`#b-${later.booking.id}-status`).innerText()).trim(), 'Potvrzená');
      await axe(page, 'console: expert agenda, an outcome refused (too early)');
    }

    await narrow(page, '320');
    await assertNoHorizontalScroll(page, 'expert agenda (week) at 320 px');
    await narrow(page, '200%');
    await assertNoHorizontalScroll(page, 'expert agenda (week) at 200 %');
    await screenshot(page, 'console-expert-agenda-week');
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });

  test('the agenda in English (?lang=en), and an evaluator is refused it with the reason', async () => {
    const page = await newPage(browser);
    await page.goto(url(`/staff/sign-in?lang=en&next=${encodeURIComponent('/staff/agenda?view=week')}`));
    await page.locator('#role-expert').check();
    await page.locator('form.sign-in button[type=submit]').click();
    await waitHeading(page, 'My consultations');
    await page.waitForSelector('#agenda-period');
    assert.match(await page.locator('#agenda-period').innerText(), /^Week /);
    await page.waitForFunction(() => !document.querySelector('main p[role=status]'), null, { timeout: 10_000 });
    await axe(page, 'console: expert agenda, a week in English');
    await page.context().close();

    const refused = await newPage(browser);
    await consoleSignIn(refused, stack.url, 'evaluator', '/staff');
    await goInApp(refused, '/staff/agenda');
    await waitHeading(refused, 'Sem nemáte přístup');
    assert.match(await refused.locator('main').innerText(), /Tato obrazovka je pro role: Konzultant\. Vaše role k ní přístup nemá\./);
    assert.equal(await refused.locator('#agenda-period').count(), 0);
    await axe(refused, 'console: expert agenda refused to an evaluator');
    assert.deepEqual(refused.problems(), []);
    await refused.context().close();
  });
});
