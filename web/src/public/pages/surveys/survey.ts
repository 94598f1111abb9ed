// A survey page: an awareness survey by its public link (/surveys/<id>)
// or an evaluation survey by an invitation (/surveys/answer#<token>).
//
// States: loading, the form, sent (thank you), already answered, the
// link expired, opted out, not running (outside the survey's waves), not
// found, the link incomplete, errors. The form in two modes, switched by a
// visible toggle at the top (remembered for this tab, sessionStorage):
//   - normal: every shown question on one page, numbered, a progress bar
//     of the questions answered, the GOV.UK error summary at the top;
//   - easy read (snadné čtení): one thing per screen with Back and Next,
//     the easy-read wording, larger text and touch targets, Likert items
//     as three faces (codes 1, 3, 5), and "Hotovo" on the last screen.
// A question's condition (showIf) is evaluated as the answers change; a
// hidden question is neither asked nor sent.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, newIdempotencyKey } from '../../../lib/api';
import { powSolution, powWidget, renewPow } from '../../../lib/pow';
import { afterRender, focusId, update, type Page } from '../../../lib/router';
import { errorSummary, fieldError, message, type ErrorItem } from '../../../lib/ui';
import { REGIONS, TARGET_GROUPS } from '../../../lib/vocab';
import { formatNumber } from '../../i18n';
import { getInvitation, getSurvey, submitInvited, submitResponse, type PublicSurvey, type Question, type Respondent, type Text } from '../../surveys/api';
import { t } from '../../surveys/i18n';
import {
  allVars,
  buildAnswers,
  easySteps,
  PREFER_NOT,
  questionAnswered,
  serverField,
  stepVars,
  toEasyRead,
  txt,
  validate,
  varsOf,
  visibleQuestions,
  type Draft,
  type DraftValue,
  type Problem,
  type Step,
} from '../../surveys/logic';
import { browserKey, easyReadOn, hasAnswered, markAnswered, setEasyRead } from '../../surveys/store';
import { fieldId, ltext, optionId, questionView, stepPrefix, type Ctx } from './controls';
import { lang } from '../../i18n';

type Phase =
  | 'loading'
  | 'form'
  | 'sent'
  | 'answered'
  | 'expired'
  | 'optedOut'
  | 'notRunning'
  | 'notFound'
  | 'noToken'
  | 'invalidToken'
  | 'error';

type Msg = () => string;

interface State {
  invited: boolean;
  id: string;
  token: string;
  phase: Phase;
  survey?: PublicSurvey;
  loadError?: ApiError;
  d: Draft;
  errors: Map<string, Msg>;
  general: Msg[];
  step: number;
  submitting: boolean;
  /** One Idempotency-Key per intended submission, kept with its proof of work for a retry of the same request. */
  idempotencyKey?: string;
  pow?: string;
  /**
   * Whether the person has started answering: the proof-of-work widget
   * (its code is 23 KB compressed) is shown from then on, so that it
   * solves its challenge while the questions are answered and the first
   * load of the page stays light.
   */
  started: boolean;
}

/** The number of the latest load: an answer to an earlier one (another page's) is dropped. */
let loads = 0;

let s: State = fresh(false, '', '');

function fresh(invited: boolean, id: string, token: string): State {
  return { invited, id, token, phase: 'loading', d: {}, errors: new Map(), general: [], step: 0, submitting: false, started: false };
}

/** The phase an API refusal means (docs/openapi.yaml: SurveyConflict, InvitationConflict, the 404s). */
export function phaseOf(e: ApiError, invited: boolean): Phase {
  switch (e.code) {
    case 'invitation_opted_out':
      return 'optedOut';
    case 'already_answered':
    case 'invitation_answered':
      return 'answered';
    case 'invitation_expired':
      return 'expired';
    case 'survey_not_running':
      return 'notRunning';
  }
  if (e.status === 404) return invited ? 'invalidToken' : 'notFound';
  return 'error';
}

/** What an invitation's state shows. */
const INVITATION_PHASE: Record<'open' | 'answered' | 'opted_out' | 'expired', Phase> = {
  open: 'form',
  answered: 'answered',
  opted_out: 'optedOut',
  expired: 'expired',
};

