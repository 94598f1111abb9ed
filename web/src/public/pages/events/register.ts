// The registration form of one event, on one page: the seat (hybrid
// events), contact, for whom with the organisation and IČO, job role and
// region, the organiser's questions (every kind), the needs for taking
// part, consent and the proof of work. Submit checks everything, shows an
// error summary at the top (focused, its links focus the fields) and an
// error at each field; the server checks it all again and its field errors
// land at the same fields. One Idempotency-Key per intended registration,
// reused when the same request is retried.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, newIdempotencyKey } from '../../../lib/api';
import { isValidIco, normaliseIco } from '../../../lib/ico';
import { powSolution, powWidget, renewPow } from '../../../lib/pow';
import { afterRender, focusId, navigate, update, type Page } from '../../../lib/router';
import { checkbox, errorSummary, icon, message, radioGroup, radioId, selectField, textField, type ErrorItem } from '../../../lib/ui';
import { NOTICE_VERSION, REGIONS, TARGET_GROUPS, type Region, type TargetGroup } from '../../../lib/vocab';
import { register, type EventDetail, type Question, type Seat } from '../../events/api';
import {
  availability,
  buildInput,
  emptyDraft,
  fieldOrder,
  LIMITS,
  NEED_KEYS,
  orgRequired,
  questionField,
  seatsFor,
  seatsOf,
  serverField,
  validateDraft,
  wouldWaitlist,
  type FieldProblem,
  type RegDraft,
} from '../../events/logic';
import { current, loadEvent, setMade } from '../../events/store';
import { checkboxGroup, eventWhen, ltext } from '../../events/view';
import { lang, plural } from '../../i18n';
import { t } from '../../events/i18n';
import { setCreds } from '../../session';
import { loadingOrError, ltextPlain } from './detail';

type ErrMsg = () => string;

interface FormState {
  eventId: string;
  d: RegDraft;
  errors: Record<string, ErrMsg>;
  general: ErrMsg[];
  submitting: boolean;
  idempotencyKey?: string;
  pow?: string;
}

let f: FormState = fresh('');

function fresh(eventId: string): FormState {
  return { eventId, d: emptyDraft(), errors: {}, general: [], submitting: false };
}

function problemText(p: FieldProblem): string {
  const v = t().events.validation;
  if (p.code === 'tooLong') return v.tooLong(p.n ?? 0);
  return v[p.code];
}

function edited(id: string): void {
  delete f.errors[id];
}

function err(id: string): string | undefined {
  return f.errors[id]?.();
}

/** The control an error links to. */
function targetOf(id: string, e: EventDetail): string {
  if (id === 'seat') return radioId('seat', seatsFor(e.mode)[0]!);
  if (id === 'targetGroup') return radioId('targetGroup', TARGET_GROUPS[0]!);
  if (id.startsWith('q-')) {
    const q = e.questions.find((x) => questionField(x) === id);
    if (q && q.kind !== 'short_text' && q.kind !== 'long_text') return `${id}-0`;
  }
  return id;
}

function errorItems(e: EventDetail): ErrorItem[] {
  const items: ErrorItem[] = [];
  for (const id of fieldOrder(e)) {
    const msg = f.errors[id];
    if (!msg) continue;
    const q = e.questions.find((x) => questionField(x) === id);
    items.push({ target: targetOf(id, e), message: q ? t().events.validation.question(ltextPlain(q.label), msg()) : msg() });
  }
  for (const g of f.general) items.push({ message: g() });
  return items;
}

function showErrors(): void {
  afterRender(() => focusId('error-summary'));
  update();
}

function setAnswer(q: Question, a: string[]): void {
  f.d.answers[q.id] = a;
  edited(questionField(q));
  update();
}

function questionControl(q: Question): TemplateResult {
  const m = t().events.form;
  const id = questionField(q);
  const label = ltextPlain(q.label);
  const a = f.d.answers[q.id] ?? [];
  const error = err(id);
  switch (q.kind) {
    case 'short_text':
    case 'long_text':
      return textField({
        id,
        label,
        value: a[0] ?? '',
        optional: !q.required,
        multiline: q.kind === 'long_text',
        maxlength: q.kind === 'long_text' ? LIMITS.longText : LIMITS.shortText,
        error,
        onInput: (v) => setAnswer(q, [v]),
      });
    case 'yes_no':
      return radioGroup<string>({
        name: id,
        legend: q.required ? label : `${label} ${t().ui.optional}`,
        options: [
          { value: 'yes', label: m.yes },
          { value: 'no', label: m.no },
        ],
        value: a[0],
        error,
        onChange: (v) => setAnswer(q, [v]),
      });
    case 'single_choice':
      return radioGroup<string>({
        name: id,
        legend: q.required ? label : `${label} ${t().ui.optional}`,
        options: (q.options ?? []).map((o, i) => ({ value: String(i), label: ltextPlain(o) })),
        value: a[0],
        error,
        onChange: (v) => setAnswer(q, [v]),
      });
    case 'multiple_choice':
      return checkboxGroup({
        name: id,
        legend: q.required ? label : `${label} ${t().ui.optional}`,
        hint: m.chooseAny,
        error,
        options: (q.options ?? []).map((o, i) => ({
          id: `${id}-${i}`,
          label: ltextPlain(o),
          checked: a.includes(String(i)),
          onChange: (c) => setAnswer(q, c ? [...a, String(i)] : a.filter((x) => x !== String(i))),
        })),
      });
  }
}

