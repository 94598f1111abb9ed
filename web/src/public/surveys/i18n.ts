// The survey pages' texts: the public catalogue with the surveys' own
// (messages/surveys.*.ts) under .surveys. They travel with the survey
// pages' chunk (main.ts loads it when a survey page is first shown).
import { catalogues, lang, type Lang } from '../../lib/i18n';
import { t as base } from '../i18n';
import { surveysCs } from '../messages/surveys.cs';
import { surveysEn } from '../messages/surveys.en';

const c = catalogues({ cs: surveysCs, en: surveysEn });
type All = ReturnType<typeof base> & { surveys: ReturnType<typeof c.t> };
const cache = new Map<Lang, All>();

/** The current catalogue, the surveys' texts included. */
export function t(): All {
  const l = lang();
  let v = cache.get(l);
  if (!v) {
    v = { ...base(), surveys: c.t() };
    cache.set(l, v);
  }
  return v;
}
