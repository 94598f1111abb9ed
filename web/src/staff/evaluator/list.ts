// The surveys list: kind, status, version, responses of the last 12 months
// (from the results route: a count under the threshold is only "fewer
// than 5"), links to the builder and the results; "New survey".
import { html, nothing } from 'lit-html';
import { formatNumber, lang } from '../../lib/i18n';
import { update, type Page } from '../../lib/router';
import { message } from '../../lib/ui';
import { groupsOf, guarded, loadView, type Load } from '../kit';
import { getResults, listSurveys, type StaffSurvey, type Text } from './api';
import { tx } from './messages';

/** A Text in the current language (the Czech where the English is missing). */
export function tt(v: Text | undefined): string {
  if (!v) return '';
  return lang() === 'en' && v.en ? v.en : v.cs;
}

/** Responses of the last 12 months: a number, "fewer than 5", or unknown. */
type Count = { n?: number; threshold?: number } | undefined;

export function surveysPage(): Page {
  let l: Load<StaffSurvey[]> = { state: 'loading' };
  const counts = new Map<string, Count>();
  const view = () => {
    const m = tx().list;
    return html`<h1 tabindex="-1">${m.title}</h1>
      <p class="lead">${m.intro}</p>
      <p><a class="gov-button" data-type="solid" data-color="primary" data-size="m" href="/staff/surveys/new" id="new-survey">${m.newSurvey}</a></p>
      ${loadView(l, (items) =>
        items.length === 0
          ? message('primary', html`<p>${m.empty}</p>`)
          : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="surveys-caption">
              <table class="gov-table data-table surveys-table">
                <caption id="surveys-caption">${m.caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">${m.survey}</th>
                    <th scope="col">${m.kind}</th>
                    <th scope="col">${m.status}</th>
                    <th scope="col">${m.version}</th>
                    <th scope="col">${m.responses}</th>
                    <th scope="col">${m.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  ${items.map((s) => {
                    const title = tt(s.title);
                    const c = counts.get(s.id);
                    const resp =
                      s.published === 0 || !c
                        ? m.none
                        : c.n !== undefined
                          ? formatNumber(c.n)
                          : c.threshold
                            ? m.fewer(formatNumber(c.threshold))
                            : m.none;
                    return html`<tr data-survey=${s.id}>
                      <th scope="row">${title}</th>
                      <td>${tx().kinds[s.kind]}</td>
                      <td>${tx().statuses[s.status]}</td>
                      <td>${m.versionOf(s.published, s.latest)}</td>
                      <td>${resp}</td>
                      <td>
                        <ul class="survey-actions">
                          <li><a href=${`/staff/surveys/${s.id}`} aria-label=${(s.status === 'closed' ? m.open : m.edit)(title)}>${s.status === 'closed' ? m.openShort : m.editShort}</a></li>
                          ${s.published > 0
                            ? html`<li><a href=${`/staff/surveys/${s.id}/results`} aria-label=${m.resultsOf(title)}>${m.results}</a></li>`
                            : nothing}
                        </ul>
                      </td>
                    </tr>`;
                  })}
                </tbody>
              </table>
            </div>`,
      )}`;
  };
  return guarded(
    groupsOf('/staff/surveys'),
    () => tx().list.title,
    view,
    () => {
      l = { state: 'loading' };
      counts.clear();
      listSurveys().then(
        (r) => {
          l = { state: 'ok', data: r.items };
          update();
          // The responses of each published survey, one request each (few surveys).
          for (const s of r.items.filter((x) => x.published > 0)) {
            getResults(s.id, {}).then(
              (res) => {
                counts.set(s.id, res.total.suppressed ? { threshold: res.threshold } : { n: res.total.responses ?? 0 });
                update();
              },
              () => counts.set(s.id, undefined),
            );
          }
        },
        (err: unknown) => {
          l = { state: 'error', err };
          update();
        },
      );
    },
  );
}
