package docs_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/certcode"
	"github.com/mpsv/brana/internal/workshops/docs"
)

func prague(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, cz.Prague).UTC()
}

var studyVisit = workshops.Event{
	ID: "ev-000001", Kind: workshops.KindStudyVisit,
	Title: workshops.Text{CS: "Život v komunitě: stáž v chráněném bydlení", EN: "Living in the community: a study visit to supported housing"},
	Mode:  workshops.ModeInPerson,
	Venue: workshops.Venue{Name: "Domov Ďáblice", Address: "Kostelecká 1, 182 00 Praha 8"},
	Sessions: []workshops.Session{
		{Start: prague(2027, 3, 11, 9, 0), End: prague(2027, 3, 11, 12, 30)},
		{Start: prague(2027, 3, 11, 13, 30), End: prague(2027, 3, 11, 16, 0)},
		{Start: prague(2027, 3, 12, 9, 0), End: prague(2027, 3, 12, 11, 0)},
	},
	Organiser: "Ministerstvo práce a sociálních věcí",
}

// The name has every Czech letter with a diacritic, small and capital.
const czechName = "Řehoř Čeňek Šťastný-Ďurčová Žofie Ůlehlová Ňaňková Ěšček Úťálý Ýdě"

func TestCertificateReadsBack(t *testing.T) {
	key := certcode.Key([]byte("secret material for the test"))
	code := certcode.New(key, studyVisit.ID, "reg-1")
	issued := prague(2027, 3, 13, 10, 0)

	for _, tc := range []struct {
		lang i18n.Lang
		want []string
	}{
		{i18n.CS, []string{
			"Potvrzení o účasti", czechName, "na stáži", "„Život v komunitě: stáž v chráněném bydlení“",
			"Termín:", "11. 3. 2027, 9:00–12:30, 13:30–16:00", "12. 3. 2027, 9:00–11:00",
			"Rozsah:", "8 hodin", "Místo konání:", "Domov Ďáblice, Kostelecká 1, 182 00 Praha 8",
			"Pořadatel:", "Ministerstvo práce a sociálních věcí", "Vydáno dne:", "13. 3. 2027",
			"Ověřovací kód", code, "https://brana.example/overeni",
			"Spolufinancováno Evropskou unií", "CZ.03.02.02/00/22_004/0000724",
			"je spolufinancován Evropskou unií z Evropského sociálního fondu plus v rámci Operačního programu Zaměstnanost plus",
		}},
		{i18n.EN, []string{
			"Certificate of attendance", czechName, "attended the study visit", "“Living in the community: a study visit to supported housing”",
			"Date:", "11 March 2027, 9:00–12:30, 13:30–16:00", "Duration:", "8 hours", "Organiser:",
			"Verification code", code, "Co-funded by the European Union", "European Social Fund Plus", "CZ.03.02.02/00/22_004/0000724",
		}},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			reg := workshops.Registration{ID: "reg-1", EventID: studyVisit.ID, Lang: tc.lang, Seat: workshops.SeatInPerson, Contact: workshops.Contact{Name: czechName}}
			var buf bytes.Buffer
			if err := docs.WriteCertificate(&buf, docs.CertificateOf(studyVisit, reg, code, "https://brana.example/overeni", issued)); err != nil {
				t.Fatal(err)
			}
			keep(t, "certificate-"+string(tc.lang)+".pdf", buf.Bytes())
			doc := readPDF(t, buf.Bytes())
			if len(doc.pages) != 1 {
				t.Errorf("got %d pages, want 1", len(doc.pages))
			}
			text := flatten(doc.text())
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("the text layer lacks %q; it reads:\n%s", w, doc.text())
				}
			}
			if title := doc.info("Title"); !strings.Contains(title, czechName) {
				t.Errorf("title %q, want the name in it", title)
			}
			if subject := doc.info("Subject"); !strings.Contains(subject, studyVisit.Title.In(tc.lang)) {
				t.Errorf("subject %q, want the event", subject)
			}
			if author := doc.info("Author"); author != studyVisit.Organiser {
				t.Errorf("author %q, want the organiser", author)
			}
			if got := doc.lang(); got != string(tc.lang) {
				t.Errorf("/Lang %q, want %q", got, tc.lang)
			}
			for _, f := range doc.fonts {
				if !strings.Contains(f, "Go") {
					t.Errorf("font %q, want only the embedded Go fonts", f)
				}
			}
		})
	}
}

// flatten joins the lines a paragraph was broken into, so that phrases can
// be looked for across them.
func flatten(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func TestCertificateRefusesMissingParts(t *testing.T) {
	full := docs.Certificate{Name: "Jana", Event: "Seminář", Code: "ABCD", Kind: workshops.KindSeminar}
	for name, c := range map[string]docs.Certificate{
		"no name":  {Event: full.Event, Code: full.Code},
		"no event": {Name: full.Name, Code: full.Code},
		"no code":  {Name: full.Name, Event: full.Event},
	} {
		if err := docs.WriteCertificate(&bytes.Buffer{}, c); err == nil {
			t.Errorf("%s: got a PDF, want an error", name)
		}
	}
	if err := docs.WriteCertificate(&bytes.Buffer{}, full); err != nil {
		t.Errorf("the minimum: %v", err)
	}
}

func TestFormatHours(t *testing.T) {
	for _, tc := range []struct {
		d      time.Duration
		cs, en string
	}{
		{time.Hour, "1 hodina", "1 hour"},
		{2 * time.Hour, "2 hodiny", "2 hours"},
		{4 * time.Hour, "4 hodiny", "4 hours"},
		{5 * time.Hour, "5 hodin", "5 hours"},
		{210 * time.Minute, "3,5 hodiny", "3.5 hours"},
		{45 * time.Minute, "0,75 hodiny", "0.75 hours"},
		{16 * time.Hour, "16 hodin", "16 hours"},
	} {
		if got := docs.FormatHours(tc.d, i18n.CS); got != tc.cs {
			t.Errorf("%v in Czech: got %q, want %q", tc.d, got, tc.cs)
		}
		if got := docs.FormatHours(tc.d, i18n.EN); got != tc.en {
			t.Errorf("%v in English: got %q, want %q", tc.d, got, tc.en)
		}
	}
}
