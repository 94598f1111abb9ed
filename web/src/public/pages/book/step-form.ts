// Step 1: the form of consultation.
import type { TemplateResult } from 'lit-html';
import { update } from '../../../lib/router';
import { radioGroup } from '../../../lib/ui';
import { FORMS, type Form } from '../../../lib/vocab';
import { t } from '../../i18n';
import { edited, err, w } from './state';

export function step1(): TemplateResult {
  const m = t();
  return radioGroup<Form>({
    name: 'form',
    legend: m.wizard.formLegend,
    hint: m.wizard.formHint,
    options: FORMS.map((f) => ({ value: f, label: m.vocab.form[f], hint: m.vocab.formHint[f] })),
    value: w.d.form,
    error: err('form'),
    onChange: (v) => {
      if (w.d.form !== v && w.slot) w.slot = undefined;
      w.d.form = v;
      edited('form');
      update();
    },
  });
}
