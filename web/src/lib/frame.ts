// The frame both apps put around every page: skip link, header with the
// brand, the app's own tools and the language switch, <main>, footer with
// the app's links. Each app's shell says only what differs.
import { html, nothing, type TemplateResult } from 'lit-html';
import { languageSwitch, skipLink } from './ui';

export interface FrameParts {
  /** Where the brand links to, and its hidden label ("– Home"), if any. */
  home: string;
  homeLabel?: string;
  name: string;
  tagline: string;
  /** What stands before the language switch (the public navigation). */
  tools?: TemplateResult;
  /** The footer's list of links, its hidden heading and what follows it. */
  linksHeading: string;
  links: TemplateResult;
  footerNotes: TemplateResult;
}

export function siteFrame(page: TemplateResult, announcer: TemplateResult, p: FrameParts): TemplateResult {
  return html`
    ${skipLink()}
    <header class="site-header">
      <div class="site-header__inner">
        <a class="brand" href=${p.home}>
          <span class="brand__mark" aria-hidden="true">B</span>
          <span class="brand__text">
            <span class="brand__name">${p.name}</span>
            <span class="brand__tagline">${p.tagline}</span>
          </span>
          ${p.homeLabel ? html`<span class="visually-hidden"> – ${p.homeLabel}</span>` : nothing}
        </a>
        <div class="site-header__tools">${p.tools ?? nothing}${languageSwitch()}</div>
      </div>
    </header>
    <main id="main" tabindex="-1">
      <div class="gov-container page">${page}</div>
    </main>
    <footer class="site-footer">
      <div class="site-footer__inner">
        <h2 class="visually-hidden">${p.linksHeading}</h2>
        <ul class="site-footer__links">
          ${p.links}
        </ul>
        ${p.footerNotes}
      </div>
    </footer>
    ${announcer}
  `;
}
