// The events part of the API (docs/openapi.yaml, "Events"): the public
// listing and detail, registration, and what a registrant does with the
// manage token (view, cancel, .ics, certificate, accept or decline an
// offered seat, the voluntary ESF+ data). The token travels only in the
// Registration-Token header, never in a URL, as for bookings.
import { json, query, saveDownload, send } from '../../lib/api';
import { lang } from '../../lib/i18n';
import type { components, operations } from '../../generated/api';

// The types are generated from docs/openapi.yaml ("Events"), so the pages
// and the API cannot drift apart.
type Schemas = components['schemas'];
export type EventKind = Schemas['EventKind'];
export const KINDS: readonly EventKind[] = ['workshop', 'forum', 'seminar', 'study_visit', 'webinar'];
export type EventMode = Schemas['EventMode'];
export const MODES: readonly EventMode[] = ['in_person', 'online', 'hybrid'];
export type Seat = Schemas['Seat'];
export type Question = Schemas['Question'];
export type QuestionKind = Question['kind'];
export type RegistrationStatus = Schemas['RegistrationStatus'];
/** A text in Czech, optionally also in English. */
export type Text = Schemas['LocalText'];
export type Session = Schemas['EventSession'];
export type Venue = Schemas['Venue'];
/** One seat kind of an event: its capacity and the seats left (neither confirmed nor held for an offer). */
export type SeatCount = Schemas['SeatsLeft'];
/** One event as the listing shows it. */
export type EventSummary = Schemas['EventSummary'];
/** The event detail (never the meeting link). */
export type EventDetail = Schemas['EventDetail'];
export type EventList = Schemas['EventList'];
/** The filters of the listing (GET /v1/events). */
export type EventQuery = NonNullable<operations['listEvents']['parameters']['query']>;
export type Needs = Required<Omit<Schemas['Needs'], 'other'>> & { other?: string };
export type RegistrationInput = Schemas['RegistrationInput'];
export type Registration = Schemas['Registration'];
export type CreatedRegistration = Schemas['CreatedRegistration'];

/** An ESF+ answer; "prefer_not_to_say" (or leaving it out) is no answer. */
export const PREFER_NOT = 'prefer_not_to_say' as const;
/** The voluntary ESF+ data, with its own explicit consent (POST /v1/registrations/{id}/esf). */
export type EsfInput = Schemas['EsfInput'];
export type Gender = NonNullable<EsfInput['gender']>;
export type AgeBand = NonNullable<EsfInput['ageBand']>;
export type Disability = NonNullable<EsfInput['disability']>;

const TOKEN = { tokenHeader: 'Registration-Token' };
const reg = (id: string) => `/v1/registrations/${encodeURIComponent(id)}`;

export function listEvents(q: EventQuery): Promise<EventList> {
  return json('GET', `/v1/events${query({ ...q })}`);
}

export function getEvent(id: string): Promise<EventDetail> {
  return json('GET', `/v1/events/${encodeURIComponent(id)}`);
}

export function register(eventId: string, input: RegistrationInput, idempotencyKey: string, pow: string): Promise<CreatedRegistration> {
  return json('POST', `/v1/events/${encodeURIComponent(eventId)}/registrations`, { body: input, idempotencyKey, pow });
}

export function getRegistration(id: string, token: string): Promise<Registration> {
  return json('GET', reg(id), { token, ...TOKEN });
}

export function cancelRegistration(id: string, token: string, idempotencyKey: string, pow: string): Promise<Registration> {
  return json('POST', `${reg(id)}/cancel`, { token, ...TOKEN, body: {}, idempotencyKey, pow });
}

export function acceptOffer(id: string, token: string, idempotencyKey: string, pow: string): Promise<Registration> {
  return json('POST', `${reg(id)}/accept`, { token, ...TOKEN, body: {}, idempotencyKey, pow });
}

export function declineOffer(id: string, token: string, idempotencyKey: string, pow: string): Promise<Registration> {
  return json('POST', `${reg(id)}/decline`, { token, ...TOKEN, body: {}, idempotencyKey, pow });
}

/** Records the ESF+ answers (a proof of work; sending them again replaces them). */
export function submitEsf(id: string, token: string, input: EsfInput, pow: string): Promise<Schemas['EsfAnswers']> {
  return json('POST', `${reg(id)}/esf`, { token, ...TOKEN, body: input, pow });
}

export async function downloadRegistrationCalendar(id: string, token: string): Promise<void> {
  const resp = await send('GET', `${reg(id)}/calendar`, { token, ...TOKEN });
  await saveDownload(resp, lang() === 'cs' ? 'akce.ics' : 'event.ics', 'text/calendar');
}

export async function downloadCertificate(id: string, token: string): Promise<void> {
  const resp = await send('GET', `${reg(id)}/certificate`, { token, ...TOKEN });
  await saveDownload(resp, lang() === 'cs' ? 'potvrzeni-o-ucasti.pdf' : 'certificate-of-attendance.pdf', 'application/pdf');
}
