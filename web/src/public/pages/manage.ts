// The manage page, opened from the e-mail link /manage#booking=…&token=….
// main.ts has already taken the token out of the address bar; here it goes
// only into the Booking-Token header. View, reschedule (the same week view
// of the same expert's free slots) and cancel (with a confirmation step).
import { html, nothing, type TemplateResult } from 'lit-html';
import {
  ApiError,
  cancelBooking,
  downloadCalendar,
  getBooking,
  newIdempotencyKey,
  rescheduleBooking,
  SLOT_GONE,
  type Booking,
  type Slot,
} from '../../lib/api';
import { powSolution, powWidget, renewPow } from '../../lib/pow';
import { afterRender, announce, focusId, update, type Page } from '../../lib/router';
import { bookingDetails, bookingWhen } from '../bookingview';
import { t } from '../i18n';
import { getCreds } from '../session';
import { SlotPicker } from '../slotpicker';
import { errorSummary, icon, message, type ErrorItem } from '../../lib/ui';

type Mode = 'view' | 'reschedule' | 'cancel';

interface ManageState {
  loading: boolean;
  booking?: Booking;
  loadError?: ApiError;
  mode: Mode;
  busy: boolean;
  errors: ErrorItem[];
  slotGone?: 'slot_taken' | 'day_full';
  done: string;
  idempotencyKey?: string;
  /** The proof of work solved for idempotencyKey's request. */
  pow?: string;
  pending?: string; // what the key was made for
}

const s: ManageState = { loading: false, mode: 'view', busy: false, errors: [], done: '' };

const picker = new SlotPicker(
  () => ({ expertId: s.booking?.expertId, form: s.booking?.form }),
  () => update(),
  'reslots',
);

async function load(): Promise<void> {
  const c = getCreds();
  if (!c) return;
  s.loading = true;
  s.loadError = undefined;
  update();
  try {
    s.booking = await getBooking(c.id, c.token);
  } catch (e) {
    s.loadError = e instanceof ApiError ? e : new ApiError(0, {});
    s.booking = undefined;
  }
  s.loading = false;
  update();
}

function canChange(b: Booking): boolean {
  return b.status === 'confirmed' && new Date(b.start).getTime() > Date.now();
}

function setMode(mode: Mode, focus: string): void {
  s.mode = mode;
  s.errors = [];
  s.done = '';
  s.slotGone = undefined;
  s.idempotencyKey = undefined;
  if (mode === 'reschedule') {
    picker.selected = undefined;
    void picker.init();
  }
  afterRender(() => focusId(focus));
  update();
}

/** One Idempotency-Key per intended change; a retry of the same change reuses it. */
function keyFor(what: string): string {
  if (!s.idempotencyKey || s.pending !== what) {
    s.idempotencyKey = newIdempotencyKey();
    s.pending = what;
    s.pow = undefined;
  }
  return s.idempotencyKey;
}

/** The proof of work of the change keyFor named: a retry of it reuses the solution. */
async function powFor(): Promise<string> {
  s.pow ??= await powSolution();
  return s.pow;
}

/** After a change that will not be retried, a new solution for the next one. */
function dropKey(): void {
  s.idempotencyKey = undefined;
  s.pow = undefined;
  renewPow();
}

function failure(e: unknown): void {
  const m = t().api;
  if (!(e instanceof ApiError)) {
    s.errors = [{ message: m.generic }];
  } else {
    const retryable = e.network || e.status === 503 || e.code === 'idempotency_in_progress';
    if (!retryable) dropKey();
    if (e.network) s.errors = [{ message: m.network }];
    else if (e.status === 503) s.errors = [{ message: m.busy(e.retryAfter ?? 5) }];
    else {
      const rid = e.problem.requestId;
      s.errors = [{ message: (e.message || m.generic) + (rid ? ` (${m.requestId(rid)})` : '') }];
    }
  }
  afterRender(() => focusId('error-summary'));
  update();
}

async function confirmReschedule(): Promise<void> {
  const c = getCreds();
  const slot = picker.selected;
  if (!c || s.busy) return;
  if (!slot) {
    s.errors = [{ target: 'reslots-week-title', message: t().manage.pickSlotFirst }];
    afterRender(() => focusId('error-summary'));
    update();
    return;
  }
  s.busy = true;
  s.errors = [];
  update();
  try {
    const key = keyFor(`reschedule ${slot.start}`);
    s.booking = await rescheduleBooking(c.id, c.token, slot.start, key, await powFor());
    s.idempotencyKey = undefined;
    s.busy = false;
    s.mode = 'view';
    s.done = t().manage.rescheduled(bookingWhen(s.booking));
    afterRender(() => focusId('manage-done'));
    update();
  } catch (e) {
    s.busy = false;
    if (e instanceof ApiError && e.status === 409 && SLOT_GONE.includes(e.code)) {
      dropKey();
      s.slotGone = e.code === 'day_full' ? 'day_full' : 'slot_taken';
      s.errors = [{ target: 'reslots-week-title', message: t().manage.pickSlotFirst }];
      void picker.refresh();
      afterRender(() => focusId('error-summary'));
      update();
      return;
    }
    failure(e);
  }
}

async function confirmCancel(): Promise<void> {
  const c = getCreds();
  if (!c || s.busy) return;
  s.busy = true;
  s.errors = [];
  update();
  try {
    const key = keyFor('cancel');
    s.booking = await cancelBooking(c.id, c.token, key, await powFor());
    s.idempotencyKey = undefined;
    s.busy = false;
    s.mode = 'view';
    s.done = t().manage.cancelled;
    afterRender(() => focusId('manage-done'));
    update();
  } catch (e) {
    s.busy = false;
    failure(e);
  }
}

