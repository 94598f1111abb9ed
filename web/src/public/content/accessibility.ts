// Prohlášení o přístupnosti (zákon č. 99/2019 Sb.), in the structure of the
// Czech model statement: rozsah, stav souladu, nepřístupný obsah,
// vypracování prohlášení, zpětná vazba a kontakty, postupy pro prosazování
// práva. Update the dates and the method when the site is re-assessed.
import { html, type TemplateResult } from 'lit-html';

export const STATEMENT_DATE = { cs: '25. 11. 2026', en: '25 November 2026' };

export const accessibilityContent: Record<'cs' | 'en', () => TemplateResult> = {
  cs: () => html`
    <p class="lead">
      Ministerstvo práce a sociálních věcí se zavazuje zpřístupnit svou internetovou stránku v souladu se zákonem
      č. 99/2019 Sb., o přístupnosti internetových stránek a mobilních aplikací a o změně zákona č. 365/2000 Sb.,
      o informačních systémech veřejné správy a o změně některých dalších zákonů, ve znění pozdějších předpisů.
    </p>

    <h2>Rozsah</h2>
    <p>
      Toto prohlášení o přístupnosti se vztahuje na internetovou stránku Brána, přes kterou se rezervují bezplatné
      konzultace národního programu transformace sociálních služeb: úvodní stránku, celý průvodce rezervací, stránku
      s potvrzením rezervace, stránku pro správu rezervace (změna termínu, zrušení), toto prohlášení a zásady
      zpracování osobních údajů, v české i anglické verzi.
    </p>

    <h2>Stav souladu</h2>
    <p>
      Podle našeho vlastního posouzení je tato internetová stránka <strong>v souladu</strong> se zákonem č. 99/2019 Sb.
      a s harmonizovanou normou EN 301 549 V3.2.1 (kapitola 9), která odpovídá úrovni AA pravidel WCAG 2.1.
      Posouzení jsme provedli sami (viz Vypracování tohoto prohlášení); nezávislý audit přístupnosti ani testování
      s uživateli čteček obrazovky zatím neproběhly, a proto soulad nemůžeme potvrdit nezávisle. Pokud narazíte na
      cokoli, co vám v používání stránky brání, dejte nám prosím vědět.
    </p>

    <h2>Nepřístupný obsah</h2>
    <h3>Nesoulad s právními předpisy</h3>
    <p>Ke dni vypracování tohoto prohlášení neznáme žádný obsah, který by s požadavky nebyl v souladu.</p>
    <h3>Nepřiměřená zátěž</h3>
    <p>Na výjimku z důvodu nepřiměřené zátěže se neodvoláváme.</p>
    <h3>Obsah mimo rozsah platných právních předpisů</h3>
    <ul class="gov-list">
      <li>
        Potvrzovací e-maily a soubory kalendáře (.ics), které stránka posílá nebo nabízí ke stažení, nejsou součástí
        internetové stránky. E-maily jsou v prostém textu s odkazem pro správu rezervace.
      </li>
      <li>
        Online schůzky probíhají v nástrojích, které volí konzultant; jejich přístupnost tato stránka neovlivňuje.
      </li>
    </ul>

    <h2>Vypracování tohoto prohlášení</h2>
    <p>Toto prohlášení bylo vypracováno dne ${STATEMENT_DATE.cs}.</p>
    <p>Posouzení souladu provedl provozovatel vlastním hodnocením, a to:</p>
    <ul class="gov-list">
      <li>
        automatizovaným testem nástrojem axe-core (pravidla WCAG 2.0 a 2.1 úrovně A a AA) všech stránek a každého kroku
        rezervace, včetně stavů s chybami ve formuláři a stavu, kdy termín mezitím obsadí někdo jiný, v češtině
        i v angličtině; test je součástí automatických testů při každé změně;
      </li>
      <li>celou rezervací, změnou termínu a zrušením ovládanými jen z klávesnice;</li>
      <li>kontrolou zobrazení při šířce okna 320 px a při zvětšení na 200 % a kontrolou pořadí a viditelnosti fokusu.</li>
    </ul>
    <p>Prohlášení bylo naposledy přezkoumáno dne ${STATEMENT_DATE.cs}.</p>

    <h2>Zpětná vazba a kontaktní údaje</h2>
    <p>
      Nedostatky v přístupnosti nám můžete oznámit, stejně jako požádat o informace, které na stránce nejsou
      přístupné, nebo o rezervaci jiným způsobem:
    </p>
    <ul class="gov-list">
      <li>e-mailem na adresu <a href="mailto:posta@mpsv.cz">posta@mpsv.cz</a> (do předmětu uveďte „Brána – přístupnost“),</li>
      <li>
        poštou na adresu Ministerstvo práce a sociálních věcí, Na Poříčním právu 1/376, 128 01 Praha 2.
      </li>
    </ul>
    <p>Na oznámení odpovíme bez zbytečného odkladu.</p>

    <h2>Postupy pro prosazování práva</h2>
    <p>
      Pokud na své oznámení nebo žádost nedostanete uspokojivou odpověď, můžete se obrátit na Ministerstvo vnitra,
      které dohlíží na dodržování zákona č. 99/2019 Sb. (Ministerstvo vnitra, Nad Štolou 936/3, 170 34 Praha 7),
      a podat podnět k zahájení řízení. Máte-li za to, že jste byli znevýhodněni, můžete se obrátit také na
      Veřejného ochránce práv.
    </p>
  `,
  en: () => html`
    <p class="lead">
      The Ministry of Labour and Social Affairs is committed to making its website accessible in accordance with
      Czech Act No. 99/2019 Coll., on the accessibility of websites and mobile applications.
    </p>

    <h2>Scope</h2>
    <p>
      This accessibility statement applies to the website Brána, where the free consultations of the national
      programme for the transformation of social services are booked: the home page, the whole booking wizard, the
      booking confirmation, the page for managing a booking (changing the time, cancelling), this statement and the
      privacy notice, in Czech and in English.
    </p>

    <h2>Compliance status</h2>
    <p>
      By our own assessment this website is <strong>compliant</strong> with Act No. 99/2019 Coll. and with the
      harmonised standard EN 301 549 V3.2.1 (chapter 9), which corresponds to level AA of WCAG 2.1. We made the
      assessment ourselves (see Preparation of this statement); no independent accessibility audit and no testing
      with screen-reader users have taken place yet, so compliance is not independently confirmed. If anything keeps
      you from using the site, please tell us.
    </p>

    <h2>Non-accessible content</h2>
    <h3>Non-compliance with the legislation</h3>
    <p>At the date of this statement we know of no content that does not meet the requirements.</p>
    <h3>Disproportionate burden</h3>
    <p>We do not claim an exemption for disproportionate burden.</p>
    <h3>Content outside the scope of the legislation</h3>
    <ul class="gov-list">
      <li>
        The confirmation e-mails and calendar files (.ics) that the site sends or offers for download are not part of
        the website. The e-mails are plain text with the link for managing the booking.
      </li>
      <li>Online meetings take place in tools the expert chooses; this site does not control their accessibility.</li>
    </ul>

    <h2>Preparation of this statement</h2>
    <p>This statement was prepared on ${STATEMENT_DATE.en}.</p>
    <p>The operator assessed compliance itself by:</p>
    <ul class="gov-list">
      <li>
        automated testing with axe-core (WCAG 2.0 and 2.1 level A and AA rules) of every page and every booking step,
        including form error states and the state when a time has just been taken by someone else, in Czech and in
        English; the test runs automatically with every change;
      </li>
      <li>completing a booking, a change of time and a cancellation with the keyboard only;</li>
      <li>checking the pages at a window width of 320 px and at 200 % zoom, and the order and visibility of focus.</li>
    </ul>
    <p>The statement was last reviewed on ${STATEMENT_DATE.en}.</p>

    <h2>Feedback and contact information</h2>
    <p>
      You can report accessibility problems, ask for information that is not accessible on the site, or ask to book
      another way:
    </p>
    <ul class="gov-list">
      <li>by e-mail to <a href="mailto:posta@mpsv.cz">posta@mpsv.cz</a> (subject “Brána – accessibility”),</li>
      <li>by post to Ministerstvo práce a sociálních věcí, Na Poříčním právu 1/376, 128 01 Praha 2, Czech Republic.</li>
    </ul>
    <p>We will reply without undue delay.</p>

    <h2>Enforcement procedure</h2>
    <p>
      If you do not receive a satisfactory reply, you can turn to the Ministry of the Interior, which supervises
      compliance with Act No. 99/2019 Coll. (Ministerstvo vnitra, Nad Štolou 936/3, 170 34 Praha 7), and ask it to
      start proceedings. If you believe you have been discriminated against, you can also contact the Public
      Defender of Rights (Ombudsman).
    </p>
  `,
};
