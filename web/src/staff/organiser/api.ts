// The staff-events routes the organiser screens use (docs/openapi.yaml),
// with the signed-in token in the Authorization header.
import type { components } from '../../generated/api';
import { json, query, saveDownload, send } from '../../lib/api';
import { auth } from '../session';

type Schemas = components['schemas'];
export type StaffEvent = Schemas['StaffEvent'];
export type EventInput = Schemas['StaffEventInput'];
export type Registration = Schemas['StaffRegistration'];
export type RegStatus = Registration['status'];
export type Kind = Schemas['StaffEventKind'];
export type Mode = Schemas['StaffEventMode'];
export type EventStatus = Schemas['StaffEventStatus'];
export type QuestionKind = Schemas['StaffEventQuestion']['kind'];

const ev = (id: string) => `/v1/staff/events/${encodeURIComponent(id)}`;

export async function listEvents(from?: string, to?: string): Promise<StaffEvent[]> {
  const r: Schemas['StaffEventList'] = await json('GET', `/v1/staff/events${query({ from, to })}`, auth());
  return r.items;
}

export function getEvent(id: string): Promise<StaffEvent> {
  return json('GET', ev(id), auth());
}

export function createEvent(input: EventInput): Promise<StaffEvent> {
  return json('POST', '/v1/staff/events', { ...auth(), body: input });
}

export function updateEvent(id: string, input: EventInput): Promise<StaffEvent> {
  return json('PUT', ev(id), { ...auth(), body: input });
}

export type Transition = 'publish' | 'cancel' | 'held';

/** A change of the event's status: publish, cancel or mark held (no body). */
export function transition(id: string, t: Transition): Promise<StaffEvent> {
  return json('POST', `${ev(id)}/${t}`, auth());
}

export async function listRegistrations(id: string): Promise<Registration[]> {
  const r: Schemas['StaffRegistrationList'] = await json('GET', `${ev(id)}/registrations`, auth());
  return r.items;
}

/** Moves a registration from the waiting list to a seat (409 event_full without a free seat). */
export function promote(eventId: string, regId: string): Promise<Registration> {
  return json('POST', `${ev(eventId)}/registrations/${encodeURIComponent(regId)}/promote`, auth());
}

export type Download = 'export.csv' | 'export.xlsx' | 'attendance-sheet.pdf';

const TYPES: Record<Download, string> = {
  'export.csv': 'text/csv',
  'export.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'attendance-sheet.pdf': 'application/pdf',
};

/**
 * Downloads one of the event's files: fetched with the token (a link could
 * not carry it), then saved under the name the server gives.
 */
export async function download(id: string, file: Download): Promise<void> {
  const resp = await send('GET', `${ev(id)}/${file}`, auth());
  const ext = file.split('.').pop()!;
  const fallback = file === 'attendance-sheet.pdf' ? `prezencni-listina-${id}.pdf` : `registrace-${id}.${ext}`;
  await saveDownload(resp, fallback, TYPES[file]);
}

/** Downloads an attendee's certificate of attendance (the e-mailed PDF, again). */
export async function downloadCertificate(eventId: string, regId: string): Promise<void> {
  const resp = await send('GET', `${ev(eventId)}/registrations/${encodeURIComponent(regId)}/certificate.pdf`, auth());
  await saveDownload(resp, 'potvrzeni-o-ucasti.pdf', 'application/pdf');
}
