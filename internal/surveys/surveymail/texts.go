package surveymail

import "github.com/mpsv/brana/internal/mail"

// catalogue is what the e-mails say in one language.
type catalogue struct {
	lang string

	greeting            string
	subjectConsultation map[Kind]string
	subjectEvent        map[Kind]string // %s: the event's title
	// occasion opens the e-mail: [kind][occasion], with the day (a
	// consultation) or the event's title and day.
	occasion        map[Kind]map[Occasion]string
	invitationIntro string // %s: the occasion's sentence, %s: the survey's title
	reminderIntro   string // the same
	anonymous       string
	reminderOnce    string
	answerCTA       string
	button          string
	validity        string // %s: the expiry
	optOutCTA       map[Kind]string
	closing         string
	signature       string
	footer          string
}

var catalogues = map[string]*catalogue{mail.LangCzech: &cs, mail.LangEnglish: &en}

var cs = catalogue{
	lang:     mail.LangCzech,
	greeting: "Dobrý den,",
	subjectConsultation: map[Kind]string{
		KindInvitation: "Jak vám konzultace pomohla? Krátký anonymní dotazník",
		KindReminder:   "Připomínka: krátký anonymní dotazník ke konzultaci",
	},
	subjectEvent: map[Kind]string{
		KindInvitation: "Jak hodnotíte akci „%s“? Krátký anonymní dotazník",
		KindReminder:   "Připomínka: krátký anonymní dotazník k akci „%s“",
	},
	occasion: map[Kind]map[Occasion]string{
		KindInvitation: {
			OccasionConsultation: "děkujeme za konzultaci, která proběhla %s.",
			OccasionEvent:        "děkujeme za vaši účast na akci „%s“, která se konala %s.",
		},
		KindReminder: {
			OccasionConsultation: "před týdnem jsme vás prosili o vyplnění krátkého dotazníku ke konzultaci, která proběhla %s.",
			OccasionEvent:        "před týdnem jsme vás prosili o vyplnění krátkého dotazníku k akci „%s“, která se konala %s.",
		},
	},
	invitationIntro: "%s Rádi bychom věděli, jestli vám byla k užitku a co můžeme zlepšit. Prosíme vás proto o vyplnění krátkého dotazníku „%s“. Zabere vám asi 5 minut.",
	reminderIntro:   "%s Pokud jste se k dotazníku „%s“ ještě nedostali, budeme rádi, když si na něj najdete asi 5 minut.",
	anonymous:       "Dotazník je anonymní. Vaše odpovědi ukládáme bez jména, e-mailu a bez údajů o tom, kdo je poslal, takže je k vám nikdo nepřiřadí. Výsledky používáme jen souhrnně, ke zlepšení programu.",
	reminderOnce:    "Je to jediná připomínka, další už vám nepošleme.",
	answerCTA:       "Dotazník vyplníte zde:",
	button:          "Vyplnit dotazník",
	validity:        "Odkaz je jen pro vás, použít ho můžete jednou a platí do %s.",
	optOutCTA: map[Kind]string{
		KindInvitation: "Pokud dotazník vyplnit nechcete, můžete ho odmítnout. Pak vám už nepošleme ani připomínku:",
		KindReminder:   "Pokud dotazník vyplnit nechcete, můžete ho odmítnout zde:",
	},
	closing:   "S pozdravem",
	signature: "tým projektu Transformace sociálních služeb, MPSV",
	footer:    "Podpora procesu deinstitucionalizace a transformace sociálních služeb v ČR, MPSV, reg. č. CZ.03.02.02/00/22_004/0000724, spolufinancováno z ESF+ (OPZ+)",
}

var en = catalogue{
	lang:     mail.LangEnglish,
	greeting: "Hello,",
	subjectConsultation: map[Kind]string{
		KindInvitation: "How did the consultation help you? A short anonymous survey",
		KindReminder:   "Reminder: a short anonymous survey about your consultation",
	},
	subjectEvent: map[Kind]string{
		KindInvitation: "What did you think of “%s”? A short anonymous survey",
		KindReminder:   "Reminder: a short anonymous survey about “%s”",
	},
	occasion: map[Kind]map[Occasion]string{
		KindInvitation: {
			OccasionConsultation: "Thank you for the consultation held on %s.",
			OccasionEvent:        "Thank you for attending “%s” on %s.",
		},
		KindReminder: {
			OccasionConsultation: "A week ago we asked you to fill in a short survey about the consultation held on %s.",
			OccasionEvent:        "A week ago we asked you to fill in a short survey about “%s”, held on %s.",
		},
	},
	invitationIntro: "%s We would like to know whether it was useful to you and what we could do better, so we would be grateful if you filled in a short survey, “%s”. It takes about 5 minutes.",
	reminderIntro:   "%s If you have not yet had the chance to answer “%s”, we would be glad if you could spare about 5 minutes for it.",
	anonymous:       "The survey is anonymous. Your answers are stored without your name, your e-mail address or anything that says who sent them, so nobody can trace them back to you. We only use the results in summary, to improve the programme.",
	reminderOnce:    "This is the only reminder; we will not write again.",
	answerCTA:       "Fill in the survey here:",
	button:          "Fill in the survey",
	validity:        "The link is for you only, works once and is valid until %s.",
	optOutCTA: map[Kind]string{
		KindInvitation: "If you would rather not take part, you can decline the survey, and we will not send you a reminder:",
		KindReminder:   "If you would rather not take part, you can decline the survey here:",
	},
	closing:   "Kind regards,",
	signature: "the team of the Transformation of Social Services project, MPSV",
	footer:    "Support for the deinstitutionalisation and transformation of social services in the Czech Republic, MPSV, reg. no. CZ.03.02.02/00/22_004/0000724, co-funded by the ESF+ (OPZ+)",
}
