// The demo awareness survey on the real local stack (brana-local run: the
// `surveys` function behind the local gateway, DynamoDB Local, the demo
// seed of `make run`), in headless Chromium with axe: answered once in
// normal mode with the mouse and once in easy-read mode with the keyboard
// only, each a different browser; the same browser is refused a second
// answer by the server (the soft one-answer-per-browser check) even when
// its local "answered" flag is gone. The fake-API suite
// (surveys.web.test.mjs) covers every state and the invitation pages; the
// invitation by e-mail is part of the coordinator's full journey.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assertNoHorizontalScroll,
  axe,
  newPage,
  tabTo,
  useStack,
} from './harness.mjs';

const SURVEY = '/surveys/povedomi-o-transformaci';

let stack;
let browser;
useStack((s, b) => {
  stack = s;
  browser = b;
});

const url = (p) => `${stack.url}${p}`;

async function heading(page, text) {
  await page.waitForFunction((t) => document.querySelector('main h1')?.textContent === t, text, { timeout: 20_000 });
}

/** Answers every shown question of the normal mode with the mouse: the first option, the lowest number, a word. */
async function answerAllNormal(page) {
  await page.locator('#targetGroup-client').check();
  await page.locator('#region').selectOption('CZ064');
  for (let round = 0; round < 3; round++) {
    // A condition may show a question once an earlier one is answered.
    for (const fs of await page.locator('fieldset.question, fieldset.matrix-item').all()) {
      const radios = fs.locator(':scope > .options input[type=radio]');
      if ((await radios.count()) && !(await fs.locator(':scope > .options input:checked').count())) await radios.last().check();
      const boxes = fs.locator(':scope > .options input[type=checkbox]');
      if ((await boxes.count()) && !(await fs.locator(':scope > .options input:checked').count())) await boxes.first().check();
      const text = fs.locator(':scope input[type=text], :scope textarea');
      if ((await text.count()) === 1 && !(await text.inputValue())) await text.fill((await fs.getAttribute('data-qtype')) === 'number' ? '40' : 'domov');
    }
  }
}

describe('the demo awareness survey on the local stack', { concurrency: false }, () => {
  test('normal mode with the mouse: sent; the same browser is refused by the server a second time', async () => {
    const page = await newPage(browser);
    await page.goto(url(SURVEY));
    await page.waitForSelector('form.survey-form', { timeout: 20_000 });
    assert.equal(await page.locator('main h1').innerText(), 'Co víte o přechodu od ústavní péče ke službám v komunitě?');
    await axe(page, 'stack: survey form (normal)');
    await page.locator('#q-q1_heard-group').getByLabel('Ano').check();
    await page.waitForSelector('#q-q2_source-group');
    await answerAllNormal(page);
    await page.getByRole('button', { name: 'Odeslat odpovědi' }).click();
    await heading(page, 'Děkujeme za odpovědi');
    await axe(page, 'stack: sent (normal)');
    const post = page.requests.find((r) => r.method === 'POST' && new URL(r.url).pathname === `/v1${SURVEY}/responses`);
    assert.ok(post?.headers.altcha && post.headers['idempotency-key'], 'the proof of work and an Idempotency-Key');
    // The local flag gone, the browser key kept: the server refuses.
    await page.evaluate(() => {
      const k = 'brana.survey.povedomi-o-transformaci';
      const v = JSON.parse(localStorage.getItem(k));
      localStorage.setItem(k, JSON.stringify({ browserKey: v.browserKey }));
    });
    await page.reload();
    await page.waitForSelector('form.survey-form');
    await page.locator('#q-q1_heard-group').getByLabel('Ne').check();
    await answerAllNormal(page);
    await page.getByRole('button', { name: 'Odeslat odpovědi' }).click();
    await heading(page, 'Už jste odpověděli');
    await axe(page, 'stack: already answered (server)');
    assert.deepEqual(page.problems().filter((p) => !/status of 409/.test(p)), []);
    await page.context().close();
  });

  test('easy read with the keyboard only at 320 px: every screen, the faces, Hotovo', async () => {
    const page = await newPage(browser);
    await page.setViewportSize({ width: 320, height: 800 });
    const sent = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === `/v1${SURVEY}/responses`) sent.push(r.postDataJSON());
    });
    await page.goto(url(SURVEY));
    await page.waitForSelector('form.survey-form', { timeout: 20_000 });
    await tabTo(page, 'the easy-read switch', (el) => el.id === 'easy-switch');
    await page.keyboard.press('Space');
    let faces = 0;
    for (let screen = 0; screen < 30; screen++) {
      const title = await page.locator('#step-title .q-heading__text').innerText();
      await assertNoHorizontalScroll(page, `easy screen "${title}"`);
      if (await page.locator('.face').count()) {
        faces++;
        if (faces === 1) await axe(page, 'stack: easy faces');
      }
      // Answer what the screen asks: the first radio (a face: the happy one), a box, or a text.
      const first = await page.locator('fieldset.question input, fieldset.question textarea').first().getAttribute('type');
      await tabTo(page, `the answer of "${title}"`, (el) => el.closest?.('fieldset.question') && el.tagName !== 'LEGEND');
      if (first === 'radio') {
        await page.keyboard.press('Space');
        if (await page.locator('.face').count()) await page.keyboard.press('ArrowUp'); // wraps to the happy face
      } else if (first === 'checkbox') await page.keyboard.press('Space');
      else await page.keyboard.type((await page.locator('fieldset.question').getAttribute('data-qtype')) === 'number' ? '25' : 'doma');
      const last = (await page.locator('.easy-actions button[type=submit]').innerText()).trim() === 'Hotovo';
      await tabTo(page, 'the Next button', (el) => el.tagName === 'BUTTON' && el.type === 'submit');
      await page.keyboard.press('Enter');
      if (last) break;
      await page.waitForFunction((t) => document.querySelector('#step-title .q-heading__text')?.textContent !== t && document.activeElement?.id === 'step-title', title);
    }
    await heading(page, 'Hotovo. Děkujeme!');
    assert.ok(faces >= 4, `the Likert question and the matrix items are faces (${faces})`);
    await axe(page, 'stack: easy sent');
    assert.equal(sent.length, 1);
    assert.equal(sent[0].easyRead, true);
    assert.deepEqual(sent[0].context, { targetGroup: 'public_administration', region: 'CZ010' });
    for (const v of ['q4_support', 'q5_own_home', 'q5_neighbour', 'q5_services']) assert.equal(sent[0].answers[v], 5, `${v}: the happy face is 5`);
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });
});
