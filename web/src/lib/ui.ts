// Shared pieces of markup: native, labelled HTML controls styled with the
// DS gov.cz CSS (the "html" variant of its components), an error summary
// in the GOV.UK pattern, and the DS icons inlined as SVG.
//
// Why native elements and not the DS web components: a <label for> must
// name an <input> in the same tree, aria-describedby must reach the hint
// and the error, and the error summary must focus the field itself. The
// DS components render their own inputs (and, for radios, set aria-checked
// on a native radio), which gets in the way of all three and costs a
// Stencil runtime; the same look comes from the DS styles on plain HTML.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ifDefined } from 'lit-html/directives/if-defined.js';
import { live } from 'lit-html/directives/live.js';
import { unsafeSVG } from 'lit-html/directives/unsafe-svg.js';
import { lang, setLang, shared, type Lang } from './i18n';
import { update } from './router';

import checkCircle from '@gov-design-system-ce/icons/lib/components/check-circle-fill.svg';
import checkLg from '@gov-design-system-ce/icons/lib/components/check-lg.svg';
import chevronLeft from '@gov-design-system-ce/icons/lib/components/chevron-left.svg';
import chevronRight from '@gov-design-system-ce/icons/lib/components/chevron-right.svg';
import download from '@gov-design-system-ce/icons/lib/components/download.svg';
import exclamation from '@gov-design-system-ce/icons/lib/components/exclamation-triangle-fill.svg';
import info from '@gov-design-system-ce/icons/lib/components/info-circle-fill.svg';

const ICONS = {
  'check-circle': checkCircle,
  check: checkLg,
  'chevron-left': chevronLeft,
  'chevron-right': chevronRight,
  download,
  exclamation,
  info,
};
export type IconName = keyof typeof ICONS;

/** A DS icon, decorative (hidden from assistive technology). */
export function icon(name: IconName, cls = ''): TemplateResult {
  return html`<span class="gov-icon icon ${cls}" aria-hidden="true">${unsafeSVG(ICONS[name])}</span>`;
}

/** A larger decorative DS pictogram (from icons/lib/complex), given as SVG text. */
export function pictogram(svg: string): TemplateResult {
  return html`<span class="pictogram" aria-hidden="true">${unsafeSVG(svg)}</span>`;
}

/**
 * The language switch: a button named in the other language ("English",
 * "Čeština"), with a hidden hint in that language too. The page re-renders
 * in place, so focus and everything typed stay.
 */
export function languageSwitch(): TemplateResult {
  const other: Lang = lang() === 'cs' ? 'en' : 'cs';
  const o = shared(other);
  return html`<button
    type="button"
    class="lang-switch"
    lang=${other}
    @click=${() => {
      setLang(other);
      update();
    }}
  >
    <span class="visually-hidden">${o.switchLangHint}: </span>${o.langName}
  </button>`;
}

/** The skip link, the first thing on every page. */
export function skipLink(): TemplateResult {
  return html`<a class="skip-link" href="#main">${shared().ui.skipLink}</a>`;
}

export interface ErrorItem {
  /** The id of the control to focus; none for an error that concerns no field. */
  target?: string;
  message: string;
}

/**
 * The error summary at the top of a form: a heading and a list of links,
 * each moving focus to its field. The caller moves focus to the summary
 * (id "error-summary") after rendering it.
 */
export function errorSummary(items: ErrorItem[], title = shared().ui.errorSummaryTitle, extra?: TemplateResult): TemplateResult {
  if (items.length === 0 && !extra) return html``;
  return html`<div class="error-summary" id="error-summary" tabindex="-1">
    <h2 class="error-summary__title" id="error-summary-title">${icon('exclamation')}${title}</h2>
    ${extra ?? nothing}
    ${items.length
      ? html`<ul class="error-summary__list">
          ${items.map((e) =>
            e.target
              ? html`<li><a href="#${e.target}" @click=${(ev: Event) => focusField(ev, e.target!)}>${e.message}</a></li>`
              : html`<li>${e.message}</li>`,
          )}
        </ul>`
      : nothing}
  </div>`;
}

/** Moves focus to a field (and shows its label) instead of following the #link. */
export function focusField(ev: Event, id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  ev.preventDefault();
  const label = document.querySelector<HTMLElement>(`label[for="${id}"]`);
  const legend = el.closest('fieldset')?.querySelector('legend');
  (legend ?? label ?? el).scrollIntoView({ block: 'start' });
  el.focus({ preventScroll: true });
}

