// The indicator catalogue (GET /v1/staff/indicators): every indicator with
// its definition, unit, sources, breakdowns and target, for viewers and
// admins.
import { html, nothing } from 'lit-html';
import { formatNumber, lang } from '../../lib/i18n';
import { update, type Page } from '../../lib/router';
import { groupsOf, guarded, loadView, type Load } from '../kit';
import { indicatorCatalogue, type IndicatorCatalogue } from './api';
import { tx } from './messages';

export function indicatorsPage(): Page {
  let l: Load<IndicatorCatalogue> = { state: 'loading' };
  return guarded(
    groupsOf('/staff/indicators'),
    () => tx().indicators.title,
    () => {
      const m = tx().indicators;
      return html`<h1 tabindex="-1">${m.title}</h1>
        ${loadView(l, (c) => {
          const L = lang();
          return html`<p class="lead">${m.lead(c.version)}</p>
            <ul class="indicator-toc">
              ${c.indicators.map((i) => html`<li><a href=${`#ind-${i.code.replace(/\./g, '-')}`}>${i.name[L]}</a></li>`)}
            </ul>
            ${c.indicators.map(
              (i) => html`<section class="indicator" id=${`ind-${i.code.replace(/\./g, '-')}`} aria-labelledby=${`ind-${i.code.replace(/\./g, '-')}-title`}>
                <h2 id=${`ind-${i.code.replace(/\./g, '-')}-title`}>${i.name[L]}</h2>
                <p>${i.definition[L]}</p>
                <dl class="indicator__facts">
                  <div><dt>${m.code}</dt><dd><code>${i.code}</code></dd></div>
                  <div><dt>${m.unit}</dt><dd>${m.units[i.unit]}</dd></div>
                  <div><dt>${m.cumulative}</dt><dd>${i.cumulative ? m.cumulativeYes : m.cumulativeNo}</dd></div>
                  <div><dt>${m.activity}</dt><dd>KA${i.activity}</dd></div>
                  <div><dt>${m.sources}</dt><dd>${i.sources.map((s) => m.sourceNames[s]).join(', ')}</dd></div>
                  <div><dt>${m.breakdowns}</dt><dd>${i.breakdowns.length ? i.breakdowns.map((b) => m.breakdownNames[b]).join(', ') : m.none}</dd></div>
                  ${i.countsPeople ? html`<div><dt>${m.people}</dt><dd>${tx().yes}</dd></div>` : nothing}
                  ${i.target !== undefined ? html`<div><dt>${m.target}</dt><dd>${formatNumber(i.target)}</dd></div>` : nothing}
                  ${i.esf ? html`<div><dt>${m.esf}</dt><dd>${i.esf}</dd></div>` : nothing}
                </dl>
              </section>`,
            )}`;
        })}`;
    },
    () => {
      l = { state: 'loading' };
      indicatorCatalogue().then(
        (c) => {
          l = { state: 'ok', data: c };
          update();
        },
        (err) => {
          l = { state: 'error', err };
          update();
        },
      );
    },
  );
}
