// The texts every app shares: the language switch, the parts of the UI
// helpers (ui.ts) and the display names of the vocabulary, which come from
// the Go catalogue (generated/vocab.json). Each app's own catalogue spreads
// these into itself, so t().ui.errorPrefix and t().vocab.form.phone work in
// every app.
import { NAMES } from './vocab';

const cs = {
  langName: NAMES.cs.lang.cs,
  switchLangHint: 'Přepnout do češtiny',

  ui: {
    skipLink: 'Přeskočit na hlavní obsah',
    optional: '(nepovinné)',
    errorPrefix: 'Chyba:',
    errorSummaryTitle: 'Opravte prosím tyto údaje',
  },

  vocab: {
    form: NAMES.cs.form,
    topic: NAMES.cs.topic,
    targetGroup: NAMES.cs.target_group,
    region: NAMES.cs.region,
  },
};

export type Common = typeof cs;

const en: Common = {
  langName: NAMES.en.lang.en,
  switchLangHint: 'Switch to English',

  ui: {
    skipLink: 'Skip to main content',
    optional: '(optional)',
    errorPrefix: 'Error:',
    errorSummaryTitle: 'Please correct the following',
  },

  vocab: {
    form: NAMES.en.form,
    topic: NAMES.en.topic,
    targetGroup: NAMES.en.target_group,
    region: NAMES.en.region,
  },
};

export const common = { cs, en };
