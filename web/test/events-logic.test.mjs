// The events pages' logic (src/public/events/logic.ts) in Node, without a
// browser: the filters in the address, the months offered, the seats and
// waiting-list state, the registration form's checks and the request it
// becomes. esbuild bundles the module into a temporary file first.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let L;
let dir;
before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'brana-events-logic-'));
  const out = path.join(dir, 'logic.mjs');
  await esbuild.build({
    absWorkingDir: webDir,
    entryPoints: ['src/public/events/logic.ts'],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile: out,
    logLevel: 'error',
  });
  L = await import(pathToFileURL(out).href);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const event = (over = {}) => ({
  id: 'e1',
  kind: 'workshop',
  title: { cs: 'Workshop', en: 'Workshop' },
  topics: ['transformation_plan'],
  targetGroups: ['provider'],
  region: 'CZ010',
  mode: 'in_person',
  sessions: [{ start: '2026-12-10T08:00:00Z', end: '2026-12-10T14:00:00Z' }],
  start: '2026-12-10T08:00:00Z',
  end: '2026-12-10T14:00:00Z',
  hours: 6,
  seats: [{ seat: 'in_person', capacity: 20, left: 3 }],
  waitingListOpen: false,
  registrationOpen: true,
  registrationOpens: '2026-11-01T00:00:00Z',
  registrationCloses: '2026-12-09T08:00:00Z',
  status: 'published',
  questions: [],
  ...over,
});

describe('filters in the address', () => {
  test('known values are kept, unknown ones dropped, the order is fixed', () => {
    const q = L.parseFilters('?mode=hybrid&kind=forum&region=CZ999&topic=financing&month=2026-13&x=1');
    assert.deepEqual(q, { kind: 'forum', topic: 'financing', mode: 'hybrid' });
    assert.equal(L.filtersToSearch(q), '?kind=forum&topic=financing&mode=hybrid');
    assert.equal(L.filtersToSearch({}), '');
    assert.deepEqual(L.parseFilters(L.filtersToSearch({ region: 'CZ064', month: '2027-01' })), { region: 'CZ064', month: '2027-01' });
    assert.equal(L.filterCount({ region: 'CZ064', month: '2027-01' }), 2);
  });
  test('months: this one and the next eleven, across the year end', () => {
    const m = L.monthOptions('2026-11-27');
    assert.equal(m.length, 12);
    assert.deepEqual(m.slice(0, 3), ['2026-11', '2026-12', '2027-01']);
    assert.equal(m[11], '2027-10');
  });
});

describe('seats and the waiting list', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  test('open with seats; few at five or less', () => {
    assert.deepEqual(L.availability(event(), now), { state: 'open', left: 3, few: true });
    assert.deepEqual(L.availability(event({ seats: [{ seat: 'in_person', capacity: 20, left: 20 }] }), now), { state: 'open', left: 20, few: false });
  });
  test('full: waiting list when open, closed otherwise', () => {
    assert.deepEqual(L.availability(event({ seats: [{ seat: 'in_person', capacity: 20, left: 0 }], waitingListOpen: true }), now), { state: 'waitlist' });
    assert.deepEqual(L.availability(event({ seats: [{ seat: 'in_person', capacity: 20, left: 0 }] }), now), { state: 'closed' });
  });
  test('registration not yet open, closed, cancelled', () => {
    assert.equal(L.availability(event({ registrationOpen: false, registrationOpens: '2026-12-01T00:00:00Z' }), now).state, 'not_yet');
    assert.equal(L.availability(event({ registrationOpen: false }), now).state, 'closed');
    assert.equal(L.availability(event({ status: 'cancelled' }), now).state, 'cancelled');
  });
  test('a hybrid event counts both seat kinds, and each apart', () => {
    const h = event({ mode: 'hybrid', seats: [{ seat: 'in_person', capacity: 30, left: 0 }, { seat: 'online', capacity: 200, left: 40 }] });
    assert.equal(L.seatsOf(h), 40);
    assert.equal(L.seatsOf(h, 'in_person'), 0);
    assert.equal(L.wouldWaitlist(h, 'in_person'), true);
    assert.equal(L.wouldWaitlist(h, 'online'), false);
    assert.equal(L.wouldWaitlist(h), false);
    assert.deepEqual(L.seatsFor('hybrid'), ['in_person', 'online']);
  });
  test('hours: the sum of the sessions', () => {
    const two = [
      { start: '2026-12-10T08:00:00Z', end: '2026-12-10T15:30:00Z' },
      { start: '2026-12-11T08:00:00Z', end: '2026-12-11T12:00:00Z' },
    ];
    assert.equal(L.hoursOf(two), 11.5);
  });
});