/** The error line under a field, read with the field (aria-describedby). */
export function fieldError(id: string, message: string | undefined): TemplateResult {
  if (!message) return html``;
  return html`<p class="gov-form-message field-error" data-color="error" data-size="m" id="${id}-error">
    ${icon('exclamation')}<span><span class="visually-hidden">${shared().ui.errorPrefix} </span>${message}</span>
  </p>`;
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const s = ids.filter(Boolean).join(' ');
  return s || undefined;
}

export interface TextFieldOpts {
  id: string;
  label: string;
  value: string;
  hint?: string;
  error?: string;
  optional?: boolean;
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'email' | 'tel';
  spellcheck?: boolean;
  maxlength?: number;
  width?: 's' | 'm' | 'l';
  multiline?: boolean;
  /** Extra content under the field, e.g. a live check result. */
  after?: TemplateResult;
  /** Extra ids for aria-describedby. */
  describedBy?: string;
  onInput: (value: string) => void;
  onBlur?: (value: string) => void;
}

/** A labelled text input (or textarea) with hint and error, DS gov-form-control markup. */
export function textField(o: TextFieldOpts): TemplateResult {
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  const errId = o.error ? `${o.id}-error` : undefined;
  const desc = describedBy(hintId, errId, o.describedBy);
  const input = o.multiline
    ? html`<textarea
        id=${o.id}
        name=${o.id}
        rows="5"
        .value=${live(o.value)}
        ?required=${!o.optional}
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${ifDefined(desc)}
        maxlength=${ifDefined(o.maxlength)}
        @input=${(e: Event) => o.onInput((e.target as HTMLTextAreaElement).value)}
      ></textarea>`
    : html`<input
        id=${o.id}
        name=${o.id}
        type=${o.type ?? 'text'}
        .value=${live(o.value)}
        ?required=${!o.optional}
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${ifDefined(desc)}
        autocomplete=${ifDefined(o.autocomplete)}
        inputmode=${ifDefined(o.inputmode)}
        spellcheck=${o.spellcheck === false ? 'false' : 'true'}
        maxlength=${ifDefined(o.maxlength)}
        @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)}
        @blur=${(e: Event) => o.onBlur?.((e.target as HTMLInputElement).value)}
      />`;
  return html`<div class="gov-form-control field" data-invalid=${o.error ? 'true' : 'false'}>
    <label class="gov-form-label" slot="top" for=${o.id}
      ><span class="gov-form-label__label">${o.label}${o.optional ? html` <span class="optional">${shared().ui.optional}</span>` : nothing}</span></label
    >
    ${o.hint ? html`<p class="field-hint" id=${hintId!}>${o.hint}</p>` : nothing} ${fieldError(o.id, o.error)}
    <div
      class="gov-form-input field-input field-input--${o.width ?? 'l'}"
      data-size="m"
      data-invalid=${o.error ? 'true' : 'false'}
      ?multiline=${o.multiline}
    >
      <span class="element">${input}</span>
    </div>
    ${o.after ?? nothing}
  </div>`;
}

export interface Option<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

export interface RadioGroupOpts<V extends string> {
  name: string;
  legend: string;
  /** Render the legend as the page's step heading (h2). */
  legendHeading?: boolean;
  hint?: string;
  options: readonly Option<V>[];
  value: V | undefined;
  error?: string;
  onChange: (value: V) => void;
}

/** The id of a radio group's first option: the target of its error link. */
export function radioId(name: string, value: string): string {
  return `${name}-${value}`;
}

/** A fieldset of native radio buttons (arrow keys move between them). */
export function radioGroup<V extends string>(o: RadioGroupOpts<V>): TemplateResult {
  const hintId = o.hint ? `${o.name}-hint` : undefined;
  const errId = o.error ? `${o.name}-error` : undefined;
  return html`<fieldset
    class="gov-form-control field fieldset"
    data-type="radio"
    data-invalid=${o.error ? 'true' : 'false'}
    aria-describedby=${ifDefined(describedBy(hintId, errId))}
  >
    <legend class="gov-form-label legend" legend="true">
      ${o.legendHeading ? html`<span class="legend-text">${o.legend}</span>` : html`<span class="gov-form-label__label">${o.legend}</span>`}
    </legend>
    ${o.hint ? html`<p class="field-hint" id=${hintId!}>${o.hint}</p>` : nothing} ${fieldError(o.name, o.error)}
    <div class="gov-form-radio-group options" data-gap="m">
      ${o.options.map((opt) => {
        const id = radioId(o.name, opt.value);
        const optHint = opt.hint ? `${id}-hint` : undefined;
        return html`<div class="gov-form-radio option" data-size="m" data-invalid=${o.error ? 'true' : 'false'}>
          <input
            type="radio"
            id=${id}
            name=${o.name}
            .value=${opt.value}
            .checked=${live(o.value === opt.value)}
            aria-describedby=${ifDefined(optHint)}
            @change=${() => o.onChange(opt.value)}
          />
          <span class="option__text">
            <label for=${id} class="option__label">${opt.label}</label>
            ${opt.hint ? html`<span class="option__hint" id=${optHint!}>${opt.hint}</span>` : nothing}
          </span>
        </div>`;
      })}
    </div>
  </fieldset>`;
}

