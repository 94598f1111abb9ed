// Moving between the steps, checking with the server and submitting.
import {
  ApiError,
  createBooking,
  listExperts,
  newIdempotencyKey,
  SLOT_GONE,
  type BookingInput,
} from '../../../lib/api';
import { normaliseIco } from '../../../lib/ico';
import { powSolution, renewPow } from '../../../lib/pow';
import { afterRender, focusId, navigate, update } from '../../../lib/router';
import { NOTICE_VERSION } from '../../../lib/vocab';
import { lang, t } from '../../i18n';
import { setCreds, setLastBooking } from '../../session';
import { picker, resetWizard, searchKey, STEP_OF, STEPS, w, type ErrMsg, type FieldId } from './state';
import { validate } from './validate';

/** The API's field paths (problem errors[].field) on our fields. */
const SERVER_FIELD: Record<string, FieldId> = {
  form: 'form',
  topic: 'topic',
  region: 'region',
  expertId: 'slot',
  start: 'slot',
  targetGroup: 'targetGroup',
  organisation: 'orgName',
  'organisation.name': 'orgName',
  'organisation.ico': 'ico',
  contact: 'name',
  'contact.name': 'name',
  'contact.email': 'email',
  'contact.phone': 'phone',
  address: 'address',
  note: 'note',
  consent: 'consent',
  'consent.accepted': 'consent',
  'consent.noticeVersion': 'consent',
};

export function goTo(step: number, opts: { push?: boolean; focus?: 'heading' | 'summary' } = {}): void {
  w.step = step;
  if (opts.focus !== 'summary') w.general = [];
  if (opts.push !== false) history.pushState({ wizardStep: step }, '', '/book');
  if (step === 3) ensurePicker();
  afterRender(() => focusId(opts.focus === 'summary' ? 'error-summary' : 'step-title'));
  update();
}

export function ensurePicker(): void {
  const key = `${searchKey()}|${w.expertFilter}`;
  if (w.pickerFor !== key) {
    w.pickerFor = key;
    picker.selected = w.slot;
    void picker.init();
  }
}

function showErrors(errors: Partial<Record<FieldId, ErrMsg>>): void {
  w.errors = { ...w.errors, ...errors };
  afterRender(() => focusId('error-summary'));
  update();
}

export async function next(): Promise<void> {
  if (w.returnToSummary) {
    // A changed form, topic or region needs its experts looked up again.
    if (w.step < 3 && w.expertsFor !== searchKey() && w.d.topic && w.d.region) {
      if (w.step === 1) w.step = 2;
      if (!(await checkExperts())) {
        goTo(2, { focus: 'summary' });
        return;
      }
    }
    // Back to the summary, unless a later step still lacks something.
    for (let s = w.step + 1; s < STEPS; s++) {
      if (Object.keys(validate(s)).length) {
        goTo(s);
        return;
      }
    }
    goTo(STEPS);
    return;
  }
  goTo(w.step + 1);
}

export async function onContinue(ev: Event): Promise<void> {
  ev.preventDefault();
  if (w.checking || w.submitting) return;
  // This step's previous errors go; its checks run again.
  for (const f of Object.keys(w.errors) as FieldId[]) if (STEP_OF[f] === w.step) delete w.errors[f];
  w.general = [];
  const errors = validate(w.step);
  if (Object.keys(errors).length) {
    showErrors(errors);
    return;
  }
  if (w.step === 2) {
    if (!(await checkExperts())) return;
  }
  await next();
}

/** Step 2: is there an expert for this form, topic and region? */
async function checkExperts(): Promise<boolean> {
  const key = searchKey();
  if (w.expertsFor === key && w.experts.length) return true;
  w.checking = true;
  update();
  try {
    const res = await listExperts({ form: w.d.form, topic: w.d.topic, region: w.d.region });
    w.experts = res.items;
    w.expertsFor = key;
    w.expertFilter = '';
  } catch (e) {
    w.checking = false;
    apiFailure(e);
    return false;
  }
  w.checking = false;
  if (w.experts.length === 0) {
    showErrors({ region: () => t().validation.noExperts });
    return false;
  }
  return true;
}

function apiFailure(e: unknown): void {
  const m = () => t().api;
  if (e instanceof ApiError) {
    if (e.network) w.general = [() => m().network];
    else if (e.status === 503) w.general = [() => m().busy(e.retryAfter ?? 5)];
    else {
      const text = e.message;
      const rid = e.problem.requestId;
      w.general = [() => (text || m().generic) + (rid ? ` (${m().requestId(rid)})` : '')];
    }
  } else {
    w.general = [() => m().generic];
  }
  afterRender(() => focusId('error-summary'));
  update();
}

