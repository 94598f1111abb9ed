// A survey's results: per question (per item of a Likert matrix) a bar
// chart drawn in SVG (role=img, its aria-label summarising the figures)
// with its data table (caption, th scope), the mean, median and NPS where
// the API gives them; what the API withholds (fewer than 5 answers) says
// so. The period and the version of the questions can be chosen; the
// exports (CSV, XLSX, the codebook) are fetched with the token and saved.
import { html, nothing, svg, type TemplateResult } from 'lit-html';
import { formatNumber, lang } from '../../lib/i18n';
import { NAMES } from '../../lib/vocab';
import { afterRender, announce, focusId, update, type Page } from '../../lib/router';
import { errorSummary, message, selectField, textField } from '../../lib/ui';
import { t } from '../i18n';
import { btn, groupsOf, guarded, problemText } from '../kit';
import { downloadExport, getResults, getSurvey, getVersion, type Definition, type Question, type By, type Range, type Results, type ResultsVariable, type SurveyDetail } from './api';
import { tt } from './list';
import { tx } from './messages';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

interface Row {
  code: number;
  label: string;
  count: number;
  percent: number;
}

/** The label of a value code of a variable, from the version's definition. */
function labelOf(q: Question | undefined, type: ResultsVariable['type'], code: number): string {
  const r = tx().results;
  switch (type) {
    case 'single_choice':
    case 'multiple_choice': {
      const o = q?.options?.find((x) => x.code === code);
      return o ? tt(o.label) : String(code);
    }
    case 'likert':
    case 'likert_matrix': {
      const s = q?.scale?.[code - 1];
      return s ? `${code}: ${tt(s.label)}` : String(code);
    }
    case 'yes_no':
      return code === 1 ? r.yes : code === 0 ? r.no : String(code);
    default:
      return String(code);
  }
}

function pct(n: number): string {
  return `${formatNumber(Math.round(n * 10) / 10)} %`;
}

function short(s: string, n = 48): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

const W = 400; // the chart's viewBox width
const ROW = 40; // one bar's height in the viewBox, its label included
const BAR_MAX = 300;

/** A horizontal bar chart: decoration for the eye; its aria-label and the table carry the figures. */
function chart(id: string, title: string, rows: Row[]): TemplateResult {
  const r = tx().results;
  const max = Math.max(1, ...rows.map((x) => x.count));
  const h = rows.length * ROW + 4;
  const summary = rows.map((x) => `${x.label}: ${formatNumber(x.count)} (${pct(x.percent)})`).join('; ');
  return html`<svg class="bar-chart" id=${id} role="img" aria-label=${r.chartLabel(title, summary)} viewBox=${`0 0 ${W} ${h}`} width="100%" preserveAspectRatio="xMinYMin meet" focusable="false">
    ${rows.map((x, i) => {
      const y = i * ROW;
      const w = x.count === 0 ? 0 : Math.max(2, Math.round((x.count / max) * BAR_MAX));
      return svg`<text x="0" y=${y + 13} class="bar-chart__label">${short(x.label)}</text>
        <rect x="0" y=${y + 18} width=${w} height="16" class="bar-chart__bar"></rect>
        <text x=${w + 6} y=${y + 31} class="bar-chart__value">${formatNumber(x.count)} (${pct(x.percent)})</text>`;
    })}
  </svg>`;
}

