// The manage token: taken from the e-mail link's fragment
// (/manage#booking=<id>&token=<token>, or #registration=<id>&token=… for
// an event registration), removed from the address bar at
// once, and kept in memory and in sessionStorage (this tab only, gone when
// it closes) so that a reload of the manage page still works. It is sent
// only in the Booking-Token header, never in a URL.
import type { Booking } from '../lib/api';

export interface ManageCreds {
  id: string;
  token: string;
  /** What the link opens: a booking (the default) or an event registration. */
  kind?: 'booking' | 'registration';
}

const KEY = 'brana.manage';
let creds: ManageCreds | undefined;

/** The booking just made, for the confirmation page. */
export let lastBooking: Booking | undefined;

export function setLastBooking(b: Booking | undefined): void {
  lastBooking = b;
}

export function setCreds(c: ManageCreds): void {
  creds = c;
  try {
    sessionStorage.setItem(KEY, JSON.stringify(c));
  } catch {
    /* memory only */
  }
}

export function getCreds(): ManageCreds | undefined {
  if (creds) return creds;
  try {
    const raw = sessionStorage.getItem(KEY);
    if (raw) {
      const c = JSON.parse(raw) as Partial<ManageCreds>;
      if (typeof c.id === 'string' && typeof c.token === 'string')
        creds = { id: c.id, token: c.token, kind: c.kind === 'registration' ? 'registration' : 'booking' };
    }
  } catch {
    /* none */
  }
  return creds;
}

/**
 * Reads a manage link's fragment, if the page was opened with one, and
 * removes it from the address bar (and so from the history) before
 * anything else runs.
 */
export function captureManageLink(): boolean {
  if (location.hash.length < 2) return false;
  const params = new URLSearchParams(location.hash.slice(1));
  const reg = params.get('registration');
  const id = params.get('booking') ?? reg;
  const token = params.get('token');
  if (!id && !token) return false;
  history.replaceState(null, '', location.pathname + location.search);
  if (id && token) setCreds({ id, token, kind: reg ? 'registration' : 'booking' });
  return true;
}
