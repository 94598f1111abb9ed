// Czech: the language of the service. The English catalogue (en.ts) has the
// same shape; the type checker makes sure no key is missing there. The
// texts every app shares, the vocabulary's names among them, come from
// lib/messages.ts (the names from the Go catalogue, generated/vocab.json).
import type { PluralForms } from '../../lib/i18n';
import { common } from '../../lib/messages';

export const cs = {
  ...common.cs,

  app: {
    name: 'Brána',
    tagline: 'Konzultace k transformaci sociálních služeb',
    ministry: 'Ministerstvo práce a sociálních věcí',
    titleSuffix: 'Brána – MPSV',
    homeLink: 'Brána – úvodní stránka',
    loading: 'Načítám…',
    notice: 'Upozornění',
    back: 'Zpět',
    newWindowNone: '',
  },

  nav: {
    label: 'Hlavní navigace',
    home: 'Úvod',
    book: 'Rezervovat konzultaci',
    events: 'Akce a semináře',
  },

  footer: {
    label: 'Patička',
    links: 'Odkazy',
    accessibility: 'Prohlášení o přístupnosti',
    privacy: 'Zásady zpracování osobních údajů',
    operator: 'Provozuje Ministerstvo práce a sociálních věcí, Na Poříčním právu 1/376, 128 01 Praha 2.',
    funding:
      'Projekt „Podpora procesu deinstitucionalizace a transformace sociálních služeb v ČR“, reg. č. CZ.03.02.02/00/22_004/0000724, je spolufinancován Evropskou unií z Operačního programu Zaměstnanost plus.',
  },

  vocab: {
    ...common.cs.vocab,
    formHint: {
      phone: 'Konzultant vám v domluvený čas zavolá na zadané telefonní číslo.',
      online: 'Videohovor přes internet; odkaz na schůzku vám konzultant pošle e-mailem.',
      onsite: 'Konzultant přijede za vámi do organizace nebo zařízení.',
    },
    status: {
      confirmed: 'Potvrzená',
      cancelled: 'Zrušená',
      held: 'Proběhla',
      no_show: 'Neuskutečnila se (nedostavili jste se)',
    },
  },

  home: {
    title: 'Bezplatné konzultace k transformaci sociálních služeb',
    lead: 'Pomůžeme vám s přechodem od ústavní péče ke službám v komunitě: s transformačním plánem, financováním, personálem i s podporou konkrétních klientů. Konzultaci vede zkušený odborník národního programu Ministerstva práce a sociálních věcí.',
    cta: 'Rezervovat konzultaci',
    freeTitle: 'Konzultace jsou zdarma',
    freeText:
      'Hradí je Evropská unie z Operačního programu Zaměstnanost plus a státní rozpočet. Nic neplatíte a k ničemu se nezavazujete.',
    formsTitle: 'Tři způsoby konzultace',
    topicsTitle: 'S čím vám poradíme',
    whoTitle: 'Kdo si může konzultaci rezervovat',
    whoText: 'Konzultace jsou určeny všem, kterých se transformace sociálních služeb týká:',
    howTitle: 'Jak rezervace probíhá',
    how: [
      'Vyberete formu konzultace, téma a kraj.',
      'Zvolíte konzultanta a volný termín v týdenním přehledu.',
      'Vyplníte kontakt, případně organizaci, a rezervaci odešlete.',
      'Na e-mail vám přijde potvrzení s pozvánkou do kalendáře a odkazem, přes který termín změníte nebo zrušíte.',
    ],
    manageTitle: 'Už máte rezervaci?',
    manageText:
      'Termín změníte nebo konzultaci zrušíte přes odkaz v potvrzovacím e-mailu. Z bezpečnostních důvodů se k rezervaci jinak přihlásit nelze.',
  },

  wizard: {
    title: 'Rezervace konzultace',
    stepOf: (n: number, total: number) => `Krok ${n} ze ${total}`,
    steps: ['Forma konzultace', 'Téma a kraj', 'Konzultant a termín', 'Organizace a kontakt', 'Souhlas', 'Kontrola a odeslání'],
    progressLabel: 'Průběh rezervace',
    stepDone: '(hotovo)',
    stepCurrent: '(aktuální krok)',
    continue: 'Pokračovat',
    continueToSummary: 'Pokračovat na kontrolu údajů',
    back: 'Zpět',
    noTimeLimit: 'Formulář nemá časový limit; vyplněné údaje zůstávají, dokud stránku nezavřete.',

    formLegend: 'Jak chcete konzultaci absolvovat?',
    formHint: 'Všechny formy konzultace jsou zdarma.',

    topicLegend: 'Čeho se má konzultace týkat?',
    regionLabel: 'Kraj, kterého se konzultace týká',
    regionHint: 'Nabídneme konzultanty, kteří v tomto kraji působí.',
    regionPlaceholder: 'Vyberte kraj',
    checkingExperts: 'Hledám konzultanty…',

    expertsTitle: 'Konzultanti pro vaše zadání',
    expertFilterLabel: 'Zobrazit volné termíny',
    expertFilterAll: (n: number) => `všech konzultantů (${n})`,
    slotMinutes: (n: number) => `konzultace trvá ${n} minut`,
    weekTitle: (range: string) => `Týden ${range}`,
    prevWeek: 'Předchozí týden',
    nextWeek: 'Následující týden',
    weekCount: {
      one: 'V tomto týdnu je {n} volný termín.',
      few: 'V tomto týdnu jsou {n} volné termíny.',
      many: 'V tomto týdnu je {n} volného termínu.',
      other: 'V tomto týdnu je {n} volných termínů.',
    } as PluralForms,
    weekEmpty: 'V tomto týdnu nejsou žádné volné termíny. Zkuste následující týden.',
    weekEmptyDay: 'bez volných termínů',
    slotsLoading: 'Načítám volné termíny…',
    jumpedToFirst: (week: string) => `Nejbližší volné termíny jsou v týdnu ${week}.`,
    noSlotsAhead:
      'V nejbližších dvou měsících nejsou žádné volné termíny. Zkuste prosím jiného konzultanta, jinou formu konzultace nebo jiný kraj.',
    selectedTitle: 'Vybraný termín',
    noneSelected: 'Zatím nemáte vybraný termín. Vyberte ho v přehledu.',
    slotPressedHint: 'vybráno',
    slotsGroupLabel: 'Volné termíny',
    slotTakenTitle: 'Termín byl právě obsazen',
    slotTakenText:
      'Vybraný termín si mezitím zarezervoval někdo jiný. Níže vidíte aktuální volné termíny, vyberte si prosím jiný. Všechny údaje, které jste vyplnili, zůstaly zachovány.',
    dayFullTitle: 'Den je už plně obsazen',
    dayFullText:
      'Konzultant má na tento den už nejvyšší možný počet konzultací. Vyberte si prosím jiný den. Všechny údaje, které jste vyplnili, zůstaly zachovány.',

    targetGroupLegend: 'Za koho konzultaci rezervujete?',
    orgTitle: 'Organizace',
    orgHintRequired: 'Pro veřejnou správu a poskytovatele jsou název a IČO povinné.',
    orgHintOptional: 'Pokud konzultaci rezervujete za organizaci, vyplňte její název a IČO; jinak nechte pole prázdná.',
    orgName: 'Název organizace',
    ico: 'IČO',
    icoHint: '8 číslic, např. 00551023',
    icoOk: 'IČO má platnou kontrolní číslici.',
    contactTitle: 'Kontaktní osoba',
    name: 'Jméno a příjmení',
    email: 'E-mail',
    emailHint: 'Pošleme na něj potvrzení a odkaz pro změnu nebo zrušení termínu.',
    phone: 'Telefon',
    phoneHint: 'Např. 603 123 456 nebo +420 603 123 456',
    address: 'Adresa, kde konzultace proběhne',
    addressHint: 'Ulice, číslo domu, obec. Konzultant přijede na tuto adresu.',
    note: 'Co byste chtěli probrat',
    noteHint: 'Konzultantovi to pomůže při přípravě. Nejvýše 2\u00a0000 znaků.',

    consentTitle: 'Souhlas se zpracováním osobních údajů',
    consentText:
      'Abychom mohli konzultaci domluvit a doložit činnost projektu, zpracuje Ministerstvo práce a sociálních věcí vaše jméno, e-mail, telefon, případně adresu a údaje o organizaci. Údaje uvidí jen váš konzultant a tým programu. Souhlas můžete kdykoli odvolat; pro statistiku programu pak zůstane jen anonymní záznam (datum, forma, kraj, téma, cílová skupina).',
    consentLink: 'Přečtěte si zásady zpracování osobních údajů (verze 2026-11)',
    consentLabel: 'Souhlasím se zpracováním svých osobních údajů podle zásad zpracování osobních údajů ve verzi 2026-11.',

    summaryTitle: 'Zkontrolujte údaje a rezervaci odešlete',
    summaryConsultation: 'Konzultace',
    summaryPerson: 'Kontakt a organizace',
    change: 'Změnit',
    submit: 'Odeslat rezervaci',
    submitting: 'Odesílám rezervaci…',
    submitNote: 'Odesláním si konzultaci rezervujete. Potvrzení přijde e-mailem.',
  },

  field: {
    form: 'Forma',
    topic: 'Téma',
    region: 'Kraj',
    expert: 'Konzultant',
    slot: 'Termín',
    targetGroup: 'Za koho',
    orgName: 'Organizace',
    ico: 'IČO',
    name: 'Jméno',
    email: 'E-mail',
    phone: 'Telefon',
    address: 'Adresa',
    note: 'Poznámka',
    consent: 'Souhlas',
    status: 'Stav',
    bookingId: 'Číslo rezervace',
    consentGiven: 'Souhlas udělen (zásady verze 2026-11)',
  },

  validation: {
    form: 'Vyberte formu konzultace.',
    topic: 'Vyberte téma konzultace.',
    region: 'Vyberte kraj.',
    noExperts:
      'Pro tuto kombinaci formy, tématu a kraje zatím nemáme konzultanta. Zvolte prosím jiné téma nebo jiný kraj, případně se vraťte a zvolte jinou formu konzultace.',
    slot: 'Vyberte termín konzultace.',
    targetGroup: 'Vyberte, za koho konzultaci rezervujete.',
    orgName: 'Zadejte název organizace.',
    ico: 'Zadejte IČO organizace.',
    icoInvalid: 'IČO musí mít 8 číslic a platnou kontrolní číslici.',
    name: 'Zadejte své jméno a příjmení.',
    email: 'Zadejte e-mail.',
    emailInvalid: 'Zadejte e-mail ve tvaru jmeno@example.cz.',
    phone: 'Zadejte telefonní číslo.',
    phoneInvalid: 'Zadejte telefonní číslo, např. 603 123 456 nebo +420 603 123 456.',
    address: 'Zadejte adresu, kde má konzultace proběhnout.',
    tooLong: (n: number) => `Text je příliš dlouhý, může mít nejvýše ${n} znaků.`,
    consent: 'Bez souhlasu se zpracováním osobních údajů nelze rezervaci dokončit.',
  },

  api: {
    network: 'Nepodařilo se spojit se serverem. Zkontrolujte připojení k internetu a zkuste to znovu.',
    busy: (s: number) => `Služba je právě přetížená. Zkuste to prosím znovu za ${s} s.`,
    generic: 'Něco se pokazilo. Zkuste to prosím znovu.',
    requestId: (id: string) => `Kód požadavku: ${id}`,
    retry: 'Zkusit znovu',
  },

  confirmation: {
    title: 'Konzultace je zarezervována',
    lead: (email: string) =>
      `Potvrzení jsme poslali na e-mail ${email}. Najdete v něm i odkaz, přes který termín později změníte nebo konzultaci zrušíte. E-mail si proto uschovejte.`,
    calendar: 'Přidat do kalendáře (.ics)',
    calendarDone: 'Soubor s událostí do kalendáře se stáhl.',
    manage: 'Změnit nebo zrušit rezervaci',
    another: 'Rezervovat další konzultaci',
    missing: 'Tato stránka se zobrazí po dokončení rezervace.',
    detailsTitle: 'Souhrn rezervace',
  },

  manage: {
    title: 'Vaše rezervace',
    missingLink:
      'Odkaz pro správu rezervace je neúplný. Otevřete prosím odkaz přímo z potvrzovacího e-mailu (celý, včetně části za znakem #).',
    loading: 'Načítám rezervaci…',
    reschedule: 'Změnit termín',
    cancel: 'Zrušit konzultaci',
    rescheduleTitle: 'Vyberte nový termín',
    rescheduleHint: 'Zobrazujeme volné termíny stejného konzultanta a stejné formy konzultace.',
    confirmReschedule: 'Potvrdit nový termín',
    keepTime: 'Ponechat původní termín',
    rescheduled: (when: string) => `Termín jsme změnili. Nový termín: ${when}. Potvrzení jsme poslali e-mailem.`,
    cancelTitle: 'Opravdu chcete konzultaci zrušit?',
    cancelText: (when: string) =>
      `Konzultace (${when}) bude zrušena a termín se uvolní pro ostatní. Zrušení nelze vrátit, můžete si ale kdykoli rezervovat novou konzultaci.`,
    cancelYes: 'Ano, zrušit konzultaci',
    cancelNo: 'Ne, ponechat konzultaci',
    cancelled: 'Konzultace je zrušena. Potvrzení o zrušení jsme poslali e-mailem.',
    notActive: 'Tuto rezervaci už nelze měnit.',
    pickSlotFirst: 'Vyberte nový termín.',
    detailsTitle: 'Podrobnosti rezervace',
    calendar: 'Přidat do kalendáře (.ics)',
  },

  notFound: {
    title: 'Stránka nenalezena',
    text: 'Stránka na této adrese neexistuje. Zkontrolujte adresu, nebo pokračujte na úvodní stránku.',
    home: 'Na úvodní stránku',
  },

  accessibility: { title: 'Prohlášení o přístupnosti' },
  privacy: { title: 'Zásady zpracování osobních údajů' },


  // The proof-of-work widget (lib/pow.ts): it solves a small task in the
  // browser instead of asking the person to read pictures.
  pow: {
    label: 'Nejsem robot (ověří se automaticky)',
    verifying: 'Ověřujeme, že nejste robot…',
    verified: 'Ověřeno',
    error: 'Ověření se nezdařilo. Zkuste to prosím znovu.',
    expired: 'Ověření vypršelo. Zkuste to prosím znovu.',
    verificationRequired: 'Počkejte prosím na dokončení ověření.',
    waitAlert: 'Ověřujeme… Počkejte prosím chvíli.',
    verify: 'Ověřit',
    reload: 'Načíst znovu',
    loading: 'Načítám…',
    footer: '',
    ariaLinkLabel: '',
  },
};

export type Messages = typeof cs;
