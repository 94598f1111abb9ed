// English: the second language of the service. Same keys as cs.ts.
import { common } from '../../lib/messages';
import type { Messages } from './cs';

export const en: Messages = {
  ...common.en,

  app: {
    name: 'Brána',
    tagline: 'Consultations on the transformation of social services',
    ministry: 'Ministry of Labour and Social Affairs',
    titleSuffix: 'Brána – MPSV',
    homeLink: 'Brána – home page',
    loading: 'Loading…',
    notice: 'Notice',
    back: 'Back',
    newWindowNone: '',
  },

  nav: {
    label: 'Main navigation',
    home: 'Home',
    book: 'Book a consultation',
    events: 'Events',
  },

  footer: {
    label: 'Footer',
    links: 'Links',
    accessibility: 'Accessibility statement',
    privacy: 'Privacy notice',
    operator: 'Run by the Ministry of Labour and Social Affairs, Na Poříčním právu 1/376, 128 01 Prague 2, Czech Republic.',
    funding:
      'The project “Support for deinstitutionalisation and the transformation of social services in the Czech Republic”, reg. no. CZ.03.02.02/00/22_004/0000724, is co-funded by the European Union through the Operational Programme Employment Plus.',
  },

  vocab: {
    ...common.en.vocab,
    formHint: {
      phone: 'The expert calls you at the agreed time on the phone number you give.',
      online: 'A video call over the internet; the expert e-mails you the meeting link.',
      onsite: 'The expert comes to you, to your organisation or facility.',
    },
    status: {
      confirmed: 'Confirmed',
      cancelled: 'Cancelled',
      held: 'Held',
      no_show: 'Did not take place (you did not attend)',
    },
  },

  home: {
    title: 'Free consultations on transforming social services',
    lead: 'We help you move from institutional care to services in the community: with your transformation plan, financing, staff and the support of individual clients. Each consultation is led by an experienced expert of the national programme of the Ministry of Labour and Social Affairs.',
    cta: 'Book a consultation',
    freeTitle: 'Consultations are free',
    freeText:
      'They are paid for by the European Union through the Operational Programme Employment Plus and by the state budget. You pay nothing and commit to nothing.',
    formsTitle: 'Three ways to meet',
    topicsTitle: 'What we can help with',
    whoTitle: 'Who can book',
    whoText: 'Consultations are for everyone the transformation of social services concerns:',
    howTitle: 'How booking works',
    how: [
      'Choose how you want to meet, the topic and the region.',
      'Pick an expert and a free time in the weekly view.',
      'Fill in your contact details (and your organisation, if any) and send the booking.',
      'You receive a confirmation e-mail with a calendar invitation and a link for changing or cancelling the booking.',
    ],
    manageTitle: 'Already booked?',
    manageText:
      'Use the link in your confirmation e-mail to change the time or cancel. For your security there is no other way to open a booking.',
  },

  wizard: {
    title: 'Book a consultation',
    stepOf: (n: number, total: number) => `Step ${n} of ${total}`,
    steps: ['Type of consultation', 'Topic and region', 'Expert and time', 'Organisation and contact', 'Consent', 'Check and send'],
    progressLabel: 'Booking progress',
    stepDone: '(done)',
    stepCurrent: '(current step)',
    continue: 'Continue',
    continueToSummary: 'Continue to check your answers',
    back: 'Back',
    noTimeLimit: 'There is no time limit; what you have filled in stays until you close the page.',

    formLegend: 'How would you like to meet?',
    formHint: 'Every type of consultation is free.',

    topicLegend: 'What should the consultation be about?',
    regionLabel: 'Region the consultation concerns',
    regionHint: 'We will show you the experts who work in this region.',
    regionPlaceholder: 'Choose a region',
    checkingExperts: 'Looking for experts…',

    expertsTitle: 'Experts for your request',
    expertFilterLabel: 'Show free times of',
    expertFilterAll: (n: number) => `all experts (${n})`,
    slotMinutes: (n: number) => `a consultation takes ${n} minutes`,
    weekTitle: (range: string) => `Week ${range}`,
    prevWeek: 'Previous week',
    nextWeek: 'Next week',
    weekCount: {
      one: 'There is {n} free time this week.',
      other: 'There are {n} free times this week.',
    },
    weekEmpty: 'There are no free times this week. Try the following week.',
    weekEmptyDay: 'no free times',
    slotsLoading: 'Loading free times…',
    jumpedToFirst: (week: string) => `The nearest free times are in the week of ${week}.`,
    noSlotsAhead:
      'There are no free times in the next two months. Please try another expert, another type of consultation or another region.',
    selectedTitle: 'Chosen time',
    noneSelected: 'You have not chosen a time yet. Choose one in the overview.',
    slotPressedHint: 'chosen',
    slotsGroupLabel: 'Free times',
    slotTakenTitle: 'This time has just been taken',
    slotTakenText:
      'Someone else has just booked the time you chose. The current free times are shown below: please choose another one. Everything you filled in has been kept.',
    dayFullTitle: 'This day is fully booked',
    dayFullText:
      'The expert already has as many consultations that day as he or she can take. Please choose another day. Everything you filled in has been kept.',

    targetGroupLegend: 'Who are you booking for?',
    orgTitle: 'Organisation',
    orgHintRequired: 'For public administration and providers the name and IČO are required.',
    orgHintOptional: 'If you book for an organisation, fill in its name and IČO; otherwise leave these fields empty.',
    orgName: 'Organisation name',
    ico: 'IČO (organisation ID)',
    icoHint: '8 digits, e.g. 00551023',
    icoOk: 'The IČO has a valid check digit.',
    contactTitle: 'Contact person',
    name: 'Full name',
    email: 'E-mail',
    emailHint: 'We send the confirmation and the link for changing or cancelling here.',
    phone: 'Phone',
    phoneHint: 'E.g. 603 123 456 or +420 603 123 456',
    address: 'Address where the consultation takes place',
    addressHint: 'Street, number, town. The expert comes to this address.',
    note: 'What would you like to discuss',
    noteHint: 'This helps the expert prepare. At most 2,000 characters.',

    consentTitle: 'Consent to the processing of personal data',
    consentText:
      'To arrange the consultation and account for the project’s work, the Ministry of Labour and Social Affairs processes your name, e-mail, phone and, where given, your address and organisation. Only your expert and the programme team see them. You may withdraw your consent at any time; the programme’s statistics then keep only an anonymous record (date, type, region, topic, target group).',
    consentLink: 'Read the privacy notice (version 2026-11)',
    consentLabel: 'I agree to the processing of my personal data under the privacy notice, version 2026-11.',

    summaryTitle: 'Check your answers and send the booking',
    summaryConsultation: 'Consultation',
    summaryPerson: 'Contact and organisation',
    change: 'Change',
    submit: 'Send booking',
    submitting: 'Sending the booking…',
    submitNote: 'Sending this form books the consultation. You will receive a confirmation by e-mail.',
  },

  field: {
    form: 'Type',
    topic: 'Topic',
    region: 'Region',
    expert: 'Expert',
    slot: 'Time',
    targetGroup: 'Booking for',
    orgName: 'Organisation',
    ico: 'IČO',
    name: 'Name',
    email: 'E-mail',
    phone: 'Phone',
    address: 'Address',
    note: 'Note',
    consent: 'Consent',
    status: 'Status',
    bookingId: 'Booking number',
    consentGiven: 'Consent given (privacy notice version 2026-11)',
  },

  validation: {
    form: 'Choose how you would like to meet.',
    topic: 'Choose the topic of the consultation.',
    region: 'Choose a region.',
    noExperts:
      'We have no expert for this combination of type, topic and region yet. Please choose another topic or region, or go back and choose another type of consultation.',
    slot: 'Choose a time for the consultation.',
    targetGroup: 'Choose who you are booking for.',
    orgName: 'Enter the name of the organisation.',
    ico: 'Enter the IČO of the organisation.',
    icoInvalid: 'The IČO must have 8 digits and a valid check digit.',
    name: 'Enter your full name.',
    email: 'Enter your e-mail address.',
    emailInvalid: 'Enter an e-mail address like name@example.com.',
    phone: 'Enter a phone number.',
    phoneInvalid: 'Enter a phone number, e.g. 603 123 456 or +420 603 123 456.',
    address: 'Enter the address where the consultation should take place.',
    tooLong: (n: number) => `The text is too long; at most ${n} characters.`,
    consent: 'The booking cannot be completed without your consent to the processing of personal data.',
  },

  api: {
    network: 'Could not reach the server. Please check your internet connection and try again.',
    busy: (s: number) => `The service is busy right now. Please try again in ${s} s.`,
    generic: 'Something went wrong. Please try again.',
    requestId: (id: string) => `Request id: ${id}`,
    retry: 'Try again',
  },

  confirmation: {
    title: 'Your consultation is booked',
    lead: (email: string) =>
      `We have sent the confirmation to ${email}. It also contains the link for changing the time or cancelling later, so please keep the e-mail.`,
    calendar: 'Add to calendar (.ics)',
    calendarDone: 'The calendar file has been downloaded.',
    manage: 'Change or cancel the booking',
    another: 'Book another consultation',
    missing: 'This page is shown once a booking is complete.',
    detailsTitle: 'Booking summary',
  },

  manage: {
    title: 'Your booking',
    missingLink:
      'The link for managing your booking is incomplete. Please open the link straight from your confirmation e-mail (all of it, including the part after the # sign).',
    loading: 'Loading the booking…',
    reschedule: 'Change the time',
    cancel: 'Cancel the consultation',
    rescheduleTitle: 'Choose a new time',
    rescheduleHint: 'These are the free times of the same expert for the same type of consultation.',
    confirmReschedule: 'Confirm the new time',
    keepTime: 'Keep the current time',
    rescheduled: (when: string) => `The consultation has been moved to ${when}. We have sent a confirmation by e-mail.`,
    cancelTitle: 'Do you really want to cancel the consultation?',
    cancelText: (when: string) =>
      `The consultation on ${when} will be cancelled and the time freed for others. This cannot be undone, but you can book a new consultation at any time.`,
    cancelYes: 'Yes, cancel the consultation',
    cancelNo: 'No, keep the consultation',
    cancelled: 'The consultation is cancelled. We have sent a confirmation by e-mail.',
    notActive: 'This booking can no longer be changed.',
    pickSlotFirst: 'Choose a new time.',
    detailsTitle: 'Booking details',
    calendar: 'Add to calendar (.ics)',
  },

  notFound: {
    title: 'Page not found',
    text: 'There is no page at this address. Check the address, or go to the home page.',
    home: 'Go to the home page',
  },

  accessibility: { title: 'Accessibility statement' },
  privacy: { title: 'Privacy notice' },


  pow: {
    label: 'I am not a robot (checked automatically)',
    verifying: 'Checking that you are not a robot…',
    verified: 'Verified',
    error: 'The check failed. Please try again.',
    expired: 'The check has expired. Please try again.',
    verificationRequired: 'Please wait until the check is finished.',
    waitAlert: 'Checking… Please wait a moment.',
    verify: 'Verify',
    reload: 'Reload',
    loading: 'Loading…',
    footer: '',
    ariaLinkLabel: '',
  },
};
