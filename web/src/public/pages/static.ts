// The accessibility statement and the privacy notice.
import { html } from 'lit-html';
import type { Page } from '../../lib/router';
import { accessibilityContent } from '../content/accessibility';
import { privacyContent } from '../content/privacy';
import { lang, t } from '../i18n';

export function accessibilityPage(): Page {
  return {
    title: () => t().accessibility.title,
    view: () => html`<article class="prose">
      <h1 tabindex="-1">${t().accessibility.title}</h1>
      ${accessibilityContent[lang()]()}
    </article>`,
  };
}

export function privacyPage(): Page {
  return {
    title: () => t().privacy.title,
    view: () => html`<article class="prose">
      <h1 tabindex="-1">${t().privacy.title}</h1>
      ${privacyContent[lang()]()}
    </article>`,
  };
}
