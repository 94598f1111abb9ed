package i18n

// The messages of the public side of events (issue #9): registration,
// the waiting list and managing a registration. Added as the staff side's
// are (addStaffEvents: a key already present keeps its text).
func init() {
	addStaffEvents(CS, map[string]string{
		"problem.registration_closed.title":      "Registrace není otevřená",
		"problem.registration_closed.detail":     "Na tuto akci se teď registrovat nelze: registrace ještě nezačala, už skončila, nebo byla akce zrušena.",
		"problem.already_registered.title":       "Už jste registrováni",
		"problem.already_registered.detail":      "Na tuto akci je s touto e-mailovou adresou už registrace. Spravovat ji můžete odkazem z potvrzovacího e-mailu.",
		"problem.organisation_limit.title":       "Limit organizace je vyčerpán",
		"problem.organisation_limit.detail":      "Za organizaci s tímto IČO je na akci registrováno tolik lidí, kolik pořadatel dovoluje.",
		"problem.registration_not_active.title":  "Registraci nelze změnit",
		"problem.registration_not_active.detail": "Registrace je zrušená nebo už není v tomto stavu, takže ji nelze změnit.",
		"problem.registration_too_late.title":    "Na změnu je pozdě",
		"problem.registration_too_late.detail":   "Akce už začala. Pro změnu kontaktujte prosím pořadatele.",
		"problem.registration_changed.title":     "Registrace se mezitím změnila",
		"problem.registration_changed.detail":    "Registrace se mezitím změnila. Načtěte ji prosím znovu.",
		"problem.no_offer.title":                 "Žádné nabídnuté místo",
		"problem.no_offer.detail":                "Pro tuto registraci teď není žádné uvolněné místo k přijetí.",
		"problem.offer_expired.title":            "Nabídka vypršela",
		"problem.offer_expired.detail":           "Nabídnuté místo už nebylo možné přijmout, protože lhůta uplynula. Místo dostal další v pořadí.",
		"field.seat_offered":                     "Zvolte místo, které akce nabízí (prezenčně nebo online).",
		"field.month":                            "Zadejte měsíc ve tvaru RRRR-MM, např. 2026-12.",
	})
	addStaffEvents(EN, map[string]string{
		"problem.registration_closed.title":      "Registration is not open",
		"problem.registration_closed.detail":     "You cannot register for this event now: registration has not opened yet, has closed, or the event was cancelled.",
		"problem.already_registered.title":       "You are already registered",
		"problem.already_registered.detail":      "There is already a registration for this event with this e-mail address. You can manage it from the link in your confirmation e-mail.",
		"problem.organisation_limit.title":       "The organisation's limit is reached",
		"problem.organisation_limit.detail":      "As many people are registered for this event on behalf of the organisation with this IČO as the organiser allows.",
		"problem.registration_not_active.title":  "The registration cannot be changed",
		"problem.registration_not_active.detail": "The registration is cancelled or no longer in this state, so it cannot be changed.",
		"problem.registration_too_late.title":    "Too late for a change",
		"problem.registration_too_late.detail":   "The event has already started. Please contact the organiser about any change.",
		"problem.registration_changed.title":     "The registration has changed",
		"problem.registration_changed.detail":    "The registration changed in the meantime. Please load it again.",
		"problem.no_offer.title":                 "No seat offered",
		"problem.no_offer.detail":                "There is no freed seat to accept for this registration now.",
		"problem.offer_expired.title":            "The offer has expired",
		"problem.offer_expired.detail":           "The offered seat can no longer be accepted because the time ran out. It went to the next person in line.",
		"field.seat_offered":                     "Choose a seat the event offers (in person or online).",
		"field.month":                            "Enter a month as YYYY-MM, e.g. 2026-12.",
	})
}
