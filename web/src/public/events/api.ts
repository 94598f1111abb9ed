// The events part of the API (docs/openapi.yaml, "Events"): the public
// listing and detail, registration, and what a registrant does with the
// manage token (view, cancel, .ics, certificate, accept or decline an
// offered seat, the voluntary ESF+ data). The token travels only in a
// header, never in a URL, as for bookings.
import { json, query, saveDownload, send } from '../../lib/api';
import { lang } from '../../lib/i18n';
import type { Region, TargetGroup, Topic } from '../../lib/vocab';

export type EventKind = 'workshop' | 'forum' | 'seminar' | 'study_visit' | 'webinar';
export const KINDS: readonly EventKind[] = ['workshop', 'forum', 'seminar', 'study_visit', 'webinar'];
export type EventMode = 'in_person' | 'online' | 'hybrid';
export const MODES: readonly EventMode[] = ['in_person', 'online', 'hybrid'];
export type Seat = 'in_person' | 'online';
export type QuestionKind = 'short_text' | 'long_text' | 'single_choice' | 'multiple_choice' | 'yes_no';
export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'offered' | 'cancelled' | 'attended' | 'no_show';

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

/** Seats left per seat kind (a hybrid event has both). */
export interface SeatsLeft {
  inPerson?: number;
  online?: number;
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
  title: Text;
  topics: Topic[];
  targetGroups: TargetGroup[];
  region: Region;
  mode: EventMode;
  sessions: Session[];
  /** The sum of the sessions, in minutes. */
  minutes: number;
  venue?: Venue;
  seatsLeft: SeatsLeft;
  /** Every seat taken, and the waiting list takes registrations. */
  waitlistOpen: boolean;
  /** Registration is open now. */
  registrationOpen: boolean;
  registrationOpens: string;
  registrationCloses: string;
  status: 'published' | 'cancelled' | 'held';
}

/** The event detail. */
export interface EventDetail extends EventSummary {
  description: Text;
  organiser: string;
  capacity: SeatsLeft;
  questions: Question[];
  orgLimit?: number;
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
  event?: EventSummary;
  seat: Seat;
  status: RegistrationStatus;
  /** The place in the waiting list (1 = next), while waitlisted. */
  position?: number;
  /** While offered: the seat is held until then. */
  offerExpires?: string;
  contact: { name: string; email: string; phone?: string };
  targetGroup?: TargetGroup;
  organisation?: { name?: string; ico?: string };
  jobRole?: string;
  region?: Region;
  answers?: Record<string, string[]>;
  needs?: Needs;
  /** The meeting link: only for a confirmed registration of an online or hybrid event. */
  onlineLink?: string;
  /** A certificate of attendance can be downloaded. */
  certificate?: boolean;
  /** The voluntary ESF+ data was given (or declined) already. */
  esfAnswered?: boolean;
  createdAt: string;
}

export interface CreatedRegistration {
  registration: Registration;
  manageToken: string;
}

export type Gender = 'woman' | 'man' | 'non_binary' | '';
export type AgeBand = '18_29' | '30_54' | '55_plus' | '';
export type Disability = 'yes' | 'no' | '';

export interface EsfInput {
  consent: { accepted: true; noticeVersion: string };
  gender: Gender;
  ageBand: AgeBand;
  disability: Disability;
}

const TOKEN = { tokenHeader: 'Booking-Token' };
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
  return json('POST', `${reg(id)}/offer/accept`, { token, ...TOKEN, body: {}, idempotencyKey, pow });
}

export function declineOffer(id: string, token: string, idempotencyKey: string, pow: string): Promise<Registration> {
  return json('POST', `${reg(id)}/offer/decline`, { token, ...TOKEN, body: {}, idempotencyKey, pow });
}

export function submitEsf(id: string, token: string, input: EsfInput, idempotencyKey: string, pow: string): Promise<unknown> {
  return json('PUT', `${reg(id)}/esf`, { token, ...TOKEN, body: input, idempotencyKey, pow });
}

export async function downloadRegistrationCalendar(id: string, token: string): Promise<void> {
  const resp = await send('GET', `${reg(id)}/calendar`, { token, ...TOKEN });
  await saveDownload(resp, lang() === 'cs' ? 'akce.ics' : 'event.ics', 'text/calendar');
}

export async function downloadCertificate(id: string, token: string): Promise<void> {
  const resp = await send('GET', `${reg(id)}/certificate`, { token, ...TOKEN });
  await saveDownload(resp, lang() === 'cs' ? 'osvedceni.pdf' : 'certificate.pdf', 'application/pdf');
}
