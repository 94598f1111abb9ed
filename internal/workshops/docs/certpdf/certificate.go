package certpdf

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/workshops"
)

// Certificate is what a certificate of attendance shows.
type Certificate struct {
	Lang      i18n.Lang // the participant's: Czech unless English
	Name      string    // the participant's name
	Event     string    // the event's title, in Lang
	Kind      workshops.Kind
	Sessions  []workshops.Session // the event's sessions; hours are their sum
	Place     string              // the venue, or "online"; optional
	Organiser string
	Code      string    // the verification code (certcode.New)
	VerifyURL string    // where the code can be checked (the code in it, or to type in); optional
	Issued    time.Time // the day it is issued, also the PDF's creation date
}

// Of fills a certificate from an event and a registration: the
// title in the registration's language, the venue or "online" by its seat.
func Of(e workshops.Event, r workshops.Registration, code, verifyURL string, issued time.Time) Certificate {
	lang := LangOf(r.Lang)
	place := ""
	switch {
	case r.Seat == workshops.SeatOnline || e.Mode == workshops.ModeOnline:
		place = "online"
	case e.Venue.Name != "" && e.Venue.Address != "":
		place = e.Venue.Name + ", " + e.Venue.Address
	default:
		place = e.Venue.Name + e.Venue.Address
	}
	return Certificate{
		Lang: lang, Name: r.Contact.Name, Event: e.Title.In(lang), Kind: e.Kind,
		Sessions: e.Sessions, Place: place, Organiser: e.Organiser,
		Code: code, VerifyURL: verifyURL, Issued: issued,
	}
}

// Hours is the certificate's hours: the sum of the sessions.
func (c Certificate) Hours() time.Duration {
	return workshops.Event{Sessions: c.Sessions}.Hours()
}

type certTexts struct {
	title, kindIntro, dates, hours, organiser, place, issued, code, verify, filename string
}

var certCS = certTexts{
	title:     "Potvrzení o účasti",
	kindIntro: "na %s", // the kind in the locative: "na semináři"
	dates:     "Termín",
	hours:     "Rozsah",
	organiser: "Pořadatel",
	place:     "Místo konání",
	issued:    "Vydáno dne",
	code:      "Ověřovací kód",
	verify:    "Pravost potvrzení ověříte na adrese %s",
	filename:  "potvrzeni-o-ucasti.pdf",
}

var certEN = certTexts{
	title:     "Certificate of attendance",
	kindIntro: "attended the %s",
	dates:     "Date",
	hours:     "Duration",
	organiser: "Organiser",
	place:     "Venue",
	issued:    "Issued on",
	code:      "Verification code",
	verify:    "Check that this certificate is genuine at %s",
	filename:  "certificate-of-attendance.pdf",
}

func (c Certificate) texts() certTexts {
	if LangOf(c.Lang) == i18n.EN {
		return certEN
	}
	return certCS
}

// Filename is the file name to offer for a certificate in a
// language (ASCII, for every mail client).
func Filename(lang i18n.Lang) string {
	if LangOf(lang) == i18n.EN {
		return certEN.filename
	}
	return certCS.filename
}

// kindPhrase is "na semináři" or "attended the seminar".
func (c Certificate) kindPhrase() string {
	t := c.texts()
	n, ok := kindNames[c.Kind]
	if !ok {
		return fmt.Sprintf(t.kindIntro, string(c.Kind))
	}
	if LangOf(c.Lang) == i18n.EN {
		return fmt.Sprintf(t.kindIntro, n[2])
	}
	return fmt.Sprintf(t.kindIntro, n[1])
}

// quote puts the event's title in the language's quotation marks.
func quote(s string, lang i18n.Lang) string {
	if LangOf(lang) == i18n.EN {
		return "“" + s + "”"
	}
	return "„" + s + "“"
}

