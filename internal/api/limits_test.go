package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
)

// TestLimitAnswers: the limits' refusals as the caller sees them, in both
// languages (the contract check validates them against docs/openapi.yaml).
func TestLimitAnswers(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	starts := append(env.FreeSlots(apptest.Tuesday), env.FreeSlots(apptest.Wednesday)...)
	same := func(b map[string]any) {
		b["contact"].(map[string]any)["email"] = "marie.prochazkova@example.cz"
	}
	env.Book(starts[0], same)
	env.Book(starts[1], same)

	for _, c := range []struct{ lang, want string }{
		{"cs", "e-mailovou adresu (2)"},
		{"en", "e-mail address already has the maximum number of upcoming consultations (2)"},
	} {
		ev := apptest.WithHeader(apptest.WithHeader(apptest.BookingEvent(t, starts[2], apptest.Person(99), same), "idempotency-key", ""), "accept-language", c.lang)
		resp := env.Invoke(routes.FnBookings, ev)
		p := apptest.Body[httpapi.ProblemDoc](t, resp)
		if resp.StatusCode != http.StatusConflict || p.Code != "booking_limit" || len(p.Errors) != 1 ||
			p.Errors[0].Field != "contact.email" || !strings.Contains(p.Errors[0].Message, c.want) {
			t.Errorf("%s: got %d %+v, want 409 booking_limit on contact.email saying %q", c.lang, resp.StatusCode, p, c.want)
		}
	}

	b := env.Book(starts[3])
	for i := 4; i < 7; i++ {
		env.Reschedule(b.Booking.ID, b.ManageToken, starts[i])
	}
	ev := apptest.WithHeader(apptest.RescheduleEvent(t, b.Booking.ID, b.ManageToken, starts[7]), "accept-language", "en")
	resp := env.Invoke(routes.FnBookings, ev)
	p := apptest.Body[httpapi.ProblemDoc](t, resp)
	if resp.StatusCode != http.StatusConflict || p.Code != "reschedule_limit" || !strings.Contains(p.Detail, "at most 3 times") {
		t.Errorf("4th reschedule: got %d %+v, want 409 reschedule_limit", resp.StatusCode, p)
	}
}
