// The whole journey of issue #9's "Done when", once in Czech and once in
// English, in real headless Chromium against a real local stack (its demo
// events, DynamoDB Local, the file mailer):
//
//   the events page lists the demo events; an organiser creates and
//   publishes an event with one seat (the staff API, a `make token
//   GROUP=organiser` token); somebody takes the seat; a newcomer registers
//   through the form and is waitlisted with a position; the seat's holder
//   cancels with their token; the newcomer's offer e-mail arrives (the file
//   the file mailer writes), its link opens the registration in the
//   browser and the newcomer accepts; the organiser checks the newcomer in
//   (the staff API; the event starts minutes later, on the same day); the
//   newcomer downloads the certificate of attendance
//   (a PDF) from the manage page. axe-core at zero violations on every new
//   state.
//
// Run with `npm test` in web/ after `npm run build` (make web-test).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { axe, checkTools, launchBrowser, newPage, parseEml, pdfText, resultsDir, screenshot, solvePow, startStack, waitForMail, writeResults } from './harness.mjs';

/** The demo events of `make run` (internal/app/seed_events.go), by language. */
const DEMO_TITLES = {
  cs: [
    'Transformační plán krok za krokem',
    'Diskuzní fórum: komunitní služby v Jihomoravském kraji',
    'Webinář: financování komunitních služeb z IROP',
    'Stáž v chráněném bydlení v Olomouci',
    'Seminář: lidské zdroje v transformaci',
  ],
  en: [
    'The transformation plan step by step',
    'Discussion forum: community services in the South Moravian Region',
    'Webinar: funding community services from IROP',
    'Study visit: supported housing in Olomouc',
    'Seminar: people in the transformation',
  ],
};

/** What each language's pages say at each step. */
const TEXT = {
  cs: {
    eventsTitle: 'Akce a semináře',
    found: /^Nalezen[oa] \d+ akc[eí]\.$/,
    joinWaitlist: 'Zapsat se na čekací listinu',
    waitlistedTitle: 'Jste na čekací listině',
    position: /Na čekací listině jste 1\. v pořadí\./,
    offered: 'Nabídnuté místo',
    offerGo: 'Přijmout nebo odmítnout nabídnuté místo',
    accept: 'Přijmout místo',
    accepted: /^Místo je vaše/,
    confirmed: 'Potvrzená registrace',
    attended: 'Zúčastnil(a) jste se',
    certificate: 'Stáhnout potvrzení o účasti (PDF)',
    certificateFile: 'potvrzeni-o-ucasti.pdf',
    certificateDone: 'Potvrzení o účasti se stáhlo.',
  },
  en: {
    eventsTitle: 'Events',
    found: /^\d+ events found\.$/,
    joinWaitlist: 'Join the waiting list',
    waitlistedTitle: 'You are on the waiting list',
    position: /You are number 1 on the waiting list\./,
    offered: 'Seat offered',
    offerGo: 'Accept or decline the offered seat',
    accept: 'Accept the seat',
    accepted: /^The seat is yours/,
    confirmed: 'Registration confirmed',
    attended: 'You attended',
    certificate: 'Download the certificate of attendance (PDF)',
    certificateFile: 'certificate-of-attendance.pdf',
    certificateDone: 'The certificate of attendance has been downloaded.',
  },
};

let stack;
let browser;
let organiser; // a `make token GROUP=organiser` token of this stack

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
const local = (link) => link.replace(/^https?:\/\/[^/]+/, stack.url);

