// The booking wizard: form → topic and region → expert and time →
// organisation and contact → consent → summary and confirm.
//
// Everything typed lives in memory for as long as the page is open (no
// time limit); going back, switching the language, reading the privacy
// notice or a 409 from the server never loses it. Each step is a <form
// novalidate>: Continue checks the step, shows an error summary at the top
// (focused, its links focus the fields) and an error next to each field;
// otherwise the next step's heading gets the focus and the title says
// "Krok 3 ze 6". The server checks everything again; its field errors are
// put next to the same fields, on the step that holds them.
import { html, nothing, type TemplateResult } from 'lit-html';
import {
  ApiError,
  createBooking,
  listExperts,
  newIdempotencyKey,
  SLOT_GONE,
  type BookingInput,
  type Expert,
  type Slot,
} from '../api';
import { afterRender, focusId, navigate, onPopState, update, type Page } from '../app';
import { formatRange, lang, t } from '../i18n';
import { isValidIco, normaliseIco } from '../ico';
import { setCreds, setLastBooking } from '../session';
import { SlotPicker } from '../slotpicker';
import {
  checkbox,
  errorSummary,
  icon,
  radioGroup,
  radioId,
  selectField,
  textField,
  type ErrorItem,
} from '../ui';
import {
  FORMS,
  NOTICE_VERSION,
  ORG_REQUIRED,
  REGIONS,
  TARGET_GROUPS,
  TOPICS,
  type Form,
  type Region,
  type TargetGroup,
  type Topic,
} from '../vocab';

const STEPS = 6;
const NOTE_MAX = 2000;

type FieldId =
  | 'form'
  | 'topic'
  | 'region'
  | 'slot'
  | 'targetGroup'
  | 'orgName'
  | 'ico'
  | 'name'
  | 'email'
  | 'phone'
  | 'address'
  | 'note'
  | 'consent';

const STEP_OF: Record<FieldId, number> = {
  form: 1,
  topic: 2,
  region: 2,
  slot: 3,
  targetGroup: 4,
  orgName: 4,
  ico: 4,
  name: 4,
  email: 4,
  phone: 4,
  address: 4,
  note: 4,
  consent: 5,
};

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

/** The control an error links to. */
function targetOf(f: FieldId): string {
  switch (f) {
    case 'form':
      return radioId('form', FORMS[0]);
    case 'topic':
      return radioId('topic', TOPICS[0]);
    case 'targetGroup':
      return radioId('targetGroup', TARGET_GROUPS[0]);
    case 'slot':
      return 'slots-week-title';
    default:
      return f;
  }
}

/** An error text, translated when shown (client checks) or as the server said it. */
type ErrMsg = () => string;

interface Draft {
  form?: Form;
  topic?: Topic;
  region?: Region;
  targetGroup?: TargetGroup;
  orgName: string;
  ico: string;
  name: string;
  email: string;
  phone: string;
  address: string;
  note: string;
  consent: boolean;
}

interface Wizard {
  step: number;
  d: Draft;
  slot?: Slot;
  experts: Expert[];
  expertsFor: string;
  expertFilter: string;
  pickerFor: string;
  errors: Partial<Record<FieldId, ErrMsg>>;
  /** Errors that concern no field (network, busy, unexpected). */
  general: ErrMsg[];
  slotGone?: 'slot_taken' | 'day_full';
  returnToSummary: boolean;
  checking: boolean;
  submitting: boolean;
  idempotencyKey?: string;
  /** What the IČO live check says; announced politely on blur only. */
  icoLive: string;
}

function fresh(): Wizard {
  return {
    step: 1,
    d: { orgName: '', ico: '', name: '', email: '', phone: '', address: '', note: '', consent: false },
    experts: [],
    expertsFor: '',
    expertFilter: '',
    pickerFor: '',
    errors: {},
    general: [],
    returnToSummary: false,
    checking: false,
    submitting: false,
    icoLive: '',
  };
}

let w: Wizard = fresh();

const picker = new SlotPicker(
  () => ({
    form: w.d.form,
    topic: w.expertFilter ? undefined : w.d.topic,
    region: w.expertFilter ? undefined : w.d.region,
    expertId: w.expertFilter || undefined,
  }),
  () => update(),
);

function searchKey(): string {
  return `${w.d.form}|${w.d.topic}|${w.d.region}`;
}

// ---- validation -----------------------------------------------------------

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function orgRequired(): boolean {
  return !!w.d.targetGroup && ORG_REQUIRED.includes(w.d.targetGroup);
}