const awareness = (): boolean => !s.invited && s.survey?.kind === 'awareness';
const easyMode = (): boolean => easyReadOn();
const questions = (): Question[] => s.survey?.definition.questions ?? [];

// ---- loading -----------------------------------------------------------------

async function load(): Promise<void> {
  const my = ++loads;
  s.phase = 'loading';
  update();
  try {
    if (s.invited) {
      const inv = await getInvitation(s.token);
      if (my !== loads) return;
      s.survey = inv.survey;
      s.phase = INVITATION_PHASE[inv.state];
      if (s.phase === 'form' && !inv.survey) s.phase = 'expired';
    } else {
      const survey = await getSurvey(s.id);
      if (my !== loads) return;
      s.survey = survey;
      s.phase = hasAnswered(s.id) ? 'answered' : survey.running ? 'form' : 'notRunning';
    }
  } catch (x) {
    if (my !== loads) return;
    const e = x instanceof ApiError ? x : new ApiError(0, {});
    s.loadError = e;
    s.phase = phaseOf(e, s.invited);
  }
  update();
}

// ---- answers and errors ----------------------------------------------------------

function problemText(p: Problem): string {
  const v = t().surveys.validation;
  switch (p.code) {
    case 'tooFew':
      return v.tooFew(p.n);
    case 'tooMany':
      return v.tooMany(p.n);
    case 'below':
      return v.below(formatNumber(p.n));
    case 'above':
      return v.above(formatNumber(p.n));
    case 'tooLong':
      return v.tooLong(formatNumber(p.n));
    default:
      return v[p.code];
  }
}

function set(v: string, val: DraftValue | undefined): void {
  if (val === undefined) delete s.d[v];
  else s.d[v] = val;
  s.started = true;
  s.errors.delete(v);
  update();
}

const ctxBase = (): Omit<Ctx, 'number' | 'heading'> => ({
  easy: easyMode(),
  value: (v) => s.d[v],
  set,
  error: (v) => s.errors.get(v)?.(),
});

/** Checks the context questions (awareness): both are required, "prefer not to say" included. */
function contextProblems(): Map<string, Msg> {
  const out = new Map<string, Msg>();
  if (!awareness()) return out;
  const m = () => t().surveys.validation;
  if (!s.d.targetGroup) out.set('targetGroup', () => m().targetGroup);
  if (!s.d.region) out.set('region', () => m().region);
  return out;
}

function allProblems(): Map<string, Msg> {
  const out = contextProblems();
  const easy = easyMode();
  for (const [v, p] of validate(questions(), s.d, easy)) out.set(v, () => problemText(p));
  return out;
}

/** The question a variable belongs to. */
function questionOf(v: string): Question | undefined {
  return questions().find((q) => varsOf(q).includes(v));
}

/** The control an error links to. */
function targetOf(v: string): string {
  if (v === 'targetGroup') return `targetGroup-${TARGET_GROUPS[0]}`;
  if (v === 'region') return easyMode() ? `region-${REGIONS[0]}` : 'region';
  const q = questionOf(v);
  if (!q) return '';
  switch (q.type) {
    case 'number':
    case 'short_text':
    case 'long_text':
      return fieldId(v);
    case 'single_choice':
    case 'multiple_choice':
      return optionId(v, q.options?.[0]?.code ?? 0);
    case 'likert':
    case 'likert_matrix':
      return optionId(v, 1);
    case 'nps':
      return optionId(v, 0);
    case 'yes_no':
      return optionId(v, 1);
  }
}

function labelOf(v: string): string {
  const m = t().surveys;
  const l = lang();
  const easy = easyMode();
  if (v === 'targetGroup') return easy ? m.easy.targetGroup : m.context.targetGroup;
  if (v === 'region') return easy ? m.easy.region : m.context.region;
  const q = questionOf(v);
  if (!q) return v;
  const qt = txt(easy && q.easyRead?.cs ? q.easyRead : q.text, l);
  if (q.type === 'likert_matrix') {
    const it = q.items?.find((i) => i.var === v);
    if (it) return m.q.matrixItem(qt, txt(easy && it.easyRead?.cs ? it.easyRead : it.text, l));
  }
  return qt;
}

