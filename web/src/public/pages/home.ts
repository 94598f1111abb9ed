// The home page: what the consultations are, the three forms, the topics,
// who may book, that they are free.
import { html, type TemplateResult } from 'lit-html';
import type { Page } from '../../lib/router';
import { t } from '../i18n';
import { icon, pictogram } from '../../lib/ui';
import { FORMS, TARGET_GROUPS, TOPICS, type Form } from '../../lib/vocab';

import phoneSvg from '@gov-design-system-ce/icons/lib/complex/mobile-phone.svg';
import onlineSvg from '@gov-design-system-ce/icons/lib/complex/digital.svg';
import onsiteSvg from '@gov-design-system-ce/icons/lib/complex/house.svg';

const PICTOGRAMS: Record<Form, string> = { phone: phoneSvg, online: onlineSvg, onsite: onsiteSvg };

function view(): TemplateResult {
  const m = t();
  const h = m.home;
  return html`
    <section class="hero">
      <h1 tabindex="-1">${h.title}</h1>
      <p class="lead">${h.lead}</p>
      <p><a class="gov-button button-link" data-type="solid" data-color="primary" data-size="l" href="/book">${h.cta}</a></p>
    </section>

    <section class="free" aria-labelledby="free-title">
      ${icon('check-circle', 'free__icon')}
      <div>
        <h2 id="free-title">${h.freeTitle}</h2>
        <p>${h.freeText}</p>
      </div>
    </section>

    <section aria-labelledby="forms-title">
      <h2 id="forms-title">${h.formsTitle}</h2>
      <ul class="cards">
        ${FORMS.map(
          (f) => html`<li class="card">
            ${pictogram(PICTOGRAMS[f])}
            <h3>${m.vocab.form[f]}</h3>
            <p>${m.vocab.formHint[f]}</p>
          </li>`,
        )}
      </ul>
    </section>

    <div class="two-cols">
      <section aria-labelledby="topics-title">
        <h2 id="topics-title">${h.topicsTitle}</h2>
        <ul class="gov-list">
          ${TOPICS.map((x) => html`<li>${m.vocab.topic[x]}</li>`)}
        </ul>
      </section>
      <section aria-labelledby="who-title">
        <h2 id="who-title">${h.whoTitle}</h2>
        <p>${h.whoText}</p>
        <ul class="gov-list">
          ${TARGET_GROUPS.map((g) => html`<li>${m.vocab.targetGroup[g]}</li>`)}
        </ul>
      </section>
    </div>

    <section aria-labelledby="how-title">
      <h2 id="how-title">${h.howTitle}</h2>
      <ol class="how">
        ${h.how.map((x) => html`<li>${x}</li>`)}
      </ol>
      <p><a class="gov-button button-link" data-type="solid" data-color="primary" href="/book">${h.cta}</a></p>
    </section>

    <section class="manage-hint" aria-labelledby="manage-title">
      <h2 id="manage-title">${h.manageTitle}</h2>
      <p>${h.manageText}</p>
    </section>
  `;
}

export function homePage(): Page {
  return { title: () => t().home.title, view };
}
