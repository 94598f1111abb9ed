package api_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/slots"
)

// bookingsStored counts the expert's bookings in December.
func bookingsStored(t *testing.T, env *apptest.Env, expertID string) []consultations.Booking {
	t.Helper()
	list, err := env.Deps.Store.ListBookingsByExpert(context.Background(), expertID,
		time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatalf("list bookings: %v", err)
	}
	return list
}

func TestConcurrentBookingOfOneSlot(t *testing.T) {
	env := apptest.New(t, apptest.Options{Quiet: true})
	const n = 100
	ev := apptest.WithHeader(apptest.Event(t, "create-booking"), "idempotency-key", "")
	statuses := make([]int, n)
	codes := make([]string, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			resp := env.Invoke(routes.FnBookings, ev)
			statuses[i] = resp.StatusCode
			if resp.StatusCode != http.StatusCreated {
				codes[i] = apptest.Body[httpapi.ProblemDoc](t, resp).Code
			}
		}()
	}
	close(start)
	wg.Wait()

	created, conflicts := 0, 0
	for i, s := range statuses {
		switch {
		case s == http.StatusCreated:
			created++
		case s == http.StatusConflict && codes[i] == "slot_taken":
			conflicts++
		default:
			t.Errorf("request %d: got %d %q, want 201 or 409 slot_taken", i, s, codes[i])
		}
	}
	if created != 1 || conflicts != n-1 {
		t.Errorf("got %d created and %d slot_taken, want 1 and %d", created, conflicts, n-1)
	}
	if got := len(bookingsStored(t, env, apptest.DemoExpertID)); got != 1 {
		t.Errorf("got %d bookings stored, want 1", got)
	}
	t.Logf("%d concurrent requests for one slot: %d × 201, %d × 409", n, created, conflicts)
}

// Overlapping but not identical intervals: the expert's grid moves by
// 30 minutes after a booking at 9:00, so 9:30 is offered by the grid but
// overlaps the 9:00 booking (and its buffer); the claim granules refuse it.
func TestOverlappingIntervalsAreRefused(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	if status, _, p := book(t, env); status != http.StatusCreated {
		t.Fatalf("first booking: got %d %+v", status, p)
	}
	setHours(t, env, apptest.DemoExpertID, "09:30", "12:00")

	status, _, p := book(t, env, func(b map[string]any) { b["start"] = "2026-12-02T09:30:00+01:00" })
	if status != http.StatusConflict || p.Code != "slot_taken" {
		t.Fatalf("overlapping booking: got %d %q, want 409 slot_taken", status, p.Code)
	}
	if got := len(bookingsStored(t, env, apptest.DemoExpertID)); got != 1 {
		t.Errorf("got %d bookings stored, want 1", got)
	}
}

// Concurrent writes of different but overlapping intervals, straight at the
// store: exactly one wins, whatever grid produced them.
func TestConcurrentOverlappingClaims(t *testing.T) {
	env := apptest.New(t, apptest.Options{Quiet: true})
	base := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC) // 9:00 in Prague
	const n = 100
	var mu sync.Mutex
	won := 0
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := base.Add(time.Duration(i%5) * 15 * time.Minute) // 9:00, 9:15 … 10:00
			claim := slots.ClaimInterval(start, time.Hour, 15*time.Minute)
			b := consultations.Booking{
				ID: fmt.Sprintf("overlap-%03d", i), ExpertID: apptest.DemoExpertID,
				Start: start, End: start.Add(time.Hour), ClaimEnd: claim.End,
				Status: consultations.StatusConfirmed, Version: 1, Lang: "cs",
			}
			err := env.Deps.Store.WriteBooking(context.Background(), consultations.BookingWrite{
				Booking: b, ExpertMustBeActive: true, Claim: slots.Granules(claim),
				CountDay: &consultations.DayCount{Date: cz.DateOf(start)},
			})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				won++
			case !apperr.Is(err, apperr.Conflict, "slot_taken"):
				t.Errorf("write %d: got %v, want nil or slot_taken", i, err)
			}
		}()
	}
	wg.Wait()
	if won != 1 {
		t.Errorf("got %d winners among overlapping intervals, want 1", won)
	}
	if got := len(bookingsStored(t, env, apptest.DemoExpertID)); got != 1 {
		t.Errorf("got %d bookings stored, want 1", got)
	}
}