function errorItems(only?: string[]): ErrorItem[] {
  const items: ErrorItem[] = [];
  const order = ['targetGroup', 'region', ...allVars(questions())];
  for (const v of order) {
    if (only && !only.includes(v)) continue;
    const msg = s.errors.get(v);
    if (!msg) continue;
    const text = v === 'targetGroup' || v === 'region' ? msg() : t().surveys.validation.question(labelOf(v), msg());
    items.push({ target: targetOf(v), message: text });
  }
  for (const g of s.general) items.push({ message: g() });
  return items;
}

function showErrors(): void {
  afterRender(() => focusId('error-summary'));
  update();
}

// ---- the easy-read steps ----------------------------------------------------------

function steps(): Step[] {
  return easySteps(questions(), s.d, awareness());
}

/** The variables of the easy-read screen shown. */
function currentStepVars(): string[] {
  const st = steps()[s.step];
  return st ? stepVars(st) : [];
}

function goStep(n: number): void {
  s.step = Math.max(0, Math.min(n, steps().length - 1));
  s.errors.clear();
  s.general = [];
  afterRender(() => {
    const h = document.getElementById('step-title');
    h?.focus({ preventScroll: true });
    document.querySelector('.survey-progress')?.scrollIntoView({ block: 'start' });
  });
  update();
}

function next(): void {
  const st = steps();
  const cur = st[Math.min(s.step, st.length - 1)];
  if (!cur) return;
  const vars = stepVars(cur);
  const problems = allProblems();
  s.errors.clear();
  s.general = [];
  for (const v of vars) {
    const p = problems.get(v);
    if (p) s.errors.set(v, p);
  }
  if (s.errors.size) {
    showErrors();
    return;
  }
  goStep(s.step + 1);
}

function toggleEasy(): void {
  const on = !easyMode();
  setEasyRead(on);
  if (on) s.d = toEasyRead(questions(), s.d);
  s.errors.clear();
  s.general = [];
  s.step = 0;
  update();
}

// ---- submitting ---------------------------------------------------------------------

async function submit(ev: Event): Promise<void> {
  ev.preventDefault();
  if (s.submitting || !s.survey) return;
  const easy = easyMode();
  if (easy && s.step < steps().length - 1) {
    next();
    return;
  }
  s.general = [];
  s.started = true;
  s.errors = allProblems();
  if (s.errors.size) {
    if (easy) {
      // The first screen with a missing or wrong answer.
      const st = steps();
      const i = st.findIndex((x) => stepVars(x).some((v) => s.errors.has(v)));
      if (i >= 0) s.step = i;
    }
    showErrors();
    return;
  }
  s.submitting = true;
  s.idempotencyKey ??= newIdempotencyKey();
  update();
  const survey = s.survey;
  try {
    const answers = buildAnswers(questions(), s.d);
    const key = s.idempotencyKey;
    await withFreshPow(async (pow) => {
      if (s.invited) await submitInvited(s.token, { version: survey.version, easyRead: easy, answers }, key, pow);
      else await submitResponse(survey.id, { version: survey.version, context: respondent(), browserKey: browserKey(survey.id), easyRead: easy, answers }, key, pow);
    });
    if (!s.invited) markAnswered(survey.id);
    s.submitting = false;
    s.idempotencyKey = undefined;
    s.pow = undefined;
    s.phase = 'sent';
    s.d = {};
    afterRender(() => document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true }));
    window.scrollTo(0, 0);
    update();
  } catch (x) {
    s.submitting = false;
    if (!(x instanceof ApiError)) throw x;
    // The same request may be sent again after a network failure or while
    // the first is still being processed; anything else needs a new one.
    const retryable = x.network || x.status === 503 || x.code === 'idempotency_in_progress';
    if (!retryable) {
      s.idempotencyKey = undefined;
      s.pow = undefined;
      renewPow();
    }
    failure(x);
  }
}

/**
 * Sends with the proof of work, and once more with a fresh one when the
 * server refuses it (a challenge lives 10 minutes, and nobody should have
 * to hurry through a survey: the easy-read mode least of all).
 */
