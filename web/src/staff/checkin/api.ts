// The staff-event routes the check-in screen uses (docs/openapi.yaml), with
// the signed-in token in the Authorization header.
import type { components } from '../../generated/api';
import { json } from '../../lib/api';
import { auth } from '../session';

type Schemas = components['schemas'];
export type StaffEvent = Schemas['StaffEvent'];
export type Registration = Schemas['StaffRegistration'];
export type CheckInInput = Schemas['StaffCheckInInput'];
export type WalkInInput = Schemas['StaffWalkInInput'];

const base = (eventId: string): string => `/v1/staff/events/${encodeURIComponent(eventId)}`;

export function getEvent(eventId: string): Promise<StaffEvent> {
  return json('GET', base(eventId), auth());
}

/** Every registration of the event (the API answers them in one list). */
export async function listRegistrations(eventId: string): Promise<Registration[]> {
  const res: Schemas['StaffRegistrationList'] = await json('GET', `${base(eventId)}/registrations`, auth());
  return res.items;
}

/**
 * Checks one person in, by registration id or by the code of their QR
 * code. Idempotent on the server: a repeat answers the registration as it
 * is (checkedInAt unchanged), so a retry never checks anybody in twice.
 */
export function checkIn(eventId: string, input: CheckInInput): Promise<Registration> {
  return json('POST', `${base(eventId)}/checkins`, { ...auth(), body: input });
}

/** Adds a person who came without a registration, checked in at once (201). */
export function addWalkIn(eventId: string, input: WalkInInput): Promise<Registration> {
  return json('POST', `${base(eventId)}/walkins`, { ...auth(), body: input });
}
