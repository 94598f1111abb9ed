// The console's home and the viewer's (management's) screens over the
// monthly reports: the list, one report (its headline figures,
// transformation progress, downloads, older versions; an admin's re-run),
// and the transformation register (an admin adds, corrects and moves
// services). The sign-in is pages/signin.ts.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError } from '../../lib/api';
import { formatDate, formatNumber, lang, shared } from '../../lib/i18n';
import { announce, update, type Page } from '../../lib/router';
import { errorSummary, message, selectField, textField, type ErrorItem } from '../../lib/ui';
import { btn, consoleNav, guarded, loadView, problemText, SCREENS, type Load } from '../kit';
import { t } from '../i18n';
import { ax } from './admintx';
import { changePhase, createService, downloadFile, getReport, getService, listReports, listServices, runReport, updateService, type Phase, type Report, type ReportVersion, type Service } from '../reportsapi';
import { current, mayUse, REPORT_ADMINS, REPORT_READERS } from '../session';

// --- Console home ----------------------------------------------------------------

export function consoleHomePage(fallback: () => Page): Page {
  const inner = fallback();
  return {
    title: () => (current() ? t().console.homeTitle : inner.title()),
    view: () => {
      if (!current()) return inner.view();
      const m = t().console;
      const mine = SCREENS.filter((x) => x.nav && mayUse(x.groups));
      return html`${consoleNav()}<h1 tabindex="-1">${m.homeTitle}</h1>
        <p class="lead">${m.homeLead}</p>
        <ul class="console-home__list">
          ${mine.map((x) => html`<li><a href=${x.path}>${m.navItems[x.nav!]}</a></li>`)}
        </ul>`;
    },
  };
}

// --- Reports -------------------------------------------------------------------

