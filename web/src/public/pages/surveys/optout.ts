// /surveys/opt-out#<token>: the invitation's opt-out. One button confirms
// (a proof of work, the token in the Invitation-Token header); then no
// reminder comes and the link stops working. Opting out twice is fine.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError } from '../../../lib/api';
import { powSolution, powWidget, renewPow } from '../../../lib/pow';
import { afterRender, focusId, update, type Page } from '../../../lib/router';
import { errorSummary, message } from '../../../lib/ui';
import { optOut } from '../../surveys/api';
import { t } from '../../surveys/i18n';
import { phaseOf } from './survey';

type Phase = 'confirm' | 'done' | 'noToken' | 'invalidToken' | 'expired' | 'answered';

let phase: Phase = 'confirm';
let token = '';
let sending = false;
let general: (() => string) | undefined;

async function confirm(ev: Event): Promise<void> {
  ev.preventDefault();
  if (sending) return;
  sending = true;
  general = undefined;
  update();
  try {
    try {
      await optOut(token, await powSolution());
    } catch (x) {
      // A challenge lives 10 minutes: once more with a fresh one.
      if (!(x instanceof ApiError) || x.status !== 403 || !x.code.startsWith('proof_of_work')) throw x;
      renewPow();
      await optOut(token, await powSolution());
    }
    phase = 'done';
  } catch (x) {
    if (!(x instanceof ApiError)) throw x;
    renewPow();
    const p = x.status === 404 || x.status === 409 ? phaseOf(x, true) : 'error';
    if (p === 'optedOut') phase = 'done';
    else if (p === 'invalidToken' || p === 'expired' || p === 'answered') phase = p;
    else {
      const m = t();
      const rid = x.problem.requestId;
      const text = x.network ? m.api.network : x.status === 503 ? m.api.busy(x.retryAfter ?? 5) : x.message || m.api.generic;
      general = () => text + (rid ? ` (${m.api.requestId(rid)})` : '');
      sending = false;
      afterRender(() => focusId('error-summary'));
      update();
      return;
    }
  }
  sending = false;
  afterRender(() => document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true }));
  update();
}

function heading(): string {
  const m = t().surveys;
  switch (phase) {
    case 'done':
      return m.optOut.doneTitle;
    case 'noToken':
      return m.state.noTokenTitle;
    case 'expired':
      return m.state.expiredTitle;
    case 'answered':
      return m.state.answeredTitle;
    default:
      return m.optOut.title;
  }
}

function body(): TemplateResult {
  const m = t();
  const st = m.surveys.state;
  const home = html`<p><a href="/">${st.home}</a></p>`;
  switch (phase) {
    case 'done':
      return html`${message('success', html`<p>${m.surveys.optOut.done}</p>`)}${home}`;
    case 'noToken':
      return html`${message('warning', html`<p>${st.noToken}</p>`)}${home}`;
    case 'invalidToken':
      return html`${message('error', html`<p>${st.invalidToken}</p>`)}${home}`;
    case 'expired':
      return html`${message('warning', html`<p>${st.expired}</p>`)}${home}`;
    case 'answered':
      return html`${message('primary', html`<p>${st.invitationAnswered}</p>`)}${home}`;
    case 'confirm':
      return html`${general ? errorSummary([{ message: general() }]) : nothing}
        <p class="lead">${m.surveys.optOut.lead}</p>
        <form novalidate @submit=${confirm}>
          ${powWidget(m.pow)}
          <div class="form-actions">
            <button type="submit" class="gov-button" data-type="solid" data-color="primary" data-size="l" aria-disabled=${sending ? 'true' : 'false'}>
              ${sending ? m.surveys.optOut.sending : m.surveys.optOut.confirm}
            </button>
          </div>
          ${sending ? html`<p class="loading" role="status">${m.surveys.optOut.sending}</p>` : nothing}
        </form>
        <p><a href="/surveys/answer">${m.surveys.optOut.answerInstead}</a></p>`;
  }
}

/** /surveys/opt-out#<token>; `invitationToken` gives the token main.ts took from the address. */
export function optOutPage(invitationToken: () => string): Page {
  return {
    title: () => heading(),
    view: () => html`<h1 tabindex="-1">${heading()}</h1>
      ${body()}`,
    enter() {
      const tk = invitationToken();
      if (tk !== token || phase !== 'done') {
        token = tk;
        sending = false;
        general = undefined;
        phase = tk ? 'confirm' : 'noToken';
      }
    },
  };
}
