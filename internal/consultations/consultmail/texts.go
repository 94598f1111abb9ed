package consultmail

import (
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/programme"
)

// catalogue holds every text of the e-mails in one language. Strings with %s
// take the values named in their comments.
type catalogue struct {
	lang string

	greeting      string // without a name
	greetingNamed string // %s: recipient's name; empty to always use greeting
	// subjects and intros by kind, for the person [0] and the expert [1].
	subjects          map[Kind][2]string // %s: date and time
	intros            map[Kind][2]string
	reminderTomorrow  [2]string // intro of a reminder the day before
	consultation      string    // calendar summary prefix
	phoneLocation     string
	onlineLocation    string
	labelWhen         string
	labelForm         string
	labelPlace        string
	labelTopic        string
	labelExpert       string
	labelOrganisation string
	labelRegion       string
	labelContact      string
	labelEmail        string
	labelPhone        string
	labelNote         string
	contactHeading    string
	howPerson         map[programme.Form]string // %s: phone (phone), nothing (online)
	howPersonNoPhone  string                    // also for the expert when no phone is known
	howExpert         map[programme.Form]string // %s: phone (phone), e-mail (online)
	free              string
	manage            string // followed by the link on its own line
	manageNoLink      string
	cancelledManage   string // followed by the link on its own line
	rebook            string
	calendarRequest   string
	calendarCancel    string
	closing           string
	signature         string
	footer            string
	attachmentRequest string
	attachmentCancel  string
}

var catalogues = map[string]*catalogue{mail.LangCzech: &cs, mail.LangEnglish: &en}

var cs = catalogue{
	lang: mail.LangCzech,

	greeting: "Dobrý den,",
	subjects: map[Kind][2]string{
		KindConfirmation: {"Potvrzení konzultace %s", "Nová konzultace %s"},
		KindChange:       {"Změna termínu konzultace: %s", "Změna termínu konzultace: %s"},
		KindCancellation: {"Zrušení konzultace %s", "Zrušení konzultace %s"},
		KindReminder:     {"Připomenutí konzultace %s", "Připomenutí konzultace %s"},
	},
	intros: map[Kind][2]string{
		KindConfirmation: {
			"děkujeme za Vaši rezervaci. Potvrzujeme termín konzultace v rámci programu transformace sociálních služeb.",
			"máte novou rezervaci konzultace.",
		},
		KindChange: {
			"Termín Vaší konzultace se změnil. Platí tyto údaje:",
			"rezervace Vaší konzultace byla změněna. Platí tyto údaje:",
		},
		KindCancellation: {
			"Vaše konzultace byla zrušena.",
			"rezervace Vaší konzultace byla zrušena.",
		},
		KindReminder: {
			"připomínáme Vám blížící se konzultaci.",
			"připomínáme Vám blížící se konzultaci.",
		},
	},
	reminderTomorrow: [2]string{
		"připomínáme Vám zítřejší konzultaci.",
		"připomínáme Vám zítřejší konzultaci.",
	},
	consultation:      "Konzultace",
	phoneLocation:     "Telefonicky",
	onlineLocation:    "Online",
	labelWhen:         "Termín",
	labelForm:         "Forma",
	labelPlace:        "Místo",
	labelTopic:        "Téma",
	labelExpert:       "Konzultuje",
	labelOrganisation: "Organizace",
	labelRegion:       "Kraj",
	labelContact:      "Kontaktní osoba",
	labelEmail:        "E-mail",
	labelPhone:        "Telefon",
	labelNote:         "Poznámka",
	contactHeading:    "Kdo konzultaci objednal:",
	howPerson: map[programme.Form]string{
		programme.FormPhone:  "Konzultace proběhne telefonicky, konzultant Vám zavolá na číslo %s.",
		programme.FormOnline: "Konzultace proběhne formou online schůzky. Odkaz na připojení Vám konzultant pošle e-mailem před jejím začátkem.",
	},
	howPersonNoPhone: "Konzultace proběhne telefonicky.",
	howExpert: map[programme.Form]string{
		programme.FormPhone:  "Konzultace proběhne telefonicky. Zavolejte prosím kontaktní osobě na číslo %s.",
		programme.FormOnline: "Konzultace proběhne formou online schůzky. Pošlete prosím kontaktní osobě odkaz na připojení na e-mail %s.",
	},
	free:              "Konzultace je bezplatná.",
	manage:            "Termín můžete změnit nebo konzultaci zrušit na této adrese:",
	manageNoLink:      "Termín můžete změnit nebo konzultaci zrušit pomocí odkazu z potvrzovacího e-mailu.",
	cancelledManage:   "Přehled Vaší rezervace najdete na této adrese:",
	rebook:            "Budete-li chtít, rezervujte si prosím nový termín.",
	calendarRequest:   "Pomocí přiložené pozvánky si konzultaci uložíte do kalendáře.",
	calendarCancel:    "Příloha konzultaci odstraní z Vašeho kalendáře, pokud jste si ji do něj uložili.",
	closing:           "S pozdravem",
	signature:         "tým projektu Transformace sociálních služeb, MPSV",
	footer:            "Podpora procesu deinstitucionalizace a transformace sociálních služeb v ČR, MPSV, reg. č. CZ.03.02.02/00/22_004/0000724, spolufinancováno z ESF+ (OPZ+)",
	attachmentRequest: "pozvanka.ics",
	attachmentCancel:  "zruseni.ics",
}

