// The texts of the admin's controls on the viewer screens (pages/viewer.ts):
// adding a service to the register, correcting its details, and choosing
// an older version of a month's report. Czech and English (same keys).
import { catalogues } from '../../lib/i18n';

const cs = {
  register: {
    leadAdmin: 'Sociální služby zapojené do transformace a fáze, ve které jsou. Jako správce můžete přidat službu, opravit její údaje a zaznamenat změnu fáze.',
    add: 'Přidat službu',
    addTitle: 'Nová služba v registru',
    addLead: 'Služba se do registru přidá ve fázi „Zapojena“.',
    edit: 'Upravit údaje',
    editOf: (name: string) => `Upravit údaje služby ${name}`,
    editTitle: (name: string) => `Údaje služby: ${name}`,
    editLead: 'Fáze se tu nemění; na to slouží tlačítko Změnit fázi.',
    name: 'Název služby',
    ico: 'IČO poskytovatele',
    icoHint: 'Osm číslic, mezery nevadí.',
    region: 'Kraj',
    regionChoose: 'Vyberte kraj',
    registryId: 'Identifikátor v registru poskytovatelů sociálních služeb',
    registryIdHint: '6 až 8 číslic, obvykle 7, například 7364519.',
    joined: 'Den zapojení do transformace',
    joinedHint: 'Ve tvaru RRRR-MM-DD, například 2026-11-24. Nesmí být v budoucnosti.',
    submitAdd: 'Přidat do registru',
    submitSave: 'Uložit údaje',
    cancel: 'Zrušit',
    added: (name: string) => `Služba ${name} je přidána do registru.`,
    saved: (name: string) => `Údaje služby ${name} jsou uložené.`,
    changed: 'Údaje služby mezitím změnil někdo jiný. Načetli jsme je znovu a ve formuláři jsou teď aktuální hodnoty. Svou úpravu zadejte prosím znovu.',
    errorsTitle: 'Údaje služby se nepodařilo uložit',
  },
  report: {
    versionsTitle: 'Verze přehledu',
    versionsHint: 'Každé nové sestavení se změněnými údaji vytvoří novou verzi. Starší verze zůstávají uložené beze změny, i s jejich soubory.',
    version: 'Verze',
    option: (v: number, latest: boolean) => `Verze ${v}${latest ? ' (nejnovější)' : ''}`,
    show: 'Zobrazit verzi',
    showing: (v: number, latest: boolean) => (latest ? `Zobrazujete nejnovější verzi ${v}.` : `Zobrazujete starší verzi ${v}. Soubory ke stažení patří k této verzi.`),
  },
};
type Messages = typeof cs;
const en: Messages = {
  register: {
    leadAdmin: 'The social services taking part in the transformation and the phase each is in. As an administrator you can add a service, correct its details and record a change of phase.',
    add: 'Add a service',
    addTitle: 'A new service in the register',
    addLead: 'The service is added in the phase “Joined”.',
    edit: 'Edit details',
    editOf: (name: string) => `Edit the details of the service ${name}`,
    editTitle: (name: string) => `Details of the service: ${name}`,
    editLead: 'The phase does not change here; use Change phase for that.',
    name: 'Name of the service',
    ico: "Provider's company ID (IČO)",
    icoHint: 'Eight digits; spaces do not matter.',
    region: 'Region',
    regionChoose: 'Choose a region',
    registryId: 'Identifier in the register of social-service providers',
    registryIdHint: '6 to 8 digits, usually 7, for example 7364519.',
    joined: 'Day it joined the transformation',
    joinedHint: 'As YYYY-MM-DD, for example 2026-11-24. Not in the future.',
    submitAdd: 'Add to the register',
    submitSave: 'Save the details',
    cancel: 'Cancel',
    added: (name: string) => `The service ${name} is added to the register.`,
    saved: (name: string) => `The details of the service ${name} are saved.`,
    changed: "Someone else changed the service's details meanwhile. We have loaded them again and the form now shows the current values. Please enter your change again.",
    errorsTitle: "The service's details could not be saved",
  },
  report: {
    versionsTitle: 'Versions of the report',
    versionsHint: 'Each new compilation with changed figures makes a new version. Older versions stay stored unchanged, with their files.',
    version: 'Version',
    option: (v: number, latest: boolean) => `Version ${v}${latest ? ' (latest)' : ''}`,
    show: 'Show the version',
    showing: (v: number, latest: boolean) => (latest ? `You are looking at the latest version, ${v}.` : `You are looking at the older version ${v}. The downloads belong to this version.`),
  },
};

/** The current catalogue. */
export const ax = catalogues({ cs, en }).t;
