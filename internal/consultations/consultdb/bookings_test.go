package consultdb_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/slots"
)

// snapshot is every item of the table, sorted by key, for before/after
// comparisons.
func (f *fixture) snapshot() []map[string]types.AttributeValue {
	items := f.scan()
	sort.Slice(items, func(i, j int) bool {
		return sval(items[i], "PK")+" "+sval(items[i], "SK") < sval(items[j], "PK")+" "+sval(items[j], "SK")
	})
	return items
}

func keysOf(items []map[string]types.AttributeValue) []string {
	var out []string
	for _, it := range items {
		out = append(out, sval(it, "PK")+" "+sval(it, "SK"))
	}
	return out
}

func TestWriteBookingConflicts(t *testing.T) {
	ctx := context.Background()
	// Every case starts from: active experts "jana" and "petr", inactive "off",
	// booking "a" with jana on Wednesday 10:00–11:00 (claims 10:00–11:15).
	setup := func(t *testing.T) *fixture {
		f := newFixture(t, nil)
		f.mustCreateExpert(expert("jana", ""))
		off := expert("off", "")
		off.Active = false
		f.mustCreateExpert(off)
		f.mustCreateExpert(expert("petr", ""))
		f.mustWrite(create(booking("a", "jana", at(wed, 10, 0)), 0))
		return f
	}
	cases := []struct {
		name  string
		write func() consultations.BookingWrite
		want  string
	}{
		{"the identical interval is slot_taken", func() consultations.BookingWrite {
			return create(booking("b", "jana", at(wed, 10, 0)), 0)
		}, "conflict slot_taken"},
		{"an interval whose claim reaches only the other's first granule is slot_taken", func() consultations.BookingWrite {
			return create(booking("b", "jana", at(wed, 9, 0)), 0) // claims 9:00–10:15
		}, "conflict slot_taken"},
		{"an interval starting in the other's buffer is slot_taken", func() consultations.BookingWrite {
			return create(booking("b", "jana", at(wed, 11, 0)), 0)
		}, "conflict slot_taken"},
		{"an interval starting mid-consultation is slot_taken", func() consultations.BookingWrite {
			return create(booking("b", "jana", at(wed, 10, 30)), 0)
		}, "conflict slot_taken"},
		{"an interval right after the other's buffer is free", func() consultations.BookingWrite {
			return create(booking("b", "jana", at(wed, 11, 15)), 0)
		}, "<nil>"},
		{"an interval whose buffer ends where the other starts is free", func() consultations.BookingWrite {
			return create(booking("b", "jana", at(wed, 8, 45)), 0) // claims 8:45–10:00
		}, "<nil>"},
		{"the same time with another expert is free", func() consultations.BookingWrite {
			return create(booking("b", "petr", at(wed, 10, 0)), 1)
		}, "<nil>"},
		{"the cap of one on a day with one booking is day_full", func() consultations.BookingWrite {
			return create(booking("b", "jana", at(wed, 14, 0)), 1)
		}, "conflict day_full"},
		{"a taken slot on a full day is slot_taken, not day_full", func() consultations.BookingWrite {
			return create(booking("b", "jana", at(wed, 10, 0)), 1)
		}, "conflict slot_taken"},
		{"the cap of one on another day is free", func() consultations.BookingWrite {
			return create(booking("b", "jana", at(wed.AddDays(1), 10, 0)), 1)
		}, "<nil>"},
		{"creating an existing booking id is booking_changed", func() consultations.BookingWrite {
			return create(booking("a", "jana", at(wed, 14, 0)), 0)
		}, "conflict booking_changed"},
		{"a change from a stale version is booking_changed", func() consultations.BookingWrite {
			b := booking("a", "jana", at(wed, 10, 0))
			b.Version = 3
			return consultations.BookingWrite{Booking: b, PrevVersion: 2}
		}, "conflict booking_changed"},
		{"a change from the current version succeeds", func() consultations.BookingWrite {
			b := booking("a", "jana", at(wed, 10, 0))
			b.Version = 2
			return consultations.BookingWrite{Booking: b, PrevVersion: 1}
		}, "<nil>"},
		{"releasing granules another booking holds is booking_changed", func() consultations.BookingWrite {
			b := booking("b", "jana", at(wed, 14, 0))
			w := create(b, 0)
			w.Release = []time.Time{at(wed, 10, 0)}
			return w
		}, "conflict booking_changed"},
		{"an inactive expert is expert_not_found", func() consultations.BookingWrite {
			return create(booking("b", "off", at(wed, 10, 0)), 0)
		}, "not_found expert_not_found"},
		{"an unknown expert is expert_not_found", func() consultations.BookingWrite {
			return create(booking("b", "nobody", at(wed, 10, 0)), 0)
		}, "not_found expert_not_found"},
		{"an inactive expert with a stale version is booking_changed first", func() consultations.BookingWrite {
			b := booking("a", "off", at(wed, 10, 0))
			return consultations.BookingWrite{Booking: b, PrevVersion: 5, ExpertMustBeActive: true}
		}, "conflict booking_changed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := setup(t)
			w := c.write()
			before := f.snapshot()
			err := f.store.WriteBooking(ctx, w)
			if got := describe(err); got != c.want {
				t.Fatalf("got %s, want %s", got, c.want)
			}
			if err == nil {
				return
			}
			if after := f.snapshot(); !reflect.DeepEqual(after, before) {
				t.Errorf("after the failed write the table changed: got keys %v, want %v", keysOf(after), keysOf(before))
			}
		})
	}
}

