package consultations

import (
	"testing"
	"time"
)

func TestLimitsFromEnv(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	l, err := LimitsFromEnv(env(nil))
	if err != nil || l != (Limits{PerPerson: 2, PerOrganisation: 6, Reschedules: 3}) {
		t.Errorf("defaults: got %+v %v, want 2, 6, 3", l, err)
	}
	l, err = LimitsFromEnv(env(map[string]string{EnvLimitPerPerson: "1", EnvLimitPerOrganisation: "10", EnvRescheduleLimit: "0"}))
	if err != nil || l != (Limits{PerPerson: 1, PerOrganisation: 10, Reschedules: 0}) {
		t.Errorf("set: got %+v %v, want 1, 10, 0", l, err)
	}
	for _, bad := range []map[string]string{{EnvLimitPerPerson: "0"}, {EnvLimitPerOrganisation: "six"}, {EnvRescheduleLimit: "-1"}, {EnvLimitPerPerson: "51"}} {
		if _, err := LimitsFromEnv(env(bad)); err == nil {
			t.Errorf("%v: got no error", bad)
		}
	}
}

func TestIdentities(t *testing.T) {
	key := []byte("k")
	a, _ := NewIdentity(key, IdentityEmail, " Marie@Example.CZ ")
	b, _ := NewIdentity(key, IdentityEmail, "marie@example.cz")
	if a != b {
		t.Error("an e-mail address differently cased is another identity")
	}
	i1, _ := NewIdentity(key, IdentityICO, "005 51 023")
	i2, _ := NewIdentity(key, IdentityICO, "00551023")
	if i1 != i2 {
		t.Error("an IČO with spaces is another identity")
	}
	if p, _ := NewIdentity(key, IdentityPhone, "00551023"); p.Hash == i2.Hash {
		t.Error("a phone and an IČO with the same digits share a hash")
	}
	if other, _ := NewIdentity([]byte("other key"), IdentityEmail, "marie@example.cz"); other.Hash == b.Hash {
		t.Error("the hash does not depend on the key")
	}
	if _, ok := NewIdentity(key, IdentityICO, ""); ok {
		t.Error("an empty IČO has an identity")
	}
}

func TestLimitPlans(t *testing.T) {
	b := confirmed()
	b.Holds = []Hold{{Identity: Identity{Kind: IdentityEmail, Hash: "e"}, N: 2}}
	b.IdempotencyKeys = []string{"k1", "k2"}

	t.Run("the reschedule cap", func(t *testing.T) {
		l := DefaultLimits()
		for n, want := range map[int]string{0: "<nil>", 2: "<nil>", 3: "conflict reschedule_limit", 4: "conflict reschedule_limit"} {
			c := b
			c.Reschedules = n
			if got := reasonOf(CanReschedule(c, l)); got != want {
				t.Errorf("after %d moves: got %s, want %s", n, got, want)
			}
		}
	})
	t.Run("a reschedule counts and moves the holds with it", func(t *testing.T) {
		w := PlanReschedule(b, Expert{Availability: DefaultAvailability()}, b.Start.Add(24*time.Hour), decideNow)
		if w.Booking.Reschedules != 1 || len(w.Hold) != 1 || len(w.Unhold) != 0 {
			t.Errorf("got count %d, hold %v, unhold %v; want 1, the booking's hold, none", w.Booking.Reschedules, w.Hold, w.Unhold)
		}
	})
	t.Run("a cancel gives the holds back", func(t *testing.T) {
		w := PlanCancel(b, decideNow)
		if len(w.Unhold) != 1 || len(w.Booking.Holds) != 0 {
			t.Errorf("got unhold %v, booking holds %v; want the hold given back", w.Unhold, w.Booking.Holds)
		}
	})
	t.Run("an erasure deletes the holds and the idempotency records", func(t *testing.T) {
		p, err := PlanErasure(b, decideNow)
		if err != nil {
			t.Fatal(err)
		}
		w := p.Write
		if len(w.Unhold) != 1 || len(w.DeleteIdempotency) != 2 || len(w.Booking.Holds) != 0 || len(w.Booking.IdempotencyKeys) != 0 {
			t.Errorf("got unhold %v, delete idempotency %v, booking %v %v", w.Unhold, w.DeleteIdempotency, w.Booking.Holds, w.Booking.IdempotencyKeys)
		}
	})
}
