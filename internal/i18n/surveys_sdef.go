package i18n

// The messages of survey definitions, versions and answer validation
// (issue #10), kept apart from the catalogue's literal so that the parts of
// the capability add theirs without touching each other's lines.
func init() {
	addSurveysSdef(CS, map[string]string{
		"field.survey_var":        "Název proměnné začíná malým písmenem a obsahuje jen malá písmena bez diakritiky, číslice a podtržítka, nejvýše 40 znaků, např. q3_spokojenost.",
		"field.survey_wave_code":  "Kód vlny začíná malým písmenem a obsahuje jen malá písmena bez diakritiky, číslice a podtržítka, nejvýše 32 znaků, např. baseline.",
		"field.survey_excluded":   "U tohoto druhu průzkumu nebo typu otázky se tento údaj nevyplňuje.",
		"field.survey_scale":      "Škála musí mít přesně %[1]s popisků, od nejhoršího po nejlepší.",
		"field.survey_count":      "Počet položek musí být v rozmezí %[1]s.",
		"field.survey_earlier":    "Podmínka se musí odkazovat na některou z předchozích otázek.",
		"field.survey_coded":      "Podmínka se může odkazovat jen na otázku s kódovanými odpověďmi (výběr, škála, doporučení 0–10, ano/ne).",
		"field.survey_no_code":    "Otázka, na kterou se podmínka odkazuje, odpověď s kódem %[1]s nemá.",
		"field.survey_hidden":     "Tato otázka se podle předchozích odpovědí nezobrazuje, a proto na ni neodpovídejte.",
		"field.survey_integer":    "Zadejte celé číslo.",
		"field.survey_min_chosen": "Vyberte alespoň tento počet možností: %[1]s.",
		"field.survey_max_chosen": "Vyberte nejvýše tento počet možností: %[1]s.",
		"field.survey_trimmed":    "Text nesmí začínat ani končit mezerou.",
		"field.survey_min_max":    "Horní mez nesmí být menší než dolní.",
		"field.survey_schema":     "Údaj neodpovídá schématu definice průzkumu (%[1]s).",

		"problem.survey_not_found.title":           "Průzkum nenalezen",
		"problem.survey_not_found.detail":          "Průzkum neexistuje.",
		"problem.survey_version_not_found.title":   "Verze průzkumu nenalezena",
		"problem.survey_version_not_found.detail":  "Tato verze průzkumu neexistuje.",
		"problem.survey_changed.title":             "Průzkum se mezitím změnil",
		"problem.survey_changed.detail":            "Průzkum mezitím upravil někdo jiný. Načtěte ho prosím znovu.",
		"problem.survey_nothing_to_publish.title":  "Není co zveřejnit",
		"problem.survey_nothing_to_publish.detail": "Nejnovější verze průzkumu už je zveřejněná. Nejprve uložte upravený koncept.",
		"problem.survey_closed.title":              "Průzkum je uzavřený",
		"problem.survey_closed.detail":             "Uzavřený průzkum už nelze upravovat ani znovu otevřít.",
		"problem.survey_kind_changed.title":        "Druh průzkumu nelze změnit",
		"problem.survey_kind_changed.detail":       "Nová verze musí mít stejný druh a stejné publikum jako průzkum. Pro jiný druh založte nový průzkum.",
	})
	addSurveysSdef(EN, map[string]string{
		"field.survey_var":        "A variable name starts with a lower-case letter and holds only lower-case letters without diacritics, digits and underscores, at most 40 characters, e.g. q3_satisfaction.",
		"field.survey_wave_code":  "A wave code starts with a lower-case letter and holds only lower-case letters without diacritics, digits and underscores, at most 32 characters, e.g. baseline.",
		"field.survey_excluded":   "Leave this empty for this kind of survey or type of question.",
		"field.survey_scale":      "The scale must have exactly %[1]s labels, from the worst to the best.",
		"field.survey_count":      "The number of entries must be within %[1]s.",
		"field.survey_earlier":    "The condition must refer to one of the earlier questions.",
		"field.survey_coded":      "The condition can refer only to a question with coded answers (a choice, a scale, a 0–10 rating, yes/no).",
		"field.survey_no_code":    "The question the condition refers to has no answer with code %[1]s.",
		"field.survey_hidden":     "This question is not shown after your earlier answers, so leave it unanswered.",
		"field.survey_integer":    "Enter a whole number.",
		"field.survey_min_chosen": "Choose at least this many options: %[1]s.",
		"field.survey_max_chosen": "Choose at most this many options: %[1]s.",
		"field.survey_trimmed":    "The text must not start or end with a space.",
		"field.survey_min_max":    "The upper bound must not be below the lower bound.",
		"field.survey_schema":     "The value does not match the survey definition schema (%[1]s).",

		"problem.survey_not_found.title":           "Survey not found",
		"problem.survey_not_found.detail":          "The survey does not exist.",
		"problem.survey_version_not_found.title":   "Survey version not found",
		"problem.survey_version_not_found.detail":  "This version of the survey does not exist.",
		"problem.survey_changed.title":             "The survey has changed",
		"problem.survey_changed.detail":            "Someone else changed the survey in the meantime. Please load it again.",
		"problem.survey_nothing_to_publish.title":  "Nothing to publish",
		"problem.survey_nothing_to_publish.detail": "The survey's latest version is already published. Save an edited draft first.",
		"problem.survey_closed.title":              "The survey is closed",
		"problem.survey_closed.detail":             "A closed survey can no longer be edited or opened again.",
		"problem.survey_kind_changed.title":        "The kind of a survey cannot change",
		"problem.survey_kind_changed.detail":       "A new version must have the survey's kind and audience. Create a new survey for another kind.",
	})
}

func addSurveysSdef(lang Lang, msgs map[string]string) {
	for k, v := range msgs {
		if _, ok := catalogue[lang][k]; !ok {
			catalogue[lang][k] = v
		}
	}
}
