package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/mail/mailtest"
	"github.com/mpsv/brana/internal/routes"
)

// TestCalendarAndMailPrivacy (issue 8, items 11b and 11c): the calendar
// download and every e-mail to the person (with its calendar) carry no
// manage token and never the expert's own address; the person's calendar
// is organised by the programme's sender address.
func TestCalendarAndMailPrivacy(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	_, c, _ := book(t, env)
	const expertEmail = "jana.dvorakova@example.cz"
	unfold := func(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }

	resp := env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, "get-booking-calendar"), c.Booking.ID, c.ManageToken))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("got %d, want 200", resp.StatusCode)
	}
	cal := unfold(resp.Body)
	for _, bad := range []string{c.ManageToken, "token=", "/manage", expertEmail} {
		if strings.Contains(cal, bad) {
			t.Errorf("got %q in the calendar download:\n%s", bad, cal)
		}
	}
	if !strings.Contains(cal, "mailto:brana@example.invalid") {
		t.Errorf("got no organiser address in the calendar download:\n%s", cal)
	}

	env.SendOutbox()
	mails := env.Mails()
	person := mails[c.Booking.ID+"-0-confirmation-person"]
	if person == nil {
		t.Fatalf("got e-mails %v, want the person's confirmation", env.MailIDs())
	}
	if strings.Contains(string(person), expertEmail) {
		t.Errorf("got the expert's address in the person's e-mail")
	}
	// The e-mail's text carries the manage link (it is private); its
	// calendar never does.
	p := mailtest.Parse(t, person)
	if !strings.Contains(p.Text, c.ManageToken) {
		t.Errorf("got no manage link in the person's e-mail text")
	}
	for _, part := range [][]byte{p.Calendar, p.Attachment} {
		cal := unfold(string(part))
		if cal == "" || strings.Contains(cal, c.ManageToken) || strings.Contains(cal, expertEmail) || !strings.Contains(cal, "mailto:brana@example.invalid") {
			t.Errorf("got a calendar part with a token or the expert's address, or without the organiser:\n%s", cal)
		}
	}
	if expert := mails[c.Booking.ID+"-0-confirmation-expert"]; expert == nil || strings.Contains(string(expert), c.ManageToken) {
		t.Errorf("got the expert's e-mail missing or carrying the person's token")
	}
}
