// The survey questions' markup, every type of internal/surveys/model.go:
// a fieldset with its legend for every question (the legend names the
// question, its number and whether it is required), native radios and
// checkboxes styled with the DS gov.cz CSS, inline errors read with the
// group (aria-describedby), and the easy-read mode's 3-face Likert scale.
//
// A Likert matrix is a fieldset of fieldsets, one per item (legend: the
// item; radios: the scale), not a table of radio groups: a screen reader
// in forms mode then names each radio by its scale label and each group
// by its item without table navigation, the error of one item sits in
// its own group, and at 320 px the items reflow instead of scrolling a
// five-column table sideways.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ifDefined } from 'lit-html/directives/if-defined.js';
import { live } from 'lit-html/directives/live.js';
import { fieldError, icon } from '../../../lib/ui';
import { formatNumber, plural } from '../../i18n';
import type { Question, Text } from '../../surveys/api';
import { t } from '../../surveys/i18n';
import { EASY_FACES, FACE_OF, MAX_LONG_TEXT, MAX_SHORT_TEXT, NO, NPS_MAX, NPS_MIN, YES, easy, txt, type DraftValue, type Face } from '../../surveys/logic';
import { lang } from '../../i18n';

/** What a control needs from the page. */
export interface Ctx {
  easy: boolean;
  value: (v: string) => DraftValue | undefined;
  set: (v: string, val: DraftValue | undefined) => void;
  error: (v: string) => string | undefined;
  /** "Otázka 3 z 12": shown in the legend (normal mode), read before the heading (easy read). */
  number?: string;
  /** The easy-read mode: the legend is the screen's heading (h2, focused on a new screen). */
  heading?: boolean;
}

/** The id of a variable's control (a group: its first option's). */
export const fieldId = (v: string): string => `q-${v}`;
export const optionId = (v: string, code: number | string): string => `q-${v}-${code}`;