func TestFailedWriteLeavesNothingBehind(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, nil)
	f.mustCreateExpert(expert("jana", ""))
	f.mustWrite(create(booking("a", "jana", at(wed, 10, 0)), 0))

	// b's claim overlaps a's last granule only; everything else would succeed.
	b := booking("b", "jana", at(wed, 11, 0))
	w := create(b, 3)
	w.Mail = []outbox.Item{mailItem("b", "b-0-confirmation-person"), mailItem("b", "b-0-confirmation-expert")}
	rec := idempotency.Record{KeyHash: "key-b", RequestHash: "req", Status: 201, ResourceID: "b", CreatedAt: now, ExpiresAt: now.Add(idempotency.TTL)}
	w.Idempotency = &rec
	err := f.store.WriteBooking(ctx, w)
	if got, want := describe(err), "conflict slot_taken"; got != want {
		t.Fatalf("write: got %s, want %s", got, want)
	}

	byType := f.keysByType()
	t.Run("no booking", func(t *testing.T) {
		if got := f.raw("BOOKING#b", "BOOKING"); got != nil {
			t.Errorf("got booking b %v, want none", got)
		}
		if got, want := byType["booking"], []string{"BOOKING#a BOOKING"}; !reflect.DeepEqual(got, want) {
			t.Errorf("bookings: got %v, want %v", got, want)
		}
	})
	t.Run("no claims but a's", func(t *testing.T) {
		var want []string
		for _, g := range slots.Granules(booking("a", "jana", at(wed, 10, 0)).ClaimInterval()) {
			want = append(want, "EXPERT#jana CLAIM#"+g.Format("2006-01-02T15:04:05Z"))
		}
		if got := byType["claim"]; !reflect.DeepEqual(got, want) {
			t.Errorf("claims: got %v, want %v", got, want)
		}
	})
	t.Run("no outbox items", func(t *testing.T) {
		if got := byType["outbox"]; len(got) != 0 {
			t.Errorf("outbox items: got %v, want none", got)
		}
	})
	t.Run("no idempotency record", func(t *testing.T) {
		if got := byType["idempotency"]; len(got) != 0 {
			t.Errorf("idempotency records: got %v, want none", got)
		}
	})
	t.Run("the day counter is unchanged", func(t *testing.T) {
		if got := nval(f.raw("EXPERT#jana", "DAY#2026-12-02"), "n"); got != "1" {
			t.Errorf("day counter: got %q, want 1", got)
		}
	})
}

