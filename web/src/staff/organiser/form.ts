// Creating and editing an event: every field the API takes, as labelled
// native controls; the API's field errors next to their fields and in the
// error summary (focused); a change that lost to someone else's (409)
// explained, with a reload.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ifDefined } from 'lit-html/directives/if-defined.js';
import { live } from 'lit-html/directives/live.js';
import { ApiError } from '../../lib/api';
import { lang } from '../../lib/i18n';
import { afterRender, focusId, navigate, update, type Page } from '../../lib/router';
import { errorSummary, fieldError, message, radioGroup, radioId, selectField, textField, type ErrorItem } from '../../lib/ui';
import { NAMES, REGIONS, TARGET_GROUPS, TOPICS, type TargetGroup, type Topic } from '../../lib/vocab';
import { t } from '../i18n';
import { btn, groupsOf, guarded, problemText } from '../kit';
import { mayUse } from '../session';
import { createEvent, getEvent, updateEvent, type EventInput, type Kind, type Mode, type QuestionKind, type StaffEvent } from './api';
import { instantParts, parseDate, parseDateTime, parseTime, pragueInstant } from './dates';
import { tx } from './messages';

const KINDS: readonly Kind[] = ['workshop', 'forum', 'seminar', 'study_visit', 'webinar'];
const MODES: readonly Mode[] = ['in_person', 'online', 'hybrid'];
const QKINDS: readonly QuestionKind[] = ['short_text', 'long_text', 'single_choice', 'multiple_choice', 'yes_no'];
const MAX_SESSIONS = 10;
const MAX_QUESTIONS = 10;

interface SessionF {
  date: string;
  start: string;
  end: string;
}
interface QuestionF {
  id?: string;
  kind: QuestionKind;
  labelCs: string;
  labelEn: string;
  optionsCs: string;
  optionsEn: string;
  required: boolean;
}
interface FormState {
  kind: Kind;
  titleCs: string;
  titleEn: string;
  descCs: string;
  descEn: string;
  topics: Topic[];
  targetGroups: TargetGroup[];
  region: string;
  sessions: SessionF[];
  mode: Mode;
  venueName: string;
  venueAddress: string;
  stepFree: boolean;
  inductionLoop: boolean;
  parking: string;
  nearestStop: string;
  onlineLink: string;
  capIn: string;
  capOnline: string;
  orgLimit: string;
  opens: string;
  closes: string;
  questions: QuestionF[];
  organiser: string;
  owner: string;
}

function blank(): FormState {
  return {
    kind: 'workshop', titleCs: '', titleEn: '', descCs: '', descEn: '', topics: [], targetGroups: [], region: '',
    sessions: [{ date: '', start: '', end: '' }], mode: 'in_person', venueName: '', venueAddress: '', stepFree: false,
    inductionLoop: false, parking: '', nearestStop: '', onlineLink: '', capIn: '', capOnline: '', orgLimit: '0',
    opens: '', closes: '', questions: [], organiser: '', owner: '',
  };
}

function dateTimeText(s: string | undefined): string {
  if (!s) return '';
  const p = instantParts(s);
  return `${p.date} ${p.time}`;
}

function fromEvent(e: StaffEvent): FormState {
  return {
    kind: e.kind, titleCs: e.title.cs, titleEn: e.title.en ?? '', descCs: e.description.cs, descEn: e.description.en ?? '',
    topics: [...e.topics], targetGroups: [...e.targetGroups], region: e.region,
    sessions: e.sessions.map((s) => {
      const a = instantParts(s.start);
      return { date: a.date, start: a.time, end: instantParts(s.end).time };
    }),
    mode: e.mode, venueName: e.venue?.name ?? '', venueAddress: e.venue?.address ?? '', stepFree: e.venue?.stepFree ?? false,
    inductionLoop: e.venue?.inductionLoop ?? false, parking: e.venue?.parking ?? '', nearestStop: e.venue?.nearestStop ?? '',
    onlineLink: e.onlineLink ?? '', capIn: String(e.capacity.inPerson), capOnline: String(e.capacity.online),
    orgLimit: String(e.orgLimit), opens: dateTimeText(e.registrationOpens), closes: dateTimeText(e.registrationCloses),
    questions: e.questions.map((q) => ({
      id: q.id, kind: q.kind, labelCs: q.label.cs, labelEn: q.label.en ?? '', required: q.required,
      optionsCs: (q.options ?? []).map((o) => o.cs).join('\n'),
      optionsEn: (q.options ?? []).map((o) => o.en ?? '').join('\n'),
    })),
    organiser: e.organiser, owner: '',
  };
}

