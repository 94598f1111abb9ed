// The voluntary ESF+ participant data, asked after the registration with
// its own explicit consent: gender, age band, disability, each with
// "prefer not to say" (prefer_not_to_say; an unanswered question is left
// out, which the API takes the same way). It is
// stored apart from the registration (the API joins it only by an opaque
// key) and the organiser never sees it.
import { html, nothing, type TemplateResult } from 'lit-html';
import { powWidget } from '../../../lib/pow';
import { afterRender, focusId, update, type Page } from '../../../lib/router';
import { checkbox, errorSummary, message, radioGroup } from '../../../lib/ui';
import { PREFER_NOT, submitEsf, type AgeBand, type Disability, type Gender } from '../../events/api';
import { t } from '../../events/i18n';
import { getCreds } from '../../session';
import { failure, powFor, rs } from './manage';

interface EsfDraft {
  gender?: Gender;
  ageBand?: AgeBand;
  disability?: Disability;
  consent: boolean;
  consentError: boolean;
}

let d: EsfDraft = { consent: false, consentError: false };
let saved = false;

async function send(ev: Event): Promise<void> {
  ev.preventDefault();
  const c = getCreds();
  if (!c || rs.busy) return;
  rs.errors = [];
  if (!d.consent) {
    d.consentError = true;
    rs.errors = [{ target: 'esf-consent', message: t().events.esf.consent }];
    afterRender(() => focusId('error-summary'));
    update();
    return;
  }
  rs.busy = true;
  update();
  try {
    await submitEsf(
      c.id,
      c.token,
      // An unanswered question is left out: the same as "prefer not to say".
      {
        consent: true,
        ...(d.gender ? { gender: d.gender } : {}),
        ...(d.ageBand ? { ageBand: d.ageBand } : {}),
        ...(d.disability ? { disability: d.disability } : {}),
      },
      await powFor(),
    );
    rs.pow = undefined;
    rs.busy = false;
    saved = true;
    afterRender(() => focusId('esf-done'));
    update();
  } catch (e) {
    rs.busy = false;
    failure(e);
  }
}

function view(): TemplateResult {
  const m = t();
  const x = m.events.esf;
  return html`<h1 tabindex="-1">${x.title}</h1>
    ${body()}`;
}

function body(): TemplateResult {
  const m = t();
  const x = m.events.esf;
  const c = getCreds();
  if (!c || c.kind !== 'registration') return message('warning', html`<p>${x.missing}</p>`);
  if (saved)
    return html`${message('success', html`<p>${x.saved}</p>`, { id: 'esf-done', focusable: true })}
      <p><a href="/manage">${m.events.offer.manage}</a></p>`;
  const prefer = { value: PREFER_NOT as typeof PREFER_NOT, label: x.preferNot };
  return html`${errorSummary(rs.errors)}
    <p>${x.lead}</p>
    <form class="esf-form" novalidate @submit=${send}>
      ${radioGroup({
        name: 'esf-gender',
        legend: x.gender,
        options: [...(['woman', 'man', 'non_binary'] as const).map((v) => ({ value: v, label: x.genderOpt[v] })), prefer],
        value: d.gender,
        onChange: (v) => {
          d.gender = v;
          update();
        },
      })}
      ${radioGroup({
        name: 'esf-age',
        legend: x.ageBand,
        options: [...(['18_29', '30_54', '55_plus'] as const).map((v) => ({ value: v, label: x.ageOpt[v] })), prefer],
        value: d.ageBand,
        onChange: (v) => {
          d.ageBand = v;
          update();
        },
      })}
      ${radioGroup({
        name: 'esf-disability',
        legend: x.disability,
        hint: x.disabilityHint,
        options: [...(['yes', 'no'] as const).map((v) => ({ value: v, label: x.disabilityOpt[v] })), prefer],
        value: d.disability,
        onChange: (v) => {
          d.disability = v;
          update();
        },
      })}
      ${checkbox({
        id: 'esf-consent',
        label: x.consentLabel,
        hint: x.consentHint,
        checked: d.consent,
        error: d.consentError && !d.consent ? x.consent : undefined,
        onChange: (v) => {
          d.consent = v;
          if (v) rs.errors = [];
          update();
        },
      })}
      ${powWidget(m.pow)}
      <div class="form-actions">
        <button type="submit" class="gov-button" data-type="solid" data-color="primary" aria-disabled=${rs.busy ? 'true' : 'false'}>
          ${rs.busy ? x.submitting : x.submit}
        </button>
        <a class="gov-button button-link" data-type="outlined" data-color="primary" href="/manage">${x.skip}</a>
      </div>
      ${rs.busy ? html`<p class="loading" role="status">${x.submitting}</p>` : nothing}
    </form>`;
}

export function esfPage(): Page {
  return {
    title: () => (rs.errors.length ? `${t().ui.errorPrefix} ` : '') + t().events.esf.title,
    view,
    enter() {
      d = { consent: false, consentError: false };
      saved = false;
      rs.errors = [];
    },
  };
}
