// The admin's bookings: every booking of a period, filtered by expert and
// status, 25 to a page; one booking's personal data erased on request.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError } from '../../lib/api';
import { formatDate, formatNumber, formatTime, shared } from '../../lib/i18n';
import { update, type Page } from '../../lib/router';
import { errorSummary, message, selectField, textField, type ErrorItem } from '../../lib/ui';
import { btn, groupsOf, guarded, pageOf, pager, problemText, type Load } from '../kit';
import { eraseBooking, listBookings, listExperts, type BookingFilter, type BookingStatus, type StaffBooking, type StaffExpert } from './api';
import { fieldErrors, focusSoon, plusDays, pragueToday } from './common';
import { t } from '../i18n';
import { tx } from './messages';

const STATUSES: readonly BookingStatus[] = ['confirmed', 'cancelled', 'held', 'no_show'];
type Field = 'from' | 'to' | 'expertId' | 'status';
const FIELDS: readonly Field[] = ['from', 'to', 'expertId', 'status'];

/** "2. 12. 2026 9:00–10:00" */
function when(b: StaffBooking): string {
  const s = new Date(b.start);
  return `${formatDate(s)} ${formatTime(s)}–${formatTime(new Date(b.end))}`;
}

export function bookingsPage(): Page {
  let experts: StaffExpert[] = [];
  let filter: BookingFilter = { from: pragueToday(), to: plusDays(pragueToday(), 30), expertId: '', status: '' };
  let l: Load<StaffBooking[]> = { state: 'loading' };
  let errors: Partial<Record<Field, string>> = {};
  let p = 0;
  let erasing: StaffBooking | undefined;
  let busy = false;
  let result: { ok: boolean; text: string } | undefined;

  const load = async (focus?: string) => {
    const shown = { ...filter };
    l = { state: 'loading' };
    errors = {};
    update();
    try {
      l = { state: 'ok', data: (await listBookings(shown)).items };
      p = 0;
    } catch (err) {
      errors = fieldErrors(err, FIELDS) as Partial<Record<Field, string>>;
      l = { state: 'error', err };
    }
    update();
    if (Object.keys(errors).length) focusSoon('error-summary');
    else if (l.state === 'error') focusSoon('bookings-problem');
    else if (focus) focusSoon(focus);
  };

  const replace = (b: StaffBooking) => {
    if (l.state === 'ok') l = { state: 'ok', data: l.data.map((x) => (x.id === b.id ? b : x)) };
  };

  const erase = async () => {
    const b = erasing;
    if (!b || busy) return;
    const m = tx().bookings;
    busy = true;
    update();
    try {
      const nb = await eraseBooking(b.id);
      replace(nb);
      result = { ok: true, text: m.erased(when(nb)) };
    } catch (err) {
      if (err instanceof ApiError && err.code === 'already_erased') {
        result = { ok: false, text: m.alreadyErased };
        busy = false;
        erasing = undefined;
        const keep = p;
        await load();
        p = keep;
        update();
        focusSoon('erase-result');
        return;
      }
      result = { ok: false, text: problemText(err) };
    }
    busy = false;
    erasing = undefined;
    update();
    focusSoon('erase-result');
  };

  const filterView = (): TemplateResult => {
    const m = tx().bookings;
    const items: ErrorItem[] = FIELDS.filter((k) => errors[k]).map((k) => ({ target: k, message: errors[k]! }));
    return html`<section class="bookings-filter" aria-labelledby="filter-title">
      <h2 id="filter-title">${m.filters}</h2>
      ${items.length ? html`<div role="alert">${errorSummary(items)}</div>` : nothing}
      <form novalidate class="filter-form" @submit=${(ev: Event) => {
        ev.preventDefault();
        result = undefined;
        erasing = undefined;
        void load('bookings-list');
      }}>
        <p class="field-hint" id="dates-hint">${m.dateHint}</p>
        <div class="filter-form__fields">
          ${textField({ id: 'from', label: m.from, describedBy: 'dates-hint', value: filter.from, error: errors.from, inputmode: 'numeric', width: 's', maxlength: 10, spellcheck: false, onInput: (v) => (filter.from = v.trim()) })}
          ${textField({ id: 'to', label: m.to, describedBy: 'dates-hint', value: filter.to, error: errors.to, inputmode: 'numeric', width: 's', maxlength: 10, spellcheck: false, onInput: (v) => (filter.to = v.trim()) })}
          ${selectField<string>({
            id: 'expertId',
            label: m.expert,
            placeholder: tx().all,
            optional: true,
            value: filter.expertId,
            error: errors.expertId,
            options: experts.map((e) => ({ value: e.id, label: e.name })),
            onChange: (v) => (filter.expertId = v),
          })}
          ${selectField<BookingStatus>({
            id: 'status',
            label: m.status,
            placeholder: tx().all,
            optional: true,
            value: filter.status,
            error: errors.status,
            options: STATUSES.map((s) => ({ value: s, label: tx().statuses[s] })),
            onChange: (v) => (filter.status = v),
          })}
        </div>
        <p><button class="gov-button" data-type="solid" data-color="primary" data-size="m" type="submit" id="filter-submit">${m.show}</button></p>
      </form>
    </section>`;
  };

  const confirmView = (b: StaffBooking): TemplateResult => {
    const m = tx().bookings;
    return html`<section class="confirm erase-confirm" aria-labelledby="erase-title">
      <h2 id="erase-title" tabindex="-1">${m.confirmTitle(when(b))}</h2>
      <p>${b.organisation.name}${b.contact.name ? `, ${b.contact.name}` : ''}</p>
      <p>${m.erasedWhat}</p>
      <ul>${m.erasedList.map((x) => html`<li>${x}</li>`)}</ul>
      <p>${m.keptWhat}</p>
      ${message('warning', html`<p><strong>${m.cannotUndo}</strong></p>`)}
      <p class="form-actions">
        ${btn('danger', m.confirmYes, () => void erase(), 'erase-confirm', busy)}
        ${btn('secondary', tx().back, () => {
          const id = b.id;
          erasing = undefined;
          update();
          focusSoon(`erase-${id}`);
        }, 'erase-back')}
      </p>
    </section>`;
  };

  const listView = (items: StaffBooking[]): TemplateResult => {
    const m = tx().bookings;
    const v = shared().vocab;
    const expertName = (id: string) => experts.find((e) => e.id === id)?.name ?? id;
    if (items.length === 0) return message('primary', html`<p>${m.empty}</p>`, { role: 'status' });
    return html`<div class="table-wrap" tabindex="-1" role="region" aria-labelledby="bookings-caption" id="bookings-list">
        <table class="gov-table data-table bookings-table">
          <caption id="bookings-caption">${m.caption(formatNumber(items.length))}</caption>
          <thead>
            <tr><th scope="col">${m.time}</th><th scope="col">${m.expert}</th><th scope="col">${m.form}</th><th scope="col">${m.organisation}</th><th scope="col">${m.contact}</th><th scope="col">${m.status}</th><th scope="col">${m.actions}</th></tr>
          </thead>
          <tbody>
            ${pageOf(items, p).map(
              (b) => html`<tr id=${`booking-${b.id}`}>
                <th scope="row">${when(b)}</th>
                <td>${expertName(b.expertId)}</td>
                <td>${v.form[b.form] ?? b.form}</td>
                <td>${b.organisation.name}${b.organisation.ico ? html`<br /><span class="muted">${m.ico(b.organisation.ico)}</span>` : nothing}</td>
                <td class="booking-contact">${b.erasedAt
                  ? html`<em>${m.erasedMark}</em>`
                  : html`${b.contact.name ?? ''}${b.contact.email ? html`<br /><span class="break">${b.contact.email}</span>` : nothing}${b.contact.phone ? html`<br />${b.contact.phone}` : nothing}`}</td>
                <td class="booking-status">${tx().statuses[b.status]}</td>
                <td>${b.erasedAt
                  ? nothing
                  : html`<button class="gov-button" data-type="base" data-color="primary" data-size="s" type="button" id=${`erase-${b.id}`} aria-label=${m.eraseOf(when(b))}
                      @click=${() => {
                        erasing = b;
                        result = undefined;
                        update();
                        focusSoon('erase-title');
                      }}>${m.erase}</button>`}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${pager('bookings', items.length, p, (np) => {
        p = np;
        update();
        focusSoon('bookings-list');
      })}`;
  };

  return guarded(
    groupsOf('/staff/bookings'),
    () => tx().bookings.title,
    () => {
      const m = tx().bookings;
      return html`<h1 tabindex="-1">${m.title}</h1>
        <p class="lead">${m.lead}</p>
        ${filterView()}
        <div id="erase-result" tabindex="-1">${result
          ? message(result.ok ? 'success' : 'error', html`<p>${result.text}</p>`, { role: result.ok ? 'status' : 'alert' })
          : nothing}</div>
        ${erasing ? confirmView(erasing) : nothing}
        ${l.state === 'loading'
          ? html`<p role="status">${t().console.loading}</p>`
          : l.state === 'error'
            ? Object.keys(errors).length
              ? nothing
              : html`<div id="bookings-problem" tabindex="-1">${message('error', html`<p>${problemText(l.err)}</p>`, { role: 'alert' })}</div>`
            : listView(l.data)}`;
    },
    () => {
      filter = { from: pragueToday(), to: plusDays(pragueToday(), 30), expertId: '', status: '' };
      erasing = undefined;
      result = undefined;
      busy = false;
      p = 0;
      listExperts().then(
        (r) => {
          experts = r.items;
          update();
        },
        () => {
          /* the filter offers every expert it could read; the list shows ids */
        },
      );
      void load();
    },
  );
}
