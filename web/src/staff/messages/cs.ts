// The staff console's Czech texts. The English catalogue (en.ts) has the
// same shape; the shared texts come from lib/messages.ts.
import { common } from '../../lib/messages';

export const cs = {
  ...common.cs,

  app: {
    name: 'Brána',
    tagline: 'Konzole pro konzultanty a tým programu',
    titleSuffix: 'Brána – konzole – MPSV',
  },

  footer: {
    links: 'Odkazy',
    public: 'Veřejná stránka Brány',
    accessibility: 'Prohlášení o přístupnosti',
    operator: 'Provozuje Ministerstvo práce a sociálních věcí, Na Poříčním právu 1/376, 128 01 Praha 2.',
  },

  home: {
    title: 'Konzole pro konzultanty a tým programu',
    lead: 'Zde budou konzultanti a tým programu spravovat svou dostupnost, rezervace a výsledky konzultací.',
    later: 'Konzole zatím není k dispozici; připravujeme ji. Rezervace konzultací pro veřejnost fungují beze změny.',
    public: 'Přejít na veřejnou stránku Brány',
  },

  notFound: {
    title: 'Stránka nenalezena',
    text: 'Stránka na této adrese v konzoli neexistuje.',
    home: 'Na úvodní stránku konzole',
  },
};

export type Messages = typeof cs;
