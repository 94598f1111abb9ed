// The console's sign-in pages. In the cloud (/staff/config.json present) a
// button takes the person to the ministry's sign-in (the Cognito Hosted UI,
// oidc.ts), which comes back to the callback page; locally the development
// sign-in offers a role to pick (the local gateway's /local/dev-token).
import { html, nothing } from 'lit-html';
import { navigate, update, type Page } from '../../lib/router';
import { message } from '../../lib/ui';
import { t } from '../i18n';
import { beginSignIn, completeSignIn, loadConfig, safeNext, type Completion, type OidcConfig } from '../oidc';
import { devSignIn, devSignInGroups, takeNotice } from '../session';

type Way = { kind: 'asking' } | { kind: 'cloud'; cfg: OidcConfig } | { kind: 'dev'; groups: string[] } | { kind: 'none' };

export function signInPage(): Page {
  let way: Way = { kind: 'asking' };
  let chosen = 'viewer';
  let failed = false;
  let leaving = false;
  let notice: ReturnType<typeof takeNotice>;
  const next = (): string => safeNext(new URLSearchParams(location.search).get('next'));
  const submit = async (ev: Event) => {
    ev.preventDefault();
    failed = false;
    try {
      await devSignIn(chosen);
      navigate(next());
    } catch {
      failed = true;
      update();
    }
  };
  const goCloud = (cfg: OidcConfig) => {
    leaving = true;
    update();
    beginSignIn(cfg, next()).catch(() => {
      leaving = false;
      failed = true;
      update();
    });
  };
  return {
    title: () => t().signIn.title,
    enter: () => {
      notice = takeNotice();
      void (async () => {
        const cfg = await loadConfig();
        if (cfg) way = { kind: 'cloud', cfg };
        else {
          const groups = await devSignInGroups();
          way = groups ? { kind: 'dev', groups } : { kind: 'none' };
        }
        update();
      })();
    },
    view: () => {
      const m = t().signIn;
      const head = html`<h1 tabindex="-1">${m.title}</h1>
        ${notice === 'refreshFailed' ? message('warning', html`<p>${m.refreshFailed}</p>`, { role: 'alert' }) : nothing}`;
      switch (way.kind) {
        case 'asking':
          return html`${head}<p role="status">${t().console.loading}</p>`;
        case 'none':
          return html`${head}${message('error', html`<p>${m.unavailable}</p>`)}`;
        case 'cloud': {
          const cfg = way.cfg;
          return html`${head}
            <p class="lead">${m.cloudLead}</p>
            ${failed ? message('error', html`<p>${m.failed}</p>`, { role: 'alert' }) : nothing}
            <p>
              <button class="gov-button" data-type="solid" data-color="primary" data-size="m" type="button" id="sign-in-cloud"
                ?disabled=${leaving} @click=${() => goCloud(cfg)}>${m.cloudSubmit}</button>
            </p>
            <div role="status">${leaving ? html`<p>${m.redirecting}</p>` : nothing}</div>
            <p class="field-hint">${m.memoryOnly}</p>`;
        }
        case 'dev':
          return html`${head}
            <p class="lead">${m.lead}</p>
            ${failed ? message('error', html`<p>${m.failed}</p>`, { role: 'alert' }) : nothing}
            <form class="sign-in" @submit=${submit} novalidate>
              <fieldset class="gov-form-control field fieldset" data-type="radio">
                <legend class="gov-form-label legend"><span class="gov-form-label__label">${m.role}</span></legend>
                <div class="gov-form-radio-group options" data-gap="m">
                  ${way.groups.map(
                    (g) => html`<div class="gov-form-radio option" data-size="m">
                      <input type="radio" id=${`role-${g}`} name="role" .value=${g} .checked=${chosen === g} @change=${() => (chosen = g)} />
                      <span class="option__text"><label for=${`role-${g}`} class="option__label">${m.roles[g as keyof typeof m.roles] ?? g}</label></span>
                    </div>`,
                  )}
                </div>
              </fieldset>
              <p><button class="gov-button" data-type="solid" data-color="primary" data-size="m" type="submit">${m.submit}</button></p>
            </form>
            <p class="field-hint">${m.memoryOnly}</p>`;
      }
    },
  };
}

/** /staff/callback: where the Hosted UI comes back with the code (or an error). */
export function callbackPage(): Page {
  let result: Completion | undefined;
  let started = false;
  return {
    title: () => (result && !result.ok ? t().signIn.callbackFailedTitle : t().signIn.callbackTitle),
    enter: () => {
      if (started) return;
      started = true;
      void completeSignIn().then((r) => {
        result = r;
        if (r.ok) navigate(r.next, { replace: true });
        else {
          update();
          requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
        }
      });
    },
    view: () => {
      const m = t().signIn;
      if (!result || result.ok) return html`<h1 tabindex="-1">${m.callbackTitle}</h1><p role="status">${m.callbackWorking}</p>`;
      const why = { state: m.stateMismatch, denied: m.denied, exchange: m.exchangeFailed, network: t().console.network, config: m.unavailable }[result.reason];
      return html`<h1 tabindex="-1">${m.callbackFailedTitle}</h1>
        ${message('error', html`<p>${why}</p>`, { role: 'alert' })}
        <p><a href="/staff/sign-in">${m.again}</a></p>`;
    },
  };
}
