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
//
// The steps are in step-*.ts, the shared state in state.ts, the checks in
// validate.ts, moving between steps and submitting in flow.ts.
import { html, nothing, type TemplateResult } from 'lit-html';
import { onPopState, type Page } from '../../../lib/router';
import { errorSummary, icon } from '../../../lib/ui';
import { t } from '../../i18n';
import { ensurePicker, goTo, onContinue, submit } from './flow';
import { STEPS, w } from './state';
import { step5 } from './step-consent';
import { step4 } from './step-contact';
import { step1 } from './step-form';
import { step3 } from './step-slot';
import { step6 } from './step-summary';
import { step2 } from './step-topic';
import { errorItems } from './validate';

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
  return `${hasErrors ? t().ui.errorPrefix + ' ' : ''}${m.stepOf(w.step, STEPS)}: ${m.steps[w.step - 1]} – ${m.title}`;
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
