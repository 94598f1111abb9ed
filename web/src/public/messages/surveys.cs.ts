// Czech texts of the survey pages (awareness surveys by the public link,
// evaluation surveys by an invitation, the opt-out). The easy-read mode's
// texts (easy.*) are short sentences in plain words. The English ones
// (surveys.en.ts) have the same shape.
import type { PluralForms } from '../../lib/i18n';

export const surveysCs = {
  title: 'Dotazník',
  loading: 'Načítám dotazník…',
  anonymous: 'Odpovídáte anonymně. Neptáme se na jméno ani e-mail a neukládáme vaši IP adresu.',
  anonymousInvited: 'Odpovídáte anonymně. Odpovědi ukládáme bez vazby na vás, na pozvánku i na vaši konzultaci nebo akci.',
  requiredNote: 'Otázky označené „(povinné)“ je třeba vyplnit, ostatní můžete přeskočit.',
  required: '(povinné)',
  wave: (name: string) => `Sběr odpovědí: ${name}`,

  easySwitch: {
    label: 'Snadné čtení',
    hint: 'Jednoduchá slova, větší písmo, jedna otázka na stránce.',
  },

  progress: {
    question: (n: number, total: number) => `Otázka ${n} z ${total}`,
    answered: (n: number, total: number) => `Zodpovězené otázky: ${n} z ${total}`,
  },

  context: {
    targetGroup: 'Kdo jste? Vyberte, co vás nejlépe popisuje.',
    region: 'V jakém kraji žijete nebo pracujete?',
    regionPlaceholder: 'Vyberte kraj',
    preferNot: 'Nechci uvést',
  },

  q: {
    chooseAny: 'Vyberte všechny odpovědi, které platí.',
    chooseRange: (min: number, max: number) => (min === max ? `Vyberte ${min}.` : `Vyberte ${min} až ${max}.`),
    chooseAtLeast: (min: number) => `Vyberte aspoň ${min}.`,
    chooseAtMost: (max: number) => `Vyberte nejvýše ${max}.`,
    npsHint: '0 znamená „určitě ne“, 10 znamená „určitě ano“.',
    npsLow: 'určitě ne',
    npsHigh: 'určitě ano',
    numberRange: (min: string, max: string) => `Napište číslo od ${min} do ${max}.`,
    numberMin: (min: string) => `Napište číslo ${min} nebo větší.`,
    numberMax: (max: string) => `Napište číslo ${max} nebo menší.`,
    wholeNumber: 'Celé číslo, bez desetinné čárky.',
    yes: 'Ano',
    no: 'Ne',
    counter: {
      one: 'Zbývá {n} znak',
      few: 'Zbývají {n} znaky',
      many: 'Zbývá {n} znaku',
      other: 'Zbývá {n} znaků',
    } as PluralForms,
    matrixItem: (q: string, item: string) => `${q} ${item}`,
  },

  faces: {
    sad: 'Nesouhlasím',
    neutral: 'Nevím',
    happy: 'Souhlasím',
  },

  validation: {
    required: 'Odpovězte prosím na tuto otázku.',
    tooFew: (n: number) => `Vyberte aspoň ${n}.`,
    tooMany: (n: number) => `Vyberte nejvýše ${n}.`,
    notNumber: 'Napište číslo, například 12.',
    notInteger: 'Napište celé číslo, bez desetinné čárky.',
    below: (n: string) => `Napište číslo ${n} nebo větší.`,
    above: (n: string) => `Napište číslo ${n} nebo menší.`,
    tooLong: (n: string) => `Text je delší než ${n} znaků. Zkraťte ho prosím.`,
    invalid: 'Tato odpověď neplatí. Vyberte prosím jinou.',
    targetGroup: 'Vyberte, kdo jste. Můžete vybrat i „Nechci uvést“.',
    region: 'Vyberte kraj. Můžete vybrat i „Nechci uvést“.',
    question: (label: string, msg: string) => `${label} – ${msg}`,
  },

  versionChanged: 'Dotazník se mezitím upravil. Zkontrolujte prosím své odpovědi a odešlete je znovu.',
  submit: 'Odeslat odpovědi',
  submitting: 'Odesílám odpovědi…',

  easy: {
    lead: 'Chceme vědět, co si myslíte. Neptáme se na jméno. Nespěchejte.',
    step: (n: number, total: number) => `Otázka ${n} z ${total}`,
    next: 'Další',
    back: 'Zpět',
    done: 'Hotovo',
    lastStep: 'To byla poslední otázka. Stiskněte Hotovo. Odpovědi se odešlou.',
    required: 'Na tuto otázku prosím odpovězte.',
    optional: 'Tuto otázku můžete přeskočit.',
    targetGroup: 'Kdo jste?',
    region: 'Kde žijete nebo pracujete?',
    errorTitle: 'Ještě chybí odpověď',
    sentTitle: 'Hotovo. Děkujeme!',
    sentText: 'Vaše odpovědi máme.',
  },

  state: {
    notFound: 'Tento dotazník jsme nenašli. Zkontrolujte prosím odkaz.',
    notRunningTitle: 'Dotazník teď neběží',
    notRunning: 'Odpovědi na tento dotazník teď nesbíráme. Podívejte se sem prosím později.',
    answeredTitle: 'Už jste odpověděli',
    answered: 'Z tohoto prohlížeče jsme vaše odpovědi už dostali. Děkujeme. Na dotazník odpovídá každý jen jednou.',
    invitationAnswered: 'Na tento dotazník jste už odpověděli. Odkaz z pozvánky lze použít jen jednou.',
    expiredTitle: 'Odkaz už neplatí',
    expired: 'Odkaz z pozvánky platí 30 dní od jejího odeslání, a jen dokud dotazník běží. Tento už neplatí.',
    optedOutTitle: 'Pozvánku jste odmítli',
    optedOut: 'Požádali jste, abychom vám k tomuto dotazníku nic dalšího neposílali. Odkaz z pozvánky proto už neplatí.',
    noTokenTitle: 'Odkaz není celý',
    noToken:
      'Otevřete prosím odkaz znovu přímo z e-mailu s pozvánkou. Po obnovení stránky se odkaz z bezpečnostních důvodů zapomene.',
    invalidToken: 'Tento odkaz neznáme. Otevřete ho prosím znovu přímo z e-mailu s pozvánkou.',
    sentTitle: 'Děkujeme za odpovědi',
    sent: 'Vaše odpovědi jsme uložili. Jsou anonymní: nikdo je nespojí s vaším jménem.',
    home: 'Zpět na úvodní stránku',
  },

  optOut: {
    title: 'Odmítnout pozvánku k dotazníku',
    lead: 'Když odmítnutí potvrdíte, nepošleme vám k tomuto dotazníku žádnou připomínku a odkaz z pozvánky přestane platit.',
    confirm: 'Potvrdit odmítnutí',
    sending: 'Odesílám…',
    doneTitle: 'Hotovo, nic dalšího vám nepošleme',
    done: 'Pozvánku jsme zrušili. K tomuto dotazníku vám už nepřijde žádná připomínka.',
    answerInstead: 'Chci raději odpovědět',
  },
};

export type SurveysMessages = typeof surveysCs;
