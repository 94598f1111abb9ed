package workshopdb_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/workshops"
)

func input(i int) workshops.RegistrationInput {
	return workshops.RegistrationInput{
		Contact:     workshops.ContactInput{Name: fmt.Sprintf("Účastník %d", i), Email: fmt.Sprintf("ucastnik%d@example.cz", i)},
		TargetGroup: "client", Region: "CZ064",
		Consent: workshops.ConsentInput{Accepted: true, NoticeVersion: workshops.PrivacyNoticeVersion},
	}
}

// TestRush: 1,000 concurrent registrations for 30 seats → exactly 30
// confirmed, the rest waitlisted in the order the server accepted them,
// counters equal to the items.
func TestRush(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.putEvent(event("rush", 30))

	const n, workers = 1000, 32
	type result struct {
		reg  workshops.Registration
		took time.Duration
		err  error
	}
	results := make([]result, n)
	jobs := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				t0 := time.Now()
				r, err := f.svc.Register(ctx, "rush", input(i), nil)
				results[i] = result{r.Registration, time.Since(t0), err}
			}
		}()
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	total := time.Since(start)

	var confirmed, waitlisted []workshops.Registration
	var took []time.Duration
	for i, r := range results {
		if r.err != nil {
			t.Fatalf("registration %d: %v", i, r.err)
		}
		took = append(took, r.took)
		switch r.reg.Status {
		case workshops.RegConfirmed:
			confirmed = append(confirmed, r.reg)
		case workshops.RegWaitlisted:
			waitlisted = append(waitlisted, r.reg)
		default:
			t.Errorf("registration %d: status %s", i, r.reg.Status)
		}
	}
	slices.Sort(took)
	t.Logf("rush: %d registrations for 30 seats with %d workers in %v: %d confirmed, %d waitlisted; latency p50 %v, p99 %v",
		n, workers, total.Round(time.Millisecond), len(confirmed), len(waitlisted), took[n/2].Round(time.Millisecond), took[n*99/100].Round(time.Millisecond))
	if len(confirmed) != 30 || len(waitlisted) != n-30 {
		t.Fatalf("got %d confirmed and %d waitlisted, want 30 and %d", len(confirmed), len(waitlisted), n-30)
	}
	// Counters equal the items.
	if got := f.counter("EVENT#rush", "SEATS#in_person"); got != 30 {
		t.Errorf("seat counter: got %d, want 30", got)
	}
	if got := f.counter("EVENT#rush", "SEATS#in_person#WAITING"); got != n-30 {
		t.Errorf("waiting counter: got %d, want %d", got, n-30)
	}
	stored, err := f.store.ListRegistrations(ctx, "rush")
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != n {
		t.Errorf("stored registrations: got %d, want %d", len(stored), n)
	}
	// The waiting list is in the order the server accepted people into
	// it: distinct tickets, and the list read back is in ticket order with
	// every waitlisted registration in it once.
	sort.Slice(waitlisted, func(i, j int) bool { return waitlisted[i].Queue < waitlisted[j].Queue })
	for i := 1; i < len(waitlisted); i++ {
		if waitlisted[i].Queue == waitlisted[i-1].Queue {
			t.Fatalf("two registrations with ticket %s", waitlisted[i].Queue)
		}
	}
	list, err := f.store.Waiting(ctx, "rush", workshops.SeatInPerson, n)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(waitlisted) {
		t.Fatalf("waiting list: got %d entries, want %d", len(list), len(waitlisted))
	}
	for i, w := range list {
		if w.RegistrationID != waitlisted[i].ID || w.Queue != waitlisted[i].Queue {
			t.Fatalf("waiting list entry %d: got %+v, want %s (%s)", i, w, waitlisted[i].ID, waitlisted[i].Queue)
		}
	}
	// Positions as the person sees them: 1 for the first ticket, and so on.
	for _, i := range []int{0, 1, 2, 100, 500, len(waitlisted) - 1} {
		ahead, err := f.store.WaitingAhead(ctx, "rush", workshops.SeatInPerson, waitlisted[i].Queue)
		if err != nil {
			t.Fatal(err)
		}
		if ahead != i {
			t.Errorf("the %d-th ticket has %d ahead, want %d", i+1, ahead, i)
		}
	}
}
