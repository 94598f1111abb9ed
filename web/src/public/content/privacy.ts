// Zásady zpracování osobních údajů, version 2026-11: the version every
// booking's consent names (consent.noticeVersion, vocab.ts NOTICE_VERSION).
// A change of substance needs a new version here and in the API.
//
// What it promises about keeping and erasing data comes from the code that
// does it: generated/privacy.json is written from internal/consultations
// (privacy.go), and a Go test fails when the two differ or when this notice
// writes those figures by hand. The part on event registrations and the
// ESF+ answers comes the same way from internal/workshops (erasure.go,
// esf.go) through generated/privacy-events.json, and the surveys' part from
// internal/surveys through generated/privacy-surveys.json.
import { html, type TemplateResult } from 'lit-html';
import { NOTICE_VERSION } from '../../lib/vocab';
import { keptAfterErasure, manageTokenDays, retentionMonths } from '../../generated/privacy.json';
import events from '../../generated/privacy-events.json';
import surveyFacts from '../../generated/privacy-surveys.json';

const kept = (l: 'cs' | 'en') => html`<ul class="gov-list kept-after-erasure">
  ${keptAfterErasure[l].map((fact, i, all) => html`<li>${fact}${i < all.length - 1 ? ',' : '.'}</li>`)}
</ul>`;

const eventKept = (l: 'cs' | 'en') => html`<ul class="gov-list event-kept-after-erasure">
  ${events.keptAfterErasure[l].map((fact, i, all) => html`<li>${fact}${i < all.length - 1 ? ',' : '.'}</li>`)}
</ul>`;

const esfStored = (l: 'cs' | 'en') => html`<ul class="gov-list esf-stored">
  ${events.esfStored[l].map((fact, i, all) => html`<li>${fact}${i < all.length - 1 ? ',' : '.'}</li>`)}
</ul>`;

/** "12 měsíců", "30 dní": the Czech plural of a count of months or days. */
function cz(n: number, one: string, few: string, many: string): string {
  return `${n} ${n === 1 ? one : n >= 2 && n <= 4 ? few : many}`;
}

