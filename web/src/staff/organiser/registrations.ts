// An event's registrations: a summary by status, a search by name and a
// status filter, the list paged (25 rows), and moving a person from the
// waiting list to a seat (409 event_full explained: raise the capacity
// first). Certificates of attendance: who gets one when the event is
// marked held (the attendees checked in), and that it went once it is.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError } from '../../lib/api';
import { formatNumber, lang, plural } from '../../lib/i18n';
import { afterRender, announce, focusId, update, type Page } from '../../lib/router';
import { message, selectField, textField } from '../../lib/ui';
import { t } from '../i18n';
import { groupsOf, guarded, loadView, pageOf, pager, problemText, type Load } from '../kit';
import { focusHeadingIfLost } from './dates';
import { downloadCertificate, getEvent, listRegistrations, promote, type Registration, type RegStatus, type StaffEvent } from './api';
import { titleOf } from './events';
import { tx } from './messages';

const STATUSES: readonly RegStatus[] = ['confirmed', 'offered', 'waitlisted', 'attended', 'no_show', 'cancelled', 'expired'];

/** Lower case without diacritics, for a search that forgives "Novakova". */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function registrationsPage(id: string): Page {
  let l: Load<{ event: StaffEvent; regs: Registration[] }> = { state: 'loading' };
  let search = '';
  let status: RegStatus | '' = '';
  let page = 0;
  let done = '';
  let failed: unknown;
  let busy = '';

  const load = async () => {
    try {
      const [event, regs] = await Promise.all([getEvent(id), listRegistrations(id)]);
      l = { state: 'ok', data: { event, regs } };
    } catch (err) {
      l = { state: 'error', err };
    }
    update();
  };

  const move = async (r: Registration) => {
    if (busy) return;
    busy = r.id;
    done = '';
    failed = undefined;
    update();
    try {
      await promote(id, r.id);
      await load();
      done = tx().regs.promoted(r.contact.name);
      busy = '';
      update();
      focusId('regs-done');
    } catch (err) {
      failed = err;
      busy = '';
      update();
      focusId('regs-failed');
    }
  };

  const shown = (regs: Registration[]): Registration[] => {
    const q = fold(search.trim());
    return regs.filter(
      (r) => (!status || r.status === status) && (!q || fold(r.contact.name).includes(q) || fold(r.contact.email ?? '').includes(q)),
    );
  };

  const cert = (e: StaffEvent, r: Registration): TemplateResult | string => {
    if (r.status !== 'attended' || r.erased) return '';
    const m = tx().regs;
    const state = e.status === 'held' ? m.certSent : m.certYes;
    if (e.status !== 'held' && e.status !== 'published') return state;
    return html`${state}<br /><button class="gov-button" data-type="base" data-color="primary" data-size="s" type="button" id=${`cert-${r.id}`}
        @click=${() => void certificate(r)}>${m.certDownload}<span class="visually-hidden">: ${r.contact.name}</span></button>`;
  };

  const certificate = async (r: Registration) => {
    done = '';
    failed = undefined;
    try {
      await downloadCertificate(id, r.id);
      announce(tx().regs.certDownloaded(r.contact.name));
    } catch (err) {
      failed = err;
      update();
      focusId('regs-failed');
    }
  };

  const row = (e: StaffEvent, r: Registration): TemplateResult => {
    const m = tx().regs;
    const n = r.needs;
    const needs = [n.wheelchair && m.needsList.wheelchair, n.signLanguage && m.needsList.signLanguage, n.inductionLoop && m.needsList.inductionLoop, n.easyRead && m.needsList.easyRead, n.assistant && m.needsList.assistant, n.other]
      .filter(Boolean)
      .join(', ');
    const movable = e.status === 'published' && (r.status === 'waitlisted' || r.status === 'offered');
    const until = r.offerExpires ? new Date(r.offerExpires).toLocaleString(lang() === 'cs' ? 'cs-CZ' : 'en-GB', { timeZone: 'Europe/Prague', dateStyle: 'short', timeStyle: 'short' }) : '';
    return html`<tr>
      <th scope="row">${r.erased ? html`<span class="field-hint">${m.erased}</span>` : r.contact.name}${r.walkIn ? html` <span class="field-hint">(${m.walkIn})</span>` : nothing}</th>
      <td>${r.contact.email ?? ''}${r.contact.phone ? html`<br />${r.contact.phone}` : nothing}</td>
      <td>${r.organisation ? html`${r.organisation.name}${r.organisation.ico ? html`<br />IČO ${r.organisation.ico}` : nothing}` : ''}</td>
      ${e.mode === 'hybrid' ? html`<td>${tx().seat[r.seat]}</td>` : nothing}
      <td>${tx().regStatus[r.status]}${r.status === 'waitlisted' && r.position ? html`<br /><span class="field-hint">${m.position(formatNumber(r.position))}</span>` : nothing}${until ? html`<br /><span class="field-hint">${m.offerUntil(until)}</span>` : nothing}</td>
      <td>${needs}</td>
      <td>${cert(e, r)}</td>
      <td>${movable
        ? html`<button class="gov-button" data-type="outlined" data-color="primary" data-size="s" type="button" id=${`promote-${r.id}`}
            aria-disabled=${busy === r.id ? 'true' : 'false'} @click=${() => void move(r)}>${m.promoteShort}<span class="visually-hidden">: ${r.contact.name}</span></button>`
        : nothing}</td>
    </tr>`;
  };

  const view = ({ event: e, regs }: { event: StaffEvent; regs: Registration[] }): TemplateResult => {
    const m = tx().regs;
    const list = shown(regs);
    const last = Math.max(0, Math.ceil(list.length / 25) - 1);
    if (page > last) page = last;
    const counts = STATUSES.map((s) => [s, regs.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
    const fe = failed instanceof ApiError ? failed : undefined;
    return html`<h1 tabindex="-1">${m.title(titleOf(e))}</h1>
      <p><a href=${`/staff/events/${e.id}`} id="regs-back">${m.back}</a></p>
      ${done ? html`<div id="regs-done" tabindex="-1" role="status">${message('success', html`<p>${done}</p>`)}</div>` : nothing}
      ${failed
        ? html`<div id="regs-failed" tabindex="-1" role="alert">${message('error', html`${fe?.code === 'event_full' ? html`<h2 class="notice__title">${m.fullTitle}</h2>` : nothing}<p>${problemText(failed)}</p>`)}</div>`
        : nothing}
      <h2>${m.summary}</h2>
      <dl class="regs-summary">
        ${counts.map(([s, n]) => html`<div><dt>${tx().regStatus[s]}</dt><dd>${formatNumber(n)}</dd></div>`)}
      </dl>
      <p class="field-hint">${m.certHint}</p>
      <form class="regs-filter" novalidate @submit=${(ev: Event) => ev.preventDefault()}>
        <div class="event-form__row">
          ${textField({ id: 'regs-search', label: m.search, hint: m.searchHint, value: search, optional: true, width: 'm', spellcheck: false, onInput: (v) => ((search = v), (page = 0), update()) })}
          ${selectField({ id: 'regs-status', label: m.filter, placeholder: m.all, optional: true, options: STATUSES.map((s) => ({ value: s, label: tx().regStatus[s] })), value: status, onChange: (v) => ((status = v), (page = 0), update()) })}
        </div>
      </form>
      <div id="regs-list" tabindex="-1">
        <p role="status">${regs.length === 0 ? m.none : list.length === 0 ? m.noMatch : plural(list.length, m.count)}</p>
        ${list.length
          ? html`<div class="table-wrap" tabindex="0" role="region" aria-label=${m.title(titleOf(e))}>
              <table class="gov-table data-table">
                <caption class="visually-hidden">${m.title(titleOf(e))}</caption>
                <thead><tr>
                  <th scope="col">${m.name}</th><th scope="col">${m.contact}</th><th scope="col">${m.organisation}</th>
                  ${e.mode === 'hybrid' ? html`<th scope="col">${m.seat}</th>` : nothing}
                  <th scope="col">${m.status}</th><th scope="col">${m.needs}</th><th scope="col">${m.certificate}</th><th scope="col"><span class="visually-hidden">${m.action}</span></th>
                </tr></thead>
                <tbody>${pageOf(list, page).map((r) => row(e, r))}</tbody>
              </table>
            </div>
            ${pager('regs', list.length, page, (p) => {
              page = p;
              update();
              focusId('regs-list');
            })}`
          : nothing}
      </div>`;
  };

  return guarded(
    groupsOf('/staff/events/ev-sample/registrations'),
    () => (l.state === 'ok' ? tx().regs.title(titleOf(l.data.event)) : t().console.loading),
    () => loadView(l, view),
    () => {
      l = { state: 'loading' };
      search = '';
      status = '';
      page = 0;
      done = '';
      failed = undefined;
      void load().then(() => {
        afterRender(focusHeadingIfLost);
        update();
      });
    },
  );
}
