// The console's first page: what it will be for, and that it comes later.
import { html } from 'lit-html';
import { STAFF_HOME } from '../../lib/apps';
import type { Page } from '../../lib/router';
import { message } from '../../lib/ui';
import { t } from '../i18n';

export function homePage(): Page {
  return {
    title: () => t().home.title,
    view: () => {
      const m = t().home;
      return html`<h1 tabindex="-1">${m.title}</h1>
        <p class="lead">${m.lead}</p>
        ${message('primary', html`<p>${m.later}</p>`)}
        <p><a href="/staff/sign-in">${m.signIn}</a></p>
        <p><a href="/">${m.public}</a></p>`;
    },
  };
}

export function notFoundPage(): Page {
  return {
    title: () => t().notFound.title,
    view: () => html`<h1 tabindex="-1">${t().notFound.title}</h1>
      <p>${t().notFound.text}</p>
      <p><a href=${STAFF_HOME}>${t().notFound.home}</a></p>`,
  };
}
