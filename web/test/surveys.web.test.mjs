// Browser tests of the survey pages in real headless Chromium (Debian's,
// driven by playwright-core), with axe-core (WCAG 2.1 A/AA) at zero
// violations on every state in both modes (normal and easy read):
//
//   - an awareness survey in normal mode with the mouse: loading, the form,
//     the error summary and inline errors, a question's condition shown
//     live, a server field error (answers.<var>) at its question, sent,
//     and "already answered" on the next visit (the soft check);
//   - the same survey in easy-read mode with the keyboard only at 320 px:
//     one thing per screen, Back and Next, the three faces (codes 1, 3, 5),
//     "Hotovo", and the submission flagged easyRead;
//   - the whole survey in normal mode with the keyboard only, in English;
//   - an invitation (/surveys/answer#<token>): the token leaves the address
//     bar, travels only in the Invitation-Token header (never in a URL, a
//     Referer or storage), the answer, refused a second time; expired,
//     opted out, unknown and incomplete links; the opt-out page;
//   - the states outside the form (not running, not found, no network);
//   - the page weight of the survey page's first load, and the survey code
//     kept out of the other pages' first load (a chunk of its own).
//
// The API here is a small fake (surveys-fake.mjs) in the JSON of
// internal/surveys/model.go and COMMON10's routes, because the real
// `surveys` function was not in the local stack yet when these pages were
// written; it serves web/dist with the front door's own security headers,
// so a CSP refusal still fails the test. Run after `npm run build`.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CHROMIUM,
  assertNoHorizontalScroll,
  axe,
  axeLog,
  focusedId,
  launchBrowser,
  newPage,
  resultsDir,
  screenshot,
  shots,
  tabTo,
  webDir,
  writeResults,
} from './harness.mjs';
import { AWARENESS, TOKENS, startFake } from './surveys-fake.mjs';

/**
 * The survey page's first load, compressed, the survey's API answer
 * included: as the events page, the booking page's 150 KB plus the
 * page's own chunk and data. The proof-of-work widget is not part of it:
 * it loads when the person starts answering.
 */
const SURVEY_PAGE_WEIGHT_LIMIT = 160 * 1024;

let fake;
let browser;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  assert.ok(existsSync(path.join(webDir, 'dist', 'index.html')), 'web/dist is not built: run `npm run build` in web/');
  fake = await startFake();
  browser = await launchBrowser();
});

after(async () => {
  writeResults();
  await browser?.close();
  await fake?.stop();
  const failed = axeLog.filter((a) => a.violations > 0).length;
  console.log(`axe: ${axeLog.length} page states checked, ${failed} with violations; ${shots.length} screenshots`);
});

const url = (p) => `${fake.url}${p}`;
const SURVEY = `/surveys/${AWARENESS.id}`;

async function open(opts = {}) {
  const page = await newPage(browser, opts);
  if (opts.lang) await page.context().addInitScript((l) => localStorage.setItem('brana.lang', l), opts.lang);
  if (opts.easy) await page.context().addInitScript(() => sessionStorage.setItem('brana.surveys.easyRead', '1'));
  if (opts.width) await page.setViewportSize({ width: opts.width, height: 800 });
  return page;
}

async function noProblems(page) {
  // A refusal the page expects (404, 409, 400) is a console line, not a problem.
  assert.deepEqual(page.problems(), [], 'console errors, page errors or CSP refusals');
  assert.deepEqual(fake.contractErrors, [], 'what the fake sent or was sent differs from docs/openapi.yaml');
}

async function expectFocus(page, id, what) {
  await page.waitForFunction((i) => document.activeElement?.id === i, id, { timeout: 5000 }).catch(() => {});
  assert.equal(await focusedId(page), id, `${what}: focus should be on #${id}`);
}

/** An element's text with its white space as one plain space each (Czech numbers use a no-break space). */
async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function h1(page) {
  return (await page.locator('main h1').innerText()).trim();
}

/** axe at the current width, then at 320 px: no violations, no sideways scrolling. */
async function check(page, state) {
  await axe(page, state);
  const vp = page.viewportSize();
  if (vp.width !== 320) {
    await page.setViewportSize({ width: 320, height: 800 });
    await assertNoHorizontalScroll(page, `${state} at 320 px`);
    await axe(page, `${state} (320 px)`);
    await page.setViewportSize(vp);
  } else await assertNoHorizontalScroll(page, `${state} at 320 px`);
}

const lastResponse = () => fake.responses[fake.responses.length - 1];

async function formShown(page) {
  await page.waitForSelector('form.survey-form');
}

// ---- normal mode with the mouse ------------------------------------------------------------

