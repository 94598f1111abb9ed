// The expert's availability as the API models it (AvailabilityInput):
// weekly hours with several intervals a day, time off, slot length,
// buffer, notice, horizon and daily cap. Before saving, a preview shows
// the free slots the form would give (POST …/availability/preview, which
// stores nothing). Field errors of a 400 stand next to their fields with
// an error summary; a 409 (changed meanwhile) offers to load again.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, type FieldError } from '../../lib/api';
import { dateAtNoon, formatDate, formatLongDate, formatNumber, formatTime, lang } from '../../lib/i18n';
import { update, type Page } from '../../lib/router';
import { errorSummary, fieldError, message, selectField, textField, type ErrorItem } from '../../lib/ui';
import { NAMES } from '../../lib/vocab';
import { btn, groupsOf, guarded, loadView, problemText, type Load } from '../kit';
import { getExpert, getMe, previewAvailability, setAvailability, type AvailabilityInput, type AvailabilityPreview, type StaffExpert } from './api';
import { focusLater } from './agenda';
import { tx } from './messages';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayKey = (typeof DAYS)[number];

interface Range {
  from: string;
  to: string;
}
interface Off {
  from: string;
  to: string;
  label: string;
}
interface Form {
  weekly: Record<DayKey, Range[]>;
  timeOff: Off[];
  slotMinutes: string;
  bufferMinutes: string;
  noticeHours: string;
  horizonDays: string;
  maxPerDay: string;
}
const NUMBERS = ['slotMinutes', 'bufferMinutes', 'noticeHours', 'horizonDays', 'maxPerDay'] as const;
type NumberKey = (typeof NUMBERS)[number];

// --- Prague dates and times for the time-off fields ----------------------------

const partsFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Prague',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant's Prague date and time: ["2026-12-21", "00:00"]. */
function pragueParts(d: Date): [string, string] {
  const p = partsFmt.formatToParts(d);
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return [`${get('year')}-${get('month')}-${get('day')}`, `${get('hour')}:${get('minute')}`];
}

