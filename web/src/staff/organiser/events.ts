// The organiser's events: the list (a period to choose, status, seats
// taken of the capacity) and one event's page (details, status changes,
// downloads, links to its registrations and check-in).
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError } from '../../lib/api';
import { formatNumber, lang, plural } from '../../lib/i18n';
import { afterRender, announce, focusId, update, type Page } from '../../lib/router';
import { errorSummary, message, textField } from '../../lib/ui';
import { NAMES } from '../../lib/vocab';
import { t } from '../i18n';
import { btn, groupsOf, guarded, loadView, problemText, type Load } from '../kit';
import { mayUse } from '../session';
import { download, getEvent, listEvents, transition, type Download, type StaffEvent, type Transition } from './api';
import { focusHeadingIfLost, parseDate, sessionText } from './dates';
import { takeFlash } from './form';
import { tx } from './messages';

export function titleOf(e: StaffEvent): string {
  return (lang() === 'en' && e.title.en) || e.title.cs;
}

function whenOf(e: StaffEvent): string {
  const s = e.sessions[0];
  const last = e.sessions[e.sessions.length - 1];
  if (!s || !last) return '';
  return sessionText(s.start, last.end);
}

/** "12 / 30" per seat kind the mode has, with the people waiting. */
function seatsOf(e: StaffEvent): string {
  const m = tx();
  const kinds: ('inPerson' | 'online')[] = e.mode === 'hybrid' ? ['inPerson', 'online'] : e.mode === 'online' ? ['online'] : ['inPerson'];
  return kinds
    .map((k) => {
      const c = e.seats[k];
      const label = e.mode === 'hybrid' ? ` ${k === 'inPerson' ? m.seat.in_person : m.seat.online}` : '';
      const waiting = c.waiting > 0 ? ` (${m.list.waiting(formatNumber(c.waiting))})` : '';
      return `${formatNumber(c.taken)} / ${formatNumber(e.capacity[k])}${label}${waiting}`;
    })
    .join('; ');
}

function statusTag(e: StaffEvent): TemplateResult {
  return html`<span class="event-status" data-status=${e.status}>${tx().status[e.status]}</span>`;
}

// --- The list ----------------------------------------------------------------

export function eventsPage(): Page {
  let l: Load<StaffEvent[]> = { state: 'loading' };
  let from = '';
  let to = '';
  const errs = new Map<string, string>();
  const load = async () => {
    l = { state: 'loading' };
    update();
    try {
      l = { state: 'ok', data: await listEvents(parseDate(from) ?? undefined, parseDate(to) ?? undefined) };
    } catch (err) {
      l = { state: 'error', err };
    }
    update();
  };
  const filter = (ev: Event) => {
    ev.preventDefault();
    errs.clear();
    const bad = tx().form.badDate;
    if (from.trim() && !parseDate(from)) errs.set('from', bad);
    if (to.trim() && !parseDate(to)) errs.set('to', bad);
    if (errs.size) {
      update();
      focusId('error-summary');
      return;
    }
    void load().then(() => focusId('events-result'));
  };
  return guarded(
    groupsOf('/staff/events'),
    () => tx().list.title,
    () => {
      const m = tx().list;
      return html`<h1 tabindex="-1">${m.title}</h1>
        <p class="lead">${mayUse(['admin']) ? m.leadAdmin : m.lead}</p>
        <p><a class="gov-button" data-type="solid" data-color="primary" data-size="m" href="/staff/events/new" id="create-event">${m.create}</a></p>
        ${errorSummary([...errs].map(([k, v]) => ({ target: `events-${k}`, message: `${k === 'from' ? m.from : m.to}: ${v}` })))}
        <form class="events-filter" novalidate @submit=${filter} aria-labelledby="events-filter-title">
          <h2 id="events-filter-title">${m.filter}</h2>
          <div class="event-form__row">
            ${textField({ id: 'events-from', label: m.from, hint: m.dateHint, value: from, optional: true, width: 's', spellcheck: false, error: errs.get('from'), onInput: (v) => (from = v) })}
            ${textField({ id: 'events-to', label: m.to, value: to, optional: true, width: 's', spellcheck: false, error: errs.get('to'), onInput: (v) => (to = v) })}
          </div>
          <p><button class="gov-button" data-type="outlined" data-color="primary" data-size="m" type="submit">${m.show}</button></p>
        </form>
        <div id="events-result" tabindex="-1">
          ${loadView(l, (items) =>
            items.length === 0
              ? message('primary', html`<p>${m.empty}</p>`, { role: 'status' })
              : html`<p role="status">${plural(items.length, m.count)}</p>
                  <div class="table-wrap" tabindex="0" role="region" aria-label=${m.title}>
                    <table class="gov-table data-table">
                      <caption class="visually-hidden">${m.title}</caption>
                      <thead><tr><th scope="col">${m.event}</th><th scope="col">${m.when}</th><th scope="col">${m.status}</th><th scope="col">${m.seats}</th></tr></thead>
                      <tbody>
                        ${items.map(
                          (e) => html`<tr>
                            <th scope="row"><a href=${`/staff/events/${e.id}`}>${titleOf(e)}</a><br /><span class="field-hint">${tx().kind[e.kind]}</span></th>
                            <td>${whenOf(e)}</td>
                            <td>${statusTag(e)}</td>
                            <td>${e.status === 'draft' ? formatNumber(e.capacity.inPerson + e.capacity.online) : seatsOf(e)}</td>
                          </tr>`,
                        )}
                      </tbody>
                    </table>
                  </div>`,
          )}
        </div>`;
    },
    () => {
      errs.clear();
      void load();
    },
  );
}