async function calendar(): Promise<void> {
  const c = getCreds();
  if (!c) return;
  try {
    await downloadCalendar(c.id, c.token);
    announce(t().confirmation.calendarDone);
  } catch (e) {
    failure(e);
  }
}

function actions(b: Booking): TemplateResult {
  const m = t().manage;
  return html`<div class="form-actions">
    ${canChange(b)
      ? html`<button
            type="button"
            id="manage-reschedule"
            class="gov-button"
            data-type="solid"
            data-color="primary"
            @click=${() => setMode('reschedule', 'reschedule-title')}
          >
            ${m.reschedule}
          </button>
          <button
            type="button"
            id="manage-cancel"
            class="gov-button"
            data-type="outlined"
            data-color="error"
            @click=${() => setMode('cancel', 'cancel-title')}
          >
            ${m.cancel}
          </button>`
      : nothing}
    ${b.status !== 'cancelled'
      ? html`<button type="button" class="gov-button" data-type="outlined" data-color="primary" @click=${calendar}>
          ${icon('download')}<span>${m.calendar}</span>
        </button>`
      : nothing}
  </div>
  ${canChange(b) ? nothing : html`<p>${m.notActive}</p>`}`;
}

function rescheduleView(b: Booking): TemplateResult {
  const m = t();
  const names = new Map([[b.expertId, b.expertName ?? b.expertId]]);
  const sel = picker.selected;
  return html`<section class="panel" aria-labelledby="reschedule-title">
    <h2 id="reschedule-title" tabindex="-1">${m.manage.rescheduleTitle}</h2>
    <p class="field-hint">${m.manage.rescheduleHint}</p>
    <p><strong>${m.field.slot}:</strong> ${bookingWhen(b)}</p>
    ${picker.view({
      names,
      onPick: (slot: Slot) => {
        picker.selected = slot;
        s.slotGone = undefined;
        s.errors = [];
        update();
      },
    })}
    <div class="chosen" role="status">
      ${sel
        ? html`<p><strong>${m.wizard.selectedTitle}:</strong> ${SlotPicker.describe(sel, b.expertName ?? b.expertId)}</p>`
        : html`<p>${m.wizard.noneSelected}</p>`}
    </div>
    ${powWidget(m.pow)}
    <div class="form-actions">
      <button
        type="button"
        class="gov-button"
        data-type="solid"
        data-color="primary"
        aria-disabled=${s.busy ? 'true' : 'false'}
        @click=${confirmReschedule}
      >
        ${m.manage.confirmReschedule}
      </button>
      <button type="button" class="gov-button" data-type="outlined" data-color="primary" @click=${() => setMode('view', 'manage-reschedule')}>
        ${m.manage.keepTime}
      </button>
    </div>
  </section>`;
}

function cancelView(b: Booking): TemplateResult {
  const m = t().manage;
  return html`<section class="panel panel--warning" aria-labelledby="cancel-title">
    <h2 id="cancel-title" tabindex="-1">${m.cancelTitle}</h2>
    <p>${m.cancelText(bookingWhen(b))}</p>
    ${powWidget(t().pow)}
    <div class="form-actions">
      <button
        type="button"
        class="gov-button"
        data-type="solid"
        data-color="error"
        aria-disabled=${s.busy ? 'true' : 'false'}
        @click=${confirmCancel}
      >
        ${m.cancelYes}
      </button>
      <button type="button" class="gov-button" data-type="outlined" data-color="primary" @click=${() => setMode('view', 'manage-cancel')}>
        ${m.cancelNo}
      </button>
    </div>
  </section>`;
}

function view(): TemplateResult {
  const m = t();
  const heading = html`<h1 tabindex="-1">${m.manage.title}</h1>`;
  const c = getCreds();
  if (!c) return html`${heading}${message('warning', m.manage.missingLink)}`;
  if (s.loading && !s.booking) return html`${heading}<p class="loading" role="status">${m.manage.loading}</p>`;
  if (s.loadError) {
    const e = s.loadError;
    return html`${heading}${message('error', html`<p>${e.network ? m.api.network : e.message || m.api.generic}</p>
        ${e.network || e.status >= 500
          ? html`<p><button type="button" class="gov-button" data-type="outlined" data-color="primary" @click=${load}>${m.api.retry}</button></p>`
          : nothing}`)}`;
  }
  const b = s.booking;
  if (!b) return heading;
  const goneTitle = s.slotGone === 'day_full' ? m.wizard.dayFullTitle : m.wizard.slotTakenTitle;
  const goneText = s.slotGone === 'day_full' ? m.wizard.dayFullText : m.wizard.slotTakenText;
  return html`
    ${heading}
    ${s.slotGone
      ? errorSummary(s.errors, goneTitle, html`<p class="error-summary__text">${goneText}</p>`)
      : errorSummary(s.errors)}
    ${s.done ? message('success', html`<p>${s.done}</p>`, { id: 'manage-done', focusable: true }) : nothing}
    <p class="status-line">
      <span class="status-tag" data-status=${b.status}>${m.vocab.status[b.status]}</span>
      <span>${bookingWhen(b)}</span>
    </p>
    ${s.mode === 'reschedule' && canChange(b) ? rescheduleView(b) : s.mode === 'cancel' && canChange(b) ? cancelView(b) : actions(b)}
    <h2>${m.manage.detailsTitle}</h2>
    ${bookingDetails(b)}
  `;
}

export function managePage(): Page {
  return {
    title: () => t().manage.title,
    view,
    enter() {
      s.mode = 'view';
      s.errors = [];
      s.done = '';
      s.slotGone = undefined;
      // The booking as it is now, on every visit.
      if (getCreds()) void load();
    },
  };
}
