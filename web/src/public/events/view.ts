// Markup the events pages share: when an event is, its seats, its venue
// with the accessibility facts, a group of checkboxes, a definition list.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ifDefined } from 'lit-html/directives/if-defined.js';
import { live } from 'lit-html/directives/live.js';
import { fieldError, icon } from '../../lib/ui';
import { formatDate, formatLongDate, formatRange, formatTime, lang, plural, pragueDate } from '../i18n';
import { t } from './i18n';
import type { EventDetail, EventSummary, Session, Text, Venue } from './api';
import { availability, hoursOf, isCzechOnly, seatsOf, txt } from './logic';

/** A text of the event in the page's language; Czech-only text is marked lang="cs". */
export function ltext(v: Text | string | undefined): TemplateResult {
  const s = txt(v, lang());
  return isCzechOnly(v, lang()) ? html`<span lang="cs">${s}</span>` : html`${s}`;
}

/** "středa 2. 12. 2026, 9:00–15:00", or for several days "čtvrtek 3. 12. 2026 9:00 – pátek 4. 12. 2026 15:00". */
export function eventWhen(sessions: Session[]): string {
  if (sessions.length === 0) return '';
  const start = new Date(sessions[0]!.start);
  const end = new Date(sessions[sessions.length - 1]!.end);
  if (pragueDate(start) === pragueDate(end)) return formatRange(start, end);
  return `${formatLongDate(start)} ${formatTime(start)} – ${formatLongDate(end)} ${formatTime(end)}`;
}

export function hoursText(e: { hours?: number; sessions: Session[] }): string {
  return plural(e.hours ?? hoursOf(e.sessions), t().events.hours);
}

/** The seats line: "Volná 4 místa", "Obsazeno – …", with the per-seat counts of a hybrid event. */
export function seatsText(e: EventSummary): string {
  const m = t().events.seats;
  const a = availability(e);
  switch (a.state) {
    case 'cancelled':
      return m.cancelled;
    case 'closed':
      return m.closed;
    case 'not_yet':
      return m.notYet(formatDate(new Date(a.opens)));
    case 'waitlist':
      return m.waitlist;
    case 'open':
      if (e.mode === 'hybrid') return m.perSeat(plural(seatsOf(e, 'in_person'), m.left), plural(seatsOf(e, 'online'), m.left));
      return plural(a.left, m.left);
  }
}

/** The seats as a tag (colour by state) for the listing and the detail. */
export function seatsTag(e: EventSummary): TemplateResult {
  const a = availability(e);
  const state = a.state === 'open' ? (a.few ? 'few' : 'open') : a.state;
  return html`<span class="seats-tag" data-state=${state}>${seatsText(e)}</span>`;
}

export function placeText(e: EventSummary): string {
  const region = t().vocab.region[e.region] ?? e.region;
  if (e.mode === 'online') return t().events.mode.online;
  const v = (e as Partial<EventDetail>).venue;
  const venue = v?.name ? `${v.name}, ${v.address}` : e.venueName ? `${e.venueName} (${region})` : region;
  return e.mode === 'hybrid' ? `${venue} + ${t().events.mode.online.toLowerCase()}` : venue;
}

export type Row = [label: string, value: TemplateResult | string | undefined | false];

/** A definition list of the rows that have a value. */
export function facts(rows: Row[], cls = 'summary summary--plain'): TemplateResult {
  return html`<dl class=${cls}>
    ${rows.map(([label, value]) =>
      value ? html`<div class="summary__row"><dt>${label}</dt><dd class="summary__value">${value}</dd></div>` : nothing,
    )}
  </dl>`;
}

/** The venue with what people with disabilities need to know. */
export function venueFacts(v: Venue): TemplateResult {
  const d = t().events.detail;
  const yn = (b: boolean) => html`${b ? icon('check-circle', 'fact-yes') : nothing}${b ? d.yes : d.no}`;
  return facts([
    [t().events.field.place, html`${v.name}<br />${v.address}`],
    [d.stepFree, yn(v.stepFree)],
    [d.inductionLoop, yn(v.inductionLoop)],
    [d.parking, v.parking || d.noParking],
    [d.nearestStop, v.nearestStop],
  ]);
}

export interface CheckOption {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** A fieldset of optional checkboxes (multiple choice, needs). */
export function checkboxGroup(o: {
  name: string;
  legend: string | TemplateResult;
  hint?: string;
  error?: string;
  options: CheckOption[];
}): TemplateResult {
  const hintId = o.hint ? `${o.name}-hint` : undefined;
  const errId = o.error ? `${o.name}-error` : undefined;
  const desc = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return html`<fieldset
    class="gov-form-control field fieldset"
    data-type="checkbox"
    data-invalid=${o.error ? 'true' : 'false'}
    aria-describedby=${ifDefined(desc)}
  >
    <legend class="gov-form-label legend" legend="true"><span class="gov-form-label__label">${o.legend}</span></legend>
    ${o.hint ? html`<p class="field-hint" id=${hintId!}>${o.hint}</p>` : nothing} ${fieldError(o.name, o.error)}
    <div class="gov-form-checkbox-group options" data-gap="m">
      ${o.options.map(
        (opt) => html`<div class="gov-form-checkbox option" data-size="m" data-invalid=${o.error ? 'true' : 'false'}>
          <input
            type="checkbox"
            id=${opt.id}
            name=${o.name}
            .checked=${live(opt.checked)}
            @change=${(e: Event) => opt.onChange((e.target as HTMLInputElement).checked)}
          />
          <span class="option__text"><label for=${opt.id} class="option__label">${opt.label}</label></span>
          ${icon('check', 'gov-form-checkbox__check')}
        </div>`,
      )}
    </div>
  </fieldset>`;
}