async function withFreshPow(send: (pow: string) => Promise<void>): Promise<void> {
  s.pow ??= await powSolution();
  try {
    await send(s.pow);
  } catch (x) {
    if (!(x instanceof ApiError) || x.status !== 403 || !x.code.startsWith('proof_of_work')) throw x;
    renewPow();
    s.pow = await powSolution();
    await send(s.pow);
  }
}

/** The self-declared target group and region, "not stated" when so chosen. */
function respondent(): Respondent {
  return {
    targetGroup: String(s.d.targetGroup ?? PREFER_NOT) as Respondent['targetGroup'],
    region: String(s.d.region ?? PREFER_NOT) as Respondent['region'],
  };
}

/**
 * A newer version was published meanwhile: load it, keep the answers of
 * the variables it still has, and ask the person to check them.
 */
async function reloadChanged(): Promise<void> {
  try {
    const fresh = s.invited ? (await getInvitation(s.token)).survey : await getSurvey(s.id);
    if (fresh) {
      s.survey = fresh;
      const vars = new Set(['targetGroup', 'region', ...allVars(questions())]);
      for (const v of Object.keys(s.d)) if (!vars.has(v)) delete s.d[v];
      if (easyMode()) s.d = toEasyRead(questions(), s.d);
    }
  } catch {
    /* the message stands; sending again reports what is wrong */
  }
  s.general = [() => t().surveys.versionChanged];
  s.step = 0;
  showErrors();
}

function failure(x: ApiError): void {
  const m = t();
  if (x.status === 400 && x.problem.errors?.length) {
    const vars = ['targetGroup', 'region', ...allVars(questions())];
    for (const fe of x.problem.errors) {
      const v = serverField(fe.field, vars);
      if (v) s.errors.set(v, () => fe.message);
      else s.general.push(() => fe.message);
    }
    if (easyMode()) {
      const i = steps().findIndex((st) => stepVars(st).some((v) => s.errors.has(v)));
      if (i >= 0) s.step = i;
    }
    showErrors();
    return;
  }
  if (x.code === 'survey_version_changed') {
    void reloadChanged();
    return;
  }
  const phase = x.status === 409 || x.status === 404 ? phaseOf(x, s.invited) : 'error';
  if (phase !== 'error') {
    if (phase === 'answered' && !s.invited && s.survey) markAnswered(s.survey.id);
    s.phase = phase;
    afterRender(() => document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true }));
    update();
    return;
  }
  if (x.network) s.general = [() => m.api.network];
  else if (x.status === 503 || x.status === 429) s.general = [() => m.api.busy(x.retryAfter ?? 5)];
  else {
    const rid = x.problem.requestId;
    const text = x.message;
    s.general = [() => (text || m.api.generic) + (rid ? ` (${m.api.requestId(rid)})` : '')];
  }
  showErrors();
}

// ---- the views -------------------------------------------------------------------------

function easySwitch(): TemplateResult {
  const m = t().surveys.easySwitch;
  const on = easyMode();
  return html`<div class="easy-switch">
    <button type="button" class="easy-switch__button" id="easy-switch" aria-pressed=${on ? 'true' : 'false'} aria-describedby="easy-switch-hint" @click=${toggleEasy}>
      <span class="easy-switch__track" aria-hidden="true"><span class="easy-switch__knob"></span></span>
      <span class="easy-switch__label">${m.label}</span>
    </button>
    <p class="easy-switch__hint" id="easy-switch-hint">${m.hint}</p>
  </div>`;
}

function progress(n: number, total: number, text: string): TemplateResult {
  return html`<div class="survey-progress">
    <p class="survey-progress__text" id="progress-text">${text}</p>
    <progress max=${total} .value=${n} aria-labelledby="progress-text"></progress>
  </div>`;
}