/** "2026-12-21" as the person reads it: "21. 12. 2026". */
function showDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}. ${m}. ${y}`;
}

function minusDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! - 1)).toISOString().slice(0, 10);
}

/** A stored time off (UTC instants) as the form shows it: whole days as dates (the last one included), else dates with times. */
export function offToForm(from: string, to: string): [string, string] {
  const [fd, ft] = pragueParts(new Date(from));
  const [td, tt] = pragueParts(new Date(to));
  if (ft === '00:00' && tt === '00:00') return [showDate(fd), showDate(minusDay(td))];
  return [`${showDate(fd)} ${ft}`, `${showDate(td)} ${tt}`];
}

const pad = (n: string) => n.padStart(2, '0');

/** What the person typed as the API reads it: "21. 12. 2026" → "2026-12-21", "9. 12. 2026 12:00" → "2026-12-09T12:00"; anything else as typed (the API explains). */
export function offToApi(s: string): string {
  const v = s.trim();
  let m = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})(?:[\sT,]+(\d{1,2}):(\d{2}))?$/.exec(v);
  if (m) return `${m[3]}-${pad(m[2]!)}-${pad(m[1]!)}${m[4] ? `T${pad(m[4])}:${m[5]}` : ''}`;
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[\sT](\d{1,2}):(\d{2}))?$/.exec(v);
  if (m) return `${m[1]}-${m[2]}-${m[3]}${m[4] ? `T${pad(m[4])}:${m[5]}` : ''}`;
  return v;
}

/** "9:00" → "09:00"; anything else as typed. */
function clockToApi(s: string): string {
  const v = s.trim();
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(v);
  return m ? `${pad(m[1]!)}:${m[2]}` : v;
}

function toForm(e: StaffExpert): Form {
  const a = e.availability;
  const weekly = {} as Record<DayKey, Range[]>;
  for (const d of DAYS) weekly[d] = (a.weekly[d] ?? []).map((r) => ({ from: r.from, to: r.to }));
  return {
    weekly,
    timeOff: a.timeOff.map((o) => {
      const [from, to] = offToForm(o.from, o.to);
      return { from, to, label: o.label ?? '' };
    }),
    slotMinutes: String(a.slotMinutes),
    bufferMinutes: String(a.bufferMinutes),
    noticeHours: String(a.noticeHours),
    horizonDays: String(a.horizonDays),
    maxPerDay: String(a.maxPerDay),
  };
}

// --- Errors: the API's field names to the form's ids -----------------------------

/**
 * Where a field error of the API goes: the key it is shown under and the
 * control to focus. weekly.mon[0].from → mon-0-from; weekly.mon[0] (the
 * interval) → mon-0; weekly.mon (overlap) → mon; timeOff[1] → off-1.
 */
export function placeOf(field: string, f: Form): { key: string; target?: string } {
  let m = /^weekly\.(\w+)\[(\d+)\]\.(from|to)$/.exec(field);
  if (m) return { key: `${m[1]}-${m[2]}-${m[3]}`, target: `${m[1]}-${m[2]}-${m[3]}` };
  m = /^weekly\.(\w+)\[(\d+)\]$/.exec(field);
  if (m) return { key: `${m[1]}-${m[2]}`, target: `${m[1]}-${m[2]}-from` };
  m = /^weekly\.(\w+)$/.exec(field);
  if (m && (DAYS as readonly string[]).includes(m[1]!)) {
    const d = m[1] as DayKey;
    return { key: d, target: f.weekly[d].length ? `${d}-0-from` : `add-${d}` };
  }
  m = /^timeOff\[(\d+)\]\.(from|to|label)$/.exec(field);
  if (m) return { key: `off-${m[1]}-${m[2]}`, target: `off-${m[1]}-${m[2]}` };
  m = /^timeOff\[(\d+)\]$/.exec(field);
  if (m) return { key: `off-${m[1]}`, target: `off-${m[1]}-from` };
  if ((NUMBERS as readonly string[]).includes(field)) return { key: field, target: field };
  return { key: `other:${field}` };
}

// --- The page ---------------------------------------------------------------------

interface State {
  expert: StaffExpert;
  form: Form;
  errors: Record<string, string>;
  summary: ErrorItem[];
  problem?: unknown;
  conflict?: boolean;
  saved?: boolean;
  busy?: 'save' | 'preview';
  preview?: AvailabilityPreview;
  stale?: boolean;
}

export function availabilityPage(): Page {
  let l: Load<State | null> = { state: 'loading' };

  const load = async () => {
    l = { state: 'loading' };
    update();
    try {
      const me = await getMe();
      if (!me.expertId) {
        l = { state: 'ok', data: null };
      } else {
        const expert = await getExpert(me.expertId);
        l = { state: 'ok', data: { expert, form: toForm(expert), errors: {}, summary: [] } };
      }
    } catch (err) {
      l = { state: 'error', err };
    }
    update();
  };

  /** The form changed: the saved note goes, the preview is marked stale (re-rendered once, not on every key). */
  const changed = (s: State) => {
    const again = s.saved || (s.preview && !s.stale);
    s.saved = false;
    if (s.preview) s.stale = true;
    if (again) update();
  };

  /** The body for the API, or field errors found before asking it (numbers that are not whole numbers). */
  const body = (s: State): AvailabilityInput | undefined => {
    const f = s.form;
    const m = tx().availability;
    const nums = {} as Record<NumberKey, number>;
    for (const k of NUMBERS) {
      const v = f[k].trim();
      if (/^\d{1,4}$/.test(v)) nums[k] = Number(v);
      else {
        s.errors[k] = m.wholeNumber;
        s.summary.push({ target: k, message: `${m[k]}: ${m.wholeNumber}` });
      }
    }
    if (s.summary.length) return undefined;
    const weekly: NonNullable<AvailabilityInput['weekly']> = {};
    for (const d of DAYS) if (f.weekly[d].length) weekly[d] = f.weekly[d].map((r) => ({ from: clockToApi(r.from), to: clockToApi(r.to) }));
    return {
      weekly,
      timeOff: f.timeOff.map((o) => ({ from: offToApi(o.from), to: offToApi(o.to), ...(o.label.trim() ? { label: o.label.trim() } : {}) })),
      ...nums,
    };
  };

  const fail = (s: State, err: unknown) => {
    const fields: FieldError[] = err instanceof ApiError && err.status === 400 ? (err.problem.errors ?? []) : [];
    if (fields.length) {
      for (const e of fields) {
        const p = placeOf(e.field, s.form);
        if (!s.errors[p.key]) s.errors[p.key] = e.message;
        s.summary.push({ target: p.target, message: summaryText(e.field, e.message) });
      }
      update();
      focusLater('error-summary');
      return;
    }
    s.problem = err;
    s.conflict = err instanceof ApiError && err.status === 409;
    update();
    focusLater('avail-problem');
  };

  const run = async (kind: 'save' | 'preview') => {
    if (l.state !== 'ok' || !l.data || l.data.busy) return;
    const s = l.data;
    s.errors = {};
    s.summary = [];
    s.problem = undefined;
    s.conflict = false;
    s.saved = false;
    const input = body(s);
    if (!input) {
      update();
      focusLater('error-summary');
      return;
    }
    s.busy = kind;
    update();
    try {
      if (kind === 'preview') {
        s.preview = await previewAvailability(s.expert.id, input);
        s.stale = false;
        s.busy = undefined;
        update();
        focusLater('preview-title');
      } else {
        const e = await setAvailability(s.expert.id, input);
        s.expert = e;
        s.form = toForm(e);
        s.saved = true;
        s.busy = undefined;
        update();
      }
    } catch (err) {
      s.busy = undefined;
      fail(s, err);
    }
  };

  const summaryText = (field: string, msg: string): string => {
    const m = tx().availability;
    let x = /^weekly\.(\w+)(?:\[(\d+)\])?/.exec(field);
    if (x && (DAYS as readonly string[]).includes(x[1]!)) {
      const day = m.days[x[1] as DayKey];
      return `${x[2] !== undefined ? m.interval(day, Number(x[2]) + 1) : day}: ${msg}`;
    }
    x = /^timeOff\[(\d+)\]/.exec(field);
    if (x) return `${m.timeOffItem(Number(x[1]) + 1)}: ${msg}`;
    if ((NUMBERS as readonly string[]).includes(field)) return `${m[field as NumberKey]}: ${msg}`;
    return msg;
  };

  const dayView = (s: State, d: DayKey): TemplateResult => {
    const m = tx().availability;
    const f = s.form;
    const day = m.days[d];
    const ranges = f.weekly[d];
    return html`<fieldset class="avail-day" aria-describedby=${s.errors[d] ? `${d}-error` : nothing}>
      <legend class="avail-day__legend">${day}</legend>
      ${fieldError(d, s.errors[d])}
      ${ranges.length === 0 ? html`<p class="field-hint avail-day__none">${m.noHours}</p>` : nothing}
      <ul class="avail-intervals">
        ${ranges.map((r, i) => {
          const id = `${d}-${i}`;
          const name = m.interval(day, i + 1);
          return html`<li class="avail-interval"><div role="group" aria-label=${name}>
            ${fieldError(id, s.errors[id])}
            <div class="avail-interval__fields">
              ${(['from', 'to'] as const).map((end) =>
                textField({
                  id: `${id}-${end}`,
                  label: m[end],
                  value: r[end],
                  error: s.errors[`${id}-${end}`],
                  describedBy: s.errors[id] ? `${id}-error` : undefined,
                  inputmode: 'numeric',
                  width: 's',
                  maxlength: 5,
                  spellcheck: false,
                  onInput: (v) => {
                    r[end] = v;
                    changed(s);
                  },
                }),
              )}
              <p class="avail-interval__remove">
                <button class="gov-button" data-type="base" data-color="primary" data-size="m" type="button" id=${`remove-${id}`}
                  @click=${() => {
                    ranges.splice(i, 1);
                    changed(s);
                    update();
                    focusLater(`add-${d}`);
                  }}>${m.removeInterval}<span class="visually-hidden"> – ${name}</span></button>
              </p>
            </div>
          </div></li>`;
        })}
      </ul>
      ${btn(
        'secondary',
        m.addInterval(day),
        () => {
          ranges.push({ from: '', to: '' });
          changed(s);
          update();
          focusLater(`${d}-${ranges.length - 1}-from`);
        },
        `add-${d}`,
      )}
    </fieldset>`;
  };

  const timeOffView = (s: State): TemplateResult => {
    const m = tx().availability;
    const f = s.form;
    return html`<section class="avail-section" aria-labelledby="timeoff-title">
      <h2 id="timeoff-title">${m.timeOffTitle}</h2>
      <p class="field-hint" id="timeoff-hint">${m.timeOffHint}</p>
      ${f.timeOff.length === 0 ? html`<p>${m.noTimeOff}</p>` : nothing}
      <ul class="avail-timeoff">
        ${f.timeOff.map((o, i) => {
          const id = `off-${i}`;
          const name = m.timeOffItem(i + 1);
          const desc = [s.errors[id] ? `${id}-error` : '', 'timeoff-hint'].filter(Boolean).join(' ');
          return html`<li class="avail-off">
            <fieldset class="avail-off__fieldset">
              <legend class="avail-day__legend">${name}</legend>
              ${fieldError(id, s.errors[id])}
              <div class="avail-interval__fields">
                ${textField({ id: `${id}-from`, label: m.offFrom, value: o.from, error: s.errors[`${id}-from`], describedBy: desc, width: 'm', maxlength: 40, spellcheck: false, onInput: (v) => ((o.from = v), changed(s)) })}
                ${textField({ id: `${id}-to`, label: m.offTo, value: o.to, error: s.errors[`${id}-to`], describedBy: desc, width: 'm', maxlength: 40, spellcheck: false, onInput: (v) => ((o.to = v), changed(s)) })}
              </div>
              ${textField({ id: `${id}-label`, label: m.offLabel, value: o.label, optional: true, error: s.errors[`${id}-label`], width: 'l', maxlength: 200, onInput: (v) => ((o.label = v), changed(s)) })}
              <p>
                <button class="gov-button" data-type="base" data-color="primary" data-size="m" type="button" id=${`remove-${id}`}
                  @click=${() => {
                    f.timeOff.splice(i, 1);
                    changed(s);
                    update();
                    focusLater('add-timeoff');
                  }}>${m.removeTimeOff}<span class="visually-hidden"> – ${name}</span></button>
              </p>
            </fieldset>
          </li>`;
        })}
      </ul>
      ${btn(
        'secondary',
        m.addTimeOff,
        () => {
          f.timeOff.push({ from: '', to: '', label: '' });
          changed(s);
          update();
          focusLater(`off-${f.timeOff.length - 1}-from`);
        },
        'add-timeoff',
      )}
    </section>`;
  };

  const rulesView = (s: State): TemplateResult => {
    const m = tx().availability;
    const f = s.form;
    const steps = (from: number, to: number) => {
      const out: { value: string; label: string }[] = [];
      for (let n = from; n <= to; n += 15) out.push({ value: String(n), label: m.minutes(n) });
      return out;
    };
    const num = (k: 'noticeHours' | 'horizonDays' | 'maxPerDay', hint: string) =>
      textField({
        id: k,
        label: m[k],
        hint,
        value: f[k],
        error: s.errors[k],
        inputmode: 'numeric',
        width: 's',
        maxlength: 4,
        spellcheck: false,
        onInput: (v) => {
          f[k] = v;
          changed(s);
        },
      });
    return html`<section class="avail-section" aria-labelledby="rules-title">
      <h2 id="rules-title">${m.rulesTitle}</h2>
      ${selectField({ id: 'slotMinutes', label: m.slotMinutes, value: f.slotMinutes, options: steps(15, 180), error: s.errors.slotMinutes, onChange: (v) => ((f.slotMinutes = v), changed(s)) })}
      ${selectField({ id: 'bufferMinutes', label: m.bufferMinutes, value: f.bufferMinutes, options: steps(0, 120), error: s.errors.bufferMinutes, onChange: (v) => ((f.bufferMinutes = v), changed(s)) })}
      ${num('noticeHours', m.noticeHint)} ${num('horizonDays', m.horizonHint)} ${num('maxPerDay', m.maxPerDayHint)}
      <p class="field-hint">${m.forms(s.expert.forms.map((x) => NAMES[lang()].form[x]).join(', '))}</p>
    </section>`;
  };

  const previewView = (s: State): TemplateResult => {
    const p = s.preview;
    if (!p) return html``;
    const m = tx().availability;
    const total = p.days.reduce((n, d) => n + d.starts.length, 0);
    return html`<section class="avail-preview" aria-labelledby="preview-title">
      <h2 id="preview-title" tabindex="-1">${m.previewTitle}</h2>
      <p>${m.previewLead(formatDate(dateAtNoon(p.from)), formatDate(dateAtNoon(p.to)), p.minutes)}</p>
      ${s.stale ? message('warning', html`<p>${m.previewStale}</p>`) : nothing}
      <p id="preview-count">${m.previewCount(formatNumber(total))}</p>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="preview-title">
        <table class="gov-table data-table preview-table">
          <caption class="visually-hidden">${m.previewTitle}</caption>
          <thead><tr><th scope="col">${m.previewDay}</th><th scope="col">${m.previewSlots}</th></tr></thead>
          <tbody>
            ${p.days.map(
              (d) => html`<tr data-date=${d.date}>
                <th scope="row">${formatLongDate(dateAtNoon(d.date))}</th>
                <td>
                  ${d.starts.length
                    ? html`<ul class="preview-times">${d.starts.map((x) => html`<li>${formatTime(new Date(x))}</li>`)}</ul>`
                    : html`<span class="field-hint">${m.previewNone}</span>`}
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  };

  const formView = (s: State): TemplateResult => {
    const m = tx().availability;
    return html`${errorSummary(s.summary)}
      ${s.problem
        ? html`<div id="avail-problem" tabindex="-1">
            ${message(
              'error',
              html`<p>${problemText(s.problem)}</p>
                ${s.conflict ? html`<p>${m.changed}</p><p>${btn('secondary', m.reload, () => void load(), 'avail-reload')}</p>` : nothing}`,
              { role: 'alert' },
            )}
          </div>`
        : nothing}
      <form class="avail-form" novalidate @submit=${(e: Event) => (e.preventDefault(), void run('save'))}>
        <section class="avail-section" aria-labelledby="weekly-title">
          <h2 id="weekly-title">${m.weeklyTitle}</h2>
          <p class="field-hint">${m.weeklyHint}</p>
          ${DAYS.map((d) => dayView(s, d))}
        </section>
        ${timeOffView(s)} ${rulesView(s)}
        <p class="form-actions avail-actions">
          <button class="gov-button" data-type="outlined" data-color="primary" data-size="m" type="button" id="avail-preview"
            aria-disabled=${s.busy ? 'true' : 'false'} @click=${() => void run('preview')}>${m.preview}</button>
          <button class="gov-button" data-type="solid" data-color="primary" data-size="m" type="submit" id="avail-save"
            aria-disabled=${s.busy ? 'true' : 'false'}>${m.save}</button>
        </p>
        <div role="status" id="avail-status">
          ${s.busy ? html`<p>${s.busy === 'preview' ? m.previewing : tx().agenda.saving}</p>` : nothing}
          ${s.saved ? message('success', html`<p>${m.saved}</p>`) : nothing}
        </div>
      </form>
      ${previewView(s)}`;
  };

  return guarded(
    groupsOf('/staff/availability'),
    () => tx().availability.title,
    () => {
      const m = tx().availability;
      return html`<h1 tabindex="-1">${m.title}</h1>
        <p class="lead">${m.lead}</p>
        ${loadView(l, (s) => (s ? formView(s) : message('warning', html`<p>${tx().noExpert}</p>`)))}`;
    },
    () => void load(),
  );
}
