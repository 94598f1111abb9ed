// The evaluator's screens of the staff console on the real local stack
// (brana-local run: the local gateway, DynamoDB Local, the demo data):
// keyboard only, an evaluator builds a new awareness survey with every
// question type (a failed save first: the field error next to its field
// and in the summary), moves a question, previews it in normal and
// easy-read mode and publishes it; the results are withheld under five
// responses; five responses then come through the public API (proof of
// work solved here) and the results show a chart and its table with the
// right counts; the CSV, XLSX and codebook are downloaded and read. In
// English: the list, the results broken down by target group, two saves at
// once (409 explained, the survey reloaded), closing, a demo evaluation
// survey's invitation counts. axe on every state, 320 px without
// horizontal scroll, 200 % zoom; an organiser is refused the surveys with
// the explanation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  assertNoHorizontalScroll,
  assertNoStoredToken,
  axe,
  consoleSignIn,
  goInApp,
  narrow,
  newPage,
  screenshot,
  solvePow,
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
const SLUG = 'hodnoceni-konzole';
const TITLE = 'Zkušební dotazník konzole';
const CLIENT_EN = JSON.parse(readFileSync(new URL('../src/generated/vocab.json', import.meta.url), 'utf8')).names.en.target_group.client;
const TYPES = ['single_choice', 'multiple_choice', 'likert', 'likert_matrix', 'nps', 'number', 'short_text', 'long_text', 'yes_no'];
const TEXTS = {
  single_choice: 'Odkud jste se o programu dozvěděli?',
  multiple_choice: 'Které služby znáte?',
  likert: 'Transformace služeb je potřebná.',
  likert_matrix: 'Jak souhlasíte s výroky?',
  nps: 'Doporučili byste program známým?',
  number: 'Kolik let pracujete v sociálních službách?',
  short_text: 'Jedním slovem: co je pro vás domov?',
  long_text: 'Co byste programu vzkázali?',
  yes_no: 'Slyšeli jste o deinstitucionalizaci?',
};

const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

/**
 * Keyboard only, quickly: counts the Tab presses from the focus to the
 * element with this id in the page's tab order (tabindex >= 0, enabled,
 * rendered), presses Tab (or Shift+Tab) that many times, then checks the
 * focus arrived; the step-by-step tabTo of the harness is the fallback.
 */
async function tabToId(page, id, { back = false } = {}) {
  const n = await page.evaluate(
    ([target, back]) => {
      const sel = 'summary, a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
      // Inside a closed <details> only its own summary is shown.
      const folded = (el) => {
        for (let d = el.closest('details:not([open])'); d; d = d.parentElement?.closest('details:not([open])')) {
          if (!(el.tagName === 'SUMMARY' && el.parentElement === d)) return true;
        }
        return false;
      };
      const all = [...document.querySelectorAll(sel)].filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0 && !folded(el));
      // Radios of one group: Tab stops at the checked one (or the first).
      const stops = all.filter((el) => {
        if (el.type !== 'radio') return true;
        const group = all.filter((o) => o.type === 'radio' && o.name === el.name);
        const checked = group.find((o) => o.checked);
        return checked ? el === checked : el === group[0];
      });
      const to = stops.findIndex((el) => el.id === target);
      if (to < 0) return -1;
      const active = document.activeElement;
      const from = stops.indexOf(active);
      if (from >= 0) return back ? from - to : to - from;
      // The focus on an element out of the tab order (a heading, a message): Tab goes on from there.
      let after = stops.findIndex((el) => active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
      if (after < 0) after = stops.length;
      return back ? after - 1 - to + 1 : to - after + 1;
    },
    [id, back],
  );
  if (n > 0) {
    for (let i = 0; i < n; i++) await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
  }
  await tabTo(page, `#${id}`, new Function('el', `return el.id === ${JSON.stringify(id)}`), { max: 250, back });
}