/** The client-side checks of one step (the server checks all of them again). */
function validate(step: number): Partial<Record<FieldId, ErrMsg>> {
  const v = () => t().validation;
  const d = w.d;
  const e: Partial<Record<FieldId, ErrMsg>> = {};
  switch (step) {
    case 1:
      if (!d.form) e.form = () => v().form;
      break;
    case 2:
      if (!d.topic) e.topic = () => v().topic;
      if (!d.region) e.region = () => v().region;
      break;
    case 3:
      if (!w.slot) e.slot = () => v().slot;
      break;
    case 4: {
      if (!d.targetGroup) e.targetGroup = () => v().targetGroup;
      const ico = normaliseIco(d.ico);
      if (orgRequired() && !d.orgName.trim()) e.orgName = () => v().orgName;
      if (orgRequired() && !ico) e.ico = () => v().ico;
      else if (ico && !isValidIco(ico)) e.ico = () => v().icoInvalid;
      if (!d.name.trim()) e.name = () => v().name;
      if (!d.email.trim()) e.email = () => v().email;
      else if (!EMAIL.test(d.email.trim())) e.email = () => v().emailInvalid;
      const digits = d.phone.replace(/\D/g, '');
      if (!d.phone.trim()) e.phone = () => v().phone;
      else if (!/^[+\d\s().\-/]+$/.test(d.phone.trim()) || digits.length < 9 || digits.length > 15)
        e.phone = () => v().phoneInvalid;
      if (d.form === 'onsite' && !d.address.trim()) e.address = () => v().address;
      if (d.note.length > NOTE_MAX) e.note = () => v().tooLong(NOTE_MAX);
      break;
    }
    case 5:
      if (!d.consent) e.consent = () => v().consent;
      break;
  }
  return e;
}

function errorItems(): ErrorItem[] {
  const items: ErrorItem[] = [];
  const order: FieldId[] = [
    'form', 'topic', 'region', 'slot', 'targetGroup', 'orgName', 'ico', 'name', 'email', 'phone', 'address', 'note', 'consent',
  ];
  for (const f of order) {
    const msg = w.errors[f];
    if (msg && STEP_OF[f] === w.step) items.push({ target: targetOf(f), message: msg() });
  }
  for (const g of w.general) items.push({ message: g() });
  return items;
}

function err(f: FieldId): string | undefined {
  return STEP_OF[f] === w.step ? w.errors[f]?.() : undefined;
}

/** Editing a field takes its (server) error away; the next Continue checks again. */
function edited(f: FieldId): void {
  if (w.errors[f]) {
    delete w.errors[f];
  }
}

// ---- navigation between steps ---------------------------------------------

function goTo(step: number, opts: { push?: boolean; focus?: 'heading' | 'summary' } = {}): void {
  w.step = step;
  if (opts.focus !== 'summary') w.general = [];
  if (opts.push !== false) history.pushState({ wizardStep: step }, '', '/book');
  if (step === 3) ensurePicker();
  afterRender(() => focusId(opts.focus === 'summary' ? 'error-summary' : 'step-title'));
  update();
}

