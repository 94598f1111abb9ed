// End-to-end tests of the events pages in real headless Chromium against a
// real local stack (its demo events: a workshop in Prague with four seats,
// a forum its three demo registrants fill, a webinar, a two-day study
// visit, a hybrid seminar):
//
//   - the events page, filtered, an event's detail, the registration form
//     with its errors, a confirmed and a waitlisted registration, the
//     manage page (cancel, .ics), the accept-offer page and the ESF+ form,
//     in Czech with the mouse; axe-core at zero violations on every state;
//   - a registration in English with the keyboard only;
//   - the page weight of the events page's first load (budget: 160 KB
//     compressed with the list's data; every byte from our origin);
//   - 320 px and 200 % zoom without horizontal scrolling.
//
// Run with `npm test` in web/ after `npm run build` (make web-test).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  assertNoHorizontalScroll,
  axe,
  axeLog,
  checkTools,
  focusedId,
  launchBrowser,
  newPage,
  parseEml,
  resultsDir,
  screenshot,
  shots,
  solvePow,
  startStack,
  tabTo,
  waitForMail,
  writeResults,
} from './harness.mjs';

/**
 * The events page's first load, compressed, the list's API answer (the five
 * demo events) included: the booking page's 150 KB, plus the events pages'
 * own chunk and their data.
 */
const EVENTS_PAGE_WEIGHT_LIMIT = 160 * 1024;

const WORKSHOP = 'demo-workshop-praha';
const FORUM = 'demo-forum-brno';
const SEMINAR = 'demo-seminar-hybrid';

let stack;
let browser;

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
  const failed = axeLog.filter((a) => a.violations > 0).length;
  console.log(`axe: ${axeLog.length} page states checked, ${failed} with violations; ${shots.length} screenshots in ${path.relative(process.cwd(), resultsDir)}`);
});

const url = (p) => `${stack.url}${p}`;

async function expectFocus(page, id, what) {
  await page.waitForFunction((i) => document.activeElement?.id === i, id, { timeout: 5000 }).catch(() => {});
  assert.equal(await focusedId(page), id, `${what}: focus should be on #${id}`);
}

async function noProblems(page) {
  assert.deepEqual(page.problems(), [], 'console errors, page errors or CSP refusals');
}

async function listLoaded(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById('events-status')?.textContent ?? '';
    return s !== '' && !/Načítám|Loading/.test(s);
  });
}

/** A registration straight through the API: the other people of the tests. */
async function registerViaApi(eventId, n, extra = {}) {
  const body = {
    contact: { name: `Jana Účastnice ${n}`, email: `ucastnice.${n}.${Date.now()}@example.cz` },
    targetGroup: 'client',
    region: 'CZ010',
    consent: { accepted: true, noticeVersion: '2026-11' },
    ...extra,
  };
  const r = await fetch(url(`/v1/events/${eventId}/registrations`), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), Altcha: await solvePow(stack.url) },
    body: JSON.stringify(body),
  });
  if (r.status !== 201) throw new Error(`registration through the API: ${r.status} ${await r.text()}`);
  return r.json();
}

async function cancelViaApi(id, token) {
  const r = await fetch(url(`/v1/registrations/${id}/cancel`), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), Altcha: await solvePow(stack.url), 'Registration-Token': token },
    body: '{}',
  });
  if (r.status !== 200) throw new Error(`cancel through the API: ${r.status} ${await r.text()}`);
  return r.json();
}

/** The local address of a manage link the page shows. */
function local(link) {
  return link.replace(/^https?:\/\/[^/]+/, stack.url);
}

// ---- page weight -------------------------------------------------------------------

