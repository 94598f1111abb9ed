// The organiser screens' texts, Czech and English (same keys).
import { catalogues } from '../../lib/i18n';

const cs = {
  title: 'Připravujeme',
  todo: 'Tato obrazovka se připravuje.',
};
type Messages = typeof cs;
const en: Messages = {
  title: 'Coming',
  todo: 'This screen is being built.',
};

/** The current catalogue. */
export const tx = catalogues({ cs, en }).t;