// Write writes the certificate as a one-page A4 PDF.
func Write(w io.Writer, c Certificate) error {
	if strings.TrimSpace(c.Name) == "" || strings.TrimSpace(c.Event) == "" || c.Code == "" {
		return fmt.Errorf("certificate: name, event and code are required")
	}
	lang := LangOf(c.Lang)
	t := c.texts()
	pdf := NewPDF("P", lang, t.title+" – "+c.Name, t.title+": "+c.Event, c.Organiser, c.Issued)
	pdf.SetKeywords(t.code+" "+c.Code, true)
	const margin = 20.0
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, margin)
	pdf.AddPage()
	pageW, pageH := pdf.GetPageSize()
	width := pageW - 2*margin

	// The funding strip at the top, as ESF+ publicity asks.
	pdf.SetTextColor(0, 51, 153) // the EU's blue
	pdf.SetFont(Family, "B", 10)
	pdf.CellFormat(width/2, 6, EULogoText(lang), "", 0, "L", false, 0, "")
	pdf.SetFont(Family, "", 10)
	pdf.CellFormat(width/2, 6, "OPZ+ · "+ProjectNumber, "", 1, "R", false, 0, "")
	pdf.SetDrawColor(0, 51, 153)
	pdf.SetLineWidth(0.6)
	pdf.Line(margin, pdf.GetY()+1, pageW-margin, pdf.GetY()+1)

	pdf.SetTextColor(0, 0, 0)
	pdf.SetY(60)
	pdf.SetFont(Family, "B", 28)
	pdf.MultiCell(width, 12, t.title, "", "C", false)
	pdf.Ln(12)
	size := fitFont(pdf, c.Name, width, 24, 14, 2)
	pdf.MultiCell(width, size*0.46, c.Name, "", "C", false)
	pdf.Ln(6)
	pdf.SetFont(Family, "", 13)
	pdf.MultiCell(width, 7, c.kindPhrase(), "", "C", false)
	pdf.Ln(2)
	size = fitFont(pdf, quote(c.Event, lang), width, 16, 11, 3)
	pdf.MultiCell(width, size*0.5, quote(c.Event, lang), "", "C", false)
	pdf.Ln(12)

	rows := [][2]string{
		{t.dates, strings.Join(FormatSessions(c.Sessions, lang), "\n")},
		{t.hours, FormatHours(c.Hours(), lang)},
	}
	if c.Place != "" {
		rows = append(rows, [2]string{t.place, c.Place})
	}
	if c.Organiser != "" {
		rows = append(rows, [2]string{t.organiser, c.Organiser})
	}
	if !c.Issued.IsZero() {
		rows = append(rows, [2]string{t.issued, cz.FormatDate(c.Issued, string(lang))})
	}
	const labelW = 45.0
	left := margin + 10
	for _, r := range rows {
		y := pdf.GetY()
		pdf.SetX(left)
		pdf.SetFont(Family, "", 11)
		pdf.SetTextColor(80, 80, 80)
		pdf.CellFormat(labelW, 6.5, r[0]+":", "", 0, "L", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
		pdf.SetFont(Family, "B", 11)
		pdf.SetXY(left+labelW, y)
		pdf.MultiCell(width-10-labelW, 6.5, r[1], "", "L", false)
		pdf.Ln(1.5)
	}

	// The verification code, above the footer; lower when long texts
	// above need the room.
	pdf.SetY(max(pageH-margin-52, pdf.GetY()+6))
	pdf.SetDrawColor(160, 160, 160)
	pdf.SetLineWidth(0.3)
	pdf.SetFont(Family, "", 10)
	pdf.SetTextColor(80, 80, 80)
	pdf.CellFormat(width, 6, t.code, "", 1, "C", false, 0, "")
	pdf.SetFont(Family, "B", 13)
	pdf.SetTextColor(0, 0, 0)
	pdf.CellFormat(width, 8, c.Code, "", 1, "C", false, 0, "")
	if c.VerifyURL != "" {
		pdf.SetFont(Family, "", 9)
		pdf.SetTextColor(80, 80, 80)
		pdf.MultiCell(width, 5, fmt.Sprintf(t.verify, c.VerifyURL), "", "C", false)
	}

	// The funding line at the foot.
	pdf.SetY(max(pageH-margin-22, pdf.GetY()+4))
	pdf.Line(margin, pdf.GetY(), pageW-margin, pdf.GetY())
	pdf.Ln(2)
	pdf.SetFont(Family, "", 8.5)
	pdf.SetTextColor(60, 60, 60)
	pdf.MultiCell(width, 4.2, FundingLine(lang), "", "C", false)
	return Output(pdf, w)
}

// Output writes a finished document, or the first error fpdf met.
func Output(pdf *fpdf.Fpdf, w io.Writer) error {
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// fitFont sets the bold face at the largest size from max down to min (in
// whole points) at which text takes at most lines lines of width, and
// returns it; long names and titles get smaller rather than pushing the
// certificate onto a second page.
func fitFont(pdf *fpdf.Fpdf, text string, width, max, min float64, lines int) float64 {
	size := max
	for ; size > min; size-- {
		pdf.SetFont(Family, "B", size)
		if len(pdf.SplitText(text, width-2*pdf.GetCellMargin())) <= lines {
			return size
		}
	}
	pdf.SetFont(Family, "B", min)
	return min
}

// Renderer renders certificates for the events function's download
// (api.CertificatePDF), so that the API package itself links no PDF code.
type Renderer struct{}

// Write renders the certificate of a registration.
func (Renderer) Write(w io.Writer, e workshops.Event, r workshops.Registration, code, verifyURL string, issued time.Time) error {
	return Write(w, Of(e, r, code, verifyURL, issued))
}

// Filename names the file in the participant's language.
func (Renderer) Filename(r workshops.Registration) string { return Filename(r.Lang) }
