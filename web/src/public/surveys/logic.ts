// The survey pages' logic without the DOM: which questions a respondent's
// answers show (a question's showIf, evaluated live), the checks of an
// answer before it is sent (the server checks them all again), the request
// the answers become, the easy-read mode's one-thing-per-screen steps and
// its 3-face Likert scale. test/surveys-logic runs it in Node.
import type { Answers, Question, Text } from './api';

/** Fixed codes and bounds of internal/surveys/model.go. */
export const LIKERT_POINTS = 5;
export const NPS_MIN = 0;
export const NPS_MAX = 10;
export const YES = 1;
export const NO = 0;
export const MAX_SHORT_TEXT = 200;
export const MAX_LONG_TEXT = 2000;
/** The Likert codes the easy-read faces record: sad 1, neutral 3, happy 5 (surveys.EasyReadFaces). */
export const EASY_FACES = [1, 3, 5] as const;
export type Face = 'sad' | 'neutral' | 'happy';
export const FACE_OF: Record<(typeof EASY_FACES)[number], Face> = { 1: 'sad', 3: 'neutral', 5: 'happy' };

/** The "prefer not to say" choice of the self-declared target group and region (the API's not_stated). */
export const PREFER_NOT = 'not_stated';

/**
 * What the form holds per variable (a Likert matrix: per item's var): a
 * code, codes, or the text typed (a number question keeps its text until
 * it is sent, so "1,5" and a half-typed "-" stay as typed).
 */
export type DraftValue = number | number[] | string;
export type Draft = Record<string, DraftValue>;

/** A text in the language asked for, Czech when there is no English. */
export function txt(t: Text | undefined, l: 'cs' | 'en'): string {
  if (!t) return '';
  return (l === 'en' && t.en) || t.cs;
}

/** The easy-read text when the survey has one, else the ordinary text. */
export function easy(plain: Text | undefined, easyText: Text | undefined, on: boolean): Text | undefined {
  return on && easyText && easyText.cs ? easyText : plain;
}

/** The variables a question answers: its own, or each item's of a matrix. */
export function varsOf(q: Question): string[] {
  return q.type === 'likert_matrix' ? (q.items ?? []).map((i) => i.var) : [q.var];
}

/** The codes a value holds (a single code as one). */
function codesOf(v: DraftValue | undefined): number[] {
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) return v;
  return [];
}

/**
 * The questions shown for these answers, in order. A question with a
 * condition is shown when the earlier question it names is shown and its
 * answer is (a multiple choice: includes) one of the codes; a hidden
 * question is neither asked nor sent.
 */
export function visibleQuestions(qs: readonly Question[], d: Draft): Question[] {
  const shown = new Set<string>();
  const out: Question[] = [];
  for (const q of qs) {
    const c = q.showIf;
    if (c) {
      if (!shown.has(c.var)) continue;
      const got = codesOf(d[c.var]);
      if (!got.some((x) => c.anyOf.includes(x))) continue;
    }
    for (const v of varsOf(q)) shown.add(v);
    out.push(q);
  }
  return out;
}

/** Whether a variable has an answer in the draft. */
export function answered(v: DraftValue | undefined): boolean {
  if (v === undefined) return false;
  if (typeof v === 'number') return true;
  if (Array.isArray(v)) return v.length > 0;
  return v.trim() !== '';
}

/** Whether a question counts as answered (a matrix: every item). */
export function questionAnswered(q: Question, d: Draft): boolean {
  return varsOf(q).every((v) => answered(d[v]));
}

