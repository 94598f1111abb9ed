// The survey builder: a new survey (kind, audience or waves, title,
// introduction, questions) is created with its first save (POST); an
// existing one's draft is edited and saved (PUT draft with the rev as
// read; 409 survey_changed is explained and the survey reloaded). Every
// question type of internal/surveys/model.go can be added, edited in Czech
// and English with its easy-read wording, moved up or down, removed. The
// server's field errors (definition.questions[2].options[0].label.cs) sit
// next to their fields, with the error summary on top. The preview shows
// the questions as respondents see them (the public pages' own controls),
// normal or easy read. Publishing and closing ask to confirm first.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError } from '../../lib/api';
import { formatDate, formatNumber } from '../../lib/i18n';
import { announce, afterRender, focusId, navigate, update, type Page } from '../../lib/router';
import { checkbox, errorSummary, fieldError, message, radioGroup, selectField, textField, type ErrorItem } from '../../lib/ui';
import { questionView, type Ctx } from '../../public/pages/surveys/controls';
import type { Draft, DraftValue } from '../../public/surveys/logic';
import { t } from '../i18n';
import { btn, groupsOf, guarded, problemText } from '../kit';
import { closeSurvey, createSurvey, getSurvey, publish, saveDraft, type Definition, type Question, type QuestionType, type SurveyDetail, type Text, type Wave } from './api';
import { tt } from './list';
import { tx } from './messages';

export const QUESTION_TYPES: readonly QuestionType[] = [
  'single_choice',
  'multiple_choice',
  'likert',
  'likert_matrix',
  'nps',
  'number',
  'short_text',
  'long_text',
  'yes_no',
];

const LIKERT_CS = ['Rozhodně nesouhlasím', 'Spíše nesouhlasím', 'Ani souhlas, ani nesouhlas', 'Spíše souhlasím', 'Rozhodně souhlasím'];
const LIKERT_EN = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];

/** The DOM id of a definition path: questions[2].options[0].label.cs → f-questions-2-options-0-label-cs. */
export function fid(p: string): string {
  return 'f-' + p.replace(/[[\].]+/g, '-').replace(/-$/, '');
}

/** The path one level up: questions[2].options[0] → questions[2].options → questions[2] → questions. */
function parent(p: string): string {
  if (p.endsWith(']')) return p.slice(0, p.lastIndexOf('['));
  const i = p.lastIndexOf('.');
  return i < 0 ? '' : p.slice(0, i);
}

function emptyDefinition(): Definition {
  return { kind: 'awareness', title: { cs: '' }, intro: { cs: '' }, waves: [defaultWave()], questions: [] } as Definition;
}

function defaultWave(): Wave {
  const y = new Date().getFullYear();
  return { code: 'baseline', name: { cs: 'Výchozí měření', en: 'Baseline' }, from: `${y}-01-01`, to: `${y}-12-31` };
}

/** A fresh question of a type, with a free variable name and the parts its type needs. */
function newQuestion(type: QuestionType, qs: readonly Question[]): Question {
  const used = new Set(qs.flatMap((q) => [q.var, ...(q.items ?? []).map((i) => i.var)]));
  let n = qs.length + 1;
  while (used.has(`q${n}`)) n++;
  const v = `q${n}`;
  const q: Question = { var: v, type, text: { cs: '' } } as Question;
  const m = tx().builder;
  if (type === 'single_choice' || type === 'multiple_choice')
    q.options = [1, 2].map((c) => ({ code: c, label: { cs: m.defaultOption(c) } }));
  if (type === 'likert' || type === 'likert_matrix') q.scale = LIKERT_CS.map((cs, i) => ({ label: { cs, en: LIKERT_EN[i] } }));
  if (type === 'likert_matrix') q.items = [1, 2].map((k) => ({ var: `${v}_${k}`, text: { cs: m.defaultItem(k) } }));
  if (type === 'number') {
    q.min = 0;
    q.max = 100;
    q.integer = true;
  }
  return q;
}

