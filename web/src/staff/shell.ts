// The staff console's frame: skip link, header with the language switch,
// <main>, footer with the way to the public site.
import { html, type TemplateResult } from 'lit-html';
import { STAFF_HOME } from '../lib/apps';
import { languageSwitch, skipLink } from '../lib/ui';
import { t } from './i18n';

export function frame(page: TemplateResult, announcer: TemplateResult): TemplateResult {
  const m = t();
  return html`
    ${skipLink()}
    <header class="site-header">
      <div class="site-header__inner">
        <a class="brand" href=${STAFF_HOME}>
          <span class="brand__mark" aria-hidden="true">B</span>
          <span class="brand__text">
            <span class="brand__name">${m.app.name}</span>
            <span class="brand__tagline">${m.app.tagline}</span>
          </span>
        </a>
        <div class="site-header__tools">${languageSwitch()}</div>
      </div>
    </header>
    <main id="main" tabindex="-1">
      <div class="gov-container page">${page}</div>
    </main>
    <footer class="site-footer">
      <div class="site-footer__inner">
        <h2 class="visually-hidden">${m.footer.links}</h2>
        <ul class="site-footer__links">
          <li><a href="/">${m.footer.public}</a></li>
          <li><a href="/accessibility">${m.footer.accessibility}</a></li>
        </ul>
        <p class="site-footer__operator">${m.footer.operator}</p>
      </div>
    </footer>
    ${announcer}
  `;
}
