// Step 3: the experts found and the week view of their free slots.
import { html, nothing, type TemplateResult } from 'lit-html';
import { update } from '../../../lib/router';
import { selectField } from '../../../lib/ui';
import { t } from '../../i18n';
import { SlotPicker } from '../../slotpicker';
import { ensurePicker } from './flow';
import { edited, err, picker, w } from './state';

export function expertNames(): Map<string, string> {
  return new Map(w.experts.map((e) => [e.id, e.name]));
}

export function step3(): TemplateResult {
  const m = t();
  const names = expertNames();
  const chosen = w.slot;
  return html`
    <section class="experts" aria-labelledby="experts-title">
      <h3 id="experts-title">${m.wizard.expertsTitle}</h3>
      <ul class="experts__list">
        ${w.experts.map(
          (e) => html`<li class="expert">
            <p class="expert__name">${e.name}</p>
            ${e.bio ? html`<p class="expert__bio" lang="cs">${e.bio}</p>` : nothing}
            <p class="expert__meta">${m.wizard.slotMinutes(e.slotMinutes)}</p>
          </li>`,
        )}
      </ul>
      ${w.experts.length > 1
        ? selectField<string>({
            id: 'expertFilter',
            label: m.wizard.expertFilterLabel,
            optional: true,
            options: [
              { value: '', label: m.wizard.expertFilterAll(w.experts.length) },
              ...w.experts.map((e) => ({ value: e.id, label: e.name })),
            ],
            value: w.expertFilter,
            onChange: (v) => {
              w.expertFilter = v;
              ensurePicker();
            },
          })
        : nothing}
    </section>
    ${picker.view({
      names,
      error: err('slot'),
      onPick: (s) => {
        w.slot = s;
        picker.selected = s;
        w.slotGone = undefined;
        edited('slot');
        update();
      },
    })}
    <div class="chosen" role="status">
      ${chosen
        ? html`<p><strong>${m.wizard.selectedTitle}:</strong> ${SlotPicker.describe(chosen, names.get(chosen.expertId) ?? chosen.expertId)}</p>`
        : html`<p>${m.wizard.noneSelected}</p>`}
    </div>
  `;
}