var en = catalogue{
	lang: mail.LangEnglish,

	greeting:      "Hello,",
	greetingNamed: "Dear %s,",
	subjects: map[Kind][2]string{
		KindConfirmation: {"Consultation confirmed: %s", "New consultation: %s"},
		KindChange:       {"Consultation rescheduled: %s", "Consultation rescheduled: %s"},
		KindCancellation: {"Consultation cancelled: %s", "Consultation cancelled: %s"},
		KindReminder:     {"Reminder: consultation on %s", "Reminder: consultation on %s"},
	},
	intros: map[Kind][2]string{
		KindConfirmation: {
			"Thank you for your booking. We confirm your consultation with an expert of the programme for the transformation of social services.",
			"A new consultation has been booked with you.",
		},
		KindChange: {
			"Your consultation has been changed. These are the current details:",
			"A consultation booked with you has been changed. These are the current details:",
		},
		KindCancellation: {
			"Your consultation has been cancelled.",
			"A consultation booked with you has been cancelled.",
		},
		KindReminder: {
			"This is a reminder of your upcoming consultation.",
			"This is a reminder of your upcoming consultation.",
		},
	},
	reminderTomorrow: [2]string{
		"This is a reminder of your consultation tomorrow.",
		"This is a reminder of your consultation tomorrow.",
	},
	consultation:      "Consultation",
	phoneLocation:     "By phone",
	onlineLocation:    "Online",
	labelWhen:         "When",
	labelForm:         "Form",
	labelPlace:        "Place",
	labelTopic:        "Topic",
	labelExpert:       "Expert",
	labelOrganisation: "Organisation",
	labelRegion:       "Region",
	labelContact:      "Contact person",
	labelEmail:        "E-mail",
	labelPhone:        "Phone",
	labelNote:         "Note",
	contactHeading:    "Booked by:",
	howPerson: map[programme.Form]string{
		programme.FormPhone:  "The consultation will take place by phone; the expert will call you on %s.",
		programme.FormOnline: "The consultation will take place as an online meeting. The expert will send you the link to join by e-mail before it starts.",
	},
	howPersonNoPhone: "The consultation will take place by phone.",
	howExpert: map[programme.Form]string{
		programme.FormPhone:  "The consultation will take place by phone. Please call the contact person on %s.",
		programme.FormOnline: "The consultation will take place as an online meeting. Please send the contact person the link to join to %s.",
	},
	free:              "The consultation is free of charge.",
	manage:            "To reschedule or cancel the consultation, use this link:",
	manageNoLink:      "To reschedule or cancel the consultation, use the link from your confirmation e-mail.",
	cancelledManage:   "Your booking is available here:",
	rebook:            "You are welcome to book a new appointment.",
	calendarRequest:   "The attached invitation adds the consultation to your calendar.",
	calendarCancel:    "If you saved the consultation in your calendar, the attachment removes it.",
	closing:           "Kind regards",
	signature:         "The Transformation of Social Services project team, MPSV",
	footer:            "Support for the process of deinstitutionalisation and transformation of social services in the Czech Republic, Ministry of Labour and Social Affairs (MPSV), reg. no. CZ.03.02.02/00/22_004/0000724, co-funded by the European Social Fund Plus (Employment Plus Operational Programme, OPZ+)",
	attachmentRequest: "invitation.ics",
	attachmentCancel:  "cancellation.ics",
}