/** A definition as the API wants it: empty optional texts and fields left out. */
function clean(d: Definition): Definition {
  const text = (t: Text | undefined): Text | undefined => {
    if (!t) return undefined;
    if (!t.cs && !t.en) return undefined;
    return t.en ? { cs: t.cs, en: t.en } : { cs: t.cs };
  };
  const req = (t: Text): Text => text(t) ?? { cs: '' };
  const out: Definition = { kind: d.kind, title: req(d.title), intro: req(d.intro), questions: [] } as unknown as Definition;
  if (d.kind === 'evaluation') {
    if (d.audience) out.audience = d.audience;
  } else out.waves = (d.waves ?? []).map((w) => ({ ...w, name: req(w.name) }));
  const ei = text(d.easyIntro);
  if (ei) out.easyIntro = ei;
  out.questions = d.questions.map((q) => {
    const c: Question = { var: q.var, type: q.type, text: req(q.text) } as Question;
    const help = text(q.help);
    if (help) c.help = help;
    const er = text(q.easyRead);
    if (er) c.easyRead = er;
    if (q.required) c.required = true;
    if (q.showIf) c.showIf = q.showIf;
    if (q.options) c.options = q.options.map((o) => ({ code: o.code, label: req(o.label), ...(text(o.easyRead) ? { easyRead: text(o.easyRead) } : {}) }));
    if (q.type === 'multiple_choice') {
      if (q.minChoices) c.minChoices = q.minChoices;
      if (q.maxChoices) c.maxChoices = q.maxChoices;
    }
    if (q.scale) c.scale = q.scale.map((s) => ({ label: req(s.label), ...(text(s.easyRead) ? { easyRead: text(s.easyRead) } : {}) }));
    if (q.items) c.items = q.items.map((i) => ({ var: i.var, text: req(i.text), ...(text(i.easyRead) ? { easyRead: text(i.easyRead) } : {}) }));
    if (q.type === 'number') {
      c.min = q.min;
      c.max = q.max;
      if (q.integer) c.integer = true;
    }
    return c;
  });
  return out;
}

type Confirm = 'publish' | 'close' | undefined;

/** A survey just created, handed to the page its new address shows (with the result to announce). */
const handoff = new Map<string, { detail: SurveyDetail; ok: TemplateResult }>();

