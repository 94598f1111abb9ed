// Package certpdf makes the certificate of attendance as a PDF, and holds
// what the events' PDFs share: the embedded fonts, the programme's funding
// line, Czech and English names of kinds, dates and hours.
//
// The PDFs embed the Go fonts (golang.org/x/image/font/gofont), which carry
// every letter of Czech, as Unicode TrueType subsets with a ToUnicode map:
// the text can be searched, copied and read aloud. Each PDF states its
// title, author, subject and language.
//
// It links go-pdf/fpdf and the fonts, nothing of spreadsheets or
// collation, so that a function that only hands out certificates (the
// public manage page) stays small; internal/workshops/docs builds the
// attendance sheet and the exports on it for staff.
package certpdf

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/workshops"
)

// The programme whose money pays for the events, as its documents state it
// (the project page's wording, docs/… and the e-mails' footers agree).
const (
	ProjectNumber = "CZ.03.02.02/00/22_004/0000724"
	projectCS     = "Podpora procesu deinstitucionalizace a transformace sociálních služeb v České republice"
	projectEN     = "Support for the process of deinstitutionalisation and transformation of social services in the Czech Republic"
)

// FundingLine is the programme's funding statement in a language.
func FundingLine(lang i18n.Lang) string {
	if lang == i18n.EN {
		return "The project “" + projectEN + "”, reg. no. " + ProjectNumber +
			", is co-funded by the European Union from the European Social Fund Plus under the Employment Plus Operational Programme (OPZ+) and from the state budget of the Czech Republic."
	}
	return "Projekt „" + projectCS + "“, reg. č. " + ProjectNumber +
		", je spolufinancován Evropskou unií z Evropského sociálního fondu plus v rámci Operačního programu Zaměstnanost plus (OPZ+) a ze státního rozpočtu České republiky."
}

// EULogoText is the text of the EU emblem's statement, which the publicity
// rules of ESF+ ask to be shown with the emblem; without the image, the
// documents print the statement itself.
func EULogoText(lang i18n.Lang) string {
	if lang == i18n.EN {
		return "Co-funded by the European Union"
	}
	return "Spolufinancováno Evropskou unií"
}

// Family is the font family the PDFs use, with regular ("") and bold
// ("B") faces.
const Family = "go"

// NewPDF starts an A4 document in millimetres ("P" portrait, "L"
// landscape) with the embedded fonts and the document's metadata.
func NewPDF(orientation string, lang i18n.Lang, title, subject, author string, created time.Time) *fpdf.Fpdf {
	pdf := fpdf.New(orientation, "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(Family, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(Family, "B", gobold.TTF)
	pdf.SetTitle(title, true)
	pdf.SetSubject(subject, true)
	pdf.SetAuthor(author, true)
	pdf.SetCreator("Brána", true)
	pdf.SetLang(string(lang))
	pdf.SetDisplayMode("fullpage", "single")
	pdf.SetCatalogSort(true) // the same input gives the same bytes
	if !created.IsZero() {
		pdf.SetCreationDate(created)
		pdf.SetModificationDate(created)
	}
	return pdf
}

// LangOf is Czech unless English is asked for.
func LangOf(l i18n.Lang) i18n.Lang {
	if l == i18n.EN {
		return i18n.EN
	}
	return i18n.CS
}

// kindNames are the kinds' names: Czech nominative (a sheet's header),
// Czech locative after "na" (a certificate: "na semináři"), English.
var kindNames = map[workshops.Kind][3]string{
	workshops.KindWorkshop:   {"workshop", "workshopu", "workshop"},
	workshops.KindForum:      {"diskuzní fórum", "diskuzním fóru", "discussion forum"},
	workshops.KindSeminar:    {"seminář", "semináři", "seminar"},
	workshops.KindStudyVisit: {"stáž", "stáži", "study visit"},
	workshops.KindWebinar:    {"webinář", "webináři", "webinar"},
}

// KindName returns a kind's name in a language ("seminář", "seminar"), or
// the code itself for a kind it does not know.
func KindName(k workshops.Kind, lang i18n.Lang) string {
	n, ok := kindNames[k]
	if !ok {
		return string(k)
	}
	if lang == i18n.EN {
		return n[2]
	}
	return n[0]
}

// FormatSessions returns an event's dates and times in Europe/Prague, one
// line per day: "12. 3. 2027, 9:00–12:30" in Czech, "12 March 2027,
// 9:00–12:30" in English; two parts of one day share its line.
func FormatSessions(sessions []workshops.Session, lang i18n.Lang) []string {
	var lines []string
	var day cz.Date
	for _, s := range sessions {
		span := cz.FormatTime(s.Start, string(lang)) + "–" + cz.FormatTime(s.End, string(lang))
		d := cz.DateOf(s.Start)
		if len(lines) > 0 && d == day {
			lines[len(lines)-1] += ", " + span
			continue
		}
		day = d
		lines = append(lines, cz.FormatDate(s.Start, string(lang))+", "+span)
	}
	return lines
}

// FormatHours returns a duration as hours in words: "3 hodiny",
// "3,5 hodiny", "6 hodin", "1 hodina"; "3.5 hours" in English. It rounds
// to the quarter hour.
func FormatHours(d time.Duration, lang i18n.Lang) string {
	q := math.Round(d.Hours() * 4)
	h := q / 4
	whole := q == math.Trunc(h)*4
	var num string
	if whole {
		num = fmt.Sprintf("%d", int(h))
	} else {
		num = strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", h), "0"), ".")
	}
	if lang == i18n.EN {
		if whole && h == 1 {
			return "1 hour"
		}
		return num + " hours"
	}
	num = strings.ReplaceAll(num, ".", ",")
	switch {
	case !whole:
		return num + " hodiny" // a decimal takes the genitive singular
	case h == 1:
		return "1 hodina"
	case h >= 2 && h <= 4:
		return num + " hodiny"
	default:
		return num + " hodin"
	}
}
