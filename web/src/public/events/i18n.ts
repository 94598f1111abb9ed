// The events pages' texts: the public catalogue with the events' own
// (messages/events.*.ts) under .events. They travel with the events pages'
// code, which is loaded only when an events page is shown (main.ts), so
// the booking pages do not carry them.
import { catalogues, lang, type Lang } from '../../lib/i18n';
import { t as base } from '../i18n';
import { eventsCs } from '../messages/events.cs';
import { eventsEn } from '../messages/events.en';

const c = catalogues({ cs: eventsCs, en: eventsEn });
type All = ReturnType<typeof base> & { events: ReturnType<typeof c.t> };
const cache = new Map<Lang, All>();

/** The current catalogue, the events' texts included. */
export function t(): All {
  const l = lang();
  let v = cache.get(l);
  if (!v) {
    v = { ...base(), events: c.t() };
    cache.set(l, v);
  }
  return v;
}
