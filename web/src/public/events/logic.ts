// The events pages' logic without the DOM: the filters in the address
// (?kind=…&region=…), the months offered, how many seats are left, the
// registration form's checks and the request it becomes. test/events-logic
// runs it in Node.
import { isValidIco, normaliseIco } from '../../lib/ico';
import { ORG_REQUIRED, REGIONS, TARGET_GROUPS, TOPICS, type Region, type TargetGroup } from '../../lib/vocab';
import {
  KINDS,
  MODES,
  type EventDetail,
  type EventKind,
  type EventMode,
  type EventQuery,
  type EventSummary,
  type Needs,
  type Question,
  type RegistrationInput,
  type Seat,
  type Text,
} from './api';

/** A text in the language asked for, Czech when there is no English. */
export function txt(t: Text | string | undefined, l: 'cs' | 'en'): string {
  if (!t) return '';
  if (typeof t === 'string') return t;
  return (l === 'en' && t.en) || t.cs;
}

/** Whether the English text is missing (so the Czech one shows, marked lang="cs"). */
export function isCzechOnly(t: Text | string | undefined, l: 'cs' | 'en'): boolean {
  return l === 'en' && !!t && (typeof t === 'string' || !t.en);
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The filters in a query string; unknown values are dropped. */
export function parseFilters(search: string): EventQuery {
  const p = new URLSearchParams(search);
  const q: EventQuery = {};
  const kind = p.get('kind');
  if (kind && (KINDS as readonly string[]).includes(kind)) q.kind = kind as EventKind;
  const region = p.get('region');
  if (region && (REGIONS as readonly string[]).includes(region)) q.region = region as Region;
  const topic = p.get('topic');
  if (topic && (TOPICS as readonly string[]).includes(topic)) q.topic = topic as EventQuery['topic'];
  const month = p.get('month');
  if (month && MONTH.test(month)) q.month = month;
  const mode = p.get('mode');
  if (mode && (MODES as readonly string[]).includes(mode)) q.mode = mode as EventMode;
  return q;
}

/** The query string of filters, in a fixed order ("" when none). */
export function filtersToSearch(q: EventQuery): string {
  const p = new URLSearchParams();
  for (const k of ['kind', 'region', 'topic', 'month', 'mode'] as const) if (q[k]) p.set(k, q[k]!);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function filterCount(q: EventQuery): number {
  return (['kind', 'region', 'topic', 'month', 'mode'] as const).filter((k) => !!q[k]).length;
}

/** The months the filter offers: this one (a Prague date "YYYY-MM-DD") and the next n-1. */
export function monthOptions(today: string, n = 12): string[] {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** What the listing says about the seats of an event. */
export type Availability =
  | { state: 'open'; left: number; few: boolean }
  | { state: 'waitlist' }
  | { state: 'closed' }
  | { state: 'not_yet'; opens: string }
  | { state: 'cancelled' };

/** "Few" seats: five or fewer. */
export const FEW_SEATS = 5;

/** The seats left of one seat kind, or of all the event's kinds together. */
export function seatsOf(e: Pick<EventSummary, 'seats'>, seat?: Seat): number {
  let n = 0;
  for (const c of e.seats ?? []) if (!seat || c.seat === seat) n += Math.max(c.left, 0);
  return n;
}

export function availability(e: EventSummary, now = Date.now()): Availability {
  if (e.status === 'cancelled') return { state: 'cancelled' };
  if (!e.registrationOpen) {
    if (e.registrationOpens && Date.parse(e.registrationOpens) > now) return { state: 'not_yet', opens: e.registrationOpens };
    return { state: 'closed' };
  }
  const left = seatsOf(e);
  if (left > 0) return { state: 'open', left, few: left <= FEW_SEATS };
  return e.waitingListOpen ? { state: 'waitlist' } : { state: 'closed' };
}

/** Whether a registration now would join the waiting list (for the chosen seat, on a hybrid event). */
export function wouldWaitlist(e: Pick<EventSummary, 'seats' | 'mode'>, seat?: Seat): boolean {
  if (e.mode === 'hybrid' && seat) return seatsOf(e, seat) === 0;
  return seatsOf(e) === 0;
}

/** The seat kinds an event's mode has. */
export function seatsFor(mode: EventMode): Seat[] {
  return mode === 'online' ? ['online'] : mode === 'hybrid' ? ['in_person', 'online'] : ['in_person'];
}

// ---- the registration form ------------------------------------------------------

// As the server's rules (internal/workshops RegistrationInput).
export const LIMITS = { name: 120, email: 254, jobRole: 120, orgName: 200, shortText: 200, longText: 1000, needsOther: 500 };

export type NeedKey = Exclude<keyof Needs, 'other'>;
export const NEED_KEYS: readonly NeedKey[] = ['wheelchair', 'signLanguage', 'inductionLoop', 'easyRead', 'assistant'];

export interface RegDraft {
  seat?: Seat;
  name: string;
  email: string;
  phone: string;
  targetGroup?: TargetGroup;
  orgName: string;
  ico: string;
  jobRole: string;
  region: Region | '';
  /** Question id → the answer: one text, "yes"/"no", or the chosen option indexes. */
  answers: Record<string, string[]>;
  needs: Record<NeedKey, boolean>;
  needsOther: string;
  consent: boolean;
}

export function emptyDraft(): RegDraft {
  return {
    name: '',
    email: '',
    phone: '',
    orgName: '',
    ico: '',
    jobRole: '',
    region: '',
    answers: {},
    needs: { wheelchair: false, signLanguage: false, inductionLoop: false, easyRead: false, assistant: false },
    needsOther: '',
    consent: false,
  };
}

/** A problem with one field: a message code (the catalogue's validation.*) and its number, if any. */
export interface FieldProblem {
  code:
    | 'seat'
    | 'name'
    | 'email'
    | 'emailInvalid'
    | 'phoneInvalid'
    | 'targetGroup'
    | 'orgName'
    | 'ico'
    | 'icoInvalid'
    | 'region'
    | 'answer'
    | 'choose'
    | 'chooseSome'
    | 'tooLong'
    | 'consent';
  n?: number;
}

/** The form's field ids, in the order the form shows them; a question's is q-<id>. */
export function fieldOrder(e: Pick<EventDetail, 'mode' | 'questions'>): string[] {
  return [
    ...(e.mode === 'hybrid' ? ['seat'] : []),
    'name',
    'email',
    'phone',
    'targetGroup',
    'orgName',
    'ico',
    'jobRole',
    'region',
    ...e.questions.map((q) => questionField(q)),
    'needsOther',
    'consent',
  ];
}

export function questionField(q: Pick<Question, 'id'>): string {
  return `q-${q.id}`;
}

export function orgRequired(d: Pick<RegDraft, 'targetGroup'>): boolean {
  return !!d.targetGroup && ORG_REQUIRED.includes(d.targetGroup);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the draft as the server will; field id → problem. */
export function validateDraft(d: RegDraft, e: Pick<EventDetail, 'mode' | 'questions'>): Record<string, FieldProblem> {
  const p: Record<string, FieldProblem> = {};
  const long = (f: string, v: string, max: number) => {
    if (v.length > max) p[f] = { code: 'tooLong', n: max };
  };
  if (e.mode === 'hybrid' && !d.seat) p.seat = { code: 'seat' };
  if (!d.name.trim()) p.name = { code: 'name' };
  else long('name', d.name.trim(), LIMITS.name);
  if (!d.email.trim()) p.email = { code: 'email' };
  else if (!EMAIL.test(d.email.trim()) || d.email.trim().length > LIMITS.email) p.email = { code: 'emailInvalid' };
  if (d.phone.trim()) {
    const digits = d.phone.replace(/\D/g, '');
    if (!/^[+\d\s().\-/]+$/.test(d.phone.trim()) || digits.length < 9 || digits.length > 15) p.phone = { code: 'phoneInvalid' };
  }
  if (!d.targetGroup || !TARGET_GROUPS.includes(d.targetGroup)) p.targetGroup = { code: 'targetGroup' };
  const ico = normaliseIco(d.ico);
  if (orgRequired(d) && !d.orgName.trim()) p.orgName = { code: 'orgName' };
  else long('orgName', d.orgName.trim(), LIMITS.orgName);
  if (orgRequired(d) && !ico) p.ico = { code: 'ico' };
  else if (ico && !isValidIco(ico)) p.ico = { code: 'icoInvalid' };
  long('jobRole', d.jobRole.trim(), LIMITS.jobRole);
  if (!d.region) p.region = { code: 'region' };
  for (const q of e.questions) {
    const f = questionField(q);
    const a = (d.answers[q.id] ?? []).filter((x) => x.trim() !== '');
    if (a.length === 0) {
      if (q.required)
        p[f] = { code: q.kind === 'short_text' || q.kind === 'long_text' ? 'answer' : q.kind === 'multiple_choice' ? 'chooseSome' : 'choose' };
      continue;
    }
    if (q.kind === 'short_text') long(f, a[0]!.trim(), LIMITS.shortText);
    if (q.kind === 'long_text') long(f, a[0]!.trim(), LIMITS.longText);
  }
  long('needsOther', d.needsOther.trim(), LIMITS.needsOther);
  if (!d.consent) p.consent = { code: 'consent' };
  return p;
}

/** The request the draft becomes (after validateDraft found nothing). */
export function buildInput(d: RegDraft, e: Pick<EventDetail, 'mode' | 'questions'>, language: 'cs' | 'en', noticeVersion: string): RegistrationInput {
  const answers: Record<string, string[]> = {};
  for (const q of e.questions) {
    const a = (d.answers[q.id] ?? []).map((x) => x.trim()).filter((x) => x !== '');
    if (a.length === 0) continue;
    if (q.kind === 'short_text' || q.kind === 'long_text' || q.kind === 'yes_no' || q.kind === 'single_choice') answers[q.id] = [a[0]!];
    // Option indexes in the order the options are listed.
    else answers[q.id] = [...new Set(a)].sort((x, y) => Number(x) - Number(y));
  }
  const orgName = d.orgName.trim();
  const ico = normaliseIco(d.ico);
  return {
    seat: e.mode === 'hybrid' ? d.seat : seatsFor(e.mode)[0],
    contact: { name: d.name.trim(), email: d.email.trim(), ...(d.phone.trim() ? { phone: d.phone.trim() } : {}) },
    targetGroup: d.targetGroup!,
    ...(orgName || ico ? { organisation: { ...(orgName ? { name: orgName } : {}), ...(ico ? { ico } : {}) } } : {}),
    ...(d.jobRole.trim() ? { jobRole: d.jobRole.trim() } : {}),
    region: d.region as Region,
    answers,
    needs: { ...d.needs, ...(d.needsOther.trim() ? { other: d.needsOther.trim() } : {}) },
    consent: { accepted: true, noticeVersion },
    language,
  };
}

/** The API's field paths (problem errors[].field) on the form's field ids. */
export function serverField(path: string): string | undefined {
  const fixed: Record<string, string> = {
    seat: 'seat',
    contact: 'name',
    'contact.name': 'name',
    'contact.email': 'email',
    'contact.phone': 'phone',
    targetGroup: 'targetGroup',
    organisation: 'orgName',
    'organisation.name': 'orgName',
    'organisation.ico': 'ico',
    jobRole: 'jobRole',
    region: 'region',
    'needs.other': 'needsOther',
    needs: 'needsOther',
    consent: 'consent',
    'consent.accepted': 'consent',
    'consent.noticeVersion': 'consent',
  };
  if (fixed[path]) return fixed[path];
  const m = /^answers(?:\.|\[")?([A-Za-z0-9_-]+)/.exec(path);
  if (m) return `q-${m[1]}`;
  return undefined;
}

/** The whole minutes of an event's sessions, as hours ("7,5"). */
export function hoursOf(sessions: { start: string; end: string }[]): number {
  let ms = 0;
  for (const s of sessions) ms += Date.parse(s.end) - Date.parse(s.start);
  return Math.round((ms / 3_600_000) * 10) / 10;
}

/** The manage link a registration's token opens (as internal/manage.URL makes it). */
export function manageLink(origin: string, id: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/manage#registration=${encodeURIComponent(id)}&token=${encodeURIComponent(token)}`;
}