describe('an awareness survey in normal mode, with the mouse (Czech)', { concurrency: false }, () => {
  let page;
  before(async () => {
    page = await open();
  });
  after(async () => page?.context().close());

  test('loading, then the form: every question a fieldset with its legend, numbered, required marked', async () => {
    await page.route(`**/v1/surveys/${AWARENESS.id}`, async (r) => {
      await new Promise((res) => setTimeout(res, 1500));
      await r.continue();
    });
    await page.goto(url(SURVEY));
    await page.waitForSelector('main .loading');
    assert.equal(await page.locator('main .loading').innerText(), 'Načítám dotazník…');
    await axe(page, 'survey: loading');
    await formShown(page);
    await page.unroute(`**/v1/surveys/${AWARENESS.id}`);
    assert.equal(await h1(page), 'Povědomí o transformaci sociálních služeb');
    assert.match(await page.title(), /^Povědomí o transformaci sociálních služeb – /);
    // Target group, region (a select: a labelled control), then the questions.
    const legends = await page.locator('fieldset.question > legend').allInnerTexts();
    assert.equal(legends.length, 9, 'target group + 8 shown questions (q2 hidden until q1 is yes)');
    assert.match(legends[0], /^Otázka 1 z 10\s+Kdo jste\? Vyberte, co vás nejlépe popisuje\. \(povinné\)$/);
    assert.match(await page.locator('label[for="region"]').innerText(), /Otázka 2 z 10\s*V jakém kraji žijete nebo pracujete\? \(povinné\)/);
    assert.match(legends[1], /^Otázka 3 z 10\s+Slyšeli jste o transformaci sociálních služeb\? \(povinné\)$/);
    assert.ok(!legends.some((l) => /\(povinné\)/.test(l) && /Kolik je vám let/.test(l)), 'an optional question is not marked required');
    // The matrix: one fieldset per item, inside the question's.
    assert.equal(await page.locator('#q-q4-group fieldset.matrix-item').count(), 2);
    assert.equal(await page.locator('#q-q4_local-group legend').innerText(), 'Služby mají být blízko domova.');
    assert.equal(await page.locator('#q-q5_nps-group input[type=radio]').count(), 11);
    assert.equal(await text(page.locator('#q-q9_comment-counter')), 'Zbývá 2 000 znaků');
    assert.equal(await page.locator('#progress-text').innerText(), 'Zodpovězené otázky: 0 z 10');
    assert.equal(await page.getByRole('progressbar', { name: 'Zodpovězené otázky: 0 z 10' }).count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Snadné čtení' }).getAttribute('aria-pressed'), 'false');
    await check(page, 'survey: form (normal)');
    await screenshot(page, 'survey-01-form');
  });

  test('sending nothing: the error summary, focused, linking to each required question', async () => {
    await page.getByRole('button', { name: 'Odeslat odpovědi' }).click();
    await expectFocus(page, 'error-summary', 'the error summary');
    const links = await page.locator('#error-summary a').allInnerTexts();
    assert.deepEqual(links, [
      'Vyberte, kdo jste. Můžete vybrat i „Nechci uvést“.',
      'Vyberte kraj. Můžete vybrat i „Nechci uvést“.',
      'Slyšeli jste o transformaci sociálních služeb? – Odpovězte prosím na tuto otázku.',
      'Lidé s postižením mají žít v běžných domech, ne v ústavech. – Odpovězte prosím na tuto otázku.',
      'Nakolik souhlasíte s těmito výroky? Služby mají podporovat samostatnost. – Odpovězte prosím na tuto otázku.',
      'Nakolik souhlasíte s těmito výroky? Služby mají být blízko domova. – Odpovězte prosím na tuto otázku.',
      'Kde bydlíte? – Odpovězte prosím na tuto otázku.',
    ]);
    assert.match(await page.title(), /^Chyba: /);
    // Inline errors, read with their group.
    assert.equal(await text(page.locator('#q-q4_local-error')), 'Chyba: Odpovězte prosím na tuto otázku.');
    assert.equal(await page.locator('#q-q4_local-group').getAttribute('aria-describedby'), 'q-q4_local-error');
    await check(page, 'survey: errors (normal)');
    await page.locator('#error-summary a', { hasText: 'blízko domova' }).click();
    await expectFocus(page, 'q-q4_local-1', 'the link of the matrix item');
    await page.locator('#error-summary a', { hasText: 'Vyberte kraj' }).click();
    await expectFocus(page, 'region', 'the link of the region');
    await screenshot(page, 'survey-02-errors');
  });

  test('a condition shows its question live; the progress counts; a server field error lands at its question', async () => {
    await page.getByLabel('Poskytovatel sociálních služeb a jeho zaměstnanci').check();
    await page.getByLabel('V jakém kraji žijete nebo pracujete?').selectOption('not_stated');
    assert.equal(await page.locator('#q-q2_source-group').count(), 0);
    await page.locator('#q-q1_heard-group').getByLabel('Ano').check();
    await page.waitForSelector('#q-q2_source-group');
    assert.match(await page.locator('#q-q2_source-group legend').innerText(), /^Otázka 4 z 11\s+Odkud jste se o ní dozvěděli\? \(povinné\)$/);
    assert.equal(await page.locator('#q-q2_source-hint').innerText(), 'Vyberte 1 až 2.');
    await page.locator('#q-q2_source-group').getByLabel('Z médií').check();
    await page.locator('#q-q2_source-group').getByLabel('V práci').check();
    await page.locator('#q-q3_agree-group').getByLabel('Spíše souhlasím').check();
    await page.locator('#q-q4_support-group').getByLabel('Rozhodně souhlasím').check();
    await page.locator('#q-q4_local-group').getByLabel('Spíše nesouhlasím').check();
    await page.locator('#q-q5_nps-group').getByLabel('9', { exact: true }).check();
    await page.getByRole('textbox', { name: 'Kolik je vám let?' }).fill('42');
    await page.locator('#q-q7_where-group').getByLabel('Ve městě').check();
    await page.getByRole('textbox', { name: 'Jedním slovem: co pro vás znamená domov?' }).fill('server-error');
    await page.getByRole('textbox', { name: 'Chcete nám ještě něco vzkázat?' }).fill('Děkuji za dotazník.');
    assert.equal(await text(page.locator('#q-q9_comment-counter')), 'Zbývá 1 981 znaků');
    assert.equal(await page.locator('#progress-text').innerText(), 'Zodpovězené otázky: 11 z 11');
    assert.equal(await page.locator('#error-summary').count(), 0, 'answering clears the errors');
    await page.getByRole('button', { name: 'Odeslat odpovědi' }).click();
    await expectFocus(page, 'error-summary', 'the server error summary');
    assert.deepEqual(await page.locator('#error-summary a').allInnerTexts(), ['Jedním slovem: co pro vás znamená domov? – Tento text server nepřijal.']);
    assert.equal(await text(page.locator('#q-q8_word-error')), 'Chyba: Tento text server nepřijal.');
    await check(page, 'survey: server field error (normal)');
  });

  test('sent: thank you; what went to the API; the next visit says "already answered"', async () => {
    await page.getByRole('textbox', { name: 'Jedním slovem: co pro vás znamená domov?' }).fill('klid');
    const n = fake.responses.length;
    await page.getByRole('button', { name: 'Odeslat odpovědi' }).click();
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Děkujeme za odpovědi');
    await expectFocus(page, '', 'the heading (no id)');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
    assert.equal(fake.responses.length, n + 1);
    const r = lastResponse();
    assert.equal(r.version, AWARENESS.version);
    assert.equal(r.easyRead, false);
    assert.deepEqual(r.context, { targetGroup: 'provider', region: 'not_stated' }, '"prefer not to say" is sent as not stated');
    assert.match(r.browserKey, /^[0-9a-f]{32}$/);
    assert.ok(r.idempotencyKey, 'an Idempotency-Key');
    assert.deepEqual(r.answers, {
      q1_heard: 1,
      q2_source: [1, 2],
      q3_agree: 4,
      q4_support: 5,
      q4_local: 2,
      q5_nps: 9,
      q6_age: 42,
      q7_where: 1,
      q8_word: 'klid',
      q9_comment: 'Děkuji za dotazník.',
    });
    const post = fake.requests.filter((q) => q.method === 'POST' && q.url === `/v1/surveys/${AWARENESS.id}/responses`).at(-1);
    assert.ok(post.headers.altcha, 'the proof of work in the Altcha header');
    await check(page, 'survey: sent (normal)');
    await screenshot(page, 'survey-03-sent');
    // What the browser keeps: the random key and the flag, nothing else of the survey.
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('brana.survey.demo-awareness') ?? 'null'));
    assert.deepEqual(stored, { browserKey: r.browserKey, answered: true });
    await page.reload();
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Už jste odpověděli');
    assert.match(await page.locator('main').innerText(), /Z tohoto prohlížeče jsme vaše odpovědi už dostali/);
    assert.equal(await page.locator('form.survey-form').count(), 0);
    await check(page, 'survey: already answered');
    await noProblems(page);
  });
});