/** The target group: the programme's vocabulary and "prefer not to say". */
function targetGroupView(heading: boolean): TemplateResult {
  const m = t();
  const easy = easyMode();
  const err = s.errors.get('targetGroup')?.();
  const opts = [...TARGET_GROUPS, PREFER_NOT];
  return radios('targetGroup', easy ? m.surveys.easy.targetGroup : m.surveys.context.targetGroup, opts, (v) => (v === PREFER_NOT ? m.surveys.context.preferNot : m.vocab.targetGroup[v as keyof typeof m.vocab.targetGroup]), err, heading, easy ? 'options--big' : '');
}

function regionView(heading: boolean): TemplateResult {
  const m = t();
  const easy = easyMode();
  const err = s.errors.get('region')?.();
  const name = (v: string) => (v === PREFER_NOT ? m.surveys.context.preferNot : m.vocab.region[v as keyof typeof m.vocab.region]);
  if (easy) return radios('region', m.surveys.easy.region, [...REGIONS, PREFER_NOT], name, err, heading, 'options--big');
  const cur = String(s.d.region ?? '');
  return html`<div class="gov-form-control field question" data-invalid=${err ? 'true' : 'false'}>
    <label class="gov-form-label" for="region"
      ><span class="q-number">${numberText(2)}</span><span class="gov-form-label__label q-text">${m.surveys.context.region} <span class="q-required">${m.surveys.required}</span></span></label
    >
    ${fieldError('region', err)}
    <div class="gov-form-select field-input field-input--m" data-size="m" data-invalid=${err ? 'true' : 'false'}>
      <span class="element">
        <select id="region" name="region" required aria-invalid=${err ? 'true' : 'false'} aria-describedby=${err ? 'region-error' : nothing} @change=${(e: Event) => set('region', (e.target as HTMLSelectElement).value || undefined)}>
          <option value="" ?selected=${!cur}>${m.surveys.context.regionPlaceholder}</option>
          ${[...REGIONS, PREFER_NOT].map((r) => html`<option value=${r} ?selected=${cur === r}>${name(r)}</option>`)}
        </select>
      </span>
    </div>
  </div>`;
}

function radios(name: string, legend: string, values: readonly string[], label: (v: string) => string, err: string | undefined, heading: boolean, cls: string): TemplateResult {
  const m = t().surveys;
  const cur = s.d[name];
  const errId = err ? `${name}-error` : undefined;
  return html`<fieldset class="gov-form-control field fieldset question" data-type="radio" data-invalid=${err ? 'true' : 'false'} aria-describedby=${errId ?? nothing} id=${`${name}-group`}>
    <legend class="gov-form-label legend q-legend" legend="true">
      ${heading
        ? html`<h2 class="q-heading" id="step-title" tabindex="-1">${stepPrefix(t().surveys.easy.step(s.step + 1, steps().length))}<span class="q-heading__text">${legend}</span></h2>`
        : html`<span class="q-number">${numberText(name === 'targetGroup' ? 1 : 2)}</span><span class="gov-form-label__label q-text">${legend} <span class="q-required">${m.required}</span></span>`}
    </legend>
    ${fieldError(name, err)}
    <div class="gov-form-radio-group options ${cls}" data-gap="m">
      ${values.map((v) => {
        const id = `${name}-${v}`;
        return html`<div class="gov-form-radio option" data-size="m" data-invalid=${err ? 'true' : 'false'}>
          <input type="radio" id=${id} name=${name} .value=${v} .checked=${cur === v} required @change=${() => set(name, v)} />
          <span class="option__text"><label for=${id} class="option__label">${label(v)}</label></span>
        </div>`;
      })}
    </div>
  </fieldset>`;
}

/** The number of all questions shown (the context ones included). */
function totalQuestions(): number {
  return (awareness() ? 2 : 0) + visibleQuestions(questions(), s.d).length;
}

function numberText(n: number): string {
  return t().surveys.progress.question(n, totalQuestions());
}

function normalBody(): TemplateResult {
  const m = t().surveys;
  const shown = visibleQuestions(questions(), s.d);
  const offset = awareness() ? 2 : 0;
  const done =
    (awareness() ? (s.d.targetGroup ? 1 : 0) + (s.d.region ? 1 : 0) : 0) + shown.filter((q) => questionAnswered(q, s.d)).length;
  const total = totalQuestions();
  return html`${progress(done, total, m.progress.answered(done, total))}
    <p class="survey-required-note">${m.requiredNote}</p>
    ${awareness() ? html`${targetGroupView(false)}${regionView(false)}` : nothing}
    ${shown.map((q, i) => questionView(q, { ...ctxBase(), number: numberText(offset + i + 1) }))}`;
}

