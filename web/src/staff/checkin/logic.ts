// The check-in screen's rules, without the DOM (tested in Node by
// web/test/console-checkin.web.test.mjs): matching names, the counts, the
// retry schedule, and telling a fresh check-in from one made before.
import type { components } from '../../generated/api';

type Registration = components['schemas']['StaffRegistration'];

/** Statuses of people the event expects (checked in or still to come). */
export const EXPECTED: ReadonlySet<string> = new Set(['confirmed', 'offered', 'attended', 'no_show']);
/** Statuses a check-in accepts (docs/openapi.yaml, staffCheckIn). */
export const CHECKABLE: ReadonlySet<string> = new Set(['confirmed', 'offered', 'no_show']);

/** Lower case without accents, for matching names typed on a phone. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** Whether a registration matches the search: every word of it, in the name, e-mail or organisation. */
export function matches(r: Registration, q: string): boolean {
  const words = fold(q).split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const hay = fold([r.contact.name, r.contact.email ?? '', r.organisation?.name ?? ''].join(' '));
  return words.every((w) => hay.includes(w));
}

/** Checked in, expected, and walk-ins among those checked in. */
export function tally(regs: readonly Registration[]): { inside: number; expected: number; walkIns: number } {
  return {
    inside: regs.filter((r) => r.status === 'attended').length,
    expected: regs.filter((r) => EXPECTED.has(r.status)).length,
    walkIns: regs.filter((r) => r.walkIn && r.status === 'attended').length,
  };
}

/** The wait before attempt n+1 (n ≥ 1): 2, 4, 8, 16, 30, 30 … seconds. */
export function backoff(attempts: number): number {
  return Math.min(30_000, 2_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Whether a check-in's answer is of somebody checked in before: the list
 * said so, or the server's time of the check-in is a minute or more
 * before the first attempt (another phone; a minute for the clocks'
 * difference). A repeat of our own lost attempt counts as fresh.
 */
export function checkedInBefore(wasIn: boolean, checkedInAt: string | undefined, since: number): boolean {
  if (!checkedInAt) return false;
  return wasIn || Date.parse(checkedInAt) < since - 60_000;
}

/**
 * The registration a check-in code names ("C1.<event>.<registration>.<tag>"),
 * read without verifying it (the server does), to show whom a code being
 * sent belongs to; undefined for text that is not a code.
 */
export function codeRegistration(code: string): { eventId: string; registrationId: string } | undefined {
  const parts = code.trim().split('.');
  if (parts.length !== 4 || parts[0] !== 'C1' || !parts[1] || !parts[2] || !parts[3]) return undefined;
  return { eventId: parts[1], registrationId: parts[2] };
}