function table(id: string, title: string, rows: Row[]): TemplateResult {
  const r = tx().results;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby=${`${id}-caption`}>
    <table class="gov-table data-table results-table" id=${id}>
      <caption id=${`${id}-caption`}>${r.tableCaption(title)}</caption>
      <thead><tr><th scope="col">${r.answer}</th><th scope="col">${r.count}</th><th scope="col">${r.percent}</th></tr></thead>
      <tbody>
        ${rows.map((x) => html`<tr data-code=${x.code}><th scope="row">${x.label}</th><td>${formatNumber(x.count)}</td><td>${pct(x.percent)}</td></tr>`)}
      </tbody>
    </table>
  </div>`;
}

/** The figures besides the distribution: answered, mean, median, NPS. */
function figures(v: ResultsVariable): TemplateResult {
  const r = tx().results;
  const items: [string, string][] = [];
  if (v.answered !== undefined) items.push([r.answered(''), formatNumber(v.answered)]);
  if (v.mean !== undefined) items.push([r.mean, formatNumber(Math.round(v.mean * 100) / 100)]);
  if (v.median !== undefined) items.push([r.median, formatNumber(v.median)]);
  if (v.nps !== undefined) items.push([r.nps, formatNumber(Math.round(v.nps * 10) / 10)]);
  return html`<dl class="results-figures">
    ${items.map(([k, val]) => html`<div><dt>${k.replace(/:\s*$/, '')}</dt><dd>${val}</dd></div>`)}
  </dl>`;
}

export function surveyResultsPage(id: string): Page {
  let detail: SurveyDetail | undefined;
  let def: Definition | undefined;
  let results: Results | undefined;
  let loading = true;
  let err: unknown;
  let range: Range = {};
  let form = { from: '', to: '', version: '', by: '' as By | '' };
  let by: By | undefined;
  let formErrors: Record<string, string> = {};
  let downloadErr: string | undefined;
  let downloadOk: string | undefined;

  async function load() {
    loading = true;
    err = undefined;
    update();
    try {
      detail ??= await getSurvey(id);
      if (detail.survey.published > 0) {
        results = await getResults(id, range, by);
        def = (await getVersion(id, results.version)).definition;
        form = { from: results.from, to: results.to, version: String(results.version), by: by ?? '' };
      }
    } catch (e) {
      err = e;
    }
    loading = false;
    update();
  }

  function submit(ev: Event) {
    ev.preventDefault();
    const r = tx().results;
    formErrors = {};
    if (form.from && !MONTH.test(form.from)) formErrors['res-from'] = r.badMonth;
    if (form.to && !MONTH.test(form.to)) formErrors['res-to'] = r.badMonth;
    if (Object.keys(formErrors).length) {
      afterRender(() => focusId('error-summary'));
      update();
      return;
    }
    range = { from: form.from || undefined, to: form.to || undefined, version: form.version ? Number(form.version) : undefined };
    by = form.by || undefined;
    void load().then(() => {
      afterRender(() => focusId('results-summary'));
      update();
    });
  }

  async function download(kind: 'csv' | 'xlsx' | 'json') {
    downloadErr = undefined;
    downloadOk = undefined;
    update();
    try {
      await downloadExport(id, range, kind);
      downloadOk = tx().results.downloaded;
      announce(downloadOk);
    } catch (e) {
      downloadErr = problemText(e);
      afterRender(() => focusId('download-alert'));
    }
    update();
  }

  function variableView(v: ResultsVariable, res: Results, i: number): TemplateResult {
    const r = tx().results;
    const q = def?.questions.find((x) => x.var === v.question);
    const item = v.type === 'likert_matrix' ? q?.items?.find((x) => x.var === v.var) : undefined;
    const title = item ? `${tt(q?.text)} — ${tt(item.text)}` : q ? tt(q.text) : v.var;
    const id = `var-${v.var}`;
    const threshold = formatNumber(res.threshold);
    let body: TemplateResult;
    if (v.suppressed) body = html`<p class="suppressed">${r.suppressedVar(threshold)}</p>`;
    else {
      const rows: Row[] = (v.values ?? []).map((x) => ({ code: x.code, label: labelOf(q, v.type, x.code), count: x.count, percent: x.percent }));
      body = html`${figures(v)}
        ${rows.length ? html`${chart(`${id}-chart`, title, rows)} ${table(`${id}-table`, title, rows)}` : nothing}
        ${v.type === 'short_text' || v.type === 'long_text' ? html`<p>${r.textOnly}</p>` : nothing}`;
    }
    return html`<section class="results-var" aria-labelledby=${`${id}-title`} data-var=${v.var}>
      <h3 id=${`${id}-title`}>${i + 1}. ${title} <span class="results-var__type">(${tx().types[v.type]}, ${v.var})</span></h3>
      ${body} ${res.by && res.groups?.length ? groupTable(v, q, res, title) : nothing}
    </section>`;
  }

  /** A group's name: a target group, region, form (the vocabulary) or wave (the version's), or not stated. */
  function groupName(by: By, key: string, notStated?: boolean): string {
    const r = tx().results;
    if (notStated || key === '') return r.notStated;
    const names = NAMES[lang()] as Record<string, Record<string, string>>;
    switch (by) {
      case 'targetGroup':
        return names['target_group']?.[key] ?? key;
      case 'region':
        return names['region']?.[key] ?? key;
      case 'form':
        return names['form']?.[key] ?? key;
      case 'wave': {
        const w = def?.waves?.find((x) => x.code === key);
        return w ? tt(w.name) : key;
      }
    }
  }

  /** The variable per group: answered, each code's count and share (or the mean); a withheld group says so. */
  function groupTable(v: ResultsVariable, q: Question | undefined, res: Results, title: string): TemplateResult {
    const r = tx().results;
    const by = res.by!;
    const codes = (v.values ?? []).map((x) => x.code);
    const withMean = v.mean !== undefined;
    const cols = 1 + codes.length + (withMean ? 1 : 0);
    const id = `var-${v.var}-by`;
    const threshold = formatNumber(res.threshold);
    return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby=${`${id}-caption`}>
      <table class="gov-table data-table results-table" id=${id}>
        <caption id=${`${id}-caption`}>${r.byCaption(title, r.byNames[by])}</caption>
        <thead>
          <tr>
            <th scope="col">${r.group}</th>
            <th scope="col">${r.answered('').replace(/:\s*$/, '')}</th>
            ${codes.map((c) => html`<th scope="col">${labelOf(q, v.type, c)}</th>`)}
            ${withMean ? html`<th scope="col">${r.mean}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${res.groups!.map((g) => {
            const gv = (g.questions as ResultsVariable[] | undefined)?.find((x) => x.var === v.var);
            const name = groupName(by, g.key, g.notStated);
            if (g.suppressed || !gv || gv.suppressed)
              return html`<tr data-group=${g.key}><th scope="row">${name}</th><td colspan=${cols}>${r.withheld(threshold)}</td></tr>`;
            return html`<tr data-group=${g.key}>
              <th scope="row">${name}</th>
              <td>${formatNumber(gv.answered ?? 0)}</td>
              ${codes.map((c) => {
                const x = gv.values?.find((y) => y.code === c);
                return html`<td>${formatNumber(x?.count ?? 0)} (${pct(x?.percent ?? 0)})</td>`;
              })}
              ${withMean ? html`<td>${gv.mean !== undefined ? formatNumber(Math.round(gv.mean * 100) / 100) : '—'}</td>` : nothing}
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  function rangeForm(): TemplateResult {
    const r = tx().results;
    const versions = (detail?.versions ?? []).filter((v) => v.published);
    return html`<form class="results-range" novalidate @submit=${submit} aria-labelledby="range-title">
      <h2 id="range-title">${r.range}</h2>
      ${errorSummary(Object.entries(formErrors).map(([target, msg]) => ({ target, message: msg })))}
      <div class="results-range__fields">
        ${textField({ id: 'res-from', label: r.from, value: form.from, width: 's', error: formErrors['res-from'], optional: true, onInput: (v) => (form.from = v.trim()) })}
        ${textField({ id: 'res-to', label: r.to, value: form.to, width: 's', error: formErrors['res-to'], optional: true, onInput: (v) => (form.to = v.trim()) })}
        ${selectField({
          id: 'res-version',
          label: r.version,
          options: versions.map((v) => ({ value: String(v.number), label: String(v.number) })),
          value: form.version,
          onChange: (v) => (form.version = v),
        })}
        ${selectField({
          id: 'res-by',
          label: r.by,
          options: [{ value: '', label: r.byNone }, ...(['targetGroup', 'region', 'form', 'wave'] as const).map((k) => ({ value: k, label: r.byNames[k] }))],
          value: form.by,
          onChange: (v) => (form.by = v as By | ''),
        })}
      </div>
      <p><button class="gov-button" data-type="solid" data-color="primary" data-size="m" type="submit" id="results-show">${r.show}</button></p>
    </form>`;
  }

  const view = () => {
    const r = tx().results;
    const heading = detail ? r.title(tt(detail.survey.title)) : r.titlePlain;
    const back = html`<p><a href=${`/staff/surveys/${id}`}>${r.back}</a></p>`;
    if (!detail && loading) return html`<h1 tabindex="-1">${heading}</h1><p role="status">${t().console.loading}</p>`;
    if (!detail) return html`<h1 tabindex="-1">${heading}</h1>${back}${message('error', html`<p>${problemText(err)}</p>`, { role: 'alert' })}`;
    if (detail.survey.published === 0) return html`<h1 tabindex="-1">${heading}</h1>${back}${message('primary', html`<p>${r.none}</p>`)}`;
    const res = results;
    const threshold = res ? formatNumber(res.threshold) : '5';
    return html`<h1 tabindex="-1">${heading}</h1>
      ${back} ${rangeForm()}
      ${loading ? html`<p role="status">${t().console.loading}</p>` : nothing}
      ${err ? message('error', html`<p>${problemText(err)}</p>`, { role: 'alert' }) : nothing}
      ${res && !loading
        ? html`<div id="results-summary" tabindex="-1">
              <p>${r.period(res.from, res.to, res.version)}</p>
              ${res.total.suppressed
                ? message('primary', html`<p class="suppressed">${r.suppressedTotal(threshold)}</p>`)
                : html`<p class="results-total">${r.responses(formatNumber(res.total.responses ?? 0))}</p>`}
            </div>
            <section aria-labelledby="exports-title" class="results-exports">
              <h2 id="exports-title">${r.exports}</h2>
              <p class="field-hint">${r.exportsHint}</p>
              <ul class="downloads">
                <li>${btn('secondary', r.csv, () => void download('csv'), 'dl-csv')}</li>
                <li>${btn('secondary', r.xlsx, () => void download('xlsx'), 'dl-xlsx')}</li>
                <li>${btn('secondary', r.codebook, () => void download('json'), 'dl-codebook')}</li>
              </ul>
              <div id="download-status" role="status">${downloadOk ? html`<p>${downloadOk}</p>` : nothing}</div>
              <div id="download-alert" role="alert" tabindex="-1">${downloadErr ? message('error', html`<p>${downloadErr}</p>`) : nothing}</div>
            </section>
            ${res.total.suppressed
              ? nothing
              : html`<section aria-labelledby="questions-results-title">
                  <h2 id="questions-results-title">${tx().builder.questions}</h2>
                  ${(res.total.questions ?? []).map((v, i) => variableView(v, res, i))}
                </section>`}`
        : nothing}`;
  };

  return guarded(groupsOf('/staff/surveys/sv-sample/results'), () => (detail ? tx().results.title(tt(detail.survey.title)) : tx().results.titlePlain), view, () => {
    void load();
  });
}
