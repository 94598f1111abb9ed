// The expert's agenda: their consultations by day or by week, with what is
// needed to hold each (form, topic, organisation, contact), and marking a
// consultation held or no-show once it has started (the API decides; its
// reason is shown). The day and view are in the address (?view=week&date=…).
import { html, nothing, type TemplateResult } from 'lit-html';
import { addDays, dateAtNoon, formatLongDate, formatNumber, formatTime, formatWeek, lang, mondayOf, pragueDate } from '../../lib/i18n';
import { announce, update, type Page } from '../../lib/router';
import { message, radioGroup } from '../../lib/ui';
import { NAMES } from '../../lib/vocab';
import { btn, groupsOf, guarded, loadView, pageOf, pager, problemText, type Load } from '../kit';
import { getMe, listBookings, setOutcome, type Outcome, type StaffBooking } from './api';
import { tx } from './messages';

type View = 'day' | 'week';

interface Mark {
  state: 'busy' | 'ok' | 'error';
  status?: Outcome;
  err?: unknown;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function today(): string {
  return pragueDate(new Date());
}

/** Moves focus to an element once the page has re-rendered. */
export function focusLater(id: string): void {
  queueMicrotask(() => requestAnimationFrame(() => document.getElementById(id)?.focus()));
}

function names(): (typeof NAMES)['cs'] {
  return NAMES[lang()];
}

export function agendaPage(): Page {
  const q = new URLSearchParams(location.search);
  let view: View = q.get('view') === 'week' ? 'week' : 'day';
  let date = DATE_RE.test(q.get('date') ?? '') ? q.get('date')! : today();
  let l: Load<{ expertId: string; items: StaffBooking[] } | null> = { state: 'loading' };
  let pageNo = 0;
  const marks = new Map<string, Mark>();
  let seq = 0;

  const range = (): [string, string] => {
    if (view === 'day') return [date, date];
    const mon = mondayOf(date);
    return [mon, addDays(mon, 6)];
  };
  const periodText = (): string => {
    const [from, to] = range();
    return view === 'day' ? formatLongDate(dateAtNoon(from)) : tx().agenda.weekOf(formatWeek(dateAtNoon(from), dateAtNoon(to)));
  };
  const syncAddress = () => {
    const p = new URLSearchParams(location.search);
    p.set('view', view);
    p.set('date', date);
    history.replaceState(history.state, '', `${location.pathname}?${p.toString()}`);
  };

  const load = async (announceIt: boolean) => {
    const mine = ++seq;
    l = { state: 'loading' };
    pageNo = 0;
    marks.clear();
    update();
    try {
      const me = await getMe();
      if (!me.expertId) {
        if (mine === seq) l = { state: 'ok', data: null };
      } else {
        const [from, to] = range();
        const list = await listBookings(me.expertId, from, to);
        if (mine !== seq) return;
        l = { state: 'ok', data: { expertId: me.expertId, items: list.items } };
      }
    } catch (err) {
      if (mine !== seq) return;
      l = { state: 'error', err };
    }
    update();
    if (announceIt && l.state === 'ok' && l.data) announce(`${periodText()}. ${tx().agenda.count(formatNumber(l.data.items.length))}`);
  };

  const go = (to: { view?: View; date?: string }) => {
    if (to.view) view = to.view;
    if (to.date) date = to.date;
    syncAddress();
    void load(true);
  };
  const step = (dir: -1 | 1) => go({ date: addDays(view === 'day' ? date : mondayOf(date), dir * (view === 'day' ? 1 : 7)) });

  const mark = async (b: StaffBooking, status: Outcome) => {
    if (marks.get(b.id)?.state === 'busy') return;
    marks.set(b.id, { state: 'busy', status });
    update();
    try {
      const nb = await setOutcome(b.id, status);
      if (l.state === 'ok' && l.data) l.data.items = l.data.items.map((x) => (x.id === nb.id ? nb : x));
      marks.set(b.id, { state: 'ok', status });
      update();
    } catch (err) {
      marks.set(b.id, { state: 'error', status, err });
      update();
      focusLater(`mark-${b.id}-problem`);
    }
  };

  const who = (b: StaffBooking): string => b.organisation.name || b.contact.name || '';

  const item = (b: StaffBooking, level: 3 | 4): TemplateResult => {
    const m = tx().agenda;
    const n = names();
    const start = new Date(b.start);
    const time = `${formatTime(start)}–${formatTime(new Date(b.end))}`;
    const titleId = `b-${b.id}-title`;
    const title = html`${time}, ${n.topic[b.topic]}`;
    const erased = !b.contact.name && !b.contact.email;
    const mk = marks.get(b.id);
    const canMark = b.status !== 'cancelled' && pragueDate(start) <= today();
    const context = m.outcomeFor(time, who(b));
    return html`<li class="agenda-item" data-status=${b.status}>
      <article aria-labelledby=${titleId}>
        ${level === 3 ? html`<h3 id=${titleId} class="agenda-item__title">${title}</h3>` : html`<h4 id=${titleId} class="agenda-item__title">${title}</h4>`}
        <dl class="agenda-facts">
          <div><dt>${m.status}</dt><dd id=${`b-${b.id}-status`} class="agenda-status agenda-status--${b.status}">${m.statuses[b.status]}</dd></div>
          <div><dt>${m.form}</dt><dd>${n.form[b.form]}</dd></div>
          <div><dt>${m.organisation}</dt><dd>${b.organisation.name || m.noOrganisation}${b.organisation.ico ? html`, ${m.ico} ${b.organisation.ico}` : nothing}</dd></div>
          ${erased
            ? html`<div><dt>${m.contact}</dt><dd>${m.erased}</dd></div>`
            : html`<div><dt>${m.contact}</dt><dd>${b.contact.name}</dd></div>
                ${b.contact.email ? html`<div><dt>${m.email}</dt><dd><a href=${`mailto:${b.contact.email}`}>${b.contact.email}</a></dd></div>` : nothing}
                ${b.contact.phone ? html`<div><dt>${m.phone}</dt><dd><a href=${`tel:${b.contact.phone}`}>${b.contact.phone}</a></dd></div>` : nothing}`}
          ${b.address ? html`<div><dt>${m.address}</dt><dd>${b.address}</dd></div>` : nothing}
          ${b.note ? html`<div><dt>${m.note}</dt><dd class="agenda-note">${b.note}</dd></div>` : nothing}
        </dl>
        ${b.status === 'cancelled'
          ? nothing
          : canMark
            ? html`<div class="agenda-outcome" role="group" aria-labelledby=${`mark-${b.id}-legend`}>
                <p class="agenda-outcome__legend" id=${`mark-${b.id}-legend`}>${m.outcomeLegend}</p>
                <p class="agenda-outcome__buttons">
                  ${outcomeButton(`held-${b.id}`, m.markHeld, context, b.status === 'held', mk?.state === 'busy', () => void mark(b, 'held'))}
                  ${outcomeButton(`noshow-${b.id}`, m.markNoShow, context, b.status === 'no_show', mk?.state === 'busy', () => void mark(b, 'no_show'))}
                </p>
                <div role="status" id=${`mark-${b.id}-status`} class="agenda-outcome__status">
                  ${mk?.state === 'busy' ? html`<p>${m.saving}</p>` : nothing}
                  ${mk?.state === 'ok' && mk.status ? message('success', html`<p>${m.marked[mk.status]}</p>`) : nothing}
                </div>
                ${mk?.state === 'error'
                  ? html`<div id=${`mark-${b.id}-problem`} tabindex="-1">${message('error', html`<p>${problemText(mk.err)}</p>`, { role: 'alert' })}</div>`
                  : nothing}
              </div>`
            : html`<p class="field-hint">${m.outcomeLater}</p>`}
      </article>
    </li>`;
  };

  const listView = (items: StaffBooking[]): TemplateResult => {
    const m = tx().agenda;
    if (items.length === 0) return message('primary', html`<p id="agenda-empty">${view === 'day' ? m.emptyDay : m.emptyWeek}</p>`);
    const shown = pageOf(items, pageNo);
    const onPage = (p: number) => {
      pageNo = p;
      update();
      focusLater('agenda-period');
    };
    let body: TemplateResult;
    if (view === 'day') {
      body = html`<ul class="agenda-list" aria-label=${m.listLabel}>${shown.map((b) => item(b, 3))}</ul>`;
    } else {
      const days: string[] = [];
      for (const b of shown) {
        const d = pragueDate(new Date(b.start));
        if (!days.includes(d)) days.push(d);
      }
      body = html`${days.map(
        (d) => html`<section class="agenda-day" aria-labelledby=${`day-${d}`}>
          <h3 id=${`day-${d}`}>${formatLongDate(dateAtNoon(d))}</h3>
          <ul class="agenda-list">${shown.filter((b) => pragueDate(new Date(b.start)) === d).map((b) => item(b, 4))}</ul>
        </section>`,
      )}`;
    }
    return html`<p class="agenda-count">${m.count(formatNumber(items.length))}</p>${body}${pager('agenda', items.length, pageNo, onPage)}`;
  };

  return guarded(
    groupsOf('/staff/agenda'),
    () => tx().agenda.title,
    () => {
      const m = tx().agenda;
      const dayView = view === 'day';
      return html`<h1 tabindex="-1">${m.title}</h1>
        <p class="lead">${m.lead}</p>
        <div class="agenda-controls">
          ${radioGroup<View>({
            name: 'agenda-view',
            legend: m.viewLegend,
            options: [
              { value: 'day', label: m.day },
              { value: 'week', label: m.week },
            ],
            value: view,
            onChange: (v) => go({ view: v }),
          })}
          <nav class="agenda-nav" aria-label=${m.period}>
            ${btn('secondary', dayView ? m.previousDay : m.previousWeek, () => step(-1), 'agenda-previous')}
            ${btn('secondary', m.today, () => go({ date: today() }), 'agenda-today')}
            ${btn('secondary', dayView ? m.nextDay : m.nextWeek, () => step(1), 'agenda-next')}
          </nav>
        </div>
        <h2 id="agenda-period" tabindex="-1">${periodText()}</h2>
        ${loadView(l, (data) => (data ? listView(data.items) : message('warning', html`<p>${tx().noExpert}</p>`)))}`;
    },
    () => void load(false),
  );
}

/** A button recording an outcome; its name carries which consultation it is for. */
function outcomeButton(id: string, label: string, context: string, current: boolean, busy: boolean, onClick: () => void): TemplateResult {
  return html`<button class="gov-button" data-type=${current ? 'solid' : 'outlined'} data-color="primary" data-size="m" type="button" id=${id}
    aria-pressed=${current ? 'true' : 'false'} aria-disabled=${busy ? 'true' : 'false'} @click=${onClick}>${label}<span class="visually-hidden"> – ${context}</span></button>`;
}
