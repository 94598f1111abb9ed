package docs

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/docs/certpdf"
)

// Sheet is an attendance sheet (prezenční listina) to print and have
// signed: ESF+ funded events keep one as proof of who took part. It is in
// Czech, the language of the programme's records.
type Sheet struct {
	EventID   string
	Event     string // the title, in Czech
	Kind      workshops.Kind
	Sessions  []workshops.Session
	Place     string // the venue, "online", or both
	Organiser string
	Rows      []SheetRow
	// BlankRows are empty numbered rows after the registrants, for people
	// who come without registering.
	BlankRows int
	Printed   time.Time // when it was made: the footer and the PDF's date
}

// SheetRow is one person on the sheet.
type SheetRow struct {
	Name         string
	Organisation string
	WalkIn       bool // added on the day; marked on the sheet
}

// onSheet reports whether a registration belongs on the attendance sheet:
// everyone who has a seat, holds one by an offer, or came (the confirmed,
// the offered, the checked in, the no-shows, walk-ins); not the waiting
// list, cancellations, lapsed offers or erased registrations.
func onSheet(r workshops.Registration) bool {
	if !r.ErasedAt.IsZero() {
		return false
	}
	switch r.Status {
	case workshops.RegConfirmed, workshops.RegOffered, workshops.RegAttended, workshops.RegNoShow:
		return true
	}
	return false
}

// SheetOf fills an attendance sheet from an event and its registrations:
// those with a seat, an offer, or who came (walk-ins too), in Czech alphabetical order
// of their names, with blank rows for people who come unregistered.
func SheetOf(e workshops.Event, regs []workshops.Registration, blankRows int, printed time.Time) Sheet {
	s := Sheet{
		EventID: e.ID, Event: e.Title.CS, Kind: e.Kind, Sessions: e.Sessions, Organiser: e.Organiser,
		Place: placeOf(e), BlankRows: blankRows, Printed: printed,
	}
	for _, r := range regs {
		if onSheet(r) {
			s.Rows = append(s.Rows, SheetRow{Name: r.Contact.Name, Organisation: r.Org.Name, WalkIn: r.WalkIn})
		}
	}
	SortRows(s.Rows)
	return s
}

// placeOf is where an event happens, in Czech.
func placeOf(e workshops.Event) string {
	venue := strings.TrimSpace(strings.Join(slices.DeleteFunc([]string{e.Venue.Name, e.Venue.Address}, func(s string) bool { return s == "" }), ", "))
	switch e.Mode {
	case workshops.ModeOnline:
		return "online"
	case workshops.ModeHybrid:
		if venue == "" {
			return "online"
		}
		return venue + " a online"
	}
	return venue
}

// SortRows orders rows by name in Czech alphabetical order (ch after h,
// č after c, ř after r …), then by organisation.
func SortRows(rows []SheetRow) {
	c := collate.New(language.Czech, collate.IgnoreCase)
	slices.SortStableFunc(rows, func(a, b SheetRow) int {
		if n := c.CompareString(a.Name, b.Name); n != 0 {
			return n
		}
		return c.CompareString(a.Organisation, b.Organisation)
	})
}

// Layout of the sheet, in millimetres.
const (
	sheetMargin = 12.0
	rowH        = 10.0 // room to sign
	headRowH    = 8.0
	footerH     = 22.0
	numW        = 10.0
	signMinW    = 55.0
)

