package i18n

// The messages of the staff reports routes and the transformation
// register (issue #11, internal/reports/reportapi and
// internal/reports/register), kept apart from the catalogue's literal so
// that the parts of the capability add theirs without touching each
// other's lines. A key already present keeps its text.
func init() {
	addReportsAPI(CS, map[string]string{
		"field.registry_id":       "Zadejte identifikátor služby z registru poskytovatelů sociálních služeb: 6 až 8 číslic, obvykle 7, např. 1726354.",
		"field.not_future":        "Datum nesmí být v budoucnosti.",
		"field.not_before_last":   "Datum nesmí předcházet poslední změně fáze (%[1]s).",
		"field.phase_same":        "Služba už v této fázi je.",
		"field.max_changes":       "Služba má už %[1]s změn fáze; další zaznamenat nelze.",
		"field.phase_next":        "Fáze se mění vždy jen o jeden krok dopředu, teď tedy na „%[1]s“. Návrat do dřívější fáze je oprava a musí mít uvedený důvod.",
		"field.correction_reason": "Při návratu do dřívější fáze uveďte důvod opravy.",
		"field.report_month":      "Zadejte měsíc ve tvaru RRRR-MM od %[1]s do minulého měsíce.",
		"field.report_version":    "Zadejte číslo verze zprávy, celé číslo od 1.",

		"problem.service_not_found.title":       "Služba nenalezena",
		"problem.service_not_found.detail":      "Služba v registru transformace neexistuje.",
		"problem.service_changed.title":         "Služba se mezitím změnila",
		"problem.service_changed.detail":        "Záznam služby mezitím upravil někdo jiný. Načtěte ho prosím znovu a změnu zopakujte.",
		"problem.service_exists.title":          "Služba už existuje",
		"problem.service_exists.detail":         "Služba s tímto identifikátorem už v registru je.",
		"problem.report_not_found.title":        "Zpráva nenalezena",
		"problem.report_not_found.detail":       "Zpráva za tento měsíc nebo v této verzi zatím neexistuje.",
		"problem.report_file_not_found.title":   "Soubor nenalezen",
		"problem.report_file_not_found.detail":  "Tento soubor zprávy není k dispozici.",
		"problem.report_run_unavailable.title":  "Zpracování nelze spustit",
		"problem.report_run_unavailable.detail": "Zpracování zprávy se teď nepodařilo spustit. Zkuste to prosím za chvíli znovu.",
	})
	addReportsAPI(EN, map[string]string{
		"field.registry_id":       "Enter the service's identifier in the national register of social services: 6 to 8 digits, usually 7, e.g. 1726354.",
		"field.not_future":        "The date must not be in the future.",
		"field.not_before_last":   "The date must not be before the last phase change (%[1]s).",
		"field.phase_same":        "The service is in this phase already.",
		"field.max_changes":       "The service has %[1]s phase changes already; no more can be recorded.",
		"field.phase_next":        "The phase moves only one step forward at a time, so now to “%[1]s”. Going back to an earlier phase is a correction and needs a reason.",
		"field.correction_reason": "Give the reason for the correction when going back to an earlier phase.",
		"field.report_month":      "Enter a month as YYYY-MM from %[1]s to last month.",
		"field.report_version":    "Enter the report's version number, a whole number from 1.",

		"problem.service_not_found.title":       "Service not found",
		"problem.service_not_found.detail":      "The service is not in the transformation register.",
		"problem.service_changed.title":         "The service has changed",
		"problem.service_changed.detail":        "Someone else has changed the service's record in the meantime. Please load it again and repeat your change.",
		"problem.service_exists.title":          "The service exists already",
		"problem.service_exists.detail":         "A service with this identifier is in the register already.",
		"problem.report_not_found.title":        "Report not found",
		"problem.report_not_found.detail":       "There is no report for this month or in this version yet.",
		"problem.report_file_not_found.title":   "File not found",
		"problem.report_file_not_found.detail":  "This file of the report is not available.",
		"problem.report_run_unavailable.title":  "The run cannot be started",
		"problem.report_run_unavailable.detail": "The report's run could not be started just now. Please try again in a moment.",
	})
}

func addReportsAPI(lang Lang, msgs map[string]string) {
	for k, v := range msgs {
		if _, ok := catalogue[lang][k]; !ok {
			catalogue[lang][k] = v
		}
	}
}
