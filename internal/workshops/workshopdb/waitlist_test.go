package workshopdb_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/workshops"
)

type person struct {
	id, token string
}

// register registers people 0..n-1 in order and returns them.
func (f *fixture) register(eventID string, from, n int) []person {
	f.t.Helper()
	var out []person
	for i := from; i < from+n; i++ {
		r, err := f.svc.Register(context.Background(), eventID, input(i), nil)
		if err != nil {
			f.t.Fatalf("register %d: %v", i, err)
		}
		out = append(out, person{r.Registration.ID, r.Token})
	}
	return out
}

func (f *fixture) status(p person) workshops.Registration {
	f.t.Helper()
	r, err := f.store.GetRegistration(context.Background(), p.id)
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

// checkCounters: the seat counter equals confirmed plus offered, the
// waiting counter the waitlisted, and the list holds exactly those.
func (f *fixture) checkCounters(eventID string, capacity int) {
	f.t.Helper()
	regs, err := f.store.ListRegistrations(context.Background(), eventID)
	if err != nil {
		f.t.Fatal(err)
	}
	held, waiting := 0, 0
	for _, r := range regs {
		switch r.Status {
		case workshops.RegConfirmed, workshops.RegOffered:
			held++
		case workshops.RegWaitlisted:
			waiting++
		}
	}
	if got := f.counter("EVENT#"+eventID, "SEATS#in_person"); got != held || got > capacity {
		f.t.Errorf("seat counter: got %d, want %d (confirmed + offered) and at most %d", got, held, capacity)
	}
	if got := f.counter("EVENT#"+eventID, "SEATS#in_person#WAITING"); got != waiting {
		f.t.Errorf("waiting counter: got %d, want %d", got, waiting)
	}
	list, err := f.store.Waiting(context.Background(), eventID, workshops.SeatInPerson, 10_000)
	if err != nil {
		f.t.Fatal(err)
	}
	if len(list) != waiting {
		f.t.Errorf("waiting list: got %d entries, want %d", len(list), waiting)
	}
}

func TestOneRegistrationPerEmail(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.putEvent(event("e", 1))
	f.register("e", 0, 1)
	in := input(0)
	in.Contact.Email = "  UCASTNIK0@example.cz "
	if _, err := f.svc.Register(ctx, "e", in, nil); !apperr.Is(err, apperr.Conflict, workshops.ReasonAlreadyRegistered) {
		t.Errorf("same address again: got %v, want already_registered", err)
	}
	// Waitlisted too: the second person waits, and cannot join twice.
	f.register("e", 1, 1)
	if _, err := f.svc.Register(ctx, "e", input(1), nil); !apperr.Is(err, apperr.Conflict, workshops.ReasonAlreadyRegistered) {
		t.Errorf("same address on the waiting list: got %v, want already_registered", err)
	}
	f.checkCounters("e", 1)
}

func TestOrganisationLimit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := event("e", 10)
	e.OrgLimit = 2
	f.putEvent(e)
	reg := func(i int) error {
		in := input(i)
		in.TargetGroup = "provider"
		in.Organisation = workshops.OrganisationInput{Name: "Domov Slunečnice", ICO: "00551023"}
		_, err := f.svc.Register(ctx, "e", in, nil)
		return err
	}
	for i := range 2 {
		if err := reg(i); err != nil {
			t.Fatal(err)
		}
	}
	if err := reg(2); !apperr.Is(err, apperr.Conflict, workshops.ReasonOrganisationLimit) {
		t.Errorf("third of one IČO: got %v, want organisation_limit", err)
	}
	if got := f.counter("EVENT#e", "ORG#00551023"); got != 2 {
		t.Errorf("organisation counter: got %d, want 2", got)
	}
}