const inPerson = (m: Mode) => m === 'in_person' || m === 'hybrid';
const online = (m: Mode) => m === 'online' || m === 'hybrid';
const lines = (s: string) => s.split('\n').map((x) => x.trim());

/** The request body, and the errors only the form can find (a date it cannot read). */
function toInput(f: FormState, closesDefault: boolean): { input: EventInput; errors: Map<string, string> } {
  const m = tx().form;
  const errors = new Map<string, string>();
  const int = (slot: string, s: string): number => {
    const t = s.trim();
    if (t === '') return 0;
    if (!/^\d{1,6}$/.test(t)) errors.set(slot, m.badNumber);
    return Number(t) || 0;
  };
  const sessions = f.sessions.map((s, i) => {
    const d = parseDate(s.date);
    const a = parseTime(s.start);
    const b = parseTime(s.end);
    if (s.date.trim() && !d) errors.set(`sessions.${i}.date`, m.badDate);
    if (s.start.trim() && !a) errors.set(`sessions.${i}.start`, m.badTime);
    if (s.end.trim() && !b) errors.set(`sessions.${i}.end`, m.badTime);
    // Left out, the API reports what is missing (required).
    const out: { start?: string; end?: string } = {};
    if (d && a) out.start = pragueInstant(d, a);
    if (d && b) out.end = pragueInstant(d, b);
    return out as { start: string; end: string };
  });
  const when = (slot: string, s: string): string | undefined => {
    if (!s.trim()) return undefined;
    const p = parseDateTime(s);
    if (!p) {
      errors.set(slot, m.badDateTime);
      return undefined;
    }
    return pragueInstant(p[0], p[1]);
  };
  const input: EventInput = {
    kind: f.kind,
    title: { cs: f.titleCs, ...(f.titleEn.trim() ? { en: f.titleEn } : {}) },
    description: { cs: f.descCs, ...(f.descEn.trim() ? { en: f.descEn } : {}) },
    topics: f.topics,
    targetGroups: f.targetGroups,
    region: f.region,
    sessions,
    mode: f.mode,
    capacity: { inPerson: inPerson(f.mode) ? int('capacity.inPerson', f.capIn) : 0, online: online(f.mode) ? int('capacity.online', f.capOnline) : 0 },
    orgLimit: int('orgLimit', f.orgLimit),
    questions: f.questions.map((q) => {
      const choice = q.kind === 'single_choice' || q.kind === 'multiple_choice';
      const cs = lines(q.optionsCs).filter(Boolean);
      const en = lines(q.optionsEn);
      return {
        ...(q.id ? { id: q.id } : {}),
        kind: q.kind,
        label: { cs: q.labelCs, ...(q.labelEn.trim() ? { en: q.labelEn } : {}) },
        ...(choice ? { options: cs.map((o, i) => ({ cs: o, ...(en[i] ? { en: en[i] } : {}) })) } : {}),
        required: q.required,
      };
    }),
    organiser: f.organiser,
  };
  if (inPerson(f.mode)) {
    input.venue = {
      name: f.venueName, address: f.venueAddress, stepFree: f.stepFree, inductionLoop: f.inductionLoop,
      ...(f.parking.trim() ? { parking: f.parking } : {}), ...(f.nearestStop.trim() ? { nearestStop: f.nearestStop } : {}),
    };
  }
  if (online(f.mode)) input.onlineLink = f.onlineLink;
  const opens = when('registrationOpens', f.opens);
  if (opens) input.registrationOpens = opens;
  // An edit that leaves the closing time as it was read keeps the API's
  // default (24 h before the start), so that moving the sessions moves it.
  const closes = closesDefault ? undefined : when('registrationCloses', f.closes);
  if (closes) input.registrationCloses = closes;
  if (f.owner.trim()) input.owner = f.owner.trim();
  return { input, errors };
}