// ---- easy read with the keyboard ---------------------------------------------------------------

/** Tabs to the first radio of a group, then selects the option `steps` arrow presses on (negative: up). */
async function pickRadio(page, name, steps, what) {
  await tabTo(page, what, new Function('el', `return el.type === 'radio' && el.name === ${JSON.stringify(name)}`));
  await page.keyboard.press('Space');
  for (let i = 0; i < Math.abs(steps); i++) await page.keyboard.press(steps > 0 ? 'ArrowDown' : 'ArrowUp');
}

async function tabToButton(page, text) {
  await tabTo(page, `the ${text} button`, new Function('el', `return el.tagName === 'BUTTON' && el.textContent.trim() === ${JSON.stringify(text)}`));
}

async function nextStep(page, title, label = 'Další') {
  await tabToButton(page, label);
  await page.keyboard.press('Enter');
  if (title) {
    await page.waitForFunction((t) => document.querySelector('#step-title .q-heading__text')?.textContent.trim() === t, title);
    await expectFocus(page, 'step-title', `the screen "${title}"`);
  }
}

describe('easy read with the keyboard only, at 320 px (Czech)', { concurrency: false }, () => {
  let page;
  before(async () => {
    page = await open({ width: 320 });
  });
  after(async () => page?.context().close());

  test('the switch at the top turns easy read on: one thing per screen, larger text', async () => {
    await page.goto(url(SURVEY));
    await formShown(page);
    await tabTo(page, 'the easy-read switch', (el) => el.id === 'easy-switch');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#easy-switch').getAttribute('aria-pressed'), 'true');
    assert.equal(await focusedId(page), 'easy-switch', 'the focus stays on the switch');
    assert.equal(await page.locator('fieldset.question').count(), 1, 'one question per screen');
    assert.equal(await page.locator('#step-title .q-heading__text').innerText(), 'Kdo jste?');
    assert.equal((await page.locator('#step-title').textContent()).trim(), 'Otázka 1 z 11: Kdo jste?', 'the heading says where the screen is');
    assert.equal(await page.locator('#progress-text').innerText(), 'Otázka 1 z 11');
    const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.option__label')).fontSize));
    assert.ok(size >= 19.5, `easy-read text is larger (${size}px)`);
    const target = await page.evaluate(() => document.querySelector('.survey .option').getBoundingClientRect().height);
    assert.ok(target >= 44, `touch targets are big (${target}px)`);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('brana.surveys.easyRead')), '1');
    await check(page, 'easy: target group');
    await screenshot(page, 'survey-easy-01-start');
  });

  test('Next without an answer: a short error; then each screen by the keyboard, Back keeps the answers', async () => {
    await nextStep(page, null);
    await expectFocus(page, 'error-summary', 'the error summary');
    assert.equal(await page.locator('#error-summary-title').innerText(), 'Ještě chybí odpověď');
    assert.equal(await page.locator('#error-summary a').count(), 1);
    await check(page, 'easy: error');
    await pickRadio(page, 'targetGroup', 2, 'the target group'); // Uživatel služeb a jeho rodina
    await nextStep(page, 'Kde žijete nebo pracujete?');
    assert.equal(await page.locator('#progress-text').innerText(), 'Otázka 2 z 11');
    await pickRadio(page, 'region', -1, 'the region'); // wraps to the last: Nechci uvést
    assert.ok(await page.locator('#region-not_stated').isChecked());
    await check(page, 'easy: region');
    await nextStep(page, 'Slyšeli jste o změnách v sociálních službách?');
    await pickRadio(page, 'q-q1_heard', 1, 'yes/no'); // Ne
    await check(page, 'easy: yes/no');
    await nextStep(page, 'Lidé s postižením mají bydlet v normálním domě.');
    assert.equal(await page.locator('#progress-text').innerText(), 'Otázka 4 z 11', 'q2 is not asked after "no"');
  });

  test('the three faces: a picture, a text label as the name, the radio under it; codes 1, 3, 5', async () => {
    const faces = page.locator('.face');
    assert.equal(await faces.count(), 3);
    assert.deepEqual(await page.locator('.face__text').allInnerTexts(), ['Nesouhlasím', 'Nevím', 'Souhlasím']);
    assert.equal(await page.getByRole('radio', { name: 'Souhlasím', exact: true }).getAttribute('value'), '5');
    assert.equal(await page.getByRole('radio', { name: 'Nevím', exact: true }).getAttribute('value'), '3');
    assert.equal(await page.getByRole('radio', { name: 'Nesouhlasím', exact: true }).getAttribute('value'), '1');
    assert.equal(await page.locator('.face svg[aria-hidden="true"]').count(), 3);
    // The radio is under its face and label; on a narrow screen the faces
    // stand one under another, each a row (radio, face, label).
    const where = () =>
      page.evaluate(() => {
        const l = document.querySelector('.face[data-face="happy"] label').getBoundingClientRect();
        const r = document.querySelector('.face[data-face="happy"] input').getBoundingClientRect();
        return { under: r.top >= l.bottom - 1, left: r.right <= l.left + 1 };
      });
    assert.ok((await where()).left, 'at 320 px the radio is left of the face');
    await page.setViewportSize({ width: 1280, height: 800 });
    assert.ok((await where()).under, 'the radio is under the face');
    await page.setViewportSize({ width: 320, height: 800 });
    await pickRadio(page, 'q-q3_agree', 2, 'the faces'); // happy
    assert.ok(await page.getByRole('radio', { name: 'Souhlasím', exact: true }).isChecked());
    await check(page, 'easy: faces');
    await screenshot(page, 'survey-easy-02-faces');
    await tabToButton(page, 'Zpět');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#step-title .q-heading__text')?.textContent.trim() === 'Slyšeli jste o změnách v sociálních službách?');
    await expectFocus(page, 'step-title', 'Back');
    assert.ok(await page.locator('#q-q1_heard-0').isChecked(), 'Back keeps the answer');
    await nextStep(page, 'Lidé s postižením mají bydlet v normálním domě.');
    assert.ok(await page.getByRole('radio', { name: 'Souhlasím', exact: true }).isChecked());
    // A matrix: one item a screen, the question above it.
    await nextStep(page, 'Služby mají pomáhat žít samostatně.');
    assert.equal(await page.locator('.q-lead').innerText(), 'Co si myslíte?');
    await pickRadio(page, 'q-q4_support', 0, 'the first item'); // sad
    await check(page, 'easy: matrix item');
    await nextStep(page, 'Služby mají být blízko domova.');
    await pickRadio(page, 'q-q4_local', 1, 'the second item'); // neutral
    await nextStep(page, 'Jak pravděpodobně byste program doporučili známým?');
    assert.match(await page.locator('main').innerText(), /Tuto otázku můžete přeskočit\./);
    await check(page, 'easy: NPS');
    await nextStep(page, 'Kolik je vám let?'); // skipped
    await tabTo(page, 'the age', (el) => el.id === 'q-q6_age');
    await page.keyboard.type('30');
    await check(page, 'easy: number');
    await nextStep(page, 'Kde bydlíte?');
    await pickRadio(page, 'q-q7_where', 1, 'single choice'); // Na vesnici
    await nextStep(page, 'Jedním slovem: co pro vás znamená domov?');
    await tabTo(page, 'the word', (el) => el.id === 'q-q8_word');
    await page.keyboard.type('server-error'); // the fake refuses it with a field error
    await check(page, 'easy: short text');
    await nextStep(page, 'Chcete nám něco napsat?');
  });

  test('the last screen says what happens; "Hotovo" sends, flagged easy read', async () => {
    assert.equal(await page.locator('.easy-last').innerText(), 'To byla poslední otázka. Stiskněte Hotovo. Odpovědi se odešlou.');
    assert.equal(await page.locator('#progress-text').innerText(), 'Otázka 11 z 11');
    await tabTo(page, 'the comment', (el) => el.id === 'q-q9_comment');
    await page.keyboard.type('Je to dobré.');
    await check(page, 'easy: last screen');
    await screenshot(page, 'survey-easy-03-last');
    const n = fake.responses.length;
    await tabToButton(page, 'Hotovo');
    await page.keyboard.press('Enter');
    // The server's field error brings back the screen it concerns.
    await page.waitForFunction(() => document.querySelector('#step-title .q-heading__text')?.textContent.trim() === 'Jedním slovem: co pro vás znamená domov?');
    await expectFocus(page, 'error-summary', 'the error summary');
    assert.deepEqual(await page.locator('#error-summary a').allInnerTexts(), ['Jedním slovem: co pro vás znamená domov? – Tento text server nepřijal.']);
    await check(page, 'easy: server field error');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'q-q8_word', 'the link to the word');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('doma');
    await nextStep(page, 'Chcete nám něco napsat?');
    assert.equal(await page.locator('#q-q9_comment').inputValue(), 'Je to dobré.', 'the other answers stay');
    await tabToButton(page, 'Hotovo');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Hotovo. Děkujeme!');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
    assert.equal(fake.responses.length, n + 1);
    const r = lastResponse();
    assert.equal(r.easyRead, true);
    assert.deepEqual(r.context, { targetGroup: 'client', region: 'not_stated' });
    assert.deepEqual(r.answers, { q1_heard: 0, q3_agree: 5, q4_support: 1, q4_local: 3, q6_age: 30, q7_where: 2, q8_word: 'doma', q9_comment: 'Je to dobré.' });
    await check(page, 'easy: sent');
    await screenshot(page, 'survey-easy-04-sent');
    await page.reload();
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Už jste odpověděli');
    await check(page, 'easy: already answered');
    await noProblems(page);
  });
});

