// The staff console's texts on top of the shared language and formatting.
import { catalogues } from '../lib/i18n';
import { cs } from './messages/cs';
import { en } from './messages/en';

export * from '../lib/i18n';

const c = catalogues({ cs, en });
/** The current catalogue. */
export const t = c.t;
