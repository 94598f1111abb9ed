// The admin's experts: the list, the form that creates or changes one
// (every field of ExpertInput), and deactivating or reactivating one.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError } from '../../lib/api';
import { shared } from '../../lib/i18n';
import { announce, navigate, update, type Page } from '../../lib/router';
import { errorSummary, message, textField, type ErrorItem } from '../../lib/ui';
import { FORMS, REGIONS, TOPICS, type Form, type Region, type Topic } from '../../lib/vocab';
import { btn, groupsOf, guarded, loadView, pageOf, pager, problemText, type Load } from '../kit';
import { createExpert, getExpert, inputOf, listExperts, updateExpert, type ExpertInput, type StaffExpert } from './api';
import { boxId, checkboxGroup, fieldErrors, focusSoon } from './common';
import { tx } from './messages';

/** A message to show on the next screen (after a create sends there). */
let flash: string | undefined;

function names<K extends string>(codes: readonly string[], by: Record<K, string>): string {
  return codes.map((c) => by[c as K] ?? c).join(', ');
}

export function expertsPage(): Page {
  let l: Load<StaffExpert[]> = { state: 'loading' };
  let p = 0;
  return guarded(
    groupsOf('/staff/experts'),
    () => tx().experts.title,
    () => {
      const m = tx().experts;
      const v = shared().vocab;
      return html`<h1 tabindex="-1">${m.title}</h1>
        <p class="lead">${m.lead}</p>
        <p><a class="gov-button" data-type="solid" data-color="primary" data-size="m" href="/staff/experts/new" id="add-expert">${m.add}</a></p>
        ${loadView(l, (items) =>
          items.length === 0
            ? message('primary', html`<p>${m.empty}</p>`)
            : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="experts-caption" id="experts-list">
                  <table class="gov-table data-table">
                    <caption id="experts-caption">${m.title}</caption>
                    <thead><tr><th scope="col">${m.name}</th><th scope="col">${m.regions}</th><th scope="col">${m.forms}</th><th scope="col">${m.topics}</th><th scope="col">${m.active}</th></tr></thead>
                    <tbody>
                      ${pageOf(items, p).map(
                        (e) => html`<tr id=${`expert-${e.id}`}>
                          <th scope="row"><a href=${`/staff/experts/${e.id}`} aria-label=${m.edit(e.name)}>${e.name}</a></th>
                          <td>${names(e.regions, v.region)}</td>
                          <td>${names(e.forms, v.form)}</td>
                          <td>${names(e.topics, v.topic)}</td>
                          <td class="expert-active">${e.active ? m.isActive : m.isInactive}</td>
                        </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>
                ${pager('experts', items.length, p, (np) => {
                  p = np;
                  update();
                  focusSoon('experts-list');
                })}`,
        )}`;
    },
    () => {
      l = { state: 'loading' };
      p = 0;
      listExperts().then(
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

type Field = 'id' | 'name' | 'email' | 'bio' | 'topics' | 'regions' | 'forms' | 'subject';
const FIELDS: readonly Field[] = ['id', 'name', 'email', 'bio', 'topics', 'regions', 'forms', 'subject'];

interface FormState {
  id: string;
  name: string;
  email: string;
  bio: string;
  topics: Topic[];
  regions: Region[];
  forms: Form[];
  subject: string;
}

function emptyForm(): FormState {
  return { id: '', name: '', email: '', bio: '', topics: [], regions: [], forms: [], subject: '' };
}

function formOf(e: StaffExpert): FormState {
  return { id: e.id, name: e.name, email: e.email, bio: e.bio ?? '', topics: [...e.topics], regions: [...(e.regions as Region[])], forms: [...e.forms], subject: e.subject };
}

/** The error target of a field: the control itself, or a group's first box. */
function target(k: Field): string {
  if (k === 'topics') return boxId('topics', TOPICS[0]!);
  if (k === 'regions') return boxId('regions', REGIONS[0]!);
  if (k === 'forms') return boxId('forms', FORMS[0]!);
  return k;
}

export function expertFormPage(id: string): Page {
  const isNew = id === '';
  let l: Load<StaffExpert | null> = isNew ? { state: 'ok', data: null } : { state: 'loading' };
  let f: FormState = emptyForm();
  let errors: Partial<Record<Field, string>> = {};
  let problem: { text: string; note?: string } | undefined;
  let saved: string | undefined;
  let busy = false;
  let confirm = false;
  let statusProblem: string | undefined;

  const showProblem = (text: string, note?: string) => {
    problem = { text, note };
    update();
    focusSoon('error-summary');
  };

  const reload = async (): Promise<boolean> => {
    try {
      const e = await getExpert(id);
      l = { state: 'ok', data: e };
      f = formOf(e);
      return true;
    } catch {
      return false;
    }
  };

  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    const m = tx().expertForm;
    errors = {};
    problem = undefined;
    saved = undefined;
    busy = true;
    update();
    const body: ExpertInput = {
      ...(isNew && f.id.trim() ? { id: f.id.trim() } : {}),
      name: f.name,
      email: f.email,
      bio: f.bio,
      topics: f.topics,
      regions: f.regions,
      forms: f.forms,
      subject: f.subject,
    };
    try {
      if (isNew) {
        const e = await createExpert(body);
        flash = m.created(e.name);
        busy = false;
        navigate(`/staff/experts/${e.id}`);
        return;
      }
      const cur = l.state === 'ok' ? l.data : null;
      const e = await updateExpert(id, { ...body, active: cur?.active ?? true });
      l = { state: 'ok', data: e };
      f = formOf(e);
      busy = false;
      saved = m.saved(e.name);
      update();
      focusSoon('expert-saved');
    } catch (err) {
      busy = false;
      if (err instanceof ApiError && err.status === 409) {
        if (err.code === 'expert_changed' && !isNew && (await reload())) return showProblem(m.changed);
        if (err.code === 'expert_exists') return showProblem(m.exists, err.problem.detail);
        return showProblem(problemText(err));
      }
      errors = fieldErrors(err, FIELDS) as Partial<Record<Field, string>>;
      if (Object.keys(errors).length === 0) return showProblem(problemText(err));
      update();
      focusSoon('error-summary');
    }
  };

  const setActive = async (active: boolean) => {
    const cur = l.state === 'ok' ? l.data : null;
    if (!cur || busy) return;
    const m = tx().expertForm;
    busy = true;
    statusProblem = undefined;
    saved = undefined;
    update();
    try {
      const e = await updateExpert(id, { ...inputOf(cur), active });
      l = { state: 'ok', data: e };
      confirm = false;
      busy = false;
      saved = active ? m.reactivated(e.name) : m.deactivated(e.name);
      update();
      focusSoon('expert-saved');
    } catch (err) {
      busy = false;
      confirm = false;
      if (err instanceof ApiError && err.status === 409 && (await reload())) statusProblem = `${problemText(err)} ${tx().reloadedNote}`;
      else statusProblem = problemText(err);
      update();
      focusSoon('status-problem');
    }
  };

  const statusView = (e: StaffExpert): TemplateResult => {
    const m = tx().expertForm;
    return html`<section class="expert-status" aria-labelledby="status-title">
      <h2 id="status-title">${m.statusTitle}</h2>
      <p id="expert-active-now">${e.active ? m.activeNow : m.inactiveNow}</p>
      ${statusProblem ? html`<div id="status-problem" tabindex="-1">${message('error', html`<p>${statusProblem}</p>`, { role: 'alert' })}</div>` : nothing}
      ${confirm
        ? html`<div class="confirm" role="group" aria-labelledby="confirm-title">
            <h3 id="confirm-title" tabindex="-1">${e.active ? m.confirmDeactivate(e.name) : m.confirmReactivate(e.name)}</h3>
            <p>${e.active ? m.confirmDeactivateText : m.confirmReactivateText}</p>
            <p class="form-actions">
              ${btn(e.active ? 'danger' : 'primary', e.active ? m.confirmYesDeactivate : m.confirmYesReactivate, () => void setActive(!e.active), 'confirm-active', busy)}
              ${btn('secondary', tx().back, () => {
                confirm = false;
                update();
                focusSoon('toggle-active');
              }, 'confirm-back')}
            </p>
          </div>`
        : html`<p>${btn('secondary', e.active ? m.deactivate : m.reactivate, () => {
            confirm = true;
            statusProblem = undefined;
            saved = undefined;
            update();
            focusSoon('confirm-title');
          }, 'toggle-active')}</p>`}
    </section>`;
  };

  const formView = (e: StaffExpert | null): TemplateResult => {
    const m = tx().expertForm;
    const v = shared().vocab;
    const items: ErrorItem[] = FIELDS.filter((k) => errors[k]).map((k) => ({ target: target(k), message: errors[k]! }));
    return html`${problem || items.length
        ? html`<div role="alert">${errorSummary(items, m.errorsTitle, problem ? html`<p>${problem.text}</p>${problem.note && problem.note !== problem.text ? html`<p>${problem.note}</p>` : nothing}` : undefined)}</div>`
        : nothing}
      ${saved ? html`<div id="expert-saved" tabindex="-1">${message('success', html`<p>${saved}</p>`, { role: 'status' })}</div>` : nothing}
      <form class="expert-form" novalidate @submit=${(ev: Event) => void submit(ev)}>
        ${isNew
          ? textField({ id: 'id', label: m.id, hint: m.idHint, value: f.id, error: errors.id, optional: true, spellcheck: false, maxlength: 64, width: 'm', onInput: (x) => (f.id = x) })
          : html`<p class="expert-id">${m.idFixed(e?.id ?? id)}</p>`}
        ${textField({ id: 'name', label: m.name, value: f.name, error: errors.name, maxlength: 120, autocomplete: 'off', onInput: (x) => (f.name = x) })}
        ${textField({ id: 'email', label: m.email, hint: m.emailHint, type: 'email', value: f.email, error: errors.email, maxlength: 254, spellcheck: false, autocomplete: 'off', onInput: (x) => (f.email = x) })}
        ${textField({ id: 'bio', label: m.bio, hint: m.bioHint, value: f.bio, error: errors.bio, optional: true, multiline: true, maxlength: 2000, onInput: (x) => (f.bio = x) })}
        ${checkboxGroup<Topic>({
          name: 'topics',
          legend: m.topics,
          hint: m.chooseOne,
          options: TOPICS.map((x) => ({ value: x, label: v.topic[x] })),
          values: f.topics,
          error: errors.topics,
          onChange: (x) => {
            f.topics = x;
            update();
          },
        })}
        ${checkboxGroup<Region>({
          name: 'regions',
          legend: m.regions,
          hint: m.chooseOne,
          options: REGIONS.map((x) => ({ value: x, label: v.region[x] })),
          values: f.regions,
          error: errors.regions,
          onChange: (x) => {
            f.regions = x;
            update();
          },
        })}
        ${checkboxGroup<Form>({
          name: 'forms',
          legend: m.forms,
          hint: m.chooseOne,
          options: FORMS.map((x) => ({ value: x, label: v.form[x] })),
          values: f.forms,
          error: errors.forms,
          onChange: (x) => {
            f.forms = x;
            update();
          },
        })}
        ${textField({ id: 'subject', label: m.subject, hint: m.subjectHint, value: f.subject, error: errors.subject, optional: true, spellcheck: false, maxlength: 128, autocomplete: 'off', onInput: (x) => (f.subject = x) })}
        <p class="form-actions">
          <button class="gov-button" data-type="solid" data-color="primary" data-size="m" type="submit" id="expert-submit" aria-disabled=${busy ? 'true' : 'false'}>${isNew ? m.create : m.save}</button>
        </p>
      </form>
      ${e ? statusView(e) : nothing}`;
  };

  return guarded(
    groupsOf('/staff/experts/ex-sample'),
    () => (isNew ? tx().expertForm.newTitle : l.state === 'ok' && l.data ? tx().expertForm.editTitle(l.data.name) : tx().experts.title),
    () => {
      const m = tx().expertForm;
      return html`<p><a href="/staff/experts">${m.back}</a></p>
        <h1 tabindex="-1">${isNew ? m.newTitle : l.state === 'ok' && l.data ? m.editTitle(l.data.name) : tx().experts.title}</h1>
        ${loadView(l, (e) => formView(e))}`;
    },
    () => {
      errors = {};
      problem = undefined;
      confirm = false;
      statusProblem = undefined;
      busy = false;
      saved = flash;
      flash = undefined;
      if (saved) {
        announce(saved);
      }
      if (isNew) {
        l = { state: 'ok', data: null };
        f = emptyForm();
        return;
      }
      l = { state: 'loading' };
      getExpert(id).then(
        (e) => {
          l = { state: 'ok', data: e };
          f = formOf(e);
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
