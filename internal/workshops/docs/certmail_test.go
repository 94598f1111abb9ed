package docs_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/mail/mailtest"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/docs"
	"github.com/mpsv/brana/internal/workshops/workshopmail"
)

// The certificate e-mail of a held event carries the PDF: read back from
// the e-mail as a mail client gets it, its text names the person.
func TestCertificateMailCarriesThePDF(t *testing.T) {
	sealer, err := outbox.NewSealer(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	m := workshops.StaffMailer{
		Sealer: sealer, CertKey: bytes.Repeat([]byte{9}, 32), BaseURL: "https://brana.example.cz",
		CertificatePDF: func(e workshops.Event, r workshops.Registration, code, verifyURL string) ([]byte, string, error) {
			var b bytes.Buffer
			err := docs.WriteCertificate(&b, docs.CertificateOf(e, r, code, verifyURL, e.End()))
			return b.Bytes(), docs.CertificateFilename(r.Lang), err
		},
	}
	e := studyVisit
	e.Status = workshops.EventHeld
	for _, lang := range []i18n.Lang{i18n.CS, i18n.EN} {
		r := workshops.Registration{
			ID: "reg-1", EventID: e.ID, Lang: lang, Seat: workshops.SeatInPerson, Status: workshops.RegAttended,
			Contact: workshops.Contact{Name: czechName, Email: "ucastnik@example.cz"},
		}
		it, err := m.Certificate(e, r, true, time.Date(2027, 3, 12, 12, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: outbox item data %d bytes", lang, len(it.Message.Data))
		raw, err := mail.NewRegistry(workshopmail.Templates()...).Render(it.Message, mail.Address{Email: "brana@example.cz"})
		if err != nil {
			t.Fatal(err)
		}
		p := mailtest.Parse(t, raw)
		var pdf []byte
		for _, f := range p.Files {
			if f.ContentType == "application/pdf" && f.Filename == docs.CertificateFilename(lang) {
				pdf = f.Data
			}
		}
		if pdf == nil {
			t.Fatalf("%s: no PDF attached: %+v", lang, p.Files)
		}
		if text := flatten(readPDF(t, pdf).text()); !strings.Contains(text, czechName) {
			t.Errorf("%s: the attached PDF does not name the person:\n%s", lang, text)
		}
		if !strings.Contains(p.Text, "https://brana.example.cz/") {
			t.Errorf("%s: no verification address in\n%s", lang, p.Text)
		}
		// A large event's e-mail: no PDF, the manage page's download named.
		it, err = m.Certificate(e, r, false, time.Date(2027, 3, 12, 12, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		raw, err = mail.NewRegistry(workshopmail.Templates()...).Render(it.Message, mail.Address{Email: "brana@example.cz"})
		if err != nil {
			t.Fatal(err)
		}
		if p := mailtest.Parse(t, raw); len(p.Files) != 0 || !strings.Contains(p.Text, "PDF") || !strings.Contains(p.Text, "/certificates/") {
			t.Errorf("%s, not attached: files %d, text\n%s", lang, len(p.Files), p.Text)
		}
	}
}
