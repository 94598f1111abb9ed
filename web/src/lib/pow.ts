// Proof of work for the public writes (docs/openapi.yaml, "Proof of
// work"): the ALTCHA widget, self-hosted (npm `altcha`, its strict-CSP
// build: styles in our style sheet, the worker a file of our own origin),
// fetches a challenge from GET /v1/challenge and solves it in the
// background as soon as it is shown; the write sends the solution in the
// Altcha header. Nothing goes to a third party. The widget's code (about
// 25 KB compressed) is loaded only when a form that needs it is shown, so
// the first load of the pages stays as light as it was.
import 'altcha/altcha.css';
import { html, type TemplateResult } from 'lit-html';

let loading: Promise<unknown> | undefined;

/** Loads the widget's code (it defines <altcha-widget>) once. */
function load(): Promise<unknown> {
  loading ??= import('altcha/external');
  return loading;
}

/** The worker's URL (build.mjs copies it into dist/assets with a hash). */
declare const ALTCHA_WORKER_URL: string;

/** The widget's texts (its `strings`), in the page's language. */
export interface PowStrings {
  label: string;
  verifying: string;
  verified: string;
  error: string;
  expired: string;
  verificationRequired: string;
  waitAlert: string;
  verify: string;
  reload: string;
  loading: string;
  footer: string;
  ariaLinkLabel: string;
}

type Widget = HTMLElement & { verify(): Promise<void>; reset(state?: string): void; getState(): string };

/** The widget; one per page at a time. */
export function powWidget(strings: PowStrings): TemplateResult {
  void load();
  return html`<altcha-widget
    class="pow"
    challengeurl="/v1/challenge"
    auto="onload"
    hidefooter
    hidelogo
    workerurl=${ALTCHA_WORKER_URL}
    strings=${JSON.stringify(strings)}
  ></altcha-widget>`;
}

function widget(): Widget | null {
  return document.querySelector('altcha-widget') as Widget | null;
}

/**
 * The solution of the shown widget, waiting for it if it is still working
 * ("" when there is no widget or it failed: the server then answers 403).
 */
export async function powSolution(): Promise<string> {
  if (!widget()) return '';
  await load();
  await customElements.whenDefined('altcha-widget');
  const el = widget();
  if (!el || typeof el.getState !== 'function') return '';
  const input = el.querySelector<HTMLInputElement>('input[type="hidden"]');
  if (el.getState() === 'verified' && input?.value) return input.value;
  return new Promise((resolve) => {
    const on = (e: Event): void => {
      const d = (e as CustomEvent<{ state: string; payload?: string }>).detail;
      if (d.state === 'verified' || d.state === 'error') {
        el.removeEventListener('statechange', on);
        resolve(d.state === 'verified' ? (d.payload ?? '') : '');
      }
    };
    el.addEventListener('statechange', on);
    if (el.getState() !== 'verifying') void el.verify();
  });
}

/** A solution buys one write: after a write that will not be retried, solve a new challenge. */
export function renewPow(): void {
  const el = widget();
  if (!el || typeof el.reset !== 'function') return;
  el.reset();
  void el.verify();
}
