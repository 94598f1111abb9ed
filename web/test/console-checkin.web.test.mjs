// The console's check-in on a phone, on the real local stack (brana-local
// run: the local gateway, DynamoDB Local, the file outbox), at 320 px:
//
//   an organiser creates and publishes an event of today (the staff API);
//   four people register (the public API) and get their confirmations
//   with the check-in QR code (read from the .eml files, decoded by
//   web/test/qrframe, which also turns C's into a video for Chromium's
//   fake camera). Signed in as the organiser: A is checked in by searching
//   her name and tapping "Zapsat příchod"; B by typing his code, keyboard
//   only, after a forged code is refused with the API's problem; B's code
//   again says "already checked in"; C by the camera scanning the QR code
//   of his confirmation (@zxing/browser, loaded only when the camera
//   starts); the camera refused shows where to type the code; D's check-in
//   reaches the server but its answer is lost: it waits, visibly, and
//   "Retry now" finishes it, and the server recorded one check-in (the
//   first time, unchanged); a walk-in is added (the name needed first).
//   axe at every state, no horizontal scroll at
//   320 px and at 200 %, no CSP violation, nothing in the browser's storage.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import {
  assertNoHorizontalScroll,
  assertNoStoredToken,
  axe,
  checkTools,
  CHROMIUM,
  CHROMIUM_ARGS,
  consoleSignIn,
  narrow,
  newPage,
  repoRoot,
  screenshot,
  solvePow,
  startStack,
  tabTo,
  waitForMail,
  waitHeading,
  writeResults,
} from './harness.mjs';

let stack;
let browser;
let organiser;
let tmp;
let ev;
const people = {
  A: { name: 'Alena Adámková', email: 'alena.adamkova@example.cz' },
  B: { name: 'Bohumil Beneš', email: 'bohumil.benes@example.cz' },
  C: { name: 'Cyril Čermák', email: 'cyril.cermak@example.cz' },
  D: { name: 'Dana Dvořáková', email: 'dana.dvorakova@example.cz' },
};

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

const pragueDay = (d) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(d);

/** A published in-person event starting in three minutes, today (Prague): check-in opens on its day. */
async function publishedEvent() {
  while (pragueDay(new Date()) !== pragueDay(new Date(Date.now() + 10 * 60_000))) {
    await new Promise((r) => setTimeout(r, 5_000));
  }
  const start = new Date(Math.ceil((Date.now() + 3 * 60_000) / 60_000) * 60_000);
  const end = new Date(start.getTime() + 3 * 3600_000);
  const created = await api('POST', '/v1/staff/events', {
    staff: organiser,
    body: {
      kind: 'workshop',
      title: { cs: 'Workshop u dveří', en: 'A workshop at the door' },
      description: { cs: 'Workshop, na který se přichází s QR kódem.', en: 'A workshop people come to with a QR code.' },
      topics: ['transformation_plan'],
      targetGroups: ['client', 'provider'],
      region: 'CZ064',
      sessions: [{ start: start.toISOString(), end: end.toISOString() }],
      registrationCloses: start.toISOString(),
      mode: 'in_person',
      venue: { name: 'Krajský úřad, sál 1', address: 'Žerotínovo náměstí 3, 601 82 Brno', stepFree: true },
      capacity: { inPerson: 10, online: 0 },
      organiser: 'MPSV, tým transformace',
    },
  });
  assert.equal(created.status, 201, `create the event: ${JSON.stringify(created.json)}`);
  const published = await api('POST', `/v1/staff/events/${created.json.id}/publish`, { staff: organiser });
  assert.equal(published.status, 200, `publish the event: ${JSON.stringify(published.json)}`);
  return { id: created.json.id, title: created.json.title.cs };
}

/** The inline QR code PNG of a registration's confirmation e-mail. */
async function confirmationQR(regId) {
  const file = await waitForMail(stack.mailDir, new RegExp(`^ws-${regId}-\\d+-confirmation`));
  const raw = readFileSync(file, 'utf8');
  const m = /Content-Type: image\/png[^]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n--/i.exec(raw);
  assert.ok(m, `no QR code image in ${file}`);
  return Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
}

