// English texts of the survey pages; the same shape as surveys.cs.ts.
import type { PluralForms } from '../../lib/i18n';
import type { SurveysMessages } from './surveys.cs';

export const surveysEn: SurveysMessages = {
  title: 'Survey',
  loading: 'Loading the survey…',
  anonymous: 'Your answers are anonymous. We do not ask for your name or e-mail, and we do not store your IP address.',
  anonymousInvited: 'Your answers are anonymous. We store them with no link to you, to the invitation or to your consultation or event.',
  requiredNote: 'Questions marked “(required)” must be answered; you may skip the others.',
  required: '(required)',
  wave: (name: string) => `Survey round: ${name}`,

  easySwitch: {
    label: 'Easy read',
    hint: 'Simple words, larger text, one question per page.',
  },

  progress: {
    question: (n: number, total: number) => `Question ${n} of ${total}`,
    answered: (n: number, total: number) => `Questions answered: ${n} of ${total}`,
  },

  context: {
    targetGroup: 'Who are you? Choose what describes you best.',
    region: 'Which region do you live or work in?',
    regionPlaceholder: 'Choose a region',
    preferNot: 'Prefer not to say',
  },

  q: {
    chooseAny: 'Choose all that apply.',
    chooseRange: (min: number, max: number) => (min === max ? `Choose ${min}.` : `Choose ${min} to ${max}.`),
    chooseAtLeast: (min: number) => `Choose at least ${min}.`,
    chooseAtMost: (max: number) => `Choose at most ${max}.`,
    npsHint: '0 means “not at all likely”, 10 means “extremely likely”.',
    npsLow: 'not at all likely',
    npsHigh: 'extremely likely',
    numberRange: (min: string, max: string) => `Enter a number from ${min} to ${max}.`,
    numberMin: (min: string) => `Enter a number of ${min} or more.`,
    numberMax: (max: string) => `Enter a number of ${max} or less.`,
    wholeNumber: 'A whole number, no decimals.',
    yes: 'Yes',
    no: 'No',
    counter: {
      one: '{n} character left',
      other: '{n} characters left',
    } as PluralForms,
    matrixItem: (q: string, item: string) => `${q} ${item}`,
  },

  faces: {
    sad: 'I disagree',
    neutral: 'I do not know',
    happy: 'I agree',
  },

  validation: {
    required: 'Please answer this question.',
    tooFew: (n: number) => `Choose at least ${n}.`,
    tooMany: (n: number) => `Choose at most ${n}.`,
    notNumber: 'Enter a number, for example 12.',
    notInteger: 'Enter a whole number, with no decimals.',
    below: (n: string) => `Enter a number of ${n} or more.`,
    above: (n: string) => `Enter a number of ${n} or less.`,
    tooLong: (n: string) => `The text is longer than ${n} characters. Please shorten it.`,
    invalid: 'This answer is not valid. Please choose another.',
    targetGroup: 'Choose who you are. You may choose “Prefer not to say”.',
    region: 'Choose a region. You may choose “Prefer not to say”.',
    question: (label: string, msg: string) => `${label} – ${msg}`,
  },

  versionChanged: 'The survey has been updated meanwhile. Please check your answers and send them again.',
  submit: 'Send my answers',
  submitting: 'Sending your answers…',

  easy: {
    lead: 'We want to know what you think. We do not ask your name. Take your time.',
    step: (n: number, total: number) => `Question ${n} of ${total}`,
    next: 'Next',
    back: 'Back',
    done: 'Done',
    lastStep: 'That was the last question. Press Done. Your answers will be sent.',
    required: 'Please answer this question.',
    optional: 'You can skip this question.',
    targetGroup: 'Who are you?',
    region: 'Where do you live or work?',
    errorTitle: 'An answer is missing',
    sentTitle: 'Done. Thank you!',
    sentText: 'We have your answers.',
  },

  state: {
    notFound: 'We could not find this survey. Please check the link.',
    notRunningTitle: 'The survey is not running now',
    notRunning: 'We are not collecting answers to this survey at the moment. Please come back later.',
    answeredTitle: 'You have already answered',
    answered: 'We have already received your answers from this browser. Thank you. Everyone answers the survey only once.',
    invitationAnswered: 'You have already answered this survey. The invitation link can be used only once.',
    expiredTitle: 'The link has expired',
    expired: 'An invitation link is valid for 30 days after it was sent, and only while the survey runs. This one is no longer valid.',
    optedOutTitle: 'You declined the invitation',
    optedOut: 'You asked us not to send you anything more about this survey, so the invitation link is no longer valid.',
    noTokenTitle: 'The link is incomplete',
    noToken: 'Please open the link again straight from the invitation e-mail. For your security, the link is forgotten when the page is reloaded.',
    invalidToken: 'We do not recognise this link. Please open it again straight from the invitation e-mail.',
    sentTitle: 'Thank you for your answers',
    sent: 'We have saved your answers. They are anonymous: nobody will link them to your name.',
    home: 'Back to the home page',
  },

  optOut: {
    title: 'Decline the survey invitation',
    lead: 'If you confirm, we will not send you any reminder about this survey and the invitation link will stop working.',
    confirm: 'Confirm',
    sending: 'Sending…',
    doneTitle: 'Done, we will not send you anything more',
    done: 'We have cancelled the invitation. You will get no reminder about this survey.',
    answerInstead: 'I would rather answer',
  },
};
