package workshopmail

import "github.com/mpsv/brana/internal/mail"

// catalogue holds every text of the e-mails in one language. Strings with
// %s or %d take the values named in their comments.
type catalogue struct {
	lang string

	greeting      string          // without a name
	greetingNamed string          // %s: the person's name; empty to always use greeting
	subjects      map[Kind]string // %s: the event's title (offer: also the offer's expiry; reminder: also the date)
	intros        map[Kind]string
	kinds         map[string]string // event kinds
	seats         map[string]string // how the person takes part

	labelEvent     string
	labelKind      string
	labelWhen      string
	labelSessions  string // several sessions: followed by one per line
	labelLength    string // the sum of the sessions
	zones          map[string]string
	zoneSuffix     string
	labelSeat      string
	labelPlace     string
	labelLink      string
	labelOrganiser string
	labelPrevious  string // heading of the details before a change
	linkLater      string // online seat, no link yet

	accessHeading string
	stepFree      [2]string // without, with
	loop          [2]string
	parking       string // %s: the venue's parking
	nearestStop   string // %s
	askAccess     string // followed by the contact
	askOnline     string // online seat: followed by the contact
	labelEmail    string
	labelPhone    string

	needsHeading string
	needs        map[string]string // wheelchair, sign_language, induction_loop, easy_read, assistant
	needsOther   string            // %s: what the person wrote
	needsChange  string

	checkIn string // in-person seat with a QR code

	position       string // %d: the place in the waiting list
	waitlistHow    string
	stillWaitlist  string // after a change or an expired offer: %d
	offerUntil     string // %s: the expiry
	offerAccept    string // followed by the link
	offerNoLink    string
	offerNext      string
	expiredEnded   string
	changedNoSeat  string
	changedDecline string // followed by the link, or the no-link text
	note           string // heading of the organiser's message
	manage         string // followed by the link on its own line
	manageNoLink   string
	cantCome       string
	certificate    string // followed by the link
	certNoLink     string
	certAttached   string // the PDF is attached
	certFile       string // the attachment's name when the item names none
	certCode       string // %s: the verification code
	certVerify     string // %s: the verification page

	calendarRequest string
	calendarCancel  string
	closing         string
	signature       string
	footer          string
	attachRequest   string
	attachCancel    string
	qrFile          string
}

var catalogues = map[string]*catalogue{mail.LangCzech: &cs, mail.LangEnglish: &en}