// WriteAttendanceSheet writes the sheet as an A4 PDF: portrait for a one-
// day event, landscape when there is a signature column for each of several
// days. Every page repeats the header (event, dates, place, organiser, the
// EU's statement) and the table's head; the footer carries the funding line
// and the page number.
func WriteAttendanceSheet(w io.Writer, s Sheet) error {
	if strings.TrimSpace(s.Event) == "" || len(s.Sessions) == 0 {
		return fmt.Errorf("attendance sheet: event and sessions are required")
	}
	days := sheetDays(s.Sessions)
	orientation := "P"
	if len(days) > 1 {
		orientation = "L"
	}
	const title = "Prezenční listina"
	kind := KindName(s.Kind, i18n.CS)
	pdf := certpdf.NewPDF(orientation, i18n.CS, title+" – "+s.Event, title+": "+kind+" „"+s.Event+"“", s.Organiser, s.Printed)
	pdf.SetMargins(sheetMargin, sheetMargin, sheetMargin)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AliasNbPages("{nb}")
	pageW, pageH := pdf.GetPageSize()
	width := pageW - 2*sheetMargin

	// Columns: number, name, organisation, then one signature column per day.
	signW := max(signMinW, width*0.3/float64(len(days)))
	if len(days) > 1 {
		signW = max(signMinW*0.7, (width*0.5)/float64(len(days)))
	}
	rest := width - numW - signW*float64(len(days))
	nameW, orgW := rest*0.5, rest*0.5
	signHead := make([]string, len(days))
	for i, d := range days {
		signHead[i] = "Podpis"
		if len(days) > 1 {
			signHead[i] = "Podpis " + d
		}
	}

	pdf.SetHeaderFunc(func() {
		pdf.SetTextColor(0, 51, 153)
		pdf.SetFont(certpdf.Family, "B", 9)
		pdf.CellFormat(width/2, 5, EULogoText(i18n.CS), "", 0, "L", false, 0, "")
		pdf.SetFont(certpdf.Family, "", 9)
		pdf.CellFormat(width/2, 5, "OPZ+ · "+ProjectNumber, "", 1, "R", false, 0, "")
		pdf.SetDrawColor(0, 51, 153)
		pdf.SetLineWidth(0.5)
		pdf.Line(sheetMargin, pdf.GetY()+0.5, pageW-sheetMargin, pdf.GetY()+0.5)
		pdf.Ln(3)
		pdf.SetTextColor(0, 0, 0)
		pdf.SetFont(certpdf.Family, "B", 16)
		pdf.CellFormat(width, 8, title, "", 1, "L", false, 0, "")
		pdf.SetFont(certpdf.Family, "B", 11)
		pdf.MultiCell(width, 5.5, capitalise(kind)+" „"+s.Event+"“", "", "L", false)
		pdf.SetFont(certpdf.Family, "", 9.5)
		facts := []string{"Termín: " + strings.Join(FormatSessions(s.Sessions, i18n.CS), "; ")}
		if s.Place != "" {
			facts = append(facts, "Místo konání: "+s.Place)
		}
		if s.Organiser != "" {
			facts = append(facts, "Pořadatel: "+s.Organiser)
		}
		for _, f := range facts {
			pdf.MultiCell(width, 4.8, f, "", "L", false)
		}
		pdf.Ln(2)
		// The table's head.
		pdf.SetFont(certpdf.Family, "B", 9.5)
		pdf.SetFillColor(230, 235, 245)
		pdf.SetDrawColor(90, 90, 90)
		pdf.SetLineWidth(0.2)
		pdf.CellFormat(numW, headRowH, "Č.", "1", 0, "C", true, 0, "")
		pdf.CellFormat(nameW, headRowH, "Jméno a příjmení", "1", 0, "L", true, 0, "")
		pdf.CellFormat(orgW, headRowH, "Organizace", "1", 0, "L", true, 0, "")
		for i, h := range signHead {
			ln := 0
			if i == len(signHead)-1 {
				ln = 1
			}
			pdf.CellFormat(signW, headRowH, h, "1", ln, "C", true, 0, "")
		}
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(pageH - sheetMargin - footerH + 2)
		pdf.SetFont(certpdf.Family, "", 7.5)
		pdf.SetTextColor(60, 60, 60)
		pdf.MultiCell(width, 3.5, FundingLine(i18n.CS), "", "L", false)
		left := "Stav k " + cz.FormatDateTime(s.Printed, cz.LangCS)
		if s.Printed.IsZero() {
			left = ""
		}
		if hasWalkIn(s.Rows) {
			left = strings.TrimPrefix(left+" · ", " · ") + "* přihlášení na místě"
		}
		pdf.CellFormat(width/2, 4, left, "", 0, "L", false, 0, "")
		pdf.CellFormat(width/2, 4, "Strana "+strconv.Itoa(pdf.PageNo())+" z {nb}", "", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})

	pdf.AddPage()
	bottom := pageH - sheetMargin - footerH
	total := len(s.Rows) + max(0, s.BlankRows)
	for i := range total {
		if pdf.GetY()+rowH > bottom {
			pdf.AddPage()
		}
		var row SheetRow
		if i < len(s.Rows) {
			row = s.Rows[i]
		}
		name := row.Name
		if row.WalkIn {
			name += " *"
		}
		x, y := pdf.GetX(), pdf.GetY()
		pdf.SetFont(certpdf.Family, "", 9.5)
		pdf.CellFormat(numW, rowH, strconv.Itoa(i+1)+".", "1", 0, "C", false, 0, "")
		cellLines(pdf, x+numW, y, nameW, name)
		cellLines(pdf, x+numW+nameW, y, orgW, row.Organisation)
		for d := range days {
			pdf.Rect(x+numW+nameW+orgW+float64(d)*signW, y, signW, rowH, "D")
		}
		pdf.SetXY(x, y+rowH)
	}
	return certpdf.Output(pdf, w)
}

// cellLines draws a bordered cell of the row's height with text in up to
// two lines, shortened with an ellipsis when it does not fit.
func cellLines(pdf *fpdf.Fpdf, x, y, w float64, text string) {
	pdf.Rect(x, y, w, rowH, "D")
	if text == "" {
		return
	}
	inner := w - 2*pdf.GetCellMargin()
	lines := pdf.SplitText(text, inner)
	if len(lines) > 2 {
		last := lines[1]
		for last != "" && pdf.GetStringWidth(last+"…") > inner {
			r := []rune(last)
			last = string(r[:len(r)-1])
		}
		lines = []string{lines[0], strings.TrimSpace(last) + "…"}
	}
	lh := 4.2
	top := y + (rowH-lh*float64(len(lines)))/2
	for i, l := range lines {
		pdf.SetXY(x, top+float64(i)*lh)
		pdf.CellFormat(w, lh, l, "", 0, "L", false, 0, "")
	}
}

// sheetDays lists the event's days in Europe/Prague as "11. 3.".
func sheetDays(sessions []workshops.Session) []string {
	var out []string
	var last cz.Date
	for i, s := range sessions {
		d := cz.DateOf(s.Start)
		if i > 0 && d == last {
			continue
		}
		last = d
		t := s.Start.In(cz.Prague)
		out = append(out, fmt.Sprintf("%d. %d.", t.Day(), t.Month()))
	}
	return out
}

func hasWalkIn(rows []SheetRow) bool {
	return slices.ContainsFunc(rows, func(r SheetRow) bool { return r.WalkIn })
}

// capitalise upper-cases the first letter: "seminář" → "Seminář".
func capitalise(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
