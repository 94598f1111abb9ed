package idempotency

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/apperr"
)

// records is an in-memory Reader: the flow's logic is tested here; the
// DynamoDB record and its race condition are tested in internal/dynamo and
// internal/consultations/consultdb against DynamoDB Local.
type records struct {
	m     map[string]Record
	reads int
	err   error
}

func (r *records) GetIdempotency(_ context.Context, hash string) (Record, error) {
	r.reads++
	if r.err != nil {
		return Record{}, r.err
	}
	rec, ok := r.m[hash]
	if !ok {
		return Record{}, apperr.New(apperr.NotFound, "not_found")
	}
	return rec, nil
}

var testSecret = []byte("0123456789abcdef0123456789abcdef")

func TestRun(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	key, err := FromHeader(testSecret, "k1", "POST /v1/things", []byte(`{"a":1}`))
	if err != nil {
		t.Fatal(err)
	}
	other, _ := FromHeader(testSecret, "k1", "POST /v1/things", []byte(`{"a":2}`))
	replay := func(rec Record) (string, error) { return "replay of " + rec.ResourceID, nil }

	t.Run("without a key the work runs and nothing is read", func(t *testing.T) {
		st := &records{}
		got, err := Run(ctx, st, nil, clock, func() (string, error) { return "done", nil }, replay)
		if got != "done" || err != nil || st.reads != 0 {
			t.Errorf("got %q %v after %d reads, want done <nil> after 0", got, err, st.reads)
		}
	})
	t.Run("a first request does the work", func(t *testing.T) {
		st := &records{m: map[string]Record{}}
		got, err := Run(ctx, st, key, clock, func() (string, error) { return "done", nil }, replay)
		if got != "done" || err != nil {
			t.Errorf("got %q %v, want done <nil>", got, err)
		}
	})
	t.Run("a retry replays the record and does no work", func(t *testing.T) {
		st := &records{m: map[string]Record{key.Hash(): key.Record(201, "r1", "", now.Add(-time.Minute))}}
		got, err := Run(ctx, st, key, clock, func() (string, error) { t.Error("work ran"); return "", nil }, replay)
		if got != "replay of r1" || err != nil {
			t.Errorf("got %q %v, want replay of r1", got, err)
		}
	})
	t.Run("the same key with another body is refused", func(t *testing.T) {
		st := &records{m: map[string]Record{key.Hash(): key.Record(201, "r1", "", now)}}
		_, err := Run(ctx, st, other, clock, func() (string, error) { t.Error("work ran"); return "", nil }, replay)
		if !apperr.Is(err, apperr.Unprocessable, ReasonKeyReused) {
			t.Errorf("got %v, want unprocessable %s", err, ReasonKeyReused)
		}
	})
	t.Run("an expired record is no record", func(t *testing.T) {
		st := &records{m: map[string]Record{key.Hash(): key.Record(201, "r1", "", now.Add(-TTL-time.Second))}}
		got, err := Run(ctx, st, key, clock, func() (string, error) { return "done", nil }, replay)
		if got != "done" || err != nil {
			t.Errorf("got %q %v, want done", got, err)
		}
	})
	t.Run("a race lost to a finished request replays it", func(t *testing.T) {
		st := &records{m: map[string]Record{}}
		got, err := Run(ctx, st, key, clock, func() (string, error) {
			st.m[key.Hash()] = key.Record(201, "r2", "", now) // the other request commits first
			return "", apperr.New(apperr.Conflict, ReasonRace)
		}, replay)
		if got != "replay of r2" || err != nil {
			t.Errorf("got %q %v, want replay of r2", got, err)
		}
	})
	t.Run("any conflict with a copy that finished meanwhile replays it", func(t *testing.T) {
		// The copy's pre-check or transaction saw the slot its own twin
		// just took (or the booking its twin just changed).
		for _, reason := range []string{"slot_taken", "booking_changed", "booking_limit"} {
			st := &records{m: map[string]Record{}}
			got, err := Run(ctx, st, key, clock, func() (string, error) {
				st.m[key.Hash()] = key.Record(201, "r3", "", now)
				return "", apperr.New(apperr.Conflict, reason)
			}, replay)
			if got != "replay of r3" || err != nil {
				t.Errorf("%s: got %q %v, want replay of r3", reason, got, err)
			}
		}
	})
	t.Run("a race with a request still running is in progress", func(t *testing.T) {
		st := &records{m: map[string]Record{}}
		_, err := Run(ctx, st, key, clock, func() (string, error) { return "", apperr.New(apperr.Conflict, ReasonRace) }, replay)
		if !apperr.Is(err, apperr.Conflict, ReasonInProgress) {
			t.Errorf("got %v, want conflict %s", err, ReasonInProgress)
		}
	})
	t.Run("other failures of the work come back unchanged", func(t *testing.T) {
		st := &records{m: map[string]Record{}}
		want := apperr.New(apperr.Conflict, "slot_taken")
		_, err := Run(ctx, st, key, clock, func() (string, error) { return "", want }, replay)
		if !errors.Is(err, want) {
			t.Errorf("got %v, want %v", err, want)
		}
	})
	t.Run("a failed read is an error, not a first request", func(t *testing.T) {
		st := &records{err: fmt.Errorf("network")}
		_, err := Run(ctx, st, key, clock, func() (string, error) { t.Error("work ran"); return "", nil }, replay)
		if err == nil || apperr.CodeOf(err) != apperr.Internal {
			t.Errorf("got %v, want an internal error", err)
		}
	})
}
