// The staff routes the expert's screens use (docs/openapi.yaml), with the
// signed-in token in the Authorization header.
import type { components } from '../../generated/api';
import { json } from '../../lib/api';
import { auth, current } from '../session';

type Schemas = components['schemas'];
export type Me = Schemas['Me'];
export type StaffBooking = Schemas['StaffBooking'];
export type StaffExpert = Schemas['StaffExpert'];
export type AvailabilityInput = Schemas['AvailabilityInput'];
export type AvailabilityPreview = Schemas['AvailabilityPreview'];
export type Outcome = Schemas['OutcomeInput']['status'];

let me: { token: string; me: Promise<Me> } | undefined;

/** Who is signed in (and their expert record), asked once per sign-in. */
export function getMe(): Promise<Me> {
  const token = current()?.token ?? '';
  if (!me || me.token !== token) {
    const p = json<Me>('GET', '/v1/staff/me', auth());
    me = { token, me: p };
    p.catch(() => (me = undefined));
  }
  return me.me;
}

/** The expert's bookings starting between two Prague dates (inclusive). */
export function listBookings(expertId: string, from: string, to: string): Promise<Schemas['StaffBookingList']> {
  const q = new URLSearchParams({ from, to, expertId });
  return json('GET', `/v1/staff/bookings?${q.toString()}`, auth());
}

export function setOutcome(bookingId: string, status: Outcome): Promise<StaffBooking> {
  return json('POST', `/v1/staff/bookings/${encodeURIComponent(bookingId)}/outcome`, { ...auth(), body: { status } });
}

export function getExpert(id: string): Promise<StaffExpert> {
  return json('GET', `/v1/staff/experts/${encodeURIComponent(id)}`, auth());
}

export function setAvailability(id: string, input: AvailabilityInput): Promise<StaffExpert> {
  return json('PUT', `/v1/staff/experts/${encodeURIComponent(id)}/availability`, { ...auth(), body: input });
}

/** The free slots the availability would give over the next days; stores nothing. */
export function previewAvailability(id: string, input: AvailabilityInput): Promise<AvailabilityPreview> {
  return json('POST', `/v1/staff/experts/${encodeURIComponent(id)}/availability/preview`, { ...auth(), body: input });
}
