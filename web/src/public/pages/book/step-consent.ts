// Step 5: consent, with a link to the privacy notice that keeps the wizard.
import { html, type TemplateResult } from 'lit-html';
import { update } from '../../../lib/router';
import { checkbox } from '../../../lib/ui';
import { t } from '../../i18n';
import { edited, err, w } from './state';

export function step5(): TemplateResult {
  const wz = t().wizard;
  return html`<div class="consent">
    <p>${wz.consentText}</p>
    <p><a href="/privacy">${wz.consentLink}</a></p>
    ${checkbox({
      id: 'consent',
      label: wz.consentLabel,
      checked: w.d.consent,
      error: err('consent'),
      onChange: (c) => {
        w.d.consent = c;
        edited('consent');
        update();
      },
    })}
  </div>`;
}
