// The verification of a certificate of attendance: the address printed on
// the certificate (/certificates/<code>) asks GET /v1/certificates/{code}
// and says whether the certificate is genuine, for which event, of which
// kind, on which dates. The answer names nobody (the code holds no personal
// data). /certificates alone asks for the code.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, json } from '../../../lib/api';
import { afterRender, focusId, navigate, update, type Page } from '../../../lib/router';
import { message, textField } from '../../../lib/ui';
import type { components } from '../../../generated/api';
import { formatRange } from '../../i18n';
import { t } from '../../events/i18n';
import { facts, hoursText, ltext } from '../../events/view';

type Certificate = components['schemas']['Certificate'];

const st: { code: string; cert?: Certificate; notValid?: boolean; error?: string; loading?: boolean } = { code: '' };

async function load(code: string): Promise<void> {
  st.code = code;
  st.cert = undefined;
  st.notValid = false;
  st.error = undefined;
  st.loading = code !== '';
  update();
  if (!code) return;
  try {
    st.cert = await json<Certificate>('GET', `/v1/certificates/${encodeURIComponent(code)}`);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) st.notValid = true;
    else st.error = e instanceof ApiError && e.network ? t().api.network : t().api.generic;
  }
  st.loading = false;
  afterRender(() => focusId('certificate-result'));
  update();
}

function submit(ev: SubmitEvent): void {
  ev.preventDefault();
  const input = (ev.currentTarget as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
  const code = input.value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9-]{1,200}$/.test(code)) {
    st.code = input.value;
    st.cert = undefined;
    st.notValid = true;
    afterRender(() => focusId('certificate-result'));
    update();
    return;
  }
  navigate(`/certificates/${code}`);
}

function result(): TemplateResult | typeof nothing {
  const c = t().events.certificate;
  if (st.loading) return html`<p class="loading" role="status">${c.loading}</p>`;
  if (st.error) return html`<div id="certificate-result" tabindex="-1">${message('error', html`<p>${st.error}</p>`)}</div>`;
  if (st.notValid)
    return html`<div id="certificate-result" tabindex="-1">
      ${message('error', html`<p><strong>${c.notValid}</strong></p><p>${c.notValidText}</p>`)}
    </div>`;
  const cert = st.cert;
  if (!cert) return nothing;
  const m = t();
  const e = cert.event;
  return html`<div id="certificate-result" tabindex="-1">
    ${message('success', html`<p><strong>${c.valid}</strong></p><p>${c.validText}</p>`)}
    ${facts([
      [c.event, ltext(e.title)],
      [c.kind, m.events.kind[e.kind]],
      [c.dates, e.dates.map((d) => formatRange(new Date(d.start), new Date(d.end))).join('; ')],
      [c.hours, hoursText({ hours: e.hours, sessions: e.dates })],
      [c.organiser, e.organiser],
    ])}
  </div>`;
}

function view(): TemplateResult {
  const c = t().events.certificate;
  return html`<h1 tabindex="-1">${c.title}</h1>
    <p>${c.lead}</p>
    <form class="certificate-form" @submit=${submit} novalidate>
      ${textField({ id: 'code', label: c.codeLabel, hint: c.codeHint, value: st.code, spellcheck: false, autocomplete: 'off', maxlength: 200, onInput: (v: string) => { st.code = v; } })}
      <p><button class="gov-button" type="submit" data-type="solid" data-color="primary">${c.check}</button></p>
    </form>
    ${result()}`;
}

export function certificatePage(code: string): Page {
  return {
    title: () => t().events.certificate.title,
    view,
    enter() {
      void load(code);
    },
  };
}