// ---- normal mode with the keyboard, in English ---------------------------------------------------

describe('normal mode with the keyboard only, in English', { concurrency: false }, () => {
  test('the whole survey answered and sent without a mouse', async () => {
    const page = await open({ lang: 'en' });
    await page.goto(url(SURVEY));
    await formShown(page);
    assert.equal(await h1(page), 'Awareness of the transformation of social services');
    assert.equal(await page.locator('#progress-text').innerText(), 'Questions answered: 0 of 10');
    await pickRadio(page, 'targetGroup', 0, 'the target group'); // public administration
    await tabTo(page, 'the region', (el) => el.id === 'region');
    await page.keyboard.type('Prague');
    assert.equal(await page.locator('#region').inputValue(), 'CZ010');
    await pickRadio(page, 'q-q1_heard', 0, 'yes/no'); // Yes
    await page.waitForSelector('#q-q2_source-group');
    await tabTo(page, 'the first source', (el) => el.id === 'q-q2_source-1');
    await page.keyboard.press('Space');
    await tabTo(page, 'the third source', (el) => el.id === 'q-q2_source-3');
    await page.keyboard.press('Space');
    await pickRadio(page, 'q-q3_agree', 2, 'Likert'); // 3
    await pickRadio(page, 'q-q4_support', 3, 'matrix item 1'); // 4
    await pickRadio(page, 'q-q4_local', 4, 'matrix item 2'); // 5
    await pickRadio(page, 'q-q5_nps', 10, 'NPS'); // 10
    await tabTo(page, 'the age', (el) => el.id === 'q-q6_age');
    await page.keyboard.type('130');
    await pickRadio(page, 'q-q7_where', 2, 'single choice'); // 3
    await tabTo(page, 'the word', (el) => el.id === 'q-q8_word');
    await page.keyboard.type('peace');
    await tabToButton(page, 'Send my answers');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'error-summary', 'the error summary');
    assert.deepEqual(await page.locator('#error-summary a').allInnerTexts(), ['How old are you? – Enter a number of 120 or less.']);
    await check(page, 'en: errors (normal)');
    // The summary's link, followed by the keyboard, focuses the field.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'q-q6_age', 'the link to the age');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('64');
    await tabToButton(page, 'Send my answers');
    const n = fake.responses.length;
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Thank you for your answers');
    assert.equal(fake.responses.length, n + 1);
    const r = lastResponse();
    assert.deepEqual(r.context, { targetGroup: 'public_administration', region: 'CZ010' });
    assert.deepEqual(r.answers, { q1_heard: 1, q2_source: [1, 3], q3_agree: 3, q4_support: 4, q4_local: 5, q5_nps: 10, q6_age: 64, q7_where: 3, q8_word: 'peace' });
    const post = fake.requests.filter((q) => q.method === 'POST').at(-1);
    assert.equal(post.headers['accept-language'], 'en');
    await check(page, 'en: sent (normal)');
    await noProblems(page);
    await page.context().close();
  });
});

