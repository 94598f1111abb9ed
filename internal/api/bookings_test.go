package api_test

import (
	"net/http"
	"testing"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
)

// book sends the sample booking as it stands (the demo expert on 2 December
// at 9:00), changed by mutate, without an idempotency key, and returns the
// outcome whatever it is. Unlike apptest.Env.Book it does not fail the test
// on a refusal: tests here check the refusals too.
func book(t *testing.T, env *apptest.Env, mutate ...func(map[string]any)) (int, api.CreatedBookingView, httpapi.ProblemDoc) {
	t.Helper()
	ev := apptest.Event(t, "create-booking")
	ev = apptest.WithHeader(ev, "idempotency-key", "")
	if len(mutate) > 0 {
		body := apptest.Body[map[string]any](t, httpapi.Response{Body: ev.Body})
		for _, m := range mutate {
			m(body)
		}
		ev = apptest.WithBody(ev, body)
	}
	resp := env.Invoke(routes.FnBookings, ev)
	if resp.StatusCode == http.StatusCreated {
		return resp.StatusCode, apptest.Body[api.CreatedBookingView](t, resp), httpapi.ProblemDoc{}
	}
	return resp.StatusCode, api.CreatedBookingView{}, apptest.Body[httpapi.ProblemDoc](t, resp)
}

func TestBookingLifecycle(t *testing.T) {
	env := apptest.New(t, apptest.Options{})

	status, created, problem := book(t, env)
	if status != http.StatusCreated {
		t.Fatalf("create: got %d %+v, want 201", status, problem)
	}
	if created.ManageToken == "" || created.Booking.Status != "confirmed" || created.Booking.Start != "2026-12-02T09:00:00+01:00" {
		t.Fatalf("create: got %+v", created)
	}
	if created.Booking.Contact.Phone != "+420603123456" {
		t.Errorf("phone: got %q, want +420603123456", created.Booking.Contact.Phone)
	}

	id, token := created.Booking.ID, created.ManageToken
	resp := env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, "get-booking"), id, token))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("get: got %d %s", resp.StatusCode, resp.Body)
	}

	resp = env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, "reschedule-booking"), id, token))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("reschedule: got %d %s", resp.StatusCode, resp.Body)
	}
	moved := apptest.Body[api.BookingView](t, resp)
	if moved.Start != "2026-12-03T13:00:00+01:00" || moved.Sequence != 1 {
		t.Errorf("reschedule: got start %s sequence %d, want 2026-12-03T13:00:00+01:00 and 1", moved.Start, moved.Sequence)
	}

	resp = env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, "cancel-booking"), id, token))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("cancel: got %d %s", resp.StatusCode, resp.Body)
	}
	if got := apptest.Body[api.BookingView](t, resp); got.Status != "cancelled" || got.Sequence != 2 {
		t.Errorf("cancel: got status %s sequence %d, want cancelled and 2", got.Status, got.Sequence)
	}
	res := env.SendOutbox()
	if res.Sent != 6 {
		t.Errorf("outbox: sent %d, want 6 (confirmation, change, cancellation × person, expert)", res.Sent)
	}
}