export interface SelectOpts<V extends string> {
  id: string;
  label: string;
  hint?: string;
  placeholder?: string;
  options: readonly Option<V>[];
  value: V | '' | undefined;
  error?: string;
  optional?: boolean;
  onChange: (value: V | '') => void;
}

/** A labelled native <select>. */
export function selectField<V extends string>(o: SelectOpts<V>): TemplateResult {
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  const errId = o.error ? `${o.id}-error` : undefined;
  return html`<div class="gov-form-control field" data-invalid=${o.error ? 'true' : 'false'}>
    <label class="gov-form-label" slot="top" for=${o.id}><span class="gov-form-label__label">${o.label}</span></label>
    ${o.hint ? html`<p class="field-hint" id=${hintId!}>${o.hint}</p>` : nothing} ${fieldError(o.id, o.error)}
    <div class="gov-form-select field-input field-input--m" data-size="m" data-invalid=${o.error ? 'true' : 'false'}>
      <span class="element">
        <select
          id=${o.id}
          name=${o.id}
          ?required=${!o.optional}
          aria-invalid=${o.error ? 'true' : 'false'}
          aria-describedby=${ifDefined(describedBy(hintId, errId))}
          @change=${(e: Event) => o.onChange((e.target as HTMLSelectElement).value as V | '')}
        >
          ${o.placeholder ? html`<option value="" ?selected=${!o.value}>${o.placeholder}</option>` : nothing}
          ${o.options.map((opt) => html`<option value=${opt.value} ?selected=${o.value === opt.value}>${opt.label}</option>`)}
        </select>
      </span>
    </div>
  </div>`;
}

export interface CheckboxOpts {
  id: string;
  label: string | TemplateResult;
  checked: boolean;
  error?: string;
  /** A box that must be ticked (a consent); default true. */
  required?: boolean;
  /** A hint under the label. */
  hint?: string;
  onChange: (checked: boolean) => void;
}

/** One native checkbox with its label. */
export function checkbox(o: CheckboxOpts): TemplateResult {
  const errId = o.error ? `${o.id}-error` : undefined;
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  return html`<div class="gov-form-control field" data-type="checkbox" data-invalid=${o.error ? 'true' : 'false'}>
    ${fieldError(o.id, o.error)}
    <div class="gov-form-checkbox option" data-size="m" data-invalid=${o.error ? 'true' : 'false'}>
      <input
        type="checkbox"
        id=${o.id}
        name=${o.id}
        ?required=${o.required !== false}
        .checked=${live(o.checked)}
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy(hintId, errId))}
        @change=${(e: Event) => o.onChange((e.target as HTMLInputElement).checked)}
      />
      <span class="option__text"
        ><label for=${o.id} class="option__label">${o.label}</label>${o.hint
          ? html`<span class="option__hint" id=${hintId!}>${o.hint}</span>`
          : nothing}</span
      >
      ${icon('check', 'gov-form-checkbox__check')}
    </div>
  </div>`;
}

export type ButtonKind = 'primary' | 'secondary' | 'link' | 'danger';

/** DS button attributes for a kind: data-type and data-color. */
export function buttonAttrs(kind: ButtonKind): { type: string; color: string } {
  switch (kind) {
    case 'primary':
      return { type: 'solid', color: 'primary' };
    case 'secondary':
      return { type: 'outlined', color: 'primary' };
    case 'danger':
      return { type: 'solid', color: 'error' };
    case 'link':
      return { type: 'base', color: 'primary' };
  }
}

/** A status box (DS gov-message): success, info, warning or error. */
export function message(
  color: 'success' | 'primary' | 'warning' | 'error',
  body: TemplateResult | string,
  opts: { id?: string; focusable?: boolean; role?: 'status' | 'alert' } = {},
): TemplateResult {
  const ic: IconName = color === 'success' ? 'check-circle' : color === 'primary' ? 'info' : 'exclamation';
  return html`<div
    class="gov-message notice"
    data-color=${color}
    data-type="subtle"
    id=${ifDefined(opts.id)}
    tabindex=${ifDefined(opts.focusable ? '-1' : undefined)}
    role=${ifDefined(opts.role)}
  >
    ${icon(ic, 'notice__icon')}
    <div class="notice__body">${body}</div>
  </div>`;
}
