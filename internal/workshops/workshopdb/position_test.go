package workshopdb_test

import (
	"context"
	"testing"

	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// countingAhead is the store, counting the counting Queries of a waiting
// list.
type countingAhead struct {
	*workshopdb.Store
	queries int
}

func (s *countingAhead) WaitingAhead(ctx context.Context, eventID string, seat workshops.Seat, queue string) (int, error) {
	s.queries++
	return s.Store.WaitingAhead(ctx, eventID, seat, queue)
}

// TestRegisterPlaceWithoutCountingTheList: a new registration's place in
// the waiting list (in the answer and its e-mail) comes from the waiting
// counter, not from a counting Query of the whole list, which in the rush
// was half of DynamoDB Local's time per registration; the places are
// still right, also after someone leaves the list.
func TestRegisterPlaceWithoutCountingTheList(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.putEvent(event("e", 1))
	store := &countingAhead{Store: f.store}
	svc := *f.svc
	svc.Store = store

	var tokens []string
	var ids []string
	for i, want := range []int{0, 1, 2, 3} {
		r, err := svc.Register(ctx, "e", input(i), nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Registration.Position != want {
			t.Errorf("registration %d: place %d, want %d", i, r.Registration.Position, want)
		}
		ids, tokens = append(ids, r.Registration.ID), append(tokens, r.Token)
	}
	if store.queries != 0 {
		t.Errorf("registering ran %d counting Queries of the waiting list, want 0", store.queries)
	}

	// The first waiting leaves the list: the next one is second, not third.
	if _, err := svc.Cancel(ctx, ids[1], tokens[1], nil); err != nil {
		t.Fatal(err)
	}
	r, err := svc.Register(ctx, "e", input(9), nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Registration.Position != 3 {
		t.Errorf("after one left the list: place %d, want 3", r.Registration.Position)
	}
	f.checkCounters("e", 1)
}
