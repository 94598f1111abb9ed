package api_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/ics"
	"github.com/mpsv/brana/internal/routes"
)

// freeStarts lists the free slot starts of the demo expert on one day.
func freeStarts(t *testing.T, env *apptest.Env, day string) []string {
	t.Helper()
	ev := apptest.Event(t, "list-slots")
	ev.QueryStringParameters = map[string]string{"expertId": apptest.DemoExpertID, "from": day, "to": day}
	resp := env.Invoke(routes.FnCatalog, ev)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("list slots: got %d %s", resp.StatusCode, resp.Body)
	}
	var out []string
	for _, g := range apptest.Body[api.List[api.SlotGroupView]](t, resp).Items {
		out = append(out, g.Starts...)
	}
	return out
}

func TestIdempotentRetry(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ev := apptest.Event(t, "create-booking") // carries an Idempotency-Key

	first := env.Invoke(routes.FnBookings, ev)
	if first.StatusCode != http.StatusCreated {
		t.Fatalf("first: got %d %s", first.StatusCode, first.Body)
	}
	t.Run("a retry returns the first result and creates nothing", func(t *testing.T) {
		retry := env.Invoke(routes.FnBookings, ev)
		if retry.StatusCode != http.StatusCreated {
			t.Fatalf("retry: got %d %s, want 201", retry.StatusCode, retry.Body)
		}
		a, b := apptest.Body[api.CreatedBookingView](t, first), apptest.Body[api.CreatedBookingView](t, retry)
		if a.Booking.ID != b.Booking.ID || a.ManageToken != b.ManageToken {
			t.Errorf("retry: got booking %s token %q…, want %s and the first token", b.Booking.ID, b.ManageToken[:6], a.Booking.ID)
		}
		if retry.Headers["Idempotent-Replayed"] != "true" {
			t.Errorf("retry: got Idempotent-Replayed %q, want true", retry.Headers["Idempotent-Replayed"])
		}
		if got := len(bookingsStored(t, env, apptest.DemoExpertID)); got != 1 {
			t.Errorf("got %d bookings, want 1", got)
		}
		env.SendOutbox()
		if got := len(env.MailIDs()); got != 2 {
			t.Errorf("got %d e-mails, want 2 (one confirmation per recipient)", got)
		}
	})
	t.Run("the same key with another body is refused with 422", func(t *testing.T) {
		body := apptest.Body[map[string]any](t, httpapi.Response{Body: ev.Body})
		body["start"] = "2026-12-02T10:15:00+01:00"
		resp := env.Invoke(routes.FnBookings, apptest.WithBody(ev, body))
		if p := apptest.Body[httpapi.ProblemDoc](t, resp); resp.StatusCode != http.StatusUnprocessableEntity || p.Code != "idempotency_key_reused" {
			t.Errorf("got %d %q, want 422 idempotency_key_reused", resp.StatusCode, p.Code)
		}
		if got := len(bookingsStored(t, env, apptest.DemoExpertID)); got != 1 {
			t.Errorf("got %d bookings, want 1", got)
		}
	})
	t.Run("the key is forgotten after its lifetime", func(t *testing.T) {
		env.Clock.Advance(25 * time.Hour)
		resp := env.Invoke(routes.FnBookings, ev)
		// The slot is taken by the first booking: a new request, not a replay.
		if p := apptest.Body[httpapi.ProblemDoc](t, resp); resp.StatusCode != http.StatusConflict {
			t.Errorf("got %d %q, want 409 (a new request)", resp.StatusCode, p.Code)
		}
	})
}

func TestIdempotentCancelRetry(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	_, c, _ := book(t, env)
	ev := apptest.WithHeader(apptest.WithBooking(apptest.Event(t, "cancel-booking"), c.Booking.ID, c.ManageToken), "idempotency-key", "cancel-1")
	for i := range 2 {
		resp := env.Invoke(routes.FnBookings, ev)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("cancel %d: got %d %s, want 200", i, resp.StatusCode, resp.Body)
		}
		if got := apptest.Body[api.BookingView](t, resp); got.Status != "cancelled" || got.Sequence != 1 {
			t.Errorf("cancel %d: got %s sequence %d, want cancelled, 1", i, got.Status, got.Sequence)
		}
	}
	env.SendOutbox()
	if got := len(env.MailIDs()); got != 4 {
		t.Errorf("got %d e-mails, want 4 (confirmation and one cancellation per recipient)", got)
	}
}