func TestDayCap(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, nil)
	f.mustCreateExpert(expert("jana", ""))
	a := booking("a", "jana", at(wed, 9, 0))
	f.mustWrite(create(a, 2))
	f.mustWrite(create(booking("b", "jana", at(wed, 11, 0)), 2))
	counter := func() string { return nval(f.raw("EXPERT#jana", "DAY#2026-12-02"), "n") }

	t.Run("the counter counts the day's bookings", func(t *testing.T) {
		if got := counter(); got != "2" {
			t.Errorf("got %q, want 2", got)
		}
	})
	t.Run("a third booking under a cap of two is day_full", func(t *testing.T) {
		err := f.store.WriteBooking(ctx, create(booking("c", "jana", at(wed, 14, 0)), 2))
		if got, want := describe(err), "conflict day_full"; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
		if got := counter(); got != "2" {
			t.Errorf("counter after the refused write: got %q, want 2", got)
		}
	})
	t.Run("without a cap the same booking is counted", func(t *testing.T) {
		g := newFixture(t, nil)
		g.mustCreateExpert(expert("jana", ""))
		for i, h := range []int{9, 11, 14} {
			g.mustWrite(create(booking(fmt.Sprint("x", i), "jana", at(wed, h, 0)), 0))
		}
		if got := nval(g.raw("EXPERT#jana", "DAY#2026-12-02"), "n"); got != "3" {
			t.Errorf("got %q, want 3", got)
		}
	})
	t.Run("cancelling with UncountDay frees the day", func(t *testing.T) {
		cancelled := a
		cancelled.Status, cancelled.Version = consultations.StatusCancelled, 2
		day := cz.DateOf(a.Start)
		f.mustWrite(consultations.BookingWrite{
			Booking: cancelled, PrevVersion: 1,
			Release: slots.Granules(a.ClaimInterval()), UncountDay: &day,
		})
		if got := counter(); got != "1" {
			t.Errorf("counter after cancelling: got %q, want 1", got)
		}
		if err := f.store.WriteBooking(ctx, create(booking("c", "jana", at(wed, 14, 0)), 2)); err != nil {
			t.Errorf("booking after the cancellation: got %v, want nil", err)
		}
		if got := counter(); got != "2" {
			t.Errorf("counter after rebooking: got %q, want 2", got)
		}
	})
	t.Run("the released slot can be booked again", func(t *testing.T) {
		// a was cancelled above; its granules are free again, but the day is
		// full once more (b and c), so only an uncapped write gets it.
		err := f.store.WriteBooking(ctx, create(booking("d", "jana", at(wed, 9, 0)), 0))
		if err != nil {
			t.Errorf("got %v, want nil", err)
		}
	})
}

