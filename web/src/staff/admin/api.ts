// The admin routes the admin screens call (docs/openapi.yaml), with the
// signed-in token in the Authorization header.
import type { components } from '../../generated/api';
import { json, query } from '../../lib/api';
import { auth } from '../session';

type Schemas = components['schemas'];
export type StaffExpert = Schemas['StaffExpert'];
export type ExpertInput = Schemas['ExpertInput'];
export type StaffBooking = Schemas['StaffBooking'];
export type BookingStatus = Schemas['BookingStatus'];
export type Cancellations = Schemas['Cancellations'];
export type CancelAllRequest = Schemas['CancelAllRequest'];
export type IndicatorCatalogue = Schemas['IndicatorCatalogue'];
export type Indicator = Schemas['Indicator'];

export function listExperts(): Promise<Schemas['StaffExpertList']> {
  return json('GET', '/v1/staff/experts', auth());
}

export function getExpert(id: string): Promise<StaffExpert> {
  return json('GET', `/v1/staff/experts/${encodeURIComponent(id)}`, auth());
}

export function createExpert(input: ExpertInput): Promise<StaffExpert> {
  return json('POST', '/v1/staff/experts', { ...auth(), body: input });
}

export function updateExpert(id: string, input: ExpertInput): Promise<StaffExpert> {
  return json('PUT', `/v1/staff/experts/${encodeURIComponent(id)}`, { ...auth(), body: input });
}

/** The profile of an expert as the API takes it back (a full replacement). */
export function inputOf(e: StaffExpert): ExpertInput {
  return { name: e.name, email: e.email, bio: e.bio ?? '', topics: [...e.topics], regions: [...e.regions], forms: [...e.forms], subject: e.subject, active: e.active };
}

export interface BookingFilter {
  from: string;
  to: string;
  expertId: string;
  status: BookingStatus | '';
}

export function listBookings(f: BookingFilter): Promise<Schemas['StaffBookingList']> {
  const q = query({ from: f.from || undefined, to: f.to || undefined, expertId: f.expertId || undefined, status: f.status || undefined });
  return json('GET', `/v1/staff/bookings${q}`, auth());
}

export function eraseBooking(id: string): Promise<StaffBooking> {
  return json('POST', `/v1/staff/bookings/${encodeURIComponent(id)}/erase`, auth());
}

export function cancelAll(req: CancelAllRequest): Promise<Cancellations> {
  return json('POST', '/v1/staff/cancellations', { ...auth(), body: req });
}

export function indicatorCatalogue(): Promise<IndicatorCatalogue> {
  return json('GET', '/v1/staff/indicators', auth());
}