func TestRescheduleIsAtomic(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	const day, old, new = "2026-12-02", "2026-12-02T09:00:00+01:00", "2026-12-02T13:00:00+01:00"
	_, c, _ := book(t, env)
	if slices.Contains(freeStarts(t, env, day), old) {
		t.Fatalf("the booked slot %s is still offered", old)
	}
	resp := env.Invoke(routes.FnBookings, apptest.WithBody(
		apptest.WithBooking(apptest.Event(t, "reschedule-booking"), c.Booking.ID, c.ManageToken),
		map[string]string{"start": new}))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("reschedule: got %d %s", resp.StatusCode, resp.Body)
	}
	free := freeStarts(t, env, day)
	if !slices.Contains(free, old) {
		t.Errorf("the old slot %s is not free again: %v", old, free)
	}
	if slices.Contains(free, new) {
		t.Errorf("the new slot %s is still offered: %v", new, free)
	}
	claims, err := env.Deps.Store.Claims(context.Background(), apptest.DemoExpertID, apptest.Wednesday.Start(), apptest.Thursday.Start())
	if err != nil {
		t.Fatal(err)
	}
	if len(claims) != 5 {
		t.Errorf("got %d claimed granules, want 5 (60 min + 15 min buffer)", len(claims))
	}

	t.Run("a reschedule onto a taken slot changes nothing", func(t *testing.T) {
		status, other, p := book(t, env, func(b map[string]any) { b["start"] = "2026-12-02T10:15:00+01:00" })
		if status != http.StatusCreated {
			t.Fatalf("second booking: got %d %+v", status, p)
		}
		_ = other
		resp := env.Invoke(routes.FnBookings, apptest.WithBody(
			apptest.WithBooking(apptest.Event(t, "reschedule-booking"), c.Booking.ID, c.ManageToken),
			map[string]string{"start": "2026-12-02T10:15:00+01:00"}))
		if p := apptest.Body[httpapi.ProblemDoc](t, resp); resp.StatusCode != http.StatusConflict || p.Code != "slot_taken" {
			t.Fatalf("got %d %q, want 409 slot_taken", resp.StatusCode, p.Code)
		}
		got, err := env.Deps.Store.GetBooking(context.Background(), c.Booking.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC); !got.Start.Equal(want) {
			t.Errorf("got start %s, want %s (unchanged)", got.Start, want)
		}
		if slices.Contains(freeStarts(t, env, day), new) {
			t.Errorf("the booking's own slot %s became free", new)
		}
	})
}

func TestCancelFreesTheSlot(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	const day, start = "2026-12-02", "2026-12-02T09:00:00+01:00"
	_, c, _ := book(t, env)
	resp := env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, "cancel-booking"), c.Booking.ID, c.ManageToken))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("cancel: got %d %s", resp.StatusCode, resp.Body)
	}
	if !slices.Contains(freeStarts(t, env, day), start) {
		t.Errorf("slot %s is not free after cancelling", start)
	}
	if status, _, p := book(t, env); status != http.StatusCreated {
		t.Errorf("booking the freed slot: got %d %+v, want 201", status, p)
	}
	t.Run("a cancelled booking cannot be cancelled or moved again", func(t *testing.T) {
		resp := env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, "cancel-booking"), c.Booking.ID, c.ManageToken))
		if p := apptest.Body[httpapi.ProblemDoc](t, resp); resp.StatusCode != http.StatusConflict || p.Code != "booking_not_active" {
			t.Errorf("got %d %q, want 409 booking_not_active", resp.StatusCode, p.Code)
		}
	})
}