func TestIdempotencyRecords(t *testing.T) {
	ctx := context.Background()
	record := func(resource string, created time.Time) *idempotency.Record {
		return &idempotency.Record{
			KeyHash: "key-1", RequestHash: "req-" + resource, Status: 201, ResourceID: resource,
			Sealed: []byte("sealed-" + resource), CreatedAt: created, ExpiresAt: created.Add(idempotency.TTL),
		}
	}
	setup := func(t *testing.T) *fixture {
		f := newFixture(t, nil)
		f.mustCreateExpert(expert("jana", ""))
		w := create(booking("a", "jana", at(wed, 9, 0)), 0)
		w.Idempotency = record("a", now)
		f.mustWrite(w)
		return f
	}

	t.Run("the record reads back as written", func(t *testing.T) {
		f := setup(t)
		got, err := f.store.GetIdempotency(ctx, "key-1")
		if err != nil {
			t.Fatal(err)
		}
		want := *record("a", now)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
	t.Run("an unknown key is not found", func(t *testing.T) {
		f := setup(t)
		_, err := f.store.GetIdempotency(ctx, "key-2")
		if got, want := describe(err), "not_found not_found"; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})

	cases := []struct {
		name    string
		created time.Time
		want    string
	}{
		{"the key used again while live is idempotency_race", now.Add(time.Hour), "conflict idempotency_race"},
		{"the key used again in its last second is idempotency_race", now.Add(idempotency.TTL), "conflict idempotency_race"},
		{"the key used again after it expired is reusable", now.Add(idempotency.TTL + time.Second), "<nil>"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := setup(t)
			w := create(booking("b", "jana", at(wed, 14, 0)), 0)
			w.Idempotency = record("b", c.created)
			err := f.store.WriteBooking(ctx, w)
			if got := describe(err); got != c.want {
				t.Fatalf("got %s, want %s", got, c.want)
			}
			rec, gerr := f.store.GetIdempotency(ctx, "key-1")
			if gerr != nil {
				t.Fatal(gerr)
			}
			wantResource, wantBooking := "a", false
			if err == nil {
				wantResource, wantBooking = "b", true
			}
			if rec.ResourceID != wantResource {
				t.Errorf("record's resource: got %s, want %s", rec.ResourceID, wantResource)
			}
			if got := f.raw("BOOKING#b", "BOOKING") != nil; got != wantBooking {
				t.Errorf("booking b stored: got %v, want %v", got, wantBooking)
			}
		})
	}
}

func TestListBookings(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, nil)
	f.mustCreateExpert(expert("jana", ""))
	f.mustCreateExpert(expert("petr", ""))
	nov30 := cz.Date{Year: 2026, Month: 11, Day: 30}
	dec1 := nov30.AddDays(1)
	jan4 := cz.Date{Year: 2027, Month: 1, Day: 4}
	bookings := []consultations.Booking{
		booking("nov30-morning", "jana", at(nov30, 10, 0)),
		booking("nov30-late", "jana", at(nov30, 22, 0)),                                // 21:00Z, November in Prague
		booking("dec1-early", "petr", time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC)), // 0:30 on 1 December in Prague
		booking("dec2", "jana", at(wed, 10, 0)),
		booking("jan4", "jana", at(jan4, 10, 0)),
	}
	for _, b := range bookings {
		f.mustWrite(create(b, 0))
	}

	t.Run("a booking at 23:30Z on 30 November is in Prague's December bucket", func(t *testing.T) {
		if got := sval(f.raw("BOOKING#dec1-early", "BOOKING"), "GSI2PK"); got != "BOOKING#2026-12" {
			t.Errorf("got %q, want BOOKING#2026-12", got)
		}
	})

	ids := func(list []consultations.Booking) []string {
		out := []string{}
		for _, b := range list {
			out = append(out, b.ID)
		}
		sort.Strings(out)
		return out
	}
	byTime := []struct {
		name     string
		from, to time.Time
		want     []string
	}{
		{"30 November in Prague leaves out 0:30 on 1 December", nov30.Start(), dec1.Start(), []string{"nov30-late", "nov30-morning"}},
		{"1 December in Prague includes 23:30Z on 30 November", dec1.Start(), dec1.AddDays(1).Start(), []string{"dec1-early"}},
		{"a range across the month boundary reads both buckets", nov30.Start(), wed.AddDays(1).Start(), []string{"dec1-early", "dec2", "nov30-late", "nov30-morning"}},
		{"a range across the year boundary reads three months", cz.Date{Year: 2026, Month: 11, Day: 1}.Start(), cz.Date{Year: 2027, Month: 2, Day: 1}.Start(), []string{"dec1-early", "dec2", "jan4", "nov30-late", "nov30-morning"}},
		{"from is inclusive and to exclusive", bookings[2].Start, bookings[3].Start, []string{"dec1-early"}},
		{"an empty month finds nothing", cz.Date{Year: 2026, Month: 10, Day: 1}.Start(), cz.Date{Year: 2026, Month: 11, Day: 1}.Start(), []string{}},
	}
	for _, c := range byTime {
		t.Run("by time: "+c.name, func(t *testing.T) {
			list, err := f.store.ListBookingsByTime(ctx, c.from, c.to)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(list); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}

	byExpert := []struct {
		name, expert string
		from, to     time.Time
		want         []string
	}{
		{"jana's bookings across the month boundary", "jana", nov30.Start(), wed.AddDays(1).Start(), []string{"dec2", "nov30-late", "nov30-morning"}},
		{"petr's booking at 23:30Z on 30 November", "petr", nov30.Start(), wed.AddDays(1).Start(), []string{"dec1-early"}},
		{"petr has none on 30 November in Prague", "petr", nov30.Start(), dec1.Start(), []string{}},
		{"jana's bookings into the next year", "jana", wed.Start(), jan4.AddDays(1).Start(), []string{"dec2", "jan4"}},
	}
	for _, c := range byExpert {
		t.Run("by expert: "+c.name, func(t *testing.T) {
			list, err := f.store.ListBookingsByExpert(ctx, c.expert, c.from, c.to)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(list); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}

	t.Run("a listed booking reads back as written", func(t *testing.T) {
		list, err := f.store.ListBookingsByExpert(ctx, "jana", wed.Start(), wed.AddDays(1).Start())
		if err != nil || len(list) != 1 {
			t.Fatalf("got %d bookings, %v, want 1", len(list), err)
		}
		if want := bookings[3]; !reflect.DeepEqual(list[0], want) {
			t.Errorf("got %+v, want %+v", list[0], want)
		}
	})
}

func TestClaims(t *testing.T) {
	ctx := context.Background()

	t.Run("the range is half-open on granules", func(t *testing.T) {
		f := newFixture(t, nil)
		f.mustCreateExpert(expert("jana", ""))
		b := booking("a", "jana", at(wed, 10, 0)) // claims 10:00, 10:15, …, 11:00
		f.mustWrite(create(b, 0))
		claims, err := f.store.Claims(ctx, "jana", at(wed, 10, 15), at(wed, 11, 0))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range claims {
			got = append(got, c.Granule.In(cz.Prague).Format("15:04")+" "+c.BookingID)
			if !c.Start.Equal(b.Start) || c.ExpertID != "jana" {
				t.Errorf("claim %v: got start %v expert %s, want %v and jana", c.Granule, c.Start, c.ExpertID, b.Start)
			}
		}
		if want := []string{"10:15 a", "10:30 a", "10:45 a"}; !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})

	t.Run("500 bookings' claims come back with one Query", func(t *testing.T) {
		var counter *counting
		f := newFixture(t, func(api dynamo.API) dynamo.API { counter = newCounting(api); return counter })
		f.mustCreateExpert(expert("jana", ""))
		f.mustCreateExpert(expert("petr", ""))
		const n = 500
		first := at(wed, 0, 0)
		step := 75 * time.Minute // 60 min + 15 min buffer: back to back
		var wg sync.WaitGroup
		errs := make(chan error, n)
		sem := make(chan struct{}, 16)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				// Only the booking and its claims: no hot day counter or
				// expert check, so that 500 writes stay quick.
				write := func(id, expertID string) {
					b := booking(id, expertID, first.Add(time.Duration(i)*step))
					w := consultations.BookingWrite{Booking: b, Claim: slots.Granules(b.ClaimInterval())}
					if err := f.store.WriteBooking(ctx, w); err != nil {
						errs <- err
					}
				}
				write(fmt.Sprintf("b%03d", i), "jana")
				// Another expert's claims in the same range must not be read.
				if i%10 == 0 {
					write(fmt.Sprintf("p%03d", i), "petr")
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("write: %v", err)
		}
		counter.Reset()
		claims, err := f.store.Claims(ctx, "jana", first.Add(-24*time.Hour), first.Add(n*step+24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if got := counter.Calls("Query"); got != 1 {
			t.Errorf("Query calls: got %d, want 1", got)
		}
		perBooking := map[string]int{}
		for _, c := range claims {
			perBooking[c.BookingID]++
		}
		if len(claims) != n*5 || len(perBooking) != n {
			t.Errorf("got %d claims of %d bookings, want %d of %d", len(claims), len(perBooking), n*5, n)
		}
		for id, k := range perBooking {
			if k != 5 || !strings.HasPrefix(id, "b") {
				t.Errorf("booking %s: got %d claims, want 5 of jana's", id, k)
			}
		}
	})
}

func TestDeleteMail(t *testing.T) {
	ctx := context.Background()
	for _, n := range []int{99, 100, 250} {
		t.Run(fmt.Sprintf("erasing a booking with %d outbox items deletes them all", n), func(t *testing.T) {
			f := newFixture(t, nil)
			f.mustCreateExpert(expert("jana", ""))
			b := booking("a", "jana", at(wed, 10, 0))
			f.mustWrite(create(b, 0))
			// Queue the items 50 per write, as successive booking changes would.
			var ids []string
			for len(ids) < n {
				w := consultations.BookingWrite{Booking: b, PrevVersion: b.Version}
				w.Booking.Version++
				for k := 0; k < 50 && len(ids) < n; k++ {
					id := fmt.Sprintf("a-%03d-reminder-person", len(ids))
					ids = append(ids, id)
					w.Mail = append(w.Mail, mailItem("a", id))
				}
				f.mustWrite(w)
				b = w.Booking
			}
			if got := len(f.keysByType()["outbox"]); got != n {
				t.Fatalf("outbox items before erasure: got %d, want %d", got, n)
			}
			erased := b
			erased.Contact, erased.Note, erased.TokenHash = consultations.Contact{}, "", nil
			erased.ErasedAt, erased.Version = now, b.Version+1
			if err := f.store.WriteBooking(ctx, consultations.BookingWrite{Booking: erased, PrevVersion: b.Version, DeleteMail: ids}); err != nil {
				t.Fatalf("erase: got %v, want nil", err)
			}
			if got := f.keysByType()["outbox"]; len(got) != 0 {
				t.Errorf("outbox items after erasure: got %d (%v…), want 0", len(got), got[0])
			}
			stored, err := f.store.GetBooking(ctx, "a")
			if err != nil {
				t.Fatal(err)
			}
			if stored.Contact != (consultations.Contact{}) || stored.ErasedAt.IsZero() {
				t.Errorf("booking after erasure: got contact %+v erasedAt %v, want empty and set", stored.Contact, stored.ErasedAt)
			}
		})
	}
}

// failingDeletes fails every single-item DeleteItem call.
type failingDeletes struct{ dynamo.API }

func (failingDeletes) DeleteItem(context.Context, *dynamodb.DeleteItemInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
	return nil, errors.New("injected DeleteItem failure")
}

// An erasure with more outbox copies than fit one transaction must not end
// half done: if it fails, the booking must still be un-erased (so that the
// erasure can run again and find the copies through the booking's list),
// or every copy must be gone.
func TestDeleteMailFailure(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, func(api dynamo.API) dynamo.API { return failingDeletes{api} })
	f.mustCreateExpert(expert("jana", ""))
	b := booking("a", "jana", at(wed, 10, 0))
	f.mustWrite(create(b, 0))
	var ids []string
	for len(ids) < 150 {
		w := consultations.BookingWrite{Booking: b, PrevVersion: b.Version}
		w.Booking.Version++
		for k := 0; k < 50; k++ {
			id := fmt.Sprintf("a-%03d-reminder-person", len(ids))
			ids = append(ids, id)
			w.Mail = append(w.Mail, mailItem("a", id))
			w.Booking.Mail = append(w.Booking.Mail, id)
		}
		f.mustWrite(w)
		b = w.Booking
	}
	erased := b
	erased.Contact, erased.Note, erased.TokenHash, erased.Mail = consultations.Contact{}, "", nil, nil
	erased.ErasedAt, erased.Version = now, b.Version+1
	err := f.store.WriteBooking(ctx, consultations.BookingWrite{Booking: erased, PrevVersion: b.Version, DeleteMail: ids})
	if err == nil {
		t.Fatalf("erase with DeleteItem failing: got nil, want an error")
	}
	left := len(f.keysByType()["outbox"])
	stored, gerr := f.store.GetBooking(ctx, "a")
	if gerr != nil {
		t.Fatal(gerr)
	}
	if left > 0 && stored.Erased() {
		t.Errorf("after the failed erasure: got the booking erased (its e-mail list gone) with %d outbox copies left, want it un-erased while copies remain", left)
	}
}
