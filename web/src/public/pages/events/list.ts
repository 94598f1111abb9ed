// The events page: upcoming published events with seats left and whether
// the waiting list is open, filtered by kind, region, topic, month and
// mode. The filters are a plain form; "Zobrazit akce" puts them in the
// address (?kind=…, so a filtered list can be shared and Back works) and
// loads the list; the count is said through a status region.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError } from '../../../lib/api';
import { afterRender, focusId, navigate, onPopState, update, type Page } from '../../../lib/router';
import { message, selectField } from '../../../lib/ui';
import { REGIONS, TOPICS } from '../../../lib/vocab';
import { KINDS, listEvents, MODES, type EventQuery, type EventSummary } from '../../events/api';
import { filterCount, filtersToSearch, monthOptions, parseFilters } from '../../events/logic';
import { eventWhen, hoursText, ltext, placeText, seatsTag } from '../../events/view';
import { dateAtNoon, lang, plural, pragueDate } from '../../i18n';
import { t } from '../../events/i18n';

interface ListState {
  /** The filters as chosen in the form (applied by the button). */
  draft: EventQuery;
  /** The filters the shown list was loaded with. */
  applied: EventQuery;
  items: EventSummary[] | null;
  loading: boolean;
  error?: ApiError;
  seq: number;
}

const s: ListState = { draft: {}, applied: {}, items: null, loading: false, seq: 0 };

async function load(): Promise<void> {
  const seq = ++s.seq;
  s.loading = true;
  s.error = undefined;
  update();
  try {
    const res = await listEvents(s.applied);
    if (seq !== s.seq) return;
    s.items = res.items;
  } catch (e) {
    if (seq !== s.seq) return;
    s.error = e instanceof ApiError ? e : new ApiError(0, {});
    s.items = null;
  }
  s.loading = false;
  update();
}

function apply(ev: Event): void {
  ev.preventDefault();
  navigate(`/events${filtersToSearch(s.draft)}`);
  afterRender(() => focusId('events-results-title'));
}

function clear(): void {
  navigate('/events');
}

function monthLabel(ym: string): string {
  const d = dateAtNoon(`${ym}-15`);
  const f = new Intl.DateTimeFormat(lang() === 'cs' ? 'cs-CZ' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/Prague' });
  return f.format(d);
}

function filters(): TemplateResult {
  const m = t();
  const l = m.events.list;
  const d = s.draft;
  const set = <K extends keyof EventQuery>(k: K) => (v: string) => {
    if (v) d[k] = v as EventQuery[K];
    else delete d[k];
  };
  return html`<form class="filters" role="search" aria-labelledby="filters-title" novalidate @submit=${apply}>
    <h2 id="filters-title" class="filters__title">${l.filtersTitle}</h2>
    <div class="filters__fields">
      ${selectField({
        id: 'f-kind',
        label: l.kind,
        optional: true,
        options: [{ value: '', label: l.any }, ...KINDS.map((k) => ({ value: k, label: m.events.kind[k] }))],
        value: d.kind ?? '',
        onChange: set('kind'),
      })}
      ${selectField({
        id: 'f-region',
        label: l.region,
        optional: true,
        options: [{ value: '', label: l.anyRegion }, ...REGIONS.map((r) => ({ value: r, label: m.vocab.region[r] }))],
        value: d.region ?? '',
        onChange: set('region'),
      })}
      ${selectField({
        id: 'f-topic',
        label: l.topic,
        optional: true,
        options: [{ value: '', label: l.anyTopic }, ...TOPICS.map((x) => ({ value: x, label: m.vocab.topic[x] }))],
        value: d.topic ?? '',
        onChange: set('topic'),
      })}
      ${selectField({
        id: 'f-month',
        label: l.month,
        optional: true,
        options: [{ value: '', label: l.anyMonth }, ...monthOptions(pragueDate(new Date())).map((x) => ({ value: x, label: monthLabel(x) }))],
        value: d.month ?? '',
        onChange: set('month'),
      })}
      ${selectField({
        id: 'f-mode',
        label: l.mode,
        optional: true,
        options: [{ value: '', label: l.any }, ...MODES.map((x) => ({ value: x, label: m.events.mode[x] }))],
        value: d.mode ?? '',
        onChange: set('mode'),
      })}
    </div>
    <div class="form-actions">
      <button type="submit" class="gov-button" data-type="solid" data-color="primary">${l.apply}</button>
      ${filterCount(s.applied) ? html`<button type="button" class="gov-button" data-type="outlined" data-color="primary" @click=${clear}>${l.clear}</button>` : nothing}
    </div>
  </form>`;
}

function card(e: EventSummary): TemplateResult {
  const m = t();
  return html`<li class="event-card">
    <p class="event-card__kind">${m.events.kind[e.kind]}</p>
    <h3 class="event-card__title"><a href="/events/${encodeURIComponent(e.id)}">${ltext(e.title)}</a></h3>
    <dl class="event-card__facts">
      <div><dt>${m.events.field.when}</dt><dd>${eventWhen(e.sessions)} (${hoursText(e)})</dd></div>
      <div><dt>${m.events.field.mode}</dt><dd>${m.events.mode[e.mode]}</dd></div>
      <div><dt>${m.events.field.place}</dt><dd>${placeText(e)}</dd></div>
      <div><dt>${m.events.field.seats}</dt><dd>${seatsTag(e)}</dd></div>
    </dl>
  </li>`;
}

function results(): TemplateResult {
  const m = t();
  const l = m.events.list;
  const status = s.loading
    ? l.loading
    : s.error
      ? ''
      : s.items
        ? s.items.length
          ? plural(s.items.length, l.count)
          : filterCount(s.applied)
            ? l.none
            : l.noneAtAll
        : '';
  return html`<section class="events-results" aria-labelledby="events-results-title" aria-busy=${s.loading ? 'true' : 'false'}>
    <h2 id="events-results-title" tabindex="-1">${l.resultsTitle}</h2>
    <p class="events-results__status" role="status" id="events-status">${status}</p>
    ${s.error
      ? message(
          'error',
          html`<p>${s.error.network ? m.api.network : s.error.message || m.api.generic}</p>
            <p><button type="button" class="gov-button" data-type="outlined" data-color="primary" @click=${load}>${m.api.retry}</button></p>`,
        )
      : nothing}
    ${s.items?.length ? html`<ul class="event-cards">${s.items.map(card)}</ul>` : nothing}
  </section>`;
}

function view(): TemplateResult {
  const l = t().events.list;
  return html`<h1 tabindex="-1">${l.title}</h1>
    <p class="lead">${l.lead}</p>
    ${filters()} ${results()}`;
}

export function eventsPage(): Page {
  return {
    title: () => t().events.list.title,
    view,
    enter() {
      const fromAddress = (): void => {
        s.applied = parseFilters(location.search);
        s.draft = { ...s.applied };
        s.items = null;
        void load();
      };
      // Back and Forward between filters stay on this page: the address says which.
      onPopState(() => {
        fromAddress();
        return true;
      });
      fromAddress();
    },
  };
}
