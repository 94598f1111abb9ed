package mail

// catalogue holds every text of the e-mails in one language. Strings with %s
// take the values named in their comments.
type catalogue struct {
	lang     string
	weekdays [7]string  // Sunday first, as time.Weekday
	months   [12]string // genitive month names; empty for Czech (numeric dates)
	zone     map[string]string

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
	minutes           func(n int) string
	forms             map[string]string
	topics            map[string]string
	regions           map[string]string
	howPerson         map[string]string // %s: phone (phone), nothing (online)
	howPersonNoPhone  string            // also for the expert when no phone is known
	howExpert         map[string]string // %s: phone (phone), e-mail (online)
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

var catalogues = map[string]*catalogue{LangCzech: &cs, LangEnglish: &en}

var cs = catalogue{
	lang:     LangCzech,
	weekdays: [7]string{"neděle", "pondělí", "úterý", "středa", "čtvrtek", "pátek", "sobota"},
	zone:     map[string]string{"CET": "SEČ", "CEST": "SELČ"},

	greeting: "Dobrý den,",
	subjects: map[Kind][2]string{
		KindConfirmation: {"Potvrzení konzultace %s", "Nová konzultace %s"},
		KindChange:       {"Změna termínu konzultace: %s", "Změna termínu konzultace: %s"},
		KindCancellation: {"Zrušení konzultace %s", "Zrušení konzultace %s"},
		KindReminder:     {"Připomenutí konzultace %s", "Připomenutí konzultace %s"},
	},
	intros: map[Kind][2]string{
		KindConfirmation: {
			"děkujeme za Vaši rezervaci. Potvrzujeme konzultaci s expertem programu transformace sociálních služeb.",
			"máte novou rezervaci konzultace.",
		},
		KindChange: {
			"Vaše konzultace byla změněna. Platí tyto údaje:",
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
	minutes: func(n int) string {
		switch {
		case n == 1:
			return "1 minuta"
		case n >= 2 && n <= 4:
			return itoa(n) + " minuty"
		}
		return itoa(n) + " minut"
	},
	forms: map[string]string{
		FormPhone:  "telefonicky",
		FormOnline: "online",
		FormOnsite: "v místě poskytovatele",
	},
	topics: map[string]string{
		"transformation_plan": "Transformační plán",
		"community_services":  "Komunitní služby",
		"financing":           "Financování a investice",
		"human_resources":     "Lidské zdroje a vzdělávání",
		"case_management":     "Case management / případové vedení",
		"other":               "Jiné",
	},
	regions: map[string]string{
		"CZ010": "Hlavní město Praha",
		"CZ020": "Středočeský kraj",
		"CZ031": "Jihočeský kraj",
		"CZ032": "Plzeňský kraj",
		"CZ041": "Karlovarský kraj",
		"CZ042": "Ústecký kraj",
		"CZ051": "Liberecký kraj",
		"CZ052": "Královéhradecký kraj",
		"CZ053": "Pardubický kraj",
		"CZ063": "Kraj Vysočina",
		"CZ064": "Jihomoravský kraj",
		"CZ071": "Olomoucký kraj",
		"CZ072": "Zlínský kraj",
		"CZ080": "Moravskoslezský kraj",
	},
	howPerson: map[string]string{
		FormPhone:  "Konzultace proběhne telefonicky, expert Vám zavolá na číslo %s.",
		FormOnline: "Konzultace proběhne formou online schůzky. Odkaz na připojení Vám expert pošle e-mailem před jejím začátkem.",
	},
	howPersonNoPhone: "Konzultace proběhne telefonicky.",
	howExpert: map[string]string{
		FormPhone:  "Konzultace proběhne telefonicky. Zavolejte prosím kontaktní osobě na číslo %s.",
		FormOnline: "Konzultace proběhne formou online schůzky. Pošlete prosím kontaktní osobě odkaz na připojení na e-mail %s.",
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
	lang:     LangEnglish,
	weekdays: [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	months: [12]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"},
	zone: map[string]string{"CET": "CET", "CEST": "CEST"},

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
	minutes: func(n int) string {
		if n == 1 {
			return "1 minute"
		}
		return itoa(n) + " minutes"
	},
	forms: map[string]string{
		FormPhone:  "by phone",
		FormOnline: "online meeting",
		FormOnsite: "on site at the provider",
	},
	topics: map[string]string{
		"transformation_plan": "Transformation plan",
		"community_services":  "Community services",
		"financing":           "Financing and investment",
		"human_resources":     "Human resources and training",
		"case_management":     "Case management",
		"other":               "Other",
	},
	regions: map[string]string{
		"CZ010": "Prague",
		"CZ020": "Central Bohemian Region",
		"CZ031": "South Bohemian Region",
		"CZ032": "Plzeň Region",
		"CZ041": "Karlovy Vary Region",
		"CZ042": "Ústí nad Labem Region",
		"CZ051": "Liberec Region",
		"CZ052": "Hradec Králové Region",
		"CZ053": "Pardubice Region",
		"CZ063": "Vysočina Region",
		"CZ064": "South Moravian Region",
		"CZ071": "Olomouc Region",
		"CZ072": "Zlín Region",
		"CZ080": "Moravian-Silesian Region",
	},
	howPerson: map[string]string{
		FormPhone:  "The consultation will take place by phone; the expert will call you on %s.",
		FormOnline: "The consultation will take place as an online meeting. The expert will send you the link to join by e-mail before it starts.",
	},
	howPersonNoPhone: "The consultation will take place by phone.",
	howExpert: map[string]string{
		FormPhone:  "The consultation will take place by phone. Please call the contact person on %s.",
		FormOnline: "The consultation will take place as an online meeting. Please send the contact person the link to join at %s.",
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
