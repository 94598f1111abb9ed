// The staff console's English texts. Same keys as cs.ts.
import { common } from '../../lib/messages';
import type { Messages } from './cs';

export const en: Messages = {
  ...common.en,

  app: {
    name: 'Brána',
    tagline: 'Console for the programme’s experts and team',
    titleSuffix: 'Brána – console – MPSV',
  },

  footer: {
    links: 'Links',
    public: 'Brána’s public site',
    accessibility: 'Accessibility statement',
    operator: 'Run by the Ministry of Labour and Social Affairs, Na Poříčním právu 1/376, 128 01 Prague 2, Czech Republic.',
  },

  home: {
    title: 'Console for the programme’s experts and team',
    lead: 'Here the programme’s experts and team will manage their availability, bookings and the outcomes of consultations.',
    later: 'The console is not available yet; it is being prepared. The public can book consultations as before.',
    public: 'Go to Brána’s public site',
  },

  notFound: {
    title: 'Page not found',
    text: 'There is no page at this address in the console.',
    home: 'To the console’s home page',
  },
};
