// The manage page of an event registration (/manage#registration=…&token=…,
// or after registering in this tab): view it, cancel it (with a
// confirmation step), the .ics, the certificate once there is one, the
// offered seat when there is one, and the way to the ESF+ questions.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, newIdempotencyKey } from '../../../lib/api';
import { powSolution, powWidget, renewPow } from '../../../lib/pow';
import { afterRender, announce, focusId, update, type Page } from '../../../lib/router';
import { errorSummary, icon, message, type ErrorItem } from '../../../lib/ui';
import {
  cancelRegistration,
  downloadCertificate,
  downloadRegistrationCalendar,
  getRegistration,
  type Registration,
} from '../../events/api';
import { eventWhen, ltext } from '../../events/view';
import { formatDate, formatTime } from '../../i18n';
import { t } from '../../events/i18n';
import { getCreds } from '../../session';
import { registrationFacts } from './registered';
import { ltextPlain } from './detail';

/** A registration's page state, shared with the accept-offer and ESF pages. */
export interface RegState {
  loading: boolean;
  reg?: Registration;
  loadError?: ApiError;
  busy: boolean;
  errors: ErrorItem[];
  done: string;
  idempotencyKey?: string;
  pending?: string;
  pow?: string;
}

export const rs: RegState = { loading: false, busy: false, errors: [], done: '' };
let confirming = false;

export async function loadRegistration(): Promise<void> {
  const c = getCreds();
  if (!c || c.kind !== 'registration') return;
  rs.loading = true;
  rs.loadError = undefined;
  update();
  try {
    rs.reg = await getRegistration(c.id, c.token);
  } catch (e) {
    rs.loadError = e instanceof ApiError ? e : new ApiError(0, {});
    rs.reg = undefined;
  }
  rs.loading = false;
  update();
}

/** One Idempotency-Key (and one proof of work) per intended change; a retry of it reuses both. */
export function keyFor(what: string): string {
  if (!rs.idempotencyKey || rs.pending !== what) {
    rs.idempotencyKey = newIdempotencyKey();
    rs.pending = what;
    rs.pow = undefined;
  }
  return rs.idempotencyKey;
}
export async function powFor(): Promise<string> {
  rs.pow ??= await powSolution();
  return rs.pow;
}

export function failure(e: unknown): void {
  const m = t().api;
  if (!(e instanceof ApiError)) rs.errors = [{ message: m.generic }];
  else {
    const retryable = e.network || e.status === 503 || e.code === 'idempotency_in_progress';
    if (!retryable) {
      rs.idempotencyKey = undefined;
      rs.pow = undefined;
      renewPow();
    }
    if (e.network) rs.errors = [{ message: m.network }];
    else if (e.status === 503) rs.errors = [{ message: m.busy(e.retryAfter ?? 5) }];
    else {
      const rid = e.problem.requestId;
      rs.errors = [{ message: (e.message || m.generic) + (rid ? ` (${m.requestId(rid)})` : '') }];
    }
  }
  afterRender(() => focusId('error-summary'));
  update();
}

export function when(iso: string): string {
  const d = new Date(iso);
  return `${formatDate(d)} ${formatTime(d)}`;
}

/**
 * What stands under the heading before there is a registration to show;
 * undefined when there is one. The pages keep their <h1> in one place in
 * one template, so that the focus a navigation gave it stays.
 */
export function regGuard(): TemplateResult | undefined {
  const m = t();
  const c = getCreds();
  if (!c || c.kind !== 'registration') return message('warning', m.manage.missingLink);
  if (rs.loadError) {
    const e = rs.loadError;
    return message('error', html`<p>${e.network ? m.api.network : e.message || m.api.generic}</p>
      ${e.network || e.status >= 500
        ? html`<p><button type="button" class="gov-button" data-type="outlined" data-color="primary" @click=${loadRegistration}>${m.api.retry}</button></p>`
        : nothing}`);
  }
  if (!rs.reg) return html`<p class="loading" role="status">${m.events.manage.loading}</p>`;
  return undefined;
}

function active(r: Registration): boolean {
  const start = r.event?.sessions[0]?.start;
  return (r.status === 'confirmed' || r.status === 'waitlisted' || r.status === 'offered') && (!start || Date.parse(start) > Date.now());
}

async function confirmCancel(): Promise<void> {
  const c = getCreds();
  if (!c || rs.busy) return;
  rs.busy = true;
  rs.errors = [];
  update();
  try {
    const key = keyFor('cancel');
    rs.reg = await cancelRegistration(c.id, c.token, key, await powFor());
    rs.idempotencyKey = undefined;
    rs.busy = false;
    confirming = false;
    rs.done = t().events.manage.cancelled;
    afterRender(() => focusId('manage-done'));
    update();
  } catch (e) {
    rs.busy = false;
    failure(e);
  }
}