function form(e: EventDetail): TemplateResult {
  const m = t();
  const fm = m.events.form;
  const d = f.d;
  const text = (k: 'name' | 'email' | 'phone' | 'orgName' | 'ico' | 'jobRole' | 'needsOther') => (v: string) => {
    d[k] = v;
    edited(k);
    update();
  };
  const required = orgRequired(d);
  const icoDigits = normaliseIco(d.ico);
  const icoLiveBad = icoDigits.length === 8 && !isValidIco(icoDigits) && !err('ico');
  const waiting = wouldWaitlist(e, d.seat);
  return html`<form class="event-form" novalidate @submit=${(ev: Event) => submit(ev, e)}>
    ${e.mode === 'hybrid'
      ? radioGroup<Seat>({
          name: 'seat',
          legend: fm.seatLegend,
          options: seatsFor(e.mode).map((s) => ({
            value: s,
            label: m.events.seat[s],
            hint: seatsOf(e, s) > 0 ? plural(seatsOf(e, s), m.events.seats.left) : m.events.seats.waitlist,
          })),
          value: d.seat,
          error: err('seat'),
          onChange: (v) => {
            d.seat = v;
            edited('seat');
            update();
          },
        })
      : nothing}
    <fieldset class="group">
      <legend class="group__title">${fm.contactTitle}</legend>
      ${textField({ id: 'name', label: fm.name, value: d.name, autocomplete: 'name', maxlength: LIMITS.name, error: err('name'), onInput: text('name') })}
      ${textField({
        id: 'email',
        label: fm.email,
        hint: fm.emailHint,
        type: 'email',
        value: d.email,
        autocomplete: 'email',
        spellcheck: false,
        error: err('email'),
        onInput: text('email'),
      })}
      ${textField({
        id: 'phone',
        label: fm.phone,
        hint: fm.phoneHint,
        type: 'tel',
        value: d.phone,
        autocomplete: 'tel',
        optional: true,
        width: 'm',
        error: err('phone'),
        onInput: text('phone'),
      })}
    </fieldset>
    ${radioGroup<TargetGroup>({
      name: 'targetGroup',
      legend: fm.targetGroupLegend,
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
      <legend class="group__title">${fm.orgTitle}</legend>
      <p class="field-hint">${required ? fm.orgHintRequired : fm.orgHintOptional}</p>
      ${textField({
        id: 'orgName',
        label: fm.orgName,
        value: d.orgName,
        optional: !required,
        autocomplete: 'organization',
        maxlength: LIMITS.orgName,
        error: err('orgName'),
        onInput: text('orgName'),
      })}
      ${textField({
        id: 'ico',
        label: fm.ico,
        hint: fm.icoHint,
        value: d.ico,
        optional: !required,
        inputmode: 'numeric',
        spellcheck: false,
        maxlength: 12,
        width: 's',
        error: err('ico') ?? (icoLiveBad ? m.events.validation.icoInvalid : undefined),
        onInput: text('ico'),
      })}
    </fieldset>
    <fieldset class="group">
      <legend class="group__title">${fm.aboutTitle}</legend>
      ${textField({
        id: 'jobRole',
        label: fm.jobRole,
        hint: fm.jobRoleHint,
        value: d.jobRole,
        autocomplete: 'organization-title',
        optional: true,
        maxlength: LIMITS.jobRole,
        error: err('jobRole'),
        onInput: text('jobRole'),
      })}
      ${selectField<Region>({
        id: 'region',
        label: fm.region,
        placeholder: fm.regionPlaceholder,
        options: REGIONS.map((r) => ({ value: r, label: m.vocab.region[r] })),
        value: d.region,
        error: err('region'),
        onChange: (v) => {
          d.region = v;
          edited('region');
          update();
        },
      })}
    </fieldset>
    ${e.questions.length
      ? html`<fieldset class="group">
          <legend class="group__title">${fm.questionsTitle}</legend>
          ${e.questions.map(questionControl)}
        </fieldset>`
      : nothing}
    ${checkboxGroup({
      name: 'needs',
      legend: fm.needsTitle,
      hint: fm.needsHint,
      options: NEED_KEYS.map((k) => ({
        id: `needs-${k}`,
        label: fm.needs[k],
        checked: d.needs[k],
        onChange: (c) => {
          d.needs[k] = c;
          update();
        },
      })),
    })}
    ${textField({
      id: 'needsOther',
      label: fm.needsOther,
      hint: fm.needsOtherHint,
      value: d.needsOther,
      optional: true,
      multiline: true,
      maxlength: LIMITS.needsOther,
      error: err('needsOther'),
      onInput: text('needsOther'),
    })}
    <section class="consent" aria-labelledby="consent-title">
      <h2 id="consent-title">${fm.consentTitle}</h2>
      <p>${fm.consentText}</p>
      <p><a href="/privacy">${fm.consentLink}</a></p>
      ${checkbox({
        id: 'consent',
        label: fm.consentLabel,
        checked: d.consent,
        error: err('consent'),
        onChange: (c) => {
          d.consent = c;
          edited('consent');
          update();
        },
      })}
    </section>
    ${powWidget(m.pow)}
    <div class="form-actions">
      <button type="submit" class="gov-button" data-type="solid" data-color="primary" aria-disabled=${f.submitting ? 'true' : 'false'}>
        ${f.submitting ? fm.submitting : waiting ? fm.submitWaitlist : fm.submit}
      </button>
    </div>
    ${f.submitting ? html`<p class="loading" role="status">${fm.submitting}</p>` : nothing}
  </form>`;
}