export function reportsPage(): Page {
  let l: Load<ReportVersion[]> = { state: 'loading' };
  return guarded(
    REPORT_READERS,
    () => t().reports.title,
    () => {
      const m = t().reports;
      return html`<h1 tabindex="-1">${m.title}</h1>
        <p class="lead">${m.lead}</p>
        ${loadView(l, (items) =>
          items.length === 0
            ? message('primary', html`<p>${m.empty}</p>`)
            : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${m.title}>
                <table class="gov-table data-table">
                  <caption class="visually-hidden">${m.title}</caption>
                  <thead><tr><th scope="col">${m.month}</th><th scope="col">${m.version}</th><th scope="col">${m.created}</th><th scope="col">${m.catalogue}</th></tr></thead>
                  <tbody>
                    ${items.map(
                      (r) => html`<tr>
                        <th scope="row"><a href=${`/staff/reports/${r.month}`}>${monthName(r.month)}</a></th>
                        <td>${r.version}</td>
                        <td>${formatDate(new Date(r.createdAt))}</td>
                        <td>${r.catalogue}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`,
        )}`;
    },
    () => {
      l = { state: 'loading' };
      listReports().then(
        (r) => {
          l = { state: 'ok', data: [...r.items].sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : b.version - a.version)) };
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

function monthName(month: string): string {
  const [y, mo] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(lang() === 'cs' ? 'cs-CZ' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y!, mo! - 1, 15)),
  );
}

const HEADLINES = [
  'consultations.held',
  'organisations.supported.cumulative',
  'organisations.public_administrations.cumulative',
  'organisations.providers.cumulative',
  'events.held',
  'events.attendance',
  'surveys.evaluation.responses',
  'surveys.satisfaction.mean',
  'surveys.satisfaction.nps',
  'transformation.services_transformed',
] as const;

function figure(r: Report, code: string): string {
  const v = r.indicators.find((i) => i.code === code);
  if (!v) return '–';
  if (v.total.suppressed) return '<5';
  if (v.total.value === null) return '–';
  return formatNumber(v.total.value);
}

export function reportPage(month: string): Page {
  let l: Load<{ report: Report; version?: ReportVersion; latest: number }> = { state: 'loading' };
  let chosen = 0;
  let versionProblem: unknown;
  const showVersion = async (ev: Event) => {
    ev.preventDefault();
    if (l.state !== 'ok') return;
    versionProblem = undefined;
    try {
      const report = await getReport(month, chosen || l.data.report.version);
      if (l.state === 'ok') l = { state: 'ok', data: { ...l.data, report } };
      update();
      announce(ax().report.showing(report.version, report.version === (l.state === 'ok' ? l.data.latest : 0)));
    } catch (err) {
      versionProblem = err;
      update();
      requestAnimationFrame(() => document.getElementById('version-problem')?.focus());
    }
  };
  const versionsView = (report: Report, latest: number): TemplateResult => {
    if (latest <= 1) return html``;
    const a = ax().report;
    const all = Array.from({ length: latest }, (_, i) => latest - i);
    return html`<section class="report-versions" aria-labelledby="versions-title">
      <h2 id="versions-title">${a.versionsTitle}</h2>
      <p class="field-hint">${a.versionsHint}</p>
      <form class="report-versions__form" novalidate @submit=${(ev: Event) => void showVersion(ev)}>
        ${selectField<string>({
          id: 'report-version',
          label: a.version,
          value: String(chosen || report.version),
          options: all.map((v) => ({ value: String(v), label: a.option(v, v === latest) })),
          onChange: (v) => (chosen = Number(v)),
        })}
        <p><button class="gov-button" data-type="outlined" data-color="primary" data-size="m" type="submit" id="version-show">${a.show}</button></p>
      </form>
      <p id="version-showing">${a.showing(report.version, report.version === latest)}</p>
      ${versionProblem ? html`<div id="version-problem" tabindex="-1">${message('error', html`<p>${problemText(versionProblem)}</p>`, { role: 'alert' })}</div>` : nothing}
    </section>`;
  };
  const download = async (file: string, version: number) => {
    try {
      await downloadFile(month, version, file);
      announce(t().report.downloaded(file));
    } catch (err) {
      announce(problemText(err));
    }
  };
  let run: { state: 'idle' | 'busy' | 'started' } | { state: 'error'; err: unknown } = { state: 'idle' };
  const rerun = async () => {
    if (run.state === 'busy') return;
    run = { state: 'busy' };
    update();
    try {
      await runReport(month);
      run = { state: 'started' };
    } catch (err) {
      run = { state: 'error', err };
    }
    update();
  };
  const rerunView = (): TemplateResult => {
    if (!mayUse(REPORT_ADMINS)) return html``;
    const m = t().report;
    return html`<section class="rerun" aria-labelledby="rerun-title">
      <h2 id="rerun-title" class="visually-hidden">${m.rerun}</h2>
      <p class="field-hint" id="rerun-hint">${m.rerunHint}</p>
      <p><button class="gov-button" data-type="outlined" data-color="primary" data-size="m" type="button" id="rerun" aria-describedby="rerun-hint" aria-disabled=${run.state === 'busy' ? 'true' : 'false'} @click=${() => void rerun()}>${m.rerun}</button></p>
      <div id="rerun-status" role="status" aria-live="polite">${run.state === 'started' ? message('success', html`<p>${m.rerunStarted}</p>`) : nothing}</div>
      ${run.state === 'error' ? message('error', html`<p>${problemText(run.err)}</p>`, { role: 'alert' }) : nothing}
    </section>`;
  };
  return guarded(
    REPORT_READERS,
    () => `${t().report.title} ${monthName(month)}`,
    () => {
      const m = t().report;
      return html`<p><a href="/staff/reports">${m.back}</a></p>
        <h1 tabindex="-1">${m.title} ${monthName(month)}</h1>
        ${loadView(l, ({ report, version, latest }) => {
          const target = report.transformation.target;
          const transformed = report.transformation.byPhase.find((p) => p.phase === 'transformed')?.n ?? 0;
          return html`<p class="lead">${m.versionLine(report.version, report.catalogue)}</p>
            ${rerunView()}
            ${versionsView(report, latest)}
            <h2>${m.headline}</h2>
            <dl class="figures">
              ${HEADLINES.map(
                (code) => html`<div class="figures__item"><dt>${m.codes[code]}${code === 'organisations.public_administrations.cumulative' ? ' (EECO18)' : code === 'organisations.providers.cumulative' ? ' (EECO19)' : ''}</dt>
                  <dd id=${`fig-${code.replace(/\./g, '-')}`}>${figure(report, code)}${code === 'transformation.services_transformed' ? ` ${m.ofTarget(target)}` : ''}</dd></div>`,
              )}
            </dl>
            <h2>${m.progress}</h2>
            <p><label for="progress">${m.progressLabel(transformed, target)}</label></p>
            <progress id="progress" max=${target} .value=${transformed}>${transformed} / ${target}</progress>
            <div class="table-wrap" tabindex="0" role="region" aria-label=${m.byPhase}>
              <table class="gov-table data-table">
                <caption>${m.byPhase}</caption>
                <thead><tr><th scope="col">${m.phase}</th><th scope="col">${m.services}</th></tr></thead>
                <tbody>
                  ${report.transformation.byPhase.map((p) => html`<tr><th scope="row">${t().phases[p.phase]}</th><td>${p.n}</td></tr>`)}
                </tbody>
              </table>
            </div>
            <h2>${m.downloads}</h2>
            <ul class="downloads">
              ${((report.version === version?.version ? version?.files.map((f) => f.name) : undefined) ?? ['report.json', 'report.csv', 'report.xlsx', 'report.html'])
                .concat(['manifest.json'])
                .filter((f, i, a) => a.indexOf(f) === i)
                .map((f) => html`<li>${btn('secondary', m.download(f), () => void download(f, report.version), `dl-${f.replace('.', '-')}`)}</li>`)}
            </ul>`;
        })}`;
    },
    () => {
      l = { state: 'loading' };
      chosen = 0;
      versionProblem = undefined;
      Promise.all([getReport(month), listReports()]).then(
        ([report, list]) => {
          l = { state: 'ok', data: { report, version: list.items.find((v) => v.month === month && v.version === report.version), latest: report.version } };
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

// --- The transformation register --------------------------------------------------

const PHASES: readonly Phase[] = ['joined', 'plan_drafted', 'plan_approved', 'in_implementation', 'transformed'];

/** Today's Prague day, YYYY-MM-DD. */
function pragueToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Prague', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

interface PhaseForm {
  service: Service;
  phase: Phase | '';
  date: string;
  reason: string;
  errors: Partial<Record<'phase' | 'date' | 'reason', string>>;
  failed?: unknown;
  reloaded?: boolean;
  busy?: boolean;
}

/** The form field a problem's error names, if one of ours. */
function formField(field: string): 'phase' | 'date' | 'reason' | undefined {
  return field === 'phase' || field === 'date' || field === 'reason' ? field : undefined;
}

type DetailKey = 'name' | 'ico' | 'region' | 'registryId' | 'joined';
const DETAIL_KEYS: readonly DetailKey[] = ['name', 'ico', 'region', 'registryId', 'joined'];

/** The form that adds a service (service undefined) or corrects its details. */
interface DetailsForm {
  service?: Service;
  name: string;
  ico: string;
  region: string;
  registryId: string;
  joined: string;
  errors: Partial<Record<DetailKey, string>>;
  failed?: string;
  busy?: boolean;
}

export function registerPage(): Page {
  let l: Load<Service[]> = { state: 'loading' };
  let form: PhaseForm | undefined;
  let details: DetailsForm | undefined;
  let detailsSaved: string | undefined;
  const focus = (id: string) => queueMicrotask(() => requestAnimationFrame(() => document.getElementById(id)?.focus()));
  const open = (s: Service) => {
    details = undefined;
    detailsSaved = undefined;
    const i = PHASES.indexOf(s.phase);
    form = { service: s, phase: PHASES[i + 1] ?? '', date: pragueToday(), reason: '', errors: {} };
    update();
    focus('phase-title');
  };
  const close = () => {
    const id = form?.service.id;
    form = undefined;
    update();
    if (id) focus(`change-${id}`);
  };
  const replace = (s: Service) => {
    if (l.state === 'ok') l = { state: 'ok', data: l.data.map((x) => (x.id === s.id ? s : x)) };
  };
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const f = form;
    if (!f || f.busy) return;
    const m = t().register;
    f.errors = {};
    f.failed = undefined;
    f.reloaded = false;
    const back = f.phase !== '' && PHASES.indexOf(f.phase) < PHASES.indexOf(f.service.phase);
    if (!f.phase) f.errors.phase = m.newPhase;
    if (back && !f.reason.trim()) f.errors.reason = m.reasonHint;
    if (f.errors.phase || f.errors.reason) {
      update();
      focus(f.errors.phase ? 'phase' : 'reason');
      return;
    }
    f.busy = true;
    update();
    try {
      const s = await changePhase(f.service.id, {
        phase: f.phase as Phase,
        date: f.date.trim(),
        version: f.service.version,
        ...(back ? { reason: f.reason.trim() } : {}),
      });
      replace(s);
      form = undefined;
      update();
      announce(m.saved(s.name, t().phases[s.phase]));
      focus(`change-${s.id}`);
      return;
    } catch (err) {
      f.busy = false;
      if (err instanceof ApiError && err.status === 409) {
        f.failed = err;
        try {
          const s = await getService(f.service.id);
          replace(s);
          f.service = s;
          f.reloaded = true;
        } catch {
          // The row stays as it was; the problem is shown.
        }
        update();
        focus('phase-problem');
        return;
      }
      const fields = err instanceof ApiError ? (err.problem.errors ?? []) : [];
      for (const e of fields) {
        const k = formField(e.field);
        if (k && !f.errors[k]) f.errors[k] = e.message;
      }
      const first = (['phase', 'date', 'reason'] as const).find((k) => f.errors[k]);
      if (!first) f.failed = err;
      update();
      focus(first ?? 'phase-problem');
    }
  };
  const openDetails = (svc?: Service) => {
    form = undefined;
    detailsSaved = undefined;
    details = svc
      ? { service: svc, name: svc.name, ico: svc.ico, region: svc.region, registryId: svc.registryId, joined: '', errors: {} }
      : { name: '', ico: '', region: '', registryId: '', joined: pragueToday(), errors: {} };
    update();
    focus('details-title');
  };
  const closeDetails = () => {
    const id = details?.service ? `edit-${details.service.id}` : 'add-service';
    details = undefined;
    update();
    focus(id);
  };
  const submitDetails = async (ev: Event) => {
    ev.preventDefault();
    const d = details;
    if (!d || d.busy) return;
    const a = ax().register;
    d.errors = {};
    d.failed = undefined;
    d.busy = true;
    update();
    try {
      let s: Service;
      if (d.service) {
        s = await updateService(d.service.id, { name: d.name.trim(), ico: d.ico.trim(), region: d.region, registryId: d.registryId.trim(), version: d.service.version });
        replace(s);
        detailsSaved = a.saved(s.name);
      } else {
        s = await createService({ name: d.name.trim(), ico: d.ico.trim(), region: d.region, registryId: d.registryId.trim(), joined: d.joined.trim() });
        if (l.state === 'ok') l = { state: 'ok', data: [...l.data, s].sort((x, y) => x.name.localeCompare(y.name, 'cs')) };
        detailsSaved = a.added(s.name);
      }
      details = undefined;
      update();
      focus('details-saved');
      return;
    } catch (err) {
      d.busy = false;
      if (err instanceof ApiError && err.status === 409 && d.service && err.code === 'service_changed') {
        try {
          const s = await getService(d.service.id);
          replace(s);
          details = { service: s, name: s.name, ico: s.ico, region: s.region, registryId: s.registryId, joined: '', errors: {}, failed: a.changed };
        } catch {
          d.failed = problemText(err);
        }
        update();
        focus('error-summary');
        return;
      }
      const fields = err instanceof ApiError ? (err.problem.errors ?? []) : [];
      for (const e of fields) {
        const k = e.field as DetailKey;
        if (DETAIL_KEYS.includes(k) && !d.errors[k]) d.errors[k] = e.message;
      }
      if (!DETAIL_KEYS.some((k) => d.errors[k])) d.failed = problemText(err);
      update();
      focus('error-summary');
    }
  };
  const detailsView = (d: DetailsForm): TemplateResult => {
    const a = ax().register;
    const regions = shared().vocab.region as Record<string, string>;
    const items: ErrorItem[] = DETAIL_KEYS.filter((k) => d.errors[k]).map((k) => ({ target: `svc-${k}`, message: d.errors[k]! }));
    return html`<section class="phase-form details-form" aria-labelledby="details-title">
      <h2 id="details-title" tabindex="-1">${d.service ? a.editTitle(d.service.name) : a.addTitle}</h2>
      <p>${d.service ? a.editLead : a.addLead}</p>
      ${items.length || d.failed ? html`<div role="alert">${errorSummary(items, a.errorsTitle, d.failed ? html`<p>${d.failed}</p>` : undefined)}</div>` : nothing}
      <form class="service-details" novalidate @submit=${(e: Event) => void submitDetails(e)}>
        ${textField({ id: 'svc-name', label: a.name, value: d.name, error: d.errors.name, maxlength: 200, autocomplete: 'off', onInput: (v) => (d.name = v) })}
        ${textField({ id: 'svc-ico', label: a.ico, hint: a.icoHint, value: d.ico, error: d.errors.ico, inputmode: 'numeric', width: 's', maxlength: 11, spellcheck: false, autocomplete: 'off', onInput: (v) => (d.ico = v) })}
        ${selectField<string>({
          id: 'svc-region',
          label: a.region,
          placeholder: a.regionChoose,
          value: d.region,
          error: d.errors.region,
          options: Object.keys(regions).sort().map((r) => ({ value: r, label: regions[r]! })),
          onChange: (v) => (d.region = v),
        })}
        ${textField({ id: 'svc-registryId', label: a.registryId, hint: a.registryIdHint, value: d.registryId, error: d.errors.registryId, inputmode: 'numeric', width: 's', maxlength: 10, spellcheck: false, autocomplete: 'off', onInput: (v) => (d.registryId = v) })}
        ${d.service
          ? nothing
          : textField({ id: 'svc-joined', label: a.joined, hint: a.joinedHint, value: d.joined, error: d.errors.joined, inputmode: 'numeric', width: 'm', maxlength: 10, spellcheck: false, onInput: (v) => (d.joined = v) })}
        <p class="form-actions">
          <button class="gov-button" data-type="solid" data-color="primary" data-size="m" type="submit" id="details-submit" aria-disabled=${d.busy ? 'true' : 'false'}>${d.service ? a.submitSave : a.submitAdd}</button>
          ${btn('secondary', a.cancel, closeDetails, 'details-cancel')}
        </p>
      </form>
    </section>`;
  };
  const formView = (f: PhaseForm): TemplateResult => {
    const m = t().register;
    const names = t().phases;
    const i = PHASES.indexOf(f.service.phase);
    const options = [
      ...(PHASES[i + 1] ? [{ value: PHASES[i + 1]!, label: m.next(names[PHASES[i + 1]!]) }] : []),
      ...PHASES.slice(0, i)
        .reverse()
        .map((p) => ({ value: p, label: m.back(names[p]) })),
    ];
    const back = f.phase !== '' && PHASES.indexOf(f.phase) < i;
    return html`<section class="phase-form" aria-labelledby="phase-title">
      <h2 id="phase-title" tabindex="-1">${m.formTitle(f.service.name)}</h2>
      <p>${m.current(names[f.service.phase])}</p>
      ${f.failed
        ? html`<div id="phase-problem" tabindex="-1">${message('error', html`<p>${problemText(f.failed)}</p>${f.reloaded ? html`<p>${m.reloaded}</p>` : nothing}`, { role: 'alert' })}</div>`
        : nothing}
      ${i + 1 >= PHASES.length ? html`<p class="field-hint">${m.noChoice}</p>` : nothing}
      <form class="phase-change" novalidate @submit=${(e: Event) => void submit(e)}>
        ${selectField<Phase>({
          id: 'phase',
          label: m.newPhase,
          value: f.phase || undefined,
          options,
          error: f.errors.phase,
          onChange: (v) => {
            f.phase = v;
            update();
          },
        })}
        ${textField({
          id: 'date',
          label: m.date,
          hint: m.dateHint,
          value: f.date,
          error: f.errors.date,
          inputmode: 'numeric',
          width: 'm',
          maxlength: 10,
          spellcheck: false,
          onInput: (v) => (f.date = v),
        })}
        ${back
          ? textField({
              id: 'reason',
              label: m.reason,
              hint: m.reasonHint,
              value: f.reason,
              error: f.errors.reason,
              multiline: true,
              maxlength: 500,
              onInput: (v) => (f.reason = v),
            })
          : nothing}
        <p class="form-actions">
          <button class="gov-button" data-type="solid" data-color="primary" data-size="m" type="submit" id="phase-submit" aria-disabled=${f.busy ? 'true' : 'false'}>${m.submit}</button>
          ${btn('secondary', m.cancel, close, 'phase-cancel')}
        </p>
      </form>
    </section>`;
  };
  return guarded(
    REPORT_READERS,
    () => t().register.title,
    () => {
      const m = t().register;
      const admin = mayUse(REPORT_ADMINS);
      const regions = shared().vocab.region as Record<string, string>;
      return html`<h1 tabindex="-1">${m.title}</h1>
        <p class="lead">${admin ? ax().register.leadAdmin : m.lead}</p>
        ${admin && l.state === 'ok' ? html`<p>${btn('primary', ax().register.add, () => openDetails(), 'add-service')}</p>` : nothing}
        ${detailsSaved ? html`<div id="details-saved" tabindex="-1">${message('success', html`<p>${detailsSaved}</p>`, { role: 'status' })}</div>` : nothing}
        ${admin && details && !details.service ? detailsView(details) : nothing}
        ${loadView(l, (items) =>
          items.length === 0
            ? message('primary', html`<p>${m.empty}</p>`)
            : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${m.title}>
                <table class="gov-table data-table">
                  <caption class="visually-hidden">${m.title}</caption>
                  <thead><tr><th scope="col">${m.name}</th><th scope="col">${m.region}</th><th scope="col">${m.phase}</th>${admin ? html`<th scope="col">${m.actions}</th>` : nothing}</tr></thead>
                  <tbody>
                    ${items.map(
                      (s) => html`<tr id=${`service-${s.id}`}><th scope="row">${s.name}</th><td>${regions[s.region] ?? s.region}</td><td class="phase-cell">${t().phases[s.phase]}</td>${admin
                          ? html`<td><span class="row-actions"><button class="gov-button" data-type="base" data-color="primary" data-size="s" type="button" id=${`change-${s.id}`} aria-label=${m.changeOf(s.name)} @click=${() => open(s)}>${m.change}</button>
                              <button class="gov-button" data-type="base" data-color="primary" data-size="s" type="button" id=${`edit-${s.id}`} aria-label=${ax().register.editOf(s.name)} @click=${() => openDetails(s)}>${ax().register.edit}</button></span></td>`
                          : nothing}</tr>`,
                    )}
                  </tbody>
                </table>
              </div>
              ${admin && form ? formView(form) : nothing}
              ${admin && details?.service ? detailsView(details) : nothing}`,
        )}`;
    },
    () => {
      l = { state: 'loading' };
      form = undefined;
      details = undefined;
      detailsSaved = undefined;
      listServices().then(
        (r) => {
          l = { state: 'ok', data: r.items };
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
