import { html } from 'lit-html';
import type { Page } from '../../lib/router';
import { t } from '../i18n';

export function notFoundPage(): Page {
  return {
    title: () => t().notFound.title,
    view: () => html`<h1 tabindex="-1">${t().notFound.title}</h1>
      <p>${t().notFound.text}</p>
      <p><a href="/">${t().notFound.home}</a></p>`,
  };
}
