// Language, message catalogues and Czech-style dates, shared by every app.
//
// Czech is the default; English is chosen by the visible switch and kept in
// localStorage (one choice for every app on the origin). A link may name
// the language (?lang=en, as an English e-mail's survey links do): it wins
// for that page, and the switch still changes it. Each app has its
// own catalogues (catalogues() below), typed so that the English one cannot
// miss a key of the Czech one; the texts all apps share are in messages.ts.
// Dates and times are formatted with Intl in Europe/Prague: "2. 12. 2026",
// "9:00" in Czech.
import { common, type Common } from './messages';
import type { Language } from './vocab';

export type Lang = Language;
export const LANGS: readonly Lang[] = ['cs', 'en'];
const STORAGE_KEY = 'brana.lang';
export const TIME_ZONE = 'Europe/Prague';

let current: Lang = initialLang();

function initialLang(): Lang {
  try {
    const asked = new URLSearchParams(location.search).get('lang');
    if (asked === 'cs' || asked === 'en') return asked;
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'cs' || saved === 'en') return saved;
  } catch {
    /* no address (not a browser) or storage disabled: Czech */
  }
  return 'cs';
}

export function lang(): Lang {
  return current;
}

export function setLang(l: Lang): void {
  current = l;
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    /* the choice then lasts for this page only */
  }
  document.documentElement.lang = l;
}

/**
 * An app's catalogues: t() gives the current language's, of(l) a given
 * language's (the language switch names itself in the other one).
 */
export function catalogues<M>(by: Record<Lang, M>): { t: () => M; of: (l: Lang) => M } {
  return { t: () => by[current], of: (l) => by[l] };
}

/** The shared texts (messages.ts) of the current language, or of a given one. */
export function shared(l: Lang = current): Common {
  return common[l];
}
export type PluralForms = { one: string; few?: string; many?: string; other: string };

/** Picks the plural form of n for the current language (Czech: one / few / many / other). */
export function plural(n: number, forms: PluralForms): string {
  const cat = new Intl.PluralRules(current).select(n) as keyof PluralForms;
  return (forms[cat] ?? forms.other).replace('{n}', formatNumber(n));
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

function locale(): string {
  return current === 'cs' ? 'cs-CZ' : 'en-GB';
}

// Intl may separate the parts of a date with no-break or narrow no-break
// spaces; the service writes plain spaces ("1. 12. 2026").
function plain(s: string): string {
  return s.replace(/[\u00a0\u202f]/g, ' ');
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = current + JSON.stringify(opts);
  let f = fmtCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(), { timeZone: TIME_ZONE, ...opts });
    fmtCache.set(key, f);
  }
  return f;
}

/** "2. 12. 2026" (cs), "2 December 2026" (en). */
export function formatDate(d: Date): string {
  return plain(
    current === 'cs'
      ? fmt({ day: 'numeric', month: 'numeric', year: 'numeric' }).format(d)
      : fmt({ day: 'numeric', month: 'long', year: 'numeric' }).format(d),
  );
}

/** "2. 12." (cs), "2 Dec" (en): a day inside a week shown with its year. */
export function formatDayMonth(d: Date): string {
  return plain(
    current === 'cs'
      ? fmt({ day: 'numeric', month: 'numeric' }).format(d)
      : fmt({ day: 'numeric', month: 'short' }).format(d),
  );
}

/** A week: "23. 11. – 29. 11. 2026" (cs), "23–29 Nov 2026" (en). */
export function formatWeek(from: Date, to: Date): string {
  return plain(
    current === 'cs'
      ? `${formatDayMonth(from)} – ${formatDate(to)}`
      : fmt({ day: 'numeric', month: 'short', year: 'numeric' }).formatRange(from, to).replace(/\s*–\s*/, '–'),
  );
}

/** "9:00" (cs), "09:00" style per locale. */
export function formatTime(d: Date): string {
  return plain(fmt({ hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).format(d));
}

/** "středa" (cs), "Wednesday" (en). */
export function formatWeekday(d: Date): string {
  return fmt({ weekday: 'long' }).format(d);
}

/** "středa 2. 12. 2026" */
export function formatLongDate(d: Date): string {
  return `${formatWeekday(d)} ${formatDate(d)}`;
}

/** "středa 2. 12. 2026, 9:00–10:00" */
export function formatRange(start: Date, end: Date): string {
  return `${formatLongDate(start)}, ${formatTime(start)}–${formatTime(end)}`;
}

/** The Prague calendar date of an instant, "YYYY-MM-DD". */
export function pragueDate(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A calendar date "YYYY-MM-DD" plus n days. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const u = new Date(Date.UTC(y!, m! - 1, d! + n));
  return u.toISOString().slice(0, 10);
}

/** The Monday of the week a calendar date falls in. */
export function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const dow = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay(); // 0 = Sunday
  return addDays(date, dow === 0 ? -6 : 1 - dow);
}

/** Noon in Prague of a calendar date, for formatting the date itself. */
export function dateAtNoon(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}
