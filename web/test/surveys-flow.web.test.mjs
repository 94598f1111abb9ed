// The evaluation part of issue #10's "Done when", in real headless Chromium
// against a real local stack (brana-local run: its demo seed, DynamoDB
// Local, the file mailer, the survey-invitations timer with
// SURVEY_INVITE_SAME_DAY=1 as `make run` sets it, shortened here with
// BRANA_EVERY):
//
//   a demo consultation that already took place (named in the banner) is
//   marked held through the staff API with the stack's admin token; the
//   invitation e-mail lands in the outbox folder; its link opens the
//   evaluation survey in the browser with the token only in the fragment
//   (sent only in the Invitation-Token header); the answer is sent and
//   thanked for; the same link again is refused ("already answered"); the
//   evaluator's results count the answer and export.csv carries it (UTF-8
//   with a BOM, ';'). Once in Czech, and once in English for the demo
//   consultation booked in English. axe-core at zero violations on every
//   page state.
//
// The awareness survey in both modes is surveys-stack.web.test.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { axe, checkTools, launchBrowser, newPage, parseEml, startStack, waitForMail, writeResults } from './harness.mjs';

const SURVEY = 'hodnoceni-konzultaci'; // internal/app/seed_surveys.go DemoConsultationSurveyID
const SEEDED = 8; // internal/app/seed_consultations.go DemoEvaluationResponses

const TEXT = {
  cs: {
    email: 'jana.novakova@example.cz',
    title: 'Jak vám pomohla konzultace s odborníkem?',
    anonymous: /Odpovědi ukládáme bez vazby na vás/,
    yes: 'Ano',
    submit: 'Odeslat odpovědi',
    sent: 'Děkujeme za odpovědi',
    answered: 'Už jste odpověděli',
    once: /Odkaz z pozvánky lze použít jen jednou/,
  },
  en: {
    email: 'marie.svobodova@example.cz',
    title: 'How did the expert consultation help you?',
    anonymous: /We store them with no link to you/,
    yes: 'Yes',
    submit: 'Send my answers',
    sent: 'Thank you for your answers',
    answered: 'You have already answered',
    once: /The invitation link can be used only once/,
  },
};

let stack;
let browser;
let admin; // a `make token GROUP=admin` token of this stack
let evaluator;

before(
  async () => {
    checkTools();
    stack = await startStack({ env: { BRANA_EVERY: 'survey-invitations=1s,outbox-sender=500ms', SURVEY_INVITE_SAME_DAY: '1' } });
    browser = await launchBrowser();
    admin = stack.staffToken('admin');
    evaluator = stack.staffToken('evaluator');
  },
  { timeout: 6 * 60_000 },
);

after(async () => {
  writeResults();
  await browser?.close();
  await stack?.stop();
});

const url = (p) => `${stack.url}${p}`;

