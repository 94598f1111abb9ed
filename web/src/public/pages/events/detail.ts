// An event's detail: what, when (every session), where with the
// accessibility facts or how online, for whom, the seats left, what the
// registration will ask, and the way to register or join the waiting list.
import { html, nothing, type TemplateResult } from 'lit-html';
import { type Page } from '../../../lib/router';
import { message } from '../../../lib/ui';
import type { EventDetail } from '../../events/api';
import { availability, isCzechOnly, txt } from '../../events/logic';
import { current, loadEvent } from '../../events/store';
import { eventWhen, facts, hoursText, ltext, seatsTag, venueFacts } from '../../events/view';
import { formatRange, formatDate, formatTime, lang } from '../../i18n';
import { t } from '../../events/i18n';

/**
 * What stands under the heading while the event loads or failed to;
 * undefined once it is there. The pages keep their <h1> in one place in
 * one template whatever the state, so that the focus a navigation gave it
 * stays when the event arrives.
 */
export function loadingOrError(): TemplateResult | undefined {
  const m = t();
  if (current.error) {
    const e = current.error;
    const text = e.status === 404 ? m.events.detail.notFound : e.network ? m.api.network : e.message || m.api.generic;
    return html`${message('error', html`<p>${text}</p>`)}
      <p><a href="/events">${m.events.detail.back}</a></p>`;
  }
  if (!current.event) return html`<p class="loading" role="status">${m.events.detail.loading}</p>`;
  return undefined;
}

function registerAction(e: EventDetail): TemplateResult | typeof nothing {
  const d = t().events.detail;
  const a = availability(e);
  if (a.state === 'open')
    return html`<p><a class="gov-button button-link" data-type="solid" data-color="primary" data-size="l" href="/events/${encodeURIComponent(e.id)}/register">${d.register}</a></p>`;
  if (a.state === 'waitlist')
    return html`${message('warning', html`<p>${d.waitlistExplain}</p>`)}
      <p><a class="gov-button button-link" data-type="solid" data-color="primary" href="/events/${encodeURIComponent(e.id)}/register">${d.joinWaitlist}</a></p>`;
  return nothing;
}

function view(): TemplateResult {
  const m = t();
  const d = m.events.detail;
  const e = current.event;
  return html`
    <p class="back-link"><a href="/events">${d.back}</a></p>
    ${e ? html`<p class="event-kind">${m.events.kind[e.kind]}</p>` : nothing}
    <h1 tabindex="-1">${e ? ltext(e.title) : m.events.list.title}</h1>
    ${loadingOrError() ?? body(e!)}
  `;
}

function body(e: EventDetail): TemplateResult {
  const m = t();
  const d = m.events.detail;
  const f = m.events.field;
  const desc = e.description;
  return html`
    <p class="status-line">${seatsTag(e)}</p>
    ${facts([
      [f.when, `${eventWhen(e.sessions)}`],
      [f.hours, hoursText(e)],
      [f.mode, m.events.mode[e.mode]],
      [f.region, m.vocab.region[e.region]],
      [f.topics, e.topics.map((x) => m.vocab.topic[x]).join(', ')],
      [f.targetGroups, e.targetGroups.map((x) => m.vocab.targetGroup[x]).join(', ')],
      [f.organiser, e.organiser],
      [f.closes, e.registrationCloses ? `${formatDate(new Date(e.registrationCloses))} ${formatTime(new Date(e.registrationCloses))}` : undefined],
    ])}
    ${registerAction(e)}
    <div class="event-description" lang=${isCzechOnly(desc, lang()) ? 'cs' : lang()}>
      <p class="pre">${txt(desc, lang())}</p>
    </div>
    <p>${d.free} ${e.orgLimit ? d.orgLimit(e.orgLimit) : ''}</p>

    <h2>${d.sessionsTitle}</h2>
    <ol class="sessions">
      ${e.sessions.map((s) => html`<li>${formatRange(new Date(s.start), new Date(s.end))}</li>`)}
    </ol>

    ${e.mode !== 'online' && e.venue
      ? html`<h2>${d.venueTitle}</h2>
          ${venueFacts(e.venue)}`
      : nothing}
    ${e.mode !== 'in_person'
      ? html`<h2>${d.onlineTitle}</h2>
          <p>${d.onlineText}</p>`
      : nothing}
    ${message('primary', html`<p>${d.accessibilityAsk}</p>`)}

    <h2>${d.questionsTitle}</h2>
    ${e.questions.length
      ? html`<ul class="gov-list">
          ${e.questions.map((q) => html`<li>${ltext(q.label)} ${q.required ? html`<span class="optional">${d.required}</span>` : nothing}</li>`)}
        </ul>`
      : html`<p>${d.questionsNone}</p>`}
    ${registerAction(e)}
  `;
}

export function eventPage(id: string): Page {
  return {
    title: () => (current.event && current.id === id ? ltextPlain(current.event.title) : t().events.list.title),
    view,
    enter() {
      void loadEvent(id);
    },
  };
}

export function ltextPlain(v: { cs: string; en?: string }): string {
  return txt(v, lang());
}