func TestCancelOffersTheSeatFirstInFirstOut(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.putEvent(event("e", 2))
	people := f.register("e", 0, 5) // 0, 1 confirmed; 2, 3, 4 waiting in this order
	for i, want := range []workshops.RegistrationStatus{"confirmed", "confirmed", "waitlisted", "waitlisted", "waitlisted"} {
		if got := f.status(people[i]); got.Status != want {
			t.Fatalf("person %d: got %s, want %s", i, got.Status, want)
		}
	}
	r, _ := f.svc.RegistrationByToken(ctx, people[4].id, people[4].token)
	if r.Position != 3 {
		t.Errorf("last waiting: position %d, want 3", r.Position)
	}

	// A confirmed person cancels: the first waiting gets the offer.
	if _, err := f.svc.Cancel(ctx, people[0].id, people[0].token, nil); err != nil {
		t.Fatal(err)
	}
	offered := f.status(people[2])
	if offered.Status != workshops.RegOffered {
		t.Fatalf("first waiting after a cancellation: got %s, want offered", offered.Status)
	}
	if want := e.OfferExpiry(now); !offered.OfferExpires.Equal(want) || !want.Equal(now.Add(24*time.Hour)) {
		t.Errorf("offer expires %v, want %v (24 h)", offered.OfferExpires, want)
	}
	f.checkCounters("e", 2)
	if r, _ := f.svc.RegistrationByToken(ctx, people[4].id, people[4].token); r.Position != 2 {
		t.Errorf("last waiting after the offer: position %d, want 2", r.Position)
	}

	// The cancelled address may register again (at the end of the list).
	if r, err := f.svc.Register(ctx, "e", input(0), nil); err != nil || r.Registration.Status != workshops.RegWaitlisted {
		t.Errorf("register again after cancelling: %v %v, want waitlisted", r.Registration.Status, err)
	}

	// Declining moves the offer to the next one.
	if _, err := f.svc.Decline(ctx, people[2].id, people[2].token, nil); err != nil {
		t.Fatal(err)
	}
	if got := f.status(people[3]).Status; got != workshops.RegOffered {
		t.Fatalf("next after a decline: got %s, want offered", got)
	}
	// Accepting confirms.
	acc, err := f.svc.Accept(ctx, people[3].id, people[3].token, nil)
	if err != nil || acc.Registration.Status != workshops.RegConfirmed {
		t.Fatalf("accept: %v %v", acc.Registration.Status, err)
	}
	if _, err := f.svc.Accept(ctx, people[4].id, people[4].token, nil); !apperr.Is(err, apperr.Conflict, workshops.ReasonNoOffer) {
		t.Errorf("accept without an offer: got %v, want no_offer", err)
	}
	f.checkCounters("e", 2)
}

func TestOfferExpiresAndMovesOn(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.putEvent(event("e", 1))
	people := f.register("e", 0, 3)
	if _, err := f.svc.Cancel(ctx, people[0].id, people[0].token, nil); err != nil {
		t.Fatal(err)
	}
	if got := f.status(people[1]).Status; got != workshops.RegOffered {
		t.Fatalf("got %s, want offered", got)
	}
	// Not yet due: the sweep leaves it.
	f.clock.Advance(23 * time.Hour)
	if res, err := f.svc.SweepOffers(ctx); err != nil || res.Expired != 0 {
		t.Fatalf("sweep before expiry: %+v %v", res, err)
	}
	f.clock.Advance(time.Hour)
	if _, err := f.svc.Accept(ctx, people[1].id, people[1].token, nil); !apperr.Is(err, apperr.Conflict, workshops.ReasonOfferExpired) {
		t.Errorf("accept at expiry: got %v, want offer_expired", err)
	}
	res, err := f.svc.SweepOffers(ctx)
	if err != nil || res.Expired != 1 {
		t.Fatalf("sweep: %+v %v, want 1 expired", res, err)
	}
	if got := f.status(people[1]).Status; got != workshops.RegExpired {
		t.Errorf("lapsed offer: got %s, want expired", got)
	}
	next := f.status(people[2])
	if next.Status != workshops.RegOffered {
		t.Fatalf("next after expiry: got %s, want offered", next.Status)
	}
	f.checkCounters("e", 1)
	// Near the event an offer is shorter: half the time left, never past
	// registration close (24 h before the start).
	e, _ := f.store.GetEvent(ctx, "e")
	late := e.RegistrationCloses.Add(-10 * time.Hour)
	if got := e.OfferExpiry(late); !got.Equal(e.RegistrationCloses) {
		t.Errorf("offer 10 h before close: expires %v, want the close %v", got, e.RegistrationCloses)
	}
}

