// The public app's frame around every page: skip link, header with the
// navigation and the language switch, <main>, footer.
import { html, type TemplateResult } from 'lit-html';
import { path } from '../lib/router';
import { icon, languageSwitch, skipLink } from '../lib/ui';
import { t } from './i18n';

export function frame(page: TemplateResult, announcer: TemplateResult): TemplateResult {
  const m = t();
  const here = path();
  return html`
    ${skipLink()}
    <header class="site-header">
      <div class="site-header__inner">
        <a class="brand" href="/">
          <span class="brand__mark" aria-hidden="true">B</span>
          <span class="brand__text">
            <span class="brand__name">${m.app.name}</span>
            <span class="brand__tagline">${m.app.tagline}</span>
          </span>
          <span class="visually-hidden"> – ${m.nav.home}</span>
        </a>
        <div class="site-header__tools">
          <nav class="site-nav" aria-label=${m.nav.label}>
            <ul>
              <li><a href="/book" aria-current=${here === '/book' ? 'page' : 'false'}>${m.nav.book}</a></li>
            </ul>
          </nav>
          ${languageSwitch()}
        </div>
      </div>
    </header>
    <main id="main" tabindex="-1">
      <div class="gov-container page">${page}</div>
    </main>
    <footer class="site-footer">
      <div class="site-footer__inner">
        <h2 class="visually-hidden">${m.footer.links}</h2>
        <ul class="site-footer__links">
          <li><a href="/">${m.nav.home}</a></li>
          <li><a href="/book">${m.nav.book}</a></li>
          <li><a href="/accessibility">${m.footer.accessibility}</a></li>
          <li><a href="/privacy">${m.footer.privacy}</a></li>
        </ul>
        <p class="site-footer__eu">${icon('info')}<span>${m.footer.funding}</span></p>
        <p class="site-footer__operator">${m.footer.operator}</p>
      </div>
    </footer>
    ${announcer}
  `;
}
