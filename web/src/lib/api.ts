// The Brána API (docs/openapi.yaml), same origin under /v1. Every request
// names the UI language in Accept-Language, so problem texts come back in
// Czech or English. The manage token travels only in the Booking-Token
// header, never in a URL.
import type { components, operations } from '../generated/api';
import { lang } from './i18n';

// The types are generated from docs/openapi.yaml (generated/api.d.ts, by
// openapi-typescript; `npm run gen:api`), so the client and the document
// cannot drift apart.
type Schemas = components['schemas'];
export type Expert = Schemas['Expert'];
/** One free slot, as the pages use it (the API sends them grouped by expert). */
export type Slot = { expertId: string; start: string; end: string; forms: Schemas['SlotGroup']['forms'] };
export type Booking = Schemas['Booking'];
export type BookingInput = Schemas['BookingInput'];
export type CreatedBooking = Schemas['CreatedBooking'];
export type FieldError = Schemas['ProblemField'];
/**
 * A problem document as far as it came: the whole of it from the API, or
 * only a status (a body that was not JSON) or a code of our own (network).
 */
export type Problem = Partial<Schemas['Problem']>;

type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

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

export interface Options {
  body?: unknown;
  token?: string;
  /** The header the token travels in (default Booking-Token). */
  tokenHeader?: string;
  idempotencyKey?: string;
  /** The solved proof-of-work challenge (lib/pow.ts) every public write carries. */
  pow?: string;
}

export async function send(method: string, path: string, opts: Options = {}): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': lang(),
  };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.token) headers[opts.tokenHeader ?? 'Booking-Token'] = opts.token;
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
  if (opts.pow) headers['Altcha'] = opts.pow;
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

export async function json<T>(method: string, path: string, opts?: Options): Promise<T> {
  const resp = await send(method, path, opts);
  return (await resp.json()) as T;
}

export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function listExperts(p: Query<'listExperts'>): Promise<Schemas['ExpertList']> {
  return json('GET', `/v1/experts${query(p)}`);
}

export function getExpert(id: string): Promise<Expert> {
  return json('GET', `/v1/experts/${encodeURIComponent(id)}`);
}

/** The slot query (GET /v1/slots); the picker always names the range. */
export type SlotQuery = Query<'listSlots'> & { from: string; to: string };

/**
 * Free slots, ordered by start. The API groups them by expert (the expert,
 * forms and length once, then the starts); here they become one object per
 * slot again, the end `minutes` after the start.
 */
export async function listSlots(p: SlotQuery): Promise<{ items: Slot[] }> {
  const res: Schemas['SlotList'] = await json('GET', `/v1/slots${query({ ...p })}`);
  return { items: expandSlots(res) };
}

export function expandSlots(res: Schemas['SlotList']): Slot[] {
  const items: Slot[] = [];
  for (const g of res.items) {
    for (const start of g.starts) {
      const end = new Date(Date.parse(start) + g.minutes * 60_000).toISOString();
      items.push({ expertId: g.expertId, start, end, forms: g.forms });
    }
  }
  // Stable: slots at the same time keep the groups' order.
  return items.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

export function createBooking(input: BookingInput, idempotencyKey: string, pow: string): Promise<CreatedBooking> {
  return json('POST', '/v1/bookings', { body: input, idempotencyKey, pow });
}

export function getBooking(id: string, token: string): Promise<Booking> {
  return json('GET', `/v1/bookings/${encodeURIComponent(id)}`, { token });
}

export function rescheduleBooking(id: string, token: string, start: string, idempotencyKey: string, pow: string): Promise<Booking> {
  return json('POST', `/v1/bookings/${encodeURIComponent(id)}/reschedule`, { token, body: { start } satisfies Schemas['RescheduleInput'], idempotencyKey, pow });
}

export function cancelBooking(id: string, token: string, idempotencyKey: string, pow: string): Promise<Booking> {
  return json('POST', `/v1/bookings/${encodeURIComponent(id)}/cancel`, { token, body: {} satisfies Schemas['CancelInput'], idempotencyKey, pow });
}

/**
 * "Add to calendar": fetches the booking's .ics with the token in a header
 * and hands it to the browser as a download (a link to the file could not
 * carry the token without putting it in a URL).
 */
export async function downloadCalendar(id: string, token: string): Promise<void> {
  const resp = await send('GET', `/v1/bookings/${encodeURIComponent(id)}/calendar`, { token });
  await saveDownload(resp, lang() === 'cs' ? 'konzultace.ics' : 'consultation.ics', 'text/calendar');
}

/** Hands a fetched file to the browser as a download, named as the server says. */
export async function saveDownload(resp: Response, fallbackName: string, type: string): Promise<void> {
  const blob = await resp.blob();
  const cd = resp.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(cd)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(new Blob([blob], { type }));
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
