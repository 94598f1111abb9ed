// The admin's abuse tool: cancel every future booking of one e-mail address
// or one IČO (POST /v1/staff/cancellations), after a confirmation that says
// what happens; the count and the cancelled bookings afterwards.
import { html, nothing, type TemplateResult } from 'lit-html';
import { formatDate, formatNumber, formatTime } from '../../lib/i18n';
import { isValidIco, normaliseIco } from '../../lib/ico';
import { update, type Page } from '../../lib/router';
import { errorSummary, radioGroup, radioId, textField, message, type ErrorItem } from '../../lib/ui';
import { btn, groupsOf, guarded, pageOf, pager, problemText } from '../kit';
import { cancelAll, type Cancellations } from './api';
import { fieldErrors, focusSoon } from './common';
import { tx } from './messages';

type By = 'email' | 'ico';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function abusePage(): Page {
  let by: By = 'email';
  let value = '';
  let step: 'form' | 'confirm' | 'done' = 'form';
  let error: string | undefined;
  let problem: string | undefined;
  let busy = false;
  let done: Cancellations | undefined;
  let p = 0;

  const check = (ev: Event) => {
    ev.preventDefault();
    const m = tx().abuse;
    problem = undefined;
    const v = value.trim();
    error = by === 'email' ? (EMAIL.test(v) ? undefined : m.badEmail) : isValidIco(v) ? undefined : m.badIco;
    if (error) {
      update();
      focusSoon('error-summary');
      return;
    }
    step = 'confirm';
    update();
    focusSoon('abuse-confirm-title');
  };

  const run = async () => {
    if (busy) return;
    busy = true;
    update();
    const v = value.trim();
    try {
      done = await cancelAll(by === 'email' ? { email: v } : { ico: normaliseIco(v) });
      p = 0;
      step = 'done';
      busy = false;
      update();
      focusSoon('abuse-done');
    } catch (err) {
      busy = false;
      step = 'form';
      const fe = fieldErrors(err, ['email', 'ico']);
      error = fe[by];
      if (!error) problem = problemText(err);
      update();
      focusSoon('error-summary');
    }
  };

  const formView = (): TemplateResult => {
    const m = tx().abuse;
    const items: ErrorItem[] = error ? [{ target: by, message: error }] : [];
    return html`${error || problem ? html`<div role="alert">${errorSummary(items, m.errorsTitle, problem ? html`<p>${problem}</p>` : undefined)}</div>` : nothing}
      <form class="abuse-form" novalidate @submit=${check}>
        ${radioGroup<By>({
          name: 'by',
          legend: m.by,
          options: [
            { value: 'email', label: m.byEmail },
            { value: 'ico', label: m.byIco },
          ],
          value: by,
          onChange: (v) => {
            by = v;
            error = undefined;
            update();
          },
        })}
        ${by === 'email'
          ? textField({ id: 'email', label: m.email, hint: m.emailHint, type: 'email', value, error, maxlength: 254, spellcheck: false, autocomplete: 'off', onInput: (v) => (value = v) })
          : textField({ id: 'ico', label: m.ico, hint: m.icoHint, value, error, inputmode: 'numeric', maxlength: 11, width: 's', spellcheck: false, autocomplete: 'off', onInput: (v) => (value = v) })}
        <p><button class="gov-button" data-type="solid" data-color="primary" data-size="m" type="submit" id="abuse-next">${m.next}</button></p>
      </form>`;
  };

  const confirmView = (): TemplateResult => {
    const m = tx().abuse;
    const v = by === 'email' ? value.trim() : normaliseIco(value);
    return html`<section class="confirm" aria-labelledby="abuse-confirm-title">
      <h2 id="abuse-confirm-title" tabindex="-1">${m.confirmTitle}</h2>
      <p>${by === 'email' ? m.confirmEmail(v) : m.confirmIco(v)}</p>
      ${message('warning', html`<p>${m.consequence}</p>`)}
      <p class="form-actions">
        ${btn('danger', m.confirmYes, () => void run(), 'abuse-confirm', busy)}
        ${btn('secondary', tx().back, () => {
          step = 'form';
          update();
          focusSoon(by);
        }, 'abuse-back')}
      </p>
    </section>`;
  };

  const doneView = (d: Cancellations): TemplateResult => {
    const m = tx().abuse;
    const b = tx().bookings;
    return html`<div id="abuse-done" tabindex="-1">${message(d.count === 0 ? 'primary' : 'success', html`<p id="abuse-count">${m.done(formatNumber(d.count), d.count)}</p>`, { role: 'status' })}</div>
      ${d.items.length
        ? html`<div class="table-wrap" tabindex="-1" role="region" aria-labelledby="cancelled-caption" id="cancelled-list">
              <table class="gov-table data-table">
                <caption id="cancelled-caption">${m.doneCaption}</caption>
                <thead><tr><th scope="col">${b.time}</th><th scope="col">${b.organisation}</th><th scope="col">${b.contact}</th></tr></thead>
                <tbody>
                  ${pageOf(d.items, p).map((x) => {
                    const s = new Date(x.start);
                    return html`<tr><th scope="row">${formatDate(s)} ${formatTime(s)}</th><td>${x.organisation.name}</td><td class="break">${x.contact.email ?? ''}</td></tr>`;
                  })}
                </tbody>
              </table>
            </div>
            ${pager('cancelled', d.items.length, p, (np) => {
              p = np;
              update();
              focusSoon('cancelled-list');
            })}`
        : nothing}
      <p>${btn('secondary', m.again, () => {
        step = 'form';
        value = '';
        done = undefined;
        update();
        focusSoon(radioId('by', by));
      }, 'abuse-again')}</p>`;
  };

  return guarded(
    groupsOf('/staff/abuse'),
    () => tx().abuse.title,
    () => {
      const m = tx().abuse;
      return html`<h1 tabindex="-1">${m.title}</h1>
        <p class="lead">${m.lead}</p>
        ${step === 'form' ? formView() : step === 'confirm' ? confirmView() : doneView(done!)}`;
    },
    () => {
      by = 'email';
      value = '';
      step = 'form';
      error = undefined;
      problem = undefined;
      busy = false;
      done = undefined;
    },
  );
}