function ensurePicker(): void {
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

async function next(): Promise<void> {
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

async function onContinue(ev: Event): Promise<void> {
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
    consent: { accepted: d.consent, noticeVersion: NOTICE_VERSION },
    language: lang(),
  };
}

async function submit(ev: Event): Promise<void> {
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
    const res = await createBooking(bookingInput(), w.idempotencyKey);
    setCreds({ id: res.booking.id, token: res.manageToken });
    setLastBooking(res.booking);
    w = fresh();
    picker.selected = undefined;
    navigate('/confirmation');
    return;
  } catch (e) {
    w.submitting = false;
    if (!(e instanceof ApiError)) throw e;
    const retryable = e.network || e.status === 503 || e.code === 'idempotency_in_progress';
    if (!retryable) w.idempotencyKey = undefined;
    if (e.status === 409 && SLOT_GONE.includes(e.code)) {
      slotGone(e.code === 'day_full' ? 'day_full' : 'slot_taken');
      return;
    }
    if (e.status === 400 && e.problem.errors?.length) {
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
function slotGone(code: 'slot_taken' | 'day_full'): void {
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

// ---- views --------------------------------------------------------------------

function stepper(): TemplateResult {
  const m = t().wizard;
  return html`<nav class="stepper-nav" aria-label=${m.progressLabel}>
    <ol class="stepper">
      ${m.steps.map((name, i) => {
        const n = i + 1;
        const state = n < w.step ? 'done' : n === w.step ? 'current' : 'todo';
        return html`<li class="stepper__item" data-state=${state} aria-current=${state === 'current' ? 'step' : 'false'}>
          <span class="stepper__num" aria-hidden="true">${state === 'done' ? icon('check') : n}</span>
          <span class="stepper__name"
            >${name}
            <span class="visually-hidden">${state === 'done' ? m.stepDone : state === 'current' ? m.stepCurrent : ''}</span></span
          >
        </li>`;
      })}
    </ol>
  </nav>`;
}

function stepHeading(): TemplateResult {
  const m = t().wizard;
  return html`<h2 class="step-title" id="step-title" tabindex="-1">
    <span class="step-title__caption">${m.stepOf(w.step, STEPS)}</span>
    <span class="step-title__name">${m.steps[w.step - 1]}</span>
  </h2>`;
}

function buttons(primary: string, opts: { busy?: boolean } = {}): TemplateResult {
  const m = t().wizard;
  return html`<div class="form-actions">
    <button type="submit" class="gov-button" data-type="solid" data-color="primary" aria-disabled=${opts.busy ? 'true' : 'false'}>
      ${primary}
    </button>
    ${w.step > 1
      ? html`<button type="button" class="gov-button" data-type="outlined" data-color="primary" @click=${() => goTo(w.step - 1)}>
          ${icon('chevron-left')}<span>${m.back}</span>
        </button>`
      : nothing}
  </div>`;
}

function continueLabel(): string {
  const m = t().wizard;
  return w.returnToSummary ? m.continueToSummary : m.continue;
}

function step1(): TemplateResult {
  const m = t();
  return radioGroup<Form>({
    name: 'form',
    legend: m.wizard.formLegend,
    hint: m.wizard.formHint,
    options: FORMS.map((f) => ({ value: f, label: m.vocab.form[f], hint: m.vocab.formHint[f] })),
    value: w.d.form,
    error: err('form'),
    onChange: (v) => {
      if (w.d.form !== v && w.slot) w.slot = undefined;
      w.d.form = v;
      edited('form');
      update();
    },
  });
}

function step2(): TemplateResult {
  const m = t();
  return html`${radioGroup<Topic>({
      name: 'topic',
      legend: m.wizard.topicLegend,
      options: TOPICS.map((v) => ({ value: v, label: m.vocab.topic[v] })),
      value: w.d.topic,
      error: err('topic'),
      onChange: (v) => {
        if (w.d.topic !== v) w.slot = undefined;
        w.d.topic = v;
        edited('topic');
        update();
      },
    })}
    ${selectField<Region>({
      id: 'region',
      label: m.wizard.regionLabel,
      hint: m.wizard.regionHint,
      placeholder: m.wizard.regionPlaceholder,
      options: REGIONS.map((r) => ({ value: r, label: m.vocab.region[r] })),
      value: w.d.region,
      error: err('region'),
      onChange: (v) => {
        if (w.d.region !== v) w.slot = undefined;
        w.d.region = v || undefined;
        edited('region');
        update();
      },
    })}
    ${w.checking ? html`<p class="loading" role="status">${m.wizard.checkingExperts}</p>` : nothing}`;
}

function expertNames(): Map<string, string> {
  return new Map(w.experts.map((e) => [e.id, e.name]));
}

function step3(): TemplateResult {
  const m = t();
  const names = expertNames();
  const chosen = w.slot;
  return html`
    <section class="experts" aria-labelledby="experts-title">
      <h3 id="experts-title">${m.wizard.expertsTitle}</h3>
      <ul class="experts__list">
        ${w.experts.map(
          (e) => html`<li class="expert">
            <p class="expert__name">${e.name}</p>
            ${e.bio ? html`<p class="expert__bio" lang="cs">${e.bio}</p>` : nothing}
            <p class="expert__meta">${m.wizard.slotMinutes(e.slotMinutes)}</p>
          </li>`,
        )}
      </ul>
      ${w.experts.length > 1
        ? selectField<string>({
            id: 'expertFilter',
            label: m.wizard.expertFilterLabel,
            optional: true,
            options: [
              { value: '', label: m.wizard.expertFilterAll(w.experts.length) },
              ...w.experts.map((e) => ({ value: e.id, label: e.name })),
            ],
            value: w.expertFilter,
            onChange: (v) => {
              w.expertFilter = v;
              ensurePicker();
            },
          })
        : nothing}
    </section>
    ${picker.view({
      names,
      error: err('slot'),
      onPick: (s) => {
        w.slot = s;
        picker.selected = s;
        w.slotGone = undefined;
        edited('slot');
        update();
      },
    })}
    <div class="chosen" role="status">
      ${chosen
        ? html`<p><strong>${m.wizard.selectedTitle}:</strong> ${SlotPicker.describe(chosen, names.get(chosen.expertId) ?? chosen.expertId)}</p>`
        : html`<p>${m.wizard.noneSelected}</p>`}
    </div>
  `;
}

function step4(): TemplateResult {
  const m = t();
  const wz = m.wizard;
  const d = w.d;
  const required = orgRequired();
  const icoDigits = normaliseIco(d.ico);
  const icoOk = icoDigits.length === 8 && isValidIco(icoDigits) && !err('ico');
  const icoLiveBad = icoDigits.length === 8 && !isValidIco(icoDigits) && !err('ico');
  const text = (f: 'orgName' | 'name' | 'email' | 'phone' | 'address' | 'note') => (v: string) => {
    d[f] = v;
    edited(f);
    update();
  };
  return html`
    ${radioGroup<TargetGroup>({
      name: 'targetGroup',
      legend: wz.targetGroupLegend,
      options: TARGET_GROUPS.map((v) => ({ value: v, label: m.vocab.targetGroup[v] })),
      value: d.targetGroup,
      error: err('targetGroup'),
      onChange: (v) => {
        d.targetGroup = v;
        edited('targetGroup');
        update();
      },
    })}
    <fieldset class="group">
      <legend class="group__title">${wz.orgTitle}</legend>
      <p class="field-hint">${required ? wz.orgHintRequired : wz.orgHintOptional}</p>
      ${textField({
        id: 'orgName',
        label: wz.orgName,
        value: d.orgName,
        optional: !required,
        autocomplete: 'organization',
        error: err('orgName'),
        onInput: text('orgName'),
      })}
      ${textField({
        id: 'ico',
        label: wz.ico,
        hint: wz.icoHint,
        value: d.ico,
        optional: !required,
        inputmode: 'numeric',
        spellcheck: false,
        maxlength: 12,
        width: 's',
        error: err('ico') ?? (icoLiveBad ? m.validation.icoInvalid : undefined),
        describedBy: icoOk ? 'ico-ok' : undefined,
        after: html`${icoOk
            ? html`<p class="gov-form-message field-ok" data-color="success" id="ico-ok">${icon('check-circle')}<span>${wz.icoOk}</span></p>`
            : nothing}
          <p class="visually-hidden" aria-live="polite" id="ico-live">${w.icoLive}</p>`,
        onInput: (v) => {
          d.ico = v;
          edited('ico');
          update();
        },
        onBlur: (v) => {
          const digits = normaliseIco(v);
          const said = !digits ? '' : isValidIco(digits) ? wz.icoOk : m.validation.icoInvalid;
          if (said !== w.icoLive) {
            w.icoLive = said;
            update();
          }
        },
      })}
    </fieldset>
    <fieldset class="group">
      <legend class="group__title">${wz.contactTitle}</legend>
      ${textField({ id: 'name', label: wz.name, value: d.name, autocomplete: 'name', error: err('name'), onInput: text('name') })}
      ${textField({
        id: 'email',
        label: wz.email,
        hint: wz.emailHint,
        type: 'email',
        value: d.email,
        autocomplete: 'email',
        spellcheck: false,
        error: err('email'),
        onInput: text('email'),
      })}
      ${textField({
        id: 'phone',
        label: wz.phone,
        hint: wz.phoneHint,
        type: 'tel',
        value: d.phone,
        autocomplete: 'tel',
        width: 'm',
        error: err('phone'),
        onInput: text('phone'),
      })}
      ${d.form === 'onsite'
        ? textField({
            id: 'address',
            label: wz.address,
            hint: wz.addressHint,
            value: d.address,
            autocomplete: 'street-address',
            error: err('address'),
            onInput: text('address'),
          })
        : nothing}
      ${textField({
        id: 'note',
        label: wz.note,
        hint: wz.noteHint,
        value: d.note,
        optional: true,
        multiline: true,
        error: err('note'),
        onInput: text('note'),
      })}
    </fieldset>
  `;
}

function step5(): TemplateResult {
  const wz = t().wizard;
  return html`<div class="consent">
    <p>${wz.consentText}</p>
    <p><a href="/privacy">${wz.consentLink}</a></p>
    ${checkbox({
      id: 'consent',
      label: wz.consentLabel,
      checked: w.d.consent,
      error: err('consent'),
      onChange: (c) => {
        w.d.consent = c;
        edited('consent');
        update();
      },
    })}
  </div>`;
}

function summaryRow(label: string, value: string | TemplateResult, step: number, what: string): TemplateResult {
  return html`<div class="summary__row">
    <dt>${label}</dt>
    <dd class="summary__value">${value}</dd>
    <dd class="summary__action">
      <button type="button" class="link-button" @click=${() => change(step)}>
        ${t().wizard.change}<span class="visually-hidden"> – ${what}</span>
      </button>
    </dd>
  </div>`;
}

function change(step: number): void {
  w.returnToSummary = true;
  goTo(step);
}

function step6(): TemplateResult {
  const m = t();
  const f = m.field;
  const d = w.d;
  const names = expertNames();
  const slot = w.slot;
  return html`
    <h3>${m.wizard.summaryConsultation}</h3>
    <dl class="summary">
      ${summaryRow(f.form, d.form ? m.vocab.form[d.form] : '', 1, f.form)}
      ${summaryRow(f.topic, d.topic ? m.vocab.topic[d.topic] : '', 2, f.topic)}
      ${summaryRow(f.region, d.region ? m.vocab.region[d.region] : '', 2, f.region)}
      ${summaryRow(f.expert, slot ? (names.get(slot.expertId) ?? slot.expertId) : '', 3, f.expert)}
      ${summaryRow(f.slot, slot ? formatRange(new Date(slot.start), new Date(slot.end)) : '', 3, f.slot)}
    </dl>
    <h3>${m.wizard.summaryPerson}</h3>
    <dl class="summary">
      ${summaryRow(f.targetGroup, d.targetGroup ? m.vocab.targetGroup[d.targetGroup] : '', 4, f.targetGroup)}
      ${d.orgName.trim() ? summaryRow(f.orgName, d.orgName.trim(), 4, f.orgName) : nothing}
      ${normaliseIco(d.ico) ? summaryRow(f.ico, normaliseIco(d.ico), 4, f.ico) : nothing}
      ${summaryRow(f.name, d.name.trim(), 4, f.name)} ${summaryRow(f.email, d.email.trim(), 4, f.email)}
      ${summaryRow(f.phone, d.phone.trim(), 4, f.phone)}
      ${d.form === 'onsite' ? summaryRow(f.address, d.address.trim(), 4, f.address) : nothing}
      ${d.note.trim() ? summaryRow(f.note, html`<span class="pre">${d.note.trim()}</span>`, 4, f.note) : nothing}
      ${summaryRow(f.consent, f.consentGiven, 5, f.consent)}
    </dl>
    <p class="field-hint">${m.wizard.submitNote}</p>
  `;
}

function slotGoneBox(): TemplateResult | undefined {
  if (w.step !== 3 || !w.slotGone) return undefined;
  const m = t().wizard;
  return html`<p class="error-summary__text">${w.slotGone === 'day_full' ? m.dayFullText : m.slotTakenText}</p>`;
}

function view(): TemplateResult {
  const m = t().wizard;
  const steps = [step1, step2, step3, step4, step5, step6];
  const items = errorItems();
  const goneExtra = slotGoneBox();
  const goneTitle = w.slotGone === 'day_full' ? m.dayFullTitle : m.slotTakenTitle;
  const isLast = w.step === STEPS;
  return html`
    <h1 tabindex="-1">${m.title}</h1>
    ${stepper()}
    ${goneExtra ? errorSummary(items, goneTitle, goneExtra) : errorSummary(items)}
    <form class="wizard-form" novalidate @submit=${(e: Event) => (isLast ? submit(e) : onContinue(e))}>
      ${stepHeading()} ${steps[w.step - 1]!()}
      ${isLast
        ? html`${buttons(w.submitting ? m.submitting : m.submit, { busy: w.submitting })}
            ${w.submitting ? html`<p class="loading" role="status">${m.submitting}</p>` : nothing}`
        : buttons(continueLabel(), { busy: w.checking })}
    </form>
    <p class="field-hint no-time-limit">${m.noTimeLimit}</p>
  `;
}

function title(): string {
  const m = t().wizard;
  const hasErrors = errorItems().length > 0;
  return `${hasErrors ? t().app.errorPrefix + ' ' : ''}${m.stepOf(w.step, STEPS)}: ${m.steps[w.step - 1]} – ${m.title}`;
}

export function bookPage(): Page {
  return {
    title,
    view,
    enter() {
      // Back and Forward move between the steps already seen.
      onPopState((state) => {
        const s = (state as { wizardStep?: number } | null)?.wizardStep;
        if (typeof s !== 'number') return false;
        goTo(Math.min(Math.max(1, s), STEPS), { push: false });
        return true;
      });
      history.replaceState({ wizardStep: w.step }, '', '/book');
      if (w.step === 3) ensurePicker();
    },
  };
}