describe('the registration form', () => {
  const questions = [
    { id: 'q1', kind: 'short_text', label: { cs: 'Organizace' }, required: true },
    { id: 'q2', kind: 'long_text', label: { cs: 'Očekávání' }, required: false },
    { id: 'q3', kind: 'single_choice', label: { cs: 'Oběd' }, options: [{ cs: 'maso' }, { cs: 'vegetariánský' }], required: true },
    { id: 'q4', kind: 'multiple_choice', label: { cs: 'Témata' }, options: [{ cs: 'a' }, { cs: 'b' }, { cs: 'c' }], required: true },
    { id: 'q5', kind: 'yes_no', label: { cs: 'Parkování' }, required: false },
  ];
  const e = event({ mode: 'hybrid', seats: [{ seat: 'in_person', capacity: 30, left: 1 }, { seat: 'online', capacity: 200, left: 10 }], questions });
  const filled = () => ({
    ...L.emptyDraft(),
    seat: 'online',
    name: ' Marie Procházková ',
    email: 'marie@example.cz',
    targetGroup: 'provider',
    orgName: 'Domov Slunečnice',
    ico: '005 51 023',
    jobRole: 'vedoucí služby',
    region: 'CZ064',
    answers: { q1: ['Domov'], q3: ['1'], q4: ['2', '0', '2'], q5: ['no'] },
    consent: true,
  });

  test('an empty draft: every required field, in the form order, each question by its id', () => {
    const p = L.validateDraft(L.emptyDraft(), e);
    assert.deepEqual(Object.keys(p).sort(), ['consent', 'email', 'name', 'q-q1', 'q-q3', 'q-q4', 'region', 'seat', 'targetGroup'].sort());
    assert.equal(p['q-q1'].code, 'answer');
    assert.equal(p['q-q3'].code, 'choose');
    assert.equal(p['q-q4'].code, 'chooseSome');
    assert.deepEqual(L.fieldOrder(e).slice(0, 3), ['seat', 'name', 'email']);
    assert.ok(L.fieldOrder(e).indexOf('q-q5') < L.fieldOrder(e).indexOf('consent'));
  });
  test('organisation and IČO are required for providers and public administration only; the IČO check digit', () => {
    const d = { ...filled(), orgName: '', ico: '' };
    assert.deepEqual(Object.keys(L.validateDraft(d, e)).sort(), ['ico', 'orgName']);
    assert.deepEqual(L.validateDraft({ ...d, targetGroup: 'client' }, e), {});
    assert.equal(L.validateDraft({ ...filled(), ico: '00551024' }, e).ico.code, 'icoInvalid');
  });
  test('the phone is optional but checked when given; e-mail form; lengths', () => {
    assert.deepEqual(L.validateDraft({ ...filled(), phone: '' }, e), {});
    assert.equal(L.validateDraft({ ...filled(), phone: '12' }, e).phone.code, 'phoneInvalid');
    assert.equal(L.validateDraft({ ...filled(), email: 'marie@' }, e).email.code, 'emailInvalid');
    assert.deepEqual(L.validateDraft({ ...filled(), needsOther: 'x'.repeat(501) }, e).needsOther, { code: 'tooLong', n: 500 });
    assert.deepEqual(L.validateDraft({ ...filled(), answers: { ...filled().answers, q2: ['y'.repeat(1001)] } }, e)['q-q2'], { code: 'tooLong', n: 1000 });
  });
  test('the request: trimmed, IČO without spaces, answers normalised, empty optional parts left out', () => {
    const d = filled();
    d.needs.signLanguage = true;
    const input = L.buildInput(d, e, 'cs', '2026-11');
    assert.deepEqual(input, {
      seat: 'online',
      contact: { name: 'Marie Procházková', email: 'marie@example.cz' },
      targetGroup: 'provider',
      organisation: { name: 'Domov Slunečnice', ico: '00551023' },
      jobRole: 'vedoucí služby',
      region: 'CZ064',
      answers: { q1: ['Domov'], q3: ['1'], q4: ['0', '2'], q5: ['no'] },
      needs: { wheelchair: false, signLanguage: true, inductionLoop: false, easyRead: false, assistant: false },
      consent: { accepted: true, noticeVersion: '2026-11' },
      language: 'cs',
    });
    // An in-person event takes its one seat kind without asking.
    assert.equal(L.buildInput({ ...d, seat: undefined }, event({ questions }), 'en', '2026-11').seat, 'in_person');
    // The job role is optional: left out when empty.
    assert.equal('jobRole' in L.buildInput({ ...d, jobRole: ' ' }, e, 'cs', '2026-11'), false);
    assert.equal(L.validateDraft({ ...d, jobRole: 'x'.repeat(121) }, e).jobRole.code, 'tooLong');
  });
  test("the server's field paths land on the form's fields", () => {
    assert.equal(L.serverField('contact.email'), 'email');
    assert.equal(L.serverField('organisation.ico'), 'ico');
    assert.equal(L.serverField('answers.q3'), 'q-q3');
    assert.equal(L.serverField('needs.other'), 'needsOther');
    assert.equal(L.serverField('nonsense'), undefined);
  });
  test('texts: English when there is one, Czech otherwise; the manage link as the e-mail has it', () => {
    assert.equal(L.txt({ cs: 'Seminář', en: 'Seminar' }, 'en'), 'Seminar');
    assert.equal(L.txt({ cs: 'Seminář' }, 'en'), 'Seminář');
    assert.equal(L.isCzechOnly({ cs: 'Seminář' }, 'en'), true);
    assert.equal(L.isCzechOnly({ cs: 'Seminář' }, 'cs'), false);
    assert.equal(L.manageLink('http://x/', 'r1', 'a_b-c'), 'http://x/manage#registration=r1&token=a_b-c');
  });
});