function easyBody(): TemplateResult {
  const m = t().surveys;
  const st = steps();
  if (s.step > st.length - 1) s.step = Math.max(0, st.length - 1);
  const cur = st[s.step];
  const total = st.length;
  const number = m.easy.step(s.step + 1, total);
  let body: TemplateResult = html``;
  if (cur?.kind === 'targetGroup') body = targetGroupView(true);
  else if (cur?.kind === 'region') body = regionView(true);
  else if (cur?.kind === 'question') body = questionView(cur.q, { ...ctxBase(), heading: true, number });
  else if (cur?.kind === 'item') body = questionView(cur.q, { ...ctxBase(), heading: true, number }, cur.index);
  return html`${progress(s.step + 1, total, number)} ${body}
  ${s.step === total - 1 ? html`<p class="easy-last">${m.easy.lastStep}</p>` : nothing}`;
}

function actions(): TemplateResult {
  const m = t().surveys;
  const easy = easyMode();
  const busy = s.submitting ? 'true' : 'false';
  if (!easy)
    return html`<div class="form-actions">
      <button type="submit" class="gov-button" data-type="solid" data-color="primary" data-size="l" aria-disabled=${busy}>${s.submitting ? m.submitting : m.submit}</button>
    </div>`;
  const last = s.step >= steps().length - 1;
  return html`<div class="form-actions easy-actions">
    ${s.step > 0
      ? html`<button type="button" class="gov-button" data-type="outlined" data-color="primary" data-size="l" @click=${() => goStep(s.step - 1)}>${m.easy.back}</button>`
      : nothing}
    <button type="submit" class="gov-button" data-type="solid" data-color="primary" data-size="l" aria-disabled=${busy}>
      ${s.submitting ? m.submitting : last ? m.easy.done : m.easy.next}
    </button>
  </div>`;
}

function formView(sv: PublicSurvey): TemplateResult {
  const m = t();
  const easy = easyMode();
  const def = sv.definition;
  const intro = easy && def.easyIntro?.cs ? def.easyIntro : def.intro;
  const first = !easy || s.step === 0;
  return html`${easySwitch()}
    ${errorSummary(errorItems(easy ? currentStepVars() : undefined), easy ? m.surveys.easy.errorTitle : undefined)}
    ${first
      ? html`<div class="survey-intro">
          ${paragraphs(intro)}
          ${easy ? html`<p>${m.surveys.easy.lead}</p>` : html`<p>${s.invited ? m.surveys.anonymousInvited : m.surveys.anonymous}</p>`}
          ${!easy && sv.wave ? html`<p class="survey-wave">${m.surveys.wave(txt(sv.wave.name, lang()))}</p>` : nothing}
        </div>`
      : nothing}
    <!-- The proof-of-work widget works in the background; easy read does not show it (one thing per screen). -->
    <form class="survey-form" novalidate @submit=${submit}>
      ${easy ? easyBody() : normalBody()}
      <div class="survey-pow" ?hidden=${easy}>${s.started ? powWidget(m.pow) : nothing}</div>
      ${actions()}
      ${s.submitting ? html`<p class="loading" role="status">${m.surveys.submitting}</p>` : nothing}
    </form>`;
}

/** A text with line breaks as paragraphs (the first one a lead). */
function paragraphs(v: Text | undefined): TemplateResult | typeof nothing {
  if (!v?.cs) return nothing;
  const l = lang();
  const cz = l === 'en' && !v.en;
  const parts = txt(v, l).split(/\n+/).map((p) => p.trim()).filter(Boolean);
  return html`${parts.map((p, i) => html`<p class=${i === 0 ? 'lead' : ''} lang=${cz ? 'cs' : nothing}>${p}</p>`)}`;
}

