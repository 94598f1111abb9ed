package i18n

// The messages of the ESF+ answers, the erasure of registrations and the
// per-person registration limit (internal/workshops esf.go, erasure.go,
// limits.go), kept apart from the catalogue's literal as the staff side of
// events keeps its own (staffevents.go).
func init() {
	addStaffEvents(CS, map[string]string{
		"problem.registration_already_erased.title":  "Údaje již byly vymazány",
		"problem.registration_already_erased.detail": "Osobní údaje této registrace již byly vymazány.",
		"problem.esf_closed.title":                   "Údaje pro ESF+ už nelze zadat",
		"problem.esf_closed.detail":                  "Registrace byla zrušena nebo vymazána, údaje pro ESF+ k ní proto už nelze uložit.",
		"problem.registration_limit.title":           "Limit registrací je vyčerpán",
		"problem.registration_limit.detail":          "Na tuto e-mailovou adresu je už registrováno tolik nadcházejících akcí, kolik pravidla dovolují. Další registrace bude možná, až některá z akcí proběhne nebo registraci zrušíte.",
		"field.esf_consent":                          "Bez výslovného souhlasu údaje pro ESF+ uložit nemůžeme. Pokud je uvádět nechcete, nemusíte.",
		"field.registration_limit_email":             "Limit nadcházejících akcí registrovaných na tuto e-mailovou adresu (%[1]s) je vyčerpán.",
	})
	addStaffEvents(EN, map[string]string{
		"problem.registration_already_erased.title":  "Data already erased",
		"problem.registration_already_erased.detail": "The personal data of this registration has already been erased.",
		"problem.esf_closed.title":                   "ESF+ data can no longer be given",
		"problem.esf_closed.detail":                  "The registration was cancelled or erased, so no ESF+ data can be stored for it.",
		"problem.registration_limit.title":           "Registration limit reached",
		"problem.registration_limit.detail":          "This e-mail address is already registered for as many upcoming events as the rules allow. You can register for another once one of them has taken place or you have cancelled a registration.",
		"field.esf_consent":                          "We cannot store the ESF+ data without your explicit consent. You need not give it.",
		"field.registration_limit_email":             "This e-mail address already has the maximum number of upcoming events (%[1]s).",
	})
}
