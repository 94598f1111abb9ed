// The accept-offer page: a freed seat is held for the person until the
// offer expires; they accept it (confirmed) or decline it (it goes to the
// next in the list), from the link in the offer e-mail.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError } from '../../../lib/api';
import { powWidget } from '../../../lib/pow';
import { afterRender, focusId, update, type Page } from '../../../lib/router';
import { errorSummary, message } from '../../../lib/ui';
import { acceptOffer, declineOffer, type Registration } from '../../events/api';
import { eventWhen, ltext } from '../../events/view';
import { t } from '../../events/i18n';
import { getCreds } from '../../session';
import { ltextPlain } from './detail';
import { registrationFacts } from './registered';
import { failure, keyFor, loadRegistration, powFor, regGuard, rs, when } from './manage';

let declining = false;

async function act(what: 'accept' | 'decline'): Promise<void> {
  const c = getCreds();
  if (!c || rs.busy) return;
  rs.busy = true;
  rs.errors = [];
  update();
  try {
    const key = keyFor(what);
    rs.reg = await (what === 'accept' ? acceptOffer : declineOffer)(c.id, c.token, key, await powFor());
    rs.idempotencyKey = undefined;
    rs.busy = false;
    declining = false;
    rs.done = what === 'accept' ? t().events.offer.accepted : t().events.offer.declined;
    afterRender(() => focusId('offer-done'));
    update();
  } catch (e) {
    rs.busy = false;
    // An offer that ran out meanwhile: the registration as it is now.
    if (e instanceof ApiError && (e.status === 409 || e.status === 410)) void loadRegistration();
    failure(e);
  }
}

function setDeclining(on: boolean, focus: string): void {
  declining = on;
  rs.errors = [];
  afterRender(() => focusId(focus));
  update();
}

function view(): TemplateResult {
  const o = t().events.offer;
  return html`<h1 tabindex="-1">${o.title}</h1>
    ${regGuard() ?? body(rs.reg!)}`;
}

function body(r: Registration): TemplateResult {
  const m = t();
  const o = m.events.offer;
  const e = r.event;
  const title = e ? ltextPlain(e.title) : '';
  const after = html`<p><a href="/manage">${o.manage}</a></p>`;
  if (rs.done) {
    // The offer's link stops working once it is used; the waiting-list
    // e-mail's link (the manage token) still opens the registration.
    return html`${message('success', html`<p>${rs.done}</p>`, { id: 'offer-done', focusable: true })}
      ${r.status === 'confirmed'
        ? html`<p>${o.afterAccept}</p>
            <h2>${m.events.manage.detailsTitle}</h2>
            ${registrationFacts(r, e)}`
        : nothing}`;
  }
  if (r.status !== 'offered' || !r.offerExpires) {
    const expired = r.status === 'expired' || r.status === 'waitlisted';
    return html`${errorSummary(rs.errors)}${message('warning', html`<p>${expired ? o.expired : o.none}</p>`)}${after}`;
  }
  return html`
    ${errorSummary(rs.errors)}
    ${e ? html`<p class="lead">${ltext(e.title)}, ${eventWhen(e.sessions)}</p>` : nothing}
    ${message('primary', html`<p id="offer-expiry">${o.lead(title, when(r.offerExpires))}</p>`)}
    ${powWidget(m.pow)}
    ${declining
      ? html`<section class="panel panel--warning" aria-labelledby="decline-title">
          <h2 id="decline-title" tabindex="-1">${o.declineTitle}</h2>
          <p>${o.declineText}</p>
          <div class="form-actions">
            <button type="button" class="gov-button" data-type="solid" data-color="error" aria-disabled=${rs.busy ? 'true' : 'false'} @click=${() => act('decline')}>
              ${o.declineYes}
            </button>
            <button type="button" class="gov-button" data-type="outlined" data-color="primary" @click=${() => setDeclining(false, 'offer-decline')}>
              ${o.declineNo}
            </button>
          </div>
        </section>`
      : html`<div class="form-actions">
          <button type="button" id="offer-accept" class="gov-button" data-type="solid" data-color="primary" aria-disabled=${rs.busy ? 'true' : 'false'} @click=${() => act('accept')}>
            ${o.accept}
          </button>
          <button type="button" id="offer-decline" class="gov-button" data-type="outlined" data-color="error" @click=${() => setDeclining(true, 'decline-title')}>
            ${o.decline}
          </button>
        </div>`}
    ${after}
  `;
}

export function offerPage(): Page {
  return {
    title: () => t().events.offer.title,
    view,
    enter() {
      declining = false;
      rs.errors = [];
      rs.done = '';
      void loadRegistration();
    },
  };
}