var cs = catalogue{
	lang: mail.LangCzech,

	greeting: "Dobrý den,",
	subjects: map[Kind]string{
		KindConfirmation:   "Potvrzení registrace: %s",
		KindWaitlisted:     "Jste na čekací listině: %s",
		KindOffer:          "Uvolnilo se místo: %s (potvrďte do %s)",
		KindOfferExpired:   "Nabídka místa vypršela: %s",
		KindCancelled:      "Zrušení registrace: %s",
		KindEventChanged:   "Změna akce: %s",
		KindEventCancelled: "Akce se ruší: %s",
		KindReminder:       "Připomenutí: %s, %s",
		KindCertificate:    "Osvědčení o účasti: %s",
	},
	intros: map[Kind]string{
		KindConfirmation:   "děkujeme za registraci. Potvrzujeme Vaše místo na akci programu transformace sociálních služeb.",
		KindWaitlisted:     "děkujeme za registraci. Akce je v tuto chvíli plně obsazená, zapsali jsme Vás proto na čekací listinu.",
		KindOffer:          "na akci, na jejíž čekací listině jste, se uvolnilo místo a nabízíme ho Vám.",
		KindOfferExpired:   "nabídka uvolněného místa na akci vypršela, místo jsme proto nabídli dalšímu zájemci z čekací listiny.",
		KindCancelled:      "Vaše registrace na akci byla zrušena. Děkujeme, že jste nám dali vědět – místo tak může využít někdo jiný.",
		KindEventChanged:   "akce, na kterou máte registraci, se mění. Platí tyto údaje:",
		KindEventCancelled: "s lítostí Vám oznamujeme, že akce, na kterou máte registraci, se ruší a neuskuteční se. Vaše registrace tím zaniká, nemusíte nic dělat.",
		KindReminder:       "připomínáme Vám blížící se akci, na kterou máte registraci.",
		KindCertificate:    "děkujeme za Vaši účast na akci. Osvědčení o účasti je připravené.",
	},
	kinds: map[string]string{
		"workshop":    "workshop",
		"forum":       "diskuzní fórum",
		"seminar":     "seminář",
		"study_visit": "stáž",
		"webinar":     "webinář",
	},
	seats: map[string]string{
		"in_person": "prezenčně",
		"online":    "online",
	},

	labelEvent:     "Akce",
	labelKind:      "Druh akce",
	labelWhen:      "Termín",
	labelSessions:  "Termíny",
	labelLength:    "Rozsah",
	zones:          map[string]string{"CET": "SEČ", "CEST": "SELČ"},
	labelSeat:      "Účast",
	labelPlace:     "Místo",
	labelLink:      "Odkaz na připojení",
	labelOrganiser: "Pořadatel",
	labelPrevious:  "Původně:",
	linkLater:      "Odkaz na připojení Vám pošleme e-mailem před začátkem akce.",

	accessHeading: "Přístupnost místa:",
	stepFree:      [2]string{"bez bezbariérového přístupu", "bezbariérový přístup"},
	loop:          [2]string{"bez indukční smyčky", "indukční smyčka pro naslouchadla"},
	parking:       "parkování: %s",
	nearestStop:   "nejbližší zastávka: %s",
	askAccess:     "S dotazy k přístupnosti a ke svým potřebám se prosím obraťte na:",
	askOnline:     "S dotazy k akci a ke svým potřebám se prosím obraťte na:",
	labelEmail:    "e-mail",
	labelPhone:    "telefon",

	needsHeading: "Ve své registraci uvádíte tyto potřeby:",
	needs: map[string]string{
		"wheelchair":     "bezbariérový přístup pro vozík",
		"sign_language":  "tlumočení do českého znakového jazyka",
		"induction_loop": "indukční smyčka",
		"easy_read":      "materiály ve snadném čtení",
		"assistant":      "doprovod asistenta",
	},
	needsOther:  "další: %s",
	needsChange: "Pokud se na nich něco změní, dejte nám to prosím vědět.",

	checkIn: "Při příchodu se prosím prokažte QR kódem, který je přílohou tohoto e-mailu (stačí na displeji telefonu). Pokud ho nebudete mít po ruce, stačí říct své jméno.",

	position:       "Na čekací listině jste %d. v pořadí.",
	waitlistHow:    "Jakmile se místo uvolní, pošleme Vám e-mailem nabídku. Místo Vám pak po omezenou dobu podržíme, abyste ho mohli přijmout.",
	stillWaitlist:  "Na čekací listině zůstáváte, nyní jste %d. v pořadí.",
	offerUntil:     "Místo pro Vás držíme do %s.",
	offerAccept:    "Pokud o místo stojíte, přijměte ho prosím do té doby na této adrese. Pokud přijít nemůžete, nabídku tamtéž odmítněte, aby místo mohl dostat další zájemce:",
	offerNoLink:    "Nabídku přijmete nebo odmítnete pomocí odkazu z e-mailu, kterým jsme potvrdili Vaše zapsání na čekací listinu.",
	offerNext:      "Pokud nabídku do té doby nepřijmete, nabídneme místo dalšímu zájemci z čekací listiny.",
	expiredEnded:   "Vaše registrace tím skončila. Pokud o akci stále stojíte a registrace je otevřená, můžete se přihlásit znovu.",
	changedNoSeat:  "Na čekací listině zůstáváte; pokud se uvolní místo, pošleme Vám nabídku.",
	changedDecline: "Pokud Vám změna nevyhovuje, zrušte prosím registraci, aby místo mohl využít někdo jiný.",
	note:           "Zpráva od pořadatele:",
	manage:         "Registraci si můžete prohlédnout nebo zrušit na této adrese:",
	manageNoLink:   "Registraci si můžete prohlédnout nebo zrušit pomocí odkazu z e-mailu, který jsme Vám poslali po registraci.",
	cantCome:       "Pokud nemůžete přijít, zrušte prosím registraci, aby místo mohl využít někdo z čekací listiny.",
	certificate:    "Osvědčení si stáhnete ve formátu PDF na stránce své registrace:",
	certNoLink:     "Osvědčení si stáhnete ve formátu PDF na stránce své registrace; otevřete ji odkazem z e-mailu, který jsme Vám poslali po registraci.",
	certAttached:   "Osvědčení ve formátu PDF najdete v příloze tohoto e-mailu. Kdykoli si ho můžete znovu stáhnout také na stránce své registrace (odkaz máte v e-mailu, který jsme Vám poslali po registraci).",
	certFile:       "osvedceni-o-ucasti.pdf",
	certCode:       "Ověřovací kód osvědčení: %s",
	certVerify:     "Pravost osvědčení si kdokoli ověří podle tohoto kódu na adrese %s",

	calendarRequest: "Pomocí přiložené pozvánky si akci uložíte do kalendáře.",
	calendarCancel:  "Příloha akci odstraní z Vašeho kalendáře, pokud jste si ji do něj uložili.",
	closing:         "S pozdravem",
	signature:       "tým projektu Transformace sociálních služeb, MPSV",
	footer:          "Podpora procesu deinstitucionalizace a transformace sociálních služeb v ČR, MPSV, reg. č. CZ.03.02.02/00/22_004/0000724, spolufinancováno z ESF+ (OPZ+)",
	attachRequest:   "pozvanka.ics",
	attachCancel:    "zruseni.ics",
	qrFile:          "qr-kod.png",
}

