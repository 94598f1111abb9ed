// The public app's texts: its catalogues (messages/cs.ts, messages/en.ts)
// on top of the shared language, formatting and texts of lib/i18n.
import { catalogues } from '../lib/i18n';
import { cs } from './messages/cs';
import { en } from './messages/en';

export * from '../lib/i18n';

const c = catalogues({ cs, en });
/** The current catalogue. */
export const t = c.t;
/** The catalogue of a given language. */
export const catalogue = c.of;