async function api(method, p, token, body) {
  const headers = { 'Accept-Language': 'cs', Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(url(p), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
}
const json = (r) => JSON.parse(r.body.toString('utf8'));

/** The demo past consultations as the banner lists them: id, Prague start, expert, e-mail. */
function bannerConsultations() {
  const banner = stack.log.join('');
  const rows = [...banner.matchAll(/^ {4}([0-9a-z]{26}) {2}(\d+\. \d+\. \d{4} \d\d:\d\d) {2}(\S+)\s+(\S+@\S+)$/gm)];
  return { banner, rows: rows.map((m) => ({ id: m[1], start: m[2], expert: m[3], email: m[4] })) };
}

async function results() {
  const r = await api('GET', `/v1/staff/surveys/${SURVEY}/results`, evaluator);
  assert.equal(r.status, 200, r.body.toString());
  return json(r);
}

async function journey(lang) {
  const t = TEXT[lang];
  // The banner names the demo consultations that already took place and
  // the command that marks one held.
  const { banner, rows } = bannerConsultations();
  const past = rows.find((r) => r.email === t.email);
  assert.ok(past, `the banner lists no past consultation of ${t.email}:\n${banner}`);
  assert.match(banner, new RegExp(`-d '\\{"status":"held"\\}' ${stack.url.replace(/[.:/]/g, '\\$&')}/v1/staff/bookings/${rows[0].id}/outcome`));
  const before = (await results()).total.responses;

  // Marked held by the admin, as the banner's curl does.
  const held = await api('POST', `/v1/staff/bookings/${past.id}/outcome`, admin, { status: 'held' });
  assert.equal(held.status, 200, held.body.toString());
  assert.equal(json(held).status, 'held');

  // The invitation e-mail, in the booker's language, with the answer link.
  const file = await waitForMail(stack.mailDir, /^survey-invitation-/, 30_000, (raw) => raw.includes(t.email));
  const parts = parseEml(readFileSync(file, 'utf8'));
  const text = parts.find((p) => /^text\/plain/i.test(p.contentType))?.text ?? '';
  const html = parts.find((p) => /^text\/html/i.test(p.contentType))?.text ?? '';
  assert.match(html, new RegExp(`<html lang="${lang}"`));
  const link = /https?:\/\/\S+\/surveys\/answer(?:\?lang=en)?#([A-Za-z0-9_-]{43})/.exec(text);
  assert.ok(link, `no answer link in ${file}:\n${text}`);
  const token = link[1];
  assert.ok(link[0].startsWith(stack.url), `the link ${link[0]} is not on ${stack.url}`);

  // Opened in the browser: the token stays in the fragment and travels only in the header.
  const page = await newPage(browser, { locale: lang === 'cs' ? 'cs-CZ' : 'en-GB' });
  await page.goto(link[0]);
  await page.waitForSelector('form.survey-form', { timeout: 20_000 });
  // The e-mail's language opens the page in it (an English e-mail's link carries ?lang=en).
  assert.equal(await page.getAttribute('html', 'lang'), lang);
  assert.equal(link[0].includes('?lang=en'), lang === 'en');
  assert.equal((await page.locator('main h1').innerText()).trim(), t.title);
  assert.match(await page.locator('main').innerText(), t.anonymous);
  const get = page.requests.find((r) => new URL(r.url).pathname === '/v1/survey-invitation');
  assert.equal(get?.headers['invitation-token'], token);
  for (const r of page.requests) {
    assert.ok(!r.url.includes(token), `the token in a URL: ${r.url}`);
    assert.ok(!(r.headers.referer ?? '').includes(token), `the token in a Referer: ${r.url}`);
  }
  assert.ok(!page.url().includes(token), `the token stays in the address bar: ${page.url()}`);
  await axe(page, `flow ${lang}: invitation form`);

  // The required questions and one more: the best satisfaction, 9 of 10, would come again.
  await page.locator('#q-q1_satisfaction-group input[type=radio]').last().check();
  await page.locator('#q-q3_nps-group').getByLabel('9', { exact: true }).check();
  await page.locator('#q-q4_again-group').getByLabel(t.yes, { exact: true }).check();
  await page.getByRole('button', { name: t.submit }).click();
  await page.waitForFunction((s) => document.querySelector('main h1')?.textContent === s, t.sent, { timeout: 20_000 });
  await axe(page, `flow ${lang}: invitation sent`);
  const post = page.requests.find((r) => r.method === 'POST' && new URL(r.url).pathname === '/v1/survey-invitation/response');
  assert.equal(post?.headers['invitation-token'], token);
  assert.ok(post.headers.altcha, 'the proof of work');

  // The same link again: already answered.
  await page.goto(link[0]);
  await page.waitForFunction((s) => document.querySelector('main h1')?.textContent === s, t.answered, { timeout: 20_000 });
  assert.match(await page.locator('main').innerText(), t.once);
  await axe(page, `flow ${lang}: invitation already answered`);
  assert.deepEqual(page.problems().filter((p) => !/status of 409/.test(p)), []);
  await page.context().close();

  // The evaluator sees it counted, and in the export.
  const after = await results();
  assert.equal(after.total.responses, before + 1, 'the answer is counted in the results');
  const q1 = after.total.questions.find((q) => q.var === 'q1_satisfaction');
  assert.ok(q1.values.find((v) => v.code === 5).count >= 1, 'the best satisfaction counted');
  const csv = await api('GET', `/v1/staff/surveys/${SURVEY}/export.csv`, evaluator);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.deepEqual([...csv.body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM (Excel)');
  const lines = csv.body.subarray(3).toString('utf8').trimEnd().split(/\r\n/);
  assert.match(lines[0], /^row;version;month;source;/);
  assert.equal(lines.length - 1, after.total.responses, 'one row per response');
  assert.ok(!csv.body.toString('utf8').includes(t.email) && !csv.body.toString('utf8').includes(past.id), 'no link to the person or the booking');
}

test('Czech: a demo consultation marked held, the invitation answered in the browser, refused again, counted and exported', { timeout: 3 * 60_000 }, async () => {
  assert.equal((await results()).total.responses, SEEDED, 'the demo answers of the evaluation show');
  await journey('cs');
});

test('English: the consultation booked in English, its invitation answered in English', { timeout: 3 * 60_000 }, async () => {
  await journey('en');
});
