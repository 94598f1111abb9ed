// A booking as a definition list: the confirmation page and the manage page.
import { html, nothing, type TemplateResult } from 'lit-html';
import type { Booking } from '../lib/api';
import { formatRange, t } from './i18n';

export function bookingDetails(b: Booking, opts: { status?: boolean } = {}): TemplateResult {
  const m = t();
  const f = m.field;
  const row = (label: string, value: string | undefined) =>
    value ? html`<div class="summary__row"><dt>${label}</dt><dd class="summary__value">${value}</dd></div>` : nothing;
  return html`<dl class="summary summary--plain">
    ${opts.status ? row(f.status, m.vocab.status[b.status]) : nothing}
    ${row(f.slot, formatRange(new Date(b.start), new Date(b.end)))} ${row(f.form, m.vocab.form[b.form])}
    ${row(f.expert, b.expertName ?? b.expertId)} ${row(f.topic, m.vocab.topic[b.topic])}
    ${row(f.region, m.vocab.region[b.region])} ${row(f.targetGroup, m.vocab.targetGroup[b.targetGroup])}
    ${row(f.orgName, b.organisation?.name)} ${row(f.ico, b.organisation?.ico)} ${row(f.name, b.contact?.name)}
    ${row(f.email, b.contact?.email)} ${row(f.phone, b.contact?.phone)} ${row(f.address, b.address)}
    ${row(f.note, b.note)} ${row(f.bookingId, b.id)}
  </dl>`;
}

export function bookingWhen(b: Booking): string {
  return formatRange(new Date(b.start), new Date(b.end));
}