export const privacyContent: Record<'cs' | 'en', () => TemplateResult> = {
  cs: () => html`
    <p class="lead">
      Tyto zásady popisují, jak Ministerstvo práce a sociálních věcí zpracovává osobní údaje lidí, kteří si přes
      stránku Brána rezervují konzultaci nebo se registrují na akce programu. Verze <strong>${NOTICE_VERSION}</strong> (listopad 2026); souhlas, který
      při rezervaci udělujete, se vztahuje k této verzi.
    </p>

    <h2>Správce osobních údajů</h2>
    <p>
      Ministerstvo práce a sociálních věcí (MPSV), Na Poříčním právu 1/376, 128 01 Praha 2, IČO 00551023,
      e-mail <a href="mailto:posta@mpsv.cz">posta@mpsv.cz</a>. Kontakt na pověřence pro ochranu osobních údajů MPSV
      najdete na www.mpsv.cz v části Ochrana osobních údajů.
    </p>

    <h2>Jaké údaje zpracováváme</h2>
    <ul class="gov-list">
      <li>jméno a příjmení, e-mail a telefon kontaktní osoby,</li>
      <li>název a IČO organizace, pokud je uvedete,</li>
      <li>adresu, kde má konzultace proběhnout (jen u konzultace v místě poskytovatele),</li>
      <li>poznámku k obsahu konzultace, pokud ji napíšete,</li>
      <li>údaje o konzultaci: termín, forma, téma, kraj, cílová skupina, konzultant, jazyk a stav rezervace,</li>
      <li>čas a verzi zásad, ke kterým jste udělili souhlas.</li>
    </ul>
    <p>
      Stránka nepoužívá cookies ani analytické nástroje. Ve vašem prohlížeči si pamatuje jen zvolený jazyk a po
      dobu otevřeného okna odkaz pro správu rezervace. Záznamy o provozu serveru neobsahují obsah formulářů;
      záznamy sítě pro doručování obsahu (CDN) obsahují IP adresy a mažou se nejpozději po 90 dnech.
    </p>

    <h2>Proč údaje zpracováváme</h2>
    <ul class="gov-list">
      <li>abychom konzultaci domluvili a uskutečnili: potvrzení, připomenutí a změny posíláme e-mailem, konzultant vás kontaktuje;</li>
      <li>abychom mohli doložit a vyhodnotit činnost projektu financovaného z Evropského sociálního fondu plus (OPZ+).</li>
    </ul>

    <h2>Právní základ</h2>
    <p>
      Údaje zpracováváme na základě vašeho souhlasu podle čl. 6 odst. 1 písm. a) obecného nařízení o ochraně osobních
      údajů (GDPR). Poskytnutí údajů je dobrovolné, bez nich ale konzultaci domluvit nelze. Souhlas můžete kdykoli
      odvolat; odvolání se nedotýká zpracování, které proběhlo před ním.
    </p>

    <h2>Kdo údaje uvidí</h2>
    <ul class="gov-list">
      <li>konzultant, u kterého máte konzultaci rezervovanou,</li>
      <li>tým programu transformace sociálních služeb na MPSV,</li>
      <li>
        jako zpracovatel poskytovatel cloudových služeb Amazon Web Services, v jehož datových centrech v Evropské unii
        systém běží a přes jehož službu odcházejí e-maily.
      </li>
    </ul>
    <p>Údaje nepředáváme mimo Evropskou unii a nepoužíváme je k automatizovanému rozhodování ani profilování.</p>

    <h2>Jak dlouho údaje uchováváme</h2>
    <p>
      Osobní údaje z rezervace uchováváme po dobu nezbytnou k uskutečnění konzultace a k doložení činnosti projektu,
      nejdéle ${cz(retentionMonths, 'měsíc', 'měsíce', 'měsíců')} po konzultaci; potom je systém sám vymaže. Odkaz pro
      správu rezervace z potvrzovacího e-mailu platí do ${cz(manageTokenDays, 'dne', 'dnů', 'dnů')} po konzultaci.
      Kopie odeslaných e-mailů mažeme ze systému 30 dní po odeslání. Na vaši žádost nebo po odvolání souhlasu osobní
      údaje z rezervace vymažeme dříve.
    </p>
    <p>
      Abychom zabránili zneužití rezervací a e-mailů, uchováváme navíc jen otisky (klíčované hashe) e-mailové adresy,
      telefonního čísla a IČO, ze kterých údaje nelze zpětně přečíst: u budoucí konzultace do jejího konce (počet
      rezervací na jednu osobu a organizaci je omezený), u počtu e-mailů odeslaných na jednu adresu dva dny a u adresy,
      ze které se e-maily vracejí jako nedoručitelné nebo jejíž držitel si stěžoval, jeden rok. Ověření, že nejste
      robot, probíhá ve vašem prohlížeči a nepoužívá žádné údaje o vás ani služby třetích stran.
    </p>
    <p>
      Po výmazu zůstanou pro statistiku programu a měsíční zprávy o jeho indikátorech jen tyto údaje, bez jména,
      kontaktů, adresy, poznámky a názvu organizace:
    </p>
    ${kept('cs')}

    <h2>Registrace na akce programu</h2>
    <p>
      Při registraci na workshop, diskuzní fórum, seminář, stáž nebo webinář zpracováváme jméno a příjmení, e-mail
      a telefon, název a IČO organizace (u veřejné správy a poskytovatelů sociálních služeb), pracovní pozici, kraj,
      cílovou skupinu, odpovědi na otázky pořadatele, to, co potřebujete, abyste se mohli akce zúčastnit
      (bezbariérový přístup, tlumočení do znakového jazyka, indukční smyčka, materiály ve snadném čtení, asistent),
      jazyk a čas a verzi zásad, ke kterým jste udělili souhlas. Údaje vidí pořadatel akce a tým programu. Slouží
      k uspořádání akce, k potvrzení o účasti a k prezenční listině, kterou akce financované z ESF+ musí mít.
    </p>
    <p>
      Osobní údaje z registrace uchováváme nejdéle ${cz(events.retentionMonths, 'měsíc', 'měsíce', 'měsíců')} po
      akci; potom je systém sám vymaže. Odkaz pro správu registrace z potvrzovacího e-mailu platí do
      ${cz(events.manageTokenDays, 'dne', 'dnů', 'dnů')} po skončení akce. Na vaši žádost nebo po odvolání souhlasu je vymažeme dříve. Abychom zabránili
      zneužití registrací, ukládáme k registraci také otisk (klíčovaný hash) e-mailové adresy, ze kterého adresu nelze
      zpětně přečíst: na jednu akci se lze registrovat jen jednou a počet registrací na nadcházející akce na jednu
      adresu je omezený. Otisk mažeme spolu s ostatními osobními údaji registrace. Po výmazu zůstanou jen tyto údaje,
      bez jména, kontaktů, pracovní pozice, odpovědí, potřeb a názvu organizace:
    </p>
    ${eventKept('cs')}

    <h3>Údaje pro Evropský sociální fond plus</h3>
    <p>
      Po registraci vás požádáme o tři údaje, které program vykazuje Evropskému sociálnímu fondu plus: pohlaví,
      věkovou skupinu a zda máte zdravotní postižení. Vyplnit je nemusíte a na vaši registraci to nemá vliv; na každou
      otázku můžete odpovědět „nechci uvést“. Údaj o zdravotním postižení patří mezi zvláštní kategorie osobních
      údajů: zpracováváme jej jen na základě vašeho výslovného souhlasu podle čl. 9 odst. 2 písm. a) GDPR, který
      udělujete zvlášť, když odpovědi odesíláte. Souhlas můžete kdykoli odvolat na stránce pro správu registrace
      (odkaz najdete v potvrzovacím e-mailu); odpovědi pak smažeme.
    </p>
    <p>
      Odpovědi ukládáme odděleně od registrace, bez jména a kontaktů; s registrací je spojuje jen náhodný klíč.
      Neobjeví se v žádném seznamu ani exportu účastníků a používáme je jen k souhrnným měsíčním statistikám (kolik
      lidí se registrovalo a kolik se akcí zúčastnilo, podle pohlaví, věkové skupiny a zdravotního postižení).
      Uchováváme:
    </p>
    ${esfStored('cs')}
    <p>
      Při výmazu registrace tento klíč smažeme. Odpovědi pak zůstanou jen ve statistice a nikdo je už nemůže přiřadit
      k vám.
    </p>

    <h2>Dotazníky programu</h2>
    <p>
      Program se veřejnými dotazníky ptá, co lidé vědí o transformaci sociálních služeb, a hodnoticími dotazníky
      zjišťuje, zda konzultace a akce pomohly. Odpovědi jsou anonymní: neukládáme k nim jméno, e-mail, IP adresu ani
      přesný čas odeslání, jen měsíc, verzi dotazníku a to, k čemu se odpověď vztahuje (forma konzultace nebo druh
      akce, téma, kraj a cílová skupina; u veřejného dotazníku skupina a kraj, které sami uvedete, nebo „nechci
      uvést“). Do textových odpovědí prosím nepište své jméno ani kontakty. Výsledky vidí jen tým, který program
      hodnotí, a to souhrnně; za skupinu s méně než ${surveyFacts.suppressBelow} odpověďmi se čísla neukazují.
    </p>
    <p>
      Den po konzultaci, kterou konzultant označí jako uskutečněnou, nebo den po akci, na které vás pořadatel
      zaznamenal jako přítomné, vám na e-mail z rezervace nebo registrace pošleme jednu pozvánku k hodnoticímu
      dotazníku a po ${surveyFacts.reminderDays} dnech nejvýše jedno připomenutí. Slouží to účelu uvedenému výše, vyhodnocení činnosti projektu.
      Odkaz v pozvánce platí ${cz(surveyFacts.invitationDays, 'den', 'dny', 'dní')} a lze s ním odpovědět jen jednou; ukládáme jen jeho otisk. Dalším odkazem
      v pozvánce můžete pozvánku odmítnout a připomenutí pak nepřijde. Jakmile odpovíte nebo pozvánku odmítnete,
      pozvánka ztratí vazbu na vaši rezervaci či registraci, takže odpověď nelze přiřadit k vám.
    </p>
    <p>
      U veřejného dotazníku si váš prohlížeč pamatuje náhodný klíč a to, že jste už odpověděli, aby nikdo nemohl
      snadno odpovídat opakovaně. Na serveru ukládáme jen otisk tohoto klíče, nejdéle ${cz(surveyFacts.browserKeyDays, 'den', 'dny', 'dní')} od začátku měsíce, kdy jste odpověděli.
    </p>

    <h2>Vaše práva</h2>
    <p>Máte právo:</p>
    <ul class="gov-list">
      <li>na přístup ke svým osobním údajům a na jejich opravu,</li>
      <li>na výmaz údajů a na omezení zpracování,</li>
      <li>na přenositelnost údajů,</li>
      <li>kdykoli odvolat souhlas,</li>
      <li>
        podat stížnost u Úřadu pro ochranu osobních údajů (Pplk. Sochora 27, 170 00 Praha 7, www.uoou.gov.cz).
      </li>
    </ul>
    <p>
      Termín změníte nebo konzultaci zrušíte přes odkaz v potvrzovacím e-mailu. Ostatní práva uplatníte e-mailem na
      <a href="mailto:posta@mpsv.cz">posta@mpsv.cz</a> (do předmětu uveďte „Brána – osobní údaje“) nebo poštou na
      adresu správce; uveďte prosím číslo rezervace z potvrzovacího e-mailu.
    </p>
  `,
  en: () => html`
    <p class="lead">
      This notice describes how the Ministry of Labour and Social Affairs processes the personal data of people who
      book a consultation or register for the programme’s events on the Brána website. Version <strong>${NOTICE_VERSION}</strong> (November 2026); the
      consent you give when booking refers to this version.
    </p>

    <h2>Controller</h2>
    <p>
      Ministry of Labour and Social Affairs (MPSV), Na Poříčním právu 1/376, 128 01 Praha 2, Czech Republic,
      IČO 00551023, e-mail <a href="mailto:posta@mpsv.cz">posta@mpsv.cz</a>. The contact details of MPSV’s data
      protection officer are on www.mpsv.cz under Personal data protection.
    </p>

    <h2>What data we process</h2>
    <ul class="gov-list">
      <li>the contact person’s name, e-mail and phone,</li>
      <li>the organisation’s name and IČO, if you give them,</li>
      <li>the address where the consultation takes place (on-site consultations only),</li>
      <li>your note on what to discuss, if you write one,</li>
      <li>the consultation itself: time, type, topic, region, target group, expert, language and status,</li>
      <li>the time of your consent and the version of this notice it refers to.</li>
    </ul>
    <p>
      The site uses no cookies and no analytics. Your browser keeps only the language you chose and, while the window
      is open, the link for managing your booking. The server’s operational logs contain nothing you type into the
      forms; the logs of the content delivery network (CDN) contain IP addresses and are deleted after 90 days at most.
    </p>

    <h2>Why we process it</h2>
    <ul class="gov-list">
      <li>to arrange and hold the consultation: confirmations, reminders and changes go by e-mail, and the expert contacts you;</li>
      <li>to account for and evaluate the work of a project funded by the European Social Fund Plus (OP Employment Plus).</li>
    </ul>

    <h2>Legal basis</h2>
    <p>
      We process the data on the basis of your consent under Article 6(1)(a) of the General Data Protection
      Regulation (GDPR). Giving the data is voluntary, but without it the consultation cannot be arranged. You may
      withdraw your consent at any time; this does not affect processing before the withdrawal.
    </p>

    <h2>Who sees the data</h2>
    <ul class="gov-list">
      <li>the expert you booked,</li>
      <li>the team of the social-services transformation programme at MPSV,</li>
      <li>
        as a processor, the cloud provider Amazon Web Services, in whose data centres in the European Union the system
        runs and through whose service the e-mails are sent.
      </li>
    </ul>
    <p>We do not transfer the data outside the European Union and do not use it for automated decisions or profiling.</p>

    <h2>How long we keep it</h2>
    <p>
      We keep the personal data of a booking for as long as needed to hold the consultation and to account for the
      project, at most ${retentionMonths} ${retentionMonths === 1 ? 'month' : 'months'} after the consultation; then
      the system erases it by itself. The link for managing your booking in the confirmation e-mail works until
      ${manageTokenDays} ${manageTokenDays === 1 ? 'day' : 'days'} after the consultation. Copies of sent e-mails are
      deleted from the system 30 days after sending. At your request, or when you withdraw consent, we erase the
      personal data of the booking sooner.
    </p>
    <p>
      To prevent misuse of bookings and e-mails we also keep only fingerprints (keyed hashes) of the e-mail address,
      the phone number and the IČO, from which the data cannot be read back: for a consultation still to come until
      it ends (the number of bookings per person and organisation is limited), for the count of e-mails sent to one
      address for two days, and for an address whose e-mails bounce or whose owner complained for one year. The check
      that you are not a robot runs in your browser and uses no data about you and no third-party service.
    </p>
    <p>
      After erasure, the programme’s statistics and its monthly indicator reports keep only the following, without
      your name, contact details, address, note or the organisation’s name:
    </p>
    ${kept('en')}

    <h2>Registering for the programme’s events</h2>
    <p>
      When you register for a workshop, discussion forum, seminar, study visit or webinar, we process your name,
      e-mail and phone, the organisation’s name and IČO (for public administrations and social-service providers),
      your job role, region and target group, your answers to the organiser’s questions, what you need to take part
      (step-free access, a sign-language interpreter, an induction loop, easy-read materials, an assistant), your
      language, and the time of your consent and the version of this notice it refers to. The event’s organiser and
      the programme’s team see the data. We use it to run the event, for the certificate of attendance and for the
      attendance sheet that events funded by the ESF+ must have.
    </p>
    <p>
      We keep the personal data of a registration at most ${events.retentionMonths}
      ${events.retentionMonths === 1 ? 'month' : 'months'} after the event; then the system erases it by itself. The
      link for managing your registration in the confirmation e-mail works until ${events.manageTokenDays}
      ${events.manageTokenDays === 1 ? 'day' : 'days'} after the event ends. At
      your request, or when you withdraw consent, we erase it sooner. To prevent misuse of registrations we also keep
      with the registration a fingerprint (a keyed hash) of the e-mail address, from which the address cannot be read
      back: one may register for an event only once, and the number of registrations for upcoming events per address
      is limited. The fingerprint is erased with the rest of the registration’s personal data. After erasure only the
      following stays, without your name, contact details, job role, answers, needs or the organisation’s name:
    </p>
    ${eventKept('en')}

    <h3>Data for the European Social Fund Plus</h3>
    <p>
      After you register we ask you for three facts the programme reports to the European Social Fund Plus: your
      gender, your age band and whether you have a disability. You need not answer, and it does not affect your
      registration; you may answer “prefer not to say” to each question. Whether you have a disability is a special
      category of personal data: we process it only on the basis of your explicit consent under Article 9(2)(a) of
      the GDPR, which you give separately when you send the answers. You may withdraw it at any time on the page for
      managing your registration (the link is in the confirmation e-mail); we then delete the answers.
    </p>
    <p>
      We store the answers apart from the registration, without your name or contact details; only a random key
      links them to the registration. They never appear in any list or export of participants and are used only for
      aggregate monthly statistics (how many people registered and how many attended, by gender, age band and
      disability). We keep:
    </p>
    ${esfStored('en')}
    <p>
      When the registration is erased we delete that key. The answers then stay only in the statistics, and nobody
      can link them to you any more.
    </p>

    <h2>The programme’s surveys</h2>
    <p>
      With public surveys the programme asks what people know about the transformation of social services, and with
      evaluation surveys it finds out whether its consultations and events helped. Answers are anonymous: we store
      no name, e-mail, IP address or exact time of sending with them, only the month, the version of the survey and
      what the answer is about (the type of consultation or event, the topic, the region and the target group; in a
      public survey the group and region you state yourself, or “prefer not to say”). Please do not write your name
      or contact details in text answers. Only the team evaluating the programme sees the results, and only as
      totals; no figures are shown for a group of fewer than ${surveyFacts.suppressBelow} answers.
    </p>
    <p>
      The day after a consultation the expert marks as held, or the day after an event where the organiser recorded
      you as present, we send one invitation to an evaluation survey to the e-mail address of your booking or
      registration, and at most one reminder ${surveyFacts.reminderDays} days later. This serves the purpose stated above, evaluating the
      project’s work. The link in the invitation works for ${surveyFacts.invitationDays} days and takes one answer; we store only its
      fingerprint. Another link in the invitation lets you decline it, and then no reminder comes. Once you answer or
      decline, the invitation loses its link to your booking or registration, so the answer cannot be traced to you.
    </p>
    <p>
      For a public survey your browser remembers a random key and that you have answered, so that nobody can easily
      answer again and again. On the server we keep only a fingerprint of that key, for ${surveyFacts.browserKeyDays} days at most from the start of the month you answered in.
    </p>

    <h2>Your rights</h2>
    <p>You have the right:</p>
    <ul class="gov-list">
      <li>to access your personal data and have it corrected,</li>
      <li>to have it erased and its processing restricted,</li>
      <li>to data portability,</li>
      <li>to withdraw your consent at any time,</li>
      <li>to complain to the Office for Personal Data Protection (Pplk. Sochora 27, 170 00 Praha 7, www.uoou.gov.cz).</li>
    </ul>
    <p>
      Change the time or cancel through the link in your confirmation e-mail. For the other rights write to
      <a href="mailto:posta@mpsv.cz">posta@mpsv.cz</a> (subject “Brána – personal data”) or to the controller’s postal
      address; please give the booking number from your confirmation e-mail.
    </p>
  `,
};