// --- One event ---------------------------------------------------------------

export function eventPage(id: string): Page {
  let l: Load<StaffEvent> = { state: 'loading' };
  let done = '';
  let failed: unknown;
  let busy = false;
  let confirming = false;
  const load = async () => {
    try {
      l = { state: 'ok', data: await getEvent(id) };
    } catch (err) {
      l = { state: 'error', err };
    }
    update();
  };
  const act = async (tr: Transition) => {
    if (busy) return;
    busy = true;
    failed = undefined;
    done = '';
    update();
    try {
      l = { state: 'ok', data: await transition(id, tr) };
      const m = tx().event;
      done = tr === 'publish' ? m.published : tr === 'cancel' ? m.cancelled : m.markedHeld;
      confirming = false;
      busy = false;
      update();
      focusId('event-done');
    } catch (err) {
      failed = err;
      busy = false;
      confirming = false;
      update();
      focusId('event-failed');
    }
  };
  const save = async (file: Download, label: string) => {
    try {
      await download(id, file);
      announce(tx().event.downloaded(label));
    } catch (err) {
      failed = err;
      update();
      focusId('event-failed');
    }
  };
  const failure = (): TemplateResult => {
    if (!failed) return html``;
    const e = failed;
    const fields = e instanceof ApiError ? (e.problem.errors ?? []) : [];
    return html`<div id="event-failed" tabindex="-1" role="alert">
      ${message('error', html`${e instanceof ApiError && e.problem.title ? html`<h2 class="notice__title">${e.problem.title}</h2>` : nothing}
        <p>${problemText(e)}</p>${fields.length ? html`<ul>${fields.map((x) => html`<li>${x.message}</li>`)}</ul>` : nothing}`)}
    </div>`;
  };

  const view = (e: StaffEvent): TemplateResult => {
    const m = tx().event;
    const names = NAMES[lang()];
    const v = e.venue;
    const access = v ? [v.stepFree && m.stepFree, v.inductionLoop && m.inductionLoop, v.parking && m.parking(v.parking), v.nearestStop && m.stop(v.nearestStop)].filter(Boolean) : [];
    const fmtWhen = (s?: string) => (s ? new Date(s).toLocaleString(lang() === 'cs' ? 'cs-CZ' : 'en-GB', { timeZone: 'Europe/Prague', dateStyle: 'medium', timeStyle: 'short' }) : m.now);
    return html`<h1 tabindex="-1">${titleOf(e)}</h1>
      <p class="event-head">${statusTag(e)} <span>${tx().kind[e.kind]}</span></p>
      ${done ? html`<div id="event-done" tabindex="-1" role="status">${message('success', html`<p>${done}</p>`)}</div>` : nothing}
      ${failure()}
      <h2>${m.details}</h2>
      <dl class="event-details">
        <div><dt>${m.status}</dt><dd>${tx().status[e.status]}</dd></div>
        <div><dt>${m.when}</dt><dd>${e.sessions.length === 1 ? sessionText(e.sessions[0]!.start, e.sessions[0]!.end) : html`<ul>${e.sessions.map((s) => html`<li>${sessionText(s.start, s.end)}</li>`)}</ul>`}</dd></div>
        <div><dt>${m.hours}</dt><dd>${m.hoursValue(formatNumber(e.hours))}</dd></div>
        <div><dt>${m.where}</dt><dd>${tx().mode[e.mode]}${v ? html`<br />${v.name}<br />${v.address}` : nothing}</dd></div>
        ${access.length ? html`<div><dt>${m.accessibility}</dt><dd>${access.join(', ')}</dd></div>` : nothing}
        ${e.onlineLink ? html`<div><dt>${m.online}</dt><dd class="event-details__link">${e.onlineLink}</dd></div>` : nothing}
        <div><dt>${m.capacity}</dt><dd>${seatsOf(e)}</dd></div>
        <div><dt>${m.registration}</dt><dd>${m.registrationWindow(fmtWhen(e.registrationOpens), fmtWhen(e.registrationCloses))}</dd></div>
        <div><dt>${m.region}</dt><dd>${names.region[e.region as keyof typeof names.region] ?? e.region}</dd></div>
        <div><dt>${m.topics}</dt><dd>${e.topics.map((x) => names.topic[x] ?? x).join(', ')}</dd></div>
        <div><dt>${m.targetGroups}</dt><dd>${e.targetGroups.map((x) => names.target_group[x] ?? x).join(', ')}</dd></div>
        <div><dt>${m.organiser}</dt><dd>${e.organiser}</dd></div>
      </dl>
      ${actions(e)}
      ${e.status !== 'draft'
        ? html`<h2>${m.people}</h2>
            <ul class="event-links">
              <li><a href=${`/staff/events/${e.id}/registrations`} id="to-registrations">${m.registrations}</a></li>
              ${e.status === 'published' || e.status === 'held' ? html`<li><a href=${`/staff/events/${e.id}/check-in`} id="to-check-in">${m.checkIn}</a></li>` : nothing}
            </ul>
            <h2>${m.downloads}</h2>
            <p class="field-hint">${m.downloadsHint}</p>
            <ul class="downloads">
              <li>${btn('secondary', m.csv, () => void save('export.csv', m.csv), 'download-csv')}</li>
              <li>${btn('secondary', m.xlsx, () => void save('export.xlsx', m.xlsx), 'download-xlsx')}</li>
              <li>${btn('secondary', m.sheet, () => void save('attendance-sheet.pdf', m.sheet), 'download-sheet')}</li>
            </ul>`
        : nothing}`;
  };

  const actions = (e: StaffEvent): TemplateResult => {
    const m = tx().event;
    if (e.status !== 'draft' && e.status !== 'published') return html``;
    return html`<h2>${m.actions}</h2>
      <ul class="event-actions">
        <li><a class="gov-button" data-type="outlined" data-color="primary" data-size="m" href=${`/staff/events/${e.id}/edit`} id="edit-event">${m.edit}</a></li>
        ${e.status === 'draft'
          ? html`<li>${btn('primary', m.publish, () => void act('publish'), 'publish')}<p class="field-hint">${m.publishHint}</p></li>`
          : html`<li>${btn('secondary', m.held, () => void act('held'), 'mark-held')}<p class="field-hint" id="held-hint">${m.heldHint}</p></li>
              <li>${btn('danger', m.cancel, () => {
                confirming = true;
                update();
                focusId('cancel-confirm');
              }, 'cancel-event')}<p class="field-hint">${m.cancelHint}</p></li>`}
      </ul>
      ${confirming
        ? html`<div id="cancel-confirm" tabindex="-1" role="group" aria-labelledby="cancel-confirm-text" class="event-confirm">
            ${message('warning', html`<p id="cancel-confirm-text">${m.cancelConfirm}</p>
              <p class="event-confirm__buttons">${btn('danger', m.cancelYes, () => void act('cancel'), 'cancel-yes')}
              ${btn('secondary', m.cancelNo, () => {
                confirming = false;
                update();
                focusId('cancel-event');
              }, 'cancel-no')}</p>`)}
          </div>`
        : nothing}`;
  };

  return guarded(
    groupsOf('/staff/events/ev-sample'),
    () => (l.state === 'ok' ? titleOf(l.data) : t().console.loading),
    () => loadView(l, view),
    () => {
      l = { state: 'loading' };
      failed = undefined;
      confirming = false;
      done = takeFlash();
      void load().then(() => {
        afterRender(() => (done ? focusId('event-done') : focusHeadingIfLost()));
        update();
      });
    },
  );
}
