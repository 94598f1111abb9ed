// The staff-surveys and survey-results routes the evaluator screens call
// (docs/openapi.yaml), with the signed-in token in the Authorization header.
import type { components } from '../../generated/api';
import { json, query, saveDownload, send } from '../../lib/api';
import { auth } from '../session';

type Schemas = components['schemas'];
export type StaffSurvey = Schemas['StaffSurvey'];
export type SurveyDetail = Schemas['StaffSurveyDetail'];
export type SurveyVersion = Schemas['StaffSurveyVersion'];
export type Definition = Schemas['SurveyDefinition'];
export type Question = Schemas['SurveyQuestion'];
export type QuestionType = Question['type'];
export type Text = Schemas['SurveyText'];
export type Wave = Schemas['SurveyWave'];
export type Results = Schemas['SurveyResults'];
export type ResultsVariable = Schemas['SurveyResultsVariable'];
export type InvitationCounts = Schemas['SurveyInvitationCounts'];

const base = (id: string) => `/v1/staff/surveys/${encodeURIComponent(id)}`;

export function listSurveys(): Promise<Schemas['StaffSurveyList']> {
  return json('GET', '/v1/staff/surveys', auth());
}

export function getSurvey(id: string): Promise<SurveyDetail> {
  return json('GET', base(id), auth());
}

export function getVersion(id: string, version: number): Promise<SurveyVersion> {
  return json('GET', `${base(id)}/versions/${version}`, auth());
}

/** Creates a survey with its version 1, a draft (201). */
export function createSurvey(definition: Definition, id?: string): Promise<SurveyDetail> {
  return json('POST', '/v1/staff/surveys', { ...auth(), body: { ...(id ? { id } : {}), definition } });
}

/** Saves the draft, given the survey's rev as read (409 survey_changed: someone saved meanwhile). */
export function saveDraft(id: string, rev: number, definition: Definition): Promise<SurveyDetail> {
  return json('PUT', `${base(id)}/draft`, { ...auth(), body: { rev, definition } });
}

export function publish(id: string, rev: number, version: number): Promise<StaffSurvey> {
  return json('POST', `${base(id)}/publish`, { ...auth(), body: { rev, version } });
}

export function closeSurvey(id: string, rev: number): Promise<StaffSurvey> {
  return json('POST', `${base(id)}/close`, { ...auth(), body: { rev } });
}

/** The results' range and version (all optional: the API's defaults). */
export interface Range {
  from?: string;
  to?: string;
  version?: number;
}

function rangeQuery(r: Range): string {
  return query({ from: r.from, to: r.to, version: r.version ? String(r.version) : undefined });
}

export type By = NonNullable<Results['by']>;

export function getResults(id: string, r: Range, by?: By): Promise<Results> {
  const q = rangeQuery(r);
  const b = by ? `${q ? '&' : '?'}by=${by}` : '';
  return json('GET', `${base(id)}/results${q}${b}`, auth());
}

const TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/csvm+json',
} as const;

/** Downloads an export (fetched with the token, then saved under the server's name). */
export async function downloadExport(id: string, r: Range, kind: keyof typeof TYPES): Promise<void> {
  const file = kind === 'json' ? 'codebook.json' : `export.${kind}`;
  const resp = await send('GET', `${base(id)}/${file}${rangeQuery(r)}`, auth());
  await saveDownload(resp, `pruzkum-${id}.${kind === 'json' ? 'codebook.json' : kind}`, TYPES[kind]);
}
