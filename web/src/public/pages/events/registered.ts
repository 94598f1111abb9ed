// After a registration: confirmed, or waitlisted with the place in the
// list; the manage link, shown this once (it is also in the e-mail); the
// .ics; and the way to the voluntary ESF+ questions.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError } from '../../../lib/api';
import { announce, update, type Page } from '../../../lib/router';
import { icon, message } from '../../../lib/ui';
import { downloadRegistrationCalendar, getRegistration, type EventSummary, type Registration } from '../../events/api';
import { manageLink } from '../../events/logic';
import { made } from '../../events/store';
import { eventWhen, facts, ltext, placeText } from '../../events/view';
import { t } from '../../events/i18n';
import { getCreds } from '../../session';

let calendarError = '';
/** After a reload: the registration read again with this tab's token (the link is not shown again). */
let reread: Registration | undefined;

async function calendar(): Promise<void> {
  if (!made) return;
  calendarError = '';
  try {
    await downloadRegistrationCalendar(made.registration.id, made.token);
    announce(t().events.done.calendarDone);
  } catch (e) {
    calendarError = e instanceof ApiError && e.network ? t().api.network : (e as Error).message || t().api.generic;
  }
  update();
}

/** The registration as a definition list (confirmation and manage page). */
export function registrationFacts(r: Registration, e: EventSummary | undefined): TemplateResult {
  const m = t();
  const f = m.events.field;
  const needs = r.needs
    ? [
        ...(['wheelchair', 'signLanguage', 'inductionLoop', 'easyRead', 'assistant'] as const).filter((k) => r.needs![k]).map((k) => m.events.form.needs[k]),
        ...(r.needs.other ? [r.needs.other] : []),
      ].join('; ')
    : '';
  return facts([
    [f.status, m.events.status[r.status]],
    [f.position, r.status === 'waitlisted' && r.position ? String(r.position) : undefined],
    [m.events.field.when, e ? eventWhen(e.sessions) : undefined],
    [f.seat, e?.mode === 'hybrid' ? m.events.seat[r.seat] : undefined],
    [f.place, e && e.mode !== 'online' ? placeText(e) : undefined],
    [m.field.name, r.contact?.name],
    [m.field.email, r.contact?.email],
    [m.field.phone, r.contact?.phone],
    [m.field.orgName, r.organisation?.name],
    [m.field.ico, r.organisation?.ico],
    [f.jobRole, r.jobRole],
    [m.field.region, r.region ? m.vocab.region[r.region] : undefined],
    [f.needs, needs],
    [f.registrationId, r.id],
  ]);
}

/** The invitation to the voluntary ESF+ questions. */
function esfInvite(): TemplateResult {
  const d = t().events.done;
  return html`<section class="panel" aria-labelledby="esf-invite-title">
    <h2 id="esf-invite-title">${d.esfTitle}</h2>
    <p>${d.esfText}</p>
    <p><a class="gov-button button-link" data-type="outlined" data-color="primary" href="/events/esf">${d.esfGo}</a></p>
  </section>`;
}

function view(): TemplateResult {
  const m = t();
  const d = m.events.done;
  if (!made) {
    if (reread) {
      return html`<h1 tabindex="-1">${m.events.manage.title}</h1>
        <p>${d.linkGone}</p>
        <p><a class="gov-button button-link" data-type="outlined" data-color="primary" href="/manage">${d.manage}</a></p>
        ${esfInvite()}
        <h2>${d.detailsTitle}</h2>
        ${registrationFacts(reread, reread.event)}`;
    }
    return html`<h1 tabindex="-1">${d.confirmedTitle}</h1>
      <p>${d.missing}</p>
      <p><a href="/events">${m.events.nav}</a></p>`;
  }
  const r = made.registration;
  const e = made.event;
  const waiting = r.status === 'waitlisted';
  // The link the API made; the same one built here if it did not.
  const link = made.url || manageLink(location.origin, r.id, made.token);
  return html`
    <div class="confirmation-panel" data-state=${waiting ? 'waitlisted' : 'confirmed'}>
      ${icon(waiting ? 'info' : 'check-circle', 'confirmation-panel__icon')}
      <h1 tabindex="-1">${waiting ? d.waitlistedTitle : d.confirmedTitle}</h1>
    </div>
    <p class="lead">${ltext(e.title)}, ${eventWhen(e.sessions)}</p>
    ${waiting
      ? message('warning', html`<p id="waitlist-position">${d.waitlistedLead(r.position ?? 0)}</p><p>${d.waitlistedMail(r.contact.email ?? '')}</p>`)
      : message('success', html`<p>${d.confirmedLead(r.contact.email ?? '')}</p>`)}
    <section class="panel manage-link" aria-labelledby="manage-link-title">
      <h2 id="manage-link-title">${d.linkTitle}</h2>
      <p>${d.linkText}</p>
      <p class="manage-link__url"><a id="manage-link" href=${link}>${link}</a></p>
    </section>
    <div class="form-actions">
      ${waiting
        ? nothing
        : html`<button type="button" class="gov-button" data-type="solid" data-color="primary" @click=${calendar}>
            ${icon('download')}<span>${d.calendar}</span>
          </button>`}
      <a class="gov-button button-link" data-type="outlined" data-color="primary" href="/manage">${d.manage}</a>
    </div>
    ${calendarError ? message('error', calendarError, { role: 'alert' }) : nothing}
    ${esfInvite()}
    <h2>${d.detailsTitle}</h2>
    ${registrationFacts(r, e)}
    <p><a href="/events">${d.more}</a></p>
  `;
}

export function registeredPage(): Page {
  return {
    title: () => {
      const d = t().events.done;
      return made?.registration.status === 'waitlisted' ? d.waitlistedTitle : d.confirmedTitle;
    },
    view,
    enter() {
      calendarError = '';
      reread = undefined;
      const c = getCreds();
      if (!made && c?.kind === 'registration') {
        getRegistration(c.id, c.token)
          .then((r) => {
            reread = r;
            update();
          })
          .catch(() => {});
      }
    },
  };
}
