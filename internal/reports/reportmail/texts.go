package reportmail

import (
	"fmt"

	"github.com/mpsv/brana/internal/mail"
)

// texts is what the notice says in one language.
type texts struct {
	lang           string
	months         [12]string
	subject        string // %s: the month
	subjectVersion string // %s: the month, %d: the version
	greeting       string
	introFirst     string             // %s: the month
	introVersion   string             // %d: the version, %s: the month
	changes        func(n int) string // how many figures changed
	figuresHead    string
	consultations  string
	organisations  string
	events         string
	attendance     string
	responses      string
	transformed    string
	ofTarget       string // %d of %d
	linkCTA        string
	signOff        string
	footer         string
	thousands      string
}

var csTexts = texts{
	lang:           mail.LangCzech,
	months:         [12]string{"leden", "únor", "březen", "duben", "květen", "červen", "červenec", "srpen", "září", "říjen", "listopad", "prosinec"},
	subject:        "Brána: měsíční zpráva za %s je připravena",
	subjectVersion: "Brána: měsíční zpráva za %s, verze %d",
	greeting:       "Dobrý den,",
	introFirst:     "měsíční zpráva programu s ukazateli za %s je připravena.",
	introVersion:   "vznikla verze %d měsíční zprávy za %s, protože se od předchozí verze změnily podklady (například dodatečně zapsaný výsledek konzultace). Předchozí verze zůstávají uložené.",
	changes: func(n int) string {
		var what string
		switch {
		case n == 1:
			what = "změnil 1 údaj"
		case n >= 2 && n <= 4:
			what = fmt.Sprintf("změnily %d údaje", n)
		default:
			what = fmt.Sprintf("změnilo %d údajů", n)
		}
		return "Oproti předchozí verzi se " + what + ", přehled změn je na konci zprávy."
	},
	figuresHead:   "Hlavní údaje:",
	consultations: "Uskutečněné konzultace",
	organisations: "Podpořené organizace od začátku programu",
	events:        "Uskutečněné akce",
	attendance:    "Účastníci akcí",
	responses:     "Odpovědi v dotaznících",
	transformed:   "Transformované sociální služby",
	ofTarget:      "%d ze %d",
	linkCTA:       "Celou zprávu (také ve formátech CSV, XLSX a JSON) najdete v Bráně:",
	signOff:       "Tento e-mail posílá Brána automaticky.",
	footer:        "Podpora procesu deinstitucionalizace a transformace sociálních služeb v ČR, MPSV, reg. č. CZ.03.02.02/00/22_004/0000724, spolufinancováno z ESF+ (OPZ+)",
	thousands:     "\u00a0",
}

var enTexts = texts{
	lang:           mail.LangEnglish,
	months:         [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	subject:        "Monthly report for %s",
	subjectVersion: "Monthly report for %s, version %d",
	greeting:       "Hello,",
	introFirst:     "The programme's monthly indicator report for %s is ready.",
	introVersion:   "Version %d of the monthly report for %s has been made because its underlying data changed since the previous version (an outcome recorded late, for example). The earlier versions are kept.",
	changes: func(n int) string {
		if n == 1 {
			return "1 figure changed from the previous version; the change is listed at the end of the report."
		}
		return fmt.Sprintf("%d figures changed from the previous version; the changes are listed at the end of the report.", n)
	},
	figuresHead:   "Headline figures:",
	consultations: "Consultations held",
	organisations: "Organisations supported since the programme's start",
	events:        "Events held",
	attendance:    "Event participants",
	responses:     "Survey responses",
	transformed:   "Social services transformed",
	ofTarget:      "%d of %d",
	linkCTA:       "The full report (also as CSV, XLSX and JSON) is in Brána:",
	signOff:       "Brána sends this message automatically.",
	thousands:     ",",
}
