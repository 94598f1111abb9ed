// Step 4: target group, organisation (with the live IČO check) and contact.
import { html, nothing, type TemplateResult } from 'lit-html';
import { isValidIco, normaliseIco } from '../../../lib/ico';
import { update } from '../../../lib/router';
import { icon, radioGroup, textField } from '../../../lib/ui';
import { TARGET_GROUPS, type TargetGroup } from '../../../lib/vocab';
import { t } from '../../i18n';
import { edited, err, orgRequired, w } from './state';

export function step4(): TemplateResult {
  const m = t();
  const wz = m.wizard;
  const d = w.d;
  const required = orgRequired();
  const icoDigits = normaliseIco(d.ico);
  const icoOk = icoDigits.length === 8 && isValidIco(icoDigits) && !err('ico');
  const icoLiveBad = icoDigits.length === 8 && !isValidIco(icoDigits) && !err('ico');
  const text = (f: 'orgName' | 'name' | 'email' | 'phone' | 'address' | 'note') => (v: string) => {
    d[f] = v;
    edited(f);
    update();
  };
  return html`
    ${radioGroup<TargetGroup>({
      name: 'targetGroup',
      legend: wz.targetGroupLegend,
      options: TARGET_GROUPS.map((v) => ({ value: v, label: m.vocab.targetGroup[v] })),
      value: d.targetGroup,
      error: err('targetGroup'),
      onChange: (v) => {
        d.targetGroup = v;
        edited('targetGroup');
        update();
      },
    })}
    <fieldset class="group">
      <legend class="group__title">${wz.orgTitle}</legend>
      <p class="field-hint">${required ? wz.orgHintRequired : wz.orgHintOptional}</p>
      ${textField({
        id: 'orgName',
        label: wz.orgName,
        value: d.orgName,
        optional: !required,
        autocomplete: 'organization',
        error: err('orgName'),
        onInput: text('orgName'),
      })}
      ${textField({
        id: 'ico',
        label: wz.ico,
        hint: wz.icoHint,
        value: d.ico,
        optional: !required,
        inputmode: 'numeric',
        spellcheck: false,
        maxlength: 12,
        width: 's',
        error: err('ico') ?? (icoLiveBad ? m.validation.icoInvalid : undefined),
        describedBy: icoOk ? 'ico-ok' : undefined,
        after: html`${icoOk
            ? html`<p class="gov-form-message field-ok" data-color="success" id="ico-ok">${icon('check-circle')}<span>${wz.icoOk}</span></p>`
            : nothing}
          <p class="visually-hidden" aria-live="polite" id="ico-live">${w.icoLive}</p>`,
        onInput: (v) => {
          d.ico = v;
          edited('ico');
          update();
        },
        onBlur: (v) => {
          const digits = normaliseIco(v);
          const said = !digits ? '' : isValidIco(digits) ? wz.icoOk : m.validation.icoInvalid;
          if (said !== w.icoLive) {
            w.icoLive = said;
            update();
          }
        },
      })}
    </fieldset>
    <fieldset class="group">
      <legend class="group__title">${wz.contactTitle}</legend>
      ${textField({ id: 'name', label: wz.name, value: d.name, autocomplete: 'name', error: err('name'), onInput: text('name') })}
      ${textField({
        id: 'email',
        label: wz.email,
        hint: wz.emailHint,
        type: 'email',
        value: d.email,
        autocomplete: 'email',
        spellcheck: false,
        error: err('email'),
        onInput: text('email'),
      })}
      ${textField({
        id: 'phone',
        label: wz.phone,
        hint: wz.phoneHint,
        type: 'tel',
        value: d.phone,
        autocomplete: 'tel',
        width: 'm',
        error: err('phone'),
        onInput: text('phone'),
      })}
      ${d.form === 'onsite'
        ? textField({
            id: 'address',
            label: wz.address,
            hint: wz.addressHint,
            value: d.address,
            autocomplete: 'street-address',
            error: err('address'),
            onInput: text('address'),
          })
        : nothing}
      ${textField({
        id: 'note',
        label: wz.note,
        hint: wz.noteHint,
        value: d.note,
        optional: true,
        multiline: true,
        error: err('note'),
        onInput: text('note'),
      })}
    </fieldset>
  `;
}
