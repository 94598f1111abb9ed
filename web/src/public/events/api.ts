// The events part of the API (docs/openapi.yaml, "Events"): the public
// listing and detail, registration, and what a registrant does with the
// manage token (view, cancel, .ics, certificate, accept or decline an
// offered seat, the voluntary ESF+ data). The token travels only in the
// Registration-Token header, never in a URL, as for bookings.
import { json, query, saveDownload, send } from '../../lib/api';
import { lang } from '../../lib/i18n';
import type { Region, TargetGroup, Topic } from '../../lib/vocab';

export type EventKind = 'workshop' | 'forum' | 'seminar' | 'study_visit' | 'webinar';
export const KINDS: readonly EventKind[] = ['workshop', 'forum', 'seminar', 'study_visit', 'webinar'];
export type EventMode = 'in_person' | 'online' | 'hybrid';
export const MODES: readonly EventMode[] = ['in_person', 'online', 'hybrid'];
export type Seat = 'in_person' | 'online';
export type QuestionKind = 'short_text' | 'long_text' | 'single_choice' | 'multiple_choice' | 'yes_no';
export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'offered' | 'cancelled' | 'expired' | 'attended' | 'no_show';

/** A text in Czech, optionally also in English. */
export interface Text {
  cs: string;
  en?: string;
}

export interface Session {
  start: string;
  end: string;
}

export interface Venue {
  name: string;
  address: string;
  stepFree: boolean;
  inductionLoop: boolean;
  parking?: string;
  nearestStop?: string;
}

/** One seat kind of an event: its capacity and the seats left. */
export interface SeatCount {
  seat: Seat;
  capacity: number;
  /** Seats neither taken by a confirmed participant nor held for an offer. */
  left: number;
}

export interface Question {
  id: string;
  kind: QuestionKind;
  label: Text;
  options?: Text[];
  required: boolean;
}

/** One event as the listing shows it. */
export interface EventSummary {
  id: string;
  kind: EventKind;
  mode: EventMode;
  status: 'published' | 'cancelled' | 'held';
  title: Text;
  topics: Topic[];
  targetGroups: TargetGroup[];
  region: Region;
  start: string;
  end: string;
  /** The sum of the sessions, in hours. */
  hours: number;
  sessions: Session[];
  venueName?: string;
  organiser?: string;
  /** One entry per seat kind of the mode, in person first. */
  seats: SeatCount[];
  registrationOpens: string;
  registrationCloses: string;
  /** Registration is open now. */
  registrationOpen: boolean;
  /** Registration is open and a seat kind is full: a registration for it joins the waiting list. */
  waitingListOpen: boolean;
}

/** The event detail (never the meeting link). */
export interface EventDetail extends EventSummary {
  description: Text;
  venue?: Venue;
  orgLimit?: number;
  questions: Question[];
}

export interface EventList {
  items: EventSummary[];
}

export interface EventQuery {
  kind?: EventKind;
  region?: Region;
  topic?: Topic;
  /** "YYYY-MM" */
  month?: string;
  mode?: EventMode;
}

export interface Needs {
  wheelchair: boolean;
  signLanguage: boolean;
  inductionLoop: boolean;
  easyRead: boolean;
  assistant: boolean;
  other?: string;
}

export interface RegistrationInput {
  seat?: Seat;
  contact: { name: string; email: string; phone?: string };
  targetGroup: TargetGroup;
  organisation?: { name?: string; ico?: string };
  jobRole?: string;
  region: Region;
  answers: Record<string, string[]>;
  needs: Needs;
  consent: { accepted: true; noticeVersion: string };
  language: 'cs' | 'en';
}

export interface Registration {
  id: string;
  eventId: string;
  event: EventSummary;
  seat: Seat;
  status: RegistrationStatus;
  /** Waitlisted only: the place in the waiting list (1 = next). */
  position?: number;
  /** Offered only: the seat is held until then. */
  offerExpires?: string;
  contact: { name: string; email: string; phone?: string };
  organisation: { name?: string; ico?: string };
  targetGroup: TargetGroup;
  jobRole?: string;
  region: Region;
  answers: Record<string, string[]>;
  needs: Partial<Needs>;
  language: 'cs' | 'en';
  createdAt: string;
  updatedAt: string;
  cancelledAt?: string;
}

export interface CreatedRegistration {
  registration: Registration;
  /** Shown only this once. */
  manageToken: string;
  /** The front door's manage page with the token (/manage#registration=…&token=…). */
  manageUrl: string;
}

/** An ESF+ answer; "prefer_not_to_say" (or leaving it out) is no answer. */
export const PREFER_NOT = 'prefer_not_to_say' as const;
export type Gender = 'woman' | 'man' | 'non_binary' | typeof PREFER_NOT;
export type AgeBand = '18_29' | '30_54' | '55_plus' | typeof PREFER_NOT;
export type Disability = 'yes' | 'no' | typeof PREFER_NOT;

/** The voluntary ESF+ data, with its own explicit consent (POST /v1/registrations/{id}/esf). */
export interface EsfInput {
  consent: true;
  gender?: Gender;
  ageBand?: AgeBand;
  disability?: Disability;
}

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

export function submitEsf(id: string, token: string, input: EsfInput, idempotencyKey: string, pow: string): Promise<unknown> {
  return json('POST', `${reg(id)}/esf`, { token, ...TOKEN, body: input, idempotencyKey, pow });
}

export async function downloadRegistrationCalendar(id: string, token: string): Promise<void> {
  const resp = await send('GET', `${reg(id)}/calendar`, { token, ...TOKEN });
  await saveDownload(resp, lang() === 'cs' ? 'akce.ics' : 'event.ics', 'text/calendar');
}

export async function downloadCertificate(id: string, token: string): Promise<void> {
  const resp = await send('GET', `${reg(id)}/certificate`, { token, ...TOKEN });
  await saveDownload(resp, lang() === 'cs' ? 'osvedceni.pdf' : 'certificate.pdf', 'application/pdf');
}