async function submit(ev: Event, e: EventDetail): Promise<void> {
  ev.preventDefault();
  if (f.submitting) return;
  f.general = [];
  const problems = validateDraft(f.d, e);
  f.errors = {};
  for (const [id, p] of Object.entries(problems)) f.errors[id] = () => problemText(p);
  if (Object.keys(problems).length) {
    showErrors();
    return;
  }
  f.submitting = true;
  f.idempotencyKey ??= newIdempotencyKey();
  update();
  try {
    f.pow ??= await powSolution();
    const res = await register(e.id, buildInput(f.d, e, lang(), NOTICE_VERSION), f.idempotencyKey, f.pow);
    setCreds({ id: res.registration.id, token: res.manageToken, kind: 'registration' });
    setMade({ registration: res.registration, token: res.manageToken, url: res.manageUrl, event: e });
    f = fresh(e.id);
    navigate('/events/registered');
  } catch (x) {
    f.submitting = false;
    if (!(x instanceof ApiError)) throw x;
    const retryable = x.network || x.status === 503 || x.code === 'idempotency_in_progress';
    if (!retryable) {
      f.idempotencyKey = undefined;
      f.pow = undefined;
      renewPow();
    }
    failure(x, e);
  }
}

function failure(x: ApiError, e: EventDetail): void {
  const m = t();
  if (x.status === 400 && x.problem.errors?.length) {
    for (const fe of x.problem.errors) {
      const id = serverField(fe.field);
      if (id && fieldOrder(e).includes(id)) f.errors[id] ??= () => fe.message;
      else f.general.push(() => fe.message);
    }
  } else if (x.network) f.general = [() => m.api.network];
  else if (x.status === 503) f.general = [() => m.api.busy(x.retryAfter ?? 5)];
  else {
    const rid = x.problem.requestId;
    const text = x.message;
    f.general = [() => (text || m.api.generic) + (rid ? ` (${m.api.requestId(rid)})` : '')];
    // Seats or the window changed meanwhile: show the event as it is now.
    if (x.status === 409) void loadEvent(e.id);
  }
  showErrors();
}

function view(): TemplateResult {
  const m = t();
  const e = current.event;
  const early = loadingOrError();
  return html`<p class="back-link">
      ${e
        ? html`<a href="/events/${encodeURIComponent(e.id)}">${icon('chevron-left')}${ltext(e.title)}</a>`
        : html`<a href="/events">${m.events.detail.back}</a>`}
    </p>
    <h1 tabindex="-1">${e ? m.events.form.title(ltextPlain(e.title)) : m.events.list.title}</h1>
    ${early ?? body(e!)}`;
}

function body(e: EventDetail): TemplateResult {
  const m = t();
  const a = availability(e);
  if (a.state !== 'open' && a.state !== 'waitlist') return message('warning', html`<p>${m.events.form.closed}</p>`);
  return html`<p class="status-line"><span>${eventWhen(e.sessions)}</span></p>
    ${errorSummary(errorItems(e))}
    <p>${m.events.form.lead}</p>
    ${wouldWaitlist(e, f.d.seat) ? message('warning', html`<p>${m.events.form.waitlistLead}</p>`) : nothing}
    ${form(e)}`;
}

export function registerPage(id: string): Page {
  return {
    title: () => {
      const e = current.event;
      const base = e ? t().events.form.title(ltextPlain(e.title)) : t().events.list.title;
      return (Object.keys(f.errors).length || f.general.length ? `${t().ui.errorPrefix} ` : '') + base;
    },
    view,
    enter() {
      if (f.eventId !== id) f = fresh(id);
      void loadEvent(id, { keep: current.id === id && !!current.event });
    },
  };
}