/** Tab to the element with this id and type text into it. */
async function typeInto(page, id, text) {
  await tabToId(page, id);
  await page.keyboard.type(text);
}

/** Five responses through the public API, as five browsers would send them. */
async function respond(n) {
  const sv = await (await fetch(url(`/v1/surveys/${SLUG}`))).json();
  const q1 = [1, 1, 1, 2, 2];
  const q2 = [[1], [1, 2], [2], [1], [1]];
  const q9 = [1, 1, 0, 1, 0];
  for (let i = 0; i < n; i++) {
    const body = {
      version: sv.version,
      context: { targetGroup: 'client', region: 'CZ010' },
      answers: { q1: q1[i], q2: q2[i], q3: 4, q5: 9, q6: 10 + i, q9: q9[i] },
      browserKey: `console-evaluator-test-${i}-abcdef`,
    };
    const r = await fetch(url(`/v1/surveys/${SLUG}/responses`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Altcha: await solvePow(stack.url), 'Idempotency-Key': `console-eval-${i}-${Date.now()}` },
      body: JSON.stringify(body),
    });
    assert.equal(r.status, 200, `response ${i}: ${r.status} ${await r.text()}`);
  }
}

describe('the evaluator screens on the local stack', { concurrency: false }, () => {
  test('an organiser is refused the surveys, with the explanation', async () => {
    const page = await newPage(browser);
    await consoleSignIn(page, stack.url, 'organiser', '/staff/surveys');
    await waitHeading(page, 'Sem nemáte přístup');
    assert.match(await page.locator('main').innerText(), /Tato obrazovka je pro role: .*Evaluátor/);
    await axe(page, 'console: surveys refused (organiser)');
    await page.context().close();
  });

  test('the evaluator, keyboard only: builds, previews and publishes a survey with every question type; results and the CSV', async () => {
    const page = await newPage(browser);
    await consoleSignIn(page, stack.url, 'evaluator', '/staff/surveys');
    await waitHeading(page, 'Průzkumy');
    await page.waitForSelector('tr[data-survey="povedomi-o-transformaci"]');
    await axe(page, 'console: surveys list');
    await narrow(page, '320');
    await assertNoHorizontalScroll(page, 'surveys list at 320 px');
    await page.setViewportSize({ width: 1280, height: 900 });
    await assertNoStoredToken(page);

    // New survey.
    await tabToId(page, 'new-survey');
    await page.keyboard.press('Enter');
    await waitHeading(page, 'Nový průzkum');
    await page.waitForSelector('#add-single_choice');
    await axe(page, 'console: survey builder, empty');

    await typeInto(page, 'f-id', SLUG);
    await typeInto(page, 'f-title-cs', TITLE);
    await typeInto(page, 'f-title-en', 'Console test survey');
    await typeInto(page, 'f-intro-cs', 'Děkujeme, že odpovíte.');
    await typeInto(page, 'f-easyIntro-cs', 'Odpovězte, prosím, na pár otázek.');

    /** Adds a question of a type with the keyboard; the focus lands on its wording, which is typed unless left out. */
    const addQuestion = async (i, type, text = TEXTS[type]) => {
      await tabToId(page, `add-${type}`);
      await page.keyboard.press('Enter');
      await page.waitForFunction((id) => document.activeElement?.id === id, `f-questions-${i}-text-cs`);
      if (text) await page.keyboard.type(text);
    };

    // The first question, with its easy-read wording, required.
    await addQuestion(0, 'single_choice');
    await tabToId(page, 'f-questions-0-more');
    await page.keyboard.press('Enter');
    await typeInto(page, 'f-questions-0-easyRead-cs', 'Kde jste o nás slyšeli?');
    await tabToId(page, 'f-questions-0-required');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#f-questions-0-required').isChecked(), true);

    // The second without its wording: a failed save, the summary (focused) and the error next to the field.
    await addQuestion(1, 'multiple_choice', '');
    await tabToId(page, 'save-draft');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary', null, { timeout: 20_000 });
    const errId = 'f-questions-1-text-cs';
    assert.ok(await page.locator(`#${errId}-error`).isVisible(), 'the error next to the wording');
    assert.equal(await page.locator(`#${errId}`).getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator(`#error-summary a[href="#${errId}"]`).count(), 1);
    assert.equal(await page.locator('main .field-error').count(), 1, 'the error once, at its field only');
    assert.equal(page.url(), url('/staff/surveys/new'), 'nothing created');
    await axe(page, 'console: survey builder, field errors');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), `#${errId}`, 'focus on the summary link');
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.activeElement?.id === id, errId);
    await page.keyboard.type(TEXTS.multiple_choice);

    // Every other type.
    for (const [i, type] of TYPES.entries()) if (i >= 2) await addQuestion(i, type);
    assert.equal(await page.locator('section.q-edit').count(), TYPES.length);

    // Move question 2 up and back down with the keyboard; the focus follows the question.
    await tabToId(page, 'f-questions-1-up', { back: true });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'f-questions-0-down');
    assert.match(await page.locator('#f-questions-0-title').innerText(), /Více odpovědí/);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'f-questions-1-down');
    assert.match(await page.locator('#f-questions-0-title').innerText(), /Jedna odpověď/);

    await tabToId(page, 'save-draft');
    await page.keyboard.press('Enter');
    await page.waitForFunction((s) => location.pathname === `/staff/surveys/${s}`, SLUG, { timeout: 20_000 });
    await page.waitForFunction(() => /je vytvořen/.test(document.querySelector('#builder-status')?.textContent ?? ''));
    await waitHeading(page, `Průzkum: ${TITLE}`);
    assert.equal(await page.locator('#error-summary').count(), 0);

    // Preview: normal, then easy read.
    await tabToId(page, 'preview-toggle');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#preview-survey');
    assert.equal(await page.locator('#preview-toggle').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('section.q-edit').count(), 0, 'the editing put aside');
    assert.equal(await page.locator('#preview-survey .preview__q').count(), TYPES.length);
    const normal = await page.locator('#preview-survey').innerText();
    for (const text of Object.values(TEXTS)) assert.ok(normal.includes(text), `preview shows "${text}"`);
    assert.ok(!normal.includes('Kde jste o nás slyšeli?'), 'no easy-read wording in the normal preview');
    assert.equal(await page.locator('#preview-survey').getAttribute('data-easy'), 'false');
    await axe(page, 'console: survey preview, normal');
    await tabToId(page, 'preview-mode-normal');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('#preview-survey')?.getAttribute('data-easy') === 'true');
    const easy = await page.locator('#preview-survey').innerText();
    assert.ok(easy.includes('Kde jste o nás slyšeli?'), 'the easy-read wording');
    assert.ok(easy.includes('Odpovězte, prosím, na pár otázek.'), 'the easy-read introduction');
    // The faces: the Likert question and each of the matrix's two statements.
    assert.equal(await page.locator('#preview-survey .faces').count(), 3, 'the faces of the easy-read scale');
    await axe(page, 'console: survey preview, easy read');
    await screenshot(page, 'console-evaluator-preview-easy-read');
    await narrow(page, '320');
    await assertNoHorizontalScroll(page, 'builder with the preview at 320 px');
    await narrow(page, '200%');
    await assertNoHorizontalScroll(page, 'builder at 200 %');
    await page.setViewportSize({ width: 1280, height: 900 });
    await tabToId(page, 'preview-toggle', { back: true });
    await page.keyboard.press('Enter');
    await page.waitForSelector('section.q-edit');

    // Publish (confirmed).
    await tabToId(page, 'publish-button', { back: true });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'confirm-text');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'publish-yes');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Verze 1 je zveřejněná/.test(document.querySelector('#builder-status')?.textContent ?? ''));
    assert.match(await page.locator('#builder-status').innerText(), new RegExp(`/surveys/${SLUG}`));
    assert.equal(await page.locator('#public-link').getAttribute('href'), `/surveys/${SLUG}`);
    await axe(page, 'console: survey published');

    // Results: withheld under five responses.
    await tabToId(page, 'results-link');
    await page.keyboard.press('Enter');
    await waitHeading(page, `Výsledky: ${TITLE}`);
    await page.waitForSelector('#results-summary');
    assert.match(await page.locator('#results-summary').innerText(), /méně než 5/);
    await axe(page, 'console: survey results, withheld');

    await respond(5);

    await tabToId(page, 'results-show');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#var-q1-table', { timeout: 20_000 });
    assert.match(await page.locator('.results-total').innerText(), /Odpovědí celkem: 5/);
    const rows = await page.locator('#var-q1-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    assert.deepEqual(
      rows.map((r) => r.slice(0, 2)),
      [
        ['Možnost 1', '3'],
        ['Možnost 2', '2'],
      ],
    );
    assert.match(await page.locator('#var-q1-table caption').innerText(), /Odkud jste se o programu dozvěděli/);
    assert.equal(await page.locator('#var-q1-table th[scope=col]').count(), 3);
    const chart = page.locator('#var-q1-chart');
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.match(await chart.getAttribute('aria-label'), /Možnost 1: 3 \(60 %\); Možnost 2: 2 \(40 %\)/);
    assert.equal(await page.locator('#var-q1-chart rect').count(), 2);
    const yesNo = await page.locator('#var-q9-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim()).slice(0, 2)));
    assert.deepEqual(yesNo.sort(), [['Ano', '3'], ['Ne', '2']].sort());
    // A question nobody answered is withheld.
    assert.match(await page.locator('section[data-var="q7"]').innerText(), /méně než 5/);
    await axe(page, 'console: survey results');
    await screenshot(page, 'console-evaluator-results');
    await narrow(page, '320');
    await assertNoHorizontalScroll(page, 'results at 320 px');
    await page.setViewportSize({ width: 1280, height: 900 });

    // The CSV export.
    await tabToId(page, 'dl-csv');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.match(download.suggestedFilename(), new RegExp(`^pruzkum-${SLUG}-v1-.*\\.csv$`));
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    const head = lines[0].split(';');
    assert.equal(lines.length, 6, csv);
    for (const col of ['row', 'version', 'q1', 'q2_1', 'q2_2', 'q4_1', 'q6', 'q9']) assert.ok(head.includes(col), `column ${col} in ${head}`);
    const q1 = lines.slice(1).map((l) => l.split(';')[head.indexOf('q1')]);
    assert.deepEqual(q1.sort(), ['1', '1', '1', '2', '2']);
    const q6 = lines.slice(1).map((l) => l.split(';')[head.indexOf('q6')]);
    assert.deepEqual(q6.sort(), ['10', '11', '12', '13', '14']);
    await page.waitForFunction(() => /stažený/.test(document.querySelector('#download-status')?.textContent ?? ''));

    // The XLSX (a zip) and the codebook (CSVW metadata describing the same columns).
    await tabToId(page, 'dl-xlsx');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
    assert.equal(readFileSync(await xlsx.path()).subarray(0, 2).toString('latin1'), 'PK');
    await tabToId(page, 'dl-codebook');
    const [cb] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const codebook = JSON.parse(readFileSync(await cb.path(), 'utf8'));
    assert.equal(codebook['@context'], 'http://www.w3.org/ns/csvw');
    assert.deepEqual(codebook.tableSchema.columns.map((c) => c.name), head);
    await assertNoStoredToken(page);
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  });

  test('in English: the list and the results', async () => {
    const page = await newPage(browser);
    await page.goto(url(`/staff/sign-in?lang=en&next=${encodeURIComponent('/staff/surveys')}`));
    await page.locator('#role-evaluator').check();
    await page.locator('form.sign-in button[type=submit]').click();
    await waitHeading(page, 'Surveys');
    await page.waitForSelector(`tr[data-survey="${SLUG}"]`);
    // The responses of the last 12 months come with a request of their own.
    await page.waitForFunction((s) => document.querySelector(`tr[data-survey="${s}"] td:nth-of-type(4)`)?.textContent.trim() === '5', SLUG);
    assert.match(await page.locator(`tr[data-survey="${SLUG}"]`).innerText(), /Console test survey\s+awareness\s+running\s+1\s+5/);
    await axe(page, 'console: surveys list (en)');
    await goInApp(page, `/staff/surveys/${SLUG}/results`);
    await waitHeading(page, 'Results: Console test survey');
    await page.waitForSelector('#var-q1-table');
    assert.match(await page.locator('.results-total').innerText(), /Responses in all: 5/);
    await axe(page, 'console: survey results (en)');
    // Broken down by target group: every response came from a client.
    await page.locator('#res-by').selectOption('targetGroup');
    await page.locator('#results-show').click();
    await page.waitForSelector('#var-q1-by');
    const byRows = await page.locator('#var-q1-by tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    assert.deepEqual(byRows, [[CLIENT_EN, '5', '3 (60 %)', '2 (40 %)']]);
    await axe(page, 'console: survey results by target group (en)');

    // Two saves at once: someone saves a draft while the page holds the survey as read; the page's save is refused, explained, and the survey reloaded.
    await goInApp(page, `/staff/surveys/${SLUG}`);
    await waitHeading(page, 'Survey: Console test survey');
    await page.waitForSelector('#f-title-en');
    const auth = { Authorization: `Bearer ${stack.staffToken('evaluator')}` };
    const cur = await (await fetch(url(`/v1/staff/surveys/${SLUG}`), { headers: auth })).json();
    const theirs = { ...cur.latest.definition, title: { cs: TITLE, en: 'Changed by someone else' } };
    const put = await fetch(url(`/v1/staff/surveys/${SLUG}/draft`), { method: 'PUT', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ rev: cur.survey.rev, definition: theirs }) });
    assert.equal(put.status, 200, await put.text());
    await typeInto(page, 'f-title-en', 'My title'); // Tab selects the field's text: typing replaces it
    await tabToId(page, 'save-draft');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'builder-alert' && /Someone else changed the survey/.test(document.activeElement.textContent), null, { timeout: 20_000 });
    assert.equal(await page.locator('#f-title-en').inputValue(), 'Changed by someone else', 'the survey as it is now');
    await axe(page, 'console: survey builder, saved meanwhile (en)');

    // Closing, confirmed: no more editing.
    await tabToId(page, 'close-button', { back: true });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'confirm-text');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /The survey is closed/.test(document.querySelector('#builder-status')?.textContent ?? ''));
    assert.equal(await page.locator('section.q-edit').count(), 0);
    assert.equal((await (await fetch(url(`/v1/staff/surveys/${SLUG}`), { headers: auth })).json()).survey.status, 'closed');
    await axe(page, 'console: survey closed (en)');

    // A demo evaluation survey: its invitation counts, as the API has them; its questions in the builder.
    const ev = await (await fetch(url('/v1/staff/surveys/hodnoceni-konzultaci'), { headers: { Authorization: `Bearer ${stack.staffToken('evaluator')}` } })).json();
    await goInApp(page, '/staff/surveys/hodnoceni-konzultaci');
    await waitHeading(page, `Survey: ${ev.survey.title.en ?? ev.survey.title.cs}`);
    await page.waitForSelector('#inv-sent');
    for (const k of ['sent', 'reminded', 'answered', 'optedOut']) assert.equal(await page.locator(`#inv-${k}`).innerText(), String(ev.survey.invitations[k]), k);
    assert.equal(await page.locator('section.q-edit').count(), ev.latest.definition.questions.length);
    await axe(page, 'console: evaluation survey with its invitations (en)');
    await screenshot(page, 'console-evaluator-invitations-en');
    await page.context().close();
  });
});
