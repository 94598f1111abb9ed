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
    later: 'Konzole je zatím v první verzi: měsíční přehledy pro vedení programu. Další obrazovky připravujeme. Rezervace konzultací pro veřejnost fungují beze změny.',
    signIn: 'Přihlásit se do konzole',
    public: 'Přejít na veřejnou stránku Brány',
  },

  signIn: {
    title: 'Přihlášení do konzole',
    lead: 'Místní vývojové přihlášení: zvolte roli, se kterou chcete konzoli vyzkoušet. Token vydá místní brána stejně jako „make token“.',
    role: 'Role',
    roles: { admin: 'Správce', expert: 'Konzultant', organiser: 'Pořadatel akcí', evaluator: 'Evaluátor', viewer: 'Vedení (přehledy)' },
    submit: 'Přihlásit se',
    failed: 'Přihlášení se nepodařilo. Zkuste to prosím znovu.',
    memoryOnly: 'Přihlášení se drží jen v paměti této stránky: po jejím obnovení nebo odhlášení je pryč.',
    cloudLater: 'Přihlášení přes jednotné přihlášení ministerstva (Cognito) v této verzi konzole ještě není. Místní vývojové přihlášení nabízí jen místní prostředí.',
  },

  console: {
    navLabel: 'Konzole',
    reports: 'Měsíční přehledy',
    register: 'Registr transformace',
    signedInAs: (groups: string) => `Přihlášeno s rolí: ${groups}.`,
    signOut: 'Odhlásit se',
    homeTitle: 'Konzole',
    homeViewer: 'V nabídce najdete měsíční přehledy ukazatelů a registr transformovaných služeb.',
    notYet: 'Obrazovky pro vaši roli v této verzi konzole ještě nejsou.',
    forbiddenTitle: 'Sem nemáte přístup',
    forbidden: 'Tato obrazovka je pro vedení programu a správce (role „vedení“ nebo „správce“). Vaše role k ní přístup nemá.',
    expired: 'Přihlášení vypršelo. Přihlaste se prosím znovu.',
    network: 'Nepodařilo se spojit se serverem. Zkontrolujte připojení a zkuste to znovu.',
    failed: 'Něco se nepovedlo. Zkuste to prosím znovu.',
    loading: 'Načítáme…',
  },

  reports: {
    title: 'Měsíční přehledy',
    lead: 'Přehledy ukazatelů programu po měsících, nejnovější nahoře.',
    empty: 'Zatím nebyl sestaven žádný přehled.',
    month: 'Měsíc',
    version: 'Verze',
    created: 'Sestaveno',
    catalogue: 'Katalog ukazatelů',
  },

  report: {
    title: 'Přehled za',
    back: 'Zpět na měsíční přehledy',
    rerun: 'Sestavit znovu',
    rerunHint: 'Přehled se sestaví znovu z aktuálních údajů. Pokud se údaje nezměnily, nová verze nevznikne.',
    rerunStarted: 'Nové sestavení přehledu bylo spuštěno. Pokud se údaje změnily, objeví se za chvíli v seznamu přehledů nová verze.',
    versionLine: (v: number, c: string) => `Verze ${v}, katalog ukazatelů ${c}.`,
    headline: 'Hlavní ukazatele',
    codes: {
      'consultations.held': 'Uskutečněné konzultace',
      'organisations.supported.cumulative': 'Podpořené organizace od začátku programu',
      'organisations.public_administrations.cumulative': 'Podpořené orgány veřejné správy od začátku programu',
      'organisations.providers.cumulative': 'Podpoření poskytovatelé sociálních služeb od začátku programu',
      'events.held': 'Uskutečněné akce',
      'events.attendance': 'Účast na akcích',
      'surveys.evaluation.responses': 'Odpovědi v evaluačních dotaznících',
      'surveys.satisfaction.mean': 'Průměrná spokojenost (1–5)',
      'surveys.satisfaction.nps': 'Čisté doporučení (NPS)',
      'transformation.services_transformed': 'Transformované služby',
    },
    ofTarget: (n: number) => `z ${n}`,
    progress: 'Postup transformace',
    progressLabel: (n: number, target: number) => `Transformováno ${n} z ${target} služeb`,
    byPhase: 'Služby podle fáze transformace',
    phase: 'Fáze',
    services: 'Služby',
    downloads: 'Soubory ke stažení',
    download: (f: string) => `Stáhnout ${f}`,
    downloaded: (f: string) => `Soubor ${f} byl stažen.`,
  },

  register: {
    title: 'Registr transformace',
    lead: 'Sociální služby zapojené do transformace a fáze, ve které jsou. Jen pro čtení.',
    empty: 'V registru zatím není žádná služba.',
    name: 'Služba',
    region: 'Kraj',
    phase: 'Fáze',
    leadAdmin: 'Sociální služby zapojené do transformace a fáze, ve které jsou. Jako správce můžete zaznamenat změnu fáze.',
    actions: 'Úpravy',
    change: 'Změnit fázi',
    changeOf: (name: string) => `Změnit fázi služby ${name}`,
    formTitle: (name: string) => `Změna fáze: ${name}`,
    current: (phase: string) => `Nyní ve fázi „${phase}“.`,
    newPhase: 'Nová fáze',
    next: (phase: string) => `${phase} (další fáze)`,
    back: (phase: string) => `${phase} (oprava zpět)`,
    noChoice: 'Služba je už transformována. Opravit lze jen návrat do dřívější fáze.',
    date: 'Den, kdy změna nastala',
    dateHint: 'Ve tvaru RRRR-MM-DD, například 2026-11-24. Nesmí být v budoucnosti ani před poslední změnou.',
    reason: 'Důvod opravy',
    reasonHint: 'Povinný, pokud se služba vrací do dřívější fáze.',
    submit: 'Zaznamenat změnu',
    cancel: 'Zrušit',
    saved: (name: string, phase: string) => `Změna je zaznamenána: služba ${name} je nyní ve fázi „${phase}“.`,
    reloaded: 'Řádek služby jsme načetli znovu. Zkontrolujte fázi a změnu případně zadejte znovu.',
    errorsTitle: 'Změnu se nepodařilo zaznamenat',
  },

  phases: {
    joined: 'Zapojena',
    plan_drafted: 'Návrh plánu',
    plan_approved: 'Schválený plán',
    in_implementation: 'Probíhá transformace',
    transformed: 'Transformována',
  },

  notFound: {
    title: 'Stránka nenalezena',
    text: 'Stránka na této adrese v konzoli neexistuje.',
    home: 'Na úvodní stránku konzole',
  },
};

export type Messages = typeof cs;
