// The Brána API (docs/openapi.yaml), same origin under /v1. Every request
// names the UI language in Accept-Language, so problem texts come back in
// Czech or English. The manage token travels only in the Booking-Token
// header, never in a URL.
import { lang } from './i18n';
import type { Form, Region, Status, TargetGroup, Topic } from './vocab';

export interface Expert {
  id: string;
  name: string;
  bio: string;
  topics: Topic[];
  regions: Region[];
  forms: Form[];
  slotMinutes: number;
}

export interface Slot {
  expertId: string;
  start: string;
  end: string;
  forms: Form[];
}

export interface Booking {
  id: string;
  expertId: string;
  expertName?: string;
  start: string;
  end: string;
  form: Form;
  topic: Topic;
  targetGroup: TargetGroup;
  region: Region;
  organisation: { name?: string; ico?: string };
  contact: { name?: string; email?: string; phone?: string };
  address?: string;
  note?: string;
  language: 'cs' | 'en';
  status: Status;
  sequence: number;
  createdAt: string;
  updatedAt: string;
  cancelledAt?: string;
}

export interface BookingInput {
  expertId: string;
  start: string;
  form: Form;
  topic: Topic;
  targetGroup: TargetGroup;
  region: Region;
  organisation?: { name?: string; ico?: string };
  contact: { name: string; email: string; phone: string };
  address?: string;
  note?: string;
  consent: { accepted: boolean; noticeVersion: string };
  language: 'cs' | 'en';
}

export interface CreatedBooking {
  booking: Booking;
  manageToken: string;
  manageUrl: string;
}

export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  requestId?: string;
  errors?: FieldError[];
}

/** A failed request: an HTTP error with its problem document, or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly retryAfter?: number,
  ) {
    super(problem.detail || problem.title || `HTTP ${status}`);
  }
  get code(): string {
    return this.problem.code ?? '';
  }
  get network(): boolean {
    return this.status === 0;
  }
}

/** 409 codes that all mean: the chosen slot is gone, pick another. */
export const SLOT_GONE = ['slot_taken', 'slot_unavailable', 'day_full'];

interface Options {
  body?: unknown;
  token?: string;
  idempotencyKey?: string;
}

async function send(method: string, path: string, opts: Options = {}): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': lang(),
  };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.token) headers['Booking-Token'] = opts.token;
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
  let resp: Response;
  try {
    resp = await fetch(path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, { code: 'network' });
  }
  if (!resp.ok) {
    let problem: Problem = { status: resp.status };
    try {
      if ((resp.headers.get('Content-Type') ?? '').includes('json')) problem = { status: resp.status, ...(await resp.json()) };
    } catch {
      /* a body that is not JSON: status only */
    }
    const ra = Number(resp.headers.get('Retry-After'));
    throw new ApiError(resp.status, problem, Number.isFinite(ra) && ra > 0 ? ra : undefined);
  }
  return resp;
}

async function json<T>(method: string, path: string, opts?: Options): Promise<T> {
  const resp = await send(method, path, opts);
  return (await resp.json()) as T;
}

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function listExperts(p: { topic?: Topic; region?: Region; form?: Form }): Promise<{ items: Expert[] }> {
  return json('GET', `/v1/experts${query(p)}`);
}

export function getExpert(id: string): Promise<Expert> {
  return json('GET', `/v1/experts/${encodeURIComponent(id)}`);
}

export interface SlotQuery {
  expertId?: string;
  form?: Form;
  topic?: Topic;
  region?: Region;
  from: string;
  to: string;
}

export function listSlots(p: SlotQuery): Promise<{ items: Slot[] }> {
  return json('GET', `/v1/slots${query({ ...p })}`);
}

export function createBooking(input: BookingInput, idempotencyKey: string): Promise<CreatedBooking> {
  return json('POST', '/v1/bookings', { body: input, idempotencyKey });
}

export function getBooking(id: string, token: string): Promise<Booking> {
  return json('GET', `/v1/bookings/${encodeURIComponent(id)}`, { token });
}

export function rescheduleBooking(id: string, token: string, start: string, idempotencyKey: string): Promise<Booking> {
  return json('POST', `/v1/bookings/${encodeURIComponent(id)}/reschedule`, { token, body: { start }, idempotencyKey });
}

export function cancelBooking(id: string, token: string, idempotencyKey: string): Promise<Booking> {
  return json('POST', `/v1/bookings/${encodeURIComponent(id)}/cancel`, { token, body: {}, idempotencyKey });
}

/**
 * "Add to calendar": fetches the booking's .ics with the token in a header
 * and hands it to the browser as a download (a link to the file could not
 * carry the token without putting it in a URL).
 */
export async function downloadCalendar(id: string, token: string): Promise<void> {
  const resp = await send('GET', `/v1/bookings/${encodeURIComponent(id)}/calendar`, { token });
  const blob = await resp.blob();
  const cd = resp.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(cd)?.[1] ?? (lang() === 'cs' ? 'konzultace.ics' : 'consultation.ics');
  const url = URL.createObjectURL(new Blob([blob], { type: 'text/calendar' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A fresh Idempotency-Key: one per intended change, reused on retries of it. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
