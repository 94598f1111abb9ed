package consultmail_test

import (
	"mime"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/consultations/consultmail"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/mail/mailtest"
)

// TestTypedTextNeverLinks (issue 8, item 2): what the booker typed (name,
// organisation, on-site address, note) never becomes a link in the e-mail,
// its headers or its calendar; URLs and domain names in it are neutralised.
func TestTypedTextNeverLinks(t *testing.T) {
	const lure = "URGENT… log in at https://evil.example/login?next=brana"
	for _, kind := range consultmail.Kinds {
		for _, role := range consultmail.Roles {
			t.Run(string(kind)+"/"+string(role), func(t *testing.T) {
				m := newMessage(kind, role, "cs")
				m.Booking.Address = lure
				m.Booking.OrganisationName = "Přihlaste se: evil.example/login"
				m.Booking.ContactName = "Jana www.evil.example"
				m.Booking.Note = "Heslo změňte na\nHTTP://Evil.Example/reset"
				if role == consultmail.RolePerson {
					m.To.Name = m.Booking.ContactName
				}
				raw := render(t, m)
				p := mailtest.Parse(t, raw)
				to, _ := new(mime.WordDecoder).DecodeHeader(p.Header.Get("To"))
				unfold := func(b []byte) string { return strings.ReplaceAll(string(b), "\r\n ", "") }
				all := strings.Join([]string{p.Text, to, unfold(p.Calendar), unfold(p.Attachment), string(raw)}, "\n")
				for _, bad := range []string{"https://evil", "HTTP://", "evil.example", "Evil.Example"} {
					if strings.Contains(all, bad) {
						t.Errorf("got %q in the e-mail:\n%s", bad, all)
					}
				}
				if kind != consultmail.KindCancellation && !strings.Contains(p.Text, "hxxps://evil[.]example/login") {
					t.Errorf("got the on-site address without its neutralised link:\n%s", p.Text)
				}
				if p.Calendar != nil && !strings.Contains(unfold(p.Calendar), `hxxps://evil[.]example/login`) {
					t.Errorf("got the calendar's location without the neutralised link:\n%s", unfold(p.Calendar))
				}
			})
		}
	}
	t.Run("the calendar download", func(t *testing.T) {
		b := booking()
		b.Address = lure
		raw, err := consultmail.Calendar(b, false, "cs", mail.Address{Name: "Brána", Email: "brana@mpsv.cz"}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if cal := strings.ReplaceAll(string(raw), "\r\n ", ""); strings.Contains(cal, "evil.example") || !strings.Contains(cal, "hxxps://evil[.]example") {
			t.Errorf("got calendar:\n%s", cal)
		}
	})
}
