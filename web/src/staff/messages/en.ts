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
    later: 'The console is in its first version: the monthly reports for the programme’s management. More screens are being prepared. The public can book consultations as before.',
    signIn: 'Sign in to the console',
    public: 'Go to Brána’s public site',
  },

  signIn: {
    title: 'Sign in to the console',
    lead: 'Local development sign-in: choose the role to try the console with. The local gateway issues the token as “make token” does.',
    role: 'Role',
    roles: { admin: 'Administrator', expert: 'Expert', organiser: 'Event organiser', evaluator: 'Evaluator', viewer: 'Management (reports)' },
    submit: 'Sign in',
    failed: 'Signing in failed. Please try again.',
    memoryOnly: 'The sign-in is kept only in this page’s memory: reloading the page or signing out forgets it.',
    cloudLater: 'Signing in with the ministry’s single sign-on (Cognito) is not in this version of the console yet. The development sign-in is offered only by the local stack.',
  },

  console: {
    navLabel: 'Console',
    reports: 'Monthly reports',
    register: 'Transformation register',
    signedInAs: (groups: string) => `Signed in with the role: ${groups}.`,
    signOut: 'Sign out',
    homeTitle: 'Console',
    homeViewer: 'The menu has the monthly indicator reports and the register of services in transformation.',
    notYet: 'The screens for your role are not in this version of the console yet.',
    forbiddenTitle: 'You do not have access here',
    forbidden: 'This screen is for the programme’s management and administrators (the role “viewer” or “admin”). Your role does not give access to it.',
    expired: 'Your sign-in has expired. Please sign in again.',
    network: 'Could not reach the server. Check your connection and try again.',
    failed: 'Something went wrong. Please try again.',
    loading: 'Loading…',
  },

  reports: {
    title: 'Monthly reports',
    lead: 'The programme’s indicator reports by month, newest first.',
    empty: 'No report has been compiled yet.',
    month: 'Month',
    version: 'Version',
    created: 'Compiled',
    catalogue: 'Indicator catalogue',
  },

  report: {
    title: 'Report for',
    back: 'Back to the monthly reports',
    rerun: 'Compile again',
    rerunHint: 'The report is compiled again from the current figures. If nothing has changed, no new version is stored.',
    rerunStarted: 'A new run of the report has started. If the figures have changed, a new version will appear in the list of reports shortly.',
    versionLine: (v: number, c: string) => `Version ${v}, indicator catalogue ${c}.`,
    headline: 'Headline figures',
    codes: {
      'consultations.held': 'Consultations held',
      'organisations.supported.cumulative': 'Organisations supported since the programme’s start',
      'organisations.public_administrations.cumulative': 'Public administrations supported since the programme’s start',
      'organisations.providers.cumulative': 'Social-service providers supported since the programme’s start',
      'events.held': 'Events held',
      'events.attendance': 'Event attendance',
      'surveys.evaluation.responses': 'Evaluation survey responses',
      'surveys.satisfaction.mean': 'Mean satisfaction (1–5)',
      'surveys.satisfaction.nps': 'Net Promoter Score',
      'transformation.services_transformed': 'Services transformed',
    },
    ofTarget: (n: number) => `of ${n}`,
    progress: 'Transformation progress',
    progressLabel: (n: number, target: number) => `${n} of ${target} services transformed`,
    byPhase: 'Services by transformation phase',
    phase: 'Phase',
    services: 'Services',
    downloads: 'Downloads',
    download: (f: string) => `Download ${f}`,
    downloaded: (f: string) => `${f} was downloaded.`,
  },

  register: {
    title: 'Transformation register',
    lead: 'The social services taking part in the transformation and the phase each is in. Read only.',
    empty: 'There is no service in the register yet.',
    name: 'Service',
    region: 'Region',
    phase: 'Phase',
    leadAdmin: 'The social services taking part in the transformation and the phase each is in. As an administrator you can record a change of phase.',
    actions: 'Changes',
    change: 'Change phase',
    changeOf: (name: string) => `Change the phase of ${name}`,
    formTitle: (name: string) => `Change of phase: ${name}`,
    current: (phase: string) => `Now in the phase “${phase}”.`,
    newPhase: 'New phase',
    next: (phase: string) => `${phase} (next phase)`,
    back: (phase: string) => `${phase} (correction back)`,
    noChoice: 'The service is already transformed. Only a correction back to an earlier phase can be recorded.',
    date: 'The day the change took effect',
    dateHint: 'As YYYY-MM-DD, for example 2026-11-24. Not in the future and not before the last change.',
    reason: 'Reason for the correction',
    reasonHint: 'Required when the service goes back to an earlier phase.',
    submit: 'Record the change',
    cancel: 'Cancel',
    saved: (name: string, phase: string) => `The change is recorded: ${name} is now in the phase “${phase}”.`,
    reloaded: 'We have loaded the service’s row again. Check its phase and enter the change again if needed.',
    errorsTitle: 'The change could not be recorded',
  },

  phases: {
    joined: 'Joined',
    plan_drafted: 'Plan drafted',
    plan_approved: 'Plan approved',
    in_implementation: 'In implementation',
    transformed: 'Transformed',
  },

  notFound: {
    title: 'Page not found',
    text: 'There is no page at this address in the console.',
    home: 'To the console’s home page',
  },
};