/** Where an API field's error shows: the slot of a control (its id is "f-" + slot with dots as dashes). */
function slotOf(field: string): string {
  const f = field.replace(/\[(\d+)\]/g, '.$1');
  let g: RegExpExecArray | null;
  if (f.startsWith('topics')) return 'topics';
  if (f.startsWith('targetGroups')) return 'targetGroups';
  if ((g = /^questions\.(\d+)\.options/.exec(f))) return `questions.${g[1]}.options`;
  if ((g = /^questions\.(\d+)\.(id|kind)$/.exec(f))) return `questions.${g[1]}.kind`;
  if ((g = /^questions\.(\d+)$/.exec(f))) return `questions.${g[1]}.kind`;
  if (f === 'sessions' || f === 'sessions.0') return 'sessions.0.date';
  if ((g = /^sessions\.(\d+)$/.exec(f))) return `sessions.${g[1]}.date`;
  if (f === 'venue') return 'venue.name';
  if (f === 'capacity') return 'capacity.inPerson';
  if (f === 'registrationOpens' || f === 'registrationCloses') return f;
  return f;
}

const idOf = (slot: string) => `f-${slot.replace(/\./g, '-')}`;

/** The control an error's link moves to: a group's first box or radio. */
function targetOf(slot: string): string {
  if (slot === 'topics') return `f-topics-${TOPICS[0]}`;
  if (slot === 'targetGroups') return `f-targetGroups-${TARGET_GROUPS[0]}`;
  if (slot === 'mode') return radioId('f-mode', MODES[0]!);
  return idOf(slot);
}

/** The slots the form shows for its state (an error elsewhere is listed in the summary only). */
function slots(f: FormState, admin: boolean): Set<string> {
  const s = new Set([
    'kind', 'title.cs', 'title.en', 'description.cs', 'description.en', 'topics', 'targetGroups', 'region', 'mode',
    'orgLimit', 'registrationOpens', 'registrationCloses', 'organiser',
  ]);
  if (admin) s.add('owner');
  f.sessions.forEach((_, i) => ['date', 'start', 'end'].forEach((k) => s.add(`sessions.${i}.${k}`)));
  if (inPerson(f.mode)) {
    ['venue.name', 'venue.address', 'venue.parking', 'venue.nearestStop', 'capacity.inPerson'].forEach((k) => s.add(k));
  }
  if (online(f.mode)) ['onlineLink', 'capacity.online'].forEach((k) => s.add(k));
  f.questions.forEach((_, i) => ['kind', 'label.cs', 'label.en', 'options'].forEach((k) => s.add(`questions.${i}.${k}`)));
  return s;
}

/** The label a field is listed under in the error summary. */
function labelOf(slot: string): string {
  const m = tx().form;
  const g = /^(sessions|questions)\.(\d+)\.(.+)$/.exec(slot);
  if (g) {
    const n = Number(g[2]) + 1;
    const part: Record<string, string> = {
      date: m.date, start: m.start, end: m.end, kind: m.questionKind, 'label.cs': m.questionCs, 'label.en': m.questionEn, options: m.optionsCs,
    };
    return `${g[1] === 'sessions' ? m.session(n) : m.question(n)}: ${part[g[3]!] ?? g[3]}`;
  }
  const names: Record<string, string> = {
    kind: m.kind, 'title.cs': m.titleCs, 'title.en': m.titleEn, 'description.cs': m.descriptionCs, 'description.en': m.descriptionEn,
    topics: m.topics, targetGroups: m.targetGroups, region: m.region, mode: m.mode, orgLimit: m.orgLimit,
    registrationOpens: m.opens, registrationCloses: m.closes, organiser: m.organiser, owner: m.owner,
    'venue.name': m.venueName, 'venue.address': m.venueAddress, 'venue.parking': m.parking, 'venue.nearestStop': m.nearestStop,
    onlineLink: m.onlineLink, 'capacity.inPerson': m.capacityInPerson, 'capacity.online': m.capacityOnline,
  };
  return names[slot] ?? slot;
}