// ---- submitting -------------------------------------------------------------

function bookingInput(): BookingInput {
  const d = w.d;
  const org = { name: d.orgName.trim() || undefined, ico: normaliseIco(d.ico) || undefined };
  return {
    expertId: w.slot!.expertId,
    start: w.slot!.start,
    form: d.form!,
    topic: d.topic!,
    targetGroup: d.targetGroup!,
    region: d.region!,
    organisation: org.name || org.ico ? org : undefined,
    contact: { name: d.name.trim(), email: d.email.trim(), phone: d.phone.trim() },
    address: d.form === 'onsite' ? d.address.trim() : undefined,
    note: d.note.trim() || undefined,
    // Built once every step passed its checks: the consent was given.
    consent: { accepted: d.consent as true, noticeVersion: NOTICE_VERSION },
    language: lang(),
  };
}

export async function submit(ev: Event): Promise<void> {
  ev.preventDefault();
  if (w.submitting) return;
  w.general = [];
  // Every step once more: the summary can be reached with a later change pending.
  for (let s = 1; s < STEPS; s++) {
    const errors = validate(s);
    if (Object.keys(errors).length) {
      w.errors = { ...w.errors, ...errors };
      w.returnToSummary = true;
      goTo(s, { focus: 'summary' });
      return;
    }
  }
  w.submitting = true;
  // One key per intended booking, reused when the same request is retried.
  w.idempotencyKey ??= newIdempotencyKey();
  update();
  try {
    // A retry of the same request (same key) may carry the same solution.
    w.pow ??= await powSolution();
    const res = await createBooking(bookingInput(), w.idempotencyKey, w.pow);
    setCreds({ id: res.booking.id, token: res.manageToken });
    setLastBooking(res.booking);
    resetWizard();
    navigate('/confirmation');
    return;
  } catch (e) {
    w.submitting = false;
    if (!(e instanceof ApiError)) throw e;
    const retryable = e.network || e.status === 503 || e.code === 'idempotency_in_progress';
    if (!retryable) {
      w.idempotencyKey = undefined;
      w.pow = undefined;
      renewPow();
    }
    if (e.status === 409 && SLOT_GONE.includes(e.code)) {
      slotGone(e.code === 'day_full' ? 'day_full' : 'slot_taken');
      return;
    }
    // A field error, or a booking limit reached (its entry names the e-mail,
    // phone or IČO): the message goes next to that field.
    if ((e.status === 400 || e.code === 'booking_limit') && e.problem.errors?.length) {
      serverFieldErrors(e);
      return;
    }
    if (e.status === 404 && e.code === 'expert_not_found') {
      w.slot = undefined;
      w.expertsFor = '';
      w.pickerFor = '';
      w.errors.slot = () => e.message;
      w.returnToSummary = true;
      goTo(3, { focus: 'summary' });
      return;
    }
    apiFailure(e);
  }
}

/** 409: the slot was taken a moment ago. Say so, show fresh slots, keep everything else. */
export function slotGone(code: 'slot_taken' | 'day_full'): void {
  w.slotGone = code;
  w.slot = undefined;
  w.returnToSummary = true;
  w.errors.slot = () => t().validation.slot;
  w.step = 3;
  history.pushState({ wizardStep: 3 }, '', '/book');
  picker.selected = undefined;
  void picker.refresh();
  afterRender(() => focusId('error-summary'));
  update();
}

function serverFieldErrors(e: ApiError): void {
  const errors: Partial<Record<FieldId, ErrMsg>> = {};
  const general: ErrMsg[] = [];
  for (const fe of e.problem.errors ?? []) {
    const f = SERVER_FIELD[fe.field];
    if (f && !errors[f]) errors[f] = () => fe.message;
    else if (!f) general.push(() => fe.message);
  }
  w.errors = { ...w.errors, ...errors };
  w.general = general;
  const steps = (Object.keys(errors) as FieldId[]).map((f) => STEP_OF[f]);
  const first = steps.length ? Math.min(...steps) : STEPS;
  w.returnToSummary = true;
  goTo(first, { focus: 'summary' });
}

export function change(step: number): void {
  w.returnToSummary = true;
  goTo(step);
}
