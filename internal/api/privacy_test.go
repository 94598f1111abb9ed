package api_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
)

// TestManageTokenExpires: the manage token opens the booking until 30 days
// after the consultation's end; from then on, viewing, cancelling and
// rescheduling with it get exactly the unknown-booking answer.
func TestManageTokenExpires(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	_, c, _ := book(t, env)
	unknown := env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, "get-booking"), "no-such-booking", c.ManageToken))
	ref := apptest.Body[httpapi.ProblemDoc](t, unknown)
	end, err := time.Parse(time.RFC3339, c.Booking.End)
	if err != nil {
		t.Fatal(err)
	}
	view := apptest.WithBooking(apptest.Event(t, "get-booking"), c.Booking.ID, c.ManageToken)

	env.Clock.Set(end.AddDate(0, 0, 29))
	if resp := env.Invoke(routes.FnBookings, view); resp.StatusCode != http.StatusOK {
		t.Fatalf("29 days after the consultation: got %d %s, want 200", resp.StatusCode, resp.Body)
	}
	env.Clock.Set(end.AddDate(0, 0, 31))
	same := func(name string, resp events.APIGatewayV2HTTPResponse) {
		t.Helper()
		doc := apptest.Body[httpapi.ProblemDoc](t, resp)
		if resp.StatusCode != unknown.StatusCode || doc.Code != ref.Code || doc.Title != ref.Title || doc.Detail != ref.Detail {
			t.Errorf("%s 31 days after the consultation: got %d %q %q, want the unknown-booking answer %d %q %q",
				name, resp.StatusCode, doc.Code, doc.Title, unknown.StatusCode, ref.Code, ref.Title)
		}
	}
	for _, ev := range []string{"get-booking", "cancel-booking", "get-booking-calendar"} {
		same(ev, env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, ev), c.Booking.ID, c.ManageToken)))
	}
	same("reschedule-booking", env.Invoke(routes.FnBookings, apptest.RescheduleEvent(t, c.Booking.ID, c.ManageToken, end.AddDate(0, 0, 40))))
}
