package consultations

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/slots"
)

// slowClaims is a Store whose claim Queries take a while, the first
// expert's the longest, and that counts how many run at once. Only the two
// methods FreeSlots needs are implemented.
type slowClaims struct {
	Store
	experts  []Expert
	fail     string // the expert whose Query fails
	inFlight atomic.Int64
	maxSeen  atomic.Int64
	calls    atomic.Int64
}

func (s *slowClaims) ListExperts(context.Context) ([]Expert, error) { return s.experts, nil }

func (s *slowClaims) Claims(ctx context.Context, expertID string, from, to time.Time) ([]Claim, error) {
	s.calls.Add(1)
	n := s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	for {
		m := s.maxSeen.Load()
		if n <= m || s.maxSeen.CompareAndSwap(m, n) {
			break
		}
	}
	var pos int
	fmt.Sscanf(expertID, "e%d", &pos)
	select {
	case <-time.After(time.Duration(len(s.experts)-pos) * 5 * time.Millisecond):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if expertID == s.fail {
		return nil, errors.New("query failed")
	}
	// Every expert has 10:00 on Wednesday booked.
	g := cz.Date{Year: 2026, Month: 12, Day: 2}.At(10 * 60).UTC()
	return []Claim{{ExpertID: expertID, Granule: g, BookingID: "b-" + expertID, Start: g}}, nil
}

func TestFreeSlotsQueriesExpertsConcurrently(t *testing.T) {
	week := cz.Date{Year: 2026, Month: 11, Day: 30}
	var experts []Expert
	for i := 0; i < 10; i++ {
		a := DefaultAvailability()
		a.Weekly = map[time.Weekday][]slots.LocalRange{time.Wednesday: {{From: 9 * 60, To: 12 * 60}}}
		experts = append(experts, Expert{
			ID: fmt.Sprintf("e%d", i), Name: fmt.Sprintf("Expert %02d", i), Active: true, Availability: a,
			Topics: []programme.Topic{programme.TopicFinancing}, Regions: []string{"CZ064"}, Forms: []programme.Form{programme.FormPhone},
		})
	}
	service := func(st *slowClaims) *Service {
		return &Service{Store: st, Clock: clock.NewFixed(week.At(8 * 60)), Holiday: func(cz.Date) bool { return false }}
	}
	q := SlotQuery{From: week, To: week.AddDays(6)}

	st := &slowClaims{experts: experts}
	got, err := service(st).FreeSlots(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("one Query per expert, several at once, never more than the bound", func(t *testing.T) {
		if n := st.calls.Load(); n != int64(len(experts)) {
			t.Errorf("queries: got %d, want %d", n, len(experts))
		}
		if m := st.maxSeen.Load(); m < 2 || m > slotQueries {
			t.Errorf("queries at once: got %d, want 2 to %d", m, slotQueries)
		}
	})
	t.Run("the slots are ordered by start, then by the experts' order, whoever answered first", func(t *testing.T) {
		// Hours 9–12 with 10:00–10:15 claimed leave one 60-minute slot
		// (and its 15-minute buffer) per expert: 10:15.
		var want []string
		for _, hm := range []string{"10:15"} {
			for _, e := range experts {
				want = append(want, e.ID+" "+hm)
			}
		}
		var have []string
		for _, s := range got {
			have = append(have, s.ExpertID+" "+s.Start.In(cz.Prague).Format("15:04"))
		}
		if fmt.Sprint(have) != fmt.Sprint(want) {
			t.Errorf("got %v, want %v", have, want)
		}
	})
	t.Run("a failed Query fails the listing", func(t *testing.T) {
		st := &slowClaims{experts: experts, fail: "e7"}
		if _, err := service(st).FreeSlots(context.Background(), q); err == nil || err.Error() != "query failed" {
			t.Errorf("got %v, want query failed", err)
		}
	})
}
