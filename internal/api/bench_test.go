package api_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/slots"
)

// counting counts DynamoDB calls and keeps the transactions it saw.
type counting struct {
	dynamo.API
	queries atomic.Int64
	mu      sync.Mutex
	txs     []*dynamodb.TransactWriteItemsInput
	record  bool
}

func (c *counting) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	c.queries.Add(1)
	return c.API.Query(ctx, in, opts...)
}

func (c *counting) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	if c.record {
		c.mu.Lock()
		c.txs = append(c.txs, in)
		c.mu.Unlock()
	}
	return c.API.TransactWriteItems(ctx, in, opts...)
}

// busyExpert works every day around the clock in 15-minute slots, so that
// benchmarks can book thousands of distinct slots.
func busyExpert(now time.Time) consultations.Expert {
	av := consultations.DefaultAvailability()
	av.Slot, av.Buffer, av.Notice, av.HorizonDays = 15*time.Minute, 0, 0, 365
	av.Weekly = map[time.Weekday][]slots.LocalRange{}
	for d := time.Sunday; d <= time.Saturday; d++ {
		av.Weekly[d] = []slots.LocalRange{{From: 0, To: 24 * 60}}
	}
	return consultations.Expert{
		ID: "bench-expert", Name: "Benchmark", Email: "bench@example.cz", Active: true, Version: 1,
		Topics: []programme.Topic{programme.TopicOther}, Regions: []string{"CZ064"},
		Forms: []programme.Form{programme.FormPhone}, Availability: av, CreatedAt: now, UpdatedAt: now,
	}
}

// fill books n consultations for the demo expert spread over 60 days by
// writing them straight to the store (as the service would).
func fill(tb testing.TB, env *apptest.Env, e consultations.Expert, n int) {
	tb.Helper()
	ctx := context.Background()
	free := slots.Generate(e.Availability.Rules(), cz.DateOf(env.Clock.Now()), cz.DateOf(env.Clock.Now()).AddDays(59), env.Clock.Now(), nil, cz.IsHoliday)
	if len(free) < n {
		tb.Fatalf("only %d free slots for %d bookings", len(free), n)
	}
	step := len(free) / n
	for i := range n {
		s := free[i*step]
		claim := slots.ClaimInterval(s.Start, e.Availability.Slot, e.Availability.Buffer)
		err := env.Deps.Store.WriteBooking(ctx, consultations.BookingWrite{
			Booking: consultations.Booking{ID: fmt.Sprintf("fill-%04d", i), ExpertID: e.ID, Start: s.Start, End: s.End,
				ClaimEnd: claim.End, Status: consultations.StatusConfirmed, Version: 1, Lang: "cs"},
			Claim: slots.Granules(claim), CountDay: &consultations.DayCount{Date: cz.DateOf(s.Start)},
		})
		if err != nil {
			tb.Fatalf("fill booking %d: %v", i, err)
		}
	}
}

func slotsEnv(tb testing.TB) (*apptest.Env, *counting, consultations.Expert) {
	c := &counting{}
	env := apptest.New(tb, apptest.Options{Quiet: true, Wrap: func(a dynamo.API) dynamo.API { c.API = a; return c }})
	e := busyExpert(env.Clock.Now())
	if _, err := env.Deps.Seed(context.Background(), []consultations.Expert{e}); err != nil {
		tb.Fatal(err)
	}
	fill(tb, env, e, 500)
	return env, c, e
}

func TestFreeSlotsUseOneQueryForSixtyDays(t *testing.T) {
	env, c, e := slotsEnv(t)
	from := cz.DateOf(env.Clock.Now())
	c.queries.Store(0)
	list, err := env.Deps.Service.FreeSlots(context.Background(), consultations.SlotQuery{From: from, To: from.AddDays(59), ExpertID: e.ID})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.queries.Load(); got != 1 {
		t.Errorf("got %d Query calls for 60 days, want 1", got)
	}
	// 96 quarter hours a working day, from 9:00 on the first, less the 500 booked.
	days := 0
	for d := from; !d.After(from.AddDays(59)); d = d.AddDays(1) {
		if !cz.IsHoliday(d) {
			days++
		}
	}
	if want := days*96 - 36 - 500; len(list) != want {
		t.Errorf("got %d free slots, want %d", len(list), want)
	}
}

func BenchmarkFreeSlots60Days500Bookings(b *testing.B) {
	env, c, e := slotsEnv(b)
	from := cz.DateOf(env.Clock.Now())
	q := consultations.SlotQuery{From: from, To: from.AddDays(59), ExpertID: e.ID}
	c.queries.Store(0)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := env.Deps.Service.FreeSlots(context.Background(), q); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(c.queries.Load())/float64(b.N), "queries/op")
}

// bookAll books n distinct quarter-hour slots of the busy expert through
// the handler.
func bookAll(b *testing.B, env *apptest.Env, n int) {
	ev := apptest.WithHeader(apptest.Event(b, "create-booking"), "idempotency-key", "")
	body := apptest.Body[map[string]any](b, apptest.Response{Body: ev.Body})
	body["expertId"], body["topic"], body["form"] = "bench-expert", "other", "phone"
	// Many people, no organisation: the booking limits count per person and IČO.
	body["targetGroup"], body["organisation"] = "client", map[string]any{}
	start := env.Clock.Now().Add(time.Hour).Truncate(time.Hour)
	for i := range n {
		apptest.Person(i)(body)
		body["start"] = start.Add(time.Duration(i) * 15 * time.Minute).Format(time.RFC3339)
		body["idem"] = nil
		delete(body, "idem")
		resp := env.Invoke(routes.FnBookings, apptest.WithHeader(apptest.WithBody(ev, body), "idempotency-key", fmt.Sprintf("bench-%d", i)))
		if resp.StatusCode != http.StatusCreated {
			b.Fatalf("booking %d: got %d %s", i, resp.StatusCode, resp.Body)
		}
	}
}

func benchEnv(b *testing.B, c *counting) *apptest.Env {
	env := apptest.New(b, apptest.Options{Quiet: true, Wrap: func(a dynamo.API) dynamo.API { c.API = a; return c }})
	if _, err := env.Deps.Seed(context.Background(), []consultations.Expert{busyExpert(env.Clock.Now())}); err != nil {
		b.Fatal(err)
	}
	return env
}

// BenchmarkCreateBooking books through the handler (decode, validate, read
// the expert and the day's claims, one transaction) next to the floor: the
// same transactions sent bare.
func BenchmarkCreateBooking(b *testing.B) {
	b.Run("handler", func(b *testing.B) {
		env := benchEnv(b, &counting{})
		b.ResetTimer()
		bookAll(b, env, b.N)
	})
	b.Run("bare-transaction", func(b *testing.B) {
		// Record the handler's transactions on one table, replay them on another.
		rec := &counting{}
		src := benchEnv(b, rec)
		rec.record = true
		bookAll(b, src, b.N)
		dst := benchEnv(b, &counting{})
		for _, in := range rec.txs {
			in.ClientRequestToken = nil // the SDK's own idempotency token belongs to the first table
			for i := range in.TransactItems {
				retable(&in.TransactItems[i], dst.Table)
			}
		}
		b.ResetTimer()
		for _, in := range rec.txs {
			if _, err := dst.Client.TransactWriteItems(context.Background(), in); err != nil {
				b.Fatal(err)
			}
		}
	})
}