export function surveyBuilderPage(id: string): Page {
  let surveyId = id;
  let detail: SurveyDetail | undefined;
  let def: Definition = emptyDefinition();
  let slug = '';
  const given = handoff.get(id);
  handoff.delete(id);
  let loading = !!id && !given;
  let loadError: unknown;
  let errors = new Map<string, string>(); // path → message
  let general: string | undefined; // a problem without fields (role=alert)
  let ok: TemplateResult | undefined; // the result of the last write (role=status)
  let dirty = false;
  let busy = false;
  let preview: 'off' | 'normal' | 'easy' = 'off';
  let confirm: Confirm;
  const raw = new Map<string, string>(); // number fields as typed
  let answers: Draft = {}; // the preview's answers (never sent)
  let registered = new Set<string>(); // the paths with a place for their errors, this render

  const m = () => tx().builder;
  const closed = () => detail?.survey.status === 'closed';

  function changed() {
    dirty = true;
    ok = undefined;
  }

  /** The path an error shows at: itself or its nearest ancestor with a place ('' for none). */
  function placeOf(p: string): string {
    let q = p;
    while (q && !registered.has(q)) q = parent(q);
    return q;
  }

  /** The errors shown at a place (a field, or a group for its unplaced descendants). */
  function errAt(p: string): string | undefined {
    registered.add(p);
    const out: string[] = [];
    for (const [k, v] of errors) if (placeOf(k) === p || k === p) out.push(v);
    return out.length ? [...new Set(out)].join(' ') : undefined;
  }

  // ---- fields ---------------------------------------------------------------------

  function line(p: string, label: string, value: string, set: (v: string) => void, o: { optional?: boolean; multiline?: boolean; hint?: string; width?: 's' | 'm' | 'l' } = {}) {
    return textField({
      id: fid(p),
      label,
      value,
      hint: o.hint,
      optional: o.optional,
      multiline: o.multiline,
      width: o.width,
      error: errAt(p),
      onInput: (v) => {
        set(v);
        changed();
      },
    });
  }

  /** A Text in both languages: Czech required unless the whole Text is optional, English optional. */
  function pair(p: string, labels: [string, string], get: () => Text | undefined, set: (t: Text | undefined) => void, o: { optional?: boolean; multiline?: boolean } = {}) {
    const cur = get();
    const put = (lang: 'cs' | 'en', v: string) => {
      const now = get();
      const next: Text = { cs: now?.cs ?? '', [lang]: v };
      if (lang === 'cs' && now?.en) next.en = now.en;
      set(o.optional && !next.cs && !next.en ? undefined : next);
    };
    return html`<div class="text-pair">
      ${line(`${p}.cs`, labels[0], cur?.cs ?? '', (v) => put('cs', v), { optional: o.optional, multiline: o.multiline })}
      ${line(`${p}.en`, labels[1], cur?.en ?? '', (v) => put('en', v), { optional: true, multiline: o.multiline })}
    </div>`;
  }

  function numberField(p: string, label: string, value: number | undefined, set: (n: number | undefined) => void, optional = false) {
    return textField({
      id: fid(p),
      label,
      value: raw.get(p) ?? (value === undefined ? '' : String(value)),
      optional,
      width: 's',
      inputmode: 'numeric',
      spellcheck: false,
      error: errAt(p),
      onInput: (v) => {
        raw.set(p, v);
        const s = v.trim().replace(',', '.');
        set(s === '' ? undefined : Number(s));
        changed();
      },
    });
  }

  /** Whether an error concerns a path under one of these. */
  function errUnder(...ps: string[]): boolean {
    for (const k of errors.keys()) if (ps.some((p) => k === p || k.startsWith(`${p}.`) || k.startsWith(`${p}[`))) return true;
    return false;
  }

  /** Fields shown on demand (the English and easy-read variants), open when one of them has an error. */
  function more(label: string, open: boolean, content: TemplateResult, id?: string) {
    return html`<details class="builder-more" ?open=${open}><summary id=${id ?? nothing}>${label}</summary>${content}</details>`;
  }

  /** A group's heading with a place for the group's own errors (focus target of the summary). */
  function groupErrors(p: string) {
    const e = errAt(p);
    return e ? html`<div id=${fid(p)} tabindex="-1">${fieldError(fid(p) + '-group', e)}</div>` : html`<span id=${fid(p)} tabindex="-1"></span>`;
  }

  // ---- the form's parts --------------------------------------------------------------

  function basics() {
    const b = m();
    const existing = !!detail;
    const kindField = existing
      ? html`<p>${b.kindFixed(tx().kinds[def.kind])}${def.kind === 'evaluation' && def.audience ? html`<br />${b.audienceFixed(tx().audiences[def.audience])}` : nothing}</p>`
      : html`${radioGroup({
          name: fid('kind'),
          legend: b.kind,
          hint: b.kindHint,
          options: (['awareness', 'evaluation'] as const).map((k) => ({ value: k, label: tx().kinds[k] })),
          value: def.kind,
          error: errAt('kind'),
          onChange: (k) => {
            def.kind = k;
            if (k === 'awareness') {
              delete def.audience;
              def.waves = def.waves?.length ? def.waves : [defaultWave()];
            } else def.waves = [];
            changed();
            update();
          },
        })}
        ${def.kind === 'evaluation'
          ? selectField({
              id: fid('audience'),
              label: b.audience,
              placeholder: b.choose,
              options: (['consultation', 'event'] as const).map((a) => ({ value: a, label: tx().audiences[a] })),
              value: def.audience ?? '',
              error: errAt('audience'),
              onChange: (a) => {
                if (a) def.audience = a;
                else delete def.audience;
                changed();
              },
            })
          : nothing}
        ${line('id', b.id, slug, (v) => (slug = v.trim()), { optional: true, hint: b.idHint, width: 'm' })}`;
    return html`<section class="builder-section" aria-labelledby="basics-title">
      <h2 id="basics-title">${b.basics}</h2>
      ${kindField}
      ${pair('title', [b.titleCs, b.titleEn], () => def.title, (t) => (def.title = t!))}
      ${pair('intro', [b.introCs, b.introEn], () => def.intro, (t) => (def.intro = t!), { multiline: true })}
      ${pair('easyIntro', [b.easyIntroCs, b.easyIntroEn], () => def.easyIntro, (t) => (t ? (def.easyIntro = t) : delete def.easyIntro), { optional: true, multiline: true })}
      ${def.kind === 'awareness' ? waves() : nothing}
    </section>`;
  }

  function waves() {
    const b = m();
    const ws = (def.waves ??= []);
    return html`<fieldset class="gov-form-control field fieldset builder-group">
      <legend class="gov-form-label legend"><span class="gov-form-label__label">${b.waves}</span></legend>
      <p class="field-hint">${b.wavesHint}</p>
      ${groupErrors('waves')}
      ${ws.map(
        (w, i) => html`<fieldset class="gov-form-control field fieldset builder-sub">
          <legend class="gov-form-label legend"><span class="gov-form-label__label">${b.wave(i + 1)}</span></legend>
          ${groupErrors(`waves[${i}]`)}
          ${line(`waves[${i}].code`, b.waveCode, w.code, (v) => (w.code = v), { hint: b.waveCodeHint, width: 'm' })}
          ${pair(`waves[${i}].name`, [b.waveNameCs, b.waveNameEn], () => w.name, (t) => (w.name = t!))}
          ${line(`waves[${i}].from`, b.waveFrom, w.from, (v) => (w.from = v), { width: 's' })}
          ${line(`waves[${i}].to`, b.waveTo, w.to, (v) => (w.to = v), { width: 's' })}
          ${ws.length > 1
            ? html`<p>${btn('secondary', b.removeWave(i + 1), () => {
                ws.splice(i, 1);
                changed();
                update();
                focusId(fid('waves-add'));
              }, `${fid(`waves[${i}]`)}-remove`)}</p>`
            : nothing}
        </fieldset>`,
      )}
      <p>${btn('secondary', b.addWave, () => {
        ws.push({ code: '', name: { cs: '' }, from: '', to: '' });
        changed();
        afterRender(() => focusId(fid(`waves[${ws.length - 1}].code`)));
        update();
      }, fid('waves-add'))}</p>
    </fieldset>`;
  }

  function optionsEditor(q: Question, p: string) {
    const b = m();
    const opts = (q.options ??= []);
    return html`<fieldset class="gov-form-control field fieldset builder-group">
      <legend class="gov-form-label legend"><span class="gov-form-label__label">${b.options}</span></legend>
      ${groupErrors(`${p}.options`)}
      ${opts.map((o, k) => {
        const po = `${p}.options[${k}]`;
        return html`<fieldset class="gov-form-control field fieldset builder-sub">
          <legend class="gov-form-label legend"><span class="gov-form-label__label">${b.option(k + 1)}</span></legend>
          ${groupErrors(po)}
          ${numberField(`${po}.code`, b.optionCode, o.code, (n) => (o.code = n as number))}
          ${line(`${po}.label.cs`, b.labelCs, o.label.cs, (v) => (o.label = { ...o.label, cs: v }))}
          ${more(b.moreLabel, errUnder(`${po}.label.en`, `${po}.easyRead`), html`
            ${line(`${po}.label.en`, b.labelEn, o.label.en ?? '', (v) => (o.label = { cs: o.label.cs, ...(v ? { en: v } : {}) }), { optional: true })}
            ${pair(`${po}.easyRead`, [b.easyLabelCs, b.easyLabelEn], () => o.easyRead, (t) => (t ? (o.easyRead = t) : delete o.easyRead), { optional: true })}`)}
          ${opts.length > 2
            ? html`<p>${btn('secondary', b.removeOption(k + 1), () => {
                opts.splice(k, 1);
                raw.clear();
                changed();
                update();
                focusId(`${fid(p)}-add-option`);
              })}</p>`
            : nothing}
        </fieldset>`;
      })}
      <p>${btn('secondary', b.addOption, () => {
        const code = Math.max(0, ...opts.map((o) => o.code)) + 1;
        opts.push({ code, label: { cs: b.defaultOption(code) } });
        changed();
        afterRender(() => focusId(fid(`${p}.options[${opts.length - 1}].label.cs`)));
        update();
      }, `${fid(p)}-add-option`)}</p>
      ${q.type === 'multiple_choice'
        ? html`${numberField(`${p}.minChoices`, b.minChoices, q.minChoices ?? 0, (n) => (q.minChoices = n))}
          ${numberField(`${p}.maxChoices`, b.maxChoices, q.maxChoices ?? 0, (n) => (q.maxChoices = n))}`
        : nothing}
    </fieldset>`;
  }

  function scaleEditor(q: Question, p: string) {
    const b = m();
    const sc = (q.scale ??= []);
    return html`<fieldset class="gov-form-control field fieldset builder-group">
      <legend class="gov-form-label legend"><span class="gov-form-label__label">${b.scale}</span></legend>
      <p class="field-hint">${b.scaleEasyHint}</p>
      ${groupErrors(`${p}.scale`)}
      <p>${sc.map((x) => tt(x.label)).join(' · ')}</p>
      ${more(b.editScale, errUnder(`${p}.scale`), html`${sc.map(
        (s, k) => html`<fieldset class="gov-form-control field fieldset builder-sub">
          <legend class="gov-form-label legend"><span class="gov-form-label__label">${b.scalePoint(k + 1)}</span></legend>
          ${pair(`${p}.scale[${k}].label`, [b.labelCs, b.labelEn], () => s.label, (t) => (s.label = t!))}
          ${pair(`${p}.scale[${k}].easyRead`, [b.easyLabelCs, b.easyLabelEn], () => s.easyRead, (t) => (t ? (s.easyRead = t) : delete s.easyRead), { optional: true })}
        </fieldset>`,
      )}`)}
    </fieldset>`;
  }

  function itemsEditor(q: Question, p: string) {
    const b = m();
    const items = (q.items ??= []);
    return html`<fieldset class="gov-form-control field fieldset builder-group">
      <legend class="gov-form-label legend"><span class="gov-form-label__label">${b.items}</span></legend>
      ${groupErrors(`${p}.items`)}
      ${items.map((it, k) => {
        const pi = `${p}.items[${k}]`;
        return html`<fieldset class="gov-form-control field fieldset builder-sub">
          <legend class="gov-form-label legend"><span class="gov-form-label__label">${b.item(k + 1)}</span></legend>
          ${groupErrors(pi)}
          ${line(`${pi}.var`, b.varName, it.var, (v) => (it.var = v.trim()), { hint: b.varHint, width: 'm' })}
          ${line(`${pi}.text.cs`, b.itemTextCs, it.text.cs, (v) => (it.text = { ...it.text, cs: v }))}
          ${more(b.moreLabel, errUnder(`${pi}.text.en`, `${pi}.easyRead`), html`
            ${line(`${pi}.text.en`, b.itemTextEn, it.text.en ?? '', (v) => (it.text = { cs: it.text.cs, ...(v ? { en: v } : {}) }), { optional: true })}
            ${pair(`${pi}.easyRead`, [b.easyLabelCs, b.easyLabelEn], () => it.easyRead, (t) => (t ? (it.easyRead = t) : delete it.easyRead), { optional: true })}`)}
          ${items.length > 2
            ? html`<p>${btn('secondary', b.removeItem(k + 1), () => {
                items.splice(k, 1);
                changed();
                update();
                focusId(`${fid(p)}-add-item`);
              })}</p>`
            : nothing}
        </fieldset>`;
      })}
      <p>${btn('secondary', b.addItem, () => {
        const k = items.length + 1;
        items.push({ var: `${q.var}_${k}`, text: { cs: b.defaultItem(k) } });
        changed();
        afterRender(() => focusId(fid(`${p}.items[${items.length - 1}].text.cs`)));
        update();
      }, `${fid(p)}-add-item`)}</p>
    </fieldset>`;
  }

  function move(i: number, by: -1 | 1) {
    const qs = def.questions;
    const j = i + by;
    if (j < 0 || j >= qs.length) return;
    [qs[i], qs[j]] = [qs[j]!, qs[i]!];
    raw.clear();
    errors = new Map(); // the paths no longer hold
    changed();
    // Keep the focus on the same button of the moved question (or the other one at an end).
    const to = by < 0 ? (j === 0 ? 'down' : 'up') : j === qs.length - 1 ? 'up' : 'down';
    afterRender(() => focusId(`${fid(`questions[${j}]`)}-${to}`));
    update();
    announce(m().moved(j + 1));
  }

  function questionEditor(q: Question, i: number, total: number) {
    const b = m();
    const p = `questions[${i}]`;
    const typeName = tx().types[q.type];
    return html`<section class="q-edit" aria-labelledby=${`${fid(p)}-title`} data-qtype=${q.type}>
      <h3 id=${`${fid(p)}-title`} tabindex="-1">${b.question(i + 1, typeName)}</h3>
      ${groupErrors(p)}
      ${q.showIf ? html`<p class="field-hint">${b.showIf(q.showIf.var, q.showIf.anyOf)}</p>` : nothing}
      ${line(`${p}.var`, b.varName, q.var, (v) => (q.var = v.trim()), { hint: b.varHint, width: 'm' })}
      ${pair(`${p}.text`, [b.textCs, b.textEn], () => q.text, (t) => (q.text = t!), { multiline: true })}
      ${more(b.moreQuestion, errUnder(`${p}.easyRead`, `${p}.help`), html`
        ${pair(`${p}.easyRead`, [b.easyCs, b.easyEn], () => q.easyRead, (t) => (t ? (q.easyRead = t) : delete q.easyRead), { optional: true, multiline: true })}
        ${pair(`${p}.help`, [b.helpCs, b.helpEn], () => q.help, (t) => (t ? (q.help = t) : delete q.help), { optional: true, multiline: true })}`, `${fid(p)}-more`)}
      ${checkbox({
        id: fid(`${p}.required`),
        label: b.required,
        checked: !!q.required,
        required: false,
        error: errAt(`${p}.required`),
        onChange: (c) => {
          q.required = c;
          changed();
          update();
        },
      })}
      ${q.type === 'single_choice' || q.type === 'multiple_choice' ? optionsEditor(q, p) : nothing}
      ${q.type === 'likert' || q.type === 'likert_matrix' ? scaleEditor(q, p) : nothing}
      ${q.type === 'likert_matrix' ? itemsEditor(q, p) : nothing}
      ${q.type === 'number'
        ? html`${numberField(`${p}.min`, b.min, q.min, (n) => (q.min = n))} ${numberField(`${p}.max`, b.max, q.max, (n) => (q.max = n))}
          ${checkbox({
            id: fid(`${p}.integer`),
            label: b.integer,
            checked: !!q.integer,
            required: false,
            error: errAt(`${p}.integer`),
            onChange: (c) => {
              q.integer = c;
              changed();
              update();
            },
          })}`
        : nothing}
      <p class="q-edit__actions">
        ${btn('secondary', b.moveUp(i + 1), () => move(i, -1), `${fid(p)}-up`, i === 0)}
        ${btn('secondary', b.moveDown(i + 1), () => move(i, 1), `${fid(p)}-down`, i === total - 1)}
        ${btn('danger', b.remove(i + 1), () => {
          def.questions.splice(i, 1);
          raw.clear();
          errors = new Map();
          changed();
          afterRender(() => focusId(def.questions.length ? `${fid(`questions[${Math.min(i, def.questions.length - 1)}]`)}-title` : 'add-question-title'));
          update();
          announce(b.removed(i + 1));
        }, `${fid(p)}-remove`)}
      </p>
    </section>`;
  }

  function questions() {
    const b = m();
    const qs = def.questions;
    return html`<section class="builder-section" aria-labelledby="questions-title">
      <h2 id="questions-title">${b.questions}</h2>
      ${groupErrors('questions')}
      ${qs.length === 0 ? html`<p>${b.noQuestions}</p>` : nothing}
      ${qs.map((q, i) => questionEditor(q, i, qs.length))}
      <div class="add-question" role="group" aria-labelledby="add-question-title" aria-describedby="add-question-hint">
        <h3 id="add-question-title" tabindex="-1">${b.addQuestion}</h3>
        <p class="field-hint" id="add-question-hint">${b.addQuestionHint}</p>
        <ul class="add-question__list">
          ${QUESTION_TYPES.map(
            (type) => html`<li>${btn('secondary', b.add(tx().types[type]), () => {
              def.questions.push(newQuestion(type, def.questions));
              changed();
              const n = def.questions.length;
              afterRender(() => focusId(fid(`questions[${n - 1}].text.cs`)));
              update();
              announce(b.added(n));
            }, `add-${type}`)}</li>`,
          )}
        </ul>
      </div>
    </section>`;
  }

  // ---- the preview ---------------------------------------------------------------------

  /** The switch between editing and the preview (the form stays in memory meanwhile). */
  function previewToggle() {
    const b = m();
    const on = preview !== 'off';
    return html`<p class="preview-switch">
      <button class="gov-button" data-type="outlined" data-color="primary" data-size="m" type="button" id="preview-toggle"
        aria-pressed=${on ? 'true' : 'false'}
        @click=${() => {
          preview = on ? 'off' : 'normal';
          update();
        }}>${b.preview}</button>
      <span class="field-hint">${on ? b.previewOnHint : b.previewOffHint}</span>
    </p>`;
  }

  function previewView() {
    const b = m();
    const easy = preview === 'easy';
    const qs = def.questions;
    const ctx = (n: number): Ctx => ({
      easy,
      value: (v) => answers[v],
      set: (v: string, val: DraftValue | undefined) => {
        if (val === undefined) delete answers[v];
        else answers[v] = val;
        update();
      },
      error: () => undefined,
      number: easy ? undefined : b.questionOf(n, qs.length),
    });
    return html`<section class="builder-section preview" aria-labelledby="preview-title" id="preview-body">
      <h2 id="preview-title" tabindex="-1">${b.preview}</h2>
      <p class="field-hint">${b.previewHint}</p>
      ${radioGroup({
        name: 'preview-mode',
        legend: b.previewMode,
        options: [
          { value: 'normal', label: b.previewNormal },
          { value: 'easy', label: b.previewEasy },
        ],
        value: easy ? 'easy' : 'normal',
        onChange: (v) => {
          preview = v as 'normal' | 'easy';
          update();
        },
      })}
      <div class="survey preview__survey" data-easy=${easy ? 'true' : 'false'} id="preview-survey">
        <h3 class="preview__title">${tt(def.title)}</h3>
        ${(easy && def.easyIntro ? tt(def.easyIntro) : tt(def.intro))
          .split('\n')
          .filter(Boolean)
          .map((l) => html`<p class="lead">${l}</p>`)}
        ${qs.length === 0
          ? html`<p>${b.previewEmpty}</p>`
          : qs.map((q, i) =>
              // Easy read asks a matrix one statement at a time, on the faces.
              easy && q.type === 'likert_matrix'
                ? (q.items ?? []).map((_, k) => html`<div class="preview__q">${questionView(q as never, ctx(i + 1), k)}</div>`)
                : html`<div class="preview__q">${questionView(q as never, ctx(i + 1))}</div>`,
            )}
      </div>
    </section>`;
  }

  // ---- publishing, closing, status ------------------------------------------------------------------

  function statusView() {
    if (!detail) return nothing;
    const b = m();
    const s = detail.survey;
    const latest = detail.latest;
    const canPublish = !latest.published && s.status !== 'closed';
    return html`<section class="builder-section" aria-labelledby="publish-title">
      <h2 id="publish-title">${b.publishTitle}</h2>
      <p>${b.status(tx().statuses[s.status], s.published)}</p>
      <h3>${b.versions}</h3>
      <ul class="versions">
        ${detail.versions.map((v) => html`<li>${b.versionLine(v.number, v.published, v.publishedAt ? formatDate(new Date(v.publishedAt)) : '')}</li>`)}
      </ul>
      ${s.published > 0 ? html`<p><a href=${`/staff/surveys/${s.id}/results`} id="results-link">${b.resultsLink}</a></p>` : nothing}
      ${s.kind === 'awareness' && s.published > 0 ? html`<p>${b.publicLink} <a href=${`/surveys/${s.id}`} id="public-link">${location.origin}/surveys/${s.id}</a></p>` : nothing}
      ${s.kind === 'evaluation' ? invitations() : nothing}
      ${s.status === 'closed'
        ? html`<p>${b.closedNote}</p>`
        : html`<p class="field-hint">${b.publishHint}</p>
            ${confirm === 'publish'
              ? html`<div class="confirm" role="group" aria-labelledby="confirm-text">
                  <p id="confirm-text" tabindex="-1">${b.publishConfirm(latest.number)}</p>
                  <p class="q-edit__actions">${btn('primary', b.confirm, () => void doPublish(), 'publish-yes', busy)} ${btn('secondary', b.cancel, () => cancelConfirm('publish-button'), 'publish-no')}</p>
                </div>`
              : confirm === 'close'
                ? html`<div class="confirm" role="group" aria-labelledby="confirm-text">
                    <p id="confirm-text" tabindex="-1">${b.closeConfirm}</p>
                    <p class="q-edit__actions">${btn('danger', b.closeYes, () => void doClose(), 'close-yes', busy)} ${btn('secondary', b.cancel, () => cancelConfirm('close-button'), 'close-no')}</p>
                  </div>`
                : html`<p class="q-edit__actions">
                    ${canPublish
                      ? btn('primary', b.publish(latest.number), () => {
                          if (dirty) {
                            general = b.publishSaveFirst;
                            afterRender(() => focusId('builder-alert'));
                            update();
                            return;
                          }
                          confirm = 'publish';
                          afterRender(() => focusId('confirm-text'));
                          update();
                        }, 'publish-button')
                      : nothing}
                    ${s.published > 0
                      ? btn('danger', b.close, () => {
                          confirm = 'close';
                          afterRender(() => focusId('confirm-text'));
                          update();
                        }, 'close-button')
                      : nothing}
                  </p>
                  ${!canPublish ? html`<p>${b.publishNothing}</p>` : nothing}`}`}
    </section>`;
  }

  function invitations() {
    const b = m();
    const c = detail!.survey.invitations;
    return html`<h3 id="invitations-title">${b.invitations}</h3>
      <p class="field-hint">${b.invitationsHint}</p>
      <dl class="figures invitations" aria-labelledby="invitations-title">
        ${(['sent', 'reminded', 'answered', 'optedOut'] as const).map(
          (k) => html`<div class="figures__item"><dt>${b[k]}</dt><dd id=${`inv-${k}`}>${formatNumber(c[k])}</dd></div>`,
        )}
      </dl>`;
  }

  function cancelConfirm(back: string) {
    confirm = undefined;
    afterRender(() => focusId(back));
    update();
  }

  // ---- the writes ----------------------------------------------------------------------------------

  function setDetail(d: SurveyDetail) {
    detail = d;
    surveyId = d.survey.id;
    def = structuredClone(d.latest.definition);
    def.questions ??= [];
    raw.clear();
    dirty = false;
  }

  async function load() {
    loading = true;
    loadError = undefined;
    update();
    try {
      setDetail(await getSurvey(surveyId));
    } catch (err) {
      loadError = err;
    }
    loading = false;
    update();
  }

  function showProblem(err: unknown) {
    errors = new Map();
    general = undefined;
    if (err instanceof ApiError && err.status === 400 && err.problem.errors?.length) {
      for (const e of err.problem.errors) {
        const p = e.field.replace(/^definition\./, '');
        if (!errors.has(p)) errors.set(p, e.message);
      }
      afterRender(() => focusId('error-summary'));
      update();
      return;
    }
    general = problemText(err);
    afterRender(() => focusId('builder-alert'));
    update();
  }

  /** Numbers typed that are not numbers: local errors, no request. */
  function localErrors(): boolean {
    errors = new Map();
    for (const [p, v] of raw) {
      const s = v.trim().replace(',', '.');
      if (s !== '' && !Number.isFinite(Number(s))) errors.set(p, m().notNumber);
    }
    return errors.size > 0;
  }

  async function save() {
    if (busy) return;
    general = undefined;
    ok = undefined;
    if (localErrors()) {
      afterRender(() => focusId('error-summary'));
      update();
      return;
    }
    busy = true;
    update();
    try {
      if (!detail) {
        const d = await createSurvey(clean(def), slug || undefined);
        busy = false;
        handoff.set(d.survey.id, { detail: d, ok: html`${m().created}` });
        navigate(`/staff/surveys/${d.survey.id}`, { replace: true });
        return;
      }
      setDetail(await saveDraft(surveyId, detail.survey.rev, clean(def)));
      errors = new Map();
      ok = html`${m().saved(detail!.latest.number)}`;
      busy = false;
      afterRender(() => focusId('builder-status'));
      update();
    } catch (err) {
      busy = false;
      if (err instanceof ApiError && err.status === 409) {
        await load();
        errors = new Map();
        general = m().changed;
        afterRender(() => focusId('builder-alert'));
        update();
        return;
      }
      showProblem(err);
    }
  }

  async function doPublish() {
    if (!detail || busy) return;
    busy = true;
    general = undefined;
    update();
    const v = detail.latest.number;
    try {
      await publish(surveyId, detail.survey.rev, v);
      setDetail(await getSurvey(surveyId));
      confirm = undefined;
      const s = detail.survey;
      ok = html`${m().published(v)}${s.kind === 'awareness' ? html` ${m().publicLink} <span class="public-url">${location.origin}/surveys/${s.id}</span>` : nothing}`;
      busy = false;
      afterRender(() => focusId('builder-status'));
      update();
    } catch (err) {
      busy = false;
      confirm = undefined;
      if (err instanceof ApiError && err.status === 409) {
        await load();
        general = m().changed;
        afterRender(() => focusId('builder-alert'));
        update();
        return;
      }
      showProblem(err);
    }
  }

  async function doClose() {
    if (!detail || busy) return;
    busy = true;
    general = undefined;
    update();
    try {
      await closeSurvey(surveyId, detail.survey.rev);
      setDetail(await getSurvey(surveyId));
      confirm = undefined;
      ok = html`${m().closed}`;
      busy = false;
      afterRender(() => focusId('builder-status'));
      update();
    } catch (err) {
      busy = false;
      confirm = undefined;
      if (err instanceof ApiError && err.status === 409) {
        await load();
        general = m().changed;
        afterRender(() => focusId('builder-alert'));
        update();
        return;
      }
      showProblem(err);
    }
  }

  // ---- the page ------------------------------------------------------------------------------------

  function form() {
    const b = m();
    return html`${basics()} ${questions()}
      <p class="builder-save">
        ${btn('primary', busy ? b.saving : detail ? b.save : b.create, () => void save(), 'save-draft', busy)}
        ${dirty ? html`<span class="field-hint">${b.unsaved}</span>` : nothing}
      </p>`;
  }

  function summary(): TemplateResult {
    const items: ErrorItem[] = [...errors].map(([p, msg]) => {
      const place = placeOf(p);
      return { target: place ? fid(place) : undefined, message: msg };
    });
    return errorSummary(items, m().errorsTitle);
  }

  const view = () => {
    const b = m();
    if (loading) return html`<h1 tabindex="-1">${tx().list.title}</h1><p role="status">${t().console.loading}</p>`;
    if (loadError) return html`<h1 tabindex="-1">${tx().list.title}</h1><p><a href="/staff/surveys">${b.back}</a></p>${message('error', html`<p>${problemText(loadError)}</p>`, { role: 'alert' })}`;
    const title = detail ? b.editTitle(tt(detail.survey.title)) : b.newTitle;
    // The form first (it registers where each path's errors show), then the summary.
    // Twice: the first pass learns every place, so that a group shows only the errors no field of its own shows.
    registered = new Set();
    if (!closed()) form();
    const edit = closed() ? nothing : form();
    const body = closed() ? nothing : preview !== 'off' ? previewView() : edit;
    const top = preview !== 'off' ? nothing : summary();
    return html`<h1 tabindex="-1">${title}</h1>
      <p><a href="/staff/surveys">${b.back}</a></p>
      <div id="builder-status" role="status" tabindex="-1">${ok ? message('success', html`<p>${ok}</p>`) : nothing}</div>
      <div id="builder-alert" role="alert" tabindex="-1">${general ? message('error', html`<p>${general}</p>`) : nothing}</div>
      ${top}
      ${statusView()} ${closed() ? nothing : previewToggle()} ${body}`;
  };

  return guarded(
    groupsOf(id ? '/staff/surveys/sv-sample' : '/staff/surveys/new'),
    () => (detail ? m().editTitle(tt(detail.survey.title)) : m().newTitle),
    view,
    () => {
      if (given) {
        setDetail(given.detail);
        ok = given.ok;
        afterRender(() => focusId('builder-status'));
        return;
      }
      if (surveyId) void load();
    },
  );
}