/** The text of a Text in the page's language; Czech-only text is marked lang="cs". */
export function ltext(v: Text | undefined): TemplateResult {
  const s = txt(v, lang());
  return lang() === 'en' && v && !v.en ? html`<span lang="cs">${s}</span>` : html`${s}`;
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

/**
 * A question's legend: its number, its text (easy-read when on) and the
 * required mark; in easy-read mode the screen's heading. `id` names it for
 * a text field inside (aria-labelledby).
 */
function legend(q: Question, c: Ctx, text?: TemplateResult, id?: string): TemplateResult {
  const m = t().surveys;
  const body = text ?? ltext(easy(q.text, q.easyRead, c.easy));
  const req = q.required && !c.easy ? html` <span class="q-required">${m.required}</span>` : nothing;
  if (c.heading)
    return html`<legend class="gov-form-label legend q-legend" legend="true" id=${ifDefined(id)}>
      <h2 class="q-heading" id="step-title" tabindex="-1">${stepPrefix(c.number)}<span class="q-heading__text">${body}</span></h2>
    </legend>`;
  return html`<legend class="gov-form-label legend q-legend" legend="true" id=${ifDefined(id)}>
    ${c.number ? html`<span class="q-number">${c.number}</span>` : nothing}
    <span class="gov-form-label__label q-text">${body}${req}</span>
  </legend>`;
}

/**
 * A screen reader hears where it is when the easy-read screen's heading
 * gets the focus ("Otázka 3 z 11: …"); the page shows it above.
 */
export function stepPrefix(n: string | undefined): TemplateResult | typeof nothing {
  return n ? html`<span class="visually-hidden">${n}: </span>` : nothing;
}

/** The hint under a legend: the question's help and what the type asks for. */
function hints(q: Question, c: Ctx, extra?: string): { id?: string; view: TemplateResult | typeof nothing } {
  const help = c.easy ? undefined : q.help;
  const easyNote = c.easy ? (q.required ? t().surveys.easy.required : t().surveys.easy.optional) : undefined;
  if (!help && !extra && !easyNote) return { view: nothing };
  const id = `${fieldId(q.var)}-hint`;
  return {
    id,
    view: html`<div class="field-hint q-hint" id=${id}>
      ${help ? html`<p>${ltext(help)}</p>` : nothing}${extra ? html`<p>${extra}</p>` : nothing}${easyNote ? html`<p>${easyNote}</p>` : nothing}
    </div>`,
  };
}

interface Choice {
  code: number;
  label: TemplateResult | string;
}

/** Native radios (one code) or checkboxes (codes) of one variable. */
function options(v: string, kind: 'radio' | 'checkbox', choices: Choice[], c: Ctx, required: boolean, cls = ''): TemplateResult {
  const err = c.error(v);
  const cur = c.value(v);
  const codes = Array.isArray(cur) ? cur : typeof cur === 'number' ? [cur] : [];
  const group = kind === 'radio' ? 'gov-form-radio-group' : 'gov-form-checkbox-group';
  const item = kind === 'radio' ? 'gov-form-radio' : 'gov-form-checkbox';
  return html`<div class="${group} options ${cls}" data-gap="m">
    ${choices.map((o) => {
      const id = optionId(v, o.code);
      const on = codes.includes(o.code);
      return html`<div class="${item} option" data-size="m" data-invalid=${err ? 'true' : 'false'}>
        <input
          type=${kind}
          id=${id}
          name=${fieldId(v)}
          .value=${String(o.code)}
          .checked=${live(on)}
          ?required=${required && kind === 'radio'}
          @change=${(e: Event) => {
            const checked = (e.target as HTMLInputElement).checked;
            if (kind === 'radio') c.set(v, o.code);
            else {
              const next = checked ? [...codes.filter((x) => x !== o.code), o.code] : codes.filter((x) => x !== o.code);
              c.set(v, next.length ? next : undefined);
            }
          }}
        />
        <span class="option__text"><label for=${id} class="option__label">${o.label}</label></span>
        ${kind === 'checkbox' ? icon('check', 'gov-form-checkbox__check') : nothing}
      </div>`;
    })}
  </div>`;
}

/** A fieldset for one variable: legend, hints, error, the controls. */
function group(q: Question, c: Ctx, v: string, body: TemplateResult, hint: ReturnType<typeof hints>, type: 'radio' | 'checkbox' | 'text', legendText?: TemplateResult): TemplateResult {
  const err = c.error(v);
  const errId = err ? `${fieldId(v)}-error` : undefined;
  return html`<fieldset
    class="gov-form-control field fieldset question"
    data-type=${type}
    data-qtype=${q.type}
    data-invalid=${err ? 'true' : 'false'}
    aria-describedby=${ifDefined(describedBy(hint.id, errId))}
    id=${`${fieldId(v)}-group`}
  >
    ${legend(q, c, legendText)} ${hint.view} ${fieldError(fieldId(v), err)} ${body}
  </fieldset>`;
}

function label(o: { label: Text; easyRead?: Text }, c: Ctx): TemplateResult {
  return ltext(easy(o.label, o.easyRead, c.easy));
}

/** The 5 scale labels, code 1 first (fallback: the numbers). */
function scaleChoices(q: Question, c: Ctx): Choice[] {
  const out: Choice[] = [];
  for (let code = 1; code <= 5; code++) {
    const s = q.scale?.[code - 1];
    out.push({ code, label: s ? label(s, c) : String(code) });
  }
  return out;
}

// ---- the easy-read faces ----------------------------------------------------

const MOUTH: Record<Face, string> = {
  sad: 'M15 35 Q24 27 33 35',
  neutral: 'M15 32 L33 32',
  happy: 'M15 29 Q24 38 33 29',
};

/** A face drawn in SVG; decoration (the label next to it names the answer). */
export function faceSvg(face: Face): TemplateResult {
  return html`<svg class="face__svg" viewBox="0 0 48 48" width="64" height="64" aria-hidden="true" focusable="false">
    <circle cx="24" cy="24" r="21" class="face__head" />
    <circle cx="17" cy="19" r="2.6" class="face__eye" />
    <circle cx="31" cy="19" r="2.6" class="face__eye" />
    <path d=${MOUTH[face]} class="face__mouth" />
  </svg>`;
}

/** The faces' labels: the scale's easy-read labels of codes 1, 3 and 5, else ours. */
function faceLabel(q: Question, code: number): TemplateResult | string {
  const s = q.scale?.[code - 1];
  if (s?.easyRead?.cs) return ltext(s.easyRead);
  return t().surveys.faces[FACE_OF[code as 1 | 3 | 5]];
}

/** The 3-face pictorial scale: a face, its text label, the radio under it. */
function faces(q: Question, v: string, c: Ctx): TemplateResult {
  const err = c.error(v);
  const cur = c.value(v);
  return html`<div class="faces">
    ${EASY_FACES.map((code) => {
      const id = optionId(v, code);
      const face = FACE_OF[code];
      return html`<div class="face" data-face=${face} data-invalid=${err ? 'true' : 'false'}>
        <input
          type="radio"
          id=${id}
          name=${fieldId(v)}
          .value=${String(code)}
          .checked=${live(cur === code)}
          ?required=${!!q.required}
          @change=${() => c.set(v, code)}
        />
        <label for=${id} class="face__label">${faceSvg(face)}<span class="face__text">${faceLabel(q, code)}</span></label>
      </div>`;
    })}
  </div>`;
}

// ---- the question types -------------------------------------------------------

/** One question (a matrix: all its items; in easy-read mode, one item: itemIndex). */
export function questionView(q: Question, c: Ctx, itemIndex?: number): TemplateResult {
  const m = t().surveys;
  const req = !!q.required;
  switch (q.type) {
    case 'single_choice':
      return group(q, c, q.var, options(q.var, 'radio', (q.options ?? []).map((o) => ({ code: o.code, label: label(o, c) })), c, req), hints(q, c), 'radio');
    case 'multiple_choice': {
      const min = q.minChoices ?? 0;
      const max = q.maxChoices ?? 0;
      const extra = min && max ? m.q.chooseRange(min, max) : min ? m.q.chooseAtLeast(min) : max ? m.q.chooseAtMost(max) : m.q.chooseAny;
      return group(
        q,
        c,
        q.var,
        options(q.var, 'checkbox', (q.options ?? []).map((o) => ({ code: o.code, label: label(o, c) })), c, req),
        hints(q, c, extra),
        'checkbox',
      );
    }
    case 'yes_no':
      return group(
        q,
        c,
        q.var,
        options(q.var, 'radio', [
          { code: YES, label: m.q.yes },
          { code: NO, label: m.q.no },
        ], c, req, c.easy ? 'options--big' : 'options--inline'),
        hints(q, c),
        'radio',
      );
    case 'likert':
      return group(q, c, q.var, c.easy ? faces(q, q.var, c) : options(q.var, 'radio', scaleChoices(q, c), c, req), hints(q, c), 'radio');
    case 'likert_matrix': {
      const items = q.items ?? [];
      if (c.easy && itemIndex !== undefined) {
        const it = items[itemIndex];
        if (!it) return html``;
        const lead = ltext(easy(q.text, q.easyRead, true));
        return html`<p class="q-lead">${lead}</p>
          ${group(q, c, it.var, faces(q, it.var, c), hints({ ...q, var: it.var }, c), 'radio', ltext(easy(it.text, it.easyRead, true)))}`;
      }
      const hint = hints(q, c);
      return html`<fieldset
        class="gov-form-control field fieldset question question--matrix"
        data-qtype="likert_matrix"
        aria-describedby=${ifDefined(hint.id)}
        id=${`${fieldId(q.var)}-group`}
      >
        ${legend(q, c)} ${hint.view}
        ${items.map((it) => {
          const err = c.error(it.var);
          const errId = err ? `${fieldId(it.var)}-error` : undefined;
          return html`<fieldset
            class="gov-form-control field fieldset matrix-item"
            data-type="radio"
            data-invalid=${err ? 'true' : 'false'}
            aria-describedby=${ifDefined(errId)}
            id=${`${fieldId(it.var)}-group`}
          >
            <legend class="gov-form-label legend matrix-item__legend" legend="true">
              <span class="gov-form-label__label">${ltext(easy(it.text, it.easyRead, c.easy))}</span>
            </legend>
            ${fieldError(fieldId(it.var), err)} ${options(it.var, 'radio', scaleChoices(q, c), c, req, 'options--scale')}
          </fieldset>`;
        })}
      </fieldset>`;
    }
    case 'nps': {
      const choices: Choice[] = [];
      for (let n = NPS_MIN; n <= NPS_MAX; n++) choices.push({ code: n, label: String(n) });
      return group(
        q,
        c,
        q.var,
        html`${options(q.var, 'radio', choices, c, req, 'options--nps')}
          <div class="nps-ends" aria-hidden="true"><span>0 = ${m.q.npsLow}</span><span>10 = ${m.q.npsHigh}</span></div>`,
        hints(q, c, m.q.npsHint),
        'radio',
      );
    }
    case 'number': {
      const fmt = (n: number) => formatNumber(n);
      const range =
        q.min !== undefined && q.max !== undefined
          ? m.q.numberRange(fmt(q.min), fmt(q.max))
          : q.min !== undefined
            ? m.q.numberMin(fmt(q.min))
            : q.max !== undefined
              ? m.q.numberMax(fmt(q.max))
              : '';
      const extra = [range, q.integer ? m.q.wholeNumber : ''].filter(Boolean).join(' ');
      const hint = hints(q, c, extra || undefined);
      return textInput(q, c, hint, false);
    }
    case 'short_text':
      return textInput(q, c, hints(q, c), false);
    case 'long_text':
      return textInput(q, c, hints(q, c), true);
  }
}

/** A number or text question: its fieldset, the field named by the legend, a counter under a long text. */
function textInput(q: Question, c: Ctx, hint: ReturnType<typeof hints>, multiline: boolean): TemplateResult {
  const m = t().surveys;
  const v = q.var;
  const id = fieldId(v);
  const err = c.error(v);
  const errId = err ? `${id}-error` : undefined;
  const legendId = `${id}-legend`;
  const raw = c.value(v);
  const value = typeof raw === 'string' ? raw : raw === undefined ? '' : String(raw);
  const counterId = multiline ? `${id}-counter` : undefined;
  const desc = describedBy(hint.id, errId, counterId);
  const onInput = (e: Event) => {
    const s = (e.target as HTMLInputElement | HTMLTextAreaElement).value;
    c.set(v, s === '' ? undefined : s);
  };
  const isNumber = q.type === 'number';
  const control = multiline
    ? html`<textarea
        id=${id}
        name=${id}
        rows="6"
        .value=${live(value)}
        ?required=${!!q.required}
        aria-labelledby=${legendId}
        aria-invalid=${err ? 'true' : 'false'}
        aria-describedby=${ifDefined(desc)}
        maxlength=${MAX_LONG_TEXT}
        @input=${onInput}
      ></textarea>`
    : html`<input
        id=${id}
        name=${id}
        type="text"
        .value=${live(value)}
        ?required=${!!q.required}
        aria-labelledby=${legendId}
        aria-invalid=${err ? 'true' : 'false'}
        aria-describedby=${ifDefined(desc)}
        inputmode=${ifDefined(isNumber ? (q.integer && (q.min ?? 0) >= 0 ? 'numeric' : 'decimal') : undefined)}
        autocomplete="off"
        spellcheck=${isNumber ? 'false' : 'true'}
        maxlength=${isNumber ? 32 : MAX_SHORT_TEXT}
        @input=${onInput}
      />`;
  const left = MAX_LONG_TEXT - value.length;
  return html`<fieldset
    class="gov-form-control field fieldset question"
    data-type="text"
    data-qtype=${q.type}
    data-invalid=${err ? 'true' : 'false'}
    id=${`${id}-group`}
  >
    ${legend(q, c, undefined, legendId)} ${hint.view} ${fieldError(id, err)}
    <div class="gov-form-input field-input field-input--${isNumber ? 's' : 'l'}" data-size="m" data-invalid=${err ? 'true' : 'false'} ?multiline=${multiline}>
      <span class="element">${control}</span>
    </div>
    ${multiline ? html`<p class="field-hint char-count" id=${counterId!}>${plural(left, m.q.counter)}</p>` : nothing}
  </fieldset>`;
}