async function download(what: 'calendar' | 'certificate'): Promise<void> {
  const c = getCreds();
  if (!c) return;
  try {
    if (what === 'calendar') {
      await downloadRegistrationCalendar(c.id, c.token);
      announce(t().events.done.calendarDone);
    } else {
      await downloadCertificate(c.id, c.token);
      announce(t().events.manage.certificateDone);
    }
  } catch (e) {
    failure(e);
  }
}

function setConfirming(on: boolean, focus: string): void {
  confirming = on;
  rs.errors = [];
  rs.done = '';
  afterRender(() => focusId(focus));
  update();
}

function cancelPanel(r: Registration): TemplateResult {
  const m = t().events.manage;
  const title = r.event ? ltextPlain(r.event.title) : '';
  return html`<section class="panel panel--warning" aria-labelledby="cancel-title">
    <h2 id="cancel-title" tabindex="-1">${m.cancelTitle}</h2>
    <p>${r.status === 'waitlisted' ? m.cancelWaitText(title) : m.cancelText(title)}</p>
    ${powWidget(t().pow)}
    <div class="form-actions">
      <button type="button" class="gov-button" data-type="solid" data-color="error" aria-disabled=${rs.busy ? 'true' : 'false'} @click=${confirmCancel}>
        ${m.cancelYes}
      </button>
      <button type="button" class="gov-button" data-type="outlined" data-color="primary" @click=${() => setConfirming(false, 'manage-cancel')}>
        ${m.cancelNo}
      </button>
    </div>
  </section>`;
}

function actions(r: Registration): TemplateResult {
  const m = t().events.manage;
  const live = active(r);
  return html`
    ${r.status === 'waitlisted' && r.position ? message('warning', html`<p>${m.waitlisted(r.position)}</p>`) : nothing}
    ${r.status === 'offered' && r.offerExpires
      ? html`${message('primary', html`<p>${m.offered(when(r.offerExpires))}</p>`)}
          <p><a class="gov-button button-link" data-type="solid" data-color="primary" href="/events/offer">${m.offerGo}</a></p>`
      : nothing}
    <div class="form-actions">
      ${r.status === 'confirmed' || r.status === 'attended'
        ? html`<button type="button" class="gov-button" data-type="outlined" data-color="primary" @click=${() => download('calendar')}>
            ${icon('download')}<span>${m.calendar}</span>
          </button>`
        : nothing}
      ${r.status === 'attended'
        ? html`<button type="button" id="manage-certificate" class="gov-button" data-type="solid" data-color="primary" @click=${() => download('certificate')}>
            ${icon('download')}<span>${m.certificate}</span>
          </button>`
        : nothing}
      ${live
        ? html`<button type="button" id="manage-cancel" class="gov-button" data-type="outlined" data-color="error" @click=${() => setConfirming(true, 'cancel-title')}>
            ${m.cancel}
          </button>`
        : nothing}
    </div>
    ${r.status === 'confirmed' ? html`<p class="field-hint">${m.certificateLater}</p>` : nothing}
    ${live ? nothing : html`<p>${m.notActive}</p>`}
  `;
}

function view(): TemplateResult {
  const mm = t().events.manage;
  return html`<h1 tabindex="-1">${mm.title}</h1>
    ${regGuard() ?? body(rs.reg!)}`;
}

function body(r: Registration): TemplateResult {
  const m = t();
  const mm = m.events.manage;
  const e = r.event;
  return html`
    ${errorSummary(rs.errors)}
    ${rs.done ? message('success', html`<p>${rs.done}</p>`, { id: 'manage-done', focusable: true }) : nothing}
    ${e
      ? html`<p class="lead">${ltext(e.title)}</p>
          <p class="status-line">
            <span class="status-tag" data-status=${r.status}>${m.events.status[r.status]}</span>
            <span>${eventWhen(e.sessions)}</span>
          </p>`
      : nothing}
    ${confirming && active(r) ? cancelPanel(r) : actions(r)}
    ${r.status !== 'cancelled' && r.status !== 'expired' ? html`<p><a href="/events/esf">${mm.esfGo}</a></p>` : nothing}
    <h2>${mm.detailsTitle}</h2>
    ${registrationFacts(r, e)}
    ${e ? html`<p><a href="/events/${encodeURIComponent(e.id)}">${mm.eventLink}</a></p>` : nothing}
  `;
}

export function registrationManagePage(): Page {
  return {
    title: () => t().events.manage.title,
    view,
    enter() {
      confirming = false;
      rs.errors = [];
      rs.done = '';
      void loadRegistration();
    },
  };
}
