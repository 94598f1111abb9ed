// The application shell: routes, rendering, focus and the page title.
//
// One lit-html template renders the whole page from in-memory state; lit
// updates only what changed, so focus and what people typed survive every
// re-render (a language switch included). Links to our own pages are
// followed with the History API; after a navigation the page's h1 gets the
// focus and document.title names the page, as a screen reader expects of a
// new page.
import { html, render, type TemplateResult } from 'lit-html';
import { catalogue, lang, setLang, t, type Lang } from './i18n';
import { icon } from './ui';

export interface Page {
  /** The page's title (without the site suffix). */
  title(): string;
  view(): TemplateResult;
  /** Called when the page is entered by a navigation or first load. */
  enter?(): void;
}

type PageLoader = () => Page;
const routes = new Map<string, PageLoader>();
let notFound: PageLoader = () => ({ title: () => '404', view: () => html`` });

export function route(path: string, page: PageLoader): void {
  routes.set(path, page);
}
export function setNotFound(page: PageLoader): void {
  notFound = page;
}

type PopHandler = (state: unknown) => boolean;
let popHandler: PopHandler | undefined;
let current: Page | undefined;
let currentPath = '';
let announcement = '';
const afterRenderQueue: (() => void)[] = [];

export function path(): string {
  return currentPath;
}

/** Runs fn once after the next render (for focus moves). */
export function afterRender(fn: () => void): void {
  afterRenderQueue.push(fn);
}

/** Re-renders the page from the current state. */
export function update(): void {
  if (!current) return;
  const root = document.getElementById('app')!;
  render(shell(current.view()), root);
  const title = current.title();
  document.title = `${title} – ${t().app.titleSuffix}`;
  while (afterRenderQueue.length) afterRenderQueue.shift()!();
}

/** Says something through the polite live region (e.g. "the file was downloaded"). */
export function announce(text: string): void {
  announcement = '';
  update();
  // A fresh text node after a tick, so that the same message is announced again.
  setTimeout(() => {
    announcement = text;
    update();
  }, 50);
}

/** Focuses an element by id (programmatic focus target: tabindex -1). */
export function focusId(id: string): void {
  const el = document.getElementById(id);
  if (el) {
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'start' });
  }
}

function load(p: string, focus: boolean): void {
  currentPath = p;
  popHandler = undefined;
  current = (routes.get(p) ?? notFound)();
  current.enter?.();
  if (focus) {
    afterRender(() => {
      const h1 = document.querySelector<HTMLElement>('main h1');
      if (h1) {
        h1.focus({ preventScroll: true });
      }
      window.scrollTo(0, 0);
    });
  }
  update();
}

/** Goes to one of our pages. */
export function navigate(to: string, opts: { replace?: boolean; state?: unknown } = {}): void {
  const url = new URL(to, location.href);
  if (opts.replace) history.replaceState(opts.state ?? null, '', url.pathname + url.search);
  else history.pushState(opts.state ?? null, '', url.pathname + url.search);
  load(url.pathname, true);
}

/** Lets a page handle Back/Forward within itself (the wizard's steps). */
export function onPopState(h: PopHandler | undefined): void {
  popHandler = h;
}

export function start(): void {
  document.documentElement.lang = lang();
  document.addEventListener('click', (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = (ev.target as Element | null)?.closest?.('a');
    if (!a || a.target || a.hasAttribute('download')) return;
    const href = a.getAttribute('href') ?? '';
    if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/v1/')) return;
    ev.preventDefault();
    navigate(href);
  });
  window.addEventListener('popstate', (ev) => {
    if (location.pathname === currentPath) {
      // A fragment link (#main) or a step inside a page.
      if (popHandler?.(ev.state)) return;
      if (ev.state === null) return;
    }
    load(location.pathname, true);
  });
  load(location.pathname, false);
}

function switchLanguage(to: Lang): void {
  setLang(to);
  update();
}

function shell(page: TemplateResult): TemplateResult {
  const m = t();
  const other: Lang = lang() === 'cs' ? 'en' : 'cs';
  const otherName = catalogue(other).langName;
  const here = currentPath;
  return html`
    <a class="skip-link" href="#main">${m.app.skipLink}</a>
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
          <button type="button" class="lang-switch" lang=${other} @click=${() => switchLanguage(other)}>
            <span class="visually-hidden">${catalogue(other).switchLangHint}: </span>${otherName}
          </button>
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
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" id="announcer">${announcement}</div>
  `;
}
