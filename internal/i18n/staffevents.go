package i18n

// The messages of the staff side of events (issue #9), kept apart from the
// catalogue's literal so that the parts of the capability add theirs
// without touching each other's lines. A key the catalogue already has
// keeps the catalogue's text.
func init() {
	addStaffEvents(CS, map[string]string{
		"problem.event_not_found.title":             "Akce nenalezena",
		"problem.event_not_found.detail":            "Akce neexistuje.",
		"problem.event_changed.title":               "Akce se mezitím změnila",
		"problem.event_changed.detail":              "Akci mezitím upravil někdo jiný. Načtěte ji prosím znovu.",
		"problem.registration_not_found.title":      "Registrace nenalezena",
		"problem.registration_not_found.detail":     "Registrace na tuto akci neexistuje.",
		"problem.registration_changed.title":        "Registrace se mezitím změnila",
		"problem.registration_changed.detail":       "Registraci mezitím změnil někdo jiný. Načtěte ji prosím znovu.",
		"problem.capacity_below_taken.title":        "Méně míst, než je obsazeno",
		"problem.capacity_below_taken.detail":       "Kapacitu nelze snížit pod počet již obsazených míst. Nejprve je potřeba zrušit některé registrace.",
		"problem.event_status.title":                "V tomto stavu akce nelze",
		"problem.event_status.detail":               "V současném stavu akce tuto změnu provést nelze. Akce přechází z konceptu do stavu zveřejněná a z něj do stavu zrušená nebo proběhlá.",
		"problem.event_not_started.title":           "Akce ještě nezačala",
		"problem.event_not_started.detail":          "Akci lze označit jako proběhlou až po začátku jejího prvního bloku.",
		"problem.registration_not_checkable.title":  "Registraci nelze odbavit",
		"problem.registration_not_checkable.detail": "Odbavit lze jen potvrzenou registraci; tato je zrušená nebo čeká na uvolněné místo.",
		"problem.walk_in_not_on_the_day.title":      "Jen v den konání",
		"problem.walk_in_not_on_the_day.detail":     "Účastníka bez registrace lze přidat jen v den konání akce.",
		"problem.checkin_before_the_day.title":      "Na odbavení je ještě brzy",
		"problem.checkin_before_the_day.detail":     "Účastníky lze odbavit nejdříve v den konání akce.",
		"problem.event_full.title":                  "Akce je plně obsazená",
		"problem.event_full.detail":                 "Volné místo pro tuto registraci není. Nejprve zvyšte kapacitu akce nebo zrušte jinou registraci, pak účastníka přesuňte znovu.",
		"problem.registration_not_waiting.title":    "Registrace nečeká na místo",
		"problem.registration_not_waiting.detail":   "Z pořadníku lze přesunout jen registraci, která čeká na místo nebo má místo nabídnuté; tato je zrušená, propadlá nebo nedorazila.",
		"field.excluded_if":                         "Pro zvolenou formu akce tento údaj nevyplňujte.",
		"field.https_url":                           "Zadejte úplný odkaz začínající https://.",
		"field.future":                              "Začátek musí být v budoucnosti.",
		"field.session_length":                      "Blok smí trvat nejvýše %[1]s hodin.",
		"field.event_days":                          "Bloky akce se musí konat během nejvýše %[1]s po sobě jdoucích dní (dva dny jen u stáže).",
		"field.before_start":                        "Registrace se musí uzavřít nejpozději v okamžiku začátku akce.",
		"field.webinar_online":                      "Webinář se koná online nebo hybridně, ne jen prezenčně.",
		"field.checkin_code":                        "Kód pro odbavení není platný. Naskenujte jej prosím znovu.",
		"field.checkin_event":                       "Kód pro odbavení patří k jiné akci.",
		"field.owner_admin":                         "Vlastníka akce může určit jen administrátor.",
		"field.required_without":                    "Vyplňte tento údaj, nebo ten druhý.",
		"field.excluded_with":                       "Vyplňte jen jeden z obou údajů.",
	})
	addStaffEvents(EN, map[string]string{
		"problem.event_not_found.title":             "Event not found",
		"problem.event_not_found.detail":            "The event does not exist.",
		"problem.event_changed.title":               "The event has changed",
		"problem.event_changed.detail":              "Someone else changed the event in the meantime. Please load it again.",
		"problem.registration_not_found.title":      "Registration not found",
		"problem.registration_not_found.detail":     "The registration for this event does not exist.",
		"problem.registration_changed.title":        "The registration has changed",
		"problem.registration_changed.detail":       "Someone else changed the registration in the meantime. Please load it again.",
		"problem.capacity_below_taken.title":        "Fewer seats than taken",
		"problem.capacity_below_taken.detail":       "The capacity cannot be set below the seats already taken. Some registrations must be cancelled first.",
		"problem.event_status.title":                "Not possible in this status",
		"problem.event_status.detail":               "This change is not possible in the event's current status. An event goes from draft to published, and from published to cancelled or held.",
		"problem.event_not_started.title":           "The event has not started",
		"problem.event_not_started.detail":          "An event can be marked as held only once its first session has begun.",
		"problem.registration_not_checkable.title":  "The registration cannot be checked in",
		"problem.registration_not_checkable.detail": "Only a confirmed registration can be checked in; this one is cancelled or on the waiting list.",
		"problem.walk_in_not_on_the_day.title":      "Only on the day",
		"problem.walk_in_not_on_the_day.detail":     "A person without a registration can be added only on the day of the event.",
		"problem.checkin_before_the_day.title":      "Too early to check in",
		"problem.checkin_before_the_day.detail":     "People can be checked in from the day of the event onwards.",
		"problem.event_full.title":                  "The event is full",
		"problem.event_full.detail":                 "No seat is free for this registration. Raise the event's capacity or cancel another registration first, then move the person again.",
		"problem.registration_not_waiting.title":    "The registration is not waiting",
		"problem.registration_not_waiting.detail":   "Only a registration that is waiting for a seat or has been offered one can be moved from the waiting list; this one is cancelled, expired or a no-show.",
		"field.excluded_if":                         "Leave this empty for the chosen mode of the event.",
		"field.https_url":                           "Enter a full link starting with https://.",
		"field.future":                              "The start must be in the future.",
		"field.session_length":                      "A session may last at most %[1]s hours.",
		"field.event_days":                          "The sessions must take place within at most %[1]s consecutive days (two days only for a study visit).",
		"field.before_start":                        "Registration must close at the start of the event at the latest.",
		"field.webinar_online":                      "A webinar is online or hybrid, not in person only.",
		"field.checkin_code":                        "The check-in code is not valid. Please scan it again.",
		"field.checkin_event":                       "The check-in code belongs to another event.",
		"field.owner_admin":                         "Only an administrator can set the event's owner.",
		"field.required_without":                    "Fill in this field or the other one.",
		"field.excluded_with":                       "Fill in only one of the two fields.",
	})
}

func addStaffEvents(lang Lang, msgs map[string]string) {
	for k, v := range msgs {
		if _, ok := catalogue[lang][k]; !ok {
			catalogue[lang][k] = v
		}
	}
}