var en = catalogue{
	lang: mail.LangEnglish,

	greeting:      "Hello,",
	greetingNamed: "Dear %s,",
	subjects: map[Kind]string{
		KindConfirmation:   "Registration confirmed: %s",
		KindWaitlisted:     "You are on the waiting list: %s",
		KindOffer:          "A place is free: %s (accept by %s)",
		KindOfferExpired:   "Your offer of a place has expired: %s",
		KindCancelled:      "Registration cancelled: %s",
		KindEventChanged:   "Event changed: %s",
		KindEventCancelled: "Event cancelled: %s",
		KindReminder:       "Reminder: %s, %s",
		KindCertificate:    "Your certificate of attendance: %s",
	},
	intros: map[Kind]string{
		KindConfirmation:   "Thank you for registering. We confirm your place at this event of the programme for the transformation of social services.",
		KindWaitlisted:     "Thank you for registering. The event is fully booked at the moment, so we have put you on the waiting list.",
		KindOffer:          "A place has become free at an event whose waiting list you are on, and we are offering it to you.",
		KindOfferExpired:   "Your offer of a free place at the event has expired, so we have offered the place to the next person on the waiting list.",
		KindCancelled:      "Your registration for the event has been cancelled. Thank you for letting us know: someone else can now have your place.",
		KindEventChanged:   "The event you registered for has changed. These are the current details:",
		KindEventCancelled: "We are sorry to let you know that the event you registered for has been cancelled and will not take place. Your registration is cancelled with it; you do not need to do anything.",
		KindReminder:       "This is a reminder of the upcoming event you registered for.",
		KindCertificate:    "Thank you for attending the event. Your certificate of attendance is ready.",
	},
	kinds: map[string]string{
		"workshop":    "workshop",
		"forum":       "discussion forum",
		"seminar":     "seminar",
		"study_visit": "study visit",
		"webinar":     "webinar",
	},
	seats: map[string]string{
		"in_person": "in person",
		"online":    "online",
	},

	labelEvent:     "Event",
	labelKind:      "Type",
	labelWhen:      "When",
	labelSessions:  "Sessions",
	labelLength:    "Length",
	zoneSuffix:     ", Prague time",
	labelSeat:      "Taking part",
	labelPlace:     "Venue",
	labelLink:      "Link to join",
	labelOrganiser: "Organiser",
	labelPrevious:  "Previously:",
	linkLater:      "We will e-mail you the link to join before the event starts.",

	accessHeading: "Accessibility of the venue:",
	stepFree:      [2]string{"no step-free access", "step-free access"},
	loop:          [2]string{"no induction loop", "induction loop for hearing aids"},
	parking:       "parking: %s",
	nearestStop:   "nearest public transport stop: %s",
	askAccess:     "If you have questions about accessibility or what you need to take part, please contact:",
	askOnline:     "If you have questions about the event or what you need to take part, please contact:",
	labelEmail:    "e-mail",
	labelPhone:    "phone",

	needsHeading: "In your registration you told us you need:",
	needs: map[string]string{
		"wheelchair":     "step-free access for a wheelchair",
		"sign_language":  "Czech Sign Language interpreting",
		"induction_loop": "an induction loop",
		"easy_read":      "easy-read materials",
		"assistant":      "to come with an assistant",
	},
	needsOther:  "also: %s",
	needsChange: "If anything changes, please let us know.",

	checkIn: "When you arrive, please show the QR code attached to this e-mail (on your phone screen is fine). If you do not have it to hand, just give your name.",

	position:       "You are number %d on the waiting list.",
	waitlistHow:    "If a place becomes free, we will e-mail you an offer and hold the place for you for a limited time so that you can accept it.",
	stillWaitlist:  "You stay on the waiting list; you are now number %d.",
	offerUntil:     "We are holding the place for you until %s.",
	offerAccept:    "If you would like it, please accept it by then at this address. If you cannot come, please decline it there so that the next person can have the place:",
	offerNoLink:    "You can accept or decline the offer with the link from the e-mail that confirmed your place on the waiting list.",
	offerNext:      "If you do not accept the offer by then, we will offer the place to the next person on the waiting list.",
	expiredEnded:   "Your registration has therefore ended. If you would still like to attend and registration is open, you are welcome to register again.",
	changedNoSeat:  "You stay on the waiting list; if a place becomes free, we will send you an offer.",
	changedDecline: "If the change does not suit you, please cancel your registration so that someone else can have your place.",
	note:           "Message from the organiser:",
	manage:         "You can view or cancel your registration at this address:",
	manageNoLink:   "You can view or cancel your registration with the link from the e-mail we sent you when you registered.",
	cantCome:       "If you cannot come, please cancel your registration so that someone on the waiting list can have your place.",
	certificate:    "You can download the certificate as a PDF from the page of your registration:",
	certNoLink:     "You can download the certificate as a PDF from the page of your registration: open it with the link from the e-mail we sent you when you registered.",
	certAttached:   "Your certificate is attached to this e-mail as a PDF. You can also download it again at any time from the page of your registration (the link is in the e-mail we sent you when you registered).",
	certFile:       "certificate-of-attendance.pdf",
	certCode:       "Certificate verification code: %s",
	certVerify:     "Anyone can check that the certificate is genuine with this code at %s",

	calendarRequest: "The attached invitation adds the event to your calendar.",
	calendarCancel:  "If you saved the event in your calendar, the attachment removes it.",
	closing:         "Kind regards",
	signature:       "The Transformation of Social Services project team, MPSV",
	footer:          "Support for the process of deinstitutionalisation and transformation of social services in the Czech Republic, Ministry of Labour and Social Affairs (MPSV), reg. no. CZ.03.02.02/00/22_004/0000724, co-funded by the European Social Fund Plus (Employment Plus Operational Programme, OPZ+)",
	attachRequest:   "invitation.ics",
	attachCancel:    "cancellation.ics",
	qrFile:          "qr-code.png",
}