test('a version published meanwhile (and an expired proof of work): the page loads it, keeps the answers and asks to send again', async () => {
  const page = await open();
  await page.goto(url(SURVEY));
  await formShown(page);
  await page.getByLabel('Místní komunita, veřejnost').check();
  await page.getByLabel('V jakém kraji žijete nebo pracujete?').selectOption('CZ064');
  await page.locator('#q-q1_heard-group').getByLabel('Ne').check();
  await page.locator('#q-q3_agree-group').getByLabel('Rozhodně souhlasím').check();
  await page.locator('#q-q4_support-group').getByLabel('Spíše souhlasím').check();
  await page.locator('#q-q4_local-group').getByLabel('Spíše souhlasím').check();
  await page.locator('#q-q7_where-group').getByLabel('Jinde').check();
  const version = fake.bumpVersion();
  fake.refusePow(1); // and the challenge expired meanwhile: sent again with a fresh one, unseen
  await page.getByRole('button', { name: 'Odeslat odpovědi' }).click();
  await page.waitForFunction(() => /se mezitím upravil/.test(document.getElementById('error-summary')?.textContent ?? ''));
  await expectFocus(page, 'error-summary', 'the error summary');
  assert.ok(await page.locator('#q-q7_where-3').isChecked(), 'the answers stay');
  await check(page, 'version changed (normal)');
  const n = fake.responses.length;
  await page.getByRole('button', { name: 'Odeslat odpovědi' }).click();
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Děkujeme za odpovědi');
  assert.equal(fake.responses.length, n + 1);
  assert.equal(lastResponse().version, version);
  assert.deepEqual(lastResponse().context, { targetGroup: 'community', region: 'CZ064' });
  const posts = fake.requests.filter((r) => r.method === 'POST' && r.url === `/v1/surveys/${AWARENESS.id}/responses`).slice(-3);
  assert.equal(new Set(posts.map((r) => r.headers.altcha)).size, 3, 'the refused proof of work was replaced, and so was the spent one');
  assert.deepEqual(page.problems().filter((p) => !/status of 403/.test(p)), []);
  assert.deepEqual(fake.contractErrors, []);
  await page.context().close();
});