/** The check-in codes QR code PNGs hold (web/test/qrframe, by name), and a Y4M video of each. */
function readQRs(pngs) {
  const args = [];
  const out = {};
  for (const [name, png] of Object.entries(pngs)) {
    const pngFile = path.join(tmp, `${name}.png`);
    out[name] = { y4m: path.join(tmp, `${name}.y4m`) };
    writeFileSync(pngFile, png);
    args.push(pngFile, out[name].y4m);
  }
  const r = spawnSync('go', ['run', './web/test/qrframe', ...args], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, `qrframe: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  Object.values(out).forEach((o, i) => {
    const [code, seen] = lines[i].split('\t');
    o.code = code;
    o.scannable = seen === 'scannable';
  });
  return out;
}

before(
  async () => {
    checkTools();
    tmp = mkdtempSync(path.join(tmpdir(), 'brana-checkin-'));
    stack = await startStack();
    organiser = stack.staffToken('organiser');
    ev = await publishedEvent();
    for (const p of Object.values(people)) {
      const r = await api('POST', `/v1/events/${ev.id}/registrations`, {
        pow: true,
        body: { contact: { name: p.name, email: p.email }, targetGroup: 'client', region: 'CZ064', consent: { accepted: true, noticeVersion: '2026-11' } },
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      assert.equal(r.json.registration.status, 'confirmed');
      p.id = r.json.registration.id;
    }
    const qrs = readQRs({ B: await confirmationQR(people.B.id), C: await confirmationQR(people.C.id) });
    for (const k of ['B', 'C']) Object.assign(people[k], qrs[k]);
    // ZXing does not find about one code in a hundred in a clean picture
    // (web/test/qrframe): the camera then shows B's, and C's is typed.
    if (!people.C.scannable) [people.B, people.C] = [people.C, people.B];
    assert.ok(people.C.scannable, 'neither B’s nor C’s QR code is found by ZXing in the fake camera’s picture');
    assert.match(people.C.code, new RegExp(`^C1\\.${ev.id}\\.${people.C.id}\\.`));
    assert.match(people.B.code, new RegExp(`^C1\\.${ev.id}\\.${people.B.id}\\.`));
    // Chromium's fake camera shows C's QR code; its permission prompt says yes.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${people.C.y4m}`],
    });
  },
  { timeout: 6 * 60_000 },
);