/** Saved events' flash for the event page ("saved"), set before navigating there. */
export let flash = '';
export function takeFlash(): string {
  const f = flash;
  flash = '';
  return f;
}

function checkGroup<V extends string>(slot: string, legend: string, hint: string | undefined, all: readonly V[], names: Record<string, string>, chosen: V[], err: string | undefined, set: (v: V[]) => void): TemplateResult {
  const id = idOf(slot);
  const hintId = hint ? `${id}-hint` : undefined;
  return html`<fieldset class="gov-form-control field fieldset" data-invalid=${err ? 'true' : 'false'}
    aria-describedby=${ifDefined([hintId, err ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined)}>
    <legend class="gov-form-label legend"><span class="gov-form-label__label">${legend}</span></legend>
    ${hint ? html`<p class="field-hint" id=${hintId!}>${hint}</p>` : nothing} ${fieldError(id, err)}
    <div class="options">
      ${all.map(
        (v) => html`<div class="gov-form-checkbox option" data-size="m">
          <input type="checkbox" id=${`${id}-${v}`} name=${id} .value=${v} .checked=${live(chosen.includes(v))}
            @change=${(e: Event) => set((e.target as HTMLInputElement).checked ? [...chosen, v] : chosen.filter((x) => x !== v))} />
          <span class="option__text"><label for=${`${id}-${v}`} class="option__label">${names[v] ?? v}</label></span>
        </div>`,
      )}
    </div>
  </fieldset>`;
}

function boxField(id: string, label: string, checked: boolean, set: (v: boolean) => void): TemplateResult {
  return html`<div class="gov-form-checkbox option" data-size="m">
    <input type="checkbox" id=${id} name=${id} .checked=${live(checked)} @change=${(e: Event) => set((e.target as HTMLInputElement).checked)} />
    <span class="option__text"><label for=${id} class="option__label">${label}</label></span>
  </div>`;
}

