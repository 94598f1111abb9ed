package apptest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/routes"
)

// DemoExpertID is the demo expert the sample booking event
// (events/create-booking.json) books.
const DemoExpertID = "jana-dvorakova"

// Prague working days after DefaultNow (Monday 30 November 2026, 9:00) on
// which the demo expert has free slots.
var (
	Tuesday   = cz.Date{Year: 2026, Month: 12, Day: 1}
	Wednesday = Tuesday.AddDays(1)
	Thursday  = Tuesday.AddDays(2)
)

// The helpers below that are methods of Env fail the test through Env.TB:
// call them from the test that made the Env, not from its subtests.

// FreeSlots returns the demo expert's free slot starts on a Prague date,
// failing the test if there are none.
func (e *Env) FreeSlots(d cz.Date) []time.Time {
	e.TB.Helper()
	list, err := e.Deps.Service.FreeSlots(context.Background(), consultations.SlotQuery{From: d, To: d, ExpertID: DemoExpertID})
	if err != nil {
		e.TB.Fatalf("free slots on %s: %v", d, err)
	}
	var out []time.Time
	for _, s := range list {
		out = append(out, s.Start)
	}
	if len(out) == 0 {
		e.TB.Fatalf("no free slots on %s", d)
	}
	return out
}

// BookingEvent is the sample booking request (with its Idempotency-Key) for
// start, its body changed by mutate.
func BookingEvent(tb testing.TB, start time.Time, mutate ...func(map[string]any)) events.APIGatewayV2HTTPRequest {
	tb.Helper()
	ev := Event(tb, "create-booking")
	var body map[string]any
	if err := json.Unmarshal([]byte(ev.Body), &body); err != nil {
		tb.Fatal(err)
	}
	body["start"] = start.Format(time.RFC3339)
	for _, m := range mutate {
		m(body)
	}
	return WithBody(ev, body)
}

// Book books the sample booking at start through the bookings handler,
// without an idempotency key and with its body changed by mutate, failing
// the test unless it is created. The first booking is the sample's
// person's; each later one is made by another person (e-mail and phone; see
// Person), so that tests booking many slots stay within the per-person
// limits. The organisation stays the sample's.
func (e *Env) Book(start time.Time, mutate ...func(map[string]any)) api.CreatedBookingView {
	e.TB.Helper()
	e.people++
	if e.people > 1 {
		mutate = append([]func(map[string]any){Person(e.people)}, mutate...)
	}
	ev := WithHeader(BookingEvent(e.TB, start, mutate...), "idempotency-key", "")
	resp := e.Invoke(routes.FnBookings, ev)
	if resp.StatusCode != http.StatusCreated {
		e.TB.Fatalf("book %s: got %d %s, want 201", start, resp.StatusCode, resp.Body)
	}
	return Body[api.CreatedBookingView](e.TB, resp)
}

// RescheduleEvent is the sample reschedule request moving a booking to start.
func RescheduleEvent(tb testing.TB, id, token string, start time.Time) events.APIGatewayV2HTTPRequest {
	tb.Helper()
	ev := WithBooking(Event(tb, "reschedule-booking"), id, token)
	return WithBody(ev, map[string]string{"start": start.Format(time.RFC3339)})
}

// Reschedule moves a booking to start through the bookings handler, failing
// the test unless it answers 200.
func (e *Env) Reschedule(id, token string, start time.Time) {
	e.TB.Helper()
	if resp := e.Invoke(routes.FnBookings, RescheduleEvent(e.TB, id, token, start)); resp.StatusCode != http.StatusOK {
		e.TB.Fatalf("reschedule: got %d %s, want 200", resp.StatusCode, resp.Body)
	}
}

// Cancel cancels a booking through the bookings handler, failing the test
// unless it answers 200.
func (e *Env) Cancel(id, token string) {
	e.TB.Helper()
	resp := e.Invoke(routes.FnBookings, WithBooking(Event(e.TB, "cancel-booking"), id, token))
	if resp.StatusCode != http.StatusOK {
		e.TB.Fatalf("cancel: got %d %s, want 200", resp.StatusCode, resp.Body)
	}
}

// Person makes a booking body's contact the n-th of many people: its own
// e-mail address and phone number.
func Person(n int) func(map[string]any) {
	return func(body map[string]any) {
		c, _ := body["contact"].(map[string]any)
		if c == nil {
			c = map[string]any{}
			body["contact"] = c
		}
		c["email"] = fmt.Sprintf("person-%d@example.cz", n)
		c["phone"] = fmt.Sprintf("+420 603 %06d", n%1000000)
	}
}