func TestManageTokenRevealsNothing(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	_, c, _ := book(t, env)
	unknown := apptest.WithBooking(apptest.Event(t, "get-booking"), "no-such-booking", c.ManageToken)
	ref := env.Invoke(routes.FnBookings, unknown)
	refDoc := apptest.Body[httpapi.ProblemDoc](t, ref)
	if ref.StatusCode != http.StatusNotFound {
		t.Fatalf("unknown booking: got %d, want 404", ref.StatusCode)
	}
	wrong := c.ManageToken[:len(c.ManageToken)-1] + "A"
	if wrong == c.ManageToken {
		wrong = c.ManageToken[:len(c.ManageToken)-1] + "B"
	}
	for _, tc := range []struct {
		name, event, token string
	}{
		{"a wrong token to view", "get-booking", wrong},
		{"no token to view", "get-booking", ""},
		{"a wrong token to cancel", "cancel-booking", wrong},
		{"no token to reschedule", "reschedule-booking", ""},
	} {
		t.Run(tc.name+" gets the unknown-booking answer", func(t *testing.T) {
			resp := env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, tc.event), c.Booking.ID, tc.token))
			doc := apptest.Body[httpapi.ProblemDoc](t, resp)
			if resp.StatusCode != ref.StatusCode || doc.Code != refDoc.Code || doc.Title != refDoc.Title || doc.Detail != refDoc.Detail {
				t.Errorf("got %d %q %q, want %d %q %q", resp.StatusCode, doc.Code, doc.Title, ref.StatusCode, refDoc.Code, refDoc.Title)
			}
		})
	}
	got, err := env.Deps.Store.GetBooking(context.Background(), c.Booking.ID)
	if err != nil || got.Status != "confirmed" {
		t.Errorf("booking after wrong-token attempts: got %v %v, want confirmed", got.Status, err)
	}
	t.Run("the token is stored only as its hash", func(t *testing.T) {
		if string(got.TokenHash) == c.ManageToken || len(got.TokenHash) != 32 {
			t.Errorf("got a stored token of %d bytes, want a 32-byte hash", len(got.TokenHash))
		}
	})
}

func TestCalendarDownload(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	_, c, _ := book(t, env)
	get := func(token string) httpapi.Response {
		return env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, "get-booking-calendar"), c.Booking.ID, token))
	}
	resp := get(c.ManageToken)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Headers["Content-Type"], "text/calendar") {
		t.Fatalf("got %d %q, want 200 text/calendar", resp.StatusCode, resp.Headers["Content-Type"])
	}
	if got := resp.Headers["Content-Disposition"]; got != `attachment; filename="konzultace.ics"` {
		t.Errorf("got Content-Disposition %q, want konzultace.ics", got)
	}
	cal, err := ics.Parse([]byte(resp.Body))
	if err != nil {
		t.Fatal(err)
	}
	if cal.Method != ics.MethodPublish || cal.UID != c.Booking.ID+"@brana.mpsv.cz" || cal.Sequence != 0 ||
		!cal.Start.Equal(mustTime(t, "2026-12-02T09:00:00+01:00")) {
		t.Errorf("got %s %s seq %d at %s, want PUBLISH, the booking's UID, 0, 2 Dec 9:00", cal.Method, cal.UID, cal.Sequence, cal.Start)
	}
	t.Run("a cancelled booking downloads as a cancellation with the next sequence", func(t *testing.T) {
		env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, "cancel-booking"), c.Booking.ID, c.ManageToken))
		cal, err := ics.Parse([]byte(get(c.ManageToken).Body))
		if err != nil || cal.Method != ics.MethodCancel || cal.Sequence != 1 {
			t.Errorf("got %+v %v, want CANCEL with sequence 1", cal, err)
		}
	})
	t.Run("a wrong token gets the unknown-booking answer", func(t *testing.T) {
		if resp := get("wrong"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("got %d, want 404", resp.StatusCode)
		}
	})
}

func TestOverlongIDsAreNotFound(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	long := strings.Repeat("x", 3000)
	resp := env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, "get-booking"), long, "token"))
	if p := apptest.Body[httpapi.ProblemDoc](t, resp); resp.StatusCode != http.StatusNotFound || p.Code != "booking_not_found" {
		t.Errorf("booking: got %d %q, want 404 booking_not_found", resp.StatusCode, p.Code)
	}
	ev := apptest.Event(t, "get-expert")
	ev.PathParameters = map[string]string{"expertId": long}
	resp = env.Invoke(routes.FnCatalog, ev)
	if p := apptest.Body[httpapi.ProblemDoc](t, resp); resp.StatusCode != http.StatusNotFound || p.Code != "expert_not_found" {
		t.Errorf("expert: got %d %q, want 404 expert_not_found", resp.StatusCode, p.Code)
	}
}
