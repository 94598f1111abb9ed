// What every screen of the console shares: the navigation (only the
// screens a person's groups allow, screens.json), the guard that sends a
// person without a sign-in to the sign-in page and explains a refusal, the
// loading/error states of a request, buttons, and the pager of lists of
// personal data (never more than PAGE_SIZE rows on screen).
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError } from '../lib/api';
import { formatNumber } from '../lib/i18n';
import { navigate, path, type Page } from '../lib/router';
import { buttonAttrs, message, type ButtonKind } from '../lib/ui';
import { t } from './i18n';
import screensJson from './screens.json';
import { current, mayUse, SIGN_IN_PATH, signOut } from './session';

export type Load<T> = { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; err: unknown };

export interface Screen {
  path: string;
  groups: string[];
  role: string;
  nav?: NavKey;
}
export type NavKey = keyof ReturnType<typeof t>['console']['navItems'];

/** Every screen of the console (screens.json). */
export const SCREENS: readonly Screen[] = screensJson.screens as Screen[];

/** The groups that may use a screen, by its path (a nav entry's). */
export function groupsOf(p: string): readonly string[] {
  return SCREENS.find((s) => s.path === p)?.groups ?? [];
}

export function btn(kind: ButtonKind, label: string, onClick: () => void, id?: string, disabled = false): TemplateResult {
  const a = buttonAttrs(kind);
  return html`<button class="gov-button" data-type=${a.type} data-color=${a.color} data-size="m" type="button" id=${id ?? nothing}
    ?disabled=${disabled} @click=${onClick}>${label}</button>`;
}

/** The console's navigation: only what the signed-in groups may use. */
export function consoleNav(): TemplateResult {
  const s = current();
  if (!s) return html``;
  const m = t().console;
  const here = path();
  const items = SCREENS.filter((x) => x.nav && mayUse(x.groups));
  return html`<nav class="console-nav" aria-label=${m.navLabel}>
    <ul class="console-nav__list">
      ${items.map(
        (x) => html`<li><a href=${x.path} aria-current=${here === x.path ? 'page' : nothing}>${m.navItems[x.nav!]}</a></li>`,
      )}
    </ul>
    <p class="console-nav__who">${m.signedInAs(s.groups.map((g) => roleName(g)).join(', '))} ${btn('secondary', m.signOut, signOut, 'sign-out')}</p>
  </nav>`;
}

/** A group's name in the current language. */
export function roleName(g: string): string {
  return t().signIn.roles[g as keyof ReturnType<typeof t>['signIn']['roles']] ?? g;
}

/**
 * A screen for some groups: without a sign-in it sends to the sign-in page;
 * signed in without one of the groups it explains why (whose screen it is).
 * enter() runs only for a person who may use the screen.
 */
export function guarded(groups: readonly string[], title: () => string, view: () => TemplateResult, enter: () => void = () => {}): Page {
  return {
    title: () => (!current() ? t().signIn.title : mayUse(groups) ? title() : t().console.forbiddenTitle),
    view: () => {
      if (!current()) return html``;
      if (!mayUse(groups)) {
        return html`${consoleNav()}<h1 tabindex="-1">${t().console.forbiddenTitle}</h1>
          ${message('warning', html`<p>${t().console.forbiddenFor(groups.map((g) => roleName(g)).join(', '))}</p>`)}
          <p><a href="/staff">${t().console.backHome}</a></p>`;
      }
      return html`${consoleNav()}${view()}`;
    },
    enter: () => {
      if (!current()) {
        queueMicrotask(() => navigate(`${SIGN_IN_PATH}?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true }));
        return;
      }
      if (mayUse(groups)) enter();
    },
  };
}

/** A problem's text for the person: the server's detail in their language, or why it failed. */
export function problemText(err: unknown): string {
  const m = t().console;
  if (err instanceof ApiError) {
    if (err.status === 401) return m.expired;
    if (err.status === 403) return m.forbidden;
    if (err.network) return m.network;
    return err.problem.detail || err.problem.title || m.failed;
  }
  return m.failed;
}

export function loadView<T>(l: Load<T>, ok: (data: T) => TemplateResult): TemplateResult {
  if (l.state === 'loading') return html`<p role="status">${t().console.loading}</p>`;
  if (l.state === 'error') return message('error', html`<p>${problemText(l.err)}</p>`, { role: 'alert' });
  return ok(l.data);
}

/** Loads into a Load<T> and re-renders (update) when done. */
export async function loadInto<T>(set: (l: Load<T>) => void, fetcher: () => Promise<T>, rerender: () => void): Promise<void> {
  set({ state: 'loading' });
  rerender();
  try {
    set({ state: 'ok', data: await fetcher() });
  } catch (err) {
    set({ state: 'error', err });
  }
  rerender();
}

/** Rows of personal data on one page of a list. */
export const PAGE_SIZE = 25;

/** The rows of page p (0-based) of a list. */
export function pageOf<T>(items: readonly T[], p: number, size = PAGE_SIZE): T[] {
  return items.slice(p * size, (p + 1) * size);
}

/**
 * The pager under a list: "Rows 26–50 of 130", previous and next. id names
 * the list (the pager's buttons are id-previous and id-next); onPage gets
 * the new page; the caller re-renders and moves the focus to the list.
 */
export function pager(id: string, total: number, p: number, onPage: (p: number) => void, size = PAGE_SIZE): TemplateResult {
  if (total <= size) return html``;
  const m = t().console;
  const last = Math.ceil(total / size) - 1;
  const from = p * size + 1;
  const to = Math.min(total, (p + 1) * size);
  return html`<nav class="console-pager" aria-label=${m.pagerLabel}>
    <p class="console-pager__where" aria-live="polite">${m.rows(formatNumber(from), formatNumber(to), formatNumber(total))}</p>
    <p class="console-pager__buttons">
      ${btn('secondary', m.previous, () => onPage(p - 1), `${id}-previous`, p <= 0)}
      ${btn('secondary', m.next, () => onPage(p + 1), `${id}-next`, p >= last)}
    </p>
  </nav>`;
}