function stateView(): TemplateResult {
  const m = t();
  const st = m.surveys.state;
  const home = html`<p><a href="/">${st.home}</a></p>`;
  switch (s.phase) {
    case 'loading':
      return html`<p class="loading" role="status">${m.surveys.loading}</p>`;
    case 'sent':
      return easyMode()
        ? html`<div class="sent-easy">${faceLarge()}<p class="lead">${m.surveys.easy.sentText}</p></div>${home}`
        : html`${message('success', html`<p>${st.sent}</p>`)}${home}`;
    case 'answered':
      return html`${message('primary', html`<p>${s.invited ? st.invitationAnswered : st.answered}</p>`)}${home}`;
    case 'expired':
      return html`${message('warning', html`<p>${st.expired}</p>`)}${home}`;
    case 'optedOut':
      return html`${message('primary', html`<p>${st.optedOut}</p>`)}${home}`;
    case 'notRunning':
      return html`${message('primary', html`<p>${st.notRunning}</p>`)}${home}`;
    case 'notFound':
      return html`${message('error', html`<p>${st.notFound}</p>`)}${home}`;
    case 'noToken':
      return html`${message('warning', html`<p>${st.noToken}</p>`)}${home}`;
    case 'invalidToken':
      return html`${message('error', html`<p>${st.invalidToken}</p>`)}${home}`;
    case 'error': {
      const e = s.loadError;
      const text = e?.network ? m.api.network : e?.message || m.api.generic;
      return html`${message('error', html`<p>${text}</p>`)}
        <p><button type="button" class="gov-button" data-type="outlined" data-color="primary" @click=${() => void load()}>${m.api.retry}</button></p>`;
    }
    case 'form':
      return formView(s.survey!);
  }
}

function faceLarge(): TemplateResult {
  return html`<svg class="sent-face" viewBox="0 0 48 48" width="96" height="96" aria-hidden="true" focusable="false">
    <circle cx="24" cy="24" r="21" class="face__head" />
    <circle cx="17" cy="19" r="2.6" class="face__eye" />
    <circle cx="31" cy="19" r="2.6" class="face__eye" />
    <path d="M15 29 Q24 38 33 29" class="face__mouth" />
  </svg>`;
}

function heading(): string {
  const m = t().surveys;
  const st = m.state;
  switch (s.phase) {
    case 'sent':
      return easyMode() ? m.easy.sentTitle : st.sentTitle;
    case 'answered':
      return st.answeredTitle;
    case 'expired':
      return st.expiredTitle;
    case 'optedOut':
      return st.optedOutTitle;
    case 'notRunning':
      return st.notRunningTitle;
    case 'noToken':
      return st.noTokenTitle;
    default:
      return s.survey ? txt(s.survey.definition.title, lang()) : m.title;
  }
}

function view(): TemplateResult {
  const easy = easyMode() && (s.phase === 'form' || s.phase === 'sent');
  const title = s.phase === 'form' && s.survey ? ltext(s.survey.definition.title) : heading();
  return html`<div class="survey" data-easy=${easy ? 'true' : 'false'}>
    <h1 tabindex="-1">${title}</h1>
    ${stateView()}
  </div>`;
}

function page(): Page {
  return {
    title: () => {
      const err = s.phase === 'form' && (s.errors.size > 0 || s.general.length > 0);
      return (err ? `${t().ui.errorPrefix} ` : '') + heading();
    },
    view,
  };
}

/** /surveys/<id>: an awareness survey by its public link. */
export function surveyPage(id: string): Page {
  return {
    ...page(),
    enter() {
      if (s.invited || s.id !== id || s.phase !== 'form') {
        s = fresh(false, id, '');
        void load();
      }
    },
  };
}

/**
 * /surveys/answer#<token>: an evaluation survey by an invitation;
 * `invitationToken` gives the token main.ts took from the address.
 */
export function answerPage(invitationToken: () => string): Page {
  return {
    ...page(),
    enter() {
      const token = invitationToken();
      if (!s.invited || s.token !== token || s.phase !== 'form') {
        s = fresh(true, '', token);
        if (!token) {
          s.phase = 'noToken';
          return;
        }
        void load();
      }
    },
  };
}
