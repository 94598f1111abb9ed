// Dates and times as organisers type them ("10. 12. 2026", "9:00"), and
// the instants the API takes (RFC 3339 with Prague's offset on that day).
import { formatDate, formatTime, TIME_ZONE } from '../../lib/i18n';

/** "10. 12. 2026", "10.12.2026" or "2026-12-10" → "2026-12-10"; null if not a date. */
export function parseDate(s: string): string | null {
  const t = s.trim();
  let y: number, m: number, d: number;
  let g = /^(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})$/.exec(t);
  if (g) [d, m, y] = [Number(g[1]), Number(g[2]), Number(g[3])];
  else if ((g = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) [y, m, d] = [Number(g[1]), Number(g[2]), Number(g[3])];
  else return null;
  const u = new Date(Date.UTC(y, m - 1, d));
  if (u.getUTCFullYear() !== y || u.getUTCMonth() !== m - 1 || u.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "9:00", "09.30" → "09:00"; null if not a time. */
export function parseTime(s: string): string | null {
  const g = /^(\d{1,2})\s*[:.]\s*(\d{2})$/.exec(s.trim());
  if (!g) return null;
  const h = Number(g[1]);
  const m = Number(g[2]);
  if (h > 23 || m > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** "1. 12. 2026 8:00" → ["2026-12-01", "08:00"]; null if not both. */
export function parseDateTime(s: string): [string, string] | null {
  const g = /^(.*\d)\s+(\d{1,2}\s*[:.]\s*\d{2})$/.exec(s.trim());
  if (!g) return null;
  const d = parseDate(g[1]!);
  const t = parseTime(g[2]!);
  return d && t ? [d, t] : null;
}

const offsetFmt = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' });

/** Prague's offset from UTC at an instant, in minutes. */
function offsetAt(ms: number): number {
  const name = offsetFmt.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const g = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!g) return 0;
  return (g[1] === '-' ? -1 : 1) * (Number(g[2]) * 60 + Number(g[3]));
}

/** A Prague wall-clock date and time as RFC 3339 with that moment's offset. */
export function pragueInstant(date: string, time: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  let off = offsetAt(wall - offsetAt(wall) * 60_000);
  off = offsetAt(wall - off * 60_000);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${date}T${time}:00${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** "2026-12-10" → "10. 12. 2026" (the form's own format, in both languages). */
export function dateText(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d}. ${m}. ${y}`;
}

/** An RFC 3339 instant of the API (in Prague time) → its date and time as typed in the form. */
export function instantParts(s: string): { date: string; time: string } {
  const d = new Date(s);
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return { date: dateText(date), time: formatTimePlain(d) };
}

function formatTimePlain(d: Date): string {
  return new Intl.DateTimeFormat('cs-CZ', { timeZone: TIME_ZONE, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

/** "středa 10. 12. 2026, 9:00–12:30" for a session, in the current language. */
export function sessionText(start: string, end: string): string {
  const s = new Date(start);
  const e = new Date(end);
  return `${formatDate(s)}, ${formatTime(s)}–${formatTime(e)}`;
}

/**
 * After a page's data arrived: the focus goes to its heading unless the
 * person already moved it (the router focused the heading of a page still
 * loading, which had none).
 */
export function focusHeadingIfLost(): void {
  const a = document.activeElement;
  if (a && a !== document.body) return;
  document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
}
