// Browser test of the monthly indicator report's HTML (issue #11,
// internal/reports/render): the renderer's fixture (every indicator of the
// catalogue, suppressed cells, the change from last month, the
// transformation's burn-up) written by `go run
// ./internal/reports/render/cmd/fixturehtml`, opened from a file in
// Debian's Chromium:
//
//   - axe-core (WCAG 2.1 A/AA) at zero violations, on screen and at 375 px;
//   - the heading structure (one h1, an h2 per area, an h3 per indicator),
//     every table with a caption and scoped headers, "<5" for suppressed
//     cells, every chart an SVG with role="img", <title> and <desc> that
//     give the numbers, each before its table;
//   - self-contained: no request leaves the file, no script;
//   - printed to PDF on A4 (page.pdf) without error;
//   - a screenshot in the test results (report-html-1280.png); a test
//     never writes into the repository.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { CHROMIUM, assertNoHorizontalScroll, axe, axeLog, launchBrowser, newPage, repoRoot, resultsDir, writeResults } from './harness.mjs';

let browser;
let dir;
let file;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  dir = mkdtempSync(path.join(tmpdir(), 'brana-report-html-'));
  const run = spawnSync('go', ['run', './internal/reports/render/cmd/fixturehtml', dir], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(run.status, 0, `go run ./internal/reports/render/cmd/fixturehtml failed:\n${run.stderr}`);
  file = path.join(dir, 'report.html');
  browser = await launchBrowser();
});

after(async () => {
  writeResults();
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  console.log(`axe: ${axeLog.length} report states checked`);
});

async function open(width = 1280) {
  const page = await newPage(browser);
  await page.setViewportSize({ width, height: 900 });
  const outside = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) outside.push(r.url());
  });
  await page.goto(pathToFileURL(file).href);
  page.outside = outside;
  return page;
}