test('the first load of the events page weighs at most 160 KB compressed, all from our origin', async () => {
  const page = await newPage(browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const reqs = new Map();
  cdp.on('Network.requestWillBeSent', (e) => reqs.set(e.requestId, { url: e.request.url, type: e.type, bytes: 0 }));
  cdp.on('Network.responseReceived', (e) => {
    const r = reqs.get(e.requestId);
    if (r) r.encoding = e.response.headers['Content-Encoding'] ?? e.response.headers['content-encoding'] ?? '';
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = reqs.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  await page.goto(url('/events'), { waitUntil: 'networkidle' });
  await listLoaded(page);
  const list = [...reqs.values()];
  const total = list.reduce((s, r) => s + r.bytes, 0);
  const origin = new URL(stack.url).origin;
  for (const r of list) assert.equal(new URL(r.url).origin, origin, `a request leaves our origin: ${r.url}`);
  const report = {
    page: '/events',
    measured: new Date().toISOString(),
    requests: list.length,
    totalBytes: total,
    limitBytes: EVENTS_PAGE_WEIGHT_LIMIT,
    items: list.map((r) => ({ path: new URL(r.url).pathname, type: r.type, encoding: r.encoding, bytes: r.bytes })),
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'events-page-weight.json'), JSON.stringify(report, null, 2));
  console.log(`page weight of /events: ${total} bytes in ${list.length} requests\n${report.items.map((i) => `  ${String(i.bytes).padStart(6)} B  ${(i.encoding || 'none').padEnd(5)} ${i.path}`).join('\n')}`);
  assert.ok(total <= EVENTS_PAGE_WEIGHT_LIMIT, `the events page's first load is ${total} bytes, over ${EVENTS_PAGE_WEIGHT_LIMIT}`);
  await noProblems(page);
  await page.context().close();
});

// ---- Czech, with the mouse ------------------------------------------------------------

describe('Czech, with the mouse: find, register, wait, accept an offer, manage, ESF+', { concurrency: false }, () => {
  let page;
  let first; // the first registration's manage link
  const others = []; // registrations through the API: { id, token }
  before(async () => {
    page = await newPage(browser);
  });
  after(async () => {
    await page?.context().close();
  });

  test('the events page: every demo event, its seats or its waiting list', async () => {
    await page.goto(url('/'), { waitUntil: 'networkidle' });
    await page.getByRole('navigation', { name: 'Hlavní navigace' }).getByRole('link', { name: 'Akce a semináře' }).click();
    await page.waitForURL(/\/events$/);
    await listLoaded(page);
    assert.equal(await page.locator('h1').innerText(), 'Akce a semináře');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
    assert.match(await page.title(), /^Akce a semináře – Brána – MPSV$/);
    assert.equal(await page.locator('#events-status').innerText(), 'Nalezeno 5 akcí.');
    assert.equal(await page.locator('.event-card').count(), 5);
    const workshop = page.locator('.event-card', { hasText: 'Transformační plán krok za krokem' });
    assert.equal(await workshop.locator('.seats-tag').innerText(), 'Volná 4 místa');
    assert.match(await workshop.innerText(), /Workshop.*Prezenčně.*Ministerstvo práce a sociálních věcí, zasedací sál \(Hlavní město Praha\)/is);
    const forum = page.locator('.event-card', { hasText: 'Diskuzní fórum: komunitní služby' });
    assert.equal(await forum.locator('.seats-tag').innerText(), 'Obsazeno – můžete se zapsat na čekací listinu');
    const seminar = page.locator('.event-card', { hasText: 'lidské zdroje v transformaci' });
    assert.equal(await seminar.locator('.seats-tag').innerText(), 'Na místě: Volných 30 míst; online: Volných 200 míst');
    assert.match(await page.locator('.event-card', { hasText: 'Stáž v chráněném bydlení' }).innerText(), /\d+\. \d+\. \d{4} 9:00 – \S+ \d+\. \d+\. \d{4} 12:30 \(11 hodin\)/);
    await axe(page, 'cs events list');
    await screenshot(page, 'cs-ev-01-list');
  });

  test('filters: by kind, and a combination with nothing; the address keeps them', async () => {
    await page.getByLabel('Druh akce').selectOption('study_visit');
    await page.getByRole('button', { name: 'Zobrazit akce' }).click();
    await page.waitForURL(/\/events\?kind=study_visit$/);
    await listLoaded(page);
    assert.equal(await page.locator('#events-status').innerText(), 'Nalezena 1 akce.');
    assert.equal(await page.locator('.event-card').count(), 1);
    assert.ok(page.requests.some((r) => r.url.endsWith('/v1/events?kind=study_visit')), 'the filter goes to the API');
    await axe(page, 'cs events filtered');
    await screenshot(page, 'cs-ev-02-filtered');
    await page.getByLabel('Forma účasti').selectOption('online');
    await page.getByRole('button', { name: 'Zobrazit akce' }).click();
    await page.waitForURL(/\/events\?kind=study_visit&mode=online$/);
    await listLoaded(page);
    assert.match(await page.locator('#events-status').innerText(), /^Zadaným filtrům neodpovídá žádná/);
    await axe(page, 'cs events filtered, none');
    // Back returns to the previous filter, as the address says.
    await page.goBack();
    await listLoaded(page);
    assert.equal(await page.locator('.event-card').count(), 1);
    assert.equal(await page.getByLabel('Druh akce').inputValue(), 'study_visit');
    await page.getByRole('button', { name: 'Zrušit filtry' }).click();
    await page.waitForURL(/\/events$/);
    await listLoaded(page);
    assert.equal(await page.locator('.event-card').count(), 5);
  });

  test("an event's detail: sessions, the venue's accessibility, the questions", async () => {
    await page.getByRole('link', { name: 'Transformační plán krok za krokem' }).click();
    await page.waitForURL(new RegExp(`/events/${WORKSHOP}$`));
    await page.waitForSelector('.sessions');
    assert.equal(await page.locator('h1').innerText(), 'Transformační plán krok za krokem');
    assert.match(await page.title(), /^Transformační plán krok za krokem – Brána/);
    const main = await page.locator('main').innerText();
    for (const t of ['Bezbariérový přístup', 'Indukční smyčka pro nedoslýchavé', 'Karlovo náměstí', 'Jak daleko je vaše služba s transformačním plánem?', 'Počet registrací z jedné organizace (IČO): nejvýše 2.']) {
      assert.ok(main.includes(t), `the detail lacks “${t}”`);
    }
    await axe(page, 'cs event detail');
    await screenshot(page, 'cs-ev-03-detail');
  });

  test('the registration form: every error at once, at its field, the summary focused', async () => {
    await page.getByRole('link', { name: 'Registrovat se na akci' }).first().click();
    await page.waitForURL(new RegExp(`/events/${WORKSHOP}/register$`));
    await page.waitForSelector('form.event-form');
    assert.equal(await page.locator('h1').innerText(), 'Registrace: Transformační plán krok za krokem');
    await axe(page, 'cs registration form');
    await page.getByRole('button', { name: 'Odeslat registraci' }).click();
    await expectFocus(page, 'error-summary', 'an empty form');
    assert.match(await page.title(), /^Chyba: Registrace:/);
    const items = await page.locator('#error-summary li').allInnerTexts();
    assert.deepEqual(items, [
      'Zadejte své jméno a příjmení.',
      'Zadejte e-mail.',
      'Vyberte, za koho se registrujete.',
      'Vyberte kraj.',
      'Otázka „Jak daleko je vaše služba s transformačním plánem?“: Vyberte odpověď.',
      'Otázka „Máte zájem o oběd?“: Vyberte odpověď.',
      'Bez souhlasu se zpracováním osobních údajů nelze registraci dokončit.',
    ]);
    assert.equal((await page.locator('#name-error').innerText()).replace(/\s+/g, ' '), 'Chyba: Zadejte své jméno a příjmení.');
    await axe(page, 'cs registration form with errors');
    await screenshot(page, 'cs-ev-04-form-errors');
    // The summary's link focuses the field.
    await page.locator('#error-summary a').first().click();
    await expectFocus(page, 'name', 'the error link');
    // Organisation and IČO become required for a provider.
    await page.getByLabel('Poskytovatel sociálních služeb a jeho zaměstnanci').check();
    await page.getByRole('button', { name: 'Odeslat registraci' }).click();
    await expectFocus(page, 'error-summary', 'a provider without an organisation');
    const again = await page.locator('#error-summary li').allInnerTexts();
    assert.ok(again.includes('Zadejte název organizace.') && again.includes('Zadejte IČO organizace.'), again.join(' | '));
  });

  test('a confirmed registration: the confirmation, the manage link once, the .ics', async () => {
    await page.getByLabel('Jméno a příjmení').fill('Marie Procházková');
    await page.getByLabel('E-mail').fill('marie.prochazkova@example.cz');
    await page.getByLabel('Název organizace').fill('Domov Slunečnice, příspěvková organizace');
    await page.getByLabel('IČO').fill('005 51 023');
    await page.getByLabel('Pracovní pozice').fill('vedoucí služby');
    await page.getByLabel('Kraj, ve kterém působíte').selectOption('CZ010');
    await page.getByLabel('Máme koncept').check();
    await page.locator('#q-q3-yes').check();
    await page.getByLabel('Co byste na workshopu chtěli probrat?').fill('Jak zapojit opatrovníky klientů.');
    await page.getByLabel('Bezbariérový přístup (vozík)').check();
    await page.getByLabel(/^Souhlasím se zpracováním/).check();
    const posted = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === `/v1/events/${WORKSHOP}/registrations`);
    await page.getByRole('button', { name: 'Odeslat registraci' }).click();
    const req = await posted;
    assert.match(req.headers()['idempotency-key'] ?? '', /^[!-~]+$/, 'Idempotency-Key');
    assert.equal(JSON.parse(Buffer.from(req.headers()['altcha'] ?? '', 'base64').toString() || '{}').algorithm, 'SHA-256', 'the solved challenge');
    const body = JSON.parse(req.postData());
    assert.deepEqual(body.answers, { q1: ['1'], q2: ['Jak zapojit opatrovníky klientů.'], q3: ['yes'] });
    assert.deepEqual(body.organisation, { name: 'Domov Slunečnice, příspěvková organizace', ico: '00551023' });
    assert.equal(body.needs.wheelchair, true);
    await page.waitForURL(/\/events\/registered$/);
    await page.waitForSelector('#manage-link');
    assert.equal(await page.locator('h1').innerText(), 'Jste zaregistrováni');
    assert.match(await page.locator('main').innerText(), /marie\.prochazkova@example\.cz/);
    first = await page.locator('#manage-link').getAttribute('href');
    assert.match(first, /\/manage#registration=[^&]+&token=[A-Za-z0-9_-]+$/);
    await axe(page, 'cs confirmation, confirmed');
    await screenshot(page, 'cs-ev-05-confirmed');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Přidat do kalendáře/ }).click()]);
    assert.equal(download.suggestedFilename(), 'akce.ics');
    assert.match(readFileSync(await download.path(), 'utf8'), /BEGIN:VCALENDAR/);
    const token = new URL(first).hash.match(/token=([^&]+)/)[1];
    assert.ok(page.requests.every((r) => !r.url.includes(token)), 'the token appeared in a request URL');
    // The link is shown once: a reload shows the registration, not the link.
    await page.reload({ waitUntil: 'networkidle' });
    await page.waitForSelector('.summary');
    assert.equal(await page.locator('#manage-link').count(), 0);
    assert.match(await page.locator('main').innerText(), /zobrazili jen jednou.*Marie Procházková/s);
    assert.ok(!(await page.content()).includes(token), 'the token is on the page after a reload');
    await axe(page, 'cs confirmation after a reload');
    await noProblems(page);
  });

  test('the ESF+ questions: voluntary, their own consent, "prefer not to say"', async () => {
    await page.getByRole('link', { name: 'Vyplnit dobrovolné údaje pro ESF+' }).click();
    await page.waitForURL(/\/events\/esf$/);
    await page.waitForSelector('form.esf-form');
    for (const legend of ['Pohlaví', 'Věková skupina', 'Máte zdravotní postižení?']) {
      const group = page.getByRole('group', { name: legend });
      assert.ok(await group.getByLabel('Nechci uvést').isVisible(), `${legend} offers "prefer not to say"`);
    }
    await axe(page, 'cs ESF+ form');
    await page.getByRole('button', { name: 'Odeslat údaje' }).click();
    await expectFocus(page, 'error-summary', 'ESF+ without consent');
    await axe(page, 'cs ESF+ form with errors');
    await screenshot(page, 'cs-ev-06-esf-errors');
    await page.getByRole('group', { name: 'Pohlaví' }).getByLabel('Nechci uvést').check();
    await page.getByLabel('30–54 let').check();
    await page.getByLabel(/^Výslovně souhlasím/).check();
    const posted = page.waitForRequest((r) => r.method() === 'POST' && /\/v1\/registrations\/[^/]+\/esf$/.test(new URL(r.url()).pathname));
    await page.getByRole('button', { name: 'Odeslat údaje' }).click();
    assert.deepEqual(JSON.parse((await posted).postData()), { consent: true, gender: 'prefer_not_to_say', ageBand: '30_54' });
    await expectFocus(page, 'esf-done', 'saved');
    await axe(page, 'cs ESF+ saved');
  });

  test('a full workshop: the next person is waitlisted with the position', async () => {
    // Three more people take the workshop's other seats.
    for (let i = 1; i <= 3; i++) {
      const r = await registerViaApi(WORKSHOP, i, { answers: { q1: ['0'], q3: ['no'] } });
      assert.equal(r.registration.status, 'confirmed');
      others.push({ id: r.registration.id, token: r.manageToken });
    }
    await page.goto(url(`/events/${WORKSHOP}`), { waitUntil: 'networkidle' });
    await page.waitForSelector('.sessions');
    assert.match(await page.locator('main').innerText(), /Všechna místa jsou obsazena\. Zapište se na čekací listinu/);
    await axe(page, 'cs event detail, full');
    await page.getByRole('link', { name: 'Zapsat se na čekací listinu' }).first().click();
    await page.waitForSelector('form.event-form');
    await page.getByLabel('Jméno a příjmení').fill('Tomáš Černý');
    await page.getByLabel('E-mail').fill('tomas.cerny@example.cz');
    await page.getByLabel('Uživatel služeb a jeho rodina').check();
    await page.getByLabel('Kraj, ve kterém působíte').selectOption('CZ020');
    await page.getByLabel('Teprve začínáme').check();
    await page.locator('#q-q3-no').check();
    await page.getByLabel(/^Souhlasím se zpracováním/).check();
    await page.getByRole('button', { name: 'Zapsat se na čekací listinu' }).click();
    await page.waitForURL(/\/events\/registered$/);
    await page.waitForSelector('#waitlist-position');
    assert.equal(await page.locator('h1').innerText(), 'Jste na čekací listině');
    assert.match(await page.locator('#waitlist-position').innerText(), /Na čekací listině jste 1\. v pořadí\./);
    await axe(page, 'cs confirmation, waitlisted');
    await screenshot(page, 'cs-ev-07-waitlisted');
  });

  test('a seat frees: the offer e-mail, its link, accepted on the accept-offer page', async () => {
    const regId = (await page.locator('.summary__row', { hasText: 'Číslo registrace' }).locator('dd').innerText()).trim();
    await cancelViaApi(others[0].id, others[0].token);
    // The offer e-mail's link (with the offer's own token) opens the registration.
    const eml = await waitForMail(stack.mailDir, new RegExp(`^ws-${regId}-\\d+-offer`));
    const text = parseEml(readFileSync(eml, 'utf8')).find((p) => /^text\/plain/i.test(p.contentType))?.text ?? '';
    const link = /https?:\/\/\S+\/manage#registration=[^&\s]+&token=[A-Za-z0-9_-]+/.exec(text)?.[0];
    assert.ok(link, `no manage link in the offer e-mail ${eml}:\n${text}`);
    assert.notEqual(link, await page.locator('#manage-link').getAttribute('href'), 'the offer carries its own token');
    const m = await newPage(browser);
    await m.goto(local(link), { waitUntil: 'networkidle' });
    await m.waitForSelector('.status-tag').catch(async (e) => {
      throw new Error(`${e.message}\nlink ${link}\npage: ${await m.locator('main').innerText()}`);
    });
    assert.equal(new URL(m.url()).hash, '', 'the token left the address bar');
    assert.equal(await m.locator('.status-tag').innerText(), 'Nabídnuté místo');
    await axe(m, 'cs manage, offered');
    await m.getByRole('link', { name: 'Přijmout nebo odmítnout nabídnuté místo' }).click();
    await m.waitForURL(/\/events\/offer$/);
    await m.waitForSelector('#offer-expiry');
    assert.match(await m.locator('#offer-expiry').innerText(), /držíme ho pro vás do \d{1,2}\. \d{1,2}\. \d{4} \d{1,2}:\d{2}/);
    await axe(m, 'cs accept offer');
    await screenshot(m, 'cs-ev-08-offer');
    // Decline asks first; "No" goes back.
    await m.getByRole('button', { name: 'Odmítnout, místo nepotřebuji' }).click();
    await expectFocus(m, 'decline-title', 'decline confirmation');
    await axe(m, 'cs decline offer confirmation');
    await m.getByRole('button', { name: 'Ne, vrátit se k nabídce' }).click();
    await expectFocus(m, 'offer-decline', 'back to the offer');
    await m.getByRole('button', { name: 'Přijmout místo' }).click();
    await expectFocus(m, 'offer-done', 'accepted');
    assert.match(await m.locator('#offer-done').innerText(), /^Místo je vaše/);
    assert.match(await m.locator('main').innerText(), /Odkaz z e-mailu s nabídkou tím přestal platit.*Stav\s+Potvrzená registrace/s);
    await axe(m, 'cs offer accepted');
    await noProblems(m);
    await m.context().close();
    // The waiting-list link still opens it, now confirmed.
    const w = await newPage(browser);
    await w.goto(local(await page.locator('#manage-link').getAttribute('href')), { waitUntil: 'networkidle' });
    await w.waitForSelector('.status-tag');
    assert.equal(await w.locator('.status-tag').innerText(), 'Potvrzená registrace');
    await w.context().close();
  });

  test('the manage page: view, cancel after asking', async () => {
    const m = await newPage(browser);
    await m.goto(local(first), { waitUntil: 'networkidle' });
    await m.waitForSelector('.status-tag');
    assert.equal(await m.locator('.status-tag').innerText(), 'Potvrzená registrace');
    assert.match(await m.locator('main').innerText(), /Domov Slunečnice.*00551023.*vedoucí služby.*Bezbariérový přístup \(vozík\)/s);
    const token = new URL(first).hash.match(/token=([^&]+)/)[1];
    const api = m.requests.filter((r) => r.url.includes('/v1/registrations/'));
    assert.ok(api.length > 0 && api.every((r) => r.headers['registration-token'] === token), 'Registration-Token header');
    await axe(m, 'cs manage');
    await screenshot(m, 'cs-ev-09-manage');
    const [download] = await Promise.all([m.waitForEvent('download'), m.getByRole('button', { name: /Přidat do kalendáře/ }).click()]);
    assert.equal(download.suggestedFilename(), 'akce.ics');
    assert.match(readFileSync(await download.path(), 'utf8'), /BEGIN:VEVENT/);
    assert.match(await m.locator('main').innerText(), /Potvrzení o účasti si zde budete moci stáhnout po akci/);
    await m.getByRole('button', { name: 'Zrušit registraci' }).click();
    await expectFocus(m, 'cancel-title', 'cancel confirmation');
    await axe(m, 'cs manage, cancel confirmation');
    await m.getByRole('button', { name: 'Ano, zrušit registraci' }).click();
    await expectFocus(m, 'manage-done', 'cancelled');
    assert.equal(await m.locator('.status-tag').innerText(), 'Zrušená registrace');
    await axe(m, 'cs manage, cancelled');
    await noProblems(m);
    await m.context().close();
  });

  test('the forum is full from the start: its detail says so', async () => {
    await page.goto(url(`/events/${FORUM}`), { waitUntil: 'networkidle' });
    await page.waitForSelector('.sessions');
    assert.equal(await page.locator('.status-line .seats-tag').innerText(), 'Obsazeno – můžete se zapsat na čekací listinu');
    await axe(page, 'cs event detail, waiting list open');
  });
});