async function api(method, p, { token, staff, body, pow = false, lang = 'cs' } = {}) {
  const headers = { 'Accept-Language': lang };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (staff) headers.Authorization = `Bearer ${staff}`;
  if (token) headers['Registration-Token'] = token;
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

const pragueDay = (d) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(d);

/**
 * An organiser's event with one seat, published, starting in three minutes
 * with registration open until it starts: people are checked in only from
 * the event's day (Prague time), and an event can be published only
 * before it starts. In the last minutes of a Prague day the test waits
 * for the next one, so that the check-in falls on the event's day.
 */
async function publishedOneSeatEvent(lang) {
  while (pragueDay(new Date()) !== pragueDay(new Date(Date.now() + 10 * 60_000))) {
    await new Promise((r) => setTimeout(r, 5_000));
  }
  const start = new Date(Math.ceil((Date.now() + 3 * 60_000) / 60_000) * 60_000);
  const end = new Date(start.getTime() + 3 * 3600_000);
  const created = await api('POST', '/v1/staff/events', {
    staff: organiser,
    lang,
    body: {
      kind: 'workshop',
      title: { cs: `Malý workshop (${lang})`, en: `A small workshop (${lang})` },
      description: { cs: 'Workshop pro jednoho účastníka.', en: 'A workshop for one participant.' },
      topics: ['transformation_plan'],
      targetGroups: ['client', 'provider'],
      region: 'CZ064',
      sessions: [{ start: start.toISOString(), end: end.toISOString() }],
      registrationCloses: start.toISOString(),
      mode: 'in_person',
      venue: { name: 'Krajský úřad, sál 1', address: 'Žerotínovo náměstí 3, 601 82 Brno', stepFree: true },
      capacity: { inPerson: 1, online: 0 },
      organiser: 'MPSV, tým transformace',
    },
  });
  assert.equal(created.status, 201, `create the event: ${JSON.stringify(created.json)}`);
  const id = created.json.id;
  const published = await api('POST', `/v1/staff/events/${id}/publish`, { staff: organiser, lang });
  assert.equal(published.status, 200, `publish the event: ${JSON.stringify(published.json)}`);
  return { id, title: created.json.title[lang] };
}

async function journey(lang) {
  const T = TEXT[lang];
  const page = await newPage(browser, { locale: lang === 'cs' ? 'cs-CZ' : 'en-GB' });
  try {
    // 1. The events page lists the demo events.
    await page.goto(url('/events'), { waitUntil: 'networkidle' });
    if (lang === 'en') {
      await page.locator('.lang-switch').click();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
    }
    await page.waitForFunction(() => {
      const s = document.getElementById('events-status')?.textContent ?? '';
      return s !== '' && !/Načítám|Loading/.test(s);
    });
    assert.match(await page.locator('#events-status').innerText(), T.found);
    assert.equal(await page.locator('h1').innerText(), T.eventsTitle);
    for (const title of DEMO_TITLES[lang]) {
      assert.equal(await page.locator('.event-card', { hasText: title }).count(), 1, `the demo event “${title}” is listed`);
    }
    await axe(page, `${lang} flow: events list`);

    // 2. An organiser publishes an event with one seat; somebody takes it.
    const ev = await publishedOneSeatEvent(lang);
    const holder = await api('POST', `/v1/events/${ev.id}/registrations`, {
      pow: true,
      lang,
      body: {
        contact: { name: 'Jana Dřívější', email: `jana.drivejsi.${lang}@example.cz` },
        targetGroup: 'client',
        region: 'CZ064',
        consent: { accepted: true, noticeVersion: '2026-11' },
      },
    });
    assert.equal(holder.status, 201, JSON.stringify(holder.json));
    assert.equal(holder.json.registration.status, 'confirmed');

    // 3. The newcomer registers through the form and is waitlisted with a position.
    await page.goto(url(`/events/${ev.id}`), { waitUntil: 'networkidle' });
    await page.waitForSelector('.sessions');
    assert.equal(await page.locator('h1').innerText(), ev.title);
    await page.getByRole('link', { name: T.joinWaitlist }).first().click();
    await page.waitForSelector('form.event-form');
    const name = lang === 'cs' ? 'Žofie Řeháková' : 'Zoe Ashworth';
    await page.locator('#name').fill(name);
    await page.locator('#email').fill(`novacek.${lang}@example.cz`);
    await page.locator('#targetGroup-client').check();
    await page.locator('#region').selectOption('CZ064');
    await page.locator('#consent').check();
    await page.getByRole('button', { name: T.joinWaitlist }).click();
    await page.waitForURL(/\/events\/registered$/);
    await page.waitForSelector('#waitlist-position');
    assert.equal(await page.locator('h1').innerText(), T.waitlistedTitle);
    assert.match(await page.locator('#waitlist-position').innerText(), T.position);
    const manageLink = await page.locator('#manage-link').getAttribute('href');
    const regId = /registration=([^&]+)/.exec(manageLink)[1];
    await axe(page, `${lang} flow: waitlisted`);
    await screenshot(page, `${lang}-flow-01-waitlisted`);

    // 4. The seat's holder cancels with their token: the offer e-mail arrives.
    const cancelled = await api('POST', `/v1/registrations/${holder.json.registration.id}/cancel`, { token: holder.json.manageToken, pow: true, body: {}, lang });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.json));
    const eml = await waitForMail(stack.mailDir, new RegExp(`^ws-${regId}-\\d+-offer`));
    const parts = parseEml(readFileSync(eml, 'utf8'));
    const text = parts.find((p) => /^text\/plain/i.test(p.contentType))?.text ?? '';
    const offerLink = /https?:\/\/\S+\/manage#registration=[^&\s]+&token=[A-Za-z0-9_-]+/.exec(text)?.[0];
    assert.ok(offerLink, `no offer link in ${eml}:\n${text}`);
    assert.ok(text.includes(ev.title), `the offer e-mail names the event in ${lang}:\n${text}`);

    // 5. The offer link opens the registration in the browser; the newcomer accepts.
    await page.goto(local(offerLink), { waitUntil: 'networkidle' });
    await page.waitForSelector('.status-tag');
    assert.equal(await page.locator('.status-tag').innerText(), T.offered);
    await axe(page, `${lang} flow: manage, offered`);
    await page.getByRole('link', { name: T.offerGo }).click();
    await page.waitForURL(/\/events\/offer$/);
    await page.waitForSelector('#offer-expiry');
    await axe(page, `${lang} flow: accept offer`);
    await page.getByRole('button', { name: T.accept }).click();
    await page.waitForSelector('#offer-done');
    assert.match(await page.locator('#offer-done').innerText(), T.accepted);
    assert.ok((await page.locator('main').innerText()).includes(T.confirmed), 'the offer page shows the registration confirmed');
    await axe(page, `${lang} flow: offer accepted`);
    await screenshot(page, `${lang}-flow-02-accepted`);

    // 6. No certificate before the check-in; the organiser checks the newcomer in; again changes nothing.
    const token = /token=([A-Za-z0-9_-]+)/.exec(manageLink)[1];
    const early = await api('GET', `/v1/registrations/${regId}/certificate`, { token, lang });
    assert.equal(early.status, 409, `a certificate before the check-in: ${JSON.stringify(early.json)}`);
    assert.equal(early.json.code, 'certificate_not_ready', JSON.stringify(early.json));
    for (let i = 0; i < 2; i++) {
      const checkin = await api('POST', `/v1/staff/events/${ev.id}/checkins`, { staff: organiser, body: { registrationId: regId }, lang });
      assert.equal(checkin.status, 200, `check-in ${i + 1}: ${JSON.stringify(checkin.json)}`);
      assert.equal(checkin.json.status, 'attended');
    }

    // 7. The manage page (the waiting list's link) offers the certificate: a PDF.
    await page.goto(local(manageLink), { waitUntil: 'networkidle' });
    await page.waitForSelector('.status-tag');
    assert.equal(await page.locator('.status-tag').innerText(), T.attended);
    await axe(page, `${lang} flow: manage, attended`);
    await screenshot(page, `${lang}-flow-03-attended`);
    const pdfResponse = page.waitForResponse((r) => new URL(r.url()).pathname === `/v1/registrations/${regId}/certificate`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: T.certificate }).click()]);
    const resp = await pdfResponse;
    assert.equal(resp.status(), 200);
    assert.equal(resp.headers()['content-type'], 'application/pdf');
    assert.equal(download.suggestedFilename(), T.certificateFile);
    const pdf = readFileSync(await download.path());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', 'the download is a PDF');
    assert.match(pdf.subarray(-1024).toString('latin1'), /%%EOF\s*$/, 'the PDF is complete');
    mkdirSync(resultsDir, { recursive: true });
    const shown = pdfText(pdf).replace(/\s+/g, ' ');
    writeFileSync(path.join(resultsDir, `${lang}-flow-certificate.txt`), shown);
    assert.ok(shown.includes(name), `the certificate names ${name}:\n${shown}`);
    assert.ok(shown.includes(ev.title), `the certificate names the event:\n${shown}`);
    // Its verification code checks out on the public route, which names the event, never the person.
    const code = /(?:Ověřovací kód|Verification code) ([0-9A-Z]{4}(?:-[0-9A-Z]{4})+)/.exec(shown)?.[1];
    assert.ok(code, `no verification code on the certificate:\n${shown}`);
    const verified = await api('GET', `/v1/certificates/${code}`, { lang });
    assert.equal(verified.status, 200, JSON.stringify(verified.json));
    assert.ok(JSON.stringify(verified.json).includes(ev.title), JSON.stringify(verified.json));
    assert.ok(!JSON.stringify(verified.json).includes(name), 'the verification names the person');
    await page.waitForFunction((t) => document.body.innerText.includes(t), T.certificateDone);
    await axe(page, `${lang} flow: certificate downloaded`);
    assert.deepEqual(page.problems(), [], 'console errors, page errors or CSP refusals');
  } finally {
    await page.context().close();
  }
}

test('Czech: demo events, waitlisted, offer by e-mail, accepted, checked in, certificate', { timeout: 3 * 60_000 }, () => journey('cs'));

test('English: demo events, waitlisted, offer by e-mail, accepted, checked in, certificate', { timeout: 3 * 60_000 }, () => journey('en'));
