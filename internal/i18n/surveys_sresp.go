package i18n

// The messages of answering surveys (issue #10): the public link of an
// awareness survey, the invitation to an evaluation survey and its
// opt-out. Kept apart from the catalogue's literal so that the parts of
// the capability add theirs without touching each other's lines; a key
// already present keeps its text.
func init() {
	addSurveysSresp(CS, map[string]string{
		"problem.survey_not_found.title":         "Průzkum nenalezen",
		"problem.survey_not_found.detail":        "Průzkum neexistuje.",
		"problem.survey_not_running.title":       "Průzkum teď neprobíhá",
		"problem.survey_not_running.detail":      "Odpovědi na tento průzkum se teď nesbírají: průzkum je uzavřený, nebo právě neběží žádné z jeho kol. Děkujeme za zájem.",
		"problem.survey_version_changed.title":   "Průzkum se mezitím změnil",
		"problem.survey_version_changed.detail":  "Mezitím vyšla nová verze dotazníku. Načtěte prosím stránku znovu; vaše odpovědi zůstanou vyplněné, kde to jde.",
		"problem.already_answered.title":         "Už jste odpověděli",
		"problem.already_answered.detail":        "Z tohoto prohlížeče už odpověď na tento průzkum přišla. Děkujeme!",
		"problem.invitation_not_found.title":     "Pozvánka nenalezena",
		"problem.invitation_not_found.detail":    "Odkaz na dotazník není platný. Zkontrolujte prosím, že jste z e-mailu zkopírovali celý odkaz.",
		"problem.invitation_answered.title":      "Dotazník už je vyplněný",
		"problem.invitation_answered.detail":     "Na tuto pozvánku už odpověď přišla. Každou pozvánkou lze dotazník vyplnit jen jednou. Děkujeme!",
		"problem.invitation_opted_out.title":     "Účast jste odmítli",
		"problem.invitation_opted_out.detail":    "U této pozvánky jste dali vědět, že dotazník vyplňovat nechcete. Už vám k ní nic nepošleme.",
		"problem.invitation_expired.title":       "Platnost pozvánky skončila",
		"problem.invitation_expired.detail":      "Odkaz na dotazník platí 30 dní od odeslání pozvánky a tato doba už uplynula, nebo byl průzkum uzavřen.",
		"problem.invitation_wrong_survey.title":  "Pozvánka patří k jinému průzkumu",
		"problem.invitation_wrong_survey.detail": "Tato pozvánka je k jinému průzkumu. Použijte prosím odkaz z e-mailu.",
		"survey.invitation.open":                 "Dotazník je anonymní: vaše odpovědi neukládáme spolu s vaším jménem, e-mailem, rezervací ani registrací. Vyplnit ho můžete jednou.",
		"survey.invitation.answered":             "Dotazník jste už vyplnili. Děkujeme za vaše odpovědi!",
		"survey.invitation.opted_out":            "Účast v tomto dotazníku jste odmítli. Už vám k němu nic nepošleme.",
		"survey.invitation.expired":              "Platnost odkazu skončila: dotazník šlo vyplnit 30 dní od pozvánky, nebo byl průzkum mezitím uzavřen.",
		"field.survey_version":                   "Uveďte verzi dotazníku, na který odpovídáte.",
		"field.browser_key":                      "Klíč prohlížeče musí mít 16 až 128 znaků: písmena bez diakritiky, číslice, - a _.",
		"field.survey_context":                   "Vyberte jednu z nabízených možností, nebo „neuvádím“.",
	})
	addSurveysSresp(EN, map[string]string{
		"problem.survey_not_found.title":         "Survey not found",
		"problem.survey_not_found.detail":        "The survey does not exist.",
		"problem.survey_not_running.title":       "The survey is not running",
		"problem.survey_not_running.detail":      "This survey is not collecting answers now: it is closed, or none of its rounds is running at the moment. Thank you for your interest.",
		"problem.survey_version_changed.title":   "The survey has changed",
		"problem.survey_version_changed.detail":  "A new version of the questionnaire came out in the meantime. Please load the page again; your answers stay filled in where possible.",
		"problem.already_answered.title":         "You have already answered",
		"problem.already_answered.detail":        "An answer to this survey has already come from this browser. Thank you!",
		"problem.invitation_not_found.title":     "Invitation not found",
		"problem.invitation_not_found.detail":    "The survey link is not valid. Please check that you copied the whole link from the e-mail.",
		"problem.invitation_answered.title":      "The questionnaire is already answered",
		"problem.invitation_answered.detail":     "This invitation has already been answered. Each invitation takes one answer. Thank you!",
		"problem.invitation_opted_out.title":     "You declined",
		"problem.invitation_opted_out.detail":    "You told us you do not want to answer this questionnaire. We will send you nothing more about it.",
		"problem.invitation_expired.title":       "The invitation has expired",
		"problem.invitation_expired.detail":      "The survey link is valid for 30 days after the invitation was sent and that time has passed, or the survey was closed.",
		"problem.invitation_wrong_survey.title":  "The invitation is for another survey",
		"problem.invitation_wrong_survey.detail": "This invitation is for another survey. Please use the link from the e-mail.",
		"survey.invitation.open":                 "The questionnaire is anonymous: your answers are not stored with your name, e-mail, booking or registration. You can answer it once.",
		"survey.invitation.answered":             "You have already answered the questionnaire. Thank you for your answers!",
		"survey.invitation.opted_out":            "You declined this questionnaire. We will send you nothing more about it.",
		"survey.invitation.expired":              "The link has expired: the questionnaire could be answered for 30 days after the invitation, or the survey has been closed since.",
		"field.survey_version":                   "Give the version of the questionnaire you are answering.",
		"field.browser_key":                      "The browser key must have 16 to 128 characters: letters without diacritics, digits, - and _.",
		"field.survey_context":                   "Choose one of the options offered, or \"not stated\".",
	})
}

func addSurveysSresp(lang Lang, msgs map[string]string) {
	for k, v := range msgs {
		if _, ok := catalogue[lang][k]; !ok {
			catalogue[lang][k] = v
		}
	}
}