// ---- English, keyboard only ----------------------------------------------------------------

describe('English, keyboard only: find the hybrid seminar and register online', { concurrency: false }, () => {
  let page;
  before(async () => {
    page = await newPage(browser, { locale: 'en-GB' });
  });
  after(async () => {
    await page?.context().close();
  });
  const isId = (id) => new Function('el', `return el.id === ${JSON.stringify(id)}`);
  const isButton = (text) => new Function('el', `return el.tagName === 'BUTTON' && el.textContent.replace(/\\s+/g, ' ').trim() === ${JSON.stringify(text)}`);
  const isLink = (text) => new Function('el', `return el.tagName === 'A' && el.textContent.replace(/\\s+/g, ' ').trim() === ${JSON.stringify(text)}`);

  test('the events page in English, by keyboard', async () => {
    await page.goto(url('/events'), { waitUntil: 'networkidle' });
    await listLoaded(page);
    await tabTo(page, 'the language switch', (el) => el.classList.contains('lang-switch'));
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('h1').innerText(), 'Events');
    assert.equal(await page.locator('#events-status').innerText(), '5 events found.');
    await axe(page, 'en events list');
    await screenshot(page, 'en-ev-01-list');
    // Filter by mode with the keyboard: the select takes typed letters.
    await tabTo(page, 'the mode filter', isId('f-mode'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('#f-mode').inputValue(), 'hybrid');
    await tabTo(page, 'Show events', isButton('Show events'));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/events\?mode=hybrid$/);
    await listLoaded(page);
    assert.equal(await page.locator('#events-status').innerText(), '1 event found.');
    await axe(page, 'en events filtered');
    await tabTo(page, 'the seminar', isLink('Seminar: people in the transformation'));
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/events/${SEMINAR}$`));
    await page.waitForSelector('.sessions');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
    assert.match(await page.locator('main').innerText(), /Step-free access.*Induction loop for hearing aids/s);
    await axe(page, 'en event detail');
    await screenshot(page, 'en-ev-02-detail');
  });

  test('the form by keyboard: errors, then every field, submitted with Enter', async () => {
    await tabTo(page, 'Register for this event', isLink('Register for this event'));
    await page.keyboard.press('Enter');
    await page.waitForSelector('form.event-form');
    await tabTo(page, 'Send registration', isButton('Send registration'));
    await page.keyboard.press('Enter');
    await expectFocus(page, 'error-summary', 'an empty form');
    assert.equal(await page.locator('#error-summary li').first().innerText(), 'Choose how you will take part.');
    await axe(page, 'en registration form with errors');
    await screenshot(page, 'en-ev-03-form-errors');
    // The summary's first link, then the seat: arrow keys pick within the group.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'seat-in_person', 'the error link');
    await page.keyboard.press('ArrowDown'); // online
    assert.equal(await page.locator('#seat-online').isChecked(), true);
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'name');
    await page.keyboard.type('Eva Nováková');
    await page.keyboard.press('Tab');
    await page.keyboard.type('eva.novakova@example.cz');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'phone');
    await page.keyboard.press('Tab'); // the target group
    await page.keyboard.press('ArrowDown'); // provider
    assert.equal(await page.locator('#targetGroup-provider').isChecked(), true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Centrum Lada, z. ú.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('00551023');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'jobRole');
    await page.keyboard.type('case manager');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'region');
    await page.keyboard.type('Hradec');
    assert.equal(await page.locator('#region').inputValue(), 'CZ052');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'q-q1');
    await page.keyboard.type('12');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'needs-wheelchair');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // sign language
    assert.equal(await page.locator('#needs-signLanguage').isChecked(), true);
    await tabTo(page, 'the consent', isId('consent'));
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#consent').isChecked(), true);
    await page.keyboard.press('Enter'); // Enter in the form submits it
    await page.waitForURL(/\/events\/registered$/);
    await page.waitForSelector('#manage-link');
    assert.equal(await page.locator('h1').innerText(), 'You are registered');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
    assert.match(await page.locator('main').innerText(), /Taking part\s+Online/);
    await axe(page, 'en confirmation, confirmed');
    await screenshot(page, 'en-ev-04-confirmed');
    const posted = page.requests.filter((r) => r.method === 'POST' && r.url.endsWith(`/v1/events/${SEMINAR}/registrations`));
    assert.equal(posted.at(-1).headers['accept-language'], 'en');
  });

  test('the manage page and the ESF+ form in English, by keyboard', async () => {
    await tabTo(page, 'Manage registration', isLink('Manage registration'));
    await page.keyboard.press('Enter');
    await page.waitForSelector('.status-tag');
    assert.equal(await page.locator('.status-tag').innerText(), 'Registration confirmed');
    await axe(page, 'en manage');
    await tabTo(page, 'the ESF+ questions', isLink('Answer the optional ESF+ questions'));
    await page.keyboard.press('Enter');
    await page.waitForSelector('form.esf-form');
    await axe(page, 'en ESF+ form');
    await tabTo(page, 'Skip', isLink('Skip, I prefer not to answer'));
    await page.keyboard.press('Enter');
    await page.waitForSelector('.status-tag');
    await noProblems(page);
  });
});

// ---- 320 px and 200 % zoom -------------------------------------------------------------------

test('the events pages at 320 px and at 200 % zoom (640 px): no horizontal scrolling', async () => {
  for (const width of [320, 640]) {
    const page = await newPage(browser);
    await page.setViewportSize({ width, height: 800 });
    await page.goto(url('/events?kind=workshop'), { waitUntil: 'networkidle' });
    await listLoaded(page);
    await assertNoHorizontalScroll(page, `/events?kind=workshop at ${width}px`);
    await page.goto(url('/events'), { waitUntil: 'networkidle' });
    await listLoaded(page);
    await assertNoHorizontalScroll(page, `/events at ${width}px`);
    for (const id of [WORKSHOP, SEMINAR, 'demo-staz-olomouc']) {
      await page.goto(url(`/events/${id}`), { waitUntil: 'networkidle' });
      await page.waitForSelector('.sessions');
      await assertNoHorizontalScroll(page, `/events/${id} at ${width}px`);
    }
    await page.goto(url(`/events/${SEMINAR}/register`), { waitUntil: 'networkidle' });
    await page.waitForSelector('form.event-form');
    await page.getByRole('button', { name: /Odeslat registraci|Zapsat se/ }).click();
    await page.waitForSelector('#error-summary');
    await assertNoHorizontalScroll(page, `the form with errors at ${width}px`);
    await axe(page, `cs registration form with errors at ${width}px`);
    // A confirmation with its long manage link.
    await page.locator('#seat-online').check();
    await page.getByLabel('Jméno a příjmení').fill(`Úzký Displej ${width}`);
    await page.getByLabel('E-mail').fill(`uzky.displej.${width}@example.cz`);
    await page.getByLabel('Místní komunita, veřejnost').check();
    await page.getByLabel('Kraj, ve kterém působíte').selectOption('CZ080');
    await page.getByLabel('Kolik pracovníků má vaše služba?').fill('5');
    await page.getByLabel(/^Souhlasím se zpracováním/).check();
    await page.getByRole('button', { name: 'Odeslat registraci' }).click();
    await page.waitForSelector('#manage-link');
    await assertNoHorizontalScroll(page, `the confirmation at ${width}px`);
    if (width === 320) await page.screenshot({ path: path.join(resultsDir, 'cs-ev-confirmation-320.png'), fullPage: true });
    await page.context().close();
  }
});

// ---- The verification page of a certificate ------------------------------------------

/** Crockford base32, upper case, no padding (certcode's codeEnc). */
function base32(bytes) {
  const alpha = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let out = '';
  let bits = 0;
  let v = 0;
  for (const b of bytes) {
    v = (v << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alpha[(v >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alpha[(v << (5 - bits)) & 31];
  return out;
}

/** A genuine code, as internal/workshops/certcode makes it, with the stack's own key. */
async function certificateCode(eventId, registrationId) {
  const { createHash, createHmac, hkdfSync } = await import('node:crypto');
  const master = Buffer.from(readFileSync(path.join(stack.dataDir, 'outbox.key'), 'utf8').trim(), 'base64');
  const key = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'brana certificate', 32));
  const ref = createHash('sha256').update(`brana certificate registration ${registrationId}`).digest().subarray(0, 5);
  const body = Buffer.concat([Buffer.from([1, Buffer.byteLength(eventId)]), Buffer.from(eventId), ref]);
  const tag = createHmac('sha256', key).update('brana certificate v1\0').update(body).digest().subarray(0, 8);
  return base32(Buffer.concat([body, tag])).match(/.{1,4}/g).join('-');
}

describe('the verification page of a certificate', { concurrency: false }, () => {
  test('a genuine code shows the event, its kind and dates; another says it is not valid; axe 0 violations', async () => {
    const code = await certificateCode(WORKSHOP, 'reg-certificate-web-test');
    const api = await fetch(url(`/v1/certificates/${code}`));
    assert.equal(api.status, 200, `the API verifies the code the test made (${code})`);
    const ev = await api.json();

    const page = await newPage(browser);
    await page.goto(url(`/certificates/${code}`), { waitUntil: 'networkidle' });
    await page.waitForSelector('#certificate-result');
    assert.equal(await page.locator('h1').innerText(), 'Ověření potvrzení o účasti');
    const result = await page.locator('#certificate-result').innerText();
    assert.match(result, /Potvrzení je pravé\./);
    assert.ok(result.includes(ev.event.title.cs), `the result names the event: ${result}`);
    assert.match(result, /Druh akce\s+Workshop/);
    assert.match(result, /Termín\s+\S/);
    assert.equal(await page.getByLabel('Ověřovací kód').inputValue(), code);
    await axe(page, 'cs certificate genuine');
    await screenshot(page, 'cs-certificate-genuine');

    // A code typed with a changed character, through the form.
    const wrong = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    await page.getByLabel('Ověřovací kód').fill(wrong.toLowerCase());
    await page.getByRole('button', { name: 'Ověřit' }).click();
    await page.waitForFunction(() => document.querySelector('#certificate-result')?.textContent?.includes('neplatí'));
    assert.match(await page.locator('#certificate-result').innerText(), /Tento kód neplatí\./);
    assert.equal(new URL(page.url()).pathname, `/certificates/${wrong.toLowerCase()}`);
    await axe(page, 'cs certificate not valid');

    // English.
    await page.evaluate(() => localStorage.setItem('brana.lang', 'en'));
    await page.goto(url(`/certificates/${code}`), { waitUntil: 'networkidle' });
    await page.waitForSelector('#certificate-result');
    assert.match(await page.locator('#certificate-result').innerText(), /The certificate is genuine\.[\s\S]*Type of event\s+Workshop/);
    await axe(page, 'en certificate genuine');
    await noProblems(page);
    await page.context().close();
  });
});