// ---- invitations ---------------------------------------------------------------------------------

/** Proves the token never left the Invitation-Token header: no URL, no Referer, no storage, not in the address bar. */
async function tokenOnlyInHeader(page, token) {
  assert.ok(!page.url().includes(token) && !page.url().includes('#'), `the address bar still has the token: ${page.url()}`);
  for (const r of page.requests) {
    assert.ok(!r.url.includes(token), `the token in a URL: ${r.url}`);
    assert.ok(!(r.headers.referer ?? '').includes(token), `the token in a Referer: ${r.url}`);
  }
  for (const r of fake.requests) {
    assert.ok(!r.url.includes(token), `the token in a URL the server saw: ${r.url}`);
    for (const [k, v] of Object.entries(r.headers)) if (k !== 'invitation-token') assert.ok(!String(v).includes(token), `the token in header ${k}`);
  }
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  assert.ok(!storage.includes(token), 'the token in storage or a cookie');
  const histLen = await page.evaluate(() => history.length);
  assert.ok(histLen >= 1);
}

describe('an invitation: the token only in the header, one answer', { concurrency: false }, () => {
  test('answering by the link, then refused a second time; a reload forgets the link', async () => {
    const page = await open();
    await page.goto(url(`/surveys/answer#${TOKENS.open}`));
    await formShown(page);
    assert.equal(await h1(page), 'Jak se vám konzultace líbila?');
    await tokenOnlyInHeader(page, TOKENS.open);
    const get = page.requests.find((r) => new URL(r.url).pathname === '/v1/survey-invitation');
    assert.equal(get.headers['invitation-token'], TOKENS.open);
    assert.equal(await page.locator('#targetGroup-group').count(), 0, 'no self-declared context: the invitation has it');
    assert.match(await page.locator('main').innerText(), /Odpovídáte anonymně\. Odpovědi ukládáme bez vazby na vás/);
    await check(page, 'invitation: form (normal)');
    await page.locator('#q-e1_useful-group').getByLabel('Spíše souhlasím').check();
    await page.locator('#q-e2_nps-group').getByLabel('10', { exact: true }).check();
    await page.getByRole('button', { name: 'Odeslat odpovědi' }).click();
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Děkujeme za odpovědi');
    const r = lastResponse();
    assert.equal(r.invited, true);
    assert.deepEqual({ version: r.version, easyRead: r.easyRead, answers: r.answers }, { version: 1, easyRead: false, answers: { e1_useful: 4, e2_nps: 10 } });
    assert.ok(!('browserKey' in r), 'no browser key for an invitation');
    const post = fake.requests.filter((q) => q.url === '/v1/survey-invitation/response').at(-1);
    assert.equal(post.headers['invitation-token'], TOKENS.open);
    assert.ok(post.headers.altcha);
    await tokenOnlyInHeader(page, TOKENS.open);
    await check(page, 'invitation: sent');
    // The same link again: refused.
    await page.goto(url(`/surveys/answer#${TOKENS.open}`));
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Už jste odpověděli');
    assert.match(await page.locator('main').innerText(), /Odkaz z pozvánky lze použít jen jednou/);
    await check(page, 'invitation: already answered');
    // A reload: the token is gone from memory too.
    await page.reload();
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Odkaz není celý');
    await check(page, 'invitation: no token');
    await tokenOnlyInHeader(page, TOKENS.open);
    await noProblems(page);
    await page.context().close();
  });

  test('answering an invitation in easy read: faces, Hotovo, flagged', async () => {
    const page = await open({ easy: true, width: 320 });
    await page.goto(url(`/surveys/answer#${TOKENS.open2}`));
    await formShown(page);
    assert.equal(await page.locator('#step-title .q-heading__text').innerText(), 'Pomohla vám schůzka?');
    assert.equal(await page.locator('#progress-text').innerText(), 'Otázka 1 z 3');
    await check(page, 'invitation easy: faces');
    await pickRadio(page, 'q-e1_useful', 1, 'the faces'); // neutral
    await nextStep(page, 'Doporučili byste konzultaci?');
    await pickRadio(page, 'q-e2_nps', 7, 'NPS');
    await nextStep(page, 'Co můžeme zlepšit?');
    await check(page, 'invitation easy: last');
    await tabToButton(page, 'Hotovo');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Hotovo. Děkujeme!');
    const r = lastResponse();
    assert.deepEqual({ easyRead: r.easyRead, answers: r.answers }, { easyRead: true, answers: { e1_useful: 3, e2_nps: 7 } });
    await check(page, 'invitation easy: sent');
    await tokenOnlyInHeader(page, TOKENS.open2);
    await noProblems(page);
    await page.context().close();
  });

  for (const easy of [false, true]) {
    const mode = easy ? 'easy' : 'normal';
    test(`expired, opted-out, unknown and incomplete links (${mode} mode)`, async () => {
      const page = await open({ easy });
      const cases = [
        [TOKENS.expired, 'Odkaz už neplatí', /platí 30 dní/],
        [TOKENS.optedOut, 'Pozvánku jste odmítli', /nic dalšího neposílali/],
        [TOKENS.unknown, 'Dotazník', /Tento odkaz neznáme/],
        ['', 'Odkaz není celý', /Otevřete prosím odkaz znovu/],
        ['short', 'Odkaz není celý', /Otevřete prosím odkaz znovu/],
      ];
      for (const [tok, title, text] of cases) {
        await page.goto(url(`/surveys/answer${tok ? `#${tok}` : ''}`));
        await page.waitForFunction((t) => document.querySelector('main h1')?.textContent === t && !document.querySelector('main .loading'), title);
        assert.match(await page.locator('main').innerText(), text);
        await check(page, `invitation: ${title} (${mode})`);
        if (tok.length > 10) await tokenOnlyInHeader(page, tok);
      }
      await noProblems(page);
      await page.context().close();
    });
  }
});

describe('the opt-out page', { concurrency: false }, () => {
  for (const easy of [false, true]) {
    test(`confirm, then done; the invitation then says so (${easy ? 'easy' : 'normal'} mode)`, async () => {
      const token = easy ? 'OptOutEasy_abcdefghijklmnop' : 'OptOutNormal_abcdefghijklmn';
      fake.invitations.set(token, 'open');
      const page = await open({ easy });
      await page.goto(url(`/surveys/opt-out#${token}`));
      await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Odmítnout pozvánku k dotazníku');
      await tokenOnlyInHeader(page, token);
      await check(page, `opt-out: confirm (${easy ? 'easy' : 'normal'})`);
      await tabToButton(page, 'Potvrdit odmítnutí');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Hotovo, nic dalšího vám nepošleme');
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
      assert.equal(fake.invitations.get(token), 'opted_out');
      const post = fake.requests.filter((q) => q.url === '/v1/survey-invitation/opt-out').at(-1);
      assert.equal(post.headers['invitation-token'], token);
      assert.ok(post.headers.altcha);
      await check(page, `opt-out: done (${easy ? 'easy' : 'normal'})`);
      await tokenOnlyInHeader(page, token);
      await page.goto(url(`/surveys/answer#${token}`));
      await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Pozvánku jste odmítli');
      await page.goto(url('/surveys/opt-out'));
      await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Odkaz není celý');
      await check(page, `opt-out: no token (${easy ? 'easy' : 'normal'})`);
      await page.goto(url(`/surveys/opt-out#${TOKENS.expired}`));
      await tabToButton(page, 'Potvrdit odmítnutí');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Odkaz už neplatí');
      await check(page, `opt-out: expired (${easy ? 'easy' : 'normal'})`);
      await noProblems(page);
      await page.context().close();
    });
  }
});

test('the opt-out page leads to the answer instead, the token still only in memory and the header', async () => {
  const token = 'OptOutThenAnswer_abcdefghij';
  fake.invitations.set(token, 'open');
  const page = await open();
  await page.goto(url(`/surveys/opt-out#${token}`));
  await page.getByRole('link', { name: 'Chci raději odpovědět' }).click();
  await page.waitForURL(/\/surveys\/answer$/);
  await formShown(page);
  assert.equal(await h1(page), 'Jak se vám konzultace líbila?');
  assert.equal(fake.invitations.get(token), 'open');
  await tokenOnlyInHeader(page, token);
  await noProblems(page);
  await page.context().close();
});

// ---- states outside the form -------------------------------------------------------------------------

describe('not running, not found, no network', () => {
  for (const easy of [false, true]) {
    test(`each state in ${easy ? 'easy' : 'normal'} mode`, async () => {
      const page = await open({ easy });
      await page.route(`**/v1/surveys/${AWARENESS.id}`, async (r) => {
        await new Promise((res) => setTimeout(res, 1500));
        await r.continue();
      });
      await page.goto(url(SURVEY));
      await page.waitForSelector('main .loading');
      await check(page, `loading (${easy ? 'easy' : 'normal'})`);
      await formShown(page);
      await page.unroute(`**/v1/surveys/${AWARENESS.id}`);
      await page.goto(url('/surveys/not-running'));
      await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Dotazník teď neběží');
      assert.match(await page.locator('main').innerText(), /teď nesbíráme/);
      await check(page, `not running (${easy ? 'easy' : 'normal'})`);
      await page.goto(url('/surveys/no-such-survey'));
      await page.waitForFunction(() => /nenašli/.test(document.querySelector('main')?.textContent ?? ''));
      await check(page, `not found (${easy ? 'easy' : 'normal'})`);
      await page.route(`**/v1/surveys/${AWARENESS.id}`, (r) => r.abort());
      await page.goto(url(SURVEY));
      await page.waitForFunction(() => /Nepodařilo se spojit/.test(document.querySelector('main')?.textContent ?? ''));
      await check(page, `no network (${easy ? 'easy' : 'normal'})`);
      await page.unroute(`**/v1/surveys/${AWARENESS.id}`);
      await page.getByRole('button', { name: 'Zkusit znovu' }).click();
      await formShown(page);
      assert.equal(await page.locator('#easy-switch').getAttribute('aria-pressed'), String(easy));
      await page.context().close();
    });
  }
});

// ---- page weight -----------------------------------------------------------------------------------

/** The chunk file that holds the survey pages' code. */
function surveyChunk() {
  const dir = path.join(webDir, 'dist', 'assets');
  const f = readdirSync(dir).find((n) => /^chunk-.*\.js$/.test(n) && readFileSync(path.join(dir, n), 'utf8').includes('brana.surveys.easyRead'));
  assert.ok(f, 'no chunk holds the survey pages');
  return f;
}

test(`the survey page's first load weighs at most ${SURVEY_PAGE_WEIGHT_LIMIT / 1024} KB compressed; the other pages do not load the survey code`, async () => {
  const chunk = surveyChunk();
  const dir = path.join(webDir, 'dist', 'assets');
  const app = readdirSync(dir).find((n) => /^app-.*\.js$/.test(n));
  assert.ok(!readFileSync(path.join(dir, app), 'utf8').includes('brana.surveys.easyRead'), 'the survey code is in the app bundle');
  const page = await open();
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
  await page.goto(url(SURVEY), { waitUntil: 'networkidle' });
  await formShown(page);
  await page.waitForLoadState('networkidle');
  const list = [...reqs.values()];
  assert.ok(!list.some((r) => r.url.includes('/v1/challenge')), 'the proof of work waits for the first answer');
  const total = list.reduce((s, r) => s + r.bytes, 0);
  const origin = new URL(fake.url).origin;
  for (const r of list) assert.equal(new URL(r.url).origin, origin, `a request leaves our origin: ${r.url}`);
  assert.ok(list.some((r) => r.url.endsWith(chunk)), 'the survey chunk is loaded on the survey page');
  const report = {
    page: SURVEY,
    measured: new Date().toISOString(),
    server: 'test/surveys-fake.mjs (gzip, the front door headers)',
    requests: list.length,
    totalBytes: total,
    limitBytes: SURVEY_PAGE_WEIGHT_LIMIT,
    items: list.map((r) => ({ path: new URL(r.url).pathname, encoding: r.encoding, bytes: r.bytes })),
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'surveys-page-weight.json'), JSON.stringify(report, null, 2));
  console.log(`page weight of ${SURVEY}: ${total} bytes in ${list.length} requests\n${report.items.map((i) => `  ${String(i.bytes).padStart(6)} B  ${(i.encoding || 'none').padEnd(5)} ${i.path}`).join('\n')}`);
  assert.ok(total <= SURVEY_PAGE_WEIGHT_LIMIT, `the survey page's first load is ${total} bytes, over ${SURVEY_PAGE_WEIGHT_LIMIT}`);
  // The first answer brings the proof-of-work widget, which starts solving.
  await page.locator('#q-q1_heard-group').getByLabel('Ano').check();
  await page.waitForSelector('altcha-widget');
  await page.waitForFunction(() => document.querySelector('altcha-widget')?.getState?.() === 'verified', null, { timeout: 20_000 });
  // The booking page does not fetch the survey chunk.
  page.requests.length = 0;
  await page.goto(url('/book'), { waitUntil: 'networkidle' });
  assert.ok(!page.requests.some((r) => r.url.endsWith(chunk)), 'the booking page loads the survey chunk');
  await page.context().close();
});