test('the report reads in Czech: headings, captions, charts with their numbers, no violations', async () => {
  const page = await open();
  assert.equal(await page.getAttribute('html', 'lang'), 'cs');
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal((await page.locator('h1').textContent()).trim(), 'Měsíční zpráva o indikátorech — únor 2027');
  const h2 = await page.locator('main h2').allTextContents();
  for (const area of ['Souhrn', 'Konzultace', 'Podpořené organizace', 'Akce', 'Účastníci akcí', 'Dotazníky', 'Transformace sociálních služeb']) {
    assert.ok(h2.includes(area), `no h2 "${area}" in ${JSON.stringify(h2)}`);
  }
  // An h3 per indicator of the catalogue (26) and the transformation's two charts.
  const catalogue = JSON.parse(readFileSync(path.join(repoRoot, 'internal/reports/catalogue/indicators.json'), 'utf8'));
  const h3 = await page.locator('main h3').allTextContents();
  for (const ind of catalogue.indicators) assert.ok(h3.includes(ind.name.cs), `no h3 "${ind.name.cs}"`);
  assert.ok(h3.includes('Transformované služby vůči cíli 40'));

  // Every table has a caption and only scoped header cells.
  const tables = await page.evaluate(() =>
    [...document.querySelectorAll('table')].map((t) => ({
      caption: t.querySelector('caption')?.textContent.trim() ?? '',
      unscoped: [...t.querySelectorAll('th')].filter((th) => !['col', 'row'].includes(th.getAttribute('scope'))).length,
    })),
  );
  assert.ok(tables.length > 50, `only ${tables.length} tables`);
  for (const t of tables) {
    assert.ok(t.caption, 'a table without a caption');
    assert.equal(t.unscoped, 0, `table "${t.caption}" has a th without scope`);
  }
  const held = page.locator('table', { has: page.locator('caption', { hasText: 'Uskutečněné konzultace podle kraje' }) });
  assert.equal(await held.locator('tfoot td').first().textContent(), '71');
  assert.equal(await held.locator('tbody tr', { hasText: 'Hlavní město Praha' }).locator('td').textContent(), '6');

  // Suppressed cells show "<5".
  const gender = page.locator('table', { has: page.locator('caption', { hasText: 'Účastníci podle pohlaví, únor 2027' }) });
  assert.equal(await gender.locator('tbody tr', { hasText: 'nebinární' }).locator('td').textContent(), '<5');

  // The change from the month before.
  const responses = page.locator('section.indicator', { has: page.locator('h3', { hasText: 'Odpovědi na evaluační dotazníky' }) });
  assert.match(await responses.locator('.figures').textContent(), /Minulý měsíc: 48\s+Změna oproti minulému měsíci: \+15/);

  // Every chart: an SVG image with a title and a description that gives the
  // numbers, right before its table.
  const svgs = await page.evaluate(() =>
    [...document.querySelectorAll('svg')].map((s) => {
      const [t, d] = (s.getAttribute('aria-labelledby') ?? '').split(' ');
      return {
        role: s.getAttribute('role'),
        title: s.querySelector(':scope > title')?.textContent ?? '',
        desc: s.querySelector(':scope > desc')?.textContent ?? '',
        labelled: t === s.querySelector(':scope > title')?.id && d === s.querySelector(':scope > desc')?.id,
        next: s.closest('figure')?.nextElementSibling?.tagName ?? '',
      };
    }),
  );
  assert.equal(svgs.length, tables.length - 2, 'a chart for every table but the summary and the changes');
  for (const s of svgs) {
    assert.equal(s.role, 'img');
    assert.ok(s.title.startsWith('Graf: '), `title "${s.title}"`);
    assert.match(s.desc, /\d/, `desc without numbers: "${s.desc}"`);
    assert.ok(s.labelled, `svg "${s.title}" is not labelled by its title and desc`);
    assert.equal(s.next, 'TABLE', `svg "${s.title}" is not right before its table`);
  }
  const burnUp = svgs.find((s) => s.title.includes('vůči cíli 40'));
  assert.ok(burnUp, 'no burn-up chart');
  assert.match(burnUp.desc, /říjen 2026 0; listopad 2026 0; prosinec 2026 1; leden 2027 3; únor 2027 4\. Cíl programu je 40 služeb\./);
  const heldChart = svgs.find((s) => s.title === 'Graf: Uskutečněné konzultace podle kraje');
  assert.match(heldChart.desc, /Hlavní město Praha 6; Středočeský kraj 17;.*Celkem 71\./);

  // The funding line, the versions and the period.
  const text = await page.locator('body').textContent();
  assert.match(text, /je spolufinancován Evropskou unií z Evropského sociálního fondu plus v rámci Operačního programu Zaměstnanost plus/);
  assert.match(text, /CZ\.03\.02\.02\/00\/22_004\/0000724/);
  assert.match(text, /Verze zprávy\s*2/);
  assert.match(text, /Katalog indikátorů\s*verze 2026-11/);
  assert.match(text, /1\. 2\. 2027 – 28\. 2\. 2027/);

  // Self-contained: no script, nothing fetched from outside the file.
  assert.equal(await page.locator('script').count(), 0);
  assert.deepEqual(page.outside, []);
  assert.deepEqual(page.problems(), []);

  await axe(page, 'report.html');
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: path.join(resultsDir, 'report-html-1280.png'), fullPage: true });
  await page.close();
});

test('the report reads on a phone (375 px) without sideways scrolling', async () => {
  const page = await open(375);
  await assertNoHorizontalScroll(page, 'report.html at 375 px');
  await axe(page, 'report.html at 375 px');
  await page.close();
});

test('the report prints on A4', async () => {
  const page = await open();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('nav.toc').isVisible(), false, 'the table of contents is printed');
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 6 && pages < 60, `${pages} A4 pages`);
  // A4 is 595 × 842 points.
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  assert.ok(box, 'no MediaBox');
  assert.ok(Math.abs(Number(box[1]) - 595) < 2 && Math.abs(Number(box[2]) - 842) < 2, `page size ${box[1]} × ${box[2]}`);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'report-html.pdf'), pdf);
  await page.close();
});
