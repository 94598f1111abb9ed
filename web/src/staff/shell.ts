// The staff console's frame: the shared one (lib/frame), with the way to
// the public site in the footer.
import { html, type TemplateResult } from 'lit-html';
import { STAFF_HOME } from '../lib/apps';
import { siteFrame } from '../lib/frame';
import { t } from './i18n';

export function frame(page: TemplateResult, announcer: TemplateResult): TemplateResult {
  const m = t();
  return siteFrame(page, announcer, {
    home: STAFF_HOME,
    name: m.app.name,
    tagline: m.app.tagline,
    linksHeading: m.footer.links,
    links: html`<li><a href="/">${m.footer.public}</a></li>
      <li><a href="/accessibility">${m.footer.accessibility}</a></li>`,
    footerNotes: html`<p class="site-footer__operator">${m.footer.operator}</p>`,
  });
}
