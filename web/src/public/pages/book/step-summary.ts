// Step 6: the summary, each row with a way back to its step.
import { html, nothing, type TemplateResult } from 'lit-html';
import { normaliseIco } from '../../../lib/ico';
import { powWidget } from '../../../lib/pow';
import { formatRange, t } from '../../i18n';
import { change } from './flow';
import { w } from './state';
import { expertNames } from './step-slot';

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

export function step6(): TemplateResult {
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
    ${powWidget(m.pow)}
  `;
}
