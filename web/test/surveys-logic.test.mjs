// The survey pages' logic (src/public/surveys/logic.ts) in Node, without a
// browser: conditions (showIf) evaluated on the answers, the checks of
// every question type, the answers the API gets (hidden questions left
// out), the easy-read steps and the 3-face Likert codes, server field
// errors mapped onto variables. esbuild bundles the module first.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { QUESTIONS } from './surveys-fake.mjs';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let L;
let dir;
before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'brana-surveys-logic-'));
  const out = path.join(dir, 'logic.mjs');
  await esbuild.build({ absWorkingDir: webDir, entryPoints: ['src/public/surveys/logic.ts'], bundle: true, format: 'esm', platform: 'neutral', outfile: out, logLevel: 'error' });
  L = await import(pathToFileURL(out).href);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const vars = (qs) => qs.map((q) => q.var);

describe('conditions', () => {
  test('a question with showIf appears only for the named answer, and a chain hides with its source', () => {
    assert.ok(!vars(L.visibleQuestions(QUESTIONS, {})).includes('q2_source'));
    assert.ok(!vars(L.visibleQuestions(QUESTIONS, { q1_heard: 0 })).includes('q2_source'));
    assert.ok(vars(L.visibleQuestions(QUESTIONS, { q1_heard: 1 })).includes('q2_source'));
    const chain = [
      { var: 'a', type: 'yes_no' },
      { var: 'b', type: 'multiple_choice', showIf: { var: 'a', anyOf: [1] }, options: [{ code: 1, label: { cs: 'x' } }, { code: 2, label: { cs: 'y' } }] },
      { var: 'c', type: 'short_text', showIf: { var: 'b', anyOf: [2] } },
    ];
    assert.deepEqual(vars(L.visibleQuestions(chain, { a: 1, b: [1, 2] })), ['a', 'b', 'c']);
    // b is hidden (a is no), so c is hidden too although b's stale answer includes 2.
    assert.deepEqual(vars(L.visibleQuestions(chain, { a: 0, b: [2] })), ['a']);
  });

  test('hidden questions are not sent', () => {
    const a = L.buildAnswers(QUESTIONS, { q1_heard: 0, q2_source: [1], q3_agree: 4 });
    assert.deepEqual(a, { q1_heard: 0, q3_agree: 4 });
  });
});

describe('checks of every type', () => {
  const q = (v) => QUESTIONS.find((x) => x.var === v);
  const check = (v, val, easy = false, key = v) => L.checkVar(q(v), key, { [key]: val }, easy)?.code;
  test('required and optional', () => {
    assert.equal(L.checkVar(q('q7_where'), 'q7_where', {}, false).code, 'required');
    assert.equal(L.checkVar(q('q5_nps'), 'q5_nps', {}, false), undefined);
    assert.equal(L.checkVar(q('q8_word'), 'q8_word', { q8_word: '   ' }, false), undefined);
  });
  test('choices, Likert, matrix, NPS, yes/no', () => {
    assert.equal(check('q7_where', 2), undefined);
    assert.equal(check('q7_where', 9), 'invalid');
    assert.equal(check('q2_source', [1, 2]), undefined);
    assert.equal(check('q2_source', [1, 2, 3]), 'tooMany');
    assert.equal(check('q3_agree', 4), undefined);
    assert.equal(check('q3_agree', 4, true), 'invalid', 'the faces record 1, 3, 5 only');
    assert.equal(check('q3_agree', 5, true), undefined);
    assert.equal(check('q4', 2, false, 'q4_local'), undefined);
    assert.equal(check('q5_nps', 0), undefined);
    assert.equal(check('q5_nps', 11), 'invalid');
    assert.equal(check('q1_heard', 0), undefined);
    assert.equal(check('q1_heard', 2), 'invalid');
  });
  test('numbers (Czech comma, bounds, whole) and texts', () => {
    assert.equal(check('q6_age', '42'), undefined);
    assert.equal(check('q6_age', 'čtyřicet'), 'notNumber');
    assert.equal(check('q6_age', '42,5'), 'notInteger');
    assert.equal(check('q6_age', '14'), 'below');
    assert.equal(check('q6_age', '121'), 'above');
    assert.equal(L.parseNumber('1,5'), 1.5);
    assert.equal(L.parseNumber('-3'), -3);
    assert.equal(L.parseNumber('1e5'), undefined);
    assert.equal(check('q8_word', 'x'.repeat(200)), undefined);
    assert.equal(check('q8_word', 'x'.repeat(201)), 'tooLong');
    assert.equal(check('q9_comment', 'ž'.repeat(2000)), undefined);
    assert.equal(check('q9_comment', 'ž'.repeat(2001)), 'tooLong');
  });
  test('a required matrix: one problem per unanswered item', () => {
    const p = L.validate(QUESTIONS, { q4_support: 3 }, false);
    assert.ok(p.has('q4_local'));
    assert.ok(!p.has('q4_support'));
    assert.ok(!p.has('q2_source'), 'a hidden question is never required');
  });
  test('numbers are sent as numbers, texts trimmed, codes sorted', () => {
    const a = L.buildAnswers(QUESTIONS, { q1_heard: 1, q2_source: [3, 1], q6_age: '42', q8_word: '  klid ' });
    assert.deepEqual(a, { q1_heard: 1, q2_source: [1, 3], q6_age: 42, q8_word: 'klid' });
  });
});

describe('easy read', () => {
  test('one thing per screen: context first, then each question, a matrix one item a screen', () => {
    const st = L.easySteps(QUESTIONS, { q1_heard: 0 }, true);
    assert.deepEqual(
      st.map((s) => (s.kind === 'question' ? s.q.var : s.kind === 'item' ? s.q.items[s.index].var : s.kind)),
      ['targetGroup', 'region', 'q1_heard', 'q3_agree', 'q4_support', 'q4_local', 'q5_nps', 'q6_age', 'q7_where', 'q8_word', 'q9_comment'],
    );
    assert.equal(L.easySteps(QUESTIONS, { q1_heard: 1 }, false).length, 10);
  });
  test('switching to easy read drops the Likert answers the faces cannot show', () => {
    assert.deepEqual(L.toEasyRead(QUESTIONS, { q3_agree: 4, q4_support: 5, q4_local: 2, q5_nps: 4 }), { q4_support: 5, q5_nps: 4 });
    assert.deepEqual([...L.EASY_FACES], [1, 3, 5]);
  });
  test('easy-read text falls back to the ordinary text', () => {
    assert.deepEqual(L.easy({ cs: 'a' }, { cs: 'b' }, true), { cs: 'b' });
    assert.deepEqual(L.easy({ cs: 'a' }, undefined, true), { cs: 'a' });
    assert.deepEqual(L.easy({ cs: 'a' }, { cs: 'b' }, false), { cs: 'a' });
  });
});

test('server field errors map onto the variables', () => {
  const all = ['targetGroup', 'region', ...L.allVars(QUESTIONS)];
  assert.equal(L.serverField('answers.q4_local', all), 'q4_local');
  assert.equal(L.serverField('answers.q2_source[1]', all), 'q2_source');
  assert.equal(L.serverField('region', all), 'region');
  assert.equal(L.serverField('answers.nope', all), undefined);
  assert.equal(L.serverField('browserKey', all), undefined);
});

test('a random key is 128 bits of hex', () => {
  const k = L.randomKey();
  assert.match(k, /^[0-9a-f]{32}$/);
  assert.notEqual(k, L.randomKey());
});
