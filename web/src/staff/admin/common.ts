// Pieces the admin screens share: a fieldset of native checkboxes, moving
// the focus after a render, and the field errors of a 400.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ifDefined } from 'lit-html/directives/if-defined.js';
import { live } from 'lit-html/directives/live.js';
import { ApiError } from '../../lib/api';
import { fieldError, icon, type Option } from '../../lib/ui';

/** Focuses an element by id once the next render is on screen. */
export function focusSoon(id: string): void {
  queueMicrotask(() => requestAnimationFrame(() => document.getElementById(id)?.focus()));
}

/** The id of a checkbox group's option (the first one is its error's target). */
export function boxId(name: string, value: string): string {
  return `${name}-${value}`;
}

export interface CheckboxGroupOpts<V extends string> {
  name: string;
  legend: string;
  hint?: string;
  options: readonly Option<V>[];
  values: readonly V[];
  error?: string;
  onChange: (values: V[]) => void;
}

/** A fieldset of native checkboxes with its legend, hint and error. */
export function checkboxGroup<V extends string>(o: CheckboxGroupOpts<V>): TemplateResult {
  const hintId = o.hint ? `${o.name}-hint` : undefined;
  const errId = o.error ? `${o.name}-error` : undefined;
  const desc = [hintId, errId].filter(Boolean).join(' ') || undefined;
  const toggle = (v: V, on: boolean) => {
    const set = new Set(o.values);
    if (on) set.add(v);
    else set.delete(v);
    o.onChange(o.options.map((x) => x.value).filter((x) => set.has(x)));
  };
  return html`<fieldset class="gov-form-control field fieldset checkbox-group" data-invalid=${o.error ? 'true' : 'false'} aria-describedby=${ifDefined(desc)}>
    <legend class="gov-form-label legend"><span class="gov-form-label__label">${o.legend}</span></legend>
    ${o.hint ? html`<p class="field-hint" id=${hintId!}>${o.hint}</p>` : nothing} ${fieldError(o.name, o.error)}
    <div class="options checkbox-group__options">
      ${o.options.map((opt) => {
        const id = boxId(o.name, opt.value);
        return html`<div class="gov-form-checkbox option" data-size="m" data-invalid=${o.error ? 'true' : 'false'}>
          <input type="checkbox" id=${id} name=${o.name} .value=${opt.value} .checked=${live(o.values.includes(opt.value))}
            @change=${(e: Event) => toggle(opt.value, (e.target as HTMLInputElement).checked)} />
          <span class="option__text"><label for=${id} class="option__label">${opt.label}</label></span>
          ${icon('check', 'gov-form-checkbox__check')}
        </div>`;
      })}
    </div>
  </fieldset>`;
}

/**
 * The field errors of a failed request by our field keys: the API's field
 * name up to its first dot or bracket ("topics[0]" is topics), the first
 * error of each field.
 */
export function fieldErrors(err: unknown, known: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const e of err.problem.errors ?? []) {
    const k = e.field.split(/[.[]/)[0] ?? '';
    if (known.includes(k) && !out[k]) out[k] = e.message;
  }
  return out;
}

/** Today's Prague day, YYYY-MM-DD. */
export function pragueToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Prague', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A Prague day n days after day (YYYY-MM-DD). */
export function plusDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