// TestConcurrentCancellationsAndSweeps: cancellations racing each other and
// sweeps give exactly one offer per freed seat, to the first in line.
func TestConcurrentCancellationsAndSweeps(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const capacity, waiting, cancels = 10, 15, 8
	f.putEvent(event("e", capacity))
	people := f.register("e", 0, capacity+waiting)
	var wg sync.WaitGroup
	errs := make(chan error, cancels+4)
	for i := range cancels {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.svc.Cancel(ctx, people[i].id, people[i].token, nil); err != nil {
				errs <- fmt.Errorf("cancel %d: %w", i, err)
			}
		}()
	}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.svc.SweepOffers(ctx); err != nil {
				errs <- fmt.Errorf("sweep: %w", err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	offers := 0
	for i := capacity; i < capacity+waiting; i++ {
		st := f.status(people[i]).Status
		if i < capacity+cancels && st != workshops.RegOffered {
			t.Errorf("waiting person %d (among the first %d): got %s, want offered", i-capacity+1, cancels, st)
		}
		if i >= capacity+cancels && st != workshops.RegWaitlisted {
			t.Errorf("waiting person %d (after the first %d): got %s, want still waitlisted", i-capacity+1, cancels, st)
		}
		if st == workshops.RegOffered {
			offers++
		}
	}
	if offers != cancels {
		t.Errorf("offers: got %d, want one per freed seat (%d)", offers, cancels)
	}
	f.checkCounters("e", capacity)
}

// TestNewcomerNeverPassesAWaitingPerson: after capacity is raised, a seat
// is free while somebody waits; a new registration must not take it ahead
// of them: the waiting person gets the offer, the newcomer waits.
func TestNewcomerNeverPassesAWaitingPerson(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.putEvent(event("e", 1))
	people := f.register("e", 0, 2) // 0 confirmed, 1 waiting
	e.Capacity.InPerson, e.Version = 2, 2
	if err := f.store.PutEvent(ctx, e, 1); err != nil {
		t.Fatal(err)
	}
	r, err := f.svc.Register(ctx, "e", input(2), nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Registration.Status != workshops.RegWaitlisted {
		t.Errorf("newcomer while somebody waits: got %s, want waitlisted", r.Registration.Status)
	}
	if got := f.status(people[1]).Status; got != workshops.RegOffered {
		t.Errorf("the person waiting: got %s, want offered the freed seat", got)
	}
	f.checkCounters("e", 2)
}

// TestFillAfterCapacityRaised: Fill offers every new seat, first in line first.
func TestFillAfterCapacityRaised(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.putEvent(event("e", 1))
	people := f.register("e", 0, 4) // 0 confirmed, 1, 2, 3 waiting
	e.Capacity.InPerson, e.Version = 3, 2
	if err := f.store.PutEvent(ctx, e, 1); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Fill(ctx, "e"); err != nil {
		t.Fatal(err)
	}
	for i, want := range []workshops.RegistrationStatus{"confirmed", "offered", "offered", "waitlisted"} {
		if got := f.status(people[i]).Status; got != want {
			t.Errorf("person %d: got %s, want %s", i, got, want)
		}
	}
	f.checkCounters("e", 3)
}

// TestFIFOUnderConcurrentJoins: people join a full event at once; as seats
// free one by one, the offers go in the order of their tickets.
func TestFIFOUnderConcurrentJoins(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.putEvent(event("e", 1))
	holder := f.register("e", 0, 1)[0]
	const n = 20
	regs := make([]workshops.Registered, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := f.svc.Register(ctx, "e", input(100+i), nil)
			if err != nil {
				t.Errorf("join %d: %v", i, err)
			}
			regs[i] = r
		}()
	}
	wg.Wait()
	byTicket := map[string]workshops.Registered{}
	var tickets []string
	for _, r := range regs {
		if r.Registration.Status != workshops.RegWaitlisted {
			t.Fatalf("join: got %s, want waitlisted", r.Registration.Status)
		}
		byTicket[r.Registration.Queue] = r
		tickets = append(tickets, r.Registration.Queue)
	}
	slices.Sort(tickets)
	// Free the seat, then pass it on by declining: each offer goes to the
	// next ticket.
	if _, err := f.svc.Cancel(ctx, holder.id, holder.token, nil); err != nil {
		t.Fatal(err)
	}
	for i, q := range tickets {
		r := byTicket[q]
		got := f.status(person{r.Registration.ID, r.Token})
		if got.Status != workshops.RegOffered {
			t.Fatalf("ticket %d (%s): got %s, want the offer", i+1, q, got.Status)
		}
		if i+1 < len(tickets) {
			if next := byTicket[tickets[i+1]]; f.status(person{next.Registration.ID, next.Token}).Status != workshops.RegWaitlisted {
				t.Fatalf("ticket %d has an offer before ticket %d declined", i+2, i+1)
			}
		}
		if _, err := f.svc.Decline(ctx, r.Registration.ID, r.Token, nil); err != nil {
			t.Fatal(err)
		}
	}
	f.checkCounters("e", 1)
}
