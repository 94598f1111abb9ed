package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
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

// copies sends n concurrent copies of one request and tallies the answers
// as "<status>", "<status> <booking id>" for a 200 or 201 (with
// ",replayed" when marked so), or "<status> <problem code>".
func copies(t *testing.T, env *apptest.Env, fn string, ev events.APIGatewayV2HTTPRequest, n int) map[string]int {
	t.Helper()
	var mu sync.Mutex
	got := map[string]int{}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			resp := env.Invoke(fn, ev)
			outcome := fmt.Sprint(resp.StatusCode)
			switch resp.StatusCode {
			case http.StatusCreated, http.StatusOK:
				var b struct {
					ID      string `json:"id"`
					Booking struct {
						ID string `json:"id"`
					} `json:"booking"`
				}
				if err := json.Unmarshal([]byte(resp.Body), &b); err != nil {
					t.Errorf("body: %v", err)
				}
				outcome += " " + b.ID + b.Booking.ID
			default:
				outcome += " " + apptest.Body[httpapi.ProblemDoc](t, resp).Code
			}
			mu.Lock()
			got[outcome]++
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	return got
}

// TestConcurrentCopiesWithOneIdempotencyKey (issue #8 item 7): 20
// concurrent copies of one request with one Idempotency-Key each get the
// one result (the booking made once) or 409 idempotency_in_progress, never
// slot_taken or booking_changed from their own twin's change.
//
// The copies are held at the point where the copies lost: each but
// the first looks its key up (no record yet), then waits until the first
// copy's transaction has committed before it goes on, so its own checks
// and transaction meet its twin's change.
func TestConcurrentCopiesWithOneIdempotencyKey(t *testing.T) {
	const n = 20
	gate := &twinGate{}
	env := apptest.New(t, apptest.Options{Quiet: true, Wrap: func(api dynamo.API) dynamo.API { gate.API = api; return gate }})
	check := func(what string, got map[string]int, status int) string {
		t.Helper()
		id, total := "", 0
		for outcome, k := range got {
			total += k
			var code int
			var rest string
			fmt.Sscanf(outcome, "%d %s", &code, &rest)
			switch {
			case code == status && (id == "" || id == rest):
				id = rest
			case code == http.StatusConflict && rest == "idempotency_in_progress":
			default:
				t.Errorf("%s: %d × %q, want %d with one booking id or 409 idempotency_in_progress", what, k, outcome, status)
			}
		}
		t.Logf("%d concurrent copies of %s with one key: %v", n, what, got)
		if total != n || id == "" {
			t.Errorf("%s: got %v, want %d answers, at least one %d", what, got, n, status)
		}
		return id
	}

	ev := apptest.Event(t, "create-booking") // carries an Idempotency-Key
	gate.arm()
	id := check("POST /v1/bookings", copies(t, env, routes.FnBookings, ev, n), http.StatusCreated)
	if got := bookingsStored(t, env, apptest.DemoExpertID); len(got) != 1 || got[0].ID != id {
		t.Fatalf("got %d bookings stored, want the one answered", len(got))
	}
	// The token to manage it: a replay of the same request returns it.
	c := apptest.Body[api.CreatedBookingView](t, env.Invoke(routes.FnBookings, ev))

	to := env.FreeSlots(apptest.Thursday)[0]
	rs := apptest.WithHeader(apptest.RescheduleEvent(t, id, c.ManageToken, to), "idempotency-key", "move-1")
	gate.arm()
	check("POST /v1/bookings/{id}/reschedule", copies(t, env, routes.FnBookings, rs, n), http.StatusOK)
	b, err := env.Deps.Store.GetBooking(context.Background(), id)
	if err != nil || !b.Start.Equal(to) || b.Reschedules != 1 {
		t.Errorf("after the copies: start %s, reschedules %d (%v); want %s, moved once", b.Start, b.Reschedules, err, to)
	}

	cn := apptest.WithHeader(apptest.WithBooking(apptest.Event(t, "cancel-booking"), id, c.ManageToken), "idempotency-key", "cancel-1")
	gate.arm()
	check("POST /v1/bookings/{id}/cancel", copies(t, env, routes.FnBookings, cn, n), http.StatusOK)
}

// twinGate holds concurrent copies of one request after their first look
// at the idempotency record until the first copy's transaction commits.
type twinGate struct {
	dynamo.API
	mu        sync.Mutex
	armed     bool
	leader    bool          // a copy went ahead
	committed chan struct{} // closed when its transaction committed
}

func (g *twinGate) arm() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.armed, g.leader, g.committed = true, false, make(chan struct{})
}

func (g *twinGate) GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	out, err := g.API.GetItem(ctx, in, opts...)
	pk, _ := in.Key[dynamo.AttrPK].(*types.AttributeValueMemberS)
	if pk == nil || !strings.HasPrefix(pk.Value, "IDEMPOTENCY#") || err != nil || len(out.Item) > 0 {
		return out, err
	}
	g.mu.Lock()
	wait, committed := g.armed && g.leader, g.committed
	if g.armed {
		g.leader = true
	}
	g.mu.Unlock()
	if wait {
		select {
		case <-committed:
		case <-time.After(10 * time.Second):
		}
	}
	return out, err
}

func (g *twinGate) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	out, err := g.API.TransactWriteItems(ctx, in, opts...)
	g.mu.Lock()
	if err == nil && g.armed {
		g.armed = false
		close(g.committed)
	}
	g.mu.Unlock()
	return out, err
}
