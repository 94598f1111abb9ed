// The event the detail and registration pages show, loaded once per visit
// of either page, and what a registration just made left for the
// confirmation page (the manage token is shown there once, then dropped).
import { ApiError } from '../../lib/api';
import { update } from '../../lib/router';
import { getEvent, type EventDetail, type Registration } from './api';

export interface Loaded {
  id: string;
  event?: EventDetail;
  loading: boolean;
  error?: ApiError;
}

export const current: Loaded = { id: '', loading: false };
let seq = 0;

/** Loads the event afresh (seats change) unless it is loading already. */
export async function loadEvent(id: string, opts: { keep?: boolean } = {}): Promise<void> {
  if (current.id === id && (current.loading || (opts.keep && current.event))) return;
  const my = ++seq;
  if (current.id !== id) current.event = undefined;
  current.id = id;
  current.loading = true;
  current.error = undefined;
  update();
  try {
    const e = await getEvent(id);
    if (my !== seq) return;
    current.event = e;
  } catch (e) {
    if (my !== seq) return;
    current.error = e instanceof ApiError ? e : new ApiError(0, {});
  }
  current.loading = false;
  update();
}

/** The registration just made, with its token: the confirmation shows the manage link once. */
export interface Made {
  registration: Registration;
  token: string;
  url: string;
  event: EventDetail;
}
export let made: Made | undefined;
export function setMade(m: Made | undefined): void {
  made = m;
}
