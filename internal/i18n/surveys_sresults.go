package i18n

// The messages of survey results and exports (issue #10), kept apart from
// the catalogue's literal so that the parts of the capability add theirs
// without touching each other's lines. A key already present keeps its
// text.
func init() {
	addSurveysSresults(CS, map[string]string{
		"field.month":                            "Zadejte měsíc ve tvaru RRRR-MM, např. 2026-12.",
		"field.month_order":                      "Měsíc „do“ nesmí být dřív než měsíc „od“.",
		"field.month_span":                       "Období smí zahrnovat nejvýše %[1]s měsíců.",
		"field.survey_version":                   "Zadejte číslo verze průzkumu, celé číslo od 1.",
		"problem.survey_export_too_large.title":  "Export je příliš velký",
		"problem.survey_export_too_large.detail": "Odpovědi za zvolené období se do jednoho souboru nevejdou (nejvýše %[1]d MB). Zvolte prosím kratší období a stáhněte export po částech.",
	})
	addSurveysSresults(EN, map[string]string{
		"field.month":                            "Enter a month as YYYY-MM, e.g. 2026-12.",
		"field.month_order":                      "The “to” month must not be before the “from” month.",
		"field.month_span":                       "The period may span at most %[1]s months.",
		"field.survey_version":                   "Enter the survey's version number, a whole number from 1.",
		"problem.survey_export_too_large.title":  "The export is too large",
		"problem.survey_export_too_large.detail": "The responses of the chosen period do not fit in one file (at most %[1]d MB). Please choose a shorter period and download the export in parts.",
	})
}

func addSurveysSresults(lang Lang, msgs map[string]string) {
	for k, v := range msgs {
		if _, ok := catalogue[lang][k]; !ok {
			catalogue[lang][k] = v
		}
	}
}
