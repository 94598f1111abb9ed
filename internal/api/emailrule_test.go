package api_test

import (
	"net/http"
	"testing"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
)

// TestBookingRefusesAddressesTheMailerRefuses: the API and the mailer use
// one address rule (mail.ValidAddress), so an address the mailer would
// never send to is a field error, not a booking whose e-mails fail for ever.
func TestBookingRefusesAddressesTheMailerRefuses(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	for _, addr := range []string{`"john doe"@example.cz`, "jana@[192.0.2.1]", "jana@localhost"} {
		t.Run(addr, func(t *testing.T) {
			ev := apptest.WithHeader(apptest.Event(t, "create-booking"), "idempotency-key", "")
			ev = apptest.WithHeader(ev, "accept-language", "en")
			body := apptest.Body[map[string]any](t, httpapi.Response{Body: ev.Body})
			body["contact"].(map[string]any)["email"] = addr
			resp := env.Invoke(routes.FnBookings, apptest.WithBody(ev, body))
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("got %d %s, want 400", resp.StatusCode, resp.Body)
			}
			p := apptest.Body[httpapi.ProblemDoc](t, resp)
			if len(p.Errors) != 1 || p.Errors[0].Field != "contact.email" || p.Errors[0].Rule != "email" {
				t.Errorf("got errors %+v, want one email error on contact.email", p.Errors)
			}
		})
	}
	if got := len(bookingsStored(t, env, apptest.DemoExpertID)); got != 0 {
		t.Errorf("got %d bookings stored, want 0", got)
	}
}
