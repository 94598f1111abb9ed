// The router and renderer every app shares: routes, rendering, focus and
// the page title.
//
// One lit-html template renders the whole page from in-memory state; lit
// updates only what changed, so focus and what people typed survive every
// re-render (a language switch included). Links to the app's own pages are
// followed with the History API; after a navigation the page's h1 gets the
// focus and document.title names the page, as a screen reader expects of a
// new page. Each app gives start() its frame (header, main, footer) and the
// paths it owns; a link to another path (another app's) loads that page.
import { html, render, type TemplateResult } from 'lit-html';
import { lang } from './i18n';

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

/** Paths matched by a pattern (e.g. /events/<id>), tried in order after the exact ones. */
const patterns: { re: RegExp; page: (m: RegExpExecArray) => Page }[] = [];
export function routePattern(re: RegExp, page: (m: RegExpExecArray) => Page): void {
  patterns.push({ re, page });
}

function pageFor(p: string): Page {
  const exact = routes.get(p);
  if (exact) return exact();
  for (const { re, page } of patterns) {
    const m = re.exec(p);
    if (m) return page(m);
  }
  return notFound();
}
export function setNotFound(page: PageLoader): void {
  notFound = page;
}

/**
 * A page whose code is loaded when it is first shown (a chunk of its own):
 * the placeholder until then; the loaded page then gets enter() and, if
 * the placeholder's heading had the focus, its own heading gets it.
 */
export function lazyPage(load: () => Promise<() => Page>, placeholder: (failed: boolean, retry: () => void) => Page): Page {
  let inner: Page | undefined;
  let failed = false;
  const here = currentPath;
  const start = (): void => {
    failed = false;
    load().then(
      (make) => {
        if (currentPath !== here) return;
        inner = make();
        const hadFocus = document.activeElement?.matches('main h1') ?? false;
        inner.enter?.();
        if (hadFocus) afterRender(() => document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true }));
        update();
      },
      () => {
        failed = true;
        update();
      },
    );
  };
  const ph = (): Page => placeholder(failed, () => {
    start();
    update();
  });
  return {
    title: () => (inner ?? ph()).title(),
    view: () => (inner ?? ph()).view(),
    enter: start,
  };
}

type PopHandler = (state: unknown) => boolean;
let popHandler: PopHandler | undefined;
let current: Page | undefined;
let currentPath = '';
let announcement = '';
let frame: Frame = (page) => page;
let titleSuffix: () => string = () => '';
let owns: (path: string) => boolean = () => true;
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
  render(frame(current.view(), announcer()), root);
  const title = current.title();
  document.title = `${title} – ${titleSuffix()}`;
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
  current = pageFor(p);
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

/** What an app gives start(). */
export interface AppOptions {
  /**
   * The page around the current page's view: skip link, header, <main>,
   * footer, and the live region announcer() renders.
   */
  frame: Frame;
  /** The end of every document.title ("Brána – MPSV"). */
  titleSuffix: () => string;
  /** The paths this app routes itself; a link elsewhere loads that page. Default: all but /v1/. */
  owns?: (path: string) => boolean;
}

export type Frame = (page: TemplateResult, announcer: TemplateResult) => TemplateResult;

export function start(app: AppOptions): void {
  frame = app.frame;
  titleSuffix = app.titleSuffix;
  if (app.owns) owns = app.owns;
  document.documentElement.lang = lang();
  document.addEventListener('click', (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = (ev.target as Element | null)?.closest?.('a');
    if (!a || a.target || a.hasAttribute('download')) return;
    const href = a.getAttribute('href') ?? '';
    if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/v1/')) return;
    if (!owns(new URL(href, location.href).pathname)) return;
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

/** The polite live region of announce(); the frame puts it at the end of the page. */
function announcer(): TemplateResult {
  return html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" id="announcer">${announcement}</div>`;
}
