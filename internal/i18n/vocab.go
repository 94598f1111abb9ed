package i18n

// vocabulary holds the display names of the programme's vocabulary
// (internal/programme and the regions of internal/cz), once, for the API,
// the e-mails and the web front door. Keys: vocab.<kind>.<code>, where kind
// is form, topic, target_group, region or lang. They are merged into the
// catalogue, so i18n.T(lang, "vocab.topic.financing") finds them.
var vocabulary = map[Lang]map[string]string{
	CS: {
		"vocab.form.phone":  "Telefonicky",
		"vocab.form.online": "Online schůzka",
		"vocab.form.onsite": "V místě poskytovatele",

		"vocab.topic.transformation_plan": "Transformační plán",
		"vocab.topic.community_services":  "Komunitní služby",
		"vocab.topic.financing":           "Financování a investice",
		"vocab.topic.human_resources":     "Lidské zdroje a vzdělávání",
		"vocab.topic.case_management":     "Case management / případové vedení",
		"vocab.topic.other":               "Jiné",

		"vocab.target_group.public_administration": "Veřejná správa (kraj, ORP, obec, stát)",
		"vocab.target_group.provider":              "Poskytovatel sociálních služeb a jeho zaměstnanci",
		"vocab.target_group.client":                "Uživatel služeb a jeho rodina",
		"vocab.target_group.community":             "Místní komunita, veřejnost",

		"vocab.region.CZ010": "Hlavní město Praha",
		"vocab.region.CZ020": "Středočeský kraj",
		"vocab.region.CZ031": "Jihočeský kraj",
		"vocab.region.CZ032": "Plzeňský kraj",
		"vocab.region.CZ041": "Karlovarský kraj",
		"vocab.region.CZ042": "Ústecký kraj",
		"vocab.region.CZ051": "Liberecký kraj",
		"vocab.region.CZ052": "Královéhradecký kraj",
		"vocab.region.CZ053": "Pardubický kraj",
		"vocab.region.CZ063": "Kraj Vysočina",
		"vocab.region.CZ064": "Jihomoravský kraj",
		"vocab.region.CZ071": "Olomoucký kraj",
		"vocab.region.CZ072": "Zlínský kraj",
		"vocab.region.CZ080": "Moravskoslezský kraj",

		"vocab.lang.cs": "Čeština",
		"vocab.lang.en": "English",
	},
	EN: {
		"vocab.form.phone":  "By phone",
		"vocab.form.online": "Online meeting",
		"vocab.form.onsite": "On site at the provider",

		"vocab.topic.transformation_plan": "Transformation plan",
		"vocab.topic.community_services":  "Community services",
		"vocab.topic.financing":           "Financing and investment",
		"vocab.topic.human_resources":     "Human resources and training",
		"vocab.topic.case_management":     "Case management",
		"vocab.topic.other":               "Other",

		"vocab.target_group.public_administration": "Public administration (region, municipality, state)",
		"vocab.target_group.provider":              "Social-service provider and its staff",
		"vocab.target_group.client":                "Service user and their family",
		"vocab.target_group.community":             "Local community, the public",

		"vocab.region.CZ010": "Prague",
		"vocab.region.CZ020": "Central Bohemian Region",
		"vocab.region.CZ031": "South Bohemian Region",
		"vocab.region.CZ032": "Plzeň Region",
		"vocab.region.CZ041": "Karlovy Vary Region",
		"vocab.region.CZ042": "Ústí nad Labem Region",
		"vocab.region.CZ051": "Liberec Region",
		"vocab.region.CZ052": "Hradec Králové Region",
		"vocab.region.CZ053": "Pardubice Region",
		"vocab.region.CZ063": "Vysočina Region",
		"vocab.region.CZ064": "South Moravian Region",
		"vocab.region.CZ071": "Olomouc Region",
		"vocab.region.CZ072": "Zlín Region",
		"vocab.region.CZ080": "Moravian-Silesian Region",

		"vocab.lang.cs": "Čeština",
		"vocab.lang.en": "English",
	},
}

func init() {
	for lang, names := range vocabulary {
		for k, v := range names {
			catalogue[lang][k] = v
		}
	}
}

// Name returns the display name of a vocabulary code: kind is form, topic,
// target_group, region or lang. An unknown code is returned as it is.
func Name(lang Lang, kind, code string) string {
	key := "vocab." + kind + "." + code
	if !Has(lang, key) && !Has(CS, key) {
		return code
	}
	return T(lang, key)
}