after(async () => {
  writeResults();
  await browser?.close();
  await stack?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the check-in rules: names without accents, counts, retry waits, a check-in made before, codes', async () => {
  const out = path.join(tmp, 'logic.mjs');
  await esbuild.build({ absWorkingDir: path.join(repoRoot, 'web'), entryPoints: ['src/staff/checkin/logic.ts'], bundle: true, format: 'esm', platform: 'neutral', outfile: out, logLevel: 'error' });
  const L = await import(pathToFileURL(out).href);
  const reg = (name, status, extra = {}) => ({ id: name, seat: 'in_person', status, contact: { name }, answers: [], needs: {}, walkIn: false, createdAt: '', erased: false, ...extra });
  const zofie = reg('Žofie Řeháková', 'confirmed', { contact: { name: 'Žofie Řeháková', email: 'zofie@example.cz' }, organisation: { name: 'Domov Lipová' } });
  for (const q of ['zofie', 'ŘEHÁ', 'rehakova zof', 'lipova', 'example.cz', '  ', '']) assert.ok(L.matches(zofie, q), q);
  for (const q of ['zofie q', 'novak', 'Řehák Jana']) assert.ok(!L.matches(zofie, q), q);
  const regs = [zofie, reg('a', 'attended'), reg('b', 'attended', { walkIn: true }), reg('c', 'offered'), reg('d', 'no_show'), reg('e', 'waitlisted'), reg('f', 'cancelled'), reg('g', 'expired')];
  assert.deepEqual(L.tally(regs), { inside: 2, expected: 5, walkIns: 1 });
  assert.deepEqual([1, 2, 3, 4, 5, 6, 20].map(L.backoff), [2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  const now = Date.parse('2026-11-28T09:00:00Z');
  assert.equal(L.checkedInBefore(false, '2026-11-28T09:00:01Z', now), false, 'our own (lost) attempt');
  assert.equal(L.checkedInBefore(false, '2026-11-28T08:59:30Z', now), false, 'within the clocks\' minute');
  assert.equal(L.checkedInBefore(false, '2026-11-28T08:50:00Z', now), true, 'another phone, earlier');
  assert.equal(L.checkedInBefore(true, '2026-11-28T09:00:01Z', now), true, 'the list said so');
  assert.equal(L.checkedInBefore(true, undefined, now), false);
  assert.deepEqual(L.codeRegistration(' C1.ev-1.reg_2.3q2Yk7Wv1xZs9PfL0mN4bA\n'), { eventId: 'ev-1', registrationId: 'reg_2' });
  for (const c of ['', 'C2.a.b.c', 'C1.a.b', 'C1..b.c', 'C1.a.b.', 'hello']) assert.equal(L.codeRegistration(c), undefined, c);
  assert.deepEqual([...L.CHECKABLE].sort(), ['confirmed', 'no_show', 'offered']);
});

const text = (page, sel) => page.locator(sel).innerText();
const outcome = async (page, want) => {
  await page.waitForFunction((w) => document.getElementById('checkin-outcome')?.textContent?.trim() === w, want, { timeout: 20_000 });
};
const counts = async (page, inside, expected, extra = '') => {
  const want = `Přítomno ${inside} z očekávaných ${expected}${extra}`;
  await page.waitForFunction((w) => document.getElementById('checkin-counts')?.textContent?.trim().replace(/\s+/g, ' ') === w, want).catch(async (e) => {
    throw new Error(`counts: ${await page.locator('#checkin-counts').innerText()}, want ${want}: ${e.message}`);
  });
};

test('an organiser checks people in on a phone: by name, by typed code, by QR code, through a lost answer, and a walk-in', { timeout: 150_000 }, async () => {
  // Only the console's pages may use the camera (Permissions-Policy), of their own origin.
  for (const [p, want] of [[`/staff/events/${ev.id}/check-in`, 'camera=(self)'], ['/staff', 'camera=(self)'], ['/events', 'camera=()'], ['/', 'camera=()']]) {
    const r = await fetch(url(p));
    assert.match(r.headers.get('permissions-policy') ?? '', new RegExp(`^${want.replace(/[()]/g, '\\$&')},`), p);
  }
  const page = await newPage(browser);
  await page.setViewportSize({ width: 320, height: 700 });
  const here = `/staff/events/${ev.id}/check-in`;
  await consoleSignIn(page, stack.url, 'organiser', here);
  await waitHeading(page, `Odbavení: ${ev.title}`);
  await counts(page, 0, 4);
  assert.equal(await page.locator('.checkin-person').count(), 4, 'everybody is listed');
  await axe(page, 'checkin: loaded');
  await assertNoHorizontalScroll(page, 'checkin at 320 px');
  const small = await page.locator('.checkin .gov-button').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().height < 48).map((e) => e.textContent.trim()));
  assert.deepEqual(small, [], 'every button is at least 48 px high');
  const scripts = () => page.requests.filter((r) => r.url.endsWith('.js')).map((r) => r.url);
  const before = scripts();

  // A: by name, without the accents, a tap on the big button.
  await page.locator('#checkin-search').fill('adamk');
  await page.waitForFunction(() => document.getElementById('checkin-found')?.textContent?.trim() === 'Nalezena 1 registrace.');
  assert.equal(await page.locator('.checkin-person').count(), 1);
  await axe(page, 'checkin: search results');
  await page.getByRole('button', { name: `Zapsat příchod – ${people.A.name}` }).click();
  await outcome(page, `${people.A.name}: příchod zapsán.`);
  await counts(page, 1, 4);
  assert.match(await text(page, `#person-${people.A.id} .checkin-person__status`), /^Přítomen\/přítomna, příchod zapsán v \d{1,2}:\d{2}$/);
  assert.equal(await page.locator(`#checkin-${people.A.id}`).count(), 0, 'no check-in button for somebody checked in');
  await axe(page, 'checkin: checked in by name');
  await page.locator('#checkin-search').fill('nikdotakovy');
  await page.waitForFunction(() => /^Hledanému „nikdotakovy“ neodpovídá žádná registrace\.$/.test(document.getElementById('checkin-found')?.textContent?.trim() ?? ''));
  await axe(page, 'checkin: search without results');
  await screenshot(page, 'console-checkin-01-by-name');

  // B: by typed code, keyboard only; a forged code first.
  await page.locator('#checkin-search').fill('');
  await page.locator('h1').focus();
  await tabTo(page, 'the code field', (el) => el.id === 'checkin-code');
  const forged = people.B.code.slice(0, -2) + (people.B.code.endsWith('AA') ? 'BB' : 'AA');
  await page.keyboard.type(forged);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#checkin-code-problem');
  await page.waitForFunction(() => document.activeElement?.id === 'checkin-code-problem');
  assert.equal(await page.locator('#checkin-code-problem').getAttribute('role'), 'alert');
  assert.ok((await text(page, '#checkin-code-error')).length > 0, 'the field error is next to the field');
  assert.equal(await page.locator('#checkin-code').getAttribute('aria-invalid'), 'true');
  await axe(page, 'checkin: wrong code');
  await counts(page, 1, 4);
  await tabTo(page, 'the code field', (el) => el.id === 'checkin-code');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(people.B.code);
  await page.keyboard.press('Enter');
  await outcome(page, `${people.B.name}: příchod zapsán.`);
  await page.waitForFunction(() => document.activeElement?.id === 'checkin-outcome');
  await counts(page, 2, 4);
  assert.equal(await page.locator('#checkin-code-problem').count(), 0, 'the problem is gone');
  // B's code again: already checked in, said so, nothing recorded.
  await tabTo(page, 'the code field', (el) => el.id === 'checkin-code');
  await page.keyboard.type(people.B.code);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /už byl\(a\) odbaven\(a\) v \d/.test(document.getElementById('checkin-outcome')?.textContent ?? ''));
  assert.equal(await page.locator('.checkin-outcome').getAttribute('data-kind'), 'already');
  await counts(page, 2, 4);
  await axe(page, 'checkin: already checked in');

  // C: the camera reads the QR code of C's confirmation.
  assert.deepEqual(scripts(), before, 'no code is loaded before the camera starts');
  const checkinPosts = () => page.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/checkins')).length;
  const postsBefore = checkinPosts();
  await page.locator('#checkin-camera-start').click();
  await outcome(page, `${people.C.name}: příchod zapsán.`);
  await counts(page, 3, 4);
  assert.ok(scripts().length > before.length, 'the scanner is loaded when the camera starts');
  await page.waitForSelector('#checkin-camera-stop');
  await axe(page, 'checkin: camera on');
  await page.waitForTimeout(6_000); // the code stays in front of the camera
  assert.equal(await page.locator('.checkin-outcome').getAttribute('data-kind'), 'done', 'the code held in front of the camera is not sent again');
  await page.locator('#checkin-camera-stop').click();
  await page.waitForSelector('#checkin-camera-start');
  assert.equal(checkinPosts() - postsBefore, 1, 'one check-in sent for the QR code held in front of the camera');
  assert.equal(await page.locator('#checkin-video').isHidden(), true);

  // The camera refused: the way to the typed code.
  await page.evaluate(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  await page.locator('#checkin-camera-start').click();
  await page.waitForFunction(() => document.activeElement?.id === 'checkin-camera-problem');
  assert.match(await text(page, '#checkin-camera-problem'), /nepovolil přístup k fotoaparátu[^]*Kód z potvrzení/);
  await axe(page, 'checkin: camera refused');
  await page.locator('#checkin-camera-problem a').click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'checkin-code');

  // D: the check-in reaches the server, its answer is lost; it waits and is sent again.
  // The first answer is lost on the way back; then no connection at all until `online`.
  let lost;
  let posts = 0;
  let online = false;
  await page.route('**/v1/staff/events/*/checkins', async (route) => {
    posts++;
    if (posts === 1) {
      const resp = await route.fetch();
      lost = await resp.json();
      await route.abort('connectionreset');
    } else if (!online) {
      await route.abort('internetdisconnected');
    } else {
      await route.continue();
    }
  });
  await page.locator('#checkin-search').fill('dvorak');
  await page.getByRole('button', { name: `Zapsat příchod – ${people.D.name}` }).click();
  await page.waitForSelector('#checkin-pending');
  assert.equal(await text(page, '#checkin-pending-count'), '1 příchod čeká na odeslání.');
  assert.match(await text(page, '.checkin-pending__list'), new RegExp(people.D.name));
  await outcome(page, `${people.D.name}: není spojení se serverem. Příchod se zapíše sám, jakmile se spojení obnoví.`);
  assert.equal(lost?.status, 'attended', 'the lost answer was a check-in');
  await axe(page, 'checkin: waiting to be sent');
  await screenshot(page, 'console-checkin-02-pending');
  // It is sent again by itself (after 2 s, then 4 s …), still without a connection.
  for (const deadline = Date.now() + 15_000; posts < 2 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 200));
  assert.ok(posts >= 2, 'retried by itself');
  await page.waitForSelector('#checkin-pending');
  online = true;
  const sent = posts;
  await page.locator('#checkin-retry').click();
  await outcome(page, `${people.D.name}: příchod zapsán.`);
  await page.waitForSelector('#checkin-pending', { state: 'detached' });
  await counts(page, 4, 4);
  assert.equal(posts, sent + 1, 'Retry now sent it once more');
  const list = await api('GET', `/v1/staff/events/${ev.id}/registrations`, { staff: organiser });
  const d = list.json.items.find((r) => r.id === people.D.id);
  assert.equal(d.status, 'attended');
  assert.equal(d.checkedInAt, lost.checkedInAt, 'the retry recorded nothing new: the first check-in stands');
  assert.equal(list.json.items.filter((r) => r.status === 'attended').length, 4);
  await page.unroute('**/v1/staff/events/*/checkins');

  // A walk-in: the name is needed; then added and checked in at once.
  await page.locator('#walkin-submit').click();
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
  assert.equal((await text(page, '#walkin-name-error')).replace(/\s+/g, ' '), 'Chyba: Zadejte jméno a příjmení.');
  await axe(page, 'checkin: walk-in without a name');
  await page.locator('#walkin-name').fill('Eva Ekertová');
  await page.locator('#walkin-org').fill('Domov Lipová');
  await page.locator('#walkin-submit').click();
  await outcome(page, 'Eva Ekertová: přidán(a) bez registrace, příchod zapsán.');
  await counts(page, 5, 5, ' (z toho 1 bez registrace)');
  assert.equal(await page.locator('#error-summary').count(), 0);
  await axe(page, 'checkin: walk-in added');

  // 320 px and 200 %, storage, CSP.
  await page.locator('#checkin-search').fill('');
  await assertNoHorizontalScroll(page, 'checkin at 320 px, everybody in');
  await narrow(page, '200%');
  await assertNoHorizontalScroll(page, 'checkin at 200 %');
  await assertNoStoredToken(page);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  for (const p of Object.values(people)) assert.ok(!stored.includes(p.name) && !stored.includes(p.id), `nothing of ${p.name} is stored`);
  const problems = page.problems().filter((p) => !/ERR_CONNECTION_RESET|ERR_INTERNET_DISCONNECTED|net::ERR_FAILED/.test(p));
  assert.deepEqual(problems, [], 'no console error, no CSP violation');

  // English.
  await page.locator('.lang-switch').click();
  await waitHeading(page, `Check-in: ${'A workshop at the door'}`);
  assert.equal(await text(page, '#checkin-counts'), '5 of 5 expected checked in (including 1 walk-in)');
  assert.equal(await text(page, '#checkin-outcome'), 'Eva Ekertová was added as a walk-in and checked in.', 'the last result follows the language');
  await axe(page, 'checkin: English');
  await screenshot(page, 'console-checkin-03-en');
  await page.close();
});
