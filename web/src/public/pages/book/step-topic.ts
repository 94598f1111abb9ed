// Step 2: topic and region; Continue looks the experts up.
import { html, nothing, type TemplateResult } from 'lit-html';
import { update } from '../../../lib/router';
import { radioGroup, selectField } from '../../../lib/ui';
import { REGIONS, TOPICS, type Region, type Topic } from '../../../lib/vocab';
import { t } from '../../i18n';
import { edited, err, w } from './state';

export function step2(): TemplateResult {
  const m = t();
  return html`${radioGroup<Topic>({
      name: 'topic',
      legend: m.wizard.topicLegend,
      options: TOPICS.map((v) => ({ value: v, label: m.vocab.topic[v] })),
      value: w.d.topic,
      error: err('topic'),
      onChange: (v) => {
        if (w.d.topic !== v) w.slot = undefined;
        w.d.topic = v;
        edited('topic');
        update();
      },
    })}
    ${selectField<Region>({
      id: 'region',
      label: m.wizard.regionLabel,
      hint: m.wizard.regionHint,
      placeholder: m.wizard.regionPlaceholder,
      options: REGIONS.map((r) => ({ value: r, label: m.vocab.region[r] })),
      value: w.d.region,
      error: err('region'),
      onChange: (v) => {
        if (w.d.region !== v) w.slot = undefined;
        w.d.region = v || undefined;
        edited('region');
        update();
      },
    })}
    ${w.checking ? html`<p class="loading" role="status">${m.wizard.checkingExperts}</p>` : nothing}`;
}