/** A number typed in Czech or English ("1,5", "1.5", "-3"); undefined when it is not one. */
export function parseNumber(s: string): number | undefined {
  const t = s.trim().replace(/\s+/g, '').replace(',', '.');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** What is wrong with an answer (the page words it). */
export type Problem =
  | { code: 'required' }
  | { code: 'tooFew'; n: number }
  | { code: 'tooMany'; n: number }
  | { code: 'notNumber' }
  | { code: 'notInteger' }
  | { code: 'below'; n: number }
  | { code: 'above'; n: number }
  | { code: 'tooLong'; n: number }
  | { code: 'invalid' };

/** The first problem of one variable's answer, or undefined. */
export function checkVar(q: Question, v: string, d: Draft, easyRead: boolean): Problem | undefined {
  const val = d[v];
  if (!answered(val)) return q.required ? { code: 'required' } : undefined;
  switch (q.type) {
    case 'single_choice':
      return typeof val === 'number' && (q.options ?? []).some((o) => o.code === val) ? undefined : { code: 'invalid' };
    case 'multiple_choice': {
      const got = codesOf(val);
      if (!got.every((c) => (q.options ?? []).some((o) => o.code === c))) return { code: 'invalid' };
      if (q.minChoices && got.length < q.minChoices) return { code: 'tooFew', n: q.minChoices };
      if (q.maxChoices && got.length > q.maxChoices) return { code: 'tooMany', n: q.maxChoices };
      return undefined;
    }
    case 'likert':
    case 'likert_matrix': {
      const ok = easyRead ? (EASY_FACES as readonly number[]) : [1, 2, 3, 4, 5];
      return typeof val === 'number' && ok.includes(val) ? undefined : { code: 'invalid' };
    }
    case 'nps':
      return typeof val === 'number' && Number.isInteger(val) && val >= NPS_MIN && val <= NPS_MAX ? undefined : { code: 'invalid' };
    case 'yes_no':
      return val === YES || val === NO ? undefined : { code: 'invalid' };
    case 'number': {
      const n = parseNumber(String(val));
      if (n === undefined) return { code: 'notNumber' };
      if (q.integer && !Number.isInteger(n)) return { code: 'notInteger' };
      if (q.min !== undefined && n < q.min) return { code: 'below', n: q.min };
      if (q.max !== undefined && n > q.max) return { code: 'above', n: q.max };
      return undefined;
    }
    case 'short_text':
    case 'long_text': {
      const max = q.type === 'short_text' ? MAX_SHORT_TEXT : MAX_LONG_TEXT;
      return [...String(val).trim()].length > max ? { code: 'tooLong', n: max } : undefined;
    }
  }
}

/** The problems of the shown questions' answers, by variable, in order. */
export function validate(qs: readonly Question[], d: Draft, easyRead: boolean): Map<string, Problem> {
  const out = new Map<string, Problem>();
  for (const q of visibleQuestions(qs, d)) {
    for (const v of varsOf(q)) {
      const p = checkVar(q, v, d, easyRead);
      if (p) out.set(v, p);
    }
  }
  return out;
}

/** The answers as the API takes them: the shown questions' answered variables only. */
export function buildAnswers(qs: readonly Question[], d: Draft): Answers {
  const out: Answers = {};
  for (const q of visibleQuestions(qs, d)) {
    for (const v of varsOf(q)) {
      const val = d[v];
      if (!answered(val)) continue;
      if (q.type === 'number') {
        const n = parseNumber(String(val));
        if (n !== undefined) out[v] = n;
      } else if (q.type === 'short_text' || q.type === 'long_text') out[v] = String(val).trim();
      else if (Array.isArray(val)) out[v] = [...val].sort((a, b) => a - b);
      else out[v] = val;
    }
  }
  return out;
}

/**
 * Switching to easy-read mode: a Likert answer the three faces cannot show
 * (2 or 4) is dropped, so that what is sent is what the faces show.
 */
export function toEasyRead(qs: readonly Question[], d: Draft): Draft {
  const out: Draft = { ...d };
  for (const q of qs) {
    if (q.type !== 'likert' && q.type !== 'likert_matrix') continue;
    for (const v of varsOf(q)) {
      const val = out[v];
      if (typeof val === 'number' && !(EASY_FACES as readonly number[]).includes(val)) delete out[v];
    }
  }
  return out;
}

/** One screen of the easy-read mode: one thing to answer. */
export type Step =
  | { kind: 'targetGroup' }
  | { kind: 'region' }
  | { kind: 'question'; q: Question }
  | { kind: 'item'; q: Question; index: number };

/**
 * The easy-read screens: the target group and region first (awareness
 * surveys), then each shown question, a Likert matrix one item a screen.
 */
export function easySteps(qs: readonly Question[], d: Draft, withContext: boolean): Step[] {
  const out: Step[] = withContext ? [{ kind: 'targetGroup' }, { kind: 'region' }] : [];
  for (const q of visibleQuestions(qs, d)) {
    if (q.type === 'likert_matrix') (q.items ?? []).forEach((_, index) => out.push({ kind: 'item', q, index }));
    else out.push({ kind: 'question', q });
  }
  return out;
}

/** The variables one easy-read screen answers. */
export function stepVars(s: Step): string[] {
  switch (s.kind) {
    case 'targetGroup':
    case 'region':
      return [s.kind];
    case 'question':
      return varsOf(s.q);
    case 'item':
      return [s.q.items?.[s.index]?.var ?? ''];
  }
}

/**
 * The field a server error names ("answers.q3_satisfaction" → the
 * variable; "targetGroup", "region"), or undefined for one that names no
 * field of the form.
 */
export function serverField(field: string | undefined, vars: readonly string[]): string | undefined {
  if (!field) return undefined;
  if (field === 'targetGroup' || field === 'region') return field;
  const m = /^answers\.([a-z][a-z0-9_]{0,39})(\[\d+\])?$/.exec(field);
  return m && vars.includes(m[1]!) ? m[1] : undefined;
}

/** Every variable of a survey's questions, in order. */
export function allVars(qs: readonly Question[]): string[] {
  return qs.flatMap(varsOf);
}

/** A random key: 128 bits, hex. */
export function randomKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
