// The public app's frame: the shared one (lib/frame), with the navigation
// in the header and the funding line in the footer.
import { html, type TemplateResult } from 'lit-html';
import { siteFrame } from '../lib/frame';
import { path } from '../lib/router';
import { icon } from '../lib/ui';
import { t } from './i18n';

export function frame(page: TemplateResult, announcer: TemplateResult): TemplateResult {
  const m = t();
  const here = path();
  return siteFrame(page, announcer, {
    home: '/',
    homeLabel: m.nav.home,
    name: m.app.name,
    tagline: m.app.tagline,
    tools: html`<nav class="site-nav" aria-label=${m.nav.label}>
      <ul>
        <li><a href="/book" aria-current=${here === '/book' ? 'page' : 'false'}>${m.nav.book}</a></li>
        <li><a href="/events" aria-current=${here === '/events' ? 'page' : here.startsWith('/events/') ? 'true' : 'false'}>${m.nav.events}</a></li>
      </ul>
    </nav>`,
    linksHeading: m.footer.links,
    links: html`<li><a href="/">${m.nav.home}</a></li>
      <li><a href="/book">${m.nav.book}</a></li>
      <li><a href="/events">${m.nav.events}</a></li>
      <li><a href="/accessibility">${m.footer.accessibility}</a></li>
      <li><a href="/privacy">${m.footer.privacy}</a></li>`,
    footerNotes: html`<p class="site-footer__eu">${icon('info')}<span>${m.footer.funding}</span></p>
      <p class="site-footer__operator">${m.footer.operator}</p>`,
  });
}
