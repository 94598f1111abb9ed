// The staff-reports routes the viewer screens read (docs/openapi.yaml),
// with the signed-in token in the Authorization header.
import type { components } from '../generated/api';
import { json, saveDownload, send } from '../lib/api';
import { auth } from './session';

type Schemas = components['schemas'];
export type ReportVersion = Schemas['ReportVersion'];
export type Report = Schemas['Report'];
export type Service = Schemas['TransformationService'];
export type Phase = Schemas['TransformationPhase'];

export function listReports(): Promise<Schemas['ReportList']> {
  return json('GET', '/v1/staff/reports', auth());
}

/** A month's report: the latest version, or the version given. */
export function getReport(month: string, version?: number): Promise<Report> {
  const v = version ? `?version=${version}` : '';
  return json('GET', `/v1/staff/reports/${encodeURIComponent(month)}${v}`, auth());
}

export function listServices(): Promise<Schemas['TransformationServiceList']> {
  return json('GET', '/v1/staff/transformation/services', auth());
}

const TYPES: Record<string, string> = {
  json: 'application/json',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html',
};

/**
 * Downloads one file of a version: fetched with the token (a link could not
 * carry it), then saved under its name. In the cloud the route answers 303
 * to a presigned link, which fetch follows.
 */
export async function downloadFile(month: string, version: number, file: string): Promise<void> {
  const resp = await send('GET', `/v1/staff/reports/${encodeURIComponent(month)}/versions/${version}/files/${encodeURIComponent(file)}`, auth());
  const ext = file.split('.').pop() ?? '';
  await saveDownload(resp, `brana-${month}-v${version}-${file}`, TYPES[ext] ?? 'application/octet-stream');
}

export type PhaseInput = Schemas['TransformationPhaseInput'];

/** Starts a run of a month's report (admin); 202 with the run asked for. */
export function runReport(month: string): Promise<Schemas['ReportRunRequest']> {
  return json('POST', `/v1/staff/reports/${encodeURIComponent(month)}/runs`, auth());
}

export function getService(id: string): Promise<Service> {
  return json('GET', `/v1/staff/transformation/services/${encodeURIComponent(id)}`, auth());
}

/** Records a phase change of a service (admin), given the version as read. */
export function changePhase(id: string, input: PhaseInput): Promise<Service> {
  return json('POST', `/v1/staff/transformation/services/${encodeURIComponent(id)}/phases`, { ...auth(), body: input });
}

export type ServiceCreate = Schemas['TransformationServiceCreateInput'];
export type ServiceUpdate = Schemas['TransformationServiceUpdateInput'];

/** Adds a service to the register (admin), in the phase joined. */
export function createService(input: ServiceCreate): Promise<Service> {
  return json('POST', '/v1/staff/transformation/services', { ...auth(), body: input });
}

/** Corrects a service's details (admin), given the version as read. */
export function updateService(id: string, input: ServiceUpdate): Promise<Service> {
  return json('PUT', `/v1/staff/transformation/services/${encodeURIComponent(id)}`, { ...auth(), body: input });
}
