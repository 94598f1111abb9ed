package api_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/pow"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// writeEvent is a valid request to a PoW route, on booking b or
// registration reg (of the event "ev1").
func writeEvent(t *testing.T, env *apptest.Env, r routes.Route, b api.CreatedBookingView, reg api.CreatedRegistrationView) events.APIGatewayV2HTTPRequest {
	t.Helper()
	noKey := func(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
		return apptest.WithHeader(ev, "idempotency-key", "")
	}
	switch r.Operation {
	case "createRegistration":
		return noKey(eventEvent(t, "create-registration", "ev1"))
	case "cancelRegistration":
		return noKey(regEvent(t, "cancel-registration", reg.Registration.ID, reg.ManageToken))
	case "acceptOffer":
		return noKey(regEvent(t, "accept-offer", reg.Registration.ID, reg.ManageToken))
	case "declineOffer":
		return noKey(regEvent(t, "decline-offer", reg.Registration.ID, reg.ManageToken))
	case "submitEsf":
		return noKey(regEvent(t, "submit-esf", reg.Registration.ID, reg.ManageToken))
	case "createBooking":
		return apptest.WithHeader(apptest.BookingEvent(t, env.FreeSlots(apptest.Wednesday)[0]), "idempotency-key", "")
	case "rescheduleBooking":
		return apptest.WithHeader(apptest.RescheduleEvent(t, b.Booking.ID, b.ManageToken, env.FreeSlots(apptest.Thursday)[0]), "idempotency-key", "")
	case "cancelBooking":
		return apptest.WithHeader(apptest.WithBooking(apptest.Event(t, "cancel-booking"), b.Booking.ID, b.ManageToken), "idempotency-key", "")
	case "withdrawEsf":
		return noKey(regEvent(t, "withdraw-esf", reg.Registration.ID, reg.ManageToken))
	}
	t.Fatalf("no sample request for %s: add one here", r.Key())
	return events.APIGatewayV2HTTPRequest{}
}

// TestEveryPublicWriteNeedsProofOfWork goes through every route marked PoW
// and sends it without a solution, with a broken one and with an expired
// one: each is 403 with its reason and changes nothing.
func TestEveryPublicWriteNeedsProofOfWork(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	b := env.Book(env.FreeSlots(apptest.Tuesday)[0])
	before := bookingsStored(t, env, apptest.DemoExpertID)
	putEvent(t, env, "ev1", 5)
	resp := registerAs(t, env, "ev1", func(b map[string]any) { b["contact"].(map[string]any)["email"] = "pow@example.cz" })
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("register: %d %s", resp.StatusCode, resp.Body)
	}
	reg := apptest.Body[api.CreatedRegistrationView](t, resp)
	regBefore := reg.Registration.Status
	env.SendOutbox()
	mails := len(env.Mails())

	expired := env.Solved()
	env.Clock.Advance(pow.DefaultTTL)
	n := 0
	for _, r := range routes.Table {
		// The public writes of bookings and events; the surveys function's
		// have their own test (internal/surveys/surveyapi).
		if !r.PoW || r.Function != routes.FnBookings && r.Function != routes.FnEvents {
			continue
		}
		n++
		ev := writeEvent(t, env, r, b, reg)
		for _, tt := range []struct {
			name   string
			header string
			want   apperr.Reason
		}{
			{"without a solution", "", pow.ReasonMissing},
			{"with a broken solution", "eyJ9", pow.ReasonInvalid},
			{"with an expired solution", expired, pow.ReasonExpired},
		} {
			resp := env.Invoke(r.Function, apptest.WithPoW(ev, tt.header))
			if p := apptest.Body[httpapi.ProblemDoc](t, resp); resp.StatusCode != http.StatusForbidden || p.Code != string(tt.want) {
				t.Errorf("%s %s: got %d %q, want 403 %s", r.Key(), tt.name, resp.StatusCode, p.Code, tt.want)
			}
		}
	}
	if n != 9 {
		t.Errorf("got %d PoW routes, want 9 (book, reschedule, cancel; register, cancel, accept, decline, ESF+ answers and their withdrawal)", n)
	}
	regs, err := workshopdb.New(dynamo.New(env.Client, env.Table)).ListRegistrations(context.Background(), "ev1")
	if err != nil || len(regs) != 1 || regs[0].Status != regBefore {
		t.Errorf("registrations after the refusals: %d %v, want the one as before (%s)", len(regs), err, regBefore)
	}
	after := bookingsStored(t, env, apptest.DemoExpertID)
	if len(after) != len(before) || after[0].Status != before[0].Status || !after[0].Start.Equal(before[0].Start) {
		t.Errorf("bookings after the refusals: %+v, want them as before: %+v", after, before)
	}
	env.SendOutbox()
	if got := len(env.Mails()); got != mails {
		t.Errorf("got %d e-mails after the refusals, want %d", got, mails)
	}
}

