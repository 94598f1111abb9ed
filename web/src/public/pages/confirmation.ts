// After a booking: what was booked, "add to calendar" (.ics fetched with
// the token in a header, handed over as a download) and where the manage
// link is (the e-mail).
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, downloadCalendar, getBooking } from '../../lib/api';
import { announce, update, type Page } from '../../lib/router';
import { bookingDetails } from '../bookingview';
import { t } from '../i18n';
import { getCreds, lastBooking, setLastBooking } from '../session';
import { icon, message } from '../../lib/ui';

let calendarError = '';
let downloading = false;

async function addToCalendar(): Promise<void> {
  const c = getCreds();
  if (!c || downloading) return;
  downloading = true;
  calendarError = '';
  update();
  try {
    await downloadCalendar(c.id, c.token);
    announce(t().confirmation.calendarDone);
  } catch (e) {
    calendarError = e instanceof ApiError && e.network ? t().api.network : (e as Error).message || t().api.generic;
  }
  downloading = false;
  update();
}

function view(): TemplateResult {
  const m = t();
  const b = lastBooking;
  if (!b) {
    return html`<h1 tabindex="-1">${m.confirmation.title}</h1>
      <p>${m.confirmation.missing}</p>
      <p><a href="/book">${m.nav.book}</a></p>`;
  }
  return html`
    <div class="confirmation-panel">
      ${icon('check-circle', 'confirmation-panel__icon')}
      <h1 tabindex="-1">${m.confirmation.title}</h1>
    </div>
    ${message('primary', html`<p>${m.confirmation.lead(b.contact.email ?? '')}</p>`)}
    <div class="form-actions">
      <button type="button" class="gov-button" data-type="solid" data-color="primary" @click=${addToCalendar}>
        ${icon('download')}<span>${m.confirmation.calendar}</span>
      </button>
      <a class="gov-button button-link" data-type="outlined" data-color="primary" href="/manage">${m.confirmation.manage}</a>
    </div>
    ${calendarError ? message('error', calendarError, { role: 'alert' }) : nothing}
    <h2>${m.confirmation.detailsTitle}</h2>
    ${bookingDetails(b)}
    <p><a href="/book">${m.confirmation.another}</a></p>
  `;
}

export function confirmationPage(): Page {
  return {
    title: () => t().confirmation.title,
    view,
    enter() {
      calendarError = '';
      // After a reload the booking is no longer in memory; the token (this tab's sessionStorage) fetches it again.
      const c = getCreds();
      if (!lastBooking && c) {
        getBooking(c.id, c.token)
          .then((b) => {
            setLastBooking(b);
            update();
          })
          .catch(() => {});
      }
    },
  };
}