export function eventFormPage(id: string): Page {
  const isNew = id === '';
  let f: FormState = blank();
  let loaded: StaffEvent | undefined;
  let loadErr: unknown;
  let loading = !isNew;
  let errors = new Map<string, string>();
  let problem: { kind: 'conflict' } | { kind: 'error'; err: unknown } | undefined;
  let busy = false;
  let closesRead = '';
  const admin = () => mayUse(['admin']);

  const load = async () => {
    loading = true;
    loadErr = undefined;
    problem = undefined;
    errors = new Map();
    update();
    try {
      loaded = await getEvent(id);
      f = fromEvent(loaded);
      closesRead = f.closes;
    } catch (err) {
      loadErr = err;
    }
    loading = false;
    update();
  };

  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    problem = undefined;
    const { input, errors: local } = toInput(f, !isNew && f.closes === closesRead && !!loaded && defaultCloses(loaded));
    errors = local;
    if (errors.size) {
      show();
      return;
    }
    busy = true;
    update();
    try {
      // A change names the version it was made from: someone else's change
      // meanwhile is a 409, never overwritten unseen.
      const saved = isNew ? await createEvent(input) : await updateEvent(id, { ...input, version: loaded!.version });
      flash = tx().form.saved;
      busy = false;
      navigate(`/staff/events/${saved.id}`);
      return;
    } catch (err) {
      busy = false;
      if (err instanceof ApiError && err.status === 400 && err.problem.errors?.length) {
        errors = new Map();
        for (const e of err.problem.errors) {
          const slot = slotOf(e.field);
          if (!errors.has(slot)) errors.set(slot, e.message);
        }
        // A session without a date has no start or end to send: its
        // "required" belongs to the date, not to a time already typed.
        f.sessions.forEach((x, i) => {
          if (x.date.trim()) return;
          const msg = errors.get(`sessions.${i}.start`) ?? errors.get(`sessions.${i}.end`);
          if (msg && !errors.has(`sessions.${i}.date`)) errors.set(`sessions.${i}.date`, msg);
          if (x.start.trim()) errors.delete(`sessions.${i}.start`);
          if (x.end.trim()) errors.delete(`sessions.${i}.end`);
        });
      } else if (err instanceof ApiError && err.status === 409 && err.code === 'event_changed') {
        problem = { kind: 'conflict' };
      } else {
        problem = { kind: 'error', err };
      }
      show();
    }
  };

  const show = () => {
    update();
    afterRender(() => focusId(errors.size ? 'error-summary' : 'form-problem'));
    update();
  };

  const title = () => (isNew ? tx().form.newTitle : tx().form.editTitle(loaded ? (lang() === 'en' && loaded.title.en) || loaded.title.cs : ''));

  const view = (): TemplateResult => {
    const m = tx().form;
    if (loading) return html`<h1 tabindex="-1">${title()}</h1><p role="status">${t().console.loading}</p>`;
    if (loadErr) return html`<h1 tabindex="-1">${title()}</h1>${message('error', html`<p>${problemText(loadErr)}</p>`, { role: 'alert' })}`;
    const shown = slots(f, admin());
    const items: ErrorItem[] = [...errors].map(([slot, msg]) =>
      shown.has(slot) ? { target: targetOf(slot), message: `${labelOf(slot)}: ${msg}` } : { message: `${labelOf(slot)}: ${msg}` },
    );
    const err = (slot: string) => errors.get(slot);
    const tf = (slot: string, label: string, value: string, set: (v: string) => void, o: Partial<Parameters<typeof textField>[0]> = {}) =>
      textField({ id: idOf(slot), label, value, error: err(slot), onInput: (v) => set(v), ...o });
    const names = NAMES[lang()];
    return html`<h1 tabindex="-1">${title()}</h1>
      <p class="lead">${isNew ? m.lead : m.leadEdit}</p>
      ${errorSummary(items)}
      ${problem?.kind === 'conflict'
        ? html`<div id="form-problem" tabindex="-1" role="alert">${message('error', html`<h2 class="notice__title">${m.conflictTitle}</h2><p>${m.conflict}</p>
            <p>${btn('secondary', m.reload, () => void load().then(() => afterRender(() => focusId('f-kind'))), 'reload')}</p>`)}</div>`
        : problem
          ? html`<div id="form-problem" tabindex="-1" role="alert">${message('error', html`<p>${problemText(problem.err)}</p>`)}</div>`
          : nothing}
      <form class="event-form" novalidate @submit=${submit}>
        <fieldset class="event-form__section">
          <legend><h2>${m.basics}</h2></legend>
          ${selectField({ id: 'f-kind', label: m.kind, options: KINDS.map((k) => ({ value: k, label: tx().kind[k] })), value: f.kind, error: err('kind'), onChange: (v) => (f.kind = (v || 'workshop') as Kind) })}
          ${tf('title.cs', m.titleCs, f.titleCs, (v) => (f.titleCs = v), { maxlength: 200 })}
          ${tf('title.en', m.titleEn, f.titleEn, (v) => (f.titleEn = v), { optional: true, maxlength: 200, spellcheck: false })}
          ${tf('description.cs', m.descriptionCs, f.descCs, (v) => (f.descCs = v), { multiline: true, maxlength: 5000 })}
          ${tf('description.en', m.descriptionEn, f.descEn, (v) => (f.descEn = v), { multiline: true, optional: true, maxlength: 5000, spellcheck: false })}
          ${checkGroup('topics', m.topics, m.topicsHint, TOPICS, names.topic, f.topics, err('topics'), (v) => ((f.topics = v), update()))}
          ${checkGroup('targetGroups', m.targetGroups, undefined, TARGET_GROUPS, names.target_group, f.targetGroups, err('targetGroups'), (v) => ((f.targetGroups = v), update()))}
          ${selectField({ id: 'f-region', label: m.region, placeholder: m.choose, options: REGIONS.map((r) => ({ value: r, label: names.region[r] ?? r })), value: f.region, error: err('region'), onChange: (v) => (f.region = v) })}
          ${tf('organiser', m.organiser, f.organiser, (v) => (f.organiser = v), { hint: m.organiserHint, maxlength: 200 })}
          ${admin() ? tf('owner', m.owner, f.owner, (v) => (f.owner = v), { hint: m.ownerHint, optional: true, spellcheck: false }) : nothing}
        </fieldset>

        <fieldset class="event-form__section">
          <legend><h2>${m.when}</h2></legend>
          <p class="field-hint">${m.sessionsHint}</p>
          ${f.sessions.map(
            (s, i) => html`<fieldset class="event-form__group">
              <legend class="gov-form-label"><span class="gov-form-label__label">${m.session(i + 1)}</span></legend>
              <div class="event-form__row">
                ${tf(`sessions.${i}.date`, m.date, s.date, (v) => (s.date = v), { hint: m.dateHint, width: 's', inputmode: 'numeric', spellcheck: false })}
                ${tf(`sessions.${i}.start`, m.start, s.start, (v) => (s.start = v), { hint: m.timeHint, width: 's', spellcheck: false })}
                ${tf(`sessions.${i}.end`, m.end, s.end, (v) => (s.end = v), { hint: m.timeHint, width: 's', spellcheck: false })}
              </div>
              ${f.sessions.length > 1
                ? html`<p>${btn('link', m.removeSession(i + 1), () => {
                    f.sessions.splice(i, 1);
                    errors = new Map();
                    update();
                    focusId('add-session');
                  }, `remove-session-${i}`)}</p>`
                : nothing}
            </fieldset>`,
          )}
          ${f.sessions.length < MAX_SESSIONS
            ? html`<p>${btn('secondary', m.addSession, () => {
                const last = f.sessions[f.sessions.length - 1];
                f.sessions.push({ date: last?.date ?? '', start: '', end: '' });
                update();
                focusId(idOf(`sessions.${f.sessions.length - 1}.start`));
              }, 'add-session')}</p>`
            : nothing}
        </fieldset>

        <fieldset class="event-form__section">
          <legend><h2>${m.where}</h2></legend>
          ${radioGroup({ name: 'f-mode', legend: m.mode, options: MODES.map((x) => ({ value: x, label: tx().mode[x] })), value: f.mode, error: err('mode'), onChange: (v) => ((f.mode = v), update()) })}
          ${inPerson(f.mode)
            ? html`${tf('venue.name', m.venueName, f.venueName, (v) => (f.venueName = v), { maxlength: 200 })}
                ${tf('venue.address', m.venueAddress, f.venueAddress, (v) => (f.venueAddress = v), { multiline: true, maxlength: 500 })}
                <div class="field">${boxField('f-venue-stepFree', m.stepFree, f.stepFree, (v) => (f.stepFree = v))}
                ${boxField('f-venue-inductionLoop', m.inductionLoop, f.inductionLoop, (v) => (f.inductionLoop = v))}</div>
                ${tf('venue.parking', m.parking, f.parking, (v) => (f.parking = v), { optional: true, hint: m.parkingHint, maxlength: 300 })}
                ${tf('venue.nearestStop', m.nearestStop, f.nearestStop, (v) => (f.nearestStop = v), { optional: true, maxlength: 200 })}`
            : nothing}
          ${online(f.mode) ? tf('onlineLink', m.onlineLink, f.onlineLink, (v) => (f.onlineLink = v), { hint: m.onlineLinkHint, spellcheck: false, maxlength: 500 }) : nothing}
        </fieldset>

        <fieldset class="event-form__section">
          <legend><h2>${m.registration}</h2></legend>
          ${inPerson(f.mode) ? tf('capacity.inPerson', m.capacityInPerson, f.capIn, (v) => (f.capIn = v), { width: 's', inputmode: 'numeric', spellcheck: false }) : nothing}
          ${online(f.mode) ? tf('capacity.online', m.capacityOnline, f.capOnline, (v) => (f.capOnline = v), { width: 's', inputmode: 'numeric', spellcheck: false }) : nothing}
          ${tf('orgLimit', m.orgLimit, f.orgLimit, (v) => (f.orgLimit = v), { hint: m.orgLimitHint, width: 's', inputmode: 'numeric', spellcheck: false })}
          ${tf('registrationOpens', m.opens, f.opens, (v) => (f.opens = v), { hint: m.opensHint, optional: true, width: 'm', spellcheck: false })}
          ${tf('registrationCloses', m.closes, f.closes, (v) => (f.closes = v), { hint: m.closesHint, optional: true, width: 'm', spellcheck: false })}
        </fieldset>

        <fieldset class="event-form__section">
          <legend><h2>${m.questions}</h2></legend>
          <p class="field-hint">${m.questionsHint}</p>
          ${f.questions.map((q, i) => questionView(q, i, err, () => {
            f.questions.splice(i, 1);
            errors = new Map();
            update();
            focusId('add-question');
          }))}
          ${f.questions.length < MAX_QUESTIONS
            ? html`<p>${btn('secondary', m.addQuestion, () => {
                f.questions.push({ kind: 'short_text', labelCs: '', labelEn: '', optionsCs: '', optionsEn: '', required: false });
                update();
                focusId(idOf(`questions.${f.questions.length - 1}.kind`));
              }, 'add-question')}</p>`
            : nothing}
        </fieldset>

        <p class="form-actions">
          <button class="gov-button" data-type="solid" data-color="primary" data-size="m" type="submit" id="save" aria-disabled=${busy ? 'true' : 'false'}>${busy ? m.saving : m.save}</button>
          <a href=${isNew ? '/staff/events' : `/staff/events/${id}`}>${m.cancel}</a>
        </p>
      </form>`;
  };

  const questionView = (q: QuestionF, i: number, err: (s: string) => string | undefined, remove: () => void): TemplateResult => {
    const m = tx().form;
    const slot = (k: string) => `questions.${i}.${k}`;
    const choice = q.kind === 'single_choice' || q.kind === 'multiple_choice';
    return html`<fieldset class="event-form__group">
      <legend class="gov-form-label"><span class="gov-form-label__label">${m.question(i + 1)}</span></legend>
      ${selectField({ id: idOf(slot('kind')), label: m.questionKind, options: QKINDS.map((k) => ({ value: k, label: tx().question[k] })), value: q.kind, error: err(slot('kind')), onChange: (v) => ((q.kind = (v || 'short_text') as QuestionKind), update()) })}
      ${textField({ id: idOf(slot('label.cs')), label: m.questionCs, value: q.labelCs, error: err(slot('label.cs')), maxlength: 200, onInput: (v) => (q.labelCs = v) })}
      ${textField({ id: idOf(slot('label.en')), label: m.questionEn, value: q.labelEn, error: err(slot('label.en')), optional: true, maxlength: 200, spellcheck: false, onInput: (v) => (q.labelEn = v) })}
      ${choice
        ? html`${textField({ id: idOf(slot('options')), label: m.optionsCs, hint: m.optionsHint, value: q.optionsCs, error: err(slot('options')), multiline: true, onInput: (v) => (q.optionsCs = v) })}
            ${textField({ id: idOf(slot('optionsEn')), label: m.optionsEn, hint: m.optionsEnHint, value: q.optionsEn, optional: true, multiline: true, spellcheck: false, onInput: (v) => (q.optionsEn = v) })}`
        : nothing}
      <div class="field">${boxField(idOf(slot('required')), m.required, q.required, (v) => (q.required = v))}</div>
      <p>${btn('link', m.removeQuestion(i + 1), remove, `remove-question-${i}`)}</p>
    </fieldset>`;
  };

  return guarded(groupsOf(isNew ? '/staff/events/new' : '/staff/events/ev-sample/edit'), title, view, () => {
    f = blank();
    errors = new Map();
    problem = undefined;
    if (!isNew) void load();
  });
}

/** Whether an event closes registration at the API's default (24 h before its start). */
function defaultCloses(e: StaffEvent): boolean {
  const start = e.sessions[0]?.start;
  return !!start && Date.parse(e.registrationCloses) === Date.parse(start) - 24 * 3600_000;
}