// TestProofOfWorkFromChallengeToWrite: a challenge from GET /v1/challenge,
// solved, buys one booking; the same solution is refused for another, and
// let through for a retry of the same request (same Idempotency-Key),
// which meets its replay.
func TestProofOfWorkFromChallengeToWrite(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	resp := env.Invoke(routes.FnBookings, apptest.Event(t, "get-challenge"))
	if resp.StatusCode != http.StatusOK || resp.Headers["Cache-Control"] != "no-store" {
		t.Fatalf("GET /v1/challenge: got %d %v", resp.StatusCode, resp.Headers)
	}
	c := apptest.Body[pow.Challenge](t, resp)
	if c.Algorithm != "SHA-256" || c.MaxNumber != pow.DefaultMaxNumber {
		t.Errorf("challenge %+v, want SHA-256 up to %d", c, pow.DefaultMaxNumber)
	}
	sol, err := pow.Solve(c)
	if err != nil {
		t.Fatal(err)
	}
	starts := env.FreeSlots(apptest.Tuesday)

	first := apptest.WithPoW(apptest.WithHeader(apptest.BookingEvent(t, starts[0]), "idempotency-key", "pow-1"), sol)
	if resp := env.Invoke(routes.FnBookings, first); resp.StatusCode != http.StatusCreated {
		t.Fatalf("booking with the solution: got %d %s", resp.StatusCode, resp.Body)
	}
	if resp := env.Invoke(routes.FnBookings, first); resp.StatusCode != http.StatusCreated || resp.Headers["Idempotent-Replayed"] != "true" {
		t.Errorf("the retry with the same key: got %d %v %s, want 201 replayed", resp.StatusCode, resp.Headers, resp.Body)
	}
	for name, ev := range map[string]events.APIGatewayV2HTTPRequest{
		"another key":   apptest.WithPoW(apptest.WithHeader(apptest.BookingEvent(t, starts[1]), "idempotency-key", "pow-2"), sol),
		"no key":        apptest.WithPoW(apptest.WithHeader(apptest.BookingEvent(t, starts[1]), "idempotency-key", ""), sol),
		"another route": apptest.WithPoW(apptest.WithHeader(apptest.WithBooking(apptest.Event(t, "cancel-booking"), "x", "y"), "idempotency-key", "pow-1"), sol),
	} {
		resp := env.Invoke(routes.FnBookings, ev)
		if p := apptest.Body[httpapi.ProblemDoc](t, resp); resp.StatusCode != http.StatusForbidden || p.Code != string(pow.ReasonSpent) {
			t.Errorf("the solution again with %s: got %d %q, want 403 %s", name, resp.StatusCode, p.Code, pow.ReasonSpent)
		}
	}
	if got := len(bookingsStored(t, env, apptest.DemoExpertID)); got != 1 {
		t.Errorf("got %d bookings, want 1", got)
	}
}
